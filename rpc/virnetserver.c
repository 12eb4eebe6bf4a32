/*
 * virnetserver.c: the answering side of the RPC layer
 *
 * Threads: the main context accepts clients, runs keepalive timers and
 * closes clients; a set of server threads does all the socket reading
 * and runs the calls.  Every client socket sits in one epoll set in
 * one-shot mode, and the idle server threads all wait on that set, so
 * the thread the kernel wakes for a client's packet is the one that
 * reads it and runs it: a call costs no hand-off between threads.
 *
 * The read right: at any time exactly one party may read a client's
 * socket: the epoll set (the descriptor is armed), the thread whose
 * wait returned it, a queued job, or nobody while the client has its
 * maximum of calls in flight (paused).  That party also owns one
 * reference on the client.  A thread that has read a call passes the
 * right on (re-arms the descriptor) before running the call, so the
 * client's next calls are read and run by other threads meanwhile, up
 * to maxClientRequests.
 *
 * Blocking calls: a thread runs a call itself only while fewer than
 * maxWorkers calls run and, counting itself, more than that many
 * threads exist, so one thread always remains to read (and to answer
 * keepalive PINGs) however long the calls take; when the limit is
 * reached, calls wait in a queue that finishing threads empty first.
 *
 * A client object is referenced by the server's list, by the read
 * right, by each call in flight and by whoever holds it for events; it
 * is freed, and its private data released, only when the last of them
 * lets go.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib-unix.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"
#include "virnetserver.h"
#include "virnetserverstream.h"
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

/* Bytes read at once when the next packet's length is not known yet;
 * one read then usually brings a whole call. */
#define VIR_NET_SERVER_RX_CHUNK 4096

#define VIR_NET_SERVER_IGNORE(expr) do { if ((expr)) {} } while (0)

struct _virNetServer {
    virNetServerConfig config;
    virNetServerClientInitFunc clientInit;
    virNetServerClientCloseFunc clientClose;
    void *opaque;
    GPtrArray *programs;                /* const virNetServerProgram * */
    GPtrArray *services;                /* virNetServerService * */
    int epfd;                           /* every client socket, one-shot */
    int wakefd;                         /* eventfd (semaphore) in @epfd:
                                         * a job was queued, or quit */
    gint nidle;                         /* threads waiting on @epfd */

    GMutex lock;                        /* guards everything below */
    GCond cond;                         /* @nreading dropped */
    GPtrArray *clients;                 /* virNetServerClient *, one ref each */
    unsigned long long nextClientID;    /* ids are never reused */
    GPtrArray *threads;                 /* GThread * */
    GQueue jobs;                        /* virNetServerJob *, in order */
    size_t nbusy;                       /* threads running a call */
    size_t nreading;                    /* clients whose read right is
                                         * still alive */
    bool quit;
};

typedef enum {
    VIR_NET_SERVER_READ_ARMED,          /* the epoll set has it */
    VIR_NET_SERVER_READ_BUSY,           /* a thread or queued job has it */
    VIR_NET_SERVER_READ_PAUSED,         /* too many calls in flight */
    VIR_NET_SERVER_READ_DONE,           /* given up for good */
} virNetServerReadState;

struct _virNetServerClient {
    gint refs;
    virNetServer *srv;
    virNetSocket *sock;
    unsigned long long id;              /* unique within @srv */
    gint64 connTime;                    /* seconds since the epoch */
    virNetServerTransport transport;
    bool readonly;

    /* Owned by the holder of the read right. */
    bool handshaking;                   /* TLS handshake not done */
    char *rx;                           /* bytes read, not yet a packet */
    size_t rxLen;
    size_t rxSize;

    GMutex writeLock;                   /* whole packets on @sock */

    GMutex lock;                        /* guards everything below */
    virNetServerReadState readState;
    size_t nrequests;                   /* calls queued or running */
    bool closed;
    guint kaTimer;                      /* 0 until keepalive negotiated */
    gint64 lastRecv;                    /* monotonic us */
    unsigned int kaMissed;
    void *privateData;
    GDestroyNotify privateFree;
    virNetServerStreamSet *streams;     /* has its own lock */
};

