/*
 * qemu_snapshot_plan.c: external snapshot delete, revert and create as
 * ordered steps, decided by the image graph
 *
 * The rules (snapshot-scenarios.md, X-rules), for deleting X with
 * state image S:
 *  - S is merged with anything only if S has exactly one child image K
 *    and S is no longer needed for its own sake (no other snapshot's
 *    state, no definition's top).  K is then committed into S: every
 *    chain through K reads the same, K's other children are rebased
 *    onto S, records naming K are renamed to S, and K is unlinked.
 *  - Otherwise (S shared by several images, or needed itself) no image
 *    changes: only the records do.
 *  - An image is unlinked only if we created it (a snapshot's overlay or
 *    a revert's) and no definition and no remaining snapshot reaches it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_snapshot_plan.h"
#include "virerror.h"
#include "virfile.h"
#include "virstoragefile.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static const char *const qemuSnapStepNames[QEMU_SNAP_STEP_LAST] = {
    [QEMU_SNAP_STEP_IMG_COMMIT] = "img-commit",
    [QEMU_SNAP_STEP_IMG_REBASE_UNSAFE] = "img-rebase-unsafe",
    [QEMU_SNAP_STEP_IMG_REBASE] = "img-rebase",
    [QEMU_SNAP_STEP_IMG_CREATE] = "img-create",
    [QEMU_SNAP_STEP_QMP_COMMIT] = "qmp-commit",
    [QEMU_SNAP_STEP_QMP_STREAM] = "qmp-stream",
    [QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL] = "blockdev-del",
    [QEMU_SNAP_STEP_QMP_OVERLAY_ADD] = "overlay-add",
    [QEMU_SNAP_STEP_QMP_TRANSACTION] = "transaction",
    [QEMU_SNAP_STEP_DOMAIN_REPLACE] = "domain-replace",
    [QEMU_SNAP_STEP_DOMAIN_PUSH] = "domain-push",
    [QEMU_SNAP_STEP_META_REPLACE] = "meta-replace",
    [QEMU_SNAP_STEP_META_REMOVE] = "meta-remove",
    [QEMU_SNAP_STEP_META_ADD] = "meta-add",
    [QEMU_SNAP_STEP_META_CURRENT] = "meta-current",
    [QEMU_SNAP_STEP_UNLINK] = "unlink",
};

static const char *const qemuSnapFieldNames[QEMU_SNAP_FIELD_LAST] = {
    [QEMU_SNAP_FIELD_STATE] = "state",
    [QEMU_SNAP_FIELD_OVERLAY] = "overlay",
    [QEMU_SNAP_FIELD_REVERT] = "revert",
};


void
qemuSnapStepFree(qemuSnapStep *step)
{
    if (!step)
        return;
    g_free(step->disk);
    g_free(step->image);
    g_free(step->base);
    g_free(step->snapshot);
    g_free(step);
}


qemuSnapPlan *
qemuSnapPlanNew(void)
{
    qemuSnapPlan *plan = g_new0(qemuSnapPlan, 1);

    plan->steps = g_ptr_array_new_with_free_func((GDestroyNotify)qemuSnapStepFree);
    return plan;
}


void
qemuSnapPlanFree(qemuSnapPlan *plan)
{
    if (!plan)
        return;
    g_ptr_array_unref(plan->steps);
    g_free(plan);
}


/**
 * qemuSnapPlanAdd:
 * @plan: a plan
 * @type: the step
 * @disk: the disk target, or NULL
 * @image: the image acted on, or NULL
 * @base: the other image, or NULL
 *
 * Returns the appended step (owned by @plan) for the caller to fill in.
 */
qemuSnapStep *
qemuSnapPlanAdd(qemuSnapPlan *plan, qemuSnapStepType type, const char *disk,
                const char *image, const char *base)
{
    qemuSnapStep *step = g_new0(qemuSnapStep, 1);

    step->type = type;
    step->disk = g_strdup(disk);
    step->image = g_strdup(image);
    step->base = g_strdup(base);
    step->baseFormat = VIR_STORAGE_FILE_QCOW2;
    g_ptr_array_add(plan->steps, step);
    return step;
}


/**
 * qemuSnapStepFormat:
 *
 * Returns one readable line: "TYPE [SNAPSHOT] [DISK] [FIELD|live|config]
 * IMAGE [-> BASE] [active] [reuse]", as tests compare and logs show.
 */
char *
qemuSnapStepFormat(const qemuSnapStep *step)
{
    GString *s = g_string_new(qemuSnapStepNames[step->type]);

    if (step->snapshot)
        g_string_append_printf(s, " %s", step->snapshot);
    if (step->disk)
        g_string_append_printf(s, " %s", step->disk);
    if (step->type == QEMU_SNAP_STEP_META_REPLACE)
        g_string_append_printf(s, " %s", qemuSnapFieldNames[step->field]);
    if (step->type == QEMU_SNAP_STEP_DOMAIN_REPLACE ||
        step->type == QEMU_SNAP_STEP_DOMAIN_PUSH)
        g_string_append(s, step->config ? " config" : " live");
    if (step->image)
        g_string_append_printf(s, " %s", step->image);
    else if (step->type == QEMU_SNAP_STEP_META_REPLACE)
        g_string_append(s, " <null>");
    if (step->base || step->type == QEMU_SNAP_STEP_META_REPLACE)
        g_string_append_printf(s, " -> %s", NULLSTR(step->base));
    if (step->active)
        g_string_append(s, " active");
    if (step->reuse)
        g_string_append(s, " reuse");
    return g_string_free(s, FALSE);
}


static void
qemuSnapSerializeField(GString *s, const char *val)
{
    g_autofree char *esc = val ? g_strescape(val, NULL) : NULL;

    g_string_append_printf(s, "%s\t", esc ? esc : "");
}


