/*
 * interface_conf.h: the <interface> XML model (host interfaces)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

typedef enum {
    VIR_INTERFACE_TYPE_ETHERNET = 0,
    VIR_INTERFACE_TYPE_BRIDGE,
    VIR_INTERFACE_TYPE_BOND,
    VIR_INTERFACE_TYPE_VLAN,

    VIR_INTERFACE_TYPE_LAST
} virInterfaceType;
VIR_ENUM_DECL(virInterface);

typedef enum {
    VIR_INTERFACE_START_UNSPECIFIED = 0,
    VIR_INTERFACE_START_NONE,
    VIR_INTERFACE_START_ONBOOT,
    VIR_INTERFACE_START_HOTPLUG,

    VIR_INTERFACE_START_LAST
} virInterfaceStartMode;
VIR_ENUM_DECL(virInterfaceStartMode);

typedef enum {
    VIR_INTERFACE_BOND_NONE = 0,
    VIR_INTERFACE_BOND_BALRR,
    VIR_INTERFACE_BOND_ABACKUP,
    VIR_INTERFACE_BOND_BALXOR,
    VIR_INTERFACE_BOND_BCAST,
    VIR_INTERFACE_BOND_8023AD,
    VIR_INTERFACE_BOND_BALTLB,
    VIR_INTERFACE_BOND_BALALB,

    VIR_INTERFACE_BOND_LAST
} virInterfaceBondMode;
VIR_ENUM_DECL(virInterfaceBondMode);

typedef enum {
    VIR_INTERFACE_BOND_MONIT_NONE = 0,
    VIR_INTERFACE_BOND_MONIT_MII,
    VIR_INTERFACE_BOND_MONIT_ARP,
} virInterfaceBondMonit;

typedef enum {
    VIR_INTERFACE_BOND_MII_NONE = 0,
    VIR_INTERFACE_BOND_MII_IOCTL,
    VIR_INTERFACE_BOND_MII_NETIF,

    VIR_INTERFACE_BOND_MII_LAST
} virInterfaceBondMiiCarrier;
VIR_ENUM_DECL(virInterfaceBondMiiCarrier);

typedef enum {
    VIR_INTERFACE_BOND_ARP_NONE = 0,
    VIR_INTERFACE_BOND_ARP_ACTIVE,
    VIR_INTERFACE_BOND_ARP_BACKUP,
    VIR_INTERFACE_BOND_ARP_ALL,

    VIR_INTERFACE_BOND_ARP_LAST
} virInterfaceBondArpValid;
VIR_ENUM_DECL(virInterfaceBondArpValid);

/* Operational state of a link, as RFC 2863 names them */
typedef enum {
    VIR_INTERFACE_LINK_STATE_DEFAULT = 0,
    VIR_INTERFACE_LINK_STATE_UNKNOWN,
    VIR_INTERFACE_LINK_STATE_NOT_PRESENT,
    VIR_INTERFACE_LINK_STATE_DOWN,
    VIR_INTERFACE_LINK_STATE_LOWER_LAYER_DOWN,
    VIR_INTERFACE_LINK_STATE_TESTING,
    VIR_INTERFACE_LINK_STATE_DORMANT,
    VIR_INTERFACE_LINK_STATE_UP,

    VIR_INTERFACE_LINK_STATE_LAST
} virInterfaceLinkState;
VIR_ENUM_DECL(virInterfaceLinkState);

typedef enum {
    VIR_INTERFACE_FAMILY_IPV4 = 0,
    VIR_INTERFACE_FAMILY_IPV6,

    VIR_INTERFACE_FAMILY_LAST
} virInterfaceFamily;
VIR_ENUM_DECL(virInterfaceFamily);

typedef struct _virInterfaceIPDef virInterfaceIPDef;
struct _virInterfaceIPDef {
    char *address;
    unsigned int prefix;            /* 0 when absent */
};

typedef struct _virInterfaceProtocolDef virInterfaceProtocolDef;
struct _virInterfaceProtocolDef {
    int family;                     /* virInterfaceFamily */
    bool autoconf;                  /* IPv6 only */
    bool dhcp;
    virTristateBool peerdns;        /* of <dhcp> */
    size_t nips;
    virInterfaceIPDef *ips;
    char *gateway;
};

typedef struct _virInterfaceDef virInterfaceDef;
struct _virInterfaceDef {
    int type;                       /* virInterfaceType */
    char *name;
    int startmode;                  /* virInterfaceStartMode */
    unsigned int mtu;               /* bytes, 0 when absent */
    char *mac;                      /* ethernet only */
    unsigned int linkSpeed;         /* Mbit/s, 0 when absent */
    unsigned int linkState;         /* virInterfaceLinkState */
    size_t nprotos;
    virInterfaceProtocolDef *protos;

    /* bridge */
    virTristateSwitch stp;
    char *delay;                    /* seconds, as written */

    /* bond */
    unsigned int bondMode;          /* virInterfaceBondMode */
    int monit;                      /* virInterfaceBondMonit */
    unsigned int freq;              /* miimon, ms */
    unsigned int updelay;
    unsigned int downdelay;
    unsigned int carrier;           /* virInterfaceBondMiiCarrier */
    unsigned int interval;          /* arpmon, ms */
    char *target;
    unsigned int validate;          /* virInterfaceBondArpValid */

    /* vlan */
    char *tag;
    char *vlanDev;

    /* members of a bridge or bond */
    size_t nitfs;
    virInterfaceDef **itfs;
};

typedef enum {
    /* skip the cross-field rules of virInterfaceDefValidate() */
    VIR_INTERFACE_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virInterfaceDefParseFlags;

void virInterfaceDefFree(virInterfaceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virInterfaceDef, virInterfaceDefFree);

virInterfaceDef *virInterfaceDefParseString(const char *xml, unsigned int flags);
virInterfaceDef *virInterfaceDefParseFile(const char *filename, unsigned int flags);
char *virInterfaceDefFormat(const virInterfaceDef *def, unsigned int flags);
int virInterfaceDefValidate(const virInterfaceDef *def);
