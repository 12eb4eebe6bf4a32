/*
 * remote_dispatch.h: what the daemon's REMOTE program handlers share
 *
 * Each client of virtplugd owns one connection opened through the public
 * API on its behalf (CONNECT_OPEN), read-only when it came through the
 * read-only socket, so the core's own checks refuse its writes and any
 * plugin can serve it, exactly as libvirtd's remote server does.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetserver.h"
#include "remote_protocol.h"

typedef struct _remoteClient remoteClient;
struct _remoteClient {
    GMutex lock;                        /* guards everything below */
    virConnectPtr conn;                 /* NULL until CONNECT_OPEN */
    bool readonly;                      /* came through the ro socket */
    bool closeCallback;                 /* CONNECT_REGISTER_CLOSE_CALLBACK */
    GPtrArray *domainEvents;            /* remoteEventCallback * */
};

#include "remote_dispatch_decls.h"

extern const virNetServerProcedure remoteProcedures[REMOTE_NPROCEDURES];

int remoteClientInit(virNetServerClient *client, void *opaque);
void remoteClientClose(virNetServerClient *client);

virConnectPtr remoteClientGetConnection(virNetServerClient *client);
virDomainPtr remoteGetDomain(virConnectPtr conn,
                             const remote_nonnull_domain *dom);
virDomainSnapshotPtr remoteGetDomainSnapshot(virConnectPtr conn,
                                             const remote_nonnull_domain_snapshot *snap);
void remoteMakeDomain(remote_nonnull_domain *dest, virDomainPtr dom);
void remoteMakeDomainSnapshot(remote_nonnull_domain_snapshot *dest,
                              virDomainSnapshotPtr snap);

void remoteEventsRelease(virNetServerClient *client);
