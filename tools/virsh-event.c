/*
 * virsh-event.c: the event command: wait for domain events and print
 * them as virsh does
 *
 * Callbacks run on virsh's event loop thread; the command's thread waits
 * on a pipe that a callback (one-shot mode), SIGINT or the timeout ends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "virsh.h"

typedef struct _virshEventCallback virshEventCallback;

/* One registration of the command; all share the counter. */
typedef struct _virshEventData virshEventData;
struct _virshEventData {
    vshControl *ctl;
    const virshEventCallback *cb;
    bool loop;                  /* print every event, not just the first */
    bool timestamp;
    gint *count;                /* atomic: events printed so far */
    int id;                     /* registration, -1 when none */
};

struct _virshEventCallback {
    const char *name;
    virConnectDomainEventGenericCallback cb;
};

typedef enum {
    VIRSH_EVENT_DONE,
    VIRSH_EVENT_INTERRUPT,
    VIRSH_EVENT_TIMEOUT,
    VIRSH_EVENT_ERROR,
} virshEventWaitResult;

/* The pipe the waiting command reads: 'd' when done, 'i' on SIGINT. */
static int virshEventPipe[2] = { -1, -1 };

static void
virshEventWake(char why)
{
    /* Only write(2): this also runs in a signal handler. */
    if (virshEventPipe[1] >= 0 && write(virshEventPipe[1], &why, 1) < 0)
        return;
}

static void
virshEventSigint(int sig G_GNUC_UNUSED)
{
    virshEventWake('i');
}

static void
virshEventPrint(virshEventData *data, GString *msg)
{
    g_autoptr(GString) line = msg;

    /* In one-shot mode only the first event counts. */
    if (!data->loop && g_atomic_int_get(data->count))
        return;

    if (data->timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

        vshPrint(data->ctl, "%s.%03d+0000: %s", stamp,
                 g_date_time_get_microsecond(now) / 1000, line->str);
    } else {
        vshPrint(data->ctl, "%s", line->str);
    }

    g_atomic_int_inc(data->count);
    if (!data->loop)
        virshEventWake('d');
}

/* The name for @value from @names, "unknown" outside it. */
static const char *
virshEventName(const char *const *names, size_t n, int value)
{
    if (value < 0 || (size_t)value >= n || !names[value])
        return "unknown";
    return names[value];
}

#define VIRSH_EVENT_NAME(names, value) \
    virshEventName(names, G_N_ELEMENTS(names), value)

static const char *const virshLifecycleEvents[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped",
    "Shutdown", "PMSuspended", "Crashed",
};
static const char *const virshDefinedDetails[] = {
    "Added", "Updated", "Renamed", "Snapshot",
};
static const char *const virshUndefinedDetails[] = {
    "Removed", "Renamed",
};
static const char *const virshStartedDetails[] = {
    "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup",
};
static const char *const virshSuspendedDetails[] = {
    "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot",
    "API error", "Post-copy", "Post-copy Error",
};
static const char *const virshResumedDetails[] = {
    "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error",
};
static const char *const virshStoppedDetails[] = {
    "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed",
    "Snapshot",
};
static const char *const virshShutdownDetails[] = {
    "Finished", "Finished after guest request", "Finished after host request",
};
static const char *const virshPMSuspendedDetails[] = {
    "Memory", "Disk",
};
static const char *const virshCrashedDetails[] = {
    "Panicked", "Crashloaded",
};

static const char *
virshLifecycleDetail(int event, int detail)
{
    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED:
        return VIRSH_EVENT_NAME(virshDefinedDetails, detail);
    case VIR_DOMAIN_EVENT_UNDEFINED:
        return VIRSH_EVENT_NAME(virshUndefinedDetails, detail);
    case VIR_DOMAIN_EVENT_STARTED:
        return VIRSH_EVENT_NAME(virshStartedDetails, detail);
    case VIR_DOMAIN_EVENT_SUSPENDED:
        return VIRSH_EVENT_NAME(virshSuspendedDetails, detail);
    case VIR_DOMAIN_EVENT_RESUMED:
        return VIRSH_EVENT_NAME(virshResumedDetails, detail);
    case VIR_DOMAIN_EVENT_STOPPED:
        return VIRSH_EVENT_NAME(virshStoppedDetails, detail);
    case VIR_DOMAIN_EVENT_SHUTDOWN:
        return VIRSH_EVENT_NAME(virshShutdownDetails, detail);
    case VIR_DOMAIN_EVENT_PMSUSPENDED:
        return VIRSH_EVENT_NAME(virshPMSuspendedDetails, detail);
    case VIR_DOMAIN_EVENT_CRASHED:
        return VIRSH_EVENT_NAME(virshCrashedDetails, detail);
    }
    return "unknown";
}

