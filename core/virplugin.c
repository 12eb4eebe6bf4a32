/*
 * virplugin.c: the plugin loader
 *
 * A plugin file is opened with RTLD_LOCAL, so nothing it defines can
 * satisfy another plugin's references, and its descriptor is checked
 * before any of its functions runs: ABI version, size, required fields.
 * Each refusal names the file and the reason, and is kept for
 * `virt-plugin list`.  The core never names a plugin: it finds one by the
 * URI scheme the plugin declares.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>

#include <gmodule.h>

#include "internal.h"
#include "datatypes.h"
#include "virplugin.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define VIRTPLUG_PLUGIN_SUFFIX ".so"

struct _virtplugRegistry {
    virPlugin *plugin;
};

static GMutex pluginLock;           /* guards everything below */
static GHashTable *pluginsByPath;   /* path -> virPlugin, never freed */
static char **searchPath;
static GPtrArray *scanResult;       /* all plugins of the last full scan */
static gint64 *scanStamps;          /* per search-path directory: its
                                     * mtime (ns) before that scan, -1 if
                                     * it did not exist */
static GPtrArray *retiredScans;     /* older scan results, kept: callers
                                     * may still walk them */

/* Guards the registration and state fields of every plugin. */
static GMutex registerLock;
static bool stateEnabled;           /* a daemon initialises state drivers */
static bool statePrivileged;


const char *const *
virPluginSearchPath(void)
{
    g_mutex_lock(&pluginLock);
    if (!searchPath) {
        const char *env = g_getenv("VIRTPLUG_PLUGIN_DIR");

        if (env && *env)
            searchPath = g_strsplit(env, ":", -1);
        else
            searchPath = g_strsplit(PLUGINDIR, ":", -1);
    }
    g_mutex_unlock(&pluginLock);
    return (const char *const *)searchPath;
}


char *
virPluginSearchPathString(void)
{
    return g_strjoinv(":", (char **)virPluginSearchPath());
}


static G_GNUC_PRINTF(2, 3) void
virPluginRefuse(virPlugin *plugin, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *reason = NULL;

    va_start(ap, fmt);
    reason = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    plugin->refusal = g_strdup_printf("%s: %s", plugin->path, reason);
    plugin->desc = NULL;
    VIR_INFO("refused plugin %s", plugin->refusal);
}


/* The checks of a descriptor, in the order GStreamer makes them: version
 * first (nothing else of a descriptor from another ABI can be trusted),
 * then size, then the fields every plugin must fill. */
static bool
virPluginCheckDescriptor(virPlugin *plugin, const virtplugPluginDesc *desc)
{
    const struct {
        const char *field;
        const char *value;
    } required[] = {
        { "name", desc->name },
        { "version", desc->version },
        { "license", desc->license },
        { "description", desc->description },
        { "origin", desc->origin },
    };
    g_autofree char *basename = NULL;
    size_t i;

    if (desc->abiMajor != VIRTPLUG_ABI_MAJOR ||
        desc->abiMinor > VIRTPLUG_ABI_MINOR) {
        virPluginRefuse(plugin,
                        _("built for plugin ABI %1$u.%2$u; the core has %3$u.%4$u"),
                        desc->abiMajor, desc->abiMinor,
                        VIRTPLUG_ABI_MAJOR, VIRTPLUG_ABI_MINOR);
        return false;
    }
    if (desc->size < offsetof(virtplugPluginDesc, registerFunc) +
                     sizeof(desc->registerFunc)) {
        virPluginRefuse(plugin, _("descriptor size %1$zu is too small"),
                        desc->size);
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(required); i++) {
        if (!required[i].value || !*required[i].value) {
            virPluginRefuse(plugin, _("descriptor field '%1$s' is empty"),
                            required[i].field);
            return false;
        }
    }
    if (!desc->uriSchemes || !desc->uriSchemes[0]) {
        virPluginRefuse(plugin, _("descriptor field '%1$s' is empty"),
                        "uriSchemes");
        return false;
    }
    if (!desc->registerFunc) {
        virPluginRefuse(plugin, _("descriptor field '%1$s' is empty"),
                        "registerFunc");
        return false;
    }

    basename = g_path_get_basename(plugin->path);
    if (!g_str_has_suffix(basename, VIRTPLUG_PLUGIN_SUFFIX) ||
        strlen(basename) != strlen(desc->name) + strlen(VIRTPLUG_PLUGIN_SUFFIX) ||
        !g_str_has_prefix(basename, desc->name)) {
        virPluginRefuse(plugin,
                        _("descriptor names plugin '%1$s', so the file must be '%2$s%3$s'"),
                        desc->name, desc->name, VIRTPLUG_PLUGIN_SUFFIX);
        return false;
    }
    return true;
}


