/*
 * rpcservertest.c: the RPC server's threads, limits and ordering
 *
 * A server with a small program of its own (a call that blocks until
 * the test lets it go, and an echo) listens on a UNIX socket; raw
 * sockets talk to it.  The cases check what the daemon's remote tests
 * cannot pin down: pipelined calls are all answered, no more than
 * maxWorkers calls run at once, keepalive PINGs are answered while
 * every worker is blocked, maxClientRequests holds per client, a bad
 * length word drops only that client, and freeing the server with
 * clients connected returns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "internal.h"
#include "virerror.h"
#include "virnetmessage.h"
#include "virnetserver.h"
#include "virnetsocket.h"
#include "virkeepaliveprotocol.h"

#define TEST_PROGRAM 0x7e57c0deU
#define TEST_PROC_BLOCK 1
#define TEST_PROC_ECHO 2

/* Generous: only a broken server gets near it. */
#define TEST_WAIT_US (20 * G_USEC_PER_SEC)

typedef struct _testState testState;
struct _testState {
    GMutex lock;
    GCond cond;
    int running;                        /* BLOCK calls running now */
    int maxRunning;                     /* the most at once */
    bool released;                      /* BLOCK calls may return */
};

static testState state;


static int
testDispatchBlock(virNetServerClient *client G_GNUC_UNUSED,
                  const virNetMessageHeader *hdr G_GNUC_UNUSED,
                  void *args,
                  void *ret)
{
    g_mutex_lock(&state.lock);
    state.running++;
    state.maxRunning = MAX(state.maxRunning, state.running);
    g_cond_broadcast(&state.cond);
    while (!state.released)
        g_cond_wait(&state.cond, &state.lock);
    state.running--;
    g_mutex_unlock(&state.lock);
    *(unsigned int *)ret = *(unsigned int *)args;
    return 0;
}


static int
testDispatchEcho(virNetServerClient *client G_GNUC_UNUSED,
                 const virNetMessageHeader *hdr G_GNUC_UNUSED,
                 void *args,
                 void *ret)
{
    *(unsigned int *)ret = *(unsigned int *)args + 1;
    return 0;
}


static const virNetServerProcedure testProcedures[] = {
    [TEST_PROC_BLOCK] = {
        .func = testDispatchBlock,
        .argsFilter = VIR_XDRPROC(xdr_u_int),
        .argsSize = sizeof(unsigned int),
        .retFilter = VIR_XDRPROC(xdr_u_int),
        .retSize = sizeof(unsigned int),
    },
    [TEST_PROC_ECHO] = {
        .func = testDispatchEcho,
        .argsFilter = VIR_XDRPROC(xdr_u_int),
        .argsSize = sizeof(unsigned int),
        .retFilter = VIR_XDRPROC(xdr_u_int),
        .retSize = sizeof(unsigned int),
    },
};

static const virNetServerProgram testProgram = {
    .prog = TEST_PROGRAM,
    .vers = 1,
    .procs = testProcedures,
    .nprocs = G_N_ELEMENTS(testProcedures),
};


typedef struct _testServer testServer;
struct _testServer {
    char *dir;
    char *path;
    virNetServer *srv;
    GMainLoop *loop;
    GThread *loopThread;
};


static gpointer
testMainLoop(gpointer opaque)
{
    g_main_loop_run(opaque);
    return NULL;
}


