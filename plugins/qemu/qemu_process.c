/*
 * qemu_process.c: starting, watching, reconnecting to and stopping QEMU
 *
 * QEMU runs as our own child (in a session of its own, so that it
 * outlives the process that started it), which lets destroy reap it at
 * once instead of waiting for init.  Its monitor's reader thread turns
 * QMP events and the socket's end into work items for the driver's
 * event thread, which applies them under the domain lock; an item from
 * a monitor that has since been closed (its generation is old) is
 * dropped.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_agent.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How long a reconnect waits for a running QEMU's monitor, in ms. */
#define QEMU_RECONNECT_TIMEOUT_MS 5000
/* How long an incoming migration (restore) may take, in ms. */
#define QEMU_INCOMING_TIMEOUT_MS (10 * 60 * 1000)

/* What a monitor's callbacks need; freed after the monitor closes. */
typedef struct _qemuMonitorOwner qemuMonitorOwner;
struct _qemuMonitorOwner {
    qemuDriver *driver;
    virDomainObj *vm;           /* referenced */
    unsigned int generation;
};

/* One event or EOF, from a monitor's reader thread to the event thread. */
typedef struct _qemuProcessEvent qemuProcessEvent;
struct _qemuProcessEvent {
    virDomainObj *vm;           /* referenced */
    unsigned int generation;
    char *name;                 /* NULL for end of file */
    unsigned long long seq;     /* the event's place among QEMU's messages */
    json_object *data;          /* referenced, may be NULL */
};


/**
 * qemuProcessPidAlive:
 * @pid: a process id
 *
 * Returns whether @pid exists and is not a zombie (a QEMU that exited
 * but whose parent has not reaped it yet counts as gone).
 */
bool
qemuProcessPidAlive(pid_t pid)
{
    g_autofree char *path = NULL;
    g_autofree char *stat = NULL;
    const char *end;

    if (pid <= 0 || (kill(pid, 0) < 0 && errno != EPERM))
        return false;
    path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    if (!g_file_get_contents(path, &stat, NULL, NULL))
        return true;
    /* "PID (COMM) STATE ...": COMM may hold spaces and parentheses. */
    if ((end = strrchr(stat, ')')) && end[1] == ' ')
        return end[2] != 'Z' && end[2] != 'X';
    return true;
}


/**
 * qemuProcessSpawn:
 * @argv: the program (a path) and its arguments
 * @envp: the whole environment
 * @logfd: where the child's stdout and stderr go
 *
 * Fork and exec @argv as a child of ours in a new session, with stdin
 * from /dev/null, no other inherited descriptors, default signal
 * handling.  Returns the pid, or -1 with a system error.
 */
