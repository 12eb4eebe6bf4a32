/*
 * qemusnapshotstoretest.c: snapshot metadata files, and recovery of
 * interrupted plans at every step
 *
 * The recovery cases run each plan in a child process against a fake
 * filesystem (the image graph kept in one file, changed by one atomic
 * rewrite per step) with VIRTPLUG_QEMU_SNAPSHOT_FAULT making the child
 * die after step N; a second switch of the fake kills it after a step's
 * effect but before the intent log counted it.  The parent then runs
 * recovery, and the world must be exactly what the whole plan makes
 * (rolled forward) or what it was (rolled back before the commit
 * point), with every remaining snapshot still reading its data.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_snapshot_store.h"
#include "virfile.h"
#include "virutiltestutils.h"
#include "qemusnapshotfixtures.h"

#define FAKE_CRASH_ENV "VIRTPLUG_TEST_FAKE_CRASH_IN_STEP"

typedef struct {
    char *world;                /* path of the world file */
    unsigned int steps;         /* steps this process ran */
} fakeFs;


static qemuSnapGraph *
fakeLoad(fakeFs *fs)
{
    g_autofree char *text = NULL;

    g_assert_cmpint(virFileReadAll(fs->world, 1 << 24, &text), >=, 0);
    return worldParse(text);
}


static void
fakeSave(fakeFs *fs, const qemuSnapGraph *g)
{
    g_autofree char *text = worldFormat(g);

    g_assert_cmpint(virFileWriteStrAtomic(fs->world, text, 0600), ==, 0);
}


static int
fakeRun(const qemuSnapStep *step, bool replay, void *opaque)
{
    fakeFs *fs = opaque;
    g_autoptr(qemuSnapGraph) g = fakeLoad(fs);
    const char *crash = g_getenv(FAKE_CRASH_ENV);
    qemuSnapImage *im;

    /* a create interrupted half way left a file: made again */
    if (replay && (step->type == QEMU_SNAP_STEP_IMG_CREATE ||
                   step->type == QEMU_SNAP_STEP_QMP_OVERLAY_ADD) &&
        (im = qemuSnapGraphLookup(g, step->image)) && !step->reuse)
        g_hash_table_remove(g->images, step->image);
    if (qemuSnapGraphApplyStep(g, step) < 0)
        return -1;
    fakeSave(fs, g);
    fs->steps++;
    if (crash && strtoul(crash, NULL, 10) == fs->steps)
        _exit(QEMU_SNAP_FAULT_EXIT);
    return 0;
}


static void
fakeUndo(const qemuSnapStep *step, void *opaque)
{
    fakeFs *fs = opaque;
    g_autoptr(qemuSnapGraph) g = fakeLoad(fs);

    if (step->type == QEMU_SNAP_STEP_IMG_CREATE ||
        step->type == QEMU_SNAP_STEP_QMP_OVERLAY_ADD)
        g_hash_table_remove(g->images, step->image);
    fakeSave(fs, g);
}


/* ------------------------------------------------------------------ */
/* Recovery at every step                                             */

typedef enum {
    PLAN_DELETE,
    PLAN_REVERT,
    PLAN_CREATE,
} planKind;

typedef struct {
    const char *name;
    qemuSnapGraph *(*fixture)(bool running);
    bool running;
    planKind kind;
    const char *snapshot;
    unsigned int flags;
} recoveryCase;


static qemuSnapPlan *
makePlan(const recoveryCase *c, const qemuSnapGraph *g)
{
    qemuSnapPlan *plan = NULL;
    qemuSnapDiskSpec spec = { "vda", EXT, "/nonexistent/vda.new.qcow2" };
    int rc = -1;

    switch (c->kind) {
    case PLAN_DELETE:
        rc = qemuSnapPlanDelete(g, c->snapshot, c->flags, &plan, NULL);
        break;
    case PLAN_REVERT:
        rc = qemuSnapPlanRevert(g, c->snapshot, c->flags, 1000, &plan, NULL);
        break;
    case PLAN_CREATE:
        rc = qemuSnapPlanCreate(g, c->snapshot, &spec, 1, false, &plan, NULL);
        break;
    }
    g_assert_cmpint(rc, ==, 0);
    return plan;
}


