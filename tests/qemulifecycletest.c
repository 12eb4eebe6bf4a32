/*
 * qemulifecycletest.c: QEMU guests driven through the public API only,
 * on qemu:///embed?root=TMPDIR, with real QEMU processes
 *
 * Guests have no OS: 128 MiB, machine pc, one or two qcow2 disks made
 * with qemu-img.  They are KVM guests when /dev/kvm is usable or
 * VIRTPLUG_QEMU_FORCE_TCG=1 (which makes the driver run them on TCG),
 * plain QEMU (TCG) guests otherwise.  Events arrive
 * through the default event loop, run on a thread of the test.
 * qemulifecyclehelper, a separate process, starts guests and exits, so
 * that this process finds them running when it opens their root.
 * Skipped (77) without qemu-system-x86_64 and qemu-img.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>

/* VIR_DOMAIN_EVENT_CALLBACK() through void (*)(void), which
 * -Wcast-function-type accepts. */
#define TEST_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/* How long an expected event may take, in ms. */
#define TEST_EVENT_TIMEOUT_MS 15000

static char *testDir;           /* the temporary directory */
static char *testRoot;          /* the embed root of most cases */
static char *testURI;
static const char *testVirtType;
static virConnectPtr testConn;
static int testCallback = -1;

static GMutex testEventLock;
static GCond testEventCond;
static GQueue testEvents = G_QUEUE_INIT;     /* "NAME EVENT DETAIL" */
static gint testLoopQuit;
static GThread *testLoop;


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


static int
testLifecycleEvent(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                   int event, int detail, void *opaque G_GNUC_UNUSED)
{
    g_mutex_lock(&testEventLock);
    g_queue_push_tail(&testEvents, g_strdup_printf("%s %d %d",
                                                   virDomainGetName(dom),
                                                   event, detail));
    g_cond_broadcast(&testEventCond);
    g_mutex_unlock(&testEventLock);
    return 0;
}


/* Wait for the lifecycle event (@event, @detail) of domain @name,
 * dropping the events before it. */
static void
testWaitEvent(const char *name, int event, int detail)
{
    g_autofree char *want = g_strdup_printf("%s %d %d", name, event, detail);
    gint64 deadline = g_get_monotonic_time() + TEST_EVENT_TIMEOUT_MS * 1000;

    g_mutex_lock(&testEventLock);
    for (;;) {
        char *got;

        while ((got = g_queue_pop_head(&testEvents))) {
            bool match = g_str_equal(got, want);

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


static void
testRun(const char *const *argv)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &out, &out, &status, &err) ||
        !g_spawn_check_wait_status(status, &err))
        g_error("%s failed: %s %s", argv[0], err ? err->message : "", out ? out : "");
}


static char *
testImage(const char *name, const char *backing)
{
    char *path = g_build_filename(testDir, name, NULL);

    if (backing) {
        const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2",
                               "-b", backing, path, NULL };
        testRun(argv);
    } else {
        const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", path, "64M", NULL };
        testRun(argv);
    }
    return path;
}


/* A guest with no OS, its disks on virtio. */
static char *
testGuestXML(const char *name, const char *emulator, const char *disk1,
             const char *disk2)
{
    GString *xml = g_string_new(NULL);

    g_string_append_printf(xml,
                           "<domain type='%s'>\n"
                           "  <name>%s</name>\n"
                           "  <memory unit='MiB'>128</memory>\n"
                           "  <vcpu>1</vcpu>\n"
                           "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                           "  <devices>\n",
                           testVirtType, name);
    if (emulator)
        g_string_append_printf(xml, "    <emulator>%s</emulator>\n", emulator);
    if (disk1)
        g_string_append_printf(xml,
                               "    <disk type='file' device='disk'>\n"
                               "      <driver name='qemu' type='qcow2'/>\n"
                               "      <source file='%s'/>\n"
                               "      <target dev='vda' bus='virtio'/>\n"
                               "    </disk>\n", disk1);
    if (disk2)
        g_string_append_printf(xml,
                               "    <disk type='file' device='disk'>\n"
                               "      <driver name='qemu' type='qcow2'/>\n"
                               "      <source file='%s'/>\n"
                               "      <target dev='vdb' bus='virtio'/>\n"
                               "    </disk>\n", disk2);
    g_string_append(xml,
                    "    <serial type='pty'/>\n"
                    "    <console type='pty'/>\n"
                    "  </devices>\n"
                    "</domain>\n");
    return g_string_free(xml, FALSE);
}


