/*
 * virsh-domain-monitor.c: commands that show domains: list, dominfo,
 * domstate
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>

#include "virsh.h"
#include "virsh-domain.h"

static const vshCmdOptDef virshOptsDominfo[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = NULL}
};

/* The lines of dominfo that come from the host's security driver; they
 * are left out when the driver has none. */
static bool
virshDominfoSecurity(vshControl *ctl, virDomainPtr dom)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    virSecurityModel model = { 0 };
    virSecurityLabel label = { 0 };

    if (virNodeGetSecurityModel(conn, &model) < 0) {
        if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLibvirtError();
        return true;
    }
    if (!model.model[0])
        return true;

    vshPrint(ctl, "%-15s %s\n", "Security model:", model.model);
    vshPrint(ctl, "%-15s %s\n", "Security DOI:", model.doi);

    if (virDomainGetSecurityLabel(dom, &label) < 0)
        return false;
    if (label.label[0])
        vshPrint(ctl, "%-15s %s (%s)\n", "Security label:", label.label,
                 label.enforcing ? "enforcing" : "permissive");
    return true;
}

static bool
virshCmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *osType = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    unsigned int id;
    int persistent;
    int autostart;
    int managed;
    bool ret = true;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        vshPrint(ctl, "%-15s %d\n", "Id:", id);
    vshPrint(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));

    if (virDomainGetUUIDString(dom, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);

    if ((osType = virDomainGetOSType(dom)))
        vshPrint(ctl, "%-15s %s\n", "OS Type:", osType);

    if (virDomainGetInfo(dom, &info) == 0) {
        vshPrint(ctl, "%-15s %s\n", "State:",
                 virshDomainStateToString(info.state));
        vshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
        if (info.cpuTime != 0)
            vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:",
                     info.cpuTime / 1000000000.0);
        if (info.maxMem != UINT_MAX)
            vshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            vshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");
        vshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    } else {
        ret = false;
    }

    persistent = virDomainIsPersistent(dom);
    if (persistent < 0)
        vshPrint(ctl, "%-15s %s\n", "Persistent:", "unknown");
    else
        vshPrint(ctl, "%-15s %s\n", "Persistent:", persistent ? "yes" : "no");

    if (virDomainGetAutostart(dom, &autostart) == 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:",
                 autostart ? "enable" : "disable");

    managed = virDomainHasManagedSaveImage(dom, 0);
    if (managed < 0)
        vshPrint(ctl, "%-15s %s\n", "Managed save:", "unknown");
    else
        vshPrint(ctl, "%-15s %s\n", "Managed save:", managed ? "yes" : "no");

    if (!virshDominfoSecurity(ctl, dom))
        return false;
    return ret;
}

static const vshCmdOptDef virshOptsDomstate[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "reason",
     .type = VSH_OT_BOOL,
     .help = "also say why the domain is in that state"},
    {.name = NULL}
};

static bool
virshCmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    int state;
    int reason;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if ((state = virshDomainState(ctl, dom, &reason)) < 0)
        return false;

    if (vshCommandOptBool(cmd, "reason"))
        vshPrint(ctl, "%s (%s)\n", virshDomainStateToString(state),
                 virshDomainStateReasonToString(state, reason));
    else
        vshPrint(ctl, "%s\n", virshDomainStateToString(state));
    return true;
}

