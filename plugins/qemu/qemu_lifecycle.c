/*
 * qemu_lifecycle.c: defining, looking up, starting and stopping domains
 *
 * States, reasons, events and error words follow libvirt 9.0's qemu
 * driver.  A shutdown asks the guest (ACPI power button) and returns at
 * once; a guest with no OS ignores it and keeps running, exactly as it
 * does under libvirt.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_snapshot_store.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


/* A running domain's object, or NULL with libvirt's "domain is not
 * running".  The object is locked and referenced either way the caller
 * must end it, so NULL also means it was ended here. */
static virDomainObj *
qemuDomainObjActive(virDomainPtr domain)
{
    virDomainObj *vm;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return NULL;
    if (virDomainObjCheckActive(vm) < 0) {
        virDomainObjEndAPI(&vm);
        return NULL;
    }
    return vm;
}


/**
 * qemuConnectNumOfDomains:
 *
 * Returns how many domains run.
 */
int
qemuConnectNumOfDomains(virConnectPtr conn)
{
    return virDomainObjListNumOfDomains(qemuDriverFromConn(conn)->domains, true);
}


/**
 * qemuConnectListDomains:
 *
 * Returns how many ids of running domains were stored in @ids.
 */
int
qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return virDomainObjListGetActiveIDs(qemuDriverFromConn(conn)->domains,
                                        ids, maxids);
}


/**
 * qemuConnectNumOfDefinedDomains:
 *
 * Returns how many domains are stopped.
 */
int
qemuConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return virDomainObjListNumOfDomains(qemuDriverFromConn(conn)->domains, false);
}


/**
 * qemuConnectListDefinedDomains:
 *
 * Returns how many names of stopped domains were stored in @names.
 */
int
qemuConnectListDefinedDomains(virConnectPtr conn, char **const names,
                              int maxnames)
{
    memset(names, 0, sizeof(*names) * maxnames);
    return virDomainObjListGetInactiveNames(qemuDriverFromConn(conn)->domains,
                                            names, maxnames);
}


/**
 * qemuConnectListAllDomains:
 *
 * Returns how many domains pass the VIR_CONNECT_LIST_DOMAINS_* filters.
 */
int
qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                          unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL, -1);

    return virDomainObjListExport(qemuDriverFromConn(conn)->domains, conn,
                                  domains, flags);
}


/**
 * qemuDomainLookupByID:
 *
 * Returns the running domain with @id, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
qemuDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainObj *vm;
    virDomainPtr ret;

    if (!(vm = virDomainObjListFindByID(qemuDriverFromConn(conn)->domains, id))) {
        virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching id %1$d"), id);
        return NULL;
    }
    ret = qemuDomainPublic(conn, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainLookupByUUID:
 *
 * Returns the domain with @uuid, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainObj *vm;
    virDomainPtr ret;

    if (!(vm = virDomainObjListFindByUUID(qemuDriverFromConn(conn)->domains, uuid))) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        virUUIDFormat(uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%1$s'"), uuidstr);
        return NULL;
    }
    ret = qemuDomainPublic(conn, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainLookupByName:
 *
 * Returns the domain named @name, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
qemuDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainObj *vm;
    virDomainPtr ret;

    if (!(vm = virDomainObjListFindByName(qemuDriverFromConn(conn)->domains, name))) {
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching name '%1$s'"), name);
        return NULL;
    }
    ret = qemuDomainPublic(conn, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainCreateXML:
 *
 * Start a transient domain: STARTED/BOOTED (and SUSPENDED/PAUSED with
 * VIR_DOMAIN_START_PAUSED).  Nothing remains of it when it fails.
 */
