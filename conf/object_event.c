/*
 * object_event.c: event callbacks and queued delivery for a driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "object_event.h"
#include "virerror.h"
#include "virlog.h"

/* libvirt raises its event bookkeeping errors without a domain. */
#define VIR_FROM_THIS VIR_FROM_NONE

typedef struct _virObjectEventCallback virObjectEventCallback;
struct _virObjectEventCallback {
    int callbackID;
    int eventID;
    virConnectPtr conn;                 /* a reference we hold */
    bool hasFilter;
    unsigned char uuid[VIR_UUID_BUFLEN]; /* valid when hasFilter */
    virObjectEventCallbackFunc cb;
    void *opaque;
    virFreeCallback freecb;
    bool legacy;                        /* virConnectDomainEventRegister() */
    bool deleted;                       /* deregistered while dispatching */
};

/*
 * Locking: @lock guards every member but @refs.  The event loop's
 * functions are called without @lock held, because the loop calls our
 * timer without its own lock and a thread queueing an event must not
 * wait on the loop while the loop waits on us.
 */
struct _virObjectEventState {
    gint refs;
    GMutex lock;
    GPtrArray *callbacks;               /* virObjectEventCallback, in order */
    GPtrArray *queue;                   /* virObjectEvent, oldest first */
    int nextID;                         /* next callback ID handed out */
    int timer;                          /* flush timer, -1 without one */
    bool kicked;                        /* the timer is armed */
    bool dispatching;                   /* a flush runs callbacks */
};


/**
 * virObjectEventNew:
 * @eventID: VIR_OBJECT_EVENT_ID() of the event
 * @name: the object's name (copied)
 * @uuid: the object's raw UUID (copied), or NULL
 * @id: a domain's id, or -1
 * @dispatch: how to call a callback for this event
 * @data: per-kind payload, owned by the event from now on
 * @freeData: frees @data, or NULL
 *
 * Returns a new event the caller owns (hand it to
 * virObjectEventStateQueue() or free it with virObjectEventFree()).
 */
virObjectEvent *
virObjectEventNew(int eventID,
                  const char *name,
                  const unsigned char *uuid,
                  int id,
                  virObjectEventDispatchFunc dispatch,
                  void *data,
                  GDestroyNotify freeData)
{
    virObjectEvent *event = g_new0(virObjectEvent, 1);

    event->eventID = eventID;
    event->name = g_strdup(name);
    if (uuid)
        memcpy(event->uuid, uuid, VIR_UUID_BUFLEN);
    event->id = id;
    event->dispatch = dispatch;
    event->data = data;
    event->freeData = freeData;
    return event;
}


/**
 * virObjectEventFree:
 * @event: an event, or NULL
 *
 * Free @event and its payload.
 */
void
virObjectEventFree(virObjectEvent *event)
{
    if (!event)
        return;
    if (event->freeData)
        event->freeData(event->data);
    g_free(event->name);
    g_free(event);
}


static void
virObjectEventCallbackFree(virObjectEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    /* May be the application's last reference: the connection closes. */
    virConnectClose(cb->conn);
    g_free(cb);
}


/* Finish removed callbacks outside the state lock: their free callbacks
 * and the connection close may call back into the driver. */
static void
virObjectEventCallbacksRelease(GPtrArray *removed)
{
    size_t i;

    if (!removed)
        return;
    for (i = 0; i < removed->len; i++)
        virObjectEventCallbackFree(g_ptr_array_index(removed, i));
    g_ptr_array_free(removed, TRUE);
}


/**
 * virObjectEventStateNew:
 *
 * Returns a new event state with one reference, no callbacks and no
 * timer; the timer is added with the first callback.
 */
virObjectEventState *
virObjectEventStateNew(void)
{
    virObjectEventState *state = g_new0(virObjectEventState, 1);

    state->refs = 1;
    g_mutex_init(&state->lock);
    state->callbacks = g_ptr_array_new();
    state->queue = g_ptr_array_new_with_free_func((GDestroyNotify)virObjectEventFree);
    state->timer = -1;
    return state;
}


/**
 * virObjectEventStateRef:
 * @state: an event state
 *
 * Take one more reference on @state.
 */
void
virObjectEventStateRef(virObjectEventState *state)
{
    g_atomic_int_inc(&state->refs);
}


/**
 * virObjectEventStateUnref:
 * @state: an event state, or NULL
 *
 * Drop a reference; the last one frees the state, the events still
 * queued and any callback left (calling its free callback).
 */
void
virObjectEventStateUnref(virObjectEventState *state)
{
    GPtrArray *removed;

    if (!state || !g_atomic_int_dec_and_test(&state->refs))
        return;

    /* Callbacks hold connections, which hold the driver that owns us, so
     * normally none are left; the timer held a reference of its own. */
    removed = g_steal_pointer(&state->callbacks);
    g_ptr_array_free(state->queue, TRUE);
    g_mutex_clear(&state->lock);
    g_free(state);
    virObjectEventCallbacksRelease(removed);
}


