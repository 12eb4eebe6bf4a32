/*
 * test_domain.c: domain definition, lookup and lifecycle
 *
 * States, reasons, events and errors follow libvirt 9.0's test driver,
 * checked against Debian's virsh -c test:///default.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"
#include "domain_event.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* libvirt's own tables of accepted flags (kept internal there). */
#define TEST_DOMAIN_XML_FLAGS \
    (VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE)
#define TEST_DOMAIN_REBOOT_FLAGS \
    (VIR_DOMAIN_REBOOT_DEFAULT | VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | \
     VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL | \
     VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT)


/* libvirt's lookups fail with the bare "Domain not found". */
static void
testReportNoDomain(void)
{
    virRaiseErrorFull(__FILE__, __func__, __LINE__, VIR_FROM_THIS,
                      VIR_ERR_NO_DOMAIN, VIR_ERR_ERROR,
                      NULL, NULL, NULL, -1, -1, NULL);
}


static void
testQueueEvent(virConnectPtr conn, virObjectEvent *event)
{
    virObjectEventStateQueue(testDriverFromConn(conn)->eventState, event);
}


/**
 * testDomObjFromDomain:
 * @domain: a public domain object of a test connection
 *
 * Returns the domain's object, referenced and locked, or NULL with
 * VIR_ERR_NO_DOMAIN "no domain with matching uuid 'UUID' (NAME)".
 */
virDomainObj *
testDomObjFromDomain(virDomainPtr domain)
{
    testDriver *driver = testDriverFromConn(virDomainGetConnect(domain));
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainObj *obj;

    if (virDomainGetUUID(domain, uuid) < 0)
        return NULL;
    if (!(obj = virDomainObjListFindByUUID(driver->domains, uuid))) {
        virUUIDFormat(uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%1$s' (%2$s)"),
                       uuidstr, virDomainGetName(domain));
    }
    return obj;
}


/* Name every interface without a target device testnetN, the lowest N
 * no interface of the domain uses, as libvirt's test driver does. */
static int
testDomainGenerateIfnames(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        int n;

        if (def->nets[i]->ifname)
            continue;
        for (n = 0; n < 1024; n++) {
            g_autofree char *name = g_strdup_printf("testnet%d", n);
            size_t j;

            for (j = 0; j < def->nnets; j++) {
                if (STREQ_NULLABLE(def->nets[j]->ifname, name))
                    break;
            }
            if (j == def->nnets) {
                def->nets[i]->ifname = g_steal_pointer(&name);
                break;
            }
        }
        if (!def->nets[i]->ifname) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Exceeded max iface limit %1$d"), 1024);
            return -1;
        }
    }
    return 0;
}


/**
 * testDomainDefSetDefaults:
 * @def: a definition just parsed, a snapshot's included
 *
 * The test hypervisor's guests are i686 unless they say otherwise.
 */
void
testDomainDefSetDefaults(virDomainDef *def)
{
    if (def->os.arch == VIR_ARCH_NONE)
        def->os.arch = VIR_ARCH_I686;
}


/**
 * testDomainDefPostParse:
 * @def: a definition just parsed, to be defined or started
 *
 * Fill what the test hypervisor decides: the architecture and interface
 * names.  Returns 0 or -1 with an error set.
 */
int
testDomainDefPostParse(virDomainDef *def)
{
    testDomainDefSetDefaults(def);
    return testDomainGenerateIfnames(def);
}


/**
 * testDomainStartState:
 * @driver: the connection's state
 * @obj: a stopped domain, locked
 * @reason: a virDomainRunningReason
 *
 * Make @obj run: a new id, its persistent definition kept aside.
 * Returns 0, or -1 with an error set and @obj stopped (reason failed).
 */
