/*
 * vsh-opt.c: reading a parsed command's options, with virsh's checks
 *
 * The getters return 1 when the option was given and its value is good,
 * 0 when it was not given (leaving the output untouched) and -1 after
 * reporting why the value is unusable, in the words virsh 9.0 uses.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static const vshCmdOpt *
vshCommandOptFind(const vshCmd *cmd, const char *name)
{
    const vshCmdOpt *opt;

    for (opt = cmd->opts; opt; opt = opt->next) {
        if (strcmp(opt->def->name, name) == 0)
            return opt;
    }
    return NULL;
}

/**
 * vshCommandOptBool:
 * @cmd: a parsed command
 * @name: the option's name without dashes
 *
 * Returns true if the option was given.
 */
bool
vshCommandOptBool(const vshCmd *cmd, const char *name)
{
    return vshCommandOptFind(cmd, name) != NULL;
}

/**
 * vshCommandOptStringReq:
 * @ctl: the shell, for the error
 * @cmd: a parsed command
 * @name: the option's name
 * @value: set to the value, owned by @cmd; NULL when not given
 *
 * An empty value is refused unless the option allows it.
 *
 * Returns 1, 0 or -1 (see the top of this file).
 */
int
vshCommandOptStringReq(vshControl *ctl, const vshCmd *cmd,
                       const char *name, const char **value)
{
    const vshCmdOpt *opt = vshCommandOptFind(cmd, name);

    *value = NULL;
    if (!opt)
        return 0;

    if (!*opt->data && !(opt->def->flags & VSH_OFLAG_EMPTY_OK)) {
        vshError(ctl, "Failed to get option '%s': %s", name,
                 "Option argument is empty");
        return -1;
    }
    *value = opt->data;
    return 1;
}

/**
 * vshCommandOptStringQuiet:
 * @cmd: a parsed command
 * @name: the option's name
 *
 * Returns the option's value as given (owned by @cmd), or NULL.
 */
const char *
vshCommandOptStringQuiet(const vshCmd *cmd, const char *name)
{
    const vshCmdOpt *opt = vshCommandOptFind(cmd, name);

    return opt ? opt->data : NULL;
}

/**
 * vshStrToLongLong:
 * @s: text that must be a whole decimal number
 * @result: set on success
 *
 * Returns 0, or -1 for garbage, an empty string or overflow.
 */
int
vshStrToLongLong(const char *s, long long *result)
{
    char *end = NULL;
    long long val;

    errno = 0;
    val = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return -1;
    *result = val;
    return 0;
}

/**
 * vshStrToULongLong:
 * @s: text starting with a decimal number; no sign allowed
 * @end: if non-NULL, set to where the number stops (else the number must
 *       be the whole of @s)
 * @result: set on success
 *
 * Returns 0 or -1.
 */
int
vshStrToULongLong(const char *s, char **end, unsigned long long *result)
{
    char *p = NULL;
    unsigned long long val;

    if (strchr(s, '-'))
        return -1;
    errno = 0;
    val = strtoull(s, &p, 10);
    if (errno || p == s || (!end && *p))
        return -1;
    if (end)
        *end = p;
    *result = val;
    return 0;
}

static void
vshReportMalformed(vshControl *ctl, const char *name, const char *value)
{
    vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
             value, name);
}

/**
 * vshCommandOptInt:
 * @ctl: the shell, for the error
 * @cmd: a parsed command
 * @name: the option's name
 * @value: set to the number when given
 *
 * Returns 1, 0 or -1.
 */
int
vshCommandOptInt(vshControl *ctl, const vshCmd *cmd,
                 const char *name, int *value)
{
    const vshCmdOpt *opt = vshCommandOptFind(cmd, name);
    long long val;

    if (!opt)
        return 0;
    if (vshStrToLongLong(opt->data, &val) < 0 || val < INT_MIN || val > INT_MAX) {
        vshReportMalformed(ctl, name, opt->data);
        return -1;
    }
    *value = val;
    return 1;
}

