#!/bin/sh
# run-fuzz.sh: build the libFuzzer targets of the XML parsers with clang
# (ASan + LSan + UBSan) and run each for a bounded time on the golden
# corpus.  Fails on a crash, a leak, a sanitizer report, or our own
# output not parsing back.
#
# Usage: run-fuzz.sh [--build-only] [SECONDS]     (default 20 s each)
# Needs clang and its runtime (Debian: clang, libclang-rt-14-dev or
# the llvm-14 runtime that clang-14 ships), libglib2.0-dev, libxml2-dev.
# Exits 77 (skip) when clang cannot build a fuzzer.
set -u

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
top=$(cd "$srcdir/.." && pwd)
builddir=${VIRTPLUG_FUZZ_BUILDDIR:-$top/tests/fuzz/build}
CC=${FUZZ_CC:-clang}
build_only=no
[ "${1:-}" = "--build-only" ] && { build_only=yes; shift; }
seconds=${1:-20}

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "1..0 # SKIP $CC is not installed"
    exit 77
fi
mkdir -p "$builddir" || exit 1

cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
  -DHAVE_CONFIG_H -DSCHEMADIR=\"$top/docs/schemas\" -DLOCALEDIR=\"/usr/share/locale\"
  -I${VIRTPLUG_BUILDDIR:-$top} -I$top -I$top/util -I$top/conf -I$top/core/include
  $(pkg-config --cflags glib-2.0 libxml-2.0)"
libs="$(pkg-config --libs glib-2.0 libxml-2.0)"
# the model and what it needs, compiled once with the sanitizers
sources="$top/util/virbuffer.c $top/util/virenum.c $top/util/virerror.c
  $top/util/virfile.c $top/util/virlog.c $top/util/virstring.c
  $top/util/viruri.c $top/util/viruuid.c $top/util/virxml.c
  $top/util/virstoragefile.c $top/util/virstoragefilechain.c
  $top/util/virstorageheader.c
  $(ls "$top"/conf/domain_*.c "$top"/conf/cpu_conf.c "$top"/conf/snapshot_conf.c "$top"/conf/virconfxml.c |
    grep -v domain_event)"

build() {
    target=$1
    # shellcheck disable=SC2086
    $CC $cflags -o "$builddir/$target" "$srcdir/fuzz/$target.c" $sources $libs \
        >"$builddir/$target.log" 2>&1
}

n=0
failed=0
echo "1..4"
for target in domainxmlfuzz snapshotxmlfuzz; do
    n=$((n + 1))
    if build $target; then
        echo "ok $n - build $target"
    else
        echo "not ok $n - build $target"
        sed 's/^/# /' "$builddir/$target.log" | tail -n 20
        failed=$((failed + 1))
        n=$((n + 1))
        echo "not ok $n - run $target # not built"
        continue
    fi
    n=$((n + 1))
    if [ "$build_only" = yes ]; then
        echo "ok $n - run $target # SKIP --build-only"
        continue
    fi
    case $target in
        domainxmlfuzz) corpus=$srcdir/domainxml2xmldata ;;
        *) corpus=$srcdir/snapshotxml2xmldata ;;
    esac
    # a scratch copy: libFuzzer adds what it finds to its first directory
    work=$builddir/$target-corpus
    rm -rf "$work" && mkdir -p "$work" && cp "$corpus"/*.xml "$work"/
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
       UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
       "$builddir/$target" -max_total_time="$seconds" -timeout=10 \
           -rss_limit_mb=2048 -print_final_stats=1 \
           -artifact_prefix="$builddir/$target-" "$work" \
           >"$builddir/$target.run.log" 2>&1; then
        echo "ok $n - run $target for ${seconds}s"
    else
        echo "not ok $n - run $target for ${seconds}s"
        grep -E "ERROR|SUMMARY|==ABORT|artifact" "$builddir/$target.run.log" |
            sed 's/^/# /' | head -n 20
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
