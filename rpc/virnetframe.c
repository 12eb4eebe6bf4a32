/*
 * virnetframe.c: libvirt RPC packet framing, without any I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virnetframe.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC


/**
 * virNetFrameReadBE32:
 * @buf: at least 4 bytes
 *
 * Returns the big-endian 32-bit word at @buf.
 */
uint32_t
virNetFrameReadBE32(const char *buf)
{
    const unsigned char *p = (const unsigned char *)buf;

    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}


/**
 * virNetFrameWriteBE32:
 * @buf: room for 4 bytes
 * @value: the word to store
 *
 * Stores @value at @buf, big-endian.
 */
void
virNetFrameWriteBE32(char *buf, uint32_t value)
{
    unsigned char *p = (unsigned char *)buf;

    p[0] = value >> 24;
    p[1] = value >> 16;
    p[2] = value >> 8;
    p[3] = value;
}


/**
 * virNetFrameDecodeLength:
 * @buf: the first 4 bytes of a packet
 * @total: set to the whole packet's length, the 4 bytes included
 *
 * Checks the length word before anyone allocates for it: it counts
 * itself, so it is at least the length word plus a header, and what
 * follows it is at most VIR_NET_MESSAGE_MAX bytes.
 *
 * Returns 0, or -1 with VIR_ERR_RPC set; the peer is then to be dropped,
 * since the stream cannot be resynchronised.
 */
int
virNetFrameDecodeLength(const char *buf, size_t *total)
{
    uint32_t len = virNetFrameReadBE32(buf);

    if (len < VIR_NET_FRAME_MIN ||
        len - VIR_NET_MESSAGE_LEN_MAX > VIR_NET_MESSAGE_MAX) {
        virReportError(VIR_ERR_RPC,
                       _("packet length %1$u is outside %2$u..%3$u"),
                       len, (unsigned int)VIR_NET_FRAME_MIN,
                       (unsigned int)(VIR_NET_MESSAGE_MAX +
                                      VIR_NET_MESSAGE_LEN_MAX));
        return -1;
    }
    *total = len;
    return 0;
}


/**
 * virNetFrameDecodeHeader:
 * @buf: the bytes after the length word
 * @len: how many bytes @buf holds
 * @hdr: filled on success
 *
 * Returns 0, or -1 with VIR_ERR_RPC set when @buf is shorter than a
 * header or the type or status word is not one libvirt defines.  Program,
 * version and procedure are the dispatcher's to judge.
 */
int
virNetFrameDecodeHeader(const char *buf, size_t len,
                        virNetMessageHeader *hdr)
{
    virNetMessageHeader h;

    if (len < VIR_NET_MESSAGE_HEADER_MAX) {
        virReportError(VIR_ERR_RPC,
                       _("packet of %1$zu bytes is too short for a header"),
                       len);
        return -1;
    }
    h.prog = virNetFrameReadBE32(buf);
    h.vers = virNetFrameReadBE32(buf + 4);
    h.proc = (int32_t)virNetFrameReadBE32(buf + 8);
    h.type = (int32_t)virNetFrameReadBE32(buf + 12);
    h.serial = virNetFrameReadBE32(buf + 16);
    h.status = (int32_t)virNetFrameReadBE32(buf + 20);

    if (h.type < 0 || h.type >= VIR_NET_MESSAGE_TYPE_LAST) {
        virReportError(VIR_ERR_RPC, _("unknown message type %1$d"), h.type);
        return -1;
    }
    if (h.status < 0 || h.status >= VIR_NET_MESSAGE_STATUS_LAST) {
        virReportError(VIR_ERR_RPC, _("Unexpected message status %1$d"),
                       h.status);
        return -1;
    }
    *hdr = h;
    return 0;
}


/**
 * virNetFrameEncodeHeader:
 * @buf: room for VIR_NET_MESSAGE_HEADER_MAX bytes
 * @hdr: the header to write
 *
 * Writes @hdr as six big-endian words.
 */
void
virNetFrameEncodeHeader(char *buf, const virNetMessageHeader *hdr)
{
    virNetFrameWriteBE32(buf, hdr->prog);
    virNetFrameWriteBE32(buf + 4, hdr->vers);
    virNetFrameWriteBE32(buf + 8, (uint32_t)hdr->proc);
    virNetFrameWriteBE32(buf + 12, (uint32_t)hdr->type);
    virNetFrameWriteBE32(buf + 16, hdr->serial);
    virNetFrameWriteBE32(buf + 20, (uint32_t)hdr->status);
}


/**
 * virNetFrameEncodeLength:
 * @buf: the start of a packet
 * @total: the packet's whole length, the length word included
 *
 * Writes the length word; the caller has checked @total against the
 * limits (virNetMessageEncode does).
 */
void
virNetFrameEncodeLength(char *buf, size_t total)
{
    virNetFrameWriteBE32(buf, (uint32_t)total);
}
