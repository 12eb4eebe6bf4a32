#!/bin/sh
# qemusnapshotfeatures.sh: the snapshot features around the engine, with
# real images and a real TCG QEMU through virsh and the qemu plugin:
# <revertDisks> kept true across revert, create and reopen; live memory
# snapshots (--live) and their save cookie; the flag combinations
# libvirt refuses; --quiesce refused without a guest agent channel and,
# with the channel but no agent answering (our guests have no OS), after
# a bounded wait, with nothing created and the guest left as it was.
#
# Every virsh call is a new process on qemu:///embed, so each check also
# covers reading the metadata back.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
plugdir=${VIRTPLUG_QEMU_PLUGIN_DIR:-$builddir/plugins/qemu/.libs}
virsh=$builddir/tools/virsh

for tool in qemu-img qemu-io qemu-system-x86_64; do
    command -v $tool >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 77; }
done
[ -e "$plugdir/qemu.so" ] || { echo "1..0 # SKIP no qemu.so in $plugdir"; exit 77; }

D=$(mktemp -d "${TMPDIR:-/tmp}/qemusnapfeat-XXXXXX")
IMG=$D/img
mkdir -p "$IMG"
export VIRTPLUG_PLUGIN_DIR=$plugdir
export VIRTPLUG_QEMU_FORCE_TCG=1
export LIBVIRT_DEFAULT_URI="qemu:///embed?root=$D/root"
unset VIRTPLUG_QEMU_SNAPSHOT_FAULT

