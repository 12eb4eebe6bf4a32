/*
 * qemusnapshottest.c: snapshot plans run on real images with qemu-img,
 * shut-off scenarios of snapshot-scenarios.md
 *
 * The images are real qcow2 files with the scenarios' data markers
 * written by qemu-io; plans are run by the real image executor
 * (qemu_snapshot_exec.c), while definition and record steps change a
 * model kept in a file.  Afterwards the chains are read back with
 * qemu-img and every remaining snapshot's state is read with qemu-io.
 * Crash recovery is run for every step with the fault switch.
 * Skipped (77) without qemu-img and qemu-io.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_snapshot.h"
#include "qemu_snapshot_graph.h"
#include "virfile.h"
#include "virutiltestutils.h"
#include "qemusnapshotfixtures.h"

static const struct {
    unsigned int bit;
    const char *pattern;
    const char *offset;
} markers[] = {
    { M0, "0x11", "0" }, { M1, "0x22", "1M" }, { M2, "0x33", "2M" },
    { M3, "0x44", "3M" }, { M5, "0x55", "4M" }, { M6, "0x66", "5M" },
};

static char *dir;


static char *
P(const char *name)
{
    return g_build_filename(dir, name, NULL);
}


/* Run a tool; its output goes to *@out (or is dropped).  With @mayFail
 * a failing exit is the caller's to judge (qemu-io fails a read whose
 * pattern differs). */
static void
runFull(const char *const *argv, char **out, bool mayFail)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *errout = NULL;
    g_autofree char *drop = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      out ? out : &drop, &errout, &status, &err))
        g_error("%s: %s", argv[0], err->message);
    if (!mayFail && !g_spawn_check_wait_status(status, NULL))
        g_error("%s %s failed: %s", argv[0], argv[1], errout);
}


static void
run(const char *const *argv, char **out)
{
    runFull(argv, out, false);
}


static void
qimgCreate(const char *name, const char *backing)
{
    g_autofree char *path = P(name);
    g_autofree char *bpath = backing ? P(backing) : NULL;

    if (bpath)
        run((const char *const[]){ "qemu-img", "create", "-q", "-f", "qcow2",
                                   "-F", "qcow2", "-b", bpath, path, NULL }, NULL);
    else
        run((const char *const[]){ "qemu-img", "create", "-q", "-f", "qcow2",
                                   path, "8M", NULL }, NULL);
}


static void
mark(const char *name, unsigned int bit)
{
    g_autofree char *path = P(name);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(markers); i++) {
        g_autofree char *cmd = NULL;

        if (markers[i].bit != bit)
            continue;
        cmd = g_strdup_printf("write -P %s %s 1M", markers[i].pattern,
                              markers[i].offset);
        run((const char *const[]){ "qemu-io", "-f", "qcow2", "-c", cmd, path,
                                   NULL }, NULL);
    }
}


/* Which markers the chain of @path reads (HAS of the scenarios). */
static unsigned int
readMarkers(const char *path)
{
    unsigned int found = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(markers); i++) {
        g_autofree char *cmd = g_strdup_printf("read -P %s %s 1M",
                                               markers[i].pattern,
                                               markers[i].offset);
        g_autofree char *out = NULL;

        runFull((const char *const[]){ "qemu-io", "-r", "-U", "-f", "qcow2", "-c",
                                       cmd, path, NULL }, &out, true);
        if (strstr(out, "read 1048576/1048576") &&
            !strstr(out, "Pattern verification failed"))
            found |= markers[i].bit;
    }
    return found;
}


/* CHAIN(): the image names qemu-img reports, top first, without dir. */
static char *
realChain(const char *path)
{
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    GString *s = g_string_new(NULL);
    size_t i;

    run((const char *const[]){ "qemu-img", "info", "-U", "--backing-chain",
                               path, NULL }, &out);
    lines = g_strsplit(out, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (!g_str_has_prefix(lines[i], "image: "))
            continue;
        if (s->len)
            g_string_append(s, " <- ");
        g_string_append(s, strrchr(lines[i], '/') + 1);
    }
    return g_string_free(s, FALSE);
}


