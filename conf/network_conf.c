/*
 * network_conf.c: parse and format <network> XML as libvirt 9.0 does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "network_conf.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_ENUM_IMPL(virNetworkForward, VIR_NETWORK_FORWARD_LAST,
    [VIR_NETWORK_FORWARD_NONE] = "none",
    [VIR_NETWORK_FORWARD_NAT] = "nat",
    [VIR_NETWORK_FORWARD_ROUTE] = "route",
    [VIR_NETWORK_FORWARD_OPEN] = "open",
    [VIR_NETWORK_FORWARD_BRIDGE] = "bridge",
    [VIR_NETWORK_FORWARD_PRIVATE] = "private",
    [VIR_NETWORK_FORWARD_VEPA] = "vepa",
    [VIR_NETWORK_FORWARD_PASSTHROUGH] = "passthrough",
    [VIR_NETWORK_FORWARD_HOSTDEV] = "hostdev",
);

VIR_ENUM_IMPL(virNetworkBridgeMACTableManager,
              VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST,
    [VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_DEFAULT] = "default",
    [VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_KERNEL] = "kernel",
    [VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LIBVIRT] = "libvirt",
);

VIR_ENUM_IMPL(virNetworkDHCPLeaseTimeUnit, VIR_NETWORK_DHCP_LEASE_UNIT_LAST,
    [VIR_NETWORK_DHCP_LEASE_UNIT_SECONDS] = "seconds",
    [VIR_NETWORK_DHCP_LEASE_UNIT_MINUTES] = "minutes",
    [VIR_NETWORK_DHCP_LEASE_UNIT_HOURS] = "hours",
);


static void
virNetworkIPDefClear(virNetworkIPDef *ip)
{
    size_t i;

    g_free(ip->family);
    g_free(ip->address);
    g_free(ip->netmask);
    g_free(ip->tftproot);
    for (i = 0; i < ip->nranges; i++) {
        g_free(ip->ranges[i].start);
        g_free(ip->ranges[i].end);
    }
    g_free(ip->ranges);
    for (i = 0; i < ip->nhosts; i++) {
        g_free(ip->hosts[i].mac);
        g_free(ip->hosts[i].id);
        g_free(ip->hosts[i].name);
        g_free(ip->hosts[i].ip);
    }
    g_free(ip->hosts);
    g_free(ip->bootfile);
    g_free(ip->bootserver);
}


static void
virNetworkDNSDefClear(virNetworkDNSDef *dns)
{
    size_t i;

    for (i = 0; i < dns->nforwarders; i++) {
        g_free(dns->forwarders[i].domain);
        g_free(dns->forwarders[i].addr);
    }
    g_free(dns->forwarders);
    for (i = 0; i < dns->ntxts; i++) {
        g_free(dns->txts[i].name);
        g_free(dns->txts[i].value);
    }
    g_free(dns->txts);
    for (i = 0; i < dns->nhosts; i++) {
        g_free(dns->hosts[i].ip);
        g_strfreev(dns->hosts[i].hostnames);
    }
    g_free(dns->hosts);
    for (i = 0; i < dns->nsrvs; i++) {
        g_free(dns->srvs[i].service);
        g_free(dns->srvs[i].protocol);
        g_free(dns->srvs[i].domain);
        g_free(dns->srvs[i].target);
    }
    g_free(dns->srvs);
}


/**
 * virNetworkDefFree:
 * @def: a network definition, may be NULL
 */
void
virNetworkDefFree(virNetworkDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->forward.dev);
    g_free(def->forward.driverName);
    g_strfreev(def->forward.ifaces);
    g_strfreev(def->forward.pfs);
    g_free(def->forward.natAddrStart);
    g_free(def->forward.natAddrEnd);
    g_free(def->bridge);
    g_free(def->bridgeZone);
    g_free(def->mac);
    g_free(def->domain);
    virNetworkDNSDefClear(&def->dns);
    for (i = 0; i < def->nips; i++)
        virNetworkIPDefClear(&def->ips[i]);
    g_free(def->ips);
    for (i = 0; i < def->nroutes; i++) {
        g_free(def->routes[i].family);
        g_free(def->routes[i].address);
        g_free(def->routes[i].netmask);
        g_free(def->routes[i].gateway);
    }
    g_free(def->routes);
    g_free(def);
}


/**
 * virNetworkDefIsVirtual:
 * @def: a network definition
 *
 * Returns whether libvirt creates the bridge of @def itself.
 */
