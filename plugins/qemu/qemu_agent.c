/*
 * qemu_agent.c: a client of the QEMU guest agent, for snapshots that
 * freeze the guest's filesystems (--quiesce)
 *
 * The agent runs inside the guest and speaks QMP-like JSON, one object
 * a line, over a virtio-serial port named org.qemu.guest_agent.0 that
 * QEMU exposes on the host as a unix socket (the <channel> of the
 * domain).  Nothing tells the host whether anybody inside is reading:
 * every conversation starts with guest-sync-delimited, whose reply
 * comes after a 0xff byte that flushes whatever a previous client left
 * half-read, and a bounded wait turns a silent guest into libvirt's
 * "Guest agent is not responding" error instead of a hang.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_agent.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* The delimiter the agent sends before the reply to
 * guest-sync-delimited, and accepts to reset its parser. */
#define QEMU_AGENT_DELIMITER '\xff'

struct _qemuAgent {
    int fd;
    char *path;
    GString *in;                /* bytes read, not yet a whole line */
};


/**
 * qemuAgentFindChannel:
 * @def: a domain definition
 *
 * Returns the index in @def->channels of the guest agent channel (a
 * unix <channel> with target virtio named org.qemu.guest_agent.0), or
 * -1 when the domain has none.
 */
int
qemuAgentFindChannel(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];

        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO &&
            chr->source.type == VIR_DOMAIN_CHR_TYPE_UNIX &&
            STREQ_NULLABLE(chr->targetName, QEMU_AGENT_CHANNEL_NAME))
            return i;
    }
    return -1;
}


/**
 * qemuAgentChannelPath:
 * @chr: a unix channel
 * @monitorPath: the domain's monitor socket
 *
 * Returns the socket path of @chr (caller frees): its <source path>, or
 * for a channel without one (libvirt generates it), the target name in
 * the directory of the monitor socket.
 */
char *
qemuAgentChannelPath(const virDomainChrDef *chr, const char *monitorPath)
{
    g_autofree char *dir = NULL;

    if (chr->source.path)
        return g_strdup(chr->source.path);
    dir = g_path_get_dirname(monitorPath);
    return g_build_filename(dir, NULLSTR(chr->targetName), NULL);
}


/**
 * qemuAgentChannelStateChange:
 * @def: a running domain's definition
 * @data: the data of a VSERPORT_CHANGE event
 *
 * The guest opened or closed its end of a virtio channel (the guest
 * agent's does when the agent starts): the channel's state= follows.
 * See qemu_agent.h for the return values.
 */
int
qemuAgentChannelStateChange(virDomainDef *def, json_object *data)
{
    json_object *id = NULL;
    json_object *open = NULL;
    virDomainChrDeviceState state;
    size_t i;

    if (!data || !json_object_object_get_ex(data, "id", &id) ||
        !json_object_object_get_ex(data, "open", &open))
        return -1;
    state = json_object_get_boolean(open) ? VIR_DOMAIN_CHR_DEVICE_STATE_CONNECTED :
                                            VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED;
    for (i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO ||
            STRNEQ_NULLABLE(chr->info.alias, json_object_get_string(id)))
            continue;
        if (chr->state == state)
            return 0;
        chr->state = state;
        return 1;
    }
    return -1;
}


void
qemuAgentClose(qemuAgent *agent)
{
    if (!agent)
        return;
    if (agent->fd >= 0)
        close(agent->fd);
    g_free(agent->path);
    g_string_free(agent->in, TRUE);
    g_free(agent);
}


static void
qemuAgentNotAvailable(void)
{
    virReportError(VIR_ERR_AGENT_UNRESPONSIVE, "%s",
                   _("Guest agent not available for now"));
}


static int
qemuAgentSend(qemuAgent *agent, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(agent->fd, data, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("cannot write to guest agent socket '%1$s'"),
                                 agent->path);
            return -1;
        }
        data += n;
        len -= n;
    }
    return 0;
}


/* The next whole line before @deadline (monotonic µs): 1 and *@line
 * (caller frees), or -1 with an error; the agent going silent is
 * VIR_ERR_AGENT_UNRESPONSIVE. */
static int
qemuAgentReadLine(qemuAgent *agent, gint64 deadline, char **line)
{
    for (;;) {
        char *nl = memchr(agent->in->str, '\n', agent->in->len);
        struct pollfd pfd = { .fd = agent->fd, .events = POLLIN };
        gint64 left = deadline - g_get_monotonic_time();
        char buf[4096];
        ssize_t n;
        int rc;

        if (nl) {
            size_t len = nl - agent->in->str;

            *line = g_strndup(agent->in->str, len);
            g_string_erase(agent->in, 0, len + 1);
            return 1;
        }
        if (left <= 0) {
            qemuAgentNotAvailable();
            return -1;
        }
        rc = poll(&pfd, 1, (left + 999) / 1000);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0) {
            virReportSystemError(errno, "%s", _("cannot wait for the guest agent"));
            return -1;
        }
        if (rc == 0)
            continue;
        if ((n = recv(agent->fd, buf, sizeof(buf), 0)) < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            virReportSystemError(errno, _("cannot read from guest agent socket '%1$s'"),
                                 agent->path);
            return -1;
        }
        if (n == 0) {
            virReportError(VIR_ERR_AGENT_UNRESPONSIVE, "%s",
                           _("QEMU guest agent is not connected"));
            return -1;
        }
        g_string_append_len(agent->in, buf, n);
    }
}


