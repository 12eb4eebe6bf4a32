/*
 * virdomainobjlist.c: a driver's domains, found by name, UUID or id
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"

#include <virtplug/objects.h>

#include "virdomainobjlist.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/*
 * @lock guards the members; each object has its own lock, always taken
 * after @lock.  @objs keeps the order domains were added in, which is
 * the order listings report.  Every table holds a reference.
 */
struct _virDomainObjList {
    GMutex lock;
    GPtrArray *objs;                    /* virDomainObj, referenced */
    GHashTable *byUUID;                 /* UUID string -> virDomainObj */
    GHashTable *byName;                 /* name -> virDomainObj */
    gint nextID;                        /* g_atomic only */
};


/**
 * virDomainObjListNew:
 *
 * Returns a new empty list; ids handed out start at 1.
 */
virDomainObjList *
virDomainObjListNew(void)
{
    virDomainObjList *doms = g_new0(virDomainObjList, 1);

    g_mutex_init(&doms->lock);
    doms->objs = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    doms->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    doms->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    doms->nextID = 1;
    return doms;
}


/**
 * virDomainObjListFree:
 * @doms: a list, or NULL
 *
 * Free the list and drop its references on the domains.
 */
void
virDomainObjListFree(virDomainObjList *doms)
{
    if (!doms)
        return;
    g_hash_table_unref(doms->byName);
    g_hash_table_unref(doms->byUUID);
    g_ptr_array_free(doms->objs, TRUE);
    g_mutex_clear(&doms->lock);
    g_free(doms);
}


/**
 * virDomainObjListNextID:
 * @doms: a list
 *
 * Returns the id for the next domain that starts: 1, 2, 3 ... as
 * libvirt's drivers number them, never reused.
 */
int
virDomainObjListNextID(virDomainObjList *doms)
{
    return g_atomic_int_add(&doms->nextID, 1);
}


/* Reference and lock @obj found under @doms->lock, releasing the list
 * lock in between; NULL if the object was removed meanwhile. */
static virDomainObj *
virDomainObjListClaim(virDomainObjList *doms, virDomainObj *obj)
{
    if (!obj) {
        g_mutex_unlock(&doms->lock);
        return NULL;
    }
    virDomainObjRef(obj);
    g_mutex_unlock(&doms->lock);

    virDomainObjLock(obj);
    if (obj->removing) {
        virDomainObjUnlock(obj);
        virDomainObjUnref(obj);
        return NULL;
    }
    return obj;
}


static virDomainObj *
virDomainObjListFindByUUIDLocked(virDomainObjList *doms,
                                 const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, uuidstr);
    return g_hash_table_lookup(doms->byUUID, uuidstr);
}


/**
 * virDomainObjListFindByID:
 * @doms: a list
 * @id: a running domain's id
 *
 * Returns the domain referenced and locked, or NULL (no error set).
 */
virDomainObj *
virDomainObjListFindByID(virDomainObjList *doms, int id)
{
    virDomainObj *found = NULL;
    size_t i;

    g_mutex_lock(&doms->lock);
    for (i = 0; i < doms->objs->len && !found; i++) {
        virDomainObj *obj = g_ptr_array_index(doms->objs, i);

        virDomainObjLock(obj);
        if (obj->def->id == id && id != -1)
            found = obj;
        virDomainObjUnlock(obj);
    }
    return virDomainObjListClaim(doms, found);
}


/**
 * virDomainObjListFindByUUID:
 * @doms: a list
 * @uuid: a raw UUID
 *
 * Returns the domain referenced and locked, or NULL (no error set).
 */
virDomainObj *
virDomainObjListFindByUUID(virDomainObjList *doms,
                           const unsigned char *uuid)
{
    g_mutex_lock(&doms->lock);
    return virDomainObjListClaim(doms,
                                 virDomainObjListFindByUUIDLocked(doms, uuid));
}


/**
 * virDomainObjListFindByName:
 * @doms: a list
 * @name: a domain name
 *
 * Returns the domain referenced and locked, or NULL (no error set).
 */
virDomainObj *
virDomainObjListFindByName(virDomainObjList *doms,
                           const char *name)
{
    g_mutex_lock(&doms->lock);
    return virDomainObjListClaim(doms, g_hash_table_lookup(doms->byName, name));
}


/* With @doms->lock held: check that @def may replace the definition of
 * the domain with its UUID, @obj (locked).  libvirt's codes and words. */
static int
virDomainObjListCheckReplace(virDomainObj *obj,
                             const virDomainDef *def,
                             unsigned int flags)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (obj->removing) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%1$s' is already being removed"),
                       obj->def->name);
        return -1;
    }
    if (STRNEQ(obj->def->name, def->name)) {
        virUUIDFormat(obj->def->uuid, uuidstr);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%1$s' is already defined with uuid %2$s"),
                       obj->def->name, uuidstr);
        return -1;
    }
    if (flags & VIR_DOMAIN_OBJ_LIST_ADD_CHECK_LIVE) {
        if (virDomainObjIsActive(obj)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("domain '%1$s' is already active"),
                           obj->def->name);
            return -1;
        }
        if (!obj->persistent) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("domain '%1$s' is already being started"),
                           obj->def->name);
            return -1;
        }
    }
    return 0;
}


