/*
 * qemu_domain_address.c: PCI slots and device aliases for QEMU guests
 *
 * PCI addresses are assigned when a domain is defined (they are kept in
 * its definition, as libvirt keeps them), the way libvirt 9.0 gives
 * them, in its order: primary video, NICs, sound cards, controllers,
 * virtio disks, balloon, RNG, other videos.
 *
 * i440FX ("pc"): everything on pci.0; slot 1 is the PIIX3, whose
 * function 1 is the IDE and function 2 the UHCI USB controller; slot 2
 * the primary video card (free for others when there is none).
 *
 * Q35: slot 1 of pcie.0 for the primary video card, slot 0x1b for the
 * first ich9 sound card, slot 0x1f the ICH9 (function 2 its SATA
 * controller).  Every PCI Express device gets a pcie-root-port of its
 * own (slot 0 of the port's bus); the ports fill the eight functions of
 * one slot of pcie.0 after another, and a new definition gets one port
 * more, free for hot-plug.  Conventional PCI devices (e1000, rtl8139,
 * ich6, ac97, es1370, lsilogic, a second VGA ...) sit on slots 1-31 of
 * a pcie-to-pci-bridge, itself in a root port.
 *
 * libvirt decides which controllers a Q35 guest needs in a first pass
 * over the devices that only counts, adds them all, gives them their
 * addresses in index order, then places the devices: the bridge thus
 * takes the first root port even when a PCI Express device came first.
 * A dry run of the same code does the counting here.
 *
 * Aliases, the QEMU ids of devices, are given at start and follow
 * libvirt's scheme ("virtio-disk0", "net0", "balloon0", "pci.1" ...).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_PCI_SLOTS 32
#define QEMU_PCI_BUSES 256
#define QEMU_PCI_SLOT_FULL 0xff

/* conf defines the controller model words in domain_device_conf.c and
 * exports their converters, but no header declares them yet. */
VIR_ENUM_DECL(virDomainControllerModelPCI);
VIR_ENUM_DECL(virDomainControllerModelSCSI);
VIR_ENUM_DECL(virDomainControllerModelUSB);
VIR_ENUM_DECL(virDomainControllerPCIModelName);


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


/* The PCI functions of a definition in use while addresses are given. */
typedef struct _qemuPCIAddrs qemuPCIAddrs;
struct _qemuPCIAddrs {
    virDomainDef *def;
    bool q35;
    guint8 used[QEMU_PCI_BUSES][QEMU_PCI_SLOTS];    /* bit N: function N */
    bool exists[QEMU_PCI_BUSES];                    /* a controller makes it */
    bool rootPort[QEMU_PCI_BUSES];                  /* that one is a root port */
    bool bridge[QEMU_PCI_BUSES];                    /* a pcie-to-pci-bridge */
    bool portSlot[QEMU_PCI_SLOTS];                  /* pcie.0 slot of root ports */
    bool dryRun;            /* count the buses needed, change nothing */
    int nextIdx;            /* index of the next controller added */
    bool planned[QEMU_PCI_BUSES];   /* dry run: the new bus is a bridge */
};


static bool
qemuDeviceNeedsPCI(const virDomainDeviceInfo *info)
{
    return info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
}


static bool
qemuControllerIsModel(const virDomainControllerDef *cont, const char *model)
{
    const char *word = NULL;

    if (cont->model < 0)
        return false;
    if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI)
        word = virDomainControllerModelPCITypeToString(cont->model);
    else if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB)
        word = virDomainControllerModelUSBTypeToString(cont->model);
    else if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI)
        word = virDomainControllerModelSCSITypeToString(cont->model);
    return STREQ_NULLABLE(word, model);
}


/**
 * qemuControllerIsPCIRootPort:
 * @cont: a controller
 *
 * Returns whether @cont is a pcie-root-port.
 */
