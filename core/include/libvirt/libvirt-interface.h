/*
 * virtplug public API: host network interfaces
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_INTERFACE_H
# define LIBVIRT_INTERFACE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-interface.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Opaque object handles */
typedef struct _virInterface virInterface;
typedef virInterface *virInterfacePtr;

/* Flag bits for virConnectListAllInterfaces() */
typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_INTERFACES_ACTIVE = 1 << 1,
} virConnectListAllInterfacesFlags;

/* Flag bits for virInterfaceDefineXML() */
typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 1 << 0,
} virInterfaceDefineFlags;

/* Flag bits for virInterfaceGetXMLDesc() */
typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 1 << 0,
} virInterfaceXMLFlags;

/* Listing host interfaces */
int virConnectListAllInterfaces(virConnectPtr conn,
                                virInterfacePtr **ifaces,
                                unsigned int flags);
int virConnectListDefinedInterfaces(virConnectPtr conn,
                                    char **const names,
                                    int maxnames);
int virConnectListInterfaces(virConnectPtr conn,
                             char **const names,
                             int maxnames);
int virConnectNumOfDefinedInterfaces(virConnectPtr conn);
int virConnectNumOfInterfaces(virConnectPtr conn);

/* Interface configuration transactions */
int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags);

/* Host interface objects */
int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);
virInterfacePtr virInterfaceDefineXML(virConnectPtr conn,
                                      const char *xml,
                                      unsigned int flags);
int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);
int virInterfaceFree(virInterfacePtr iface);
virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);
const char *virInterfaceGetMACString(virInterfacePtr iface);
const char *virInterfaceGetName(virInterfacePtr iface);
char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags);
int virInterfaceIsActive(virInterfacePtr iface);
virInterfacePtr virInterfaceLookupByMACString(virConnectPtr conn,
                                              const char *macstr);
virInterfacePtr virInterfaceLookupByName(virConnectPtr conn, const char *name);
int virInterfaceRef(virInterfacePtr iface);
int virInterfaceUndefine(virInterfacePtr iface);

#endif /* LIBVIRT_INTERFACE_H */
