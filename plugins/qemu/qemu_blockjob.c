/*
 * qemu_blockjob.c: block jobs of running domains: commit, pull, copy
 *
 * One job per disk at most, whose QMP job id is the disk's target
 * ("vda"), as libvirt names them.  Jobs run with auto-finalize and
 * auto-dismiss off so that the driver, not QEMU, decides when a job's
 * graph change happens and reads the outcome before the job vanishes.
 *
 * Each job has a watcher thread: it sleeps on the domain's jobCond
 * (with the domain lock released) while the driver's event thread
 * records the job's status changes in priv->jobs, and takes each step:
 * READY event, job-finalize, then at the end job-dismiss, the new chain
 * in the live definition and status file, blockdev-del of the images
 * dropped, and the COMPLETED/FAILED/CANCELED events.  API calls only
 * start, complete or cancel jobs; a synchronous abort waits for the
 * watcher to finish.
 *
 * A copy's destination, and an active commit's base, is the disk's
 * <mirror> in the live definition.  What else a job needs is kept in
 * the status file (<blockjobs>), written whenever a job starts or
 * changes phase, so that a process reconnecting to QEMU takes each job
 * back: its watcher starts by reading the job's state from QEMU and
 * takes the step that state calls for.  A job QEMU no longer knows is
 * dropped, and the disk's chain read back from QEMU's block graph.
 *
 * QMP commands are QEMU's (qapi/block-core.json, job.json); the public
 * behaviour and the error wording follow libvirt 9.0.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>
#include <unistd.h>

#include "internal.h"

#include <virtplug/objects.h>

#include "qemu_private.h"
#include "qemu_blockjob.h"
#include "qemu_snapshot.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstoragefile.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/*
 * One block job.  Registered in qemuBlockJobs (under qemuBlockJobsLock)
 * from its start until its watcher drops it; every other member is
 * guarded by @vm's lock.
 */
typedef struct _qemuBlockJob qemuBlockJob;
struct _qemuBlockJob {
    qemuDriver *driver;         /* referenced */
    virDomainObj *vm;           /* referenced */
    unsigned int serial;        /* tells a job from a later one on the disk */
    char *disk;                 /* the target, and QEMU's job id */
    int type;                   /* virDomainBlockJobType */
    unsigned int topId;         /* commit: index of the top image */
    unsigned int baseId;        /* commit, pull: index of the base, or 0 */
    bool shallow;               /* copy: the backing chain is kept */
    bool deleteImages;          /* commit: unlink what was merged */
    char *seen;                 /* the priv->jobs status acted on last */
    bool ready;
    bool abort;                 /* the user canceled it */
    bool pivot;                 /* the user asked for the switch */
    bool done;
    bool resync;                /* taken back from a status file: the
                                 * events of the past are unknown */
};

static GMutex qemuBlockJobsLock;
static GPtrArray *qemuBlockJobs;
static unsigned int qemuBlockJobSerial;


/* ------------------------------------------------------------------ */
/* Bookkeeping                                                        */

static qemuBlockJob *
qemuBlockJobFind(virDomainObj *vm, const char *disk)
{
    qemuBlockJob *found = NULL;
    size_t i;

    g_mutex_lock(&qemuBlockJobsLock);
    for (i = 0; qemuBlockJobs && i < qemuBlockJobs->len; i++) {
        qemuBlockJob *job = g_ptr_array_index(qemuBlockJobs, i);

        if (job->vm == vm && STREQ(job->disk, disk) && !job->done) {
            found = job;
            break;
        }
    }
    g_mutex_unlock(&qemuBlockJobsLock);
    return found;
}


static void
qemuBlockJobFree(qemuBlockJob *job)
{
    if (job->vm)
        virDomainObjUnref(job->vm);
    qemuDriverUnref(job->driver);
    g_free(job->disk);
    g_free(job->seen);
    g_free(job);
}


/* A new index for an image's nodes: above every one of the disks'
 * chains and of their mirrors. */
static unsigned int
qemuBlockJobNextId(virDomainObj *vm)
{
    unsigned int id = qemuSnapNextNodeId(vm->def);
    size_t i;

    for (i = 0; i < vm->def->ndisks; i++) {
        const virStorageSource *src;

        for (src = vm->def->disks[i]->mirror; src; src = src->backingStore)
            id = MAX(id, src->id + 1);
    }
    return id;
}


/* A copy of @src's chain as far as the definition records it. */
static virStorageSource *
qemuBlockJobCopyChain(const virStorageSource *src)
{
    virStorageSource *copy;

    if (!src)
        return NULL;
    copy = virStorageSourceNew();
    copy->type = src->type;
    copy->path = g_strdup(src->path);
    copy->format = src->format;
    copy->id = src->id;
    copy->readonly = src->readonly;
    copy->backingStore = qemuBlockJobCopyChain(src->backingStore);
    return copy;
}


static void
qemuBlockJobClearMirror(virDomainDiskDef *disk)
{
    g_clear_pointer(&disk->mirror, virStorageSourceFree);
    disk->mirrorJob = VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN;
    disk->mirrorState = VIR_DOMAIN_DISK_MIRROR_STATE_NONE;
}


/* Write the status file after a job changed: a failure only costs the
 * job's survival of a reconnect, so it is logged. */
static void
qemuBlockJobSaveStatus(qemuBlockJob *job)
{
    if (qemuDomainSaveStatus(job->driver, job->vm) < 0) {
        VIR_WARN("cannot save the status of domain '%s': %s",
                 job->vm->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}


static json_object *
qemuBlockJobArgs(const char *key, ...)
{
    json_object *args = json_object_new_object();
    va_list ap;

    va_start(ap, key);
    for (; key; key = va_arg(ap, const char *))
        json_object_object_add(args, key,
                               json_object_new_string(va_arg(ap, const char *)));
    va_end(ap);
    return args;
}


static void
qemuBlockJobArgsAddSpeed(json_object *args, unsigned long long speed)
{
    if (speed)
        json_object_object_add(args, "speed", json_object_new_int64(speed));
}


/* Job @id's status and error as query-jobs has them; *status NULL when
 * QEMU does not know the job. */
static int
qemuBlockJobQuery(qemuMonitor *mon, const char *id, char **status,
                  char **error)
{
    g_autoptr(json_object) ret = NULL;
    size_t i;

    *status = NULL;
    *error = NULL;
    if (qemuMonitorCommand(mon, "query-jobs", NULL, -1, -1, &ret) < 0)
        return -1;
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *job = json_object_array_get_idx(ret, i);
        json_object *val;

        if (!json_object_object_get_ex(job, "id", &val) ||
            STRNEQ(json_object_get_string(val), id))
            continue;
        if (json_object_object_get_ex(job, "status", &val))
            *status = g_strdup(json_object_get_string(val));
        if (json_object_object_get_ex(job, "error", &val))
            *error = g_strdup(json_object_get_string(val));
        break;
    }
    return 0;
}


static void
qemuBlockJobDelNodes(qemuMonitor *mon, unsigned int id)
{
    const char *kinds[] = { "format", "storage" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(kinds); i++) {
        g_autofree char *node = g_strdup_printf("libvirt-%u-%s", id, kinds[i]);

        if (qemuMonitorCommand(mon, "blockdev-del",
                               qemuBlockJobArgs("node-name", node, NULL),
                               -1, -1, NULL) < 0) {
            VIR_WARN("cannot drop block node '%s': %s", node,
                     virGetLastErrorMessage());
            virResetLastError();
        }
    }
}


/* ------------------------------------------------------------------ */
/* Events                                                             */

typedef struct _qemuBlockJobEventData qemuBlockJobEventData;
struct _qemuBlockJobEventData {
    char *disk;                 /* a path (BLOCK_JOB) or target (BLOCK_JOB_2) */
    int type;
    int status;
};


static void
qemuBlockJobEventDataFree(gpointer opaque)
{
    qemuBlockJobEventData *data = opaque;

    g_free(data->disk);
    g_free(data);
}


static void
qemuBlockJobEventDispatch(virConnectPtr conn, virObjectEvent *event,
                          virObjectEventCallbackFunc cb, void *cbopaque)
{
    qemuBlockJobEventData *data = event->data;
    virConnectDomainEventBlockJobCallback blockjob =
        (virConnectDomainEventBlockJobCallback)cb;
    virDomainPtr dom;

    if (!(dom = virGetDomain(conn, event->name, event->uuid, event->id)))
        return;
    blockjob(conn, dom, data->disk, data->type, data->status, cbopaque);
    virDomainFree(dom);
}


static void
qemuBlockJobQueueEvent(qemuBlockJob *job, int eventID, const char *disk,
                       int status)
{
    qemuBlockJobEventData *data = g_new0(qemuBlockJobEventData, 1);
    const virDomainDef *def = job->vm->def;

    data->disk = g_strdup(disk);
    data->type = job->type;
    data->status = status;
    qemuDriverQueueEvent(job->driver,
                         virObjectEventNew(VIR_OBJECT_EVENT_ID(VIR_OBJECT_EVENT_NAMESPACE_DOMAIN,
                                                               eventID),
                                           def->name, def->uuid, def->id,
                                           qemuBlockJobEventDispatch, data,
                                           qemuBlockJobEventDataFree));
}


/* BLOCK_JOB names the disk by its active image's path, as libvirt does
 * for local images; BLOCK_JOB_2 by its target. */
static void
qemuBlockJobEmit(qemuBlockJob *job, int status)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(job->vm->def, job->disk);

    if (disk && disk->src->path &&
        (disk->src->type == VIR_STORAGE_TYPE_FILE ||
         disk->src->type == VIR_STORAGE_TYPE_BLOCK))
        qemuBlockJobQueueEvent(job, VIR_DOMAIN_EVENT_ID_BLOCK_JOB,
                               disk->src->path, status);
    qemuBlockJobQueueEvent(job, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2, job->disk,
                           status);
}


