/*
 * qemu_domain.c: QEMU domain objects, their definitions and status
 *
 * A persistent definition is kept as configDir/NAME.xml, a running
 * domain's status as stateDir/NAME.xml, both written atomically:
 *
 *   <domstatus state='running' reason='1' pid='4242'>
 *     <monitor path='.../domain-1-NAME/monitor.sock' type='unix'/>
 *     <blockjobs> ...the block jobs in flight (qemu_blockjob.c)... </blockjobs>
 *     <domain type='kvm' id='1'> ...the live definition... </domain>
 *   </domstatus>
 *
 * as libvirt's status XML has it (its root, state, pid and monitor);
 * the reason is the number of the public enum.  The live definition
 * carries device aliases and image indexes, hence the block node names.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_blockjob.h"
#include "qemu_snapshot_store.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


static void
qemuDomainObjPrivateFree(gpointer data)
{
    qemuDomainObjPrivate *priv = data;

    g_free(priv->monPath);
    g_free(priv->runDir);
    g_free(priv->homeDir);
    g_free(priv->logPath);
    qemuCapsUnref(priv->caps);
    if (priv->jobs)
        g_hash_table_unref(priv->jobs);
    g_cond_clear(&priv->jobCond);
    g_free(priv);
}


/**
 * qemuDomainObjPrivateGet:
 * @vm: a domain object, locked
 *
 * Returns the QEMU side of @vm, created empty on first use.
 */
qemuDomainObjPrivate *
qemuDomainObjPrivateGet(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv;

    if (vm->privateData)
        return vm->privateData;
    priv = g_new0(qemuDomainObjPrivate, 1);
    priv->jobs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_cond_init(&priv->jobCond);
    vm->privateData = priv;
    vm->privateDataFree = qemuDomainObjPrivateFree;
    return priv;
}


/**
 * qemuDomainObjFromDomain:
 * @domain: a public domain object of a qemu connection
 *
 * Returns the domain's object, referenced and locked, or NULL with
 * VIR_ERR_NO_DOMAIN "no domain with matching uuid 'UUID' (NAME)", as
 * libvirt's qemu driver words it.
 */
virDomainObj *
qemuDomainObjFromDomain(virDomainPtr domain)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainObj *vm;

    if (virDomainGetUUID(domain, uuid) < 0)
        return NULL;
    if (!(vm = virDomainObjListFindByUUID(driver->domains, uuid))) {
        virUUIDFormat(uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%1$s' (%2$s)"),
                       uuidstr, virDomainGetName(domain));
        return NULL;
    }
    qemuDomainObjPrivateGet(vm);
    return vm;
}


/**
 * qemuDomainPublic:
 * @conn: the connection asking
 * @vm: a domain object, locked
 *
 * Returns a new public object for @vm, or NULL with an error set.
 */
virDomainPtr
qemuDomainPublic(virConnectPtr conn, virDomainObj *vm)
{
    return virGetDomain(conn, vm->def->name, vm->def->uuid, vm->def->id);
}


/**
 * qemuDomainEmitLifecycle:
 * @driver: a driver state
 * @vm: a domain object, locked
 * @type: a virDomainEventType
 * @detail: the detail enum value that goes with @type
 *
 * Queue a lifecycle event for @vm's callbacks.
 */
void
qemuDomainEmitLifecycle(qemuDriver *driver, virDomainObj *vm,
                        int type, int detail)
{
    qemuDriverQueueEvent(driver, virDomainEventLifecycleNewFromObj(vm, type, detail));
}


/**
 * qemuDomainSetRunState:
 * @vm: a running domain, locked, whose last monitor command (stop,
 *   cont, query-status) brought it to @state
 * @state: the virDomainState
 * @reason: its reason
 *
 * Set the state an API call's own command caused, and mark the run-state
 * events QEMU sent before that command's reply as already applied.
 */
void
qemuDomainSetRunState(virDomainObj *vm, int state, int reason)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);

    virDomainObjSetState(vm, state, reason);
    if (priv->mon)
        priv->stateSeq = qemuMonitorReplySeq(priv->mon);
}


static int
qemuDomainDefCheckArch(virDomainDef *def, const qemuCaps *caps)
{
    if (def->os.arch == VIR_ARCH_NONE)
        def->os.arch = caps->arch;
    /* qemu-system-x86_64 runs 32-bit guests too. */
    if (def->os.arch == caps->arch ||
        (def->os.arch == VIR_ARCH_I686 && caps->arch == VIR_ARCH_X86_64))
        return 0;
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("Emulator '%1$s' does not support arch '%2$s'"),
                   caps->binary, virArchTypeToString(def->os.arch));
    return -1;
}


