/*
 * remote_connect.c: opening and closing a connection to a daemon
 *
 * The opening sequence is the one libvirt 9.0's client sends, so that
 * libvirtd and virtplugd see the same calls: AUTH_LIST (then polkit if
 * asked), the keepalive probe, CONNECT_OPEN with the URI stripped of its
 * transport, server and client-only parameters, then the event-callback
 * probe.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "remote_private.h"
#include "virerror.h"
#include "virlog.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* VIR_DRV_FEATURE_* numbers (interoperability facts). */
enum {
    REMOTE_FEATURE_PROGRAM_KEEPALIVE = 10,
    REMOTE_FEATURE_REMOTE_EVENT_CALLBACK = 14,
};

/* Query parameters the client consumes; the daemon never sees them. */
static const char *const remoteClientParams[] = {
    "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile",
    "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode",
    "proxy", "no_sanity", "no_verify", "no_tty", "authfile", NULL,
};


/**
 * remoteCall:
 * @conn: a connection of this plugin
 * @proc: a REMOTE program procedure
 * @argsFilter: XDR routine of the arguments, or NULL
 * @args: the arguments
 * @retFilter: XDR routine of the result, or NULL
 * @ret: zeroed result, released by the caller with xdr_free() on success
 *
 * Returns 0, or -1 with the daemon's error (or a transport error) set.
 */
int
remoteCall(virConnectPtr conn, int proc,
           xdrproc_t argsFilter, void *args,
           xdrproc_t retFilter, void *ret)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);

    return virNetClientCall(priv->client, REMOTE_PROGRAM,
                            REMOTE_PROTOCOL_VERSION, proc,
                            argsFilter, args, retFilter, ret);
}


/**
 * remoteMakeDomainArg:
 * @dest: wire form to fill; it borrows @dom's name
 * @dom: a domain
 */
void
remoteMakeDomainArg(remote_nonnull_domain *dest, virDomainPtr dom)
{
    dest->name = (char *)virDomainGetName(dom);
    virDomainGetUUID(dom, (unsigned char *)dest->uuid);
    dest->id = (int)virDomainGetID(dom);
}


/**
 * remoteMakeDomainSnapshotArg:
 * @dest: wire form to fill; it borrows the names
 * @snap: a snapshot
 */
void
remoteMakeDomainSnapshotArg(remote_nonnull_domain_snapshot *dest,
                            virDomainSnapshotPtr snap)
{
    dest->name = (char *)virDomainSnapshotGetName(snap);
    remoteMakeDomainArg(&dest->dom, virDomainSnapshotGetDomain(snap));
}


/**
 * remoteDomainFromWire:
 * @conn: the connection
 * @dom: a domain as the daemon named it
 *
 * Returns a new domain object, or NULL with an error set.
 */
virDomainPtr
remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *dom)
{
    return virGetDomain(conn, dom->name, (const unsigned char *)dom->uuid,
                        dom->id);
}


/**
 * remoteDomainSnapshotFromWire:
 * @conn: the connection
 * @snap: a snapshot as the daemon named it
 *
 * Returns a new snapshot object, or NULL with an error set.
 */
virDomainSnapshotPtr
remoteDomainSnapshotFromWire(virConnectPtr conn,
                             const remote_nonnull_domain_snapshot *snap)
{
    virDomainPtr dom = remoteDomainFromWire(conn, &snap->dom);
    virDomainSnapshotPtr ret;

    if (!dom)
        return NULL;
    ret = virGetDomainSnapshot(dom, snap->name);
    virDomainFree(dom);
    return ret;
}


/**
 * remoteInternString:
 * @conn: the connection
 * @str: the daemon's answer to CONNECT_GET_TYPE
 *
 * Returns a copy that lives as long as @conn, for the API that returns
 * a const string.
 */
