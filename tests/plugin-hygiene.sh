#!/bin/sh
# plugin-hygiene.sh: ARCHITECTURE.md's rules, checked on the built tree.
#
# For every built plugin: it exports its descriptor and nothing else, it
# links no other plugin, every symbol it takes from libvirt.so is versioned,
# and its sources include nothing from another plugin or from core's
# private headers.  For libvirt.so: every public symbol is exported under
# its libvirt version node and nothing is exported unversioned.
# Prints TAP.

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
}

plugins=$(ls "$builddir"/plugins/*/.libs/*.so 2>/dev/null)
names=$(for p in $plugins; do basename "$p" .so; done)

for plugin in $plugins; do
    name=$(basename "$plugin" .so)

    exported=$(nm -D --defined-only "$plugin" | awk '$2 != "A" { print $3 }' | sort -u)
    [ "$exported" = "virtplug_plugin_descriptor" ]
    ok $? "$name.so exports only its descriptor (found: $(echo $exported))"

    needed=$(objdump -p "$plugin" | awk '$1 == "NEEDED" { print $2 }')
    bad=
    for other in $names; do
        echo "$needed" | grep -qx "$other.so" && bad="$bad $other.so"
    done
    [ -z "$bad" ]
    ok $? "$name.so links no other plugin${bad:+ (links$bad)}"

    unversioned=$(objdump -T "$plugin" | awk '/\*UND\*/ && $NF ~ /^vir/ && $(NF-1) !~ /^(LIBVIRT_|VIRTPLUG_SDK_)/ { print $NF }')
    [ -z "$unversioned" ]
    ok $? "$name.so uses only versioned core symbols${unversioned:+ (unversioned: $(echo $unversioned))}"
done

for dir in "$srcdir"/plugins/*/; do
    name=$(basename "$dir")
    cross=$(grep -rnE '#[[:space:]]*include[[:space:]]*"[^"]*(\.\./|plugins/)' "$dir" 2>/dev/null |
            grep -vE "\"(\.\./)*(plugins/)?$name/" )
    [ -z "$cross" ]
    ok $? "plugins/$name includes nothing from another plugin${cross:+: $cross}"

    private=$(grep -rnE '#[[:space:]]*include[[:space:]]*["<](datatypes|virplugin)\.h[">]|#[[:space:]]*include[[:space:]]*"[^"]*(core|daemon|tools)/' "$dir" 2>/dev/null)
    [ -z "$private" ]
    ok $? "plugins/$name uses no core-private, daemon or tools header${private:+: $private}"
done

lib="$builddir/core/.libs/libvirt.so.0"
if [ -f "$lib" ]; then
    missing=
    for pair in $(awk '/^[A-Z_0-9.]+ *\{/ { node = $1 } /^ *(global: *)?vir[A-Za-z0-9_]+;/ { gsub(/global:|;| /, ""); print node "@" $0 }' "$srcdir/core/libvirt_public.syms"); do
        node=${pair%@*}
        sym=${pair#*@}
        objdump -T "$lib" | awk -v s="$sym" -v v="$node" '$NF == s && $(NF-1) == v { found = 1 } END { exit !found }' ||
            missing="$missing $sym@$node"
    done
    [ -z "$missing" ]
    ok $? "libvirt.so.0 exports every public symbol under its libvirt node${missing:+ (missing:$missing)}"

    stray=$(objdump -T "$lib" | awk '!/\*UND\*/ && $2 ~ /g/ && $(NF-1) !~ /^(LIBVIRT_|VIRTPLUG_SDK_)/ && $NF !~ /^(LIBVIRT_|VIRTPLUG_SDK_)/ { print $NF }')
    [ -z "$stray" ]
    ok $? "libvirt.so.0 exports nothing outside the libvirt and SDK nodes${stray:+ (stray: $(echo $stray))}"
fi

echo "1..$n"
[ "$failed" = 0 ]
