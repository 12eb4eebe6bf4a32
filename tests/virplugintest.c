/*
 * virplugintest.c: the plugin loader, seen through the public API
 *
 * The fixture plugins (tests/fixtures/) are built next to this program;
 * the test points VIRTPLUG_PLUGIN_DIR at them before the first open.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static char *fixtureDir;

static void
quietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

/* Open @uri, expect failure, and return the error message (owned). */
static char *
openFails(const char *uri, int expectedCode)
{
    virConnectPtr conn = virConnectOpen(uri);
    virErrorPtr err;

    g_assert_null(conn);
    err = virGetLastError();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, expectedCode);
    return g_strdup(err->message);
}

static void
testMissingPlugin(void)
{
    g_autofree char *msg = openFails("esx://host/", VIR_ERR_NO_CONNECT);
    g_autofree char *expected =
        g_strdup_printf("no plugin serves URI 'esx://host/': install the plugin that provides scheme 'esx' (looked in %s)",
                        g_getenv("VIRTPLUG_PLUGIN_DIR"));

    g_assert_cmpstr(msg, ==, expected);
}

static void
testWrongMajorRefused(void)
{
    g_autofree char *msg = openFails("badabi:///default", VIR_ERR_NO_CONNECT);
    g_autofree char *path = g_build_filename(fixtureDir, "badabi.so", NULL);
    g_autofree char *expected =
        g_strdup_printf("no plugin serves URI 'badabi:///default': the plugin for scheme 'badabi' was refused: %s: built for plugin ABI 2.0; the core has 1.0",
                        path);

    /* The fixture's register function aborts: reaching here proves the
     * loader never called into a refused plugin. */
    g_assert_cmpstr(msg, ==, expected);
}

static void
testNewerMinorRefused(void)
{
    g_autofree char *msg = openFails("newerminor:///", VIR_ERR_NO_CONNECT);

    g_assert_nonnull(strstr(msg, "newerminor.so: built for plugin ABI 1.1; the core has 1.0"));
}

static void
testNotAPlugin(void)
{
    g_autofree char *msg = openFails("notaplugin:///", VIR_ERR_NO_CONNECT);

    g_assert_nonnull(strstr(msg, "notaplugin.so: not a virtplug plugin (no symbol 'virtplug_plugin_descriptor')"));
}

static void
testEmptyField(void)
{
    g_autofree char *msg = openFails("emptyfield:///", VIR_ERR_NO_CONNECT);

    g_assert_nonnull(strstr(msg, "emptyfield.so: descriptor field 'license' is empty"));
}

static void
testMalformedURI(void)
{
    virConnectPtr conn = virConnectOpen("::not a uri");

    g_assert_null(conn);
    g_assert_cmpint(virGetLastErrorCode(), !=, VIR_ERR_OK);
}

/* A plugin built against an older, shorter table: members past its size
 * are absent even if its struct has them set. */
static void
testShortTable(void)
{
    virConnectPtr conn = virConnectOpen("mini:///");
    unsigned long version = 0;

    g_assert_nonnull(conn);
    g_assert_cmpstr(virConnectGetType(conn), ==, "MINI");
    g_assert_cmpint(virConnectGetVersion(conn, &version), ==, -1);
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_NO_SUPPORT);
    g_assert_cmpstr(virGetLastErrorMessage(), ==,
                    "this function is not supported by the connection driver: virConnectGetVersion");
    g_assert_cmpint(version, ==, 0);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}

/* A call the driver has no member for at all. */
static void
testUnsupportedCall(void)
{
    virConnectPtr conn = virConnectOpen("mini:///");
    virNodeInfo info;

    g_assert_nonnull(conn);
    g_assert_cmpint(virNodeGetInfo(conn, &info), ==, -1);
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_NO_SUPPORT);
    g_assert_cmpint(virGetLastErrorDomain(), ==, VIR_FROM_NONE);
    virConnectClose(conn);
}

static void
testReadOnlyRefusesWrites(void)
{
    virConnectPtr conn = virConnectOpenReadOnly("mini:///");

    g_assert_nonnull(conn);
    g_assert_null(virDomainDefineXML(conn, "<domain/>"));
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_OPERATION_DENIED);
    g_assert_cmpstr(virGetLastErrorMessage(), ==,
                    "operation forbidden: read only access prevents virDomainDefineXML");
    virConnectClose(conn);
}

static void
testRefCounting(void)
{
    virConnectPtr conn = virConnectOpen("mini:///");

    g_assert_nonnull(conn);
    g_assert_cmpint(virConnectRef(conn), ==, 0);
    g_assert_cmpint(virConnectClose(conn), ==, 1);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}

static void
testInvalidObject(void)
{
    g_assert_cmpint(virConnectClose(NULL), ==, -1);
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_INVALID_CONN);
    g_assert_null(virDomainLookupByName(NULL, "x"));
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_INVALID_CONN);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    fixtureDir = g_build_filename(g_getenv("VIRTPLUG_TEST_BUILDDIR") ?
                                  g_getenv("VIRTPLUG_TEST_BUILDDIR") : ".",
                                  ".libs", NULL);
    g_setenv("VIRTPLUG_PLUGIN_DIR", fixtureDir, TRUE);
    virSetErrorFunc(NULL, quietErrors);

    g_test_add_func("/loader/missing-plugin", testMissingPlugin);
    g_test_add_func("/loader/wrong-major", testWrongMajorRefused);
    g_test_add_func("/loader/newer-minor", testNewerMinorRefused);
    g_test_add_func("/loader/not-a-plugin", testNotAPlugin);
    g_test_add_func("/loader/empty-field", testEmptyField);
    g_test_add_func("/loader/malformed-uri", testMalformedURI);
    g_test_add_func("/loader/short-table", testShortTable);
    g_test_add_func("/dispatch/unsupported", testUnsupportedCall);
    g_test_add_func("/dispatch/read-only", testReadOnlyRefusesWrites);
    g_test_add_func("/dispatch/refcount", testRefCounting);
    g_test_add_func("/dispatch/invalid-object", testInvalidObject);
    return g_test_run();
}
