/*
 * virstoragefilechain.c: following an image's backing chain
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

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_ENUM_IMPL(virStorageFileLocation, VIR_STORAGE_FILE_LOCATION_LAST,
    [VIR_STORAGE_FILE_LOCATION_FILE] = "file",
    [VIR_STORAGE_FILE_LOCATION_NETWORK] = "network",
    [VIR_STORAGE_FILE_LOCATION_JSON] = "json",
);


/**
 * virStorageFileChainFree:
 * @chain: a chain from virStorageFileChainGet(), or NULL
 *
 * Frees @chain with its elements and their metadata.
 */
void
virStorageFileChainFree(virStorageFileChain *chain)
{
    size_t i;

    if (!chain)
        return;
    for (i = 0; i < chain->nelems; i++) {
        g_free(chain->elems[i].path);
        g_free(chain->elems[i].rawName);
        virStorageFileMetadataFree(chain->elems[i].meta);
    }
    g_free(chain->elems);
    g_free(chain);
}


/**
 * virStorageFileClassifyName:
 * @name: a backing file name as an image header stores it
 *
 * Applies QEMU's rule: "json:" starts a JSON description; a name whose
 * first ':' comes before any '/' names a protocol ("nbd:", "rbd:",
 * "http://"...), except "file:", which is a local file.
 *
 * Returns where @name points.
 */
virStorageFileLocation
virStorageFileClassifyName(const char *name)
{
    size_t len;

    if (STRPREFIX(name, "json:"))
        return VIR_STORAGE_FILE_LOCATION_JSON;
    len = strcspn(name, ":/");
    if (name[len] == ':' && !STRPREFIX(name, "file:"))
        return VIR_STORAGE_FILE_LOCATION_NETWORK;
    return VIR_STORAGE_FILE_LOCATION_FILE;
}


/**
 * virStorageFileResolveBacking:
 * @overlay: the path of the image whose header names @name
 * @name: a backing name for which virStorageFileClassifyName() says FILE
 *
 * Resolves @name as QEMU does: an absolute name stands; a relative one
 * is taken relative to the directory part of @overlay as written (no
 * symbolic link is resolved); a "file:" name is used as it stands after
 * the prefix, relative to the current directory.
 *
 * Returns the path, to be g_free()d.
 */
char *
virStorageFileResolveBacking(const char *overlay, const char *name)
{
    const char *slash;

    if (STRPREFIX(name, "file:"))
        return g_strdup(name + strlen("file:"));
    if (name[0] == '/' || !(slash = strrchr(overlay, '/')))
        return g_strdup(name);
    return g_strdup_printf("%.*s%s", (int)(slash - overlay + 1), overlay, name);
}


/* Append an element for a backing name that is not a local file. */
static void
virStorageFileChainAppendRemote(virStorageFileChain *chain,
                                const char *name,
                                virStorageFileLocation location,
                                virStorageFileFormat format)
{
    virStorageFileChainElem *elem;

    chain->elems = g_renew(virStorageFileChainElem, chain->elems,
                           chain->nelems + 1);
    elem = &chain->elems[chain->nelems++];
    memset(elem, 0, sizeof(*elem));
    elem->path = g_strdup(name);
    elem->rawName = g_strdup(name);
    elem->location = location;
    elem->format = format;
}


/* Open @path and read it; the error for a file that cannot be opened
 * names the overlay that refers to it, in libvirt's words. */
static virStorageFileMetadata *
virStorageFileChainRead(const char *path,
                        const virStorageFileChainElem *overlay,
                        int format,
                        const char *formatName,
                        GHashTable *seen)
{
    g_autofree char *key = NULL;
    virStorageFileMetadata *meta;
    struct stat sb;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
        if (overlay)
            virReportSystemError(errno,
                                 _("Cannot access backing file '%1$s' of storage file '%2$s'"),
                                 path, overlay->path);
        else
            virReportSystemError(errno, _("Cannot access storage file '%1$s'"),
                                 path);
        return NULL;
    }
    if (fstat(fd, &sb) < 0) {
        virReportSystemError(errno, _("cannot stat file '%1$s'"), path);
        close(fd);
        return NULL;
    }

    /* The same file under two names is still a loop. */
    key = g_strdup_printf("%llu:%llu", (unsigned long long)sb.st_dev,
                          (unsigned long long)sb.st_ino);
    if (g_hash_table_contains(seen, key)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("backing store for %1$s (%2$s) is self-referential"),
                       overlay->path, overlay->meta->backingStoreRaw);
        close(fd);
        return NULL;
    }
    g_hash_table_add(seen, g_steal_pointer(&key));

    if (formatName)
        meta = virStorageFileGetMetadataNamed(fd, path, formatName);
    else
        meta = virStorageFileGetMetadataFD(fd, path, format);
    close(fd);
    return meta;
}