/* Queued work: a call (@msg set) waiting for a free thread, or the read
 * right of a client whose next packet is already buffered (@msg NULL). */
typedef struct _virNetServerJob virNetServerJob;
struct _virNetServerJob {
    virNetServerClient *client;         /* one reference */
    virNetMessage *msg;
};


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
    g_free(client->rx);
    virNetServerStreamSetFree(client->streams);
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


/**
 * virNetServerClientSendMessageWithFDs:
 * @client: a UNIX socket client
 * @msg: an encoded REPLY_WITH_FDS packet
 * @fds: the descriptors it announces; the caller keeps them
 * @nfds: how many
 *
 * Writes @msg and then passes each descriptor, all before any other
 * packet, as libvirt's peers read them.
 *
 * Returns 0, or -1 (the client is then closed) with an error set.
 */
int
virNetServerClientSendMessageWithFDs(virNetServerClient *client,
                                     virNetMessage *msg,
                                     const int *fds,
                                     size_t nfds)
{
    int ret;
    size_t i;

    if (virNetServerClientIsClosed(client)) {
        virReportError(VIR_ERR_RPC, "%s", _("client socket is closed"));
        return -1;
    }
    g_mutex_lock(&client->writeLock);
    ret = virNetSocketWriteAll(client->sock, msg->buffer, msg->bufferLength);
    for (i = 0; ret == 0 && i < nfds; i++)
        ret = virNetSocketSendFD(client->sock, fds[i]);
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


/* Give @client's read right up for good; its holder calls this. */
static void
virNetServerClientStopReading(virNetServerClient *client)
{
    virNetServer *srv = client->srv;

    /* The descriptor is still open: the read right holds a reference. */
    epoll_ctl(srv->epfd, EPOLL_CTL_DEL, virNetSocketGetFD(client->sock), NULL);
    g_mutex_lock(&srv->lock);
    srv->nreading--;
    g_cond_broadcast(&srv->cond);
    g_mutex_unlock(&srv->lock);
    virNetServerClientUnref(client);
}


/* Queue @job.  A call is queued only when maxWorkers calls run, and a
 * finishing thread takes it; a read job wakes an idle thread. */
static void
virNetServerPushJob(virNetServer *srv, virNetServerJob *job)
{
    uint64_t one = 1;
    bool wake;

    g_mutex_lock(&srv->lock);
    g_queue_push_tail(&srv->jobs, job);
    wake = (!job->msg || srv->nbusy < srv->config.maxWorkers) &&
           g_atomic_int_get(&srv->nidle) > 0;
    g_mutex_unlock(&srv->lock);
    if (wake)
        VIR_NET_SERVER_IGNORE(write(srv->wakefd, &one, sizeof(one)));
}


/* Whether a whole packet is buffered already, where epoll cannot see
 * it: in @client->rx or inside the TLS layer.  Read right held. */
static bool
virNetServerClientHasInput(virNetServerClient *client)
{
    size_t total;

    if (virNetSocketHasPendingData(client->sock))
        return true;
    if (client->rxLen < VIR_NET_MESSAGE_LEN_MAX)
        return false;
    /* A bad length word counts as input: reading it drops the client. */
    if (virNetFrameDecodeLength(client->rx, &total) < 0) {
        virResetLastError();
        return true;
    }
    return client->rxLen >= total;
}


typedef enum {
    VIR_NET_SERVER_PASS_DONE,           /* nothing left to do */
    VIR_NET_SERVER_PASS_STOP,           /* call ...StopReading() */
    VIR_NET_SERVER_PASS_QUEUE,          /* queue a read job */
} virNetServerPassAction;

/* With @client->lock held, by the holder of the read right (or whoever
 * resumes a paused client): hand the right to whoever is next. */
static virNetServerPassAction
virNetServerClientPassReadLocked(virNetServerClient *client)
{
    virNetServer *srv = client->srv;
    struct epoll_event ev = {
        .events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT,
        .data.ptr = client,
    };

    if (client->closed) {
        client->readState = VIR_NET_SERVER_READ_DONE;
        return VIR_NET_SERVER_PASS_STOP;
    }
    if (client->nrequests >= srv->config.maxClientRequests) {
        client->readState = VIR_NET_SERVER_READ_PAUSED;
        return VIR_NET_SERVER_PASS_DONE;
    }
    if (virNetServerClientHasInput(client)) {
        client->readState = VIR_NET_SERVER_READ_BUSY;
        return VIR_NET_SERVER_PASS_QUEUE;
    }
    client->readState = VIR_NET_SERVER_READ_ARMED;
    if (epoll_ctl(srv->epfd, EPOLL_CTL_MOD, virNetSocketGetFD(client->sock),
                  &ev) < 0) {
        VIR_WARN("cannot watch client socket: %s", g_strerror(errno));
        /* Nobody reads it again; the shutdown ends the connection at
         * the client's next keepalive or call. */
        virNetSocketShutdown(client->sock);
        client->readState = VIR_NET_SERVER_READ_DONE;
        return VIR_NET_SERVER_PASS_STOP;
    }
    return VIR_NET_SERVER_PASS_DONE;
}


static void
virNetServerClientApplyPass(virNetServerClient *client,
                            virNetServerPassAction action)
{
    virNetServerJob *job;

    switch (action) {
    case VIR_NET_SERVER_PASS_STOP:
        virNetServerClientStopReading(client);
        break;
    case VIR_NET_SERVER_PASS_QUEUE:
        job = g_new0(virNetServerJob, 1);
        job->client = client;
        virNetServerPushJob(client->srv, job);
        break;
    case VIR_NET_SERVER_PASS_DONE:
    default:
        break;
    }
}


/* The holder of @client's read right passes it on; from here on it must
 * not touch @client->rx nor, unless it holds another reference,
 * @client. */
static void
virNetServerClientReleaseRead(virNetServerClient *client)
{
    virNetServerPassAction action;

    g_mutex_lock(&client->lock);
    action = virNetServerClientPassReadLocked(client);
    g_mutex_unlock(&client->lock);
    virNetServerClientApplyPass(client, action);
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

    bool stopReading = false;

    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        return;
    }
    client->closed = true;
    /* Armed: the shutdown below wakes a thread, which stops reading;
     * busy: its holder sees @closed when it lets go. */
    if (client->readState == VIR_NET_SERVER_READ_PAUSED) {
        client->readState = VIR_NET_SERVER_READ_DONE;
        stopReading = true;
    }
    kaTimer = client->kaTimer;
    client->kaTimer = 0;
    g_mutex_unlock(&client->lock);

    if (kaTimer)
        g_source_remove(kaTimer);
    virNetSocketShutdown(client->sock);
    virNetServerStreamSetCloseAll(client->streams);
    if (stopReading)
        virNetServerClientStopReading(client);
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
    if (rv > 0) {
        /* The procedure sent its reply itself (one with descriptors). */
        virResetLastError();
        return;
    }

    msg->header.type = VIR_NET_REPLY;
    msg->header.status = VIR_NET_OK;
    rv = virNetMessageEncode(msg, proc->retFilter, ret);
    if (proc->retFilter)
        xdr_free(proc->retFilter, ret);
    if (rv < 0)
        goto error;
    virNetServerClientSendMessage(client, msg);
    virNetServerStreamSetStart(client->streams, &hdr);
    virResetLastError();
    return;

 error:
    msg->header = hdr;
    virNetServerSendError(client, msg, virGetLastError());
    virResetLastError();
}


