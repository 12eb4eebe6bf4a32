/*
 * qemublockjobtest.c: block commit, pull and copy on real QEMU guests,
 * through the public API only, on qemu:///embed?root=TMPDIR
 *
 * Guests have no OS: transient, two qcow2 disks, vda a chain
 * base <- mid <- top and vdb base <- top, made with qemu-img.  Each
 * layer gets its own byte pattern with qemu-io before the guest starts;
 * after each job and the guest's destroy, qemu-io and qemu-img compare
 * check that the data went where the job says.  Jobs end with block
 * job events (BLOCK_JOB and BLOCK_JOB_2) through the default event
 * loop, run on a thread of the test.  Skipped (77) without
 * qemu-system-x86_64, qemu-img and qemu-io.
 *
 * The reconnect case has qemulifecyclehelper, another process, start
 * the guest and its jobs and exit; this process then opens the same
 * root and takes the jobs over.  It also speaks QMP to the guest itself
 * while no driver holds the monitor, to end a job behind the driver's
 * back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define TEST_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/* How long an expected event may take, in ms. */
#define TEST_EVENT_TIMEOUT_MS 20000

static char *testDir;
static const char *testVirtType;
static virConnectPtr testConn;

static GMutex testEventLock;
static GCond testEventCond;
static GQueue testEvents = G_QUEUE_INIT;     /* "v2 DISK TYPE STATUS" */
static gint testLoopQuit;


static gpointer
testEventLoop(gpointer opaque G_GNUC_UNUSED)
{
    while (!g_atomic_int_get(&testLoopQuit))
        virEventRunDefaultImpl();
    return NULL;
}


static void
testWakeLoop(int timer, void *opaque G_GNUC_UNUSED)
{
    virEventRemoveTimeout(timer);
}


/* @opaque tells BLOCK_JOB ("v1", a path) from BLOCK_JOB_2 ("v2"). */
static void
testBlockJobEvent(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom G_GNUC_UNUSED,
                  const char *disk, int type, int status, void *opaque)
{
    g_mutex_lock(&testEventLock);
    g_queue_push_tail(&testEvents, g_strdup_printf("%s %s %d %d",
                                                   (const char *)opaque,
                                                   disk, type, status));
    g_cond_broadcast(&testEventCond);
    g_mutex_unlock(&testEventLock);
}


/* Wait for event @want, dropping the ones before it. */
static void
testWaitEvent(const char *want)
{
    gint64 deadline = g_get_monotonic_time() + TEST_EVENT_TIMEOUT_MS * 1000;

    g_mutex_lock(&testEventLock);
    for (;;) {
        char *got;

        while ((got = g_queue_pop_head(&testEvents))) {
            bool match = g_str_equal(got, want);

            g_test_message("event: %s", got);
            g_free(got);
            if (match) {
                g_mutex_unlock(&testEventLock);
                return;
            }
        }
        if (!g_cond_wait_until(&testEventCond, &testEventLock, deadline))
            break;
    }
    g_mutex_unlock(&testEventLock);
    g_test_message("event '%s' did not arrive", want);
    g_test_fail();
}


static void
testDrainEvents(void)
{
    g_mutex_lock(&testEventLock);
    g_queue_clear_full(&testEvents, g_free);
    g_mutex_unlock(&testEventLock);
}


static bool
testKVMUsable(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    bool ok;

    if (fd < 0)
        return false;
    ok = ioctl(fd, 0xAE00, 0) == 12;   /* KVM_GET_API_VERSION */
    close(fd);
    return ok;
}


/* Run a command; whether it exited with 0. */
static bool
testRun(const char *const *argv)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &out, &out, &status, &err) ||
        !g_spawn_check_wait_status(status, &err)) {
        g_test_message("%s: %s %s", argv[0], err ? err->message : "", out ? out : "");
        return false;
    }
    return true;
}


