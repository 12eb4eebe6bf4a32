/*
 * qemusnapshotplantest.c: external snapshot plans on synthetic image
 * graphs, one case per scenario of snapshot-scenarios.md
 *
 * Each image carries data markers (a bit each, as the scenarios' m0,
 * m1 ...); after the plan is simulated, every remaining snapshot must
 * read what it read before (I1), the domain what it read before (I2),
 * no needed image may miss a backing (I3) and no record may name a
 * removed file (I4).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "qemu_snapshot_plan.h"
#include "virerror.h"
#include "virstoragefile.h"
#include "virutiltestutils.h"
#include "qemusnapshotfixtures.h"


/* ------------------------------------------------------------------ */
/* Assertions                                                         */

static void
assertSteps(const qemuSnapPlan *plan, const char *const *expect)
{
    g_autoptr(GString) got = g_string_new(NULL);
    g_autoptr(GString) want = g_string_new(NULL);
    size_t i;

    for (i = 0; i < plan->steps->len; i++) {
        g_autofree char *s = qemuSnapStepFormat(g_ptr_array_index(plan->steps, i));

        g_string_append_printf(got, "%s\n", s);
    }
    for (i = 0; expect[i]; i++)
        g_string_append_printf(want, "%s\n", expect[i]);
    if (STRNEQ(got->str, want->str))
        g_error("steps differ\n--- expected\n%s--- got\n%s", want->str, got->str);
}


static void
assertChain(const qemuSnapGraph *g, const char *top, const char *expect)
{
    g_autofree char *got = qemuSnapGraphChainString(g, top);

    if (STRNEQ(got, expect))
        g_error("chain of %s: expected '%s', got '%s'", top, expect, got);
}


static void
assertTopChain(const qemuSnapGraph *g, const char *expect)
{
    assertChain(g, g_hash_table_lookup(g->configTops, "vda"), expect);
    if (g->running)
        assertChain(g, g_hash_table_lookup(g->liveTops, "vda"), expect);
}


/* "s1 s2<s1 *s3<s2": names, parents after '<', current marked '*'. */
static void
assertTree(const qemuSnapGraph *g, const char *expect)
{
    g_autoptr(GString) s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *r = g_ptr_array_index(g->snaps, i);

        g_string_append_printf(s, "%s%s%s%s%s", s->len ? " " : "",
                               r->current ? "*" : "", r->name,
                               r->parent ? "<" : "", NULLSTR_EMPTY(r->parent));
    }
    if (STRNEQ(s->str, expect))
        g_error("tree: expected '%s', got '%s'", expect, s->str);
}


/* I1..I4 between the graph before @g and after @r. */
static void
assertInvariants(const qemuSnapGraph *g, const qemuSnapGraph *r, bool delete)
{
    g_autoptr(GHashTable) needed = qemuSnapGraphNeeded(r, NULL);
    GHashTableIter it;
    gpointer k, v;
    size_t i, j;

    for (i = 0; i < r->snaps->len; i++) {
        qemuSnapRef *after = g_ptr_array_index(r->snaps, i);
        qemuSnapRef *before = qemuSnapGraphFindSnapshot(g, after->name);

        for (j = 0; before && j < after->ndisks; j++) {
            qemuSnapRefDisk *da = &after->disks[j];
            qemuSnapRefDisk *db = qemuSnapRefFindDisk(before, da->dst);
            qemuSnapImage *o = qemuSnapGraphLookup(r, da->overlay);

            if (qemuSnapGraphChainData(g, db->state) !=
                qemuSnapGraphChainData(r, da->state))
                g_error("I1: snapshot %s disk %s reads %#x, had %#x",
                        after->name, da->dst,
                        qemuSnapGraphChainData(r, da->state),
                        qemuSnapGraphChainData(g, db->state));
            if (!qemuSnapGraphLookup(r, da->state))
                g_error("I4: %s names removed state %s", after->name, da->state);
            if (da->overlay && (!o || !o->exists) &&
                qemuSnapGraphLookup(g, da->overlay) &&
                qemuSnapGraphLookup(g, da->overlay)->exists)
                g_error("I4: %s names removed overlay %s", after->name,
                        da->overlay);
        }
    }
    g_hash_table_iter_init(&it, r->configTops);
    while (delete && g_hash_table_iter_next(&it, &k, &v)) {
        const char *old = g_hash_table_lookup(g->configTops, k);

        if (qemuSnapGraphChainData(g, old) != qemuSnapGraphChainData(r, v))
            g_error("I2: disk %s reads %#x, had %#x", (char *)k,
                    qemuSnapGraphChainData(r, v), qemuSnapGraphChainData(g, old));
    }
    g_hash_table_iter_init(&it, needed);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        qemuSnapImage *i2 = qemuSnapGraphLookup(r, k);

        if (!i2 || !i2->exists) {
            qemuSnapImage *was = qemuSnapGraphLookup(g, k);

            if (was && was->exists)
                g_error("I3: needed image %s was removed", (char *)k);
        }
    }
}


