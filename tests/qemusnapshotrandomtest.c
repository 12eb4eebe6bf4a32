/*
 * qemusnapshotrandomtest.c: random sequences of external snapshot
 * create, revert and delete on a three-disk guest, through the public
 * API only, on qemu:///embed?root=TMPDIR
 *
 * The offline sequences keep the guest shut off.  The running ones also
 * start (running or paused) and destroy it at random, so that creates
 * and deletes run through QMP, and revert with RUNNING or PAUSED.
 *
 * A model follows the sequence: the snapshot tree, the current
 * snapshot, whether the guest runs, and what each disk reads, slot by
 * slot (a slot is 64 KiB; after every create and revert a fresh pattern
 * is written to a fresh slot of each disk's top: with qemu-io while the
 * guest is shut off, through QEMU while it runs, as HMP qemu-io on the
 * disk device's BlockBackend followed by a flush).  After every step
 * the driver must agree with the model:
 *  - metadata: the snapshots listed, their parents, the current one,
 *    the domain's state;
 *  - chains: every image a definition reaches (the domain's disks and
 *    each snapshot's <domain> disks) has a whole backing chain ending
 *    at that disk's base image (the qcow2 headers after each step,
 *    qemu-img info --backing-chain at the end of a sequence);
 *  - files: the images directory holds exactly the images of those
 *    chains, nothing dangling and nothing leaked;
 *  - data: each disk's top reads what the model says, and each
 *    remaining snapshot's state image reads what the disk read when the
 *    snapshot was taken (qemu-io read -P, unwritten slots read zero).
 *
 * The seed is printed; VIRTPLUG_TEST_SEED=N replays a run.
 * VIRTPLUG_TEST_STEPS=N makes every sequence N steps long (make check
 * runs a fixed, short number).  Two reverts are kept in different
 * seconds, since the overlays a revert creates are named after the
 * epoch (as in libvirt).  qemu-img, qemu-io and qemu-system-x86_64 are
 * test dependencies (tests/debian-packages.txt): a missing one fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#define NDISKS 3
#define NSLOTS 96               /* 64 KiB slots of an 8 MiB disk */
#define SLOT_SIZE (64 * 1024)
#define NSEQUENCES 3
#define NSTEPS 15
#define NRUNNING_SEQUENCES 2
#define NRUNNING_STEPS 12

static const char *const disks[NDISKS] = { "vda", "vdb", "vdc" };

typedef struct {
    char *name;
    char *parent;               /* NULL for a root */
    guint8 data[NDISKS][NSLOTS];
} testSnap;

typedef struct {
    GHashTable *snaps;          /* name -> testSnap */
    char *current;              /* the current snapshot, or NULL */
    guint8 data[NDISKS][NSLOTS];        /* what each disk's top reads */
    unsigned int nextSlot;
    unsigned int nextSnap;
    gint64 lastRevertSec;
    int state;                  /* VIR_DOMAIN_SHUTOFF, _RUNNING or _PAUSED */
} testModel;

static char *testDir;           /* the sequence's directory */
static char *testImg;           /* its images directory */
static virConnectPtr testConn;
static virDomainPtr testDom;


static void
testSnapFree(gpointer p)
{
    testSnap *s = p;

    g_free(s->name);
    g_free(s->parent);
    g_free(s);
}


/* Run a tool; with @out its stdout is returned and a failing exit is
 * the caller's to judge. */
static int
testRun(const char *const *argv, char **out)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *drop = NULL;
    g_autofree char *errout = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      out ? out : &drop, &errout, &status, &err))
        g_error("%s: %s", argv[0], err->message);
    if (!g_spawn_check_wait_status(status, NULL)) {
        if (!out)
            g_error("%s %s failed: %s", argv[0], argv[1], errout);
        return -1;
    }
    return 0;
}


static void
testQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


static const char *
testLastError(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->message ? err->message : "(no error)";
}


/* ------------------------------------------------------------------ */
/* XML                                                                */

