/*
 * qemu_snapshot_exec.c: running the steps of a snapshot plan: qemu-img
 * for images QEMU does not hold, definitions, snapshot records
 *
 * Every step may be run again after a crash (replay): each one checks
 * what is already done rather than failing on it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_snapshot.h"
#include "virstorageoverlay.h"
#include "qemu_snapshot_graph.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstoragefile.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


/* ------------------------------------------------------------------ */
/* qemu-img                                                           */

static int
qemuSnapRunQemuImg(GPtrArray *argv)
{
    g_autofree char *bin = g_find_program_in_path("qemu-img");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) gerr = NULL;
    g_autofree char *cmd = NULL;
    int status = 0;

    if (!bin) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("cannot find 'qemu-img' in PATH"));
        return -1;
    }
    g_ptr_array_insert(argv, 0, g_steal_pointer(&bin));
    g_ptr_array_add(argv, NULL);
    cmd = g_strjoinv(" ", (char **)argv->pdata);
    VIR_DEBUG("running %s", cmd);
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
                      NULL, NULL, &out, &err, &status, &gerr)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("cannot run '%1$s': %2$s"), cmd, gerr->message);
        return -1;
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("'%1$s' failed: %2$s"), cmd, g_strstrip(err));
        return -1;
    }
    return 0;
}


static const char *
qemuSnapFormatName(int format, const char *path)
{
    if (format <= VIR_STORAGE_FILE_NONE && path)
        format = virStorageFileProbeFormat(path);
    if (format <= VIR_STORAGE_FILE_NONE)
        return NULL;
    return virStorageFileFormatTypeToString(format);
}


static GPtrArray *
qemuSnapArgv(const char *first, ...)
{
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
    const char *arg;
    va_list ap;

    va_start(ap, first);
    for (arg = first; arg; arg = va_arg(ap, const char *))
        g_ptr_array_add(argv, g_strdup(arg));
    va_end(ap);
    return argv;
}


/* The image @path opened as @fmt over a plain file, for a json:
 * filename; NULL when it is no regular file (qemu-img probes those). */
static json_object *
qemuSnapJsonNode(const char *path, const char *fmt)
{
    json_object *node;
    json_object *file;

    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return NULL;
    node = json_object_new_object();
    file = json_object_new_object();
    json_object_object_add(file, "driver", json_object_new_string("file"));
    json_object_object_add(file, "filename", json_object_new_string(path));
    json_object_object_add(node, "driver", json_object_new_string(fmt));
    json_object_object_add(node, "file", file);
    return node;
}


/* Commit @step->image into its backing file @step->base.  qemu-img
 * would open the whole chain below (its cost growing with the chain);
 * the merge reads only the two images, so they are given as a json:
 * filename whose chain ends at the base (no -b: the base is the direct
 * backing file, which the planner guarantees). */
static GPtrArray *
qemuSnapCommitArgv(const qemuSnapStep *step, const char *fmt, const char *bfmt)
{
    g_autoptr(json_object) top = NULL;
    json_object *base;
    g_autofree char *name = NULL;

    if (bfmt && STREQ(fmt, "qcow2") &&
        (STREQ(bfmt, "qcow2") || STREQ(bfmt, "raw")) &&
        (top = qemuSnapJsonNode(step->image, fmt)) &&
        (base = qemuSnapJsonNode(step->base, bfmt))) {
        if (STREQ(bfmt, "qcow2"))
            json_object_object_add(base, "backing", NULL);
        json_object_object_add(top, "backing", base);
        name = g_strdup_printf("json:%s",
                               json_object_to_json_string_ext(top, JSON_C_TO_STRING_PLAIN));
        return qemuSnapArgv("commit", "-q", "-d", name, NULL);
    }
    return qemuSnapArgv("commit", "-q", "-f", fmt, "-d", "-b", step->base,
                        step->image, NULL);
}


/* A qemu-img commit running beside the step before it. */
typedef struct {
    GPid pid;
    int errfd;
    char *cmd;
} qemuSnapImgJob;


