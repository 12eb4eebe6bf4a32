#!/bin/sh
# qemubench.sh: QEMU guest start and destroy, virtplug beside libvirt 9.0
#
# Not part of `make check`.  N guests with no OS (128 MiB, machine pc,
# one 64M qcow2 disk, no NIC or graphics) are defined, started and
# destroyed in turn, through /usr/bin/python3 and python3-libvirt:
# against virtplug's qemu plugin in-process (qemu:///embed, the build
# tree's libvirt.so.0 through ./run; the script checks that no other
# libvirt.so is mapped), then against Debian's libvirtd qemu driver run
# as tests/../shared/research/anchor-figures.md describes (root, no
# systemd, a reaping subreaper as parent, qemu.conf and the libvirt-qemu
# user removed afterwards).  Prints median and p90 start and destroy
# latency, the RSS of the managing process (the embedding python process
# for virtplug, libvirtd for libvirt) and of one QEMU, and the ratios.
# When libvirtd's qemu driver cannot run, prints the anchor figures.
# Guests are KVM when /dev/kvm works, TCG otherwise (anchors: KVM).
#
# Usage: tests/bench/qemubench.sh        (needs root for libvirtd)
#   QEMUBENCH_GUESTS=N (default 20)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${VIRTPLUG_BUILDDIR:-$top}
guests=${QEMUBENCH_GUESTS:-20}
PYTHON=/usr/bin/python3
LIBVIRTD=/usr/sbin/libvirtd
VIRTLOGD=/usr/sbin/virtlogd

"$PYTHON" -c 'import libvirt' || { echo "qemubench: python3-libvirt missing" >&2; exit 1; }
for tool in qemu-img qemu-system-x86_64; do
    command -v $tool >/dev/null || { echo "qemubench: no $tool" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/virtplug-qemubench.XXXXXX) || exit 1
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

def rss(pid):
    for l in open("/proc/%d/status" % pid):
        if l.startswith("VmRSS:"):
            return int(l.split()[1]) // 1024
    return 0

def qemu_pid(disk):
    for p in os.listdir("/proc"):
        try:
            if p.isdigit() and disk.encode() in open("/proc/%s/cmdline" % p, "rb").read() \
               and b"qemu-system" in open("/proc/%s/cmdline" % p, "rb").read():
                return int(p)
        except OSError:
            pass
    return 0

xml = """<domain type='%s'><name>%s</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
<source file='%s'/><target dev='vda' bus='virtio'/></disk>
<serial type='pty'/><video><model type='none'/></video><memballoon model='none'/>
</devices></domain>"""
base = rss(os.getpid())
conn = libvirt.open(uri)
daemon = int(sys.argv[6]) if len(sys.argv) > 6 else os.getpid()
fresh = rss(daemon)
starts, destroys, qrss = [], [], 0
for i in range(n):
    disk = "%s/g%02d.qcow2" % (imgdir, i)
    dom = conn.defineXML(xml % (virttype, "bench%02d" % i, disk))
    t = time.monotonic(); dom.create(); starts.append(time.monotonic() - t)
    if i == 0:
        time.sleep(0.5)
        qrss = rss(qemu_pid(disk))
    t = time.monotonic(); dom.destroy(); destroys.append(time.monotonic() - t)
    dom.undefine()
def pct(v, p):
    v = sorted(v); return 1000 * v[min(len(v) - 1, int(round(p * (len(v) - 1))))]
print("start_med %.0f\nstart_p90 %.0f\ndestroy_med %.0f\ndestroy_p90 %.0f" %
      (pct(starts, .5), pct(starts, .9), pct(destroys, .5), pct(destroys, .9)))
print("qemu_rss %d\nmgr_fresh %d\nmgr_after %d\npython_base %d" % (qrss, fresh, rss(daemon), base))
EOF

images() {
    mkdir -p "$tmp/$1"
    i=0
    while [ $i -lt "$guests" ]; do
        qemu-img create -q -f qcow2 "$tmp/$1/g$(printf %02d $i).qcow2" 64M
        i=$((i + 1))
    done
}

# virtplug: in-process, the build tree's library and plugins
images vp
"$builddir/run" "$PYTHON" "$tmp/bench.py" "qemu:///embed?root=$tmp/vproot" "$tmp/vp" \
    "$guests" $virttype "$builddir/core/.libs/" > "$tmp/vp.out" || exit 1

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
           "qemu:///system?socket=$tmp/sock/libvirt-sock" "$tmp/lv" "$guests" $virttype \
           /usr/lib/ "$lvpid" > "$tmp/lv.out" 2> "$tmp/lv.err"; then
        lv_ok=1
    else
        echo "libvirtd's qemu driver did not run here:"; cat "$tmp/lv.err" "$tmp/libvirtd.pid.log" 2>/dev/null | tail -5 | sed 's/^/  /'
    fi
fi

get() { awk -v k="$2" '$1 == k { print $2 }' "$tmp/$1.out"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "qemubench: $guests guests, no OS, 128 MiB, one qcow2 disk, $virttype ($(nproc) cores)"
if [ -n "$lv_ok" ]; then
    printf '%-30s %10s %10s %8s\n' "" virtplug libvirtd "vp/lv"
    for k in start_med start_p90 destroy_med destroy_p90; do
        printf '%-30s %10s %10s %8s\n' "$k (ms)" "$(get vp $k)" "$(get lv $k)" \
            "$(ratio "$(get vp $k)" "$(get lv $k)")"
    done
    printf '%-30s %10s %10s %8s\n' "one QEMU RSS (MiB)" "$(get vp qemu_rss)" "$(get lv qemu_rss)" \
        "$(ratio "$(get vp qemu_rss)" "$(get lv qemu_rss)")"
    printf '%-30s %10s %10s\n' "manager RSS fresh (MiB)" "$(get vp mgr_fresh)" "$(get lv mgr_fresh)"
    printf '%-30s %10s %10s %8s\n' "manager RSS after (MiB)" "$(get vp mgr_after)" "$(get lv mgr_after)" \
        "$(ratio "$(get vp mgr_after)" "$(get lv mgr_after)")"
    echo "virtplug's manager is the embedding python3 process ($(get vp python_base) MiB before connecting)."
else
    printf '%-30s %10s\n' "" virtplug
    for k in start_med start_p90 destroy_med destroy_p90; do
        printf '%-30s %10s\n' "$k (ms)" "$(get vp $k)"
    done
    printf '%-30s %10s\n' "one QEMU RSS (MiB)" "$(get vp qemu_rss)"
    printf '%-30s %10s (python3 alone: %s)\n' "manager RSS after (MiB)" "$(get vp mgr_after)" "$(get vp python_base)"
    echo "libvirtd not measured; anchor figures (libvirt 9.0, KVM, anchor-figures.md):"
    echo "  start 472-477 ms, destroy 210 ms; QEMU RSS 36-38 MiB; libvirtd 16 MiB fresh, 28 after 20 cycles"
fi
