/*
 * hello-events.c: watch the lifecycle events of a hello:/// domain
 *
 * An ordinary libvirt client (built with `pkg-config libvirt`, nothing of
 * the SDK): it registers a lifecycle callback, starts, pauses, resumes and
 * destroys one domain, and prints each event as the event loop delivers
 * it.  It exits 0 once the four events have arrived, 1 on an error or
 * after 5 seconds without them.
 *
 *   hello-events [URI [DOMAIN]]      defaults: hello:/// beta
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define EXPECTED_EVENTS 4

static int received;
static int timedOut;

static const char *
eventTypeName(int type)
{
    static const char *const names[] = {
        [VIR_DOMAIN_EVENT_DEFINED] = "defined",
        [VIR_DOMAIN_EVENT_UNDEFINED] = "undefined",
        [VIR_DOMAIN_EVENT_STARTED] = "started",
        [VIR_DOMAIN_EVENT_SUSPENDED] = "suspended",
        [VIR_DOMAIN_EVENT_RESUMED] = "resumed",
        [VIR_DOMAIN_EVENT_STOPPED] = "stopped",
        [VIR_DOMAIN_EVENT_SHUTDOWN] = "shutdown",
        [VIR_DOMAIN_EVENT_PMSUSPENDED] = "pmsuspended",
        [VIR_DOMAIN_EVENT_CRASHED] = "crashed",
    };

    if (type < 0 || type >= (int)(sizeof(names) / sizeof(names[0])) || !names[type])
        return "unknown";
    return names[type];
}


static int
lifecycleCallback(virConnectPtr conn, virDomainPtr dom, int event,
                  int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    printf("event: %s %s %d\n", virDomainGetName(dom), eventTypeName(event),
           detail);
    fflush(stdout);
    received++;
    return 0;
}


static void
timeoutCallback(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
    timedOut = 1;
}


static int
fail(const char *what)
{
    virErrorPtr err = virGetLastError();

    fprintf(stderr, "hello-events: %s: %s\n", what,
            err && err->message ? err->message : "unknown error");
    return 1;
}


int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "hello:///";
    const char *name = argc > 2 ? argv[2] : "beta";
    virConnectPtr conn;
    virDomainPtr dom;
    int callbackID;
    int timer;
    int ret = 1;

    if (virEventRegisterDefaultImpl() < 0)
        return fail("virEventRegisterDefaultImpl");
    if (!(conn = virConnectOpen(uri)))
        return fail("virConnectOpen");
    if (!(dom = virDomainLookupByName(conn, name))) {
        fail("virDomainLookupByName");
        goto close;
    }
    callbackID = virConnectDomainEventRegisterAny(conn, dom,
                                                  VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(lifecycleCallback),
                                                  NULL, NULL);
    if (callbackID < 0) {
        fail("virConnectDomainEventRegisterAny");
        goto free;
    }

    if (virDomainCreate(dom) < 0 || virDomainSuspend(dom) < 0 ||
        virDomainResume(dom) < 0 || virDomainDestroy(dom) < 0) {
        fail("lifecycle call");
        goto deregister;
    }

    /* Nothing has been printed yet: events arrive from the loop. */
    timer = virEventAddTimeout(5000, timeoutCallback, NULL, NULL);
    while (received < EXPECTED_EVENTS && !timedOut) {
        if (virEventRunDefaultImpl() < 0) {
            fail("virEventRunDefaultImpl");
            break;
        }
    }
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (received == EXPECTED_EVENTS)
        ret = 0;
    else
        fprintf(stderr, "hello-events: %d of %d events arrived\n",
                received, EXPECTED_EVENTS);

 deregister:
    virConnectDomainEventDeregisterAny(conn, callbackID);
 free:
    virDomainFree(dom);
 close:
    virConnectClose(conn);
    return ret;
}