/**
 * virPluginOpen:
 * @path: a plugin file
 *
 * Load @path with local binding and check its descriptor.  Runs none of
 * the plugin's functions.
 *
 * Returns the plugin record (cached by path, owned by the loader), which
 * carries the reason in ->refusal when the file cannot be used.
 */
virPlugin *
virPluginOpen(const char *path)
{
    virPlugin *plugin;
    gpointer symbol = NULL;

    g_mutex_lock(&pluginLock);
    if (!pluginsByPath)
        pluginsByPath = g_hash_table_new(g_str_hash, g_str_equal);
    if ((plugin = g_hash_table_lookup(pluginsByPath, path))) {
        g_mutex_unlock(&pluginLock);
        return plugin;
    }

    plugin = g_new0(virPlugin, 1);
    plugin->path = g_strdup(path);
    g_hash_table_insert(pluginsByPath, plugin->path, plugin);

    /* No LAZY: an unresolved symbol must fail here, naming the file,
     * rather than kill the process at its first call. */
    plugin->module = g_module_open(path, G_MODULE_BIND_LOCAL);
    if (!plugin->module) {
        virPluginRefuse(plugin, _("cannot be loaded: %1$s"), g_module_error());
    } else if (!g_module_symbol(plugin->module, VIRTPLUG_PLUGIN_SYMBOL,
                                &symbol) || !symbol) {
        virPluginRefuse(plugin, _("not a virtplug plugin (no symbol '%1$s')"),
                        VIRTPLUG_PLUGIN_SYMBOL);
    } else if (virPluginCheckDescriptor(plugin, symbol)) {
        plugin->desc = symbol;
        g_module_make_resident(plugin->module);
        VIR_DEBUG("plugin %s: %s %s", path, plugin->desc->name,
                  plugin->desc->version);
    }

    /* A refused module is never called, but dlclose() of a library that
     * may have run constructors is not safe either: keep it mapped. */
    g_mutex_unlock(&pluginLock);
    return plugin;
}


static gint
virPluginComparePath(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/* Plugin files of one directory, sorted so that results are stable. */
static GPtrArray *
virPluginListDir(const char *dirpath)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = g_dir_open(dirpath, 0, NULL);
    const char *entry;

    if (!dir)
        return files;
    while ((entry = g_dir_read_name(dir))) {
        if (g_str_has_suffix(entry, VIRTPLUG_PLUGIN_SUFFIX))
            g_ptr_array_add(files, g_build_filename(dirpath, entry, NULL));
    }
    g_ptr_array_sort(files, virPluginComparePath);
    return files;
}


/* A directory's modification time in nanoseconds, which changes when a
 * file is added, removed or renamed in it; -1 when it does not exist. */
static gint64
virPluginDirStamp(const char *dirpath)
{
    struct stat sb;

    if (stat(dirpath, &sb) < 0)
        return -1;
    return (gint64)sb.st_mtim.tv_sec * G_GINT64_CONSTANT(1000000000) +
           sb.st_mtim.tv_nsec;
}


/**
 * virPluginScanAll:
 *
 * Open and check every plugin file of the search path.
 *
 * Returns the plugins (usable and refused) in search-path order; the
 * array belongs to the loader and stays valid until virPluginRescan().
 */
GPtrArray *
virPluginScanAll(void)
{
    const char *const *dirs = virPluginSearchPath();
    g_autofree gint64 *stamps = NULL;
    GPtrArray *result;
    size_t i;

    g_mutex_lock(&pluginLock);
    result = scanResult;
    g_mutex_unlock(&pluginLock);
    if (result)
        return result;

    /* Stamps first: a file added while the directories are read makes
     * the next virPluginRescanIfChanged() scan again. */
    stamps = g_new0(gint64, g_strv_length((char **)dirs) + 1);
    for (i = 0; dirs[i]; i++)
        stamps[i] = virPluginDirStamp(dirs[i]);

    result = g_ptr_array_new();
    for (i = 0; dirs[i]; i++) {
        g_autoptr(GPtrArray) files = virPluginListDir(dirs[i]);
        size_t j;

        for (j = 0; j < files->len; j++)
            g_ptr_array_add(result, virPluginOpen(files->pdata[j]));
    }

    g_mutex_lock(&pluginLock);
    if (scanResult) {
        g_ptr_array_unref(result);
        result = scanResult;
    } else {
        scanResult = result;
        g_free(scanStamps);
        scanStamps = g_steal_pointer(&stamps);
    }
    g_mutex_unlock(&pluginLock);
    return result;
}


