/*
 * qemusnapshotfixtures.h: the synthetic image graphs of the snapshot
 * scenarios (snapshot-scenarios.md F1, F2, F3), shared by the plan and
 * store tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "qemu_snapshot_plan.h"
#include "virerror.h"
#include "virstoragefile.h"

#define QCOW2 VIR_STORAGE_FILE_QCOW2
#define EXT VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL
#define NO VIR_DOMAIN_SNAPSHOT_LOCATION_NO

enum { M0 = 1, M1 = 2, M2 = 4, M3 = 8, M5 = 16, M6 = 32 };

/* ------------------------------------------------------------------ */
/* Fixture helpers                                                    */

static G_GNUC_UNUSED qemuSnapImage *
img(qemuSnapGraph *g, const char *path, const char *backing,
    unsigned int data, bool owned)
{
    qemuSnapImage *i = qemuSnapGraphAddImage(g, path, QCOW2, backing,
                                             backing ? QCOW2 : 0);

    i->data = data;
    i->owned = owned;
    return i;
}


static G_GNUC_UNUSED void
tops(qemuSnapGraph *g, const char *dst, const char *top, bool running)
{
    g_hash_table_insert(g->configTops, g_strdup(dst), g_strdup(top));
    if (running)
        g_hash_table_insert(g->liveTops, g_strdup(dst), g_strdup(top));
}


/* Mark the live chains as open in QEMU, as a running domain has them. */
static G_GNUC_UNUSED void
setRunning(qemuSnapGraph *g, bool running)
{
    GHashTableIter it;
    gpointer k, v;

    g->running = running;
    g_hash_table_remove_all(g->liveTops);
    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, NULL, &v))
        ((qemuSnapImage *)v)->inQemu = false;
    if (!running)
        return;
    g_hash_table_iter_init(&it, g->configTops);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const char *cur = v;

        g_hash_table_insert(g->liveTops, g_strdup(k), g_strdup(v));
        while (cur) {
            qemuSnapImage *i = qemuSnapGraphLookup(g, cur);

            i->inQemu = true;
            cur = i->backing;
        }
    }
}


static G_GNUC_UNUSED qemuSnapRef *
snap(qemuSnapGraph *g, const char *name, const char *parent, bool current,
     const char *state, const char *overlay)
{
    qemuSnapRef *r = qemuSnapGraphAddSnapshot(g, name, parent, current);

    qemuSnapRefAddDisk(r, "vda", EXT, state, overlay);
    return r;
}


/* F1 (running) / F1-off: s1 -> s2 -> s3, one disk, markers m0..m3. */
static G_GNUC_UNUSED qemuSnapGraph *
fixtureF1(bool running)
{
    qemuSnapGraph *g = qemuSnapGraphNew();

    img(g, "vda-base.qcow2", NULL, M0, false);
    img(g, "vda.s1.qcow2", "vda-base.qcow2", M1, true);
    img(g, "vda.s2.qcow2", "vda.s1.qcow2", M2, true);
    img(g, "vda.s3.qcow2", "vda.s2.qcow2", M3, true);
    snap(g, "s1", NULL, false, "vda-base.qcow2", "vda.s1.qcow2");
    snap(g, "s2", "s1", false, "vda.s1.qcow2", "vda.s2.qcow2");
    snap(g, "s3", "s2", true, "vda.s2.qcow2", "vda.s3.qcow2");
    tops(g, "vda", "vda.s3.qcow2", false);
    setRunning(g, running);
    return g;
}


static G_GNUC_UNUSED qemuSnapGraph *
revertTo(const qemuSnapGraph *g, const char *name, long long now)
{
    g_autoptr(qemuSnapPlan) plan = NULL;
    qemuSnapGraph *r = NULL;

    if (qemuSnapPlanRevert(g, name, 0, now, &plan, &r) < 0)
        g_error("revert to %s: %s", name, virErrorGetLast()->message);
    return r;
}


/* F2 = F1-off + revert to s2 + m5 written into the new overlay. */
static G_GNUC_UNUSED qemuSnapGraph *
fixtureF2(bool running)
{
    g_autoptr(qemuSnapGraph) f1 = fixtureF1(false);
    qemuSnapGraph *g = revertTo(f1, "s2", 1000);

    qemuSnapGraphLookup(g, "vda.s1.1000")->data = M5;
    setRunning(g, running);
    return g;
}


/* F3 = F2 + s4 (vda.s4.qcow2) + m6. */
static G_GNUC_UNUSED qemuSnapGraph *
fixtureF3(bool running)
{
    g_autoptr(qemuSnapGraph) f2 = fixtureF2(false);
    g_autoptr(qemuSnapPlan) plan = NULL;
    qemuSnapDiskSpec spec = { "vda", EXT, "vda.s4.qcow2" };
    qemuSnapGraph *g = NULL;

    if (qemuSnapPlanCreate(f2, "s4", &spec, 1, false, &plan, &g) < 0)
        g_error("create s4: %s", virErrorGetLast()->message);
    qemuSnapGraphLookup(g, "vda.s4.qcow2")->data = M6;
    setRunning(g, running);
    return g;
}



