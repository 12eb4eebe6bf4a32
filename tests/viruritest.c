/*
 * viruritest.c: parsing and formatting connection URIs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "viruri.h"
#include "virutiltestutils.h"

typedef struct {
    const char *uri;
    const char *scheme;
    const char *server;
    const char *user;
    int port;
    const char *path;
    const char *query;
    const char *fragment;
    const char *params;     /* "name=value|name=value", decoded */
    const char *formatted;  /* NULL: same as uri */
} testURICase;

/* The decoded fields and the formatted form are what libvirt 9.0.0's
 * virURIParse()/virURIFormat() give, except that an IPv6 zone keeps its
 * "%25" escape when formatted, so that the result parses again. */
static const testURICase testURICases[] = {
    { "qemu+ssh://user@host:2222/system?socket=/x&no_verify=1",
      "qemu+ssh", "host", "user", 2222, "/system", "socket=/x&no_verify=1",
      NULL, "socket=/x|no_verify=1", NULL },
    { "qemu:///system", "qemu", NULL, NULL, 0, "/system", NULL, NULL, "", NULL },
    { "test:///default", "test", NULL, NULL, 0, "/default", NULL, NULL, "", NULL },
    { "qemu+tcp://[::1]:16509/system", "qemu+tcp", "::1", NULL, 16509,
      "/system", NULL, NULL, "", NULL },
    { "qemu+ssh://[fe80::1%25eth0]/system", "qemu+ssh", "fe80::1%eth0", NULL,
      0, "/system", NULL, NULL, "", NULL },
    { "esx://h/?no_verify=1;transport=https", "esx", "h", NULL, 0, "/",
      "no_verify=1;transport=https", NULL, "no_verify=1|transport=https", NULL },
    { "xen://", "xen", NULL, NULL, 0, NULL, NULL, NULL, "", NULL },
    { "qemu+unix:///system?socket=/tmp/a%20b", "qemu+unix", NULL, NULL, 0,
      "/system", "socket=/tmp/a%20b", NULL, "socket=/tmp/a b", NULL },
    { "test:///default#frag", "test", NULL, NULL, 0, "/default", NULL, "frag",
      "", NULL },
    { "qemu://host/system?a=1&b&c=%26", "qemu", "host", NULL, 0, "/system",
      "a=1&b&c=%26", NULL, "a=1|b=|c=&", NULL },
    { "vpx://a@example.com/dc1/cluster1/host1?no_verify=1", "vpx",
      "example.com", "a", 0, "/dc1/cluster1/host1", "no_verify=1", NULL,
      "no_verify=1", NULL },
    { "qemu:", "qemu", NULL, NULL, 0, NULL, NULL, NULL, "", "qemu://" },
    { "qemu:///session?name=a+b", "qemu", NULL, NULL, 0, "/session",
      "name=a+b", NULL, "name=a+b", NULL },
    { "qemu://us%40er@host/", "qemu", "host", "us@er", 0, "/", NULL, NULL,
      "", NULL },
    { "test://h:0/", "test", "h", NULL, 0, "/", NULL, NULL, "", "test://h/" },
    { "qemu:///system?", "qemu", NULL, NULL, 0, "/system", "", NULL, "", NULL },
    { "qemu:///sys%20tem", "qemu", NULL, NULL, 0, "/sys tem", NULL, NULL, "",
      NULL },
    { "lxc://user:pw@192.168.1.1:22/", "lxc", "192.168.1.1", "user:pw", 22,
      "/", NULL, NULL, "", NULL },
};


static char *
testURIParamsString(const virURI *uri)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < uri->paramsCount; i++) {
        if (i > 0)
            g_string_append_c(out, '|');
        g_string_append_printf(out, "%s=%s", uri->params[i].name,
                               uri->params[i].value);
    }
    return g_string_free(out, FALSE);
}


static void
testURIParse(gconstpointer data)
{
    const testURICase *tc = data;
    g_autoptr(virURI) uri = virURIParse(tc->uri);
    g_autoptr(virURI) again = NULL;
    g_autofree char *params = NULL;
    g_autofree char *formatted = NULL;
    g_autofree char *reformatted = NULL;

    virTestAssertNoError();
    g_assert_nonnull(uri);
    g_assert_cmpstr(uri->scheme, ==, tc->scheme);
    g_assert_cmpstr(uri->server, ==, tc->server);
    g_assert_cmpstr(uri->user, ==, tc->user);
    g_assert_cmpint(uri->port, ==, tc->port);
    g_assert_cmpstr(uri->path, ==, tc->path);
    g_assert_cmpstr(uri->query, ==, tc->query);
    g_assert_cmpstr(uri->fragment, ==, tc->fragment);
    params = testURIParamsString(uri);
    g_assert_cmpstr(params, ==, tc->params);

    formatted = virURIFormat(uri);
    g_assert_cmpstr(formatted, ==, tc->formatted ? tc->formatted : tc->uri);

    /* The formatted form parses to the same thing. */
    again = virURIParse(formatted);
    g_assert_nonnull(again);
    reformatted = virURIFormat(again);
    g_assert_cmpstr(reformatted, ==, formatted);
}


