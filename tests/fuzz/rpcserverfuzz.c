/*
 * rpcserverfuzz.c: libFuzzer harness for the daemon's packet decoding
 *
 * Feeds arbitrary bytes through the steps virtplugd applies to what a
 * client sends: the length word, the header, and the payload decoded
 * with the argument filter of the procedure it names (the daemon's own
 * table), then the error reply it would send.  Malformed lengths,
 * headers, XDR payloads and oversized strings must end in an error,
 * never a crash, an overread or a leak (run with ASan/LSan).  Driver
 * calls are not made: the dispatch functions run against a connection,
 * which the live checks in tests/remote-load.sh cover.
 *
 * Build and run: tests/fuzz/run-rpc-fuzz.sh
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdint.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virnetmessage.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode one packet from @data; returns the bytes it used, or 0 when
 * the server would drop the client. */
static size_t
rpcFuzzOnePacket(const uint8_t *data, size_t size)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    const virNetServerProcedure *proc;
    size_t used;

    if (size < VIR_NET_MESSAGE_LEN_MAX)
        return 0;
    memcpy(msg->buffer, data, VIR_NET_MESSAGE_LEN_MAX);
    msg->bufferOffset = VIR_NET_MESSAGE_LEN_MAX;
    if (virNetMessageDecodeLength(msg) < 0)
        return 0;
    if (msg->bufferLength > size)
        return 0;
    memcpy(msg->buffer, data, msg->bufferLength);
    msg->bufferOffset = msg->bufferLength;
    used = msg->bufferLength;
    if (virNetMessageDecodeHeader(msg) < 0)
        return 0;

    if (msg->header.prog == REMOTE_PROGRAM &&
        msg->header.proc >= 0 && msg->header.proc < REMOTE_NPROCEDURES &&
        (proc = &remoteProcedures[msg->header.proc])->func) {
        g_autofree void *args = g_malloc0(proc->argsSize ? proc->argsSize : 1);

        if (!proc->argsFilter) {
            if (msg->bufferLength != VIR_NET_FRAME_MIN)
                virReportError(VIR_ERR_RPC, "%s", _("unexpected payload"));
        } else {
            /* As the server does: what a failed decode allocated is
             * freed too. */
            virNetMessageDecodePayload(msg, proc->argsFilter, args);
            xdr_free(proc->argsFilter, args);
        }
    } else {
        virReportError(VIR_ERR_RPC, _("unknown procedure: %1$d"), msg->header.proc);
    }
    if (virGetLastError()) {
        g_autoptr(virNetMessage) reply = virNetMessageNew();

        reply->header = msg->header;
        reply->header.type = VIR_NET_REPLY;
        reply->header.status = VIR_NET_ERROR;
        virNetMessageEncodeError(reply, virGetLastError());
    }
    virResetLastError();
    return used;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t used;

    while (size > 0 && (used = rpcFuzzOnePacket(data, size)) > 0) {
        data += used;
        size -= used;
    }
    virResetLastError();
    return 0;
}
