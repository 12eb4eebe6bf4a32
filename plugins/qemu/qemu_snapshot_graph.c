/*
 * qemu_snapshot_graph.c: the image graph of a domain's snapshots
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>

#include "internal.h"
#include "qemu_snapshot_graph.h"
#include "virerror.h"
#include "virstoragefile.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


static void
qemuSnapImageFree(qemuSnapImage *img)
{
    if (!img)
        return;
    g_free(img->path);
    g_free(img->backing);
    g_free(img);
}


static void
qemuSnapRefFree(qemuSnapRef *ref)
{
    size_t i;

    if (!ref)
        return;
    for (i = 0; i < ref->ndisks; i++) {
        g_free(ref->disks[i].dst);
        g_free(ref->disks[i].state);
        g_free(ref->disks[i].overlay);
        g_free(ref->disks[i].revert);
    }
    g_free(ref->disks);
    g_free(ref->name);
    g_free(ref->parent);
    g_free(ref->memory);
    g_free(ref);
}


/**
 * qemuSnapGraphNew:
 *
 * Returns an empty graph, for qemuSnapGraphFree().
 */
qemuSnapGraph *
qemuSnapGraphNew(void)
{
    qemuSnapGraph *g = g_new0(qemuSnapGraph, 1);

    g->images = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify)qemuSnapImageFree);
    g->snaps = g_ptr_array_new_with_free_func((GDestroyNotify)qemuSnapRefFree);
    g->liveTops = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g->configTops = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g->jobs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return g;
}


void
qemuSnapGraphFree(qemuSnapGraph *g)
{
    if (!g)
        return;
    g_hash_table_unref(g->images);
    g_ptr_array_unref(g->snaps);
    g_hash_table_unref(g->liveTops);
    g_hash_table_unref(g->configTops);
    g_hash_table_unref(g->jobs);
    g_free(g);
}


static void
qemuSnapCopyStrTable(GHashTable *to, GHashTable *from)
{
    GHashTableIter it;
    gpointer k, v;

    g_hash_table_iter_init(&it, from);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_hash_table_insert(to, g_strdup(k), v ? g_strdup(v) : NULL);
}


/**
 * qemuSnapGraphCopy:
 * @g: a graph
 *
 * Returns a deep copy, for planning on a scratch graph.
 */
qemuSnapGraph *
qemuSnapGraphCopy(const qemuSnapGraph *g)
{
    qemuSnapGraph *c = qemuSnapGraphNew();
    GHashTableIter it;
    gpointer v;
    size_t i, j;

    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *img = g_memdup2(v, sizeof(qemuSnapImage));

        img->path = g_strdup(img->path);
        img->backing = g_strdup(img->backing);
        g_hash_table_insert(c->images, img->path, img);
    }
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(g->snaps, i);
        qemuSnapRef *n = qemuSnapGraphAddSnapshot(c, ref->name, ref->parent,
                                                  ref->current);

        n->hasDomain = ref->hasDomain;
        n->memory = g_strdup(ref->memory);
        n->memoryLocation = ref->memoryLocation;
        for (j = 0; j < ref->ndisks; j++)
            qemuSnapRefAddDisk(n, ref->disks[j].dst, ref->disks[j].location,
                               ref->disks[j].state,
                               ref->disks[j].overlay)->revert =
                g_strdup(ref->disks[j].revert);
    }
    c->running = g->running;
    qemuSnapCopyStrTable(c->liveTops, g->liveTops);
    qemuSnapCopyStrTable(c->configTops, g->configTops);
    qemuSnapCopyStrTable(c->jobs, g->jobs);
    return c;
}


/**
 * qemuSnapGraphAddImage:
 * @g: a graph
 * @path: the image
 * @format: its virStorageFileFormat
 * @backing: its backing image's path, or NULL
 * @backingFormat: the backing's format
 *
 * Adds an existing image, or replaces what the graph knew of @path.
 *
 * Returns the image, owned by @g.
 */
qemuSnapImage *
qemuSnapGraphAddImage(qemuSnapGraph *g, const char *path, int format,
                      const char *backing, int backingFormat)
{
    qemuSnapImage *img = g_new0(qemuSnapImage, 1);

    img->path = g_strdup(path);
    img->format = format;
    img->exists = true;
    img->backing = g_strdup(backing);
    img->backingFormat = backingFormat;
    g_hash_table_replace(g->images, img->path, img);
    return img;
}


