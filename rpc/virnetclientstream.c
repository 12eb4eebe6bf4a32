/*
 * virnetclientstream.c: data streams on the calling side
 *
 * A stream holds a reference on its client, and the client one on each
 * stream attached to it until the stream ends or the connection dies.
 * Lock order: the client's lock, then a stream's; the event loop's
 * lock is never taken with a stream's held.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virnetclientstream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

struct _virNetClientStream {
    gint refs;
    virNetClient *client;
    virNetMessageHeader opener;         /* prog, vers, proc, serial */

    GMutex lock;                        /* guards everything below */
    GCond cond;                         /* a packet came, or closed */
    GQueue packets;                     /* data, virNetMessage * */
    size_t headOffset;                  /* bytes of the head taken */
    bool eof;                           /* the peer's data has ended */
    bool hasError;                      /* the peer reported @rerr */
    vir_net_message_error rerr;
    bool waitingEnd;                    /* finish or abort sent */
    virNetMessage *endReply;            /* ... and its confirmation */
    bool ended;
    bool closed;                        /* the connection is gone */

    int timer;                          /* event loop timer, -1 none */
    int eventMask;                      /* virStreamEventType */
    virNetClientStreamEventFunc eventFunc;
    void *eventOpaque;
    GDestroyNotify eventFree;
};


/**
 * virNetClientStreamNew:
 * @client: a client
 * @prog: program of the call that will open the stream
 * @vers: its version
 * @proc: its procedure
 *
 * Returns a stream with one reference, to open with
 * virNetClientCallStream().
 */
virNetClientStream *
virNetClientStreamNew(virNetClient *client,
                      unsigned int prog,
                      unsigned int vers,
                      int proc)
{
    virNetClientStream *st = g_new0(virNetClientStream, 1);

    st->refs = 1;
    virNetClientRef(client);
    st->client = client;
    st->opener.prog = prog;
    st->opener.vers = vers;
    st->opener.proc = proc;
    st->opener.type = VIR_NET_STREAM;
    st->timer = -1;
    g_mutex_init(&st->lock);
    g_cond_init(&st->cond);
    g_queue_init(&st->packets);
    return st;
}


void
virNetClientStreamRef(virNetClientStream *st)
{
    g_atomic_int_inc(&st->refs);
}


void
virNetClientStreamUnref(virNetClientStream *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    g_queue_clear_full(&st->packets, (GDestroyNotify)virNetMessageFree);
    virNetMessageFree(st->endReply);
    if (st->hasError)
        xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&st->rerr);
    virNetClientUnref(st->client);
    g_mutex_clear(&st->lock);
    g_cond_clear(&st->cond);
    g_free(st);
}


bool
virNetClientStreamMatches(virNetClientStream *st,
                          const virNetMessageHeader *hdr)
{
    return st->opener.prog == hdr->prog && st->opener.vers == hdr->vers &&
           st->opener.serial == hdr->serial;
}


void
virNetClientStreamSetSerial(virNetClientStream *st, uint32_t serial)
{
    st->opener.serial = serial;
}


/* Wake the event callback, if any, to look at the stream again.  Not
 * with @st->lock held. */
static void
virNetClientStreamKickEvent(virNetClientStream *st)
{
    int timer;

    g_mutex_lock(&st->lock);
    timer = st->eventFunc ? st->timer : -1;
    g_mutex_unlock(&st->lock);
    if (timer >= 0)
        virEventUpdateTimeout(timer, 0);
}


/**
 * virNetClientStreamQueue:
 * @st: a stream
 * @msg: a packet for @st from the reader; consumed
 */
