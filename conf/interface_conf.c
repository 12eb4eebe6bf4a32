/*
 * interface_conf.c: parse and format <interface> XML (host interfaces)
 * as libvirt 9.0 does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <arpa/inet.h>

#include "internal.h"
#include "virerror.h"
#include "virbuffer.h"
#include "virstring.h"
#include "virconfxml.h"
#include "interface_conf.h"

#define VIR_FROM_THIS VIR_FROM_INTERFACE

VIR_ENUM_IMPL(virInterface, VIR_INTERFACE_TYPE_LAST,
    [VIR_INTERFACE_TYPE_ETHERNET] = "ethernet",
    [VIR_INTERFACE_TYPE_BRIDGE] = "bridge",
    [VIR_INTERFACE_TYPE_BOND] = "bond",
    [VIR_INTERFACE_TYPE_VLAN] = "vlan",
);

VIR_ENUM_IMPL(virInterfaceStartMode, VIR_INTERFACE_START_LAST,
    [VIR_INTERFACE_START_UNSPECIFIED] = "default",
    [VIR_INTERFACE_START_NONE] = "none",
    [VIR_INTERFACE_START_ONBOOT] = "onboot",
    [VIR_INTERFACE_START_HOTPLUG] = "hotplug",
);

VIR_ENUM_IMPL(virInterfaceBondMode, VIR_INTERFACE_BOND_LAST,
    [VIR_INTERFACE_BOND_NONE] = "default",
    [VIR_INTERFACE_BOND_BALRR] = "balance-rr",
    [VIR_INTERFACE_BOND_ABACKUP] = "active-backup",
    [VIR_INTERFACE_BOND_BALXOR] = "balance-xor",
    [VIR_INTERFACE_BOND_BCAST] = "broadcast",
    [VIR_INTERFACE_BOND_8023AD] = "802.3ad",
    [VIR_INTERFACE_BOND_BALTLB] = "balance-tlb",
    [VIR_INTERFACE_BOND_BALALB] = "balance-alb",
);

VIR_ENUM_IMPL(virInterfaceBondMiiCarrier, VIR_INTERFACE_BOND_MII_LAST,
    [VIR_INTERFACE_BOND_MII_NONE] = "default",
    [VIR_INTERFACE_BOND_MII_IOCTL] = "ioctl",
    [VIR_INTERFACE_BOND_MII_NETIF] = "netif",
);

/* "none" is refused like libvirt 9.0 does ("unknown arp bonding
 * validate none"), although its schema lists it */
VIR_ENUM_IMPL(virInterfaceBondArpValid, VIR_INTERFACE_BOND_ARP_LAST,
    [VIR_INTERFACE_BOND_ARP_NONE] = "none",
    [VIR_INTERFACE_BOND_ARP_ACTIVE] = "active",
    [VIR_INTERFACE_BOND_ARP_BACKUP] = "backup",
    [VIR_INTERFACE_BOND_ARP_ALL] = "all",
);

VIR_ENUM_IMPL(virInterfaceLinkState, VIR_INTERFACE_LINK_STATE_LAST,
    [VIR_INTERFACE_LINK_STATE_DEFAULT] = "default",
    [VIR_INTERFACE_LINK_STATE_UNKNOWN] = "unknown",
    [VIR_INTERFACE_LINK_STATE_NOT_PRESENT] = "notpresent",
    [VIR_INTERFACE_LINK_STATE_DOWN] = "down",
    [VIR_INTERFACE_LINK_STATE_LOWER_LAYER_DOWN] = "lowerlayerdown",
    [VIR_INTERFACE_LINK_STATE_TESTING] = "testing",
    [VIR_INTERFACE_LINK_STATE_DORMANT] = "dormant",
    [VIR_INTERFACE_LINK_STATE_UP] = "up",
);

VIR_ENUM_IMPL(virInterfaceFamily, VIR_INTERFACE_FAMILY_LAST,
    [VIR_INTERFACE_FAMILY_IPV4] = "ipv4",
    [VIR_INTERFACE_FAMILY_IPV6] = "ipv6",
);


static void
virInterfaceProtocolDefClear(virInterfaceProtocolDef *proto)
{
    size_t i;

    for (i = 0; i < proto->nips; i++)
        g_free(proto->ips[i].address);
    g_free(proto->ips);
    g_free(proto->gateway);
}


