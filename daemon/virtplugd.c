/*
 * virtplugd.c: the virtplug daemon, speaking libvirt's remote protocol
 *
 * Unmodified libvirt clients (virsh, python3-libvirt ...) connect to its
 * sockets as they would to libvirtd.  Each client's calls run through
 * virtplug's public API on a connection opened for that client, so every
 * installed plugin is served.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib-unix.h>

#include "internal.h"
#include "admin_dispatch.h"
#include "remote_dispatch.h"
#include "qemu_protocol.h"
#include "virkeepaliveprotocol.h"
#include "virplugin_state.h"
#include "virtplugd_activation.h"
#include "virtplugd_config.h"
#include "virnetserver.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct _virtplugdOptions virtplugdOptions;
struct _virtplugdOptions {
    char *configFile;
    char *pidFile;
    int timeout;                        /* seconds without clients; 0 never */
    bool daemonize;
    bool listen;
    bool verbose;
};

typedef struct _virtplugdState virtplugdState;
struct _virtplugdState {
    GMainLoop *loop;
    virNetServer *srv;
    virNetServer *adminSrv;
    virtplugdAdmin admin;
    gint timeout;                       /* atomic: seconds, 0 never */
    gint64 idleSince;                   /* monotonic us; 0 while busy */
};

/* Socket unit names (FileDescriptorName= defaults to the unit's name). */
#define VIRTPLUGD_UNIT_RW "virtplugd.socket"
#define VIRTPLUGD_UNIT_RO "virtplugd-ro.socket"
#define VIRTPLUGD_UNIT_ADMIN "virtplugd-admin.socket"

static const virNetServerProgram remoteProgram = {
    .prog = REMOTE_PROGRAM,
    .vers = REMOTE_PROTOCOL_VERSION,
    .procs = remoteProcedures,
    .nprocs = REMOTE_NPROCEDURES,
};

/* Known so that its calls get "unknown procedure" (NO_SUPPORT to the
 * client) rather than "Cannot find program": libvirt-qemu.h is not part
 * of the core's API yet. */
static const virNetServerProgram qemuProgram = {
    .prog = QEMU_PROGRAM,
    .vers = QEMU_PROTOCOL_VERSION,
};


static void
virtplugdUsage(const char *argv0)
{
    fprintf(stderr,
            "Usage: %s [OPTIONS]\n\n"
            "  -h | --help            this help\n"
            "  -v | --verbose         log information messages\n"
            "  -d | --daemon          run in the background\n"
            "  -l | --listen          listen on TCP as the config file says\n"
            "  -t | --timeout SECS    exit after SECS seconds without clients\n"
            "  -f | --config FILE     configuration file (libvirtd.conf syntax;\n"
            "                         default " SYSCONFDIR "/virtplug/virtplugd.conf,\n"
            "                         or ~/.config/virtplug/virtplugd.conf)\n"
            "  -p | --pid-file FILE   write the process id to FILE\n"
            "  -V | --version         print the version and exit\n",
            argv0);
}


static int
virtplugdParseOptions(int argc, char **argv, virtplugdOptions *opts)
{
    static const struct option longopts[] = {
        { "verbose", no_argument, NULL, 'v' },
        { "daemon", no_argument, NULL, 'd' },
        { "listen", no_argument, NULL, 'l' },
        { "config", required_argument, NULL, 'f' },
        { "timeout", required_argument, NULL, 't' },
        { "pid-file", required_argument, NULL, 'p' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "hvdlf:t:p:V", longopts, NULL)) != -1) {
        char *end;

        switch (c) {
        case 'v':
            opts->verbose = true;
            break;
        case 'd':
            opts->daemonize = true;
            break;
        case 'l':
            opts->listen = true;
            break;
        case 'f':
            g_free(opts->configFile);
            opts->configFile = g_strdup(optarg);
            break;
        case 'p':
            g_free(opts->pidFile);
            opts->pidFile = g_strdup(optarg);
            break;
        case 't':
            opts->timeout = strtol(optarg, &end, 10);
            if (*end || opts->timeout < 0) {
                fprintf(stderr, _("%s: invalid timeout '%s'\n"), argv[0], optarg);
                return -1;
            }
            break;
        case 'V':
            printf("%s (%s) %s\n", g_get_prgname(), PACKAGE_NAME, PACKAGE_VERSION);
            exit(EXIT_SUCCESS);
        case 'h':
            virtplugdUsage(argv[0]);
            exit(EXIT_SUCCESS);
        default:
            virtplugdUsage(argv[0]);
            return -1;
        }
    }
    if (optind != argc) {
        fprintf(stderr, _("%s: unexpected argument '%s'\n"), argv[0], argv[optind]);
        return -1;
    }
    return 0;
}


