/*
 * test_driver.c: test connections, the host they pretend to run on
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"
#include "test_private.h"
#include "domain_event.h"
#include "virbuffer.h"
#include "virerror.h"
#include "virlog.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_TEST


/**
 * testDriverNew:
 *
 * Returns a driver state with one reference, no domains and libvirt's
 * default node: an i686 host with 16 CPUs and 3 GiB.
 */
testDriver *
testDriverNew(void)
{
    testDriver *driver = g_new0(testDriver, 1);

    driver->refs = 1;
    g_strlcpy(driver->nodeInfo.model, TEST_MODEL, sizeof(driver->nodeInfo.model));
    driver->nodeInfo.memory = 3 * 1024 * 1024;
    driver->nodeInfo.cpus = 16;
    driver->nodeInfo.mhz = 1400;
    driver->nodeInfo.nodes = 2;
    driver->nodeInfo.sockets = 2;
    driver->nodeInfo.cores = 2;
    driver->nodeInfo.threads = 2;
    driver->domains = virDomainObjListNew();
    driver->eventState = virObjectEventStateNew();
    return driver;
}


/**
 * testDriverRef:
 * @driver: a driver state
 *
 * Returns @driver with one more reference.
 */
testDriver *
testDriverRef(testDriver *driver)
{
    g_atomic_int_inc(&driver->refs);
    return driver;
}


/**
 * testDriverUnref:
 * @driver: a driver state, or NULL
 *
 * Drop a reference; the last one frees the domains and the event state.
 */
void
testDriverUnref(testDriver *driver)
{
    if (!driver || !g_atomic_int_dec_and_test(&driver->refs))
        return;
    virDomainObjListFree(driver->domains);
    virObjectEventStateUnref(driver->eventState);
    g_free(driver->cells);
    g_free(driver);
}


/**
 * testDriverFromConn:
 * @conn: an open test connection
 *
 * Returns the connection's driver state (not referenced).
 */
testDriver *
testDriverFromConn(virConnectPtr conn)
{
    return virConnectGetPrivateData(conn);
}


static int
testDriverOpenFile(const char *path, testDriver **driver)
{
    testDriver *file = testDriverNew();

    if (testDriverLoadFile(file, path) < 0) {
        testDriverUnref(file);
        return -1;
    }
    *driver = file;
    return 0;
}


/**
 * testConnectOpen:
 *
 * test:///default shares one state in the process; test:///PATH.xml
 * loads a node description of its own.  Other schemes and URIs naming
 * a server are not ours.
 */
virDrvOpenStatus
testConnectOpen(virConnectPtr conn,
                virConnectAuthPtr auth G_GNUC_UNUSED,
                unsigned int flags)
{
    const virURI *uri = virConnectGetParsedURI(conn);
    testDriver *driver = NULL;
    int rc;

    virCheckFlags(VIR_CONNECT_RO, VIR_DRV_OPEN_ERROR);

    if (!uri || !uri->scheme || STRNEQ(uri->scheme, "test") || uri->server)
        return VIR_DRV_OPEN_DECLINED;

    if (!uri->path || STREQ(uri->path, "") || STREQ(uri->path, "/")) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("testOpen: supply a path or use test:///default"));
        return VIR_DRV_OPEN_ERROR;
    }

    if (STREQ(uri->path, "/default"))
        rc = testDriverOpenDefault(&driver);
    else
        rc = testDriverOpenFile(uri->path, &driver);
    if (rc < 0)
        return VIR_DRV_OPEN_ERROR;

    virConnectSetPrivateData(conn, driver);
    return VIR_DRV_OPEN_SUCCESS;
}


/**
 * testConnectClose:
 *
 * Drop the connection's reference on its state.
 */
int
testConnectClose(virConnectPtr conn)
{
    testDriverCloseDefault(testDriverFromConn(conn));
    virConnectSetPrivateData(conn, NULL);
    return 0;
}


/**
 * testConnectGetType:
 *
 * Returns "TEST", as libvirt's test driver.
 */
const char *
testConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return "TEST";
}


/**
 * testConnectGetVersion:
 *
 * The test hypervisor is version 0.0.2 (virsh version says so).
 */
int
testConnectGetVersion(virConnectPtr conn G_GNUC_UNUSED,
                      unsigned long *hvVer)
{
    *hvVer = 2;
    return 0;
}


