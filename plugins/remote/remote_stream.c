/*
 * remote_stream.c: streams through the daemon: the stream driver and
 * the calls that open one (screenshot, console, channel)
 *
 * The library's virStreamPtr carries an RPC stream of the connection's
 * client as its private data; the public stream calls map one to one
 * onto it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "remote_private.h"
#include "virnetclientstream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* What a stream callback needs: the library's stream and the user's
 * callback. */
typedef struct _remoteStreamEvent remoteStreamEvent;
struct _remoteStreamEvent {
    virStreamPtr st;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
};


static int
remoteStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    return virNetClientStreamSend(virStreamGetPrivateData(st), data, nbytes);
}


static int
remoteStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return virNetClientStreamRecv(virStreamGetPrivateData(st), data, nbytes,
                                  virStreamGetFlagsInternal(st) & VIR_STREAM_NONBLOCK);
}


static int
remoteStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes,
                      unsigned int flags)
{
    /* No sparse streams are opened, so there is never a hole to stop at. */
    virCheckFlags(VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    return remoteStreamRecv(st, data, nbytes);
}


/* Finish and abort end the RPC stream and detach it from @st. */
static int
remoteStreamEnd(virStreamPtr st, bool abort)
{
    virNetClientStream *nst = virStreamGetPrivateData(st);
    int rc;

    if (!nst) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("stream has already been finished or aborted"));
        return -1;
    }
    rc = abort ? virNetClientStreamAbort(nst) : virNetClientStreamFinish(nst);
    virStreamSetPrivateData(st, NULL, NULL);
    virNetClientStreamUnref(nst);
    return rc;
}


static int
remoteStreamFinish(virStreamPtr st)
{
    return remoteStreamEnd(st, false);
}


static int
remoteStreamAbort(virStreamPtr st)
{
    return remoteStreamEnd(st, true);
}


static void
remoteStreamEventRelay(virNetClientStream *nst G_GNUC_UNUSED,
                       int events,
                       void *opaque)
{
    remoteStreamEvent *ev = opaque;

    ev->cb(ev->st, events, ev->opaque);
}


static void
remoteStreamEventFree(void *opaque)
{
    remoteStreamEvent *ev = opaque;

    if (ev->ff)
        ev->ff(ev->opaque);
    g_free(ev);
}


static int
remoteStreamEventAddCallback(virStreamPtr st, int events,
                             virStreamEventCallback cb, void *opaque,
                             virFreeCallback ff)
{
    remoteStreamEvent *ev = g_new0(remoteStreamEvent, 1);

    /* @st outlives the callback: the user removes it before the last
     * virStreamFree, as with every libvirt stream. */
    ev->st = st;
    ev->cb = cb;
    ev->opaque = opaque;
    ev->ff = ff;
    if (virNetClientStreamEventAdd(virStreamGetPrivateData(st), events,
                                   remoteStreamEventRelay, ev,
                                   remoteStreamEventFree) < 0) {
        g_free(ev);
        return -1;
    }
    return 0;
}


static int
remoteStreamEventUpdateCallback(virStreamPtr st, int events)
{
    return virNetClientStreamEventUpdate(virStreamGetPrivateData(st), events);
}


static int
remoteStreamEventRemoveCallback(virStreamPtr st)
{
    return virNetClientStreamEventRemove(virStreamGetPrivateData(st));
}


static const virStreamDriver remoteStreamDriver = {
    .size = sizeof(virStreamDriver),
    .name = "remote",
    .streamSend = remoteStreamSend,
    .streamRecv = remoteStreamRecv,
    .streamRecvFlags = remoteStreamRecvFlags,
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
    .streamEventAddCallback = remoteStreamEventAddCallback,
    .streamEventUpdateCallback = remoteStreamEventUpdateCallback,
    .streamEventRemoveCallback = remoteStreamEventRemoveCallback,
};


/* Make the call @proc that opens a stream for @st.  Returns 0, or -1
 * with an error set. */
static int
remoteStreamOpen(virConnectPtr conn, virStreamPtr st, int proc,
                 xdrproc_t argsFilter, void *args,
                 xdrproc_t retFilter, void *ret)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);
    virNetClientStream *nst;

    if (virStreamGetPrivateData(st)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("stream is already in use"));
        return -1;
    }
    nst = virNetClientStreamNew(priv->client, REMOTE_PROGRAM,
                                REMOTE_PROTOCOL_VERSION, proc);
    if (virNetClientCallStream(priv->client, nst, argsFilter, args,
                               retFilter, ret) < 0) {
        virNetClientStreamUnref(nst);
        return -1;
    }
    virStreamSetPrivateData(st, nst, &remoteStreamDriver);
    return 0;
}


/**
 * remoteDomainScreenshot:
 *
 * Returns the picture's mime type, its bytes to come on @stream, or NULL
 * with an error set.
 */
char *
remoteDomainScreenshot(virDomainPtr domain, virStreamPtr stream,
                       unsigned int screen, unsigned int flags)
{
    remote_domain_screenshot_args args;
    remote_domain_screenshot_ret ret;
    char *mime = NULL;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    args.screen = screen;
    args.flags = flags;
    if (remoteStreamOpen(virDomainGetConnect(domain), stream,
                         REMOTE_PROC_DOMAIN_SCREENSHOT,
                         VIR_XDRPROC(xdr_remote_domain_screenshot_args), &args,
                         VIR_XDRPROC(xdr_remote_domain_screenshot_ret), &ret) < 0)
        return NULL;
    if (ret.mime) {
        mime = g_steal_pointer(ret.mime);
        g_free(ret.mime);
    }
    if (!mime) {
        virReportError(VIR_ERR_RPC, "%s", _("the daemon sent no mime type"));
        virStreamAbort(stream);
    }
    return mime;
}


/**
 * remoteDomainOpenConsole:
 *
 * Returns 0 with @st joined to the console, or -1 with an error set.
 */
int
remoteDomainOpenConsole(virDomainPtr domain, const char *dev_name,
                        virStreamPtr st, unsigned int flags)
{
    remote_domain_open_console_args args;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    args.dev_name = dev_name ? (char **)&dev_name : NULL;
    args.flags = flags;
    return remoteStreamOpen(virDomainGetConnect(domain), st,
                            REMOTE_PROC_DOMAIN_OPEN_CONSOLE,
                            VIR_XDRPROC(xdr_remote_domain_open_console_args), &args,
                            NULL, NULL);
}


/**
 * remoteDomainOpenChannel:
 *
 * Returns 0 with @st joined to the channel, or -1 with an error set.
 */
int
remoteDomainOpenChannel(virDomainPtr domain, const char *name,
                        virStreamPtr st, unsigned int flags)
{
    remote_domain_open_channel_args args;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    args.name = name ? (char **)&name : NULL;
    args.flags = flags;
    return remoteStreamOpen(virDomainGetConnect(domain), st,
                            REMOTE_PROC_DOMAIN_OPEN_CHANNEL,
                            VIR_XDRPROC(xdr_remote_domain_open_channel_args), &args,
                            NULL, NULL);
}
