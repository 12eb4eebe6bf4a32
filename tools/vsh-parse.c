/*
 * vsh-parse.c: turning a command line into commands with typed options,
 * and running them
 *
 * A line is split into words the way a POSIX shell would for the simple
 * cases virsh users rely on: blanks separate words, '...' quotes
 * literally, "..." and a backslash escape, ';' or a newline ends a
 * command and a word starting with '#' comments out the rest of its line.
 * Each command's words are then matched against its option table:
 * "--name value", "--name=value", boolean "--name", and bare words that
 * fill the next option accepting a positional value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <string.h>

#include "vsh.h"

typedef enum {
    VSH_TK_ERROR,
    VSH_TK_ARG,
    VSH_TK_SUBCMD_END,
    VSH_TK_END,
} vshTokenType;

typedef struct _vshParser vshParser;
struct _vshParser {
    /* A whole line (string mode) ... */
    const char *pos;
    /* ... or words already split by the invoking shell (argv mode),
     * in which ';' and quotes mean nothing. */
    char **argv;
    int argc;
    int next;
};

static bool
vshIsBlank(char c)
{
    return c == ' ' || c == '\t';
}

static const char *
vshSkipBlanks(const char *p)
{
    for (;;) {
        if (vshIsBlank(*p))
            p++;
        else if (p[0] == '\\' && p[1] == '\n')
            p += 2;
        else
            return p;
    }
}

/* Read one word of a line into a new string at @res. */
static vshTokenType
vshParserNextString(vshControl *ctl, vshParser *parser, char **res)
{
    const char *p = vshSkipBlanks(parser->pos);
    g_autoptr(GString) word = NULL;
    bool inSingle = false;
    bool inDouble = false;

    if (*p == '\0') {
        parser->pos = p;
        return VSH_TK_END;
    }
    if (*p == ';' || *p == '\n') {
        parser->pos = p + 1;
        return VSH_TK_SUBCMD_END;
    }
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        parser->pos = *p ? p + 1 : p;
        return VSH_TK_SUBCMD_END;
    }

    word = g_string_new(NULL);
    while (*p) {
        if (!inSingle && !inDouble &&
            (vshIsBlank(*p) || *p == ';' || *p == '\n'))
            break;

        if (*p == '\'' && !inDouble) {
            inSingle = !inSingle;
            p++;
            continue;
        }
        if (*p == '"' && !inSingle) {
            inDouble = !inDouble;
            p++;
            continue;
        }
        if (*p == '\\' && !inSingle) {
            p++;
            if (*p == '\0') {
                vshError(ctl, "%s", "dangling \\");
                return VSH_TK_ERROR;
            }
            if (*p == '\n') {
                p++;
                continue;
            }
        }
        g_string_append_c(word, *p);
        p++;
    }

    /* virsh 9.0 forgives an unterminated '...' but not "..." */
    if (inDouble) {
        vshError(ctl, "%s", "missing \"");
        return VSH_TK_ERROR;
    }

    parser->pos = p;
    *res = g_string_free(g_steal_pointer(&word), FALSE);
    return VSH_TK_ARG;
}

static vshTokenType
vshParserNext(vshControl *ctl, vshParser *parser, char **res)
{
    *res = NULL;
    if (!parser->argv)
        return vshParserNextString(ctl, parser, res);

    if (parser->next >= parser->argc)
        return VSH_TK_END;
    *res = g_strdup(parser->argv[parser->next++]);
    return VSH_TK_ARG;
}

/**
 * vshCmddefSearch:
 * @groups: the command groups, ending with a member whose name is NULL
 * @name: a command name as typed
 *
 * Returns the command called @name, or NULL.
 */
const vshCmdDef *
vshCmddefSearch(const vshCmdGrp *groups, const char *name)
{
    const vshCmdGrp *grp;
    const vshCmdDef *def;

    for (grp = groups; grp->name; grp++) {
        for (def = grp->commands; def->name; def++) {
            if (strcmp(def->name, name) == 0)
                return def;
        }
    }
    return NULL;
}

