/*
 * remote_event.c: domain events from the daemon to local callbacks
 *
 * The daemon is asked for each event ID once, without a domain filter,
 * when the first local callback for that ID registers, and released when
 * the last one goes; local callbacks (with their own filters) live in an
 * event state that delivers from the application's event loop, as the
 * in-process drivers' events do.  Events arrive on the reader thread and
 * are only queued there.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "remote_private.h"
#include "domain_event.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE


static bool
remoteEventIsOurs(remotePrivate *priv, int eventID, int callbackID)
{
    bool ours;

    g_mutex_lock(&priv->lock);
    ours = priv->serverCallbackID[eventID] == callbackID;
    g_mutex_unlock(&priv->lock);
    return ours;
}


static void
remoteEventLifecycle(remotePrivate *priv, virNetMessage *msg)
{
    remote_domain_event_callback_lifecycle_msg data;
    virObjectEvent *event;

    memset(&data, 0, sizeof(data));
    if (virNetMessageDecodePayload(msg,
            VIR_XDRPROC(xdr_remote_domain_event_callback_lifecycle_msg),
            &data) == 0 &&
        remoteEventIsOurs(priv, VIR_DOMAIN_EVENT_ID_LIFECYCLE, data.callbackID)) {
        event = virDomainEventLifecycleNew(data.msg.dom.name,
                                           (unsigned char *)data.msg.dom.uuid,
                                           data.msg.dom.id,
                                           data.msg.event, data.msg.detail);
        virObjectEventStateQueue(priv->eventState, event);
    }
    xdr_free(VIR_XDRPROC(xdr_remote_domain_event_callback_lifecycle_msg),
             (char *)&data);
}


static void
remoteEventReboot(remotePrivate *priv, virNetMessage *msg)
{
    remote_domain_event_callback_reboot_msg data;
    virObjectEvent *event;

    memset(&data, 0, sizeof(data));
    if (virNetMessageDecodePayload(msg,
            VIR_XDRPROC(xdr_remote_domain_event_callback_reboot_msg),
            &data) == 0 &&
        remoteEventIsOurs(priv, VIR_DOMAIN_EVENT_ID_REBOOT, data.callbackID)) {
        event = virDomainEventRebootNew(data.msg.dom.name,
                                        (unsigned char *)data.msg.dom.uuid,
                                        data.msg.dom.id);
        virObjectEventStateQueue(priv->eventState, event);
    }
    xdr_free(VIR_XDRPROC(xdr_remote_domain_event_callback_reboot_msg),
             (char *)&data);
}


/**
 * remoteEventDispatch:
 * @client: the transport
 * @msg: a MESSAGE packet from the daemon
 * @opaque: the connection's remotePrivate
 *
 * Queues the events we know; others are logged and dropped, as libvirt's
 * client does with event procedures it does not know.
 */
void
remoteEventDispatch(virNetClient *client G_GNUC_UNUSED,
                    virNetMessage *msg,
                    void *opaque)
{
    remotePrivate *priv = opaque;

    if (msg->header.prog != REMOTE_PROGRAM ||
        msg->header.vers != REMOTE_PROTOCOL_VERSION) {
        VIR_DEBUG("ignoring event of program %u", msg->header.prog);
        return;
    }
    switch (msg->header.proc) {
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE:
        remoteEventLifecycle(priv, msg);
        break;
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT:
        remoteEventReboot(priv, msg);
        break;
    default:
        VIR_DEBUG("ignoring event procedure %d", msg->header.proc);
        break;
    }
    virResetLastError();
}


static int
remoteEventServerRegister(virConnectPtr conn, int eventID, int *serverID)
{
    remote_connect_domain_event_callback_register_any_args args;
    remote_connect_domain_event_callback_register_any_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.eventID = eventID;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                   VIR_XDRPROC(xdr_remote_connect_domain_event_callback_register_any_args), &args,
                   VIR_XDRPROC(xdr_remote_connect_domain_event_callback_register_any_ret), &ret) < 0)
        return -1;
    *serverID = ret.callbackID;
    return 0;
}


static int
remoteEventServerDeregister(virConnectPtr conn, int serverID)
{
    remote_connect_domain_event_callback_deregister_any_args args = {
        .callbackID = serverID,
    };

    return remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                      VIR_XDRPROC(xdr_remote_connect_domain_event_callback_deregister_any_args),
                      &args, NULL, NULL);
}


/**
 * remoteConnectDomainEventRegisterAny:
 * @conn: a connection
 * @dom: only events of this domain, or NULL for all
 * @eventID: a virDomainEventID
 * @cb: the application's callback
 * @opaque: passed to @cb
 * @freecb: frees @opaque when the callback goes
 *
 * Returns the local callback ID, or -1 with an error set.
 */
int
remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                    int eventID,
                                    virConnectDomainEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);
    int serverID = -1;
    int localID;
    bool first;

    if (eventID < 0 || eventID >= REMOTE_DOMAIN_EVENT_ID_COUNT) {
        virReportError(VIR_ERR_INVALID_ARG, _("unsupported event ID %1$d"),
                       eventID);
        return -1;
    }
    if (!priv->eventCallbacks) {
        virReportError(VIR_ERR_NO_SUPPORT, "%s",
                       _("the daemon does not support event callbacks"));
        return -1;
    }

    g_mutex_lock(&priv->lock);
    first = priv->localCount[eventID] == 0;
    g_mutex_unlock(&priv->lock);
    if (first && remoteEventServerRegister(conn, eventID, &serverID) < 0)
        return -1;

    if (virDomainEventStateRegisterID(priv->eventState, conn, dom, eventID,
                                      cb, opaque, freecb, &localID) < 0) {
        if (first) {
            virErrorPtr saved = NULL;

            virErrorPreserveLast(&saved);
            remoteEventServerDeregister(conn, serverID);
            virErrorRestore(&saved);
        }
        return -1;
    }

    g_mutex_lock(&priv->lock);
    if (first)
        priv->serverCallbackID[eventID] = serverID;
    priv->localCount[eventID]++;
    g_hash_table_insert(priv->localEvents, GINT_TO_POINTER(localID),
                        GINT_TO_POINTER(eventID));
    g_mutex_unlock(&priv->lock);
    return localID;
}


/**
 * remoteConnectDomainEventDeregisterAny:
 * @conn: a connection
 * @callbackID: what remoteConnectDomainEventRegisterAny() returned
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);
    gpointer value;
    int eventID;
    int serverID = -1;

    g_mutex_lock(&priv->lock);
    if (!g_hash_table_lookup_extended(priv->localEvents,
                                      GINT_TO_POINTER(callbackID), NULL, &value)) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INVALID_ARG,
                       _("could not find event callback %1$d for deletion"),
                       callbackID);
        return -1;
    }
    g_mutex_unlock(&priv->lock);
    eventID = GPOINTER_TO_INT(value);

    if (virObjectEventStateDeregisterID(priv->eventState, conn, callbackID) < 0)
        return -1;

    g_mutex_lock(&priv->lock);
    g_hash_table_remove(priv->localEvents, GINT_TO_POINTER(callbackID));
    if (--priv->localCount[eventID] == 0) {
        serverID = priv->serverCallbackID[eventID];
        priv->serverCallbackID[eventID] = -1;
    }
    g_mutex_unlock(&priv->lock);

    if (serverID >= 0 && virNetClientIsOpen(priv->client))
        return remoteEventServerDeregister(conn, serverID);
    return 0;
}
