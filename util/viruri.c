/*
 * viruri.c: connection URIs (qemu+ssh://user@host:22/system?socket=/x)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <libxml/uri.h>

#include "internal.h"
#include "virerror.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* Characters RFC 3986 lets each component hold unescaped besides the
 * unreserved ones (ALPHA DIGIT - . _ ~). */
#define VIR_URI_SUB_DELIMS "!$&'()*+,;="
#define VIR_URI_SAFE_USER VIR_URI_SUB_DELIMS ":"
#define VIR_URI_SAFE_HOST VIR_URI_SUB_DELIMS
#define VIR_URI_SAFE_HOST_IPV6 VIR_URI_SUB_DELIMS ":"
#define VIR_URI_SAFE_PATH VIR_URI_SUB_DELIMS ":@/"
#define VIR_URI_SAFE_FRAGMENT VIR_URI_SUB_DELIMS ":@/?"
/* In a query parameter '&', ';' and '=' separate, so they are escaped. */
#define VIR_URI_SAFE_PARAM "!$'()*,:@/?"


/* Percent-decode @str; NULL when an escape is malformed or decodes to
 * NUL, which would silently cut the value. */
static char *
virURIUnescape(const char *str, size_t len)
{
    g_autofree char *out = g_new(char, len + 1);
    size_t i;
    size_t j = 0;

    for (i = 0; i < len; i++) {
        int hi;
        int lo;

        if (str[i] != '%') {
            out[j++] = str[i];
            continue;
        }
        if (i + 2 >= len)
            return NULL;
        if ((hi = g_ascii_xdigit_value(str[i + 1])) < 0 ||
            (lo = g_ascii_xdigit_value(str[i + 2])) < 0 ||
            (hi == 0 && lo == 0))
            return NULL;
        out[j++] = (hi << 4) | lo;
        i += 2;
    }
    out[j] = '\0';
    return g_steal_pointer(&out);
}


/* Split the raw query on '&' or ';' into decoded name/value pairs; a
 * parameter without '=' has the value "". */
static int
virURIParseParams(virURI *uri)
{
    const char *p = uri->query;

    while (p && *p) {
        size_t len = strcspn(p, "&;");
        const char *eq = memchr(p, '=', len);
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (len > 0) {
            if (eq) {
                name = virURIUnescape(p, eq - p);
                value = virURIUnescape(eq + 1, len - (eq + 1 - p));
            } else {
                name = virURIUnescape(p, len);
                value = g_strdup("");
            }
            if (!name || !value)
                return -1;

            uri->params = g_renew(virURIParam, uri->params,
                                  uri->paramsCount + 1);
            uri->params[uri->paramsCount].name = g_steal_pointer(&name);
            uri->params[uri->paramsCount].value = g_steal_pointer(&value);
            uri->params[uri->paramsCount].ignore = false;
            uri->paramsCount++;
        }

        p += len;
        if (*p)
            p++;
    }
    return 0;
}


/**
 * virURIParse:
 * @uristr: URI to parse
 *
 * Parse an absolute URI.  User, host, path and fragment are
 * percent-decoded; the query is kept raw in ->query and also split into
 * decoded ->params.  Brackets around an IPv6 host are removed.
 *
 * Returns the URI, to be freed with virURIFree(), or NULL with
 * VIR_ERR_INTERNAL_ERROR "Unable to parse URI ..." (libvirt's code and
 * words) when @uristr is malformed or has no scheme.
 */
virURI *
virURIParse(const char *uristr)
{
    g_autoptr(virURI) uri = NULL;
    xmlURIPtr xmluri = NULL;

    if (!uristr || !(xmluri = xmlParseURI(uristr)) ||
        !xmluri->scheme || xmluri->port > 65535)
        goto malformed;

    uri = g_new0(virURI, 1);
    uri->scheme = g_strdup(xmluri->scheme);
    uri->user = g_strdup(xmluri->user);
    uri->port = MAX(xmluri->port, 0);
    uri->path = g_strdup(xmluri->path);
    uri->query = g_strdup(xmluri->query_raw);
    uri->fragment = g_strdup(xmluri->fragment);

    if (xmluri->server && xmluri->server[0] == '[') {
        size_t len = strlen(xmluri->server);

        if (len < 2 || xmluri->server[len - 1] != ']')
            goto malformed;
        uri->server = g_strndup(xmluri->server + 1, len - 2);
    } else {
        uri->server = g_strdup(xmluri->server);
    }

    if (virURIParseParams(uri) < 0)
        goto malformed;

    xmlFreeURI(xmluri);
    return g_steal_pointer(&uri);

 malformed:
    if (xmluri)
        xmlFreeURI(xmluri);
    virReportError(VIR_ERR_INTERNAL_ERROR, _("Unable to parse URI %1$s"),
                   NULLSTR(uristr));
    return NULL;
}