static qemuSnapGraph *
planDelete(const qemuSnapGraph *g, const char *name, unsigned int flags,
           const char *const *expect)
{
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapPlan) back = NULL;
    g_autofree char *text = NULL;
    g_autofree char *text2 = NULL;
    qemuSnapGraph *r = NULL;

    if (qemuSnapPlanDelete(g, name, flags, &plan, &r) < 0)
        g_error("delete %s: %s", name, virErrorGetLast()->message);
    assertSteps(plan, expect);
    assertInvariants(g, r, true);

    /* the intent log's form reads back to the same plan */
    text = qemuSnapPlanSerialize(plan);
    back = qemuSnapPlanParse(text);
    text2 = qemuSnapPlanSerialize(back);
    g_assert_cmpstr(text, ==, text2);
    return r;
}


static void
refuseDelete(const qemuSnapGraph *g, const char *name, unsigned int flags,
             int code, const char *message)
{
    g_autoptr(qemuSnapPlan) plan = NULL;

    if (qemuSnapPlanDelete(g, name, flags, &plan, NULL) == 0)
        g_error("delete %s was not refused", name);
    g_assert_null(plan);
    virTestAssertLastError(code, VIR_FROM_QEMU, message);
}


/* ------------------------------------------------------------------ */
/* D: linear history                                                   */

static void
testD1LeafRunning(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s3", 0, (const char *const[]){
        "qmp-commit vda vda.s3.qcow2 -> vda.s2.qcow2 active",
        "blockdev-del vda vda.s3.qcow2",
        "domain-replace vda live vda.s3.qcow2 -> vda.s2.qcow2",
        "domain-replace vda config vda.s3.qcow2 -> vda.s2.qcow2",
        "meta-remove s3",
        "unlink vda.s3.qcow2",
        NULL });

    assertTopChain(r, "vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "s1 *s2<s1");
    g_assert_cmpuint(qemuSnapGraphLookup(r, "vda.s2.qcow2")->data, ==, M2 | M3);
}


static void
testD2LeafOff(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s3", 0, (const char *const[]){
        "img-commit vda vda.s3.qcow2 -> vda.s2.qcow2",
        "domain-replace vda config vda.s3.qcow2 -> vda.s2.qcow2",
        "meta-remove s3",
        "unlink vda.s3.qcow2",
        NULL });

    assertTopChain(r, "vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "s1 *s2<s1");
}


static void
testD3MiddleRunning(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2", 0, (const char *const[]){
        "qmp-commit vda vda.s2.qcow2 -> vda.s1.qcow2",
        "blockdev-del vda vda.s2.qcow2",
        "domain-replace vda live vda.s2.qcow2 -> vda.s1.qcow2",
        "domain-replace vda config vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-replace s3 vda state vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-remove s2",
        "unlink vda.s2.qcow2",
        NULL });

    assertTopChain(r, "vda.s3.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "s1 *s3<s1");
}


static void
testD4MiddleOff(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2", 0, (const char *const[]){
        "img-commit vda vda.s2.qcow2 -> vda.s1.qcow2",
        "img-rebase-unsafe vda vda.s3.qcow2 -> vda.s1.qcow2",
        "domain-replace vda config vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-replace s3 vda state vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-remove s2",
        "unlink vda.s2.qcow2",
        NULL });

    assertTopChain(r, "vda.s3.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
}


static void
testD5Root(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s1", 0, (const char *const[]){
        "qmp-commit vda vda.s1.qcow2 -> vda-base.qcow2",
        "blockdev-del vda vda.s1.qcow2",
        "domain-replace vda live vda.s1.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s2 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s3 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-remove s1",
        "unlink vda.s1.qcow2",
        NULL });

    assertTopChain(r, "vda.s3.qcow2 <- vda.s2.qcow2 <- vda-base.qcow2");
    assertTree(r, "s2 *s3<s2");
    g_assert_cmpuint(qemuSnapGraphLookup(r, "vda-base.qcow2")->data, ==, M0 | M1);
}


/* D6 / C5: vdb snapshot='no' is never touched. */
static void
testD6Partial(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapGraph) r = NULL;
    qemuSnapRef *j1;

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vdb-base.qcow2", NULL, M0, false);
    img(g, "vda.j1.qcow2", "vda-base.qcow2", M1, true);
    j1 = snap(g, "j1", NULL, true, "vda-base.qcow2", "vda.j1.qcow2");
    qemuSnapRefAddDisk(j1, "vdb", NO, "vdb-base.qcow2", NULL);
    tops(g, "vda", "vda.j1.qcow2", false);
    tops(g, "vdb", "vdb-base.qcow2", false);
    setRunning(g, true);
    r = planDelete(g, "j1", 0, (const char *const[]){
        "qmp-commit vda vda.j1.qcow2 -> vda-base.qcow2 active",
        "blockdev-del vda vda.j1.qcow2",
        "domain-replace vda live vda.j1.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.j1.qcow2 -> vda-base.qcow2",
        "meta-remove j1",
        "unlink vda.j1.qcow2",
        NULL });
    assertChain(r, "vdb-base.qcow2", "vdb-base.qcow2");
}


