/*
 * qemu_command.c: the QEMU command line of a domain definition
 *
 * The line follows what libvirt 9.0 gives QEMU 7.x, in the same order
 * where both have the device: -blockdev and -device as JSON, one file
 * node and one format node per image (qemu_block.c names them), the
 * guest started stopped (-S) and continued over QMP once set up, no
 * default devices, the QMP monitor on a unix socket.
 *
 * Not (yet) built: PCI controllers other than pcie-root-port and
 * pcie-to-pci-bridge, networks other than QEMU's user mode
 * (type='network' uses it too, as this driver has no bridge or tap
 * setup), USB devices other than input,
 * graphics other than VNC, host devices.  Each is refused with
 * VIR_ERR_CONFIG_UNSUPPORTED naming it rather than left out silently.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "qemu_agent.h"
#include "virbuffer.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* conf defines the controller model words in domain_device_conf.c and
 * exports their converters, but no header declares them yet. */
VIR_ENUM_DECL(virDomainControllerModelSCSI);
VIR_ENUM_DECL(virDomainControllerModelUSB);
VIR_ENUM_DECL(virDomainSoundModel);

/* The PATH libvirt gives QEMU, whatever the caller's is. */
#define QEMU_COMMAND_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


/**
 * qemuDomainUseKVM:
 * @def: a domain definition
 * @forceTCG: VIRTPLUG_QEMU_FORCE_TCG is set
 *
 * Returns whether @def runs with KVM acceleration rather than TCG.
 */
bool
qemuDomainUseKVM(const virDomainDef *def, bool forceTCG)
{
    return def->virtType == VIR_DOMAIN_VIRT_KVM && !forceTCG;
}


static void G_GNUC_PRINTF(2, 3)
qemuArg(GPtrArray *args, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(args, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}


/* An option and its JSON object argument, which is consumed. */
static void
qemuArgJSON(GPtrArray *args, const char *option, json_object *obj)
{
    g_ptr_array_add(args, g_strdup(option));
    g_ptr_array_add(args, g_strdup(json_object_to_json_string_ext(obj,
                                   JSON_C_TO_STRING_PLAIN |
                                   JSON_C_TO_STRING_NOSLASHESCAPE)));
    json_object_put(obj);
}


/* A value inside QEMU's "key=value,..." syntax: commas doubled. */
static char *
qemuEscapeComma(const char *str)
{
    g_auto(GStrv) parts = g_strsplit(str, ",", -1);

    return g_strjoinv(",,", parts);
}


static void
qemuJSONAddStr(json_object *obj, const char *key, const char *val)
{
    json_object_object_add(obj, key, json_object_new_string(val));
}


static void
qemuJSONAddInt(json_object *obj, const char *key, long long val)
{
    json_object_object_add(obj, key, json_object_new_int64(val));
}


static void
qemuJSONAddBool(json_object *obj, const char *key, bool val)
{
    json_object_object_add(obj, key, json_object_new_boolean(val));
}


static json_object *
qemuDeviceNew(const char *driver, const char *id)
{
    json_object *obj = json_object_new_object();

    qemuJSONAddStr(obj, "driver", driver);
    if (id)
        qemuJSONAddStr(obj, "id", id);
    return obj;
}


/* "bus" and "addr" of a PCI device: the root bus, or the bus of the
 * controller (pcie-root-port ...) whose index the address names. */
static void
qemuDeviceAddPCI(json_object *obj, const virDomainDef *def,
                 const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *pci = &info->addr.pci;

    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return;
    if (pci->bus == 0) {
        qemuJSONAddStr(obj, "bus", qemuDomainIsQ35(def) ? "pcie.0" : "pci.0");
    } else {
        g_autofree char *bus = g_strdup_printf("pci.%u", pci->bus);

        qemuJSONAddStr(obj, "bus", bus);
    }
    if (pci->multi == VIR_TRISTATE_SWITCH_ON)
        qemuJSONAddBool(obj, "multifunction", true);
    if (pci->function) {
        g_autofree char *addr = g_strdup_printf("0x%x.0x%x", pci->slot, pci->function);

        qemuJSONAddStr(obj, "addr", addr);
    } else {
        g_autofree char *addr = g_strdup_printf("0x%x", pci->slot);

        qemuJSONAddStr(obj, "addr", addr);
    }
}


static int
qemuUnsupported(const char *what, const char *value)
{
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("%1$s '%2$s' is not supported by the qemu driver"),
                   what, value);
    return -1;
}


/* ------------------------------------------------------------------ */
/* Machine, CPU, memory                                               */

static int
qemuBuildMachine(GPtrArray *args, const virDomainDef *def, bool kvm)
{
    qemuArg(args, "-machine");
    qemuArg(args, "%s,usb=off,dump-guest-core=%s", def->os.machine,
            def->mem.dump_core == VIR_TRISTATE_SWITCH_ON ? "on" : "off");
    qemuArg(args, "-accel");
    qemuArg(args, "%s", kvm ? "kvm" : "tcg");

    if (def->cpu) {
        switch (def->cpu->mode) {
        case VIR_CPU_MODE_HOST_PASSTHROUGH:
            if (!kvm) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("CPU mode 'host-passthrough' needs KVM"));
                return -1;
            }
            qemuArg(args, "-cpu");
            qemuArg(args, "host");
            break;
        case VIR_CPU_MODE_MAXIMUM:
            qemuArg(args, "-cpu");
            qemuArg(args, "max");
            break;
        case VIR_CPU_MODE_HOST_MODEL:
            return qemuUnsupported(_("CPU mode"), "host-model");
        case VIR_CPU_MODE_CUSTOM:
        default:
            if (def->cpu->model) {
                qemuArg(args, "-cpu");
                qemuArg(args, "%s", def->cpu->model);
            }
            break;
        }
    }
    return 0;
}


