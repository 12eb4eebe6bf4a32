/*
 * virstoragefiletest.c: image format probing and backing chains, on
 * images that qemu-img creates in a temporary directory
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "internal.h"
#include "virstoragefile.h"
#include "virutiltestutils.h"

typedef struct {
    char *dir;
} testImgFixture;

static char *testQemuImg;


static void
testImgSetup(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(GError) error = NULL;

    if (!testQemuImg) {
        g_test_skip("qemu-img is not installed");
        return;
    }
    fix->dir = g_dir_make_tmp("virstoragefiletest-XXXXXX", &error);
    g_assert_no_error(error);
    virErrorResetLast();
}


static void
testImgRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *p = g_build_filename(path, name, NULL);

        if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
            !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
            testImgRemoveTree(p);
        else
            g_unlink(p);
    }
    g_rmdir(path);
}


static void
testImgTeardown(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    if (fix->dir)
        testImgRemoveTree(fix->dir);
    g_free(fix->dir);
}


/* Run "qemu-img ARGS" (shell-quoted) in the fixture's directory. */
static void G_GNUC_PRINTF(2, 3)
testImgRun(testImgFixture *fix, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *args = NULL;
    g_autofree char *cmd = NULL;
    g_auto(GStrv) argv = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int status;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cmd = g_strdup_printf("'%s' %s", testQemuImg, args);
    g_assert_true(g_shell_parse_argv(cmd, NULL, &argv, &error));
    g_assert_true(g_spawn_sync(fix->dir, argv, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, &out, &err, &status, &error));
    if (!g_spawn_check_wait_status(status, NULL))
        g_error("qemu-img %s failed: %s", args, err);
}


static char *
testImgPath(testImgFixture *fix, const char *name)
{
    return g_build_filename(fix->dir, name, NULL);
}


static void
testImgWrite(testImgFixture *fix, const char *name, unsigned long long offset,
             const void *data, size_t len)
{
    g_autofree char *path = testImgPath(fix, name);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pwrite(fd, data, len, offset), ==, len);
    close(fd);
}


/* Get the chain of @name (in the fixture's directory) read as @format. */
static virStorageFileChain *
testImgChain(testImgFixture *fix, const char *name, int format,
             unsigned int maxDepth)
{
    g_autofree char *path = testImgPath(fix, name);
    virStorageFileChain *chain = NULL;

    if (virStorageFileChainGet(path, format, maxDepth, &chain) < 0) {
        virError *err = virErrorGetLast();

        g_error("chain of %s: %s", name, err ? err->message : "no error");
    }
    virTestAssertNoError();
    return chain;
}


/* Assert that element @i of @chain is the file @name of @format. */
static void
testImgAssertElem(testImgFixture *fix, virStorageFileChain *chain, size_t i,
                  const char *path, const char *rawName, int format,
                  bool probed)
{
    virStorageFileChainElem *elem = &chain->elems[i];
    g_autofree char *expect = path[0] == '/' ? g_strdup(path)
                                             : testImgPath(fix, path);

    g_assert_cmpuint(i, <, chain->nelems);
    g_assert_cmpint(elem->location, ==, VIR_STORAGE_FILE_LOCATION_FILE);
    g_assert_cmpstr(elem->path, ==, expect);
    g_assert_cmpstr(elem->rawName, ==, rawName);
    g_assert_cmpstr(virStorageFileFormatTypeToString(elem->format), ==,
                    virStorageFileFormatTypeToString(format));
    g_assert_cmpint(elem->formatProbed, ==, probed);
    g_assert_nonnull(elem->meta);
}


typedef struct {
    const char *format;          /* qemu-img -f */
    const char *options;         /* extra qemu-img create arguments */
    int expect;                  /* virStorageFileFormat probed */
    const char *formatName;
    unsigned long long capacity;
    unsigned long long clusterSize;
    bool encrypted;
} testProbeCase;

