/*
 * testxmlcorpus.h: golden-corpus helpers shared by the XML tests
 *
 * A corpus directory holds NAME.in.xml, each with NAME.out.xml (the
 * expected formatting) or NAME.err (first line "CODE DOMAIN", second
 * line the message).  An in.xml may start with a comment
 * "<!-- flags: word word -->" naming per-case options for its test.
 * VIRTPLUG_TEST_REGENERATE=1 rewrites the expected files instead of
 * comparing; review that diff like code.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

/* The sorted paths of @subdir/ *@suffix under the test source directory
 * (G_TEST_SRCDIR); NULL-terminated, to be g_strfreev()d. */
char **virTestCorpusList(const char *subdir, const char *suffix);

/* "NAME" of ".../NAME.in.xml". */
char *virTestCorpusName(const char *inpath);

/* ".../NAME@suffix" for ".../NAME.in.xml". */
char *virTestCorpusSibling(const char *inpath, const char *suffix);

/* Whether the "<!-- flags: ... -->" comment of @inpath names @word. */
bool virTestCorpusHasFlag(const char *inpath, const char *word);

bool virTestCorpusRegenerate(void);

/* Compare @actual with the file @expectedPath (or write it when
 * regenerating, removing @otherPath, the sibling of the other kind). */
void virTestCorpusAssertFile(const char *actual, const char *expectedPath,
                             const char *otherPath);

/* The thread's last error as the .err file holds it. */
char *virTestCorpusLastError(void);