/**
 * qemuSnapPlanSerialize:
 *
 * Returns the plan as text, one step per line and tab-separated
 * escaped fields, which qemuSnapPlanParse() reads back exactly.
 */
char *
qemuSnapPlanSerialize(const qemuSnapPlan *plan)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);

        g_string_append_printf(s, "%s\t", qemuSnapStepNames[st->type]);
        qemuSnapSerializeField(s, st->disk);
        qemuSnapSerializeField(s, st->image);
        qemuSnapSerializeField(s, st->base);
        qemuSnapSerializeField(s, st->snapshot);
        g_string_append_printf(s, "%d\t%d\t%d%d%d\n", st->baseFormat,
                               st->field, st->active, st->config, st->reuse);
    }
    return g_string_free(s, FALSE);
}


static char *
qemuSnapParseField(const char *f)
{
    return *f ? g_strcompress(f) : NULL;
}


/**
 * qemuSnapPlanParse:
 * @text: what qemuSnapPlanSerialize() wrote
 *
 * Returns the plan, or NULL with VIR_ERR_INTERNAL_ERROR on bad text.
 */
qemuSnapPlan *
qemuSnapPlanParse(const char *text)
{
    g_autoptr(qemuSnapPlan) plan = qemuSnapPlanNew();
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = NULL;
        qemuSnapStep *st;
        int type;

        if (!*lines[i])
            continue;
        f = g_strsplit(lines[i], "\t", -1);
        if (g_strv_length(f) != 8 || strlen(f[7]) != 3)
            goto bad;
        for (type = 0; type < QEMU_SNAP_STEP_LAST; type++) {
            if (STREQ(f[0], qemuSnapStepNames[type]))
                break;
        }
        if (type == QEMU_SNAP_STEP_LAST)
            goto bad;
        st = g_new0(qemuSnapStep, 1);
        st->type = type;
        st->disk = qemuSnapParseField(f[1]);
        st->image = qemuSnapParseField(f[2]);
        st->base = qemuSnapParseField(f[3]);
        st->snapshot = qemuSnapParseField(f[4]);
        st->baseFormat = atoi(f[5]);
        st->field = atoi(f[6]);
        if (st->field >= QEMU_SNAP_FIELD_LAST)
            st->field = QEMU_SNAP_FIELD_STATE;
        st->active = f[7][0] == '1';
        st->config = f[7][1] == '1';
        st->reuse = f[7][2] == '1';
        g_ptr_array_add(plan->steps, st);
    }
    return g_steal_pointer(&plan);

 bad:
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("malformed snapshot plan line '%1$s'"), lines[i]);
    return NULL;
}


/* ------------------------------------------------------------------ */
/* Simulation                                                         */

static void
qemuSnapReplaceTop(GHashTable *tops, const char *dst, const char *from,
                   const char *to)
{
    const char *top = dst ? g_hash_table_lookup(tops, dst) : NULL;

    if (top && STREQ(top, from))
        g_hash_table_insert(tops, g_strdup(dst), g_strdup(to));
}


static void
qemuSnapApplyMetaReplace(qemuSnapGraph *g, const qemuSnapStep *st)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(g, st->snapshot);
    qemuSnapRefDisk *d = ref ? qemuSnapRefFindDisk(ref, st->disk) : NULL;
    char **field;

    if (!d)
        return;
    if (st->field == QEMU_SNAP_FIELD_REVERT) {
        if (STREQ_NULLABLE(d->revert, st->image)) {
            g_free(d->revert);
            d->revert = g_strdup(st->base);
        }
        return;
    }
    field = st->field == QEMU_SNAP_FIELD_STATE ? &d->state : &d->overlay;
    if (*field && STREQ(*field, st->image)) {
        g_free(*field);
        *field = g_strdup(st->base);
    }
}


static void
qemuSnapApplyCommit(qemuSnapGraph *g, const qemuSnapStep *st, bool qmp)
{
    qemuSnapImage *top = qemuSnapGraphLookup(g, st->image);
    qemuSnapImage *base = qemuSnapGraphLookup(g, st->base);
    GHashTableIter it;
    gpointer v;

    base->data |= top->data;
    if (!qmp)
        return;
    /* QEMU repoints the image above @top in its own chain (backing-file). */
    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *img = v;

        if (img->inQemu && img->exists && STREQ_NULLABLE(img->backing, top->path)) {
            g_free(img->backing);
            img->backing = g_strdup(base->path);
            img->backingFormat = base->format;
        }
    }
}


static int
qemuSnapApplyCreate(qemuSnapGraph *g, const qemuSnapStep *st)
{
    qemuSnapImage *img = qemuSnapGraphLookup(g, st->image);

    if (img && img->exists && !st->reuse) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("image '%1$s' exists already"), st->image);
        return -1;
    }
    if (!img || !img->exists)
        img = qemuSnapGraphAddImage(g, st->image, VIR_STORAGE_FILE_QCOW2,
                                    st->base, st->baseFormat);
    img->owned = true;
    if (st->type == QEMU_SNAP_STEP_QMP_OVERLAY_ADD)
        img->inQemu = true;
    return 0;
}


static void
qemuSnapApplyMetaAdd(qemuSnapGraph *g, const qemuSnapStep *st)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(g, st->snapshot);
    const char *parent = NULL;
    size_t i;

    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *r = g_ptr_array_index(g->snaps, i);

        if (r->current)
            parent = r->name;
    }
    /* replayed after a crash: the record is there already */
    if (!ref)
        ref = qemuSnapGraphAddSnapshot(g, st->snapshot, parent, false);
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *r = g_ptr_array_index(g->snaps, i);

        r->current = r == ref;
    }
}


/**
 * qemuSnapGraphApplyStep:
 * @g: a graph, changed in place
 * @step: one step
 *
 * Does to the graph what the step does to files, definitions and
 * records: the planner's simulation and the fake executor of tests.
 * A step whose image is missing fails as the real one would.
 *
 * Returns 0, or -1 with VIR_ERR_OPERATION_FAILED.
 */
