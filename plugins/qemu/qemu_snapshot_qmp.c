/*
 * qemu_snapshot_qmp.c: the snapshot steps a running QEMU does: block
 * jobs that merge or stream images it holds, new overlays switched in
 * one transaction, dropping nodes
 *
 * QMP commands and arguments are QEMU's (qapi/block-core.json,
 * job.json); the sequences follow what libvirt 9.0 sends
 * (qemu-snapshots.md 4.1, 5.2).  Called with the domain locked; waiting
 * for a job releases the lock so that the event worker can record the
 * job's progress in priv->jobs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_snapshot.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstoragefile.h"
#include "virstorageoverlay.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How long a merge of a large image may take; QEMU reports progress
 * meanwhile, but nothing here waits on it. */
#define QEMU_SNAP_JOB_TIMEOUT_SEC (6 * 3600)


static qemuMonitor *
qemuSnapMonitor(qemuSnapExecCtx *ctx)
{
    qemuDomainObjPrivate *priv = ctx->vm ? qemuDomainObjPrivateGet(ctx->vm) : NULL;

    if (!priv || !priv->mon || !virDomainObjIsActive(ctx->vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        return NULL;
    }
    return priv->mon;
}


static virStorageSource *
qemuSnapFindSource(const virDomainDef *def, const char *dst, const char *path)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(def, dst);
    virStorageSource *src;

    for (src = disk ? disk->src : NULL;
         src && src->type != VIR_STORAGE_TYPE_NONE; src = src->backingStore) {
        if (STREQ_NULLABLE(src->path, path))
            return src;
    }
    return NULL;
}


/* The block node of @path in disk @dst of the live definition. */
static char *
qemuSnapNode(qemuSnapExecCtx *ctx, const char *dst, const char *path,
             const char *kind)
{
    virStorageSource *src = qemuSnapFindSource(ctx->vm->def, dst, path);

    if (!src || !src->id) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("image '%1$s' is not in the running chain of disk '%2$s'"),
                       path, dst);
        return NULL;
    }
    return qemuBlockNodeName(src, kind);
}


/**
 * qemuSnapNextNodeId:
 *
 * Returns an index no image of @def uses, for a new overlay's nodes.
 */
unsigned int
qemuSnapNextNodeId(const virDomainDef *def)
{
    unsigned int max = 0;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virStorageSource *src;

        for (src = def->disks[i]->src; src; src = src->backingStore)
            max = MAX(max, src->id);
    }
    return max + 1;
}


/* The job's status and error as query-jobs has them; *status NULL when
 * QEMU does not know the job. */
static int
qemuSnapQueryJob(qemuMonitor *mon, const char *id, char **status, char **error)
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


/**
 * qemuSnapQmpLearnJobs:
 * @vm: a domain, locked
 *
 * Adds to the domain's job table the block jobs QEMU runs that no event
 * told this process about.  A job started before the driver connected
 * to QEMU (by an earlier virsh on an embedded driver, or before a
 * daemon restart) is otherwise invisible, and a snapshot operation
 * would run into it instead of refusing.
 *
 * Returns 0 (also for a domain that is not running), or -1 with an
 * error.
 */
int
qemuSnapQmpLearnJobs(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_autoptr(json_object) ret = NULL;
    size_t i;

    if (!virDomainObjIsActive(vm) || !priv->mon || !priv->jobs)
        return 0;
    if (qemuMonitorCommand(priv->mon, "query-jobs", NULL, -1, -1, &ret) < 0)
        return -1;
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *job = json_object_array_get_idx(ret, i);
        json_object *id;
        json_object *status;

        if (!json_object_object_get_ex(job, "id", &id) ||
            !json_object_object_get_ex(job, "status", &status) ||
            g_hash_table_contains(priv->jobs, json_object_get_string(id)))
            continue;
        g_hash_table_insert(priv->jobs, g_strdup(json_object_get_string(id)),
                            g_strdup(json_object_get_string(status)));
    }
    return 0;
}


/* Drop what events said of an earlier job of the same id: node names
 * come back once their images are gone, and so do the job ids made of
 * them; a stale "concluded" would end the wait for the new job at once. */
static void
qemuSnapForgetJob(qemuSnapExecCtx *ctx, const char *id)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(ctx->vm);

    if (priv->jobs)
        g_hash_table_remove(priv->jobs, id);
}


/* Wait until job @id reaches one of @states (as events report them),
 * with the domain lock released meanwhile. */
