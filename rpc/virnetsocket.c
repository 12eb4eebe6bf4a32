/*
 * virnetsocket.c: the byte transports under the RPC layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/* accept4() and struct ucred are GNU extensions. */
#define _GNU_SOURCE
#include <config.h>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include "internal.h"
#include "virnetframe.h"
#include "virnetsocket.h"
#include "virnettlscontext.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC

struct _virNetSocket {
    int fd;
    bool isUNIX;
    char *unlinkPath;                   /* a listening UNIX socket we made */
    virNetTLSSession *tls;              /* NULL: plain bytes */
    pid_t child;                        /* the ssh or ext command, or 0 */
    GMutex fdLock;
    GQueue fds;                         /* received with SCM_RIGHTS, not
                                         * yet taken (GINT_TO_POINTER) */
};


/**
 * virNetSocketNewFromFD:
 * @fd: a connected or listening stream socket; ownership passes to the
 *      new object, which closes it
 * @isUNIX: whether @fd is an AF_UNIX socket
 *
 * Returns the new socket object; never NULL.
 */
virNetSocket *
virNetSocketNewFromFD(int fd, bool isUNIX)
{
    virNetSocket *sock = g_new0(virNetSocket, 1);

    g_mutex_init(&sock->fdLock);
    g_queue_init(&sock->fds);

    sock->fd = fd;
    sock->isUNIX = isUNIX;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return sock;
}


static int
virNetSocketUNIXAddr(const char *path, struct sockaddr_un *addr)
{
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr->sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("UNIX socket path '%1$s' too long"), path);
        return -1;
    }
    strcpy(addr->sun_path, path);
    return 0;
}


/**
 * virNetSocketNewListenUNIX:
 * @path: where to create the socket; a stale socket file there is
 *        replaced
 * @perms: the file mode of the socket, e.g. 0777 or 0700
 * @owner: the owner to give the socket, or (uid_t)-1 to keep ours
 * @group: the group to give it, or (gid_t)-1
 *
 * Returns a listening socket, removed from the file system when freed,
 * or NULL with an error set.
 */
virNetSocket *
virNetSocketNewListenUNIX(const char *path,
                          mode_t perms,
                          uid_t owner,
                          gid_t group)
{
    struct sockaddr_un addr;
    virNetSocket *sock;
    mode_t oldmask;
    int fd;

    if (virNetSocketUNIXAddr(path, &addr) < 0)
        return NULL;
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("Failed to create socket"));
        return NULL;
    }
    unlink(path);
    /* The mode is set at bind time so no client can connect through a
     * wider mode in between. */
    oldmask = umask(~perms & 0777);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        umask(oldmask);
        virReportSystemError(errno, _("Failed to bind socket to '%1$s'"),
                             path);
        close(fd);
        return NULL;
    }
    umask(oldmask);
    if ((owner != (uid_t)-1 || group != (gid_t)-1) &&
        chown(path, owner, group) < 0) {
        virReportSystemError(errno, _("Failed to change ownership of '%1$s'"),
                             path);
        unlink(path);
        close(fd);
        return NULL;
    }
    if (listen(fd, 30) < 0) {
        virReportSystemError(errno, "%s", _("Failed to listen for connections"));
        unlink(path);
        close(fd);
        return NULL;
    }
    sock = virNetSocketNewFromFD(fd, true);
    sock->unlinkPath = g_strdup(path);
    return sock;
}


