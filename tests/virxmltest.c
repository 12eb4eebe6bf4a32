/*
 * virxmltest.c: strict parsing, XPath and attribute helpers, formatting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virxml.h"
#include "virutiltestutils.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* Parse @xml with root @root, asserting success. */
static xmlDocPtr
testXMLParseOK(const char *xml, const char *root, xmlXPathContextPtr *ctxt)
{
    xmlDocPtr doc = virXMLParse(NULL, xml, "(test)", root, ctxt, VIR_FROM_TEST);

    virTestAssertNoError();
    g_assert_nonnull(doc);
    return doc;
}


static void
testXMLParseGood(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK("<domain type='test'><name>x</name></domain>",
                                           "domain", &ctxt);

    g_assert_nonnull(ctxt);
    g_assert_cmpstr((const char *)ctxt->node->name, ==, "domain");
    g_assert_true(ctxt->node == xmlDocGetRootElement(doc));
}


typedef struct {
    const char *xml;
    const char *url;
    const char *message;
} testXMLSyntaxCase;

/* libvirt 9.0.0's messages for the same documents, with the line and
 * caret under it; the "(null)" libvirt prints for an empty document is
 * an empty line here. */
static const testXMLSyntaxCase testXMLSyntaxCases[] = {
    { "<domain type='test'><name>x</name", "(domain_definition)",
      "(domain_definition):1: expected '>'\n"
      "<domain type='test'><name>x</name\n"
      "---------------------------------^" },
    { "<domain type='test'>\n  <name>x</name>\n  <memory>1</memory\n</domain>",
      "(domain_definition)",
      "(domain_definition):4: expected '>'\n"
      "</domain>\n"
      "^" },
    { "<a><b>", NULL,
      "at line 1: Premature end of data in tag b line 1\n"
      "<a><b>\n"
      "------^" },
    { "<a>\n\t<b x='1' x='2'/>\n</a>", "u",
      "u:2: Attribute x redefined\n"
      "\t<b x='1' x='2'/>\n"
      "\t--------------^" },
    { "<a>&foo;</a>", "u",
      "u:1: Entity 'foo' not defined\n"
      "<a>&foo;</a>\n"
      "--------^" },
    /* libvirt shows an empty offending line as "(null)". */
    { "", "(domain_definition)",
      "(domain_definition):1: Document is empty\n"
      "(null)\n"
      "^" },
    { "<a>\n\n", "u",
      "u:3: Premature end of data in tag a line 1\n"
      "(null)\n"
      "^" },
    { "   ", "u",
      "u:1: Start tag expected, '<' not found\n"
      "   \n"
      "---^" },
};


static void
testXMLParseSyntax(gconstpointer data)
{
    const testXMLSyntaxCase *tc = data;
    xmlXPathContextPtr ctxt = NULL;

    g_assert_null(virXMLParse(NULL, tc->xml, tc->url, NULL, &ctxt,
                              VIR_FROM_DOMAIN));
    g_assert_null(ctxt);
    virTestAssertLastError(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, tc->message);
}


/* libxml2 must not print anything itself. */
static void
testXMLParseSilent(void)
{
    if (g_test_subprocess()) {
        g_autofree char *missing = virTestUtilDataPath("no-such-file.xml");

        g_assert_null(virXMLParse(NULL, "<a><b></a>", NULL, NULL, NULL,
                                  VIR_FROM_TEST));
        g_assert_null(virXMLParse(missing, NULL, NULL, NULL, NULL,
                                  VIR_FROM_TEST));
        /* The external subset is neither fetched nor complained about. */
        xmlFreeDoc(virXMLParse(NULL, "<!DOCTYPE a SYSTEM 'http://192.0.2.1/a.dtd'><a>&x;</a>",
                               NULL, NULL, NULL, VIR_FROM_TEST));
        virErrorResetLast();
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("");
    g_test_trap_assert_stderr("");
}


static void
testXMLParseFile(void)
{
    g_autofree char *bad = virTestUtilDataPath("xml-malformed.xml");
    g_autofree char *good = virTestUtilDataPath("xml-valid.xml");
    g_autofree char *missing = virTestUtilDataPath("no-such-file.xml");
    g_autofree char *msg = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    doc = virXMLParse(good, NULL, NULL, "disk", &ctxt, VIR_FROM_TEST);
    g_assert_nonnull(doc);
    g_assert_cmpstr((const char *)ctxt->node->name, ==, "disk");

    g_assert_null(virXMLParse(bad, NULL, NULL, NULL, NULL, VIR_FROM_QEMU));
    msg = g_strdup_printf("%s:3: Opening and ending tag mismatch: b line 2 and a\n"
                          "</a>\n"
                          "----^", bad);
    virTestAssertLastError(VIR_ERR_XML_DETAIL, VIR_FROM_QEMU, msg);
    g_clear_pointer(&msg, g_free);

    g_assert_null(virXMLParse(missing, NULL, NULL, NULL, NULL, VIR_FROM_QEMU));
    msg = g_strdup_printf("Failed to open file '%s': No such file or directory",
                          missing);
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, msg);
}


