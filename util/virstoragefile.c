/*
 * virstoragefile.c: probing an image's format and reading its metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"
#include "virerror.h"
#include "virlog.h"
#include "virstoragefile.h"
#include "virstorageheader.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_ENUM_IMPL(virStorageFileFormat, VIR_STORAGE_FILE_LAST,
    [VIR_STORAGE_FILE_NONE] = "none",
    [VIR_STORAGE_FILE_RAW] = "raw",
    [VIR_STORAGE_FILE_DIR] = "dir",
    [VIR_STORAGE_FILE_BOCHS] = "bochs",
    [VIR_STORAGE_FILE_CLOOP] = "cloop",
    [VIR_STORAGE_FILE_DMG] = "dmg",
    [VIR_STORAGE_FILE_ISO] = "iso",
    [VIR_STORAGE_FILE_VPC] = "vpc",
    [VIR_STORAGE_FILE_VDI] = "vdi",
    [VIR_STORAGE_FILE_FAT] = "fat",
    [VIR_STORAGE_FILE_VHD] = "vhd",
    [VIR_STORAGE_FILE_PLOOP] = "ploop",
    [VIR_STORAGE_FILE_COW] = "cow",
    [VIR_STORAGE_FILE_QCOW] = "qcow",
    [VIR_STORAGE_FILE_QCOW2] = "qcow2",
    [VIR_STORAGE_FILE_QED] = "qed",
    [VIR_STORAGE_FILE_VMDK] = "vmdk",
);

VIR_ENUM_IMPL(virStorageFileFeature, VIR_STORAGE_FILE_FEATURE_LAST,
    [VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS] = "lazy_refcounts",
    [VIR_STORAGE_FILE_FEATURE_EXTENDED_L2] = "extended_l2",
);

VIR_ENUM_IMPL(virStorageFileEncryption, VIR_STORAGE_FILE_ENCRYPTION_LAST,
    [VIR_STORAGE_FILE_ENCRYPTION_DEFAULT] = "default",
    [VIR_STORAGE_FILE_ENCRYPTION_QCOW] = "qcow",
    [VIR_STORAGE_FILE_ENCRYPTION_LUKS] = "luks",
);


/**
 * virStorageFileMetadataFree:
 * @meta: metadata from virStorageFileGetMetadata(), or NULL
 *
 * Frees @meta and the strings it owns.
 */
void
virStorageFileMetadataFree(virStorageFileMetadata *meta)
{
    if (!meta)
        return;
    g_free(meta->backingStoreRaw);
    g_free(meta->backingStoreRawFormatName);
    g_free(meta->dataFile);
    g_free(meta);
}


/**
 * virStorageHeaderRead:
 * @r: an open image
 * @offset: byte offset in the image
 * @buf: filled with up to @len bytes
 * @len: bytes wanted
 *
 * Returns the bytes read, fewer than @len only at the end of the image,
 * or -1 with a system error naming the image.
 */
ssize_t
virStorageHeaderRead(virStorageHeaderReader *r,
                     unsigned long long offset,
                     void *buf,
                     size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t got = pread(r->fd, (char *)buf + done, len - done,
                            offset + done);

        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            virReportSystemError(errno, _("cannot read header of '%1$s'"),
                                 r->path);
            return -1;
        }
        if (got == 0)
            break;
        done += got;
    }
    return done;
}


/**
 * virStorageHeaderReadExact:
 * @r: an open image
 * @offset: byte offset in the image
 * @buf: filled with exactly @len bytes
 * @len: bytes wanted
 * @what: the structure read, named in the error when the image ends
 *        before it does
 *
 * Returns 0, or -1 with an error naming the image.
 */
int
virStorageHeaderReadExact(virStorageHeaderReader *r,
                          unsigned long long offset,
                          void *buf,
                          size_t len,
                          const char *what)
{
    ssize_t got = virStorageHeaderRead(r, offset, buf, len);

    if (got < 0)
        return -1;
    if ((size_t)got < len) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("image '%1$s' is truncated: %2$s at offset %3$llu extends past its end"),
                       r->path, what, offset);
        return -1;
    }
    return 0;
}


