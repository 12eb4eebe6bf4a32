/*
 * snapshot_conf.c: parse and format domain snapshot XML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virlog.h"
#include "virxml.h"
#include "virstring.h"
#define VIR_SNAPSHOT_CONF_PRIV_H_ALLOW
#include "snapshot_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

VIR_ENUM_IMPL(virDomainSnapshotState, VIR_DOMAIN_SNAPSHOT_LAST,
    [VIR_DOMAIN_SNAPSHOT_NOSTATE] = "nostate",
    [VIR_DOMAIN_SNAPSHOT_RUNNING] = "running",
    [VIR_DOMAIN_SNAPSHOT_BLOCKED] = "blocked",
    [VIR_DOMAIN_SNAPSHOT_PAUSED] = "paused",
    [VIR_DOMAIN_SNAPSHOT_SHUTDOWN] = "shutdown",
    [VIR_DOMAIN_SNAPSHOT_SHUTOFF] = "shutoff",
    [VIR_DOMAIN_SNAPSHOT_CRASHED] = "crashed",
    [VIR_DOMAIN_SNAPSHOT_PMSUSPENDED] = "pmsuspended",
    [VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT] = "disk-snapshot",
);


static long long
virDomainSnapshotRealClock(void)
{
    return g_get_real_time() / G_USEC_PER_SEC;
}

static virDomainSnapshotClockFunc virDomainSnapshotClock = virDomainSnapshotRealClock;

/**
 * virDomainSnapshotSetClock:
 * @now: the clock to use from now on, or NULL for the real one
 *
 * For tests only (snapshot_conf_priv.h); not thread safe.
 */
void
virDomainSnapshotSetClock(virDomainSnapshotClockFunc now)
{
    virDomainSnapshotClock = now ? now : virDomainSnapshotRealClock;
}


static void
virDomainSnapshotDiskDefClear(virDomainSnapshotDiskDef *disk)
{
    g_free(disk->name);
    virStorageSourceFree(disk->src);
    memset(disk, 0, sizeof(*disk));
}


/**
 * virDomainSnapshotDefFree:
 * @def: a snapshot definition, may be NULL
 *
 * Free @def and everything it owns, the saved domains included.
 */
void
virDomainSnapshotDefFree(virDomainSnapshotDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->description);
    g_free(def->parent_name);
    g_free(def->memorysnapshotfile);
    for (i = 0; i < def->ndisks; i++)
        virDomainSnapshotDiskDefClear(&def->disks[i]);
    g_free(def->disks);
    virDomainSnapshotDefClearRevertDisks(def);
    virDomainDefFree(def->dom);
    virDomainDefFree(def->inactiveDom);
    if (def->cookie)
        xmlFreeDoc(def->cookie->doc);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* <disks><disk>                                                      */

static int
virDomainSnapshotDiskDefParseXML(xmlNodePtr node,
                                 virDomainSnapshotDiskDef *disk)
{
    const char *attrs[] = { "name", "snapshot", "type", NULL };
    const char *children[] = { "source", "driver", NULL };
    g_autofree char *type = NULL;
    unsigned int snapshot = 0;
    xmlNodePtr source = NULL;
    xmlNodePtr cur;

    disk->src = virStorageSourceNew();

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if (!(disk->name = virXMLPropString(node, "name"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing name from disk snapshot element"));
        return -1;
    }
    if (virXMLPropEnum(node, "snapshot", virDomainSnapshotLocationTypeFromString,
                       VIR_XML_PROP_NONZERO, &snapshot) < 0)
        return -1;
    disk->snapshot = snapshot;

    if ((type = virXMLPropString(node, "type"))) {
        int val = virStorageTypeFromString(type);

        if (val != VIR_STORAGE_TYPE_FILE && val != VIR_STORAGE_TYPE_BLOCK &&
            val != VIR_STORAGE_TYPE_NETWORK) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported disk snapshot type '%1$s'"), type);
            return -1;
        }
        disk->src->type = val;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "source")) {
            source = cur;
        } else {
            const char *dattrs[] = { "type", NULL };
            g_autofree char *format = NULL;
            int val;

            if (virXMLCheckAttributes(cur, dattrs) < 0 ||
                virXMLCheckChildren(cur, (const char *[]){ NULL }) < 0)
                return -1;
            if ((format = virXMLPropString(cur, "type"))) {
                if ((val = virStorageFileFormatTypeFromString(format)) <= 0) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                   _("unknown disk snapshot driver '%1$s'"), format);
                    return -1;
                }
                disk->src->format = val;
            }
        }
    }

    if (source) {
        if (disk->src->type == VIR_STORAGE_TYPE_NONE)
            disk->src->type = VIR_STORAGE_TYPE_FILE;
        if (virStorageSourceParseSource(source, disk->src,
                                        VIR_DOMAIN_DEF_PARSE_INACTIVE) < 0)
            return -1;
        virStorageSourceNetworkAssignDefaultPorts(disk->src);
        /* a new image can only be an external snapshot */
        if (!disk->snapshot)
            disk->snapshot = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
    }
    return 0;
}