static void
testAssertState(virDomainPtr dom, int state, int reason)
{
    int st = -1;
    int rs = -1;

    g_assert_cmpint(virDomainGetState(dom, &st, &rs, 0), ==, 0);
    g_assert_cmpint(st, ==, state);
    if (reason >= 0)
        g_assert_cmpint(rs, ==, reason);
}


static void
testAssertError(int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    g_assert_nonnull(err);
    if (code >= 0)
        g_assert_cmpint(err->code, ==, code);
    if (!err->message || !strstr(err->message, needle)) {
        g_test_message("error '%s' does not mention '%s'", err->message, needle);
        g_test_fail();
    }
}


static long
testDomainPid(const char *root, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/run/qemu/%s.xml", root, name);
    g_autofree char *text = NULL;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strstr(text, "pid='")))
        return -1;
    return strtol(p + 5, NULL, 10);
}


/* Whether @pid is gone (a zombie left for init to reap counts). */
static bool
testPidGone(long pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%ld/stat", pid);
    g_autofree char *stat = NULL;
    const char *end;

    if (kill(pid, 0) < 0 || !g_file_get_contents(path, &stat, NULL, NULL))
        return true;
    return (end = strrchr(stat, ')')) && (end[2] == 'Z' || end[2] == 'X');
}


static double
testSeconds(gint64 start)
{
    return (g_get_monotonic_time() - start) / 1e6;
}


static void
testDefineStartDestroy(void)
{
    g_autofree char *base = testImage("lc-base.qcow2", NULL);
    g_autofree char *top = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *live = NULL;
    g_autofree char *config = g_strdup_printf("%s/etc/qemu/lc1.xml", testRoot);
    g_autofree char *status = g_strdup_printf("%s/run/qemu/lc1.xml", testRoot);
    virDomainPtr dom;
    gint64 t;

    top = testImage("lc-top.qcow2", base);
    xml = testGuestXML("lc1", NULL, top, NULL);
    testDrainEvents();

    g_assert_nonnull((dom = virDomainDefineXML(testConn, xml)));
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED);
    g_assert_true(g_file_test(config, G_FILE_TEST_EXISTS));
    testAssertState(dom, VIR_DOMAIN_SHUTOFF, -1);

    t = g_get_monotonic_time();
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    g_test_message("start took %.3f s", testSeconds(t));
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    testAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    g_assert_cmpint(virDomainGetID(dom), >, 0);
    g_assert_true(g_file_test(status, G_FILE_TEST_EXISTS));

    /* The live XML: an id, the chain as nested <backingStore>, a pty. */
    live = virDomainGetXMLDesc(dom, 0);
    g_assert_nonnull(strstr(live, " id='"));
    g_assert_nonnull(strstr(live, "<backingStore type='file' index='1'>"));
    g_assert_nonnull(strstr(live, base));
    g_assert_nonnull(strstr(live, "/dev/pts/"));

    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    testAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    g_assert_cmpint(virDomainResume(dom), ==, 0);
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    testAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);

    t = g_get_monotonic_time();
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_test_message("destroy took %.3f s", testSeconds(t));
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    testAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    g_assert_false(g_file_test(status, G_FILE_TEST_EXISTS));

    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    testWaitEvent("lc1", VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    g_assert_false(g_file_test(config, G_FILE_TEST_EXISTS));
    virDomainFree(dom);
}


/* The power button, with no OS to answer it: shutdown returns at once,
 * as libvirt's does.  What the guest does depends on how far its
 * firmware got: QEMU powers off a PC whose ACPI is not enabled yet,
 * and one whose firmware enabled it waits for an OS that never comes.
 * Either way the state must follow QEMU. */
