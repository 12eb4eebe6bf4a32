/*
 * xmlbench.c: time virtplug's domain XML parser and formatter
 *
 * Usage: xmlbench LARGE.xml SMALL.xml COUNT
 * Parses and formats LARGE.xml (a guest with many devices) 100 times
 * and SMALL.xml COUNT times, renaming it each time as a caller defining
 * many guests would, and prints the microseconds per document of each.
 * Built and run by xmlbench.sh; not part of the test suite.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "virerror.h"
#include "domain_conf.h"

#define XMLBENCH_LARGE_ROUNDS 100

static double
xmlbenchRun(const char *xml, unsigned int rounds, bool rename)
{
    gint64 start = g_get_monotonic_time();
    unsigned int i;

    for (i = 0; i < rounds; i++) {
        g_autofree char *doc = NULL;
        g_autofree char *out = NULL;
        g_autoptr(virDomainDef) def = NULL;

        if (rename) {
            g_autofree char *name = g_strdup_printf("<name>small%u</name>", i);
            g_auto(GStrv) parts = g_strsplit(xml, "<name>small</name>", 2);

            doc = g_strjoin(name, parts[0], parts[1], NULL);
        }
        if (!(def = virDomainDefParseString(doc ? doc : xml,
                                            VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
            virError *err = virErrorGetLast();

            fprintf(stderr, "parse failed: %s\n", err ? err->message : "?");
            exit(EXIT_FAILURE);
        }
        out = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    }
    return (double)(g_get_monotonic_time() - start) / rounds;
}


int
main(int argc, char **argv)
{
    g_autofree char *large = NULL;
    g_autofree char *small = NULL;
    unsigned int count;

    if (argc != 4 ||
        !g_file_get_contents(argv[1], &large, NULL, NULL) ||
        !g_file_get_contents(argv[2], &small, NULL, NULL) ||
        (count = strtoul(argv[3], NULL, 10)) == 0) {
        fprintf(stderr, "usage: %s LARGE.xml SMALL.xml COUNT\n", argv[0]);
        return EXIT_FAILURE;
    }
    printf("large %.1f\n", xmlbenchRun(large, XMLBENCH_LARGE_ROUNDS, false));
    printf("small %.1f\n", xmlbenchRun(small, count, true));
    return EXIT_SUCCESS;
}
