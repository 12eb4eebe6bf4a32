/*
 * virt-plugin.c: list the plugins the core would load, and check one
 * file the way the loader does
 *
 *   virt-plugin list        every *.so in the plugin directories: the
 *                           plugins with what they declare, then each
 *                           refused file with the reason
 *   virt-plugin check FILE  exit 0 and the descriptor for a good plugin;
 *                           1 and the reason when the core would refuse
 *                           it; 2 when it loads but breaks the plugin
 *                           rules (see ARCHITECTURE.md)
 *
 * The plugin directories are those of $VIRTPLUG_PLUGIN_DIR (colon
 * separated), else the installed one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtplug/plugin.h>

#include "virt-plugin.h"

#ifndef PLUGINDIR
# define PLUGINDIR "/usr/local/lib/virtplug/plugins"
#endif

enum {
    VIRT_PLUGIN_EXIT_OK = 0,
    VIRT_PLUGIN_EXIT_REFUSED = 1,
    VIRT_PLUGIN_EXIT_RULES = 2,
    VIRT_PLUGIN_EXIT_USAGE = 3,
};

static GStrv
virtPluginDirs(void)
{
    const char *env = g_getenv("VIRTPLUG_PLUGIN_DIR");
    g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) parts = NULL;
    size_t i;

    if (!env || !*env) {
        g_ptr_array_add(dirs, g_strdup(PLUGINDIR));
    } else {
        parts = g_strsplit(env, ":", -1);
        for (i = 0; parts[i]; i++) {
            if (*parts[i])
                g_ptr_array_add(dirs, g_strdup(parts[i]));
        }
    }
    g_ptr_array_add(dirs, NULL);
    g_ptr_array_set_free_func(dirs, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&dirs), FALSE);
}

static void
virtPluginPrintDescriptor(const virtPluginInfo *info)
{
    g_autofree char *schemes = g_strjoinv(" ", info->uriSchemes);
    g_autofree char *kinds = virtPluginKindsToString(info->kinds);

    printf("  %-12s %s\n", "name:", info->name);
    printf("  %-12s %s\n", "version:", info->version);
    printf("  %-12s %s\n", "license:", info->license);
    printf("  %-12s %s\n", "description:", info->description);
    printf("  %-12s %s\n", "origin:", info->origin ? info->origin : "-");
    printf("  %-12s %u.%u (this core: %u.%u)\n", "plugin ABI:",
           info->abiMajor, info->abiMinor, VIRTPLUG_ABI_MAJOR, VIRTPLUG_ABI_MINOR);
    printf("  %-12s %zu bytes\n", "descriptor:", info->size);
    printf("  %-12s %s\n", "URI schemes:", schemes);
    printf("  %-12s %s\n", "kinds:", kinds);
}

static void
virtPluginPrintWarnings(const virtPluginInfo *info)
{
    guint i;

    for (i = 0; i < info->warnings->len; i++)
        fprintf(stderr, "%s: warning: %s\n", info->path,
                (const char *)g_ptr_array_index(info->warnings, i));
}

static int
virtPluginCmdCheck(const char *path)
{
    g_auto(GStrv) dirs = virtPluginDirs();
    g_autoptr(virtPluginInfo) info = virtPluginInspect(path, (const char *const *)dirs);
    g_autofree char *needed = NULL;

    if (info->refusal) {
        fprintf(stderr, "%s: %s\n", path, info->refusal);
        virtPluginPrintWarnings(info);
        return VIRT_PLUGIN_EXIT_REFUSED;
    }

    printf("%s: a virtplug plugin this core loads\n", path);
    virtPluginPrintDescriptor(info);
    needed = g_strjoinv(" ", info->needed);
    printf("  %-12s %s\n", "links:", *needed ? needed : "-");

    virtPluginPrintWarnings(info);
    return info->warnings->len ? VIRT_PLUGIN_EXIT_RULES : VIRT_PLUGIN_EXIT_OK;
}

/* The *.so files of @dir, sorted, with their full paths. */
static GPtrArray *
virtPluginListDir(const char *dir, GError **err)
{
    g_autoptr(GDir) handle = g_dir_open(dir, 0, err);
    GPtrArray *files;
    const char *name;

    if (!handle)
        return NULL;
    files = g_ptr_array_new_with_free_func(g_free);
    while ((name = g_dir_read_name(handle))) {
        if (g_str_has_suffix(name, ".so"))
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    }
    return files;
}