/* libvirtd's locations: /run/libvirt in system mode, the user's runtime
 * directory in session mode. */
static char *
virtplugdDefaultSockDir(bool privileged)
{
    const char *runtime = g_getenv("XDG_RUNTIME_DIR");

    if (privileged)
        return g_strdup(RUNSTATEDIR "/libvirt");
    if (runtime && *runtime)
        return g_build_filename(runtime, "libvirt", NULL);
    return g_build_filename(g_get_home_dir(), ".cache", "libvirt", NULL);
}


/* As libvirtd: the system file, or the user's in session mode; none
 * when it does not exist (the defaults apply). */
static char *
virtplugdDefaultConfigFile(bool privileged)
{
    g_autofree char *path = NULL;

    if (privileged)
        path = g_strdup(SYSCONFDIR "/virtplug/virtplugd.conf");
    else
        path = g_build_filename(g_get_user_config_dir(), "virtplug",
                                "virtplugd.conf", NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return NULL;
    return g_steal_pointer(&path);
}


static int
virtplugdCheckAuth(const char *key, const char *value)
{
    if (value && STRNEQ(value, "none")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("%1$s = '%2$s' is not supported; only 'none' is"),
                       key, value);
        return -1;
    }
    return 0;
}


static void
virtplugdOverridePath(char **path, const char *configured)
{
    if (!configured)
        return;
    g_free(*path);
    *path = g_strdup(configured);
}


/* libvirtd's TLS listener: the system x509 files unless key_file,
 * cert_file, ca_file or crl_file name others. */
static int
virtplugdSetupTLS(virNetServer *srv, virtplugdConfig *cfg)
{
    g_auto(virNetTLSFiles) files = { 0 };
    g_autoptr(virNetTLSContext) ctx = NULL;
    virNetSocket **socks = NULL;
    size_t nsocks = 0;
    size_t i;

    virNetTLSFilesForServer(NULL, &files);
    virtplugdOverridePath(&files.cacert, cfg->caFile);
    virtplugdOverridePath(&files.cacrl, cfg->crlFile);
    virtplugdOverridePath(&files.cert, cfg->certFile);
    virtplugdOverridePath(&files.key, cfg->keyFile);
    if (!(ctx = virNetTLSContextNew(&files, true, !cfg->tlsNoVerifyCertificate,
                                    cfg->tlsPriority)))
        return -1;
    if (virNetSocketNewListenTCP(cfg->listenAddr, cfg->tlsPort,
                                 &socks, &nsocks) < 0)
        return -1;
    for (i = 0; i < nsocks; i++)
        virNetServerAddServiceTLS(srv, socks[i], false, ctx);
    g_free(socks);
    return 0;
}


/* Listen on @path, or on the socket systemd passed for @unit. */
static int
virtplugdListenUNIX(virNetServer *srv, virtplugdActivation *act,
                    const char *unit, const char *path, unsigned int perms,
                    gid_t group, bool readonly)
{
    int fd = virtplugdActivationTake(act, unit, path);
    virNetSocket *sock;

    if (fd >= 0) {
        VIR_DEBUG("using the socket systemd passed for %s", unit);
        sock = virNetSocketNewFromFD(fd, true);
    } else if (!(sock = virNetSocketNewListenUNIX(path, perms, (uid_t)-1,
                                                  group))) {
        return -1;
    }
    return virNetServerAddService(srv, sock, readonly);
}


