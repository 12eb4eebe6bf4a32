#!/bin/sh
# check-xml-formats.sh: hold the non-domain XML corpora against libvirt 9.0
#
# For every good case (<format>xml2xmldata/NAME.in.xml with NAME.out.xml):
#   - NAME.out.xml must validate against libvirt's <format>.rng and
#     against virtplug's own docs/schemas/<format>.rng;
#   - where Debian's test driver keeps that object (networks, pools,
#     volumes, interfaces), its virsh must print NAME.in.xml exactly as
#     NAME.out.xml says, unless <format>xml2xmldata/libvirt-differences.txt
#     lists NAME with the reason ("NAME: reason"); those are reported,
#     not failed.
#
# Prints TAP.  Exits 77 (skip) without xmllint or libvirt's schemas.
set -u

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
schemas=${LIBVIRT_SCHEMADIR:-/usr/share/libvirt/schemas}
ours=$srcdir/../docs/schemas

# format  corpus directory       libvirt schema
formats="network:networkxml2xmldata:network
networkport:networkportxml2xmldata:networkport
storagepool:storagepoolxml2xmldata:storagepool
storagevol:storagevolxml2xmldata:storagevol
secret:secretxml2xmldata:secret
nodedev:nodedevxml2xmldata:nodedev
interface:interfacexml2xmldata:interface
nwfilter:nwfilterxml2xmldata:nwfilter
capabilities:capabilitiesxml2xmldata:capability
domaincaps:domaincapsxml2xmldata:domaincaps"

if ! command -v xmllint >/dev/null 2>&1 || [ ! -f "$schemas/network.rng" ]; then
    echo "1..0 # SKIP xmllint or libvirt's schemas are not installed"
    exit 77
fi
havevirsh=yes
command -v virsh >/dev/null 2>&1 || havevirsh=

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

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

validate() {  # label schema file
    if [ ! -f "$2" ]; then
        notok "$1 validates against $2 (schema missing)"
    elif xmllint --noout --relaxng "$2" "$3" >"$tmp/lint" 2>&1; then
        ok "$1 validates against $(basename "$(dirname "$2")")/$(basename "$2")"
    else
        notok "$1 validates against $2"
        sed 's/^/# /' "$tmp/lint"
    fi
}

# Print Debian's formatting of $2 (format $1) on stdout; nothing to
# compare when the test driver does not keep that kind of object.
libvirt_format() {
    obj=$(sed -n 's|^  <name>\(.*\)</name>$|\1|p' "$3" | head -n 1)
    case $1 in
    network)
        virsh -q -c test:///default "net-define $2; net-dumpxml $obj" ;;
    storagepool)
        # the test driver invents capacity, allocation and available
        virsh -q -c test:///default "pool-define $2; pool-dumpxml $obj" |
            sed '/^  <capacity unit=.bytes.>/d; /^  <allocation unit=.bytes.>/d; /^  <available unit=.bytes.>/d' ;;
    storagevol)
        virsh -q -c test:///default "vol-create default-pool $2; vol-dumpxml --pool default-pool $obj" ;;
    interface)
        obj=$(sed -n "1s|^<interface [^>]*name='\\([^']*\\)'.*|\\1|p" "$3")
        virsh -q -c test:///default "iface-define $2; iface-dumpxml $obj" ;;
    *)
        return 1 ;;
    esac
}

plan=0
for f in $formats; do
    dir=$srcdir/$(echo "$f" | cut -d: -f2)
    [ -d "$dir" ] || continue
    cnt=$(ls "$dir"/*.out.xml 2>/dev/null | wc -l)
    case ${f%%:*} in
    network|storagepool|storagevol|interface) [ -n "$havevirsh" ] && cnt=$((cnt * 3)) || cnt=$((cnt * 2)) ;;
    *) cnt=$((cnt * 2)) ;;
    esac
    plan=$((plan + cnt))
done
echo "1..$plan"

for f in $formats; do
    fmt=${f%%:*}
    dir=$srcdir/$(echo "$f" | cut -d: -f2)
    rng=$(echo "$f" | cut -d: -f3).rng
    known=$dir/libvirt-differences.txt
    [ -d "$dir" ] || continue
    for out in "$dir"/*.out.xml; do
        [ -f "$out" ] || continue
        name=$(basename "$out" .out.xml)
        in=$dir/$name.in.xml
        validate "$fmt/$name" "$schemas/$rng" "$out"
        validate "$fmt/$name" "$ours/$rng" "$out"
        case $fmt in
        network|storagepool|storagevol|interface) [ -n "$havevirsh" ] || continue ;;
        *) continue ;;
        esac
        reason=
        [ -f "$known" ] && reason=$(sed -n "s/^$name: //p" "$known")
        libvirt_format "$fmt" "$in" "$out" >"$tmp/libvirt" 2>&1
        if [ "$fmt" = storagepool ]; then
            sed '/^  <capacity unit=.bytes.>/d; /^  <allocation unit=.bytes.>/d; /^  <available unit=.bytes.>/d' "$out" >"$tmp/ours"
        else
            cp "$out" "$tmp/ours"
        fi
        if diff -u "$tmp/libvirt" "$tmp/ours" >"$tmp/diff"; then
            if [ -n "$reason" ]; then
                notok "$fmt/$name matches libvirt, but is listed as a difference"
            else
                ok "$fmt/$name matches libvirt"
            fi
        elif [ -n "$reason" ]; then
            ok "$fmt/$name # known difference: $reason"
        else
            notok "$fmt/$name matches libvirt"
            sed 's/^/# /' "$tmp/diff"
        fi
    done
done

[ "$failed" -eq 0 ]