static const testProbeCase probeCases[] = {
    { "raw", "", VIR_STORAGE_FILE_RAW, "raw", 10485760, 0, false },
    { "qcow2", "", VIR_STORAGE_FILE_QCOW2, "qcow2", 10485760, 65536, false },
    { "qcow2", "-o cluster_size=4096", VIR_STORAGE_FILE_QCOW2, "qcow2",
      10485760, 4096, false },
    { "qcow", "", VIR_STORAGE_FILE_QCOW, "qcow", 10485760, 4096, false },
    { "qed", "", VIR_STORAGE_FILE_QED, "qed", 10485760, 65536, false },
    { "vmdk", "", VIR_STORAGE_FILE_VMDK, "vmdk", 10485760, 65536, false },
    { "vpc", "", VIR_STORAGE_FILE_VPC, "vpc", 10514432, 2097152, false },
    { "vdi", "", VIR_STORAGE_FILE_VDI, "vdi", 10485760, 1048576, false },
    { "vhdx", "", VIR_STORAGE_FILE_NONE, "vhdx", 10485760, 8388608, false },
    { "parallels", "", VIR_STORAGE_FILE_PLOOP, "parallels", 10485760, 1048576,
      false },
    { "luks", "--object secret,id=s0,data=pw -o key-secret=s0",
      VIR_STORAGE_FILE_RAW, "luks", 10485760, 0, true },
    { "qcow2", "--object secret,id=s0,data=pw -o encrypt.format=luks,encrypt.key-secret=s0",
      VIR_STORAGE_FILE_QCOW2, "qcow2", 10485760, 65536, true },
};


static void
testProbe(testImgFixture *fix, gconstpointer opaque)
{
    const testProbeCase *tc = opaque;
    g_autofree char *path = NULL;
    g_autoptr(virStorageFileMetadata) meta = NULL;

    if (!fix->dir)
        return;
    path = testImgPath(fix, "img");
    testImgRun(fix, "create -q -f %s %s img 10M", tc->format, tc->options);

    g_assert_cmpint(virStorageFileProbeFormat(path), ==, tc->expect);
    meta = virStorageFileGetMetadata(path, VIR_STORAGE_FILE_AUTO);
    virTestAssertNoError();
    g_assert_nonnull(meta);
    g_assert_cmpint(meta->format, ==, tc->expect);
    g_assert_cmpstr(meta->formatName, ==, tc->formatName);
    g_assert_cmpuint(meta->capacity, ==, tc->capacity);
    g_assert_cmpuint(meta->clusterSize, ==, tc->clusterSize);
    g_assert_cmpint(meta->encrypted, ==, tc->encrypted);
    g_assert_null(meta->backingStoreRaw);
    g_assert_cmpuint(meta->physical, >, 0);
}


static void
testQcow2Details(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *v2 = NULL;
    g_autofree char *v3 = NULL;
    g_autofree char *ext = NULL;
    g_autofree char *aes = NULL;
    g_autoptr(virStorageFileMetadata) meta = NULL;

    if (!fix->dir)
        return;
    v2 = testImgPath(fix, "v2.qcow2");
    v3 = testImgPath(fix, "v3.qcow2");
    ext = testImgPath(fix, "ext.qcow2");
    aes = testImgPath(fix, "aes.qcow2");
    testImgRun(fix, "create -q -f qcow2 -o compat=0.10 v2.qcow2 1G");
    testImgRun(fix, "create -q -f qcow2 -o %s v3.qcow2 5T",
               "lazy_refcounts=on,extended_l2=on,cluster_size=128k");
    testImgRun(fix, "create -q -f qcow2 -o data_file=ext.data ext.qcow2 64M");

    meta = virStorageFileGetMetadata(v2, VIR_STORAGE_FILE_QCOW2);
    g_assert_cmpstr(meta->compat, ==, "0.10");
    g_assert_cmpuint(meta->capacity, ==, 1ULL << 30);
    g_assert_cmpuint(meta->features, ==, 0);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    meta = virStorageFileGetMetadata(v3, VIR_STORAGE_FILE_QCOW2);
    g_assert_cmpstr(meta->compat, ==, "1.1");
    g_assert_cmpuint(meta->capacity, ==, 5ULL << 40);
    g_assert_cmpuint(meta->clusterSize, ==, 128 * 1024);
    g_assert_cmpuint(meta->features, ==,
                     1U << VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS |
                     1U << VIR_STORAGE_FILE_FEATURE_EXTENDED_L2);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    meta = virStorageFileGetMetadata(ext, VIR_STORAGE_FILE_QCOW2);
    g_assert_cmpstr(meta->dataFile, ==, "ext.data");
    g_assert_cmpuint(meta->incompatibleFeatures & 4, ==, 4);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    /* Old built-in AES: qemu-img refuses to create it now, so patch the
     * crypt_method field of a plain image. */
    testImgRun(fix, "create -q -f qcow2 aes.qcow2 1M");
    testImgWrite(fix, "aes.qcow2", 32, "\0\0\0\1", 4);
    meta = virStorageFileGetMetadata(aes, VIR_STORAGE_FILE_AUTO);
    g_assert_true(meta->encrypted);
    g_assert_cmpint(meta->encryption, ==, VIR_STORAGE_FILE_ENCRYPTION_QCOW);
}