static int
virtplugdSetupSockets(virtplugdState *state, virtplugdConfig *cfg,
                      virtplugdActivation *act, bool privileged, bool listen)
{
    g_autofree char *dir = cfg->unixSockDir ? g_strdup(cfg->unixSockDir) :
                                              virtplugdDefaultSockDir(privileged);
    g_autofree char *rwPath = g_build_filename(dir, "libvirt-sock", NULL);
    g_autofree char *roPath = g_build_filename(dir, "libvirt-sock-ro", NULL);
    g_autofree char *adminPath = g_build_filename(dir, "libvirt-admin-sock",
                                                  NULL);
    virNetServer *srv = state->srv;
    gid_t group = (gid_t)-1;

    if (virtplugdCheckAuth("auth_unix_rw", cfg->authUnixRW) < 0 ||
        virtplugdCheckAuth("auth_unix_ro", cfg->authUnixRO) < 0 ||
        virtplugdCheckAuth("auth_tcp", cfg->authTCP) < 0)
        return -1;
    if (cfg->unixSockGroup) {
        struct group *grp = getgrnam(cfg->unixSockGroup);

        if (!grp) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown unix_sock_group '%1$s'"),
                           cfg->unixSockGroup);
            return -1;
        }
        group = grp->gr_gid;
    }
    if (virFileMakePath(dir, 0755) < 0)
        return -1;

    if (virtplugdListenUNIX(srv, act, VIRTPLUGD_UNIT_RW, rwPath,
                            cfg->unixSockRWPerms, group, false) < 0)
        return -1;
    /* Like libvirtd, only the system daemon has a read-only socket. */
    if (privileged &&
        virtplugdListenUNIX(srv, act, VIRTPLUGD_UNIT_RO, roPath,
                            cfg->unixSockROPerms, group, true) < 0)
        return -1;
    /* The admin socket keeps the daemon's group: its clients must be the
     * daemon's user anyway. */
    if (virtplugdListenUNIX(state->adminSrv, act, VIRTPLUGD_UNIT_ADMIN,
                            adminPath, cfg->unixSockAdminPerms, (gid_t)-1,
                            false) < 0)
        return -1;
    if (virtplugdActivationRemaining(act) > 0)
        VIR_WARN("ignoring %zu socket(s) passed by systemd for unknown units",
                 virtplugdActivationRemaining(act));

    if (listen && cfg->listenTLS && virtplugdSetupTLS(srv, cfg) < 0)
        return -1;
    if (listen && cfg->listenTCP) {
        virNetSocket **socks = NULL;
        size_t nsocks = 0;
        size_t i;

        if (virNetSocketNewListenTCP(cfg->listenAddr, cfg->tcpPort,
                                     &socks, &nsocks) < 0)
            return -1;
        for (i = 0; i < nsocks; i++)
            virNetServerAddService(srv, socks[i], false);
        g_free(socks);
    }
    return 0;
}


static gboolean
virtplugdQuit(gpointer opaque)
{
    virtplugdState *state = opaque;

    VIR_INFO("shutting down on signal");
    g_main_loop_quit(state->loop);
    return G_SOURCE_CONTINUE;
}


/* Admin clients count as clients, as in libvirtd: a daemon being looked
 * at does not go away. */
static gboolean
virtplugdCheckIdle(gpointer opaque)
{
    virtplugdState *state = opaque;
    gint64 now = g_get_monotonic_time();
    int timeout = g_atomic_int_get(&state->timeout);

    if (timeout <= 0 ||
        virNetServerClientCount(state->srv) > 0 ||
        virNetServerClientCount(state->adminSrv) > 0) {
        state->idleSince = 0;
        return G_SOURCE_CONTINUE;
    }
    if (!state->idleSince)
        state->idleSince = now;
    if (now - state->idleSince >= (gint64)timeout * G_USEC_PER_SEC) {
        VIR_INFO("no client for %d seconds, exiting", timeout);
        g_main_loop_quit(state->loop);
    }
    return G_SOURCE_CONTINUE;
}


/* CONNECT_SET_DAEMON_TIMEOUT, on an admin worker thread. */
static void
virtplugdSetTimeout(unsigned int seconds, void *opaque)
{
    virtplugdState *state = opaque;

    g_atomic_int_set(&state->timeout, seconds);
}


static int
virtplugdDaemonize(void)
{
    pid_t pid = fork();
    int fd;

    if (pid < 0) {
        virReportSystemError(errno, "%s", _("cannot fork"));
        return -1;
    }
    if (pid > 0)
        _exit(EXIT_SUCCESS);
    setsid();
    if ((fd = open("/dev/null", O_RDWR)) >= 0) {
        dup2(fd, STDIN_FILENO);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if (fd > STDERR_FILENO)
            close(fd);
    }
    return 0;
}


static int
virtplugdSetupAdmin(virtplugdState *state, virtplugdConfig *cfg)
{
    virNetServerConfig admincfg = {
        .maxWorkers = cfg->adminMaxWorkers,
        .maxClients = cfg->adminMaxClients,
        .maxClientRequests = cfg->adminMaxClientRequests,
        .keepaliveInterval = cfg->adminKeepaliveInterval,
        .keepaliveCount = cfg->adminKeepaliveCount,
    };
    virtplugdAdmin *admin = &state->admin;

    if (!(state->adminSrv = virNetServerNew(&admincfg, adminClientInit,
                                            NULL, admin)))
        return -1;
    virNetServerAddProgram(state->adminSrv, &adminProgram);
    virNetServerAddProgram(state->adminSrv, &virtplugAdminProgram);

    admin->servers[0].name = VIRTPLUGD_SERVER_MAIN;
    admin->servers[0].srv = state->srv;
    admin->servers[1].name = VIRTPLUGD_SERVER_ADMIN;
    admin->servers[1].srv = state->adminSrv;
    admin->nservers = 2;
    admin->maxAnonymousClients = cfg->maxAnonymousClients;
    admin->setTimeout = virtplugdSetTimeout;
    admin->opaque = state;
    return 0;
}


