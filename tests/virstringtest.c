/*
 * virstringtest.c: number parsing, unit scaling, UUIDs and enum tables
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "internal.h"
#include "virenum.h"
#include "virstring.h"
#include "viruuid.h"
#include "virutiltestutils.h"


typedef struct {
    const char *str;
    int base;
    int ret_i;
    int val_i;
    int ret_ui;
    unsigned int val_ui;
    int ret_ll;
    long long val_ll;
    int ret_ull;
    unsigned long long val_ull;
} testStrToLongCase;

static void
testStrToLong(void)
{
    static const testStrToLongCase cases[] = {
        { "0", 10, 0, 0, 0, 0, 0, 0, 0, 0 },
        { "42", 10, 0, 42, 0, 42, 0, 42, 0, 42 },
        { "+5", 10, 0, 5, 0, 5, 0, 5, 0, 5 },
        { " 7", 10, 0, 7, 0, 7, 0, 7, 0, 7 },
        { "-1", 10, 0, -1, -1, 0, 0, -1, -1, 0 },
        { "-0", 10, 0, 0, -1, 0, 0, 0, -1, 0 },
        { "0x10", 0, 0, 16, 0, 16, 0, 16, 0, 16 },
        { "0x10", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "010", 0, 0, 8, 0, 8, 0, 8, 0, 8 },
        { "010", 10, 0, 10, 0, 10, 0, 10, 0, 10 },
        { "ff", 16, 0, 255, 0, 255, 0, 255, 0, 255 },
        { "", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { " ", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "5 ", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "12abc", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "1e3", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "abc", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
        { "2147483647", 10, 0, INT_MAX, 0, 2147483647u, 0, INT_MAX, 0, INT_MAX },
        { "2147483648", 10, -1, 0, 0, 2147483648u, 0, 2147483648LL, 0, 2147483648ULL },
        { "-2147483648", 10, 0, INT_MIN, -1, 0, 0, INT_MIN, -1, 0 },
        { "-2147483649", 10, -1, 0, -1, 0, 0, -2147483649LL, -1, 0 },
        { "4294967295", 10, -1, 0, 0, UINT_MAX, 0, 4294967295LL, 0, 4294967295ULL },
        { "4294967296", 10, -1, 0, -1, 0, 0, 4294967296LL, 0, 4294967296ULL },
        { "9223372036854775807", 10, -1, 0, -1, 0, 0, LLONG_MAX, 0, LLONG_MAX },
        { "9223372036854775808", 10, -1, 0, -1, 0, -1, 0, 0, 9223372036854775808ULL },
        { "18446744073709551615", 10, -1, 0, -1, 0, -1, 0, 0, ULLONG_MAX },
        { "18446744073709551616", 10, -1, 0, -1, 0, -1, 0, -1, 0 },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        const testStrToLongCase *tc = &cases[i];
        int vi = 0;
        unsigned int vui = 0;
        long long vll = 0;
        unsigned long long vull = 0;

        g_test_message("case '%s' base %d", tc->str, tc->base);
        g_assert_cmpint(virStrToLong_i(tc->str, NULL, tc->base, &vi), ==, tc->ret_i);
        g_assert_cmpint(vi, ==, tc->val_i);
        g_assert_cmpint(virStrToLong_ui(tc->str, NULL, tc->base, &vui), ==, tc->ret_ui);
        g_assert_cmpuint(vui, ==, tc->val_ui);
        g_assert_cmpint(virStrToLong_ll(tc->str, NULL, tc->base, &vll), ==, tc->ret_ll);
        g_assert_cmpint(vll, ==, tc->val_ll);
        g_assert_cmpint(virStrToLong_ull(tc->str, NULL, tc->base, &vull), ==, tc->ret_ull);
        g_assert_cmpuint(vull, ==, tc->val_ull);
    }
}


static void
testStrToLongEndPtr(void)
{
    char *end = NULL;
    unsigned int ui = 0;
    long l = 0;
    unsigned long ul = 0;
    int i = 3;

    g_assert_cmpint(virStrToLong_ui("12abc", &end, 10, &ui), ==, 0);
    g_assert_cmpuint(ui, ==, 12);
    g_assert_cmpstr(end, ==, "abc");

    g_assert_cmpint(virStrToLong_ui("abc", &end, 10, &ui), ==, -1);
    g_assert_cmpstr(end, ==, "abc");

    g_assert_cmpint(virStrToLong_l("-77 rest", &end, 10, &l), ==, 0);
    g_assert_cmpint(l, ==, -77);
    g_assert_cmpstr(end, ==, " rest");

    g_assert_cmpint(virStrToLong_ul("-3:x", &end, 10, &ul), ==, -1);
    g_assert_cmpint(virStrToLong_ul("3:x", &end, 10, &ul), ==, 0);
    g_assert_cmpuint(ul, ==, 3);
    g_assert_cmpstr(end, ==, ":x");

    g_assert_cmpint(virStrToLong_i(NULL, &end, 10, &i), ==, -1);
    g_assert_null(end);
    g_assert_cmpint(i, ==, 3);
}


static void
testStrToDouble(void)
{
    double d = 0;
    char *end = NULL;

    g_assert_cmpint(virStrToDouble("1.5", NULL, &d), ==, 0);
    g_assert_cmpfloat(d, ==, 1.5);
    g_assert_cmpint(virStrToDouble("-2e3", NULL, &d), ==, 0);
    g_assert_cmpfloat(d, ==, -2000.0);
    g_assert_cmpint(virStrToDouble("1.5x", NULL, &d), ==, -1);
    g_assert_cmpint(virStrToDouble("", NULL, &d), ==, -1);
    g_assert_cmpint(virStrToDouble("1e999", NULL, &d), ==, -1);
    g_assert_cmpint(virStrToDouble("0.25 GHz", &end, &d), ==, 0);
    g_assert_cmpfloat(d, ==, 0.25);
    g_assert_cmpstr(end, ==, " GHz");
}


typedef struct {
    const char *unit;
    unsigned long long result;  /* for the value 3; 0 means an error */
} testScaleCase;

