#!/bin/sh
# qemusnapshot-revert.sh: the revert scenarios (R1, R2, R4-R6) and the
# deletions after a revert and in branched trees (X1-X7) of
# snapshot-scenarios.md, on real images with the domain running (QMP,
# markers through QEMU) or shut off.  Every step is checked against the
# model of qemusnapshot-lib.sh; each case ends by reverting to every
# remaining snapshot and reading it back.
#
# Usage: qemusnapshot-revert.sh [run|off]  (default: both).  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

modes=${1:-run off}

# F2: F1 + revert to s2 (R4) + m5; the revert overlays are $R2a, $R2b
fixture_f2() {
    fixture_f1 $1
    revert s2 $rf
    R2a=$(top vda) R2b=$(top vdb)
    m5
}

for mode in $modes; do
    [ $mode = run ] && rf=--running || rf=""
    st=$([ $mode = run ] && echo running || echo "shut off")

    # R1 (off) / R2 (run): revert to the current leaf
    reset_all; fixture_f1 $mode
    revert s3 $rf
    N=$(top vda)
    check "$mode R1 new overlay on S_s3" "${N##*/} vda.s2.qcow2 vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode R1 old overlay discarded" "no no" "$(exists "$IMG/vda.s3.qcow2") $(exists "$IMG/vdb.s3.qcow2")"
    check "$mode R1 META(s3) <disks> is the new overlay" "$N" "$(overlay_of s3 vda)"
    check "$mode R1 domain state" "$st" "$(domstate)"
    check_all "$mode R1"
    if [ $mode = run ]; then
        # R2: a disk-only snapshot taken running reverts shut off by
        # default, or started, or paused
        revert s2
        check "run R2 default end state" "shut off" "$(domstate)"
        check_all "run R2 default"
        revert s1 --paused
        check "run R2 --paused" "paused" "$(domstate)"
        check_all "run R2 --paused"
        revert s3 --running
        check "run R2 --running" "running" "$(domstate)"
        check_all "run R2 --running"
    fi

    # R4 (F2), X1: the leaf that is not current, after the revert
    reset_all; fixture_f2 $mode
    check "$mode R4 CHAIN(vda)" "${R2a##*/} vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode R4 O_s3 deleted, S_s3 kept" "no yes" "$(exists "$IMG/vda.s3.qcow2") $(exists "$IMG/vda.s2.qcow2")"
    check "$mode R4 META(s2) revertDisks" "$R2a $R2b" "$(revertdisk_of s2 vda) $(revertdisk_of s2 vdb)"
    check "$mode R4 META(s2) disks" "$IMG/vda.s2.qcow2" "$(overlay_of s2 vda)"
    check "$mode R4 domain state" "$st" "$(domstate)"
    check_all "$mode R4"
    delete s3
    model_delete s3
    check "$mode X1 S_s3 unlinked" "no" "$(exists "$IMG/vda.s2.qcow2")"
    check "$mode X1 CHAIN(vda) unchanged" "${R2a##*/} vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode X1 META(s2) disks := revertDisks" "$R2a " "$(overlay_of s2 vda) $(revertdisk_of s2 vda)"
    check_all "$mode X1"
    check_reverts "$mode X1" $rf

    # X2: the current non-leaf after a revert
    reset_all; fixture_f2 $mode
    files=$(ls "$IMG" | paste -sd' ' -)
    delete s2
    model_delete s2
    check "$mode X2 no image changes" "$files" "$(ls "$IMG" | paste -sd' ' -)"
    check "$mode X2 TREE" "s1< s3<s1" "$(tree)"
    check "$mode X2 CUR" "s1" "$(current)"
    check_all "$mode X2"
    check_reverts "$mode X2" $rf

    # X4: an ancestor of current while a sibling branch is not open
    reset_all; fixture_f2 $mode
    delete s1
    model_delete s1
    check "$mode X4 CHAIN(vda)" "${R2a##*/} vda-base.qcow2" "$(chainof vda)"
    check "$mode X4 CHAIN(S_s3)" "vda.s2.qcow2 vda-base.qcow2" "$(chain "$IMG/vda.s2.qcow2")"
    check_all "$mode X4"
    check_reverts "$mode X4" $rf

    # R6: reverting away from the revertDisks state
    reset_all; fixture_f2 $mode
    revert s1 $rf
    check "$mode R6 R2 discarded" "no no" "$(exists "$R2a") $(exists "$R2b")"
    check "$mode R6 new overlay on the base" "vda-base.qcow2" "$(chainof vda | cut -d' ' -f2-)"
    check "$mode R6 META(s1) revertDisks" "$(top vda)" "$(revertdisk_of s1 vda)"
    check "$mode R6 kept" "yes yes" "$(exists "$IMG/vda.s1.qcow2") $(exists "$IMG/vda.s2.qcow2")"
    check_all "$mode R6"
    # X3 (simpler variant): a non-leaf outside the active chain
    delete s2
    model_delete s2
    check "$mode X3 vda.s2 merged and gone" "no" "$(exists "$IMG/vda.s2.qcow2")"
    check "$mode X3 s3 on vda.s1" "s1 $IMG/vda.s1.qcow2" \
        "$(snapxml s3 | xp 'string(/domainsnapshot/parent/name)') $(state_of s3 vda)"
    check "$mode X3 active chain untouched" "vda-base.qcow2" "$(chainof vda | cut -d' ' -f2-)"
    check_all "$mode X3"
    check_reverts "$mode X3" $rf

    # R5 (F3), X5, X6: a real branch, then its point, then the root
    reset_all; fixture_f2 $mode
    create s4 --disk-only --diskspec "vda,file=$IMG/vda.s4.qcow2" --diskspec "vdb,file=$IMG/vdb.s4.qcow2"
    m6
    check "$mode R5 TREE" "s1< s2<s1 s3<s2 s4<s2" "$(tree)"
    check "$mode R5 revertDisks dropped" "" "$(revertdisk_of s2 vda)"
    check "$mode R5 S_s4 = R2" "$R2a" "$(state_of s4 vda)"
    check "$mode R5 CHAIN(vda)" "vda.s4.qcow2 ${R2a##*/} vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check_all "$mode R5"
    delete s2
    model_delete s2
    check "$mode X5 TREE" "s1< s3<s1 s4<s1" "$(tree)"
    check_all "$mode X5"
    delete s1
    model_delete s1
    check "$mode X6 CHAIN(vda)" "vda.s4.qcow2 ${R2a##*/} vda-base.qcow2" "$(chainof vda)"
    check "$mode X6 TREE" "s3< s4<" "$(tree)"
    check_all "$mode X6"
    check_reverts "$mode X6" $rf

    # X7: the --children subtree of a branched snapshot
    reset_all; fixture_f2 $mode
    create s4 --disk-only --diskspec "vda,file=$IMG/vda.s4.qcow2" --diskspec "vdb,file=$IMG/vdb.s4.qcow2"
    m6
    delete s2 --children
    model_delete s2 children
    # s1 ends a leaf: R2, the only image on vda.s1 (O_s1, the top s1
    # left), is merged into it, which the scenario allows ("or its
    # <disks> if it is treated as a leaf")
    check "$mode X7 CHAIN(vda)" "vda.s1.qcow2 vda-base.qcow2" "$(chainof vda)"
    check "$mode X7 m6 merged" "" "$(badslots "$(top vda)" "$CUR_vda")"
    check "$mode X7 TREE, CUR" "s1< s1" "$(tree) $(current)"
    check_all "$mode X7"
    check_reverts "$mode X7" $rf
done

finish