/**
 * virNetSocketNewListenTCP:
 * @node: the address to listen on, or NULL for every address
 * @service: the port, as a string
 * @socks: set to an array of listening sockets, one per address family
 * @nsocks: set to the array's length
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketNewListenTCP(const char *node,
                         const char *service,
                         virNetSocket ***socks,
                         size_t *nsocks)
{
    struct addrinfo hints = { 0 };
    struct addrinfo *ai = NULL;
    struct addrinfo *cur;
    GPtrArray *list = g_ptr_array_new();
    int err;

    hints.ai_flags = AI_PASSIVE | AI_ADDRCONFIG;
    hints.ai_socktype = SOCK_STREAM;
    if ((err = getaddrinfo(node, service, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to resolve address '%1$s' service '%2$s': %3$s"),
                       NULLSTR(node), service, gai_strerror(err));
        g_ptr_array_free(list, TRUE);
        return -1;
    }
    for (cur = ai; cur; cur = cur->ai_next) {
        int one = 1;
        int fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                        cur->ai_protocol);

        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (cur->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, cur->ai_addr, cur->ai_addrlen) < 0 ||
            listen(fd, 30) < 0) {
            if (errno == EADDRINUSE) {
                virReportSystemError(errno,
                                     _("Unable to bind to port '%1$s'"),
                                     service);
                close(fd);
                goto error;
            }
            close(fd);
            continue;
        }
        g_ptr_array_add(list, virNetSocketNewFromFD(fd, false));
    }
    freeaddrinfo(ai);
    ai = NULL;
    if (list->len == 0) {
        virReportSystemError(errno, _("Unable to listen on port '%1$s'"),
                             service);
        goto error;
    }
    *nsocks = list->len;
    *socks = (virNetSocket **)g_ptr_array_free(list, FALSE);
    return 0;

 error:
    if (ai)
        freeaddrinfo(ai);
    g_ptr_array_set_free_func(list, (GDestroyNotify)virNetSocketFree);
    g_ptr_array_free(list, TRUE);
    return -1;
}


/**
 * virNetSocketNewConnectUNIX:
 * @path: the socket to connect to
 *
 * Returns a connected blocking socket, or NULL with libvirt's error
 * ("Failed to connect socket to '...'") set.
 */
virNetSocket *
virNetSocketNewConnectUNIX(const char *path)
{
    struct sockaddr_un addr;
    int fd;

    if (virNetSocketUNIXAddr(path, &addr) < 0)
        return NULL;
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("Failed to create socket"));
        return NULL;
    }
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        virReportSystemError(errno, _("Failed to connect socket to '%1$s'"),
                             path);
        close(fd);
        return NULL;
    }
    return virNetSocketNewFromFD(fd, true);
}


/**
 * virNetSocketNewConnectTCP:
 * @node: host name or address
 * @service: port, as a string
 *
 * Returns a connected blocking socket to the first address that answers,
 * or NULL with an error set.
 */
virNetSocket *
virNetSocketNewConnectTCP(const char *node,
                          const char *service)
{
    struct addrinfo hints = { 0 };
    struct addrinfo *ai = NULL;
    struct addrinfo *cur;
    int saved = ECONNREFUSED;
    int err;

    hints.ai_flags = AI_ADDRCONFIG;
    hints.ai_socktype = SOCK_STREAM;
    if ((err = getaddrinfo(node, service, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("unable to resolve '%1$s:%2$s': %3$s"),
                       node, service, gai_strerror(err));
        return NULL;
    }
    for (cur = ai; cur; cur = cur->ai_next) {
        int fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                        cur->ai_protocol);
        int one = 1;

        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (connect(fd, cur->ai_addr, cur->ai_addrlen) == 0) {
            freeaddrinfo(ai);
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            return virNetSocketNewFromFD(fd, false);
        }
        saved = errno;
        close(fd);
    }
    freeaddrinfo(ai);
    virReportSystemError(saved, _("unable to connect to server at '%1$s:%2$s'"),
                         node, service);
    return NULL;
}


/**
 * virNetSocketAccept:
 * @sock: a listening socket
 * @client: set to the accepted connection, or NULL when none was waiting
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketAccept(virNetSocket *sock, virNetSocket **client)
{
    int fd;

    *client = NULL;
    if ((fd = accept4(sock->fd, NULL, NULL, SOCK_CLOEXEC)) < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED ||
            errno == EINTR)
            return 0;
        virReportSystemError(errno, "%s", _("Unable to accept client"));
        return -1;
    }
    if (!sock->isUNIX) {
        int one = 1;

        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    *client = virNetSocketNewFromFD(fd, sock->isUNIX);
    return 0;
}


/**
 * virNetSocketGetFD:
 * @sock: a socket
 *
 * Returns the descriptor, still owned by @sock.
 */
