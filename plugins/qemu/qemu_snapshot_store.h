/*
 * qemu_snapshot_store.h: snapshot metadata on disk, and the intent log
 * that makes multi-step snapshot operations crash-safe
 *
 * Layout, as libvirt's: SNAPDIR/DOMAIN/NAME.xml, one file per snapshot
 * (mode 0600), the current one carrying <active>1</active>.  Beside
 * them, files whose names cannot be snapshot names (they start with a
 * dot): ".intent", the plan being run and how far it got, and
 * ".images", the images we created outside any <disks> (revert
 * overlays) and the size and mtime recorded for read-only images.
 *
 * Never installed, never included outside plugins/qemu/ and its tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "snapshot_conf.h"
#include "virdomainsnapshotobjlist.h"
#include "qemu_snapshot_plan.h"

/* The environment switch of fault tests: "N" or "STEP_N" makes the
 * process _exit(QEMU_SNAP_FAULT_EXIT) right after step N of a plan is
 * done and recorded (0: after the intent is first written). */
#define QEMU_SNAP_FAULT_ENV "VIRTPLUG_QEMU_SNAPSHOT_FAULT"
#define QEMU_SNAP_FAULT_EXIT 99

char *qemuSnapshotStoreDomainDir(const char *snapshotDir, const char *domain);
int qemuSnapshotStoreWrite(const char *snapshotDir, const char *domain,
                           const virDomainSnapshotDef *def);
int qemuSnapshotStoreDelete(const char *snapshotDir, const char *domain,
                            const char *name);
int qemuSnapshotStoreLoad(const char *snapshotDir, const char *domain,
                          virDomainSnapshotObjList *snapshots);
int qemuSnapshotStoreDeleteAll(const char *snapshotDir, const char *domain);

/* The record a create plan adds, kept beside the intent so that a
 * replayed META_ADD finds it after a crash. */
int qemuSnapshotStoreWritePending(const char *snapshotDir, const char *domain,
                                  const virDomainSnapshotDef *def);
virDomainSnapshotDef *qemuSnapshotStoreReadPending(const char *snapshotDir,
                                                   const char *domain);
int qemuSnapshotStoreRemovePending(const char *snapshotDir, const char *domain);

/* The images file */
typedef struct _qemuSnapStamp qemuSnapStamp;
struct _qemuSnapStamp {
    unsigned long long size;
    long long mtimeNs;
};

int qemuSnapshotStoreLoadImages(const char *snapshotDir, const char *domain,
                                GPtrArray **owned, GHashTable **stamps);
int qemuSnapshotStoreSaveImages(const char *snapshotDir, const char *domain,
                                GPtrArray *owned, GHashTable *stamps);

/* Running plans */
typedef struct _qemuSnapExecutor qemuSnapExecutor;
struct _qemuSnapExecutor {
    /* Do @step; with @replay it may have been done, wholly or partly,
     * before a crash and must then be finished, not failed.  0 or -1
     * with an error. */
    int (*run)(const qemuSnapStep *step, bool replay, void *opaque);
    /* Undo a step before the plan's commit point (remove an image it
     * created).  Best effort; may be NULL. */
    void (*undo)(const qemuSnapStep *step, void *opaque);
    /* Optional: begin @step in the background, to run beside the steps
     * before it that touch none of its images; a token for @finish, or
     * NULL to run it in turn.  Only steps that replay harmlessly. */
    gpointer (*start)(const qemuSnapStep *step, void *opaque);
    /* Wait for a started step: 0 or -1 with an error. */
    int (*finish)(gpointer token, void *opaque);
    void *opaque;
};

size_t qemuSnapPlanCommitPoint(const qemuSnapPlan *plan);
int qemuSnapshotStoreRunPlan(const char *snapshotDir, const char *domain,
                             const char *op, const char *name,
                             const qemuSnapPlan *plan,
                             const qemuSnapExecutor *ex);
bool qemuSnapshotStoreIntentPending(const char *snapshotDir,
                                    const char *domain);
int qemuSnapshotStoreRecover(const char *snapshotDir, const char *domain,
                             const qemuSnapExecutor *ex);
