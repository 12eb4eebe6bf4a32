/*
 * test_private.h: the test plugin's state and what its files share
 *
 * Never installed, never included outside plugins/test/.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

#include <virtplug/driver.h>
#include <virtplug/objects.h>

#include "virdomainobjlist.h"
#include "object_event.h"

/* libvirt's test driver answers 32 for every hypervisor type. */
#define TEST_MAX_VCPUS 32
#define TEST_MODEL "i686"
#define TEST_EMULATOR "/usr/bin/test-hv"
#define TEST_CELL_CPUS 8

/* One NUMA cell of the default node, for capabilities and free memory. */
typedef struct _testCell testCell;
struct _testCell {
    unsigned long long mem;             /* KiB */
    unsigned long long freeMem;         /* KiB */
    int ncpus;
};

/*
 * The state behind one test:///PATH.xml connection, or behind all
 * test:///default connections of the process (as in libvirt, so that
 * one connection sees the events another causes).
 *
 * Locking: @nodeInfo, @cells and @ncells do not change after the open;
 * @domains and @eventState lock themselves; @refs is g_atomic.
 */
typedef struct _testDriver testDriver;
struct _testDriver {
    gint refs;
    virNodeInfo nodeInfo;
    testCell *cells;                    /* NULL for a file's node */
    size_t ncells;
    virDomainObjList *domains;
    virObjectEventState *eventState;
};

/* test_driver.c */
testDriver *testDriverNew(void);
testDriver *testDriverRef(testDriver *driver);
void testDriverUnref(testDriver *driver);
testDriver *testDriverFromConn(virConnectPtr conn);

/* test_default.c */
int testDriverOpenDefault(testDriver **driver);
void testDriverCloseDefault(testDriver *driver);

/* test_config.c */
int testDriverLoadFile(testDriver *driver, const char *path);
int testDriverLoadString(testDriver *driver, const char *xml);

/* test_domain.c: what the other files need of domain handling */
virDomainObj *testDomObjFromDomain(virDomainPtr domain);
void testDomainDefSetDefaults(virDomainDef *def);
int testDomainDefPostParse(virDomainDef *def);
int testDomainStartState(testDriver *driver, virDomainObj *obj, int reason);
void testDomainShutdownState(virDomainPtr domain, virDomainObj *obj,
                             int reason);

/* The members of the hypervisor table (test_plugin.c), by file. */

/* test_driver.c */
virDrvOpenStatus testConnectOpen(virConnectPtr conn, virConnectAuthPtr auth,
                                 unsigned int flags);
int testConnectClose(virConnectPtr conn);
const char *testConnectGetType(virConnectPtr conn);
int testConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
char *testConnectGetHostname(virConnectPtr conn);
int testConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int testConnectIsAlive(virConnectPtr conn);
int testConnectIsSecure(virConnectPtr conn);
int testConnectIsEncrypted(virConnectPtr conn);
int testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long testNodeGetFreeMemory(virConnectPtr conn);
int testNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int testNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                      unsigned int *online, unsigned int flags);
char *testConnectGetCapabilities(virConnectPtr conn);
int testConnectDomainEventRegister(virConnectPtr conn,
                                   virConnectDomainEventCallback cb,
                                   void *opaque, virFreeCallback freecb);
int testConnectDomainEventDeregister(virConnectPtr conn,
                                     virConnectDomainEventCallback cb);
int testConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                      int eventID,
                                      virConnectDomainEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb);
int testConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

/* test_domain.c */
int testConnectNumOfDomains(virConnectPtr conn);
int testConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int testConnectNumOfDefinedDomains(virConnectPtr conn);
int testConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                  int maxnames);
int testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                              unsigned int flags);
virDomainPtr testDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr testDomainLookupByUUID(virConnectPtr conn,
                                    const unsigned char *uuid);
virDomainPtr testDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr testDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                 unsigned int flags);
virDomainPtr testDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr testDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                      unsigned int flags);
int testDomainUndefine(virDomainPtr domain);
int testDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int testDomainCreate(virDomainPtr domain);
int testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int testDomainDestroy(virDomainPtr domain);
int testDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int testDomainShutdown(virDomainPtr domain);
int testDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int testDomainReboot(virDomainPtr domain, unsigned int flags);
int testDomainSuspend(virDomainPtr domain);
int testDomainResume(virDomainPtr domain);
int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int testDomainGetState(virDomainPtr domain, int *state, int *reason,
                       unsigned int flags);
char *testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *testDomainScreenshot(virDomainPtr domain, virStreamPtr stream,
                           unsigned int screen, unsigned int flags);
char *testDomainGetOSType(virDomainPtr domain);
unsigned long testDomainGetMaxMemory(virDomainPtr domain);
int testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int testDomainSetMemory(virDomainPtr domain, unsigned long memory);
int testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                             unsigned int flags);
int testDomainGetAutostart(virDomainPtr domain, int *autostart);
int testDomainSetAutostart(virDomainPtr domain, int autostart);
int testDomainIsActive(virDomainPtr domain);
int testDomainIsPersistent(virDomainPtr domain);
int testDomainIsUpdated(virDomainPtr domain);
int testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int testDomainGetSecurityLabel(virDomainPtr domain,
                               virSecurityLabelPtr seclabel);

/* test_snapshot.c */
int testDomainSnapshotLoad(virDomainObj *obj, xmlNodePtr *nodes,
                           size_t nnodes);
virDomainSnapshotPtr testDomainSnapshotCreateXML(virDomainPtr domain,
                                                 const char *xmlDesc,
                                                 unsigned int flags);
int testDomainListAllSnapshots(virDomainPtr domain,
                               virDomainSnapshotPtr **snaps,
                               unsigned int flags);
int testDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int testDomainSnapshotListNames(virDomainPtr domain, char **names,
                                int nameslen, unsigned int flags);
int testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                      virDomainSnapshotPtr **snaps,
                                      unsigned int flags);
int testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);
int testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                        char **names, int nameslen,
                                        unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotLookupByName(virDomainPtr domain,
                                                    const char *name,
                                                    unsigned int flags);
int testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot,
                                                 unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotCurrent(virDomainPtr domain,
                                               unsigned int flags);
char *testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot,
                                   unsigned int flags);
int testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot,
                                unsigned int flags);
int testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);
int testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot,
                               unsigned int flags);
int testDomainSnapshotDelete(virDomainSnapshotPtr snapshot,
                             unsigned int flags);
