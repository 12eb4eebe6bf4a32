/*
 * virtplug public API: network filters and filter bindings
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_NWFILTER_H
# define LIBVIRT_NWFILTER_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-nwfilter.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Opaque object handles */
typedef struct _virNWFilter virNWFilter;
typedef virNWFilter *virNWFilterPtr;
typedef struct _virNWFilterBinding virNWFilterBinding;
typedef virNWFilterBinding *virNWFilterBindingPtr;

/* Flag bits for virNWFilterBindingCreateXML() */
typedef enum {
    VIR_NWFILTER_BINDING_CREATE_VALIDATE = 1 << 0,
} virNWFilterBindingCreateFlags;

/* Flag bits for virNWFilterDefineXMLFlags() */
typedef enum {
    VIR_NWFILTER_DEFINE_VALIDATE = 1 << 0,
} virNWFilterDefineFlags;

/* Listing network filters and bindings */
int virConnectListAllNWFilterBindings(virConnectPtr conn,
                                      virNWFilterBindingPtr **bindings,
                                      unsigned int flags);
int virConnectListAllNWFilters(virConnectPtr conn,
                               virNWFilterPtr **filters,
                               unsigned int flags);
int virConnectListNWFilters(virConnectPtr conn,
                            char **const names,
                            int maxnames);
int virConnectNumOfNWFilters(virConnectPtr conn);

/* Network filter bindings */
virNWFilterBindingPtr virNWFilterBindingCreateXML(virConnectPtr conn,
                                                  const char *xml,
                                                  unsigned int flags);
int virNWFilterBindingDelete(virNWFilterBindingPtr binding);
int virNWFilterBindingFree(virNWFilterBindingPtr binding);
const char *virNWFilterBindingGetFilterName(virNWFilterBindingPtr binding);
const char *virNWFilterBindingGetPortDev(virNWFilterBindingPtr binding);
char *virNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding,
                                   unsigned int flags);
virNWFilterBindingPtr virNWFilterBindingLookupByPortDev(virConnectPtr conn,
                                                        const char *portdev);
int virNWFilterBindingRef(virNWFilterBindingPtr binding);

/* Network filter objects */
virNWFilterPtr virNWFilterDefineXML(virConnectPtr conn, const char *xmlDesc);
virNWFilterPtr virNWFilterDefineXMLFlags(virConnectPtr conn,
                                         const char *xmlDesc,
                                         unsigned int flags);
int virNWFilterFree(virNWFilterPtr nwfilter);
const char *virNWFilterGetName(virNWFilterPtr nwfilter);
int virNWFilterGetUUID(virNWFilterPtr nwfilter, unsigned char *uuid);
int virNWFilterGetUUIDString(virNWFilterPtr nwfilter, char *buf);
char *virNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags);
virNWFilterPtr virNWFilterLookupByName(virConnectPtr conn, const char *name);
virNWFilterPtr virNWFilterLookupByUUID(virConnectPtr conn,
                                       const unsigned char *uuid);
virNWFilterPtr virNWFilterLookupByUUIDString(virConnectPtr conn,
                                             const char *uuidstr);
int virNWFilterRef(virNWFilterPtr nwfilter);
int virNWFilterUndefine(virNWFilterPtr nwfilter);

#endif /* LIBVIRT_NWFILTER_H */
