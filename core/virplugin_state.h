/*
 * virplugin_state.h: what a daemon asks the plugin loader
 *
 * A daemon loads every installed plugin at start and initialises each
 * state driver once; its admin interface lists the plugins with what
 * became of them.  These calls are exported from libvirt.so.0 under the
 * VIRTPLUG_DAEMON_1.0 node, for virtplugd and embedding processes, not
 * for plugins.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdbool.h>

#include <glib.h>

#include "virenum.h"

typedef enum {
    VIR_PLUGIN_STATUS_REFUSED = 0,      /* the loader refused the file */
    VIR_PLUGIN_STATUS_LOADED,           /* checked; drivers not registered */
    VIR_PLUGIN_STATUS_REGISTERED,       /* drivers registered, no state */
    VIR_PLUGIN_STATUS_ACTIVE,           /* state driver initialised */
    VIR_PLUGIN_STATUS_FAILED,           /* registering or state init failed */

    VIR_PLUGIN_STATUS_LAST
} virPluginStatusState;

/* A snapshot of one plugin file, owned by the caller. */
typedef struct _virPluginStatus virPluginStatus;
struct _virPluginStatus {
    char *path;
    char *name;                         /* the file name without ".so"
                                         * when refused */
    char *version;                      /* "" when refused */
    unsigned int abiMajor;              /* 0 when refused */
    unsigned int abiMinor;
    char **schemes;                     /* NULL-terminated; empty when
                                         * refused */
    unsigned int kinds;                 /* VIRTPLUG_KIND_* */
    virPluginStatusState state;
    char *reason;                       /* REFUSED, FAILED: why; else NULL */
};

void virPluginStatusFree(virPluginStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virPluginStatus, virPluginStatusFree);

VIR_ENUM_DECL(virPluginStatusState);

GPtrArray *virPluginStatusList(void);

int virPluginStateInitialize(bool privileged);
void virPluginStateCleanup(void);
