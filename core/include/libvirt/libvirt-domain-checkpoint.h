/*
 * virtplug public API: domain checkpoints
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_DOMAIN_CHECKPOINT_H
# define LIBVIRT_DOMAIN_CHECKPOINT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-domain-checkpoint.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Opaque object handles */
typedef struct _virDomainCheckpoint virDomainCheckpoint;
typedef virDomainCheckpoint *virDomainCheckpointPtr;

/* Flag bits for virDomainCheckpointCreateXML() */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE = 1 << 2,
} virDomainCheckpointCreateFlags;

/* Flag bits for virDomainCheckpointDelete() */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY = 1 << 2,
} virDomainCheckpointDeleteFlags;

/* Flag bits for virDomainCheckpointListAllChildren() */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_LIST_ROOTS = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_LIST_LEAVES = 1 << 2,
    VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES = 1 << 3,
} virDomainCheckpointListFlags;

/* Flag bits (virDomainCheckpointXMLFlags) */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_XML_SECURE = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_XML_SIZE = 1 << 2,
} virDomainCheckpointXMLFlags;

/* Checkpoint objects */
virDomainCheckpointPtr virDomainCheckpointCreateXML(virDomainPtr domain,
                                                    const char *xmlDesc,
                                                    unsigned int flags);
int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint,
                              unsigned int flags);
int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint);
virConnectPtr virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint);
virDomainPtr virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint);
const char *virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint);
virDomainCheckpointPtr virDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint,
                                                    unsigned int flags);
char *virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint,
                                    unsigned int flags);
int virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                       virDomainCheckpointPtr **children,
                                       unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain,
                                                       const char *name,
                                                       unsigned int flags);
int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint);
int virDomainListAllCheckpoints(virDomainPtr domain,
                                virDomainCheckpointPtr **checkpoints,
                                unsigned int flags);

#endif /* LIBVIRT_DOMAIN_CHECKPOINT_H */
