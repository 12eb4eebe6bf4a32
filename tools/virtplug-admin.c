/*
 * virtplug-admin.c: ask a running virtplugd what it serves
 *
 * Speaks to the daemon's admin socket with the daemon's RPC client:
 * libvirt's ADMIN program for servers and clients, virtplug's own
 * VIRTPLUG_ADMIN program for the plugins.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "admin_protocol.h"
#include "virtplug_admin_protocol.h"
#include "virnetclient.h"
#include "virplugin_state.h"
#include "virerror.h"
#include "viruri.h"
#include "vsh.h"

#define VIR_FROM_THIS VIR_FROM_ADMIN

enum {
    VIRTPLUG_ADMIN_EXIT_OK = 0,
    VIRTPLUG_ADMIN_EXIT_FAILED = 1,
    VIRTPLUG_ADMIN_EXIT_USAGE = 2,
};

typedef struct _virtplugAdminCtl virtplugAdminCtl;
struct _virtplugAdminCtl {
    virNetClient *client;
    bool quiet;
};

typedef struct _virtplugAdminCmd virtplugAdminCmd;
struct _virtplugAdminCmd {
    const char *name;
    int nargs;                          /* positional arguments it takes */
    const char *synopsis;
    int (*run)(virtplugAdminCtl *ctl, char **argv);
};


static void
virtplugAdminHelp(FILE *out)
{
    fprintf(out,
"NAME\n"
"    virtplug-admin - inspect a running virtplugd through its admin socket\n"
"\n"
"SYNOPSIS\n"
"    virtplug-admin [-c URI] [-q] COMMAND [ARGUMENTS]\n"
"\n"
"DESCRIPTION\n"
"    virtplug-admin connects to the admin socket of virtplugd\n"
"    (libvirt-admin-sock next to the daemon's libvirt-sock) and shows the\n"
"    plugins the daemon knows, its servers and their clients.  Only the\n"
"    user the daemon runs as is let in.  Debian's virt-admin speaks to the\n"
"    same socket for the libvirt commands.\n"
"\n"
"OPTIONS\n"
"    -c, --connect URI\n"
"        the daemon: virtplugd:///system (the socket under\n"
"        %s/libvirt), virtplugd:///session (under\n"
"        $XDG_RUNTIME_DIR/libvirt), either with ?socket=PATH to name the\n"
"        socket itself; libvirtd:// is accepted for the same.  Default:\n"
"        $VIRTPLUG_ADMIN_DEFAULT_URI, $LIBVIRT_ADMIN_DEFAULT_URI, else\n"
"        system for root and session for anybody else.\n"
"    -q, --quiet\n"
"        no table headers\n"
"    -h, --help\n"
"        this text\n"
"    -V, --version\n"
"        the tool's version\n"
"\n"
"COMMANDS\n"
"    plugin-list\n"
"        every plugin file in the daemon's plugin directories: name,\n"
"        version, plugin ABI, URI schemes, state and file; then the\n"
"        reason of each refused or failed one.  States: refused (the\n"
"        loader would not use the file), loaded (checked, no connection\n"
"        needed it yet), registered (drivers registered), active (its\n"
"        state driver is initialised), failed (registering or the state\n"
"        driver failed).  A plugin installed while the daemon runs shows\n"
"        up without a restart.\n"
"    version\n"
"        the versions of this tool and of the daemon's library\n"
"    srv-list\n"
"        the daemon's servers (virtplugd, admin)\n"
"    srv-clients-list SERVER\n"
"        the clients connected to SERVER: id, transport, connection time\n"
"\n"
"EXIT STATUS\n"
"    0 on success, 1 when the daemon cannot be reached or refuses the\n"
"    request (the error is printed), 2 for a usage error.\n",
            RUNSTATEDIR);
}


/* The admin socket named by @uriStr (NULL: the default), where virtplugd
 * creates it. */
