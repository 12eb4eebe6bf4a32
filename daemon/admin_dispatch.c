/*
 * admin_dispatch.c: libvirt's ADMIN program, as virt-admin uses it
 *
 * Servers are found by name and clients by (server, id), as libvirtd
 * does; a client's transport and connection time travel in its handle,
 * the rest of its identity comes from CLIENT_GET_INFO.  Procedures not
 * in the table below (changing thread pools, limits, logging or TLS
 * files) get the "unknown procedure" reply, which libvirt's admin
 * library turns into VIR_ERR_NO_SUPPORT.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "internal.h"
#include "admin_dispatch.h"
#include "admin_protocol.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_ADMIN

/* libvirt-admin.h's parameter names, interoperability facts. */
#define ADMIN_WORKERS_MIN "minWorkers"
#define ADMIN_WORKERS_MAX "maxWorkers"
#define ADMIN_WORKERS_PRIORITY "prioWorkers"
#define ADMIN_WORKERS_FREE "freeWorkers"
#define ADMIN_WORKERS_CURRENT "nWorkers"
#define ADMIN_JOB_QUEUE_DEPTH "jobQueueDepth"
#define ADMIN_CLIENTS_MAX "nclients_max"
#define ADMIN_CLIENTS_CURRENT "nclients"
#define ADMIN_CLIENTS_UNAUTH_MAX "nclients_unauth_max"
#define ADMIN_CLIENTS_UNAUTH_CURRENT "nclients_unauth"
#define ADMIN_INFO_READONLY "readonly"
#define ADMIN_INFO_SOCKET_ADDR "sock_addr"
#define ADMIN_INFO_UNIX_USER_ID "unix_user_id"
#define ADMIN_INFO_UNIX_USER_NAME "unix_user_name"
#define ADMIN_INFO_UNIX_GROUP_ID "unix_group_id"
#define ADMIN_INFO_UNIX_GROUP_NAME "unix_group_name"
#define ADMIN_INFO_UNIX_PROCESS_ID "unix_process_id"


/**
 * adminClientInit:
 * @client: a client of the admin socket, just accepted
 * @opaque: the daemon's virtplugdAdmin
 *
 * Refuses a peer whose user is not the daemon's, as libvirtd's admin
 * server does: the socket's permissions may be wider than that.
 *
 * Returns 0, or -1 with an error set (the client is then dropped).
 */
int
adminClientInit(virNetServerClient *client, void *opaque)
{
    uid_t uid;
    gid_t gid;
    pid_t pid;

    if (virNetSocketGetUNIXIdentity(virNetServerClientGetSocket(client),
                                    &uid, &gid, &pid) < 0)
        return -1;
    if (uid != geteuid()) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("admin client with uid %1$llu refused: the daemon runs as uid %2$llu"),
                       (unsigned long long)uid,
                       (unsigned long long)geteuid());
        return -1;
    }
    virNetServerClientSetPrivateData(client, opaque, NULL);
    return 0;
}


static virtplugdAdmin *
adminGetState(virNetServerClient *client)
{
    return virNetServerClientGetPrivateData(client);
}


static virtplugdAdminServer *
adminLookupServer(virtplugdAdmin *admin, const char *name)
{
    size_t i;

    for (i = 0; i < admin->nservers; i++) {
        if (STREQ(admin->servers[i].name, name))
            return &admin->servers[i];
    }
    virReportError(VIR_ERR_NO_SERVER, _("No server named '%1$s'"), name);
    return NULL;
}


/* A new reference on client @id of @srv, or NULL with libvirtd's error. */
static virNetServerClient *
adminLookupClient(virNetServer *srv, unsigned long long id)
{
    g_autoptr(GPtrArray) clients = virNetServerListClients(srv);
    size_t i;

    for (i = 0; i < clients->len; i++) {
        virNetServerClient *client = clients->pdata[i];

        if (virNetServerClientGetID(client) == id) {
            virNetServerClientRef(client);
            return client;
        }
    }
    virReportError(VIR_ERR_NO_CLIENT, _("No client with matching ID '%1$llu'"),
                   id);
    return NULL;
}


static void
adminMakeClient(admin_nonnull_client *dest, const char *srvName,
                virNetServerClient *client)
{
    dest->srv.name = g_strdup(srvName);
    dest->id = virNetServerClientGetID(client);
    dest->timestamp = virNetServerClientGetTimestamp(client);
    dest->transport = virNetServerClientGetTransport(client);
}