static void
testServerStart(testServer *ts, size_t maxWorkers, size_t maxClientRequests)
{
    virNetServerConfig cfg = {
        .maxWorkers = maxWorkers,
        .maxClients = 20,
        .maxClientRequests = maxClientRequests,
        .keepaliveInterval = -1,
    };
    virNetSocket *sock;

    g_mutex_lock(&state.lock);
    state.running = 0;
    state.maxRunning = 0;
    state.released = false;
    g_mutex_unlock(&state.lock);

    ts->dir = g_dir_make_tmp("rpcservertest-XXXXXX", NULL);
    g_assert_nonnull(ts->dir);
    ts->path = g_build_filename(ts->dir, "sock", NULL);
    ts->srv = virNetServerNew(&cfg, NULL, NULL, NULL);
    g_assert_nonnull(ts->srv);
    virNetServerAddProgram(ts->srv, &testProgram);
    sock = virNetSocketNewListenUNIX(ts->path, 0700, (uid_t)-1, (gid_t)-1);
    g_assert_nonnull(sock);
    virNetServerAddService(ts->srv, sock, false);
    ts->loop = g_main_loop_new(NULL, FALSE);
    ts->loopThread = g_thread_new("test-main-loop", testMainLoop, ts->loop);
}


static void
testRelease(void)
{
    g_mutex_lock(&state.lock);
    state.released = true;
    g_cond_broadcast(&state.cond);
    g_mutex_unlock(&state.lock);
}


/* Frees the server with whatever clients are still connected. */
static void
testServerStop(testServer *ts)
{
    testRelease();
    g_main_loop_quit(ts->loop);
    g_thread_join(ts->loopThread);
    virNetServerFree(ts->srv);
    /* Closes that a dropped client queued run now, on closed clients. */
    while (g_main_context_iteration(NULL, FALSE))
        ;
    g_main_loop_unref(ts->loop);
    rmdir(ts->dir);
    g_free(ts->path);
    g_free(ts->dir);
}


static int
testConnect(testServer *ts)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    /* A broken server fails the test instead of hanging it. */
    struct timeval limit = { .tv_sec = TEST_WAIT_US / G_USEC_PER_SEC };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit,
                               sizeof(limit)), ==, 0);
    g_strlcpy(addr.sun_path, ts->path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    return fd;
}


/* Appends one encoded packet to @out. */
static void
testAppendPacket(GByteArray *out, unsigned int prog, int proc, int type,
                 unsigned int serial, unsigned int *arg)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header.prog = prog;
    msg->header.vers = 1;
    msg->header.proc = proc;
    msg->header.type = type;
    msg->header.serial = serial;
    msg->header.status = VIR_NET_OK;
    g_assert_cmpint(virNetMessageEncode(msg, arg ? VIR_XDRPROC(xdr_u_int) : NULL,
                                        arg), ==, 0);
    g_byte_array_append(out, (guint8 *)msg->buffer, msg->bufferLength);
}


static void
testAppendCall(GByteArray *out, int proc, unsigned int serial,
               unsigned int arg)
{
    testAppendPacket(out, TEST_PROGRAM, proc, VIR_NET_CALL, serial, &arg);
}


static void
testWriteAll(int fd, GByteArray *bytes)
{
    g_assert_cmpint(write(fd, bytes->data, bytes->len), ==, bytes->len);
}


static bool
testReadFull(int fd, char *buf, size_t len)
{
    while (len > 0) {
        ssize_t got = read(fd, buf, len);

        if (got <= 0)
            return false;
        buf += got;
        len -= got;
    }
    return true;
}


/* Reads one packet; returns it with its header decoded, or NULL at end
 * of file. */
static virNetMessage *
testReadPacket(int fd)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    if (!testReadFull(fd, msg->buffer, VIR_NET_MESSAGE_LEN_MAX))
        return NULL;
    msg->bufferOffset = VIR_NET_MESSAGE_LEN_MAX;
    g_assert_cmpint(virNetMessageDecodeLength(msg), ==, 0);
    g_assert_true(testReadFull(fd, msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                               msg->bufferLength - VIR_NET_MESSAGE_LEN_MAX));
    msg->bufferOffset = msg->bufferLength;
    g_assert_cmpint(virNetMessageDecodeHeader(msg), ==, 0);
    return g_steal_pointer(&msg);
}


/* Reads one successful reply of the test program; returns its value
 * and sets *@serial. */
