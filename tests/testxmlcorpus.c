/*
 * testxmlcorpus.c: golden-corpus helpers shared by the XML tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "internal.h"
#include "virerror.h"
#include "testxmlcorpus.h"


static int
virTestCorpusCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


/**
 * virTestCorpusList:
 * @subdir: corpus directory, relative to the test source directory
 * @suffix: file name ending to select (".in.xml")
 *
 * Returns the sorted, NULL-terminated list of matching paths.
 */
char **
virTestCorpusList(const char *subdir, const char *suffix)
{
    g_autofree char *dir = g_test_build_filename(G_TEST_DIST, subdir, NULL);
    g_autoptr(GDir) gdir = NULL;
    g_autoptr(GPtrArray) files = g_ptr_array_new();
    g_autoptr(GError) err = NULL;
    const char *name;

    if (!(gdir = g_dir_open(dir, 0, &err)))
        g_error("cannot open corpus %s: %s", dir, err->message);

    while ((name = g_dir_read_name(gdir))) {
        if (g_str_has_suffix(name, suffix))
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    }
    g_ptr_array_sort(files, virTestCorpusCompare);
    g_ptr_array_add(files, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&files), FALSE);
}


/**
 * virTestCorpusName:
 * @inpath: path of a NAME.in.xml
 *
 * Returns NAME (caller frees).
 */
char *
virTestCorpusName(const char *inpath)
{
    g_autofree char *base = g_path_get_basename(inpath);

    if (g_str_has_suffix(base, ".in.xml"))
        base[strlen(base) - strlen(".in.xml")] = '\0';
    return g_steal_pointer(&base);
}


/**
 * virTestCorpusSibling:
 * @inpath: path of a NAME.in.xml
 * @suffix: the sibling's ending (".out.xml", ".err")
 *
 * Returns the sibling's path (caller frees).
 */
char *
virTestCorpusSibling(const char *inpath, const char *suffix)
{
    g_autofree char *stem = g_strndup(inpath, strlen(inpath) - strlen(".in.xml"));

    return g_strconcat(stem, suffix, NULL);
}


/**
 * virTestCorpusHasFlag:
 * @inpath: path of a NAME.in.xml
 * @word: an option word
 *
 * Returns whether the first line of @inpath is a "<!-- flags: ... -->"
 * comment naming @word.
 */
bool
virTestCorpusHasFlag(const char *inpath, const char *word)
{
    g_autofree char *content = NULL;
    g_auto(GStrv) words = NULL;
    char *end;
    size_t i;

    if (!g_file_get_contents(inpath, &content, NULL, NULL) ||
        !g_str_has_prefix(content, "<!-- flags:") ||
        !(end = strstr(content, "-->")))
        return false;
    *end = '\0';
    words = g_strsplit_set(content + strlen("<!-- flags:"), " \t\n", 0);
    for (i = 0; words[i]; i++) {
        if (STREQ(words[i], word))
            return true;
    }
    return false;
}


/**
 * virTestCorpusRegenerate:
 *
 * Returns whether VIRTPLUG_TEST_REGENERATE=1 asks to rewrite files.
 */
bool
virTestCorpusRegenerate(void)
{
    return g_strcmp0(g_getenv("VIRTPLUG_TEST_REGENERATE"), "1") == 0;
}


/**
 * virTestCorpusAssertFile:
 * @actual: what the code produced
 * @expectedPath: the golden file
 * @otherPath: the golden file of the other outcome, or NULL
 *
 * Fail the test case, printing both, unless @actual equals the content
 * of @expectedPath.  When regenerating, write @actual there instead and
 * remove @otherPath.
 */
void
virTestCorpusAssertFile(const char *actual,
                        const char *expectedPath,
                        const char *otherPath)
{
    g_autofree char *expected = NULL;
    g_autoptr(GError) err = NULL;

    if (virTestCorpusRegenerate()) {
        if (!g_file_set_contents(expectedPath, actual, -1, &err))
            g_error("cannot write %s: %s", expectedPath, err->message);
        if (otherPath)
            unlink(otherPath);
        return;
    }

    if (!g_file_get_contents(expectedPath, &expected, NULL, &err)) {
        g_test_message("%s: %s; actual result:\n%s", expectedPath,
                       err->message, actual);
        g_test_fail();
        return;
    }
    if (STRNEQ(expected, actual)) {
        g_test_message("%s differs\n--- expected\n%s--- actual\n%s",
                       expectedPath, expected, actual);
        g_test_fail();
    }
}


/**
 * virTestCorpusLastError:
 *
 * Returns "CODE DOMAIN\nMESSAGE\n" for the thread's last error (caller
 * frees), or a line saying there was none.
 */
char *
virTestCorpusLastError(void)
{
    virError *err = virErrorGetLast();

    if (!err)
        return g_strdup("no error was reported\n");
    return g_strdup_printf("%d %d\n%s\n", err->code, err->domain,
                           NULLSTR(err->message));
}
