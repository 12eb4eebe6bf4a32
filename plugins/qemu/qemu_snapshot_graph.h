/*
 * qemu_snapshot_graph.h: the image graph that external snapshot plans
 * are computed from
 *
 * Nodes are image files, by path; edges are backing links read from
 * the image headers.  Beside the images the graph records who needs
 * them: each snapshot's state image (S, its <domain> disk source) and
 * overlay (O, its <disks> source), the tops of the live and persistent
 * definitions, and the images the running QEMU has open.  A plan decides
 * from the images an image is shared by, never from how many snapshot
 * children a snapshot has: the two trees differ after a revert.
 *
 * Never installed, never included outside plugins/qemu/ and its tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "virdomainsnapshotobjlist.h"

typedef struct _qemuSnapImage qemuSnapImage;
struct _qemuSnapImage {
    char *path;
    int format;                 /* virStorageFileFormat */
    bool exists;                /* false: named by metadata, file absent */
    char *backing;              /* resolved backing path, NULL if none */
    int backingFormat;          /* virStorageFileFormat, AUTO if unrecorded */
    bool inQemu;                /* open in the running QEMU */
    bool owned;                 /* created by a snapshot or a revert: ours
                                 * to unlink once nothing needs it */
    /* Identity and the stamp the checks compare (0: unknown). */
    unsigned long long dev;
    unsigned long long ino;
    unsigned long long size;    /* bytes of the file */
    long long mtimeNs;
    /* What the metadata recorded when the image became read-only;
     * 0/0 when nothing was recorded. */
    unsigned long long recSize;
    long long recMtimeNs;
    /* Test-only data markers: a bit per marker written into this image,
     * so that fake executors can check what a chain reads. */
    unsigned int data;
};

typedef struct _qemuSnapRefDisk qemuSnapRefDisk;
struct _qemuSnapRefDisk {
    char *dst;                  /* "vda" */
    virDomainSnapshotLocation location;  /* of this disk in <disks> */
    char *state;                /* S: <domain> disk source, NULL if absent */
    char *overlay;              /* O: <disks> source, NULL if none */
    char *revert;               /* <revertDisks> source, NULL if none */
};

typedef struct _qemuSnapRef qemuSnapRef;
struct _qemuSnapRef {
    char *name;
    char *parent;               /* NULL for a root */
    bool current;
    bool hasDomain;             /* <domain> with disks was recorded */
    char *memory;               /* external memory file, or NULL */
    virDomainSnapshotLocation memoryLocation;
    qemuSnapRefDisk *disks;
    size_t ndisks;
};

typedef struct _qemuSnapGraph qemuSnapGraph;
struct _qemuSnapGraph {
    GHashTable *images;         /* path -> qemuSnapImage *, owned */
    GPtrArray *snaps;           /* qemuSnapRef *, parents before children */
    bool running;
    GHashTable *liveTops;       /* dst -> top path of the live definition */
    GHashTable *configTops;     /* dst -> top path of the persistent one */
    GHashTable *jobs;           /* set of dsts with an active block job */
};

/* Reads one image header: a cache keyed by path and revalidated by
 * dev, inode, size and mtime, so that planning a delete never re-reads
 * every image of every snapshot. */
typedef struct _qemuSnapImageInfo qemuSnapImageInfo;
struct _qemuSnapImageInfo {
    int format;
    char *backing;
    int backingFormat;
    unsigned long long dev;
    unsigned long long ino;
    unsigned long long size;
    long long mtimeNs;
};

qemuSnapGraph *qemuSnapGraphNew(void);
void qemuSnapGraphFree(qemuSnapGraph *g);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuSnapGraph, qemuSnapGraphFree);
qemuSnapGraph *qemuSnapGraphCopy(const qemuSnapGraph *g);

qemuSnapImage *qemuSnapGraphAddImage(qemuSnapGraph *g, const char *path,
                                     int format, const char *backing,
                                     int backingFormat);
qemuSnapImage *qemuSnapGraphLookup(const qemuSnapGraph *g, const char *path);
qemuSnapRef *qemuSnapGraphAddSnapshot(qemuSnapGraph *g, const char *name,
                                      const char *parent, bool current);
qemuSnapRefDisk *qemuSnapRefAddDisk(qemuSnapRef *ref, const char *dst,
                                    virDomainSnapshotLocation location,
                                    const char *state, const char *overlay);
qemuSnapRef *qemuSnapGraphFindSnapshot(const qemuSnapGraph *g,
                                       const char *name);
qemuSnapRefDisk *qemuSnapRefFindDisk(const qemuSnapRef *ref,
                                     const char *dst);
void qemuSnapGraphRemoveSnapshot(qemuSnapGraph *g, const char *name);

int qemuSnapGraphProbe(qemuSnapGraph *g, const char *path, int format);
int qemuSnapImageInfoRead(const char *path, int format,
                          qemuSnapImageInfo *info);
void qemuSnapImageInfoClear(qemuSnapImageInfo *info);
void qemuSnapImageCacheReset(void);
unsigned int qemuSnapImageCacheReads(void);

qemuSnapGraph *qemuSnapGraphNewFromDomain(virDomainSnapshotObjList *snapshots,
                                          const virDomainDef *live,
                                          const virDomainDef *config,
                                          GHashTable *qemuOpen,
                                          GHashTable *jobs,
                                          const char *const *owned);

/* Queries */
GPtrArray *qemuSnapGraphChildren(const qemuSnapGraph *g, const char *path);
GHashTable *qemuSnapGraphRoots(const qemuSnapGraph *g, const char *without);
GHashTable *qemuSnapGraphNeeded(const qemuSnapGraph *g, const char *without);
unsigned int qemuSnapGraphBranches(const qemuSnapGraph *g, const char *path);
bool qemuSnapGraphChainHas(const qemuSnapGraph *g, const char *top,
                           const char *path);
char *qemuSnapGraphChainString(const qemuSnapGraph *g, const char *top);
unsigned int qemuSnapGraphChainData(const qemuSnapGraph *g, const char *top);
bool qemuSnapGraphIsOwned(const qemuSnapGraph *g, const char *path);
