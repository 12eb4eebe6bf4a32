/*
 * testdrivertest.c: the test plugin, seen through the public API
 *
 * Every expectation (states, reasons, ids, events, error codes, domains
 * and messages) was taken from Debian's libvirt 9.0.0 test driver
 * (virsh -c test:///default and python3-libvirt).  The plugin comes from
 * VIRTPLUG_PLUGIN_DIR, which the harness points at the build tree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define TEST_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

/* VIR_DOMAIN_EVENT_CALLBACK() through void (*)(void), which
 * -Wcast-function-type accepts. */
#define TEST_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

static const char testDefaultXML[] =
    "<domain type='test' id='1'>\n"
    "  <name>test</name>\n"
    "  <uuid>" TEST_UUID "</uuid>\n"
    "  <memory unit='KiB'>8388608</memory>\n"
    "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
    "  <vcpu placement='static'>2</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/guest/diskimage1'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "    </disk>\n"
    "    <interface type='network'>\n"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "      <source network='default'/>\n"
    "      <target dev='testnet0'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
    "    </interface>\n"
    "    <memballoon model='virtio'>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
    "    </memballoon>\n"
    "  </devices>\n"
    "</domain>\n";

static const char testSmallXML[] =
    "<domain type='test'>\n"
    "  <name>%s</name>\n"
    "  <uuid>%s</uuid>\n"
    "  <memory>1048576</memory>\n"
    "  <vcpu>1</vcpu>\n"
    "  <os>\n"
    "    <type>hvm</type>\n"
    "  </os>\n"
    "</domain>\n";


static void
testQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


#define assertError(code, domain, message) \
    assertErrorFull(__FILE__, __LINE__, code, domain, message)

static void
assertErrorFull(const char *file, int line, int code, int domain,
                const char *message)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        g_error("%s:%d: expected error %d '%s', none set",
                file, line, code, message);
    if (err->code != code || err->domain != domain ||
        g_strcmp0(err->message, message) != 0)
        g_error("%s:%d: expected error %d/%d '%s', got %d/%d '%s'",
                file, line, code, domain, message,
                err->code, err->domain, err->message);
    virResetLastError();
}


#define assertState(dom, state, reason) \
    assertStateFull(__FILE__, __LINE__, dom, state, reason)

static void
assertStateFull(const char *file, int line, virDomainPtr dom,
                int state, int reason)
{
    int s = -1;
    int r = -1;

    if (virDomainGetState(dom, &s, &r, 0) < 0)
        g_error("%s:%d: virDomainGetState failed: %s", file, line,
                virGetLastErrorMessage());
    if (s != state || r != reason)
        g_error("%s:%d: expected state %d/%d, got %d/%d",
                file, line, state, reason, s, r);
}


static char *
testDataPath(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, "testdriverdata", name, NULL);
}


static char *
testDataURI(const char *name)
{
    g_autofree char *path = testDataPath(name);
    g_autofree char *abs = NULL;

    if (!g_path_is_absolute(path)) {
        g_autofree char *cwd = g_get_current_dir();

        abs = g_build_filename(cwd, path, NULL);
    } else {
        abs = g_steal_pointer(&path);
    }
    return g_strdup_printf("test://%s", abs);
}


static virDomainPtr
testDefineSmall(virConnectPtr conn, const char *name, const char *uuid)
{
    g_autofree char *xml = g_strdup_printf(testSmallXML, name, uuid);

    return virDomainDefineXML(conn, xml);
}


/* ------------------------------------------------------------------ */
/* Events (the first cases: they run before any loop is registered)   */

typedef struct {
    char *name;
    int id;
    int event;
    int detail;
} testEvent;

static GArray *testEvents;

static int
testLifecycleCallback(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                      int event, int detail, void *opaque G_GNUC_UNUSED)
{
    testEvent ev = {
        g_strdup(virDomainGetName(dom)), (int)virDomainGetID(dom),
        event, detail,
    };

    g_array_append_val(testEvents, ev);
    return 0;
}

static int testFreed;

static void
testFreeCallback(void *opaque)
{
    g_assert_cmpstr(opaque, ==, "opaque");
    testFreed++;
}


static void
testTimerFired(int timer G_GNUC_UNUSED, void *opaque)
{
    *(bool *)opaque = true;
}


/* Run the public event loop until every queued event is delivered:
 * events go out from an immediate timer, ours fires 20 ms later. */
static void
testRunLoop(void)
{
    bool fired = false;
    int timer = virEventAddTimeout(20, testTimerFired, &fired, NULL);

    g_assert_cmpint(timer, >=, 0);
    while (!fired)
        g_assert_cmpint(virEventRunDefaultImpl(), ==, 0);
    virEventRemoveTimeout(timer);
}


#define assertEvents(...) \
    assertEventsFull(__FILE__, __LINE__, \
                     (const testEvent[]){ __VA_ARGS__, { NULL, 0, 0, 0 } })

static void
assertEventsFull(const char *file, int line, const testEvent *expected)
{
    size_t i;

    testRunLoop();
    for (i = 0; expected[i].name; i++) {
        testEvent *got;

        if (i >= testEvents->len)
            g_error("%s:%d: missing event %zu (%s %d %d/%d)", file, line, i,
                    expected[i].name, expected[i].id, expected[i].event,
                    expected[i].detail);
        got = &g_array_index(testEvents, testEvent, i);
        if (g_strcmp0(got->name, expected[i].name) != 0 ||
            got->id != expected[i].id || got->event != expected[i].event ||
            got->detail != expected[i].detail)
            g_error("%s:%d: event %zu: expected %s %d %d/%d, got %s %d %d/%d",
                    file, line, i, expected[i].name, expected[i].id,
                    expected[i].event, expected[i].detail, got->name,
                    got->id, got->event, got->detail);
    }
    if (i != testEvents->len)
        g_error("%s:%d: %u events, %zu expected", file, line,
                testEvents->len, i);
    g_array_set_size(testEvents, 0);
}


static void
testEventsClear(void *data)
{
    g_free(((testEvent *)data)->name);
}


static bool testLoopRegistered;

/* Register the default event loop once; the case that checks behaviour
 * without a loop runs first, as it is added first. */
static void
testEnsureLoop(void)
{
    if (testLoopRegistered)
        return;
    g_assert_cmpint(virEventRegisterDefaultImpl(), ==, 0);
    testLoopRegistered = true;
}


/* Runs in a child process, so that no earlier test has registered the
 * event loop, whatever the order the cases run in. */
