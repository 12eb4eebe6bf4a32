/*
 * qemu_save.c: saving a guest's state to a file and starting from it
 *
 * A save image has libvirt's layout, so that either can read the
 * other's: a header (magic, version 2, length of the XML, whether the
 * guest ran, compression 0), the domain XML padded with NULs, then
 * QEMU's migration stream, written through a descriptor handed to QEMU
 * with getfd.  The magic says "LibvirtQemudPart" until the stream is
 * complete and synced, and only then "LibvirtQemudSave": a crash while
 * saving leaves an image that is refused, never a truncated one that
 * loads.  Managed save images live in the save directory as NAME.save.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SAVE_MAGIC "LibvirtQemudSave"
#define QEMU_SAVE_PARTIAL "LibvirtQemudPart"
#define QEMU_SAVE_VERSION 2
#define QEMU_SAVE_ALIGN 4096
/* Bytes per second: no throttling of the stream to a local file. */
#define QEMU_SAVE_BANDWIDTH 8589934592LL
/* How long QEMU may take to write the state, in ms. */
#define QEMU_SAVE_TIMEOUT_MS (10 * 60 * 1000)

typedef struct _qemuSaveHeader qemuSaveHeader;
struct _qemuSaveHeader {
    char magic[16];
    uint32_t version;
    uint32_t dataLen;           /* the XML and its padding */
    uint32_t wasRunning;
    uint32_t compressed;
    uint32_t cookieOffset;
    uint32_t unused[15];
};
G_STATIC_ASSERT(sizeof(qemuSaveHeader) == 96);


static int
qemuSaveWriteAll(int fd, const void *buf, size_t len, const char *path)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("failed to write to '%1$s'"), path);
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}


static int
qemuSaveWaitMigration(virDomainObj *vm, qemuMonitor *mon)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)QEMU_SAVE_TIMEOUT_MS * 1000;

    for (;;) {
        g_autoptr(json_object) ret = NULL;
        json_object *val;
        const char *status;

        if (qemuMonitorCommand(mon, "query-migrate", NULL, -1, -1, &ret) < 0)
            return -1;
        status = json_object_object_get_ex(ret, "status", &val) ?
                 json_object_get_string(val) : "";
        if (STREQ(status, "completed"))
            return 0;
        if (STREQ(status, "failed") || STREQ(status, "cancelled")) {
            json_object *desc = NULL;

            json_object_object_get_ex(ret, "error-desc", &desc);
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("saving domain '%1$s' failed: %2$s"), vm->def->name,
                           desc ? json_object_get_string(desc) : status);
            return -1;
        }
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("saving domain '%1$s' did not complete"), vm->def->name);
            return -1;
        }
        g_usleep(10 * 1000);
    }
}


static int
qemuSaveMigrateTo(virDomainObj *vm, int fd)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    json_object *args = json_object_new_object();

    json_object_object_add(args, "max-bandwidth",
                           json_object_new_int64(QEMU_SAVE_BANDWIDTH));
    if (qemuMonitorCommand(priv->mon, "migrate-set-parameters", args, -1, -1, NULL) < 0)
        return -1;

    args = json_object_new_object();
    json_object_object_add(args, "fdname", json_object_new_string("migrate"));
    if (qemuMonitorCommand(priv->mon, "getfd", args, fd, -1, NULL) < 0)
        return -1;

    args = json_object_new_object();
    json_object_object_add(args, "uri", json_object_new_string("fd:migrate"));
    if (qemuMonitorCommand(priv->mon, "migrate", args, -1, -1, NULL) < 0)
        return -1;
    return qemuSaveWaitMigration(vm, priv->mon);
}