/* Read the image at @path and append it to @chain. */
static int
virStorageFileChainAppendFile(virStorageFileChain *chain,
                              const char *path,
                              const char *rawName,
                              int format,
                              const char *formatName,
                              GHashTable *seen)
{
    const virStorageFileChainElem *overlay = NULL;
    g_autoptr(virStorageFileMetadata) meta = NULL;
    virStorageFileChainElem *elem;
    bool probed = !formatName && format == VIR_STORAGE_FILE_AUTO;

    if (chain->nelems > 0)
        overlay = &chain->elems[chain->nelems - 1];
    if (!(meta = virStorageFileChainRead(path, overlay, format, formatName, seen)))
        return -1;

    /* A probed format is trusted only for the image itself: a backing
     * file it names could have been planted by a guest that wrote the
     * header (libvirt refuses the same, with these words). */
    if (probed && overlay && meta->backingStoreRaw) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("format of backing image '%1$s' of image '%2$s' was not specified in the image metadata (See https://libvirt.org/kbase/backing_chains.html for troubleshooting)"),
                       rawName, overlay->path);
        return -1;
    }

    chain->elems = g_renew(virStorageFileChainElem, chain->elems,
                           chain->nelems + 1);
    elem = &chain->elems[chain->nelems++];
    memset(elem, 0, sizeof(*elem));
    elem->path = g_strdup(path);
    elem->rawName = g_strdup(rawName);
    elem->location = VIR_STORAGE_FILE_LOCATION_FILE;
    elem->format = meta->format;
    elem->formatProbed = probed;
    elem->meta = g_steal_pointer(&meta);
    return 0;
}


/**
 * virStorageFileChainGet:
 * @path: the top image
 * @format: its virStorageFileFormat, or VIR_STORAGE_FILE_AUTO to probe
 *          it (trusting its header; see virStorageFileGetMetadataFD())
 * @maxDepth: the most images the chain may hold, top included; 0 for
 *            VIR_STORAGE_FILE_CHAIN_MAX_DEPTH
 * @chain: set to the chain, top first, for virStorageFileChainFree()
 *
 * Reads the header of each image and follows its backing name, resolved
 * as QEMU resolves it, in the format the overlay records.  A backing
 * file whose format is not recorded is probed, and refused if it names
 * a backing file of its own, as libvirt does.  A backing name that is a
 * URI, a protocol or a json: description ends the chain with an element
 * that keeps the name and is not followed.
 *
 * Returns 0, or -1 with *@chain NULL and an error: a system error
 * naming the missing file and the image that names it, VIR_ERR_INVALID_ARG
 * when a file appears twice (a loop), VIR_ERR_INTERNAL_ERROR when the
 * chain is deeper than @maxDepth (both in libvirt's words),
 * VIR_ERR_OPERATION_INVALID for an unrecorded backing format that must
 * not be probed, or an error reading a header.
 */
int
virStorageFileChainGet(const char *path,
                       int format,
                       unsigned int maxDepth,
                       virStorageFileChain **chain)
{
    g_autoptr(virStorageFileChain) ret = g_new0(virStorageFileChain, 1);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);

    *chain = NULL;
    if (maxDepth == 0)
        maxDepth = VIR_STORAGE_FILE_CHAIN_MAX_DEPTH;
    if (virStorageFileChainAppendFile(ret, path, NULL, format, NULL, seen) < 0)
        return -1;

    for (;;) {
        const virStorageFileMetadata *meta = ret->elems[ret->nelems - 1].meta;
        const char *overlay = ret->elems[ret->nelems - 1].path;
        g_autofree char *next = NULL;
        virStorageFileLocation location;

        if (!meta || !meta->backingStoreRaw)
            break;
        location = virStorageFileClassifyName(meta->backingStoreRaw);
        if (location == VIR_STORAGE_FILE_LOCATION_FILE)
            next = virStorageFileResolveBacking(overlay, meta->backingStoreRaw);
        else
            next = g_strdup(meta->backingStoreRaw);

        if (ret->nelems >= maxDepth) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("backing store for %1$s is self-referential or too deeply nested"),
                           next);
            return -1;
        }
        if (location != VIR_STORAGE_FILE_LOCATION_FILE) {
            VIR_DEBUG("'%s' has %s backing '%s', not followed", overlay,
                      virStorageFileLocationTypeToString(location), next);
            virStorageFileChainAppendRemote(ret, next, location,
                                            meta->backingStoreRawFormat);
            break;
        }
        if (virStorageFileChainAppendFile(ret, next, meta->backingStoreRaw,
                                          meta->backingStoreRawFormat,
                                          meta->backingStoreRawFormatName,
                                          seen) < 0)
            return -1;
    }

    *chain = g_steal_pointer(&ret);
    return 0;
}