/**
 * virDomainObjListAdd:
 * @doms: a list
 * @def: the definition, stolen on success (*@def becomes NULL)
 * @flags: virDomainObjListAddFlags
 * @oldDef: receives the definition @def replaced, or NULL to free it;
 *          set to NULL when the domain is new
 *
 * Add a domain, or give the domain with @def's UUID the new definition
 * (see virDomainObjAssignDef()).  A new domain is stopped (shutoff,
 * reason unknown), transient until the caller says otherwise.
 *
 * Returns the domain referenced and locked, or NULL with
 * VIR_ERR_OPERATION_FAILED when the name or the UUID belongs to another
 * domain, VIR_ERR_OPERATION_INVALID when CHECK_LIVE finds it running.
 */
virDomainObj *
virDomainObjListAdd(virDomainObjList *doms,
                    virDomainDef **def,
                    unsigned int flags,
                    virDomainDef **oldDef)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainObj *obj;

    if (oldDef)
        *oldDef = NULL;

    g_mutex_lock(&doms->lock);
    if ((obj = virDomainObjListFindByUUIDLocked(doms, (*def)->uuid))) {
        virDomainObjLock(obj);
        if (virDomainObjListCheckReplace(obj, *def, flags) < 0) {
            virDomainObjUnlock(obj);
            g_mutex_unlock(&doms->lock);
            return NULL;
        }
        virDomainObjAssignDef(obj, def,
                              !!(flags & VIR_DOMAIN_OBJ_LIST_ADD_LIVE),
                              oldDef);
        virDomainObjRef(obj);
        g_mutex_unlock(&doms->lock);
        return obj;
    }

    if ((obj = g_hash_table_lookup(doms->byName, (*def)->name))) {
        virDomainObjLock(obj);
        virUUIDFormat(obj->def->uuid, uuidstr);
        virDomainObjUnlock(obj);
        g_mutex_unlock(&doms->lock);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%1$s' already exists with uuid %2$s"),
                       (*def)->name, uuidstr);
        return NULL;
    }

    obj = virDomainObjNew();
    obj->def = g_steal_pointer(def);
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    virUUIDFormat(obj->def->uuid, uuidstr);
    g_hash_table_insert(doms->byUUID, g_strdup(uuidstr), obj);
    g_hash_table_insert(doms->byName, g_strdup(obj->def->name), obj);
    g_ptr_array_add(doms->objs, obj);

    virDomainObjRef(obj);
    virDomainObjLock(obj);
    g_mutex_unlock(&doms->lock);
    return obj;
}


/**
 * virDomainObjListRemove:
 * @doms: a list
 * @obj: a domain of @doms, referenced and locked by the caller
 *
 * Take @obj out of the list.  @obj is unlocked for a moment (the list
 * lock comes first) and is still locked and referenced on return, so
 * the caller finishes with virDomainObjEndAPI() as usual.
 */
void
virDomainObjListRemove(virDomainObjList *doms, virDomainObj *obj)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    obj->removing = true;
    virDomainObjUnlock(obj);

    g_mutex_lock(&doms->lock);
    virDomainObjLock(obj);
    virUUIDFormat(obj->def->uuid, uuidstr);
    g_hash_table_remove(doms->byUUID, uuidstr);
    g_hash_table_remove(doms->byName, obj->def->name);
    /* Drops the list's reference; the caller's keeps @obj alive. */
    g_ptr_array_remove(doms->objs, obj);
    g_mutex_unlock(&doms->lock);
}


/**
 * virDomainObjListNumOfDomains:
 * @doms: a list
 * @active: count running domains (true) or stopped ones (false)
 *
 * Returns the count.
 */
int
virDomainObjListNumOfDomains(virDomainObjList *doms, bool active)
{
    int n = 0;
    size_t i;

    g_mutex_lock(&doms->lock);
    for (i = 0; i < doms->objs->len; i++) {
        virDomainObj *obj = g_ptr_array_index(doms->objs, i);

        virDomainObjLock(obj);
        if (virDomainObjIsActive(obj) == active)
            n++;
        virDomainObjUnlock(obj);
    }
    g_mutex_unlock(&doms->lock);
    return n;
}


/**
 * virDomainObjListGetActiveIDs:
 * @doms: a list
 * @ids: filled with the ids of running domains
 * @maxids: room in @ids
 *
 * Returns how many ids were written.
 */
int
virDomainObjListGetActiveIDs(virDomainObjList *doms,
                             int *ids,
                             int maxids)
{
    int n = 0;
    size_t i;

    g_mutex_lock(&doms->lock);
    for (i = 0; i < doms->objs->len && n < maxids; i++) {
        virDomainObj *obj = g_ptr_array_index(doms->objs, i);

        virDomainObjLock(obj);
        if (virDomainObjIsActive(obj))
            ids[n++] = obj->def->id;
        virDomainObjUnlock(obj);
    }
    g_mutex_unlock(&doms->lock);
    return n;
}