static int
qemuSaveWriteImage(virDomainObj *vm, const char *path, bool wasRunning)
{
    g_autofree char *xml = virDomainDefFormat(vm->def,
                                              VIR_DOMAIN_DEF_FORMAT_SECURE |
                                              VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                              VIR_DOMAIN_DEF_FORMAT_MIGRATABLE);
    size_t xmlLen = strlen(xml) + 1;
    size_t dataLen = ((sizeof(qemuSaveHeader) + xmlLen + QEMU_SAVE_ALIGN - 1) /
                      QEMU_SAVE_ALIGN) * QEMU_SAVE_ALIGN - sizeof(qemuSaveHeader);
    g_autofree char *data = g_malloc0(dataLen);
    qemuSaveHeader header = { .version = QEMU_SAVE_VERSION };
    int fd;
    int ret = -1;

    memcpy(header.magic, QEMU_SAVE_PARTIAL, sizeof(header.magic));
    header.dataLen = dataLen;
    header.wasRunning = wasRunning;
    memcpy(data, xml, xmlLen);

    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("failed to create '%1$s'"), path);
        return -1;
    }
    if (qemuSaveWriteAll(fd, &header, sizeof(header), path) < 0 ||
        qemuSaveWriteAll(fd, data, dataLen, path) < 0 ||
        qemuSaveMigrateTo(vm, fd) < 0)
        goto cleanup;

    /* The stream first, then the magic that makes it an image. */
    memcpy(header.magic, QEMU_SAVE_MAGIC, sizeof(header.magic));
    if (fdatasync(fd) < 0 ||
        pwrite(fd, &header, sizeof(header), 0) != sizeof(header) ||
        fdatasync(fd) < 0) {
        virReportSystemError(errno, _("failed to write to '%1$s'"), path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (close(fd) < 0 && ret == 0) {
        virReportSystemError(errno, _("failed to write to '%1$s'"), path);
        ret = -1;
    }
    if (ret < 0)
        unlink(path);
    return ret;
}


/**
 * qemuSaveImageWrite:
 * @driver: a driver state
 * @vm: a running or paused domain, locked
 * @path: the image to create
 * @live: let the guest run while its memory is written
 *
 * Pause @vm and write its definition and state to @path.  With @live
 * the guest keeps running while QEMU copies its memory, and QEMU
 * pauses it itself when the copy converges (as libvirt's live
 * snapshots do); either way @vm is paused on success.  On failure
 * the image is removed and @vm runs again if it ran.  The caller stops
 * QEMU or resumes it on success.  Returns 0 or -1 with an error naming
 * the domain.
 */
int
qemuSaveImageWrite(qemuDriver *driver G_GNUC_UNUSED, virDomainObj *vm,
                   const char *path, bool live)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    int reason;
    bool wasRunning = virDomainObjGetState(vm, &reason) == VIR_DOMAIN_RUNNING;

    if (wasRunning && !live) {
        if (qemuMonitorRun(priv->mon, "stop") < 0)
            return -1;
        qemuDomainSetRunState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SAVE);
    }
    if (qemuSaveWriteImage(vm, path, wasRunning) == 0) {
        /* QEMU left the guest in "postmigrate": paused until 'cont' */
        if (wasRunning && live)
            qemuDomainSetRunState(vm, VIR_DOMAIN_PAUSED,
                                  VIR_DOMAIN_PAUSED_SNAPSHOT);
    } else {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (wasRunning && qemuMonitorIsAlive(priv->mon) &&
            qemuMonitorRun(priv->mon, "cont") == 0)
            qemuDomainSetRunState(vm, VIR_DOMAIN_RUNNING, reason);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}


/**
 * qemuSaveImageOpen:
 * @path: a save image
 * @def: set to the saved definition (caller frees)
 * @wasRunning: set to whether the guest ran when saved
 *
 * Returns a descriptor positioned at the migration stream (caller
 * closes), or -1 with an error: VIR_ERR_OPERATION_FAILED for a file
 * that is not a complete save image.
 */
int
qemuSaveImageOpen(const char *path, virDomainDef **def, bool *wasRunning)
{
    qemuSaveHeader header;
    g_autofree char *xml = NULL;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open save image '%1$s'"), path);
        return -1;
    }
    if (read(fd, &header, sizeof(header)) != sizeof(header) ||
        memcmp(header.magic, QEMU_SAVE_MAGIC, sizeof(header.magic)) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       memcmp(header.magic, QEMU_SAVE_PARTIAL, sizeof(header.magic)) == 0 ?
                       _("save image '%1$s' is incomplete") :
                       _("image magic is incorrect in '%1$s'"), path);
        goto error;
    }
    if (header.version != QEMU_SAVE_VERSION || header.compressed != 0 ||
        header.dataLen == 0 || header.dataLen > 64 * 1024 * 1024) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("save image '%1$s' has an unsupported version or compression"),
                       path);
        goto error;
    }
    xml = g_malloc0(header.dataLen + 1);
    if (read(fd, xml, header.dataLen) != (ssize_t)header.dataLen) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("failed to read domain XML from '%1$s'"), path);
        goto error;
    }
    if (!(*def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        goto error;
    *wasRunning = header.wasRunning;
    return fd;

 error:
    close(fd);
    return -1;
}


/* ------------------------------------------------------------------ */
/* The API                                                            */

/* Save @vm to @path and stop it: STOPPED/SAVED. */
static int
qemuDomainSaveTo(qemuDriver *driver, virDomainPtr domain, virDomainObj *vm,
                 const char *path)
{
    if (virDomainObjCheckActive(vm) < 0 ||
        qemuSaveImageWrite(driver, vm, path, false) < 0)
        return -1;
    qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_SAVED);
    if (domain)
        virDomainSetIdInternal(domain, -1);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STOPPED,
                            VIR_DOMAIN_EVENT_STOPPED_SAVED);
    return 0;
}