static char *
virtplugAdminSocketPath(const char *uriStr)
{
    g_autoptr(virURI) uri = NULL;
    g_autofree char *scheme = NULL;
    const char *socket;

    if (!uriStr || !*uriStr)
        uriStr = g_getenv("VIRTPLUG_ADMIN_DEFAULT_URI");
    if (!uriStr || !*uriStr)
        uriStr = g_getenv("LIBVIRT_ADMIN_DEFAULT_URI");
    if (!uriStr || !*uriStr)
        uriStr = geteuid() == 0 ? "virtplugd:///system" : "virtplugd:///session";

    if (!(uri = virURIParse(uriStr)))
        return NULL;
    scheme = virURIGetDriverScheme(uri);
    if (STRNEQ(scheme, "virtplugd") && STRNEQ(scheme, "libvirtd")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("admin URI '%1$s' has scheme '%2$s'; expected 'virtplugd'"),
                       uriStr, uri->scheme);
        return NULL;
    }
    if ((socket = virURIGetParam(uri, "socket")))
        return g_strdup(socket);
    if (uri->server) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("admin URI '%1$s' names a server; the admin socket is local"),
                       uriStr);
        return NULL;
    }
    if (STREQ_NULLABLE(uri->path, "/system"))
        return g_strdup(RUNSTATEDIR "/libvirt/libvirt-admin-sock");
    if (STREQ_NULLABLE(uri->path, "/session")) {
        const char *runtime = g_getenv("XDG_RUNTIME_DIR");

        if (runtime && *runtime)
            return g_build_filename(runtime, "libvirt", "libvirt-admin-sock",
                                    NULL);
        return g_build_filename(g_get_home_dir(), ".cache", "libvirt",
                                "libvirt-admin-sock", NULL);
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   _("admin URI '%1$s' has path '%2$s'; expected '/system' or '/session'"),
                   uriStr, NULLSTR(uri->path));
    return NULL;
}


static int
virtplugAdminConnect(virtplugAdminCtl *ctl, const char *uri)
{
    g_autofree char *path = virtplugAdminSocketPath(uri);
    admin_connect_open_args args = { .flags = 0 };
    virNetSocket *sock;

    if (!path || !(sock = virNetSocketNewConnectUNIX(path)))
        return -1;
    ctl->client = virNetClientNew(sock);
    if (virNetClientStart(ctl->client) < 0)
        return -1;
    return virNetClientCall(ctl->client, ADMIN_PROGRAM, ADMIN_PROTOCOL_VERSION,
                            ADMIN_PROC_CONNECT_OPEN,
                            VIR_XDRPROC(xdr_admin_connect_open_args), &args,
                            NULL, NULL);
}


static void
virtplugAdminDisconnect(virtplugAdminCtl *ctl)
{
    if (!ctl->client)
        return;
    if (virNetClientIsOpen(ctl->client))
        virNetClientCall(ctl->client, ADMIN_PROGRAM, ADMIN_PROTOCOL_VERSION,
                         ADMIN_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL);
    virResetLastError();
    virNetClientClose(ctl->client);
    g_clear_pointer(&ctl->client, virNetClientUnref);
}


static int
virtplugAdminAdminCall(virtplugAdminCtl *ctl, int proc,
                       xdrproc_t argsFilter, void *args,
                       xdrproc_t retFilter, void *ret)
{
    return virNetClientCall(ctl->client, ADMIN_PROGRAM, ADMIN_PROTOCOL_VERSION,
                            proc, argsFilter, args, retFilter, ret);
}


static void
virtplugAdminPrintTable(virtplugAdminCtl *ctl, vshTable *table)
{
    vshControl vctl = { .quiet = ctl->quiet };

    vshTablePrintToStdout(table, &vctl);
}


/* ---- plugin-list ---- */

static const char *
virtplugAdminStateName(virtplug_admin_plugin_state state)
{
    const char *name = virPluginStatusStateTypeToString(state);

    return name ? name : "unknown";
}