static const vshCmdOptDef virshOptsList[] = {
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "show the inactive domains instead of the running ones"},
    {.name = "all", .type = VSH_OT_BOOL,
     .help = "show both active and inactive domains"},
    {.name = "transient", .type = VSH_OT_BOOL,
     .help = "only domains without a persistent definition"},
    {.name = "persistent", .type = VSH_OT_BOOL,
     .help = "only domains with a persistent definition"},
    {.name = "with-snapshot", .type = VSH_OT_BOOL,
     .help = "only domains that have snapshots"},
    {.name = "without-snapshot", .type = VSH_OT_BOOL,
     .help = "only domains that have no snapshot"},
    {.name = "with-checkpoint", .type = VSH_OT_BOOL,
     .help = "only domains that have checkpoints"},
    {.name = "without-checkpoint", .type = VSH_OT_BOOL,
     .help = "only domains that have no checkpoint"},
    {.name = "state-running", .type = VSH_OT_BOOL,
     .help = "only running domains"},
    {.name = "state-paused", .type = VSH_OT_BOOL,
     .help = "only paused domains"},
    {.name = "state-shutoff", .type = VSH_OT_BOOL,
     .help = "only shut off domains"},
    {.name = "state-other", .type = VSH_OT_BOOL,
     .help = "only domains in any other state"},
    {.name = "autostart", .type = VSH_OT_BOOL,
     .help = "only domains started with the host"},
    {.name = "no-autostart", .type = VSH_OT_BOOL,
     .help = "only domains not started with the host"},
    {.name = "with-managed-save", .type = VSH_OT_BOOL,
     .help = "only domains with a managed save image"},
    {.name = "without-managed-save", .type = VSH_OT_BOOL,
     .help = "only domains without a managed save image"},
    {.name = "uuid", .type = VSH_OT_BOOL,
     .help = "print UUIDs instead of a table"},
    {.name = "name", .type = VSH_OT_BOOL,
     .help = "print names instead of a table"},
    {.name = "id", .type = VSH_OT_BOOL,
     .help = "print the ids of running domains instead of a table"},
    {.name = "table", .type = VSH_OT_BOOL,
     .help = "print a table, which is what happens anyway"},
    {.name = "managed-save", .type = VSH_OT_BOOL,
     .help = "show 'saved' as the state of shut off domains with a managed save image"},
    {.name = "title", .type = VSH_OT_BOOL,
     .help = "add a column with each domain's title"},
    {.name = NULL}
};