void
virNetClientStreamQueue(virNetClientStream *st, virNetMessage *msg)
{
    const char *data;
    size_t len;

    g_mutex_lock(&st->lock);
    if (msg->header.type != VIR_NET_STREAM) {
        /* Holes are only sent on sparse streams, which we never ask for. */
        virNetMessageFree(msg);
    } else if (msg->header.status == VIR_NET_CONTINUE) {
        virNetStreamGetData(msg, &data, &len);
        if (len == 0) {
            st->eof = true;
            virNetMessageFree(msg);
        } else {
            g_queue_push_tail(&st->packets, msg);
        }
    } else if (st->waitingEnd && !st->endReply) {
        st->endReply = msg;
    } else if (msg->header.status == VIR_NET_ERROR && !st->hasError) {
        if (virNetMessageDecodePayload(msg, VIR_XDRPROC(xdr_vir_net_message_error),
                                       &st->rerr) == 0)
            st->hasError = true;
        virResetLastError();
        virNetMessageFree(msg);
    } else {
        virNetMessageFree(msg);
    }
    g_cond_broadcast(&st->cond);
    g_mutex_unlock(&st->lock);
    virNetClientStreamKickEvent(st);
}


/**
 * virNetClientStreamConnectionClosed:
 * @st: a stream
 *
 * The connection died: whoever waits on @st wakes up.
 */
void
virNetClientStreamConnectionClosed(virNetClientStream *st)
{
    g_mutex_lock(&st->lock);
    st->closed = true;
    g_cond_broadcast(&st->cond);
    g_mutex_unlock(&st->lock);
    virNetClientStreamKickEvent(st);
}


/* With @st->lock held: report why @st cannot move data, or return 0. */
static int
virNetClientStreamCheckLocked(virNetClientStream *st)
{
    if (st->hasError) {
        virNetMessageRaiseError(&st->rerr);
        return -1;
    }
    if (st->ended) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("stream has already been finished or aborted"));
        return -1;
    }
    if (st->closed) {
        virReportError(VIR_ERR_RPC, "%s", _("stream is closed"));
        return -1;
    }
    return 0;
}


/**
 * virNetClientCallStream:
 * @client: a client
 * @st: a new stream of @client
 * @argsFilter: as for virNetClientCall()
 * @args: the opening call's arguments
 * @retFilter: as for virNetClientCall()
 * @ret: as for virNetClientCall()
 *
 * Makes the call that opens @st.  On success @st is attached to @client
 * until it is finished or aborted.
 *
 * Returns 0, or -1 with the error set.
 */
int
virNetClientCallStream(virNetClient *client,
                       virNetClientStream *st,
                       xdrproc_t argsFilter,
                       void *args,
                       xdrproc_t retFilter,
                       void *ret)
{
    if (virNetClientCallWithStream(client, st, st->opener.prog,
                                   st->opener.vers, st->opener.proc,
                                   argsFilter, args, retFilter, ret) < 0) {
        virNetClientRemoveStream(client, st);
        return -1;
    }
    return 0;
}


/**
 * virNetClientStreamSend:
 * @st: an open stream
 * @data: bytes for the peer
 * @nbytes: how many
 *
 * Returns how many bytes were sent (at most one packet's worth), or -1
 * with an error set.
 */
int
virNetClientStreamSend(virNetClientStream *st,
                       const char *data,
                       size_t nbytes)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    size_t take = MIN(nbytes, VIR_NET_STREAM_CHUNK);
    int rc;

    g_mutex_lock(&st->lock);
    rc = virNetClientStreamCheckLocked(st);
    g_mutex_unlock(&st->lock);
    if (rc < 0)
        return -1;
    if (take == 0)
        return 0;
    if (virNetStreamEncodeData(msg, &st->opener, data, take) < 0 ||
        virNetClientSendMessage(st->client, msg) < 0)
        return -1;
    return (int)take;
}


/**
 * virNetClientStreamRecv:
 * @st: an open stream
 * @data: where to put the bytes
 * @nbytes: room in @data
 * @nonblock: return -2 rather than wait when nothing has come
 *
 * Returns the number of bytes read, 0 at the end of the peer's data,
 * -2 (with @nonblock) when none are there yet, or -1 with an error set.
 */