static GString *
virshEventHeader(const char *event, virDomainPtr dom)
{
    GString *msg = g_string_new(NULL);

    g_string_append_printf(msg, "event '%s' for domain '%s'", event,
                           virDomainGetName(dom));
    return msg;
}

static void
virshEventLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         int event, int detail, void *opaque)
{
    GString *msg = virshEventHeader("lifecycle", dom);

    g_string_append_printf(msg, ": %s %s\n",
                           VIRSH_EVENT_NAME(virshLifecycleEvents, event),
                           virshLifecycleDetail(event, detail));
    virshEventPrint(opaque, msg);
}

/* The events that carry nothing but the domain: reboot, control-error,
 * the power management ones. */
static void
virshEventGenericPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                       void *opaque)
{
    virshEventData *data = opaque;
    GString *msg = virshEventHeader(data->cb->name, dom);

    g_string_append_c(msg, '\n');
    virshEventPrint(data, msg);
}

static void
virshEventPMPrint(virConnectPtr conn, virDomainPtr dom,
                  int reason G_GNUC_UNUSED, void *opaque)
{
    virshEventGenericPrint(conn, dom, opaque);
}

static void
virshEventRTCChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         long long utcoffset, void *opaque)
{
    GString *msg = virshEventHeader("rtc-change", dom);

    g_string_append_printf(msg, ": %lld\n", utcoffset);
    virshEventPrint(opaque, msg);
}

static const char *const virshWatchdogActions[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};

static void
virshEventWatchdogPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        int action, void *opaque)
{
    GString *msg = virshEventHeader("watchdog", dom);

    g_string_append_printf(msg, ": %s\n",
                           VIRSH_EVENT_NAME(virshWatchdogActions, action));
    virshEventPrint(opaque, msg);
}

static const char *const virshIOErrorActions[] = {
    "none", "pause", "report",
};

static void
virshEventIOErrorPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                       const char *srcPath, const char *devAlias,
                       int action, void *opaque)
{
    GString *msg = virshEventHeader("io-error", dom);

    g_string_append_printf(msg, ": %s (%s) %s\n", srcPath, devAlias,
                           VIRSH_EVENT_NAME(virshIOErrorActions, action));
    virshEventPrint(opaque, msg);
}

static void
virshEventIOErrorReasonPrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, const char *srcPath,
                             const char *devAlias, int action,
                             const char *reason, void *opaque)
{
    GString *msg = virshEventHeader("io-error-reason", dom);

    g_string_append_printf(msg, ": %s (%s) %s due to %s\n", srcPath, devAlias,
                           VIRSH_EVENT_NAME(virshIOErrorActions, action),
                           reason);
    virshEventPrint(opaque, msg);
}

static const char *const virshGraphicsPhases[] = {
    "connect", "initialize", "disconnect",
};
static const char *const virshGraphicsFamilies[] = {
    "IPv4", "IPv6", "unix",
};

static void
virshEventGraphicsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        int phase, const virDomainEventGraphicsAddress *local,
                        const virDomainEventGraphicsAddress *remote,
                        const char *authScheme,
                        const virDomainEventGraphicsSubject *subject,
                        void *opaque)
{
    GString *msg = virshEventHeader("graphics", dom);
    int i;

    g_string_append_printf(msg, ": %s local[%s %s %s] remote[%s %s %s] %s\n",
                           VIRSH_EVENT_NAME(virshGraphicsPhases, phase),
                           VIRSH_EVENT_NAME(virshGraphicsFamilies, local->family),
                           local->node, local->service,
                           VIRSH_EVENT_NAME(virshGraphicsFamilies, remote->family),
                           remote->node, remote->service, authScheme);
    for (i = 0; subject && i < subject->nidentity; i++)
        g_string_append_printf(msg, "\t%s=%s\n", subject->identities[i].type,
                               subject->identities[i].name);
    virshEventPrint(opaque, msg);
}