static void
runCrashed(const char *dir, const qemuSnapPlan *plan, fakeFs *fs,
           const char *faultVar, unsigned int n)
{
    pid_t pid = fork();
    int status;

    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        qemuSnapExecutor ex = { .run = fakeRun, .undo = fakeUndo, .opaque = fs };
        g_autofree char *val = g_strdup_printf("STEP_%u", n);

        fs->steps = 0;
        g_setenv(faultVar, val, TRUE);
        if (STREQ(faultVar, FAKE_CRASH_ENV))
            g_setenv(faultVar, val + 5, TRUE);
        if (qemuSnapshotStoreRunPlan(dir, "vm1", "test", "x", plan, &ex) < 0)
            g_printerr("# child: %s\n", virErrorGetLast()->message);
        _exit(0);
    }
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) != QEMU_SNAP_FAULT_EXIT)
        g_error("child with %s=%u exited %d", faultVar, n, WEXITSTATUS(status));
}


static void
testRecovery(gconstpointer opaque)
{
    const recoveryCase *c = opaque;
    g_autoptr(qemuSnapGraph) g = c->fixture(c->running);
    g_autoptr(qemuSnapPlan) plan = makePlan(c, g);
    g_autoptr(qemuSnapGraph) done = qemuSnapGraphCopy(g);
    g_autofree char *dir = g_dir_make_tmp("snapstore-XXXXXX", NULL);
    g_autofree char *before = worldFormat(g);
    g_autofree char *after = NULL;
    size_t commit = qemuSnapPlanCommitPoint(plan);
    fakeFs fs = { g_build_filename(dir, "world", NULL), 0 };
    qemuSnapExecutor ex = { .run = fakeRun, .undo = fakeUndo, .opaque = &fs };
    size_t i;
    unsigned int mode, n;

    for (i = 0; i < plan->steps->len; i++)
        g_assert_cmpint(qemuSnapGraphApplyStep(done, g_ptr_array_index(plan->steps, i)), ==, 0);
    after = worldFormat(done);

    /* mode 0: die after step n was recorded; mode 1: die inside step n,
     * after its effect and before the log counted it. */
    for (mode = 0; mode < 2; mode++) {
        for (n = mode; n < plan->steps->len + mode; n++) {
            g_autoptr(qemuSnapGraph) w = NULL;
            g_autofree char *got = NULL;
            bool rolledBack;

            fakeSave(&fs, g);
            runCrashed(dir, plan, &fs,
                       mode == 0 ? QEMU_SNAP_FAULT_ENV : FAKE_CRASH_ENV, n);
            g_assert_true(qemuSnapshotStoreIntentPending(dir, "vm1"));
            g_assert_cmpint(qemuSnapshotStoreRecover(dir, "vm1", &ex), ==, 1);
            g_assert_false(qemuSnapshotStoreIntentPending(dir, "vm1"));

            /* the log counted n - mode steps when the process died */
            rolledBack = n - mode < commit;
            w = fakeLoad(&fs);
            got = worldFormat(w);
            if (STRNEQ(got, rolledBack ? before : after))
                g_error("%s: crash mode %u at step %u: world differs\n--- expected\n%s--- got\n%s",
                        c->name, mode, n, rolledBack ? before : after, got);
        }
    }
    /* and a run without faults */
    fakeSave(&fs, g);
    g_assert_cmpint(qemuSnapshotStoreRunPlan(dir, "vm1", "test", "x", plan, &ex), ==, 0);
    {
        g_autoptr(qemuSnapGraph) w = fakeLoad(&fs);
        g_autofree char *got = worldFormat(w);

        g_assert_cmpstr(got, ==, after);
    }
    unlink(fs.world);
    g_free(fs.world);
    g_assert_cmpint(qemuSnapshotStoreDeleteAll(dir, "vm1"), ==, 0);
    rmdir(dir);
}