qemuSnapImage *
qemuSnapGraphLookup(const qemuSnapGraph *g, const char *path)
{
    return path ? g_hash_table_lookup(g->images, path) : NULL;
}


/**
 * qemuSnapGraphAddSnapshot:
 * @g: a graph
 * @name: the snapshot's name
 * @parent: its parent's name, or NULL
 * @current: whether it is the current snapshot
 *
 * Appends a snapshot record; add parents before their children.
 *
 * Returns the record, owned by @g.
 */
qemuSnapRef *
qemuSnapGraphAddSnapshot(qemuSnapGraph *g, const char *name,
                         const char *parent, bool current)
{
    qemuSnapRef *ref = g_new0(qemuSnapRef, 1);

    ref->name = g_strdup(name);
    ref->parent = g_strdup(parent);
    ref->current = current;
    ref->hasDomain = true;
    g_ptr_array_add(g->snaps, ref);
    return ref;
}


/**
 * qemuSnapRefAddDisk:
 * @ref: a snapshot record
 * @dst: the disk's target
 * @location: the disk's snapshot mode in <disks>
 * @state: S, the disk's source in <domain>, or NULL
 * @overlay: O, the disk's source in <disks>, or NULL
 *
 * Returns the disk record, owned by @ref.
 */
qemuSnapRefDisk *
qemuSnapRefAddDisk(qemuSnapRef *ref, const char *dst,
                   virDomainSnapshotLocation location,
                   const char *state, const char *overlay)
{
    qemuSnapRefDisk *d;

    ref->disks = g_renew(qemuSnapRefDisk, ref->disks, ref->ndisks + 1);
    d = &ref->disks[ref->ndisks++];
    d->dst = g_strdup(dst);
    d->location = location;
    d->state = g_strdup(state);
    d->overlay = g_strdup(overlay);
    d->revert = NULL;
    return d;
}


qemuSnapRef *
qemuSnapGraphFindSnapshot(const qemuSnapGraph *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(g->snaps, i);

        if (STREQ(ref->name, name))
            return ref;
    }
    return NULL;
}


qemuSnapRefDisk *
qemuSnapRefFindDisk(const qemuSnapRef *ref, const char *dst)
{
    size_t i;

    for (i = 0; i < ref->ndisks; i++) {
        if (STREQ(ref->disks[i].dst, dst))
            return &ref->disks[i];
    }
    return NULL;
}


/**
 * qemuSnapGraphRemoveSnapshot:
 * @g: a graph
 * @name: a snapshot in it
 *
 * Drops the record as a metadata delete does: its children move to its
 * parent, and its parent becomes current if it was.
 */
void
qemuSnapGraphRemoveSnapshot(qemuSnapGraph *g, const char *name)
{
    qemuSnapRef *ref = qemuSnapGraphFindSnapshot(g, name);
    size_t i;

    if (!ref)
        return;
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *other = g_ptr_array_index(g->snaps, i);

        if (STREQ_NULLABLE(other->parent, name)) {
            g_free(other->parent);
            other->parent = g_strdup(ref->parent);
        }
        if (ref->current && ref->parent && STREQ(other->name, ref->parent))
            other->current = true;
    }
    g_ptr_array_remove(g->snaps, ref);
}


/* ------------------------------------------------------------------ */
/* Reading image headers, cached                                      */

typedef struct _qemuSnapCacheEntry qemuSnapCacheEntry;
struct _qemuSnapCacheEntry {
    qemuSnapImageInfo info;
    int askedFormat;
    int probedFormat;           /* what probing the header says */
};


/* Whether @e answers a read of its image as @format: the same request,
 * or one that would have read the header the same way.  An image is
 * reached as a disk's top with the definition's format and again as a
 * backing file with the format its overlay records, or probed; which
 * comes first depends on the order snapshots are visited in, and must
 * not decide whether the header is read again. */
static bool
qemuSnapCacheServes(const qemuSnapCacheEntry *e, int format)
{
    if (e->askedFormat == format)
        return true;
    if (format == VIR_STORAGE_FILE_AUTO)
        return e->probedFormat == e->info.format;
    return e->askedFormat == VIR_STORAGE_FILE_AUTO && e->info.format == format;
}

/* Guarded by qemuSnapCacheLock; entries are revalidated by stat(), so a
 * stale entry is never used.  Shared by every driver of the process:
 * the key is an absolute path. */
static GMutex qemuSnapCacheLock;
static GHashTable *qemuSnapCache;       /* path -> qemuSnapCacheEntry */
static unsigned int qemuSnapCacheMisses;


