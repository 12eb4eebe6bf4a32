/*
 * virsh-job.c: waiting for a domain's block job or long call to end,
 * with virsh's progress line
 *
 * A block job is watched two ways, as virsh does: the BLOCK_JOB_2 event
 * (delivered on virsh's event loop thread) says when the job ends or
 * reaches its mirroring phase, and virDomainGetBlockJobInfo is polled
 * twice a second for the progress line and for drivers that send no
 * events.  SIGINT and the timeout abort the job.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "virsh-domain.h"

/* How often the job is polled, in milliseconds. */
#define VIRSH_JOB_POLL_MS 500

/**
 * virshPrintJobProgress:
 * @label: what the job is ("Block Copy")
 * @remaining: units of work left
 * @total: units of work in all; nothing is printed while it is 0, as a
 *         job that has not sized itself has no progress to show
 *
 * Prints "\rLABEL: [ NN %]" to stderr, so that each call overwrites the
 * last on a terminal; 100 % only when nothing remains.
 */
void
virshPrintJobProgress(const char *label, unsigned long long remaining,
                      unsigned long long total)
{
    int progress;

    if (total == 0)
        return;
    if (remaining == 0) {
        progress = 100;
    } else {
        progress = (total - MIN(remaining, total)) * 100.0 / total;
        if (progress >= 100)
            progress = 99;
    }
    fflush(stdout);
    fprintf(stderr, "\r%s: [%3d %%]", label, progress);
    fflush(stderr);
}


struct _virshBlockJobWait {
    vshControl *ctl;
    virDomainPtr dom;
    char *dev;              /* the disk as the user named it */
    const char *label;      /* for the progress line */
    bool verbose;
    bool async;             /* abort without waiting for the job to end */
    int timeout;            /* milliseconds; 0 for none */
    int cbId;               /* BLOCK_JOB_2 registration, -1 when none */
    gint status;            /* atomic: VIR_DOMAIN_BLOCK_JOB_*, -1 before */
    int pipe[2];            /* woken by the event and by SIGINT */
};

/* The wait in progress, for the SIGINT handler. */
static virshBlockJobWait *virshJobCurrent;

static void
virshJobWake(virshBlockJobWait *data)
{
    char c = 'w';

    /* Only write(2): this also runs in a signal handler. */
    if (data && data->pipe[1] >= 0 && write(data->pipe[1], &c, 1) < 0)
        return;
}

static gint virshJobInterrupted;

static void
virshJobSigint(int sig G_GNUC_UNUSED)
{
    g_atomic_int_set(&virshJobInterrupted, 1);
    virshJobWake(virshJobCurrent);
}

static void
virshBlockJobEvent(virConnectPtr conn G_GNUC_UNUSED,
                   virDomainPtr dom G_GNUC_UNUSED,
                   const char *disk,
                   int type G_GNUC_UNUSED,
                   int status,
                   void *opaque)
{
    virshBlockJobWait *data = opaque;

    if (g_strcmp0(disk, data->dev) != 0)
        return;
    g_atomic_int_set(&data->status, status);
    virshJobWake(data);
}


/**
 * virshBlockJobWaitNew:
 * @ctl: the shell
 * @dom: the domain; a reference is taken
 * @dev: the disk as given on the command line (target or source path)
 * @label: the job's name on the progress line; static
 * @verbose: print the progress line
 * @timeout: milliseconds after which the job is aborted; 0 for none
 * @async: abort without waiting for the job to go away
 *
 * Registers for the job's events; call it before starting the job so
 * that no event is missed.  A driver without events is polled only.
 *
 * Returns the state for virshBlockJobWaitEnd() and virshBlockJobWaitFree().
 */