/* The graph with absolute paths, headers read from the files. */
static qemuSnapGraph *
realGraph(const qemuSnapGraph *model)
{
    qemuSnapGraph *g = qemuSnapGraphCopy(model);
    GHashTableIter it;
    gpointer v;

    g_hash_table_remove_all(g->images);
    g_hash_table_iter_init(&it, model->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *m = v;

        if (m->exists)
            g_assert_cmpint(qemuSnapGraphProbe(g, m->path, VIR_STORAGE_FILE_AUTO), ==, 0);
    }
    g_hash_table_iter_init(&it, model->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *m = v;
        qemuSnapImage *r = qemuSnapGraphLookup(g, m->path);

        if (r)
            r->owned = m->owned;
    }
    return g;
}


/* F1-off on disk: base <- s1 <- s2 <- s3 with m0..m3. */
static qemuSnapGraph *
realF1(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autofree char *base = P("vda-base.qcow2");
    g_autofree char *s1 = P("vda.s1.qcow2");
    g_autofree char *s2 = P("vda.s2.qcow2");
    g_autofree char *s3 = P("vda.s3.qcow2");

    qimgCreate("vda-base.qcow2", NULL);
    mark("vda-base.qcow2", M0);
    qimgCreate("vda.s1.qcow2", "vda-base.qcow2");
    mark("vda.s1.qcow2", M1);
    qimgCreate("vda.s2.qcow2", "vda.s1.qcow2");
    mark("vda.s2.qcow2", M2);
    qimgCreate("vda.s3.qcow2", "vda.s2.qcow2");
    mark("vda.s3.qcow2", M3);

    img(g, base, NULL, 0, false);
    img(g, s1, base, 0, true);
    img(g, s2, s1, 0, true);
    img(g, s3, s2, 0, true);
    snap(g, "s1", NULL, false, base, s1);
    snap(g, "s2", "s1", false, s1, s2);
    snap(g, "s3", "s2", true, s2, s3);
    tops(g, "vda", s3, false);
    return realGraph(g);
}


/* ------------------------------------------------------------------ */
/* The executor: real images, model records                            */

typedef struct {
    char *model;                /* file holding the records' model */
} realCtx;


static int
realRun(const qemuSnapStep *step, bool replay, void *opaque)
{
    realCtx *ctx = opaque;
    g_autofree char *text = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autofree char *out = NULL;

    switch (step->type) {
    case QEMU_SNAP_STEP_IMG_COMMIT:
    case QEMU_SNAP_STEP_IMG_REBASE_UNSAFE:
    case QEMU_SNAP_STEP_IMG_REBASE:
    case QEMU_SNAP_STEP_IMG_CREATE:
    case QEMU_SNAP_STEP_UNLINK:
        if (qemuSnapExecImage(step, replay) < 0)
            return -1;
        break;
    default:
        break;
    }
    /* the model follows every step, images included, so that recovery
     * is checked against the same expectations */
    g_assert_cmpint(virFileReadAll(ctx->model, 1 << 24, &text), >=, 0);
    m = worldParse(text);
    if (replay && step->type == QEMU_SNAP_STEP_IMG_CREATE)
        g_hash_table_remove(m->images, step->image);
    if (qemuSnapGraphApplyStep(m, step) < 0)
        return -1;
    out = worldFormat(m);
    g_assert_cmpint(virFileWriteStrAtomic(ctx->model, out, 0600), ==, 0);
    return 0;
}


static void
realUndo(const qemuSnapStep *step, void *opaque)
{
    if (step->type == QEMU_SNAP_STEP_IMG_CREATE && !step->reuse)
        unlink(step->image);
}


/* Run @plan on the files and the model of @g, optionally dying after
 * step @fault (recovered then); returns the model afterwards. */
