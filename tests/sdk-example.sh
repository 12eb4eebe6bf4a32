#!/bin/sh
# sdk-example.sh: the example plugin builds out of tree against the
# installed SDK alone, and the core loads and drives it.
#
# Installs the build tree into a temporary DESTDIR, checks what the SDK
# installs (headers, pkg-config files), builds docs/examples/hello from a
# copy with pkg-config pointed into that DESTDIR only (no -I into the
# source tree), installs hello.so, and drives hello:/// with the build
# tree's virsh and with the example's event client.  Prints TAP.

srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${VIRTPLUG_BUILDDIR:-$srcdir}
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
    [ "$1" = 0 ]
}

# Print the output of a failed check as TAP diagnostics.
diag() {
    printf '%s\n' "$1" | head -${2:-15} | sed 's/^/# /'
}

if [ ! -x "$builddir/tools/virsh" ] || ! command -v pkg-config >/dev/null; then
    echo "1..0 # SKIP needs a built tree (tools/virsh) and pkg-config"
    exit 0
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

# A nested make must not join the jobserver of a `make check` around us.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -C "$builddir" install DESTDIR="$root" >"$tmp/install.log" 2>&1
ok $? "make install DESTDIR works" || diag "$(tail -20 "$tmp/install.log")" 20
[ "$failed" = 0 ] || { echo "1..$n"; exit 1; }

# ---- what the SDK installs ----

pc=$(find "$root" -name virtplug-plugin.pc -path '*/pkgconfig/*' | head -1)
[ -n "$pc" ]
ok $? "virtplug-plugin.pc is installed in \$(libdir)/pkgconfig"
pcdir=$(dirname "$pc")
[ -f "$pcdir/libvirt.pc" ]
ok $? "libvirt.pc is installed beside it"

# Only the staged tree: nothing from the system or the build tree.
PKG_CONFIG_LIBDIR=$pcdir
PKG_CONFIG_PATH=
PKG_CONFIG_SYSROOT_DIR=$root
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

cflags=$(pkg-config --cflags virtplug-plugin)
libs=$(pkg-config --libs virtplug-plugin)
plugindir=$(pkg-config --variable=plugindir virtplug-plugin)
bad=
for flag in $cflags $libs; do
    case "$flag" in
        -I"$root"/*|-L"$root"/*|-l*) ;;
        *) bad="$bad $flag" ;;
    esac
done
[ -z "$bad" ] && echo " $libs " | grep -q -- ' -lvirt '
ok $? "pkg-config gives cflags and libs into the staged SDK ($cflags $libs)"
# pkgconf prefixes the sysroot to variables, pkg-config does not.
plugindir=$root${plugindir#"$root"}
case "$plugindir" in
    "$root"*/virtplug/plugins) true ;;
    *) false ;;
esac
ok $? "pkg-config gives plugindir ($plugindir)"
[ "$(pkg-config --variable=abimajor virtplug-plugin)" = 1 ]
ok $? "pkg-config gives abimajor 1"
[ -f "$plugindir/test.so" ] || ! echo " $VIRTPLUG_PLUGINS " | grep -q ' test '
ok $? "the test plugin is installed in plugindir"

