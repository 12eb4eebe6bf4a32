/*
 * virtplug public API: virtual networks and network ports
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_NETWORK_H
# define LIBVIRT_NETWORK_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-network.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Names of typed parameters and statistics fields */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE "inbound.average"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_BURST "inbound.burst"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR "inbound.floor"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK "inbound.peak"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE "outbound.average"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST "outbound.burst"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK "outbound.peak"

/* Helper macros */
# define VIR_NETWORK_EVENT_CALLBACK(cb) ((virConnectNetworkEventGenericCallback)(cb))

/* Opaque object handles */
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;
typedef struct _virNetworkPort virNetworkPort;
typedef virNetworkPort *virNetworkPortPtr;

/* Flag bits for virConnectListAllNetworks() */
typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_NETWORKS_ACTIVE = 1 << 1,
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART = 1 << 4,
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5,
} virConnectListAllNetworksFlags;

/* Address family of an IP address */
typedef enum {
    VIR_IP_ADDR_TYPE_IPV4 = 0,
    VIR_IP_ADDR_TYPE_IPV6 = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_IP_ADDR_TYPE_LAST = 2
# endif
} virIPAddrType;

/* Flag bits for virNetworkCreateXMLFlags() */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0,
} virNetworkCreateFlags;

/* Flag bits for virNetworkDefineXMLFlags() */
typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 1 << 0,
} virNetworkDefineFlags;

/* Event identifiers for virConnectNetworkEventRegisterAny() */
typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_ID_LAST = 1
# endif
} virNetworkEventID;

/* Lifecycle event kinds */
typedef enum {
    VIR_NETWORK_EVENT_DEFINED = 0,
    VIR_NETWORK_EVENT_UNDEFINED = 1,
    VIR_NETWORK_EVENT_STARTED = 2,
    VIR_NETWORK_EVENT_STOPPED = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_LAST = 4
# endif
} virNetworkEventLifecycleType;

/* Flag bits for virNetworkPortCreateXML() */
typedef enum {
    VIR_NETWORK_PORT_CREATE_RECLAIM = 1 << 0,
    VIR_NETWORK_PORT_CREATE_VALIDATE = 1 << 1,
} virNetworkPortCreateFlags;

/* Values of virNetworkUpdateCommand */
typedef enum {
    VIR_NETWORK_UPDATE_COMMAND_NONE = 0,
    VIR_NETWORK_UPDATE_COMMAND_MODIFY = 1,
    VIR_NETWORK_UPDATE_COMMAND_DELETE = 2,
    VIR_NETWORK_UPDATE_COMMAND_ADD_LAST = 3,
    VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_UPDATE_COMMAND_LAST = 5
# endif
} virNetworkUpdateCommand;

/* Flag bits for virNetworkUpdate() */
typedef enum {
    VIR_NETWORK_UPDATE_AFFECT_CURRENT = 0,
    VIR_NETWORK_UPDATE_AFFECT_LIVE = 1 << 0,
    VIR_NETWORK_UPDATE_AFFECT_CONFIG = 1 << 1,
} virNetworkUpdateFlags;

/* Values of virNetworkUpdateSection */
typedef enum {
    VIR_NETWORK_SECTION_NONE = 0,
    VIR_NETWORK_SECTION_BRIDGE = 1,
    VIR_NETWORK_SECTION_DOMAIN = 2,
    VIR_NETWORK_SECTION_IP = 3,
    VIR_NETWORK_SECTION_IP_DHCP_HOST = 4,
    VIR_NETWORK_SECTION_IP_DHCP_RANGE = 5,
    VIR_NETWORK_SECTION_FORWARD = 6,
    VIR_NETWORK_SECTION_FORWARD_INTERFACE = 7,
    VIR_NETWORK_SECTION_FORWARD_PF = 8,
    VIR_NETWORK_SECTION_PORTGROUP = 9,
    VIR_NETWORK_SECTION_DNS_HOST = 10,
    VIR_NETWORK_SECTION_DNS_TXT = 11,
    VIR_NETWORK_SECTION_DNS_SRV = 12,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_SECTION_LAST = 13
# endif
} virNetworkUpdateSection;

/* Flag bits for virNetworkGetXMLDesc() */
typedef enum {
    VIR_NETWORK_XML_INACTIVE = 1 << 0,
} virNetworkXMLFlags;

