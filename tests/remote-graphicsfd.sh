#!/bin/sh
# remote-graphicsfd.sh: virDomainOpenGraphicsFD on a real QEMU guest
# (paused, no OS, VNC display, TCG), in-process and over the remote
# protocol, where the descriptor travels as SCM_RIGHTS after a
# REPLY_WITH_FDS: python3-libvirt against virtplugd, and virtplug's own
# library through remote.so.  Each reads the VNC server's banner from
# the descriptor.  TAP output.  Needs root, as remote-interop.sh.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

for needed in qemu remote; do
    case " ${VIRTPLUG_PLUGINS-qemu remote} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
PYTHON=/usr/bin/python3
RUN="$builddir/run"
CLIENT="$builddir/tests/streamclient"

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ "$(id -u)" = 0 ] || skip "needs root (system-mode daemon)"
command -v qemu-system-x86_64 > /dev/null 2>&1 || skip "qemu-system-x86_64 missing"
for prog in "$PYTHON" "$builddir/daemon/virtplugd" "$CLIENT"; do
    [ -x "$prog" ] || skip "$prog not found"
done
"$PYTHON" -c 'import libvirt' 2>/dev/null || skip "python3-libvirt not installed"

tmp=$(mktemp -d /tmp/virtplug-gfd.XXXXXX) || exit 1
EMBED="qemu:///embed?root=$tmp/embed"
VP="qemu+unix:///session?socket=$tmp/vp/libvirt-sock"
virsh() { timeout 60 "$RUN" virsh -q -c "$@"; }
pid=
cleanup() {
    virsh "$EMBED" 'destroy gfd; undefine gfd' > /dev/null 2>&1
    [ -n "$pid" ] && virsh "$VP" 'destroy gfd; undefine gfd' > /dev/null 2>&1
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

export VIRTPLUG_QEMU_FORCE_TCG=1
mkdir -p "$tmp/vp" "$tmp/home"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/vp"
unix_sock_rw_perms = "0700"
EOF
cat > "$tmp/gfd.xml" <<'EOF'
<domain type='qemu'>
  <name>gfd</name>
  <memory unit='MiB'>128</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <graphics type='vnc' autoport='yes'/>
  </devices>
</domain>
EOF
cat > "$tmp/gfd.py" <<'EOF'
import os
import stat
import sys
import libvirt

conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName("gfd")
fd = dom.openGraphicsFD(0, 0)
if not stat.S_ISSOCK(os.fstat(fd).st_mode):
    sys.exit("not a socket")
banner = b""
while len(banner) < 12:
    chunk = os.read(fd, 12 - len(banner))
    if not chunk:
        break
    banner += chunk
os.close(fd)
print(banner.decode(), end="")
# The connection goes on after a reply with descriptors.
print("state", dom.state()[0])
try:
    dom.openGraphicsFD(5, 0)
    print("index 5 opened")
except libvirt.libvirtError as e:
    print("index 5:", e.get_error_code(), e.get_error_message())
EOF

# The session daemon keeps its guests under a private home.
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/home/run" \
    "$RUN" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    --timeout 120 -p "$tmp/virtplugd.pid" > "$tmp/virtplugd.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do
    [ -S "$tmp/vp/libvirt-sock" ] && break
    sleep 0.1
done

n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "1..7"

virsh "$EMBED" "define $tmp/gfd.xml; start gfd --paused" > /dev/null
check $? "in-process: a paused guest with a VNC display"
out=$("$RUN" "$CLIENT" "$EMBED" graphicsfd gfd 2>&1)
[ "$out" = "banner RFB 003.008" ]
check $? "in-process: the descriptor speaks VNC ($out)"

virsh "$VP" "define $tmp/gfd.xml; start gfd --paused" > /dev/null
check $? "through virtplugd: a paused guest with a VNC display"
out=$("$PYTHON" "$tmp/gfd.py" "$VP" 2>&1)
echo "$out" | head -1 | grep -qx 'RFB 003.008'
check $? "python3-libvirt openGraphicsFD against virtplugd reads the VNC banner"
echo "$out" | grep -qx 'state 3' &&
    echo "$out" | grep -qx 'index 5: 8 invalid argument: No graphics backend with index 5'
check $? "the connection goes on; a bad index is libvirt's error ($(echo "$out" | tail -2 | tr '\n' ' '))"
out=$("$RUN" "$CLIENT" "$VP" graphicsfd gfd 2>&1)
[ "$out" = "banner RFB 003.008" ]
check $? "our library through remote.so reads the VNC banner ($out)"
out=$(virsh "$VP" domstate gfd 2>&1)
[ "$out" = "paused" ]
check $? "virtplugd still serves ($out)"
