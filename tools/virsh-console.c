/*
 * virsh-console.c: the console command, and the interactive console that
 * create --console and start --console open too
 *
 * The guest's character device is a stream.  Its data and the
 * terminal's keys are moved on virsh's event loop thread; the command's
 * thread only waits for the end: the escape character, the stream's
 * end, or an error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <termios.h>
#include <unistd.h>

#include "virsh-domain.h"

/* The escape character when -e was not given: Ctrl + ]. */
#define VIRSH_CONSOLE_ESCAPE_DEFAULT "^]"

typedef struct _virshConsole virshConsole;
struct _virshConsole {
    virStreamPtr st;
    char escape;            /* the byte that ends the session */
    int stdinWatch;         /* virEventAddHandle id, -1 when none */
    GMutex lock;
    GCond cond;
    bool quit;              /* under @lock */
    bool failed;            /* under @lock: the stream broke */
};

static void
virshConsoleStop(virshConsole *con, bool failed)
{
    g_mutex_lock(&con->lock);
    con->quit = true;
    con->failed |= failed;
    g_cond_signal(&con->cond);
    g_mutex_unlock(&con->lock);
}


static bool
virshConsoleWriteAll(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t done = write(fd, buf, len);

        if (done < 0 && errno == EINTR)
            continue;
        if (done < 0)
            return false;
        buf += done;
        len -= done;
    }
    return true;
}


/* Guest output: copy what the stream has to the terminal. */
static void
virshConsoleStreamEvent(virStreamPtr st, int events, void *opaque)
{
    virshConsole *con = opaque;
    char buf[1024];

    if (events & VIR_STREAM_EVENT_READABLE) {
        for (;;) {
            int got = virStreamRecv(st, buf, sizeof(buf));

            if (got == -2)
                break;
            if (got <= 0) {
                virshConsoleStop(con, got < 0);
                return;
            }
            if (!virshConsoleWriteAll(STDOUT_FILENO, buf, got)) {
                virshConsoleStop(con, true);
                return;
            }
        }
    }
    if (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR))
        virshConsoleStop(con, (events & VIR_STREAM_EVENT_ERROR) != 0);
}


/* Keys: send them to the guest, up to the escape character. */
static void
virshConsoleStdinEvent(int watch G_GNUC_UNUSED, int fd, int events,
                       void *opaque)
{
    virshConsole *con = opaque;
    char buf[1024];
    char *esc;
    ssize_t got;
    size_t sent = 0;

    if (!(events & VIR_EVENT_HANDLE_READABLE)) {
        virshConsoleStop(con, false);
        return;
    }
    if ((got = read(fd, buf, sizeof(buf))) <= 0) {
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        virshConsoleStop(con, got < 0);
        return;
    }
    if ((esc = memchr(buf, con->escape, got)))
        got = esc - buf;

    while (sent < (size_t)got) {
        int rc = virStreamSend(con->st, buf + sent, got - sent);

        if (rc == -2) {
            g_usleep(1000);
            continue;
        }
        if (rc < 0) {
            virshConsoleStop(con, true);
            return;
        }
        sent += rc;
    }
    if (esc)
        virshConsoleStop(con, false);
}


/* The escape byte for -e's text: "^X" is Ctrl + X. */
static char
virshConsoleEscapeByte(const char *text)
{
    if (text[0] == '^' && text[1])
        return g_ascii_toupper(text[1]) ^ 0x40;
    return text[0];
}