const char *
remoteInternString(virConnectPtr conn, const char *str)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);
    const char *ret;

    g_mutex_lock(&priv->lock);
    if (STRNEQ_NULLABLE(priv->type, str)) {
        g_free(priv->type);
        priv->type = g_strdup(str);
    }
    ret = priv->type;
    g_mutex_unlock(&priv->lock);
    return ret;
}


/* libvirt's choice of socket for a URI without socket=. */
static char *
remoteDefaultSocket(const virURI *uri, unsigned int flags)
{
    const char *runtime = g_getenv("XDG_RUNTIME_DIR");
    g_autofree char *scheme = virURIGetDriverScheme(uri);
    bool session = uri->path && STREQ(uri->path, "/session");

    if (geteuid() == 0 || (!session && STRNEQ(scheme, "test"))) {
        if (flags & VIR_CONNECT_RO)
            return g_strdup(RUNSTATEDIR "/libvirt/libvirt-sock-ro");
        return g_strdup(RUNSTATEDIR "/libvirt/libvirt-sock");
    }
    if (runtime && *runtime)
        return g_build_filename(runtime, "libvirt", "libvirt-sock", NULL);
    return g_build_filename(g_get_home_dir(), ".cache", "libvirt",
                            "libvirt-sock", NULL);
}


/* The name sent in CONNECT_OPEN: "test:///default?x=y" for
 * "test+unix:///default?socket=S&x=y"; "" for a "remote" URI, which asks
 * the daemon for its default. */
static char *
remoteOpenName(const virURI *uri)
{
    g_autofree char *scheme = virURIGetDriverScheme(uri);
    g_autoptr(GString) name = NULL;
    const char *override = virURIGetParam(uri, "name");
    size_t i;
    bool first = true;

    if (override)
        return g_strdup(override);
    if (STREQ(scheme, "remote"))
        return g_strdup("");
    name = g_string_new(scheme);
    g_string_append(name, "://");
    if (uri->path)
        g_string_append(name, uri->path);
    for (i = 0; i < uri->paramsCount; i++) {
        const virURIParam *p = &uri->params[i];
        g_autofree char *value = NULL;

        if (g_strv_contains(remoteClientParams, p->name))
            continue;
        value = g_uri_escape_string(p->value ? p->value : "", NULL, FALSE);
        g_string_append_printf(name, "%s%s=%s", first ? "?" : "&", p->name, value);
        first = false;
    }
    return g_string_free(g_steal_pointer(&name), FALSE);
}


static bool
remoteParamTrue(const virURI *uri, const char *name)
{
    const char *value = virURIGetParam(uri, name);

    return value && STRNEQ(value, "0");
}


static virNetSocket *
remoteConnectTLS(const virURI *uri)
{
    g_autofree char *port = uri->port > 0 ? g_strdup_printf("%d", uri->port) :
                                            g_strdup("16514");
    const char *host = uri->server ? uri->server : "localhost";
    g_auto(virNetTLSFiles) files = { 0 };
    g_autoptr(virNetTLSContext) ctx = NULL;
    g_autoptr(virNetSocket) sock = NULL;

    virNetTLSFilesForClient(virURIGetParam(uri, "pkipath"), &files);
    if (!(ctx = virNetTLSContextNew(&files, false,
                                    !remoteParamTrue(uri, "no_verify"),
                                    virURIGetParam(uri, "tls_priority"))))
        return NULL;
    if (!(sock = virNetSocketNewConnectTCP(host, port)) ||
        virNetSocketStartTLSClient(sock, ctx, host) < 0)
        return NULL;
    return g_steal_pointer(&sock);
}


/* The command run on the server for +ssh, as libvirt's client builds it
 * in netcat mode: our helper or libvirt's when installed there, else
 * "nc -U" on the daemon's socket (with -q0 where nc knows it). */
