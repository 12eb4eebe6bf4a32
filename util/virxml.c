/*
 * virxml.c: parsing XML documents strictly, and formatting elements
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>

#include "internal.h"
#include "virerror.h"
#include "virfile.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_XML

/* Documents larger than this are refused before parsing. */
#define VIR_XML_MAX_FILE_SIZE (10 * 1024 * 1024)

/* Characters of context shown on each side of a syntax error. */
#define VIR_XML_CONTEXT_WIDTH 80

typedef struct _virXMLParseState virXMLParseState;
struct _virXMLParseState {
    const char *name;   /* file name or URL shown in messages, or NULL */
    int domain;         /* virErrorDomain the caller reports in */
    bool reported;      /* only the first error is reported */
};


/* Append to @out the line of the input that holds the parser's position
 * and under it a pointer line "-----^" whose tabs match the line's, so
 * the caret lines up in a terminal.  An empty line (an empty document,
 * or an error at the end after a newline) is shown as "(null)": that is
 * what libvirt prints there, and tools compare its messages verbatim. */
static void
virXMLParseErrorContext(xmlParserCtxtPtr ctxt, GString *out)
{
    const xmlChar *base;
    const xmlChar *cur;
    const xmlChar *end;
    const xmlChar *start;
    const xmlChar *stop;
    const xmlChar *p;

    if (!ctxt->input || !ctxt->input->base || !ctxt->input->cur) {
        g_string_append(out, "\n(null)\n^");
        return;
    }

    base = ctxt->input->base;
    cur = ctxt->input->cur;
    end = ctxt->input->end ? ctxt->input->end : cur + strlen((const char *)cur);

    for (start = cur; start > base && start[-1] != '\n' && start[-1] != '\r' &&
         cur - start < VIR_XML_CONTEXT_WIDTH; start--)
        ;
    for (stop = cur; stop < end && *stop != '\n' && *stop != '\r' &&
         stop - cur < VIR_XML_CONTEXT_WIDTH; stop++)
        ;
    /* Never start or stop inside a UTF-8 sequence. */
    while (start < cur && (*start & 0xc0) == 0x80)
        start++;
    while (stop > cur && stop < end && (*stop & 0xc0) == 0x80)
        stop--;

    g_string_append_c(out, '\n');
    if (stop > start)
        g_string_append_len(out, (const char *)start, stop - start);
    else
        g_string_append(out, "(null)");
    g_string_append_c(out, '\n');
    for (p = start; p < cur; p++) {
        if (*p == '\t')
            g_string_append_c(out, '\t');
        else if ((*p & 0xc0) != 0x80)
            g_string_append_c(out, '-');
    }
    g_string_append_c(out, '^');
}


/* libxml2's structured error handler for one parse: reports the first
 * error as VIR_ERR_XML_DETAIL "NAME:LINE: MESSAGE" followed by the
 * offending line and a caret, the shape libvirt's messages have. */
static void
virXMLParseErrorHandler(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = data;
    virXMLParseState *state = ctxt ? ctxt->_private : NULL;
    g_autofree char *msg = NULL;
    GString *text;

    if (!state || state->reported || !err || err->level < XML_ERR_ERROR)
        return;
    state->reported = true;

    msg = g_strdup(err->message ? err->message : _("unknown error"));
    virStringTrimNewline(msg);

    text = g_string_new(NULL);
    if (state->name)
        g_string_append_printf(text, "%s:%d: %s", state->name, err->line, msg);
    else
        g_string_append_printf(text, "at line %d: %s", err->line, msg);
    virXMLParseErrorContext(ctxt, text);

    virReportErrorHelper(state->domain, VIR_ERR_XML_DETAIL, __FILE__,
                         __func__, __LINE__, "%s", text->str);
    g_string_free(text, TRUE);
}


static void
virXMLIgnoreError(void *data G_GNUC_UNUSED, xmlErrorPtr err G_GNUC_UNUSED)
{
}


/**
 * virXMLParse:
 * @filename: file to parse when @xmlStr is NULL
 * @xmlStr: document text, or NULL
 * @url: name for @xmlStr in error messages ("(domain_definition)"), or
 *       NULL; @filename is used for files
 * @rootName: required name of the root element, or NULL for any
 * @ctxt: if non-NULL, set to a new XPath context at the root element
 * @domain: virErrorDomain to report syntax errors in
 *
 * Parse without network access, entity substitution or printing to
 * stderr.  A syntax error is reported once, as VIR_ERR_XML_DETAIL with
 * the file or URL, line, libxml2's message, the offending line and a
 * caret; a wrong root is VIR_ERR_XML_ERROR "expecting root element of
 * 'domain', not 'foo'".
 *
 * Returns the document (free with xmlFreeDoc()), or NULL after
 * reporting an error; *@ctxt (free with xmlXPathFreeContext()) is only
 * set on success.
 */
