/*
 * qemu_monitor.c: a QMP client on json-c over QEMU's unix socket
 *
 * Each monitor has its own reader thread, so events arrive and QEMU's
 * death is noticed whether or not the application runs an event loop.
 * Commands carry ids ("libvirt-N", as libvirt's do) and wait for the
 * reply with that id; one command is in flight at a time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How much of QEMU's log an error quotes when QEMU dies early. */
#define QEMU_LOG_TAIL_BYTES 2048

/*
 * Locking: @lock guards the members below it and is never held while
 * calling back or writing; @cmdLock serializes commands and is taken
 * before @lock.
 */
struct _qemuMonitor {
    int fd;
    char *vmname;
    pid_t pid;                  /* for liveness checks, 0 if unknown */
    char *logPath;              /* quoted in errors, may be NULL */
    off_t logOffset;            /* where QEMU's output starts in it */
    const qemuMonitorCallbacks *cb;
    void *opaque;
    GThread *thread;
    GMutex cmdLock;

    GMutex lock;
    GCond cond;
    bool closing;               /* qemuMonitorClose() has begun */
    bool dead;                  /* the reader saw EOF or an error */
    bool greeted;               /* the QMP greeting arrived */
    char *pendingId;            /* the command awaiting its reply */
    json_object *reply;         /* that reply, once it came */
    unsigned long long serial;
    unsigned long long seq;     /* messages received, greeting aside */
    unsigned long long replySeq; /* @seq of the last matched reply */
};


/**
 * qemuProcessLogTail:
 * @logPath: a QEMU log file, or NULL
 * @offset: where QEMU's own output starts (after our header)
 *
 * Returns the last lines QEMU wrote to @logPath (what it said before
 * dying), trimmed; an empty string when there is nothing.  Caller frees.
 */
char *
qemuProcessLogTail(const char *logPath, off_t offset)
{
    g_autofree char *text = NULL;
    char *start;
    size_t len;

    if (!logPath || !g_file_get_contents(logPath, &text, &len, NULL) ||
        offset < 0 || (size_t)offset > len)
        return g_strdup("");
    start = text + offset;
    if (len - offset > QEMU_LOG_TAIL_BYTES) {
        start = text + len - QEMU_LOG_TAIL_BYTES;
        if (strchr(start, '\n'))
            start = strchr(start, '\n') + 1;
    }
    return g_strstrip(g_strdup(start));
}


static void
qemuMonitorReportEOF(qemuMonitor *mon)
{
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("End of file from qemu monitor (vm='%1$s')"), mon->vmname);
}


static void
qemuMonitorDispatch(qemuMonitor *mon, const char *line)
{
    g_autoptr(json_object) msg = json_tokener_parse(line);
    json_object *val;

    if (!msg || !json_object_is_type(msg, json_type_object)) {
        VIR_WARN("unparsable message from the monitor of '%s': %s",
                 mon->vmname, line);
        return;
    }

    if (json_object_object_get_ex(msg, "QMP", &val)) {
        g_mutex_lock(&mon->lock);
        mon->greeted = true;
        g_cond_broadcast(&mon->cond);
        g_mutex_unlock(&mon->lock);
        return;
    }

    if (json_object_object_get_ex(msg, "event", &val)) {
        json_object *data = NULL;
        unsigned long long seq;

        g_mutex_lock(&mon->lock);
        seq = ++mon->seq;
        g_mutex_unlock(&mon->lock);
        json_object_object_get_ex(msg, "data", &data);
        VIR_DEBUG("monitor '%s' event %s", mon->vmname, json_object_get_string(val));
        if (mon->cb && mon->cb->event)
            mon->cb->event(mon, json_object_get_string(val), data, seq, mon->opaque);
        return;
    }

    if (json_object_object_get_ex(msg, "id", &val)) {
        g_mutex_lock(&mon->lock);
        mon->seq++;
        if (mon->pendingId && STREQ(mon->pendingId, json_object_get_string(val))) {
            mon->reply = json_object_get(msg);
            mon->replySeq = mon->seq;
            g_cond_broadcast(&mon->cond);
        }
        g_mutex_unlock(&mon->lock);
    }
}


