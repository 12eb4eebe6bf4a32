/*
 * virbuffer.h: a growable string with indentation, for formatting XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef struct _virBuffer virBuffer;

/* Never touch the members: use the functions below.  A zeroed buffer is
 * an empty one, so `virBuffer buf = VIR_BUFFER_INITIALIZER;` is all set-up. */
struct _virBuffer {
    GString *str;
    int indent;     /* spaces added at the start of each line */
};

#define VIR_BUFFER_INITIALIZER { NULL, 0 }

/* A buffer for the children of an element being formatted into @parent:
 * indented two more spaces than the parent. */
#define VIR_BUFFER_INIT_CHILD(parent) { NULL, (parent)->indent + 2 }

const char *virBufferCurrentContent(virBuffer *buf);
char *virBufferContentAndReset(virBuffer *buf);
void virBufferFreeAndReset(virBuffer *buf);
size_t virBufferUse(const virBuffer *buf);

void virBufferAdd(virBuffer *buf, const char *str, int len);
void virBufferAddStr(virBuffer *buf, const char *str);
void virBufferAddBuffer(virBuffer *buf, virBuffer *toadd);
void virBufferAddChar(virBuffer *buf, char c);
void virBufferAsprintf(virBuffer *buf, const char *format, ...)
    G_GNUC_PRINTF(2, 3);
void virBufferVasprintf(virBuffer *buf, const char *format, va_list ap)
    G_GNUC_PRINTF(2, 0);

/* Format @str escaped for XML with @format (which has one %s); does
 * nothing when @str is NULL, so optional attributes need no if. */
void virBufferEscapeString(virBuffer *buf, const char *format,
                           const char *str);
/* @str escaped for XML text or attributes, as a new string to g_free(). */
char *virBufferEscapeXML(const char *str);

void virBufferAdjustIndent(virBuffer *buf, int indent);
void virBufferSetIndent(virBuffer *buf, int indent);
int virBufferGetIndent(const virBuffer *buf);

/* Remove @trim from the end of the buffer if it is there. */
void virBufferTrim(virBuffer *buf, const char *trim);

#define virBufferAddLit(buf, literal) \
    virBufferAdd(buf, "" literal "", sizeof(literal) - 1)

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virBuffer, virBufferFreeAndReset);
