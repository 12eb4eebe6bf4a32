/*
 * virnetmessage.h: one RPC packet, its buffer and its XDR payload
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <rpc/rpc.h>

#include "internal.h"
#include "virnetframe.h"
#include "virnetprotocol.h"

/* rpcgen's routines take a typed pointer, xdrproc_t a variadic one: the
 * cast goes through the one function type that matches every other. */
#define VIR_XDRPROC(fn) ((xdrproc_t)(void (*)(void))(fn))

typedef struct _virNetMessage virNetMessage;
struct _virNetMessage {
    virNetMessageHeader header;
    char *buffer;                       /* the packet, length word first */
    size_t bufferLength;                /* bytes expected or to send */
    size_t bufferOffset;                /* bytes read or sent so far */
    int *fds;                           /* received with the packet */
    size_t nfds;
};

virNetMessage *virNetMessageNew(void);
void virNetMessageFree(virNetMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetMessage, virNetMessageFree);

void virNetMessageClear(virNetMessage *msg);

int virNetMessageDecodeLength(virNetMessage *msg);
int virNetMessageDecodeHeader(virNetMessage *msg);
int virNetMessageDecodePayload(virNetMessage *msg,
                               xdrproc_t filter,
                               void *data);

int virNetMessageEncode(virNetMessage *msg,
                        xdrproc_t filter,
                        void *data);
int virNetMessageEncodeError(virNetMessage *msg, const virError *err);

void virNetMessageErrorFromVirError(vir_net_message_error *rerr,
                                    const virError *err);
void virNetMessageRaiseError(const vir_net_message_error *rerr);