/* A call has been answered, or a stream packet taken: let @client's
 * reading resume if the request limit had paused it. */
static void
virNetServerClientCallDone(virNetServerClient *client)
{
    virNetServerPassAction action = VIR_NET_SERVER_PASS_DONE;

    g_mutex_lock(&client->lock);
    client->nrequests--;
    if (client->readState == VIR_NET_SERVER_READ_PAUSED)
        action = virNetServerClientPassReadLocked(client);
    g_mutex_unlock(&client->lock);
    virNetServerClientApplyPass(client, action);
}


/* Run a call counted in @srv->nbusy; consumes @msg and one reference on
 * @client. */
static void
virNetServerRunCall(virNetServer *srv,
                    virNetServerClient *client,
                    virNetMessage *msg)
{
    virNetServerDispatchCall(srv, client, msg);
    virNetMessageFree(msg);
    virNetServerClientCallDone(client);
    g_mutex_lock(&srv->lock);
    srv->nbusy--;
    g_mutex_unlock(&srv->lock);
    virNetServerClientUnref(client);
}


static gpointer virNetServerThread(gpointer opaque);

/* With @srv->lock held: one more server thread, up to maxWorkers + 1. */
static void
virNetServerSpawnThreadLocked(virNetServer *srv)
{
    g_autoptr(GError) gerr = NULL;
    GThread *thread;

    if (srv->quit || srv->threads->len > srv->config.maxWorkers)
        return;
    if (!(thread = g_thread_try_new("rpc-server", virNetServerThread, srv,
                                    &gerr))) {
        VIR_WARN("unable to create a server thread: %s", gerr->message);
        return;
    }
    g_ptr_array_add(srv->threads, thread);
}


