/*
 * virnetserver.c: the answering side of the RPC layer
 *
 * Threads: the main context accepts, reads, answers keepalive and queues
 * calls; workers decode, dispatch and write replies.  A client object is
 * referenced by the server's list, by each queued call and by whoever
 * holds it for events; it is freed, and its private data released, only
 * when the last of them lets go.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib-unix.h>

#include "internal.h"
#include "virnetserver.h"
#include "virkeepaliveprotocol.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct _virNetServerService virNetServerService;
struct _virNetServerService {
    virNetServer *srv;
    virNetSocket *sock;
    bool readonly;
    guint source;
    virNetTLSContext *tls;              /* NULL: plain transport */
};

struct _virNetServer {
    virNetServerConfig config;
    virNetServerClientInitFunc clientInit;
    virNetServerClientCloseFunc clientClose;
    void *opaque;
    GThreadPool *workers;
    GPtrArray *programs;                /* const virNetServerProgram * */
    GPtrArray *services;                /* virNetServerService * */

    GMutex lock;                        /* guards @clients, @nextClientID */
    GPtrArray *clients;                 /* virNetServerClient *, one ref each */
    unsigned long long nextClientID;    /* ids are never reused */
    gint busyWorkers;                   /* atomic: workers running a call */
};

struct _virNetServerClient {
    gint refs;
    virNetServer *srv;
    virNetSocket *sock;
    unsigned long long id;              /* unique within @srv */
    gint64 connTime;                    /* seconds since the epoch */
    virNetServerTransport transport;
    bool readonly;
    bool handshaking;                   /* TLS handshake not done; main
                                         * context */
    virNetMessage *rx;                  /* packet being read; main context */

    GMutex writeLock;                   /* whole packets on @sock */

    GMutex lock;                        /* guards everything below */
    GSource *source;                    /* read watch; NULL while throttled */
    size_t nrequests;                   /* calls queued or running */
    bool closed;
    guint kaTimer;                      /* 0 until keepalive negotiated */
    gint64 lastRecv;                    /* monotonic us */
    unsigned int kaMissed;
    void *privateData;
    GDestroyNotify privateFree;
};

typedef struct _virNetServerJob virNetServerJob;
struct _virNetServerJob {
    virNetServerClient *client;         /* one reference */
    virNetMessage *msg;
};

static gboolean virNetServerClientReadable(gint fd, GIOCondition cond,
                                           gpointer opaque);


/**
 * virNetServerClientRef:
 * @client: a client
 */
void
virNetServerClientRef(virNetServerClient *client)
{
    g_atomic_int_inc(&client->refs);
}


/**
 * virNetServerClientUnref:
 * @client: a client, or NULL
 *
 * The last reference frees the client and its private data.
 */
void
virNetServerClientUnref(virNetServerClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    if (client->privateFree)
        client->privateFree(client->privateData);
    virNetMessageFree(client->rx);
    virNetSocketFree(client->sock);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_free(client);
}


/**
 * virNetServerClientIsReadonly:
 * @client: a client
 *
 * Returns true if it came through a read-only socket.
 */
bool
virNetServerClientIsReadonly(virNetServerClient *client)
{
    return client->readonly;
}


/**
 * virNetServerClientIsLocal:
 * @client: a client
 *
 * Returns true if it came through a UNIX socket.
 */
bool
virNetServerClientIsLocal(virNetServerClient *client)
{
    return virNetSocketIsLocal(client->sock);
}


/**
 * virNetServerClientSetPrivateData:
 * @client: a client
 * @data: the owner's state, owned by @client from now on
 * @freeFunc: frees @data with the client's last reference
 */
void
virNetServerClientSetPrivateData(virNetServerClient *client,
                                 void *data,
                                 GDestroyNotify freeFunc)
{
    client->privateData = data;
    client->privateFree = freeFunc;
}


/**
 * virNetServerClientGetPrivateData:
 * @client: a client
 *
 * Returns what virNetServerClientSetPrivateData() stored.
 */
void *
virNetServerClientGetPrivateData(virNetServerClient *client)
{
    return client->privateData;
}


