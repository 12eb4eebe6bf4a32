/*
 * test_snapshot.c: snapshots, as metadata only
 *
 * A snapshot records the domain's definition and state; reverting puts
 * them back.  Flags, state changes, events and errors are those of
 * libvirt 9.0's test driver, checked against Debian's libvirt.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"
#include "virdomainsnapshotquery.h"
#include "domain_event.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* libvirt raises the checks of snapshot definitions in its snapshot
 * error domain. */
#define testReportSnapshotError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN_SNAPSHOT, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* Defaults the domain parser leaves to the driver, for the domain
 * definitions a snapshot carries. */
static void
testSnapshotDefSetDefaults(virDomainSnapshotDef *def)
{
    if (def->dom)
        testDomainDefSetDefaults(def->dom);
    if (def->inactiveDom)
        testDomainDefSetDefaults(def->inactiveDom);
}


static const virDomainSnapshotObjQuery testSnapQuery = {
    .lookup = testDomObjFromDomain,
    .errorDomain = VIR_FROM_TEST,
};


/* The domain of @snapshot, locked, and the snapshot in it. */
static virDomainObj *
testSnapObjLookup(virDomainSnapshotPtr snapshot, virDomainMomentObj **snap)
{
    return virDomainSnapshotObjQueryLookup(&testSnapQuery, snapshot, snap);
}


/* Does nothing without an event: the public getters used here reset
 * the thread's error, which a failed call must keep. */
static void
testQueueEvent(virDomainPtr domain, virObjectEvent *event)
{
    testDriver *driver;

    if (!event)
        return;
    driver = testDriverFromConn(virDomainGetConnect(domain));
    virObjectEventStateQueue(driver->eventState, event);
}


/**
 * testDomainSnapshotLoad:
 * @obj: a domain just loaded from a node file, locked
 * @nodes: its <test:domainsnapshot> elements, in libvirt's metadata
 *         format (with <active>)
 * @nnodes: how many
 *
 * Returns 0, or -1 with an error set.
 */
int
testDomainSnapshotLoad(virDomainObj *obj, xmlNodePtr *nodes, size_t nnodes)
{
    virDomainMomentObj *current = NULL;
    size_t i;

    for (i = 0; i < nnodes; i++) {
        g_autoptr(virDomainSnapshotDef) def = NULL;
        virDomainMomentObj *snap;
        bool isCurrent;

        if (!(def = virDomainSnapshotDefParseNode(nodes[i]->doc, nodes[i],
                                                  VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                                                  VIR_DOMAIN_SNAPSHOT_PARSE_DISKS |
                                                  VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL)))
            return -1;
        testSnapshotDefSetDefaults(def);
        isCurrent = def->current;
        if (!(snap = virDomainSnapshotObjListAdd(obj->snapshots, &def)))
            return -1;
        if (isCurrent) {
            if (current) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("more than one snapshot claims to be active"));
                return -1;
            }
            current = snap;
        }
    }
    virDomainSnapshotObjListSetCurrent(obj->snapshots, current);

    if (virDomainSnapshotObjListUpdateRelations(obj->snapshots) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Snapshots have inconsistent relations for domain %1$s"),
                       obj->def->name);
        return -1;
    }
    return 0;
}


/* The domain disk a snapshot <disk name=> names: target or source. */
static virDomainDiskDef *
testSnapshotFindDisk(const virDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (STREQ(disk->dst, name) || STREQ_NULLABLE(disk->src->path, name))
            return disk;
    }
    return NULL;
}


/* An external image needs a name; one beside the disk's own image can
 * be made up ("base.qcow2" becomes "base.SNAPNAME", as libvirt does),
 * but only for a regular file. */
static int
testSnapshotCheckExternal(const virDomainSnapshotDiskDef *sdisk,
                          const virDomainDiskDef *disk)
{
    if ((sdisk && sdisk->src->path) ||
        (disk->src->path && g_file_test(disk->src->path, G_FILE_TEST_IS_REGULAR)))
        return 0;
    testReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                            _("source for disk '%1$s' is not a regular file; refusing to generate external snapshot name"),
                            disk->dst);
    return -1;
}