static int
qemuSnapWaitJob(qemuSnapExecCtx *ctx, const char *id,
                const char *const *states)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(ctx->vm);
    gint64 deadline = g_get_monotonic_time() +
                      (gint64)QEMU_SNAP_JOB_TIMEOUT_SEC * G_USEC_PER_SEC;

    for (;;) {
        const char *st = g_hash_table_lookup(priv->jobs, id);

        if (st && g_strv_contains(states, st))
            return 0;
        if (st && (STREQ(st, "failed") || STREQ(st, "cancelled") ||
                   STREQ(st, "concluded") || STREQ(st, "null")))
            return 0;           /* the caller reads the outcome */
        if (!priv->mon) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("domain stopped during block job '%1$s'"), id);
            return -1;
        }
        if (!g_cond_wait_until(&priv->jobCond, &ctx->vm->lock, deadline)) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("block job '%1$s' did not finish in time"), id);
            return -1;
        }
    }
}


static json_object *
qemuSnapArgs(const char *key, ...)
{
    json_object *args = json_object_new_object();
    va_list ap;

    va_start(ap, key);
    for (; key; key = va_arg(ap, const char *)) {
        const char *val = va_arg(ap, const char *);

        json_object_object_add(args, key, json_object_new_string(val));
    }
    va_end(ap);
    return args;
}


/* Finish a job QEMU has concluded: read its error, dismiss it. */
static int
qemuSnapJobEnd(qemuSnapExecCtx *ctx, qemuMonitor *mon, const char *id,
               const char *dst, const char *what)
{
    g_autofree char *status = NULL;
    g_autofree char *error = NULL;

    if (qemuSnapQueryJob(mon, id, &status, &error) < 0)
        return -1;
    if (status && qemuMonitorCommand(mon, "job-dismiss",
                                     qemuSnapArgs("id", id, NULL), -1, -1,
                                     NULL) < 0)
        return -1;
    g_hash_table_remove(qemuDomainObjPrivateGet(ctx->vm)->jobs, id);
    if (error) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("%1$s failed while deleting disk '%2$s' snapshot: '%3$s'"),
                       what, dst, error);
        return -1;
    }
    return 0;
}


static bool
qemuSnapNodeExists(qemuMonitor *mon, const char *node)
{
    g_autoptr(json_object) args = json_object_new_object();
    g_autoptr(json_object) ret = NULL;
    size_t i;

    json_object_object_add(args, "flat", json_object_new_boolean(true));
    if (qemuMonitorCommand(mon, "query-named-block-nodes", json_object_get(args),
                           -1, -1, &ret) < 0) {
        virErrorResetLast();
        return true;
    }
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *val;

        if (json_object_object_get_ex(json_object_array_get_idx(ret, i),
                                      "node-name", &val) &&
            STREQ(json_object_get_string(val), node))
            return true;
    }
    return false;
}


/* block-commit @image into @base: an active commit is completed (the
 * pivot), any other one finalized.  Replayed, a job QEMU still has is
 * taken up where it stands, and a top node that is gone means done. */
static int
qemuSnapQmpCommit(qemuSnapExecCtx *ctx, qemuMonitor *mon,
                  const qemuSnapStep *st, bool replay)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(ctx->vm->def, st->disk);
    g_autofree char *top = qemuSnapNode(ctx, st->disk, st->image, "format");
    g_autofree char *base = NULL;
    g_autofree char *device = NULL;
    g_autofree char *id = NULL;
    g_autofree char *status = NULL;
    g_autofree char *error = NULL;
    const char *const waitActive[] = { "ready", NULL };
    const char *const waitPending[] = { "pending", NULL };
    const char *const waitEnd[] = { "concluded", NULL };
    json_object *args;

    if (!top || !disk ||
        !(base = qemuSnapNode(ctx, st->disk, st->base, "format")) ||
        !(device = qemuBlockNodeName(disk->src, "format")))
        return -1;
    id = g_strdup_printf("commit-%s-%s", st->disk, top);

    if (replay && qemuSnapQueryJob(mon, id, &status, &error) < 0)
        return -1;
    if (replay && !status && !qemuSnapNodeExists(mon, top))
        return 0;
    if (!status) {
        args = qemuSnapArgs("job-id", id, "device", device, "top-node", top,
                            "base-node", base, NULL);
        json_object_object_add(args, "auto-finalize",
                               json_object_new_boolean(st->active));
        json_object_object_add(args, "auto-dismiss", json_object_new_boolean(false));
        if (!st->active)
            json_object_object_add(args, "backing-file",
                                   json_object_new_string(st->base));
        qemuSnapForgetJob(ctx, id);
        if (qemuMonitorCommand(mon, "block-commit", args, -1, -1, NULL) < 0)
            return -1;
    }
    if (qemuSnapWaitJob(ctx, id, st->active ? waitActive : waitPending) < 0)
        return -1;
    g_free(status);
    g_free(error);
    if (qemuSnapQueryJob(mon, id, &status, &error) < 0)
        return -1;
    if (STREQ_NULLABLE(status, "ready") &&
        qemuMonitorCommand(mon, "job-complete", qemuSnapArgs("id", id, NULL),
                           -1, -1, NULL) < 0)
        return -1;
    if (STREQ_NULLABLE(status, "pending") &&
        qemuMonitorCommand(mon, "job-finalize", qemuSnapArgs("id", id, NULL),
                           -1, -1, NULL) < 0)
        return -1;
    if (qemuSnapWaitJob(ctx, id, waitEnd) < 0)
        return -1;
    return qemuSnapJobEnd(ctx, mon, id, st->disk, "block commit");
}