bool
qemuControllerIsPCIRootPort(const virDomainControllerDef *cont)
{
    return cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
           qemuControllerIsModel(cont, "pcie-root-port");
}


/**
 * qemuControllerIsPCIeToPCIBridge:
 * @cont: a controller
 *
 * Returns whether @cont is a pcie-to-pci-bridge.
 */
bool
qemuControllerIsPCIeToPCIBridge(const virDomainControllerDef *cont)
{
    return cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
           qemuControllerIsModel(cont, "pcie-to-pci-bridge");
}


/* Whether the controller is a device of its own on a PCI bus (the PCI
 * roots are the buses; the machine's built-in ones have fixed slots). */
static bool
qemuControllerIsPCIDevice(const virDomainDef *def,
                          const virDomainControllerDef *cont)
{
    switch (cont->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return true;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return !qemuControllerIsModel(cont, "none");
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        return true;
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return !qemuDomainIsQ35(def) && cont->idx == 0;
    default:
        return false;
    }
}


/* Whether QEMU's device for a controller is PCI Express, hence behind a
 * root port on Q35 as libvirt places it. */
static bool
qemuControllerIsPCIe(const virDomainControllerDef *cont)
{
    switch (cont->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return qemuControllerIsModel(cont, "virtio-scsi");
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return true;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return qemuControllerIsModel(cont, "qemu-xhci") ||
               qemuControllerIsModel(cont, "nec-xhci");
    default:
        return false;
    }
}


static bool
qemuNetIsPCIe(const virDomainNetDef *net)
{
    return !net->model || STRPREFIX(net->model, "virtio") ||
           STREQ(net->model, "e1000e");
}


static int
qemuPCIAddrsReserve(qemuPCIAddrs *addrs, const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *pci = &info->addr.pci;

    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    if (pci->domain != 0 || pci->bus >= QEMU_PCI_BUSES || !addrs->exists[pci->bus]) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI address %1$04x:%2$02x:%3$02x.%4$x names a bus that no PCI controller provides"),
                       pci->domain, pci->bus, pci->slot, pci->function);
        return -1;
    }
    if (pci->slot >= QEMU_PCI_SLOTS || pci->function > 7 ||
        (pci->bus == 0 && pci->slot == 0) ||
        (addrs->rootPort[pci->bus] && pci->slot != 0)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("PCI slot 0x%1$02x is not available"), pci->slot);
        return -1;
    }
    addrs->used[pci->bus][pci->slot] |= 1 << pci->function;
    return 0;
}


static void
qemuPCIAddrsSet(qemuPCIAddrs *addrs, virDomainDeviceInfo *info,
                unsigned int bus, unsigned int slot, unsigned int function)
{
    addrs->used[bus][slot] |= 1 << function;
    if (addrs->dryRun)
        return;
    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    memset(&info->addr.pci, 0, sizeof(info->addr.pci));
    info->addr.pci.bus = bus;
    info->addr.pci.slot = slot;
    info->addr.pci.function = function;
}


/* A whole free slot of pcie.0 or pci.0, from @first on. */
static int
qemuPCIAddrsFreeSlot(qemuPCIAddrs *addrs, unsigned int first)
{
    unsigned int slot;

    for (slot = first; slot < QEMU_PCI_SLOTS; slot++) {
        if (!addrs->used[0][slot])
            return slot;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("No more available PCI slots"));
    return -1;
}


static int
qemuPCIAddrsTakeSlot(qemuPCIAddrs *addrs, virDomainDeviceInfo *info)
{
    int slot = qemuPCIAddrsFreeSlot(addrs, 1);

    if (slot < 0)
        return -1;
    qemuPCIAddrsSet(addrs, info, 0, slot, 0);
    addrs->used[0][slot] = QEMU_PCI_SLOT_FULL;
    return 0;
}


/* libvirt lists the PCI controllers it adds after all the others,
 * the implicit ones of disks and channels included. */