/**
 * qemuDomainManagedSave:
 *
 * Save a running persistent domain to its managed save image and stop
 * it; the next start resumes from the image.
 */
int
qemuDomainManagedSave(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    g_autofree char *path = NULL;
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot do managed save for transient domain"));
        goto cleanup;
    }
    path = qemuDriverManagedSavePath(driver, vm->def->name);
    if (qemuDomainSaveTo(driver, domain, vm, path) < 0)
        goto cleanup;
    vm->hasManagedSave = true;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainHasManagedSaveImage:
 *
 * Returns 1 when the domain has a managed save image, 0 when not.
 */
int
qemuDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *vm;
    int ret;

    virCheckFlags(0, -1);
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    ret = vm->hasManagedSave ? 1 : 0;
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainManagedSaveRemove:
 *
 * Delete the domain's managed save image: the next start boots afresh.
 */
int
qemuDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    g_autofree char *path = NULL;
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    path = qemuDriverManagedSavePath(driver, vm->def->name);
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("Failed to remove managed save file '%1$s'"),
                             path);
        goto cleanup;
    }
    vm->hasManagedSave = false;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/* Start @vm (stopped, locked) from the image @path; its saved XML
 * becomes the live definition.  Emits STARTED/RESTORED, then
 * SUSPENDED/PAUSED when it stays paused. */
static int
qemuDomainStartFromImage(qemuDriver *driver, virDomainObj *vm,
                         const char *path, bool paused)
{
    g_autoptr(virDomainDef) def = NULL;
    bool wasRunning = false;
    unsigned int flags = QEMU_PROCESS_START_RESTORE;
    int fd;
    int rc;

    if ((fd = qemuSaveImageOpen(path, &def, &wasRunning)) < 0)
        return -1;
    if (memcmp(def->uuid, vm->def->uuid, VIR_UUID_BUFLEN) != 0 ||
        STRNEQ(def->name, vm->def->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("save image '%1$s' belongs to domain '%2$s', not '%3$s'"),
                       path, def->name, vm->def->name);
        close(fd);
        return -1;
    }
    if (qemuDomainDefPostParse(driver, def, NULL) < 0) {
        close(fd);
        return -1;
    }
    virDomainObjAssignDef(vm, &def, true, NULL);
    if (paused || !wasRunning)
        flags |= QEMU_PROCESS_START_PAUSED;
    rc = qemuProcessStart(driver, vm, fd, flags);
    close(fd);
    if (rc < 0)
        return -1;

    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                            VIR_DOMAIN_EVENT_STARTED_RESTORED);
    if (flags & QEMU_PROCESS_START_PAUSED)
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_RESTORED);
    return 0;
}


/**
 * qemuDomainRestoreManagedSave:
 * @driver: a driver state
 * @vm: a stopped domain with a managed save image, locked
 * @paused: stay paused after loading
 *
 * Start @vm from its managed save image, which is deleted once the
 * guest runs from it.  Returns 0 or -1 with an error (the image stays).
 */