static void
testEventsWithoutLoop(void)
{
    virConnectPtr conn;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }
    g_assert_false(testLoopRegistered);
    conn = virConnectOpen("test:///default");
    g_assert_nonnull(conn);
    g_assert_cmpint(virConnectDomainEventRegisterAny(conn, NULL,
                                                     VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                     TEST_EVENT_CALLBACK(testLifecycleCallback),
                                                     NULL, NULL), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                "internal error: could not initialize domain event timer");

    g_assert_cmpint(virConnectDomainEventRegister(conn, testLifecycleCallback,
                                                  NULL, NULL), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                "internal error: could not initialize domain event timer");

    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, 3), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                "invalid argument: could not find event callback 3 for deletion");
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testEventsLifecycle(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virConnectPtr other = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr trans;
    g_autofree char *xml = NULL;
    g_autofree char *msg = NULL;
    int id1, id2;

    testEnsureLoop();
    g_assert_nonnull(dom);
    testFreed = 0;
    id1 = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                           TEST_EVENT_CALLBACK(testLifecycleCallback),
                                           "opaque", testFreeCallback);
    g_assert_cmpint(id1, >=, 0);
    /* The same callback for the same events again is refused... */
    g_assert_cmpint(virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                     TEST_EVENT_CALLBACK(testLifecycleCallback),
                                                     "opaque", testFreeCallback), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                "invalid argument: event callback already tracked");
    /* ... for a reboot, where it never fires, it is another callback. */
    id2 = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_REBOOT,
                                           TEST_EVENT_CALLBACK(testLifecycleCallback),
                                           "opaque", testFreeCallback);
    g_assert_cmpint(id2, >, id1);

    /* A change made on another connection of the shared default node. */
    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    assertEvents({ "test", 1, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED });
    g_assert_cmpint(virDomainResume(dom), ==, 0);
    assertEvents({ "test", 1, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED });

    /* libvirt's test driver reboots without any event. */
    g_assert_cmpint(virDomainReboot(dom, 0), ==, 0);
    testRunLoop();
    g_assert_cmpuint(testEvents->len, ==, 0);

    g_assert_cmpint(virDomainShutdown(dom), ==, 0);
    assertEvents({ "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN });
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    assertEvents({ "test", 2, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED });
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    assertEvents({ "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED });
    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    assertEvents({ "test", 3, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED });

    /* Undefining a running domain makes it transient; defining it
     * again updates the persistent definition it kept. */
    xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    assertEvents({ "test", 3, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED });
    virDomainFree(virDomainDefineXML(other, xml));
    assertEvents({ "test", 3, VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED });

    trans = virDomainCreateXML(other, "<domain type='test'><name>tr</name>"
                               "<uuid>6695eb01-f6a4-8304-79aa-97f2502e1930</uuid>"
                               "<memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    g_assert_nonnull(trans);
    assertEvents({ "tr", 4, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED });
    /* A transient domain's stop event still carries its id. */
    g_assert_cmpint(virDomainDestroy(trans), ==, 0);
    assertEvents({ "tr", 4, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED });
    virDomainFree(trans);

    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id1), ==, 0);
    g_assert_cmpint(testFreed, ==, 1);
    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id1), ==, -1);
    msg = g_strdup_printf("invalid argument: could not find event callback %d for deletion", id1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, msg);
    /* Another connection cannot remove our callback. */
    g_assert_cmpint(virConnectDomainEventDeregisterAny(other, id2), ==, -1);
    virResetLastError();
    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id2), ==, 0);
    g_assert_cmpint(testFreed, ==, 2);

    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    testRunLoop();
    g_assert_cmpuint(testEvents->len, ==, 0);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(other), ==, 0);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testEventsLegacyAndFilter(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr other = testDefineSmall(conn, "other",
                                         "11111111-2222-3333-4444-555555555555");
    int id;

    testEnsureLoop();
    g_assert_nonnull(other);
    g_assert_cmpint(virConnectDomainEventRegister(conn, testLifecycleCallback,
                                                  NULL, NULL), ==, 0);
    g_assert_cmpint(virConnectDomainEventRegister(conn, testLifecycleCallback,
                                                  NULL, NULL), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                "invalid argument: event callback already tracked");
    /* A per-domain registration of the same function is a new one. */
    id = virConnectDomainEventRegisterAny(conn, other, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          TEST_EVENT_CALLBACK(testLifecycleCallback),
                                          NULL, NULL);
    g_assert_cmpint(id, >=, 0);

    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    assertEvents({ "test", 1, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED });
    g_assert_cmpint(virDomainCreate(other), ==, 0);
    assertEvents({ "other", 2, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED },
                 { "other", 2, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED });

    g_assert_cmpint(virConnectDomainEventDeregister(conn, testLifecycleCallback), ==, 0);
    g_assert_cmpint(virConnectDomainEventDeregister(conn, testLifecycleCallback), ==, -1);
    g_assert_cmpint(virGetLastErrorCode(), ==, VIR_ERR_INVALID_ARG);
    g_assert_nonnull(strstr(virGetLastErrorMessage(), " not registered"));
    virResetLastError();

    g_assert_cmpint(virDomainDestroy(other), ==, 0);
    assertEvents({ "other", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED });
    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id), ==, 0);

    virDomainFree(other);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static int testSelfID = -1;

/* Removes itself on its first event: later events of the same flush
 * must not reach it, and its free callback runs once the flush ends. */
static int
testSelfRemovingCallback(virConnectPtr conn, virDomainPtr dom,
                         int event, int detail, void *opaque)
{
    testLifecycleCallback(conn, dom, event, detail, opaque);
    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, testSelfID), ==, 0);
    g_assert_cmpint(testFreed, ==, 0);
    return 0;
}