static void
qemuPCIAddrsAppendController(virDomainDef *def, virDomainControllerDef *cont)
{
    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    def->controllers[def->ncontrollers++] = cont;
}


/* The address of a new root port: the next function of the slot of
 * pcie.0 the ports fill, or a free slot. */
static int
qemuPCIAddrsPortAddress(qemuPCIAddrs *addrs, virDomainDeviceInfo *info)
{
    virDomainDef *def = addrs->def;
    int slot = -1;
    unsigned int function = 0;
    size_t i;

    for (i = 1; i < QEMU_PCI_SLOTS && slot < 0; i++) {
        if (!addrs->portSlot[i] || addrs->used[0][i] == QEMU_PCI_SLOT_FULL)
            continue;
        slot = i;
        while (addrs->used[0][i] & (1 << function))
            function++;
    }
    if (slot < 0 && (slot = qemuPCIAddrsFreeSlot(addrs, 1)) < 0)
        return -1;
    qemuPCIAddrsSet(addrs, info, 0, slot, function);
    addrs->portSlot[slot] = true;
    /* the port at function 0 says the slot has more, once it has */
    for (i = 0; function > 0 && !addrs->dryRun && i < def->ncontrollers; i++) {
        virDomainControllerDef *first = def->controllers[i];

        if (qemuControllerIsPCIRootPort(first) &&
            first->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
            first->info.addr.pci.bus == 0 && first->info.addr.pci.slot == (unsigned int)slot &&
            first->info.addr.pci.function == 0 &&
            first->info.addr.pci.multi == VIR_TRISTATE_SWITCH_ABSENT)
            first->info.addr.pci.multi = VIR_TRISTATE_SWITCH_ON;
    }
    return 0;
}


/* A free root port: its bus, or -1. */
static int
qemuPCIAddrsFreePort(qemuPCIAddrs *addrs)
{
    int bus;

    for (bus = 1; bus < QEMU_PCI_BUSES; bus++) {
        if (addrs->rootPort[bus] && !addrs->used[bus][0])
            return bus;
    }
    return -1;
}


/* A new pcie-root-port, or a pcie-to-pci-bridge in the first free root
 * port, as the next controller index.  A dry run only notes it.
 * Returns its index (its bus). */
static int
qemuPCIAddrsAddController(qemuPCIAddrs *addrs, bool bridge)
{
    int idx = addrs->nextIdx;
    virDomainDeviceInfo info = { 0 };
    virDomainControllerDef *cont;

    if (idx >= QEMU_PCI_BUSES) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("No more available PCI buses"));
        return -1;
    }
    if (bridge) {
        int port = qemuPCIAddrsFreePort(addrs);

        if (port < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("No free pcie-root-port for a pcie-to-pci-bridge"));
            return -1;
        }
        qemuPCIAddrsSet(addrs, &info, port, 0, 0);
        addrs->bridge[idx] = true;
        addrs->used[idx][0] = QEMU_PCI_SLOT_FULL;
    } else {
        if (qemuPCIAddrsPortAddress(addrs, &info) < 0)
            return -1;
        addrs->rootPort[idx] = true;
        memset(addrs->used[idx] + 1, QEMU_PCI_SLOT_FULL, QEMU_PCI_SLOTS - 1);
    }
    addrs->exists[idx] = true;
    addrs->nextIdx++;
    if (addrs->dryRun) {
        addrs->planned[idx] = bridge;
        return idx;
    }

    cont = qemuDomainControllerNew(VIR_DOMAIN_CONTROLLER_TYPE_PCI, idx,
                                   bridge ? "pcie-to-pci-bridge" : "pcie-root-port");
    cont->pciModelName = virDomainControllerPCIModelNameTypeFromString(bridge ?
                                                                       "pcie-pci-bridge" :
                                                                       "pcie-root-port");
    cont->info = info;
    if (!bridge) {
        cont->chassis = idx;
        cont->port = (info.addr.pci.slot << 3) | info.addr.pci.function;
    }
    qemuPCIAddrsAppendController(addrs->def, cont);
    return idx;
}