int
qemuDomainRestoreManagedSave(qemuDriver *driver, virDomainObj *vm, bool paused)
{
    g_autofree char *path = qemuDriverManagedSavePath(driver, vm->def->name);

    if (qemuDomainStartFromImage(driver, vm, path, paused) < 0)
        return -1;
    if (unlink(path) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove managed save image '%s'", path);
    vm->hasManagedSave = false;
    return 0;
}


/**
 * qemuDomainSave:
 *
 * Save a running domain to the file @to and stop it.
 */
int
qemuDomainSave(virDomainPtr domain, const char *to)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    int ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    ret = qemuDomainSaveTo(driver, domain, vm, to);
    qemuDomainRemoveInactive(driver, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainRestore:
 *
 * Start the domain saved in the file @from (defining it transiently
 * when it is not known).
 */
int
qemuDomainRestore(virConnectPtr conn, const char *from)
{
    qemuDriver *driver = qemuDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    bool wasRunning;
    virDomainObj *vm;
    int fd;
    int ret;

    if ((fd = qemuSaveImageOpen(from, &def, &wasRunning)) < 0)
        return -1;
    close(fd);
    if (qemuDomainDefPostParse(driver, def, NULL) < 0 ||
        !(vm = virDomainObjListAdd(driver->domains, &def,
                                   VIR_DOMAIN_OBJ_LIST_ADD_LIVE |
                                   VIR_DOMAIN_OBJ_LIST_ADD_CHECK_LIVE, NULL)))
        return -1;
    ret = qemuDomainStartFromImage(driver, vm, from, false);
    qemuDomainRemoveInactive(driver, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/* ------------------------------------------------------------------ */
/* The saved definition                                               */

/* The definition stored in the image @path, and whether the guest ran. */
static virDomainDef *
qemuSaveImageReadDef(const char *path, bool *wasRunning)
{
    virDomainDef *def = NULL;
    int fd;

    if ((fd = qemuSaveImageOpen(path, &def, wasRunning)) < 0)
        return NULL;
    close(fd);
    return def;
}


static char *
qemuSaveImageFormatDef(const char *path, unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    bool wasRunning;

    virCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    if (!(def = qemuSaveImageReadDef(path, &wasRunning)))
        return NULL;
    return virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                              ((flags & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) ?
                               VIR_DOMAIN_DEF_FORMAT_SECURE : 0));
}


/* A new definition for a saved guest keeps what its memory image
 * depends on; the parts checked are those a guest cannot change
 * identity or accelerator without.  libvirt's code and words. */
static int
qemuSaveImageCheckDef(const virDomainDef *saved, const virDomainDef *def)
{
    char savedUUID[VIR_UUID_STRING_BUFLEN];
    char newUUID[VIR_UUID_STRING_BUFLEN];

    if (saved->virtType != def->virtType) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Target domain virt type %1$s does not match source %2$s"),
                       virDomainVirtTypeToString(def->virtType),
                       virDomainVirtTypeToString(saved->virtType));
        return -1;
    }
    if (memcmp(saved->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virUUIDFormat(saved->uuid, savedUUID);
        virUUIDFormat(def->uuid, newUUID);
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Target domain uuid %1$s does not match source %2$s"),
                       newUUID, savedUUID);
        return -1;
    }
    if (STRNEQ(saved->name, def->name)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Target domain name '%1$s' does not match source '%2$s'"),
                       def->name, saved->name);
        return -1;
    }
    return 0;
}


/* Copies @in from @offset to its end into @out. */
static int
qemuSaveCopyRest(int in, off_t offset, int out, const char *path)
{
    char buf[64 * 1024];
    ssize_t got;

    if (lseek(in, offset, SEEK_SET) < 0) {
        virReportSystemError(errno, _("cannot read '%1$s'"), path);
        return -1;
    }
    while ((got = read(in, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, _("cannot read '%1$s'"), path);
            return -1;
        }
        if (qemuSaveWriteAll(out, buf, got, path) < 0)
            return -1;
    }
    return 0;
}


/* Replaces the definition in the image @path by @def (and its running
 * state when @flags says): a new image beside it, renamed over it once
 * synced, so that a crash leaves either image whole. */
