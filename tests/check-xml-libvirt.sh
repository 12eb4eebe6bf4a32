#!/bin/sh
# check-xml-libvirt.sh: hold the golden XML corpus against libvirt 9.0
#
# For every good domain case (domainxml2xmldata/NAME.in.xml with a
# NAME.out.xml):
#   - NAME.out.xml must validate against libvirt's domain.rng;
#   - Debian's virsh must format NAME.in.xml exactly as NAME.out.xml says
#     (define on a fresh test:///default, then dumpxml --inactive),
#     unless domainxml2xmldata/libvirt-differences.txt lists NAME with
#     the reason ("NAME: reason"); those are reported, not failed.
# For every good snapshot case, NAME.out.xml must validate against
# domainsnapshot.rng.
#
# Prints TAP.  Exits 77 (skip) without virsh or xmllint.
set -u

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
schemas=${LIBVIRT_SCHEMADIR:-/usr/share/libvirt/schemas}
ddir=$srcdir/domainxml2xmldata
sdir=$srcdir/snapshotxml2xmldata
known=$ddir/libvirt-differences.txt

if ! command -v virsh >/dev/null 2>&1 || ! command -v xmllint >/dev/null 2>&1 ||
   [ ! -f "$schemas/domain.rng" ]; then
    echo "1..0 # SKIP virsh, xmllint or libvirt's schemas are not installed"
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
plan=$(ls "$ddir"/*.out.xml "$sdir"/*.out.xml 2>/dev/null | wc -l)
plan=$((plan + $(ls "$ddir"/*.out.xml 2>/dev/null | wc -l)))
echo "1..$plan"

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

notok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
}

for out in "$ddir"/*.out.xml; do
    name=$(basename "$out" .out.xml)
    in=$ddir/$name.in.xml

    if xmllint --noout --relaxng "$schemas/domain.rng" "$out" >"$tmp/lint" 2>&1; then
        ok "domain/$name validates"
    else
        notok "domain/$name validates"
        sed 's/^/# /' "$tmp/lint"
    fi

    reason=$(sed -n "s/^$name: //p" "$known")
    dom=$(sed -n 's|^  <name>\(.*\)</name>$|\1|p' "$out" | head -n 1)
    dumpflags=--inactive
    if head -n 1 "$in" | grep -q '^<!-- flags:.* secure'; then
        dumpflags="$dumpflags --security-info"
    fi
    virsh -q -c test:///default "define $in; dumpxml $dumpflags $dom" \
        >"$tmp/libvirt" 2>&1
    if diff -u "$tmp/libvirt" "$out" >"$tmp/diff"; then
        if [ -n "$reason" ]; then
            notok "domain/$name matches libvirt, but is listed as a difference"
        else
            ok "domain/$name matches libvirt"
        fi
    elif [ -n "$reason" ]; then
        ok "domain/$name # known difference: $reason"
    else
        notok "domain/$name matches libvirt"
        sed 's/^/# /' "$tmp/diff"
    fi
done

for out in "$sdir"/*.out.xml; do
    name=$(basename "$out" .out.xml)
    reason=$(sed -n "s/^$name: //p" "$sdir/libvirt-differences.txt")
    if xmllint --noout --relaxng "$schemas/domainsnapshot.rng" "$out" >"$tmp/lint" 2>&1; then
        ok "snapshot/$name validates"
    elif [ -n "$reason" ]; then
        ok "snapshot/$name # known difference: $reason"
    else
        notok "snapshot/$name validates"
        sed 's/^/# /' "$tmp/lint"
    fi
done

[ "$failed" -eq 0 ]
