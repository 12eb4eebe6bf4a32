#!/bin/sh
# virtplugintest.sh: virt-plugin check and list on good and bad plugins.
#
# The good ones: the build tree's test.so and the mini fixture.  The bad
# ones: the fixtures of tests/fixtures (built by make check into
# tests/.libs), a text file, a program, a missing file, and two plugins
# compiled here that break the plugin rules (an extra exported symbol; a
# link to another plugin).  Each refusal must name the file and the
# reason; check's exit status is 0 (good), 1 (refused) or 2 (loads but
# breaks the rules).  Prints TAP.
#
# Environment: VIRTPLUG_SRCDIR, VIRTPLUG_BUILDDIR (as set by make check);
# VIRTPLUGINTEST_PROGRAM: test this virt-plugin instead of the build
# tree's; CC: the compiler for the rule-breaking plugins.

srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${VIRTPLUG_BUILDDIR:-$srcdir}
fixtures=$builddir/tests/.libs
testso=$builddir/plugins/test/.libs/test.so

if [ -n "${VIRTPLUGINTEST_PROGRAM:-}" ]; then
    set -- "$VIRTPLUGINTEST_PROGRAM"
else
    set -- "$builddir/run" "$builddir/tools/virt-plugin"
fi

header=$srcdir/core/include/virtplug/plugin.h
major=$(sed -n 's/^#define VIRTPLUG_ABI_MAJOR \([0-9]*\)$/\1/p' "$header")
minor=$(sed -n 's/^#define VIRTPLUG_ABI_MINOR \([0-9]*\)$/\1/p' "$header")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtplugintest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        for f in "$tmp/out" "$tmp/err"; do
            [ -s "$f" ] && sed 's/^/# /' "$f"
        done
    fi
}

skip() {
    n=$((n + 1))
    echo "ok $n # SKIP $1"
}

# check FILE: run "virt-plugin check FILE", leaving out, err and rc.
check() {
    "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
}

# expect_refused FILE REASON: check exits 1 and says "FILE: REASON".
expect_refused() {
    file=$1 reason=$2 label=$3
    shift 3
    if ! [ -e "$file" ] && [ "$reason" != "no such file" ]; then
        skip "$label: $file not built (make check builds the fixtures)"
        return
    fi
    check "$@" check "$file"
    [ $rc = 1 ] && grep -qxF "$file: $reason" "$tmp/err" && ! [ -s "$tmp/out" ]
    ok $? "check refuses $label: $reason"
}

echo "1..19"

# 1-3: the build tree's test plugin.
if [ -e "$testso" ]; then
    check "$@" check "$testso"
    [ $rc = 0 ] && grep -q "^  name: *test\$" "$tmp/out" &&
        grep -q "^  URI schemes: .*\\btest\\b" "$tmp/out" &&
        grep -q "^  plugin ABI: *$major\\.$minor " "$tmp/out" &&
        grep -q "^  kinds: .*hypervisor" "$tmp/out"
    ok $? "check accepts test.so and prints its descriptor"
    ! [ -s "$tmp/err" ]
    ok $? "test.so exports only its descriptor and links no plugin"
    grep -q "^$testso: " "$tmp/out"
    ok $? "check names the file it checked"
else
    for i in 1 2 3; do
        skip "$testso not built"
    done
fi

# 4-8: the loader's fixtures.
if [ -e "$fixtures/mini.so" ]; then
    check "$@" check "$fixtures/mini.so"
    [ $rc = 0 ] && grep -q "^  name: *mini\$" "$tmp/out"
    ok $? "check accepts the mini fixture"
else
    skip "mini.so not built (make check builds the fixtures)"
fi
expect_refused "$fixtures/badabi.so" \
    "built for plugin ABI $((major + 1)).0; this core has $major.$minor" \
    "a plugin of the next ABI major" "$@"
expect_refused "$fixtures/newerminor.so" \
    "built for plugin ABI $major.$((minor + 1)); this core has $major.$minor" \
    "a plugin of a newer ABI minor" "$@"
expect_refused "$fixtures/notaplugin.so" \
    "not a virtplug plugin (no symbol 'virtplug_plugin_descriptor')" \
    "a shared object without descriptor" "$@"
expect_refused "$fixtures/emptyfield.so" \
    "required descriptor field 'license' is empty" \
    "an empty required field" "$@"

# 9-11: files that are no shared objects at all.
echo "not ELF" > "$tmp/text.so"
expect_refused "$tmp/text.so" "not a shared object (not an ELF file)" \
    "a text file" "$@"
expect_refused "$tmp/missing.so" "no such file" "a missing file" "$@"
sh=$(command -v sh)
if od -An -tx1 -w18 -N18 "$sh" | grep -q '^ 7f 45 4c 46 02 01 01 .* 03 00$'; then
    expect_refused "$sh" "not a shared object (an executable)" "a program" "$@"
