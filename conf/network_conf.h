/*
 * network_conf.h: the <network> XML model (virtual networks)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "virbuffer.h"

typedef enum {
    VIR_NETWORK_FORWARD_NONE = 0,
    VIR_NETWORK_FORWARD_NAT,
    VIR_NETWORK_FORWARD_ROUTE,
    VIR_NETWORK_FORWARD_OPEN,
    VIR_NETWORK_FORWARD_BRIDGE,
    VIR_NETWORK_FORWARD_PRIVATE,
    VIR_NETWORK_FORWARD_VEPA,
    VIR_NETWORK_FORWARD_PASSTHROUGH,
    VIR_NETWORK_FORWARD_HOSTDEV,

    VIR_NETWORK_FORWARD_LAST
} virNetworkForwardType;
VIR_ENUM_DECL(virNetworkForward);

typedef enum {
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_DEFAULT = 0,
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_KERNEL,
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LIBVIRT,

    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST
} virNetworkBridgeMACTableManagerType;
VIR_ENUM_DECL(virNetworkBridgeMACTableManager);

typedef enum {
    VIR_NETWORK_DHCP_LEASE_UNIT_SECONDS = 0,
    VIR_NETWORK_DHCP_LEASE_UNIT_MINUTES,
    VIR_NETWORK_DHCP_LEASE_UNIT_HOURS,

    VIR_NETWORK_DHCP_LEASE_UNIT_LAST
} virNetworkDHCPLeaseTimeUnitType;
VIR_ENUM_DECL(virNetworkDHCPLeaseTimeUnit);

typedef struct _virNetworkDHCPLeaseDef virNetworkDHCPLeaseDef;
struct _virNetworkDHCPLeaseDef {
    bool set;
    unsigned long long expiry;      /* 0 means infinite */
    unsigned int unit;              /* virNetworkDHCPLeaseTimeUnitType */
};

typedef struct _virNetworkDHCPRange virNetworkDHCPRange;
struct _virNetworkDHCPRange {
    char *start;
    char *end;
    virNetworkDHCPLeaseDef lease;
};

typedef struct _virNetworkDHCPHost virNetworkDHCPHost;
struct _virNetworkDHCPHost {
    char *mac;
    char *id;
    char *name;
    char *ip;
    virNetworkDHCPLeaseDef lease;
};

typedef struct _virNetworkIPDef virNetworkIPDef;
struct _virNetworkIPDef {
    char *family;                   /* "ipv4", "ipv6" or NULL */
    char *address;
    char *netmask;
    int prefix;                     /* -1 when absent */
    virTristateBool localPtr;
    char *tftproot;
    bool dhcp;                      /* <dhcp> present */
    size_t nranges;
    virNetworkDHCPRange *ranges;
    size_t nhosts;
    virNetworkDHCPHost *hosts;
    char *bootfile;
    char *bootserver;
};

typedef struct _virNetworkRouteDef virNetworkRouteDef;
struct _virNetworkRouteDef {
    char *family;
    char *address;
    char *netmask;
    int prefix;                     /* -1 when absent */
    char *gateway;
    int metric;                     /* -1 when absent */
};

typedef struct _virNetworkDNSHostDef virNetworkDNSHostDef;
struct _virNetworkDNSHostDef {
    char *ip;
    GStrv hostnames;
};

typedef struct _virNetworkDNSTxtDef virNetworkDNSTxtDef;
struct _virNetworkDNSTxtDef {
    char *name;
    char *value;
};

typedef struct _virNetworkDNSSrvDef virNetworkDNSSrvDef;
struct _virNetworkDNSSrvDef {
    char *service;
    char *protocol;
    char *domain;
    char *target;
    int port;                       /* -1 when absent, likewise below */
    int priority;
    int weight;
};

typedef struct _virNetworkDNSForwarder virNetworkDNSForwarder;
struct _virNetworkDNSForwarder {
    char *domain;
    char *addr;
};

typedef struct _virNetworkDNSDef virNetworkDNSDef;
struct _virNetworkDNSDef {
    bool present;
    virTristateBool enable;
    virTristateBool forwardPlainNames;
    size_t nforwarders;
    virNetworkDNSForwarder *forwarders;
    size_t ntxts;
    virNetworkDNSTxtDef *txts;
    size_t nhosts;
    virNetworkDNSHostDef *hosts;
    size_t nsrvs;
    virNetworkDNSSrvDef *srvs;
};

typedef struct _virNetworkForwardDef virNetworkForwardDef;
struct _virNetworkForwardDef {
    bool present;
    unsigned int type;              /* virNetworkForwardType */
    char *dev;
    virTristateBool managed;
    char *driverName;               /* <driver name='vfio'/> */
    GStrv ifaces;                   /* <interface dev=...> */
    GStrv pfs;                      /* <pf dev=...> */
    bool nat;                       /* <nat> present */
    virTristateBool natIPv6;
    char *natAddrStart;
    char *natAddrEnd;
    unsigned int natPortStart;
    unsigned int natPortEnd;
};

typedef struct _virNetworkDef virNetworkDef;
struct _virNetworkDef {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool uuidSpecified;
    virTristateBool ipv6nogw;       /* <network ipv6='yes'> */
    virTristateBool trustGuestRxFilters;
    virNetworkForwardDef forward;
    bool bridgePresent;
    char *bridge;
    char *bridgeZone;
    virTristateSwitch stp;
    long long delay;                /* seconds; -1 when absent */
    unsigned int macTableManager;   /* virNetworkBridgeMACTableManagerType */
    unsigned int mtu;               /* 0 when absent */
    char *mac;
    char *domain;
    virTristateBool domainLocalOnly;
    virNetworkDNSDef dns;
    size_t nips;
    virNetworkIPDef *ips;
    size_t nroutes;
    virNetworkRouteDef *routes;
};

typedef enum {
    /* skip the cross-field rules of network_validate.c */
    VIR_NETWORK_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virNetworkDefParseFlags;

void virNetworkDefFree(virNetworkDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkDef, virNetworkDefFree);

virNetworkDef *virNetworkDefParseString(const char *xml, unsigned int flags);
virNetworkDef *virNetworkDefParseFile(const char *filename, unsigned int flags);
char *virNetworkDefFormat(const virNetworkDef *def, unsigned int flags);

/* Whether @def is a network libvirt builds a bridge for (forward mode
 * none, nat, route or open). */
bool virNetworkDefIsVirtual(const virNetworkDef *def);

/* network_validate.c */
int virNetworkDefValidate(const virNetworkDef *def);