/* Slot 0 of a free root port for a PCI Express device, a new port when
 * none is free. */
static int
qemuPCIAddrsTakePort(qemuPCIAddrs *addrs, virDomainDeviceInfo *info)
{
    int bus = qemuPCIAddrsFreePort(addrs);

    if (bus < 0 && (bus = qemuPCIAddrsAddController(addrs, false)) < 0)
        return -1;
    qemuPCIAddrsSet(addrs, info, bus, 0, 0);
    return 0;
}


/* The first free slot of a pcie-to-pci-bridge: its bus and slot. */
static bool
qemuPCIAddrsFreeBridgeSlot(qemuPCIAddrs *addrs, unsigned int *bus,
                           unsigned int *slot)
{
    for (*bus = 1; *bus < QEMU_PCI_BUSES; (*bus)++) {
        if (!addrs->bridge[*bus])
            continue;
        for (*slot = 1; *slot < QEMU_PCI_SLOTS; (*slot)++) {
            if (!addrs->used[*bus][*slot])
                return true;
        }
    }
    return false;
}


/* A free slot of a pcie-to-pci-bridge for a conventional PCI device,
 * a new bridge (in a new root port if none is free) when none has. */
static int
qemuPCIAddrsTakeBridgeSlot(qemuPCIAddrs *addrs, virDomainDeviceInfo *info)
{
    unsigned int bus;
    unsigned int slot;

    if (!qemuPCIAddrsFreeBridgeSlot(addrs, &bus, &slot)) {
        int added;

        if (qemuPCIAddrsFreePort(addrs) < 0 && qemuPCIAddrsAddController(addrs, false) < 0)
            return -1;
        if ((added = qemuPCIAddrsAddController(addrs, true)) < 0)
            return -1;
        bus = added;
        slot = 1;
    }
    qemuPCIAddrsSet(addrs, info, bus, slot, 0);
    addrs->used[bus][slot] = QEMU_PCI_SLOT_FULL;
    return 0;
}


/* How a device plugs into PCI on a Q35 machine. */
typedef enum {
    QEMU_PCI_CONNECT_PCIE,          /* a PCI Express endpoint: a root port */
    QEMU_PCI_CONNECT_CONVENTIONAL,  /* conventional PCI: a bridge */
    QEMU_PCI_CONNECT_ROOT,          /* integrated: a slot of pcie.0 */
} qemuPCIConnect;


static int
qemuPCIAddrsAssign(qemuPCIAddrs *addrs, virDomainDeviceInfo *info,
                   qemuPCIConnect connect)
{
    if (!qemuDeviceNeedsPCI(info))
        return 0;
    if (!addrs->q35 || connect == QEMU_PCI_CONNECT_ROOT)
        return qemuPCIAddrsTakeSlot(addrs, info);
    if (connect == QEMU_PCI_CONNECT_PCIE)
        return qemuPCIAddrsTakePort(addrs, info);
    return qemuPCIAddrsTakeBridgeSlot(addrs, info);
}


static qemuPCIConnect
qemuPCIConnectOf(bool pcie)
{
    return pcie ? QEMU_PCI_CONNECT_PCIE : QEMU_PCI_CONNECT_CONVENTIONAL;
}


static qemuPCIConnect
qemuControllerConnect(const virDomainControllerDef *cont)
{
    /* an extra AHCI is integrated, as the built-in one */
    if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA)
        return QEMU_PCI_CONNECT_ROOT;
    return qemuPCIConnectOf(qemuControllerIsPCIe(cont));
}


/* Whether a sound card is a PCI device (sb16 and pcspk are ISA, the USB
 * one is on USB). */