/* D7: the memory file goes with the snapshot. */
static void
testD7Memory(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = NULL;
    qemuSnapRef *s3 = qemuSnapGraphFindSnapshot(g, "s3");

    s3->memory = g_strdup("s3.mem");
    s3->memoryLocation = EXT;
    r = planDelete(g, "s3", 0, (const char *const[]){
        "qmp-commit vda vda.s3.qcow2 -> vda.s2.qcow2 active",
        "blockdev-del vda vda.s3.qcow2",
        "domain-replace vda live vda.s3.qcow2 -> vda.s2.qcow2",
        "domain-replace vda config vda.s3.qcow2 -> vda.s2.qcow2",
        "meta-remove s3",
        "unlink vda.s3.qcow2",
        "unlink s3.mem",
        NULL });
}


static void
testD8Metadata(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2",
                                            VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY,
                                            (const char *const[]){
        "meta-remove s2", NULL });
    g_autoptr(qemuSnapGraph) r2 = NULL;

    assertTree(r, "s1 *s3<s1");
    assertTopChain(r, "vda.s3.qcow2 <- vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    r2 = planDelete(g, "s1", VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY |
                    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, (const char *const[]){
        "meta-remove s3", "meta-remove s2", "meta-remove s1", NULL });
    assertTree(r2, "");
}


/* D9 (BEYOND libvirt): --children deletes the subtree deepest first. */
static void
testD9Children(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2",
                                            VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                                            (const char *const[]){
        "qmp-commit vda vda.s3.qcow2 -> vda.s2.qcow2 active",
        "blockdev-del vda vda.s3.qcow2",
        "domain-replace vda live vda.s3.qcow2 -> vda.s2.qcow2",
        "domain-replace vda config vda.s3.qcow2 -> vda.s2.qcow2",
        "meta-remove s3",
        "unlink vda.s3.qcow2",
        "qmp-commit vda vda.s2.qcow2 -> vda.s1.qcow2 active",
        "blockdev-del vda vda.s2.qcow2",
        "domain-replace vda live vda.s2.qcow2 -> vda.s1.qcow2",
        "domain-replace vda config vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-remove s2",
        "unlink vda.s2.qcow2",
        NULL });

    assertTopChain(r, "vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "*s1");
    g_assert_cmpuint(qemuSnapGraphChainData(r, "vda.s1.qcow2"), ==,
                     M0 | M1 | M2 | M3);
}


static void
testD10ChildrenOnly(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2",
                                            VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
                                            (const char *const[]){
        "img-commit vda vda.s3.qcow2 -> vda.s2.qcow2",
        "domain-replace vda config vda.s3.qcow2 -> vda.s2.qcow2",
        "meta-remove s3",
        "unlink vda.s3.qcow2",
        NULL });
    g_autoptr(qemuSnapGraph) leaf = NULL;

    assertTree(r, "s1 *s2<s1");
    /* on a leaf: nothing at all */
    leaf = planDelete(g, "s3", VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
                      (const char *const[]){ NULL });
    assertTree(leaf, "s1 s2<s1 *s3<s2");
}


static void
testD11BlockJob(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);

    g_hash_table_add(g->jobs, g_strdup("vda"));
    refuseDelete(g, "s2", 0, VIR_ERR_OPERATION_UNSUPPORTED,
                 "Operation not supported: cannot delete external snapshots when there is another active block job (disk 'vda')");
}


