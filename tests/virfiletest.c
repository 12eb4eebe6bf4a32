/*
 * virfiletest.c: reading files, and crash-safe writes under injected faults
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "internal.h"
#include "virfile.h"
#include "virutiltestutils.h"

typedef struct {
    char *dir;
    char *path;
} testFileFixture;


static void
testFileSetup(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(GError) error = NULL;

    fix->dir = g_dir_make_tmp("virfiletest-XXXXXX", &error);
    g_assert_no_error(error);
    fix->path = g_build_filename(fix->dir, "state.xml", NULL);
    virFileAtomicFaultInject(0);
    virErrorResetLast();
}


static void
testFileTeardown(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autoptr(GDir) dir = g_dir_open(fix->dir, 0, NULL);
    const char *name;

    virFileAtomicFaultInject(0);
    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *p = g_build_filename(fix->dir, name, NULL);

        g_unlink(p);
    }
    g_rmdir(fix->dir);
    g_free(fix->dir);
    g_free(fix->path);
}


static gint
testFileCompareNames(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}


/* The names in @dir, sorted and joined by spaces. */
static char *
testFileListDir(const char *dirpath)
{
    g_autoptr(GDir) dir = g_dir_open(dirpath, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    g_assert_nonnull(dir);
    while ((name = g_dir_read_name(dir)))
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, testFileCompareNames);
    g_ptr_array_add(names, NULL);
    return g_strjoinv(" ", (char **)names->pdata);
}


static void
testFileAssertContent(const char *path, const char *expect)
{
    g_autofree char *data = NULL;

    g_assert_cmpint(virFileReadAll(path, 1024, &data), ==, strlen(expect));
    g_assert_cmpstr(data, ==, expect);
}


static void
testFileWriteAtomicBasic(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *listing = NULL;
    struct stat sb;
    mode_t old = umask(022);

    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<old/>\n", 0600), ==, 0);
    testFileAssertContent(fix->path, "<old/>\n");
    g_assert_cmpint(stat(fix->path, &sb), ==, 0);
    g_assert_cmpint(sb.st_mode & 0777, ==, 0600);

    g_assert_cmpint(virFileWriteAtomic(fix->path, "<new/>\nxx", 7, 0600), ==, 0);
    testFileAssertContent(fix->path, "<new/>\n");

    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "", 0600), ==, 0);
    testFileAssertContent(fix->path, "");

    listing = testFileListDir(fix->dir);
    g_assert_cmpstr(listing, ==, "state.xml");
    virTestAssertNoError();
    umask(old);
}


/* Failing the Nth step (1 write, 2 fsync, 3 rename) leaves the old
 * content whole and no temporary file behind. */
static void
testFileWriteAtomicFault(testFileFixture *fix, gconstpointer data)
{
    unsigned int step = GPOINTER_TO_UINT(data);
    g_autofree char *listing = NULL;
    g_autofree char *msg = NULL;
    virError *err;

    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<old/>\n", 0644), ==, 0);

    virFileAtomicFaultInject(step);
    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<new/>\n", 0644), ==, -1);

    err = virErrorGetLast();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, VIR_ERR_SYSTEM_ERROR);
    g_assert_cmpint(err->int1, ==, EIO);
    switch (step) {
    case 1:
        msg = g_strdup_printf("cannot write data to file '%s': %s",
                              fix->path, g_strerror(EIO));
        g_assert_cmpstr(err->message, ==, msg);
        break;
    case 2:
        msg = g_strdup_printf("cannot sync file '%s': %s",
                              fix->path, g_strerror(EIO));
        g_assert_cmpstr(err->message, ==, msg);
        break;
    case 3:
        g_assert_true(g_str_has_prefix(err->message, "cannot rename file '"));
        g_assert_true(g_str_has_suffix(err->message, g_strerror(EIO)));
        break;
    }
    virErrorResetLast();

    testFileAssertContent(fix->path, "<old/>\n");
    listing = testFileListDir(fix->dir);
    g_assert_cmpstr(listing, ==, "state.xml");

    /* One fault only: the next write goes through. */
    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<new/>\n", 0644), ==, 0);
    testFileAssertContent(fix->path, "<new/>\n");
}


/* Steps are counted across calls: N=4 is the write of the second call. */
static void
testFileWriteAtomicFaultAcrossCalls(testFileFixture *fix,
                                    gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *listing = NULL;

    virFileAtomicFaultInject(4);
    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<one/>\n", 0644), ==, 0);
    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<two/>\n", 0644), ==, -1);
    virErrorResetLast();
    testFileAssertContent(fix->path, "<one/>\n");

    /* A fault on the very first write of a new file leaves nothing. */
    virFileAtomicFaultInject(1);
    g_free(fix->path);
    fix->path = g_build_filename(fix->dir, "fresh.xml", NULL);
    g_assert_cmpint(virFileWriteStrAtomic(fix->path, "<x/>", 0644), ==, -1);
    virErrorResetLast();
    g_assert_false(virFileExists(fix->path));
    listing = testFileListDir(fix->dir);
    g_assert_cmpstr(listing, ==, "state.xml");
}


