#!/bin/sh
# remote-streams.sh: data streams over libvirt's remote protocol
#
# A domain screenshot moved both ways between virtplug and libvirt 9.0:
# Debian's virsh and python3-libvirt against virtplugd get the test
# plugin's picture byte for byte; virtplug's virsh and library through
# remote.so against a private Debian libvirtd get the picture that
# libvirtd read from disk; the same through virtplug in-process.  Then
# a stream aborted mid-way and a client that vanishes mid-stream leave
# virtplugd serving.  TAP output.  Needs root (system-mode daemons, as
# in remote-interop.sh).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

for needed in test remote; do
    case " ${VIRTPLUG_PLUGINS-test remote} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
VIRSH=/usr/bin/virsh
PYTHON=/usr/bin/python3
LIBVIRTD=/usr/sbin/libvirtd
# The picture Debian's test driver streams; read, never copied.
LVPNG=/usr/share/libvirt/test-screenshot.png
VPPNG=${VIRTPLUG_PKGDATA_DIR:-$builddir/plugins/test}/test-screenshot.png
RUN="$builddir/run"
CLIENT="$builddir/tests/streamclient"

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ "$(id -u)" = 0 ] || skip "needs root (system-mode daemons)"
for prog in "$VIRSH" "$PYTHON" "$LIBVIRTD" "$builddir/daemon/virtplugd" "$CLIENT"; do
    [ -x "$prog" ] || skip "$prog not found"
done
[ -r "$LVPNG" ] || skip "$LVPNG not found"
"$PYTHON" -c 'import libvirt' 2>/dev/null || skip "python3-libvirt not installed"

tmp=$(mktemp -d /tmp/virtplug-streams.XXXXXX) || exit 1
pids=
cleanup() {
    for pid in $pids; do
        kill "$pid" 2>/dev/null
    done
    for pid in $pids; do
        wait "$pid" 2>/dev/null
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/vp" "$tmp/lv" "$tmp/nodrivers" "$tmp/out"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/vp"
unix_sock_rw_perms = "0700"
EOF
cat > "$tmp/libvirtd.conf" <<EOF
unix_sock_dir = "$tmp/lv"
auth_unix_rw = "none"
auth_unix_ro = "none"
EOF

"$RUN" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    --timeout 120 -p "$tmp/virtplugd.pid" > "$tmp/virtplugd.log" 2>&1 &
vppid=$!
pids="$pids $vppid"
LIBVIRT_DRIVER_DIR="$tmp/nodrivers" "$LIBVIRTD" --timeout 120 \
    -f "$tmp/libvirtd.conf" -p "$tmp/libvirtd.pid" > "$tmp/libvirtd.log" 2>&1 &
pids="$pids $!"

for i in $(seq 1 50); do
    [ -S "$tmp/vp/libvirt-sock" ] && [ -S "$tmp/lv/libvirt-sock" ] && break
    sleep 0.1
done

VP="test+unix:///default?socket=$tmp/vp/libvirt-sock"
LV="test+unix:///default?socket=$tmp/lv/libvirt-sock"

n=0
failed=0
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
notok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    [ -f "$tmp/log" ] && sed 's/^/# /' "$tmp/log"
}
# check NAME COMMAND...: the command succeeds.
check() {
    name=$1
    shift
    if "$@" > "$tmp/log" 2>&1; then ok "$name"; else notok "$name"; fi
}
# same_file NAME EXPECTED ACTUAL: byte for byte.
same_file() {
    if cmp "$2" "$3" > "$tmp/log" 2>&1; then ok "$1"; else notok "$1"; fi
}
# serving NAME: virtplugd is alive and answers a new client.
serving() {
    if kill -0 "$vppid" 2>/dev/null &&
       "$VIRSH" -c "$VP" domstate test > "$tmp/log" 2>&1 &&
       grep -q running "$tmp/log"; then
        ok "$1"
    else
        notok "$1"
    fi
}

echo "1..16"

# ---- Debian's clients against virtplugd ----

"$VIRSH" -c "$LV" screenshot test "$tmp/out/lv.png" > "$tmp/expected" 2>&1
"$VIRSH" -c "$VP" screenshot test "$tmp/out/vp.png" > "$tmp/actual" 2>&1
sed -i "s|$tmp/out/lv.png|FILE|" "$tmp/expected"
sed -i "s|$tmp/out/vp.png|FILE|" "$tmp/actual"
if diff -u "$tmp/expected" "$tmp/actual" > "$tmp/log" 2>&1; then
    ok "Debian virsh screenshot prints what it prints against libvirtd"
else
    notok "Debian virsh screenshot prints what it prints against libvirtd"
fi
same_file "Debian virsh screenshot from virtplugd is our PNG" "$VPPNG" "$tmp/out/vp.png"

cat > "$tmp/shot.py" <<'EOF'
import sys
import libvirt

uri, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
conn = libvirt.open(uri)
dom = conn.lookupByName("test")
st = conn.newStream(0)
mime = dom.screenshot(st, 0)
if mode == "all":
    data = bytearray()
    def sink(stream, chunk, acc):
        acc.extend(chunk)
        return len(chunk)
    st.recvAll(sink, data)
    st.finish()
    open(out, "wb").write(data)
    print(mime, len(data))
elif mode == "abort":
    first = st.recv(4096)
    st.abort()
    print("aborted after", len(first), "state", dom.info()[0])
elif mode == "leave":
    st.recv(4096)
    import os
    os._exit(0)
