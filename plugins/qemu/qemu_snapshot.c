/*
 * qemu_snapshot.c: the snapshot members of the qemu hypervisor table
 *
 * External snapshots only: every disk change goes through a plan
 * (qemu_snapshot_plan.c) checked whole before it starts and run under
 * the intent log (qemu_snapshot_store.c).  Internal snapshots (qcow2
 * snapshots inside the image, memory kept by QEMU) are refused.
 *
 * Locking: every member holds the domain object's lock from lookup to
 * the end, across plan execution (block jobs release it while waiting).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_agent.h"
#include "qemu_snapshot.h"
#include "virdomainsnapshotquery.h"
#include "qemu_snapshot_graph.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static const virDomainSnapshotObjQuery qemuSnapQuery = {
    .lookup = qemuDomainObjFromDomain,
    .errorDomain = VIR_FROM_QEMU,
};


/* The snapshot's domain, locked and referenced, and the snapshot. */
static virDomainObj *
qemuSnapObjLookup(virDomainSnapshotPtr snapshot, virDomainMomentObj **snap)
{
    return virDomainSnapshotObjQueryLookup(&qemuSnapQuery, snapshot, snap);
}


static qemuDriver *
qemuSnapDriver(virDomainPtr domain)
{
    return qemuDriverFromConn(virDomainGetConnect(domain));
}


/* Disks with a block job QEMU still runs: the snapshot engine's job ids
 * are KIND-DISK-NODE, qemu_blockjob.c's the disk's target. */
static GHashTable *
qemuSnapActiveJobs(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    GHashTable *jobs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter it;
    gpointer k, v;

    if (!virDomainObjIsActive(vm) || !priv->jobs)
        return jobs;
    /* best effort: without it, only the jobs events told us about */
    if (qemuSnapQmpLearnJobs(vm) < 0)
        virResetLastError();
    g_hash_table_iter_init(&it, priv->jobs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_auto(GStrv) f = g_strsplit(k, "-", 3);

        if (STREQ(v, "concluded") || STREQ(v, "null"))
            continue;
        if (g_strv_length(f) == 3 && STRNEQ(f[0], "create"))
            g_hash_table_add(jobs, g_strdup(f[1]));
        else if (g_strv_length(f) == 1 && qemuSnapDiskByDst(vm->def, k))
            g_hash_table_add(jobs, g_strdup(k));    /* qemu_blockjob.c's */
    }
    return jobs;
}


static void
qemuSnapAddChainPaths(GHashTable *set, const virDomainDef *def)
{
    size_t i;

    for (i = 0; def && i < def->ndisks; i++) {
        virStorageSource *src;

        for (src = def->disks[i]->src; src && src->type != VIR_STORAGE_TYPE_NONE;
             src = src->backingStore) {
            if (src->path)
                g_hash_table_add(set, g_strdup(src->path));
        }
    }
}


/* The image graph of @vm as it is now. */
static qemuSnapGraph *
qemuSnapGraphOf(qemuDriver *driver, virDomainObj *vm)
{
    bool active = virDomainObjIsActive(vm);
    g_autoptr(GHashTable) open = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    g_autoptr(GHashTable) jobs = qemuSnapActiveJobs(vm);
    g_autoptr(GPtrArray) owned = NULL;
    g_autoptr(GHashTable) stamps = NULL;
    qemuSnapGraph *g;
    GHashTableIter it;
    gpointer k, v;

    if (active)
        qemuSnapAddChainPaths(open, vm->def);
    if (qemuSnapshotStoreLoadImages(driver->snapshotDir, vm->def->name,
                                    &owned, &stamps) < 0)
        return NULL;
    g_ptr_array_add(owned, NULL);
    if (!(g = qemuSnapGraphNewFromDomain(vm->snapshots, active ? vm->def : NULL,
                                         vm->persistent ?
                                         virDomainObjGetPersistentDef(vm) : NULL,
                                         open, jobs,
                                         (const char *const *)owned->pdata)))
        return NULL;
    g_hash_table_iter_init(&it, stamps);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        qemuSnapImage *img = qemuSnapGraphLookup(g, k);

        if (img) {
            img->recSize = ((qemuSnapStamp *)v)->size;
            img->recMtimeNs = ((qemuSnapStamp *)v)->mtimeNs;
        }
    }
    return g;
}


/* After a plan: remember the revert overlays it created (so that a
 * later plan may unlink them) and stamp every image that is now only a
 * backing image, which nothing may change behind our back (the plan's
 * "changed since it was recorded" check).  Images gone are forgotten. */
