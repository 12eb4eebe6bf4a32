/*
 * virsh-blockjob.c: the block job commands: blockcommit, blockpull,
 * blockcopy, blockjob
 *
 * Messages, their order and the choice of API for each option follow
 * libvirt 9.0's virsh as observed, since scripts parse them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "virsh-domain.h"

/* The job types as virsh names them (blockjob --info and --raw). */
static const char *
virshBlockJobTypeName(int type)
{
    switch (type) {
    case VIR_DOMAIN_BLOCK_JOB_TYPE_PULL:
        return "Block Pull";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COPY:
        return "Block Copy";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT:
        return "Block Commit";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT:
        return "Active Block Commit";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP:
        return "Backup";
    }
    return "Unknown job";
}


/**
 * virshBlockJobOptBandwidth:
 * @ctl: the shell
 * @cmd: a block job command
 * @bytes: --bytes was given
 * @bandwidth: set to the value, when given
 *
 * --bandwidth is a plain number of MiB/s (bytes/s with --bytes; a
 * negative one wraps, as virsh has always accepted), or a scaled size
 * ("5M") taken as bytes/s and turned into MiB/s without --bytes.
 *
 * Returns 1 when given, 0 when not, -1 after reporting.
 */
int
virshBlockJobOptBandwidth(vshControl *ctl, const vshCmd *cmd, bool bytes,
                          unsigned long *bandwidth)
{
    const char *str = NULL;
    unsigned long long val;
    char *end = NULL;
    int rc;

    if ((rc = vshCommandOptStringReq(ctl, cmd, "bandwidth", &str)) <= 0)
        return rc;

    errno = 0;
    *bandwidth = strtoul(str, &end, 10);
    if (!errno && end != str && !*end)
        return 1;

    if (vshStrToULongLong(str, &end, &val) < 0 ||
        vshScaleInteger(&val, end, 1, ULONG_MAX) < 0) {
        vshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is malformed or out of range",
                 str);
        return -1;
    }
    *bandwidth = bytes ? val : val >> 20;
    return 1;
}


/**
 * virshBlockJobReportEnd:
 * @ctl: the shell
 * @status: what virshBlockJobWaitEnd() returned
 * @failed: the message for a failed job ("Pull failed")
 * @aborted: the message for an aborted one
 *
 * Returns true when the job completed or is ready, false after printing
 * why not (the message, or the error already reported).
 */
bool
virshBlockJobReportEnd(vshControl *ctl, int status, const char *failed,
                       const char *aborted)
{
    if (status == VIR_DOMAIN_BLOCK_JOB_FAILED) {
        vshPrintExtra(ctl, "\n%s", failed);
        return false;
    }
    if (status == VIR_DOMAIN_BLOCK_JOB_CANCELED) {
        vshPrintExtra(ctl, "\n%s", aborted);
        return false;
    }
    return status >= 0;
}


/**
 * virshBlockJobConclude:
 * @ctl: the shell
 * @dom: the domain
 * @path: the disk as given
 * @pivot: switch the disk to the job's result; otherwise end the job
 *         and keep using the old image
 * @done: what to print after a job ended without pivoting
 *
 * Ends a copy or active commit that is ready.  The call returns once
 * the job is gone, so there is nothing more to wait for.
 *
 * Returns true, or false after reporting.
 */
bool
virshBlockJobConclude(vshControl *ctl, virDomainPtr dom, const char *path,
                      bool pivot, const char *done)
{
    unsigned int flags = pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0;

    if (virDomainBlockJobAbort(dom, path, flags) < 0) {
        vshError(ctl, pivot ? "failed to pivot job for disk %s"
                            : "failed to finish job for disk %s", path);
        return false;
    }
    vshPrintExtra(ctl, "\n%s", pivot ? "Successfully pivoted" : done);
    return true;
}