static gpointer
qemuMonitorReader(gpointer opaque)
{
    qemuMonitor *mon = opaque;
    g_autoptr(GString) buf = g_string_new(NULL);
    char chunk[4096];
    bool callEOF;

    for (;;) {
        ssize_t n = read(mon->fd, chunk, sizeof(chunk));
        char *nl;

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        g_string_append_len(buf, chunk, n);

        while ((nl = memchr(buf->str, '\n', buf->len))) {
            size_t linelen = nl - buf->str;
            g_autofree char *line = g_strndup(buf->str, linelen);

            g_string_erase(buf, 0, linelen + 1);
            g_strstrip(line);
            if (*line)
                qemuMonitorDispatch(mon, line);
        }
    }

    g_mutex_lock(&mon->lock);
    mon->dead = true;
    callEOF = !mon->closing;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);

    if (callEOF && mon->cb && mon->cb->eof)
        mon->cb->eof(mon, mon->opaque);
    return NULL;
}


/* Connect to @path, retrying while QEMU has not created it yet and
 * QEMU is still alive.  Returns the socket or -1 with an error. */
static int
qemuMonitorConnect(const char *path, const char *vmname, pid_t pid,
                   const char *logPath, off_t logOffset, int timeoutMs)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("monitor socket path '%1$s' of domain '%2$s' is longer than %3$zu bytes"),
                       path, vmname, sizeof(addr.sun_path) - 1);
        return -1;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));

    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int err;

        if (fd < 0) {
            virReportSystemError(errno, "%s", _("failed to create socket"));
            return -1;
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return fd;
        err = errno;
        close(fd);

        if (err != ENOENT && err != ECONNREFUSED && err != EAGAIN) {
            virReportSystemError(err, _("failed to connect to monitor socket '%1$s'"),
                                 path);
            return -1;
        }
        if (pid > 0 && !qemuProcessPidAlive(pid)) {
            g_autofree char *tail = qemuProcessLogTail(logPath, logOffset);

            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process exited while connecting to monitor: %1$s"),
                           tail);
            return -1;
        }
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("monitor socket '%1$s' of domain '%2$s' did not appear within %3$d ms"),
                           path, vmname, timeoutMs);
            return -1;
        }
        g_usleep(5 * 1000);
    }
}


static int
qemuMonitorWaitGreeting(qemuMonitor *mon, int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    bool greeted;
    bool dead;

    g_mutex_lock(&mon->lock);
    while (!mon->greeted && !mon->dead) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline))
            break;
    }
    greeted = mon->greeted;
    dead = mon->dead;
    g_mutex_unlock(&mon->lock);

    if (greeted)
        return 0;
    if (dead) {
        g_autofree char *tail = qemuProcessLogTail(mon->logPath, mon->logOffset);

        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("qemu unexpectedly closed the monitor: %1$s"), tail);
    } else {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("QEMU of domain '%1$s' sent no QMP greeting within %2$d ms"),
                       mon->vmname, timeoutMs);
    }
    return -1;
}


/**
 * qemuMonitorOpen:
 * @path: QEMU's QMP socket
 * @vmname: the domain's name, for errors
 * @pid: QEMU's pid, whose death ends the wait early; 0 if unknown
 * @logPath: QEMU's log, quoted when it dies early; may be NULL
 * @logOffset: where QEMU's output starts in @logPath
 * @timeoutMs: how long QEMU may take to create the socket and greet
 * @cb: callbacks for events and EOF, or NULL
 * @opaque: passed to @cb
 *
 * Connect, read the greeting, leave capabilities negotiation mode and
 * start the reader thread.  Returns the monitor (close it with
 * qemuMonitorClose()), or NULL with an error set quoting QEMU's last
 * words when it died.
 */
qemuMonitor *
qemuMonitorOpen(const char *path, const char *vmname, pid_t pid,
                const char *logPath, off_t logOffset, int timeoutMs,
                const qemuMonitorCallbacks *cb, void *opaque)
{
    qemuMonitor *mon;
    int fd;

    if ((fd = qemuMonitorConnect(path, vmname, pid, logPath, logOffset,
                                 timeoutMs)) < 0)
        return NULL;

    mon = g_new0(qemuMonitor, 1);
    mon->fd = fd;
    mon->vmname = g_strdup(vmname);
    mon->pid = pid;
    mon->logPath = g_strdup(logPath);
    mon->logOffset = logOffset;
    mon->cb = cb;
    mon->opaque = opaque;
    g_mutex_init(&mon->lock);
    g_mutex_init(&mon->cmdLock);
    g_cond_init(&mon->cond);
    mon->thread = g_thread_new("qemu-monitor", qemuMonitorReader, mon);

    if (qemuMonitorWaitGreeting(mon, timeoutMs) < 0 ||
        qemuMonitorRun(mon, "qmp_capabilities") < 0) {
        qemuMonitorClose(mon);
        return NULL;
    }
    return mon;
}


/**
 * qemuMonitorClose:
 * @mon: a monitor, or NULL
 *
 * Disconnect (QEMU keeps running), wait for the reader thread and free
 * @mon.  No callback starts once this has begun.
 */
