/*
 * virdomainobj.h: the state a stateful driver keeps for one domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "virdomainsnapshotobjlist.h"

typedef struct _virDomainObj virDomainObj;

/*
 * Reference counted; @lock guards every member but @refs.  Objects found
 * through a virDomainObjList come back referenced and locked; give them
 * back with virDomainObjEndAPI().  Lock order: the list, then an object.
 */
struct _virDomainObj {
    gint refs;
    GMutex lock;

    /* The running definition while active (def->id != -1), otherwise the
     * persistent one.  Owned. */
    virDomainDef *def;
    /* The persistent definition of a running domain, or NULL; it becomes
     * @def again when the domain stops.  Owned. */
    virDomainDef *newDef;

    int state;                          /* virDomainState */
    int reason;                         /* that state's reason enum */
    bool persistent;
    bool autostart;
    bool hasManagedSave;
    bool updated;                       /* live changes not in newDef */
    bool removing;                      /* being taken out of its list */

    virDomainSnapshotObjList *snapshots; /* owned, never NULL */

    void *privateData;                  /* the driver's, freed with: */
    GDestroyNotify privateDataFree;
};

virDomainObj *virDomainObjNew(void);
virDomainObj *virDomainObjRef(virDomainObj *obj);
void virDomainObjUnref(virDomainObj *obj);
void virDomainObjLock(virDomainObj *obj);
void virDomainObjUnlock(virDomainObj *obj);
void virDomainObjEndAPI(virDomainObj **obj);

bool virDomainObjIsActive(const virDomainObj *obj);
int virDomainObjCheckActive(const virDomainObj *obj);
int virDomainObjGetState(const virDomainObj *obj, int *reason);
void virDomainObjSetState(virDomainObj *obj, int state, int reason);

void virDomainObjAssignDef(virDomainObj *obj,
                           virDomainDef **def,
                           bool live,
                           virDomainDef **oldDef);
int virDomainObjSetDefTransient(virDomainObj *obj);
void virDomainObjRemoveTransientDef(virDomainObj *obj);
virDomainDef *virDomainObjGetPersistentDef(virDomainObj *obj);

int virDomainObjUpdateModificationImpact(const virDomainObj *obj,
                                         unsigned int *flags);
int virDomainObjGetDefs(virDomainObj *obj,
                        unsigned int flags,
                        virDomainDef **liveDef,
                        virDomainDef **persDef);
virDomainDef *virDomainObjGetOneDefState(virDomainObj *obj,
                                         unsigned int flags,
                                         bool *live);
virDomainDef *virDomainObjGetOneDef(virDomainObj *obj,
                                    unsigned int flags);
