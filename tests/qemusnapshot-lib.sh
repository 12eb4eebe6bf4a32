# qemusnapshot-lib.sh: shared part of the qemusnapshot-*.sh scenario
# tests (snapshot-scenarios.md on real QEMU).  Sourced, not run.
#
# A domain vm1 with disks vda and vdb lives under a private embedded
# root.  Markers are 1 MiB byte patterns in six 1 MiB slots (slot k at
# offset k MiB); each disk gets its own pattern for the same marker
# (vdb's has the high bit set), so a mix-up between disks shows.  While
# the domain runs, markers are written through QEMU (HMP qemu-io on the
# disk device's BlockBackend, then a flush, so that the image files
# hold them); shut off, with qemu-io on the top image.
#
# A model follows every step: what each disk reads now (CUR_<disk>),
# what it read when each snapshot was taken (SNAP_<snap>_<disk>), the
# parents and the current snapshot.  check_all compares everything the
# scenarios name against it:
#  - TREE and CUR: snapshot-list --parent and snapshot-current;
#  - META: one metadata file per snapshot, mode 0600, one <active>1,
#    no intent or pending record left;
#  - CHAIN: every disk's chain as qemu-img reads it equals the chain of
#    the domain's live and persistent definitions, and ends at its base;
#  - FILES: the images directory holds exactly what the definitions and
#    the snapshot records reach (I3, I4), nothing dangles;
#  - data: each disk's top (and, running, QEMU's own view) reads the
#    model, and every snapshot's state image reads exactly the markers
#    written before it (I1; I2 after a delete).
# check_reverts then proves I1 the hard way: revert to each remaining
# snapshot and read the disks.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

builddir=${VIRTPLUG_BUILDDIR:-$(cd "$(dirname "$0")/.." && pwd)}
plugdir=${VIRTPLUG_QEMU_PLUGIN_DIR:-$builddir/plugins/qemu/.libs}
virsh=$builddir/tools/virsh

# Every tool is in tests/debian-packages.txt: a missing one fails.
for tool in qemu-img qemu-io qemu-system-x86_64 xmllint; do
    command -v $tool >/dev/null 2>&1 || { echo "Bail out! $tool is missing"; exit 1; }
done
[ -e "$plugdir/qemu.so" ] || { echo "1..0 # SKIP the qemu plugin is configured out"; exit 77; }

D=$(mktemp -d "${TMPDIR:-/tmp}/qemusnapshot-XXXXXX")
IMG=$D/img
ROOT=$D/root
SNAPDIR=$ROOT/lib/qemu/snapshot/vm1
mkdir -p "$IMG"
export VIRTPLUG_PLUGIN_DIR=$plugdir
export LIBVIRT_DEFAULT_URI="qemu:///embed?root=$ROOT"
unset VIRTPLUG_QEMU_SNAPSHOT_FAULT VIRSH_DEFAULT_CONNECT_URI

DISKS="vda vdb"
NSLOTS=6
n=0
fail=0
SNAPS=""          # the model's snapshots, in creation order
CURRENT=""        # the model's current snapshot

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
todo() { n=$((n + 1)); echo "not ok $n - $1 # TODO $2"; }
check() { # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then ok "$1"; else notok "$1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
# a check of a feature known to be missing: TODO while it fails
check_todo() { # check_todo DESCRIPTION EXPECTED ACTUAL REASON
    if [ "$2" = "$3" ]; then ok "$1"; else todo "$1" "$4"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
# check that a command fails with exactly this error line
check_err() { # check_err DESCRIPTION EXPECTED-STDERR-LINE virsh-args...
    desc=$1 want=$2; shift 2
    out=$(v "$@" 2>&1 >/dev/null) && { notok "$desc (succeeded)"; return; }
    got=$(printf '%s\n' "$out" | grep '^error: ' | grep -v '^error: Failed to ' | head -1)
    check "$desc" "$want" "$got"
}
# check that a command fails with an error that names WORD
check_err_names() { # check_err_names DESCRIPTION WORD virsh-args...
    desc=$1 want=$2; shift 2
    out=$(v "$@" 2>&1 >/dev/null) && { notok "$desc (succeeded)"; return; }
    case $out in
    *"error: "*"$want"*) ok "$desc";;
    *) notok "$desc"; echo "#   no error naming $want in: $out";;
    esac
}
# Every virsh call may change what the cache below holds.
v() { rm -f "$CACHE/ok"; "$virsh" "$@"; }
vq() { v "$@" >/dev/null 2>&1; }

