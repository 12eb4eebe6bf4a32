/*
 * qemu_domain_defaults.c: the devices and settings a QEMU x86 guest
 * gets without asking, as libvirt 9.0's qemu driver adds them when a
 * definition is parsed
 *
 * For the i440FX ("pc") and Q35 machines: a USB controller (PIIX3 UHCI
 * on pc, qemu-xhci on Q35; <controller type='usb' model='none'/> keeps
 * it out), Q35's built-in SATA controller, the PCI root (pci-root or
 * pcie-root), the lsilogic model of SCSI controllers, a PS/2 mouse and keyboard, the ISA model of serial ports,
 * and for a TCG guest without a <cpu> the qemu64 model QEMU would pick.
 * libvirt adds these before the generic implicit controllers of disks
 * (an IDE controller for an IDE disk ...), so they go before those in
 * the controller list, where libvirt's dumpxml shows them.  A guest
 * without <audio> gets <audio id='1'/> as libvirt's does: type spice
 * with SPICE graphics, none otherwise, and no backend at all with SDL
 * graphics (SDL brings its own).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* conf defines the controller model words in domain_device_conf.c and
 * exports their converters, but no header declares them yet. */
VIR_ENUM_DECL(virDomainControllerModelUSB);
VIR_ENUM_DECL(virDomainControllerModelPCI);
VIR_ENUM_DECL(virDomainControllerModelSCSI);


/**
 * qemuDomainControllerNew:
 * @type: the controller type
 * @idx: its index
 * @model: the model word of @type ("pcie-root"), or NULL for none
 *
 * Returns a controller with everything else unset, as the parser leaves
 * what the XML does not give.
 */
virDomainControllerDef *
qemuDomainControllerNew(virDomainControllerType type, int idx, const char *model)
{
    virDomainControllerDef *cont = g_new0(virDomainControllerDef, 1);

    cont->type = type;
    cont->idx = idx;
    cont->model = -1;
    if (model && type == VIR_DOMAIN_CONTROLLER_TYPE_USB)
        cont->model = virDomainControllerModelUSBTypeFromString(model);
    else if (model && type == VIR_DOMAIN_CONTROLLER_TYPE_PCI)
        cont->model = virDomainControllerModelPCITypeFromString(model);
    cont->ports = -1;
    cont->vectors = -1;
    cont->maxGrantFrames = -1;
    cont->maxEventChannels = -1;
    cont->pciModelName = -1;
    cont->chassisNr = -1;
    cont->chassis = -1;
    cont->port = -1;
    cont->busNr = -1;
    cont->targetIndex = -1;
    return cont;
}


static bool
qemuDomainHasController(const virDomainDef *def, virDomainControllerType type,
                        int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type &&
            (idx < 0 || def->controllers[i]->idx == idx))
            return true;
    }
    return false;
}


/* Whether a disk on @bus or a virtio channel or console (for
 * virtio-serial) uses controller @idx of @type. */
static bool
qemuDomainControllerIsNeeded(const virDomainDef *def, virDomainControllerType type,
                             int idx)
{
    virDomainDiskBus bus;
    size_t i;

    switch (type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        bus = VIR_DOMAIN_DISK_BUS_SCSI;
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_FDC:
        bus = VIR_DOMAIN_DISK_BUS_FDC;
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        bus = VIR_DOMAIN_DISK_BUS_IDE;
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        bus = VIR_DOMAIN_DISK_BUS_SATA;
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        for (i = 0; i < def->nchannels; i++) {
            if (def->channels[i]->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
                return true;
        }
        for (i = 0; i < def->nconsoles; i++) {
            if (def->consoles[i]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO)
                return true;
        }
        return false;
    default:
        return false;
    }
    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        if (disk->bus == bus &&
            disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
            (int)disk->info.addr.drive.controller >= idx)
            return true;
    }
    return false;
}


/* Whether @cont may be one the domain model added for a disk or a
 * virtio channel: nothing set beyond its type and index, and needed. */
static bool
qemuDomainControllerIsImplicit(const virDomainDef *def,
                               const virDomainControllerDef *cont)
{
    return cont->model == -1 && cont->ports == -1 && cont->vectors == -1 &&
           cont->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
           !cont->info.alias && !cont->queues && !cont->iothread &&
           qemuDomainControllerIsNeeded(def, cont->type, cont->idx);
}


/* Where the defaults go: before the domain model's implicit controllers
 * at the end of the list. */
static size_t
qemuDomainDefaultControllersAt(const virDomainDef *def)
{
    size_t at = def->ncontrollers;

    while (at > 0 && qemuDomainControllerIsImplicit(def, def->controllers[at - 1]))
        at--;
    return at;
}


static void
qemuDomainAddDefaultController(virDomainDef *def, size_t *at,
                               virDomainControllerDef *cont)
{
    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    memmove(def->controllers + *at + 1, def->controllers + *at,
            sizeof(*def->controllers) * (def->ncontrollers - *at));
    def->controllers[(*at)++] = cont;
    def->ncontrollers++;
}


