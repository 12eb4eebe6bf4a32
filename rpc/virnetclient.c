/*
 * virnetclient.c: the calling side of one RPC connection
 *
 * Locking: @lock guards the call list, the serial counter and the
 * closed state; @writeLock serialises whole packets on the socket, so
 * a PONG from the reader never lands inside a call being written.
 *
 * Reading: one thread at a time holds the right to read (@reading).  A
 * caller waiting for its reply takes it when it is free and reads for
 * everyone until its own reply has come, handing other replies to their
 * callers and events to the event handler ("whoever waits reads"), so a
 * round trip costs no thread hand-off.  The background thread reads
 * only while the connection is idle (no call for VIR_NET_CLIENT_IDLE_US),
 * for events and keepalive; a caller that finds it polling kicks it off
 * through @wakefd.  The close handler always runs in the background
 * thread.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"
#include "virnetclient.h"
#include "virnetclientstream.h"
#include "virkeepaliveprotocol.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* How long the connection stays without a call before the background
 * thread starts reading (for events and keepalive). */
#define VIR_NET_CLIENT_IDLE_US 2000

/* Bytes read at once; a packet larger than what is buffered is read
 * straight into its own buffer. */
#define VIR_NET_CLIENT_RX_SIZE 65536

#define VIR_NET_CLIENT_IGNORE(expr) do { if ((expr)) {} } while (0)

typedef struct _virNetClientPendingCall virNetClientPendingCall;
struct _virNetClientPendingCall {
    unsigned int prog;
    unsigned int vers;
    uint32_t serial;
    virNetMessage *reply;               /* set by the reader */
    bool done;                          /* reply arrived or client closed */
};

struct _virNetClient {
    gint refs;
    virNetSocket *sock;
    GThread *reader;

    GMutex writeLock;                   /* whole packets on @sock */

    int wakefd;                         /* eventfd: stop background poll */
    char *rxbuf;                        /* bytes read, not yet parsed; */
    size_t rxstart;                     /* owned by the reading thread */
    size_t rxend;

    GMutex lock;                        /* guards everything below */
    GCond cond;                         /* a call is done, reading right
                                         * free, or closed */
    GCond bgCond;                       /* wakes the background thread */
    size_t nwaiters;                    /* callers waiting on @cond */
    bool reading;                       /* a thread holds the read right */
    bool bgReading;                     /* ... and it is the background */
    bool kicked;                        /* @wakefd written, not drained */
    bool runCloseHandler;               /* I/O failure: the background
                                         * thread runs the handler */
    gint64 lastCall;                    /* monotonic us, last call end */
    uint32_t nextSerial;                /* libvirt's first call is 0 */
    GPtrArray *calls;                   /* virNetClientPendingCall */
    GPtrArray *streams;                 /* virNetClientStream *, a ref each */
    bool closed;
    bool closing;                       /* virNetClientClose() asked */
    int closeReason;                    /* virConnectCloseReason */
    virNetClientEventFunc eventFunc;
    void *eventOpaque;
    virNetClientCloseFunc closeFunc;
    void *closeOpaque;
    int kaInterval;                     /* seconds; <= 0: never ping */
    unsigned int kaCount;               /* unanswered pings tolerated */
    unsigned int kaMissed;              /* pings sent since last packet */
    gint64 lastRecv;                    /* monotonic us */
};


/**
 * virNetClientNew:
 * @sock: a connected socket; the client takes it over
 *
 * Returns a client with one reference; nothing is read until
 * virNetClientStart().
 */
virNetClient *
virNetClientNew(virNetSocket *sock)
{
    virNetClient *client = g_new0(virNetClient, 1);

    client->refs = 1;
    client->sock = sock;
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    g_cond_init(&client->cond);
    g_cond_init(&client->bgCond);
    client->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    client->rxbuf = g_malloc(VIR_NET_CLIENT_RX_SIZE);
    client->calls = g_ptr_array_new();
    client->streams = g_ptr_array_new();
    client->lastRecv = g_get_monotonic_time();
    return client;
}


/**
 * virNetClientRef:
 * @client: a client
 *
 * Takes one more reference.
 */
