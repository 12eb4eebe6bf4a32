/*
 * domain_address_conf.c: where a device sits (<address>) and the other
 * parts every device shares: <boot>, <alias>, <master>
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

VIR_ENUM_IMPL(virDomainDeviceAddress, VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST,
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE] = "none",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI] = "pci",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE] = "drive",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL] = "virtio-serial",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID] = "ccid",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB] = "usb",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO] = "spapr-vio",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_S390] = "virtio-s390",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW] = "ccw",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_MMIO] = "virtio-mmio",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA] = "isa",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DIMM] = "dimm",
    [VIR_DOMAIN_DEVICE_ADDRESS_TYPE_UNASSIGNED] = "unassigned",
);


/* ------------------------------------------------------------------ */
/* <address>, <alias>, <boot>, <master>                               */

/* libvirt checks PCI addresses in its PCI utilities, which report
 * without an error domain; keep that so callers see the same error. */
static void G_GNUC_PRINTF(1, 2)
virDomainPCIAddressReportInvalid(const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                         __FILE__, __func__, __LINE__, "%s", msg);
}


/**
 * virPCIDeviceAddressParseXML:
 * @node: an <address> element with PCI attributes
 * @addr: filled from @node
 *
 * Returns 0, or -1 with an error.
 */
int
virPCIDeviceAddressParseXML(xmlNodePtr node, virPCIDeviceAddress *addr)
{
    const char *attrs[] = { "type", "domain", "bus", "slot", "function",
                            "multifunction", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "domain", 0, VIR_XML_PROP_NONE, &addr->domain) < 0 ||
        virXMLPropUInt(node, "bus", 0, VIR_XML_PROP_NONE, &addr->bus) < 0 ||
        virXMLPropUInt(node, "slot", 0, VIR_XML_PROP_NONE, &addr->slot) < 0 ||
        virXMLPropUInt(node, "function", 0, VIR_XML_PROP_NONE, &addr->function) < 0 ||
        virXMLPropTristateSwitch(node, "multifunction", VIR_XML_PROP_NONE,
                                 &addr->multi) < 0)
        return -1;

    if (addr->bus > 0xFF) {
        virDomainPCIAddressReportInvalid(_("Invalid PCI address bus='0x%1$x', must be <= 0xFF"),
                                         addr->bus);
        return -1;
    }
    if (addr->slot > 0x1F) {
        virDomainPCIAddressReportInvalid(_("Invalid PCI address slot='0x%1$x', must be <= 0x1F"),
                                         addr->slot);
        return -1;
    }
    if (addr->function > 7) {
        virDomainPCIAddressReportInvalid(_("Invalid PCI address function=0x%1$x, must be <= 7"),
                                         addr->function);
        return -1;
    }
    return 0;
}


static int
virDomainDeviceUSBAddressParseXML(xmlNodePtr node,
                                  virDomainDeviceUSBAddress *addr)
{
    const char *attrs[] = { "type", "bus", "port", NULL };
    g_autofree char *port = NULL;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "bus", 10, VIR_XML_PROP_NONE, &addr->bus) < 0)
        return -1;

    if ((port = virXMLPropString(node, "port"))) {
        g_auto(GStrv) parts = g_strsplit(port, ".", 0);
        size_t i;

        if (g_strv_length(parts) > VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH)
            goto badport;
        for (i = 0; parts[i]; i++) {
            if (virStrToLong_ui(parts[i], NULL, 10, &addr->port[i]) < 0 ||
                addr->port[i] == 0)
                goto badport;
        }
    }
    return 0;

 badport:
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("Cannot parse <address> 'port' attribute"));
    return -1;
}


static int
virDomainDeviceCCWAddressParseXML(xmlNodePtr node,
                                  virDomainDeviceCCWAddress *addr)
{
    const char *attrs[] = { "type", "cssid", "ssid", "devno", NULL };
    int rc1, rc2, rc3;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        (rc1 = virXMLPropUInt(node, "cssid", 16, VIR_XML_PROP_NONE, &addr->cssid)) < 0 ||
        (rc2 = virXMLPropUInt(node, "ssid", 16, VIR_XML_PROP_NONE, &addr->ssid)) < 0 ||
        (rc3 = virXMLPropUInt(node, "devno", 16, VIR_XML_PROP_NONE, &addr->devno)) < 0)
        return -1;

    if ((rc1 || rc2 || rc3) && !(rc1 && rc2 && rc3)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("Invalid partial specification for virtio ccw address"));
        return -1;
    }
    if (addr->cssid > 0xfe || addr->ssid > 3 || addr->devno > 0xffff) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("Invalid specification for virtio ccw address"));
        return -1;
    }
    return 0;
}