/* block-stream into @image down to @base (X-rules 3): safe for @image
 * whatever else shares its backing. */
static int
qemuSnapQmpStream(qemuSnapExecCtx *ctx, qemuMonitor *mon,
                  const qemuSnapStep *st, bool replay)
{
    g_autofree char *node = qemuSnapNode(ctx, st->disk, st->image, "format");
    g_autofree char *base = NULL;
    g_autofree char *id = NULL;
    g_autofree char *status = NULL;
    g_autofree char *error = NULL;
    const char *const waitEnd[] = { "concluded", NULL };
    json_object *args;

    if (!node || !(base = qemuSnapNode(ctx, st->disk, st->base, "format")))
        return -1;
    id = g_strdup_printf("pull-%s-%s", st->disk, node);
    if (replay && qemuSnapQueryJob(mon, id, &status, &error) < 0)
        return -1;
    if (!status) {
        args = qemuSnapArgs("job-id", id, "device", node, "base-node", base,
                            "backing-file", st->base, NULL);
        json_object_object_add(args, "auto-dismiss", json_object_new_boolean(false));
        qemuSnapForgetJob(ctx, id);
        if (qemuMonitorCommand(mon, "block-stream", args, -1, -1, NULL) < 0)
            return -1;
    }
    if (qemuSnapWaitJob(ctx, id, waitEnd) < 0)
        return -1;
    return qemuSnapJobEnd(ctx, mon, id, st->disk, "block stream");
}


static int
qemuSnapBlockdevDel(qemuMonitor *mon, const char *node, bool tolerant)
{
    if (tolerant && !qemuSnapNodeExists(mon, node))
        return 0;
    return qemuMonitorCommand(mon, "blockdev-del",
                              qemuSnapArgs("node-name", node, NULL), -1, -1, NULL);
}


/* Drop the nodes of an image no chain uses any more: format first. */
static int
qemuSnapQmpBlockdevDel(qemuSnapExecCtx *ctx, qemuMonitor *mon,
                       const qemuSnapStep *st, bool replay)
{
    virStorageSource *src = NULL;
    g_autofree char *fmt = NULL;
    g_autofree char *sto = NULL;
    size_t i;

    /* the chain no longer lists it: find its index among the removed */
    for (i = 0; !src && i < ctx->vm->def->ndisks; i++)
        src = qemuSnapFindSource(ctx->vm->def, ctx->vm->def->disks[i]->dst,
                                 st->image);
    if (!src) {
        g_autofree char *key = g_strdup_printf("removed:%s", st->image);
        unsigned int id = ctx->overlayIds ?
            GPOINTER_TO_UINT(g_hash_table_lookup(ctx->overlayIds, key)) : 0;

        if (!id)
            return 0;   /* replayed: the nodes went with the old status */
        fmt = g_strdup_printf("libvirt-%u-format", id);
        sto = g_strdup_printf("libvirt-%u-storage", id);
    } else {
        fmt = qemuBlockNodeName(src, "format");
        sto = qemuBlockNodeName(src, "storage");
    }
    if (qemuSnapBlockdevDel(mon, fmt, replay) < 0 ||
        qemuSnapBlockdevDel(mon, sto, replay) < 0)
        return -1;
    return 0;
}


