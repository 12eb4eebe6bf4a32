/*
 * confxml2xmltest.c: the non-domain XML formats (network, storage pool,
 * storage volume, secret, ...) parsed and formatted against the golden
 * corpus in <format>xml2xmldata/
 *
 * Each NAME.in.xml must either fail as NAME.err says or format to
 * NAME.out.xml, and that output must parse and format to itself again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "network_conf.h"
#include "storage_pool_conf.h"
#include "storage_vol_conf.h"
#include "secret_conf.h"
#include "capabilities_conf.h"
#include "node_device_conf.h"
#include "interface_conf.h"
#include "networkport_conf.h"
#include "domain_capabilities_conf.h"
#include "nwfilter_conf.h"
#include "testxmlcorpus.h"

typedef void *(*testConfParseFunc)(const char *xml);
typedef char *(*testConfFormatFunc)(const void *def);

typedef struct {
    const char *name;               /* "network" */
    const char *dir;                /* "networkxml2xmldata" */
    testConfParseFunc parse;
    testConfFormatFunc format;
    GDestroyNotify free;
} testConfFormat;

typedef struct {
    const testConfFormat *format;
    char *in;
} testConfCase;


static void *
testNetworkParse(const char *xml)
{
    return virNetworkDefParseString(xml, 0);
}

static char *
testNetworkFormat(const void *def)
{
    return virNetworkDefFormat(def, 0);
}

static void *
testStoragePoolParse(const char *xml)
{
    return virStoragePoolDefParseString(xml, 0);
}

static char *
testStoragePoolFormat(const void *def)
{
    return virStoragePoolDefFormat(def, 0);
}

static void *
testStorageVolParse(const char *xml)
{
    return virStorageVolDefParseString(xml, 0);
}

static char *
testStorageVolFormat(const void *def)
{
    return virStorageVolDefFormat(def, 0);
}

static void *
testSecretParse(const char *xml)
{
    return virSecretDefParseString(xml, 0);
}

static char *
testSecretFormat(const void *def)
{
    return virSecretDefFormat(def, 0);
}

static void *
testCapsParse(const char *xml)
{
    return virCapsParseString(xml, 0);
}

static char *
testCapsFormat(const void *def)
{
    return virCapsFormat(def, 0);
}

static void *
testNodeDeviceParse(const char *xml)
{
    return virNodeDeviceDefParseString(xml, 0);
}

static char *
testNodeDeviceFormat(const void *def)
{
    return virNodeDeviceDefFormat(def, 0);
}

static void *
testInterfaceParse(const char *xml)
{
    return virInterfaceDefParseString(xml, 0);
}

static char *
testInterfaceFormat(const void *def)
{
    return virInterfaceDefFormat(def, 0);
}

static void *
testNetworkPortParse(const char *xml)
{
    return virNetworkPortDefParseString(xml, 0);
}

static char *
testNetworkPortFormat(const void *def)
{
    return virNetworkPortDefFormat(def, 0);
}

static void *
testDomainCapsParse(const char *xml)
{
    return virDomainCapsDefParseString(xml, 0);
}

static char *
testDomainCapsFormat(const void *def)
{
    return virDomainCapsDefFormat(def, 0);
}

static void *
testNWFilterParse(const char *xml)
{
    return virNWFilterDefParseString(xml, 0);
}

static char *
testNWFilterFormat(const void *def)
{
    return virNWFilterDefFormat(def, 0);
}


static const testConfFormat testFormats[] = {
    { "network", "networkxml2xmldata", testNetworkParse, testNetworkFormat,
      (GDestroyNotify)virNetworkDefFree },
    { "storagepool", "storagepoolxml2xmldata", testStoragePoolParse,
      testStoragePoolFormat, (GDestroyNotify)virStoragePoolDefFree },
    { "storagevol", "storagevolxml2xmldata", testStorageVolParse,
      testStorageVolFormat, (GDestroyNotify)virStorageVolDefFree },
    { "secret", "secretxml2xmldata", testSecretParse, testSecretFormat,
      (GDestroyNotify)virSecretDefFree },
    { "capabilities", "capabilitiesxml2xmldata", testCapsParse, testCapsFormat,
      (GDestroyNotify)virCapsFree },
    { "nodedev", "nodedevxml2xmldata", testNodeDeviceParse, testNodeDeviceFormat,
      (GDestroyNotify)virNodeDeviceDefFree },
    { "interface", "interfacexml2xmldata", testInterfaceParse,
      testInterfaceFormat, (GDestroyNotify)virInterfaceDefFree },
    { "networkport", "networkportxml2xmldata", testNetworkPortParse,
      testNetworkPortFormat, (GDestroyNotify)virNetworkPortDefFree },
    { "domaincaps", "domaincapsxml2xmldata", testDomainCapsParse,
      testDomainCapsFormat, (GDestroyNotify)virDomainCapsDefFree },
    { "nwfilter", "nwfilterxml2xmldata", testNWFilterParse, testNWFilterFormat,
      (GDestroyNotify)virNWFilterDefFree },
};


static void
testConfXML(gconstpointer data)
{
    const testConfCase *tc = data;
    const testConfFormat *fmt = tc->format;
    g_autofree char *outPath = virTestCorpusSibling(tc->in, ".out.xml");
    g_autofree char *errPath = virTestCorpusSibling(tc->in, ".err");
    g_autofree char *input = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    void *def;
    void *again;

    virErrorResetLast();
    if (!g_file_get_contents(tc->in, &input, NULL, NULL)) {
        g_test_fail();
        return;
    }
    if (!(def = fmt->parse(input))) {
        g_autofree char *err = virTestCorpusLastError();

        virTestCorpusAssertFile(err, errPath, outPath);
        return;
    }
    xml = fmt->format(def);
    fmt->free(def);
    if (!virTestCorpusRegenerate() && g_file_test(errPath, G_FILE_TEST_EXISTS)) {
        g_test_message("%s: expected an error, got:\n%s", tc->in, xml);
        g_test_fail();
        return;
    }
    virTestCorpusAssertFile(xml, outPath, errPath);

    if (!(again = fmt->parse(xml))) {
        g_autofree char *err = virTestCorpusLastError();

        g_test_message("%s: formatted XML does not parse: %s", tc->in, err);
        g_test_fail();
        return;
    }
    xml2 = fmt->format(again);
    fmt->free(again);
    g_assert_cmpstr(xml2, ==, xml);
}


int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) cases = g_ptr_array_new();
    size_t f;
    size_t i;
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();

    for (f = 0; f < G_N_ELEMENTS(testFormats); f++) {
        g_auto(GStrv) files = virTestCorpusList(testFormats[f].dir, ".in.xml");

        for (i = 0; files[i]; i++) {
            testConfCase *tc = g_new0(testConfCase, 1);
            g_autofree char *name = virTestCorpusName(files[i]);
            g_autofree char *path = g_strdup_printf("/conf/%s/xml2xml/%s",
                                                    testFormats[f].name, name);

            tc->format = &testFormats[f];
            tc->in = g_strdup(files[i]);
            g_ptr_array_add(cases, tc);
            g_test_add_data_func(path, tc, testConfXML);
        }
    }

    ret = g_test_run();
    for (i = 0; i < cases->len; i++) {
        testConfCase *tc = g_ptr_array_index(cases, i);

        g_free(tc->in);
        g_free(tc);
    }
    return ret;
}