static int
virtplugAdminCmdPluginList(virtplugAdminCtl *ctl, char **argv G_GNUC_UNUSED)
{
    virtplug_admin_connect_list_plugins_args args = { .flags = 0 };
    virtplug_admin_connect_list_plugins_ret ret = { 0 };
    g_autoptr(vshTable) table = NULL;
    size_t i;

    if (virNetClientCall(ctl->client, VIRTPLUG_ADMIN_PROGRAM,
                         VIRTPLUG_ADMIN_PROTOCOL_VERSION,
                         VIRTPLUG_ADMIN_PROC_CONNECT_LIST_PLUGINS,
                         VIR_XDRPROC(xdr_virtplug_admin_connect_list_plugins_args),
                         &args,
                         VIR_XDRPROC(xdr_virtplug_admin_connect_list_plugins_ret),
                         &ret) < 0)
        return -1;

    table = vshTableNew("Name", "Version", "ABI", "Schemes", "State", "File",
                        NULL);
    for (i = 0; i < ret.plugins.plugins_len; i++) {
        virtplug_admin_plugin *p = &ret.plugins.plugins_val[i];
        g_autoptr(GString) schemes = g_string_new(NULL);
        g_autofree char *abi = NULL;
        u_int j;

        for (j = 0; j < p->schemes.schemes_len; j++)
            g_string_append_printf(schemes, "%s%s", j ? "," : "",
                                   p->schemes.schemes_val[j]);
        abi = p->state == VIRTPLUG_ADMIN_PLUGIN_REFUSED ?
              g_strdup("-") :
              g_strdup_printf("%u.%u", p->abi_major, p->abi_minor);
        vshTableRowAppend(table, p->name,
                          *p->plugin_version ? p->plugin_version : "-",
                          abi,
                          schemes->len ? schemes->str : "-",
                          virtplugAdminStateName(p->state),
                          p->path, NULL);
    }
    virtplugAdminPrintTable(ctl, table);

    for (i = 0; i < ret.plugins.plugins_len; i++) {
        virtplug_admin_plugin *p = &ret.plugins.plugins_val[i];

        if (p->reason)
            printf("%s %s: %s\n", p->name, virtplugAdminStateName(p->state),
                   *p->reason);
    }
    xdr_free(VIR_XDRPROC(xdr_virtplug_admin_connect_list_plugins_ret),
             (char *)&ret);
    return 0;
}


/* ---- version ---- */

static int
virtplugAdminCmdVersion(virtplugAdminCtl *ctl, char **argv G_GNUC_UNUSED)
{
    admin_connect_get_lib_version_ret ret = { 0 };

    if (virtplugAdminAdminCall(ctl, ADMIN_PROC_CONNECT_GET_LIB_VERSION,
                               NULL, NULL,
                               VIR_XDRPROC(xdr_admin_connect_get_lib_version_ret),
                               &ret) < 0)
        return -1;
    printf("virtplug-admin (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    printf("Running against daemon: %llu.%llu.%llu\n",
           (unsigned long long)ret.libVer / 1000000,
           (unsigned long long)ret.libVer / 1000 % 1000,
           (unsigned long long)ret.libVer % 1000);
    return 0;
}


/* ---- servers and clients ---- */

static int
virtplugAdminCmdSrvList(virtplugAdminCtl *ctl, char **argv G_GNUC_UNUSED)
{
    admin_connect_list_servers_args args = { .need_results = 1, .flags = 0 };
    admin_connect_list_servers_ret ret = { 0 };
    g_autoptr(vshTable) table = NULL;
    size_t i;

    if (virtplugAdminAdminCall(ctl, ADMIN_PROC_CONNECT_LIST_SERVERS,
                               VIR_XDRPROC(xdr_admin_connect_list_servers_args),
                               &args,
                               VIR_XDRPROC(xdr_admin_connect_list_servers_ret),
                               &ret) < 0)
        return -1;
    table = vshTableNew("Id", "Name", NULL);
    for (i = 0; i < ret.servers.servers_len; i++) {
        g_autofree char *id = g_strdup_printf("%zu", i);

        vshTableRowAppend(table, id, ret.servers.servers_val[i].name, NULL);
    }
    virtplugAdminPrintTable(ctl, table);
    xdr_free(VIR_XDRPROC(xdr_admin_connect_list_servers_ret), (char *)&ret);
    return 0;
}


static const char *
virtplugAdminTransportName(unsigned int transport)
{
    static const char *const names[] = { "unix", "tcp", "tls" };

    return transport < G_N_ELEMENTS(names) ? names[transport] : "unknown";
}