/* guest-sync-delimited with a fresh id, skipping what an earlier
 * client left: only a reply carrying our id counts. */
static int
qemuAgentSync(qemuAgent *agent, int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    unsigned long long id = ((unsigned long long)g_random_int() << 20) ^
                            (unsigned long long)g_get_real_time();
    g_autofree char *cmd = NULL;

    id &= (1ULL << 52) - 1;     /* exact in the agent's JSON numbers */
    cmd = g_strdup_printf("%c{\"execute\":\"guest-sync-delimited\","
                          "\"arguments\":{\"id\":%llu}}\n",
                          QEMU_AGENT_DELIMITER, id);
    if (qemuAgentSend(agent, cmd, strlen(cmd)) < 0)
        return -1;
    for (;;) {
        g_autofree char *line = NULL;
        g_autoptr(json_object) reply = NULL;
        json_object *ret;
        char *start;

        if (qemuAgentReadLine(agent, deadline, &line) < 0)
            return -1;
        start = strrchr(line, QEMU_AGENT_DELIMITER);
        reply = json_tokener_parse(start ? start + 1 : line);
        if (reply && json_object_object_get_ex(reply, "return", &ret) &&
            (unsigned long long)json_object_get_int64(ret) == id)
            return 0;
    }
}


/**
 * qemuAgentOpen:
 * @path: the agent channel's socket (QEMU is its server)
 * @timeoutMs: how long the agent may take to answer the sync
 *
 * Connects and synchronises with the agent.
 *
 * Returns the connection (close with qemuAgentClose()), or NULL with an
 * error: VIR_ERR_AGENT_UNRESPONSIVE when nobody answers in time.
 */
qemuAgent *
qemuAgentOpen(const char *path, int timeoutMs)
{
    g_autoptr(qemuAgent) agent = g_new0(qemuAgent, 1);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    agent->path = g_strdup(path);
    agent->in = g_string_new(NULL);
    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("guest agent socket path '%1$s' is too long"), path);
        return NULL;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if ((agent->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        connect(agent->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        virReportSystemError(errno, _("cannot connect to guest agent socket '%1$s'"),
                             path);
        return NULL;
    }
    if (qemuAgentSync(agent, timeoutMs) < 0)
        return NULL;
    return g_steal_pointer(&agent);
}


/* Run @cmd (no arguments); the reply's "return" in *@ret (caller
 * frees), or -1 with an error naming the command. */
static int
qemuAgentCommand(qemuAgent *agent, const char *cmd, int timeoutMs,
                 json_object **ret)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    g_autofree char *msg = g_strdup_printf("{\"execute\":\"%s\"}\n", cmd);

    if (qemuAgentSync(agent, timeoutMs) < 0 ||
        qemuAgentSend(agent, msg, strlen(msg)) < 0)
        return -1;
    for (;;) {
        g_autofree char *line = NULL;
        g_autoptr(json_object) reply = NULL;
        json_object *val;

        if (qemuAgentReadLine(agent, deadline, &line) < 0)
            return -1;
        if (!(reply = json_tokener_parse(line)))
            continue;
        if (json_object_object_get_ex(reply, "error", &val)) {
            json_object *desc = NULL;

            json_object_object_get_ex(val, "desc", &desc);
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("unable to execute QEMU agent command '%1$s': %2$s"),
                           cmd, desc ? json_object_get_string(desc) : "unknown error");
            return -1;
        }
        if (json_object_object_get_ex(reply, "return", &val)) {
            *ret = json_object_get(val);
            return 0;
        }
    }
}


/**
 * qemuAgentFSFreeze:
 * @agent: a synchronised connection
 * @timeoutMs: bound on the agent's answer
 *
 * Freezes every guest filesystem (guest-fsfreeze-freeze).
 *
 * Returns how many were frozen, or -1 with an error.
 */
int
qemuAgentFSFreeze(qemuAgent *agent, int timeoutMs)
{
    g_autoptr(json_object) ret = NULL;

    if (qemuAgentCommand(agent, "guest-fsfreeze-freeze", timeoutMs, &ret) < 0)
        return -1;
    return json_object_get_int(ret);
}


/**
 * qemuAgentFSThaw:
 * @agent: a connection
 * @timeoutMs: bound on the agent's answer
 *
 * Thaws the guest filesystems (guest-fsfreeze-thaw).
 *
 * Returns how many were thawed, or -1 with an error.
 */
int
qemuAgentFSThaw(qemuAgent *agent, int timeoutMs)
{
    g_autoptr(json_object) ret = NULL;

    if (qemuAgentCommand(agent, "guest-fsfreeze-thaw", timeoutMs, &ret) < 0)
        return -1;
    return json_object_get_int(ret);
}