static int
qemuSnapRecordImages(qemuDriver *driver, virDomainObj *vm,
                     const qemuSnapPlan *plan)
{
    g_autoptr(GPtrArray) owned = NULL;
    g_autoptr(GHashTable) stamps = NULL;
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(qemuSnapGraph) g = NULL;
    GHashTableIter it;
    gpointer k, v;
    size_t i;

    if (qemuSnapshotStoreLoadImages(driver->snapshotDir, vm->def->name,
                                    &owned, &stamps) < 0)
        return -1;
    for (i = 0; plan && i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);

        if (st->type == QEMU_SNAP_STEP_IMG_CREATE && !st->reuse)
            g_ptr_array_add(owned, g_strdup(st->image));
    }
    for (i = 0; i < owned->len; i++) {
        const char *path = g_ptr_array_index(owned, i);

        if (virFileExists(path) &&
            !g_ptr_array_find_with_equal_func(keep, path, g_str_equal, NULL))
            g_ptr_array_add(keep, g_strdup(path));
    }
    /* The stamps depend only on the images and their children, not on
     * which of them we own: one write of the file, after the graph. */
    if (!(g = qemuSnapGraphOf(driver, vm)))
        return -1;

    g_hash_table_remove_all(stamps);
    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        qemuSnapImage *img = v;
        qemuSnapStamp *st;
        g_autoptr(GPtrArray) kids = NULL;

        if (!img->exists)
            continue;
        kids = qemuSnapGraphChildren(g, img->path);
        if (kids->len == 0)
            continue;           /* a top: written to */
        st = g_new0(qemuSnapStamp, 1);
        st->size = img->size;
        st->mtimeNs = img->mtimeNs;
        g_hash_table_insert(stamps, g_strdup(k), st);
    }
    return qemuSnapshotStoreSaveImages(driver->snapshotDir, vm->def->name,
                                       keep, stamps);
}


static int
qemuSnapRun(qemuDriver *driver, virDomainObj *vm, const char *op,
            const char *name, const qemuSnapPlan *plan,
            virDomainSnapshotDef **newDef)
{
    qemuSnapExecCtx ctx = {
        .driver = driver,
        .vm = vm,
        .snapshotDir = driver->snapshotDir,
        .domain = vm->def->name,
    };
    qemuSnapExecutor ex = {
        .run = qemuSnapExecStep,
        .undo = qemuSnapExecUndo,
        .start = qemuSnapExecStart,
        .finish = qemuSnapExecFinish,
        .opaque = &ctx,
    };
    int rc;

    if (newDef)
        ctx.newDef = g_steal_pointer(newDef);
    rc = qemuSnapshotStoreRunPlan(driver->snapshotDir, vm->def->name, op, name,
                                  plan, &ex);
    qemuSnapExecCtxClear(&ctx);
    return rc;
}


static int
qemuSnapCheckNoIntent(qemuDriver *driver, virDomainObj *vm)
{
    if (qemuSnapshotStoreIntentPending(driver->snapshotDir, vm->def->name)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("an interrupted snapshot operation of domain '%1$s' is not finished"),
                       vm->def->name);
        return -1;
    }
    return 0;
}


/**
 * qemuSnapshotLoadDomain:
 * @driver: a driver state
 * @vm: a domain just loaded (and reconnected if running), locked
 *
 * Loads the domain's snapshot records and finishes a snapshot plan a
 * crash interrupted.  Call it once per domain at driver start, after
 * qemuProcessReconnect() for a running one.
 *
 * Returns 0, or -1 with an error (the domain stays usable; a plan left
 * unfinished blocks further snapshot operations until it is).
 */
int
qemuSnapshotLoadDomain(qemuDriver *driver, virDomainObj *vm)
{
    qemuSnapExecCtx ctx = {
        .driver = driver,
        .vm = vm,
        .snapshotDir = driver->snapshotDir,
        .domain = vm->def->name,
    };
    qemuSnapExecutor ex = {
        .run = qemuSnapExecStep,
        .undo = qemuSnapExecUndo,
        .start = qemuSnapExecStart,
        .finish = qemuSnapExecFinish,
        .opaque = &ctx,
    };
    int rc;

    if (qemuSnapshotStoreLoad(driver->snapshotDir, vm->def->name,
                              vm->snapshots) < 0)
        return -1;
    rc = qemuSnapshotStoreRecover(driver->snapshotDir, vm->def->name, &ex);
    qemuSnapExecCtxClear(&ctx);
    if (rc < 0)
        return -1;
    if (rc > 0 &&
        (qemuSnapshotStoreRemovePending(driver->snapshotDir, vm->def->name) < 0 ||
         qemuSnapRecordImages(driver, vm, NULL) < 0))
        return -1;
    return 0;
}


/* ------------------------------------------------------------------ */
/* Listing and lookup                                                 */

int
qemuDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryNum(&qemuSnapQuery, domain, flags);
}


