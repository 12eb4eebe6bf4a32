/*
 * virtplug/driver-qemu.h: the table behind libvirt-qemu.so
 *
 * libvirt-qemu.h's calls (QMP passthrough, guest agent, monitor events)
 * are not in the generated hypervisor table, which follows libvirt.h
 * only.  A plugin that serves them points virConnectDriver.qemuDriver at
 * this table; libvirt-qemu.so finds it with virConnectGetQemuDriver().
 * Members a plugin leaves NULL answer VIR_ERR_NO_SUPPORT.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_DRIVER_QEMU_H
#define VIRTPLUG_DRIVER_QEMU_H

#include <stddef.h>

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virQemuDriver virQemuDriver;

/* One member per libvirt-qemu.h call, named after it minus "vir", with
 * its parameters.  New members go at the end only. */
struct _virQemuDriver {
    size_t size;                    /* sizeof(virQemuDriver) built for */
    const char *name;
    int (*domainQemuMonitorCommand)(virDomainPtr domain, const char *cmd,
                                    char **result, unsigned int flags);
    int (*domainQemuMonitorCommandWithFiles)(virDomainPtr domain,
                                             const char *cmd,
                                             unsigned int ninfiles,
                                             int *infiles,
                                             unsigned int *noutfiles,
                                             int **outfiles,
                                             char **result,
                                             unsigned int flags);
    char *(*domainQemuAgentCommand)(virDomainPtr domain, const char *cmd,
                                    int timeout, unsigned int flags);
    virDomainPtr (*domainQemuAttach)(virConnectPtr conn,
                                     unsigned int pid_value,
                                     unsigned int flags);
    int (*connectDomainQemuMonitorEventRegister)(virConnectPtr conn,
                                                 virDomainPtr dom,
                                                 const char *event,
                                                 virConnectDomainQemuMonitorEventCallback cb,
                                                 void *opaque,
                                                 virFreeCallback freecb,
                                                 unsigned int flags);
    int (*connectDomainQemuMonitorEventDeregister)(virConnectPtr conn,
                                                   int callbackID);
};

/* The qemu table of @conn's plugin, a full-size copy (members the plugin
 * was built without read as NULL), or NULL when it has none.  Sets no
 * error. */
const virQemuDriver *virConnectGetQemuDriver(virConnectPtr conn);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_DRIVER_QEMU_H */