void
qemuMonitorClose(qemuMonitor *mon)
{
    if (!mon)
        return;

    g_mutex_lock(&mon->lock);
    mon->closing = true;
    g_mutex_unlock(&mon->lock);

    shutdown(mon->fd, SHUT_RDWR);
    g_thread_join(mon->thread);
    close(mon->fd);

    if (mon->reply)
        json_object_put(mon->reply);
    g_free(mon->pendingId);
    g_free(mon->vmname);
    g_free(mon->logPath);
    g_mutex_clear(&mon->lock);
    g_mutex_clear(&mon->cmdLock);
    g_cond_clear(&mon->cond);
    g_free(mon);
}


/**
 * qemuMonitorReplySeq:
 * @mon: a monitor
 *
 * Returns the place of the last command reply in the order of messages
 * from QEMU: events with a lower sequence number (see the event
 * callback) came before it.  A caller that has applied the effect of
 * its command itself records this, so that the events the command
 * caused are not applied a second time, late.
 */
unsigned long long
qemuMonitorReplySeq(qemuMonitor *mon)
{
    unsigned long long seq;

    g_mutex_lock(&mon->lock);
    seq = mon->replySeq;
    g_mutex_unlock(&mon->lock);
    return seq;
}


/**
 * qemuMonitorIsAlive:
 * @mon: a monitor
 *
 * Returns false once the socket has closed.
 */
bool
qemuMonitorIsAlive(qemuMonitor *mon)
{
    bool dead;

    g_mutex_lock(&mon->lock);
    dead = mon->dead;
    g_mutex_unlock(&mon->lock);
    return !dead;
}


/* Write all of @data, the first chunk carrying @fd (when >= 0) as
 * SCM_RIGHTS, as QMP's getfd and add-fd expect it. */
static int
qemuMonitorSend(qemuMonitor *mon, const char *data, size_t len, int fd)
{
    while (len > 0) {
        struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
        char control[CMSG_SPACE(sizeof(int))];
        ssize_t n;

        if (fd >= 0) {
            struct cmsghdr *cmsg;

            memset(control, 0, sizeof(control));
            msg.msg_control = control;
            msg.msg_controllen = sizeof(control);
            cmsg = CMSG_FIRSTHDR(&msg);
            cmsg->cmsg_level = SOL_SOCKET;
            cmsg->cmsg_type = SCM_RIGHTS;
            cmsg->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
        }
        if ((n = sendmsg(mon->fd, &msg, MSG_NOSIGNAL)) < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EPIPE || errno == ECONNRESET) {
                qemuMonitorReportEOF(mon);
                return -1;
            }
            virReportSystemError(errno,
                                 _("cannot write to the monitor of domain '%1$s'"),
                                 mon->vmname);
            return -1;
        }
        fd = -1;
        data += n;
        len -= n;
    }
    return 0;
}


/* Send @msg (an object with an "id" member set to @id) and wait for the
 * reply.  Returns the reply, or NULL with an error set. */
static json_object *
qemuMonitorTransact(qemuMonitor *mon, const char *what, json_object *msg,
                    const char *id, int fd, int timeoutMs)
{
    g_autofree char *text = NULL;
    json_object *reply;
    gint64 deadline;

    if (timeoutMs < 0)
        timeoutMs = QEMU_MONITOR_TIMEOUT_MS;
    text = g_strdup_printf("%s\r\n",
                           json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN));
    VIR_DEBUG("monitor '%s' send %s", mon->vmname, text);

    g_mutex_lock(&mon->cmdLock);
    g_mutex_lock(&mon->lock);
    if (mon->dead) {
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        qemuMonitorReportEOF(mon);
        return NULL;
    }
    g_free(mon->pendingId);
    mon->pendingId = g_strdup(id);
    g_mutex_unlock(&mon->lock);

    if (qemuMonitorSend(mon, text, strlen(text), fd) < 0) {
        g_mutex_lock(&mon->lock);
        g_clear_pointer(&mon->pendingId, g_free);
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        return NULL;
    }

    deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    g_mutex_lock(&mon->lock);
    while (!mon->reply && !mon->dead) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline))
            break;
    }
    reply = g_steal_pointer(&mon->reply);
    g_clear_pointer(&mon->pendingId, g_free);
    if (!reply && mon->dead) {
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        qemuMonitorReportEOF(mon);
        return NULL;
    }
    g_mutex_unlock(&mon->lock);
    g_mutex_unlock(&mon->cmdLock);

    if (!reply) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("QEMU of domain '%1$s' did not answer '%2$s' within %3$d ms"),
                       mon->vmname, what, timeoutMs);
        return NULL;
    }
    return reply;
}


