/*
 * virdomainsnapshotobjlist.h: the snapshot tree of one domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "snapshot_conf.h"

typedef struct _virDomainMomentObj virDomainMomentObj;

/* One snapshot in the tree.  Snapshots without a parent hang below the
 * list's root, an object without a definition. */
struct _virDomainMomentObj {
    virDomainSnapshotDef *def;          /* owned; NULL for the root */
    virDomainMomentObj *parent;         /* never NULL but for the root */
    virDomainMomentObj *sibling;        /* the parent's next child */
    virDomainMomentObj *firstChild;
    size_t nchildren;
};

/* Not locked: it belongs to a virDomainObj, whose lock guards it. */
typedef struct _virDomainSnapshotObjList virDomainSnapshotObjList;

/* The filter groups of VIR_DOMAIN_SNAPSHOT_LIST_*, internal in libvirt. */
#define VIR_DOMAIN_SNAPSHOT_FILTERS_METADATA \
    (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)
#define VIR_DOMAIN_SNAPSHOT_FILTERS_LEAVES \
    (VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)
#define VIR_DOMAIN_SNAPSHOT_FILTERS_STATUS \
    (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)
#define VIR_DOMAIN_SNAPSHOT_FILTERS_LOCATION \
    (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)
#define VIR_DOMAIN_SNAPSHOT_FILTERS_ALL \
    (VIR_DOMAIN_SNAPSHOT_FILTERS_METADATA | VIR_DOMAIN_SNAPSHOT_FILTERS_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_FILTERS_STATUS | VIR_DOMAIN_SNAPSHOT_FILTERS_LOCATION)

typedef int (*virDomainMomentObjIterator)(virDomainMomentObj *snap, void *opaque);

virDomainSnapshotObjList *virDomainSnapshotObjListNew(void);
void virDomainSnapshotObjListFree(virDomainSnapshotObjList *snapshots);

virDomainMomentObj *virDomainSnapshotObjListAdd(virDomainSnapshotObjList *snapshots,
                                                virDomainSnapshotDef **def);
virDomainMomentObj *virDomainSnapshotObjListFindByName(virDomainSnapshotObjList *snapshots,
                                                       const char *name);
bool virDomainSnapshotObjListRemove(virDomainSnapshotObjList *snapshots,
                                    virDomainMomentObj *snap);
void virDomainSnapshotObjListRemoveAll(virDomainSnapshotObjList *snapshots);

virDomainMomentObj *virDomainSnapshotObjListGetCurrent(virDomainSnapshotObjList *snapshots);
const char *virDomainSnapshotObjListGetCurrentName(virDomainSnapshotObjList *snapshots);
void virDomainSnapshotObjListSetCurrent(virDomainSnapshotObjList *snapshots,
                                        virDomainMomentObj *snap);

int virDomainSnapshotObjListNum(virDomainSnapshotObjList *snapshots,
                                virDomainMomentObj *from,
                                unsigned int flags);
int virDomainSnapshotObjListGetNames(virDomainSnapshotObjList *snapshots,
                                     virDomainMomentObj *from,
                                     char **const names,
                                     int maxnames,
                                     unsigned int flags);
int virDomainSnapshotObjListExport(virDomainSnapshotObjList *snapshots,
                                   virDomainMomentObj *from,
                                   virDomainPtr dom,
                                   virDomainSnapshotPtr **snaps,
                                   unsigned int flags);

int virDomainSnapshotObjListCheckParent(virDomainSnapshotObjList *snapshots,
                                        const char *name,
                                        const char *parentName);
void virDomainSnapshotObjListLinkParent(virDomainSnapshotObjList *snapshots,
                                        virDomainMomentObj *snap);
int virDomainSnapshotObjListUpdateRelations(virDomainSnapshotObjList *snapshots);

void virDomainMomentDropParent(virDomainMomentObj *snap);
void virDomainMomentMoveChildren(virDomainMomentObj *from,
                                 virDomainMomentObj *to);
int virDomainMomentForEachDescendant(virDomainMomentObj *snap,
                                     virDomainMomentObjIterator iter,
                                     void *opaque);