static void
testSnapshotExternalName(virDomainSnapshotDiskDef *sdisk,
                         const virDomainDiskDef *disk,
                         const char *snapname)
{
    const char *path = disk->src->path;
    const char *dot = strrchr(path, '.');

    if (sdisk->src->path)
        return;
    if (!dot || strchr(dot, '/'))
        sdisk->src->path = g_strdup_printf("%s.%s", path, snapname);
    else
        sdisk->src->path = g_strdup_printf("%.*s.%s", (int)(dot - path), path,
                                           snapname);
    sdisk->src->type = VIR_STORAGE_TYPE_FILE;
}


/* Check the <disk> requests of @def against its domain: each names one
 * of its disks once and, with @match, asks for @location.  Sets
 * @listed[i] to the request for domain disk i and @where[i] to where
 * that disk's snapshot goes.  Nothing is changed on error. */
static int
testSnapshotCheckDisks(const virDomainSnapshotDef *def,
                       virDomainSnapshotLocation location,
                       bool match,
                       virDomainSnapshotDiskDef **listed,
                       virDomainSnapshotLocation *where)
{
    const virDomainDef *dom = def->dom;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *sdisk = &def->disks[i];
        virDomainDiskDef *disk = testSnapshotFindDisk(dom, sdisk->name);
        size_t idx;

        if (!disk) {
            testReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("no disk named '%1$s'"), sdisk->name);
            return -1;
        }
        for (idx = 0; dom->disks[idx] != disk; idx++)
            ;
        if (listed[idx]) {
            testReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("disk '%1$s' specified twice"), sdisk->name);
            return -1;
        }
        if (match && sdisk->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT &&
            sdisk->snapshot != location) {
            testReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("disk '%1$s' must use snapshot mode '%2$s'"),
                                    sdisk->name,
                                    virDomainSnapshotLocationTypeToString(location));
            return -1;
        }
        listed[idx] = sdisk;
    }

    for (i = 0; i < dom->ndisks; i++) {
        if (listed[i] && listed[i]->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
            where[i] = listed[i]->snapshot;
        else if (dom->disks[i]->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
            where[i] = dom->disks[i]->snapshot;
        else
            where[i] = location;
        if (where[i] == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL &&
            testSnapshotCheckExternal(listed[i], dom->disks[i]) < 0)
            return -1;
    }
    return 0;
}


/* Give every disk of the saved domain one <disk> of the snapshot, in
 * the domain's order: @location unless the disk says otherwise; with
 * @match the listed ones may not ask for anything else. */
static int
testSnapshotAlignDisks(virDomainSnapshotDef *def,
                       virDomainSnapshotLocation location,
                       bool match)
{
    const virDomainDef *dom = def->dom;
    g_autofree virDomainSnapshotDiskDef **listed =
        g_new0(virDomainSnapshotDiskDef *, dom->ndisks);
    g_autofree virDomainSnapshotLocation *where =
        g_new0(virDomainSnapshotLocation, dom->ndisks);
    virDomainSnapshotDiskDef *aligned;
    size_t i;

    if (testSnapshotCheckDisks(def, location, match, listed, where) < 0)
        return -1;

    /* Nothing fails from here: requests move into @aligned, the disks
     * not listed get one of their own. */
    aligned = g_new0(virDomainSnapshotDiskDef, dom->ndisks);
    for (i = 0; i < dom->ndisks; i++) {
        if (listed[i]) {
            aligned[i] = *listed[i];
            g_free(aligned[i].name);
        } else {
            aligned[i].src = virStorageSourceNew();
        }
        aligned[i].name = g_strdup(dom->disks[i]->dst);
        aligned[i].snapshot = where[i];
        if (where[i] == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            testSnapshotExternalName(&aligned[i], dom->disks[i], def->name);
    }

    g_free(def->disks);
    def->disks = aligned;
    def->ndisks = dom->ndisks;
    return 0;
}


static bool
testSnapshotIsExternal(const virDomainSnapshotDef *def)
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


/* A new snapshot of @obj: its definition and state now, its memory
 * saved internally while it runs. */
static int
testSnapshotFillNew(virDomainObj *obj, virDomainSnapshotDef *def)
{
    virDomainSnapshotLocation location = VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;
    bool match = true;

    virDomainDefFree(def->dom);
    if (!(def->dom = virDomainDefCopy(obj->def)))
        return -1;
    def->dom->id = -1;

    def->state = virDomainObjGetState(obj, NULL);
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
        location = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
        match = false;
    } else {
        def->memory = def->state == VIR_DOMAIN_SNAPSHOT_SHUTOFF ?
                      VIR_DOMAIN_SNAPSHOT_LOCATION_NO :
                      VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;
    }
    return testSnapshotAlignDisks(def, location, match);
}


/* Checks of a redefinition, and the snapshot it replaces if any. */
static int
testSnapshotPrepRedefine(virDomainPtr domain,
                         virDomainObj *obj,
                         virDomainSnapshotDef *def,
                         virDomainMomentObj **existing)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    bool external = def->state == VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT ||
                    testSnapshotIsExternal(def);

    if (!def->dom) {
        testReportSnapshotError(VIR_ERR_INTERNAL_ERROR, "%s",
                                _("missing domain in snapshot"));
        return -1;
    }
    if (virDomainGetUUID(domain, uuid) < 0)
        return -1;
    if (memcmp(def->dom->uuid, uuid, VIR_UUID_BUFLEN) != 0) {
        virUUIDFormat(uuid, uuidstr);
        testReportSnapshotError(VIR_ERR_INVALID_ARG,
                                _("definition for snapshot %1$s must use uuid %2$s"),
                                def->name, uuidstr);
        return -1;
    }
    if (virDomainSnapshotObjListCheckParent(obj->snapshots, def->name,
                                            def->parent_name) < 0)
        return -1;

    /* The disks of a redefined snapshot are completed as a new one's,
     * externally when its memory or any disk was saved externally. */
    if (testSnapshotAlignDisks(def, external ? VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL :
                               VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL, !external) < 0)
        return -1;

    *existing = virDomainSnapshotObjListFindByName(obj->snapshots, def->name);
    if (*existing &&
        ((*existing)->def->state == VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT) !=
        (def->state == VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT)) {
        testReportSnapshotError(VIR_ERR_INVALID_ARG,
                                _("cannot change between disk only and full system in snapshot %1$s"),
                                def->name);
        return -1;
    }
    return 0;
}


