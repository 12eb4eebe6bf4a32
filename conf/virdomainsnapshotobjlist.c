/*
 * virdomainsnapshotobjlist.c: the snapshot tree of one domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"

#include <virtplug/objects.h>

#include "virdomainsnapshotobjlist.h"
#include "virerror.h"

/* libvirt reports these tree errors from its domain code. */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

struct _virDomainSnapshotObjList {
    virDomainMomentObj root;            /* parent of every top snapshot */
    /* name -> virDomainMomentObj, both owned.  The key is a copy so that
     * a redefinition may replace a snapshot's definition in place. */
    GHashTable *byName;
    virDomainMomentObj *current;        /* or NULL */
};


static void
virDomainMomentObjFree(virDomainMomentObj *snap)
{
    virDomainSnapshotDefFree(snap->def);
    g_free(snap);
}


/**
 * virDomainSnapshotObjListNew:
 *
 * Returns an empty snapshot tree.
 */
virDomainSnapshotObjList *
virDomainSnapshotObjListNew(void)
{
    virDomainSnapshotObjList *snapshots = g_new0(virDomainSnapshotObjList, 1);

    snapshots->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)virDomainMomentObjFree);
    return snapshots;
}


/**
 * virDomainSnapshotObjListFree:
 * @snapshots: a tree, or NULL
 *
 * Free the tree and every snapshot definition in it.
 */
void
virDomainSnapshotObjListFree(virDomainSnapshotObjList *snapshots)
{
    if (!snapshots)
        return;
    g_hash_table_unref(snapshots->byName);
    g_free(snapshots);
}


/**
 * virDomainMomentDropParent:
 * @snap: a snapshot
 *
 * Unlink @snap from its parent's children; its own children stay.
 */
void
virDomainMomentDropParent(virDomainMomentObj *snap)
{
    virDomainMomentObj **link;

    if (!snap->parent)
        return;
    for (link = &snap->parent->firstChild; *link; link = &(*link)->sibling) {
        if (*link == snap) {
            *link = snap->sibling;
            break;
        }
    }
    snap->parent->nchildren--;
    snap->parent = NULL;
    snap->sibling = NULL;
}


/* Make @snap the first of @parent's children: libvirt lists children
 * newest (or most recently redefined) first, and so must we. */
static void
virDomainMomentSetParent(virDomainMomentObj *snap, virDomainMomentObj *parent)
{
    virDomainMomentDropParent(snap);
    snap->parent = parent;
    snap->sibling = parent->firstChild;
    parent->firstChild = snap;
    parent->nchildren++;
}


/**
 * virDomainMomentMoveChildren:
 * @from: a snapshot (or the tree's root)
 * @to: its new parent for every child of @from
 *
 * Hand every child of @from to @to, ahead of @to's own children and in
 * their order, as libvirt does.  The children's definitions still name
 * their old parent: the caller updates them.
 */
void
virDomainMomentMoveChildren(virDomainMomentObj *from,
                            virDomainMomentObj *to)
{
    virDomainMomentObj *last = NULL;
    virDomainMomentObj *child;

    if (!from->firstChild)
        return;
    for (child = from->firstChild; child; child = child->sibling) {
        child->parent = to;
        last = child;
    }
    last->sibling = to->firstChild;
    to->firstChild = from->firstChild;
    to->nchildren += from->nchildren;
    from->firstChild = NULL;
    from->nchildren = 0;
}


/**
 * virDomainMomentForEachDescendant:
 * @snap: a snapshot
 * @iter: called for each descendant, deepest first, so that it may
 *        remove the snapshot it is given
 * @opaque: passed to @iter
 *
 * Returns how many descendants @iter was called for.
 */
int
virDomainMomentForEachDescendant(virDomainMomentObj *snap,
                                 virDomainMomentObjIterator iter,
                                 void *opaque)
{
    virDomainMomentObj *child = snap->firstChild;
    int n = 0;

    while (child) {
        virDomainMomentObj *next = child->sibling;

        n += 1 + virDomainMomentForEachDescendant(child, iter, opaque);
        iter(child, opaque);
        child = next;
    }
    return n;
}


