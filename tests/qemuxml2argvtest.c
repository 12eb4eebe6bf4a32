/*
 * qemuxml2argvtest.c: the QEMU command line of each domain of the corpus
 * in qemuxml2argvdata/, against its golden NAME.args (or NAME.err for a
 * definition the qemu driver must refuse)
 *
 * The emulator's capabilities come from the fixed file
 * qemuxml2argvdata/caps-x86_64.json (QEMU 7.2's answers), so the result
 * does not depend on the installed QEMU; paths are those of
 * qemu:///embed?root=/var/lib/virtplug-test.  A "<!-- flags: force-tcg -->"
 * first line runs the case as with VIRTPLUG_QEMU_FORCE_TCG=1.
 * VIRTPLUG_TEST_REGENERATE=1 rewrites the golden files.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#define QEMU_COMMAND_PRIV_H_ALLOW
#include "qemu_command_priv.h"
#include "testxmlcorpus.h"

#define TEST_ROOT "/var/lib/virtplug-test"

static qemuCaps *testCaps;


static char *
testSibling(const char *xmlpath, const char *suffix)
{
    g_autofree char *stem = g_strndup(xmlpath, strlen(xmlpath) - strlen(".xml"));

    return g_strconcat(stem, suffix, NULL);
}


static void
testXML2Argv(gconstpointer data)
{
    const char *xmlpath = data;
    g_autofree char *args = testSibling(xmlpath, ".args");
    g_autofree char *err = testSibling(xmlpath, ".err");
    g_autofree char *xml = NULL;
    g_autofree char *cmd = NULL;
    unsigned int flags = QEMU_COMMAND_LINEBREAKS;

    if (!g_file_get_contents(xmlpath, &xml, NULL, NULL))
        g_error("cannot read %s", xmlpath);
    if (virTestCorpusHasFlag(xmlpath, "force-tcg"))
        flags |= QEMU_COMMAND_FORCE_TCG;

    virResetLastError();
    cmd = qemuCommandLineFromXML(xml, testCaps, TEST_ROOT, flags);

    if (cmd) {
        g_autofree char *text = g_strconcat(cmd, "\n", NULL);

        virTestCorpusAssertFile(text, args, err);
    } else {
        g_autofree char *text = virTestCorpusLastError();

        virTestCorpusAssertFile(text, err, args);
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

    files = virTestCorpusList("qemuxml2argvdata", ".xml");
    for (i = 0; files[i]; i++) {
        g_autofree char *base = g_path_get_basename(files[i]);
        g_autofree char *path = NULL;

        base[strlen(base) - strlen(".xml")] = '\0';
        path = g_strdup_printf("/qemu/xml2argv/%s", base);
        g_test_add_data_func(path, files[i], testXML2Argv);
    }
    ret = g_test_run();
    qemuCapsUnref(testCaps);
    return ret;
}