static char *
remoteSSHCommand(const virURI *uri, unsigned int flags)
{
    const char *netcat = virURIGetParam(uri, "netcat");
    const char *socketParam = virURIGetParam(uri, "socket");
    const char *proxy = virURIGetParam(uri, "proxy");
    g_autofree char *path = socketParam ? g_strdup(socketParam) :
                                          remoteDefaultSocket(uri, flags);
    g_autofree char *name = remoteOpenName(uri);
    g_autofree char *qname = g_shell_quote(name);
    g_autofree char *qpath = g_shell_quote(path);
    g_autofree char *qnc = g_shell_quote(netcat ? netcat : "nc");
    g_autofree char *nc = g_strdup_printf(
        "if %s -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; "
        "then ARG=-q0; else ARG=; fi; %s $ARG -U %s", qnc, qnc, qpath);
    const char *ro = (flags & VIR_CONNECT_RO) ? "-r " : "";

    if (socketParam || netcat || STREQ_NULLABLE(proxy, "netcat"))
        return g_steal_pointer(&nc);
    return g_strdup_printf(
        "if which virtplug-ssh-helper >/dev/null 2>&1; then "
        "virtplug-ssh-helper %1$s%2$s; "
        "elif which virt-ssh-helper >/dev/null 2>&1; then "
        "virt-ssh-helper %1$s%2$s; else %3$s; fi", ro, qname, nc);
}


static virNetSocket *
remoteConnectSSH(const virURI *uri, unsigned int flags)
{
    const char *command = virURIGetParam(uri, "command");
    const char *keyfile = virURIGetParam(uri, "keyfile");
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *remote = remoteSSHCommand(uri, flags);

    g_ptr_array_add(argv, g_strdup(command ? command : "ssh"));
    if (uri->port > 0) {
        g_ptr_array_add(argv, g_strdup("-p"));
        g_ptr_array_add(argv, g_strdup_printf("%d", uri->port));
    }
    if (uri->user) {
        g_ptr_array_add(argv, g_strdup("-l"));
        g_ptr_array_add(argv, g_strdup(uri->user));
    }
    if (keyfile) {
        g_ptr_array_add(argv, g_strdup("-i"));
        g_ptr_array_add(argv, g_strdup(keyfile));
    }
    g_ptr_array_add(argv, g_strdup("-T"));
    g_ptr_array_add(argv, g_strdup("-e"));
    g_ptr_array_add(argv, g_strdup("none"));
    if (remoteParamTrue(uri, "no_tty")) {
        g_ptr_array_add(argv, g_strdup("-o"));
        g_ptr_array_add(argv, g_strdup("BatchMode=yes"));
    }
    if (remoteParamTrue(uri, "no_verify")) {
        g_ptr_array_add(argv, g_strdup("-o"));
        g_ptr_array_add(argv, g_strdup("StrictHostKeyChecking=no"));
    }
    g_ptr_array_add(argv, g_strdup("--"));
    g_ptr_array_add(argv, g_strdup(uri->server ? uri->server : "localhost"));
    g_ptr_array_add(argv, g_strdup("sh"));
    g_ptr_array_add(argv, g_strdup("-c"));
    g_ptr_array_add(argv, g_shell_quote(remote));
    g_ptr_array_add(argv, NULL);
    return virNetSocketNewConnectCommand((const char *const *)argv->pdata);
}


static virNetSocket *
remoteConnectExt(const virURI *uri)
{
    const char *command = virURIGetParam(uri, "command");
    const char *argv[] = { command, NULL };

    if (!command) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("remote command is required for ext transport"));
        return NULL;
    }
    return virNetSocketNewConnectCommand(argv);
}


