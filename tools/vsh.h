/*
 * vsh.h: the generic shell behind virsh: command tables, parsing,
 * typed options, output and help
 *
 * Nothing here knows about libvirt objects; virsh.h adds the connection
 * and the commands.  The parsing rules reproduce libvirt 9.0's virsh as
 * observed (positional options, --opt=value, error wording), because
 * scripts depend on them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

typedef struct _vshControl vshControl;
typedef struct _vshCmd vshCmd;
typedef struct _vshCmdOpt vshCmdOpt;
typedef struct _vshCmdOptDef vshCmdOptDef;
typedef struct _vshCmdDef vshCmdDef;
typedef struct _vshCmdGrp vshCmdGrp;
typedef struct _vshTable vshTable;

typedef enum {
    VSH_OT_BOOL,        /* --name, no value */
    VSH_OT_STRING,      /* --name VALUE, or positional when free */
    VSH_OT_INT,         /* as STRING, but shown as <number> */
    VSH_OT_DATA,        /* a positional string, usually required */
    VSH_OT_ARGV,        /* the remaining positional words, repeatable */
    VSH_OT_ALIAS,       /* another name for the option named in .help,
                         * or "name=value": that option with that value */
} vshCmdOptType;

typedef enum {
    VSH_OFLAG_NONE = 0,
    VSH_OFLAG_REQ = 1 << 0,         /* the command fails without it */
    VSH_OFLAG_EMPTY_OK = 1 << 1,    /* "" is a valid value */
    VSH_OFLAG_REQ_OPT = 1 << 2,     /* only as --name VALUE, never positional */
} vshCmdOptFlags;

typedef enum {
    VSH_CMD_FLAG_NOCONNECT = 1 << 0,    /* runs without a hypervisor */
} vshCmdFlags;

/* Debug levels as virsh numbers them: -d 0 shows everything. */
typedef enum {
    VSH_ERR_DEBUG = 0,
    VSH_ERR_INFO,
    VSH_ERR_NOTICE,
    VSH_ERR_WARNING,
    VSH_ERR_ERROR,
} vshErrorLevel;

#define VSH_DEBUG_DEFAULT VSH_ERR_ERROR

struct _vshCmdOptDef {
    const char *name;
    vshCmdOptType type;
    unsigned int flags;         /* vshCmdOptFlags */
    const char *help;           /* for VSH_OT_ALIAS: the target's name */
};

struct _vshCmdDef {
    const char *name;
    bool (*handler)(vshControl *ctl, const vshCmd *cmd);
    const vshCmdOptDef *opts;   /* ends with a member whose name is NULL */
    const char *summary;        /* one line, for the command list */
    const char *description;    /* for "help NAME"; may be "" */
    unsigned int flags;         /* vshCmdFlags */
};

struct _vshCmdGrp {
    const char *name;           /* "Domain Management" */
    const char *keyword;        /* "domain", for "help domain" */
    const vshCmdDef *commands;  /* ends with a member whose name is NULL */
};

/* One option given on a command line; the value belongs to it. */
struct _vshCmdOpt {
    const vshCmdOptDef *def;
    char *data;                 /* NULL for a boolean */
    vshCmdOpt *next;
};

/* One parsed command; a line with ';' gives a list of them. */
struct _vshCmd {
    const vshCmdDef *def;
    vshCmdOpt *opts;
    vshCmd *next;
};

/* The shell's state.  virsh keeps its connection behind @priv. */
struct _vshControl {
    const char *progname;
    const vshCmdGrp *groups;
    char *connname;             /* -c URI, or NULL for the default */
    vshCmd *cmd;                /* the parsed line being run */
    bool imode;                 /* interactive */
    bool quiet;                 /* -q: no headers, no confirmations */
    bool timing;                /* -t */
    bool stop;                  /* quit or exit was run */
    int debug;                  /* vshErrorLevel threshold */
    FILE *logfile;              /* -l FILE */
    char *historyfile;
    /* Called before a command that needs the hypervisor; false when no
     * usable connection could be made (the error is already reported). */
    bool (*connHandler)(vshControl *ctl);
    void *priv;
};

/* vsh-parse.c */
bool vshCommandStringParse(vshControl *ctl, const char *line);
bool vshCommandArgvParse(vshControl *ctl, int nargs, char **argv);
void vshCommandFree(vshCmd *cmd);
const vshCmdDef *vshCmddefSearch(const vshCmdGrp *groups, const char *name);
const vshCmdGrp *vshCmdGrpSearch(const vshCmdGrp *groups, const char *name);
bool vshCommandRun(vshControl *ctl, const vshCmd *cmd);

/* vsh-opt.c */
bool vshCommandOptBool(const vshCmd *cmd, const char *name);
int vshCommandOptStringReq(vshControl *ctl, const vshCmd *cmd,
                           const char *name, const char **value);
const char *vshCommandOptStringQuiet(const vshCmd *cmd, const char *name);
int vshCommandOptInt(vshControl *ctl, const vshCmd *cmd,
                     const char *name, int *value);
int vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd,
                           const char *name, unsigned long long *value,
                           unsigned long long scale,
                           unsigned long long max);
int vshCommandOptTimeoutToMs(vshControl *ctl, const vshCmd *cmd,
                             int *timeout);
const vshCmdOpt *vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *prev);
bool vshOptionsExclusive(vshControl *ctl, const vshCmd *cmd,
                         const char *name1, const char *name2);
int vshStrToLongLong(const char *s, long long *result);
int vshStrToULongLong(const char *s, char **end, unsigned long long *result);
int vshScaleInteger(unsigned long long *value, const char *suffix,
                    unsigned long long scale, unsigned long long limit);

/* Fail the command when two options that cannot go together are both
 * given; the check virsh runs before anything else in a command. */
#define VSH_EXCLUSIVE_OPTIONS(name1, name2) \
    do { \
        if (!vshOptionsExclusive(ctl, cmd, name1, name2)) \
            return false; \
    } while (0)

/* vsh-output.c */
void vshPrint(vshControl *ctl, const char *format, ...) G_GNUC_PRINTF(2, 3);
void vshPrintExtra(vshControl *ctl, const char *format, ...)
    G_GNUC_PRINTF(2, 3);
void vshError(vshControl *ctl, const char *format, ...) G_GNUC_PRINTF(2, 3);
void vshDebug(vshControl *ctl, int level, const char *format, ...)
    G_GNUC_PRINTF(3, 4);
void vshSetPendingError(const char *format, ...) G_GNUC_PRINTF(1, 2);
void vshResetLibvirtError(void);
int vshLastErrorCode(void);
void vshReportError(vshControl *ctl);
void vshInstallErrorHandler(void);

/* vsh-table.c */
vshTable *vshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
int vshTableRowAppend(vshTable *table, const char *first, ...)
    G_GNUC_NULL_TERMINATED;
void vshTablePrintToStdout(vshTable *table, vshControl *ctl);
void vshTableFree(vshTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTable, vshTableFree);

/* vsh-help.c */
bool vshCmddefHelp(vshControl *ctl, const vshCmdDef *def);
void vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp);
void vshPrintGroupedCommands(vshControl *ctl, bool forUsage);

/* vsh-builtins.c: help, cd, pwd, echo, quit, exit.  The program puts
 * them in its own command table with the VSH_CMD_* entries below. */
extern const vshCmdOptDef vshOptsHelp[];
extern const vshCmdOptDef vshOptsCd[];
extern const vshCmdOptDef vshOptsPwd[];
extern const vshCmdOptDef vshOptsEcho[];
extern const vshCmdOptDef vshOptsQuit[];
bool vshCmdHelp(vshControl *ctl, const vshCmd *cmd);
bool vshCmdCd(vshControl *ctl, const vshCmd *cmd);
bool vshCmdPwd(vshControl *ctl, const vshCmd *cmd);
bool vshCmdEcho(vshControl *ctl, const vshCmd *cmd);
bool vshCmdQuit(vshControl *ctl, const vshCmd *cmd);

#define VSH_CMD_CD \
    {.name = "cd", .handler = vshCmdCd, .opts = vshOptsCd, \
     .summary = "change the working directory", \
     .description = "Change the working directory of the interactive shell.", \
     .flags = VSH_CMD_FLAG_NOCONNECT}
#define VSH_CMD_ECHO \
    {.name = "echo", .handler = vshCmdEcho, .opts = vshOptsEcho, \
     .summary = "print the words given, for testing the parser", \
     .description = "Print the words given as the shell parsed them.", \
     .flags = VSH_CMD_FLAG_NOCONNECT}
#define VSH_CMD_EXIT \
    {.name = "exit", .handler = vshCmdQuit, .opts = vshOptsQuit, \
     .summary = "leave the shell", \
     .description = "", \
     .flags = VSH_CMD_FLAG_NOCONNECT}
#define VSH_CMD_HELP \
    {.name = "help", .handler = vshCmdHelp, .opts = vshOptsHelp, \
     .summary = "show the commands, a group of them, or how to use one", \
     .description = "Without a name, list every command by group.", \
     .flags = VSH_CMD_FLAG_NOCONNECT}
#define VSH_CMD_PWD \
    {.name = "pwd", .handler = vshCmdPwd, .opts = vshOptsPwd, \
     .summary = "print the working directory", \
     .description = "Print the working directory of the shell.", \
     .flags = VSH_CMD_FLAG_NOCONNECT}
#define VSH_CMD_QUIT \
    {.name = "quit", .handler = vshCmdQuit, .opts = vshOptsQuit, \
     .summary = "leave the shell", \
     .description = "", \
     .flags = VSH_CMD_FLAG_NOCONNECT}

/* vsh-readline.c */
char *vshReadline(vshControl *ctl, const char *prompt);
void vshReadlineInit(vshControl *ctl);
void vshReadlineDeinit(vshControl *ctl);