static void
virDomainSnapshotDiskDefFormat(virBuffer *buf,
                               const virDomainSnapshotDiskDef *disk)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferEscapeString(&attrs, " name='%s'", disk->name);
    if (disk->snapshot)
        virBufferAsprintf(&attrs, " snapshot='%s'",
                          virDomainSnapshotLocationTypeToString(disk->snapshot));
    if (disk->src->type)
        virBufferAsprintf(&attrs, " type='%s'",
                          virStorageTypeToString(disk->src->type));

    if (disk->src->format)
        virBufferAsprintf(&children, "<driver type='%s'/>\n",
                          virStorageFileFormatTypeToString(disk->src->format));
    if (disk->src->type)
        virStorageSourceFormatSource(&children, disk->src,
                                     VIR_DOMAIN_DEF_FORMAT_INACTIVE);

    virXMLFormatElement(buf, "disk", &attrs, &children);
}


/* <disks> and <revertDisks> share one shape: @disks and @ndisks are
 * the array the element fills. */
static int
virDomainSnapshotDisksParseXML(xmlNodePtr node,
                               virDomainSnapshotDiskDef **disks,
                               size_t *ndisks,
                               unsigned int flags)
{
    const char *children[] = { "disk", NULL };
    xmlNodePtr cur;
    size_t n = 0;

    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    /* The disk array is sized by this element's children: a second
     * element would index past it. */
    if (*disks) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("element '%1$s' appears more than once in 'domainsnapshot'"),
                       (const char *)node->name);
        return -1;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            n++;
    }
    if (n == 0)
        return 0;
    if (!(flags & VIR_DOMAIN_SNAPSHOT_PARSE_DISKS)) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("unable to handle disk requests in snapshot"));
        return -1;
    }

    *disks = g_new0(virDomainSnapshotDiskDef, n);
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainSnapshotDiskDefParseXML(cur, &(*disks)[(*ndisks)++]) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainSnapshotDisksFormat(virBuffer *buf, const char *element,
                             const virDomainSnapshotDiskDef *disks,
                             size_t ndisks)
{
    size_t i;

    if (!ndisks)
        return;
    virBufferAsprintf(buf, "<%s>\n", element);
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < ndisks; i++)
        virDomainSnapshotDiskDefFormat(buf, &disks[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAsprintf(buf, "</%s>\n", element);
}


/**
 * virDomainSnapshotDefClearRevertDisks:
 * @def: a snapshot definition
 *
 * Drops @def's <revertDisks>: a new snapshot taken from the reverted
 * state, or a revert elsewhere, ends what they recorded.
 */
void
virDomainSnapshotDefClearRevertDisks(virDomainSnapshotDef *def)
{
    size_t i;

    for (i = 0; i < def->nrevertDisks; i++)
        virDomainSnapshotDiskDefClear(&def->revertDisks[i]);
    g_clear_pointer(&def->revertDisks, g_free);
    def->nrevertDisks = 0;
}


/* ------------------------------------------------------------------ */
/* <memory>                                                           */

static int
virDomainSnapshotMemoryParseXML(xmlNodePtr node,
                                virDomainSnapshotDef *def)
{
    const char *attrs[] = { "snapshot", "file", NULL };
    unsigned int snapshot = 0;
    g_autofree char *file = NULL;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, (const char *[]){ NULL }) < 0 ||
        virXMLPropEnum(node, "snapshot", virDomainSnapshotLocationTypeFromString,
                       VIR_XML_PROP_NONZERO, &snapshot) < 0)
        return -1;
    def->memory = snapshot;

    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("'manual' memory snapshot mode not supported"));
        return -1;
    }

    if ((file = virXMLPropString(node, "file"))) {
        if (!def->memory) {
            def->memory = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
        } else if (def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("memory filename '%1$s' requires external snapshot"),
                           file);
            return -1;
        }
        if (!g_path_is_absolute(file)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("memory snapshot file path (%1$s) must be absolute"),
                           file);
            return -1;
        }
    } else if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("external memory snapshots require a filename"));
        return -1;
    }
    def->memorysnapshotfile = g_steal_pointer(&file);
    return 0;
}