xmlDocPtr
virXMLParse(const char *filename, const char *xmlStr,
            const char *url, const char *rootName,
            xmlXPathContextPtr *ctxt, int domain)
{
    virXMLParseState state = { NULL, domain, false };
    g_autofree char *content = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlParserCtxtPtr pctxt;
    xmlNodePtr root;
    int len;
    int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;

    if (!xmlStr) {
        if (!filename) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("neither an XML file nor a string to parse"));
            return NULL;
        }
        /* Read here, not by libxml2, so that a missing file is a system
         * error naming it and nothing is printed to stderr. */
        if ((len = virFileReadAll(filename, VIR_XML_MAX_FILE_SIZE,
                                  &content)) < 0)
            return NULL;
        xmlStr = content;
        url = filename;
    } else {
        len = strlen(xmlStr);
    }
    state.name = url;

    if (!(pctxt = xmlNewParserCtxt())) {
        virReportError(VIR_ERR_NO_MEMORY, "%s",
                       _("cannot create an XML parser"));
        return NULL;
    }
    pctxt->_private = &state;
    pctxt->sax->serror = virXMLParseErrorHandler;

    doc = xmlCtxtReadMemory(pctxt, xmlStr, len, url, NULL, opts);
    if (!doc || !pctxt->wellFormed) {
        if (!state.reported)
            virReportError(VIR_ERR_XML_ERROR,
                           _("failed to parse xml document '%1$s'"),
                           url ? url : "[inline data]");
        xmlFreeParserCtxt(pctxt);
        return NULL;
    }
    xmlFreeParserCtxt(pctxt);

    if (!(root = xmlDocGetRootElement(doc))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing root element"));
        return NULL;
    }
    if (rootName && !xmlStrEqual(root->name, BAD_CAST rootName)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("expecting root element of '%1$s', not '%2$s'"),
                       rootName, (const char *)root->name);
        return NULL;
    }

    if (ctxt) {
        if (!(*ctxt = xmlXPathNewContext(doc))) {
            virReportError(VIR_ERR_NO_MEMORY, "%s",
                           _("cannot create an XPath context"));
            return NULL;
        }
        (*ctxt)->node = root;
        (*ctxt)->error = virXMLIgnoreError;
    }

    return g_steal_pointer(&doc);
}


/* Collect every message of a RelaxNG validation, one per line. */
static void
virXMLSchemaErrorHandler(void *data, xmlErrorPtr err)
{
    GString *errors = data;
    g_autofree char *msg = NULL;

    if (!err || !err->message)
        return;
    msg = g_strdup(err->message);
    virStringTrimNewline(msg);

    if (errors->len > 0)
        g_string_append_c(errors, '\n');
    if (err->node && ((xmlNodePtr)err->node)->name)
        g_string_append_printf(errors, "Element %s: %s",
                               (const char *)((xmlNodePtr)err->node)->name,
                               msg);
    else
        g_string_append(errors, msg);
}


/**
 * virXMLValidateAgainstSchema:
 * @schemafile: RelaxNG schema file
 * @doc: document to check
 *
 * Returns 0 if @doc is valid, or -1 with VIR_ERR_XML_INVALID_SCHEMA
 * listing every violation (VIR_ERR_INTERNAL_ERROR if the schema itself
 * cannot be loaded).
 */
int
virXMLValidateAgainstSchema(const char *schemafile, xmlDocPtr doc)
{
    g_autoptr(GString) errors = g_string_new(NULL);
    xmlRelaxNGParserCtxtPtr pctxt = NULL;
    xmlRelaxNGPtr rng = NULL;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xmlStructuredErrorFunc oldHandler = xmlStructuredError;
    void *oldData = xmlStructuredErrorContext;
    int ret = -1;

    /* Loading the schema and its includes raises I/O errors through no
     * context of ours; the thread's handler catches those too. */
    xmlSetStructuredErrorFunc(errors, virXMLSchemaErrorHandler);

    if (!(pctxt = xmlRelaxNGNewParserCtxt(schemafile))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Unable to create RNG parser for %1$s"), schemafile);
        goto free_all;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt, virXMLSchemaErrorHandler,
                                        errors);

    if (!(rng = xmlRelaxNGParse(pctxt))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Unable to parse RNG %1$s: %2$s"),
                       schemafile, errors->str);
        goto free_all;
    }

    if (!(vctxt = xmlRelaxNGNewValidCtxt(rng))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Unable to create RNG validation context %1$s"),
                       schemafile);
        goto free_all;
    }
    g_string_truncate(errors, 0);
    xmlRelaxNGSetValidStructuredErrors(vctxt, virXMLSchemaErrorHandler,
                                       errors);

    if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
        virReportError(VIR_ERR_XML_INVALID_SCHEMA,
                       _("Unable to validate doc against %1$s\n%2$s"),
                       schemafile, errors->str);
        goto free_all;
    }
    ret = 0;

 free_all:
    if (vctxt)
        xmlRelaxNGFreeValidCtxt(vctxt);
    if (rng)
        xmlRelaxNGFree(rng);
    if (pctxt)
        xmlRelaxNGFreeParserCtxt(pctxt);
    xmlSetStructuredErrorFunc(oldData, oldHandler);
    return ret;
}


