/*
 * virsh-domain-blk.c: the block device commands of the Domain Monitoring
 * group: domblklist, domblkinfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virsh-domain.h"

/**
 * virshPrettyCapacity:
 * @val: a size in bytes
 * @unit: set to the binary unit the result is in ("B", "KiB" ... "EiB")
 *
 * Scales @val to the largest unit that keeps it at 1 or more, as virsh
 * prints sizes for humans ("64.000 MiB").
 *
 * Returns the scaled value.
 */
double
virshPrettyCapacity(unsigned long long val, const char **unit)
{
    static const char *const units[] = {
        "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
    };
    double scaled = val;
    size_t i = 0;

    while (i + 1 < G_N_ELEMENTS(units) && scaled >= 1024) {
        scaled /= 1024;
        i++;
    }
    *unit = units[i];
    return scaled;
}


/* The domain's XML as a document, live or as defined; NULL after
 * reporting. */
static xmlDocPtr
virshDomainXMLDoc(vshControl *ctl, virDomainPtr dom, bool inactive)
{
    g_autofree char *xml = NULL;
    xmlDocPtr doc;

    if (!(xml = virDomainGetXMLDesc(dom, inactive ? VIR_DOMAIN_XML_INACTIVE : 0)))
        return NULL;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING))) {
        vshError(ctl, "%s", "Failed to parse domain description xml");
        return NULL;
    }
    return doc;
}


/* The string value of @expr relative to @node, or NULL when empty. */
static char *
virshNodeString(xmlXPathContextPtr xpath, xmlNodePtr node, const char *expr)
{
    g_autoptr(xmlXPathObject) obj = NULL;

    xpath->node = node;
    if (!(obj = xmlXPathEvalExpression(BAD_CAST expr, xpath)) ||
        obj->type != XPATH_STRING || !obj->stringval || !obj->stringval[0])
        return NULL;
    return g_strdup((const char *)obj->stringval);
}


/* Whether the boolean @expr holds relative to @node. */
static bool
virshNodeHas(xmlXPathContextPtr xpath, xmlNodePtr node, const char *expr)
{
    g_autoptr(xmlXPathObject) obj = NULL;

    xpath->node = node;
    obj = xmlXPathEvalExpression(BAD_CAST expr, xpath);
    return obj && obj->type == XPATH_BOOLEAN && obj->boolval;
}


/* What domblklist shows as a disk's source: a path, a network name, or
 * pool/volume; NULL when the disk has none. */
static char *
virshDiskSource(xmlXPathContextPtr xpath, xmlNodePtr disk)
{
    g_autofree char *pool = NULL;
    g_autofree char *volume = NULL;
    char *source;

    if ((source = virshNodeString(xpath, disk,
                                  "string(./source/@file|./source/@dev|"
                                  "./source/@dir|./source/@name)")))
        return source;
    pool = virshNodeString(xpath, disk, "string(./source/@pool)");
    volume = virshNodeString(xpath, disk, "string(./source/@volume)");
    if (pool && volume)
        return g_strdup_printf("%s/%s", pool, volume);
    return NULL;
}


/* The <disk> elements of @doc; NULL after reporting. */
static xmlXPathObjectPtr
virshDomainDisks(vshControl *ctl, xmlXPathContextPtr xpath)
{
    xmlXPathObjectPtr disks;

    xpath->node = xmlDocGetRootElement(xpath->doc);
    if (!(disks = xmlXPathEvalExpression(BAD_CAST "/domain/devices/disk", xpath)) ||
        disks->type != XPATH_NODESET) {
        vshError(ctl, "%s", "unable to query block list details");
        xmlXPathFreeObject(disks);
        return NULL;
    }
    return disks;
}


const vshCmdOptDef virshOptsDomblklist[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "inactive",
     .type = VSH_OT_BOOL,
     .help = "list the disks of the definition, not of the running domain"},
    {.name = "details",
     .type = VSH_OT_BOOL,
     .help = "add each disk's type and device columns"},
    {.name = NULL}
};

bool
virshCmdDomblklist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) xpath = NULL;
    g_autoptr(xmlXPathObject) disks = NULL;
    g_autoptr(vshTable) table = NULL;
    bool details = vshCommandOptBool(cmd, "details");
    int i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(doc = virshDomainXMLDoc(ctl, dom, vshCommandOptBool(cmd, "inactive"))) ||
        !(xpath = xmlXPathNewContext(doc)) ||
        !(disks = virshDomainDisks(ctl, xpath)))
        return false;

    if (details)
        table = vshTableNew("Type", "Device", "Target", "Source", NULL);
    else
        table = vshTableNew("Target", "Source", NULL);

    for (i = 0; disks->nodesetval && i < disks->nodesetval->nodeNr; i++) {
        xmlNodePtr disk = disks->nodesetval->nodeTab[i];
        g_autofree char *type = virshNodeString(xpath, disk, "string(./@type)");
        g_autofree char *device = virshNodeString(xpath, disk, "string(./@device)");
        g_autofree char *target = virshNodeString(xpath, disk, "string(./target/@dev)");
        g_autofree char *source = virshDiskSource(xpath, disk);

        if (!target) {
            vshError(ctl, "%s", "unable to query block list details");
            return false;
        }
        if (details)
            vshTableRowAppend(table, NULLSTR(type), device ? device : "disk",
                              target, source ? source : "-", NULL);
        else
            vshTableRowAppend(table, target, source ? source : "-", NULL);
    }

    vshTablePrintToStdout(table, ctl);
    return true;
}