/**
 * testDomainSnapshotCreateXML:
 *
 * Record a snapshot (child of the current one, which it becomes), or
 * with VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE restore one's metadata.
 * HALT stops a running domain (STOPPED/FROM_SNAPSHOT).  NO_METADATA,
 * DISK_ONLY and REUSE_EXT are refused as libvirt's test driver does.
 */
virDomainSnapshotPtr
testDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
                            unsigned int flags)
{
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    unsigned int parseFlags = VIR_DOMAIN_SNAPSHOT_PARSE_DISKS;
    g_autoptr(virDomainSnapshotDef) def = NULL;
    virDomainMomentObj *snap = NULL;
    virObjectEvent *event = NULL;
    virDomainSnapshotPtr ret = NULL;
    virDomainObj *obj;

    /* QUIESCE, ATOMIC and LIVE change nothing for a domain that has no
     * disks to write; VALIDATE has no schema to check against here. */
    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC |
                  VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;

    if (!obj->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot halt after transient domain snapshot"));
        goto endapi;
    }

    if (redefine)
        parseFlags |= VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE;
    if (!(def = virDomainSnapshotDefParseString(xmlDesc, parseFlags)))
        goto endapi;
    testSnapshotDefSetDefaults(def);

    if (redefine) {
        if (testSnapshotPrepRedefine(domain, obj, def, &snap) < 0)
            goto endapi;
        if (snap) {
            virDomainSnapshotDefFree(snap->def);
            snap->def = g_steal_pointer(&def);
        }
    } else {
        if (testSnapshotFillNew(obj, def) < 0)
            goto endapi;
        g_free(def->parent_name);
        def->parent_name =
            g_strdup(virDomainSnapshotObjListGetCurrentName(obj->snapshots));
    }

    if (!snap && !(snap = virDomainSnapshotObjListAdd(obj->snapshots, &def)))
        goto endapi;

    if (!redefine && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) &&
        virDomainObjIsActive(obj)) {
        testDomainShutdownState(domain, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STOPPED,
                                                  VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }

    if (!redefine || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT))
        virDomainSnapshotObjListSetCurrent(obj->snapshots, snap);
    virDomainSnapshotObjListLinkParent(obj->snapshots, snap);
    ret = virGetDomainSnapshot(domain, snap->def->name);

 endapi:
    virDomainObjEndAPI(&obj);
    testQueueEvent(domain, event);
    return ret;
}