# What the checks read through virsh, fetched in one virsh run (one
# driver open) and kept until the next v call: the live and persistent
# definitions, the state, the snapshot list and current snapshot, and
# the records of the model's snapshots.
CACHE=$D/cache
refresh() {
    local cmd s
    [ -e "$CACHE/ok" ] && return 0
    rm -rf "$CACHE"
    mkdir -p "$CACHE"
    cmd="echo @@live.xml@@; dumpxml vm1; echo @@inactive.xml@@; dumpxml vm1 --inactive"
    cmd="$cmd; echo @@state@@; domstate vm1; echo @@tree@@; snapshot-list vm1 --parent"
    for s in $SNAPS; do cmd="$cmd; echo @@snap.$s.xml@@; snapshot-dumpxml vm1 $s"; done
    cmd="$cmd; echo @@cur@@; snapshot-current vm1 --name"
    "$virsh" "$cmd" 2>/dev/null |
        awk -v dir="$CACHE" '/^@@.*@@$/ { f = dir "/" substr($0, 3, length($0) - 4); printf "" > f; next }
                             f && NF { print > f }'
    touch "$CACHE/ok"
}
cached() { refresh; cat "$CACHE/$1" 2>/dev/null; }
domstate() { cached state; }
running() { case $(domstate) in running*|paused*) return 0;; esac; return 1; }
exists() { [ -e "$1" ] && echo yes || echo no; }

cleanup() {
    vq destroy vm1
    rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ------------------------------------------------------------------
# Fixture F0 and markers

# define vm1 (F0): vda 64M and vdb 32M, both qcow2 on a base image
fixture_f0() {
    qemu-img create -q -f qcow2 "$IMG/vda-base.qcow2" 64M
    qemu-img create -q -f qcow2 "$IMG/vdb-base.qcow2" 32M
    # KVM where it works, else TCG (scenarios are the same on both)
    vtype=qemu
    [ -r /dev/kvm ] && [ -w /dev/kvm ] && vtype=kvm
    cat > "$D/vm1.xml" <<EOF
<domain type='$vtype'>
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
    v define "$D/vm1.xml" >/dev/null || { echo "Bail out! cannot define vm1"; exit 1; }
    for d in $DISKS; do eval "CUR_$d='00 00 00 00 00 00'"; done
}

# start from scratch: no domain, no images, empty model
reset_all() {
    vq destroy vm1
    vq undefine vm1 --snapshots-metadata
    rm -rf "$IMG" "$ROOT"
    mkdir -p "$IMG"
    for s in $SNAPS; do unset "PARENT_$s"; done
    SNAPS="" CURRENT=""
}

# pattern of marker P (two hex digits) on disk D
pat() { if [ "$1" = vda ]; then echo "$2"; else printf '%02x' $((0x$2 | 0x80)); fi; }

# the disk's QOM BlockBackend path, from the alias of the running definition
qom() {
    local alias
    alias=$(cached live.xml | xmllint --xpath "string(/domain/devices/disk[target/@dev='$1']/alias/@name)" -)
    echo "/machine/peripheral/$alias/virtio-backend"
}
# HMP commands, one a line on stdin, run in one virsh
hmp_batch() {
    local cmd line
    cmd=""
    while read -r line; do cmd="$cmd${cmd:+; }qemu-monitor-command vm1 --hmp '$line'"; done
    "$virsh" -q "$cmd" >/dev/null
}

top() { cached live.xml | xp "string(/domain/devices/disk[target/@dev='$1']/source/@file)"; }

# slot K of a model string set to P
setslot() { # setslot "MODEL" K P
    echo "$1" | awk -v k="$2" -v p="$3" '{ $(k + 1) = p; print }'
}

# mark SLOT P: marker P at SLOT MiB on every disk, through QEMU when running
mark() {
    local d p
    if running; then
        for d in $DISKS; do
            echo "qemu-io -d $(qom $d) \"write -P 0x$(pat $d "$2") ${1}M 1M\""
            echo "qemu-io -d $(qom $d) \"flush\""
        done | hmp_batch
    else
        for d in $DISKS; do
            qemu-io -f qcow2 -c "write -P 0x$(pat $d "$2") ${1}M 1M" "$(top $d)" >/dev/null
        done
    fi
    for d in $DISKS; do
        p=$(pat $d "$2")
        eval "CUR_$d=\$(setslot \"\$CUR_$d\" $1 $p)"
    done
}
m0() { mark 0 11; }
m1() { mark 1 22; }
m2() { mark 2 33; }
m3() { mark 3 44; }
m5() { mark 4 55; }
m6() { mark 5 66; }

# ------------------------------------------------------------------
# Reading

# the slots of IMG that do not read MODEL, as "k:want" words; "" if all do
badslots() { # badslots IMG "MODEL"
    local img cmds k p out bad o
    set -- "$1" $2
    img=$1; shift
    cmds=""
    k=0
    for p in "$@"; do
        cmds="$cmds -c 'read -P 0x$p ${k}M 1M'"
        k=$((k + 1))
    done
    out=$(eval qemu-io -r -U -f qcow2 "$cmds" "'$img'" 2>&1)
    case $out in
    *"Pattern verification failed"*|*rror*|"")
        k=0 bad=""
        for p in "$@"; do
            o=$(qemu-io -r -U -f qcow2 -c "read -P 0x$p ${k}M 1M" "$img" 2>&1)
            case $o in *"Pattern verification failed"*|*rror*) bad="$bad $k:$p";; esac
            k=$((k + 1))
        done
        echo "${bad# }";;
    esac
}

