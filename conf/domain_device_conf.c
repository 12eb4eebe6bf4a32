/*
 * domain_device_conf.c: <controller> and <interface> devices
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainControllerType, VIR_DOMAIN_CONTROLLER_TYPE_LAST,
    [VIR_DOMAIN_CONTROLLER_TYPE_IDE] = "ide",
    [VIR_DOMAIN_CONTROLLER_TYPE_FDC] = "fdc",
    [VIR_DOMAIN_CONTROLLER_TYPE_SCSI] = "scsi",
    [VIR_DOMAIN_CONTROLLER_TYPE_SATA] = "sata",
    [VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL] = "virtio-serial",
    [VIR_DOMAIN_CONTROLLER_TYPE_CCID] = "ccid",
    [VIR_DOMAIN_CONTROLLER_TYPE_USB] = "usb",
    [VIR_DOMAIN_CONTROLLER_TYPE_PCI] = "pci",
    [VIR_DOMAIN_CONTROLLER_TYPE_XENBUS] = "xenbus",
    [VIR_DOMAIN_CONTROLLER_TYPE_ISA] = "isa",
);

/* Controller model words, one table per controller type that has any. */
typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_BUSLOGIC,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_IBMVSCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_NCR53C90,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974,

    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST
} virDomainControllerModelSCSI;

VIR_ENUM_DECL(virDomainControllerModelSCSI);
VIR_ENUM_IMPL(virDomainControllerModelSCSI, VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST,
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO] = "auto",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_BUSLOGIC] = "buslogic",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC] = "lsilogic",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068] = "lsisas1068",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI] = "vmpvscsi",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_IBMVSCSI] = "ibmvscsi",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI] = "virtio-scsi",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078] = "lsisas1078",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL] = "virtio-transitional",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL] = "virtio-non-transitional",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_NCR53C90] = "ncr53c90",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390] = "dc390",
    [VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974] = "am53c974",
);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_EHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE,

    VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST
} virDomainControllerModelUSB;

VIR_ENUM_DECL(virDomainControllerModelUSB);
VIR_ENUM_IMPL(virDomainControllerModelUSB, VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST,
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI] = "piix3-uhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI] = "piix4-uhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_EHCI] = "ehci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1] = "ich9-ehci1",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1] = "ich9-uhci1",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2] = "ich9-uhci2",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3] = "ich9-uhci3",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI] = "vt82c686b-uhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI] = "pci-ohci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI] = "nec-xhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1] = "qusb1",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2] = "qusb2",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI] = "qemu-xhci",
    [VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE] = "none",
);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS,

    VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST
} virDomainControllerModelPCI;

VIR_ENUM_IMPL(virDomainControllerModelPCI, VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST,
    [VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT] = "pci-root",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT] = "pcie-root",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE] = "pci-bridge",
    [VIR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE] = "dmi-to-pci-bridge",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE] = "pcie-to-pci-bridge",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT] = "pcie-root-port",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT] = "pcie-switch-upstream-port",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT] = "pcie-switch-downstream-port",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS] = "pci-expander-bus",
    [VIR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS] = "pcie-expander-bus",
);

typedef enum {
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_NONE = 0,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_IOH3420,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_SPAPR_PCI_HOST_BRIDGE,
    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE,

    VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_LAST
} virDomainControllerPCIModelName;

VIR_ENUM_DECL(virDomainControllerPCIModelName);
VIR_ENUM_IMPL(virDomainControllerPCIModelName, VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_LAST,
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_NONE] = "none",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE] = "pci-bridge",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE] = "i82801b11-bridge",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_IOH3420] = "ioh3420",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM] = "x3130-upstream",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM] = "xio3130-downstream",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB] = "pxb",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE] = "pxb-pcie",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT] = "pcie-root-port",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_SPAPR_PCI_HOST_BRIDGE] = "spapr-pci-host-bridge",
    [VIR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE] = "pcie-pci-bridge",
);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX3 = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX4,
    VIR_DOMAIN_CONTROLLER_MODEL_IDE_ICH6,

    VIR_DOMAIN_CONTROLLER_MODEL_IDE_LAST
} virDomainControllerModelIDE;

VIR_ENUM_DECL(virDomainControllerModelIDE);
VIR_ENUM_IMPL(virDomainControllerModelIDE, VIR_DOMAIN_CONTROLLER_MODEL_IDE_LAST,
    [VIR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX3] = "piix3",
    [VIR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX4] = "piix4",
    [VIR_DOMAIN_CONTROLLER_MODEL_IDE_ICH6] = "ich6",
);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL,

    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST
} virDomainControllerModelVirtioSerial;

VIR_ENUM_DECL(virDomainControllerModelVirtioSerial);
VIR_ENUM_IMPL(virDomainControllerModelVirtioSerial,
              VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST,
    [VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO] = "virtio",
    [VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL] = "virtio-transitional",
    [VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL] = "virtio-non-transitional",
);