int
qemuDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                            unsigned int flags)
{
    return virDomainSnapshotObjQueryListNames(&qemuSnapQuery, domain, names,
                                              nameslen, flags);
}


int
qemuDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                           unsigned int flags)
{
    return virDomainSnapshotObjQueryListAll(&qemuSnapQuery, domain, snaps, flags);
}


int
qemuDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryNumChildren(&qemuSnapQuery, snapshot, flags);
}


int
qemuDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                    char **names, int nameslen,
                                    unsigned int flags)
{
    return virDomainSnapshotObjQueryListChildrenNames(&qemuSnapQuery, snapshot,
                                                      names, nameslen, flags);
}


int
qemuDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                  virDomainSnapshotPtr **snaps,
                                  unsigned int flags)
{
    return virDomainSnapshotObjQueryListAllChildren(&qemuSnapQuery, snapshot,
                                                    snaps, flags);
}


virDomainSnapshotPtr
qemuDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
                               unsigned int flags)
{
    return virDomainSnapshotObjQueryLookupByName(&qemuSnapQuery, domain, name,
                                                 flags);
}


int
qemuDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryHasCurrent(&qemuSnapQuery, domain, flags);
}


virDomainSnapshotPtr
qemuDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryGetParent(&qemuSnapQuery, snapshot, flags);
}


virDomainSnapshotPtr
qemuDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    return virDomainSnapshotObjQueryCurrent(&qemuSnapQuery, domain, flags);
}


char *
qemuDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryGetXMLDesc(&qemuSnapQuery, snapshot, flags);
}


int
qemuDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryIsCurrent(&qemuSnapQuery, snapshot, flags);
}


int
qemuDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    return virDomainSnapshotObjQueryHasMetadata(&qemuSnapQuery, snapshot, flags);
}


/* ------------------------------------------------------------------ */
/* Create                                                             */

static virDomainSnapshotDiskDef *
qemuSnapFindRequest(virDomainSnapshotDef *def, const virDomainDiskDef *disk)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        /* entries already taken have no name any more */
        if (STREQ_NULLABLE(def->disks[i].name, disk->dst) ||
            (def->disks[i].name && STREQ_NULLABLE(def->disks[i].name,
                                                  disk->src->path)))
            return &def->disks[i];
    }
    return NULL;
}


/* Every request must name a disk of @dom, once. */
static int
qemuSnapCheckRequests(const virDomainSnapshotDef *def, const virDomainDef *dom)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        const char *name = def->disks[i].name;
        bool found = false;

        for (j = 0; j < dom->ndisks; j++) {
            if (STREQ(dom->disks[j]->dst, name) ||
                STREQ_NULLABLE(dom->disks[j]->src->path, name))
                found = true;
        }
        if (!found) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("no disk named '%1$s'"), name);
            return -1;
        }
        for (j = 0; j < i; j++) {
            if (STREQ(def->disks[j].name, name)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("disk '%1$s' specified twice"), name);
                return -1;
            }
        }
    }
    return 0;
}


/* One <disks> entry per disk of @dom, in its order, and the plan's
 * requests.  A disk that is no plain local disk is not snapshotted. */
static int
qemuSnapAlignDisks(virDomainSnapshotDef *def, const virDomainDef *dom,
                   qemuSnapDiskSpec **specs)
{
    virDomainSnapshotDiskDef *aligned;
    size_t i;

    if (qemuSnapCheckRequests(def, dom) < 0)
        return -1;
    aligned = g_new0(virDomainSnapshotDiskDef, dom->ndisks);
    *specs = g_new0(qemuSnapDiskSpec, dom->ndisks);
    for (i = 0; i < dom->ndisks; i++) {
        const virDomainDiskDef *disk = dom->disks[i];
        virDomainSnapshotDiskDef *req = qemuSnapFindRequest(def, disk);
        virDomainSnapshotLocation loc = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;

        if (req && req->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
            loc = req->snapshot;
        else if (disk->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
            loc = disk->snapshot;
        if (disk->device != VIR_DOMAIN_DISK_DEVICE_DISK || disk->src->readonly ||
            (disk->src->type != VIR_STORAGE_TYPE_FILE &&
             disk->src->type != VIR_STORAGE_TYPE_BLOCK))
            loc = VIR_DOMAIN_SNAPSHOT_LOCATION_NO;

        if (req) {
            aligned[i] = *req;
            req->src = NULL;
            req->name = NULL;
            g_free(aligned[i].name);
        } else {
            aligned[i].src = virStorageSourceNew();
        }
        aligned[i].name = g_strdup(disk->dst);
        aligned[i].snapshot = loc;
        (*specs)[i].dst = aligned[i].name;
        (*specs)[i].location = loc;
        (*specs)[i].file = aligned[i].src->path;
    }
    for (i = 0; i < def->ndisks; i++) {
        g_free(def->disks[i].name);
        virStorageSourceFree(def->disks[i].src);
    }
    g_free(def->disks);
    def->disks = aligned;
    def->ndisks = dom->ndisks;
    return 0;
}


/* --no-metadata: the plan without its META_ADD step. */
static void
qemuSnapPlanDropRecord(qemuSnapPlan *plan)
{
    size_t i;

    for (i = 0; i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);

        if (st->type == QEMU_SNAP_STEP_META_ADD) {
            g_ptr_array_remove_index(plan->steps, i);
            return;
        }
    }
}


/* Fill the <disks> sources of external entries from the plan (default
 * names are the planner's). */
static void
qemuSnapFillOverlays(virDomainSnapshotDef *def, const qemuSnapPlan *plan)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *sd = &def->disks[i];

        if (sd->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        for (j = 0; j < plan->steps->len; j++) {
            const qemuSnapStep *st = g_ptr_array_index(plan->steps, j);

            if ((st->type == QEMU_SNAP_STEP_DOMAIN_PUSH) &&
                STREQ_NULLABLE(st->disk, sd->name)) {
                g_free(sd->src->path);
                sd->src->path = g_strdup(st->image);
                sd->src->type = VIR_STORAGE_TYPE_FILE;
                sd->src->format = VIR_STORAGE_FILE_QCOW2;
            }
        }
    }
}


