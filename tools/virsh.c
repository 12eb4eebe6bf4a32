/*
 * virsh.c: the virtualization shell: program options, the connection,
 * one-shot and interactive modes
 *
 * One word after the options is a whole command line ("list; uri"),
 * several words are one command with its options as the invoking shell
 * split them, none starts the interactive shell.  The connection is
 * opened at start when a URI was named (-c, VIRSH_DEFAULT_CONNECT_URI),
 * otherwise when the first command needs it, so that "help" and
 * "connect URI" never touch the default hypervisor.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virsh.h"

static const vshCmdGrp virshCmdGroups[] = {
    {"Domain Management", "domain", virshDomainManagementCmds},
    {"Domain Monitoring", "monitor", virshDomainMonitoringCmds},
    {"Domain Events", "events", virshDomainEventCmds},
    {"Host and Hypervisor", "host", virshHostCmds},
    {"Snapshot", "snapshot", virshSnapshotCmds},
    {"Virsh itself", "virsh", virshSelfCmds},
    {NULL, NULL, NULL}
};

static void
virshCatchDisconnect(virConnectPtr conn G_GNUC_UNUSED,
                     int reason,
                     void *opaque)
{
    vshControl *ctl = opaque;

    if (reason != VIR_CONNECT_CLOSE_REASON_CLIENT)
        g_atomic_int_set(&virshGetControl(ctl)->disconnected, 1);
}

/* Open @uri; NULL after reporting.  The keepalive is best effort unless
 * the user asked for particular values. */
static virConnectPtr
virshConnect(vshControl *ctl, const char *uri, bool readonly)
{
    virshControl *priv = virshGetControl(ctl);
    int interval = priv->keepaliveInterval >= 0 ? priv->keepaliveInterval : 5;
    int count = priv->keepaliveCount >= 0 ? priv->keepaliveCount : 6;
    bool forced = priv->keepaliveInterval >= 0 || priv->keepaliveCount >= 0;
    virConnectPtr conn;

    conn = virConnectOpenAuth(uri, virConnectAuthPtrDefault,
                              readonly ? VIR_CONNECT_RO : 0);
    if (!conn)
        return NULL;

    if (interval > 0 && virConnectSetKeepAlive(conn, interval, count) != 0) {
        if (forced) {
            vshError(ctl, "%s", "Cannot setup keepalive on connection as requested, disconnecting");
            virConnectClose(conn);
            return NULL;
        }
        vshDebug(ctl, VSH_ERR_INFO, "%s", "Failed to setup keepalive on connection\n");
        vshResetLibvirtError();
    }
    return conn;
}

static void
virshDisconnect(vshControl *ctl)
{
    virshControl *priv = virshGetControl(ctl);
    int ret;

    if (!priv->conn)
        return;
    virConnectUnregisterCloseCallback(priv->conn, virshCatchDisconnect);
    ret = virConnectClose(priv->conn);
    priv->conn = NULL;
    if (ret < 0)
        vshError(ctl, "%s", "Failed to disconnect from the hypervisor");
    else if (ret > 0)
        vshError(ctl, "%s", "One or more references were leaked after disconnect from the hypervisor");
}

/**
 * virshReconnect:
 * @ctl: the shell
 * @name: the URI to connect to, or NULL for the current one
 * @readonly: open read-only; with @name NULL the current mode is kept too
 * @force: the user asked for it (connect), so say nothing about it
 *
 * Closes the current connection, if any, and opens a new one.
 *
 * Returns 0, or -1 after reporting.
 */
int
virshReconnect(vshControl *ctl, const char *name, bool readonly, bool force)
{
    virshControl *priv = virshGetControl(ctl);
    bool wasConnected = priv->conn != NULL;
    bool wasLost = g_atomic_int_get(&priv->disconnected);

    if (!readonly && !name)
        readonly = priv->readonly;

    virshDisconnect(ctl);

    if (!(priv->conn = virshConnect(ctl, name ? name : ctl->connname, readonly))) {
        if (wasLost)
            vshError(ctl, "%s", "Failed to reconnect to the hypervisor");
        else
            vshError(ctl, "%s", "failed to connect to the hypervisor");
        return -1;
    }

    if (name) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(name);
    }
    priv->readonly = readonly;

    /* Drivers without close notification are fine: we then learn about
     * a lost connection from the errors of the calls. */
    if (virConnectRegisterCloseCallback(priv->conn, virshCatchDisconnect,
                                        ctl, NULL) < 0)
        vshResetLibvirtError();
    if (wasConnected && !force)
        vshError(ctl, "%s", "Reconnected to the hypervisor");
    g_atomic_int_set(&priv->disconnected, 0);
    return 0;
}