static int
qemuSaveImageRewrite(const char *path, const virDomainDef *def,
                     unsigned int flags)
{
    g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                                   VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                                   VIR_DOMAIN_DEF_FORMAT_MIGRATABLE);
    g_autofree char *tmp = g_strdup_printf("%s.XXXXXX", path);
    g_autofree char *data = NULL;
    qemuSaveHeader header;
    size_t xmlLen;
    size_t dataLen;
    int in = -1;
    int out = -1;
    int ret = -1;

    if (!xml)
        return -1;
    if ((in = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
        read(in, &header, sizeof(header)) != sizeof(header)) {
        virReportSystemError(errno, _("cannot open save image '%1$s'"), path);
        goto cleanup;
    }
    xmlLen = strlen(xml) + 1;
    dataLen = ((sizeof(header) + xmlLen + QEMU_SAVE_ALIGN - 1) /
               QEMU_SAVE_ALIGN) * QEMU_SAVE_ALIGN - sizeof(header);
    data = g_malloc0(dataLen);
    memcpy(data, xml, xmlLen);
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        header.wasRunning = 1;
    else if (flags & VIR_DOMAIN_SAVE_PAUSED)
        header.wasRunning = 0;
    {
        off_t stream = sizeof(header) + header.dataLen;

        header.dataLen = dataLen;
        if ((out = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0) {
            virReportSystemError(errno, _("failed to create '%1$s'"), tmp);
            goto cleanup;
        }
        if (qemuSaveWriteAll(out, &header, sizeof(header), tmp) < 0 ||
            qemuSaveWriteAll(out, data, dataLen, tmp) < 0 ||
            qemuSaveCopyRest(in, stream, out, tmp) < 0)
            goto cleanup;
    }
    if (fdatasync(out) < 0 || close(out) < 0) {
        out = -1;
        virReportSystemError(errno, _("failed to write to '%1$s'"), tmp);
        goto cleanup;
    }
    out = -1;
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, _("cannot rename '%1$s' to '%2$s'"), tmp, path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    if (ret < 0)
        unlink(tmp);
    return ret;
}


static int
qemuSaveImageDefine(qemuDriver *driver, const char *path, const char *dxml,
                    unsigned int flags)
{
    g_autoptr(virDomainDef) saved = NULL;
    g_autoptr(virDomainDef) def = NULL;
    bool wasRunning;

    virCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    VIR_EXCLUSIVE_FLAGS_RET(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(saved = qemuSaveImageReadDef(path, &wasRunning)) ||
        !(def = virDomainDefParseString(dxml, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        qemuDomainDefPostParse(driver, def, NULL) < 0 ||
        qemuSaveImageCheckDef(saved, def) < 0)
        return -1;
    return qemuSaveImageRewrite(path, def, flags);
}


/**
 * qemuDomainSaveImageGetXMLDesc:
 *
 * The definition stored in the save image @path.
 */
char *
qemuDomainSaveImageGetXMLDesc(virConnectPtr conn G_GNUC_UNUSED,
                              const char *path, unsigned int flags)
{
    return qemuSaveImageFormatDef(path, flags);
}


/**
 * qemuDomainSaveImageDefineXML:
 *
 * Replaces the definition stored in the save image @path, which a
 * restore will use; RUNNING or PAUSED also change how it restores.
 */
int
qemuDomainSaveImageDefineXML(virConnectPtr conn, const char *path,
                             const char *dxml, unsigned int flags)
{
    return qemuSaveImageDefine(qemuDriverFromConn(conn), path, dxml, flags);
}


/* The managed save image of @domain, or NULL with libvirt's error when
 * it has none. */
static char *
qemuManagedSaveImagePath(virDomainPtr domain, qemuDriver **driver)
{
    virDomainObj *vm;
    char *path = NULL;

    *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return NULL;
    if (!vm->hasManagedSave)
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain does not have managed save image"));
    else
        path = qemuDriverManagedSavePath(*driver, vm->def->name);
    virDomainObjEndAPI(&vm);
    return path;
}


/**
 * qemuDomainManagedSaveGetXMLDesc:
 *
 * The definition stored in the domain's managed save image.
 */
char *
qemuDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver;
    g_autofree char *path = NULL;

    virCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    if (!(path = qemuManagedSaveImagePath(domain, &driver)))
        return NULL;
    return qemuSaveImageFormatDef(path, flags);
}


/**
 * qemuDomainManagedSaveDefineXML:
 *
 * Replaces the definition stored in the domain's managed save image.
 */
int
qemuDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml,
                               unsigned int flags)
{
    qemuDriver *driver;
    g_autofree char *path = NULL;

    virCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(path = qemuManagedSaveImagePath(domain, &driver)))
        return -1;
    return qemuSaveImageDefine(driver, path, dxml, flags);
}