/**
 * virshBlockJobCheckWaitOpts:
 * @ctl: the shell
 * @cmd: blockcommit or blockcopy
 * @blocking: whether virsh is to wait for the job
 * @stopper: the command's own option that implies waiting
 *
 * --verbose and --async make sense only while virsh waits.
 *
 * Returns false after reporting a misuse.
 */
bool
virshBlockJobCheckWaitOpts(vshControl *ctl, const vshCmd *cmd, bool blocking,
                           const char *stopper)
{
    static const char *const needs[] = { "verbose", "async" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(needs); i++) {
        if (vshCommandOptBool(cmd, needs[i]) && !blocking) {
            vshError(ctl, "--%s requires at least one of --timeout, --wait, --pivot, or --%s",
                     needs[i], stopper);
            return false;
        }
    }
    return true;
}


const vshCmdOptDef virshOptsBlockcommit[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "path",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the disk: its target name or source path"},
    {.name = "bandwidth",
     .type = VSH_OT_INT,
     .help = "limit the copy rate, in MiB/s"},
    {.name = "base",
     .type = VSH_OT_STRING,
     .help = "the image to commit into; the bottom of the chain by default"},
    {.name = "shallow",
     .type = VSH_OT_BOOL,
     .help = "commit into the backing file of the top image"},
    {.name = "top",
     .type = VSH_OT_STRING,
     .help = "the image to commit from; the top of the chain by default"},
    {.name = "active",
     .type = VSH_OT_BOOL,
     .help = "commit the active image, in two phases"},
    {.name = "delete",
     .type = VSH_OT_BOOL,
     .help = "delete the committed images afterwards"},
    {.name = "wait",
     .type = VSH_OT_BOOL,
     .help = "wait for the job to end (for --active, to be in sync)"},
    {.name = "verbose",
     .type = VSH_OT_BOOL,
     .help = "show the progress while waiting"},
    {.name = "timeout",
     .type = VSH_OT_INT,
     .help = "abort the job after this many seconds; implies --wait"},
    {.name = "pivot",
     .type = VSH_OT_BOOL,
     .help = "switch to the base once in sync; implies --active --wait"},
    {.name = "keep-overlay",
     .type = VSH_OT_BOOL,
     .help = "end the job once in sync, keeping the top image; implies --active --wait"},
    {.name = "async",
     .type = VSH_OT_BOOL,
     .help = "on timeout, ask for the abort without waiting for it"},
    {.name = "keep-relative",
     .type = VSH_OT_BOOL,
     .help = "keep relative backing file names relative"},
    {.name = "bytes",
     .type = VSH_OT_BOOL,
     .help = "the bandwidth is in bytes/s, not MiB/s"},
    {.name = NULL}
};

