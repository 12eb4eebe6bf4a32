/*
 * qemu_snapshot_store.c: snapshot metadata files and the intent log
 *
 * Crash safety of a plan (see qemu_snapshot_plan.h for why the order of
 * its steps is safe): the plan is written to ".intent" before its first
 * step and the count of finished steps is rewritten after each one, both
 * with virFileWriteAtomic().  On the next driver open a leftover intent
 * is finished: steps from the count on are run again in replay mode,
 * which every executor step accepts when it was done already or half
 * done.  A plan that stopped before its commit point (nothing any chain
 * reads had changed yet) is rolled back instead: images its first steps
 * created are removed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_snapshot_store.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SNAP_INTENT ".intent"
#define QEMU_SNAP_IMAGES ".images"
#define QEMU_SNAP_PENDING ".pending.xml"
#define QEMU_SNAP_INTENT_MAGIC "virtplug-snapshot-intent 1"
/* libvirt's limit for one metadata file. */
#define QEMU_SNAP_FILE_MAX (1024 * 1024)


/**
 * qemuSnapshotStoreDomainDir:
 * @snapshotDir: the driver's snapshot directory
 * @domain: a domain name
 *
 * Returns SNAPDIR/DOMAIN, for the caller to free.
 */
char *
qemuSnapshotStoreDomainDir(const char *snapshotDir, const char *domain)
{
    return g_build_filename(snapshotDir, domain, NULL);
}


static char *
qemuSnapshotStoreFile(const char *snapshotDir, const char *domain,
                      const char *file)
{
    return g_build_filename(snapshotDir, domain, file, NULL);
}


/**
 * qemuSnapshotStoreWrite:
 * @snapshotDir: the driver's snapshot directory
 * @domain: the domain's name
 * @def: the snapshot; def->current is written as <active>
 *
 * Writes SNAPDIR/DOMAIN/NAME.xml atomically, mode 0600, creating the
 * directory.  Making a snapshot current takes two writes (the new one
 * and the old one); a crash between them leaves two claiming to be
 * current, which qemuSnapshotStoreLoad() resolves.
 *
 * Returns 0 or -1 with an error.
 */
int
qemuSnapshotStoreWrite(const char *snapshotDir, const char *domain,
                       const virDomainSnapshotDef *def)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autofree char *file = g_strdup_printf("%s.xml", def->name);
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain, file);
    g_autofree char *xml = NULL;
    g_autofree char *text = NULL;

    if (!(xml = virDomainSnapshotDefFormat(def, VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE |
                                                VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL)))
        return -1;
    text = g_strdup_printf("<!--\nSnapshot metadata of domain '%s', written by "
                           "the qemu driver.\nEdit it with virsh snapshot-edit, "
                           "not by hand.\n-->\n%s",
                           domain, xml);
    if (virFileMakePath(dir, 0777) < 0)
        return -1;
    return virFileWriteStrAtomic(path, text, 0600);
}


/**
 * qemuSnapshotStoreDelete:
 *
 * Unlinks SNAPDIR/DOMAIN/NAME.xml; a missing file is no error.
 * Returns 0 or -1 with a system error.
 */
int
qemuSnapshotStoreDelete(const char *snapshotDir, const char *domain,
                        const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain, file);

    return virFileRemove(path);
}


/**
 * qemuSnapshotStoreLoad:
 * @snapshotDir: the driver's snapshot directory
 * @domain: the domain's name
 * @snapshots: the domain's (empty) tree, filled
 *
 * Reads every NAME.xml of the domain as libvirt does at daemon start:
 * a file that does not parse is logged and skipped, so that one bad
 * file does not hide a domain.  Two files claiming to be current (a
 * crash between the two writes of a current change) keep the newer
 * one; libvirt refuses that case with "Too many snapshots claiming to
 * be current for domain %s", which we log.
 *
 * Returns the number of snapshots loaded, or -1 with an error when the
 * parent links are broken.
 */