VIR_ENUM_IMPL(virDomainNet, VIR_DOMAIN_NET_TYPE_LAST,
    [VIR_DOMAIN_NET_TYPE_USER] = "user",
    [VIR_DOMAIN_NET_TYPE_ETHERNET] = "ethernet",
    [VIR_DOMAIN_NET_TYPE_VHOSTUSER] = "vhostuser",
    [VIR_DOMAIN_NET_TYPE_SERVER] = "server",
    [VIR_DOMAIN_NET_TYPE_CLIENT] = "client",
    [VIR_DOMAIN_NET_TYPE_MCAST] = "mcast",
    [VIR_DOMAIN_NET_TYPE_NETWORK] = "network",
    [VIR_DOMAIN_NET_TYPE_BRIDGE] = "bridge",
    [VIR_DOMAIN_NET_TYPE_INTERNAL] = "internal",
    [VIR_DOMAIN_NET_TYPE_DIRECT] = "direct",
    [VIR_DOMAIN_NET_TYPE_HOSTDEV] = "hostdev",
    [VIR_DOMAIN_NET_TYPE_UDP] = "udp",
    [VIR_DOMAIN_NET_TYPE_VDPA] = "vdpa",
    [VIR_DOMAIN_NET_TYPE_NULL] = "null",
    [VIR_DOMAIN_NET_TYPE_VDS] = "vds",
);

VIR_ENUM_DECL(virNativeVlanMode);
VIR_ENUM_IMPL(virNativeVlanMode, VIR_NATIVE_VLAN_MODE_LAST,
    [VIR_NATIVE_VLAN_MODE_DEFAULT] = "default",
    [VIR_NATIVE_VLAN_MODE_TAGGED] = "tagged",
    [VIR_NATIVE_VLAN_MODE_UNTAGGED] = "untagged",
);

VIR_ENUM_DECL(virNetDevMacVLanMode);
VIR_ENUM_IMPL(virNetDevMacVLanMode, VIR_NETDEV_MACVLAN_MODE_LAST,
    [VIR_NETDEV_MACVLAN_MODE_VEPA] = "vepa",
    [VIR_NETDEV_MACVLAN_MODE_PRIVATE] = "private",
    [VIR_NETDEV_MACVLAN_MODE_BRIDGE] = "bridge",
    [VIR_NETDEV_MACVLAN_MODE_PASSTHRU] = "passthrough",
);

VIR_ENUM_DECL(virDomainNetDriverName);
VIR_ENUM_IMPL(virDomainNetDriverName, VIR_DOMAIN_NET_BACKEND_LAST,
    [VIR_DOMAIN_NET_BACKEND_DEFAULT] = "default",
    [VIR_DOMAIN_NET_BACKEND_QEMU] = "qemu",
    [VIR_DOMAIN_NET_BACKEND_VHOST] = "vhost",
);

VIR_ENUM_DECL(virDomainNetInterfaceLinkState);
VIR_ENUM_IMPL(virDomainNetInterfaceLinkState, VIR_DOMAIN_NET_INTERFACE_LINK_STATE_LAST,
    [VIR_DOMAIN_NET_INTERFACE_LINK_STATE_DEFAULT] = "default",
    [VIR_DOMAIN_NET_INTERFACE_LINK_STATE_UP] = "up",
    [VIR_DOMAIN_NET_INTERFACE_LINK_STATE_DOWN] = "down",
);


/* ------------------------------------------------------------------ */
/* <controller>                                                       */

/**
 * virDomainControllerDefNew:
 * @type: the controller type
 *
 * Returns a controller of @type with no index (-1) and no model.
 */
virDomainControllerDef *
virDomainControllerDefNew(virDomainControllerType type)
{
    virDomainControllerDef *def = g_new0(virDomainControllerDef, 1);

    def->type = type;
    def->idx = -1;
    def->model = -1;
    def->ports = -1;
    def->vectors = -1;
    def->maxGrantFrames = -1;
    def->maxEventChannels = -1;
    def->pciModelName = -1;
    def->chassisNr = -1;
    def->chassis = -1;
    def->port = -1;
    def->busNr = -1;
    def->targetIndex = -1;
    return def;
}


/**
 * virDomainControllerDefFree:
 * @def: a controller, may be NULL
 */
void
virDomainControllerDefFree(virDomainControllerDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainControllerDef, virDomainControllerDefFree);


