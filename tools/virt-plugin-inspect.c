/*
 * virt-plugin-inspect.c: decide whether a file is a plugin this core
 * loads, and what it declares
 *
 * The checks are the loader's (see virtplug/plugin.h): a shared object
 * exporting the descriptor symbol, built for the same ABI major and a
 * minor not newer than ours, with a descriptor size that minor allows
 * and every required field filled.  A file is opened with dlopen() only
 * once its symbol table shows the descriptor, so no code of a file that
 * is not a plugin is ever run.  Breaches of the plugin rules that do not
 * stop loading (other exported symbols, linking another plugin) are
 * warnings.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include <gmodule.h>

#include <virtplug/plugin.h>

#include "virt-plugin.h"

/* The descriptor of ABI x.0 ends with registerFunc; a descriptor must
 * hold at least that much. */
#define VIRT_PLUGIN_DESC_MIN_SIZE \
    (offsetof(virtplugPluginDesc, registerFunc) + sizeof(virtplugRegisterFunc))

/* More schemes than this is a descriptor gone wrong. */
#define VIRT_PLUGIN_MAX_SCHEMES 64

/* One sentence per refusal, completed with the details of the case. */
static const char *const virtPluginRefusalFormats[VIRT_PLUGIN_REFUSE_LAST] = {
    [VIRT_PLUGIN_REFUSE_UNREADABLE] = "%s",
    [VIRT_PLUGIN_REFUSE_NOT_SHARED_OBJECT] = "not a shared object (%s)",
    [VIRT_PLUGIN_REFUSE_NO_DESCRIPTOR] = "not a virtplug plugin (no symbol '%s')",
    [VIRT_PLUGIN_REFUSE_LOAD_FAILED] = "cannot be loaded: %s",
    [VIRT_PLUGIN_REFUSE_ABI_MISMATCH] = "built for plugin ABI %u.%u; this core has %u.%u",
    [VIRT_PLUGIN_REFUSE_BAD_SIZE] = "descriptor of %zu bytes does not fit plugin ABI %u.%u (%zu to %zu bytes)",
    [VIRT_PLUGIN_REFUSE_EMPTY_FIELD] = "required descriptor field '%s' is empty",
};

static void
virtPluginRefuse(virtPluginInfo *info, virtPluginRefusal why, ...)
{
    va_list ap;

    va_start(ap, why);
    info->refusal = g_strdup_vprintf(virtPluginRefusalFormats[why], ap);
    va_end(ap);
}

static void G_GNUC_PRINTF(2, 3)
virtPluginWarn(virtPluginInfo *info, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    g_ptr_array_add(info->warnings, g_strdup_vprintf(format, ap));
    va_end(ap);
}

/**
 * virtPluginInfoFree:
 * @info: the result of virtPluginInspect, or NULL
 */
void
virtPluginInfoFree(virtPluginInfo *info)
{
    if (!info)
        return;
    g_free(info->path);
    g_free(info->refusal);
    g_ptr_array_unref(info->warnings);
    g_strfreev(info->needed);
    g_free(info->name);
    g_free(info->version);
    g_free(info->license);
    g_free(info->description);
    g_free(info->origin);
    g_strfreev(info->uriSchemes);
    g_free(info);
}

static const char *const virtPluginKindNames[] = {
    "hypervisor", "network", "storage", "secret", "nodedev", "interface",
    "nwfilter", "state", "remote",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtPluginKindNames) == 9);

/**
 * virtPluginKindsToString:
 * @kinds: virtplugKind bits
 *
 * Returns the kinds as words separated by blanks, unknown bits in hex
 * (the caller frees it).
 */
char *
virtPluginKindsToString(unsigned int kinds)
{
    g_autoptr(GString) out = g_string_new(NULL);
    unsigned int unknown = kinds;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virtPluginKindNames); i++) {
        if (!(kinds & (1u << i)))
            continue;
        unknown &= ~(1u << i);
        g_string_append_printf(out, "%s%s", out->len ? " " : "",
                               virtPluginKindNames[i]);
    }
    if (unknown)
        g_string_append_printf(out, "%s0x%x", out->len ? " " : "", unknown);
    if (!out->len)
        g_string_append(out, "none");
    return g_string_free(g_steal_pointer(&out), FALSE);
}

