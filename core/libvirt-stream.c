/*
 * libvirt-stream.c: the whole-stream helpers of libvirt-stream.h, built
 * on the dispatched virStreamSend/Recv/SendHole/RecvHole calls
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* The chunk size libvirt uses for its own whole-stream loops. */
#define VIR_STREAM_CHUNK (256 * 1024)

/* Abort after a failure without losing the failure's error. */
static void
virStreamAbortKeepError(virStreamPtr stream)
{
    virErrorPtr saved = NULL;

    virErrorPreserveLast(&saved);
    virStreamAbort(stream);
    virErrorRestore(&saved);
}

static int
virStreamSendChunk(virStreamPtr stream, const char *data, size_t len)
{
    size_t offset = 0;

    while (offset < len) {
        int sent = virStreamSend(stream, data + offset, len - offset);

        if (sent < 0)
            return -1;
        offset += sent;
    }
    return 0;
}

int
virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                 void *opaque)
{
    g_autofree char *buf = NULL;

    virResetLastError();
    if (!virCheckStreamObject(stream, __func__))
        goto error;
    if (!handler) {
        virReportInvalidNullArg(handler);
        goto error;
    }
    if (stream->flags & VIR_STREAM_NONBLOCK) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("data sources cannot be used for non-blocking streams"));
        goto error;
    }

    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        int got = handler(stream, buf, VIR_STREAM_CHUNK, opaque);

        if (got < 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("stream source handler failed"));
            goto abort;
        }
        if (got == 0)
            return 0;
        if (virStreamSendChunk(stream, buf, got) < 0)
            goto abort;
    }

 abort:
    virStreamAbortKeepError(stream);
 error:
    virDispatchError(stream ? stream->conn : NULL);
    return -1;
}

int
virStreamSparseSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler,
                       virStreamSourceSkipFunc skipHandler, void *opaque)
{
    g_autofree char *buf = NULL;

    virResetLastError();
    if (!virCheckStreamObject(stream, __func__))
        goto error;
    if (!handler || !holeHandler || !skipHandler) {
        virReportInvalidArgFull(__func__, "handler, holeHandler, skipHandler",
                                "cannot be NULL");
        goto error;
    }

    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        int inData = 0;
        long long sectionLen = 0;

        if (holeHandler(stream, &inData, &sectionLen, opaque) < 0)
            goto abort;
        if (!inData && sectionLen > 0) {
            if (virStreamSendHole(stream, sectionLen, 0) < 0 ||
                skipHandler(stream, sectionLen, opaque) < 0)
                goto abort;
            continue;
        }
        if (sectionLen == 0)
            sectionLen = VIR_STREAM_CHUNK;
        {
            size_t want = MIN((long long)VIR_STREAM_CHUNK, sectionLen);
            int got = handler(stream, buf, want, opaque);

            if (got < 0)
                goto abort;
            if (got == 0)
                return 0;
            if (virStreamSendChunk(stream, buf, got) < 0)
                goto abort;
        }
    }

 abort:
    virStreamAbortKeepError(stream);
 error:
    virDispatchError(stream ? stream->conn : NULL);
    return -1;
}

static int
virStreamRecvLoop(virStreamPtr stream, virStreamSinkFunc handler,
                  virStreamSinkHoleFunc holeHandler, void *opaque)
{
    g_autofree char *buf = g_malloc(VIR_STREAM_CHUNK);
    unsigned int flags = holeHandler ? VIR_STREAM_RECV_STOP_AT_HOLE : 0;

    for (;;) {
        /* Plain reads when holes do not matter: every stream driver
         * has streamRecv, not all have streamRecvFlags. */
        int got = flags ? virStreamRecvFlags(stream, buf, VIR_STREAM_CHUNK, flags)
                        : virStreamRecv(stream, buf, VIR_STREAM_CHUNK);
        size_t offset = 0;

        if (got == -3 && holeHandler) {
            long long hole = 0;

            if (virStreamRecvHole(stream, &hole, 0) < 0 ||
                holeHandler(stream, hole, opaque) < 0)
                return -1;
            continue;
        }
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        while (offset < (size_t)got) {
            int done = handler(stream, buf + offset, got - offset, opaque);

            if (done < 0) {
                virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                               _("stream sink handler failed"));
                return -1;
            }
            offset += done;
        }
    }
}

int
virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void *opaque)
{
    virResetLastError();
    if (!virCheckStreamObject(stream, __func__))
        goto error;
    if (!handler) {
        virReportInvalidNullArg(handler);
        goto error;
    }
    if (virStreamRecvLoop(stream, handler, NULL, opaque) == 0)
        return 0;
    virStreamAbortKeepError(stream);

 error:
    virDispatchError(stream ? stream->conn : NULL);
    return -1;
}

int
virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler, void *opaque)
{
    virResetLastError();
    if (!virCheckStreamObject(stream, __func__))
        goto error;
    if (!handler || !holeHandler) {
        virReportInvalidArgFull(__func__, "handler, holeHandler",
                                "cannot be NULL");
        goto error;
    }
    if (virStreamRecvLoop(stream, handler, holeHandler, opaque) == 0)
        return 0;
    virStreamAbortKeepError(stream);

 error:
    virDispatchError(stream ? stream->conn : NULL);
    return -1;
}