/* Connect before a command that needs it, and again after the
 * connection was lost. */
static bool
virshConnectionHandler(vshControl *ctl)
{
    virshControl *priv = virshGetControl(ctl);

    if ((!priv->conn || g_atomic_int_get(&priv->disconnected)) &&
        virshReconnect(ctl, NULL, false, false) < 0)
        return false;
    return true;
}

/* An error that means the connection is gone: the next command
 * reconnects. */
static void
virshNoteDisconnect(vshControl *ctl)
{
    int code = vshLastErrorCode();

    if (code == VIR_ERR_RPC || code == VIR_ERR_NO_CONNECT ||
        code == VIR_ERR_INVALID_CONN)
        g_atomic_int_set(&virshGetControl(ctl)->disconnected, 1);
}

static bool
virshRunLine(vshControl *ctl)
{
    bool ret = vshCommandRun(ctl, ctl->cmd);

    virshNoteDisconnect(ctl);
    vshCommandFree(ctl->cmd);
    ctl->cmd = NULL;
    return ret;
}

static const vshCmdOptDef virshOptsConnect[] = {
    {.name = "name",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_EMPTY_OK,
     .help = "the URI to connect to; the current one when omitted"},
    {.name = "readonly",
     .type = VSH_OT_BOOL,
     .help = "open the connection read-only"},
    {.name = NULL}
};

static bool
virshCmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0)
        return false;
    return virshReconnect(ctl, name, vshCommandOptBool(cmd, "readonly"),
                          true) == 0;
}

const vshCmdDef virshSelfCmds[] = {
    VSH_CMD_CD,
    VSH_CMD_ECHO,
    VSH_CMD_EXIT,
    VSH_CMD_HELP,
    VSH_CMD_PWD,
    VSH_CMD_QUIT,
    {.name = "connect",
     .handler = virshCmdConnect,
     .opts = virshOptsConnect,
     .summary = "open a new connection to a hypervisor",
     .description = "Close the current connection and open one to the URI given, or to the same URI again.",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = NULL}
};

static gpointer
virshEventLoop(gpointer opaque)
{
    virshControl *priv = opaque;

    while (!g_atomic_int_get(&priv->quit)) {
        if (virEventRunDefaultImpl() < 0)
            vshResetLibvirtError();
    }
    return NULL;
}

static void
virshWakeTimer(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}

static bool
virshInit(vshControl *ctl)
{
    virshControl *priv = virshGetControl(ctl);

    vshInstallErrorHandler();

    /* Events are dispatched by our own thread, as virsh does, so that a
     * command waiting for them needs no loop of its own. */
    if (virEventRegisterDefaultImpl() < 0) {
        vshReportError(ctl);
        return false;
    }
    priv->eventLoop = g_thread_new("virsh-events", virshEventLoop, priv);

    if (ctl->connname && virshReconnect(ctl, NULL, false, false) < 0) {
        vshReportError(ctl);
        return false;
    }
    return true;
}

static void
virshDeinit(vshControl *ctl)
{
    virshControl *priv = virshGetControl(ctl);

    vshReadlineDeinit(ctl);
    virshDisconnect(ctl);
    vshResetLibvirtError();

    if (priv->eventLoop) {
        /* A timer that fires at once makes the loop thread return from
         * its wait and see the quit flag. */
        int timer;

        g_atomic_int_set(&priv->quit, 1);
        timer = virEventAddTimeout(0, virshWakeTimer, NULL, NULL);
        g_thread_join(priv->eventLoop);
        priv->eventLoop = NULL;
        if (timer >= 0)
            virEventRemoveTimeout(timer);
    }

    vshCommandFree(ctl->cmd);
    ctl->cmd = NULL;
    g_clear_pointer(&ctl->connname, g_free);
    if (ctl->logfile) {
        fclose(ctl->logfile);
        ctl->logfile = NULL;
    }
}

