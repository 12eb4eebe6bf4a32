/*
 * libvirt-typedparams.c: the virTypedParams* helpers of libvirt-common.h
 *
 * Arrays of typed parameters are allocated with GLib, which uses the
 * system allocator, so applications may free them with free() as the
 * libvirt documentation allows.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static const char *const typeNames[] = {
    [VIR_TYPED_PARAM_INT] = "int",
    [VIR_TYPED_PARAM_UINT] = "uint",
    [VIR_TYPED_PARAM_LLONG] = "llong",
    [VIR_TYPED_PARAM_ULLONG] = "ullong",
    [VIR_TYPED_PARAM_DOUBLE] = "double",
    [VIR_TYPED_PARAM_BOOLEAN] = "boolean",
    [VIR_TYPED_PARAM_STRING] = "string",
};

static const char *
virTypedParamTypeName(int type)
{
    if (type > 0 && type < (int)G_N_ELEMENTS(typeNames) && typeNames[type])
        return typeNames[type];
    return "unknown";
}


virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name)
{
    int i;

    virResetLastError();
    if (!params || !name)
        return NULL;
    for (i = 0; i < nparams; i++) {
        if (STREQ(params[i].field, name))
            return params + i;
    }
    return NULL;
}


/* Find @name and check its type.  Returns 1 with *@param set, 0 when
 * absent, -1 with VIR_ERR_INVALID_ARG when it has another type. */
static int
virTypedParamsLookup(virTypedParameterPtr params, int nparams,
                     const char *name, int type, virTypedParameterPtr *param)
{
    virResetLastError();
    if (!name) {
        virReportInvalidNullArg(name);
        goto error;
    }
    if (!(*param = virTypedParamsGet(params, nparams, name)))
        return 0;
    if ((*param)->type != type) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Invalid type '%1$s' requested for parameter '%2$s', actual type is '%3$s'"),
                       virTypedParamTypeName(type), name,
                       virTypedParamTypeName((*param)->type));
        goto error;
    }
    return 1;

 error:
    virDispatchError(NULL);
    return -1;
}

#define DEFINE_TYPED_GET(Suffix, ctype, TYPE, member) \
    int \
    virTypedParamsGet ## Suffix(virTypedParameterPtr params, int nparams, \
                                const char *name, ctype *value) \
    { \
        virTypedParameterPtr param; \
        int rc = virTypedParamsLookup(params, nparams, name, TYPE, &param); \
        if (rc == 1 && value) \
            *value = param->value.member; \
        return rc; \
    }

DEFINE_TYPED_GET(Int, int, VIR_TYPED_PARAM_INT, i)
DEFINE_TYPED_GET(UInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
DEFINE_TYPED_GET(LLong, long long, VIR_TYPED_PARAM_LLONG, l)
DEFINE_TYPED_GET(ULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)
DEFINE_TYPED_GET(Double, double, VIR_TYPED_PARAM_DOUBLE, d)
DEFINE_TYPED_GET(String, const char *, VIR_TYPED_PARAM_STRING, s)

int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                         const char *name, int *value)
{
    virTypedParameterPtr param;
    int rc = virTypedParamsLookup(params, nparams, name,
                                  VIR_TYPED_PARAM_BOOLEAN, &param);

    if (rc == 1 && value)
        *value = !!param->value.b;
    return rc;
}


/* Make room for one more parameter called @name and return it, or NULL
 * with VIR_ERR_INVALID_ARG when the name is too long or already there. */
static virTypedParameterPtr
virTypedParamsAppend(virTypedParameterPtr *params, int *nparams,
                     int *maxparams, const char *name, int type)
{
    virTypedParameterPtr param;

    virResetLastError();
    if (!params || !nparams || !maxparams || !name) {
        virReportInvalidArgFull(__func__, "params, nparams, maxparams, name",
                                "cannot be NULL");
        return NULL;
    }
    if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Parameter name '%1$s' too long"), name);
        return NULL;
    }
    if (virTypedParamsGet(*params, *nparams, name)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Parameter '%1$s' is already set"), name);
        return NULL;
    }
    if (*nparams >= *maxparams) {
        int grown = MAX(*maxparams * 2, *nparams + 4);

        *params = g_renew(virTypedParameter, *params, grown);
        memset(*params + *maxparams, 0,
               (grown - *maxparams) * sizeof(virTypedParameter));
        *maxparams = grown;
    }
    param = *params + (*nparams)++;
    memset(param, 0, sizeof(*param));
    g_strlcpy(param->field, name, VIR_TYPED_PARAM_FIELD_LENGTH);
    param->type = type;
    return param;
}

