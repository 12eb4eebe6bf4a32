/*
 * qemu_domain_address.c: PCI slots and device aliases for QEMU guests
 *
 * PCI addresses are assigned when a domain is defined (they are kept in
 * its definition, as libvirt keeps them) on the root bus: pci.0 of the
 * i440FX machines, slot 1 being the PIIX3 and slot 2 the primary video
 * card; pcie.0 of the Q35 machines, where every device is an integrated
 * endpoint (libvirt would add a pcie-root-port per device; we do not
 * yet), slot 1 for the primary video card and slot 0x1f taken by the
 * ICH9.  Aliases, the QEMU ids of devices, are given at start and
 * follow libvirt's scheme ("virtio-disk0", "net0", "balloon0" ...).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_PCI_SLOTS 32


/**
 * qemuDomainIsQ35:
 * @def: a domain definition with its machine type set
 *
 * Returns whether the machine is a Q35 (PCI Express) one.
 */
bool
qemuDomainIsQ35(const virDomainDef *def)
{
    return def->os.machine && strstr(def->os.machine, "q35");
}


static bool
qemuDeviceNeedsPCI(const virDomainDeviceInfo *info)
{
    return info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE ||
           info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
}


static bool
qemuControllerIsPCIDevice(const virDomainDef *def,
                          const virDomainControllerDef *cont)
{
    switch (cont->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return true;
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        /* Q35's first SATA controller is the built-in ICH9 AHCI. */
        return !(qemuDomainIsQ35(def) && cont->idx == 0);
    default:
        return false;
    }
}


/* Record a user-given PCI address; the root bus is the only one. */
static int
qemuDomainReserveSlot(bool *used, const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *pci = &info->addr.pci;

    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    if (pci->domain != 0 || pci->bus != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI address %1$04x:%2$02x:%3$02x.%4$x is not on the root bus, the only one this driver provides"),
                       pci->domain, pci->bus, pci->slot, pci->function);
        return -1;
    }
    if (pci->slot == 0 || pci->slot >= QEMU_PCI_SLOTS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI slot 0x%1$02x is not available"), pci->slot);
        return -1;
    }
    used[pci->slot] = true;
    return 0;
}


static int
qemuDomainTakeSlot(bool *used, unsigned int first, virDomainDeviceInfo *info)
{
    unsigned int slot;

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    for (slot = first; slot < QEMU_PCI_SLOTS; slot++) {
        if (used[slot])
            continue;
        used[slot] = true;
        info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
        memset(&info->addr.pci, 0, sizeof(info->addr.pci));
        info->addr.pci.slot = slot;
        return 0;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("No more available PCI slots"));
    return -1;
}


/* Every device info of @def that sits on PCI, in the order libvirt's
 * assignment gives slots: controllers, NICs, disks, videos, balloon. */
static GPtrArray *
qemuDomainPCIDevices(virDomainDef *def)
{
    GPtrArray *infos = g_ptr_array_new();
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (qemuControllerIsPCIDevice(def, def->controllers[i]) &&
            qemuDeviceNeedsPCI(&def->controllers[i]->info))
            g_ptr_array_add(infos, &def->controllers[i]->info);
    }
    for (i = 0; i < def->nnets; i++) {
        if (qemuDeviceNeedsPCI(&def->nets[i]->info))
            g_ptr_array_add(infos, &def->nets[i]->info);
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO &&
            qemuDeviceNeedsPCI(&def->disks[i]->info))
            g_ptr_array_add(infos, &def->disks[i]->info);
    }
    for (i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
            qemuDeviceNeedsPCI(&def->videos[i]->info))
            g_ptr_array_add(infos, &def->videos[i]->info);
    }
    if (def->memballoon && def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO &&
        qemuDeviceNeedsPCI(&def->memballoon->info))
        g_ptr_array_add(infos, &def->memballoon->info);
    return infos;
}


/**
 * qemuDomainAssignAddresses:
 * @def: a domain definition with its machine type set
 *
 * Give every PCI device without an address a free slot of the root bus,
 * the primary video card first at its customary slot.  Returns 0, or -1
 * with an error when an address is off the root bus or slots run out.
 */