/* A failing step before the commit point rolls back at once. */
static int
failSecond(const qemuSnapStep *step, bool replay, void *opaque)
{
    fakeFs *fs = opaque;

    if (fs->steps == 1) {
        virReportErrorHelper(VIR_FROM_QEMU, VIR_ERR_OPERATION_FAILED, __FILE__,
                             __func__, __LINE__, "injected failure");
        return -1;
    }
    return fakeRun(step, replay, opaque);
}


static void
testFailureRollsBack(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autofree char *dir = g_dir_make_tmp("snapstore-XXXXXX", NULL);
    g_autofree char *before = NULL;
    fakeFs fs = { g_build_filename(dir, "world", NULL), 0 };
    qemuSnapExecutor ex = { .run = failSecond, .undo = fakeUndo, .opaque = &fs };
    qemuSnapDiskSpec specs[] = {
        { "vda", EXT, "/nonexistent/vda.s1.qcow2" },
        { "vdb", EXT, "/nonexistent/vdb.s1.qcow2" },
    };

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vdb-base.qcow2", NULL, M0, false);
    tops(g, "vda", "vda-base.qcow2", true);
    tops(g, "vdb", "vdb-base.qcow2", true);
    setRunning(g, true);
    before = worldFormat(g);
    g_assert_cmpint(qemuSnapPlanCreate(g, "s1", specs, 2, false, &plan, NULL), ==, 0);
    fakeSave(&fs, g);
    g_assert_cmpint(qemuSnapshotStoreRunPlan(dir, "vm1", "create", "s1", plan, &ex), ==, -1);
    virTestAssertLastError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: injected failure");
    g_assert_false(qemuSnapshotStoreIntentPending(dir, "vm1"));
    {
        g_autoptr(qemuSnapGraph) w = fakeLoad(&fs);
        g_autofree char *got = worldFormat(w);

        g_assert_cmpstr(got, ==, before);
    }
    unlink(fs.world);
    g_free(fs.world);
    rmdir(dir);
}


/* ------------------------------------------------------------------ */
/* Metadata files                                                     */

static const char *snapXML =
    "<domainsnapshot>\n"
    "  <name>%s</name>\n"
    "  %s\n"
    "  <state>disk-snapshot</state>\n"
    "  <creationTime>%d</creationTime>\n"
    "  <disks>\n"
    "    <disk name='vda' snapshot='external' type='file'>\n"
    "      <driver type='qcow2'/>\n"
    "      <source file='/d/vda.%s.qcow2'/>\n"
    "    </disk>\n"
    "  </disks>\n"
    "  <domain type='kvm'>\n"
    "    <name>vm1</name>\n"
    "    <uuid>9d37b878-a7cc-9f9a-b78f-49b3abad25a8</uuid>\n"
    "    <memory unit='KiB'>131072</memory>\n"
    "    <vcpu placement='static'>1</vcpu>\n"
    "    <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>\n"
    "    <devices>\n"
    "      <disk type='file' device='disk'>\n"
    "        <driver name='qemu' type='qcow2'/>\n"
    "        <source file='/d/vda-base.qcow2'/>\n"
    "        <target dev='vda' bus='virtio'/>\n"
    "      </disk>\n"
    "    </devices>\n"
    "  </domain>\n"
    "  <active>%d</active>\n"
    "</domainsnapshot>\n";


