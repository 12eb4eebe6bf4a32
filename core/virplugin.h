/*
 * virplugin.h: finding, checking and loading plugins
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gmodule.h>

#include "internal.h"

#include <virtplug/driver.h>

typedef struct _virPlugin virPlugin;

/* One plugin file the loader has looked at.  Plugins are never unloaded:
 * drivers may have threads and callbacks in flight (GStreamer and libvirt
 * keep their modules resident for the same reason). */
struct _virPlugin {
    char *path;
    GModule *module;                        /* NULL when refused */
    const virtplugPluginDesc *desc;         /* NULL when refused */
    char *refusal;                          /* why it cannot be used */
    bool registered;                        /* registerFunc has run */
    char *failure;                          /* why registering or the state
                                             * driver failed, NULL if not */
    virDrvStateInitResult stateResult;      /* valid once stateTried */
    bool stateTried;                        /* stateInitialize has run */

    /* Full-size copies of the tables registerFunc handed over. */
    virConnectDriver *connectDriver;
    virHypervisorDriver *hypervisorDriver;
    virNetworkDriver *networkDriver;
    virStorageDriver *storageDriver;
    virSecretDriver *secretDriver;
    virNodeDeviceDriver *nodeDeviceDriver;
    virInterfaceDriver *interfaceDriver;
    virNWFilterDriver *nwfilterDriver;
    virQemuDriver *qemuDriver;
    virStateDriver *stateDriver;
};

/* The directories searched, in order: VIRTPLUG_PLUGIN_DIR (colon
 * separated) if set, else the installed plugin directory.  NULL-terminated,
 * owned by the loader. */
const char *const *virPluginSearchPath(void);

/* The search path joined with ':' for messages; caller frees. */
char *virPluginSearchPathString(void);

/* Open @path and check its descriptor without running any of its code.
 * Always returns a plugin; ->refusal says why it cannot be used, if so.
 * The result is cached by path. */
virPlugin *virPluginOpen(const char *path);

/* Every plugin file in the search path (*.so), checked, sorted by path
 * within each directory.  The array and its plugins belong to the loader. */
GPtrArray *virPluginScanAll(void);

/* The usable plugin that declares @scheme, or NULL (no error set).  When
 * a refused plugin declares it, *@refused is set to it. */
virPlugin *virPluginFindForScheme(const char *scheme, virPlugin **refused);

/* The usable plugin of kind VIRTPLUG_KIND_REMOTE, or NULL. */
virPlugin *virPluginFindRemote(void);

/* Run the plugin's register function once.  Returns 0, or -1 with an
 * error naming the plugin file. */
int virPluginEnsureRegistered(virPlugin *plugin);

/* Forget every cached plugin file so the next lookup scans again, for a
 * plugin installed while the process runs (loaded ones stay loaded). */
void virPluginRescan(void);

/* Rescan when a plugin directory changed since the last scan (a stat of
 * each directory, nothing more when none did).  Returns true if it
 * rescanned.  Files already opened are not opened again. */
bool virPluginRescanIfChanged(void);

#include "virplugin_state.h"