static char *
testImage(const char *prefix, const char *name, const char *backing)
{
    g_autofree char *file = g_strdup_printf("%s-%s.qcow2", prefix, name);
    char *path = g_build_filename(testDir, file, NULL);

    if (backing) {
        const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2",
                               "-b", backing, path, NULL };
        g_assert_true(testRun(argv));
    } else {
        const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", path, "16M", NULL };
        g_assert_true(testRun(argv));
    }
    return path;
}


/* qemu-io -c 'write -P PAT OFF LEN' on one image, no backing opened. */
static void
testWrite(const char *path, unsigned int pattern, const char *off, const char *len)
{
    g_autofree char *cmd = g_strdup_printf("write -P 0x%02x %s %s", pattern, off, len);
    const char *argv[] = { "qemu-io", "-f", "qcow2", "-c", cmd, path, NULL };

    g_assert_true(testRun(argv));
}


/* Whether @path (with its backing chain) reads @pattern there. */
static bool
testReads(const char *path, unsigned int pattern, const char *off, const char *len)
{
    g_autofree char *cmd = g_strdup_printf("read -P 0x%02x %s %s", pattern, off, len);
    g_autofree char *out = NULL;
    const char *argv[] = { "qemu-io", "-r", "-c", cmd, path, NULL };
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &out, NULL, &status, NULL) ||
        !g_spawn_check_wait_status(status, NULL))
        return false;
    /* qemu-io exits 0 on a pattern mismatch too */
    return out && !strstr(out, "Pattern verification failed");
}


static bool
testSameContent(const char *a, const char *b)
{
    const char *argv[] = { "qemu-img", "compare", "-q", a, b, NULL };

    return testRun(argv);
}


/* The images of one case: vda base <- mid <- top, vdb base <- top, each
 * layer with its pattern. */
typedef struct {
    char *a[3];                 /* vda: base, mid, top */
    char *b[2];                 /* vdb: base, top */
    virDomainPtr dom;
} testGuest;


/* The images of @g with their patterns, and the guest's XML. */
static char *
testGuestPrepare(testGuest *g, const char *name, bool bigTop)
{
    g->a[0] = testImage(name, "a-base", NULL);
    g->a[1] = testImage(name, "a-mid", g->a[0]);
    g->a[2] = testImage(name, "a-top", g->a[1]);
    g->b[0] = testImage(name, "b-base", NULL);
    g->b[1] = testImage(name, "b-top", g->b[0]);
    testWrite(g->a[0], 0x11, "0", "64k");
    testWrite(g->a[1], 0x22, "64k", "64k");
    testWrite(g->a[2], 0x33, "128k", "64k");
    testWrite(g->b[0], 0x44, "0", "64k");
    /* enough data that a copy at 64 KiB/s stays busy for a while */
    testWrite(g->b[1], 0x55, "64k", bigTop ? "4M" : "64k");

    return g_strdup_printf("<domain type='%s'>\n"
                          "  <name>%s</name>\n"
                          "  <memory unit='MiB'>64</memory>\n"
                          "  <vcpu>1</vcpu>\n"
                          "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                          "  <devices>\n"
                          "    <disk type='file' device='disk'>\n"
                          "      <driver name='qemu' type='qcow2'/>\n"
                          "      <source file='%s'/>\n"
                          "      <target dev='vda' bus='virtio'/>\n"
                          "    </disk>\n"
                          "    <disk type='file' device='disk'>\n"
                          "      <driver name='qemu' type='qcow2'/>\n"
                          "      <source file='%s'/>\n"
                          "      <target dev='vdb' bus='virtio'/>\n"
                          "    </disk>\n"
                          "  </devices>\n"
                          "</domain>\n", testVirtType, name, g->a[2], g->b[1]);
}


static void
testGuestStart(testGuest *g, const char *name, bool bigTop)
{
    g_autofree char *xml = testGuestPrepare(g, name, bigTop);

    testDrainEvents();
    g->dom = virDomainCreateXML(testConn, xml, 0);
    if (!g->dom)
        g_error("cannot start %s: %s", name, virGetLastErrorMessage());
}


