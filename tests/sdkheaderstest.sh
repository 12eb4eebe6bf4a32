#!/bin/sh
# sdkheaderstest.sh: every plugin SDK header compiles on its own, as a
# third party would include it, in strict C99 and in C++11.
#
# The headers are found as they are installed: <virtplug/NAME.h> from
# core/include of the source tree plus the build tree's generated
# driver-tables.h.  Each is included twice (its guard must hold) by a
# file that includes nothing else.  Also checked: every header of the
# directory is installed (listed in core/Makefile.am), the descriptor
# macro expands in C99, and the SDK's declarations of core helpers match
# the core's own.  Prints TAP.

srcdir=${VIRTPLUG_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${VIRTPLUG_BUILDDIR:-$srcdir}
CC=${CC:-gcc}
CXX=${CXX:-g++}
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

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$builddir/core/include/virtplug/driver-tables.h" ]; then
    echo "1..0 # SKIP driver-tables.h is not generated yet (build the tree first)"
    exit 0
fi

# The build tree's include directory first, so a stale generated copy in
# the source tree of an out-of-tree build cannot hide the real one.
incs="-I$builddir/core/include -I$srcdir/core/include"
cflags="-std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only"
cxxflags="-std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only"

headers=$( (cd "$srcdir/core/include/virtplug" && ls *.h;
            cd "$builddir/core/include/virtplug" && ls *.h) | sort -u)

for h in $headers; do
    printf '#include <virtplug/%s>\n#include <virtplug/%s>\n' "$h" "$h" > "$tmp/one.c"
    out=$($CC $cflags $incs -x c "$tmp/one.c" 2>&1)
    ok $? "virtplug/$h compiles alone in C99${out:+: $(echo "$out" | head -3)}"
    out=$($CXX $cxxflags $incs -x c++ "$tmp/one.c" 2>&1)
    ok $? "virtplug/$h compiles alone in C++11${out:+: $(echo "$out" | head -3)}"

    # driver-tables.h is generated and installed as nodist; the rest must
    # be in sdk_headers, or `make install` would leave it out.
    if [ "$h" = driver-tables.h ]; then
        grep -q "nodist_virtpluginclude_HEADERS *= *include/virtplug/driver-tables.h" \
            "$srcdir/core/Makefile.am"
    else
        grep -q "include/virtplug/$h" "$srcdir/core/Makefile.am"
    fi
    ok $? "virtplug/$h is installed by core/Makefile.am"
done

cat > "$tmp/define.c" <<'EOF'
#include <virtplug/virtplug.h>

static int
exampleRegister(virtplugRegistry *registry)
{
    (void)registry;
    return 0;
}

VIRTPLUG_PLUGIN_DEFINE(
    .name = "example",
    .version = "1.0",
    .license = "LGPL-2.1-or-later",
    .description = "Header test",
    .origin = "tests/sdkheaderstest.sh",
    .uriSchemes = (const char *const[]){ "example", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR,
    .registerFunc = exampleRegister,
);
EOF
out=$($CC $cflags $incs "$tmp/define.c" 2>&1)
ok $? "VIRTPLUG_PLUGIN_DEFINE expands in strict C99${out:+: $(echo "$out" | head -3)}"

# virtplug/error.h repeats prototypes of util/virerror.h; a conflicting
# declaration is a compile error when both are seen together.
if [ -f "$builddir/config.h" ]; then
    printf '#include <config.h>\n#include "internal.h"\n#include "virerror.h"\n#include <virtplug/error.h>\n' > "$tmp/drift.c"
    out=$($CC -std=gnu99 -Wall -Werror -fsyntax-only -I"$builddir" \
          -I"$srcdir/util" $incs $(pkg-config --cflags glib-2.0 libxml-2.0) \
          "$tmp/drift.c" 2>&1)
    ok $? "virtplug/error.h agrees with util/virerror.h${out:+: $(echo "$out" | head -3)}"
fi

echo "1..$n"
[ "$failed" = 0 ]
