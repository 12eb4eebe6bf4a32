/*
 * virnetstream.h: the packets of a data stream, shared by both sides
 *
 * A stream borrows the procedure and serial of the call that opened
 * it.  Data travels as STREAM packets with status CONTINUE and raw bytes
 * for payload (no XDR), an empty CONTINUE packet marks the end of the
 * data, STREAM/OK finishes and STREAM/ERROR aborts (empty from a
 * client, a remote_error from a server).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virnetmessage.h"

/* Most data bytes one packet carries: libvirt's historical packet size
 * less the header, which libvirt peers still use. */
#define VIR_NET_STREAM_CHUNK 262120

int virNetStreamEncodeData(virNetMessage *msg,
                           const virNetMessageHeader *opener,
                           const char *data,
                           size_t len);
int virNetStreamEncodeStatus(virNetMessage *msg,
                             const virNetMessageHeader *opener,
                             int status,
                             const virError *err);
void virNetStreamGetData(const virNetMessage *msg,
                         const char **data,
                         size_t *len);