/* ---- typed parameters ---- */

static admin_typed_param *
adminParamAdd(GArray *params, const char *field, int type)
{
    admin_typed_param param = { 0 };

    param.field = g_strdup(field);
    param.value.type = type;
    g_array_append_val(params, param);
    return &g_array_index(params, admin_typed_param, params->len - 1);
}


static void
adminParamAddUInt(GArray *params, const char *field, unsigned int value)
{
    adminParamAdd(params, field, ADMIN_PARAM_UINT)->value.admin_typed_param_value_u.ui = value;
}


static void
adminParamAddInt(GArray *params, const char *field, int value)
{
    adminParamAdd(params, field, ADMIN_PARAM_INT)->value.admin_typed_param_value_u.i = value;
}


static void
adminParamAddBool(GArray *params, const char *field, bool value)
{
    adminParamAdd(params, field, ADMIN_PARAM_BOOLEAN)->value.admin_typed_param_value_u.b = value;
}


static void
adminParamAddString(GArray *params, const char *field, const char *value)
{
    adminParamAdd(params, field, ADMIN_PARAM_STRING)->value.admin_typed_param_value_u.s = g_strdup(value);
}


/* Hand @params over to an XDR result array. */
static admin_typed_param *
adminParamSteal(GArray *params, u_int *len)
{
    *len = params->len;
    return (admin_typed_param *)(void *)g_array_free(params, FALSE);
}


/* ---- connection ---- */

static int
adminDispatchConnectOpen(virNetServerClient *client G_GNUC_UNUSED,
                         const virNetMessageHeader *hdr G_GNUC_UNUSED,
                         void *args, void *ret G_GNUC_UNUSED)
{
    admin_connect_open_args *a = args;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    return 0;
}


static int
adminDispatchConnectClose(virNetServerClient *client G_GNUC_UNUSED,
                          const virNetMessageHeader *hdr G_GNUC_UNUSED,
                          void *args G_GNUC_UNUSED, void *ret G_GNUC_UNUSED)
{
    return 0;
}


static int
adminDispatchConnectGetLibVersion(virNetServerClient *client G_GNUC_UNUSED,
                                  const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                  void *args G_GNUC_UNUSED, void *ret)
{
    admin_connect_get_lib_version_ret *r = ret;
    unsigned long libVer = 0;

    if (virGetVersion(&libVer, NULL, NULL) < 0)
        return -1;
    r->libVer = libVer;
    return 0;
}


/* ---- servers ---- */

static int
adminDispatchConnectListServers(virNetServerClient *client,
                                const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                void *args, void *ret)
{
    virtplugdAdmin *admin = adminGetState(client);
    admin_connect_list_servers_args *a = args;
    admin_connect_list_servers_ret *r = ret;
    size_t n = a->need_results ? admin->nservers : 0;
    size_t i;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    r->servers.servers_val = g_new0(admin_nonnull_server, MAX(n, 1));
    for (i = 0; i < n; i++)
        r->servers.servers_val[i].name = g_strdup(admin->servers[i].name);
    r->servers.servers_len = n;
    r->ret = admin->nservers;
    return 0;
}


static int
adminDispatchConnectLookupServer(virNetServerClient *client,
                                 const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                 void *args, void *ret)
{
    admin_connect_lookup_server_args *a = args;
    admin_connect_lookup_server_ret *r = ret;
    virtplugdAdminServer *server;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->name)))
        return -1;
    r->srv.name = g_strdup(server->name);
    return 0;
}


static int
adminDispatchServerGetThreadpoolParameters(virNetServerClient *client,
                                           const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                           void *args, void *ret)
{
    admin_server_get_threadpool_parameters_args *a = args;
    admin_server_get_threadpool_parameters_ret *r = ret;
    GArray *params;
    virtplugdAdminServer *server;
    virNetServerWorkerStats stats;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->srv.name)))
        return -1;
    virNetServerGetWorkerStats(server->srv, &stats);

    /* Worker threads start on demand, hence no minimum; there is no
     * separate pool for high-priority calls. */
    params = g_array_new(FALSE, TRUE, sizeof(admin_typed_param));
    adminParamAddUInt(params, ADMIN_WORKERS_MIN, 0);
    adminParamAddUInt(params, ADMIN_WORKERS_MAX, stats.maxWorkers);
    adminParamAddUInt(params, ADMIN_WORKERS_CURRENT, stats.workers);
    adminParamAddUInt(params, ADMIN_WORKERS_FREE,
                      stats.workers > stats.busyWorkers ?
                      stats.workers - stats.busyWorkers : 0);
    adminParamAddUInt(params, ADMIN_WORKERS_PRIORITY, 0);
    adminParamAddUInt(params, ADMIN_JOB_QUEUE_DEPTH, stats.queuedJobs);
    r->params.params_val = adminParamSteal(params, &r->params.params_len);
    return 0;
}