int
testDomainStartState(testDriver *driver, virDomainObj *obj, int reason)
{
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
    obj->def->id = virDomainObjListNextID(driver->domains);

    if (virDomainObjSetDefTransient(obj) < 0) {
        testDomainShutdownState(NULL, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        return -1;
    }
    obj->hasManagedSave = false;
    return 0;
}


/**
 * testDomainShutdownState:
 * @domain: the caller's public object, whose id becomes -1; or NULL
 * @obj: the domain, locked
 * @reason: a virDomainShutoffReason
 *
 * Make @obj stopped, back on its persistent definition.
 */
void
testDomainShutdownState(virDomainPtr domain, virDomainObj *obj, int reason)
{
    virDomainObjRemoveTransientDef(obj);
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    if (domain)
        virDomainSetIdInternal(domain, -1);
}


/* Forget a transient domain that has stopped; @obj stays locked and
 * referenced for the caller's virDomainObjEndAPI(). */
static void
testDomainRemoveIfTransient(virConnectPtr conn, virDomainObj *obj)
{
    if (!obj->persistent)
        virDomainObjListRemove(testDriverFromConn(conn)->domains, obj);
}


static virDomainPtr
testDomainPublic(virConnectPtr conn, virDomainObj *obj)
{
    return virGetDomain(conn, obj->def->name, obj->def->uuid, obj->def->id);
}


/**
 * testConnectNumOfDomains:
 *
 * Returns how many domains run.
 */
int
testConnectNumOfDomains(virConnectPtr conn)
{
    return virDomainObjListNumOfDomains(testDriverFromConn(conn)->domains, true);
}


/**
 * testConnectListDomains:
 *
 * Returns how many ids of running domains were stored in @ids.
 */
int
testConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return virDomainObjListGetActiveIDs(testDriverFromConn(conn)->domains,
                                        ids, maxids);
}


/**
 * testConnectNumOfDefinedDomains:
 *
 * Returns how many domains are stopped.
 */
int
testConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return virDomainObjListNumOfDomains(testDriverFromConn(conn)->domains, false);
}


/**
 * testConnectListDefinedDomains:
 *
 * Returns how many names of stopped domains were stored in @names.
 */
int
testConnectListDefinedDomains(virConnectPtr conn, char **const names,
                              int maxnames)
{
    memset(names, 0, sizeof(*names) * maxnames);
    return virDomainObjListGetInactiveNames(testDriverFromConn(conn)->domains,
                                            names, maxnames);
}


/**
 * testConnectListAllDomains:
 *
 * Returns how many domains pass the VIR_CONNECT_LIST_DOMAINS_* filters.
 */
int
testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                          unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL, -1);

    return virDomainObjListExport(testDriverFromConn(conn)->domains, conn,
                                  domains, flags);
}


/**
 * testDomainLookupByID:
 *
 * Returns the running domain with @id, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
testDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainObj *obj;
    virDomainPtr ret;

    if (!(obj = virDomainObjListFindByID(testDriverFromConn(conn)->domains, id))) {
        testReportNoDomain();
        return NULL;
    }
    ret = testDomainPublic(conn, obj);
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainLookupByUUID:
 *
 * Returns the domain with @uuid, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainObj *obj;
    virDomainPtr ret;

    if (!(obj = virDomainObjListFindByUUID(testDriverFromConn(conn)->domains,
                                           uuid))) {
        testReportNoDomain();
        return NULL;
    }
    ret = testDomainPublic(conn, obj);
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainLookupByName:
 *
 * Returns the domain named @name, or NULL with VIR_ERR_NO_DOMAIN.
 */
virDomainPtr
testDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainObj *obj;
    virDomainPtr ret;

    if (!(obj = virDomainObjListFindByName(testDriverFromConn(conn)->domains,
                                           name))) {
        testReportNoDomain();
        return NULL;
    }
    ret = testDomainPublic(conn, obj);
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainCreateXML:
 *
 * Start a transient domain (or start a stopped persistent one with a new
 * definition): STARTED/BOOTED.
 */
virDomainPtr
testDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                    unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    virObjectEvent *event;
    virDomainObj *obj;
    virDomainPtr ret;

    virCheckFlags(VIR_DOMAIN_START_VALIDATE, NULL);

    if ((flags & VIR_DOMAIN_START_VALIDATE) &&
        virDomainDefValidateSchema(xmlDesc) < 0)
        return NULL;
    if (!(def = virDomainDefParseString(xmlDesc, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        testDomainDefPostParse(def) < 0)
        return NULL;

    if (!(obj = virDomainObjListAdd(driver->domains, &def,
                                    VIR_DOMAIN_OBJ_LIST_ADD_LIVE |
                                    VIR_DOMAIN_OBJ_LIST_ADD_CHECK_LIVE,
                                    NULL)))
        return NULL;

    if (testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_BOOTED) < 0) {
        testDomainRemoveIfTransient(conn, obj);
        virDomainObjEndAPI(&obj);
        return NULL;
    }

    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STARTED,
                                              VIR_DOMAIN_EVENT_STARTED_BOOTED);
    ret = testDomainPublic(conn, obj);
    virDomainObjEndAPI(&obj);
    testQueueEvent(conn, event);
    return ret;
}


/**
 * testDomainDefineXMLFlags:
 *
 * Define a domain or replace the persistent definition of one:
 * DEFINED/ADDED or DEFINED/UPDATED.
 */