void
virNetClientRef(virNetClient *client)
{
    g_atomic_int_inc(&client->refs);
}


/**
 * virNetClientUnref:
 * @client: a client, or NULL
 *
 * Drops a reference; the last one closes the connection if still open
 * and frees @client.
 */
void
virNetClientUnref(virNetClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    virNetSocketFree(client->sock);
    g_ptr_array_free(client->calls, TRUE);
    g_ptr_array_free(client->streams, TRUE);
    if (client->wakefd >= 0)
        close(client->wakefd);
    g_free(client->rxbuf);
    g_cond_clear(&client->cond);
    g_cond_clear(&client->bgCond);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_free(client);
}


/**
 * virNetClientSetEventHandler:
 * @client: a client not started yet
 * @func: called for each event packet
 * @opaque: passed to @func
 */
void
virNetClientSetEventHandler(virNetClient *client,
                            virNetClientEventFunc func,
                            void *opaque)
{
    g_mutex_lock(&client->lock);
    client->eventFunc = func;
    client->eventOpaque = opaque;
    g_mutex_unlock(&client->lock);
}


/**
 * virNetClientSetCloseHandler:
 * @client: a client
 * @func: called once when the connection dies
 * @opaque: passed to @func
 */
void
virNetClientSetCloseHandler(virNetClient *client,
                            virNetClientCloseFunc func,
                            void *opaque)
{
    g_mutex_lock(&client->lock);
    client->closeFunc = func;
    client->closeOpaque = opaque;
    g_mutex_unlock(&client->lock);
}


static int
virNetClientSendPacket(virNetClient *client, virNetMessage *msg)
{
    int ret;

    g_mutex_lock(&client->writeLock);
    ret = virNetSocketWriteAll(client->sock, msg->buffer, msg->bufferLength);
    g_mutex_unlock(&client->writeLock);
    return ret;
}


static int
virNetClientSendKeepAlive(virNetClient *client, int proc)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header.prog = KEEPALIVE_PROGRAM;
    msg->header.vers = KEEPALIVE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_MESSAGE;
    msg->header.serial = 0;
    msg->header.status = VIR_NET_OK;
    if (virNetMessageEncode(msg, NULL, NULL) < 0)
        return -1;
    return virNetClientSendPacket(client, msg);
}


/* The connection is gone: every stream's user wakes up, and the
 * streams let go of the client. */
static void
virNetClientCloseStreams(virNetClient *client)
{
    g_autoptr(GPtrArray) streams = NULL;
    size_t i;

    g_mutex_lock(&client->lock);
    streams = g_steal_pointer(&client->streams);
    client->streams = g_ptr_array_new();
    g_mutex_unlock(&client->lock);
    for (i = 0; i < streams->len; i++) {
        virNetClientStreamConnectionClosed(g_ptr_array_index(streams, i));
        virNetClientStreamUnref(g_ptr_array_index(streams, i));
    }
}


/* A STREAM packet goes to the stream the call with its serial opened;
 * one for no stream (a late packet after an abort) is dropped. */
static int
virNetClientDeliverStream(virNetClient *client, virNetMessage **msg)
{
    virNetClientStream *st = NULL;
    size_t i;

    g_mutex_lock(&client->lock);
    for (i = 0; i < client->streams->len; i++) {
        virNetClientStream *cand = g_ptr_array_index(client->streams, i);

        if (virNetClientStreamMatches(cand, &(*msg)->header)) {
            st = cand;
            virNetClientStreamRef(st);
            break;
        }
    }
    g_mutex_unlock(&client->lock);
    if (st) {
        virNetClientStreamQueue(st, g_steal_pointer(msg));
        virNetClientStreamUnref(st);
    }
    return 0;
}


/**
 * virNetClientRemoveStream:
 * @client: a client
 * @st: a stream attached to it, or not any more
 *
 * Detaches @st: later packets for it are dropped.
 */
void
virNetClientRemoveStream(virNetClient *client, virNetClientStream *st)
{
    bool found;

    g_mutex_lock(&client->lock);
    found = g_ptr_array_remove(client->streams, st);
    g_mutex_unlock(&client->lock);
    if (found)
        virNetClientStreamUnref(st);
}


