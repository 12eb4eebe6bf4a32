/*
 * hello_event.c: domain lifecycle events of the hello plugin
 *
 * The SDK's headers give a driver no event machinery, so the plugin keeps
 * its own with the public event loop API: callbacks are kept in a list,
 * a state change queues an event, and a timer of the application's event
 * loop (virEventAddTimeout) delivers the queue.  Callbacks therefore run
 * when the application runs its loop, never inside the API call that
 * changed the domain, as libvirt promises.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "hello_private.h"


/**
 * helloEventQueue:
 * @driver: the driver state, locked by the caller
 * @dom: the domain that changed
 * @type: a virDomainEventType
 * @detail: the type's detail (virDomainEventStartedDetailType ...)
 *
 * Queue a lifecycle event and wake the delivery timer.  Without any
 * registered callback there is no timer and nothing is queued.
 */
void
helloEventQueue(helloDriverState *driver, const helloDomain *dom,
                int type, int detail)
{
    helloEvent *event;
    helloEvent **tail;

    if (driver->timer < 0)
        return;
    /* Out of memory loses the event, not the state change that caused it. */
    if (!(event = calloc(1, sizeof(*event))))
        return;
    memcpy(event->name, dom->name, sizeof(event->name));
    memcpy(event->uuid, dom->uuid, VIR_UUID_BUFLEN);
    event->id = dom->id;
    event->type = type;
    event->detail = detail;

    for (tail = &driver->queue; *tail; tail = &(*tail)->next)
        ;
    *tail = event;
    virEventUpdateTimeout(driver->timer, 0);
}