/* ------------------------------------------------------------------ */
/* The end of a job: the definition follows QEMU's graph               */

/* Take the images from *@link down to (not including) the one with
 * index @stopId out of the chain, the one below taking their place;
 * their indexes go to @ids, their paths to @paths. */
static void
qemuBlockJobUnlink(virStorageSource **link, unsigned int stopId,
                   GArray *ids, GPtrArray *paths)
{
    while (*link && (*link)->type != VIR_STORAGE_TYPE_NONE &&
           (*link)->id != stopId) {
        virStorageSource *gone = *link;

        *link = gone->backingStore;
        gone->backingStore = NULL;
        g_array_append_val(ids, gone->id);
        if (gone->path)
            g_ptr_array_add(paths, g_strdup(gone->path));
        virStorageSourceFree(gone);
    }
}


static virStorageSource **
qemuBlockJobLinkTo(virDomainDiskDef *disk, unsigned int id)
{
    virStorageSource **link;

    for (link = &disk->src; *link && (*link)->type != VIR_STORAGE_TYPE_NONE;
         link = &(*link)->backingStore) {
        if ((*link)->id == id)
            return link;
    }
    return NULL;
}


static virStorageSource *
qemuBlockJobChainEnd(void)
{
    virStorageSource *end = virStorageSourceNew();

    end->type = VIR_STORAGE_TYPE_NONE;
    return end;
}


/* The job succeeded: make the disk's chain what QEMU now has. */
static void
qemuBlockJobApply(qemuBlockJob *job, qemuMonitor *mon)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(job->vm->def, job->disk);
    g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    bool readonly;
    virStorageSource **link;
    size_t i;

    if (!disk)
        return;
    readonly = disk->src->readonly;
    switch (job->type) {
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT:
    case VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT:
        if ((link = qemuBlockJobLinkTo(disk, job->topId)))
            qemuBlockJobUnlink(link, job->baseId, ids, paths);
        break;
    case VIR_DOMAIN_BLOCK_JOB_TYPE_PULL:
        qemuBlockJobUnlink(&disk->src->backingStore, job->baseId, ids, paths);
        if (!disk->src->backingStore)
            disk->src->backingStore = qemuBlockJobChainEnd();
        break;
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COPY: {
        virStorageSource *mirror = g_steal_pointer(&disk->mirror);

        if (!mirror)
            break;
        g_clear_pointer(&mirror->backingStore, virStorageSourceFree);

        if (job->shallow) {
            mirror->backingStore = g_steal_pointer(&disk->src->backingStore);
        } else {
            mirror->backingStore = qemuBlockJobChainEnd();
        }
        /* the old chain, top first, for blockdev-del */
        link = &disk->src;
        qemuBlockJobUnlink(link, 0, ids, paths);
        virStorageSourceFree(disk->src);
        disk->src = mirror;
        g_ptr_array_set_size(paths, 0);     /* a copy never deletes */
        break;
    }
    default:
        break;
    }
    /* the image that became the top is written to, as the old one was */
    disk->src->readonly = readonly;

    for (i = 0; i < ids->len; i++)
        qemuBlockJobDelNodes(mon, g_array_index(ids, unsigned int, i));
    for (i = 0; job->deleteImages && i < paths->len; i++) {
        const char *path = g_ptr_array_index(paths, i);

        if (unlink(path) < 0 && errno != ENOENT)
            VIR_WARN("cannot remove merged image '%s': %s", path,
                     g_strerror(errno));
    }
}


/* QEMU concluded the job: dismiss it, apply or drop its result. */
static void
qemuBlockJobConclude(qemuBlockJob *job, qemuMonitor *mon, const char *error)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(job->vm);
    virDomainDiskDef *disk = qemuSnapDiskByDst(job->vm->def, job->disk);
    int status;

    if (qemuMonitorCommand(mon, "job-dismiss",
                           qemuBlockJobArgs("id", job->disk, NULL),
                           -1, -1, NULL) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
    }
    g_hash_table_remove(priv->jobs, job->disk);

    if (job->abort && !job->pivot) {
        /* a ready mirror canceled softly ends well, but unswitched */
        status = VIR_DOMAIN_BLOCK_JOB_CANCELED;
    } else if (error) {
        VIR_WARN("block job '%s' of domain '%s' failed: %s", job->disk,
                 job->vm->def->name, error);
        status = VIR_DOMAIN_BLOCK_JOB_FAILED;
    } else {
        status = VIR_DOMAIN_BLOCK_JOB_COMPLETED;
    }

    if (status == VIR_DOMAIN_BLOCK_JOB_COMPLETED) {
        qemuBlockJobApply(job, mon);
    } else if (job->type == VIR_DOMAIN_BLOCK_JOB_TYPE_COPY && disk && disk->mirror) {
        qemuBlockJobDelNodes(mon, disk->mirror->id);
    }
    if ((disk = qemuSnapDiskByDst(job->vm->def, job->disk)))
        qemuBlockJobClearMirror(disk);
    job->done = true;
    qemuBlockJobSaveStatus(job);
    qemuBlockJobEmit(job, status);
}


/* ------------------------------------------------------------------ */
/* A job QEMU forgot: the chain is read back from QEMU                 */

/* The filenames of the images of the device @alias, top first, as
 * query-block has them; NULL when QEMU lists no such device. */