/**
 * virInterfaceDefFree:
 * @def: an interface definition, may be NULL
 *
 * Frees @def with its member interfaces.
 */
void
virInterfaceDefFree(virInterfaceDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->mac);
    for (i = 0; i < def->nprotos; i++)
        virInterfaceProtocolDefClear(&def->protos[i]);
    g_free(def->protos);
    g_free(def->delay);
    g_free(def->target);
    g_free(def->tag);
    g_free(def->vlanDev);
    for (i = 0; i < def->nitfs; i++)
        virInterfaceDefFree(def->itfs[i]);
    g_free(def->itfs);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* <protocol>                                                          */
/* ------------------------------------------------------------------ */

static int
virInterfaceIPDefParseXML(xmlNodePtr node, virInterfaceIPDef *ip)
{
    static const char *const attrs[] = { "address", "prefix", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        !(ip->address = virXMLPropStringRequired(node, "address")) ||
        virXMLPropUInt(node, "prefix", 10, VIR_XML_PROP_NONE, &ip->prefix) < 0)
        return -1;
    return 0;
}


static int
virInterfaceProtocolDefParseXML(xmlNodePtr node, virInterfaceProtocolDef *proto)
{
    static const char *const attrs[] = { "family", NULL };
    static const char *const v4[] = { "dhcp", "ip", "route", NULL };
    static const char *const v6[] = { "autoconf", "dhcp", "ip", "route", NULL };
    static const char *const dhcpAttrs[] = { "peerdns", NULL };
    static const char *const routeAttrs[] = { "gateway", NULL };
    g_autofree xmlNodePtr *ips = NULL;
    xmlNodePtr child;
    size_t i;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLPropEnum(node, "family", virInterfaceFamilyTypeFromString,
                       VIR_XML_PROP_REQUIRED, (unsigned int *)&proto->family) < 0 ||
        virXMLCheckChildren(node, proto->family == VIR_INTERFACE_FAMILY_IPV6 ?
                            v6 : v4) < 0)
        return -1;
    if ((child = virConfChild(node, "autoconf"))) {
        if (virConfCheckElement(child, NULL, NULL) < 0)
            return -1;
        proto->autoconf = true;
    }
    if ((child = virConfChild(node, "dhcp"))) {
        if (virConfCheckElement(child, dhcpAttrs, NULL) < 0 ||
            virXMLPropTristateBool(child, "peerdns", VIR_XML_PROP_NONE,
                                   &proto->peerdns) < 0)
            return -1;
        proto->dhcp = true;
    }
    proto->nips = virConfChildren(node, "ip", &ips);
    proto->ips = g_new0(virInterfaceIPDef, proto->nips);
    for (i = 0; i < proto->nips; i++) {
        if (virInterfaceIPDefParseXML(ips[i], &proto->ips[i]) < 0)
            return -1;
    }
    if ((child = virConfChild(node, "route")) &&
        (virConfCheckElement(child, routeAttrs, NULL) < 0 ||
         !(proto->gateway = virXMLPropStringRequired(child, "gateway"))))
        return -1;
    return 0;
}


static void
virInterfaceProtocolDefFormat(virBuffer *buf, const virInterfaceProtocolDef *proto)
{
    size_t i;

    virBufferAsprintf(buf, "<protocol family='%s'>\n",
                      virInterfaceFamilyTypeToString(proto->family));
    virBufferAdjustIndent(buf, 2);
    if (proto->autoconf)
        virBufferAddLit(buf, "<autoconf/>\n");
    if (proto->dhcp) {
        if (proto->peerdns)
            virBufferAsprintf(buf, "<dhcp peerdns='%s'/>\n",
                              virTristateBoolTypeToString(proto->peerdns));
        else
            virBufferAddLit(buf, "<dhcp/>\n");
    }
    for (i = 0; i < proto->nips; i++) {
        virBufferEscapeString(buf, "<ip address='%s'", proto->ips[i].address);
        if (proto->ips[i].prefix)
            virBufferAsprintf(buf, " prefix='%u'", proto->ips[i].prefix);
        virBufferAddLit(buf, "/>\n");
    }
    virBufferEscapeString(buf, "<route gateway='%s'/>\n", proto->gateway);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</protocol>\n");
}


/* ------------------------------------------------------------------ */
/* <start>, <mtu>, <link>, <mac>                                       */
/* ------------------------------------------------------------------ */