virshBlockJobWait *
virshBlockJobWaitNew(vshControl *ctl, virDomainPtr dom, const char *dev,
                     const char *label, bool verbose, int timeout, bool async)
{
    virshBlockJobWait *data = g_new0(virshBlockJobWait, 1);
    virConnectDomainEventGenericCallback cb;

    data->ctl = ctl;
    data->dom = dom;
    virDomainRef(dom);
    data->dev = g_strdup(dev);
    data->label = label;
    data->verbose = verbose;
    data->timeout = timeout;
    data->async = async;
    data->status = -1;
    data->pipe[0] = data->pipe[1] = -1;
    if (pipe(data->pipe) < 0)
        data->pipe[0] = data->pipe[1] = -1;

    cb = (virConnectDomainEventGenericCallback)(void (*)(void))virshBlockJobEvent;
    data->cbId = virConnectDomainEventRegisterAny(virshGetControl(ctl)->conn, dom,
                                                  VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                                  cb, data, NULL);
    if (data->cbId < 0)
        vshResetLibvirtError();
    return data;
}


/**
 * virshBlockJobWaitFree:
 * @data: from virshBlockJobWaitNew(), or NULL
 *
 * Drops the event registration and frees @data.
 */
void
virshBlockJobWaitFree(virshBlockJobWait *data)
{
    if (!data)
        return;
    if (data->cbId >= 0 &&
        virConnectDomainEventDeregisterAny(virshGetControl(data->ctl)->conn,
                                           data->cbId) < 0)
        vshResetLibvirtError();
    if (data->pipe[0] >= 0)
        close(data->pipe[0]);
    if (data->pipe[1] >= 0)
        close(data->pipe[1]);
    virDomainFree(data->dom);
    g_free(data->dev);
    g_free(data);
}


/* Abort the job after a timeout or SIGINT.  Returns the status to end
 * the wait with (-2: keep waiting for the job to go away), or -1. */
static int
virshBlockJobWaitAbort(virshBlockJobWait *data)
{
    unsigned int flags = data->async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0;

    if (virDomainBlockJobAbort(data->dom, data->dev, flags) < 0) {
        vshError(data->ctl, "failed to abort job for disk '%s'", data->dev);
        return -1;
    }
    return data->async ? VIR_DOMAIN_BLOCK_JOB_CANCELED : -2;
}


/* Sleep until the next poll, an event or SIGINT. */
static void
virshBlockJobWaitSleep(virshBlockJobWait *data)
{
    struct pollfd pfd = { .fd = data->pipe[0], .events = POLLIN };
    char buf[16];

    if (data->pipe[0] < 0) {
        g_usleep(VIRSH_JOB_POLL_MS * 1000);
        return;
    }
    if (poll(&pfd, 1, VIRSH_JOB_POLL_MS) > 0 &&
        read(data->pipe[0], buf, sizeof(buf)) < 0 && errno != EINTR)
        g_usleep(VIRSH_JOB_POLL_MS * 1000);
}


/**
 * virshBlockJobWaitEnd:
 * @data: from virshBlockJobWaitNew(), after the job was started
 *
 * Waits for the job to end or to reach its mirroring phase, printing
 * progress if asked.  A job that vanishes without an event completed;
 * a copy or active commit whose work is all done, on a driver without
 * events, is ready.  On timeout or SIGINT the job is aborted.
 *
 * Returns a VIR_DOMAIN_BLOCK_JOB_* status (CANCELED after an abort), or
 * -1 after reporting.
 */