static GPtrArray *
qemuBlockJobQueryPaths(qemuMonitor *mon, const char *alias)
{
    g_autoptr(json_object) ret = NULL;
    g_autofree char *peripheral = g_strdup_printf("/machine/peripheral/%s/", alias);
    size_t i;

    if (qemuMonitorCommand(mon, "query-block", NULL, -1, -1, &ret) < 0)
        return NULL;
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *dev = json_object_array_get_idx(ret, i);
        json_object *val;
        json_object *image;
        const char *qdev;
        GPtrArray *paths;

        if (!json_object_object_get_ex(dev, "qdev", &val) ||
            !(qdev = json_object_get_string(val)) ||
            (STRNEQ(qdev, alias) && !g_str_has_prefix(qdev, peripheral)) ||
            !json_object_object_get_ex(dev, "inserted", &val) ||
            !json_object_object_get_ex(val, "image", &image))
            continue;
        paths = g_ptr_array_new_with_free_func(g_free);
        while (image) {
            if (json_object_object_get_ex(image, "filename", &val))
                g_ptr_array_add(paths, g_strdup(json_object_get_string(val)));
            if (!json_object_object_get_ex(image, "backing-image", &image))
                image = NULL;
        }
        return paths;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("QEMU has no block device '%1$s'"), alias);
    return NULL;
}


/* Our format nodes QEMU holds, as filename -> index (GUINT_TO_POINTER). */
static GHashTable *
qemuBlockJobQueryNodes(qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    g_autoptr(json_object) args = json_object_new_object();
    GHashTable *nodes;
    size_t i;

    json_object_object_add(args, "flat", json_object_new_boolean(true));
    if (qemuMonitorCommand(mon, "query-named-block-nodes", json_object_get(args),
                           -1, -1, &ret) < 0)
        return NULL;
    nodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *node = json_object_array_get_idx(ret, i);
        json_object *name;
        json_object *file;
        unsigned int id;
        char tail[8] = "";

        if (json_object_object_get_ex(node, "node-name", &name) &&
            json_object_object_get_ex(node, "file", &file) &&
            sscanf(json_object_get_string(name), "libvirt-%u-%7s", &id, tail) == 2 &&
            STREQ(tail, "format"))
            g_hash_table_insert(nodes, g_strdup(json_object_get_string(file)),
                                GUINT_TO_POINTER(id));
    }
    return nodes;
}


/* Detach every image of the chain at @src into @pool. */
static void
qemuBlockJobPoolChain(GPtrArray *pool, virStorageSource *src)
{
    while (src) {
        virStorageSource *next = g_steal_pointer(&src->backingStore);

        if (src->type == VIR_STORAGE_TYPE_NONE)
            virStorageSourceFree(src);
        else
            g_ptr_array_add(pool, src);
        src = next;
    }
}


static virStorageSource *
qemuBlockJobPoolTake(GPtrArray *pool, const char *path)
{
    size_t i;

    for (i = 0; i < pool->len; i++) {
        virStorageSource *src = g_ptr_array_index(pool, i);

        if (STREQ_NULLABLE(src->path, path))
            return g_ptr_array_steal_index(pool, i);
    }
    return NULL;
}


/* Rebuild @disk's chain from the images QEMU's device now shows, with
 * the sources of the old chain and the mirror that match; the nodes of
 * the images left out go.  Returns 1 when the top image changed or
 * images left the chain, 0 when it is as it was, -1 on error. */
static int
qemuBlockJobReadChain(virDomainDiskDef *disk, qemuMonitor *mon)
{
    g_autoptr(GPtrArray) paths = NULL;
    g_autoptr(GHashTable) nodes = NULL;
    g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageSourceFree);
    virStorageSource *chain = NULL;
    virStorageSource **link = &chain;
    unsigned int oldLength = qemuBlockChainLength(disk->src);
    bool readonly = disk->src->readonly;
    bool changed;
    size_t i;

    if (!(paths = qemuBlockJobQueryPaths(mon, disk->info.alias)) ||
        !(nodes = qemuBlockJobQueryNodes(mon)) || paths->len == 0)
        return -1;
    changed = STRNEQ_NULLABLE(disk->src->path, g_ptr_array_index(paths, 0)) ||
              oldLength != paths->len;

    qemuBlockJobPoolChain(pool, g_steal_pointer(&disk->src));
    qemuBlockJobPoolChain(pool, g_steal_pointer(&disk->mirror));
    for (i = 0; i < paths->len; i++) {
        const char *path = g_ptr_array_index(paths, i);
        virStorageSource *src = qemuBlockJobPoolTake(pool, path);

        if (!src) {
            /* an image that neither the definition nor the job knew */
            src = virStorageSourceNew();
            src->type = VIR_STORAGE_TYPE_FILE;
            src->path = g_strdup(path);
            src->format = virStorageFileProbeFormat(path);
            src->id = GPOINTER_TO_UINT(g_hash_table_lookup(nodes, path));
        }
        src->readonly = i > 0 || readonly;
        *link = src;
        link = &src->backingStore;
    }
    *link = qemuBlockJobChainEnd();
    disk->src = chain;

    for (i = 0; i < pool->len; i++) {
        virStorageSource *gone = g_ptr_array_index(pool, i);

        if (gone->path && gone->id &&
            GPOINTER_TO_UINT(g_hash_table_lookup(nodes, gone->path)) == gone->id)
            qemuBlockJobDelNodes(mon, gone->id);
    }
    return changed ? 1 : 0;
}


/* QEMU does not know the job (dismissed by someone else, or gone while
 * nobody watched): how it ended shows only in the graph. */
static void
qemuBlockJobVanished(qemuBlockJob *job, qemuMonitor *mon)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(job->vm->def, job->disk);
    int status = job->abort ? VIR_DOMAIN_BLOCK_JOB_CANCELED :
                              VIR_DOMAIN_BLOCK_JOB_FAILED;
    int rc = 0;

    g_hash_table_remove(qemuDomainObjPrivateGet(job->vm)->jobs, job->disk);
    if (disk && (rc = qemuBlockJobReadChain(disk, mon)) < 0) {
        VIR_WARN("cannot read the chain of disk '%s' back from QEMU: %s",
                 job->disk, virGetLastErrorMessage());
        virResetLastError();
    }
    if (rc > 0)
        status = VIR_DOMAIN_BLOCK_JOB_COMPLETED;
    VIR_WARN("block job '%s' of domain '%s' is unknown to QEMU: dropped",
             job->disk, job->vm->def->name);
    if (disk)
        qemuBlockJobClearMirror(disk);
    job->done = true;
    qemuBlockJobSaveStatus(job);
    qemuBlockJobEmit(job, status);
}