/* The source file of each disk of @xml at @prefix (one of the domain
 * definitions), in the order of disks[]. */
static void
testDiskSources(const char *xml, const char *prefix, char *files[NDISKS])
{
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctxt;
    size_t i;

    g_assert_nonnull(doc);
    ctxt = xmlXPathNewContext(doc);
    for (i = 0; i < NDISKS; i++) {
        g_autofree char *expr = g_strdup_printf("string(%s/devices/disk[target/@dev='%s']/source/@file)",
                                                prefix, disks[i]);
        xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctxt);

        g_assert_nonnull(obj);
        if (!obj->stringval || !*obj->stringval)
            g_error("no source for disk %s at %s in:\n%s", disks[i], prefix, xml);
        files[i] = g_strdup((const char *)obj->stringval);
        xmlXPathFreeObject(obj);
    }
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
}


/* ------------------------------------------------------------------ */
/* Checks                                                             */

static const char *
testStateName(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTOFF: return "shut off";
    default: return "other";
    }
}


static void
testCheckState(const testModel *m)
{
    int state = -1;
    int reason;

    if (virDomainGetState(testDom, &state, &reason, 0) < 0)
        g_error("GetState: %s", testLastError());
    if (state != m->state)
        g_error("domain state: expected %s, got %s (%d)",
                testStateName(m->state), testStateName(state), state);
}


static void
testCheckMetadata(const testModel *m)
{
    virDomainSnapshotPtr *list = NULL;
    virDomainSnapshotPtr cur;
    int n = virDomainListAllSnapshots(testDom, &list, 0);
    int i;

    if (n < 0)
        g_error("ListAllSnapshots: %s", testLastError());
    if ((guint)n != g_hash_table_size(m->snaps))
        g_error("%d snapshots listed, the model has %u", n,
                g_hash_table_size(m->snaps));
    for (i = 0; i < n; i++) {
        const char *name = virDomainSnapshotGetName(list[i]);
        testSnap *s = g_hash_table_lookup(m->snaps, name);
        virDomainSnapshotPtr parent;
        const char *pname = NULL;

        if (!s)
            g_error("snapshot %s listed, not in the model", name);
        parent = virDomainSnapshotGetParent(list[i], 0);
        if (parent)
            pname = virDomainSnapshotGetName(parent);
        else if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN_SNAPSHOT)
            g_error("GetParent(%s): %s", name, testLastError());
        if (g_strcmp0(pname, s->parent) != 0)
            g_error("parent of %s: expected %s, got %s", name,
                    s->parent ? s->parent : "(none)", pname ? pname : "(none)");
        if (parent)
            virDomainSnapshotFree(parent);
        virDomainSnapshotFree(list[i]);
    }
    free(list);

    cur = virDomainSnapshotCurrent(testDom, 0);
    if (!cur && virGetLastErrorCode() != VIR_ERR_NO_DOMAIN_SNAPSHOT)
        g_error("SnapshotCurrent: %s", testLastError());
    if (g_strcmp0(cur ? virDomainSnapshotGetName(cur) : NULL, m->current) != 0)
        g_error("current snapshot: expected %s, got %s",
                m->current ? m->current : "(none)",
                cur ? virDomainSnapshotGetName(cur) : "(none)");
    if (cur)
        virDomainSnapshotFree(cur);
    testCheckState(m);
}


/* The backing file a qcow2 header names, or NULL; made absolute. */
static char *
testBacking(const char *path)
{
    g_autofree char *buf = NULL;
    g_autofree char *dirname = NULL;
    g_autofree char *name = NULL;
    gsize len;
    guint64 off;
    guint32 size;

    if (!g_file_get_contents(path, &buf, &len, NULL) || len < 20 ||
        memcmp(buf, "QFI\xfb", 4) != 0)
        g_error("%s is missing or not qcow2", path);
    memcpy(&off, buf + 8, sizeof(off));
    memcpy(&size, buf + 16, sizeof(size));
    off = GUINT64_FROM_BE(off);
    size = GUINT32_FROM_BE(size);
    if (!off)
        return NULL;
    g_assert_cmpuint(off + size, <=, len);
    name = g_strndup(buf + off, size);
    if (g_path_is_absolute(name))
        return g_steal_pointer(&name);
    dirname = g_path_get_dirname(path);
    return g_build_filename(dirname, name, NULL);
}


