/*
 * qemu_plugin.c: the qemu plugin's descriptor and driver tables
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_snapshot.h"
#include "qemu_blockjob.h"

static const virHypervisorDriver qemuHypervisorDriver = {
    .size = sizeof(virHypervisorDriver),
    .name = QEMU_DRIVER_TYPE,
    .connectOpen = qemuConnectOpen,
    .connectClose = qemuConnectClose,
    .connectGetType = qemuConnectGetType,
    .connectGetVersion = qemuConnectGetVersion,
    .connectGetHostname = qemuConnectGetHostname,
    .connectGetMaxVcpus = qemuConnectGetMaxVcpus,
    .connectGetCapabilities = qemuConnectGetCapabilities,
    .connectGetDomainCapabilities = qemuConnectGetDomainCapabilities,
    .connectDomainXMLToNative = qemuConnectDomainXMLToNative,
    .connectIsAlive = qemuConnectIsAlive,
    .connectIsSecure = qemuConnectIsSecure,
    .connectIsEncrypted = qemuConnectIsEncrypted,
    .nodeGetInfo = qemuNodeGetInfo,
    .connectListDomains = qemuConnectListDomains,
    .connectNumOfDomains = qemuConnectNumOfDomains,
    .connectListDefinedDomains = qemuConnectListDefinedDomains,
    .connectNumOfDefinedDomains = qemuConnectNumOfDefinedDomains,
    .connectListAllDomains = qemuConnectListAllDomains,
    .domainLookupByID = qemuDomainLookupByID,
    .domainLookupByUUID = qemuDomainLookupByUUID,
    .domainLookupByName = qemuDomainLookupByName,
    .domainCreateXML = qemuDomainCreateXML,
    .domainDefineXML = qemuDomainDefineXML,
    .domainDefineXMLFlags = qemuDomainDefineXMLFlags,
    .domainUndefine = qemuDomainUndefine,
    .domainUndefineFlags = qemuDomainUndefineFlags,
    .domainCreate = qemuDomainCreate,
    .domainCreateWithFlags = qemuDomainCreateWithFlags,
    .domainDestroy = qemuDomainDestroy,
    .domainDestroyFlags = qemuDomainDestroyFlags,
    .domainShutdown = qemuDomainShutdown,
    .domainShutdownFlags = qemuDomainShutdownFlags,
    .domainReboot = qemuDomainReboot,
    .domainReset = qemuDomainReset,
    .domainSuspend = qemuDomainSuspend,
    .domainResume = qemuDomainResume,
    .domainSave = qemuDomainSave,
    .domainRestore = qemuDomainRestore,
    .domainManagedSave = qemuDomainManagedSave,
    .domainHasManagedSaveImage = qemuDomainHasManagedSaveImage,
    .domainManagedSaveRemove = qemuDomainManagedSaveRemove,
    .domainSaveImageGetXMLDesc = qemuDomainSaveImageGetXMLDesc,
    .domainSaveImageDefineXML = qemuDomainSaveImageDefineXML,
    .domainManagedSaveGetXMLDesc = qemuDomainManagedSaveGetXMLDesc,
    .domainManagedSaveDefineXML = qemuDomainManagedSaveDefineXML,
    .domainGetInfo = qemuDomainGetInfo,
    .domainOpenGraphicsFD = qemuDomainOpenGraphicsFD,
    .domainGetState = qemuDomainGetState,
    .domainGetXMLDesc = qemuDomainGetXMLDesc,
    .domainGetOSType = qemuDomainGetOSType,
    .domainGetMaxMemory = qemuDomainGetMaxMemory,
    .domainGetAutostart = qemuDomainGetAutostart,
    .domainSetAutostart = qemuDomainSetAutostart,
    .domainIsActive = qemuDomainIsActive,
    .domainIsPersistent = qemuDomainIsPersistent,
    .domainIsUpdated = qemuDomainIsUpdated,
    .domainGetVcpus = qemuDomainGetVcpus,
    .domainGetMaxVcpus = qemuDomainGetMaxVcpus,
    .domainSnapshotCreateXML = qemuDomainSnapshotCreateXML,
    .domainSnapshotGetXMLDesc = qemuDomainSnapshotGetXMLDesc,
    .domainSnapshotNum = qemuDomainSnapshotNum,
    .domainSnapshotListNames = qemuDomainSnapshotListNames,
    .domainListAllSnapshots = qemuDomainListAllSnapshots,
    .domainSnapshotNumChildren = qemuDomainSnapshotNumChildren,
    .domainSnapshotListChildrenNames = qemuDomainSnapshotListChildrenNames,
    .domainSnapshotListAllChildren = qemuDomainSnapshotListAllChildren,
    .domainSnapshotLookupByName = qemuDomainSnapshotLookupByName,
    .domainHasCurrentSnapshot = qemuDomainHasCurrentSnapshot,
    .domainSnapshotGetParent = qemuDomainSnapshotGetParent,
    .domainSnapshotCurrent = qemuDomainSnapshotCurrent,
    .domainSnapshotIsCurrent = qemuDomainSnapshotIsCurrent,
    .domainSnapshotHasMetadata = qemuDomainSnapshotHasMetadata,
    .domainRevertToSnapshot = qemuDomainRevertToSnapshot,
    .domainSnapshotDelete = qemuDomainSnapshotDelete,
    .connectDomainEventRegister = qemuConnectDomainEventRegister,
    .connectDomainEventDeregister = qemuConnectDomainEventDeregister,
    .connectDomainEventRegisterAny = qemuConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = qemuConnectDomainEventDeregisterAny,
    .domainBlockJobAbort = qemuDomainBlockJobAbort,
    .domainGetBlockJobInfo = qemuDomainGetBlockJobInfo,
    .domainBlockJobSetSpeed = qemuDomainBlockJobSetSpeed,
    .domainBlockPull = qemuDomainBlockPull,
    .domainBlockRebase = qemuDomainBlockRebase,
    .domainBlockCopy = qemuDomainBlockCopy,
    .domainBlockCommit = qemuDomainBlockCommit,
};

/* libvirt-qemu.so's calls. */
static const virQemuDriver qemuQemuDriver = {
    .size = sizeof(virQemuDriver),
    .name = QEMU_DRIVER_TYPE,
    .domainQemuMonitorCommand = qemuDomainQemuMonitorCommand,
    .domainQemuMonitorCommandWithFiles = qemuDomainQemuMonitorCommandWithFiles,
};

