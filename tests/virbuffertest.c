/*
 * virbuffertest.c: virBuffer content, indentation and XML escaping
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virbuffer.h"


static void
testBufferEmpty(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    g_assert_cmpuint(virBufferUse(&buf), ==, 0);
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "");
    g_assert_null(virBufferContentAndReset(&buf));

    virBufferAdd(&buf, NULL, -1);
    virBufferAdd(&buf, "", 0);
    virBufferAdd(&buf, "abc", 0);
    g_assert_null(virBufferContentAndReset(&buf));
}


static void
testBufferAdd(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAdd(&buf, "hello world", 5);
    virBufferAddChar(&buf, ' ');
    virBufferAddLit(&buf, "lit");
    virBufferAddStr(&buf, "+str");
    virBufferAsprintf(&buf, " %d-%s", 42, "x");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "hello lit+str 42-x");
    g_assert_cmpuint(virBufferUse(&buf), ==, 18);

    out = virBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==, "hello lit+str 42-x");
    g_assert_cmpuint(virBufferUse(&buf), ==, 0);
}


/* libvirt's rule: the indent is added when a write starts a line, not
 * after newlines inside one write. */
static void
testBufferIndent(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "a\nb\n\nc");
    virBufferAsprintf(&buf, "d\n");
    virBufferAdd(&buf, "e\nf\n", -1);
    virBufferAddChar(&buf, 'g');
    virBufferAddChar(&buf, '\n');
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<deeper/>\n");
    virBufferAdjustIndent(&buf, -4);
    virBufferAddLit(&buf, "<top/>\n");
    out = virBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==,
                    "  a\nb\n\ncd\n"
                    "  e\nf\n"
                    "  g\n"
                    "    <deeper/>\n"
                    "<top/>\n");
}


static void
testBufferIndentBounds(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virBufferAdjustIndent(&buf, -3);
    g_assert_cmpint(virBufferGetIndent(&buf), ==, 0);
    virBufferSetIndent(&buf, 6);
    g_assert_cmpint(virBufferGetIndent(&buf), ==, 6);
    virBufferSetIndent(&buf, -1);
    g_assert_cmpint(virBufferGetIndent(&buf), ==, 0);
    virBufferAddLit(&buf, "x");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "x");

    /* ContentAndReset and FreeAndReset zero the indent too. */
    virBufferSetIndent(&buf, 4);
    g_free(virBufferContentAndReset(&buf));
    g_assert_cmpint(virBufferGetIndent(&buf), ==, 0);
    virBufferSetIndent(&buf, 4);
    virBufferFreeAndReset(&buf);
    g_assert_cmpint(virBufferGetIndent(&buf), ==, 0);
}


static void
testBufferChild(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAdjustIndent(&buf, 2);
    {
        g_auto(virBuffer) child = VIR_BUFFER_INIT_CHILD(&buf);

        g_assert_cmpint(virBufferGetIndent(&child), ==, 4);
        virBufferAddLit(&child, "<c/>\n");
        virBufferAddLit(&buf, "<p>\n");
        /* Copied as is: the child is already indented. */
        virBufferAddBuffer(&buf, &child);
        g_assert_cmpuint(virBufferUse(&child), ==, 0);
        virBufferAddLit(&buf, "</p>\n");
    }
    virBufferAddBuffer(&buf, NULL);
    out = virBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==, "  <p>\n    <c/>\n  </p>\n");
}


typedef struct {
    const char *in;
    const char *out;
} testEscapeCase;

static void
testBufferEscape(void)
{
    static const testEscapeCase cases[] = {
        { "plain", "<a x='plain'/>" },
        { "", "<a x=''/>" },
        { "<>&'\"", "<a x='&lt;&gt;&amp;&apos;&quot;'/>" },
        { "a&b<c", "<a x='a&amp;b&lt;c'/>" },
        { "tab\tnl\ncr\r", "<a x='tab\tnl\ncr\r'/>" },
        { "ctl\x01\x08\x0b\x0c\x1f.", "<a x='ctl.'/>" },
        { "del\x7f", "<a x='del\x7f'/>" },
        { "utf8 \xc3\xa9\xe2\x82\xac", "<a x='utf8 \xc3\xa9\xe2\x82\xac'/>" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
        g_autofree char *out = NULL;

        virBufferEscapeString(&buf, "<a x='%s'/>", cases[i].in);
        out = virBufferContentAndReset(&buf);
        g_assert_cmpstr(out, ==, cases[i].out);
    }
}


static void
testBufferEscapeNull(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *esc = virBufferEscapeXML("1 < 2");

    /* An absent optional attribute needs no if at the call site. */
    virBufferEscapeString(&buf, " name='%s'", NULL);
    g_assert_cmpuint(virBufferUse(&buf), ==, 0);
    g_assert_cmpstr(esc, ==, "1 &lt; 2");

    virBufferSetIndent(&buf, 2);
    virBufferEscapeString(&buf, "<d>%s</d>\n", "line1\nline2");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "  <d>line1\nline2</d>\n");
}


static void
testBufferTrim(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virBufferTrim(&buf, ",");
    virBufferAddLit(&buf, "a,b,,");
    virBufferTrim(&buf, ",");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "a,b,");
    virBufferTrim(&buf, "x");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "a,b,");
    virBufferTrim(&buf, "b,");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "a,");
    virBufferTrim(&buf, "longer than the content");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "a,");
    virBufferTrim(&buf, "a,");
    g_assert_cmpstr(virBufferCurrentContent(&buf), ==, "");
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/util/buffer/empty", testBufferEmpty);
    g_test_add_func("/util/buffer/add", testBufferAdd);
    g_test_add_func("/util/buffer/indent", testBufferIndent);
    g_test_add_func("/util/buffer/indent-bounds", testBufferIndentBounds);
    g_test_add_func("/util/buffer/child", testBufferChild);
    g_test_add_func("/util/buffer/escape", testBufferEscape);
    g_test_add_func("/util/buffer/escape-null", testBufferEscapeNull);
    g_test_add_func("/util/buffer/trim", testBufferTrim);

    return g_test_run();
}
