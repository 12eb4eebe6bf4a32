#!/bin/sh
# plugin-hygiene.sh: ARCHITECTURE.md's rules, checked on the built tree.
#
# For every built plugin: it exports its descriptor and nothing else, it
# links no other plugin, every symbol it takes from libvirt.so is versioned,
# it loads alone with RTLD_LOCAL and its descriptor is found, and its
# sources include nothing from another plugin or from core's private
# headers.  For libvirt.so: every public symbol is exported under
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

    unversioned=$(objdump -T "$plugin" | awk '/\*UND\*/ && $NF ~ /^vir/ && $(NF-1) !~ /^\(?(LIBVIRT_|VIRTPLUG_SDK_)/ { print $NF }')
    [ -z "$unversioned" ]
    ok $? "$name.so uses only versioned core symbols${unversioned:+ (unversioned: $(echo $unversioned))}"
done

# Each plugin loads on its own with RTLD_LOCAL | RTLD_NOW, as the core
# loads it, into a program that exports nothing: a plugin that needs a
# symbol of the loading process, of another plugin or of a library it
# does not link fails here.  Its descriptor must then be found and match
# the file name and the ABI major.
if [ -n "$plugins" ]; then
    tmp=$(mktemp -d) || exit 99
    trap 'rm -rf "$tmp"' EXIT
    cat > "$tmp/dlcheck.c" <<'EOF'
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <virtplug/plugin.h>

int
main(int argc, char **argv)
{
    const virtplugPluginDesc *desc;
    void *handle;

    if (argc != 3)
        return 2;
    if (!(handle = dlopen(argv[1], RTLD_LOCAL | RTLD_NOW))) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    if (!(desc = dlsym(handle, VIRTPLUG_PLUGIN_SYMBOL))) {
        printf("no symbol %s\n", VIRTPLUG_PLUGIN_SYMBOL);
        return 1;
    }
    if (desc->abiMajor != VIRTPLUG_ABI_MAJOR || !desc->name ||
        strcmp(desc->name, argv[2]) != 0) {
        printf("descriptor: ABI %u.%u, name '%s'\n", desc->abiMajor,
               desc->abiMinor, desc->name ? desc->name : "(null)");
        return 1;
    }
    return 0;
}
EOF
    if ${CC:-cc} -std=c99 -Wall -Werror -I"$builddir/core/include" \
            -I"$srcdir/core/include" -o "$tmp/dlcheck" "$tmp/dlcheck.c" -ldl \
            > "$tmp/cc.log" 2>&1; then
        for plugin in $plugins; do
            name=$(basename "$plugin" .so)
            out=$(LD_LIBRARY_PATH="$builddir/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
                  "$tmp/dlcheck" "$plugin" "$name" 2>&1)
            ok $? "$name.so loads alone with RTLD_LOCAL|RTLD_NOW and has its descriptor${out:+: $out}"
        done
    else
        ok 1 "the RTLD_LOCAL load check compiles: $(head -3 "$tmp/cc.log")"
    fi
fi

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

    stray=$(objdump -T "$lib" | awk '!/\*UND\*/ && $2 ~ /g/ && $(NF-1) !~ /^\(?(LIBVIRT_|VIRTPLUG_SDK_|VIRTPLUG_DAEMON_)/ && $NF !~ /^(LIBVIRT_|VIRTPLUG_SDK_|VIRTPLUG_DAEMON_)/ { print $NF }')
    [ -z "$stray" ]
    ok $? "libvirt.so.0 exports nothing outside the libvirt, SDK and daemon nodes${stray:+ (stray: $(echo $stray))}"
fi

echo "1..$n"
[ "$failed" = 0 ]
