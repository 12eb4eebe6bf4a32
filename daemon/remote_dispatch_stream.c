/*
 * remote_dispatch_stream.c: REMOTE procedures that open a data stream
 *
 * Each stream joins a stream of the client's hypervisor connection (the
 * driver's side) to the client's RPC stream (the peer's side).  Two
 * threads move the data once the opening call's reply is out: one reads
 * the driver's stream and sends the bytes, one takes the peer's packets
 * (data, finish, abort) and applies them.  The driver's stream is opened
 * non-blocking so neither thread ever waits inside the driver while
 * holding it: an abort from the peer always gets its turn.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <virtplug/objects.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virnetserverstream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* How long a thread sleeps when the driver's stream has nothing to give
 * or no room to take. */
#define REMOTE_STREAM_RETRY_US (10 * 1000)

typedef struct _remoteStream remoteStream;
struct _remoteStream {
    virNetServerStream *nst;
    virStreamPtr st;                    /* on the client's connection */
    bool toPeer;                        /* the driver's bytes go out */
    bool fromPeer;                      /* the peer's bytes go in */
    GThread *output;                    /* joined by the input thread */

    GMutex lock;                        /* driver calls, @done */
    bool done;                          /* finished or aborted */
};


static void
remoteStreamFree(remoteStream *rs)
{
    if (!rs)
        return;
    virNetServerStreamClose(rs->nst);
    if (rs->st)
        virStreamFree(rs->st);
    g_mutex_clear(&rs->lock);
    g_free(rs);
}


/* With @rs->lock held: the driver failed; tell the peer why. */
static void
remoteStreamFailLocked(remoteStream *rs)
{
    rs->done = true;
    virNetServerStreamSendStatus(rs->nst, VIR_NET_ERROR, virGetLastError());
    virResetLastError();
}


static gpointer
remoteStreamOutputThread(gpointer opaque)
{
    remoteStream *rs = opaque;
    g_autofree char *buf = g_malloc(VIR_NET_STREAM_CHUNK);

    for (;;) {
        int got;

        g_mutex_lock(&rs->lock);
        if (rs->done || virNetServerStreamIsClosed(rs->nst)) {
            g_mutex_unlock(&rs->lock);
            break;
        }
        got = virStreamRecv(rs->st, buf, VIR_NET_STREAM_CHUNK);
        if (got == -2) {
            g_mutex_unlock(&rs->lock);
            g_usleep(REMOTE_STREAM_RETRY_US);
            continue;
        }
        if (got < 0) {
            remoteStreamFailLocked(rs);
            g_mutex_unlock(&rs->lock);
            break;
        }
        /* Zero bytes is the end of the data; the peer then finishes. */
        if (virNetServerStreamSendData(rs->nst, buf, got) < 0 || got == 0) {
            virResetLastError();
            g_mutex_unlock(&rs->lock);
            break;
        }
        g_mutex_unlock(&rs->lock);
    }
    return NULL;
}


/* The peer's bytes into the driver's stream. */
static void
remoteStreamWrite(remoteStream *rs, virNetMessage *msg)
{
    const char *data;
    size_t len;
    size_t offset = 0;

    virNetStreamGetData(msg, &data, &len);
    g_mutex_lock(&rs->lock);
    while (!rs->done && offset < len) {
        int sent = virStreamSend(rs->st, data + offset, len - offset);

        if (sent == -2) {
            g_mutex_unlock(&rs->lock);
            g_usleep(REMOTE_STREAM_RETRY_US);
            g_mutex_lock(&rs->lock);
            continue;
        }
        if (sent < 0) {
            remoteStreamFailLocked(rs);
            break;
        }
        offset += sent;
    }
    g_mutex_unlock(&rs->lock);
}


/* The peer finishes (@abort false) or aborts the stream; either way the
 * driver's side ends here and the peer gets its confirmation. */
static void
remoteStreamEnd(remoteStream *rs, bool abort)
{
    int rc = 0;

    g_mutex_lock(&rs->lock);
    if (!rs->done)
        rc = abort ? virStreamAbort(rs->st) : virStreamFinish(rs->st);
    rs->done = true;
    if (rc < 0 && !abort)
        virNetServerStreamSendStatus(rs->nst, VIR_NET_ERROR, virGetLastError());
    else
        virNetServerStreamSendStatus(rs->nst, VIR_NET_OK, NULL);
    virResetLastError();
    g_mutex_unlock(&rs->lock);
}


static gpointer
remoteStreamInputThread(gpointer opaque)
{
    remoteStream *rs = opaque;
    virNetMessage *msg;
    bool ended = false;

    while (!ended && (msg = virNetServerStreamTake(rs->nst))) {
        if (msg->header.type == VIR_NET_STREAM_HOLE) {
            g_mutex_lock(&rs->lock);
            virReportError(VIR_ERR_RPC, "%s", _("Unexpected stream hole"));
            remoteStreamFailLocked(rs);
            g_mutex_unlock(&rs->lock);
        } else if (msg->header.status == VIR_NET_CONTINUE) {
            if (rs->fromPeer)
                remoteStreamWrite(rs, msg);
        } else {
            remoteStreamEnd(rs, msg->header.status != VIR_NET_OK);
            ended = true;
        }
        virNetMessageFree(msg);
    }

    /* The connection went away under the stream: drop the driver's end. */
    g_mutex_lock(&rs->lock);
    if (!rs->done) {
        virStreamAbort(rs->st);
        virResetLastError();
        rs->done = true;
    }
    g_mutex_unlock(&rs->lock);

    /* No more sends from the output thread once the stream is closed. */
    virNetServerStreamClose(g_steal_pointer(&rs->nst));
    if (rs->output)
        g_thread_join(rs->output);
    remoteStreamFree(rs);
    return NULL;
}


