/*
 * virerrortest.c: the thread's last error, libvirt's wording, logging
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdlib.h>

#include "internal.h"
#include "virerror.h"
#include "virlog.h"
#include "virutiltestutils.h"

#define VIR_FROM_THIS VIR_FROM_TEST


/* Every code libvirt 9.0.0 has, raised with and without detail, gives
 * the message libvirt gave (recorded in utildata). */
static void
testErrorMessagesMatchLibvirt(void)
{
    g_autofree char *path = virTestUtilDataPath("virerror-messages.tsv");
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;
    int checked = 0;

    g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
    lines = g_strsplit(data, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) cols = NULL;
        g_autofree char *expect = NULL;
        int code;

        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        cols = g_strsplit(lines[i], "\t", 3);
        g_assert_cmpuint(g_strv_length(cols), ==, 3);
        code = atoi(cols[0]);

        virReportError(code, "%s", "@D@");
        virTestAssertLastError(code, VIR_FROM_TEST, cols[1]);

        virReportErrorHelper(VIR_FROM_QEMU, code, __FILE__, __func__,
                             __LINE__, NULL);
        virTestAssertLastError(code, VIR_FROM_QEMU, cols[2]);

        expect = g_strdup(virErrorMessageForCode(code, true));
        g_assert_nonnull(strstr(expect, "%s"));
        g_assert_null(strstr(strstr(expect, "%s") + 2, "%"));
        checked++;
    }
    g_assert_cmpint(checked, ==, VIR_ERR_MULTIPLE_DOMAINS);
    g_assert_null(virErrorMessageForCode(VIR_ERR_OK, true));
    g_assert_null(virErrorMessageForCode(VIR_ERR_MULTIPLE_DOMAINS + 1, false));
    g_assert_null(virErrorMessageForCode(-1, false));
}


static void
testErrorDomainNames(void)
{
    g_autofree char *path = virTestUtilDataPath("virerror-domains.tsv");
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
    lines = g_strsplit(data, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) cols = NULL;

        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        cols = g_strsplit(lines[i], "\t", 2);
        g_assert_cmpstr(virErrorDomainName(atoi(cols[0])), ==, cols[1]);
    }
    g_assert_cmpstr(virErrorDomainName(VIR_FROM_DOMAIN_SNAPSHOT), ==,
                    "Domain Snapshot");
    g_assert_cmpstr(virErrorDomainName(-3), ==, "Unknown");
    g_assert_cmpstr(virErrorDomainName(1000), ==, "Unknown");
}


/* The fields beyond the message are filled as libvirt fills them. */
static void
testErrorFields(void)
{
    virError *err;

    virReportError(VIR_ERR_NO_DOMAIN, _("no domain with name '%1$s'"), "vm1");
    err = virErrorGetLast();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, VIR_ERR_NO_DOMAIN);
    g_assert_cmpint(err->domain, ==, VIR_FROM_TEST);
    g_assert_cmpint(err->level, ==, VIR_ERR_ERROR);
    g_assert_cmpstr(err->message, ==, "Domain not found: no domain with name 'vm1'");
    g_assert_cmpstr(err->str1, ==, "Domain not found: %s");
    g_assert_cmpstr(err->str2, ==, "no domain with name 'vm1'");
    g_assert_null(err->str3);
    g_assert_cmpint(err->int1, ==, -1);
    g_assert_cmpint(err->int2, ==, -1);

    virReportError(VIR_ERR_NO_DOMAIN, NULL);
    err = virErrorGetLast();
    g_assert_cmpstr(err->message, ==, "Domain not found");
    g_assert_cmpstr(err->str1, ==, "Domain not found");
    g_assert_null(err->str2);

    virErrorResetLast();
    g_assert_null(virErrorGetLast());
    g_assert_cmpint(virErrorGetThreadLocal()->code, ==, VIR_ERR_OK);

    /* VIR_ERR_OK raises nothing, as in libvirt. */
    virReportError(VIR_ERR_OK, "%s", "nothing");
    virTestAssertNoError();

    /* Codes libvirt does not know still give an error. */
    virReportError(500, "%s", "odd");
    virTestAssertLastError(500, VIR_FROM_TEST, "odd");
}


static void
testErrorWording(void)
{
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "boom");
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                           "internal error: boom");
    virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%1$s' is not running"),
                   "vm1");
    virTestAssertLastError(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                           "Requested operation is not valid: domain 'vm1' is not running");
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "x");
    virTestAssertLastError(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_TEST,
                           "unsupported configuration: x");
    virReportError(VIR_ERR_OPERATION_DENIED, NULL);
    virTestAssertLastError(VIR_ERR_OPERATION_DENIED, VIR_FROM_TEST,
                           "operation forbidden for read only access");
    virReportError(VIR_ERR_DOM_EXIST, "%s", "vm1");
    virTestAssertLastError(VIR_ERR_DOM_EXIST, VIR_FROM_TEST,
                           "domain vm1 exists already");
    virReportError(VIR_ERR_XML_DETAIL, "%s", "(x):1: bad");
    virTestAssertLastError(VIR_ERR_XML_DETAIL, VIR_FROM_TEST, "(x):1: bad");
}