/**
 * virDomainSnapshotObjListFindByName:
 * @snapshots: a tree
 * @name: a snapshot name
 *
 * Returns the snapshot (owned by the tree), or NULL (no error set).
 */
virDomainMomentObj *
virDomainSnapshotObjListFindByName(virDomainSnapshotObjList *snapshots,
                                   const char *name)
{
    return name ? g_hash_table_lookup(snapshots->byName, name) : NULL;
}


/**
 * virDomainSnapshotObjListAdd:
 * @snapshots: a tree
 * @def: the definition, stolen on success (*@def becomes NULL)
 *
 * Add a snapshot below the root; virDomainSnapshotObjListLinkParent()
 * puts it under the parent its definition names.
 *
 * Returns the new snapshot, or NULL with libvirt's
 * VIR_ERR_OPERATION_FAILED "domain moment NAME already exists".
 */
virDomainMomentObj *
virDomainSnapshotObjListAdd(virDomainSnapshotObjList *snapshots,
                            virDomainSnapshotDef **def)
{
    virDomainMomentObj *snap;

    if (g_hash_table_contains(snapshots->byName, (*def)->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain moment %1$s already exists"), (*def)->name);
        return NULL;
    }

    snap = g_new0(virDomainMomentObj, 1);
    snap->def = g_steal_pointer(def);
    g_hash_table_insert(snapshots->byName, g_strdup(snap->def->name), snap);
    virDomainMomentSetParent(snap, &snapshots->root);
    return snap;
}


/**
 * virDomainSnapshotObjListRemove:
 * @snapshots: a tree
 * @snap: a snapshot of @snapshots, freed here
 *
 * Remove one snapshot; children it still has move to the root.
 * Returns whether it was the current snapshot (there is none now).
 */
bool
virDomainSnapshotObjListRemove(virDomainSnapshotObjList *snapshots,
                               virDomainMomentObj *snap)
{
    bool wasCurrent = snapshots->current == snap;

    if (wasCurrent)
        snapshots->current = NULL;
    virDomainMomentMoveChildren(snap, &snapshots->root);
    virDomainMomentDropParent(snap);
    g_hash_table_remove(snapshots->byName, snap->def->name);
    return wasCurrent;
}


/**
 * virDomainSnapshotObjListRemoveAll:
 * @snapshots: a tree
 *
 * Forget every snapshot.
 */
void
virDomainSnapshotObjListRemoveAll(virDomainSnapshotObjList *snapshots)
{
    snapshots->current = NULL;
    snapshots->root.firstChild = NULL;
    snapshots->root.nchildren = 0;
    g_hash_table_remove_all(snapshots->byName);
}


/**
 * virDomainSnapshotObjListGetCurrent:
 * @snapshots: a tree
 *
 * Returns the current snapshot, or NULL.
 */
virDomainMomentObj *
virDomainSnapshotObjListGetCurrent(virDomainSnapshotObjList *snapshots)
{
    return snapshots->current;
}


/**
 * virDomainSnapshotObjListGetCurrentName:
 * @snapshots: a tree
 *
 * Returns the current snapshot's name (owned by the tree), or NULL.
 */
const char *
virDomainSnapshotObjListGetCurrentName(virDomainSnapshotObjList *snapshots)
{
    return snapshots->current ? snapshots->current->def->name : NULL;
}


/**
 * virDomainSnapshotObjListSetCurrent:
 * @snapshots: a tree
 * @snap: one of its snapshots, or NULL for none
 */
void
virDomainSnapshotObjListSetCurrent(virDomainSnapshotObjList *snapshots,
                                   virDomainMomentObj *snap)
{
    snapshots->current = snap;
}


static bool
virDomainSnapshotObjIsExternal(const virDomainSnapshotDef *def)
{
    size_t i;

    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
        return true;
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            return true;
    }
    return false;
}


/* One of a pair of filter bits given alone selects by @value. */
static bool
virDomainSnapshotMatchPair(unsigned int flags, unsigned int yes,
                           unsigned int no, bool value)
{
    if (!(flags & yes) == !(flags & no))
        return true;
    return (flags & yes) ? value : !value;
}