/* The record is NAME.xml in the domain's snapshot directory, and the
 * records are read back from every file not starting with a dot: a
 * name must stay one file name there, found again on the next load.
 * '/' and a leading '.' get libvirt's code and words; a newline, which
 * libvirt's qemu driver lets through into the default overlay paths,
 * gets the words libvirt uses for it in other object names. */
static int
qemuSnapCheckName(const virDomainSnapshotDef *def, unsigned int flags)
{
    const char *name = def->name;

    if (!name || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA))
        return 0;
    if (strchr(name, '/')) {
        virReportError(VIR_ERR_XML_DETAIL,
                       _("invalid snapshot name '%1$s': name can't contain '/'"),
                       name);
        return -1;
    }
    if (name[0] == '.') {
        virReportError(VIR_ERR_XML_DETAIL,
                       _("invalid snapshot name '%1$s': name can't start with '.'"),
                       name);
        return -1;
    }
    if (strchr(name, '\n')) {
        virReportError(VIR_ERR_XML_DETAIL,
                       _("invalid char in %1$s: 0x%2$02x"), "name", '\n');
        return -1;
    }
    return 0;
}


static int
qemuSnapCreateCheck(virDomainObj *vm, virDomainSnapshotDef *def,
                    unsigned int flags)
{
    bool active = virDomainObjIsActive(vm);
    bool diskOnly = flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    size_t i;

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE) {
        if (qemuAgentFindChannel(vm->def) < 0) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                           _("QEMU guest agent is not configured"));
            return -1;
        }
        if (!active) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("domain is not running"));
            return -1;
        }
    }
    /* libvirt's rule and words: --live is for a running guest's
     * memory, so disk-only and offline snapshots refuse it */
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_LIVE) &&
        (!active || diskOnly ||
         def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("live snapshot creation is supported only during full system snapshots"));
        return -1;
    }
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL && (!active || diskOnly)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("memory state cannot be saved with offline or disk-only snapshot"));
        return -1;
    }
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL ||
        (active && !diskOnly && def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("internal snapshots are not supported; use --disk-only or an external --memspec"));
        return -1;
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL ||
            def->disks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("disk '%1$s': snapshot mode '%2$s' is not supported"),
                           def->disks[i].name,
                           virDomainSnapshotLocationTypeToString(def->disks[i].snapshot));
            return -1;
        }
    }
    return 0;
}


/* Fill what the driver decides: name, time, state, parent, the saved
 * definitions (S of every disk is the top now), the disk entries. */
static int
qemuSnapCreateFill(virDomainObj *vm, virDomainSnapshotDef *def,
                   unsigned int flags, qemuSnapDiskSpec **specs)
{
    bool active = virDomainObjIsActive(vm);
    long long now = g_get_real_time() / G_USEC_PER_SEC;

    def->creationTime = now;
    if (!def->name)
        def->name = g_strdup_printf("%lld", now);
    if (!active)
        def->state = VIR_DOMAIN_SNAPSHOT_SHUTOFF;
    else if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY)
        def->state = VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT;
    else
        def->state = virDomainObjGetState(vm, NULL);
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
        def->memory = VIR_DOMAIN_SNAPSHOT_LOCATION_NO;
    g_free(def->parent_name);
    def->parent_name = g_strdup(virDomainSnapshotObjListGetCurrentName(vm->snapshots));

    virDomainDefFree(def->dom);
    if (!(def->dom = virDomainDefCopy(vm->def)))
        return -1;
    def->dom->id = -1;
    if (active && vm->persistent && vm->newDef &&
        !(def->inactiveDom = virDomainDefCopy(vm->newDef)))
        return -1;
    return qemuSnapAlignDisks(def, vm->def, specs);
}


