/*
 * virdomainobj.c: the state a stateful driver keeps for one domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virdomainobj.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN


/**
 * virDomainObjNew:
 *
 * Returns a new, unlocked domain object with one reference, no
 * definition, state VIR_DOMAIN_NOSTATE and an empty snapshot list.
 */
virDomainObj *
virDomainObjNew(void)
{
    virDomainObj *obj = g_new0(virDomainObj, 1);

    obj->refs = 1;
    g_mutex_init(&obj->lock);
    obj->state = VIR_DOMAIN_NOSTATE;
    obj->snapshots = virDomainSnapshotObjListNew();
    return obj;
}


/**
 * virDomainObjRef:
 * @obj: a domain object
 *
 * Returns @obj with one more reference.
 */
virDomainObj *
virDomainObjRef(virDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}


/**
 * virDomainObjUnref:
 * @obj: a domain object, or NULL; not locked by the caller when this may
 *       be the last reference
 *
 * Drop a reference; the last one frees the definitions, the snapshots
 * and the driver's private data.
 */
void
virDomainObjUnref(virDomainObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;

    if (obj->privateDataFree)
        obj->privateDataFree(obj->privateData);
    virDomainSnapshotObjListFree(obj->snapshots);
    virDomainDefFree(obj->newDef);
    virDomainDefFree(obj->def);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}


/**
 * virDomainObjLock:
 * @obj: a domain object
 *
 * Lock @obj.  Take a list's lock first if both are needed.
 */
void
virDomainObjLock(virDomainObj *obj)
{
    g_mutex_lock(&obj->lock);
}


/**
 * virDomainObjUnlock:
 * @obj: a domain object locked by the caller
 */
void
virDomainObjUnlock(virDomainObj *obj)
{
    g_mutex_unlock(&obj->lock);
}


/**
 * virDomainObjEndAPI:
 * @obj: where a locked and referenced object is kept; may point to NULL
 *
 * Unlock and unreference what a list lookup returned, and clear *@obj.
 */
void
virDomainObjEndAPI(virDomainObj **obj)
{
    if (!*obj)
        return;
    virDomainObjUnlock(*obj);
    virDomainObjUnref(*obj);
    *obj = NULL;
}


/**
 * virDomainObjIsActive:
 * @obj: a locked domain object
 *
 * Returns whether the domain runs, that is has an id.
 */
bool
virDomainObjIsActive(const virDomainObj *obj)
{
    return obj->def->id != -1;
}


/**
 * virDomainObjCheckActive:
 * @obj: a locked domain object
 *
 * Returns 0 if the domain runs, otherwise -1 with libvirt's
 * VIR_ERR_OPERATION_INVALID "domain is not running".
 */
int
virDomainObjCheckActive(const virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        return -1;
    }
    return 0;
}


/**
 * virDomainObjGetState:
 * @obj: a locked domain object
 * @reason: set to the state's reason, may be NULL
 *
 * Returns the virDomainState.
 */
int
virDomainObjGetState(const virDomainObj *obj, int *reason)
{
    if (reason)
        *reason = obj->reason;
    return obj->state;
}


/**
 * virDomainObjSetState:
 * @obj: a locked domain object
 * @state: a virDomainState
 * @reason: the reason, from the enum that goes with @state
 */
void
virDomainObjSetState(virDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}


/**
 * virDomainObjAssignDef:
 * @obj: a locked domain object
 * @def: the new definition, stolen (*@def becomes NULL)
 * @live: @def is what the domain is about to run with
 * @oldDef: receives the definition @def replaces, or NULL to free it
 *
 * Install @def where it belongs: for a running domain it becomes the
 * persistent definition applied at the next start; for a stopped one it
 * replaces the definition, keeping the old one as the persistent
 * definition when @live says the domain is about to start with @def.
 */
void
virDomainObjAssignDef(virDomainObj *obj,
                      virDomainDef **def,
                      bool live,
                      virDomainDef **oldDef)
{
    virDomainDef *replaced = NULL;

    if (oldDef)
        *oldDef = NULL;

    if (virDomainObjIsActive(obj)) {
        replaced = g_steal_pointer(&obj->newDef);
        obj->newDef = g_steal_pointer(def);
    } else if (live) {
        if (!obj->newDef)
            obj->newDef = g_steal_pointer(&obj->def);
        else
            virDomainDefFree(g_steal_pointer(&obj->def));
        obj->def = g_steal_pointer(def);
    } else {
        replaced = g_steal_pointer(&obj->def);
        obj->def = g_steal_pointer(def);
    }

    if (oldDef)
        *oldDef = replaced;
    else
        virDomainDefFree(replaced);
}


/**
 * virDomainObjSetDefTransient:
 * @obj: a locked domain object that is starting
 *
 * Keep a copy of a persistent domain's definition as its persistent
 * definition, so that what changes while it runs is forgotten when it
 * stops.  Nothing to do for a transient domain or when the copy exists.
 * Returns 0, or -1 with an error set.
 */