/* A call was read by a server thread: run it on this thread if the
 * worker limit allows, else queue it.  Consumes @msg and one reference
 * on @client. */
static void
virNetServerRunOrQueueCall(virNetServer *srv,
                           virNetServerClient *client,
                           virNetMessage *msg)
{
    bool run = false;

    g_mutex_lock(&srv->lock);
    if (srv->nbusy < srv->config.maxWorkers) {
        srv->nbusy++;
        run = true;
        /* Someone has to go on reading while this call runs. */
        if (g_atomic_int_get(&srv->nidle) == 0)
            virNetServerSpawnThreadLocked(srv);
    } else {
        virNetServerJob *job = g_new0(virNetServerJob, 1);

        job->client = client;
        job->msg = msg;
        g_queue_push_tail(&srv->jobs, job);
    }
    g_mutex_unlock(&srv->lock);
    if (run)
        virNetServerRunCall(srv, client, msg);
}


/* For the whole @packet of @total bytes: the bytes that follow it
 * carrying descriptors (one each) if it is a CALL_WITH_FDS, else 0.
 * The count is the payload's first word. */
static size_t
virNetServerPassedFDBytes(const char *packet, size_t total)
{
    uint32_t word;

    if (total < VIR_NET_FRAME_MIN + 4)
        return 0;
    memcpy(&word, packet + VIR_NET_MESSAGE_LEN_MAX + 12, 4);
    if (GUINT32_FROM_BE(word) != VIR_NET_CALL_WITH_FDS)
        return 0;
    memcpy(&word, packet + VIR_NET_FRAME_MIN, 4);
    return MIN(GUINT32_FROM_BE(word), VIR_NET_MESSAGE_NUM_FDS_MAX);
}


/* @msg was just taken off @client->rx: for a CALL_WITH_FDS, drop the
 * bytes that carried its descriptors and give @msg the descriptors
 * (which reading those bytes received).  No procedure takes any yet:
 * keeping the stream in step is what lets the call be answered with
 * "unknown procedure" instead of the connection going astray. */
static void
virNetServerClientTakePassedFDs(virNetServerClient *client, virNetMessage *msg)
{
    size_t extra;
    size_t i;

    if ((extra = virNetServerPassedFDBytes(msg->buffer, msg->bufferLength)) == 0)
        return;
    msg->fds = g_new0(int, extra);
    for (i = 0; i < extra; i++) {
        int fd = virNetSocketTakeFD(client->sock);

        if (fd >= 0)
            msg->fds[msg->nfds++] = fd;
    }
    client->rxLen -= extra;
    memmove(client->rx, client->rx + extra, client->rxLen);
}


/* Read until @client->rx holds a whole packet and return it in *@msg
 * (1), or until the socket has nothing more for now (0); -1 drops the
 * client.  Read right held.  One read usually brings a whole call, and
 * a reply to it can go out before any further read. */
