/*
 * virsh-snapshot.h: what the files of the Snapshot group share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "virsh.h"

/* virsh-snapshot.c */
int virshLookupSnapshot(vshControl *ctl, const vshCmd *cmd, const char *arg,
                        virDomainPtr dom, virDomainSnapshotPtr *snap,
                        const char **name);
int virshGetSnapshotParent(virDomainSnapshotPtr snap, char **parent);

/* virsh-snapshot-list.c */
extern const vshCmdOptDef virshOptsSnapshotList[];
bool virshCmdSnapshotList(vshControl *ctl, const vshCmd *cmd);