/* Check the chain of @path (disk @d) unless seen, reading the qcow2
 * headers (with @qemuImg, as qemu-img info --backing-chain reports it);
 * add its images to @seen. */
static void
testCheckChain(const char *path, size_t d, GHashTable *seen, bool qemuImg)
{
    g_autofree char *base = g_strdup_printf("%s/%s-base.qcow2", testImg, disks[d]);
    g_autofree char *prefix = g_strdup_printf("%s/%s", testImg, disks[d]);
    g_autofree char *out = NULL;
    g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func(g_free);
    const char *last;
    size_t i;

    if (g_hash_table_contains(seen, path))
        return;
    if (qemuImg) {
        g_auto(GStrv) lines = NULL;

        if (testRun((const char *const[]){ "qemu-img", "info", "-U", "--backing-chain",
                                           path, NULL }, &out) < 0)
            g_error("qemu-img info --backing-chain %s failed (dangling backing?)", path);
        lines = g_strsplit(out, "\n", -1);
        for (i = 0; lines[i]; i++) {
            if (g_str_has_prefix(lines[i], "image: "))
                g_ptr_array_add(chain, g_strdup(lines[i] + strlen("image: ")));
        }
    } else {
        char *img = g_strdup(path);

        while (img) {
            g_ptr_array_add(chain, img);
            if (chain->len > 200)
                g_error("backing loop from %s", path);
            img = testBacking(img);
        }
    }
    for (i = 0; i < chain->len; i++) {
        const char *img = g_ptr_array_index(chain, i);

        if (!g_str_has_prefix(img, prefix))
            g_error("chain of %s (disk %s) reaches %s", path, disks[d], img);
        g_hash_table_add(seen, g_strdup(img));
    }
    last = chain->len ? g_ptr_array_index(chain, chain->len - 1) : NULL;
    if (g_strcmp0(last, base) != 0)
        g_error("chain of %s ends at %s, not %s", path, last, base);
}


/* qemu-io commands that read @data from @path: one read a slot. */
static void
testReadCmds(GPtrArray *argv, const char *path, const guint8 *data,
             unsigned int nslots)
{
    unsigned int k;

    g_ptr_array_add(argv, g_strdup("-c"));
    g_ptr_array_add(argv, g_strdup_printf("open -r -U -o driver=qcow2 %s", path));
    for (k = 0; k < nslots; k++) {
        g_ptr_array_add(argv, g_strdup("-c"));
        g_ptr_array_add(argv, g_strdup_printf("read -P 0x%02x %u %u", data[k],
                                              k * SLOT_SIZE, SLOT_SIZE));
    }
    g_ptr_array_add(argv, g_strdup("-c"));
    g_ptr_array_add(argv, g_strdup("close"));
}


/* Which slot of @path does not read @data; -1 if all do. */
static int
testFirstBadSlot(const char *path, const guint8 *data, unsigned int nslots)
{
    unsigned int k;

    for (k = 0; k < nslots; k++) {
        g_autofree char *cmd = g_strdup_printf("read -P 0x%02x %u %u", data[k],
                                               k * SLOT_SIZE, SLOT_SIZE);
        g_autofree char *out = NULL;

        testRun((const char *const[]){ "qemu-io", "-r", "-U", "-f", "qcow2",
                                       "-c", cmd, path, NULL }, &out);
        if (!out || strstr(out, "Pattern verification failed") || !strstr(out, "read "))
            return k;
    }
    return -1;
}


