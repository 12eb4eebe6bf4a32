/*
 * test_config.c: loading a node description (test:///PATH.xml)
 *
 * The format is libvirt's test driver's: a <node> with optional <cpu>
 * and <memory> describing the host, and <domain> elements given inline
 * or as <domain file='relative/or/absolute.xml'/>.  A domain may carry
 * elements of the namespace http://libvirt.org/schemas/domain/test/1.0:
 * <test:runstate> (a virDomainState number, running by default),
 * <test:transient/>, <test:hasmanagedsave/> and <test:domainsnapshot>
 * (a snapshot, inline or with file=).  The other objects such files
 * describe (networks, interfaces, pools, node devices, <auth>) have no
 * driver here yet and are skipped with a debug message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_NAMESPACE_URI "http://libvirt.org/schemas/domain/test/1.0"
#define TEST_CONFIG_MAX_SIZE (10 * 1024 * 1024)

/* What the test namespace says about one domain. */
typedef struct _testDomainNamespace testDomainNamespace;
struct _testDomainNamespace {
    unsigned int runstate;              /* virDomainState */
    bool transient;
    bool hasManagedSave;
    GPtrArray *snapshots;               /* xmlNodePtr <domainsnapshot> */
};

/* Documents of files that <domain file=> and <test:domainsnapshot
 * file=> name: kept until the whole node is loaded. */
typedef struct _testConfigLoad testConfigLoad;
struct _testConfigLoad {
    testDriver *driver;
    const char *path;                   /* the node file, NULL for a string */
    GPtrArray *docs;                    /* xmlDocPtr */
};


static bool
testNodeIsTestElement(xmlNodePtr node)
{
    return node->type == XML_ELEMENT_NODE && node->ns &&
        xmlStrEqual(node->ns->href, BAD_CAST TEST_NAMESPACE_URI);
}


/* A file of the node: one that cannot be read is reported as libvirt
 * does, as a document that does not parse. */
static xmlDocPtr
testConfigParseFile(const char *path)
{
    g_autofree char *xml = NULL;

    if (virFileReadAll(path, TEST_CONFIG_MAX_SIZE, &xml) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("failed to parse xml document '%1$s'"), path);
        return NULL;
    }
    return virXMLParse(NULL, xml, path, NULL, NULL, VIR_FROM_TEST);
}


/* @node itself, or the root of the file its file= attribute names
 * (relative to the node file's directory), which must be @rootName. */
static xmlNodePtr
testConfigResolve(testConfigLoad *load, xmlNodePtr node, const char *rootName)
{
    g_autofree char *file = virXMLPropString(node, "file");
    g_autofree char *absFile = NULL;
    g_autofree char *dir = NULL;
    xmlDocPtr doc;

    if (!file)
        return node;

    if (g_path_is_absolute(file) || !load->path) {
        absFile = g_steal_pointer(&file);
    } else {
        dir = g_path_get_dirname(load->path);
        absFile = g_build_filename(dir, file, NULL);
    }

    if (!(doc = testConfigParseFile(absFile)))
        return NULL;
    if (!xmlStrEqual(xmlDocGetRootElement(doc)->name, BAD_CAST rootName)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("expecting root element of '%1$s', not '%2$s'"),
                       rootName, (const char *)xmlDocGetRootElement(doc)->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    g_ptr_array_add(load->docs, doc);
    return xmlDocGetRootElement(doc);
}


static int
testConfigParseRunstate(xmlNodePtr node, unsigned int *runstate)
{
    g_autofree char *text = virXMLNodeContentString(node);

    if (!text || virStrToLong_ui(text, NULL, 10, runstate) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("invalid runstate"));
        return -1;
    }
    if (*runstate > VIR_DOMAIN_PMSUSPENDED) {
        /* The stray quote is libvirt's. */
        virReportError(VIR_ERR_XML_ERROR, _("runstate '%1$u' out of range'"),
                       *runstate);
        return -1;
    }
    return 0;
}


/* One element of the test namespace, @node, into @ns.  A snapshot is
 * copied into a document of its own: @node is about to be freed. */
