/*
 * virlog.h: debug logging, off unless asked for
 *
 * VIRTPLUG_DEBUG=1..4 (or LIBVIRT_DEBUG) sets the lowest priority that is
 * printed (1 debug, 2 info, 3 warning, 4 error); VIRTPLUG_LOG_FILTERS (or
 * LIBVIRT_LOG_FILTERS) takes libvirt's "PRIO:match PRIO:match" list, where
 * match is a substring of the source file name.  Output goes to stderr.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO,
    VIR_LOG_WARN,
    VIR_LOG_ERROR,
} virLogPriority;

/* Read the environment again (tests call it after setenv()). */
void virLogSetFromEnv(void);
bool virLogEnabled(virLogPriority prio, const char *filename);
void virLogMessage(virLogPriority prio, const char *filename, int linenr,
                   const char *funcname, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

#define VIR_LOG_AT(prio, ...) \
    do { \
        if (virLogEnabled(prio, __FILE__)) \
            virLogMessage(prio, __FILE__, __LINE__, __func__, __VA_ARGS__); \
    } while (0)

#define VIR_DEBUG(...) VIR_LOG_AT(VIR_LOG_DEBUG, __VA_ARGS__)
#define VIR_INFO(...) VIR_LOG_AT(VIR_LOG_INFO, __VA_ARGS__)
#define VIR_WARN(...) VIR_LOG_AT(VIR_LOG_WARN, __VA_ARGS__)
#define VIR_ERROR(...) VIR_LOG_AT(VIR_LOG_ERROR, __VA_ARGS__)