/* D12: images changed by a manual blockcommit: refused, not corrupted. */
static void
testD12Stale(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vda.X2.qcow2", "vda-base.qcow2", M2, true);
    snap(g, "Q", NULL, false, "vda-base.qcow2", "vda.Q.qcow2");
    snap(g, "X1", "Q", false, "vda.Q.qcow2", "vda.X1.qcow2");
    snap(g, "X2", "X1", true, "vda.X1.qcow2", "vda.X2.qcow2");
    tops(g, "vda", "vda.X2.qcow2", true);
    refuseDelete(g, "X2", 0, VIR_ERR_OPERATION_FAILED,
                 "operation failed: snapshot VM disk source and parent disk source are not the same for disk 'vda'");
    refuseDelete(g, "X1", 0, VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: cannot delete snapshot 'X1': overlay 'vda.X1.qcow2' of disk 'vda' is missing");
}


/* D13: a disk missing from a later snapshot's definition, re-attached. */
static void
testD13DiskRemoved(gconstpointer opaque)
{
    bool running = GPOINTER_TO_INT(opaque);
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapGraph) r = NULL;
    qemuSnapRef *p;
    const char *const online[] = {
        "qmp-commit vda vda.P.qcow2 -> vda-base.qcow2",
        "blockdev-del vda vda.P.qcow2",
        "domain-replace vda live vda.P.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.P.qcow2 -> vda-base.qcow2",
        "meta-replace Q vda state vda.P.qcow2 -> vda-base.qcow2",
        "qmp-commit vdb vdb.P.qcow2 -> vdb-base.qcow2 active",
        "blockdev-del vdb vdb.P.qcow2",
        "domain-replace vdb live vdb.P.qcow2 -> vdb-base.qcow2",
        "domain-replace vdb config vdb.P.qcow2 -> vdb-base.qcow2",
        "meta-remove P",
        "unlink vda.P.qcow2",
        "unlink vdb.P.qcow2",
        NULL };
    const char *const offline[] = {
        "img-commit vda vda.P.qcow2 -> vda-base.qcow2",
        "img-rebase-unsafe vda vda.Q.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.P.qcow2 -> vda-base.qcow2",
        "meta-replace Q vda state vda.P.qcow2 -> vda-base.qcow2",
        "img-commit vdb vdb.P.qcow2 -> vdb-base.qcow2",
        "domain-replace vdb config vdb.P.qcow2 -> vdb-base.qcow2",
        "meta-remove P",
        "unlink vda.P.qcow2",
        "unlink vdb.P.qcow2",
        NULL };

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vdb-base.qcow2", NULL, M0, false);
    img(g, "vda.P.qcow2", "vda-base.qcow2", M1, true);
    img(g, "vdb.P.qcow2", "vdb-base.qcow2", M1, true);
    img(g, "vda.Q.qcow2", "vda.P.qcow2", M2, true);
    p = snap(g, "P", NULL, false, "vda-base.qcow2", "vda.P.qcow2");
    qemuSnapRefAddDisk(p, "vdb", EXT, "vdb-base.qcow2", "vdb.P.qcow2");
    snap(g, "Q", "P", true, "vda.P.qcow2", "vda.Q.qcow2");
    tops(g, "vda", "vda.Q.qcow2", false);
    tops(g, "vdb", "vdb.P.qcow2", false);
    setRunning(g, running);
    r = planDelete(g, "P", 0, running ? online : offline);
    assertChain(r, "vda.Q.qcow2", "vda.Q.qcow2 <- vda-base.qcow2");
    assertChain(r, g_hash_table_lookup(r->configTops, "vdb"), "vdb-base.qcow2");
}


/* D14: two snapshot children over a linear image chain: the image graph
 * decides, so s1 is merged. */
static void
testD14MultipleChildren(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapGraph) r = NULL;

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vda.s1.qcow2", "vda-base.qcow2", M1, true);
    img(g, "vda.s1.t2", "vda.s1.qcow2", M2, true);
    img(g, "vda.s1.t3", "vda.s1.t2", M3, true);
    snap(g, "s1", NULL, false, "vda-base.qcow2", "vda.s1.qcow2");
    snap(g, "t2", "s1", false, "vda.s1.qcow2", "vda.s1.t2");
    snap(g, "t3", "s1", true, "vda.s1.t2", "vda.s1.t3");
    tops(g, "vda", "vda.s1.t3", false);
    setRunning(g, true);
    r = planDelete(g, "s1", 0, (const char *const[]){
        "qmp-commit vda vda.s1.qcow2 -> vda-base.qcow2",
        "blockdev-del vda vda.s1.qcow2",
        "domain-replace vda live vda.s1.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace t2 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace t3 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-remove s1",
        "unlink vda.s1.qcow2",
        NULL });
    assertTopChain(r, "vda.s1.t3 <- vda.s1.t2 <- vda-base.qcow2");
    assertTree(r, "t2 *t3");
}


static void
testD15InternalParent(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    qemuSnapRef *i1;

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vda-base.E1", "vda-base.qcow2", M1, true);
    i1 = qemuSnapGraphAddSnapshot(g, "I1", NULL, false);
    qemuSnapRefAddDisk(i1, "vda", VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL,
                       "vda-base.qcow2", NULL);
    snap(g, "E1", "I1", true, "vda-base.qcow2", "vda-base.E1");
    tops(g, "vda", "vda-base.E1", true);
    refuseDelete(g, "E1", 0, VIR_ERR_OPERATION_UNSUPPORTED,
                 "Operation not supported: deleting external snapshot that has internal snapshot as parent not supported");
}


