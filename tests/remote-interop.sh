#!/bin/sh
# remote-interop.sh: virtplugd and the remote plugin against libvirt 9.0
#
# Starts virtplugd from the build tree and a private Debian libvirtd (test
# driver only), each on sockets in a private directory, then runs the
# same unmodified Debian clients (virsh, python3-libvirt) against both and
# compares what they print; then virtplug's own virsh through remote.so
# against the Debian libvirtd.  TAP output.  Needs root (the daemons run
# in system mode, which has the read-only socket), /usr/sbin/libvirtd,
# /usr/bin/virsh and python3-libvirt; skips (77) otherwise.
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
VIRSH=/usr/bin/virsh
PYTHON=/usr/bin/python3
LIBVIRTD=/usr/sbin/libvirtd

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ "$(id -u)" = 0 ] || skip "needs root (system-mode daemons)"
for prog in "$VIRSH" "$PYTHON" "$LIBVIRTD" "$builddir/daemon/virtplugd"; do
    [ -x "$prog" ] || skip "$prog not found"
done
"$PYTHON" -c 'import libvirt' 2>/dev/null || skip "python3-libvirt not installed"

tmp=$(mktemp -d /tmp/virtplug-interop.XXXXXX) || exit 1
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

# ---- the two daemons ----

mkdir -p "$tmp/vp" "$tmp/lv" "$tmp/nodrivers"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/vp"
unix_sock_rw_perms = "0700"
EOF
cat > "$tmp/libvirtd.conf" <<EOF
unix_sock_dir = "$tmp/lv"
auth_unix_rw = "none"
auth_unix_ro = "none"
EOF

"$builddir/run" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    --timeout 60 -p "$tmp/virtplugd.pid" > "$tmp/virtplugd.log" 2>&1 &
pids="$pids $!"
# An empty module directory leaves libvirtd with its built-in test
# driver only: no qemu, network or storage driver to set up as root.
LIBVIRT_DRIVER_DIR="$tmp/nodrivers" "$LIBVIRTD" --timeout 60 \
    -f "$tmp/libvirtd.conf" -p "$tmp/libvirtd.pid" > "$tmp/libvirtd.log" 2>&1 &
pids="$pids $!"

for i in $(seq 1 50); do
    [ -S "$tmp/vp/libvirt-sock" ] && [ -S "$tmp/lv/libvirt-sock" ] && break
    sleep 0.1
done

VP="test+unix:///default?socket=$tmp/vp/libvirt-sock"
VPRO="test+unix:///default?socket=$tmp/vp/libvirt-sock-ro"
LV="test+unix:///default?socket=$tmp/lv/libvirt-sock"
LVRO="test+unix:///default?socket=$tmp/lv/libvirt-sock-ro"

# ---- TAP helpers ----

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
}
# Outputs that depend on time or on the daemon's start are blanked.
normalize() {
    sed -e 's/^\(CPU time: *\).*/\1X/' \
        -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:]* [+-][0-9]*/DATE/'
}
# same NAME FILE1 FILE2
same() {
    if diff -u "$2" "$3" > "$tmp/diff" 2>&1; then
        ok "$1"
    else
        notok "$1"
        sed 's/^/# /' "$tmp/diff"
    fi
}
# compare NAME VIRSH-ARGS...: Debian virsh against both daemons.
compare() {
    name=$1
    shift
    "$VIRSH" -c "$LV" "$@" 2>&1 | normalize > "$tmp/expected"
    "$VIRSH" -c "$VP" "$@" 2>&1 | normalize > "$tmp/actual"
    same "virsh $name" "$tmp/expected" "$tmp/actual"
}

cat > "$tmp/probe.xml" <<EOF
<domain type='test'>
  <name>probe</name>
  <uuid>2b4c5e3a-0d5f-4b7e-9a51-34c1a6f0d001</uuid>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
EOF

echo "1..18"

# ---- Debian virsh, both daemons ----

compare "list --all" list --all
compare "dominfo" dominfo test
compare "dumpxml" dumpxml test
compare "domstate, domid, domuuid" 'domstate test; domid test; domuuid test'
compare "version, hostname, domname" 'version; hostname; domname 1'
compare "define/start/destroy/undefine" \
    "define $tmp/probe.xml; start probe; list --all; dominfo probe; destroy probe; undefine probe; list --all"
compare "suspend/resume" 'suspend test; domstate test; resume test; domstate test'
compare "snapshots" \
    'snapshot-create-as test snap1; snapshot-create-as test snap2; snapshot-list test --name; snapshot-current test --name; snapshot-info test snap1; snapshot-delete test snap2; snapshot-delete test snap1; snapshot-list test --name'