static int
virDomainControllerModelFromString(virDomainControllerType type,
                                   const char *model)
{
    switch (type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return virDomainControllerModelSCSITypeFromString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return virDomainControllerModelUSBTypeFromString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return virDomainControllerModelPCITypeFromString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return virDomainControllerModelIDETypeFromString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return virDomainControllerModelVirtioSerialTypeFromString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_FDC:
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
    case VIR_DOMAIN_CONTROLLER_TYPE_CCID:
    case VIR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VIR_DOMAIN_CONTROLLER_TYPE_ISA:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return -1;
}


static const char *
virDomainControllerModelToString(virDomainControllerType type, int model)
{
    switch (type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return virDomainControllerModelSCSITypeToString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return virDomainControllerModelUSBTypeToString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return virDomainControllerModelPCITypeToString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return virDomainControllerModelIDETypeToString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return virDomainControllerModelVirtioSerialTypeToString(model);
    case VIR_DOMAIN_CONTROLLER_TYPE_FDC:
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
    case VIR_DOMAIN_CONTROLLER_TYPE_CCID:
    case VIR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VIR_DOMAIN_CONTROLLER_TYPE_ISA:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return NULL;
}


static int
virDomainControllerPCITargetParseXML(xmlNodePtr node,
                                     virDomainControllerDef *def)
{
    const char *attrs[] = { "chassisNr", "chassis", "port", "busNr", "index",
                            "hotplug", NULL };
    struct {
        const char *name;
        int base;
        int *field;
    } ints[] = {
        { "chassisNr", 10, &def->chassisNr },
        { "chassis", 10, &def->chassis },
        { "port", 0, &def->port },
        { "busNr", 10, &def->busNr },
        { "index", 10, &def->targetIndex },
    };
    size_t i;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateSwitch(node, "hotplug", VIR_XML_PROP_NONE,
                                 &def->hotplug) < 0)
        return -1;

    for (i = 0; i < G_N_ELEMENTS(ints); i++) {
        unsigned int val;
        int rc = virXMLPropUInt(node, ints[i].name, ints[i].base,
                                VIR_XML_PROP_NONE, &val);

        if (rc < 0)
            return -1;
        if (rc == 0)
            continue;
        if (val > 255) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("PCI controller %1$s '%2$u' out of range - must be 0-255"),
                           ints[i].name, val);
            return -1;
        }
        *ints[i].field = val;
    }
    return 0;
}


static int
virDomainControllerDriverParseXML(xmlNodePtr node, virDomainControllerDef *def)
{
    const char *attrs[] = { "queues", "cmd_per_lun", "max_sectors",
                            "ioeventfd", "iothread", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "queues", 10, VIR_XML_PROP_NONZERO, &def->queues) < 0 ||
        virXMLPropUInt(node, "cmd_per_lun", 10, VIR_XML_PROP_NONZERO,
                       &def->cmd_per_lun) < 0 ||
        virXMLPropUInt(node, "max_sectors", 10, VIR_XML_PROP_NONZERO,
                       &def->max_sectors) < 0 ||
        virXMLPropTristateSwitch(node, "ioeventfd", VIR_XML_PROP_NONE,
                                 &def->ioeventfd) < 0 ||
        virXMLPropUInt(node, "iothread", 10, VIR_XML_PROP_NONZERO,
                       &def->iothread) < 0)
        return -1;

    if (def->iothread &&
        !(def->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI &&
          (def->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ||
           def->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL ||
           def->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("'iothread' attribute only supported for virtio scsi controllers"));
        return -1;
    }
    return 0;
}