static void
testShutdown(void)
{
    g_autofree char *disk = testImage("lc-shutdown.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc7", NULL, disk, NULL);
    virDomainPtr dom;
    int state = -1;
    int reason = -1;
    int i;

    testDrainEvents();
    g_assert_nonnull((dom = virDomainCreateXML(testConn, xml, 0)));
    g_assert_cmpint(virDomainShutdown(dom), ==, 0);
    for (i = 0; i < 20; i++) {
        g_assert_cmpint(virDomainGetState(dom, &state, &reason, 0), ==, 0);
        if (state == VIR_DOMAIN_SHUTOFF)
            break;
        g_usleep(50 * 1000);
    }
    if (state == VIR_DOMAIN_SHUTOFF) {
        g_test_message("the guest powered off");
        g_assert_cmpint(reason, ==, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
        testWaitEvent("lc7", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    } else {
        g_test_message("the guest ignored the power button");
        g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    }
    virDomainFree(dom);
}


static void
testStartPaused(void)
{
    g_autofree char *disk = testImage("lc-paused.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc2", NULL, disk, NULL);
    virDomainPtr dom;

    testDrainEvents();
    g_assert_nonnull((dom = virDomainDefineXML(testConn, xml)));
    g_assert_cmpint(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), ==, 0);
    testWaitEvent("lc2", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    testWaitEvent("lc2", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    testAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);

    g_assert_cmpint(virDomainResume(dom), ==, 0);
    testAssertState(dom, VIR_DOMAIN_RUNNING, -1);
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    virDomainFree(dom);
}


static void
testManagedSave(void)
{
    g_autofree char *disk = testImage("lc-save.qcow2", NULL);
    g_autofree char *disk2 = testImage("lc-save2.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc3", NULL, disk, disk2);
    g_autofree char *image = g_strdup_printf("%s/lib/qemu/save/lc3.save", testRoot);
    virDomainPtr dom;
    gint64 t;

    testDrainEvents();
    g_assert_nonnull((dom = virDomainDefineXML(testConn, xml)));
    g_assert_cmpint(virDomainCreate(dom), ==, 0);

    t = g_get_monotonic_time();
    g_assert_cmpint(virDomainManagedSave(dom, 0), ==, 0);
    g_test_message("managed save took %.3f s", testSeconds(t));
    testWaitEvent("lc3", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    testAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    g_assert_cmpint(virDomainHasManagedSaveImage(dom, 0), ==, 1);
    g_assert_true(g_file_test(image, G_FILE_TEST_EXISTS));

    /* Undefine refuses while the image exists, as libvirt does. */
    g_assert_cmpint(virDomainUndefine(dom), ==, -1);
    testAssertError(VIR_ERR_OPERATION_INVALID, "managed save image exists");

    t = g_get_monotonic_time();
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    g_test_message("restore took %.3f s", testSeconds(t));
    testWaitEvent("lc3", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
    testAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
    g_assert_cmpint(virDomainHasManagedSaveImage(dom, 0), ==, 0);
    g_assert_false(g_file_test(image, G_FILE_TEST_EXISTS));

    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    virDomainFree(dom);
}


static void
testTransient(void)
{
    g_autofree char *disk = testImage("lc-transient.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc4", NULL, disk, NULL);
    virDomainPtr dom;
    virDomainPtr gone;

    testDrainEvents();
    g_assert_nonnull((dom = virDomainCreateXML(testConn, xml, 0)));
    testWaitEvent("lc4", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    g_assert_cmpint(virDomainIsPersistent(dom), ==, 0);
    testAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    testWaitEvent("lc4", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    gone = virDomainLookupByName(testConn, "lc4");
    g_assert_null(gone);
    testAssertError(VIR_ERR_NO_DOMAIN, "");
    virDomainFree(dom);
}


static void
testCommandLine(void)
{
    g_autofree char *disk = testImage("lc-argv.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc5", NULL, disk, NULL);
    g_autofree char *argv = virConnectDomainXMLToNative(testConn, "qemu-argv", xml, 0);

    g_assert_nonnull(argv);
    g_assert_nonnull(strstr(argv, "-name guest=lc5,debug-threads=on"));
    g_assert_nonnull(strstr(argv, "-machine pc-i440fx-"));
    g_assert_nonnull(strstr(argv, "\"node-name\":\"libvirt-1-format\""));
    g_assert_nonnull(strstr(argv, "\"drive\":\"libvirt-1-format\""));
    g_assert_nonnull(strstr(argv, "-nodefaults"));
    g_assert_nonnull(strstr(argv, "-S "));

    g_assert_null(virConnectDomainXMLToNative(testConn, "vmware-vmx", xml, 0));
    testAssertError(VIR_ERR_INVALID_ARG, "vmware-vmx");
}


static void
testCapabilities(void)
{
    g_autofree char *caps = virConnectGetCapabilities(testConn);
    g_autofree char *dcaps = virConnectGetDomainCapabilities(testConn, NULL, "x86_64",
                                                             "pc", "qemu", 0);

    g_assert_nonnull(caps);
    g_assert_nonnull(strstr(caps, "<arch name='x86_64'>"));
    g_assert_nonnull(strstr(caps, "<domain type='qemu'/>"));
    g_assert_nonnull(strstr(caps, "canonical='pc-i440fx-"));
    g_assert_nonnull(dcaps);
    g_assert_nonnull(strstr(dcaps, "<machine>pc-i440fx-"));
    g_assert_nonnull(strstr(dcaps, "<domain>qemu</domain>"));
}


/* libvirt-qemu.so: QMP and HMP passthrough. */
static void
testMonitorCommand(void)
{
    g_autofree char *disk = testImage("lc-monitor.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc8", NULL, disk, NULL);
    g_autofree char *qmp = NULL;
    g_autofree char *hmp = NULL;
    char *bad = NULL;
    virDomainPtr dom;

    g_assert_nonnull((dom = virDomainCreateXML(testConn, xml, 0)));
    g_assert_cmpint(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}",
                                                &qmp, 0), ==, 0);
    g_assert_nonnull(strstr(qmp, "\"running\""));
    g_assert_cmpint(virDomainQemuMonitorCommand(dom, "info status", &hmp,
                                                VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP), ==, 0);
    g_assert_nonnull(strstr(hmp, "running"));
    g_assert_cmpint(virDomainQemuMonitorCommand(dom, "not json", &bad, 0), ==, -1);
    testAssertError(VIR_ERR_INVALID_ARG, "not json");
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}",
                                                &bad, 0), ==, -1);
    testAssertError(VIR_ERR_NO_DOMAIN, "lc8");
    virDomainFree(dom);
}


static void
testKilledOutside(void)
{
    g_autofree char *disk = testImage("lc-killed.qcow2", NULL);
    g_autofree char *xml = testGuestXML("lc6", NULL, disk, NULL);
    virDomainPtr dom;
    long pid;

    testDrainEvents();
    g_assert_nonnull((dom = virDomainDefineXML(testConn, xml)));
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    g_assert_cmpint((pid = testDomainPid(testRoot, "lc6")), >, 0);

    g_assert_cmpint(kill(pid, SIGKILL), ==, 0);
    /* libvirt: a QEMU gone without SHUTDOWN crashed (STOPPED/FAILED). */
    testWaitEvent("lc6", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FAILED);
    testAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);

    /* It starts again normally. */
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    virDomainFree(dom);
}