static const char *const virshBlockJobTypes[] = {
    "unknown", "Block Pull", "Block Copy", "Block Commit",
    "Active Block Commit", "Backup",
};
static const char *const virshBlockJobStatuses[] = {
    "completed", "failed", "canceled", "ready",
};

static void
virshEventBlockJobPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        const char *disk, int type, int status, void *opaque)
{
    virshEventData *data = opaque;
    GString *msg = virshEventHeader(data->cb->name, dom);

    g_string_append_printf(msg, ": %s for %s %s\n",
                           VIRSH_EVENT_NAME(virshBlockJobTypes, type), disk,
                           VIRSH_EVENT_NAME(virshBlockJobStatuses, status));
    virshEventPrint(data, msg);
}

static const char *const virshDiskChangeReasons[] = {
    "changed", "dropped",
};

static void
virshEventDiskChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                          const char *oldSrc, const char *newSrc,
                          const char *alias, int reason, void *opaque)
{
    GString *msg = g_string_new(NULL);

    g_string_append_printf(msg, "event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n",
                           virDomainGetName(dom), alias, NULLSTR(oldSrc),
                           NULLSTR(newSrc),
                           VIRSH_EVENT_NAME(virshDiskChangeReasons, reason));
    virshEventPrint(opaque, msg);
}

static const char *const virshTrayChangeReasons[] = {
    "opened", "closed",
};

static void
virshEventTrayChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                          const char *alias, int reason, void *opaque)
{
    GString *msg = g_string_new(NULL);

    g_string_append_printf(msg, "event 'tray-change' for domain '%s' disk %s: %s\n",
                           virDomainGetName(dom), alias,
                           VIRSH_EVENT_NAME(virshTrayChangeReasons, reason));
    virshEventPrint(opaque, msg);
}

static void
virshEventBalloonChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, unsigned long long actual,
                             void *opaque)
{
    GString *msg = virshEventHeader("balloon-change", dom);

    g_string_append_printf(msg, ": %lluKiB\n", actual);
    virshEventPrint(opaque, msg);
}

/* device-added, device-removed, device-removal-failed. */
static void
virshEventDeviceAliasPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                           const char *alias, void *opaque)
{
    virshEventData *data = opaque;
    GString *msg = virshEventHeader(data->cb->name, dom);

    g_string_append_printf(msg, ": %s\n", alias);
    virshEventPrint(data, msg);
}