static void
virObjectEventStateTimerFree(void *opaque)
{
    virObjectEventStateUnref(opaque);
}


static bool
virObjectEventCallbackMatch(const virObjectEventCallback *cb,
                            const virObjectEvent *event)
{
    if (cb->deleted || cb->eventID != event->eventID)
        return false;
    return !cb->hasFilter || memcmp(cb->uuid, event->uuid, VIR_UUID_BUFLEN) == 0;
}


/* Deliver @event to every matching callback.  Called and returns with
 * @state->lock held, dropping it around each callback.  Callbacks cannot
 * be freed meanwhile: removal only marks them while @dispatching. */
static void
virObjectEventStateDispatch(virObjectEventState *state,
                            virObjectEvent *event)
{
    size_t i;

    for (i = 0; i < state->callbacks->len; i++) {
        virObjectEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (!virObjectEventCallbackMatch(cb, event))
            continue;

        g_mutex_unlock(&state->lock);
        event->dispatch(cb->conn, event, cb->cb, cb->opaque);
        g_mutex_lock(&state->lock);
    }
}


/* With @state->lock held: take callbacks marked deleted out of the list
 * and, once none is left, the timer too.  Returns what to release. */
static GPtrArray *
virObjectEventStatePurge(virObjectEventState *state, int *oldTimer)
{
    GPtrArray *removed = NULL;
    size_t i = 0;

    while (i < state->callbacks->len) {
        virObjectEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (!cb->deleted) {
            i++;
            continue;
        }
        if (!removed)
            removed = g_ptr_array_new();
        g_ptr_array_add(removed, cb);
        g_ptr_array_remove_index(state->callbacks, i);
    }

    *oldTimer = -1;
    if (state->callbacks->len == 0 && state->timer >= 0) {
        *oldTimer = state->timer;
        state->timer = -1;
        state->kicked = false;
        /* libvirt drops what nobody can receive any more. */
        g_ptr_array_set_size(state->queue, 0);
    }
    return removed;
}


static void
virObjectEventStateFlush(int timer, void *opaque)
{
    virObjectEventState *state = opaque;
    GPtrArray *events;
    GPtrArray *removed;
    int oldTimer;
    size_t i;

    /* Disarm before taking the queue: an event queued after we took it
     * arms the timer again, so none waits for a later event. */
    virEventUpdateTimeout(timer, -1);

    g_mutex_lock(&state->lock);
    state->kicked = false;
    events = state->queue;
    state->queue = g_ptr_array_new_with_free_func((GDestroyNotify)virObjectEventFree);
    state->dispatching = true;

    for (i = 0; i < events->len; i++)
        virObjectEventStateDispatch(state, g_ptr_array_index(events, i));

    state->dispatching = false;
    removed = virObjectEventStatePurge(state, &oldTimer);
    g_mutex_unlock(&state->lock);

    g_ptr_array_free(events, TRUE);
    if (oldTimer >= 0)
        virEventRemoveTimeout(oldTimer);
    /* Last: a released callback may hold the final reference on the
     * connection whose driver owns @state. */
    virObjectEventCallbacksRelease(removed);
}


static bool
virObjectEventCallbackIsDuplicate(const virObjectEventCallback *cb,
                                  virConnectPtr conn,
                                  int eventID,
                                  const unsigned char *uuid,
                                  virObjectEventCallbackFunc func,
                                  bool legacy)
{
    if (cb->deleted || cb->conn != conn || cb->cb != func ||
        cb->eventID != eventID || cb->legacy != legacy)
        return false;
    if (cb->hasFilter != !!uuid)
        return false;
    return !uuid || memcmp(cb->uuid, uuid, VIR_UUID_BUFLEN) == 0;
}


/* Make sure @state has its flush timer; -1 with libvirt's error when no
 * event loop implementation is registered. */
static int
virObjectEventStateEnsureTimer(virObjectEventState *state)
{
    int timer;
    bool haveTimer;

    g_mutex_lock(&state->lock);
    haveTimer = state->timer >= 0;
    g_mutex_unlock(&state->lock);
    if (haveTimer)
        return 0;

    virObjectEventStateRef(state);
    timer = virEventAddTimeout(-1, virObjectEventStateFlush, state,
                               virObjectEventStateTimerFree);
    if (timer < 0) {
        virObjectEventStateUnref(state);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("could not initialize domain event timer"));
        return -1;
    }

    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        state->timer = timer;
        timer = -1;
    }
    g_mutex_unlock(&state->lock);

    /* Another thread added one meanwhile: keep theirs. */
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    return 0;
}


