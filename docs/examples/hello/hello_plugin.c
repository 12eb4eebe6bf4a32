/*
 * hello_plugin.c: descriptor, tables and connections of the hello plugin
 *
 * hello is the example of docs/plugin-guide.md: a hypervisor driver for
 * the URI hello:/// whose domains live in memory, built out of tree
 * against the installed SDK (pkg-config virtplug-plugin).  This file is
 * all the boilerplate a plugin needs: the descriptor, the connect driver
 * and the hypervisor table, each member named once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "hello_private.h"

#define HELLO_VERSION "1.0"
#define HELLO_URI "hello:///"

helloDriverState helloDriver = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .nextID = 1,
    .nextCallbackID = 1,
    .timer = -1,
};


/* hello:/// is the only URI: the core sends every hello: URI without a
 * server here (the connect driver is localOnly), so anything else is a
 * mistake of the user, reported rather than declined. */
static virDrvOpenStatus
helloConnectOpen(virConnectPtr conn, virConnectAuthPtr auth,
                 unsigned int flags)
{
    char *uri;
    bool ok;

    (void)auth;
    VIRTPLUG_CHECK_FLAGS(flags, VIR_CONNECT_RO, VIR_DRV_OPEN_ERROR);
    if (!(uri = virConnectGetURI(conn)))
        return VIR_DRV_OPEN_ERROR;
    ok = strcmp(uri, HELLO_URI) == 0;
    if (!ok)
        HELLO_ERROR(VIR_ERR_INVALID_ARG,
                    "unexpected hello URI '%s', use '%s'", uri, HELLO_URI);
    free(uri);
    if (!ok)
        return VIR_DRV_OPEN_ERROR;

    pthread_mutex_lock(&helloDriver.lock);
    helloDomainsInit(&helloDriver);
    helloDriver.connections++;
    pthread_mutex_unlock(&helloDriver.lock);
    return VIR_DRV_OPEN_SUCCESS;
}


/* The domains stay for the next connection of the process: closing the
 * last one must not lose what another client will open again. */
static int
helloConnectClose(virConnectPtr conn)
{
    (void)conn;
    pthread_mutex_lock(&helloDriver.lock);
    helloDriver.connections--;
    pthread_mutex_unlock(&helloDriver.lock);
    return 0;
}


static const char *
helloConnectGetType(virConnectPtr conn)
{
    (void)conn;
    return "HELLO";
}


/* The "hypervisor" version: major * 1,000,000 + minor * 1,000 + micro. */
static int
helloConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    (void)conn;
    *hvVer = 1000000;
    return 0;
}


static int
helloConnectIsAlive(virConnectPtr conn)
{
    (void)conn;
    return 1;
}


/* In-process: nothing travels over a network. */
static int
helloConnectIsSecure(virConnectPtr conn)
{
    (void)conn;
    return 1;
}


static int
helloConnectIsEncrypted(virConnectPtr conn)
{
    (void)conn;
    return 0;
}


/* Every member not named here answers VIR_ERR_NO_SUPPORT from the core. */
static const virHypervisorDriver helloHypervisorDriver = {
    .size = sizeof(virHypervisorDriver),
    .name = "hello",
    .connectOpen = helloConnectOpen,
    .connectClose = helloConnectClose,
    .connectGetType = helloConnectGetType,
    .connectGetVersion = helloConnectGetVersion,
    .connectIsAlive = helloConnectIsAlive,
    .connectIsSecure = helloConnectIsSecure,
    .connectIsEncrypted = helloConnectIsEncrypted,
    .connectNumOfDomains = helloConnectNumOfDomains,
    .connectListDomains = helloConnectListDomains,
    .connectNumOfDefinedDomains = helloConnectNumOfDefinedDomains,
    .connectListDefinedDomains = helloConnectListDefinedDomains,
    .connectListAllDomains = helloConnectListAllDomains,
    .connectDomainEventRegisterAny = helloConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = helloConnectDomainEventDeregisterAny,
    .domainLookupByID = helloDomainLookupByID,
    .domainLookupByName = helloDomainLookupByName,
    .domainLookupByUUID = helloDomainLookupByUUID,
    .domainCreate = helloDomainCreate,
    .domainCreateWithFlags = helloDomainCreateWithFlags,
    .domainDestroy = helloDomainDestroy,
    .domainDestroyFlags = helloDomainDestroyFlags,
    .domainShutdown = helloDomainShutdown,
    .domainShutdownFlags = helloDomainShutdownFlags,
    .domainSuspend = helloDomainSuspend,
    .domainResume = helloDomainResume,
    .domainGetInfo = helloDomainGetInfo,
    .domainGetState = helloDomainGetState,
    .domainGetMaxMemory = helloDomainGetMaxMemory,
    .domainGetOSType = helloDomainGetOSType,
    .domainIsActive = helloDomainIsActive,
    .domainIsPersistent = helloDomainIsPersistent,
    .domainGetAutostart = helloDomainGetAutostart,
    .domainHasManagedSaveImage = helloDomainHasManagedSaveImage,
    .domainGetXMLDesc = helloDomainGetXMLDesc,
};

static const virConnectDriver helloConnectDriver = {
    .size = sizeof(virConnectDriver),
    .localOnly = true,
    .hypervisorDriver = &helloHypervisorDriver,
};


static int
helloPluginRegister(virtplugRegistry *registry)
{
    return virtplugRegisterConnectDriver(registry, &helloConnectDriver);
}


VIRTPLUG_PLUGIN_DEFINE(
    .name = "hello",
    .version = HELLO_VERSION,
    .license = "LGPL-2.1-or-later",
    .description = "Example driver: in-memory domains at hello:///",
    .origin = "https://virtplug.example.org/docs/plugin-guide",
    .uriSchemes = (const char *const[]){ "hello", NULL },
    .kinds = VIRTPLUG_KIND_HYPERVISOR,
    .registerFunc = helloPluginRegister,
);
