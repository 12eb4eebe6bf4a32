#!/bin/sh
# regenerate.sh: rewrite the golden files of virshtest.sh from Debian's
# virsh (libvirt-clients 9.0.0), the reference virtplug's virsh matches.
#
# Each session NAME is NAME.cmd: virsh's arguments, written as shell words
# (one line, or more inside quotes), run from this directory so that the
# XML files under xml/ are found by relative paths; NAME.in, if present,
# is its standard input (interactive sessions), else /dev/null.  The
# results are NAME.out, NAME.err and NAME.rc (exit status).
#
# Things that differ legitimately between two runs, or two machines, are
# replaced by placeholders with normalize.sed (CPU time, snapshot times
# and time-based snapshot names, event timestamps, -t timings, libvirt's
# own log lines) and the host name by HOSTNAME.  Sessions named help-*
# are also passed through help.sed: virtplug's help wording is its own,
# so only the shape of the help pages is compared.
#
# Usage: tests/virshdata/regenerate.sh [VIRSH]   (default /usr/bin/virsh)
# Review the diff like code before committing it.
set -u

here=$(cd "$(dirname "$0")" && pwd)
virsh=${1:-/usr/bin/virsh}
cd "$here" || exit 1

if ! [ -x "$virsh" ]; then
    echo "regenerate.sh: $virsh not found (apt-get install libvirt-clients)" >&2
    exit 1
fi

# normalise FILE NAME: the placeholders, in place.
normalise() {
    host=$(uname -n)
    [ -n "$host" ] || host=localhost
    sed -E -f normalize.sed "$1" | sed "s/^$host\$/HOSTNAME/" > "$1.tmp"
    case $2 in
    help-*) sed -E -f help.sed "$1.tmp" > "$1" && rm -f "$1.tmp" ;;
    *) mv "$1.tmp" "$1" ;;
    esac
}

for cmd in *.cmd; do
    name=${cmd%.cmd}
    input=/dev/null
    [ -f "$name.in" ] && input=$name.in
    eval "set -- $(cat "$cmd")"
    LIBVIRT_DEFAULT_URI= VIRSH_DEFAULT_CONNECT_URI= LC_ALL=C.UTF-8 TZ=UTC \
        "$virsh" "$@" < "$input" > "$name.out" 2> "$name.err"
    echo $? > "$name.rc"
    normalise "$name.out" "$name"
    normalise "$name.err" "$name"
done
