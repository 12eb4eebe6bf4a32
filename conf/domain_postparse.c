/*
 * domain_postparse.c: the defaults libvirt fills into a parsed domain
 * definition, the devices it adds implicitly, and the checks that tie
 * several elements together
 *
 * What is filled here shows up in the formatted XML, so every rule
 * follows what libvirt 9.0 does to a definition on its test driver.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN


static int
virDomainDefPostParseMemoryVcpus(virDomainDef *def)
{
    if (def->mem.cur_balloon == 0 || def->mem.cur_balloon > def->mem.max_memory)
        def->mem.cur_balloon = def->mem.max_memory;

    if (def->vcpus > def->maxvcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("maximum vCPU count must not be less than current vCPU count"));
        return -1;
    }

    /* automatic memory placement drags the vCPUs along unless pinned */
    if (def->numatune.present &&
        def->numatune.placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO &&
        !def->cpuset)
        def->placement_mode = VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;
    return 0;
}


static int
virDomainDefPostParseLifecycle(virDomainDef *def)
{
    struct {
        const char *event;
        virDomainLifecycleAction action;
    } events[] = {
        { "poweroff", def->onPoweroff },
        { "reboot", def->onReboot },
    };
    size_t i;

    /* only a crash can leave a core dump behind */
    for (i = 0; i < G_N_ELEMENTS(events); i++) {
        if (events[i].action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
            events[i].action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Lifecycle event '%1$s' doesn't support '%2$s' action"),
                           events[i].event,
                           virDomainLifecycleActionTypeToString(events[i].action));
            return -1;
        }
    }
    return 0;
}


static bool
virDomainDefHasDeviceBoot(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->info.bootIndex)
            return true;
    }
    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->info.bootIndex)
            return true;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (def->hostdevs[i]->info.bootIndex)
            return true;
    }
    return false;
}


static int
virDomainDefPostParseBoot(virDomainDef *def)
{
    bool deviceBoot = virDomainDefHasDeviceBoot(def);

    if (def->os.type != VIR_DOMAIN_OSTYPE_HVM)
        return 0;

    if (deviceBoot && def->os.nBootDevs) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("per-device boot elements cannot be used together with os/boot elements"));
        return -1;
    }
    if (!deviceBoot && def->os.nBootDevs == 0) {
        def->os.bootDevs[0] = VIR_DOMAIN_BOOT_DISK;
        def->os.nBootDevs = 1;
    }
    return 0;
}


static int
virDomainDefPostParseDisks(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (virDomainDiskDefaultBus(disk) < 0 ||
            virDomainDiskAssignAddress(disk) < 0)
            return -1;
    }
    return 0;
}


/* Serials without a port take the next one after the highest port of
 * the serials of the same target type, given or assigned. */
static void
virDomainDefPostParseSerialPorts(virDomainDef *def)
{
    int maxport[VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST];
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(maxport); i++)
        maxport[i] = -1;
    for (i = 0; i < def->nserials; i++) {
        const virDomainChrDef *chr = def->serials[i];

        if (chr->port > maxport[chr->targetType])
            maxport[chr->targetType] = chr->port;
    }
    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];

        if (chr->port < 0)
            chr->port = ++maxport[chr->targetType];
    }
}


static virDomainChrDef *
virDomainChrCopyAs(const virDomainChrDef *src,
                   virDomainChrDeviceType devType,
                   int targetType)
{
    virDomainChrDef *chr = virDomainChrDefCopy(src);

    chr->deviceType = devType;
    chr->targetType = targetType;
    chr->targetModel = 0;
    return chr;
}


static bool
virDomainSerialIsPlatform(const virDomainChrDef *serial)
{
    switch ((virDomainChrSerialTargetType)serial->targetType) {
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP:
        return true;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST:
        break;
    }
    return false;
}


/* The first console of a machine with serial ports is the first serial
 * port, and a serial console implies a serial port: libvirt keeps the
 * two in step, so does this. */