static bool
virDomainSnapshotObjMatch(const virDomainMomentObj *snap, unsigned int flags)
{
    const virDomainSnapshotDef *def = snap->def;

    /* Every snapshot here has metadata. */
    if ((flags & VIR_DOMAIN_SNAPSHOT_FILTERS_METADATA) ==
        VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)
        return false;

    if (!virDomainSnapshotMatchPair(flags, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES,
                                    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES,
                                    snap->nchildren == 0))
        return false;

    if (flags & VIR_DOMAIN_SNAPSHOT_FILTERS_STATUS) {
        unsigned int status;

        if (def->state == VIR_DOMAIN_SNAPSHOT_SHUTOFF)
            status = VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE;
        else if (def->state == VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT)
            status = VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY;
        else
            status = VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE;
        if (!(flags & status))
            return false;
    }

    return virDomainSnapshotMatchPair(flags, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL,
                                      VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL,
                                      virDomainSnapshotObjIsExternal(def));
}


/* Parents before children: a depth-first walk below @from. */
static void
virDomainSnapshotObjListCollect(virDomainMomentObj *from,
                                bool descendants,
                                unsigned int flags,
                                GPtrArray *out)
{
    virDomainMomentObj *child;

    for (child = from->firstChild; child; child = child->sibling) {
        if (virDomainSnapshotObjMatch(child, flags))
            g_ptr_array_add(out, child);
        if (descendants)
            virDomainSnapshotObjListCollect(child, true, flags, out);
    }
}


/* The snapshots a listing with @flags names, from @from (NULL: the
 * whole tree, or only its roots with VIR_DOMAIN_SNAPSHOT_LIST_ROOTS). */
static GPtrArray *
virDomainSnapshotObjListSelect(virDomainSnapshotObjList *snapshots,
                               virDomainMomentObj *from,
                               unsigned int flags)
{
    GPtrArray *out = g_ptr_array_new();
    bool descendants;

    /* ROOTS and DESCENDANTS are one bit whose sense depends on @from. */
    if (from)
        descendants = flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
    else
        descendants = !(flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS);

    virDomainSnapshotObjListCollect(from ? from : &snapshots->root,
                                    descendants, flags, out);
    return out;
}


/**
 * virDomainSnapshotObjListNum:
 * @snapshots: a tree
 * @from: count below this snapshot, or NULL for the whole tree
 * @flags: VIR_DOMAIN_SNAPSHOT_LIST_* (checked by the caller)
 *
 * Returns how many snapshots match.
 */
int
virDomainSnapshotObjListNum(virDomainSnapshotObjList *snapshots,
                            virDomainMomentObj *from,
                            unsigned int flags)
{
    g_autoptr(GPtrArray) list = virDomainSnapshotObjListSelect(snapshots, from,
                                                               flags);

    return list->len;
}


/**
 * virDomainSnapshotObjListGetNames:
 * @snapshots: a tree
 * @from: list below this snapshot, or NULL for the whole tree
 * @names: filled with copies of the names (the caller frees them)
 * @maxnames: room in @names
 * @flags: VIR_DOMAIN_SNAPSHOT_LIST_* (checked by the caller)
 *
 * Returns how many names were stored, parents before children.
 */
int
virDomainSnapshotObjListGetNames(virDomainSnapshotObjList *snapshots,
                                 virDomainMomentObj *from,
                                 char **const names,
                                 int maxnames,
                                 unsigned int flags)
{
    g_autoptr(GPtrArray) list = virDomainSnapshotObjListSelect(snapshots, from,
                                                               flags);
    int i;

    for (i = 0; i < maxnames && i < (int)list->len; i++) {
        virDomainMomentObj *snap = g_ptr_array_index(list, i);

        names[i] = g_strdup(snap->def->name);
    }
    return i;
}