int
virDomainObjSetDefTransient(virDomainObj *obj)
{
    if (!obj->persistent || obj->newDef)
        return 0;

    if (!(obj->newDef = virDomainDefCopy(obj->def)))
        return -1;
    obj->newDef->id = -1;
    return 0;
}


/**
 * virDomainObjRemoveTransientDef:
 * @obj: a locked domain object that has stopped
 *
 * Drop the running definition and make the persistent one current again
 * (with id -1).  A transient domain keeps its definition, id included,
 * as libvirt does until the driver forgets the domain.
 */
void
virDomainObjRemoveTransientDef(virDomainObj *obj)
{
    if (!obj->newDef)
        return;

    virDomainDefFree(obj->def);
    obj->def = g_steal_pointer(&obj->newDef);
    obj->def->id = -1;
    obj->updated = false;
}


/**
 * virDomainObjGetPersistentDef:
 * @obj: a locked domain object
 *
 * Returns the persistent definition (owned by @obj), or NULL for a
 * transient domain.
 */
virDomainDef *
virDomainObjGetPersistentDef(virDomainObj *obj)
{
    if (!obj->persistent)
        return NULL;
    if (virDomainObjIsActive(obj) && obj->newDef)
        return obj->newDef;
    return obj->def;
}


/**
 * virDomainObjUpdateModificationImpact:
 * @obj: a locked domain object
 * @flags: VIR_DOMAIN_AFFECT_* bits, updated in place
 *
 * Turn VIR_DOMAIN_AFFECT_CURRENT into LIVE or CONFIG and check that the
 * domain has what the flags ask for.  Returns 0, or -1 with libvirt's
 * VIR_ERR_OPERATION_INVALID errors.
 */
int
virDomainObjUpdateModificationImpact(const virDomainObj *obj,
                                     unsigned int *flags)
{
    bool active = virDomainObjIsActive(obj);

    if ((*flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) ==
        VIR_DOMAIN_AFFECT_CURRENT)
        *flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;

    if (!active && (*flags & VIR_DOMAIN_AFFECT_LIVE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        return -1;
    }

    if (!obj->persistent && (*flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("transient domains do not have any persistent config"));
        return -1;
    }
    return 0;
}


/**
 * virDomainObjGetDefs:
 * @obj: a locked domain object
 * @flags: VIR_DOMAIN_AFFECT_* bits
 * @liveDef: set to the running definition when @flags affect it, else NULL
 * @persDef: set to the persistent definition when @flags affect it, else NULL
 *
 * Returns 0, or -1 with an error set (see
 * virDomainObjUpdateModificationImpact()).  The definitions stay @obj's.
 */
int
virDomainObjGetDefs(virDomainObj *obj,
                    unsigned int flags,
                    virDomainDef **liveDef,
                    virDomainDef **persDef)
{
    if (liveDef)
        *liveDef = NULL;
    if (persDef)
        *persDef = NULL;

    if (virDomainObjUpdateModificationImpact(obj, &flags) < 0)
        return -1;

    if (liveDef && (flags & VIR_DOMAIN_AFFECT_LIVE))
        *liveDef = obj->def;
    if (persDef && (flags & VIR_DOMAIN_AFFECT_CONFIG))
        *persDef = virDomainObjGetPersistentDef(obj);
    return 0;
}


/**
 * virDomainObjGetOneDefState:
 * @obj: a locked domain object
 * @flags: VIR_DOMAIN_AFFECT_* bits naming one definition at most
 * @live: set to whether the running definition was picked, may be NULL
 *
 * Returns the one definition @flags select (owned by @obj), or NULL with
 * VIR_ERR_INVALID_ARG when both LIVE and CONFIG are given, or the errors
 * of virDomainObjUpdateModificationImpact().
 */
virDomainDef *
virDomainObjGetOneDefState(virDomainObj *obj,
                           unsigned int flags,
                           bool *live)
{
    /* libvirt words this as an invalid argument without the usual
     * "invalid argument: " prefix. */
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virRaiseErrorFull(__FILE__, __func__, __LINE__, VIR_FROM_THIS,
                          VIR_ERR_INVALID_ARG, VIR_ERR_ERROR,
                          NULL, NULL, NULL, -1, -1,
                          _("Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive"));
        return NULL;
    }

    if (virDomainObjUpdateModificationImpact(obj, &flags) < 0)
        return NULL;

    if (live)
        *live = !!(flags & VIR_DOMAIN_AFFECT_LIVE);
    if (flags & VIR_DOMAIN_AFFECT_LIVE)
        return obj->def;
    return virDomainObjGetPersistentDef(obj);
}


/**
 * virDomainObjGetOneDef:
 * @obj: a locked domain object
 * @flags: VIR_DOMAIN_AFFECT_* bits naming one definition at most
 *
 * Returns what virDomainObjGetOneDefState() returns.
 */
virDomainDef *
virDomainObjGetOneDef(virDomainObj *obj,
                      unsigned int flags)
{
    return virDomainObjGetOneDefState(obj, flags, NULL);
}
