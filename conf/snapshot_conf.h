/*
 * snapshot_conf.h: the domain snapshot XML model (libvirt's
 * formatsnapshot): <domainsnapshot> with its memory and disk requests
 * and the domain definition it saved
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "internal.h"
#include "virbuffer.h"
#include "virenum.h"
#include "domain_conf.h"

/* Flags of the parse functions. */
typedef enum {
    /* Stored metadata or snapshot-create --redefine: <state>,
     * <creationTime>, <parent> and <domain> are read instead of being
     * left for the driver to fill, and a name is required. */
    VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE = 1 << 0,
    /* <disks> may be given (without it, disk requests are refused). */
    VIR_DOMAIN_SNAPSHOT_PARSE_DISKS = 1 << 1,
    /* The driver's own metadata file: <active> is read and required. */
    VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL = 1 << 2,
    /* The domain is shut off or the snapshot is disk-only: no memory. */
    VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE = 1 << 3,
} virDomainSnapshotParseFlags;

/* Flags of the format function. */
typedef enum {
    /* Include secrets of the saved domain definition. */
    VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE = 1 << 0,
    /* Driver metadata: append <active>, from def->current. */
    VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL = 1 << 1,
} virDomainSnapshotFormatFlags;

/* <state>: the public virDomainState values, then one of its own. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_NOSTATE = VIR_DOMAIN_NOSTATE,
    VIR_DOMAIN_SNAPSHOT_RUNNING = VIR_DOMAIN_RUNNING,
    VIR_DOMAIN_SNAPSHOT_BLOCKED = VIR_DOMAIN_BLOCKED,
    VIR_DOMAIN_SNAPSHOT_PAUSED = VIR_DOMAIN_PAUSED,
    VIR_DOMAIN_SNAPSHOT_SHUTDOWN = VIR_DOMAIN_SHUTDOWN,
    VIR_DOMAIN_SNAPSHOT_SHUTOFF = VIR_DOMAIN_SHUTOFF,
    VIR_DOMAIN_SNAPSHOT_CRASHED = VIR_DOMAIN_CRASHED,
    VIR_DOMAIN_SNAPSHOT_PMSUSPENDED = VIR_DOMAIN_PMSUSPENDED,
    /* only the disks were saved, with the domain running */
    VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT,

    VIR_DOMAIN_SNAPSHOT_LAST
} virDomainSnapshotState;

/* One <disks><disk>: what to do with one disk of the domain. */
typedef struct _virDomainSnapshotDiskDef virDomainSnapshotDiskDef;
struct _virDomainSnapshotDiskDef {
    char *name;                 /* target ("vda") or source path */
    virDomainSnapshotLocation snapshot;
    /* The new image of an external snapshot: type NONE when no <source>
     * and no type was given; format from <driver type=>. Never NULL. */
    virStorageSource *src;
};

typedef struct _virDomainSnapshotDef virDomainSnapshotDef;
struct _virDomainSnapshotDef {
    char *name;
    char *description;
    char *parent_name;          /* <parent><name> */
    long long creationTime;     /* seconds since the epoch */
    virDomainSnapshotState state;

    virDomainSnapshotLocation memory;   /* DEFAULT: not said */
    char *memorysnapshotfile;           /* <memory file=> */

    virDomainSnapshotDiskDef *disks;
    size_t ndisks;
    /* <revertDisks> (libvirt 9.7+): the overlays a revert to this
     * snapshot created while it had children, whose <disks> the
     * children still need.  Same shape as <disks>. */
    virDomainSnapshotDiskDef *revertDisks;
    size_t nrevertDisks;

    virDomainDef *dom;          /* <domain>, NULL when absent */
    virDomainDef *inactiveDom;  /* <inactiveDomain>, NULL when absent */
    xmlNodePtr cookie;          /* copy of <cookie> (own document), or NULL */
    bool current;               /* <active>1</active> of driver metadata */
};

VIR_ENUM_DECL(virDomainSnapshotState);

void virDomainSnapshotDefFree(virDomainSnapshotDef *def);
void virDomainSnapshotDefClearRevertDisks(virDomainSnapshotDef *def);
int virDomainSnapshotDefSetCookieCPU(virDomainSnapshotDef *def,
                                     const virDomainDef *dom,
                                     const char *defaultModel);
int virDomainSnapshotDefApplyCookieCPU(const virDomainSnapshotDef *def,
                                       virDomainDef *dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshotDef, virDomainSnapshotDefFree);

virDomainSnapshotDef *virDomainSnapshotDefParseString(const char *xml,
                                                      unsigned int flags);
virDomainSnapshotDef *virDomainSnapshotDefParseFile(const char *filename,
                                                    unsigned int flags);
virDomainSnapshotDef *virDomainSnapshotDefParseNode(xmlDocPtr xml,
                                                    xmlNodePtr root,
                                                    unsigned int flags);

char *virDomainSnapshotDefFormat(const virDomainSnapshotDef *def,
                                 unsigned int flags);
