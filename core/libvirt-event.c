/*
 * libvirt-event.c: the event loop API (libvirt-event.h)
 *
 * An application either registers its own loop with virEventRegisterImpl()
 * or asks for the default one, which runs on GLib's default main context:
 * virEventRunDefaultImpl() is one g_main_context_iteration().  Drivers and
 * the event queues in conf/ use only the public virEventAdd* calls, so
 * they work with either.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib-unix.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

static GMutex implLock;     /* guards the registered implementation */
static virEventAddHandleFunc addHandleImpl;
static virEventUpdateHandleFunc updateHandleImpl;
static virEventRemoveHandleFunc removeHandleImpl;
static virEventAddTimeoutFunc addTimeoutImpl;
static virEventUpdateTimeoutFunc updateTimeoutImpl;
static virEventRemoveTimeoutFunc removeTimeoutImpl;


void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    g_mutex_lock(&implLock);
    addHandleImpl = addHandle;
    updateHandleImpl = updateHandle;
    removeHandleImpl = removeHandle;
    addTimeoutImpl = addTimeout;
    updateTimeoutImpl = updateTimeout;
    removeTimeoutImpl = removeTimeout;
    g_mutex_unlock(&implLock);
}


int
virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                  void *opaque, virFreeCallback ff)
{
    virEventAddHandleFunc impl;

    g_mutex_lock(&implLock);
    impl = addHandleImpl;
    g_mutex_unlock(&implLock);
    return impl ? impl(fd, events, cb, opaque, ff) : -1;
}


void
virEventUpdateHandle(int watch, int events)
{
    virEventUpdateHandleFunc impl;

    g_mutex_lock(&implLock);
    impl = updateHandleImpl;
    g_mutex_unlock(&implLock);
    if (impl)
        impl(watch, events);
}


int
virEventRemoveHandle(int watch)
{
    virEventRemoveHandleFunc impl;

    g_mutex_lock(&implLock);
    impl = removeHandleImpl;
    g_mutex_unlock(&implLock);
    return impl ? impl(watch) : -1;
}


int
virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                   virFreeCallback ff)
{
    virEventAddTimeoutFunc impl;

    g_mutex_lock(&implLock);
    impl = addTimeoutImpl;
    g_mutex_unlock(&implLock);
    return impl ? impl(frequency, cb, opaque, ff) : -1;
}


void
virEventUpdateTimeout(int timer, int frequency)
{
    virEventUpdateTimeoutFunc impl;

    g_mutex_lock(&implLock);
    impl = updateTimeoutImpl;
    g_mutex_unlock(&implLock);
    if (impl)
        impl(timer, frequency);
}


int
virEventRemoveTimeout(int timer)
{
    virEventRemoveTimeoutFunc impl;

    g_mutex_lock(&implLock);
    impl = removeTimeoutImpl;
    g_mutex_unlock(&implLock);
    return impl ? impl(timer) : -1;
}


/* ---- the default implementation, on GLib ---- */

typedef struct _virEventGLibHandle virEventGLibHandle;
struct _virEventGLibHandle {
    int watch;
    int fd;
    int events;                     /* VIR_EVENT_HANDLE_* wanted */
    virEventHandleCallback cb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;                /* NULL while events is 0 */
};

typedef struct _virEventGLibTimeout virEventGLibTimeout;
struct _virEventGLibTimeout {
    int timer;
    int interval;                   /* ms; -1 disabled, 0 every iteration */
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;
};

static GMutex glibLock;             /* guards the tables and id counters */
static GHashTable *glibHandles;     /* watch -> virEventGLibHandle */
static GHashTable *glibTimeouts;    /* timer -> virEventGLibTimeout */
static int nextWatch = 1;
static int nextTimer = 1;

static GIOCondition
virEventGLibToCondition(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    /* Errors and hang-ups are always reported, as poll() does. */
    return cond | G_IO_ERR | G_IO_HUP;
}

