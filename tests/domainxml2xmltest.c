/*
 * domainxml2xmltest.c: domain XML parsed and formatted against the
 * golden corpus in domainxml2xmldata/
 *
 * Each NAME.in.xml is parsed as a definition (PARSE_INACTIVE) and
 * formatted as the persistent XML, like virsh define + dumpxml; the
 * flags comment may say "live" (parse and format status XML, keeping
 * ids and aliases) and "secure" (include passwords).  The formatted XML
 * must parse and format to itself again, except for cases flagged
 * "no-roundtrip": libvirt 9.0 itself sorts disks and controllers and
 * numbers virtio consoles when it parses, so that its own output of
 * those documents comes back in another order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "viruuid.h"
#include "domain_conf.h"
#include "testxmlcorpus.h"

static void
testDomainFlags(const char *in, unsigned int *parseFlags,
                unsigned int *formatFlags)
{
    bool live = virTestCorpusHasFlag(in, "live");

    *parseFlags = live ? 0 : VIR_DOMAIN_DEF_PARSE_INACTIVE;
    *formatFlags = live ? 0 : VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    if (virTestCorpusHasFlag(in, "secure"))
        *formatFlags |= VIR_DOMAIN_DEF_FORMAT_SECURE;
}


static void
testDomainXML(gconstpointer data)
{
    const char *in = data;
    g_autofree char *outPath = virTestCorpusSibling(in, ".out.xml");
    g_autofree char *errPath = virTestCorpusSibling(in, ".err");
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) again = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    g_autofree char *input = NULL;
    unsigned int parseFlags;
    unsigned int formatFlags;

    testDomainFlags(in, &parseFlags, &formatFlags);
    virErrorResetLast();

    /* from a string, as virsh define passes it, so that messages carry
     * libvirt's document name rather than a path */
    if (!g_file_get_contents(in, &input, NULL, NULL)) {
        g_test_fail();
        return;
    }
    if (!(def = virDomainDefParseString(input, parseFlags))) {
        g_autofree char *err = virTestCorpusLastError();

        virTestCorpusAssertFile(err, errPath, outPath);
        return;
    }

    xml = virDomainDefFormat(def, formatFlags);
    if (!virTestCorpusRegenerate() && g_file_test(errPath, G_FILE_TEST_EXISTS)) {
        g_test_message("%s: expected an error, got:\n%s", in, xml);
        g_test_fail();
        return;
    }
    virTestCorpusAssertFile(xml, outPath, errPath);
    if (virTestCorpusHasFlag(in, "no-roundtrip"))
        return;

    if (!(again = virDomainDefParseString(xml, parseFlags))) {
        g_autofree char *err = virTestCorpusLastError();

        g_test_message("%s: formatted XML does not parse: %s", in, err);
        g_test_fail();
        return;
    }
    xml2 = virDomainDefFormat(again, formatFlags);
    g_assert_cmpstr(xml2, ==, xml);
}


static const char minimal[] =
    "<domain type='kvm'><name>gen</name><memory>1024</memory>"
    "<os><type arch='x86_64'>hvm</type></os>"
    "<devices><interface type='user'/></devices></domain>";

/* What libvirt generates is random: check its form, not its value. */
static void
testDomainGenerated(void)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(minimal, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(virDomainDef) other = virDomainDefParseString(minimal, VIR_DOMAIN_DEF_PARSE_INACTIVE);

    if (!def || !other) {
        g_test_fail();
        return;
    }
    g_assert_true(virUUIDIsValid(def->uuid));
    g_assert_true(memcmp(def->uuid, other->uuid, VIR_UUID_BUFLEN) != 0);
    if (def->nnets != 1) {
        g_test_fail();
        return;
    }
    g_assert_cmpuint(def->nets[0]->mac[0], ==, 0x52);
    g_assert_cmpuint(def->nets[0]->mac[1], ==, 0x54);
    g_assert_cmpuint(def->nets[0]->mac[2], ==, 0x00);
    g_assert_cmpint(def->id, ==, -1);
    g_assert_cmpuint(def->mem.max_memory, ==, 1024);
    g_assert_cmpuint(def->mem.cur_balloon, ==, 1024);
    g_assert_cmpuint(def->maxvcpus, ==, 1);
    g_assert_cmpuint(def->vcpus, ==, 1);
}


static void
testDomainCopy(void)
{
    g_autofree char *in = g_test_build_filename(G_TEST_DIST, "domainxml2xmldata",
                                                "kvm-rich.in.xml", NULL);
    g_autoptr(virDomainDef) def = virDomainDefParseFile(in, 0);
    g_autoptr(virDomainDef) copy = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;

    if (!def || !(copy = virDomainDefCopy(def))) {
        g_test_fail();
        return;
    }
    xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE);
    xml2 = virDomainDefFormat(copy, VIR_DOMAIN_DEF_FORMAT_SECURE);
    g_assert_cmpstr(xml, ==, xml2);
}


