#!/bin/sh
# qemusnapshot-names.sh: snapshot names the qemu plugin refuses.  A
# record is NAME.xml in the domain's snapshot directory and the records
# are read back from every file not starting with a dot, so a name with
# '/' or a leading '.' must be refused (libvirt's code and words) before
# anything is written, never escape the directory nor be lost on the
# next open; a newline is refused too (it would end up in the default
# overlay paths).  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

fixture_f0
mkdir -p "$SNAPDIR"
files_now() { (cd "$D" && find img root/lib/qemu/snapshot -type f | sort | md5sum); }
before=$(files_now)

# VIR_ERR_XML_DETAIL: the message alone, no prefix
slash="error: invalid snapshot name"
for name in a/b ../x ../../escape /abs x/ ..; do
    case $name in
    */*) why="name can't contain '/'";;
    *) why="name can't start with '.'";;
    esac
    check_err "create-as '$name' refused" "$slash '$name': $why" \
        snapshot-create-as vm1 "$name" --disk-only
done
check_err "create-as '.hidden' refused" \
    "$slash '.hidden': name can't start with '.'" \
    snapshot-create-as vm1 .hidden --disk-only
nl='a
b'
check_err "create-as with a newline refused" \
    "error: invalid char in name: 0x0a" \
    snapshot-create-as vm1 "$nl" --disk-only
printf '<domainsnapshot><name>../up</name></domainsnapshot>\n' > "$D/up.xml"
check_err "snapshot-create XML '../up' refused" \
    "$slash '../up': name can't contain '/'" \
    snapshot-create vm1 "$D/up.xml" --disk-only
printf '<domainsnapshot><name>../up</name><state>shutoff</state><creationTime>1</creationTime></domainsnapshot>\n' > "$D/up-redefine.xml"
check_err "redefine '../up' refused" \
    "$slash '../up': name can't contain '/'" \
    snapshot-create vm1 "$D/up-redefine.xml" --redefine
check "refusals wrote nothing" "$before" "$(files_now)"
check "nothing outside the snapshot directory" "" \
    "$(ls "$ROOT/lib/qemu/snapshot" "$ROOT/lib/qemu" 2>/dev/null | grep -E 'up|escape|\.xml$')"

# names that are fine as file names stay usable, and load again
for name in 'a b' 'x..y' 'tail.' '-dash'; do
    out=$(v snapshot-create-as vm1 -- "$name" --disk-only 2>&1)
    check "create-as '$name' works" 0 $?
done
check "records for each" "-dash.xml a b.xml tail..xml x..y.xml" \
    "$(cd "$SNAPDIR" && ls -- *.xml | paste -sd' ' -)"
check "all listed after a new open" "-dash a b tail. x..y" \
    "$(v snapshot-list vm1 --name | grep -v '^$' | sort | paste -sd' ' -)"

finish
