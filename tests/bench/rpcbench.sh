#!/bin/sh
# rpcbench.sh: virtplugd against Debian's libvirtd, side by side
#
# Not part of `make check`.  Starts virtplugd from the build tree and a
# private libvirtd (test driver only, as in remote-interop.sh), each on
# its own UNIX socket, and measures with /usr/bin/python3 and
# python3-libvirt: virDomainGetInfo calls/s with 1 and 8 client
# processes, and listAllDomains calls/s with 1,000 domains defined; then
# tests/bench/rpcbench.c through virtplug's own client library, beside
# a raw UNIX-socket ping-pong of the same message sizes between two
# threads and between two processes (rates and median round trips: on a
# loaded machine the median is the steadier figure); and both daemons'
# RSS.  Targets (issue 6): at least 2x libvirtd's calls/s,
# GetInfo round trip within 1.5x of the raw ping-pong, less memory.
#
# Usage: tests/bench/rpcbench.sh [SECONDS-PER-FIGURE]   (needs root)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${VIRTPLUG_BUILDDIR:-$top}
secs=${1:-3}
PYTHON=/usr/bin/python3
LIBVIRTD=/usr/sbin/libvirtd

for prog in "$PYTHON" "$LIBVIRTD" "$builddir/daemon/virtplugd"; do
    [ -x "$prog" ] || { echo "rpcbench: $prog not found" >&2; exit 1; }
done
"$PYTHON" -c 'import libvirt' || exit 1

tmp=$(mktemp -d /tmp/virtplug-bench.XXXXXX) || exit 1
pids=
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null; done
    for pid in $pids; do wait "$pid" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/vp" "$tmp/lv" "$tmp/nodrivers"
printf 'unix_sock_dir = "%s"\n' "$tmp/vp" > "$tmp/virtplugd.conf"
printf 'unix_sock_dir = "%s"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n' \
    "$tmp/lv" > "$tmp/libvirtd.conf"
"$builddir/run" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    > "$tmp/virtplugd.log" 2>&1 &
vppid=$!
LIBVIRT_DRIVER_DIR="$tmp/nodrivers" "$LIBVIRTD" -f "$tmp/libvirtd.conf" \
    > "$tmp/libvirtd.log" 2>&1 &
lvpid=$!
pids="$vppid $lvpid"
for i in $(seq 1 50); do
    [ -S "$tmp/vp/libvirt-sock" ] && [ -S "$tmp/lv/libvirt-sock" ] && break
    sleep 0.1
done
VP="test+unix:///default?socket=$tmp/vp/libvirt-sock"
LV="test+unix:///default?socket=$tmp/lv/libvirt-sock"

rss() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

cat > "$tmp/bench.py" <<'EOF'
import multiprocessing
import sys
import time
import libvirt

uri, what, clients, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

def worker(queue):
    conn = libvirt.open(uri)
    dom = conn.lookupByName("test")
    call = dom.info if what == "getinfo" else conn.listAllDomains
    if what == "list" and len(call()) < 1000:
        sys.exit("rpcbench: the defined domains are gone")
    n = 0
    end = time.monotonic() + secs
    while time.monotonic() < end:
        call()
        n += 1
    queue.put(n)
    conn.close()

if what == "define":
    conn = libvirt.open(uri)
    for i in range(clients):
        conn.defineXML("<domain type='test'><name>bench%04d</name>"
                       "<memory>65536</memory><os><type>hvm</type></os>"
                       "</domain>" % i)
    print(len(conn.listAllDomains()), flush=True)
    # test:///default lives as long as one connection to it does: hold
    # this one until the shell is done with the defined domains.
    sys.stdin.read()
    sys.exit(0)
queue = multiprocessing.Queue()
procs = [multiprocessing.Process(target=worker, args=(queue,))
         for _ in range(clients)]
for p in procs:
    p.start()
total = sum(queue.get() for _ in procs)
for p in procs:
    p.join()
print("%.0f" % (total / secs))
EOF

bench() {
    "$PYTHON" "$tmp/bench.py" "$1" "$2" "$3" "$secs"
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
row() {
    printf '%-34s %12s %12s %8s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"
}

printf '%-34s %12s %12s %8s\n' "python3-libvirt, calls/s" virtplugd libvirtd ratio
row "GetInfo, 1 client" "$(bench "$VP" getinfo 1)" "$(bench "$LV" getinfo 1)"
row "GetInfo, 8 clients" "$(bench "$VP" getinfo 8)" "$(bench "$LV" getinfo 8)"
vprss_small=$(rss $vppid)
lvrss_small=$(rss $lvpid)
# Each holder defines the domains and keeps its connection (and so the
# test driver's state) until its stdin, a fifo, closes.
mkfifo "$tmp/hold-vp" "$tmp/hold-lv"
"$PYTHON" "$tmp/bench.py" "$VP" define 1000 "$secs" < "$tmp/hold-vp" > "$tmp/count-vp" &
holders=$!
exec 3> "$tmp/hold-vp"
"$PYTHON" "$tmp/bench.py" "$LV" define 1000 "$secs" < "$tmp/hold-lv" > "$tmp/count-lv" &
holders="$holders $!"
exec 4> "$tmp/hold-lv"
while [ ! -s "$tmp/count-vp" ] || [ ! -s "$tmp/count-lv" ]; do sleep 0.1; done
row "listAllDomains ($(cat "$tmp/count-vp")/$(cat "$tmp/count-lv") domains)" \
    "$(bench "$VP" list 1)" "$(bench "$LV" list 1)"
echo
printf '%-34s %12s %12s %8s\n' "daemon RSS, kB" virtplugd libvirtd ratio
row "after GetInfo runs" "$vprss_small" "$lvrss_small"
row "with the domains defined" "$(rss $vppid)" "$(rss $lvpid)"
exec 3>&- 4>&-
wait $holders
echo

# virtplug's client library (remote.so) against the raw ping-pong.
if cc -O2 -o "$tmp/rpcbench" "$top/tests/bench/rpcbench.c" \
        -I"$top/core/include" -I"$builddir/core/include" \
        -L"$builddir/core/.libs" -lvirt -lpthread 2> "$tmp/cc.log"; then
    "$builddir/run" "$tmp/rpcbench" "$VP" "$secs" > "$tmp/c.out"
    field() {
        awk -v what="$1" -v col="$2" '$1 == what { print $col }' "$tmp/c.out"
    }
    printf '%-34s %12s %12s\n' "C, round trips" "per second" "median us"
    printf '%-34s %12s %12s\n' "virtplug GetInfo (remote.so)" \
        "$(field getinfo 2)" "$(field getinfo 3)"
    printf '%-34s %12s %12s\n' "raw ping-pong, two threads" \
        "$(field pingpong 2)" "$(field pingpong 3)"
    printf '%-34s %12s %12s\n' "raw ping-pong, two processes" \
        "$(field pingpong-process 2)" "$(field pingpong-process 3)"
    printf '%-34s %12s %12s\n' "ping-pong(threads) / GetInfo" \
        "$(ratio "$(field pingpong 2)" "$(field getinfo 2)")" \
        "$(ratio "$(field getinfo 3)" "$(field pingpong 3)")"
    printf '%-34s %12s %12s\n' "ping-pong(processes) / GetInfo" \
        "$(ratio "$(field pingpong-process 2)" "$(field getinfo 2)")" \
        "$(ratio "$(field getinfo 3)" "$(field pingpong-process 3)")"
    echo "(target: GetInfo within 1.5x of the raw ping-pong)"
else
    echo "rpcbench.c did not build:"
    cat "$tmp/cc.log"
fi