static void
testFileWriteAtomicNoDir(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *path = g_build_filename(fix->dir, "nodir", "f", NULL);
    g_autofree char *msg = NULL;
    virError *err;

    g_assert_cmpint(virFileWriteStrAtomic(path, "x", 0644), ==, -1);
    err = virErrorGetLast();
    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, VIR_ERR_SYSTEM_ERROR);
    g_assert_cmpint(err->int1, ==, ENOENT);
    msg = g_strdup_printf("cannot create file '%s.", path);
    g_assert_true(g_str_has_prefix(err->message, msg));
    virErrorResetLast();
}


static void
testFileReadAll(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *missing = g_build_filename(fix->dir, "missing", NULL);
    g_autofree char *msg = NULL;
    g_autofree char *big = g_strnfill(10000, 'x');
    char *buf = NULL;

    g_assert_true(g_file_set_contents(fix->path, big, -1, NULL));
    g_assert_cmpint(virFileReadAll(fix->path, 10000, &buf), ==, 10000);
    g_assert_cmpstr(buf, ==, big);
    g_clear_pointer(&buf, g_free);

    g_assert_cmpint(virFileReadAll(fix->path, 9999, &buf), ==, -1);
    g_assert_null(buf);
    msg = g_strdup_printf("Failed to read file '%s': %s", fix->path,
                          g_strerror(EFBIG));
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, msg);
    g_clear_pointer(&msg, g_free);

    g_assert_cmpint(virFileReadAll(missing, 100, &buf), ==, -1);
    msg = g_strdup_printf("Failed to open file '%s': %s", missing,
                          g_strerror(ENOENT));
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, msg);

    g_assert_true(g_file_set_contents(fix->path, "", 0, NULL));
    g_assert_cmpint(virFileReadAll(fix->path, 0, &buf), ==, 0);
    g_assert_cmpstr(buf, ==, "");
    g_free(buf);
}


static void
testFileHelpers(testFileFixture *fix, gconstpointer data G_GNUC_UNUSED)
{
    g_autofree char *deep = g_build_filename(fix->dir, "a", "b", "c", NULL);
    g_autofree char *a = g_build_filename(fix->dir, "a", NULL);
    g_autofree char *ab = g_build_filename(fix->dir, "a", "b", NULL);
    g_autofree char *msg = NULL;

    g_assert_false(virFileExists(fix->path));
    g_assert_cmpint(virFileRemove(fix->path), ==, 0);

    g_assert_true(g_file_set_contents(fix->path, "#!/bin/sh\n", -1, NULL));
    g_assert_true(virFileExists(fix->path));
    g_assert_false(virFileIsExecutable(fix->path));
    g_assert_cmpint(chmod(fix->path, 0755), ==, 0);
    g_assert_true(virFileIsExecutable(fix->path));
    g_assert_false(virFileIsExecutable(fix->dir));

    g_assert_cmpint(virFileRemove(fix->path), ==, 0);
    g_assert_false(virFileExists(fix->path));

    g_assert_cmpint(virFileMakePath(deep, 0755), ==, 0);
    g_assert_true(g_file_test(deep, G_FILE_TEST_IS_DIR));
    g_assert_cmpint(virFileMakePath(deep, 0755), ==, 0);

    /* A directory is not a file to unlink. */
    g_assert_cmpint(virFileRemove(deep), ==, -1);
    msg = g_strdup_printf("Cannot delete file '%s': %s", deep,
                          g_strerror(EISDIR));
    virTestAssertLastError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, msg);

    g_rmdir(deep);
    g_rmdir(ab);
    g_rmdir(a);
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

#define TEST_FILE(name, func, data) \
    g_test_add(name, testFileFixture, data, testFileSetup, func, \
               testFileTeardown)

    TEST_FILE("/util/file/atomic/basic", testFileWriteAtomicBasic, NULL);
    TEST_FILE("/util/file/atomic/fault-1-write", testFileWriteAtomicFault,
              GUINT_TO_POINTER(1));
    TEST_FILE("/util/file/atomic/fault-2-fsync", testFileWriteAtomicFault,
              GUINT_TO_POINTER(2));
    TEST_FILE("/util/file/atomic/fault-3-rename", testFileWriteAtomicFault,
              GUINT_TO_POINTER(3));
    TEST_FILE("/util/file/atomic/fault-across-calls",
              testFileWriteAtomicFaultAcrossCalls, NULL);
    TEST_FILE("/util/file/atomic/no-dir", testFileWriteAtomicNoDir, NULL);
    TEST_FILE("/util/file/read-all", testFileReadAll, NULL);
    TEST_FILE("/util/file/helpers", testFileHelpers, NULL);

    return g_test_run();
}
