/*
 * network_validate.c: cross-field rules of <network> definitions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>

#include "internal.h"
#include "virerror.h"
#include "virconfxml.h"
#include "network_conf.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK


static bool
virNetworkAddrIsIPv6(const char *addr)
{
    return addr && strchr(addr, ':');
}


static bool
virNetworkIPDefIsIPv6(const virNetworkIPDef *ip)
{
    return STREQ_NULLABLE(ip->family, "ipv6") ||
           (!ip->family && virNetworkAddrIsIPv6(ip->address));
}


static void
virNetworkIPDefValidate(const virNetworkIPDef *ip, size_t idx,
                        virConfViolations *v)
{
    g_autofree char *path = g_strdup_printf("/network/ip[%zu]", idx + 1);
    bool v6 = virNetworkIPDefIsIPv6(ip);
    size_t i;

    if (ip->family && STRNEQ(ip->family, "ipv4") && STRNEQ(ip->family, "ipv6"))
        virConfViolationAdd(v, path, _("unrecognized family '%1$s'"), ip->family);
    if (!ip->address)
        virConfViolationAdd(v, path, "%s", _("missing required address attribute"));
    else if (virNetworkAddrIsIPv6(ip->address) != v6)
        virConfViolationAdd(v, path, _("address '%1$s' is not of family '%2$s'"),
                            ip->address, v6 ? "ipv6" : "ipv4");
    if (ip->netmask && ip->prefix >= 0)
        virConfViolationAdd(v, path, "%s",
                            _("both netmask and prefix specified, only one is allowed"));
    if (ip->netmask && v6)
        virConfViolationAdd(v, path, "%s",
                            _("netmask is not supported for an IPv6 address, use prefix"));
    if (ip->prefix > (v6 ? 128 : 32))
        virConfViolationAdd(v, path, _("invalid prefix %1$d"), ip->prefix);
    if (ip->tftproot && v6)
        virConfViolationAdd(v, path, "%s",
                            _("tftp is supported only for IPv4 addresses"));
    for (i = 0; i < ip->nranges; i++) {
        const virNetworkDHCPRange *r = &ip->ranges[i];
        g_autofree char *rpath = g_strdup_printf("%s/dhcp/range[%zu]", path, i + 1);

        if (virNetworkAddrIsIPv6(r->start) != v6 ||
            virNetworkAddrIsIPv6(r->end) != v6)
            virConfViolationAdd(v, rpath,
                                _("range %1$s - %2$s is not in the family of its network"),
                                r->start, r->end);
    }
    for (i = 0; i < ip->nhosts; i++) {
        const virNetworkDHCPHost *h = &ip->hosts[i];
        g_autofree char *hpath = g_strdup_printf("%s/dhcp/host[%zu]", path, i + 1);

        if (!v6 && !h->mac && !h->name)
            virConfViolationAdd(v, hpath, "%s",
                                _("static host definition must have mac or name attribute"));
        if (v6 && h->mac)
            virConfViolationAdd(v, hpath, "%s",
                                _("mac is not supported in an IPv6 static host definition"));
        if (h->ip && virNetworkAddrIsIPv6(h->ip) != v6)
            virConfViolationAdd(v, hpath, _("host ip '%1$s' is not in the family of its network"),
                                h->ip);
    }
    if (ip->bootfile && v6)
        virConfViolationAdd(v, path, "%s",
                            _("bootp is supported only for IPv4 addresses"));
}


static void
virNetworkForwardDefValidate(const virNetworkDef *def, virConfViolations *v)
{
    const virNetworkForwardDef *fwd = &def->forward;
    const char *mode = virNetworkForwardTypeToString(fwd->type);

    if (fwd->nat && fwd->type != VIR_NETWORK_FORWARD_NAT)
        virConfViolationAdd(v, "/network/forward/nat",
                            _("The <nat> element can only be used when <forward> 'mode' is 'nat', not '%1$s'"),
                            mode);
    if (fwd->natPortEnd && fwd->natPortStart > fwd->natPortEnd)
        virConfViolationAdd(v, "/network/forward/nat/port",
                            _("start port %1$u is above end port %2$u"),
                            fwd->natPortStart, fwd->natPortEnd);
    if (fwd->pfs && g_strv_length(fwd->pfs) > 1)
        virConfViolationAdd(v, "/network/forward/pf", "%s",
                            _("Only one <pf> element is allowed in <forward>"));
    if (fwd->pfs && fwd->pfs[0] && fwd->ifaces && fwd->ifaces[0])
        virConfViolationAdd(v, "/network/forward", "%s",
                            _("<pf> and <interface> elements are mutually exclusive"));
    if (fwd->managed && fwd->type != VIR_NETWORK_FORWARD_HOSTDEV)
        virConfViolationAdd(v, "/network/forward",
                            _("managed is only valid with mode 'hostdev', not '%1$s'"),
                            mode);
    if (fwd->type == VIR_NETWORK_FORWARD_BRIDGE && !def->bridge &&
        !(fwd->ifaces && fwd->ifaces[0]))
        virConfViolationAdd(v, "/network/forward", "%s",
                            _("forward mode 'bridge' needs a bridge name or a forward interface"));
}


/**
 * virNetworkDefValidate:
 * @def: a parsed network definition
 *
 * Check the rules that tie fields of @def together.
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violation
 * with the path of its element.
 */