static void
testScaleInteger(void)
{
    static const testScaleCase cases[] = {
        { "b", 3 }, { "byte", 3 }, { "bytes", 3 }, { "B", 3 },
        { "k", 3072 }, { "K", 3072 }, { "KiB", 3072 }, { "kib", 3072 },
        { "KB", 3000 }, { "kb", 3000 }, { "kB", 3000 },
        { "M", 3145728 }, { "MiB", 3145728 }, { "MB", 3000000 },
        { "G", 3221225472ULL }, { "GiB", 3221225472ULL }, { "GB", 3000000000ULL },
        { "T", 3298534883328ULL }, { "TiB", 3298534883328ULL },
        { "TB", 3000000000000ULL },
        { "P", 3377699720527872ULL }, { "PiB", 3377699720527872ULL },
        { "PB", 3000000000000000ULL },
        { "E", 3458764513820540928ULL }, { "EiB", 3458764513820540928ULL },
        { "EB", 3000000000000000000ULL },
        { "Z", 0 }, { "foo", 0 }, { "KiBB", 0 }, { "bit", 0 }, { "iB", 0 },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        unsigned long long v = 3;
        int rc = virScaleInteger(&v, cases[i].unit, 1, ULLONG_MAX);

        g_test_message("unit '%s'", cases[i].unit);
        if (cases[i].result) {
            g_assert_cmpint(rc, ==, 0);
            g_assert_cmpuint(v, ==, cases[i].result);
            virTestAssertNoError();
        } else {
            g_autofree char *msg =
                g_strdup_printf("invalid argument: unknown suffix '%s'",
                                cases[i].unit);

            g_assert_cmpint(rc, ==, -1);
            g_assert_cmpuint(v, ==, 3);
            virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, msg);
        }
    }
}


