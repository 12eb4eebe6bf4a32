/*
 * qemu_capabilities.c: what an emulator binary offers, probed over QMP
 *
 * A binary is run once with no machine (-machine none) and asked for
 * its version, machine types, CPU models and QMP schema; the answer is
 * kept in the driver's memory and in a JSON file under the cache
 * directory (capabilities/ as libvirt's), keyed by the binary's path
 * and valid while its mtime and ctime stay the same.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virbuffer.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* The layout of the cache file; bump when it changes. */
#define QEMU_CAPS_CACHE_FORMAT 1

/* KVM_GET_API_VERSION, and the version every KVM since 2.6.22 answers. */
#define QEMU_KVM_GET_API_VERSION 0xAE00
#define QEMU_KVM_API_VERSION 12


static qemuCaps *
qemuCapsNew(void)
{
    qemuCaps *caps = g_new0(qemuCaps, 1);

    caps->refs = 1;
    caps->commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    caps->events = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return caps;
}


/**
 * qemuCapsRef:
 * @caps: capabilities the caller holds a reference on
 *
 * Returns @caps with one more reference.
 */
qemuCaps *
qemuCapsRef(qemuCaps *caps)
{
    g_atomic_int_inc(&caps->refs);
    return caps;
}


/**
 * qemuCapsUnref:
 * @caps: capabilities, or NULL
 *
 * Drop a reference; the last one frees @caps.
 */
void
qemuCapsUnref(qemuCaps *caps)
{
    size_t i;

    if (!caps || !g_atomic_int_dec_and_test(&caps->refs))
        return;
    for (i = 0; i < caps->nmachines; i++) {
        g_free(caps->machines[i].name);
        g_free(caps->machines[i].alias);
    }
    g_free(caps->machines);
    g_strfreev(caps->cpuModels);
    g_hash_table_unref(caps->commands);
    g_hash_table_unref(caps->events);
    g_free(caps->binary);
    g_free(caps->package);
    g_free(caps);
}


/**
 * qemuCapsHasCommand:
 * @caps: an emulator's capabilities
 * @command: a QMP command name ("blockdev-reopen")
 *
 * Returns whether the emulator's QMP schema has @command.
 */
bool
qemuCapsHasCommand(const qemuCaps *caps, const char *command)
{
    return g_hash_table_contains(caps->commands, command);
}


/**
 * qemuCapsFindMachine:
 * @caps: an emulator's capabilities
 * @name: a machine type or its alias ("pc")
 *
 * Returns the machine type @name names, or NULL.
 */
const qemuCapsMachine *
qemuCapsFindMachine(const qemuCaps *caps, const char *name)
{
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        if (STREQ(caps->machines[i].name, name))
            return &caps->machines[i];
    }
    for (i = 0; i < caps->nmachines; i++) {
        if (STREQ_NULLABLE(caps->machines[i].alias, name))
            return &caps->machines[i];
    }
    return NULL;
}


/**
 * qemuCapsDefaultMachine:
 * @caps: an emulator's capabilities
 *
 * Returns the machine type the emulator picks by default, or NULL.
 */
const char *
qemuCapsDefaultMachine(const qemuCaps *caps)
{
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        if (caps->machines[i].isDefault)
            return caps->machines[i].name;
    }
    return NULL;
}


/**
 * qemuCapsFindBinary:
 * @arch: a guest architecture
 *
 * Returns the path of qemu-system-ARCH found in PATH, or NULL; caller
 * frees.
 */
char *
qemuCapsFindBinary(virArch arch)
{
    g_autofree char *name = g_strdup_printf("qemu-system-%s",
                                            virArchTypeToString(arch));

    return g_find_program_in_path(name);
}


/**
 * qemuKVMUsable:
 *
 * Returns whether /dev/kvm opens read-write and speaks the stable KVM
 * API, which is what a KVM guest needs of the host.
 */
bool
qemuKVMUsable(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    bool ret;

    if (fd < 0)
        return false;
    ret = ioctl(fd, QEMU_KVM_GET_API_VERSION, 0) == QEMU_KVM_API_VERSION;
    close(fd);
    return ret;
}


/* ------------------------------------------------------------------ */
/* The cache file                                                     */