static void
virshUsage(vshControl *ctl)
{
    vshPrint(ctl,
             "\n"
             "%s [options]... [<command_string>]\n"
             "%s [options]... <command> [args...]\n"
             "\n"
             "  options:\n"
             "    -c | --connect=URI      the hypervisor to connect to\n"
             "    -d | --debug=NUM        show diagnostics of level NUM and above [0-4]\n"
             "    -e | --escape <char>    escape character of the console\n"
             "    -h | --help             print this text\n"
             "    -k | --keepalive-interval=NUM\n"
             "                            seconds between keepalive messages, 0 turns them off\n"
             "    -K | --keepalive-count=NUM\n"
             "                            keepalive replies that may be missed\n"
             "    -l | --log=FILE         write a log to FILE\n"
             "    -q | --quiet            print results only\n"
             "    -r | --readonly         open the connection read-only\n"
             "    -t | --timing           print how long each command took\n"
             "    -v                      print the version\n"
             "    -V                      print the version and what was built in\n"
             "         --version[=TYPE]   print the version; TYPE is short or long\n"
             "  commands (non interactive mode):\n"
             "\n", ctl->progname, ctl->progname);
    vshPrintGroupedCommands(ctl, true);
    vshPrint(ctl, "%s",
             "\n"
             "  (help <group> lists the commands of a group)\n"
             "\n"
             "  (help <command> describes a command)\n"
             "\n");
}

static void
virshShowVersion(vshControl *ctl)
{
    unsigned long version = LIBVIR_VERSION_NUMBER;

    vshPrint(ctl, "Virsh command line tool of libvirt %lu.%lu.%lu\n",
             version / 1000000, version / 1000 % 1000, version % 1000);
    vshPrint(ctl, "%s\n\n", "Built by virtplug, which implements libvirt's API and wire protocol");
    vshPrint(ctl, "%s\n", "Compiled with support for:");
    vshPrint(ctl, "%s\n", " Hypervisors: those of the installed plugins (see virt-plugin list)");
    vshPrint(ctl, "%s\n", " Miscellaneous: Readline");
}

static void
virshPrintShortVersion(void)
{
    unsigned long version = LIBVIR_VERSION_NUMBER;

    printf("%lu.%lu.%lu\n", version / 1000000, version / 1000 % 1000,
           version % 1000);
}

static const struct option virshLongOpts[] = {
    {"connect", required_argument, NULL, 'c'},
    {"debug", required_argument, NULL, 'd'},
    {"escape", required_argument, NULL, 'e'},
    {"help", no_argument, NULL, 'h'},
    {"keepalive-interval", required_argument, NULL, 'k'},
    {"keepalive-count", required_argument, NULL, 'K'},
    {"log", required_argument, NULL, 'l'},
    {"quiet", no_argument, NULL, 'q'},
    {"readonly", no_argument, NULL, 'r'},
    {"timing", no_argument, NULL, 't'},
    {"version", optional_argument, NULL, 'v'},
    {NULL, 0, NULL, 0}
};

/* The option as the user wrote it, for messages: "-k" or "--keepalive-interval". */
static const char *
virshOptSpelling(int longindex, const char *shortName)
{
    return longindex >= 0 ? virshLongOpts[longindex].name : shortName;
}

static bool
virshParseKeepalive(vshControl *ctl, const char *arg, int longindex,
                    const char *shortName, int *result)
{
    g_autofree char *longName = NULL;
    long long val;
    const char *spelling = virshOptSpelling(longindex, shortName);

    if (longindex >= 0)
        spelling = longName = g_strdup_printf("--%s", spelling);

    if (vshStrToLongLong(arg, &val) < 0 || val > G_MAXINT || val < G_MININT) {
        vshError(ctl, "Invalid value for option %s", spelling);
        return false;
    }
    if (val < 0) {
        vshError(ctl, "option %s requires a positive integer argument", spelling);
        return false;
    }
    *result = val;
    return true;
}

/* A console escape is one character, or ^ and a letter or one of @[\]^_. */
static bool
virshValidEscape(const char *arg)
{
    size_t len = strlen(arg);

    if (len == 1)
        return arg[0] != '^';
    return len == 2 && arg[0] == '^' &&
        (g_ascii_isalpha(arg[1]) || strchr("@[\\]^_", arg[1]));
}

/* Returns 1 to go on, 0 to exit successfully (help, version), -1 to
 * exit with failure. */