static void
virDomainSnapshotMemoryFormat(virBuffer *buf, const virDomainSnapshotDef *def)
{
    if (!def->memory)
        return;
    virBufferAsprintf(buf, "<memory snapshot='%s'",
                      virDomainSnapshotLocationTypeToString(def->memory));
    virBufferEscapeString(buf, " file='%s'", def->memorysnapshotfile);
    virBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* <domainsnapshot>                                                   */

/* The text of an element that may have neither attributes nor children;
 * *@str is NULL when it is empty. */
static int
virDomainSnapshotTextChild(xmlNodePtr node, char **str)
{
    g_free(*str);
    *str = NULL;
    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0 ||
        virXMLCheckChildren(node, (const char *[]){ NULL }) < 0 ||
        !(*str = virXMLNodeContentString(node)))
        return -1;
    if (!**str)
        g_clear_pointer(str, g_free);
    return 0;
}


static int
virDomainSnapshotParseRedefineOnly(xmlNodePtr cur,
                                   virDomainSnapshotDef *def,
                                   xmlDocPtr xml)
{
    const char *name = (const char *)cur->name;
    unsigned int domflags = VIR_DOMAIN_DEF_PARSE_INACTIVE |
                            VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE;

    if (STREQ(name, "state")) {
        g_autofree char *state = NULL;
        int val;

        if (virDomainSnapshotTextChild(cur, &state) < 0)
            return -1;
        if (!state) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing state from existing snapshot"));
            return -1;
        }
        /* "nostate" is a domain state but never a snapshot's */
        if ((val = virDomainSnapshotStateTypeFromString(state)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid state '%1$s' in domain snapshot XML"), state);
            return -1;
        }
        def->state = val;
        return 1;
    }
    if (STREQ(name, "creationTime")) {
        g_autofree char *str = NULL;

        if (virDomainSnapshotTextChild(cur, &str) < 0)
            return -1;
        if (!str || virStrToLong_ll(str, NULL, 10, &def->creationTime) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing creationTime from existing snapshot"));
            return -1;
        }
        return 1;
    }
    if (STREQ(name, "parent")) {
        const char *children[] = { "name", NULL };
        xmlNodePtr pname;

        if (virXMLCheckAttributes(cur, (const char *[]){ NULL }) < 0 ||
            virXMLCheckChildren(cur, children) < 0)
            return -1;
        for (pname = cur->children; pname; pname = pname->next) {
            if (pname->type != XML_ELEMENT_NODE)
                continue;
            if (virDomainSnapshotTextChild(pname, &def->parent_name) < 0)
                return -1;
        }
        return 0;
    }
    if (STREQ(name, "domain")) {
        if (!(def->dom = virDomainDefParseNode(xml, cur, domflags)))
            return -1;
        return 0;
    }
    if (STREQ(name, "inactiveDomain")) {
        if (!(def->inactiveDom = virDomainDefParseNode(xml, cur, domflags)))
            return -1;
        return 0;
    }
    if (STREQ(name, "revertDisks"))
        return virDomainSnapshotDisksParseXML(cur, &def->revertDisks,
                                              &def->nrevertDisks,
                                              VIR_DOMAIN_SNAPSHOT_PARSE_DISKS);
    return 0;
}


