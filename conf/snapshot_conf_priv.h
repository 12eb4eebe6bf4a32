/*
 * snapshot_conf_priv.h: hooks of the snapshot model for its tests; not API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#ifndef VIR_SNAPSHOT_CONF_PRIV_H_ALLOW
# error "snapshot_conf_priv.h is private to the snapshot model and its tests"
#endif

#include "snapshot_conf.h"

/* Seconds since the epoch, as used for a new snapshot's creationTime
 * and default name. */
typedef long long (*virDomainSnapshotClockFunc)(void);

/* Replace the clock (NULL restores the real one), so that tests get
 * reproducible names and times. */
void virDomainSnapshotSetClock(virDomainSnapshotClockFunc now);
