/*
 * virnetclient.h: the calling side of one RPC connection
 *
 * A client owns a connected socket and one reader thread.  Callers on
 * any thread send calls and sleep until their reply arrives; the reader
 * matches replies to calls by (program, version, serial), answers the
 * peer's keepalive PINGs, sends its own when the peer goes silent, and
 * hands every other MESSAGE packet (events) to the event handler.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetmessage.h"
#include "virnetsocket.h"

typedef struct _virNetClient virNetClient;

/* A MESSAGE packet that is not keepalive; runs on the reader thread and
 * must not call into @client.  @msg's header is decoded; the handler
 * decodes the payload itself. */
typedef void (*virNetClientEventFunc)(virNetClient *client,
                                      virNetMessage *msg,
                                      void *opaque);

/* The connection died; @reason is a virConnectCloseReason.  Runs on the
 * reader thread, or on the thread that closed @client. */
typedef void (*virNetClientCloseFunc)(virNetClient *client,
                                      int reason,
                                      void *opaque);

virNetClient *virNetClientNew(virNetSocket *sock);
void virNetClientRef(virNetClient *client);
void virNetClientUnref(virNetClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetClient, virNetClientUnref);

void virNetClientSetEventHandler(virNetClient *client,
                                 virNetClientEventFunc func,
                                 void *opaque);
void virNetClientSetCloseHandler(virNetClient *client,
                                 virNetClientCloseFunc func,
                                 void *opaque);
int virNetClientStart(virNetClient *client);

int virNetClientCall(virNetClient *client,
                     unsigned int prog,
                     unsigned int vers,
                     int proc,
                     xdrproc_t argsFilter,
                     void *args,
                     xdrproc_t retFilter,
                     void *ret);

int virNetClientCallWithFDs(virNetClient *client,
                            unsigned int prog,
                            unsigned int vers,
                            int proc,
                            xdrproc_t argsFilter,
                            void *args,
                            xdrproc_t retFilter,
                            void *ret,
                            int **fds,
                            size_t *nfds);
void virNetClientSetKeepAlive(virNetClient *client,
                              int interval,
                              unsigned int count);
bool virNetClientIsOpen(virNetClient *client);
bool virNetClientIsLocal(virNetClient *client);
bool virNetClientIsEncrypted(virNetClient *client);
void virNetClientClose(virNetClient *client);