static void
testChangedImage(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    qemuSnapImage *s1 = qemuSnapGraphLookup(g, "vda.s1.qcow2");

    s1->size = 2000;
    s1->mtimeNs = 5;
    s1->recSize = 1000;
    s1->recMtimeNs = 5;
    refuseDelete(g, "s2", 0, VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: cannot delete snapshot 's2': image 'vda.s1.qcow2' of disk 'vda' changed since it was recorded (size or modification time differ)");
    s1->recSize = 2000;
    g_clear_pointer(&g, qemuSnapGraphFree);
}


/* ------------------------------------------------------------------ */
/* R: revert                                                          */

/* Snapshot @name's <revertDisks> source for vda (NULL: none). */
static void
assertRevert(const qemuSnapGraph *g, const char *name, const char *want)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(g, name);
    qemuSnapRefDisk *d = ref ? qemuSnapRefFindDisk(ref, "vda") : NULL;

    g_assert_nonnull(d);
    g_assert_cmpstr(d->revert, ==, want);
}


static void
testR1RevertLeaf(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) r = NULL;

    g_assert_cmpint(qemuSnapPlanRevert(g, "s3", 0, 1795446900, &plan, &r), ==, 0);
    assertSteps(plan, (const char *const[]){
        "img-create vda vda.s2.1795446900 -> vda.s2.qcow2",
        "domain-push vda config vda.s2.1795446900 -> vda.s2.qcow2",
        "meta-replace s3 vda overlay vda.s3.qcow2 -> vda.s2.1795446900",
        "meta-current s3",
        "unlink vda.s3.qcow2",
        NULL });
    assertTopChain(r, "vda.s2.1795446900 <- vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
    g_assert_cmpuint(qemuSnapGraphChainData(r, "vda.s2.1795446900"), ==, M0 | M1 | M2);
}


static void
testR4RevertNonLeaf(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(false);
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) r = NULL;

    g_assert_cmpint(qemuSnapPlanRevert(g, "s2", 0, 1000, &plan, &r), ==, 0);
    assertSteps(plan, (const char *const[]){
        "img-create vda vda.s1.1000 -> vda.s1.qcow2",
        "domain-push vda config vda.s1.1000 -> vda.s1.qcow2",
        "meta-replace s2 vda revert <null> -> vda.s1.1000",
        "meta-current s2",
        "meta-replace s3 vda overlay vda.s3.qcow2 -> <null>",
        "unlink vda.s3.qcow2",
        NULL });
    assertTopChain(r, "vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "s1 *s2<s1 s3<s2");
    assertRevert(r, "s2", "vda.s1.1000");
    assertInvariants(g, r, false);
    assertChain(r, "vda.s2.qcow2", "vda.s2.qcow2 <- vda.s1.qcow2 <- vda-base.qcow2");
}


/* R6: reverting away from a revert overlay discards it. */
static void
testR6RevertAway(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF2(false);
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) r = NULL;

    g_assert_cmpint(qemuSnapPlanRevert(g, "s1", 0, 2000, &plan, &r), ==, 0);
    assertSteps(plan, (const char *const[]){
        "img-create vda vda-base.2000 -> vda-base.qcow2",
        "domain-push vda config vda-base.2000 -> vda-base.qcow2",
        "meta-replace s1 vda revert <null> -> vda-base.2000",
        "meta-current s1",
        "meta-replace s2 vda revert vda.s1.1000 -> <null>",
        "unlink vda.s1.1000",
        NULL });
    assertInvariants(g, r, false);
    assertRevert(r, "s1", "vda-base.2000");
    assertRevert(r, "s2", NULL);
}


/* R5: a snapshot taken from the reverted state ends the record of the
 * revert overlay, which becomes its state image; no file goes. */
static void
testR5CreateAfterRevert(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF2(false);
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) r = NULL;
    qemuSnapDiskSpec spec = { "vda", EXT, "vda.s4.qcow2" };

    assertRevert(g, "s2", "vda.s1.1000");
    g_assert_cmpint(qemuSnapPlanCreate(g, "s4", &spec, 1, false, &plan, &r), ==, 0);
    assertSteps(plan, (const char *const[]){
        "img-create vda vda.s4.qcow2 -> vda.s1.1000",
        "domain-push vda config vda.s4.qcow2 -> vda.s1.1000",
        "meta-add s4",
        "meta-replace s2 vda revert vda.s1.1000 -> <null>",
        NULL });
    assertRevert(r, "s2", NULL);
    assertTree(r, "s1 s2<s1 s3<s2 *s4<s2");
}


static void
testR7BlockJob(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF1(true);
    g_autoptr(qemuSnapPlan) plan = NULL;

    g_hash_table_add(g->jobs, g_strdup("vda"));
    g_assert_cmpint(qemuSnapPlanRevert(g, "s1", 0, 1, &plan, NULL), ==, -1);
    virTestAssertLastError(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: domain has active block job");
}


/* ------------------------------------------------------------------ */
/* X: after revert, branched trees                                     */

static void
testX1LeafAfterRevert(gconstpointer opaque)
{
    g_autoptr(qemuSnapGraph) g = fixtureF2(GPOINTER_TO_INT(opaque));
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s3", 0, (const char *const[]){
        "meta-remove s3",
        "meta-replace s2 vda overlay vda.s2.qcow2 -> vda.s1.1000",
        "meta-replace s2 vda revert vda.s1.1000 -> <null>",
        "unlink vda.s2.qcow2",
        NULL });

    assertTopChain(r, "vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");
    assertTree(r, "s1 *s2<s1");
    assertRevert(r, "s2", NULL);
}


