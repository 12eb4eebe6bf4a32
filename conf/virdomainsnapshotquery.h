/*
 * virdomainsnapshotquery.h: the read-only snapshot calls of the public
 * API, answered from a domain's snapshot tree
 *
 * Every hypervisor driver that keeps its snapshots in a
 * virDomainSnapshotObjList answers these calls the same way once it has
 * found the domain object, so a driver's table entry only passes its
 * own virDomainSnapshotObjQuery: its lookup, returning the domain's
 * object locked and referenced (released with virDomainObjEndAPI) or
 * NULL with an error set, and the error domain its errors carry.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virdomainobj.h"
#include "virdomainsnapshotobjlist.h"

typedef struct _virDomainSnapshotObjQuery virDomainSnapshotObjQuery;
struct _virDomainSnapshotObjQuery {
    virDomainObj *(*lookup)(virDomainPtr domain);
    int errorDomain;                    /* VIR_FROM_* of the driver */
};

virDomainObj *virDomainSnapshotObjQueryLookup(const virDomainSnapshotObjQuery *query,
                                              virDomainSnapshotPtr snapshot,
                                              virDomainMomentObj **snap);

int virDomainSnapshotObjQueryNum(const virDomainSnapshotObjQuery *query,
                                 virDomainPtr domain, unsigned int flags);
int virDomainSnapshotObjQueryListNames(const virDomainSnapshotObjQuery *query,
                                       virDomainPtr domain, char **names,
                                       int nameslen, unsigned int flags);
int virDomainSnapshotObjQueryListAll(const virDomainSnapshotObjQuery *query,
                                     virDomainPtr domain,
                                     virDomainSnapshotPtr **snaps,
                                     unsigned int flags);

int virDomainSnapshotObjQueryNumChildren(const virDomainSnapshotObjQuery *query,
                                         virDomainSnapshotPtr snapshot,
                                         unsigned int flags);
int virDomainSnapshotObjQueryListChildrenNames(const virDomainSnapshotObjQuery *query,
                                               virDomainSnapshotPtr snapshot,
                                               char **names, int nameslen,
                                               unsigned int flags);
int virDomainSnapshotObjQueryListAllChildren(const virDomainSnapshotObjQuery *query,
                                             virDomainSnapshotPtr snapshot,
                                             virDomainSnapshotPtr **snaps,
                                             unsigned int flags);

virDomainSnapshotPtr
virDomainSnapshotObjQueryLookupByName(const virDomainSnapshotObjQuery *query,
                                      virDomainPtr domain, const char *name,
                                      unsigned int flags);
int virDomainSnapshotObjQueryHasCurrent(const virDomainSnapshotObjQuery *query,
                                        virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr
virDomainSnapshotObjQueryCurrent(const virDomainSnapshotObjQuery *query,
                                 virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr
virDomainSnapshotObjQueryGetParent(const virDomainSnapshotObjQuery *query,
                                   virDomainSnapshotPtr snapshot,
                                   unsigned int flags);
char *virDomainSnapshotObjQueryGetXMLDesc(const virDomainSnapshotObjQuery *query,
                                          virDomainSnapshotPtr snapshot,
                                          unsigned int flags);
int virDomainSnapshotObjQueryIsCurrent(const virDomainSnapshotObjQuery *query,
                                       virDomainSnapshotPtr snapshot,
                                       unsigned int flags);
int virDomainSnapshotObjQueryHasMetadata(const virDomainSnapshotObjQuery *query,
                                         virDomainSnapshotPtr snapshot,
                                         unsigned int flags);
