/*
 * virnetclient.c: the calling side of one RPC connection
 *
 * Locking: @lock guards the call list, the serial counter and the
 * closed state; @writeLock serialises whole packets on the socket, so
 * a PONG from the reader never lands inside a call being written.  The
 * reader thread is the only one that reads the socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <poll.h>

#include "internal.h"
#include "virnetclient.h"
#include "virkeepaliveprotocol.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

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

    GMutex lock;                        /* guards everything below */
    GCond cond;                         /* a call is done, or closed */
    uint32_t nextSerial;                /* libvirt's first call is 0 */
    GPtrArray *calls;                   /* virNetClientPendingCall */
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
    client->calls = g_ptr_array_new();
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
    g_cond_clear(&client->cond);
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
    }
    g_mutex_unlock(&client->lock);
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


static int
virNetClientDispatch(virNetClient *client, virNetMessage **msg)
{
    virNetMessageHeader *hdr = &(*msg)->header;
    virNetClientEventFunc func;
    void *opaque;

    switch ((virNetMessageType)hdr->type) {
    case VIR_NET_REPLY:
    case VIR_NET_REPLY_WITH_FDS:
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
        /* No stream is ever opened by this client. */
        return 0;

    case VIR_NET_CALL:
    case VIR_NET_CALL_WITH_FDS:
    case VIR_NET_MESSAGE_TYPE_LAST:
    default:
        virReportError(VIR_ERR_RPC, _("got unexpected RPC call prog %1$u proc %2$d"),
                       hdr->prog, hdr->proc);
        return -1;
    }
}


/* Read one whole packet; blocking. */
static int
virNetClientReadPacket(virNetClient *client, virNetMessage *msg)
{
    while (msg->bufferOffset < msg->bufferLength) {
        ssize_t got = virNetSocketRead(client->sock,
                                       msg->buffer + msg->bufferOffset,
                                       msg->bufferLength - msg->bufferOffset);

        if (got < 0)
            return -1;
        msg->bufferOffset += got;
        if (msg->bufferOffset == VIR_NET_MESSAGE_LEN_MAX &&
            msg->bufferLength == VIR_NET_MESSAGE_LEN_MAX &&
            virNetMessageDecodeLength(msg) < 0)
            return -1;
    }
    return virNetMessageDecodeHeader(msg);
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


static gpointer
virNetClientReaderThread(gpointer opaque)
{
    virNetClient *client = opaque;
    int reason = VIR_CONNECT_CLOSE_REASON_EOF;

    for (;;) {
        g_autoptr(virNetMessage) msg = NULL;
        struct pollfd pfd = { .fd = virNetSocketGetFD(client->sock),
                              .events = POLLIN };
        bool dead;
        bool ping;
        int timeout = virNetClientKeepAliveTimeout(client, &dead, &ping);
        int rc;

        if (dead) {
            reason = VIR_CONNECT_CLOSE_REASON_KEEPALIVE;
            VIR_WARN("connection closed due to keepalive timeout");
            break;
        }
        if (ping && virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PING) < 0) {
            reason = VIR_CONNECT_CLOSE_REASON_ERROR;
            break;
        }
        /* A TLS record may hold more than the packet just read. */
        if (!virNetSocketHasPendingData(client->sock)) {
            rc = poll(&pfd, 1, timeout);
            if (rc < 0 && errno == EINTR)
                continue;
            if (rc == 0)
                continue;
        }

        msg = virNetMessageNew();
        if (virNetClientReadPacket(client, msg) < 0) {
            g_mutex_lock(&client->lock);
            reason = client->closing ? VIR_CONNECT_CLOSE_REASON_CLIENT :
                                       VIR_CONNECT_CLOSE_REASON_EOF;
            g_mutex_unlock(&client->lock);
            break;
        }
        g_mutex_lock(&client->lock);
        client->lastRecv = g_get_monotonic_time();
        client->kaMissed = 0;
        g_mutex_unlock(&client->lock);

        if (virNetClientDispatch(client, &msg) < 0) {
            reason = VIR_CONNECT_CLOSE_REASON_ERROR;
            break;
        }
    }

    virResetLastError();
    virNetSocketShutdown(client->sock);
    if (virNetClientMarkClosed(client, reason))
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
    while (!call.done)
        g_cond_wait(&client->cond, &client->lock);
    g_ptr_array_remove_fast(client->calls, &call);
    reply = g_steal_pointer(&call.reply);
    g_mutex_unlock(&client->lock);

    if (!reply) {
        virNetClientReportClosed();
        return -1;
    }
    if (reply->header.status == VIR_NET_OK) {
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

    g_mutex_lock(&client->lock);
    client->closing = true;
    reader = g_steal_pointer(&client->reader);
    g_mutex_unlock(&client->lock);

    virNetSocketShutdown(client->sock);
    if (reader)
        g_thread_join(reader);
    if (virNetClientMarkClosed(client, VIR_CONNECT_CLOSE_REASON_CLIENT))
        virNetClientRunCloseHandler(client, VIR_CONNECT_CLOSE_REASON_CLIENT);
}
