/*
 * virnetmessage.c: one RPC packet, its buffer and its XDR payload
 *
 * Reading a packet takes two steps: the 4-byte length word, checked by
 * virnetframe.c before the rest is allocated, then the rest.  Decoding
 * a payload must consume it exactly: trailing bytes mean the peer and we
 * disagree about the layout, which libvirt also treats as an error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "virnetmessage.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC


/**
 * virNetMessageNew:
 *
 * Returns a new message, ready to read a length word into; free it with
 * virNetMessageFree().
 */
virNetMessage *
virNetMessageNew(void)
{
    virNetMessage *msg = g_new0(virNetMessage, 1);

    virNetMessageClear(msg);
    return msg;
}


/**
 * virNetMessageClear:
 * @msg: a message
 *
 * Drops @msg's buffer and header, leaving it ready to read the next
 * packet's length word.
 */
void
virNetMessageClear(virNetMessage *msg)
{
    g_free(msg->buffer);
    memset(msg, 0, sizeof(*msg));
    msg->bufferLength = VIR_NET_MESSAGE_LEN_MAX;
    msg->buffer = g_new0(char, msg->bufferLength);
}


/**
 * virNetMessageFree:
 * @msg: a message, or NULL
 *
 * Frees @msg and its buffer.
 */
void
virNetMessageFree(virNetMessage *msg)
{
    size_t i;

    if (!msg)
        return;
    for (i = 0; i < msg->nfds; i++)
        close(msg->fds[i]);
    g_free(msg->fds);
    g_free(msg->buffer);
    g_free(msg);
}


/**
 * virNetMessageDecodeLength:
 * @msg: a message whose first 4 bytes have been read
 *
 * Checks the length word and grows the buffer to the whole packet.
 *
 * Returns 0, or -1 with VIR_ERR_RPC set.
 */
int
virNetMessageDecodeLength(virNetMessage *msg)
{
    size_t total;

    if (msg->bufferOffset < VIR_NET_MESSAGE_LEN_MAX) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("length word of the packet not read yet"));
        return -1;
    }
    if (virNetFrameDecodeLength(msg->buffer, &total) < 0)
        return -1;
    msg->buffer = g_realloc(msg->buffer, total);
    msg->bufferLength = total;
    return 0;
}


/**
 * virNetMessageDecodeHeader:
 * @msg: a message whose whole packet has been read
 *
 * Returns 0 with @msg->header filled, or -1 with VIR_ERR_RPC set.
 */
int
virNetMessageDecodeHeader(virNetMessage *msg)
{
    if (msg->bufferLength < VIR_NET_FRAME_MIN ||
        msg->bufferOffset != msg->bufferLength) {
        virReportError(VIR_ERR_RPC, "%s",
                       _("packet is incomplete"));
        return -1;
    }
    return virNetFrameDecodeHeader(msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                                   msg->bufferLength - VIR_NET_MESSAGE_LEN_MAX,
                                   &msg->header);
}


/**
 * virNetMessageDecodePayload:
 * @msg: a message whose header has been decoded
 * @filter: the XDR routine of the payload's struct
 * @data: the struct, zeroed by the caller
 *
 * Decodes the payload into @data, which then holds memory that
 * xdr_free(@filter, @data) releases (also after a failure).  The payload
 * must be consumed exactly.
 *
 * Returns 0, or -1 with libvirt's "Unable to decode message payload".
 */
int
virNetMessageDecodePayload(virNetMessage *msg,
                           xdrproc_t filter,
                           void *data)
{
    size_t start = VIR_NET_FRAME_MIN;
    size_t len = msg->bufferLength - start;
    XDR xdr;
    bool ok;

    if (msg->bufferLength < start) {
        virReportError(VIR_ERR_RPC, "%s",
                       _("Unable to decode message payload"));
        return -1;
    }
    xdrmem_create(&xdr, msg->buffer + start, len, XDR_DECODE);
    ok = filter(&xdr, data, 0) && xdr_getpos(&xdr) == len;
    xdr_destroy(&xdr);
    if (!ok) {
        virReportError(VIR_ERR_RPC, "%s",
                       _("Unable to decode message payload"));
        return -1;
    }
    return 0;
}


/**
 * virNetMessageEncode:
 * @msg: a message whose header is set
 * @filter: the XDR routine of the payload's struct, or NULL for none
 * @data: the struct to encode
 *
 * Builds the whole packet in @msg->buffer: length word, header, payload;
 * @msg->bufferOffset is reset so the packet can be written from its start.
 *
 * Returns 0, or -1 with VIR_ERR_RPC set when the payload does not fit in
 * VIR_NET_MESSAGE_MAX or does not encode.
 */