static void
testGuestStop(testGuest *g)
{
    size_t i;

    if (g->dom) {
        g_assert_cmpint(virDomainDestroy(g->dom), ==, 0);
        virDomainFree(g->dom);
        g->dom = NULL;
    }
    for (i = 0; i < 3; i++)
        g_free(g->a[i]);
    for (i = 0; i < 2; i++)
        g_free(g->b[i]);
}


static void
testGuestDestroy(testGuest *g)
{
    g_assert_cmpint(virDomainDestroy(g->dom), ==, 0);
    virDomainFree(g->dom);
    g->dom = NULL;
}


static char *
testLiveXML(testGuest *g)
{
    char *xml = virDomainGetXMLDesc(g->dom, 0);

    g_assert_nonnull(xml);
    return xml;
}


static void
testAssertError(int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, code);
    if (!err->message || !strstr(err->message, needle)) {
        g_test_message("error '%s' does not mention '%s'", err->message, needle);
        g_test_fail();
    }
}


/* @live has the element @mirror, whose <source> is @path. */
static void
testAssertMirror(const char *live, const char *mirror, const char *path)
{
    g_autofree char *source = g_strdup_printf("<source file='%s' index=", path);
    const char *at = strstr(live, mirror);

    if (!at || !strstr(at, source) || strstr(at, "</mirror>") < strstr(at, source)) {
        g_test_message("no %s with %s in:\n%s", mirror, source, live);
        g_test_fail();
    }
}


/* Commit of vda's middle image (named by index) into its base. */
static void
testCommit(void)
{
    testGuest g = { 0 };
    g_autofree char *live = NULL;

    testGuestStart(&g, "commit", false);
    /* indexes: vda base 1, mid 2, top 3 */
    g_assert_cmpint(virDomainBlockCommit(g.dom, "vda", g.a[0], "vda[2]", 0, 0), ==, 0);
    testWaitEvent("v2 vda 3 0");
    live = testLiveXML(&g);
    g_assert_null(strstr(live, g.a[1]));
    g_assert_nonnull(strstr(live, g.a[0]));

    /* the active image needs ACTIVE; an unknown disk is named */
    g_assert_cmpint(virDomainBlockCommit(g.dom, "vda", NULL, NULL, 0, 0), ==, -1);
    testAssertError(VIR_ERR_INVALID_ARG, "active layer requires active flag");
    g_assert_cmpint(virDomainBlockCommit(g.dom, "vdz", NULL, NULL, 0, 0), ==, -1);
    testAssertError(VIR_ERR_INVALID_ARG, "disk 'vdz' not found in domain");
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vda", 0), ==, -1);
    testAssertError(VIR_ERR_INVALID_ARG, "does not have an active block job");

    testGuestDestroy(&g);
    g_assert_true(testReads(g.a[0], 0x22, "64k", "64k"));
    g_assert_true(testReads(g.a[0], 0x11, "0", "64k"));
    g_assert_true(testReads(g.a[2], 0x22, "64k", "64k"));
    g_assert_true(testReads(g.a[2], 0x33, "128k", "64k"));
    testGuestStop(&g);
}


/* Active commit of vdb: READY, then the pivot onto the base. */
static void
testActiveCommit(void)
{
    testGuest g = { 0 };
    g_autofree char *live = NULL;
    virDomainBlockJobInfo info;

    testGuestStart(&g, "active", false);
    g_assert_cmpint(virDomainBlockCommit(g.dom, "vdb", NULL, NULL, 0,
                                         VIR_DOMAIN_BLOCK_COMMIT_ACTIVE), ==, 0);
    testWaitEvent("v2 vdb 4 3");
    live = testLiveXML(&g);
    testAssertMirror(live, "<mirror type='file' job='active-commit' ready='yes'>", g.b[0]);
    g_clear_pointer(&live, g_free);
    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info, 0), ==, 1);
    g_assert_cmpint(info.type, ==, VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT);
    g_assert_cmpint(info.cur, ==, info.end);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, 0);
    testWaitEvent("v2 vdb 4 0");
    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info, 0), ==, 0);
    live = testLiveXML(&g);
    g_assert_null(strstr(live, g.b[1]));
    g_assert_nonnull(strstr(live, g.b[0]));

    testGuestDestroy(&g);
    g_assert_true(testReads(g.b[0], 0x44, "0", "64k"));
    g_assert_true(testReads(g.b[0], 0x55, "64k", "64k"));
    testGuestStop(&g);
}