static int
virEventGLibFromCondition(GIOCondition cond)
{
    int events = 0;

    if (cond & G_IO_IN)
        events |= VIR_EVENT_HANDLE_READABLE;
    if (cond & G_IO_OUT)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    if (cond & G_IO_ERR)
        events |= VIR_EVENT_HANDLE_ERROR;
    if (cond & G_IO_HUP)
        events |= VIR_EVENT_HANDLE_HANGUP;
    return events;
}

static gboolean
virEventGLibHandleDispatch(int fd, GIOCondition cond, gpointer data)
{
    int watch = GPOINTER_TO_INT(data);
    virEventGLibHandle *handle;
    virEventHandleCallback cb;
    void *opaque;

    g_mutex_lock(&glibLock);
    handle = g_hash_table_lookup(glibHandles, GINT_TO_POINTER(watch));
    if (!handle || !handle->source) {
        g_mutex_unlock(&glibLock);
        return G_SOURCE_CONTINUE;
    }
    cb = handle->cb;
    opaque = handle->opaque;
    g_mutex_unlock(&glibLock);

    /* Called unlocked: the callback may add or remove handles. */
    cb(watch, fd, virEventGLibFromCondition(cond), opaque);
    return G_SOURCE_CONTINUE;
}

/* Call with glibLock held. */
static void
virEventGLibHandleArm(virEventGLibHandle *handle)
{
    if (handle->source) {
        g_source_destroy(handle->source);
        g_source_unref(handle->source);
        handle->source = NULL;
    }
    if (handle->events == 0)
        return;
    handle->source = g_unix_fd_source_new(handle->fd,
                                          virEventGLibToCondition(handle->events));
    g_source_set_callback(handle->source,
                          (GSourceFunc)(void (*)(void))virEventGLibHandleDispatch,
                          GINT_TO_POINTER(handle->watch), NULL);
    g_source_attach(handle->source, NULL);
}

static int
virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff)
{
    virEventGLibHandle *handle = g_new0(virEventGLibHandle, 1);
    int watch;

    g_mutex_lock(&glibLock);
    handle->watch = watch = nextWatch++;
    handle->fd = fd;
    handle->events = events;
    handle->cb = cb;
    handle->opaque = opaque;
    handle->ff = ff;
    g_hash_table_insert(glibHandles, GINT_TO_POINTER(watch), handle);
    virEventGLibHandleArm(handle);
    g_mutex_unlock(&glibLock);
    return watch;
}

static void
virEventGLibUpdateHandle(int watch, int events)
{
    virEventGLibHandle *handle;

    g_mutex_lock(&glibLock);
    handle = g_hash_table_lookup(glibHandles, GINT_TO_POINTER(watch));
    if (handle && handle->events != events) {
        handle->events = events;
        virEventGLibHandleArm(handle);
    }
    g_mutex_unlock(&glibLock);
}

/* The free callback must not run inside the removing caller, which may
 * hold locks the callback takes; libvirt defers it to the loop too. */
typedef struct {
    virFreeCallback ff;
    void *opaque;
} virEventGLibDeferredFree;

static gboolean
virEventGLibRunDeferredFree(gpointer data)
{
    virEventGLibDeferredFree *deferred = data;

    deferred->ff(deferred->opaque);
    g_free(deferred);
    return G_SOURCE_REMOVE;
}

static void
virEventGLibDeferFree(virFreeCallback ff, void *opaque)
{
    virEventGLibDeferredFree *deferred;

    if (!ff)
        return;
    deferred = g_new0(virEventGLibDeferredFree, 1);
    deferred->ff = ff;
    deferred->opaque = opaque;
    g_idle_add(virEventGLibRunDeferredFree, deferred);
}

static int
virEventGLibRemoveHandle(int watch)
{
    virEventGLibHandle *handle;

    g_mutex_lock(&glibLock);
    handle = g_hash_table_lookup(glibHandles, GINT_TO_POINTER(watch));
    if (!handle) {
        g_mutex_unlock(&glibLock);
        return -1;
    }
    g_hash_table_steal(glibHandles, GINT_TO_POINTER(watch));
    handle->events = 0;
    virEventGLibHandleArm(handle);
    g_mutex_unlock(&glibLock);

    virEventGLibDeferFree(handle->ff, handle->opaque);
    g_free(handle);
    return 0;
}

