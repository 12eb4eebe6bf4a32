#!/bin/sh
# virshtest.sh: virtplug's virsh against Debian's, session by session.
#
# Every tests/virshdata/NAME.cmd is a virsh session (see regenerate.sh
# there for the format).  virtplug's virsh runs it through the build
# tree's ./run, and its stdout, stderr and exit status, normalised, must
# equal the golden NAME.out, NAME.err and NAME.rc made from Debian's
# virsh 9.0.0.  When Debian's virsh is installed, it runs the same
# session live and virtplug's output must equal its output too, so a
# golden file that went stale is caught.  A few more checks compare the
# command list of help with Debian's.  Prints TAP.
#
# Environment: VIRTPLUG_SRCDIR, VIRTPLUG_BUILDDIR (as set by make check);
# VIRSHTEST_VIRSH: test this virsh instead of the build tree's;
# VIRSHTEST_REFERENCE: the reference virsh (default /usr/bin/virsh);
# VIRSHTEST_NO_LIVE=1: compare with the golden files only.

# Skip (TAP plan 1..0) when a plugin this test needs is configured out.
for needed in test; do
    case " ${VIRTPLUG_PLUGINS-test} " in
        *" $needed "*) ;;
        *) echo "1..0 # SKIP the $needed plugin is not built"; exit 0 ;;
    esac
done

srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${VIRTPLUG_BUILDDIR:-$srcdir}
data=$srcdir/tests/virshdata
reference=${VIRSHTEST_REFERENCE:-/usr/bin/virsh}

if [ -n "${VIRSHTEST_VIRSH:-}" ]; then
    set -- "$VIRSHTEST_VIRSH"
else
    set -- "$builddir/run" "$builddir/tools/virsh"
fi
virsh_cmd=$*

live=no
if [ -z "${VIRSHTEST_NO_LIVE:-}" ] && [ -x "$reference" ]; then
    live=yes
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virshtest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# Interactive sessions keep a readline history; not in the user's.
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME

# The host name, which the hypervisor reports; never empty, or every blank
# line would be taken for it.
host=$(uname -n)
[ -n "$host" ] || host=localhost

limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 120"

n=0
failed=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
    fi
}

# Show why a comparison failed, as TAP comments.
explain() {
    diff -u "$1" "$2" | head -n 40 | sed 's/^/# /'
}

# normalise FILE SESSION: as regenerate.sh does, in place.
normalise() {
    sed -E -f "$data/normalize.sed" "$1" | sed "s/^$host\$/HOSTNAME/" > "$1.tmp"
    case $2 in
    help-*) sed -E -f "$data/help.sed" "$1.tmp" > "$1" && rm -f "$1.tmp" ;;
    *) mv "$1.tmp" "$1" ;;
    esac
}

# run PREFIX SESSION PROGRAM...: run a session, leaving PREFIX.out,
# PREFIX.err and PREFIX.rc normalised.
run_session() {
    prefix=$1 name=$2
    shift 2
    input=/dev/null
    [ -f "$data/$name.in" ] && input=$data/$name.in
    args=$(cat "$data/$name.cmd")
    (
        cd "$data" || exit 1
        eval "set -- \"\$@\" $args"
        LIBVIRT_DEFAULT_URI= VIRSH_DEFAULT_CONNECT_URI= LC_ALL=C.UTF-8 TZ=UTC \
            $limit "$@" < "$input" > "$prefix.out" 2> "$prefix.err"
        echo $? > "$prefix.rc"
    )
    normalise "$prefix.out" "$name"
    normalise "$prefix.err" "$name"
}

# same A B: the three results of two runs are equal.
same() {
    cmp -s "$1.out" "$2.out" && cmp -s "$1.err" "$2.err" && cmp -s "$1.rc" "$2.rc"
}

explain_all() {
    explain "$1.out" "$2.out"
    explain "$1.err" "$2.err"
    cmp -s "$1.rc" "$2.rc" ||
        echo "# exit status: expected $(cat "$1.rc"), got $(cat "$2.rc")"
}