/* Options of list that each add one filter flag. */
static const struct {
    const char *option;
    unsigned int flag;
} virshListFilters[] = {
    {"persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT},
    {"transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT},
    {"with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE},
    {"without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE},
    {"autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART},
    {"no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART},
    {"with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT},
    {"without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT},
    {"with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT},
    {"without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT},
    {"state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING},
    {"state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED},
    {"state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF},
    {"state-other", VIR_CONNECT_LIST_DOMAINS_OTHER},
};

/* Running domains by id, then the others by name ignoring case, as
 * virsh orders them. */
static int
virshDomainSorter(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr const *)a;
    virDomainPtr db = *(virDomainPtr const *)b;
    unsigned int ida = virDomainGetID(da);
    unsigned int idb = virDomainGetID(db);
    unsigned int inactive = (unsigned int)-1;

    if (ida == inactive && idb == inactive)
        return g_ascii_strcasecmp(virDomainGetName(da), virDomainGetName(db));
    if (ida != inactive && idb != inactive)
        return ida < idb ? -1 : ida > idb;
    return ida != inactive ? -1 : 1;
}

static unsigned int
virshListFlags(const vshCmd *cmd)
{
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    size_t i;

    if (vshCommandOptBool(cmd, "inactive") ||
        vshCommandOptBool(cmd, "state-shutoff"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE |
            VIR_CONNECT_LIST_DOMAINS_INACTIVE;

    for (i = 0; i < G_N_ELEMENTS(virshListFilters); i++) {
        if (vshCommandOptBool(cmd, virshListFilters[i].option))
            flags |= virshListFilters[i].flag;
    }
    return flags;
}

/* The title of @dom, "" when it has none; NULL after an error. */
static char *
virshDomainTitle(virDomainPtr dom)
{
    g_autofree char *xml = NULL;
    char *title;

    if ((title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0)))
        return title;
    if (vshLastErrorCode() == VIR_ERR_NO_DOMAIN_METADATA) {
        vshResetLibvirtError();
        return g_strdup("");
    }
    if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return NULL;

    /* A driver without the metadata API still has the title in the XML. */
    vshResetLibvirtError();
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return NULL;
    title = virshXPathString(xml, "string(/domain/title[1])");
    return title ? title : g_strdup("");
}

static bool
virshListAddRow(vshControl *ctl, vshTable *table, virDomainPtr dom,
                const char *id, bool managed, bool withTitle)
{
    g_autofree char *title = NULL;
    const char *stateName;
    int state = virshDomainState(ctl, dom, NULL);

    /* The domain went away since the list was taken. */
    if (state < 0) {
        vshResetLibvirtError();
        return true;
    }

    stateName = virshDomainStateToString(state);
    if (managed && state == VIR_DOMAIN_SHUTOFF &&
        virDomainHasManagedSaveImage(dom, 0) > 0)
        stateName = "saved";

    if (!withTitle)
        return vshTableRowAppend(table, id, virDomainGetName(dom),
                                 stateName, NULL) == 0;

    if (!(title = virshDomainTitle(dom)))
        return false;
    return vshTableRowAppend(table, id, virDomainGetName(dom), stateName,
                             title, NULL) == 0;
}

/* One line of list --uuid/--id/--name: the fields asked for, in that
 * order.  Inactive domains have no id to list on their own. */
static bool
virshListPrintLine(vshControl *ctl, virDomainPtr dom, const char *id,
                   bool optUUID, bool optID, bool optName)
{
    g_autoptr(GString) line = g_string_new(NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (optUUID) {
        if (virDomainGetUUIDString(dom, uuid) < 0) {
            vshError(ctl, "%s", "Failed to get domain's UUID");
            return false;
        }
        g_string_append(line, uuid);
    }
    if (optID) {
        if (strcmp(id, "-") == 0 && !optUUID && !optName)
            return true;
        g_string_append_printf(line, "%s%s", line->len ? " " : "", id);
    }
    if (optName)
        g_string_append_printf(line, "%s%s", optUUID || optID ? " " : "",
                               virDomainGetName(dom));
    vshPrint(ctl, "%s\n", line->str);
    return true;
}

static bool
virshCmdList(vshControl *ctl, const vshCmd *cmd)
{
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optName = vshCommandOptBool(cmd, "name");
    bool optID = vshCommandOptBool(cmd, "id");
    bool optTable = vshCommandOptBool(cmd, "table");
    bool optTitle = vshCommandOptBool(cmd, "title");
    bool managed = vshCommandOptBool(cmd, "managed-save");
    unsigned int flags = virshListFlags(cmd);
    g_autoptr(vshTable) table = NULL;
    virDomainPtr *doms = NULL;
    bool ret = false;
    int ndoms;
    int i;

    VSH_EXCLUSIVE_OPTIONS("table", "name");
    VSH_EXCLUSIVE_OPTIONS("table", "uuid");
    VSH_EXCLUSIVE_OPTIONS("table", "id");

    if (!optUUID && !optName && !optID)
        optTable = true;

    if ((ndoms = virConnectListAllDomains(virshGetControl(ctl)->conn,
                                          &doms, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    qsort(doms, ndoms, sizeof(*doms), virshDomainSorter);

    if (optTable) {
        if (optTitle)
            table = vshTableNew("Id", "Name", "State", "Title", NULL);
        else
            table = vshTableNew("Id", "Name", "State", NULL);
    }

    for (i = 0; i < ndoms; i++) {
        unsigned int domid = virDomainGetID(doms[i]);
        g_autofree char *id = domid == (unsigned int)-1 ?
            g_strdup("-") : g_strdup_printf("%d", domid);

        if (optTable) {
            if (!virshListAddRow(ctl, table, doms[i], id, managed, optTitle))
                goto cleanup;
        } else if (!virshListPrintLine(ctl, doms[i], id, optUUID, optID,
                                       optName)) {
            goto cleanup;
        }
    }

    if (optTable)
        vshTablePrintToStdout(table, ctl);
    ret = true;

 cleanup:
    for (i = 0; i < ndoms; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ret;
}

const vshCmdDef virshDomainMonitoringCmds[] = {
    {.name = "domblkinfo",
     .handler = virshCmdDomblkinfo,
     .opts = virshOptsDomblkinfo,
     .summary = "show the sizes of a domain's disks",
     .description = "Print the capacity, allocation and physical size of one disk, or of all."},
    {.name = "domblklist",
     .handler = virshCmdDomblklist,
     .opts = virshOptsDomblklist,
     .summary = "list a domain's disks",
     .description = "Print a table of the domain's disks and their sources."},
    {.name = "dominfo",
     .handler = virshCmdDominfo,
     .opts = virshOptsDominfo,
     .summary = "show a domain's state, resources and settings",
     .description = "Print the basic facts about a domain, one per line."},
    {.name = "domstate",
     .handler = virshCmdDomstate,
     .opts = virshOptsDomstate,
     .summary = "show a domain's state",
     .description = "Print whether the domain is running, paused, shut off ..."},
    {.name = "list",
     .handler = virshCmdList,
     .opts = virshOptsList,
     .summary = "show the domains",
     .description = "Print a table of the running domains, or of those the filters select."},
    {.name = NULL}
};