static void
testXMLParseRoot(void)
{
    g_assert_null(virXMLParse(NULL, "<foo/>", "(domain_definition)", "domain",
                              NULL, VIR_FROM_DOMAIN));
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: expecting root element of 'domain', not 'foo'");
}


/* Neither external entities nor the network are used. */
static void
testXMLParseNoExternal(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc =
        testXMLParseOK("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                       "<a>[&x;]</a>", "a", &ctxt);
    g_autofree char *text = virXPathString("string(/a)", ctxt);

    g_assert_cmpstr(text, ==, "[]");
}


static const char *testXPathDoc =
    "<a n='5' u='-3' big='99999999999' s='str'>"
    "<b>12</b><b>x</b><c>  99 </c><d/>"
    "</a>";

static void
testXPathValues(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testXPathDoc, "a", &ctxt);
    g_autofree char *s1 = NULL;
    g_autofree char *s2 = NULL;
    unsigned long long ull = 7;
    unsigned int ui = 7;
    long l = 7;
    int i = 7;

    s1 = virXPathString("string(./@s)", ctxt);
    g_assert_cmpstr(s1, ==, "str");
    s2 = virXPathString("string(./c)", ctxt);
    g_assert_cmpstr(s2, ==, "  99 ");
    g_assert_null(virXPathString("string(./zz)", ctxt));
    g_assert_null(virXPathString("./c", ctxt));
    g_assert_null(virXPathString("string(./d)", ctxt));

    g_assert_cmpint(virXPathInt("string(./@n)", ctxt, &i), ==, 0);
    g_assert_cmpint(i, ==, 5);
    g_assert_cmpint(virXPathInt("string(./@u)", ctxt, &i), ==, 0);
    g_assert_cmpint(i, ==, -3);
    g_assert_cmpint(virXPathInt("string(./@big)", ctxt, &i), ==, -2);
    g_assert_cmpint(virXPathInt("string(./@zz)", ctxt, &i), ==, -1);
    g_assert_cmpint(i, ==, -3);

    g_assert_cmpint(virXPathUInt("string(./@u)", ctxt, &ui), ==, -2);
    g_assert_cmpint(virXPathUInt("string(./b[1])", ctxt, &ui), ==, 0);
    g_assert_cmpuint(ui, ==, 12);
    g_assert_cmpint(virXPathUInt("string(./b[2])", ctxt, &ui), ==, -2);
    g_assert_cmpint(virXPathUInt("string(./c)", ctxt, &ui), ==, -2);

    g_assert_cmpint(virXPathLong("string(./@u)", ctxt, &l), ==, 0);
    g_assert_cmpint(l, ==, -3);

    g_assert_cmpint(virXPathULongLong("string(./@big)", ctxt, &ull), ==, 0);
    g_assert_cmpuint(ull, ==, 99999999999ULL);
    g_assert_cmpint(virXPathULongLong("count(./b)", ctxt, &ull), ==, 0);
    g_assert_cmpuint(ull, ==, 2);
    g_assert_cmpint(virXPathULongLong("count(./b) div 4", ctxt, &ull), ==, -2);
    g_assert_cmpint(virXPathULongLong("./b", ctxt, &ull), ==, -1);
    g_assert_cmpint(virXPathULongLong("bad[[", ctxt, &ull), ==, -1);

    virTestAssertNoError();
}