static void
virshEventAppendParams(GString *msg, virTypedParameterPtr params, int nparams)
{
    int i;

    for (i = 0; i < nparams; i++) {
        virTypedParameterPtr p = &params[i];

        g_string_append_printf(msg, "\t%s: ", p->field);
        switch (p->type) {
        case VIR_TYPED_PARAM_INT:
            g_string_append_printf(msg, "%d", p->value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            g_string_append_printf(msg, "%u", p->value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            g_string_append_printf(msg, "%lld", p->value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            g_string_append_printf(msg, "%llu", p->value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            g_string_append_printf(msg, "%lf", p->value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            g_string_append(msg, p->value.b ? "yes" : "no");
            break;
        case VIR_TYPED_PARAM_STRING:
            g_string_append(msg, NULLSTR(p->value.s));
            break;
        default:
            g_string_append(msg, "unknown");
            break;
        }
        g_string_append_c(msg, '\n');
    }
}

/* tunable and job-completed: a header line, then one line per
 * parameter. */
static void
virshEventParamsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                      virTypedParameterPtr params, int nparams, void *opaque)
{
    virshEventData *data = opaque;
    GString *msg = virshEventHeader(data->cb->name, dom);

    g_string_append(msg, ":\n");
    virshEventAppendParams(msg, params, nparams);
    virshEventPrint(data, msg);
}

static const char *const virshAgentStates[] = {
    "unknown", "connected", "disconnected",
};
static const char *const virshAgentReasons[] = {
    "unknown", "domain started", "channel event",
};

static void
virshEventAgentLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, int state, int reason,
                              void *opaque)
{
    GString *msg = virshEventHeader("agent-lifecycle", dom);

    g_string_append_printf(msg, ": state: '%s' reason: '%s'\n",
                           VIRSH_EVENT_NAME(virshAgentStates, state),
                           VIRSH_EVENT_NAME(virshAgentReasons, reason));
    virshEventPrint(opaque, msg);
}

static void
virshEventMigrationIterationPrint(virConnectPtr conn G_GNUC_UNUSED,
                                  virDomainPtr dom, int iteration,
                                  void *opaque)
{
    GString *msg = virshEventHeader("migration-iteration", dom);

    g_string_append_printf(msg, ": iteration: '%d'\n", iteration);
    virshEventPrint(opaque, msg);
}

static const char *const virshMetadataTypes[] = {
    "description", "title", "element",
};

static void
virshEventMetadataChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, int type, const char *nsuri,
                              void *opaque)
{
    GString *msg = virshEventHeader("metadata-change", dom);

    g_string_append_printf(msg, ": type %s, uri %s\n",
                           VIRSH_EVENT_NAME(virshMetadataTypes, type),
                           NULLSTR(nsuri));
    virshEventPrint(opaque, msg);
}

static void
virshEventBlockThresholdPrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, const char *dev,
                              const char *path, unsigned long long threshold,
                              unsigned long long excess, void *opaque)
{
    GString *msg = virshEventHeader("block-threshold", dom);

    g_string_append_printf(msg, ": dev: %s(%s) %llu %llu\n", dev,
                           NULLSTR(path), threshold, excess);
    virshEventPrint(opaque, msg);
}

static const char *const virshMemoryFailureRecipients[] = {
    "hypervisor", "guest",
};
static const char *const virshMemoryFailureActions[] = {
    "ignore", "inject", "fatal", "reset",
};

static void
virshEventMemoryFailurePrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, int recipient, int action,
                             unsigned int flags, void *opaque)
{
    GString *msg = virshEventHeader("memory-failure", dom);

    g_string_append_printf(msg, ":\nrecipient: %s\naction: %s\n",
                           VIRSH_EVENT_NAME(virshMemoryFailureRecipients, recipient),
                           VIRSH_EVENT_NAME(virshMemoryFailureActions, action));
    g_string_append_printf(msg, "flags:\n\taction required: %d\n\trecursive: %d\n",
                           !!(flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED),
                           !!(flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
    virshEventPrint(opaque, msg);
}

static void
virshEventMemoryDeviceSizeChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                                      virDomainPtr dom, const char *alias,
                                      unsigned long long size, void *opaque)
{
    GString *msg = virshEventHeader("memory-device-size-change", dom);

    g_string_append_printf(msg, ":\nalias: %s\nsize: %llu\n", alias, size);
    virshEventPrint(opaque, msg);
}

/* Each kind of event has its own callback type; the API takes them all
 * as the generic one.  Going through void (*)(void) tells the compiler
 * the cast is meant. */
#define VIRSH_EVENT_CB(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/* Indexed by virDomainEventID: "event --list" prints the names in this
 * order and "--all" registers each. */
static const virshEventCallback virshEventCallbacks[] = {
    {"lifecycle", VIRSH_EVENT_CB(virshEventLifecyclePrint)},
    {"reboot", virshEventGenericPrint},
    {"rtc-change", VIRSH_EVENT_CB(virshEventRTCChangePrint)},
    {"watchdog", VIRSH_EVENT_CB(virshEventWatchdogPrint)},
    {"io-error", VIRSH_EVENT_CB(virshEventIOErrorPrint)},
    {"graphics", VIRSH_EVENT_CB(virshEventGraphicsPrint)},
    {"io-error-reason", VIRSH_EVENT_CB(virshEventIOErrorReasonPrint)},
    {"control-error", virshEventGenericPrint},
    {"block-job", VIRSH_EVENT_CB(virshEventBlockJobPrint)},
    {"disk-change", VIRSH_EVENT_CB(virshEventDiskChangePrint)},
    {"tray-change", VIRSH_EVENT_CB(virshEventTrayChangePrint)},
    {"pm-wakeup", VIRSH_EVENT_CB(virshEventPMPrint)},
    {"pm-suspend", VIRSH_EVENT_CB(virshEventPMPrint)},
    {"balloon-change", VIRSH_EVENT_CB(virshEventBalloonChangePrint)},
    {"pm-suspend-disk", VIRSH_EVENT_CB(virshEventPMPrint)},
    {"device-removed", VIRSH_EVENT_CB(virshEventDeviceAliasPrint)},
    {"block-job-2", VIRSH_EVENT_CB(virshEventBlockJobPrint)},
    {"tunable", VIRSH_EVENT_CB(virshEventParamsPrint)},
    {"agent-lifecycle", VIRSH_EVENT_CB(virshEventAgentLifecyclePrint)},
    {"device-added", VIRSH_EVENT_CB(virshEventDeviceAliasPrint)},
    {"migration-iteration", VIRSH_EVENT_CB(virshEventMigrationIterationPrint)},
    {"job-completed", VIRSH_EVENT_CB(virshEventParamsPrint)},
    {"device-removal-failed", VIRSH_EVENT_CB(virshEventDeviceAliasPrint)},
    {"metadata-change", VIRSH_EVENT_CB(virshEventMetadataChangePrint)},
    {"block-threshold", VIRSH_EVENT_CB(virshEventBlockThresholdPrint)},
    {"memory-failure", VIRSH_EVENT_CB(virshEventMemoryFailurePrint)},
    {"memory-device-size-change", VIRSH_EVENT_CB(virshEventMemoryDeviceSizeChangePrint)},
};

/* Set up the pipe and the SIGINT handler; @old receives the handler to
 * restore. */
static bool
virshEventStart(vshControl *ctl, struct sigaction *old)
{
    struct sigaction sa = { .sa_handler = virshEventSigint };

    if (pipe(virshEventPipe) < 0) {
        vshError(ctl, "failed to set up the event wait: %s", g_strerror(errno));
        return false;
    }
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, old);
    return true;
}