static bool
qemuSoundIsPCI(const virDomainSoundDef *sound)
{
    return sound->model != VIR_DOMAIN_SOUND_MODEL_SB16 &&
           sound->model != VIR_DOMAIN_SOUND_MODEL_PCSPK &&
           sound->model != VIR_DOMAIN_SOUND_MODEL_USB;
}


static int
qemuPCIAddrsAssignSound(qemuPCIAddrs *addrs, virDomainSoundDef *sound)
{
    /* Q35's own HD audio function, where the ICH9 has it */
    if (addrs->q35 && sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 &&
        qemuDeviceNeedsPCI(&sound->info) && !addrs->used[0][0x1b]) {
        qemuPCIAddrsSet(addrs, &sound->info, 0, 0x1b, 0);
        addrs->used[0][0x1b] = QEMU_PCI_SLOT_FULL;
        return 0;
    }
    return qemuPCIAddrsAssign(addrs, &sound->info, QEMU_PCI_CONNECT_CONVENTIONAL);
}


/* The machine's own functions, and every address the XML gave. */
static int
qemuPCIAddrsReserveAll(qemuPCIAddrs *addrs)
{
    virDomainDef *def = addrs->def;
    size_t i;

    addrs->exists[0] = true;
    addrs->used[0][0] = QEMU_PCI_SLOT_FULL;
    addrs->used[0][addrs->q35 ? 0x1f : 1] = QEMU_PCI_SLOT_FULL;
    addrs->nextIdx = 1;
    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *cont = def->controllers[i];

        if (cont->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI || cont->idx <= 0 ||
            cont->idx >= QEMU_PCI_BUSES)
            continue;
        addrs->exists[cont->idx] = true;
        addrs->nextIdx = MAX(addrs->nextIdx, cont->idx + 1);
        if (qemuControllerIsPCIRootPort(cont)) {
            addrs->rootPort[cont->idx] = true;
            memset(addrs->used[cont->idx] + 1, QEMU_PCI_SLOT_FULL, QEMU_PCI_SLOTS - 1);
            /* new ports join the slot of given ones only when that
             * slot is multifunction already, as libvirt's do */
            if (cont->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
                cont->info.addr.pci.bus == 0 && cont->info.addr.pci.slot < QEMU_PCI_SLOTS &&
                (cont->info.addr.pci.function > 0 ||
                 cont->info.addr.pci.multi == VIR_TRISTATE_SWITCH_ON))
                addrs->portSlot[cont->info.addr.pci.slot] = true;
        } else if (qemuControllerIsPCIeToPCIBridge(cont)) {
            addrs->bridge[cont->idx] = true;
            addrs->used[cont->idx][0] = QEMU_PCI_SLOT_FULL;
        }
    }

#define RESERVE(info) \
    do { \
        if (qemuPCIAddrsReserve(addrs, (info)) < 0) \
            return -1; \
    } while (0)
    for (i = 0; i < def->ncontrollers; i++)
        RESERVE(&def->controllers[i]->info);
    for (i = 0; i < def->nnets; i++)
        RESERVE(&def->nets[i]->info);
    for (i = 0; i < def->nsounds; i++)
        RESERVE(&def->sounds[i]->info);
    for (i = 0; i < def->ndisks; i++)
        RESERVE(&def->disks[i]->info);
    for (i = 0; i < def->nvideos; i++)
        RESERVE(&def->videos[i]->info);
    for (i = 0; i < def->nrngs; i++)
        RESERVE(&def->rngs[i]->info);
    if (def->memballoon)
        RESERVE(&def->memballoon->info);
#undef RESERVE
    return 0;
}


/* The controllers built into the machine's chipset, at their slots. */
static void
qemuPCIAddrsBuiltin(qemuPCIAddrs *addrs)
{
    virDomainDef *def = addrs->def;
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];
        int function = -1;

        if (!qemuDeviceNeedsPCI(&cont->info) || cont->idx != 0)
            continue;
        if (addrs->q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA)
            qemuPCIAddrsSet(addrs, &cont->info, 0, 0x1f, 2);
        else if (!addrs->q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_IDE)
            function = 1;
        else if (!addrs->q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                 qemuControllerIsModel(cont, "piix3-uhci"))
            function = 2;
        if (function > 0)
            qemuPCIAddrsSet(addrs, &cont->info, 0, 1, function);
    }
}


