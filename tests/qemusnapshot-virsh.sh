#!/bin/sh
# qemusnapshot-virsh.sh: external snapshots through virsh and the qemu
# plugin, with real images and a real (paused, TCG) QEMU, following
# snapshot-scenarios.md.  Data markers are written and read with qemu-io
# while the domain is shut off; while it runs the checks are the chains
# QEMU and qemu-img report.
#
# Runs against the plugin in $VIRTPLUG_QEMU_PLUGIN_DIR (default: the
# build tree's plugins/qemu/.libs).  Skipped (77) without qemu-img,
# qemu-io, qemu-system-x86_64 or a qemu plugin with snapshot support.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
plugdir=${VIRTPLUG_QEMU_PLUGIN_DIR:-$builddir/plugins/qemu/.libs}
virsh=$builddir/tools/virsh

for tool in qemu-img qemu-io qemu-system-x86_64; do
    command -v $tool >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 77; }
done
[ -e "$plugdir/qemu.so" ] || { echo "1..0 # SKIP no qemu.so in $plugdir"; exit 77; }

D=$(mktemp -d "${TMPDIR:-/tmp}/qemusnapshot-XXXXXX")
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
    rm -rf "$D"
}
trap cleanup EXIT

top() { v domblklist vm1 | awk -v d="${1:-vda}" '$1==d{print $2}'; }
chain() { # CHAIN of the scenarios, file names only, top first
    qemu-img info -U --backing-chain "$1" | sed -n 's|^image: .*/||p' | paste -sd' ' -
}
write() { qemu-io -f qcow2 -c "write -P $1 $2 1M" "$(top)" >/dev/null; }
has() { # HAS(img, P@OFF): prints yes or no
    out=$(qemu-io -r -U -f qcow2 -c "read -P $2 $3 1M" "$1" 2>&1)
    case $out in *"Pattern verification failed"*) echo no;; *"read 1048576"*) echo yes;; *) echo error;; esac
}
snaps() { v snapshot-list vm1 --parent | awk 'NR>2 && $1!="" {print $1 "<" $6}' | paste -sd' ' -; }

qemu-img create -q -f qcow2 "$IMG/vda-base.qcow2" 64M
qemu-img create -q -f qcow2 "$IMG/vdb-base.qcow2" 32M
cat > "$D/vm1.xml" <<EOF
<domain type='kvm'>
  <name>vm1</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$IMG/vda-base.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$IMG/vdb-base.qcow2'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <serial type='pty'/>
    <video><model type='none'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
v define "$D/vm1.xml" >/dev/null || { echo "1..0 # SKIP cannot define a qemu domain"; exit 77; }
if ! v snapshot-list vm1 >/dev/null 2>&1; then
    echo "1..0 # SKIP the qemu plugin has no snapshot support"; exit 77
fi

# C3, F1-off: m0, s1, m1, s2 (C2: default names), m2, s3, m3
write 0x11 0
out=$(v snapshot-create-as vm1 s1 --disk-only --diskspec "vda,file=$IMG/vda.s1.qcow2" --diskspec "vdb,file=$IMG/vdb.s1.qcow2")
check "C3 offline create" "Domain snapshot s1 created" "$(echo $out)"
write 0x22 1M
v snapshot-create-as vm1 s2 --disk-only >/dev/null
check "C2 default overlay name" "$IMG/vda.s1.s2" "$(top)"
write 0x33 2M
v snapshot-create-as vm1 s3 --disk-only >/dev/null
write 0x44 3M
check "F1-off chain" "vda.s1.s3 vda.s1.s2 vda.s1.qcow2 vda-base.qcow2" "$(chain "$(top)")"
check "F1-off tree" "s1< s2<s1 s3<s2" "$(snaps)"
check "M1 current" "s3" "$(v snapshot-current vm1 --name)"