static int
virNetServerClientReadPacket(virNetServerClient *client, virNetMessage **msg)
{
    for (;;) {
        size_t total = 0;
        size_t want;
        ssize_t got;

        if (client->rxLen >= VIR_NET_MESSAGE_LEN_MAX) {
            if (virNetFrameDecodeLength(client->rx, &total) < 0)
                return -1;
            if (client->rxLen >= total) {
                size_t extra = virNetServerPassedFDBytes(client->rx, total);

                if (client->rxLen >= total + extra)
                    break;
                total += extra;
            }
        }
        want = MAX(total, VIR_NET_SERVER_RX_CHUNK);
        if (client->rxSize < want) {
            client->rx = g_realloc(client->rx, want);
            client->rxSize = want;
        }
        got = virNetSocketRead(client->sock, client->rx + client->rxLen,
                               client->rxSize - client->rxLen);
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        client->rxLen += got;
    }

    *msg = g_new0(virNetMessage, 1);
    virNetFrameDecodeLength(client->rx, &(*msg)->bufferLength);
    (*msg)->bufferOffset = (*msg)->bufferLength;
    if (client->rxLen == (*msg)->bufferLength) {
        /* The usual case: the buffer holds exactly this packet. */
        (*msg)->buffer = g_steal_pointer(&client->rx);
        client->rxLen = client->rxSize = 0;
        return 1;
    }
    /* Pipelined packets, or passed descriptors: keep what follows this
     * packet. */
    (*msg)->buffer = g_memdup2(client->rx, (*msg)->bufferLength);
    client->rxLen -= (*msg)->bufferLength;
    memmove(client->rx, client->rx + (*msg)->bufferLength, client->rxLen);
    virNetServerClientTakePassedFDs(client, *msg);
    if (client->rxSize > VIR_NET_SERVER_RX_CHUNK &&
        client->rxLen <= VIR_NET_SERVER_RX_CHUNK) {
        client->rx = g_realloc(client->rx, VIR_NET_SERVER_RX_CHUNK);
        client->rxSize = VIR_NET_SERVER_RX_CHUNK;
    }
    return 1;
}


/* A packet for one of @client's streams.  A queued packet counts as a
 * request in flight until the stream's owner takes it, so the call
 * limit also bounds what a fast sender can pile up; packets no stream
 * wants are dropped, as libvirtd does. */
static int
virNetServerClientHandleStreamPacket(virNetServerClient *client,
                                     virNetMessage *msg)
{
    g_mutex_lock(&client->lock);
    client->nrequests++;
    g_mutex_unlock(&client->lock);
    if (!virNetServerStreamSetDeliver(client->streams, msg)) {
        virNetMessageFree(msg);
        g_mutex_lock(&client->lock);
        client->nrequests--;
        g_mutex_unlock(&client->lock);
    }
    return 0;
}


/* A whole packet arrived.  Returns 1 for a call, which the caller runs
 * once it has passed the read right on; 0 when @msg was handled here;
 * -1 to drop the client.  Consumes @msg except for a call. */