static bool
virPluginServesScheme(const virPlugin *plugin, const char *scheme)
{
    size_t i;

    for (i = 0; plugin->desc->uriSchemes[i]; i++) {
        if (STREQ(plugin->desc->uriSchemes[i], scheme))
            return true;
    }
    return false;
}


/* The declared schemes of a refused plugin cannot be read (its descriptor
 * is not trusted), so a refused file is matched by its name instead: a
 * refused "esx.so" is the likely reason an esx:// URI has no plugin. */
static bool
virPluginFileNamedFor(const virPlugin *plugin, const char *scheme)
{
    g_autofree char *basename = g_path_get_basename(plugin->path);
    g_autofree char *expected = g_strconcat(scheme, VIRTPLUG_PLUGIN_SUFFIX,
                                            NULL);

    return STREQ(basename, expected);
}


/* The usable plugin of the last full scan that declares @scheme. */
static virPlugin *
virPluginSearchScan(const char *scheme, virPlugin **refused)
{
    GPtrArray *all = virPluginScanAll();
    size_t i;

    for (i = 0; i < all->len; i++) {
        virPlugin *plugin = all->pdata[i];

        if (plugin->desc && virPluginServesScheme(plugin, scheme))
            return plugin;
        if (!plugin->desc && !*refused && virPluginFileNamedFor(plugin, scheme))
            *refused = plugin;
    }
    return NULL;
}


/**
 * virPluginFindForScheme:
 * @scheme: a URI scheme without transport ("qemu")
 * @refused: set to a refused plugin file that seems meant for @scheme
 *
 * Looks first for SCHEME.so in each directory (the usual case, which opens
 * one file), then scans every plugin, and scans again if a plugin
 * directory changed since (a plugin installed while the process runs).
 *
 * Returns the usable plugin, or NULL (no error is set).
 */
virPlugin *
virPluginFindForScheme(const char *scheme, virPlugin **refused)
{
    const char *const *dirs = virPluginSearchPath();
    virPlugin *found;
    size_t i;

    *refused = NULL;
    for (i = 0; dirs[i]; i++) {
        g_autofree char *candidate = g_strconcat(dirs[i], "/", scheme,
                                                 VIRTPLUG_PLUGIN_SUFFIX, NULL);
        virPlugin *plugin;

        if (!g_file_test(candidate, G_FILE_TEST_IS_REGULAR))
            continue;
        plugin = virPluginOpen(candidate);
        if (plugin->desc && virPluginServesScheme(plugin, scheme))
            return plugin;
        if (!plugin->desc && !*refused)
            *refused = plugin;
    }

    if ((found = virPluginSearchScan(scheme, refused)))
        return found;
    /* A plugin installed since the last scan serves the scheme under
     * another file name: look again, but only if a directory changed. */
    if (virPluginRescanIfChanged())
        return virPluginSearchScan(scheme, refused);
    return NULL;
}


virPlugin *
virPluginFindRemote(void)
{
    GPtrArray *all = virPluginScanAll();
    size_t i;

    for (i = 0; i < all->len; i++) {
        virPlugin *plugin = all->pdata[i];

        if (plugin->desc && (plugin->desc->kinds & VIRTPLUG_KIND_REMOTE))
            return plugin;
    }
    return NULL;
}


/* With pluginLock held: drop the last scan, and forget the refused files
 * that match @forget, so that they are opened again. */
static void
virPluginDropScanLocked(bool (*forget)(const virPlugin *plugin))
{
    if (scanResult) {
        if (!retiredScans)
            retiredScans = g_ptr_array_new();
        g_ptr_array_add(retiredScans, g_steal_pointer(&scanResult));
    }
    g_clear_pointer(&scanStamps, g_free);
    if (pluginsByPath) {
        GHashTableIter iter;
        gpointer value;

        g_hash_table_iter_init(&iter, pluginsByPath);
        while (g_hash_table_iter_next(&iter, NULL, &value)) {
            if (forget(value))
                g_hash_table_iter_remove(&iter);
        }
    }
}