/* Every value of the enums below _LAST has a word (STYLE.md section 5). */
#define CHECK_ENUM(name, last) \
    do { \
        int v; \
        for (v = 0; v < (int)(last); v++) { \
            const char *word = name ## TypeToString(v); \
            if (!word) { \
                g_test_message("%s: no word for %d", #name, v); \
                g_test_fail(); \
                continue; \
            } \
            g_assert_cmpint(name ## TypeFromString(word), ==, v); \
        } \
        g_assert_null(name ## TypeToString(last)); \
    } while (0)

static void
testDomainEnums(void)
{
    CHECK_ENUM(virDomainVirt, VIR_DOMAIN_VIRT_LAST);
    CHECK_ENUM(virDomainOS, VIR_DOMAIN_OSTYPE_LAST);
    CHECK_ENUM(virArch, VIR_ARCH_LAST);
    CHECK_ENUM(virDomainLifecycleAction, VIR_DOMAIN_LIFECYCLE_ACTIONS);
    CHECK_ENUM(virDomainLockFailure, VIR_DOMAIN_LOCK_FAILURE_LAST);
    CHECK_ENUM(virDomainState, VIR_DOMAIN_STATES);
    CHECK_ENUM(virDomainDeviceAddress, VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST);
    CHECK_ENUM(virStorage, VIR_STORAGE_TYPE_LAST);
    CHECK_ENUM(virStorageFileFormat, VIR_STORAGE_FILE_LAST);
    CHECK_ENUM(virStorageNetProtocol, VIR_STORAGE_NET_PROTOCOL_LAST);
    CHECK_ENUM(virStorageNetHostTransport, VIR_STORAGE_NET_HOST_TRANS_LAST);
    CHECK_ENUM(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST);
    CHECK_ENUM(virDomainSnapshotLocation, VIR_DOMAIN_SNAPSHOT_LOCATION_LAST);
    CHECK_ENUM(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST);
    CHECK_ENUM(virDomainDiskCache, VIR_DOMAIN_DISK_CACHE_LAST);
    CHECK_ENUM(virDomainDiskErrorPolicy, VIR_DOMAIN_DISK_ERROR_POLICY_LAST);
    CHECK_ENUM(virDomainDiskIo, VIR_DOMAIN_DISK_IO_LAST);
    CHECK_ENUM(virDomainDiskDiscard, VIR_DOMAIN_DISK_DISCARD_LAST);
    CHECK_ENUM(virDomainDiskDetectZeroes, VIR_DOMAIN_DISK_DETECT_ZEROES_LAST);
    CHECK_ENUM(virDomainControllerType, VIR_DOMAIN_CONTROLLER_TYPE_LAST);
    CHECK_ENUM(virDomainNet, VIR_DOMAIN_NET_TYPE_LAST);
    CHECK_ENUM(virDomainChr, VIR_DOMAIN_CHR_TYPE_LAST);
    CHECK_ENUM(virDomainGraphics, VIR_DOMAIN_GRAPHICS_TYPE_LAST);
    CHECK_ENUM(virDomainVideo, VIR_DOMAIN_VIDEO_TYPE_LAST);
    CHECK_ENUM(virDomainInput, VIR_DOMAIN_INPUT_TYPE_LAST);
    CHECK_ENUM(virDomainInputBus, VIR_DOMAIN_INPUT_BUS_LAST);
    CHECK_ENUM(virDomainMemballoonModel, VIR_DOMAIN_MEMBALLOON_MODEL_LAST);
    CHECK_ENUM(virDomainFeature, VIR_DOMAIN_FEATURE_LAST);
    CHECK_ENUM(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST);
    CHECK_ENUM(virDomainTimerName, VIR_DOMAIN_TIMER_NAME_LAST);
    CHECK_ENUM(virCPUMode, VIR_CPU_MODE_LAST);
    CHECK_ENUM(virCPUMatch, VIR_CPU_MATCH_LAST);
    CHECK_ENUM(virCPUCheck, VIR_CPU_CHECK_LAST);
    CHECK_ENUM(virCPUFallback, VIR_CPU_FALLBACK_LAST);
    CHECK_ENUM(virCPUFeaturePolicy, VIR_CPU_FEATURE_LAST);
    CHECK_ENUM(virCPUCacheMode, VIR_CPU_CACHE_MODE_LAST);
}


static void
testDiskNameToIndex(void)
{
    g_assert_cmpint(virDiskNameToIndex("vda"), ==, 0);
    g_assert_cmpint(virDiskNameToIndex("hdz"), ==, 25);
    g_assert_cmpint(virDiskNameToIndex("sdaa"), ==, 26);
    g_assert_cmpint(virDiskNameToIndex("sdab"), ==, 27);
    g_assert_cmpint(virDiskNameToIndex("xvdb3"), ==, 1);
    g_assert_cmpint(virDiskNameToIndex("ubdc"), ==, 2);
    g_assert_cmpint(virDiskNameToIndex("xyz"), ==, -1);
    g_assert_cmpint(virDiskNameToIndex("vd"), ==, -1);
    g_assert_cmpint(virDiskNameToIndex("vda1x"), ==, -1);
}


int
main(int argc, char **argv)
{
    g_auto(GStrv) files = NULL;
    size_t i;

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();

    files = virTestCorpusList("domainxml2xmldata", ".in.xml");
    for (i = 0; files[i]; i++) {
        g_autofree char *name = virTestCorpusName(files[i]);
        g_autofree char *path = g_strdup_printf("/conf/domain/xml2xml/%s", name);

        g_test_add_data_func(path, files[i], testDomainXML);
    }
    g_test_add_func("/conf/domain/generated", testDomainGenerated);
    g_test_add_func("/conf/domain/copy", testDomainCopy);
    g_test_add_func("/conf/domain/enums", testDomainEnums);
    g_test_add_func("/conf/domain/disk-name-to-index", testDiskNameToIndex);

    return g_test_run();
}