int
virNetworkDefValidate(const virNetworkDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    bool virtual = virNetworkDefIsVirtual(def);
    const char *mode = virNetworkForwardTypeToString(def->forward.type);
    size_t ndhcp4 = 0;
    size_t i;

    virNetworkForwardDefValidate(def, v);
    for (i = 0; i < def->nips; i++) {
        virNetworkIPDefValidate(&def->ips[i], i, v);
        if (def->ips[i].dhcp && !virNetworkIPDefIsIPv6(&def->ips[i]))
            ndhcp4++;
    }
    if (def->forward.type == VIR_NETWORK_FORWARD_OPEN && !def->nips)
        virConfViolationAdd(v, "/network/forward",
                            _("open forwarding requested, but no IP address provided for network '%1$s'"),
                            def->name);
    if (ndhcp4 > 1)
        virConfViolationAdd(v, "/network/ip", "%s",
                            _("Multiple IPv4 dhcp sections found -- dhcp is supported only for a single IPv4 address on each network"));
    if (!virtual) {
        if (def->nips)
            virConfViolationAdd(v, "/network/ip",
                                _("Unsupported <ip> element in network '%1$s' with forward mode='%2$s'"),
                                def->name, mode);
        if (def->dns.present)
            virConfViolationAdd(v, "/network/dns",
                                _("Unsupported <dns> element in network '%1$s' with forward mode='%2$s'"),
                                def->name, mode);
        if (def->domain)
            virConfViolationAdd(v, "/network/domain",
                                _("Unsupported <domain> element in network '%1$s' with forward mode='%2$s'"),
                                def->name, mode);
        if (def->mac)
            virConfViolationAdd(v, "/network/mac",
                                _("Unsupported <mac> element in network '%1$s' with forward mode='%2$s'"),
                                def->name, mode);
        if (def->stp || def->delay >= 0)
            virConfViolationAdd(v, "/network/bridge",
                                _("bridge delay/stp options only allowed in route, nat, and isolated mode, not in %1$s (network '%2$s')"),
                                mode, def->name);
    }
    if (def->forward.type == VIR_NETWORK_FORWARD_HOSTDEV && def->bridgePresent)
        virConfViolationAdd(v, "/network/bridge", "%s",
                            _("a hostdev network cannot have a bridge"));
    if (def->mac) {
        unsigned int first = 0;

        if (sscanf(def->mac, "%x:", &first) != 1 || strlen(def->mac) != 17)
            virConfViolationAdd(v, "/network/mac",
                                _("Invalid bridge mac address '%1$s' in network '%2$s'"),
                                def->mac, def->name);
        else if (first & 1)
            virConfViolationAdd(v, "/network/mac",
                                _("Invalid multicast bridge mac address '%1$s' in network '%2$s'"),
                                def->mac, def->name);
    }
    for (i = 0; i < def->nroutes; i++) {
        const virNetworkRouteDef *r = &def->routes[i];
        g_autofree char *path = g_strdup_printf("/network/route[%zu]", i + 1);

        if (virNetworkAddrIsIPv6(r->address) != virNetworkAddrIsIPv6(r->gateway))
            virConfViolationAdd(v, path,
                                _("gateway '%1$s' and address '%2$s' are of different families"),
                                r->gateway, r->address);
        if (r->netmask && r->prefix >= 0)
            virConfViolationAdd(v, path, "%s",
                                _("both netmask and prefix specified, only one is allowed"));
    }
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}
