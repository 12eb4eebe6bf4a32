/*
 * virsh-blockcopy.c: the blockcopy command
 *
 * Two APIs do a copy: virDomainBlockRebase with the COPY flag, which
 * every driver that copies has, and virDomainBlockCopy, which takes the
 * destination as XML.  As virsh does, the old one is used unless an
 * option needs the new one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "virsh-domain.h"

const vshCmdOptDef virshOptsBlockcopy[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "path",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the disk to copy: its target name or source path"},
    {.name = "dest",
     .type = VSH_OT_STRING,
     .help = "the file or block device to copy to"},
    {.name = "bandwidth",
     .type = VSH_OT_INT,
     .help = "limit the copy rate, in MiB/s"},
    {.name = "shallow",
     .type = VSH_OT_BOOL,
     .help = "copy the top image only; the copy shares its backing chain"},
    {.name = "reuse-external",
     .type = VSH_OT_BOOL,
     .help = "write into an existing destination"},
    {.name = "blockdev",
     .type = VSH_OT_BOOL,
     .help = "the destination is a block device"},
    {.name = "wait",
     .type = VSH_OT_BOOL,
     .help = "wait until the copy mirrors the disk"},
    {.name = "verbose",
     .type = VSH_OT_BOOL,
     .help = "show the progress while waiting"},
    {.name = "timeout",
     .type = VSH_OT_INT,
     .help = "abort the job after this many seconds; implies --wait"},
    {.name = "pivot",
     .type = VSH_OT_BOOL,
     .help = "switch the disk to the copy once it mirrors; implies --wait"},
    {.name = "finish",
     .type = VSH_OT_BOOL,
     .help = "end the job once the copy mirrors, keeping the disk; implies --wait"},
    {.name = "async",
     .type = VSH_OT_BOOL,
     .help = "on timeout, ask for the abort without waiting for it"},
    {.name = "xml",
     .type = VSH_OT_STRING,
     .help = "a file with the <disk> XML of the destination"},
    {.name = "format",
     .type = VSH_OT_STRING,
     .help = "the image format of the destination"},
    {.name = "granularity",
     .type = VSH_OT_INT,
     .help = "the size of the dirty-tracking unit, a power of two"},
    {.name = "buf-size",
     .type = VSH_OT_INT,
     .help = "the most data in flight during the copy, in bytes"},
    {.name = "bytes",
     .type = VSH_OT_BOOL,
     .help = "the bandwidth is in bytes/s, not MiB/s"},
    {.name = "transient-job",
     .type = VSH_OT_BOOL,
     .help = "do not keep the job if the domain is shut down"},
    {.name = "synchronous-writes",
     .type = VSH_OT_BOOL,
     .help = "write the guest's writes to the destination before completing them"},
    {.name = "print-xml",
     .type = VSH_OT_BOOL,
     .help = "print the destination XML instead of copying"},
    {.name = "raw",
     .type = VSH_OT_ALIAS,
     .help = "format=raw"},
    {.name = NULL}
};


/* A whole number option; 1 when given, 0 when not, -1 after reporting. */
static int
virshBlockcopyOptNumber(vshControl *ctl, const vshCmd *cmd, const char *name,
                        unsigned long long max, unsigned long long *value)
{
    const char *str = NULL;
    int rc;

    if ((rc = vshCommandOptStringReq(ctl, cmd, name, &str)) <= 0)
        return rc;
    if (vshStrToULongLong(str, NULL, value) < 0 || *value > max) {
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 str, name);
        return -1;
    }
    return 1;
}


/* The destination as XML: the --xml file, or a <disk> made from --dest,
 * --blockdev and --format as virsh writes it. */
static char *
virshBlockcopyDestXML(vshControl *ctl, const vshCmd *cmd, const char *dest,
                      const char *format)
{
    g_autoptr(GString) xml = NULL;
    g_autofree char *escaped = NULL;
    const char *file = NULL;
    bool blockdev = vshCommandOptBool(cmd, "blockdev");

    if (vshCommandOptStringReq(ctl, cmd, "xml", &file) < 0)
        return NULL;
    if (file)
        return virshFileRead(ctl, file);

    escaped = g_markup_escape_text(dest, -1);
    xml = g_string_new(NULL);
    g_string_append_printf(xml, "<disk type='%s'>\n", blockdev ? "block" : "file");
    g_string_append_printf(xml, "  <source %s='%s'/>\n",
                           blockdev ? "dev" : "file", escaped);
    if (format) {
        g_autofree char *fmt = g_markup_escape_text(format, -1);

        g_string_append_printf(xml, "  <driver type='%s'/>\n", fmt);
    }
    g_string_append(xml, "</disk>\n");
    return g_string_free(g_steal_pointer(&xml), FALSE);
}