static int
virDomainDeviceAddressParseXML(xmlNodePtr node, virDomainDeviceInfo *info)
{
    g_autofree char *type = virXMLPropString(node, "type");
    int val;

    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("No type specified for device address"));
        return -1;
    }
    if ((val = virDomainDeviceAddressTypeFromString(type)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown address type '%1$s'"), type);
        return -1;
    }
    info->type = val;
    memset(&info->addr, 0, sizeof(info->addr));

    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        return virPCIDeviceAddressParseXML(node, &info->addr.pci);

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE: {
        const char *attrs[] = { "type", "controller", "bus", "target", "unit", NULL };
        virDomainDeviceDriveAddress *drive = &info->addr.drive;

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropUInt(node, "controller", 10, VIR_XML_PROP_NONE, &drive->controller) < 0 ||
            virXMLPropUInt(node, "bus", 10, VIR_XML_PROP_NONE, &drive->bus) < 0 ||
            virXMLPropUInt(node, "target", 10, VIR_XML_PROP_NONE, &drive->target) < 0 ||
            virXMLPropUInt(node, "unit", 10, VIR_XML_PROP_NONE, &drive->unit) < 0)
            return -1;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL: {
        const char *attrs[] = { "type", "controller", "bus", "port", NULL };
        virDomainDeviceVirtioSerialAddress *vs = &info->addr.vioserial;

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropUInt(node, "controller", 10, VIR_XML_PROP_NONE, &vs->controller) < 0 ||
            virXMLPropUInt(node, "bus", 10, VIR_XML_PROP_NONE, &vs->bus) < 0 ||
            virXMLPropUInt(node, "port", 10, VIR_XML_PROP_NONE, &vs->port) < 0)
            return -1;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID: {
        const char *attrs[] = { "type", "controller", "slot", NULL };

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropUInt(node, "controller", 10, VIR_XML_PROP_NONE,
                           &info->addr.ccid.controller) < 0 ||
            virXMLPropUInt(node, "slot", 10, VIR_XML_PROP_NONE,
                           &info->addr.ccid.slot) < 0)
            return -1;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        return virDomainDeviceUSBAddressParseXML(node, &info->addr.usb);

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO: {
        const char *attrs[] = { "type", "reg", NULL };
        int rc;

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            (rc = virXMLPropULongLong(node, "reg", 16, VIR_XML_PROP_NONE,
                                      &info->addr.spaprvio.reg)) < 0)
            return -1;
        info->addr.spaprvio.has_reg = rc > 0;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW:
        return virDomainDeviceCCWAddressParseXML(node, &info->addr.ccw);

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_MMIO: {
        const char *attrs[] = { "type", NULL };

        return virDomainXMLCheck(node, attrs, NULL);
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA: {
        const char *attrs[] = { "type", "iobase", "irq", NULL };

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropUInt(node, "iobase", 16, VIR_XML_PROP_NONE,
                           &info->addr.isa.iobase) < 0 ||
            virXMLPropUInt(node, "irq", 16, VIR_XML_PROP_NONE,
                           &info->addr.isa.irq) < 0)
            return -1;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DIMM: {
        const char *attrs[] = { "type", "slot", "base", NULL };

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropUInt(node, "slot", 10, VIR_XML_PROP_NONE,
                           &info->addr.dimm.slot) < 0 ||
            virXMLPropULongLong(node, "base", 16, VIR_XML_PROP_NONE,
                                &info->addr.dimm.base) < 0)
            return -1;
        return 0;
    }

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_S390:
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("virtio-s390 bus doesn't have an address"));
        return -1;

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_UNASSIGNED:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("address of type 'unassigned' is supported only for hostdevs"));
        return -1;

    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    return 0;
}


static void
virDomainDeviceAddressFormat(virBuffer *buf, const virDomainDeviceInfo *info)
{
    size_t i;

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return;

    virBufferAsprintf(buf, "<address type='%s'",
                      virDomainDeviceAddressTypeToString(info->type));

    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI: {
        const virPCIDeviceAddress *pci = &info->addr.pci;

        /* an all-zero PCI address means "put it anywhere on PCI" */
        if (pci->domain || pci->bus || pci->slot || pci->function ||
            pci->multi) {
            virBufferAsprintf(buf,
                              " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%u'",
                              pci->domain, pci->bus, pci->slot, pci->function);
        }
        if (pci->multi)
            virBufferAsprintf(buf, " multifunction='%s'",
                              virTristateSwitchTypeToString(pci->multi));
        break;
    }
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        virBufferAsprintf(buf, " controller='%u' bus='%u' target='%u' unit='%u'",
                          info->addr.drive.controller, info->addr.drive.bus,
                          info->addr.drive.target, info->addr.drive.unit);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        virBufferAsprintf(buf, " controller='%u' bus='%u' port='%u'",
                          info->addr.vioserial.controller,
                          info->addr.vioserial.bus,
                          info->addr.vioserial.port);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID:
        virBufferAsprintf(buf, " controller='%u' slot='%u'",
                          info->addr.ccid.controller, info->addr.ccid.slot);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        virBufferAsprintf(buf, " bus='%u'", info->addr.usb.bus);
        if (info->addr.usb.port[0]) {
            virBufferAsprintf(buf, " port='%u", info->addr.usb.port[0]);
            for (i = 1; i < VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH &&
                 info->addr.usb.port[i]; i++)
                virBufferAsprintf(buf, ".%u", info->addr.usb.port[i]);
            virBufferAddLit(buf, "'");
        }
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO:
        if (info->addr.spaprvio.has_reg)
            virBufferAsprintf(buf, " reg='0x%08llx'", info->addr.spaprvio.reg);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW:
        virBufferAsprintf(buf, " cssid='0x%x' ssid='0x%x' devno='0x%04x'",
                          info->addr.ccw.cssid, info->addr.ccw.ssid,
                          info->addr.ccw.devno);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA:
        if (info->addr.isa.iobase)
            virBufferAsprintf(buf, " iobase='0x%x'", info->addr.isa.iobase);
        if (info->addr.isa.irq)
            virBufferAsprintf(buf, " irq='0x%x'", info->addr.isa.irq);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DIMM:
        virBufferAsprintf(buf, " slot='%u'", info->addr.dimm.slot);
        if (info->addr.dimm.base)
            virBufferAsprintf(buf, " base='0x%llx'", info->addr.dimm.base);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_MMIO:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_S390:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_UNASSIGNED:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    virBufferAddLit(buf, "/>\n");
}


