/*
 * virxml.h: parsing XML documents strictly, and formatting elements
 *
 * The Prop functions return 1 when the attribute was found and parsed,
 * 0 when it is absent (and not required), -1 after reporting an error
 * that names the attribute, the element and the bad value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "internal.h"
#include "virbuffer.h"
#include "virenum.h"

typedef enum {
    VIR_XML_PROP_NONE = 0,
    VIR_XML_PROP_REQUIRED = 1 << 0,     /* absent is an error */
    VIR_XML_PROP_NONZERO = 1 << 1,      /* the value 0 is an error */
    VIR_XML_PROP_NONNEGATIVE = 1 << 2,  /* a value < 0 is an error */
} virXMLPropFlags;

/* Parse @xmlStr (or the file @filename when @xmlStr is NULL) and check
 * that the root element is @rootName (skipped when NULL).  On success
 * returns the document and sets *@ctxt to an XPath context whose node is
 * the root.  Errors: VIR_ERR_XML_ERROR / VIR_ERR_XML_DETAIL with libxml2's
 * message and line, raised in error domain @domain. */
xmlDocPtr virXMLParse(const char *filename, const char *xmlStr,
                      const char *url, const char *rootName,
                      xmlXPathContextPtr *ctxt, int domain);

/* Validate @doc against the RelaxNG schema file @schemafile, reporting
 * VIR_ERR_XML_INVALID_SCHEMA with every violation. */
int virXMLValidateAgainstSchema(const char *schemafile, xmlDocPtr doc);

char *virXPathString(const char *xpath, xmlXPathContextPtr ctxt);
int virXPathInt(const char *xpath, xmlXPathContextPtr ctxt, int *value);
int virXPathUInt(const char *xpath, xmlXPathContextPtr ctxt,
                 unsigned int *value);
int virXPathLong(const char *xpath, xmlXPathContextPtr ctxt, long *value);
int virXPathULongLong(const char *xpath, xmlXPathContextPtr ctxt,
                      unsigned long long *value);
xmlNodePtr virXPathNode(const char *xpath, xmlXPathContextPtr ctxt);
/* Number of matches (0 for none), -1 on error; *@list is g_free()d. */
int virXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt,
                    xmlNodePtr **list);
bool virXPathBoolean(const char *xpath, xmlXPathContextPtr ctxt);

char *virXMLPropString(xmlNodePtr node, const char *name);
char *virXMLPropStringRequired(xmlNodePtr node, const char *name);
char *virXMLChildPropString(xmlNodePtr node, const char *child,
                            const char *name);
char *virXMLNodeContentString(xmlNodePtr node);

int virXMLPropInt(xmlNodePtr node, const char *name, int base,
                  virXMLPropFlags flags, int *result, int defaultResult);
int virXMLPropLongLong(xmlNodePtr node, const char *name, int base,
                       virXMLPropFlags flags, long long *result,
                       long long defaultResult);
int virXMLPropUInt(xmlNodePtr node, const char *name, int base,
                   virXMLPropFlags flags, unsigned int *result);
int virXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                        virXMLPropFlags flags, unsigned long long *result);
int virXMLPropEnum(xmlNodePtr node, const char *name,
                   int (*strToInt)(const char *),
                   virXMLPropFlags flags, unsigned int *result);
int virXMLPropTristateBool(xmlNodePtr node, const char *name,
                           virXMLPropFlags flags, virTristateBool *result);
int virXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                             virXMLPropFlags flags, virTristateSwitch *result);

/* Strictness: report VIR_ERR_XML_ERROR naming the first attribute of
 * @node not in the NULL-terminated @known list, or the first element
 * child not in @knownChildren ("unsupported attribute 'foo' in element
 * 'disk'").  Returns 0 or -1. */
int virXMLCheckAttributes(xmlNodePtr node, const char *const *known);
int virXMLCheckChildren(xmlNodePtr node, const char *const *knownChildren);

/* Write <@name@attrs>children</@name> or <@name@attrs/> into @buf when
 * either buffer has content; empties both buffers.  Nothing when both
 * are empty. */
void virXMLFormatElement(virBuffer *buf, const char *name,
                         virBuffer *attrBuf, virBuffer *childBuf);
/* Like virXMLFormatElement() but writes <@name/> even when both are empty. */
void virXMLFormatElementEmpty(virBuffer *buf, const char *name,
                              virBuffer *attrBuf, virBuffer *childBuf);

/* Re-indent an XML fragment (a <domain> stored inside a snapshot) so it
 * can be copied into @buf at the buffer's indentation. */
int virXMLFormatNodeIndented(virBuffer *buf, xmlNodePtr node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext);

/* Saves and restores ctxt->node for the duration of a scope. */
typedef struct {
    xmlXPathContextPtr ctxt;
    xmlNodePtr node;
} virXPathContextNodeSave;
void virXPathContextNodeRestore(virXPathContextNodeSave *save);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virXPathContextNodeSave,
                                 virXPathContextNodeRestore);
#define VIR_XPATH_NODE_AUTORESTORE(_ctxt) \
    g_auto(virXPathContextNodeSave) _ctxt ## CtxtSave = { .ctxt = _ctxt, \
                                                          .node = _ctxt->node }; \
    (void)_ctxt ## CtxtSave