static void
virshEventCleanup(struct sigaction *old)
{
    size_t i;

    sigaction(SIGINT, old, NULL);
    for (i = 0; i < 2; i++) {
        if (virshEventPipe[i] >= 0)
            close(virshEventPipe[i]);
        virshEventPipe[i] = -1;
    }
}

/* Wait until the first event (one-shot mode), SIGINT or @timeoutMs
 * (0: no timeout) from now. */
static virshEventWaitResult
virshEventWait(int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    struct pollfd pfd = { .fd = virshEventPipe[0], .events = POLLIN };
    char why;

    for (;;) {
        int wait = -1;
        int rc;

        if (timeoutMs > 0) {
            gint64 left = deadline - g_get_monotonic_time();

            if (left <= 0)
                return VIRSH_EVENT_TIMEOUT;
            wait = (left + 999) / 1000;
        }
        if ((rc = poll(&pfd, 1, wait)) < 0) {
            if (errno == EINTR)
                continue;
            return VIRSH_EVENT_ERROR;
        }
        if (rc == 0)
            continue;
        if (read(virshEventPipe[0], &why, 1) != 1)
            return VIRSH_EVENT_ERROR;
        return why == 'd' ? VIRSH_EVENT_DONE : VIRSH_EVENT_INTERRUPT;
    }
}

static const vshCmdOptDef virshOptsEvent[] = {
    {.name = "domain",
     .type = VSH_OT_STRING,
     .help = "only events of this domain (name, id or uuid)"},
    {.name = "event",
     .type = VSH_OT_STRING,
     .help = "the kind of event to wait for (see --list)"},
    {.name = "all",
     .type = VSH_OT_BOOL,
     .help = "wait for events of every kind"},
    {.name = "loop",
     .type = VSH_OT_BOOL,
     .help = "go on until the timeout or Ctrl-C instead of stopping after one event"},
    {.name = "timeout",
     .type = VSH_OT_INT,
     .help = "stop after this many seconds"},
    {.name = "list",
     .type = VSH_OT_BOOL,
     .help = "print the kinds of event and exit"},
    {.name = "timestamp",
     .type = VSH_OT_BOOL,
     .help = "start each event with the time it was received"},
    {.name = NULL}
};