/* Pull: vda's mid into its top (rebase onto base), all of vdb. */
static void
testPull(void)
{
    testGuest g = { 0 };
    g_autofree char *live = NULL;

    testGuestStart(&g, "pull", false);
    g_assert_cmpint(virDomainBlockRebase(g.dom, "vda", "vda[1]", 0, 0), ==, 0);
    testWaitEvent("v2 vda 1 0");
    g_assert_cmpint(virDomainBlockPull(g.dom, "vdb", 0, 0), ==, 0);
    testWaitEvent("v2 vdb 1 0");
    live = testLiveXML(&g);
    g_assert_null(strstr(live, g.a[1]));
    g_assert_nonnull(strstr(live, g.a[0]));
    g_assert_null(strstr(live, g.b[0]));

    testGuestDestroy(&g);
    g_assert_true(testReads(g.a[2], 0x11, "0", "64k"));
    g_assert_true(testReads(g.a[2], 0x22, "64k", "64k"));
    /* vdb's top stands alone now */
    g_assert_cmpint(g_unlink(g.b[0]), ==, 0);
    g_assert_true(testReads(g.b[1], 0x44, "0", "64k"));
    g_assert_true(testReads(g.b[1], 0x55, "64k", "64k"));
    testGuestStop(&g);
}


/* Copy of vdb, slow at first (not ready, job info, speed change), then
 * pivot; a shallow copy of vda pivoted too. */
static void
testCopy(void)
{
    testGuest g = { 0 };
    g_autofree char *copyB = g_build_filename(testDir, "copy-b.qcow2", NULL);
    g_autofree char *copyA = g_build_filename(testDir, "copy-a.qcow2", NULL);
    g_autofree char *destB = NULL;
    g_autofree char *destA = NULL;
    g_autofree char *live = NULL;
    g_autofree char *mirror = NULL;
    virTypedParameter params[3] = { 0 };
    virDomainBlockJobInfo info;

    testGuestStart(&g, "copy", true);
    destB = g_strdup_printf("<disk type='file'><source file='%s'/>"
                            "<driver type='qcow2'/></disk>", copyB);
    g_strlcpy(params[0].field, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[0].type = VIR_TYPED_PARAM_ULLONG;
    params[0].value.ul = 64 * 1024;
    g_strlcpy(params[1].field, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[1].type = VIR_TYPED_PARAM_ULLONG;
    params[1].value.ul = 64 * 1024;
    g_strlcpy(params[2].field, VIR_DOMAIN_BLOCK_COPY_GRANULARITY, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[2].type = VIR_TYPED_PARAM_UINT;
    params[2].value.ui = 64 * 1024;
    g_assert_cmpint(virDomainBlockCopy(g.dom, "vdb", destB, params, 3, 0), ==, 0);
    live = testLiveXML(&g);
    mirror = g_strdup_printf("<mirror type='file' file='%s' format='qcow2' job='copy'>",
                             copyB);
    testAssertMirror(live, mirror, copyB);
    g_clear_pointer(&live, g_free);
    g_assert_cmpint(virDomainBlockCopy(g.dom, "vdb", destB, NULL, 0, 0), ==, -1);
    testAssertError(VIR_ERR_BLOCK_COPY_ACTIVE, "already in active block job");

    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info,
                                             VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES), ==, 1);
    g_assert_cmpint(info.type, ==, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    g_assert_cmpint(info.bandwidth, ==, 64 * 1024);
    g_assert_cmpint(info.cur, <, info.end);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, -1);
    testAssertError(VIR_ERR_BLOCK_COPY_ACTIVE, "disk 'vdb' not ready for pivot yet");
    g_assert_cmpint(virDomainBlockJobSetSpeed(g.dom, "vdb", 0, 0), ==, 0);
    testWaitEvent("v2 vdb 2 3");
    live = testLiveXML(&g);
    g_free(mirror);
    mirror = g_strdup_printf("<mirror type='file' file='%s' format='qcow2' job='copy' ready='yes'>",
                             copyB);
    testAssertMirror(live, mirror, copyB);
    g_clear_pointer(&live, g_free);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, 0);
    testWaitEvent("v2 vdb 2 0");

    destA = g_strdup_printf("<disk type='file'><source file='%s'/>"
                            "<driver type='qcow2'/></disk>", copyA);
    g_assert_cmpint(virDomainBlockCopy(g.dom, "vda", destA, NULL, 0,
                                       VIR_DOMAIN_BLOCK_COPY_SHALLOW), ==, 0);
    testWaitEvent("v2 vda 2 3");
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vda",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, 0);
    testWaitEvent("v2 vda 2 0");

    live = testLiveXML(&g);
    g_assert_null(strstr(live, "<mirror"));
    g_assert_nonnull(strstr(live, copyA));
    g_assert_nonnull(strstr(live, copyB));
    g_assert_null(strstr(live, g.a[2]));
    g_assert_null(strstr(live, g.b[1]));
    g_assert_nonnull(strstr(live, g.a[1]));     /* the shallow copy's backing */

    testGuestDestroy(&g);
    g_assert_true(testSameContent(g.b[1], copyB));
    g_assert_true(testSameContent(g.a[2], copyA));
    g_assert_true(testReads(copyB, 0x55, "1M", "1M"));
    g_assert_true(testReads(copyA, 0x33, "128k", "64k"));
    testGuestStop(&g);
}