/**
 * virNetClientSendMessage:
 * @client: a client
 * @msg: an encoded packet that needs no reply (stream packets)
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetClientSendMessage(virNetClient *client, virNetMessage *msg)
{
    if (!virNetClientIsOpen(client)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("client socket is closed"));
        return -1;
    }
    return virNetClientSendPacket(client, msg);
}


/* Mark @client closed and wake every caller.  Returns true if this call
 * closed it (so the caller runs the close handler once). */
static bool
virNetClientMarkClosed(virNetClient *client, int reason)
{
    bool first;
    size_t i;

    g_mutex_lock(&client->lock);
    first = !client->closed;
    if (first) {
        client->closed = true;
        client->closeReason = reason;
        for (i = 0; i < client->calls->len; i++)
            ((virNetClientPendingCall *)g_ptr_array_index(client->calls, i))->done = true;
        g_cond_broadcast(&client->cond);
        g_cond_broadcast(&client->bgCond);
    }
    g_mutex_unlock(&client->lock);
    if (first)
        virNetClientCloseStreams(client);
    return first;
}


static void
virNetClientRunCloseHandler(virNetClient *client, int reason)
{
    virNetClientCloseFunc func;
    void *opaque;

    g_mutex_lock(&client->lock);
    func = client->closeFunc;
    opaque = client->closeOpaque;
    g_mutex_unlock(&client->lock);
    if (func)
        func(client, reason, opaque);
}


/* A reply: hand it to the call waiting for it.  A reply nobody waits for
 * means the peer is confused; libvirt drops the connection then. */
static int
virNetClientDeliverReply(virNetClient *client, virNetMessage **msg)
{
    virNetMessageHeader *hdr = &(*msg)->header;
    size_t i;

    g_mutex_lock(&client->lock);
    for (i = 0; i < client->calls->len; i++) {
        virNetClientPendingCall *call = g_ptr_array_index(client->calls, i);

        if (call->prog == hdr->prog && call->vers == hdr->vers &&
            call->serial == hdr->serial && !call->done) {
            call->reply = g_steal_pointer(msg);
            call->done = true;
            if (client->nwaiters > 0)
                g_cond_broadcast(&client->cond);
            g_mutex_unlock(&client->lock);
            return 0;
        }
    }
    g_mutex_unlock(&client->lock);
    virReportError(VIR_ERR_RPC,
                   _("no call waiting for reply with prog %1$u vers %2$u serial %3$u"),
                   hdr->prog, hdr->vers, hdr->serial);
    return -1;
}


static int virNetClientFill(virNetClient *client);

/* A REPLY_WITH_FDS packet: its payload starts with the descriptor
 * count, and each descriptor follows the packet on one byte of its own.
 * Move them into @msg and drop the count, so the payload is the result
 * alone.  Reading right held. */
static int
virNetClientTakeReplyFDs(virNetClient *client, virNetMessage *msg)
{
    uint32_t nfds;
    size_t i;

    if (msg->bufferLength < VIR_NET_FRAME_MIN + 4) {
        virReportError(VIR_ERR_RPC, "%s", _("Unable to decode number of FDs"));
        return -1;
    }
    memcpy(&nfds, msg->buffer + VIR_NET_FRAME_MIN, 4);
    nfds = GUINT32_FROM_BE(nfds);
    if (nfds > VIR_NET_MESSAGE_NUM_FDS_MAX) {
        virReportError(VIR_ERR_RPC, _("Received too many FDs %1$u, expected %2$d maximum"),
                       nfds, VIR_NET_MESSAGE_NUM_FDS_MAX);
        return -1;
    }
    msg->fds = g_new0(int, MAX(nfds, 1));
    for (i = 0; i < nfds; i++) {
        int fd;

        /* The byte that carried it; reading it queued the descriptor. */
        while (client->rxend == client->rxstart) {
            if (virNetClientFill(client) < 0)
                return -1;
        }
        client->rxstart++;
        if ((fd = virNetSocketTakeFD(client->sock)) < 0) {
            virReportError(VIR_ERR_RPC, "%s",
                           _("Missing file descriptor in reply"));
            return -1;
        }
        msg->fds[msg->nfds++] = fd;
    }
    memmove(msg->buffer + VIR_NET_FRAME_MIN, msg->buffer + VIR_NET_FRAME_MIN + 4,
            msg->bufferLength - VIR_NET_FRAME_MIN - 4);
    msg->bufferLength -= 4;
    return 0;
}