static bool
virtPluginStringEmpty(const char *s)
{
    return !s || !*s;
}

/* Copy the descriptor out of the loaded module, refusing it when the
 * loader would. */
static void
virtPluginReadDescriptor(virtPluginInfo *info, const virtplugPluginDesc *desc)
{
    g_autoptr(GPtrArray) schemes = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    info->haveDescriptor = true;
    info->abiMajor = desc->abiMajor;
    info->abiMinor = desc->abiMinor;
    if (desc->abiMajor != VIRTPLUG_ABI_MAJOR || desc->abiMinor > VIRTPLUG_ABI_MINOR) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_ABI_MISMATCH,
                         desc->abiMajor, desc->abiMinor,
                         VIRTPLUG_ABI_MAJOR, VIRTPLUG_ABI_MINOR);
        return;
    }

    /* A plugin of an older minor may have a shorter descriptor, never a
     * longer one than ours. */
    info->size = desc->size;
    if (desc->size < VIRT_PLUGIN_DESC_MIN_SIZE || desc->size > sizeof(*desc)) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_BAD_SIZE, desc->size,
                         desc->abiMajor, desc->abiMinor,
                         (size_t)VIRT_PLUGIN_DESC_MIN_SIZE, sizeof(*desc));
        return;
    }

    info->name = g_strdup(desc->name);
    info->version = g_strdup(desc->version);
    info->license = g_strdup(desc->license);
    info->description = g_strdup(desc->description);
    info->origin = g_strdup(desc->origin);
    info->kinds = desc->kinds;
    for (i = 0; desc->uriSchemes && desc->uriSchemes[i] &&
         i < VIRT_PLUGIN_MAX_SCHEMES; i++)
        g_ptr_array_add(schemes, g_strdup(desc->uriSchemes[i]));
    g_ptr_array_add(schemes, NULL);
    g_ptr_array_set_free_func(schemes, NULL);
    info->uriSchemes = (GStrv)g_ptr_array_free(g_steal_pointer(&schemes), FALSE);

    if (virtPluginStringEmpty(desc->name))
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "name");
    else if (virtPluginStringEmpty(desc->version))
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "version");
    else if (virtPluginStringEmpty(desc->license))
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "license");
    else if (virtPluginStringEmpty(desc->description))
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "description");
    else if (!info->uriSchemes[0] || !*info->uriSchemes[0])
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "uriSchemes");
    else if (!desc->registerFunc)
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_EMPTY_FIELD, "registerFunc");
}

/* Open the module and read its descriptor.  The module is closed again:
 * nothing of it is called. */
static void
virtPluginLoad(virtPluginInfo *info)
{
    GModule *module;
    gpointer symbol = NULL;

    module = g_module_open(info->path, G_MODULE_BIND_LOCAL | G_MODULE_BIND_LAZY);
    if (!module) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_LOAD_FAILED, g_module_error());
        return;
    }
    if (!g_module_symbol(module, VIRTPLUG_PLUGIN_SYMBOL, &symbol) || !symbol)
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_NO_DESCRIPTOR, VIRTPLUG_PLUGIN_SYMBOL);
    else
        virtPluginReadDescriptor(info, symbol);
    g_module_close(module);
}

/* Whether @lib, a DT_NEEDED entry of @info, is itself a plugin: a file
 * of that name in a plugin directory (or beside the file) whose symbol
 * table has the descriptor. */