/**
 * testConnectGetHostname:
 *
 * Returns the real host's name, fully qualified when the resolver knows
 * it, as libvirt reports it; NULL with a system error.
 */
char *
testConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    char host[256] = "";
    struct addrinfo hints = { 0 };
    struct addrinfo *info = NULL;
    char *ret;

    if (gethostname(host, sizeof(host) - 1) < 0) {
        virReportSystemError(errno, "%s", _("failed to determine host name"));
        return NULL;
    }
    if (strchr(host, '.'))
        return g_strdup(host);

    hints.ai_flags = AI_CANONNAME;
    hints.ai_family = AF_UNSPEC;
    if (getaddrinfo(host, NULL, &hints, &info) != 0)
        return g_strdup(host);

    /* A resolver that only knows localhost would make every host the
     * same: keep the short name then. */
    if (info->ai_canonname && !STRPREFIX(info->ai_canonname, "localhost"))
        ret = g_strdup(info->ai_canonname);
    else
        ret = g_strdup(host);
    freeaddrinfo(info);
    return ret;
}


/**
 * testConnectGetMaxVcpus:
 *
 * Returns 32 whatever @type says, as libvirt's test driver.
 */
int
testConnectGetMaxVcpus(virConnectPtr conn G_GNUC_UNUSED,
                       const char *type G_GNUC_UNUSED)
{
    return TEST_MAX_VCPUS;
}


/**
 * testConnectIsAlive:
 *
 * A local in-memory connection is always alive.
 */
int
testConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


/**
 * testConnectIsSecure:
 *
 * Nothing leaves the process, so the connection counts as secure.
 */
int
testConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


/**
 * testConnectIsEncrypted:
 *
 * Nothing is encrypted: nothing is sent anywhere.
 */
int
testConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}


/**
 * testNodeGetInfo:
 *
 * The node as loaded: libvirt's default one or the file's <cpu> and
 * <memory>.
 */
int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    *info = testDriverFromConn(conn)->nodeInfo;
    return 0;
}


/**
 * testNodeGetFreeMemory:
 *
 * Returns the sum of the cells' free memory, the number libvirt's test
 * driver answers (3145728 for the default node, 0 for a file's).
 */
unsigned long long
testNodeGetFreeMemory(virConnectPtr conn)
{
    testDriver *driver = testDriverFromConn(conn);
    unsigned long long total = 0;
    size_t i;

    for (i = 0; i < driver->ncells; i++)
        total += driver->cells[i].freeMem;
    return total;
}


/**
 * testNodeGetSecurityModel:
 *
 * The fake security driver "testSecurity" with an empty DOI.
 */
int
testNodeGetSecurityModel(virConnectPtr conn G_GNUC_UNUSED,
                         virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "testSecurity", sizeof(secmodel->model));
    return 0;
}


/**
 * testNodeGetCPUMap:
 *
 * The answer libvirt's test driver gives whatever the node: 8 CPUs,
 * 3 of them online (map 0x15).
 */
