/*
 * admin_dispatch.h: the programs of virtplugd's admin socket
 *
 * libvirt's ADMIN program (what virt-admin speaks) and virtplug's own
 * VIRTPLUG_ADMIN program (the plugin list) share one server, "admin",
 * and the state below.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetserver.h"

/* The names libvirtd gives its servers have this shape: the daemon's own
 * name for the client-facing one, "admin" for the admin socket's. */
#define VIRTPLUGD_SERVER_MAIN "virtplugd"
#define VIRTPLUGD_SERVER_ADMIN "admin"

typedef struct _virtplugdAdminServer virtplugdAdminServer;
struct _virtplugdAdminServer {
    const char *name;
    virNetServer *srv;                  /* owned by the daemon */
};

/* What the admin programs read and change; set up before the admin
 * socket listens and never changed after, so handlers read it unlocked. */
typedef struct _virtplugdAdmin virtplugdAdmin;
struct _virtplugdAdmin {
    virtplugdAdminServer servers[2];
    size_t nservers;
    unsigned int maxAnonymousClients;   /* max_anonymous_clients; with
                                         * auth "none" none ever waits */
    /* CONNECT_SET_DAEMON_TIMEOUT: runs on a worker thread. */
    void (*setTimeout)(unsigned int seconds, void *opaque);
    void *opaque;
};

extern const virNetServerProgram adminProgram;
extern const virNetServerProgram virtplugAdminProgram;

int adminClientInit(virNetServerClient *client, void *opaque);