static int
qemuSnapCreateEmpty(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (fd < 0) {
        virReportSystemError(errno, _("cannot create overlay '%1$s'"), path);
        return -1;
    }
    close(fd);
    return 0;
}


/* blockdev-add the file, blockdev-create the qcow2 on it unless reused,
 * blockdev-add the format node with no backing yet (the transaction
 * attaches it): qemu-snapshots.md 4.1. */
static int
qemuSnapQmpOverlayAdd(qemuSnapExecCtx *ctx, qemuMonitor *mon,
                      const qemuSnapStep *st, bool replay)
{
    g_autoptr(virStorageFileMetadata) meta = NULL;
    unsigned int id = qemuSnapNextNodeId(ctx->vm->def);
    g_autofree char *sto = NULL;
    g_autofree char *fmt = NULL;
    g_autofree char *job = NULL;
    const char *const waitEnd[] = { "concluded", NULL };
    bool written = false;
    int rc;
    json_object *args;
    json_object *opts;
    GHashTableIter it;
    gpointer v;

    if (!ctx->overlayIds)
        ctx->overlayIds = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                g_free, NULL);
    if (!ctx->pending)
        ctx->pending = g_ptr_array_new_with_free_func(g_free);
    g_hash_table_iter_init(&it, ctx->overlayIds);
    while (g_hash_table_iter_next(&it, NULL, &v))
        id = MAX(id, GPOINTER_TO_UINT(v) + 1);
    sto = g_strdup_printf("libvirt-%u-storage", id);
    fmt = g_strdup_printf("libvirt-%u-format", id);
    job = g_strdup_printf("create-%s", fmt);

    if (!(meta = virStorageFileGetMetadata(st->base, st->baseFormat > 0 ?
                                           st->baseFormat : VIR_STORAGE_FILE_AUTO)))
        return -1;
    if (!st->reuse && (replay ? virFileRemove(st->image) : 0) < 0)
        return -1;
    /* Written here, the overlay costs QEMU no create job (three monitor
     * round trips and a job's life per disk); blockdev-create remains
     * for what the writer does not handle. */
    if (!st->reuse) {
        if ((rc = virStorageFileCreateQcow2Overlay(st->image, st->base,
                                                   meta->format)) < 0)
            return -1;
        written = rc == 0;
    }
    if (!st->reuse && !written && qemuSnapCreateEmpty(st->image) < 0)
        return -1;

    args = qemuSnapArgs("driver", "file", "filename", st->image,
                        "node-name", sto, "discard", "unmap", NULL);
    json_object_object_add(args, "auto-read-only", json_object_new_boolean(true));
    if (qemuMonitorCommand(mon, "blockdev-add", args, -1, -1, NULL) < 0)
        return -1;
    if (!st->reuse && !written) {
        opts = qemuSnapArgs("driver", "qcow2", "file", sto,
                            "backing-file", st->base,
                            "backing-fmt", virStorageFileFormatTypeToString(meta->format),
                            NULL);
        json_object_object_add(opts, "size", json_object_new_int64(meta->capacity));
        json_object_object_add(opts, "cluster-size", json_object_new_int64(65536));
        args = qemuSnapArgs("job-id", job, NULL);
        json_object_object_add(args, "options", opts);
        qemuSnapForgetJob(ctx, job);
        if (qemuMonitorCommand(mon, "blockdev-create", args, -1, -1, NULL) < 0 ||
            qemuSnapWaitJob(ctx, job, waitEnd) < 0 ||
            qemuSnapJobEnd(ctx, mon, job, st->disk, "overlay creation") < 0)
            return -1;
    }
    args = qemuSnapArgs("node-name", fmt, "driver", "qcow2", "file", sto, NULL);
    json_object_object_add(args, "read-only", json_object_new_boolean(false));
    json_object_object_add(args, "backing", NULL);
    if (qemuMonitorCommand(mon, "blockdev-add", args, -1, -1, NULL) < 0)
        return -1;

    g_hash_table_insert(ctx->overlayIds, g_strdup(st->image), GUINT_TO_POINTER(id));
    g_ptr_array_add(ctx->pending, g_strdup_printf("%s\t%s", st->disk, st->image));
    return 0;
}


/* One transaction of blockdev-snapshot for every overlay added: every
 * disk switches, or none does. */