# the slots QEMU's view of DISK does not read as MODEL (running only).
# HMP qemu-io replies nothing: its output goes to QEMU's stdout, which
# is the domain log; read what the reads added there.
badslots_qemu() { # badslots_qemu DISK "MODEL"
    local d q k p bad log size out nread
    d=$1; q=$(qom $d); k=0 bad=""
    log=$ROOT/log/qemu/vm1.log
    size=$(stat -c %s "$log")
    for p in $2; do
        echo "qemu-io -d $q \"read -P 0x$p ${k}M 1M\""
        k=$((k + 1))
    done | hmp_batch
    k=$(echo $2 | wc -w)
    out=$(tail -c +$((size + 1)) "$log")
    nread=$(echo "$out" | grep -c '^read 1048576/1048576 bytes')
    [ "$nread" = $k ] || bad="reads:$nread/$k"
    for off in $(echo "$out" | sed -n 's/^Pattern verification failed at offset \([0-9]*\),.*/\1/p'); do
        k=$((off / 1048576))
        bad="$bad $k:$(echo $2 | cut -d' ' -f$((k + 1)))"
    done
    echo "${bad# }"
}

xp() { xmllint --xpath "$1" - 2>/dev/null; }
snapxml() { cached "snap.$1.xml"; }
# the state image of DISK in snapshot S (its <domain> disk source)
state_of() { snapxml "$1" | xp "string(/domainsnapshot/domain/devices/disk[target/@dev='$2']/source/@file)"; }
# the overlay of DISK in snapshot S (its <disks> source)
overlay_of() { snapxml "$1" | xp "string(/domainsnapshot/disks/disk[@name='$2']/source/@file)"; }
revertdisk_of() { snapxml "$1" | xp "string(/domainsnapshot/revertDisks/disk[@name='$2']/source/@file)"; }

# CHAIN of an image, file names only, top first
chain() { qemu-img info -U --backing-chain "$1" 2>&1 | sed -n 's|^image: .*/||p' | paste -sd' ' -; }
chainof() { chain "$(top $1)"; }
# the chain a definition records for DISK (source and <backingStore>s)
defchain() { # defchain DISK [--inactive]
    local xml
    [ "$2" = --inactive ] && xml=inactive.xml || xml=live.xml
    # document order is the chain's: each <backingStore> nests in the one above
    cached $xml | xmllint --xpath "/domain/devices/disk[target/@dev='$1']//source/@file" - 2>/dev/null |
        grep -o 'file="[^"]*"' | sed 's|.*/||; s|"$||' | paste -sd' ' -
}

# ------------------------------------------------------------------
# The model