int
qemuSnapGraphApplyStep(qemuSnapGraph *g, const qemuSnapStep *st)
{
    qemuSnapImage *img = qemuSnapGraphLookup(g, st->image);
    qemuSnapImage *base = qemuSnapGraphLookup(g, st->base);

    switch (st->type) {
    case QEMU_SNAP_STEP_IMG_COMMIT:
    case QEMU_SNAP_STEP_QMP_COMMIT:
    case QEMU_SNAP_STEP_IMG_REBASE_UNSAFE:
    case QEMU_SNAP_STEP_IMG_REBASE:
    case QEMU_SNAP_STEP_QMP_STREAM:
        if (!img || !img->exists || !base || !base->exists) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("step '%1$s' needs image '%2$s' and '%3$s'"),
                           qemuSnapStepNames[st->type], NULLSTR(st->image),
                           NULLSTR(st->base));
            return -1;
        }
        break;
    default:
        break;
    }

    switch (st->type) {
    case QEMU_SNAP_STEP_IMG_COMMIT:
    case QEMU_SNAP_STEP_QMP_COMMIT:
        qemuSnapApplyCommit(g, st, st->type == QEMU_SNAP_STEP_QMP_COMMIT);
        break;
    case QEMU_SNAP_STEP_IMG_REBASE:
    case QEMU_SNAP_STEP_QMP_STREAM:
        img->data |= qemuSnapGraphChainData(g, img->backing);
        G_GNUC_FALLTHROUGH;
    case QEMU_SNAP_STEP_IMG_REBASE_UNSAFE:
        g_free(img->backing);
        img->backing = g_strdup(st->base);
        img->backingFormat = st->baseFormat;
        break;
    case QEMU_SNAP_STEP_IMG_CREATE:
    case QEMU_SNAP_STEP_QMP_OVERLAY_ADD:
        return qemuSnapApplyCreate(g, st);
    case QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL:
        if (img)
            img->inQemu = false;
        break;
    case QEMU_SNAP_STEP_QMP_TRANSACTION:
        break;
    case QEMU_SNAP_STEP_DOMAIN_REPLACE:
        qemuSnapReplaceTop(st->config ? g->configTops : g->liveTops,
                           st->disk, st->image, st->base);
        break;
    case QEMU_SNAP_STEP_DOMAIN_PUSH:
        g_hash_table_insert(st->config ? g->configTops : g->liveTops,
                            g_strdup(st->disk), g_strdup(st->image));
        break;
    case QEMU_SNAP_STEP_META_REPLACE:
        qemuSnapApplyMetaReplace(g, st);
        break;
    case QEMU_SNAP_STEP_META_REMOVE:
        qemuSnapGraphRemoveSnapshot(g, st->snapshot);
        break;
    case QEMU_SNAP_STEP_META_ADD:
        qemuSnapApplyMetaAdd(g, st);
        break;
    case QEMU_SNAP_STEP_META_CURRENT: {
        size_t i;

        for (i = 0; i < g->snaps->len; i++) {
            qemuSnapRef *r = g_ptr_array_index(g->snaps, i);

            r->current = STREQ(r->name, st->snapshot);
        }
        break;
    }
    case QEMU_SNAP_STEP_UNLINK:
        if (img)
            g_hash_table_remove(g->images, st->image);
        break;
    case QEMU_SNAP_STEP_LAST:
        break;
    }
    return 0;
}


/* Simulate the step just appended on the scratch graph, so that the
 * next decision sees its effect; a failure is a planner bug. */
static int
qemuSnapPlanCommitLast(qemuSnapPlan *plan, qemuSnapGraph *w)
{
    return qemuSnapGraphApplyStep(w, g_ptr_array_index(plan->steps,
                                                       plan->steps->len - 1));
}


/* ------------------------------------------------------------------ */
/* Delete                                                             */

static bool
qemuSnapStampChanged(const qemuSnapImage *img)
{
    if (!img || !img->exists || (!img->recSize && !img->recMtimeNs))
        return false;
    return img->recSize != img->size || img->recMtimeNs != img->mtimeNs;
}


/* The nearest ancestor of @ref that snapshotted @dst at all. */
static qemuSnapRefDisk *
qemuSnapAncestorDisk(const qemuSnapGraph *g, const qemuSnapRef *ref,
                     const char *dst)
{
    const char *parent = ref->parent;

    while (parent) {
        qemuSnapRef *p = qemuSnapGraphFindSnapshot(g, parent);
        qemuSnapRefDisk *d;

        if (!p)
            return NULL;
        d = qemuSnapRefFindDisk(p, dst);
        if (d && d->location != VIR_DOMAIN_SNAPSHOT_LOCATION_NO)
            return d;
        parent = p->parent;
    }
    return NULL;
}


static int
qemuSnapCheckDeleteDisk(const qemuSnapGraph *w, const qemuSnapRef *ref,
                        const qemuSnapRefDisk *d, GHashTable *neededAll,
                        GHashTable *neededWithout)
{
    qemuSnapImage *s = qemuSnapGraphLookup(w, d->state);
    qemuSnapImage *o = qemuSnapGraphLookup(w, d->overlay);
    qemuSnapRefDisk *anc = qemuSnapAncestorDisk(w, ref, d->dst);

    if (anc && anc->location == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("deleting external snapshot that has internal snapshot as parent not supported"));
        return -1;
    }
    if (!d->state) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("failed to find disk '%1$s' in snapshot VM XML"),
                       d->dst);
        return -1;
    }
    if ((!s || !s->exists) && g_hash_table_contains(neededWithout, d->state)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete snapshot '%1$s': state image '%2$s' of disk '%3$s' is missing"),
                       ref->name, d->state, d->dst);
        return -1;
    }
    if (d->overlay && (!o || !o->exists) &&
        g_hash_table_contains(neededWithout, d->overlay)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete snapshot '%1$s': overlay '%2$s' of disk '%3$s' is missing"),
                       ref->name, d->overlay, d->dst);
        return -1;
    }
    if (o && o->exists && g_hash_table_contains(neededAll, o->path) &&
        STRNEQ_NULLABLE(o->backing, d->state)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("snapshot VM disk source and parent disk source are not the same for disk '%1$s'"),
                       d->dst);
        return -1;
    }
    if (qemuSnapStampChanged(s) || qemuSnapStampChanged(o)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete snapshot '%1$s': image '%2$s' of disk '%3$s' changed since it was recorded (size or modification time differ)"),
                       ref->name, qemuSnapStampChanged(s) ? s->path : o->path,
                       d->dst);
        return -1;
    }
    return 0;
}