/**
 * virObjectEventStateRegisterID:
 * @state: the driver's event state
 * @conn: the connection registering; referenced while registered
 * @eventID: VIR_OBJECT_EVENT_ID() of the events wanted
 * @uuid: deliver only events of this object, or NULL for all
 * @cb: the application's callback, of the type @eventID implies
 * @opaque: passed to @cb
 * @freecb: called with @opaque when the callback is removed, or NULL
 * @legacy: registered with virConnectDomainEventRegister()
 * @callbackID: set to the new callback's ID, may be NULL
 *
 * Returns 0, or -1 with VIR_ERR_INVALID_ARG when the same callback is
 * registered already for the same events, or VIR_ERR_INTERNAL_ERROR
 * when no event loop is registered (nothing could deliver events).
 */
int
virObjectEventStateRegisterID(virObjectEventState *state,
                              virConnectPtr conn,
                              int eventID,
                              const unsigned char *uuid,
                              virObjectEventCallbackFunc cb,
                              void *opaque,
                              virFreeCallback freecb,
                              bool legacy,
                              int *callbackID)
{
    virObjectEventCallback *entry;
    size_t i;

    if (virObjectEventStateEnsureTimer(state) < 0)
        return -1;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        if (virObjectEventCallbackIsDuplicate(g_ptr_array_index(state->callbacks, i),
                                              conn, eventID, uuid, cb, legacy)) {
            g_mutex_unlock(&state->lock);
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("event callback already tracked"));
            return -1;
        }
    }

    entry = g_new0(virObjectEventCallback, 1);
    entry->callbackID = state->nextID++;
    entry->eventID = eventID;
    entry->conn = conn;
    virConnectRef(conn);
    if (uuid) {
        entry->hasFilter = true;
        memcpy(entry->uuid, uuid, VIR_UUID_BUFLEN);
    }
    entry->cb = cb;
    entry->opaque = opaque;
    entry->freecb = freecb;
    entry->legacy = legacy;
    g_ptr_array_add(state->callbacks, entry);
    if (callbackID)
        *callbackID = entry->callbackID;
    g_mutex_unlock(&state->lock);
    return 0;
}


/**
 * virObjectEventStateDeregisterID:
 * @state: the driver's event state
 * @conn: the connection the callback was registered on
 * @callbackID: what virObjectEventStateRegisterID() returned
 *
 * Remove the callback and call its free callback (after the running
 * dispatch, if one runs).  Returns 0, or -1 with VIR_ERR_INVALID_ARG
 * when @conn has no such callback.
 */
int
virObjectEventStateDeregisterID(virObjectEventState *state,
                                virConnectPtr conn,
                                int callbackID)
{
    GPtrArray *removed = NULL;
    int oldTimer = -1;
    bool found = false;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virObjectEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (cb->callbackID == callbackID && cb->conn == conn && !cb->deleted) {
            cb->deleted = true;
            found = true;
            break;
        }
    }
    if (found && !state->dispatching)
        removed = virObjectEventStatePurge(state, &oldTimer);
    g_mutex_unlock(&state->lock);

    if (!found) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("could not find event callback %1$d for deletion"),
                       callbackID);
        return -1;
    }

    if (oldTimer >= 0)
        virEventRemoveTimeout(oldTimer);
    virObjectEventCallbacksRelease(removed);
    return 0;
}


/**
 * virObjectEventStateLegacyID:
 * @state: the driver's event state
 * @conn: the connection
 * @eventID: the events the callback was registered for
 * @cb: the callback function
 *
 * Returns the ID of the legacy registration of @cb on @conn, or -1 (no
 * error set) when there is none.
 */
int
virObjectEventStateLegacyID(virObjectEventState *state,
                            virConnectPtr conn,
                            int eventID,
                            virObjectEventCallbackFunc cb)
{
    int ret = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virObjectEventCallback *entry = g_ptr_array_index(state->callbacks, i);

        if (entry->legacy && !entry->deleted && entry->conn == conn &&
            entry->eventID == eventID && entry->cb == cb) {
            ret = entry->callbackID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    return ret;
}


/**
 * virObjectEventStateCount:
 * @state: the driver's event state
 *
 * Returns how many callbacks are registered (for tests and debugging).
 */
int
virObjectEventStateCount(virObjectEventState *state)
{
    int n = 0;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virObjectEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (!cb->deleted)
            n++;
    }
    g_mutex_unlock(&state->lock);
    return n;
}


/**
 * virObjectEventStateQueue:
 * @state: the driver's event state
 * @event: the event, owned by @state from now on; NULL is ignored
 *
 * Queue @event for delivery from the event loop.  Without any callback
 * registered the event is dropped, as libvirt does.
 */
void
virObjectEventStateQueue(virObjectEventState *state,
                         virObjectEvent *event)
{
    int timer = -1;

    if (!event)
        return;

    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        g_mutex_unlock(&state->lock);
        virObjectEventFree(event);
        return;
    }
    g_ptr_array_add(state->queue, event);
    if (!state->kicked) {
        state->kicked = true;
        timer = state->timer;
    }
    g_mutex_unlock(&state->lock);

    if (timer >= 0)
        virEventUpdateTimeout(timer, 0);
}