static int
adminDispatchServerGetClientLimits(virNetServerClient *client,
                                   const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                   void *args, void *ret)
{
    virtplugdAdmin *admin = adminGetState(client);
    admin_server_get_client_limits_args *a = args;
    admin_server_get_client_limits_ret *r = ret;
    virtplugdAdminServer *server;
    GArray *params;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(admin, a->srv.name)))
        return -1;

    params = g_array_new(FALSE, TRUE, sizeof(admin_typed_param));
    adminParamAddUInt(params, ADMIN_CLIENTS_MAX,
                      virNetServerGetConfig(server->srv)->maxClients);
    adminParamAddUInt(params, ADMIN_CLIENTS_CURRENT,
                      virNetServerClientCount(server->srv));
    adminParamAddUInt(params, ADMIN_CLIENTS_UNAUTH_MAX,
                      admin->maxAnonymousClients);
    /* Every socket is auth "none": a client is authenticated at once. */
    adminParamAddUInt(params, ADMIN_CLIENTS_UNAUTH_CURRENT, 0);
    r->params.params_val = adminParamSteal(params, &r->params.params_len);
    return 0;
}


/* ---- clients ---- */

static int
adminDispatchServerListClients(virNetServerClient *client,
                               const virNetMessageHeader *hdr G_GNUC_UNUSED,
                               void *args, void *ret)
{
    admin_server_list_clients_args *a = args;
    admin_server_list_clients_ret *r = ret;
    g_autoptr(GPtrArray) clients = NULL;
    virtplugdAdminServer *server;
    size_t n;
    size_t i;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->srv.name)))
        return -1;

    clients = virNetServerListClients(server->srv);
    n = a->need_results ? MIN(clients->len, ADMIN_CLIENT_LIST_MAX) : 0;
    r->clients.clients_val = g_new0(admin_nonnull_client, MAX(n, 1));
    for (i = 0; i < n; i++)
        adminMakeClient(&r->clients.clients_val[i], server->name,
                        clients->pdata[i]);
    r->clients.clients_len = n;
    r->ret = clients->len;
    return 0;
}


static int
adminDispatchServerLookupClient(virNetServerClient *client,
                                const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                void *args, void *ret)
{
    admin_server_lookup_client_args *a = args;
    admin_server_lookup_client_ret *r = ret;
    virtplugdAdminServer *server;
    virNetServerClient *found;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->srv.name)) ||
        !(found = adminLookupClient(server->srv, a->id)))
        return -1;
    adminMakeClient(&r->clnt, server->name, found);
    virNetServerClientUnref(found);
    return 0;
}


static void
adminClientInfoUNIX(GArray *params, virNetSocket *sock)
{
    uid_t uid;
    gid_t gid;
    pid_t pid;
    struct passwd pwbuf;
    struct passwd *pw = NULL;
    struct group grbuf;
    struct group *gr = NULL;
    char buf[4096];

    if (virNetSocketGetUNIXIdentity(sock, &uid, &gid, &pid) < 0) {
        virResetLastError();
        return;
    }
    /* The _r forms: admin calls run on several workers at once. */
    adminParamAddInt(params, ADMIN_INFO_UNIX_USER_ID, uid);
    if (getpwuid_r(uid, &pwbuf, buf, sizeof(buf), &pw) == 0 && pw)
        adminParamAddString(params, ADMIN_INFO_UNIX_USER_NAME, pw->pw_name);
    adminParamAddInt(params, ADMIN_INFO_UNIX_GROUP_ID, gid);
    if (getgrgid_r(gid, &grbuf, buf, sizeof(buf), &gr) == 0 && gr)
        adminParamAddString(params, ADMIN_INFO_UNIX_GROUP_NAME, gr->gr_name);
    adminParamAddInt(params, ADMIN_INFO_UNIX_PROCESS_ID, pid);
}


