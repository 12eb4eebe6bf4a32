/*
 * remote_dispatch_fds.c: REMOTE procedures whose reply carries file
 * descriptors (REPLY_WITH_FDS)
 *
 * Such a reply is the descriptor count, the result, then each
 * descriptor passed on the UNIX socket; the procedure sends it itself
 * and tells the server so by returning 1.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include <virtplug/objects.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC


/* Send the empty result of the call @hdr with @fd attached.  Returns 1
 * (reply sent, or the connection is gone), or -1 with an error set when
 * nothing was sent. */
static int
remoteSendReplyWithFD(virNetServerClient *client,
                      const virNetMessageHeader *hdr,
                      int fd)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    unsigned int nfds = 1;

    msg->header = *hdr;
    msg->header.type = VIR_NET_REPLY_WITH_FDS;
    msg->header.status = VIR_NET_OK;
    if (virNetMessageEncode(msg, VIR_XDRPROC(xdr_u_int), &nfds) < 0)
        return -1;
    virNetServerClientSendMessageWithFDs(client, msg, &fd, 1);
    virResetLastError();
    return 1;
}


int
remoteDispatchDomainOpenGraphicsFd(virNetServerClient *client,
                                   const virNetMessageHeader *hdr,
                                   void *argsp,
                                   void *retp G_GNUC_UNUSED)
{
    remote_domain_open_graphics_fd_args *args = argsp;
    virErrorPtr saved = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    int fd;
    int rc;

    if (!virNetServerClientIsLocal(client)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("file descriptors can only be passed over a UNIX socket"));
        return -1;
    }
    if (!(conn = remoteClientGetConnection(client)) ||
        !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    fd = virDomainOpenGraphicsFD(dom, args->idx, args->flags);
    virErrorPreserveLast(&saved);
    virDomainFree(dom);
    virErrorRestore(&saved);
    if (fd < 0)
        return -1;
    rc = remoteSendReplyWithFD(client, hdr, fd);
    close(fd);
    return rc;
}
