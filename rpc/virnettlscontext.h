/*
 * virnettlscontext.h: x509 credentials and TLS sessions (GnuTLS)
 *
 * A context holds one side's CA, optional CRL, certificate and key and
 * whether the peer's certificate is checked; a session is one TLS
 * connection over a socket descriptor, made from a context.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/types.h>

#include "internal.h"

typedef struct _virNetTLSContext virNetTLSContext;
typedef struct _virNetTLSSession virNetTLSSession;

/* The files of one side, as libvirt finds them. */
typedef struct _virNetTLSFiles virNetTLSFiles;
struct _virNetTLSFiles {
    char *cacert;
    char *cacrl;                        /* used only if the file exists */
    char *cert;
    char *key;
};

void virNetTLSFilesClear(virNetTLSFiles *files);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virNetTLSFiles, virNetTLSFilesClear);
void virNetTLSFilesForClient(const char *pkipath, virNetTLSFiles *files);
void virNetTLSFilesForServer(const char *pkipath, virNetTLSFiles *files);

virNetTLSContext *virNetTLSContextNew(const virNetTLSFiles *files,
                                      bool isServer,
                                      bool verifyPeer,
                                      const char *priority);
virNetTLSContext *virNetTLSContextRef(virNetTLSContext *ctx);
void virNetTLSContextUnref(virNetTLSContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetTLSContext, virNetTLSContextUnref);

virNetTLSSession *virNetTLSSessionNew(virNetTLSContext *ctx,
                                      int fd,
                                      const char *hostname);
int virNetTLSSessionHandshake(virNetTLSSession *sess);
bool virNetTLSSessionWantsWrite(virNetTLSSession *sess);
int virNetTLSSessionVerify(virNetTLSSession *sess);
ssize_t virNetTLSSessionRead(virNetTLSSession *sess, char *buf, size_t len);
ssize_t virNetTLSSessionWrite(virNetTLSSession *sess, const char *buf,
                              size_t len);
size_t virNetTLSSessionPending(virNetTLSSession *sess);
void virNetTLSSessionFree(virNetTLSSession *sess);