pid_t
qemuProcessSpawn(char **argv, char **envp, int logfd)
{
    long maxfd = sysconf(_SC_OPEN_MAX);
    sigset_t all;
    sigset_t old;
    int nullfd;
    pid_t pid;

    if ((nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", _("cannot open /dev/null"));
        return -1;
    }

    /* No handler of ours may run in the child between fork and exec. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0) {
        struct sigaction dfl = { .sa_handler = SIG_DFL };
        sigset_t none;
        int sig;
        int fd;

        for (sig = 1; sig < NSIG; sig++)
            sigaction(sig, &dfl, NULL);
        sigemptyset(&none);
        pthread_sigmask(SIG_SETMASK, &none, NULL);
        setsid();
        dup2(nullfd, STDIN_FILENO);
        dup2(logfd, STDOUT_FILENO);
        dup2(logfd, STDERR_FILENO);
        if (syscall(__NR_close_range, 3, ~0U, 0) < 0) {
            for (fd = 3; fd < maxfd; fd++)
                close(fd);
        }
        execve(argv[0], argv, envp);
        {
            static const char msg[] = "virtplug: cannot execute the emulator\n";

            if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
                _exit(126);
        }
        _exit(127);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(nullfd);

    if (pid < 0) {
        virReportSystemError(errno, _("cannot fork to run '%1$s'"), argv[0]);
        return -1;
    }
    return pid;
}


/* ------------------------------------------------------------------ */
/* Events                                                             */

static void
qemuProcessEventFree(qemuProcessEvent *ev)
{
    virDomainObjUnref(ev->vm);
    if (ev->data)
        json_object_put(ev->data);
    g_free(ev->name);
    g_free(ev);
}


static void
qemuProcessQueue(qemuMonitorOwner *owner, const char *name, json_object *data,
                 unsigned long long seq)
{
    qemuProcessEvent *ev = g_new0(qemuProcessEvent, 1);

    ev->seq = seq;
    ev->vm = virDomainObjRef(owner->vm);
    ev->generation = owner->generation;
    ev->name = g_strdup(name);
    ev->data = data ? json_object_get(data) : NULL;
    g_thread_pool_push(owner->driver->workers, ev, NULL);
}


static void
qemuProcessMonitorEvent(qemuMonitor *mon G_GNUC_UNUSED, const char *name,
                        json_object *data, unsigned long long seq, void *opaque)
{
    qemuProcessQueue(opaque, name, data, seq);
}


static void
qemuProcessMonitorEOF(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    qemuProcessQueue(opaque, NULL, NULL, 0);
}


static const qemuMonitorCallbacks qemuProcessMonitorCallbacks = {
    .event = qemuProcessMonitorEvent,
    .eof = qemuProcessMonitorEOF,
};


static const char *
qemuProcessEventString(json_object *data, const char *key)
{
    json_object *val;

    if (!data || !json_object_object_get_ex(data, key, &val))
        return NULL;
    return json_object_get_string(val);
}


/* Record a job's state for whoever waits on it (block jobs). */
static void
qemuProcessHandleJob(qemuDomainObjPrivate *priv, const char *name,
                     json_object *data)
{
    const char *id;
    const char *status;

    if (STREQ(name, "JOB_STATUS_CHANGE")) {
        id = qemuProcessEventString(data, "id");
        status = qemuProcessEventString(data, "status");
    } else {
        id = qemuProcessEventString(data, "device");
        if (STREQ(name, "BLOCK_JOB_COMPLETED"))
            status = qemuProcessEventString(data, "error") ? "failed" : "completed";
        else if (STREQ(name, "BLOCK_JOB_CANCELLED"))
            status = "cancelled";
        else if (STREQ(name, "BLOCK_JOB_READY"))
            status = "ready";
        else
            status = "error";
    }
    if (!id || !status)
        return;
    g_hash_table_insert(priv->jobs, g_strdup(id), g_strdup(status));
    g_cond_broadcast(&priv->jobCond);
}


static void
qemuProcessHandleEOF(qemuDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    int reason = VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    int detail = VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;

    if (priv->beingDestroyed || !virDomainObjIsActive(vm))
        return;
    /* A QEMU that went without saying SHUTDOWN was killed or crashed;
     * libvirt reports that as crashed/failed. */
    if (!priv->gotShutdown) {
        reason = VIR_DOMAIN_SHUTOFF_CRASHED;
        detail = VIR_DOMAIN_EVENT_STOPPED_FAILED;
    }
    qemuProcessStop(driver, vm, reason);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STOPPED, detail);
    qemuDomainRemoveInactive(driver, vm);
}


static void
qemuProcessHandleEvent(qemuDriver *driver, virDomainObj *vm,
                       const char *name, json_object *data,
                       unsigned long long seq)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    int state = virDomainObjGetState(vm, NULL);

    /* A stop or resume our own command caused is applied already. */
    if ((STREQ(name, "STOP") || STREQ(name, "RESUME")) && seq < priv->stateSeq)
        return;

    if (STREQ(name, "SHUTDOWN")) {
        json_object *guest = NULL;
        bool byGuest = data && json_object_object_get_ex(data, "guest", &guest) &&
                       json_object_get_boolean(guest);

        priv->gotShutdown = true;
        virDomainObjSetState(vm, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SHUTDOWN,
                                byGuest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST :
                                          VIR_DOMAIN_EVENT_SHUTDOWN_HOST);
    } else if (STREQ(name, "STOP")) {
        if (state != VIR_DOMAIN_RUNNING)
            return;
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    } else if (STREQ(name, "RESUME")) {
        if (state != VIR_DOMAIN_PAUSED)
            return;
        virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_RESUMED,
                                VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    } else if (STREQ(name, "RESET")) {
        qemuDriverQueueEvent(driver, virDomainEventRebootNewFromObj(vm));
        return;
    } else if (STREQ(name, "VSERPORT_CHANGE")) {
        if (qemuAgentChannelStateChange(vm->def, data) <= 0)
            return;
    } else if (g_str_has_prefix(name, "BLOCK_JOB_") ||
               STREQ(name, "JOB_STATUS_CHANGE")) {
        qemuProcessHandleJob(priv, name, data);
        return;
    } else {
        return;
    }
    if (qemuDomainSaveStatus(driver, vm) < 0) {
        VIR_WARN("cannot save the status of domain '%s'", vm->def->name);
        virResetLastError();
    }
}


