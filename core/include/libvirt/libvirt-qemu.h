/*
 * virtplug public API: QEMU-specific extensions (link with -lvirt-qemu)
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_QEMU_H
# define LIBVIRT_QEMU_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/* Flag bits for virConnectDomainQemuMonitorEventRegister() */
typedef enum {
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX = 1 << 0,
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE = 1 << 1,
} virConnectDomainQemuMonitorEventRegisterFlags;

/* Special values (virDomainQemuAgentCommandTimeoutValues) */
typedef enum {
    VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN = -2,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK = -2,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT = -1,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT = 0,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN = 60,
} virDomainQemuAgentCommandTimeoutValues;

/* Flag bits for the virDomainQemuMonitorCommand*() calls */
typedef enum {
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_DEFAULT = 0,
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP = 1 << 0,
} virDomainQemuMonitorCommandFlags;

/* Callback signatures */
typedef void (*virConnectDomainQemuMonitorEventCallback)(virConnectPtr conn,
                                                         virDomainPtr dom,
                                                         const char *event,
                                                         long long seconds,
                                                         unsigned int micros,
                                                         const char *details,
                                                         void *opaque);

/* QEMU monitor event registration */
int virConnectDomainQemuMonitorEventDeregister(virConnectPtr conn,
                                               int callbackID);
int virConnectDomainQemuMonitorEventRegister(virConnectPtr conn,
                                             virDomainPtr dom,
                                             const char *event,
                                             virConnectDomainQemuMonitorEventCallback cb,
                                             void *opaque,
                                             virFreeCallback freecb,
                                             unsigned int flags);

/* QEMU monitor and guest agent passthrough */
char *virDomainQemuAgentCommand(virDomainPtr domain,
                                const char *cmd,
                                int timeout,
                                unsigned int flags);
virDomainPtr virDomainQemuAttach(virConnectPtr conn,
                                 unsigned int pid_value,
                                 unsigned int flags);
int virDomainQemuMonitorCommand(virDomainPtr domain,
                                const char *cmd,
                                char **result,
                                unsigned int flags);
int virDomainQemuMonitorCommandWithFiles(virDomainPtr domain,
                                         const char *cmd,
                                         unsigned int ninfiles,
                                         int *infiles,
                                         unsigned int *noutfiles,
                                         int **outfiles,
                                         char **result,
                                         unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_QEMU_H */