/* Evaluate @xpath at ctxt->node; NULL for an invalid expression (a bug
 * of the caller, reported by virXPathNodeSet() only) or no context. */
static xmlXPathObjectPtr
virXPathEval(const char *xpath, xmlXPathContextPtr ctxt)
{
    if (!ctxt || !xpath)
        return NULL;
    /* Without a handler libxml2 prints XPath errors to stderr. */
    if (!ctxt->error)
        ctxt->error = virXMLIgnoreError;
    return xmlXPathEval(BAD_CAST xpath, ctxt);
}


/**
 * virXPathString:
 * @xpath: expression giving a string, e.g. "string(./name)"
 * @ctxt: context, evaluated at its current node
 *
 * Returns the string, to be g_free()d, or NULL when the result is not a
 * string or is empty.
 */
char *
virXPathString(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = virXPathEval(xpath, ctxt);
    char *ret = NULL;

    if (obj && obj->type == XPATH_STRING && obj->stringval &&
        obj->stringval[0])
        ret = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return ret;
}


/* The result of @xpath as text to hand to a number parser: -1 when
 * absent (empty string, or not a string or number), -2 for a number
 * that is not an integer. */
static int
virXPathNumberText(const char *xpath, xmlXPathContextPtr ctxt, char **text)
{
    xmlXPathObjectPtr obj = virXPathEval(xpath, ctxt);
    int ret = -1;

    if (!obj)
        return -1;

    if (obj->type == XPATH_STRING && obj->stringval && obj->stringval[0]) {
        *text = g_strdup((const char *)obj->stringval);
        ret = 0;
    } else if (obj->type == XPATH_NUMBER && obj->floatval == obj->floatval) {
        double v = obj->floatval;

        /* Whole numbers only; the casts are safe inside these bounds. */
        if (v < -9.2e18 || v > 1.8e19) {
            ret = -2;
        } else if (v < 0) {
            long long ll = v;

            ret = (double)ll == v ? 0 : -2;
            if (ret == 0)
                *text = g_strdup_printf("%lld", ll);
        } else {
            unsigned long long ull = v;

            ret = (double)ull == v ? 0 : -2;
            if (ret == 0)
                *text = g_strdup_printf("%llu", ull);
        }
    }

    xmlXPathFreeObject(obj);
    return ret;
}


/**
 * virXPathInt:
 * @xpath: expression giving a string such as "string(./@index)"
 * @ctxt: context
 * @value: set on success
 *
 * Returns 0 on success, -1 if the value is absent (empty), -2 if it is
 * not an int (base 10).  No error is reported.
 */
int
virXPathInt(const char *xpath, xmlXPathContextPtr ctxt, int *value)
{
    g_autofree char *text = NULL;
    int rc;

    if ((rc = virXPathNumberText(xpath, ctxt, &text)) < 0)
        return rc;
    return virStrToLong_i(text, NULL, 10, value) < 0 ? -2 : 0;
}


/**
 * virXPathUInt:
 * @xpath: expression giving a string
 * @ctxt: context
 * @value: set on success
 *
 * Returns 0, -1 if absent, -2 if not an unsigned int (base 10).
 */
int
virXPathUInt(const char *xpath, xmlXPathContextPtr ctxt,
             unsigned int *value)
{
    g_autofree char *text = NULL;
    int rc;

    if ((rc = virXPathNumberText(xpath, ctxt, &text)) < 0)
        return rc;
    return virStrToLong_ui(text, NULL, 10, value) < 0 ? -2 : 0;
}


/**
 * virXPathLong:
 * @xpath: expression giving a string
 * @ctxt: context
 * @value: set on success
 *
 * Returns 0, -1 if absent, -2 if not a long (base 10).
 */