/* Whether QEMU says the guest opened the agent's port (query-chardev
 * "frontend-open" of its chardev): without that nobody can answer. */
static int
qemuSnapAgentConnected(virDomainObj *vm, int idx, bool *open)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autoptr(json_object) ret = NULL;
    g_autofree char *label = g_strdup_printf("charchannel%d", idx);
    size_t i;

    *open = false;
    if (qemuMonitorCommand(priv->mon, "query-chardev", NULL, -1, -1, &ret) < 0)
        return -1;
    for (i = 0; json_object_is_type(ret, json_type_array) &&
                i < json_object_array_length(ret); i++) {
        json_object *dev = json_object_array_get_idx(ret, i);
        json_object *val;

        if (json_object_object_get_ex(dev, "label", &val) &&
            STREQ(json_object_get_string(val), label) &&
            json_object_object_get_ex(dev, "frontend-open", &val))
            *open = json_object_get_boolean(val);
    }
    return 0;
}


/* --quiesce: freeze the guest's filesystems through its agent before
 * anything is saved; libvirt's errors when there is no agent to ask.
 * Waits at most QEMU_SNAP_AGENT_TIMEOUT_MS for each answer. */
#define QEMU_SNAP_AGENT_TIMEOUT_MS 5000

static int
qemuSnapFreeze(virDomainObj *vm, qemuAgent **agent)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    int idx = qemuAgentFindChannel(vm->def);
    g_autofree char *path = NULL;
    g_autoptr(qemuAgent) conn = NULL;
    bool open;

    if (qemuSnapAgentConnected(vm, idx, &open) < 0)
        return -1;
    if (!open) {
        virReportError(VIR_ERR_AGENT_UNRESPONSIVE, "%s",
                       _("QEMU guest agent is not connected"));
        return -1;
    }
    path = qemuAgentChannelPath(vm->def->channels[idx], priv->monPath);
    if (!(conn = qemuAgentOpen(path, QEMU_SNAP_AGENT_TIMEOUT_MS)) ||
        qemuAgentFSFreeze(conn, QEMU_SNAP_AGENT_TIMEOUT_MS) < 0) {
        virErrorPtr saved = NULL;

        /* a freeze that timed out may still happen in the guest */
        virErrorPreserveLast(&saved);
        if (conn)
            (void)qemuAgentFSThaw(conn, QEMU_SNAP_AGENT_TIMEOUT_MS);
        virErrorRestore(&saved);
        return -1;
    }
    *agent = g_steal_pointer(&conn);
    return 0;
}


/* Thaw what qemuSnapFreeze() froze, whatever happened in between; a
 * failure is reported only if the snapshot itself succeeded. */
static int
qemuSnapThaw(qemuAgent **agent, bool report)
{
    virErrorPtr saved = NULL;
    int rc;

    if (!*agent)
        return 0;
    if (!report)
        virErrorPreserveLast(&saved);
    rc = qemuAgentFSThaw(*agent, QEMU_SNAP_AGENT_TIMEOUT_MS);
    g_clear_pointer(agent, qemuAgentClose);
    if (!report)
        virErrorRestore(&saved);
    return report && rc < 0 ? -1 : 0;
}


static int
qemuSnapCreateMemory(qemuDriver *driver, virDomainObj *vm,
                     virDomainSnapshotDef *def, bool live, bool *resume)
{
    int reason;

    *resume = virDomainObjGetState(vm, &reason) == VIR_DOMAIN_RUNNING;
    if (def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
        return 0;
    if (!def->memorysnapshotfile || def->memorysnapshotfile[0] != '/') {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("external memory snapshots require an absolute file path"));
        return -1;
    }
    /* Without a <cpu> model QEMU runs its default x86 model. */
    if (virDomainSnapshotDefSetCookieCPU(def, vm->def, "qemu64") < 0)
        return -1;
    return qemuSaveImageWrite(driver, vm, def->memorysnapshotfile, live);
}


static int
qemuSnapResume(virDomainObj *vm, bool resume)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);

    if (!resume || !virDomainObjIsActive(vm) ||
        virDomainObjGetState(vm, NULL) == VIR_DOMAIN_RUNNING)
        return 0;
    if (qemuMonitorRun(priv->mon, "cont") < 0)
        return -1;
    virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    return 0;
}


