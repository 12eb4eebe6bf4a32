#!/bin/sh
# remote-ssh.sh: the +ext and +ssh transports and virtplug-ssh-helper
#
# No sshd is needed: +ssh takes command= as the ssh binary, so a fake
# "ssh" that runs the remote command line locally checks the argv and
# the sh -c line the remote plugin builds (netcat mode with nc -U, and
# helper mode with virtplug-ssh-helper), while +ext runs the helper
# directly.  TAP output.
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
OURVIRSH="$builddir/tools/virsh"
HELPER="$builddir/daemon/virtplug-ssh-helper"
DEBVIRSH=/usr/bin/virsh

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

for prog in "$builddir/daemon/virtplugd" "$OURVIRSH" "$HELPER"; do
    [ -x "$prog" ] || skip "$prog not built"
done

tmp=$(mktemp -d /tmp/virtplug-ssh.XXXXXX) || exit 1
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/sock" "$tmp/bin"
SOCK="$tmp/sock/libvirt-sock"
printf 'unix_sock_dir = "%s"\n' "$tmp/sock" > "$tmp/virtplugd.conf"
"$builddir/run" "$builddir/daemon/virtplugd" -f "$tmp/virtplugd.conf" \
    --timeout 60 > "$tmp/virtplugd.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do
    [ -S "$SOCK" ] && break
    sleep 0.1
done

# +ext runs command= without arguments.
cat > "$tmp/ext" <<EOF
#!/bin/sh
exec "$HELPER" -s "$SOCK"
EOF
# The fake ssh records its arguments and, like ssh, joins those after
# "-- HOST" into one line for a shell, run here; PATH gives it a
# virtplug-ssh-helper that finds this test's socket.
cat > "$tmp/fakessh" <<EOF
#!/bin/sh
printf '%s\n' "\$@" > "$tmp/ssh-args"
while [ \$# -gt 0 ] && [ "\$1" != "--" ]; do shift; done
shift 2
PATH="$tmp/bin:\$PATH" exec sh -c "\$*"
EOF
cat > "$tmp/bin/virtplug-ssh-helper" <<EOF
#!/bin/sh
echo "\$@" > "$tmp/helper-args"
exec "$HELPER" -s "$SOCK"
EOF
chmod +x "$tmp/ext" "$tmp/fakessh" "$tmp/bin/virtplug-ssh-helper"

n=0
failed=0
check() {
    n=$((n + 1))
    if [ "$2" = 0 ]; then
        echo "ok $n - $1"
    else
        failed=$((failed + 1))
        echo "not ok $n - $1"
        sed 's/^/# /' "$tmp/out"
    fi
}
listed() {
    "$@" list > "$tmp/out" 2>&1 && grep -q ' 1 *test *running' "$tmp/out"
}

echo "1..8"

listed "$builddir/run" "$OURVIRSH" -c "test+ext:///default?command=$tmp/ext"
check "virtplug virsh over +ext and virtplug-ssh-helper" $?

if [ -x "$DEBVIRSH" ]; then
    listed "$DEBVIRSH" -c "test+ext:///default?command=$tmp/ext"
    check "Debian virsh over +ext and virtplug-ssh-helper" $?
else
    n=$((n + 1))
    echo "ok $n - Debian virsh over +ext # SKIP $DEBVIRSH not installed"
fi

if command -v nc > /dev/null 2>&1; then
    listed "$builddir/run" "$OURVIRSH" \
        -c "test+ssh://alice@example.invalid:2222/default?command=$tmp/fakessh&socket=$SOCK&no_tty=1"
    check "+ssh in netcat mode (nc -U)" $?
    grep -qx -- "-p" "$tmp/ssh-args" && grep -qx 2222 "$tmp/ssh-args" &&
        grep -qx -- "-l" "$tmp/ssh-args" && grep -qx alice "$tmp/ssh-args" &&
        grep -qx "BatchMode=yes" "$tmp/ssh-args" &&
        grep -qx example.invalid "$tmp/ssh-args"
    cp "$tmp/ssh-args" "$tmp/out"
    check "ssh gets -p, -l, BatchMode and the host as libvirt passes them" $?
else
    n=$((n + 2))
    echo "ok $((n - 1)) - +ssh in netcat mode # SKIP nc not installed"
    echo "ok $n - ssh arguments # SKIP nc not installed"
fi

listed "$builddir/run" "$OURVIRSH" \
    -c "test+ssh://example.invalid/default?command=$tmp/fakessh"
check "+ssh in helper mode (virtplug-ssh-helper)" $?
grep -qx "test:///default" "$tmp/helper-args"
cp "$tmp/helper-args" "$tmp/out" 2>/dev/null
check "the helper gets the URI the daemon opens" $?

"$builddir/run" "$OURVIRSH" -c "test+ext:///default" list > "$tmp/out" 2>&1
grep -q "remote command is required for ext transport" "$tmp/out"
check "+ext without command= is refused" $?

if kill -0 "$pid" 2>/dev/null; then
    check "virtplugd survived" 0
else
    cp "$tmp/virtplugd.log" "$tmp/out"
    check "virtplugd survived" 1
fi

[ "$failed" = 0 ]
