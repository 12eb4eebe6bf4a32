/*
 * domain_event.c: domain events on top of the generic event state
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"

#include <virtplug/objects.h>

#include "domain_event.h"
#include "virerror.h"

/* libvirt raises its event bookkeeping errors without a domain. */
#define VIR_FROM_THIS VIR_FROM_NONE

#define VIR_DOMAIN_EVENT(id) \
    VIR_OBJECT_EVENT_ID(VIR_OBJECT_EVENT_NAMESPACE_DOMAIN, (id))

typedef struct _virDomainEventLifecycleData virDomainEventLifecycleData;
struct _virDomainEventLifecycleData {
    int type;                           /* virDomainEventType */
    int detail;                         /* the type's detail enum */
};


static void
virDomainEventDispatchLifecycle(virConnectPtr conn,
                                virObjectEvent *event,
                                virObjectEventCallbackFunc cb,
                                void *cbopaque)
{
    virDomainEventLifecycleData *data = event->data;
    virConnectDomainEventCallback lifecycle = (virConnectDomainEventCallback)cb;
    virDomainPtr dom;

    if (!(dom = virGetDomain(conn, event->name, event->uuid, event->id)))
        return;
    lifecycle(conn, dom, data->type, data->detail, cbopaque);
    virDomainFree(dom);
}


static void
virDomainEventDispatchGeneric(virConnectPtr conn,
                              virObjectEvent *event,
                              virObjectEventCallbackFunc cb,
                              void *cbopaque)
{
    virConnectDomainEventGenericCallback generic =
        (virConnectDomainEventGenericCallback)cb;
    virDomainPtr dom;

    if (!(dom = virGetDomain(conn, event->name, event->uuid, event->id)))
        return;
    generic(conn, dom, cbopaque);
    virDomainFree(dom);
}


/**
 * virDomainEventLifecycleNew:
 * @name: the domain's name
 * @uuid: the domain's raw UUID
 * @id: the domain's id as the event reports it (-1 when stopped)
 * @type: a virDomainEventType
 * @detail: the detail enum value that goes with @type
 *
 * Returns a new VIR_DOMAIN_EVENT_ID_LIFECYCLE event the caller owns.
 */
virObjectEvent *
virDomainEventLifecycleNew(const char *name,
                           const unsigned char *uuid,
                           int id,
                           int type,
                           int detail)
{
    virDomainEventLifecycleData *data = g_new0(virDomainEventLifecycleData, 1);

    data->type = type;
    data->detail = detail;
    return virObjectEventNew(VIR_DOMAIN_EVENT(VIR_DOMAIN_EVENT_ID_LIFECYCLE),
                             name, uuid, id,
                             virDomainEventDispatchLifecycle,
                             data, g_free);
}


/**
 * virDomainEventLifecycleNewFromDom:
 * @dom: the public domain object the event is about
 * @type: a virDomainEventType
 * @detail: the detail enum value that goes with @type
 *
 * Returns a new lifecycle event for @dom's name, UUID and id.
 */
virObjectEvent *
virDomainEventLifecycleNewFromDom(virDomainPtr dom,
                                  int type,
                                  int detail)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (virDomainGetUUID(dom, uuid) < 0)
        return NULL;
    /* virDomainGetID() answers (unsigned int)-1 for an inactive one. */
    return virDomainEventLifecycleNew(virDomainGetName(dom), uuid,
                                      (int)virDomainGetID(dom),
                                      type, detail);
}


/**
 * virDomainEventLifecycleNewFromObj:
 * @obj: the domain object, locked by the caller
 * @type: a virDomainEventType
 * @detail: the detail enum value that goes with @type
 *
 * Returns a new lifecycle event carrying @obj's current name, UUID and
 * id, which is what libvirt reports (-1 once a persistent domain has
 * stopped, the old id for a transient one).
 */
virObjectEvent *
virDomainEventLifecycleNewFromObj(virDomainObj *obj,
                                  int type,
                                  int detail)
{
    return virDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                      obj->def->id, type, detail);
}