int
qemuSnapshotStoreLoad(const char *snapshotDir, const char *domain,
                      virDomainSnapshotObjList *snapshots)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autoptr(GDir) dh = g_dir_open(dir, 0, NULL);
    virDomainMomentObj *current = NULL;
    const char *ent;
    int n = 0;

    if (!dh)
        return 0;
    while ((ent = g_dir_read_name(dh))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autoptr(virDomainSnapshotDef) def = NULL;
        virDomainMomentObj *snap;

        if (ent[0] == '.' || !g_str_has_suffix(ent, ".xml"))
            continue;
        path = g_build_filename(dir, ent, NULL);
        if (virFileReadAll(path, QEMU_SNAP_FILE_MAX, &xml) < 0 ||
            !(def = virDomainSnapshotDefParseString(xml,
                                                    VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                                                    VIR_DOMAIN_SNAPSHOT_PARSE_DISKS |
                                                    VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL))) {
            virError *err = virErrorGetLast();

            VIR_WARN("skipping snapshot metadata '%s': %s", path,
                     err ? err->message : "");
            virErrorResetLast();
            continue;
        }
        if (def->current && current) {
            VIR_WARN("Too many snapshots claiming to be current for domain %s",
                     domain);
            if (def->creationTime < current->def->creationTime)
                def->current = false;
            else
                current->def->current = false;
        }
        if (!(snap = virDomainSnapshotObjListAdd(snapshots, &def)))
            return -1;
        if (snap->def->current)
            current = snap;
        n++;
    }
    if (virDomainSnapshotObjListUpdateRelations(snapshots) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("snapshots of domain '%1$s' have inconsistent relations"),
                       domain);
        return -1;
    }
    if (current)
        virDomainSnapshotObjListSetCurrent(snapshots, current);
    return n;
}


/**
 * qemuSnapshotStoreDeleteAll:
 *
 * Removes the domain's snapshot directory and everything in it (undefine
 * --snapshots-metadata); image files are never touched.
 * Returns 0 or -1 with a system error.
 */
int
qemuSnapshotStoreDeleteAll(const char *snapshotDir, const char *domain)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autoptr(GDir) dh = g_dir_open(dir, 0, NULL);
    const char *ent;

    if (!dh)
        return 0;
    while ((ent = g_dir_read_name(dh))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);

        if (virFileRemove(path) < 0)
            return -1;
    }
    if (rmdir(dir) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove directory '%1$s'"), dir);
        return -1;
    }
    return 0;
}


/**
 * qemuSnapshotStoreWritePending:
 * @def: the record a create plan is about to add
 *
 * Writes it, atomically, where qemuSnapshotStoreReadPending() finds it;
 * the name starts with a dot, so loading never takes it for a record.
 * Returns 0 or -1 with an error.
 */
int
qemuSnapshotStoreWritePending(const char *snapshotDir, const char *domain,
                              const virDomainSnapshotDef *def)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_PENDING);
    g_autofree char *xml = virDomainSnapshotDefFormat(def,
                                                      VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE |
                                                      VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL);

    if (!xml || virFileMakePath(dir, 0777) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}


/**
 * qemuSnapshotStoreReadPending:
 *
 * Returns the pending record, or NULL with an error.
 */
virDomainSnapshotDef *
qemuSnapshotStoreReadPending(const char *snapshotDir, const char *domain)
{
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_PENDING);
    g_autofree char *xml = NULL;

    if (virFileReadAll(path, QEMU_SNAP_FILE_MAX, &xml) < 0)
        return NULL;
    return virDomainSnapshotDefParseString(xml, VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                                                VIR_DOMAIN_SNAPSHOT_PARSE_DISKS |
                                                VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL);
}


int
qemuSnapshotStoreRemovePending(const char *snapshotDir, const char *domain)
{
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_PENDING);

    return virFileRemove(path);
}


/* ------------------------------------------------------------------ */
/* The images file                                                    */

/**
 * qemuSnapshotStoreLoadImages:
 * @owned: set to the revert overlays we created (paths)
 * @stamps: set to path -> qemuSnapStamp recorded for read-only images
 *
 * Returns 0 (empty results when there is no file) or -1 with an error.
 */