static int
virNetServerClientHandlePacket(virNetServerClient *client,
                               virNetMessage *msg)
{
    virNetMessageHeader *hdr = &msg->header;

    if (virNetMessageDecodeHeader(msg) < 0) {
        virNetMessageFree(msg);
        return -1;
    }

    g_mutex_lock(&client->lock);
    client->lastRecv = g_get_monotonic_time();
    client->kaMissed = 0;
    if (hdr->type == VIR_NET_CALL || hdr->type == VIR_NET_CALL_WITH_FDS) {
        /* Counted before the read right moves on, so the limit holds. */
        client->nrequests++;
        g_mutex_unlock(&client->lock);
        return 1;
    }
    g_mutex_unlock(&client->lock);

    if (hdr->type == VIR_NET_STREAM || hdr->type == VIR_NET_STREAM_HOLE)
        return virNetServerClientHandleStreamPacket(client, msg);

    if (hdr->prog == KEEPALIVE_PROGRAM && hdr->type == VIR_NET_MESSAGE) {
        /* libvirtd answers a PING whether or not keepalive was agreed. */
        if (hdr->proc == KEEPALIVE_PROC_PING)
            virNetServerClientSendKeepAlive(client, KEEPALIVE_PROC_PONG);
    }
    /* Stream packets for streams we never opened are ignored, as
     * libvirtd does. */
    virNetMessageFree(msg);
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


/* Holding @client's read right and the reference that goes with it:
 * read and handle packets until a call comes (this thread then runs it
 * after passing the right on), the socket runs dry, or the client has to
 * go. */
static void
virNetServerClientServe(virNetServer *srv, virNetServerClient *client)
{
    virNetMessage *msg = NULL;
    int rc;

    if (client->handshaking) {
        if ((rc = virNetServerClientHandshake(client)) < 0)
            goto drop;
        if (rc > 0) {
            virNetServerClientReleaseRead(client);
            return;
        }
    }

    for (;;) {
        if ((rc = virNetServerClientReadPacket(client, &msg)) < 0)
            goto drop;
        if (rc == 0) {
            virNetServerClientReleaseRead(client);
            return;
        }
        if ((rc = virNetServerClientHandlePacket(client, msg)) < 0)
            goto drop;
        if (rc > 0)
            break;
    }

    virNetServerClientRef(client);
    virNetServerClientReleaseRead(client);
    virNetServerRunOrQueueCall(srv, client, msg);
    return;

 drop:
    VIR_DEBUG("dropping client: %s", NULLSTR(virGetLastErrorMessage()));
    virResetLastError();
    virNetServerClientRef(client);
    g_idle_add_full(G_PRIORITY_DEFAULT, virNetServerClientCloseIdle, client,
                    (GDestroyNotify)virNetServerClientUnref);
    g_mutex_lock(&client->lock);
    client->readState = VIR_NET_SERVER_READ_DONE;
    g_mutex_unlock(&client->lock);
    virNetServerClientStopReading(client);
}


/* With @srv->lock held: the first queued job this thread may run. */
static virNetServerJob *
virNetServerTakeJobLocked(virNetServer *srv)
{
    GList *link;

    for (link = srv->jobs.head; link; link = link->next) {
        virNetServerJob *job = link->data;

        if (job->msg && srv->nbusy >= srv->config.maxWorkers)
            continue;
        if (job->msg)
            srv->nbusy++;
        g_queue_delete_link(&srv->jobs, link);
        return job;
    }
    return NULL;
}


/* A server thread: queued jobs first, else wait for a readable client
 * and serve it. */
static gpointer
virNetServerThread(gpointer opaque)
{
    virNetServer *srv = opaque;

    for (;;) {
        virNetServerJob *job;
        struct epoll_event ev;
        int n;

        g_mutex_lock(&srv->lock);
        if (srv->quit) {
            g_mutex_unlock(&srv->lock);
            break;
        }
        if (!(job = virNetServerTakeJobLocked(srv)))
            g_atomic_int_inc(&srv->nidle);
        g_mutex_unlock(&srv->lock);

        if (job) {
            if (job->msg)
                virNetServerRunCall(srv, job->client, job->msg);
            else
                virNetServerClientServe(srv, job->client);
            g_free(job);
            continue;
        }

        n = epoll_wait(srv->epfd, &ev, 1, -1);
        g_atomic_int_add(&srv->nidle, -1);
        if (n <= 0)
            continue;
        if (!ev.data.ptr) {
            uint64_t val;

            VIR_NET_SERVER_IGNORE(read(srv->wakefd, &val, sizeof(val)));
            continue;
        }
        virNetServerClientServe(srv, ev.data.ptr);
    }
    return NULL;
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
    struct epoll_event ev = {
        .events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT,
    };

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
    client->readState = VIR_NET_SERVER_READ_ARMED;
    client->lastRecv = g_get_monotonic_time();
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    client->streams = virNetServerStreamSetNew();

    if (srv->clientInit && srv->clientInit(client, srv->opaque) < 0) {
        VIR_WARN("%s", NULLSTR(virGetLastErrorMessage()));
        virResetLastError();
        virNetServerClientUnref(client);
        return G_SOURCE_CONTINUE;
    }

    /* One reference for the server's list, one for the read right. */
    virNetServerClientRef(client);
    g_mutex_lock(&srv->lock);
    client->id = ++srv->nextClientID;
    g_ptr_array_add(srv->clients, client);
    srv->nreading++;
    g_mutex_unlock(&srv->lock);

    ev.data.ptr = client;
    if (epoll_ctl(srv->epfd, EPOLL_CTL_ADD, virNetSocketGetFD(sock), &ev) < 0) {
        VIR_WARN("cannot watch client socket: %s", g_strerror(errno));
        g_mutex_lock(&client->lock);
        client->readState = VIR_NET_SERVER_READ_DONE;
        g_mutex_unlock(&client->lock);
        virNetServerClientStopReading(client);
        virNetServerClientClose(client);
    }
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
    virNetServer *srv = g_new0(virNetServer, 1);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };

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
    srv->threads = g_ptr_array_new();
    g_queue_init(&srv->jobs);
    g_mutex_init(&srv->lock);
    g_cond_init(&srv->cond);
    srv->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE);
    srv->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (srv->wakefd < 0 || srv->epfd < 0 ||
        epoll_ctl(srv->epfd, EPOLL_CTL_ADD, srv->wakefd, &ev) < 0) {
        virReportSystemError(errno, "%s",
                             _("unable to create the server's event set"));
        virNetServerFree(srv);
        return NULL;
    }
    /* Two to start with: one reads while the other runs a call; more
     * are made as calls pile up. */
    g_mutex_lock(&srv->lock);
    virNetServerSpawnThreadLocked(srv);
    virNetServerSpawnThreadLocked(srv);
    g_mutex_unlock(&srv->lock);
    if (srv->threads->len == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("unable to create worker threads"));
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
 * Closes everything, waits for the calls in flight to finish and frees
 * @srv; listening UNIX sockets are removed from the file system.
 */