static int
virtplugAdminCmdSrvClientsList(virtplugAdminCtl *ctl, char **argv)
{
    admin_server_list_clients_args args = {
        .srv.name = argv[0],
        .need_results = 1,
        .flags = 0,
    };
    admin_server_list_clients_ret ret = { 0 };
    g_autoptr(vshTable) table = NULL;
    size_t i;

    if (virtplugAdminAdminCall(ctl, ADMIN_PROC_SERVER_LIST_CLIENTS,
                               VIR_XDRPROC(xdr_admin_server_list_clients_args),
                               &args,
                               VIR_XDRPROC(xdr_admin_server_list_clients_ret),
                               &ret) < 0)
        return -1;
    table = vshTableNew("Id", "Transport", "Connected since", NULL);
    for (i = 0; i < ret.clients.clients_len; i++) {
        admin_nonnull_client *c = &ret.clients.clients_val[i];
        g_autofree char *id = g_strdup_printf("%llu", (unsigned long long)c->id);
        time_t when = c->timestamp;
        struct tm tm;
        char since[64] = "";

        if (localtime_r(&when, &tm))
            strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S%z", &tm);
        vshTableRowAppend(table, id, virtplugAdminTransportName(c->transport),
                          since, NULL);
    }
    virtplugAdminPrintTable(ctl, table);
    xdr_free(VIR_XDRPROC(xdr_admin_server_list_clients_ret), (char *)&ret);
    return 0;
}


static const virtplugAdminCmd virtplugAdminCommands[] = {
    { "plugin-list", 0, "plugin-list", virtplugAdminCmdPluginList },
    { "version", 0, "version", virtplugAdminCmdVersion },
    { "srv-list", 0, "srv-list", virtplugAdminCmdSrvList },
    { "srv-clients-list", 1, "srv-clients-list SERVER",
      virtplugAdminCmdSrvClientsList },
};


static const virtplugAdminCmd *
virtplugAdminFindCommand(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virtplugAdminCommands); i++) {
        if (STREQ(virtplugAdminCommands[i].name, name))
            return &virtplugAdminCommands[i];
    }
    return NULL;
}


int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    virtplugAdminCtl ctl = { 0 };
    const virtplugAdminCmd *cmd;
    const char *uri = NULL;
    int ret = VIRTPLUG_ADMIN_EXIT_FAILED;
    int c;

    setlocale(LC_ALL, "");
    g_set_prgname("virtplug-admin");
    while ((c = getopt_long(argc, argv, "+c:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            uri = optarg;
            break;
        case 'q':
            ctl.quiet = true;
            break;
        case 'h':
            virtplugAdminHelp(stdout);
            return VIRTPLUG_ADMIN_EXIT_OK;
        case 'V':
            printf("virtplug-admin (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            return VIRTPLUG_ADMIN_EXIT_OK;
        default:
            fprintf(stderr, _("Try '%s --help'.\n"), g_get_prgname());
            return VIRTPLUG_ADMIN_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, _("%s: a command is required; try '%s --help'\n"),
                g_get_prgname(), g_get_prgname());
        return VIRTPLUG_ADMIN_EXIT_USAGE;
    }
    if (STREQ(argv[optind], "help")) {
        virtplugAdminHelp(stdout);
        return VIRTPLUG_ADMIN_EXIT_OK;
    }
    if (!(cmd = virtplugAdminFindCommand(argv[optind]))) {
        fprintf(stderr, _("%s: unknown command '%s'; try '%s --help'\n"),
                g_get_prgname(), argv[optind], g_get_prgname());
        return VIRTPLUG_ADMIN_EXIT_USAGE;
    }
    if (argc - optind - 1 != cmd->nargs) {
        fprintf(stderr, _("%s: usage: %s %s\n"), g_get_prgname(),
                g_get_prgname(), cmd->synopsis);
        return VIRTPLUG_ADMIN_EXIT_USAGE;
    }

    if (virtplugAdminConnect(&ctl, uri) == 0 &&
        cmd->run(&ctl, argv + optind + 1) == 0)
        ret = VIRTPLUG_ADMIN_EXIT_OK;
    if (ret != VIRTPLUG_ADMIN_EXIT_OK) {
        const char *msg = virGetLastErrorMessage();

        fprintf(stderr, "error: %s\n", msg ? msg : _("failed"));
    }
    virtplugAdminDisconnect(&ctl);
    return ret;
}