static qemuSnapGraph *
runPlan(const qemuSnapGraph *g, const qemuSnapPlan *plan, int fault)
{
    realCtx ctx = { P("model") };
    qemuSnapExecutor ex = { .run = realRun, .undo = realUndo, .opaque = &ctx };
    g_autofree char *text = worldFormat(g);
    g_autofree char *after = NULL;
    qemuSnapGraph *m;

    g_assert_cmpint(virFileWriteStrAtomic(ctx.model, text, 0600), ==, 0);
    if (fault < 0) {
        if (qemuSnapshotStoreRunPlan(dir, "vm1", "test", "x", plan, &ex) < 0)
            g_error("plan failed: %s", virErrorGetLast()->message);
    } else {
        pid_t pid = fork();
        int status;

        if (pid == 0) {
            g_autofree char *val = g_strdup_printf("STEP_%d", fault);

            g_setenv(QEMU_SNAP_FAULT_ENV, val, TRUE);
            qemuSnapshotStoreRunPlan(dir, "vm1", "test", "x", plan, &ex);
            _exit(0);
        }
        g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
        g_assert_cmpint(WEXITSTATUS(status), ==, QEMU_SNAP_FAULT_EXIT);
        g_assert_cmpint(qemuSnapshotStoreRecover(dir, "vm1", &ex), ==, 1);
    }
    g_assert_false(qemuSnapshotStoreIntentPending(dir, "vm1"));
    g_assert_cmpint(virFileReadAll(ctx.model, 1 << 24, &after), >=, 0);
    m = worldParse(after);
    unlink(ctx.model);
    g_free(ctx.model);
    return m;
}


/* I1 and I3 on the real files: each remaining snapshot reads what it
 * read before; the domain's disk reads @expectTop. */
static void
checkReal(const qemuSnapGraph *m, const GHashTable *before,
          unsigned int expectTop, const char *expectChain)
{
    const char *top = g_hash_table_lookup(m->configTops, "vda");
    g_autofree char *chain = realChain(top);
    size_t i;

    if (STRNEQ(chain, expectChain))
        g_error("CHAIN(vda): expected '%s', got '%s'", expectChain, chain);
    g_assert_cmphex(readMarkers(top), ==, expectTop);
    for (i = 0; i < m->snaps->len; i++) {
        qemuSnapRef *r = g_ptr_array_index(m->snaps, i);
        unsigned int want = GPOINTER_TO_UINT(g_hash_table_lookup((GHashTable *)before,
                                                                 r->name));
        unsigned int got = readMarkers(r->disks[0].state);

        if (got != want)
            g_error("I1: snapshot %s reads %#x, expected %#x", r->name, got, want);
    }
}


static GHashTable *
snapshotData(void)
{
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);

    g_hash_table_insert(h, (gpointer)"s1", GUINT_TO_POINTER(M0));
    g_hash_table_insert(h, (gpointer)"s2", GUINT_TO_POINTER(M0 | M1));
    g_hash_table_insert(h, (gpointer)"s3", GUINT_TO_POINTER(M0 | M1 | M2));
    g_hash_table_insert(h, (gpointer)"s4", GUINT_TO_POINTER(M0 | M1 | M5));
    return h;
}


static void
cleanDir(void)
{
    g_autoptr(GDir) dh = g_dir_open(dir, 0, NULL);
    const char *ent;

    while ((ent = g_dir_read_name(dh))) {
        g_autofree char *path = P(ent);

        unlink(path);
    }
    qemuSnapshotStoreDeleteAll(dir, "vm1");
}


static bool
fileExists(const char *name)
{
    g_autofree char *path = P(name);

    return virFileExists(path);
}


/* ------------------------------------------------------------------ */
/* Scenarios                                                          */

typedef struct {
    const char *name;
    int fault;                  /* -1: no crash */
} realCase;