/**
 * vshScaleInteger:
 * @value: a number, multiplied in place
 * @suffix: the unit after the number (libvirt's units: b, k, KiB, KB, M,
 *          MiB, MB ... e), or ""
 * @scale: the multiplier when @suffix is empty
 * @limit: the largest acceptable result
 *
 * On failure the reason is kept for vshReportError, where libvirt's own
 * parser would have raised it as a library error.
 *
 * Returns 0 or -1.
 */
int
vshScaleInteger(unsigned long long *value, const char *suffix,
                unsigned long long scale, unsigned long long limit)
{
    static const char units[] = "bkmgtpe";
    unsigned long long base;
    const char *unit;
    size_t i;

    if (*suffix) {
        if (!suffix[1] || g_ascii_strcasecmp(suffix + 1, "iB") == 0) {
            base = 1024;
        } else if (g_ascii_tolower(suffix[1]) == 'b' && !suffix[2]) {
            base = 1000;
        } else {
            vshSetPendingError("invalid argument: unknown suffix '%s'", suffix);
            return -1;
        }
        if (!(unit = strchr(units, g_ascii_tolower(*suffix))) || !*unit) {
            vshSetPendingError("invalid argument: unknown suffix '%s'", suffix);
            return -1;
        }
        scale = 1;
        for (i = 0; i < (size_t)(unit - units); i++)
            scale *= base;
    }

    if (*value && *value > limit / scale) {
        vshSetPendingError("numerical overflow: value too large: %llu%s",
                           *value, suffix);
        return -1;
    }
    *value *= scale;
    return 0;
}

/**
 * vshCommandOptScaledInt:
 * @ctl: the shell, for the error
 * @cmd: a parsed command
 * @name: the option's name
 * @value: set to the number of bytes when given
 * @scale: bytes per unit when the value has no unit suffix
 * @max: the largest acceptable result
 *
 * Returns 1, 0 or -1.
 */
int
vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd,
                       const char *name, unsigned long long *value,
                       unsigned long long scale, unsigned long long max)
{
    const vshCmdOpt *opt = vshCommandOptFind(cmd, name);
    char *end = NULL;

    if (!opt)
        return 0;
    if (vshStrToULongLong(opt->data, &end, value) < 0 ||
        vshScaleInteger(value, end, scale, max) < 0) {
        vshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                 opt->data, name);
        return -1;
    }
    return 1;
}

/**
 * vshCommandOptTimeoutToMs:
 * @ctl: the shell, for the error
 * @cmd: a parsed command with a "timeout" option in seconds
 * @timeout: set to milliseconds when given
 *
 * Returns 1, 0 or -1; a timeout must be at least one second.
 */
int
vshCommandOptTimeoutToMs(vshControl *ctl, const vshCmd *cmd, int *timeout)
{
    const vshCmdOpt *opt = vshCommandOptFind(cmd, "timeout");
    long long val;

    if (!opt)
        return 0;
    if (vshStrToLongLong(opt->data, &val) < 0 ||
        val < 1 || val > INT_MAX / 1000) {
        vshReportMalformed(ctl, "timeout", opt->data);
        return -1;
    }
    *timeout = val * 1000;
    return 1;
}

/**
 * vshCommandOptArgv:
 * @cmd: a parsed command
 * @prev: the previous result, or NULL to start
 *
 * Walks the words given to the command's VSH_OT_ARGV option, in order.
 *
 * Returns the next one, or NULL at the end.
 */
const vshCmdOpt *
vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *prev)
{
    const vshCmdOpt *opt = prev ? prev->next : cmd->opts;

    for (; opt; opt = opt->next) {
        if (opt->def->type == VSH_OT_ARGV)
            return opt;
    }
    return NULL;
}

/**
 * vshOptionsExclusive:
 * @ctl: the shell, for the error
 * @cmd: a parsed command
 * @name1: an option's name
 * @name2: an option that cannot be given with @name1
 *
 * Returns false after reporting if both were given.
 */
bool
vshOptionsExclusive(vshControl *ctl, const vshCmd *cmd,
                    const char *name1, const char *name2)
{
    if (vshCommandOptBool(cmd, name1) && vshCommandOptBool(cmd, name2)) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive",
                 name1, name2);
        return false;
    }
    return true;
}
