/*
 * remote_dispatch_connect.c: per-client state and the connection-level
 * procedures of the REMOTE program
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <virtplug/objects.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* Feature numbers of CONNECT_SUPPORTS_FEATURE the daemon answers itself
 * (libvirt's VIR_DRV_FEATURE_* values, an interoperability fact). */
enum {
    REMOTE_FEATURE_FD_PASSING = 8,
    REMOTE_FEATURE_PROGRAM_KEEPALIVE = 10,
    REMOTE_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    REMOTE_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
};


static void
remoteClientFree(void *opaque)
{
    remoteClient *priv = opaque;

    if (priv->conn)
        virConnectClose(priv->conn);
    g_ptr_array_free(priv->domainEvents, TRUE);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}


/**
 * remoteClientInit:
 * @client: a client just accepted
 * @opaque: unused
 *
 * Gives @client its (empty) REMOTE program state.
 *
 * Returns 0.
 */
int
remoteClientInit(virNetServerClient *client, void *opaque G_GNUC_UNUSED)
{
    remoteClient *priv = g_new0(remoteClient, 1);

    g_mutex_init(&priv->lock);
    priv->readonly = virNetServerClientIsReadonly(client);
    priv->domainEvents = g_ptr_array_new();
    virNetServerClientSetPrivateData(client, priv, remoteClientFree);
    return 0;
}


/**
 * remoteClientClose:
 * @client: a client whose connection ended
 *
 * Drops the event callbacks, which hold references on @client; the
 * hypervisor connection goes with @client's last reference.
 */
void
remoteClientClose(virNetServerClient *client)
{
    remoteEventsRelease(client);
}


/**
 * remoteClientGetConnection:
 * @client: a client
 *
 * Returns @client's hypervisor connection (owned by the client), or NULL
 * with libvirtd's "hypervisor connection not open" error.
 */
virConnectPtr
remoteClientGetConnection(virNetServerClient *client)
{
    remoteClient *priv = virNetServerClientGetPrivateData(client);
    virConnectPtr conn;

    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    g_mutex_unlock(&priv->lock);
    if (!conn)
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("hypervisor connection not open"));
    return conn;
}


/**
 * remoteGetDomain:
 * @conn: the client's connection
 * @dom: a domain as the wire names it
 *
 * Returns a new reference on a domain object for @dom, without asking
 * the driver: drivers find a domain by its UUID.  NULL with an error set.
 */
virDomainPtr
remoteGetDomain(virConnectPtr conn, const remote_nonnull_domain *dom)
{
    return virGetDomain(conn, dom->name, (const unsigned char *)dom->uuid,
                        dom->id);
}


/**
 * remoteGetDomainSnapshot:
 * @conn: the client's connection
 * @snap: a snapshot as the wire names it
 *
 * Returns a new reference on a snapshot object, or NULL with an error set.
 */
virDomainSnapshotPtr
remoteGetDomainSnapshot(virConnectPtr conn,
                        const remote_nonnull_domain_snapshot *snap)
{
    virDomainPtr dom = remoteGetDomain(conn, &snap->dom);
    virDomainSnapshotPtr ret;

    if (!dom)
        return NULL;
    ret = virGetDomainSnapshot(dom, snap->name);
    virDomainFree(dom);
    return ret;
}


/**
 * remoteMakeDomain:
 * @dest: the wire form to fill; its string is freed with the reply
 * @dom: a domain
 */
void
remoteMakeDomain(remote_nonnull_domain *dest, virDomainPtr dom)
{
    dest->name = g_strdup(virDomainGetName(dom));
    virDomainGetUUID(dom, (unsigned char *)dest->uuid);
    /* (unsigned int)-1 for a domain that is not running is -1 here. */
    dest->id = (int)virDomainGetID(dom);
}


/**
 * remoteMakeDomainSnapshot:
 * @dest: the wire form to fill; its strings are freed with the reply
 * @snap: a snapshot
 */
void
remoteMakeDomainSnapshot(remote_nonnull_domain_snapshot *dest,
                         virDomainSnapshotPtr snap)
{
    dest->name = g_strdup(virDomainSnapshotGetName(snap));
    remoteMakeDomain(&dest->dom, virDomainSnapshotGetDomain(snap));
}


int
remoteDispatchConnectOpen(virNetServerClient *client,
                          const virNetMessageHeader *hdr G_GNUC_UNUSED,
                          void *argsp,
                          void *retp G_GNUC_UNUSED)
{
    remote_connect_open_args *args = argsp;
    remoteClient *priv = virNetServerClientGetPrivateData(client);
    const char *name = args->name ? *args->name : NULL;
    unsigned int flags = args->flags;
    virConnectPtr conn;

    g_mutex_lock(&priv->lock);
    if (priv->conn) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("connection already open"));
        return -1;
    }
    g_mutex_unlock(&priv->lock);

    if (priv->readonly)
        flags |= VIR_CONNECT_RO;
    /* An empty name asks the daemon for its default, as NULL does. */
    if (name && !*name)
        name = NULL;
    VIR_DEBUG("opening '%s' flags=0x%x for a client", NULLSTR(name), flags);
    if (!(conn = virConnectOpenAuth(name, NULL, flags)))
        return -1;

    g_mutex_lock(&priv->lock);
    priv->conn = conn;
    g_mutex_unlock(&priv->lock);
    return 0;
}


