/*
 * object_event.h: event callbacks and queued delivery for a driver
 *
 * A stateful driver owns one virObjectEventState.  Applications register
 * callbacks on it through the driver's *EventRegisterAny members; the
 * driver queues events as its objects change and the state delivers them
 * later, from a timer of the public event loop, so that callbacks run
 * when the application calls virEventRunDefaultImpl() (or its own loop)
 * and never inside the API call that caused the event.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

/* Events of every kind share one callback list; an event ID is made of
 * a namespace (the kind of object) and the per-kind public ID. */
typedef enum {
    VIR_OBJECT_EVENT_NAMESPACE_DOMAIN = 0,
    VIR_OBJECT_EVENT_NAMESPACE_NETWORK = 1,
    VIR_OBJECT_EVENT_NAMESPACE_STORAGE = 2,
    VIR_OBJECT_EVENT_NAMESPACE_NODEDEV = 3,
    VIR_OBJECT_EVENT_NAMESPACE_SECRET = 4,
} virObjectEventNamespace;

#define VIR_OBJECT_EVENT_ID(ns, id) (((ns) << 8) | (id))

typedef struct _virObjectEventState virObjectEventState;
typedef struct _virObjectEvent virObjectEvent;

/* Any public callback type, stored untyped and cast back by the event's
 * dispatch function, which knows the real signature. */
typedef void (*virObjectEventCallbackFunc)(void);

/* Call @cb for @event on @conn.  Runs with no lock held. */
typedef void (*virObjectEventDispatchFunc)(virConnectPtr conn,
                                           virObjectEvent *event,
                                           virObjectEventCallbackFunc cb,
                                           void *cbopaque);

/* One queued event.  Owned by whoever holds it; the state frees the ones
 * it was given once they are delivered. */
struct _virObjectEvent {
    int eventID;                        /* VIR_OBJECT_EVENT_ID(ns, id) */
    char *name;                         /* the object's name */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                             /* a domain's id, -1 otherwise */
    virObjectEventDispatchFunc dispatch;
    void *data;                         /* per-kind payload, or NULL */
    GDestroyNotify freeData;            /* frees @data; may be NULL */
};

virObjectEvent *virObjectEventNew(int eventID,
                                  const char *name,
                                  const unsigned char *uuid,
                                  int id,
                                  virObjectEventDispatchFunc dispatch,
                                  void *data,
                                  GDestroyNotify freeData);
void virObjectEventFree(virObjectEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virObjectEvent, virObjectEventFree);

virObjectEventState *virObjectEventStateNew(void);
void virObjectEventStateRef(virObjectEventState *state);
void virObjectEventStateUnref(virObjectEventState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virObjectEventState, virObjectEventStateUnref);

int virObjectEventStateRegisterID(virObjectEventState *state,
                                  virConnectPtr conn,
                                  int eventID,
                                  const unsigned char *uuid,
                                  virObjectEventCallbackFunc cb,
                                  void *opaque,
                                  virFreeCallback freecb,
                                  bool legacy,
                                  int *callbackID);
int virObjectEventStateDeregisterID(virObjectEventState *state,
                                    virConnectPtr conn,
                                    int callbackID);
int virObjectEventStateLegacyID(virObjectEventState *state,
                                virConnectPtr conn,
                                int eventID,
                                virObjectEventCallbackFunc cb);
int virObjectEventStateCount(virObjectEventState *state);

void virObjectEventStateQueue(virObjectEventState *state,
                              virObjectEvent *event);
