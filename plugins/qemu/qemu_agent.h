/*
 * qemu_agent.h: the QEMU guest agent, as far as snapshots need it
 *
 * Never installed, never included outside plugins/qemu/ and its tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "domain_conf.h"

/* The agent's well-known virtio-serial port name. */
#define QEMU_AGENT_CHANNEL_NAME "org.qemu.guest_agent.0"

typedef struct _qemuAgent qemuAgent;

int qemuAgentFindChannel(const virDomainDef *def);
char *qemuAgentChannelPath(const virDomainChrDef *chr, const char *monitorPath);

/* QEMU's VSERPORT_CHANGE event data ({"id": ALIAS, "open": BOOL}) as
 * the state of the virtio channel with that alias in @def.  Returns 1
 * when the state changed, 0 when it was that already, -1 when no
 * channel has the alias or @data lacks a member. */
int qemuAgentChannelStateChange(virDomainDef *def, struct json_object *data);

qemuAgent *qemuAgentOpen(const char *path, int timeoutMs);
void qemuAgentClose(qemuAgent *agent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuAgent, qemuAgentClose);

int qemuAgentFSFreeze(qemuAgent *agent, int timeoutMs);
int qemuAgentFSThaw(qemuAgent *agent, int timeoutMs);