else
    skip "$sh is not a 64-bit position-independent program"
fi

# 12-14: plugins that load but break the rules, built here.
cc=${CC:-cc}
cat > "$tmp/extra.c" <<'EOF'
#include <virtplug/plugin.h>
static int extraRegister(virtplugRegistry *r) { (void)r; return 0; }
int extraHelper(void);
int extraHelper(void) { return 1; }
VIRTPLUG_PLUGIN_DEFINE(.name = "extra", .version = "1", .license = "MIT",
    .description = "exports a helper", .uriSchemes = (const char *const[]){ "extra", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR, .registerFunc = extraRegister);
EOF
sed -e 's/extra/linker/g' -e '/Helper/d' "$tmp/extra.c" > "$tmp/linker.c"
if command -v "$cc" >/dev/null 2>&1 &&
   $cc -shared -fPIC -I"$srcdir/core/include" -o "$tmp/extra.so" "$tmp/extra.c" 2>/dev/null; then
    check "$@" check "$tmp/extra.so"
    [ $rc = 2 ] &&
        grep -qxF "$tmp/extra.so: warning: exports symbols other than 'virtplug_plugin_descriptor': extraHelper" "$tmp/err"
    ok $? "check reports a plugin exporting other symbols (exit 2)"

    mkdir "$tmp/plugins"
    cp "$tmp/extra.so" "$tmp/plugins/extra.so"
    if $cc -shared -fPIC -fvisibility=hidden -I"$srcdir/core/include" -o "$tmp/plugins/linker.so" \
           "$tmp/linker.c" -L"$tmp/plugins" -Wl,-rpath,"$tmp/plugins" -Wl,--no-as-needed -l:extra.so 2>/dev/null; then
        check env VIRTPLUG_PLUGIN_DIR="$tmp/plugins" VIRTPLUG_RUN_PLUGIN_DIR="$tmp/plugins" \
            "$@" check "$tmp/plugins/linker.so"
        [ $rc = 2 ] &&
            grep -qxF "$tmp/plugins/linker.so: warning: links another plugin: extra.so ($tmp/plugins/extra.so)" "$tmp/err"
        ok $? "check reports a plugin linking another plugin (DT_NEEDED)"
    else
        skip "cannot link a plugin against another"
    fi

    cp "$tmp/plugins/extra.so" "$tmp/plugins/renamed.so"
    check "$@" check "$tmp/plugins/renamed.so"
    grep -qF "warning: file name 'renamed.so' does not match plugin name 'extra' (expected 'extra.so')" "$tmp/err"
    ok $? "check reports a file not named after its plugin"
else
    for i in 12 13 14; do
        skip "no C compiler ($cc) to build rule-breaking plugins"
    done
fi

# 15-18: list.
mkdir -p "$tmp/listdir"
for f in "$testso" "$fixtures/badabi.so" "$fixtures/notaplugin.so"; do
    [ -e "$f" ] && cp "$f" "$tmp/listdir/"
done
cp "$tmp/text.so" "$tmp/listdir/"
echo "not a plugin either" > "$tmp/listdir/README"
check env VIRTPLUG_PLUGIN_DIR="$tmp/listdir:$tmp/nonexistent" \
    VIRTPLUG_RUN_PLUGIN_DIR="$tmp/listdir:$tmp/nonexistent" "$@" list
[ $rc = 0 ]
ok $? "list exits 0 with refused files and a missing directory"
if [ -e "$tmp/listdir/test.so" ]; then
    grep -q "^test .* (plugin ABI $major\\.$minor)\$" "$tmp/out" &&
        grep -qxF "  path:     $tmp/listdir/test.so" "$tmp/out"
    ok $? "list shows test.so with its version, ABI and path"
else
    skip "$testso not built"
fi
grep -qxF "  $tmp/listdir/text.so: not a shared object (not an ELF file)" "$tmp/out" &&
    ! grep -q README "$tmp/out" &&
    { ! [ -e "$tmp/listdir/badabi.so" ] ||
      grep -qxF "  $tmp/listdir/badabi.so: built for plugin ABI $((major + 1)).0; this core has $major.$minor" "$tmp/out"; } &&
    { ! [ -e "$tmp/listdir/notaplugin.so" ] ||
      grep -qxF "  $tmp/listdir/notaplugin.so: not a virtplug plugin (no symbol 'virtplug_plugin_descriptor')" "$tmp/out"; }
ok $? "list names each refused file with the reason, and skips non-.so files"
grep -q "^$tmp/nonexistent: cannot list the directory: " "$tmp/err"
ok $? "list reports a plugin directory it cannot read"

# 19: usage.
check "$@"
[ $rc = 3 ] && grep -q "^Usage: virt-plugin list" "$tmp/err"
ok $? "no arguments: usage on stderr, exit 3"

[ $failed = 0 ]