int
virNetClientStreamRecv(virNetClientStream *st,
                       char *data,
                       size_t nbytes,
                       bool nonblock)
{
    size_t got = 0;
    int ret;

    nbytes = MIN(nbytes, (size_t)INT_MAX);
    g_mutex_lock(&st->lock);
    for (;;) {
        virNetMessage *head;

        while (got < nbytes && (head = g_queue_peek_head(&st->packets))) {
            const char *bytes;
            size_t len;
            size_t take;

            virNetStreamGetData(head, &bytes, &len);
            take = MIN(nbytes - got, len - st->headOffset);
            memcpy(data + got, bytes + st->headOffset, take);
            got += take;
            st->headOffset += take;
            if (st->headOffset == len) {
                virNetMessageFree(g_queue_pop_head(&st->packets));
                st->headOffset = 0;
            }
        }
        if (got > 0 || nbytes == 0) {
            ret = (int)got;
            break;
        }
        if (st->hasError || st->ended || (st->closed && !st->eof)) {
            ret = virNetClientStreamCheckLocked(st);
            break;
        }
        if (st->eof) {
            ret = 0;
            break;
        }
        if (nonblock) {
            ret = -2;
            break;
        }
        g_cond_wait(&st->cond, &st->lock);
    }
    g_mutex_unlock(&st->lock);
    return ret;
}


/* Send a finish (OK) or abort (ERROR) and wait for the peer to confirm;
 * the stream is detached from its client either way. */
static int
virNetClientStreamEnd(virNetClientStream *st, int status)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    g_autoptr(virNetMessage) reply = NULL;
    vir_net_message_error rerr = { 0 };
    int ret = 0;

    g_mutex_lock(&st->lock);
    if (st->ended) {
        g_mutex_unlock(&st->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("stream has already been finished or aborted"));
        return -1;
    }
    st->ended = true;
    st->waitingEnd = true;
    g_mutex_unlock(&st->lock);

    if (virNetStreamEncodeStatus(msg, &st->opener, status, NULL) < 0 ||
        virNetClientSendMessage(st->client, msg) < 0) {
        ret = -1;
    } else {
        g_mutex_lock(&st->lock);
        while (!st->endReply && !st->closed)
            g_cond_wait(&st->cond, &st->lock);
        reply = g_steal_pointer(&st->endReply);
        g_mutex_unlock(&st->lock);
    }
    virNetClientRemoveStream(st->client, st);
    if (ret < 0 || status != VIR_NET_OK)
        return status == VIR_NET_OK ? -1 : 0;

    /* A finish fails with the error the peer reported on the way, or
     * the one it gives now. */
    g_mutex_lock(&st->lock);
    if (st->hasError) {
        virNetMessageRaiseError(&st->rerr);
        ret = -1;
    }
    g_mutex_unlock(&st->lock);
    if (ret < 0)
        return -1;
    if (!reply) {
        virReportError(VIR_ERR_RPC, "%s", _("stream is closed"));
        return -1;
    }
    if (reply->header.status == VIR_NET_ERROR) {
        if (virNetMessageDecodePayload(reply, VIR_XDRPROC(xdr_vir_net_message_error),
                                       &rerr) == 0)
            virNetMessageRaiseError(&rerr);
        xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&rerr);
        return -1;
    }
    return 0;
}


/**
 * virNetClientStreamFinish:
 * @st: an open stream
 *
 * Tells the peer the stream is complete and waits for its agreement.
 *
 * Returns 0, or -1 with the peer's error (or a transport error) set.
 */
int
virNetClientStreamFinish(virNetClientStream *st)
{
    return virNetClientStreamEnd(st, VIR_NET_OK);
}


/**
 * virNetClientStreamAbort:
 * @st: a stream
 *
 * Drops the stream at both ends; data still coming is discarded.
 *
 * Returns 0, or -1 if the stream had already ended.
 */
int
virNetClientStreamAbort(virNetClientStream *st)
{
    return virNetClientStreamEnd(st, VIR_NET_ERROR);
}