static unsigned int
testReadReply(int fd, unsigned int *serial)
{
    g_autoptr(virNetMessage) msg = testReadPacket(fd);
    unsigned int value = 0;

    g_assert_nonnull(msg);
    g_assert_cmpuint(msg->header.prog, ==, TEST_PROGRAM);
    g_assert_cmpint(msg->header.type, ==, VIR_NET_REPLY);
    g_assert_cmpint(msg->header.status, ==, VIR_NET_OK);
    g_assert_cmpint(virNetMessageDecodePayload(msg, VIR_XDRPROC(xdr_u_int),
                                               &value), ==, 0);
    *serial = msg->header.serial;
    return value;
}


static void
testWaitRunning(int n)
{
    gint64 deadline = g_get_monotonic_time() + TEST_WAIT_US;

    g_mutex_lock(&state.lock);
    while (state.running < n) {
        if (!g_cond_wait_until(&state.cond, &state.lock, deadline))
            break;
    }
    g_assert_cmpint(state.running, ==, n);
    g_mutex_unlock(&state.lock);
}


static void
testPipelined(void)
{
    testServer ts = { 0 };
    g_autoptr(GByteArray) out = g_byte_array_new();
    bool seen[8] = { false };
    unsigned int i;
    int fd;

    testServerStart(&ts, 4, 5);
    fd = testConnect(&ts);
    /* One write: the server reads them all at once and must still
     * answer each. */
    for (i = 0; i < G_N_ELEMENTS(seen); i++)
        testAppendCall(out, TEST_PROC_ECHO, i, 100 + i);
    testWriteAll(fd, out);
    for (i = 0; i < G_N_ELEMENTS(seen); i++) {
        unsigned int serial;
        unsigned int value = testReadReply(fd, &serial);

        g_assert_cmpuint(serial, <, G_N_ELEMENTS(seen));
        g_assert_false(seen[serial]);
        seen[serial] = true;
        g_assert_cmpuint(value, ==, 101 + serial);
    }
    close(fd);
    testServerStop(&ts);
}


static void
testWorkerLimitAndKeepAlive(void)
{
    testServer ts = { 0 };
    g_autoptr(GByteArray) out = g_byte_array_new();
    g_autoptr(virNetMessage) pong = NULL;
    unsigned int seen = 0;
    unsigned int serial;
    unsigned int i;
    int busy;
    int other;

    testServerStart(&ts, 2, 5);
    busy = testConnect(&ts);
    other = testConnect(&ts);
    for (i = 0; i < 3; i++)
        testAppendCall(out, TEST_PROC_BLOCK, i, i);
    testWriteAll(busy, out);
    testWaitRunning(2);

    /* Both workers are blocked: a PING is still answered. */
    g_byte_array_set_size(out, 0);
    testAppendPacket(out, KEEPALIVE_PROGRAM, KEEPALIVE_PROC_PING,
                     VIR_NET_MESSAGE, 0, NULL);
    testWriteAll(other, out);
    pong = testReadPacket(other);
    g_assert_nonnull(pong);
    g_assert_cmpuint(pong->header.prog, ==, KEEPALIVE_PROGRAM);
    g_assert_cmpint(pong->header.proc, ==, KEEPALIVE_PROC_PONG);

    /* A call from another client waits for a worker, then runs. */
    g_byte_array_set_size(out, 0);
    testAppendCall(out, TEST_PROC_ECHO, 7, 41);
    testWriteAll(other, out);
    testRelease();
    g_assert_cmpuint(testReadReply(other, &serial), ==, 42);
    g_assert_cmpuint(serial, ==, 7);
    for (i = 0; i < 3; i++) {
        g_assert_cmpuint(testReadReply(busy, &serial), ==, serial);
        seen |= 1U << serial;
    }
    g_assert_cmpuint(seen, ==, 7);
    g_assert_cmpint(state.maxRunning, ==, 2);
    close(busy);
    close(other);
    testServerStop(&ts);
}