/* The devices in libvirt's order. */
static int
qemuPCIAddrsAssignAll(qemuPCIAddrs *addrs)
{
    virDomainDef *def = addrs->def;
    size_t i;

    for (i = 0; addrs->q35 && i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];
        virDomainDeviceInfo scratch = { 0 };
        virDomainDeviceInfo *info = addrs->dryRun ? &scratch : &cont->info;

        if (!qemuDeviceNeedsPCI(&cont->info) || cont->idx <= 0)
            continue;
        if (qemuControllerIsPCIRootPort(cont) && qemuPCIAddrsPortAddress(addrs, info) < 0)
            return -1;
        if (qemuControllerIsPCIeToPCIBridge(cont) && qemuPCIAddrsTakePort(addrs, info) < 0)
            return -1;
    }
    for (i = 0; i < def->nnets; i++) {
        if (qemuPCIAddrsAssign(addrs, &def->nets[i]->info,
                               qemuPCIConnectOf(qemuNetIsPCIe(def->nets[i]))) < 0)
            return -1;
    }
    for (i = 0; i < def->nsounds; i++) {
        if (qemuSoundIsPCI(def->sounds[i]) &&
            qemuPCIAddrsAssignSound(addrs, def->sounds[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (qemuControllerIsPCIDevice(def, cont) &&
            qemuPCIAddrsAssign(addrs, &cont->info, qemuControllerConnect(cont)) < 0)
            return -1;
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO &&
            qemuPCIAddrsAssign(addrs, &def->disks[i]->info, QEMU_PCI_CONNECT_PCIE) < 0)
            return -1;
    }
    if (def->memballoon && def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE &&
        def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_XEN &&
        qemuPCIAddrsAssign(addrs, &def->memballoon->info, QEMU_PCI_CONNECT_PCIE) < 0)
        return -1;
    for (i = 0; i < def->nrngs; i++) {
        if (qemuPCIAddrsAssign(addrs, &def->rngs[i]->info, QEMU_PCI_CONNECT_PCIE) < 0)
            return -1;
    }
    for (i = 1; i < def->nvideos; i++) {
        if (def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
            qemuPCIAddrsAssign(addrs, &def->videos[i]->info,
                               qemuPCIConnectOf(def->videos[i]->type ==
                                                VIR_DOMAIN_VIDEO_TYPE_VIRTIO)) < 0)
            return -1;
    }
    return 0;
}


/* Each virtio channel without an address gets the next free port of
 * virtio-serial controller 0, bus 0, from 1 (port 0 is the console's),
 * as libvirt numbers them at define. */
static void
qemuDomainAssignVirtioSerialPorts(virDomainDef *def)
{
    g_autoptr(GHashTable) used = g_hash_table_new(g_direct_hash, g_direct_equal);
    unsigned int port = 1;
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        const virDomainDeviceInfo *info = &def->channels[i]->info;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
            info->addr.vioserial.controller == 0 && info->addr.vioserial.bus == 0)
            g_hash_table_add(used, GUINT_TO_POINTER(info->addr.vioserial.port));
    }
    for (i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO ||
            chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            continue;
        while (g_hash_table_contains(used, GUINT_TO_POINTER(port)))
            port++;
        chr->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL;
        memset(&chr->info.addr.vioserial, 0, sizeof(chr->info.addr.vioserial));
        chr->info.addr.vioserial.port = port++;
    }
}


/* What libvirt writes down of the root ports and bridges a definition
 * gives: the QEMU device name, and a port's chassis (its index) and
 * port number (its slot and function). */
