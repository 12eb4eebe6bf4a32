/*
 * vsh-help.c: the command list and the help page of one command
 *
 * The page layout (NAME, SYNOPSIS, DESCRIPTION, OPTIONS) and the way an
 * option is written in the synopsis follow virsh, so that documentation
 * and scripts reading it see the same shape; the wording is ours.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <string.h>

#include "vsh.h"

/* The options that can take a bare word, before @opt in its table. */
static bool
vshCmddefHasPositionalBefore(const vshCmdDef *def, const vshCmdOptDef *opt)
{
    const vshCmdOptDef *o;

    for (o = def->opts; o != opt; o++) {
        if ((o->type == VSH_OT_STRING || o->type == VSH_OT_INT ||
             o->type == VSH_OT_DATA) && !(o->flags & VSH_OFLAG_REQ_OPT))
            return true;
    }
    return false;
}

static void
vshCmddefAppendSynopsis(GString *out, const vshCmdDef *def,
                        const vshCmdOptDef *opt)
{
    bool req = opt->flags & VSH_OFLAG_REQ;
    bool reqOpt = opt->flags & VSH_OFLAG_REQ_OPT;

    switch (opt->type) {
    case VSH_OT_BOOL:
        g_string_append_printf(out, " [--%s]", opt->name);
        break;
    case VSH_OT_INT:
        if (req && !reqOpt)
            g_string_append_printf(out, " <%s>", opt->name);
        else if (req)
            g_string_append_printf(out, " --%s <number>", opt->name);
        else
            g_string_append_printf(out, " [--%s <number>]", opt->name);
        break;
    case VSH_OT_STRING:
        if (req)
            g_string_append_printf(out, " --%s <string>", opt->name);
        else
            g_string_append_printf(out, " [--%s <string>]", opt->name);
        break;
    case VSH_OT_DATA:
        g_string_append_printf(out, req ? " <%s>" : " [<%s>]", opt->name);
        break;
    case VSH_OT_ARGV:
        if (vshCmddefHasPositionalBefore(def, opt))
            g_string_append_printf(out, req ? " {[--%s] <string>}..."
                                            : " [[--%s] <string>]...",
                                   opt->name);
        else
            g_string_append_printf(out, req ? " <%s>..." : " [<%s>]...",
                                   opt->name);
        break;
    case VSH_OT_ALIAS:
        break;
    }
}

static char *
vshCmddefOptLabel(const vshCmdDef *def, const vshCmdOptDef *opt)
{
    switch (opt->type) {
    case VSH_OT_BOOL:
        return g_strdup_printf("--%s", opt->name);
    case VSH_OT_INT:
        if ((opt->flags & VSH_OFLAG_REQ) && !(opt->flags & VSH_OFLAG_REQ_OPT))
            return g_strdup_printf("[--%s] <number>", opt->name);
        return g_strdup_printf("--%s <number>", opt->name);
    case VSH_OT_STRING:
        return g_strdup_printf("--%s <string>", opt->name);
    case VSH_OT_DATA:
        return g_strdup_printf("[--%s] <string>", opt->name);
    case VSH_OT_ARGV:
        if (vshCmddefHasPositionalBefore(def, opt))
            return g_strdup_printf("[--%s] <string>", opt->name);
        return g_strdup_printf("<%s>", opt->name);
    case VSH_OT_ALIAS:
        break;
    }
    return NULL;
}

/**
 * vshCmddefHelp:
 * @ctl: the shell
 * @def: a command
 *
 * Prints the help page of @def.  Returns true.
 */
bool
vshCmddefHelp(vshControl *ctl, const vshCmdDef *def)
{
    g_autoptr(GString) synopsis = g_string_new(def->name);
    const vshCmdOptDef *opt;
    bool hasOpts = false;

    vshPrint(ctl, "  NAME\n    %s - %s\n\n", def->name, def->summary);

    for (opt = def->opts; opt && opt->name; opt++) {
        vshCmddefAppendSynopsis(synopsis, def, opt);
        if (opt->type != VSH_OT_ALIAS)
            hasOpts = true;
    }
    vshPrint(ctl, "  SYNOPSIS\n    %s\n\n", synopsis->str);

    if (def->description && *def->description)
        vshPrint(ctl, "  DESCRIPTION\n    %s\n\n", def->description);

    if (hasOpts) {
        vshPrint(ctl, "  OPTIONS\n");
        for (opt = def->opts; opt->name; opt++) {
            g_autofree char *label = vshCmddefOptLabel(def, opt);

            if (label)
                vshPrint(ctl, "    %-15s  %s\n", label, opt->help);
        }
        vshPrint(ctl, "\n");
    }
    return true;
}

static void
vshCmdGrpPrintCommands(vshControl *ctl, const vshCmdGrp *grp)
{
    const vshCmdDef *def;

    for (def = grp->commands; def->name; def++)
        vshPrint(ctl, "    %-30s %s\n", def->name, def->summary);
}

/**
 * vshCmdGrpHelp:
 * @ctl: the shell
 * @grp: a command group
 *
 * Prints the group's heading and its commands with their summaries.
 */
void
vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp)
{
    vshPrint(ctl, " %s (help keyword '%s'):\n", grp->name, grp->keyword);
    vshCmdGrpPrintCommands(ctl, grp);
}

/**
 * vshPrintGroupedCommands:
 * @ctl: the shell
 * @forUsage: true for the list in the -h text, whose headings have no
 *            colon
 *
 * Prints every group with its commands, a blank line after each.
 */
void
vshPrintGroupedCommands(vshControl *ctl, bool forUsage)
{
    const vshCmdGrp *grp;

    for (grp = ctl->groups; grp->name; grp++) {
        vshPrint(ctl, " %s (help keyword '%s')%s\n", grp->name, grp->keyword,
                 forUsage ? "" : ":");
        vshCmdGrpPrintCommands(ctl, grp);
        vshPrint(ctl, "\n");
    }
}