virDomainPtr
testDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                         unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) oldDef = NULL;
    virObjectEvent *event;
    virDomainObj *obj;
    virDomainPtr ret;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if ((flags & VIR_DOMAIN_DEFINE_VALIDATE) &&
        virDomainDefValidateSchema(xml) < 0)
        return NULL;
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        testDomainDefPostParse(def) < 0)
        return NULL;

    if (!(obj = virDomainObjListAdd(driver->domains, &def, 0, &oldDef)))
        return NULL;
    obj->persistent = true;

    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_DEFINED,
                                              oldDef ?
                                              VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                              VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ret = testDomainPublic(conn, obj);
    virDomainObjEndAPI(&obj);
    testQueueEvent(conn, event);
    return ret;
}


/**
 * testDomainDefineXML:
 *
 * testDomainDefineXMLFlags() without flags.
 */
virDomainPtr
testDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return testDomainDefineXMLFlags(conn, xml, 0);
}


/**
 * testDomainUndefineFlags:
 *
 * Forget a stopped domain, or make a running one transient:
 * UNDEFINED/REMOVED.  Snapshots need VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA
 * (for a stopped domain, as libvirt requires), a managed save image
 * VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.
 */
int
testDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    virObjectEvent *event;
    virDomainObj *obj;
    int nsnapshots;

    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("Refusing to undefine while domain managed save image exists"));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    if (!virDomainObjIsActive(obj) &&
        (nsnapshots = virDomainSnapshotObjListNum(obj->snapshots, NULL, 0)) > 0 &&
        !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete inactive domain with %1$d snapshots"),
                       nsnapshots);
        virDomainObjEndAPI(&obj);
        return -1;
    }

    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                              VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    obj->hasManagedSave = false;
    if (virDomainObjIsActive(obj))
        obj->persistent = false;
    else
        virDomainObjListRemove(testDriverFromConn(virDomainGetConnect(domain))->domains,
                               obj);
    virDomainObjEndAPI(&obj);
    testQueueEvent(virDomainGetConnect(domain), event);
    return 0;
}


/**
 * testDomainUndefine:
 *
 * testDomainUndefineFlags() without flags.
 */
int
testDomainUndefine(virDomainPtr domain)
{
    return testDomainUndefineFlags(domain, 0);
}


/**
 * testDomainCreateWithFlags:
 *
 * Start a stopped domain: STARTED/BOOTED.  libvirt's test driver takes
 * no flag, VIR_DOMAIN_START_PAUSED included.
 */
int
testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    virObjectEvent *event;
    virDomainObj *obj;

    virCheckFlags(0, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (virDomainObjGetState(obj, NULL) != VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Domain '%1$s' is already running"),
                       virDomainGetName(domain));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    if (testDomainStartState(testDriverFromConn(conn), obj,
                             VIR_DOMAIN_RUNNING_BOOTED) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    virDomainSetIdInternal(domain, obj->def->id);

    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STARTED,
                                              VIR_DOMAIN_EVENT_STARTED_BOOTED);
    virDomainObjEndAPI(&obj);
    testQueueEvent(conn, event);
    return 0;
}


/**
 * testDomainCreate:
 *
 * testDomainCreateWithFlags() without flags.
 */
int
testDomainCreate(virDomainPtr domain)
{
    return testDomainCreateWithFlags(domain, 0);
}


/* Stop @obj for @reason with the STOPPED event @detail, forgetting it
 * when transient. */
static void
testDomainStop(virDomainPtr domain, virDomainObj *obj, int reason, int detail)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    virObjectEvent *event;

    testDomainShutdownState(domain, obj, reason);
    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_STOPPED,
                                              detail);
    testDomainRemoveIfTransient(conn, obj);
    testQueueEvent(conn, event);
}


/**
 * testDomainDestroyFlags:
 *
 * Stop a running domain: STOPPED/DESTROYED.
 */