static void
testEventsDeregisterInCallback(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");

    testEnsureLoop();
    testFreed = 0;
    testSelfID = virConnectDomainEventRegisterAny(conn, NULL,
                                                  VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  TEST_EVENT_CALLBACK(testSelfRemovingCallback),
                                                  "opaque", testFreeCallback);
    g_assert_cmpint(testSelfID, >=, 0);

    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    g_assert_cmpint(virDomainResume(dom), ==, 0);
    assertEvents({ "test", 1, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED });
    g_assert_cmpint(testFreed, ==, 1);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* ------------------------------------------------------------------ */
/* test:///default                                                    */

static void
testDefaultObjects(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    unsigned long version = 0;
    virNodeInfo node;
    virDomainInfo info;
    virDomainPtr dom;
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;
    g_autofree char *ostype = NULL;
    g_autofree char *hostname = NULL;
    char host[256] = "";
    int ids[4];
    int autostart = -1;

    g_assert_nonnull(conn);
    g_assert_cmpstr(virConnectGetType(conn), ==, "TEST");
    g_assert_cmpint(virConnectGetVersion(conn, &version), ==, 0);
    g_assert_cmpuint(version, ==, 2);
    g_assert_cmpint(virConnectGetMaxVcpus(conn, NULL), ==, 32);
    g_assert_cmpint(virConnectIsAlive(conn), ==, 1);
    g_assert_cmpint(virConnectIsSecure(conn), ==, 1);
    g_assert_cmpint(virConnectIsEncrypted(conn), ==, 0);

    g_assert_cmpint(gethostname(host, sizeof(host) - 1), ==, 0);
    hostname = virConnectGetHostname(conn);
    g_assert_true(g_str_has_prefix(hostname, host));

    g_assert_cmpint(virNodeGetInfo(conn, &node), ==, 0);
    g_assert_cmpstr(node.model, ==, "i686");
    g_assert_cmpuint(node.memory, ==, 3145728);
    g_assert_cmpuint(node.cpus, ==, 16);
    g_assert_cmpuint(node.mhz, ==, 1400);
    g_assert_cmpuint(node.nodes, ==, 2);
    g_assert_cmpuint(node.sockets, ==, 2);
    g_assert_cmpuint(node.cores, ==, 2);
    g_assert_cmpuint(node.threads, ==, 2);
    g_assert_cmpuint(virNodeGetFreeMemory(conn), ==, 3145728);

    g_assert_cmpint(virConnectNumOfDomains(conn), ==, 1);
    g_assert_cmpint(virConnectListDomains(conn, ids, 4), ==, 1);
    g_assert_cmpint(ids[0], ==, 1);
    g_assert_cmpint(virConnectNumOfDefinedDomains(conn), ==, 0);

    dom = virDomainLookupByID(conn, 1);
    g_assert_nonnull(dom);
    g_assert_cmpstr(virDomainGetName(dom), ==, "test");
    g_assert_cmpint(virDomainGetUUIDString(dom, uuid), ==, 0);
    g_assert_cmpstr(uuid, ==, TEST_UUID);
    g_assert_cmpint(virDomainGetInfo(dom, &info), ==, 0);
    g_assert_cmpint(info.state, ==, VIR_DOMAIN_RUNNING);
    g_assert_cmpuint(info.maxMem, ==, 8388608);
    g_assert_cmpuint(info.memory, ==, 2097152);
    g_assert_cmpuint(info.nrVirtCpu, ==, 2);
    /* The default domain's reason is unknown, as in libvirt. */
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    ostype = virDomainGetOSType(dom);
    g_assert_cmpstr(ostype, ==, "linux");
    g_assert_cmpuint(virDomainGetMaxMemory(dom), ==, 8388608);
    g_assert_cmpint(virDomainGetAutostart(dom, &autostart), ==, 0);
    g_assert_cmpint(autostart, ==, 0);
    g_assert_cmpint(virDomainIsActive(dom), ==, 1);
    g_assert_cmpint(virDomainIsPersistent(dom), ==, 1);
    g_assert_cmpint(virDomainIsUpdated(dom), ==, 0);
    g_assert_cmpint(virDomainHasManagedSaveImage(dom, 0), ==, 0);

    xml = virDomainGetXMLDesc(dom, 0);
    g_assert_cmpstr(xml, ==, testDefaultXML);
    g_free(xml);
    xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_assert_true(g_str_has_prefix(xml, "<domain type='test'>\n"));
    g_assert_cmpstr(strchr(xml, '\n'), ==, strchr(testDefaultXML, '\n'));

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testDefaultCapabilities(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *caps = virConnectGetCapabilities(conn);

    g_assert_nonnull(caps);
    g_assert_true(g_str_has_prefix(caps, "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n"));
    g_assert_nonnull(strstr(caps, "      <cells num='2'>\n        <cell id='0'>\n"
                            "          <memory unit='KiB'>2097152</memory>\n"
                            "          <pages unit='KiB' size='4'>524288</pages>\n"));
    g_assert_nonnull(strstr(caps, "            <cpu id='15' socket_id='1' die_id='0' core_id='7' siblings='15'/>\n"));
    g_assert_nonnull(strstr(caps, "    <os_type>xen</os_type>\n"));
    g_assert_true(g_str_has_suffix(caps, "  </guest>\n\n</capabilities>\n"));
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* One default node per process, shared while a connection is open and
 * rebuilt from scratch after the last one closed. */
static void
testDefaultShared(void)
{
    virConnectPtr a = virConnectOpen("test:///default");
    virConnectPtr b = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(a, "test");
    virDomainPtr seen;

    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    seen = virDomainLookupByName(b, "test");
    assertState(seen, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    virDomainFree(seen);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(a), ==, 0);
    g_assert_cmpint(virConnectClose(b), ==, 0);

    a = virConnectOpen("test:///default");
    dom = virDomainLookupByName(a, "test");
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(a), ==, 0);
}


/* ------------------------------------------------------------------ */
/* Lifecycle                                                          */

static void
testLifecycle(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainInfo info;
    int autostart = -1;

    g_assert_cmpint(virDomainCreate(dom), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                "internal error: Domain 'test' is already running");
    g_assert_cmpint(virDomainResume(dom), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                "internal error: domain 'test' not paused");

    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    g_assert_cmpint(virDomainSuspend(dom), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                "internal error: domain 'test' not running");
    g_assert_cmpint(virDomainResume(dom), ==, 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);

    g_assert_cmpint(virDomainShutdown(dom), ==, 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    g_assert_cmpint(virDomainGetID(dom), ==, (unsigned int)-1);
    g_assert_cmpint(virDomainIsActive(dom), ==, 0);
    g_assert_cmpint(virDomainShutdown(dom), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                "internal error: domain 'test' not running");
    g_assert_cmpint(virDomainDestroy(dom), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain is not running");
    g_assert_cmpint(virDomainReboot(dom, 0), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain is not running");
    g_assert_cmpint(virDomainSuspend(dom), ==, -1);
    assertError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                "internal error: domain 'test' not running");
    g_assert_cmpint(virConnectNumOfDefinedDomains(conn), ==, 1);

    g_assert_cmpint(virDomainCreate(dom), ==, 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    g_assert_cmpuint(virDomainGetID(dom), ==, 2);
    g_assert_cmpint(virDomainReboot(dom, 0), ==, 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    g_assert_cmpint(virDomainReboot(dom, 0x20), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x20) in function testDomainReboot");
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);

    /* libvirt's test driver starts nothing paused. */
    g_assert_cmpint(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x1) in function testDomainCreateWithFlags");

    /* Memory of a stopped domain: only the maximum can change. */
    g_assert_cmpint(virDomainSetMaxMemory(dom, 100000), ==, 0);
    g_assert_cmpint(virDomainGetInfo(dom, &info), ==, 0);
    g_assert_cmpuint(info.maxMem, ==, 100000);
    g_assert_cmpuint(info.memory, ==, 100000);
    g_assert_cmpint(virDomainSetMemory(dom, 50000), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain is not running");
    g_assert_cmpint(virDomainSetMemoryFlags(dom, 60000, VIR_DOMAIN_AFFECT_CONFIG), ==, 0);
    g_assert_cmpint(virDomainGetInfo(dom, &info), ==, 0);
    g_assert_cmpuint(info.memory, ==, 60000);

    g_assert_cmpint(virDomainCreateWithFlags(dom, 0), ==, 0);
    g_assert_cmpint(virDomainSetMaxMemory(dom, 200000), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                "Requested operation is not valid: cannot resize the maximum memory on an active domain");
    g_assert_cmpint(virDomainSetMemory(dom, 5000000), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "invalid argument: cannot set memory higher than max memory");
    g_assert_cmpint(virDomainSetMemoryFlags(dom, 1000, VIR_DOMAIN_AFFECT_LIVE |
                                            VIR_DOMAIN_AFFECT_CONFIG), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    g_assert_cmpint(virDomainSetMemory(dom, 40000), ==, 0);
    g_assert_cmpint(virDomainGetInfo(dom, &info), ==, 0);
    g_assert_cmpuint(info.memory, ==, 40000);
    /* The persistent definition kept its own balloon. */
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainGetInfo(dom, &info), ==, 0);
    g_assert_cmpuint(info.memory, ==, 60000);

    g_assert_cmpint(virDomainSetAutostart(dom, 1), ==, 0);
    g_assert_cmpint(virDomainGetAutostart(dom, &autostart), ==, 0);
    g_assert_cmpint(autostart, ==, 1);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testDefineUndefine(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr trans;
    g_autofree char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *other = NULL;
    char *names[4] = { NULL };

    g_assert_null(virDomainLookupByName(conn, "nope"));
    assertError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    g_assert_null(virDomainLookupByID(conn, 5));
    assertError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");

    other = g_strdup_printf(testSmallXML, "t2", TEST_UUID);
    g_assert_null(virDomainDefineXML(conn, other));
    assertError(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain 'test' is already defined with uuid " TEST_UUID);
    g_free(other);
    other = g_strdup_printf(testSmallXML, "test", "6695eb01-f6a4-8304-79aa-97f2502e1930");
    g_assert_null(virDomainDefineXML(conn, other));
    assertError(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain 'test' already exists with uuid " TEST_UUID);
    g_assert_null(virDomainCreateXML(conn, xml, 0));
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain 'test' is already active");

    /* A transient domain: it goes away when it stops. */
    g_free(other);
    other = g_strdup_printf(testSmallXML, "tr", "6695eb01-f6a4-8304-79aa-97f2502e1931");
    trans = virDomainCreateXML(conn, other, 0);
    g_assert_nonnull(trans);
    g_assert_cmpuint(virDomainGetID(trans), ==, 2);
    g_assert_cmpint(virDomainIsPersistent(trans), ==, 0);
    assertState(trans, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    g_assert_cmpint(virDomainSetMemoryFlags(trans, 1000, VIR_DOMAIN_AFFECT_CONFIG), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: transient domains do not have any persistent config");
    g_assert_cmpint(virDomainShutdown(trans), ==, 0);
    g_assert_cmpint(virDomainIsActive(trans), ==, -1);
    assertError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                "Domain not found: no domain with matching uuid '6695eb01-f6a4-8304-79aa-97f2502e1931' (tr)");
    virDomainFree(trans);

    /* Undefine of a running domain leaves it transient until it stops. */
    g_assert_cmpint(virDomainUndefine(dom), ==, 0);
    g_assert_cmpint(virDomainIsPersistent(dom), ==, 0);
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_null(virDomainLookupByName(conn, "test"));
    virResetLastError();
    virDomainFree(dom);

    dom = virDomainDefineXML(conn, xml);
    g_assert_nonnull(dom);
    g_assert_cmpint(virConnectListDefinedDomains(conn, names, 4), ==, 1);
    g_assert_cmpstr(names[0], ==, "test");
    free(names[0]);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    g_assert_cmpint(virDomainUndefineFlags(dom, 0x4), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x4) in function testDomainUndefineFlags");
    g_assert_cmpint(virDomainUndefineFlags(dom, 0), ==, 0);
    g_assert_cmpint(virConnectNumOfDefinedDomains(conn), ==, 0);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testListAll(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr defined = testDefineSmall(conn, "defined",
                                           "11111111-2222-3333-4444-555555555555");
    virDomainPtr *doms = NULL;
    struct {
        unsigned int flags;
        const char *names;
    } cases[] = {
        { 0, "test defined" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE, "test" },
        { VIR_CONNECT_LIST_DOMAINS_INACTIVE, "defined" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE, "test defined" },
        { VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "test defined" },
        { VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "" },
        { VIR_CONNECT_LIST_DOMAINS_RUNNING, "test" },
        { VIR_CONNECT_LIST_DOMAINS_PAUSED, "" },
        { VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_PAUSED, "defined" },
        { VIR_CONNECT_LIST_DOMAINS_OTHER, "" },
        { VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "defined" },
        { VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, "test" },
        { VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, "test defined" },
        { VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, "test" },
        { VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "defined" },
    };
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainSnapshotPtr snap;
    size_t i;
    int n;

    g_assert_cmpint(virDomainSetAutostart(defined, 1), ==, 0);
    snap = virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0);
    g_assert_nonnull(snap);
    virDomainSnapshotFree(snap);

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) names = g_string_new(NULL);
        int j;

        n = virConnectListAllDomains(conn, &doms, cases[i].flags);
        g_assert_cmpint(n, >=, 0);
        for (j = 0; j < n; j++) {
            g_string_append_printf(names, "%s%s", j ? " " : "",
                                   virDomainGetName(doms[j]));
            virDomainFree(doms[j]);
        }
        free(doms);
        if (g_strcmp0(names->str, cases[i].names) != 0)
            g_error("flags 0x%x: expected '%s', got '%s'", cases[i].flags,
                    cases[i].names, names->str);
    }
    g_assert_cmpint(virConnectListAllDomains(conn, NULL, 1U << 16), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x10000) in function testConnectListAllDomains");

    g_assert_cmpint(virDomainUndefine(defined), ==, 0);
    virDomainFree(defined);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* ------------------------------------------------------------------ */
/* Snapshots                                                          */

static virDomainSnapshotPtr
testSnapshot(virDomainPtr dom, const char *name, unsigned int flags)
{
    g_autofree char *xml =
        g_strdup_printf("<domainsnapshot><name>%s</name></domainsnapshot>", name);
    virDomainSnapshotPtr snap = virDomainSnapshotCreateXML(dom, xml, flags);

    if (!snap)
        g_error("snapshot %s: %s", name, virGetLastErrorMessage());
    return snap;
}


static char *
testSnapshotNames(virDomainPtr dom, virDomainSnapshotPtr from, unsigned int flags)
{
    virDomainSnapshotPtr *snaps = NULL;
    GString *names = g_string_new(NULL);
    int n;
    int i;

    if (from)
        n = virDomainSnapshotListAllChildren(from, &snaps, flags);
    else
        n = virDomainListAllSnapshots(dom, &snaps, flags);
    g_assert_cmpint(n, >=, 0);
    for (i = 0; i < n; i++) {
        g_string_append_printf(names, "%s%s", i ? " " : "",
                               virDomainSnapshotGetName(snaps[i]));
        virDomainSnapshotFree(snaps[i]);
    }
    free(snaps);
    return g_string_free(names, FALSE);
}


#define assertSnapshots(dom, from, flags, expected) \
    do { \
        g_autofree char *names_ = testSnapshotNames(dom, from, flags); \
        g_assert_cmpstr(names_, ==, expected); \
    } while (0)


static void
testSnapshotTree(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainSnapshotPtr a, b, c, p, off, cur, parent;
    g_autofree char *xml = NULL;

    g_assert_cmpint(virDomainHasCurrentSnapshot(dom, 0), ==, 0);
    g_assert_null(virDomainSnapshotCurrent(dom, 0));
    assertError(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST,
                "Domain snapshot not found: the domain does not have a current snapshot");
    g_assert_null(virDomainSnapshotLookupByName(dom, "x", 0));
    assertError(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST,
                "Domain snapshot not found: no domain snapshot with matching name 'x'");

    a = testSnapshot(dom, "a", 0);
    g_assert_null(virDomainSnapshotGetParent(a, 0));
    assertError(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST,
                "Domain snapshot not found: snapshot 'a' does not have a parent");
    b = testSnapshot(dom, "b", 0);
    c = testSnapshot(dom, "c", 0);
    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    p = testSnapshot(dom, "p", 0);
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    off = testSnapshot(dom, "off", 0);

    g_assert_null(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>a</name></domainsnapshot>", 0));
    assertError(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain moment a already exists");
    g_assert_null(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>x</name></domainsnapshot>",
                                             VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY));
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x10) in function testDomainSnapshotCreateXML");

    xml = virDomainSnapshotGetXMLDesc(off, 0);
    g_assert_true(g_str_has_prefix(xml, "<domainsnapshot>\n  <name>off</name>\n"
                                   "  <state>shutoff</state>\n  <parent>\n"
                                   "    <name>p</name>\n  </parent>\n"
                                   "  <creationTime>"));
    g_assert_nonnull(strstr(xml, "  <memory snapshot='no'/>\n"));
    g_assert_nonnull(strstr(xml, "  <domain type='test'>\n    <name>test</name>\n"));
    g_clear_pointer(&xml, g_free);
    xml = virDomainSnapshotGetXMLDesc(p, 0);
    g_assert_nonnull(strstr(xml, "  <state>paused</state>\n"));
    g_assert_nonnull(strstr(xml, "  <memory snapshot='internal'/>\n"));

    cur = virDomainSnapshotCurrent(dom, 0);
    g_assert_cmpstr(virDomainSnapshotGetName(cur), ==, "off");
    virDomainSnapshotFree(cur);
    g_assert_cmpint(virDomainSnapshotIsCurrent(off, 0), ==, 1);
    g_assert_cmpint(virDomainSnapshotIsCurrent(a, 0), ==, 0);
    g_assert_cmpint(virDomainSnapshotHasMetadata(a, 0), ==, 1);
    parent = virDomainSnapshotGetParent(b, 0);
    g_assert_cmpstr(virDomainSnapshotGetName(parent), ==, "a");
    virDomainSnapshotFree(parent);

    /* The list filters, as Debian's libvirt answers them. */
    g_assert_cmpint(virDomainSnapshotNum(dom, 0), ==, 5);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "a b c p off");
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, "a");
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES, "off");
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES), ==, 4);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA), ==, 0);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_METADATA), ==, 5);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE, "off");
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE), ==, 4);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY), ==, 0);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL), ==, 5);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL), ==, 0);
    g_assert_cmpint(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS |
                                         VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), ==, 0);
    assertSnapshots(dom, a, 0, "b");
    assertSnapshots(dom, a, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS |
                    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "b c p off");
    g_assert_cmpint(virDomainSnapshotNumChildren(a, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS), ==, 4);
    g_assert_cmpint(virDomainSnapshotNumChildren(off, 0), ==, 0);

    /* A stopped domain with snapshots needs the metadata flag. */
    g_assert_cmpint(virDomainUndefine(dom), ==, -1);
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                "Requested operation is not valid: cannot delete inactive domain with 5 snapshots");

    /* Deleting "b" hands "c" to "a". */
    g_assert_cmpint(virDomainSnapshotDelete(b, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x2) in function testDomainSnapshotDelete");
    g_assert_cmpint(virDomainSnapshotDelete(b, 0), ==, 0);
    parent = virDomainSnapshotGetParent(c, 0);
    g_assert_cmpstr(virDomainSnapshotGetName(parent), ==, "a");
    virDomainSnapshotFree(parent);
    g_clear_pointer(&xml, g_free);
    xml = virDomainSnapshotGetXMLDesc(c, 0);
    g_assert_nonnull(strstr(xml, "  <parent>\n    <name>a</name>\n  </parent>\n"));
    assertSnapshots(dom, a, 0, "c");
    g_assert_null(virDomainSnapshotLookupByName(dom, "b", 0));
    virResetLastError();

    /* Deleting the current snapshot makes its parent current. */
    g_assert_cmpint(virDomainSnapshotDelete(off, 0), ==, 0);
    cur = virDomainSnapshotCurrent(dom, 0);
    g_assert_cmpstr(virDomainSnapshotGetName(cur), ==, "p");
    virDomainSnapshotFree(cur);

    /* CHILDREN_ONLY keeps "c", CHILDREN takes "a" too. */
    g_assert_cmpint(virDomainSnapshotDelete(c, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY), ==, 0);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "a c");
    cur = virDomainSnapshotCurrent(dom, 0);
    g_assert_cmpstr(virDomainSnapshotGetName(cur), ==, "c");
    virDomainSnapshotFree(cur);
    g_assert_cmpint(virDomainSnapshotDelete(a, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN), ==, 0);
    g_assert_cmpint(virDomainSnapshotNum(dom, 0), ==, 0);
    g_assert_cmpint(virDomainHasCurrentSnapshot(dom, 0), ==, 0);

    virDomainSnapshotFree(a);
    virDomainSnapshotFree(b);
    virDomainSnapshotFree(c);
    virDomainSnapshotFree(p);
    virDomainSnapshotFree(off);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testSnapshotRedefine(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    g_autofree char *domxml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *r1 = g_strdup_printf("<domainsnapshot><name>r1</name><state>running</state>"
                                          "<creationTime>5</creationTime>%s</domainsnapshot>",
                                          domxml);
    g_autofree char *r2 = g_strdup_printf("<domainsnapshot><name>r2</name><state>running</state>"
                                          "<parent><name>r1</name></parent>"
                                          "<creationTime>6</creationTime>%s</domainsnapshot>",
                                          domxml);
    g_autofree char *loop = g_strdup_printf("<domainsnapshot><name>r1</name><state>running</state>"
                                            "<parent><name>r2</name></parent>"
                                            "<creationTime>5</creationTime>%s</domainsnapshot>",
                                            domxml);
    g_autofree char *xml = NULL;
    virDomainSnapshotPtr snap;

    snap = virDomainSnapshotCreateXML(dom, r1, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
    g_assert_nonnull(snap);
    /* Redefinition does not touch the current snapshot unless asked. */
    g_assert_cmpint(virDomainHasCurrentSnapshot(dom, 0), ==, 0);
    xml = virDomainSnapshotGetXMLDesc(snap, 0);
    g_assert_nonnull(strstr(xml, "  <creationTime>5</creationTime>\n"));
    virDomainSnapshotFree(snap);

    snap = virDomainSnapshotCreateXML(dom, r2, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                      VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    g_assert_nonnull(snap);
    g_assert_cmpint(virDomainSnapshotIsCurrent(snap, 0), ==, 1);
    virDomainSnapshotFree(snap);

    g_assert_null(virDomainSnapshotCreateXML(dom, loop, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE));
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                "invalid argument: parent r2 would create cycle to r1");

    /* A new snapshot's parent is the current one. */
    snap = testSnapshot(dom, "n", 0);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "r1 r2 n");
    virDomainSnapshotFree(snap);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* Only a running or paused domain has the fake label; an inactive one
 * gets an empty, non-enforcing label, so virsh dominfo omits it. */
static void
testSecurityLabel(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virSecurityLabel label;

    g_assert_cmpint(virDomainGetSecurityLabel(dom, &label), ==, 0);
    g_assert_cmpstr(label.label, ==, "libvirt-test");
    g_assert_cmpint(label.enforcing, ==, 1);
    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    g_assert_cmpint(virDomainGetSecurityLabel(dom, &label), ==, 0);
    g_assert_cmpstr(label.label, ==, "libvirt-test");
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    g_assert_cmpint(virDomainGetSecurityLabel(dom, &label), ==, 0);
    g_assert_cmpstr(label.label, ==, "");
    g_assert_cmpint(label.enforcing, ==, 0);

    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* The order libvirt 9.0's test driver answers in: a parent's newest (or
 * last redefined) child first; a deleted snapshot's children take its
 * place ahead of their new siblings.  Making an existing snapshot current
 * is a redefinition of it in place (virsh snapshot-current). */
static void
testSnapshotOrder(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainSnapshotPtr s1, s2, x1, x2, x3, b1, cur;
    g_autofree char *xml = NULL;

    s1 = testSnapshot(dom, "s1", 0);
    s2 = testSnapshot(dom, "s2", 0);
    xml = virDomainSnapshotGetXMLDesc(s1, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    cur = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    g_assert_nonnull(cur);
    g_assert_cmpint(virDomainSnapshotIsCurrent(s1, 0), ==, 1);
    virDomainSnapshotFree(cur);
    g_assert_cmpint(virDomainSnapshotNumChildren(s1, 0), ==, 1);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, "s1");

    b1 = testSnapshot(dom, "b1", 0);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "s1 b1 s2");
    assertSnapshots(dom, s1, 0, "b1 s2");

    /* Redefined without CURRENT: s2 moves first, b1 stays current. */
    g_clear_pointer(&xml, g_free);
    xml = virDomainSnapshotGetXMLDesc(s2, 0);
    cur = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
    g_assert_nonnull(cur);
    virDomainSnapshotFree(cur);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "s1 s2 b1");
    g_assert_cmpint(virDomainSnapshotIsCurrent(b1, 0), ==, 1);

    /* x1's children y x3 go ahead of x1's sibling x2 under b1. */
    x1 = testSnapshot(dom, "x1", 0);
    x2 = testSnapshot(dom, "x2", 0);
    g_clear_pointer(&xml, g_free);
    xml = virDomainSnapshotGetXMLDesc(x1, 0);
    cur = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    virDomainSnapshotFree(cur);
    x3 = testSnapshot(dom, "x3", 0);
    cur = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    virDomainSnapshotFree(cur);
    virDomainSnapshotFree(testSnapshot(dom, "y", 0));
    assertSnapshots(dom, b1, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS |
                    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "x1 y x3 x2");
    g_assert_cmpint(virDomainSnapshotDelete(x1, 0), ==, 0);
    assertSnapshots(dom, b1, 0, "y x3 x2");
    g_assert_cmpint(virDomainSnapshotDelete(s1, 0), ==, 0);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, "s2 b1");

    virDomainSnapshotFree(s1);
    virDomainSnapshotFree(s2);
    virDomainSnapshotFree(b1);
    virDomainSnapshotFree(x1);
    virDomainSnapshotFree(x2);
    virDomainSnapshotFree(x3);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testSnapshotRevert(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainSnapshotPtr run, paused, off;
    int id;

    testEnsureLoop();
    id = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          TEST_EVENT_CALLBACK(testLifecycleCallback),
                                          NULL, NULL);
    g_assert_cmpint(id, >=, 0);

    run = testSnapshot(dom, "run", 0);
    g_assert_cmpint(virDomainSuspend(dom), ==, 0);
    paused = testSnapshot(dom, "paused", 0);
    g_assert_cmpint(virDomainDestroy(dom), ==, 0);
    off = testSnapshot(dom, "off", 0);
    assertEvents({ "test", 1, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED },
                 { "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED });

    /* inactive -> running */
    g_assert_cmpint(virDomainRevertToSnapshot(run, 0), ==, 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    assertEvents({ "test", 2, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT });

    /* active -> paused: libvirt 9.0 restarts the guest */
    g_assert_cmpint(virDomainRevertToSnapshot(paused, 0), ==, 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    assertEvents({ "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT },
                 { "test", 3, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT },
                 { "test", 3, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT });

    /* paused -> running snapshot, forced to run */
    g_assert_cmpint(virDomainRevertToSnapshot(paused, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING), ==, 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    assertEvents({ "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT },
                 { "test", 4, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT });

    /* running -> inactive */
    g_assert_cmpint(virDomainRevertToSnapshot(off, 0), ==, 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    assertEvents({ "test", -1, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT });

    /* inactive -> inactive: nothing happens */
    g_assert_cmpint(virDomainRevertToSnapshot(off, 0), ==, 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    testRunLoop();
    g_assert_cmpuint(testEvents->len, ==, 0);

    /* inactive -> running snapshot asked paused */
    g_assert_cmpint(virDomainRevertToSnapshot(run, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED), ==, 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    assertEvents({ "test", 5, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT },
                 { "test", 5, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT });

    g_assert_cmpint(virDomainRevertToSnapshot(run, 0x8), ==, -1);
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "unsupported flags (0x8) in function testDomainRevertToSnapshot");
    {
        virDomainSnapshotPtr cur = virDomainSnapshotCurrent(dom, 0);

        g_assert_cmpstr(virDomainSnapshotGetName(cur), ==, "run");
        virDomainSnapshotFree(cur);
    }

    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id), ==, 0);
    virDomainSnapshotFree(run);
    virDomainSnapshotFree(paused);
    virDomainSnapshotFree(off);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testSnapshotHalt(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainSnapshotPtr snap;
    virDomainPtr trans;
    g_autofree char *xml = g_strdup_printf(testSmallXML, "tr",
                                           "6695eb01-f6a4-8304-79aa-97f2502e1931");

    snap = testSnapshot(dom, "h", VIR_DOMAIN_SNAPSHOT_CREATE_HALT);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    virDomainSnapshotFree(snap);

    trans = virDomainCreateXML(conn, xml, 0);
    g_assert_null(virDomainSnapshotCreateXML(trans, "<domainsnapshot/>",
                                             VIR_DOMAIN_SNAPSHOT_CREATE_HALT));
    assertError(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                "Requested operation is not valid: cannot halt after transient domain snapshot");
    virDomainDestroy(trans);
    virDomainFree(trans);

    g_assert_cmpint(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), ==, 0);
    virDomainFree(dom);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* ------------------------------------------------------------------ */
/* Threads                                                            */

static gint testWorkersLeft;

static gpointer
testThreadWorker(gpointer opaque)
{
    int n = GPOINTER_TO_INT(opaque);
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *name = g_strdup_printf("worker%d", n);
    g_autofree char *uuid = g_strdup_printf("%08x-2222-3333-4444-555555555555", n + 1);
    virDomainPtr test = virDomainLookupByName(conn, "test");
    int i;

    for (i = 0; i < 200; i++) {
        virDomainPtr dom = testDefineSmall(conn, name, uuid);
        virDomainPtr *all = NULL;
        int j;
        int k;

        g_assert_nonnull(dom);
        g_assert_cmpint(virDomainCreate(dom), ==, 0);
        /* Another worker may have paused "test": both outcomes are fine. */
        if (virDomainSuspend(test) == 0)
            virDomainResume(test);
        virResetLastError();
        k = virConnectListAllDomains(conn, &all, 0);
        g_assert_cmpint(k, >=, 2);
        for (j = 0; j < k; j++)
            virDomainFree(all[j]);
        free(all);
        g_assert_cmpint(virDomainDestroy(dom), ==, 0);
        g_assert_cmpint(virDomainUndefine(dom), ==, 0);
        virDomainFree(dom);
    }
    virDomainFree(test);
    g_assert_cmpint(virConnectClose(conn), >=, 0);
    g_atomic_int_dec_and_test(&testWorkersLeft);
    return NULL;
}


static int testThreadEvents;

static int
testCountingCallback(virConnectPtr conn G_GNUC_UNUSED,
                     virDomainPtr dom G_GNUC_UNUSED,
                     int event G_GNUC_UNUSED, int detail G_GNUC_UNUSED,
                     void *opaque G_GNUC_UNUSED)
{
    testThreadEvents++;
    return 0;
}


/* Four connections change the shared node at once while this thread
 * delivers their events. */
static void
testThreads(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    GThread *threads[4];
    size_t i;
    int id;

    testEnsureLoop();
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          TEST_EVENT_CALLBACK(testCountingCallback),
                                          NULL, NULL);
    g_assert_cmpint(id, >=, 0);
    testThreadEvents = 0;

    g_atomic_int_set(&testWorkersLeft, G_N_ELEMENTS(threads));
    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        threads[i] = g_thread_new("worker", testThreadWorker, GINT_TO_POINTER(i));
    while (g_atomic_int_get(&testWorkersLeft) > 0)
        testRunLoop();
    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        g_thread_join(threads[i]);
    testRunLoop();

    /* Each round: defined, started, stopped, undefined. */
    g_assert_cmpint(testThreadEvents, >=, 4 * 200 * 4);
    g_assert_cmpint(virConnectDomainEventDeregisterAny(conn, id), ==, 0);
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


/* ------------------------------------------------------------------ */
/* test:///PATH.xml                                                   */

static void
testFileNode(void)
{
    g_autofree char *uri = testDataURI("node.xml");
    virConnectPtr conn = virConnectOpen(uri);
    virNodeInfo node;
    virDomainPtr dom;
    virDomainSnapshotPtr cur;
    int ids[4];
    char *names[4] = { NULL };

    g_assert_nonnull(conn);
    g_assert_cmpint(virNodeGetInfo(conn, &node), ==, 0);
    g_assert_cmpstr(node.model, ==, "x86_64");
    g_assert_cmpuint(node.cpus, ==, 12);
    g_assert_cmpuint(node.mhz, ==, 2000);
    g_assert_cmpuint(node.nodes, ==, 1);
    g_assert_cmpuint(node.sockets, ==, 2);
    g_assert_cmpuint(node.cores, ==, 4);
    g_assert_cmpuint(node.threads, ==, 2);
    g_assert_cmpuint(node.memory, ==, 4194304);

    g_assert_cmpint(virConnectListDomains(conn, ids, 4), ==, 2);
    g_assert_cmpint(ids[0], ==, 1);
    g_assert_cmpint(ids[1], ==, 2);
    g_assert_cmpint(virConnectListDefinedDomains(conn, names, 4), ==, 1);
    g_assert_cmpstr(names[0], ==, "offline");
    free(names[0]);

    dom = virDomainLookupByName(conn, "transient");
    assertState(dom, VIR_DOMAIN_PAUSED, 0);
    g_assert_cmpint(virDomainIsPersistent(dom), ==, 0);
    virDomainFree(dom);

    dom = virDomainLookupByName(conn, "offline");
    assertState(dom, VIR_DOMAIN_SHUTOFF, 0);
    assertSnapshots(dom, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "base child");
    cur = virDomainSnapshotCurrent(dom, 0);
    g_assert_nonnull(cur);
    g_assert_cmpstr(virDomainSnapshotGetName(cur), ==, "child");
    virDomainSnapshotFree(cur);
    virDomainFree(dom);

    /* Its own state: the default node is not touched. */
    dom = virDomainLookupByName(conn, "test");
    g_assert_null(dom);
    assertError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    g_assert_cmpint(virConnectClose(conn), ==, 0);
}


static void
testFileErrors(void)
{
    g_autofree char *notnode = testDataURI("notnode.xml");

    g_assert_null(virConnectOpen("test:///"));
    assertError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                "invalid argument: testOpen: supply a path or use test:///default");
    g_assert_null(virConnectOpen("test:///nonexistent/node.xml"));
    assertError(VIR_ERR_XML_ERROR, VIR_FROM_TEST,
                "XML error: failed to parse xml document '/nonexistent/node.xml'");
    g_assert_null(virConnectOpen(notnode));
    assertError(VIR_ERR_XML_ERROR, VIR_FROM_TEST,
                "XML error: expecting root element of 'node', not 'domain'");
}


/* Node files written on the fly: each must be refused with libvirt's
 * wording, or with ours for what libvirt silently ignores. */
static void
testFileBad(void)
{
    g_autofree char *dir = g_dir_make_tmp("testdrivertest-XXXXXX", NULL);
    struct {
        const char *xml;
        int code;
        const char *message;
    } cases[] = {
        { "<node><domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
          "<name>a</name><memory>1024</memory><os><type>hvm</type></os>"
          "<test:runstate>9</test:runstate></domain></node>",
          VIR_ERR_XML_ERROR, "XML error: runstate '9' out of range'" },
        { "<node><domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
          "<name>a</name><memory>1024</memory><os><type>hvm</type></os>"
          "<test:transient/><test:runstate>5</test:runstate></domain></node>",
          VIR_ERR_XML_ERROR, "XML error: transient domain cannot have runstate 'shutoff'" },
        { "<node><cpu><mhz>fast</mhz></cpu></node>",
          VIR_ERR_XML_ERROR, "XML error: invalid node cpu mhz value" },
        { "<node><bogus/></node>",
          VIR_ERR_XML_ERROR, "XML error: unsupported element 'bogus' in element 'node'" },
        { "<node><domain file='missing.xml'/></node>",
          VIR_ERR_XML_ERROR, NULL },
    };
    size_t i;

    g_assert_nonnull(dir);
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = g_strdup_printf("%s/node%zu.xml", dir, i);
        g_autofree char *uri = g_strdup_printf("test://%s", path);
        virErrorPtr err;

        g_assert_true(g_file_set_contents(path, cases[i].xml, -1, NULL));
        g_assert_null(virConnectOpen(uri));
        err = virGetLastError();
        g_assert_nonnull(err);
        g_assert_cmpint(err->code, ==, cases[i].code);
        g_assert_cmpint(err->domain, ==, VIR_FROM_TEST);
        if (cases[i].message)
            g_assert_cmpstr(err->message, ==, cases[i].message);
        virResetLastError();
        g_assert_cmpint(g_unlink(path), ==, 0);
    }
    g_assert_cmpint(g_rmdir(dir), ==, 0);
}


int
main(int argc, char **argv)
{
    const char *plugins = g_getenv("VIRTPLUG_PLUGINS");
    int ret;

    if (plugins) {
        g_auto(GStrv) list = g_strsplit(plugins, " ", -1);

        if (!g_strv_contains((const char *const *)list, "test")) {
            printf("1..0 # SKIP the test plugin is not built\n");
            return 0;
        }
    }

    g_test_init(&argc, &argv, NULL);
    virSetErrorFunc(NULL, testQuietErrors);
    testEvents = g_array_new(FALSE, TRUE, sizeof(testEvent));
    g_array_set_clear_func(testEvents, testEventsClear);

    /* Before virEventRegisterDefaultImpl(): in order. */
    g_test_add_func("/testdriver/events/without-loop", testEventsWithoutLoop);
    g_test_add_func("/testdriver/events/lifecycle", testEventsLifecycle);
    g_test_add_func("/testdriver/events/legacy-and-filter", testEventsLegacyAndFilter);
    g_test_add_func("/testdriver/events/deregister-in-callback",
                    testEventsDeregisterInCallback);
    g_test_add_func("/testdriver/default/objects", testDefaultObjects);
    g_test_add_func("/testdriver/default/capabilities", testDefaultCapabilities);
    g_test_add_func("/testdriver/default/shared", testDefaultShared);
    g_test_add_func("/testdriver/domain/lifecycle", testLifecycle);
    g_test_add_func("/testdriver/domain/define-undefine", testDefineUndefine);
    g_test_add_func("/testdriver/domain/list-all", testListAll);
    g_test_add_func("/testdriver/domain/security-label", testSecurityLabel);
    g_test_add_func("/testdriver/snapshot/tree", testSnapshotTree);
    g_test_add_func("/testdriver/snapshot/redefine", testSnapshotRedefine);
    g_test_add_func("/testdriver/snapshot/order", testSnapshotOrder);
    g_test_add_func("/testdriver/snapshot/revert", testSnapshotRevert);
    g_test_add_func("/testdriver/snapshot/halt", testSnapshotHalt);
    g_test_add_func("/testdriver/stress/threads", testThreads);
    g_test_add_func("/testdriver/file/node", testFileNode);
    g_test_add_func("/testdriver/file/errors", testFileErrors);
    g_test_add_func("/testdriver/file/bad", testFileBad);

    ret = g_test_run();
    g_array_unref(testEvents);
    return ret;
}