static gboolean
virEventGLibTimeoutDispatch(gpointer data)
{
    int timer = GPOINTER_TO_INT(data);
    virEventGLibTimeout *timeout;
    virEventTimeoutCallback cb;
    void *opaque;

    g_mutex_lock(&glibLock);
    timeout = g_hash_table_lookup(glibTimeouts, GINT_TO_POINTER(timer));
    if (!timeout || !timeout->source) {
        g_mutex_unlock(&glibLock);
        return G_SOURCE_CONTINUE;
    }
    cb = timeout->cb;
    opaque = timeout->opaque;
    g_mutex_unlock(&glibLock);

    cb(timer, opaque);
    return G_SOURCE_CONTINUE;
}

/* Call with glibLock held. */
static void
virEventGLibTimeoutArm(virEventGLibTimeout *timeout)
{
    if (timeout->source) {
        g_source_destroy(timeout->source);
        g_source_unref(timeout->source);
        timeout->source = NULL;
    }
    if (timeout->interval < 0)
        return;
    /* 0 means "on every iteration of the loop", which an idle source is. */
    if (timeout->interval == 0)
        timeout->source = g_idle_source_new();
    else
        timeout->source = g_timeout_source_new(timeout->interval);
    g_source_set_callback(timeout->source, virEventGLibTimeoutDispatch,
                          GINT_TO_POINTER(timeout->timer), NULL);
    g_source_attach(timeout->source, NULL);
}

static int
virEventGLibAddTimeout(int interval, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff)
{
    virEventGLibTimeout *timeout = g_new0(virEventGLibTimeout, 1);
    int timer;

    g_mutex_lock(&glibLock);
    timeout->timer = timer = nextTimer++;
    timeout->interval = interval;
    timeout->cb = cb;
    timeout->opaque = opaque;
    timeout->ff = ff;
    g_hash_table_insert(glibTimeouts, GINT_TO_POINTER(timer), timeout);
    virEventGLibTimeoutArm(timeout);
    g_mutex_unlock(&glibLock);
    return timer;
}

static void
virEventGLibUpdateTimeout(int timer, int interval)
{
    virEventGLibTimeout *timeout;

    g_mutex_lock(&glibLock);
    timeout = g_hash_table_lookup(glibTimeouts, GINT_TO_POINTER(timer));
    if (timeout && timeout->interval != interval) {
        timeout->interval = interval;
        virEventGLibTimeoutArm(timeout);
    }
    g_mutex_unlock(&glibLock);
}

static int
virEventGLibRemoveTimeout(int timer)
{
    virEventGLibTimeout *timeout;

    g_mutex_lock(&glibLock);
    timeout = g_hash_table_lookup(glibTimeouts, GINT_TO_POINTER(timer));
    if (!timeout) {
        g_mutex_unlock(&glibLock);
        return -1;
    }
    g_hash_table_steal(glibTimeouts, GINT_TO_POINTER(timer));
    timeout->interval = -1;
    virEventGLibTimeoutArm(timeout);
    g_mutex_unlock(&glibLock);

    virEventGLibDeferFree(timeout->ff, timeout->opaque);
    g_free(timeout);
    return 0;
}


int
virEventRegisterDefaultImpl(void)
{
    virInitialize();
    virResetLastError();

    g_mutex_lock(&glibLock);
    if (!glibHandles) {
        glibHandles = g_hash_table_new(NULL, NULL);
        glibTimeouts = g_hash_table_new(NULL, NULL);
    }
    g_mutex_unlock(&glibLock);

    virEventRegisterImpl(virEventGLibAddHandle, virEventGLibUpdateHandle,
                         virEventGLibRemoveHandle, virEventGLibAddTimeout,
                         virEventGLibUpdateTimeout, virEventGLibRemoveTimeout);
    return 0;
}


int
virEventRunDefaultImpl(void)
{
    virResetLastError();
    g_main_context_iteration(NULL, TRUE);
    return 0;
}