virDomainPtr
qemuDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    virDomainObj *vm;
    virDomainPtr ret = NULL;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);

    if (!(def = qemuDomainDefParse(driver, xmlDesc, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!(vm = virDomainObjListAdd(driver->domains, &def,
                                   VIR_DOMAIN_OBJ_LIST_ADD_LIVE |
                                   VIR_DOMAIN_OBJ_LIST_ADD_CHECK_LIVE, NULL)))
        return NULL;
    qemuDomainObjPrivateGet(vm);

    if (qemuProcessStart(driver, vm, -1,
                         (flags & VIR_DOMAIN_START_PAUSED) ? QEMU_PROCESS_START_PAUSED : 0) < 0) {
        qemuDomainRemoveInactive(driver, vm);
        virDomainObjEndAPI(&vm);
        return NULL;
    }
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                            VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED)
        qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ret = qemuDomainPublic(conn, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainDefineXMLFlags:
 *
 * Define a domain or replace the persistent definition of one, written
 * atomically to the config directory: DEFINED/ADDED or DEFINED/UPDATED.
 */
virDomainPtr
qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) oldDef = NULL;
    virDomainObj *vm;
    virDomainPtr ret;
    bool wasPersistent;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = qemuDomainDefParse(driver, xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (qemuDomainSaveConfig(driver, def) < 0)
        return NULL;
    if (!(vm = virDomainObjListAdd(driver->domains, &def, 0, &oldDef)))
        return NULL;
    qemuDomainObjPrivateGet(vm);
    wasPersistent = vm->persistent;
    vm->persistent = true;

    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_DEFINED,
                            oldDef || wasPersistent ? VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                                      VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ret = qemuDomainPublic(conn, vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainDefineXML:
 *
 * qemuDomainDefineXMLFlags() without flags.
 */
virDomainPtr
qemuDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return qemuDomainDefineXMLFlags(conn, xml, 0);
}


/* A stopped domain's snapshot records go with it only when the caller
 * says so (VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), as in libvirt; a
 * running one keeps them until it stops, as a transient domain.  The
 * directory goes even without records: its image bookkeeping would
 * otherwise pass to the next domain of that name. */
static int
qemuDomainUndefineSnapshots(qemuDriver *driver, virDomainObj *vm,
                            unsigned int flags)
{
    int n;

    if (virDomainObjIsActive(vm))
        return 0;
    n = virDomainSnapshotObjListNum(vm->snapshots, NULL, 0);
    if (n > 0 && !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete inactive domain with %1$d snapshots"),
                       n);
        return -1;
    }
    if (qemuSnapshotStoreDeleteAll(driver->snapshotDir, vm->def->name) < 0)
        return -1;
    virDomainSnapshotObjListRemoveAll(vm->snapshots);
    return 0;
}


/**
 * qemuDomainUndefineFlags:
 *
 * Forget a stopped domain, or make a running one transient, removing its
 * definition and autostart link: UNDEFINED/REMOVED.  A managed save
 * image needs VIR_DOMAIN_UNDEFINE_MANAGED_SAVE and a stopped domain's
 * snapshots VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, as in libvirt.
 */
int
qemuDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    g_autofree char *config = NULL;
    g_autofree char *link = NULL;
    g_autofree char *save = NULL;
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_NVRAM, -1);

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot undefine transient domain"));
        goto cleanup;
    }
    if (qemuDomainUndefineSnapshots(driver, vm, flags) < 0)
        goto cleanup;
    save = qemuDriverManagedSavePath(driver, vm->def->name);
    if (vm->hasManagedSave) {
        if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("Refusing to undefine while domain managed save image exists"));
            goto cleanup;
        }
        if (unlink(save) < 0 && errno != ENOENT) {
            virReportSystemError(errno, _("Failed to remove domain managed save image '%1$s'"),
                                 save);
            goto cleanup;
        }
        vm->hasManagedSave = false;
    }

    config = qemuDriverConfigFile(driver, vm->def->name);
    link = qemuDriverAutostartLink(driver, vm->def->name);
    if (unlink(config) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove config %1$s"), config);
        goto cleanup;
    }
    unlink(link);
    vm->autostart = false;

    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_UNDEFINED,
                            VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    vm->persistent = false;
    if (virDomainObjIsActive(vm)) {
        g_clear_pointer(&vm->newDef, virDomainDefFree);
        if (qemuDomainSaveStatus(driver, vm) < 0)
            virResetLastError();
    } else {
        qemuDomainRemoveInactive(driver, vm);
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainUndefine:
 *
 * qemuDomainUndefineFlags() without flags.
 */
int
qemuDomainUndefine(virDomainPtr domain)
{
    return qemuDomainUndefineFlags(domain, 0);
}


/**
 * qemuDomainCreateWithFlags:
 *
 * Start a defined domain, from its managed save image when it has one.
 */
int
qemuDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_BYPASS_CACHE |
                  VIR_DOMAIN_START_FORCE_BOOT | VIR_DOMAIN_START_VALIDATE, -1);

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        goto cleanup;
    }
    if ((flags & VIR_DOMAIN_START_FORCE_BOOT) && vm->hasManagedSave) {
        g_autofree char *save = qemuDriverManagedSavePath(driver, vm->def->name);

        unlink(save);
        vm->hasManagedSave = false;
    }
    if (qemuProcessStartWithEvents(driver, vm, flags & VIR_DOMAIN_START_PAUSED) < 0)
        goto cleanup;
    virDomainSetIdInternal(domain, vm->def->id);
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainCreate:
 *
 * qemuDomainCreateWithFlags() without flags.
 */
