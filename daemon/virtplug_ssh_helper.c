/*
 * virtplug_ssh_helper.c: virtplug-ssh-helper, stdio to the daemon socket
 *
 * The remote plugin's +ssh transport runs this on the server (through
 * ssh) and +ext can run it locally: it connects to the daemon's UNIX
 * socket and copies bytes between that socket and its stdin/stdout
 * until either side ends.  It takes virt-ssh-helper's arguments
 * ([-r] URI), so a client built for libvirt can use it too, and -s to
 * name the socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

static void
virtplugSSHHelperUsage(FILE *out, const char *argv0)
{
    fprintf(out,
            "usage: %s [-r] [-s SOCKET] [URI]\n"
            "  -r | --readonly   use the daemon's read-only socket\n"
            "  -s | --socket     connect to SOCKET instead of the default\n",
            argv0);
}


/* The daemon socket a URI reaches, as the remote plugin picks it for a
 * local connection: the system daemon's unless a non-root user asks for
 * a /session URI. */
static char *
virtplugSSHHelperDefaultSocket(const char *uri, bool readonly)
{
    const char *runtime = g_getenv("XDG_RUNTIME_DIR");
    bool session = uri && strstr(uri, ":///session") != NULL;

    if (geteuid() == 0 || !session)
        return g_strdup_printf("%s/libvirt/libvirt-sock%s", RUNSTATEDIR,
                               readonly ? "-ro" : "");
    if (runtime && *runtime)
        return g_build_filename(runtime, "libvirt", "libvirt-sock", NULL);
    return g_build_filename(g_get_home_dir(), ".cache", "libvirt",
                            "libvirt-sock", NULL);
}


static int
virtplugSSHHelperConnect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        fprintf(stderr, "virtplug-ssh-helper: socket path '%s' too long\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        fprintf(stderr, "virtplug-ssh-helper: Failed to connect socket to '%s': %s\n",
                path, g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}


/* Copy what @from has to @to.  Returns 1 after some bytes, 0 at end of
 * file, -1 on an error. */
static int
virtplugSSHHelperCopy(int from, int to)
{
    char buf[65536];
    ssize_t got;
    ssize_t off = 0;

    do {
        got = read(from, buf, sizeof(buf));
    } while (got < 0 && errno == EINTR);
    if (got <= 0)
        return got < 0 ? -1 : 0;
    while (off < got) {
        ssize_t done = write(to, buf + off, got - off);

        if (done < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += done;
    }
    return 1;
}


static int
virtplugSSHHelperProxy(int sock)
{
    struct pollfd fds[2] = {
        { .fd = STDIN_FILENO, .events = POLLIN },
        { .fd = sock, .events = POLLIN },
    };

    for (;;) {
        int rc;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (fds[0].revents) {
            rc = virtplugSSHHelperCopy(STDIN_FILENO, sock);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                /* The client is done sending; let the daemon answer
                 * what is in flight, then end. */
                shutdown(sock, SHUT_WR);
                fds[0].fd = -1;
            }
        }
        if (fds[1].revents) {
            rc = virtplugSSHHelperCopy(sock, STDOUT_FILENO);
            if (rc <= 0)
                return rc;
        }
    }
}


int
main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "readonly", no_argument, NULL, 'r' },
        { "socket", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    g_autofree char *path = NULL;
    bool readonly = false;
    int sock;
    int c;

    while ((c = getopt_long(argc, argv, "rs:h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            readonly = true;
            break;
        case 's':
            g_free(path);
            path = g_strdup(optarg);
            break;
        case 'h':
            virtplugSSHHelperUsage(stdout, argv[0]);
            return EXIT_SUCCESS;
        default:
            virtplugSSHHelperUsage(stderr, argv[0]);
            return EXIT_FAILURE;
        }
    }
    if (argc - optind > 1) {
        virtplugSSHHelperUsage(stderr, argv[0]);
        return EXIT_FAILURE;
    }
    if (!path)
        path = virtplugSSHHelperDefaultSocket(argv[optind], readonly);
    if ((sock = virtplugSSHHelperConnect(path)) < 0)
        return EXIT_FAILURE;
    /* A client that went away must not kill us before the socket closes. */
    signal(SIGPIPE, SIG_IGN);
    c = virtplugSSHHelperProxy(sock);
    close(sock);
    return c < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
