/*
 * virtplug/objects.h: the public objects a driver creates and reads
 *
 * Drivers never see the layout of virConnect, virDomain and friends: they
 * make them with the virGet* constructors (which return a new reference
 * the caller owns; release with the public virDomainFree() etc.) and keep
 * their own per-connection state with virConnectSetPrivateData().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_OBJECTS_H
#define VIRTPLUG_OBJECTS_H

#include <libvirt/libvirt.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virURI virURI;
struct _virStreamDriver;       /* <virtplug/driver-tables.h> */

/* Constructors.  NULL (with an error set) on bad arguments. */
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);
virDomainSnapshotPtr virGetDomainSnapshot(virDomainPtr domain,
                                          const char *name);
virNetworkPtr virGetNetwork(virConnectPtr conn, const char *name,
                            const unsigned char *uuid);
virStoragePoolPtr virGetStoragePool(virConnectPtr conn, const char *name,
                                    const unsigned char *uuid);
virStorageVolPtr virGetStorageVol(virConnectPtr conn, const char *pool,
                                  const char *name, const char *key);
virSecretPtr virGetSecret(virConnectPtr conn, const unsigned char *uuid,
                          int usageType, const char *usageID);
virStreamPtr virGetStream(virConnectPtr conn);

/* A domain object's id changes when a driver starts or stops it. */
void virDomainSetIdInternal(virDomainPtr domain, int id);

/* The driver's state for @conn, set in connectOpen and cleared in
 * connectClose.  The core never looks inside it. */
void virConnectSetPrivateData(virConnectPtr conn, void *data);
void *virConnectGetPrivateData(virConnectPtr conn);

/* The URI the connection was opened with, parsed; owned by @conn. */
const virURI *virConnectGetParsedURI(virConnectPtr conn);

/* The flags given to virConnectOpenAuth (VIR_CONNECT_RO ...). */
unsigned int virConnectGetOpenFlags(virConnectPtr conn);

/* Stream drivers keep their per-stream state here. */
void virStreamSetPrivateData(virStreamPtr st, void *data,
                             const struct _virStreamDriver *driver);
void *virStreamGetPrivateData(virStreamPtr st);
/* The flags virStreamNew was given (VIR_STREAM_NONBLOCK). */
unsigned int virStreamGetFlagsInternal(virStreamPtr st);

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_OBJECTS_H */