static int
virDomainControllerDefParseChildren(xmlNodePtr node,
                                    virDomainControllerDef *def,
                                    unsigned int flags)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "driver")) {
            rc = virDomainControllerDriverParseXML(cur, def);
        } else if (STREQ(name, "model")) {
            const char *attrs[] = { "name", NULL };
            unsigned int val = 0;

            rc = virDomainXMLCheck(cur, attrs, NULL);
            if (rc == 0 &&
                (rc = virXMLPropEnum(cur, "name",
                                     virDomainControllerPCIModelNameTypeFromString,
                                     VIR_XML_PROP_NONZERO, &val)) > 0)
                def->pciModelName = val;
        } else if (STREQ(name, "target")) {
            rc = virDomainControllerPCITargetParseXML(cur, def);
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainControllerDefParseXML:
 * @node: a <controller> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the controller (index -1 when not given), or NULL with an
 * error reported.
 */
virDomainControllerDef *
virDomainControllerDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *common[] = { "type", "index", "model", NULL };
    const char *usbAttrs[] = { "type", "index", "model", "ports", NULL };
    const char *vsAttrs[] = { "type", "index", "model", "ports", "vectors", NULL };
    const char *xenAttrs[] = { "type", "index", "model", "maxGrantFrames",
                               "maxEventChannels", NULL };
    const char *children[] = { "driver", "alias", "master", "address", NULL };
    const char *pciChildren[] = { "driver", "model", "target", "alias",
                                  "address", NULL };
    const char *const *attrs = common;
    g_autoptr(virDomainControllerDef) def = NULL;
    g_autofree char *model = NULL;
    unsigned int type = VIR_DOMAIN_CONTROLLER_TYPE_IDE;
    int idx = -1;
    int rc;

    if (virXMLPropEnum(node, "type", virDomainControllerTypeTypeFromString,
                       VIR_XML_PROP_NONE, &type) < 0)
        return NULL;
    def = virDomainControllerDefNew(type);

    if (type == VIR_DOMAIN_CONTROLLER_TYPE_USB)
        attrs = usbAttrs;
    else if (type == VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
        attrs = vsAttrs;
    else if (type == VIR_DOMAIN_CONTROLLER_TYPE_XENBUS)
        attrs = xenAttrs;
    if (virDomainXMLCheck(node, attrs,
                          type == VIR_DOMAIN_CONTROLLER_TYPE_PCI ?
                          pciChildren : children) < 0)
        return NULL;

    if ((rc = virXMLPropInt(node, "index", 10, VIR_XML_PROP_NONNEGATIVE,
                            &idx, -1)) < 0)
        return NULL;
    def->idx = idx;

    if ((model = virXMLPropString(node, "model"))) {
        if ((def->model = virDomainControllerModelFromString(type, model)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unknown model type '%1$s'"), model);
            return NULL;
        }
    }

    if (virXMLPropInt(node, "ports", 10, VIR_XML_PROP_NONE, &def->ports, -1) < 0 ||
        virXMLPropInt(node, "vectors", 10, VIR_XML_PROP_NONE, &def->vectors, -1) < 0 ||
        virXMLPropInt(node, "maxGrantFrames", 10, VIR_XML_PROP_NONNEGATIVE,
                      &def->maxGrantFrames, -1) < 0 ||
        virXMLPropInt(node, "maxEventChannels", 10, VIR_XML_PROP_NONNEGATIVE,
                      &def->maxEventChannels, -1) < 0)
        return NULL;

    if (virDomainControllerDefParseChildren(node, def, flags) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


static void
virDomainControllerDriverFormat(virBuffer *buf,
                                const virDomainControllerDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    if (def->queues)
        virBufferAsprintf(&attrs, " queues='%u'", def->queues);
    if (def->cmd_per_lun)
        virBufferAsprintf(&attrs, " cmd_per_lun='%u'", def->cmd_per_lun);
    if (def->max_sectors)
        virBufferAsprintf(&attrs, " max_sectors='%u'", def->max_sectors);
    if (def->ioeventfd)
        virBufferAsprintf(&attrs, " ioeventfd='%s'",
                          virTristateSwitchTypeToString(def->ioeventfd));
    if (def->iothread)
        virBufferAsprintf(&attrs, " iothread='%u'", def->iothread);
    virXMLFormatElement(buf, "driver", &attrs, NULL);
}


static void
virDomainControllerPCIFormat(virBuffer *buf, const virDomainControllerDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    if (def->pciModelName > 0)
        virBufferAsprintf(buf, "<model name='%s'/>\n",
                          virDomainControllerPCIModelNameTypeToString(def->pciModelName));

    if (def->chassisNr >= 0)
        virBufferAsprintf(&attrs, " chassisNr='%d'", def->chassisNr);
    if (def->chassis >= 0)
        virBufferAsprintf(&attrs, " chassis='%d'", def->chassis);
    if (def->port >= 0)
        virBufferAsprintf(&attrs, " port='0x%x'", def->port);
    if (def->busNr >= 0)
        virBufferAsprintf(&attrs, " busNr='%d'", def->busNr);
    if (def->targetIndex >= 0)
        virBufferAsprintf(&attrs, " index='%d'", def->targetIndex);
    if (def->hotplug)
        virBufferAsprintf(&attrs, " hotplug='%s'",
                          virTristateSwitchTypeToString(def->hotplug));
    virXMLFormatElement(buf, "target", &attrs, NULL);
}


/**
 * virDomainControllerDefFormat:
 * @buf: output buffer at the indentation of <controller>
 * @def: the controller
 * @flags: virDomainDefFormatFlags
 */
void
virDomainControllerDefFormat(virBuffer *buf,
                             const virDomainControllerDef *def,
                             unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " type='%s' index='%d'",
                      virDomainControllerTypeTypeToString(def->type), def->idx);
    if (def->model >= 0)
        virBufferAsprintf(&attrs, " model='%s'",
                          virDomainControllerModelToString(def->type, def->model));
    if (def->ports >= 0)
        virBufferAsprintf(&attrs, " ports='%d'", def->ports);
    if (def->vectors >= 0)
        virBufferAsprintf(&attrs, " vectors='%d'", def->vectors);
    if (def->maxGrantFrames >= 0)
        virBufferAsprintf(&attrs, " maxGrantFrames='%d'", def->maxGrantFrames);
    if (def->maxEventChannels >= 0)
        virBufferAsprintf(&attrs, " maxEventChannels='%d'", def->maxEventChannels);

    virDomainControllerDriverFormat(&children, def);
    if (def->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI)
        virDomainControllerPCIFormat(&children, def);
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElement(buf, "controller", &attrs, &children);
}


/**
 * virDomainControllerInsert:
 * @def: the domain
 * @cont: a controller whose ownership passes to @def
 *
 * Keep controllers of one type together and sorted by index, a USB
 * master before its companions of the same index; a controller
 * without an index goes after the last one of its type.
 */
void
virDomainControllerInsert(virDomainDef *def, virDomainControllerDef *cont)
{
    ssize_t insertAt = -1;
    ssize_t i;

    for (i = (ssize_t)def->ncontrollers - 1; i >= 0; i--) {
        const virDomainControllerDef *cur = def->controllers[i];

        if (cur->type != cont->type)
            continue;
        if (cont->idx == -1) {
            insertAt = i + 1;
            break;
        }
        if (cur->idx > cont->idx ||
            (cur->idx == cont->idx && !cont->info.usbMaster &&
             cur->info.usbMaster))
            insertAt = i;
        else if (insertAt == -1)
            insertAt = i + 1;
    }
    if (insertAt == -1)
        insertAt = def->ncontrollers;

    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    memmove(def->controllers + insertAt + 1, def->controllers + insertAt,
            sizeof(*def->controllers) * (def->ncontrollers - insertAt));
    def->controllers[insertAt] = cont;
    def->ncontrollers++;
}


/**
 * virDomainControllerFind:
 * @def: the domain
 * @type: controller type
 * @idx: controller index
 *
 * Returns the position of that controller in @def->controllers, or -1.
 */
int
virDomainControllerFind(const virDomainDef *def,
                        virDomainControllerType type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type &&
            def->controllers[i]->idx == idx)
            return i;
    }
    return -1;
}


/* ------------------------------------------------------------------ */
/* <interface>                                                        */

/**
 * virDomainNetDefFree:
 * @def: an interface, may be NULL
 */
void
virDomainNetDefFree(virDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->macType);
    g_free(def->sourceNetwork);
    g_free(def->sourcePortgroup);
    g_free(def->sourceBridge);
    g_free(def->sourceDev);
    g_free(def->ifname);
    g_free(def->model);
    g_free(def->vlanTags);
    g_free(def->bandwidthIn);
    g_free(def->bandwidthOut);
    g_free(def->vhostuserPath);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainNetDef, virDomainNetDefFree);