static virNetSocket *
remoteConnectSocket(const virURI *uri, unsigned int flags, bool *declined)
{
    g_autofree char *transport = virURIGetTransport(uri);
    const char *socketParam = virURIGetParam(uri, "socket");

    *declined = false;
    if (!transport) {
        if (uri->server) {
            transport = g_strdup("tls");
        } else if (g_getenv("VIRTPLUG_INSIDE_DAEMON")) {
            /* The daemon serving a client must not call itself. */
            *declined = true;
            return NULL;
        } else {
            transport = g_strdup("unix");
        }
    }

    if (STREQ(transport, "unix")) {
        g_autofree char *path = NULL;

        if (uri->server) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("using unix socket and remote server is not supported."));
            return NULL;
        }
        path = socketParam ? g_strdup(socketParam) :
                             remoteDefaultSocket(uri, flags);
        return virNetSocketNewConnectUNIX(path);
    }
    if (STREQ(transport, "tcp")) {
        g_autofree char *port = uri->port > 0 ? g_strdup_printf("%d", uri->port) :
                                                g_strdup("16509");

        return virNetSocketNewConnectTCP(uri->server ? uri->server : "localhost",
                                         port);
    }
    if (STREQ(transport, "tls"))
        return remoteConnectTLS(uri);
    if (STREQ(transport, "ssh"))
        return remoteConnectSSH(uri, flags);
    if (STREQ(transport, "ext"))
        return remoteConnectExt(uri);
    virReportError(VIR_ERR_INVALID_ARG,
                   _("transport in URL not recognised (should be tls|unix|ssh|ext|tcp): %1$s"),
                   transport);
    return NULL;
}


static int
remoteAuthenticate(virConnectPtr conn)
{
    remote_auth_list_ret list;
    remote_auth_polkit_ret polkit;
    int type;

    memset(&list, 0, sizeof(list));
    if (remoteCall(conn, REMOTE_PROC_AUTH_LIST, NULL, NULL,
                   VIR_XDRPROC(xdr_remote_auth_list_ret), &list) < 0) {
        /* An old daemon without AUTH_LIST needs no authentication. */
        if (virGetLastErrorCode() == VIR_ERR_NO_SUPPORT) {
            virResetLastError();
            return 0;
        }
        return -1;
    }
    type = list.types.types_len > 0 ? list.types.types_val[0] : REMOTE_AUTH_NONE;
    xdr_free(VIR_XDRPROC(xdr_remote_auth_list_ret), (char *)&list);

    switch (type) {
    case REMOTE_AUTH_NONE:
        return 0;
    case REMOTE_AUTH_POLKIT:
        memset(&polkit, 0, sizeof(polkit));
        if (remoteCall(conn, REMOTE_PROC_AUTH_POLKIT, NULL, NULL,
                       VIR_XDRPROC(xdr_remote_auth_polkit_ret), &polkit) < 0)
            return -1;
        return 0;
    default:
        virReportError(VIR_ERR_AUTH_FAILED,
                       _("unsupported authentication type %1$d"), type);
        return -1;
    }
}


static int
remoteProbeFeature(virConnectPtr conn, int feature)
{
    remote_connect_supports_feature_args args = { .feature = feature };
    remote_connect_supports_feature_ret ret = { 0 };

    /* An error means "no", as for libvirt's client. */
    if (remoteCall(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                   VIR_XDRPROC(xdr_remote_connect_supports_feature_args), &args,
                   VIR_XDRPROC(xdr_remote_connect_supports_feature_ret), &ret) < 0) {
        virResetLastError();
        return 0;
    }
    return ret.supported;
}


static void
remotePrivateFree(remotePrivate *priv)
{
    if (!priv)
        return;
    if (priv->client) {
        virNetClientClose(priv->client);
        virNetClientUnref(priv->client);
    }
    virObjectEventStateUnref(priv->eventState);
    if (priv->localEvents)
        g_hash_table_unref(priv->localEvents);
    g_free(priv->type);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}


/**
 * remoteConnectOpen:
 * @conn: the connection being opened; its URI has a transport or a
 *        server, or no local plugin serves its scheme
 * @auth: unused: only "none" and polkit authentication exist so far
 * @flags: VIR_CONNECT_RO ...
 *
 * Returns VIR_DRV_OPEN_SUCCESS, VIR_DRV_OPEN_DECLINED inside the daemon
 * for a URI that names no server, or VIR_DRV_OPEN_ERROR with an error.
 */
