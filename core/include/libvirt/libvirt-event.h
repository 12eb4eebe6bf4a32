/*
 * virtplug public API: event loop integration
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_EVENT_H
# define LIBVIRT_EVENT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-event.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* I/O conditions watched by event loop handles */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = 1 << 0,
    VIR_EVENT_HANDLE_WRITABLE = 1 << 1,
    VIR_EVENT_HANDLE_ERROR = 1 << 2,
    VIR_EVENT_HANDLE_HANGUP = 1 << 3,
} virEventHandleType;

/* Callback signatures */
typedef void (*virEventHandleCallback)(int watch,
                                       int fd,
                                       int events,
                                       void *opaque);
typedef int (*virEventAddHandleFunc)(int fd,
                                     int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);
typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);
typedef int (*virEventRemoveHandleFunc)(int watch);
typedef int (*virEventRemoveTimeoutFunc)(int timer);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

/* Built-in default event loop */
int virEventRegisterDefaultImpl(void);
int virEventRunDefaultImpl(void);

/* Installing a custom event loop */
void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

/* Watches and timers on the registered event loop */
int virEventAddHandle(int fd,
                      int events,
                      virEventHandleCallback cb,
                      void *opaque,
                      virFreeCallback ff);
int virEventAddTimeout(int timeout,
                       virEventTimeoutCallback cb,
                       void *opaque,
                       virFreeCallback ff);
int virEventRemoveHandle(int watch);
int virEventRemoveTimeout(int timer);
void virEventUpdateHandle(int watch, int events);
void virEventUpdateTimeout(int timer, int timeout);

#endif /* LIBVIRT_EVENT_H */