/**
 * qemuProcessEventWorker:
 * @data: a qemuProcessEvent, consumed
 * @opaque: the driver state
 *
 * The driver's event thread: apply one monitor event or EOF to its
 * domain, unless the monitor it came from has been closed since.
 */
void
qemuProcessEventWorker(gpointer data, gpointer opaque)
{
    qemuProcessEvent *ev = data;
    qemuDriver *driver = opaque;
    qemuDomainObjPrivate *priv;

    virDomainObjLock(ev->vm);
    priv = qemuDomainObjPrivateGet(ev->vm);
    if (priv->mon && priv->monGeneration == ev->generation) {
        if (ev->name)
            qemuProcessHandleEvent(driver, ev->vm, ev->name, ev->data, ev->seq);
        else
            qemuProcessHandleEOF(driver, ev->vm);
    }
    virDomainObjUnlock(ev->vm);
    qemuProcessEventFree(ev);
}


/* ------------------------------------------------------------------ */
/* Monitor ownership                                                  */

static int
qemuProcessConnectMonitor(qemuDriver *driver, virDomainObj *vm,
                          off_t logOffset, int timeoutMs)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    qemuMonitorOwner *owner = g_new0(qemuMonitorOwner, 1);

    owner->driver = driver;
    owner->vm = virDomainObjRef(vm);
    owner->generation = ++priv->monGeneration;
    if (!(priv->mon = qemuMonitorOpen(priv->monPath, vm->def->name, priv->pid,
                                      priv->logPath, logOffset, timeoutMs,
                                      &qemuProcessMonitorCallbacks, owner))) {
        virDomainObjUnref(owner->vm);
        g_free(owner);
        return -1;
    }
    priv->monOwner = owner;
    return 0;
}


static void
qemuProcessCloseMonitor(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    qemuMonitorOwner *owner = priv->monOwner;

    priv->monGeneration++;
    qemuMonitorClose(g_steal_pointer(&priv->mon));
    priv->monOwner = NULL;
    if (owner) {
        /* @vm is locked and referenced by our caller: this is never the
         * last reference. */
        virDomainObjUnref(owner->vm);
        g_free(owner);
    }
}


/**
 * qemuProcessDetach:
 * @vm: a running domain, locked
 *
 * Close @vm's monitor and leave QEMU running (the driver state is going
 * away; another one will reconnect).
 */
void
qemuProcessDetach(virDomainObj *vm)
{
    qemuProcessCloseMonitor(vm);
}


/* ------------------------------------------------------------------ */
/* Stopping                                                           */

/* Wait up to @ms for @pid to die, reaping it when it is our child.
 * Returns true once it is gone. */
static bool
qemuProcessWaitGone(pid_t pid, int ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;

    for (;;) {
        pid_t rc = waitpid(pid, NULL, WNOHANG);

        if (rc == pid)
            return true;
        if (rc < 0 && errno != ECHILD && errno != EINTR)
            return true;
        if (rc < 0 && errno == ECHILD && !qemuProcessPidAlive(pid))
            return true;
        if (g_get_monotonic_time() > deadline)
            return false;
        g_usleep(2 * 1000);
    }
}


/**
 * qemuProcessKill:
 * @vm: a running domain, locked
 * @graceful: only ask (SIGTERM); do not force (SIGKILL)
 *
 * End @vm's QEMU: SIGTERM, and SIGKILL when it is still there after a
 * grace period; reap it.  Returns 0, or -1 with VIR_ERR_OPERATION_FAILED
 * when a graceful kill did not end it.
 */