/**
 * virNetServerClientIsClosed:
 * @client: a client
 *
 * Returns true once the connection has ended.
 */
bool
virNetServerClientIsClosed(virNetServerClient *client)
{
    bool closed;

    g_mutex_lock(&client->lock);
    closed = client->closed;
    g_mutex_unlock(&client->lock);
    return closed;
}


/**
 * virNetServerClientSendMessage:
 * @client: a client
 * @msg: an encoded packet
 *
 * Writes @msg whole; packets from several threads never interleave.
 *
 * Returns 0, or -1 (the client is then closed) with an error set.
 */
int
virNetServerClientSendMessage(virNetServerClient *client,
                              virNetMessage *msg)
{
    int ret;

    if (virNetServerClientIsClosed(client)) {
        virReportError(VIR_ERR_RPC, "%s", _("client socket is closed"));
        return -1;
    }
    g_mutex_lock(&client->writeLock);
    ret = virNetSocketWriteAll(client->sock, msg->buffer, msg->bufferLength);
    g_mutex_unlock(&client->writeLock);
    if (ret < 0)
        virNetSocketShutdown(client->sock);
    return ret;
}


static void
virNetServerClientSendKeepAlive(virNetServerClient *client, int proc)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header.prog = KEEPALIVE_PROGRAM;
    msg->header.vers = KEEPALIVE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_MESSAGE;
    msg->header.serial = 0;
    msg->header.status = VIR_NET_OK;
    if (virNetMessageEncode(msg, NULL, NULL) == 0)
        virNetServerClientSendMessage(client, msg);
    virResetLastError();
}


/* With @client->lock held: start or stop reading, as the number of calls
 * in flight allows.  Sources may be attached from any thread. */
static void
virNetServerClientUpdateWatch(virNetServerClient *client)
{
    bool want = !client->closed &&
                client->nrequests < client->srv->config.maxClientRequests;

    if (want && !client->source) {
        client->source = g_unix_fd_source_new(virNetSocketGetFD(client->sock),
                                              G_IO_IN | G_IO_HUP | G_IO_ERR);
        virNetServerClientRef(client);
        g_source_set_callback(client->source,
                              G_SOURCE_FUNC(virNetServerClientReadable),
                              client,
                              (GDestroyNotify)virNetServerClientUnref);
        g_source_attach(client->source, NULL);
    } else if (!want && client->source) {
        g_source_destroy(client->source);
        g_source_unref(client->source);
        client->source = NULL;
    }
}


/**
 * virNetServerClientClose:
 * @client: a client
 *
 * Ends the connection: stops reading, wakes a blocked writer, runs the
 * server's close hook and drops the server's reference.  Idempotent.
 * Call from the main context.
 */
void
virNetServerClientClose(virNetServerClient *client)
{
    virNetServer *srv = client->srv;
    guint kaTimer;

    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        return;
    }
    client->closed = true;
    virNetServerClientUpdateWatch(client);
    kaTimer = client->kaTimer;
    client->kaTimer = 0;
    g_mutex_unlock(&client->lock);

    if (kaTimer)
        g_source_remove(kaTimer);
    virNetSocketShutdown(client->sock);
    if (srv->clientClose)
        srv->clientClose(client);

    g_mutex_lock(&srv->lock);
    if (g_ptr_array_remove(srv->clients, client)) {
        g_mutex_unlock(&srv->lock);
        virNetServerClientUnref(client);
        return;
    }
    g_mutex_unlock(&srv->lock);
}


static gboolean
virNetServerClientCloseIdle(gpointer opaque)
{
    virNetServerClientClose(opaque);
    return G_SOURCE_REMOVE;
}


