/*
 * qemudefaultstest.c: what the qemu driver adds to a definition (default
 * devices, controllers, PCI addresses and root ports) against what
 * Debian's libvirt 9.0 qemu driver printed for the same input
 *
 * Each qemudefaultsdata/NAME.xml is completed as a define would complete
 * it and formatted as dumpxml prints it; NAME.libvirt.xml is libvirt's
 * dumpxml of the same file, captured once (see qemudefaultsdata/README).
 * The emulator's capabilities are qemuxml2argvdata/caps-x86_64.json
 * (QEMU 7.2, as in the capture), so the installed QEMU does not matter.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#define QEMU_COMMAND_PRIV_H_ALLOW
#include "qemu_command_priv.h"
#include "testxmlcorpus.h"

static qemuCaps *testCaps;


static char *
testReference(const char *path)
{
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        g_error("cannot read %s", path);
    return g_strstrip(text);
}


static void
testDefaults(gconstpointer data)
{
    const char *input = data;
    g_autofree char *stem = g_strndup(input, strlen(input) - strlen(".xml"));
    g_autofree char *reference = g_strconcat(stem, ".libvirt.xml", NULL);
    g_autofree char *xml = NULL;
    g_autofree char *ours = NULL;
    g_autofree char *theirs = testReference(reference);

    if (!g_file_get_contents(input, &xml, NULL, NULL))
        g_error("cannot read %s", input);
    if (!(ours = qemuDomainXMLFromXML(xml, testCaps))) {
        g_test_message("%s: %s", input, virGetLastErrorMessage());
        g_test_fail();
        return;
    }
    g_strstrip(ours);
    if (g_strcmp0(ours, theirs) != 0) {
        g_test_message("ours:\n%s\nlibvirt's:\n%s", ours, theirs);
        g_test_fail();
    }
}


int
main(int argc, char **argv)
{
    g_autofree char *capsPath = NULL;
    g_auto(GStrv) files = NULL;
    size_t i;
    int ret;

    g_test_init(&argc, &argv, NULL);
    capsPath = g_test_build_filename(G_TEST_DIST, "qemuxml2argvdata",
                                     "caps-x86_64.json", NULL);
    if (!(testCaps = qemuCapsLoadFile(capsPath)))
        g_error("cannot load %s: %s", capsPath, virGetLastErrorMessage());

    files = virTestCorpusList("qemudefaultsdata", ".xml");
    for (i = 0; files[i]; i++) {
        g_autofree char *base = NULL;
        g_autofree char *path = NULL;

        if (g_str_has_suffix(files[i], ".libvirt.xml"))
            continue;
        base = g_path_get_basename(files[i]);
        base[strlen(base) - strlen(".xml")] = '\0';
        path = g_strdup_printf("/qemu/defaults/%s", base);
        g_test_add_data_func(path, files[i], testDefaults);
    }
    ret = g_test_run();
    qemuCapsUnref(testCaps);
    return ret;
}
