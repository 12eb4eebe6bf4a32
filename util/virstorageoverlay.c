/*
 * virstorageoverlay.c: empty qcow2 overlays written directly
 *
 * An external snapshot of a shut-off domain (or a storage driver's new
 * volume on a backing image) only needs an empty qcow2 image whose
 * backing file is the current top.  `qemu-img create`
 * opens the whole backing chain to learn the size, so its cost grows
 * with the chain, and it is a process per disk.  The file it writes is
 * small and fixed by the qcow2 format (docs/interop/qcow2.txt): a v3
 * header with the backing format and feature name extensions and the
 * backing name in cluster 0, the refcount table in cluster 1, one
 * refcount block in cluster 2 and the L1 table in cluster 3.  This
 * writes the same bytes as QEMU 7.2's `qemu-img create -f qcow2 -u`,
 * which the tests compare, and leaves anything unusual (a backing
 * image that is neither qcow2 nor raw, a huge disk, a long name) to
 * qemu-img.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"
#include "virerror.h"
#include "virstoragefile.h"
#include "virstorageheader.h"
#include "virstorageoverlay.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

#define QCOW2_CLUSTER_BITS 16
#define QCOW2_CLUSTER (1U << QCOW2_CLUSTER_BITS)
#define QCOW2_HEADER_LEN 112
#define QCOW2_EXT_BACKING_FORMAT 0xE2792ACAU
#define QCOW2_EXT_FEATURE_TABLE 0x6803F857U
#define QCOW2_FEATURE_ENTRY 48
/* the longest backing name qemu accepts */
#define QCOW2_BACKING_MAX 1023

/* The feature name table QEMU 7.2 writes: (type, bit, name). */
static const struct {
    uint8_t type;
    uint8_t bit;
    const char *name;
} qcow2Features[] = {
    { 0, 0, "dirty bit" },
    { 0, 1, "corrupt bit" },
    { 0, 2, "external data file" },
    { 0, 3, "compression type" },
    { 0, 4, "extended L2 entries" },
    { 1, 0, "lazy refcounts" },
    { 2, 0, "bitmaps" },
    { 2, 1, "raw external data" },
};


static void
qcow2Put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}


static void
qcow2Put32(uint8_t *p, uint32_t v)
{
    qcow2Put16(p, v >> 16);
    qcow2Put16(p + 2, v);
}


static void
qcow2Put64(uint8_t *p, uint64_t v)
{
    qcow2Put32(p, v >> 32);
    qcow2Put32(p + 4, v);
}


/* The virtual size of @path read as @format: 0, 1 when this file
 * cannot tell (qemu-img must), -1 with an error. */
static int
virStorageFileOverlayBackingSize(const char *path, int format, unsigned long long *size)
{
    uint8_t hdr[32];
    struct stat sb;
    int fd;
    int rc = 1;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open '%1$s'"), path);
        return -1;
    }
    if (format == VIR_STORAGE_FILE_QCOW2) {
        if (read(fd, hdr, sizeof(hdr)) == sizeof(hdr) &&
            memcmp(hdr, "QFI\xfb", 4) == 0) {
            *size = virStorageHeaderBE64(hdr + 24);
            rc = 0;
        }
    } else if (format == VIR_STORAGE_FILE_RAW && fstat(fd, &sb) == 0 &&
               S_ISREG(sb.st_mode)) {
        *size = sb.st_size;
        rc = 0;
    }
    close(fd);
    return rc;
}


/**
 * virStorageFileCreateQcow2Overlay:
 * @path: the image to create (must not exist)
 * @backing: its backing file
 * @backingFormat: virStorageFileFormat of @backing
 *
 * Writes an empty qcow2 v3 image of @backing's virtual size whose
 * backing is @backing, as `qemu-img create -f qcow2 -F FMT -b BACKING`
 * would, and syncs it.
 *
 * Returns 0 when written, 1 when the caller must use qemu-img instead
 * (nothing written), -1 with an error (nothing left behind).
 */
