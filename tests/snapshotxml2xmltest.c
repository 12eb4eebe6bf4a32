/*
 * snapshotxml2xmltest.c: snapshot XML parsed and formatted against the
 * golden corpus in snapshotxml2xmldata/
 *
 * The flags comment of a NAME.in.xml chooses the parse flags (redefine,
 * disks, internal, offline) and the format flags (secure,
 * format-internal).  The clock is fixed so that creationTime and
 * generated names are reproducible.  The formatted XML must parse with
 * the same flags and format to itself again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#define VIR_SNAPSHOT_CONF_PRIV_H_ALLOW
#include "snapshot_conf_priv.h"
#include "testxmlcorpus.h"

#define TEST_NOW 1700000000LL

static long long
testClock(void)
{
    return TEST_NOW;
}


static void
testSnapshotFlags(const char *in, unsigned int *parseFlags,
                  unsigned int *formatFlags)
{
    struct {
        const char *word;
        unsigned int flag;
        bool format;
    } words[] = {
        { "redefine", VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE, false },
        { "disks", VIR_DOMAIN_SNAPSHOT_PARSE_DISKS, false },
        { "internal", VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL, false },
        { "offline", VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE, false },
        { "secure", VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE, true },
        { "format-internal", VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL, true },
    };
    size_t i;

    *parseFlags = 0;
    *formatFlags = 0;
    for (i = 0; i < G_N_ELEMENTS(words); i++) {
        if (!virTestCorpusHasFlag(in, words[i].word))
            continue;
        if (words[i].format)
            *formatFlags |= words[i].flag;
        else
            *parseFlags |= words[i].flag;
    }
}


static void
testSnapshotXML(gconstpointer data)
{
    const char *in = data;
    g_autofree char *outPath = virTestCorpusSibling(in, ".out.xml");
    g_autofree char *errPath = virTestCorpusSibling(in, ".err");
    g_autoptr(virDomainSnapshotDef) def = NULL;
    g_autoptr(virDomainSnapshotDef) again = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    g_autofree char *input = NULL;
    unsigned int parseFlags;
    unsigned int formatFlags;

    testSnapshotFlags(in, &parseFlags, &formatFlags);
    virErrorResetLast();

    if (!g_file_get_contents(in, &input, NULL, NULL)) {
        g_test_fail();
        return;
    }
    if (!(def = virDomainSnapshotDefParseString(input, parseFlags))) {
        g_autofree char *err = virTestCorpusLastError();

        virTestCorpusAssertFile(err, errPath, outPath);
        return;
    }

    xml = virDomainSnapshotDefFormat(def, formatFlags);
    if (!virTestCorpusRegenerate() && g_file_test(errPath, G_FILE_TEST_EXISTS)) {
        g_test_message("%s: expected an error, got:\n%s", in, xml);
        g_test_fail();
        return;
    }
    virTestCorpusAssertFile(xml, outPath, errPath);

    if (!(again = virDomainSnapshotDefParseString(xml, parseFlags))) {
        g_autofree char *err = virTestCorpusLastError();

        g_test_message("%s: formatted XML does not parse: %s", in, err);
        g_test_fail();
        return;
    }
    xml2 = virDomainSnapshotDefFormat(again, formatFlags);
    g_assert_cmpstr(xml2, ==, xml);
}


static void
testSnapshotEnums(void)
{
    int v;

    for (v = 0; v < VIR_DOMAIN_SNAPSHOT_LAST; v++) {
        const char *word = virDomainSnapshotStateTypeToString(v);

        if (!word) {
            g_test_fail();
            continue;
        }
        g_assert_cmpint(virDomainSnapshotStateTypeFromString(word), ==, v);
    }
    g_assert_null(virDomainSnapshotStateTypeToString(VIR_DOMAIN_SNAPSHOT_LAST));
}


static void
testSnapshotBadFlags(void)
{
    virErrorResetLast();
    g_assert_null(virDomainSnapshotDefParseString("<domainsnapshot/>", 1 << 20));
    g_assert_cmpint(virErrorGetLast()->code, ==, VIR_ERR_INVALID_ARG);
}


int
main(int argc, char **argv)
{
    g_auto(GStrv) files = NULL;
    size_t i;

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    virDomainSnapshotSetClock(testClock);

    files = virTestCorpusList("snapshotxml2xmldata", ".in.xml");
    for (i = 0; files[i]; i++) {
        g_autofree char *name = virTestCorpusName(files[i]);
        g_autofree char *path = g_strdup_printf("/conf/snapshot/xml2xml/%s", name);

        g_test_add_data_func(path, files[i], testSnapshotXML);
    }
    g_test_add_func("/conf/snapshot/enums", testSnapshotEnums);
    g_test_add_func("/conf/snapshot/bad-flags", testSnapshotBadFlags);

    return g_test_run();
}
