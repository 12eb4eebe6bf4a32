/*
 * test_screenshot.c: virDomainScreenshot of the test plugin
 *
 * Like libvirt's test driver, every domain, running or not, "shows" the
 * same PNG; ours is drawn at build time by gen-screenshot.py and
 * installed in the package data directory.  The file is read whole when
 * the call is made and the stream serves it from memory, so a slow
 * reader never holds a file open.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SCREENSHOT_FILE "test-screenshot.png"

typedef struct _testImageStream testImageStream;
struct _testImageStream {
    GMutex lock;
    char *data;
    size_t length;
    size_t offset;

    /* The stream callback: the picture is always readable (its bytes
     * or its end), so a timer due at once stands for the event. */
    int timer;                          /* -1: no callback */
    int events;
    virStreamPtr st;
    virStreamEventCallback cb;
    void *cbOpaque;
    virFreeCallback cbFree;
};


static void
testImageStreamDropCallback(testImageStream *img)
{
    if (img->timer >= 0)
        virEventRemoveTimeout(img->timer);
    if (img->cbFree)
        img->cbFree(img->cbOpaque);
    img->timer = -1;
    img->cb = NULL;
    img->cbFree = NULL;
    img->cbOpaque = NULL;
}


static void
testImageStreamFree(testImageStream *img)
{
    if (!img)
        return;
    testImageStreamDropCallback(img);
    g_mutex_clear(&img->lock);
    g_free(img->data);
    g_free(img);
}


static int
testImageStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    testImageStream *img = virStreamGetPrivateData(st);
    size_t take;

    g_mutex_lock(&img->lock);
    take = MIN(nbytes, img->length - img->offset);
    take = MIN(take, (size_t)INT_MAX);
    memcpy(data, img->data + img->offset, take);
    img->offset += take;
    g_mutex_unlock(&img->lock);
    return (int)take;
}


static int
testImageStreamSend(virStreamPtr st G_GNUC_UNUSED,
                    const char *data G_GNUC_UNUSED,
                    size_t nbytes G_GNUC_UNUSED)
{
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   _("a screenshot stream can only be read"));
    return -1;
}


/* Finishing and aborting both just drop the picture. */
static int
testImageStreamClose(virStreamPtr st)
{
    testImageStreamFree(virStreamGetPrivateData(st));
    virStreamSetPrivateData(st, NULL, NULL);
    return 0;
}


static void
testImageStreamTimer(int timer, void *opaque)
{
    testImageStream *img = opaque;

    if (!img->cb || !(img->events & VIR_STREAM_EVENT_READABLE)) {
        virEventUpdateTimeout(timer, -1);
        return;
    }
    img->cb(img->st, VIR_STREAM_EVENT_READABLE, img->cbOpaque);
}


static int
testImageStreamEventAdd(virStreamPtr st, int events,
                        virStreamEventCallback cb, void *opaque,
                        virFreeCallback ff)
{
    testImageStream *img = virStreamGetPrivateData(st);

    if (img->cb) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream already has a callback registered"));
        return -1;
    }
    if ((img->timer = virEventAddTimeout(0, testImageStreamTimer, img, NULL)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("cannot register a stream callback without an event loop"));
        return -1;
    }
    img->st = st;
    img->events = events;
    img->cb = cb;
    img->cbOpaque = opaque;
    img->cbFree = ff;
    return 0;
}


static int
testImageStreamEventUpdate(virStreamPtr st, int events)
{
    testImageStream *img = virStreamGetPrivateData(st);

    if (!img->cb) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream does not have a callback registered"));
        return -1;
    }
    img->events = events;
    virEventUpdateTimeout(img->timer, 0);
    return 0;
}


static int
testImageStreamEventRemove(virStreamPtr st)
{
    testImageStream *img = virStreamGetPrivateData(st);

    if (!img->cb) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("stream does not have a callback registered"));
        return -1;
    }
    testImageStreamDropCallback(img);
    return 0;
}


static const virStreamDriver testImageStreamDriver = {
    .size = sizeof(virStreamDriver),
    .name = "test-screenshot",
    .streamRecv = testImageStreamRecv,
    .streamSend = testImageStreamSend,
    .streamFinish = testImageStreamClose,
    .streamAbort = testImageStreamClose,
    .streamEventAddCallback = testImageStreamEventAdd,
    .streamEventUpdateCallback = testImageStreamEventUpdate,
    .streamEventRemoveCallback = testImageStreamEventRemove,
};


/* The installed picture, or the build tree's when VIRTPLUG_PKGDATA_DIR
 * names it (./run and the tests set it). */
static char *
testScreenshotPath(void)
{
    const char *dir = g_getenv("VIRTPLUG_PKGDATA_DIR");

    if (!dir || !*dir)
        dir = PKGDATADIR;
    return g_build_filename(dir, TEST_SCREENSHOT_FILE, NULL);
}


/**
 * testDomainScreenshot:
 *
 * Streams the test picture; @screen is accepted whatever it is, as
 * libvirt's test driver does.  Returns "image/png".
 */
char *
testDomainScreenshot(virDomainPtr domain,
                     virStreamPtr stream,
                     unsigned int screen G_GNUC_UNUSED,
                     unsigned int flags)
{
    g_autofree char *path = testScreenshotPath();
    g_autoptr(GError) gerr = NULL;
    testImageStream *img;
    virDomainObj *obj;

    virCheckFlags(0, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    virDomainObjEndAPI(&obj);

    img = g_new0(testImageStream, 1);
    img->timer = -1;
    g_mutex_init(&img->lock);
    if (!g_file_get_contents(path, &img->data, &img->length, &gerr)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("cannot read screenshot '%1$s': %2$s"),
                       path, gerr->message);
        testImageStreamFree(img);
        return NULL;
    }
    virStreamSetPrivateData(stream, img, &testImageStreamDriver);
    return g_strdup("image/png");
}