static void
qemuSnapImgJobFree(qemuSnapImgJob *job)
{
    if (job->errfd >= 0)
        close(job->errfd);
    g_free(job->cmd);
    g_free(job);
}


/* The child dies with the thread that waits for it: a process killed
 * mid-plan must not leave a commit running that the recovery's own run
 * of the same step would then find holding the image's lock. */
static void
qemuSnapImgJobChildSetup(gpointer unused G_GNUC_UNUSED)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}


/**
 * qemuSnapExecStart:
 * @step: a step of a checked plan
 * @opaque: the qemuSnapExecCtx
 *
 * Starts an image commit in the background, for the store to run while
 * it does the independent steps before it: the two disks of an offline
 * delete then merge at the same time.  A commit is idempotent, so a
 * crash that leaves it done but unrecorded is replayed harmlessly.
 *
 * Returns a token for qemuSnapExecFinish(), or NULL when @step is to be
 * run in turn (no error set).
 */
gpointer
qemuSnapExecStart(const qemuSnapStep *step, void *opaque G_GNUC_UNUSED)
{
    g_autofree char *bin = NULL;
    g_autoptr(GPtrArray) argv = NULL;
    g_autoptr(GError) gerr = NULL;
    const char *fmt;
    qemuSnapImgJob *job;

    if (step->type != QEMU_SNAP_STEP_IMG_COMMIT ||
        !(bin = g_find_program_in_path("qemu-img")) ||
        !(fmt = qemuSnapFormatName(VIR_STORAGE_FILE_AUTO, step->image)))
        return NULL;
    argv = qemuSnapCommitArgv(step, fmt,
                              qemuSnapFormatName(step->baseFormat, step->base));
    g_ptr_array_insert(argv, 0, g_steal_pointer(&bin));
    g_ptr_array_add(argv, NULL);

    job = g_new0(qemuSnapImgJob, 1);
    job->errfd = -1;
    job->cmd = g_strjoinv(" ", (char **)argv->pdata);
    VIR_DEBUG("starting %s", job->cmd);
    if (!g_spawn_async_with_pipes(NULL, (char **)argv->pdata, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD |
                                  G_SPAWN_STDOUT_TO_DEV_NULL,
                                  qemuSnapImgJobChildSetup, NULL, &job->pid,
                                  NULL, NULL, &job->errfd, &gerr)) {
        VIR_DEBUG("cannot start %s: %s", job->cmd, gerr->message);
        virErrorResetLast();
        qemuSnapImgJobFree(job);
        return NULL;
    }
    return job;
}


/**
 * qemuSnapExecFinish:
 * @token: from qemuSnapExecStart()
 *
 * Waits for the commit and frees @token.
 *
 * Returns 0 or -1 with an error naming the command and its message.
 */