static char *
qemuMonitorNextId(qemuMonitor *mon)
{
    unsigned long long serial;

    g_mutex_lock(&mon->lock);
    serial = ++mon->serial;
    g_mutex_unlock(&mon->lock);
    return g_strdup_printf("libvirt-%llu", serial);
}


/**
 * qemuMonitorCommand:
 * @mon: a monitor
 * @command: a QMP command ("cont")
 * @args: its arguments, taken over; NULL for none
 * @fd: a file descriptor to pass along (getfd), or -1
 * @timeoutMs: how long to wait for the reply, -1 for the default
 * @ret: set to the "return" value, for the caller to put; may be NULL
 *
 * Returns 0, or -1 with an error set: QEMU's own error as libvirt
 * words it ("unable to execute QEMU command 'X': DESC"), an
 * end-of-file naming the domain, or a timeout.
 */
int
qemuMonitorCommand(qemuMonitor *mon, const char *command,
                   json_object *args, int fd, int timeoutMs,
                   json_object **ret)
{
    g_autoptr(json_object) msg = json_object_new_object();
    g_autoptr(json_object) reply = NULL;
    g_autofree char *id = qemuMonitorNextId(mon);
    json_object *val;

    json_object_object_add(msg, "execute", json_object_new_string(command));
    if (args)
        json_object_object_add(msg, "arguments", args);
    json_object_object_add(msg, "id", json_object_new_string(id));

    if (!(reply = qemuMonitorTransact(mon, command, msg, id, fd, timeoutMs)))
        return -1;

    if (json_object_object_get_ex(reply, "error", &val)) {
        json_object *desc = NULL;

        json_object_object_get_ex(val, "desc", &desc);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unable to execute QEMU command '%1$s': %2$s"),
                       command, desc ? json_object_get_string(desc) : "unknown error");
        return -1;
    }
    if (ret) {
        if (!json_object_object_get_ex(reply, "return", &val)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("QEMU reply to '%1$s' has no return value"), command);
            return -1;
        }
        *ret = json_object_get(val);
    }
    return 0;
}


/**
 * qemuMonitorCommandRaw:
 * @mon: a monitor
 * @json: a whole QMP command as a JSON object
 * @fd: a file descriptor to pass along, or -1
 * @timeoutMs: how long to wait, -1 for the default
 *
 * Pass a command through as written (virDomainQemuMonitorCommand); an
 * "id" is added or replaced.  Returns QEMU's whole reply as JSON text,
 * an error reply included, for the caller to free; NULL with an error
 * set when @json is not an object or QEMU does not answer.
 */
char *
qemuMonitorCommandRaw(qemuMonitor *mon, const char *json, int fd, int timeoutMs)
{
    g_autoptr(json_object) msg = json_tokener_parse(json);
    g_autoptr(json_object) reply = NULL;
    g_autofree char *id = qemuMonitorNextId(mon);
    json_object *exec;

    if (!msg || !json_object_is_type(msg, json_type_object) ||
        !json_object_object_get_ex(msg, "execute", &exec)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("monitor command '%1$s' is not a QMP command object"), json);
        return NULL;
    }
    json_object_object_add(msg, "id", json_object_new_string(id));
    if (!(reply = qemuMonitorTransact(mon, json_object_get_string(exec), msg, id,
                                      fd, timeoutMs)))
        return NULL;
    return g_strdup(json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN));
}


/**
 * qemuMonitorRun:
 * @mon: a monitor
 * @command: a QMP command without arguments
 *
 * Returns 0, or -1 with an error naming the command.
 */
int
qemuMonitorRun(qemuMonitor *mon, const char *command)
{
    return qemuMonitorCommand(mon, command, NULL, -1, -1, NULL);
}


/**
 * qemuMonitorQueryStatus:
 * @mon: a monitor
 * @running: set to whether the vCPUs run
 * @status: set to QEMU's run state word ("paused", "inmigrate" ...) for
 *   the caller to free; may be NULL
 *
 * Returns 0, or -1 with an error set.
 */
int
qemuMonitorQueryStatus(qemuMonitor *mon, bool *running, char **status)
{
    g_autoptr(json_object) ret = NULL;
    json_object *val;

    if (qemuMonitorCommand(mon, "query-status", NULL, -1, -1, &ret) < 0)
        return -1;
    *running = json_object_object_get_ex(ret, "running", &val) &&
               json_object_get_boolean(val);
    if (status) {
        *status = NULL;
        if (json_object_object_get_ex(ret, "status", &val))
            *status = g_strdup(json_object_get_string(val));
    }
    return 0;
}
