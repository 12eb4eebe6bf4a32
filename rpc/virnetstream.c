/*
 * virnetstream.c: the packets of a data stream, shared by both sides
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virnetstream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC

static void
virNetStreamSetHeader(virNetMessage *msg,
                      const virNetMessageHeader *opener,
                      int status)
{
    msg->header.prog = opener->prog;
    msg->header.vers = opener->vers;
    msg->header.proc = opener->proc;
    msg->header.serial = opener->serial;
    msg->header.type = VIR_NET_STREAM;
    msg->header.status = status;
}


/**
 * virNetStreamEncodeData:
 * @msg: the packet to fill
 * @opener: header of the call that opened the stream
 * @data: the bytes
 * @len: how many, at most VIR_NET_STREAM_CHUNK; 0 marks the end of data
 *
 * Returns 0, or -1 with an error set when @len is too large.
 */
int
virNetStreamEncodeData(virNetMessage *msg,
                       const virNetMessageHeader *opener,
                       const char *data,
                       size_t len)
{
    if (len > VIR_NET_STREAM_CHUNK) {
        virReportError(VIR_ERR_RPC,
                       _("stream data of %1$zu bytes exceeds one packet"), len);
        return -1;
    }
    virNetStreamSetHeader(msg, opener, VIR_NET_CONTINUE);
    g_free(msg->buffer);
    msg->bufferLength = VIR_NET_FRAME_MIN + len;
    msg->bufferOffset = 0;
    msg->buffer = g_malloc(msg->bufferLength);
    virNetFrameEncodeLength(msg->buffer, msg->bufferLength);
    virNetFrameEncodeHeader(msg->buffer + VIR_NET_MESSAGE_LEN_MAX, &msg->header);
    if (len)
        memcpy(msg->buffer + VIR_NET_FRAME_MIN, data, len);
    return 0;
}


/**
 * virNetStreamEncodeStatus:
 * @msg: the packet to fill
 * @opener: header of the call that opened the stream
 * @status: VIR_NET_OK (finish, or its confirmation) or VIR_NET_ERROR
 * @err: with VIR_NET_ERROR, the error to carry; NULL for the empty
 *       abort packet a client sends
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetStreamEncodeStatus(virNetMessage *msg,
                         const virNetMessageHeader *opener,
                         int status,
                         const virError *err)
{
    virNetStreamSetHeader(msg, opener, status);
    /* Type STREAM stays: errors about a stream are not replies. */
    if (status == VIR_NET_ERROR && err)
        return virNetMessageEncodeError(msg, err);
    return virNetMessageEncode(msg, NULL, NULL);
}


/**
 * virNetStreamGetData:
 * @msg: a received STREAM packet, header decoded
 * @data: set to its raw payload, inside @msg's buffer
 * @len: set to the payload's length
 */
void
virNetStreamGetData(const virNetMessage *msg,
                    const char **data,
                    size_t *len)
{
    *data = msg->buffer + VIR_NET_FRAME_MIN;
    *len = msg->bufferLength > VIR_NET_FRAME_MIN ?
           msg->bufferLength - VIR_NET_FRAME_MIN : 0;
}