static int
qemuDomainDefSetMachine(virDomainDef *def, const qemuCaps *caps)
{
    const qemuCapsMachine *machine;

    if (!def->os.machine) {
        const char *dflt = qemuCapsDefaultMachine(caps);

        if (!dflt) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Emulator '%1$s' has no default machine type; name one"),
                           caps->binary);
            return -1;
        }
        def->os.machine = g_strdup(dflt);
    }
    if (!(machine = qemuCapsFindMachine(caps, def->os.machine))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%1$s' does not support machine type '%2$s'"),
                       caps->binary, def->os.machine);
        return -1;
    }
    /* libvirt stores the versioned machine an alias ("pc") stands for,
     * so that the guest keeps its hardware when QEMU is upgraded. */
    if (STRNEQ(def->os.machine, machine->name)) {
        g_free(def->os.machine);
        def->os.machine = g_strdup(machine->name);
    }
    if (machine->maxCpus && def->maxvcpus > machine->maxCpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Maximum CPUs greater than specified machine type limit %1$u"),
                       machine->maxCpus);
        return -1;
    }
    return 0;
}


static void
qemuDomainDefSetDiskDefaults(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (!disk->driverName)
            disk->driverName = g_strdup("qemu");
        /* Image formats are never probed: an unnamed one is raw. */
        if (disk->src->format == VIR_STORAGE_FILE_NONE &&
            (disk->src->path || disk->src->type == VIR_STORAGE_TYPE_NETWORK))
            disk->src->format = VIR_STORAGE_FILE_RAW;
    }
}


/**
 * qemuDomainDefPostParseCaps:
 * @def: a parsed definition
 * @caps: the capabilities of its emulator
 *
 * Fill what the qemu driver decides in a definition, as libvirt does:
 * architecture, the versioned machine type, the default memory balloon,
 * disk driver and format, the machine's default devices
 * (qemu_domain_defaults.c), PCI addresses.  Returns 0, or -1 with an
 * error naming what the emulator does not support.
 */
int
qemuDomainDefPostParseCaps(virDomainDef *def, const qemuCaps *caps)
{
    if (def->os.type != VIR_DOMAIN_OSTYPE_HVM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%1$s' does not support os type '%2$s'"),
                       caps->binary, virDomainOSTypeToString(def->os.type));
        return -1;
    }
    if (def->virtType != VIR_DOMAIN_VIRT_QEMU && def->virtType != VIR_DOMAIN_VIRT_KVM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%1$s' does not support virt type '%2$s'"),
                       caps->binary, virDomainVirtTypeToString(def->virtType));
        return -1;
    }
    if (qemuDomainDefCheckArch(def, caps) < 0 ||
        qemuDomainDefSetMachine(def, caps) < 0)
        return -1;

    if (!def->memballoon) {
        def->memballoon = g_new0(virDomainMemballoonDef, 1);
        def->memballoon->model = VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
    }
    qemuDomainDefSetDiskDefaults(def);
    qemuDomainDefAddDefaults(def);
    return qemuDomainAssignAddresses(def);
}


/**
 * qemuDomainDefPostParse:
 * @driver: a driver state
 * @def: a parsed definition
 * @capsRet: set to the emulator's capabilities (referenced), may be NULL
 *
 * Find the emulator (qemu-system-ARCH in PATH when @def names none), get
 * its capabilities and apply qemuDomainDefPostParseCaps().  Returns 0,
 * or -1 with an error: a missing emulator is libvirt's "Cannot check
 * QEMU binary PATH: No such file or directory".
 */
int
qemuDomainDefPostParse(qemuDriver *driver, virDomainDef *def,
                       qemuCaps **capsRet)
{
    g_autoptr(qemuCaps) caps = NULL;

    if (!def->emulator) {
        virArch arch = def->os.arch ? def->os.arch : VIR_ARCH_X86_64;

        if (arch == VIR_ARCH_I686)
            arch = VIR_ARCH_X86_64;
        if (!(def->emulator = qemuCapsFindBinary(arch))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("No emulator found for arch '%1$s'"),
                           virArchTypeToString(arch));
            return -1;
        }
    }
    if (!(caps = qemuCapsCacheLookup(driver, def->emulator)))
        return -1;
    if (def->virtType == VIR_DOMAIN_VIRT_KVM && !driver->forceTCG &&
        !qemuKVMUsable()) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%1$s' of type 'kvm' needs /dev/kvm, which is not usable on this host"),
                       def->name);
        return -1;
    }
    if (qemuDomainDefPostParseCaps(def, caps) < 0)
        return -1;
    if (capsRet)
        *capsRet = g_steal_pointer(&caps);
    return 0;
}


/**
 * qemuDomainDefParse:
 * @driver: a driver state
 * @xml: a domain definition
 * @parseFlags: virDomainDefParseFlags
 *
 * Returns the parsed and completed definition, or NULL with an error.
 */