int
testDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(obj) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }

    testDomainStop(domain, obj, VIR_DOMAIN_SHUTOFF_DESTROYED,
                   VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainDestroy:
 *
 * testDomainDestroyFlags() without flags.
 */
int
testDomainDestroy(virDomainPtr domain)
{
    return testDomainDestroyFlags(domain, 0);
}


/* The state a guest-initiated power off or reboot leads to, by the
 * domain's <on_poweroff>/<on_reboot> action. */
static void
testDomainActionSetState(virDomainObj *obj, int action)
{
    switch (action) {
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART:
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME:
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
        break;
    default:
        virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
        break;
    }
}


/**
 * testDomainShutdownFlags:
 *
 * Shut a running or paused domain down as its <on_poweroff> says:
 * STOPPED/SHUTDOWN when it stops.
 */
int
testDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(0, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (virDomainObjGetState(obj, NULL) == VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("domain '%1$s' not running"),
                       virDomainGetName(domain));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    testDomainActionSetState(obj, obj->def->onPoweroff);
    if (virDomainObjGetState(obj, NULL) == VIR_DOMAIN_SHUTOFF)
        testDomainStop(domain, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                       VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainShutdown:
 *
 * testDomainShutdownFlags() without flags.
 */
int
testDomainShutdown(virDomainPtr domain)
{
    return testDomainShutdownFlags(domain, 0);
}


/**
 * testDomainReboot:
 *
 * Reboot as <on_reboot> says: running again (reason booted) without any
 * event, as libvirt's test driver; STOPPED/SHUTDOWN when it stops.
 */
int
testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(TEST_DOMAIN_REBOOT_FLAGS, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(obj) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }

    testDomainActionSetState(obj, obj->def->onReboot);
    if (virDomainObjGetState(obj, NULL) == VIR_DOMAIN_SHUTOFF)
        testDomainStop(domain, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                       VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainSuspend:
 *
 * Pause a running domain: SUSPENDED/PAUSED.
 */
int
testDomainSuspend(virDomainPtr domain)
{
    virObjectEvent *event;
    virDomainObj *obj;
    int state;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    state = virDomainObjGetState(obj, NULL);
    if (state == VIR_DOMAIN_SHUTOFF || state == VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("domain '%1$s' not running"),
                       virDomainGetName(domain));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                              VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    virDomainObjEndAPI(&obj);
    testQueueEvent(virDomainGetConnect(domain), event);
    return 0;
}


/**
 * testDomainResume:
 *
 * Unpause a paused domain: RESUMED/UNPAUSED.
 */
int
testDomainResume(virDomainPtr domain)
{
    virObjectEvent *event;
    virDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (virDomainObjGetState(obj, NULL) != VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("domain '%1$s' not paused"),
                       virDomainGetName(domain));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    event = virDomainEventLifecycleNewFromObj(obj, VIR_DOMAIN_EVENT_RESUMED,
                                              VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    virDomainObjEndAPI(&obj);
    testQueueEvent(virDomainGetConnect(domain), event);
    return 0;
}


/**
 * testDomainGetInfo:
 *
 * State, memory and vCPUs of the current definition; the CPU time is
 * the wall clock in nanoseconds, as libvirt's test driver fakes it.
 */
int
testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    virDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    info->state = virDomainObjGetState(obj, NULL);
    info->memory = obj->def->mem.cur_balloon;
    info->maxMem = obj->def->mem.max_memory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = g_get_real_time() * 1000;
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainGetState:
 *
 * The state and its reason.
 */
int
testDomainGetState(virDomainPtr domain, int *state, int *reason,
                   unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(0, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    *state = virDomainObjGetState(obj, reason);
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainGetXMLDesc:
 *
 * The running definition, or with VIR_DOMAIN_XML_INACTIVE the
 * persistent one.
 */
char *
testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    unsigned int formatFlags = 0;
    virDomainDef *def;
    virDomainObj *obj;
    char *ret;

    virCheckFlags(TEST_DOMAIN_XML_FLAGS, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;

    if (flags & VIR_DOMAIN_XML_SECURE)
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    if (flags & VIR_DOMAIN_XML_INACTIVE)
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    if (flags & VIR_DOMAIN_XML_MIGRATABLE)
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_MIGRATABLE;

    def = (flags & VIR_DOMAIN_XML_INACTIVE) && obj->newDef ? obj->newDef : obj->def;
    ret = virDomainDefFormat(def, formatFlags);
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainGetOSType:
 *
 * Returns "linux" for every domain, as libvirt's test driver does.
 */
char *
testDomainGetOSType(virDomainPtr domain)
{
    virDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    virDomainObjEndAPI(&obj);
    return g_strdup("linux");
}


/**
 * testDomainGetMaxMemory:
 *
 * Returns the current definition's maximum memory in KiB, or 0 with an
 * error set.
 */
unsigned long
testDomainGetMaxMemory(virDomainPtr domain)
{
    virDomainObj *obj;
    unsigned long ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return 0;
    ret = obj->def->mem.max_memory;
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainSetMemoryFlags:
 *
 * Set the balloon, or with VIR_DOMAIN_MEM_MAXIMUM the maximum (only on
 * a definition that is not running, lowering the balloon with it).
 */
int
testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                         unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    bool live = false;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_MEM_MAXIMUM, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (!(def = virDomainObjGetOneDefState(obj, flags, &live)))
        goto endapi;

    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("cannot resize the maximum memory on an active domain"));
            goto endapi;
        }
        def->mem.max_memory = memory;
        if (def->mem.cur_balloon > memory)
            def->mem.cur_balloon = memory;
    } else {
        if (memory > def->mem.max_memory) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("cannot set memory higher than max memory"));
            goto endapi;
        }
        def->mem.cur_balloon = memory;
    }
    ret = 0;

 endapi:
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainSetMemory:
 *
 * Set the running domain's balloon.
 */
int
testDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    return testDomainSetMemoryFlags(domain, memory, VIR_DOMAIN_AFFECT_LIVE);
}


/**
 * testDomainSetMaxMemory:
 *
 * Set the maximum memory of the current (so: stopped) definition.
 */
int
testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    return testDomainSetMemoryFlags(domain, memory, VIR_DOMAIN_MEM_MAXIMUM);
}


/**
 * testDomainGetAutostart:
 *
 * Whether the domain would start with the host.
 */
int
testDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    virDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    *autostart = obj->autostart;
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainSetAutostart:
 *
 * Only recorded: there is no host start.  libvirt's test driver accepts
 * it for transient domains too.
 */
int
testDomainSetAutostart(virDomainPtr domain, int autostart)
{
    virDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    obj->autostart = !!autostart;
    virDomainObjEndAPI(&obj);
    return 0;
}


/**
 * testDomainIsActive:
 *
 * Returns 1 when running or paused, 0 when stopped, -1 with an error.
 */
int
testDomainIsActive(virDomainPtr domain)
{
    virDomainObj *obj;
    int ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = virDomainObjIsActive(obj);
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainIsPersistent:
 *
 * Returns 1 for a defined domain, 0 for a transient one.
 */
int
testDomainIsPersistent(virDomainPtr domain)
{
    virDomainObj *obj;
    int ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = obj->persistent;
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainIsUpdated:
 *
 * Returns 0: libvirt's test driver never reports pending changes.
 */
int
testDomainIsUpdated(virDomainPtr domain G_GNUC_UNUSED)
{
    return 0;
}


/**
 * testDomainHasManagedSaveImage:
 *
 * Returns whether the node file said <test:hasmanagedsave/>.
 */
int
testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *obj;
    int ret;

    virCheckFlags(0, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = obj->hasManagedSave;
    virDomainObjEndAPI(&obj);
    return ret;
}


/**
 * testDomainGetVcpus:
 *
 * Every online vCPU runs on every host CPU, reported on the last one,
 * with a CPU time that grows with the clock.  Returns the number of
 * vCPUs filled in.
 */
int
testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    testDriver *driver = testDriverFromConn(virDomainGetConnect(domain));
    const virNodeInfo *node = &driver->nodeInfo;
    int hostcpus = node->nodes * node->sockets * node->cores * node->threads;
    unsigned long long now = g_get_real_time();
    virDomainObj *obj;
    int i;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;

    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot list vcpus for an inactive domain"));
        virDomainObjEndAPI(&obj);
        return -1;
    }

    if (maxinfo > (int)obj->def->vcpus)
        maxinfo = obj->def->vcpus;
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);

    for (i = 0; i < maxinfo; i++) {
        int cpu;

        info[i].number = i;
        info[i].state = VIR_VCPU_RUNNING;
        info[i].cpu = hostcpus - 1;
        info[i].cpuTime = now / 10;
        for (cpu = 0; cpumaps && cpu < hostcpus && cpu / 8 < maplen; cpu++)
            VIR_USE_CPU(VIR_GET_CPUMAP(cpumaps, maplen, i), cpu);
    }
    virDomainObjEndAPI(&obj);
    return maxinfo;
}


/**
 * testDomainGetSecurityLabel:
 *
 * The fake "libvirt-test" label, enforcing, for a running or paused domain.
 * An inactive domain has no process to label, so like libvirt's test driver
 * it gets an empty, non-enforcing label (virsh dominfo then prints no
 * "Security label:" line).
 */
int
testDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    virDomainObj *obj;
    bool active;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    active = virDomainObjIsActive(obj);
    virDomainObjEndAPI(&obj);

    memset(seclabel, 0, sizeof(*seclabel));
    if (active) {
        g_strlcpy(seclabel->label, "libvirt-test", sizeof(seclabel->label));
        seclabel->enforcing = 1;
    }
    return 0;
}
