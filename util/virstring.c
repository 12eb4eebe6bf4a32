/*
 * virstring.c: number parsing that rejects garbage, and small string helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Whether the parse that stopped at @end used the whole of @s, or the
 * caller takes the rest; @end == @s means there were no digits at all. */
static int
virStrToLongCheckEnd(const char *s, char *end, char **end_ptr)
{
    if (end_ptr)
        *end_ptr = end;
    if (end == s)
        return -1;
    if (!end_ptr && *end != '\0')
        return -1;
    return 0;
}


/* The unsigned parsers refuse a minus sign: strtoul() would accept "-1"
 * and return ULONG_MAX, which is never what an XML attribute meant. */
static bool
virStrToLongIsNegative(const char *s)
{
    while (g_ascii_isspace(*s))
        s++;
    return *s == '-';
}


static int
virStrToLongSigned(const char *s, char **end_ptr, int base,
                   long long min, long long max, long long *result)
{
    long long val;
    char *end;

    if (!s) {
        if (end_ptr)
            *end_ptr = NULL;
        return -1;
    }

    errno = 0;
    val = strtoll(s, &end, base);
    if (virStrToLongCheckEnd(s, end, end_ptr) < 0 || errno != 0 ||
        val < min || val > max)
        return -1;

    *result = val;
    return 0;
}


static int
virStrToLongUnsigned(const char *s, char **end_ptr, int base,
                     unsigned long long max, unsigned long long *result)
{
    unsigned long long val;
    char *end;

    if (!s) {
        if (end_ptr)
            *end_ptr = NULL;
        return -1;
    }

    errno = 0;
    val = strtoull(s, &end, base);
    if (virStrToLongCheckEnd(s, end, end_ptr) < 0 || errno != 0 ||
        virStrToLongIsNegative(s) || val > max)
        return -1;

    *result = val;
    return 0;
}


/**
 * virStrToLong_i:
 * @s: text to parse; leading white space is skipped
 * @end_ptr: if non-NULL, receives where parsing stopped and trailing
 *           text is allowed; if NULL, all of @s must be the number
 * @base: as for strtol() (0 accepts 0x and 0 prefixes)
 * @result: set only on success
 *
 * Returns 0, or -1 for an empty string, no digits, trailing text or a
 * value out of range.  No error is reported.
 */