static int
testConfigTakeElement(testConfigLoad *load,
                      xmlNodePtr node,
                      testDomainNamespace *ns)
{
    xmlDocPtr holder;
    xmlNodePtr snap;

    if (xmlStrEqual(node->name, BAD_CAST "runstate"))
        return testConfigParseRunstate(node, &ns->runstate);
    if (xmlStrEqual(node->name, BAD_CAST "transient")) {
        ns->transient = true;
        return 0;
    }
    if (xmlStrEqual(node->name, BAD_CAST "hasmanagedsave")) {
        ns->hasManagedSave = true;
        return 0;
    }
    if (!xmlStrEqual(node->name, BAD_CAST "domainsnapshot")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unsupported element 'test:%1$s' in domain"),
                       (const char *)node->name);
        return -1;
    }

    holder = xmlNewDoc(BAD_CAST "1.0");
    g_ptr_array_add(load->docs, holder);
    snap = xmlDocCopyNode(node, holder, 1);
    xmlDocSetRootElement(holder, snap);
    if (!(snap = testConfigResolve(load, snap, "domainsnapshot")))
        return -1;
    g_ptr_array_add(ns->snapshots, snap);
    return 0;
}


/* Take the test namespace's elements out of the <domain> @root (so that
 * the strict domain parser does not see them) into @ns. */
static int
testConfigTakeNamespace(testConfigLoad *load,
                        xmlNodePtr root,
                        testDomainNamespace *ns)
{
    xmlNodePtr cur = root->children;

    ns->runstate = VIR_DOMAIN_RUNNING;
    while (cur) {
        xmlNodePtr next = cur->next;

        if (testNodeIsTestElement(cur)) {
            int rc = testConfigTakeElement(load, cur, ns);

            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
            if (rc < 0)
                return -1;
        }
        cur = next;
    }

    if (ns->transient && ns->runstate == VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("transient domain cannot have runstate 'shutoff'"));
        return -1;
    }
    if (ns->hasManagedSave && ns->runstate != VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("domain with managedsave data can only have runstate 'shutoff'"));
        return -1;
    }
    return 0;
}


/* Put a freshly added domain in the state the namespace asked for:
 * running domains get an id; the state reason is unknown, as libvirt's. */
static int
testConfigApplyState(testConfigLoad *load,
                     virDomainObj *obj,
                     const testDomainNamespace *ns)
{
    obj->persistent = !ns->transient;
    obj->hasManagedSave = ns->hasManagedSave;

    if (testDomainSnapshotLoad(obj, (xmlNodePtr *)ns->snapshots->pdata,
                               ns->snapshots->len) < 0)
        return -1;

    if (ns->runstate != VIR_DOMAIN_SHUTOFF) {
        if (testDomainStartState(load->driver, obj, VIR_DOMAIN_RUNNING_BOOTED) < 0)
            return -1;
    } else {
        testDomainShutdownState(NULL, obj, 0);
    }
    virDomainObjSetState(obj, ns->runstate, 0);
    return 0;
}