int
virXPathLong(const char *xpath, xmlXPathContextPtr ctxt, long *value)
{
    g_autofree char *text = NULL;
    int rc;

    if ((rc = virXPathNumberText(xpath, ctxt, &text)) < 0)
        return rc;
    return virStrToLong_l(text, NULL, 10, value) < 0 ? -2 : 0;
}


/**
 * virXPathULongLong:
 * @xpath: expression giving a string
 * @ctxt: context
 * @value: set on success
 *
 * Returns 0, -1 if absent, -2 if not an unsigned long long (base 10).
 */
int
virXPathULongLong(const char *xpath, xmlXPathContextPtr ctxt,
                  unsigned long long *value)
{
    g_autofree char *text = NULL;
    int rc;

    if ((rc = virXPathNumberText(xpath, ctxt, &text)) < 0)
        return rc;
    return virStrToLong_ull(text, NULL, 10, value) < 0 ? -2 : 0;
}


/**
 * virXPathNode:
 * @xpath: expression giving nodes
 * @ctxt: context
 *
 * Returns the first node matched (owned by the document), or NULL.
 */
xmlNodePtr
virXPathNode(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = virXPathEval(xpath, ctxt);
    xmlNodePtr ret = NULL;

    if (obj && obj->type == XPATH_NODESET && obj->nodesetval &&
        obj->nodesetval->nodeNr > 0)
        ret = obj->nodesetval->nodeTab[0];
    xmlXPathFreeObject(obj);
    return ret;
}


/**
 * virXPathNodeSet:
 * @xpath: expression giving nodes
 * @ctxt: context
 * @list: if non-NULL, set to the nodes matched (NULL for none); the
 *        array is g_free()d, the nodes belong to the document
 *
 * Returns the number of nodes matched, or -1 with VIR_ERR_INTERNAL_ERROR
 * "Incorrect xpath" when @xpath is invalid or gives no node set.
 */
int
virXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt,
                xmlNodePtr **list)
{
    xmlXPathObjectPtr obj = virXPathEval(xpath, ctxt);
    int count = 0;

    if (list)
        *list = NULL;

    if (!obj || obj->type != XPATH_NODESET) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("Incorrect xpath '%1$s'"),
                       NULLSTR(xpath));
        xmlXPathFreeObject(obj);
        return -1;
    }

    if (obj->nodesetval)
        count = obj->nodesetval->nodeNr;
    if (list && count > 0)
        *list = g_memdup2(obj->nodesetval->nodeTab,
                          sizeof(xmlNodePtr) * count);

    xmlXPathFreeObject(obj);
    return count;
}


/**
 * virXPathBoolean:
 * @xpath: any expression ("count(./disk) > 1", "./os/loader")
 * @ctxt: context
 *
 * Returns the result converted by XPath's boolean() rules (a node set is
 * true when not empty); false for an invalid expression.
 */
bool
virXPathBoolean(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = virXPathEval(xpath, ctxt);
    bool ret = false;

    if (obj)
        ret = xmlXPathCastToBoolean(obj) != 0;
    xmlXPathFreeObject(obj);
    return ret;
}


/**
 * virXPathContextNodeRestore:
 * @save: saved context and node
 *
 * Put back the context node saved by VIR_XPATH_NODE_AUTORESTORE().
 */
void
virXPathContextNodeRestore(virXPathContextNodeSave *save)
{
    if (save->ctxt)
        save->ctxt->node = save->node;
}


/**
 * virXMLPropString:
 * @node: element
 * @name: attribute name (no namespace)
 *
 * Returns the attribute's value, to be g_free()d, or NULL if absent.
 */
char *
virXMLPropString(xmlNodePtr node, const char *name)
{
    xmlChar *val = xmlGetNoNsProp(node, BAD_CAST name);
    char *ret;

    if (!val)
        return NULL;
    /* Copied so that callers free every string with g_free(). */
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


/**
 * virXMLPropStringRequired:
 * @node: element
 * @name: attribute name
 *
 * Returns the attribute's value, to be g_free()d, or NULL with
 * VIR_ERR_XML_ERROR "Missing required attribute '@name' in element
 * '...'" (libvirt's words).
 */
char *
virXMLPropStringRequired(xmlNodePtr node, const char *name)
{
    char *ret = virXMLPropString(node, name);

    if (!ret)
        virReportError(VIR_ERR_XML_ERROR,
                       _("Missing required attribute '%1$s' in element '%2$s'"),
                       name, (const char *)node->name);
    return ret;
}


/**
 * virXMLChildPropString:
 * @node: element
 * @child: name of a child element
 * @name: attribute of that child
 *
 * Returns the attribute @name of the first child element @child, to be
 * g_free()d, or NULL if the child or the attribute is absent.
 */
char *
virXMLChildPropString(xmlNodePtr node, const char *child, const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST child))
            return virXMLPropString(cur, name);
    }
    return NULL;
}