/* The job's status changed: take the step that goes with the new one. */
static void
qemuBlockJobStep(qemuBlockJob *job, qemuMonitor *mon)
{
    g_autofree char *status = NULL;
    g_autofree char *error = NULL;

    if (qemuBlockJobQuery(mon, job->disk, &status, &error) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    if (!status) {
        qemuBlockJobVanished(job, mon);
    } else if (STREQ(status, "ready")) {
        if (!job->ready) {
            virDomainDiskDef *disk = qemuSnapDiskByDst(job->vm->def, job->disk);

            job->ready = true;
            if (disk && disk->mirror && !disk->mirrorState)
                disk->mirrorState = VIR_DOMAIN_DISK_MIRROR_STATE_READY;
            qemuBlockJobSaveStatus(job);
            qemuBlockJobEmit(job, VIR_DOMAIN_BLOCK_JOB_READY);
        }
    } else if (STREQ(status, "pending")) {
        if (qemuMonitorCommand(mon, "job-finalize",
                               qemuBlockJobArgs("id", job->disk, NULL),
                               -1, -1, NULL) < 0) {
            VIR_WARN("%s", virGetLastErrorMessage());
            virResetLastError();
        }
    } else if (STREQ(status, "concluded")) {
        qemuBlockJobConclude(job, mon, error);
    }
}


static gpointer
qemuBlockJobWatch(gpointer opaque)
{
    qemuBlockJob *job = opaque;
    virDomainObj *vm = job->vm;
    qemuDomainObjPrivate *priv;

    virDomainObjLock(vm);
    priv = qemuDomainObjPrivateGet(vm);
    while (!job->done) {
        const char *status;

        if (!priv->mon || !virDomainObjIsActive(vm))
            break;      /* QEMU and its jobs are gone */
        if (job->resync) {
            job->resync = false;
            qemuBlockJobStep(job, priv->mon);
            continue;
        }
        status = g_hash_table_lookup(priv->jobs, job->disk);
        if (status && STRNEQ_NULLABLE(status, job->seen)) {
            g_free(job->seen);
            job->seen = g_strdup(status);
            qemuBlockJobStep(job, priv->mon);
            continue;
        }
        g_cond_wait(&priv->jobCond, &vm->lock);
    }
    job->done = true;
    g_mutex_lock(&qemuBlockJobsLock);
    g_ptr_array_remove(qemuBlockJobs, job);
    g_mutex_unlock(&qemuBlockJobsLock);
    /* a synchronous abort waits for this */
    g_cond_broadcast(&priv->jobCond);
    job->vm = NULL;             /* its reference goes with the lock */
    virDomainObjEndAPI(&vm);
    /* without the domain lock: dropping the driver may take the
     * registry lock, which an open holds while it locks domains */
    qemuBlockJobFree(job);
    return NULL;
}


static qemuBlockJob *
qemuBlockJobNew(qemuDriver *driver, virDomainObj *vm, const char *disk,
                int type)
{
    qemuBlockJob *job = g_new0(qemuBlockJob, 1);

    job->driver = qemuDriverRef(driver);
    job->vm = virDomainObjRef(vm);
    job->disk = g_strdup(disk);
    job->type = type;
    return job;
}


/* QEMU took the job: register it and hand it to its watcher. */
static void
qemuBlockJobStart(qemuBlockJob *job)
{
    g_mutex_lock(&qemuBlockJobsLock);
    if (!qemuBlockJobs)
        qemuBlockJobs = g_ptr_array_new();
    job->serial = ++qemuBlockJobSerial;
    g_ptr_array_add(qemuBlockJobs, job);
    g_mutex_unlock(&qemuBlockJobsLock);
    qemuBlockJobSaveStatus(job);
    g_thread_unref(g_thread_new("qemu-blockjob", qemuBlockJobWatch, job));
}


/* ------------------------------------------------------------------ */
/* Lookups shared by the API members                                  */

static virDomainObj *
qemuBlockJobDomain(virDomainPtr domain, qemuMonitor **mon)
{
    virDomainObj *vm = qemuDomainObjFromDomain(domain);
    qemuDomainObjPrivate *priv;

    if (!vm)
        return NULL;
    priv = qemuDomainObjPrivateGet(vm);
    if (!virDomainObjIsActive(vm) || !priv->mon) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        virDomainObjEndAPI(&vm);
        return NULL;
    }
    *mon = priv->mon;
    return vm;
}


/* A disk by target or by its active image's path, as libvirt accepts. */
static virDomainDiskDef *
qemuBlockJobDisk(virDomainObj *vm, const char *path)
{
    size_t i;

    for (i = 0; path && i < vm->def->ndisks; i++) {
        virDomainDiskDef *disk = vm->def->disks[i];

        if (STREQ_NULLABLE(disk->dst, path) ||
            STREQ_NULLABLE(disk->src->path, path))
            return disk;
    }
    virReportError(VIR_ERR_INVALID_ARG, _("disk '%1$s' not found in domain"),
                   NULLSTR(path));
    return NULL;
}


static int
qemuBlockJobCheckIdle(virDomainObj *vm, virDomainDiskDef *disk)
{
    if (qemuBlockJobFind(vm, disk->dst)) {
        virReportError(VIR_ERR_BLOCK_COPY_ACTIVE,
                       _("disk '%1$s' already in active block job"), disk->dst);
        return -1;
    }
    if (disk->src->type != VIR_STORAGE_TYPE_FILE &&
        disk->src->type != VIR_STORAGE_TYPE_BLOCK) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("block jobs are not supported on disk '%1$s'"),
                       disk->dst);
        return -1;
    }
    return 0;
}


/* An image of @disk's chain from @from down, named by path or as
 * "vda[N]" (N its index). */
static virStorageSource *
qemuBlockJobLookup(virDomainDiskDef *disk, virStorageSource *from,
                   const char *name)
{
    g_autofree char *target = NULL;
    unsigned int idx = 0;
    const char *bracket = strchr(name, '[');
    virStorageSource *src;

    if (bracket && g_str_has_suffix(name, "]")) {
        g_autofree char *num = g_strndup(bracket + 1, strlen(bracket) - 2);
        char *end = NULL;

        target = g_strndup(name, bracket - name);
        idx = strtoul(num, &end, 10);
        if (!*num || !end || *end) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("invalid backing chain index in '%1$s'"), name);
            return NULL;
        }
        if (STRNEQ(target, disk->dst)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("requested target '%1$s' does not match target '%2$s'"),
                           target, disk->dst);
            return NULL;
        }
    }
    for (src = from; src && src->type != VIR_STORAGE_TYPE_NONE;
         src = src->backingStore) {
        if (target ? src->id == idx : STREQ_NULLABLE(src->path, name))
            return src;
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   _("could not find image '%1$s' in chain for '%2$s'"),
                   name, disk->dst);
    return NULL;
}


/* A bandwidth in bytes/s from MiB/s unless @bytes. */
static int
qemuBlockJobSpeed(unsigned long bandwidth, bool bytes, unsigned long long *speed)
{
    if (!bytes && bandwidth > (unsigned long long)LLONG_MAX >> 20) {
        virReportError(VIR_ERR_OVERFLOW,
                       _("bandwidth must be less than %1$llu"),
                       (unsigned long long)LLONG_MAX >> 20);
        return -1;
    }
    *speed = bytes ? bandwidth : (unsigned long long)bandwidth << 20;
    if (*speed > LLONG_MAX) {
        virReportError(VIR_ERR_OVERFLOW,
                       _("bandwidth must be less than %1$llu"),
                       (unsigned long long)LLONG_MAX);
        return -1;
    }
    return 0;
}


static bool
qemuBlockJobHasBacking(const virStorageSource *src)
{
    return src->backingStore && src->backingStore->type != VIR_STORAGE_TYPE_NONE;
}


/* ------------------------------------------------------------------ */
/* Commit                                                             */

/* The top, base and job type of a commit, checked as libvirt does. */
static int
qemuBlockJobCommitImages(virDomainDiskDef *disk, const char *base,
                         const char *top, unsigned int flags,
                         virStorageSource **topSrc, virStorageSource **baseSrc)
{
    if (!top)
        *topSrc = disk->src;
    else if (!(*topSrc = qemuBlockJobLookup(disk, disk->src, top)))
        return -1;
    if (!qemuBlockJobHasBacking(*topSrc)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("top '%1$s' in chain for '%2$s' has no backing file"),
                       NULLSTR((*topSrc)->path), disk->dst);
        return -1;
    }
    if (*topSrc == disk->src && !(flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("commit of '%1$s' active layer requires active flag"),
                       disk->dst);
        return -1;
    }
    if (*topSrc != disk->src && (flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("active commit requested but '%1$s' is not active"),
                       NULLSTR((*topSrc)->path));
        return -1;
    }

    if (base) {
        if (!(*baseSrc = qemuBlockJobLookup(disk, (*topSrc)->backingStore, base)))
            return -1;
    } else if (flags & VIR_DOMAIN_BLOCK_COMMIT_SHALLOW) {
        *baseSrc = (*topSrc)->backingStore;
    } else {
        for (*baseSrc = (*topSrc)->backingStore; qemuBlockJobHasBacking(*baseSrc);
             *baseSrc = (*baseSrc)->backingStore)
            ;
    }
    if ((flags & VIR_DOMAIN_BLOCK_COMMIT_SHALLOW) &&
        *baseSrc != (*topSrc)->backingStore) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("base '%1$s' is not immediately below '%2$s' in chain for '%3$s'"),
                       NULLSTR(base), NULLSTR((*topSrc)->path), disk->dst);
        return -1;
    }
    return 0;
}


