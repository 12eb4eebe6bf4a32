/*
 * virtplugd_activation.c: listening sockets handed over by systemd
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "internal.h"
#include "virtplugd_activation.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* The first passed descriptor (SD_LISTEN_FDS_START). */
#define VIRTPLUGD_LISTEN_FDS_START 3

typedef struct _virtplugdActivationFD virtplugdActivationFD;
struct _virtplugdActivationFD {
    int fd;                             /* -1 once taken */
    char *name;                         /* "unknown" when not named */
};

struct _virtplugdActivation {
    virtplugdActivationFD *fds;
    size_t nfds;
};


/**
 * virtplugdActivationNew:
 *
 * Reads the environment systemd sets for an activated service, and
 * unsets it so that no child process takes the descriptors for its own.
 * Descriptors meant for another process (LISTEN_PID) are ignored.
 *
 * Returns the passed sockets (none when not activated), or NULL with an
 * error set when the variables are malformed.
 */
virtplugdActivation *
virtplugdActivationNew(void)
{
    g_autoptr(virtplugdActivation) act = g_new0(virtplugdActivation, 1);
    const char *pidStr = g_getenv("LISTEN_PID");
    const char *fdsStr = g_getenv("LISTEN_FDS");
    const char *namesStr = g_getenv("LISTEN_FDNAMES");
    g_auto(GStrv) names = NULL;
    char *end;
    long long pid;
    long nfds;
    size_t i;

    if (!pidStr || !fdsStr)
        return g_steal_pointer(&act);
    errno = 0;
    pid = strtoll(pidStr, &end, 10);
    if (errno || *end || end == pidStr || pid != (long long)getpid()) {
        VIR_DEBUG("LISTEN_PID=%s is not us, ignoring LISTEN_FDS", pidStr);
        return g_steal_pointer(&act);
    }
    errno = 0;
    nfds = strtol(fdsStr, &end, 10);
    if (errno || *end || end == fdsStr || nfds < 0 || nfds > 64) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid LISTEN_FDS '%1$s': expected a count of 0 to 64"),
                       fdsStr);
        return NULL;
    }
    if (namesStr)
        names = g_strsplit(namesStr, ":", -1);

    act->fds = g_new0(virtplugdActivationFD, MAX(nfds, 1));
    act->nfds = nfds;
    for (i = 0; i < act->nfds; i++) {
        int fd = VIRTPLUGD_LISTEN_FDS_START + i;

        if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
            virReportSystemError(errno,
                                 _("passed descriptor %1$d is not open"), fd);
            for (; i < act->nfds; i++)
                act->fds[i].fd = -1;
            return NULL;
        }
        act->fds[i].fd = fd;
        act->fds[i].name = g_strdup(names && i < g_strv_length(names) &&
                                    *names[i] ? names[i] : "unknown");
    }
    g_unsetenv("LISTEN_PID");
    g_unsetenv("LISTEN_FDS");
    g_unsetenv("LISTEN_FDNAMES");
    return g_steal_pointer(&act);
}


/**
 * virtplugdActivationFree:
 * @act: passed sockets, or NULL
 *
 * Closes the descriptors nobody took.
 */
void
virtplugdActivationFree(virtplugdActivation *act)
{
    size_t i;

    if (!act)
        return;
    for (i = 0; i < act->nfds; i++) {
        if (act->fds[i].fd >= 0)
            close(act->fds[i].fd);
        g_free(act->fds[i].name);
    }
    g_free(act->fds);
    g_free(act);
}


static bool
virtplugdActivationIsUNIXAt(int fd, const char *path)
{
    struct sockaddr_un sun;
    socklen_t len = sizeof(sun);

    memset(&sun, 0, sizeof(sun));
    if (getsockname(fd, (struct sockaddr *)&sun, &len) < 0 ||
        sun.sun_family != AF_UNIX)
        return false;
    return STREQ(sun.sun_path, path);
}


/**
 * virtplugdActivationTake:
 * @act: passed sockets
 * @name: the descriptor's name as the socket unit gives it
 *        ("virtplugd-admin.socket")
 * @unixPath: the UNIX socket path the daemon would create itself, or
 *            NULL; an unnamed descriptor bound there is taken too
 *
 * Returns the descriptor, now owned by the caller, or -1 when none was
 * passed for it (the daemon then creates the socket itself).
 */
int
virtplugdActivationTake(virtplugdActivation *act,
                        const char *name,
                        const char *unixPath)
{
    size_t i;

    for (i = 0; i < act->nfds; i++) {
        virtplugdActivationFD *afd = &act->fds[i];
        bool match;

        if (afd->fd < 0)
            continue;
        if (STRNEQ(afd->name, "unknown"))
            match = STREQ(afd->name, name);
        else
            match = unixPath && virtplugdActivationIsUNIXAt(afd->fd, unixPath);
        if (match) {
            int fd = afd->fd;

            afd->fd = -1;
            return fd;
        }
    }
    return -1;
}


/**
 * virtplugdActivationRemaining:
 * @act: passed sockets
 *
 * Returns how many descriptors were passed and not taken (units the
 * daemon does not know, or TCP sockets without --listen).
 */
size_t
virtplugdActivationRemaining(virtplugdActivation *act)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < act->nfds; i++) {
        if (act->fds[i].fd >= 0)
            n++;
    }
    return n;
}