static void
testCheckImages(const testModel *m, bool qemuImg)
{
    g_autofree char *domxml = virDomainGetXMLDesc(testDom, VIR_DOMAIN_XML_INACTIVE);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) what = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) expect = g_ptr_array_new();
    g_autoptr(GDir) dh = NULL;
    g_autofree char *out = NULL;
    char *tops[NDISKS];
    GHashTableIter it;
    gpointer v;
    const char *ent;
    size_t d;

    g_assert_nonnull(domxml);
    testDiskSources(domxml, "/domain", tops);
    g_ptr_array_add(argv, g_strdup("qemu-io"));
    for (d = 0; d < NDISKS; d++) {
        testCheckChain(tops[d], d, seen, qemuImg);
        testReadCmds(argv, tops[d], m->data[d], m->nextSlot);
        g_ptr_array_add(what, g_strdup_printf("top of %s", disks[d]));
        g_ptr_array_add(what, tops[d]);
        g_ptr_array_add(expect, (gpointer)m->data[d]);
    }

    g_hash_table_iter_init(&it, m->snaps);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        testSnap *s = v;
        virDomainSnapshotPtr snap = virDomainSnapshotLookupByName(testDom, s->name, 0);
        g_autofree char *xml = NULL;
        char *states[NDISKS];

        if (!snap || !(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
            g_error("snapshot %s: %s", s->name, testLastError());
        virDomainSnapshotFree(snap);
        testDiskSources(xml, "/domainsnapshot/domain", states);
        for (d = 0; d < NDISKS; d++) {
            testCheckChain(states[d], d, seen, qemuImg);
            testReadCmds(argv, states[d], s->data[d], m->nextSlot);
            g_ptr_array_add(what, g_strdup_printf("state of %s in %s", disks[d], s->name));
            g_ptr_array_add(what, states[d]);
            g_ptr_array_add(expect, (gpointer)s->data[d]);
        }
    }

    /* nothing leaked, nothing missing */
    dh = g_dir_open(testImg, 0, NULL);
    while ((ent = g_dir_read_name(dh))) {
        g_autofree char *path = g_build_filename(testImg, ent, NULL);

        if (!g_hash_table_contains(seen, path))
            g_error("%s is in the images directory, no definition reaches it", path);
    }
    g_hash_table_iter_init(&it, seen);
    while (g_hash_table_iter_next(&it, &v, NULL)) {
        if (!g_file_test(v, G_FILE_TEST_EXISTS))
            g_error("%s is reached but missing", (const char *)v);
    }

    /* the data, all images in one qemu-io */
    g_ptr_array_add(argv, NULL);
    if (testRun((const char *const *)argv->pdata, &out) < 0 ||
        strstr(out, "Pattern verification failed")) {
        for (d = 0; d < expect->len; d++) {
            const char *path = g_ptr_array_index(what, 2 * d + 1);
            int k = testFirstBadSlot(path, g_ptr_array_index(expect, d), m->nextSlot);

            if (k >= 0)
                g_error("%s (%s): slot %d does not read 0x%02x",
                        (const char *)g_ptr_array_index(what, 2 * d), path, k,
                        ((const guint8 *)g_ptr_array_index(expect, d))[k]);
        }
        g_error("qemu-io reads failed:\n%s", out);
    }
}


static void
testCheck(const testModel *m)
{
    testCheckMetadata(m);
    testCheckImages(m, false);
}


/* ------------------------------------------------------------------ */
/* Steps                                                              */

/* The disks' device aliases in the running definition, in disks[] order. */
static void
testDiskAliases(char *aliases[NDISKS])
{
    g_autofree char *xml = virDomainGetXMLDesc(testDom, 0);
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt;
    size_t i;

    g_assert_nonnull(xml);
    doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    ctxt = xmlXPathNewContext(doc);
    for (i = 0; i < NDISKS; i++) {
        g_autofree char *expr = g_strdup_printf("string(/domain/devices/disk[target/@dev='%s']/alias/@name)",
                                                disks[i]);
        xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctxt);

        if (!obj || !obj->stringval || !*obj->stringval)
            g_error("no alias for disk %s in:\n%s", disks[i], xml);
        aliases[i] = g_strdup((const char *)obj->stringval);
        xmlXPathFreeObject(obj);
    }
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
}