static void
qemuBuildMemorySMP(GPtrArray *args, const virDomainDef *def)
{
    unsigned long long kib = def->mem.max_memory;
    unsigned int sockets = def->maxvcpus;
    unsigned int cores = 1;
    unsigned int threads = 1;

    qemuArg(args, "-m");
    if (kib % 1024 == 0)
        qemuArg(args, "%llu", kib / 1024);
    else
        qemuArg(args, "size=%lluk", kib);

    if (def->cpu && def->cpu->sockets) {
        sockets = def->cpu->sockets;
        cores = def->cpu->cores;
        threads = def->cpu->threads;
    }
    qemuArg(args, "-smp");
    if (def->vcpus != def->maxvcpus)
        qemuArg(args, "%u,maxcpus=%u,sockets=%u,cores=%u,threads=%u",
                def->vcpus, def->maxvcpus, sockets, cores, threads);
    else
        qemuArg(args, "%u,sockets=%u,cores=%u,threads=%u",
                def->vcpus, sockets, cores, threads);
}


static void
qemuBuildMonitorClock(GPtrArray *args, const virDomainDef *def,
                      const qemuCommandPaths *paths)
{
    g_autofree char *path = qemuEscapeComma(paths->monitor);

    qemuArg(args, "-no-user-config");
    qemuArg(args, "-nodefaults");
    qemuArg(args, "-chardev");
    qemuArg(args, "socket,id=charmonitor,path=%s,server=on,wait=off", path);
    qemuArg(args, "-mon");
    qemuArg(args, "chardev=charmonitor,id=monitor,mode=control");
    qemuArg(args, "-rtc");
    qemuArg(args, "base=%s",
            def->clock.offset == VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME ? "localtime" : "utc");
    /* QEMU resets on a guest reboot by itself; exits on a power off. */
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY)
        qemuArg(args, "-no-reboot");
    qemuArg(args, "-boot");
    qemuArg(args, "%s", def->os.bootmenu == VIR_TRISTATE_BOOL_YES ?
            "menu=on,strict=on" : "strict=on");
}


/* ------------------------------------------------------------------ */
/* Controllers                                                        */

static const char *
qemuSCSIControllerDriver(const virDomainControllerDef *cont)
{
    const char *model = cont->model < 0 ? "lsilogic" :
                        virDomainControllerModelSCSITypeToString(cont->model);

    if (STREQ_NULLABLE(model, "lsilogic") || STREQ_NULLABLE(model, "auto"))
        return "lsi";
    if (STREQ_NULLABLE(model, "virtio-scsi"))
        return "virtio-scsi-pci";
    if (STREQ_NULLABLE(model, "lsisas1068"))
        return "mptsas1068";
    if (STREQ_NULLABLE(model, "lsisas1078"))
        return "megasas";
    return NULL;
}


static const char *
qemuUSBControllerDriver(const virDomainControllerDef *cont)
{
    const char *model = cont->model < 0 ? NULL :
                        virDomainControllerModelUSBTypeToString(cont->model);

    if (!model || STREQ(model, "piix3-uhci"))
        return "piix3-usb-uhci";
    if (STREQ(model, "piix4-uhci"))
        return "piix4-usb-uhci";
    if (STREQ(model, "ehci"))
        return "usb-ehci";
    if (STREQ(model, "qemu-xhci"))
        return "qemu-xhci";
    if (STREQ(model, "nec-xhci"))
        return "nec-usb-xhci";
    return NULL;
}


/* libvirt's keys, in its order: port and chassis before the id. */
static json_object *
qemuBuildRootPort(const virDomainControllerDef *cont)
{
    json_object *dev = json_object_new_object();

    qemuJSONAddStr(dev, "driver", "pcie-root-port");
    if (cont->port >= 0)
        qemuJSONAddInt(dev, "port", cont->port);
    if (cont->chassis >= 0)
        qemuJSONAddInt(dev, "chassis", cont->chassis);
    qemuJSONAddStr(dev, "id", cont->info.alias);
    return dev;
}


/* The controllers of one type: PCI ones first, as libvirt, whose buses
 * the other devices name. */
static int
qemuBuildControllersOfType(GPtrArray *args, const virDomainDef *def,
                           virDomainControllerType type)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *cont = def->controllers[i];
        const char *driver = NULL;
        json_object *dev;

        if (cont->type != type)
            continue;
        switch (cont->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
            if (cont->idx == 0)
                continue;
            if (qemuControllerIsPCIeToPCIBridge(cont)) {
                dev = qemuDeviceNew("pcie-pci-bridge", cont->info.alias);
            } else if (qemuControllerIsPCIRootPort(cont)) {
                dev = qemuBuildRootPort(cont);
            } else {
                return qemuUnsupported(_("PCI controller model"),
                                       cont->model < 0 ? "default" :
                                       virDomainControllerModelPCITypeToString(cont->model));
            }
            qemuDeviceAddPCI(dev, def, &cont->info);
            qemuArgJSON(args, "-device", dev);
            continue;
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            if (cont->model >= 0 &&
                STREQ_NULLABLE(virDomainControllerModelUSBTypeToString(cont->model), "none"))
                continue;
            if (!(driver = qemuUSBControllerDriver(cont)))
                return qemuUnsupported(_("USB controller model"),
                                       NULLSTR(virDomainControllerModelUSBTypeToString(cont->model)));
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
            if (!(driver = qemuSCSIControllerDriver(cont)))
                return qemuUnsupported(_("SCSI controller model"),
                                       NULLSTR(virDomainControllerModelSCSITypeToString(cont->model)));
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
            driver = "virtio-serial-pci";
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
            if (!qemuDomainIsQ35(def) || cont->idx != 0)
                driver = "ich9-ahci";
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
            if (qemuDomainIsQ35(def))
                return qemuUnsupported(_("controller"), "ide on a Q35 machine");
            break;
        default:
            break;
        }
        if (!driver)
            continue;
        dev = qemuDeviceNew(driver, cont->info.alias);
        qemuDeviceAddPCI(dev, def, &cont->info);
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


