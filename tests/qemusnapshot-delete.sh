#!/bin/sh
# qemusnapshot-delete.sh: the deletion scenarios of snapshot-scenarios.md
# (D1-D10, D13, D14) on real images, the domain running (QMP jobs,
# markers written through QEMU) or shut off (qemu-img, qemu-io).  After
# every step the chains, files, records and data are checked against
# the model (qemusnapshot-lib.sh); each case ends by reverting to every
# remaining snapshot and reading it back.
#
# Usage: qemusnapshot-delete.sh [run|off]  (default: both).  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

modes=${1:-run off}

for mode in $modes; do
    # the revert flag that keeps the guest's state as the mode says
    [ $mode = run ] && rf=--running || rf=""
    st=$([ $mode = run ] && echo running || echo "shut off")

    # D3/D4 then D1/D2: the middle snapshot, then the current leaf
    reset_all; fixture_f1 $mode
    check_all "$mode F1"
    check "$mode F1 CHAIN(vda)" "vda.s3.qcow2 vda.s2.qcow2 vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    delete s2
    model_delete s2
    check "$mode D3 CHAIN(vda)" "vda.s3.qcow2 vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D3 CHAIN(vdb)" "vdb.s3.qcow2 vdb.s1.qcow2 vdb-base.qcow2" "$(chainof vdb)"
    check "$mode D3 overlay gone" "no no" "$(exists "$IMG/vda.s2.qcow2") $(exists "$IMG/vdb.s2.qcow2")"
    check "$mode D3 s3's state renamed" "$IMG/vda.s1.qcow2" "$(state_of s3 vda)"
    if [ $mode = run ]; then
        check "$mode D3 s3's inactiveDomain renamed" "$IMG/vda.s1.qcow2" \
            "$(snapxml s3 | xp "string(/domainsnapshot/inactiveDomain/devices/disk[target/@dev='vda']/source/@file)")"
    fi
    check "$mode D3 domain state" "$st" "$(domstate)"
    check_all "$mode D3"
    delete s3
    model_delete s3
    check "$mode D1 CHAIN(vda)" "vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D1 CUR" "s1" "$(current)"
    check "$mode D1 domain state" "$st" "$(domstate)"
    check_all "$mode D1"
    check_reverts "$mode D1" $rf

    # D5: the root, whose state image is the base
    reset_all; fixture_f1 $mode
    delete s1
    model_delete s1
    check "$mode D5 CHAIN(vda)" "vda.s3.qcow2 vda.s2.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D5 s2 is a root on the base" " $IMG/vda-base.qcow2" \
        "$(snapxml s2 | xp 'string(/domainsnapshot/parent/name)') $(state_of s2 vda)"
    check_all "$mode D5"
    check_reverts "$mode D5" $rf

    # D9: --children on an external snapshot (BEYOND)
    reset_all; fixture_f1 $mode
    delete s2 --children
    model_delete s2 children
    check "$mode D9 CHAIN(vda)" "vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D9 CUR" "s1" "$(current)"
    check_all "$mode D9"
    check_reverts "$mode D9" $rf

    # D10: --children-only, then on a leaf; D8: --metadata
    reset_all; fixture_f1 $mode
    delete s2 --children-only
    model_delete s3
    check "$mode D10 CUR" "s2" "$(current)"
    check_all "$mode D10"
    before=$(snapshot_state)
    delete s2 --children-only
    check "$mode D10 leaf --children-only changes nothing" "$before" "$(snapshot_state)"
    create s3 --disk-only
    m3
    files=$(ls "$IMG" | paste -sd' ' -)
    delete s2 --metadata
    model_delete s2
    check "$mode D8 s3 reparented" "s1" "$(snapxml s3 | xp 'string(/domainsnapshot/parent/name)')"
    check "$mode D8 files untouched" "$files" "$(ls "$IMG" | paste -sd' ' -)"
    check_all "$mode D8"
    delete s1 --children --metadata
    model_delete s1 children
    check "$mode D8 --children --metadata: no records" "" "$(tree)"
    check "$mode D8 --children --metadata: files untouched" "$files" "$(ls "$IMG" | paste -sd' ' -)"
    check_data "$mode D8 all gone"

    # C5 + D6: a partial snapshot, deleted: vdb is not touched
    reset_all; fixture_f0
    m0
    [ $mode = run ] && v start vm1 >/dev/null
    create j1 --disk-only --diskspec "vda,file=$IMG/vda.j1.qcow2" --diskspec vdb,snapshot=no
    m1
    check "$mode C5 CHAIN(vdb)" "vdb-base.qcow2" "$(chainof vdb)"
    check "$mode C5 META vdb snapshot=no" "no" "$(snapxml j1 | xp "string(/domainsnapshot/disks/disk[@name='vdb']/@snapshot)")"
    check_all "$mode C5"
    before=$(stat -c %Y.%s "$IMG/vdb-base.qcow2")
    delete j1
    model_delete j1
    check "$mode D6 CHAIN(vda)" "vda-base.qcow2" "$(chainof vda)"
    check "$mode D6 vdb untouched" "$before" "$(stat -c %Y.%s "$IMG/vdb-base.qcow2")"
    check_all "$mode D6"

    # D14: two snapshot children, one linear image chain
    reset_all; fixture_f0
    m0
    [ $mode = run ] && v start vm1 >/dev/null
    create s1 --disk-only --diskspec "vda,file=$IMG/vda.s1.qcow2" --diskspec "vdb,file=$IMG/vdb.s1.qcow2"
    m1
    create t2 --disk-only
    m2
    out=$(v snapshot-current vm1 s1 2>&1)
    check "$mode M2 set current" "Snapshot s1 set as current" "$out"
    CURRENT=s1
    check "$mode M2 chain unchanged" "vda.s1.t2 vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    create t3 --disk-only
    m3
    check "$mode D14 TREE" "s1< t2<s1 t3<s1" "$(tree)"
    check "$mode D14 CHAIN(vda)" "vda.s1.t3 vda.s1.t2 vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check_all "$mode D14 fixture"
    delete s1
    model_delete s1
    check "$mode D14 CHAIN(vda)" "vda.s1.t3 vda.s1.t2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D14 t2's state is the base" "$IMG/vda-base.qcow2" "$(state_of t2 vda)"
    check_all "$mode D14"
    check_reverts "$mode D14" $rf

    # D13: a disk missing from a later snapshot's definition
    reset_all; fixture_f0
    m0
    create P --disk-only --diskspec "vda,file=$IMG/vda.P.qcow2" --diskspec "vdb,file=$IMG/vdb.P.qcow2"
    m1
    # detach-disk --config: the persistent definition without vdb
    cached inactive.xml | awk '/<disk /{buf=$0; indisk=1; next}
        indisk {buf=buf "\n" $0; if (/<\/disk>/) {indisk=0; if (buf !~ /dev=.vdb./) print buf}; next}
        {print}' > "$D/novdb.xml"
    vq define "$D/novdb.xml"
    DISKS=vda
    create Q --disk-only --diskspec "vda,file=$IMG/vda.Q.qcow2"
    m2
    # attach-disk --config: vdb on P's overlay, with no <backingStore>
    cached inactive.xml | sed "s|</devices>|<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$IMG/vdb.P.qcow2'/><target dev='vdb' bus='virtio'/></disk></devices>|" > "$D/vdb.xml"
    vq define "$D/vdb.xml"
    DISKS="vda vdb"
    [ $mode = run ] && v start vm1 >/dev/null
    delete P
    check "$mode D13 CHAIN(vda)" "vda.Q.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode D13 CHAIN(vdb)" "vdb-base.qcow2" "$(chainof vdb)"
    check "$mode D13 vdb data merged" "" "$(badslots "$(top vdb)" "$CUR_vdb")"
    check "$mode D13 Q's state" "$IMG/vda-base.qcow2" "$(state_of Q vda)"
    check "$mode D13 files" "vda-base.qcow2 vda.Q.qcow2 vdb-base.qcow2" "$(ls "$IMG" | paste -sd' ' -)"
    check "$mode D13 TREE" "Q<" "$(tree)"
    check "$mode D13 Q reads m0 m1" "" "$(badslots "$(state_of Q vda)" "$SNAP_Q_vda")"
done

finish