/* libvirt's "ADDRESS;PORT" form of a TCP peer. */
static void
adminClientInfoTCP(GArray *params, virNetSocket *sock)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char host[INET6_ADDRSTRLEN] = "";
    unsigned int port = 0;
    g_autofree char *addr = NULL;

    if (getpeername(virNetSocketGetFD(sock), (struct sockaddr *)&ss, &len) < 0)
        return;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *)&ss;

        inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        port = ntohs(in->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
        port = ntohs(in6->sin6_port);
    } else {
        return;
    }
    addr = g_strdup_printf("%s;%u", host, port);
    adminParamAddString(params, ADMIN_INFO_SOCKET_ADDR, addr);
}


static int
adminDispatchClientGetInfo(virNetServerClient *client,
                           const virNetMessageHeader *hdr G_GNUC_UNUSED,
                           void *args, void *ret)
{
    admin_client_get_info_args *a = args;
    admin_client_get_info_ret *r = ret;
    virtplugdAdminServer *server;
    virNetServerClient *found;
    virNetSocket *sock;
    GArray *params;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->clnt.srv.name)) ||
        !(found = adminLookupClient(server->srv, a->clnt.id)))
        return -1;

    sock = virNetServerClientGetSocket(found);
    params = g_array_new(FALSE, TRUE, sizeof(admin_typed_param));
    adminParamAddBool(params, ADMIN_INFO_READONLY,
                      virNetServerClientIsReadonly(found));
    if (virNetServerClientGetTransport(found) == VIR_NET_SERVER_TRANSPORT_UNIX)
        adminClientInfoUNIX(params, sock);
    else
        adminClientInfoTCP(params, sock);
    r->params.params_val = adminParamSteal(params, &r->params.params_len);
    virNetServerClientUnref(found);
    return 0;
}


static gboolean
adminCloseClientIdle(gpointer opaque)
{
    virNetServerClientClose(opaque);
    return G_SOURCE_REMOVE;
}


static int
adminDispatchClientClose(virNetServerClient *client,
                         const virNetMessageHeader *hdr G_GNUC_UNUSED,
                         void *args, void *ret G_GNUC_UNUSED)
{
    admin_client_close_args *a = args;
    virtplugdAdminServer *server;
    virNetServerClient *found;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!(server = adminLookupServer(adminGetState(client), a->clnt.srv.name)) ||
        !(found = adminLookupClient(server->srv, a->clnt.id)))
        return -1;
    /* Clients are closed from the main context; the idle source owns
     * the reference. */
    g_idle_add_full(G_PRIORITY_DEFAULT, adminCloseClientIdle, found,
                    (GDestroyNotify)virNetServerClientUnref);
    return 0;
}


/* ---- daemon ---- */

/* The daemon logs to stderr only, at the priority and with the filters
 * that util/virlog.c reads from the environment. */
static const char *
adminLogEnv(const char *name, const char *fallback)
{
    const char *value = g_getenv(name);

    if (!value || !*value)
        value = g_getenv(fallback);
    return value && *value ? value : NULL;
}


static int
adminDispatchConnectGetLoggingOutputs(virNetServerClient *client G_GNUC_UNUSED,
                                      const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                      void *args, void *ret)
{
    admin_connect_get_logging_outputs_args *a = args;
    admin_connect_get_logging_outputs_ret *r = ret;
    const char *level = adminLogEnv("VIRTPLUG_DEBUG", "LIBVIRT_DEBUG");

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (level && level[0] >= '1' && level[0] <= '4' && !level[1]) {
        r->outputs = g_strdup_printf("%c:stderr", level[0]);
        r->noutputs = 1;
    } else {
        r->outputs = g_strdup("");
        r->noutputs = 0;
    }
    return 0;
}


static int
adminDispatchConnectGetLoggingFilters(virNetServerClient *client G_GNUC_UNUSED,
                                      const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                      void *args, void *ret)
{
    admin_connect_get_logging_filters_args *a = args;
    admin_connect_get_logging_filters_ret *r = ret;
    const char *filters = adminLogEnv("VIRTPLUG_LOG_FILTERS",
                                      "LIBVIRT_LOG_FILTERS");
    g_auto(GStrv) tokens = NULL;
    size_t i;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (!filters)
        return 0;
    tokens = g_strsplit_set(filters, " \t\n", -1);
    for (i = 0; tokens[i]; i++) {
        if (*tokens[i])
            r->nfilters++;
    }
    r->filters = g_new0(admin_nonnull_string, 1);
    *r->filters = g_strdup(filters);
    return 0;
}