int
testNodeGetCPUMap(virConnectPtr conn G_GNUC_UNUSED,
                  unsigned char **cpumap,
                  unsigned int *online,
                  unsigned int flags)
{
    virCheckFlags(0, -1);

    if (cpumap) {
        *cpumap = g_new0(unsigned char, 1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}


static void
testCapabilitiesFormatCell(virBuffer *buf, const testCell *cell, size_t idx)
{
    /* libvirt gives cell 1 8 KiB pages and every other cell 4 KiB ones;
     * the huge page sizes exist with none free. */
    unsigned int small = idx == 1 ? 8 : 4;
    int i;

    virBufferAsprintf(buf, "<cell id='%zu'>\n", idx);
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<memory unit='KiB'>%llu</memory>\n", cell->mem);
    virBufferAsprintf(buf, "<pages unit='KiB' size='%u'>%llu</pages>\n",
                      small, cell->mem / small);
    virBufferAddLit(buf, "<pages unit='KiB' size='2048'>0</pages>\n");
    virBufferAddLit(buf, "<pages unit='KiB' size='1048576'>0</pages>\n");
    virBufferAsprintf(buf, "<cpus num='%d'>\n", cell->ncpus);
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < cell->ncpus; i++) {
        int id = idx * TEST_CELL_CPUS + i;

        virBufferAsprintf(buf,
                          "<cpu id='%d' socket_id='%zu' die_id='0' core_id='%d' siblings='%d'/>\n",
                          id, idx, i, id);
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cpus>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cell>\n");
}


static void
testCapabilitiesFormatGuest(virBuffer *buf, const char *ostype)
{
    virBufferAddLit(buf, "<guest>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<os_type>%s</os_type>\n", ostype);
    virBufferAddLit(buf, "<arch name='" TEST_MODEL "'>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAddLit(buf, "<wordsize>32</wordsize>\n");
    virBufferAddLit(buf, "<emulator>" TEST_EMULATOR "</emulator>\n");
    virBufferAddLit(buf, "<domain type='test'/>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</arch>\n");
    virBufferAddLit(buf, "<features>\n");
    virBufferAddLit(buf, "  <pae/>\n");
    virBufferAddLit(buf, "  <nonpae/>\n");
    virBufferAddLit(buf, "</features>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</guest>\n\n");
}


/**
 * testConnectGetCapabilities:
 *
 * Returns libvirt's test capabilities: an i686 host with PAE, four page
 * sizes, the node's NUMA cells and the testSecurity model; hvm and xen
 * guests.  The caller frees the string.
 */
char *
testConnectGetCapabilities(virConnectPtr conn)
{
    testDriver *driver = testDriverFromConn(conn);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    size_t i;

    virBufferAddLit(&buf, "<capabilities>\n\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<host>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<cpu>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<arch>" TEST_MODEL "</arch>\n");
    virBufferAddLit(&buf, "<features>\n");
    virBufferAddLit(&buf, "  <pae/>\n");
    virBufferAddLit(&buf, "  <nonpae/>\n");
    virBufferAddLit(&buf, "</features>\n");
    virBufferAddLit(&buf, "<pages unit='KiB' size='4'/>\n");
    virBufferAddLit(&buf, "<pages unit='KiB' size='8'/>\n");
    virBufferAddLit(&buf, "<pages unit='KiB' size='2048'/>\n");
    virBufferAddLit(&buf, "<pages unit='KiB' size='1048576'/>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cpu>\n");
    virBufferAddLit(&buf, "<power_management/>\n");
    virBufferAddLit(&buf, "<iommu support='no'/>\n");
    virBufferAddLit(&buf, "<topology>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "<cells num='%zu'>\n", driver->ncells);
    virBufferAdjustIndent(&buf, 2);
    for (i = 0; i < driver->ncells; i++)
        testCapabilitiesFormatCell(&buf, &driver->cells[i], i);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cells>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</topology>\n");
    virBufferAddLit(&buf, "<secmodel>\n");
    virBufferAddLit(&buf, "  <model>testSecurity</model>\n");
    virBufferAddLit(&buf, "  <doi></doi>\n");
    virBufferAddLit(&buf, "</secmodel>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</host>\n\n");

    testCapabilitiesFormatGuest(&buf, "hvm");
    testCapabilitiesFormatGuest(&buf, "xen");

    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</capabilities>\n");
    return virBufferContentAndReset(&buf);
}


/**
 * testConnectDomainEventRegister:
 *
 * The old lifecycle-only registration, named by the callback.
 */
int
testConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque,
                               virFreeCallback freecb)
{
    return virDomainEventStateRegister(testDriverFromConn(conn)->eventState,
                                       conn, cb, opaque, freecb);
}


/**
 * testConnectDomainEventDeregister:
 *
 * Remove what testConnectDomainEventRegister() added for @cb.
 */
int
testConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    return virDomainEventStateDeregister(testDriverFromConn(conn)->eventState,
                                         conn, cb);
}


/**
 * testConnectDomainEventRegisterAny:
 *
 * Returns the new callback's ID, or -1 with an error set.
 */
int
testConnectDomainEventRegisterAny(virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb)
{
    int callbackID;

    if (virDomainEventStateRegisterID(testDriverFromConn(conn)->eventState,
                                      conn, dom, eventID, cb, opaque, freecb,
                                      &callbackID) < 0)
        return -1;
    return callbackID;
}


/**
 * testConnectDomainEventDeregisterAny:
 *
 * Remove the callback with @callbackID registered on @conn.
 */
int
testConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virObjectEventStateDeregisterID(testDriverFromConn(conn)->eventState,
                                           conn, callbackID);
}