virDrvOpenStatus
remoteConnectOpen(virConnectPtr conn,
                  virConnectAuthPtr auth G_GNUC_UNUSED,
                  unsigned int flags)
{
    const virURI *uri = virConnectGetParsedURI(conn);
    remote_connect_open_args args;
    g_autofree char *name = NULL;
    remotePrivate *priv;
    virNetSocket *sock;
    bool declined;
    size_t i;

    if (!(sock = remoteConnectSocket(uri, flags, &declined)))
        return declined ? VIR_DRV_OPEN_DECLINED : VIR_DRV_OPEN_ERROR;

    priv = g_new0(remotePrivate, 1);
    g_mutex_init(&priv->lock);
    for (i = 0; i < REMOTE_DOMAIN_EVENT_ID_COUNT; i++)
        priv->serverCallbackID[i] = -1;
    priv->localEvents = g_hash_table_new(g_direct_hash, g_direct_equal);
    priv->eventState = virObjectEventStateNew();
    priv->client = virNetClientNew(sock);
    virNetClientSetEventHandler(priv->client, remoteEventDispatch, priv);
    virConnectSetPrivateData(conn, priv);
    if (virNetClientStart(priv->client) < 0 || remoteAuthenticate(conn) < 0)
        goto error;

    priv->keepalive = remoteProbeFeature(conn, REMOTE_FEATURE_PROGRAM_KEEPALIVE);

    name = remoteOpenName(uri);
    memset(&args, 0, sizeof(args));
    args.name = &name;
    args.flags = flags & VIR_CONNECT_RO;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_OPEN,
                   VIR_XDRPROC(xdr_remote_connect_open_args), &args,
                   NULL, NULL) < 0)
        goto error;

    priv->eventCallbacks =
        remoteProbeFeature(conn, REMOTE_FEATURE_REMOTE_EVENT_CALLBACK);
    return VIR_DRV_OPEN_SUCCESS;

 error:
    {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        virConnectSetPrivateData(conn, NULL);
        remotePrivateFree(priv);
        virErrorRestore(&saved);
    }
    return VIR_DRV_OPEN_ERROR;
}


/**
 * remoteConnectClose:
 * @conn: a connection of this plugin
 *
 * Sends CONNECT_CLOSE and drops the transport.
 *
 * Returns 0, or -1 if the daemon refused the close (the transport is
 * dropped anyway).
 */
int
remoteConnectClose(virConnectPtr conn)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);
    int ret = 0;

    if (virNetClientIsOpen(priv->client) &&
        remoteCall(conn, REMOTE_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL) < 0)
        ret = -1;
    virConnectSetPrivateData(conn, NULL);
    remotePrivateFree(priv);
    return ret;
}


/**
 * remoteConnectIsAlive:
 * @conn: a connection of this plugin
 *
 * Returns 1 while the transport is up, 0 after it died.
 */
int
remoteConnectIsAlive(virConnectPtr conn)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);

    return virNetClientIsOpen(priv->client) ? 1 : 0;
}


/**
 * remoteConnectIsEncrypted:
 * @conn: a connection of this plugin
 *
 * Returns 1 over TLS, 0 otherwise (as libvirt, which does not count
 * ssh: the encryption is not its own).
 */
int
remoteConnectIsEncrypted(virConnectPtr conn)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);

    return virNetClientIsEncrypted(priv->client) ? 1 : 0;
}


/**
 * remoteConnectSetKeepAlive:
 * @conn: a connection of this plugin
 * @interval: seconds of silence before a PING; <= 0 disables
 * @count: unanswered PINGs before the connection is closed
 *
 * Returns 0, or 1 when the daemon does not speak keepalive (libvirt's
 * answer then).
 */
int
remoteConnectSetKeepAlive(virConnectPtr conn, int interval,
                          unsigned int count)
{
    remotePrivate *priv = virConnectGetPrivateData(conn);

    if (!priv->keepalive)
        return 1;
    virNetClientSetKeepAlive(priv->client, interval, count);
    return 0;
}
