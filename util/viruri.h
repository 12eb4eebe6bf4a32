/*
 * viruri.h: connection URIs (qemu+ssh://user@host:22/system?socket=/x)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef struct _virURIParam virURIParam;
struct _virURIParam {
    char *name;
    char *value;
    bool ignore;        /* consumed by the client side, not sent on */
};

typedef struct _virURI virURI;
struct _virURI {
    char *scheme;       /* "qemu+ssh"; never NULL after a parse */
    char *server;       /* host name or address, NULL if none */
    char *user;
    int port;           /* 0 when not given */
    char *path;         /* "/system", NULL if none */
    char *query;        /* raw query string, NULL if none */
    char *fragment;

    size_t paramsCount;
    virURIParam *params;
};

/* Parse @uri; NULL with VIR_ERR_INTERNAL_ERROR "Unable to parse URI
 * @uri" (libvirt's code and words) when malformed or without a scheme.
 * The query is also split into params (percent-decoded). */
virURI *virURIParse(const char *uri);
char *virURIFormat(const virURI *uri);
/* "a=1&b=2" from the params not marked ignore, escaped; caller frees. */
char *virURIFormatParams(const virURI *uri);
void virURIFree(virURI *uri);
/* Value of the first query parameter @name, or NULL. */
const char *virURIGetParam(const virURI *uri, const char *name);
/* "qemu" for "qemu+ssh"; the transport ("ssh") or NULL. Caller frees. */
char *virURIGetDriverScheme(const virURI *uri);
char *virURIGetTransport(const virURI *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virURI, virURIFree);