static void
testErrorSystem(void)
{
    virError *err;

    errno = EBUSY;
    virReportSystemError(ENOENT, _("cannot open '%1$s'"), "/x");
    g_assert_cmpint(errno, ==, EBUSY);
    err = virErrorGetLast();
    g_assert_cmpint(err->code, ==, VIR_ERR_SYSTEM_ERROR);
    g_assert_cmpint(err->int1, ==, ENOENT);
    g_assert_cmpstr(err->str1, ==, "%s");
    g_assert_cmpstr(err->message, ==, "cannot open '/x': No such file or directory");
    g_assert_cmpstr(err->str2, ==, err->message);

    virReportSystemError(EACCES, NULL);
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST,
                           "Permission denied");
}


static void
testErrorArgHelpers(void)
{
    virError *err;

    virReportInvalidFlags("virDomainGetXMLDesc", 0x80000);
    err = virErrorGetLast();
    g_assert_cmpstr(err->str1, ==, "virDomainGetXMLDesc");
    g_assert_cmpstr(err->str2, ==, "flags");
    g_assert_cmpint(err->int1, ==, 0);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                           "unsupported flags (0x80000) in function virDomainGetXMLDesc");

    virReportInvalidFlags("testDomainGetXMLDesc", 0x4);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                           "unsupported flags (0x4) in function testDomainGetXMLDesc");

    virReportInvalidArgFull("virDomainDefineXML", "xml", "must not be NULL");
    err = virErrorGetLast();
    g_assert_cmpstr(err->str1, ==, "virDomainDefineXML");
    g_assert_cmpstr(err->str2, ==, "xml");
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                           "xml in virDomainDefineXML must not be NULL");

    virReportInvalidArgFull("virNetworkCreateXML", "xmlDesc", "must not be NULL");
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK,
                           "xmlDesc in virNetworkCreateXML must not be NULL");

    virReportUnsupportedAPI("virDomainSnapshotCreateXML");
    virTestAssertLastError(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN_SNAPSHOT,
                           "this function is not supported by the connection driver: virDomainSnapshotCreateXML");
}


static int
testFlagsChecked(unsigned int flags)
{
    virCheckFlags(0x1 | 0x2, -1);
    return 0;
}


static void
testErrorCheckFlagsMacro(void)
{
    g_assert_cmpint(testFlagsChecked(0x3), ==, 0);
    virTestAssertNoError();
    g_assert_cmpint(testFlagsChecked(0x5), ==, -1);
    virTestAssertLastError(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                           "unsupported flags (0x4) in function testFlagsChecked");
}


static void
testErrorPreserveRestore(void)
{
    virError *saved = NULL;

    virErrorPreserveLast(&saved);
    g_assert_null(saved);

    virReportError(VIR_ERR_NO_DOMAIN, "%s", "first");
    virErrorPreserveLast(&saved);
    g_assert_nonnull(saved);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cleanup failed");
    errno = EPERM;
    virErrorRestore(&saved);
    g_assert_null(saved);
    g_assert_cmpint(errno, ==, EPERM);
    virTestAssertLastError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                           "Domain not found: first");

    /* Restoring "no error" leaves the current one. */
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "kept");
    virErrorRestore(&saved);
    virTestAssertLastError(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                           "internal error: kept");
}


static void
testErrorCopy(void)
{
    virError to = { 0 };

    virReportError(VIR_ERR_NO_NETWORK, "%s", "net0");
    g_assert_cmpint(virErrorCopy(virErrorGetLast(), &to), ==, VIR_ERR_NO_NETWORK);
    virErrorResetLast();
    g_assert_cmpstr(to.message, ==, "Network not found: net0");
    g_assert_cmpstr(to.str2, ==, "net0");
    virErrorClear(&to);
    g_assert_null(to.message);
    g_assert_cmpint(to.code, ==, VIR_ERR_OK);
    virErrorClear(NULL);
}


static gpointer
testErrorThreadFunc(gpointer data)
{
    virError *err;

    /* A new thread starts without an error ... */
    if (virErrorGetLast())
        return GINT_TO_POINTER(1);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", (const char *)data);
    err = virErrorGetLast();
    if (!err || STRNEQ(err->message, "internal error: in thread"))
        return GINT_TO_POINTER(2);
    /* ... and its slot is freed when it exits. */
    return GINT_TO_POINTER(0);
}


