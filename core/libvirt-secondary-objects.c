/*
 * libvirt-secondary-objects.c: the objects of the secondary drivers
 * (networks, storage, secrets, host devices, interfaces, filters), of
 * checkpoints and of streams: constructors, Ref/Free and accessors
 *
 * These objects all have the same life cycle, so the entry points are
 * stamped out by the macros below; what differs (the key of each object)
 * is written out per type.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* virFooRef() and virFooFree(); @release frees the members and the parent
 * reference of an object whose last reference is gone. */
#define DEFINE_REF_FREE(Type, ptrType) \
    int \
    vir ## Type ## Ref(ptrType obj) \
    { \
        virResetLastError(); \
        if (!virCheck ## Type ## Object(obj, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        g_atomic_int_inc(&obj->refs); \
        return 0; \
    } \
    int \
    vir ## Type ## Free(ptrType obj) \
    { \
        virResetLastError(); \
        if (!virCheck ## Type ## Object(obj, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        if (g_atomic_int_dec_and_test(&obj->refs)) \
            vir ## Type ## Release(obj); \
        return 0; \
    }

/* A getter returning a member of a checked object, @bad on error. */
#define DEFINE_GETTER(Type, ptrType, retType, func, expr, bad) \
    retType \
    func(ptrType obj) \
    { \
        virResetLastError(); \
        if (!virCheck ## Type ## Object(obj, __func__)) { \
            virDispatchError(NULL); \
            return bad; \
        } \
        return expr; \
    }

/* virFooGetUUID() and virFooGetUUIDString(). */
#define DEFINE_UUID_GETTERS(Type, ptrType) \
    int \
    vir ## Type ## GetUUID(ptrType obj, unsigned char *uuid) \
    { \
        virResetLastError(); \
        if (!virCheck ## Type ## Object(obj, __func__)) \
            goto error; \
        if (!uuid) { \
            virReportInvalidNullArg(uuid); \
            goto error; \
        } \
        memcpy(uuid, obj->uuid, VIR_UUID_BUFLEN); \
        return 0; \
     error: \
        virDispatchError(NULL); \
        return -1; \
    } \
    int \
    vir ## Type ## GetUUIDString(ptrType obj, char *buf) \
    { \
        virResetLastError(); \
        if (!virCheck ## Type ## Object(obj, __func__)) \
            goto error; \
        if (!buf) { \
            virReportInvalidNullArg(buf); \
            goto error; \
        } \
        virUUIDFormat(obj->uuid, buf); \
        return 0; \
     error: \
        virDispatchError(NULL); \
        return -1; \
    }

/* virFooLookupByUUIDString() on top of the dispatched virFooLookupByUUID(). */
#define DEFINE_LOOKUP_UUIDSTR(parentType, Type, retType) \
    retType \
    vir ## Type ## LookupByUUIDString(parentType parent, const char *uuidstr) \
    { \
        unsigned char uuid[VIR_UUID_BUFLEN]; \
        virResetLastError(); \
        if (!uuidstr) { \
            virReportInvalidNullArg(uuidstr); \
            goto error; \
        } \
        if (virUUIDParse(uuidstr, uuid) < 0) { \
            virReportInvalidArgFull(__func__, "uuidstr", \
                                    "must be a valid UUID"); \
            goto error; \
        } \
        return vir ## Type ## LookupByUUID(parent, uuid); \
     error: \
        virDispatchError(NULL); \
        return NULL; \
    }


/* ---- virNetwork ---- */

virNetworkPtr
virGetNetwork(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr net;

    if (!conn || !name || !uuid) {
        virReportInvalidArgFull(__func__, "conn, name, uuid", "cannot be NULL");
        return NULL;
    }
    net = g_new0(virNetwork, 1);
    net->refs = 1;
    net->conn = virConnectRefInternal(conn);
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, VIR_UUID_BUFLEN);
    return net;
}

static void
virNetworkRelease(virNetworkPtr net)
{
    virConnectPtr conn = net->conn;

    g_free(net->name);
    g_free(net);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(Network, virNetworkPtr)
DEFINE_GETTER(Network, virNetworkPtr, const char *, virNetworkGetName,
              obj->name, NULL)
DEFINE_GETTER(Network, virNetworkPtr, virConnectPtr, virNetworkGetConnect,
              obj->conn, NULL)
DEFINE_UUID_GETTERS(Network, virNetworkPtr)
DEFINE_LOOKUP_UUIDSTR(virConnectPtr, Network, virNetworkPtr)


/* ---- virNetworkPort ---- */

static void
virNetworkPortRelease(virNetworkPortPtr port)
{
    virNetworkPtr net = port->net;

    g_free(port);
    virNetworkFree(net);
}

DEFINE_REF_FREE(NetworkPort, virNetworkPortPtr)
DEFINE_GETTER(NetworkPort, virNetworkPortPtr, virNetworkPtr,
              virNetworkPortGetNetwork, obj->net, NULL)
DEFINE_UUID_GETTERS(NetworkPort, virNetworkPortPtr)
DEFINE_LOOKUP_UUIDSTR(virNetworkPtr, NetworkPort, virNetworkPortPtr)


/* ---- virStoragePool ---- */

virStoragePoolPtr
virGetStoragePool(virConnectPtr conn, const char *name,
                  const unsigned char *uuid)
{
    virStoragePoolPtr pool;

    if (!conn || !name || !uuid) {
        virReportInvalidArgFull(__func__, "conn, name, uuid", "cannot be NULL");
        return NULL;
    }
    pool = g_new0(virStoragePool, 1);
    pool->refs = 1;
    pool->conn = virConnectRefInternal(conn);
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, VIR_UUID_BUFLEN);
    return pool;
}

static void
virStoragePoolRelease(virStoragePoolPtr pool)
{
    virConnectPtr conn = pool->conn;

    g_free(pool->name);
    g_free(pool);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(StoragePool, virStoragePoolPtr)
DEFINE_GETTER(StoragePool, virStoragePoolPtr, const char *,
              virStoragePoolGetName, obj->name, NULL)
DEFINE_GETTER(StoragePool, virStoragePoolPtr, virConnectPtr,
              virStoragePoolGetConnect, obj->conn, NULL)
DEFINE_UUID_GETTERS(StoragePool, virStoragePoolPtr)
DEFINE_LOOKUP_UUIDSTR(virConnectPtr, StoragePool, virStoragePoolPtr)


/* ---- virStorageVol ---- */

virStorageVolPtr
virGetStorageVol(virConnectPtr conn, const char *pool, const char *name,
                 const char *key)
{
    virStorageVolPtr vol;

    if (!conn || !pool || !name || !key) {
        virReportInvalidArgFull(__func__, "conn, pool, name, key",
                                "cannot be NULL");
        return NULL;
    }
    vol = g_new0(virStorageVol, 1);
    vol->refs = 1;
    vol->conn = virConnectRefInternal(conn);
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}

static void
virStorageVolRelease(virStorageVolPtr vol)
{
    virConnectPtr conn = vol->conn;

    g_free(vol->pool);
    g_free(vol->name);
    g_free(vol->key);
    g_free(vol);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(StorageVol, virStorageVolPtr)
DEFINE_GETTER(StorageVol, virStorageVolPtr, const char *,
              virStorageVolGetName, obj->name, NULL)
DEFINE_GETTER(StorageVol, virStorageVolPtr, const char *,
              virStorageVolGetKey, obj->key, NULL)
DEFINE_GETTER(StorageVol, virStorageVolPtr, virConnectPtr,
              virStorageVolGetConnect, obj->conn, NULL)


/* ---- virSecret ---- */

virSecretPtr
virGetSecret(virConnectPtr conn, const unsigned char *uuid, int usageType,
             const char *usageID)
{
    virSecretPtr secret;

    if (!conn || !uuid) {
        virReportInvalidArgFull(__func__, "conn, uuid", "cannot be NULL");
        return NULL;
    }
    secret = g_new0(virSecret, 1);
    secret->refs = 1;
    secret->conn = virConnectRefInternal(conn);
    memcpy(secret->uuid, uuid, VIR_UUID_BUFLEN);
    secret->usageType = usageType;
    secret->usageID = g_strdup(usageID ? usageID : "");
    return secret;
}

static void
virSecretRelease(virSecretPtr secret)
{
    virConnectPtr conn = secret->conn;

    g_free(secret->usageID);
    g_free(secret);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(Secret, virSecretPtr)
DEFINE_GETTER(Secret, virSecretPtr, virConnectPtr, virSecretGetConnect,
              obj->conn, NULL)
DEFINE_GETTER(Secret, virSecretPtr, int, virSecretGetUsageType,
              obj->usageType, -1)
DEFINE_GETTER(Secret, virSecretPtr, const char *, virSecretGetUsageID,
              obj->usageID, NULL)
DEFINE_UUID_GETTERS(Secret, virSecretPtr)
DEFINE_LOOKUP_UUIDSTR(virConnectPtr, Secret, virSecretPtr)


/* ---- virNodeDevice ---- */

static void
virNodeDeviceRelease(virNodeDevicePtr dev)
{
    virConnectPtr conn = dev->conn;

    g_free(dev->name);
    g_free(dev->parentName);
    g_free(dev);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(NodeDevice, virNodeDevicePtr)
DEFINE_GETTER(NodeDevice, virNodeDevicePtr, const char *,
              virNodeDeviceGetName, obj->name, NULL)


/* ---- virInterface ---- */

static void
virInterfaceRelease(virInterfacePtr iface)
{
    virConnectPtr conn = iface->conn;

    g_free(iface->name);
    g_free(iface->mac);
    g_free(iface);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(Interface, virInterfacePtr)
DEFINE_GETTER(Interface, virInterfacePtr, const char *, virInterfaceGetName,
              obj->name, NULL)
DEFINE_GETTER(Interface, virInterfacePtr, const char *,
              virInterfaceGetMACString, obj->mac, NULL)
DEFINE_GETTER(Interface, virInterfacePtr, virConnectPtr,
              virInterfaceGetConnect, obj->conn, NULL)


/* ---- virNWFilter and virNWFilterBinding ---- */

static void
virNWFilterRelease(virNWFilterPtr filter)
{
    virConnectPtr conn = filter->conn;

    g_free(filter->name);
    g_free(filter);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(NWFilter, virNWFilterPtr)
DEFINE_GETTER(NWFilter, virNWFilterPtr, const char *, virNWFilterGetName,
              obj->name, NULL)
DEFINE_UUID_GETTERS(NWFilter, virNWFilterPtr)
DEFINE_LOOKUP_UUIDSTR(virConnectPtr, NWFilter, virNWFilterPtr)

static void
virNWFilterBindingRelease(virNWFilterBindingPtr binding)
{
    virConnectPtr conn = binding->conn;

    g_free(binding->portdev);
    g_free(binding->filtername);
    g_free(binding);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(NWFilterBinding, virNWFilterBindingPtr)
DEFINE_GETTER(NWFilterBinding, virNWFilterBindingPtr, const char *,
              virNWFilterBindingGetPortDev, obj->portdev, NULL)
DEFINE_GETTER(NWFilterBinding, virNWFilterBindingPtr, const char *,
              virNWFilterBindingGetFilterName, obj->filtername, NULL)


/* ---- virDomainCheckpoint ---- */

static void
virDomainCheckpointRelease(virDomainCheckpointPtr cp)
{
    virDomainPtr domain = cp->domain;

    g_free(cp->name);
    g_free(cp);
    virDomainFree(domain);
}

DEFINE_REF_FREE(DomainCheckpoint, virDomainCheckpointPtr)
DEFINE_GETTER(DomainCheckpoint, virDomainCheckpointPtr, const char *,
              virDomainCheckpointGetName, obj->name, NULL)
DEFINE_GETTER(DomainCheckpoint, virDomainCheckpointPtr, virDomainPtr,
              virDomainCheckpointGetDomain, obj->domain, NULL)
DEFINE_GETTER(DomainCheckpoint, virDomainCheckpointPtr, virConnectPtr,
              virDomainCheckpointGetConnect, obj->domain->conn, NULL)


/* ---- virStream ---- */

virStreamPtr
virGetStream(virConnectPtr conn)
{
    virStreamPtr st;

    if (!conn) {
        virReportInvalidNullArg(conn);
        return NULL;
    }
    st = g_new0(virStream, 1);
    st->refs = 1;
    st->conn = virConnectRefInternal(conn);
    return st;
}

virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st;

    virResetLastError();
    if (!virCheckConnectObject(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (!(st = virGetStream(conn))) {
        virDispatchError(conn);
        return NULL;
    }
    st->flags = flags;
    return st;
}

void
virStreamSetPrivateData(virStreamPtr st, void *data,
                        const virStreamDriver *driver)
{
    st->privateData = data;
    st->driver = driver;
}

void *
virStreamGetPrivateData(virStreamPtr st)
{
    return st->privateData;
}

unsigned int
virStreamGetFlagsInternal(virStreamPtr st)
{
    return st->flags;
}

static void
virStreamRelease(virStreamPtr st)
{
    virConnectPtr conn = st->conn;

    /* A stream dropped without virStreamFinish/Abort: let its driver
     * release what it holds. */
    if (st->driver && st->driver->streamAbort)
        st->driver->streamAbort(st);
    g_free(st);
    virConnectUnrefInternal(conn);
}

DEFINE_REF_FREE(Stream, virStreamPtr)