static int
virDomainDefPostParseConsoles(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nconsoles; i++) {
        virDomainChrDef *chr = def->consoles[i];

        /* the hypervisor drivers of libvirt choose their own default;
         * without one, libvirt's generic choice is a serial console */
        if (!chr->targetType)
            chr->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        if (chr->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL) {
            if (i > 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("Only the first console can be a serial port"));
                return -1;
            }
        } else {
            chr->port = i;
        }
    }

    if (def->os.type != VIR_DOMAIN_OSTYPE_HVM) {
        if (def->nconsoles && def->consoles[0]->port < 0)
            def->consoles[0]->port = 0;
        return 0;
    }

    if (def->nconsoles &&
        def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL) {
        if (def->nserials == 0) {
            virDomainChrDef *serial =
                virDomainChrCopyAs(def->consoles[0], VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
                                   VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE);

            serial->port = 0;
            def->serials = g_new0(virDomainChrDef *, 1);
            def->serials[def->nserials++] = serial;
        }
        virDomainChrDefFree(def->consoles[0]);
        def->consoles[0] = virDomainChrCopyAs(def->serials[0],
                                              VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
                                              VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL);
        return 0;
    }

    if (def->nserials && virDomainSerialIsPlatform(def->serials[0])) {
        virDomainChrDef *console =
            virDomainChrCopyAs(def->serials[0], VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
                               VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL);

        def->consoles = g_renew(virDomainChrDef *, def->consoles, def->nconsoles + 1);
        memmove(def->consoles + 1, def->consoles,
                sizeof(*def->consoles) * def->nconsoles);
        def->consoles[0] = console;
        def->nconsoles++;
    }
    return 0;
}


static void
virDomainDefPostParseInputs(virDomainDef *def)
{
    bool x86 = def->os.arch == VIR_ARCH_NONE || def->os.arch == VIR_ARCH_I686 ||
               def->os.arch == VIR_ARCH_X86_64;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        virDomainInputDef *input = def->inputs[i];

        if (input->bus)
            continue;
        if (def->os.type != VIR_DOMAIN_OSTYPE_HVM)
            input->bus = VIR_DOMAIN_INPUT_BUS_XEN;
        else if (input->type == VIR_DOMAIN_INPUT_TYPE_TABLET || !x86)
            input->bus = VIR_DOMAIN_INPUT_BUS_USB;
        else
            input->bus = VIR_DOMAIN_INPUT_BUS_PS2;
    }
}


/* Video RAM libvirt assumes when the XML gives none, in KiB. */
static unsigned int
virDomainVideoDefaultRAM(const virDomainDef *def, virDomainVideoType type)
{
    switch (type) {
    case VIR_DOMAIN_VIDEO_TYPE_NONE:
    case VIR_DOMAIN_VIDEO_TYPE_DEFAULT:
    case VIR_DOMAIN_VIDEO_TYPE_VBOX:
    case VIR_DOMAIN_VIDEO_TYPE_LAST:
        return 0;
    default:
        break;
    }
    if (def->virtType == VIR_DOMAIN_VIRT_VBOX)
        return 8 * 1024;
    if (def->virtType == VIR_DOMAIN_VIRT_VMWARE)
        return 4 * 1024;

    switch (type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
    case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        return 16 * 1024;
    case VIR_DOMAIN_VIDEO_TYPE_XEN:
        return 4 * 1024;
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        return 64 * 1024;
    default:
        return 0;
    }
}


static int
virDomainDefPostParseVideos(virDomainDef *def)
{
    size_t i;
    ssize_t primary = -1;

    if (def->ngraphics && def->nvideos == 0) {
        def->videos = g_new0(virDomainVideoDef *, 1);
        def->videos[def->nvideos++] = g_new0(virDomainVideoDef, 1);
    }

    for (i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_DEFAULT)
            video->type = def->os.type == VIR_DOMAIN_OSTYPE_HVM ?
                          VIR_DOMAIN_VIDEO_TYPE_CIRRUS : VIR_DOMAIN_VIDEO_TYPE_XEN;
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE) {
            if (def->nvideos > 1) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("a 'none' video type must be the only video device defined for the domain"));
                return -1;
            }
            continue;
        }
        if (!video->vram)
            video->vram = virDomainVideoDefaultRAM(def, video->type);
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_QXL && !video->ram)
            video->ram = virDomainVideoDefaultRAM(def, video->type);
        if (!video->heads)
            video->heads = 1;
        if (video->primary) {
            if (primary >= 0) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("Only one primary video device is supported"));
                return -1;
            }
            primary = i;
        }
    }

    if (def->nvideos == 0 || def->videos[0]->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
        return 0;

    if (primary > 0) {
        virDomainVideoDef *video = def->videos[primary];

        memmove(def->videos + 1, def->videos, sizeof(*def->videos) * primary);
        def->videos[0] = video;
    }
    def->videos[0]->primary = true;
    return 0;
}


/* Controllers without an index take the lowest free one of their type;
 * a USB companion shares the index of the master before it. */
static void
virDomainDefPostParseControllerIndexes(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];
        int idx = 0;

        if (cont->idx >= 0)
            continue;

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB && cont->info.usbMaster) {
            ssize_t j;

            for (j = (ssize_t)i - 1; j >= 0; j--) {
                if (def->controllers[j]->type == cont->type &&
                    !def->controllers[j]->info.usbMaster) {
                    idx = def->controllers[j]->idx;
                    break;
                }
            }
            cont->idx = idx;
            continue;
        }

        while (virDomainControllerFind(def, cont->type, idx) >= 0)
            idx++;
        cont->idx = idx;
    }
}


