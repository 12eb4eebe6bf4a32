#!/bin/sh
# daemon-activation.sh: virtplugd started by its sockets, as systemd does,
# and its unit files
#
# systemd-socket-activate (package systemd; no running systemd needed)
# creates the listening sockets, waits for the first client and then
# execs virtplugd with LISTEN_PID/LISTEN_FDS/LISTEN_FDNAMES, as
# virtplugd.socket and virtplugd-admin.socket would.  The daemon must
# serve on those very sockets (same inodes: it did not create its own),
# with names and without them (matched by path).  Every installed plugin
# is loaded at start and its state driver initialised once, before any
# client asks for it.  The unit files, made with this build's paths,
# pass systemd-analyze verify.  TAP output.  Needs root (system mode).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

for needed in test; do
    case " ${VIRTPLUG_PLUGINS-test} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
VIRSH=/usr/bin/virsh
VIRT_ADMIN=/usr/bin/virt-admin
ACTIVATE=/usr/bin/systemd-socket-activate
ANALYZE=/usr/bin/systemd-analyze
fixtures=$builddir/tests/.libs

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ "$(id -u)" = 0 ] || skip "needs root (system mode)"
for f in "$VIRSH" "$VIRT_ADMIN" "$ACTIVATE" "$ANALYZE" \
         "$builddir/daemon/virtplugd" "$builddir/tools/virtplug-admin"; do
    [ -x "$f" ] || skip "$f not found"
done
for f in "$builddir/plugins/test/.libs/test.so" "$fixtures/latecomer.so"; do
    [ -f "$f" ] || skip "$f not built (make check builds the fixtures)"
done

n=0
failed=0
ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        [ -f "$tmp/out" ] && sed 's/^/# /' "$tmp/out" | tail -20
    fi
}

tmp=$(mktemp -d /tmp/virtplug-activation.XXXXXX) || exit 1
pid=
stop() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    pid=
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/plugins"
cp "$builddir/plugins/test/.libs/test.so" "$fixtures/latecomer.so" "$tmp/plugins/"

# activate NAME [--fdname=...]: the rw and admin sockets in $tmp/NAME,
# the daemon started on the first connection.
activate() {
    dir=$tmp/$1
    shift
    mkdir -p "$dir"
    printf 'unix_sock_dir = "%s"\n' "$dir" > "$tmp/virtplugd.conf"
    VIRTPLUG_DEBUG=1 VIRTPLUG_RUN_PLUGIN_DIR=$tmp/plugins "$builddir/run" \
        "$ACTIVATE" -l "$dir/libvirt-sock" -l "$dir/libvirt-admin-sock" "$@" \
        -E VIRTPLUG_DEBUG -E VIRTPLUG_PLUGIN_DIR -E LD_LIBRARY_PATH \
        "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" --timeout 60 \
        > "$dir.log" 2>&1 &
    pid=$!
    for i in $(seq 1 100); do
        [ -S "$dir/libvirt-admin-sock" ] && break
        sleep 0.1
    done
}

inodes() {
    stat -c %i "$1/libvirt-sock" "$1/libvirt-admin-sock" 2>/dev/null | tr '\n' ' '
}

# ---- named descriptors, as the socket units pass them ----

activate named --fdname=virtplugd.socket:virtplugd-admin.socket
before=$(inodes "$tmp/named")
"$VIRSH" -c "test+unix:///default?socket=$tmp/named/libvirt-sock" list --name > "$tmp/out" 2>&1 &&
    grep -qx test "$tmp/out"
ok $? "the first client starts virtplugd on the passed socket and is served"

[ -n "$before" ] && [ "$(inodes "$tmp/named")" = "$before" ] &&
    grep -q "using the socket systemd passed for virtplugd.socket" "$tmp/named.log" &&
    grep -q "using the socket systemd passed for virtplugd-admin.socket" "$tmp/named.log"
ok $? "virtplugd took both passed sockets (same inodes), by name"

"$builddir/run" "$builddir/tools/virtplug-admin" \
    -c "virtplugd:///system?socket=$tmp/named/libvirt-admin-sock" plugin-list > "$tmp/out" 2>&1 &&
    grep -qE "^ latecomer +1\.0 +1\.[0-9]+ +late +active " "$tmp/out" &&
    grep -qE "^ test +[0-9.]+ +1\.[0-9]+ +test +registered " "$tmp/out"
ok $? "every plugin was loaded at start, latecomer's state driver initialised before any late:// client"

"$VIRSH" -c "late+unix:///?socket=$tmp/named/libvirt-sock" version > "$tmp/out" 2>&1 &&
    grep -qx "Running hypervisor: LATECOMER 0.0.1" "$tmp/out"
ok $? "a late:/// client finds the state driver initialised once"
stop

# ---- unnamed descriptors, matched by their path ----

activate unnamed
before=$(inodes "$tmp/unnamed")
"$VIRT_ADMIN" -c "libvirtd:///system?socket=$tmp/unnamed/libvirt-admin-sock" srv-list > "$tmp/out" 2>&1 &&
    grep -qE '^ 0 +virtplugd$' "$tmp/out" &&
    "$VIRSH" -c "test+unix:///default?socket=$tmp/unnamed/libvirt-sock" list --name > "$tmp/out" 2>&1 &&
    grep -qx test "$tmp/out"
ok $? "unnamed passed sockets are taken by their path; both are served"

[ -n "$before" ] && [ "$(inodes "$tmp/unnamed")" = "$before" ]
ok $? "virtplugd did not replace the unnamed passed sockets"
stop

# ---- a malformed LISTEN_FDS is refused by name ----

env LISTEN_PID=$$ LISTEN_FDS=x "$builddir/run" sh -c \
    'LISTEN_PID=$$ exec "$0" -f "$1" --timeout 1' \
    "$builddir/daemon/virtplugd" "$tmp/virtplugd.conf" > "$tmp/out" 2>&1
[ $? != 0 ] && grep -qF "invalid LISTEN_FDS 'x'" "$tmp/out"
ok $? "a malformed LISTEN_FDS makes virtplugd fail naming the value"

# ---- the unit files ----

mkdir -p "$tmp/units"
for unit in virtplugd.service virtplugd.socket virtplugd-ro.socket virtplugd-admin.socket; do
    sed -e "s|@sbindir[@]|$builddir/daemon|g" -e "s|@runstatedir[@]|/run|g" \
        "$srcdir/daemon/$unit.in" > "$tmp/units/$unit"
done
(cd "$tmp/units" && "$ANALYZE" verify --man=no virtplugd.service virtplugd.socket \
    virtplugd-ro.socket virtplugd-admin.socket) > "$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]
ok $? "systemd-analyze verify accepts the units without a warning"

grep -qx "ListenStream=/run/libvirt/libvirt-admin-sock" "$tmp/units/virtplugd-admin.socket" &&
    grep -qx "ExecStart=$builddir/daemon/virtplugd --timeout 120" "$tmp/units/virtplugd.service"
ok $? "the units carry libvirtd's socket paths and the daemon's path"

echo "1..$n"
[ "$failed" = 0 ]
