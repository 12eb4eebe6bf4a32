/*
 * virsh-util.c: what several virsh commands share: finding a domain from
 * what the user typed, state names, reading files and XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "virsh.h"

/**
 * virshDomainFree:
 * @dom: a domain reference or NULL
 *
 * Drops the reference, keeping any error the caller is about to report.
 */
void
virshDomainFree(virDomainPtr dom)
{
    if (dom)
        virDomainFree(dom);
}

/**
 * virshDomainSnapshotFree:
 * @snap: a snapshot reference or NULL
 */
void
virshDomainSnapshotFree(virDomainSnapshotPtr snap)
{
    if (snap)
        virDomainSnapshotFree(snap);
}

/**
 * virshLookupDomainBy:
 * @ctl: the shell
 * @name: what the user typed
 * @flags: virshLookupFlags: which interpretations to try
 *
 * Tries @name as an id (if it is a non-negative number), then as a UUID
 * (if it is as long as one), then as a name.  The library's errors of the
 * attempts are dropped: "failed to get domain" says it all.
 *
 * Returns a new reference, or NULL after reporting.
 */
virDomainPtr
virshLookupDomainBy(vshControl *ctl, const char *name, unsigned int flags)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    virDomainPtr dom = NULL;
    long long id;

    if ((flags & VIRSH_BYID) && vshStrToLongLong(name, &id) == 0 &&
        id >= 0 && id <= G_MAXINT)
        dom = virDomainLookupByID(conn, id);

    if (!dom && (flags & VIRSH_BYUUID) &&
        strlen(name) == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(conn, name);

    if (!dom && (flags & VIRSH_BYNAME))
        dom = virDomainLookupByName(conn, name);

    vshResetLibvirtError();
    if (!dom)
        vshError(ctl, "failed to get domain '%s'", name);
    return dom;
}

/**
 * virshCommandOptDomainBy:
 * @ctl: the shell
 * @cmd: a command with a "domain" option
 * @name: if non-NULL, set to the text given (owned by @cmd)
 * @flags: virshLookupFlags
 *
 * Returns a new reference, or NULL after reporting.
 */
virDomainPtr
virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd,
                        const char **name, unsigned int flags)
{
    const char *value = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "domain", &value) < 0)
        return NULL;
    if (!value) {
        vshError(ctl, "command '%s' requires <%s> option", cmd->def->name,
                 "domain");
        return NULL;
    }
    if (name)
        *name = value;
    return virshLookupDomainBy(ctl, value, flags);
}

/**
 * virshCommandOptDomain:
 * @ctl: the shell
 * @cmd: a command with a "domain" option
 * @name: if non-NULL, set to the text given
 *
 * As virshCommandOptDomainBy(), accepting an id, UUID or name.
 */
virDomainPtr
virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virshCommandOptDomainBy(ctl, cmd, name, VIRSH_BYANY);
}

static const char *const virshStateNames[] = {
    [VIR_DOMAIN_NOSTATE] = "no state",
    [VIR_DOMAIN_RUNNING] = "running",
    [VIR_DOMAIN_BLOCKED] = "idle",
    [VIR_DOMAIN_PAUSED] = "paused",
    [VIR_DOMAIN_SHUTDOWN] = "in shutdown",
    [VIR_DOMAIN_SHUTOFF] = "shut off",
    [VIR_DOMAIN_CRASHED] = "crashed",
    [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
};

/**
 * virshDomainStateToString:
 * @state: a virDomainState
 *
 * Returns the words virsh prints for @state ("shut off").
 */
const char *
virshDomainStateToString(int state)
{
    if (state <= VIR_DOMAIN_NOSTATE || state >= (int)G_N_ELEMENTS(virshStateNames))
        return virshStateNames[VIR_DOMAIN_NOSTATE];
    return virshStateNames[state];
}

/* Reasons, indexed by the virDomain<State>Reason of each state. */
static const char *const virshRunningReasons[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot",
    "unpaused", "migration canceled", "save canceled", "event wakeup",
    "crashed", "post-copy", "post-copy failed",
};
static const char *const virshPausedReasons[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error",
    "watchdog", "from snapshot", "shutting down", "creating snapshot",
    "crashed", "starting up", "post-copy", "post-copy failed", "api error",
};
static const char *const virshShutdownReasons[] = {
    "unknown", "user",
};
static const char *const virshShutoffReasons[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
    "failed", "from snapshot", "daemon",
};
static const char *const virshCrashedReasons[] = {
    "unknown", "panicked",
};

/**
 * virshDomainStateReasonToString:
 * @state: a virDomainState
 * @reason: the reason virDomainGetState gave with it
 *
 * Returns the words virsh prints for the reason, "unknown" when it has
 * none for it.
 */
const char *
virshDomainStateReasonToString(int state, int reason)
{
    const char *const *names = NULL;
    size_t n = 0;

#define VIRSH_REASONS(array) \
    do { names = array; n = G_N_ELEMENTS(array); } while (0)

    switch (state) {
    case VIR_DOMAIN_RUNNING:
        VIRSH_REASONS(virshRunningReasons);
        break;
    case VIR_DOMAIN_PAUSED:
        VIRSH_REASONS(virshPausedReasons);
        break;
    case VIR_DOMAIN_SHUTDOWN:
        VIRSH_REASONS(virshShutdownReasons);
        break;
    case VIR_DOMAIN_SHUTOFF:
        VIRSH_REASONS(virshShutoffReasons);
        break;
    case VIR_DOMAIN_CRASHED:
        VIRSH_REASONS(virshCrashedReasons);
        break;
    default:
        break;
    }
#undef VIRSH_REASONS

    if (reason < 0 || (size_t)reason >= n)
        return "unknown";
    return names[reason];
}

/**
 * virshDomainState:
 * @ctl: the shell
 * @dom: a domain
 * @reason: if non-NULL, set to the reason
 *
 * Returns the virDomainState of @dom, or -1 with the library's error
 * kept for reporting.
 */
int
virshDomainState(vshControl *ctl G_GNUC_UNUSED, virDomainPtr dom, int *reason)
{
    virDomainInfo info;
    int state;

    if (reason)
        *reason = -1;
    if (virDomainGetState(dom, &state, reason, 0) == 0)
        return state;

    /* Drivers older than virDomainGetState still give the state alone. */
    if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return -1;
    vshResetLibvirtError();
    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.state;
}

static xmlXPathObjectPtr
virshXPathEval(const char *xml, const char *expr, xmlDocPtr *docOut)
{
    xmlDocPtr doc;
    xmlXPathContextPtr xpath;
    xmlXPathObjectPtr obj;

    *docOut = NULL;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING)))
        return NULL;
    if (!(xpath = xmlXPathNewContext(doc))) {
        xmlFreeDoc(doc);
        return NULL;
    }
    obj = xmlXPathEvalExpression(BAD_CAST expr, xpath);
    xmlXPathFreeContext(xpath);
    if (!obj) {
        xmlFreeDoc(doc);
        return NULL;
    }
    *docOut = doc;
    return obj;
}