static int
qemuBuildControllers(GPtrArray *args, const virDomainDef *def)
{
    const virDomainControllerType order[] = {
        VIR_DOMAIN_CONTROLLER_TYPE_PCI,
        VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
        VIR_DOMAIN_CONTROLLER_TYPE_SATA,
        VIR_DOMAIN_CONTROLLER_TYPE_USB,
        VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
        VIR_DOMAIN_CONTROLLER_TYPE_IDE,
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(order); i++) {
        if (qemuBuildControllersOfType(args, def, order[i]) < 0)
            return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* Disks                                                              */

static void
qemuBuildCacheOptions(json_object *node, virDomainDiskCache mode)
{
    json_object *cache;
    bool direct;
    bool noflush;

    switch (mode) {
    case VIR_DOMAIN_DISK_CACHE_DISABLE:
        direct = true;
        noflush = false;
        break;
    case VIR_DOMAIN_DISK_CACHE_DIRECTSYNC:
        direct = true;
        noflush = false;
        break;
    case VIR_DOMAIN_DISK_CACHE_UNSAFE:
        direct = false;
        noflush = true;
        break;
    case VIR_DOMAIN_DISK_CACHE_WRITETHRU:
    case VIR_DOMAIN_DISK_CACHE_WRITEBACK:
        direct = false;
        noflush = false;
        break;
    default:
        return;
    }
    cache = json_object_new_object();
    qemuJSONAddBool(cache, "direct", direct);
    qemuJSONAddBool(cache, "no-flush", noflush);
    json_object_object_add(node, "cache", cache);
}


static int
qemuBuildStorageNode(GPtrArray *args, const virDomainDiskDef *disk,
                     const virStorageSource *src)
{
    g_autofree char *name = qemuBlockNodeName(src, "storage");
    json_object *node = json_object_new_object();

    switch (src->type) {
    case VIR_STORAGE_TYPE_FILE:
        qemuJSONAddStr(node, "driver", "file");
        qemuJSONAddStr(node, "filename", src->path);
        break;
    case VIR_STORAGE_TYPE_BLOCK:
        qemuJSONAddStr(node, "driver", "host_device");
        qemuJSONAddStr(node, "filename", src->path);
        break;
    default:
        json_object_put(node);
        return qemuUnsupported(_("disk source type"), virStorageTypeToString(src->type));
    }
    qemuJSONAddStr(node, "node-name", name);
    qemuJSONAddBool(node, "auto-read-only", true);
    qemuJSONAddStr(node, "discard", "unmap");
    qemuBuildCacheOptions(node, disk->cachemode);
    qemuArgJSON(args, "-blockdev", node);
    return 0;
}


static void
qemuBuildFormatNode(GPtrArray *args, const virDomainDiskDef *disk,
                    const virStorageSource *src, bool top)
{
    g_autofree char *name = qemuBlockNodeName(src, "format");
    g_autofree char *file = qemuBlockNodeName(src, "storage");
    virStorageFileFormat format = src->format ? src->format : VIR_STORAGE_FILE_RAW;
    bool readonly = !top || src->readonly ||
                    disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    json_object *node = json_object_new_object();

    qemuJSONAddStr(node, "node-name", name);
    qemuJSONAddBool(node, "read-only", readonly);
    if (disk->discard == VIR_DOMAIN_DISK_DISCARD_UNMAP)
        qemuJSONAddStr(node, "discard", "unmap");
    qemuBuildCacheOptions(node, disk->cachemode);
    qemuJSONAddStr(node, "driver", virStorageFileFormatTypeToString(format));
    qemuJSONAddStr(node, "file", file);

    /* Only formats with a backing file take "backing"; null stops QEMU
     * from opening a chain of its own. */
    if (format != VIR_STORAGE_FILE_RAW) {
        const virStorageSource *backing = src->backingStore;

        if (backing && backing->type != VIR_STORAGE_TYPE_NONE) {
            g_autofree char *bname = qemuBlockNodeName(backing, "format");

            qemuJSONAddStr(node, "backing", bname);
        } else {
            json_object_object_add(node, "backing", NULL);
        }
    }
    qemuArgJSON(args, "-blockdev", node);
}


/* The nodes of @disk's chain, the bottom image first, since a node can
 * only refer to nodes that exist. */
static int
qemuBuildDiskNodes(GPtrArray *args, const virDomainDiskDef *disk)
{
    g_autoptr(GPtrArray) chain = g_ptr_array_new();
    const virStorageSource *src;
    gint i;

    for (src = disk->src; src && src->type != VIR_STORAGE_TYPE_NONE;
         src = src->backingStore)
        g_ptr_array_add(chain, (gpointer)src);

    for (i = chain->len - 1; i >= 0; i--) {
        src = g_ptr_array_index(chain, i);
        if (qemuBuildStorageNode(args, disk, src) < 0)
            return -1;
        qemuBuildFormatNode(args, disk, src, i == 0);
    }
    return 0;
}


static bool
qemuDiskHasMedium(const virDomainDiskDef *disk)
{
    return disk->src->type == VIR_STORAGE_TYPE_NETWORK || disk->src->path;
}


static int
qemuBuildDiskDevice(GPtrArray *args, const virDomainDef *def,
                    const virDomainDiskDef *disk, unsigned int bootindex)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.addr.drive;
    bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    json_object *dev = NULL;
    g_autofree char *bus = NULL;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        if (cdrom)
            return qemuUnsupported(_("disk device"), "cdrom on a virtio bus");
        dev = qemuDeviceNew("virtio-blk-pci", NULL);
        qemuDeviceAddPCI(dev, def, &disk->info);
        break;
    case VIR_DOMAIN_DISK_BUS_IDE:
        dev = qemuDeviceNew(cdrom ? "ide-cd" : "ide-hd", NULL);
        bus = g_strdup_printf("ide.%u", drive->bus);
        qemuJSONAddStr(dev, "bus", bus);
        qemuJSONAddInt(dev, "unit", drive->unit);
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        dev = qemuDeviceNew(cdrom ? "ide-cd" : "ide-hd", NULL);
        if (qemuDomainIsQ35(def) && drive->controller == 0)
            bus = g_strdup_printf("ide.%u", drive->unit);
        else
            bus = g_strdup_printf("sata%u.%u", drive->controller, drive->unit);
        qemuJSONAddStr(dev, "bus", bus);
        break;
    case VIR_DOMAIN_DISK_BUS_SCSI: {
        g_autofree char *devid = g_strdup_printf("drive-%s", disk->info.alias);

        dev = qemuDeviceNew(cdrom ? "scsi-cd" : "scsi-hd", NULL);
        bus = g_strdup_printf("scsi%u.0", drive->controller);
        qemuJSONAddStr(dev, "bus", bus);
        qemuJSONAddInt(dev, "channel", drive->bus);
        qemuJSONAddInt(dev, "scsi-id", drive->target);
        qemuJSONAddInt(dev, "lun", drive->unit);
        qemuJSONAddStr(dev, "device_id", devid);
        break;
    }
    default:
        return qemuUnsupported(_("disk bus"), virDomainDiskBusTypeToString(disk->bus));
    }

    if (qemuDiskHasMedium(disk)) {
        g_autofree char *node = qemuBlockNodeName(disk->src, "format");

        qemuJSONAddStr(dev, "drive", node);
    }
    qemuJSONAddStr(dev, "id", disk->info.alias);
    if (bootindex)
        qemuJSONAddInt(dev, "bootindex", bootindex);
    if (disk->serial)
        qemuJSONAddStr(dev, "serial", disk->serial);
    qemuArgJSON(args, "-device", dev);
    return 0;
}