/* Nothing of a failed start may remain: no status, no runtime dir. */
static void
testAssertNothingLeft(const char *name)
{
    g_autofree char *status = g_strdup_printf("%s/run/qemu/%s.xml", testRoot, name);
    g_autofree char *rundir = g_strdup_printf("%s/run/qemu", testRoot);
    g_autoptr(GDir) dir = g_dir_open(rundir, 0, NULL);
    g_autofree char *suffix = g_strdup_printf("-%s", name);
    const char *entry;

    g_assert_false(g_file_test(status, G_FILE_TEST_EXISTS));
    while (dir && (entry = g_dir_read_name(dir)))
        g_assert_false(g_str_has_prefix(entry, "domain-") && g_str_has_suffix(entry, suffix));
}


static void
testBadEmulator(void)
{
    g_autofree char *xml = testGuestXML("bad1", "/nonexistent/qemu-system-x86_64",
                                        NULL, NULL);

    g_assert_null(virDomainDefineXML(testConn, xml));
    testAssertError(-1, "Cannot check QEMU binary /nonexistent/qemu-system-x86_64");
    g_assert_null(virDomainCreateXML(testConn, xml, 0));
    testAssertError(-1, "/nonexistent/qemu-system-x86_64");
    g_assert_null(virDomainLookupByName(testConn, "bad1"));
}


