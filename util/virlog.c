/*
 * virlog.c: debug logging to stderr, configured from the environment
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "internal.h"
#include "virlog.h"

/* One past the highest priority: nothing is printed. */
#define VIR_LOG_OFF (VIR_LOG_ERROR + 1)

typedef struct _virLogFilter virLogFilter;
struct _virLogFilter {
    char *match;        /* substring of the source file name */
    int priority;       /* lowest priority printed for matching files */
};

typedef struct _virLogConfig virLogConfig;
struct _virLogConfig {
    int defaultPriority;
    size_t nfilters;
    virLogFilter *filters;
};

/* The configuration is replaced as a whole under virLogLock; readers
 * take the lock too, so a concurrent virLogSetFromEnv() is safe. */
static GMutex virLogLock;
static virLogConfig virLogCurrent = { VIR_LOG_OFF, 0, NULL };
static gsize virLogInitialized;


static const char *
virLogPriorityString(virLogPriority prio)
{
    switch (prio) {
    case VIR_LOG_DEBUG:
        return "debug";
    case VIR_LOG_INFO:
        return "info";
    case VIR_LOG_WARN:
        return "warning";
    case VIR_LOG_ERROR:
        return "error";
    }
    return "unknown";
}


static int
virLogParsePriority(const char *str)
{
    if (!str || str[0] < '1' || str[0] > '4' || str[1] != '\0')
        return -1;
    return str[0] - '0';
}


static const char *
virLogGetEnv(const char *name, const char *fallback)
{
    const char *val = g_getenv(name);

    if (!val || !*val)
        val = g_getenv(fallback);
    return val;
}


/* Parse libvirt's "PRIO:match PRIO:match" list; entries that do not
 * parse are skipped, as a bad debug setting must not break the caller. */
static void
virLogParseFilters(const char *str, virLogConfig *cfg)
{
    g_auto(GStrv) tokens = NULL;
    size_t i;

    if (!str)
        return;

    tokens = g_strsplit_set(str, " \t\n", -1);
    cfg->filters = g_new0(virLogFilter, g_strv_length(tokens));
    for (i = 0; tokens[i]; i++) {
        char *sep = strchr(tokens[i], ':');
        const char *match;
        int prio;

        if (!sep)
            continue;
        *sep = '\0';
        match = sep + 1;
        /* libvirt's '+' asks for a stack trace, which we do not print. */
        if (*match == '+')
            match++;
        if ((prio = virLogParsePriority(tokens[i])) < 0 || !*match)
            continue;

        cfg->filters[cfg->nfilters].match = g_strdup(match);
        cfg->filters[cfg->nfilters].priority = prio;
        cfg->nfilters++;
    }
}


static void
virLogConfigClear(virLogConfig *cfg)
{
    size_t i;

    for (i = 0; i < cfg->nfilters; i++)
        g_free(cfg->filters[i].match);
    g_free(cfg->filters);
    cfg->filters = NULL;
    cfg->nfilters = 0;
}


/**
 * virLogSetFromEnv:
 *
 * Read VIRTPLUG_DEBUG / LIBVIRT_DEBUG and VIRTPLUG_LOG_FILTERS /
 * LIBVIRT_LOG_FILTERS again, replacing the current configuration.
 * Unset or malformed values turn the corresponding setting off.
 */
void
virLogSetFromEnv(void)
{
    virLogConfig cfg = { VIR_LOG_OFF, 0, NULL };
    int prio;
    int saved_errno = errno;

    prio = virLogParsePriority(virLogGetEnv("VIRTPLUG_DEBUG", "LIBVIRT_DEBUG"));
    if (prio > 0)
        cfg.defaultPriority = prio;
    virLogParseFilters(virLogGetEnv("VIRTPLUG_LOG_FILTERS",
                                    "LIBVIRT_LOG_FILTERS"), &cfg);

    g_mutex_lock(&virLogLock);
    virLogConfigClear(&virLogCurrent);
    virLogCurrent = cfg;
    g_mutex_unlock(&virLogLock);

    errno = saved_errno;
}


static void
virLogInitOnce(void)
{
    if (g_once_init_enter(&virLogInitialized)) {
        virLogSetFromEnv();
        g_once_init_leave(&virLogInitialized, 1);
    }
}


/**
 * virLogEnabled:
 * @prio: priority of the message about to be logged
 * @filename: source file that logs it (__FILE__)
 *
 * The first filter whose match is a substring of @filename decides;
 * without one, the default priority does.  The environment is read on
 * the first call.
 *
 * Returns true when a message of @prio from @filename would be printed.
 */
bool
virLogEnabled(virLogPriority prio, const char *filename)
{
    int threshold;
    size_t i;

    virLogInitOnce();

    g_mutex_lock(&virLogLock);
    threshold = virLogCurrent.defaultPriority;
    for (i = 0; filename && i < virLogCurrent.nfilters; i++) {
        if (strstr(filename, virLogCurrent.filters[i].match)) {
            threshold = virLogCurrent.filters[i].priority;
            break;
        }
    }
    g_mutex_unlock(&virLogLock);

    return (int)prio >= threshold;
}


/**
 * virLogMessage:
 * @prio: priority of the message
 * @filename: source file (__FILE__), matched against the filters
 * @linenr: source line
 * @funcname: function that logs
 * @fmt: printf format of the message
 *
 * Print one line "TIMESTAMP: TID: PRIO : FUNC:LINE : MESSAGE" to stderr
 * if @prio is enabled for @filename.  errno is preserved, so a caller
 * may log between a failed system call and its error report.
 */
void
virLogMessage(virLogPriority prio, const char *filename, int linenr,
              const char *funcname, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    g_autofree char *line = NULL;
    struct timeval tv;
    struct tm tm;
    char stamp[64];
    va_list ap;
    int saved_errno = errno;

    if (!virLogEnabled(prio, filename))
        return;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);

    line = g_strdup_printf("%s.%03d+0000: %ld: %s : %s:%d : %s\n",
                           stamp, (int)(tv.tv_usec / 1000),
                           (long)syscall(SYS_gettid),
                           virLogPriorityString(prio),
                           NULLSTR(funcname), linenr, msg);

    /* One write per line, so lines of concurrent threads do not mix. */
    if (write(STDERR_FILENO, line, strlen(line)) < 0) {
        /* Nowhere left to report a failure to log. */
    }

    errno = saved_errno;
}