static int
virNetClientDispatch(virNetClient *client, virNetMessage **msg)
{
    virNetMessageHeader *hdr = &(*msg)->header;
    virNetClientEventFunc func;
    void *opaque;

    switch ((virNetMessageType)hdr->type) {
    case VIR_NET_REPLY:
        return virNetClientDeliverReply(client, msg);
    case VIR_NET_REPLY_WITH_FDS:
        if (virNetClientTakeReplyFDs(client, *msg) < 0)
            return -1;
        return virNetClientDeliverReply(client, msg);

    case VIR_NET_MESSAGE:
        if (hdr->prog == KEEPALIVE_PROGRAM) {
            if (hdr->proc == KEEPALIVE_PROC_PING)
                return virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PONG);
            return 0;
        }
        g_mutex_lock(&client->lock);
        func = client->eventFunc;
        opaque = client->eventOpaque;
        g_mutex_unlock(&client->lock);
        if (func && hdr->status == VIR_NET_OK)
            func(client, *msg, opaque);
        return 0;

    case VIR_NET_STREAM:
    case VIR_NET_STREAM_HOLE:
        return virNetClientDeliverStream(client, msg);

    case VIR_NET_CALL:
    case VIR_NET_CALL_WITH_FDS:
    case VIR_NET_MESSAGE_TYPE_LAST:
    default:
        virReportError(VIR_ERR_RPC, _("got unexpected RPC call prog %1$u proc %2$d"),
                       hdr->prog, hdr->proc);
        return -1;
    }
}


/* Wait until @client's socket is readable or, with @wake, @wakefd is.
 * Returns 1 if the socket is, 0 on timeout or wake-up, -1 on error. */
static int
virNetClientWait(virNetClient *client, int timeout, bool wake)
{
    struct pollfd pfd[2] = {
        { .fd = virNetSocketGetFD(client->sock), .events = POLLIN },
        { .fd = client->wakefd, .events = POLLIN },
    };
    int rc;

    /* Bytes already buffered, here or in a TLS record. */
    if (client->rxend > client->rxstart ||
        virNetSocketHasPendingData(client->sock))
        return 1;
    if (wake && client->wakefd < 0 && (timeout < 0 || timeout > 10))
        timeout = 10;
    rc = poll(pfd, wake && client->wakefd >= 0 ? 2 : 1, timeout);
    if (rc < 0)
        return errno == EINTR ? 0 : -1;
    if (pfd[0].revents)
        return 1;
    return 0;
}


/* Read more bytes into the receive buffer; blocks if none are there. */
static int
virNetClientFill(virNetClient *client)
{
    ssize_t got;

    if (client->rxstart == client->rxend) {
        client->rxstart = client->rxend = 0;
    } else if (client->rxstart > 0) {
        memmove(client->rxbuf, client->rxbuf + client->rxstart,
                client->rxend - client->rxstart);
        client->rxend -= client->rxstart;
        client->rxstart = 0;
    }
    got = virNetSocketRead(client->sock, client->rxbuf + client->rxend,
                           VIR_NET_CLIENT_RX_SIZE - client->rxend);
    if (got < 0)
        return -1;
    if (got == 0) {
        struct pollfd pfd = { .fd = virNetSocketGetFD(client->sock),
                              .events = POLLIN };

        VIR_NET_CLIENT_IGNORE(poll(&pfd, 1, -1));
    }
    client->rxend += got;
    return 0;
}


/* Read one whole packet: what the receive buffer holds, then, for a
 * large packet, the rest straight into its own buffer.  Blocking. */
