/*
 * qemu_conf.c: the driver state behind the connections to one root
 *
 * qemu:///system and qemu:///session use libvirt's directories for the
 * privileged daemon and for one user; qemu:///embed?root=DIR puts every
 * file under DIR as libvirt's embed mode does (DIR/etc/qemu,
 * DIR/run/qemu, DIR/lib/qemu, DIR/log/qemu, DIR/cache/qemu).  The
 * connections to one root in a process share one state, which lives
 * while a connection or the daemon's state driver holds it; when it
 * goes, running guests keep running and the next state reconnects.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_snapshot.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


/* The states of this process by key ("system", "session", or "embed:"
 * and the root), and the lock that makes finding and dropping one
 * atomic. */
static GMutex qemuRegistryLock;
static GHashTable *qemuRegistry;

/* The daemon's reference, taken by qemuDriverStateInitialize(). */
static qemuDriver *qemuStateDriver;


static void
qemuImageUseFree(gpointer data)
{
    qemuImageUse *use = data;

    g_free(use->path);
    g_free(use->disk);
    g_free(use);
}


static void
qemuDriverSetPaths(qemuDriver *driver)
{
    if (driver->root) {
        driver->configDir = g_build_filename(driver->root, "etc", "qemu", NULL);
        driver->stateDir = g_build_filename(driver->root, "run", "qemu", NULL);
        driver->libDir = g_build_filename(driver->root, "lib", "qemu", NULL);
        driver->logDir = g_build_filename(driver->root, "log", "qemu", NULL);
        driver->cacheDir = g_build_filename(driver->root, "cache", "qemu", NULL);
        driver->saveDir = g_build_filename(driver->libDir, "save", NULL);
        driver->snapshotDir = g_build_filename(driver->libDir, "snapshot", NULL);
    } else if (driver->privileged) {
        driver->configDir = g_strdup(SYSCONFDIR "/libvirt/qemu");
        driver->stateDir = g_strdup(RUNSTATEDIR "/libvirt/qemu");
        driver->libDir = g_strdup(LOCALSTATEDIR "/lib/libvirt/qemu");
        driver->logDir = g_strdup(LOCALSTATEDIR "/log/libvirt/qemu");
        driver->cacheDir = g_strdup(LOCALSTATEDIR "/cache/libvirt/qemu");
        driver->saveDir = g_build_filename(driver->libDir, "save", NULL);
        driver->snapshotDir = g_build_filename(driver->libDir, "snapshot", NULL);
    } else {
        /* libvirt's per-user layout: definitions and saved state under
         * the config home, sockets under the runtime dir, logs and the
         * capabilities cache under the cache home. */
        g_autofree char *config = g_build_filename(g_get_user_config_dir(),
                                                   "libvirt", "qemu", NULL);
        g_autofree char *cache = g_build_filename(g_get_user_cache_dir(),
                                                  "libvirt", "qemu", NULL);

        driver->configDir = g_strdup(config);
        driver->stateDir = g_build_filename(g_get_user_runtime_dir(),
                                            "libvirt", "qemu", "run", NULL);
        driver->libDir = g_build_filename(config, "lib", NULL);
        driver->saveDir = g_build_filename(config, "save", NULL);
        driver->snapshotDir = g_build_filename(config, "snapshot", NULL);
        driver->logDir = g_build_filename(cache, "log", NULL);
        driver->cacheDir = g_strdup(cache);
    }
    driver->autostartDir = g_build_filename(driver->configDir, "autostart", NULL);
}


static int
qemuDriverMakeDirs(qemuDriver *driver)
{
    const char *dirs[] = {
        driver->configDir, driver->stateDir, driver->libDir,
        driver->saveDir, driver->snapshotDir, driver->logDir,
        driver->cacheDir,
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        if (virFileMakePath(dirs[i], 0755) < 0)
            return -1;
    }
    return 0;
}


