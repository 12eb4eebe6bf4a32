/*
 * virstorageheader.h: the per-format header readers behind virstoragefile.h
 *
 * Internal to util/: the names are outside the SDK's virStorageFile*
 * pattern on purpose, so libvirt.so keeps them local.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virstoragefile.h"

/* Bytes read from offset 0 of every image before probing: enough for
 * every fixed header parsed here; anything further is read on demand. */
#define VIR_STORAGE_HEADER_HEAD_LEN 4096

typedef struct _virStorageHeaderReader virStorageHeaderReader;
struct _virStorageHeaderReader {
    int fd;                  /* read-only, owned by the caller */
    const char *path;        /* for messages */
    unsigned long long size; /* of the file or block device, bytes */
    unsigned char head[VIR_STORAGE_HEADER_HEAD_LEN];
    size_t headLen;          /* valid bytes in head (short files) */
};

ssize_t virStorageHeaderRead(virStorageHeaderReader *r,
                             unsigned long long offset,
                             void *buf,
                             size_t len);

int virStorageHeaderReadExact(virStorageHeaderReader *r,
                              unsigned long long offset,
                              void *buf,
                              size_t len,
                              const char *what);

typedef struct _virStorageHeaderFormat virStorageHeaderFormat;
struct _virStorageHeaderFormat {
    const char *name;                 /* on-disk format name */
    virStorageFileFormat format;      /* libvirt's value for it */
    /* Whether the header is this format's; NULL: never probed. */
    bool (*match)(virStorageHeaderReader *r);
    /* Fill capacity, backing, encryption...; NULL: nothing to read.
     * Returns 0, or -1 with an error naming the file. */
    int (*parse)(virStorageHeaderReader *r, virStorageFileMetadata *meta);
};

/* The formats in probing order, ending with raw (which matches all). */
const virStorageHeaderFormat *virStorageHeaderFormats(size_t *n);

/* Fixed-width integers stored big- or little-endian at @p. */
static inline uint16_t
virStorageHeaderBE16(const unsigned char *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
virStorageHeaderBE32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t
virStorageHeaderBE64(const unsigned char *p)
{
    return (uint64_t)virStorageHeaderBE32(p) << 32 | virStorageHeaderBE32(p + 4);
}

static inline uint32_t
virStorageHeaderLE32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
           (uint32_t)p[1] << 8 | (uint32_t)p[0];
}

static inline uint64_t
virStorageHeaderLE64(const unsigned char *p)
{
    return (uint64_t)virStorageHeaderLE32(p + 4) << 32 | virStorageHeaderLE32(p);
}