/* libvirt turns <os><boot dev=...> into a bootindex on the first device
 * of each kind, in the order given. */
static unsigned int
qemuBootIndex(const virDomainDef *def, virDomainBootOrder kind, bool first,
              const virDomainDeviceInfo *info)
{
    size_t i;

    if (info->bootIndex)
        return info->bootIndex;
    if (!first)
        return 0;
    for (i = 0; i < def->os.nBootDevs; i++) {
        if (def->os.bootDevs[i] == kind)
            return i + 1;
    }
    return 0;
}


static int
qemuBuildDisks(GPtrArray *args, const virDomainDef *def)
{
    bool firstDisk = true;
    bool firstCdrom = true;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
        unsigned int bootindex;

        if (disk->device != VIR_DOMAIN_DISK_DEVICE_DISK && !cdrom)
            return qemuUnsupported(_("disk device"),
                                   virDomainDiskDeviceTypeToString(disk->device));
        bootindex = qemuBootIndex(def, cdrom ? VIR_DOMAIN_BOOT_CDROM : VIR_DOMAIN_BOOT_DISK,
                                  cdrom ? firstCdrom : firstDisk, &disk->info);
        if (cdrom)
            firstCdrom = false;
        else
            firstDisk = false;

        if (qemuDiskHasMedium(disk) && qemuBuildDiskNodes(args, disk) < 0)
            return -1;
        if (qemuBuildDiskDevice(args, def, disk, bootindex) < 0)
            return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* Network interfaces                                                 */

static const char *
qemuNetModelDriver(const char *model)
{
    if (!model)
        return "rtl8139";
    if (STREQ(model, "virtio"))
        return "virtio-net-pci";
    return model;
}


static int
qemuBuildNets(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *net = def->nets[i];
        g_autofree char *hostnet = g_strdup_printf("host%s", net->info.alias);
        char mac[VIR_MAC_STRING_BUFLEN];
        json_object *netdev;
        json_object *dev;
        unsigned int bootindex;

        if (net->type != VIR_DOMAIN_NET_TYPE_USER &&
            net->type != VIR_DOMAIN_NET_TYPE_NETWORK)
            return qemuUnsupported(_("interface type"), virDomainNetTypeToString(net->type));

        netdev = json_object_new_object();
        qemuJSONAddStr(netdev, "type", "user");
        qemuJSONAddStr(netdev, "id", hostnet);
        qemuArgJSON(args, "-netdev", netdev);

        g_snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
                   net->mac[0], net->mac[1], net->mac[2],
                   net->mac[3], net->mac[4], net->mac[5]);
        dev = qemuDeviceNew(qemuNetModelDriver(net->model), NULL);
        qemuJSONAddStr(dev, "netdev", hostnet);
        qemuJSONAddStr(dev, "id", net->info.alias);
        qemuJSONAddStr(dev, "mac", mac);
        qemuDeviceAddPCI(dev, def, &net->info);
        if ((bootindex = qemuBootIndex(def, VIR_DOMAIN_BOOT_NET, i == 0, &net->info)))
            qemuJSONAddInt(dev, "bootindex", bootindex);
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* Serial ports and consoles                                          */

static int
qemuBuildChardev(GPtrArray *args, const char *id,
                 const virDomainChrSourceDef *src)
{
    g_autofree char *path = src->path ? qemuEscapeComma(src->path) : NULL;

    qemuArg(args, "-chardev");
    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
        qemuArg(args, "pty,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_NULL:
        qemuArg(args, "null,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        qemuArg(args, "file,id=%s,path=%s%s", id, NULLSTR(path),
                src->append == VIR_TRISTATE_SWITCH_ON ? ",append=on" : "");
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        qemuArg(args, "socket,id=%s,path=%s%s", id, NULLSTR(path),
                src->listen ? ",server=on,wait=off" : "");
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        qemuArg(args, "socket,id=%s,host=%s,port=%s%s%s", id, NULLSTR(src->host),
                NULLSTR(src->service),
                src->protocol == VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET ? ",telnet=on" : "",
                src->listen ? ",server=on,wait=off" : "");
        break;
    default:
        g_ptr_array_remove_index(args, args->len - 1);
        return qemuUnsupported(_("character device type"), virDomainChrTypeToString(src->type));
    }
    return 0;
}


static int
qemuBuildSerials(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        const virDomainChrDef *chr = def->serials[i];
        g_autofree char *charid = g_strdup_printf("char%s", chr->info.alias);
        json_object *dev;

        if (chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE &&
            chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA)
            return qemuUnsupported(_("serial target type"),
                                   virDomainChrSerialTargetTypeToString(chr->targetType));
        if (qemuBuildChardev(args, charid, &chr->source) < 0)
            return -1;
        dev = qemuDeviceNew("isa-serial", NULL);
        qemuJSONAddStr(dev, "chardev", charid);
        qemuJSONAddStr(dev, "id", chr->info.alias);
        qemuJSONAddInt(dev, "index", chr->port);
        qemuArgJSON(args, "-device", dev);
    }

    for (i = 0; i < def->nconsoles; i++) {
        const virDomainChrDef *chr = def->consoles[i];

        /* A serial console is the serial port built above. */
        if (chr->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
            def->nserials)
            continue;
        return qemuUnsupported(_("console target type"),
                               virDomainChrConsoleTargetTypeToString(chr->targetType));
    }
    return 0;
}