/* A format given explicitly is believed, and one that is not the
 * file's is an error. */
static void
testExplicitFormat(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *top = NULL;
    g_autofree char *base = NULL;
    g_autofree char *msg = NULL;
    g_autoptr(virStorageFileMetadata) meta = NULL;

    if (!fix->dir)
        return;
    top = testImgPath(fix, "top.qcow2");
    base = testImgPath(fix, "base.raw");
    testImgRun(fix, "create -q -f raw base.raw 1M");
    testImgRun(fix, "create -q -f qcow2 -b base.raw -F raw top.qcow2 1G");

    meta = virStorageFileGetMetadata(top, VIR_STORAGE_FILE_RAW);
    g_assert_cmpint(meta->format, ==, VIR_STORAGE_FILE_RAW);
    g_assert_null(meta->backingStoreRaw);
    g_assert_cmpuint(meta->capacity, ==, meta->physical);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    g_assert_null(virStorageFileGetMetadata(base, VIR_STORAGE_FILE_QCOW2));
    msg = g_strdup_printf("operation failed: image '%s' is not in qcow2 format",
                          base);
    virTestAssertLastError(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE, msg);

    g_assert_null(virStorageFileGetMetadata(base, VIR_STORAGE_FILE_NONE));
    g_clear_pointer(&msg, g_free);
    msg = g_strdup_printf("invalid argument: cannot read image '%s' as format 'none'",
                          base);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, msg);
}


static void
testProbeOther(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *iso = NULL;
    g_autofree char *missing = NULL;
    g_autofree char *msg = NULL;
    g_autoptr(virStorageFileMetadata) meta = NULL;
    char zero = 0;

    if (!fix->dir)
        return;
    iso = testImgPath(fix, "cd.iso");
    missing = testImgPath(fix, "missing.img");
    testImgWrite(fix, "cd.iso", 32769, "CD001", 5);
    testImgWrite(fix, "cd.iso", 65535, &zero, 1);
    meta = virStorageFileGetMetadata(iso, VIR_STORAGE_FILE_AUTO);
    g_assert_cmpint(meta->format, ==, VIR_STORAGE_FILE_ISO);
    g_assert_cmpuint(meta->capacity, ==, 65536);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    meta = virStorageFileGetMetadata(fix->dir, VIR_STORAGE_FILE_AUTO);
    g_assert_cmpint(meta->format, ==, VIR_STORAGE_FILE_DIR);
    g_clear_pointer(&meta, virStorageFileMetadataFree);

    g_assert_cmpint(virStorageFileProbeFormat(missing), ==, -1);
    msg = g_strdup_printf("Cannot access storage file '%s': No such file or directory",
                          missing);
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE, msg);
}


static void
testChainOne(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;

    if (!fix->dir)
        return;
    testImgRun(fix, "create -q -f qcow2 top.qcow2 1G");
    chain = testImgChain(fix, "top.qcow2", VIR_STORAGE_FILE_QCOW2, 0);
    g_assert_cmpuint(chain->nelems, ==, 1);
    testImgAssertElem(fix, chain, 0, "top.qcow2", NULL, VIR_STORAGE_FILE_QCOW2,
                      false);
    g_assert_cmpuint(chain->elems[0].meta->capacity, ==, 1ULL << 30);
}


static void
testChainTwo(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;

    if (!fix->dir)
        return;
    testImgRun(fix, "create -q -f raw base.raw 3M");
    testImgRun(fix, "create -q -f qcow2 -b base.raw -F raw top.qcow2");
    chain = testImgChain(fix, "top.qcow2", VIR_STORAGE_FILE_AUTO, 0);
    g_assert_cmpuint(chain->nelems, ==, 2);
    testImgAssertElem(fix, chain, 0, "top.qcow2", NULL, VIR_STORAGE_FILE_QCOW2,
                      true);
    testImgAssertElem(fix, chain, 1, "base.raw", "base.raw",
                      VIR_STORAGE_FILE_RAW, false);
    /* qemu-img takes the overlay's size from its backing file */
    g_assert_cmpuint(chain->elems[0].meta->capacity, ==, 3 << 20);
    g_assert_cmpuint(chain->elems[1].meta->capacity, ==, 3 << 20);
    g_assert_cmpstr(chain->elems[0].meta->backingStoreRawFormatName, ==, "raw");
}