EOF
check "python3-libvirt screenshot + recvAll against virtplugd" \
    "$PYTHON" "$tmp/shot.py" "$VP" "$tmp/out/py.png" all
same_file "python3-libvirt got our PNG" "$VPPNG" "$tmp/out/py.png"

# ---- virtplug through remote.so against libvirtd, and in-process ----

check "our virsh screenshot through remote.so against libvirtd" \
    "$RUN" virsh -c "$LV" screenshot test "$tmp/out/ours-lv.png"
same_file "our virsh got the PNG libvirtd read" "$LVPNG" "$tmp/out/ours-lv.png"
check "our library, non-blocking stream with event callbacks, against libvirtd" \
    "$RUN" "$CLIENT" "$LV" events "$tmp/out/ev-lv.png"
same_file "... got the PNG libvirtd read" "$LVPNG" "$tmp/out/ev-lv.png"
check "our library against virtplugd, blocking and event-driven" \
    sh -c "'$RUN' '$CLIENT' '$VP' all '$tmp/out/all-vp.png' &&
           '$RUN' '$CLIENT' '$VP' events '$tmp/out/ev-vp.png' &&
           cmp '$VPPNG' '$tmp/out/all-vp.png' && cmp '$VPPNG' '$tmp/out/ev-vp.png'"
check "our virsh screenshot in-process (test:///default) writes our PNG" \
    sh -c "'$RUN' virsh -c test:///default screenshot test '$tmp/out/local.png' &&
           cmp '$VPPNG' '$tmp/out/local.png'"

# ---- streams that do not end well ----

check "aborting mid-stream through our library: both daemons go on" \
    sh -c "'$RUN' '$CLIENT' '$VP' abort && '$RUN' '$CLIENT' '$LV' abort"
check "python3-libvirt aborts mid-stream against virtplugd" \
    "$PYTHON" "$tmp/shot.py" "$VP" - abort
for i in 1 2 3; do
    "$PYTHON" "$tmp/shot.py" "$VP" - leave > /dev/null 2>&1
    "$RUN" "$CLIENT" "$VP" leave > /dev/null 2>&1
done
serving "clients vanishing mid-stream leave virtplugd serving"
# Every stream's threads (named stream-in, stream-out) end with it.
streams_left() {
    cat /proc/"$vppid"/task/*/comm 2>/dev/null | grep -c '^stream-'
}
for i in $(seq 1 50); do
    [ "$(streams_left)" = 0 ] && break
    sleep 0.1
done
left=$(streams_left)
if [ "$left" = 0 ]; then
    ok "no stream thread is left in virtplugd"
else
    echo "# $left stream threads left" > "$tmp/log"
    notok "no stream thread is left in virtplugd"
fi
# A stream packet for no stream (serial never used) is ignored, and the
# daemon answers the next call on the same connection.
cat > "$tmp/stray.py" <<'EOF'
import socket
import struct
import sys

sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
def packet(proc, ptype, serial, status, payload=b""):
    body = struct.pack(">IIiiIi", 0x20008086, 1, proc, ptype, serial, status) + payload
    return struct.pack(">I", len(body) + 4) + body
# STREAM/CONTINUE data, then STREAM/ERROR, for a stream never opened.
sock.sendall(packet(211, 3, 77, 2, b"junk") + packet(211, 3, 77, 1))
# CONNECT_OPEN (name absent, flags 0): the reply must come.
sock.sendall(packet(1, 0, 0, 0, struct.pack(">II", 0, 0)))
head = sock.recv(28)
length, prog, vers, proc, ptype, serial, status = struct.unpack(">IIIiiIi", head)
sys.exit(0 if (proc, ptype, serial, status) == (1, 1, 0, 0) else 1)
EOF
check "stray stream packets are ignored and the connection goes on" \
    "$PYTHON" "$tmp/stray.py" "$tmp/vp/libvirt-sock"

# A call with descriptors for a procedure virtplugd does not take: the
# descriptor's byte after the packet is consumed, the answer is libvirt's
# "unknown procedure", and the connection stays in step.
cat > "$tmp/withfds.py" <<'EOF'
import os
import socket
import struct
import sys

sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
def packet(proc, ptype, serial, payload=b""):
    body = struct.pack(">IIiiIi", 0x20008086, 1, proc, ptype, serial, 0) + payload
    return struct.pack(">I", len(body) + 4) + body
def reply():
    head = b""
    while len(head) < 4:
        head += sock.recv(4 - len(head))
    length = struct.unpack(">I", head)[0]
    body = b""
    while len(body) < length - 4:
        body += sock.recv(length - 4 - len(body))
    return struct.unpack(">IIiiIi", body[:24]), body[24:]
r, w = os.pipe()
# DOMAIN_FD_ASSOCIATE (443), type CALL_WITH_FDS, one descriptor.
sock.sendall(packet(443, 4, 0, struct.pack(">I", 1) + b"args"))
socket.send_fds(sock, [b"\0"], [r])
(prog, vers, proc, ptype, serial, status), payload = reply()
ok = (proc, ptype, serial, status) == (443, 1, 0, 1) and b"unknown procedure: 443" in payload
sock.sendall(packet(1, 0, 1, struct.pack(">II", 0, 0)))
(prog, vers, proc, ptype, serial, status), payload = reply()
ok = ok and (proc, ptype, serial, status) == (1, 1, 1, 0)
sys.exit(0 if ok else 1)
EOF
check "a call with descriptors it does not take gets 'unknown procedure', in step" \
    "$PYTHON" "$tmp/withfds.py" "$tmp/vp/libvirt-sock"

exit $((failed > 0))