static bool
virPluginIsRefused(const virPlugin *plugin)
{
    return !plugin->desc;
}


/* Only a file that could not be mapped at all can be tried again under
 * the same name: the dynamic linker hands back a mapped one unchanged. */
static bool
virPluginIsUnloadable(const virPlugin *plugin)
{
    return !plugin->module;
}


void
virPluginRescan(void)
{
    g_mutex_lock(&pluginLock);
    /* Refused files may have been replaced; usable ones stay. */
    virPluginDropScanLocked(virPluginIsRefused);
    g_mutex_unlock(&pluginLock);
}


bool
virPluginRescanIfChanged(void)
{
    const char *const *dirs = virPluginSearchPath();
    bool changed = false;
    size_t i;

    g_mutex_lock(&pluginLock);
    if (!scanResult || !scanStamps) {
        g_mutex_unlock(&pluginLock);
        return false;
    }
    for (i = 0; dirs[i] && !changed; i++)
        changed = virPluginDirStamp(dirs[i]) != scanStamps[i];
    if (changed) {
        VIR_DEBUG("a plugin directory changed, scanning again");
        /* A file that failed to load may have been caught half copied. */
        virPluginDropScanLocked(virPluginIsUnloadable);
    }
    g_mutex_unlock(&pluginLock);
    return changed;
}


/* Copy a table of @size bytes (as the plugin was built) into a zeroed
 * table of the core's size, so members the plugin does not know are NULL. */
static void *
virPluginCopyTable(const void *table, size_t coreSize, const char *what,
                   virPlugin *plugin)
{
    size_t pluginSize;
    void *copy;

    if (!table)
        return NULL;
    pluginSize = *(const size_t *)table;
    if (pluginSize < sizeof(size_t) + sizeof(const char *)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s': %2$s table has invalid size %3$zu"),
                       plugin->path, what, pluginSize);
        return NULL;
    }
    copy = g_malloc0(coreSize);
    memcpy(copy, table, MIN(pluginSize, coreSize));
    *(size_t *)copy = coreSize;
    return copy;
}


/**
 * virtplugRegisterConnectDriver:
 * @registry: the handle passed to the plugin's register function
 * @driver: the plugin's connect driver, valid for the life of the process
 *
 * Returns 0, or -1 with an error naming the plugin file.
 */
int
virtplugRegisterConnectDriver(virtplugRegistry *registry,
                              const virConnectDriver *driver)
{
    virPlugin *plugin;

    if (!registry || !driver) {
        virReportInvalidArgFull(__func__, "registry, driver", "cannot be NULL");
        return -1;
    }
    plugin = registry->plugin;
    if (plugin->connectDriver) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s' registered a second connect driver"),
                       plugin->path);
        return -1;
    }
    if (!driver->hypervisorDriver) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s': connect driver has no hypervisor table"),
                       plugin->path);
        return -1;
    }

#define COPY_TABLE(member, type, what) \
    do { \
        if (driver->member && \
            !(plugin->member = virPluginCopyTable(driver->member, \
                                                  sizeof(type), what, plugin))) \
            return -1; \
    } while (0)

    if (!(plugin->connectDriver = virPluginCopyTable(driver,
                                                     sizeof(virConnectDriver),
                                                     "connect", plugin)))
        return -1;
    COPY_TABLE(hypervisorDriver, virHypervisorDriver, "hypervisor");
    COPY_TABLE(networkDriver, virNetworkDriver, "network");
    COPY_TABLE(storageDriver, virStorageDriver, "storage");
    COPY_TABLE(secretDriver, virSecretDriver, "secret");
    COPY_TABLE(nodeDeviceDriver, virNodeDeviceDriver, "node device");
    COPY_TABLE(interfaceDriver, virInterfaceDriver, "interface");
    COPY_TABLE(nwfilterDriver, virNWFilterDriver, "nwfilter");
#undef COPY_TABLE
    /* Read from the full-size copy: an older plugin's table ends before
     * this member. */
    if (plugin->connectDriver->qemuDriver &&
        !(plugin->qemuDriver = virPluginCopyTable(plugin->connectDriver->qemuDriver,
                                                  sizeof(virQemuDriver),
                                                  "qemu", plugin)))
        return -1;
    return 0;
}