static int
qemuSnapCheckDelete(const qemuSnapGraph *w, const qemuSnapRef *ref)
{
    g_autoptr(GHashTable) neededAll = qemuSnapGraphNeeded(w, NULL);
    g_autoptr(GHashTable) neededWithout = qemuSnapGraphNeeded(w, ref->name);
    GHashTableIter it;
    gpointer k;
    size_t i;

    g_hash_table_iter_init(&it, w->jobs);
    if (g_hash_table_iter_next(&it, &k, NULL)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("cannot delete external snapshots when there is another active block job (disk '%1$s')"),
                       (const char *)k);
        return -1;
    }
    if (ref->memoryLocation == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("cannot delete snapshot '%1$s': internal memory state is not supported"),
                       ref->name);
        return -1;
    }
    for (i = 0; i < ref->ndisks; i++) {
        const qemuSnapRefDisk *d = &ref->disks[i];

        if (d->location == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("cannot delete snapshot '%1$s': disk '%2$s' has an internal snapshot, which is not supported"),
                           ref->name, d->dst);
            return -1;
        }
        if (d->location != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (qemuSnapCheckDeleteDisk(w, ref, d, neededAll, neededWithout) < 0)
            return -1;
    }
    return 0;
}


/* A step setting disk @dst's <revertDisks> entry of snapshot @name to
 * @to (NULL: dropping it), if that changes anything. */
static int
qemuSnapPlanSetRevert(qemuSnapPlan *plan, qemuSnapGraph *w, const char *name,
                      const char *dst, const char *to)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(w, name);
    qemuSnapRefDisk *d = ref ? qemuSnapRefFindDisk(ref, dst) : NULL;
    qemuSnapStep *st;

    if (!d || STREQ_NULLABLE(d->revert, to))
        return 0;
    st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_META_REPLACE, dst, d->revert, to);
    st->snapshot = g_strdup(name);
    st->field = QEMU_SNAP_FIELD_REVERT;
    return qemuSnapPlanCommitLast(plan, w);
}


/* Steps renaming @from to @to in definitions and every record but
 * @except's, after @from was merged into @to.  Which chains held @from
 * is read from @pre, the graph before the merge repointed them. */
static int
qemuSnapPlanRename(qemuSnapPlan *plan, qemuSnapGraph *w,
                   const qemuSnapGraph *pre, const char *dst,
                   const char *from, const char *to, const char *except)
{
    const char *live = g_hash_table_lookup(pre->liveTops, dst);
    const char *config = g_hash_table_lookup(pre->configTops, dst);
    size_t i, j;

    if (live && qemuSnapGraphChainHas(pre, live, from)) {
        qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_DOMAIN_REPLACE, dst, from, to);
        if (qemuSnapPlanCommitLast(plan, w) < 0)
            return -1;
    }
    if (config && qemuSnapGraphChainHas(pre, config, from)) {
        qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_DOMAIN_REPLACE, dst, from,
                         to)->config = true;
        if (qemuSnapPlanCommitLast(plan, w) < 0)
            return -1;
    }
    for (i = 0; i < w->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(w->snaps, i);

        if (STREQ(ref->name, except))
            continue;
        for (j = 0; j < ref->ndisks; j++) {
            qemuSnapRefDisk *d = &ref->disks[j];
            qemuSnapStep *st;

            if (d->state && qemuSnapGraphChainHas(pre, d->state, from)) {
                st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_META_REPLACE,
                                      d->dst, from, to);
                st->snapshot = g_strdup(ref->name);
                if (qemuSnapPlanCommitLast(plan, w) < 0)
                    return -1;
            }
            if (STREQ_NULLABLE(d->overlay, from)) {
                st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_META_REPLACE,
                                      d->dst, from, to);
                st->snapshot = g_strdup(ref->name);
                st->field = QEMU_SNAP_FIELD_OVERLAY;
                if (qemuSnapPlanCommitLast(plan, w) < 0)
                    return -1;
            }
            if (STREQ_NULLABLE(d->revert, from) &&
                qemuSnapPlanSetRevert(plan, w, ref->name, d->dst, to) < 0)
                return -1;
        }
    }
    return 0;
}


