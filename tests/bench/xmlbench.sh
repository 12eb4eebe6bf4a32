#!/bin/sh
# xmlbench.sh: parse + format speed of virtplug's domain XML model beside
# Debian's libvirt (python3-libvirt on test:///default: defineXML, then
# XMLDesc), for one large guest (64 disks, 32 NICs) and N small guests.
#
# Usage: xmlbench.sh [N]        (default 10000)
# Prints microseconds per document and the ratio libvirt/virtplug.
# Not part of the pass/fail suite: libvirt's figure also includes the
# API call and the test driver's bookkeeping, so read the ratio as an
# order of magnitude.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-10000}
work=${VIRTPLUG_BENCH_DIR:-$(mktemp -d)}
CC=${CC:-cc}

# the documents
{
    echo "<domain type='kvm'>"
    echo "  <name>large</name>"
    echo "  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
    echo "  <memory unit='GiB'>16</memory>"
    echo "  <vcpu>8</vcpu>"
    echo "  <os><type arch='x86_64' machine='pc'>hvm</type></os>"
    echo "  <devices>"
    i=0
    while [ $i -lt 64 ]; do
        # vda..vdz, vdaa..vdbl
        if [ $i -lt 26 ]; then
            dev=vd$(printf "\\$(printf %o $((97 + i)))")
        else
            j=$((i - 26))
            dev=vd$(printf "\\$(printf %o $((97 + j / 26)))")$(printf "\\$(printf %o $((97 + j % 26)))")
        fi
        echo "    <disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/>"
        echo "      <source file='/var/lib/libvirt/images/large-$i.qcow2'/><target dev='$dev' bus='virtio'/></disk>"
        i=$((i + 1))
    done
    i=0
    while [ $i -lt 32 ]; do
        printf "    <interface type='network'><mac address='52:54:00:00:01:%02x'/>" $i
        echo "<source network='default'/><model type='virtio'/></interface>"
        i=$((i + 1))
    done
    echo "  </devices>"
    echo "</domain>"
} >"$work/large.xml"
cat >"$work/small.xml" <<'XML'
<domain type='kvm'>
  <name>small</name>
  <memory unit='MiB'>512</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/libvirt/images/small.img'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/></interface>
  </devices>
</domain>
XML

# virtplug
sources="$top/util/virbuffer.c $top/util/virenum.c $top/util/virerror.c
  $top/util/virfile.c $top/util/virlog.c $top/util/virstring.c
  $top/util/viruri.c $top/util/viruuid.c $top/util/virxml.c
  $top/util/virstoragefile.c $top/util/virstoragefilechain.c
  $top/util/virstorageheader.c
  $(ls "$top"/conf/domain_*.c "$top"/conf/cpu_conf.c | grep -v domain_event)"
# shellcheck disable=SC2086
$CC -O2 -DHAVE_CONFIG_H -DSCHEMADIR=\"$top/docs/schemas\" -I"$top" -I"$top/util" \
    -I"$top/conf" -I"$top/core/include" $(pkg-config --cflags glib-2.0 libxml-2.0) \
    -o "$work/xmlbench" "$top/tests/bench/xmlbench.c" $sources \
    $(pkg-config --libs glib-2.0 libxml-2.0)
"$work/xmlbench" "$work/large.xml" "$work/small.xml" "$count" >"$work/virtplug.txt"

# libvirt
/usr/bin/python3 - "$work/large.xml" "$work/small.xml" "$count" >"$work/libvirt.txt" <<'PY'
import sys, time, libvirt
large = open(sys.argv[1]).read()
small = open(sys.argv[2]).read()
count = int(sys.argv[3])
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open("test:///default")
def run(xml, rounds, rename):
    start = time.monotonic()
    for i in range(rounds):
        doc = xml.replace("<name>small</name>", "<name>small%d</name>" % i) if rename else xml
        dom = conn.defineXML(doc)
        dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    return (time.monotonic() - start) * 1e6 / rounds
print("large %.1f" % run(large, 100, False))
print("small %.1f" % run(small, count, True))
PY

printf "%-30s %12s %12s %8s\n" "document" "virtplug us" "libvirt us" "ratio"
for kind in large small; do
    ours=$(sed -n "s/^$kind //p" "$work/virtplug.txt")
    theirs=$(sed -n "s/^$kind //p" "$work/libvirt.txt")
    label=$kind
    [ $kind = large ] && label="large (64 disks, 32 NICs)"
    [ $kind = small ] && label="small (x$count)"
    printf "%-30s %12s %12s %8s\n" "$label" "$ours" "$theirs" \
        "$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')"
done
[ -n "${VIRTPLUG_BENCH_DIR:-}" ] || rm -rf "$work"
