/*
 * libvirt-objects.c: construction, reference counting and accessors of the
 * public API objects
 *
 * Objects are plain refcounted structs (datatypes.h).  Each holds a
 * reference on its parent, so a domain keeps its connection open and a
 * snapshot keeps its domain, as in libvirt: an application may close the
 * connection before freeing the objects it looked up.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static bool
virObjectArgsValid(const void *parent, const char *parentName,
                   const void *key, const char *keyName, const char *funcname)
{
    if (!parent) {
        virReportInvalidArgFull(funcname, parentName, "cannot be NULL");
        return false;
    }
    if (!key) {
        virReportInvalidArgFull(funcname, keyName, "cannot be NULL");
        return false;
    }
    return true;
}

static bool
virObjectUnref(gint *refs)
{
    return g_atomic_int_dec_and_test(refs);
}


/* ---- virDomain ---- */

/**
 * virGetDomain:
 * @conn: the connection the domain belongs to
 * @name: the domain's name
 * @uuid: its raw UUID (VIR_UUID_BUFLEN bytes)
 * @id: its id, -1 if not running
 *
 * Returns a new domain object the caller owns (release with
 * virDomainFree()), or NULL with VIR_ERR_INVALID_ARG.
 */
virDomainPtr
virGetDomain(virConnectPtr conn, const char *name,
             const unsigned char *uuid, int id)
{
    virDomainPtr dom;

    if (!virObjectArgsValid(conn, "conn", name, "name", __func__) ||
        !virObjectArgsValid(conn, "conn", uuid, "uuid", __func__))
        return NULL;

    dom = g_new0(virDomain, 1);
    dom->refs = 1;
    dom->conn = virConnectRefInternal(conn);
    dom->name = g_strdup(name);
    dom->id = id;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    return dom;
}

void
virDomainSetIdInternal(virDomainPtr domain, int id)
{
    if (domain)
        domain->id = id;
}

int
virDomainRef(virDomainPtr domain)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&domain->refs);
    return 0;
}

int
virDomainFree(virDomainPtr domain)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (virObjectUnref(&domain->refs)) {
        virConnectPtr conn = domain->conn;

        g_free(domain->name);
        g_free(domain);
        virConnectUnrefInternal(conn);
    }
    return 0;
}

virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return domain->conn;
}

const char *
virDomainGetName(virDomainPtr domain)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return domain->name;
}

int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__))
        goto error;
    if (!uuid) {
        virReportInvalidNullArg(uuid);
        goto error;
    }
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;

 error:
    virDispatchError(domain ? domain->conn : NULL);
    return -1;
}

int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__))
        goto error;
    if (!buf) {
        virReportInvalidNullArg(buf);
        goto error;
    }
    virUUIDFormat(domain->uuid, buf);
    return 0;

 error:
    virDispatchError(domain ? domain->conn : NULL);
    return -1;
}

unsigned int
virDomainGetID(virDomainPtr domain)
{
    virResetLastError();
    if (!virCheckDomainObject(domain, __func__)) {
        virDispatchError(NULL);
        return (unsigned int)-1;
    }
    return domain->id;
}

virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    virResetLastError();
    if (!virCheckConnectObject(conn, __func__))
        goto error;
    if (!uuidstr) {
        virReportInvalidNullArg(uuidstr);
        goto error;
    }
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportInvalidArgFull(__func__, "uuidstr", "must be a valid UUID");
        goto error;
    }
    return virDomainLookupByUUID(conn, uuid);

 error:
    virDispatchError(conn);
    return NULL;
}


/* ---- virDomainSnapshot ---- */

/**
 * virGetDomainSnapshot:
 * @domain: the domain the snapshot belongs to
 * @name: the snapshot's name
 *
 * Returns a new snapshot object the caller owns (release with
 * virDomainSnapshotFree()), or NULL with VIR_ERR_INVALID_ARG.
 */
virDomainSnapshotPtr
virGetDomainSnapshot(virDomainPtr domain, const char *name)
{
    virDomainSnapshotPtr snap;

    if (!virObjectArgsValid(domain, "domain", name, "name", __func__))
        return NULL;

    snap = g_new0(virDomainSnapshot, 1);
    snap->refs = 1;
    g_atomic_int_inc(&domain->refs);
    snap->domain = domain;
    snap->name = g_strdup(name);
    return snap;
}

int
virDomainSnapshotRef(virDomainSnapshotPtr snapshot)
{
    virResetLastError();
    if (!virCheckDomainSnapshotObject(snapshot, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&snapshot->refs);
    return 0;
}

int
virDomainSnapshotFree(virDomainSnapshotPtr snapshot)
{
    virResetLastError();
    if (!virCheckDomainSnapshotObject(snapshot, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (virObjectUnref(&snapshot->refs)) {
        virDomainPtr domain = snapshot->domain;

        g_free(snapshot->name);
        g_free(snapshot);
        virDomainFree(domain);
    }
    return 0;
}

const char *
virDomainSnapshotGetName(virDomainSnapshotPtr snapshot)
{
    virResetLastError();
    if (!virCheckDomainSnapshotObject(snapshot, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return snapshot->name;
}

virDomainPtr
virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot)
{
    virResetLastError();
    if (!virCheckDomainSnapshotObject(snapshot, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return snapshot->domain;
}

virConnectPtr
virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot)
{
    virResetLastError();
    if (!virCheckDomainSnapshotObject(snapshot, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return snapshot->domain->conn;
}
