/*
 * libvirt-qemu.c: the entry points of libvirt-qemu.h (libvirt-qemu.so)
 *
 * A separate library, as libvirt ships it, layered on libvirt.so: each
 * call finds its connection's qemu table with virConnectGetQemuDriver()
 * and sees nothing else of the core.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>
#include <virtplug/driver-qemu.h>
#include <virtplug/error.h>
#include <virtplug/objects.h>

#include "internal.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOM


/* The qemu table of @domain's connection for a call that changes the
 * guest (refused on read-only connections), or NULL with an error set
 * and *@conn the connection to dispatch it on. */
static const virQemuDriver *
virQemuTableForDomain(virDomainPtr domain, const char *funcname,
                      virConnectPtr *conn)
{
    const virQemuDriver *table;

    *conn = NULL;
    if (!domain) {
        virReportInvalidArgFull(funcname, "domain", "must not be NULL");
        return NULL;
    }
    if (!(*conn = virDomainGetConnect(domain)))
        return NULL;
    if (virConnectGetOpenFlags(*conn) & VIR_CONNECT_RO) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("read only access prevents %1$s"), funcname);
        return NULL;
    }
    if (!(table = virConnectGetQemuDriver(*conn)))
        virReportUnsupportedAPI(funcname);
    return table;
}


int
virDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd,
                            char **result, unsigned int flags)
{
    const virQemuDriver *table;
    virConnectPtr conn;

    VIR_DEBUG("domain=%p, cmd=%s, result=%p, flags=0x%x", domain, NULLSTR(cmd),
              result, flags);
    virResetLastError();

    if (!(table = virQemuTableForDomain(domain, __func__, &conn))) {
        if (domain && !conn)
            return -1;   /* virDomainGetConnect() dispatched it */
        goto error;
    }
    if (!cmd || !result) {
        virReportInvalidArgFull(__func__, !cmd ? "cmd" : "result", "must not be NULL");
        goto error;
    }
    if (!table->domainQemuMonitorCommand) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if (table->domainQemuMonitorCommand(domain, cmd, result, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


int
virDomainQemuMonitorCommandWithFiles(virDomainPtr domain, const char *cmd,
                                     unsigned int ninfiles, int *infiles,
                                     unsigned int *noutfiles, int **outfiles,
                                     char **result, unsigned int flags)
{
    const virQemuDriver *table;
    virConnectPtr conn;

    VIR_DEBUG("domain=%p, cmd=%s, ninfiles=%u, flags=0x%x", domain, NULLSTR(cmd),
              ninfiles, flags);
    virResetLastError();

    if (noutfiles)
        *noutfiles = 0;
    if (outfiles)
        *outfiles = NULL;
    if (!(table = virQemuTableForDomain(domain, __func__, &conn))) {
        if (domain && !conn)
            return -1;   /* virDomainGetConnect() dispatched it */
        goto error;
    }
    if (!cmd || !result || (ninfiles && !infiles)) {
        virReportInvalidArgFull(__func__, !cmd ? "cmd" : !result ? "result" : "infiles",
                                "must not be NULL");
        goto error;
    }
    if (!table->domainQemuMonitorCommandWithFiles) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if (table->domainQemuMonitorCommandWithFiles(domain, cmd, ninfiles, infiles,
                                                 noutfiles, outfiles, result,
                                                 flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


char *
virDomainQemuAgentCommand(virDomainPtr domain, const char *cmd, int timeout,
                          unsigned int flags)
{
    const virQemuDriver *table;
    virConnectPtr conn;
    char *ret;

    VIR_DEBUG("domain=%p, cmd=%s, timeout=%d, flags=0x%x", domain, NULLSTR(cmd),
              timeout, flags);
    virResetLastError();

    if (!(table = virQemuTableForDomain(domain, __func__, &conn))) {
        if (domain && !conn)
            return NULL;   /* virDomainGetConnect() dispatched it */
        goto error;
    }
    if (!cmd) {
        virReportInvalidArgFull(__func__, "cmd", "must not be NULL");
        goto error;
    }
    if (!table->domainQemuAgentCommand) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if (!(ret = table->domainQemuAgentCommand(domain, cmd, timeout, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


virDomainPtr
virDomainQemuAttach(virConnectPtr conn, unsigned int pid_value,
                    unsigned int flags)
{
    const virQemuDriver *table;
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, pid=%u, flags=0x%x", conn, pid_value, flags);
    virResetLastError();

    if (!conn) {
        virReportInvalidArgFull(__func__, "conn", "must not be NULL");
        goto error;
    }
    if (virConnectGetOpenFlags(conn) & VIR_CONNECT_RO) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("read only access prevents %1$s"), __func__);
        goto error;
    }
    if (!(table = virConnectGetQemuDriver(conn)) || !table->domainQemuAttach) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if (!(ret = table->domainQemuAttach(conn, pid_value, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


int
virConnectDomainQemuMonitorEventRegister(virConnectPtr conn, virDomainPtr dom,
                                         const char *event,
                                         virConnectDomainQemuMonitorEventCallback cb,
                                         void *opaque, virFreeCallback freecb,
                                         unsigned int flags)
{
    const virQemuDriver *table;
    int ret;

    VIR_DEBUG("conn=%p, dom=%p, event=%s, flags=0x%x", conn, dom, NULLSTR(event),
              flags);
    virResetLastError();

    if (!conn || !cb) {
        virReportInvalidArgFull(__func__, !conn ? "conn" : "cb", "must not be NULL");
        goto error;
    }
    if (!(table = virConnectGetQemuDriver(conn)) ||
        !table->connectDomainQemuMonitorEventRegister) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if ((ret = table->connectDomainQemuMonitorEventRegister(conn, dom, event, cb,
                                                            opaque, freecb,
                                                            flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


int
virConnectDomainQemuMonitorEventDeregister(virConnectPtr conn, int callbackID)
{
    const virQemuDriver *table;

    VIR_DEBUG("conn=%p, callbackID=%d", conn, callbackID);
    virResetLastError();

    if (!conn || callbackID < 0) {
        virReportInvalidArgFull(__func__, !conn ? "conn" : "callbackID",
                                !conn ? "must not be NULL" : "must not be negative");
        goto error;
    }
    if (!(table = virConnectGetQemuDriver(conn)) ||
        !table->connectDomainQemuMonitorEventDeregister) {
        virReportUnsupportedAPI(__func__);
        goto error;
    }
    if (table->connectDomainQemuMonitorEventDeregister(conn, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}