int
virshBlockJobWaitEnd(virshBlockJobWait *data)
{
    struct sigaction sa = { .sa_handler = virshJobSigint };
    struct sigaction old;
    gint64 deadline = 0;
    bool aborted = false;
    int ret = -1;

    if (data->timeout)
        deadline = g_get_monotonic_time() + data->timeout * (gint64)1000;
    g_atomic_int_set(&virshJobInterrupted, 0);
    virshJobCurrent = data;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);

    for (;;) {
        virDomainBlockJobInfo info;
        int status = g_atomic_int_get(&data->status);
        int rc;

        if (status >= 0) {
            ret = aborted ? VIR_DOMAIN_BLOCK_JOB_CANCELED : status;
            break;
        }
        if ((rc = virDomainGetBlockJobInfo(data->dom, data->dev, &info, 0)) < 0) {
            vshError(data->ctl, "failed to query job for disk %s", data->dev);
            break;
        }
        if (rc == 0) {
            ret = aborted ? VIR_DOMAIN_BLOCK_JOB_CANCELED : VIR_DOMAIN_BLOCK_JOB_COMPLETED;
            break;
        }
        if (data->verbose)
            virshPrintJobProgress(data->label, info.end - info.cur, info.end);
        if (data->cbId < 0 && info.end > 0 && info.cur == info.end &&
            (info.type == VIR_DOMAIN_BLOCK_JOB_TYPE_COPY ||
             info.type == VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT)) {
            ret = VIR_DOMAIN_BLOCK_JOB_READY;
            break;
        }

        if (!aborted &&
            (g_atomic_int_get(&virshJobInterrupted) ||
             (deadline && g_get_monotonic_time() >= deadline))) {
            if ((rc = virshBlockJobWaitAbort(data)) != -2) {
                ret = rc;
                break;
            }
            aborted = true;
            continue;
        }
        virshBlockJobWaitSleep(data);
    }

    sigaction(SIGINT, &old, NULL);
    virshJobCurrent = NULL;
    if (data->verbose &&
        (ret == VIR_DOMAIN_BLOCK_JOB_COMPLETED || ret == VIR_DOMAIN_BLOCK_JOB_READY))
        virshPrintJobProgress(data->label, 0, 1);
    return ret;
}


typedef struct _virshJobCall virshJobCall;
struct _virshJobCall {
    virshJobFunc func;
    void *opaque;
    int ret;
    virErrorPtr err;        /* @func's error, raised on its thread */
    gint done;              /* atomic */
    int pipe[2];
};

static gpointer
virshJobCallThread(gpointer opaque)
{
    virshJobCall *call = opaque;
    char c = 'd';

    call->ret = call->func(call->opaque);
    if (call->ret < 0)
        call->err = virSaveLastError();
    g_atomic_int_set(&call->done, 1);
    if (write(call->pipe[1], &c, 1) < 0)
        return NULL;
    return NULL;
}


/**
 * virshRunJob:
 * @ctl: the shell
 * @dom: the domain whose job @func starts (save, managed save)
 * @label: the job's name on the progress line
 * @verbose: print progress from virDomainGetJobInfo while @func runs
 * @func: the call that runs the job; it runs on a thread of its own,
 *        and its library error is kept for the command to report
 * @opaque: passed to @func
 *
 * Returns what @func returned.
 */
int
virshRunJob(vshControl *ctl G_GNUC_UNUSED, virDomainPtr dom, const char *label,
            bool verbose, virshJobFunc func, void *opaque)
{
    virshJobCall call = { .func = func, .opaque = opaque, .ret = -1 };
    GThread *thread;

    if (!verbose)
        return func(opaque);
    if (pipe(call.pipe) < 0)
        return func(opaque);

    thread = g_thread_new("virsh-job", virshJobCallThread, &call);
    while (!g_atomic_int_get(&call.done)) {
        struct pollfd pfd = { .fd = call.pipe[0], .events = POLLIN };
        virDomainJobInfo info;

        if (poll(&pfd, 1, VIRSH_JOB_POLL_MS) > 0)
            break;
        /* A driver that cannot report progress just shows none; the
         * call's own error is what matters. */
        if (virDomainGetJobInfo(dom, &info) == 0 && info.type != VIR_DOMAIN_JOB_NONE)
            virshPrintJobProgress(label, info.dataRemaining, info.dataTotal);
    }
    g_thread_join(thread);
    close(call.pipe[0]);
    close(call.pipe[1]);
    /* A progress query that failed meanwhile must not stand for the
     * call's own error. */
    vshResetLibvirtError();
    if (call.err) {
        vshSetPendingError("%s", call.err->message ? call.err->message : "unknown error");
        virFreeError(call.err);
    }
    if (call.ret >= 0)
        virshPrintJobProgress(label, 0, 1);
    return call.ret;
}