/**
 * vshCmdGrpSearch:
 * @groups: the command groups
 * @name: a group keyword ("domain") or name ("Domain Management")
 *
 * Returns the group, or NULL.
 */
const vshCmdGrp *
vshCmdGrpSearch(const vshCmdGrp *groups, const char *name)
{
    const vshCmdGrp *grp;

    for (grp = groups; grp->name; grp++) {
        if (strcmp(grp->keyword, name) == 0 || strcmp(grp->name, name) == 0)
            return grp;
    }
    return NULL;
}

static void
vshCmdOptListFree(vshCmdOpt *opt)
{
    while (opt) {
        vshCmdOpt *next = opt->next;

        g_free(opt->data);
        g_free(opt);
        opt = next;
    }
}

/**
 * vshCommandFree:
 * @cmd: a list of parsed commands, or NULL
 *
 * Frees every command of the list with its options.
 */
void
vshCommandFree(vshCmd *cmd)
{
    while (cmd) {
        vshCmd *next = cmd->next;

        vshCmdOptListFree(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}

static bool
vshOptIsPositional(const vshCmdOptDef *opt)
{
    if (opt->type == VSH_OT_BOOL || opt->type == VSH_OT_ALIAS)
        return false;
    return !(opt->flags & VSH_OFLAG_REQ_OPT);
}

/* The index of option @name in @def (following an alias), or -1. */
static int
vshCmddefOptIndex(const vshCmdDef *def, const char *name)
{
    size_t i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        if (strcmp(def->opts[i].name, name) != 0)
            continue;
        if (def->opts[i].type == VSH_OT_ALIAS)
            return vshCmddefOptIndex(def, def->opts[i].help);
        return i;
    }
    return -1;
}

/* The index of the first option still free to take a bare word, or -1. */
static int
vshCmddefNextPositional(const vshCmdDef *def, const bool *seen)
{
    size_t i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        if (!vshOptIsPositional(opt))
            continue;
        if (opt->type == VSH_OT_ARGV || !seen[i])
            return i;
    }
    return -1;
}

static void
vshCmdAppendOpt(vshCmd *cmd, const vshCmdOptDef *def, char *data)
{
    vshCmdOpt *opt = g_new0(vshCmdOpt, 1);
    vshCmdOpt **tail = &cmd->opts;

    opt->def = def;
    opt->data = data;
    while (*tail)
        tail = &(*tail)->next;
    *tail = opt;
}

static bool
vshCmdCheckRequired(vshControl *ctl, const vshCmd *cmd, const bool *seen)
{
    const vshCmdDef *def = cmd->def;
    size_t i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        if (!(opt->flags & VSH_OFLAG_REQ) || seen[i])
            continue;
        if (!(opt->flags & VSH_OFLAG_REQ_OPT) &&
            (opt->type == VSH_OT_DATA || opt->type == VSH_OT_ARGV))
            vshError(ctl, "command '%s' requires <%s> option",
                     def->name, opt->name);
        else
            vshError(ctl, "command '%s' requires --%s option",
                     def->name, opt->name);
        return false;
    }
    return true;
}

/* What is known about the command being parsed. */
typedef struct _vshCmdParseState vshCmdParseState;
struct _vshCmdParseState {
    vshCmd *cmd;
    bool *seen;             /* indexed like cmd->def->opts */
    bool dataOnly;          /* after "--" every word is a value */
    bool helpWanted;        /* "--help" was given */
    bool lax;               /* the help command ignores what it can't use */
};

/* An alias written "name=value" stands for that option given that value
 * (blockcopy's --raw is --format=raw): rewrite *@name and *@value. */