int
qemuSnapshotStoreLoadImages(const char *snapshotDir, const char *domain,
                            GPtrArray **owned, GHashTable **stamps)
{
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_IMAGES);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    *owned = g_ptr_array_new_with_free_func(g_free);
    *stamps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (!virFileExists(path))
        return 0;
    if (virFileReadAll(path, QEMU_SNAP_FILE_MAX, &text) < 0)
        return -1;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], "\t", -1);
        guint n = g_strv_length(f);

        if (n == 2 && STREQ(f[0], "owned")) {
            g_ptr_array_add(*owned, g_strcompress(f[1]));
        } else if (n == 4 && STREQ(f[0], "stamp")) {
            qemuSnapStamp *st = g_new0(qemuSnapStamp, 1);

            st->size = g_ascii_strtoull(f[2], NULL, 10);
            st->mtimeNs = g_ascii_strtoll(f[3], NULL, 10);
            g_hash_table_insert(*stamps, g_strcompress(f[1]), st);
        }
    }
    return 0;
}


/**
 * qemuSnapshotStoreSaveImages:
 *
 * Writes the images file atomically.  Returns 0 or -1 with an error.
 */
int
qemuSnapshotStoreSaveImages(const char *snapshotDir, const char *domain,
                            GPtrArray *owned, GHashTable *stamps)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_IMAGES);
    g_autoptr(GString) s = g_string_new(NULL);
    GHashTableIter it;
    gpointer k, v;
    size_t i;

    for (i = 0; owned && i < owned->len; i++) {
        g_autofree char *esc = g_strescape(g_ptr_array_index(owned, i), NULL);

        g_string_append_printf(s, "owned\t%s\n", esc);
    }
    if (stamps) {
        g_hash_table_iter_init(&it, stamps);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_autofree char *esc = g_strescape(k, NULL);
            qemuSnapStamp *st = v;

            g_string_append_printf(s, "stamp\t%s\t%llu\t%lld\n", esc,
                                   st->size, st->mtimeNs);
        }
    }
    if (virFileMakePath(dir, 0777) < 0)
        return -1;
    return virFileWriteStrAtomic(path, s->str, 0600);
}


/* ------------------------------------------------------------------ */
/* The intent log                                                     */

/**
 * qemuSnapPlanCommitPoint:
 * @plan: a plan
 *
 * Returns the index of the first step after which the plan can only go
 * forward: the first that changes what an existing chain, definition or
 * record reads.  Steps before it only create new images.
 */
size_t
qemuSnapPlanCommitPoint(const qemuSnapPlan *plan)
{
    size_t i;

    for (i = 0; i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);

        if (st->type != QEMU_SNAP_STEP_IMG_CREATE &&
            st->type != QEMU_SNAP_STEP_QMP_OVERLAY_ADD)
            return i;
    }
    return plan->steps->len;
}


static int
qemuSnapIntentWrite(const char *path, const char *op, const char *name,
                    size_t done, const char *planText)
{
    g_autofree char *text = g_strdup_printf("%s\n%s\t%s\n%zu\n%s",
                                            QEMU_SNAP_INTENT_MAGIC, op, name,
                                            done, planText);

    return virFileWriteStrAtomic(path, text, 0600);
}


/* Progress is appended, "@done N" a line, and synced: a step costs one
 * small write, not a rewrite and two syncs of the whole intent.  The
 * plan above it was written whole and atomically first, so the only
 * line a crash can leave torn is a progress line, which recovery
 * ignores. */
#define QEMU_SNAP_INTENT_DONE "@done "