/* One qemu-io command on the running guest's disk @alias, through the
 * device's own BlockBackend (a node name would conflict with the
 * virtio-blk device, which does not share write). */
static void
testHmpQemuIo(const char *alias, const char *cmd)
{
    g_autofree char *line = g_strdup_printf("qemu-io -d /machine/peripheral/%s/virtio-backend \"%s\"",
                                            alias, cmd);
    g_autofree char *reply = NULL;

    if (virDomainQemuMonitorCommand(testDom, line, &reply,
                                    VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) < 0)
        g_error("%s: %s", line, testLastError());
    if (reply && *reply)
        g_error("%s: %s", line, reply);
}


/* A fresh pattern in a fresh slot of each disk of the running guest,
 * flushed so that the image files hold it for the checks' qemu-io. */
static void
testWriteRunning(testModel *m)
{
    unsigned int k = m->nextSlot++;
    char *aliases[NDISKS];
    size_t d;

    g_assert_cmpuint(k, <, NSLOTS);
    testDiskAliases(aliases);
    for (d = 0; d < NDISKS; d++) {
        guint8 pat = 1 + (k * NDISKS + d) % 254;
        g_autofree char *cmd = g_strdup_printf("write -P 0x%02x %u %u", pat,
                                               k * SLOT_SIZE, SLOT_SIZE);

        m->data[d][k] = pat;
        testHmpQemuIo(aliases[d], cmd);
        testHmpQemuIo(aliases[d], "flush");
        g_free(aliases[d]);
    }
}


/* A fresh pattern in a fresh slot of each disk's top. */
static void
testWrite(testModel *m)
{
    g_autofree char *domxml = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    unsigned int k = m->nextSlot++;
    char *tops[NDISKS];
    size_t d;

    if (m->state != VIR_DOMAIN_SHUTOFF) {
        m->nextSlot--;
        testWriteRunning(m);
        return;
    }
    g_assert_cmpuint(k, <, NSLOTS);
    domxml = virDomainGetXMLDesc(testDom, VIR_DOMAIN_XML_INACTIVE);
    testDiskSources(domxml, "/domain", tops);
    g_ptr_array_add(argv, g_strdup("qemu-io"));
    for (d = 0; d < NDISKS; d++) {
        guint8 pat = 1 + (k * NDISKS + d) % 254;

        m->data[d][k] = pat;
        g_ptr_array_add(argv, g_strdup("-c"));
        g_ptr_array_add(argv, g_strdup_printf("open -o driver=qcow2 %s", tops[d]));
        g_ptr_array_add(argv, g_strdup("-c"));
        g_ptr_array_add(argv, g_strdup_printf("write -P 0x%02x %u %u", pat,
                                              k * SLOT_SIZE, SLOT_SIZE));
        g_ptr_array_add(argv, g_strdup("-c"));
        g_ptr_array_add(argv, g_strdup("close"));
        g_free(tops[d]);
    }
    g_ptr_array_add(argv, NULL);
    testRun((const char *const *)argv->pdata, NULL);
}


static void
testCreate(testModel *m)
{
    testSnap *s = g_new0(testSnap, 1);
    g_autofree char *xml = NULL;
    virDomainSnapshotPtr snap;

    s->name = g_strdup_printf("s%u", ++m->nextSnap);
    s->parent = g_strdup(m->current);
    memcpy(s->data, m->data, sizeof(s->data));
    g_test_message("create %s (parent %s)", s->name, m->current ? m->current : "none");
    xml = g_strdup_printf("<domainsnapshot><name>%s</name></domainsnapshot>", s->name);
    if (!(snap = virDomainSnapshotCreateXML(testDom, xml,
                                            VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY)))
        g_error("create %s: %s", s->name, testLastError());
    virDomainSnapshotFree(snap);
    g_free(m->current);
    m->current = g_strdup(s->name);
    g_hash_table_insert(m->snaps, s->name, s);
    testWrite(m);
}