/**
 * virDomainDeviceInfoParseChild:
 * @cur: a child element of a device: <boot>, <alias>, <master> or <address>
 * @info: the device's info, filled from @cur
 * @flags: virDomainDefParseFlags
 *
 * Aliases other than user aliases ("ua-" prefix) are hypervisor state
 * and are dropped from an inactive definition, as libvirt does.
 *
 * Returns 0, or -1 with an error (an element it does not know is one).
 */
int
virDomainDeviceInfoParseChild(xmlNodePtr cur,
                              virDomainDeviceInfo *info,
                              unsigned int flags)
{
    const char *name = (const char *)cur->name;

    if (STREQ(name, "boot")) {
        const char *attrs[] = { "order", "loadparm", NULL };

        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropUInt(cur, "order", 10,
                           VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                           &info->bootIndex) < 0)
            return -1;
        g_free(info->loadparm);
        info->loadparm = virXMLPropString(cur, "loadparm");
        return 0;
    }

    if (STREQ(name, "alias")) {
        const char *attrs[] = { "name", NULL };
        g_autofree char *alias = NULL;

        if (virDomainXMLCheck(cur, attrs, NULL) < 0)
            return -1;
        alias = virXMLPropString(cur, "name");
        if (alias && (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) ||
                      STRPREFIX(alias, "ua-"))) {
            g_free(info->alias);
            info->alias = g_steal_pointer(&alias);
        }
        return 0;
    }

    if (STREQ(name, "master")) {
        const char *attrs[] = { "startport", NULL };

        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropUInt(cur, "startport", 10, VIR_XML_PROP_REQUIRED,
                           &info->usbMasterStartport) < 0)
            return -1;
        info->usbMaster = true;
        return 0;
    }

    if (STREQ(name, "address"))
        return virDomainDeviceAddressParseXML(cur, info);

    virReportError(VIR_ERR_XML_ERROR,
                   _("unsupported element '%1$s' in element '%2$s'"),
                   name, (const char *)cur->parent->name);
    return -1;
}


/**
 * virDomainDeviceInfoFormat:
 * @buf: output buffer at the indentation of the device's children
 * @info: the info
 * @flags: virDomainDefFormatFlags
 *
 * Write <boot>, <alias>, <master> and <address>, in that order.
 */
void
virDomainDeviceInfoFormat(virBuffer *buf,
                          const virDomainDeviceInfo *info,
                          unsigned int flags)
{
    if (info->bootIndex) {
        virBufferAsprintf(buf, "<boot order='%u'", info->bootIndex);
        virBufferEscapeString(buf, " loadparm='%s'", info->loadparm);
        virBufferAddLit(buf, "/>\n");
    }
    if (info->alias &&
        (!(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE) || STRPREFIX(info->alias, "ua-")))
        virBufferEscapeString(buf, "<alias name='%s'/>\n", info->alias);
    if (info->usbMaster)
        virBufferAsprintf(buf, "<master startport='%u'/>\n",
                          info->usbMasterStartport);
    virDomainDeviceAddressFormat(buf, info);
}


/**
 * virDomainDeviceInfoClear:
 * @info: the info; its strings are freed and it is zeroed
 */
void
virDomainDeviceInfoClear(virDomainDeviceInfo *info)
{
    g_free(info->alias);
    g_free(info->loadparm);
    memset(info, 0, sizeof(*info));
}


/**
 * virDomainDeviceInfoCopy:
 * @dst: zeroed or cleared info, overwritten
 * @src: info to copy
 */
void
virDomainDeviceInfoCopy(virDomainDeviceInfo *dst,
                        const virDomainDeviceInfo *src)
{
    *dst = *src;
    dst->alias = g_strdup(src->alias);
    dst->loadparm = g_strdup(src->loadparm);
}
