/*
 * remote_private.h: what the files of the remote plugin share
 *
 * Never installed, never included outside plugins/remote/.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <virtplug/driver.h>
#include <virtplug/objects.h>

#include "internal.h"
#include "virnetclient.h"
#include "remote_protocol.h"
#include "object_event.h"

/* Domain event IDs of libvirt 9.0: 0 .. MEMORY_DEVICE_SIZE_CHANGE. */
#define REMOTE_DOMAIN_EVENT_ID_COUNT \
    (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)

typedef struct _remotePrivate remotePrivate;
struct _remotePrivate {
    virNetClient *client;
    bool keepalive;                     /* the daemon answered feature 10 */
    bool eventCallbacks;                /* ... and feature 14 */
    virObjectEventState *eventState;    /* local callbacks, delivered
                                         * from the application's loop */

    GMutex lock;                        /* guards everything below */
    char *type;                         /* connectGetType's answer, kept
                                         * because it returns const */
    int serverCallbackID[REMOTE_DOMAIN_EVENT_ID_COUNT];   /* -1 none */
    unsigned int localCount[REMOTE_DOMAIN_EVENT_ID_COUNT];
    GHashTable *localEvents;            /* local callbackID -> eventID */
};

int remoteCall(virConnectPtr conn, int proc,
               xdrproc_t argsFilter, void *args,
               xdrproc_t retFilter, void *ret);

void remoteMakeDomainArg(remote_nonnull_domain *dest, virDomainPtr dom);
void remoteMakeDomainSnapshotArg(remote_nonnull_domain_snapshot *dest,
                                 virDomainSnapshotPtr snap);
virDomainPtr remoteDomainFromWire(virConnectPtr conn,
                                  const remote_nonnull_domain *dom);
virDomainSnapshotPtr remoteDomainSnapshotFromWire(virConnectPtr conn,
                                                  const remote_nonnull_domain_snapshot *snap);
const char *remoteInternString(virConnectPtr conn, const char *str);

/* remote_connect.c */
virDrvOpenStatus remoteConnectOpen(virConnectPtr conn,
                                   virConnectAuthPtr auth,
                                   unsigned int flags);
int remoteConnectClose(virConnectPtr conn);
int remoteConnectIsAlive(virConnectPtr conn);
int remoteConnectIsEncrypted(virConnectPtr conn);
int remoteConnectSetKeepAlive(virConnectPtr conn, int interval,
                              unsigned int count);

/* remote_domain.c */
int remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
int remoteNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int remoteDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int remoteDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel);
int remoteDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);
int remoteDomainCreate(virDomainPtr domain);
int remoteDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int remoteDomainDestroy(virDomainPtr domain);
int remoteDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                                unsigned int flags);
int remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int remoteConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                    int maxnames);
int remoteDomainSnapshotListNames(virDomainPtr domain, char **names,
                                  int nameslen, unsigned int flags);
int remoteDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                          char **names, int nameslen,
                                          unsigned int flags);
int remoteDomainListAllSnapshots(virDomainPtr domain,
                                 virDomainSnapshotPtr **snaps,
                                 unsigned int flags);
int remoteDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                        virDomainSnapshotPtr **snaps,
                                        unsigned int flags);

/* remote_stream.c */
char *remoteDomainScreenshot(virDomainPtr domain, virStreamPtr stream,
                             unsigned int screen, unsigned int flags);
int remoteDomainOpenConsole(virDomainPtr domain, const char *dev_name,
                            virStreamPtr st, unsigned int flags);
int remoteDomainOpenChannel(virDomainPtr domain, const char *name,
                            virStreamPtr st, unsigned int flags);

/* remote_fds.c */
int remoteDomainOpenGraphicsFD(virDomainPtr domain, unsigned int idx,
                               unsigned int flags);

/* remote_event.c */
void remoteEventDispatch(virNetClient *client, virNetMessage *msg,
                         void *opaque);
int remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                        int eventID,
                                        virConnectDomainEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb);
int remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);