void
qemuSnapImageInfoClear(qemuSnapImageInfo *info)
{
    g_clear_pointer(&info->backing, g_free);
}


static void
qemuSnapCacheEntryFree(qemuSnapCacheEntry *e)
{
    qemuSnapImageInfoClear(&e->info);
    g_free(e);
}


/**
 * qemuSnapImageCacheReset:
 *
 * Forget every cached header (tests; a driver never needs to).
 */
void
qemuSnapImageCacheReset(void)
{
    g_mutex_lock(&qemuSnapCacheLock);
    g_clear_pointer(&qemuSnapCache, g_hash_table_unref);
    qemuSnapCacheMisses = 0;
    g_mutex_unlock(&qemuSnapCacheLock);
}


/* Headers read since the last reset: lets tests prove the cache works. */
unsigned int
qemuSnapImageCacheReads(void)
{
    unsigned int n;

    g_mutex_lock(&qemuSnapCacheLock);
    n = qemuSnapCacheMisses;
    g_mutex_unlock(&qemuSnapCacheLock);
    return n;
}


/**
 * qemuSnapImageInfoRead:
 * @path: an image file
 * @format: its format, or VIR_STORAGE_FILE_AUTO to probe
 * @info: filled; clear it with qemuSnapImageInfoClear()
 *
 * Reads @path's header unless the cache holds it for the same device,
 * inode, size and mtime.
 *
 * Returns 0, 1 if @path does not exist (no error set), or -1 with an
 * error.
 */
int
qemuSnapImageInfoRead(const char *path, int format, qemuSnapImageInfo *info)
{
    g_autoptr(virStorageFileMetadata) meta = NULL;
    qemuSnapCacheEntry *e;
    struct stat sb;
    long long mtimeNs;

    memset(info, 0, sizeof(*info));
    if (stat(path, &sb) < 0) {
        if (errno == ENOENT)
            return 1;
        virReportSystemError(errno, _("cannot stat image '%1$s'"), path);
        return -1;
    }
    mtimeNs = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;

    g_mutex_lock(&qemuSnapCacheLock);
    if (!qemuSnapCache)
        qemuSnapCache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)qemuSnapCacheEntryFree);
    e = g_hash_table_lookup(qemuSnapCache, path);
    if (e && e->info.dev == sb.st_dev && e->info.ino == sb.st_ino &&
        e->info.size == (unsigned long long)sb.st_size &&
        e->info.mtimeNs == mtimeNs && qemuSnapCacheServes(e, format)) {
        *info = e->info;
        info->backing = g_strdup(e->info.backing);
        g_mutex_unlock(&qemuSnapCacheLock);
        return 0;
    }
    qemuSnapCacheMisses++;
    g_mutex_unlock(&qemuSnapCacheLock);

    if (!(meta = virStorageFileGetMetadata(path, format)))
        return -1;

    info->format = meta->format;
    info->dev = sb.st_dev;
    info->ino = sb.st_ino;
    info->size = sb.st_size;
    info->mtimeNs = mtimeNs;
    info->backingFormat = meta->backingStoreRawFormat;
    if (meta->backingStoreRaw &&
        virStorageFileClassifyName(meta->backingStoreRaw) ==
        VIR_STORAGE_FILE_LOCATION_FILE)
        info->backing = virStorageFileResolveBacking(path, meta->backingStoreRaw);

    e = g_new0(qemuSnapCacheEntry, 1);
    e->info = *info;
    e->info.backing = g_strdup(info->backing);
    e->askedFormat = format;
    e->probedFormat = info->format;
    if (format != VIR_STORAGE_FILE_AUTO &&
        (e->probedFormat = virStorageFileProbeFormat(path)) < 0)
        virErrorResetLast();
    g_mutex_lock(&qemuSnapCacheLock);
    g_hash_table_replace(qemuSnapCache, g_strdup(path), e);
    g_mutex_unlock(&qemuSnapCacheLock);
    return 0;
}


/**
 * qemuSnapGraphProbe:
 * @g: a graph
 * @path: an image file
 * @format: its format, or VIR_STORAGE_FILE_AUTO
 *
 * Adds @path and its backing chain as the headers say, stopping at an
 * image the graph already knows.  A missing file is added with @exists
 * false, so that plans can refuse what needs it.
 *
 * Returns 0 or -1 with an error.
 */