n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check() { # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then ok "$1"; else notok "$1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
v() { "$virsh" "$@"; }
cleanup() {
    v destroy vm1 >/dev/null 2>&1
    v destroy vm2 >/dev/null 2>&1
    rm -rf "$D"
}
trap cleanup EXIT

top() { v domblklist "${2:-vm1}" | awk -v d="${1:-vda}" '$1==d{print $2}'; }
# the <source file> of vda in element $2 (disks, revertDisks) of snapshot $1
recorded() {
    v snapshot-dumpxml vm1 "$1" |
        sed -n "/<$2>/,/<\/$2>/p" | sed -n "/name='vda'/,/<\/disk>/s|.*<source file='\([^']*\)'.*|\1|p"
}
files() { ls "$IMG" | paste -sd' ' -; }

qemu-img create -q -f qcow2 "$IMG/vda-base.qcow2" 64M
qemu-img create -q -f qcow2 "$IMG/vdb-base.qcow2" 32M
domain() { # domain NAME EXTRA-DEVICES
    cat <<EOF
<domain type='kvm'>
  <name>$1</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$IMG/${1}vda-base.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='pty'/>
    <video><model type='none'/></video>
    <memballoon model='none'/>
    $2
  </devices>
</domain>
EOF
}
qemu-img create -q -f qcow2 "$IMG/vm1vda-base.qcow2" 64M
domain vm1 "" > "$D/vm1.xml"
v define "$D/vm1.xml" >/dev/null || { echo "1..0 # SKIP cannot define a qemu domain"; exit 77; }

# <revertDisks> (R4, R5, R6), shut off
v snapshot-create-as vm1 s1 --disk-only >/dev/null
v snapshot-create-as vm1 s2 --disk-only >/dev/null
check "no revertDisks before a revert" "" "$(recorded s1 revertDisks)"
# offline overlays are written directly: the bytes qemu-img writes
qemu-img create -q -f qcow2 -u -F qcow2 -b "$IMG/vm1vda-base.s1" "$D/ref.qcow2" 64M
check "offline overlay identical to qemu-img create's" "yes" \
    "$(cmp -s "$D/ref.qcow2" "$IMG/vm1vda-base.s2" && echo yes || echo no)"
check "offline overlay passes qemu-img check" "yes" "$(qemu-img check -q "$IMG/vm1vda-base.s2" && echo yes || echo no)"

v snapshot-revert vm1 s1 >/dev/null
r1=$(top)
check "R4 revert overlay is the new top" "vm1vda-base" "$(basename "$r1" | cut -d. -f1)"
check "R4 revertDisks names it (reread)" "$r1" "$(recorded s1 revertDisks)"
check "R4 disks still name s1's overlay" "$IMG/vm1vda-base.s1" "$(recorded s1 disks)"
v snapshot-revert vm1 s1 >/dev/null
r2=$(top)
check "revert again replaces the record" "$r2" "$(recorded s1 revertDisks)"
check "and discards the former revert overlay" "no" "$([ -e "$r1" ] && echo yes || echo no)"
v snapshot-revert vm1 s2 >/dev/null
check "R6 revert elsewhere drops the record" "" "$(recorded s1 revertDisks)"
check "R6 and its overlay" "no" "$([ -e "$r2" ] && echo yes || echo no)"
v snapshot-revert vm1 s1 >/dev/null
r3=$(top)
v snapshot-create-as vm1 s3 --disk-only >/dev/null
check "R5 create ends the record" "" "$(recorded s1 revertDisks)"
check "R5 the revert overlay is s3's state" "$r3" "$(v snapshot-dumpxml vm1 s3 | sed -n "s|.*<source file='\($r3\)'.*|\1|p" | head -1)"
v snapshot-delete vm1 s3 >/dev/null
v snapshot-delete vm1 s2 >/dev/null
v snapshot-delete vm1 s1 >/dev/null
check "all deleted: everything merged into the base" "1 $IMG/vm1vda-base.qcow2" "$(ls "$IMG"/vm1vda-base* | wc -l) $(top)"

# flag combinations libvirt refuses
out=$(v snapshot-create-as vm1 x --live --memspec "file=$IMG/x.mem,snapshot=external" 2>&1)
check "offline --memspec" "error: XML error: memory state cannot be saved with offline or disk-only snapshot" "$(echo "$out" | grep error:)"
v start vm1 >/dev/null || notok "start"
out=$(v snapshot-create-as vm1 x --disk-only --live 2>&1)
check "C8 --disk-only --live" "error: Operation not supported: live snapshot creation is supported only during full system snapshots" "$(echo "$out" | grep error:)"

# --quiesce without an agent channel: libvirt's refusal, nothing made
out=$(v snapshot-create-as vm1 q0 --disk-only --quiesce 2>&1)
check "C8 --quiesce without a guest agent" "error: argument unsupported: QEMU guest agent is not configured" "$(echo "$out" | grep error:)"
check "C8 nothing created" "0 running" "$(v snapshot-list vm1 --name | grep -c .) $(v domstate vm1 | head -1)"

# C4 --live: the guest runs while its memory is written
out=$(v snapshot-create-as vm1 m1 --live --memspec "file=$IMG/m1.mem,snapshot=external" \
      --diskspec "vda,snapshot=external,file=$IMG/vda.m1.qcow2" 2>&1)
check "C4 --live created" "Domain snapshot m1 created" "$(echo $out)"
check "C4 --live guest running after" "running" "$(v domstate vm1 | head -1)"
check "C4 --live memory image" "yes" "$(head -c 16 "$IMG/m1.mem" | grep -q LibvirtQemudSave && echo yes || echo no)"
check "C4 state running" "running" "$(v snapshot-dumpxml vm1 m1 | sed -n 's|.*<state>\(.*\)</state>|\1|p')"
cookie=$(v snapshot-dumpxml vm1 m1 | sed -n '/<cookie>/,/<\/cookie>/p' | tr '"' "'")
check "C4 cookie has the guest CPU" "<model fallback='forbid'>qemu64</model>" \
    "$(echo "$cookie" | grep -o "<model.*</model>")"
check "C4 cookie CPU mode" "1" "$(echo "$cookie" | grep -c "<cpu mode='custom' match='exact' check='full'>")"
v snapshot-create-as vm1 m2 --memspec "file=$IMG/m2.mem,snapshot=external" \
      --diskspec "vda,snapshot=external,file=$IMG/vda.m2.qcow2" >/dev/null
check "C4 without --live, running after" "running" "$(v domstate vm1 | head -1)"
check "top after two memory snapshots" "$IMG/vda.m2.qcow2" "$(top)"
# R3 to the live one
v snapshot-revert vm1 m1 >/dev/null
check "R3 revert to the --live snapshot runs" "running" "$(v domstate vm1 | head -1)"
check "R3 on a new overlay of m1's state" "$IMG/vm1vda-base.qcow2" "$(qemu-img info -U "$(top)" | sed -n 's|^backing file: ||p')"
check "R3 started with the cookie's CPU" "<model fallback='forbid'>qemu64</model>" \
    "$(v dumpxml vm1 | tr '"' "'" | grep -o "<model fallback.*</model>")"
check "R3 m1 has children: record in revertDisks" "$(top)" "$(recorded m1 revertDisks)"
v destroy vm1 >/dev/null
v snapshot-delete vm1 m1 --children >/dev/null
check "memory files gone with their snapshots" "no no" \
    "$([ -e "$IMG/m1.mem" ] && echo yes || echo no) $([ -e "$IMG/m2.mem" ] && echo yes || echo no)"
v undefine vm1 --snapshots-metadata >/dev/null

# --quiesce with the agent channel but no agent (no OS in the guest):
# libvirt's agent error, bounded, nothing created, the guest as it was
qemu-img create -q -f qcow2 "$IMG/vm2vda-base.qcow2" 64M
domain vm2 "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>" > "$D/vm2.xml"
v define "$D/vm2.xml" >/dev/null
v start vm2 >/dev/null || notok "start vm2"
check "agent channel: virtserialport on the command line" "1" \
    "$(ps -eo args | grep -F -- "$D/" | grep -v grep | grep -c 'virtserialport.*org.qemu.guest_agent.0')"
t0=$(date +%s)
out=$(v snapshot-create-as vm2 q1 --disk-only --quiesce --diskspec "vda,file=$IMG/vm2.q1.qcow2" 2>&1)
t1=$(date +%s)
check "quiesce, agent silent: libvirt's error" "error: Guest agent is not responding: QEMU guest agent is not connected" "$(echo "$out" | grep error:)"
check "quiesce error is bounded (< 30 s)" "yes" "$([ $((t1 - t0)) -lt 30 ] && echo yes || echo no)"
check "quiesce: no snapshot, no overlay" "0 no" "$(v snapshot-list vm2 --name | grep -c .) $([ -e "$IMG/vm2.q1.qcow2" ] && echo yes || echo no)"
check "quiesce: guest left running on its image" "running $IMG/vm2vda-base.qcow2" "$(v domstate vm2 | head -1) $(top vda vm2)"
v snapshot-create-as vm2 q2 --disk-only --diskspec "vda,file=$IMG/vm2.q2.qcow2" >/dev/null
check "without --quiesce the same snapshot works" "$IMG/vm2.q2.qcow2" "$(top vda vm2)"
v destroy vm2 >/dev/null

echo "1..$n"
exit $fail