virDomainDef *
qemuDomainDefParse(qemuDriver *driver, const char *xml, unsigned int parseFlags)
{
    g_autoptr(virDomainDef) def = NULL;

    if (!(def = virDomainDefParseString(xml, parseFlags)) ||
        qemuDomainDefPostParse(driver, def, NULL) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/**
 * qemuDomainSaveConfig:
 * @driver: a driver state
 * @def: a persistent definition
 *
 * Write @def to configDir/NAME.xml atomically: the old file or the new
 * one is there whole after a crash.  Returns 0 or -1 with an error.
 */
int
qemuDomainSaveConfig(qemuDriver *driver, virDomainDef *def)
{
    g_autofree char *path = qemuDriverConfigFile(driver, def->name);
    g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                                   VIR_DOMAIN_DEF_FORMAT_INACTIVE);

    if (virFileMakePath(driver->configDir, 0755) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}


/**
 * qemuDomainSaveStatus:
 * @driver: a driver state
 * @vm: a running domain, locked
 *
 * Write @vm's status XML atomically, so that another process can find
 * and reconnect to it.  Returns 0 or -1 with an error.
 */
int
qemuDomainSaveStatus(qemuDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(vm);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *path = qemuDriverStatusFile(driver, vm->def->name);
    g_autofree char *xml = NULL;
    int reason;
    int state = virDomainObjGetState(vm, &reason);

    virBufferAsprintf(&buf, "<domstatus state='%s' reason='%d' pid='%lld'>\n",
                      virDomainStateTypeToString(state), reason,
                      (long long)priv->pid);
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<monitor path='%s' type='unix'/>\n", priv->monPath);
    qemuBlockJobFormatStatus(&buf, vm);
    virDomainDefFormatInternal(&buf, vm->def, VIR_DOMAIN_DEF_FORMAT_SECURE);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domstatus>\n");
    xml = virBufferContentAndReset(&buf);
    return virFileWriteStrAtomic(path, xml, 0600);
}


/* Read a status file: the live definition, pid, monitor, state; @doc
 * and @ctxt stay for the caller's further reading. */
static virDomainDef *
qemuDomainParseStatus(const char *path, xmlDoc **docp, xmlXPathContext **ctxtp,
                      long *pid, char **monPath, int *state, int *reason)
{
    xmlDoc *doc;
    xmlXPathContext *ctxt;
    g_autofree char *stateStr = NULL;
    xmlNodePtr node;

    if (!(*docp = virXMLParse(path, NULL, NULL, "domstatus", ctxtp, VIR_FROM_QEMU)))
        return NULL;
    doc = *docp;
    ctxt = *ctxtp;
    stateStr = virXPathString("string(./@state)", ctxt);
    if (!stateStr || (*state = virDomainStateTypeFromString(stateStr)) < 0 ||
        virXPathInt("string(./@reason)", ctxt, reason) < 0 ||
        virXPathLong("string(./@pid)", ctxt, pid) < 0 ||
        !(*monPath = virXPathString("string(./monitor/@path)", ctxt)) ||
        !(node = virXPathNode("./domain", ctxt))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("incomplete domain status file '%1$s'"), path);
        return NULL;
    }
    return virDomainDefParseNode(doc, node, VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE);
}


/**
 * qemuDomainLoadStatus:
 * @driver: a driver state being created
 * @path: a status file in its state directory
 *
 * Bring back the domain @path describes: reconnect to its QEMU if it
 * still runs, else record it as stopped (crashed, as libvirt says of a
 * guest that went while nobody watched) and remove its status.
 * Returns 0, or -1 with an error when the file is unreadable (then it
 * is left alone).
 */
int
qemuDomainLoadStatus(qemuDriver *driver, const char *path)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autofree char *monPath = NULL;
    qemuDomainObjPrivate *priv;
    virDomainObj *vm;
    long pid = 0;
    int state;
    int reason;
    int id;

    if (!(def = qemuDomainParseStatus(path, &doc, &ctxt, &pid, &monPath,
                                      &state, &reason)))
        return -1;
    id = def->id;

    if (!(vm = virDomainObjListAdd(driver->domains, &def,
                                   VIR_DOMAIN_OBJ_LIST_ADD_LIVE, NULL)))
        return -1;
    priv = qemuDomainObjPrivateGet(vm);
    priv->pid = pid;
    priv->monPath = g_steal_pointer(&monPath);
    virDomainObjSetState(vm, state, reason);

    /* Ids are never reused: move the list's counter past this one. */
    while (virDomainObjListNextID(driver->domains) < id)
        ;
    /* before the reconnect writes the status again */
    qemuBlockJobLoadStatus(driver, vm, ctxt);

    if (qemuProcessReconnect(driver, vm) < 0) {
        VIR_WARN("domain '%s' stopped while nobody watched it", vm->def->name);
        virResetLastError();
        qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_CRASHED);
        qemuDomainRemoveInactive(driver, vm);
    }
    virDomainObjEndAPI(&vm);
    return 0;
}


/**
 * qemuDomainRemoveInactive:
 * @driver: a driver state
 * @vm: a domain object, locked and referenced by the caller
 *
 * Forget @vm, and its snapshot records, when it is transient and has
 * stopped; @vm stays locked for the caller's virDomainObjEndAPI().
 */
void
qemuDomainRemoveInactive(qemuDriver *driver, virDomainObj *vm)
{
    if (vm->persistent || virDomainObjIsActive(vm))
        return;
    /* Snapshot records are found by domain name: left behind, they would
     * become those of the next domain of that name. */
    if (qemuSnapshotStoreDeleteAll(driver->snapshotDir, vm->def->name) < 0) {
        VIR_WARN("cannot remove the snapshot records of '%s': %s",
                 vm->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
    virDomainObjListRemove(driver->domains, vm);
}
