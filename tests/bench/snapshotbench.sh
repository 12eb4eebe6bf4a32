#!/bin/sh
# snapshotbench.sh: external disk-only snapshots, virtplug beside libvirt 9.0
#
# Not part of `make check`.  On a two-disk guest with no OS, a linear
# chain of LEN external disk-only snapshots is built, then deleted
# leaf-first, shut off and then running (paused); each operation is
# timed through /usr/bin/python3 and python3-libvirt, against virtplug's
# qemu plugin in-process (qemu:///embed, the build tree's libvirt.so.0
# through ./run) and against Debian's libvirtd qemu driver run as
# shared/research/anchor-figures.md describes (root, no systemd, a
# reaping subreaper as parent; qemu.conf and the libvirt-qemu user
# removed afterwards).  Printed: the median of the 5 operations ending
# at chain length 1, 10, 50, 100, and the ratios to the targets: flat
# cost (len 100 within 2x of len 1) and, at 100, at most a third of
# libvirt's time for offline create, offline delete and live delete,
# at most half for live create.  Without libvirtd, the anchor figures.
#
# Usage: tests/bench/snapshotbench.sh     (needs root for libvirtd)
#   SNAPBENCH_LEN=N (default 100)
#   SNAPBENCH_LIBVIRTD=none: virtplug only, beside the anchor figures
#
# SPDX-License-Identifier: LGPL-2.1-or-later

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${VIRTPLUG_BUILDDIR:-$top}
len=${SNAPBENCH_LEN:-100}
PYTHON=/usr/bin/python3
LIBVIRTD=${SNAPBENCH_LIBVIRTD:-/usr/sbin/libvirtd}
VIRTLOGD=/usr/sbin/virtlogd

"$PYTHON" -c 'import libvirt' || { echo "snapshotbench: python3-libvirt missing" >&2; exit 1; }
for tool in qemu-img qemu-system-x86_64; do
    command -v $tool >/dev/null || { echo "snapshotbench: no $tool" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/virtplug-snapbench.XXXXXX) || exit 1