/* The socket of a unix channel whose path the driver places, as
 * libvirt does: LIBDIR/channel/target/domain-ID-NAME/TARGETNAME, where
 * QEMU's home is LIBDIR/domain-ID-NAME.  A running domain has it in its
 * live XML (qemu_process.c fills it in). */
char *
qemuChannelSocketDir(const char *home)
{
    g_autofree char *libDir = g_path_get_dirname(home);
    g_autofree char *dirname = g_path_get_basename(home);

    return g_build_filename(libDir, "channel", "target", dirname, NULL);
}


char *
qemuChannelSocketPath(const char *home, const virDomainChrDef *chr, size_t idx)
{
    g_autofree char *dir = qemuChannelSocketDir(home);
    g_autofree char *name = chr->targetName ? g_strdup(chr->targetName) :
                            g_strdup_printf("channel%zu", idx);

    return g_build_filename(dir, name, NULL);
}


/* virtio <channel>s (the guest agent's): a chardev each and a
 * virtserialport at its virtio-serial address; a domain that defines
 * no controller gets one, as libvirt adds it.  Only unix channels. */
static int
qemuBuildChannels(GPtrArray *args, const virDomainDef *def,
                  const qemuCommandPaths *paths)
{
    const char *bus = NULL;
    size_t i;

    for (i = 0; i < def->ncontrollers && !bus; i++) {
        if (def->controllers[i]->type == VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
            bus = def->controllers[i]->info.alias;
    }
    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];
        const virDomainDeviceVirtioSerialAddress *addr = &chr->info.addr.vioserial;
        bool addressed = chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL;
        g_autofree char *charid = g_strdup_printf("charchannel%zu", i);
        g_autofree char *id = g_strdup_printf("channel%zu", i);
        g_autofree char *busname = NULL;
        virDomainChrSourceDef src = chr->source;
        g_autofree char *path = NULL;
        json_object *dev;

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            return qemuUnsupported(_("channel target type"),
                                   virDomainChrChannelTargetTypeToString(chr->targetType));
        if (src.type != VIR_DOMAIN_CHR_TYPE_UNIX)
            return qemuUnsupported(_("channel source type"),
                                   virDomainChrTypeToString(src.type));
        if (!bus) {
            /* last of the PCI devices: QEMU's free slot collides with no
             * address given explicitly */
            dev = qemuDeviceNew("virtio-serial-pci", "virtio-serial0");
            qemuArgJSON(args, "-device", dev);
            bus = "virtio-serial0";
        }
        if (!src.path) {
            src.path = path = qemuChannelSocketPath(paths->home, chr, i);
            src.listen = true;
        }
        if (qemuBuildChardev(args, charid, &src) < 0)
            return -1;
        if (addressed)
            busname = g_strdup_printf("virtio-serial%u.%u", addr->controller, addr->bus);
        else
            busname = g_strdup_printf("%s.0", bus);
        dev = qemuDeviceNew("virtserialport", id);
        qemuJSONAddStr(dev, "bus", busname);
        qemuJSONAddInt(dev, "nr", addressed ? addr->port : i + 1);
        qemuJSONAddStr(dev, "chardev", charid);
        if (chr->targetName)
            qemuJSONAddStr(dev, "name", chr->targetName);
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* Input, graphics, video, balloon                                    */

/* Whether @def has a USB controller QEMU builds, for USB inputs. */
static bool
qemuDomainHasUSB(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
            !(cont->model >= 0 &&
              STREQ_NULLABLE(virDomainControllerModelUSBTypeToString(cont->model), "none")))
            return true;
    }
    return false;
}


static int
qemuBuildInputs(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *input = def->inputs[i];
        const char *driver;
        json_object *dev;

        /* PS/2 mouse and keyboard are part of the x86 machines. */
        if (input->bus == VIR_DOMAIN_INPUT_BUS_PS2)
            continue;
        if (input->bus != VIR_DOMAIN_INPUT_BUS_USB)
            return qemuUnsupported(_("input bus"),
                                   virDomainInputBusTypeToString(input->bus));
        switch (input->type) {
        case VIR_DOMAIN_INPUT_TYPE_TABLET:
            driver = "usb-tablet";
            break;
        case VIR_DOMAIN_INPUT_TYPE_MOUSE:
            driver = "usb-mouse";
            break;
        case VIR_DOMAIN_INPUT_TYPE_KBD:
            driver = "usb-kbd";
            break;
        default:
            return qemuUnsupported(_("input type"),
                                   virDomainInputTypeToString(input->type));
        }
        if (!qemuDomainHasUSB(def)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("USB input requires a USB controller"));
            return -1;
        }
        dev = qemuDeviceNew(driver, input->info.alias);
        qemuJSONAddStr(dev, "bus", "usb.0");
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


/* The id of the backend a sound card or VNC plays through: its own
 * <audio id/>, else the first <audio>; NULL when there is none. */
static char *
qemuAudiodevId(const virDomainDef *def, unsigned int audioId)
{
    if (!audioId && def->naudios)
        audioId = def->audios[0]->id;
    return audioId ? g_strdup_printf("audio%u", audioId) : NULL;
}


/* QEMU's audiodev key of one direction; NULL when nothing is set. */
static json_object *
qemuBuildAudioIO(const virDomainAudioIOCommon *io)
{
    json_object *obj = json_object_new_object();

    if (io->mixingEngine)
        qemuJSONAddBool(obj, "mixing-engine", io->mixingEngine == VIR_TRISTATE_BOOL_YES);
    if (io->fixedSettings)
        qemuJSONAddBool(obj, "fixed-settings", io->fixedSettings == VIR_TRISTATE_BOOL_YES);
    if (io->voices)
        qemuJSONAddInt(obj, "voices", io->voices);
    if (io->bufferLength)
        qemuJSONAddInt(obj, "buffer-length", io->bufferLength);
    if (io->dev)
        qemuJSONAddStr(obj, "dev", io->dev);
    if (io->name)
        qemuJSONAddStr(obj, "name", io->name);
    if (io->streamName)
        qemuJSONAddStr(obj, "stream-name", io->streamName);
    if (io->latency)
        qemuJSONAddInt(obj, "latency", io->latency);
    if (json_object_object_length(obj) == 0) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}


