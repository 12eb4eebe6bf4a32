/*
 * remote_fds.c: calls whose reply brings file descriptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "remote_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE


/**
 * remoteDomainOpenGraphicsFD:
 *
 * Returns the descriptor the daemon passed, connected to the display
 * @idx, or -1 with an error set.
 */
int
remoteDomainOpenGraphicsFD(virDomainPtr domain, unsigned int idx,
                           unsigned int flags)
{
    remotePrivate *priv = virConnectGetPrivateData(virDomainGetConnect(domain));
    remote_domain_open_graphics_fd_args args;
    g_autofree int *fds = NULL;
    size_t nfds = 0;
    size_t i;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    args.idx = idx;
    args.flags = flags;
    if (virNetClientCallWithFDs(priv->client, REMOTE_PROGRAM,
                                REMOTE_PROTOCOL_VERSION,
                                REMOTE_PROC_DOMAIN_OPEN_GRAPHICS_FD,
                                VIR_XDRPROC(xdr_remote_domain_open_graphics_fd_args),
                                &args, NULL, NULL, &fds, &nfds) < 0)
        return -1;
    if (nfds != 1) {
        virReportError(VIR_ERR_RPC,
                       _("expected 1 file descriptor in the reply, got %1$zu"),
                       nfds);
        for (i = 0; i < nfds; i++)
            close(fds[i]);
        return -1;
    }
    return fds[0];
}
