/*
 * libvirt-domain-snapshot.c: hand-written entry points of
 * libvirt-domain-snapshot.h
 *
 * These check flag combinations before any driver sees the call, in the
 * order and with the words libvirt 9.0 uses, so that every driver (and a
 * remote daemon) refuses the same combinations the same way.  The other
 * snapshot calls are generated; the object accessors are in
 * libvirt-objects.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

/* libvirt's wording for one flag that needs another. */
#define VIR_REQUIRE_FLAG_GOTO(flag, required, label) \
    do { \
        if ((flags & (flag)) && !(flags & (required))) { \
            virReportInvalidArgMessage(VIR_FROM_THIS, \
                                       _("Flag '%1$s' is required by flag '%2$s'"), \
                                       #required, #flag); \
            goto label; \
        } \
    } while (0)

#define VIR_EXCLUSIVE_FLAGS_GOTO(flag1, flag2, label) \
    do { \
        if ((flags & (flag1)) && (flags & (flag2))) { \
            virReportInvalidArgMessage(VIR_FROM_THIS, \
                                       _("Flags '%1$s' and '%2$s' are mutually exclusive"), \
                                       #flag1, #flag2); \
            goto label; \
        } \
    } while (0)


virDomainSnapshotPtr
virDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
                           unsigned int flags)
{
    virConnectPtr conn = NULL;
    virDomainSnapshotPtr snapshot;

    VIR_DEBUG("domain=%p, flags=0x%x", domain, flags);
    virResetLastError();

    if (!virCheckDomainObject(domain, __func__))
        goto error;
    conn = domain->conn;
    if (!xmlDesc) {
        virReportInvalidNullArg(xmlDesc);
        goto error;
    }
    if (virCheckConnectWritable(conn, __func__) < 0)
        goto error;

    VIR_REQUIRE_FLAG_GOTO(VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
                          VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, error);
    VIR_EXCLUSIVE_FLAGS_GOTO(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                             VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, error);
    VIR_EXCLUSIVE_FLAGS_GOTO(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                             VIR_DOMAIN_SNAPSHOT_CREATE_HALT, error);

    if (!conn->hypervisorDriver->domainSnapshotCreateXML) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(snapshot = conn->hypervisorDriver->domainSnapshotCreateXML(domain,
                                                                     xmlDesc,
                                                                     flags)))
        goto error;
    return snapshot;

 error:
    virDispatchError(conn);
    return NULL;
}


int
virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virConnectPtr conn = NULL;

    VIR_DEBUG("snapshot=%p, flags=0x%x", snapshot, flags);
    virResetLastError();

    if (!virCheckDomainSnapshotObject(snapshot, __func__))
        goto error;
    conn = snapshot->domain->conn;
    if (virCheckConnectWritable(conn, __func__) < 0)
        goto error;

    VIR_EXCLUSIVE_FLAGS_GOTO(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING,
                             VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, error);

    if (!conn->hypervisorDriver->domainRevertToSnapshot) {
        virReportUnsupportedError();
        goto error;
    }
    if (conn->hypervisorDriver->domainRevertToSnapshot(snapshot, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


int
virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virConnectPtr conn = NULL;

    VIR_DEBUG("snapshot=%p, flags=0x%x", snapshot, flags);
    virResetLastError();

    if (!virCheckDomainSnapshotObject(snapshot, __func__))
        goto error;
    conn = snapshot->domain->conn;
    if (virCheckConnectWritable(conn, __func__) < 0)
        goto error;

    VIR_EXCLUSIVE_FLAGS_GOTO(VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                             VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, error);

    if (!conn->hypervisorDriver->domainSnapshotDelete) {
        virReportUnsupportedError();
        goto error;
    }
    if (conn->hypervisorDriver->domainSnapshotDelete(snapshot, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}