static void
testBadImage(void)
{
    g_autofree char *missing = g_build_filename(testDir, "missing.qcow2", NULL);
    g_autofree char *xml = testGuestXML("bad2", NULL, missing, NULL);
    virDomainPtr dom;

    g_assert_nonnull((dom = virDomainDefineXML(testConn, xml)));
    g_assert_cmpint(virDomainCreate(dom), ==, -1);
    testAssertError(-1, missing);
    testAssertState(dom, VIR_DOMAIN_SHUTOFF, -1);
    testAssertNothingLeft("bad2");

    g_assert_null(virDomainCreateXML(testConn, xml, 0));
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    virDomainFree(dom);
}


static void
testImageInUse(void)
{
    g_autofree char *disk = testImage("lc-shared.qcow2", NULL);
    g_autofree char *xmlA = testGuestXML("inuse-a", NULL, disk, NULL);
    g_autofree char *xmlB = testGuestXML("inuse-b", NULL, disk, NULL);
    virDomainPtr a;
    virDomainPtr b;

    g_assert_nonnull((a = virDomainCreateXML(testConn, xmlA, 0)));
    g_assert_nonnull((b = virDomainDefineXML(testConn, xmlB)));
    g_assert_cmpint(virDomainCreate(b), ==, -1);
    testAssertError(VIR_ERR_OPERATION_INVALID, "inuse-a");
    testAssertState(b, VIR_DOMAIN_SHUTOFF, -1);
    testAssertState(a, VIR_DOMAIN_RUNNING, -1);
    testAssertNothingLeft("inuse-b");

    g_assert_cmpint(virDomainDestroy(a), ==, 0);
    /* Free again once the first guest is gone. */
    g_assert_cmpint(virDomainCreate(b), ==, 0);
    g_assert_cmpint(virDomainDestroy(b), ==, 0);
    g_assert_cmpint(virDomainUndefine(b), ==, 0);
    virDomainFree(a);
    virDomainFree(b);
}


