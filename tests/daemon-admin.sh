#!/bin/sh
# daemon-admin.sh: virtplugd's admin socket, with Debian's virt-admin and
# virtplug-admin, and a plugin installed while the daemon runs
#
# Starts virtplugd (system mode, sockets in a private directory) with a
# private plugin directory holding the test plugin and a refused file.
# Debian's unmodified virt-admin and virtplug-admin then read servers,
# limits (set in the configuration file), clients and their identity,
# disconnect a client, and get libvirtd's errors; a client of another
# user is refused.  Then the latecomer fixture (scheme "late", file
# latecomer.so) is copied in: the first connection to late:/// failed
# with the missing-plugin error, the next ones work without a restart
# and see its state driver initialised once; plugin-list shows it.
# Last, CONNECT_SET_DAEMON_TIMEOUT makes the idle daemon exit.
# TAP output.  Needs root (system mode, a second user for the refusal).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

for needed in test; do
    case " ${VIRTPLUG_PLUGINS-test} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
VIRSH=/usr/bin/virsh
VIRT_ADMIN=/usr/bin/virt-admin
PYTHON=/usr/bin/python3
fixtures=$builddir/tests/.libs

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ "$(id -u)" = 0 ] || skip "needs root (system mode, a second user)"
for f in "$VIRSH" "$VIRT_ADMIN" "$PYTHON" "$builddir/daemon/virtplugd" \
         "$builddir/tools/virtplug-admin"; do
    [ -x "$f" ] || skip "$f not found"
done
for f in "$builddir/plugins/test/.libs/test.so" "$fixtures/latecomer.so" \
         "$fixtures/badabi.so"; do
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