/* One -audiodev per <audio>, with libvirt's keys in its order; an SDL
 * backend's driver is SDL's environment variable. */
static int
qemuBuildAudios(GPtrArray *env, GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->naudios; i++) {
        const virDomainAudioDef *audio = def->audios[i];
        g_autofree char *id = g_strdup_printf("audio%u", audio->id);
        const char *driver;
        json_object *obj;
        json_object *io;

        switch (audio->type) {
        case VIR_DOMAIN_AUDIO_TYPE_NONE:
            driver = "none";
            break;
        case VIR_DOMAIN_AUDIO_TYPE_ALSA:
            driver = "alsa";
            break;
        case VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
            driver = "pa";
            break;
        case VIR_DOMAIN_AUDIO_TYPE_SDL:
            driver = "sdl";
            break;
        case VIR_DOMAIN_AUDIO_TYPE_SPICE:
            driver = "spice";
            break;
        case VIR_DOMAIN_AUDIO_TYPE_FILE:
            driver = "wav";
            break;
        default:
            return qemuUnsupported(_("audio type"), virDomainAudioTypeTypeToString(audio->type));
        }
        obj = json_object_new_object();
        qemuJSONAddStr(obj, "id", id);
        qemuJSONAddStr(obj, "driver", driver);
        if (audio->timerPeriod)
            qemuJSONAddInt(obj, "timer-period", audio->timerPeriod);
        if (audio->serverName)
            qemuJSONAddStr(obj, "server", audio->serverName);
        if (audio->path)
            qemuJSONAddStr(obj, "path", audio->path);
        if ((io = qemuBuildAudioIO(&audio->input)))
            json_object_object_add(obj, "in", io);
        if ((io = qemuBuildAudioIO(&audio->output)))
            json_object_object_add(obj, "out", io);
        qemuArgJSON(args, "-audiodev", obj);

        if (audio->type == VIR_DOMAIN_AUDIO_TYPE_SDL && audio->sdlDriver) {
            const char *word = audio->sdlDriver == VIR_DOMAIN_AUDIO_SDL_DRIVER_ESD ? "esd" :
                               audio->sdlDriver == VIR_DOMAIN_AUDIO_SDL_DRIVER_ALSA ? "alsa" :
                               audio->sdlDriver == VIR_DOMAIN_AUDIO_SDL_DRIVER_ARTS ? "arts" :
                               "pulseaudio";

            g_ptr_array_add(env, g_strdup_printf("SDL_AUDIODRIVER=%s", word));
        }
    }
    return 0;
}


/* No graphics: no display, said early on the line as libvirt does. */
static void
qemuBuildNoDisplay(GPtrArray *args, const virDomainDef *def)
{
    if (def->ngraphics == 0) {
        qemuArg(args, "-display");
        qemuArg(args, "none");
    }
}


/* VNC, after the audio backends it plays guest sound through. */
static int
qemuBuildGraphics(GPtrArray *args, const virDomainDef *def)
{
    const virDomainGraphicsDef *gfx;
    const char *listen = "127.0.0.1";
    g_autofree char *audiodev = qemuAudiodevId(def, 0);
    g_autofree char *suffix = NULL;
    int port;

    if (def->ngraphics == 0)
        return 0;
    gfx = def->graphics[0];
    if (def->ngraphics > 1 || gfx->type != VIR_DOMAIN_GRAPHICS_TYPE_VNC)
        return qemuUnsupported(_("graphics type"),
                               virDomainGraphicsTypeToString(gfx->type));
    if (gfx->nlistens && gfx->listens[0].address)
        listen = gfx->listens[0].address;
    suffix = audiodev ? g_strdup_printf(",audiodev=%s", audiodev) : g_strdup("");
    /* An automatic port is chosen at start; 5900 stands for it here. */
    port = gfx->port >= 5900 ? gfx->port : 5900;
    qemuArg(args, "-vnc");
    if (strchr(listen, ':'))
        qemuArg(args, "[%s]:%d%s", listen, port - 5900, suffix);
    else
        qemuArg(args, "%s:%d%s", listen, port - 5900, suffix);
    return 0;
}


static const char *
qemuVideoDriver(const virDomainVideoDef *video, bool primary)
{
    switch (video->type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
        return "VGA";
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        return "cirrus-vga";
    case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
        return "vmware-svga";
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        return primary ? "qxl-vga" : "qxl";
    case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
        return primary ? "virtio-vga" : "virtio-gpu-pci";
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        return "bochs-display";
    default:
        return NULL;
    }
}


static int
qemuBuildVideos(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nvideos; i++) {
        const virDomainVideoDef *video = def->videos[i];
        const char *driver;
        json_object *dev;

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (!(driver = qemuVideoDriver(video, i == 0)))
            return qemuUnsupported(_("video model"), virDomainVideoTypeToString(video->type));
        dev = qemuDeviceNew(driver, video->info.alias);
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_VGA && video->vram)
            qemuJSONAddInt(dev, "vgamem_mb", video->vram / 1024);
        qemuDeviceAddPCI(dev, def, &video->info);
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


static const char *
qemuSoundDriver(virDomainSoundModel model)
{
    switch (model) {
    case VIR_DOMAIN_SOUND_MODEL_ICH6:
        return "intel-hda";
    case VIR_DOMAIN_SOUND_MODEL_ICH9:
        return "ich9-intel-hda";
    case VIR_DOMAIN_SOUND_MODEL_AC97:
        return "AC97";
    case VIR_DOMAIN_SOUND_MODEL_ES1370:
        return "ES1370";
    case VIR_DOMAIN_SOUND_MODEL_SB16:
        return "sb16";
    default:
        return NULL;
    }
}


/* Sound cards: an HD audio controller gets its codecs (one duplex when
 * the XML names none) as devices of their own, which play through the
 * backend; the other cards take the backend themselves. */