int
qemuDomainAssignAddresses(virDomainDef *def)
{
    g_autoptr(GPtrArray) infos = qemuDomainPCIDevices(def);
    bool used[QEMU_PCI_SLOTS] = { true };
    bool q35 = qemuDomainIsQ35(def);
    unsigned int videoSlot = q35 ? 1 : 2;
    size_t i;

    if (q35)
        used[0x1f] = true;
    else
        used[1] = true;

    for (i = 0; i < infos->len; i++) {
        if (qemuDomainReserveSlot(used, g_ptr_array_index(infos, i)) < 0)
            return -1;
    }

    if (def->nvideos && def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
        def->videos[0]->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        !used[videoSlot] &&
        qemuDomainTakeSlot(used, videoSlot, &def->videos[0]->info) < 0)
        return -1;
    /* Keep the video slot free for a video card added later. */
    if (!def->nvideos)
        used[videoSlot] = true;

    for (i = 0; i < infos->len; i++) {
        if (qemuDomainTakeSlot(used, 1, g_ptr_array_index(infos, i)) < 0)
            return -1;
    }
    return 0;
}


static void
qemuSetAlias(virDomainDeviceInfo *info, char *alias)
{
    /* A user alias ("ua-") is the device's id already. */
    if (info->alias && STRPREFIX(info->alias, "ua-")) {
        g_free(alias);
        return;
    }
    g_free(info->alias);
    info->alias = alias;
}


static char *
qemuDiskAlias(const virDomainDiskDef *disk)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.addr.drive;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        return g_strdup_printf("virtio-disk%d", virDiskNameToIndex(disk->dst));
    case VIR_DOMAIN_DISK_BUS_IDE:
        return g_strdup_printf("ide%u-%u-%u", drive->controller, drive->bus,
                               drive->unit);
    case VIR_DOMAIN_DISK_BUS_SATA:
        return g_strdup_printf("sata%u-%u-%u", drive->controller, drive->bus,
                               drive->unit);
    case VIR_DOMAIN_DISK_BUS_SCSI:
        return g_strdup_printf("scsi%u-%u-%u-%u", drive->controller, drive->bus,
                               drive->target, drive->unit);
    case VIR_DOMAIN_DISK_BUS_FDC:
        return g_strdup_printf("fdc%u-%u-%u", drive->controller, drive->bus,
                               drive->unit);
    default:
        return g_strdup_printf("%s-disk%d",
                               virDomainDiskBusTypeToString(disk->bus),
                               virDiskNameToIndex(disk->dst));
    }
}


static char *
qemuControllerAlias(const virDomainDef *def, const virDomainControllerDef *cont)
{
    switch (cont->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return g_strdup_printf("pci.%d", cont->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return cont->idx == 0 ? g_strdup("ide") : g_strdup_printf("ide%d", cont->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        /* QEMU names Q35's built-in AHCI "ide". */
        if (cont->idx == 0 && qemuDomainIsQ35(def))
            return g_strdup("ide");
        return g_strdup_printf("sata%d", cont->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return cont->idx == 0 ? g_strdup("usb") : g_strdup_printf("usb%d", cont->idx);
    default:
        return g_strdup_printf("%s%d",
                               virDomainControllerTypeTypeToString(cont->type),
                               cont->idx);
    }
}


/**
 * qemuDomainAssignAliases:
 * @def: the live definition of a domain about to start
 *
 * Give every device its QEMU id, as libvirt names them; user aliases
 * ("ua-...") are kept.
 */
void
qemuDomainAssignAliases(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++)
        qemuSetAlias(&def->controllers[i]->info,
                     qemuControllerAlias(def, def->controllers[i]));
    for (i = 0; i < def->ndisks; i++)
        qemuSetAlias(&def->disks[i]->info, qemuDiskAlias(def->disks[i]));
    for (i = 0; i < def->nnets; i++)
        qemuSetAlias(&def->nets[i]->info, g_strdup_printf("net%zu", i));
    for (i = 0; i < def->nserials; i++)
        qemuSetAlias(&def->serials[i]->info, g_strdup_printf("serial%zu", i));
    for (i = 0; i < def->nconsoles; i++) {
        /* A serial console is the first serial port itself. */
        if (i == 0 && def->nserials &&
            def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL)
            qemuSetAlias(&def->consoles[0]->info, g_strdup("serial0"));
        else
            qemuSetAlias(&def->consoles[i]->info, g_strdup_printf("console%zu", i));
    }
    for (i = 0; i < def->ninputs; i++)
        qemuSetAlias(&def->inputs[i]->info, g_strdup_printf("input%zu", i));
    for (i = 0; i < def->nvideos; i++)
        qemuSetAlias(&def->videos[i]->info, g_strdup_printf("video%zu", i));
    if (def->memballoon && def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        qemuSetAlias(&def->memballoon->info, g_strdup("balloon0"));
}