/* Commit @k, the only child of @s, into @s and rename @k to @s. */
static int
qemuSnapPlanMerge(qemuSnapPlan *plan, qemuSnapGraph *w, const char *dst,
                  const char *k, const char *s, const char *except)
{
    qemuSnapImage *kimg = qemuSnapGraphLookup(w, k);
    qemuSnapImage *simg = qemuSnapGraphLookup(w, s);
    g_autoptr(GPtrArray) kids = NULL;
    g_autoptr(qemuSnapGraph) pre = qemuSnapGraphCopy(w);
    qemuSnapStep *st;
    size_t i;

    if (kimg->inQemu) {
        const char *live = g_hash_table_lookup(w->liveTops, dst);

        st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_QMP_COMMIT, dst, k, s);
        st->active = STREQ_NULLABLE(live, k);
        st->baseFormat = simg->format;
        if (qemuSnapPlanCommitLast(plan, w) < 0)
            return -1;
        qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL, dst, k, NULL);
    } else {
        st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_IMG_COMMIT, dst, k, s);
        st->baseFormat = simg->format;
    }
    if (qemuSnapPlanCommitLast(plan, w) < 0)
        return -1;

    /* Children outside QEMU (other branches, images of snapshots not in
     * use) keep naming @k in their headers: point them at @s. */
    kids = qemuSnapGraphChildren(w, k);
    for (i = 0; i < kids->len; i++) {
        const char *c = g_ptr_array_index(kids, i);

        if (qemuSnapGraphLookup(w, c)->inQemu)
            continue;
        st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_IMG_REBASE_UNSAFE, dst,
                              c, s);
        st->baseFormat = simg->format;
        if (qemuSnapPlanCommitLast(plan, w) < 0)
            return -1;
    }
    return qemuSnapPlanRename(plan, w, pre, dst, k, s, except);
}


/* The image that now plays the part of an overlay about to be
 * unlinked: the only other image whose backing is the state image. */
static const char *
qemuSnapSuccessorOverlay(const qemuSnapGraph *w, const qemuSnapRefDisk *d,
                         GPtrArray *garbage)
{
    g_autoptr(GPtrArray) kids = NULL;
    const char *found = NULL;
    size_t i;

    if (!d->state)
        return NULL;
    kids = qemuSnapGraphChildren(w, d->state);
    for (i = 0; i < kids->len; i++) {
        const char *k = g_ptr_array_index(kids, i);

        if (g_ptr_array_find_with_equal_func(garbage, k, g_str_equal, NULL))
            continue;
        if (found)
            return NULL;
        found = k;
    }
    return found;
}


/* g_ptr_array_sort() passes pointers to the elements. */
static gint
qemuSnapPlanPathCompare(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}


static GHashTable *
qemuSnapStrSetCopy(GHashTable *from)
{
    GHashTable *to = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter it;
    gpointer k;

    g_hash_table_iter_init(&it, from);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_hash_table_add(to, g_strdup(k));
    return to;
}


/* Unlink what @before needed, nothing needs now and we created; first
 * point records naming those images at what replaced them. */
static int
qemuSnapPlanCollect(qemuSnapPlan *plan, qemuSnapGraph *w, GHashTable *before)
{
    g_autoptr(GHashTable) after = qemuSnapGraphNeeded(w, NULL);
    g_autoptr(GPtrArray) garbage = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer k;
    size_t i, j;

    g_hash_table_iter_init(&it, before);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        qemuSnapImage *img = qemuSnapGraphLookup(w, k);

        if (img && img->exists && img->owned && !g_hash_table_contains(after, k))
            g_ptr_array_add(garbage, g_strdup(k));
    }
    g_ptr_array_sort(garbage, qemuSnapPlanPathCompare);

    for (i = 0; i < w->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(w->snaps, i);

        for (j = 0; j < ref->ndisks; j++) {
            qemuSnapRefDisk *d = &ref->disks[j];
            qemuSnapStep *st;

            if (d->overlay &&
                g_ptr_array_find_with_equal_func(garbage, d->overlay,
                                                 g_str_equal, NULL)) {
                st = qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_META_REPLACE, d->dst,
                                      d->overlay,
                                      qemuSnapSuccessorOverlay(w, d, garbage));
                st->snapshot = g_strdup(ref->name);
                st->field = QEMU_SNAP_FIELD_OVERLAY;
                if (qemuSnapPlanCommitLast(plan, w) < 0)
                    return -1;
            }
            /* A revert overlay going away ends its record; one that
             * became the overlay itself (the children that needed the
             * old one are gone, X1) is recorded once, in <disks>. */
            if (d->revert &&
                (STREQ_NULLABLE(d->revert, d->overlay) ||
                 g_ptr_array_find_with_equal_func(garbage, d->revert,
                                                  g_str_equal, NULL)) &&
                qemuSnapPlanSetRevert(plan, w, ref->name, d->dst, NULL) < 0)
                return -1;
        }
    }
    for (i = 0; i < garbage->len; i++) {
        qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_UNLINK, NULL,
                         g_ptr_array_index(garbage, i), NULL);
        if (qemuSnapPlanCommitLast(plan, w) < 0)
            return -1;
    }
    return 0;
}


