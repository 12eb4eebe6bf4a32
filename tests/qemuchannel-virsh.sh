#!/bin/sh
# qemuchannel-virsh.sh: a guest agent channel whose socket the qemu
# driver places, on a real QEMU guest (paused, no OS) under
# qemu:///embed: the virtio-serial address given at define, the socket
# under ROOT/lib/qemu/channel/target/domain-ID-NAME/ with its path, the
# alias and state='disconnected' in the live XML, as libvirt 9.0 shows
# them, and the directory gone after destroy.  Prints TAP.

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
for tool in qemu-system-x86_64; do
    command -v $tool >/dev/null 2>&1 || { echo "1..0 # SKIP $tool missing"; exit 77; }
done
tmp=$(mktemp -d) || exit 99
uri="qemu:///embed?root=$tmp/root"
virsh() { timeout 60 "$builddir/run" "$builddir/tools/virsh" -q -c "$uri" "$@"; }
cleanup() { virsh 'destroy chan; undefine chan' >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
export VIRTPLUG_QEMU_FORCE_TCG=1

cat > "$tmp/chan.xml" <<'XML'
<domain type='qemu'>
  <name>chan</name>
  <memory unit='MiB'>128</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <channel type='unix'>
      <source mode='bind'/>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <channel type='unix'>
      <source mode='bind' path='SOCKDIR/other.sock'/>
      <target type='virtio' name='org.example.other'/>
    </channel>
    <memballoon model='none'/>
  </devices>
</domain>
XML
sed -i "s|SOCKDIR|$tmp|" "$tmp/chan.xml"

n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

virsh "define $tmp/chan.xml" >/dev/null
check $? "define a guest with two unix virtio channels"

xml=$(virsh dumpxml chan)
echo "$xml" | grep -q "<source mode='bind'/>"
check $((! $?)) "the inactive XML has no <source> for a socket the driver places"
echo "$xml" | grep -q "<address type='virtio-serial' controller='0' bus='0' port='1'/>" &&
    echo "$xml" | grep -q "<address type='virtio-serial' controller='0' bus='0' port='2'/>"
check $? "define gives the channels virtio-serial ports 1 and 2"

virsh start chan --paused >/dev/null
check $? "start the guest paused"

sock=$tmp/root/lib/qemu/channel/target/domain-1-chan/org.qemu.guest_agent.0
xml=$(virsh dumpxml chan)
echo "$xml" | grep -q "<source mode='bind' path='$sock'/>"
check $? "the live XML names the socket under lib/qemu/channel/target/domain-1-chan"
test -S "$sock"
check $? "QEMU listens on that socket"
echo "$xml" | grep -q "<target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/>" &&
    echo "$xml" | grep -q "<target type='virtio' name='org.example.other' state='disconnected'/>"
check $? "both channels are disconnected (no OS opened them)"
echo "$xml" | grep -q "<alias name='channel0'/>" && echo "$xml" | grep -q "<alias name='channel1'/>"
check $? "the channels have libvirt's aliases"
echo "$xml" | grep -q "<source mode='bind' path='$tmp/other.sock'/>"
check $? "a channel with its own path keeps it"

out=$(virsh qemu-monitor-command chan --hmp 'info qtree')
echo "$out" | grep -A3 'virtserialport, id "channel1"' | grep -q 'nr = 2'
check $? "QEMU has channel1 at port 2 of the virtio-serial bus"

virsh destroy chan >/dev/null
check $? "destroy the guest"
test ! -e "$tmp/root/lib/qemu/channel/target/domain-1-chan"
check $? "the channel directory is gone"
virsh dumpxml chan | grep -q "state="
check $((! $?)) "the inactive XML keeps no state"

echo "1..$n"