int
qemuDomainCreate(virDomainPtr domain)
{
    return qemuDomainCreateWithFlags(domain, 0);
}


/**
 * qemuDomainDestroyFlags:
 *
 * Stop QEMU (SIGTERM, then SIGKILL after a grace period unless
 * VIR_DOMAIN_DESTROY_GRACEFUL): STOPPED/DESTROYED.
 */
int
qemuDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);

    if (!(vm = qemuDomainObjActive(domain)))
        return -1;
    qemuDomainObjPrivateGet(vm)->beingDestroyed = true;
    if ((flags & VIR_DOMAIN_DESTROY_GRACEFUL) && qemuProcessKill(vm, true) < 0) {
        qemuDomainObjPrivateGet(vm)->beingDestroyed = false;
        goto cleanup;
    }
    qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_DESTROYED);
    virDomainSetIdInternal(domain, -1);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_STOPPED,
                            VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    qemuDomainRemoveInactive(driver, vm);
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainDestroy:
 *
 * qemuDomainDestroyFlags() without flags.
 */
int
qemuDomainDestroy(virDomainPtr domain)
{
    return qemuDomainDestroyFlags(domain, 0);
}


/* Run a QMP command without arguments on a running domain. */
static int
qemuDomainMonitorRun(virDomainPtr domain, const char *command)
{
    virDomainObj *vm;
    int ret;

    if (!(vm = qemuDomainObjActive(domain)))
        return -1;
    ret = qemuMonitorRun(qemuDomainObjPrivateGet(vm)->mon, command);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainShutdownFlags:
 *
 * Press the guest's ACPI power button (system_powerdown) and return; the
 * domain goes to shut off when the guest powers off.
 */
int
qemuDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, -1);

    return qemuDomainMonitorRun(domain, "system_powerdown");
}


/**
 * qemuDomainShutdown:
 *
 * qemuDomainShutdownFlags() without flags.
 */
int
qemuDomainShutdown(virDomainPtr domain)
{
    return qemuDomainShutdownFlags(domain, 0);
}


/**
 * qemuDomainReboot:
 *
 * Ask the guest to reboot.  Without a guest agent or ACPI reboot in
 * QEMU, the closest is a reset (system_reset), which needs no guest
 * cooperation.
 */
int
qemuDomainReboot(virDomainPtr domain, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_REBOOT_DEFAULT | VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, -1);

    return qemuDomainMonitorRun(domain, "system_reset");
}


/**
 * qemuDomainReset:
 *
 * Reset the guest at once (system_reset).
 */
int
qemuDomainReset(virDomainPtr domain, unsigned int flags)
{
    virCheckFlags(0, -1);

    return qemuDomainMonitorRun(domain, "system_reset");
}


/**
 * qemuDomainSuspend:
 *
 * Pause the vCPUs (stop): SUSPENDED/PAUSED.
 */
int
qemuDomainSuspend(virDomainPtr domain)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    int ret = -1;

    if (!(vm = qemuDomainObjActive(domain)))
        return -1;
    if (virDomainObjGetState(vm, NULL) == VIR_DOMAIN_PAUSED) {
        ret = 0;
        goto cleanup;
    }
    if (qemuMonitorRun(qemuDomainObjPrivateGet(vm)->mon, "stop") < 0)
        goto cleanup;
    qemuDomainSetRunState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    if (qemuDomainSaveStatus(driver, vm) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainResume:
 *
 * Let the vCPUs run again (cont): RESUMED/UNPAUSED.
 */
int
qemuDomainResume(virDomainPtr domain)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    virDomainObj *vm;
    int ret = -1;

    if (!(vm = qemuDomainObjActive(domain)))
        return -1;
    if (virDomainObjGetState(vm, NULL) == VIR_DOMAIN_RUNNING) {
        ret = 0;
        goto cleanup;
    }
    if (qemuMonitorRun(qemuDomainObjPrivateGet(vm)->mon, "cont") < 0)
        goto cleanup;
    qemuDomainSetRunState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    qemuDomainEmitLifecycle(driver, vm, VIR_DOMAIN_EVENT_RESUMED,
                            VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    if (qemuDomainSaveStatus(driver, vm) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}