int
virtplugRegisterStateDriver(virtplugRegistry *registry,
                            const virStateDriver *driver)
{
    virPlugin *plugin;

    if (!registry || !driver) {
        virReportInvalidArgFull(__func__, "registry, driver", "cannot be NULL");
        return -1;
    }
    plugin = registry->plugin;
    if (driver->size < offsetof(virStateDriver, stateInitialize)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s': state driver has invalid size %2$zu"),
                       plugin->path, driver->size);
        return -1;
    }
    plugin->stateDriver = g_malloc0(sizeof(virStateDriver));
    memcpy(plugin->stateDriver, driver, MIN(driver->size, sizeof(virStateDriver)));
    plugin->stateDriver->size = sizeof(virStateDriver);
    return 0;
}


/* With registerLock held: run @plugin's state driver, once, if a daemon
 * asked for state drivers.  A failure is kept for the admin interface
 * and logged; the plugin still serves connections, and the other
 * plugins are not affected (libvirtd would exit instead). */
static void
virPluginStateAttachLocked(virPlugin *plugin)
{
    virStateDriver *state = plugin->stateDriver;

    if (!stateEnabled || !state || !state->stateInitialize || plugin->stateTried)
        return;
    plugin->stateTried = true;
    VIR_DEBUG("initialising state driver of %s", plugin->path);
    plugin->stateResult = state->stateInitialize(statePrivileged, NULL, NULL);
    if (plugin->stateResult == VIR_DRV_STATE_INIT_ERROR) {
        const char *msg = virGetLastErrorMessage();

        plugin->failure = g_strdup_printf(_("state driver failed: %1$s"),
                                          msg ? msg : _("unknown error"));
        VIR_WARN("plugin %s: %s", plugin->path, plugin->failure);
        virResetLastError();
    }
}


/**
 * virPluginEnsureRegistered:
 * @plugin: a usable plugin
 *
 * Run the plugin's register function the first time it is needed, and
 * its state driver's initialisation once when a daemon asked for state
 * drivers (virPluginStateInitialize()).
 *
 * Returns 0, or -1 with an error naming the plugin file.
 */
int
virPluginEnsureRegistered(virPlugin *plugin)
{
    virtplugRegistry registry = { .plugin = plugin };
    int ret = 0;

    g_mutex_lock(&registerLock);
    if (plugin->registered)
        goto unlock;

    if (plugin->desc->registerFunc(&registry) < 0) {
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("plugin '%1$s' failed to register"), plugin->path);
        ret = -1;
        goto failed;
    }
    if (!plugin->connectDriver) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s' registered no connect driver"),
                       plugin->path);
        ret = -1;
        goto failed;
    }
    plugin->registered = true;
    g_clear_pointer(&plugin->failure, g_free);
    virPluginStateAttachLocked(plugin);
    goto unlock;

 failed:
    g_free(plugin->failure);
    plugin->failure = g_strdup(virGetLastErrorMessage());
 unlock:
    g_mutex_unlock(&registerLock);
    return ret;
}


/**
 * virPluginStateInitialize:
 * @privileged: whether the daemon runs as root (system mode)
 *
 * Load and register every installed plugin and initialise each state
 * driver once, as a daemon does at start.  Plugins found later (installed
 * while the daemon runs) get their state driver initialised when they
 * are registered.  A plugin that fails is logged and listed by
 * virPluginStatusList(); the others still load.
 *
 * Returns 0.
 */
int
virPluginStateInitialize(bool privileged)
{
    GPtrArray *all;
    size_t i;

    g_mutex_lock(&registerLock);
    stateEnabled = true;
    statePrivileged = privileged;
    g_mutex_unlock(&registerLock);

    all = virPluginScanAll();
    for (i = 0; i < all->len; i++) {
        virPlugin *plugin = all->pdata[i];

        if (!plugin->desc)
            continue;
        if (virPluginEnsureRegistered(plugin) < 0) {
            VIR_WARN("plugin %s: %s", plugin->path,
                     NULLSTR(virGetLastErrorMessage()));
            virResetLastError();
            continue;
        }
        /* Registered before state drivers were asked for. */
        g_mutex_lock(&registerLock);
        virPluginStateAttachLocked(plugin);
        g_mutex_unlock(&registerLock);
    }
    return 0;
}


static gint
virPluginComparePlugin(gconstpointer a, gconstpointer b)
{
    const virPlugin *pa = *(const virPlugin *const *)a;
    const virPlugin *pb = *(const virPlugin *const *)b;

    return strcmp(pa->path, pb->path);
}


