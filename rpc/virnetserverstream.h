/*
 * virnetserverstream.h: data streams on the answering side
 *
 * A procedure that opens a stream registers one with the client before
 * it returns; the server starts it once the call's reply has gone out,
 * so the peer always sees the reply before any stream packet.  Packets
 * the peer sends for the stream wait in its queue until the owner takes
 * them; each one counts against the client's limit of requests in
 * flight, so a peer that sends faster than the owner consumes stops
 * being read instead of filling the daemon's memory.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetserver.h"
#include "virnetstream.h"

typedef struct _virNetServerStream virNetServerStream;
typedef struct _virNetServerStreamSet virNetServerStreamSet;

/* The opening call's reply has been sent: data may flow.  Runs on the
 * server thread that sent the reply; must not block for long. */
typedef void (*virNetServerStreamStartFunc)(virNetServerStream *st,
                                            void *opaque);

virNetServerStream *virNetServerStreamNew(virNetServerClient *client,
                                          const virNetMessageHeader *opener,
                                          virNetServerStreamStartFunc start,
                                          void *opaque);
void virNetServerStreamClose(virNetServerStream *st);
int virNetServerStreamSendData(virNetServerStream *st,
                               const char *data,
                               size_t len);
int virNetServerStreamSendStatus(virNetServerStream *st,
                                 int status,
                                 const virError *err);
virNetMessage *virNetServerStreamTake(virNetServerStream *st);
void virNetServerStreamInterrupt(virNetServerStream *st);
bool virNetServerStreamIsClosed(virNetServerStream *st);

/* For virnetserver.c: a client's streams. */
virNetServerStreamSet *virNetServerStreamSetNew(void);
void virNetServerStreamSetFree(virNetServerStreamSet *set);
bool virNetServerStreamSetDeliver(virNetServerStreamSet *set,
                                  virNetMessage *msg);
void virNetServerStreamSetStart(virNetServerStreamSet *set,
                                const virNetMessageHeader *opener);
void virNetServerStreamSetCloseAll(virNetServerStreamSet *set);

/* In virnetserver.c, for the streams. */
virNetServerStreamSet *virNetServerClientGetStreams(virNetServerClient *client);
void virNetServerClientStreamPacketDone(virNetServerClient *client);