/* Snapshot names in creation order ("s2" before "s10"). */
static int
testCompareNames(const void *a, const void *b)
{
    const char *x = *(const char *const *)a;
    const char *y = *(const char *const *)b;

    return atoi(x + 1) - atoi(y + 1);
}


static testSnap *
testPick(testModel *m, GRand *rand)
{
    g_autofree gpointer *names = NULL;
    guint n;

    /* the table's order is not the seed's: sort first */
    names = g_hash_table_get_keys_as_array(m->snaps, &n);
    qsort(names, n, sizeof(*names), testCompareNames);
    return g_hash_table_lookup(m->snaps, names[g_rand_int_range(rand, 0, n)]);
}


static void
testRevert(testModel *m, testSnap *s, unsigned int flags)
{
    virDomainSnapshotPtr snap;

    /* the new overlays are named after the second: one revert a second */
    while (g_get_real_time() / G_USEC_PER_SEC == m->lastRevertSec)
        g_usleep(G_USEC_PER_SEC - g_get_real_time() % G_USEC_PER_SEC + 1000);
    g_test_message("revert to %s%s", s->name,
                   flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING ? " --running" :
                   flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED ? " --paused" : "");
    if (!(snap = virDomainSnapshotLookupByName(testDom, s->name, 0)) ||
        virDomainRevertToSnapshot(snap, flags) < 0)
        g_error("revert to %s: %s", s->name, testLastError());
    /* disk-only snapshots: the guest runs afterwards only if asked */
    m->state = flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING ? VIR_DOMAIN_RUNNING :
               flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED ? VIR_DOMAIN_PAUSED :
               VIR_DOMAIN_SHUTOFF;
    m->lastRevertSec = g_get_real_time() / G_USEC_PER_SEC;
    virDomainSnapshotFree(snap);
    g_free(m->current);
    m->current = g_strdup(s->name);
    memcpy(m->data, s->data, sizeof(m->data));
    testCheck(m);           /* the reverted disks read the snapshot's data */
    testWrite(m);
}


/* Drop @name (and with @children its descendants) from the model. */
static void
testModelDelete(testModel *m, const char *name, bool children)
{
    g_autofree char *parent = NULL;
    g_autofree gpointer *names = NULL;
    testSnap *s = g_hash_table_lookup(m->snaps, name);
    guint n, i;

    parent = g_strdup(s->parent);
    names = g_hash_table_get_keys_as_array(m->snaps, &n);
    for (i = 0; i < n; i++) {
        testSnap *c = g_hash_table_lookup(m->snaps, names[i]);

        if (!c || g_strcmp0(c->parent, name) != 0)
            continue;
        if (children) {
            testModelDelete(m, c->name, true);
        } else {
            g_free(c->parent);
            c->parent = g_strdup(parent);
        }
    }
    if (g_strcmp0(m->current, name) == 0) {
        g_free(m->current);
        m->current = g_strdup(parent);
    }
    g_hash_table_remove(m->snaps, name);
}


static void
testDelete(testModel *m, testSnap *s, bool children)
{
    g_autofree char *name = g_strdup(s->name);
    virDomainSnapshotPtr snap;

    g_test_message("delete %s%s", name, children ? " --children" : "");
    if (!(snap = virDomainSnapshotLookupByName(testDom, name, 0)) ||
        virDomainSnapshotDelete(snap, children ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0) < 0)
        g_error("delete %s: %s", name, testLastError());
    virDomainSnapshotFree(snap);
    testModelDelete(m, name, children);
}


static void
testStart(testModel *m, bool paused)
{
    g_test_message("start%s", paused ? " --paused" : "");
    if (virDomainCreateWithFlags(testDom, paused ? VIR_DOMAIN_START_PAUSED : 0) < 0)
        g_error("start: %s", testLastError());
    m->state = paused ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
}