/* Start the copy with virDomainBlockCopy. */
static bool
virshBlockcopyNewAPI(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom,
                     const char *path, const char *xml, bool hasBandwidth,
                     unsigned long bandwidth)
{
    virTypedParameterPtr params = NULL;
    unsigned long long granularity = 0;
    unsigned long long bufSize = 0;
    unsigned long long speed = bandwidth;
    unsigned int flags = 0;
    int nparams = 0;
    int maxparams = 0;
    int hasGranularity;
    int hasBufSize;
    bool ok = false;

    if ((hasGranularity = virshBlockcopyOptNumber(ctl, cmd, "granularity",
                                                  UINT_MAX, &granularity)) < 0 ||
        (hasBufSize = virshBlockcopyOptNumber(ctl, cmd, "buf-size",
                                              ULLONG_MAX, &bufSize)) < 0)
        return false;

    /* The typed parameter is in bytes/s. */
    if (hasBandwidth && !vshCommandOptBool(cmd, "bytes")) {
        if (speed > ULLONG_MAX >> 20) {
            vshError(ctl, "bandwidth must be less than %llu", ULLONG_MAX >> 20);
            return false;
        }
        speed <<= 20;
    }

    if ((hasBandwidth &&
         virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                 VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, speed) < 0) ||
        (hasGranularity &&
         virTypedParamsAddUInt(&params, &nparams, &maxparams,
                               VIR_DOMAIN_BLOCK_COPY_GRANULARITY, granularity) < 0) ||
        (hasBufSize &&
         virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                 VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, bufSize) < 0))
        goto cleanup;

    if (vshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COPY_SHALLOW;
    if (vshCommandOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BLOCK_COPY_REUSE_EXT;
    if (vshCommandOptBool(cmd, "transient-job"))
        flags |= VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB;
    if (vshCommandOptBool(cmd, "synchronous-writes"))
        flags |= VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES;

    ok = virDomainBlockCopy(dom, path, xml, params, nparams, flags) == 0;

 cleanup:
    virTypedParamsFree(params, nparams);
    return ok;
}


/* Start the copy with virDomainBlockRebase. */
static bool
virshBlockcopyOldAPI(const vshCmd *cmd, virDomainPtr dom, const char *path,
                     const char *dest, const char *format,
                     unsigned long bandwidth)
{
    unsigned int flags = VIR_DOMAIN_BLOCK_REBASE_COPY;

    if (vshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_SHALLOW;
    if (vshCommandOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT;
    if (vshCommandOptBool(cmd, "blockdev"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_DEV;
    if (format && strcmp(format, "raw") == 0)
        flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_RAW;
    if (vshCommandOptBool(cmd, "bytes"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES;
    return virDomainBlockRebase(dom, path, dest, bandwidth, flags) == 0;
}


/* Whether an option given needs virDomainBlockCopy. */
static bool
virshBlockcopyNeedsNewAPI(const vshCmd *cmd, const char *format)
{
    return vshCommandOptBool(cmd, "xml") ||
           vshCommandOptBool(cmd, "granularity") ||
           vshCommandOptBool(cmd, "buf-size") ||
           vshCommandOptBool(cmd, "transient-job") ||
           vshCommandOptBool(cmd, "synchronous-writes") ||
           (format && strcmp(format, "raw") != 0);
}


bool
virshCmdBlockcopy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshBlockJobWait) wait = NULL;
    g_autofree char *xml = NULL;
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool finish = vshCommandOptBool(cmd, "finish");
    bool blocking = vshCommandOptBool(cmd, "wait") || pivot || finish ||
                    vshCommandOptBool(cmd, "timeout");
    const char *path = NULL;
    const char *dest = NULL;
    const char *format = NULL;
    unsigned long bandwidth = 0;
    int hasBandwidth;
    int timeout = 0;
    int status;
    bool started;

    VSH_EXCLUSIVE_OPTIONS("dest", "xml");
    VSH_EXCLUSIVE_OPTIONS("format", "xml");
    VSH_EXCLUSIVE_OPTIONS("blockdev", "xml");
    VSH_EXCLUSIVE_OPTIONS("pivot", "finish");
    if (!virshBlockJobCheckWaitOpts(ctl, cmd, blocking, "finish"))
        return false;

    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "dest", &dest) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptTimeoutToMs(ctl, cmd, &timeout) < 0 ||
        (hasBandwidth = virshBlockJobOptBandwidth(ctl, cmd,
                                                  vshCommandOptBool(cmd, "bytes"),
                                                  &bandwidth)) < 0)
        return false;
    if (!dest && !vshCommandOptBool(cmd, "xml")) {
        vshError(ctl, "%s", "need either --dest or --xml");
        return false;
    }

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (vshCommandOptBool(cmd, "print-xml")) {
        if (!(xml = virshBlockcopyDestXML(ctl, cmd, dest, format)))
            return false;
        vshPrint(ctl, "%s", xml);
        return true;
    }

    if (blocking)
        wait = virshBlockJobWaitNew(ctl, dom, path, "Block Copy",
                                    vshCommandOptBool(cmd, "verbose"), timeout,
                                    vshCommandOptBool(cmd, "async"));

    if (virshBlockcopyNeedsNewAPI(cmd, format)) {
        if (!(xml = virshBlockcopyDestXML(ctl, cmd, dest, format)))
            return false;
        started = virshBlockcopyNewAPI(ctl, cmd, dom, path, xml, hasBandwidth,
                                       bandwidth);
    } else {
        started = virshBlockcopyOldAPI(cmd, dom, path, dest, format, bandwidth);
    }
    if (!started)
        return false;

    if (!blocking) {
        vshPrintExtra(ctl, "%s", "Block Copy started");
        return true;
    }

    status = virshBlockJobWaitEnd(wait);
    if (!virshBlockJobReportEnd(ctl, status, "Copy failed", "Copy aborted"))
        return false;
    if (pivot || finish)
        return virshBlockJobConclude(ctl, dom, path, pivot, "Successfully copied");
    vshPrintExtra(ctl, "\n%s", "Now in mirroring phase");
    return true;
}