int
qemuProcessKill(virDomainObj *vm, bool graceful)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    pid_t pid = priv->pid;

    if (pid <= 0)
        return 0;
    /* Gone already (the EOF of a crash): reap it if it is ours, and
     * signal nothing, since its pid may be reused by now. */
    if (!qemuProcessPidAlive(pid)) {
        qemuProcessWaitGone(pid, 0);
        return 0;
    }
    if (kill(pid, SIGTERM) < 0 && errno == ESRCH) {
        qemuProcessWaitGone(pid, 0);
        return 0;
    }
    if (qemuProcessWaitGone(pid, QEMU_DESTROY_GRACE_MS))
        return 0;
    if (graceful) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("Failed to terminate process %1$lld with SIGTERM"),
                       (long long)pid);
        return -1;
    }
    kill(pid, SIGKILL);
    if (!qemuProcessWaitGone(pid, 10 * 1000))
        VIR_WARN("QEMU process %lld of '%s' survived SIGKILL",
                 (long long)pid, vm->def->name);
    return 0;
}


static void
qemuProcessRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!path)
        return;
    if ((dir = g_dir_open(path, 0, NULL))) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                qemuProcessRemoveTree(child);
            else
                unlink(child);
        }
    }
    rmdir(path);
}


static void
qemuProcessLogLine(const char *logPath, const char *what)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
    g_autofree char *line = g_strdup_printf("%.23s+0000: %s\n", stamp, what);
    int fd;

    if (!logPath || (fd = open(logPath, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0)
        return;
    if (write(fd, line, strlen(line)) < 0)
        VIR_DEBUG("cannot write to '%s'", logPath);
    close(fd);
}


/**
 * qemuProcessStop:
 * @driver: a driver state
 * @vm: a running (or half-started) domain, locked
 * @reason: a virDomainShutoffReason
 *
 * Make sure QEMU is gone, close the monitor, remove the status and
 * runtime files, release the images, and put @vm back on its persistent
 * definition, shut off for @reason.  Keeps the thread's last error.
 * Emits no event: the caller knows which one.
 */
void
qemuProcessStop(qemuDriver *driver, virDomainObj *vm, int reason)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autofree char *status = qemuDriverStatusFile(driver, vm->def->name);
    g_autofree char *msg = g_strdup_printf("shutting down, reason=%s",
                                           reason == VIR_DOMAIN_SHUTOFF_CRASHED ? "crashed" :
                                           reason == VIR_DOMAIN_SHUTOFF_DESTROYED ? "destroyed" :
                                           reason == VIR_DOMAIN_SHUTOFF_SAVED ? "saved" :
                                           reason == VIR_DOMAIN_SHUTOFF_FAILED ? "failed" :
                                           "shutdown");
    virErrorPtr saved = NULL;

    virErrorPreserveLast(&saved);
    priv->beingDestroyed = true;
    qemuProcessKill(vm, false);
    qemuProcessCloseMonitor(vm);
    qemuProcessLogLine(priv->logPath, msg);

    unlink(status);
    qemuProcessRemoveTree(priv->runDir);
    if (priv->homeDir) {
        g_autofree char *channelDir = qemuChannelSocketDir(priv->homeDir);

        qemuProcessRemoveTree(channelDir);
    }
    qemuProcessRemoveTree(priv->homeDir);
    qemuDriverReleaseImages(driver, vm->def->name);

    priv->pid = 0;
    priv->gotShutdown = false;
    priv->beingDestroyed = false;
    g_clear_pointer(&priv->monPath, g_free);
    g_clear_pointer(&priv->runDir, g_free);
    g_clear_pointer(&priv->homeDir, g_free);
    g_clear_pointer(&priv->caps, qemuCapsUnref);
    g_hash_table_remove_all(priv->jobs);
    g_cond_broadcast(&priv->jobCond);

    virDomainObjRemoveTransientDef(vm);
    vm->def->id = -1;
    virDomainObjSetState(vm, VIR_DOMAIN_SHUTOFF, reason);
    virErrorRestore(&saved);
}


/* ------------------------------------------------------------------ */
/* Starting                                                           */

/* Pick the first free port from 5900 for VNC autoport. */
static int
qemuProcessVNCPort(void)
{
    int port;

    for (port = 5900; port < 65536; port++) {
        struct sockaddr_in addr = { .sin_family = AF_INET,
                                    .sin_port = htons(port),
                                    .sin_addr.s_addr = htonl(INADDR_ANY) };
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int rc;

        if (fd < 0)
            break;
        rc = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
        close(fd);
        if (rc == 0)
            return port;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("Unable to find an unused port in range 'display' (5900-65535)"));
    return -1;
}


