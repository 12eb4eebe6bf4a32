/*
 * virtplug/error.h: reporting an error from a plugin
 *
 * libvirt's public API lets an application read errors but has no call to
 * raise one, so the SDK exports the core's reporting helpers (symbol node
 * VIRTPLUG_SDK_1.0).  A driver function that fails reports the error once,
 * where the fault is known, and returns -1 or NULL; the core hands the
 * error to the application unchanged.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_ERROR_H
#define VIRTPLUG_ERROR_H

#include <stddef.h>

#include <libvirt/virterror.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
# define VIRTPLUG_PRINTF(fmt, first) \
    __attribute__((format(printf, fmt, first)))
#else
# define VIRTPLUG_PRINTF(fmt, first)
#endif

/* Set the calling thread's error: @domain is a virErrorDomain, @code a
 * virErrorNumber, and the message is libvirt's wording for @code followed
 * by the printf-style detail ("Domain not found: no domain with matching
 * name 'x'").  @fmt may be NULL for the bare wording.  Use it through
 * VIRTPLUG_REPORT_ERROR(), which fills in the source location. */
void virReportErrorHelper(int domain, int code,
                          const char *filename, const char *funcname,
                          size_t linenr, const char *fmt, ...)
    VIRTPLUG_PRINTF(6, 7);

/* VIR_ERR_INVALID_ARG "unsupported flags (0x...) in function F" for the
 * bits of @unknown; see VIRTPLUG_CHECK_FLAGS(). */
void virReportInvalidFlags(const char *funcname, unsigned int unknown);

/* End a failed public call as the core's entry points do: keep the
 * thread's error in @conn (may be NULL) and hand it to the application's
 * error handler.  For libraries layered on libvirt.so, such as
 * libvirt-qemu.so; a driver never calls it (the core does). */
void virDispatchError(virConnectPtr conn);

#define VIRTPLUG_REPORT_ERROR(domain, code, ...) \
    virReportErrorHelper(domain, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)

/* At the top of a driver function: refuse any flag outside @supported,
 * as every libvirt driver does, and return @retval. */
#define VIRTPLUG_CHECK_FLAGS(flags, supported, retval) \
    do { \
        if ((flags) & ~(unsigned int)(supported)) { \
            virReportInvalidFlags(__func__, \
                                  (flags) & ~(unsigned int)(supported)); \
            return retval; \
        } \
    } while (0)

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_ERROR_H */