#define DEFINE_TYPED_ADD(Suffix, ctype, TYPE, member) \
    int \
    virTypedParamsAdd ## Suffix(virTypedParameterPtr *params, int *nparams, \
                                int *maxparams, const char *name, \
                                ctype value) \
    { \
        virTypedParameterPtr param = virTypedParamsAppend(params, nparams, \
                                                          maxparams, name, \
                                                          TYPE); \
        if (!param) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        param->value.member = value; \
        return 0; \
    }

DEFINE_TYPED_ADD(Int, int, VIR_TYPED_PARAM_INT, i)
DEFINE_TYPED_ADD(UInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
DEFINE_TYPED_ADD(LLong, long long, VIR_TYPED_PARAM_LLONG, l)
DEFINE_TYPED_ADD(ULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)
DEFINE_TYPED_ADD(Double, double, VIR_TYPED_PARAM_DOUBLE, d)

int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value)
{
    virTypedParameterPtr param = virTypedParamsAppend(params, nparams,
                                                      maxparams, name,
                                                      VIR_TYPED_PARAM_BOOLEAN);

    if (!param) {
        virDispatchError(NULL);
        return -1;
    }
    param->value.b = !!value;
    return 0;
}

int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, const char *value)
{
    virTypedParameterPtr param = virTypedParamsAppend(params, nparams,
                                                      maxparams, name,
                                                      VIR_TYPED_PARAM_STRING);

    if (!param) {
        virDispatchError(NULL);
        return -1;
    }
    param->value.s = g_strdup(value);
    return 0;
}

/* Unlike the others, a string list adds the same name several times,
 * which is how libvirt passes lists (migration disks, for one). */
int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            const char **values)
{
    size_t i;

    virResetLastError();
    if (!values)
        return 0;
    for (i = 0; values[i]; i++) {
        virTypedParameterPtr param;

        if (*nparams >= *maxparams) {
            int grown = MAX(*maxparams * 2, *nparams + 4);

            *params = g_renew(virTypedParameter, *params, grown);
            *maxparams = grown;
        }
        if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Parameter name '%1$s' too long"), name);
            virDispatchError(NULL);
            return -1;
        }
        param = *params + (*nparams)++;
        memset(param, 0, sizeof(*param));
        g_strlcpy(param->field, name, VIR_TYPED_PARAM_FIELD_LENGTH);
        param->type = VIR_TYPED_PARAM_STRING;
        param->value.s = g_strdup(values[i]);
    }
    return 0;
}

int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, int type,
                            const char *value)
{
    virTypedParameterPtr param;
    bool ok = true;

    if (!(param = virTypedParamsAppend(params, nparams, maxparams, name,
                                       type)))
        goto error;

    switch ((virTypedParameterType)type) {
    case VIR_TYPED_PARAM_INT:
        ok = virStrToLong_i(value, NULL, 10, &param->value.i) == 0;
        break;
    case VIR_TYPED_PARAM_UINT:
        ok = virStrToLong_ui(value, NULL, 10, &param->value.ui) == 0;
        break;
    case VIR_TYPED_PARAM_LLONG:
        ok = virStrToLong_ll(value, NULL, 10, &param->value.l) == 0;
        break;
    case VIR_TYPED_PARAM_ULLONG:
        ok = virStrToLong_ull(value, NULL, 10, &param->value.ul) == 0;
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        ok = virStrToDouble(value, NULL, &param->value.d) == 0;
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(value, "true") == 0 || STREQ(value, "1") ||
            g_ascii_strcasecmp(value, "yes") == 0)
            param->value.b = 1;
        else if (g_ascii_strcasecmp(value, "false") == 0 ||
                 STREQ(value, "0") || g_ascii_strcasecmp(value, "no") == 0)
            param->value.b = 0;
        else
            ok = false;
        break;
    case VIR_TYPED_PARAM_STRING:
        param->value.s = g_strdup(value);
        break;
    default:
        (*nparams)--;
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unexpected type %1$d for field %2$s"), type, name);
        goto error;
    }
    if (!ok) {
        (*nparams)--;
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Invalid value for field '%1$s': expected %2$s"),
                       name, virTypedParamTypeName(type));
        goto error;
    }
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    int i;

    if (!params)
        return;
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}


void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    g_free(params);
}