/**
 * virDomainEventRebootNew:
 * @name: the domain's name
 * @uuid: the domain's raw UUID
 * @id: the domain's id
 *
 * Returns a new VIR_DOMAIN_EVENT_ID_REBOOT event the caller owns.
 */
virObjectEvent *
virDomainEventRebootNew(const char *name,
                        const unsigned char *uuid,
                        int id)
{
    return virObjectEventNew(VIR_DOMAIN_EVENT(VIR_DOMAIN_EVENT_ID_REBOOT),
                             name, uuid, id,
                             virDomainEventDispatchGeneric, NULL, NULL);
}


/**
 * virDomainEventRebootNewFromObj:
 * @obj: the domain object, locked by the caller
 *
 * Returns a new reboot event for @obj.
 */
virObjectEvent *
virDomainEventRebootNewFromObj(virDomainObj *obj)
{
    return virDomainEventRebootNew(obj->def->name, obj->def->uuid,
                                   obj->def->id);
}


/**
 * virDomainEventStateRegisterID:
 * @state: the driver's event state
 * @conn: the registering connection
 * @dom: deliver only events of this domain, or NULL for every domain
 * @eventID: a public VIR_DOMAIN_EVENT_ID_*
 * @cb: the callback, of the type @eventID implies
 * @opaque: passed to @cb
 * @freecb: called with @opaque on removal, or NULL
 * @callbackID: set to the new callback's ID
 *
 * What a driver's connectDomainEventRegisterAny does.  Returns 0 or -1
 * with an error set (see virObjectEventStateRegisterID()).
 */
int
virDomainEventStateRegisterID(virObjectEventState *state,
                              virConnectPtr conn,
                              virDomainPtr dom,
                              int eventID,
                              virConnectDomainEventGenericCallback cb,
                              void *opaque,
                              virFreeCallback freecb,
                              int *callbackID)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (dom && virDomainGetUUID(dom, uuid) < 0)
        return -1;
    return virObjectEventStateRegisterID(state, conn, VIR_DOMAIN_EVENT(eventID),
                                         dom ? uuid : NULL,
                                         (virObjectEventCallbackFunc)cb,
                                         opaque, freecb, false, callbackID);
}


/**
 * virDomainEventStateRegister:
 * @state: the driver's event state
 * @conn: the registering connection
 * @cb: a lifecycle callback
 * @opaque: passed to @cb
 * @freecb: called with @opaque on removal, or NULL
 *
 * The old virConnectDomainEventRegister(): lifecycle events of every
 * domain, the registration named by @cb itself.  Returns 0 or -1 with an
 * error set ("event callback already tracked" when @cb is registered on
 * @conn this way already).
 */
int
virDomainEventStateRegister(virObjectEventState *state,
                            virConnectPtr conn,
                            virConnectDomainEventCallback cb,
                            void *opaque,
                            virFreeCallback freecb)
{
    return virObjectEventStateRegisterID(state, conn,
                                         VIR_DOMAIN_EVENT(VIR_DOMAIN_EVENT_ID_LIFECYCLE),
                                         NULL, (virObjectEventCallbackFunc)cb,
                                         opaque, freecb, true, NULL);
}


/**
 * virDomainEventStateDeregister:
 * @state: the driver's event state
 * @conn: the connection
 * @cb: the callback given to virDomainEventStateRegister()
 *
 * Returns 0, or -1 with VIR_ERR_INVALID_ARG when @cb is not registered
 * on @conn with virConnectDomainEventRegister().
 */
int
virDomainEventStateDeregister(virObjectEventState *state,
                              virConnectPtr conn,
                              virConnectDomainEventCallback cb)
{
    int callbackID;

    callbackID = virObjectEventStateLegacyID(state, conn,
                                             VIR_DOMAIN_EVENT(VIR_DOMAIN_EVENT_ID_LIFECYCLE),
                                             (virObjectEventCallbackFunc)cb);
    if (callbackID < 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("event callback function %1$p not registered"),
                       (void *)(uintptr_t)cb);
        return -1;
    }
    return virObjectEventStateDeregisterID(state, conn, callbackID);
}