static gboolean
virNetServerClientKeepAliveTimer(gpointer opaque)
{
    virNetServerClient *client = opaque;
    int interval = client->srv->config.keepaliveInterval;
    gint64 now = g_get_monotonic_time();
    bool ping = false;
    bool dead = false;

    g_mutex_lock(&client->lock);
    if (now - client->lastRecv >=
        (gint64)interval * (client->kaMissed + 1) * G_USEC_PER_SEC) {
        if (client->kaMissed >= client->srv->config.keepaliveCount)
            dead = true;
        else
            ping = true;
        client->kaMissed++;
    }
    g_mutex_unlock(&client->lock);

    if (dead) {
        VIR_WARN("closing client: no keepalive response");
        g_mutex_lock(&client->lock);
        client->kaTimer = 0;
        g_mutex_unlock(&client->lock);
        virNetServerClientClose(client);
        return G_SOURCE_REMOVE;
    }
    if (ping)
        virNetServerClientSendKeepAlive(client, KEEPALIVE_PROC_PING);
    return G_SOURCE_CONTINUE;
}


/**
 * virNetServerClientStartKeepAlive:
 * @client: a client that asked for keepalive (feature 10)
 *
 * From now on @client is pinged after keepaliveInterval seconds of
 * silence and dropped after keepaliveCount unanswered pings, as libvirtd
 * does.  Safe from any thread.
 */
void
virNetServerClientStartKeepAlive(virNetServerClient *client)
{
    GSource *timer;

    if (client->srv->config.keepaliveInterval <= 0)
        return;
    g_mutex_lock(&client->lock);
    if (client->kaTimer || client->closed) {
        g_mutex_unlock(&client->lock);
        return;
    }
    timer = g_timeout_source_new_seconds(1);
    virNetServerClientRef(client);
    g_source_set_callback(timer, virNetServerClientKeepAliveTimer, client,
                          (GDestroyNotify)virNetServerClientUnref);
    client->kaTimer = g_source_attach(timer, NULL);
    g_source_unref(timer);
    g_mutex_unlock(&client->lock);
}


static void
virNetServerSendError(virNetServerClient *client,
                      virNetMessage *msg,
                      const virError *err)
{
    if (virNetMessageEncodeError(msg, err) == 0)
        virNetServerClientSendMessage(client, msg);
}


static const virNetServerProgram *
virNetServerFindProgram(virNetServer *srv, const virNetMessageHeader *hdr)
{
    size_t i;

    for (i = 0; i < srv->programs->len; i++) {
        const virNetServerProgram *prog = g_ptr_array_index(srv->programs, i);

        if (prog->prog == hdr->prog && prog->vers == hdr->vers)
            return prog;
    }
    return NULL;
}


/* Decode, run and answer one call; every failure becomes an error reply
 * worded as libvirtd words it, and the connection stays open. */
static void
virNetServerDispatchCall(virNetServer *srv,
                         virNetServerClient *client,
                         virNetMessage *msg)
{
    virNetMessageHeader hdr = msg->header;
    const virNetServerProgram *prog;
    const virNetServerProcedure *proc = NULL;
    g_autofree char *args = NULL;
    g_autofree char *ret = NULL;
    int rv = -1;

    virResetLastError();
    if (!(prog = virNetServerFindProgram(srv, &hdr))) {
        virReportError(VIR_ERR_RPC, _("Cannot find program %1$d version %2$d"),
                       hdr.prog, hdr.vers);
        goto error;
    }
    if (hdr.status != VIR_NET_OK) {
        virReportError(VIR_ERR_RPC, _("Unexpected message status %1$u"),
                       hdr.status);
        goto error;
    }
    if (hdr.proc >= 0 && (size_t)hdr.proc < prog->nprocs)
        proc = &prog->procs[hdr.proc];
    if (!proc || !proc->func || hdr.type != VIR_NET_CALL) {
        virReportError(VIR_ERR_RPC, _("unknown procedure: %1$d"), hdr.proc);
        goto error;
    }

    args = g_malloc0(MAX(proc->argsSize, 1));
    ret = g_malloc0(MAX(proc->retSize, 1));
    if (virNetMessageDecodePayload(msg, proc->argsFilter ? proc->argsFilter :
                                   VIR_XDRPROC(xdr_void), args) < 0) {
        if (proc->argsFilter)
            xdr_free(proc->argsFilter, args);
        goto error;
    }

    rv = proc->func(client, &hdr, args, ret);
    if (proc->argsFilter)
        xdr_free(proc->argsFilter, args);
    if (rv < 0)
        goto error;

    msg->header.type = VIR_NET_REPLY;
    msg->header.status = VIR_NET_OK;
    rv = virNetMessageEncode(msg, proc->retFilter, ret);
    if (proc->retFilter)
        xdr_free(proc->retFilter, ret);
    if (rv < 0)
        goto error;
    virNetServerClientSendMessage(client, msg);
    virResetLastError();
    return;

 error:
    msg->header = hdr;
    virNetServerSendError(client, msg, virGetLastError());
    virResetLastError();
}