/* The three sizes as domblkinfo prints them: "-" when the disk gave
 * none, bytes, or scaled for --human. */
static void
virshBlkinfoStrings(const virDomainBlockInfo *info, bool human, char **out)
{
    unsigned long long vals[3] = { info->capacity, info->allocation, info->physical };
    size_t i;

    for (i = 0; i < 3; i++) {
        const char *unit;
        double scaled;

        if (!vals[0] && !vals[1] && !vals[2]) {
            out[i] = g_strdup("-");
        } else if (human) {
            scaled = virshPrettyCapacity(vals[i], &unit);
            out[i] = g_strdup_printf("%.3lf %s", scaled, unit);
        } else {
            out[i] = g_strdup_printf("%llu", vals[i]);
        }
    }
}


/* One row of domblkinfo --all.  A disk without a source has no sizes;
 * neither has a network disk of an inactive domain, whose driver cannot
 * reach it (the storage error is dropped, as virsh does). */
static bool
virshBlkinfoRow(vshControl *ctl, virDomainPtr dom, xmlXPathContextPtr xpath,
                xmlNodePtr disk, bool human, bool active, vshTable *table)
{
    g_autofree char *target = virshNodeString(xpath, disk, "string(./target/@dev)");
    g_autofree char *protocol = virshNodeString(xpath, disk, "string(./source/@protocol)");
    virDomainBlockInfo info = { 0 };
    char *cols[3];
    size_t i;

    if (!target) {
        vshError(ctl, "%s", "unable to query block list details");
        return false;
    }
    if (virshNodeHas(xpath, disk, "boolean(./source)") &&
        virDomainGetBlockInfo(dom, target, &info, 0) < 0) {
        if (!protocol || active || vshLastErrorCode() != VIR_ERR_INTERNAL_ERROR)
            return false;
        memset(&info, 0, sizeof(info));
        vshResetLibvirtError();
    }

    virshBlkinfoStrings(&info, human, cols);
    vshTableRowAppend(table, target, cols[0], cols[1], cols[2], NULL);
    for (i = 0; i < 3; i++)
        g_free(cols[i]);
    return true;
}


const vshCmdOptDef virshOptsDomblkinfo[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "device",
     .type = VSH_OT_STRING,
     .help = "the disk: its target name or source path"},
    {.name = "human",
     .type = VSH_OT_BOOL,
     .help = "print sizes in binary units rather than bytes"},
    {.name = "all",
     .type = VSH_OT_BOOL,
     .help = "show a table of every disk of the domain"},
    {.name = NULL}
};

bool
virshCmdDomblkinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) xpath = NULL;
    g_autoptr(xmlXPathObject) disks = NULL;
    g_autoptr(vshTable) table = NULL;
    bool human = vshCommandOptBool(cmd, "human");
    const char *device = NULL;
    virDomainBlockInfo info;
    char *cols[3];
    bool active;
    int i;

    VSH_EXCLUSIVE_OPTIONS("all", "device");

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (!vshCommandOptBool(cmd, "all")) {
        if (vshCommandOptStringReq(ctl, cmd, "device", &device) < 0)
            return false;
        if (!device) {
            vshError(ctl, "command '%s' requires <%s> option", "domblkinfo", "device");
            return false;
        }
        if (virDomainGetBlockInfo(dom, device, &info, 0) < 0)
            return false;
        virshBlkinfoStrings(&info, human, cols);
        vshPrint(ctl, "%-15s %s\n", "Capacity:", cols[0]);
        vshPrint(ctl, "%-15s %s\n", "Allocation:", cols[1]);
        vshPrint(ctl, "%-15s %s\n", "Physical:", cols[2]);
        for (i = 0; i < 3; i++)
            g_free(cols[i]);
        return true;
    }

    active = virDomainIsActive(dom) == 1;
    if (!(doc = virshDomainXMLDoc(ctl, dom, false)) ||
        !(xpath = xmlXPathNewContext(doc)) ||
        !(disks = virshDomainDisks(ctl, xpath)))
        return false;

    table = vshTableNew("Target", "Capacity", "Allocation", "Physical", NULL);
    for (i = 0; disks->nodesetval && i < disks->nodesetval->nodeNr; i++) {
        if (!virshBlkinfoRow(ctl, dom, xpath, disks->nodesetval->nodeTab[i],
                             human, active, table))
            return false;
    }
    vshTablePrintToStdout(table, ctl);
    return true;
}
