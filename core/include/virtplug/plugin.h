/*
 * virtplug/plugin.h: the descriptor every virtplug plugin exports
 *
 * A plugin is one shared object that exports exactly one symbol, the
 * constant descriptor `virtplug_plugin_descriptor`, written with
 * VIRTPLUG_PLUGIN_DEFINE().  The core reads and checks the descriptor
 * before it runs any code of the plugin, then calls registerFunc, which
 * hands the core the plugin's driver tables.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_PLUGIN_H
#define VIRTPLUG_PLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The plugin ABI.  A plugin built for MAJOR.MINOR loads on a core with the
 * same MAJOR and the same or a newer MINOR; docs/plugin-abi.md says what
 * may change in a minor release (tables grow at their end only). */
#define VIRTPLUG_ABI_MAJOR 1
#define VIRTPLUG_ABI_MINOR 0

/* The symbol the loader looks up in every plugin file. */
#define VIRTPLUG_PLUGIN_SYMBOL "virtplug_plugin_descriptor"

/* What a plugin provides; a descriptor sets one or more. */
typedef enum {
    VIRTPLUG_KIND_HYPERVISOR = 1 << 0,
    VIRTPLUG_KIND_NETWORK = 1 << 1,
    VIRTPLUG_KIND_STORAGE = 1 << 2,
    VIRTPLUG_KIND_SECRET = 1 << 3,
    VIRTPLUG_KIND_NODEDEV = 1 << 4,
    VIRTPLUG_KIND_INTERFACE = 1 << 5,
    VIRTPLUG_KIND_NWFILTER = 1 << 6,
    VIRTPLUG_KIND_STATE = 1 << 7,
    /* The plugin serves URIs with a transport or a host (qemu+ssh://h/)
     * for every scheme: the remote client. */
    VIRTPLUG_KIND_REMOTE = 1 << 8,
} virtplugKind;

typedef struct _virtplugRegistry virtplugRegistry;

/* Called once, when the core first needs the plugin.  Register the
 * plugin's tables with virtplugRegisterConnectDriver() (and, for a plugin
 * with daemon-wide state, virtplugRegisterStateDriver()).  Return 0, or -1
 * after reporting an error. */
typedef int (*virtplugRegisterFunc)(virtplugRegistry *registry);

typedef struct _virtplugPluginDesc virtplugPluginDesc;
struct _virtplugPluginDesc {
    /* Filled by VIRTPLUG_PLUGIN_DEFINE(); the core checks them first. */
    unsigned int abiMajor;
    unsigned int abiMinor;
    size_t size;                    /* sizeof(virtplugPluginDesc) built for */

    const char *name;               /* "test"; the file is NAME.so */
    const char *version;            /* the plugin's own version */
    const char *license;            /* SPDX identifier */
    const char *description;        /* one line */
    const char *origin;             /* where it comes from, a URL */
    const char *const *uriSchemes;  /* NULL-terminated: { "test", NULL } */
    unsigned int kinds;             /* virtplugKind bits */
    virtplugRegisterFunc registerFunc;
    /* New members go here, at the end only; the core reads a member only
     * when size says the plugin was built with it. */
};

#if defined(__GNUC__)
# define VIRTPLUG_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
# define VIRTPLUG_PLUGIN_EXPORT
#endif

/* Define this plugin's descriptor from designated initializers:
 *
 *   VIRTPLUG_PLUGIN_DEFINE(
 *       .name = "test",
 *       .version = "1.0",
 *       ...
 *       .registerFunc = testPluginRegister,
 *   );
 *
 * The ABI numbers and size are filled in from this header. */
#define VIRTPLUG_PLUGIN_DEFINE(...) \
    VIRTPLUG_PLUGIN_EXPORT extern const virtplugPluginDesc \
        virtplug_plugin_descriptor; \
    const virtplugPluginDesc virtplug_plugin_descriptor = { \
        .abiMajor = VIRTPLUG_ABI_MAJOR, \
        .abiMinor = VIRTPLUG_ABI_MINOR, \
        .size = sizeof(virtplugPluginDesc), \
        __VA_ARGS__ \
    }

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_PLUGIN_H */
