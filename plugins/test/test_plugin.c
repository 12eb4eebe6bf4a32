/*
 * test_plugin.c: the test plugin's descriptor and driver tables
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"

static const virHypervisorDriver testHypervisorDriver = {
    .size = sizeof(virHypervisorDriver),
    .name = "Test",
    .connectOpen = testConnectOpen,
    .connectClose = testConnectClose,
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .connectGetHostname = testConnectGetHostname,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .connectGetCapabilities = testConnectGetCapabilities,
    .connectIsAlive = testConnectIsAlive,
    .connectIsSecure = testConnectIsSecure,
    .connectIsEncrypted = testConnectIsEncrypted,
    .nodeGetInfo = testNodeGetInfo,
    .nodeGetFreeMemory = testNodeGetFreeMemory,
    .nodeGetSecurityModel = testNodeGetSecurityModel,
    .nodeGetCPUMap = testNodeGetCPUMap,
    .connectListDomains = testConnectListDomains,
    .connectNumOfDomains = testConnectNumOfDomains,
    .connectListDefinedDomains = testConnectListDefinedDomains,
    .connectNumOfDefinedDomains = testConnectNumOfDefinedDomains,
    .connectListAllDomains = testConnectListAllDomains,
    .domainLookupByID = testDomainLookupByID,
    .domainLookupByUUID = testDomainLookupByUUID,
    .domainLookupByName = testDomainLookupByName,
    .domainCreateXML = testDomainCreateXML,
    .domainDefineXML = testDomainDefineXML,
    .domainDefineXMLFlags = testDomainDefineXMLFlags,
    .domainUndefine = testDomainUndefine,
    .domainUndefineFlags = testDomainUndefineFlags,
    .domainCreate = testDomainCreate,
    .domainCreateWithFlags = testDomainCreateWithFlags,
    .domainDestroy = testDomainDestroy,
    .domainDestroyFlags = testDomainDestroyFlags,
    .domainShutdown = testDomainShutdown,
    .domainShutdownFlags = testDomainShutdownFlags,
    .domainReboot = testDomainReboot,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainGetInfo = testDomainGetInfo,
    .domainGetState = testDomainGetState,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainScreenshot = testDomainScreenshot,
    .domainGetOSType = testDomainGetOSType,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainSetMaxMemory = testDomainSetMaxMemory,
    .domainSetMemory = testDomainSetMemory,
    .domainSetMemoryFlags = testDomainSetMemoryFlags,
    .domainGetAutostart = testDomainGetAutostart,
    .domainSetAutostart = testDomainSetAutostart,
    .domainIsActive = testDomainIsActive,
    .domainIsPersistent = testDomainIsPersistent,
    .domainIsUpdated = testDomainIsUpdated,
    .domainHasManagedSaveImage = testDomainHasManagedSaveImage,
    .domainGetVcpus = testDomainGetVcpus,
    .domainGetSecurityLabel = testDomainGetSecurityLabel,
    .domainSnapshotCreateXML = testDomainSnapshotCreateXML,
    .domainListAllSnapshots = testDomainListAllSnapshots,
    .domainSnapshotNum = testDomainSnapshotNum,
    .domainSnapshotListNames = testDomainSnapshotListNames,
    .domainSnapshotListAllChildren = testDomainSnapshotListAllChildren,
    .domainSnapshotNumChildren = testDomainSnapshotNumChildren,
    .domainSnapshotListChildrenNames = testDomainSnapshotListChildrenNames,
    .domainSnapshotLookupByName = testDomainSnapshotLookupByName,
    .domainHasCurrentSnapshot = testDomainHasCurrentSnapshot,
    .domainSnapshotGetParent = testDomainSnapshotGetParent,
    .domainSnapshotCurrent = testDomainSnapshotCurrent,
    .domainSnapshotGetXMLDesc = testDomainSnapshotGetXMLDesc,
    .domainSnapshotIsCurrent = testDomainSnapshotIsCurrent,
    .domainSnapshotHasMetadata = testDomainSnapshotHasMetadata,
    .domainRevertToSnapshot = testDomainRevertToSnapshot,
    .domainSnapshotDelete = testDomainSnapshotDelete,
    .connectDomainEventRegister = testConnectDomainEventRegister,
    .connectDomainEventDeregister = testConnectDomainEventDeregister,
    .connectDomainEventRegisterAny = testConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = testConnectDomainEventDeregisterAny,
};

static const virConnectDriver testConnectDriver = {
    .size = sizeof(virConnectDriver),
    .localOnly = true,
    .hypervisorDriver = &testHypervisorDriver,
};


static int
testPluginRegister(virtplugRegistry *registry)
{
    return virtplugRegisterConnectDriver(registry, &testConnectDriver);
}


VIRTPLUG_PLUGIN_DEFINE(
    .name = "test",
    .version = PACKAGE_VERSION,
    .license = "LGPL-2.1-or-later",
    .description = "Stateful in-memory driver for application tests",
    .origin = PACKAGE_URL,
    .uriSchemes = (const char *const[]){ "test", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR,
    .registerFunc = testPluginRegister,
);
