/*
 * datatypes.c: checks of API objects and the end of a failed public call
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* libvirt reports a bad object with the object's own error code and the
 * name of the public function, e.g. "invalid domain pointer in
 * virDomainSuspend". */
static bool
virCheckObjectFull(const void *obj, const gint *refs, virErrorDomain domain,
                   virErrorNumber code, const char *funcname)
{
    if (!obj || g_atomic_int_get(refs) <= 0) {
        virReportErrorHelper(domain, code, __FILE__, funcname, __LINE__,
                             "%s", funcname);
        return false;
    }
    return true;
}

#define DEFINE_CHECK(Type, ptrType, domain, code, extra) \
    bool \
    virCheck ## Type ## Object(ptrType obj, const char *funcname) \
    { \
        if (!virCheckObjectFull(obj, obj ? &obj->refs : NULL, domain, code, \
                                funcname)) \
            return false; \
        return extra; \
    }

bool
virCheckConnectObject(virConnectPtr conn, const char *funcname)
{
    return virCheckObjectFull(conn, conn ? &conn->refs : NULL, VIR_FROM_NONE,
                              VIR_ERR_INVALID_CONN, funcname);
}

DEFINE_CHECK(Domain, virDomainPtr, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(DomainSnapshot, virDomainSnapshotPtr, VIR_FROM_DOMAIN_SNAPSHOT,
             VIR_ERR_INVALID_DOMAIN_SNAPSHOT,
             virCheckDomainObject(obj->domain, funcname))
DEFINE_CHECK(DomainCheckpoint, virDomainCheckpointPtr,
             VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_DOMAIN_CHECKPOINT,
             virCheckDomainObject(obj->domain, funcname))
DEFINE_CHECK(Network, virNetworkPtr, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(NetworkPort, virNetworkPortPtr, VIR_FROM_NETWORK,
             VIR_ERR_INVALID_NETWORK_PORT,
             virCheckNetworkObject(obj->net, funcname))
DEFINE_CHECK(StoragePool, virStoragePoolPtr, VIR_FROM_STORAGE,
             VIR_ERR_INVALID_STORAGE_POOL,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(StorageVol, virStorageVolPtr, VIR_FROM_STORAGE,
             VIR_ERR_INVALID_STORAGE_VOL,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(Secret, virSecretPtr, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(NodeDevice, virNodeDevicePtr, VIR_FROM_NODEDEV,
             VIR_ERR_INVALID_NODE_DEVICE,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(Interface, virInterfacePtr, VIR_FROM_INTERFACE,
             VIR_ERR_INVALID_INTERFACE,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(NWFilter, virNWFilterPtr, VIR_FROM_NWFILTER,
             VIR_ERR_INVALID_NWFILTER,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(NWFilterBinding, virNWFilterBindingPtr, VIR_FROM_NWFILTER,
             VIR_ERR_INVALID_NWFILTER_BINDING,
             virCheckConnectObject(obj->conn, funcname))
DEFINE_CHECK(Stream, virStreamPtr, VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM,
             virCheckConnectObject(obj->conn, funcname))


/**
 * virCheckConnectWritable:
 * @conn: a checked connection
 * @funcname: the public function being called
 *
 * Returns 0 when @conn may change things, -1 with VIR_ERR_OPERATION_DENIED
 * naming @funcname when it was opened read-only.
 */
int
virCheckConnectWritable(virConnectPtr conn, const char *funcname)
{
    if (conn->flags & VIR_CONNECT_RO) {
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_OPERATION_DENIED,
                             __FILE__, funcname, __LINE__,
                             _("read only access prevents %1$s"), funcname);
        return -1;
    }
    return 0;
}


/**
 * virDispatchError:
 * @conn: the connection the call failed on, or NULL
 *
 * Finish a failed public call: make sure the thread's error says
 * something, keep a copy in @conn for the legacy per-connection error API,
 * and hand the error to the connection's handler, the global one, or the
 * default one that prints it.
 */
void
virDispatchError(virConnectPtr conn)
{
    virError *err = virErrorGetThreadLocal();
    virErrorFunc handler = NULL;
    void *userData = NULL;

    if (err->code == VIR_ERR_OK)
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                             __FILE__, __func__, __LINE__, "%s",
                             _("An error occurred, but the cause is unknown"));

    if (conn && g_atomic_int_get(&conn->refs) > 0) {
        g_mutex_lock(&conn->lock);
        virErrorCopy(err, &conn->err);
        handler = conn->handler;
        userData = conn->userData;
        g_mutex_unlock(&conn->lock);
    }

    if (!handler)
        virErrorGetGlobalHandler(&handler, &userData);

    if (handler)
        handler(userData, err);
    else
        virErrorDefaultPrint(err);
}