static void
virNetServerWorker(gpointer data, gpointer opaque)
{
    virNetServerJob *job = data;
    virNetServerClient *client = job->client;

    g_atomic_int_inc(&client->srv->busyWorkers);
    virNetServerDispatchCall(opaque, client, job->msg);
    g_atomic_int_add(&client->srv->busyWorkers, -1);
    virNetMessageFree(job->msg);

    g_mutex_lock(&client->lock);
    client->nrequests--;
    virNetServerClientUpdateWatch(client);
    g_mutex_unlock(&client->lock);

    virNetServerClientUnref(client);
    g_free(job);
}


/* A whole packet arrived.  Returns -1 to drop the client. */
static int
virNetServerClientHandlePacket(virNetServerClient *client,
                               virNetMessage *msg)
{
    virNetServer *srv = client->srv;
    virNetMessageHeader *hdr = &msg->header;
    virNetServerJob *job;

    if (virNetMessageDecodeHeader(msg) < 0) {
        virNetMessageFree(msg);
        return -1;
    }

    g_mutex_lock(&client->lock);
    client->lastRecv = g_get_monotonic_time();
    client->kaMissed = 0;
    g_mutex_unlock(&client->lock);

    if (hdr->prog == KEEPALIVE_PROGRAM && hdr->type == VIR_NET_MESSAGE) {
        /* libvirtd answers a PING whether or not keepalive was agreed. */
        if (hdr->proc == KEEPALIVE_PROC_PING)
            virNetServerClientSendKeepAlive(client, KEEPALIVE_PROC_PONG);
        virNetMessageFree(msg);
        return 0;
    }
    if (hdr->type != VIR_NET_CALL && hdr->type != VIR_NET_CALL_WITH_FDS) {
        /* Stream packets for streams we never opened are ignored, as
         * libvirtd does. */
        virNetMessageFree(msg);
        return 0;
    }

    job = g_new0(virNetServerJob, 1);
    job->msg = msg;
    job->client = client;
    virNetServerClientRef(client);
    g_mutex_lock(&client->lock);
    client->nrequests++;
    virNetServerClientUpdateWatch(client);
    g_mutex_unlock(&client->lock);
    g_thread_pool_push(srv->workers, job, NULL);
    return 0;
}


/* Advance a TLS client's handshake.  Returns 0 once it is done and the
 * client's certificate accepted, 1 while it waits for the socket, -1 to
 * drop the client.  Only input is watched: the handshake's few small
 * records fit in the socket's send buffer. */
static int
virNetServerClientHandshake(virNetServerClient *client)
{
    virNetTLSSession *sess = virNetSocketGetTLS(client->sock);
    static const char verdict = 1;
    int rc;

    if ((rc = virNetTLSSessionHandshake(sess)) != 0)
        return rc;
    if (virNetTLSSessionVerify(sess) < 0) {
        VIR_WARN("refusing TLS client: %s", NULLSTR(virGetLastErrorMessage()));
        return -1;
    }
    /* libvirt's server tells the client its certificate passed. */
    if (virNetSocketWriteAll(client->sock, &verdict, 1) < 0)
        return -1;
    client->handshaking = false;
    return 0;
}


