#!/bin/sh
# remote-load.sh: virtplugd under many clients, churn and garbage
#
# 64 python3-libvirt clients call concurrently, then 1,000 connections
# open and close one after the other; in between, raw garbage (bad
# length words, bad headers, truncated packets, random bytes) is written
# to the daemon's socket.  The daemon must keep serving, and its RSS
# after the load must come back near its level after warm-up: within
# RSS_TOLERANCE_KB (default 8 MiB: 20 worker threads each keep a malloc
# arena and a stack).  TAP output; skips (77) without python3-libvirt.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

# Skip (TAP plan 1..0) when a plugin this test needs is configured out.
for needed in test remote; do
    case " ${VIRTPLUG_PLUGINS-test remote} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
PYTHON=/usr/bin/python3
TOLERANCE=${RSS_TOLERANCE_KB:-8192}

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ -x "$builddir/daemon/virtplugd" ] || skip "virtplugd not built"
[ -x "$PYTHON" ] || skip "$PYTHON not found"
"$PYTHON" -c 'import libvirt' 2>/dev/null || skip "python3-libvirt not installed"

tmp=$(mktemp -d /tmp/virtplug-load.XXXXXX) || exit 1
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/sock"
SOCK="$tmp/sock/libvirt-sock"
URI="test+unix:///default?socket=$SOCK"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/sock"
max_clients = 200
EOF
"$builddir/run" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    --timeout 120 > "$tmp/virtplugd.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do
    [ -S "$SOCK" ] && break
    sleep 0.1
done

rss() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null
}

n=0
failed=0
check() {
    n=$((n + 1))
    if [ "$2" = 0 ]; then
        echo "ok $n - $1"
    else
        failed=$((failed + 1))
        echo "not ok $n - $1"
        [ -s "$tmp/out" ] && sed 's/^/# /' "$tmp/out"
    fi
    : > "$tmp/out"
}

cat > "$tmp/load.py" <<'EOF'
import sys
import threading
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
uri, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
errors = []

def client(calls):
    try:
        conn = libvirt.open(uri)
        dom = conn.lookupByName("test")
        for _ in range(calls):
            dom.info()
            conn.listAllDomains()
        conn.close()
    except libvirt.libvirtError as e:
        errors.append(str(e))

if mode == "concurrent":
    threads = [threading.Thread(target=client, args=(50,)) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
elif mode == "cycles":
    for _ in range(count):
        client(1)
else:
    client(count)
print(len(errors), errors[:3])
sys.exit(1 if errors else 0)
EOF

# garbage KIND: write one kind of broken input to the socket, then hang up
cat > "$tmp/garbage.py" <<'EOF'
import os
import socket
import struct
import sys

path = sys.argv[1]
def send(data, linger=0.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    try:
        s.sendall(data)
        s.settimeout(0.5)
        try:
            s.recv(65536)
        except (socket.timeout, OSError):
            pass
    finally:
        s.close()

hdr = lambda prog, vers, proc, typ, serial, status: struct.pack(
    ">IIiiIi", prog, vers, proc, typ, serial, status)
REMOTE = 0x20008086
send(struct.pack(">I", 0))                          # length below the minimum
send(struct.pack(">I", 0xffffffff))                 # length above the maximum
send(struct.pack(">I", 28) + b"\xff" * 24)          # header of junk
send(struct.pack(">I", 1000) + b"abc")              # truncated packet
body = hdr(REMOTE, 1, 1, 0, 1, 0) + struct.pack(">II", 1, 0xfffffff0)
send(struct.pack(">I", 4 + len(body)) + body)       # huge string length
body = hdr(REMOTE, 1, 99999, 0, 2, 0)
send(struct.pack(">I", 4 + len(body)) + body)       # unknown procedure
body = hdr(REMOTE, 7, 1, 0, 3, 0)
send(struct.pack(">I", 4 + len(body)) + body)       # wrong version
send(os.urandom(4096))                              # noise
for i in range(200):                                # fragments
    send(os.urandom(i % 64))
print("sent")
EOF

echo "1..6"

"$PYTHON" "$tmp/load.py" "$URI" single 200 > "$tmp/out" 2>&1
check "warm-up client" $?
start=$(rss)
echo "# RSS after warm-up: ${start} kB"

"$PYTHON" "$tmp/garbage.py" "$SOCK" > "$tmp/out" 2>&1
kill -0 "$pid" 2>/dev/null && "$PYTHON" "$tmp/load.py" "$URI" single 10 >> "$tmp/out" 2>&1
check "garbage on the socket: the daemon keeps serving others" $?

"$PYTHON" "$tmp/load.py" "$URI" concurrent 64 > "$tmp/out" 2>&1
check "64 concurrent clients, 100 calls each" $?

"$PYTHON" "$tmp/load.py" "$URI" cycles 1000 > "$tmp/out" 2>&1
check "1,000 connect/disconnect cycles" $?

sleep 1
end=$(rss)
echo "# RSS after load: ${end} kB (tolerance ${TOLERANCE} kB)"
[ -n "$start" ] && [ -n "$end" ] && [ "$end" -le $((start + TOLERANCE)) ]
check "RSS back within ${TOLERANCE} kB of its warm-up level" $?

kill -0 "$pid" 2>/dev/null
cp "$tmp/virtplugd.log" "$tmp/out"
check "virtplugd survived" $?

[ "$failed" = 0 ]
