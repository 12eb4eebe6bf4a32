/*
 * virsh-snapshot-list.c: snapshot-list, as a table, names or a tree
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "virsh.h"
#include "virsh-snapshot.h"

const vshCmdOptDef virshOptsSnapshotList[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "parent", .type = VSH_OT_BOOL,
     .help = "add a column with each snapshot's parent"},
    {.name = "roots", .type = VSH_OT_BOOL,
     .help = "only snapshots that have no parent"},
    {.name = "leaves", .type = VSH_OT_BOOL,
     .help = "only snapshots that have no children"},
    {.name = "no-leaves", .type = VSH_OT_BOOL,
     .help = "only snapshots that have children"},
    {.name = "metadata", .type = VSH_OT_BOOL,
     .help = "only snapshots with metadata (which keeps the domain from being undefined)"},
    {.name = "no-metadata", .type = VSH_OT_BOOL,
     .help = "only snapshots without metadata"},
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "only snapshots of a shut off domain"},
    {.name = "active", .type = VSH_OT_BOOL,
     .help = "only snapshots of a running domain, memory included"},
    {.name = "disk-only", .type = VSH_OT_BOOL,
     .help = "only snapshots of the disks alone"},
    {.name = "internal", .type = VSH_OT_BOOL,
     .help = "only snapshots kept inside the disk images"},
    {.name = "external", .type = VSH_OT_BOOL,
     .help = "only snapshots kept in files of their own"},
    {.name = "tree", .type = VSH_OT_BOOL,
     .help = "draw the snapshots as a tree"},
    {.name = "from", .type = VSH_OT_STRING,
     .help = "only the children of this snapshot"},
    {.name = "current", .type = VSH_OT_BOOL,
     .help = "only the children of the current snapshot"},
    {.name = "descendants", .type = VSH_OT_BOOL,
     .help = "with --from or --current, all descendants rather than children"},
    {.name = "name", .type = VSH_OT_BOOL,
     .help = "print names only"},
    {.name = "topological", .type = VSH_OT_BOOL,
     .help = "order parents before children instead of by name"},
    {.name = NULL}
};

/* A snapshot of the list with its parent's name (for the tree). */
typedef struct _virshSnapshotEntry virshSnapshotEntry;
struct _virshSnapshotEntry {
    virDomainSnapshotPtr snap;
    char *parent;
};

typedef struct _virshSnapshotList virshSnapshotList;
struct _virshSnapshotList {
    virshSnapshotEntry *entries;
    size_t n;
};

static void
virshSnapshotListFree(virshSnapshotList *list)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < list->n; i++) {
        virDomainSnapshotFree(list->entries[i].snap);
        g_free(list->entries[i].parent);
    }
    g_free(list->entries);
    g_free(list);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virshSnapshotList, virshSnapshotListFree);

/* By name ignoring case, as virsh lists them. */
static int
virshSnapshotSorter(const void *a, const void *b)
{
    const virshSnapshotEntry *sa = a;
    const virshSnapshotEntry *sb = b;

    return g_ascii_strcasecmp(virDomainSnapshotGetName(sa->snap),
                              virDomainSnapshotGetName(sb->snap));
}

/* The snapshots @flags select, of the domain or below @from.  For a
 * tree, each gets its parent, and @from itself is added as the root. */
static virshSnapshotList *
virshSnapshotListCollect(virDomainPtr dom, virDomainSnapshotPtr from,
                         unsigned int flags, bool tree)
{
    g_autoptr(virshSnapshotList) list = g_new0(virshSnapshotList, 1);
    virDomainSnapshotPtr *snaps = NULL;
    int count;
    int i;

    if (from)
        count = virDomainSnapshotListAllChildren(from, &snaps, flags);
    else
        count = virDomainListAllSnapshots(dom, &snaps, flags);
    if (count < 0)
        return NULL;

    list->entries = g_new0(virshSnapshotEntry, count + 1);
    for (i = 0; i < count; i++)
        list->entries[list->n++].snap = snaps[i];
    free(snaps);

    if (tree) {
        for (i = 0; i < count; i++) {
            if (virshGetSnapshotParent(list->entries[i].snap,
                                       &list->entries[i].parent) < 0)
                return NULL;
        }
        if (from) {
            virDomainSnapshotRef(from);
            list->entries[list->n++].snap = from;
        }
    }

    if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL))
        qsort(list->entries, list->n, sizeof(*list->entries),
              virshSnapshotSorter);
    return g_steal_pointer(&list);
}

/* Print entry @idx and, below it, its children.  @indent holds what
 * goes before each line at this depth; @last tells whether @idx is the
 * last child of its parent, which ends the parent's vertical bar. */
