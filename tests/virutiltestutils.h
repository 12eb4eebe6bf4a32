/*
 * virutiltestutils.h: assertions shared by the util/ unit tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virerror.h"

/* Assert that the thread's last error has @code, @domain and exactly
 * @message, then clear it so the next case starts clean. */
#define virTestAssertLastError(code, domain, message) \
    virTestAssertLastErrorFull(__FILE__, __LINE__, code, domain, message)

static inline void
virTestAssertLastErrorFull(const char *file, int line, int code, int domain,
                           const char *message)
{
    virError *err = virErrorGetLast();

    if (!err)
        g_error("%s:%d: expected error %d '%s', none set",
                file, line, code, message);
    if (err->code != code || err->domain != domain ||
        g_strcmp0(err->message, message) != 0)
        g_error("%s:%d: expected error %d/%d '%s', got %d/%d '%s'",
                file, line, code, domain, message,
                err->code, err->domain, err->message);
    virErrorResetLast();
}

/* Assert that no error is set. */
#define virTestAssertNoError() \
    do { \
        virError *err_ = virErrorGetLast(); \
        if (err_) \
            g_error("%s:%d: unexpected error %d '%s'", __FILE__, __LINE__, \
                    err_->code, err_->message); \
    } while (0)

/* The path of @name under tests/utildata, found from the source dir
 * (G_TEST_DIST) so that out-of-tree builds work. */
static inline char *
virTestUtilDataPath(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, "utildata", name, NULL);
}