static int
qemuSnapPlanDeleteOne(qemuSnapPlan *plan, qemuSnapGraph *w, const char *name,
                      bool metadataOnly)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(w, name);
    g_autoptr(GHashTable) before = NULL;
    g_autofree char *memory = NULL;
    size_t i;

    if (!metadataOnly && qemuSnapCheckDelete(w, ref) < 0)
        return -1;

    if (!metadataOnly) {
        g_autoptr(GHashTable) b = qemuSnapGraphNeeded(w, NULL);

        before = qemuSnapStrSetCopy(b);
        for (i = 0; i < ref->ndisks; i++) {
            if (ref->disks[i].overlay &&
                ref->disks[i].location == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
                g_hash_table_add(before, g_strdup(ref->disks[i].overlay));
        }
        if (ref->memoryLocation == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            memory = g_strdup(ref->memory);
    }

    for (i = 0; !metadataOnly && i < ref->ndisks; i++) {
        g_autoptr(GHashTable) roots = NULL;
        g_autoptr(GHashTable) needed = NULL;
        g_autoptr(GPtrArray) kids = NULL;
        g_autofree char *dst = NULL;
        g_autofree char *s = NULL;
        g_autofree char *k = NULL;
        qemuSnapImage *simg;

        if (ref->disks[i].location != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        simg = qemuSnapGraphLookup(w, ref->disks[i].state);
        if (!simg || !simg->exists)
            continue;
        roots = qemuSnapGraphRoots(w, name);
        if (g_hash_table_contains(roots, simg->path))
            continue;
        kids = qemuSnapGraphChildren(w, simg->path);
        if (kids->len != 1)
            continue;
        needed = qemuSnapGraphNeeded(w, name);
        k = g_strdup(g_ptr_array_index(kids, 0));
        if (!g_hash_table_contains(needed, k) && simg->owned &&
            qemuSnapGraphIsOwned(w, k))
            continue;           /* both go as garbage */
        dst = g_strdup(ref->disks[i].dst);
        s = g_strdup(simg->path);
        if (qemuSnapPlanMerge(plan, w, dst, k, s, name) < 0)
            return -1;
        ref = qemuSnapGraphFindSnapshot(w, name);
    }

    /* The current state stays what it is, and the parent becomes
     * current: it takes over the record of the revert overlays, so that
     * a later revert elsewhere discards them (X2). */
    if (ref->current && ref->parent) {
        g_autofree char *parent = g_strdup(ref->parent);

        for (i = 0; i < ref->ndisks; i++) {
            g_autofree char *dst = g_strdup(ref->disks[i].dst);
            g_autofree char *rev = g_strdup(ref->disks[i].revert);

            if (rev && qemuSnapPlanSetRevert(plan, w, parent, dst, rev) < 0)
                return -1;
            ref = qemuSnapGraphFindSnapshot(w, name);
        }
    }
    qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_META_REMOVE, NULL, NULL,
                     NULL)->snapshot = g_strdup(name);
    if (qemuSnapPlanCommitLast(plan, w) < 0)
        return -1;
    if (metadataOnly)
        return 0;

    if (qemuSnapPlanCollect(plan, w, before) < 0)
        return -1;
    if (memory) {
        bool shared = false;

        for (i = 0; i < w->snaps->len; i++) {
            qemuSnapRef *other = g_ptr_array_index(w->snaps, i);

            if (STREQ_NULLABLE(other->memory, memory))
                shared = true;
        }
        if (!shared)
            qemuSnapPlanAdd(plan, QEMU_SNAP_STEP_UNLINK, NULL, memory, NULL);
    }
    return 0;
}


static void
qemuSnapCollectDescendants(const qemuSnapGraph *g, const char *name,
                           GPtrArray *out)
{
    size_t i;

    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(g->snaps, i);

        if (STREQ_NULLABLE(ref->parent, name)) {
            qemuSnapCollectDescendants(g, ref->name, out);
            g_ptr_array_add(out, g_strdup(ref->name));
        }
    }
}


/**
 * qemuSnapPlanDelete:
 * @g: the image graph (not changed)
 * @name: the snapshot to delete
 * @flags: VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, _CHILDREN_ONLY,
 *         _METADATA_ONLY
 * @plan: set to the steps
 * @result: if not NULL, set to the graph as the plan leaves it
 *
 * Plans deleting @name (and with the CHILDREN flags its descendants,
 * deepest first, each planned on what the previous ones leave).  Every
 * check runs before *@plan is set.
 *
 * Returns 0, or -1 with an error naming the snapshot, disk and reason.
 */
int
qemuSnapPlanDelete(const qemuSnapGraph *g, const char *name,
                   unsigned int flags, qemuSnapPlan **plan,
                   qemuSnapGraph **result)
{
    g_autoptr(qemuSnapGraph) w = qemuSnapGraphCopy(g);
    g_autoptr(qemuSnapPlan) p = qemuSnapPlanNew();
    g_autoptr(GPtrArray) victims = g_ptr_array_new_with_free_func(g_free);
    bool metadataOnly = !!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY);
    size_t i;

    virCheckFlags(QEMU_SNAP_DELETE_FLAGS, -1);

    if (!qemuSnapGraphFindSnapshot(g, name)) {
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("no domain snapshot with matching name '%1$s'"), name);
        return -1;
    }
    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                 VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        qemuSnapCollectDescendants(g, name, victims);
    if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        g_ptr_array_add(victims, g_strdup(name));

    for (i = 0; i < victims->len; i++) {
        if (qemuSnapPlanDeleteOne(p, w, g_ptr_array_index(victims, i),
                                  metadataOnly) < 0)
            return -1;
    }
    *plan = g_steal_pointer(&p);
    if (result)
        *result = g_steal_pointer(&w);
    return 0;
}


/* ------------------------------------------------------------------ */
/* Revert                                                             */

/**
 * qemuSnapDefaultOverlayName:
 * @path: the image the overlay goes on
 * @suffix: the snapshot name (create) or the epoch (revert)
 *
 * Returns libvirt's default name: @path with everything after its last
 * dot dropped, if that dot is in the last component, then ".@suffix".
 */
char *
qemuSnapDefaultOverlayName(const char *path, const char *suffix)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    size_t len = strlen(path);

    if (dot && (!slash || dot > slash))
        len = dot - path;
    return g_strdup_printf("%.*s.%s", (int)len, path, suffix);
}


/* Two reverts within one second would name their overlays alike: take
 * the first of NAME, NAME.1, NAME.2 ... that neither the graph nor the
 * directory has, so a later revert never collides with an earlier one. */
static char *
qemuSnapUniqueOverlayName(const qemuSnapGraph *g, const char *base,
                          const char *epoch)
{
    g_autofree char *first = qemuSnapDefaultOverlayName(base, epoch);
    unsigned int i;

    for (i = 0; ; i++) {
        g_autofree char *candidate = i == 0 ? g_strdup(first) :
                                     g_strdup_printf("%s.%u", first, i);
        qemuSnapImage *img = qemuSnapGraphLookup(g, candidate);

        if ((!img || !img->exists) &&
            !g_file_test(candidate, G_FILE_TEST_EXISTS))
            return g_steal_pointer(&candidate);
    }
}