bool
virNetworkDefIsVirtual(const virNetworkDef *def)
{
    switch ((virNetworkForwardType)def->forward.type) {
    case VIR_NETWORK_FORWARD_NONE:
    case VIR_NETWORK_FORWARD_NAT:
    case VIR_NETWORK_FORWARD_ROUTE:
    case VIR_NETWORK_FORWARD_OPEN:
        return true;
    case VIR_NETWORK_FORWARD_BRIDGE:
    case VIR_NETWORK_FORWARD_PRIVATE:
    case VIR_NETWORK_FORWARD_VEPA:
    case VIR_NETWORK_FORWARD_PASSTHROUGH:
    case VIR_NETWORK_FORWARD_HOSTDEV:
    case VIR_NETWORK_FORWARD_LAST:
        break;
    }
    return false;
}


/* An optional int attribute kept as -1 when absent. */
static int
virNetworkPropOptInt(xmlNodePtr node, const char *name, int *value)
{
    return virXMLPropInt(node, name, 10, VIR_XML_PROP_NONNEGATIVE, value, -1);
}


/* ------------------------------------------------------------------ */
/* <lease>                                                            */

static int
virNetworkDHCPLeaseParseXML(xmlNodePtr node, virNetworkDHCPLeaseDef *lease)
{
    static const char *const attrs[] = { "expiry", "unit", NULL };
    unsigned int unit = VIR_NETWORK_DHCP_LEASE_UNIT_MINUTES;

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropULongLong(node, "expiry", 10, VIR_XML_PROP_REQUIRED,
                            &lease->expiry) < 0 ||
        virXMLPropEnum(node, "unit", virNetworkDHCPLeaseTimeUnitTypeFromString,
                       VIR_XML_PROP_NONE, &unit) < 0)
        return -1;
    lease->unit = unit;
    lease->set = true;
    return 0;
}


static void
virNetworkDHCPLeaseFormat(virBuffer *buf, const virNetworkDHCPLeaseDef *lease)
{
    if (!lease->set)
        return;
    virBufferAsprintf(buf, "<lease expiry='%llu'", lease->expiry);
    /* libvirt leaves the unit out of an infinite lease */
    if (lease->expiry)
        virBufferAsprintf(buf, " unit='%s'",
                          virNetworkDHCPLeaseTimeUnitTypeToString(lease->unit));
    virBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* <dhcp>                                                             */

static int
virNetworkDHCPRangeParseXML(xmlNodePtr node, virNetworkDHCPRange *range)
{
    static const char *const attrs[] = { "start", "end", NULL };
    static const char *const children[] = { "lease", NULL };
    xmlNodePtr lease;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(range->start = virXMLPropStringRequired(node, "start")) ||
        !(range->end = virXMLPropStringRequired(node, "end")))
        return -1;
    if ((lease = virConfChild(node, "lease")) &&
        virNetworkDHCPLeaseParseXML(lease, &range->lease) < 0)
        return -1;
    return 0;
}


static void
virNetworkDHCPRangeFormat(virBuffer *buf, const virNetworkDHCPRange *range)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferEscapeString(&attrs, " start='%s'", range->start);
    virBufferEscapeString(&attrs, " end='%s'", range->end);
    virNetworkDHCPLeaseFormat(&children, &range->lease);
    virXMLFormatElement(buf, "range", &attrs, &children);
}


static int
virNetworkDHCPHostParseXML(xmlNodePtr node, virNetworkDHCPHost *host)
{
    static const char *const attrs[] = { "mac", "id", "name", "ip", NULL };
    static const char *const children[] = { "lease", NULL };
    xmlNodePtr lease;

    if (virConfCheckElement(node, attrs, children) < 0)
        return -1;
    host->mac = virXMLPropString(node, "mac");
    host->id = virXMLPropString(node, "id");
    host->name = virXMLPropString(node, "name");
    host->ip = virXMLPropString(node, "ip");
    if ((lease = virConfChild(node, "lease")) &&
        virNetworkDHCPLeaseParseXML(lease, &host->lease) < 0)
        return -1;
    return 0;
}


static void
virNetworkDHCPHostFormat(virBuffer *buf, const virNetworkDHCPHost *host)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferEscapeString(&attrs, " mac='%s'", host->mac);
    virBufferEscapeString(&attrs, " id='%s'", host->id);
    virBufferEscapeString(&attrs, " name='%s'", host->name);
    virBufferEscapeString(&attrs, " ip='%s'", host->ip);
    virNetworkDHCPLeaseFormat(&children, &host->lease);
    virXMLFormatElement(buf, "host", &attrs, &children);
}