static bool
virtPluginNeedsPlugin(virtPluginInfo *info, const char *lib,
                      const char *const *dirs, char **where)
{
    g_autofree char *own = g_path_get_dirname(info->path);
    g_autoptr(GPtrArray) search = g_ptr_array_new();
    size_t i;

    for (i = 0; dirs && dirs[i]; i++)
        g_ptr_array_add(search, (gpointer)dirs[i]);
    g_ptr_array_add(search, own);

    for (i = 0; i < search->len; i++) {
        g_autofree char *candidate = g_build_filename(g_ptr_array_index(search, i),
                                                      lib, NULL);
        g_autoptr(virtPluginElf) elf = NULL;
        g_autofree char *reason = NULL;

        if (g_file_test(candidate, G_FILE_TEST_IS_REGULAR) &&
            (elf = virtPluginElfRead(candidate, &reason)) &&
            g_strv_contains((const char *const *)elf->exported, VIRTPLUG_PLUGIN_SYMBOL)) {
            *where = g_steal_pointer(&candidate);
            return true;
        }
    }
    return false;
}

static void
virtPluginCheckRules(virtPluginInfo *info, const virtPluginElf *elf,
                     const char *const *dirs)
{
    g_autoptr(GString) others = g_string_new(NULL);
    g_autofree char *base = g_path_get_basename(info->path);
    size_t i;

    for (i = 0; elf->exported[i]; i++) {
        if (strcmp(elf->exported[i], VIRTPLUG_PLUGIN_SYMBOL) != 0)
            g_string_append_printf(others, "%s%s", others->len ? ", " : "",
                                   elf->exported[i]);
    }
    if (others->len)
        virtPluginWarn(info, "exports symbols other than '%s': %s",
                       VIRTPLUG_PLUGIN_SYMBOL, others->str);

    for (i = 0; elf->needed[i]; i++) {
        g_autofree char *where = NULL;

        if (virtPluginNeedsPlugin(info, elf->needed[i], dirs, &where))
            virtPluginWarn(info, "links another plugin: %s (%s)",
                           elf->needed[i], where);
    }

    if (info->haveDescriptor && !info->refusal && !info->kinds)
        virtPluginWarn(info, "%s", "declares no kinds (hypervisor, network ...)");

    if (info->name && !info->refusal) {
        g_autofree char *expected = g_strdup_printf("%s.so", info->name);

        if (strcmp(base, expected) != 0)
            virtPluginWarn(info, "file name '%s' does not match plugin name '%s' (expected '%s')",
                           base, info->name, expected);
    }
}

/**
 * virtPluginInspect:
 * @path: a file
 * @dirs: the plugin directories, NULL-terminated, for finding plugins
 *        that @path links (its own directory is searched when NULL)
 *
 * Runs every check of the loader on @path, and the plugin rules.
 *
 * Returns the findings (the caller frees them); info->refusal is NULL
 * for a file the core would load.
 */
virtPluginInfo *
virtPluginInspect(const char *path, const char *const *dirs)
{
    virtPluginInfo *info = g_new0(virtPluginInfo, 1);
    g_autoptr(virtPluginElf) elf = NULL;
    g_autofree char *reason = NULL;

    info->path = g_strdup(path);
    info->warnings = g_ptr_array_new_with_free_func(g_free);

    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_UNREADABLE, "no such file");
        return info;
    }
    if (!(elf = virtPluginElfRead(path, &reason))) {
        if (g_str_has_prefix(reason, "cannot read"))
            virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_UNREADABLE, reason);
        else
            virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_NOT_SHARED_OBJECT, reason);
        return info;
    }
    info->needed = g_strdupv(elf->needed);

    if (elf->executable) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_NOT_SHARED_OBJECT, "an executable");
        return info;
    }
    /* Without a symbol table (a stripped section header) only loading it
     * can tell. */
    if (elf->haveSymbols &&
        !g_strv_contains((const char *const *)elf->exported, VIRTPLUG_PLUGIN_SYMBOL)) {
        virtPluginRefuse(info, VIRT_PLUGIN_REFUSE_NO_DESCRIPTOR, VIRTPLUG_PLUGIN_SYMBOL);
        return info;
    }

    virtPluginLoad(info);
    virtPluginCheckRules(info, elf, dirs);
    return info;
}