/* Public structures and their pointer types */
typedef struct _virNetworkDHCPLease virNetworkDHCPLease;
typedef virNetworkDHCPLease *virNetworkDHCPLeasePtr;

/* Callback signatures */
typedef void (*virConnectNetworkEventGenericCallback)(virConnectPtr conn,
                                                      virNetworkPtr net,
                                                      void *opaque);
typedef void (*virConnectNetworkEventLifecycleCallback)(virConnectPtr conn,
                                                        virNetworkPtr net,
                                                        int event,
                                                        int detail,
                                                        void *opaque);

/* One lease handed out by a network DHCP server */
struct _virNetworkDHCPLease {
    char *iface;
    long long expirytime;
    int type;
    char *mac;
    char *iaid;
    char *ipaddr;
    unsigned int prefix;
    char *hostname;
    char *clientid;
};

/* Network event registration */
int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);
int virConnectNetworkEventRegisterAny(virConnectPtr conn,
                                      virNetworkPtr net,
                                      int eventID,
                                      virConnectNetworkEventGenericCallback cb,
                                      void *opaque,
                                      virFreeCallback freecb);

/* Listing networks */
int virConnectListAllNetworks(virConnectPtr conn,
                              virNetworkPtr **nets,
                              unsigned int flags);
int virConnectListDefinedNetworks(virConnectPtr conn,
                                  char **const names,
                                  int maxnames);
int virConnectListNetworks(virConnectPtr conn,
                           char **const names,
                           int maxnames);
int virConnectNumOfDefinedNetworks(virConnectPtr conn);
int virConnectNumOfNetworks(virConnectPtr conn);

/* Network ports */
int virNetworkListAllPorts(virNetworkPtr network,
                           virNetworkPortPtr **ports,
                           unsigned int flags);
virNetworkPortPtr virNetworkPortCreateXML(virNetworkPtr net,
                                          const char *xmldesc,
                                          unsigned int flags);
int virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);
int virNetworkPortFree(virNetworkPortPtr port);
virNetworkPtr virNetworkPortGetNetwork(virNetworkPortPtr port);
int virNetworkPortGetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr *params,
                                int *nparams,
                                unsigned int flags);
int virNetworkPortGetUUID(virNetworkPortPtr port, unsigned char *uuid);
int virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf);
char *virNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags);
virNetworkPortPtr virNetworkPortLookupByUUID(virNetworkPtr net,
                                             const unsigned char *uuid);
virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net,
                                                   const char *uuidstr);
int virNetworkPortRef(virNetworkPortPtr port);
int virNetworkPortSetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr params,
                                int nparams,
                                unsigned int flags);

/* DHCP leases */
void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease);
int virNetworkGetDHCPLeases(virNetworkPtr network,
                            const char *mac,
                            virNetworkDHCPLeasePtr **leases,
                            unsigned int flags);

/* Virtual network objects */
int virNetworkCreate(virNetworkPtr network);
virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn,
                                       const char *xmlDesc,
                                       unsigned int flags);
virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xml);
virNetworkPtr virNetworkDefineXMLFlags(virConnectPtr conn,
                                       const char *xml,
                                       unsigned int flags);
int virNetworkDestroy(virNetworkPtr network);
int virNetworkFree(virNetworkPtr network);
int virNetworkGetAutostart(virNetworkPtr network, int *autostart);
char *virNetworkGetBridgeName(virNetworkPtr network);
virConnectPtr virNetworkGetConnect(virNetworkPtr net);
const char *virNetworkGetName(virNetworkPtr network);
int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);
int virNetworkGetUUIDString(virNetworkPtr network, char *buf);
char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
int virNetworkIsActive(virNetworkPtr net);
int virNetworkIsPersistent(virNetworkPtr net);
virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr virNetworkLookupByUUID(virConnectPtr conn,
                                     const unsigned char *uuid);
virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn,
                                           const char *uuidstr);
int virNetworkRef(virNetworkPtr network);
int virNetworkSetAutostart(virNetworkPtr network, int autostart);
int virNetworkUndefine(virNetworkPtr network);
int virNetworkUpdate(virNetworkPtr network,
                     unsigned int command,
                     unsigned int section,
                     int parentIndex,
                     const char *xml,
                     unsigned int flags);

#endif /* LIBVIRT_NETWORK_H */