static int
qemuCapsCompareNames(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


static json_object *
qemuCapsSetToJSON(GHashTable *set)
{
    g_autofree const char **keys = (const char **)g_hash_table_get_keys_as_array(set, NULL);
    json_object *arr = json_object_new_array();
    guint n = g_strv_length((char **)keys);
    guint i;

    /* Sorted, so that a cache file does not change between probes. */
    qsort(keys, n, sizeof(*keys), qemuCapsCompareNames);
    for (i = 0; i < n; i++)
        json_object_array_add(arr, json_object_new_string(keys[i]));
    return arr;
}


static char *
qemuCapsFormatJSON(const qemuCaps *caps)
{
    g_autoptr(json_object) root = json_object_new_object();
    json_object *machines = json_object_new_array();
    json_object *cpus = json_object_new_array();
    size_t i;

    json_object_object_add(root, "format", json_object_new_int(QEMU_CAPS_CACHE_FORMAT));
    json_object_object_add(root, "binary", json_object_new_string(caps->binary));
    json_object_object_add(root, "mtime", json_object_new_int64(caps->mtime));
    json_object_object_add(root, "ctime", json_object_new_int64(caps->ctime));
    json_object_object_add(root, "version", json_object_new_int64(caps->version));
    json_object_object_add(root, "package",
                           json_object_new_string(NULLSTR_EMPTY(caps->package)));
    json_object_object_add(root, "arch",
                           json_object_new_string(virArchTypeToString(caps->arch)));
    for (i = 0; i < caps->nmachines; i++) {
        const qemuCapsMachine *m = &caps->machines[i];
        json_object *obj = json_object_new_object();

        json_object_object_add(obj, "name", json_object_new_string(m->name));
        if (m->alias)
            json_object_object_add(obj, "alias", json_object_new_string(m->alias));
        json_object_object_add(obj, "maxCpus", json_object_new_int(m->maxCpus));
        if (m->isDefault)
            json_object_object_add(obj, "default", json_object_new_boolean(true));
        if (m->deprecated)
            json_object_object_add(obj, "deprecated", json_object_new_boolean(true));
        json_object_array_add(machines, obj);
    }
    json_object_object_add(root, "machines", machines);
    for (i = 0; caps->cpuModels && caps->cpuModels[i]; i++)
        json_object_array_add(cpus, json_object_new_string(caps->cpuModels[i]));
    json_object_object_add(root, "cpuModels", cpus);
    json_object_object_add(root, "commands", qemuCapsSetToJSON(caps->commands));
    json_object_object_add(root, "events", qemuCapsSetToJSON(caps->events));

    return g_strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
                                                          JSON_C_TO_STRING_SPACED));
}


static const char *
qemuCapsJSONString(json_object *obj, const char *key)
{
    json_object *val;

    if (!json_object_object_get_ex(obj, key, &val) ||
        !json_object_is_type(val, json_type_string))
        return NULL;
    return json_object_get_string(val);
}


static bool
qemuCapsJSONBool(json_object *obj, const char *key)
{
    json_object *val;

    return json_object_object_get_ex(obj, key, &val) && json_object_get_boolean(val);
}


static long long
qemuCapsJSONInt(json_object *obj, const char *key)
{
    json_object *val;

    if (!json_object_object_get_ex(obj, key, &val))
        return 0;
    return json_object_get_int64(val);
}


static void
qemuCapsMachinesFromJSON(qemuCaps *caps, json_object *arr, const char *aliasKey,
                         const char *maxKey, const char *defaultKey)
{
    size_t n = json_object_array_length(arr);
    size_t i;

    caps->machines = g_new0(qemuCapsMachine, n);
    for (i = 0; i < n; i++) {
        json_object *obj = json_object_array_get_idx(arr, i);
        const char *name = qemuCapsJSONString(obj, "name");
        qemuCapsMachine *m;

        /* "none" is not a guest machine; the probe itself runs it. */
        if (!name || STREQ(name, "none"))
            continue;
        m = &caps->machines[caps->nmachines++];
        m->name = g_strdup(name);
        m->alias = g_strdup(qemuCapsJSONString(obj, aliasKey));
        m->maxCpus = qemuCapsJSONInt(obj, maxKey);
        m->isDefault = qemuCapsJSONBool(obj, defaultKey);
        m->deprecated = qemuCapsJSONBool(obj, "deprecated");
    }
}