int
virNetSocketGetFD(virNetSocket *sock)
{
    return sock->fd;
}


/**
 * virNetSocketIsLocal:
 * @sock: a socket
 *
 * Returns true for a UNIX socket.
 */
bool
virNetSocketIsLocal(virNetSocket *sock)
{
    return sock->isUNIX;
}


/**
 * virNetSocketGetUNIXIdentity:
 * @sock: a connected UNIX socket
 * @uid: set to the peer's user
 * @gid: set to the peer's group
 * @pid: set to the peer's process
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketGetUNIXIdentity(virNetSocket *sock,
                            uid_t *uid,
                            gid_t *gid,
                            pid_t *pid)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(sock->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
        virReportSystemError(errno, "%s", _("Failed to get client socket identity"));
        return -1;
    }
    *uid = cred.uid;
    *gid = cred.gid;
    *pid = cred.pid;
    return 0;
}


/**
 * virNetSocketSetBlocking:
 * @sock: a socket
 * @blocking: the mode wanted
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketSetBlocking(virNetSocket *sock, bool blocking)
{
    int flags = fcntl(sock->fd, F_GETFL);

    if (flags < 0 ||
        fcntl(sock->fd, F_SETFL,
              blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK) < 0) {
        virReportSystemError(errno, "%s", _("Unable to set socket mode"));
        return -1;
    }
    return 0;
}


static ssize_t virNetSocketRecvUNIX(virNetSocket *sock, char *buf, size_t len);
static int virNetSocketWaitFD(int fd, short events);


/**
 * virNetSocketRead:
 * @sock: a connected socket
 * @buf: where to store the bytes
 * @len: at most this many
 *
 * Returns the number of bytes read (0 meaning that nothing is available
 * on a non-blocking socket), or -1 with an error set; end of file is an
 * error ("End of file while reading data").
 */
ssize_t
virNetSocketRead(virNetSocket *sock, char *buf, size_t len)
{
    ssize_t got;

    if (sock->tls)
        return virNetTLSSessionRead(sock->tls, buf, len);
    do {
        got = sock->isUNIX ? virNetSocketRecvUNIX(sock, buf, len)
                           : read(sock->fd, buf, len);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        virReportSystemError(errno, "%s", _("Cannot recv data"));
        return -1;
    }
    if (got == 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                       _("End of file while reading data: Input/output error"));
        return -1;
    }
    return got;
}


/* read() for a UNIX socket that keeps the descriptors a peer passes
 * (REPLY_WITH_FDS): the kernel stops a read after the byte that carries
 * them, and they wait in @sock->fds for virNetSocketTakeFD(). */
static ssize_t
virNetSocketRecvUNIX(virNetSocket *sock, char *buf, size_t len)
{
    union {
        struct cmsghdr hdr;
        char space[CMSG_SPACE(sizeof(int) * VIR_NET_MESSAGE_NUM_FDS_MAX)];
    } control;
    struct iovec iov = { .iov_base = buf, .iov_len = len };
    struct msghdr msg = {
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = control.space,
        .msg_controllen = sizeof(control.space),
    };
    struct cmsghdr *cmsg;
    ssize_t got;

    if ((got = recvmsg(sock->fd, &msg, MSG_CMSG_CLOEXEC)) <= 0)
        return got;
    for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        size_t nfds;
        size_t i;

        if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS)
            continue;
        nfds = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        g_mutex_lock(&sock->fdLock);
        for (i = 0; i < nfds; i++) {
            int fd;

            memcpy(&fd, CMSG_DATA(cmsg) + i * sizeof(int), sizeof(int));
            g_queue_push_tail(&sock->fds, GINT_TO_POINTER(fd));
        }
        g_mutex_unlock(&sock->fdLock);
    }
    return got;
}


/**
 * virNetSocketTakeFD:
 * @sock: a UNIX socket
 *
 * Returns the oldest descriptor the peer passed and nobody took yet (the
 * caller owns it), or -1 if there is none.
 */