int
qemuSnapGraphProbe(qemuSnapGraph *g, const char *path, int format)
{
    unsigned int depth = 0;
    g_autofree char *cur = g_strdup(path);

    while (cur && !qemuSnapGraphLookup(g, cur)) {
        qemuSnapImageInfo info;
        qemuSnapImage *img;
        int rc;

        if (++depth > VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("backing chain of '%1$s' is longer than %2$u images"),
                           path, VIR_STORAGE_FILE_CHAIN_MAX_DEPTH);
            return -1;
        }
        if ((rc = qemuSnapImageInfoRead(cur, format, &info)) < 0)
            return -1;
        if (rc == 1) {
            img = qemuSnapGraphAddImage(g, cur, format, NULL, 0);
            img->exists = false;
            return 0;
        }
        img = qemuSnapGraphAddImage(g, cur, info.format, info.backing,
                                    info.backingFormat);
        img->dev = info.dev;
        img->ino = info.ino;
        img->size = info.size;
        img->mtimeNs = info.mtimeNs;
        g_free(cur);
        cur = g_steal_pointer(&info.backing);
        format = info.backingFormat >= 0 ? info.backingFormat :
                 VIR_STORAGE_FILE_AUTO;
        qemuSnapImageInfoClear(&info);
    }
    return 0;
}


static const char *
qemuSnapDiskPath(const virDomainDiskDef *disk)
{
    if (!disk->src || (disk->src->type != VIR_STORAGE_TYPE_FILE &&
                       disk->src->type != VIR_STORAGE_TYPE_BLOCK))
        return NULL;
    return disk->src->path;
}


/* A <disks> entry names a disk by target or by source path. */
static virDomainDiskDef *
qemuSnapGraphDisk(const virDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (STREQ_NULLABLE(def->disks[i]->dst, name) ||
            STREQ_NULLABLE(def->disks[i]->src->path, name))
            return def->disks[i];
    }
    return NULL;
}


static int
qemuSnapGraphAddDefTops(qemuSnapGraph *g, const virDomainDef *def,
                        GHashTable *tops)
{
    size_t i;

    for (i = 0; def && i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        const char *path = qemuSnapDiskPath(disk);

        if (!path || disk->device != VIR_DOMAIN_DISK_DEVICE_DISK)
            continue;
        g_hash_table_insert(tops, g_strdup(disk->dst), g_strdup(path));
        if (qemuSnapGraphProbe(g, path, disk->src->format ?
                               (int)disk->src->format :
                               VIR_STORAGE_FILE_AUTO) < 0)
            return -1;
    }
    return 0;
}


static int
qemuSnapGraphAddSnapDef(qemuSnapGraph *g, virDomainMomentObj *snap)
{
    const virDomainSnapshotDef *def = snap->def;
    const char *parent = snap->parent && snap->parent->def ?
                         snap->parent->def->name : NULL;
    qemuSnapRef *ref = qemuSnapGraphAddSnapshot(g, def->name, parent,
                                                def->current);
    size_t i;

    ref->hasDomain = def->dom && def->dom->ndisks > 0;
    ref->memoryLocation = def->memory;
    ref->memory = g_strdup(def->memorysnapshotfile);
    for (i = 0; i < def->ndisks; i++) {
        const virDomainSnapshotDiskDef *sd = &def->disks[i];
        virDomainDiskDef *dd = def->dom ? qemuSnapGraphDisk(def->dom,
                                                              sd->name) : NULL;
        const char *state = dd ? qemuSnapDiskPath(dd) : NULL;
        const char *overlay = sd->src ? sd->src->path : NULL;
        qemuSnapRefDisk *rd = qemuSnapRefAddDisk(ref, dd ? dd->dst : sd->name,
                                                 sd->snapshot, state,
                                                 overlay);

        if (rd->state &&
            qemuSnapGraphProbe(g, rd->state, dd->src->format ?
                               (int)dd->src->format :
                               VIR_STORAGE_FILE_AUTO) < 0)
            return -1;
        if (rd->overlay && sd->snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL &&
            qemuSnapGraphProbe(g, rd->overlay, VIR_STORAGE_FILE_AUTO) < 0)
            return -1;
    }
    for (i = 0; i < def->nrevertDisks; i++) {
        const virDomainSnapshotDiskDef *sd = &def->revertDisks[i];
        qemuSnapRefDisk *rd = qemuSnapRefFindDisk(ref, sd->name);

        if (!rd || sd->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL ||
            !sd->src || !sd->src->path)
            continue;
        rd->revert = g_strdup(sd->src->path);
        if (qemuSnapGraphProbe(g, rd->revert, VIR_STORAGE_FILE_AUTO) < 0)
            return -1;
    }
    return 0;
}


