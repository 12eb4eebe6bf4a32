/*
 * vsh-readline.c: line editing, history and completion of the
 * interactive shell
 *
 * History is kept in $XDG_CACHE_HOME/virsh/history, where virsh keeps
 * it, so that users moving between the two keep theirs.  Completion
 * offers command names for the first word and option names after "--".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "vsh.h"

#define VSH_HISTORY_MAX 500

/* Readline's completion callbacks carry no user data. */
static vshControl *vshReadlineCtl;

/* The command named by the first word of the line being edited. */
static const vshCmdDef *
vshReadlineCurrentCommand(void)
{
    g_autofree char *head = g_strndup(rl_line_buffer, rl_point);
    g_auto(GStrv) words = NULL;
    const char *start;

    /* Only the command after the last ';' counts. */
    start = strrchr(head, ';');
    start = start ? start + 1 : head;
    words = g_strsplit_set(start, " \t", -1);
    for (GStrv w = words; *w; w++) {
        if (**w)
            return vshCmddefSearch(vshReadlineCtl->groups, *w);
    }
    return NULL;
}

static char *
vshReadlineCommandGenerator(const char *text, int state)
{
    static const vshCmdGrp *grp;
    static const vshCmdDef *def;

    if (!state) {
        grp = vshReadlineCtl->groups;
        def = grp->commands;
    }
    for (; grp->name; grp++, def = grp->name ? grp->commands : NULL) {
        for (; def && def->name; def++) {
            if (g_str_has_prefix(def->name, text))
                return g_strdup((def++)->name);
        }
    }
    return NULL;
}

static char *
vshReadlineOptionGenerator(const char *text, int state)
{
    static const vshCmdDef *cmd;
    static const vshCmdOptDef *opt;

    if (!state) {
        cmd = vshReadlineCurrentCommand();
        opt = cmd ? cmd->opts : NULL;
    }
    for (; opt && opt->name; opt++) {
        g_autofree char *full = g_strdup_printf("--%s", opt->name);

        if (opt->type != VSH_OT_ALIAS && g_str_has_prefix(full, text)) {
            opt++;
            return g_steal_pointer(&full);
        }
    }
    return NULL;
}

static char **
vshReadlineCompletion(const char *text, int start, int end G_GNUC_UNUSED)
{
    const char *p = rl_line_buffer + start;
    bool firstWord = true;

    while (p > rl_line_buffer) {
        p--;
        if (*p == ';')
            break;
        if (*p != ' ' && *p != '\t') {
            firstWord = false;
            break;
        }
    }

    rl_attempted_completion_over = 1;
    if (firstWord)
        return rl_completion_matches(text, vshReadlineCommandGenerator);
    if (g_str_has_prefix(text, "-"))
        return rl_completion_matches(text, vshReadlineOptionGenerator);
    /* Anything else may be a file name. */
    rl_attempted_completion_over = 0;
    return NULL;
}

/**
 * vshReadlineInit:
 * @ctl: the shell
 *
 * Sets up completion and loads the history; a history that cannot be
 * read is no reason to stop.
 */
void
vshReadlineInit(vshControl *ctl)
{
    g_autofree char *dir = NULL;

    vshReadlineCtl = ctl;
    rl_readline_name = "virsh";
    rl_attempted_completion_function = vshReadlineCompletion;

    stifle_history(VSH_HISTORY_MAX);
    dir = g_build_filename(g_get_user_cache_dir(), ctl->progname, NULL);
    if (g_mkdir_with_parents(dir, 0755) < 0) {
        vshDebug(ctl, VSH_ERR_WARNING, "cannot create history directory '%s'\n", dir);
        return;
    }
    ctl->historyfile = g_build_filename(dir, "history", NULL);
    read_history(ctl->historyfile);
}

/**
 * vshReadlineDeinit:
 * @ctl: the shell
 *
 * Saves the history of the session, if it was set up.
 */
void
vshReadlineDeinit(vshControl *ctl)
{
    if (ctl->historyfile && write_history(ctl->historyfile) != 0)
        vshDebug(ctl, VSH_ERR_WARNING, "cannot save history to '%s'\n",
                 ctl->historyfile);
    g_clear_pointer(&ctl->historyfile, g_free);
}

/**
 * vshReadline:
 * @ctl: the shell
 * @prompt: what to show
 *
 * Returns the next line typed (the caller frees it), or NULL at the end
 * of input.  Non-empty lines go into the history.
 */
char *
vshReadline(vshControl *ctl G_GNUC_UNUSED, const char *prompt)
{
    char *line = readline(prompt);
    char *copy;

    if (!line)
        return NULL;
    if (*line)
        add_history(line);
    /* readline's buffer comes from malloc; ours are freed with g_free. */
    copy = g_strdup(line);
    free(line);
    return copy;
}
