/*
 * virnetframe.h: libvirt RPC packet framing, without any I/O
 *
 * A packet is a 32-bit big-endian length that counts itself, six 32-bit
 * header words and an XDR payload.  These functions turn bytes into a
 * header and back; they never read a socket, so a test can feed them
 * any bytes a hostile peer could send.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

/* Limits every libvirt 9.0 peer applies (interoperability facts). */
#define VIR_NET_MESSAGE_MAX (32 * 1024 * 1024)  /* header + payload */
#define VIR_NET_MESSAGE_LEN_MAX 4               /* the length word */
#define VIR_NET_MESSAGE_HEADER_MAX 24
#define VIR_NET_MESSAGE_PAYLOAD_MAX \
    (VIR_NET_MESSAGE_MAX - VIR_NET_MESSAGE_HEADER_MAX)
#define VIR_NET_FRAME_MIN \
    (VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX)
#define VIR_NET_MESSAGE_NUM_FDS_MAX 32

typedef enum {
    VIR_NET_CALL = 0,
    VIR_NET_REPLY = 1,
    VIR_NET_MESSAGE = 2,
    VIR_NET_STREAM = 3,
    VIR_NET_CALL_WITH_FDS = 4,
    VIR_NET_REPLY_WITH_FDS = 5,
    VIR_NET_STREAM_HOLE = 6,

    VIR_NET_MESSAGE_TYPE_LAST
} virNetMessageType;

typedef enum {
    VIR_NET_OK = 0,
    VIR_NET_ERROR = 1,
    VIR_NET_CONTINUE = 2,

    VIR_NET_MESSAGE_STATUS_LAST
} virNetMessageStatus;

typedef struct _virNetMessageHeader virNetMessageHeader;
struct _virNetMessageHeader {
    uint32_t prog;                      /* program number */
    uint32_t vers;                      /* program version */
    int32_t proc;                       /* procedure within the program */
    int32_t type;                       /* virNetMessageType */
    uint32_t serial;                    /* chosen by the caller, echoed */
    int32_t status;                     /* virNetMessageStatus */
};

uint32_t virNetFrameReadBE32(const char *buf);
void virNetFrameWriteBE32(char *buf, uint32_t value);

int virNetFrameDecodeLength(const char *buf, size_t *total);
int virNetFrameDecodeHeader(const char *buf, size_t len,
                            virNetMessageHeader *hdr);
void virNetFrameEncodeHeader(char *buf, const virNetMessageHeader *hdr);
void virNetFrameEncodeLength(char *buf, size_t total);