static void
testXPathNodes(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testXPathDoc, "a", &ctxt);
    g_autofree xmlNodePtr *list = NULL;
    xmlNodePtr node;

    node = virXPathNode("./b", ctxt);
    g_assert_nonnull(node);
    g_assert_cmpstr((const char *)node->children->content, ==, "12");
    g_assert_null(virXPathNode("./zz", ctxt));

    g_assert_cmpint(virXPathNodeSet("./b", ctxt, &list), ==, 2);
    g_assert_true(list[0] == node);
    g_assert_cmpstr((const char *)list[1]->children->content, ==, "x");
    g_clear_pointer(&list, g_free);

    g_assert_cmpint(virXPathNodeSet("./zz", ctxt, &list), ==, 0);
    g_assert_null(list);
    g_assert_cmpint(virXPathNodeSet("./b", ctxt, NULL), ==, 2);

    g_assert_cmpint(virXPathNodeSet("count(./b)", ctxt, &list), ==, -1);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML,
                           "internal error: Incorrect xpath 'count(./b)'");
    g_assert_cmpint(virXPathNodeSet("bad[[", ctxt, &list), ==, -1);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML,
                           "internal error: Incorrect xpath 'bad[['");

    g_assert_true(virXPathBoolean("count(./b) > 1", ctxt));
    g_assert_true(virXPathBoolean("./d", ctxt));
    g_assert_false(virXPathBoolean("./zz", ctxt));
    g_assert_false(virXPathBoolean("bad[[", ctxt));
}


static void
testXPathAutoRestore(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testXPathDoc, "a", &ctxt);
    xmlNodePtr root = ctxt->node;

    {
        VIR_XPATH_NODE_AUTORESTORE(ctxt);

        ctxt->node = virXPathNode("./c", ctxt);
        g_assert_cmpstr((const char *)ctxt->node->name, ==, "c");
    }
    g_assert_true(ctxt->node == root);
}


static const char *testPropDoc =
    "<disk a='1' z='0' n='-2' t='yes' s='on' bad='x' big='99999999999' e='' "
    "bl='yes ' h='0x1f' ab='absent'>"
    "<source file='/img.qcow2'/><target dev='vda'/>text<!-- c --></disk>";

