/*
 * virtplug/driver.h: how a plugin hands its drivers to the core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_DRIVER_H
#define VIRTPLUG_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>
#include <virtplug/plugin.h>
#include <virtplug/driver-types.h>
#include <virtplug/driver-tables.h>
#include <virtplug/driver-qemu.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virConnectDriver virConnectDriver;

/* Every table a plugin implements for one kind of connection.  Tables it
 * does not have stay NULL: the core answers VIR_ERR_NO_SUPPORT for them. */
struct _virConnectDriver {
    size_t size;                    /* sizeof(virConnectDriver) */
    bool localOnly;                 /* refuses URIs naming a server */
    bool remoteOnly;                /* requires a server in the URI */
    bool embeddable;                /* serves SCHEME:///embed?root=DIR */
    const virHypervisorDriver *hypervisorDriver;
    const virNetworkDriver *networkDriver;
    const virStorageDriver *storageDriver;
    const virSecretDriver *secretDriver;
    const virNodeDeviceDriver *nodeDeviceDriver;
    const virInterfaceDriver *interfaceDriver;
    const virNWFilterDriver *nwfilterDriver;
    /* libvirt-qemu.h's calls; appended, so NULL for older plugins. */
    const virQemuDriver *qemuDriver;
};

typedef enum {
    VIR_DRV_STATE_INIT_ERROR = -1,
    VIR_DRV_STATE_INIT_SKIPPED = 0,
    VIR_DRV_STATE_INIT_COMPLETE = 1,
} virDrvStateInitResult;

typedef struct _virStateDriver virStateDriver;

/* Daemon-wide state of a driver (autostart, reconnecting to running
 * guests), initialised once by the daemon or an embedding process. */
struct _virStateDriver {
    size_t size;                    /* sizeof(virStateDriver) */
    const char *name;
    virDrvStateInitResult (*stateInitialize)(bool privileged,
                                             const char *root,
                                             void *opaque);
    int (*stateCleanup)(void);
    int (*stateReload)(void);
    int (*stateStop)(void);
};

/* Hand the core the plugin's connect driver; call once from the plugin's
 * register function.  The table must stay valid while the process runs
 * (a static const table).  Returns 0 or -1 with an error set. */
int virtplugRegisterConnectDriver(virtplugRegistry *registry,
                                  const virConnectDriver *driver);

int virtplugRegisterStateDriver(virtplugRegistry *registry,
                                const virStateDriver *driver);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_DRIVER_H */