int
qemuSnapExecFinish(gpointer token, void *opaque G_GNUC_UNUSED)
{
    qemuSnapImgJob *job = token;
    g_autoptr(GString) err = g_string_new(NULL);
    char buf[1024];
    ssize_t got;
    int status = 0;
    int ret = -1;

    while ((got = read(job->errfd, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        g_string_append_len(err, buf, got);
    }
    while (waitpid(job->pid, &status, 0) < 0) {
        if (errno != EINTR) {
            virReportSystemError(errno, _("cannot wait for '%1$s'"), job->cmd);
            goto cleanup;
        }
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("'%1$s' failed: %2$s"), job->cmd, g_strstrip(err->str));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    qemuSnapImgJobFree(job);
    return ret;
}


/**
 * qemuSnapExecImage:
 * @step: an IMG_* or UNLINK step
 * @replay: the step may have run before (crash recovery)
 *
 * Runs qemu-img for an image no QEMU process holds: commit (-d: the
 * committed image is unlinked later, emptying it is wasted work), rebase
 * (with -u only the header changes), create (-b/-F, so that no comma in
 * a path needs escaping), or unlinks.  Commit and rebase are idempotent;
 * a create run again starts from scratch, as a crash may have left a
 * half-written file no chain refers to yet.
 *
 * Returns 0 or -1 with an error.
 */
int
qemuSnapExecImage(const qemuSnapStep *step, bool replay)
{
    g_autoptr(GPtrArray) argv = NULL;
    const char *fmt = NULL;
    const char *bfmt = NULL;
    int rc;

    switch (step->type) {
    case QEMU_SNAP_STEP_IMG_COMMIT:
        if (!(fmt = qemuSnapFormatName(VIR_STORAGE_FILE_AUTO, step->image)))
            return -1;
        argv = qemuSnapCommitArgv(step, fmt,
                                  qemuSnapFormatName(step->baseFormat, step->base));
        break;
    case QEMU_SNAP_STEP_IMG_REBASE_UNSAFE:
    case QEMU_SNAP_STEP_IMG_REBASE:
        if (!(fmt = qemuSnapFormatName(VIR_STORAGE_FILE_AUTO, step->image)) ||
            !(bfmt = qemuSnapFormatName(step->baseFormat, step->base)))
            return -1;
        argv = qemuSnapArgv("rebase", "-q", "-f", fmt, "-F", bfmt,
                            "-b", step->base, step->image, NULL);
        if (step->type == QEMU_SNAP_STEP_IMG_REBASE_UNSAFE)
            g_ptr_array_insert(argv, 1, g_strdup("-u"));
        break;
    case QEMU_SNAP_STEP_IMG_CREATE:
        if (step->reuse)
            return 0;
        if (replay && virFileRemove(step->image) < 0)
            return -1;
        if ((rc = virStorageFileCreateQcow2Overlay(step->image, step->base,
                                             step->baseFormat)) <= 0)
            return rc;
        if (!(bfmt = qemuSnapFormatName(step->baseFormat, step->base)))
            return -1;
        argv = qemuSnapArgv("create", "-q", "-f", "qcow2", "-F", bfmt,
                            "-b", step->base, step->image, NULL);
        break;
    case QEMU_SNAP_STEP_UNLINK:
        return virFileRemove(step->image);
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("step %1$d is not an image step"), step->type);
        return -1;
    }
    return qemuSnapRunQemuImg(argv);
}


/* ------------------------------------------------------------------ */
/* Definitions                                                        */

/**
 * qemuSnapDiskByDst:
 *
 * Returns @def's disk with target @dst, or NULL (no error set).  The
 * conf lookup by name also matches paths, which a target never needs;
 * and libvirt.so does not export it to plugins.
 */
virDomainDiskDef *
qemuSnapDiskByDst(const virDomainDef *def, const char *dst)
{
    size_t i;

    for (i = 0; def && dst && i < def->ndisks; i++) {
        if (STREQ_NULLABLE(def->disks[i]->dst, dst))
            return def->disks[i];
    }
    return NULL;
}

/**
 * qemuSnapReplaceInChain:
 * @top: a disk's chain (its src pointer)
 * @from: the image merged away
 * @to: the image it was merged into
 * @toFormat: @to's format
 *
 * Takes @from out of the chain: when @to is the next image it is
 * spliced out (so @to keeps its node index, which names its block node
 * in a running QEMU); otherwise it is renamed to @to and what lay below
 * it is left to be read from the headers again.
 *
 * Returns 1 if the chain changed, 0 if @from was not in it.
 */
int
qemuSnapReplaceInChain(virStorageSource **top, const char *from,
                       const char *to, int toFormat)
{
    virStorageSource **link;

    for (link = top; *link && (*link)->type != VIR_STORAGE_TYPE_NONE;
         link = &(*link)->backingStore) {
        virStorageSource *cur = *link;
        virStorageSource *next = cur->backingStore;

        if (STRNEQ_NULLABLE(cur->path, from))
            continue;
        if (next && STREQ_NULLABLE(next->path, to)) {
            /* the top keeps being writable and keeps what the disk asked */
            next->readonly = cur->readonly;
            cur->backingStore = NULL;
            *link = next;
            virStorageSourceFree(cur);
        } else {
            g_free(cur->path);
            cur->path = g_strdup(to);
            if (toFormat > VIR_STORAGE_FILE_NONE)
                cur->format = toFormat;
            virStorageSourceFree(cur->backingStore);
            cur->backingStore = NULL;
        }
        return 1;
    }
    return 0;
}


/**
 * qemuSnapPushOnChain:
 * @top: a disk's chain
 * @image: the new top, a qcow2 file
 * @base: the image below it
 * @id: its node index (0 outside a running QEMU)
 *
 * Makes @image the top; the old chain goes below it when its top is
 * @base, otherwise the chain below is left to the headers.
 */
void
qemuSnapPushOnChain(virStorageSource **top, const char *image,
                    const char *base, unsigned int id)
{
    virStorageSource *src;

    if (*top && STREQ_NULLABLE((*top)->path, image))
        return;
    src = virStorageSourceNew();
    src->type = VIR_STORAGE_TYPE_FILE;
    src->path = g_strdup(image);
    src->format = VIR_STORAGE_FILE_QCOW2;
    src->id = id;
    if (*top && STREQ_NULLABLE((*top)->path, base)) {
        src->readonly = (*top)->readonly;
        (*top)->readonly = true;
        src->backingStore = *top;
    } else {
        virStorageSourceFree(*top);
    }
    *top = src;
}


static virDomainDef *
qemuSnapStepDef(qemuSnapExecCtx *ctx, bool config)
{
    virDomainObj *vm = ctx->vm;

    if (config)
        return vm->persistent ? virDomainObjGetPersistentDef(vm) : NULL;
    return virDomainObjIsActive(vm) ? vm->def : NULL;
}


static int
qemuSnapExecDomain(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    virDomainDef *def = qemuSnapStepDef(ctx, step->config);
    virDomainDiskDef *disk;
    unsigned int id = 0;

    if (!def || !(disk = qemuSnapDiskByDst(def, step->disk)))
        return 0;
    if (step->type == QEMU_SNAP_STEP_DOMAIN_REPLACE) {
        qemuSnapReplaceInChain(&disk->src, step->image, step->base,
                               step->baseFormat);
    } else {
        if (!step->config && ctx->overlayIds)
            id = GPOINTER_TO_UINT(g_hash_table_lookup(ctx->overlayIds,
                                                      step->image));
        qemuSnapPushOnChain(&disk->src, step->image, step->base, id);
    }
    if (step->config)
        return qemuDomainSaveConfig(ctx->driver, def);
    return qemuDomainSaveStatus(ctx->driver, ctx->vm);
}


/* ------------------------------------------------------------------ */
/* Snapshot records                                                   */

static int
qemuSnapWriteRecord(qemuSnapExecCtx *ctx, virDomainMomentObj *snap)
{
    if (!snap || !snap->def)
        return 0;
    return qemuSnapshotStoreWrite(ctx->snapshotDir, ctx->domain, snap->def);
}


static virDomainSnapshotDiskDef *
qemuSnapRecordDisk(virDomainSnapshotDef *def, const char *dst)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (STREQ(def->disks[i].name, dst))
            return &def->disks[i];
    }
    return NULL;
}