static int
virDomainNetMacParse(const char *str, unsigned char *mac)
{
    size_t i;
    const char *p = str;

    for (i = 0; i < VIR_MAC_BUFLEN; i++) {
        unsigned int val = 0;
        size_t digits = 0;

        while (g_ascii_isxdigit(*p) && digits < 2) {
            val = val * 16 + g_ascii_xdigit_value(*p);
            p++;
            digits++;
        }
        if (digits == 0)
            return -1;
        mac[i] = val;
        if (i < VIR_MAC_BUFLEN - 1) {
            if (*p != ':')
                return -1;
            p++;
        }
    }
    return *p == '\0' ? 0 : -1;
}


static int
virDomainNetMacParseXML(xmlNodePtr node, virDomainNetDef *def)
{
    const char *attrs[] = { "address", "type", "check", NULL };
    g_autofree char *address = NULL;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateBool(node, "check", VIR_XML_PROP_NONE,
                               &def->macCheck) < 0)
        return -1;
    g_free(def->macType);
    def->macType = virXMLPropString(node, "type");

    if (!(address = virXMLPropString(node, "address")))
        return 0;
    if (virDomainNetMacParse(address, def->mac) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unable to parse mac address '%1$s'"), address);
        return -1;
    }
    if (def->mac[0] & 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("expected unicast mac address, found multicast '%1$s'"),
                       address);
        return -1;
    }
    return 1;
}


static int
virDomainNetSourceParseXML(xmlNodePtr node, virDomainNetDef *def)
{
    const char *netAttrs[] = { "network", "portgroup", NULL };
    const char *bridgeAttrs[] = { "bridge", NULL };
    const char *directAttrs[] = { "dev", "mode", NULL };
    const char *vhostAttrs[] = { "type", "path", "mode", NULL };
    unsigned int mode = VIR_NETDEV_MACVLAN_MODE_VEPA;
    g_autofree char *str = NULL;

    switch (def->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        if (virDomainXMLCheck(node, netAttrs, NULL) < 0)
            return -1;
        g_free(def->sourceNetwork);
        def->sourceNetwork = virXMLPropString(node, "network");
        g_free(def->sourcePortgroup);
        def->sourcePortgroup = virXMLPropString(node, "portgroup");
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        if (virDomainXMLCheck(node, bridgeAttrs, NULL) < 0)
            return -1;
        g_free(def->sourceBridge);
        def->sourceBridge = virXMLPropString(node, "bridge");
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        if (virDomainXMLCheck(node, directAttrs, NULL) < 0 ||
            virXMLPropEnum(node, "mode", virNetDevMacVLanModeTypeFromString,
                           VIR_XML_PROP_NONE, &mode) < 0)
            return -1;
        g_free(def->sourceDev);
        def->sourceDev = virXMLPropString(node, "dev");
        def->sourceMode = mode;
        break;
    case VIR_DOMAIN_NET_TYPE_VHOSTUSER:
        if (virDomainXMLCheck(node, vhostAttrs, NULL) < 0)
            return -1;
        if (!(str = virXMLPropString(node, "type")) || STRNEQ(str, "unix")) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Type='%1$s' unsupported for <interface type='vhostuser'>"),
                           NULLSTR(str));
            return -1;
        }
        g_clear_pointer(&str, g_free);
        if (!(str = virXMLPropString(node, "mode"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Missing required attribute 'mode' in element 'source'"));
            return -1;
        }
        if (STRNEQ(str, "server") && STRNEQ(str, "client")) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value for attribute 'mode' in element 'source': '%1$s'."),
                           str);
            return -1;
        }
        def->vhostuserServer = STREQ(str, "server");
        g_free(def->vhostuserPath);
        def->vhostuserPath = virXMLPropString(node, "path");
        break;
    default:
        return virDomainXMLCheck(node, (const char *[]){ NULL }, NULL);
    }
    return 0;
}


