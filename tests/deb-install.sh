#!/bin/sh
# deb-install.sh: the Debian packages build, split as debian/control says,
# and work when only the core, the clients and the test plugin are there.
#
# Builds the binary packages with dpkg-buildpackage from a copy of the
# source tree (tests and debug symbol packages skipped: the suite runs the
# tests already; about 3 minutes of CPU on 2 cores), checks the
# package relations that carry the plugin ABI, unpacks three packages into
# an empty root with dpkg -x and runs that root's virsh: test:///default
# works, qemu:///session fails naming the scheme whose plugin is missing.
# Skipped without dpkg-buildpackage and debhelper.  Prints TAP.

srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
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

diag() {
    printf '%s\n' "$1" | tail -${2:-15} | sed 's/^/# /'
}

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
    echo "1..0 # SKIP needs dpkg-buildpackage and debhelper (dpkg-dev, debhelper)"
    exit 0
fi
if [ ! -f "$srcdir/debian/control" ]; then
    echo "1..0 # SKIP no debian/ directory in $srcdir"
    exit 0
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
src=$tmp/virtplug
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

# A copy without the build products of an in-place build; its stale
# Makefiles are cleaned by debian/rules clean (make distclean).
mkdir "$src" &&
    tar -C "$srcdir" --exclude=.git --exclude=.libs --exclude=.deps \
        --exclude='*.o' --exclude='*.lo' --exclude='*.la' --exclude='*.trs' \
        --exclude='*.log' --exclude=autom4te.cache -cf - . |
    tar -C "$src" -xf - &&
    chmod -R u+w "$src"
ok $? "copy the source tree"

start=$(date +%s)
(cd "$src" &&
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
        DEB_BUILD_OPTIONS="nocheck noautodbgsym parallel=$(nproc 2>/dev/null || echo 2)" \
        dpkg-buildpackage -us -uc -b) > "$tmp/build.log" 2>&1
status=$?
ok $status "dpkg-buildpackage -us -uc -b ($(($(date +%s) - start)) s)" ||
    diag "$(cat "$tmp/build.log")" 40
if [ $status != 0 ]; then
    echo "1..$n"
    exit 1
fi

deb() {
    ls "$tmp"/"$1"_*.deb 2>/dev/null | head -1
}

missing=
for pkg in libvirtplug-libvirt0 libvirtplug-dev virtplug-plugin-sdk \
           virtplug-clients virtplug-daemon virtplug-plugin-test; do
    [ -n "$(deb $pkg)" ] || missing="$missing $pkg"
done
[ -z "$missing" ]
ok $? "every package is built${missing:+ (missing:$missing)}"

# ---- package relations ----

core=$(deb libvirtplug-libvirt0)
provides=$(dpkg-deb -f "$core" Provides)
echo "$provides" | grep -q 'virtplug-plugin-abi-1 (= 1\.0)'
ok $? "the core provides virtplug-plugin-abi-1 (= 1.0) ($provides)"
for plugin in "$tmp"/virtplug-plugin-*.deb; do
    name=$(dpkg-deb -f "$plugin" Package)
    case "$name" in
        virtplug-plugin-sdk|*-dbgsym) continue ;;
    esac
    depends=$(dpkg-deb -f "$plugin" Depends)
    echo "$depends" | grep -q 'virtplug-plugin-abi-1 (>= 1\.0)' &&
        ! echo "$depends" | grep -Eq 'libvirtplug-libvirt0 \(= '
    ok $? "$name depends on virtplug-plugin-abi-1 (>= 1.0), not on a core release ($depends)"
done
dpkg-deb -f "$core" Conflicts | grep -qw libvirt0 &&
    dpkg-deb -f "$core" Replaces | grep -qw libvirt0
ok $? "the core conflicts with and replaces Debian's libvirt0 (same soname)"

contents=$(dpkg-deb -c "$(deb virtplug-plugin-sdk)")
echo "$contents" | grep -q "usr/include/virtplug/virtplug.h" &&
    echo "$contents" | grep -q "usr/include/virtplug/driver-tables.h" &&
    echo "$contents" | grep -q "usr/lib/$multiarch/pkgconfig/virtplug-plugin.pc" &&
    echo "$contents" | grep -q "usr/share/doc/virtplug-plugin-sdk/plugin-guide.md" &&
    echo "$contents" | grep -q "usr/share/doc/virtplug-plugin-sdk/examples/hello/hello_plugin.c"
ok $? "virtplug-plugin-sdk holds the SDK headers, pc file, guide and example"

contents=$(dpkg-deb -c "$(deb virtplug-daemon)")
echo "$contents" | grep -q "usr/sbin/virtplugd" &&
    echo "$contents" | grep -q "lib/systemd/system/virtplugd.service" &&
    echo "$contents" | grep -q "lib/systemd/system/virtplugd-admin.socket" &&
    echo "$contents" | grep -q "etc/virtplug/virtplugd.conf" &&
    dpkg-deb -c "$(deb virtplug-clients)" | grep -q "usr/bin/virtplug-admin"
ok $? "virtplug-daemon holds virtplugd, its systemd units and virtplugd.conf; virtplug-clients virtplug-admin"

contents=$(dpkg-deb -c "$core")
echo "$contents" | grep -q "usr/lib/$multiarch/libvirt.so.0" &&
    ! echo "$contents" | grep -q "virtplug/plugins/"
ok $? "the core package holds libvirt.so.0 and no plugin"

# ---- a root with the core, the clients and the test plugin only ----

root=$tmp/root
for pkg in libvirtplug-libvirt0 virtplug-clients virtplug-plugin-test; do
    dpkg -x "$(deb $pkg)" "$root" || failed=$((failed + 1))
done
plugindir=$root/usr/lib/$multiarch/virtplug/plugins
[ -f "$plugindir/test.so" ] && [ -x "$root/usr/bin/virsh" ]
ok $? "dpkg -x of core, clients and test plugin"

run() {
    LD_LIBRARY_PATH="$root/usr/lib/$multiarch" VIRTPLUG_PLUGIN_DIR=$plugindir \
        LIBVIRT_DEFAULT_URI= VIRTPLUG_DEFAULT_URI= "$@" 2>&1
}

lib=$(run ldd "$root/usr/bin/virsh" | awk '$1 == "libvirt.so.0" { print $3 }')
[ "$lib" = "$root/usr/lib/$multiarch/libvirt.so.0" ]
ok $? "the root's virsh uses the root's libvirt.so.0 ($lib)"

out=$(run "$root/usr/bin/virsh" -c test:///default list)
status=$?
[ $status = 0 ] && echo "$out" | grep -Eq '^ *1 +test +running *$'
ok $? "virsh -c test:///default list works from the root" || diag "$out"

out=$(run "$root/usr/bin/virsh" -c qemu:///session list)
status=$?
[ $status != 0 ] && echo "$out" | grep -q "scheme 'qemu'"
ok $? "virsh -c qemu:///session fails naming the missing plugin's scheme" ||
    diag "$out"
echo "$out" | sed 's/^/# /'

echo "1..$n"
[ "$failed" = 0 ]