/* Set disk @step->disk's <revertDisks> entry from @step->image to
 * @step->base (NULL: drop it; the element goes with its last external
 * entry).  Returns 1 if the record changed, 0 if it already had it. */
static int
qemuSnapRecordRevert(virDomainSnapshotDef *def, const qemuSnapStep *step)
{
    virDomainSnapshotDiskDef *sd = NULL;
    size_t i;
    bool external = false;

    for (i = 0; i < def->nrevertDisks; i++) {
        if (STREQ(def->revertDisks[i].name, step->disk))
            sd = &def->revertDisks[i];
    }
    if (sd && sd->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
        sd = NULL;
    if (!STREQ_NULLABLE(sd ? sd->src->path : NULL, step->image))
        return 0;               /* replayed: done before the crash */
    if (!sd && step->base) {
        def->revertDisks = g_renew(virDomainSnapshotDiskDef, def->revertDisks,
                                   def->nrevertDisks + 1);
        sd = &def->revertDisks[def->nrevertDisks++];
        memset(sd, 0, sizeof(*sd));
        sd->name = g_strdup(step->disk);
        sd->snapshot = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
        sd->src = virStorageSourceNew();
    }
    if (sd) {
        g_free(sd->src->path);
        sd->src->path = g_strdup(step->base);
        sd->src->type = step->base ? VIR_STORAGE_TYPE_FILE : VIR_STORAGE_TYPE_NONE;
        sd->src->format = VIR_STORAGE_FILE_QCOW2;
        if (!step->base)
            sd->snapshot = VIR_DOMAIN_SNAPSHOT_LOCATION_NO;
    }
    for (i = 0; i < def->nrevertDisks; i++) {
        if (def->revertDisks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            external = true;
    }
    if (!external)
        virDomainSnapshotDefClearRevertDisks(def);
    return 1;
}


static int
qemuSnapExecMetaReplace(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    virDomainMomentObj *snap = virDomainSnapshotObjListFindByName(ctx->vm->snapshots,
                                                                  step->snapshot);
    virDomainSnapshotDef *def;

    if (!snap)
        return 0;
    def = snap->def;
    if (step->field == QEMU_SNAP_FIELD_STATE) {
        virDomainDef *doms[] = { def->dom, def->inactiveDom };
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(doms); i++) {
            virDomainDiskDef *disk = doms[i] ? qemuSnapDiskByDst(doms[i],
                                                                   step->disk) : NULL;

            /* a disk the record lacks is skipped, never an error (D13) */
            if (disk)
                qemuSnapReplaceInChain(&disk->src, step->image, step->base,
                                       step->baseFormat);
        }
    } else if (step->field == QEMU_SNAP_FIELD_REVERT) {
        if (qemuSnapRecordRevert(def, step) == 0)
            return 0;
    } else {
        virDomainSnapshotDiskDef *sd = qemuSnapRecordDisk(def, step->disk);

        if (sd && STREQ_NULLABLE(sd->src->path, step->image)) {
            g_free(sd->src->path);
            sd->src->path = g_strdup(step->base);
            if (!step->base)
                sd->src->type = VIR_STORAGE_TYPE_NONE;
        }
    }
    return qemuSnapWriteRecord(ctx, snap);
}


static void
qemuSnapSetCurrent(qemuSnapExecCtx *ctx, virDomainMomentObj *snap,
                   virDomainMomentObj **old)
{
    *old = virDomainSnapshotObjListGetCurrent(ctx->vm->snapshots);
    if (*old)
        (*old)->def->current = false;
    if (snap)
        snap->def->current = true;
    virDomainSnapshotObjListSetCurrent(ctx->vm->snapshots, snap);
}


static int
qemuSnapExecMetaRemove(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    virDomainSnapshotObjList *list = ctx->vm->snapshots;
    virDomainMomentObj *snap = virDomainSnapshotObjListFindByName(list,
                                                                  step->snapshot);
    virDomainMomentObj *parent;
    virDomainMomentObj *child;
    virDomainMomentObj *old = NULL;

    if (!snap)
        return qemuSnapshotStoreDelete(ctx->snapshotDir, ctx->domain,
                                       step->snapshot);
    parent = snap->parent;
    /* Children and the new current are written before the record goes:
     * a crash in between leaves a removable record, never an orphan. */
    for (child = snap->firstChild; child; child = child->sibling) {
        g_free(child->def->parent_name);
        child->def->parent_name = parent && parent->def ?
                                  g_strdup(parent->def->name) : NULL;
        if (qemuSnapWriteRecord(ctx, child) < 0)
            return -1;
    }
    if (snap->def->current) {
        qemuSnapSetCurrent(ctx, parent && parent->def ? parent : NULL, &old);
        if (parent && parent->def && qemuSnapWriteRecord(ctx, parent) < 0)
            return -1;
    }
    if (qemuSnapshotStoreDelete(ctx->snapshotDir, ctx->domain,
                                step->snapshot) < 0)
        return -1;
    virDomainMomentMoveChildren(snap, parent);
    virDomainSnapshotObjListRemove(list, snap);
    return 0;
}


static int
qemuSnapExecMetaAdd(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    virDomainSnapshotObjList *list = ctx->vm->snapshots;
    virDomainMomentObj *snap = virDomainSnapshotObjListFindByName(list,
                                                                  step->snapshot);
    virDomainMomentObj *old = NULL;

    if (!snap) {
        /* replayed after a crash: the record waits beside the intent */
        if (!ctx->newDef &&
            !(ctx->newDef = qemuSnapshotStoreReadPending(ctx->snapshotDir,
                                                         ctx->domain)))
            return -1;
        if (!(snap = virDomainSnapshotObjListAdd(list, &ctx->newDef)))
            return -1;
        virDomainSnapshotObjListLinkParent(list, snap);
    }
    qemuSnapSetCurrent(ctx, snap, &old);
    /* The new record first: a crash before the old one is rewritten
     * leaves two claiming to be current, and loading keeps the newer. */
    if (qemuSnapWriteRecord(ctx, snap) < 0)
        return -1;
    if (old && old != snap)
        return qemuSnapWriteRecord(ctx, old);
    return 0;
}


static int
qemuSnapExecMetaCurrent(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    virDomainMomentObj *snap = virDomainSnapshotObjListFindByName(ctx->vm->snapshots,
                                                                  step->snapshot);
    virDomainMomentObj *old = NULL;

    if (!snap)
        return 0;
    qemuSnapSetCurrent(ctx, snap, &old);
    if (qemuSnapWriteRecord(ctx, snap) < 0)
        return -1;
    if (old && old != snap)
        return qemuSnapWriteRecord(ctx, old);
    return 0;
}


/* The image of disk @dst's chain (as the headers say) whose backing is
 * @path, or NULL. */
static char *
qemuSnapImageAbove(virDomainObj *vm, const char *dst, const char *path)
{
    virDomainDiskDef *disk = qemuSnapDiskByDst(vm->def, dst);
    g_autofree char *cur = disk ? g_strdup(disk->src->path) : NULL;
    unsigned int depth = 0;

    while (cur && depth++ < VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
        qemuSnapImageInfo info;
        char *next;

        if (qemuSnapImageInfoRead(cur, VIR_STORAGE_FILE_AUTO, &info) != 0) {
            virErrorResetLast();
            return NULL;
        }
        next = g_steal_pointer(&info.backing);
        qemuSnapImageInfoClear(&info);
        if (STREQ_NULLABLE(next, path)) {
            g_free(next);
            return g_steal_pointer(&cur);
        }
        g_free(cur);
        cur = next;
    }
    return NULL;
}


/* A QMP step of a domain whose QEMU is gone, done with qemu-img: the
 * merge, and the repointing of the image above that block-commit's
 * backing-file would have done. */
static int
qemuSnapExecOffline(qemuSnapExecCtx *ctx, const qemuSnapStep *step)
{
    qemuSnapStep alt = *step;
    g_autofree char *above = NULL;

    if (step->type == QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL)
        return 0;
    if (step->type == QEMU_SNAP_STEP_QMP_STREAM) {
        alt.type = QEMU_SNAP_STEP_IMG_REBASE;
        return qemuSnapExecImage(&alt, true);
    }
    alt.type = QEMU_SNAP_STEP_IMG_COMMIT;
    if (qemuSnapExecImage(&alt, true) < 0)
        return -1;
    if (!(above = qemuSnapImageAbove(ctx->vm, step->disk, step->image)))
        return 0;
    alt.type = QEMU_SNAP_STEP_IMG_REBASE_UNSAFE;
    alt.image = above;
    return qemuSnapExecImage(&alt, true);
}


/**
 * qemuSnapExecStep:
 * @step: a step of a checked plan
 * @replay: it may have run before
 * @opaque: the qemuSnapExecCtx
 *
 * The executor of qemuSnapshotStoreRunPlan() for a real domain.
 * Returns 0 or -1 with an error.
 */
int
qemuSnapExecStep(const qemuSnapStep *step, bool replay, void *opaque)
{
    qemuSnapExecCtx *ctx = opaque;
    g_autofree char *desc = qemuSnapStepFormat(step);

    VIR_DEBUG("snapshot step %s%s", desc, replay ? " (replay)" : "");
    switch (step->type) {
    case QEMU_SNAP_STEP_IMG_COMMIT:
    case QEMU_SNAP_STEP_IMG_REBASE_UNSAFE:
    case QEMU_SNAP_STEP_IMG_REBASE:
    case QEMU_SNAP_STEP_IMG_CREATE:
    case QEMU_SNAP_STEP_UNLINK:
        return qemuSnapExecImage(step, replay);
    case QEMU_SNAP_STEP_QMP_COMMIT:
    case QEMU_SNAP_STEP_QMP_STREAM:
    case QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL:
        /* Finishing a plan after QEMU went away (host reboot, crash,
         * the guest shut down meanwhile): the same merge offline; the
         * nodes went with the process. */
        if (ctx->vm && !virDomainObjIsActive(ctx->vm))
            return qemuSnapExecOffline(ctx, step);
        return qemuSnapExecQmp(ctx, step, replay);
    case QEMU_SNAP_STEP_QMP_OVERLAY_ADD:
    case QEMU_SNAP_STEP_QMP_TRANSACTION:
        return qemuSnapExecQmp(ctx, step, replay);
    case QEMU_SNAP_STEP_DOMAIN_REPLACE:
    case QEMU_SNAP_STEP_DOMAIN_PUSH:
        return qemuSnapExecDomain(ctx, step);
    case QEMU_SNAP_STEP_META_REPLACE:
        return qemuSnapExecMetaReplace(ctx, step);
    case QEMU_SNAP_STEP_META_REMOVE:
        return qemuSnapExecMetaRemove(ctx, step);
    case QEMU_SNAP_STEP_META_ADD:
        return qemuSnapExecMetaAdd(ctx, step);
    case QEMU_SNAP_STEP_META_CURRENT:
        return qemuSnapExecMetaCurrent(ctx, step);
    case QEMU_SNAP_STEP_LAST:
        break;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, _("unknown snapshot step %1$d"),
                   step->type);
    return -1;
}


/**
 * qemuSnapExecUndo:
 *
 * Rolls back a create step before its plan's commit point: the new
 * image goes (never a reused one), and QEMU drops its nodes.
 */
void
qemuSnapExecUndo(const qemuSnapStep *step, void *opaque)
{
    qemuSnapExecCtx *ctx = opaque;

    if (step->reuse)
        return;
    if (step->type == QEMU_SNAP_STEP_QMP_OVERLAY_ADD)
        qemuSnapUndoQmp(ctx, step);
    if (step->type == QEMU_SNAP_STEP_IMG_CREATE ||
        step->type == QEMU_SNAP_STEP_QMP_OVERLAY_ADD) {
        if (virFileRemove(step->image) < 0)
            virErrorResetLast();
    }
}


void
qemuSnapExecCtxClear(qemuSnapExecCtx *ctx)
{
    virDomainSnapshotDefFree(ctx->newDef);
    ctx->newDef = NULL;
    g_clear_pointer(&ctx->overlayIds, g_hash_table_unref);
    g_clear_pointer(&ctx->pending, g_ptr_array_unref);
}