/* The event loop's timer: tell the callback what @st can do now. */
static void
virNetClientStreamEventTimer(int timer, void *opaque)
{
    virNetClientStream *st = opaque;
    virNetClientStreamEventFunc func;
    void *funcOpaque;
    int events = 0;

    g_mutex_lock(&st->lock);
    if ((st->eventMask & VIR_STREAM_EVENT_READABLE) &&
        (!g_queue_is_empty(&st->packets) || st->eof))
        events |= VIR_STREAM_EVENT_READABLE;
    if ((st->eventMask & VIR_STREAM_EVENT_WRITABLE) && !st->ended &&
        !st->closed && !st->hasError)
        events |= VIR_STREAM_EVENT_WRITABLE;
    if (st->hasError)
        events |= VIR_STREAM_EVENT_ERROR;
    if (st->closed)
        events |= VIR_STREAM_EVENT_HANGUP;
    func = st->eventFunc;
    funcOpaque = st->eventOpaque;
    g_mutex_unlock(&st->lock);

    if (!func || events == 0) {
        virEventUpdateTimeout(timer, -1);
        return;
    }
    /* The timer stays due: it fires again until nothing is pending. */
    func(st, events, funcOpaque);
}


static void
virNetClientStreamTimerFree(void *opaque)
{
    virNetClientStreamUnref(opaque);
}


/**
 * virNetClientStreamEventAdd:
 * @st: a stream
 * @events: virStreamEventType mask to watch
 * @func: run from the event loop when one of @events holds
 * @opaque: passed to @func
 * @ff: frees @opaque when the callback is removed
 *
 * Returns 0, or -1 with an error set (one callback at a time, and an
 * event loop must be registered).
 */
int
virNetClientStreamEventAdd(virNetClientStream *st,
                           int events,
                           virNetClientStreamEventFunc func,
                           void *opaque,
                           GDestroyNotify ff)
{
    int timer;

    g_mutex_lock(&st->lock);
    if (st->eventFunc) {
        g_mutex_unlock(&st->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream already has a callback registered"));
        return -1;
    }
    g_mutex_unlock(&st->lock);

    virNetClientStreamRef(st);
    if ((timer = virEventAddTimeout(-1, virNetClientStreamEventTimer, st,
                                    virNetClientStreamTimerFree)) < 0) {
        virNetClientStreamUnref(st);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("cannot register a stream callback without an event loop"));
        return -1;
    }
    g_mutex_lock(&st->lock);
    st->timer = timer;
    st->eventMask = events;
    st->eventFunc = func;
    st->eventOpaque = opaque;
    st->eventFree = ff;
    g_mutex_unlock(&st->lock);
    virNetClientStreamKickEvent(st);
    return 0;
}


/**
 * virNetClientStreamEventUpdate:
 * @st: a stream with a callback
 * @events: the new mask
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetClientStreamEventUpdate(virNetClientStream *st, int events)
{
    g_mutex_lock(&st->lock);
    if (!st->eventFunc) {
        g_mutex_unlock(&st->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream does not have a callback registered"));
        return -1;
    }
    st->eventMask = events;
    g_mutex_unlock(&st->lock);
    virNetClientStreamKickEvent(st);
    return 0;
}


/**
 * virNetClientStreamEventRemove:
 * @st: a stream with a callback
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetClientStreamEventRemove(virNetClientStream *st)
{
    GDestroyNotify ff;
    void *opaque;
    int timer;

    g_mutex_lock(&st->lock);
    if (!st->eventFunc) {
        g_mutex_unlock(&st->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream does not have a callback registered"));
        return -1;
    }
    timer = st->timer;
    ff = st->eventFree;
    opaque = st->eventOpaque;
    st->timer = -1;
    st->eventFunc = NULL;
    st->eventOpaque = NULL;
    st->eventFree = NULL;
    st->eventMask = 0;
    g_mutex_unlock(&st->lock);

    virEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
    return 0;
}