static int
qemuSnapQmpTransaction(qemuSnapExecCtx *ctx, qemuMonitor *mon,
                       const qemuSnapStep *st, bool replay)
{
    json_object *actions = json_object_new_array();
    json_object *args = json_object_new_object();
    size_t i;

    for (i = 0; ctx->pending && i < ctx->pending->len; i++) {
        g_auto(GStrv) f = g_strsplit(g_ptr_array_index(ctx->pending, i), "\t", 2);
        virDomainDiskDef *disk = qemuSnapDiskByDst(ctx->vm->def, f[0]);
        unsigned int id = GPOINTER_TO_UINT(g_hash_table_lookup(ctx->overlayIds, f[1]));
        g_autofree char *node = NULL;
        g_autofree char *overlay = g_strdup_printf("libvirt-%u-format", id);
        json_object *action = json_object_new_object();
        json_object *data;

        if (!disk) {
            json_object_put(action);
            json_object_put(actions);
            json_object_put(args);
            virReportError(VIR_ERR_INTERNAL_ERROR, _("no disk '%1$s'"), f[0]);
            return -1;
        }
        node = qemuBlockNodeName(disk->src, "format");
        data = qemuSnapArgs("node", node, "overlay", overlay, NULL);
        json_object_object_add(action, "type", json_object_new_string("blockdev-snapshot"));
        json_object_object_add(action, "data", data);
        json_object_array_add(actions, action);
    }
    json_object_object_add(args, "actions", actions);
    if (qemuMonitorCommand(mon, "transaction", args, -1, -1, NULL) < 0)
        return -1;
    if (ctx->pending)
        g_ptr_array_set_size(ctx->pending, 0);
    return 0;
}


/**
 * qemuSnapExecQmp:
 * @ctx: the plan's context; its domain runs and is locked
 * @step: a QMP_* step
 * @replay: it may have run before
 *
 * Returns 0 or -1 with an error.
 */
int
qemuSnapExecQmp(qemuSnapExecCtx *ctx, const qemuSnapStep *step, bool replay)
{
    qemuMonitor *mon = qemuSnapMonitor(ctx);

    if (!mon)
        return -1;
    switch (step->type) {
    case QEMU_SNAP_STEP_QMP_COMMIT: {
        /* keep the top's index: its nodes are dropped by the next step,
         * after the definition no longer lists it */
        virStorageSource *src = qemuSnapFindSource(ctx->vm->def, step->disk,
                                                   step->image);

        if (src) {
            if (!ctx->overlayIds)
                ctx->overlayIds = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
            g_hash_table_insert(ctx->overlayIds,
                                g_strdup_printf("removed:%s", step->image),
                                GUINT_TO_POINTER(src->id));
        }
        return qemuSnapQmpCommit(ctx, mon, step, replay);
    }
    case QEMU_SNAP_STEP_QMP_STREAM:
        return qemuSnapQmpStream(ctx, mon, step, replay);
    case QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL:
        return qemuSnapQmpBlockdevDel(ctx, mon, step, replay);
    case QEMU_SNAP_STEP_QMP_OVERLAY_ADD:
        return qemuSnapQmpOverlayAdd(ctx, mon, step, replay);
    case QEMU_SNAP_STEP_QMP_TRANSACTION:
        return qemuSnapQmpTransaction(ctx, mon, step, replay);
    default:
        break;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, _("step %1$d is not a QMP step"),
                   step->type);
    return -1;
}


/**
 * qemuSnapUndoQmp:
 *
 * Drops the nodes an OVERLAY_ADD made (a failed or interrupted atomic
 * create); errors are ignored, the file is removed by the caller.
 */
void
qemuSnapUndoQmp(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    qemuDomainObjPrivate *priv = ctx->vm ? qemuDomainObjPrivateGet(ctx->vm) : NULL;
    unsigned int id;
    g_autofree char *fmt = NULL;
    g_autofree char *sto = NULL;

    if (!priv || !priv->mon || !ctx->overlayIds ||
        !(id = GPOINTER_TO_UINT(g_hash_table_lookup(ctx->overlayIds, step->image))))
        return;
    fmt = g_strdup_printf("libvirt-%u-format", id);
    sto = g_strdup_printf("libvirt-%u-storage", id);
    if (qemuSnapBlockdevDel(priv->mon, fmt, true) < 0 ||
        qemuSnapBlockdevDel(priv->mon, sto, true) < 0)
        virErrorResetLast();
}
