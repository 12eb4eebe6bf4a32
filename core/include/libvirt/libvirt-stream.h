/*
 * virtplug public API: data streams
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_STREAM_H
# define LIBVIRT_STREAM_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-stream.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Values of virStreamEventType */
typedef enum {
    VIR_STREAM_EVENT_READABLE = 1 << 0,
    VIR_STREAM_EVENT_WRITABLE = 1 << 1,
    VIR_STREAM_EVENT_ERROR = 1 << 2,
    VIR_STREAM_EVENT_HANGUP = 1 << 3,
} virStreamEventType;

/* Flag bits for virStreamNew() */
typedef enum {
    VIR_STREAM_NONBLOCK = 1 << 0,
} virStreamFlags;

/* Flag bits for the virStreamRecv*() calls */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = 1 << 0,
} virStreamRecvFlagsValues;

/* Callback signatures */
typedef void (*virStreamEventCallback)(virStreamPtr stream,
                                       int events,
                                       void *opaque);
typedef int (*virStreamSinkFunc)(virStreamPtr st,
                                 const char *data,
                                 size_t nbytes,
                                 void *opaque);
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st,
                                     long long length,
                                     void *opaque);
typedef int (*virStreamSourceFunc)(virStreamPtr st,
                                   char *data,
                                   size_t nbytes,
                                   void *opaque);
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st,
                                       int *inData,
                                       long long *length,
                                       void *opaque);
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st,
                                       long long length,
                                       void *opaque);

/* Non-blocking stream callbacks */
int virStreamEventAddCallback(virStreamPtr stream,
                              int events,
                              virStreamEventCallback cb,
                              void *opaque,
                              virFreeCallback ff);
int virStreamEventRemoveCallback(virStreamPtr stream);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);

/* Whole-stream transfer helpers */
int virStreamRecvAll(virStreamPtr stream,
                     virStreamSinkFunc handler,
                     void *opaque);
int virStreamSendAll(virStreamPtr stream,
                     virStreamSourceFunc handler,
                     void *opaque);
int virStreamSparseRecvAll(virStreamPtr stream,
                           virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler,
                           void *opaque);
int virStreamSparseSendAll(virStreamPtr stream,
                           virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler,
                           void *opaque);

/* Stream objects and raw I/O */
int virStreamAbort(virStreamPtr stream);
int virStreamFinish(virStreamPtr stream);
int virStreamFree(virStreamPtr stream);
virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRecv(virStreamPtr stream, char *data, size_t nbytes);
int virStreamRecvFlags(virStreamPtr stream,
                       char *data,
                       size_t nbytes,
                       unsigned int flags);
int virStreamRecvHole(virStreamPtr stream,
                      long long *length,
                      unsigned int flags);
int virStreamRef(virStreamPtr stream);
int virStreamSend(virStreamPtr stream, const char *data, size_t nbytes);
int virStreamSendHole(virStreamPtr stream,
                      long long length,
                      unsigned int flags);

#endif /* LIBVIRT_STREAM_H */