static int
qemuProcessPrepareGraphics(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        virDomainGraphicsDef *gfx = def->graphics[i];

        if (gfx->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC &&
            (gfx->autoport || gfx->port < 0) &&
            (gfx->port = qemuProcessVNCPort()) < 0)
            return -1;
    }
    return 0;
}


/* A virtio unix channel without a path gets its socket under the
 * driver's channel directory, written into the live XML as libvirt
 * shows it, and starts disconnected until QEMU says otherwise. */
static int
qemuProcessPrepareChannels(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    bool placed = false;
    size_t i;

    for (i = 0; i < vm->def->nchannels; i++) {
        virDomainChrDef *chr = vm->def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            continue;
        chr->state = VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED;
        if (chr->source.type != VIR_DOMAIN_CHR_TYPE_UNIX || chr->source.path)
            continue;
        chr->source.path = qemuChannelSocketPath(priv->homeDir, chr, i);
        chr->source.listen = true;
        placed = true;
    }
    if (placed) {
        g_autofree char *dir = qemuChannelSocketDir(priv->homeDir);

        if (virFileMakePath(dir, 0700) < 0) {
            virReportSystemError(errno, _("cannot create directory '%1$s'"), dir);
            return -1;
        }
    }
    return 0;
}


static int
qemuProcessPreparePaths(qemuDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autofree char *dirname = g_strdup_printf("domain-%d-%s", vm->def->id,
                                               vm->def->name);

    priv->runDir = g_build_filename(driver->stateDir, dirname, NULL);
    priv->homeDir = g_build_filename(driver->libDir, dirname, NULL);
    priv->monPath = g_build_filename(priv->runDir, "monitor.sock", NULL);
    g_free(priv->logPath);
    priv->logPath = g_strdup_printf("%s/%s.log", driver->logDir, vm->def->name);

    if (virFileMakePath(priv->runDir, 0700) < 0 ||
        virFileMakePath(priv->homeDir, 0700) < 0 ||
        virFileMakePath(driver->logDir, 0755) < 0)
        return -1;
    unlink(priv->monPath);
    return qemuProcessPrepareChannels(vm);
}


/* Open the log for appending and write the header and command line;
 * returns the descriptor and where QEMU's own output will start. */
static int
qemuProcessOpenLog(virDomainObj *vm, const char *cmdline, off_t *offset)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
    g_autofree char *header = NULL;
    int fd;

    if ((fd = open(priv->logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("failed to create logfile %1$s"), priv->logPath);
        return -1;
    }
    header = g_strdup_printf("%.23s+0000: starting up virtplug version: %s, qemu version: %u.%u.%u%s%s\n%s\n",
                             stamp, PACKAGE_VERSION,
                             priv->caps->version / 1000000,
                             (priv->caps->version / 1000) % 1000,
                             priv->caps->version % 1000,
                             priv->caps->package ? " " : "",
                             NULLSTR_EMPTY(priv->caps->package), cmdline);
    if (write(fd, header, strlen(header)) < 0) {
        virReportSystemError(errno, _("cannot write to %1$s"), priv->logPath);
        close(fd);
        return -1;
    }
    *offset = lseek(fd, 0, SEEK_END);
    return fd;
}


static int
qemuProcessLaunch(qemuDriver *driver, virDomainObj *vm, bool incoming,
                  off_t *logOffset)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *cmdline = NULL;
    qemuCommandPaths paths = { .monitor = priv->monPath, .home = priv->homeDir };
    int logfd;
    pid_t pid;

    if (qemuBuildCommandLine(vm->def, priv->caps, &paths, incoming,
                             qemuDomainUseKVM(vm->def, driver->forceTCG),
                             env, args) < 0)
        return -1;
    cmdline = qemuCommandFormat(env, args, true);
    g_ptr_array_add(env, NULL);
    g_ptr_array_add(args, NULL);

    if ((logfd = qemuProcessOpenLog(vm, cmdline, logOffset)) < 0)
        return -1;
    pid = qemuProcessSpawn((char **)args->pdata, (char **)env->pdata, logfd);
    close(logfd);
    if (pid < 0)
        return -1;
    priv->pid = pid;
    return 0;
}