static void
testScaleIntegerLimits(void)
{
    unsigned long long v;

    v = 3;
    g_assert_cmpint(virScaleInteger(&v, NULL, 1024, ULLONG_MAX), ==, 0);
    g_assert_cmpuint(v, ==, 3072);
    v = 3;
    g_assert_cmpint(virScaleInteger(&v, "", 1024, ULLONG_MAX), ==, 0);
    g_assert_cmpuint(v, ==, 3072);

    v = 2;
    g_assert_cmpint(virScaleInteger(&v, "KiB", 1, 2048), ==, 0);
    g_assert_cmpuint(v, ==, 2048);
    v = 3;
    g_assert_cmpint(virScaleInteger(&v, "KiB", 1, 2048), ==, -1);
    g_assert_cmpuint(v, ==, 3);
    virTestAssertLastError(VIR_ERR_OVERFLOW, VIR_FROM_NONE,
                           "numerical overflow: value too large: 3KiB");

    v = 20000000;
    g_assert_cmpint(virScaleInteger(&v, "EiB", 1, ULLONG_MAX), ==, -1);
    virTestAssertLastError(VIR_ERR_OVERFLOW, VIR_FROM_NONE,
                           "numerical overflow: value too large: 20000000EiB");

    v = 0;
    g_assert_cmpint(virScaleInteger(&v, "EiB", 1, 0), ==, 0);
    g_assert_cmpuint(v, ==, 0);

    v = 1;
    g_assert_cmpint(virScaleInteger(&v, NULL, 0, ULLONG_MAX), ==, -1);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                           "internal error: invalid scale 0");
}


static void
testUUIDParseFormat(void)
{
    static const char *const good[] = {
        "6695eb01-f6a4-8304-79aa-97f2502e193f",
        "6695eb01f6a4830479aa97f2502e193f",
        "  6695eb01-f6a4-8304-79aa-97f2502e193f  ",
        "6695-eb01-f6a4-8304-79aa-97f2-502e-193f",
        "6695EB01-F6A4-8304-79AA-97F2502E193F",
        "6695eb01--f6a4-8304-79aa-97f2502e193f",
    };
    static const char *const bad[] = {
        "6695eb01-f6a4-8304-79aa-97f2502e193",
        "6695eb01-f6a4-8304-79aa-97f2502e193f0",
        "6695eb01-f6a4-8304-79aa-97f2502e193f x",
        "6695eb01-f6a4-8304-79aa-97f2502e193g",
        "6-695eb01-f6a4-8304-79aa-97f2502e193f",
        "",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(good); i++) {
        unsigned char raw[VIR_UUID_BUFLEN];
        char str[VIR_UUID_STRING_BUFLEN];

        g_assert_cmpint(virUUIDParse(good[i], raw), ==, 0);
        g_assert_cmpstr(virUUIDFormat(raw, str), ==,
                        "6695eb01-f6a4-8304-79aa-97f2502e193f");
    }
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        unsigned char raw[VIR_UUID_BUFLEN];

        g_assert_cmpint(virUUIDParse(bad[i], raw), ==, -1);
    }
    virTestAssertNoError();
}


static void
testUUIDGenerate(void)
{
    unsigned char a[VIR_UUID_BUFLEN];
    unsigned char b[VIR_UUID_BUFLEN];
    unsigned char back[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];

    virUUIDGenerate(a);
    virUUIDGenerate(b);
    g_assert_true(memcmp(a, b, VIR_UUID_BUFLEN) != 0);
    g_assert_true(virUUIDIsValid(a));
    g_assert_cmpint(a[6] >> 4, ==, 4);
    g_assert_cmpint(a[8] & 0xc0, ==, 0x80);

    virUUIDFormat(a, str);
    g_assert_cmpuint(strlen(str), ==, 36);
    g_assert_cmpint(str[14], ==, '4');
    g_assert_cmpint(virUUIDParse(str, back), ==, 0);
    g_assert_true(memcmp(a, back, VIR_UUID_BUFLEN) == 0);
}


static void
testUUIDValid(void)
{
    unsigned char u[VIR_UUID_BUFLEN];

    memset(u, 0, sizeof(u));
    g_assert_false(virUUIDIsValid(u));
    memset(u, 0xff, sizeof(u));
    g_assert_false(virUUIDIsValid(u));
    memset(u, 0x05, sizeof(u));
    g_assert_false(virUUIDIsValid(u));
    u[15] = 0;
    g_assert_true(virUUIDIsValid(u));
}