/**
 * virDomainSnapshotObjListExport:
 * @snapshots: a tree
 * @from: list below this snapshot, or NULL for the whole tree
 * @dom: the public domain the snapshot objects belong to
 * @snaps: set to a NULL-terminated array of new snapshot objects the
 *         caller frees; NULL to only count
 * @flags: VIR_DOMAIN_SNAPSHOT_LIST_* (checked by the caller)
 *
 * Returns how many snapshots match, or -1 with an error set.
 */
int
virDomainSnapshotObjListExport(virDomainSnapshotObjList *snapshots,
                               virDomainMomentObj *from,
                               virDomainPtr dom,
                               virDomainSnapshotPtr **snaps,
                               unsigned int flags)
{
    g_autoptr(GPtrArray) list = virDomainSnapshotObjListSelect(snapshots, from,
                                                               flags);
    virDomainSnapshotPtr *out;
    size_t i;

    if (!snaps)
        return list->len;

    out = g_new0(virDomainSnapshotPtr, list->len + 1);
    for (i = 0; i < list->len; i++) {
        virDomainMomentObj *snap = g_ptr_array_index(list, i);

        if (!(out[i] = virGetDomainSnapshot(dom, snap->def->name))) {
            while (i > 0)
                virDomainSnapshotFree(out[--i]);
            g_free(out);
            return -1;
        }
    }
    *snaps = out;
    return list->len;
}


/**
 * virDomainSnapshotObjListCheckParent:
 * @snapshots: a tree
 * @name: the snapshot being (re)defined
 * @parentName: the parent its definition names, or NULL
 *
 * Returns 0 when @parentName exists and is not @name or one of its
 * descendants; otherwise -1 with libvirt's VIR_ERR_INVALID_ARG.
 */
int
virDomainSnapshotObjListCheckParent(virDomainSnapshotObjList *snapshots,
                                    const char *name,
                                    const char *parentName)
{
    virDomainMomentObj *parent;

    if (!parentName)
        return 0;
    if (STREQ(name, parentName)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot set moment %1$s as its own parent"), name);
        return -1;
    }
    if (!(parent = virDomainSnapshotObjListFindByName(snapshots, parentName))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("parent %1$s for moment %2$s not found"),
                       parentName, name);
        return -1;
    }
    for (; parent && parent->def; parent = parent->parent) {
        if (STREQ(parent->def->name, name)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("parent %1$s would create cycle to %2$s"),
                           parentName, name);
            return -1;
        }
    }
    return 0;
}


/**
 * virDomainSnapshotObjListLinkParent:
 * @snapshots: a tree
 * @snap: one of its snapshots
 *
 * Put @snap below the snapshot its definition names as parent, or
 * below the root when it names none (or one that does not exist).
 */
void
virDomainSnapshotObjListLinkParent(virDomainSnapshotObjList *snapshots,
                                   virDomainMomentObj *snap)
{
    virDomainMomentObj *parent;

    parent = virDomainSnapshotObjListFindByName(snapshots, snap->def->parent_name);
    virDomainMomentSetParent(snap, parent ? parent : &snapshots->root);
}


/**
 * virDomainSnapshotObjListUpdateRelations:
 * @snapshots: a tree whose snapshots were added in any order
 *
 * Link every snapshot below the parent its definition names.  Returns
 * 0, or -1 (no error set: the caller says which domain is broken) when
 * a named parent is missing or the parents form a cycle.
 */
int
virDomainSnapshotObjListUpdateRelations(virDomainSnapshotObjList *snapshots)
{
    g_autoptr(GList) all = g_hash_table_get_values(snapshots->byName);
    GList *cur;

    for (cur = all; cur; cur = cur->next) {
        virDomainMomentObj *snap = cur->data;
        virDomainMomentObj *parent;
        virDomainMomentObj *up;

        if (!snap->def->parent_name)
            continue;
        if (!(parent = virDomainSnapshotObjListFindByName(snapshots,
                                                          snap->def->parent_name)))
            return -1;
        for (up = parent; up && up->def; up = up->parent) {
            if (up == snap)
                return -1;
        }
        virDomainMomentSetParent(snap, parent);
    }
    return 0;
}