static int
qemuSnapCreateRedefine(qemuDriver *driver, virDomainObj *vm,
                       virDomainSnapshotDef **def, unsigned int flags)
{
    virDomainMomentObj *snap;
    virDomainMomentObj *old = virDomainSnapshotObjListFindByName(vm->snapshots,
                                                                 (*def)->name);
    bool current = flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;

    if (virDomainSnapshotObjListCheckParent(vm->snapshots, (*def)->name,
                                            (*def)->parent_name) < 0)
        return -1;
    (*def)->current = current;
    if (qemuSnapshotStoreWrite(driver->snapshotDir, vm->def->name, *def) < 0)
        return -1;
    if (old) {
        virDomainSnapshotDefFree(old->def);
        old->def = g_steal_pointer(def);
        snap = old;
        virDomainMomentDropParent(snap);
    } else if (!(snap = virDomainSnapshotObjListAdd(vm->snapshots, def))) {
        return -1;
    }
    virDomainSnapshotObjListLinkParent(vm->snapshots, snap);
    if (current) {
        virDomainMomentObj *prev = virDomainSnapshotObjListGetCurrent(vm->snapshots);

        if (prev && prev != snap) {
            prev->def->current = false;
            if (qemuSnapshotStoreWrite(driver->snapshotDir, vm->def->name,
                                       prev->def) < 0)
                return -1;
        }
        virDomainSnapshotObjListSetCurrent(vm->snapshots, snap);
    }
    return 0;
}


/**
 * qemuDomainSnapshotCreateXML:
 *
 * External snapshots: disk-only (running: new overlays switched in one
 * transaction, the --atomic behaviour always; shut off: qemu-img
 * create), or with an external memory file (the guest is paused for
 * the memory and the disks and resumed after).  REDEFINE only records.
 */
virDomainSnapshotPtr
qemuDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
                            unsigned int flags)
{
    qemuDriver *driver = qemuSnapDriver(domain);
    g_autoptr(virDomainSnapshotDef) def = NULL;
    g_autoptr(qemuSnapGraph) g = NULL;
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autofree qemuSnapDiskSpec *specs = NULL;
    g_autofree char *name = NULL;
    virDomainSnapshotPtr ret = NULL;
    unsigned int parseFlags = VIR_DOMAIN_SNAPSHOT_PARSE_DISKS;
    g_autoptr(qemuAgent) agent = NULL;
    bool resume = false;
    virDomainObj *vm;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY |
                  VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC |
                  VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return NULL;
    if (qemuSnapCheckNoIntent(driver, vm) < 0)
        goto endapi;
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
        parseFlags |= VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE;
    else if (!virDomainObjIsActive(vm) || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY))
        parseFlags |= VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE;
    if (!(def = virDomainSnapshotDefParseString(xmlDesc, parseFlags)) ||
        qemuSnapCheckName(def, flags) < 0)
        goto endapi;

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) {
        name = g_strdup(def->name);
        if (qemuSnapCreateRedefine(driver, vm, &def, flags) == 0)
            ret = virGetDomainSnapshot(domain, name);
        goto endapi;
    }
    /* Shut off, external disk requests imply a disk-only snapshot
     * (libvirt refuses: "disk 'vda' must use snapshot mode 'internal'"). */
    if (!virDomainObjIsActive(vm))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    if (qemuSnapCreateCheck(vm, def, flags) < 0 ||
        qemuSnapCreateFill(vm, def, flags, &specs) < 0)
        goto endapi;
    if (virDomainSnapshotObjListFindByName(vm->snapshots, def->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain moment %1$s already exists"), def->name);
        goto endapi;
    }
    if (!(g = qemuSnapGraphOf(driver, vm)) ||
        qemuSnapPlanCreate(g, def->name, specs, def->ndisks,
                           flags & VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT,
                           &plan, NULL) < 0)
        goto endapi;
    qemuSnapFillOverlays(def, plan);
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)
        qemuSnapPlanDropRecord(plan);
    name = g_strdup(def->name);

    def->current = true;
    if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA) &&
        qemuSnapshotStoreWritePending(driver->snapshotDir, vm->def->name, def) < 0)
        goto endapi;
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE) &&
        qemuSnapFreeze(vm, &agent) < 0) {
        (void)qemuSnapshotStoreRemovePending(driver->snapshotDir, vm->def->name);
        goto endapi;
    }
    if (qemuSnapCreateMemory(driver, vm, def,
                             flags & VIR_DOMAIN_SNAPSHOT_CREATE_LIVE,
                             &resume) < 0 ||
        qemuSnapRun(driver, vm, "create", name, plan, &def) < 0) {
        virError *saved = NULL;

        virErrorPreserveLast(&saved);
        /* rolled back: the record waiting for the plan's end goes too
         * (an intent left past the commit point still needs it) */
        if (!qemuSnapshotStoreIntentPending(driver->snapshotDir, vm->def->name))
            (void)qemuSnapshotStoreRemovePending(driver->snapshotDir, vm->def->name);
        (void)qemuSnapResume(vm, resume);
        (void)qemuSnapThaw(&agent, false);
        virErrorRestore(&saved);
        goto endapi;
    }

    if (qemuSnapshotStoreRemovePending(driver->snapshotDir, vm->def->name) < 0 ||
        qemuSnapRecordImages(driver, vm, plan) < 0) {
        (void)qemuSnapThaw(&agent, false);
        goto endapi;
    }
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT && virDomainObjIsActive(vm)) {
        qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STOPPED,
                                VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    } else if (qemuSnapResume(vm, resume) < 0) {
        goto endapi;
    }
    /* after 'cont': a paused guest's agent cannot answer */
    if (!virDomainObjIsActive(vm))
        g_clear_pointer(&agent, qemuAgentClose);
    if (qemuSnapThaw(&agent, true) < 0)
        goto endapi;
    ret = virGetDomainSnapshot(domain, name);

 endapi:
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* Delete                                                             */