/**
 * qemuSnapPlanRevert:
 * @g: the image graph (not changed)
 * @name: the snapshot to revert to
 * @flags: VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, _PAUSED, _FORCE
 * @now: seconds since the epoch, naming the new overlays
 * @plan: set to the steps
 * @result: if not NULL, set to the graph as the plan leaves it
 *
 * Plans the disk side of a revert: a new overlay on each state image,
 * the definitions switched to it, @name made current, and what the
 * previous state alone needed unlinked.  Starting QEMU (for RUNNING or
 * PAUSED, or a snapshot with memory) is the executor's part: it then
 * runs the IMG_CREATE steps as the QMP overlay sequence.
 *
 * Returns 0, or -1 with an error.
 */
int
qemuSnapPlanRevert(const qemuSnapGraph *g, const char *name,
                   unsigned int flags, long long now, qemuSnapPlan **plan,
                   qemuSnapGraph **result)
{
    g_autoptr(qemuSnapGraph) w = qemuSnapGraphCopy(g);
    g_autoptr(qemuSnapPlan) p = qemuSnapPlanNew();
    g_autoptr(GHashTable) before = NULL;
    g_autofree char *epoch = g_strdup_printf("%lld", now);
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(w, name);
    bool hasChildren = false;
    GHashTableIter it;
    gpointer k;
    size_t i;

    virCheckFlags(QEMU_SNAP_REVERT_FLAGS, -1);

    if (!ref) {
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("no domain snapshot with matching name '%1$s'"), name);
        return -1;
    }
    g_hash_table_iter_init(&it, w->jobs);
    if (g_hash_table_iter_next(&it, &k, NULL)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain has active block job"));
        return -1;
    }
    if (!ref->hasDomain && !(flags & VIR_DOMAIN_SNAPSHOT_REVERT_FORCE)) {
        virReportError(VIR_ERR_SNAPSHOT_REVERT_RISKY,
                       _("snapshot '%1$s' lacks domain rollback info"), name);
        return -1;
    }
    for (i = 0; i < ref->ndisks; i++) {
        qemuSnapRefDisk *d = &ref->disks[i];
        qemuSnapImage *s = qemuSnapGraphLookup(w, d->state);

        if (d->location == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("cannot revert to snapshot '%1$s': disk '%2$s' has an internal snapshot, which is not supported"),
                           name, d->dst);
            return -1;
        }
        if (d->location == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL &&
            (!s || !s->exists)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot revert to snapshot '%1$s': state image '%2$s' of disk '%3$s' is missing"),
                           name, NULLSTR(d->state), d->dst);
            return -1;
        }
    }
    for (i = 0; i < w->snaps->len; i++) {
        if (STREQ_NULLABLE(((qemuSnapRef *)g_ptr_array_index(w->snaps, i))->parent,
                           name))
            hasChildren = true;
    }

    {
        g_autoptr(GHashTable) b = qemuSnapGraphNeeded(w, NULL);

        before = qemuSnapStrSetCopy(b);
    }
    for (i = 0; i < ref->ndisks; i++) {
        qemuSnapRefDisk *d = &ref->disks[i];
        g_autofree char *n = NULL;
        g_autofree char *dst = g_strdup(d->dst);
        qemuSnapImage *s;
        qemuSnapStep *st;

        if (d->location != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        s = qemuSnapGraphLookup(w, d->state);
        n = qemuSnapUniqueOverlayName(w, s->path, epoch);
        st = qemuSnapPlanAdd(p, QEMU_SNAP_STEP_IMG_CREATE, dst, n, s->path);
        st->baseFormat = s->format;
        if (qemuSnapPlanCommitLast(p, w) < 0)
            return -1;
        if (g_hash_table_contains(w->configTops, dst)) {
            qemuSnapPlanAdd(p, QEMU_SNAP_STEP_DOMAIN_PUSH, dst, n,
                             s->path)->config = true;
            if (qemuSnapPlanCommitLast(p, w) < 0)
                return -1;
        }
        if (g_hash_table_contains(w->liveTops, dst)) {
            qemuSnapPlanAdd(p, QEMU_SNAP_STEP_DOMAIN_PUSH, dst, n, s->path);
            if (qemuSnapPlanCommitLast(p, w) < 0)
                return -1;
        }
        ref = qemuSnapGraphFindSnapshot(w, name);
        d = qemuSnapRefFindDisk(ref, dst);
        if (hasChildren) {
            /* <disks> stays: the children's state images need it */
            if (qemuSnapPlanSetRevert(p, w, name, dst, n) < 0)
                return -1;
        } else if (STRNEQ_NULLABLE(d->overlay, n)) {
            st = qemuSnapPlanAdd(p, QEMU_SNAP_STEP_META_REPLACE, dst,
                                  d->overlay, n);
            st->snapshot = g_strdup(name);
            st->field = QEMU_SNAP_FIELD_OVERLAY;
            if (qemuSnapPlanCommitLast(p, w) < 0)
                return -1;
        }
    }
    qemuSnapPlanAdd(p, QEMU_SNAP_STEP_META_CURRENT, NULL, NULL,
                     NULL)->snapshot = g_strdup(name);
    if (qemuSnapPlanCommitLast(p, w) < 0 ||
        qemuSnapPlanCollect(p, w, before) < 0)
        return -1;

    *plan = g_steal_pointer(&p);
    if (result)
        *result = g_steal_pointer(&w);
    return 0;
}


/* ------------------------------------------------------------------ */
/* Create                                                             */

static int
qemuSnapCheckTarget(const char *dst, const char *file, bool reuse)
{
    bool exists = virFileExists(file);

    if (exists && !reuse) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("external snapshot file for disk %1$s already exists and is not a block device: %2$s"),
                       dst, file);
        return -1;
    }
    if (!exists && reuse) {
        virReportSystemError(ENOENT, _("missing existing file for disk %1$s: %2$s"),
                             dst, file);
        return -1;
    }
    return 0;
}