/**
 * qemuDomainBlockCommit:
 *
 * block-commit of @top (the active image with ACTIVE, which then waits
 * in the READY phase for a pivot) into @base.  RELATIVE is refused:
 * this driver keeps no relative backing names.
 */
int
qemuDomainBlockCommit(virDomainPtr domain, const char *path, const char *base,
                      const char *top, unsigned long bandwidth,
                      unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    virDomainDiskDef *disk;
    virStorageSource *topSrc;
    virStorageSource *baseSrc;
    qemuMonitor *mon;
    qemuBlockJob *job;
    unsigned long long speed;
    g_autofree char *device = NULL;
    g_autofree char *topNode = NULL;
    g_autofree char *baseNode = NULL;
    json_object *args;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_BLOCK_COMMIT_SHALLOW |
                  VIR_DOMAIN_BLOCK_COMMIT_DELETE |
                  VIR_DOMAIN_BLOCK_COMMIT_ACTIVE |
                  VIR_DOMAIN_BLOCK_COMMIT_RELATIVE |
                  VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES, -1);

    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if (!(disk = qemuBlockJobDisk(vm, path)) ||
        qemuBlockJobCheckIdle(vm, disk) < 0 ||
        qemuBlockJobSpeed(bandwidth, flags & VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES,
                          &speed) < 0 ||
        qemuBlockJobCommitImages(disk, base, top, flags, &topSrc, &baseSrc) < 0)
        goto cleanup;
    if (flags & VIR_DOMAIN_BLOCK_COMMIT_RELATIVE) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("relative backing during commit not supported yet"));
        goto cleanup;
    }

    device = qemuBlockNodeName(disk->src, "format");
    topNode = qemuBlockNodeName(topSrc, "format");
    baseNode = qemuBlockNodeName(baseSrc, "format");
    args = qemuBlockJobArgs("job-id", disk->dst, "device", device,
                            "top-node", topNode, "base-node", baseNode, NULL);
    qemuBlockJobArgsAddSpeed(args, speed);
    json_object_object_add(args, "auto-finalize", json_object_new_boolean(false));
    json_object_object_add(args, "auto-dismiss", json_object_new_boolean(false));
    g_hash_table_remove(qemuDomainObjPrivateGet(vm)->jobs, disk->dst);
    if (qemuMonitorCommand(mon, "block-commit", args, -1, -1, NULL) < 0)
        goto cleanup;

    job = qemuBlockJobNew(driver, vm, disk->dst,
                          topSrc == disk->src ? VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT :
                                                VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT);
    job->topId = topSrc->id;
    job->baseId = baseSrc->id;
    job->deleteImages = !!(flags & VIR_DOMAIN_BLOCK_COMMIT_DELETE);
    if (job->type == VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT) {
        qemuBlockJobClearMirror(disk);
        disk->mirror = qemuBlockJobCopyChain(baseSrc);
        disk->mirrorJob = job->type;
    }
    qemuBlockJobStart(job);
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* Pull                                                               */

static int
qemuBlockJobPull(virDomainPtr domain, const char *path, const char *base,
                 unsigned long bandwidth, bool bytes)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    virDomainDiskDef *disk;
    virStorageSource *baseSrc = NULL;
    qemuMonitor *mon;
    qemuBlockJob *job;
    unsigned long long speed;
    g_autofree char *device = NULL;
    g_autofree char *baseNode = NULL;
    json_object *args;
    int ret = -1;

    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if (!(disk = qemuBlockJobDisk(vm, path)) ||
        qemuBlockJobCheckIdle(vm, disk) < 0 ||
        qemuBlockJobSpeed(bandwidth, bytes, &speed) < 0)
        goto cleanup;
    if (base && !(baseSrc = qemuBlockJobLookup(disk, disk->src->backingStore, base)))
        goto cleanup;

    device = qemuBlockNodeName(disk->src, "format");
    args = qemuBlockJobArgs("job-id", disk->dst, "device", device, NULL);
    if (baseSrc) {
        baseNode = qemuBlockNodeName(baseSrc, "format");
        json_object_object_add(args, "base-node", json_object_new_string(baseNode));
        json_object_object_add(args, "backing-file",
                               json_object_new_string(baseSrc->path));
    }
    qemuBlockJobArgsAddSpeed(args, speed);
    json_object_object_add(args, "auto-finalize", json_object_new_boolean(false));
    json_object_object_add(args, "auto-dismiss", json_object_new_boolean(false));
    g_hash_table_remove(qemuDomainObjPrivateGet(vm)->jobs, disk->dst);
    if (qemuMonitorCommand(mon, "block-stream", args, -1, -1, NULL) < 0)
        goto cleanup;

    job = qemuBlockJobNew(driver, vm, disk->dst, VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
    job->baseId = baseSrc ? baseSrc->id : 0;
    qemuBlockJobStart(job);
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainBlockPull:
 *
 * block-stream the whole backing chain into the active image.
 */
int
qemuDomainBlockPull(virDomainPtr domain, const char *path,
                    unsigned long bandwidth, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES, -1);

    return qemuBlockJobPull(domain, path, NULL, bandwidth,
                            flags & VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES);
}


/* ------------------------------------------------------------------ */
/* Copy                                                               */

static int
qemuBlockJobCreateImage(const virStorageSource *dest,
                        const virStorageSource *top, bool shallow)
{
    g_autoptr(virStorageFileMetadata) meta = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *bin = g_find_program_in_path("qemu-img");
    g_autofree char *err = NULL;
    g_autoptr(GError) gerr = NULL;
    int status = 0;

    if (!bin) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("cannot find 'qemu-img' in PATH"));
        return -1;
    }
    if (!(meta = virStorageFileGetMetadata(top->path, top->format)))
        return -1;
    g_ptr_array_add(argv, g_steal_pointer(&bin));
    g_ptr_array_add(argv, g_strdup("create"));
    g_ptr_array_add(argv, g_strdup("-q"));
    g_ptr_array_add(argv, g_strdup("-f"));
    g_ptr_array_add(argv, g_strdup(virStorageFileFormatTypeToString(dest->format)));
    if (shallow && dest->format == VIR_STORAGE_FILE_QCOW2 &&
        qemuBlockJobHasBacking(top)) {
        /* -u: QEMU holds the backing image; its size is given anyway */
        g_ptr_array_add(argv, g_strdup("-u"));
        g_ptr_array_add(argv, g_strdup("-b"));
        g_ptr_array_add(argv, g_strdup(top->backingStore->path));
        g_ptr_array_add(argv, g_strdup("-F"));
        g_ptr_array_add(argv,
                        g_strdup(virStorageFileFormatTypeToString(top->backingStore->format)));
    }
    g_ptr_array_add(argv, g_strdup(dest->path));
    g_ptr_array_add(argv, g_strdup_printf("%llu", meta->capacity));
    g_ptr_array_add(argv, NULL);
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, NULL, &err, &status, &gerr) ||
        !g_spawn_check_wait_status(status, NULL)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("cannot create block copy destination '%1$s': %2$s"),
                       dest->path, gerr ? gerr->message : g_strstrip(err));
        return -1;
    }
    return 0;
}