static void
testClientRequestLimit(void)
{
    testServer ts = { 0 };
    g_autoptr(GByteArray) out = g_byte_array_new();
    unsigned int serial;
    int fd;
    int other;

    testServerStart(&ts, 4, 1);
    fd = testConnect(&ts);
    other = testConnect(&ts);
    testAppendCall(out, TEST_PROC_BLOCK, 0, 0);
    testAppendCall(out, TEST_PROC_BLOCK, 1, 1);
    testWriteAll(fd, out);
    testWaitRunning(1);
    /* Other clients are served meanwhile; a round trip also gives the
     * server time to (wrongly) start the second call. */
    g_byte_array_set_size(out, 0);
    testAppendCall(out, TEST_PROC_ECHO, 3, 1);
    testWriteAll(other, out);
    g_assert_cmpuint(testReadReply(other, &serial), ==, 2);
    g_mutex_lock(&state.lock);
    g_assert_cmpint(state.running, ==, 1);
    g_mutex_unlock(&state.lock);

    testRelease();
    g_assert_cmpuint(testReadReply(fd, &serial), ==, 0);
    g_assert_cmpuint(serial, ==, 0);
    g_assert_cmpuint(testReadReply(fd, &serial), ==, 1);
    g_assert_cmpuint(serial, ==, 1);
    g_assert_cmpint(state.maxRunning, ==, 1);
    close(fd);
    close(other);
    testServerStop(&ts);
}


static void
testBadLengthDropsOnlyThatClient(void)
{
    testServer ts = { 0 };
    g_autoptr(GByteArray) out = g_byte_array_new();
    static const guint8 huge[] = { 0xff, 0xff, 0xff, 0xff };
    unsigned int serial;
    int bad;
    int good;

    testServerStart(&ts, 2, 5);
    bad = testConnect(&ts);
    good = testConnect(&ts);
    g_byte_array_append(out, huge, sizeof(huge));
    testWriteAll(bad, out);
    g_assert_null(testReadPacket(bad));

    g_byte_array_set_size(out, 0);
    testAppendCall(out, TEST_PROC_ECHO, 9, 9);
    testWriteAll(good, out);
    g_assert_cmpuint(testReadReply(good, &serial), ==, 10);
    close(bad);
    close(good);
    testServerStop(&ts);
}


static void
testFreeWithClientsConnected(void)
{
    testServer ts = { 0 };
    g_autoptr(GByteArray) out = g_byte_array_new();
    unsigned int serial;
    int idle;
    int busy;

    testServerStart(&ts, 2, 5);
    idle = testConnect(&ts);
    busy = testConnect(&ts);
    testAppendCall(out, TEST_PROC_ECHO, 1, 1);
    testWriteAll(idle, out);
    g_assert_cmpuint(testReadReply(idle, &serial), ==, 2);
    g_byte_array_set_size(out, 0);
    testAppendCall(out, TEST_PROC_BLOCK, 1, 1);
    testWriteAll(busy, out);
    testWaitRunning(1);
    /* Stops with one client idle and one call running: returns once the
     * call is done, and both clients see the connection end. */
    testServerStop(&ts);
    while (testReadPacket(busy)) {
    }
    g_assert_null(testReadPacket(idle));
    close(idle);
    close(busy);
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_mutex_init(&state.lock);
    g_cond_init(&state.cond);
    g_test_add_func("/rpc/server/pipelined", testPipelined);
    g_test_add_func("/rpc/server/worker-limit-keepalive",
                    testWorkerLimitAndKeepAlive);
    g_test_add_func("/rpc/server/client-request-limit",
                    testClientRequestLimit);
    g_test_add_func("/rpc/server/bad-length", testBadLengthDropsOnlyThatClient);
    g_test_add_func("/rpc/server/free-with-clients",
                    testFreeWithClientsConnected);
    return g_test_run();
}
