#!/bin/sh
# qemusnapshot-refuse.sh: the refusal and hazard scenarios of
# snapshot-scenarios.md on real QEMU: D11, R7 and the C8 block job row
# while a block pull runs (B4), D12 (records made stale by a manual
# blockcommit), D15 and R8 (an internal snapshot below an external
# one).  A refusal must give the exact error and change nothing; an
# operation that goes ahead must lose no data.  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

# what the refusals must not change while a pull writes into vdb's top
records_state() {
    { chainof vda; tree; current
      for s in $SNAPS; do snapxml $s; done
      cached inactive.xml; domstate; } 2>&1 | md5sum
}

# B4: D11, R7, C8 while a block pull runs
fixture_f0
# 24 MiB outside the markers' slots, so that a 64 KiB/s pull lasts far
# longer than the checks below take on a loaded machine
qemu-io -f qcow2 -c "write -P 0x77 16M 24M" "$IMG/vdb-base.qcow2" >/dev/null
m0
v start vm1 >/dev/null
create s1 --disk-only --diskspec "vda,file=$IMG/vda.s1.qcow2" --diskspec "vdb,file=$IMG/vdb.s1.qcow2"
m1
create s2 --disk-only
m2
check_all "B4 fixture"
out=$(v blockpull vm1 vdb --bandwidth 65536 --bytes 2>&1)
check "B3 blockpull started" "Block Pull started" "$out"
# On an embedded driver the job outlives the virsh that started it: QEMU
# keeps it (pending, as the driver never finalizes it), and every later
# virsh must see it there.
qmp() { v qemu-monitor-command vm1 "$1"; }
check "B4 QEMU has the pull" "vdb" \
    "$(qmp '{"execute":"query-jobs"}' | grep -o '"id":"vdb"' | sed 's/.*:"//; s/"//')"
before=$(records_state)
out=$(v snapshot-delete vm1 s1 2>&1)
case $out in
*"error: Operation not supported: cannot delete external snapshots when there is another active block job"*) ok "D11 delete refused";;
*) notok "D11 delete refused"; echo "#   got: $out";;
esac
check_err "R7 revert refused" "error: Requested operation is not valid: domain has active block job" \
    snapshot-revert vm1 s1
check_err "C8 create refused" "error: Operation not supported: disk 'vdb' already in active block job" \
    snapshot-create-as vm1 s3 --disk-only
check "B4 refusals changed nothing" "$before" "$(records_state)"
# end the job as nobody else will: cancelled, the chain stays as it was
qmp '{"execute":"job-cancel","arguments":{"id":"vdb"}}' >/dev/null
i=0
until qmp '{"execute":"query-jobs"}' | grep -q '"concluded"' || [ $i -ge 50 ]; do sleep 0.2; i=$((i + 1)); done
qmp '{"execute":"job-dismiss","arguments":{"id":"vdb"}}' >/dev/null
check_all "B4 after the pull was cancelled"
delete s1
model_delete s1
check_all "B4 delete once the job is gone"

# D12: records made stale by a manual blockcommit
reset_all; fixture_f0
m0
v start vm1 >/dev/null
for s in Q X1 X2; do
    create $s --disk-only --diskspec "vda,file=$IMG/vda.$s.qcow2" --diskspec vdb,snapshot=no
    mark $(echo $SNAPS | wc -w) $(echo 22 33 44 | cut -d' ' -f$(echo $SNAPS | wc -w))
done
out=$(v blockcommit vm1 vda --top "$IMG/vda.X1.qcow2" --base "$IMG/vda-base.qcow2" --delete --wait 2>&1)
# virsh starts the message on a new line, after where a progress bar would be
check "D12 manual blockcommit" "Commit complete" "$(echo "$out" | sed '/^$/d' | head -1)"
check_todo "D12 blockcommit --wait clean exit" "" "$(echo "$out" | grep '^error')" \
    "virsh blockcommit --wait leaks a reference"
check "D12 CHAIN(vda)" "vda.X2.qcow2 vda-base.qcow2" "$(chainof vda)"
for s in X2 X1 Q; do
    before=$(snapshot_state)
    if out=$(v snapshot-delete vm1 $s 2>&1); then
        # reconciled: no data lost, nothing dangling
        ok "D12 delete $s reconciled"
        model_delete $s
        check "D12 delete $s: the disks read as before" "" \
            "$(badslots "$(top vda)" "$CUR_vda")$(badslots "$(top vdb)" "$CUR_vdb")"
        check "D12 delete $s: CHAIN(vda) whole" "vda-base.qcow2" "$(chainof vda | awk '{print $NF}')"
    else
        case $out in
        "error: "*) ok "D12 delete $s refused: $(echo "$out" | grep -v '^error: Failed to' | head -1)";;
        *) notok "D12 delete $s refused"; echo "#   $out";;
        esac
        check "D12 delete $s refused: nothing changed" "$before" "$(snapshot_state)"
    fi
done

# D15 and R8: an internal snapshot I1 below an external E1
reset_all; fixture_f0
m0
for d in $DISKS; do qemu-img snapshot -c I1 "$IMG/$d-base.qcow2"; done
cat > "$D/I1.xml" <<EOF
<domainsnapshot>
  <name>I1</name>
  <state>shutoff</state>
  <creationTime>$(date +%s)</creationTime>
  <memory snapshot='no'/>
  <disks>
    <disk name='vda' snapshot='internal'/>
    <disk name='vdb' snapshot='internal'/>
  </disks>
  $(cached inactive.xml)
</domainsnapshot>
EOF
out=$(v snapshot-create vm1 "$D/I1.xml" --redefine 2>&1)
check "R8 internal I1 redefined" "0 I1" "$? $(v snapshot-list vm1 --name | sed '/^$/d' | paste -sd' ' -)"
create E1 --disk-only --diskspec "vda,file=$IMG/vda.E1.qcow2" --diskspec "vdb,file=$IMG/vdb.E1.qcow2"
m1
base_sum=$(md5sum "$IMG/vda-base.qcow2" "$IMG/vdb-base.qcow2")
before=$(snapshot_state)
if out=$(v snapshot-delete vm1 E1 2>&1); then
    ok "D15 delete E1 handled"
    check "D15 the disks read as before" "" "$(badslots "$(top vda)" "$CUR_vda")"
else
    check "D15 delete E1 refused" \
        "error: Operation not supported: deleting external snapshot that has internal snapshot as parent not supported" "$out"
    check "D15 refusal changed nothing" "$before" "$(snapshot_state)"
fi
before=$(snapshot_state)
if out=$(v snapshot-revert vm1 I1 2>&1); then
    # handled: the base, E1's state, must not have been written
    check "R8 revert I1 left E1's backing alone" "$base_sum" "$(md5sum "$IMG/vda-base.qcow2" "$IMG/vdb-base.qcow2")"
    check "R8 E1's overlay still whole" "vda.E1.qcow2 vda-base.qcow2" "$(chain "$IMG/vda.E1.qcow2")"
else
    case $out in "error: "*) ok "R8 revert I1 refused: $(echo "$out" | grep -v '^error: Failed to' | head -1)";; *) notok "R8 revert I1 refused"; echo "#   $out";; esac
    check "R8 refusal changed nothing" "$before" "$(snapshot_state)"
    check "R8 the base is unchanged" "$base_sum" "$(md5sum "$IMG/vda-base.qcow2" "$IMG/vdb-base.qcow2")"
fi

finish
