/*
 * virstoragefile.h: disk image formats, their headers and backing chains
 *
 * Only image headers are read, never guest data; files are opened
 * read-only; backing names that are URIs or json: strings are reported,
 * never followed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

/* libvirt's image formats, with libvirt's values and XML words.  AUTO is
 * never stored in a definition: it asks the reader to probe. */
typedef enum {
    VIR_STORAGE_FILE_AUTO = -1,
    VIR_STORAGE_FILE_NONE = 0,
    VIR_STORAGE_FILE_RAW,
    VIR_STORAGE_FILE_DIR,
    VIR_STORAGE_FILE_BOCHS,
    VIR_STORAGE_FILE_CLOOP,
    VIR_STORAGE_FILE_DMG,
    VIR_STORAGE_FILE_ISO,
    VIR_STORAGE_FILE_VPC,
    VIR_STORAGE_FILE_VDI,
    VIR_STORAGE_FILE_FAT,
    VIR_STORAGE_FILE_VHD,
    VIR_STORAGE_FILE_PLOOP,
    VIR_STORAGE_FILE_COW,
    VIR_STORAGE_FILE_QCOW,
    VIR_STORAGE_FILE_QCOW2,
    VIR_STORAGE_FILE_QED,
    VIR_STORAGE_FILE_VMDK,

    VIR_STORAGE_FILE_LAST
} virStorageFileFormat;

VIR_ENUM_DECL(virStorageFileFormat);

/* Optional image features, with libvirt's <features> words; bits of
 * virStorageFileMetadata.features are 1 << these. */
typedef enum {
    VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS = 0,
    VIR_STORAGE_FILE_FEATURE_EXTENDED_L2,

    VIR_STORAGE_FILE_FEATURE_LAST
} virStorageFileFeature;

VIR_ENUM_DECL(virStorageFileFeature);

/* Encryption found in an image header, with libvirt's <encryption
 * format=...> words ("default" meaning none was found). */
typedef enum {
    VIR_STORAGE_FILE_ENCRYPTION_DEFAULT = 0,
    VIR_STORAGE_FILE_ENCRYPTION_QCOW,
    VIR_STORAGE_FILE_ENCRYPTION_LUKS,

    VIR_STORAGE_FILE_ENCRYPTION_LAST
} virStorageFileEncryption;

VIR_ENUM_DECL(virStorageFileEncryption);

/* The longest chain walked, top image included, unless a caller asks
 * for another limit: libvirt's own limit. */
#define VIR_STORAGE_FILE_CHAIN_MAX_DEPTH 200

typedef struct _virStorageFileMetadata virStorageFileMetadata;
struct _virStorageFileMetadata {
    /* The format the header was read as.  NONE for a format QEMU reads
     * but libvirt has no word for (vhdx); formatName says which. */
    virStorageFileFormat format;
    /* Static name of the on-disk format: libvirt's word, or QEMU's
     * driver name where it differs ("luks", "vhdx", "parallels"). */
    const char *formatName;
    /* Size the guest sees, in bytes; 0 when the header does not say. */
    unsigned long long capacity;
    /* Size of the file or block device, in bytes. */
    unsigned long long physical;
    /* Bytes the file occupies on its filesystem (st_blocks * 512); equal
     * to physical for a block device. */
    unsigned long long allocation;
    /* Allocation unit in bytes (qcow2/qed cluster, vmdk grain, vdi/vpc/
     * vhdx block); 0 where the format has none. */
    unsigned long long clusterSize;
    /* qcow2 only: libvirt's <compat> word, "0.10" (v2) or "1.1" (v3). */
    const char *compat;
    /* Bits 1 << virStorageFileFeature. */
    unsigned int features;
    /* qcow2 v3 incompatible feature bits as stored (bit 2: external data
     * file), for callers that must refuse bits they do not know. */
    unsigned long long incompatibleFeatures;
    /* Backing file name exactly as the header stores it; NULL if none. */
    char *backingStoreRaw;
    /* Backing format recorded in the header: AUTO when none is (QEMU and
     * libvirt then probe), NONE when the recorded name is not libvirt's
     * (see backingStoreRawFormatName). */
    virStorageFileFormat backingStoreRawFormat;
    /* The recorded backing format name as stored; NULL if none. */
    char *backingStoreRawFormatName;
    /* qcow2 external data file name as stored; NULL if none. */
    char *dataFile;
    bool encrypted;
    virStorageFileEncryption encryption;
};

void virStorageFileMetadataFree(virStorageFileMetadata *meta);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageFileMetadata, virStorageFileMetadataFree);

int virStorageFileFormatFromName(const char *name);

int virStorageFileProbeFormat(const char *path);

virStorageFileMetadata *virStorageFileGetMetadata(const char *path,
                                                  int format);

virStorageFileMetadata *virStorageFileGetMetadataFD(int fd,
                                                    const char *path,
                                                    int format);

virStorageFileMetadata *virStorageFileGetMetadataNamed(int fd,
                                                       const char *path,
                                                       const char *formatName);

/* Where a backing name points. */
typedef enum {
    VIR_STORAGE_FILE_LOCATION_FILE = 0,  /* a local file or block device */
    VIR_STORAGE_FILE_LOCATION_NETWORK,   /* protocol:... or a URI */
    VIR_STORAGE_FILE_LOCATION_JSON,      /* QEMU's json:{...} pseudo-protocol */

    VIR_STORAGE_FILE_LOCATION_LAST
} virStorageFileLocation;

VIR_ENUM_DECL(virStorageFileLocation);

typedef struct _virStorageFileChainElem virStorageFileChainElem;
struct _virStorageFileChainElem {
    /* FILE: the path that was opened, a relative name resolved against
     * the directory of the image that names it.  Otherwise the name as
     * stored. */
    char *path;
    /* The name as the overlay's header stores it; NULL for the top. */
    char *rawName;
    virStorageFileLocation location;
    /* FILE: the format read; otherwise the format the overlay records
     * (AUTO if none). */
    virStorageFileFormat format;
    /* The format was probed rather than given or recorded. */
    bool formatProbed;
    /* FILE only; NULL otherwise. */
    virStorageFileMetadata *meta;
};

typedef struct _virStorageFileChain virStorageFileChain;
struct _virStorageFileChain {
    size_t nelems;
    /* [0] is the top image, [nelems - 1] the bottom of the chain. */
    virStorageFileChainElem *elems;
};

void virStorageFileChainFree(virStorageFileChain *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageFileChain, virStorageFileChainFree);

virStorageFileLocation virStorageFileClassifyName(const char *name);

char *virStorageFileResolveBacking(const char *overlay, const char *name);

int virStorageFileChainGet(const char *path,
                           int format,
                           unsigned int maxDepth,
                           virStorageFileChain **chain);