/* The read-only calls answer from the snapshot tree (conf/). */
int
testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                           unsigned int flags)
{
    return virDomainSnapshotObjQueryListAll(&testSnapQuery, domain, snaps, flags);
}


int
testDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryNum(&testSnapQuery, domain, flags);
}


int
testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                            unsigned int flags)
{
    return virDomainSnapshotObjQueryListNames(&testSnapQuery, domain, names,
                                              nameslen, flags);
}


int
testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                  virDomainSnapshotPtr **snaps,
                                  unsigned int flags)
{
    return virDomainSnapshotObjQueryListAllChildren(&testSnapQuery, snapshot,
                                                    snaps, flags);
}


int
testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryNumChildren(&testSnapQuery, snapshot, flags);
}


int
testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                    char **names, int nameslen,
                                    unsigned int flags)
{
    return virDomainSnapshotObjQueryListChildrenNames(&testSnapQuery, snapshot,
                                                      names, nameslen, flags);
}


virDomainSnapshotPtr
testDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
                               unsigned int flags)
{
    return virDomainSnapshotObjQueryLookupByName(&testSnapQuery, domain, name,
                                                 flags);
}


int
testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryHasCurrent(&testSnapQuery, domain, flags);
}


virDomainSnapshotPtr
testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryGetParent(&testSnapQuery, snapshot, flags);
}


virDomainSnapshotPtr
testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryCurrent(&testSnapQuery, domain, flags);
}


char *
testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryGetXMLDesc(&testSnapQuery, snapshot, flags);
}


int
testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryIsCurrent(&testSnapQuery, snapshot, flags);
}


int
testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryHasMetadata(&testSnapQuery, snapshot, flags);
}


typedef struct _testSnapshotRemoveData testSnapshotRemoveData;
struct _testSnapshotRemoveData {
    virDomainSnapshotObjList *snapshots;
    bool current;                       /* the current one was removed */
};


static int
testSnapshotRemoveOne(virDomainMomentObj *snap, void *opaque)
{
    testSnapshotRemoveData *data = opaque;

    data->current |= virDomainSnapshotObjListRemove(data->snapshots, snap);
    return 0;
}


/**
 * testDomainSnapshotDelete:
 *
 * Forget a snapshot, handing its children to its parent; or its
 * descendants too (CHILDREN), or only them (CHILDREN_ONLY).  The
 * current snapshot moves up to the nearest survivor.  libvirt's test
 * driver refuses METADATA_ONLY.
 */
int
testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainMomentObj *child;
    virDomainObj *obj;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);

    if (!(obj = testSnapObjLookup(snapshot, &snap)))
        return -1;

    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                 VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)) {
        testSnapshotRemoveData data = { obj->snapshots, false };

        virDomainMomentForEachDescendant(snap, testSnapshotRemoveOne, &data);
        if (data.current)
            virDomainSnapshotObjListSetCurrent(obj->snapshots, snap);
    } else {
        for (child = snap->firstChild; child; child = child->sibling) {
            g_free(child->def->parent_name);
            child->def->parent_name = g_strdup(snap->def->parent_name);
        }
        virDomainMomentMoveChildren(snap, snap->parent);
    }

    if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)) {
        if (virDomainSnapshotObjListGetCurrent(obj->snapshots) == snap) {
            virDomainMomentObj *parent =
                virDomainSnapshotObjListFindByName(obj->snapshots,
                                                   snap->def->parent_name);

            virDomainSnapshotObjListSetCurrent(obj->snapshots, parent);
        }
        virDomainSnapshotObjListRemove(obj->snapshots, snap);
    }

    virDomainObjEndAPI(&obj);
    return 0;
}


