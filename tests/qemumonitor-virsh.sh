#!/bin/sh
# qemumonitor-virsh.sh: virsh qemu-monitor-command on a real QEMU guest
# (paused, no OS) under qemu:///embed: QMP, --pretty, --return-value and
# --hmp, through libvirt-qemu.so.  Prints TAP.

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
for tool in qemu-system-x86_64; do
    command -v $tool >/dev/null 2>&1 || { echo "1..0 # SKIP $tool missing"; exit 77; }
done
tmp=$(mktemp -d) || exit 99
uri="qemu:///embed?root=$tmp/root"
virsh() { timeout 60 "$builddir/run" "$builddir/tools/virsh" -q -c "$uri" "$@"; }
cleanup() { virsh 'destroy mon; undefine mon' >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

cat > "$tmp/mon.xml" <<'XML'
<domain type='qemu'>
  <name>mon</name>
  <memory unit='MiB'>128</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
</domain>
XML

n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

virsh "define $tmp/mon.xml; start mon --paused" >/dev/null
check $? "define and start a paused guest"

out=$(virsh qemu-monitor-command mon '{"execute":"query-status"}')
echo "$out" | grep -q '"return":{"status":"prelaunch"' 
check $? "QMP query-status answers prelaunch ($out)"

out=$(virsh qemu-monitor-command mon --return-value '{"execute":"query-status"}')
echo "$out" | grep -q '^{"status":"prelaunch","singlestep":false,"running":false}$'
check $? "--return-value prints only the return member ($out)"

out=$(virsh qemu-monitor-command mon --pretty '{"execute":"query-status"}')
echo "$out" | grep -q '^    "status": "prelaunch",$'
check $? "--pretty indents the reply"

out=$(virsh qemu-monitor-command mon --hmp 'info status')
echo "$out" | grep -q '^VM status: paused (prelaunch)'
check $? "--hmp runs a human monitor command ($out)"

# As in libvirt, QEMU's error reply is passed through, not raised.
out=$(virsh qemu-monitor-command mon '{"execute":"no-such-command"}')
echo "$out" | grep -q '"error":{"class":"CommandNotFound"'
check $? "QEMU's error reply to an unknown command is passed through ($out)"

echo "1..$n"