static virNetMessage *
virNetClientReadPacket(virNetClient *client)
{
    g_autoptr(virNetMessage) msg = NULL;
    size_t total;
    size_t take;

    while (client->rxend - client->rxstart < VIR_NET_MESSAGE_LEN_MAX) {
        if (virNetClientFill(client) < 0)
            return NULL;
    }
    if (virNetFrameDecodeLength(client->rxbuf + client->rxstart, &total) < 0)
        return NULL;
    /* A small packet that was cut short: read the rest into the buffer. */
    while (total <= VIR_NET_CLIENT_RX_SIZE &&
           client->rxend - client->rxstart < total) {
        if (virNetClientFill(client) < 0)
            return NULL;
    }

    msg = g_new0(virNetMessage, 1);
    msg->buffer = g_malloc(total);
    msg->bufferLength = total;
    take = MIN(total, client->rxend - client->rxstart);
    memcpy(msg->buffer, client->rxbuf + client->rxstart, take);
    client->rxstart += take;
    msg->bufferOffset = take;
    while (msg->bufferOffset < msg->bufferLength) {
        ssize_t got = virNetSocketRead(client->sock,
                                       msg->buffer + msg->bufferOffset,
                                       msg->bufferLength - msg->bufferOffset);

        if (got < 0)
            return NULL;
        if (got == 0) {
            struct pollfd pfd = { .fd = virNetSocketGetFD(client->sock),
                                  .events = POLLIN };

            VIR_NET_CLIENT_IGNORE(poll(&pfd, 1, -1));
        }
        msg->bufferOffset += got;
    }
    if (virNetMessageDecodeHeader(msg) < 0)
        return NULL;
    return g_steal_pointer(&msg);
}


/* Milliseconds until the next keepalive check, -1 for none.  A ping is
 * due after kaInterval seconds without a packet from the peer. */
static int
virNetClientKeepAliveTimeout(virNetClient *client, bool *dead, bool *ping)
{
    gint64 now = g_get_monotonic_time();
    gint64 due;
    int ret = -1;

    *dead = false;
    *ping = false;
    g_mutex_lock(&client->lock);
    if (client->kaInterval > 0) {
        due = client->lastRecv +
              (gint64)client->kaInterval * (client->kaMissed + 1) * G_USEC_PER_SEC;
        if (now >= due) {
            if (client->kaMissed >= client->kaCount) {
                *dead = true;
            } else {
                *ping = true;
                client->kaMissed++;
            }
            ret = client->kaInterval * 1000;
        } else {
            ret = (int)((due - now) / 1000) + 1;
        }
    }
    g_mutex_unlock(&client->lock);
    return ret;
}


/* With the read right held: keepalive, then at most one packet, read
 * and dispatched.  @wake: also return when @wakefd is written (the
 * background thread).  Returns 0, or -1 with *@reason set when the
 * connection has to end. */
static int
virNetClientIOOnce(virNetClient *client, bool wake, int *reason)
{
    g_autoptr(virNetMessage) msg = NULL;
    bool dead;
    bool ping;
    int timeout = virNetClientKeepAliveTimeout(client, &dead, &ping);
    int rc;

    if (dead) {
        *reason = VIR_CONNECT_CLOSE_REASON_KEEPALIVE;
        VIR_WARN("connection closed due to keepalive timeout");
        return -1;
    }
    if (ping && virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PING) < 0) {
        *reason = VIR_CONNECT_CLOSE_REASON_ERROR;
        return -1;
    }
    if ((rc = virNetClientWait(client, timeout, wake)) <= 0)
        return 0;

    if (!(msg = virNetClientReadPacket(client))) {
        g_mutex_lock(&client->lock);
        *reason = client->closing ? VIR_CONNECT_CLOSE_REASON_CLIENT :
                                    VIR_CONNECT_CLOSE_REASON_EOF;
        g_mutex_unlock(&client->lock);
        return -1;
    }
    g_mutex_lock(&client->lock);
    client->lastRecv = g_get_monotonic_time();
    client->kaMissed = 0;
    g_mutex_unlock(&client->lock);

    if (virNetClientDispatch(client, &msg) < 0) {
        *reason = VIR_CONNECT_CLOSE_REASON_ERROR;
        return -1;
    }
    return 0;
}


