/*
 * virdomainobjlist.h: a driver's domains, found by name, UUID or id
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virdomainobj.h"

typedef struct _virDomainObjList virDomainObjList;

typedef enum {
    /* The new definition is what the domain is about to run with. */
    VIR_DOMAIN_OBJ_LIST_ADD_LIVE = 1 << 0,
    /* Refuse a domain that runs already (domain create, not define). */
    VIR_DOMAIN_OBJ_LIST_ADD_CHECK_LIVE = 1 << 1,
} virDomainObjListAddFlags;

/* libvirt keeps these groups internal; each pair filters on one
 * property when exactly one of its bits is given. */
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_ACTIVE \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_PERSISTENT \
    (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_STATE \
    (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_MANAGEDSAVE \
    (VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_AUTOSTART \
    (VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_SNAPSHOT \
    (VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_CHECKPOINT \
    (VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)
#define VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL \
    (VIR_CONNECT_LIST_DOMAINS_FILTERS_ACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_PERSISTENT | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_STATE | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_FILTERS_CHECKPOINT)

virDomainObjList *virDomainObjListNew(void);
void virDomainObjListFree(virDomainObjList *doms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainObjList, virDomainObjListFree);

int virDomainObjListNextID(virDomainObjList *doms);

virDomainObj *virDomainObjListFindByID(virDomainObjList *doms, int id);
virDomainObj *virDomainObjListFindByUUID(virDomainObjList *doms,
                                         const unsigned char *uuid);
virDomainObj *virDomainObjListFindByName(virDomainObjList *doms,
                                         const char *name);

virDomainObj *virDomainObjListAdd(virDomainObjList *doms,
                                  virDomainDef **def,
                                  unsigned int flags,
                                  virDomainDef **oldDef);
void virDomainObjListRemove(virDomainObjList *doms, virDomainObj *obj);

int virDomainObjListNumOfDomains(virDomainObjList *doms, bool active);
int virDomainObjListGetActiveIDs(virDomainObjList *doms,
                                 int *ids,
                                 int maxids);
int virDomainObjListGetInactiveNames(virDomainObjList *doms,
                                     char **const names,
                                     int maxnames);
int virDomainObjListExport(virDomainObjList *doms,
                           virConnectPtr conn,
                           virDomainPtr **domains,
                           unsigned int flags);