static int
qemuSnapIntentProgress(const char *path, size_t done)
{
    g_autofree char *line = g_strdup_printf(QEMU_SNAP_INTENT_DONE "%zu\n", done);
    size_t len = strlen(line);
    int fd;

    if ((fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0 ||
        write(fd, line, len) != (ssize_t)len || fdatasync(fd) < 0) {
        virReportSystemError(errno, _("cannot record progress in '%1$s'"), path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        virReportSystemError(errno, _("cannot record progress in '%1$s'"), path);
        return -1;
    }
    return 0;
}


/* Split the intent's tail into the plan's lines and the last progress
 * recorded after them; a torn progress line counts for nothing. */
static char *
qemuSnapIntentSplitProgress(const char *tail, size_t *done)
{
    g_auto(GStrv) lines = g_strsplit(tail, "\n", -1);
    GString *plan = g_string_new(NULL);
    size_t n = g_strv_length(lines);
    size_t i;

    for (i = 0; i < n; i++) {
        if (STRPREFIX(lines[i], QEMU_SNAP_INTENT_DONE)) {
            if (i + 1 < n)      /* a whole line: its newline was written */
                *done = MAX(*done, strtoul(lines[i] + strlen(QEMU_SNAP_INTENT_DONE),
                                           NULL, 10));
        } else if (*lines[i]) {
            g_string_append_printf(plan, "%s\n", lines[i]);
        }
    }
    return g_string_free(plan, FALSE);
}


/* The fault switch of tests: the step count after which to die, or -1. */
static long
qemuSnapFaultStep(void)
{
    const char *env = g_getenv(QEMU_SNAP_FAULT_ENV);

    if (!env || !*env)
        return -1;
    if (g_ascii_strncasecmp(env, "STEP_", 5) == 0)
        env += 5;
    return strtol(env, NULL, 10);
}


static void
qemuSnapFaultCheck(size_t done)
{
    long n = qemuSnapFaultStep();

    if (n >= 0 && (size_t)n == done)
        _exit(QEMU_SNAP_FAULT_EXIT);
}


static void
qemuSnapRollback(const qemuSnapPlan *plan, size_t upto,
                 const qemuSnapExecutor *ex)
{
    size_t i;

    for (i = upto; i-- > 0;) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);

        if (ex->undo && !st->reuse)
            ex->undo(st, ex->opaque);
    }
}


static bool
qemuSnapStepNames(const qemuSnapStep *st, const char *path)
{
    return path && (STREQ_NULLABLE(st->image, path) ||
                    STREQ_NULLABLE(st->base, path));
}


/* The step after @i that may start now, beside @i and the steps up to
 * it: the next image commit, if no step from @i on names either of its
 * images (so nothing it reads or writes changes meanwhile, and nothing
 * before it depends on its result).  Returns its index, or 0. */
static size_t
qemuSnapRunAhead(const qemuSnapPlan *plan, size_t i)
{
    size_t j, k;

    for (j = i + 1; j < plan->steps->len; j++) {
        const qemuSnapStep *later = g_ptr_array_index(plan->steps, j);

        if (later->type != QEMU_SNAP_STEP_IMG_COMMIT)
            continue;
        for (k = i; k < j; k++) {
            const qemuSnapStep *st = g_ptr_array_index(plan->steps, k);

            if (qemuSnapStepNames(st, later->image) ||
                qemuSnapStepNames(st, later->base))
                return 0;
        }
        return j;
    }
    return 0;
}


static int
qemuSnapRunFrom(const char *path, const char *op, const char *name,
                const qemuSnapPlan *plan, const char *planText, size_t from,
                bool replay, const qemuSnapExecutor *ex)
{
    size_t commit = qemuSnapPlanCommitPoint(plan);
    gpointer ahead = NULL;
    size_t aheadIndex = 0;
    size_t i;

    for (i = from; i < plan->steps->len; i++) {
        const qemuSnapStep *st = g_ptr_array_index(plan->steps, i);
        int rc;

        if (ex->start && !ahead && st->type == QEMU_SNAP_STEP_IMG_COMMIT &&
            (aheadIndex = qemuSnapRunAhead(plan, i)) > 0 &&
            !(ahead = ex->start(g_ptr_array_index(plan->steps, aheadIndex),
                                ex->opaque)))
            aheadIndex = 0;

        if (ahead && i == aheadIndex) {
            rc = ex->finish(g_steal_pointer(&ahead), ex->opaque);
            aheadIndex = 0;
        } else {
            rc = ex->run(st, replay && i == from, ex->opaque);
        }
        if (rc < 0 && ahead) {
            virError *saved = NULL;

            virErrorPreserveLast(&saved);
            (void)ex->finish(g_steal_pointer(&ahead), ex->opaque);
            virErrorRestore(&saved);
        }
        if (rc < 0) {
            if (i < commit) {
                virError *saved = NULL;

                virErrorPreserveLast(&saved);
                qemuSnapRollback(plan, i + 1, ex);
                (void)virFileRemove(path);
                virErrorRestore(&saved);
            }
            /* Past the commit point the intent stays: the next driver
             * open finishes the plan. */
            return -1;
        }
        if (qemuSnapIntentProgress(path, i + 1) < 0) {
            if (ahead)
                (void)ex->finish(g_steal_pointer(&ahead), ex->opaque);
            return -1;
        }
        qemuSnapFaultCheck(i + 1);
    }
    return virFileRemove(path);
}