static int
virDomainNetVlanParseXML(xmlNodePtr node, virDomainNetDef *def)
{
    g_autofree char *trunk = virXMLPropString(node, "trunk");
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, (const char *[]){ "trunk", NULL },
                          (const char *[]){ "tag", NULL }) < 0)
        return -1;

    g_clear_pointer(&def->vlanTags, g_free);
    def->nvlanTags = 0;
    for (cur = node->children; cur; cur = cur->next) {
        const char *attrs[] = { "id", "nativeMode", NULL };
        unsigned int id = 0;
        unsigned int mode = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropUInt(cur, "id", 10, VIR_XML_PROP_REQUIRED, &id) < 0 ||
            virXMLPropEnum(cur, "nativeMode", virNativeVlanModeTypeFromString,
                           VIR_XML_PROP_NONZERO, &mode) < 0)
            return -1;
        if (id > 4095) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("vlan tag id %1$u too large (maximum 4095)"), id);
            return -1;
        }
        if (mode) {
            if (def->vlanNativeMode) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("duplicate native vlan setting"));
                return -1;
            }
            def->vlanNativeMode = mode;
            def->vlanNativeTag = id;
        }
        def->vlanTags = g_renew(unsigned int, def->vlanTags, def->nvlanTags + 1);
        def->vlanTags[def->nvlanTags++] = id;
    }
    if (def->nvlanTags == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
        return -1;
    }

    if (trunk && STREQ(trunk, "no")) {
        if (def->nvlanTags > 1) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("invalid \"trunk='no'\" in <vlan> - trunk='no' is not allowed with multiple tags"));
            return -1;
        }
        if (def->vlanNativeMode) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id"));
            return -1;
        }
    } else if (trunk && STRNEQ(trunk, "yes")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid \"trunk='%1$s'\" in <vlan> - trunk must be \"yes\" or \"no\""),
                       trunk);
        return -1;
    }
    def->vlanTrunk = (trunk && STREQ(trunk, "yes")) || def->nvlanTags > 1;
    return 0;
}


static void
virDomainNetVlanFormat(virBuffer *buf, const virDomainNetDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!def->nvlanTags)
        return;
    if (def->vlanTrunk)
        virBufferAddLit(&attrs, " trunk='yes'");
    for (i = 0; i < def->nvlanTags; i++) {
        virBufferAsprintf(&children, "<tag id='%u'", def->vlanTags[i]);
        if (def->vlanNativeMode && def->vlanNativeTag == def->vlanTags[i])
            virBufferAsprintf(&children, " nativeMode='%s'",
                              virNativeVlanModeTypeToString(def->vlanNativeMode));
        virBufferAddLit(&children, "/>\n");
    }
    virXMLFormatElement(buf, "vlan", &attrs, &children);
}


static int
virDomainNetBandwidthParseXML(xmlNodePtr node, virDomainNetDef *def)
{
    const char *attrs[] = { "average", "peak", "floor", "burst", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL,
                          (const char *[]){ "inbound", "outbound", NULL }) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        bool in;
        virNetDevBandwidthRate **ratep;
        virNetDevBandwidthRate *rate;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        in = xmlStrEqual(cur->name, BAD_CAST "inbound");
        ratep = in ? &def->bandwidthIn : &def->bandwidthOut;
        if (*ratep) {
            virReportError(VIR_ERR_XML_DETAIL,
                           _("Only one child <%1$s> element allowed"),
                           in ? "inbound" : "outbound");
            return -1;
        }
        rate = *ratep = g_new0(virNetDevBandwidthRate, 1);
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropULongLong(cur, "average", 10, VIR_XML_PROP_NONE,
                                &rate->average) < 0 ||
            virXMLPropULongLong(cur, "peak", 10, VIR_XML_PROP_NONE,
                                &rate->peak) < 0 ||
            virXMLPropULongLong(cur, "floor", 10, VIR_XML_PROP_NONE,
                                &rate->floor) < 0 ||
            virXMLPropULongLong(cur, "burst", 10, VIR_XML_PROP_NONE,
                                &rate->burst) < 0)
            return -1;
        if (!xmlHasProp(cur, BAD_CAST "average") && !xmlHasProp(cur, BAD_CAST "floor")) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("Missing mandatory average or floor attributes"));
            return -1;
        }
        if (!in && rate->floor) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("'floor' attribute allowed only in <inbound> element"));
            return -1;
        }
    }
    return 0;
}


static void
virDomainNetBandwidthRateFormat(virBuffer *buf, const char *elem,
                                const virNetDevBandwidthRate *rate)
{
    if (!rate || !(rate->average || rate->peak || rate->floor || rate->burst))
        return;
    virBufferAsprintf(buf, "<%s", elem);
    if (rate->average)
        virBufferAsprintf(buf, " average='%llu'", rate->average);
    if (rate->peak)
        virBufferAsprintf(buf, " peak='%llu'", rate->peak);
    if (rate->floor)
        virBufferAsprintf(buf, " floor='%llu'", rate->floor);
    if (rate->burst)
        virBufferAsprintf(buf, " burst='%llu'", rate->burst);
    virBufferAddLit(buf, "/>\n");
}