tmp=$(mktemp -d /tmp/virtplug-admin.XXXXXX) || exit 1
chmod 755 "$tmp"
pid=
holder=
cleanup() {
    [ -n "$holder" ] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/sock" "$tmp/plugins"
chmod 755 "$tmp/sock"
cp "$builddir/plugins/test/.libs/test.so" "$fixtures/badabi.so" "$tmp/plugins/"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/sock"
unix_sock_admin_perms = "0777"
max_clients = 77
max_workers = 7
admin_max_workers = 3
EOF
SOCK=$tmp/sock/libvirt-sock
ADMIN=$tmp/sock/libvirt-admin-sock
AURI="libvirtd:///system?socket=$ADMIN"
VAURI="virtplugd:///system?socket=$ADMIN"

# Warnings on: the refusal of another user's client is logged.
VIRTPLUG_DEBUG=3 VIRTPLUG_RUN_PLUGIN_DIR=$tmp/plugins "$builddir/run" \
    "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" --timeout 300 \
    > "$tmp/virtplugd.log" 2>&1 &
pid=$!
for i in $(seq 1 100); do
    [ -S "$ADMIN" ] && break
    sleep 0.1
done

va() {
    "$VIRT_ADMIN" -c "$AURI" "$@" > "$tmp/out" 2>&1
}
vpa() {
    "$builddir/run" "$builddir/tools/virtplug-admin" -c "$VAURI" "$@" > "$tmp/out" 2>&1
}

# ---- the socket ----

[ -S "$ADMIN" ] && [ "$(stat -c %a "$ADMIN")" = 777 ]
ok $? "the admin socket libvirt-admin-sock has unix_sock_admin_perms"

# ---- Debian's virt-admin ----

va version && grep -qx "Running against daemon: 9.0.0" "$tmp/out"
ok $? "virt-admin version reads the daemon's library version"

va srv-list && grep -qE '^ 0 +virtplugd$' "$tmp/out" && grep -qE '^ 1 +admin$' "$tmp/out"
ok $? "virt-admin srv-list lists the servers virtplugd and admin"

va srv-threadpool-info virtplugd && grep -qE '^maxWorkers +: 7$' "$tmp/out" &&
    grep -qE '^jobQueueDepth +: 0$' "$tmp/out"
ok $? "srv-threadpool-info virtplugd shows max_workers"

va srv-threadpool-info admin && grep -qE '^maxWorkers +: 3$' "$tmp/out"
ok $? "srv-threadpool-info admin shows admin_max_workers"

# A client holding a read-write and a read-only connection.
"$PYTHON" -c '
import sys, time, libvirt
rw = libvirt.open("test+unix:///default?socket=" + sys.argv[1] + "/libvirt-sock")
ro = libvirt.openReadOnly("test+unix:///default?socket=" + sys.argv[1] + "/libvirt-sock-ro")
print("ready", flush=True)
time.sleep(120)
' "$tmp/sock" > "$tmp/holder.out" 2>&1 &
holder=$!
for i in $(seq 1 100); do
    grep -q ready "$tmp/holder.out" 2>/dev/null && break
    sleep 0.1
done

va srv-clients-info virtplugd && grep -qE '^nclients_max +: 77$' "$tmp/out" &&
    grep -qE '^nclients +: 2$' "$tmp/out" && grep -qE '^nclients_unauth +: 0$' "$tmp/out"
ok $? "srv-clients-info virtplugd shows max_clients and the 2 clients"

va srv-clients-list virtplugd && [ "$(grep -cE '^ [0-9]+ +unix +[0-9]{4}-' "$tmp/out")" = 2 ]
ok $? "srv-clients-list virtplugd lists 2 unix clients with their time"
ids=$(awk '$2 == "unix" { print $1 }' "$tmp/out")

rwid= roid=
for id in $ids; do
    va client-info virtplugd "$id" || continue
    grep -qE "^unix_process_id: $holder$" "$tmp/out" || continue
    grep -qE '^readonly +: no$' "$tmp/out" && rwid=$id
    grep -qE '^readonly +: yes$' "$tmp/out" && roid=$id
    grep -qE '^unix_user_name : root$' "$tmp/out" &&
        grep -qE '^transport +: unix$' "$tmp/out" || rwid=bad
done
[ -n "$rwid" ] && [ -n "$roid" ] && [ "$rwid" != bad ]
ok $? "client-info tells the read-write and the read-only client apart, with uid, user and pid"

va client-info virtplugd 999999
[ $? != 0 ] && grep -qF "Client not found: No client with matching ID '999999'" "$tmp/out"
ok $? "client-info of an unknown id gives libvirtd's error"

va srv-threadpool-info nosuch
[ $? != 0 ] && grep -qF "Server not found: No server named 'nosuch'" "$tmp/out"
ok $? "an unknown server gives libvirtd's error"

va server-update-tls virtplugd
[ $? != 0 ] && grep -qF "unknown procedure: 18" "$tmp/out"
ok $? "an admin procedure not served gets the unknown procedure reply"

va daemon-log-outputs && grep -q "Logging outputs:" "$tmp/out"
ok $? "daemon-log-outputs answers"

va client-disconnect virtplugd "$roid" && sleep 0.5 &&
    va srv-clients-info virtplugd && grep -qE '^nclients +: 1$' "$tmp/out"
ok $? "client-disconnect closes that client"

if id nobody >/dev/null 2>&1; then
    runuser -u nobody -- "$VIRT_ADMIN" -c "$AURI" srv-list > "$tmp/out" 2>&1
    [ $? != 0 ] && ! grep -q virtplugd "$tmp/out" &&
        grep -qF "admin client with uid $(id -u nobody) refused: the daemon runs as uid 0" "$tmp/virtplugd.log" &&
        va srv-list
    ok $? "a client of another user is refused; the daemon goes on"
else
    ok 1 "a client of another user is refused (no user nobody)"
fi

# ---- virtplug-admin ----

vpa srv-list && grep -qE '^ 0 +virtplugd$' "$tmp/out"
ok $? "virtplug-admin srv-list"

vpa srv-clients-list virtplugd && [ "$(grep -cE '^ [0-9]+ +unix ' "$tmp/out")" = 1 ]
ok $? "virtplug-admin srv-clients-list"

vpa version && grep -qx "Running against daemon: 9.0.0" "$tmp/out"
ok $? "virtplug-admin version"

vpa plugin-list &&
    grep -qE "^ test +[0-9.]+ +1\.[0-9]+ +test +registered +$tmp/plugins/test.so$" "$tmp/out" &&
    grep -qE "^ badabi +- +- +- +refused +$tmp/plugins/badabi.so$" "$tmp/out" &&
    grep -qF "badabi refused: $tmp/plugins/badabi.so: built for plugin ABI 2.0" "$tmp/out"
ok $? "plugin-list shows the registered plugin and the refused file with its reason"

"$builddir/run" "$builddir/tools/virtplug-admin" -c "$VAURI" nosuch > "$tmp/out" 2>&1
[ $? = 2 ] && grep -q "unknown command 'nosuch'" "$tmp/out"
ok $? "virtplug-admin refuses an unknown command (exit 2)"

"$builddir/run" "$builddir/tools/virtplug-admin" -c "qemu:///system" srv-list > "$tmp/out" 2>&1
[ $? = 1 ] && grep -qF "admin URI 'qemu:///system' has scheme 'qemu'" "$tmp/out"
ok $? "virtplug-admin refuses a URI that is not the daemon's"

# ---- a plugin installed while the daemon runs ----

LATE="late+unix:///?socket=$SOCK"
"$VIRSH" -c "$LATE" version > "$tmp/out" 2>&1
[ $? != 0 ] && grep -qF "no plugin serves URI 'late:///': install the plugin that provides scheme 'late' (looked in $tmp/plugins)" "$tmp/out"
ok $? "late:/// fails while no plugin serves it"

cp "$fixtures/latecomer.so" "$tmp/plugins/"
"$VIRSH" -c "$LATE" version > "$tmp/out" 2>&1 &&
    grep -qx "Running hypervisor: LATECOMER 0.0.1" "$tmp/out"
ok $? "once latecomer.so is copied in, late:/// works and its state driver ran once"

"$VIRSH" -c "$LATE" version > "$tmp/out" 2>&1 &&
    grep -qx "Running hypervisor: LATECOMER 0.0.1" "$tmp/out"
ok $? "a second connection finds it loaded, state not initialised again"

vpa plugin-list &&
    grep -qE "^ latecomer +1\.0 +1\.[0-9]+ +late +active +$tmp/plugins/latecomer.so$" "$tmp/out"
ok $? "plugin-list shows latecomer with its scheme and its state driver active"

# ---- daemon timeout ----

kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; holder=
va daemon-timeout --timeout 1
ok $? "daemon-timeout is accepted"
for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
done
! kill -0 "$pid" 2>/dev/null && wait "$pid"
ok $? "the daemon exits once idle for the new timeout, cleanly"
pid=

echo "1..$n"
[ "$failed" = 0 ]