int
virStorageFileCreateQcow2Overlay(const char *path, const char *backing,
                           int backingFormat)
{
    const char *fmt = virStorageFileFormatTypeToString(backingFormat);
    size_t fmtLen = fmt ? strlen(fmt) : 0;
    size_t backingLen = strlen(backing);
    unsigned long long size;
    uint64_t l1Size;
    size_t len;
    size_t off;
    size_t i;
    g_autofree uint8_t *buf = NULL;
    const uint8_t *p;
    int fd;
    int rc;

    if (!fmt || backingLen > QCOW2_BACKING_MAX ||
        (backingFormat != VIR_STORAGE_FILE_QCOW2 &&
         backingFormat != VIR_STORAGE_FILE_RAW))
        return 1;
    if ((rc = virStorageFileOverlayBackingSize(backing, backingFormat, &size)) != 0)
        return rc;
    /* an L2 table maps cluster/8 clusters; the L1 table must fit one
     * cluster, as QEMU lays it out for disks under 4 TiB */
    l1Size = (size + ((1ULL << (2 * QCOW2_CLUSTER_BITS - 3)) - 1)) >>
             (2 * QCOW2_CLUSTER_BITS - 3);
    if (size == 0 || size % 512 || l1Size * 8 > QCOW2_CLUSTER)
        return 1;

    len = 3 * QCOW2_CLUSTER + l1Size * 8;
    buf = g_malloc0(len);
    memcpy(buf, "QFI\xfb", 4);
    qcow2Put32(buf + 4, 3);                     /* version */
    qcow2Put32(buf + 16, backingLen);
    qcow2Put32(buf + 20, QCOW2_CLUSTER_BITS);
    qcow2Put64(buf + 24, size);
    qcow2Put32(buf + 36, l1Size);
    qcow2Put64(buf + 40, 3 * QCOW2_CLUSTER);    /* L1 table */
    qcow2Put64(buf + 48, QCOW2_CLUSTER);        /* refcount table */
    qcow2Put32(buf + 56, 1);                    /* its clusters */
    qcow2Put32(buf + 96, 4);                    /* 16-bit refcounts */
    qcow2Put32(buf + 100, QCOW2_HEADER_LEN);

    off = QCOW2_HEADER_LEN;
    qcow2Put32(buf + off, QCOW2_EXT_BACKING_FORMAT);
    qcow2Put32(buf + off + 4, fmtLen);
    memcpy(buf + off + 8, fmt, fmtLen);
    off += 8 + (fmtLen + 7) / 8 * 8;
    qcow2Put32(buf + off, QCOW2_EXT_FEATURE_TABLE);
    qcow2Put32(buf + off + 4, G_N_ELEMENTS(qcow2Features) * QCOW2_FEATURE_ENTRY);
    off += 8;
    for (i = 0; i < G_N_ELEMENTS(qcow2Features); i++) {
        buf[off] = qcow2Features[i].type;
        buf[off + 1] = qcow2Features[i].bit;
        memcpy(buf + off + 2, qcow2Features[i].name,
               strlen(qcow2Features[i].name));
        off += QCOW2_FEATURE_ENTRY;
    }
    off += 8;                                   /* end of extensions */
    qcow2Put64(buf + 8, off);                   /* backing name offset */
    memcpy(buf + off, backing, backingLen);

    qcow2Put64(buf + QCOW2_CLUSTER, 2 * QCOW2_CLUSTER);
    for (i = 0; i < 4; i++)                     /* clusters 0-3 used */
        qcow2Put16(buf + 2 * QCOW2_CLUSTER + 2 * i, 1);

    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
        virReportSystemError(errno, _("cannot create '%1$s'"), path);
        return -1;
    }
    for (p = buf; p < buf + len; ) {
        ssize_t n = write(fd, p, buf + len - p);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        p += n;
    }
    if (p < buf + len || fdatasync(fd) < 0 || close(fd) < 0) {
        virReportSystemError(errno, _("cannot write '%1$s'"), path);
        if (p < buf + len)
            close(fd);
        unlink(path);
        return -1;
    }
    return 0;
}
