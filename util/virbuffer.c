/*
 * virbuffer.c: a growable string with indentation, for formatting XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdarg.h>

#include "internal.h"
#include "virbuffer.h"

/*
 * Indentation is added when a write starts at the beginning of a line
 * (the buffer is empty or ends with '\n'), not after newlines inside the
 * written text.  This is libvirt's rule, and it matters: text content
 * such as a <description> keeps its embedded lines unchanged, and
 * virBufferAddBuffer() copies already indented children as they are.
 */
static void
virBufferPrepare(virBuffer *buf)
{
    if (!buf->str)
        buf->str = g_string_new(NULL);

    if (buf->indent <= 0)
        return;
    if (buf->str->len > 0 && buf->str->str[buf->str->len - 1] != '\n')
        return;
    g_string_append_printf(buf->str, "%*s", buf->indent, "");
}


/**
 * virBufferCurrentContent:
 * @buf: the buffer
 *
 * Returns the content so far, "" when empty; it stays owned by @buf and
 * is valid until the next change of @buf.
 */
const char *
virBufferCurrentContent(virBuffer *buf)
{
    if (!buf || !buf->str)
        return "";
    return buf->str->str;
}


/**
 * virBufferContentAndReset:
 * @buf: the buffer
 *
 * Hand over the content and reset @buf to a zeroed buffer (indentation
 * included).
 *
 * Returns the content, to be g_free()d, or NULL if nothing was added.
 */
char *
virBufferContentAndReset(virBuffer *buf)
{
    char *str = NULL;

    if (!buf)
        return NULL;
    if (buf->str)
        str = g_string_free(buf->str, FALSE);
    buf->str = NULL;
    buf->indent = 0;
    return str;
}


/**
 * virBufferFreeAndReset:
 * @buf: the buffer, may be NULL
 *
 * Free the content and reset @buf to a zeroed buffer.
 */
void
virBufferFreeAndReset(virBuffer *buf)
{
    if (!buf)
        return;
    if (buf->str)
        g_string_free(buf->str, TRUE);
    buf->str = NULL;
    buf->indent = 0;
}


/**
 * virBufferUse:
 * @buf: the buffer
 *
 * Returns the number of bytes in @buf.
 */
size_t
virBufferUse(const virBuffer *buf)
{
    if (!buf || !buf->str)
        return 0;
    return buf->str->len;
}


/**
 * virBufferAdd:
 * @buf: the buffer
 * @str: text to append, may be NULL (nothing is added)
 * @len: bytes of @str to append, or -1 for all of it
 *
 * Append @str, indented if it starts a line.
 */
void
virBufferAdd(virBuffer *buf, const char *str, int len)
{
    if (!buf || !str)
        return;
    if (len < 0)
        len = strlen(str);
    if (len == 0)
        return;

    virBufferPrepare(buf);
    g_string_append_len(buf->str, str, len);
}


/**
 * virBufferAddStr:
 * @buf: the buffer
 * @str: text to append, may be NULL
 *
 * Same as virBufferAdd(@buf, @str, -1).
 */
void
virBufferAddStr(virBuffer *buf, const char *str)
{
    virBufferAdd(buf, str, -1);
}


/**
 * virBufferAddBuffer:
 * @buf: the buffer appended to
 * @toadd: buffer whose content is moved, may be NULL
 *
 * Append the content of @toadd as it is (it carries its own
 * indentation) and reset @toadd.
 */
void
virBufferAddBuffer(virBuffer *buf, virBuffer *toadd)
{
    if (!toadd || !toadd->str)
        return;

    if (buf) {
        if (!buf->str)
            buf->str = g_string_new(NULL);
        g_string_append_len(buf->str, toadd->str->str, toadd->str->len);
    }
    virBufferFreeAndReset(toadd);
}


/**
 * virBufferAddChar:
 * @buf: the buffer
 * @c: character to append
 *
 * Append one character, indented if it starts a line.
 */
void
virBufferAddChar(virBuffer *buf, char c)
{
    virBufferAdd(buf, &c, 1);
}


/**
 * virBufferAsprintf:
 * @buf: the buffer
 * @format: printf format
 *
 * Append formatted text, indented if it starts a line.
 */
void
virBufferAsprintf(virBuffer *buf, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    virBufferVasprintf(buf, format, ap);
    va_end(ap);
}


/**
 * virBufferVasprintf:
 * @buf: the buffer
 * @format: printf format
 * @ap: its arguments
 *
 * va_list form of virBufferAsprintf().
 */
void
virBufferVasprintf(virBuffer *buf, const char *format, va_list ap)
{
    if (!buf || !format)
        return;

    virBufferPrepare(buf);
    g_string_append_vprintf(buf->str, format, ap);
}


/**
 * virBufferEscapeXML:
 * @str: text to escape
 *
 * Escape @str for an XML attribute value or text: the five special
 * characters become entities, and control characters other than tab,
 * newline and carriage return are dropped, since XML 1.0 cannot hold
 * them even as character references (libvirt drops them too).
 *
 * Returns the escaped copy, to be g_free()d.
 */
char *
virBufferEscapeXML(const char *str)
{
    GString *out = g_string_sized_new(strlen(str) + 1);
    const char *p;

    for (p = str; *p; p++) {
        unsigned char c = *p;

        switch (c) {
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '\'':
            g_string_append(out, "&apos;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        case '\t':
        case '\n':
        case '\r':
            g_string_append_c(out, c);
            break;
        default:
            if (c >= 0x20)
                g_string_append_c(out, c);
            break;
        }
    }

    return g_string_free(out, FALSE);
}


/**
 * virBufferEscapeString:
 * @buf: the buffer
 * @format: printf format with exactly one %s
 * @str: text to escape into it; NULL adds nothing at all
 *
 * Append @format with @str escaped for XML (see virBufferEscapeXML()).
 */
void
virBufferEscapeString(virBuffer *buf, const char *format, const char *str)
{
    g_autofree char *escaped = NULL;

    if (!buf || !format || !str)
        return;

    escaped = virBufferEscapeXML(str);
    virBufferAsprintf(buf, format, escaped);
}


/**
 * virBufferAdjustIndent:
 * @buf: the buffer
 * @indent: spaces to add (negative to remove)
 *
 * Change the indentation of lines started from now on; it never goes
 * below zero.
 */
void
virBufferAdjustIndent(virBuffer *buf, int indent)
{
    if (!buf)
        return;
    buf->indent = MAX(buf->indent + indent, 0);
}


/**
 * virBufferSetIndent:
 * @buf: the buffer
 * @indent: spaces at the start of each line from now on (>= 0)
 *
 * Set the indentation of lines started from now on.
 */
void
virBufferSetIndent(virBuffer *buf, int indent)
{
    if (!buf)
        return;
    buf->indent = MAX(indent, 0);
}


/**
 * virBufferGetIndent:
 * @buf: the buffer
 *
 * Returns the current indentation in spaces.
 */
int
virBufferGetIndent(const virBuffer *buf)
{
    if (!buf)
        return 0;
    return buf->indent;
}


/**
 * virBufferTrim:
 * @buf: the buffer
 * @trim: suffix to remove once, if the content ends with it
 *
 * Drop a trailing separator, e.g. the last "," of a list.
 */
void
virBufferTrim(virBuffer *buf, const char *trim)
{
    size_t len;

    if (!buf || !buf->str || !trim)
        return;

    len = strlen(trim);
    if (len > buf->str->len)
        return;
    if (memcmp(buf->str->str + buf->str->len - len, trim, len) == 0)
        g_string_truncate(buf->str, buf->str->len - len);
}