/* Reverting to a snapshot of a running or paused domain.  libvirt 9.0's
 * test driver always restarts the guest from the saved definition, with
 * a stop event first when it ran. */
static int
testSnapshotRevertActive(virDomainSnapshotPtr snapshot,
                         virDomainObj *obj,
                         virDomainSnapshotDef *snapdef,
                         virDomainDef **config,
                         unsigned int flags)
{
    virDomainPtr domain = virDomainSnapshotGetDomain(snapshot);
    testDriver *driver = testDriverFromConn(virDomainGetConnect(domain));

    if (virDomainObjIsActive(obj)) {
        testDomainShutdownState(domain, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        testQueueEvent(domain,
                       virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STOPPED,
                                                         VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT));
    }

    virDomainObjAssignDef(obj, config, false, NULL);
    if (testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT) < 0)
        return -1;
    testQueueEvent(domain,
                   virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STARTED,
                                                     VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT));

    if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
        (snapdef->state == VIR_DOMAIN_SNAPSHOT_PAUSED ||
         (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
        testQueueEvent(domain,
                       virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                                         VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT));
    }
    return 0;
}


/* Reverting to a snapshot of a stopped domain: the domain stops.  With
 * RUNNING or PAUSED libvirt 9.0's test driver reports the start (and
 * pause) but leaves the domain stopped; kept as it is observable. */
static void
testSnapshotRevertInactive(virDomainSnapshotPtr snapshot,
                           virDomainObj *obj,
                           virDomainDef **config,
                           unsigned int flags)
{
    virDomainPtr domain = virDomainSnapshotGetDomain(snapshot);

    virDomainObjAssignDef(obj, config, false, NULL);
    if (virDomainObjIsActive(obj)) {
        testDomainShutdownState(domain, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        testQueueEvent(domain,
                       virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STOPPED,
                                                         VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT));
    }

    if (!(flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                   VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)))
        return;
    testQueueEvent(domain,
                   virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STARTED,
                                                     VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT));
    if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
        testQueueEvent(domain,
                       virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                                         VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT));
}


/**
 * testDomainRevertToSnapshot:
 *
 * Put the domain back in the snapshot's definition and state, which
 * becomes the current snapshot.  RUNNING or PAUSED override the saved
 * state; FORCE is accepted (nothing here is risky).
 */
int
testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    g_autoptr(virDomainDef) config = NULL;
    virDomainSnapshotDef *snapdef;
    virDomainMomentObj *snap;
    virDomainObj *obj;
    bool activeSnapshot;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                  VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                  VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1);

    if (!(obj = testSnapObjLookup(snapshot, &snap)))
        return -1;
    snapdef = snap->def;
    activeSnapshot = snapdef->state == VIR_DOMAIN_SNAPSHOT_RUNNING ||
                     snapdef->state == VIR_DOMAIN_SNAPSHOT_PAUSED;

    if (!obj->persistent && !activeSnapshot &&
        !(flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                   VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("transient domain needs to request run or pause to revert to inactive snapshot"));
        goto endapi;
    }
    if (!snapdef->dom) {
        virReportError(VIR_ERR_SNAPSHOT_REVERT_RISKY,
                       _("snapshot '%1$s' lacks domain '%2$s' rollback info"),
                       snapdef->name, obj->def->name);
        goto endapi;
    }

    virDomainSnapshotObjListSetCurrent(obj->snapshots, NULL);
    if (!(config = virDomainDefCopy(snapdef->dom)))
        goto endapi;
    config->id = -1;

    if (activeSnapshot) {
        if (testSnapshotRevertActive(snapshot, obj, snapdef, &config, flags) < 0)
            goto endapi;
    } else {
        testSnapshotRevertInactive(snapshot, obj, &config, flags);
    }

    virDomainSnapshotObjListSetCurrent(obj->snapshots, snap);
    ret = 0;

 endapi:
    virDomainObjEndAPI(&obj);
    return ret;
}