static gboolean
virNetServerClientReadable(gint fd G_GNUC_UNUSED,
                           GIOCondition cond G_GNUC_UNUSED,
                           gpointer opaque)
{
    virNetServerClient *client = opaque;

    if (client->handshaking) {
        int rc = virNetServerClientHandshake(client);

        if (rc < 0)
            goto drop;
        if (rc > 0)
            return G_SOURCE_CONTINUE;
    }

    for (;;) {
        virNetMessage *rx = client->rx;
        ssize_t got;

        got = virNetSocketRead(client->sock, rx->buffer + rx->bufferOffset,
                               rx->bufferLength - rx->bufferOffset);
        if (got < 0)
            goto drop;
        if (got == 0)
            return G_SOURCE_CONTINUE;
        rx->bufferOffset += got;
        if (rx->bufferOffset < rx->bufferLength)
            continue;
        if (rx->bufferLength == VIR_NET_MESSAGE_LEN_MAX) {
            if (virNetMessageDecodeLength(rx) < 0)
                goto drop;
            continue;
        }

        client->rx = virNetMessageNew();
        if (virNetServerClientHandlePacket(client, rx) < 0)
            goto drop;
        /* Throttled: the call limit took our watch away. */
        if (g_source_is_destroyed(g_main_current_source()))
            return G_SOURCE_REMOVE;
    }

 drop:
    VIR_DEBUG("dropping client: %s", NULLSTR(virGetLastErrorMessage()));
    virResetLastError();
    /* Closing destroys this very source; do it once we have returned. */
    virNetServerClientRef(client);
    g_idle_add_full(G_PRIORITY_DEFAULT, virNetServerClientCloseIdle, client,
                    (GDestroyNotify)virNetServerClientUnref);
    g_mutex_lock(&client->lock);
    if (client->source) {
        g_source_unref(client->source);
        client->source = NULL;
    }
    g_mutex_unlock(&client->lock);
    return G_SOURCE_REMOVE;
}


static gboolean
virNetServerServiceAccept(gint fd G_GNUC_UNUSED,
                          GIOCondition cond G_GNUC_UNUSED,
                          gpointer opaque)
{
    virNetServerService *svc = opaque;
    virNetServer *srv = svc->srv;
    virNetSocket *sock = NULL;
    virNetServerClient *client;

    if (virNetSocketAccept(svc->sock, &sock) < 0) {
        VIR_WARN("%s", NULLSTR(virGetLastErrorMessage()));
        virResetLastError();
        return G_SOURCE_CONTINUE;
    }
    if (!sock)
        return G_SOURCE_CONTINUE;

    g_mutex_lock(&srv->lock);
    if (srv->clients->len >= srv->config.maxClients) {
        g_mutex_unlock(&srv->lock);
        VIR_WARN("too many active clients (%zu), dropping connection",
                 srv->config.maxClients);
        virNetSocketFree(sock);
        return G_SOURCE_CONTINUE;
    }
    g_mutex_unlock(&srv->lock);

    virNetSocketSetBlocking(sock, false);
    if (svc->tls) {
        virNetTLSSession *sess = virNetTLSSessionNew(svc->tls,
                                                     virNetSocketGetFD(sock),
                                                     NULL);

        if (!sess) {
            VIR_WARN("%s", NULLSTR(virGetLastErrorMessage()));
            virResetLastError();
            virNetSocketFree(sock);
            return G_SOURCE_CONTINUE;
        }
        virNetSocketSetTLS(sock, sess);
    }
    client = g_new0(virNetServerClient, 1);
    client->handshaking = svc->tls != NULL;
    client->refs = 1;
    client->srv = srv;
    client->sock = sock;
    client->readonly = svc->readonly;
    client->connTime = g_get_real_time() / G_USEC_PER_SEC;
    if (svc->tls)
        client->transport = VIR_NET_SERVER_TRANSPORT_TLS;
    else if (virNetSocketIsLocal(sock))
        client->transport = VIR_NET_SERVER_TRANSPORT_UNIX;
    else
        client->transport = VIR_NET_SERVER_TRANSPORT_TCP;
    client->rx = virNetMessageNew();
    client->lastRecv = g_get_monotonic_time();
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);

    if (srv->clientInit && srv->clientInit(client, srv->opaque) < 0) {
        VIR_WARN("%s", NULLSTR(virGetLastErrorMessage()));
        virResetLastError();
        virNetServerClientUnref(client);
        return G_SOURCE_CONTINUE;
    }

    g_mutex_lock(&srv->lock);
    client->id = ++srv->nextClientID;
    g_ptr_array_add(srv->clients, client);
    g_mutex_unlock(&srv->lock);

    g_mutex_lock(&client->lock);
    virNetServerClientUpdateWatch(client);
    g_mutex_unlock(&client->lock);
    return G_SOURCE_CONTINUE;
}