static void
testX2CurrentNonLeaf(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF2(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2", 0, (const char *const[]){
        "meta-replace s1 vda revert <null> -> vda.s1.1000",
        "meta-remove s2", NULL });

    assertTree(r, "*s1 s3<s1");
    assertRevert(r, "s1", "vda.s1.1000");
    assertTopChain(r, "vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");
}


/* X3, simpler form: F1 + revert to s1, then delete s2 (child s3). */
static void
testX3NotInActiveChain(gconstpointer opaque)
{
    g_autoptr(qemuSnapGraph) f1 = fixtureF1(false);
    g_autoptr(qemuSnapGraph) g = revertTo(f1, "s1", 1000);
    g_autoptr(qemuSnapGraph) r = NULL;

    setRunning(g, GPOINTER_TO_INT(opaque));
    r = planDelete(g, "s2", 0, (const char *const[]){
        "img-commit vda vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-replace s3 vda state vda.s2.qcow2 -> vda.s1.qcow2",
        "meta-remove s2",
        "unlink vda.s2.qcow2",
        NULL });
    assertTree(r, "*s1 s3<s1");
    assertChain(r, "vda.s1.qcow2", "vda.s1.qcow2 <- vda-base.qcow2");
    assertTopChain(r, "vda-base.1000 <- vda-base.qcow2");
}


static void
testX4AncestorSiblingOffline(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF2(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s1", 0, (const char *const[]){
        "qmp-commit vda vda.s1.qcow2 -> vda-base.qcow2",
        "blockdev-del vda vda.s1.qcow2",
        "img-rebase-unsafe vda vda.s2.qcow2 -> vda-base.qcow2",
        "domain-replace vda live vda.s1.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s2 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s3 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-remove s1",
        "unlink vda.s1.qcow2",
        NULL });

    assertTopChain(r, "vda.s1.1000 <- vda-base.qcow2");
    assertChain(r, "vda.s2.qcow2", "vda.s2.qcow2 <- vda-base.qcow2");
}


static void
testX5TwoBranches(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF3(true);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2", 0, (const char *const[]){
        "meta-remove s2", NULL });
    g_autoptr(qemuSnapGraph) r6 = NULL;

    assertTree(r, "s1 s3<s1 *s4<s1");
    assertTopChain(r, "vda.s4.qcow2 <- vda.s1.1000 <- vda.s1.qcow2 <- vda-base.qcow2");

    /* X6: then the root of the branched tree */
    r6 = planDelete(r, "s1", 0, (const char *const[]){
        "qmp-commit vda vda.s1.qcow2 -> vda-base.qcow2",
        "blockdev-del vda vda.s1.qcow2",
        "img-rebase-unsafe vda vda.s2.qcow2 -> vda-base.qcow2",
        "domain-replace vda live vda.s1.qcow2 -> vda-base.qcow2",
        "domain-replace vda config vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s3 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-replace s4 vda state vda.s1.qcow2 -> vda-base.qcow2",
        "meta-remove s1",
        "unlink vda.s1.qcow2",
        NULL });
    assertTree(r6, "s3 *s4");
    assertTopChain(r6, "vda.s4.qcow2 <- vda.s1.1000 <- vda-base.qcow2");
}


/* X7: --children on a branched snapshot.  We end with s1 current and
 * its own overlay as the top, everything after s1 merged into it. */
static void
testX7BranchedChildren(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF3(false);
    g_autoptr(qemuSnapGraph) r = planDelete(g, "s2",
                                            VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                                            (const char *const[]){
        "meta-remove s3",
        "meta-replace s2 vda overlay vda.s2.qcow2 -> vda.s1.1000",
        "unlink vda.s2.qcow2",
        "img-commit vda vda.s4.qcow2 -> vda.s1.1000",
        "domain-replace vda config vda.s4.qcow2 -> vda.s1.1000",
        "meta-remove s4",
        "unlink vda.s4.qcow2",
        "img-commit vda vda.s1.1000 -> vda.s1.qcow2",
        "domain-replace vda config vda.s1.1000 -> vda.s1.qcow2",
        "meta-remove s2",
        "unlink vda.s1.1000",
        NULL });

    assertTree(r, "*s1");
    assertTopChain(r, "vda.s1.qcow2 <- vda-base.qcow2");
    g_assert_cmpuint(qemuSnapGraphChainData(r, "vda.s1.qcow2"), ==,
                     M0 | M1 | M5 | M6);
}


/* ------------------------------------------------------------------ */
/* C: create                                                          */