# D4: delete the middle snapshot offline
v snapshot-delete vm1 s2 >/dev/null
check "D4 chain" "vda.s1.s3 vda.s1.qcow2 vda-base.qcow2" "$(chain "$(top)")"
check "D4 merged data" "yes" "$(has "$IMG/vda.s1.qcow2" 0x33 2M)"
check "D4 file gone" "no" "$([ -e "$IMG/vda.s1.s2" ] && echo yes || echo no)"
check "D4 tree" "s1< s3<s1" "$(snaps)"

# R4: revert to a non-leaf snapshot (s1 has child s3), then X1
v snapshot-revert vm1 s1 >/dev/null
check "R4 state" "shut off" "$(v domstate vm1 | head -1)"
check "R4 new overlay on base" "vda-base.qcow2" "$(chain "$(top)" | cut -d' ' -f2)"
check "R4 discarded the old top" "no" "$([ -e "$IMG/vda.s1.s3" ] && echo yes || echo no)"
check "R4 data" "yes no" "$(has "$(top)" 0x11 0) $(has "$(top)" 0x22 1M)"
check "R4 keeps s3's state" "yes yes yes" "$(has "$IMG/vda.s1.qcow2" 0x11 0) $(has "$IMG/vda.s1.qcow2" 0x22 1M) $(has "$IMG/vda.s1.qcow2" 0x33 2M)"
write 0x55 4M
v snapshot-delete vm1 s3 >/dev/null
check "X1 state image of s3 unlinked" "no" "$([ -e "$IMG/vda.s1.qcow2" ] && echo yes || echo no)"
check "X1 current data intact" "yes yes" "$(has "$(top)" 0x11 0) $(has "$(top)" 0x55 4M)"

# crash during a delete, recovered when the next process opens the driver
v snapshot-create-as vm1 k1 --disk-only >/dev/null
write 0x66 5M
v snapshot-create-as vm1 k2 --disk-only >/dev/null
VIRTPLUG_QEMU_SNAPSHOT_FAULT=STEP_1 v snapshot-delete vm1 k1 >/dev/null 2>&1
check "fault switch kills after step 1" "99" "$?"
check "recovered on next open" "k2<s1 s1<" "$(snaps)"
check "recovered data" "yes yes" "$(has "$(top)" 0x66 5M) $(has "$(top)" 0x55 4M)"

# running domain (paused TCG guest): C1, D1, D3 through QMP
v start vm1 --paused >/dev/null || notok "start"
v snapshot-create-as vm1 r1 --disk-only --atomic >/dev/null
check "C1 running create" "vda-base.r1" "$(basename "$(top)")"
v snapshot-create-as vm1 r2 --disk-only >/dev/null
v snapshot-create-as vm1 r3 --disk-only >/dev/null
v snapshot-delete vm1 r2 >/dev/null
check "D3 running middle delete" "vda-base.r3 vda-base.r1" "$(chain "$(top)" | cut -d' ' -f1-2)"
v snapshot-delete vm1 r3 >/dev/null
check "D1 running leaf delete (pivot)" "vda-base.r1" "$(basename "$(top)")"
check "D1 domain still paused" "paused" "$(v domstate vm1 | head -1)"

# C4 + R3: memory snapshot and revert to it
v snapshot-create-as vm1 m1 --memspec "file=$IMG/m1.mem,snapshot=external" >/dev/null
check "C4 memory file" "yes" "$(head -c 16 "$IMG/m1.mem" | grep -q LibvirtQemudSave && echo yes || echo no)"
v destroy vm1 >/dev/null
v snapshot-revert vm1 m1 >/dev/null
check "R3 revert runs again (paused as taken)" "paused" "$(v domstate vm1 | head -1)"
v destroy vm1 >/dev/null
v snapshot-delete vm1 m1 >/dev/null
check "D7 memory file removed" "no" "$([ -e "$IMG/m1.mem" ] && echo yes || echo no)"

echo "1..$n"
exit $fail
