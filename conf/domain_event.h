/*
 * domain_event.h: domain events on top of the generic event state
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "object_event.h"

#include "virdomainobj.h"

/* Only lifecycle and reboot events are created here so far; a callback
 * may register for any public event ID, it just never fires. */

virObjectEvent *virDomainEventLifecycleNew(const char *name,
                                           const unsigned char *uuid,
                                           int id,
                                           int type,
                                           int detail);
virObjectEvent *virDomainEventLifecycleNewFromDom(virDomainPtr dom,
                                                  int type,
                                                  int detail);
virObjectEvent *virDomainEventLifecycleNewFromObj(virDomainObj *obj,
                                                  int type,
                                                  int detail);

virObjectEvent *virDomainEventRebootNew(const char *name,
                                        const unsigned char *uuid,
                                        int id);
virObjectEvent *virDomainEventRebootNewFromObj(virDomainObj *obj);

int virDomainEventStateRegisterID(virObjectEventState *state,
                                  virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb,
                                  int *callbackID);
int virDomainEventStateRegister(virObjectEventState *state,
                                virConnectPtr conn,
                                virConnectDomainEventCallback cb,
                                void *opaque,
                                virFreeCallback freecb);
int virDomainEventStateDeregister(virObjectEventState *state,
                                  virConnectPtr conn,
                                  virConnectDomainEventCallback cb);