static void
remoteStreamStart(virNetServerStream *nst G_GNUC_UNUSED, void *opaque)
{
    remoteStream *rs = opaque;
    GThread *input;

    if (rs->toPeer)
        rs->output = g_thread_new("stream-out", remoteStreamOutputThread, rs);
    input = g_thread_new("stream-in", remoteStreamInputThread, rs);
    g_thread_unref(input);
}


/* A stream on @conn for the call @hdr, registered with @client; NULL
 * with an error set. */
static remoteStream *
remoteStreamNew(virNetServerClient *client,
                virConnectPtr conn,
                const virNetMessageHeader *hdr,
                bool toPeer,
                bool fromPeer)
{
    remoteStream *rs = g_new0(remoteStream, 1);

    g_mutex_init(&rs->lock);
    rs->toPeer = toPeer;
    rs->fromPeer = fromPeer;
    if (!(rs->st = virStreamNew(conn, VIR_STREAM_NONBLOCK))) {
        remoteStreamFree(rs);
        return NULL;
    }
    rs->nst = virNetServerStreamNew(client, hdr, remoteStreamStart, rs);
    return rs;
}


/* The opening call failed: the stream never starts. */
static void
remoteStreamDiscard(remoteStream *rs)
{
    virErrorPtr saved = NULL;

    virErrorPreserveLast(&saved);
    remoteStreamFree(rs);
    virErrorRestore(&saved);
}


/* Free @dom keeping the thread's error: the free is a public call. */
static void
remoteStreamReleaseDomain(virDomainPtr dom)
{
    virErrorPtr saved = NULL;

    virErrorPreserveLast(&saved);
    virDomainFree(dom);
    virErrorRestore(&saved);
}


static virDomainPtr
remoteStreamDomain(virNetServerClient *client,
                   const remote_nonnull_domain *wire,
                   virConnectPtr *conn)
{
    if (!(*conn = remoteClientGetConnection(client)))
        return NULL;
    return remoteGetDomain(*conn, wire);
}


int
remoteDispatchDomainScreenshot(virNetServerClient *client,
                               const virNetMessageHeader *hdr,
                               void *argsp,
                               void *retp)
{
    remote_domain_screenshot_args *args = argsp;
    remote_domain_screenshot_ret *ret = retp;
    virConnectPtr conn;
    virDomainPtr dom;
    remoteStream *rs;
    char *mime;

    if (!(dom = remoteStreamDomain(client, &args->dom, &conn)))
        return -1;
    if (!(rs = remoteStreamNew(client, conn, hdr, true, false))) {
        remoteStreamReleaseDomain(dom);
        return -1;
    }
    mime = virDomainScreenshot(dom, rs->st, args->screen, args->flags);
    remoteStreamReleaseDomain(dom);
    if (!mime) {
        remoteStreamDiscard(rs);
        return -1;
    }
    ret->mime = g_new0(char *, 1);
    *ret->mime = mime;
    return 0;
}


/* OPEN_CONSOLE and OPEN_CHANNEL: both directions, no result. */
static int
remoteDispatchBidiStream(virNetServerClient *client,
                         const virNetMessageHeader *hdr,
                         const remote_nonnull_domain *wire,
                         const char *name,
                         unsigned int flags,
                         int (*open)(virDomainPtr dom, const char *name,
                                     virStreamPtr st, unsigned int flags))
{
    virConnectPtr conn;
    virDomainPtr dom;
    remoteStream *rs;
    int rc;

    if (!(dom = remoteStreamDomain(client, wire, &conn)))
        return -1;
    if (!(rs = remoteStreamNew(client, conn, hdr, true, true))) {
        remoteStreamReleaseDomain(dom);
        return -1;
    }
    rc = open(dom, name, rs->st, flags);
    remoteStreamReleaseDomain(dom);
    if (rc < 0) {
        remoteStreamDiscard(rs);
        return -1;
    }
    return 0;
}


int
remoteDispatchDomainOpenConsole(virNetServerClient *client,
                                const virNetMessageHeader *hdr,
                                void *argsp,
                                void *retp G_GNUC_UNUSED)
{
    remote_domain_open_console_args *args = argsp;

    return remoteDispatchBidiStream(client, hdr, &args->dom,
                                    args->dev_name ? *args->dev_name : NULL,
                                    args->flags, virDomainOpenConsole);
}


int
remoteDispatchDomainOpenChannel(virNetServerClient *client,
                                const virNetMessageHeader *hdr,
                                void *argsp,
                                void *retp G_GNUC_UNUSED)
{
    remote_domain_open_channel_args *args = argsp;

    return remoteDispatchBidiStream(client, hdr, &args->dom,
                                    args->name ? *args->name : NULL,
                                    args->flags, virDomainOpenChannel);
}