static void
qemuPCIControllersFillTargets(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];
        const virPCIDeviceAddress *pci = &cont->info.addr.pci;

        if (qemuControllerIsPCIeToPCIBridge(cont) && cont->pciModelName < 0)
            cont->pciModelName = virDomainControllerPCIModelNameTypeFromString("pcie-pci-bridge");
        if (!qemuControllerIsPCIRootPort(cont))
            continue;
        if (cont->pciModelName < 0)
            cont->pciModelName = virDomainControllerPCIModelNameTypeFromString("pcie-root-port");
        if (cont->chassis < 0)
            cont->chassis = cont->idx;
        if (cont->port < 0 && cont->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
            cont->port = (pci->slot << 3) | pci->function;
    }
}


/**
 * qemuDomainAssignAddresses:
 * @def: a domain definition with its machine type and default devices
 *
 * Give every PCI device without an address one, as libvirt 9.0 does
 * (see the top of this file), and every virtio channel a virtio-serial
 * port, adding the pcie-root-ports and the
 * pcie-to-pci-bridge a Q35 guest needs.  Returns 0, or -1 with an error
 * when an address names a bus no controller provides, or slots run out.
 */
int
qemuDomainAssignAddresses(virDomainDef *def)
{
    g_autofree qemuPCIAddrs *addrs = g_new0(qemuPCIAddrs, 1);
    unsigned int videoSlot;
    bool hadPorts = false;
    size_t i;

    qemuDomainAssignVirtioSerialPorts(def);
    addrs->def = def;
    addrs->q35 = qemuDomainIsQ35(def);
    videoSlot = addrs->q35 ? 1 : 2;
    for (i = 0; i < def->ncontrollers; i++)
        hadPorts |= qemuControllerIsPCIRootPort(def->controllers[i]);

    if (qemuPCIAddrsReserveAll(addrs) < 0)
        return -1;
    qemuPCIAddrsBuiltin(addrs);

    if (def->nvideos && def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
        qemuDeviceNeedsPCI(&def->videos[0]->info) && !addrs->used[0][videoSlot]) {
        qemuPCIAddrsSet(addrs, &def->videos[0]->info, 0, videoSlot, 0);
        addrs->used[0][videoSlot] = QEMU_PCI_SLOT_FULL;
    }

    if (addrs->q35) {
        g_autofree qemuPCIAddrs *dry = g_memdup2(addrs, sizeof(*addrs));
        int idx;

        dry->dryRun = true;
        if (qemuPCIAddrsAssignAll(dry) < 0)
            return -1;
        for (idx = addrs->nextIdx; idx < dry->nextIdx; idx++) {
            if (qemuPCIAddrsAddController(addrs, dry->planned[idx]) < 0)
                return -1;
        }
    }

    if (qemuPCIAddrsAssignAll(addrs) < 0)
        return -1;
    /* libvirt leaves a new Q35 guest one free port for hot-plug */
    if (addrs->q35 && !hadPorts && qemuPCIAddrsAddController(addrs, false) < 0)
        return -1;
    qemuPCIControllersFillTargets(def);
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
    for (i = 0; i < def->nchannels; i++)
        qemuSetAlias(&def->channels[i]->info, g_strdup_printf("channel%zu", i));
    for (i = 0; i < def->ninputs; i++)
        qemuSetAlias(&def->inputs[i]->info, g_strdup_printf("input%zu", i));
    for (i = 0; i < def->nvideos; i++)
        qemuSetAlias(&def->videos[i]->info, g_strdup_printf("video%zu", i));
    if (def->memballoon && def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        qemuSetAlias(&def->memballoon->info, g_strdup("balloon0"));
    for (i = 0; i < def->nrngs; i++)
        qemuSetAlias(&def->rngs[i]->info, g_strdup_printf("rng%zu", i));
    for (i = 0; i < def->nsounds; i++)
        qemuSetAlias(&def->sounds[i]->info, g_strdup_printf("sound%zu", i));
}