static int
virshParseArgv(vshControl *ctl, int argc, char **argv)
{
    virshControl *priv = virshGetControl(ctl);
    int longindex = -1;
    long long debug;
    int arg;

    opterr = 0;
    while ((arg = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV",
                              virshLongOpts, &longindex)) != -1) {
        switch (arg) {
        case 'c':
            g_free(ctl->connname);
            ctl->connname = g_strdup(optarg);
            break;
        case 'd':
            if (vshStrToLongLong(optarg, &debug) < 0 ||
                debug < G_MININT || debug > G_MAXINT) {
                vshError(ctl, "option %s takes a numeric argument",
                         longindex >= 0 ? "--debug" : "-d");
                return -1;
            }
            if (debug < VSH_ERR_DEBUG || debug > VSH_ERR_ERROR)
                vshError(ctl, "ignoring debug level %lld out of range [%d-%d]",
                         debug, VSH_ERR_DEBUG, VSH_ERR_ERROR);
            else
                ctl->debug = debug;
            break;
        case 'e':
            if (!virshValidEscape(optarg)) {
                vshError(ctl, "Invalid string '%s' for escape sequence", optarg);
                return -1;
            }
            priv->escapeChar = optarg;
            break;
        case 'h':
            virshUsage(ctl);
            return 0;
        case 'k':
            if (!virshParseKeepalive(ctl, optarg, longindex, "-k",
                                     &priv->keepaliveInterval))
                return -1;
            break;
        case 'K':
            if (!virshParseKeepalive(ctl, optarg, longindex, "-K",
                                     &priv->keepaliveCount))
                return -1;
            break;
        case 'l':
            if (ctl->logfile)
                fclose(ctl->logfile);
            if (!(ctl->logfile = fopen(optarg, "a"))) {
                vshError(ctl, "failed to open the log file '%s': %s",
                         optarg, g_strerror(errno));
                return -1;
            }
            break;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            priv->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            if (g_strcmp0(optarg, "long") != 0) {
                virshPrintShortVersion();
                return 0;
            }
            virshShowVersion(ctl);
            return 0;
        case 'V':
            virshShowVersion(ctl);
            return 0;
        case ':': {
            const struct option *o;

            for (o = virshLongOpts; o->name && o->val != optopt; o++)
                ;
            if (o->name)
                vshError(ctl, "option '-%c'/'--%s' requires an argument",
                         optopt, o->name);
            else
                vshError(ctl, "option '-%c' requires an argument", optopt);
            return -1;
        }
        case '?':
        default:
            if (optopt)
                vshError(ctl, "unsupported option '-%c'. See --help.", optopt);
            else
                vshError(ctl, "unsupported option '%s'. See --help.",
                         argv[optind - 1]);
            return -1;
        }
        longindex = -1;
    }

    if (argc == optind) {
        ctl->imode = true;
        return 1;
    }

    ctl->imode = false;
    if (argc - optind == 1) {
        vshDebug(ctl, VSH_ERR_INFO, "commands: \"%s\"\n", argv[optind]);
        return vshCommandStringParse(ctl, argv[optind]) ? 1 : -1;
    }
    return vshCommandArgvParse(ctl, argc - optind, argv + optind) ? 1 : -1;
}

static void
virshInteractive(vshControl *ctl)
{
    virshControl *priv = virshGetControl(ctl);

    vshPrintExtra(ctl,
                  "Welcome to %s, the virtualization interactive terminal.\n\n"
                  "Type:  'help' for help with commands\n"
                  "       'quit' to quit\n\n", ctl->progname);

    vshReadlineInit(ctl);
    while (ctl->imode) {
        g_autofree char *line = vshReadline(ctl, priv->readonly ?
                                            VIRSH_PROMPT_RO : VIRSH_PROMPT_RW);

        if (!line)
            break;
        if (*line && vshCommandStringParse(ctl, line))
            virshRunLine(ctl);
    }
    /* End the prompt's line, or the one after quit. */
    fputc('\n', stdout);
}

/**
 * main:
 * @argc: number of program arguments
 * @argv: options, then nothing (interactive), one command line, or one
 *        command with its options
 *
 * Returns EXIT_SUCCESS when the last command run succeeded (always, in
 * interactive mode), EXIT_FAILURE otherwise.
 */
int
main(int argc, char **argv)
{
    virshControl priv = {
        .keepaliveInterval = -1,
        .keepaliveCount = -1,
    };
    vshControl control = {
        .progname = "virsh",
        .groups = virshCmdGroups,
        .debug = VSH_DEBUG_DEFAULT,
        .imode = true,
        .connHandler = virshConnectionHandler,
        .priv = &priv,
    };
    vshControl *ctl = &control;
    const char *uri;
    bool ret = true;
    int rc;

    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);

    if (virInitialize() < 0) {
        vshError(ctl, "%s", "Failed to initialize libvirt");
        return EXIT_FAILURE;
    }

    if ((uri = g_getenv("VIRSH_DEFAULT_CONNECT_URI")) && *uri)
        ctl->connname = g_strdup(uri);

    if ((rc = virshParseArgv(ctl, argc, argv)) <= 0) {
        virshDeinit(ctl);
        return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }

    if (!virshInit(ctl)) {
        virshDeinit(ctl);
        return EXIT_FAILURE;
    }

    if (ctl->imode)
        virshInteractive(ctl);
    else
        ret = virshRunLine(ctl);

    virshDeinit(ctl);
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