static void
testReconnect(void)
{
    g_autofree char *root = g_build_filename(testDir, "reconnect", NULL);
    g_autofree char *uri = g_strdup_printf("qemu:///embed?root=%s", root);
    g_autofree char *helper = g_test_build_filename(G_TEST_BUILT, "qemulifecyclehelper", NULL);
    g_autofree char *diskA = testImage("rc-a.qcow2", NULL);
    g_autofree char *diskB = testImage("rc-b.qcow2", NULL);
    g_autofree char *xmlA = testGuestXML("rc-alive", NULL, diskA, NULL);
    g_autofree char *xmlB = testGuestXML("rc-dead", NULL, diskB, NULL);
    g_autofree char *diskC = testImage("rc-c.qcow2", NULL);
    g_autofree char *xmlC = testGuestXML("rc-auto", NULL, diskC, NULL);
    g_autofree char *fileA = g_build_filename(testDir, "rc-alive.xml", NULL);
    g_autofree char *fileB = g_build_filename(testDir, "rc-dead.xml", NULL);
    g_autofree char *fileC = g_build_filename(testDir, "rc-auto.xml", NULL);
    g_autofree char *live = NULL;
    const char *argv[] = { helper, uri, fileA, fileB, "--autostart", fileC, NULL };
    virConnectPtr conn;
    virDomainPtr alive;
    virDomainPtr dead;
    virDomainPtr autostarted;
    virDomainPtr *all = NULL;
    int autostart = 0;
    int n;
    long pid;

    g_assert_true(g_file_set_contents(fileA, xmlA, -1, NULL));
    g_assert_true(g_file_set_contents(fileB, xmlB, -1, NULL));
    g_assert_true(g_file_set_contents(fileC, xmlC, -1, NULL));
    testRun(argv);

    /* rc-dead's QEMU goes while no process watches it. */
    g_assert_cmpint((pid = testDomainPid(root, "rc-dead")), >, 0);
    g_assert_cmpint(kill(pid, SIGKILL), ==, 0);
    g_usleep(100 * 1000);

    g_assert_nonnull((conn = virConnectOpen(uri)));
    g_assert_nonnull((alive = virDomainLookupByName(conn, "rc-alive")));
    g_assert_nonnull((dead = virDomainLookupByName(conn, "rc-dead")));
    testAssertState(alive, VIR_DOMAIN_RUNNING, -1);
    testAssertState(dead, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    g_assert_cmpint(virDomainGetID(alive), >, 0);

    /* The new state started the autostart guest. */
    g_assert_nonnull((autostarted = virDomainLookupByName(conn, "rc-auto")));
    g_assert_cmpint(virDomainGetAutostart(autostarted, &autostart), ==, 0);
    g_assert_cmpint(autostart, ==, 1);
    testAssertState(autostarted, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    g_assert_cmpint(virDomainGetID(autostarted), >, virDomainGetID(alive));
    n = virConnectListAllDomains(conn, &all, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    g_assert_cmpint(n, ==, 2);
    for (; n > 0; n--)
        virDomainFree(all[n - 1]);
    g_free(all);
    g_assert_cmpint(virDomainDestroy(autostarted), ==, 0);
    virDomainFree(autostarted);
    live = virDomainGetXMLDesc(alive, 0);
    g_assert_nonnull(strstr(live, "index='1'"));
    g_assert_cmpint((pid = testDomainPid(root, "rc-alive")), >, 0);

    /* The monitor answers: pause and resume work. */
    g_assert_cmpint(virDomainSuspend(alive), ==, 0);
    testAssertState(alive, VIR_DOMAIN_PAUSED, -1);
    g_assert_cmpint(virDomainResume(alive), ==, 0);
    g_assert_cmpint(virDomainDestroy(alive), ==, 0);
    testAssertState(alive, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    g_assert_true(testPidGone(pid));

    virDomainFree(alive);
    virDomainFree(dead);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
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
    int ret;

    g_test_init(&argc, &argv, NULL);
    if (!emulator || !qemuimg) {
        g_test_message("qemu-system-x86_64 or qemu-img is not installed");
        return 77;
    }
    /* With VIRTPLUG_QEMU_FORCE_TCG=1 the driver runs KVM guests on TCG:
     * ask for KVM then, so that the mapping is what runs. */
    testVirtType = testKVMUsable() ||
                   g_strcmp0(g_getenv("VIRTPLUG_QEMU_FORCE_TCG"), "1") == 0 ?
                   "kvm" : "qemu";

    testDir = g_dir_make_tmp("qemulifecycle-XXXXXX", NULL);
    testRoot = g_build_filename(testDir, "root", NULL);
    testURI = g_strdup_printf("qemu:///embed?root=%s", testRoot);

    /* Expected errors are checked, not printed. */
    virSetErrorFunc(NULL, testQuietErrors);
    virEventRegisterDefaultImpl();
    testLoop = g_thread_new("event-loop", testEventLoop, NULL);
    if (!(testConn = virConnectOpen(testURI)))
        g_error("cannot open %s: %s", testURI, virGetLastErrorMessage());
    testCallback = virConnectDomainEventRegisterAny(testConn, NULL,
                                                    VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                    TEST_EVENT_CALLBACK(testLifecycleEvent),
                                                    NULL, NULL);
    g_assert_cmpint(testCallback, >=, 0);

    g_test_add_func("/qemu/lifecycle/define-start-destroy", testDefineStartDestroy);
    g_test_add_func("/qemu/lifecycle/start-paused", testStartPaused);
    g_test_add_func("/qemu/lifecycle/shutdown", testShutdown);
    g_test_add_func("/qemu/lifecycle/managed-save", testManagedSave);
    g_test_add_func("/qemu/lifecycle/transient", testTransient);
    g_test_add_func("/qemu/lifecycle/command-line", testCommandLine);
    g_test_add_func("/qemu/lifecycle/capabilities", testCapabilities);
    g_test_add_func("/qemu/lifecycle/monitor-command", testMonitorCommand);
    g_test_add_func("/qemu/lifecycle/killed-outside", testKilledOutside);
    g_test_add_func("/qemu/lifecycle/bad/emulator", testBadEmulator);
    g_test_add_func("/qemu/lifecycle/bad/image-missing", testBadImage);
    g_test_add_func("/qemu/lifecycle/bad/image-in-use", testImageInUse);
    g_test_add_func("/qemu/lifecycle/reconnect", testReconnect);
    ret = g_test_run();

    virConnectDomainEventDeregisterAny(testConn, testCallback);
    virConnectClose(testConn);
    g_atomic_int_set(&testLoopQuit, 1);
    virEventAddTimeout(0, testWakeLoop, NULL, NULL);
    g_thread_join(testLoop);
    testRemoveTree(testDir);
    return ret;
}