static int
qemuProcessIncoming(virDomainObj *vm, int fd)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    json_object *args = json_object_new_object();
    gint64 deadline = g_get_monotonic_time() + (gint64)QEMU_INCOMING_TIMEOUT_MS * 1000;

    json_object_object_add(args, "fdname", json_object_new_string("migrate"));
    if (qemuMonitorCommand(priv->mon, "getfd", args, fd, -1, NULL) < 0)
        return -1;
    args = json_object_new_object();
    json_object_object_add(args, "uri", json_object_new_string("fd:migrate"));
    if (qemuMonitorCommand(priv->mon, "migrate-incoming", args, -1, -1, NULL) < 0)
        return -1;

    for (;;) {
        g_autoptr(json_object) ret = NULL;
        json_object *status;
        const char *word;

        if (qemuMonitorCommand(priv->mon, "query-migrate", NULL, -1, -1, &ret) < 0)
            return -1;
        word = json_object_object_get_ex(ret, "status", &status) ?
               json_object_get_string(status) : "";
        if (STREQ(word, "completed"))
            return 0;
        if (STREQ(word, "failed") || STREQ(word, "cancelled")) {
            json_object *desc = NULL;

            json_object_object_get_ex(ret, "error-desc", &desc);
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("restoring domain '%1$s' failed: %2$s"), vm->def->name,
                           desc ? json_object_get_string(desc) : word);
            return -1;
        }
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("restoring domain '%1$s' did not complete"), vm->def->name);
            return -1;
        }
        g_usleep(10 * 1000);
    }
}


/* Record the ptys QEMU allocated for serial ports in the live XML. */
static int
qemuProcessReadPtys(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autoptr(json_object) ret = NULL;
    virDomainDef *def = vm->def;
    size_t i;
    size_t j;

    if (def->nserials == 0)
        return 0;
    if (qemuMonitorCommand(priv->mon, "query-chardev", NULL, -1, -1, &ret) < 0)
        return -1;
    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];
        g_autofree char *label = g_strdup_printf("char%s", chr->info.alias);

        if (chr->source.type != VIR_DOMAIN_CHR_TYPE_PTY)
            continue;
        for (j = 0; j < json_object_array_length(ret); j++) {
            json_object *entry = json_object_array_get_idx(ret, j);
            const char *elabel = qemuProcessEventString(entry, "label");
            const char *file = qemuProcessEventString(entry, "filename");

            if (STREQ_NULLABLE(elabel, label) && file && STRPREFIX(file, "pty:")) {
                g_free(chr->source.path);
                chr->source.path = g_strdup(file + 4);
            }
        }
    }
    /* The serial console shows the first serial port's pty. */
    if (def->nconsoles && def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
        def->consoles[0]->source.type == VIR_DOMAIN_CHR_TYPE_PTY) {
        g_free(def->consoles[0]->source.path);
        def->consoles[0]->source.path = g_strdup(def->serials[0]->source.path);
    }
    return 0;
}


static int
qemuProcessPrepareDef(qemuDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);

    if (virDomainObjSetDefTransient(vm) < 0)
        return -1;
    vm->def->id = virDomainObjListNextID(driver->domains);
    if (!(priv->caps = qemuCapsCacheLookup(driver, vm->def->emulator)))
        return -1;
    if (qemuDomainUseKVM(vm->def, driver->forceTCG) && !qemuKVMUsable()) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%1$s' of type 'kvm' needs /dev/kvm, which is not usable on this host"),
                       vm->def->name);
        return -1;
    }
    if (qemuBlockPrepareChains(vm->def) < 0 ||
        qemuDriverClaimImages(driver, vm->def) < 0)
        return -1;
    qemuDomainAssignAliases(vm->def);
    if (qemuProcessPrepareGraphics(vm->def) < 0)
        return -1;
    return qemuProcessPreparePaths(driver, vm);
}


/**
 * qemuProcessStart:
 * @driver: a driver state
 * @vm: a stopped domain, locked
 * @restoreFd: a saved state to load (QEMU_PROCESS_START_RESTORE), else -1
 * @flags: qemuProcessStartFlags
 *
 * Check the images, build the command line, run QEMU stopped, connect
 * its monitor, load the saved state if any, then let the vCPUs run
 * unless paused was asked, and save the status.  Any failure leaves
 * nothing behind: QEMU killed, files removed, @vm shut off (failed).
 * Emits no event.  Returns 0, or -1 with an error naming the domain or
 * the image.
 */