/**
 * virPluginStateCleanup:
 *
 * Run the cleanup of every state driver that initialised, last loaded
 * first, and stop initialising new ones.
 */
void
virPluginStateCleanup(void)
{
    g_autoptr(GPtrArray) active = g_ptr_array_new();
    GHashTableIter iter;
    gpointer value;
    size_t i;

    g_mutex_lock(&pluginLock);
    if (pluginsByPath) {
        g_hash_table_iter_init(&iter, pluginsByPath);
        while (g_hash_table_iter_next(&iter, NULL, &value))
            g_ptr_array_add(active, value);
    }
    g_mutex_unlock(&pluginLock);
    g_ptr_array_sort(active, virPluginComparePlugin);

    g_mutex_lock(&registerLock);
    stateEnabled = false;
    for (i = active->len; i > 0; i--) {
        virPlugin *plugin = active->pdata[i - 1];

        if (plugin->stateTried &&
            plugin->stateResult == VIR_DRV_STATE_INIT_COMPLETE &&
            plugin->stateDriver->stateCleanup) {
            plugin->stateDriver->stateCleanup();
            plugin->stateTried = false;
        }
    }
    g_mutex_unlock(&registerLock);
}


VIR_ENUM_IMPL(virPluginStatusState, VIR_PLUGIN_STATUS_LAST,
    [VIR_PLUGIN_STATUS_REFUSED] = "refused",
    [VIR_PLUGIN_STATUS_LOADED] = "loaded",
    [VIR_PLUGIN_STATUS_REGISTERED] = "registered",
    [VIR_PLUGIN_STATUS_ACTIVE] = "active",
    [VIR_PLUGIN_STATUS_FAILED] = "failed",
);


/**
 * virPluginStatusFree:
 * @status: a status from virPluginStatusList(), or NULL
 */
void
virPluginStatusFree(virPluginStatus *status)
{
    if (!status)
        return;
    g_free(status->path);
    g_free(status->name);
    g_free(status->version);
    g_strfreev(status->schemes);
    g_free(status->reason);
    g_free(status);
}


/* With registerLock held. */
static virPluginStatus *
virPluginStatusNewLocked(const virPlugin *plugin)
{
    virPluginStatus *status = g_new0(virPluginStatus, 1);
    const virtplugPluginDesc *desc = plugin->desc;

    status->path = g_strdup(plugin->path);
    if (!desc) {
        g_autofree char *base = g_path_get_basename(plugin->path);

        if (g_str_has_suffix(base, VIRTPLUG_PLUGIN_SUFFIX))
            base[strlen(base) - strlen(VIRTPLUG_PLUGIN_SUFFIX)] = '\0';
        status->name = g_steal_pointer(&base);
        status->version = g_strdup("");
        status->schemes = g_new0(char *, 1);
        status->state = VIR_PLUGIN_STATUS_REFUSED;
        status->reason = g_strdup(plugin->refusal);
        return status;
    }

    status->name = g_strdup(desc->name);
    status->version = g_strdup(desc->version);
    status->abiMajor = desc->abiMajor;
    status->abiMinor = desc->abiMinor;
    status->schemes = g_strdupv((char **)desc->uriSchemes);
    status->kinds = desc->kinds;
    if (plugin->failure) {
        status->state = VIR_PLUGIN_STATUS_FAILED;
        status->reason = g_strdup(plugin->failure);
    } else if (plugin->stateTried &&
               plugin->stateResult == VIR_DRV_STATE_INIT_COMPLETE) {
        status->state = VIR_PLUGIN_STATUS_ACTIVE;
    } else if (plugin->registered) {
        status->state = VIR_PLUGIN_STATUS_REGISTERED;
    } else {
        status->state = VIR_PLUGIN_STATUS_LOADED;
    }
    return status;
}


/**
 * virPluginStatusList:
 *
 * Every plugin file of the search path, as the last scan found it (a
 * directory that changed since is scanned again first), in search-path
 * order.
 *
 * Returns an array of virPluginStatus *, owned by the caller (it frees
 * its elements).
 */
GPtrArray *
virPluginStatusList(void)
{
    GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)virPluginStatusFree);
    GPtrArray *all;
    size_t i;

    virPluginRescanIfChanged();
    all = virPluginScanAll();
    g_mutex_lock(&registerLock);
    for (i = 0; i < all->len; i++)
        g_ptr_array_add(list, virPluginStatusNewLocked(all->pdata[i]));
    g_mutex_unlock(&registerLock);
    return list;
}
