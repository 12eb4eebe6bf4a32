/*
 * virerror.h: raising errors inside the library, and the thread's last error
 *
 * Every function that detects a fault reports it once with virReportError();
 * the public error API in core/ reads the same thread-local slot.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

/* Core helper behind virReportError(): formats the message, prefixes it
 * with the wording libvirt uses for @code, stores it as the calling
 * thread's last error and logs it.  @domain is a virErrorDomain. */
void virReportErrorHelper(int domain, int code,
                          const char *filename, const char *funcname,
                          size_t linenr, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

/* Like virReportErrorHelper() for a failed system call: the message is
 * followed by ": " and g_strerror(@errnum); code is VIR_ERR_SYSTEM_ERROR. */
void virReportSystemErrorFull(int domain, int errnum,
                              const char *filename, const char *funcname,
                              size_t linenr, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

/* Full control, for code relaying an error it received (the remote
 * plugin re-raising a remote_error): no prefix is added to @message. */
void virRaiseErrorFull(const char *filename, const char *funcname,
                       size_t linenr, int domain, int code,
                       virErrorLevel level,
                       const char *str1, const char *str2, const char *str3,
                       int int1, int int2, const char *message);

#define virReportError(code, ...) \
    virReportErrorHelper(VIR_FROM_THIS, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

#define virReportSystemError(errnum, ...) \
    virReportSystemErrorFull(VIR_FROM_THIS, errnum, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

/* VIR_ERR_NO_SUPPORT naming @api, as libvirt's "this function is not
 * supported by the connection driver: virFoo". */
void virReportUnsupportedAPI(const char *api);
#define virReportUnsupportedError() virReportUnsupportedAPI(__func__)

/* VIR_ERR_INVALID_ARG "unsupported flags (0x%lx) in function %s". */
void virReportInvalidFlags(const char *funcname, unsigned int unknown);
void virReportInvalidFlagsFull(int domain, const char *funcname,
                               unsigned int unknown);

/* VIR_ERR_INVALID_ARG whose whole message is @fmt (no prefix). */
void virReportInvalidArgMessage(int domain, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/* VIR_ERR_INVALID_ARG for a NULL, empty or out-of-range argument. */
void virReportInvalidArgFull(const char *funcname, const char *argname,
                             const char *reason);
#define virReportInvalidNullArg(arg) \
    virReportInvalidArgFull(__func__, #arg, "must not be NULL")
#define virReportInvalidNonZeroArg(arg) \
    virReportInvalidArgFull(__func__, #arg, "must not be zero")
#define virReportInvalidPositiveArg(arg) \
    virReportInvalidArgFull(__func__, #arg, "must be greater than zero")

/* The calling thread's last-error slot, created on first use; never NULL.
 * Owned by the thread; cleared by virErrorResetLast(). */
virError *virErrorGetThreadLocal(void);

/* The thread's last error, or NULL if its code is VIR_ERR_OK. */
virError *virErrorGetLast(void);

/* Clear the thread's last error (public virResetLastError()). */
void virErrorResetLast(void);

/* Deep copy @from into @to (freeing what @to held); returns the code. */
int virErrorCopy(const virError *from, virError *to);

/* Free the strings of @err and zero it. */
void virErrorClear(virError *err);

/* Save the thread's error before cleanup code that may overwrite it,
 * and put it back after.  virErrorRestore() takes ownership of *@saved. */
void virErrorPreserveLast(virError **saved);
void virErrorRestore(virError **saved);

/* libvirt's wording for @code: the prefix of a message that has detail
 * ("Domain not found: %s") or the whole message when there is none. */
const char *virErrorMessageForCode(int code, bool withDetail);

/* The name libvirt prints for an error domain ("QEMU Driver", "Domain
 * Snapshot" ...), as used by virDefaultErrorFunc(). */
const char *virErrorDomainName(int domain);

/* The default handler: "libvirt: <domain> error : <message>" on stderr. */
void virErrorDefaultPrint(const virError *err);
