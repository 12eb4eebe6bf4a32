/*
 * virconfxml.c: strict-parsing and validation helpers shared by the
 * non-domain XML formats
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"

#define VIR_FROM_THIS VIR_FROM_NONE

struct _virConfViolations {
    GPtrArray *messages;    /* char *, "PATH: rule" */
};


/**
 * virConfCheckElement:
 * @node: the element
 * @attrs: NULL-terminated known attribute names, or NULL for none
 * @children: NULL-terminated known child element names, or NULL for none
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR naming the first unknown
 * attribute or child.
 */
int
virConfCheckElement(xmlNodePtr node,
                    const char *const *attrs,
                    const char *const *children)
{
    static const char *const none[] = { NULL };

    if (virXMLCheckAttributes(node, attrs ? attrs : none) < 0 ||
        virXMLCheckChildren(node, children ? children : none) < 0)
        return -1;
    return 0;
}


/**
 * virConfTextElement:
 * @node: an element holding only text
 * @str: set to its text (caller frees), NULL when empty
 *
 * Returns 0, or -1 with an error naming an attribute or child.
 */
int
virConfTextElement(xmlNodePtr node, char **str)
{
    g_clear_pointer(str, g_free);
    if (virConfCheckElement(node, NULL, NULL) < 0 ||
        !(*str = virXMLNodeContentString(node)))
        return -1;
    if (!**str)
        g_clear_pointer(str, g_free);
    return 0;
}


/**
 * virConfChildren:
 * @node: the parent element
 * @name: child element name
 * @nodes: set to a new array of the matching children (caller frees)
 *
 * Returns the number of matching children.
 */
size_t
virConfChildren(xmlNodePtr node, const char *name, xmlNodePtr **nodes)
{
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    xmlNodePtr cur;
    size_t n;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST name))
            g_ptr_array_add(found, cur);
    }
    n = found->len;
    *nodes = (xmlNodePtr *)g_ptr_array_free(g_steal_pointer(&found), FALSE);
    return n;
}


/**
 * virConfChild:
 * @node: the parent element
 * @name: child element name
 *
 * Returns the first child element called @name, or NULL.
 */
xmlNodePtr
virConfChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}


/**
 * virConfChildText:
 * @node: the parent element
 * @name: child element name
 * @str: set to the child's text (caller frees), NULL when absent or empty
 *
 * Returns 0, or -1 with an error.
 */
int
virConfChildText(xmlNodePtr node, const char *name, char **str)
{
    xmlNodePtr child = virConfChild(node, name);

    g_clear_pointer(str, g_free);
    if (!child)
        return 0;
    return virConfTextElement(child, str);
}


/**
 * virConfParseUUID:
 * @str: the UUID text
 * @what: the element or object it belongs to, for the message
 * @uuid: filled with the raw UUID
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR "malformed uuid element"
 * (libvirt's words) naming @what.
 */
int
virConfParseUUID(const char *str, const char *what, unsigned char *uuid)
{
    if (virUUIDParse(str, uuid) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed uuid element of %1$s: '%2$s'"), what, str);
        return -1;
    }
    return 0;
}


/**
 * virConfParseScaled:
 * @node: an element holding a decimal number with an optional 'unit'
 * @bytes: set to the number scaled to bytes
 *
 * Returns 0, or -1 with an error naming the element and value.
 */
int
virConfParseScaled(xmlNodePtr node, unsigned long long *bytes)
{
    static const char *const attrs[] = { "unit", NULL };
    g_autofree char *unit = NULL;
    g_autofree char *text = NULL;

    if (virConfCheckElement(node, attrs, NULL) < 0)
        return -1;
    unit = virXMLPropString(node, "unit");
    if (!(text = virXMLNodeContentString(node)))
        return -1;
    if (virStrToLong_ull(text, NULL, 10, bytes) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed %1$s value '%2$s'"),
                       (const char *)node->name, text);
        return -1;
    }
    return virScaleInteger(bytes, unit, 1, ULLONG_MAX);
}


/**
 * virConfViolationsNew:
 *
 * Returns an empty violation list (free with virConfViolationsFree()).
 */
virConfViolations *
virConfViolationsNew(void)
{
    virConfViolations *v = g_new0(virConfViolations, 1);

    v->messages = g_ptr_array_new_with_free_func(g_free);
    return v;
}


/**
 * virConfViolationsFree:
 * @v: a violation list, may be NULL
 */
void
virConfViolationsFree(virConfViolations *v)
{
    if (!v)
        return;
    g_ptr_array_unref(v->messages);
    g_free(v);
}


/**
 * virConfViolationAdd:
 * @v: the violation list
 * @path: the element at fault ("/network/ip[2]/dhcp")
 * @fmt: printf format of the rule broken
 */
void
virConfViolationAdd(virConfViolations *v, const char *path,
                    const char *fmt, ...)
{
    va_list ap;
    g_autofree char *rule = NULL;

    va_start(ap, fmt);
    rule = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(v->messages, g_strdup_printf("%s: %s", path, rule));
}


/**
 * virConfViolationsReport:
 * @v: the violation list
 * @domain: virErrorDomain to report in
 * @code: virErrorNumber to report
 *
 * Returns 0 when @v is empty, else -1 after reporting one error whose
 * message lists every violation, separated by "; ".
 */
int
virConfViolationsReport(virConfViolations *v, int domain, int code)
{
    g_autofree char *all = NULL;

    if (v->messages->len == 0)
        return 0;
    g_ptr_array_add(v->messages, NULL);
    all = g_strjoinv("; ", (char **)v->messages->pdata);
    g_ptr_array_remove_index(v->messages, v->messages->len - 1);
    virReportErrorHelper(domain, code, __FILE__, __func__, __LINE__,
                         "%s", all);
    return -1;
}