/* blockdev-add the destination's file and format nodes; a shallow copy
 * shares the disk's backing nodes. */
static int
qemuBlockJobAddNodes(qemuMonitor *mon, const virStorageSource *dest,
                     const virStorageSource *top, bool shallow)
{
    g_autofree char *sto = qemuBlockNodeName(dest, "storage");
    g_autofree char *fmt = qemuBlockNodeName(dest, "format");
    json_object *args;

    args = qemuBlockJobArgs("driver",
                            dest->type == VIR_STORAGE_TYPE_BLOCK ? "host_device" : "file",
                            "filename", dest->path, "node-name", sto,
                            "discard", "unmap", NULL);
    json_object_object_add(args, "auto-read-only", json_object_new_boolean(true));
    if (qemuMonitorCommand(mon, "blockdev-add", args, -1, -1, NULL) < 0)
        return -1;

    args = qemuBlockJobArgs("node-name", fmt,
                            "driver", virStorageFileFormatTypeToString(dest->format),
                            "file", sto, NULL);
    json_object_object_add(args, "read-only", json_object_new_boolean(false));
    if (dest->format != VIR_STORAGE_FILE_RAW) {
        if (shallow && qemuBlockJobHasBacking(top)) {
            g_autofree char *backing = qemuBlockNodeName(top->backingStore, "format");

            json_object_object_add(args, "backing", json_object_new_string(backing));
        } else {
            json_object_object_add(args, "backing", NULL);
        }
    }
    if (qemuMonitorCommand(mon, "blockdev-add", args, -1, -1, NULL) < 0) {
        qemuMonitorCommand(mon, "blockdev-del",
                           qemuBlockJobArgs("node-name", sto, NULL), -1, -1, NULL);
        return -1;
    }
    return 0;
}


typedef struct _qemuBlockJobCopyParams qemuBlockJobCopyParams;
struct _qemuBlockJobCopyParams {
    unsigned long long speed;
    unsigned int granularity;
    unsigned long long bufSize;
};


/* blockdev-mirror of @disk to @dest (taken over) as a COPY job. */
static int
qemuBlockJobCopy(qemuDriver *driver, virDomainObj *vm, qemuMonitor *mon,
                 virDomainDiskDef *disk, virStorageSource *dest,
                 const qemuBlockJobCopyParams *params, unsigned int flags)
{
    g_autoptr(virStorageSource) mirror = dest;
    bool shallow = !!(flags & VIR_DOMAIN_BLOCK_COPY_SHALLOW);
    bool reuse = !!(flags & VIR_DOMAIN_BLOCK_COPY_REUSE_EXT);
    g_autofree char *device = NULL;
    g_autofree char *target = NULL;
    qemuBlockJob *job;
    json_object *args;

    if (qemuBlockJobCheckIdle(vm, disk) < 0)
        return -1;
    if (vm->persistent && !(flags & VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB)) {
        /* a persistent domain restarted mid-copy would lose the mirror */
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not transient"));
        return -1;
    }
    if (mirror->format <= VIR_STORAGE_FILE_AUTO)
        mirror->format = reuse ? virStorageFileProbeFormat(mirror->path) :
                                 disk->src->format;
    if (mirror->format <= VIR_STORAGE_FILE_NONE)
        mirror->format = VIR_STORAGE_FILE_RAW;
    if (reuse && access(mirror->path, F_OK) < 0) {
        virReportSystemError(errno, _("Cannot access storage file '%1$s'"),
                             mirror->path);
        return -1;
    }
    if (!reuse && mirror->type == VIR_STORAGE_TYPE_FILE) {
        if (virFileExists(mirror->path)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("external destination file for disk %1$s already exists and is not a block device"),
                           disk->dst);
            return -1;
        }
        if (qemuBlockJobCreateImage(mirror, disk->src, shallow) < 0)
            return -1;
    }

    mirror->id = qemuBlockJobNextId(vm);
    if (qemuBlockJobAddNodes(mon, mirror, disk->src, shallow) < 0)
        goto error;
    device = qemuBlockNodeName(disk->src, "format");
    target = qemuBlockNodeName(mirror, "format");
    args = qemuBlockJobArgs("job-id", disk->dst, "device", device,
                            "target", target,
                            "sync", shallow && qemuBlockJobHasBacking(disk->src) ?
                                    "top" : "full", NULL);
    qemuBlockJobArgsAddSpeed(args, params->speed);
    if (params->granularity)
        json_object_object_add(args, "granularity",
                               json_object_new_int64(params->granularity));
    if (params->bufSize)
        json_object_object_add(args, "buf-size",
                               json_object_new_int64(params->bufSize));
    if (flags & VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES)
        json_object_object_add(args, "copy-mode",
                               json_object_new_string("write-blocking"));
    json_object_object_add(args, "auto-finalize", json_object_new_boolean(false));
    json_object_object_add(args, "auto-dismiss", json_object_new_boolean(false));
    g_hash_table_remove(qemuDomainObjPrivateGet(vm)->jobs, disk->dst);
    if (qemuMonitorCommand(mon, "blockdev-mirror", args, -1, -1, NULL) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        qemuBlockJobDelNodes(mon, mirror->id);
        virErrorRestore(&saved);
        goto error;
    }

    job = qemuBlockJobNew(driver, vm, disk->dst, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    job->shallow = shallow;
    qemuBlockJobClearMirror(disk);
    if (shallow && qemuBlockJobHasBacking(disk->src))
        mirror->backingStore = qemuBlockJobCopyChain(disk->src->backingStore);
    else
        mirror->backingStore = qemuBlockJobChainEnd();
    disk->mirror = g_steal_pointer(&mirror);
    disk->mirrorJob = VIR_DOMAIN_BLOCK_JOB_TYPE_COPY;
    qemuBlockJobStart(job);
    return 0;

 error:
    if (!reuse && mirror->type == VIR_STORAGE_TYPE_FILE)
        unlink(mirror->path);
    return -1;
}


/* The destination of a block copy from its <disk> XML. */
static virStorageSource *
qemuBlockJobParseDest(const char *destxml)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(virStorageSource) dest = virStorageSourceNew();
    g_autofree char *type = NULL;
    g_autofree char *format = NULL;

    if (!(doc = virXMLParse(NULL, destxml, _("(block copy destination)"), "disk",
                            &ctxt, VIR_FROM_QEMU)))
        return NULL;
    type = virXPathString("string(./@type)", ctxt);
    if (STREQ_NULLABLE(type, "file")) {
        dest->type = VIR_STORAGE_TYPE_FILE;
        dest->path = virXPathString("string(./source/@file)", ctxt);
    } else if (STREQ_NULLABLE(type, "block")) {
        dest->type = VIR_STORAGE_TYPE_BLOCK;
        dest->path = virXPathString("string(./source/@dev)", ctxt);
    } else {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported disk type '%1$s' for block copy"),
                       NULLSTR(type));
        return NULL;
    }
    if (!dest->path || !*dest->path) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing source path of the block copy destination"));
        return NULL;
    }
    if ((format = virXPathString("string(./driver/@type)", ctxt)) && *format &&
        (dest->format = virStorageFileFormatFromName(format)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown driver format value '%1$s'"), format);
        return NULL;
    }
    return g_steal_pointer(&dest);
}


/**
 * qemuDomainBlockCopy:
 *
 * blockdev-mirror to the image @destxml describes; the job waits in the
 * READY phase for a pivot (or an abort, which keeps the copy).
 */
