/*
 * virnetclientstream.h: data streams on the calling side
 *
 * A stream is attached to the call that opens it (virNetClientCallStream)
 * before that call is sent, so no packet the peer sends right after the
 * reply is missed.  The client's reader queues the peer's packets on the
 * stream; the stream's user takes them with virNetClientStreamRecv, from
 * any thread, blocking or not, or is told through an event callback run
 * from the application's event loop.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetclient.h"
#include "virnetstream.h"

typedef struct _virNetClientStream virNetClientStream;

/* Run from the event loop; @events is a mask of virStreamEventType. */
typedef void (*virNetClientStreamEventFunc)(virNetClientStream *st,
                                            int events,
                                            void *opaque);

virNetClientStream *virNetClientStreamNew(virNetClient *client,
                                          unsigned int prog,
                                          unsigned int vers,
                                          int proc);
void virNetClientStreamRef(virNetClientStream *st);
void virNetClientStreamUnref(virNetClientStream *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetClientStream, virNetClientStreamUnref);

int virNetClientCallStream(virNetClient *client,
                           virNetClientStream *st,
                           xdrproc_t argsFilter,
                           void *args,
                           xdrproc_t retFilter,
                           void *ret);

int virNetClientStreamSend(virNetClientStream *st,
                           const char *data,
                           size_t nbytes);
int virNetClientStreamRecv(virNetClientStream *st,
                           char *data,
                           size_t nbytes,
                           bool nonblock);
int virNetClientStreamFinish(virNetClientStream *st);
int virNetClientStreamAbort(virNetClientStream *st);
int virNetClientStreamEventAdd(virNetClientStream *st,
                               int events,
                               virNetClientStreamEventFunc func,
                               void *opaque,
                               GDestroyNotify ff);
int virNetClientStreamEventUpdate(virNetClientStream *st, int events);
int virNetClientStreamEventRemove(virNetClientStream *st);

/* For virnetclient.c. */
bool virNetClientStreamMatches(virNetClientStream *st,
                               const virNetMessageHeader *hdr);
void virNetClientStreamSetSerial(virNetClientStream *st, uint32_t serial);
void virNetClientStreamQueue(virNetClientStream *st, virNetMessage *msg);
void virNetClientStreamConnectionClosed(virNetClientStream *st);

/* In virnetclient.c, for the streams. */
int virNetClientCallWithStream(virNetClient *client,
                               virNetClientStream *st,
                               unsigned int prog,
                               unsigned int vers,
                               int proc,
                               xdrproc_t argsFilter,
                               void *args,
                               xdrproc_t retFilter,
                               void *ret);
int virNetClientSendMessage(virNetClient *client, virNetMessage *msg);
void virNetClientRemoveStream(virNetClient *client, virNetClientStream *st);