static int
virDomainSnapshotDefParseChildren(xmlDocPtr xml,
                                  xmlNodePtr root,
                                  virDomainSnapshotDef *def,
                                  unsigned int flags,
                                  bool *haveState,
                                  bool *haveTime,
                                  bool *haveActive)
{
    const char *redefineOnly[] = { "state", "creationTime", "parent",
                                   "domain", "inactiveDomain", "revertDisks",
                                   NULL };
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (g_strv_contains(redefineOnly, name)) {
            /* the driver fills these in for a new snapshot: ignored */
            if (!(flags & VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE))
                continue;
            rc = virDomainSnapshotParseRedefineOnly(cur, def, xml);
            if (STREQ(name, "state"))
                *haveState = rc > 0;
            else if (STREQ(name, "creationTime"))
                *haveTime = rc > 0;
        } else if (STREQ(name, "name")) {
            rc = virDomainSnapshotTextChild(cur, &def->name);
        } else if (STREQ(name, "description")) {
            rc = virDomainSnapshotTextChild(cur, &def->description);
        } else if (STREQ(name, "memory")) {
            rc = virDomainSnapshotMemoryParseXML(cur, def);
        } else if (STREQ(name, "disks")) {
            rc = virDomainSnapshotDisksParseXML(cur, &def->disks, &def->ndisks,
                                                flags);
        } else if (STREQ(name, "cookie")) {
            if (def->cookie)
                xmlFreeDoc(def->cookie->doc);
            if (!(def->cookie = virDomainXMLNodeCopy(cur)))
                return -1;
        } else if (STREQ(name, "active")) {
            g_autofree char *active = NULL;
            int val;

            if (!(flags & VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL))
                continue;
            if (virDomainSnapshotTextChild(cur, &active) < 0)
                return -1;
            if (!active || virStrToLong_i(active, NULL, 10, &val) < 0) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("Could not find 'active' element"));
                return -1;
            }
            def->current = val != 0;
            *haveActive = true;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


static int
virDomainSnapshotDefPostParse(virDomainSnapshotDef *def,
                              unsigned int flags,
                              bool haveState,
                              bool haveTime,
                              bool haveActive)
{
    if (flags & VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE) {
        if (!def->name) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("a redefined snapshot must have a name"));
            return -1;
        }
        if (!haveState) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing state from existing snapshot"));
            return -1;
        }
        if (!haveTime) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing creationTime from existing snapshot"));
            return -1;
        }
        if (!def->dom)
            VIR_WARN("parsing older snapshot that lacks domain");
        /* metadata older than <memory> says it through the state */
        if (!def->memory)
            def->memory = def->state == VIR_DOMAIN_SNAPSHOT_SHUTOFF ||
                          def->state == VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT ?
                          VIR_DOMAIN_SNAPSHOT_LOCATION_NO :
                          VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;
    } else {
        def->creationTime = virDomainSnapshotClock();
        if (!def->name)
            def->name = g_strdup_printf("%lld", def->creationTime);
    }

    if ((flags & VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE) && def->memory &&
        def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_NO) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("memory state cannot be saved with offline or disk-only snapshot"));
        return -1;
    }

    if ((flags & VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL) && !haveActive) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("Could not find 'active' element"));
        return -1;
    }
    return 0;
}


/**
 * virDomainSnapshotDefParseNode:
 * @xml: the document holding @root
 * @root: the <domainsnapshot> element
 * @flags: virDomainSnapshotParseFlags
 *
 * Parse snapshot XML strictly.  Without REDEFINE, the fields the driver
 * owns (<state>, <creationTime>, <parent>, <domain>, <inactiveDomain>)
 * are ignored as libvirt ignores them, creationTime is now and a missing
 * name is that time in decimal.
 *
 * Returns the new definition (caller frees), or NULL with an error
 * (VIR_FROM_DOMAIN_SNAPSHOT, or the domain's own for <domain>).
 */
