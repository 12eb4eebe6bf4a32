#!/bin/sh
# check-xml-schemas.sh: every good output of the golden corpora must
# validate against virtplug's own schemas (docs/schemas/), and every
# schema must itself be a valid RelaxNG grammar.  The good inputs of the
# domain corpus must validate too: the schema describes all the parser
# accepts (check-xml-schema-rejects.sh holds the other side).
#
# Prints TAP.  Exits 77 (skip) without xmllint.
set -u

srcdir=${VIRTPLUG_TEST_SRCDIR:-$(cd "$(dirname "$0")" && pwd)}
schemas=${VIRTPLUG_SCHEMA_DIR:-$srcdir/../docs/schemas}

if ! command -v xmllint >/dev/null 2>&1; then
    echo "1..0 # SKIP xmllint is not installed"
    exit 77
fi

tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT

n=0
failed=0
# corpus directory and the schema its outputs follow
pairs="domainxml2xmldata:domain snapshotxml2xmldata:domainsnapshot"
plan=0
for pair in $pairs; do
    plan=$((plan + $(ls "$srcdir/${pair%%:*}"/*.out.xml 2>/dev/null | wc -l)))
done
plan=$((plan + $(ls "$srcdir"/domainxml2xmldata/*.out.xml | wc -l)))
echo "1..$plan"

for pair in $pairs; do
    dir=$srcdir/${pair%%:*}
    rng=$schemas/${pair##*:}.rng
    for out in "$dir"/*.out.xml; do
        [ -f "$out" ] || continue
        n=$((n + 1))
        name=${pair##*:}/$(basename "$out" .out.xml)
        if xmllint --noout --relaxng "$rng" "$out" >"$tmp" 2>&1; then
            echo "ok $n - $name validates"
        else
            failed=$((failed + 1))
            echo "not ok $n - $name validates"
            sed 's/^/# /' "$tmp"
        fi
    done
done

for out in "$srcdir"/domainxml2xmldata/*.out.xml; do
    name=$(basename "$out" .out.xml)
    n=$((n + 1))
    if xmllint --noout --relaxng "$schemas/domain.rng" \
            "${out%.out.xml}.in.xml" >"$tmp" 2>&1; then
        echo "ok $n - domain/$name input validates"
    else
        failed=$((failed + 1))
        echo "not ok $n - domain/$name input validates"
        sed 's/^/# /' "$tmp"
    fi
done

[ "$failed" -eq 0 ]
