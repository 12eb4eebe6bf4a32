#!/bin/sh
# qemu-embed-demo.sh: the main job on the embedded default, qemu:///embed
#
# The qemu driver runs inside virsh itself, every file under one root
# directory: a guest with no OS (it sits in firmware) and a qcow2 disk is
# defined and started, given an external snapshot while it runs, shown,
# and destroyed.  KVM is used when /dev/kvm works, TCG otherwise.
#
# Run from the build tree as `./run docs/examples/qemu-embed-demo.sh [ROOT]`;
# ROOT (default: a new temporary directory) is kept afterwards.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

root=${1:-$(mktemp -d "${TMPDIR:-/tmp}/virtplug-demo-XXXXXX")}
mkdir -p "$root/images"
uri="qemu:///embed?root=$root"
type=qemu
[ -w /dev/kvm ] && type=kvm

qemu-img create -q -f qcow2 "$root/images/demo.qcow2" 64M
cat > "$root/demo.xml" <<XML
<domain type='$type'>
  <name>demo</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$root/images/demo.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='pty'/>
    <video><model type='none'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
XML

set -x
virsh -c "$uri" define "$root/demo.xml"
virsh -c "$uri" start demo
virsh -c "$uri" snapshot-create-as demo first --disk-only --atomic
virsh -c "$uri" "list --all; domblklist demo; snapshot-list demo --tree"
virsh -c "$uri" destroy demo
set +x
echo "qemu:///embed root kept in $root"
