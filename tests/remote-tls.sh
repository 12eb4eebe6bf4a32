#!/bin/sh
# remote-tls.sh: virtplugd's TLS listener and the +tls transport
#
# Makes a CA, a server and a client certificate with certtool in a
# private directory, starts virtplugd with TLS on a free loopback port
# and connects with virtplug's virsh (through remote.so) and, when
# installed, with Debian's /usr/bin/virsh; then checks that clients with
# an untrusted CA, or a certificate the server does not trust, are
# refused with a clear error.  TAP output; skips (77) without certtool.
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
CERTTOOL=$(command -v certtool)
PYTHON=/usr/bin/python3
DEBVIRSH=/usr/bin/virsh
OURVIRSH="$builddir/tools/virsh"

skip() {
    echo "1..0 # SKIP $1"
    exit 77
}

[ -n "$CERTTOOL" ] || skip "certtool not found (Debian package gnutls-bin)"
[ -x "$PYTHON" ] || skip "$PYTHON not found"
for prog in "$builddir/daemon/virtplugd" "$OURVIRSH"; do
    [ -x "$prog" ] || skip "$prog not built"
done

tmp=$(mktemp -d /tmp/virtplug-tls.XXXXXX) || exit 1
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- certificates ----

# mkca DIR: a self-signed CA in DIR/cacert.pem, its key in DIR/cakey.pem
mkca() {
    mkdir -p "$1"
    printf 'cn = virtplug test CA %s\nca\ncert_signing_key\nexpiration_days = 2\n' \
        "$(basename "$1")" > "$1/ca.info"
    "$CERTTOOL" --generate-privkey --outfile "$1/cakey.pem" > /dev/null 2>&1 &&
    "$CERTTOOL" --generate-self-signed --load-privkey "$1/cakey.pem" \
        --template "$1/ca.info" --outfile "$1/cacert.pem" > /dev/null 2>&1
}
# mkcert CADIR OUTDIR WHO TEMPLATE: OUTDIR/WHOcert.pem, OUTDIR/WHOkey.pem
mkcert() {
    mkdir -p "$2"
    "$CERTTOOL" --generate-privkey --outfile "$2/${3}key.pem" > /dev/null 2>&1 &&
    "$CERTTOOL" --generate-certificate --load-privkey "$2/${3}key.pem" \
        --load-ca-certificate "$1/cacert.pem" --load-ca-privkey "$1/cakey.pem" \
        --template "$4" --outfile "$2/${3}cert.pem" > /dev/null 2>&1
}

cat > "$tmp/server.info" <<EOF
organization = virtplug tests
cn = 127.0.0.1
ip_address = 127.0.0.1
dns_name = localhost
tls_www_server
encryption_key
signing_key
expiration_days = 2
EOF
cat > "$tmp/client.info" <<EOF
country = GB
organization = virtplug tests
cn = client
tls_www_client
encryption_key
signing_key
expiration_days = 2
EOF

# good: the CA, server and client of this test; rogue: another CA and
# a client it signed; mixed: the good CA with the rogue client.
mkca "$tmp/good" && mkca "$tmp/rogue" &&
mkcert "$tmp/good" "$tmp/server" server "$tmp/server.info" &&
mkcert "$tmp/good" "$tmp/good" client "$tmp/client.info" &&
mkcert "$tmp/rogue" "$tmp/rogue" client "$tmp/client.info" || skip "certtool failed"
mkdir -p "$tmp/mixed"
cp "$tmp/good/cacert.pem" "$tmp/mixed/"
cp "$tmp/rogue/clientcert.pem" "$tmp/rogue/clientkey.pem" "$tmp/mixed/"

# ---- the daemon ----

port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/sock"
cat > "$tmp/virtplugd.conf" <<EOF
unix_sock_dir = "$tmp/sock"
listen_tls = 1
listen_tcp = 0
listen_addr = "127.0.0.1"
tls_port = "$port"
key_file = "$tmp/server/serverkey.pem"
cert_file = "$tmp/server/servercert.pem"
ca_file = "$tmp/good/cacert.pem"
EOF
"$builddir/run" "$builddir/daemon/virtplugd" --listen -f "$tmp/virtplugd.conf" \
    --timeout 60 > "$tmp/virtplugd.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do
    [ -S "$tmp/sock/libvirt-sock" ] && break
    sleep 0.1
done

URI="test+tls://127.0.0.1:$port/default"

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
    sed 's/^/# /' "$tmp/out"
}
# expect_list NAME VIRSH...: `list` shows the test driver's domain
expect_list() {
    name=$1
    shift
    if "$@" list > "$tmp/out" 2>&1 && grep -q ' 1 *test *running' "$tmp/out"; then
        ok "$name"
    else
        notok "$name"
    fi
}
# expect_refused NAME PATTERN VIRSH...: connecting fails, saying PATTERN
expect_refused() {
    name=$1
    pattern=$2
    shift 2
    if "$@" list > "$tmp/out" 2>&1; then
        notok "$name (connected)"
    elif grep -q "$pattern" "$tmp/out"; then
        ok "$name"
    else
        notok "$name (unexpected message)"
    fi
}

echo "1..9"

expect_list "virtplug virsh over TLS" \
    "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/good"
if "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/good" \
        'dominfo test; domstate test' > "$tmp/out" 2>&1 &&
   grep -q '^State: *running' "$tmp/out"; then
    ok "several calls over one TLS connection"
else
    notok "several calls over one TLS connection"
fi
if [ -x "$DEBVIRSH" ]; then
    expect_list "Debian virsh over TLS" "$DEBVIRSH" -c "$URI?pkipath=$tmp/good"
    expect_refused "Debian virsh with a rogue CA is refused" "certificate" \
        "$DEBVIRSH" -c "$URI?pkipath=$tmp/rogue"
else
    ok "Debian virsh over TLS # SKIP $DEBVIRSH not installed"
    ok "Debian virsh with a rogue CA is refused # SKIP $DEBVIRSH not installed"
fi
expect_refused "a client trusting another CA refuses the server" \
    "Unable to verify TLS peer: the server certificate is not trusted" \
    "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/rogue"
expect_refused "the server refuses a certificate from another CA" \
    "server verification (of our certificate or IP address) failed" \
    "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/mixed"
expect_refused "no_verify=1 does not get past the server's check" \
    "server verification" \
    "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/rogue&no_verify=1"
expect_refused "a missing CA file is named" "$tmp/none/cacert.pem" \
    "$builddir/run" "$OURVIRSH" -c "$URI?pkipath=$tmp/none"

if kill -0 "$pid" 2>/dev/null; then
    ok "virtplugd survived"
else
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - virtplugd survived"
    sed 's/^/# virtplugd: /' "$tmp/virtplugd.log"
fi

[ "$failed" = 0 ]