/**
 * qemuDomainSnapshotDelete:
 *
 * Deletes a snapshot, with CHILDREN its subtree, with CHILDREN_ONLY only
 * its descendants, with METADATA_ONLY only the records.  What happens to
 * the images is decided by the image graph (qemu_snapshot_plan.c); the
 * refusals all come before anything changes.
 */
int
qemuDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    qemuDriver *driver = qemuSnapDriver(virDomainSnapshotGetDomain(snapshot));
    g_autoptr(qemuSnapGraph) g = NULL;
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autofree char *name = NULL;
    virDomainMomentObj *snap = NULL;
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(QEMU_SNAP_DELETE_FLAGS, -1);
    if (!(vm = qemuSnapObjLookup(snapshot, &snap)))
        return -1;
    /* the record, and its name, go during the plan */
    name = g_strdup(snap->def->name);
    if (qemuSnapCheckNoIntent(driver, vm) < 0 ||
        !(g = qemuSnapGraphOf(driver, vm)) ||
        qemuSnapPlanDelete(g, name, flags, &plan, NULL) < 0)
        goto endapi;
    if (qemuSnapRun(driver, vm, "delete", name, plan, NULL) < 0 ||
        qemuSnapRecordImages(driver, vm, plan) < 0)
        goto endapi;
    ret = 0;

 endapi:
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* Revert                                                             */

/* The definition the snapshot restores, its disks on the new overlays.
 * A disk the snapshot did not cover keeps the image @current gives it:
 * the snapshot holds no state of it, and its old source, written to
 * since, would drop the image in use (the revert's plan keeps that). */
static virDomainDef *
qemuSnapRevertDef(const virDomainSnapshotDef *def, const qemuSnapPlan *plan,
                  const virDomainDef *current, bool inactive)
{
    const virDomainDef *from = inactive && def->inactiveDom ? def->inactiveDom :
                               def->dom;
    virDomainDef *restored = virDomainDefCopy(from);
    g_autoptr(virDomainDef) now = NULL;
    size_t i;

    if (!restored || (current && !(now = virDomainDefCopy(current)))) {
        virDomainDefFree(restored);
        return NULL;
    }
    for (i = 0; now && i < def->ndisks; i++) {
        virDomainDiskDef *disk = qemuSnapDiskByDst(restored, def->disks[i].name);
        virDomainDiskDef *keep = qemuSnapDiskByDst(now, def->disks[i].name);

        if (def->disks[i].snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_NO ||
            !disk || !keep)
            continue;
        virStorageSourceFree(disk->src);
        disk->src = g_steal_pointer(&keep->src);
        keep->src = virStorageSourceNew();
    }
    for (i = 0; i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);
        virDomainDiskDef *disk;

        if (st->type != QEMU_SNAP_STEP_DOMAIN_PUSH || !st->config ||
            !(disk = qemuSnapDiskByDst(restored, st->disk)))
            continue;
        qemuSnapPushOnChain(&disk->src, st->image, st->base, 0);
    }
    return restored;
}