static void
virDomainNetBandwidthFormat(virBuffer *buf, const virDomainNetDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virDomainNetBandwidthRateFormat(&children, "inbound", def->bandwidthIn);
    virDomainNetBandwidthRateFormat(&children, "outbound", def->bandwidthOut);
    virXMLFormatElement(buf, "bandwidth", NULL, &children);
}


static int
virDomainNetDefParseChildren(xmlNodePtr node,
                             virDomainNetDef *def,
                             unsigned int flags,
                             bool *haveMac,
                             bool *haveSource)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "mac")) {
            if ((rc = virDomainNetMacParseXML(cur, def)) > 0)
                *haveMac = true;
        } else if (STREQ(name, "source")) {
            *haveSource = true;
            rc = virDomainNetSourceParseXML(cur, def);
        } else if (STREQ(name, "target")) {
            const char *attrs[] = { "dev", "managed", NULL };

            if ((rc = virDomainXMLCheck(cur, attrs, NULL)) == 0 &&
                (rc = virXMLPropTristateBool(cur, "managed", VIR_XML_PROP_NONE,
                                             &def->managedTap)) >= 0) {
                g_free(def->ifname);
                def->ifname = virXMLPropString(cur, "dev");
            }
        } else if (STREQ(name, "model")) {
            const char *attrs[] = { "type", NULL };

            if ((rc = virDomainXMLCheck(cur, attrs, NULL)) == 0) {
                g_free(def->model);
                def->model = virXMLPropString(cur, "type");
            }
        } else if (STREQ(name, "driver")) {
            const char *attrs[] = { "name", "queues", NULL };
            unsigned int val = 0;

            if ((rc = virDomainXMLCheck(cur, attrs, NULL)) == 0 &&
                (rc = virXMLPropEnum(cur, "name", virDomainNetDriverNameTypeFromString,
                                     VIR_XML_PROP_NONZERO, &val)) >= 0 &&
                (rc = virXMLPropUInt(cur, "queues", 10, VIR_XML_PROP_NONE,
                                     &def->driverQueues)) >= 0)
                def->driverName = val;
        } else if (STREQ(name, "link")) {
            const char *attrs[] = { "state", NULL };
            g_autofree char *state = virXMLPropString(cur, "state");

            if ((rc = virDomainXMLCheck(cur, attrs, NULL)) == 0 && state) {
                int val = virDomainNetInterfaceLinkStateTypeFromString(state);

                if (val <= 0) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                   _("unknown interface link state '%1$s'"), state);
                    return -1;
                }
                def->linkstate = val;
            }
        } else if (STREQ(name, "vlan")) {
            rc = virDomainNetVlanParseXML(cur, def);
        } else if (STREQ(name, "bandwidth")) {
            rc = virDomainNetBandwidthParseXML(cur, def);
        } else if (STREQ(name, "mtu")) {
            const char *attrs[] = { "size", NULL };

            if ((rc = virDomainXMLCheck(cur, attrs, NULL)) == 0)
                rc = virXMLPropUInt(cur, "size", 10, VIR_XML_PROP_REQUIRED,
                                    &def->mtu);
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


/* Tap device names that the hypervisor generated, which an inactive
 * definition must not keep (libvirt's prefixes). */
static bool
virDomainNetIfnameIsGenerated(const char *ifname)
{
    return STRPREFIX(ifname, "vnet") || STRPREFIX(ifname, "macvtap") ||
           STRPREFIX(ifname, "macvlan");
}


/**
 * virDomainNetDefParseXML:
 * @node: an <interface> element
 * @flags: virDomainDefParseFlags
 *
 * A missing MAC address is generated in libvirt's 52:54:00 range.
 *
 * Returns the interface, or NULL with an error reported.
 */
virDomainNetDef *
virDomainNetDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "type", NULL };
    const char *children[] = { "mac", "source", "target", "model", "driver",
                               "link", "mtu", "boot", "alias", "address",
                               "vlan", "bandwidth", NULL };
    g_autoptr(virDomainNetDef) def = g_new0(virDomainNetDef, 1);
    unsigned int type = 0;
    bool haveMac = false;
    bool haveSource = false;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virDomainNetTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0)
        return NULL;
    def->type = type;

    switch (def->type) {
    case VIR_DOMAIN_NET_TYPE_USER:
    case VIR_DOMAIN_NET_TYPE_ETHERNET:
    case VIR_DOMAIN_NET_TYPE_NETWORK:
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
    case VIR_DOMAIN_NET_TYPE_DIRECT:
    case VIR_DOMAIN_NET_TYPE_VHOSTUSER:
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("interface type '%1$s' is not supported yet"),
                       virDomainNetTypeToString(def->type));
        return NULL;
    }

    if (virDomainNetDefParseChildren(node, def, flags, &haveMac, &haveSource) < 0)
        return NULL;

    if (!haveSource && (def->type == VIR_DOMAIN_NET_TYPE_NETWORK ||
                        def->type == VIR_DOMAIN_NET_TYPE_VHOSTUSER ||
                        def->type == VIR_DOMAIN_NET_TYPE_BRIDGE ||
                        def->type == VIR_DOMAIN_NET_TYPE_DIRECT)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("interface type='%1$s' requires a 'source' element"),
                       virDomainNetTypeToString(def->type));
        return NULL;
    }
    if (def->type == VIR_DOMAIN_NET_TYPE_NETWORK && !def->sourceNetwork) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("No <source> 'network' attribute specified with <interface type='network'/>"));
        return NULL;
    }
    if (def->type == VIR_DOMAIN_NET_TYPE_BRIDGE && !def->sourceBridge) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("No <source> 'bridge' attribute specified with <interface type='bridge'/>"));
        return NULL;
    }
    if (def->type == VIR_DOMAIN_NET_TYPE_DIRECT && !def->sourceDev) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("No <source> 'dev' attribute specified with <interface type='direct'/>"));
        return NULL;
    }

    if (def->type == VIR_DOMAIN_NET_TYPE_VHOSTUSER &&
        (!def->model || (STRNEQ(def->model, "virtio") &&
                         STRNEQ(def->model, "virtio-transitional") &&
                         STRNEQ(def->model, "virtio-non-transitional")))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend"));
        return NULL;
    }
    if (def->bandwidthIn && def->bandwidthIn->floor &&
        def->type != VIR_DOMAIN_NET_TYPE_NETWORK) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("floor attribute is not supported for this config"));
        return NULL;
    }

    if (def->model &&
        strspn(def->model, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789_-") != strlen(def->model)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Model name contains invalid characters"));
        return NULL;
    }

    if (def->ifname && (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
        virDomainNetIfnameIsGenerated(def->ifname))
        g_clear_pointer(&def->ifname, g_free);

    if (!haveMac) {
        guint32 rnd = g_random_int();

        def->mac[0] = 0x52;
        def->mac[1] = 0x54;
        def->mac[2] = 0x00;
        def->mac[3] = rnd & 0xff;
        def->mac[4] = (rnd >> 8) & 0xff;
        def->mac[5] = (rnd >> 16) & 0xff;
    }

    return g_steal_pointer(&def);
}