static void
virDomainDefAddControllersUpTo(virDomainDef *def,
                               virDomainControllerType type,
                               int maxIdx)
{
    int idx;

    for (idx = 0; idx <= maxIdx; idx++) {
        virDomainControllerDef *cont;

        if (virDomainControllerFind(def, type, idx) >= 0)
            continue;
        /* implicit controllers go last, unsorted, as in libvirt */
        cont = virDomainControllerDefNew(type);
        cont->idx = idx;
        def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                                   def->ncontrollers + 1);
        def->controllers[def->ncontrollers++] = cont;
    }
}


static void
virDomainDefAddControllerAt(virDomainDef *def,
                            virDomainControllerType type,
                            int idx)
{
    virDomainControllerDef *cont;

    if (virDomainControllerFind(def, type, idx) >= 0)
        return;
    cont = virDomainControllerDefNew(type);
    cont->idx = idx;
    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    def->controllers[def->ncontrollers++] = cont;
}


static void
virDomainDefAddImplicitControllers(virDomainDef *def)
{
    struct {
        virDomainDiskBus bus;
        virDomainControllerType type;
    } buses[] = {
        { VIR_DOMAIN_DISK_BUS_SCSI, VIR_DOMAIN_CONTROLLER_TYPE_SCSI },
        { VIR_DOMAIN_DISK_BUS_FDC, VIR_DOMAIN_CONTROLLER_TYPE_FDC },
        { VIR_DOMAIN_DISK_BUS_IDE, VIR_DOMAIN_CONTROLLER_TYPE_IDE },
        { VIR_DOMAIN_DISK_BUS_SATA, VIR_DOMAIN_CONTROLLER_TYPE_SATA },
    };
    size_t b, i;

    for (b = 0; b < G_N_ELEMENTS(buses); b++) {
        int maxIdx = -1;

        for (i = 0; i < def->ndisks; i++) {
            const virDomainDiskDef *disk = def->disks[i];

            if (disk->bus == buses[b].bus &&
                disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                (int)disk->info.addr.drive.controller > maxIdx)
                maxIdx = disk->info.addr.drive.controller;
        }
        virDomainDefAddControllersUpTo(def, buses[b].type, maxIdx);
    }

    /* each virtio channel needs the controller its address names (or
     * 0), added one index at a time; then a virtio console needs 0 */
    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];
        int idx = 0;

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            continue;
        if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL)
            idx = chr->info.addr.vioserial.controller;
        virDomainDefAddControllerAt(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, idx);
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO) {
            virDomainDefAddControllersUpTo(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, 0);
            break;
        }
    }
}


/* ------------------------------------------------------------------ */
/* Checks                                                             */

static int
virDomainDefValidateDisks(const virDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        if (disk->device == VIR_DOMAIN_DISK_DEVICE_LUN &&
            disk->src->type != VIR_STORAGE_TYPE_BLOCK &&
            disk->src->type != VIR_STORAGE_TYPE_NETWORK &&
            disk->src->type != VIR_STORAGE_TYPE_VOLUME) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("disk device='lun' is only valid for block type disk source"));
            return -1;
        }
        if (disk->removable && disk->bus != VIR_DOMAIN_DISK_BUS_USB) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("removable is only valid for usb disks"));
            return -1;
        }

        for (j = 0; j < i; j++) {
            const virDomainDiskDef *other = def->disks[j];

            if (STREQ(disk->dst, other->dst)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("target '%1$s' duplicated for disk sources '%2$s' and '%3$s'"),
                               disk->dst, NULLSTR(other->src->path),
                               NULLSTR(disk->src->path));
                return -1;
            }
            if (disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                other->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                disk->bus == other->bus &&
                memcmp(&disk->info.addr.drive, &other->info.addr.drive,
                       sizeof(disk->info.addr.drive)) == 0) {
                const virDomainDeviceDriveAddress *a = &disk->info.addr.drive;

                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("Found duplicate drive address for disk with target name '%1$s' controller='%2$u' bus='%3$u' target='%4$u' unit='%5$u'"),
                               disk->dst, a->controller, a->bus, a->target, a->unit);
                return -1;
            }
        }
    }
    return 0;
}