bool
virshCmdBlockcommit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshBlockJobWait) wait = NULL;
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool keepOverlay = vshCommandOptBool(cmd, "keep-overlay");
    bool active = vshCommandOptBool(cmd, "active") || pivot || keepOverlay;
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool blocking = vshCommandOptBool(cmd, "wait") || pivot || keepOverlay ||
                    vshCommandOptBool(cmd, "timeout");
    const char *path = NULL;
    const char *base = NULL;
    const char *top = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;
    int timeout = 0;
    int status;

    VSH_EXCLUSIVE_OPTIONS("pivot", "keep-overlay");
    if (!virshBlockJobCheckWaitOpts(ctl, cmd, blocking, "keep-overlay"))
        return false;

    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "base", &base) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "top", &top) < 0 ||
        vshCommandOptTimeoutToMs(ctl, cmd, &timeout) < 0 ||
        virshBlockJobOptBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
        return false;

    if (vshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_SHALLOW;
    if (vshCommandOptBool(cmd, "delete"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_DELETE;
    if (active)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_ACTIVE;
    if (vshCommandOptBool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_RELATIVE;
    if (bytes)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (blocking)
        wait = virshBlockJobWaitNew(ctl, dom, path, "Block commit",
                                    vshCommandOptBool(cmd, "verbose"), timeout,
                                    vshCommandOptBool(cmd, "async"));

    if (virDomainBlockCommit(dom, path, base, top, bandwidth, flags) < 0)
        return false;

    if (!blocking) {
        vshPrintExtra(ctl, "%s", active ? "Active Block Commit started"
                                        : "Block Commit started");
        return true;
    }

    status = virshBlockJobWaitEnd(wait);
    if (!virshBlockJobReportEnd(ctl, status, "Commit failed", "Commit aborted"))
        return false;

    if (active && status == VIR_DOMAIN_BLOCK_JOB_READY) {
        if (pivot || keepOverlay)
            return virshBlockJobConclude(ctl, dom, path, pivot,
                                         "Commit complete, overlay image kept");
        vshPrintExtra(ctl, "\n%s", "Now in synchronized phase");
        return true;
    }
    vshPrintExtra(ctl, "\n%s", "Commit complete");
    return true;
}


const vshCmdOptDef virshOptsBlockpull[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "path",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the disk: its target name or source path"},
    {.name = "bandwidth",
     .type = VSH_OT_INT,
     .help = "limit the copy rate, in MiB/s"},
    {.name = "base",
     .type = VSH_OT_STRING,
     .help = "pull only the images above this one"},
    {.name = "wait",
     .type = VSH_OT_BOOL,
     .help = "wait for the job to end"},
    {.name = "verbose",
     .type = VSH_OT_BOOL,
     .help = "with --wait, show the progress"},
    {.name = "timeout",
     .type = VSH_OT_INT,
     .help = "with --wait, abort the job after this many seconds"},
    {.name = "async",
     .type = VSH_OT_BOOL,
     .help = "with --wait, ask for the abort without waiting for it"},
    {.name = "keep-relative",
     .type = VSH_OT_BOOL,
     .help = "keep relative backing file names relative"},
    {.name = "bytes",
     .type = VSH_OT_BOOL,
     .help = "the bandwidth is in bytes/s, not MiB/s"},
    {.name = NULL}
};

bool
virshCmdBlockpull(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshBlockJobWait) wait = NULL;
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool blocking = vshCommandOptBool(cmd, "wait") || vshCommandOptBool(cmd, "timeout");
    const char *path = NULL;
    const char *base = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;
    int timeout = 0;
    int rc;

    if (!vshCommandOptBool(cmd, "wait")) {
        if (vshCommandOptBool(cmd, "verbose")) {
            vshError(ctl, "Option --%s is required by option --%s", "wait", "verbose");
            return false;
        }
        if (vshCommandOptBool(cmd, "async")) {
            vshError(ctl, "Option --%s is required by option --%s", "wait", "async");
            return false;
        }
    }

    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "base", &base) < 0 ||
        vshCommandOptTimeoutToMs(ctl, cmd, &timeout) < 0 ||
        virshBlockJobOptBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
        return false;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (blocking)
        wait = virshBlockJobWaitNew(ctl, dom, path, "Block Pull",
                                    vshCommandOptBool(cmd, "verbose"), timeout,
                                    vshCommandOptBool(cmd, "async"));

    /* Only the rebase call knows a base and relative names. */
    if (base || vshCommandOptBool(cmd, "keep-relative")) {
        if (vshCommandOptBool(cmd, "keep-relative"))
            flags |= VIR_DOMAIN_BLOCK_REBASE_RELATIVE;
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES;
        rc = virDomainBlockRebase(dom, path, base, bandwidth, flags);
    } else {
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES;
        rc = virDomainBlockPull(dom, path, bandwidth, flags);
    }
    if (rc < 0)
        return false;

    if (!blocking) {
        vshPrintExtra(ctl, "%s", "Block Pull started");
        return true;
    }
    if (!virshBlockJobReportEnd(ctl, virshBlockJobWaitEnd(wait), "Pull failed",
                                "Pull aborted"))
        return false;
    vshPrintExtra(ctl, "\n%s", "Pull complete");
    return true;
}


const vshCmdOptDef virshOptsBlockjob[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "path",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the disk: its target name or source path"},
    {.name = "abort",
     .type = VSH_OT_BOOL,
     .help = "stop the disk's job"},
    {.name = "async",
     .type = VSH_OT_BOOL,
     .help = "stop the job without waiting for it to go; implies --abort"},
    {.name = "pivot",
     .type = VSH_OT_BOOL,
     .help = "switch a ready copy or commit to its result; implies --abort"},
    {.name = "info",
     .type = VSH_OT_BOOL,
     .help = "show the disk's job"},
    {.name = "bytes",
     .type = VSH_OT_BOOL,
     .help = "the bandwidth is in bytes/s, not MiB/s"},
    {.name = "raw",
     .type = VSH_OT_BOOL,
     .help = "show the job's fields as they are; implies --info"},
    {.name = "bandwidth",
     .type = VSH_OT_INT,
     .help = "change the job's rate limit, in MiB/s"},
    {.name = NULL}
};

/* blockjob --info: the progress line and the rate, or the raw fields. */
static bool
virshBlockJobInfo(vshControl *ctl, virDomainPtr dom, const char *path,
                  bool raw, bool bytes)
{
    unsigned int flags = bytes ? VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES : 0;
    virDomainBlockJobInfo info;
    unsigned long long speed;
    const char *unit;
    double scaled;
    int rc;

    if ((rc = virDomainGetBlockJobInfo(dom, path, &info, flags)) < 0)
        return false;
    if (rc == 0) {
        if (!raw)
            vshPrint(ctl, "No current block job for %s", path);
        return true;
    }

    if (raw) {
        vshPrint(ctl, " type=%s\n bandwidth=%lu\n cur=%llu\n end=%llu\n",
                 virshBlockJobTypeName(info.type), info.bandwidth,
                 info.cur, info.end);
        return true;
    }

    virshPrintJobProgress(virshBlockJobTypeName(info.type),
                          info.end - info.cur, info.end);
    if (info.bandwidth) {
        speed = bytes ? info.bandwidth : (unsigned long long)info.bandwidth << 20;
        scaled = virshPrettyCapacity(speed, &unit);
        vshPrint(ctl, "    Bandwidth limit: %llu bytes/s (%-.3lf %s/s)",
                 speed, scaled, unit);
    }
    vshPrint(ctl, "\n");
    return true;
}

bool
virshCmdBlockjob(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    bool raw = vshCommandOptBool(cmd, "raw");
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool async = vshCommandOptBool(cmd, "async");
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool abortJob = vshCommandOptBool(cmd, "abort") || async || pivot;
    const char *path = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;
    int hasBandwidth;

    VSH_EXCLUSIVE_OPTIONS("raw", "abort");
    VSH_EXCLUSIVE_OPTIONS("raw", "async");
    VSH_EXCLUSIVE_OPTIONS("raw", "pivot");
    VSH_EXCLUSIVE_OPTIONS("raw", "bandwidth");
    VSH_EXCLUSIVE_OPTIONS("info", "abort");
    VSH_EXCLUSIVE_OPTIONS("info", "async");
    VSH_EXCLUSIVE_OPTIONS("info", "pivot");
    VSH_EXCLUSIVE_OPTIONS("info", "bandwidth");

    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        (hasBandwidth = virshBlockJobOptBandwidth(ctl, cmd, bytes, &bandwidth)) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (hasBandwidth) {
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES;
        return virDomainBlockJobSetSpeed(dom, path, bandwidth, flags) == 0;
    }
    if (abortJob) {
        if (async)
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC;
        if (pivot)
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT;
        return virDomainBlockJobAbort(dom, path, flags) == 0;
    }
    return virshBlockJobInfo(ctl, dom, path, raw, bytes);
}
