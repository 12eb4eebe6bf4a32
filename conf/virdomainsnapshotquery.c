/*
 * virdomainsnapshotquery.c: the read-only snapshot calls of the public
 * API, answered from a domain's snapshot tree
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <virtplug/objects.h>

#include "virdomainsnapshotquery.h"
#include "virerror.h"

/* Errors carry the driver's error domain, as each driver's own lookups
 * in libvirt do. */
#define queryReportError(query, code, ...) \
    virReportErrorHelper((query)->errorDomain, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

#define queryCheckFlags(query, supported, retval) \
    do { \
        unsigned int unknown_ = flags & ~((unsigned int)(supported)); \
        if (unknown_) { \
            virReportInvalidFlagsFull((query)->errorDomain, __func__, unknown_); \
            return retval; \
        } \
    } while (0)

/* The filters each listing accepts: the whole tree can be limited to
 * its roots, a snapshot's children extended to its descendants. */
#define QUERY_LIST_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL | \
     VIR_DOMAIN_SNAPSHOT_FILTERS_ALL)
#define QUERY_CHILDREN_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL | \
     VIR_DOMAIN_SNAPSHOT_FILTERS_ALL)


static virDomainMomentObj *
queryFindByName(const virDomainSnapshotObjQuery *query, virDomainObj *obj,
                const char *name)
{
    virDomainMomentObj *snap;

    if (!(snap = virDomainSnapshotObjListFindByName(obj->snapshots, name)))
        queryReportError(query, VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("no domain snapshot with matching name '%1$s'"), name);
    return snap;
}


/**
 * virDomainSnapshotObjQueryLookup:
 *
 * Returns the domain of @snapshot, locked and referenced, with the
 * snapshot's tree node in @snap; or NULL with an error when either is
 * gone.
 */
virDomainObj *
virDomainSnapshotObjQueryLookup(const virDomainSnapshotObjQuery *query,
                                virDomainSnapshotPtr snapshot,
                                virDomainMomentObj **snap)
{
    virDomainObj *obj;

    if (!(obj = query->lookup(virDomainSnapshotGetDomain(snapshot))))
        return NULL;
    if (!(*snap = queryFindByName(query, obj, virDomainSnapshotGetName(snapshot)))) {
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}


int
virDomainSnapshotObjQueryNum(const virDomainSnapshotObjQuery *query,
                             virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_LIST_FLAGS, -1);
    if (!(obj = query->lookup(domain)))
        return -1;
    n = virDomainSnapshotObjListNum(obj->snapshots, NULL, flags);
    virDomainObjEndAPI(&obj);
    return n;
}


int
virDomainSnapshotObjQueryListNames(const virDomainSnapshotObjQuery *query,
                                   virDomainPtr domain, char **names,
                                   int nameslen, unsigned int flags)
{
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_LIST_FLAGS, -1);
    if (!(obj = query->lookup(domain)))
        return -1;
    n = virDomainSnapshotObjListGetNames(obj->snapshots, NULL, names, nameslen,
                                         flags);
    virDomainObjEndAPI(&obj);
    return n;
}


int
virDomainSnapshotObjQueryListAll(const virDomainSnapshotObjQuery *query,
                                 virDomainPtr domain,
                                 virDomainSnapshotPtr **snaps,
                                 unsigned int flags)
{
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_LIST_FLAGS, -1);
    if (!(obj = query->lookup(domain)))
        return -1;
    n = virDomainSnapshotObjListExport(obj->snapshots, NULL, domain, snaps, flags);
    virDomainObjEndAPI(&obj);
    return n;
}


int
virDomainSnapshotObjQueryNumChildren(const virDomainSnapshotObjQuery *query,
                                     virDomainSnapshotPtr snapshot,
                                     unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_CHILDREN_FLAGS, -1);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return -1;
    n = virDomainSnapshotObjListNum(obj->snapshots, snap, flags);
    virDomainObjEndAPI(&obj);
    return n;
}


int
virDomainSnapshotObjQueryListChildrenNames(const virDomainSnapshotObjQuery *query,
                                           virDomainSnapshotPtr snapshot,
                                           char **names, int nameslen,
                                           unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_CHILDREN_FLAGS, -1);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return -1;
    n = virDomainSnapshotObjListGetNames(obj->snapshots, snap, names, nameslen,
                                         flags);
    virDomainObjEndAPI(&obj);
    return n;
}


