/*
 * virnetserverstream.c: data streams on the answering side
 *
 * A stream is referenced by its client's set (until its owner closes
 * it) and by its owner; it holds a reference on the client.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virnetserverstream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

struct _virNetServerStream {
    gint refs;
    virNetServerClient *client;
    virNetMessageHeader opener;
    virNetServerStreamStartFunc start;
    void *opaque;

    GMutex lock;                        /* guards everything below */
    GCond cond;                         /* a packet came, or closed */
    GQueue packets;                     /* virNetMessage *, from the peer */
    bool started;
    bool closed;                        /* connection gone or owner done */
    bool interrupted;                   /* owner wants Take to return */
};

struct _virNetServerStreamSet {
    GMutex lock;
    GPtrArray *streams;                 /* virNetServerStream *, one ref */
};


static void
virNetServerStreamUnref(virNetServerStream *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    g_queue_clear_full(&st->packets, (GDestroyNotify)virNetMessageFree);
    virNetServerClientUnref(st->client);
    g_mutex_clear(&st->lock);
    g_cond_clear(&st->cond);
    g_free(st);
}


/**
 * virNetServerStreamNew:
 * @client: the client whose call opens the stream
 * @opener: that call's header
 * @start: run once the call's reply is sent
 * @opaque: passed to @start
 *
 * Registers a stream for the packets that carry @opener's procedure
 * and serial.  The caller owns the result and ends it with
 * virNetServerStreamClose(), also when the call fails.
 */
virNetServerStream *
virNetServerStreamNew(virNetServerClient *client,
                      const virNetMessageHeader *opener,
                      virNetServerStreamStartFunc start,
                      void *opaque)
{
    virNetServerStreamSet *set = virNetServerClientGetStreams(client);
    virNetServerStream *st = g_new0(virNetServerStream, 1);

    st->refs = 2;                       /* the owner's and the set's */
    virNetServerClientRef(client);
    st->client = client;
    st->opener = *opener;
    st->start = start;
    st->opaque = opaque;
    g_mutex_init(&st->lock);
    g_cond_init(&st->cond);
    g_queue_init(&st->packets);
    st->closed = virNetServerClientIsClosed(client);

    g_mutex_lock(&set->lock);
    g_ptr_array_add(set->streams, st);
    g_mutex_unlock(&set->lock);
    return st;
}


/**
 * virNetServerStreamClose:
 * @st: a stream, or NULL
 *
 * The owner is done: packets still queued are dropped (and stop
 * counting against the client), later ones are ignored.
 */
void
virNetServerStreamClose(virNetServerStream *st)
{
    virNetServerStreamSet *set;
    virNetMessage *msg;
    bool registered;

    if (!st)
        return;
    set = virNetServerClientGetStreams(st->client);
    g_mutex_lock(&set->lock);
    registered = g_ptr_array_remove(set->streams, st);
    g_mutex_unlock(&set->lock);

    g_mutex_lock(&st->lock);
    st->closed = true;
    while ((msg = g_queue_pop_head(&st->packets))) {
        virNetMessageFree(msg);
        virNetServerClientStreamPacketDone(st->client);
    }
    g_cond_broadcast(&st->cond);
    g_mutex_unlock(&st->lock);

    if (registered)
        virNetServerStreamUnref(st);
    virNetServerStreamUnref(st);
}


static int
virNetServerStreamSend(virNetServerStream *st, virNetMessage *msg)
{
    if (virNetServerStreamIsClosed(st)) {
        virReportError(VIR_ERR_RPC, "%s", _("stream is closed"));
        return -1;
    }
    return virNetServerClientSendMessage(st->client, msg);
}


/**
 * virNetServerStreamSendData:
 * @st: a started stream
 * @data: bytes for the peer
 * @len: how many; 0 tells the peer the data has ended
 *
 * Sends the bytes in packets of at most VIR_NET_STREAM_CHUNK.  Blocks
 * while the peer does not read.
 *
 * Returns 0, or -1 with an error set (the connection is gone).
 */
int
virNetServerStreamSendData(virNetServerStream *st,
                           const char *data,
                           size_t len)
{
    size_t offset = 0;

    do {
        g_autoptr(virNetMessage) msg = virNetMessageNew();
        size_t take = MIN(len - offset, VIR_NET_STREAM_CHUNK);

        if (virNetStreamEncodeData(msg, &st->opener, data + offset, take) < 0 ||
            virNetServerStreamSend(st, msg) < 0)
            return -1;
        offset += take;
    } while (offset < len);
    return 0;
}


/**
 * virNetServerStreamSendStatus:
 * @st: a stream
 * @status: VIR_NET_OK to confirm a finish or abort, VIR_NET_ERROR
 * @err: with VIR_NET_ERROR, why the stream failed
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetServerStreamSendStatus(virNetServerStream *st,
                             int status,
                             const virError *err)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    if (virNetStreamEncodeStatus(msg, &st->opener, status, err) < 0)
        return -1;
    return virNetServerStreamSend(st, msg);
}


/**
 * virNetServerStreamTake:
 * @st: a stream
 *
 * Waits for the peer's next packet for @st (data, finish or abort).
 * Returns it (the caller frees it), or NULL once the connection is gone
 * or virNetServerStreamInterrupt() was called.
 */