static int
adminDispatchConnectSetDaemonTimeout(virNetServerClient *client,
                                     const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                     void *args, void *ret G_GNUC_UNUSED)
{
    virtplugdAdmin *admin = adminGetState(client);
    admin_connect_set_daemon_timeout_args *a = args;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    if (a->timeout > G_MAXINT) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("daemon timeout %1$u is out of range"), a->timeout);
        return -1;
    }
    admin->setTimeout(a->timeout, admin->opaque);
    return 0;
}


#define ADMIN_PROC(func, args, ret) \
    { func, \
      VIR_XDRPROC(xdr_ ## args), sizeof(args), \
      VIR_XDRPROC(xdr_ ## ret), sizeof(ret) }
#define ADMIN_PROC_NOARGS(func, ret) \
    { func, NULL, 0, VIR_XDRPROC(xdr_ ## ret), sizeof(ret) }
#define ADMIN_PROC_NORET(func, args) \
    { func, VIR_XDRPROC(xdr_ ## args), sizeof(args), NULL, 0 }

static const virNetServerProcedure adminProcedures[] = {
    [ADMIN_PROC_CONNECT_OPEN] =
        ADMIN_PROC_NORET(adminDispatchConnectOpen, admin_connect_open_args),
    [ADMIN_PROC_CONNECT_CLOSE] = { adminDispatchConnectClose, NULL, 0, NULL, 0 },
    [ADMIN_PROC_CONNECT_GET_LIB_VERSION] =
        ADMIN_PROC_NOARGS(adminDispatchConnectGetLibVersion,
                          admin_connect_get_lib_version_ret),
    [ADMIN_PROC_CONNECT_LIST_SERVERS] =
        ADMIN_PROC(adminDispatchConnectListServers,
                   admin_connect_list_servers_args,
                   admin_connect_list_servers_ret),
    [ADMIN_PROC_CONNECT_LOOKUP_SERVER] =
        ADMIN_PROC(adminDispatchConnectLookupServer,
                   admin_connect_lookup_server_args,
                   admin_connect_lookup_server_ret),
    [ADMIN_PROC_SERVER_GET_THREADPOOL_PARAMETERS] =
        ADMIN_PROC(adminDispatchServerGetThreadpoolParameters,
                   admin_server_get_threadpool_parameters_args,
                   admin_server_get_threadpool_parameters_ret),
    [ADMIN_PROC_SERVER_LIST_CLIENTS] =
        ADMIN_PROC(adminDispatchServerListClients,
                   admin_server_list_clients_args,
                   admin_server_list_clients_ret),
    [ADMIN_PROC_SERVER_LOOKUP_CLIENT] =
        ADMIN_PROC(adminDispatchServerLookupClient,
                   admin_server_lookup_client_args,
                   admin_server_lookup_client_ret),
    [ADMIN_PROC_CLIENT_GET_INFO] =
        ADMIN_PROC(adminDispatchClientGetInfo,
                   admin_client_get_info_args,
                   admin_client_get_info_ret),
    [ADMIN_PROC_CLIENT_CLOSE] =
        ADMIN_PROC_NORET(adminDispatchClientClose, admin_client_close_args),
    [ADMIN_PROC_SERVER_GET_CLIENT_LIMITS] =
        ADMIN_PROC(adminDispatchServerGetClientLimits,
                   admin_server_get_client_limits_args,
                   admin_server_get_client_limits_ret),
    [ADMIN_PROC_CONNECT_GET_LOGGING_OUTPUTS] =
        ADMIN_PROC(adminDispatchConnectGetLoggingOutputs,
                   admin_connect_get_logging_outputs_args,
                   admin_connect_get_logging_outputs_ret),
    [ADMIN_PROC_CONNECT_GET_LOGGING_FILTERS] =
        ADMIN_PROC(adminDispatchConnectGetLoggingFilters,
                   admin_connect_get_logging_filters_args,
                   admin_connect_get_logging_filters_ret),
    [ADMIN_PROC_CONNECT_SET_DAEMON_TIMEOUT] =
        ADMIN_PROC_NORET(adminDispatchConnectSetDaemonTimeout,
                         admin_connect_set_daemon_timeout_args),
};

const virNetServerProgram adminProgram = {
    .prog = ADMIN_PROGRAM,
    .vers = ADMIN_PROTOCOL_VERSION,
    .procs = adminProcedures,
    .nprocs = G_N_ELEMENTS(adminProcedures),
};