int
virDomainSnapshotObjQueryListAllChildren(const virDomainSnapshotObjQuery *query,
                                         virDomainSnapshotPtr snapshot,
                                         virDomainSnapshotPtr **snaps,
                                         unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;
    int n;

    queryCheckFlags(query, QUERY_CHILDREN_FLAGS, -1);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return -1;
    n = virDomainSnapshotObjListExport(obj->snapshots, snap,
                                       virDomainSnapshotGetDomain(snapshot),
                                       snaps, flags);
    virDomainObjEndAPI(&obj);
    return n;
}


virDomainSnapshotPtr
virDomainSnapshotObjQueryLookupByName(const virDomainSnapshotObjQuery *query,
                                      virDomainPtr domain, const char *name,
                                      unsigned int flags)
{
    virDomainSnapshotPtr ret = NULL;
    virDomainObj *obj;

    queryCheckFlags(query, 0, NULL);
    if (!(obj = query->lookup(domain)))
        return NULL;
    if (queryFindByName(query, obj, name))
        ret = virGetDomainSnapshot(domain, name);
    virDomainObjEndAPI(&obj);
    return ret;
}


int
virDomainSnapshotObjQueryHasCurrent(const virDomainSnapshotObjQuery *query,
                                    virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;
    int ret;

    queryCheckFlags(query, 0, -1);
    if (!(obj = query->lookup(domain)))
        return -1;
    ret = virDomainSnapshotObjListGetCurrent(obj->snapshots) != NULL;
    virDomainObjEndAPI(&obj);
    return ret;
}


virDomainSnapshotPtr
virDomainSnapshotObjQueryCurrent(const virDomainSnapshotObjQuery *query,
                                 virDomainPtr domain, unsigned int flags)
{
    virDomainSnapshotPtr ret = NULL;
    const char *current;
    virDomainObj *obj;

    queryCheckFlags(query, 0, NULL);
    if (!(obj = query->lookup(domain)))
        return NULL;
    if (!(current = virDomainSnapshotObjListGetCurrentName(obj->snapshots)))
        queryReportError(query, VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                       _("the domain does not have a current snapshot"));
    else
        ret = virGetDomainSnapshot(domain, current);
    virDomainObjEndAPI(&obj);
    return ret;
}


virDomainSnapshotPtr
virDomainSnapshotObjQueryGetParent(const virDomainSnapshotObjQuery *query,
                                   virDomainSnapshotPtr snapshot,
                                   unsigned int flags)
{
    virDomainSnapshotPtr ret = NULL;
    virDomainMomentObj *snap;
    virDomainObj *obj;

    queryCheckFlags(query, 0, NULL);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return NULL;
    if (!snap->def->parent_name)
        queryReportError(query, VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("snapshot '%1$s' does not have a parent"),
                       snap->def->name);
    else
        ret = virGetDomainSnapshot(virDomainSnapshotGetDomain(snapshot),
                                   snap->def->parent_name);
    virDomainObjEndAPI(&obj);
    return ret;
}


char *
virDomainSnapshotObjQueryGetXMLDesc(const virDomainSnapshotObjQuery *query,
                                    virDomainSnapshotPtr snapshot,
                                    unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;
    char *xml;

    queryCheckFlags(query, VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return NULL;
    xml = virDomainSnapshotDefFormat(snap->def,
                                     (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE) ?
                                     VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE : 0);
    virDomainObjEndAPI(&obj);
    return xml;
}


int
virDomainSnapshotObjQueryIsCurrent(const virDomainSnapshotObjQuery *query,
                                   virDomainSnapshotPtr snapshot,
                                   unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;
    int ret;

    queryCheckFlags(query, 0, -1);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return -1;
    ret = virDomainSnapshotObjListGetCurrent(obj->snapshots) == snap;
    virDomainObjEndAPI(&obj);
    return ret;
}


/* Every snapshot in a tree is known through its metadata. */
int
virDomainSnapshotObjQueryHasMetadata(const virDomainSnapshotObjQuery *query,
                                     virDomainSnapshotPtr snapshot,
                                     unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainObj *obj;

    queryCheckFlags(query, 0, -1);
    if (!(obj = virDomainSnapshotObjQueryLookup(query, snapshot, &snap)))
        return -1;
    virDomainObjEndAPI(&obj);
    return 1;
}
