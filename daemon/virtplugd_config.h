/*
 * virtplugd_config.h: virtplugd's configuration file
 *
 * The file uses libvirtd.conf's syntax (KEY = VALUE, # comments, strings
 * in double quotes) and its key names where they mean the same thing, so
 * a libvirtd.conf of a plain host works unchanged.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef struct _virtplugdConfig virtplugdConfig;
struct _virtplugdConfig {
    bool listenTCP;                     /* listen_tcp, with --listen */
    bool listenTLS;                     /* listen_tls, with --listen */
    char *listenAddr;                   /* listen_addr, NULL for any */
    char *tcpPort;                      /* tcp_port */
    char *tlsPort;                      /* tls_port */
    char *keyFile;                      /* key_file, NULL: libvirt's path */
    char *certFile;                     /* cert_file */
    char *caFile;                       /* ca_file */
    char *crlFile;                      /* crl_file */
    bool tlsNoVerifyCertificate;        /* tls_no_verify_certificate */
    char *tlsPriority;                  /* tls_priority, NULL: "NORMAL" */
    char *unixSockDir;                  /* unix_sock_dir */
    char *unixSockGroup;                /* unix_sock_group */
    unsigned int unixSockRWPerms;       /* unix_sock_rw_perms */
    unsigned int unixSockROPerms;       /* unix_sock_ro_perms */
    unsigned int unixSockAdminPerms;    /* unix_sock_admin_perms */
    char *authUnixRW;                   /* auth_unix_rw: only "none" */
    char *authUnixRO;                   /* auth_unix_ro: only "none" */
    char *authTCP;                      /* auth_tcp: only "none" */
    unsigned int maxClients;            /* max_clients */
    unsigned int maxWorkers;            /* max_workers */
    unsigned int maxClientRequests;     /* max_client_requests */
    unsigned int maxAnonymousClients;   /* max_anonymous_clients */
    int keepaliveInterval;              /* keepalive_interval, seconds */
    unsigned int keepaliveCount;        /* keepalive_count */
    unsigned int adminMaxWorkers;       /* admin_max_workers */
    unsigned int adminMaxClients;       /* admin_max_clients */
    unsigned int adminMaxClientRequests; /* admin_max_client_requests */
    int adminKeepaliveInterval;         /* admin_keepalive_interval, seconds */
    unsigned int adminKeepaliveCount;   /* admin_keepalive_count */
    int logLevel;                       /* log_level, 0 unset */
};

virtplugdConfig *virtplugdConfigNew(bool privileged);
void virtplugdConfigFree(virtplugdConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtplugdConfig, virtplugdConfigFree);

int virtplugdConfigLoadFile(virtplugdConfig *cfg, const char *path);
int virtplugdConfigLoadData(virtplugdConfig *cfg, const char *path,
                            const char *data);