static int
qemuBuildSounds(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nsounds; i++) {
        const virDomainSoundDef *sound = def->sounds[i];
        const char *driver = qemuSoundDriver(sound->model);
        g_autofree char *audiodev = qemuAudiodevId(def, sound->audioId);
        bool hda = sound->model == VIR_DOMAIN_SOUND_MODEL_ICH6 ||
                   sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9;
        size_t ncodecs = MAX(sound->ncodecs, 1);
        size_t c;
        json_object *dev;

        if (!driver)
            return qemuUnsupported(_("sound model"),
                                   virDomainSoundModelTypeToString(sound->model));
        dev = qemuDeviceNew(driver, sound->info.alias);
        if (!hda && audiodev)
            qemuJSONAddStr(dev, "audiodev", audiodev);
        qemuDeviceAddPCI(dev, def, &sound->info);
        qemuArgJSON(args, "-device", dev);
        for (c = 0; hda && c < ncodecs; c++) {
            virDomainSoundCodecType codec = sound->ncodecs ? sound->codecs[c] :
                                            VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX;
            g_autofree char *id = g_strdup_printf("%s-codec%zu", sound->info.alias, c);
            g_autofree char *bus = g_strdup_printf("%s.0", sound->info.alias);

            dev = qemuDeviceNew(codec == VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO ? "hda-micro" :
                                codec == VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT ? "hda-output" :
                                "hda-duplex", id);
            qemuJSONAddStr(dev, "bus", bus);
            qemuJSONAddInt(dev, "cad", c);
            if (audiodev)
                qemuJSONAddStr(dev, "audiodev", audiodev);
            qemuArgJSON(args, "-device", dev);
        }
    }
    return 0;
}


static void
qemuBuildMemballoon(GPtrArray *args, const virDomainDef *def)
{
    json_object *dev;

    if (!def->memballoon || def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        return;
    dev = qemuDeviceNew("virtio-balloon-pci", def->memballoon->info.alias);
    qemuDeviceAddPCI(dev, def, &def->memballoon->info);
    if (def->memballoon->autodeflate != VIR_TRISTATE_SWITCH_ABSENT)
        qemuJSONAddBool(dev, "deflate-on-oom",
                        def->memballoon->autodeflate == VIR_TRISTATE_SWITCH_ON);
    qemuArgJSON(args, "-device", dev);
}


/* virtio-rng-pci fed by an rng-random object, as libvirt builds it;
 * the other backends are refused. */
static int
qemuBuildRNGs(GPtrArray *args, const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nrngs; i++) {
        const virDomainRNGDef *rng = def->rngs[i];
        g_autofree char *objid = g_strdup_printf("obj%s", rng->info.alias);
        json_object *obj;
        json_object *dev;

        if (rng->backend != VIR_DOMAIN_RNG_BACKEND_RANDOM)
            return qemuUnsupported(_("RNG backend"),
                                   virDomainRNGBackendTypeToString(rng->backend));
        obj = json_object_new_object();
        qemuJSONAddStr(obj, "qom-type", "rng-random");
        qemuJSONAddStr(obj, "id", objid);
        qemuJSONAddStr(obj, "filename", rng->path ? rng->path : "/dev/urandom");
        qemuArgJSON(args, "-object", obj);

        dev = json_object_new_object();
        qemuJSONAddStr(dev, "driver", "virtio-rng-pci");
        qemuJSONAddStr(dev, "rng", objid);
        qemuJSONAddStr(dev, "id", rng->info.alias);
        qemuDeviceAddPCI(dev, def, &rng->info);
        qemuArgJSON(args, "-device", dev);
    }
    return 0;
}


static void
qemuBuildEnv(GPtrArray *env, const qemuCommandPaths *paths)
{
    g_ptr_array_add(env, g_strdup("LC_ALL=C"));
    g_ptr_array_add(env, g_strdup("PATH=" QEMU_COMMAND_PATH));
    g_ptr_array_add(env, g_strdup_printf("HOME=%s", paths->home));
    g_ptr_array_add(env, g_strdup_printf("XDG_DATA_HOME=%s/.local/share", paths->home));
    g_ptr_array_add(env, g_strdup_printf("XDG_CACHE_HOME=%s/.cache", paths->home));
    g_ptr_array_add(env, g_strdup_printf("XDG_CONFIG_HOME=%s/.config", paths->home));
}


/**
 * qemuBuildCommandLine:
 * @def: a live definition: addresses, aliases, chains and indexes set
 * @caps: the emulator's capabilities
 * @paths: where the domain's files are
 * @incoming: wait for an incoming migration (restore)
 * @env: filled with the environment, "NAME=value" strings
 * @args: filled with the emulator and its arguments
 *
 * Returns 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED naming what @def asks
 * that this driver cannot build.
 */
int
qemuBuildCommandLine(const virDomainDef *def, const qemuCaps *caps,
                     const qemuCommandPaths *paths, bool incoming,
                     bool kvm, GPtrArray *env, GPtrArray *args)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *name = qemuEscapeComma(def->name);

    /* conf/ models these, but nothing below builds them: refuse rather
     * than start a guest without them. */
    if (def->nsmartcards > 0)
        return qemuUnsupported(_("device"), "smartcard");
    if (def->nmems > 0)
        return qemuUnsupported(_("device"), "memory");
    if (def->cpu && def->cpu->ncells > 0)
        return qemuUnsupported(_("CPU element"), "numa");

    qemuBuildEnv(env, paths);
    qemuArg(args, "%s", def->emulator ? def->emulator : caps->binary);
    qemuArg(args, "-name");
    qemuArg(args, "guest=%s,debug-threads=on", name);
    qemuArg(args, "-S");
    if (qemuBuildMachine(args, def, kvm) < 0)
        return -1;
    qemuBuildMemorySMP(args, def);
    qemuArg(args, "-uuid");
    qemuArg(args, "%s", virUUIDFormat(def->uuid, uuid));
    qemuBuildNoDisplay(args, def);
    qemuBuildMonitorClock(args, def, paths);
    if (qemuBuildControllers(args, def) < 0 ||
        qemuBuildDisks(args, def) < 0 ||
        qemuBuildNets(args, def) < 0 ||
        qemuBuildSerials(args, def) < 0 ||
        qemuBuildInputs(args, def) < 0 ||
        qemuBuildAudios(env, args, def) < 0 ||
        qemuBuildGraphics(args, def) < 0 ||
        qemuBuildVideos(args, def) < 0 ||
        qemuBuildSounds(args, def) < 0)
        return -1;
    qemuBuildMemballoon(args, def);
    if (qemuBuildRNGs(args, def) < 0)
        return -1;
    if (qemuBuildChannels(args, def, paths) < 0)
        return -1;
    if (incoming) {
        qemuArg(args, "-incoming");
        qemuArg(args, "defer");
    }
    qemuArg(args, "-msg");
    qemuArg(args, "timestamp=on");
    return 0;
}