/**
 * virXMLNodeContentString:
 * @node: element
 *
 * Returns the text content of @node and its descendants ("" when there
 * is none), to be g_free()d; NULL with VIR_ERR_INTERNAL_ERROR if @node
 * is not an element.
 */
char *
virXMLNodeContentString(xmlNodePtr node)
{
    xmlChar *val;
    char *ret;

    if (node->type != XML_ELEMENT_NODE) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("node '%1$s' has unexpected type %2$d"),
                       (const char *)node->name, node->type);
        return NULL;
    }

    if (!(val = xmlNodeGetContent(node)))
        return g_strdup("");
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


/* Common start of the Prop parsers: 1 with *@val set when present, 0
 * when absent and allowed, -1 (reported) when absent and required. */
static int
virXMLPropFetch(xmlNodePtr node, const char *name, virXMLPropFlags flags,
                char **val)
{
    if ((flags & VIR_XML_PROP_REQUIRED)) {
        if (!(*val = virXMLPropStringRequired(node, name)))
            return -1;
        return 1;
    }
    *val = virXMLPropString(node, name);
    return *val ? 1 : 0;
}


static void
virXMLPropReportInvalid(xmlNodePtr node, const char *name, const char *val,
                        const char *expected)
{
    if (expected)
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected %4$s"),
                       name, (const char *)node->name, val, expected);
    else
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                       name, (const char *)node->name, val);
}


static void
virXMLPropReportZero(xmlNodePtr node, const char *name)
{
    virReportError(VIR_ERR_XML_ERROR,
                   _("Invalid value for attribute '%1$s' in element '%2$s': Zero is not permitted"),
                   name, (const char *)node->name);
}


/**
 * virXMLPropInt:
 * @node: element
 * @name: attribute
 * @base: number base, as for strtol()
 * @flags: VIR_XML_PROP_REQUIRED, _NONZERO, _NONNEGATIVE
 * @result: set to @defaultResult first, then to the value when present
 * @defaultResult: value when the attribute is absent
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR naming
 * the attribute, element and value (libvirt's words).
 */