static void
qemuCapsNamesFromJSON(json_object *arr, GHashTable *set)
{
    size_t i;

    for (i = 0; arr && i < json_object_array_length(arr); i++) {
        const char *name = json_object_get_string(json_object_array_get_idx(arr, i));

        if (name)
            g_hash_table_add(set, g_strdup(name));
    }
}


static qemuCaps *
qemuCapsParseJSON(const char *text, const char *path)
{
    g_autoptr(json_object) root = json_tokener_parse(text);
    g_autoptr(qemuCaps) caps = NULL;
    json_object *arr;
    const char *arch;
    size_t i;

    if (!root || !json_object_is_type(root, json_type_object) ||
        qemuCapsJSONInt(root, "format") != QEMU_CAPS_CACHE_FORMAT ||
        !qemuCapsJSONString(root, "binary") ||
        !(arch = qemuCapsJSONString(root, "arch"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid QEMU capabilities file '%1$s'"), path);
        return NULL;
    }

    caps = qemuCapsNew();
    caps->binary = g_strdup(qemuCapsJSONString(root, "binary"));
    caps->mtime = qemuCapsJSONInt(root, "mtime");
    caps->ctime = qemuCapsJSONInt(root, "ctime");
    caps->version = qemuCapsJSONInt(root, "version");
    caps->package = g_strdup(qemuCapsJSONString(root, "package"));
    caps->arch = virArchTypeFromString(arch);
    if ((int)caps->arch < 0)
        caps->arch = VIR_ARCH_NONE;
    if (json_object_object_get_ex(root, "machines", &arr))
        qemuCapsMachinesFromJSON(caps, arr, "alias", "maxCpus", "default");
    if (json_object_object_get_ex(root, "cpuModels", &arr)) {
        caps->cpuModels = g_new0(char *, json_object_array_length(arr) + 1);
        for (i = 0; i < json_object_array_length(arr); i++)
            caps->cpuModels[i] = g_strdup(json_object_get_string(json_object_array_get_idx(arr, i)));
    }
    if (json_object_object_get_ex(root, "commands", &arr))
        qemuCapsNamesFromJSON(arr, caps->commands);
    if (json_object_object_get_ex(root, "events", &arr))
        qemuCapsNamesFromJSON(arr, caps->events);
    return g_steal_pointer(&caps);
}


/**
 * qemuCapsLoadFile:
 * @path: a capabilities file as the cache holds it
 *
 * Returns the capabilities it describes, or NULL with an error set.
 * Tests load a fixed file so that their output does not depend on the
 * installed QEMU.
 */
qemuCaps *
qemuCapsLoadFile(const char *path)
{
    g_autofree char *text = NULL;

    if (virFileReadAll(path, 16 * 1024 * 1024, &text) < 0)
        return NULL;
    return qemuCapsParseJSON(text, path);
}


/* ------------------------------------------------------------------ */
/* Probing                                                            */

static int
qemuCapsProbeVersion(qemuCaps *caps, qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    json_object *qemu;
    const char *package;

    if (qemuMonitorCommand(mon, "query-version", NULL, -1, -1, &ret) < 0)
        return -1;
    if (json_object_object_get_ex(ret, "qemu", &qemu)) {
        caps->version = qemuCapsJSONInt(qemu, "major") * 1000000 +
                        qemuCapsJSONInt(qemu, "minor") * 1000 +
                        qemuCapsJSONInt(qemu, "micro");
    }
    if ((package = qemuCapsJSONString(ret, "package")))
        caps->package = g_strstrip(g_strdup(package));
    return 0;
}


static int
qemuCapsProbeArch(qemuCaps *caps, qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    const char *arch;

    if (qemuMonitorCommand(mon, "query-target", NULL, -1, -1, &ret) < 0)
        return -1;
    if (!(arch = qemuCapsJSONString(ret, "arch")) ||
        (int)(caps->arch = virArchTypeFromString(arch)) <= 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU binary '%1$s' reports unknown architecture '%2$s'"),
                       caps->binary, NULLSTR(arch));
        return -1;
    }
    return 0;
}


static int
qemuCapsProbeMachines(qemuCaps *caps, qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;

    if (qemuMonitorCommand(mon, "query-machines", NULL, -1, -1, &ret) < 0)
        return -1;
    qemuCapsMachinesFromJSON(caps, ret, "alias", "cpu-max", "is-default");
    return 0;
}


static int
qemuCapsProbeCPUs(qemuCaps *caps, qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    size_t n;
    size_t i;

    if (qemuMonitorCommand(mon, "query-cpu-definitions", NULL, -1, -1, &ret) < 0)
        return -1;
    n = json_object_array_length(ret);
    caps->cpuModels = g_new0(char *, n + 1);
    for (i = 0; i < n; i++)
        caps->cpuModels[i] = g_strdup(qemuCapsJSONString(json_object_array_get_idx(ret, i),
                                                         "name"));
    return 0;
}


static int
qemuCapsProbeSchema(qemuCaps *caps, qemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    size_t i;

    if (qemuMonitorCommand(mon, "query-qmp-schema", NULL, -1, -1, &ret) < 0)
        return -1;
    for (i = 0; i < json_object_array_length(ret); i++) {
        json_object *entry = json_object_array_get_idx(ret, i);
        const char *meta = qemuCapsJSONString(entry, "meta-type");
        const char *name = qemuCapsJSONString(entry, "name");

        if (!meta || !name)
            continue;
        if (STREQ(meta, "command"))
            g_hash_table_add(caps->commands, g_strdup(name));
        else if (STREQ(meta, "event"))
            g_hash_table_add(caps->events, g_strdup(name));
    }
    return 0;
}


/* Stop the probe process: it was asked to quit; make sure, and reap. */
static void
qemuCapsProbeReap(pid_t pid)
{
    int i;

    for (i = 0; i < 500; i++) {
        if (waitpid(pid, NULL, WNOHANG) != 0)
            return;
        g_usleep(10 * 1000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}


static qemuCaps *
qemuCapsProbe(const char *binary, const struct stat *sb)
{
    g_autoptr(qemuCaps) caps = qemuCapsNew();
    g_autofree char *tmp = NULL;
    g_autofree char *sock = NULL;
    g_autofree char *log = NULL;
    g_autofree char *qmp = NULL;
    qemuMonitor *mon = NULL;
    int logfd;
    pid_t pid;
    int rc = -1;

    caps->binary = g_strdup(binary);
    caps->mtime = sb->st_mtime;
    caps->ctime = sb->st_ctime;

    if (!(tmp = g_dir_make_tmp("virtplug-qemucaps-XXXXXX", NULL))) {
        virReportSystemError(errno, "%s",
                             _("cannot create a directory to probe QEMU"));
        return NULL;
    }
    sock = g_build_filename(tmp, "qmp.sock", NULL);
    log = g_build_filename(tmp, "qemu.log", NULL);
    qmp = g_strdup_printf("unix:%s,server=on,wait=off", sock);

    if ((logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("cannot create '%1$s'"), log);
        goto cleanup;
    } else {
        const char *argv[] = {
            binary, "-S", "-no-user-config", "-nodefaults", "-nographic",
            "-machine", "none", "-display", "none", "-qmp", qmp, NULL,
        };
        const char *envp[] = { "LC_ALL=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", NULL };

        pid = qemuProcessSpawn((char **)argv, (char **)envp, logfd);
        close(logfd);
        if (pid < 0)
            goto cleanup;
    }

    if ((mon = qemuMonitorOpen(sock, binary, pid, log, 0,
                               QEMU_MONITOR_CONNECT_TIMEOUT_MS, NULL, NULL))) {
        if (qemuCapsProbeVersion(caps, mon) == 0 &&
            qemuCapsProbeArch(caps, mon) == 0 &&
            qemuCapsProbeMachines(caps, mon) == 0 &&
            qemuCapsProbeCPUs(caps, mon) == 0 &&
            qemuCapsProbeSchema(caps, mon) == 0)
            rc = 0;
        qemuMonitorRun(mon, "quit");
        qemuMonitorClose(mon);
    }
    qemuCapsProbeReap(pid);

 cleanup:
    unlink(sock);
    unlink(log);
    rmdir(tmp);
    if (rc < 0)
        return NULL;
    return g_steal_pointer(&caps);
}


static char *
qemuCapsCacheFile(qemuDriver *driver, const char *binary)
{
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, binary, -1);

    return g_strdup_printf("%s/capabilities/%s.json", driver->cacheDir, sum);
}


static bool
qemuCapsIsCurrent(const qemuCaps *caps, const char *binary,
                  const struct stat *sb)
{
    return caps && STREQ(caps->binary, binary) &&
           caps->mtime == (long long)sb->st_mtime &&
           caps->ctime == (long long)sb->st_ctime;
}


/* The on-disk cache entry for @binary if it is still current. */
static qemuCaps *
qemuCapsCacheLoad(const char *file, const char *binary, const struct stat *sb)
{
    g_autoptr(qemuCaps) caps = NULL;

    if (!virFileExists(file))
        return NULL;
    if (!(caps = qemuCapsLoadFile(file)) || !qemuCapsIsCurrent(caps, binary, sb)) {
        virResetLastError();
        return NULL;
    }
    return g_steal_pointer(&caps);
}


static void
qemuCapsCacheSave(const char *file, const qemuCaps *caps)
{
    g_autofree char *dir = g_path_get_dirname(file);
    g_autofree char *text = qemuCapsFormatJSON(caps);

    /* A cache that cannot be written only costs a probe next time. */
    if (virFileMakePath(dir, 0755) < 0 ||
        virFileWriteStrAtomic(file, text, 0644) < 0) {
        VIR_WARN("cannot write QEMU capabilities cache '%s': %s", file,
                 virGetLastErrorMessage());
        virResetLastError();
    }
}


/**
 * qemuCapsCacheLookup:
 * @driver: a driver state
 * @binary: an emulator's path
 *
 * Returns the capabilities of @binary, referenced for the caller: from
 * memory, from the cache file, or probed (about a second) and cached.
 * NULL with an error when the binary is missing or does not answer,
 * worded as libvirt's ("Cannot check QEMU binary ...").
 */
qemuCaps *
qemuCapsCacheLookup(qemuDriver *driver, const char *binary)
{
    g_autofree char *file = NULL;
    qemuCaps *caps;
    struct stat sb;

    if (stat(binary, &sb) < 0) {
        virReportSystemError(errno, _("Cannot check QEMU binary %1$s"), binary);
        return NULL;
    }
    if (!S_ISREG(sb.st_mode) || !virFileIsExecutable(binary)) {
        virReportSystemError(EACCES, _("Cannot check QEMU binary %1$s"), binary);
        return NULL;
    }

    /* The probe runs under the lock: two starts of one new binary
     * probe it once. */
    g_mutex_lock(&driver->lock);
    caps = g_hash_table_lookup(driver->capsCache, binary);
    if (qemuCapsIsCurrent(caps, binary, &sb)) {
        qemuCapsRef(caps);
        g_mutex_unlock(&driver->lock);
        return caps;
    }

    file = qemuCapsCacheFile(driver, binary);
    if (!(caps = qemuCapsCacheLoad(file, binary, &sb))) {
        if ((caps = qemuCapsProbe(binary, &sb)))
            qemuCapsCacheSave(file, caps);
    }
    if (caps)
        g_hash_table_insert(driver->capsCache, g_strdup(binary), qemuCapsRef(caps));
    g_mutex_unlock(&driver->lock);
    return caps;
}


/* ------------------------------------------------------------------ */
/* Capabilities XML                                                   */

static void
qemuCapsFormatMachines(virBuffer *buf, const qemuCaps *caps)
{
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        const qemuCapsMachine *m = &caps->machines[i];

        virBufferAsprintf(buf, "<machine maxCpus='%u'%s>%s</machine>\n",
                          m->maxCpus, m->deprecated ? " deprecated='yes'" : "",
                          m->name);
        if (m->alias)
            virBufferAsprintf(buf, "<machine canonical='%s' maxCpus='%u'>%s</machine>\n",
                              m->name, m->maxCpus, m->alias);
    }
}


static void
qemuCapsFormatGuest(virBuffer *buf, const qemuCaps *caps, bool kvm)
{
    virBufferAddLit(buf, "<guest>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAddLit(buf, "<os_type>hvm</os_type>\n");
    virBufferAsprintf(buf, "<arch name='%s'>\n", virArchTypeToString(caps->arch));
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<wordsize>%d</wordsize>\n",
                      caps->arch == VIR_ARCH_I686 ? 32 : 64);
    virBufferEscapeString(buf, "<emulator>%s</emulator>\n", caps->binary);
    qemuCapsFormatMachines(buf, caps);
    virBufferAddLit(buf, "<domain type='qemu'/>\n");
    if (kvm)
        virBufferAddLit(buf, "<domain type='kvm'/>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</arch>\n");
    virBufferAddLit(buf, "<features>\n");
    virBufferAddLit(buf, "  <acpi default='on' toggle='yes'/>\n");
    virBufferAddLit(buf, "  <apic default='on' toggle='no'/>\n");
    virBufferAddLit(buf, "  <cpuselection/>\n");
    virBufferAddLit(buf, "  <deviceboot/>\n");
    virBufferAddLit(buf, "  <disksnapshot default='on' toggle='no'/>\n");
    virBufferAddLit(buf, "</features>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</guest>\n\n");
}


static void
qemuCapsFormatHostCPU(virBuffer *buf)
{
    struct utsname ut;
    long ncpus = sysconf(_SC_NPROCESSORS_CONF);

    uname(&ut);
    virBufferAddLit(buf, "<cpu>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<arch>%s</arch>\n", ut.machine);
    virBufferAsprintf(buf,
                      "<topology sockets='1' dies='1' cores='%ld' threads='1'/>\n",
                      ncpus > 0 ? ncpus : 1);
    virBufferAsprintf(buf, "<pages unit='KiB' size='%ld'/>\n",
                      sysconf(_SC_PAGESIZE) / 1024);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cpu>\n");
}


/**
 * qemuCapsFormatHost:
 * @driver: a driver state
 *
 * Returns the capabilities XML of the host: its CPU architecture,
 * migration transports, no security model, and one hvm guest per
 * emulator found in PATH for the host's architecture, with its machine
 * types and domain types (qemu, and kvm when /dev/kvm is usable).
 * Caller frees; NULL with an error set.
 */
char *
qemuCapsFormatHost(qemuDriver *driver)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *binary = qemuCapsFindBinary(VIR_ARCH_X86_64);
    g_autoptr(qemuCaps) caps = NULL;

    if (binary && !(caps = qemuCapsCacheLookup(driver, binary)))
        return NULL;

    virBufferAddLit(&buf, "<capabilities>\n\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAddLit(&buf, "<host>\n");
    virBufferAdjustIndent(&buf, 2);
    qemuCapsFormatHostCPU(&buf);
    virBufferAddLit(&buf, "<power_management/>\n");
    virBufferAddLit(&buf, "<iommu support='no'/>\n");
    virBufferAddLit(&buf, "<migration_features>\n");
    virBufferAddLit(&buf, "  <live/>\n");
    virBufferAddLit(&buf, "  <uri_transports>\n");
    virBufferAddLit(&buf, "    <uri_transport>tcp</uri_transport>\n");
    virBufferAddLit(&buf, "    <uri_transport>rdma</uri_transport>\n");
    virBufferAddLit(&buf, "  </uri_transports>\n");
    virBufferAddLit(&buf, "</migration_features>\n");
    virBufferAddLit(&buf, "<secmodel>\n");
    virBufferAddLit(&buf, "  <model>none</model>\n");
    virBufferAddLit(&buf, "  <doi>0</doi>\n");
    virBufferAddLit(&buf, "</secmodel>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</host>\n\n");
    if (caps)
        qemuCapsFormatGuest(&buf, caps, qemuKVMUsable());
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</capabilities>\n");
    return virBufferContentAndReset(&buf);
}


static void
qemuCapsFormatEnum(virBuffer *buf, const char *name, const char *const *values)
{
    size_t i;

    virBufferAsprintf(buf, "<enum name='%s'>\n", name);
    for (i = 0; values[i]; i++)
        virBufferAsprintf(buf, "  <value>%s</value>\n", values[i]);
    virBufferAddLit(buf, "</enum>\n");
}


static void
qemuCapsFormatDomainCPU(virBuffer *buf, const qemuCaps *caps, bool kvm)
{
    size_t i;

    virBufferAddLit(buf, "<cpu>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<mode name='host-passthrough' supported='%s'/>\n",
                      kvm ? "yes" : "no");
    virBufferAddLit(buf, "<mode name='maximum' supported='yes'/>\n");
    virBufferAddLit(buf, "<mode name='host-model' supported='no'/>\n");
    virBufferAddLit(buf, "<mode name='custom' supported='yes'>\n");
    virBufferAdjustIndent(buf, 2);
    for (i = 0; caps->cpuModels && caps->cpuModels[i]; i++)
        virBufferEscapeString(buf, "<model usable='unknown'>%s</model>\n",
                              caps->cpuModels[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</mode>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cpu>\n");
}


static void
qemuCapsFormatDomainDevices(virBuffer *buf)
{
    const char *diskDevice[] = { "disk", "cdrom", NULL };
    const char *diskBus[] = { "ide", "scsi", "virtio", "sata", NULL };
    const char *graphics[] = { "vnc", NULL };
    const char *video[] = { "vga", "cirrus", "virtio", "qxl", "bochs", "none", NULL };

    virBufferAddLit(buf, "<devices>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAddLit(buf, "<disk supported='yes'>\n");
    virBufferAdjustIndent(buf, 2);
    qemuCapsFormatEnum(buf, "diskDevice", diskDevice);
    qemuCapsFormatEnum(buf, "bus", diskBus);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</disk>\n");
    virBufferAddLit(buf, "<graphics supported='yes'>\n");
    virBufferAdjustIndent(buf, 2);
    qemuCapsFormatEnum(buf, "type", graphics);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</graphics>\n");
    virBufferAddLit(buf, "<video supported='yes'>\n");
    virBufferAdjustIndent(buf, 2);
    qemuCapsFormatEnum(buf, "modelType", video);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</video>\n");
    virBufferAddLit(buf, "<hostdev supported='no'/>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</devices>\n");
}


/**
 * qemuCapsFormatDomain:
 * @driver: a driver state
 * @emulator: an emulator path, or NULL for the one of @arch
 * @arch: a guest architecture, or NULL for the emulator's
 * @machine: a machine type or alias, or NULL for the default
 * @virttype: "qemu" or "kvm", or NULL for the best the host has
 *
 * Returns the domain capabilities XML for that combination (a basic
 * subset of libvirt's: vCPUs, CPU modes and models, disk buses, video
 * and graphics types).  Caller frees; NULL with an error set.
 */
char *
qemuCapsFormatDomain(qemuDriver *driver, const char *emulator,
                     const char *arch, const char *machine,
                     const char *virttype)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *binary = NULL;
    g_autoptr(qemuCaps) caps = NULL;
    const qemuCapsMachine *m;
    virArch guestArch = VIR_ARCH_X86_64;
    bool kvm = qemuKVMUsable();

    if (arch && (int)(guestArch = virArchTypeFromString(arch)) <= 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown architecture: %1$s"), arch);
        return NULL;
    }
    if (virttype && STRNEQ(virttype, "qemu") && STRNEQ(virttype, "kvm")) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown virttype: %1$s"), virttype);
        return NULL;
    }
    if (virttype && STREQ(virttype, "kvm") && !kvm && !driver->forceTCG) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("KVM is not supported by '%1$s' on this host"),
                       NULLSTR(emulator));
        return NULL;
    }
    binary = emulator ? g_strdup(emulator) : qemuCapsFindBinary(guestArch);
    if (!binary) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unable to find any emulator to serve '%1$s' architecture"),
                       virArchTypeToString(guestArch));
        return NULL;
    }
    if (!(caps = qemuCapsCacheLookup(driver, binary)))
        return NULL;
    if (arch && caps->arch != guestArch) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("emulator '%1$s' does not support arch '%2$s'"),
                       binary, arch);
        return NULL;
    }
    if (!(m = qemuCapsFindMachine(caps, machine ? machine : qemuCapsDefaultMachine(caps)))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("the machine '%1$s' is not supported by emulator '%2$s'"),
                       NULLSTR(machine), binary);
        return NULL;
    }

    virBufferAddLit(&buf, "<domainCapabilities>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<path>%s</path>\n", binary);
    virBufferAsprintf(&buf, "<domain>%s</domain>\n",
                      virttype ? virttype : (kvm ? "kvm" : "qemu"));
    virBufferAsprintf(&buf, "<machine>%s</machine>\n", m->name);
    virBufferAsprintf(&buf, "<arch>%s</arch>\n", virArchTypeToString(caps->arch));
    virBufferAsprintf(&buf, "<vcpu max='%u'/>\n", m->maxCpus);
    virBufferAddLit(&buf, "<iothreads supported='yes'/>\n");
    virBufferAddLit(&buf, "<os supported='yes'/>\n");
    qemuCapsFormatDomainCPU(&buf, caps, kvm && STRNEQ_NULLABLE(virttype, "qemu"));
    qemuCapsFormatDomainDevices(&buf);
    virBufferAddLit(&buf, "<features/>\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domainCapabilities>\n");
    return virBufferContentAndReset(&buf);
}
