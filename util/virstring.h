/*
 * virstring.h: number parsing that rejects garbage, and small string helpers
 *
 * The virStrToLong family returns 0 and sets *@result only when the whole
 * of @s (or up to *@end_ptr when it is non-NULL) is a number in range;
 * -1 otherwise, setting no error: the caller knows what the string was.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

int virStrToLong_i(const char *s, char **end_ptr, int base, int *result);
int virStrToLong_ui(const char *s, char **end_ptr, int base,
                    unsigned int *result);
int virStrToLong_l(const char *s, char **end_ptr, int base, long *result);
int virStrToLong_ul(const char *s, char **end_ptr, int base,
                    unsigned long *result);
int virStrToLong_ll(const char *s, char **end_ptr, int base,
                    long long *result);
int virStrToLong_ull(const char *s, char **end_ptr, int base,
                     unsigned long long *result);
int virStrToDouble(const char *s, char **end_ptr, double *result);

/* Scale @value by the libvirt unit suffix @unit ("KiB", "M", "GB" ...;
 * NULL means @defaultScale) and check it fits under @limit; error
 * VIR_ERR_INVALID_ARG / VIR_ERR_OVERFLOW naming the unit or value. */
int virScaleInteger(unsigned long long *value, const char *unit,
                    unsigned long long defaultScale,
                    unsigned long long limit);

bool virStringIsEmpty(const char *s);
/* Remove trailing newline characters in place. */
void virStringTrimNewline(char *s);