static bool
virInterfaceMACIsValid(const char *mac)
{
    size_t i;

    if (strlen(mac) != 17)
        return false;
    for (i = 0; i < 17; i++) {
        if (i % 3 == 2 ? mac[i] != ':' : !g_ascii_isxdigit(mac[i]))
            return false;
    }
    return true;
}


static int
virInterfaceBasicsParseXML(xmlNodePtr root, virInterfaceDef *def)
{
    static const char *const startAttrs[] = { "mode", NULL };
    static const char *const mtuAttrs[] = { "size", NULL };
    static const char *const linkAttrs[] = { "speed", "state", NULL };
    static const char *const macAttrs[] = { "address", NULL };
    xmlNodePtr node;

    if ((node = virConfChild(root, "start")) &&
        (virConfCheckElement(node, startAttrs, NULL) < 0 ||
         virXMLPropEnum(node, "mode", virInterfaceStartModeTypeFromString,
                        VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                        (unsigned int *)&def->startmode) < 0))
        return -1;
    if ((node = virConfChild(root, "mtu")) &&
        (virConfCheckElement(node, mtuAttrs, NULL) < 0 ||
         virXMLPropUInt(node, "size", 10,
                        VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                        &def->mtu) < 0))
        return -1;
    if ((node = virConfChild(root, "link")) &&
        (virConfCheckElement(node, linkAttrs, NULL) < 0 ||
         virXMLPropUInt(node, "speed", 10, VIR_XML_PROP_NONE, &def->linkSpeed) < 0 ||
         virXMLPropEnum(node, "state", virInterfaceLinkStateTypeFromString,
                        VIR_XML_PROP_NONZERO, &def->linkState) < 0))
        return -1;
    if ((node = virConfChild(root, "mac"))) {
        if (virConfCheckElement(node, macAttrs, NULL) < 0 ||
            !(def->mac = virXMLPropStringRequired(node, "address")))
            return -1;
        if (!virInterfaceMACIsValid(def->mac)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unable to parse mac address '%1$s'"), def->mac);
            return -1;
        }
    }
    return 0;
}


/* The order libvirt 9.0 writes these in, whatever the input order. */
static void
virInterfaceBasicsFormat(virBuffer *buf, const virInterfaceDef *def)
{
    size_t i;

    if (def->startmode)
        virBufferAsprintf(buf, "<start mode='%s'/>\n",
                          virInterfaceStartModeTypeToString(def->startmode));
    if (def->mtu)
        virBufferAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    for (i = 0; i < def->nprotos; i++)
        virInterfaceProtocolDefFormat(buf, &def->protos[i]);
    if (def->linkSpeed || def->linkState) {
        virBufferAddLit(buf, "<link");
        if (def->linkSpeed)
            virBufferAsprintf(buf, " speed='%u'", def->linkSpeed);
        if (def->linkState)
            virBufferAsprintf(buf, " state='%s'",
                              virInterfaceLinkStateTypeToString(def->linkState));
        virBufferAddLit(buf, "/>\n");
    }
    virBufferEscapeString(buf, "<mac address='%s'/>\n", def->mac);
}


/* ------------------------------------------------------------------ */
/* <bridge>, <bond>, <vlan>                                            */
/* ------------------------------------------------------------------ */

static virInterfaceDef *
virInterfaceDefParseNode(xmlNodePtr root, int parentType);
static void
virInterfaceDefDevFormat(virBuffer *buf, const virInterfaceDef *def);


static int
virInterfaceMembersParseXML(xmlNodePtr node, virInterfaceDef *def)
{
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(node, "interface", &nodes);
    size_t i;

    def->itfs = g_new0(virInterfaceDef *, n);
    for (i = 0; i < n; i++) {
        if (!(def->itfs[i] = virInterfaceDefParseNode(nodes[i], def->type)))
            return -1;
        def->nitfs++;
    }
    return 0;
}


static int
virInterfaceBridgeParseXML(xmlNodePtr node, virInterfaceDef *def)
{
    static const char *const attrs[] = { "stp", "delay", NULL };
    static const char *const children[] = { "interface", NULL };

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateSwitch(node, "stp", VIR_XML_PROP_NONE, &def->stp) < 0)
        return -1;
    def->delay = virXMLPropString(node, "delay");
    return virInterfaceMembersParseXML(node, def);
}