sessions=$(cd "$data" && ls *.cmd | sed 's/\.cmd$//' | LC_ALL=C sort)
count=$(echo "$sessions" | wc -l)
extra=3
if [ "$live" = yes ]; then
    echo "1..$((count * 2 + extra))"
else
    echo "1..$((count + extra))"
fi
echo "# virsh under test: $virsh_cmd"
[ "$live" = yes ] && echo "# reference run live: $reference"

for name in $sessions; do
    run_session "$tmp/mine" "$name" "$@"

    cp "$data/$name.out" "$tmp/gold.out"
    cp "$data/$name.err" "$tmp/gold.err"
    cp "$data/$name.rc" "$tmp/gold.rc"
    same "$tmp/gold" "$tmp/mine"
    ok $? "$name"
    same "$tmp/gold" "$tmp/mine" || explain_all "$tmp/gold" "$tmp/mine"

    if [ "$live" = yes ]; then
        # Debian's virsh must not see the build tree's libvirt.so.
        run_session "$tmp/ref" "$name" env -u LD_LIBRARY_PATH "$reference"
        same "$tmp/ref" "$tmp/mine"
        ok $? "$name (live, against $reference)"
        same "$tmp/ref" "$tmp/mine" || explain_all "$tmp/ref" "$tmp/mine"
    fi
done

# The command list: our groups are Debian's groups, in Debian's order,
# with the same headings; Debian's has more commands (and more groups).
headings() {
    "$@" help 2>/dev/null | grep "^ .* (help keyword '[a-z]*'):\$"
}
headings "$@" > "$tmp/mine.groups"
if [ "$live" = yes ]; then
    headings env -u LD_LIBRARY_PATH "$reference" > "$tmp/ref.groups"
else
    printf '%s\n' \
        " Domain Management (help keyword 'domain'):" \
        " Domain Monitoring (help keyword 'monitor'):" \
        " Domain Events (help keyword 'events'):" \
        " Host and Hypervisor (help keyword 'host'):" \
        " Snapshot (help keyword 'snapshot'):" \
        " Virsh itself (help keyword 'virsh'):" > "$tmp/ref.groups"
fi
grep -Fxf "$tmp/mine.groups" "$tmp/ref.groups" > "$tmp/ref.common"
[ -s "$tmp/mine.groups" ] && cmp -s "$tmp/mine.groups" "$tmp/ref.common"
ok $? "help: group headings as Debian's, in its order"
cmp -s "$tmp/mine.groups" "$tmp/ref.common" || explain "$tmp/ref.common" "$tmp/mine.groups"

# Each group lists its commands in Debian's order.
bad=
while read -r heading; do
    keyword=$(echo "$heading" | sed "s/.*keyword '\\([a-z]*\\)'.*/\\1/")
    "$@" help "$keyword" | awk 'NR > 1 && NF { print $1 }' > "$tmp/mine.cmds"
    if [ "$live" = yes ]; then
        env -u LD_LIBRARY_PATH "$reference" help "$keyword" |
            awk 'NR > 1 && NF { print $1 }' > "$tmp/ref.cmds"
        grep -Fxf "$tmp/mine.cmds" "$tmp/ref.cmds" > "$tmp/ref.common"
        cmp -s "$tmp/mine.cmds" "$tmp/ref.common" || bad="$bad $keyword"
    fi
    [ -s "$tmp/mine.cmds" ] || bad="$bad $keyword"
done < "$tmp/mine.groups"
[ -z "$bad" ]
ok $? "help GROUP: commands in Debian's order${bad:+ (wrong:$bad)}"

# -h: usage, every program option, and the grouped command list.
"$@" -h > "$tmp/usage.out" 2>&1
rc=$?
missing=
for opt in -c -d -e -h -k -K -l -q -r -t -v -V --version; do
    grep -q -- "$opt" "$tmp/usage.out" || missing="$missing $opt"
done
[ $rc = 0 ] && [ -z "$missing" ] && grep -q "(help keyword 'snapshot')\$" "$tmp/usage.out"
ok $? "-h prints the options and the commands${missing:+ (missing:$missing)}"

[ $failed = 0 ]