/* The index of --event in virshEventCallbacks, all of them (-1) for
 * --all, or -2 after reporting. */
static int
virshEventSelect(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    size_t i;

    if (vshCommandOptStringReq(ctl, cmd, "event", &name) < 0)
        return -2;
    if (!name) {
        if (vshCommandOptBool(cmd, "all"))
            return -1;
        vshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return -2;
    }
    for (i = 0; i < G_N_ELEMENTS(virshEventCallbacks); i++) {
        if (strcmp(name, virshEventCallbacks[i].name) == 0)
            return i;
    }
    vshError(ctl, "unknown event type %s", name);
    return -2;
}

/* Register @ndata callbacks.  With several, only the first must work: a
 * server may not know the newer kinds of event. */
static bool
virshEventRegister(vshControl *ctl, virDomainPtr dom, virshEventData *data,
                   size_t ndata, int single)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    size_t i;

    for (i = 0; i < ndata; i++) {
        int id = single >= 0 ? single : (int)i;

        data[i].id = virConnectDomainEventRegisterAny(conn, dom, id,
                                                      data[i].cb->cb,
                                                      &data[i], NULL);
        if (data[i].id < 0) {
            if (i == 0)
                return false;
            vshResetLibvirtError();
        }
    }
    return true;
}

static bool
virshCmdEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree virshEventData *data = NULL;
    struct sigaction oldSigint;
    gint count = 0;
    int timeout = 0;
    size_t ndata;
    size_t i;
    int event;
    bool ret = false;

    VSH_EXCLUSIVE_OPTIONS("all", "event");
    VSH_EXCLUSIVE_OPTIONS("list", "all");
    VSH_EXCLUSIVE_OPTIONS("list", "event");

    if (vshCommandOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virshEventCallbacks); i++)
            vshPrint(ctl, "%s\n", virshEventCallbacks[i].name);
        return true;
    }

    if ((event = virshEventSelect(ctl, cmd)) < -1)
        return false;

    ndata = event < 0 ? G_N_ELEMENTS(virshEventCallbacks) : 1;
    data = g_new0(virshEventData, ndata);
    for (i = 0; i < ndata; i++) {
        data[i].ctl = ctl;
        data[i].cb = &virshEventCallbacks[event < 0 ? (int)i : event];
        data[i].loop = vshCommandOptBool(cmd, "loop");
        data[i].timestamp = vshCommandOptBool(cmd, "timestamp");
        data[i].count = &count;
        data[i].id = -1;
    }

    if (vshCommandOptTimeoutToMs(ctl, cmd, &timeout) < 0)
        return false;
    if (vshCommandOptBool(cmd, "domain") &&
        !(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (!virshEventStart(ctl, &oldSigint))
        return false;

    if (virshEventRegister(ctl, dom, data, ndata, event)) {
        switch (virshEventWait(timeout)) {
        case VIRSH_EVENT_INTERRUPT:
            vshPrint(ctl, "%s", "event loop interrupted\n");
            break;
        case VIRSH_EVENT_TIMEOUT:
            vshPrint(ctl, "%s", "event loop timed out\n");
            break;
        case VIRSH_EVENT_DONE:
        case VIRSH_EVENT_ERROR:
            break;
        }
        vshPrint(ctl, "events received: %d\n", g_atomic_int_get(&count));
        ret = g_atomic_int_get(&count) > 0;
    }

    for (i = 0; i < ndata; i++) {
        if (data[i].id >= 0 &&
            virConnectDomainEventDeregisterAny(virshGetControl(ctl)->conn,
                                               data[i].id) < 0)
            ret = false;
    }
    virshEventCleanup(&oldSigint);
    return ret;
}

const vshCmdDef virshDomainEventCmds[] = {
    {.name = "event",
     .handler = virshCmdEvent,
     .opts = virshOptsEvent,
     .summary = "wait for domain events and print them",
     .description = "Print the domain events that occur, the first one only unless --loop is given."},
    {.name = NULL}
};