static void
virshSnapshotTreePrint(vshControl *ctl, virshSnapshotList *list, size_t idx,
                       bool root, bool last, GString *indent)
{
    const char *name = virDomainSnapshotGetName(list->entries[idx].snap);
    size_t lastChild = list->n;
    size_t i;

    vshPrint(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", name);
    if (!root)
        g_string_append(indent, last ? "  " : "| ");

    for (i = 0; i < list->n; i++) {
        if (g_strcmp0(list->entries[i].parent, name) == 0)
            lastChild = i;
    }
    if (lastChild != list->n)
        vshPrint(ctl, "%s  |\n", indent->str);

    g_string_append(indent, "  ");
    for (i = 0; i < list->n; i++) {
        if (g_strcmp0(list->entries[i].parent, name) == 0)
            virshSnapshotTreePrint(ctl, list, i, false, i == lastChild, indent);
    }
    g_string_truncate(indent, indent->len - 2);

    /* A blank (but indented) line closes the last branch. */
    if (lastChild == list->n && last)
        vshPrint(ctl, "%s\n", indent->str);

    if (!root)
        g_string_truncate(indent, indent->len - 2);
}

static void
virshSnapshotListTree(vshControl *ctl, virshSnapshotList *list)
{
    g_autoptr(GString) indent = g_string_new(NULL);
    size_t i;

    for (i = 0; i < list->n; i++) {
        if (!list->entries[i].parent)
            virshSnapshotTreePrint(ctl, list, i, true, true, indent);
    }
}

/* Add the row of @snap; a snapshot whose XML cannot be read is left
 * out, as virsh does. */
static void
virshSnapshotListAddRow(vshTable *table, virDomainSnapshotPtr snap,
                        bool withParent)
{
    g_autoptr(GDateTime) when = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *state = NULL;
    g_autofree char *created = NULL;
    g_autofree char *parent = NULL;
    g_autofree char *whenText = NULL;
    long long seconds;

    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0))) {
        vshResetLibvirtError();
        return;
    }
    if (withParent)
        parent = virshXPathString(xml, "string(/domainsnapshot/parent/name)");
    if (!(state = virshXPathString(xml, "string(/domainsnapshot/state)")) ||
        !(created = virshXPathString(xml, "string(/domainsnapshot/creationTime)")) ||
        vshStrToLongLong(created, &seconds) < 0 ||
        !(when = g_date_time_new_from_unix_local(seconds)))
        return;

    whenText = g_date_time_format(when, "%Y-%m-%d %H:%M:%S %z");
    if (withParent)
        vshTableRowAppend(table, virDomainSnapshotGetName(snap), whenText,
                          state, parent ? parent : "", NULL);
    else
        vshTableRowAppend(table, virDomainSnapshotGetName(snap), whenText,
                          state, NULL);
}

/* Filters that cannot be drawn as a tree. */
static const struct {
    const char *option;
    unsigned int flag;
} virshSnapshotListFilters[] = {
    {"leaves", VIR_DOMAIN_SNAPSHOT_LIST_LEAVES},
    {"no-leaves", VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES},
    {"inactive", VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE},
    {"active", VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE},
    {"disk-only", VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY},
    {"internal", VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL},
    {"external", VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL},
};

/* The listing flags of the options; false after reporting a conflict. */
static bool
virshSnapshotListFlags(vshControl *ctl, const vshCmd *cmd,
                       unsigned int *flags)
{
    bool tree = vshCommandOptBool(cmd, "tree");
    size_t i;

    *flags = 0;
    for (i = 0; i < G_N_ELEMENTS(virshSnapshotListFilters); i++) {
        if (!vshCommandOptBool(cmd, virshSnapshotListFilters[i].option))
            continue;
        if (tree) {
            vshError(ctl, "--%s and --tree are mutually exclusive",
                     virshSnapshotListFilters[i].option);
            return false;
        }
        *flags |= virshSnapshotListFilters[i].flag;
    }

    if (vshCommandOptBool(cmd, "topological"))
        *flags |= VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL;
    if (vshCommandOptBool(cmd, "roots"))
        *flags |= VIR_DOMAIN_SNAPSHOT_LIST_ROOTS;
    if (vshCommandOptBool(cmd, "metadata"))
        *flags |= VIR_DOMAIN_SNAPSHOT_LIST_METADATA;
    if (vshCommandOptBool(cmd, "no-metadata"))
        *flags |= VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA;

    if (vshCommandOptBool(cmd, "descendants")) {
        if (!vshCommandOptBool(cmd, "from") && !vshCommandOptBool(cmd, "current")) {
            vshError(ctl, "%s", "--descendants requires either --from or --current");
            return false;
        }
        *flags |= VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
    }
    return true;
}

/**
 * virshCmdSnapshotList:
 * @ctl: the shell
 * @cmd: "snapshot-list DOMAIN [options]"
 *
 * Lists the domain's snapshots as a table (name, creation time, state
 * and optionally parent), as names, or as a tree.
 */
bool
virshCmdSnapshotList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) from = NULL;
    g_autoptr(virshSnapshotList) list = NULL;
    g_autoptr(vshTable) table = NULL;
    bool tree = vshCommandOptBool(cmd, "tree");
    bool withParent = vshCommandOptBool(cmd, "parent");
    const char *fromName = NULL;
    unsigned int flags;
    size_t i;

    VSH_EXCLUSIVE_OPTIONS("tree", "name");
    VSH_EXCLUSIVE_OPTIONS("parent", "roots");
    VSH_EXCLUSIVE_OPTIONS("parent", "tree");
    VSH_EXCLUSIVE_OPTIONS("roots", "tree");
    VSH_EXCLUSIVE_OPTIONS("roots", "from");
    VSH_EXCLUSIVE_OPTIONS("roots", "current");

    if (!virshSnapshotListFlags(ctl, cmd, &flags))
        return false;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((vshCommandOptBool(cmd, "from") || vshCommandOptBool(cmd, "current")) &&
        virshLookupSnapshot(ctl, cmd, "from", dom, &from, &fromName) < 0)
        return false;

    if (!(list = virshSnapshotListCollect(dom, from, flags, tree)))
        return false;

    if (tree) {
        virshSnapshotListTree(ctl, list);
        return true;
    }

    if (vshCommandOptBool(cmd, "name")) {
        for (i = 0; i < list->n; i++)
            vshPrint(ctl, "%s\n", virDomainSnapshotGetName(list->entries[i].snap));
        return true;
    }

    if (withParent)
        table = vshTableNew("Name", "Creation Time", "State", "Parent", NULL);
    else
        table = vshTableNew("Name", "Creation Time", "State", NULL);
    for (i = 0; i < list->n; i++)
        virshSnapshotListAddRow(table, list->entries[i].snap, withParent);
    vshTablePrintToStdout(table, ctl);
    return true;
}