static int
virtplugdRun(virtplugdOptions *opts)
{
    bool privileged = geteuid() == 0;
    g_autoptr(virtplugdConfig) cfg = virtplugdConfigNew(privileged);
    g_autoptr(virtplugdActivation) act = NULL;
    virNetServerConfig srvcfg;
    virtplugdState state = { 0 };
    g_autofree char *pidFile = NULL;
    int ret = -1;

    if (!opts->configFile)
        opts->configFile = virtplugdDefaultConfigFile(privileged);
    if (opts->configFile && virtplugdConfigLoadFile(cfg, opts->configFile) < 0)
        return -1;
    /* Before anything could start a child that would inherit them. */
    if (!(act = virtplugdActivationNew()))
        return -1;

    srvcfg.maxWorkers = cfg->maxWorkers;
    srvcfg.maxClients = cfg->maxClients;
    srvcfg.maxClientRequests = cfg->maxClientRequests;
    srvcfg.keepaliveInterval = cfg->keepaliveInterval;
    srvcfg.keepaliveCount = cfg->keepaliveCount;

    /* The remote plugin must not route a client's URI back to us. */
    g_setenv("VIRTPLUG_INSIDE_DAEMON", "1", TRUE);
    if (virInitialize() < 0 || virEventRegisterDefaultImpl() < 0)
        return -1;

    if (!(state.srv = virNetServerNew(&srvcfg, remoteClientInit,
                                      remoteClientClose, NULL)))
        return -1;
    virNetServerAddProgram(state.srv, &remoteProgram);
    virNetServerAddProgram(state.srv, &qemuProgram);
    if (virtplugdSetupAdmin(&state, cfg) < 0 ||
        virtplugdSetupSockets(&state, cfg, act, privileged, opts->listen) < 0)
        goto cleanup;

    if (opts->daemonize && virtplugdDaemonize() < 0)
        goto cleanup;
    if (opts->pidFile) {
        g_autofree char *pid = g_strdup_printf("%lld\n", (long long)getpid());

        pidFile = g_strdup(opts->pidFile);
        if (virFileWriteStrAtomic(pidFile, pid, 0644) < 0) {
            g_clear_pointer(&pidFile, g_free);
            goto cleanup;
        }
    }

    /* Every installed plugin, each state driver once, before the first
     * client: guests are reconnected and autostarted now, as libvirtd
     * does.  A broken plugin is listed by the admin interface and does
     * not keep the others from serving. */
    virPluginStateInitialize(privileged);

    state.loop = g_main_loop_new(NULL, FALSE);
    state.timeout = opts->timeout;
    g_unix_signal_add(SIGTERM, virtplugdQuit, &state);
    g_unix_signal_add(SIGINT, virtplugdQuit, &state);
    g_unix_signal_add(SIGHUP, virtplugdQuit, &state);
    g_timeout_add_seconds(1, virtplugdCheckIdle, &state);

    g_main_loop_run(state.loop);
    ret = 0;

 cleanup:
    virNetServerFree(state.adminSrv);
    virNetServerFree(state.srv);
    virPluginStateCleanup();
    if (state.loop)
        g_main_loop_unref(state.loop);
    if (pidFile)
        unlink(pidFile);
    return ret;
}


int
main(int argc, char **argv)
{
    virtplugdOptions opts = { 0 };
    int ret;

    g_set_prgname("virtplugd");
    if (virtplugdParseOptions(argc, argv, &opts) < 0)
        return EXIT_FAILURE;
    if (opts.verbose && !g_getenv("VIRTPLUG_DEBUG") && !g_getenv("LIBVIRT_DEBUG")) {
        g_setenv("VIRTPLUG_DEBUG", "2", TRUE);
        virLogSetFromEnv();
    }
    signal(SIGPIPE, SIG_IGN);

    ret = virtplugdRun(&opts);
    if (ret < 0) {
        const char *msg = virGetLastErrorMessage();

        fprintf(stderr, "%s: %s\n", g_get_prgname(), msg ? msg : _("failed"));
    }
    g_free(opts.configFile);
    g_free(opts.pidFile);
    return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