/* Abort: a copy canceled leaves the disk as it was; so does a commit. */
static void
testAbort(void)
{
    testGuest g = { 0 };
    g_autofree char *copyB = g_build_filename(testDir, "abort-b.qcow2", NULL);
    g_autofree char *live = NULL;
    g_autofree char *v1 = NULL;
    virDomainBlockJobInfo info;

    testGuestStart(&g, "abort", true);
    g_assert_cmpint(virDomainBlockRebase(g.dom, "vdb", copyB, 64 * 1024,
                                         VIR_DOMAIN_BLOCK_REBASE_COPY |
                                         VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES), ==, 0);
    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info, 0), ==, 1);
    g_assert_cmpint(info.type, ==, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb", 0), ==, 0);
    testWaitEvent("v2 vdb 2 2");
    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info, 0), ==, 0);
    live = testLiveXML(&g);
    g_assert_nonnull(strstr(live, g.b[1]));
    g_assert_null(strstr(live, copyB));

    /* BLOCK_JOB names the disk by its active image */
    testDrainEvents();
    g_assert_cmpint(virDomainBlockCommit(g.dom, "vda", NULL, NULL, 0,
                                         VIR_DOMAIN_BLOCK_COMMIT_ACTIVE |
                                         VIR_DOMAIN_BLOCK_COMMIT_SHALLOW), ==, 0);
    v1 = g_strdup_printf("v1 %s 4 3", g.a[2]);
    testWaitEvent(v1);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vda", 0), ==, 0);
    testWaitEvent("v2 vda 4 2");
    g_free(live);
    live = testLiveXML(&g);
    g_assert_nonnull(strstr(live, g.a[2]));

    testGuestDestroy(&g);
    g_assert_true(testReads(g.b[1], 0x55, "64k", "64k"));
    testGuestStop(&g);
}


/* ------------------------------------------------------------------ */
/* Reconnect                                                          */

/* Run qemulifecyclehelper with @args after the URI. */
static void
testHelper(const char *uri, const char *const *args)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);

    g_ptr_array_add(argv, g_test_build_filename(G_TEST_BUILT, "qemulifecyclehelper", NULL));
    g_ptr_array_add(argv, g_strdup(uri));
    for (; *args; args++)
        g_ptr_array_add(argv, g_strdup(*args));
    g_ptr_array_add(argv, NULL);
    g_assert_true(testRun((const char *const *)argv->pdata));
}


/* A QMP session on the monitor of domain @name under @root, which no
 * driver holds now. */
typedef struct {
    int fd;
    FILE *in;
} testQmp;


