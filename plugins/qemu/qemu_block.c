/*
 * qemu_block.c: disk backing chains and the block node names of images
 *
 * Every image of a disk's chain becomes two -blockdev nodes, named as
 * libvirt names them: "libvirt-N-storage" (the file or device) and
 * "libvirt-N-format" (qcow2, raw ... on top of it), where N is the
 * image's index: unique in the domain, numbered from the bottom of the
 * first disk's chain upwards, then the next disk's, so that a chain
 * base <- top of vda is libvirt-1 <- libvirt-2.  The index is the
 * index= attribute of <source> and <backingStore> in the live XML, so
 * the status XML keeps the node names across a reconnect.
 *
 * A chain the XML does not spell out is read from the image headers
 * (util/virstoragefile.h), never by asking QEMU to probe.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"
#include "virfile.h"
#include "virstoragefile.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


/**
 * qemuBlockNodeName:
 * @src: an image with its index assigned
 * @kind: "storage" or "format"
 *
 * Returns "libvirt-N-KIND", for the caller to free.
 */
char *
qemuBlockNodeName(const virStorageSource *src, const char *kind)
{
    return g_strdup_printf("libvirt-%u-%s", src->id, kind);
}


/**
 * qemuBlockChainLength:
 * @src: the top image of a disk, or NULL
 *
 * Returns how many images the chain has, the empty terminator aside.
 */
unsigned int
qemuBlockChainLength(const virStorageSource *src)
{
    unsigned int n = 0;

    for (; src && src->type != VIR_STORAGE_TYPE_NONE; src = src->backingStore)
        n++;
    return n;
}


static bool
qemuBlockIsLocal(const virStorageSource *src)
{
    return (src->type == VIR_STORAGE_TYPE_FILE ||
            src->type == VIR_STORAGE_TYPE_BLOCK) && src->path;
}


/* Formats whose header may name a backing file. */
static bool
qemuBlockFormatHasBacking(virStorageFileFormat format)
{
    return format == VIR_STORAGE_FILE_QCOW2 || format == VIR_STORAGE_FILE_QCOW ||
           format == VIR_STORAGE_FILE_QED || format == VIR_STORAGE_FILE_VMDK ||
           format == VIR_STORAGE_FILE_COW;
}


static virStorageSource *
qemuBlockChainEnd(void)
{
    virStorageSource *end = virStorageSourceNew();

    end->type = VIR_STORAGE_TYPE_NONE;
    return end;
}


/* Build the chain below the top image of @disk from the image headers
 * (util/virstoragefile): one source per image below the top, then the
 * terminator. */
static int
qemuBlockDetectChain(virDomainDiskDef *disk)
{
    g_autoptr(virStorageFileChain) chain = NULL;
    virStorageSource **tail = &disk->src->backingStore;
    size_t i;

    if (virStorageFileChainGet(disk->src->path, disk->src->format, 0, &chain) < 0)
        return -1;

    for (i = 1; i < chain->nelems; i++) {
        const virStorageFileChainElem *elem = &chain->elems[i];
        virStorageSource *src;
        struct stat sb;

        if (elem->location != VIR_STORAGE_FILE_LOCATION_FILE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("backing image '%1$s' of disk '%2$s' is not a local file"),
                           elem->path, disk->dst);
            return -1;
        }
        src = virStorageSourceNew();
        src->path = g_strdup(elem->path);
        src->format = elem->format > VIR_STORAGE_FILE_NONE ? elem->format :
                                                             VIR_STORAGE_FILE_RAW;
        src->readonly = true;
        src->type = stat(src->path, &sb) == 0 && S_ISBLK(sb.st_mode) ?
                    VIR_STORAGE_TYPE_BLOCK : VIR_STORAGE_TYPE_FILE;
        *tail = src;
        tail = &src->backingStore;
    }
    *tail = qemuBlockChainEnd();
    return 0;
}


static int
qemuBlockCheckSource(const virDomainDiskDef *disk, const virStorageSource *src)
{
    if (!qemuBlockIsLocal(src))
        return 0;
    if (access(src->path, F_OK) < 0) {
        virReportSystemError(errno, _("Cannot access storage file '%1$s'"),
                             src->path);
        return -1;
    }
    return 0;
}


static int
qemuBlockPrepareDisk(virDomainDiskDef *disk)
{
    virStorageSource *src = disk->src;

    if (!qemuBlockIsLocal(src))
        return 0;
    if (qemuBlockCheckSource(disk, src) < 0)
        return -1;

    if (!src->backingStore) {
        if (qemuBlockFormatHasBacking(src->format))
            return qemuBlockDetectChain(disk);
        src->backingStore = qemuBlockChainEnd();
        return 0;
    }

    /* A chain given in the XML must exist as given. */
    for (src = src->backingStore; src && src->type != VIR_STORAGE_TYPE_NONE;
         src = src->backingStore) {
        if (qemuBlockCheckSource(disk, src) < 0)
            return -1;
    }
    return 0;
}


/**
 * qemuBlockAssignIndexes:
 * @def: a live definition whose chains are complete
 *
 * Number every image as the file header says (bottom-up per disk).
 */
void
qemuBlockAssignIndexes(virDomainDef *def)
{
    unsigned int next = 1;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virStorageSource *src = def->disks[i]->src;
        unsigned int len = qemuBlockChainLength(src);
        unsigned int id = next + len - 1;

        if (src->type == VIR_STORAGE_TYPE_NONE || (src->type != VIR_STORAGE_TYPE_NETWORK && !src->path))
            continue;
        for (; src && src->type != VIR_STORAGE_TYPE_NONE; src = src->backingStore)
            src->id = id--;
        next += len;
    }
}


/**
 * qemuBlockPrepareChains:
 * @def: the live definition of a domain about to start
 *
 * Check that every local image exists, complete each disk's backing
 * chain from the image headers where the XML leaves it open, and number
 * the images (which names their block nodes).  Returns 0, or -1 with an
 * error naming the image: libvirt's "Cannot access storage file" for a
 * missing one.
 */
int
qemuBlockPrepareChains(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (qemuBlockPrepareDisk(def->disks[i]) < 0)
            return -1;
    }
    qemuBlockAssignIndexes(def);
    return 0;
}