static void
virInterfaceBridgeFormat(virBuffer *buf, const virInterfaceDef *def)
{
    size_t i;

    virBufferAddLit(buf, "<bridge");
    if (def->stp)
        virBufferAsprintf(buf, " stp='%s'", virTristateSwitchTypeToString(def->stp));
    virBufferEscapeString(buf, " delay='%s'", def->delay);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < def->nitfs; i++)
        virInterfaceDefDevFormat(buf, def->itfs[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</bridge>\n");
}


static int
virInterfaceBondMonitorParseXML(xmlNodePtr node, virInterfaceDef *def)
{
    static const char *const miiAttrs[] = { "freq", "updelay", "downdelay",
                                            "carrier", NULL };
    static const char *const arpAttrs[] = { "interval", "target", "validate", NULL };
    xmlNodePtr mii = virConfChild(node, "miimon");
    xmlNodePtr arp = virConfChild(node, "arpmon");

    if (mii) {
        def->monit = VIR_INTERFACE_BOND_MONIT_MII;
        if (virConfCheckElement(mii, miiAttrs, NULL) < 0 ||
            virXMLPropUInt(mii, "freq", 10, VIR_XML_PROP_REQUIRED, &def->freq) < 0 ||
            virXMLPropUInt(mii, "updelay", 10, VIR_XML_PROP_NONE, &def->updelay) < 0 ||
            virXMLPropUInt(mii, "downdelay", 10, VIR_XML_PROP_NONE, &def->downdelay) < 0 ||
            virXMLPropEnum(mii, "carrier", virInterfaceBondMiiCarrierTypeFromString,
                           VIR_XML_PROP_NONZERO, &def->carrier) < 0)
            return -1;
    }
    if (arp) {
        /* both present is a rule of virInterfaceDefValidate() */
        if (!mii)
            def->monit = VIR_INTERFACE_BOND_MONIT_ARP;
        if (virConfCheckElement(arp, arpAttrs, NULL) < 0 ||
            virXMLPropUInt(arp, "interval", 10, VIR_XML_PROP_REQUIRED,
                           &def->interval) < 0 ||
            !(def->target = virXMLPropStringRequired(arp, "target")) ||
            virXMLPropEnum(arp, "validate", virInterfaceBondArpValidTypeFromString,
                           VIR_XML_PROP_NONZERO, &def->validate) < 0)
            return -1;
    }
    return 0;
}


static int
virInterfaceBondParseXML(xmlNodePtr node, virInterfaceDef *def)
{
    static const char *const attrs[] = { "mode", NULL };
    static const char *const children[] = { "miimon", "arpmon", "interface", NULL };

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "mode", virInterfaceBondModeTypeFromString,
                       VIR_XML_PROP_NONZERO, &def->bondMode) < 0 ||
        virInterfaceBondMonitorParseXML(node, def) < 0)
        return -1;
    return virInterfaceMembersParseXML(node, def);
}


static void
virInterfaceBondFormat(virBuffer *buf, const virInterfaceDef *def)
{
    size_t i;

    virBufferAddLit(buf, "<bond");
    if (def->bondMode)
        virBufferAsprintf(buf, " mode='%s'",
                          virInterfaceBondModeTypeToString(def->bondMode));
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    if (def->monit == VIR_INTERFACE_BOND_MONIT_MII) {
        virBufferAsprintf(buf, "<miimon freq='%u'", def->freq);
        if (def->downdelay)
            virBufferAsprintf(buf, " downdelay='%u'", def->downdelay);
        if (def->updelay)
            virBufferAsprintf(buf, " updelay='%u'", def->updelay);
        if (def->carrier)
            virBufferAsprintf(buf, " carrier='%s'",
                              virInterfaceBondMiiCarrierTypeToString(def->carrier));
        virBufferAddLit(buf, "/>\n");
    } else if (def->monit == VIR_INTERFACE_BOND_MONIT_ARP) {
        virBufferAsprintf(buf, "<arpmon interval='%u'", def->interval);
        virBufferEscapeString(buf, " target='%s'", def->target);
        if (def->validate)
            virBufferAsprintf(buf, " validate='%s'",
                              virInterfaceBondArpValidTypeToString(def->validate));
        virBufferAddLit(buf, "/>\n");
    }
    for (i = 0; i < def->nitfs; i++)
        virInterfaceDefDevFormat(buf, def->itfs[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</bond>\n");
}


static int
virInterfaceVlanParseXML(xmlNodePtr node, virInterfaceDef *def)
{
    static const char *const attrs[] = { "tag", NULL };
    static const char *const children[] = { "interface", NULL };
    static const char *const devAttrs[] = { "name", NULL };
    g_autofree xmlNodePtr *devs = NULL;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(def->tag = virXMLPropStringRequired(node, "tag")))
        return -1;
    if (virConfChildren(node, "interface", &devs) != 1) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("vlan interface '%1$s' needs exactly one parent <interface>"),
                       def->name);
        return -1;
    }
    if (virConfCheckElement(devs[0], devAttrs, NULL) < 0 ||
        !(def->vlanDev = virXMLPropStringRequired(devs[0], "name")))
        return -1;
    return 0;
}