int
virNetSocketTakeFD(virNetSocket *sock)
{
    int fd = -1;

    g_mutex_lock(&sock->fdLock);
    if (!g_queue_is_empty(&sock->fds))
        fd = GPOINTER_TO_INT(g_queue_pop_head(&sock->fds));
    g_mutex_unlock(&sock->fdLock);
    return fd;
}


/**
 * virNetSocketSendFD:
 * @sock: a connected UNIX socket
 * @fd: a descriptor to pass; the caller keeps it
 *
 * Passes @fd as libvirt's peers expect it after a *_WITH_FDS packet: one
 * zero byte carrying one SCM_RIGHTS descriptor.
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketSendFD(virNetSocket *sock, int fd)
{
    union {
        struct cmsghdr hdr;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    char byte = 0;
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    struct msghdr msg = {
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = control.space,
        .msg_controllen = sizeof(control.space),
    };
    struct cmsghdr *cmsg;

    if (!sock->isUNIX || sock->tls) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("file descriptors can only be passed over a UNIX socket"));
        return -1;
    }
    memset(&control, 0, sizeof(control));
    cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    for (;;) {
        ssize_t sent = sendmsg(sock->fd, &msg, MSG_NOSIGNAL);

        if (sent == 1)
            return 0;
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (virNetSocketWaitFD(sock->fd, POLLOUT) < 0)
                return -1;
            continue;
        }
        virReportSystemError(errno, "%s", _("Unable to send file descriptor"));
        return -1;
    }
}


static int
virNetSocketWaitFD(int fd, short events)
{
    struct pollfd pfd = { .fd = fd, .events = events };

    if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
        virReportSystemError(errno, "%s", _("Cannot wait for the socket"));
        return -1;
    }
    return 0;
}


static int
virNetSocketWriteAllTLS(virNetSocket *sock, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t done = virNetTLSSessionWrite(sock->tls, buf, len);

        if (done < 0)
            return -1;
        /* GnuTLS wants the same bytes again once the socket has room. */
        if (done == 0) {
            if (virNetSocketWaitFD(sock->fd, POLLOUT) < 0)
                return -1;
            continue;
        }
        buf += done;
        len -= done;
    }
    return 0;
}


/**
 * virNetSocketWriteAll:
 * @sock: a connected socket, blocking or not
 * @buf: the bytes
 * @len: how many
 *
 * Writes all of @buf, waiting for room when the socket is non-blocking.
 * The caller serialises writers on one socket.
 *
 * Returns 0, or -1 with an error set.
 */
int
virNetSocketWriteAll(virNetSocket *sock, const char *buf, size_t len)
{
    if (sock->tls)
        return virNetSocketWriteAllTLS(sock, buf, len);
    while (len > 0) {
        ssize_t done = sock->child ? write(sock->fd, buf, len) :
                                     send(sock->fd, buf, len, MSG_NOSIGNAL);

        if (done < 0) {
            struct pollfd pfd = { .fd = sock->fd, .events = POLLOUT };

            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
                    virReportSystemError(errno, "%s", _("Cannot write data"));
                    return -1;
                }
                continue;
            }
            virReportSystemError(errno, "%s", _("Cannot write data"));
            return -1;
        }
        buf += done;
        len -= done;
    }
    return 0;
}


/**
 * virNetSocketShutdown:
 * @sock: a connected socket
 *
 * Stops both directions, waking any thread blocked reading @sock; the
 * descriptor stays open until virNetSocketFree().
 */
void
virNetSocketShutdown(virNetSocket *sock)
{
    shutdown(sock->fd, SHUT_RDWR);
}


/**
 * virNetSocketFree:
 * @sock: a socket, or NULL
 *
 * Closes @sock and, for a listening UNIX socket we created, removes its
 * file.
 */
