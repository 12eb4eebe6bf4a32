/*
 * networkport_conf.c: parse and format <networkport> XML as libvirt 9.0
 * does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virbuffer.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "networkport_conf.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_ENUM_IMPL(virNetworkPortPlug, VIR_NETWORK_PORT_PLUG_TYPE_LAST,
    [VIR_NETWORK_PORT_PLUG_TYPE_NONE] = "none",
    [VIR_NETWORK_PORT_PLUG_TYPE_NETWORK] = "network",
    [VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE] = "bridge",
    [VIR_NETWORK_PORT_PLUG_TYPE_DIRECT] = "direct",
    [VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI] = "hostdev-pci",
);

VIR_ENUM_IMPL(virNetworkPortMacTableManager, VIR_NETWORK_PORT_MACTBL_LAST,
    [VIR_NETWORK_PORT_MACTBL_DEFAULT] = "default",
    [VIR_NETWORK_PORT_MACTBL_KERNEL] = "kernel",
    [VIR_NETWORK_PORT_MACTBL_LIBVIRT] = "libvirt",
);

VIR_ENUM_IMPL(virNetworkPortDirectMode, VIR_NETWORK_PORT_DIRECT_LAST,
    [VIR_NETWORK_PORT_DIRECT_VEPA] = "vepa",
    [VIR_NETWORK_PORT_DIRECT_PRIVATE] = "private",
    [VIR_NETWORK_PORT_DIRECT_BRIDGE] = "bridge",
    [VIR_NETWORK_PORT_DIRECT_PASSTHROUGH] = "passthrough",
);

VIR_ENUM_IMPL(virNetworkPortHostdevDriver, VIR_NETWORK_PORT_DRIVER_LAST,
    [VIR_NETWORK_PORT_DRIVER_DEFAULT] = "default",
    [VIR_NETWORK_PORT_DRIVER_KVM] = "kvm",
    [VIR_NETWORK_PORT_DRIVER_VFIO] = "vfio",
);


/**
 * virNetworkPortDefFree:
 * @def: a network port definition, may be NULL
 */
void
virNetworkPortDefFree(virNetworkPortDef *def)
{
    if (!def)
        return;
    g_free(def->ownername);
    g_free(def->group);
    g_free(def->mac);
    g_free(def->brname);
    g_free(def->linkdev);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* <owner>, <mac>                                                      */
/* ------------------------------------------------------------------ */

static int
virNetworkPortOwnerParseXML(xmlNodePtr node, virNetworkPortDef *def)
{
    static const char *const children[] = { "name", "uuid", NULL };
    g_autofree char *uuid = NULL;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "name", &def->ownername) < 0 ||
        virConfChildText(node, "uuid", &uuid) < 0)
        return -1;
    if (!def->ownername) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("network port has no owner name"));
        return -1;
    }
    if (!uuid) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("network port has no owner UUID"));
        return -1;
    }
    return virConfParseUUID(uuid, "networkport owner", def->owneruuid);
}


static void
virNetworkPortOwnerFormat(virBuffer *buf, const virNetworkPortDef *def)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virBufferAddLit(buf, "<owner>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<name>%s</name>\n", def->ownername);
    virBufferAsprintf(buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->owneruuid, uuidstr));
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</owner>\n");
}


static int
virNetworkPortMACParseXML(xmlNodePtr node, virNetworkPortDef *def)
{
    static const char *const attrs[] = { "address", NULL };
    size_t i;

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        !(def->mac = virXMLPropStringRequired(node, "address")))
        return -1;
    for (i = 0; i < 17; i++) {
        if (!def->mac[i] ||
            (i % 3 == 2 ? def->mac[i] != ':' : !g_ascii_isxdigit(def->mac[i])))
            break;
    }
    if (i < 17 || def->mac[17]) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Unable to parse MAC '%1$s'"), def->mac);
        return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* <bandwidth>                                                         */
/* ------------------------------------------------------------------ */

static int
virNetworkPortRateParseXML(xmlNodePtr node, virNetworkPortRate *rate, bool inbound)
{
    static const char *const inAttrs[] = { "average", "peak", "floor", "burst", NULL };
    static const char *const outAttrs[] = { "average", "peak", "burst", NULL };

    if (virConfCheckElement(node, inbound ? inAttrs : outAttrs, NULL) < 0 ||
        virXMLPropULongLong(node, "average", 10, VIR_XML_PROP_NONE, &rate->average) < 0 ||
        virXMLPropULongLong(node, "peak", 10, VIR_XML_PROP_NONE, &rate->peak) < 0 ||
        virXMLPropULongLong(node, "floor", 10, VIR_XML_PROP_NONE, &rate->floor) < 0 ||
        virXMLPropULongLong(node, "burst", 10, VIR_XML_PROP_NONE, &rate->burst) < 0)
        return -1;
    rate->set = true;
    return 0;
}


