#!/bin/sh
# run-rpc-fuzz.sh: build tests/fuzz/rpcserverfuzz.c with clang's
# libFuzzer and ASan/LSan and run it for a bounded time (default 30 s).
#
# Usage: tests/fuzz/run-rpc-fuzz.sh [SECONDS]
# Needs clang and libclang-rt-14-dev (Debian); exits 77 without them.
# Exit status: 0 when no crash or leak was found.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${VIRTPLUG_BUILDDIR:-$top}
secs=${1:-30}
CLANG=${CLANG:-clang}

command -v "$CLANG" > /dev/null 2>&1 || { echo "clang not found"; exit 77; }
[ -f "$builddir/rpc/remote_protocol.c" ] && \
[ -f "$builddir/daemon/remote_dispatch_gen.c" ] && \
[ -f "$builddir/util/.libs/libvirtplug_util.a" ] || {
    echo "build the tree first (make)"; exit 77; }

tmp=$(mktemp -d /tmp/virtplug-fuzz.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT

flags="-g -O1 -fsanitize=fuzzer,address -fno-omit-frame-pointer -w \
  -I$builddir -I$top/util -I$top/conf -I$top/core/include \
  -I$builddir/core/include -I$top/rpc -I$builddir/rpc -I$top/daemon \
  -I$builddir/daemon -DRUNSTATEDIR=\"/run\" \
  $(pkg-config --cflags glib-2.0 libtirpc libxml-2.0 gnutls)"
sources="$top/tests/fuzz/rpcserverfuzz.c \
  $top/rpc/virnetframe.c $top/rpc/virnetmessage.c $top/rpc/virnetserver.c \
  $top/rpc/virnetsocket.c $top/rpc/virnettlscontext.c \
  $top/rpc/virnetstream.c $top/rpc/virnetserverstream.c \
  $builddir/rpc/virnetprotocol.c $builddir/rpc/virkeepaliveprotocol.c \
  $builddir/rpc/remote_protocol.c $builddir/rpc/qemu_protocol.c \
  $builddir/daemon/remote_dispatch_gen.c $top/daemon/remote_dispatch_connect.c \
  $top/daemon/remote_dispatch_domain.c $top/daemon/remote_dispatch_event.c \
  $top/daemon/remote_dispatch_stream.c $top/daemon/remote_dispatch_fds.c"
# shellcheck disable=SC2086
if ! "$CLANG" $flags -o "$tmp/rpcserverfuzz" $sources \
        "$builddir/util/.libs/libvirtplug_util.a" \
        -L"$builddir/core/.libs" -lvirt \
        $(pkg-config --libs glib-2.0 libtirpc libxml-2.0 gnutls) \
        > "$tmp/build.log" 2>&1; then
    cat "$tmp/build.log"
    grep -q "libclang_rt.fuzzer\|fsanitize=fuzzer" "$tmp/build.log" && exit 77
    exit 1
fi

mkdir -p "$tmp/corpus"
# Seeds: a CONNECT_OPEN call and a keepalive PING, as a client sends them.
printf '\000\000\000\050\040\000\200\206\000\000\000\001\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\000' \
    > "$tmp/corpus/open"
printf '\000\000\000\034\153\145\145\160\000\000\000\001\000\000\000\001\000\000\000\002\000\000\000\000\000\000\000\000' \
    > "$tmp/corpus/ping"

LD_LIBRARY_PATH="$builddir/core/.libs" ASAN_OPTIONS=detect_leaks=1 \
    "$tmp/rpcserverfuzz" -max_total_time="$secs" -max_len=4096 \
    -rss_limit_mb=1024 "$tmp/corpus"
