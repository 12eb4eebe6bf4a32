#!/bin/sh
# fuzz-bounded.sh: the libFuzzer targets, each for a bounded time, as
# part of the suite: the XML parsers (domain, snapshot) on their golden
# corpus, and the RPC server's message decoder.  A crash, a leak or a
# sanitizer report fails.  VIRTPLUG_FUZZ_SECONDS sets the time per
# target (default 10).  Prints TAP.

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
secs=${VIRTPLUG_FUZZ_SECONDS:-10}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

echo "1..2"
n=0
for target in "run-fuzz.sh:XML parsers (domain, snapshot)" \
              "run-rpc-fuzz.sh:RPC server decoder"; do
    n=$((n + 1))
    script=${target%%:*}
    what=${target#*:}
    VIRTPLUG_FUZZ_BUILDDIR="$tmp/build$n" sh "$srcdir/fuzz/$script" "$secs" > "$tmp/log$n" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        echo "ok $n - $what fuzzed for ${secs}s: no crash, no leak"
    else
        echo "not ok $n - $what fuzzing failed (exit $rc)"
        tail -40 "$tmp/log$n" | sed 's/^/# /'
    fi
done
