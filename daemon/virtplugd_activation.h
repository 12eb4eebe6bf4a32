/*
 * virtplugd_activation.h: listening sockets handed over by systemd
 *
 * systemd's socket activation passes listening sockets as file
 * descriptors 3, 4, ... and says so in LISTEN_PID (the process they are
 * meant for), LISTEN_FDS (how many) and LISTEN_FDNAMES (their names,
 * colon separated, FileDescriptorName= or the socket unit's name).  The
 * protocol is read directly: no libsystemd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef struct _virtplugdActivation virtplugdActivation;

virtplugdActivation *virtplugdActivationNew(void);
void virtplugdActivationFree(virtplugdActivation *act);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtplugdActivation, virtplugdActivationFree);

int virtplugdActivationTake(virtplugdActivation *act,
                            const char *name,
                            const char *unixPath);
size_t virtplugdActivationRemaining(virtplugdActivation *act);
