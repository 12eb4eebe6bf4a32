#!/bin/sh
# qemusnapshot-crash.sh: crash safety of multi-step snapshot deletes and
# reverts (issue #5 part 4).  For every step N of a plan, the operation
# is run with VIRTPLUG_QEMU_SNAPSHOT_FAULT=STEP_N, which kills virsh
# (exit 99) right after step N; the next virsh opens the driver, which
# must finish or roll back the plan.  Then every remaining snapshot must
# read its markers, nothing may dangle or leak, the records must agree
# with the images, and the operation (if rolled back) must succeed when
# run again.  With the domain running, QEMU outlives virsh and the next
# open reconnects to it.
#
# Usage: qemusnapshot-crash.sh [run|off]  (default: both).  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

modes=${1:-run off}
GOLD=$D/gold

save_model() {
    {
        echo "SNAPS='$SNAPS' CURRENT='$CURRENT'"
        for d in $DISKS; do eval "echo \"CUR_$d='\$CUR_$d'\""; done
        for s in $SNAPS; do
            eval "echo \"PARENT_$s='\$PARENT_$s'\""
            for d in $DISKS; do eval "echo \"SNAP_${s}_$d='\$SNAP_${s}_$d'\""; done
        done
    } > "$1"
}

# F1-off once; every run starts from a copy of its images and root
# (its own checks are not reported: the TAP numbering starts after it,
# while a failure there still fails the script)
reset_all; fixture_f1 off >/dev/null
n=0
mkdir -p "$GOLD"
cp -a "$IMG" "$GOLD/img"
cp -a "$ROOT" "$GOLD/root"
save_model "$GOLD/model"

restore() { # restore MODE [f2]
    vq destroy vm1
    rm -rf "$IMG" "$ROOT"
    cp -a "$GOLD/img" "$IMG"
    cp -a "$GOLD/root" "$ROOT"
    for s in $SNAPS; do unset "PARENT_$s"; done
    . "$GOLD/model"
    [ $1 = run ] && v start vm1 >/dev/null
    if [ "$2" = f2 ]; then
        # F2, reverted as the mode runs the guest
        vq snapshot-revert vm1 s2 $([ $1 = run ] && echo --running)
        model_revert s2
        m5
    fi
}

# the model after OP ran to its end
model_apply() { # model_apply OP NAME [FLAG]
    case $1 in
    delete) [ "$3" = --children ] && model_delete $2 children || model_delete $2;;
    revert) model_revert $2;;
    esac
}

crash_loop() { # crash_loop MODE FIXTURE OP NAME [FLAG]
    mode=$1 fix=$2 op=$3 name=$4 flag=$5
    label="$mode $fix $op $name $flag"
    N=1
    while [ $N -le 40 ]; do
        restore $mode $fix
        VIRTPLUG_QEMU_SNAPSHOT_FAULT=STEP_$N "$virsh" -q snapshot-$op vm1 $name $flag >/dev/null 2>&1
        rc=$?
        rm -f "$CACHE/ok"
        if [ $rc = 0 ]; then
            model_apply $op $name $flag
            check_all "$label: all $((N - 1)) steps done"
            break
        fi
        check "$label: killed after step $N" 99 $rc
        # the next open recovers: forward or back, nothing in between
        vq snapshot-list vm1
        case $op in
        delete) case " $(v snapshot-list vm1 --name | paste -sd' ' -) " in
                *" $name "*) rolled=back;; *) rolled=forward;; esac;;
        revert) [ "$(current)" = $name ] && rolled=forward || rolled=back;;
        esac
        [ $rolled = forward ] && model_apply $op $name $flag
        if [ $mode = run ] && [ $op = delete ]; then
            check "$label step $N: QEMU still runs" running "$(domstate)"
        fi
        # a revert finished by recovery leaves the definitions without
        # their <backingStore> chain: the API level, not the plan,
        # restores the snapshot's definition
        [ $op = revert ] && [ $rolled = forward ] &&
            CHAIN_TODO="a revert finished by recovery does not restore the snapshot's definition"
        check_all "$label step $N, recovered $rolled"
        CHAIN_TODO=""
        if [ $rolled = back ]; then
            out=$(v snapshot-$op vm1 $name $flag 2>&1)
            check "$label step $N: the operation works again" "$?" 0
            model_apply $op $name $flag
            check_meta "$label step $N, then done"
            check_data "$label step $N, then done"
        fi
        N=$((N + 1))
    done
    check "$label: a plan of more than one step" yes "$([ $N -gt 2 ] && echo yes || echo no)"
}

for mode in $modes; do
    rf=$([ $mode = run ] && echo --running)
    crash_loop $mode f1 delete s2            # D3/D4: commit below the top
    crash_loop $mode f1 revert s2 $rf        # R4
    if [ $mode = run ]; then
        crash_loop $mode f1 delete s3        # D1: active commit and pivot
    else
        crash_loop $mode f2 delete s1        # X4: commit, and rebase the branch
    fi
done

finish