/* The connection failed while this thread held the read right. */
static void
virNetClientIOFailed(virNetClient *client, int reason)
{
    virResetLastError();
    virNetSocketShutdown(client->sock);
    if (virNetClientMarkClosed(client, reason)) {
        g_mutex_lock(&client->lock);
        client->runCloseHandler = true;
        g_cond_broadcast(&client->bgCond);
        g_mutex_unlock(&client->lock);
    }
}


/* With @client->lock held: give the read right back and let a waiting
 * caller take it. */
static void
virNetClientReleaseRead(virNetClient *client)
{
    client->reading = false;
    client->bgReading = false;
    if (client->kicked) {
        uint64_t val;

        VIR_NET_CLIENT_IGNORE(read(client->wakefd, &val, sizeof(val)));
        client->kicked = false;
    }
    if (client->nwaiters > 0)
        g_cond_broadcast(&client->cond);
}


static gpointer
virNetClientReaderThread(gpointer opaque)
{
    virNetClient *client = opaque;
    int reason = VIR_CONNECT_CLOSE_REASON_EOF;
    bool failed = false;
    bool run;

    g_mutex_lock(&client->lock);
    for (;;) {
        gint64 now;

        if (client->closed || client->closing)
            break;
        now = g_get_monotonic_time();
        if (client->reading || client->calls->len > 0 ||
            now < client->lastCall + VIR_NET_CLIENT_IDLE_US) {
            gint64 until = MAX(now, client->lastCall) + VIR_NET_CLIENT_IDLE_US;

            g_cond_wait_until(&client->bgCond, &client->lock, until);
            continue;
        }
        client->reading = true;
        client->bgReading = true;
        g_mutex_unlock(&client->lock);

        failed = virNetClientIOOnce(client, true, &reason) < 0;

        g_mutex_lock(&client->lock);
        virNetClientReleaseRead(client);
        if (failed)
            break;
    }
    g_mutex_unlock(&client->lock);

    if (failed)
        virNetClientIOFailed(client, reason);

    g_mutex_lock(&client->lock);
    run = client->runCloseHandler;
    client->runCloseHandler = false;
    reason = client->closeReason;
    g_mutex_unlock(&client->lock);
    if (run)
        virNetClientRunCloseHandler(client, reason);
    virNetClientUnref(client);
    return NULL;
}


/**
 * virNetClientStart:
 * @client: a client
 *
 * Starts the reader thread, which holds a reference on @client until
 * the connection ends.
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetClientStart(virNetClient *client)
{
    g_autoptr(GError) gerr = NULL;

    virNetClientRef(client);
    client->reader = g_thread_try_new("rpc-client", virNetClientReaderThread,
                                      client, &gerr);
    if (!client->reader) {
        virNetClientUnref(client);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unable to start the RPC reader thread: %1$s"),
                       gerr->message);
        return -1;
    }
    return 0;
}


static void
virNetClientReportClosed(void)
{
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("client socket is closed"));
}


/**
 * virNetClientCall:
 * @client: a started client
 * @prog: program number
 * @vers: program version
 * @proc: procedure number
 * @argsFilter: XDR routine of the arguments, NULL for none
 * @args: the arguments
 * @retFilter: XDR routine of the result, NULL for none
 * @ret: zeroed struct the result is decoded into; the caller releases
 *       it with xdr_free(@retFilter, @ret) after a success
 *
 * Sends one call and waits for its reply.
 *
 * Returns 0, or -1 with the error set: the peer's error as it sent it,
 * or a local one if the connection failed.
 */
static int virNetClientCallFull(virNetClient *client,
                                virNetClientStream *st,
                                int **fds,
                                size_t *nfds,
                                unsigned int prog,
                                unsigned int vers,
                                int proc,
                                xdrproc_t argsFilter,
                                void *args,
                                xdrproc_t retFilter,
                                void *ret);