/* ------------------------------------------------------------------ */
/* The fake filesystem: a graph in one file                            */

static G_GNUC_UNUSED void
putField(GString *s, const char *v)
{
    g_autofree char *esc = v ? g_strescape(v, NULL) : NULL;

    g_string_append_printf(s, "\t%s", esc ? esc : "");
}


static G_GNUC_UNUSED gint
lineCompare(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}


/* Canonical text: sorted lines, so that equal worlds compare equal. */
static G_GNUC_UNUSED char *
worldFormat(const qemuSnapGraph *g)
{
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GString) out = g_string_new(NULL);
    GHashTableIter it;
    gpointer k, v;
    size_t i, j;

    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *im = v;
        GString *s = g_string_new("img");

        putField(s, im->path);
        putField(s, im->backing);
        g_string_append_printf(s, "\t%d\t%d\t%d%d%d\t%u", im->format,
                               im->backingFormat, im->exists, im->inQemu,
                               im->owned, im->data);
        g_ptr_array_add(lines, g_string_free(s, FALSE));
    }
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *r = g_ptr_array_index(g->snaps, i);
        GString *s = g_string_new("snap");

        g_string_append_printf(s, "\t%03zu", i);
        putField(s, r->name);
        putField(s, r->parent);
        putField(s, r->memory);
        g_string_append_printf(s, "\t%d%d\t%d", r->current, r->hasDomain,
                               r->memoryLocation);
        for (j = 0; j < r->ndisks; j++) {
            g_string_append_printf(s, "\t%d", r->disks[j].location);
            putField(s, r->disks[j].dst);
            putField(s, r->disks[j].state);
            putField(s, r->disks[j].overlay);
        }
        g_ptr_array_add(lines, g_string_free(s, FALSE));
    }
    g_hash_table_iter_init(&it, g->liveTops);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_ptr_array_add(lines, g_strdup_printf("live\t%s\t%s", (char *)k, (char *)v));
    g_hash_table_iter_init(&it, g->configTops);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_ptr_array_add(lines, g_strdup_printf("config\t%s\t%s", (char *)k, (char *)v));
    g_hash_table_iter_init(&it, g->jobs);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_ptr_array_add(lines, g_strdup_printf("job\t%s", (char *)k));
    g_ptr_array_add(lines, g_strdup_printf("running\t%d", g->running));
    g_ptr_array_sort(lines, lineCompare);
    for (i = 0; i < lines->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(lines, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static G_GNUC_UNUSED char *
getField(char **f)
{
    return **f ? g_strcompress(*f) : NULL;
}


static G_GNUC_UNUSED qemuSnapGraph *
worldParse(const char *text)
{
    qemuSnapGraph *g = qemuSnapGraphNew();
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t i, j;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], "\t", -1);

        if (!f[0]) {
            continue;
        } else if (STREQ(f[0], "img")) {
            g_autofree char *path = getField(&f[1]);
            g_autofree char *backing = getField(&f[2]);
            qemuSnapImage *im = qemuSnapGraphAddImage(g, path, atoi(f[3]),
                                                      backing, atoi(f[4]));

            im->exists = f[5][0] == '1';
            im->inQemu = f[5][1] == '1';
            im->owned = f[5][2] == '1';
            im->data = strtoul(f[6], NULL, 10);
        } else if (STREQ(f[0], "snap")) {
            g_autofree char *name = getField(&f[2]);
            g_autofree char *parent = getField(&f[3]);
            qemuSnapRef *r = qemuSnapGraphAddSnapshot(g, name, parent,
                                                      f[5][0] == '1');

            r->memory = getField(&f[4]);
            r->hasDomain = f[5][1] == '1';
            r->memoryLocation = atoi(f[6]);
            for (j = 7; f[j] && f[j + 1]; j += 4) {
                g_autofree char *dst = getField(&f[j + 1]);
                g_autofree char *state = getField(&f[j + 2]);
                g_autofree char *overlay = getField(&f[j + 3]);

                qemuSnapRefAddDisk(r, dst, atoi(f[j]), state, overlay);
            }
        } else if (STREQ(f[0], "live")) {
            g_hash_table_insert(g->liveTops, g_strdup(f[1]), g_strdup(f[2]));
        } else if (STREQ(f[0], "config")) {
            g_hash_table_insert(g->configTops, g_strdup(f[1]), g_strdup(f[2]));
        } else if (STREQ(f[0], "job")) {
            g_hash_table_add(g->jobs, g_strdup(f[1]));
        } else if (STREQ(f[0], "running")) {
            g->running = f[1][0] == '1';
        }
    }
    return g;
}