static void
testURIFormatIPv6Zone(void)
{
    g_autoptr(virURI) uri = virURIParse("qemu+ssh://[fe80::1%25eth0]/system");
    g_autofree char *out = virURIFormat(uri);

    g_assert_cmpstr(out, ==, "qemu+ssh://[fe80::1%25eth0]/system");
}


static void
testURIInvalid(void)
{
    static const char *const bad[] = {
        "test://[::1/",
        "test:///default?a=%zz",
        "qemu",
        "/path/only",
        "1qemu://h/",
        "qemu://a b/",
        "test://h:99999/",
        "qemu:///system?a=%00",
        "",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *msg = g_strdup_printf("internal error: Unable to parse URI %s",
                                               bad[i]);

        g_assert_null(virURIParse(bad[i]));
        virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_URI, msg);
    }

    g_assert_null(virURIParse(NULL));
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_URI,
                           "internal error: Unable to parse URI <null>");
}


static void
testURIParams(void)
{
    g_autoptr(virURI) uri =
        virURIParse("qemu+ssh://h/system?socket=/x&no_verify=1&socket=/y&k%3Dey=v%26al");
    g_autofree char *query = NULL;

    g_assert_nonnull(uri);
    g_assert_cmpstr(virURIGetParam(uri, "socket"), ==, "/x");
    g_assert_cmpstr(virURIGetParam(uri, "no_verify"), ==, "1");
    g_assert_cmpstr(virURIGetParam(uri, "k=ey"), ==, "v&al");
    g_assert_null(virURIGetParam(uri, "missing"));
    g_assert_null(virURIGetParam(uri, "SOCKET"));

    /* Client-side parameters are dropped when the URI is passed on. */
    uri->params[1].ignore = true;
    query = virURIFormatParams(uri);
    g_assert_cmpstr(query, ==, "socket=/x&socket=/y&k%3Dey=v%26al");
}


static void
testURISchemeParts(void)
{
    static const struct {
        const char *uri;
        const char *driver;
        const char *transport;
    } cases[] = {
        { "qemu+ssh://h/system", "qemu", "ssh" },
        { "qemu:///system", "qemu", NULL },
        { "esx://h/", "esx", NULL },
        { "test+unix:///default", "test", "unix" },
        { "a+b+c:///", "a", "b+c" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(virURI) uri = virURIParse(cases[i].uri);
        g_autofree char *driver = NULL;
        g_autofree char *transport = NULL;

        g_assert_nonnull(uri);
        driver = virURIGetDriverScheme(uri);
        transport = virURIGetTransport(uri);
        g_assert_cmpstr(driver, ==, cases[i].driver);
        g_assert_cmpstr(transport, ==, cases[i].transport);
    }
}


static void
testURIFormatBuilt(void)
{
    virURI uri = { 0 };
    g_autofree char *out = NULL;

    uri.scheme = (char *)"qemu+ssh";
    uri.server = (char *)"host name";
    uri.user = (char *)"a@b";
    uri.port = 22;
    uri.path = (char *)"/my path/x";
    uri.fragment = (char *)"f g";
    out = virURIFormat(&uri);
    g_assert_cmpstr(out, ==, "qemu+ssh://a%40b@host%20name:22/my%20path/x#f%20g");
}


int
main(int argc, char **argv)
{
    size_t i;

    g_test_init(&argc, &argv, NULL);

    for (i = 0; i < G_N_ELEMENTS(testURICases); i++) {
        g_autofree char *name = g_strdup_printf("/util/uri/parse/%zu", i);

        g_test_add_data_func(name, &testURICases[i], testURIParse);
    }
    g_test_add_func("/util/uri/ipv6-zone", testURIFormatIPv6Zone);
    g_test_add_func("/util/uri/invalid", testURIInvalid);
    g_test_add_func("/util/uri/params", testURIParams);
    g_test_add_func("/util/uri/scheme-parts", testURISchemeParts);
    g_test_add_func("/util/uri/format-built", testURIFormatBuilt);

    return g_test_run();
}