int
qemuDomainBlockCopy(virDomainPtr domain, const char *path, const char *destxml,
                    virTypedParameterPtr params, int nparams,
                    unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    qemuBlockJobCopyParams p = { 0 };
    virStorageSource *dest = NULL;
    virDomainDiskDef *disk;
    virDomainObj *vm;
    qemuMonitor *mon;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_BLOCK_COPY_SHALLOW |
                  VIR_DOMAIN_BLOCK_COPY_REUSE_EXT |
                  VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB |
                  VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES, -1);

    if (virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH,
                                &p.speed) < 0 ||
        virTypedParamsGetUInt(params, nparams, VIR_DOMAIN_BLOCK_COPY_GRANULARITY,
                              &p.granularity) < 0 ||
        virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE,
                                &p.bufSize) < 0)
        return -1;
    if (p.speed > LLONG_MAX) {
        virReportError(VIR_ERR_OVERFLOW, _("bandwidth must be less than %1$llu"),
                       (unsigned long long)LLONG_MAX);
        return -1;
    }
    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if ((disk = qemuBlockJobDisk(vm, path)) &&
        (dest = qemuBlockJobParseDest(destxml)))
        ret = qemuBlockJobCopy(driver, vm, mon, disk, dest, &p, flags);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainBlockRebase:
 *
 * A pull down to @base, or with COPY a block copy to the file @base.
 */
int
qemuDomainBlockRebase(virDomainPtr domain, const char *path, const char *base,
                      unsigned long bandwidth, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    bool bytes = !!(flags & VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES);
    qemuBlockJobCopyParams p = { 0 };
    virStorageSource *dest;
    virDomainDiskDef *disk;
    virDomainObj *vm;
    qemuMonitor *mon;
    unsigned int copyFlags = 0;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_BLOCK_REBASE_SHALLOW |
                  VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT |
                  VIR_DOMAIN_BLOCK_REBASE_COPY_RAW |
                  VIR_DOMAIN_BLOCK_REBASE_COPY |
                  VIR_DOMAIN_BLOCK_REBASE_RELATIVE |
                  VIR_DOMAIN_BLOCK_REBASE_COPY_DEV |
                  VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES, -1);

    if (!(flags & VIR_DOMAIN_BLOCK_REBASE_COPY)) {
        if (flags & (VIR_DOMAIN_BLOCK_REBASE_SHALLOW |
                     VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT |
                     VIR_DOMAIN_BLOCK_REBASE_COPY_RAW |
                     VIR_DOMAIN_BLOCK_REBASE_COPY_DEV)) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                           _("flags require block copy"));
            return -1;
        }
        if (flags & VIR_DOMAIN_BLOCK_REBASE_RELATIVE) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                           _("relative backing during pull not supported yet"));
            return -1;
        }
        return qemuBlockJobPull(domain, path, base, bandwidth, bytes);
    }

    if (!base) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("block copy requires a destination"));
        return -1;
    }
    if (flags & VIR_DOMAIN_BLOCK_REBASE_RELATIVE) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("Relative backing during copy not supported yet"));
        return -1;
    }
    if (qemuBlockJobSpeed(bandwidth, bytes, &p.speed) < 0)
        return -1;
    if (flags & VIR_DOMAIN_BLOCK_REBASE_SHALLOW)
        copyFlags |= VIR_DOMAIN_BLOCK_COPY_SHALLOW;
    if (flags & VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT)
        copyFlags |= VIR_DOMAIN_BLOCK_COPY_REUSE_EXT;

    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if ((disk = qemuBlockJobDisk(vm, path))) {
        dest = virStorageSourceNew();
        dest->type = (flags & VIR_DOMAIN_BLOCK_REBASE_COPY_DEV) ?
                     VIR_STORAGE_TYPE_BLOCK : VIR_STORAGE_TYPE_FILE;
        dest->path = g_strdup(base);
        if (flags & VIR_DOMAIN_BLOCK_REBASE_COPY_RAW)
            dest->format = VIR_STORAGE_FILE_RAW;
        ret = qemuBlockJobCopy(driver, vm, mon, disk, dest, &p, copyFlags);
    }
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* Watching and steering a job                                        */

static const char *
qemuBlockJobTypeName(int type)
{
    switch (type) {
    case VIR_DOMAIN_BLOCK_JOB_TYPE_PULL:
        return "pull";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COPY:
        return "copy";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT:
        return "commit";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT:
        return "active commit";
    }
    return "unknown";
}


/**
 * qemuDomainGetBlockJobInfo:
 *
 * Returns 1 with @info from query-block-jobs, 0 when the disk has no
 * job, -1 on error.
 */
int
qemuDomainGetBlockJobInfo(virDomainPtr domain, const char *path,
                          virDomainBlockJobInfoPtr info, unsigned int flags)
{
    g_autoptr(json_object) jobs = NULL;
    virDomainDiskDef *disk;
    virDomainObj *vm;
    qemuBlockJob *job;
    qemuMonitor *mon;
    int ret = -1;
    size_t i;

    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES, -1);

    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if (!(disk = qemuBlockJobDisk(vm, path)) ||
        qemuMonitorCommand(mon, "query-block-jobs", NULL, -1, -1, &jobs) < 0)
        goto cleanup;

    memset(info, 0, sizeof(*info));
    ret = 0;
    if (!(job = qemuBlockJobFind(vm, disk->dst)))
        goto cleanup;
    for (i = 0; i < json_object_array_length(jobs); i++) {
        json_object *entry = json_object_array_get_idx(jobs, i);
        json_object *val;
        unsigned long long speed = 0;

        if (!json_object_object_get_ex(entry, "device", &val) ||
            STRNEQ(json_object_get_string(val), disk->dst))
            continue;
        info->type = job->type;
        if (json_object_object_get_ex(entry, "speed", &val))
            speed = json_object_get_int64(val);
        info->bandwidth = (flags & VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES) ?
                          speed : speed >> 20;
        if (json_object_object_get_ex(entry, "offset", &val))
            info->cur = json_object_get_int64(val);
        if (json_object_object_get_ex(entry, "len", &val))
            info->end = json_object_get_int64(val);
        VIR_DEBUG("%s job on '%s': %llu/%llu", qemuBlockJobTypeName(job->type),
                  disk->dst, info->cur, info->end);
        ret = 1;
        break;
    }

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


static qemuBlockJob *
qemuBlockJobFindActive(virDomainObj *vm, virDomainDiskDef *disk)
{
    qemuBlockJob *job = qemuBlockJobFind(vm, disk->dst);

    if (!job)
        virReportError(VIR_ERR_INVALID_ARG,
                       _("disk %1$s does not have an active block job"),
                       disk->dst);
    return job;
}


static int
qemuBlockJobPivot(qemuBlockJob *job, qemuMonitor *mon)
{
    g_autofree char *status = NULL;
    g_autofree char *error = NULL;

    if (job->type != VIR_DOMAIN_BLOCK_JOB_TYPE_COPY &&
        job->type != VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("pivot of disk '%1$s' requires an active copy job"),
                       job->disk);
        return -1;
    }
    /* the watcher may not have seen the READY yet */
    if (!job->ready &&
        (qemuBlockJobQuery(mon, job->disk, &status, &error) < 0 ||
         STRNEQ_NULLABLE(status, "ready"))) {
        if (!status)
            virResetLastError();
        virReportError(VIR_ERR_BLOCK_COPY_ACTIVE,
                       _("disk '%1$s' not ready for pivot yet"), job->disk);
        return -1;
    }
    if (qemuMonitorCommand(mon, "job-complete",
                           qemuBlockJobArgs("id", job->disk, NULL),
                           -1, -1, NULL) < 0)
        return -1;
    job->pivot = true;
    return 0;
}


