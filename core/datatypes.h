/*
 * datatypes.h: the layout of the public API objects, private to core/
 *
 * Plugins never include this: they build objects with the constructors
 * of <virtplug/objects.h> and read them through the public API.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "viruri.h"

#include <virtplug/driver.h>
#include <virtplug/objects.h>

typedef struct _virPlugin virPlugin;

/* Every object below is reference counted with g_atomic_int; the last
 * unref frees it.  Objects hold a reference on their parent. */

struct _virConnect {
    gint refs;
    unsigned int flags;             /* VIR_CONNECT_RO ... */
    virURI *uri;                    /* as opened; never NULL once open */
    char *uriString;                /* canonical form for virConnectGetURI */
    virPlugin *plugin;              /* the plugin serving this connection */

    /* The plugin's tables, copied into full-size zeroed structs so that
     * members a plugin was built without read as NULL. */
    const virHypervisorDriver *hypervisorDriver;
    const virNetworkDriver *networkDriver;
    const virStorageDriver *storageDriver;
    const virSecretDriver *secretDriver;
    const virNodeDeviceDriver *nodeDeviceDriver;
    const virInterfaceDriver *interfaceDriver;
    const virNWFilterDriver *nwfilterDriver;

    void *privateData;              /* the hypervisor driver's state */

    GMutex lock;                    /* guards everything below */
    virError err;                   /* virConnGetLastError() */
    virErrorFunc handler;           /* virConnSetErrorFunc() */
    void *userData;
    virConnectCloseFunc closeCallback;
    void *closeOpaque;
    virFreeCallback closeFreeCallback;
};

struct _virDomain {
    gint refs;
    virConnectPtr conn;
    char *name;
    int id;                         /* -1 when not running */
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virDomainSnapshot {
    gint refs;
    char *name;
    virDomainPtr domain;
};

struct _virDomainCheckpoint {
    gint refs;
    char *name;
    virDomainPtr domain;
};

struct _virNetwork {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNetworkPort {
    gint refs;
    virNetworkPtr net;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStoragePool {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStorageVol {
    gint refs;
    virConnectPtr conn;
    char *pool;
    char *name;
    char *key;
};

struct _virSecret {
    gint refs;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;
    char *usageID;
};

struct _virNodeDevice {
    gint refs;
    virConnectPtr conn;
    char *name;
    char *parentName;
};

struct _virInterface {
    gint refs;
    virConnectPtr conn;
    char *name;
    char *mac;
};

struct _virNWFilter {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNWFilterBinding {
    gint refs;
    virConnectPtr conn;
    char *portdev;
    char *filtername;
};

struct _virStream {
    gint refs;
    virConnectPtr conn;
    unsigned int flags;
    const virStreamDriver *driver;
    void *privateData;
};

/* Object checks of every entry point: true if @obj is a live object,
 * otherwise report VIR_ERR_INVALID_<OBJECT> naming @funcname and return
 * false.  They do not dispatch the error: the caller does. */
bool virCheckConnectObject(virConnectPtr conn, const char *funcname);
bool virCheckDomainObject(virDomainPtr dom, const char *funcname);
bool virCheckDomainSnapshotObject(virDomainSnapshotPtr snap,
                                  const char *funcname);
bool virCheckDomainCheckpointObject(virDomainCheckpointPtr cp,
                                    const char *funcname);
bool virCheckNetworkObject(virNetworkPtr net, const char *funcname);
bool virCheckNetworkPortObject(virNetworkPortPtr port, const char *funcname);
bool virCheckStoragePoolObject(virStoragePoolPtr pool, const char *funcname);
bool virCheckStorageVolObject(virStorageVolPtr vol, const char *funcname);
bool virCheckSecretObject(virSecretPtr secret, const char *funcname);
bool virCheckNodeDeviceObject(virNodeDevicePtr dev, const char *funcname);
bool virCheckInterfaceObject(virInterfacePtr iface, const char *funcname);
bool virCheckNWFilterObject(virNWFilterPtr filter, const char *funcname);
bool virCheckNWFilterBindingObject(virNWFilterBindingPtr binding,
                                   const char *funcname);
bool virCheckStreamObject(virStreamPtr st, const char *funcname);

/* VIR_ERR_OPERATION_DENIED naming @funcname on a read-only connection
 * ("read only access prevents virDomainDefineXML"); 0 otherwise. */
int virCheckConnectWritable(virConnectPtr conn, const char *funcname);

/* Finish a failed public call: give the thread's error a generic message
 * if it has none, copy it to @conn's error slot (may be NULL) and call the
 * connection's or the global error handler. */
void virDispatchError(virConnectPtr conn);

/* Unref helpers used by the public Free functions. */
void virConnectUnrefInternal(virConnectPtr conn);

/* The handler set with virSetErrorFunc(), NULL if none. */
void virErrorGetGlobalHandler(virErrorFunc *handler, void **userData);

/* Take a reference on @conn for an object that points at it; returns it. */
virConnectPtr virConnectRefInternal(virConnectPtr conn);