typedef enum {
    TEST_COLOR_NONE = 0,
    TEST_COLOR_RED,
    TEST_COLOR_BLUE,

    TEST_COLOR_LAST
} testColor;

VIR_ENUM_DECL(testColor);
VIR_ENUM_IMPL(testColor, TEST_COLOR_LAST,
    [TEST_COLOR_NONE] = "none",
    [TEST_COLOR_RED] = "red",
    [TEST_COLOR_BLUE] = "blue",
);

static void
testEnumTables(void)
{
    g_assert_cmpstr(testColorTypeToString(TEST_COLOR_RED), ==, "red");
    g_assert_null(testColorTypeToString(TEST_COLOR_LAST));
    g_assert_null(testColorTypeToString(-1));
    g_assert_cmpint(testColorTypeFromString("blue"), ==, TEST_COLOR_BLUE);
    g_assert_cmpint(testColorTypeFromString("none"), ==, TEST_COLOR_NONE);
    g_assert_cmpint(testColorTypeFromString("Blue"), ==, -1);
    g_assert_cmpint(testColorTypeFromString(""), ==, -1);
    g_assert_cmpint(testColorTypeFromString(NULL), ==, -1);

    g_assert_cmpstr(virTristateBoolTypeToString(VIR_TRISTATE_BOOL_ABSENT), ==, "absent");
    g_assert_cmpstr(virTristateBoolTypeToString(VIR_TRISTATE_BOOL_YES), ==, "yes");
    g_assert_cmpstr(virTristateBoolTypeToString(VIR_TRISTATE_BOOL_NO), ==, "no");
    g_assert_cmpint(virTristateBoolTypeFromString("yes"), ==, VIR_TRISTATE_BOOL_YES);
    g_assert_cmpint(virTristateBoolTypeFromString("no"), ==, VIR_TRISTATE_BOOL_NO);
    g_assert_cmpint(virTristateBoolTypeFromString("on"), ==, -1);

    g_assert_cmpstr(virTristateSwitchTypeToString(VIR_TRISTATE_SWITCH_ON), ==, "on");
    g_assert_cmpstr(virTristateSwitchTypeToString(VIR_TRISTATE_SWITCH_OFF), ==, "off");
    g_assert_cmpint(virTristateSwitchTypeFromString("off"), ==, VIR_TRISTATE_SWITCH_OFF);
    g_assert_cmpint(virTristateSwitchTypeFromString("yes"), ==, -1);
}


static void
testStringHelpers(void)
{
    char buf[32];

    g_assert_true(virStringIsEmpty(NULL));
    g_assert_true(virStringIsEmpty(""));
    g_assert_true(virStringIsEmpty(" \t\n"));
    g_assert_false(virStringIsEmpty(" x "));

    g_strlcpy(buf, "line\r\n\n", sizeof(buf));
    virStringTrimNewline(buf);
    g_assert_cmpstr(buf, ==, "line");
    g_strlcpy(buf, "a\nb", sizeof(buf));
    virStringTrimNewline(buf);
    g_assert_cmpstr(buf, ==, "a\nb");
    g_strlcpy(buf, "\n", sizeof(buf));
    virStringTrimNewline(buf);
    g_assert_cmpstr(buf, ==, "");
    virStringTrimNewline(NULL);
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/util/string/strtol", testStrToLong);
    g_test_add_func("/util/string/strtol-end", testStrToLongEndPtr);
    g_test_add_func("/util/string/strtod", testStrToDouble);
    g_test_add_func("/util/string/scale", testScaleInteger);
    g_test_add_func("/util/string/scale-limits", testScaleIntegerLimits);
    g_test_add_func("/util/string/helpers", testStringHelpers);
    g_test_add_func("/util/uuid/parse-format", testUUIDParseFormat);
    g_test_add_func("/util/uuid/generate", testUUIDGenerate);
    g_test_add_func("/util/uuid/valid", testUUIDValid);
    g_test_add_func("/util/enum/tables", testEnumTables);

    return g_test_run();
}