/* D2: leaf of F1-off. */
static void
testD2(gconstpointer opaque)
{
    const realCase *c = opaque;
    g_autoptr(qemuSnapGraph) g = realF1();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autoptr(GHashTable) data = snapshotData();

    g_assert_cmpint(qemuSnapPlanDelete(g, "s3", 0, &plan, NULL), ==, 0);
    m = runPlan(g, plan, c->fault);
    checkReal(m, data, M0 | M1 | M2 | M3, "vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    g_assert_false(fileExists("vda.s3.qcow2"));
    cleanDir();
}


/* D4: middle of F1-off: commit, rebase -u of the child, unlink. */
static void
testD4(gconstpointer opaque)
{
    const realCase *c = opaque;
    g_autoptr(qemuSnapGraph) g = realF1();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autoptr(GHashTable) data = snapshotData();

    g_assert_cmpint(qemuSnapPlanDelete(g, "s2", 0, &plan, NULL), ==, 0);
    m = runPlan(g, plan, c->fault);
    g_hash_table_insert(data, (gpointer)"s3", GUINT_TO_POINTER(M0 | M1 | M2));
    checkReal(m, data, M0 | M1 | M2 | M3, "vda.s3.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    g_assert_false(fileExists("vda.s2.qcow2"));
    cleanDir();
}


/* R4 + X1 + X4 offline: revert to s2, write m5, delete s3, then s1. */
static void
testRevertThenDelete(gconstpointer opaque)
{
    const realCase *c = opaque;
    g_autoptr(qemuSnapGraph) g = realF1();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autoptr(qemuSnapGraph) g2 = NULL;
    g_autoptr(qemuSnapGraph) m2 = NULL;
    g_autoptr(qemuSnapGraph) g3 = NULL;
    g_autoptr(qemuSnapGraph) m3 = NULL;
    g_autoptr(GHashTable) data = snapshotData();
    g_autofree char *rev = P("vda.s1.1000");

    g_assert_cmpint(qemuSnapPlanRevert(g, "s2", 0, 1000, &plan, NULL), ==, 0);
    m = runPlan(g, plan, c->fault);
    g_assert_false(fileExists("vda.s3.qcow2"));
    g_assert_cmpstr(g_hash_table_lookup(m->configTops, "vda"), ==, rev);
    mark("vda.s1.1000", M5);
    checkReal(m, data, M0 | M1 | M5, "vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");

    /* X1: s3's state image goes, nothing else changes */
    g_clear_pointer(&plan, qemuSnapPlanFree);
    g2 = realGraph(m);
    g_assert_cmpint(qemuSnapPlanDelete(g2, "s3", 0, &plan, NULL), ==, 0);
    m2 = runPlan(g2, plan, c->fault);
    g_assert_false(fileExists("vda.s2.qcow2"));
    checkReal(m2, data, M0 | M1 | M5, "vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");

    /* X4-like: s1 below the current branch */
    g_clear_pointer(&plan, qemuSnapPlanFree);
    g3 = realGraph(m2);
    g_assert_cmpint(qemuSnapPlanDelete(g3, "s1", 0, &plan, NULL), ==, 0);
    m3 = runPlan(g3, plan, c->fault);
    g_assert_false(fileExists("vda.s1.qcow2"));
    g_hash_table_insert(data, (gpointer)"s2", GUINT_TO_POINTER(M0 | M1));
    checkReal(m3, data, M0 | M1 | M5, "vda.s1.1000 <- vda-base.qcow2");
    cleanDir();
}


/* X4 with a sibling branch outside the active chain: after revert to
 * s2 (keeping s3's state vda.s2), delete s1: vda.s2 must be rebased. */
static void
testX4Sibling(gconstpointer opaque)
{
    const realCase *c = opaque;
    g_autoptr(qemuSnapGraph) g = realF1();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autoptr(qemuSnapGraph) g2 = NULL;
    g_autoptr(qemuSnapGraph) m2 = NULL;
    g_autoptr(GHashTable) data = snapshotData();
    g_autofree char *s2 = P("vda.s2.qcow2");

    g_assert_cmpint(qemuSnapPlanRevert(g, "s2", 0, 1000, &plan, NULL), ==, 0);
    m = runPlan(g, plan, -1);
    mark("vda.s1.1000", M5);
    g_clear_pointer(&plan, qemuSnapPlanFree);
    g2 = realGraph(m);
    g_assert_cmpint(qemuSnapPlanDelete(g2, "s1", 0, &plan, NULL), ==, 0);
    m2 = runPlan(g2, plan, c->fault);
    checkReal(m2, data, M0 | M1 | M5, "vda.s1.1000 <- vda-base.qcow2");
    {
        g_autofree char *chain = realChain(s2);

        g_assert_cmpstr(chain, ==, "vda.s2.qcow2 <- vda-base.qcow2");
    }
    cleanDir();
}


/* Headers are read once: planning again after nothing changed reads
 * none, and after a delete only the images whose files changed. */
static void
testHeaderCache(void)
{
    g_autoptr(qemuSnapGraph) g = NULL;
    g_autoptr(qemuSnapGraph) again = NULL;
    g_autoptr(qemuSnapGraph) after = NULL;
    g_autoptr(qemuSnapGraph) m = NULL;
    g_autoptr(qemuSnapPlan) plan = NULL;
    guint built;

    qemuSnapImageCacheReset();
    g = realF1();
    /* Building the fixture reads each of its 4 images at least once;
     * more when a fixture step rewrites an image after reading it. */
    built = qemuSnapImageCacheReads();
    g_assert_cmpuint(built, >=, 4);
    again = realGraph(g);
    g_assert_cmpuint(qemuSnapImageCacheReads(), ==, built);

    g_assert_cmpint(qemuSnapPlanDelete(g, "s2", 0, &plan, NULL), ==, 0);
    m = runPlan(g, plan, -1);
    after = realGraph(m);
    /* vda.s1 (committed into) and vda.s3 (rebased) changed */
    g_assert_cmpuint(qemuSnapImageCacheReads(), ==, built + 2);
    cleanDir();
}


static const realCase plainCase = { "plain", -1 };


static void
addCrashCases(const char *name, GTestDataFunc func, unsigned int steps)
{
    unsigned int i;

    for (i = 0; i <= steps; i++) {
        realCase *c = g_new0(realCase, 1);
        g_autofree char *path = g_strdup_printf("/qemu/snapshot/real/%s/crash-%u",
                                                name, i);

        c->name = name;
        c->fault = i;
        g_test_add_data_func_full(path, c, func, g_free);
    }
}


int
main(int argc, char **argv)
{
    g_autofree char *qimg = g_find_program_in_path("qemu-img");
    g_autofree char *qio = g_find_program_in_path("qemu-io");
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_unsetenv(QEMU_SNAP_FAULT_ENV);
    if (!qimg || !qio) {
        g_printerr("qemu-img or qemu-io missing\n");
        return 77;
    }
    dir = g_dir_make_tmp("qemusnapshottest-XXXXXX", NULL);

    g_test_add_func("/qemu/snapshot/real/header-cache", testHeaderCache);
    g_test_add_data_func("/qemu/snapshot/real/D2-leaf-off", &plainCase, testD2);
    g_test_add_data_func("/qemu/snapshot/real/D4-middle-off", &plainCase, testD4);
    g_test_add_data_func("/qemu/snapshot/real/R4-X1-X4-revert-then-delete",
                         &plainCase, testRevertThenDelete);
    g_test_add_data_func("/qemu/snapshot/real/X4-sibling-off", &plainCase,
                         testX4Sibling);
    /* D4 has 6 steps, X4 with a sibling 9 */
    addCrashCases("D4-middle-off", testD4, 5);
    addCrashCases("X4-sibling-off", testX4Sibling, 8);

    ret = g_test_run();
    rmdir(dir);
    return ret;
}