static char *
testQmpReply(testQmp *q)
{
    char line[65536];

    while (fgets(line, sizeof(line), q->in)) {
        if (strstr(line, "\"return\"") || strstr(line, "\"error\"") ||
            strstr(line, "\"QMP\""))
            return g_strdup(line);
    }
    g_error("QMP monitor closed");
    return NULL;
}


static char *
testQmpRun(testQmp *q, const char *json)
{
    size_t len = strlen(json);

    g_assert_cmpint(write(q->fd, json, len), ==, (ssize_t)len);
    return testQmpReply(q);
}


static void
testQmpOpen(testQmp *q, const char *root, const char *name)
{
    g_autofree char *status = g_strdup_printf("%s/run/qemu/%s.xml", root, name);
    g_autofree char *text = NULL;
    g_autofree char *greeting = NULL;
    g_autofree char *caps = NULL;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    const char *p;
    const char *end;

    g_assert_true(g_file_get_contents(status, &text, NULL, NULL));
    g_assert_nonnull((p = strstr(text, "<monitor path='")));
    p += strlen("<monitor path='");
    g_assert_nonnull((end = strchr(p, '\'')));
    g_assert_cmpint(end - p, <, sizeof(addr.sun_path));
    memcpy(addr.sun_path, p, end - p);
    g_assert_cmpint((q->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)), >=, 0);
    g_assert_cmpint(connect(q->fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_nonnull((q->in = fdopen(dup(q->fd), "r")));
    greeting = testQmpReply(q);
    caps = testQmpRun(q, "{\"execute\":\"qmp_capabilities\"}\n");
    g_assert_nonnull(strstr(caps, "\"return\""));
}


static void
testQmpClose(testQmp *q)
{
    fclose(q->in);
    close(q->fd);
}


/* Wait until the only job QEMU has is in @status. */
static void
testQmpWaitJob(testQmp *q, const char *status)
{
    g_autofree char *want = g_strdup_printf("\"status\": \"%s\"", status);
    gint64 deadline = g_get_monotonic_time() + TEST_EVENT_TIMEOUT_MS * 1000;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *jobs = testQmpRun(q, "{\"execute\":\"query-jobs\"}\n");

        if (strstr(jobs, want))
            return;
        g_usleep(100 * 1000);
    }
    g_test_message("no job reached '%s'", status);
    g_test_fail();
}


static virConnectPtr
testOpenRegistered(const char *uri, int *cb)
{
    virConnectPtr conn = virConnectOpen(uri);

    g_assert_nonnull(conn);
    *cb = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                           TEST_EVENT_CALLBACK(testBlockJobEvent),
                                           (void *)"v2", NULL);
    g_assert_cmpint(*cb, >=, 0);
    return conn;
}


/* Whether disk @dst has no job within the event timeout. */
static bool
testJobGone(virDomainPtr dom, const char *dst)
{
    gint64 deadline = g_get_monotonic_time() + TEST_EVENT_TIMEOUT_MS * 1000;
    virDomainBlockJobInfo info;

    while (g_get_monotonic_time() < deadline) {
        if (virDomainGetBlockJobInfo(dom, dst, &info, 0) == 0)
            return true;
        g_usleep(100 * 1000);
    }
    return false;
}


/* Jobs taken over by a new process: a copy still running (info,
 * speed, pivot), a pull that ended while nobody watched, and a copy that
 * QEMU was made to complete and forget behind the driver's back. */