compare "error for a missing domain" dominfo nosuch

# Read-only socket: reads work, writes are refused with libvirt's error.
"$VIRSH" -r -c "$LVRO" 'list --all; undefine test' > "$tmp/expected" 2>&1
"$VIRSH" -r -c "$VPRO" 'list --all; undefine test' > "$tmp/actual" 2>&1
same "read-only socket refuses writes" "$tmp/expected" "$tmp/actual"

# Events: one virsh waits while another changes the domain.
events() {
    "$VIRSH" -c "$1" event --all --loop --timeout 3 > "$tmp/events" 2>&1 &
    evpid=$!
    sleep 1
    "$VIRSH" -c "$1" 'destroy test; start test' > /dev/null 2>&1
    wait $evpid
    cat "$tmp/events"
}
events "$LV" > "$tmp/expected"
events "$VP" > "$tmp/actual"
same "virsh event --all --loop" "$tmp/expected" "$tmp/actual"

# ---- python3-libvirt, both daemons ----

cat > "$tmp/probe.py" <<'EOF'
import sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
print(sorted(d.name() for d in conn.listAllDomains()))
dom = conn.lookupByName("test")
print(dom.UUIDString(), dom.ID(), dom.state(), dom.info()[0], dom.info()[1])
print(conn.getType(), conn.getHostname() != "", conn.getInfo()[0])
print(dom.snapshotNum(), dom.isActive(), dom.isPersistent(), dom.autostart())
try:
    conn.lookupByName("nosuch")
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_level(),
          e.get_error_message())
conn.close()
ro = libvirt.openReadOnly(sys.argv[2])
try:
    ro.lookupByName("test").undefine()
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_message())
ro.close()
EOF
"$PYTHON" "$tmp/probe.py" "$LV" "$LVRO" > "$tmp/expected" 2>&1
"$PYTHON" "$tmp/probe.py" "$VP" "$VPRO" > "$tmp/actual" 2>&1
same "python3-libvirt calls" "$tmp/expected" "$tmp/actual"

cat > "$tmp/events.py" <<'EOF'
import sys
import threading
import libvirt

libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open(sys.argv[1])
seen = []
def lifecycle(conn, dom, event, detail, opaque):
    seen.append((dom.name(), event, detail))
cid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                  lifecycle, None)
other = libvirt.open(sys.argv[1])
other.lookupByName("test").destroy()
other.lookupByName("test").create()
for _ in range(20):
    libvirt.virEventRunDefaultImpl()
    if len(seen) >= 2:
        break
conn.domainEventDeregisterAny(cid)
print(seen)
EOF
timeout 20 "$PYTHON" "$tmp/events.py" "$LV" > "$tmp/expected" 2>&1
timeout 20 "$PYTHON" "$tmp/events.py" "$VP" > "$tmp/actual" 2>&1
same "python3-libvirt lifecycle events" "$tmp/expected" "$tmp/actual"

# The daemon answers a procedure it does not serve the libvirt way: the
# client sees VIR_ERR_NO_SUPPORT and the connection stays usable.
"$PYTHON" - "$VP" > "$tmp/actual" 2>&1 <<'EOF'
import sys
import libvirt
libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
try:
    conn.listAllNetworks()
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
print(conn.isAlive(), len(conn.listAllDomains()) > 0)
EOF
printf '3 7 unknown procedure: 283\n1 True\n' > "$tmp/expected"
same "unknown procedure is NO_SUPPORT" "$tmp/expected" "$tmp/actual"

# ---- virtplug's virsh through remote.so against libvirtd ----

OURVIRSH="$builddir/tools/virsh"
if [ -x "$OURVIRSH" ]; then
    for cmd in "list --all" "dominfo test" "dumpxml test"; do
        "$VIRSH" -c "$LV" $cmd 2>&1 | normalize > "$tmp/expected"
        "$builddir/run" "$OURVIRSH" -c "$LV" $cmd 2>&1 | normalize > "$tmp/actual"
        same "virtplug virsh via remote.so: $cmd" "$tmp/expected" "$tmp/actual"
    done
else
    for cmd in "list --all" "dominfo test" "dumpxml test"; do
        n=$((n + 1))
        echo "ok $n - virtplug virsh via remote.so: $cmd # SKIP tools/virsh not built"
    done
fi

# The daemons are still running: neither crashed on what it was sent.
alive=0
for pid in $pids; do
    kill -0 "$pid" 2>/dev/null && alive=$((alive + 1))
done
if [ "$alive" = 2 ]; then
    ok "both daemons survived"
else
    notok "both daemons survived"
    sed 's/^/# virtplugd: /' "$tmp/virtplugd.log"
fi

[ "$failed" = 0 ]