static void
virNetworkPortRateFormat(virBuffer *buf, const char *name,
                         const virNetworkPortRate *rate)
{
    if (!rate->set)
        return;
    virBufferAsprintf(buf, "<%s", name);
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


static int
virNetworkPortBandwidthParseXML(xmlNodePtr node, virNetworkPortDef *def)
{
    static const char *const attrs[] = { "classID", NULL };
    static const char *const children[] = { "inbound", "outbound", NULL };
    xmlNodePtr child;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropUInt(node, "classID", 10, VIR_XML_PROP_NONZERO, &def->classID) < 0)
        return -1;
    if ((child = virConfChild(node, "inbound")) &&
        virNetworkPortRateParseXML(child, &def->inbound, true) < 0)
        return -1;
    if ((child = virConfChild(node, "outbound")) &&
        virNetworkPortRateParseXML(child, &def->outbound, false) < 0)
        return -1;
    def->hasBandwidth = true;
    return 0;
}


static void
virNetworkPortBandwidthFormat(virBuffer *buf, const virNetworkPortDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!def->hasBandwidth)
        return;
    if (def->classID)
        virBufferAsprintf(&attrs, " classID='%u'", def->classID);
    virNetworkPortRateFormat(&children, "inbound", &def->inbound);
    virNetworkPortRateFormat(&children, "outbound", &def->outbound);
    virXMLFormatElement(buf, "bandwidth", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <plug>                                                              */
/* ------------------------------------------------------------------ */

static int
virNetworkPortPCIParseXML(xmlNodePtr plug, virNetworkPortDef *def)
{
    static const char *const children[] = { "driver", "address", NULL };
    static const char *const driverAttrs[] = { "name", NULL };
    static const char *const addrAttrs[] = { "domain", "bus", "slot", "function", NULL };
    xmlNodePtr node;

    if (virXMLCheckChildren(plug, children) < 0 ||
        virXMLPropTristateBool(plug, "managed", VIR_XML_PROP_NONE, &def->managed) < 0)
        return -1;
    if ((node = virConfChild(plug, "driver")) &&
        (virConfCheckElement(node, driverAttrs, NULL) < 0 ||
         virXMLPropEnum(node, "name", virNetworkPortHostdevDriverTypeFromString,
                        VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO, &def->driver) < 0))
        return -1;
    if (!(node = virConfChild(plug, "address"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Missing network port PCI address"));
        return -1;
    }
    if (virConfCheckElement(node, addrAttrs, NULL) < 0 ||
        virXMLPropUInt(node, "domain", 0, VIR_XML_PROP_NONE, &def->pciDomain) < 0 ||
        virXMLPropUInt(node, "bus", 0, VIR_XML_PROP_REQUIRED, &def->pciBus) < 0 ||
        virXMLPropUInt(node, "slot", 0, VIR_XML_PROP_REQUIRED, &def->pciSlot) < 0 ||
        virXMLPropUInt(node, "function", 0, VIR_XML_PROP_REQUIRED, &def->pciFunction) < 0)
        return -1;
    return 0;
}


static int
virNetworkPortPlugParseXML(xmlNodePtr node, virNetworkPortDef *def)
{
    static const char *const bridgeAttrs[] = { "type", "bridge", "macTableManager", NULL };
    static const char *const directAttrs[] = { "type", "dev", "mode", NULL };
    static const char *const pciAttrs[] = { "type", "managed", NULL };

    if (virXMLPropEnum(node, "type", virNetworkPortPlugTypeFromString,
                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO, &def->plugtype) < 0)
        return -1;
    switch ((virNetworkPortPlugType)def->plugtype) {
    case VIR_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        if (virConfCheckElement(node, bridgeAttrs, NULL) < 0 ||
            virXMLPropEnum(node, "macTableManager",
                           virNetworkPortMacTableManagerTypeFromString,
                           VIR_XML_PROP_NONZERO, &def->macTableManager) < 0)
            return -1;
        if (!(def->brname = virXMLPropString(node, "bridge"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Missing network port bridge name"));
            return -1;
        }
        return 0;
    case VIR_NETWORK_PORT_PLUG_TYPE_DIRECT:
        if (virConfCheckElement(node, directAttrs, NULL) < 0 ||
            virXMLPropEnum(node, "mode", virNetworkPortDirectModeTypeFromString,
                           VIR_XML_PROP_NONE, &def->directMode) < 0)
            return -1;
        if (!(def->linkdev = virXMLPropString(node, "dev"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Missing network port link device name"));
            return -1;
        }
        return 0;
    case VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (virXMLCheckAttributes(node, pciAttrs) < 0)
            return -1;
        return virNetworkPortPCIParseXML(node, def);
    case VIR_NETWORK_PORT_PLUG_TYPE_NONE:
    case VIR_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }
    return 0;
}


static void
virNetworkPortPlugFormat(virBuffer *buf, const virNetworkPortDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (def->plugtype == VIR_NETWORK_PORT_PLUG_TYPE_NONE)
        return;
    virBufferAsprintf(&attrs, " type='%s'", virNetworkPortPlugTypeToString(def->plugtype));
    switch ((virNetworkPortPlugType)def->plugtype) {
    case VIR_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        virBufferEscapeString(&attrs, " bridge='%s'", def->brname);
        if (def->macTableManager)
            virBufferAsprintf(&attrs, " macTableManager='%s'",
                              virNetworkPortMacTableManagerTypeToString(def->macTableManager));
        break;
    case VIR_NETWORK_PORT_PLUG_TYPE_DIRECT:
        virBufferEscapeString(&attrs, " dev='%s'", def->linkdev);
        virBufferAsprintf(&attrs, " mode='%s'",
                          virNetworkPortDirectModeTypeToString(def->directMode));
        break;
    case VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        if (def->managed)
            virBufferAsprintf(&attrs, " managed='%s'",
                              virTristateBoolTypeToString(def->managed));
        if (def->driver)
            virBufferAsprintf(&children, "<driver name='%s'/>\n",
                              virNetworkPortHostdevDriverTypeToString(def->driver));
        virBufferAsprintf(&children,
                          "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                          def->pciDomain, def->pciBus, def->pciSlot, def->pciFunction);
        break;
    case VIR_NETWORK_PORT_PLUG_TYPE_NONE:
    case VIR_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }
    virXMLFormatElement(buf, "plug", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static void
virNetworkPortRateValidate(const virNetworkPortRate *rate, const char *path,
                           bool inbound, virConfViolations *v)
{
    if (!rate->set)
        return;
    if (!rate->average && !(inbound && rate->floor))
        virConfViolationAdd(v, path, "%s",
                            inbound ? _("Missing mandatory average or floor attributes")
                                    : _("Missing mandatory average attribute"));
    if (rate->peak && rate->average && rate->peak < rate->average)
        virConfViolationAdd(v, path, _("peak %1$llu is below average %2$llu"),
                            rate->peak, rate->average);
    if (rate->burst && !rate->average)
        virConfViolationAdd(v, path, "%s", _("burst needs an average rate"));
}


/**
 * virNetworkPortDefValidate:
 * @def: a parsed network port definition
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violated
 * rule with the path of its element.
 */
int
virNetworkPortDefValidate(const virNetworkPortDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();

    if (g_ascii_xdigit_value(def->mac[1]) & 1)
        virConfViolationAdd(v, "/networkport/mac",
                            _("expected unicast mac address, found multicast '%1$s'"),
                            def->mac);
    virNetworkPortRateValidate(&def->inbound, "/networkport/bandwidth/inbound", true, v);
    virNetworkPortRateValidate(&def->outbound, "/networkport/bandwidth/outbound", false, v);
    if (def->plugtype == VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) {
        if (def->pciDomain > 0xffff || def->pciBus > 0xff || def->pciSlot > 0x1f ||
            def->pciFunction > 7)
            virConfViolationAdd(v, "/networkport/plug/address",
                                _("PCI address %1$x:%2$x:%3$x.%4$x is out of range"),
                                def->pciDomain, def->pciBus, def->pciSlot,
                                def->pciFunction);
    }
    /* a floor is guaranteed by the network's QoS tree, which only a
     * bridge has */
    if ((def->plugtype == VIR_NETWORK_PORT_PLUG_TYPE_DIRECT ||
         def->plugtype == VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI) &&
        def->inbound.floor)
        virConfViolationAdd(v, "/networkport/bandwidth/inbound", "%s",
                            _("floor needs a port plugged into a network or bridge"));
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


/* ------------------------------------------------------------------ */
/* <networkport>                                                       */
/* ------------------------------------------------------------------ */

static int
virNetworkPortOptionsParseXML(xmlNodePtr root, virNetworkPortDef *def)
{
    static const char *const portAttrs[] = { "isolated", NULL };
    static const char *const rxAttrs[] = { "trustGuest", NULL };
    xmlNodePtr node;

    if ((node = virConfChild(root, "port")) &&
        (virConfCheckElement(node, portAttrs, NULL) < 0 ||
         virXMLPropTristateBool(node, "isolated", VIR_XML_PROP_NONE,
                                &def->isolatedPort) < 0))
        return -1;
    if ((node = virConfChild(root, "rxfilters")) &&
        (virConfCheckElement(node, rxAttrs, NULL) < 0 ||
         virXMLPropTristateBool(node, "trustGuest", VIR_XML_PROP_REQUIRED,
                                &def->trustGuestRxFilters) < 0))
        return -1;
    return 0;
}


static virNetworkPortDef *
virNetworkPortDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const children[] = { "uuid", "owner", "group", "mac",
                                            "bandwidth", "port", "rxfilters",
                                            "plug", NULL };
    g_autoptr(virNetworkPortDef) def = g_new0(virNetworkPortDef, 1);
    g_autofree char *uuid = NULL;
    xmlNodePtr node;

    if (virConfCheckElement(root, NULL, children) < 0 ||
        virConfChildText(root, "uuid", &uuid) < 0 ||
        virConfChildText(root, "group", &def->group) < 0)
        return NULL;
    if (!uuid) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("network port has no uuid"));
        return NULL;
    }
    if (virConfParseUUID(uuid, "networkport", def->uuid) < 0)
        return NULL;
    if (!(node = virConfChild(root, "owner"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("network port has no owner"));
        return NULL;
    }
    if (virNetworkPortOwnerParseXML(node, def) < 0)
        return NULL;
    if (!(node = virConfChild(root, "mac"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("network port has no mac"));
        return NULL;
    }
    if (virNetworkPortMACParseXML(node, def) < 0 ||
        ((node = virConfChild(root, "bandwidth")) &&
         virNetworkPortBandwidthParseXML(node, def) < 0) ||
        virNetworkPortOptionsParseXML(root, def) < 0 ||
        ((node = virConfChild(root, "plug")) &&
         virNetworkPortPlugParseXML(node, def) < 0))
        return NULL;

    if (!(flags & VIR_NETWORK_PORT_DEF_PARSE_SKIP_VALIDATE) &&
        virNetworkPortDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virNetworkPortDef *
virNetworkPortDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(networkport_definition)"),
                            "networkport", &ctxt, VIR_FROM_NETWORK)))
        return NULL;
    return virNetworkPortDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virNetworkPortDefParseString:
 * @xml: a <networkport> document
 * @flags: virNetworkPortDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNetworkPortDef *
virNetworkPortDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_PORT_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNetworkPortDefParse(xml, NULL, flags);
}


/**
 * virNetworkPortDefParseFile:
 * @filename: a file holding a <networkport> document
 * @flags: virNetworkPortDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNetworkPortDef *
virNetworkPortDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_PORT_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNetworkPortDefParse(NULL, filename, flags);
}


/**
 * virNetworkPortDefFormat:
 * @def: the network port definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's net-port-dumpxml prints it
 * (caller frees); never NULL.
 */
char *
virNetworkPortDefFormat(const virNetworkPortDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    (void)flags;
    virBufferAddLit(&buf, "<networkport>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virNetworkPortOwnerFormat(&buf, def);
    virBufferEscapeString(&buf, "<group>%s</group>\n", def->group);
    virBufferEscapeString(&buf, "<mac address='%s'/>\n", def->mac);
    virNetworkPortBandwidthFormat(&buf, def);
    if (def->isolatedPort)
        virBufferAsprintf(&buf, "<port isolated='%s'/>\n",
                          virTristateBoolTypeToString(def->isolatedPort));
    if (def->trustGuestRxFilters)
        virBufferAsprintf(&buf, "<rxfilters trustGuest='%s'/>\n",
                          virTristateBoolTypeToString(def->trustGuestRxFilters));
    virNetworkPortPlugFormat(&buf, def);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</networkport>\n");
    return virBufferContentAndReset(&buf);
}
