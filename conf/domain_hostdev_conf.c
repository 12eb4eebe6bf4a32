/*
 * domain_hostdev_conf.c: host devices given to a domain,
 * <hostdev mode='subsystem' type='pci|usb'>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_DECL(virDomainHostdevSubsys);
VIR_ENUM_IMPL(virDomainHostdevSubsys, VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST,
    [VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB] = "usb",
    [VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI] = "pci",
    [VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI] = "scsi",
    [VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST] = "scsi_host",
    [VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV] = "mdev",
);

/**
 * virDomainHostdevDefFree:
 * @def: a host device, or NULL
 */
void
virDomainHostdevDefFree(virDomainHostdevDef *def)
{
    if (!def)
        return;
    g_free(def->driverName);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainHostdevDef, virDomainHostdevDefFree);


static int
virDomainHostdevUSBIdParse(xmlNodePtr node, unsigned int *id)
{
    if (virDomainXMLCheck(node, (const char *[]){ "id", NULL }, NULL) < 0 ||
        virXMLPropUInt(node, "id", 0, VIR_XML_PROP_REQUIRED, id) < 0)
        return -1;
    if (*id > 0xffff) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("usb %1$s id '0x%2$x' is out of range"),
                       (const char *)node->name, *id);
        return -1;
    }
    return 0;
}


static int
virDomainHostdevSourceParseXML(xmlNodePtr node, virDomainHostdevDef *def)
{
    bool usb = def->type == VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB;
    const char *usbChildren[] = { "vendor", "product", "address", NULL };
    const char *pciChildren[] = { "address", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL,
                          usb ? usbChildren : pciChildren) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!usb) {
            if (virPCIDeviceAddressParseXML(cur, &def->pciAddr) < 0)
                return -1;
        } else if (STREQ(name, "vendor")) {
            if (virDomainHostdevUSBIdParse(cur, &def->usbVendor) < 0)
                return -1;
        } else if (STREQ(name, "product")) {
            if (virDomainHostdevUSBIdParse(cur, &def->usbProduct) < 0)
                return -1;
        } else {
            const char *attrs[] = { "bus", "device", NULL };

            if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
                virXMLPropUInt(cur, "bus", 0, VIR_XML_PROP_REQUIRED, &def->usbBus) < 0 ||
                virXMLPropUInt(cur, "device", 0, VIR_XML_PROP_REQUIRED, &def->usbDevice) < 0)
                return -1;
            def->usbHaveAddr = true;
        }
    }
    if (usb && !def->usbHaveAddr && !def->usbVendor) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("usb hostdev needs a vendor and product, or an address"));
        return -1;
    }
    if (usb && def->usbVendor && !def->usbProduct) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing product"));
        return -1;
    }
    return 0;
}


static int
virDomainHostdevDefParseChildren(xmlNodePtr node, virDomainHostdevDef *def,
                                 unsigned int flags)
{
    xmlNodePtr cur;
    bool haveSource = false;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "source")) {
            haveSource = true;
            if (virDomainHostdevSourceParseXML(cur, def) < 0)
                return -1;
        } else if (STREQ(name, "driver")) {
            if (virDomainXMLCheck(cur, (const char *[]){ "name", NULL }, NULL) < 0)
                return -1;
            g_free(def->driverName);
            def->driverName = virXMLPropString(cur, "name");
        } else if (virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0) {
            return -1;
        }
    }
    if (!haveSource) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Missing <source> element in hostdev device"));
        return -1;
    }
    return 0;
}


/**
 * virDomainHostdevDefParseXML:
 * @node: a <hostdev> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the host device, or NULL with an error.
 */
virDomainHostdevDef *
virDomainHostdevDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "mode", "type", "managed", NULL };
    const char *children[] = { "source", "driver", "boot", "alias", "address", NULL };
    g_autoptr(virDomainHostdevDef) def = g_new0(virDomainHostdevDef, 1);
    g_autofree char *mode = NULL;
    unsigned int type = 0;
    virTristateBool managed = VIR_TRISTATE_BOOL_ABSENT;

    if (virDomainXMLCheck(node, attrs, children) < 0)
        return NULL;
    mode = virXMLPropString(node, "mode");
    if (mode && STRNEQ(mode, "subsystem")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("hostdev mode '%1$s' is not supported yet"), mode);
        return NULL;
    }
    if (virXMLPropEnum(node, "type", virDomainHostdevSubsysTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0 ||
        virXMLPropTristateBool(node, "managed", VIR_XML_PROP_NONE, &managed) < 0)
        return NULL;
    def->type = type;
    def->managed = managed == VIR_TRISTATE_BOOL_YES;
    if (def->type != VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB &&
        def->type != VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("hostdev type '%1$s' is not supported yet"),
                       virDomainHostdevSubsysTypeToString(def->type));
        return NULL;
    }
    if (virDomainHostdevDefParseChildren(node, def, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/**
 * virDomainHostdevDefFormat:
 * @buf: output buffer
 * @def: the host device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainHostdevDefFormat(virBuffer *buf, const virDomainHostdevDef *def,
                          unsigned int flags)
{
    virBufferAsprintf(buf, "<hostdev mode='subsystem' type='%s' managed='%s'>\n",
                      virDomainHostdevSubsysTypeToString(def->type),
                      def->managed ? "yes" : "no");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<driver name='%s'/>\n", def->driverName);
    virBufferAddLit(buf, "<source>\n");
    virBufferAdjustIndent(buf, 2);
    if (def->type == VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI) {
        virBufferAsprintf(buf, "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                          def->pciAddr.domain, def->pciAddr.bus,
                          def->pciAddr.slot, def->pciAddr.function);
    } else {
        if (def->usbVendor) {
            virBufferAsprintf(buf, "<vendor id='0x%04x'/>\n", def->usbVendor);
            virBufferAsprintf(buf, "<product id='0x%04x'/>\n", def->usbProduct);
        }
        if (def->usbHaveAddr)
            virBufferAsprintf(buf, "<address bus='%u' device='%u'/>\n",
                              def->usbBus, def->usbDevice);
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</source>\n");
    virDomainDeviceInfoFormat(buf, &def->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</hostdev>\n");
}
