/*
 * vsh-builtins.c: the commands about the shell itself: help, cd, pwd,
 * echo, quit and exit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "vsh.h"

const vshCmdOptDef vshOptsHelp[] = {
    {.name = "command",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_EMPTY_OK,
     .help = "a command or a group keyword to describe; all commands when omitted"},
    {.name = NULL}
};

/**
 * vshCmdHelp:
 * @ctl: the shell
 * @cmd: "help [COMMAND|GROUP]"
 *
 * Returns false if the name is neither a command nor a group.
 */
bool
vshCmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshCommandOptStringQuiet(cmd, "command");
    const vshCmdDef *def;
    const vshCmdGrp *grp;

    if (!name || !*name) {
        vshPrint(ctl, "Grouped commands:\n\n");
        vshPrintGroupedCommands(ctl, false);
        return true;
    }

    if ((def = vshCmddefSearch(ctl->groups, name)))
        return vshCmddefHelp(ctl, def);
    if ((grp = vshCmdGrpSearch(ctl->groups, name))) {
        vshCmdGrpHelp(ctl, grp);
        return true;
    }
    vshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}

const vshCmdOptDef vshOptsCd[] = {
    {.name = "dir",
     .type = VSH_OT_STRING,
     .help = "where to go; the home directory (or /) when omitted"},
    {.name = NULL}
};

/**
 * vshCmdCd:
 * @ctl: the shell
 * @cmd: "cd [DIR]"
 *
 * Changes the working directory, in interactive mode only (in one-shot
 * mode it could change nothing that matters).
 */
bool
vshCmdCd(vshControl *ctl, const vshCmd *cmd)
{
    const char *dir = vshCommandOptStringQuiet(cmd, "dir");

    if (!ctl->imode) {
        vshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }

    if (!dir || !*dir)
        dir = g_get_home_dir();
    if (!dir)
        dir = "/";

    if (chdir(dir) < 0) {
        vshError(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}

const vshCmdOptDef vshOptsPwd[] = {
    {.name = NULL}
};

/**
 * vshCmdPwd:
 * @ctl: the shell
 * @cmd: "pwd"
 *
 * Prints the working directory.
 */
bool
vshCmdPwd(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *cwd = g_get_current_dir();

    vshPrint(ctl, "%s\n", cwd);
    return true;
}

const vshCmdOptDef vshOptsEcho[] = {
    {.name = "shell",
     .type = VSH_OT_BOOL,
     .help = "quote each word so that a POSIX shell reads it back unchanged"},
    {.name = "xml",
     .type = VSH_OT_BOOL,
     .help = "escape each word for use in XML text"},
    {.name = "split",
     .type = VSH_OT_BOOL,
     .help = "print each comma-separated part on its own line (',,' is a comma)"},
    {.name = "err",
     .type = VSH_OT_BOOL,
     .help = "print to stderr, as an error"},
    {.name = "string",
     .type = VSH_OT_ARGV,
     .flags = VSH_OFLAG_EMPTY_OK,
     .help = "the words to print"},
    {.name = NULL}
};

static void
vshEchoShell(GString *out, const char *word)
{
    const char *p;

    if (*word && !strpbrk(word, " \t\n#!$&()*;<>?[]^`{|}~\\\"'")) {
        g_string_append(out, word);
        return;
    }
    g_string_append_c(out, '\'');
    for (p = word; *p; p++) {
        if (*p == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
}

static void
vshEchoXML(GString *out, const char *word)
{
    const char *p;

    for (p = word; *p; p++) {
        switch (*p) {
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '&': g_string_append(out, "&amp;"); break;
        case '\'': g_string_append(out, "&apos;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        default: g_string_append_c(out, *p);
        }
    }
}

/* Each comma-separated part of @word on a line of its own; ",," is a
 * comma within a part, and an empty word has no parts. */
static void
vshEchoSplit(GString *out, const char *word)
{
    const char *p;

    if (!*word)
        return;
    for (p = word; *p; p++) {
        if (*p != ',') {
            g_string_append_c(out, *p);
        } else if (p[1] == ',') {
            g_string_append_c(out, ',');
            p++;
        } else {
            g_string_append_c(out, '\n');
        }
    }
    g_string_append_c(out, '\n');
}

/**
 * vshCmdEcho:
 * @ctl: the shell
 * @cmd: "echo [--shell|--xml|--split] [--err] WORD..."
 *
 * Prints its words joined by blanks, without a newline: the blank line
 * every command is followed by ends it.  Used to test the parser.
 */
bool
vshCmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(GString) out = g_string_new(NULL);
    bool shell = vshCommandOptBool(cmd, "shell");
    bool xml = vshCommandOptBool(cmd, "xml");
    bool split = vshCommandOptBool(cmd, "split");
    const vshCmdOpt *opt = NULL;
    size_t count = 0;

    VSH_EXCLUSIVE_OPTIONS("shell", "xml");
    VSH_EXCLUSIVE_OPTIONS("shell", "split");
    VSH_EXCLUSIVE_OPTIONS("xml", "split");

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (count++)
            g_string_append_c(out, ' ');
        if (shell)
            vshEchoShell(out, opt->data);
        else if (xml)
            vshEchoXML(out, opt->data);
        else if (split)
            vshEchoSplit(out, opt->data);
        else
            g_string_append(out, opt->data);
    }

    if (!count)
        return true;
    if (vshCommandOptBool(cmd, "err"))
        vshError(ctl, "%s", out->str);
    else
        vshPrint(ctl, "%s", out->str);
    return true;
}

const vshCmdOptDef vshOptsQuit[] = {
    {.name = NULL}
};

/**
 * vshCmdQuit:
 * @ctl: the shell
 * @cmd: "quit" or "exit"
 *
 * Stops the shell after this command; the rest of the line is not run.
 */
bool
vshCmdQuit(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    ctl->imode = false;
    ctl->stop = true;
    return true;
}