static virDomainSnapshotDef *
makeDef(const char *name, const char *parent, int when, bool current)
{
    g_autofree char *p = parent ? g_strdup_printf("<parent><name>%s</name></parent>",
                                                  parent) : g_strdup("");
    g_autofree char *xml = g_strdup_printf(snapXML, name, p, when, name,
                                           current ? 1 : 0);
    virDomainSnapshotDef *def = virDomainSnapshotDefParseString(xml,
                                    VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                                    VIR_DOMAIN_SNAPSHOT_PARSE_DISKS |
                                    VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL);

    if (!def)
        g_error("parse: %s", virErrorGetLast()->message);
    return def;
}


static void
testMetadataRoundTrip(void)
{
    g_autofree char *dir = g_dir_make_tmp("snapmeta-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "vm1", "s2.xml", NULL);
    g_autofree char *text = NULL;
    virDomainSnapshotObjList *list = virDomainSnapshotObjListNew();
    g_autoptr(virDomainSnapshotDef) s1 = makeDef("s1", NULL, 100, false);
    g_autoptr(virDomainSnapshotDef) s2 = makeDef("s2", "s1", 200, true);
    g_autoptr(virDomainSnapshotDef) s3 = makeDef("s3", "s1", 300, true);
    struct stat sb;

    g_assert_cmpint(qemuSnapshotStoreWrite(dir, "vm1", s1), ==, 0);
    g_assert_cmpint(qemuSnapshotStoreWrite(dir, "vm1", s2), ==, 0);
    g_assert_cmpint(stat(file, &sb), ==, 0);
    g_assert_cmpint(sb.st_mode & 0777, ==, 0600);
    g_assert_cmpint(virFileReadAll(file, 1 << 20, &text), >, 0);
    g_assert_nonnull(strstr(text, "<active>1</active>"));

    g_assert_cmpint(qemuSnapshotStoreLoad(dir, "vm1", list), ==, 2);
    g_assert_cmpstr(virDomainSnapshotObjListGetCurrentName(list), ==, "s2");
    g_assert_cmpstr(virDomainSnapshotObjListFindByName(list, "s2")->parent->def->name,
                    ==, "s1");
    virDomainSnapshotObjListFree(list);

    /* a crash between the two writes of a current change: the newer wins */
    g_assert_cmpint(qemuSnapshotStoreWrite(dir, "vm1", s3), ==, 0);
    list = virDomainSnapshotObjListNew();
    g_assert_cmpint(qemuSnapshotStoreLoad(dir, "vm1", list), ==, 3);
    g_assert_cmpstr(virDomainSnapshotObjListGetCurrentName(list), ==, "s3");
    g_assert_false(virDomainSnapshotObjListFindByName(list, "s2")->def->current);
    virDomainSnapshotObjListFree(list);

    /* the side files never load as snapshots */
    g_assert_cmpint(qemuSnapshotStoreDelete(dir, "vm1", "s3"), ==, 0);
    {
        g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GHashTable) stamps = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                             g_free, g_free);
        g_autoptr(GPtrArray) owned2 = NULL;
        g_autoptr(GHashTable) stamps2 = NULL;
        qemuSnapStamp *st = g_new0(qemuSnapStamp, 1);

        st->size = 196624;
        st->mtimeNs = 1795446711000000001LL;
        g_ptr_array_add(owned, g_strdup("/d/vda.s1.1000\twith tab"));
        g_hash_table_insert(stamps, g_strdup("/d/vda.s1.qcow2"), st);
        g_assert_cmpint(qemuSnapshotStoreSaveImages(dir, "vm1", owned, stamps), ==, 0);
        g_assert_cmpint(qemuSnapshotStoreLoadImages(dir, "vm1", &owned2, &stamps2), ==, 0);
        g_assert_cmpuint(owned2->len, ==, 1);
        g_assert_cmpstr(g_ptr_array_index(owned2, 0), ==, "/d/vda.s1.1000\twith tab");
        st = g_hash_table_lookup(stamps2, "/d/vda.s1.qcow2");
        g_assert_nonnull(st);
        g_assert_cmpuint(st->size, ==, 196624);
        g_assert_cmpint(st->mtimeNs, ==, 1795446711000000001LL);
    }
    list = virDomainSnapshotObjListNew();
    g_assert_cmpint(qemuSnapshotStoreLoad(dir, "vm1", list), ==, 2);
    virDomainSnapshotObjListFree(list);

    g_assert_cmpint(qemuSnapshotStoreDeleteAll(dir, "vm1"), ==, 0);
    g_assert_false(virFileExists(file));
    g_assert_cmpint(rmdir(dir), ==, 0);
}


