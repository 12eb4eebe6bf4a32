/*
 * networkport_conf.h: the <networkport> XML model (a guest's port on a
 * virtual network)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

typedef enum {
    VIR_NETWORK_PORT_PLUG_TYPE_NONE = 0,
    VIR_NETWORK_PORT_PLUG_TYPE_NETWORK,
    VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE,
    VIR_NETWORK_PORT_PLUG_TYPE_DIRECT,
    VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI,

    VIR_NETWORK_PORT_PLUG_TYPE_LAST
} virNetworkPortPlugType;
VIR_ENUM_DECL(virNetworkPortPlug);

typedef enum {
    VIR_NETWORK_PORT_MACTBL_DEFAULT = 0,
    VIR_NETWORK_PORT_MACTBL_KERNEL,
    VIR_NETWORK_PORT_MACTBL_LIBVIRT,

    VIR_NETWORK_PORT_MACTBL_LAST
} virNetworkPortMacTableManager;
VIR_ENUM_DECL(virNetworkPortMacTableManager);

/* macvtap modes; vepa is what an absent mode means */
typedef enum {
    VIR_NETWORK_PORT_DIRECT_VEPA = 0,
    VIR_NETWORK_PORT_DIRECT_PRIVATE,
    VIR_NETWORK_PORT_DIRECT_BRIDGE,
    VIR_NETWORK_PORT_DIRECT_PASSTHROUGH,

    VIR_NETWORK_PORT_DIRECT_LAST
} virNetworkPortDirectMode;
VIR_ENUM_DECL(virNetworkPortDirectMode);

typedef enum {
    VIR_NETWORK_PORT_DRIVER_DEFAULT = 0,
    VIR_NETWORK_PORT_DRIVER_KVM,
    VIR_NETWORK_PORT_DRIVER_VFIO,

    VIR_NETWORK_PORT_DRIVER_LAST
} virNetworkPortHostdevDriver;
VIR_ENUM_DECL(virNetworkPortHostdevDriver);

/* One direction of <bandwidth>; every rate in kilobytes (per second) */
typedef struct _virNetworkPortRate virNetworkPortRate;
struct _virNetworkPortRate {
    bool set;
    unsigned long long average;     /* KiB/s */
    unsigned long long peak;        /* KiB/s */
    unsigned long long floor;       /* KiB/s, inbound only */
    unsigned long long burst;       /* KiB */
};

typedef struct _virNetworkPortDef virNetworkPortDef;
struct _virNetworkPortDef {
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *ownername;
    unsigned char owneruuid[VIR_UUID_BUFLEN];
    char *group;
    char *mac;

    bool hasBandwidth;
    unsigned int classID;           /* 0 when absent */
    virNetworkPortRate inbound;
    virNetworkPortRate outbound;

    virTristateBool isolatedPort;   /* <port isolated=''/> */
    virTristateBool trustGuestRxFilters;

    unsigned int plugtype;          /* virNetworkPortPlugType */
    char *brname;                   /* network, bridge */
    unsigned int macTableManager;   /* network, bridge */
    char *linkdev;                  /* direct */
    unsigned int directMode;        /* direct */
    virTristateBool managed;        /* hostdev-pci */
    unsigned int driver;            /* hostdev-pci */
    unsigned int pciDomain;         /* hostdev-pci address */
    unsigned int pciBus;
    unsigned int pciSlot;
    unsigned int pciFunction;
};

typedef enum {
    /* skip the cross-field rules of virNetworkPortDefValidate() */
    VIR_NETWORK_PORT_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virNetworkPortDefParseFlags;

void virNetworkPortDefFree(virNetworkPortDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkPortDef, virNetworkPortDefFree);

virNetworkPortDef *virNetworkPortDefParseString(const char *xml, unsigned int flags);
virNetworkPortDef *virNetworkPortDefParseFile(const char *filename, unsigned int flags);
char *virNetworkPortDefFormat(const virNetworkPortDef *def, unsigned int flags);
int virNetworkPortDefValidate(const virNetworkPortDef *def);