static void
testXMLPropNumbers(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testPropDoc, "disk", &ctxt);
    xmlNodePtr n = ctxt->node;
    unsigned long long ull = 77;
    unsigned int ui = 77;
    long long ll = 77;
    int i = 77;

    g_assert_cmpint(virXMLPropInt(n, "a", 10, 0, &i, 5), ==, 1);
    g_assert_cmpint(i, ==, 1);
    g_assert_cmpint(virXMLPropInt(n, "missing", 10, 0, &i, 5), ==, 0);
    g_assert_cmpint(i, ==, 5);
    g_assert_cmpint(virXMLPropInt(n, "h", 16, 0, &i, 5), ==, 1);
    g_assert_cmpint(i, ==, 31);
    g_assert_cmpint(virXMLPropInt(n, "n", 10, 0, &i, 5), ==, 1);
    g_assert_cmpint(i, ==, -2);

    g_assert_cmpint(virXMLPropInt(n, "missing", 10, VIR_XML_PROP_REQUIRED, &i, 0), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Missing required attribute 'missing' in element 'disk'");
    g_assert_cmpint(virXMLPropInt(n, "n", 10, VIR_XML_PROP_NONNEGATIVE, &i, 0), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'n' in element 'disk': '-2'. Expected non-negative value");
    g_assert_cmpint(virXMLPropInt(n, "bad", 10, 0, &i, 0), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'bad' in element 'disk': 'x'. Expected integer value");
    g_assert_cmpint(virXMLPropInt(n, "z", 10, VIR_XML_PROP_NONZERO, &i, 0), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'z' in element 'disk': Zero is not permitted");

    g_assert_cmpint(virXMLPropLongLong(n, "big", 10, 0, &ll, 0), ==, 1);
    g_assert_cmpint(ll, ==, 99999999999LL);
    g_assert_cmpint(virXMLPropLongLong(n, "bad", 10, 0, &ll, 0), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'bad' in element 'disk': 'x'. Expected long long integer value");

    g_assert_cmpint(virXMLPropUInt(n, "missing", 10, 0, &ui), ==, 0);
    g_assert_cmpuint(ui, ==, 77);
    g_assert_cmpint(virXMLPropUInt(n, "a", 10, VIR_XML_PROP_REQUIRED, &ui), ==, 1);
    g_assert_cmpuint(ui, ==, 1);
    {
        static const char *const badUInt[] = { "n", "bad", "big", "e" };
        size_t j;

        for (j = 0; j < G_N_ELEMENTS(badUInt); j++) {
            g_autofree char *val = virXMLPropString(n, badUInt[j]);
            g_autofree char *msg =
                g_strdup_printf("XML error: Invalid value for attribute '%s' in element 'disk': '%s'. Expected non-negative integer value",
                                badUInt[j], val);

            g_assert_cmpint(virXMLPropUInt(n, badUInt[j], 10, 0, &ui), ==, -1);
            virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML, msg);
        }
    }
    g_assert_cmpint(virXMLPropUInt(n, "z", 10, VIR_XML_PROP_NONZERO, &ui), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'z' in element 'disk': Zero is not permitted");
    g_assert_cmpuint(ui, ==, 1);

    g_assert_cmpint(virXMLPropULongLong(n, "big", 10, 0, &ull), ==, 1);
    g_assert_cmpuint(ull, ==, 99999999999ULL);
    g_assert_cmpint(virXMLPropULongLong(n, "n", 10, 0, &ull), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'n' in element 'disk': '-2'. Expected non-negative integer value");
}


static void
testXMLPropEnums(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testPropDoc, "disk", &ctxt);
    xmlNodePtr n = ctxt->node;
    virTristateBool tb = VIR_TRISTATE_BOOL_ABSENT;
    virTristateSwitch ts = VIR_TRISTATE_SWITCH_ABSENT;
    unsigned int ui = 77;

    g_assert_cmpint(virXMLPropTristateBool(n, "t", 0, &tb), ==, 1);
    g_assert_cmpint(tb, ==, VIR_TRISTATE_BOOL_YES);
    g_assert_cmpint(virXMLPropTristateSwitch(n, "s", 0, &ts), ==, 1);
    g_assert_cmpint(ts, ==, VIR_TRISTATE_SWITCH_ON);
    g_assert_cmpint(virXMLPropTristateBool(n, "missing", 0, &tb), ==, 0);
    g_assert_cmpint(tb, ==, VIR_TRISTATE_BOOL_YES);

    g_assert_cmpint(virXMLPropTristateBool(n, "s", 0, &tb), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 's' in element 'disk': 'on'.");
    g_assert_cmpint(virXMLPropTristateBool(n, "bl", 0, &tb), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'bl' in element 'disk': 'yes '.");
    g_assert_cmpint(virXMLPropTristateBool(n, "ab", 0, &tb), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'ab' in element 'disk': 'absent'.");
    g_assert_cmpint(virXMLPropTristateSwitch(n, "t", 0, &ts), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 't' in element 'disk': 'yes'.");
    g_assert_cmpint(virXMLPropTristateSwitch(n, "nope", VIR_XML_PROP_REQUIRED, &ts), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Missing required attribute 'nope' in element 'disk'");

    g_assert_cmpint(virXMLPropEnum(n, "ab", virTristateBoolTypeFromString, 0, &ui), ==, 1);
    g_assert_cmpuint(ui, ==, VIR_TRISTATE_BOOL_ABSENT);
    g_assert_cmpint(virXMLPropEnum(n, "e", virTristateBoolTypeFromString, 0, &ui), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Invalid value for attribute 'e' in element 'disk': ''.");
}


static void
testXMLPropStrings(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc = testXMLParseOK(testPropDoc, "disk", &ctxt);
    xmlNodePtr n = ctxt->node;
    g_autofree char *a = virXMLPropString(n, "a");
    g_autofree char *e = virXMLPropString(n, "e");
    g_autofree char *file = virXMLChildPropString(n, "source", "file");
    g_autofree char *content = virXMLNodeContentString(n);
    g_autofree char *empty = NULL;
    xmlNodePtr source = virXPathNode("./source", ctxt);

    g_assert_cmpstr(a, ==, "1");
    g_assert_cmpstr(e, ==, "");
    g_assert_null(virXMLPropString(n, "missing"));
    g_assert_cmpstr(file, ==, "/img.qcow2");
    g_assert_null(virXMLChildPropString(n, "source", "dev"));
    g_assert_null(virXMLChildPropString(n, "driver", "name"));
    g_assert_null(virXMLPropStringRequired(n, "nope"));
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: Missing required attribute 'nope' in element 'disk'");

    g_assert_cmpstr(content, ==, "text");
    empty = virXMLNodeContentString(source);
    g_assert_cmpstr(empty, ==, "");
    g_assert_null(virXMLNodeContentString(source->next->next));
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML,
                           "internal error: node 'text' has unexpected type 3");
}


static void
testXMLCheckStrict(void)
{
    static const char *const attrs[] = { "type", "device", "xlink:href", NULL };
    static const char *const children[] = { "source", "target", "q:extra", NULL };
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc =
        testXMLParseOK("<disk type='file' xmlns:xlink='http://www.w3.org/1999/xlink' "
                       "xmlns:q='urn:q' xlink:href='x'>"
                       "<source/> text <!-- c --><target/><q:extra/></disk>",
                       "disk", &ctxt);
    g_autoptr(xmlDoc) bad =
        testXMLParseOK("<disk type='file' cache='none'><source/><driver/></disk>",
                       "disk", NULL);
    g_autoptr(xmlDoc) badns =
        testXMLParseOK("<disk xmlns:q='urn:q' q:type='x'><q:other/></disk>",
                       "disk", NULL);

    g_assert_cmpint(virXMLCheckAttributes(ctxt->node, attrs), ==, 0);
    g_assert_cmpint(virXMLCheckChildren(ctxt->node, children), ==, 0);
    virTestAssertNoError();

    g_assert_cmpint(virXMLCheckAttributes(xmlDocGetRootElement(bad), attrs), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: unsupported attribute 'cache' in element 'disk'");
    g_assert_cmpint(virXMLCheckChildren(xmlDocGetRootElement(bad), children), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: unsupported element 'driver' in element 'disk'");

    g_assert_cmpint(virXMLCheckAttributes(xmlDocGetRootElement(badns), attrs), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: unsupported attribute 'q:type' in element 'disk'");
    g_assert_cmpint(virXMLCheckChildren(xmlDocGetRootElement(badns), children), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: unsupported element 'q:other' in element 'disk'");

    g_assert_cmpint(virXMLCheckAttributes(xmlDocGetRootElement(bad), NULL), ==, -1);
    virTestAssertLastError(VIR_ERR_XML_ERROR, VIR_FROM_XML,
                           "XML error: unsupported attribute 'type' in element 'disk'");
}


static void
testXMLFormatElement(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAdjustIndent(&buf, 2);
    virBufferSetIndent(&children, 4);

    /* Nothing at all when both are empty. */
    virXMLFormatElement(&buf, "empty", &attrs, &children);
    virXMLFormatElement(&buf, "empty", NULL, NULL);
    g_assert_cmpuint(virBufferUse(&buf), ==, 0);

    virXMLFormatElementEmpty(&buf, "always", &attrs, NULL);

    virBufferEscapeString(&attrs, " file='%s'", "/a&b");
    virXMLFormatElement(&buf, "source", &attrs, &children);
    g_assert_cmpuint(virBufferUse(&attrs), ==, 0);

    virBufferAddLit(&attrs, " type='file'");
    virBufferAddLit(&children, "<target dev='vda'/>\n");
    virXMLFormatElement(&buf, "disk", &attrs, &children);
    g_assert_cmpuint(virBufferUse(&children), ==, 0);
    /* The child buffer keeps its indent for the next element. */
    g_assert_cmpint(virBufferGetIndent(&children), ==, 4);

    virBufferAddLit(&children, "<x/>\n");
    virXMLFormatElement(&buf, "plain", NULL, &children);

    out = virBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==,
                    "  <always/>\n"
                    "  <source file='/a&amp;b'/>\n"
                    "  <disk type='file'>\n"
                    "    <target dev='vda'/>\n"
                    "  </disk>\n"
                    "  <plain>\n"
                    "    <x/>\n"
                    "  </plain>\n");
}


static void
testXMLFormatNodeIndented(void)
{
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlDoc) doc =
        testXMLParseOK("<domainsnapshot>\n"
                       "  <name>s1</name>\n"
                       "  <domain type='kvm'>\n"
                       "    <name>vm&amp;1</name>\n"
                       "\n"
                       "    <devices>\n"
                       "      <disk/>\n"
                       "    </devices>\n"
                       "    <!-- note -->\n"
                       "    <metadata><app:x xmlns:app=\"urn:a\" app:k=\"it's\"/></metadata>\n"
                       "    <description><![CDATA[a<b]]></description>\n"
                       "  </domain>\n"
                       "</domainsnapshot>\n",
                       "domainsnapshot", &ctxt);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferSetIndent(&buf, 4);
    g_assert_cmpint(virXMLFormatNodeIndented(&buf, virXPathNode("./domain", ctxt)), ==, 0);
    out = virBufferContentAndReset(&buf);
    g_assert_cmpstr(out, ==,
                    "    <domain type='kvm'>\n"
                    "      <name>vm&amp;1</name>\n"
                    "\n"
                    "      <devices>\n"
                    "        <disk/>\n"
                    "      </devices>\n"
                    "      <!-- note -->\n"
                    "      <metadata><app:x xmlns:app='urn:a' app:k='it&apos;s'/></metadata>\n"
                    "      <description><![CDATA[a<b]]></description>\n"
                    "    </domain>\n");

    g_assert_cmpint(virXMLFormatNodeIndented(&buf, xmlDocGetRootElement(doc)->children), ==, -1);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML,
                           "internal error: only an element can be formatted");
}


static void
testXMLValidateSchema(void)
{
    g_autofree char *rng = virTestUtilDataPath("xml-schema.rng");
    g_autofree char *good = virTestUtilDataPath("xml-valid.xml");
    g_autofree char *bad = virTestUtilDataPath("xml-invalid.xml");
    g_autofree char *missing = virTestUtilDataPath("no-such.rng");
    g_autoptr(xmlDoc) gooddoc = virXMLParse(good, NULL, NULL, "disk", NULL, VIR_FROM_TEST);
    g_autoptr(xmlDoc) baddoc = virXMLParse(bad, NULL, NULL, "disk", NULL, VIR_FROM_TEST);
    virError *err;

    g_assert_nonnull(gooddoc);
    g_assert_nonnull(baddoc);
    g_assert_cmpint(virXMLValidateAgainstSchema(rng, gooddoc), ==, 0);
    virTestAssertNoError();

    g_assert_cmpint(virXMLValidateAgainstSchema(rng, baddoc), ==, -1);
    err = virErrorGetLast();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, VIR_ERR_XML_INVALID_SCHEMA);
    g_assert_true(g_str_has_prefix(err->message,
                                   "XML document failed to validate against schema: Unable to validate doc against "));
    g_assert_nonnull(strstr(err->message, "\nElement disk"));
    virErrorResetLast();

    g_assert_cmpint(virXMLValidateAgainstSchema(missing, gooddoc), ==, -1);
    err = virErrorGetLast();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, VIR_ERR_INTERNAL_ERROR);
    virErrorResetLast();
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/util/xml/parse/good", testXMLParseGood);
    for (i = 0; i < G_N_ELEMENTS(testXMLSyntaxCases); i++) {
        g_autofree char *name = g_strdup_printf("/util/xml/parse/syntax/%zu", i);

        g_test_add_data_func(name, &testXMLSyntaxCases[i], testXMLParseSyntax);
    }
    g_test_add_func("/util/xml/parse/silent", testXMLParseSilent);
    g_test_add_func("/util/xml/parse/file", testXMLParseFile);
    g_test_add_func("/util/xml/parse/root", testXMLParseRoot);
    g_test_add_func("/util/xml/parse/no-external", testXMLParseNoExternal);
    g_test_add_func("/util/xml/xpath/values", testXPathValues);
    g_test_add_func("/util/xml/xpath/nodes", testXPathNodes);
    g_test_add_func("/util/xml/xpath/autorestore", testXPathAutoRestore);
    g_test_add_func("/util/xml/prop/numbers", testXMLPropNumbers);
    g_test_add_func("/util/xml/prop/enums", testXMLPropEnums);
    g_test_add_func("/util/xml/prop/strings", testXMLPropStrings);
    g_test_add_func("/util/xml/check-strict", testXMLCheckStrict);
    g_test_add_func("/util/xml/format/element", testXMLFormatElement);
    g_test_add_func("/util/xml/format/node-indented", testXMLFormatNodeIndented);
    g_test_add_func("/util/xml/validate", testXMLValidateSchema);

    return g_test_run();
}