/**
 * virDomainNetDefFormat:
 * @buf: output buffer at the indentation of <interface>
 * @def: the interface
 * @flags: virDomainDefFormatFlags
 */
void
virDomainNetDefFormat(virBuffer *buf,
                      const virDomainNetDef *def,
                      unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) driver = VIR_BUFFER_INITIALIZER;

    virBufferAsprintf(&attrs, " type='%s'", virDomainNetTypeToString(def->type));

    virBufferAsprintf(&children, "<mac address='%02x:%02x:%02x:%02x:%02x:%02x'",
                      def->mac[0], def->mac[1], def->mac[2],
                      def->mac[3], def->mac[4], def->mac[5]);
    virBufferEscapeString(&children, " type='%s'", def->macType);
    if (def->macCheck)
        virBufferAsprintf(&children, " check='%s'",
                          virTristateBoolTypeToString(def->macCheck));
    virBufferAddLit(&children, "/>\n");

    switch (def->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        virBufferEscapeString(&children, "<source network='%s'", def->sourceNetwork);
        virBufferEscapeString(&children, " portgroup='%s'", def->sourcePortgroup);
        virBufferAddLit(&children, "/>\n");
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        virBufferEscapeString(&children, "<source bridge='%s'/>\n", def->sourceBridge);
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        virBufferEscapeString(&children, "<source dev='%s'", def->sourceDev);
        virBufferAsprintf(&children, " mode='%s'/>\n",
                          virNetDevMacVLanModeTypeToString(def->sourceMode));
        break;
    case VIR_DOMAIN_NET_TYPE_VHOSTUSER:
        virBufferAddLit(&children, "<source type='unix'");
        virBufferEscapeString(&children, " path='%s'", def->vhostuserPath);
        virBufferAsprintf(&children, " mode='%s'/>\n",
                          def->vhostuserServer ? "server" : "client");
        break;
    default:
        break;
    }
    virDomainNetVlanFormat(&children, def);
    virDomainNetBandwidthFormat(&children, def);

    if (def->ifname) {
        virBufferEscapeString(&children, "<target dev='%s'", def->ifname);
        if (def->managedTap)
            virBufferAsprintf(&children, " managed='%s'",
                              virTristateBoolTypeToString(def->managedTap));
        virBufferAddLit(&children, "/>\n");
    }
    virBufferEscapeString(&children, "<model type='%s'/>\n", def->model);

    if (def->driverName)
        virBufferAsprintf(&driver, " name='%s'",
                          virDomainNetDriverNameTypeToString(def->driverName));
    if (def->driverQueues)
        virBufferAsprintf(&driver, " queues='%u'", def->driverQueues);
    virXMLFormatElement(&children, "driver", &driver, NULL);

    if (def->linkstate)
        virBufferAsprintf(&children, "<link state='%s'/>\n",
                          virDomainNetInterfaceLinkStateTypeToString(def->linkstate));
    if (def->mtu)
        virBufferAsprintf(&children, "<mtu size='%u'/>\n", def->mtu);
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElement(buf, "interface", &attrs, &children);
}