/**
 * virNetServerNew:
 * @config: limits and keepalive settings, copied
 * @clientInit: called for each accepted client, or NULL
 * @clientClose: called when a client's connection ends, or NULL
 * @opaque: passed to @clientInit
 *
 * Returns a server with no socket and no program yet, or NULL with an
 * error set.
 */
virNetServer *
virNetServerNew(const virNetServerConfig *config,
                virNetServerClientInitFunc clientInit,
                virNetServerClientCloseFunc clientClose,
                void *opaque)
{
    g_autoptr(GError) gerr = NULL;
    virNetServer *srv = g_new0(virNetServer, 1);

    srv->config = *config;
    if (srv->config.maxWorkers == 0)
        srv->config.maxWorkers = 1;
    if (srv->config.maxClientRequests == 0)
        srv->config.maxClientRequests = 1;
    srv->clientInit = clientInit;
    srv->clientClose = clientClose;
    srv->opaque = opaque;
    srv->programs = g_ptr_array_new();
    srv->services = g_ptr_array_new();
    srv->clients = g_ptr_array_new();
    g_mutex_init(&srv->lock);
    srv->workers = g_thread_pool_new(virNetServerWorker, srv,
                                     srv->config.maxWorkers, FALSE, &gerr);
    if (!srv->workers) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unable to create worker threads: %1$s"),
                       gerr->message);
        virNetServerFree(srv);
        return NULL;
    }
    return srv;
}


/**
 * virNetServerAddProgram:
 * @srv: a server
 * @prog: a program table that outlives @srv
 */
void
virNetServerAddProgram(virNetServer *srv,
                       const virNetServerProgram *prog)
{
    g_ptr_array_add(srv->programs, (gpointer)prog);
}


/**
 * virNetServerAddService:
 * @srv: a server
 * @sock: a listening socket, taken over by @srv
 * @readonly: whether clients of @sock get read-only connections
 *
 * Starts accepting on @sock from the main context.
 *
 * Returns 0.
 */
int
virNetServerAddService(virNetServer *srv,
                       virNetSocket *sock,
                       bool readonly)
{
    return virNetServerAddServiceTLS(srv, sock, readonly, NULL);
}


/**
 * virNetServerAddServiceTLS:
 * @srv: a server
 * @sock: a listening TCP socket, taken over by @srv
 * @readonly: whether clients of @sock get read-only connections
 * @tls: server credentials (@srv takes a reference), or NULL for none
 *
 * Like virNetServerAddService(), with each client speaking TLS first.
 *
 * Returns 0.
 */
int
virNetServerAddServiceTLS(virNetServer *srv,
                          virNetSocket *sock,
                          bool readonly,
                          virNetTLSContext *tls)
{
    virNetServerService *svc = g_new0(virNetServerService, 1);

    svc->srv = srv;
    svc->sock = sock;
    svc->readonly = readonly;
    svc->tls = tls ? virNetTLSContextRef(tls) : NULL;
    virNetSocketSetBlocking(sock, false);
    svc->source = g_unix_fd_add(virNetSocketGetFD(sock), G_IO_IN,
                                virNetServerServiceAccept, svc);
    g_ptr_array_add(srv->services, svc);
    return 0;
}


/**
 * virNetServerClientCount:
 * @srv: a server
 *
 * Returns the number of connected clients.
 */
size_t
virNetServerClientCount(virNetServer *srv)
{
    size_t n;

    g_mutex_lock(&srv->lock);
    n = srv->clients->len;
    g_mutex_unlock(&srv->lock);
    return n;
}


/**
 * virNetServerCloseAll:
 * @srv: a server
 *
 * Stops listening and closes every client; calls in flight finish and
 * their replies are lost.  Main context.
 */