/* Four then five images of three formats, names absolute and relative,
 * one from a subdirectory; a depth limit. */
static void
testChainFive(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;
    g_autofree char *base = NULL;
    g_autofree char *sub = NULL;
    g_autofree char *five = NULL;
    g_autofree char *msg = NULL;

    if (!fix->dir)
        return;
    base = testImgPath(fix, "base.raw");
    sub = testImgPath(fix, "sub");
    g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
    testImgRun(fix, "create -q -f raw base.raw 2M");
    testImgRun(fix, "create -q -f qed -b '%s' -F raw l1.qed", base);
    testImgRun(fix, "create -q -f qcow2 -b ../l1.qed -F qed sub/l3.qcow2 4M");
    testImgRun(fix, "create -q -f qcow2 -b sub/l3.qcow2 -F qcow2 top.qcow2");

    chain = testImgChain(fix, "top.qcow2", VIR_STORAGE_FILE_QCOW2, 0);
    g_assert_cmpuint(chain->nelems, ==, 4);
    testImgAssertElem(fix, chain, 0, "top.qcow2", NULL, VIR_STORAGE_FILE_QCOW2,
                      false);
    testImgAssertElem(fix, chain, 1, "sub/l3.qcow2", "sub/l3.qcow2",
                      VIR_STORAGE_FILE_QCOW2, false);
    testImgAssertElem(fix, chain, 2, "sub/../l1.qed", "../l1.qed",
                      VIR_STORAGE_FILE_QED, false);
    testImgAssertElem(fix, chain, 3, base, base, VIR_STORAGE_FILE_RAW, false);
    g_assert_cmpuint(chain->elems[0].meta->capacity, ==, 4 << 20);
    g_assert_cmpuint(chain->elems[2].meta->capacity, ==, 2 << 20);
    g_clear_pointer(&chain, virStorageFileChainFree);

    /* a fifth layer, and a depth limit that it crosses */
    testImgRun(fix, "create -q -f qcow2 -b top.qcow2 -F qcow2 five.qcow2");
    chain = testImgChain(fix, "five.qcow2", VIR_STORAGE_FILE_QCOW2, 5);
    g_assert_cmpuint(chain->nelems, ==, 5);
    g_clear_pointer(&chain, virStorageFileChainFree);

    g_assert_cmpint(virStorageFileChainGet(base, VIR_STORAGE_FILE_RAW, 1,
                                           &chain), ==, 0);
    g_assert_cmpuint(chain->nelems, ==, 1);
    g_clear_pointer(&chain, virStorageFileChainFree);

    five = testImgPath(fix, "five.qcow2");
    g_assert_cmpint(virStorageFileChainGet(five, VIR_STORAGE_FILE_QCOW2, 4,
                                           &chain), ==, -1);
    g_assert_null(chain);
    msg = g_strdup_printf("internal error: backing store for %s is self-referential or too deeply nested",
                          base);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_STORAGE, msg);
}


static void
testChainVmdk(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;

    if (!fix->dir)
        return;
    testImgRun(fix, "create -q -f vmdk base.vmdk 4M");
    testImgRun(fix, "create -q -f vmdk -b base.vmdk -F vmdk mid.vmdk");
    testImgRun(fix, "create -q -f qcow2 -b mid.vmdk -F vmdk top.qcow2");
    chain = testImgChain(fix, "top.qcow2", VIR_STORAGE_FILE_QCOW2, 0);
    g_assert_cmpuint(chain->nelems, ==, 3);
    testImgAssertElem(fix, chain, 1, "mid.vmdk", "mid.vmdk",
                      VIR_STORAGE_FILE_VMDK, false);
    testImgAssertElem(fix, chain, 2, "base.vmdk", "base.vmdk",
                      VIR_STORAGE_FILE_VMDK, false);
    g_assert_cmpuint(chain->elems[1].meta->capacity, ==, 4 << 20);
}


/* Backing formats that the overlay does not record are probed, as
 * libvirt does, but a probed image may not lead further. */