static void
testC1Running(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autoptr(qemuSnapGraph) r = NULL;
    qemuSnapDiskSpec specs[] = {
        { "vda", EXT, "/nonexistent/vda.s1.qcow2" },
        { "vdb", EXT, "/nonexistent/vdb.s1.qcow2" },
    };

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vdb-base.qcow2", NULL, M0, false);
    tops(g, "vda", "vda-base.qcow2", false);
    tops(g, "vdb", "vdb-base.qcow2", false);
    setRunning(g, true);
    g_assert_cmpint(qemuSnapPlanCreate(g, "s1", specs, 2, false, &plan, &r), ==, 0);
    assertSteps(plan, (const char *const[]){
        "overlay-add vda /nonexistent/vda.s1.qcow2 -> vda-base.qcow2",
        "overlay-add vdb /nonexistent/vdb.s1.qcow2 -> vdb-base.qcow2",
        "transaction",
        "domain-push vda live /nonexistent/vda.s1.qcow2 -> vda-base.qcow2",
        "domain-push vda config /nonexistent/vda.s1.qcow2 -> vda-base.qcow2",
        "domain-push vdb live /nonexistent/vdb.s1.qcow2 -> vdb-base.qcow2",
        "domain-push vdb config /nonexistent/vdb.s1.qcow2 -> vdb-base.qcow2",
        "meta-add s1",
        NULL });
    assertTree(r, "*s1");
    assertTopChain(r, "/nonexistent/vda.s1.qcow2 <- vda-base.qcow2");
}


static void
testC2DefaultNames(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapPlan) plan = NULL;
    qemuSnapDiskSpec specs[] = {
        { "vda", EXT, NULL },
        { "vdb", NO, NULL },
    };
    g_autofree char *n1 = qemuSnapDefaultOverlayName("/d/vda.s1.qcow2", "s2");
    g_autofree char *n2 = qemuSnapDefaultOverlayName("/d.x/vda-base", "E1");

    g_assert_cmpstr(n1, ==, "/d/vda.s1.s2");
    g_assert_cmpstr(n2, ==, "/d.x/vda-base.E1");

    img(g, "/nonexistent/vda.s1.qcow2", NULL, M0, false);
    img(g, "/nonexistent/vdb.qcow2", NULL, M0, false);
    tops(g, "vda", "/nonexistent/vda.s1.qcow2", false);
    tops(g, "vdb", "/nonexistent/vdb.qcow2", false);
    g_assert_cmpint(qemuSnapPlanCreate(g, "s2", specs, 2, false, &plan, NULL), ==, 0);
    assertSteps(plan, (const char *const[]){
        "img-create vda /nonexistent/vda.s1.s2 -> /nonexistent/vda.s1.qcow2",
        "domain-push vda config /nonexistent/vda.s1.s2 -> /nonexistent/vda.s1.qcow2",
        "meta-add s2",
        NULL });

    /* two disks whose default names collide */
    g_clear_pointer(&plan, qemuSnapPlanFree);
    img(g, "/nonexistent/vda.s1.raw", NULL, M0, false);
    tops(g, "vdb", "/nonexistent/vda.s1.raw", false);
    specs[1].location = EXT;
    g_assert_cmpint(qemuSnapPlanCreate(g, "s2", specs, 2, false, &plan, NULL), ==, -1);
    virTestAssertLastError(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                           "unsupported configuration: cannot generate external snapshot name for disk 'vdb': collision with disk 'vda'");
}


static void
testC6Reuse(void)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    g_autoptr(qemuSnapPlan) plan = NULL;
    g_autofree char *dir = g_dir_make_tmp("snapplan-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "vda.reuse.qcow2", NULL);
    g_autofree char *msg = NULL;
    qemuSnapDiskSpec spec = { "vda", EXT, file };

    img(g, "vda-base.qcow2", NULL, M0, false);
    tops(g, "vda", "vda-base.qcow2", true);
    setRunning(g, true);

    msg = g_strdup_printf("missing existing file for disk vda: %s: No such file or directory", file);
    g_assert_cmpint(qemuSnapPlanCreate(g, "r", &spec, 1, true, &plan, NULL), ==, -1);
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, msg);

    g_assert_true(g_file_set_contents(file, "", 0, NULL));
    g_assert_cmpint(qemuSnapPlanCreate(g, "r", &spec, 1, true, &plan, NULL), ==, 0);
    assertSteps(plan, (const char *const[]){
        g_strdup_printf("overlay-add vda %s -> vda-base.qcow2 reuse", file),
        "transaction",
        g_strdup_printf("domain-push vda live %s -> vda-base.qcow2", file),
        g_strdup_printf("domain-push vda config %s -> vda-base.qcow2", file),
        "meta-add r",
        NULL });
    g_clear_pointer(&plan, qemuSnapPlanFree);

    g_free(msg);
    msg = g_strdup_printf("unsupported configuration: external snapshot file for disk vda already exists and is not a block device: %s", file);
    g_assert_cmpint(qemuSnapPlanCreate(g, "r", &spec, 1, false, &plan, NULL), ==, -1);
    virTestAssertLastError(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg);
    unlink(file);
    rmdir(dir);
}


