#!/bin/sh
# check-xml-schema-rejects.sh: virtplug's domain schema is closed.
#
#   - every domainxml2xmldata/NAME.invalid.xml (a document with a wrong
#     attribute value or an unknown element or attribute somewhere in a
#     device, <os>, <cpu>, <clock> or <features>) must fail validation
#     against docs/schemas/domain.rng, and the C parser must refuse it
#     too (virsh define on test:///default, when the test plugin is
#     built);
#   - every error case domainxml2xmldata/err-NAME.in.xml must fail
#     validation, unless schema-accepts.txt lists NAME with the rule the
#     parser checks that a grammar cannot say ("NAME: reason"); the same
#     for snapshotxml2xmldata/err-NAME.in.xml and domainsnapshot.rng.
#
# Prints TAP.  Exits 77 (skip) without xmllint.
set -u

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
schemas=${VIRTPLUG_SCHEMA_DIR:-$srcdir/../docs/schemas}
builddir=${VIRTPLUG_BUILDDIR:-$srcdir/..}
ddir=$srcdir/domainxml2xmldata
rng=$schemas/domain.rng

if ! command -v xmllint >/dev/null 2>&1; then
    echo "1..0 # SKIP xmllint is not installed"
    exit 77
fi

parser=yes
case " ${VIRTPLUG_PLUGINS-test} " in
    *" test "*) ;;
    *) parser=no ;;
esac

tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT

n=0
failed=0
ninvalid=$(ls "$ddir"/*.invalid.xml | wc -l)
sdir=$srcdir/snapshotxml2xmldata
nerr=$(ls "$ddir"/err-*.err "$sdir"/err-*.err | wc -l)
echo "1..$((ninvalid * 2 + nerr))"

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

notok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
}

for doc in "$ddir"/*.invalid.xml; do
    name=$(basename "$doc" .xml)
    if xmllint --noout --relaxng "$rng" "$doc" >"$tmp" 2>&1; then
        notok "$name is rejected by the schema"
    else
        ok "$name is rejected by the schema"
    fi
    if [ "$parser" = no ]; then
        ok "$name # SKIP the test plugin is not built"
    elif "$builddir/run" "$builddir/tools/virsh" -q -c test:///default \
            define "$doc" >"$tmp" 2>&1; then
        notok "$name is rejected by the parser"
        sed 's/^/# /' "$tmp"
    else
        ok "$name is rejected by the parser: $(grep -m1 '^error: [^F]' "$tmp")"
    fi
done

# check_error_cases DIR SCHEMA
check_error_cases() {
    for err in "$1"/err-*.err; do
        name=$(basename "$err" .err)
        reason=$(sed -n "s/^$name: //p" "$1/schema-accepts.txt")
        if xmllint --noout --relaxng "$2" "$1/$name.in.xml" >"$tmp" 2>&1; then
            if [ -n "$reason" ]; then
                ok "$name # schema accepts it: $reason"
            else
                notok "$name is rejected by the schema"
            fi
        elif [ -n "$reason" ]; then
            notok "$name is rejected by the schema, but listed in schema-accepts.txt"
        else
            ok "$name is rejected by the schema"
        fi
    done
}

check_error_cases "$ddir" "$rng"
check_error_cases "$sdir" "$schemas/domainsnapshot.rng"

[ "$failed" -eq 0 ]