virDomainSnapshotDef *
virDomainSnapshotDefParseNode(xmlDocPtr xml,
                              xmlNodePtr root,
                              unsigned int flags)
{
    const char *children[] = { "name", "description", "state", "parent",
                               "creationTime", "memory", "disks",
                               "revertDisks", "domain", "inactiveDomain",
                               "cookie", "active", NULL };
    g_autoptr(virDomainSnapshotDef) def = NULL;
    bool haveState = false;
    bool haveTime = false;
    bool haveActive = false;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                  VIR_DOMAIN_SNAPSHOT_PARSE_DISKS |
                  VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL |
                  VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE, NULL);

    if (!xmlStrEqual(root->name, BAD_CAST "domainsnapshot")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unexpected root element <%1$s>, expecting <domainsnapshot>"),
                       (const char *)root->name);
        return NULL;
    }
    if (virXMLCheckAttributes(root, (const char *[]){ NULL }) < 0 ||
        virXMLCheckChildren(root, children) < 0)
        return NULL;

    def = g_new0(virDomainSnapshotDef, 1);
    if (virDomainSnapshotDefParseChildren(xml, root, def, flags, &haveState,
                                          &haveTime, &haveActive) < 0 ||
        virDomainSnapshotDefPostParse(def, flags, haveState, haveTime,
                                      haveActive) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


static virDomainSnapshotDef *
virDomainSnapshotDefParse(const char *xmlStr,
                          const char *filename,
                          unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(domain_snapshot)"),
                            "domainsnapshot", &ctxt, VIR_FROM_DOMAIN_SNAPSHOT)))
        return NULL;
    return virDomainSnapshotDefParseNode(xml, xmlDocGetRootElement(xml), flags);
}


/**
 * virDomainSnapshotDefParseString:
 * @xml: a <domainsnapshot> document
 * @flags: virDomainSnapshotParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainSnapshotDef *
virDomainSnapshotDefParseString(const char *xml, unsigned int flags)
{
    return virDomainSnapshotDefParse(xml, NULL, flags);
}


/**
 * virDomainSnapshotDefParseFile:
 * @filename: a file holding a <domainsnapshot> document
 * @flags: virDomainSnapshotParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainSnapshotDef *
virDomainSnapshotDefParseFile(const char *filename, unsigned int flags)
{
    return virDomainSnapshotDefParse(NULL, filename, flags);
}


/* ------------------------------------------------------------------ */
/* <cookie>                                                           */

/**
 * virDomainSnapshotDefSetCookieCPU:
 * @def: a snapshot with memory state
 * @dom: the running definition whose memory is saved
 * @defaultModel: the model the hypervisor runs when @dom names none
 *
 * Sets @def's <cookie> to the save cookie libvirt writes for memory
 * snapshots: the guest CPU actually run, as <cpu mode='custom'
 * match='exact' check='full'> with its model and features (or the
 * host-passthrough/maximum mode as is), without topology.  A revert
 * starts the guest with that CPU even if the definition changed.
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainSnapshotDefSetCookieCPU(virDomainSnapshotDef *def,
                                 const virDomainDef *dom,
                                 const char *defaultModel)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *xml = NULL;
    virCPUDef cpu = { .mode = VIR_CPU_MODE_CUSTOM };
    xmlNodePtr cookie;

    if (dom->cpu)
        cpu = *dom->cpu;        /* borrowed: formatted, never freed */
    if (cpu.mode == VIR_CPU_MODE_CUSTOM) {
        cpu.match = VIR_CPU_MATCH_EXACT;
        cpu.check = VIR_CPU_CHECK_FULL;
        cpu.fallback = VIR_CPU_FALLBACK_FORBID;
        if (!cpu.model)
            cpu.model = (char *)defaultModel;
    }
    cpu.sockets = cpu.dies = cpu.cores = cpu.threads = 0;
    cpu.cache = NULL;
    virBufferAddLit(&buf, "<cookie>\n");
    virBufferAdjustIndent(&buf, 2);
    virCPUDefFormatBuf(&buf, &cpu);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</cookie>\n");
    xml = virBufferContentAndReset(&buf);
    if (!(doc = xmlReadMemory(xml, strlen(xml), "cookie.xml", NULL,
                              XML_PARSE_NONET))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("cannot build the snapshot's save cookie"));
        return -1;
    }
    if (!(cookie = virDomainXMLNodeCopy(xmlDocGetRootElement(doc))))
        return -1;
    if (def->cookie)
        xmlFreeDoc(def->cookie->doc);
    def->cookie = cookie;
    return 0;
}