static int
virDomainDefValidateControllers(const virDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *cont = def->controllers[i];

        for (j = 0; j < i; j++) {
            const virDomainControllerDef *other = def->controllers[j];

            if (other->type != cont->type || other->idx != cont->idx)
                continue;
            /* USB companions share their master's index */
            if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                (cont->info.usbMaster || other->info.usbMaster))
                continue;
            virReportError(VIR_ERR_XML_ERROR,
                           _("Multiple '%1$s' controllers with index '%2$d'"),
                           virDomainControllerTypeTypeToString(cont->type),
                           cont->idx);
            return -1;
        }
    }
    return 0;
}


/* Collect every device's info, to check what must be unique. */
static GPtrArray *
virDomainDefCollectInfos(const virDomainDef *def)
{
    GPtrArray *infos = g_ptr_array_new();
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        g_ptr_array_add(infos, &def->disks[i]->info);
    for (i = 0; i < def->ncontrollers; i++)
        g_ptr_array_add(infos, &def->controllers[i]->info);
    for (i = 0; i < def->nnets; i++)
        g_ptr_array_add(infos, &def->nets[i]->info);
    for (i = 0; i < def->nserials; i++)
        g_ptr_array_add(infos, &def->serials[i]->info);
    for (i = 0; i < def->ninputs; i++)
        g_ptr_array_add(infos, &def->inputs[i]->info);
    for (i = 0; i < def->nvideos; i++)
        g_ptr_array_add(infos, &def->videos[i]->info);
    if (def->memballoon)
        g_ptr_array_add(infos, &def->memballoon->info);
#define VIR_COLLECT_FAMILY(array, count) \
    for (i = 0; i < def->count; i++) \
        g_ptr_array_add(infos, &def->array[i]->info)
    VIR_COLLECT_FAMILY(fss, nfss);
    VIR_COLLECT_FAMILY(tpms, ntpms);
    VIR_COLLECT_FAMILY(sounds, nsounds);
    VIR_COLLECT_FAMILY(hostdevs, nhostdevs);
    VIR_COLLECT_FAMILY(channels, nchannels);
    VIR_COLLECT_FAMILY(redirdevs, nredirdevs);
    VIR_COLLECT_FAMILY(watchdogs, nwatchdogs);
    VIR_COLLECT_FAMILY(rngs, nrngs);
    VIR_COLLECT_FAMILY(panics, npanics);
    VIR_COLLECT_FAMILY(smartcards, nsmartcards);
    VIR_COLLECT_FAMILY(mems, nmems);
#undef VIR_COLLECT_FAMILY
    return infos;
}


static int
virDomainDefValidateInfos(const virDomainDef *def)
{
    g_autoptr(GPtrArray) infos = virDomainDefCollectInfos(def);
    size_t i, j;

    for (i = 0; i < infos->len; i++) {
        const virDomainDeviceInfo *info = g_ptr_array_index(infos, i);

        for (j = 0; j < i; j++) {
            const virDomainDeviceInfo *other = g_ptr_array_index(infos, j);

            if (info->bootIndex && info->bootIndex == other->bootIndex) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("boot order '%1$u' used for more than one device"),
                               info->bootIndex);
                return -1;
            }
            if (info->alias && other->alias && STREQ(info->alias, other->alias)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("non unique alias detected: %1$s"), info->alias);
                return -1;
            }
        }
    }
    return 0;
}


/**
 * virDomainDefPostParse:
 * @def: a freshly parsed definition
 * @flags: virDomainDefParseFlags
 *
 * Fill defaults, add implicit devices and, unless SKIP_VALIDATE, check
 * the rules that span elements.
 *
 * Returns 0, or -1 with an error reported.
 */
int
virDomainDefPostParse(virDomainDef *def, unsigned int flags)
{
    if (virDomainDefPostParseMemoryVcpus(def) < 0 ||
        virDomainDefPostParseLifecycle(def) < 0 ||
        virDomainDefPostParseBoot(def) < 0 ||
        virDomainDefPostParseDisks(def) < 0)
        return -1;

    virDomainDefPostParseSerialPorts(def);
    if (virDomainDefPostParseConsoles(def) < 0)
        return -1;
    virDomainDefPostParseInputs(def);
    if (virDomainDefPostParseVideos(def) < 0)
        return -1;

    virDomainDefPostParseControllerIndexes(def);
    virDomainDefAddImplicitControllers(def);
    if (virDomainDefPostParseSmartcards(def) < 0)
        return -1;

    if (flags & VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)
        return 0;

    if (virDomainDefValidateDisks(def) < 0 ||
        virDomainDefValidateControllers(def) < 0 ||
        virDomainDefValidateMemoryHotplug(def) < 0 ||
        virDomainDefPostParseAudio(def) < 0 ||
        virDomainDefValidateInfos(def) < 0)
        return -1;
    return 0;
}