static void
testChainProbed(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;
    g_autofree char *top = NULL;
    g_autofree char *mid = NULL;
    g_autofree char *msg = NULL;

    if (!fix->dir)
        return;
    top = testImgPath(fix, "top.qcow");
    mid = testImgPath(fix, "mid.qed");
    testImgRun(fix, "create -q -f raw base.raw 1M");
    testImgRun(fix, "create -q -f qcow -b base.raw -F raw one.qcow");
    chain = testImgChain(fix, "one.qcow", VIR_STORAGE_FILE_QCOW, 0);
    g_assert_cmpuint(chain->nelems, ==, 2);
    testImgAssertElem(fix, chain, 1, "base.raw", "base.raw",
                      VIR_STORAGE_FILE_RAW, true);
    g_clear_pointer(&chain, virStorageFileChainFree);

    /* qed records raw as a flag: not probed */
    testImgRun(fix, "create -q -f qed -b base.raw -F raw mid.qed");
    testImgRun(fix, "create -q -f qcow -b mid.qed -F qed top.qcow");
    g_assert_cmpint(virStorageFileChainGet(top, VIR_STORAGE_FILE_QCOW, 0,
                                           &chain), ==, -1);
    msg = g_strdup_printf("Requested operation is not valid: format of backing image 'mid.qed' of image '%s' was not specified in the image metadata (See https://libvirt.org/kbase/backing_chains.html for troubleshooting)",
                          top);
    virTestAssertLastError(VIR_ERR_OPERATION_INVALID, VIR_FROM_STORAGE, msg);

    chain = testImgChain(fix, "mid.qed", VIR_STORAGE_FILE_QED, 0);
    testImgAssertElem(fix, chain, 1, "base.raw", "base.raw",
                      VIR_STORAGE_FILE_RAW, false);
}


static void
testChainLoop(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autofree char *self = NULL;
    g_autofree char *msg = NULL;

    if (!fix->dir)
        return;
    a = testImgPath(fix, "a.qcow2");
    b = testImgPath(fix, "b.qcow2");
    self = testImgPath(fix, "self.qcow2");
    testImgRun(fix, "create -q -f qcow2 b.qcow2 1M");
    testImgRun(fix, "create -q -f qcow2 -b b.qcow2 -F qcow2 a.qcow2");
    testImgRun(fix, "rebase -u -b a.qcow2 -F qcow2 b.qcow2");
    g_assert_cmpint(virStorageFileChainGet(a, VIR_STORAGE_FILE_QCOW2, 0,
                                           &chain), ==, -1);
    g_assert_null(chain);
    msg = g_strdup_printf("invalid argument: backing store for %s (a.qcow2) is self-referential",
                          b);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, msg);

    /* the same file under another name */
    testImgRun(fix, "create -q -f qcow2 self.qcow2 1M");
    testImgRun(fix, "rebase -u -b ./self.qcow2 -F qcow2 self.qcow2");
    g_assert_cmpint(virStorageFileChainGet(self, VIR_STORAGE_FILE_QCOW2, 0,
                                           &chain), ==, -1);
    g_clear_pointer(&msg, g_free);
    msg = g_strdup_printf("invalid argument: backing store for %s (./self.qcow2) is self-referential",
                          self);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE, msg);
}


static void
testChainMissing(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(virStorageFileChain) chain = NULL;
    g_autofree char *top = NULL;
    g_autofree char *msg = NULL;

    if (!fix->dir)
        return;
    top = testImgPath(fix, "top.qcow2");
    testImgRun(fix, "create -q -f qcow2 -u -b gone/base.raw -F raw top.qcow2 1M");
    g_assert_cmpint(virStorageFileChainGet(top, VIR_STORAGE_FILE_QCOW2, 0,
                                           &chain), ==, -1);
    msg = g_strdup_printf("Cannot access backing file '%s/gone/base.raw' of storage file '%s': No such file or directory",
                          fix->dir, top);
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE, msg);
}


static void
testChainRemote(testImgFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    static const struct {
        const char *name;
        virStorageFileLocation location;
    } remotes[] = {
        { "json:{\"file\":{\"driver\":\"file\",\"filename\":\"/nonexistent\"}}",
          VIR_STORAGE_FILE_LOCATION_JSON },
        { "nbd://localhost:10809/export", VIR_STORAGE_FILE_LOCATION_NETWORK },
        { "nbd:unix:/run/nbd.sock:exportname=a", VIR_STORAGE_FILE_LOCATION_NETWORK },
        { "rbd:pool/image", VIR_STORAGE_FILE_LOCATION_NETWORK },
    };
    size_t i;

    if (!fix->dir)
        return;
    testImgRun(fix, "create -q -f qcow2 top.qcow2 1M");
    for (i = 0; i < G_N_ELEMENTS(remotes); i++) {
        g_autoptr(virStorageFileChain) chain = NULL;
        g_autofree char *quoted = g_shell_quote(remotes[i].name);

        testImgRun(fix, "rebase -u -b %s -F raw top.qcow2", quoted);
        chain = testImgChain(fix, "top.qcow2", VIR_STORAGE_FILE_QCOW2, 0);
        g_assert_cmpuint(chain->nelems, ==, 2);
        g_assert_cmpint(chain->elems[1].location, ==, remotes[i].location);
        g_assert_cmpstr(chain->elems[1].path, ==, remotes[i].name);
        g_assert_cmpstr(chain->elems[1].rawName, ==, remotes[i].name);
        g_assert_cmpint(chain->elems[1].format, ==, VIR_STORAGE_FILE_RAW);
        g_assert_null(chain->elems[1].meta);
    }
}