/* Append @str to @out, escaping all but unreserved and @safe. */
static void
virURIEscapeInto(GString *out, const char *str, const char *safe)
{
    const unsigned char *p;

    for (p = (const unsigned char *)str; *p; p++) {
        if (g_ascii_isalnum(*p) || strchr("-._~", *p) || strchr(safe, *p))
            g_string_append_c(out, *p);
        else
            g_string_append_printf(out, "%%%02X", *p);
    }
}


/**
 * virURIFormat:
 * @uri: URI to format
 *
 * Format @uri back into a string: components are escaped as needed, an
 * IPv6 host is bracketed, port 0 is left out and the raw query is used
 * as it is.  "//" is always written after the scheme, as libvirt does
 * ("qemu:" becomes "qemu://").
 *
 * Returns the string, to be g_free()d.
 */
char *
virURIFormat(const virURI *uri)
{
    GString *out = g_string_new(NULL);

    if (uri->scheme)
        g_string_append_printf(out, "%s:", uri->scheme);
    g_string_append(out, "//");

    if (uri->user) {
        virURIEscapeInto(out, uri->user, VIR_URI_SAFE_USER);
        g_string_append_c(out, '@');
    }
    if (uri->server) {
        if (strchr(uri->server, ':')) {
            g_string_append_c(out, '[');
            virURIEscapeInto(out, uri->server, VIR_URI_SAFE_HOST_IPV6);
            g_string_append_c(out, ']');
        } else {
            virURIEscapeInto(out, uri->server, VIR_URI_SAFE_HOST);
        }
    }
    if (uri->port > 0)
        g_string_append_printf(out, ":%d", uri->port);
    if (uri->path)
        virURIEscapeInto(out, uri->path, VIR_URI_SAFE_PATH);
    if (uri->query)
        g_string_append_printf(out, "?%s", uri->query);
    if (uri->fragment) {
        g_string_append_c(out, '#');
        virURIEscapeInto(out, uri->fragment, VIR_URI_SAFE_FRAGMENT);
    }

    return g_string_free(out, FALSE);
}


/**
 * virURIFormatParams:
 * @uri: URI whose params are formatted
 *
 * Build a query string "a=1&b=2" from the params not marked ignore,
 * escaping names and values; used to pass a URI on without the
 * parameters the client side consumed.
 *
 * Returns the query, "" when no param is left, to be g_free()d.
 */
char *
virURIFormatParams(const virURI *uri)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < uri->paramsCount; i++) {
        if (uri->params[i].ignore)
            continue;
        if (out->len > 0)
            g_string_append_c(out, '&');
        virURIEscapeInto(out, uri->params[i].name, VIR_URI_SAFE_PARAM);
        g_string_append_c(out, '=');
        virURIEscapeInto(out, uri->params[i].value, VIR_URI_SAFE_PARAM);
    }

    return g_string_free(out, FALSE);
}


/**
 * virURIFree:
 * @uri: URI to free, may be NULL
 */
void
virURIFree(virURI *uri)
{
    size_t i;

    if (!uri)
        return;

    g_free(uri->scheme);
    g_free(uri->server);
    g_free(uri->user);
    g_free(uri->path);
    g_free(uri->query);
    g_free(uri->fragment);
    for (i = 0; i < uri->paramsCount; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}


/**
 * virURIGetParam:
 * @uri: parsed URI
 * @name: parameter name, compared exactly
 *
 * Returns the decoded value of the first parameter called @name (owned
 * by @uri), or NULL if there is none.
 */
const char *
virURIGetParam(const virURI *uri, const char *name)
{
    size_t i;

    for (i = 0; i < uri->paramsCount; i++) {
        if (STREQ(uri->params[i].name, name))
            return uri->params[i].value;
    }
    return NULL;
}


/**
 * virURIGetDriverScheme:
 * @uri: parsed URI
 *
 * Returns the driver part of the scheme ("qemu" for "qemu+ssh"), to be
 * g_free()d; NULL if @uri has no scheme.
 */
char *
virURIGetDriverScheme(const virURI *uri)
{
    const char *plus;

    if (!uri->scheme)
        return NULL;
    if ((plus = strchr(uri->scheme, '+')))
        return g_strndup(uri->scheme, plus - uri->scheme);
    return g_strdup(uri->scheme);
}


/**
 * virURIGetTransport:
 * @uri: parsed URI
 *
 * Returns the transport part of the scheme ("ssh" for "qemu+ssh"), to
 * be g_free()d, or NULL when the scheme names none.
 */
char *
virURIGetTransport(const virURI *uri)
{
    const char *plus;

    if (!uri->scheme || !(plus = strchr(uri->scheme, '+')))
        return NULL;
    return g_strdup(plus + 1);
}
