/*
 * rpcbench.c: round trips per second through virtplug's client library
 * and, for comparison, over a raw UNIX socket pair
 *
 * rpcbench URI SECONDS: virDomainGetInfo on domain "test" in a loop,
 * then a 28-byte call / 60-byte reply ping-pong (the sizes of a
 * GetInfo call and reply) between two threads, and the same between two
 * processes, which is what a round trip to the daemon really crosses
 * (on some virtual machines a switch between processes costs twice a
 * switch between threads).  Prints each rate and median round trip.
 * Not part of the test suite: tests/bench/rpcbench.sh builds and runs it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>

static double
rpcbenchNow(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}


/* Round-trip times of one measurement, for the median: the rate alone
 * swings with whatever else the machine runs. */
#define RPCBENCH_SAMPLES 200000

typedef struct _rpcbenchRun rpcbenchRun;
struct _rpcbenchRun {
    double start;
    long n;
    double samples[RPCBENCH_SAMPLES];
};


static void
rpcbenchRecord(rpcbenchRun *run, double began)
{
    if (run->n < RPCBENCH_SAMPLES)
        run->samples[run->n] = rpcbenchNow() - began;
    run->n++;
}


static int
rpcbenchCompare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return x < y ? -1 : x > y;
}


static void
rpcbenchPrint(const char *name, rpcbenchRun *run)
{
    long kept = run->n < RPCBENCH_SAMPLES ? run->n : RPCBENCH_SAMPLES;

    qsort(run->samples, kept, sizeof(double), rpcbenchCompare);
    printf("%s %.0f %.1f\n", name, run->n / (rpcbenchNow() - run->start),
           kept ? run->samples[kept / 2] * 1e6 : 0);
}


static int
rpcbenchReadAll(int fd, char *buf, size_t len)
{
    while (len > 0) {
        ssize_t got = read(fd, buf, len);

        if (got <= 0)
            return -1;
        buf += got;
        len -= got;
    }
    return 0;
}


/* The "daemon" of the ping-pong: answers each 28-byte call with 60 bytes. */
static void *
rpcbenchEcho(void *opaque)
{
    int fd = *(int *)opaque;
    char call[28];
    char reply[60] = { 0 };

    while (rpcbenchReadAll(fd, call, sizeof(call)) == 0)
        if (write(fd, reply, sizeof(reply)) != sizeof(reply))
            break;
    return NULL;
}


/* The client side of the ping-pong, against rpcbenchEcho on @fd's
 * other end. */
static void
rpcbenchPingPongLoop(int fd, double seconds, rpcbenchRun *run)
{
    char call[28] = { 0 };
    char reply[60];

    run->n = 0;
    run->start = rpcbenchNow();
    while (rpcbenchNow() - run->start < seconds) {
        double began = rpcbenchNow();

        if (write(fd, call, sizeof(call)) != sizeof(call) ||
            rpcbenchReadAll(fd, reply, sizeof(reply)) < 0)
            break;
        rpcbenchRecord(run, began);
    }
}


static void
rpcbenchPingPong(double seconds, bool processes, rpcbenchRun *run)
{
    int sv[2];
    pthread_t thread;
    pid_t child = -1;

    run->n = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return;
    if (processes) {
        if ((child = fork()) == 0) {
            close(sv[0]);
            rpcbenchEcho(&sv[1]);
            _exit(0);
        }
    } else {
        pthread_create(&thread, NULL, rpcbenchEcho, &sv[1]);
    }
    rpcbenchPingPongLoop(sv[0], seconds, run);
    rpcbenchPrint(processes ? "pingpong-process" : "pingpong", run);
    shutdown(sv[0], SHUT_RDWR);
    if (processes) {
        if (child > 0)
            waitpid(child, NULL, 0);
    } else {
        pthread_join(thread, NULL);
    }
    close(sv[0]);
    close(sv[1]);
}


int
main(int argc, char **argv)
{
    double seconds = argc > 2 ? atof(argv[2]) : 3;
    virConnectPtr conn;
    virDomainPtr dom;
    virDomainInfo info;
    static rpcbenchRun run;

    if (argc < 2) {
        fprintf(stderr, "usage: %s URI [SECONDS]\n", argv[0]);
        return 1;
    }
    if (!(conn = virConnectOpen(argv[1])) ||
        !(dom = virDomainLookupByName(conn, "test")))
        return 1;
    run.start = rpcbenchNow();
    while (rpcbenchNow() - run.start < seconds) {
        double began = rpcbenchNow();

        if (virDomainGetInfo(dom, &info) < 0)
            return 1;
        rpcbenchRecord(&run, began);
    }
    rpcbenchPrint("getinfo", &run);
    rpcbenchPingPong(seconds, false, &run);
    rpcbenchPingPong(seconds, true, &run);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
