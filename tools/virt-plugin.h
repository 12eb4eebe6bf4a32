/*
 * virt-plugin.h: what virt-plugin knows about one plugin file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/* The dynamic section and symbols of an ELF file, read without loading
 * it (virt-plugin-elf.c). */
typedef struct _virtPluginElf virtPluginElf;
struct _virtPluginElf {
    bool executable;        /* has a program interpreter: a PIE program */
    bool haveSymbols;       /* the dynamic symbol table could be read */
    GStrv exported;         /* defined global symbols, in table order */
    GStrv needed;           /* DT_NEEDED entries */
};

void virtPluginElfFree(virtPluginElf *elf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtPluginElf, virtPluginElfFree);
virtPluginElf *virtPluginElfRead(const char *path, char **reason);

/* Why a file is not a plugin this core would load. */
typedef enum {
    VIRT_PLUGIN_REFUSE_UNREADABLE,
    VIRT_PLUGIN_REFUSE_NOT_SHARED_OBJECT,
    VIRT_PLUGIN_REFUSE_NO_DESCRIPTOR,
    VIRT_PLUGIN_REFUSE_LOAD_FAILED,
    VIRT_PLUGIN_REFUSE_ABI_MISMATCH,
    VIRT_PLUGIN_REFUSE_BAD_SIZE,
    VIRT_PLUGIN_REFUSE_EMPTY_FIELD,

    VIRT_PLUGIN_REFUSE_LAST
} virtPluginRefusal;

/* Everything virt-plugin found out about one file; the descriptor's
 * strings are copies, valid after the module is closed. */
typedef struct _virtPluginInfo virtPluginInfo;
struct _virtPluginInfo {
    char *path;
    char *refusal;              /* why the core would not load it, or NULL */
    GPtrArray *warnings;        /* plugin rules it breaks, of char * */
    GStrv needed;               /* shared objects it links, may be NULL */

    /* The descriptor, when it could be read. */
    bool haveDescriptor;
    unsigned int abiMajor;
    unsigned int abiMinor;
    size_t size;
    char *name;
    char *version;
    char *license;
    char *description;
    char *origin;
    GStrv uriSchemes;
    unsigned int kinds;
};

void virtPluginInfoFree(virtPluginInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtPluginInfo, virtPluginInfoFree);
virtPluginInfo *virtPluginInspect(const char *path, const char *const *dirs);
char *virtPluginKindsToString(unsigned int kinds);