void
virNetServerFree(virNetServer *srv)
{
    g_autoptr(GPtrArray) threads = NULL;
    virNetServerJob *job;
    uint64_t count;
    size_t i;

    if (!srv)
        return;
    virNetServerCloseAll(srv);

    /* The closed clients' sockets wake the threads, which let go of
     * the read rights (and with them their references). */
    g_mutex_lock(&srv->lock);
    while (srv->nreading > 0 && srv->threads && srv->threads->len > 0)
        g_cond_wait(&srv->cond, &srv->lock);
    srv->quit = true;
    threads = g_steal_pointer(&srv->threads);
    g_mutex_unlock(&srv->lock);
    count = threads ? threads->len : 0;
    if (count > 0)
        VIR_NET_SERVER_IGNORE(write(srv->wakefd, &count, sizeof(count)));
    for (i = 0; threads && i < threads->len; i++)
        g_thread_join(g_ptr_array_index(threads, i));
    /* Nothing runs any more: what is still queued is dropped. */
    while ((job = g_queue_pop_head(&srv->jobs))) {
        if (job->msg) {
            virNetMessageFree(job->msg);
        } else {
            g_mutex_lock(&job->client->lock);
            job->client->readState = VIR_NET_SERVER_READ_DONE;
            g_mutex_unlock(&job->client->lock);
            srv->nreading--;
        }
        virNetServerClientUnref(job->client);
        g_free(job);
    }
    if (srv->epfd >= 0)
        close(srv->epfd);
    if (srv->wakefd >= 0)
        close(srv->wakefd);
    for (i = 0; i < srv->services->len; i++) {
        virNetServerService *svc = g_ptr_array_index(srv->services, i);

        virNetSocketFree(svc->sock);
        virNetTLSContextUnref(svc->tls);
        g_free(svc);
    }
    g_ptr_array_free(srv->services, TRUE);
    g_ptr_array_free(srv->programs, TRUE);
    g_ptr_array_free(srv->clients, TRUE);
    g_cond_clear(&srv->cond);
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
    g_mutex_lock(&srv->lock);
    stats->workers = srv->threads->len;
    stats->busyWorkers = srv->nbusy;
    stats->queuedJobs = g_queue_get_length(&srv->jobs);
    g_mutex_unlock(&srv->lock);
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


/**
 * virNetServerClientGetStreams:
 * @client: a client
 *
 * Returns the set of @client's streams (virnetserverstream.c).
 */
virNetServerStreamSet *
virNetServerClientGetStreams(virNetServerClient *client)
{
    return client->streams;
}


/**
 * virNetServerClientStreamPacketDone:
 * @client: a client
 *
 * A queued stream packet has been taken by its stream's owner.
 */
void
virNetServerClientStreamPacketDone(virNetServerClient *client)
{
    virNetServerClientCallDone(client);
}
