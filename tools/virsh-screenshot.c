/*
 * virsh-screenshot.c: screenshot, a domain's display saved to a file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include "virsh-domain.h"

/* The file name virsh makes up when none is given: the domain's name,
 * the local time and an extension the mime type suggests. */
static char *
virshScreenshotDefaultName(const char *domname, const char *mime)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
    const char *ext = "";

    if (g_str_equal(mime, "image/png"))
        ext = ".png";
    else if (g_str_equal(mime, "image/x-portable-pixmap"))
        ext = ".ppm";
    return g_strdup_printf("%s-%s%s", domname, stamp, ext);
}


/* Sink of virStreamRecvAll: the picture goes to the file whole. */
static int
virshScreenshotSink(virStreamPtr st G_GNUC_UNUSED,
                    const char *data,
                    size_t len,
                    void *opaque)
{
    int fd = *(int *)opaque;
    size_t done = 0;

    while (done < len) {
        ssize_t wrote = write(fd, data + done, len - done);

        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote < 0)
            return -1;
        done += wrote;
    }
    return (int)len;
}


const vshCmdOptDef virshOptsScreenshot[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "file",
     .type = VSH_OT_STRING,
     .help = "the file to write the picture to"},
    {.name = "screen",
     .type = VSH_OT_INT,
     .help = "which of the domain's screens to take"},
    {.name = NULL}
};

bool
virshCmdScreenshot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *mime = NULL;
    g_autofree char *madeName = NULL;
    virStreamPtr st = NULL;
    const char *file = NULL;
    const char *name = NULL;
    int screen = 0;
    int fd = -1;
    bool created = false;
    bool ok = false;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptInt(ctl, cmd, "screen", &screen) < 0)
        return false;
    if (screen < 0) {
        vshError(ctl, "invalid screen ID: %d", screen);
        return false;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (!(st = virStreamNew(virshGetControl(ctl)->conn, 0)))
        return false;
    if (!(mime = virDomainScreenshot(dom, st, screen, 0))) {
        vshError(ctl, "could not take a screenshot of %s", name);
        goto cleanup;
    }
    if (!file)
        file = madeName = virshScreenshotDefaultName(name, mime);

    if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0) {
        vshError(ctl, "cannot create file %s", file);
        virStreamAbort(st);
        goto cleanup;
    }
    created = true;
    if (virStreamRecvAll(st, virshScreenshotSink, &fd) < 0) {
        vshError(ctl, "could not receive data from domain %s", name);
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        vshError(ctl, "cannot close file %s", file);
        virStreamAbort(st);
        goto cleanup;
    }
    fd = -1;
    if (virStreamFinish(st) < 0) {
        vshError(ctl, "cannot close stream on domain %s", name);
        goto cleanup;
    }
    vshPrintExtra(ctl, "Screenshot saved to %s, with type of %s", file, mime);
    ok = true;

 cleanup:
    if (fd >= 0)
        close(fd);
    /* No half picture is left behind. */
    if (!ok && created)
        unlink(file);
    virStreamFree(st);
    return ok;
}