static int
virtPluginStrPtrCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
virtPluginCmdList(void)
{
    g_auto(GStrv) dirs = virtPluginDirs();
    g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func((GDestroyNotify)virtPluginInfoFree);
    unsigned int nplugins = 0;
    size_t i;
    guint j;

    for (i = 0; dirs[i]; i++) {
        g_autoptr(GError) err = NULL;
        g_autoptr(GPtrArray) files = virtPluginListDir(dirs[i], &err);

        if (!files) {
            fprintf(stderr, "%s: cannot list the directory: %s\n", dirs[i], err->message);
            continue;
        }
        g_ptr_array_sort(files, virtPluginStrPtrCompare);

        for (j = 0; j < files->len; j++) {
            virtPluginInfo *info = virtPluginInspect(g_ptr_array_index(files, j),
                                                     (const char *const *)dirs);
            g_autofree char *schemes = NULL;
            g_autofree char *kinds = NULL;

            if (info->refusal) {
                g_ptr_array_add(refused, info);
                continue;
            }
            schemes = g_strjoinv(",", info->uriSchemes);
            kinds = virtPluginKindsToString(info->kinds);
            printf("%s %s (plugin ABI %u.%u)\n", info->name, info->version,
                   info->abiMajor, info->abiMinor);
            printf("  %-9s %s\n", "schemes:", schemes);
            printf("  %-9s %s\n", "kinds:", kinds);
            printf("  %-9s %s\n", "path:", info->path);
            virtPluginPrintWarnings(info);
            nplugins++;
            virtPluginInfoFree(info);
        }
    }

    if (refused->len) {
        printf("%sRefused:\n", nplugins ? "\n" : "");
        for (j = 0; j < refused->len; j++) {
            virtPluginInfo *info = g_ptr_array_index(refused, j);

            printf("  %s: %s\n", info->path, info->refusal);
        }
    }
    printf("%s%u plugin%s, %u refused\n", nplugins || refused->len ? "\n" : "",
           nplugins, nplugins == 1 ? "" : "s", refused->len);
    return VIRT_PLUGIN_EXIT_OK;
}

static void
virtPluginUsage(FILE *out)
{
    fprintf(out,
            "Usage: virt-plugin list\n"
            "       virt-plugin check FILE\n"
            "\n"
            "  list        show the plugins of the plugin directories, and the files\n"
            "              the core would refuse, with the reason\n"
            "  check FILE  check FILE the way the core's loader does; exit status 0:\n"
            "              a good plugin, 1: refused, 2: loads but breaks the plugin\n"
            "              rules (other exported symbols, links another plugin)\n"
            "\n"
            "Plugin directories: $VIRTPLUG_PLUGIN_DIR (colon separated), else %s\n"
            "This core implements plugin ABI %u.%u.\n",
            PLUGINDIR, VIRTPLUG_ABI_MAJOR, VIRTPLUG_ABI_MINOR);
}

/**
 * main:
 * @argc: number of program arguments
 * @argv: "list", or "check FILE"
 *
 * Returns the exit status described at the top of this file.
 */
int
main(int argc, char **argv)
{
    setlocale(LC_ALL, "");

    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        virtPluginUsage(stdout);
        return VIRT_PLUGIN_EXIT_OK;
    }
    if (argc == 2 && strcmp(argv[1], "list") == 0)
        return virtPluginCmdList();
    if (argc == 3 && strcmp(argv[1], "check") == 0)
        return virtPluginCmdCheck(argv[2]);

    virtPluginUsage(stderr);
    return VIRT_PLUGIN_EXIT_USAGE;
}
