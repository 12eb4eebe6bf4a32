/*
 * virtplug public API: definitions shared by all libvirt API headers
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_COMMON_H
# define LIBVIRT_COMMON_H

# if !defined(__VIR_LIBVIRT_H_INCLUDES__) && !defined(__VIR_ADMIN_H_INCLUDES__)
#  error "libvirt-common.h is internal: include <libvirt/libvirt.h> instead"
# endif

# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

/* Attribute marking deprecated interfaces (can be predefined empty) */
# ifndef VIR_DEPRECATED
#  if defined(__GNUC__) && (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))
#   define VIR_DEPRECATED __attribute__((__deprecated__))
#  else
#   define VIR_DEPRECATED
#  endif
# endif

/* Storage class for exported data objects */
# if defined(WIN32) && !defined(LIBVIRT_STATIC)
#  ifdef IN_LIBVIRT
#   define VIR_EXPORT_VAR __declspec(dllexport) extern
#  else
#   define VIR_EXPORT_VAR __declspec(dllimport) extern
#  endif
# else
#  define VIR_EXPORT_VAR extern
# endif

/* Version of the API these headers describe: major * 1000000 + minor * 1000 + micro */
# define LIBVIR_VERSION_NUMBER 9000000

/* True when the headers are at least version major.minor.micro */
# define LIBVIR_CHECK_VERSION(major, minor, micro) ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

/* Sizes, limits and aliases */
# define VIR_TYPED_PARAM_FIELD_LENGTH 80

/* Why a connection was closed, passed to virConnectCloseFunc */
typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR = 0,
    VIR_CONNECT_CLOSE_REASON_EOF = 1,
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VIR_CONNECT_CLOSE_REASON_CLIENT = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_CLOSE_REASON_LAST = 4
# endif
} virConnectCloseReason;

/* Extra flag understood by APIs that take typed parameters */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 1 << 2,
} virTypedParameterFlags;

/* Type tag stored in virTypedParameter.type */
typedef enum {
    VIR_TYPED_PARAM_INT = 1,
    VIR_TYPED_PARAM_UINT = 2,
    VIR_TYPED_PARAM_LLONG = 3,
    VIR_TYPED_PARAM_ULLONG = 4,
    VIR_TYPED_PARAM_DOUBLE = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6,
    VIR_TYPED_PARAM_STRING = 7,
# ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST = 8
# endif
} virTypedParameterType;

/* Public structures and their pointer types */
typedef struct _virTypedParameter virTypedParameter;
typedef virTypedParameter *virTypedParameterPtr;

/* Callback signatures */
typedef void (*virFreeCallback)(void *opaque);

/* A named, typed value used by many tuning and statistics APIs */
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type;
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;
    } value;
};

/* Reading typed parameter arrays */
virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params,
                                       int nparams,
                                       const char *name);
int virTypedParamsGetBoolean(virTypedParameterPtr params,
                             int nparams,
                             const char *name,
                             int *value);
int virTypedParamsGetDouble(virTypedParameterPtr params,
                            int nparams,
                            const char *name,
                            double *value);
int virTypedParamsGetInt(virTypedParameterPtr params,
                         int nparams,
                         const char *name,
                         int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params,
                           int nparams,
                           const char *name,
                           long long *value);
int virTypedParamsGetString(virTypedParameterPtr params,
                            int nparams,
                            const char *name,
                            const char **value);
int virTypedParamsGetUInt(virTypedParameterPtr params,
                          int nparams,
                          const char *name,
                          unsigned int *value);
int virTypedParamsGetULLong(virTypedParameterPtr params,
                            int nparams,
                            const char *name,
                            unsigned long long *value);

/* Building and releasing typed parameter arrays */
int virTypedParamsAddBoolean(virTypedParameterPtr *params,
                             int *nparams,
                             int *maxparams,
                             const char *name,
                             int value);
int virTypedParamsAddDouble(virTypedParameterPtr *params,
                            int *nparams,
                            int *maxparams,
                            const char *name,
                            double value);
int virTypedParamsAddFromString(virTypedParameterPtr *params,
                                int *nparams,
                                int *maxparams,
                                const char *name,
                                int type,
                                const char *value);
int virTypedParamsAddInt(virTypedParameterPtr *params,
                         int *nparams,
                         int *maxparams,
                         const char *name,
                         int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params,
                           int *nparams,
                           int *maxparams,
                           const char *name,
                           long long value);
int virTypedParamsAddString(virTypedParameterPtr *params,
                            int *nparams,
                            int *maxparams,
                            const char *name,
                            const char *value);
int virTypedParamsAddStringList(virTypedParameterPtr *params,
                                int *nparams,
                                int *maxparams,
                                const char *name,
                                const char **values);
int virTypedParamsAddUInt(virTypedParameterPtr *params,
                          int *nparams,
                          int *maxparams,
                          const char *name,
                          unsigned int value);
int virTypedParamsAddULLong(virTypedParameterPtr *params,
                            int *nparams,
                            int *maxparams,
                            const char *name,
                            unsigned long long value);
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_COMMON_H */
