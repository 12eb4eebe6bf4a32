#!/bin/sh
# suite.sh: the whole test suite, from a fresh clone on Debian 12.
#
# Installs what the build and the tests need (as root; Debian's own
# libvirt is installed as the reference the tests compare against, never
# run in place of virtplug's binaries), builds the tree if it has not been
# built, runs `make check`, and ends with the line
#   N passed, N failed[, N skipped]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

missing=
for pkg in $(cat tests/debian-packages.txt); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "suite.sh: missing packages:$missing (run as root to install them)" >&2
        exit 2
    fi
    echo "suite.sh: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || exit 2
fi

jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f Makefile ]; then
    # configure's stderr carries autoconf's "rm: cannot remove 'core'"
    # (its probes clean up core dumps, and core/ is our directory); it
    # is kept in configure.err and shown only when configure fails.
    ./autogen.sh >/dev/null 2>&1 && ./configure --enable-werror >/dev/null 2>configure.err || {
        cat configure.err >&2
        echo "suite.sh: configure failed (see config.log)" >&2
        exit 2
    }
fi
make -j"$jobs" >/dev/null || { echo "suite.sh: build failed" >&2; make 2>&1 | tail -30; exit 2; }

make -j"$jobs" -k check
status=$?

# Count TAP results across every test's .trs file.
passed=0; failed=0; skipped=0
for trs in $(find tests -name '*.trs'); do
    p=$(grep -c '^:test-result: PASS' "$trs"); f=$(grep -c -E '^:test-result: (FAIL|ERROR|XPASS)' "$trs")
    s=$(grep -c '^:test-result: SKIP' "$trs")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
[ "$status" = 0 ] || [ "$failed" != 0 ] || failed=1
if [ "$skipped" != 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