static void
testNames(void)
{
    g_autofree char *a = NULL;

    g_assert_cmpint(virStorageFileClassifyName("/a/b"), ==,
                    VIR_STORAGE_FILE_LOCATION_FILE);
    g_assert_cmpint(virStorageFileClassifyName("b/c:d"), ==,
                    VIR_STORAGE_FILE_LOCATION_FILE);
    g_assert_cmpint(virStorageFileClassifyName("file:x"), ==,
                    VIR_STORAGE_FILE_LOCATION_FILE);
    g_assert_cmpint(virStorageFileClassifyName("http://h/x"), ==,
                    VIR_STORAGE_FILE_LOCATION_NETWORK);
    g_assert_cmpint(virStorageFileClassifyName("json:{}"), ==,
                    VIR_STORAGE_FILE_LOCATION_JSON);

#define CHECK_RESOLVE(overlay, name, expect) \
    do { \
        g_autofree char *got_ = virStorageFileResolveBacking(overlay, name); \
        g_assert_cmpstr(got_, ==, expect); \
    } while (0)
    CHECK_RESOLVE("/v/top.qcow2", "base", "/v/base");
    CHECK_RESOLVE("/v/top.qcow2", "/w/base", "/w/base");
    CHECK_RESOLVE("top.qcow2", "base", "base");
    CHECK_RESOLVE("d/top.qcow2", "../base", "d/../base");
    CHECK_RESOLVE("/v/top.qcow2", "file:base", "base");
#undef CHECK_RESOLVE

    g_assert_cmpint(virStorageFileFormatFromName("luks"), ==, VIR_STORAGE_FILE_RAW);
    g_assert_cmpint(virStorageFileFormatFromName("parallels"), ==, VIR_STORAGE_FILE_PLOOP);
    g_assert_cmpint(virStorageFileFormatFromName("vhdx"), ==, VIR_STORAGE_FILE_NONE);
    g_assert_cmpint(virStorageFileFormatFromName("ploop"), ==, VIR_STORAGE_FILE_PLOOP);
    g_assert_cmpint(virStorageFileFormatFromName("bogus"), ==, -1);
    a = g_strdup(virStorageFileFormatTypeToString(VIR_STORAGE_FILE_QCOW2));
    g_assert_cmpstr(a, ==, "qcow2");
    g_assert_cmpint(virStorageFileFormatTypeFromString("vmdk"), ==, VIR_STORAGE_FILE_VMDK);
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);
    testQemuImg = g_find_program_in_path("qemu-img");

#define ADD(name, func) \
    g_test_add(name, testImgFixture, NULL, testImgSetup, func, testImgTeardown)

    for (i = 0; i < G_N_ELEMENTS(probeCases); i++) {
        g_autofree char *name = g_strdup_printf("/storagefile/probe/%02zu-%s",
                                                i, probeCases[i].format);

        g_test_add(name, testImgFixture, &probeCases[i], testImgSetup,
                   testProbe, testImgTeardown);
    }
    ADD("/storagefile/probe/other", testProbeOther);
    ADD("/storagefile/qcow2", testQcow2Details);
    ADD("/storagefile/explicit", testExplicitFormat);
    ADD("/storagefile/chain/one", testChainOne);
    ADD("/storagefile/chain/two", testChainTwo);
    ADD("/storagefile/chain/five", testChainFive);
    ADD("/storagefile/chain/vmdk", testChainVmdk);
    ADD("/storagefile/chain/probed", testChainProbed);
    ADD("/storagefile/chain/loop", testChainLoop);
    ADD("/storagefile/chain/missing", testChainMissing);
    ADD("/storagefile/chain/remote", testChainRemote);
    g_test_add_func("/storagefile/names", testNames);
#undef ADD

    return g_test_run();
}