/* Fill @r for @fd: size, allocation and the first bytes. */
static int
virStorageFileReaderInit(virStorageHeaderReader *r,
                         int fd,
                         const char *path,
                         struct stat *sb)
{
    ssize_t got;

    r->fd = fd;
    r->path = path;
    if (fstat(fd, sb) < 0) {
        virReportSystemError(errno, _("cannot stat file '%1$s'"), path);
        return -1;
    }
    r->size = sb->st_size;
    if (S_ISBLK(sb->st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);

        if (end < 0) {
            virReportSystemError(errno,
                                 _("cannot get the size of block device '%1$s'"),
                                 path);
            return -1;
        }
        r->size = end;
    }
    if (S_ISDIR(sb->st_mode))
        return 0;
    if ((got = virStorageHeaderRead(r, 0, r->head, sizeof(r->head))) < 0)
        return -1;
    r->headLen = got;
    return 0;
}


static const virStorageHeaderFormat *
virStorageFileFindFormat(int format, const char *name)
{
    size_t n;
    const virStorageHeaderFormat *formats = virStorageHeaderFormats(&n);
    size_t i;

    if (name) {
        for (i = 0; i < n; i++) {
            if (STREQ(formats[i].name, name))
                return &formats[i];
        }
        return NULL;
    }

    /* libvirt's vhd is the same on-disk format as vpc */
    if (format == VIR_STORAGE_FILE_VHD)
        format = VIR_STORAGE_FILE_VPC;
    if (format <= VIR_STORAGE_FILE_NONE || format >= VIR_STORAGE_FILE_LAST)
        return NULL;
    /* Prefer the entry named by libvirt's word: raw, not luks. */
    for (i = 0; i < n; i++) {
        if (formats[i].format == format &&
            STREQ(formats[i].name, virStorageFileFormatTypeToString(format)))
            return &formats[i];
    }
    for (i = 0; i < n; i++) {
        if (formats[i].format == format)
            return &formats[i];
    }
    return NULL;
}


/**
 * virStorageFileFormatFromName:
 * @name: a format name as an image header or qemu-img records it
 *
 * Maps QEMU's driver names to libvirt's formats: libvirt's own words map
 * to themselves, "luks" to raw (libvirt models LUKS as encryption of a
 * raw image), "parallels" to ploop, and "vhdx", which libvirt has no
 * word for, to NONE.
 *
 * Returns the virStorageFileFormat, or -1 for a name neither knows.
 */
int
virStorageFileFormatFromName(const char *name)
{
    const virStorageHeaderFormat *info = virStorageFileFindFormat(-1, name);
    int format;

    if (info)
        return info->format;
    if ((format = virStorageFileFormatTypeFromString(name)) > 0)
        return format;
    return -1;
}


/* Read the metadata of the image open on @fd as @info, or probe when
 * @info is NULL. */
static virStorageFileMetadata *
virStorageFileReadMetadata(int fd,
                           const char *path,
                           const virStorageHeaderFormat *info)
{
    g_autofree virStorageHeaderReader *r = g_new0(virStorageHeaderReader, 1);
    g_autoptr(virStorageFileMetadata) meta = g_new0(virStorageFileMetadata, 1);
    struct stat sb;
    size_t n;
    const virStorageHeaderFormat *formats = virStorageHeaderFormats(&n);
    size_t i;

    if (virStorageFileReaderInit(r, fd, path, &sb) < 0)
        return NULL;

    meta->physical = r->size;
    meta->allocation = S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_blocks * 512 : r->size;
    meta->backingStoreRawFormat = VIR_STORAGE_FILE_AUTO;
    if (S_ISDIR(sb.st_mode)) {
        meta->format = VIR_STORAGE_FILE_DIR;
        meta->formatName = virStorageFileFormatTypeToString(meta->format);
        return g_steal_pointer(&meta);
    }

    for (i = 0; !info && i < n; i++) {
        if (formats[i].match && formats[i].match(r))
            info = &formats[i];
    }
    if (!info)
        info = virStorageFileFindFormat(VIR_STORAGE_FILE_RAW, NULL);

    VIR_DEBUG("image '%s' read as %s", path, info->name);
    meta->format = info->format;
    meta->formatName = info->name;
    meta->capacity = r->size;
    if (info->parse && info->parse(r, meta) < 0)
        return NULL;
    return g_steal_pointer(&meta);
}