static void
qemuDriverFree(qemuDriver *driver)
{
    if (driver->workers)
        g_thread_pool_free(driver->workers, FALSE, TRUE);
    if (driver->domains)
        virDomainObjListFree(driver->domains);
    if (driver->eventState)
        virObjectEventStateUnref(driver->eventState);
    if (driver->capsCache)
        g_hash_table_unref(driver->capsCache);
    if (driver->images)
        g_hash_table_unref(driver->images);
    g_mutex_clear(&driver->lock);
    g_free(driver->key);
    g_free(driver->root);
    g_free(driver->configDir);
    g_free(driver->autostartDir);
    g_free(driver->stateDir);
    g_free(driver->libDir);
    g_free(driver->saveDir);
    g_free(driver->snapshotDir);
    g_free(driver->logDir);
    g_free(driver->cacheDir);
    g_free(driver);
}


/* Load one persistent definition; a file that no longer parses is
 * skipped with a warning, as libvirt does, so one bad file does not
 * hide the other domains. */
static void
qemuDriverLoadConfig(qemuDriver *driver, const char *name)
{
    g_autofree char *path = g_build_filename(driver->configDir, name, NULL);
    g_autofree char *link = NULL;
    g_autofree char *save = NULL;
    g_autoptr(virDomainDef) def = NULL;
    virDomainObj *vm;

    if (!(def = virDomainDefParseFile(path, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
        VIR_WARN("cannot load domain config '%s': %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    link = qemuDriverAutostartLink(driver, def->name);
    save = qemuDriverManagedSavePath(driver, def->name);
    if (!(vm = virDomainObjListAdd(driver->domains, &def, 0, NULL))) {
        VIR_WARN("cannot add domain from '%s': %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    vm->persistent = true;
    vm->autostart = g_file_test(link, G_FILE_TEST_IS_SYMLINK | G_FILE_TEST_EXISTS);
    vm->hasManagedSave = virFileExists(save);
    virDomainObjEndAPI(&vm);
}


static gint
qemuDriverCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


static void
qemuDriverForEachXML(qemuDriver *driver, const char *dir,
                     void (*func)(qemuDriver *driver, const char *name))
{
    g_autoptr(GDir) dh = g_dir_open(dir, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    size_t i;

    if (!dh)
        return;
    while ((name = g_dir_read_name(dh))) {
        if (g_str_has_suffix(name, ".xml"))
            g_ptr_array_add(names, g_strdup(name));
    }
    /* Sorted, so that domains come back in a stable order. */
    g_ptr_array_sort(names, qemuDriverCompareNames);
    for (i = 0; i < names->len; i++)
        func(driver, g_ptr_array_index(names, i));
}


static void
qemuDriverLoadStatus(qemuDriver *driver, const char *name)
{
    g_autofree char *path = g_build_filename(driver->stateDir, name, NULL);

    if (qemuDomainLoadStatus(driver, path) < 0) {
        VIR_WARN("cannot reconnect to the domain of '%s': %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
    }
}


/**
 * qemuDriverInactiveNames:
 * @driver: a driver state
 *
 * Returns the NULL-terminated names of the stopped domains, for the
 * caller to free; never NULL.
 */
char **
qemuDriverInactiveNames(qemuDriver *driver)
{
    int n = virDomainObjListNumOfDomains(driver->domains, false);
    char **names = g_new0(char *, MAX(n, 0) + 1);

    if (n > 0)
        virDomainObjListGetInactiveNames(driver->domains, names, n);
    return names;
}


/* Start the stopped domains marked for autostart.  Names, not objects,
 * are collected first: starting takes each domain's lock, which must
 * not nest in the list's. */
static void
qemuDriverAutostart(qemuDriver *driver)
{
    g_auto(GStrv) names = qemuDriverInactiveNames(driver);
    size_t i;

    for (i = 0; names && names[i]; i++) {
        virDomainObj *vm = virDomainObjListFindByName(driver->domains, names[i]);

        if (!vm)
            continue;
        if (vm->autostart && !virDomainObjIsActive(vm) &&
            qemuProcessStartWithEvents(driver, vm, 0) < 0) {
            VIR_WARN("failed to autostart domain '%s': %s", names[i],
                     virGetLastErrorMessage());
            virResetLastError();
        }
        virDomainObjEndAPI(&vm);
    }
}


static void
qemuDriverLoadSnapshotsOf(qemuDriver *driver, virDomainObj *vm)
{
    if (!vm)
        return;
    if (qemuSnapshotLoadDomain(driver, vm) < 0) {
        VIR_WARN("cannot load the snapshots of domain '%s': %s",
                 vm->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
    virDomainObjEndAPI(&vm);
}


/* Load every domain's snapshot records and finish the snapshot plans a
 * crash interrupted: after reconnecting, so that a plan of a running
 * domain finds its monitor, and before autostart, so that no guest
 * starts on a half-changed chain.  As for autostart, names and ids are
 * collected first, outside the domains' locks. */
static void
qemuDriverLoadSnapshots(qemuDriver *driver)
{
    g_auto(GStrv) names = qemuDriverInactiveNames(driver);
    int n = virDomainObjListNumOfDomains(driver->domains, true);
    g_autofree int *ids = g_new0(int, MAX(n, 0) + 1);
    size_t i;

    for (i = 0; names && names[i]; i++)
        qemuDriverLoadSnapshotsOf(driver, virDomainObjListFindByName(driver->domains,
                                                                     names[i]));
    n = virDomainObjListGetActiveIDs(driver->domains, ids, MAX(n, 0));
    for (i = 0; i < (size_t)MAX(n, 0); i++)
        qemuDriverLoadSnapshotsOf(driver, virDomainObjListFindByID(driver->domains,
                                                                   ids[i]));
}


static qemuDriver *
qemuDriverNew(const char *key, const char *root, bool privileged)
{
    g_autoptr(GError) err = NULL;
    qemuDriver *driver = g_new0(qemuDriver, 1);

    driver->refs = 1;
    driver->key = g_strdup(key);
    driver->root = g_strdup(root);
    driver->privileged = privileged;
    driver->forceTCG = STREQ_NULLABLE(g_getenv("VIRTPLUG_QEMU_FORCE_TCG"), "1");
    g_mutex_init(&driver->lock);
    qemuDriverSetPaths(driver);

    driver->domains = virDomainObjListNew();
    driver->eventState = virObjectEventStateNew();
    driver->capsCache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)qemuCapsUnref);
    driver->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_ptr_array_unref);
    if (!(driver->workers = g_thread_pool_new(qemuProcessEventWorker, driver,
                                              1, FALSE, &err))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot create the qemu event thread: %1$s"),
                       err->message);
        qemuDriverFree(driver);
        return NULL;
    }

    if (qemuDriverMakeDirs(driver) < 0) {
        qemuDriverFree(driver);
        return NULL;
    }

    qemuDriverForEachXML(driver, driver->configDir, qemuDriverLoadConfig);
    qemuDriverForEachXML(driver, driver->stateDir, qemuDriverLoadStatus);
    qemuDriverLoadSnapshots(driver);
    qemuDriverAutostart(driver);
    return driver;
}


/* Let go of the running domains without stopping them: their monitors
 * close, QEMU runs on, and the next state reconnects. */
static void
qemuDriverDetachAll(qemuDriver *driver)
{
    int n = virDomainObjListNumOfDomains(driver->domains, true);
    g_autofree int *ids = NULL;
    int i;

    if (n <= 0)
        return;
    ids = g_new0(int, n);
    n = virDomainObjListGetActiveIDs(driver->domains, ids, n);
    for (i = 0; i < n; i++) {
        virDomainObj *vm = virDomainObjListFindByID(driver->domains, ids[i]);

        if (!vm)
            continue;
        qemuProcessDetach(vm);
        virDomainObjEndAPI(&vm);
    }
}


/**
 * qemuDriverOpen:
 * @key: what identifies the root: "system", "session" or "embed:DIR"
 * @root: the embed root, or NULL
 * @privileged: whether the system directories are used
 * @driver: set to the state, referenced for the caller
 *
 * Find the process's state for @key, or create it: make its directories,
 * load the persistent definitions, reconnect to the guests still running
 * and start the autostart ones.  Returns 0, or -1 with an error set.
 */
int
qemuDriverOpen(const char *key, const char *root, bool privileged,
               qemuDriver **driver)
{
    qemuDriver *found;
    int ret = 0;

    g_mutex_lock(&qemuRegistryLock);
    if (!qemuRegistry)
        qemuRegistry = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if ((found = g_hash_table_lookup(qemuRegistry, key))) {
        *driver = qemuDriverRef(found);
    } else if ((found = qemuDriverNew(key, root, privileged))) {
        g_hash_table_insert(qemuRegistry, g_strdup(key), found);
        *driver = found;
    } else {
        ret = -1;
    }
    g_mutex_unlock(&qemuRegistryLock);
    return ret;
}


/**
 * qemuDriverRef:
 * @driver: a driver state the caller holds a reference on
 *
 * Returns @driver with one more reference.
 */
qemuDriver *
qemuDriverRef(qemuDriver *driver)
{
    g_atomic_int_inc(&driver->refs);
    return driver;
}


/**
 * qemuDriverUnref:
 * @driver: a driver state, or NULL
 *
 * Drop a reference.  The last one forgets the state: the monitors of
 * running guests close (the guests keep running) and everything is
 * freed.
 */
void
qemuDriverUnref(qemuDriver *driver)
{
    bool last;

    if (!driver)
        return;

    /* Under the registry lock, so that no open finds a state whose last
     * reference is going. */
    g_mutex_lock(&qemuRegistryLock);
    last = g_atomic_int_dec_and_test(&driver->refs);
    if (last && qemuRegistry &&
        g_hash_table_lookup(qemuRegistry, driver->key) == driver)
        g_hash_table_remove(qemuRegistry, driver->key);
    g_mutex_unlock(&qemuRegistryLock);

    if (!last)
        return;
    qemuDriverDetachAll(driver);
    qemuDriverFree(driver);
}


/**
 * qemuDriverFromConn:
 * @conn: an open qemu connection
 *
 * Returns the connection's driver state (not referenced).
 */
qemuDriver *
qemuDriverFromConn(virConnectPtr conn)
{
    return virConnectGetPrivateData(conn);
}


/**
 * qemuDriverQueueEvent:
 * @driver: a driver state
 * @event: an event to deliver, taken over; NULL is ignored
 *
 * Hand @event to the callbacks registered on @driver's connections.
 */
void
qemuDriverQueueEvent(qemuDriver *driver, virObjectEvent *event)
{
    if (event)
        virObjectEventStateQueue(driver->eventState, event);
}


static char *
qemuImageCanonical(const char *path)
{
    char *real = realpath(path, NULL);

    if (real) {
        char *ret = g_strdup(real);

        free(real);
        return ret;
    }
    return g_strdup(path);
}


static GPtrArray *
qemuDriverImageUses(const virDomainDef *def)
{
    GPtrArray *uses = g_ptr_array_new_with_free_func(qemuImageUseFree);
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        const virStorageSource *src;
        bool writable = !disk->src->readonly && !disk->src->shared &&
                        disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM;

        for (src = disk->src; src && src->type != VIR_STORAGE_TYPE_NONE;
             src = src->backingStore) {
            qemuImageUse *use;

            if (!src->path || src->type == VIR_STORAGE_TYPE_NETWORK)
                continue;
            use = g_new0(qemuImageUse, 1);
            use->path = qemuImageCanonical(src->path);
            use->disk = g_strdup(disk->dst);
            use->writable = writable && src == disk->src;
            g_ptr_array_add(uses, use);
        }
    }
    return uses;
}


/**
 * qemuDriverClaimImages:
 * @driver: a driver state
 * @def: the definition of a domain about to run, chains resolved
 *
 * Record the images @def uses, after checking that no running domain of
 * @driver writes to one that @def uses or uses one that @def writes:
 * two writers, or a writer under a reader, would corrupt the image.
 * Returns 0, or -1 with VIR_ERR_OPERATION_INVALID naming both domains,
 * the disk and the image.
 */
int
qemuDriverClaimImages(qemuDriver *driver, const virDomainDef *def)
{
    g_autoptr(GPtrArray) mine = qemuDriverImageUses(def);
    GHashTableIter iter;
    gpointer key;
    gpointer value;
    size_t i;
    size_t j;

    g_mutex_lock(&driver->lock);
    g_hash_table_iter_init(&iter, driver->images);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        GPtrArray *theirs = value;

        if (STREQ(key, def->name))
            continue;
        for (i = 0; i < mine->len; i++) {
            qemuImageUse *a = g_ptr_array_index(mine, i);

            for (j = 0; j < theirs->len; j++) {
                qemuImageUse *b = g_ptr_array_index(theirs, j);

                if (STRNEQ(a->path, b->path) || (!a->writable && !b->writable))
                    continue;
                virReportError(VIR_ERR_OPERATION_INVALID,
                               _("cannot start domain '%1$s': image '%2$s' of disk '%3$s' is in use by running domain '%4$s'"),
                               def->name, a->path, a->disk, (const char *)key);
                g_mutex_unlock(&driver->lock);
                return -1;
            }
        }
    }
    g_hash_table_insert(driver->images, g_strdup(def->name),
                        g_steal_pointer(&mine));
    g_mutex_unlock(&driver->lock);
    return 0;
}


/**
 * qemuDriverReleaseImages:
 * @driver: a driver state
 * @name: a domain that stopped
 *
 * Forget the images domain @name used.
 */
void
qemuDriverReleaseImages(qemuDriver *driver, const char *name)
{
    g_mutex_lock(&driver->lock);
    g_hash_table_remove(driver->images, name);
    g_mutex_unlock(&driver->lock);
}


/**
 * qemuDriverConfigFile:
 *
 * Returns the path of domain @name's persistent definition; caller frees.
 */
char *
qemuDriverConfigFile(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->configDir, name);
}


/**
 * qemuDriverAutostartLink:
 *
 * Returns the path of domain @name's autostart symlink; caller frees.
 */
char *
qemuDriverAutostartLink(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->autostartDir, name);
}


/**
 * qemuDriverStatusFile:
 *
 * Returns the path of running domain @name's status XML; caller frees.
 */
char *
qemuDriverStatusFile(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->stateDir, name);
}


/**
 * qemuDriverManagedSavePath:
 *
 * Returns the path of domain @name's managed save image; caller frees.
 */
char *
qemuDriverManagedSavePath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.save", driver->saveDir, name);
}


/**
 * qemuDriverStateInitialize:
 * @privileged: whether the daemon runs as root
 * @root: an embed root, or NULL
 *
 * The daemon's hold on its state: created now, so that guests are
 * reconnected and autostarted before any client connects.  Returns 0,
 * or -1 with an error set.
 */
int
qemuDriverStateInitialize(bool privileged, const char *root)
{
    g_autofree char *key = NULL;

    if (qemuStateDriver)
        return 0;
    if (root)
        key = g_strdup_printf("embed:%s", root);
    else
        key = g_strdup(privileged ? "system" : "session");
    return qemuDriverOpen(key, root, privileged && !root, &qemuStateDriver);
}


/**
 * qemuDriverStateCleanup:
 *
 * Drop the daemon's hold; running guests keep running.  Returns 0.
 */
int
qemuDriverStateCleanup(void)
{
    qemuDriverUnref(g_steal_pointer(&qemuStateDriver));
    return 0;
}