static const virConnectDriver qemuConnectDriver = {
    .size = sizeof(virConnectDriver),
    .localOnly = true,
    .embeddable = true,
    .hypervisorDriver = &qemuHypervisorDriver,
    .qemuDriver = &qemuQemuDriver,
};


static virDrvStateInitResult
qemuStateInitialize(bool privileged, const char *root, void *opaque G_GNUC_UNUSED)
{
    if (qemuDriverStateInitialize(privileged, root) < 0)
        return VIR_DRV_STATE_INIT_ERROR;
    return VIR_DRV_STATE_INIT_COMPLETE;
}


static int
qemuStateCleanup(void)
{
    return qemuDriverStateCleanup();
}


static const virStateDriver qemuStateDriver = {
    .size = sizeof(virStateDriver),
    .name = "QEMU",
    .stateInitialize = qemuStateInitialize,
    .stateCleanup = qemuStateCleanup,
};


static int
qemuPluginRegister(virtplugRegistry *registry)
{
    if (virtplugRegisterConnectDriver(registry, &qemuConnectDriver) < 0)
        return -1;
    return virtplugRegisterStateDriver(registry, &qemuStateDriver);
}


VIRTPLUG_PLUGIN_DEFINE(
    .name = "qemu",
    .version = PACKAGE_VERSION,
    .license = "LGPL-2.1-or-later",
    .description = "QEMU/KVM guests driven over QMP",
    .origin = PACKAGE_URL,
    .uriSchemes = (const char *const[]){ "qemu", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR | VIRTPLUG_KIND_STATE,
    .registerFunc = qemuPluginRegister,
);