model_create() { # model_create NAME [ARGS]: after a successful create
    local s d f b c p q st want bad label files nact reach missing leaked
    for d in $DISKS; do
        case " $2 " in
        *" $d,snapshot=no "*) eval "SNAP_${1}_$d=none";;   # not snapshotted
        *) eval "SNAP_${1}_$d=\$CUR_$d";;
        esac
    done
    eval "PARENT_$1=\$CURRENT"
    SNAPS="$SNAPS $1"
    CURRENT=$1
}
model_revert() {
    local s d f b c p q st want bad label files nact reach missing leaked
    for d in $DISKS; do
        eval "[ \"\$SNAP_${1}_$d\" = none ] || CUR_$d=\$SNAP_${1}_$d"
    done
    CURRENT=$1
}
model_delete() { # model_delete NAME [children]
    local s p ps
    eval "p=\$PARENT_$1"
    for s in $SNAPS; do
        eval "ps=\$PARENT_$s"
        [ "$ps" = "$1" ] || continue
        if [ "$2" = children ]; then model_delete "$s" children; eval "p=\$PARENT_$1"
        else eval "PARENT_$s=\$p"; fi
    done
    [ "$CURRENT" = "$1" ] && CURRENT=$p
    SNAPS=$(echo $SNAPS | tr ' ' '\n' | grep -vx "$1" | paste -sd' ' -)
    unset "PARENT_$1"
}
model_tree() {
    local s
    for s in $SNAPS; do eval "echo \"$s<\$PARENT_$s\""; done | sort | paste -sd' ' -
}
tree() { cached tree | awk 'NR > 2 {print $1 "<" $6}' | sort | paste -sd' ' -; }
current() { cached cur; }

# ------------------------------------------------------------------
# Checks against the model

check_meta() { # TREE, CUR, META
    local s d f b c p q st want bad label files nact reach missing leaked
    label=$1
    check "$label: TREE" "$(model_tree)" "$(tree)"
    check "$label: CUR" "$CURRENT" "$(current)"
    files=$(cd "$SNAPDIR" 2>/dev/null && ls -A | sort | paste -sd' ' -)
    want=$(for s in $SNAPS; do echo "$s.xml"; done | sort | paste -sd' ' -)
    # .images (what the driver created) may stay; intents may not
    check "$label: META one file per snapshot" "$want" "$(echo "$files" | tr ' ' '\n' | grep -vx '.images' | paste -sd' ' -)"
    bad=""
    for s in $SNAPS; do
        f=$SNAPDIR/$s.xml
        [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] || bad="$bad $s:mode"
    done
    nact=$(cat "$SNAPDIR"/*.xml 2>/dev/null | grep -c '<active>1</active>')
    [ -n "$CURRENT" ] && [ "$nact" != 1 ] && bad="$bad active=$nact"
    check "$label: META modes and one active" "" "${bad# }"
}

# every file a definition or a snapshot record names
named_files() {
    local s d f b c p q st want bad label files nact reach missing leaked
    { cached live.xml; cached inactive.xml
      for s in $SNAPS; do snapxml $s; done; } |
        grep -o "file='[^']*'" | sed "s/^file='//; s/'\$//" | sort -u
}

check_files() { # FILES, I3, I4
    local s d f b c p q st want bad label files nact reach missing leaked
    label=$1
    reach=$D/reach.txt
    : > "$reach"
    missing=""
    for f in $(named_files); do
        case $f in "$IMG"/*) ;; *) continue;; esac
        if [ ! -e "$f" ]; then missing="$missing ${f##*/}"; continue; fi
        case $f in *.mem) echo "$f" >> "$reach"; continue;; esac
        out=$(qemu-img info -U --backing-chain "$f" 2>&1) || missing="$missing dangling:${f##*/}"
        echo "$out" | sed -n 's|^image: ||p' >> "$reach"
    done
    check "$label: I4 every named file exists, I3 nothing dangles" "" "${missing# }"
    leaked=$(ls "$IMG" | while read -r f; do grep -qx "$IMG/$f" "$reach" || echo "$f"; done | paste -sd' ' -)
    check "$label: I3 no file left behind" "" "$leaked"
    rm -f "$reach"
}

check_chains() { # CHAIN of every disk as QEMU/qemu-img and the definitions see it
    local s d f b c p q st want bad label files nact reach missing leaked
    label=$1
    for d in $DISKS; do
        c=$(chainof $d)
        case $c in *" $d-base.qcow2") ;; "$d-base.qcow2") ;; *) notok "$label: CHAIN($d) ends at its base"; echo "#   got: $c";; esac
        if [ -n "$CHAIN_TODO" ]; then
            check_todo "$label: CHAIN($d) = live definition" "$c" "$(defchain $d)" "$CHAIN_TODO"
            check_todo "$label: CHAIN($d) = persistent definition" "$c" "$(defchain $d --inactive)" "$CHAIN_TODO"
        else
            check "$label: CHAIN($d) = live definition" "$c" "$(defchain $d)"
            check "$label: CHAIN($d) = persistent definition" "$c" "$(defchain $d --inactive)"
        fi
    done
}

