/*
 * virconfxml.h: strict-parsing and validation helpers shared by the
 * non-domain XML formats (network, storage, secret, node device,
 * interface, nwfilter, capabilities)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virxml.h"

/* An element that may hold only the attributes @attrs and the element
 * children @children (either NULL for none).  Returns 0 or -1 with the
 * error of virXMLCheckAttributes()/virXMLCheckChildren(). */
int virConfCheckElement(xmlNodePtr node, const char *const *attrs,
                        const char *const *children);

/* The text of @node, which may have neither attributes nor children;
 * *@str (freed first) is NULL for empty text.  Returns 0 or -1. */
int virConfTextElement(xmlNodePtr node, char **str);

/* The element children of @node named @name, in document order; *@nodes
 * is g_free()d by the caller.  Returns their count. */
size_t virConfChildren(xmlNodePtr node, const char *name, xmlNodePtr **nodes);

/* The first element child of @node named @name, or NULL. */
xmlNodePtr virConfChild(xmlNodePtr node, const char *name);

/* The text of the single child @name of @node (virConfTextElement()),
 * NULL in *@str when absent.  Returns 0 or -1. */
int virConfChildText(xmlNodePtr node, const char *name, char **str);

/* Parse a UUID attribute or text: -1 with VIR_ERR_XML_ERROR naming
 * @what when malformed. */
int virConfParseUUID(const char *str, const char *what, unsigned char *uuid);

/* A number with an optional unit attribute ("<capacity unit='G'>1</capacity>")
 * scaled to bytes.  Returns 0 or -1 with an error naming the element. */
int virConfParseScaled(xmlNodePtr node, unsigned long long *bytes);

/* Cross-field rule violations, collected so that one error lists every
 * rule broken, each with the path of the element at fault. */
typedef struct _virConfViolations virConfViolations;

virConfViolations *virConfViolationsNew(void);
void virConfViolationsFree(virConfViolations *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConfViolations, virConfViolationsFree);

/* Record that the element at @path breaks the rule described by @fmt. */
void virConfViolationAdd(virConfViolations *v, const char *path,
                         const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* 0 when nothing was recorded; otherwise report one error with code
 * @code in domain @domain listing every violation, and return -1. */
int virConfViolationsReport(virConfViolations *v, int domain, int code);