static bool
helloCallbackWants(const helloCallback *cb, const helloEvent *event)
{
    if (cb->deleted || cb->eventID != VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        return false;
    return !cb->filtered || memcmp(cb->uuid, event->uuid, VIR_UUID_BUFLEN) == 0;
}


/* Call every interested callback for @event.  The lock is dropped around
 * each call (a callback may call back into the driver); deregistration
 * meanwhile only marks a callback deleted, so the list stays walkable. */
static void
helloEventDeliver(helloDriverState *driver, const helloEvent *event)
{
    helloCallback *cb;

    for (cb = driver->callbacks; cb; cb = cb->next) {
        virConnectDomainEventCallback func;
        virConnectPtr conn = cb->conn;
        void *opaque = cb->opaque;
        virDomainPtr dom;

        if (!helloCallbackWants(cb, event))
            continue;
        /* Lifecycle callbacks are registered through the generic type and
         * have the lifecycle signature; libvirt's API casts the same way. */
        func = (virConnectDomainEventCallback)(void (*)(void))cb->cb;

        pthread_mutex_unlock(&driver->lock);
        if ((dom = virGetDomain(conn, event->name, event->uuid, event->id))) {
            func(conn, dom, event->type, event->detail, opaque);
            virDomainFree(dom);
        }
        pthread_mutex_lock(&driver->lock);
    }
}


/* Unlink the callbacks marked deleted; returns them for the caller to
 * free once it has dropped the lock. */
static helloCallback *
helloCallbackPurge(helloDriverState *driver)
{
    helloCallback *purged = NULL;
    helloCallback **link = &driver->callbacks;

    while (*link) {
        helloCallback *cb = *link;

        if (cb->deleted) {
            *link = cb->next;
            cb->next = purged;
            purged = cb;
        } else {
            link = &cb->next;
        }
    }
    return purged;
}


/* Run the application's free callbacks and drop the connection
 * references of @list; the driver lock must not be held. */
static void
helloCallbackListFree(helloCallback *list)
{
    while (list) {
        helloCallback *next = list->next;

        if (list->freecb)
            list->freecb(list->opaque);
        virConnectClose(list->conn);
        free(list);
        list = next;
    }
}


/* The timer: deliver the whole queue, oldest first, then sleep until the
 * next event is queued. */
static void
helloEventTimer(int timer, void *opaque)
{
    helloDriverState *driver = opaque;
    helloCallback *purged;
    helloEvent *queue;

    pthread_mutex_lock(&driver->lock);
    virEventUpdateTimeout(timer, -1);
    queue = driver->queue;
    driver->queue = NULL;
    driver->dispatching = true;
    while (queue) {
        helloEvent *next = queue->next;

        helloEventDeliver(driver, queue);
        free(queue);
        queue = next;
    }
    driver->dispatching = false;
    purged = helloCallbackPurge(driver);
    pthread_mutex_unlock(&driver->lock);

    helloCallbackListFree(purged);
}


static bool
helloDriverHasCallbacks(const helloDriverState *driver)
{
    const helloCallback *cb;

    for (cb = driver->callbacks; cb; cb = cb->next) {
        if (!cb->deleted)
            return true;
    }
    return false;
}


/**
 * helloConnectDomainEventRegisterAny:
 *
 * The virConnectDomainEventRegisterAny() member.  Any event ID is
 * accepted (the public headers name the last one only for libvirt's own
 * build); only VIR_DOMAIN_EVENT_ID_LIFECYCLE ever fires here.
 * Needs an event loop implementation (virEventRegisterDefaultImpl()).
 *
 * Returns the callback ID, or -1 with an error set.
 */
int
helloConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                   int eventID,
                                   virConnectDomainEventGenericCallback cb,
                                   void *opaque, virFreeCallback freecb)
{
    helloDriverState *driver = &helloDriver;
    helloCallback *entry;
    helloCallback **tail;
    int callbackID;

    if (eventID < 0) {
        HELLO_ERROR(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    if (!(entry = calloc(1, sizeof(*entry)))) {
        HELLO_ERROR(VIR_ERR_NO_MEMORY, NULL);
        return -1;
    }
    if (dom && virDomainGetUUID(dom, entry->uuid) == 0)
        entry->filtered = true;
    entry->conn = conn;
    entry->eventID = eventID;
    entry->cb = cb;
    entry->opaque = opaque;
    entry->freecb = freecb;

    pthread_mutex_lock(&driver->lock);
    if (driver->timer < 0 &&
        (driver->timer = virEventAddTimeout(-1, helloEventTimer,
                                            driver, NULL)) < 0) {
        pthread_mutex_unlock(&driver->lock);
        free(entry);
        HELLO_ERROR(VIR_ERR_INTERNAL_ERROR,
                    "could not add the event timer: no event loop is registered");
        return -1;
    }
    /* The callback keeps its connection open until it is deregistered,
     * as in libvirt. */
    virConnectRef(conn);
    callbackID = entry->callbackID = driver->nextCallbackID++;
    for (tail = &driver->callbacks; *tail; tail = &(*tail)->next)
        ;
    *tail = entry;
    pthread_mutex_unlock(&driver->lock);
    return callbackID;
}


/**
 * helloConnectDomainEventDeregisterAny:
 *
 * The virConnectDomainEventDeregisterAny() member.
 *
 * Returns 0, or -1 with VIR_ERR_INVALID_ARG for an unknown callback ID.
 */
int
helloConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    helloDriverState *driver = &helloDriver;
    helloCallback *cb;
    helloCallback *purged = NULL;
    int timer = -1;

    pthread_mutex_lock(&driver->lock);
    for (cb = driver->callbacks; cb; cb = cb->next) {
        if (cb->callbackID == callbackID && cb->conn == conn && !cb->deleted)
            break;
    }
    if (!cb) {
        pthread_mutex_unlock(&driver->lock);
        HELLO_ERROR(VIR_ERR_INVALID_ARG,
                    "could not find event callback %d for deletion", callbackID);
        return -1;
    }
    cb->deleted = true;
    if (!driver->dispatching)
        purged = helloCallbackPurge(driver);
    if (!helloDriverHasCallbacks(driver) && !driver->dispatching) {
        timer = driver->timer;
        driver->timer = -1;
        while (driver->queue) {
            helloEvent *next = driver->queue->next;

            free(driver->queue);
            driver->queue = next;
        }
    }
    pthread_mutex_unlock(&driver->lock);

    if (timer >= 0)
        virEventRemoveTimeout(timer);
    helloCallbackListFree(purged);
    return 0;
}
