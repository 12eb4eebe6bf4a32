/*
 * rpcbench.c: round trips per second through virtplug's client library
 * and, for comparison, over a raw UNIX socket pair
 *
 * rpcbench URI SECONDS: virDomainGetInfo on domain "test" in a loop,
 * then a 28-byte call / 60-byte reply ping-pong (the sizes of a
 * GetInfo call and reply) between two threads; prints both rates.
 * Not part of the test suite: tests/bench/rpcbench.sh builds and runs it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
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


static double
rpcbenchPingPong(double seconds)
{
    int sv[2];
    pthread_t thread;
    char call[28] = { 0 };
    char reply[60];
    double start;
    long n = 0;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return 0;
    pthread_create(&thread, NULL, rpcbenchEcho, &sv[1]);
    start = rpcbenchNow();
    while (rpcbenchNow() - start < seconds) {
        if (write(sv[0], call, sizeof(call)) != sizeof(call) ||
            rpcbenchReadAll(sv[0], reply, sizeof(reply)) < 0)
            break;
        n++;
    }
    shutdown(sv[0], SHUT_RDWR);
    pthread_join(thread, NULL);
    close(sv[0]);
    close(sv[1]);
    return n / (rpcbenchNow() - start);
}


int
main(int argc, char **argv)
{
    double seconds = argc > 2 ? atof(argv[2]) : 3;
    virConnectPtr conn;
    virDomainPtr dom;
    virDomainInfo info;
    double start;
    long n = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s URI [SECONDS]\n", argv[0]);
        return 1;
    }
    if (!(conn = virConnectOpen(argv[1])) ||
        !(dom = virDomainLookupByName(conn, "test")))
        return 1;
    start = rpcbenchNow();
    while (rpcbenchNow() - start < seconds) {
        if (virDomainGetInfo(dom, &info) < 0)
            return 1;
        n++;
    }
    printf("getinfo %.0f\n", n / (rpcbenchNow() - start));
    printf("pingpong %.0f\n", rpcbenchPingPong(seconds));
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