static void
testErrorThreadLocal(void)
{
    GThread *thread;

    virReportError(VIR_ERR_NO_DOMAIN, "%s", "main");
    thread = g_thread_new("errtest", testErrorThreadFunc, (gpointer)"in thread");
    g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(thread)), ==, 0);
    virTestAssertLastError(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                           "Domain not found: main");
}


static void
testErrorDefaultPrint(void)
{
    if (g_test_subprocess()) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "boom");
        virErrorDefaultPrint(virErrorGetLast());
        virErrorGetThreadLocal()->level = VIR_ERR_WARNING;
        virErrorGetThreadLocal()->domain = VIR_FROM_QEMU;
        virErrorDefaultPrint(virErrorGetLast());
        virErrorDefaultPrint(NULL);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("libvirt: Test Driver error : internal error: boom\n"
                              "libvirt: QEMU Driver warning : internal error: boom\n");
}


/* With VIRTPLUG_DEBUG=1 an error is logged at debug priority in the
 * libvirt-like line format. */
static void
testLogErrorsAtDebug(void)
{
    if (g_test_subprocess()) {
        g_setenv("VIRTPLUG_DEBUG", "1", TRUE);
        virLogSetFromEnv();
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "logged");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("20*-*-* *:*:*.*+0000: *: debug : "
                              "testLogErrorsAtDebug:* : error 1 in domain 12 "
                              "(Test Driver): internal error: logged\n");
}


/* Run in a subprocess: the environment is changed, which is only safe
 * before any thread exists. */
static void
testLogSettings(void)
{
    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, 0);
        g_test_trap_assert_passed();
        return;
    }

    g_unsetenv("VIRTPLUG_DEBUG");
    g_unsetenv("LIBVIRT_DEBUG");
    g_unsetenv("VIRTPLUG_LOG_FILTERS");
    g_unsetenv("LIBVIRT_LOG_FILTERS");
    virLogSetFromEnv();
    g_assert_false(virLogEnabled(VIR_LOG_ERROR, "util/virxml.c"));

    g_setenv("LIBVIRT_DEBUG", "3", TRUE);
    virLogSetFromEnv();
    g_assert_false(virLogEnabled(VIR_LOG_INFO, "util/virxml.c"));
    g_assert_true(virLogEnabled(VIR_LOG_WARN, "util/virxml.c"));

    /* Ours wins over libvirt's variable. */
    g_setenv("VIRTPLUG_DEBUG", "4", TRUE);
    virLogSetFromEnv();
    g_assert_false(virLogEnabled(VIR_LOG_WARN, "util/virxml.c"));

    g_setenv("VIRTPLUG_LOG_FILTERS", "1:virxml 2:+qemu bogus 9:x", TRUE);
    virLogSetFromEnv();
    g_assert_true(virLogEnabled(VIR_LOG_DEBUG, "util/virxml.c"));
    g_assert_false(virLogEnabled(VIR_LOG_DEBUG, "plugins/qemu/qemu_x.c"));
    g_assert_true(virLogEnabled(VIR_LOG_INFO, "plugins/qemu/qemu_x.c"));
    g_assert_false(virLogEnabled(VIR_LOG_WARN, "util/virbuffer.c"));
    g_assert_true(virLogEnabled(VIR_LOG_ERROR, "util/virbuffer.c"));

    g_setenv("VIRTPLUG_DEBUG", "garbage", TRUE);
    g_unsetenv("LIBVIRT_DEBUG");
    g_unsetenv("VIRTPLUG_LOG_FILTERS");
    virLogSetFromEnv();
    g_assert_false(virLogEnabled(VIR_LOG_ERROR, "util/virxml.c"));
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/util/error/libvirt-messages", testErrorMessagesMatchLibvirt);
    g_test_add_func("/util/error/domain-names", testErrorDomainNames);
    g_test_add_func("/util/error/fields", testErrorFields);
    g_test_add_func("/util/error/wording", testErrorWording);
    g_test_add_func("/util/error/system", testErrorSystem);
    g_test_add_func("/util/error/arg-helpers", testErrorArgHelpers);
    g_test_add_func("/util/error/check-flags", testErrorCheckFlagsMacro);
    g_test_add_func("/util/error/preserve-restore", testErrorPreserveRestore);
    g_test_add_func("/util/error/copy", testErrorCopy);
    g_test_add_func("/util/error/thread-local", testErrorThreadLocal);
    g_test_add_func("/util/error/default-print", testErrorDefaultPrint);
    g_test_add_func("/util/log/error-at-debug", testLogErrorsAtDebug);
    g_test_add_func("/util/log/settings", testLogSettings);

    return g_test_run();
}
