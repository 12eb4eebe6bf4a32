/*
 * remote_dispatch_event.c: domain event registration and forwarding
 *
 * A client registers through CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;
 * we register the same event on its connection and send each event back
 * as a MESSAGE packet (serial 1, as libvirtd sends them) carrying the
 * callbackID we handed out.  IDs come from one daemon-wide counter, as
 * in libvirtd.  Events we cannot encode yet are accepted and dropped, so
 * "virsh event --all" works; the drivers emit none of them so far.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct _remoteEventCallback remoteEventCallback;
struct _remoteEventCallback {
    virNetServerClient *client;         /* one reference */
    int callbackID;                     /* ours, sent to the client */
    int localID;                        /* the connection's */
    int eventID;                        /* virDomainEventID */
};

static gint remoteNextCallbackID;

/* Callbacks are stored untyped and called through their real type. */
#define REMOTE_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))


static void
remoteEventCallbackFree(void *opaque)
{
    remoteEventCallback *cb = opaque;

    virNetServerClientUnref(cb->client);
    g_free(cb);
}


static void
remoteEventSend(remoteEventCallback *cb, int proc,
                xdrproc_t filter, void *data)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header.prog = REMOTE_PROGRAM;
    msg->header.vers = REMOTE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_MESSAGE;
    msg->header.serial = 1;
    msg->header.status = VIR_NET_OK;
    if (virNetMessageEncode(msg, filter, data) < 0 ||
        virNetServerClientSendMessage(cb->client, msg) < 0) {
        VIR_WARN("cannot send event %d: %s", proc,
                 NULLSTR(virGetLastErrorMessage()));
        virResetLastError();
    }
}


static void
remoteEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                     virDomainPtr dom,
                     int event,
                     int detail,
                     void *opaque)
{
    remoteEventCallback *cb = opaque;
    remote_domain_event_callback_lifecycle_msg data;

    memset(&data, 0, sizeof(data));
    data.callbackID = cb->callbackID;
    remoteMakeDomain(&data.msg.dom, dom);
    data.msg.event = event;
    data.msg.detail = detail;
    remoteEventSend(cb, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    VIR_XDRPROC(xdr_remote_domain_event_callback_lifecycle_msg),
                    &data);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_event_callback_lifecycle_msg),
             (char *)&data);
}


static void
remoteEventReboot(virConnectPtr conn G_GNUC_UNUSED,
                  virDomainPtr dom,
                  void *opaque)
{
    remoteEventCallback *cb = opaque;
    remote_domain_event_callback_reboot_msg data;

    memset(&data, 0, sizeof(data));
    data.callbackID = cb->callbackID;
    remoteMakeDomain(&data.msg.dom, dom);
    remoteEventSend(cb, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
                    VIR_XDRPROC(xdr_remote_domain_event_callback_reboot_msg),
                    &data);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_event_callback_reboot_msg),
             (char *)&data);
}


/* For event IDs not forwarded yet.  It reads none of its arguments, so
 * being called through any of the callback types is harmless. */
static void
remoteEventIgnore(void)
{
}


int
remoteDispatchConnectDomainEventCallbackRegisterAny(virNetServerClient *client,
                                                    const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                                    void *argsp,
                                                    void *retp)
{
    remote_connect_domain_event_callback_register_any_args *args = argsp;
    remote_connect_domain_event_callback_register_any_ret *ret = retp;
    remoteClient *priv = virNetServerClientGetPrivateData(client);
    virConnectPtr conn = remoteClientGetConnection(client);
    virConnectDomainEventGenericCallback func;
    virDomainPtr dom = NULL;
    remoteEventCallback *cb;

    if (!conn)
        return -1;
    if (args->eventID < 0 || args->eventID > VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unsupported event ID %1$d"),
                       args->eventID);
        return -1;
    }
    switch (args->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        func = REMOTE_EVENT_CALLBACK(remoteEventLifecycle);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
        func = REMOTE_EVENT_CALLBACK(remoteEventReboot);
        break;
    default:
        func = REMOTE_EVENT_CALLBACK(remoteEventIgnore);
        break;
    }
    if (args->dom && !(dom = remoteGetDomain(conn, args->dom)))
        return -1;

    cb = g_new0(remoteEventCallback, 1);
    cb->client = client;
    virNetServerClientRef(client);
    cb->eventID = args->eventID;
    cb->callbackID = g_atomic_int_add(&remoteNextCallbackID, 1);
    cb->localID = virConnectDomainEventRegisterAny(conn, dom, args->eventID,
                                                   func, cb,
                                                   remoteEventCallbackFree);
    if (dom) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        virDomainFree(dom);
        virErrorRestore(&saved);
    }
    if (cb->localID < 0) {
        remoteEventCallbackFree(cb);
        return -1;
    }

    g_mutex_lock(&priv->lock);
    g_ptr_array_add(priv->domainEvents, cb);
    g_mutex_unlock(&priv->lock);
    ret->callbackID = cb->callbackID;
    return 0;
}


int
remoteDispatchConnectDomainEventCallbackDeregisterAny(virNetServerClient *client,
                                                      const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                                      void *argsp,
                                                      void *retp G_GNUC_UNUSED)
{
    remote_connect_domain_event_callback_deregister_any_args *args = argsp;
    remoteClient *priv = virNetServerClientGetPrivateData(client);
    virConnectPtr conn = remoteClientGetConnection(client);
    int localID = -1;
    size_t i;

    if (!conn)
        return -1;
    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->domainEvents->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(priv->domainEvents, i);

        if (cb->callbackID == args->callbackID) {
            localID = cb->localID;
            g_ptr_array_remove_index(priv->domainEvents, i);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (localID < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain event %1$d not registered"),
                       args->callbackID);
        return -1;
    }
    /* The connection frees the callback data, and with it a reference
     * on the client. */
    return virConnectDomainEventDeregisterAny(conn, localID);
}


/**
 * remoteEventsRelease:
 * @client: a client whose connection ended
 *
 * Deregisters every event callback of @client, releasing the references
 * they hold on it.
 */
void
remoteEventsRelease(virNetServerClient *client)
{
    remoteClient *priv = virNetServerClientGetPrivateData(client);
    g_autoptr(GPtrArray) callbacks = NULL;
    virConnectPtr conn;
    size_t i;

    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    callbacks = g_steal_pointer(&priv->domainEvents);
    priv->domainEvents = g_ptr_array_new();
    g_mutex_unlock(&priv->lock);

    for (i = 0; i < callbacks->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(callbacks, i);

        if (conn && virConnectDomainEventDeregisterAny(conn, cb->localID) < 0)
            virResetLastError();
    }
}