/**
 * virDomainSnapshotDefApplyCookieCPU:
 * @def: a snapshot, with or without <cookie>
 * @dom: the definition a revert starts from the snapshot's memory
 *
 * The memory was saved with the CPU the cookie names: if @dom names
 * another custom model, or none, it gets the cookie's CPU, keeping its
 * own topology.  Nothing changes without a cookie <cpu> model.
 *
 * Returns 0, or -1 with an error (a malformed cookie <cpu>).
 */
int
virDomainSnapshotDefApplyCookieCPU(const virDomainSnapshotDef *def,
                                   virDomainDef *dom)
{
    g_autoptr(virCPUDef) cpu = NULL;
    xmlNodePtr node;

    for (node = def->cookie ? def->cookie->children : NULL; node;
         node = node->next) {
        if (node->type == XML_ELEMENT_NODE &&
            xmlStrEqual(node->name, BAD_CAST "cpu"))
            break;
    }
    if (!node)
        return 0;
    if (virCPUDefParseXML(node, &cpu) < 0)
        return -1;
    if (!cpu || cpu->mode != VIR_CPU_MODE_CUSTOM || !cpu->model ||
        (dom->cpu && STREQ_NULLABLE(dom->cpu->model, cpu->model)))
        return 0;
    if (dom->cpu) {
        cpu->sockets = dom->cpu->sockets;
        cpu->dies = dom->cpu->dies;
        cpu->cores = dom->cpu->cores;
        cpu->threads = dom->cpu->threads;
        virCPUDefFree(dom->cpu);
    }
    dom->cpu = g_steal_pointer(&cpu);
    return 0;
}


/**
 * virDomainSnapshotDefFormat:
 * @def: the snapshot definition
 * @flags: virDomainSnapshotFormatFlags
 *
 * Format @def as libvirt 9.0 does for snapshot-dumpxml, plus <active>
 * with FORMAT_INTERNAL (the driver's metadata file).
 *
 * Returns the document (caller frees); never NULL.
 */
char *
virDomainSnapshotDefFormat(const virDomainSnapshotDef *def,
                           unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    unsigned int domflags = VIR_DOMAIN_DEF_FORMAT_INACTIVE;

    if (flags & VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE)
        domflags |= VIR_DOMAIN_DEF_FORMAT_SECURE;

    virBufferAddLit(&buf, "<domainsnapshot>\n");
    virBufferAdjustIndent(&buf, 2);

    virBufferEscapeString(&buf, "<name>%s</name>\n", def->name);
    virBufferEscapeString(&buf, "<description>%s</description>\n",
                          def->description);
    /* a new snapshot's state is the driver's to fill; until then
     * there is none to write ("nostate" is not a snapshot state) */
    if (def->state != VIR_DOMAIN_SNAPSHOT_NOSTATE)
        virBufferAsprintf(&buf, "<state>%s</state>\n",
                          virDomainSnapshotStateTypeToString(def->state));
    if (def->parent_name) {
        virBufferAddLit(&buf, "<parent>\n");
        virBufferAdjustIndent(&buf, 2);
        virBufferEscapeString(&buf, "<name>%s</name>\n", def->parent_name);
        virBufferAdjustIndent(&buf, -2);
        virBufferAddLit(&buf, "</parent>\n");
    }
    virBufferAsprintf(&buf, "<creationTime>%lld</creationTime>\n",
                      def->creationTime);
    virDomainSnapshotMemoryFormat(&buf, def);

    virDomainSnapshotDisksFormat(&buf, "disks", def->disks, def->ndisks);
    virDomainSnapshotDisksFormat(&buf, "revertDisks", def->revertDisks,
                                 def->nrevertDisks);

    if (def->dom)
        virDomainDefFormatInternal(&buf, def->dom, domflags);
    if (def->inactiveDom)
        virDomainDefFormatInternalSetRootName(&buf, def->inactiveDom,
                                              "inactiveDomain", domflags);
    virDomainXMLNodeFormat(&buf, def->cookie);
    if (flags & VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL)
        virBufferAsprintf(&buf, "<active>%d</active>\n", def->current ? 1 : 0);

    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domainsnapshot>\n");
    return virBufferContentAndReset(&buf);
}
