/*
 * virnetsocket.h: the byte transports under the RPC layer
 *
 * UNIX and TCP stream sockets, TLS over TCP, and a command's stdio (ssh,
 * ext); the codec above never sees which.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/types.h>

#include "internal.h"
#include "virnettlscontext.h"

typedef struct _virNetSocket virNetSocket;

virNetSocket *virNetSocketNewListenUNIX(const char *path,
                                        mode_t perms,
                                        uid_t owner,
                                        gid_t group);
int virNetSocketNewListenTCP(const char *node,
                             const char *service,
                             virNetSocket ***socks,
                             size_t *nsocks);
virNetSocket *virNetSocketNewConnectUNIX(const char *path);
virNetSocket *virNetSocketNewConnectTCP(const char *node,
                                        const char *service);
virNetSocket *virNetSocketNewFromFD(int fd, bool isUNIX);

int virNetSocketAccept(virNetSocket *sock, virNetSocket **client);

int virNetSocketGetFD(virNetSocket *sock);
bool virNetSocketIsLocal(virNetSocket *sock);
int virNetSocketGetUNIXIdentity(virNetSocket *sock,
                                uid_t *uid,
                                gid_t *gid,
                                pid_t *pid);
int virNetSocketSetBlocking(virNetSocket *sock, bool blocking);

ssize_t virNetSocketRead(virNetSocket *sock, char *buf, size_t len);
int virNetSocketWriteAll(virNetSocket *sock, const char *buf, size_t len);
int virNetSocketSendFD(virNetSocket *sock, int fd);
int virNetSocketTakeFD(virNetSocket *sock);
void virNetSocketShutdown(virNetSocket *sock);

virNetSocket *virNetSocketNewConnectCommand(const char *const *argv);

void virNetSocketSetTLS(virNetSocket *sock, virNetTLSSession *sess);
virNetTLSSession *virNetSocketGetTLS(virNetSocket *sock);
bool virNetSocketHasPendingData(virNetSocket *sock);
int virNetSocketStartTLSClient(virNetSocket *sock, virNetTLSContext *ctx,
                               const char *hostname);

void virNetSocketFree(virNetSocket *sock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetSocket, virNetSocketFree);