/* The client closes its socket after this; the hypervisor connection is
 * released with the client, after the last call in flight. */
int
remoteDispatchConnectClose(virNetServerClient *client G_GNUC_UNUSED,
                           const virNetMessageHeader *hdr G_GNUC_UNUSED,
                           void *argsp G_GNUC_UNUSED,
                           void *retp G_GNUC_UNUSED)
{
    return 0;
}


int
remoteDispatchAuthList(virNetServerClient *client G_GNUC_UNUSED,
                       const virNetMessageHeader *hdr G_GNUC_UNUSED,
                       void *argsp G_GNUC_UNUSED,
                       void *retp)
{
    remote_auth_list_ret *ret = retp;

    /* Only AUTH_NONE exists so far: file permissions on the UNIX socket
     * and the choice to listen on TCP are the access control. */
    ret->types.types_len = 1;
    ret->types.types_val = g_new0(remote_auth_type, 1);
    ret->types.types_val[0] = REMOTE_AUTH_NONE;
    return 0;
}


int
remoteDispatchConnectSupportsFeature(virNetServerClient *client,
                                     const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                     void *argsp,
                                     void *retp)
{
    remote_connect_supports_feature_args *args = argsp;
    remote_connect_supports_feature_ret *ret = retp;

    switch (args->feature) {
    case REMOTE_FEATURE_PROGRAM_KEEPALIVE:
        /* Asked before CONNECT_OPEN by clients that run an event loop;
         * from now on we ping them when they go quiet. */
        virNetServerClientStartKeepAlive(client);
        ret->supported = 1;
        return 0;
    case REMOTE_FEATURE_REMOTE_EVENT_CALLBACK:
    case REMOTE_FEATURE_REMOTE_CLOSE_CALLBACK:
        ret->supported = 1;
        return 0;
    case REMOTE_FEATURE_FD_PASSING:
        /* Descriptors travel on UNIX sockets only. */
        ret->supported = virNetServerClientIsLocal(client);
        return 0;
    default:
        /* Every other feature is the driver's; without a connection
         * libvirtd refuses to say. */
        if (!remoteClientGetConnection(client))
            return -1;
        ret->supported = 0;
        return 0;
    }
}


int
remoteDispatchConnectGetUri(virNetServerClient *client,
                            const virNetMessageHeader *hdr G_GNUC_UNUSED,
                            void *argsp G_GNUC_UNUSED,
                            void *retp)
{
    remote_connect_get_uri_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);

    if (!conn || !(ret->uri = virConnectGetURI(conn)))
        return -1;
    return 0;
}


int
remoteDispatchConnectRegisterCloseCallback(virNetServerClient *client,
                                           const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                           void *argsp G_GNUC_UNUSED,
                                           void *retp G_GNUC_UNUSED)
{
    remoteClient *priv = virNetServerClientGetPrivateData(client);

    if (!remoteClientGetConnection(client))
        return -1;
    /* Local drivers never drop a connection on their own; the flag only
     * records that the client wants CONNECT_EVENT_CONNECTION_CLOSED. */
    g_mutex_lock(&priv->lock);
    priv->closeCallback = true;
    g_mutex_unlock(&priv->lock);
    return 0;
}


int
remoteDispatchConnectUnregisterCloseCallback(virNetServerClient *client,
                                             const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                             void *argsp G_GNUC_UNUSED,
                                             void *retp G_GNUC_UNUSED)
{
    remoteClient *priv = virNetServerClientGetPrivateData(client);

    if (!remoteClientGetConnection(client))
        return -1;
    g_mutex_lock(&priv->lock);
    priv->closeCallback = false;
    g_mutex_unlock(&priv->lock);
    return 0;
}


int
remoteDispatchNodeGetInfo(virNetServerClient *client,
                          const virNetMessageHeader *hdr G_GNUC_UNUSED,
                          void *argsp G_GNUC_UNUSED,
                          void *retp)
{
    remote_node_get_info_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virNodeInfo info;

    if (!conn || virNodeGetInfo(conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = info.cpus;
    ret->mhz = info.mhz;
    ret->nodes = info.nodes;
    ret->sockets = info.sockets;
    ret->cores = info.cores;
    ret->threads = info.threads;
    return 0;
}


int
remoteDispatchNodeGetSecurityModel(virNetServerClient *client,
                                   const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                   void *argsp G_GNUC_UNUSED,
                                   void *retp)
{
    remote_node_get_security_model_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virSecurityModel model;

    memset(&model, 0, sizeof(model));
    if (!conn || virNodeGetSecurityModel(conn, &model) < 0)
        return -1;
    /* Both travel with their NUL, as libvirtd sends them. */
    ret->model.model_len = strlen(model.model) + 1;
    ret->model.model_val = g_memdup2(model.model, ret->model.model_len);
    ret->doi.doi_len = strlen(model.doi) + 1;
    ret->doi.doi_val = g_memdup2(model.doi, ret->doi.doi_len);
    return 0;
}