int
qemuProcessStart(qemuDriver *driver, virDomainObj *vm, int restoreFd,
                 unsigned int flags)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    bool restore = flags & QEMU_PROCESS_START_RESTORE;
    off_t logOffset = 0;

    if (virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        return -1;
    }
    priv->gotShutdown = false;
    priv->beingDestroyed = false;

    if (qemuProcessPrepareDef(driver, vm) < 0 ||
        qemuProcessLaunch(driver, vm, restore, &logOffset) < 0 ||
        qemuProcessConnectMonitor(driver, vm, logOffset,
                                  QEMU_MONITOR_CONNECT_TIMEOUT_MS) < 0 ||
        (restore && qemuProcessIncoming(vm, restoreFd) < 0) ||
        qemuProcessReadPtys(vm) < 0)
        goto error;

    if (flags & QEMU_PROCESS_START_PAUSED) {
        qemuDomainSetRunState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    } else {
        if (qemuMonitorRun(priv->mon, "cont") < 0)
            goto error;
        qemuDomainSetRunState(vm, VIR_DOMAIN_RUNNING,
                              restore ? VIR_DOMAIN_RUNNING_RESTORED :
                                        VIR_DOMAIN_RUNNING_BOOTED);
    }
    if (qemuDomainSaveStatus(driver, vm) < 0)
        goto error;
    return 0;

 error:
    qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_FAILED);
    return -1;
}


/**
 * qemuProcessStartWithEvents:
 * @driver: a driver state
 * @vm: a stopped domain, locked
 * @startFlags: VIR_DOMAIN_START_PAUSED or 0
 *
 * Start @vm as virDomainCreate does: from its managed save image when it
 * has one (STARTED/RESTORED), else a fresh boot (STARTED/BOOTED), then
 * SUSPENDED/PAUSED when asked to stay paused, libvirt's event pairs.
 * Returns 0 or -1 with an error set.
 */
int
qemuProcessStartWithEvents(qemuDriver *driver, virDomainObj *vm,
                           unsigned int startFlags)
{
    bool paused = startFlags & VIR_DOMAIN_START_PAUSED;

    if (vm->hasManagedSave)
        return qemuDomainRestoreManagedSave(driver, vm, paused);

    if (qemuProcessStart(driver, vm, -1, paused ? QEMU_PROCESS_START_PAUSED : 0) < 0)
        return -1;
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                            VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (paused)
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}


/* ------------------------------------------------------------------ */
/* Reconnecting                                                       */

/**
 * qemuProcessReconnect:
 * @driver: a driver state being created
 * @vm: a domain loaded from its status XML, locked
 *
 * Take a QEMU that another process (or an earlier state of this one)
 * started back under watch: check it lives, connect its monitor, read
 * whether it runs, claim its images.  A QEMU that lives but does not
 * answer is killed, so that the domain cannot run twice.  Returns 0, or
 * -1 with an error (the caller stops @vm).
 */
int
qemuProcessReconnect(qemuDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autofree char *dirname = g_strdup_printf("domain-%d-%s", vm->def->id,
                                               vm->def->name);
    g_autofree char *status = NULL;
    bool running;
    int reason;
    int state = virDomainObjGetState(vm, &reason);

    priv->runDir = g_path_get_dirname(priv->monPath);
    priv->homeDir = g_build_filename(driver->libDir, dirname, NULL);
    priv->logPath = g_strdup_printf("%s/%s.log", driver->logDir, vm->def->name);

    if (!qemuProcessPidAlive(priv->pid)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU process %1$lld of domain '%2$s' is gone"),
                       (long long)priv->pid, vm->def->name);
        return -1;
    }
    if (!(priv->caps = qemuCapsCacheLookup(driver, vm->def->emulator)))
        virResetLastError();

    if (qemuProcessConnectMonitor(driver, vm, 0, QEMU_RECONNECT_TIMEOUT_MS) < 0 ||
        qemuMonitorQueryStatus(priv->mon, &running, &status) < 0)
        return -1;

    if (running) {
        if (state != VIR_DOMAIN_RUNNING)
            qemuDomainSetRunState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    } else if (STREQ_NULLABLE(status, "shutdown")) {
        priv->gotShutdown = true;
    } else if (state != VIR_DOMAIN_PAUSED) {
        qemuDomainSetRunState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
    }
    priv->stateSeq = qemuMonitorReplySeq(priv->mon);

    if (qemuDriverClaimImages(driver, vm->def) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
    }
    if (qemuDomainSaveStatus(driver, vm) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
    }
    return 0;
}