/**
 * qemuDomainBlockJobAbort:
 *
 * Cancel the disk's job, or with PIVOT switch the disk to the copy or
 * commit target; unless ASYNC, wait until the job is over and the live
 * XML shows its outcome.
 */
int
qemuDomainBlockJobAbort(virDomainPtr domain, const char *path,
                        unsigned int flags)
{
    virDomainDiskDef *disk;
    virDomainObj *vm;
    qemuBlockJob *job;
    qemuMonitor *mon;
    unsigned int serial;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC |
                  VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, -1);

    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if (!(disk = qemuBlockJobDisk(vm, path)) ||
        !(job = qemuBlockJobFindActive(vm, disk)))
        goto cleanup;
    if (job->abort || job->pivot) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("block job on disk '%1$s' is still being ended"),
                       disk->dst);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) {
        if (qemuBlockJobPivot(job, mon) < 0)
            goto cleanup;
        if (disk->mirror)
            disk->mirrorState = VIR_DOMAIN_DISK_MIRROR_STATE_PIVOT;
    } else {
        if (qemuMonitorCommand(mon, "block-job-cancel",
                               qemuBlockJobArgs("device", job->disk, NULL),
                               -1, -1, NULL) < 0)
            goto cleanup;
        job->abort = true;
        if (disk->mirror)
            disk->mirrorState = VIR_DOMAIN_DISK_MIRROR_STATE_ABORT;
    }
    qemuBlockJobSaveStatus(job);

    serial = job->serial;
    while (!(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC) &&
           (job = qemuBlockJobFind(vm, disk->dst)) && job->serial == serial) {
        qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);

        g_cond_wait(&priv->jobCond, &vm->lock);
        /* @disk may have been replaced while the lock was released */
        if (!virDomainObjIsActive(vm) ||
            !(disk = qemuSnapDiskByDst(vm->def, job->disk)))
            break;
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainBlockJobSetSpeed:
 *
 * block-job-set-speed on the disk's job.
 */
int
qemuDomainBlockJobSetSpeed(virDomainPtr domain, const char *path,
                           unsigned long bandwidth, unsigned int flags)
{
    g_autoptr(json_object) args = NULL;
    unsigned long long speed;
    virDomainDiskDef *disk;
    virDomainObj *vm;
    qemuMonitor *mon;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES, -1);

    if (qemuBlockJobSpeed(bandwidth,
                          flags & VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES,
                          &speed) < 0)
        return -1;
    if (!(vm = qemuBlockJobDomain(domain, &mon)))
        return -1;
    if (!(disk = qemuBlockJobDisk(vm, path)) ||
        !qemuBlockJobFindActive(vm, disk))
        goto cleanup;
    args = qemuBlockJobArgs("device", disk->dst, NULL);
    json_object_object_add(args, "speed", json_object_new_int64(speed));
    if (qemuMonitorCommand(mon, "block-job-set-speed", json_object_get(args),
                           -1, -1, NULL) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* The jobs in the status file                                        */

/**
 * qemuBlockJobFormatStatus:
 * @buf: the status XML, at the indentation of <domstatus>'s children
 * @vm: a running domain, locked
 *
 * Write @vm's block jobs in flight as <blockjobs>, what a reconnecting
 * process needs besides the disks' <mirror>: the job's type, the images
 * a commit or pull works on, its flags and the user's last request.
 */
void
qemuBlockJobFormatStatus(virBuffer *buf, virDomainObj *vm)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    g_mutex_lock(&qemuBlockJobsLock);
    for (i = 0; qemuBlockJobs && i < qemuBlockJobs->len; i++) {
        qemuBlockJob *job = g_ptr_array_index(qemuBlockJobs, i);

        if (job->vm != vm || job->done)
            continue;
        virBufferEscapeString(&children, "<blockjob disk='%s'", job->disk);
        virBufferAsprintf(&children, " type='%s'",
                          virDomainDiskMirrorJobTypeToString(job->type));
        if (job->topId)
            virBufferAsprintf(&children, " top='%u'", job->topId);
        if (job->baseId)
            virBufferAsprintf(&children, " base='%u'", job->baseId);
        if (job->shallow)
            virBufferAddLit(&children, " shallow='yes'");
        if (job->deleteImages)
            virBufferAddLit(&children, " delete='yes'");
        if (job->ready)
            virBufferAddLit(&children, " ready='yes'");
        if (job->abort)
            virBufferAddLit(&children, " abort='yes'");
        if (job->pivot)
            virBufferAddLit(&children, " pivot='yes'");
        virBufferAddLit(&children, "/>\n");
    }
    g_mutex_unlock(&qemuBlockJobsLock);
    virXMLFormatElement(buf, "blockjobs", NULL, &children);
}


static int
qemuBlockJobParseFlag(xmlNodePtr node, const char *name, bool *flag)
{
    virTristateBool val = VIR_TRISTATE_BOOL_ABSENT;

    if (virXMLPropTristateBool(node, name, VIR_XML_PROP_NONE, &val) < 0)
        return -1;
    *flag = val == VIR_TRISTATE_BOOL_YES;
    return 0;
}


/* One <blockjob>; NULL with an error naming what is wrong. */
static qemuBlockJob *
qemuBlockJobParseStatus(qemuDriver *driver, virDomainObj *vm, xmlNodePtr node)
{
    g_autofree char *disk = virXMLPropString(node, "disk");
    unsigned int type = 0;
    qemuBlockJob *job;

    if (!disk || !qemuSnapDiskByDst(vm->def, disk)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("block job of unknown disk '%1$s' in the status of domain '%2$s'"),
                       NULLSTR(disk), vm->def->name);
        return NULL;
    }
    if (virXMLPropEnum(node, "type", virDomainDiskMirrorJobTypeFromString,
                       VIR_XML_PROP_NONZERO | VIR_XML_PROP_REQUIRED, &type) < 0)
        return NULL;
    job = qemuBlockJobNew(driver, vm, disk, type);
    if (virXMLPropUInt(node, "top", 10, VIR_XML_PROP_NONE, &job->topId) < 0 ||
        virXMLPropUInt(node, "base", 10, VIR_XML_PROP_NONE, &job->baseId) < 0 ||
        qemuBlockJobParseFlag(node, "shallow", &job->shallow) < 0 ||
        qemuBlockJobParseFlag(node, "delete", &job->deleteImages) < 0 ||
        qemuBlockJobParseFlag(node, "ready", &job->ready) < 0 ||
        qemuBlockJobParseFlag(node, "abort", &job->abort) < 0 ||
        qemuBlockJobParseFlag(node, "pivot", &job->pivot) < 0) {
        qemuBlockJobFree(job);
        return NULL;
    }
    job->resync = true;
    return job;
}


/**
 * qemuBlockJobLoadStatus:
 * @driver: the driver state taking @vm back
 * @vm: a domain read from its status file, locked, not yet reconnected
 * @ctxt: the status file, at <domstatus>
 *
 * Take back the block jobs the status file lists.  Each one's watcher
 * starts once @vm's lock is released; it first reads the job's state
 * from QEMU (when the reconnect worked; else it just ends).  A job that
 * cannot be read is dropped with a warning.
 */
void
qemuBlockJobLoadStatus(qemuDriver *driver, virDomainObj *vm,
                       xmlXPathContext *ctxt)
{
    g_autofree xmlNodePtr *nodes = NULL;
    int n = virXPathNodeSet("./blockjobs/blockjob", ctxt, &nodes);
    int i;

    for (i = 0; i < n; i++) {
        qemuBlockJob *job = qemuBlockJobParseStatus(driver, vm, nodes[i]);

        if (!job) {
            VIR_WARN("%s", virGetLastErrorMessage());
            virResetLastError();
            continue;
        }
        qemuBlockJobStart(job);
    }
}