/* Move guest output and keys until the session ends. */
static bool
virshConsolePump(vshControl *ctl G_GNUC_UNUSED, virshConsole *con)
{
    bool failed;

    if (virStreamEventAddCallback(con->st,
                                  VIR_STREAM_EVENT_READABLE |
                                  VIR_STREAM_EVENT_HANGUP |
                                  VIR_STREAM_EVENT_ERROR,
                                  virshConsoleStreamEvent, con, NULL) < 0)
        return false;
    if ((con->stdinWatch = virEventAddHandle(STDIN_FILENO,
                                             VIR_EVENT_HANDLE_READABLE,
                                             virshConsoleStdinEvent,
                                             con, NULL)) < 0) {
        virStreamEventRemoveCallback(con->st);
        return false;
    }

    g_mutex_lock(&con->lock);
    while (!con->quit)
        g_cond_wait(&con->cond, &con->lock);
    failed = con->failed;
    g_mutex_unlock(&con->lock);

    virEventRemoveHandle(con->stdinWatch);
    virStreamEventRemoveCallback(con->st);
    return !failed;
}


/**
 * virshRunConsole:
 * @ctl: the shell
 * @dom: a running domain
 * @devname: the console, serial or channel alias; NULL for the first
 *           console
 * @flags: virDomainConsoleFlags
 *
 * Connects the terminal to the guest's character device until the
 * escape character (-e, Ctrl + ] by default) is typed or the device
 * closes.  The terminal is in raw mode meanwhile.
 *
 * Returns true, or false after reporting.
 */
bool
virshRunConsole(vshControl *ctl, virDomainPtr dom, const char *devname,
                unsigned int flags)
{
    const char *escape = virshGetControl(ctl)->escapeChar;
    virshConsole con = { .stdinWatch = -1 };
    struct termios saved;
    struct termios raw;
    bool ok;

    if (!isatty(STDIN_FILENO)) {
        vshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }
    if (!escape)
        escape = VIRSH_CONSOLE_ESCAPE_DEFAULT;
    con.escape = virshConsoleEscapeByte(escape);

    vshPrintExtra(ctl, "Connected to domain '%s'\n", virDomainGetName(dom));
    vshPrintExtra(ctl, "Escape character is %s", escape);
    if (escape[0] == '^' && escape[1])
        vshPrintExtra(ctl, " (Ctrl + %c)", escape[1]);
    vshPrintExtra(ctl, "\n");

    if (tcgetattr(STDIN_FILENO, &saved) < 0) {
        vshError(ctl, "%s", "unable to make terminal raw: console isn't a tty");
        return false;
    }
    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);

    g_mutex_init(&con.lock);
    g_cond_init(&con.cond);
    ok = (con.st = virStreamNew(virshGetControl(ctl)->conn, VIR_STREAM_NONBLOCK)) &&
         virDomainOpenConsole(dom, devname, con.st, flags) == 0 &&
         virshConsolePump(ctl, &con);

    if (con.st) {
        /* Ending a session that worked may fail harmlessly; after a
         * failure, the first error is the one to report. */
        if (ok && virStreamAbort(con.st) < 0) {
            vshDebug(ctl, VSH_ERR_DEBUG, "%s", "cannot terminate console stream\n");
            vshResetLibvirtError();
        }
        virStreamFree(con.st);
    }
    g_cond_clear(&con.cond);
    g_mutex_clear(&con.lock);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    return ok;
}


const vshCmdOptDef virshOptsConsole[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "devname",
     .type = VSH_OT_STRING,
     .help = "the alias of the console, serial port or channel"},
    {.name = "force",
     .type = VSH_OT_BOOL,
     .help = "take the console over from another session"},
    {.name = "safe",
     .type = VSH_OT_BOOL,
     .help = "connect only if the driver can hand the console over safely"},
    {.name = NULL}
};

bool
virshCmdConsole(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *devname = NULL;
    unsigned int flags = 0;
    int state;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (vshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_CONSOLE_FORCE;
    if (vshCommandOptBool(cmd, "safe"))
        flags |= VIR_DOMAIN_CONSOLE_SAFE;

    if ((state = virshDomainState(ctl, dom, NULL)) < 0) {
        vshError(ctl, "%s", "Unable to get domain status");
        return false;
    }
    if (state == VIR_DOMAIN_SHUTOFF) {
        vshError(ctl, "%s", "The domain is not running");
        return false;
    }
    return virshRunConsole(ctl, dom, devname, flags);
}