/**
 * qemuSnapGraphNewFromDomain:
 * @snapshots: the domain's snapshot tree
 * @live: the running definition, or NULL when the domain is shut off
 * @config: the persistent definition, or NULL for a transient domain
 * @qemuOpen: set of paths the running QEMU has open, or NULL
 * @jobs: set of disk targets with an active block job, or NULL
 * @owned: NULL-terminated paths created by reverts, or NULL
 *
 * Builds the graph of every image that a snapshot or a definition
 * reaches, reading each header through the cache.
 *
 * Returns the graph, or NULL with an error.
 */
qemuSnapGraph *
qemuSnapGraphNewFromDomain(virDomainSnapshotObjList *snapshots,
                           const virDomainDef *live,
                           const virDomainDef *config,
                           GHashTable *qemuOpen,
                           GHashTable *jobs,
                           const char *const *owned)
{
    g_autoptr(qemuSnapGraph) g = qemuSnapGraphNew();
    int n = virDomainSnapshotObjListNum(snapshots, NULL, 0);
    g_autofree char **names = g_new0(char *, n + 1);
    GHashTableIter it;
    gpointer k, v;
    size_t i, j;
    int rc = 0;

    n = virDomainSnapshotObjListGetNames(snapshots, NULL, names, n, 0);
    for (i = 0; i < (size_t)n; i++) {
        virDomainMomentObj *snap = virDomainSnapshotObjListFindByName(snapshots,
                                                                      names[i]);
        if (rc == 0 && qemuSnapGraphAddSnapDef(g, snap) < 0)
            rc = -1;
        g_free(names[i]);
    }
    if (rc < 0 ||
        qemuSnapGraphAddDefTops(g, live, g->liveTops) < 0 ||
        qemuSnapGraphAddDefTops(g, config, g->configTops) < 0)
        return NULL;
    g->running = live != NULL;

    if (qemuOpen) {
        g_hash_table_iter_init(&it, qemuOpen);
        while (g_hash_table_iter_next(&it, &k, NULL)) {
            qemuSnapImage *img = qemuSnapGraphLookup(g, k);

            if (img)
                img->inQemu = true;
        }
    }
    if (jobs) {
        g_hash_table_iter_init(&it, jobs);
        while (g_hash_table_iter_next(&it, &k, &v))
            g_hash_table_add(g->jobs, g_strdup(k));
    }
    for (i = 0; owned && owned[i]; i++) {
        qemuSnapImage *img = qemuSnapGraphLookup(g, owned[i]);

        if (img)
            img->owned = true;
    }
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(g->snaps, i);

        for (j = 0; j < ref->ndisks; j++) {
            qemuSnapImage *img = qemuSnapGraphLookup(g, ref->disks[j].overlay);

            if (img && ref->disks[j].location ==
                VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
                img->owned = true;
            /* a revert made it: ours even if the images file lost it */
            if ((img = qemuSnapGraphLookup(g, ref->disks[j].revert)))
                img->owned = true;
        }
    }
    return g_steal_pointer(&g);
}


/* ------------------------------------------------------------------ */
/* Queries                                                            */

/* g_ptr_array_sort() passes pointers to the elements. */
static gint
qemuSnapPathCompare(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/**
 * qemuSnapGraphChildren:
 * @g: a graph
 * @path: an image
 *
 * Returns the paths (borrowed from @g) of the existing images whose
 * backing is @path, sorted; free the array only.
 */
GPtrArray *
qemuSnapGraphChildren(const qemuSnapGraph *g, const char *path)
{
    GPtrArray *kids = g_ptr_array_new();
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, g->images);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        qemuSnapImage *img = v;

        if (img->exists && STREQ_NULLABLE(img->backing, path))
            g_ptr_array_add(kids, img->path);
    }
    g_ptr_array_sort(kids, qemuSnapPathCompare);
    return kids;
}


static void
qemuSnapAddRoot(GHashTable *roots, const char *path)
{
    if (path)
        g_hash_table_add(roots, (gpointer)path);
}


/**
 * qemuSnapGraphRoots:
 * @g: a graph
 * @without: a snapshot name to leave out, or NULL
 *
 * Returns the set of images needed for their own sake (borrowed paths):
 * the tops of the live and persistent definitions and every snapshot's
 * state image, but @without's.
 */