int
virNetClientCall(virNetClient *client,
                 unsigned int prog,
                 unsigned int vers,
                 int proc,
                 xdrproc_t argsFilter,
                 void *args,
                 xdrproc_t retFilter,
                 void *ret)
{
    return virNetClientCallWithStream(client, NULL, prog, vers, proc,
                                      argsFilter, args, retFilter, ret);
}


/**
 * virNetClientCallWithStream:
 * @client: a started client
 * @st: a stream the call opens, or NULL
 * @prog: as for virNetClientCall(), and the rest
 *
 * virNetClientCall() that attaches @st, under the call's serial, before
 * the call is sent.
 */
int
virNetClientCallWithStream(virNetClient *client,
                           virNetClientStream *st,
                           unsigned int prog,
                           unsigned int vers,
                           int proc,
                           xdrproc_t argsFilter,
                           void *args,
                           xdrproc_t retFilter,
                           void *ret)
{
    return virNetClientCallFull(client, st, NULL, NULL, prog, vers, proc,
                                argsFilter, args, retFilter, ret);
}


/**
 * virNetClientCallWithFDs:
 * @client: a started client
 * @prog: as for virNetClientCall(), and the rest
 * @fds: set to the descriptors the reply carried (the caller closes
 *       them and frees the array); NULL when it carried none
 * @nfds: set to their number
 */
int
virNetClientCallWithFDs(virNetClient *client,
                        unsigned int prog,
                        unsigned int vers,
                        int proc,
                        xdrproc_t argsFilter,
                        void *args,
                        xdrproc_t retFilter,
                        void *ret,
                        int **fds,
                        size_t *nfds)
{
    return virNetClientCallFull(client, NULL, fds, nfds, prog, vers, proc,
                                argsFilter, args, retFilter, ret);
}


static int
virNetClientCallFull(virNetClient *client,
                     virNetClientStream *st,
                     int **fds,
                     size_t *nfds,
                     unsigned int prog,
                     unsigned int vers,
                     int proc,
                     xdrproc_t argsFilter,
                     void *args,
                     xdrproc_t retFilter,
                     void *ret)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    g_autoptr(virNetMessage) reply = NULL;
    virNetClientPendingCall call = { .prog = prog, .vers = vers };

    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        virNetClientReportClosed();
        return -1;
    }
    call.serial = client->nextSerial++;
    g_ptr_array_add(client->calls, &call);
    if (st) {
        virNetClientStreamSetSerial(st, call.serial);
        virNetClientStreamRef(st);
        g_ptr_array_add(client->streams, st);
    }
    g_mutex_unlock(&client->lock);

    msg->header.prog = prog;
    msg->header.vers = vers;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_CALL;
    msg->header.serial = call.serial;
    msg->header.status = VIR_NET_OK;

    if (virNetMessageEncode(msg, argsFilter, args) < 0 ||
        virNetClientSendPacket(client, msg) < 0) {
        g_mutex_lock(&client->lock);
        g_ptr_array_remove_fast(client->calls, &call);
        g_mutex_unlock(&client->lock);
        return -1;
    }

    g_mutex_lock(&client->lock);
    while (!call.done) {
        int reason;

        if (!client->reading) {
            /* Nobody reads: this thread does, until its reply is in. */
            bool failed;
            bool done;

            client->reading = true;
            g_mutex_unlock(&client->lock);
            do {
                failed = virNetClientIOOnce(client, false, &reason) < 0;
                g_mutex_lock(&client->lock);
                done = call.done;
                if (!failed && !done)
                    g_mutex_unlock(&client->lock);
            } while (!failed && !done);
            virNetClientReleaseRead(client);
            if (failed) {
                g_mutex_unlock(&client->lock);
                virNetClientIOFailed(client, reason);
                g_mutex_lock(&client->lock);
            }
            continue;
        }
        if (client->bgReading && !client->kicked && client->wakefd >= 0) {
            uint64_t one = 1;

            client->kicked = true;
            VIR_NET_CLIENT_IGNORE(write(client->wakefd, &one, sizeof(one)));
        }
        client->nwaiters++;
        g_cond_wait(&client->cond, &client->lock);
        client->nwaiters--;
    }
    g_ptr_array_remove_fast(client->calls, &call);
    client->lastCall = g_get_monotonic_time();
    reply = g_steal_pointer(&call.reply);
    g_mutex_unlock(&client->lock);

    if (!reply) {
        virNetClientReportClosed();
        return -1;
    }
    if (fds) {
        *fds = NULL;
        *nfds = 0;
    }
    if (reply->header.status == VIR_NET_OK) {
        if (fds && reply->nfds) {
            *fds = g_steal_pointer(&reply->fds);
            *nfds = reply->nfds;
            reply->nfds = 0;
        }
        if (!retFilter)
            return virNetMessageDecodePayload(reply, VIR_XDRPROC(xdr_void), NULL);
        if (virNetMessageDecodePayload(reply, retFilter, ret) < 0) {
            xdr_free(retFilter, ret);
            return -1;
        }
        return 0;
    }
    if (reply->header.status == VIR_NET_ERROR) {
        vir_net_message_error rerr = { 0 };

        if (virNetMessageDecodePayload(reply,
                                       VIR_XDRPROC(xdr_vir_net_message_error),
                                       &rerr) == 0)
            virNetMessageRaiseError(&rerr);
        xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&rerr);
        return -1;
    }
    virReportError(VIR_ERR_RPC, _("Unexpected message status %1$d"),
                   reply->header.status);
    return -1;
}


