/*
 * remote_plugin.c: the remote plugin, libvirt's remote driver as a plugin
 *
 * It serves the "remote" scheme and, through the core's routing, every
 * URI with a transport or a server (test+unix:///default, qemu+tcp://h/),
 * speaking libvirt's RPC protocol to virtplugd or to a real libvirtd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <virtplug/plugin.h>

#include "internal.h"
#include "remote_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* The functions generated from rpc/remote_protocol.x. */
#include "remote_client_bodies.h"

static const virHypervisorDriver remoteHypervisorDriver = {
    .size = sizeof(virHypervisorDriver),
    .name = "remote",
    .connectOpen = remoteConnectOpen,
    .connectClose = remoteConnectClose,
    .connectIsAlive = remoteConnectIsAlive,
    .connectIsEncrypted = remoteConnectIsEncrypted,
    .connectSetKeepAlive = remoteConnectSetKeepAlive,
    .nodeGetInfo = remoteNodeGetInfo,
    .nodeGetSecurityModel = remoteNodeGetSecurityModel,
    .domainGetInfo = remoteDomainGetInfo,
    .domainGetSecurityLabel = remoteDomainGetSecurityLabel,
    .domainGetMessages = remoteDomainGetMessages,
    .domainCreate = remoteDomainCreate,
    .domainCreateWithFlags = remoteDomainCreateWithFlags,
    .domainDestroy = remoteDomainDestroy,
    .domainDestroyFlags = remoteDomainDestroyFlags,
    .connectListAllDomains = remoteConnectListAllDomains,
    .connectListDomains = remoteConnectListDomains,
    .connectListDefinedDomains = remoteConnectListDefinedDomains,
    .domainSnapshotListNames = remoteDomainSnapshotListNames,
    .domainSnapshotListChildrenNames = remoteDomainSnapshotListChildrenNames,
    .domainListAllSnapshots = remoteDomainListAllSnapshots,
    .domainSnapshotListAllChildren = remoteDomainSnapshotListAllChildren,
    .domainScreenshot = remoteDomainScreenshot,
    .domainOpenConsole = remoteDomainOpenConsole,
    .domainOpenChannel = remoteDomainOpenChannel,
    .domainOpenGraphicsFD = remoteDomainOpenGraphicsFD,
    .connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = remoteConnectDomainEventDeregisterAny,
    REMOTE_CLIENT_GENERATED_ENTRIES
};

static const virConnectDriver remoteConnectDriver = {
    .size = sizeof(virConnectDriver),
    .remoteOnly = false,
    .hypervisorDriver = &remoteHypervisorDriver,
};


static int
remotePluginRegister(virtplugRegistry *registry)
{
    return virtplugRegisterConnectDriver(registry, &remoteConnectDriver);
}


VIRTPLUG_PLUGIN_DEFINE(
    .name = "remote",
    .version = PACKAGE_VERSION,
    .license = "LGPL-2.1-or-later",
    .description = "Client of libvirt's RPC protocol (virtplugd, libvirtd)",
    .origin = PACKAGE_URL,
    .uriSchemes = (const char *const[]){ "remote", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR | VIRTPLUG_KIND_REMOTE,
    .registerFunc = remotePluginRegister,
);