static void
testReconnect(void)
{
    g_autofree char *root = g_build_filename(testDir, "rc-root", NULL);
    g_autofree char *uri = g_strdup_printf("qemu:///embed?root=%s", root);
    g_autofree char *file = g_build_filename(testDir, "rc.xml", NULL);
    g_autofree char *copyA = g_build_filename(testDir, "rc-copy-a.qcow2", NULL);
    g_autofree char *copyB = g_build_filename(testDir, "rc-copy-b.qcow2", NULL);
    g_autofree char *mirror = NULL;
    g_autofree char *live = NULL;
    g_autofree char *reply = NULL;
    testGuest g = { 0 };
    g_autofree char *xml = testGuestPrepare(&g, "rc", true);
    virDomainBlockJobInfo info;
    virConnectPtr conn;
    testQmp q;
    int cb;

    g_assert_true(g_file_set_contents(file, xml, -1, NULL));
    {
        const char *args[] = { file, "--copy", "rc", "vdb", copyB, "65536",
                               "--pull", "rc", "vda", "65536", NULL };
        testHelper(uri, args);
    }
    /* time for the pull of 128 KiB to end while nobody watches; if it
     * has not, it is taken over running, which must work as well */
    g_usleep(3 * G_USEC_PER_SEC);

    testDrainEvents();
    conn = testOpenRegistered(uri, &cb);
    g_assert_nonnull((g.dom = virDomainLookupByName(conn, "rc")));

    /* the pull is over, its outcome in the definition */
    g_assert_true(testJobGone(g.dom, "vda"));
    live = testLiveXML(&g);
    g_assert_null(strstr(live, g.a[1]));
    g_assert_null(strstr(live, g.a[0]));

    /* the copy runs on, with its mirror */
    g_assert_cmpint(virDomainGetBlockJobInfo(g.dom, "vdb", &info,
                                             VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES), ==, 1);
    g_assert_cmpint(info.type, ==, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    g_assert_cmpint(info.bandwidth, ==, 65536);
    g_assert_cmpint(info.cur, <, info.end);
    mirror = g_strdup_printf("<mirror type='file' file='%s' format='qcow2' job='copy'>", copyB);
    testAssertMirror(live, mirror, copyB);
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, -1);
    testAssertError(VIR_ERR_BLOCK_COPY_ACTIVE, "not ready for pivot yet");
    g_assert_cmpint(virDomainBlockJobSetSpeed(g.dom, "vdb", 0, 0), ==, 0);
    testWaitEvent("v2 vdb 2 3");
    g_assert_cmpint(virDomainBlockJobAbort(g.dom, "vdb",
                                           VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT), ==, 0);
    testWaitEvent("v2 vdb 2 0");
    g_clear_pointer(&live, g_free);
    live = testLiveXML(&g);
    g_assert_null(strstr(live, "<mirror"));
    g_assert_nonnull(strstr(live, copyB));
    g_assert_null(strstr(live, g.b[1]));
    virDomainFree(g.dom);
    g.dom = NULL;
    virConnectDomainEventDeregisterAny(conn, cb);
    g_assert_cmpint(virConnectClose(conn), ==, 0);

    /* a copy of vda that QEMU completes and forgets while nobody
     * watches: the next process reads the chain back from QEMU */
    {
        const char *args[] = { "--copy", "rc", "vda", copyA, "0", NULL };
        testHelper(uri, args);
    }
    testQmpOpen(&q, root, "rc");
    testQmpWaitJob(&q, "ready");
    reply = testQmpRun(&q, "{\"execute\":\"job-complete\",\"arguments\":{\"id\":\"vda\"}}\n");
    g_assert_nonnull(strstr(reply, "\"return\""));
    testQmpWaitJob(&q, "pending");
    g_free(reply);
    reply = testQmpRun(&q, "{\"execute\":\"job-finalize\",\"arguments\":{\"id\":\"vda\"}}\n");
    g_assert_nonnull(strstr(reply, "\"return\""));
    testQmpWaitJob(&q, "concluded");
    g_free(reply);
    reply = testQmpRun(&q, "{\"execute\":\"job-dismiss\",\"arguments\":{\"id\":\"vda\"}}\n");
    g_assert_nonnull(strstr(reply, "\"return\""));
    testQmpClose(&q);

    conn = testOpenRegistered(uri, &cb);
    g_assert_nonnull((g.dom = virDomainLookupByName(conn, "rc")));
    g_assert_true(testJobGone(g.dom, "vda"));
    /* QEMU answers "no job" at once, while the job's watcher settles
     * the vanished copy (chain read back, mirror dropped) on its own
     * thread after the reconnect: wait for it */
    {
        gint64 deadline = g_get_monotonic_time() + TEST_EVENT_TIMEOUT_MS * 1000;

        do {
            g_clear_pointer(&live, g_free);
            live = testLiveXML(&g);
            if (!strstr(live, "<mirror"))
                break;
            g_usleep(100 * 1000);
        } while (g_get_monotonic_time() < deadline);
    }
    g_assert_null(strstr(live, "<mirror"));
    g_assert_nonnull(strstr(live, copyA));
    g_assert_null(strstr(live, g.a[2]));
    /* the disk works on the copy: a new job finds its nodes */
    g_assert_cmpint(virDomainBlockPull(g.dom, "vda", 0, 0), ==, 0);
    testWaitEvent("v2 vda 1 0");

    testGuestDestroy(&g);
    virConnectDomainEventDeregisterAny(conn, cb);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
    /* the data followed the jobs */
    g_assert_true(testSameContent(g.b[1], copyB));
    g_assert_true(testReads(copyA, 0x11, "0", "64k"));
    g_assert_true(testReads(copyA, 0x22, "64k", "64k"));
    g_assert_true(testReads(copyA, 0x33, "128k", "64k"));
    testGuestStop(&g);
}