/**
 * virDomainObjListGetInactiveNames:
 * @doms: a list
 * @names: filled with the names of stopped domains, which the caller
 *         frees with g_free()
 * @maxnames: room in @names
 *
 * Returns how many names were written.
 */
int
virDomainObjListGetInactiveNames(virDomainObjList *doms,
                                 char **const names,
                                 int maxnames)
{
    int n = 0;
    size_t i;

    g_mutex_lock(&doms->lock);
    for (i = 0; i < doms->objs->len && n < maxnames; i++) {
        virDomainObj *obj = g_ptr_array_index(doms->objs, i);

        virDomainObjLock(obj);
        if (!virDomainObjIsActive(obj))
            names[n++] = g_strdup(obj->def->name);
        virDomainObjUnlock(obj);
    }
    g_mutex_unlock(&doms->lock);
    return n;
}


/* Whether a property selected by a pair of filter bits matches: no
 * filter when neither bit (or both) is given. */
static bool
virDomainObjListMatchPair(unsigned int flags,
                          unsigned int yes,
                          unsigned int no,
                          bool value)
{
    if (!(flags & yes) == !(flags & no))
        return true;
    return (flags & yes) ? value : !value;
}


static bool
virDomainObjListMatchState(unsigned int flags, int state)
{
    if (!(flags & VIR_CONNECT_LIST_DOMAINS_FILTERS_STATE))
        return true;

    switch (state) {
    case VIR_DOMAIN_RUNNING:
        return flags & VIR_CONNECT_LIST_DOMAINS_RUNNING;
    case VIR_DOMAIN_PAUSED:
        return flags & VIR_CONNECT_LIST_DOMAINS_PAUSED;
    case VIR_DOMAIN_SHUTOFF:
        return flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
    default:
        return flags & VIR_CONNECT_LIST_DOMAINS_OTHER;
    }
}


/* With @obj locked: does it pass the VIR_CONNECT_LIST_DOMAINS_* filters
 * of @flags?  A domain has no checkpoints here. */
static bool
virDomainObjListMatch(virDomainObj *obj, unsigned int flags)
{
    return virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_ACTIVE,
                                     VIR_CONNECT_LIST_DOMAINS_INACTIVE,
                                     virDomainObjIsActive(obj)) &&
        virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
                                  VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
                                  obj->persistent) &&
        virDomainObjListMatchState(flags, obj->state) &&
        virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
                                  VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
                                  obj->hasManagedSave) &&
        virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
                                  VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
                                  obj->autostart) &&
        virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT,
                                  VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
                                  virDomainSnapshotObjListNum(obj->snapshots,
                                                              NULL, 0) > 0) &&
        virDomainObjListMatchPair(flags, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT,
                                  VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
                                  false);
}


typedef struct _virDomainObjListExportItem virDomainObjListExportItem;
struct _virDomainObjListExportItem {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
};


static void
virDomainObjListExportItemClear(virDomainObjListExportItem *item)
{
    g_free(item->name);
}


/**
 * virDomainObjListExport:
 * @doms: a list
 * @conn: the connection the public objects are made for
 * @domains: set to a NULL-terminated array of new domain objects the
 *           caller frees (each with virDomainFree(), then the array with
 *           free()); NULL to only count
 * @flags: VIR_CONNECT_LIST_DOMAINS_* filters (the caller checks them)
 *
 * Returns how many domains match, or -1 with an error set when a public
 * object cannot be made.
 */
int
virDomainObjListExport(virDomainObjList *doms,
                       virConnectPtr conn,
                       virDomainPtr **domains,
                       unsigned int flags)
{
    g_autoptr(GArray) items = g_array_new(FALSE, TRUE,
                                          sizeof(virDomainObjListExportItem));
    virDomainPtr *list;
    size_t i;

    g_array_set_clear_func(items, (GDestroyNotify)virDomainObjListExportItemClear);

    g_mutex_lock(&doms->lock);
    for (i = 0; i < doms->objs->len; i++) {
        virDomainObj *obj = g_ptr_array_index(doms->objs, i);
        virDomainObjListExportItem item;

        virDomainObjLock(obj);
        if (virDomainObjListMatch(obj, flags)) {
            item.name = g_strdup(obj->def->name);
            memcpy(item.uuid, obj->def->uuid, VIR_UUID_BUFLEN);
            item.id = obj->def->id;
            g_array_append_val(items, item);
        }
        virDomainObjUnlock(obj);
    }
    g_mutex_unlock(&doms->lock);

    if (!domains)
        return items->len;

    /* Applications free() the array: GLib allocates with malloc(). */
    list = g_new0(virDomainPtr, items->len + 1);
    for (i = 0; i < items->len; i++) {
        virDomainObjListExportItem *item =
            &g_array_index(items, virDomainObjListExportItem, i);

        if (!(list[i] = virGetDomain(conn, item->name, item->uuid, item->id))) {
            while (i > 0)
                virDomainFree(list[--i]);
            g_free(list);
            return -1;
        }
    }
    *domains = list;
    return items->len;
}
