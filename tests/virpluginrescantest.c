/*
 * virpluginrescantest.c: plugins installed while the process runs, and
 * the state drivers a daemon asks for
 *
 * The plugin directory starts empty; fixtures are copied in between
 * the cases, which therefore run in order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virplugin_state.h"

static char *pluginDir;
static char *fixtureDir;

static void
quietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}


/* Copy fixture @name into the plugin directory as @dest, written to a
 * temporary name and renamed as an installer does; @len bytes only if
 * non-zero (a file caught half copied). */
static void
installFixture(const char *name, const char *dest, gsize len)
{
    g_autofree char *src = g_build_filename(fixtureDir, name, NULL);
    g_autofree char *tmp = g_build_filename(pluginDir, ".installing", NULL);
    g_autofree char *path = g_build_filename(pluginDir, dest, NULL);
    g_autofree char *data = NULL;
    gsize size;

    g_assert_true(g_file_get_contents(src, &data, &size, NULL));
    g_assert_true(g_file_set_contents(tmp, data, len ? len : size, NULL));
    g_assert_cmpint(g_rename(tmp, path), ==, 0);
}


static const virPluginStatus *
findStatus(GPtrArray *list, const char *name)
{
    size_t i;

    for (i = 0; i < list->len; i++) {
        const virPluginStatus *status = list->pdata[i];

        if (g_str_equal(status->name, name))
            return status;
    }
    return NULL;
}


static void
testMissingThenInstalled(void)
{
    g_autofree char *expected =
        g_strdup_printf("no plugin serves URI 'late:///': install the plugin that provides scheme 'late' (looked in %s)",
                        pluginDir);
    virConnectPtr conn = virConnectOpen("late:///");
    unsigned long version = 99;

    g_assert_null(conn);
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_NO_CONNECT);
    g_assert_cmpstr(virGetLastErrorMessage(), ==, expected);

    /* Its file is not named after its scheme: only a rescan finds it. */
    installFixture("latecomer.so", "latecomer.so", 0);
    conn = virConnectOpen("late:///");
    g_assert_nonnull(conn);
    /* A library process initialises no state driver by itself. */
    g_assert_cmpint(virConnectGetVersion(conn, &version), ==, 0);
    g_assert_cmpuint(version, ==, 0);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testStateInitializedOnce(void)
{
    g_autoptr(GPtrArray) list = NULL;
    const virPluginStatus *status;
    virConnectPtr conn;
    unsigned long version = 99;

    g_assert_cmpint(virPluginStateInitialize(false), ==, 0);
    g_assert_cmpint(virPluginStateInitialize(false), ==, 0);

    conn = virConnectOpen("late:///");
    g_assert_nonnull(conn);
    g_assert_cmpint(virConnectGetVersion(conn, &version), ==, 0);
    g_assert_cmpuint(version, ==, 1);
    g_assert_cmpint(virConnectClose(conn), ==, 0);

    list = virPluginStatusList();
    g_assert_nonnull((status = findStatus(list, "latecomer")));
    g_assert_cmpint(status->state, ==, VIR_PLUGIN_STATUS_ACTIVE);
    g_assert_cmpstr(virPluginStatusStateTypeToString(status->state), ==, "active");
    g_assert_cmpstr(status->version, ==, "1.0");
    g_assert_cmpstr(status->schemes[0], ==, "late");
    g_assert_null(status->schemes[1]);
    g_assert_null(status->reason);
}


static void
testHalfCopiedRetried(void)
{
    g_autoptr(GPtrArray) list = NULL;
    const virPluginStatus *status;
    virConnectPtr conn;

    installFixture("mini.so", "mini.so", 100);
    g_assert_null(virConnectOpen("mini:///"));
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_NO_CONNECT);
    g_assert_nonnull(strstr(virGetLastErrorMessage(), "was refused"));
    g_assert_nonnull(strstr(virGetLastErrorMessage(), "cannot be loaded"));

    list = virPluginStatusList();
    g_assert_nonnull((status = findStatus(list, "mini")));
    g_assert_cmpint(status->state, ==, VIR_PLUGIN_STATUS_REFUSED);
    g_assert_nonnull(strstr(status->reason, "cannot be loaded"));

    /* The whole file arrives; a daemon that initialised state drivers
     * registers it at the next connection. */
    installFixture("mini.so", "mini.so", 0);
    conn = virConnectOpen("mini:///");
    g_assert_nonnull(conn);
    g_assert_cmpint(virConnectClose(conn), ==, 0);

    g_clear_pointer(&list, g_ptr_array_unref);
    list = virPluginStatusList();
    g_assert_nonnull((status = findStatus(list, "mini")));
    /* No state driver: registered is as far as it goes. */
    g_assert_cmpint(status->state, ==, VIR_PLUGIN_STATUS_REGISTERED);
}


static void
testNothingNew(void)
{
    g_autofree char *expected =
        g_strdup_printf("no plugin serves URI 'nosuch:///': install the plugin that provides scheme 'nosuch' (looked in %s)",
                        pluginDir);

    g_assert_null(virConnectOpen("nosuch:///"));
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_NO_CONNECT);
    g_assert_cmpstr(virGetLastErrorMessage(), ==, expected);
}


int
main(int argc, char **argv)
{
    g_autofree char *template = g_build_filename(g_get_tmp_dir(),
                                                 "virtplug-rescan.XXXXXX",
                                                 NULL);
    const char *builddir = g_getenv("VIRTPLUG_TEST_BUILDDIR");
    g_autofree char *mini = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    fixtureDir = g_build_filename(builddir ? builddir : ".", ".libs", NULL);
    mini = g_build_filename(fixtureDir, "latecomer.so", NULL);
    if (!g_file_test(mini, G_FILE_TEST_EXISTS)) {
        printf("1..0 # SKIP the fixtures are not built (make check builds them)\n");
        return 77;
    }
    pluginDir = g_mkdtemp(template);
    g_assert_nonnull(pluginDir);
    g_setenv("VIRTPLUG_PLUGIN_DIR", pluginDir, TRUE);
    virSetErrorFunc(NULL, quietErrors);

    g_test_add_func("/rescan/missing-then-installed", testMissingThenInstalled);
    g_test_add_func("/rescan/state-initialized-once", testStateInitializedOnce);
    g_test_add_func("/rescan/half-copied-retried", testHalfCopiedRetried);
    g_test_add_func("/rescan/nothing-new", testNothingNew);
    ret = g_test_run();

    virPluginStateCleanup();
    {
        g_autoptr(GDir) dir = g_dir_open(pluginDir, 0, NULL);
        const char *entry;

        while (dir && (entry = g_dir_read_name(dir))) {
            g_autofree char *path = g_build_filename(pluginDir, entry, NULL);

            g_unlink(path);
        }
    }
    g_rmdir(pluginDir);
    return ret;
}