/**
 * virshXPathString:
 * @xml: a document
 * @expr: an XPath expression giving a string ("string(/a/@b)")
 *
 * Returns the string (the caller frees it), or NULL when the document
 * does not parse or the result is empty.
 */
char *
virshXPathString(const char *xml, const char *expr)
{
    xmlDocPtr doc;
    xmlXPathObjectPtr obj = virshXPathEval(xml, expr, &doc);
    char *ret = NULL;

    if (!obj)
        return NULL;
    if (obj->type == XPATH_STRING && obj->stringval && obj->stringval[0])
        ret = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    xmlFreeDoc(doc);
    return ret;
}

/**
 * virshXPathCount:
 * @xml: a document
 * @expr: an XPath expression giving a node set
 *
 * Returns how many nodes it selects, or -1 if the document does not
 * parse.
 */
int
virshXPathCount(const char *xml, const char *expr)
{
    xmlDocPtr doc;
    xmlXPathObjectPtr obj = virshXPathEval(xml, expr, &doc);
    int ret = 0;

    if (!obj)
        return -1;
    if (obj->type == XPATH_NODESET && obj->nodesetval)
        ret = obj->nodesetval->nodeNr;
    xmlXPathFreeObject(obj);
    xmlFreeDoc(doc);
    return ret;
}

/**
 * virshFileRead:
 * @ctl: the shell
 * @path: a file, or "-" for standard input
 *
 * Returns the file's contents (the caller frees them), or NULL after
 * reporting in the words libvirt's file reader uses.
 */
char *
virshFileRead(vshControl *ctl, const char *path)
{
    g_autoptr(GString) data = g_string_new(NULL);
    char buf[8192];
    ssize_t got;
    int fd = 0;

    if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        vshError(ctl, "Failed to open file '%s': %s", path, g_strerror(errno));
        return NULL;
    }

    while ((got = read(fd, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            int saved = errno;

            if (saved == EINTR)
                continue;
            if (fd != 0)
                close(fd);
            vshError(ctl, "Failed to read file '%s': %s", path,
                     g_strerror(saved));
            return NULL;
        }
        g_string_append_len(data, buf, got);
    }
    if (fd != 0)
        close(fd);
    return g_string_free(g_steal_pointer(&data), FALSE);
}

/* One node as XML text, indented as libvirt formats it. */
static char *
virshNodeToString(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(buf, doc, node, 0, 1);
    ret = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

static void
virshDumpXMLWrapped(vshControl *ctl, xmlNodeSetPtr nodes)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "nodes");
    g_autofree char *text = NULL;
    int i;

    xmlDocSetRootElement(doc, root);
    for (i = 0; nodes && i < nodes->nodeNr; i++) {
        xmlNodePtr copy = xmlDocCopyNode(nodes->nodeTab[i], doc, 1);

        if (copy && !xmlAddChild(root, copy))
            xmlFreeNode(copy);
    }
    text = virshNodeToString(doc, root);
    vshPrint(ctl, "%s\n", text);
}

/**
 * virshDumpXML:
 * @ctl: the shell
 * @xml: a document as the library returned it
 * @xpath: if non-NULL, print only the nodes it selects, one per line
 * @wrap: with @xpath, print them as children of one <nodes> element
 *
 * Returns false after reporting a document or expression that does not
 * work.
 */
bool
virshDumpXML(vshControl *ctl, const char *xml, const char *xpath, bool wrap)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlXPathObject) obj = NULL;
    int i;

    if (!xpath) {
        vshPrint(ctl, "%s", xml);
        return true;
    }

    if (!(doc = xmlReadMemory(xml, strlen(xml), "document.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS)) ||
        !(ctxt = xmlXPathNewContext(doc))) {
        vshSetPendingError("internal error: %s", "failed to parse the XML");
        return false;
    }
    /* libxml2 itself prints why an expression does not compile; like
     * virsh we then print nothing more and succeed. */
    if (!(obj = xmlXPathEvalExpression(BAD_CAST xpath, ctxt)))
        return true;
    if (obj->type != XPATH_NODESET) {
        vshSetPendingError("internal error: Incorrect xpath '%s'", xpath);
        return false;
    }

    if (wrap) {
        virshDumpXMLWrapped(ctl, obj->nodesetval);
        return true;
    }
    for (i = 0; obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
        g_autofree char *text = virshNodeToString(doc, obj->nodesetval->nodeTab[i]);

        vshPrint(ctl, "%s\n", text);
    }
    return true;
}