/**
 * qemuSnapPlanCreate:
 * @g: the image graph (not changed)
 * @name: the new snapshot's name
 * @specs: one request per disk, aligned (every disk of the domain)
 * @nspecs: how many
 * @reuse: the overlays exist already (--reuse-external)
 * @plan: set to the steps
 * @result: if not NULL, set to the graph as the plan leaves it
 *
 * Plans an external disk snapshot: while running, one OVERLAY_ADD per
 * disk and then ONE transaction, so that either every disk switches or
 * none does; shut off, qemu-img create per disk.  The target files are
 * checked here (existence only).  The caller drops META_ADD for
 * --no-metadata.
 *
 * Returns 0, or -1 with an error.
 */
int
qemuSnapPlanCreate(const qemuSnapGraph *g, const char *name,
                   const qemuSnapDiskSpec *specs, size_t nspecs, bool reuse,
                   qemuSnapPlan **plan, qemuSnapGraph **result)
{
    g_autoptr(qemuSnapGraph) w = qemuSnapGraphCopy(g);
    g_autoptr(qemuSnapPlan) p = qemuSnapPlanNew();
    g_auto(GStrv) files = g_new0(char *, nspecs + 1);
    GHashTable *tops = g->running ? g->liveTops : g->configTops;
    g_autofree char *parent = NULL;
    qemuSnapRef *ref;
    size_t i, j;

    for (i = 0; i < nspecs; i++) {
        const char *top = g_hash_table_lookup(tops, specs[i].dst);

        if (specs[i].location != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (!top) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("disk '%1$s' has no local image to snapshot"),
                           specs[i].dst);
            return -1;
        }
        if (g_hash_table_contains(g->jobs, specs[i].dst)) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("disk '%1$s' already in active block job"),
                           specs[i].dst);
            return -1;
        }
        files[i] = specs[i].file ? g_strdup(specs[i].file) :
                   qemuSnapDefaultOverlayName(top, name);
        for (j = 0; j < i; j++) {
            if (files[j] && STREQ(files[j], files[i])) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("cannot generate external snapshot name for disk '%1$s': collision with disk '%2$s'"),
                               specs[i].dst, specs[j].dst);
                return -1;
            }
        }
        if (qemuSnapCheckTarget(specs[i].dst, files[i], reuse) < 0)
            return -1;
    }

    for (i = 0; i < nspecs; i++) {
        const char *top = g_hash_table_lookup(tops, specs[i].dst);
        qemuSnapImage *timg = qemuSnapGraphLookup(w, top);
        qemuSnapStep *st;

        if (!files[i])
            continue;
        if (g->running) {
            st = qemuSnapPlanAdd(p, QEMU_SNAP_STEP_QMP_OVERLAY_ADD,
                                  specs[i].dst, files[i], top);
            st->reuse = reuse;
        } else if (!reuse) {
            st = qemuSnapPlanAdd(p, QEMU_SNAP_STEP_IMG_CREATE,
                                  specs[i].dst, files[i], top);
        } else {
            continue;
        }
        st->baseFormat = timg ? timg->format : VIR_STORAGE_FILE_QCOW2;
        if (qemuSnapPlanCommitLast(p, w) < 0)
            return -1;
    }
    if (g->running) {
        qemuSnapPlanAdd(p, QEMU_SNAP_STEP_QMP_TRANSACTION, NULL, NULL, NULL);
    }

    for (i = 0; i < nspecs; i++) {
        const char *top;

        if (!files[i])
            continue;
        if ((top = g_hash_table_lookup(w->liveTops, specs[i].dst))) {
            qemuSnapPlanAdd(p, QEMU_SNAP_STEP_DOMAIN_PUSH, specs[i].dst,
                             files[i], top);
            if (qemuSnapPlanCommitLast(p, w) < 0)
                return -1;
        }
        if ((top = g_hash_table_lookup(w->configTops, specs[i].dst))) {
            qemuSnapPlanAdd(p, QEMU_SNAP_STEP_DOMAIN_PUSH, specs[i].dst,
                             files[i], top)->config = true;
            if (qemuSnapPlanCommitLast(p, w) < 0)
                return -1;
        }
    }
    for (i = 0; i < w->snaps->len && !parent; i++) {
        qemuSnapRef *r = g_ptr_array_index(w->snaps, i);

        if (r->current)
            parent = g_strdup(r->name);
    }
    qemuSnapPlanAdd(p, QEMU_SNAP_STEP_META_ADD, NULL, NULL,
                     NULL)->snapshot = g_strdup(name);
    if (qemuSnapPlanCommitLast(p, w) < 0)
        return -1;
    /* The reverted state is now the new snapshot's state image: the
     * parent's <revertDisks> record ends, no file goes (R5). */
    if ((ref = parent ? qemuSnapGraphFindSnapshot(w, parent) : NULL)) {
        for (i = 0; i < ref->ndisks; i++) {
            g_autofree char *dst = g_strdup(ref->disks[i].dst);

            if (ref->disks[i].revert &&
                qemuSnapPlanSetRevert(p, w, parent, dst, NULL) < 0)
                return -1;
            ref = qemuSnapGraphFindSnapshot(w, parent);
        }
    }
    ref = qemuSnapGraphFindSnapshot(w, name);
    for (i = 0; i < nspecs; i++) {
        qemuSnapImage *n = files[i] ? qemuSnapGraphLookup(w, files[i]) : NULL;

        qemuSnapRefAddDisk(ref, specs[i].dst, specs[i].location,
                           n ? n->backing : g_hash_table_lookup(tops, specs[i].dst),
                           files[i]);
    }

    *plan = g_steal_pointer(&p);
    if (result)
        *result = g_steal_pointer(&w);
    return 0;
}
