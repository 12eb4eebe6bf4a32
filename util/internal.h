/*
 * internal.h: what every virtplug source file includes after <config.h>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Messages are marked for translation so that a catalogue can be added
 * without touching every call site; until then they are used as is. */
#define _(str) (str)
#define N_(str) (str)

#define STREQ(a, b) (strcmp(a, b) == 0)
#define STRNEQ(a, b) (strcmp(a, b) != 0)
#define STREQ_NULLABLE(a, b) (g_strcmp0(a, b) == 0)
#define STRNEQ_NULLABLE(a, b) (g_strcmp0(a, b) != 0)
#define STRPREFIX(a, b) (strncmp(a, b, strlen(b)) == 0)
#define NULLSTR(s) ((s) ? (s) : "<null>")
#define NULLSTR_EMPTY(s) ((s) ? (s) : "")

/* Reject flags a function does not know, as every libvirt entry point
 * and driver callback does, naming the function and the bad bits. */
#define virCheckFlags(supported, retval) \
    do { \
        unsigned int unknown_ = flags & ~((unsigned int)(supported)); \
        if (unknown_) { \
            virReportInvalidFlagsFull(VIR_FROM_THIS, __func__, unknown_); \
            return retval; \
        } \
    } while (0)

#define virCheckFlagsGoto(supported, label) \
    do { \
        unsigned int unknown_ = flags & ~((unsigned int)(supported)); \
        if (unknown_) { \
            virReportInvalidFlagsFull(VIR_FROM_THIS, __func__, unknown_); \
            goto label; \
        } \
    } while (0)

/* Two flags that must not be given together. */
#define VIR_EXCLUSIVE_FLAGS_RET(flag1, flag2, retval) \
    do { \
        if ((flags & (flag1)) && (flags & (flag2))) { \
            virReportInvalidArgMessage(VIR_FROM_THIS, \
                           _("Flags '%1$s' and '%2$s' are mutually exclusive"), \
                           #flag1, #flag2); \
            return retval; \
        } \
    } while (0)

#define VIR_UUID_RAW_LEN VIR_UUID_BUFLEN