static int
qemuSnapRevertStart(qemuDriver *driver, virDomainObj *vm,
                    const virDomainSnapshotDef *def, const qemuSnapPlan *plan,
                    bool paused)
{
    g_autoptr(virDomainDef) saved = NULL;
    unsigned int startFlags = paused ? QEMU_PROCESS_START_PAUSED : 0;
    bool wasRunning = false;
    int fd;
    int rc;

    if (def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
        return qemuProcessStartWithEvents(driver, vm,
                                          paused ? VIR_DOMAIN_START_PAUSED : 0);

    /* The memory image's definition runs, on the new overlays: they
     * read as the state images do, so the memory matches the disks. */
    if ((fd = qemuSaveImageOpen(def->memorysnapshotfile, &saved, &wasRunning)) < 0)
        return -1;
    {
        g_autoptr(virDomainDef) disks = qemuSnapRevertDef(def, plan,
                                                              virDomainObjGetPersistentDef(vm),
                                                              false);
        size_t i;

        for (i = 0; disks && i < saved->ndisks; i++) {
            virDomainDiskDef *src = qemuSnapDiskByDst(disks, saved->disks[i]->dst);

            if (!src)
                continue;
            virStorageSourceFree(saved->disks[i]->src);
            saved->disks[i]->src = g_steal_pointer(&src->src);
            src->src = virStorageSourceNew();
        }
    }
    if (virDomainSnapshotDefApplyCookieCPU(def, saved) < 0 ||
        qemuDomainDefPostParse(driver, saved, NULL) < 0) {
        close(fd);
        return -1;
    }
    virDomainObjAssignDef(vm, &saved, true, NULL);
    if (paused || !wasRunning || def->state == VIR_DOMAIN_SNAPSHOT_PAUSED)
        startFlags |= QEMU_PROCESS_START_PAUSED;
    rc = qemuProcessStart(driver, vm, fd, startFlags | QEMU_PROCESS_START_RESTORE);
    close(fd);
    if (rc < 0)
        return -1;
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                            VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (startFlags & QEMU_PROCESS_START_PAUSED)
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    return 0;
}


/**
 * qemuDomainRevertToSnapshot:
 *
 * External revert (libvirt 9.7+ behaviour, and for disk-only snapshots
 * taken while running too): stop QEMU, a new overlay on every state
 * image, the saved definitions restored, the state only the previous
 * current snapshot reached discarded; then start again when the
 * snapshot had the guest running or RUNNING/PAUSED asks.
 */
int
qemuDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    qemuDriver *driver = qemuSnapDriver(virDomainSnapshotGetDomain(snapshot));
    g_autoptr(qemuSnapGraph) g = NULL;
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(virDomainDef) restored = NULL;
    g_autoptr(GHashTable) jobs = NULL;
    virDomainMomentObj *snap = NULL;
    virDomainSnapshotDef *def;
    bool start;
    bool paused = flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(QEMU_SNAP_REVERT_FLAGS, -1);
    VIR_EXCLUSIVE_FLAGS_RET(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING,
                            VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, -1);
    if (!(vm = qemuSnapObjLookup(snapshot, &snap)))
        return -1;
    def = snap->def;
    jobs = qemuSnapActiveJobs(vm);
    if (g_hash_table_size(jobs) > 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain has active block job"));
        goto endapi;
    }
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("reverting a transient domain to an external snapshot is not supported"));
        goto endapi;
    }
    if (!def->dom) {
        virReportError(VIR_ERR_SNAPSHOT_REVERT_RISKY,
                       _("snapshot '%1$s' lacks domain '%2$s' rollback info"),
                       def->name, vm->def->name);
        goto endapi;
    }
    if (qemuSnapCheckNoIntent(driver, vm) < 0)
        goto endapi;
    start = (flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                      VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) ||
            def->state == VIR_DOMAIN_SNAPSHOT_RUNNING ||
            def->state == VIR_DOMAIN_SNAPSHOT_PAUSED;

    if (virDomainObjIsActive(vm)) {
        qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STOPPED,
                                VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
    if (!(g = qemuSnapGraphOf(driver, vm)) ||
        qemuSnapPlanRevert(g, def->name, flags, g_get_real_time() / G_USEC_PER_SEC,
                           &plan, NULL) < 0 ||
        qemuSnapRun(driver, vm, "revert", def->name, plan, NULL) < 0 ||
        qemuSnapRecordImages(driver, vm, plan) < 0)
        goto endapi;

    if (!(restored = qemuSnapRevertDef(def, plan, virDomainObjGetPersistentDef(vm),
                                       true)))
        goto endapi;
    g_free(restored->name);
    restored->name = g_strdup(vm->def->name);
    if (qemuDomainSaveConfig(driver, restored) < 0)
        goto endapi;
    virDomainObjAssignDef(vm, &restored, false, NULL);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_DEFINED,
                            VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT);

    if (start && qemuSnapRevertStart(driver, vm, def, plan, paused) < 0)
        goto endapi;
    ret = 0;

 endapi:
    virDomainObjEndAPI(&vm);
    return ret;
}
