/*
 * qemu_graphics.c: virDomainOpenGraphicsFD, a display connection made
 * without a listening socket
 *
 * The plugin makes a socket pair, hands one end to QEMU (getfd) and has
 * the display server take it as a client (add_client); the caller gets
 * the other end and speaks VNC or SPICE on it as on a network
 * connection.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* QEMU's name for the descriptor between getfd and add_client; one
 * call at a time holds the domain, so a fixed name never clashes. */
#define QEMU_GRAPHICS_FDNAME "graphicsfd"


/* The display protocol add_client takes for @graphics, or NULL with an
 * error set. */
static const char *
qemuGraphicsProtocol(const virDomainGraphicsDef *graphics)
{
    switch (graphics->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
        return "vnc";
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        return "spice";
    default:
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       _("Can only open VNC or SPICE graphics backends, not %1$s"),
                       virDomainGraphicsTypeToString(graphics->type));
        return NULL;
    }
}


/**
 * qemuDomainOpenGraphicsFD:
 *
 * Returns a connected descriptor to the display @idx of a running
 * domain, or -1 with an error set.
 */
int
qemuDomainOpenGraphicsFD(virDomainPtr domain, unsigned int idx,
                         unsigned int flags)
{
    qemuDomainObjPrivate *priv;
    const char *protocol;
    json_object *args;
    virDomainObj *vm;
    int pair[2] = { -1, -1 };
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH, -1);

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(vm) < 0)
        goto cleanup;
    if (idx >= vm->def->ngraphics) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("No graphics backend with index %1$d"), idx);
        goto cleanup;
    }
    if (!(protocol = qemuGraphicsProtocol(vm->def->graphics[idx])))
        goto cleanup;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0) {
        virReportSystemError(errno, "%s", _("Unable to create socket pair"));
        goto cleanup;
    }
    priv = qemuDomainObjPrivateGet(vm);

    args = json_object_new_object();
    json_object_object_add(args, "fdname",
                           json_object_new_string(QEMU_GRAPHICS_FDNAME));
    if (qemuMonitorCommand(priv->mon, "getfd", args, pair[0], -1, NULL) < 0)
        goto cleanup;
    args = json_object_new_object();
    json_object_object_add(args, "protocol", json_object_new_string(protocol));
    json_object_object_add(args, "fdname",
                           json_object_new_string(QEMU_GRAPHICS_FDNAME));
    json_object_object_add(args, "skipauth",
                           json_object_new_boolean(!!(flags & VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH)));
    json_object_object_add(args, "tls", json_object_new_boolean(false));
    if (qemuMonitorCommand(priv->mon, "add_client", args, -1, -1, NULL) < 0)
        goto cleanup;
    ret = pair[1];
    pair[1] = -1;

 cleanup:
    /* QEMU holds its own copy of its end once getfd succeeded. */
    if (pair[0] >= 0)
        close(pair[0]);
    if (pair[1] >= 0)
        close(pair[1]);
    virDomainObjEndAPI(&vm);
    return ret;
}