static int
virStorageFileOpen(const char *path)
{
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
        virReportSystemError(errno, _("Cannot access storage file '%1$s'"),
                             path);
    return fd;
}


/**
 * virStorageFileGetMetadataFD:
 * @fd: the image, open for reading; left open, its offset unchanged
 * @path: the image's name, for messages
 * @format: a virStorageFileFormat to read the header as, or
 *          VIR_STORAGE_FILE_AUTO to probe it
 *
 * Probing trusts the image's own header: use it only for images whose
 * content the guest cannot write, as libvirt advises.  A format given
 * explicitly is believed: a qcow2 file read as raw has no backing file.
 *
 * Returns metadata for virStorageFileMetadataFree(), or NULL with an
 * error: VIR_ERR_INVALID_ARG for an unknown @format, a system error when
 * reading fails, VIR_ERR_OPERATION_FAILED for a header that is not
 * @format's or is corrupt, VIR_ERR_CONFIG_UNSUPPORTED for a version of
 * the format that is not understood.
 */
virStorageFileMetadata *
virStorageFileGetMetadataFD(int fd, const char *path, int format)
{
    const virStorageHeaderFormat *info = NULL;

    if (format != VIR_STORAGE_FILE_AUTO &&
        !(info = virStorageFileFindFormat(format, NULL))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot read image '%1$s' as format '%2$s'"),
                       path, NULLSTR(virStorageFileFormatTypeToString(format)));
        return NULL;
    }
    return virStorageFileReadMetadata(fd, path, info);
}


/**
 * virStorageFileGetMetadataNamed:
 * @fd: the image, open for reading; left open
 * @path: the image's name, for messages
 * @formatName: the format to read the header as, as QEMU names it (a
 *              backing format recorded in an overlay: "qcow2", "luks",
 *              "vhdx"...); NULL to probe
 *
 * Returns metadata for virStorageFileMetadataFree(), or NULL with an
 * error as virStorageFileGetMetadataFD(); VIR_ERR_CONFIG_UNSUPPORTED
 * for a name that is not known.
 */
virStorageFileMetadata *
virStorageFileGetMetadataNamed(int fd, const char *path,
                               const char *formatName)
{
    const virStorageHeaderFormat *info = NULL;
    int format;

    if (formatName &&
        !(info = virStorageFileFindFormat(-1, formatName))) {
        if ((format = virStorageFileFormatTypeFromString(formatName)) <= 0 ||
            !(info = virStorageFileFindFormat(format, NULL))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown image format '%1$s' for '%2$s'"),
                           formatName, path);
            return NULL;
        }
    }
    return virStorageFileReadMetadata(fd, path, info);
}


/**
 * virStorageFileGetMetadata:
 * @path: the image (file, block device or directory)
 * @format: as for virStorageFileGetMetadataFD()
 *
 * Opens @path read-only and reads its header only.
 *
 * Returns metadata for virStorageFileMetadataFree(), or NULL with an
 * error: a system error "Cannot access storage file" when @path cannot
 * be opened, otherwise as virStorageFileGetMetadataFD().
 */
virStorageFileMetadata *
virStorageFileGetMetadata(const char *path, int format)
{
    virStorageFileMetadata *meta;
    int fd;

    if ((fd = virStorageFileOpen(path)) < 0)
        return NULL;
    meta = virStorageFileGetMetadataFD(fd, path, format);
    close(fd);
    return meta;
}


/**
 * virStorageFileProbeFormat:
 * @path: the image
 *
 * Probes the format of @path from its header; a file that no format
 * claims is raw.  The same warning as for VIR_STORAGE_FILE_AUTO holds.
 *
 * Returns a virStorageFileFormat (NONE for a format libvirt has no word
 * for, such as vhdx), or -1 with an error as virStorageFileGetMetadata().
 */
int
virStorageFileProbeFormat(const char *path)
{
    g_autoptr(virStorageFileMetadata) meta = NULL;

    if (!(meta = virStorageFileGetMetadata(path, VIR_STORAGE_FILE_AUTO)))
        return -1;
    return meta->format;
}