virNetMessage *
virNetServerStreamTake(virNetServerStream *st)
{
    virNetMessage *msg;

    g_mutex_lock(&st->lock);
    while (g_queue_is_empty(&st->packets) && !st->closed && !st->interrupted)
        g_cond_wait(&st->cond, &st->lock);
    msg = g_queue_pop_head(&st->packets);
    st->interrupted = false;
    g_mutex_unlock(&st->lock);
    if (msg)
        virNetServerClientStreamPacketDone(st->client);
    return msg;
}


/**
 * virNetServerStreamInterrupt:
 * @st: a stream
 *
 * Makes a virNetServerStreamTake() waiting now, or the next one if none
 * waits, return NULL.
 */
void
virNetServerStreamInterrupt(virNetServerStream *st)
{
    g_mutex_lock(&st->lock);
    st->interrupted = true;
    g_cond_broadcast(&st->cond);
    g_mutex_unlock(&st->lock);
}


/**
 * virNetServerStreamIsClosed:
 * @st: a stream
 *
 * Returns true once the connection is gone or the owner closed @st.
 */
bool
virNetServerStreamIsClosed(virNetServerStream *st)
{
    bool closed;

    g_mutex_lock(&st->lock);
    closed = st->closed;
    g_mutex_unlock(&st->lock);
    return closed || virNetServerClientIsClosed(st->client);
}


virNetServerStreamSet *
virNetServerStreamSetNew(void)
{
    virNetServerStreamSet *set = g_new0(virNetServerStreamSet, 1);

    g_mutex_init(&set->lock);
    set->streams = g_ptr_array_new();
    return set;
}


/* When the client is freed, every owner has closed its stream: each
 * holds a reference on the client. */
void
virNetServerStreamSetFree(virNetServerStreamSet *set)
{
    if (!set)
        return;
    g_ptr_array_free(set->streams, TRUE);
    g_mutex_clear(&set->lock);
    g_free(set);
}


/* With @set->lock held. */
static virNetServerStream *
virNetServerStreamSetFind(virNetServerStreamSet *set,
                          const virNetMessageHeader *hdr)
{
    size_t i;

    for (i = 0; i < set->streams->len; i++) {
        virNetServerStream *st = g_ptr_array_index(set->streams, i);

        if (st->opener.prog == hdr->prog && st->opener.vers == hdr->vers &&
            st->opener.proc == hdr->proc && st->opener.serial == hdr->serial)
            return st;
    }
    return NULL;
}


/**
 * virNetServerStreamSetDeliver:
 * @set: a client's streams
 * @msg: a STREAM or STREAM_HOLE packet from the client, header decoded
 *
 * Returns true when @msg was queued for its stream (the client's
 * request count covers it until the owner takes it), false when no
 * stream wants it (the caller drops it, as libvirtd does).
 */
bool
virNetServerStreamSetDeliver(virNetServerStreamSet *set,
                             virNetMessage *msg)
{
    virNetServerStream *st;
    bool queued = false;

    g_mutex_lock(&set->lock);
    if ((st = virNetServerStreamSetFind(set, &msg->header))) {
        g_mutex_lock(&st->lock);
        if (!st->closed) {
            g_queue_push_tail(&st->packets, msg);
            g_cond_broadcast(&st->cond);
            queued = true;
        }
        g_mutex_unlock(&st->lock);
    }
    g_mutex_unlock(&set->lock);
    return queued;
}


/**
 * virNetServerStreamSetStart:
 * @set: a client's streams
 * @opener: header of a call whose reply was just sent
 *
 * Starts the stream that call opened, if any.
 */
void
virNetServerStreamSetStart(virNetServerStreamSet *set,
                           const virNetMessageHeader *opener)
{
    virNetServerStream *st;

    g_mutex_lock(&set->lock);
    if ((st = virNetServerStreamSetFind(set, opener)) && !st->started) {
        st->started = true;
        g_atomic_int_inc(&st->refs);
    } else {
        st = NULL;
    }
    g_mutex_unlock(&set->lock);
    if (!st)
        return;
    if (st->start)
        st->start(st, st->opaque);
    virNetServerStreamUnref(st);
}


/**
 * virNetServerStreamSetCloseAll:
 * @set: a client's streams
 *
 * The connection is gone: every owner waiting for a packet wakes up
 * and finds none.
 */
void
virNetServerStreamSetCloseAll(virNetServerStreamSet *set)
{
    size_t i;

    g_mutex_lock(&set->lock);
    for (i = 0; i < set->streams->len; i++) {
        virNetServerStream *st = g_ptr_array_index(set->streams, i);

        g_mutex_lock(&st->lock);
        st->closed = true;
        g_cond_broadcast(&st->cond);
        g_mutex_unlock(&st->lock);
    }
    g_mutex_unlock(&set->lock);
}