/**
 * qemuSnapshotStoreRunPlan:
 * @snapshotDir: the driver's snapshot directory
 * @domain: the domain's name
 * @op: "delete", "revert" or "create", for the log
 * @name: the snapshot
 * @plan: the checked plan
 * @ex: runs the steps
 *
 * Runs @plan under the intent log.  On failure before the commit point
 * everything is rolled back; after it the intent is kept, so that the
 * next qemuSnapshotStoreRecover() finishes the plan.
 *
 * Returns 0, or -1 with the failing step's error.
 */
int
qemuSnapshotStoreRunPlan(const char *snapshotDir, const char *domain,
                         const char *op, const char *name,
                         const qemuSnapPlan *plan, const qemuSnapExecutor *ex)
{
    g_autofree char *dir = qemuSnapshotStoreDomainDir(snapshotDir, domain);
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_INTENT);
    g_autofree char *text = qemuSnapPlanSerialize(plan);

    if (virFileExists(path)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("an interrupted snapshot operation of domain '%1$s' is not finished"),
                       domain);
        return -1;
    }
    if (virFileMakePath(dir, 0777) < 0 ||
        qemuSnapIntentWrite(path, op, name, 0, text) < 0)
        return -1;
    qemuSnapFaultCheck(0);
    return qemuSnapRunFrom(path, op, name, plan, text, 0, false, ex);
}


/**
 * qemuSnapshotStoreIntentPending:
 *
 * Returns whether an interrupted plan waits for recovery: no other
 * snapshot operation of the domain may start meanwhile.
 */
bool
qemuSnapshotStoreIntentPending(const char *snapshotDir, const char *domain)
{
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_INTENT);

    return virFileExists(path);
}


/**
 * qemuSnapshotStoreRecover:
 * @snapshotDir: the driver's snapshot directory
 * @domain: the domain's name
 * @ex: runs the steps (replay mode for the interrupted one)
 *
 * Finishes or rolls back a plan a crash interrupted.  Call it at driver
 * open, after the domain's records are loaded and before anything else
 * touches its snapshots.
 *
 * Returns 1 if a plan was recovered, 0 if there was none, -1 with an
 * error (the intent is kept for the next attempt).
 */
int
qemuSnapshotStoreRecover(const char *snapshotDir, const char *domain,
                         const qemuSnapExecutor *ex)
{
    g_autofree char *path = qemuSnapshotStoreFile(snapshotDir, domain,
                                                  QEMU_SNAP_INTENT);
    g_autofree char *text = NULL;
    g_autofree char *planText = NULL;
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_auto(GStrv) head = NULL;
    g_auto(GStrv) opname = NULL;
    size_t done;

    if (!virFileExists(path))
        return 0;
    if (virFileReadAll(path, 16 * QEMU_SNAP_FILE_MAX, &text) < 0)
        return -1;
    head = g_strsplit(text, "\n", 4);
    if (g_strv_length(head) < 3 || STRNEQ(head[0], QEMU_SNAP_INTENT_MAGIC) ||
        !(opname = g_strsplit(head[1], "\t", 2)) || g_strv_length(opname) != 2) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("malformed snapshot intent log '%1$s'"), path);
        return -1;
    }
    done = strtoul(head[2], NULL, 10);
    planText = qemuSnapIntentSplitProgress(head[3] ? head[3] : "", &done);
    if (!(plan = qemuSnapPlanParse(planText)))
        return -1;
    if (done > plan->steps->len)
        done = plan->steps->len;

    VIR_INFO("recovering snapshot %s of '%s' in domain '%s' after step %zu of %u",
             opname[0], opname[1], domain, done, plan->steps->len);
    if (done < qemuSnapPlanCommitPoint(plan)) {
        /* the interrupted step may have created its image half way */
        qemuSnapRollback(plan, MIN(done + 1, plan->steps->len), ex);
        if (virFileRemove(path) < 0)
            return -1;
        return 1;
    }
    if (qemuSnapRunFrom(path, opname[0], opname[1], plan, planText, done,
                        true, ex) < 0)
        return -1;
    return 1;
}
