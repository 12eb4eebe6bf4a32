/*
 * qemu_snapshot.h: the qemu plugin's snapshot members and the executor
 * of snapshot plans
 *
 * Files: qemu_snapshot_graph.c (image graph), qemu_snapshot_plan.c
 * (steps), qemu_snapshot_store.c (metadata files, intent log),
 * qemu_snapshot_exec.c (qemu-img, definitions and records),
 * qemu_snapshot_qmp.c (the running QEMU's side), qemu_snapshot.c (the
 * driver table members).
 *
 * Never installed, never included outside plugins/qemu/ and its tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "qemu_snapshot_plan.h"
#include "qemu_snapshot_store.h"

struct _qemuDriver;
struct _virDomainObj;

/* What the executor of one plan works on.  Guarded by @vm's lock, which
 * the caller holds for the whole plan. */
typedef struct _qemuSnapExecCtx qemuSnapExecCtx;
struct _qemuSnapExecCtx {
    struct _qemuDriver *driver;         /* NULL in offline unit tests */
    struct _virDomainObj *vm;           /* NULL in offline unit tests */
    const char *snapshotDir;
    const char *domain;
    /* META_ADD: the record to add, taken over by the step */
    virDomainSnapshotDef *newDef;
    /* QMP_OVERLAY_ADD -> QMP_TRANSACTION: per new overlay path, the
     * node index given to it (GUINT_TO_POINTER) and its disk */
    GHashTable *overlayIds;
    GPtrArray *pending;                 /* paths added, not yet switched */
};

int qemuSnapExecImage(const qemuSnapStep *step, bool replay);
int qemuSnapExecStep(const qemuSnapStep *step, bool replay, void *opaque);
void qemuSnapExecUndo(const qemuSnapStep *step, void *opaque);
gpointer qemuSnapExecStart(const qemuSnapStep *step, void *opaque);
int qemuSnapExecFinish(gpointer token, void *opaque);
void qemuSnapExecCtxClear(qemuSnapExecCtx *ctx);

virDomainDiskDef *qemuSnapDiskByDst(const virDomainDef *def, const char *dst);
int qemuSnapReplaceInChain(virStorageSource **top, const char *from,
                           const char *to, int toFormat);
void qemuSnapPushOnChain(virStorageSource **top, const char *image,
                         const char *base, unsigned int id);

/* qemu_snapshot_qmp.c */
int qemuSnapExecQmp(qemuSnapExecCtx *ctx, const qemuSnapStep *step,
                    bool replay);
void qemuSnapUndoQmp(qemuSnapExecCtx *ctx, const qemuSnapStep *step);
unsigned int qemuSnapNextNodeId(const virDomainDef *def);
int qemuSnapQmpLearnJobs(struct _virDomainObj *vm);

/* qemu_snapshot.c: the driver's start, and the hypervisor table members */
int qemuSnapshotLoadDomain(struct _qemuDriver *driver,
                           struct _virDomainObj *vm);

virDomainSnapshotPtr qemuDomainSnapshotCreateXML(virDomainPtr domain,
                                                 const char *xmlDesc,
                                                 unsigned int flags);
int qemuDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int qemuDomainSnapshotListNames(virDomainPtr domain, char **names,
                                int nameslen, unsigned int flags);
int qemuDomainListAllSnapshots(virDomainPtr domain,
                               virDomainSnapshotPtr **snaps,
                               unsigned int flags);
int qemuDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);
int qemuDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                        char **names, int nameslen,
                                        unsigned int flags);
int qemuDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                      virDomainSnapshotPtr **snaps,
                                      unsigned int flags);
virDomainSnapshotPtr qemuDomainSnapshotLookupByName(virDomainPtr domain,
                                                    const char *name,
                                                    unsigned int flags);
int qemuDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr qemuDomainSnapshotGetParent(virDomainSnapshotPtr snapshot,
                                                 unsigned int flags);
virDomainSnapshotPtr qemuDomainSnapshotCurrent(virDomainPtr domain,
                                               unsigned int flags);
char *qemuDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot,
                                   unsigned int flags);
int qemuDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot,
                                unsigned int flags);
int qemuDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);
int qemuDomainRevertToSnapshot(virDomainSnapshotPtr snapshot,
                               unsigned int flags);
int qemuDomainSnapshotDelete(virDomainSnapshotPtr snapshot,
                             unsigned int flags);