void
virNetSocketFree(virNetSocket *sock)
{
    if (!sock)
        return;
    if (sock->unlinkPath)
        unlink(sock->unlinkPath);
    virNetTLSSessionFree(sock->tls);
    if (sock->fd >= 0)
        close(sock->fd);
    while (!g_queue_is_empty(&sock->fds))
        close(GPOINTER_TO_INT(g_queue_pop_head(&sock->fds)));
    g_mutex_clear(&sock->fdLock);
    if (sock->child > 0) {
        /* The command sees end of file on its stdin; ssh may linger. */
        kill(sock->child, SIGTERM);
        while (waitpid(sock->child, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    g_free(sock->unlinkPath);
    g_free(sock);
}


/**
 * virNetSocketSetTLS:
 * @sock: a connected socket
 * @sess: a TLS session over @sock's descriptor, taken over by @sock
 *
 * From now on reads and writes go through @sess.
 */
void
virNetSocketSetTLS(virNetSocket *sock, virNetTLSSession *sess)
{
    virNetTLSSessionFree(sock->tls);
    sock->tls = sess;
}


/**
 * virNetSocketGetTLS:
 * @sock: a socket
 *
 * Returns its TLS session, still owned by @sock, or NULL.
 */
virNetTLSSession *
virNetSocketGetTLS(virNetSocket *sock)
{
    return sock->tls;
}


/**
 * virNetSocketHasPendingData:
 * @sock: a socket
 *
 * Returns true when bytes already received wait in the TLS layer, where
 * poll() on the descriptor cannot see them.
 */
bool
virNetSocketHasPendingData(virNetSocket *sock)
{
    return sock->tls && virNetTLSSessionPending(sock->tls) > 0;
}


/**
 * virNetSocketStartTLSClient:
 * @sock: a connected blocking TCP socket
 * @ctx: client credentials
 * @hostname: the host dialled, checked against the server's certificate
 *
 * Runs libvirt's client side of TLS: the handshake, the check of the
 * server's certificate, then the server's one-byte verdict on ours.
 *
 * Returns 0, or -1 with an error saying which step failed.
 */
int
virNetSocketStartTLSClient(virNetSocket *sock, virNetTLSContext *ctx,
                           const char *hostname)
{
    virNetTLSSession *sess;
    char verdict = 0;
    int rc;

    if (!(sess = virNetTLSSessionNew(ctx, sock->fd, hostname)))
        return -1;
    virNetSocketSetTLS(sock, sess);
    while ((rc = virNetTLSSessionHandshake(sess)) == 1) {
        if (virNetSocketWaitFD(sock->fd, virNetTLSSessionWantsWrite(sess) ?
                                         POLLOUT : POLLIN) < 0)
            return -1;
    }
    if (rc < 0 || virNetTLSSessionVerify(sess) < 0)
        return -1;

    /* libvirt's server sends 1 once it accepted our certificate, or
     * closes the connection. */
    for (;;) {
        ssize_t got = virNetTLSSessionRead(sess, &verdict, 1);

        if (got > 0)
            break;
        if (got < 0 || virNetSocketWaitFD(sock->fd, POLLIN) < 0) {
            virResetLastError();
            verdict = 0;
            break;
        }
    }
    if (verdict != 1) {
        virReportError(VIR_ERR_RPC, "%s",
                       _("server verification (of our certificate or IP address) failed"));
        return -1;
    }
    return 0;
}


/**
 * virNetSocketNewConnectCommand:
 * @argv: the command and its arguments (ssh ..., or an ext command)
 *
 * Runs @argv with its stdin and stdout on one end of a socket pair, as
 * libvirt's ssh and ext transports do; the RPC bytes flow over it.
 * stderr stays the caller's, so ssh can print its own errors.
 *
 * Returns the other end, which reaps the command when freed, or NULL
 * with an error set.
 */
virNetSocket *
virNetSocketNewConnectCommand(const char *const *argv)
{
    virNetSocket *sock;
    int sv[2];
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        virReportSystemError(errno, "%s", _("unable to create socket pair"));
        return NULL;
    }
    if ((pid = fork()) < 0) {
        virReportSystemError(errno, "%s", _("cannot fork child process"));
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    if (pid == 0) {
        /* Only async-signal-safe calls until exec. */
        if (dup2(sv[1], STDIN_FILENO) < 0 || dup2(sv[1], STDOUT_FILENO) < 0)
            _exit(127);
        setsid();
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(sv[1]);
    sock = virNetSocketNewFromFD(sv[0], false);
    sock->child = pid;
    return sock;
}