int
virStrToLong_i(const char *s, char **end_ptr, int base, int *result)
{
    long long val;

    if (virStrToLongSigned(s, end_ptr, base, INT_MIN, INT_MAX, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


/**
 * virStrToLong_ui:
 * @s: text to parse; a minus sign is refused
 * @end_ptr: see virStrToLong_i()
 * @base: as for strtoul()
 * @result: set only on success
 *
 * Returns 0, or -1 as virStrToLong_i() does, and for negative numbers.
 */
int
virStrToLong_ui(const char *s, char **end_ptr, int base,
                unsigned int *result)
{
    unsigned long long val;

    if (virStrToLongUnsigned(s, end_ptr, base, UINT_MAX, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


/**
 * virStrToLong_l:
 * @s: text to parse
 * @end_ptr: see virStrToLong_i()
 * @base: as for strtol()
 * @result: set only on success
 *
 * Returns 0, or -1 as virStrToLong_i() does.
 */
int
virStrToLong_l(const char *s, char **end_ptr, int base, long *result)
{
    long long val;

    if (virStrToLongSigned(s, end_ptr, base, LONG_MIN, LONG_MAX, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


/**
 * virStrToLong_ul:
 * @s: text to parse; a minus sign is refused
 * @end_ptr: see virStrToLong_i()
 * @base: as for strtoul()
 * @result: set only on success
 *
 * Returns 0, or -1 as virStrToLong_ui() does.
 */
int
virStrToLong_ul(const char *s, char **end_ptr, int base,
                unsigned long *result)
{
    unsigned long long val;

    if (virStrToLongUnsigned(s, end_ptr, base, ULONG_MAX, &val) < 0)
        return -1;
    *result = val;
    return 0;
}


/**
 * virStrToLong_ll:
 * @s: text to parse
 * @end_ptr: see virStrToLong_i()
 * @base: as for strtoll()
 * @result: set only on success
 *
 * Returns 0, or -1 as virStrToLong_i() does.
 */
int
virStrToLong_ll(const char *s, char **end_ptr, int base, long long *result)
{
    return virStrToLongSigned(s, end_ptr, base, LLONG_MIN, LLONG_MAX, result);
}


/**
 * virStrToLong_ull:
 * @s: text to parse; a minus sign is refused
 * @end_ptr: see virStrToLong_i()
 * @base: as for strtoull()
 * @result: set only on success
 *
 * Returns 0, or -1 as virStrToLong_ui() does.
 */
int
virStrToLong_ull(const char *s, char **end_ptr, int base,
                 unsigned long long *result)
{
    return virStrToLongUnsigned(s, end_ptr, base, ULLONG_MAX, result);
}


/**
 * virStrToDouble:
 * @s: text to parse, in the C locale whatever the process locale is
 * @end_ptr: see virStrToLong_i()
 * @result: set only on success
 *
 * Returns 0, or -1 for no number, trailing text or overflow.
 */
int
virStrToDouble(const char *s, char **end_ptr, double *result)
{
    double val;
    char *end;

    if (!s) {
        if (end_ptr)
            *end_ptr = NULL;
        return -1;
    }

    errno = 0;
    val = g_ascii_strtod(s, &end);
    if (virStrToLongCheckEnd(s, end, end_ptr) < 0 || errno != 0)
        return -1;

    *result = val;
    return 0;
}


/* Parse a unit word: "b", "byte(s)", or k/m/g/t/p/e followed by nothing
 * or "iB" (powers of 1024) or "B" (powers of 1000), any case, as
 * libvirt's memory and capacity attributes accept. */
static int
virScaleParseUnit(const char *unit, unsigned long long *scale)
{
    static const char prefixes[] = "kmgtpe";
    const char *p;
    unsigned long long base;
    size_t power;

    if (g_ascii_strcasecmp(unit, "b") == 0 ||
        g_ascii_strcasecmp(unit, "byte") == 0 ||
        g_ascii_strcasecmp(unit, "bytes") == 0) {
        *scale = 1;
        return 0;
    }

    if (!unit[0] || !(p = strchr(prefixes, g_ascii_tolower(unit[0]))))
        return -1;

    if (unit[1] == '\0' || g_ascii_strcasecmp(unit + 1, "iB") == 0)
        base = 1024;
    else if (g_ascii_strcasecmp(unit + 1, "B") == 0)
        base = 1000;
    else
        return -1;

    *scale = 1;
    for (power = 0; power <= (size_t)(p - prefixes); power++)
        *scale *= base;
    return 0;
}


/**
 * virScaleInteger:
 * @value: number to scale, replaced by the result on success
 * @unit: unit word ("KiB", "M", "GB", "bytes" ...); NULL or "" means
 *        @defaultScale
 * @defaultScale: multiplier when no unit is given (not 0)
 * @limit: largest acceptable result
 *
 * Returns 0, or -1 with VIR_ERR_INVALID_ARG "unknown suffix" for a bad
 * unit or VIR_ERR_OVERFLOW "value too large" when the result would
 * exceed @limit (libvirt's words for both).
 */
int
virScaleInteger(unsigned long long *value, const char *unit,
                unsigned long long defaultScale,
                unsigned long long limit)
{
    unsigned long long scale = defaultScale;

    if (unit && *unit) {
        if (virScaleParseUnit(unit, &scale) < 0) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("unknown suffix '%1$s'"), unit);
            return -1;
        }
    } else if (scale == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid scale %1$llu"), scale);
        return -1;
    }

    if (*value && *value > limit / scale) {
        virReportError(VIR_ERR_OVERFLOW, _("value too large: %1$llu%2$s"),
                       *value, NULLSTR_EMPTY(unit));
        return -1;
    }

    *value *= scale;
    return 0;
}


/**
 * virStringIsEmpty:
 * @s: string, may be NULL
 *
 * Returns true when @s is NULL or holds only white space.
 */
bool
virStringIsEmpty(const char *s)
{
    if (!s)
        return true;
    while (g_ascii_isspace(*s))
        s++;
    return *s == '\0';
}


/**
 * virStringTrimNewline:
 * @s: string changed in place, may be NULL
 *
 * Remove every trailing '\n' and '\r', e.g. from a line read from a
 * file or a command's output.
 */
void
virStringTrimNewline(char *s)
{
    size_t len;

    if (!s)
        return;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        s[--len] = '\0';
}