incdir=${cflags#-I}
incdir=${incdir%% *}
missing=
for h in plugin.h driver.h driver-types.h driver-tables.h objects.h error.h virtplug.h; do
    [ -f "$incdir/virtplug/$h" ] || missing="$missing $h"
done
[ -z "$missing" ]
ok $? "SDK headers are installed in \$(includedir)/virtplug${missing:+ (missing:$missing)}"
[ -f "$incdir/libvirt/libvirt.h" ]
ok $? "public headers are installed in \$(includedir)/libvirt"

bad=
for h in "$incdir"/virtplug/*.h; do
    printf '#include <virtplug/%s>\n' "$(basename "$h")" > "$tmp/h.c"
    ${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only \
        $cflags "$tmp/h.c" >>"$tmp/h.log" 2>&1 || bad="$bad $(basename "$h")"
done
[ -z "$bad" ]
ok $? "each installed SDK header compiles alone in C99${bad:+ (failed:$bad)}" ||
    diag "$(cat "$tmp/h.log")"

# ---- build the example out of tree ----

cp -R "$srcdir/docs/examples/hello" "$tmp/hello" && chmod -R u+w "$tmp/hello"
make -C "$tmp/hello" clean >/dev/null 2>&1
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -C "$tmp/hello" >"$tmp/build.log" 2>&1
ok $? "the hello example builds against the installed SDK" ||
    diag "$(cat "$tmp/build.log")" 30
! grep -E -e "-I *($srcdir|$builddir)" "$tmp/build.log" >/dev/null
ok $? "its build uses no include path into the source or build tree"

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -C "$tmp/hello" install >"$tmp/make-install.log" 2>&1 &&
    [ -f "$plugindir/hello.so" ]
ok $? "make install puts hello.so in plugindir" ||
    diag "$(cat "$tmp/make-install.log")"

so=$tmp/hello/hello.so
exported=$(nm -D --defined-only "$so" 2>/dev/null | awk '$2 != "A" { print $3 }' | sort -u)
[ "$exported" = virtplug_plugin_descriptor ]
ok $? "hello.so exports only its descriptor (found: $(echo $exported))"
needed=$(objdump -p "$so" | awk '$1 == "NEEDED" { print $2 }' | tr '\n' ' ')
case " $needed" in
    *" libvirt.so.0 "*) true ;;
    *) false ;;
esac
ok $? "hello.so links libvirt.so.0 ($needed)"

# ---- drive it ----

# The build tree's core and virsh; plugins from the staged plugindir,
# where hello.so now sits beside the installed in-tree plugins.
# run lives in the source tree; it finds the build tree by VIRTPLUG_BUILDDIR.
run() {
    VIRTPLUG_BUILDDIR=$builddir VIRTPLUG_RUN_PLUGIN_DIR=$plugindir "$srcdir/run" "$@" 2>&1
}

virsh() {
    run "$builddir/tools/virsh" "$@"
}

out=$(virsh -c hello:/// list --all)
status=$?
[ $status = 0 ] &&
    echo "$out" | grep -Eq '^ *1 +alpha +running *$' &&
    echo "$out" | grep -Eq '^ *- +beta +shut off *$' &&
    echo "$out" | grep -Eq '^ *- +gamma +shut off *$'
ok $? "virsh -c hello:/// list --all shows the three domains" || diag "$out"

out=$(virsh -c hello:/// list)
echo "$out" | grep -q alpha && ! echo "$out" | grep -q beta
ok $? "virsh list shows only the running domain" || diag "$out"

out=$(virsh -c hello:/// 'start beta; dominfo beta; domstate beta')
echo "$out" | grep -q "Domain 'beta' started" &&
    echo "$out" | grep -Eq '^Id: +2$' &&
    echo "$out" | grep -Eq '^Name: +beta$' &&
    echo "$out" | grep -Eq '^OS Type: +hvm$' &&
    echo "$out" | grep -Eq '^State: +running$' &&
    echo "$out" | grep -Eq '^CPU\(s\): +2$' &&
    echo "$out" | grep -Eq '^Max memory: +1048576 KiB$' &&
    echo "$out" | grep -Eq '^running$'
ok $? "start, dominfo and domstate of beta" || diag "$out" 30

out=$(virsh -c hello:/// 'suspend alpha; domstate alpha; resume alpha; domstate alpha')
echo "$out" | grep -q "Domain 'alpha' suspended" &&
    echo "$out" | grep -Eq '^paused$' &&
    echo "$out" | grep -q "Domain 'alpha' resumed" &&
    echo "$out" | grep -Eq '^running$'
ok $? "suspend and resume alpha" || diag "$out"

out=$(virsh -c hello:/// 'destroy alpha; domstate alpha; list --all')
echo "$out" | grep -q "Domain 'alpha' destroyed" &&
    echo "$out" | grep -Eq '^shut off$' &&
    echo "$out" | grep -Eq '^ *- +alpha +shut off *$'
ok $? "destroy alpha" || diag "$out"

out=$(virsh -c hello:/// dumpxml alpha)
echo "$out" | grep -q "<domain type='hello' id='1'>" &&
    echo "$out" | grep -q "<name>alpha</name>" &&
    echo "$out" | grep -q "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
ok $? "dumpxml alpha" || diag "$out"

out=$(virsh -c hello:/// destroy beta)
status=$?
[ $status != 0 ] && echo "$out" | grep -q "domain is not running"
ok $? "destroying a shut off domain fails with the reason" || diag "$out"

out=$(virsh -c hello:/// dominfo nosuch)
status=$?
[ $status != 0 ] && echo "$out" | grep -qi "nosuch"
ok $? "an unknown domain is an error naming it" || diag "$out"

out=$(virsh -c hello:///elsewhere list)
status=$?
[ $status != 0 ] && echo "$out" | grep -q "unexpected hello URI 'hello:///elsewhere'"
ok $? "another hello URI is refused by the plugin" || diag "$out"

out=$(run "$tmp/hello/hello-events")
status=$?
[ $status = 0 ] &&
    [ "$(echo "$out" | grep -c '^event: beta ')" = 4 ] &&
    echo "$out" | grep -q '^event: beta started 0$' &&
    echo "$out" | grep -q '^event: beta suspended 0$' &&
    echo "$out" | grep -q '^event: beta resumed 0$' &&
    echo "$out" | grep -q '^event: beta stopped 1$'
ok $? "lifecycle events arrive through the event loop, in order" || diag "$out"

if [ -x "$builddir/tools/virt-plugin" ]; then
    out=$(run "$builddir/tools/virt-plugin" list)
    echo "$out" | grep -q hello
    ok $? "virt-plugin list shows hello" || diag "$out"
fi

echo "1..$n"
[ "$failed" = 0 ]