static int
virNetworkDHCPParseXML(xmlNodePtr node, virNetworkIPDef *ip)
{
    static const char *const children[] = { "range", "host", "bootp", NULL };
    static const char *const bootAttrs[] = { "file", "server", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr boot;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    ip->dhcp = true;

    n = virConfChildren(node, "range", &nodes);
    ip->ranges = g_new0(virNetworkDHCPRange, n);
    for (i = 0; i < n; i++) {
        if (virNetworkDHCPRangeParseXML(nodes[i], &ip->ranges[ip->nranges++]) < 0)
            return -1;
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(node, "host", &nodes);
    ip->hosts = g_new0(virNetworkDHCPHost, n);
    for (i = 0; i < n; i++) {
        if (virNetworkDHCPHostParseXML(nodes[i], &ip->hosts[ip->nhosts++]) < 0)
            return -1;
    }

    if ((boot = virConfChild(node, "bootp"))) {
        if (virConfCheckElement(boot, bootAttrs, NULL) < 0 ||
            !(ip->bootfile = virXMLPropStringRequired(boot, "file")))
            return -1;
        ip->bootserver = virXMLPropString(boot, "server");
    }
    return 0;
}


static void
virNetworkDHCPFormat(virBuffer *buf, const virNetworkIPDef *ip)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!ip->nranges && !ip->nhosts && !ip->bootfile)
        return;
    for (i = 0; i < ip->nranges; i++)
        virNetworkDHCPRangeFormat(&children, &ip->ranges[i]);
    for (i = 0; i < ip->nhosts; i++)
        virNetworkDHCPHostFormat(&children, &ip->hosts[i]);
    if (ip->bootfile) {
        virBufferEscapeString(&children, "<bootp file='%s'", ip->bootfile);
        virBufferEscapeString(&children, " server='%s'", ip->bootserver);
        virBufferAddLit(&children, "/>\n");
    }
    virXMLFormatElement(buf, "dhcp", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <ip>                                                               */

static int
virNetworkIPDefParseXML(xmlNodePtr node, virNetworkIPDef *ip)
{
    static const char *const attrs[] = { "family", "address", "netmask",
                                         "prefix", "localPtr", NULL };
    static const char *const children[] = { "tftp", "dhcp", NULL };
    static const char *const tftpAttrs[] = { "root", NULL };
    xmlNodePtr cur;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virNetworkPropOptInt(node, "prefix", &ip->prefix) < 0 ||
        virXMLPropTristateBool(node, "localPtr", VIR_XML_PROP_NONE,
                               &ip->localPtr) < 0)
        return -1;
    ip->family = virXMLPropString(node, "family");
    ip->address = virXMLPropString(node, "address");
    ip->netmask = virXMLPropString(node, "netmask");

    if ((cur = virConfChild(node, "tftp"))) {
        if (virConfCheckElement(cur, tftpAttrs, NULL) < 0 ||
            !(ip->tftproot = virXMLPropStringRequired(cur, "root")))
            return -1;
    }
    if ((cur = virConfChild(node, "dhcp")) &&
        virNetworkDHCPParseXML(cur, ip) < 0)
        return -1;
    return 0;
}


static void
virNetworkIPDefFormat(virBuffer *buf, const virNetworkIPDef *ip)
{
    virBufferAddLit(buf, "<ip");
    virBufferEscapeString(buf, " family='%s'", ip->family);
    virBufferEscapeString(buf, " address='%s'", ip->address);
    virBufferEscapeString(buf, " netmask='%s'", ip->netmask);
    if (ip->prefix >= 0)
        virBufferAsprintf(buf, " prefix='%d'", ip->prefix);
    if (ip->localPtr)
        virBufferAsprintf(buf, " localPtr='%s'",
                          virTristateBoolTypeToString(ip->localPtr));
    /* libvirt 9.0 always writes <ip> open, even with no children */
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<tftp root='%s'/>\n", ip->tftproot);
    virNetworkDHCPFormat(buf, ip);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</ip>\n");
}


/* ------------------------------------------------------------------ */
/* <route>                                                            */

static int
virNetworkRouteDefParseXML(xmlNodePtr node, virNetworkRouteDef *route)
{
    static const char *const attrs[] = { "family", "address", "netmask",
                                         "prefix", "gateway", "metric", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virNetworkPropOptInt(node, "prefix", &route->prefix) < 0 ||
        virNetworkPropOptInt(node, "metric", &route->metric) < 0 ||
        !(route->address = virXMLPropStringRequired(node, "address")) ||
        !(route->gateway = virXMLPropStringRequired(node, "gateway")))
        return -1;
    route->family = virXMLPropString(node, "family");
    route->netmask = virXMLPropString(node, "netmask");
    return 0;
}


static void
virNetworkRouteDefFormat(virBuffer *buf, const virNetworkRouteDef *route)
{
    virBufferAddLit(buf, "<route");
    virBufferEscapeString(buf, " family='%s'", route->family);
    virBufferEscapeString(buf, " address='%s'", route->address);
    virBufferEscapeString(buf, " netmask='%s'", route->netmask);
    if (route->prefix >= 0)
        virBufferAsprintf(buf, " prefix='%d'", route->prefix);
    virBufferEscapeString(buf, " gateway='%s'", route->gateway);
    if (route->metric >= 0)
        virBufferAsprintf(buf, " metric='%d'", route->metric);
    virBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* <dns>                                                              */

static int
virNetworkDNSHostParseXML(xmlNodePtr node, virNetworkDNSHostDef *host)
{
    static const char *const attrs[] = { "ip", NULL };
    static const char *const children[] = { "hostname", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(host->ip = virXMLPropStringRequired(node, "ip")))
        return -1;
    n = virConfChildren(node, "hostname", &nodes);
    host->hostnames = g_new0(char *, n + 1);
    for (i = 0; i < n; i++) {
        if (virConfTextElement(nodes[i], &host->hostnames[i]) < 0)
            return -1;
        if (!host->hostnames[i]) {
            virReportError(VIR_ERR_XML_DETAIL,
                           _("Missing hostname in network '%1$s' DNS HOST record"),
                           host->ip);
            return -1;
        }
    }
    return 0;
}


static int
virNetworkDNSSrvParseXML(xmlNodePtr node, virNetworkDNSSrvDef *srv)
{
    static const char *const attrs[] = { "service", "protocol", "domain",
                                         "target", "port", "priority",
                                         "weight", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virNetworkPropOptInt(node, "port", &srv->port) < 0 ||
        virNetworkPropOptInt(node, "priority", &srv->priority) < 0 ||
        virNetworkPropOptInt(node, "weight", &srv->weight) < 0 ||
        !(srv->service = virXMLPropStringRequired(node, "service")) ||
        !(srv->protocol = virXMLPropStringRequired(node, "protocol")))
        return -1;
    srv->domain = virXMLPropString(node, "domain");
    srv->target = virXMLPropString(node, "target");
    return 0;
}


static int
virNetworkDNSDefParseXML(xmlNodePtr node, virNetworkDNSDef *dns)
{
    static const char *const attrs[] = { "enable", "forwardPlainNames", NULL };
    static const char *const children[] = { "forwarder", "txt", "host",
                                            "srv", NULL };
    static const char *const fwdAttrs[] = { "domain", "addr", NULL };
    static const char *const txtAttrs[] = { "name", "value", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "enable", VIR_XML_PROP_NONE,
                               &dns->enable) < 0 ||
        virXMLPropTristateBool(node, "forwardPlainNames", VIR_XML_PROP_NONE,
                               &dns->forwardPlainNames) < 0)
        return -1;
    dns->present = true;

    n = virConfChildren(node, "forwarder", &nodes);
    dns->forwarders = g_new0(virNetworkDNSForwarder, n);
    for (i = 0; i < n; i++) {
        virNetworkDNSForwarder *fwd = &dns->forwarders[dns->nforwarders++];

        if (virConfCheckElement(nodes[i], fwdAttrs, NULL) < 0)
            return -1;
        fwd->domain = virXMLPropString(nodes[i], "domain");
        fwd->addr = virXMLPropString(nodes[i], "addr");
        if (!fwd->domain && !fwd->addr) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Invalid forwarder element, must contain at least one of addr or domain"));
            return -1;
        }
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(node, "txt", &nodes);
    dns->txts = g_new0(virNetworkDNSTxtDef, n);
    for (i = 0; i < n; i++) {
        virNetworkDNSTxtDef *txt = &dns->txts[dns->ntxts++];

        if (virConfCheckElement(nodes[i], txtAttrs, NULL) < 0 ||
            !(txt->name = virXMLPropStringRequired(nodes[i], "name")))
            return -1;
        txt->value = virXMLPropString(nodes[i], "value");
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(node, "srv", &nodes);
    dns->srvs = g_new0(virNetworkDNSSrvDef, n);
    for (i = 0; i < n; i++) {
        if (virNetworkDNSSrvParseXML(nodes[i], &dns->srvs[dns->nsrvs++]) < 0)
            return -1;
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(node, "host", &nodes);
    dns->hosts = g_new0(virNetworkDNSHostDef, n);
    for (i = 0; i < n; i++) {
        if (virNetworkDNSHostParseXML(nodes[i], &dns->hosts[dns->nhosts++]) < 0)
            return -1;
    }
    return 0;
}


static void
virNetworkDNSDefFormat(virBuffer *buf, const virNetworkDNSDef *dns)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;
    size_t j;

    if (dns->enable)
        virBufferAsprintf(&attrs, " enable='%s'",
                          virTristateBoolTypeToString(dns->enable));
    if (dns->forwardPlainNames)
        virBufferAsprintf(&attrs, " forwardPlainNames='%s'",
                          virTristateBoolTypeToString(dns->forwardPlainNames));

    for (i = 0; i < dns->nforwarders; i++) {
        virBufferAddLit(&children, "<forwarder");
        virBufferEscapeString(&children, " domain='%s'", dns->forwarders[i].domain);
        virBufferEscapeString(&children, " addr='%s'", dns->forwarders[i].addr);
        virBufferAddLit(&children, "/>\n");
    }
    for (i = 0; i < dns->ntxts; i++) {
        virBufferEscapeString(&children, "<txt name='%s'", dns->txts[i].name);
        virBufferEscapeString(&children, " value='%s'", dns->txts[i].value);
        virBufferAddLit(&children, "/>\n");
    }
    for (i = 0; i < dns->nsrvs; i++) {
        const virNetworkDNSSrvDef *srv = &dns->srvs[i];

        virBufferEscapeString(&children, "<srv service='%s'", srv->service);
        virBufferEscapeString(&children, " protocol='%s'", srv->protocol);
        virBufferEscapeString(&children, " domain='%s'", srv->domain);
        virBufferEscapeString(&children, " target='%s'", srv->target);
        if (srv->port >= 0)
            virBufferAsprintf(&children, " port='%d'", srv->port);
        if (srv->priority >= 0)
            virBufferAsprintf(&children, " priority='%d'", srv->priority);
        if (srv->weight >= 0)
            virBufferAsprintf(&children, " weight='%d'", srv->weight);
        virBufferAddLit(&children, "/>\n");
    }
    for (i = 0; i < dns->nhosts; i++) {
        virBufferEscapeString(&children, "<host ip='%s'>\n", dns->hosts[i].ip);
        virBufferAdjustIndent(&children, 2);
        for (j = 0; dns->hosts[i].hostnames[j]; j++)
            virBufferEscapeString(&children, "<hostname>%s</hostname>\n",
                                  dns->hosts[i].hostnames[j]);
        virBufferAdjustIndent(&children, -2);
        virBufferAddLit(&children, "</host>\n");
    }
    virXMLFormatElement(buf, "dns", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <forward>                                                          */

static int
virNetworkForwardNatParseXML(xmlNodePtr node, virNetworkForwardDef *fwd)
{
    static const char *const attrs[] = { "ipv6", NULL };
    static const char *const children[] = { "address", "port", NULL };
    static const char *const addrAttrs[] = { "start", "end", NULL };
    xmlNodePtr cur;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "ipv6", VIR_XML_PROP_NONE,
                               &fwd->natIPv6) < 0)
        return -1;
    fwd->nat = true;
    if ((cur = virConfChild(node, "address"))) {
        if (virConfCheckElement(cur, addrAttrs, NULL) < 0 ||
            !(fwd->natAddrStart = virXMLPropStringRequired(cur, "start")))
            return -1;
        fwd->natAddrEnd = virXMLPropString(cur, "end");
    }
    if ((cur = virConfChild(node, "port"))) {
        if (virConfCheckElement(cur, addrAttrs, NULL) < 0 ||
            virXMLPropUInt(cur, "start", 10, VIR_XML_PROP_REQUIRED,
                           &fwd->natPortStart) < 0 ||
            virXMLPropUInt(cur, "end", 10, VIR_XML_PROP_NONE,
                           &fwd->natPortEnd) < 0)
            return -1;
    }
    return 0;
}


static void
virNetworkForwardNatFormat(virBuffer *buf, const virNetworkForwardDef *fwd)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (fwd->natIPv6)
        virBufferAsprintf(&attrs, " ipv6='%s'",
                          virTristateBoolTypeToString(fwd->natIPv6));
    if (fwd->natAddrStart) {
        virBufferEscapeString(&children, "<address start='%s'", fwd->natAddrStart);
        virBufferEscapeString(&children, " end='%s'", fwd->natAddrEnd);
        virBufferAddLit(&children, "/>\n");
    }
    if (fwd->natPortStart || fwd->natPortEnd) {
        virBufferAsprintf(&children, "<port start='%u'", fwd->natPortStart);
        if (fwd->natPortEnd)
            virBufferAsprintf(&children, " end='%u'", fwd->natPortEnd);
        virBufferAddLit(&children, "/>\n");
    }
    virXMLFormatElement(buf, "nat", &attrs, &children);
}


/* The dev='...' attributes of the children @name of @node. */
static int
virNetworkForwardDevsParseXML(xmlNodePtr node, const char *name, GStrv *devs)
{
    static const char *const attrs[] = { "dev", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(node, name, &nodes);
    size_t i;

    *devs = g_new0(char *, n + 1);
    for (i = 0; i < n; i++) {
        if (virConfCheckElement(nodes[i], attrs, NULL) < 0 ||
            !((*devs)[i] = virXMLPropStringRequired(nodes[i], "dev")))
            return -1;
    }
    return 0;
}


static int
virNetworkForwardDefParseXML(xmlNodePtr node, virNetworkForwardDef *fwd)
{
    static const char *const attrs[] = { "mode", "dev", "managed", NULL };
    static const char *const children[] = { "nat", "interface", "pf",
                                            "driver", NULL };
    static const char *const driverAttrs[] = { "name", NULL };
    xmlNodePtr cur;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "mode", virNetworkForwardTypeFromString,
                       VIR_XML_PROP_NONE, &fwd->type) < 0 ||
        virXMLPropTristateBool(node, "managed", VIR_XML_PROP_NONE,
                               &fwd->managed) < 0)
        return -1;
    /* <forward/> without a mode means nat */
    if (!xmlHasProp(node, BAD_CAST "mode"))
        fwd->type = VIR_NETWORK_FORWARD_NAT;
    fwd->present = true;
    fwd->dev = virXMLPropString(node, "dev");

    if ((cur = virConfChild(node, "driver"))) {
        if (virConfCheckElement(cur, driverAttrs, NULL) < 0 ||
            !(fwd->driverName = virXMLPropStringRequired(cur, "name")))
            return -1;
    }
    if ((cur = virConfChild(node, "nat")) &&
        virNetworkForwardNatParseXML(cur, fwd) < 0)
        return -1;
    if (virNetworkForwardDevsParseXML(node, "pf", &fwd->pfs) < 0 ||
        virNetworkForwardDevsParseXML(node, "interface", &fwd->ifaces) < 0)
        return -1;

    /* libvirt records a lone dev='...' as the first interface */
    if (fwd->dev && !fwd->ifaces[0] && !fwd->pfs[0] &&
        fwd->type != VIR_NETWORK_FORWARD_HOSTDEV) {
        g_strfreev(fwd->ifaces);
        fwd->ifaces = g_new0(char *, 2);
        fwd->ifaces[0] = g_strdup(fwd->dev);
    }
    /* and names the first interface as dev when none was given */
    if (!fwd->dev && fwd->ifaces[0] && fwd->type != VIR_NETWORK_FORWARD_HOSTDEV)
        fwd->dev = g_strdup(fwd->ifaces[0]);
    return 0;
}


