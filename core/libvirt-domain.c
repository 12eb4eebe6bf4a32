/*
 * libvirt-domain.c: hand-written entry points of libvirt-domain.h: the
 * functions that free the plain structs the API returns
 *
 * The dispatched domain calls are generated (libvirt-dispatch.c); the
 * domain object's own accessors are in libvirt-objects.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOM

void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    virDomainStatsRecordPtr *next;

    if (!stats)
        return;
    for (next = stats; *next; next++) {
        virTypedParamsFree((*next)->params, (*next)->nparams);
        virDomainFree((*next)->dom);
        g_free(*next);
    }
    g_free(stats);
}

void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    size_t i;

    if (!info)
        return;
    g_free(info->mountpoint);
    g_free(info->name);
    g_free(info->fstype);
    for (i = 0; i < info->ndevAlias; i++)
        g_free(info->devAlias[i]);
    g_free(info->devAlias);
    g_free(info);
}

void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    g_free(info->cpumap);
    g_free(info);
}

void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    size_t i;

    if (!iface)
        return;
    g_free(iface->name);
    g_free(iface->hwaddr);
    for (i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface);
}

void
virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}

/* Not generated: the domains come as an array, which must be non-empty
 * and all on one connection, as libvirt requires. */
int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                      virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn = NULL;
    size_t i;
    int ret;

    virResetLastError();
    if (!doms || !doms[0]) {
        virReportInvalidArgFull(__func__, "doms",
                                "must contain at least one domain");
        goto error;
    }
    if (!retStats) {
        virReportInvalidNullArg(retStats);
        goto error;
    }
    for (i = 0; doms[i]; i++) {
        if (!virCheckDomainObject(doms[i], __func__))
            goto error;
        if (i > 0 && doms[i]->conn != doms[0]->conn) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("domains from multiple connections are not allowed"));
            goto error;
        }
    }
    conn = doms[0]->conn;
    if (!conn->hypervisorDriver->domainListGetStats) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->hypervisorDriver->domainListGetStats(doms, stats, retStats,
                                                         flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}