GHashTable *
qemuSnapGraphRoots(const qemuSnapGraph *g, const char *without)
{
    GHashTable *roots = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTableIter it;
    gpointer v;
    size_t i, j;

    g_hash_table_iter_init(&it, g->liveTops);
    while (g_hash_table_iter_next(&it, NULL, &v))
        qemuSnapAddRoot(roots, v);
    g_hash_table_iter_init(&it, g->configTops);
    while (g_hash_table_iter_next(&it, NULL, &v))
        qemuSnapAddRoot(roots, v);
    for (i = 0; i < g->snaps->len; i++) {
        qemuSnapRef *ref = g_ptr_array_index(g->snaps, i);

        if (without && STREQ(ref->name, without))
            continue;
        for (j = 0; j < ref->ndisks; j++)
            qemuSnapAddRoot(roots, ref->disks[j].state);
    }
    return roots;
}


/**
 * qemuSnapGraphNeeded:
 * @g: a graph
 * @without: a snapshot name to leave out, or NULL
 *
 * Returns the set of images (borrowed paths) that the roots reach
 * through backing links: what must stay on disk.
 */
GHashTable *
qemuSnapGraphNeeded(const qemuSnapGraph *g, const char *without)
{
    g_autoptr(GHashTable) roots = qemuSnapGraphRoots(g, without);
    GHashTable *needed = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTableIter it;
    gpointer k;

    g_hash_table_iter_init(&it, roots);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        const char *cur = k;
        unsigned int depth = 0;

        while (cur && depth++ < VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
            qemuSnapImage *img = qemuSnapGraphLookup(g, cur);

            if (!img) {
                g_hash_table_add(needed, (gpointer)cur);
                break;
            }
            if (!g_hash_table_add(needed, img->path))
                break;
            cur = img->backing;
        }
    }
    return needed;
}


/**
 * qemuSnapGraphChainHas:
 *
 * Returns whether @path is @top or in @top's backing chain.
 */
bool
qemuSnapGraphChainHas(const qemuSnapGraph *g, const char *top,
                      const char *path)
{
    unsigned int depth = 0;

    while (top && depth++ < VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
        qemuSnapImage *img;

        if (STREQ(top, path))
            return true;
        if (!(img = qemuSnapGraphLookup(g, top)))
            return false;
        top = img->backing;
    }
    return false;
}


/**
 * qemuSnapGraphBranches:
 * @g: a graph
 * @path: an image
 *
 * Returns how many roots (definition tops and snapshot states) reach
 * @path: 1 for an image only one branch uses, more for a shared one.
 */
unsigned int
qemuSnapGraphBranches(const qemuSnapGraph *g, const char *path)
{
    g_autoptr(GHashTable) roots = qemuSnapGraphRoots(g, NULL);
    GHashTableIter it;
    gpointer k;
    unsigned int n = 0;

    g_hash_table_iter_init(&it, roots);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        if (qemuSnapGraphChainHas(g, k, path))
            n++;
    }
    return n;
}


/**
 * qemuSnapGraphChainString:
 *
 * Returns "top <- ... <- base" for tests and error messages; a missing
 * image is marked "(missing)".
 */
char *
qemuSnapGraphChainString(const qemuSnapGraph *g, const char *top)
{
    GString *s = g_string_new(NULL);
    unsigned int depth = 0;

    while (top && depth++ < VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
        qemuSnapImage *img = qemuSnapGraphLookup(g, top);

        if (s->len)
            g_string_append(s, " <- ");
        g_string_append(s, top);
        if (!img || !img->exists) {
            g_string_append(s, " (missing)");
            break;
        }
        top = img->backing;
    }
    return g_string_free(s, FALSE);
}


/* Test-only: the union of the data markers a chain reads. */
unsigned int
qemuSnapGraphChainData(const qemuSnapGraph *g, const char *top)
{
    unsigned int data = 0;
    unsigned int depth = 0;

    while (top && depth++ < VIR_STORAGE_FILE_CHAIN_MAX_DEPTH) {
        qemuSnapImage *img = qemuSnapGraphLookup(g, top);

        if (!img || !img->exists)
            break;
        data |= img->data;
        top = img->backing;
    }
    return data;
}


bool
qemuSnapGraphIsOwned(const qemuSnapGraph *g, const char *path)
{
    qemuSnapImage *img = qemuSnapGraphLookup(g, path);

    return img && img->owned;
}
