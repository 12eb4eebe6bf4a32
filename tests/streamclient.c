/*
 * streamclient.c: drive a screenshot stream through virtplug's library,
 * for remote-streams.sh
 *
 *   streamclient URI all FILE      blocking virStreamRecvAll, finish
 *   streamclient URI events FILE   non-blocking stream read from the
 *                                  event loop's callbacks, finish
 *   streamclient URI abort         read a little, abort, then show the
 *                                  connection still answers
 *   streamclient URI leave         read a little, exit without a word
 *   streamclient URI graphicsfd DOMAIN
 *                                  virDomainOpenGraphicsFD on DOMAIN's
 *                                  first display; print its banner
 *
 * Prints one line saying what happened; exit status 0 on success.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    GByteArray *bytes;
    bool done;
    bool failed;
} EventRead;


static int
sinkToArray(virStreamPtr st G_GNUC_UNUSED, const char *data, size_t len,
            void *opaque)
{
    g_byte_array_append(opaque, (const guint8 *)data, len);
    return (int)len;
}


static void
onReadable(virStreamPtr st, int events, void *opaque)
{
    EventRead *rd = opaque;
    char buf[65536];

    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP)) {
        rd->failed = rd->done = true;
        return;
    }
    for (;;) {
        int got = virStreamRecv(st, buf, sizeof(buf));

        if (got == -2)
            return;
        if (got <= 0) {
            rd->failed = got < 0;
            rd->done = true;
            virStreamEventRemoveCallback(st);
            return;
        }
        g_byte_array_append(rd->bytes, (const guint8 *)buf, got);
    }
}


static int
fail(const char *what)
{
    const char *msg = virGetLastErrorMessage();

    printf("FAIL %s: %s\n", what, msg ? msg : "(no error)");
    return 1;
}


static int
saveAndFinish(virStreamPtr st, GByteArray *bytes, const char *file,
              const char *mime)
{
    g_autoptr(GError) gerr = NULL;

    if (virStreamFinish(st) < 0)
        return fail("finish");
    if (!g_file_set_contents(file, (const char *)bytes->data, bytes->len, &gerr)) {
        printf("FAIL write %s: %s\n", file, gerr->message);
        return 1;
    }
    printf("saved %u bytes of %s\n", bytes->len, mime);
    return 0;
}


/* The first bytes a VNC server says: "RFB 003.008\n". */
static int
readGraphicsBanner(const char *uri, const char *name)
{
    virConnectPtr conn;
    virDomainPtr dom;
    char banner[13] = "";
    size_t got = 0;
    int fd;

    if (!(conn = virConnectOpen(uri)))
        return fail("open");
    if (!(dom = virDomainLookupByName(conn, name)))
        return fail("lookup");
    if ((fd = virDomainOpenGraphicsFD(dom, 0, 0)) < 0)
        return fail("open graphics fd");
    while (got < 12) {
        ssize_t n = read(fd, banner + got, 12 - got);

        if (n <= 0) {
            printf("FAIL read banner after %zu bytes\n", got);
            return 1;
        }
        got += n;
    }
    close(fd);
    printf("banner %s", banner);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}


int
main(int argc, char **argv)
{
    g_autoptr(GByteArray) bytes = g_byte_array_new();
    g_autofree char *mime = NULL;
    const char *mode;
    virConnectPtr conn;
    virDomainPtr dom;
    virStreamPtr st;
    bool events;
    char buf[1000];
    int rc;

    if (argc < 3) {
        fprintf(stderr, "usage: %s URI all|events|abort|leave [FILE] | graphicsfd DOMAIN\n", argv[0]);
        return 2;
    }
    mode = argv[2];
    if (g_str_equal(mode, "graphicsfd"))
        return argc < 4 ? 2 : readGraphicsBanner(argv[1], argv[3]);
    events = g_str_equal(mode, "events");
    if ((g_str_equal(mode, "all") || events) && argc < 4) {
        fprintf(stderr, "%s needs a FILE\n", mode);
        return 2;
    }
    if (events && virEventRegisterDefaultImpl() < 0)
        return fail("event loop");
    if (!(conn = virConnectOpen(argv[1])))
        return fail("open");
    if (!(dom = virDomainLookupByName(conn, "test")))
        return fail("lookup");
    if (!(st = virStreamNew(conn, events ? VIR_STREAM_NONBLOCK : 0)))
        return fail("stream");
    if (!(mime = virDomainScreenshot(dom, st, 0, 0)))
        return fail("screenshot");

    if (g_str_equal(mode, "all")) {
        if (virStreamRecvAll(st, sinkToArray, bytes) < 0)
            return fail("recvall");
        rc = saveAndFinish(st, bytes, argv[3], mime);
    } else if (events) {
        EventRead rd = { .bytes = bytes };

        if (virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE,
                                      onReadable, &rd, NULL) < 0)
            return fail("add callback");
        while (!rd.done) {
            if (virEventRunDefaultImpl() < 0)
                return fail("event loop run");
        }
        if (rd.failed)
            return fail("event read");
        rc = saveAndFinish(st, bytes, argv[3], mime);
    } else if (g_str_equal(mode, "abort") || g_str_equal(mode, "leave")) {
        virDomainInfo info;

        if (virStreamRecv(st, buf, sizeof(buf)) != sizeof(buf))
            return fail("first read");
        if (g_str_equal(mode, "leave")) {
            printf("leaving mid-stream\n");
            fflush(stdout);
            _exit(0);
        }
        if (virStreamAbort(st) < 0)
            return fail("abort");
        /* The stream is over: a second ending is refused. */
        if (virStreamFinish(st) == 0) {
            printf("FAIL finish after abort succeeded\n");
            return 1;
        }
        if (virDomainGetInfo(dom, &info) < 0)
            return fail("info after abort");
        printf("aborted after %zu bytes; domain state %d\n", sizeof(buf),
               info.state);
        rc = 0;
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    virStreamFree(st);
    virDomainFree(dom);
    if (virConnectClose(conn) != 0) {
        printf("FAIL close: references left\n");
        return 1;
    }
    return rc;
}