static bool
vshCmdParseAliasValue(vshControl *ctl, const vshCmdDef *def, char **name,
                      char **value)
{
    const char *eq;
    size_t i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        if (opt->type != VSH_OT_ALIAS || strcmp(opt->name, *name) != 0 ||
            !(eq = strchr(opt->help, '=')))
            continue;
        if (*value) {
            vshError(ctl, "invalid '=' after option --%s", opt->name);
            return false;
        }
        g_free(*name);
        *name = g_strndup(opt->help, eq - opt->help);
        *value = g_strdup(eq + 1);
        return true;
    }
    return true;
}

/* Handle one "--name" or "--name=value" word.  A value not given with
 * '=' is the next word of the line, whatever it looks like. */
static bool
vshCmdParseNamedOpt(vshControl *ctl, vshParser *parser,
                    vshCmdParseState *state, const char *word)
{
    g_autofree char *name = g_strdup(word + 2);
    g_autofree char *value = NULL;
    char *eq = strchr(name, '=');
    const vshCmdOptDef *opt;
    int idx;

    if (eq) {
        *eq = '\0';
        value = g_strdup(eq + 1);
    }
    if (!vshCmdParseAliasValue(ctl, state->cmd->def, &name, &value))
        return false;

    if ((idx = vshCmddefOptIndex(state->cmd->def, name)) < 0) {
        /* Every command takes --help, meaning "help COMMAND". */
        if (strcmp(name, "help") == 0) {
            if (value) {
                vshError(ctl, "invalid '=' after option --%s", name);
                return false;
            }
            state->helpWanted = true;
            return true;
        }
        if (state->lax)
            return true;
        vshError(ctl, "command '%s' doesn't support option --%s",
                 state->cmd->def->name, name);
        return false;
    }
    opt = &state->cmd->def->opts[idx];

    if (state->seen[idx] && opt->type != VSH_OT_ARGV) {
        /* help complains but goes on, as in virsh. */
        vshError(ctl, "option --%s already seen", opt->name);
        return state->lax;
    }
    state->seen[idx] = true;

    if (opt->type == VSH_OT_BOOL) {
        if (value) {
            vshError(ctl, "invalid '=' after option --%s", opt->name);
            return false;
        }
    } else if (!value &&
               vshParserNext(ctl, parser, &value) != VSH_TK_ARG) {
        vshError(ctl, "expected syntax: --%s <%s>", opt->name,
                 opt->type == VSH_OT_INT ? "number" : "string");
        return false;
    }

    vshCmdAppendOpt(state->cmd, opt, g_steal_pointer(&value));
    return true;
}

/* A bare word: the value of the next positional option. */
static bool
vshCmdParseData(vshControl *ctl, vshCmdParseState *state, char *word)
{
    int idx = vshCmddefNextPositional(state->cmd->def, state->seen);

    if (idx < 0) {
        if (!state->lax)
            vshError(ctl, "unexpected data '%s'", word);
        g_free(word);
        return state->lax;
    }
    state->seen[idx] = true;
    vshCmdAppendOpt(state->cmd, &state->cmd->def->opts[idx], word);
    return true;
}

/* Parse the words after a command's name up to the end of that command.
 * *@last is set to the token that ended it. */
static bool
vshCmdParseOpts(vshControl *ctl, vshParser *parser, vshCmd *cmd,
                vshTokenType *last)
{
    vshCmdParseState state = { .cmd = cmd };
    g_autofree bool *seen = NULL;
    size_t nopts = 0;

    while (cmd->def->opts && cmd->def->opts[nopts].name)
        nopts++;
    state.seen = seen = g_new0(bool, nopts + 1);
    state.lax = strcmp(cmd->def->name, "help") == 0;

    for (;;) {
        char *word = NULL;
        vshTokenType tk = vshParserNext(ctl, parser, &word);
        bool ok;

        *last = tk;
        if (tk == VSH_TK_ERROR)
            return false;
        if (tk != VSH_TK_ARG)
            break;

        if (!state.dataOnly && strcmp(word, "--") == 0) {
            state.dataOnly = true;
            g_free(word);
            continue;
        }
        if (!state.dataOnly && g_str_has_prefix(word, "--")) {
            ok = vshCmdParseNamedOpt(ctl, parser, &state, word);
            g_free(word);
        } else {
            ok = vshCmdParseData(ctl, &state, word);
        }
        if (!ok)
            return false;
    }

    if (state.helpWanted) {
        const vshCmdDef *help = vshCmddefSearch(ctl->groups, "help");

        vshCmdOptListFree(g_steal_pointer(&cmd->opts));
        vshCmdAppendOpt(cmd, &help->opts[0], g_strdup(cmd->def->name));
        cmd->def = help;
        return true;
    }

    return vshCmdCheckRequired(ctl, cmd, state.seen);
}