int
virXMLPropInt(xmlNodePtr node, const char *name, int base,
              virXMLPropFlags flags, int *result, int defaultResult)
{
    g_autofree char *tmp = NULL;
    int val;
    int rc;

    *result = defaultResult;
    if ((rc = virXMLPropFetch(node, name, flags, &tmp)) <= 0)
        return rc;

    if (virStrToLong_i(tmp, NULL, base, &val) < 0) {
        virXMLPropReportInvalid(node, name, tmp, _("integer value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONNEGATIVE) && val < 0) {
        virXMLPropReportInvalid(node, name, tmp, _("non-negative value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONZERO) && val == 0) {
        virXMLPropReportZero(node, name);
        return -1;
    }

    *result = val;
    return 1;
}


/**
 * virXMLPropLongLong:
 * @node: element
 * @name: attribute
 * @base: number base
 * @flags: VIR_XML_PROP_REQUIRED, _NONZERO, _NONNEGATIVE
 * @result: set to @defaultResult first, then to the value when present
 * @defaultResult: value when the attribute is absent
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR.
 */
int
virXMLPropLongLong(xmlNodePtr node, const char *name, int base,
                   virXMLPropFlags flags, long long *result,
                   long long defaultResult)
{
    g_autofree char *tmp = NULL;
    long long val;
    int rc;

    *result = defaultResult;
    if ((rc = virXMLPropFetch(node, name, flags, &tmp)) <= 0)
        return rc;

    if (virStrToLong_ll(tmp, NULL, base, &val) < 0) {
        virXMLPropReportInvalid(node, name, tmp,
                                _("long long integer value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONNEGATIVE) && val < 0) {
        virXMLPropReportInvalid(node, name, tmp, _("non-negative value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONZERO) && val == 0) {
        virXMLPropReportZero(node, name);
        return -1;
    }

    *result = val;
    return 1;
}


/**
 * virXMLPropUInt:
 * @node: element
 * @name: attribute
 * @base: number base
 * @flags: VIR_XML_PROP_REQUIRED, _NONZERO
 * @result: set only when the attribute is present and valid
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR.
 */
int
virXMLPropUInt(xmlNodePtr node, const char *name, int base,
               virXMLPropFlags flags, unsigned int *result)
{
    g_autofree char *tmp = NULL;
    unsigned int val;
    int rc;

    if ((rc = virXMLPropFetch(node, name, flags, &tmp)) <= 0)
        return rc;

    if (virStrToLong_ui(tmp, NULL, base, &val) < 0) {
        virXMLPropReportInvalid(node, name, tmp,
                                _("non-negative integer value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONZERO) && val == 0) {
        virXMLPropReportZero(node, name);
        return -1;
    }

    *result = val;
    return 1;
}


/**
 * virXMLPropULongLong:
 * @node: element
 * @name: attribute
 * @base: number base
 * @flags: VIR_XML_PROP_REQUIRED, _NONZERO
 * @result: set only when the attribute is present and valid
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR.
 */
int
virXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                    virXMLPropFlags flags, unsigned long long *result)
{
    g_autofree char *tmp = NULL;
    unsigned long long val;
    int rc;

    if ((rc = virXMLPropFetch(node, name, flags, &tmp)) <= 0)
        return rc;

    if (virStrToLong_ull(tmp, NULL, base, &val) < 0) {
        virXMLPropReportInvalid(node, name, tmp,
                                _("non-negative integer value"));
        return -1;
    }
    if ((flags & VIR_XML_PROP_NONZERO) && val == 0) {
        virXMLPropReportZero(node, name);
        return -1;
    }

    *result = val;
    return 1;
}


/**
 * virXMLPropEnum:
 * @node: element
 * @name: attribute
 * @strToInt: the enum's TypeFromString()
 * @flags: VIR_XML_PROP_REQUIRED; _NONZERO refuses the word of value 0
 * @result: set only when the attribute is present and valid
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR "Invalid
 * value for attribute 'a' in element 'e': 'v'.".
 */
int
virXMLPropEnum(xmlNodePtr node, const char *name,
               int (*strToInt)(const char *),
               virXMLPropFlags flags, unsigned int *result)
{
    g_autofree char *tmp = NULL;
    int val;
    int rc;

    if ((rc = virXMLPropFetch(node, name, flags, &tmp)) <= 0)
        return rc;

    if ((val = strToInt(tmp)) < 0 ||
        ((flags & VIR_XML_PROP_NONZERO) && val == 0)) {
        virXMLPropReportInvalid(node, name, tmp, NULL);
        return -1;
    }

    *result = val;
    return 1;
}


/**
 * virXMLPropTristateBool:
 * @node: element
 * @name: attribute
 * @flags: VIR_XML_PROP_REQUIRED
 * @result: set to _YES or _NO when present and valid
 *
 * "yes" or "no"; the word "absent" is refused like any other.
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR.
 */
int
virXMLPropTristateBool(xmlNodePtr node, const char *name,
                       virXMLPropFlags flags, virTristateBool *result)
{
    unsigned int val;
    int rc;

    rc = virXMLPropEnum(node, name, virTristateBoolTypeFromString,
                        flags | VIR_XML_PROP_NONZERO, &val);
    if (rc > 0)
        *result = val;
    return rc;
}


/**
 * virXMLPropTristateSwitch:
 * @node: element
 * @name: attribute
 * @flags: VIR_XML_PROP_REQUIRED
 * @result: set to _ON or _OFF when present and valid
 *
 * "on" or "off"; the word "absent" is refused like any other.
 *
 * Returns 1 if parsed, 0 if absent, -1 with VIR_ERR_XML_ERROR.
 */
int
virXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                         virXMLPropFlags flags, virTristateSwitch *result)
{
    unsigned int val;
    int rc;

    rc = virXMLPropEnum(node, name, virTristateSwitchTypeFromString,
                        flags | VIR_XML_PROP_NONZERO, &val);
    if (rc > 0)
        *result = val;
    return rc;
}


/* "prefix:name" for a namespaced node, else its name; in @buf when a
 * prefix has to be added. */
static const char *
virXMLQualifiedName(const xmlChar *name, xmlNsPtr ns, char **buf)
{
    if (ns && ns->prefix) {
        *buf = g_strdup_printf("%s:%s", (const char *)ns->prefix,
                               (const char *)name);
        return *buf;
    }
    return (const char *)name;
}


static bool
virXMLNameKnown(const char *name, const char *const *known)
{
    size_t i;

    for (i = 0; known && known[i]; i++) {
        if (STREQ(known[i], name))
            return true;
    }
    return false;
}


/**
 * virXMLCheckAttributes:
 * @node: element
 * @known: NULL-terminated list of the attributes the parser reads
 *         (namespaced ones as "prefix:name"), or NULL for none
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR "unsupported attribute 'a' in
 * element 'e'" for the first attribute not in @known.
 */
int
virXMLCheckAttributes(xmlNodePtr node, const char *const *known)
{
    xmlAttrPtr attr;

    for (attr = node->properties; attr; attr = attr->next) {
        g_autofree char *qname = NULL;
        const char *name = virXMLQualifiedName(attr->name, attr->ns, &qname);

        if (!virXMLNameKnown(name, known)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported attribute '%1$s' in element '%2$s'"),
                           name, (const char *)node->name);
            return -1;
        }
    }
    return 0;
}


/**
 * virXMLCheckChildren:
 * @node: element
 * @knownChildren: NULL-terminated list of the child elements the parser
 *                 reads (namespaced ones as "prefix:name"), or NULL
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR "unsupported element 'c' in
 * element 'e'" for the first child element not in @knownChildren.
 */
int
virXMLCheckChildren(xmlNodePtr node, const char *const *knownChildren)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *qname = NULL;
        const char *name;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        name = virXMLQualifiedName(cur->name, cur->ns, &qname);
        if (!virXMLNameKnown(name, knownChildren)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported element '%1$s' in element '%2$s'"),
                           name, (const char *)node->name);
            return -1;
        }
    }
    return 0;
}


/* Empty @buf but give it back @indent, so that a child buffer made with
 * VIR_BUFFER_INIT_CHILD() can be reused for the next element. */
static void
virXMLFormatResetKeepIndent(virBuffer *buf, int indent)
{
    if (!buf)
        return;
    virBufferFreeAndReset(buf);
    virBufferSetIndent(buf, indent);
}


static void
virXMLFormatElementInternal(virBuffer *buf, const char *name,
                            virBuffer *attrBuf, virBuffer *childBuf,
                            bool allowEmpty)
{
    int attrIndent = virBufferGetIndent(attrBuf);
    int childIndent = virBufferGetIndent(childBuf);

    if (!allowEmpty && virBufferUse(attrBuf) == 0 &&
        virBufferUse(childBuf) == 0)
        goto reset;

    virBufferAsprintf(buf, "<%s", name);
    virBufferAddBuffer(buf, attrBuf);
    if (virBufferUse(childBuf) > 0) {
        virBufferAddLit(buf, ">\n");
        virBufferAddBuffer(buf, childBuf);
        virBufferAsprintf(buf, "</%s>\n", name);
    } else {
        virBufferAddLit(buf, "/>\n");
    }

 reset:
    virXMLFormatResetKeepIndent(attrBuf, attrIndent);
    virXMLFormatResetKeepIndent(childBuf, childIndent);
}


/**
 * virXMLFormatElement:
 * @buf: where the element goes, at its indentation
 * @name: element name
 * @attrBuf: attributes, each with its leading space, or NULL
 * @childBuf: children, already indented (VIR_BUFFER_INIT_CHILD()), or NULL
 *
 * Write <@name ATTRS>\nCHILDREN</@name>\n, or <@name ATTRS/>\n without
 * children, or nothing when both buffers are empty.  Both buffers are
 * emptied; their indentation is kept for reuse.
 */
void
virXMLFormatElement(virBuffer *buf, const char *name,
                    virBuffer *attrBuf, virBuffer *childBuf)
{
    virXMLFormatElementInternal(buf, name, attrBuf, childBuf, false);
}


/**
 * virXMLFormatElementEmpty:
 * @buf: where the element goes
 * @name: element name
 * @attrBuf: attributes, or NULL
 * @childBuf: children, or NULL
 *
 * Like virXMLFormatElement() but writes <@name/> even when both
 * buffers are empty.
 */
void
virXMLFormatElementEmpty(virBuffer *buf, const char *name,
                         virBuffer *attrBuf, virBuffer *childBuf)
{
    virXMLFormatElementInternal(buf, name, attrBuf, childBuf, true);
}


/* Append @str XML-escaped. */
static void
virXMLAppendEscaped(GString *out, const xmlChar *str)
{
    g_autofree char *esc = NULL;

    if (!str)
        return;
    esc = virBufferEscapeXML((const char *)str);
    g_string_append(out, esc);
}


static void
virXMLAppendQName(GString *out, const xmlChar *name, xmlNsPtr ns)
{
    if (ns && ns->prefix)
        g_string_append_printf(out, "%s:", (const char *)ns->prefix);
    g_string_append(out, (const char *)name);
}


/* Serialize @node as virtplug (and libvirt) write XML: attribute values
 * in single quotes, and ' and " escaped everywhere.  xmlNodeDump()
 * would use double quotes, so copied fragments would look different
 * from the document around them. */
static void
virXMLSerializeNode(GString *out, xmlNodePtr node)
{
    xmlNodePtr child;
    xmlAttrPtr attr;
    xmlNsPtr ns;

    switch (node->type) {
    case XML_ELEMENT_NODE:
        g_string_append_c(out, '<');
        virXMLAppendQName(out, node->name, node->ns);
        for (ns = node->nsDef; ns; ns = ns->next) {
            g_string_append(out, " xmlns");
            if (ns->prefix)
                g_string_append_printf(out, ":%s", (const char *)ns->prefix);
            g_string_append(out, "='");
            virXMLAppendEscaped(out, ns->href);
            g_string_append_c(out, '\'');
        }
        for (attr = node->properties; attr; attr = attr->next) {
            xmlChar *val = xmlNodeGetContent((xmlNodePtr)attr);

            g_string_append_c(out, ' ');
            virXMLAppendQName(out, attr->name, attr->ns);
            g_string_append(out, "='");
            virXMLAppendEscaped(out, val);
            g_string_append_c(out, '\'');
            xmlFree(val);
        }
        if (!node->children) {
            g_string_append(out, "/>");
            break;
        }
        g_string_append_c(out, '>');
        for (child = node->children; child; child = child->next)
            virXMLSerializeNode(out, child);
        g_string_append(out, "</");
        virXMLAppendQName(out, node->name, node->ns);
        g_string_append_c(out, '>');
        break;
    case XML_TEXT_NODE:
        virXMLAppendEscaped(out, node->content);
        break;
    case XML_CDATA_SECTION_NODE:
        g_string_append_printf(out, "<![CDATA[%s]]>",
                               (const char *)node->content);
        break;
    case XML_COMMENT_NODE:
        g_string_append_printf(out, "<!--%s-->", (const char *)node->content);
        break;
    case XML_ENTITY_REF_NODE:
        g_string_append_printf(out, "&%s;", (const char *)node->name);
        break;
    case XML_PI_NODE:
        g_string_append_printf(out, "<?%s%s%s?>", (const char *)node->name,
                               node->content ? " " : "",
                               node->content ? (const char *)node->content : "");
        break;
    default:
        break;
    }
}


/* The white space that indented @node in its document: what follows
 * the last newline of the text node just before it. */
static const char *
virXMLNodeOriginalIndent(xmlNodePtr node, size_t *len)
{
    xmlNodePtr prev = node->prev;
    const char *text;
    const char *nl;

    *len = 0;
    if (!prev || prev->type != XML_TEXT_NODE || !prev->content)
        return NULL;

    text = (const char *)prev->content;
    if (!(nl = strrchr(text, '\n')))
        return NULL;
    nl++;
    if (strspn(nl, " \t") != strlen(nl))
        return NULL;
    *len = strlen(nl);
    return nl;
}


/**
 * virXMLFormatNodeIndented:
 * @buf: where the node goes, at the buffer's indentation
 * @node: element to copy (e.g. a <domain> kept inside a snapshot)
 *
 * Write @node as it was written (its white space kept, attributes in
 * single quotes) and move it to @buf's indentation: the indentation
 * the node had in its own document is removed from each line and the
 * buffer's is added.  Lines inside multi-line text content are moved
 * too, which only changes insignificant white space in the documents
 * this is used for.
 *
 * Returns 0, or -1 with VIR_ERR_INTERNAL_ERROR if @node is not an
 * element.
 */
int
virXMLFormatNodeIndented(virBuffer *buf, xmlNodePtr node)
{
    g_auto(virBuffer) out = VIR_BUFFER_INITIALIZER;
    g_autoptr(GString) raw = NULL;
    g_auto(GStrv) lines = NULL;
    const char *indent;
    size_t indentLen;
    size_t i;

    if (!node || node->type != XML_ELEMENT_NODE) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("only an element can be formatted"));
        return -1;
    }

    raw = g_string_new(NULL);
    virXMLSerializeNode(raw, node);
    lines = g_strsplit(raw->str, "\n", -1);

    /* Built in a buffer without indentation and appended raw, so that
     * empty lines stay empty instead of getting trailing spaces. */
    indent = virXMLNodeOriginalIndent(node, &indentLen);
    for (i = 0; lines[i]; i++) {
        const char *line = lines[i];

        if (i > 0 && indent && strncmp(line, indent, indentLen) == 0)
            line += indentLen;
        if (*line)
            virBufferAsprintf(&out, "%*s%s\n", virBufferGetIndent(buf), "",
                              line);
        else if (lines[i + 1])
            virBufferAddLit(&out, "\n");
    }
    virBufferAddBuffer(buf, &out);
    return 0;
}