void
virNetServerCloseAll(virNetServer *srv)
{
    size_t i;

    for (i = 0; i < srv->services->len; i++) {
        virNetServerService *svc = g_ptr_array_index(srv->services, i);

        if (svc->source)
            g_source_remove(svc->source);
        svc->source = 0;
    }
    for (;;) {
        virNetServerClient *client = NULL;

        g_mutex_lock(&srv->lock);
        if (srv->clients->len > 0)
            client = g_ptr_array_index(srv->clients, 0);
        if (client)
            virNetServerClientRef(client);
        g_mutex_unlock(&srv->lock);
        if (!client)
            break;
        virNetServerClientClose(client);
        virNetServerClientUnref(client);
    }
}


/**
 * virNetServerFree:
 * @srv: a server, or NULL
 *
 * Closes everything, waits for the workers to finish and frees @srv;
 * listening UNIX sockets are removed from the file system.
 */
void
virNetServerFree(virNetServer *srv)
{
    size_t i;

    if (!srv)
        return;
    virNetServerCloseAll(srv);
    if (srv->workers)
        g_thread_pool_free(srv->workers, FALSE, TRUE);
    for (i = 0; i < srv->services->len; i++) {
        virNetServerService *svc = g_ptr_array_index(srv->services, i);

        virNetSocketFree(svc->sock);
        virNetTLSContextUnref(svc->tls);
        g_free(svc);
    }
    g_ptr_array_free(srv->services, TRUE);
    g_ptr_array_free(srv->programs, TRUE);
    g_ptr_array_free(srv->clients, TRUE);
    g_mutex_clear(&srv->lock);
    g_free(srv);
}


/* ---- what the admin interface reads ---- */

/**
 * virNetServerGetConfig:
 * @srv: a server
 *
 * Returns the limits @srv runs with (owned by @srv).
 */
const virNetServerConfig *
virNetServerGetConfig(virNetServer *srv)
{
    return &srv->config;
}


/**
 * virNetServerGetWorkerStats:
 * @srv: a server
 * @stats: filled with the worker pool's current numbers
 */
void
virNetServerGetWorkerStats(virNetServer *srv, virNetServerWorkerStats *stats)
{
    stats->maxWorkers = srv->config.maxWorkers;
    stats->workers = g_thread_pool_get_num_threads(srv->workers);
    stats->busyWorkers = g_atomic_int_get(&srv->busyWorkers);
    stats->queuedJobs = g_thread_pool_unprocessed(srv->workers);
}


/**
 * virNetServerListClients:
 * @srv: a server
 *
 * Returns the connected clients in the order they connected, each with a
 * reference that the array drops when freed.
 */
GPtrArray *
virNetServerListClients(virNetServer *srv)
{
    GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)virNetServerClientUnref);
    size_t i;

    g_mutex_lock(&srv->lock);
    for (i = 0; i < srv->clients->len; i++) {
        virNetServerClient *client = g_ptr_array_index(srv->clients, i);

        virNetServerClientRef(client);
        g_ptr_array_add(list, client);
    }
    g_mutex_unlock(&srv->lock);
    return list;
}


/**
 * virNetServerClientGetID:
 * @client: a client
 *
 * Returns its id, unique within its server.
 */
unsigned long long
virNetServerClientGetID(virNetServerClient *client)
{
    return client->id;
}


/**
 * virNetServerClientGetTimestamp:
 * @client: a client
 *
 * Returns when it connected, in seconds since the epoch.
 */
gint64
virNetServerClientGetTimestamp(virNetServerClient *client)
{
    return client->connTime;
}


/**
 * virNetServerClientGetTransport:
 * @client: a client
 */
virNetServerTransport
virNetServerClientGetTransport(virNetServerClient *client)
{
    return client->transport;
}


/**
 * virNetServerClientGetSocket:
 * @client: a client
 *
 * Returns its socket (owned by @client), to read the peer's identity.
 */
virNetSocket *
virNetServerClientGetSocket(virNetServerClient *client)
{
    return client->sock;
}