/* Quote @str for a POSIX shell when it needs it, as libvirt prints
 * command lines. */
static void
qemuCommandQuote(virBuffer *buf, const char *str)
{
    const char *p;

    if (*str && strspn(str, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "0123456789_-+=:,./@%") == strlen(str)) {
        virBufferAddStr(buf, str);
        return;
    }
    virBufferAddChar(buf, '\'');
    for (p = str; *p; p++) {
        if (*p == '\'')
            virBufferAddLit(buf, "'\\''");
        else
            virBufferAddChar(buf, *p);
    }
    virBufferAddChar(buf, '\'');
}


/**
 * qemuCommandFormat:
 * @env: "NAME=value" strings
 * @args: the program and its arguments
 * @linebreaks: one element per line, joined with backslashes
 *
 * Returns the command as a shell would run it: the environment, the
 * program, the arguments, each quoted when needed.  Caller frees.
 */
char *
qemuCommandFormat(GPtrArray *env, GPtrArray *args, bool linebreaks)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const char *sep = linebreaks ? " \\\n" : " ";
    size_t i;

    for (i = 0; i < env->len; i++) {
        const char *var = g_ptr_array_index(env, i);
        const char *eq = strchr(var, '=');

        virBufferAdd(&buf, var, eq - var + 1);
        qemuCommandQuote(&buf, eq + 1);
        virBufferAddStr(&buf, sep);
    }
    for (i = 0; i < args->len; i++) {
        const char *arg = g_ptr_array_index(args, i);

        /* An option and its value share a line. */
        if (i > 0) {
            const char *prev = g_ptr_array_index(args, i - 1);

            if (linebreaks && i > 1 && prev[0] == '-' && arg[0] != '-')
                virBufferAddChar(&buf, ' ');
            else
                virBufferAddStr(&buf, sep);
        }
        qemuCommandQuote(&buf, arg);
    }
    return virBufferContentAndReset(&buf);
}


/* Mark every chain the XML leaves open as ending at its top image:
 * showing a command line opens no image. */
static void
qemuCommandCloseChains(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virStorageSource *src = def->disks[i]->src;

        if (!src->path || src->backingStore)
            continue;
        src->backingStore = virStorageSourceNew();
        src->backingStore->type = VIR_STORAGE_TYPE_NONE;
    }
}


/**
 * qemuCommandLineForDef:
 * @def: a completed definition (qemuDomainDefPostParse), modified: it
 *   gets aliases and image indexes as if it started
 * @caps: its emulator's capabilities
 * @stateDir: the driver's state directory (the monitor socket's parent)
 * @libDir: the driver's lib directory (QEMU's home's parent)
 * @forceTCG: <domain type='kvm'> runs with TCG
 * @linebreaks: one option per line
 *
 * Returns the command line @def would start with, or NULL with an error.
 */
char *
qemuCommandLineForDef(virDomainDef *def, const qemuCaps *caps,
                      const char *stateDir, const char *libDir,
                      bool forceTCG, bool linebreaks)
{
    g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *dirname = g_strdup_printf("domain-%d-%s", def->id, def->name);
    g_autofree char *monitor = g_build_filename(stateDir, dirname, "monitor.sock", NULL);
    g_autofree char *home = g_build_filename(libDir, dirname, NULL);
    qemuCommandPaths paths = { .monitor = monitor, .home = home };

    qemuCommandCloseChains(def);
    qemuBlockAssignIndexes(def);
    qemuDomainAssignAliases(def);
    if (qemuBuildCommandLine(def, caps, &paths, false,
                             qemuDomainUseKVM(def, forceTCG), env, args) < 0)
        return NULL;
    return qemuCommandFormat(env, args, linebreaks);
}


/**
 * qemuCommandLineFromXML:
 * @xml: a domain definition
 * @caps: the capabilities its emulator is assumed to have
 * @root: an embed root: the paths are those of qemu:///embed?root=@root
 * @flags: qemuCommandFlags
 *
 * The command line of @xml, built without the driver or any emulator:
 * what tests/qemuxml2argvtest checks.  Returns a new string or NULL with
 * an error set.
 */
char *
qemuCommandLineFromXML(const char *xml, qemuCaps *caps, const char *root,
                       unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *stateDir = g_build_filename(root, "run", "qemu", NULL);
    g_autofree char *libDir = g_build_filename(root, "lib", "qemu", NULL);

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!def->emulator)
        def->emulator = g_strdup(caps->binary);
    if (qemuDomainDefPostParseCaps(def, caps) < 0)
        return NULL;
    return qemuCommandLineForDef(def, caps, stateDir, libDir,
                                 flags & QEMU_COMMAND_FORCE_TCG,
                                 flags & QEMU_COMMAND_LINEBREAKS);
}


/**
 * qemuDomainXMLFromXML:
 * @xml: a domain definition
 * @caps: the capabilities its emulator is assumed to have
 *
 * @xml completed as a define would (qemuDomainDefPostParseCaps()) and
 * formatted as the inactive XML: what tests/qemudefaultstest compares
 * with libvirt's.  Returns a new string or NULL with an error set.
 */
char *
qemuDomainXMLFromXML(const char *xml, qemuCaps *caps)
{
    g_autoptr(virDomainDef) def = NULL;

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!def->emulator)
        def->emulator = g_strdup(caps->binary);
    if (qemuDomainDefPostParseCaps(def, caps) < 0)
        return NULL;
    return virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
}