/**
 * virNetClientSetKeepAlive:
 * @client: a client
 * @interval: seconds of silence from the peer before a PING; <= 0 stops
 * @count: PINGs left unanswered before the connection is declared dead
 *
 * The reader picks the new setting up at its next wake-up.
 */
void
virNetClientSetKeepAlive(virNetClient *client,
                         int interval,
                         unsigned int count)
{
    g_mutex_lock(&client->lock);
    client->kaInterval = interval;
    client->kaCount = count;
    client->kaMissed = 0;
    g_mutex_unlock(&client->lock);
    /* Wake a reader sleeping in poll() with no timeout. */
    if (interval > 0)
        virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PING);
}


/**
 * virNetClientIsOpen:
 * @client: a client
 *
 * Returns true until the connection has died or been closed.
 */
bool
virNetClientIsOpen(virNetClient *client)
{
    bool open;

    g_mutex_lock(&client->lock);
    open = !client->closed;
    g_mutex_unlock(&client->lock);
    return open;
}


/**
 * virNetClientIsLocal:
 * @client: a client
 *
 * Returns true when the transport is a UNIX socket.
 */
bool
virNetClientIsLocal(virNetClient *client)
{
    return virNetSocketIsLocal(client->sock);
}


/**
 * virNetClientIsEncrypted:
 * @client: a client
 *
 * Returns true when the transport is TLS.
 */
bool
virNetClientIsEncrypted(virNetClient *client)
{
    return virNetSocketGetTLS(client->sock) != NULL;
}


/**
 * virNetClientClose:
 * @client: a client
 *
 * Closes the connection and waits for the reader thread to finish; the
 * close handler runs with VIR_CONNECT_CLOSE_REASON_CLIENT.  Must not be
 * called from the event or close handler.
 */
void
virNetClientClose(virNetClient *client)
{
    GThread *reader;

    bool run;
    int reason;

    g_mutex_lock(&client->lock);
    client->closing = true;
    reader = g_steal_pointer(&client->reader);
    g_cond_broadcast(&client->bgCond);
    g_mutex_unlock(&client->lock);

    virNetSocketShutdown(client->sock);
    if (reader)
        g_thread_join(reader);
    if (virNetClientMarkClosed(client, VIR_CONNECT_CLOSE_REASON_CLIENT)) {
        virNetClientRunCloseHandler(client, VIR_CONNECT_CLOSE_REASON_CLIENT);
        return;
    }
    /* A caller's read failed after the background thread had gone. */
    g_mutex_lock(&client->lock);
    run = client->runCloseHandler;
    client->runCloseHandler = false;
    reason = client->closeReason;
    g_mutex_unlock(&client->lock);
    if (run)
        virNetClientRunCloseHandler(client, reason);
}