static void
testQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


static void
testRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
            !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
            testRemoveTree(child);
        else
            g_unlink(child);
    }
    g_rmdir(path);
}


int
main(int argc, char **argv)
{
    g_autofree char *emulator = g_find_program_in_path("qemu-system-x86_64");
    g_autofree char *qemuimg = g_find_program_in_path("qemu-img");
    g_autofree char *qemuio = g_find_program_in_path("qemu-io");
    g_autofree char *root = NULL;
    g_autofree char *uri = NULL;
    GThread *loop;
    int cb1;
    int cb2;
    int ret;

    g_test_init(&argc, &argv, NULL);
    if (!emulator || !qemuimg || !qemuio) {
        g_test_message("qemu-system-x86_64, qemu-img or qemu-io is not installed");
        return 77;
    }
    testVirtType = testKVMUsable() ||
                   g_strcmp0(g_getenv("VIRTPLUG_QEMU_FORCE_TCG"), "1") == 0 ?
                   "kvm" : "qemu";
    testDir = g_dir_make_tmp("qemublockjob-XXXXXX", NULL);
    root = g_build_filename(testDir, "root", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);

    virSetErrorFunc(NULL, testQuietErrors);
    virEventRegisterDefaultImpl();
    loop = g_thread_new("event-loop", testEventLoop, NULL);
    if (!(testConn = virConnectOpen(uri)))
        g_error("cannot open %s: %s", uri, virGetLastErrorMessage());
    cb1 = virConnectDomainEventRegisterAny(testConn, NULL, VIR_DOMAIN_EVENT_ID_BLOCK_JOB,
                                           TEST_EVENT_CALLBACK(testBlockJobEvent),
                                           (void *)"v1", NULL);
    cb2 = virConnectDomainEventRegisterAny(testConn, NULL, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                           TEST_EVENT_CALLBACK(testBlockJobEvent),
                                           (void *)"v2", NULL);
    g_assert_cmpint(cb1, >=, 0);
    g_assert_cmpint(cb2, >=, 0);

    g_test_add_func("/qemu/blockjob/commit", testCommit);
    g_test_add_func("/qemu/blockjob/active-commit", testActiveCommit);
    g_test_add_func("/qemu/blockjob/pull", testPull);
    g_test_add_func("/qemu/blockjob/copy", testCopy);
    g_test_add_func("/qemu/blockjob/abort", testAbort);
    g_test_add_func("/qemu/blockjob/reconnect", testReconnect);
    ret = g_test_run();

    virConnectDomainEventDeregisterAny(testConn, cb1);
    virConnectDomainEventDeregisterAny(testConn, cb2);
    virConnectClose(testConn);
    g_atomic_int_set(&testLoopQuit, 1);
    virEventAddTimeout(0, testWakeLoop, NULL, NULL);
    g_thread_join(loop);
    testRemoveTree(testDir);
    return ret;
}