static int
testConfigLoadDomain(testConfigLoad *load, xmlNodePtr node)
{
    g_autoptr(GPtrArray) snapshots = g_ptr_array_new();
    testDomainNamespace ns = { .snapshots = snapshots };
    g_autoptr(virDomainDef) def = NULL;
    virDomainObj *obj;
    xmlNodePtr root;
    int ret;

    if (!(root = testConfigResolve(load, node, "domain")))
        return -1;
    if (testConfigTakeNamespace(load, root, &ns) < 0)
        return -1;

    if (!(def = virDomainDefParseNode(root->doc, root,
                                      VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        testDomainDefPostParse(def) < 0)
        return -1;

    if (!(obj = virDomainObjListAdd(load->driver->domains, &def, 0, NULL)))
        return -1;

    ret = testConfigApplyState(load, obj, &ns);
    virDomainObjEndAPI(&obj);
    return ret;
}


static int
testConfigParseNodeLong(xmlXPathContextPtr ctxt,
                        const char *xpath,
                        const char *what,
                        unsigned long *value)
{
    long l;
    int rc = virXPathLong(xpath, ctxt, &l);

    if (rc == -1)
        return 0;
    if (rc < 0 || l < 0) {
        virReportError(VIR_ERR_XML_ERROR, _("invalid node %1$s value"), what);
        return -1;
    }
    *value = l;
    return 1;
}


/* <cpu> and <memory>, over libvirt's default node; the CPU count is the
 * topology's product, lowered by <active>. */
static int
testConfigParseNodeInfo(virNodeInfo *info, xmlXPathContextPtr ctxt)
{
    unsigned long nodes = info->nodes;
    unsigned long sockets = info->sockets;
    unsigned long cores = info->cores;
    unsigned long threads = info->threads;
    unsigned long active = 0;
    unsigned long mhz = info->mhz;
    unsigned long memory = info->memory;
    g_autofree char *model = NULL;
    int hasActive;

    if (testConfigParseNodeLong(ctxt, "string(/node/cpu/nodes[1])",
                                "cpu nodes", &nodes) < 0 ||
        testConfigParseNodeLong(ctxt, "string(/node/cpu/sockets[1])",
                                "cpu sockets", &sockets) < 0 ||
        testConfigParseNodeLong(ctxt, "string(/node/cpu/cores[1])",
                                "cpu cores", &cores) < 0 ||
        testConfigParseNodeLong(ctxt, "string(/node/cpu/threads[1])",
                                "cpu threads", &threads) < 0 ||
        (hasActive = testConfigParseNodeLong(ctxt, "string(/node/cpu/active[1])",
                                             "cpu active", &active)) < 0 ||
        testConfigParseNodeLong(ctxt, "string(/node/cpu/mhz[1])",
                                "cpu mhz", &mhz) < 0 ||
        testConfigParseNodeLong(ctxt, "string(/node/memory[1])",
                                "memory", &memory) < 0)
        return -1;

    info->nodes = nodes;
    info->sockets = sockets;
    info->cores = cores;
    info->threads = threads;
    info->cpus = nodes * sockets * cores * threads;
    if (hasActive && active < info->cpus)
        info->cpus = active;
    info->mhz = mhz;
    info->memory = memory;

    if ((model = virXPathString("string(/node/cpu/model[1])", ctxt))) {
        if (strlen(model) >= sizeof(info->model)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Model %1$s too big for destination"), model);
            return -1;
        }
        g_strlcpy(info->model, model, sizeof(info->model));
    }
    return 0;
}


/* Children of <node> that name objects other drivers would serve. */
static const char *const testConfigSkipped[] = {
    "network", "interface", "pool", "device", "auth", NULL,
};


static int
testConfigLoadDoc(testConfigLoad *load, xmlDocPtr doc, xmlXPathContextPtr ctxt)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr cur;

    if (!xmlStrEqual(root->name, BAD_CAST "node")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("expecting root element of '%1$s', not '%2$s'"),
                       "node", (const char *)root->name);
        return -1;
    }

    if (testConfigParseNodeInfo(&load->driver->nodeInfo, ctxt) < 0)
        return -1;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "domain")) {
            if (testConfigLoadDomain(load, cur) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "cpu") ||
                   xmlStrEqual(cur->name, BAD_CAST "memory")) {
            continue;
        } else if (g_strv_contains(testConfigSkipped, (const char *)cur->name)) {
            VIR_DEBUG("%s: skipping <%s>: no such driver in the test plugin",
                      NULLSTR(load->path), (const char *)cur->name);
        } else {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported element '%1$s' in element 'node'"),
                           (const char *)cur->name);
            return -1;
        }
    }
    return 0;
}


static int
testConfigLoadDocument(testDriver *driver, const char *path, xmlDocPtr doc)
{
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func((GDestroyNotify)xmlFreeDoc);
    testConfigLoad load = { driver, path, docs };
    g_autoptr(xmlXPathContext) ctxt = xmlXPathNewContext(doc);

    if (!ctxt) {
        virReportError(VIR_ERR_NO_MEMORY, "%s", _("cannot create an XPath context"));
        return -1;
    }
    ctxt->node = xmlDocGetRootElement(doc);
    return testConfigLoadDoc(&load, doc, ctxt);
}


/**
 * testDriverLoadFile:
 * @driver: a new driver state
 * @path: the node file, as the URI gives it
 *
 * Returns 0, or -1 with libvirt's errors: VIR_ERR_XML_ERROR "failed to
 * parse xml document" for a file that cannot be read, VIR_ERR_XML_DETAIL
 * for one that is not XML, the domain parser's errors for its domains.
 */
int
testDriverLoadFile(testDriver *driver, const char *path)
{
    g_autoptr(xmlDoc) doc = testConfigParseFile(path);

    if (!doc)
        return -1;
    return testConfigLoadDocument(driver, path, doc);
}


/**
 * testDriverLoadString:
 * @driver: a new driver state
 * @xml: a <node> document; file= references are taken as they are
 *
 * Returns 0, or -1 with an error set.
 */
int
testDriverLoadString(testDriver *driver, const char *xml)
{
    g_autoptr(xmlDoc) doc = virXMLParse(NULL, xml, "(test driver)", NULL,
                                        NULL, VIR_FROM_TEST);

    if (!doc)
        return -1;
    return testConfigLoadDocument(driver, NULL, doc);
}