/* Q35's SATA controller 0 is built in: one the domain model added for
 * a SATA disk moves to where libvirt lists the built-in one. */
static void
qemuDomainTakeImplicitSATA(virDomainDef *def, size_t *at)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type != VIR_DOMAIN_CONTROLLER_TYPE_SATA || cont->idx != 0)
            continue;
        if (i < *at)
            return;     /* the XML has it */
        memmove(def->controllers + i, def->controllers + i + 1,
                sizeof(*def->controllers) * (def->ncontrollers - i - 1));
        def->ncontrollers--;
        qemuDomainAddDefaultController(def, at, cont);
        return;
    }
    qemuDomainAddDefaultController(def, at,
                                   qemuDomainControllerNew(VIR_DOMAIN_CONTROLLER_TYPE_SATA,
                                                           0, NULL));
}


static void
qemuDomainAddDefaultControllers(virDomainDef *def, bool q35)
{
    size_t at = qemuDomainDefaultControllersAt(def);

    if (!qemuDomainHasController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, -1))
        qemuDomainAddDefaultController(def, &at,
                                       qemuDomainControllerNew(VIR_DOMAIN_CONTROLLER_TYPE_USB, 0,
                                                               q35 ? "qemu-xhci" : "piix3-uhci"));
    if (q35)
        qemuDomainTakeImplicitSATA(def, &at);
    if (!qemuDomainHasController(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0))
        qemuDomainAddDefaultController(def, &at,
                                       qemuDomainControllerNew(VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0,
                                                               q35 ? "pcie-root" : "pci-root"));
}


static void
qemuDomainAddDefaultInput(virDomainDef *def, virDomainInputType type)
{
    virDomainInputDef *input;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->type == type &&
            def->inputs[i]->bus == VIR_DOMAIN_INPUT_BUS_PS2)
            return;
    }
    input = g_new0(virDomainInputDef, 1);
    input->type = type;
    input->bus = VIR_DOMAIN_INPUT_BUS_PS2;
    def->inputs = g_renew(virDomainInputDef *, def->inputs, def->ninputs + 1);
    def->inputs[def->ninputs++] = input;
}


static void
qemuDomainSetSerialDefaults(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *serial = def->serials[i];

        if (serial->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE)
            serial->targetType = VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA;
        if (serial->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA &&
            serial->targetModel == VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE)
            serial->targetModel = VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL;
    }
}


/* A SCSI controller without a model is QEMU's LSI 53C895A ("lsi"),
 * which libvirt writes down. */
static void
qemuDomainSetSCSIDefaults(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI && cont->model < 0)
            cont->model = virDomainControllerModelSCSITypeFromString("lsilogic");
    }
}


static void
qemuDomainAddDefaultAudio(virDomainDef *def)
{
    virDomainAudioType type = VIR_DOMAIN_AUDIO_TYPE_NONE;
    virDomainAudioDef *audio;
    size_t i;

    if (def->naudios)
        return;
    for (i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->type == VIR_DOMAIN_GRAPHICS_TYPE_SDL)
            return;
        if (def->graphics[i]->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE)
            type = VIR_DOMAIN_AUDIO_TYPE_SPICE;
    }
    audio = g_new0(virDomainAudioDef, 1);
    audio->id = 1;
    audio->type = type;
    def->audios = g_new0(virDomainAudioDef *, 1);
    def->audios[def->naudios++] = audio;
}


/**
 * qemuDomainDefAddDefaults:
 * @def: a parsed x86 definition whose machine type is set
 *
 * Add what libvirt's qemu driver adds to a pc or q35 guest (see the top
 * of this file).  Other machines are left alone.
 */
void
qemuDomainDefAddDefaults(virDomainDef *def)
{
    bool q35 = qemuDomainIsQ35(def);

    if (def->os.arch != VIR_ARCH_X86_64 && def->os.arch != VIR_ARCH_I686)
        return;
    if (!q35 && !(def->os.machine && (STRPREFIX(def->os.machine, "pc-i440fx") ||
                                      STREQ(def->os.machine, "pc"))))
        return;

    qemuDomainAddDefaultControllers(def, q35);
    qemuDomainSetSCSIDefaults(def);
    qemuDomainAddDefaultInput(def, VIR_DOMAIN_INPUT_TYPE_MOUSE);
    qemuDomainAddDefaultInput(def, VIR_DOMAIN_INPUT_TYPE_KBD);
    qemuDomainSetSerialDefaults(def);
    qemuDomainAddDefaultAudio(def);

    if (!def->cpu && def->virtType == VIR_DOMAIN_VIRT_QEMU &&
        def->os.arch == VIR_ARCH_X86_64) {
        def->cpu = g_new0(virCPUDef, 1);
        def->cpu->mode = VIR_CPU_MODE_CUSTOM;
        def->cpu->match = VIR_CPU_MATCH_EXACT;
        def->cpu->check = VIR_CPU_CHECK_NONE;
        def->cpu->fallback = VIR_CPU_FALLBACK_FORBID;
        def->cpu->model = g_strdup("qemu64");
    }
}