reaper=
made_user=
made_conf=
cleanup() {
    [ -n "$reaper" ] && kill "$reaper" 2>/dev/null && wait "$reaper" 2>/dev/null
    [ -n "$made_conf" ] && rm -f /etc/libvirt/qemu.conf
    [ -n "$made_user" ] && userdel libvirt-qemu 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if [ -e /dev/kvm ]; then virttype=kvm; else virttype=qemu; fi
export VIRTPLUG_QEMU_FORCE_TCG=$([ $virttype = qemu ] && echo 1 || echo 0)

cat > "$tmp/bench.py" <<'EOF'
import os, sys, time, libvirt

uri, imgdir, n, virttype, lib = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
maps = [l.split()[-1] for l in open("/proc/self/maps") if "/libvirt.so" in l]
if any(not m.startswith(lib) for m in maps):
    sys.exit("wrong libvirt.so mapped: %s" % set(maps))
conn = libvirt.open(uri)
disks = "".join("""<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
<source file='%s/%s-base.qcow2'/><target dev='%s' bus='virtio'/></disk>""" % (imgdir, d, d)
                for d in ("vda", "vdb"))
dom = conn.defineXML("""<domain type='%s'><name>snapbench</name><memory unit='MiB'>128</memory>
<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>%s
<serial type='pty'/><video><model type='none'/></video><memballoon model='none'/>
</devices></domain>""" % (virttype, disks))
snapxml = ("<domainsnapshot><name>%s</name><disks><disk name='vda' snapshot='external'/>"
           "<disk name='vdb' snapshot='external'/></disks></domainsnapshot>")

def timed(f):
    t = time.monotonic(); f(); return 1000 * (time.monotonic() - t)

def med(v):
    v = sorted(v); return v[len(v) // 2]

def run(mode):
    creates, deletes = {}, {}
    for i in range(1, n + 1):
        creates[i] = timed(lambda: dom.snapshotCreateXML(snapxml % ("%s%d" % (mode, i)),
                           libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY))
    for i in range(n, 0, -1):
        s = dom.snapshotLookupByName("%s%d" % (mode, i))
        deletes[i] = timed(lambda: s.delete(0))
    for L in sorted(set(x for x in (1, 10, 50, 100, n) if x <= n)):
        print("%s_create_%d %.1f" % (mode, L, med([creates[i] for i in range(max(1, L - 4), L + 1)])))
        print("%s_delete_%d %.1f" % (mode, L, med([deletes[i] for i in range(L, min(n, L + 4) + 1)])))
    sys.stdout.flush()

run("off")
dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
run("live")
dom.destroy()
dom.undefine()
EOF

images() {
    mkdir -p "$tmp/$1"
    qemu-img create -q -f qcow2 "$tmp/$1/vda-base.qcow2" 64M
    qemu-img create -q -f qcow2 "$tmp/$1/vdb-base.qcow2" 32M
}

# virtplug: in-process, the build tree's library and plugins
images vp
"$builddir/run" "$PYTHON" "$tmp/bench.py" "qemu:///embed?root=$tmp/vproot" "$tmp/vp" \
    "$len" $virttype "$builddir/core/.libs/" > "$tmp/vp.out" || exit 1

# libvirt 9.0: libvirtd's qemu driver, as anchor-figures.md runs it
lv_ok=
if [ "$(id -u)" = 0 ] && [ -x "$LIBVIRTD" ] && [ -x "$VIRTLOGD" ]; then
    images lv
    id libvirt-qemu >/dev/null 2>&1 || { useradd -r libvirt-qemu && made_user=1; }
    if [ ! -e /etc/libvirt/qemu.conf ]; then
        made_conf=1
        printf 'user = "root"\ngroup = "root"\ndynamic_ownership = 0\nsecurity_driver = "none"\n' \
            > /etc/libvirt/qemu.conf
    fi
    mkdir -p /var/log/libvirt/qemu /var/lib/libvirt/qemu /run/libvirt "$tmp/sock"
    printf 'unix_sock_dir = "%s"\nauth_unix_rw = "none"\n' "$tmp/sock" > "$tmp/libvirtd.conf"
    # a subreaper parent that reaps at once, as systemd would
    "$PYTHON" - "$VIRTLOGD" "$LIBVIRTD" "$tmp/libvirtd.conf" "$tmp/libvirtd.pid" <<'EOF' &
import ctypes, os, signal, subprocess, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)          # PR_SET_CHILD_SUBREAPER
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
log = open(sys.argv[4] + ".log", "w")
logd = subprocess.Popen([sys.argv[1]], stdout=log, stderr=log)
lvd = subprocess.Popen([sys.argv[2], "-f", sys.argv[3]], stdout=log, stderr=log)
open(sys.argv[4], "w").write("%d %d\n" % (lvd.pid, logd.pid))
try:
    while True:
        try:
            os.wait()
        except ChildProcessError:
            signal.pause()
finally:
    lvd.terminate(); logd.terminate()
    lvd.wait(); logd.wait()
EOF
    reaper=$!
    for i in $(seq 1 300); do
        [ -S "$tmp/sock/libvirt-sock" ] && break
        sleep 0.1
    done
    lvpid=$(cut -d' ' -f1 "$tmp/libvirtd.pid" 2>/dev/null)
    if [ -S "$tmp/sock/libvirt-sock" ] &&
       env -u LD_LIBRARY_PATH "$PYTHON" "$tmp/bench.py" \
           "qemu:///system?socket=$tmp/sock/libvirt-sock" "$tmp/lv" "$len" $virttype \
           /usr/lib/ > "$tmp/lv.out" 2> "$tmp/lv.err"; then
        lv_ok=1
    else
        echo "libvirtd's qemu driver did not run here:"; cat "$tmp/lv.err" "$tmp/libvirtd.pid.log" 2>/dev/null | tail -5 | sed 's/^/  /'
    fi
fi

get() { awk -v k="$2" '$1 == k { print $2 }' "$tmp/$1.out"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# the anchor figures (libvirt 9.0, KVM): the middle of each range
anchor() {
    case $1 in
    off_create_1) echo 30;; off_create_10) echo 42;; off_create_50) echo 92;; off_create_100) echo 216;;
    off_delete_1) echo 785;; off_delete_10) echo 848;; off_delete_50) echo 961;; off_delete_100) echo 1416;;
    live_create_1) echo 76;; live_create_10) echo 71;; live_create_50) echo 124;; live_create_100) echo 200;;
    live_delete_1) echo 74;; live_delete_10) echo 88;; live_delete_50) echo 175;; live_delete_100) echo 360;;
    esac
}

if [ -n "$lv_ok" ]; then lvname=libvirtd; else lvname="anchor*"; fi
lvfig() { if [ -n "$lv_ok" ]; then get lv "$1"; else anchor "$1"; fi; }
lengths=$(awk '$1 ~ /^off_create_/ { sub("off_create_", "", $1); print $1 }' "$tmp/vp.out")
echo "snapshotbench: two disks, linear chain of $len, per-operation ms (median of 5), $virttype ($(nproc) cores)"
printf '%-14s %5s %10s %10s %8s\n' operation len virtplug "$lvname" "vp/lv"
for op in off_create off_delete live_create live_delete; do
    for L in $lengths; do
        printf '%-14s %5s %10s %10s %8s\n' $op $L "$(get vp ${op}_$L)" "$(lvfig ${op}_$L)" \
            "$(ratio "$(get vp ${op}_$L)" "$(lvfig ${op}_$L)")"
    done
done
echo
echo "targets (at len $len):"
for op in off_create off_delete live_create live_delete; do
    want=0.33; [ $op = live_create ] && want=0.50
    printf '  %-12s flat: len %s / len 1 = %s (<= 2)   vs %s: %s (<= %s)\n' $op "$len" \
        "$(ratio "$(get vp ${op}_$len)" "$(get vp ${op}_1)")" "$lvname" \
        "$(ratio "$(get vp ${op}_$len)" "$(lvfig ${op}_$len)")" $want
done
[ -n "$lv_ok" ] || echo "* libvirtd not measured: anchor-figures.md's KVM medians (mid-range), not side by side."