int
virNetMessageEncode(virNetMessage *msg,
                    xdrproc_t filter,
                    void *data)
{
    size_t room = 65536;
    XDR xdr;

    for (;;) {
        bool ok;
        size_t used;

        /* Not zeroed: the header and XDR write every byte that is sent
         * (XDR writes its padding itself). */
        g_free(msg->buffer);
        msg->buffer = g_malloc(room);
        virNetFrameEncodeHeader(msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                                &msg->header);
        if (!filter) {
            used = 0;
            ok = true;
        } else {
            xdrmem_create(&xdr, msg->buffer + VIR_NET_FRAME_MIN,
                          room - VIR_NET_FRAME_MIN, XDR_ENCODE);
            ok = filter(&xdr, data, 0);
            used = xdr_getpos(&xdr);
            xdr_destroy(&xdr);
        }
        if (ok) {
            msg->bufferLength = VIR_NET_FRAME_MIN + used;
            msg->bufferOffset = 0;
            virNetFrameEncodeLength(msg->buffer, msg->bufferLength);
            return 0;
        }
        /* A failed encode is either a full buffer or bad data; only
         * growing up to the limit tells which. */
        if (room >= VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX) {
            virReportError(VIR_ERR_RPC, "%s",
                           _("Unable to encode message payload"));
            return -1;
        }
        room = MIN(room * 4,
                   (size_t)VIR_NET_MESSAGE_MAX + VIR_NET_MESSAGE_LEN_MAX);
    }
}


static vir_net_string
virNetMessageStringDup(const char *str)
{
    vir_net_string ret;

    if (!str)
        return NULL;
    /* XDR frees what it decoded with free(), so what we hand it is
     * allocated the same way. */
    ret = malloc(sizeof(*ret));
    *ret = strdup(str);
    return ret;
}


/**
 * virNetMessageErrorFromVirError:
 * @rerr: filled; release with xdr_free(xdr_vir_net_message_error, @rerr)
 * @err: the error to send, or NULL for "library function returned error
 *       but did not set virError", libvirt's wording for a missing error
 *
 * Converts @err into the wire form.
 */
void
virNetMessageErrorFromVirError(vir_net_message_error *rerr,
                               const virError *err)
{
    memset(rerr, 0, sizeof(*rerr));
    if (!err || err->code == VIR_ERR_OK) {
        rerr->code = VIR_ERR_INTERNAL_ERROR;
        rerr->domain = VIR_FROM_RPC;
        rerr->level = VIR_ERR_ERROR;
        rerr->message = virNetMessageStringDup(
            _("Library function returned error but did not set virError"));
        rerr->int1 = -1;
        rerr->int2 = -1;
        return;
    }
    rerr->code = err->code;
    rerr->domain = err->domain;
    rerr->level = err->level;
    rerr->message = virNetMessageStringDup(err->message);
    rerr->str1 = virNetMessageStringDup(err->str1);
    rerr->str2 = virNetMessageStringDup(err->str2);
    rerr->str3 = virNetMessageStringDup(err->str3);
    rerr->int1 = err->int1;
    rerr->int2 = err->int2;
}


/**
 * virNetMessageEncodeError:
 * @msg: a message whose header names the call being answered
 * @err: the error, or NULL (see virNetMessageErrorFromVirError)
 *
 * Turns @msg into an error reply (status ERROR; type REPLY unless it is
 * a STREAM packet, whose errors stay STREAM packets) carrying @err.
 *
 * Returns 0, or -1 with VIR_ERR_RPC set.
 */
int
virNetMessageEncodeError(virNetMessage *msg, const virError *err)
{
    vir_net_message_error rerr;
    int ret;

    virNetMessageErrorFromVirError(&rerr, err);
    if (msg->header.type != VIR_NET_STREAM)
        msg->header.type = VIR_NET_REPLY;
    msg->header.status = VIR_NET_ERROR;
    ret = virNetMessageEncode(msg, VIR_XDRPROC(xdr_vir_net_message_error),
                              &rerr);
    xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&rerr);
    return ret;
}


/**
 * virNetMessageRaiseError:
 * @rerr: an error received from the peer
 *
 * Makes @rerr the calling thread's last error, unchanged but for one
 * rewrite libvirt's client also does: "unknown procedure" from the peer
 * becomes VIR_ERR_NO_SUPPORT, which is what callers test for before
 * falling back to an older call.
 */
void
virNetMessageRaiseError(const vir_net_message_error *rerr)
{
    const char *message = rerr->message ? *rerr->message : NULL;
    int code = rerr->code;

    if ((rerr->domain == VIR_FROM_RPC || rerr->domain == VIR_FROM_REMOTE) &&
        code == VIR_ERR_RPC && rerr->level == VIR_ERR_ERROR &&
        message && STRPREFIX(message, "unknown procedure"))
        code = VIR_ERR_NO_SUPPORT;

    virRaiseErrorFull(__FILE__, __func__, __LINE__, rerr->domain, code,
                      rerr->level,
                      rerr->str1 ? *rerr->str1 : NULL,
                      rerr->str2 ? *rerr->str2 : NULL,
                      rerr->str3 ? *rerr->str3 : NULL,
                      rerr->int1, rerr->int2,
                      message ? message : _("unknown error"));
}
