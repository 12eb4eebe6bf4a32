/*
 * vsh-table.c: the column tables of list and snapshot-list
 *
 * The layout is virsh's: one leading blank, columns left-aligned to the
 * widest cell and three blanks apart, the last column unpadded, and a
 * rule of dashes two longer than the padded header.  With -q the header
 * and rule are left out and do not count for the widths.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "vsh.h"

struct _vshTable {
    GPtrArray *rows;        /* of GStrv; row 0 is the header */
    size_t ncols;
};

/* A cell's text with control characters made visible, so that a name
 * cannot break the layout. */
static char *
vshTableSafeEncode(const char *text)
{
    GString *out = g_string_sized_new(strlen(text));
    const char *p;

    for (p = text; *p; p++) {
        if (g_ascii_iscntrl(*p))
            g_string_append_printf(out, "\\x%02x", (unsigned char)*p);
        else
            g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}

/* The number of terminal columns @text takes. */
static size_t
vshTableTextWidth(const char *text)
{
    size_t width = 0;
    const char *p;

    if (!g_utf8_validate(text, -1, NULL))
        return strlen(text);
    for (p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (g_unichar_iszerowidth(c))
            continue;
        width += g_unichar_iswide(c) ? 2 : 1;
    }
    return width;
}

static GStrv
vshTableRowNew(const char *first, va_list ap)
{
    g_autoptr(GPtrArray) cells = g_ptr_array_new();
    const char *cell;

    for (cell = first; cell; cell = va_arg(ap, const char *))
        g_ptr_array_add(cells, vshTableSafeEncode(cell));
    g_ptr_array_add(cells, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&cells), FALSE);
}

/**
 * vshTableNew:
 * @first: the first column's header, then the others, then NULL
 *
 * Returns a new table with that header.
 */
vshTable *
vshTableNew(const char *first, ...)
{
    vshTable *table = g_new0(vshTable, 1);
    va_list ap;
    GStrv header;

    va_start(ap, first);
    header = vshTableRowNew(first, ap);
    va_end(ap);

    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    table->ncols = g_strv_length(header);
    g_ptr_array_add(table->rows, header);
    return table;
}

/**
 * vshTableRowAppend:
 * @table: a table
 * @first: the first cell, then one per column, then NULL
 *
 * Returns 0, or -1 if the number of cells does not match the header
 * (a programming error, so it is only logged).
 */
int
vshTableRowAppend(vshTable *table, const char *first, ...)
{
    va_list ap;
    GStrv row;

    va_start(ap, first);
    row = vshTableRowNew(first, ap);
    va_end(ap);

    if (g_strv_length(row) != table->ncols) {
        g_warning("table row has %u cells, expected %zu",
                  g_strv_length(row), table->ncols);
        g_strfreev(row);
        return -1;
    }
    g_ptr_array_add(table->rows, row);
    return 0;
}

static void
vshTableFormatRow(GString *out, GStrv row, const size_t *widths, size_t ncols)
{
    size_t i;

    for (i = 0; i < ncols; i++) {
        g_string_append(out, i == 0 ? " " : "   ");
        g_string_append(out, row[i]);
        if (i + 1 < ncols) {
            size_t pad = widths[i] - vshTableTextWidth(row[i]);

            while (pad--)
                g_string_append_c(out, ' ');
        }
    }
    g_string_append_c(out, '\n');
}

/**
 * vshTablePrintToStdout:
 * @table: a table
 * @ctl: the shell (its quiet flag drops the header)
 *
 * Prints the table.
 */
void
vshTablePrintToStdout(vshTable *table, vshControl *ctl)
{
    g_autofree size_t *widths = g_new0(size_t, table->ncols);
    g_autoptr(GString) out = g_string_new(NULL);
    size_t first = ctl->quiet ? 1 : 0;
    size_t total = 0;
    size_t i;
    size_t j;

    for (i = first; i < table->rows->len; i++) {
        GStrv row = g_ptr_array_index(table->rows, i);

        for (j = 0; j < table->ncols; j++)
            widths[j] = MAX(widths[j], vshTableTextWidth(row[j]));
    }

    if (!ctl->quiet) {
        for (j = 0; j < table->ncols; j++)
            total += widths[j] + (j == 0 ? 1 : 3);
        vshTableFormatRow(out, g_ptr_array_index(table->rows, 0),
                          widths, table->ncols);
        for (j = 0; j < total + 2; j++)
            g_string_append_c(out, '-');
        g_string_append_c(out, '\n');
    }

    for (i = 1; i < table->rows->len; i++)
        vshTableFormatRow(out, g_ptr_array_index(table->rows, i),
                          widths, table->ncols);

    vshPrint(ctl, "%s", out->str);
}

/**
 * vshTableFree:
 * @table: a table or NULL
 */
void
vshTableFree(vshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}