/* A failed write (the Nth write, fsync or rename of the atomic writer)
 * leaves the old file whole. */
static void
testMetadataWriteFault(void)
{
    g_autofree char *dir = g_dir_make_tmp("snapmeta-XXXXXX", NULL);
    g_autoptr(virDomainSnapshotDef) old = makeDef("s1", NULL, 100, false);
    g_autoptr(virDomainSnapshotDef) cur = makeDef("s1", NULL, 100, true);
    unsigned int n;

    g_assert_cmpint(qemuSnapshotStoreWrite(dir, "vm1", old), ==, 0);
    for (n = 1; ; n++) {
        virDomainSnapshotObjList *list = virDomainSnapshotObjListNew();
        int rc;

        virFileAtomicFaultInject(n);
        rc = qemuSnapshotStoreWrite(dir, "vm1", cur);
        virFileAtomicFaultInject(0);
        virErrorResetLast();
        g_assert_cmpint(qemuSnapshotStoreLoad(dir, "vm1", list), ==, 1);
        if (rc == 0) {
            g_assert_cmpstr(virDomainSnapshotObjListGetCurrentName(list), ==, "s1");
            virDomainSnapshotObjListFree(list);
            break;
        }
        g_assert_null(virDomainSnapshotObjListGetCurrentName(list));
        virDomainSnapshotObjListFree(list);
        g_assert_cmpint(n, <, 10);
    }
    g_assert_cmpint(qemuSnapshotStoreDeleteAll(dir, "vm1"), ==, 0);
    rmdir(dir);
}


static qemuSnapGraph *
fixtureF2Running(bool running)
{
    return fixtureF2(running);
}


static const recoveryCase cases[] = {
    { "D1-leaf-running", fixtureF1, true, PLAN_DELETE, "s3", 0 },
    { "D3-middle-running", fixtureF1, true, PLAN_DELETE, "s2", 0 },
    { "D4-middle-off", fixtureF1, false, PLAN_DELETE, "s2", 0 },
    { "D9-children", fixtureF1, true, PLAN_DELETE, "s2",
      VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN },
    { "X1-leaf-after-revert", fixtureF2, false, PLAN_DELETE, "s3", 0 },
    { "X4-ancestor", fixtureF2Running, true, PLAN_DELETE, "s1", 0 },
    { "X7-branched-children", fixtureF3, false, PLAN_DELETE, "s2",
      VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN },
    { "R4-revert-non-leaf", fixtureF1, false, PLAN_REVERT, "s2", 0 },
    { "R6-revert-away", fixtureF2, false, PLAN_REVERT, "s1", 0 },
    { "C1-create-running", fixtureF1, true, PLAN_CREATE, "s4", 0 },
    { "C3-create-off", fixtureF1, false, PLAN_CREATE, "s4", 0 },
};


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);
    g_unsetenv(QEMU_SNAP_FAULT_ENV);
    g_unsetenv(FAKE_CRASH_ENV);

    g_test_add_func("/qemu/snapshot/store/metadata", testMetadataRoundTrip);
    g_test_add_func("/qemu/snapshot/store/metadata-write-fault", testMetadataWriteFault);
    g_test_add_func("/qemu/snapshot/store/failure-rolls-back", testFailureRollsBack);
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = g_strdup_printf("/qemu/snapshot/store/recovery/%s",
                                                cases[i].name);

        g_test_add_data_func(path, &cases[i], testRecovery);
    }
    return g_test_run();
}
