/*
 * hello_private.h: what the files of the hello plugin share
 *
 * The plugin keeps one set of domains per process, shared by every
 * hello:/// connection, like libvirt's test:///default.  Everything here
 * is guarded by helloDriver.lock unless a member says otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef HELLO_PRIVATE_H
#define HELLO_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>

#include <virtplug/virtplug.h>

/* Errors of this plugin are reported as coming from domain handling:
 * an out-of-tree driver has no error domain of its own in libvirt's
 * public enum. */
#define HELLO_ERROR(code, ...) VIRTPLUG_REPORT_ERROR(VIR_FROM_DOM, code, __VA_ARGS__)

typedef struct _helloDomain helloDomain;
struct _helloDomain {
    char name[32];
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                         /* -1 while shut off */
    int state;                      /* virDomainState */
    int reason;                     /* the state's reason, libvirt's enums */
    unsigned long maxMemory;        /* KiB */
    unsigned long memory;           /* KiB */
    unsigned short vcpus;
};

typedef struct _helloCallback helloCallback;
struct _helloCallback {
    int callbackID;
    virConnectPtr conn;             /* a reference, dropped at deregistration */
    bool deleted;                   /* deregistered while events were being
                                     * delivered; freed once they are */
    bool filtered;                  /* only events of @uuid */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int eventID;                    /* VIR_DOMAIN_EVENT_ID_* */
    virConnectDomainEventGenericCallback cb;
    void *opaque;
    virFreeCallback freecb;
    helloCallback *next;
};

typedef struct _helloEvent helloEvent;
struct _helloEvent {
    char name[32];
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int type;                       /* virDomainEventType */
    int detail;
    helloEvent *next;
};

typedef struct _helloDriverState helloDriverState;
struct _helloDriverState {
    pthread_mutex_t lock;
    bool initialized;
    int connections;                /* open hello:/// connections */
    int nextID;                     /* id of the next started domain */
    helloDomain domains[3];
    size_t ndomains;

    helloCallback *callbacks;       /* registration order */
    int nextCallbackID;
    helloEvent *queue;              /* oldest first */
    int timer;                      /* virEventAddTimeout id, -1 if none */
    bool dispatching;               /* the timer is delivering events */
};

extern helloDriverState helloDriver;

/* hello_domain.c: create the initial domains; called with the lock held */
void helloDomainsInit(helloDriverState *driver);

/* hello_domain.c: members of the hypervisor table (hello_plugin.c), each
 * the driver side of the public function named vir + the same name, with
 * its return convention; they take helloDriver.lock themselves */
int helloConnectNumOfDomains(virConnectPtr conn);
int helloConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int helloConnectNumOfDefinedDomains(virConnectPtr conn);
int helloConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                   int maxnames);
int helloConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                               unsigned int flags);
virDomainPtr helloDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr helloDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr helloDomainLookupByUUID(virConnectPtr conn,
                                     const unsigned char *uuid);
int helloDomainCreate(virDomainPtr domain);
int helloDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int helloDomainDestroy(virDomainPtr domain);
int helloDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int helloDomainShutdown(virDomainPtr domain);
int helloDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int helloDomainSuspend(virDomainPtr domain);
int helloDomainResume(virDomainPtr domain);
int helloDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int helloDomainGetState(virDomainPtr domain, int *state, int *reason,
                        unsigned int flags);
unsigned long helloDomainGetMaxMemory(virDomainPtr domain);
char *helloDomainGetOSType(virDomainPtr domain);
int helloDomainIsActive(virDomainPtr domain);
int helloDomainIsPersistent(virDomainPtr domain);
int helloDomainGetAutostart(virDomainPtr domain, int *autostart);
int helloDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
char *helloDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);

/* hello_event.c: called with helloDriver.lock held */
void helloEventQueue(helloDriverState *driver, const helloDomain *dom,
                     int type, int detail);

/* hello_event.c: table members, they take helloDriver.lock themselves */
int helloConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                       int eventID,
                                       virConnectDomainEventGenericCallback cb,
                                       void *opaque, virFreeCallback freecb);
int helloConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

#endif /* HELLO_PRIVATE_H */