/* Parse every command of @parser; on success they replace ctl->cmd. */
static bool
vshCommandParse(vshControl *ctl, vshParser *parser)
{
    vshCmd *first = NULL;
    vshCmd **tail = &first;
    vshTokenType tk = VSH_TK_SUBCMD_END;

    vshCommandFree(ctl->cmd);
    ctl->cmd = NULL;

    while (tk != VSH_TK_END) {
        g_autofree char *name = NULL;
        const vshCmdDef *def;
        vshCmd *cmd;

        tk = vshParserNext(ctl, parser, &name);
        if (tk == VSH_TK_ERROR)
            goto error;
        if (tk != VSH_TK_ARG)
            continue;

        if (!(def = vshCmddefSearch(ctl->groups, name))) {
            vshError(ctl, "unknown command: '%s'", name);
            goto error;
        }

        cmd = g_new0(vshCmd, 1);
        cmd->def = def;
        *tail = cmd;
        tail = &cmd->next;

        if (!vshCmdParseOpts(ctl, parser, cmd, &tk))
            goto error;
    }

    ctl->cmd = first;
    return true;

 error:
    vshCommandFree(first);
    return false;
}

/**
 * vshCommandStringParse:
 * @ctl: the shell
 * @line: one line as typed, possibly several commands
 *
 * Parses @line into ctl->cmd.  Returns false after reporting the first
 * syntax error (no command of the line is run then), and for an empty
 * @line.
 */
bool
vshCommandStringParse(vshControl *ctl, const char *line)
{
    vshParser parser = { .pos = line };

    /* virsh fails on an empty line, silently, but not on blanks. */
    if (!*line)
        return false;

    return vshCommandParse(ctl, &parser);
}

/**
 * vshCommandArgvParse:
 * @ctl: the shell
 * @nargs: number of words
 * @argv: the command and its options, already split by the caller's shell
 *
 * Parses one command into ctl->cmd; returns false after reporting an
 * error.
 */
bool
vshCommandArgvParse(vshControl *ctl, int nargs, char **argv)
{
    vshParser parser = { .argv = argv, .argc = nargs };

    return vshCommandParse(ctl, &parser);
}

/**
 * vshCommandRun:
 * @ctl: the shell
 * @cmd: the commands of one line
 *
 * Runs each command in turn, reporting the error of each that fails, and
 * goes on with the next one as virsh does.  A command that stops the
 * shell (quit) ends the list.
 *
 * Returns the success of the last command run.
 */
bool
vshCommandRun(vshControl *ctl, const vshCmd *cmd)
{
    bool ret = true;

    for (; cmd; cmd = cmd->next) {
        gint64 before = g_get_monotonic_time();

        if ((cmd->def->flags & VSH_CMD_FLAG_NOCONNECT) ||
            (ctl->connHandler && ctl->connHandler(ctl)))
            ret = cmd->def->handler(ctl, cmd);
        else
            ret = false;

        if (!ret)
            vshReportError(ctl);

        if (ctl->stop)
            return ret;

        /* A blank line after each command's output is part of virsh's
         * format; scripts wanting bare output use -q. */
        if (ctl->timing)
            vshPrint(ctl, "\n(Time: %.3f ms)\n\n",
                     (g_get_monotonic_time() - before) / 1000.0);
        else
            vshPrintExtra(ctl, "\n");
    }
    return ret;
}