static void
virInterfaceVlanFormat(virBuffer *buf, const virInterfaceDef *def)
{
    virBufferEscapeString(buf, "<vlan tag='%s'>\n", def->tag);
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<interface name='%s'/>\n", def->vlanDev);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</vlan>\n");
}


/* ------------------------------------------------------------------ */
/* <interface>                                                         */
/* ------------------------------------------------------------------ */

/* The children an interface of @type may have inside a parent of
 * @parentType (VIR_INTERFACE_TYPE_LAST at the top): libvirt 9.0 reads
 * start, mtu and protocol only at the top, and no link of a bridge or
 * of a bridge's ethernet member; anything it would ignore is an error. */
static const char *const *
virInterfaceKnownChildren(int type, int parentType)
{
    static const char *const ethTop[] = { "start", "mtu", "protocol", "link", "mac", NULL };
    static const char *const ethInBridge[] = { "mac", NULL };
    static const char *const ethInBond[] = { "link", "mac", NULL };
    static const char *const bridgeTop[] = { "start", "mtu", "protocol", "bridge", NULL };
    static const char *const bondTop[] = { "start", "mtu", "protocol", "link", "bond", NULL };
    static const char *const bondIn[] = { "link", "bond", NULL };
    static const char *const vlanTop[] = { "start", "mtu", "protocol", "link", "vlan", NULL };
    static const char *const vlanIn[] = { "link", "vlan", NULL };
    bool top = parentType == VIR_INTERFACE_TYPE_LAST;

    switch ((virInterfaceType)type) {
    case VIR_INTERFACE_TYPE_ETHERNET:
        if (top)
            return ethTop;
        return parentType == VIR_INTERFACE_TYPE_BRIDGE ? ethInBridge : ethInBond;
    case VIR_INTERFACE_TYPE_BRIDGE:
        return bridgeTop;
    case VIR_INTERFACE_TYPE_BOND:
        return top ? bondTop : bondIn;
    case VIR_INTERFACE_TYPE_VLAN:
    case VIR_INTERFACE_TYPE_LAST:
        break;
    }
    return top ? vlanTop : vlanIn;
}


/* Whether a member of @type may sit in a parent of @parentType. */
static bool
virInterfaceNestingAllowed(int type, int parentType)
{
    switch (parentType) {
    case VIR_INTERFACE_TYPE_LAST:
        return true;
    case VIR_INTERFACE_TYPE_BRIDGE:
        return type != VIR_INTERFACE_TYPE_BRIDGE;
    case VIR_INTERFACE_TYPE_BOND:
        return type == VIR_INTERFACE_TYPE_ETHERNET;
    }
    return false;
}


static int
virInterfaceProtocolsParseXML(xmlNodePtr root, virInterfaceDef *def)
{
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(root, "protocol", &nodes);
    size_t i;

    def->protos = g_new0(virInterfaceProtocolDef, n);
    for (i = 0; i < n; i++) {
        def->nprotos++;
        if (virInterfaceProtocolDefParseXML(nodes[i], &def->protos[i]) < 0)
            return -1;
    }
    return 0;
}