static void
testDestroy(testModel *m)
{
    g_test_message("destroy");
    if (virDomainDestroy(testDom) < 0)
        g_error("destroy: %s", testLastError());
    m->state = VIR_DOMAIN_SHUTOFF;
}


/* ------------------------------------------------------------------ */
/* Sequences                                                          */

static void
testDefine(void)
{
    g_autofree char *uri = NULL;
    GString *xml = g_string_new(NULL);
    g_autofree char *text = NULL;
    size_t d;

    g_string_append(xml,
                    "<domain type='qemu'>\n"
                    "  <name>rnd</name>\n"
                    "  <memory unit='MiB'>128</memory>\n"
                    "  <vcpu>1</vcpu>\n"
                    "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                    "  <devices>\n");
    for (d = 0; d < NDISKS; d++) {
        g_autofree char *path = g_strdup_printf("%s/%s-base.qcow2", testImg, disks[d]);

        testRun((const char *const[]){ "qemu-img", "create", "-q", "-f", "qcow2",
                                       path, "8M", NULL }, NULL);
        g_string_append_printf(xml,
                               "    <disk type='file' device='disk'>\n"
                               "      <driver name='qemu' type='qcow2'/>\n"
                               "      <source file='%s'/>\n"
                               "      <target dev='%s' bus='virtio'/>\n"
                               "    </disk>\n", path, disks[d]);
    }
    g_string_append(xml, "  </devices>\n</domain>\n");
    text = g_string_free(xml, FALSE);

    uri = g_strdup_printf("qemu:///embed?root=%s/root", testDir);
    if (!(testConn = virConnectOpen(uri)))
        g_error("open %s: %s", uri, testLastError());
    if (!(testDom = virDomainDefineXML(testConn, text)))
        g_error("define: %s", testLastError());
}


typedef struct {
    guint32 seed;
    bool running;               /* start, destroy and revert --running too */
} testSequenceData;

static unsigned int testSteps;  /* per sequence; 0: the defaults */


/* The next step of an offline sequence. */
static void
testStepOffline(testModel *m, GRand *rand)
{
    guint n = g_hash_table_size(m->snaps);
    int op = g_rand_int_range(rand, 0, 100);

    if (n == 0 || op < 45)
        testCreate(m);
    else if (op < 72)
        testRevert(m, testPick(m, rand), 0);
    else
        testDelete(m, testPick(m, rand), g_rand_int_range(rand, 0, 4) == 0);
}


/* The next step of a sequence that also runs the guest. */
static void
testStepRunning(testModel *m, GRand *rand)
{
    static const unsigned int revertFlags[] = {
        0, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED,
    };
    guint n = g_hash_table_size(m->snaps);
    int op = g_rand_int_range(rand, 0, 100);

    if (op < 12) {
        if (m->state == VIR_DOMAIN_SHUTOFF)
            testStart(m, g_rand_boolean(rand));
        else
            testDestroy(m);
        testWrite(m);
    } else if (n == 0 || op < 50) {
        testCreate(m);
    } else if (op < 72) {
        testRevert(m, testPick(m, rand), revertFlags[g_rand_int_range(rand, 0, 3)]);
    } else {
        testDelete(m, testPick(m, rand), g_rand_int_range(rand, 0, 4) == 0);
    }
}


/* The images directory, and the QEMU a failed check leaves running:
 * both go when a check fails, from the signal handler of g_error(). */
static char *testAbortCleanup;

static void
testOnAbort(int sig)
{
    pid_t pid;

    if (testAbortCleanup && (pid = fork()) == 0) {
        execl("/bin/sh", "sh", "-c", testAbortCleanup, (char *)NULL);
        _exit(127);
    } else if (testAbortCleanup && pid > 0) {
        waitpid(pid, NULL, 0);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}


static void
testSequence(gconstpointer opaque)
{
    const testSequenceData *data = opaque;
    guint32 seed = data->seed;
    g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
    testModel m = { .state = VIR_DOMAIN_SHUTOFF };
    unsigned int nsteps = testSteps ? testSteps :
                          data->running ? NRUNNING_STEPS : NSTEPS;
    unsigned int step;

    g_test_message("seed %u", seed);
    testDir = g_dir_make_tmp("qemusnapshotrandom-XXXXXX", NULL);
    testImg = g_build_filename(testDir, "img", NULL);
    g_assert_cmpint(g_mkdir_with_parents(testImg, 0700), ==, 0);
    g_free(testAbortCleanup);
    testAbortCleanup = g_strdup_printf("pid=$(sed -n \"s/.* pid='\\([0-9]*\\)'.*/\\1/p\" "
                                       "'%s/root/run/qemu/rnd.xml' 2>/dev/null | head -1); "
                                       "[ -n \"$pid\" ] && kill -9 \"$pid\"; rm -rf '%s'",
                                       testDir, testDir);
    m.snaps = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, testSnapFree);
    testDefine();
    testWrite(&m);
    testCheck(&m);

    for (step = 0; step < nsteps; step++) {
        if (data->running)
            testStepRunning(&m, rand);
        else
            testStepOffline(&m, rand);
        testCheck(&m);
    }
    testCheckImages(&m, true);       /* the chains as qemu-img reads them */
    if (m.state != VIR_DOMAIN_SHUTOFF)
        testDestroy(&m);

    virDomainUndefineFlags(testDom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA);
    virDomainFree(testDom);
    virConnectClose(testConn);
    g_hash_table_destroy(m.snaps);
    g_free(m.current);
    testRun((const char *const[]){ "rm", "-rf", testDir, NULL }, NULL);
    g_clear_pointer(&testAbortCleanup, g_free);
    g_clear_pointer(&testImg, g_free);
    g_clear_pointer(&testDir, g_free);
}


int
main(int argc, char **argv)
{
    const char *env = g_getenv("VIRTPLUG_TEST_SEED");
    const char *steps = g_getenv("VIRTPLUG_TEST_STEPS");
    static testSequenceData seqs[NSEQUENCES + NRUNNING_SEQUENCES];
    guint32 seed;
    size_t i;

    g_test_init(&argc, &argv, NULL);
    for (i = 0; i < 3; i++) {
        const char *tool = (const char *[]){ "qemu-img", "qemu-io", "qemu-system-x86_64" }[i];
        g_autofree char *path = g_find_program_in_path(tool);

        if (!path) {
            g_printerr("%s missing (tests/debian-packages.txt has it)\n", tool);
            return 1;
        }
    }
    virSetErrorFunc(NULL, testQuietErrors);
    /* g_error() ends in G_BREAKPOINT() (SIGTRAP), or abort() */
    signal(SIGABRT, testOnAbort);
    signal(SIGTRAP, testOnAbort);
    if (steps)
        testSteps = g_ascii_strtoull(steps, NULL, 10);
    g_unsetenv("VIRTPLUG_QEMU_SNAPSHOT_FAULT");
    seed = env ? (guint32)g_ascii_strtoull(env, NULL, 10) : g_random_int();
    /* printed where make check's log shows it */
    g_print("# seed %u (VIRTPLUG_TEST_SEED=%u replays)\n", seed, seed);

    for (i = 0; i < NSEQUENCES + NRUNNING_SEQUENCES; i++) {
        bool running = i >= NSEQUENCES;
        g_autofree char *path = NULL;

        seqs[i].seed = seed + i;
        seqs[i].running = running;
        path = running ?
               g_strdup_printf("/qemu/snapshot/random/running-%zu", i - NSEQUENCES) :
               g_strdup_printf("/qemu/snapshot/random/sequence-%zu", i);
        g_test_add_data_func(path, &seqs[i], testSequence);
    }
    return g_test_run();
}