static void
testGraphQueries(void)
{
    g_autoptr(qemuSnapGraph) g = fixtureF3(false);
    g_autoptr(GPtrArray) kids = qemuSnapGraphChildren(g, "vda.s1.qcow2");

    g_assert_cmpuint(kids->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(kids, 0), ==, "vda.s1.1000");
    g_assert_cmpstr(g_ptr_array_index(kids, 1), ==, "vda.s2.qcow2");
    /* base: s1's state, s2's, s3's, s4's and the definition's */
    g_assert_cmpuint(qemuSnapGraphBranches(g, "vda-base.qcow2"), ==, 5);
    /* vda.s2: s3's state only */
    g_assert_cmpuint(qemuSnapGraphBranches(g, "vda.s2.qcow2"), ==, 1);
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/qemu/snapshot/plan/D1-leaf-running", testD1LeafRunning);
    g_test_add_func("/qemu/snapshot/plan/D2-leaf-off", testD2LeafOff);
    g_test_add_func("/qemu/snapshot/plan/D3-middle-running", testD3MiddleRunning);
    g_test_add_func("/qemu/snapshot/plan/D4-middle-off", testD4MiddleOff);
    g_test_add_func("/qemu/snapshot/plan/D5-root", testD5Root);
    g_test_add_func("/qemu/snapshot/plan/D6-partial", testD6Partial);
    g_test_add_func("/qemu/snapshot/plan/D7-memory", testD7Memory);
    g_test_add_func("/qemu/snapshot/plan/D8-metadata", testD8Metadata);
    g_test_add_func("/qemu/snapshot/plan/D9-children", testD9Children);
    g_test_add_func("/qemu/snapshot/plan/D10-children-only", testD10ChildrenOnly);
    g_test_add_func("/qemu/snapshot/plan/D11-block-job", testD11BlockJob);
    g_test_add_func("/qemu/snapshot/plan/D12-stale", testD12Stale);
    g_test_add_data_func("/qemu/snapshot/plan/D13-disk-removed-running",
                         GINT_TO_POINTER(1), testD13DiskRemoved);
    g_test_add_data_func("/qemu/snapshot/plan/D13-disk-removed-off",
                         GINT_TO_POINTER(0), testD13DiskRemoved);
    g_test_add_func("/qemu/snapshot/plan/D14-multiple-children", testD14MultipleChildren);
    g_test_add_func("/qemu/snapshot/plan/D15-internal-parent", testD15InternalParent);
    g_test_add_func("/qemu/snapshot/plan/changed-image", testChangedImage);
    g_test_add_func("/qemu/snapshot/plan/R1-revert-leaf", testR1RevertLeaf);
    g_test_add_func("/qemu/snapshot/plan/R4-revert-non-leaf", testR4RevertNonLeaf);
    g_test_add_func("/qemu/snapshot/plan/R5-create-after-revert",
                    testR5CreateAfterRevert);
    g_test_add_func("/qemu/snapshot/plan/R6-revert-away", testR6RevertAway);
    g_test_add_func("/qemu/snapshot/plan/R7-block-job", testR7BlockJob);
    g_test_add_data_func("/qemu/snapshot/plan/X1-leaf-after-revert-off",
                         GINT_TO_POINTER(0), testX1LeafAfterRevert);
    g_test_add_data_func("/qemu/snapshot/plan/X1-leaf-after-revert-running",
                         GINT_TO_POINTER(1), testX1LeafAfterRevert);
    g_test_add_func("/qemu/snapshot/plan/X2-current-non-leaf", testX2CurrentNonLeaf);
    g_test_add_data_func("/qemu/snapshot/plan/X3-not-in-active-chain-off",
                         GINT_TO_POINTER(0), testX3NotInActiveChain);
    g_test_add_data_func("/qemu/snapshot/plan/X3-not-in-active-chain-running",
                         GINT_TO_POINTER(1), testX3NotInActiveChain);
    g_test_add_func("/qemu/snapshot/plan/X4-ancestor-sibling-offline", testX4AncestorSiblingOffline);
    g_test_add_func("/qemu/snapshot/plan/X5-X6-two-branches", testX5TwoBranches);
    g_test_add_func("/qemu/snapshot/plan/X7-branched-children", testX7BranchedChildren);
    g_test_add_func("/qemu/snapshot/plan/C1-running", testC1Running);
    g_test_add_func("/qemu/snapshot/plan/C2-default-names", testC2DefaultNames);
    g_test_add_func("/qemu/snapshot/plan/C6-reuse", testC6Reuse);
    g_test_add_func("/qemu/snapshot/plan/graph-queries", testGraphQueries);

    return g_test_run();
}