static virInterfaceDef *
virInterfaceDefParseNode(xmlNodePtr root, int parentType)
{
    static const char *const attrs[] = { "type", "name", NULL };
    g_autoptr(virInterfaceDef) def = g_new0(virInterfaceDef, 1);
    g_autofree char *type = NULL;
    xmlNodePtr node;

    if (virXMLCheckAttributes(root, attrs) < 0)
        return NULL;
    if (!(type = virXMLPropString(root, "type"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("interface misses the type attribute"));
        return NULL;
    }
    if ((def->type = virInterfaceTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_XML_ERROR, _("unknown interface type %1$s"), type);
        return NULL;
    }
    if (!virInterfaceNestingAllowed(def->type, parentType)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("interface has unsupported type '%1$s'"), type);
        return NULL;
    }
    if (!(def->name = virXMLPropString(root, "name"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("interface has no name"));
        return NULL;
    }
    if (virXMLCheckChildren(root, virInterfaceKnownChildren(def->type, parentType)) < 0 ||
        virInterfaceBasicsParseXML(root, def) < 0 ||
        virInterfaceProtocolsParseXML(root, def) < 0)
        return NULL;

    switch ((virInterfaceType)def->type) {
    case VIR_INTERFACE_TYPE_ETHERNET:
    case VIR_INTERFACE_TYPE_LAST:
        return g_steal_pointer(&def);
    case VIR_INTERFACE_TYPE_BRIDGE:
        if (!(node = virConfChild(root, "bridge"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("bridge interface misses the bridge element"));
            return NULL;
        }
        if (virInterfaceBridgeParseXML(node, def) < 0)
            return NULL;
        break;
    case VIR_INTERFACE_TYPE_BOND:
        if (!(node = virConfChild(root, "bond"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("bond interface misses the bond element"));
            return NULL;
        }
        if (virInterfaceBondParseXML(node, def) < 0)
            return NULL;
        break;
    case VIR_INTERFACE_TYPE_VLAN:
        if (!(node = virConfChild(root, "vlan"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("vlan interface misses the vlan element"));
            return NULL;
        }
        if (virInterfaceVlanParseXML(node, def) < 0)
            return NULL;
        break;
    }
    return g_steal_pointer(&def);
}


/* libvirt 9.0 never writes <interface/> empty: a bare bond member is
 * an open and a close tag. */
static void
virInterfaceDefDevFormat(virBuffer *buf, const virInterfaceDef *def)
{
    virBufferAsprintf(buf, "<interface type='%s'",
                      virInterfaceTypeToString(def->type));
    virBufferEscapeString(buf, " name='%s'", def->name);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    virInterfaceBasicsFormat(buf, def);
    switch ((virInterfaceType)def->type) {
    case VIR_INTERFACE_TYPE_BRIDGE:
        virInterfaceBridgeFormat(buf, def);
        break;
    case VIR_INTERFACE_TYPE_BOND:
        virInterfaceBondFormat(buf, def);
        break;
    case VIR_INTERFACE_TYPE_VLAN:
        virInterfaceVlanFormat(buf, def);
        break;
    case VIR_INTERFACE_TYPE_ETHERNET:
    case VIR_INTERFACE_TYPE_LAST:
        break;
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</interface>\n");
}


/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static bool
virInterfaceAddrIsFamily(const char *addr, int family)
{
    unsigned char raw[16];

    return inet_pton(family == VIR_INTERFACE_FAMILY_IPV6 ? AF_INET6 : AF_INET,
                     addr, raw) == 1;
}


static void
virInterfaceProtocolValidate(const virInterfaceDef *def, size_t idx,
                             const char *base, virConfViolations *v)
{
    const virInterfaceProtocolDef *proto = &def->protos[idx];
    const char *family = virInterfaceFamilyTypeToString(proto->family);
    g_autofree char *path = g_strdup_printf("%s/protocol[%zu]", base, idx + 1);
    unsigned int maxPrefix = proto->family == VIR_INTERFACE_FAMILY_IPV6 ? 128 : 32;
    size_t i;

    for (i = 0; i < idx; i++) {
        if (def->protos[i].family == proto->family)
            virConfViolationAdd(v, path, _("duplicate protocol family '%1$s'"), family);
    }
    for (i = 0; i < proto->nips; i++) {
        const virInterfaceIPDef *ip = &proto->ips[i];
        g_autofree char *ipath = g_strdup_printf("%s/ip[%zu]", path, i + 1);

        if (!virInterfaceAddrIsFamily(ip->address, proto->family))
            virConfViolationAdd(v, ipath, _("address '%1$s' is not an %2$s address"),
                                ip->address, family);
        if (ip->prefix > maxPrefix)
            virConfViolationAdd(v, ipath, _("invalid prefix %1$u, at most %2$u"),
                                ip->prefix, maxPrefix);
    }
    if (proto->gateway && !virInterfaceAddrIsFamily(proto->gateway, proto->family)) {
        g_autofree char *rpath = g_strdup_printf("%s/route", path);

        virConfViolationAdd(v, rpath, _("gateway '%1$s' is not an %2$s address"),
                            proto->gateway, family);
    }
}


static void
virInterfaceBondValidate(const virInterfaceDef *def, const char *path,
                         virConfViolations *v)
{
    g_autofree char *bpath = g_strdup_printf("%s/bond", path);

    if (def->monit == VIR_INTERFACE_BOND_MONIT_MII && def->target)
        virConfViolationAdd(v, bpath, "%s", _("bond has both miimon and arpmon"));
    if (def->target && !virInterfaceAddrIsFamily(def->target, VIR_INTERFACE_FAMILY_IPV4))
        virConfViolationAdd(v, bpath, _("arpmon target '%1$s' is not an ipv4 address"),
                            def->target);
    if (def->nitfs == 0)
        virConfViolationAdd(v, bpath, "%s", _("bond has no interfaces"));
}


static void
virInterfaceDefValidateAt(const virInterfaceDef *def, const char *path,
                          virConfViolations *v)
{
    const char *member = def->type == VIR_INTERFACE_TYPE_BRIDGE ? "bridge" : "bond";
    unsigned int tag;
    size_t i;

    for (i = 0; i < def->nprotos; i++)
        virInterfaceProtocolValidate(def, i, path, v);
    if (def->type == VIR_INTERFACE_TYPE_BOND)
        virInterfaceBondValidate(def, path, v);
    if (def->type == VIR_INTERFACE_TYPE_BRIDGE && def->delay &&
        (!def->delay[0] ||
         strspn(def->delay, "0123456789.") != strlen(def->delay))) {
        g_autofree char *bpath = g_strdup_printf("%s/bridge", path);

        virConfViolationAdd(v, bpath, _("delay '%1$s' is not a number of seconds"),
                            def->delay);
    }
    if (def->type == VIR_INTERFACE_TYPE_VLAN &&
        (virStrToLong_ui(def->tag, NULL, 10, &tag) < 0 || tag > 4095)) {
        g_autofree char *vpath = g_strdup_printf("%s/vlan", path);

        virConfViolationAdd(v, vpath, _("vlan tag '%1$s' is not a number from 0 to 4095"),
                            def->tag);
    }
    for (i = 0; i < def->nitfs; i++) {
        g_autofree char *ipath = g_strdup_printf("%s/%s/interface[%zu]",
                                                 path, member, i + 1);

        virInterfaceDefValidateAt(def->itfs[i], ipath, v);
    }
}


/**
 * virInterfaceDefValidate:
 * @def: a parsed interface definition
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violated
 * rule with the path of its element.
 */
int
virInterfaceDefValidate(const virInterfaceDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();

    virInterfaceDefValidateAt(def, "/interface", v);
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


static virInterfaceDef *
virInterfaceDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(virInterfaceDef) def = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(interface_definition)"),
                            "interface", &ctxt, VIR_FROM_INTERFACE)) ||
        !(def = virInterfaceDefParseNode(xmlDocGetRootElement(xml),
                                         VIR_INTERFACE_TYPE_LAST)))
        return NULL;
    if (!(flags & VIR_INTERFACE_DEF_PARSE_SKIP_VALIDATE) &&
        virInterfaceDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/**
 * virInterfaceDefParseString:
 * @xml: an <interface> document
 * @flags: virInterfaceDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virInterfaceDef *
virInterfaceDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_INTERFACE_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virInterfaceDefParse(xml, NULL, flags);
}


/**
 * virInterfaceDefParseFile:
 * @filename: a file holding an <interface> document
 * @flags: virInterfaceDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virInterfaceDef *
virInterfaceDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_INTERFACE_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virInterfaceDefParse(NULL, filename, flags);
}


/**
 * virInterfaceDefFormat:
 * @def: the interface definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's iface-dumpxml prints it
 * (caller frees); never NULL.
 */
char *
virInterfaceDefFormat(const virInterfaceDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    (void)flags;
    virInterfaceDefDevFormat(&buf, def);
    return virBufferContentAndReset(&buf);
}
