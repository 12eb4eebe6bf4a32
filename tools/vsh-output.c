/*
 * vsh-output.c: what the shell prints, and the library errors it keeps
 * until a failed command reports them
 *
 * Results go to stdout, errors to stderr as "error: MESSAGE".  The
 * library's own error printing is switched off: a failing call's error
 * is saved here and printed once, after the command's own context line
 * ("error: Failed to destroy domain 'x'"), as virsh does.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vsh.h"

/* The error a library call raised during the current command, copied
 * out of the virError the library handed to our handler.  Events run on
 * another thread, hence the lock. */
static GMutex vshErrorLock;
static int vshErrorCode;            /* VIR_ERR_OK when none */
static char *vshErrorMessage;
/* An error our own code found where libvirt's virsh would have had the
 * library raise it (unit suffixes); printed like a library error. */
static char *vshPendingMessage;

static const char *const vshLevelNames[] = {
    [VSH_ERR_DEBUG] = "DEBUG",
    [VSH_ERR_INFO] = "INFO",
    [VSH_ERR_NOTICE] = "NOTICE",
    [VSH_ERR_WARNING] = "WARNING",
    [VSH_ERR_ERROR] = "ERROR",
};

static void
vshLogMessage(vshControl *ctl, int level, const char *msg)
{
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;

    if (!ctl || !ctl->logfile)
        return;
    now = g_date_time_new_now_local();
    stamp = g_date_time_format(now, "%Y.%m.%d %H:%M:%S");
    fprintf(ctl->logfile, "[%s %s %d] %s: %s%s", stamp, ctl->progname,
            (int)getpid(), vshLevelNames[level], msg,
            g_str_has_suffix(msg, "\n") ? "" : "\n");
    fflush(ctl->logfile);
}

/**
 * vshPrint:
 * @ctl: the shell
 * @format: printf format
 *
 * Prints a result to stdout, also in quiet mode.
 */
void
vshPrint(vshControl *ctl G_GNUC_UNUSED, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    vfprintf(stdout, format, ap);
    va_end(ap);
    fflush(stdout);
}

/**
 * vshPrintExtra:
 * @ctl: the shell
 * @format: printf format
 *
 * Prints a confirmation or decoration that -q suppresses.
 */
void
vshPrintExtra(vshControl *ctl, const char *format, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, format);
    vfprintf(stdout, format, ap);
    va_end(ap);
    fflush(stdout);
}

/**
 * vshError:
 * @ctl: the shell, or NULL before it exists
 * @format: printf format
 *
 * Prints "error: MESSAGE" and a newline to stderr (and the log).  The
 * newline is added even after one in MESSAGE, which some of virsh's
 * messages rely on for a blank line.
 */
void
vshError(vshControl *ctl, const char *format, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);

    vshLogMessage(ctl, VSH_ERR_ERROR, msg);
    /* Flush first so that 2>&1 keeps results and errors in order. */
    fflush(stdout);
    fprintf(stderr, "error: %s\n", msg);
    fflush(stderr);
}

/**
 * vshDebug:
 * @ctl: the shell
 * @level: a vshErrorLevel; printed when at least the -d level
 * @format: printf format
 *
 * Prints a diagnostic to stdout and the log.
 */
void
vshDebug(vshControl *ctl, int level, const char *format, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    if (level < ctl->debug && !ctl->logfile)
        return;
    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);

    vshLogMessage(ctl, level, msg);
    /* virsh prints diagnostics among the results, on stdout. */
    if (level >= ctl->debug) {
        fputs(msg, stdout);
        fflush(stdout);
    }
}

static void
vshErrorHandler(void *opaque G_GNUC_UNUSED, virErrorPtr err)
{
    g_mutex_lock(&vshErrorLock);
    g_clear_pointer(&vshErrorMessage, g_free);
    vshErrorCode = err ? err->code : VIR_ERR_OK;
    if (err && err->message)
        vshErrorMessage = g_strdup(err->message);
    g_mutex_unlock(&vshErrorLock);
}

/**
 * vshInstallErrorHandler:
 *
 * Stops the library from printing errors itself and keeps each one for
 * vshReportError.
 */
void
vshInstallErrorHandler(void)
{
    virSetErrorFunc(NULL, vshErrorHandler);
}

/**
 * vshSetPendingError:
 * @format: printf format of the message, as the library would word it
 *
 * Keeps an error found by the shell itself for vshReportError.
 */
void
vshSetPendingError(const char *format, ...)
{
    va_list ap;

    g_mutex_lock(&vshErrorLock);
    g_free(vshPendingMessage);
    va_start(ap, format);
    vshPendingMessage = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_mutex_unlock(&vshErrorLock);
}

/**
 * vshResetLibvirtError:
 *
 * Forgets the kept error, for a failure the command has explained in its
 * own words.
 */
void
vshResetLibvirtError(void)
{
    g_mutex_lock(&vshErrorLock);
    vshErrorCode = VIR_ERR_OK;
    g_clear_pointer(&vshErrorMessage, g_free);
    g_clear_pointer(&vshPendingMessage, g_free);
    g_mutex_unlock(&vshErrorLock);
    virResetLastError();
}

/**
 * vshLastErrorCode:
 *
 * Returns the virErrorNumber of the kept error, VIR_ERR_OK if none.
 */
int
vshLastErrorCode(void)
{
    int code;

    g_mutex_lock(&vshErrorLock);
    code = vshErrorCode;
    g_mutex_unlock(&vshErrorLock);
    return code;
}

/**
 * vshReportError:
 * @ctl: the shell
 *
 * Prints the kept error of a failed command, if there is one, and forgets
 * it.  An error raised without reaching our handler is taken from the
 * thread's last error.
 */
void
vshReportError(vshControl *ctl)
{
    g_autofree char *msg = NULL;
    virErrorPtr err;

    g_mutex_lock(&vshErrorLock);
    if (vshErrorCode != VIR_ERR_OK)
        msg = g_strdup(vshErrorMessage ? vshErrorMessage : "unknown error");
    else if (vshPendingMessage)
        msg = g_strdup(vshPendingMessage);
    g_mutex_unlock(&vshErrorLock);

    if (!msg && (err = virGetLastError()) && err->code != VIR_ERR_OK)
        msg = g_strdup(err->message ? err->message : "unknown error");

    if (msg)
        vshError(ctl, "%s", msg);
    vshResetLibvirtError();
}
