/*
 * qemu_snapshot_plan.h: planning external snapshot delete, revert and
 * create as ordered steps, without side effects
 *
 * A plan is computed on a copy of the image graph and checked whole
 * before its first step runs: every refusal comes before any change.
 * The order of the steps is the crash-safety argument:
 *
 *  1. data moves (commit, rebase) that leave every existing chain
 *     reading what it read before, except the state being deleted;
 *  2. definition and metadata rewrites, which only rename images whose
 *     contents are now equal;
 *  3. removal of the snapshot's record;
 *  4. unlinks of what nothing needs any more.
 *
 * So a plan cut short after any step is finished by running the rest
 * (roll forward), and one cut short before its first data move is
 * simply dropped.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "qemu_snapshot_graph.h"

typedef enum {
    QEMU_SNAP_STEP_IMG_COMMIT = 0,      /* qemu-img commit -d -b BASE IMAGE */
    QEMU_SNAP_STEP_IMG_REBASE_UNSAFE,   /* qemu-img rebase -u -F FMT -b BASE IMAGE */
    QEMU_SNAP_STEP_IMG_REBASE,          /* qemu-img rebase -F FMT -b BASE IMAGE */
    QEMU_SNAP_STEP_IMG_CREATE,          /* qemu-img create -f qcow2 -b BASE -F FMT IMAGE */
    QEMU_SNAP_STEP_QMP_COMMIT,          /* block-commit IMAGE into BASE, then
                                         * job-complete (active) or
                                         * job-finalize, then job-dismiss */
    QEMU_SNAP_STEP_QMP_STREAM,          /* block-stream into IMAGE down to BASE,
                                         * then job-dismiss */
    QEMU_SNAP_STEP_QMP_BLOCKDEV_DEL,    /* blockdev-del IMAGE's format, storage */
    QEMU_SNAP_STEP_QMP_OVERLAY_ADD,     /* blockdev-add file, blockdev-create
                                         * qcow2 on BASE (unless reuse),
                                         * job-dismiss, blockdev-add qcow2
                                         * backing:null for IMAGE */
    QEMU_SNAP_STEP_QMP_TRANSACTION,     /* one transaction of blockdev-snapshot
                                         * for every OVERLAY_ADD before it */
    QEMU_SNAP_STEP_DOMAIN_REPLACE,      /* definition chain: IMAGE -> BASE */
    QEMU_SNAP_STEP_DOMAIN_PUSH,         /* definition: IMAGE on top of BASE */
    QEMU_SNAP_STEP_META_REPLACE,        /* SNAPSHOT's record: IMAGE -> BASE */
    QEMU_SNAP_STEP_META_REMOVE,         /* drop SNAPSHOT's record, reparent */
    QEMU_SNAP_STEP_META_ADD,            /* write SNAPSHOT's record */
    QEMU_SNAP_STEP_META_CURRENT,        /* make SNAPSHOT current */
    QEMU_SNAP_STEP_UNLINK,              /* unlink IMAGE */

    QEMU_SNAP_STEP_LAST
} qemuSnapStepType;

/* Which record a META_REPLACE rewrites. */
typedef enum {
    QEMU_SNAP_FIELD_STATE = 0,          /* <domain>, <inactiveDomain> chains */
    QEMU_SNAP_FIELD_OVERLAY,            /* <disks> source */
    QEMU_SNAP_FIELD_REVERT,             /* <revertDisks> source; IMAGE or
                                         * BASE NULL: none */

    QEMU_SNAP_FIELD_LAST
} qemuSnapField;

typedef struct _qemuSnapStep qemuSnapStep;
struct _qemuSnapStep {
    qemuSnapStepType type;
    char *disk;                 /* target, "vda"; NULL for whole-snapshot steps */
    char *image;                /* the image acted on (see the types) */
    char *base;                 /* the other image, or NULL */
    int baseFormat;             /* virStorageFileFormat of @base */
    char *snapshot;             /* META_*: the record */
    qemuSnapField field;        /* META_REPLACE */
    bool active;                /* QMP_COMMIT: @image is the active layer */
    bool config;                /* DOMAIN_*: persistent, not live */
    bool reuse;                 /* QMP_OVERLAY_ADD: file exists already */
};

typedef struct _qemuSnapPlan qemuSnapPlan;
struct _qemuSnapPlan {
    GPtrArray *steps;           /* qemuSnapStep * */
};

/* Flags of qemuSnapPlanDelete: libvirt's public values. */
#define QEMU_SNAP_DELETE_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | \
     VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY | \
     VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)

#define QEMU_SNAP_REVERT_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | \
     VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED | \
     VIR_DOMAIN_SNAPSHOT_REVERT_FORCE)

/* One disk request of a create. */
typedef struct _qemuSnapDiskSpec qemuSnapDiskSpec;
struct _qemuSnapDiskSpec {
    const char *dst;
    virDomainSnapshotLocation location;
    const char *file;           /* NULL: the default name */
};

qemuSnapPlan *qemuSnapPlanNew(void);
void qemuSnapPlanFree(qemuSnapPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuSnapPlan, qemuSnapPlanFree);

qemuSnapStep *qemuSnapPlanAdd(qemuSnapPlan *plan, qemuSnapStepType type,
                              const char *disk, const char *image,
                              const char *base);
void qemuSnapStepFree(qemuSnapStep *step);
char *qemuSnapStepFormat(const qemuSnapStep *step);
char *qemuSnapPlanSerialize(const qemuSnapPlan *plan);
qemuSnapPlan *qemuSnapPlanParse(const char *text);

int qemuSnapGraphApplyStep(qemuSnapGraph *g, const qemuSnapStep *step);

int qemuSnapPlanDelete(const qemuSnapGraph *g, const char *name,
                       unsigned int flags, qemuSnapPlan **plan,
                       qemuSnapGraph **result);
int qemuSnapPlanRevert(const qemuSnapGraph *g, const char *name,
                       unsigned int flags, long long now,
                       qemuSnapPlan **plan, qemuSnapGraph **result);
char *qemuSnapDefaultOverlayName(const char *path, const char *snapname);
int qemuSnapPlanCreate(const qemuSnapGraph *g, const char *name,
                       const qemuSnapDiskSpec *specs, size_t nspecs,
                       bool reuse, qemuSnapPlan **plan,
                       qemuSnapGraph **result);