# Reads "LABEL IMG MODEL..." lines from stdin, one image each: all of
# them in one qemu-io; only when something does not read right, image by
# image for the report.  Prints the bad ones as LABEL:IMG:k:want.
badimages() {
    local label img model cmds k p bad list
    list=$D/reads.txt
    cat > "$list"
    cmds=""
    while read -r label img model; do
        cmds="$cmds -c 'open -r -U -o driver=qcow2 $img'"
        k=0
        for p in $model; do cmds="$cmds -c 'read -P 0x$p ${k}M 1M'"; k=$((k + 1)); done
        cmds="$cmds -c close"
    done < "$list"
    [ -n "$cmds" ] || return 0
    out=$(eval qemu-io "$cmds" 2>&1)
    case $out in
    *"Pattern verification failed"*|*rror*|*"Could not"*)
        bad=""
        while read -r label img model; do
            b=$(badslots "$img" "$model")
            [ -z "$b" ] || bad="$bad $label:${img##*/}:$b"
        done < "$list"
        echo "${bad# }";;
    esac
    rm -f "$list"
}

check_data() { # the tops and QEMU read the model; I1 for each snapshot
    local s d st want bad label
    label=$1
    bad=$(for d in $DISKS; do eval "echo top-$d \$(top $d) \$CUR_$d"; done | badimages)
    if running; then
        for d in $DISKS; do
            eval "want=\$CUR_$d"
            b=$(badslots_qemu $d "$want")
            [ -z "$b" ] || bad="$bad qemu($d):$b"
        done
    fi
    check "$label: disks read the model" "" "${bad# }"
    bad=$(for s in $SNAPS; do
        for d in $DISKS; do
            eval "want=\$SNAP_${s}_$d"
            [ "$want" = none ] && continue
            st=$(state_of $s $d)
            echo "$s($d) ${st:-no-state-image} $want"
        done
    done | badimages)
    check "$label: I1 every snapshot's state reads its markers" "" "$bad"
}

check_all() {
    check_meta "$1"
    check_chains "$1"
    check_files "$1"
    check_data "$1"
}

# I1 by reverting: revert to every remaining snapshot (with the running
# state given: "" or --running), read the disks, check everything.  The
# state after the last revert is the model's.
check_reverts() { # check_reverts LABEL [--running|--paused]
    local s out
    for s in $SNAPS; do
        out=$(v snapshot-revert vm1 $s $2 2>&1)
        check "$1: revert to $s $2" "Domain snapshot $s reverted" "$out"
        model_revert $s
        check_all "$1: after revert to $s"
    done
}

# snapshot-create-as, checked for success and recorded in the model
create() { # create NAME virsh-args...
    name=$1; shift
    out=$(v snapshot-create-as vm1 "$name" "$@" 2>&1)
    check "create $name" "Domain snapshot $name created" "$out"
    model_create "$name" "$*"
}
delete() { # delete NAME [virsh-args...]
    name=$1; shift
    out=$(v snapshot-delete vm1 "$name" "$@" 2>&1)
    case " $* " in
    *" --children-only "*) check "delete $name $*" "Domain snapshot $name children deleted" "$out";;
    *) check "delete $name $*" "Domain snapshot $name deleted" "$out";;
    esac
}
revert() { # revert NAME [virsh-args...]
    name=$1; shift
    out=$(v snapshot-revert vm1 "$name" "$@" 2>&1)
    check "revert $name $*" "Domain snapshot $name reverted" "$out"
    model_revert "$name"
}

# everything that a refused operation must leave alone
snapshot_state() {
    local s d f b c p q st want bad label files nact reach missing leaked
    { ls -l --time-style=+%s.%N "$IMG" | awk '{print $5, $6, $7}'
      for d in $DISKS; do chainof $d; done
      tree; current
      for s in $SNAPS; do snapxml $s; done
      cached inactive.xml; domstate; } 2>&1 | md5sum
}

# F1 (running, or with "off" F1-off): m0, s1, m1, s2, m2, s3, m3 with
# explicit overlay names vda.sN.qcow2
fixture_f1() {
    fixture_f0
    m0
    [ "$1" = off ] || v start vm1 >/dev/null
    for i in 1 2 3; do
        create s$i --disk-only --atomic --diskspec "vda,file=$IMG/vda.s$i.qcow2" \
            --diskspec "vdb,file=$IMG/vdb.s$i.qcow2"
        mark $i $(echo 22 33 44 | cut -d' ' -f$i)
    done
}

finish() {
    echo "1..$n"
    exit $fail
}