static void
virNetworkForwardDefFormat(virBuffer *buf, const virNetworkForwardDef *fwd)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!fwd->present)
        return;
    virBufferEscapeString(&attrs, " dev='%s'", fwd->dev);
    virBufferAsprintf(&attrs, " mode='%s'",
                      virNetworkForwardTypeToString(fwd->type));
    if (fwd->managed)
        virBufferAsprintf(&attrs, " managed='%s'",
                          virTristateBoolTypeToString(fwd->managed));
    virBufferEscapeString(&children, "<driver name='%s'/>\n", fwd->driverName);
    if (fwd->nat)
        virNetworkForwardNatFormat(&children, fwd);
    for (i = 0; fwd->pfs && fwd->pfs[i]; i++)
        virBufferEscapeString(&children, "<pf dev='%s'/>\n", fwd->pfs[i]);
    for (i = 0; fwd->ifaces && fwd->ifaces[i]; i++)
        virBufferEscapeString(&children, "<interface dev='%s'/>\n", fwd->ifaces[i]);
    virXMLFormatElementEmpty(buf, "forward", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <bridge>, <mtu>, <mac>, <domain>                                   */

static int
virNetworkBridgeParseXML(xmlNodePtr node, virNetworkDef *def)
{
    static const char *const attrs[] = { "name", "zone", "stp", "delay",
                                         "macTableManager", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropTristateSwitch(node, "stp", VIR_XML_PROP_NONE, &def->stp) < 0 ||
        virXMLPropLongLong(node, "delay", 10, VIR_XML_PROP_NONNEGATIVE,
                           &def->delay, -1) < 0 ||
        virXMLPropEnum(node, "macTableManager",
                       virNetworkBridgeMACTableManagerTypeFromString,
                       VIR_XML_PROP_NONZERO, &def->macTableManager) < 0)
        return -1;
    def->bridgePresent = true;
    def->bridge = virXMLPropString(node, "name");
    def->bridgeZone = virXMLPropString(node, "zone");
    return 0;
}


static void
virNetworkBridgeFormat(virBuffer *buf, const virNetworkDef *def)
{
    bool virtual = virNetworkDefIsVirtual(def);

    if (!virtual && !def->bridge && !def->macTableManager)
        return;
    virBufferAddLit(buf, "<bridge");
    virBufferEscapeString(buf, " name='%s'", def->bridge);
    virBufferEscapeString(buf, " zone='%s'", def->bridgeZone);
    /* a bridge libvirt creates always shows its STP settings */
    if (virtual)
        virBufferAsprintf(buf, " stp='%s' delay='%lld'",
                          def->stp == VIR_TRISTATE_SWITCH_OFF ? "off" : "on",
                          def->delay < 0 ? 0 : def->delay);
    if (def->macTableManager)
        virBufferAsprintf(buf, " macTableManager='%s'",
                          virNetworkBridgeMACTableManagerTypeToString(def->macTableManager));
    virBufferAddLit(buf, "/>\n");
}


static int
virNetworkSmallChildParseXML(xmlNodePtr cur, virNetworkDef *def)
{
    static const char *const mtuAttrs[] = { "size", NULL };
    static const char *const macAttrs[] = { "address", NULL };
    static const char *const domAttrs[] = { "name", "localOnly", NULL };

    if (xmlStrEqual(cur->name, BAD_CAST "mtu")) {
        if (virConfCheckElement(cur, mtuAttrs, NULL) < 0 ||
            virXMLPropUInt(cur, "size", 10,
                           VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                           &def->mtu) < 0)
            return -1;
    } else if (xmlStrEqual(cur->name, BAD_CAST "mac")) {
        if (virConfCheckElement(cur, macAttrs, NULL) < 0 ||
            !(def->mac = virXMLPropStringRequired(cur, "address")))
            return -1;
    } else {
        if (virConfCheckElement(cur, domAttrs, NULL) < 0 ||
            virXMLPropTristateBool(cur, "localOnly", VIR_XML_PROP_NONE,
                                   &def->domainLocalOnly) < 0 ||
            !(def->domain = virXMLPropStringRequired(cur, "name")))
            return -1;
    }
    return 0;
}


static void
virNetworkSmallChildrenFormat(virBuffer *buf, const virNetworkDef *def)
{
    if (def->mtu)
        virBufferAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    virBufferEscapeString(buf, "<mac address='%s'/>\n", def->mac);
    if (def->domain) {
        virBufferEscapeString(buf, "<domain name='%s'", def->domain);
        if (def->domainLocalOnly)
            virBufferAsprintf(buf, " localOnly='%s'",
                              virTristateBoolTypeToString(def->domainLocalOnly));
        virBufferAddLit(buf, "/>\n");
    }
}


/* ------------------------------------------------------------------ */
/* <network>                                                          */

static int
virNetworkDefParseLists(xmlNodePtr root, virNetworkDef *def)
{
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n;
    size_t i;

    n = virConfChildren(root, "ip", &nodes);
    def->ips = g_new0(virNetworkIPDef, n);
    for (i = 0; i < n; i++) {
        if (virNetworkIPDefParseXML(nodes[i], &def->ips[def->nips++]) < 0)
            return -1;
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(root, "route", &nodes);
    def->routes = g_new0(virNetworkRouteDef, n);
    for (i = 0; i < n; i++) {
        if (virNetworkRouteDefParseXML(nodes[i], &def->routes[def->nroutes++]) < 0)
            return -1;
    }
    return 0;
}


static virNetworkDef *
virNetworkDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const attrs[] = { "ipv6", "trustGuestRxFilters",
                                         "connections", NULL };
    static const char *const children[] = { "name", "uuid", "forward",
                                            "bridge", "mtu", "mac", "domain",
                                            "dns", "ip", "route", NULL };
    g_autoptr(virNetworkDef) def = g_new0(virNetworkDef, 1);
    g_autofree char *uuid = NULL;
    xmlNodePtr cur;

    def->delay = -1;
    if (virConfCheckElement(root, attrs, children) < 0 ||
        virXMLPropTristateBool(root, "ipv6", VIR_XML_PROP_NONE,
                               &def->ipv6nogw) < 0 ||
        virXMLPropTristateBool(root, "trustGuestRxFilters", VIR_XML_PROP_NONE,
                               &def->trustGuestRxFilters) < 0 ||
        virConfChildText(root, "name", &def->name) < 0 ||
        virConfChildText(root, "uuid", &uuid) < 0)
        return NULL;

    if (!def->name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name %1$s cannot contain '/'"), def->name);
        return NULL;
    }
    if (uuid) {
        if (virConfParseUUID(uuid, "network", def->uuid) < 0)
            return NULL;
        def->uuidSpecified = true;
    } else {
        virUUIDGenerate(def->uuid);
    }

    for (cur = root->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "forward"))
            rc = virNetworkForwardDefParseXML(cur, &def->forward);
        else if (STREQ(name, "bridge"))
            rc = virNetworkBridgeParseXML(cur, def);
        else if (STREQ(name, "mtu") || STREQ(name, "mac") || STREQ(name, "domain"))
            rc = virNetworkSmallChildParseXML(cur, def);
        else if (STREQ(name, "dns"))
            rc = virNetworkDNSDefParseXML(cur, &def->dns);
        if (rc < 0)
            return NULL;
    }
    if (virNetworkDefParseLists(root, def) < 0)
        return NULL;

    if (!(flags & VIR_NETWORK_DEF_PARSE_SKIP_VALIDATE) &&
        virNetworkDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virNetworkDef *
virNetworkDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(network_definition)"),
                            "network", &ctxt, VIR_FROM_NETWORK)))
        return NULL;
    return virNetworkDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virNetworkDefParseString:
 * @xml: a <network> document
 * @flags: virNetworkDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNetworkDef *
virNetworkDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNetworkDefParse(xml, NULL, flags);
}


/**
 * virNetworkDefParseFile:
 * @filename: a file holding a <network> document
 * @flags: virNetworkDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNetworkDef *
virNetworkDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNetworkDefParse(NULL, filename, flags);
}


/**
 * virNetworkDefFormat:
 * @def: the network definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's net-dumpxml prints it (caller
 * frees); never NULL.
 */
char *
virNetworkDefFormat(const virNetworkDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    size_t i;

    (void)flags;
    virBufferAddLit(&buf, "<network");
    if (def->ipv6nogw == VIR_TRISTATE_BOOL_YES)
        virBufferAddLit(&buf, " ipv6='yes'");
    if (def->trustGuestRxFilters)
        virBufferAsprintf(&buf, " trustGuestRxFilters='%s'",
                          virTristateBoolTypeToString(def->trustGuestRxFilters));
    virBufferAddLit(&buf, ">\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<name>%s</name>\n", def->name);
    virBufferAsprintf(&buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virNetworkForwardDefFormat(&buf, &def->forward);
    virNetworkBridgeFormat(&buf, def);
    virNetworkSmallChildrenFormat(&buf, def);
    virNetworkDNSDefFormat(&buf, &def->dns);
    for (i = 0; i < def->nips; i++)
        virNetworkIPDefFormat(&buf, &def->ips[i]);
    for (i = 0; i < def->nroutes; i++)
        virNetworkRouteDefFormat(&buf, &def->routes[i]);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</network>\n");
    return virBufferContentAndReset(&buf);
}
