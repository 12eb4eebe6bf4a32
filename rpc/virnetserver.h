/*
 * virnetserver.h: the answering side of the RPC layer
 *
 * A server listens on any number of sockets from the GLib default main
 * context; its own threads read the clients' packets and run the calls,
 * each call on the thread that read it when the worker limit allows.
 * Each program is a table indexed by procedure number; a number without
 * an entry is answered with libvirt's "unknown procedure" error, which
 * libvirt clients turn into VIR_ERR_NO_SUPPORT.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetmessage.h"
#include "virnetsocket.h"

typedef struct _virNetServer virNetServer;
typedef struct _virNetServerClient virNetServerClient;

/* How a client is connected: libvirt's virClientTransport values. */
typedef enum {
    VIR_NET_SERVER_TRANSPORT_UNIX = 0,
    VIR_NET_SERVER_TRANSPORT_TCP = 1,
    VIR_NET_SERVER_TRANSPORT_TLS = 2,
} virNetServerTransport;

/* Runs on a server thread with @args decoded and @ret zeroed.  Returns
 * 0 (then @ret is sent), 1 when it sent its reply itself (a reply with
 * descriptors), or -1 with the thread's error set (then that is
 * sent).  A procedure without a result struct ignores @ret. */
typedef int (*virNetServerDispatchFunc)(virNetServerClient *client,
                                        const virNetMessageHeader *hdr,
                                        void *args,
                                        void *ret);

typedef struct _virNetServerProcedure virNetServerProcedure;
struct _virNetServerProcedure {
    virNetServerDispatchFunc func;      /* NULL: unknown procedure */
    xdrproc_t argsFilter;               /* NULL: no arguments */
    size_t argsSize;
    xdrproc_t retFilter;                /* NULL: empty reply */
    size_t retSize;
};

typedef struct _virNetServerProgram virNetServerProgram;
struct _virNetServerProgram {
    unsigned int prog;
    unsigned int vers;
    const virNetServerProcedure *procs; /* indexed by procedure number */
    size_t nprocs;
};

/* A client was accepted: set its private data.  Main context. */
typedef int (*virNetServerClientInitFunc)(virNetServerClient *client,
                                          void *opaque);
/* A client's connection ended: drop what refers to it.  Main context. */
typedef void (*virNetServerClientCloseFunc)(virNetServerClient *client);

typedef struct _virNetServerConfig virNetServerConfig;
struct _virNetServerConfig {
    size_t maxWorkers;                  /* calls running at once */
    size_t maxClients;                  /* accepted at once; more wait */
    size_t maxClientRequests;           /* calls in flight per client */
    int keepaliveInterval;              /* seconds; -1 never ping */
    unsigned int keepaliveCount;
};

virNetServer *virNetServerNew(const virNetServerConfig *config,
                              virNetServerClientInitFunc clientInit,
                              virNetServerClientCloseFunc clientClose,
                              void *opaque);
void virNetServerFree(virNetServer *srv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetServer, virNetServerFree);

void virNetServerAddProgram(virNetServer *srv,
                            const virNetServerProgram *prog);
int virNetServerAddService(virNetServer *srv,
                           virNetSocket *sock,
                           bool readonly);
int virNetServerAddServiceTLS(virNetServer *srv,
                              virNetSocket *sock,
                              bool readonly,
                              virNetTLSContext *tls);
size_t virNetServerClientCount(virNetServer *srv);
void virNetServerCloseAll(virNetServer *srv);

void virNetServerClientRef(virNetServerClient *client);
void virNetServerClientUnref(virNetServerClient *client);
bool virNetServerClientIsReadonly(virNetServerClient *client);
bool virNetServerClientIsLocal(virNetServerClient *client);
void virNetServerClientSetPrivateData(virNetServerClient *client,
                                      void *data,
                                      GDestroyNotify freeFunc);
void *virNetServerClientGetPrivateData(virNetServerClient *client);
int virNetServerClientSendMessage(virNetServerClient *client,
                                  virNetMessage *msg);
int virNetServerClientSendMessageWithFDs(virNetServerClient *client,
                                         virNetMessage *msg,
                                         const int *fds,
                                         size_t nfds);
void virNetServerClientStartKeepAlive(virNetServerClient *client);
void virNetServerClientClose(virNetServerClient *client);
bool virNetServerClientIsClosed(virNetServerClient *client);

/* For the admin interface. */
typedef struct _virNetServerWorkerStats virNetServerWorkerStats;
struct _virNetServerWorkerStats {
    size_t maxWorkers;
    size_t workers;                     /* threads alive */
    size_t busyWorkers;                 /* threads running a call */
    size_t queuedJobs;                  /* calls waiting for a thread */
};

const virNetServerConfig *virNetServerGetConfig(virNetServer *srv);
void virNetServerGetWorkerStats(virNetServer *srv,
                                virNetServerWorkerStats *stats);
GPtrArray *virNetServerListClients(virNetServer *srv);
unsigned long long virNetServerClientGetID(virNetServerClient *client);
gint64 virNetServerClientGetTimestamp(virNetServerClient *client);
virNetServerTransport virNetServerClientGetTransport(virNetServerClient *client);
virNetSocket *virNetServerClientGetSocket(virNetServerClient *client);
