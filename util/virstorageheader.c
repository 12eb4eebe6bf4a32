/*
 * virstorageheader.c: recognising image formats and reading their headers
 *
 * Layouts follow each format's published description: QEMU's
 * docs/interop/qcow2.txt and qed_spec.txt, VMware's Virtual Disk Format
 * 1.1, Microsoft's VHD and VHDX specifications, VirtualBox's VDI header,
 * the LUKS on-disk format, and the magic numbers libvirt probes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstoragefile.h"
#include "virstorageheader.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* qcow and qcow2 limit a backing file name to this many bytes; other
 * formats' names are held to it too. */
#define VIR_STORAGE_HEADER_NAME_MAX 1023

/* The most of a VMDK text descriptor that is read. */
#define VIR_STORAGE_HEADER_DESCRIPTOR_MAX (64 * 1024)


static int
virStorageHeaderNotFormat(virStorageHeaderReader *r, const char *format)
{
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("image '%1$s' is not in %2$s format"), r->path, format);
    return -1;
}


static int
virStorageHeaderCorrupt(virStorageHeaderReader *r, const char *format,
                        const char *reason)
{
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("%1$s image '%2$s' is corrupt: %3$s"),
                   format, r->path, reason);
    return -1;
}


static bool
virStorageHeaderHasMagic(virStorageHeaderReader *r, size_t offset,
                         const char *magic, size_t len)
{
    return r->headLen >= offset + len &&
           memcmp(r->head + offset, magic, len) == 0;
}


/* Read a name of @len bytes at @offset of the image; names with a NUL
 * byte inside are refused, as no format can store one. */
static char *
virStorageHeaderReadName(virStorageHeaderReader *r, const char *format,
                         unsigned long long offset, size_t len,
                         const char *what)
{
    g_autofree char *name = NULL;

    if (len > VIR_STORAGE_HEADER_NAME_MAX) {
        virStorageHeaderCorrupt(r, format, _("backing file name is longer than 1023 bytes"));
        return NULL;
    }
    name = g_new0(char, len + 1);
    if (virStorageHeaderReadExact(r, offset, name, len, what) < 0)
        return NULL;
    if (strlen(name) != len) {
        virStorageHeaderCorrupt(r, format, _("a name holds a NUL byte"));
        return NULL;
    }
    return g_steal_pointer(&name);
}


/* Record the backing format named @name in @meta. */
static void
virStorageHeaderSetBackingFormat(virStorageFileMetadata *meta,
                                 const char *name)
{
    int format = virStorageFileFormatFromName(name);

    meta->backingStoreRawFormatName = g_strdup(name);
    meta->backingStoreRawFormat = format < 0 ? VIR_STORAGE_FILE_NONE : format;
}


/* ---- qcow2 ---- */

#define QCOW_MAGIC "QFI\xfb"
#define QCOW2_V2_HEADER_LEN 72
#define QCOW2_V3_HEADER_LEN 104
#define QCOW2_EXT_END 0x00000000
#define QCOW2_EXT_BACKING_FORMAT 0xE2792ACA
#define QCOW2_EXT_DATA_FILE 0x44415441
#define QCOW2_INCOMPAT_DATA_FILE (1ULL << 2)
#define QCOW2_INCOMPAT_EXTL2 (1ULL << 4)
#define QCOW2_COMPAT_LAZY_REFCOUNTS (1ULL << 0)
#define QCOW_CRYPT_AES 1
#define QCOW_CRYPT_LUKS 2

static bool
virStorageHeaderQcow2Match(virStorageHeaderReader *r)
{
    uint32_t version;

    if (!virStorageHeaderHasMagic(r, 0, QCOW_MAGIC, 4) || r->headLen < 8)
        return false;
    version = virStorageHeaderBE32(r->head + 4);
    return version == 2 || version == 3;
}


/* Walk the header extensions from @offset up to the end of the first
 * cluster, where the specification confines them. */
static int
virStorageHeaderQcow2Extensions(virStorageHeaderReader *r,
                                virStorageFileMetadata *meta,
                                unsigned long long offset,
                                unsigned long long end)
{
    while (offset + 8 <= end) {
        unsigned char ext[8];
        uint32_t type;
        uint32_t len;
        g_autofree char *data = NULL;

        if (virStorageHeaderReadExact(r, offset, ext, sizeof(ext),
                                      "qcow2 header extension") < 0)
            return -1;
        type = virStorageHeaderBE32(ext);
        len = virStorageHeaderBE32(ext + 4);
        if (type == QCOW2_EXT_END)
            return 0;
        if (offset + 8 + len > end)
            return virStorageHeaderCorrupt(r, "qcow2",
                                           _("a header extension extends past the first cluster"));

        if (type == QCOW2_EXT_BACKING_FORMAT || type == QCOW2_EXT_DATA_FILE) {
            if (!(data = virStorageHeaderReadName(r, "qcow2", offset + 8, len,
                                                  "qcow2 header extension")))
                return -1;
            if (type == QCOW2_EXT_BACKING_FORMAT) {
                g_free(meta->backingStoreRawFormatName);
                virStorageHeaderSetBackingFormat(meta, data);
            } else {
                g_free(meta->dataFile);
                meta->dataFile = g_steal_pointer(&data);
            }
        }
        offset += 8 + ((len + 7ULL) & ~7ULL);
    }
    return 0;
}


static int
virStorageHeaderQcow2Parse(virStorageHeaderReader *r,
                           virStorageFileMetadata *meta)
{
    const unsigned char *h = r->head;
    uint32_t version;
    uint32_t clusterBits;
    uint32_t headerLen = QCOW2_V2_HEADER_LEN;
    uint64_t backingOffset;
    uint32_t backingLen;
    uint64_t extEnd;

    if (!virStorageHeaderQcow2Match(r))
        return virStorageHeaderNotFormat(r, "qcow2");
    version = virStorageHeaderBE32(h + 4);
    if (r->headLen < (version == 2 ? QCOW2_V2_HEADER_LEN : QCOW2_V3_HEADER_LEN))
        return virStorageHeaderCorrupt(r, "qcow2", _("the header is truncated"));

    backingOffset = virStorageHeaderBE64(h + 8);
    backingLen = virStorageHeaderBE32(h + 16);
    clusterBits = virStorageHeaderBE32(h + 20);
    meta->capacity = virStorageHeaderBE64(h + 24);
    if (clusterBits < 9 || clusterBits > 21)
        return virStorageHeaderCorrupt(r, "qcow2", _("cluster bits outside 9..21"));
    meta->clusterSize = 1ULL << clusterBits;

    switch (virStorageHeaderBE32(h + 32)) {
    case 0:
        break;
    case QCOW_CRYPT_AES:
        meta->encrypted = true;
        meta->encryption = VIR_STORAGE_FILE_ENCRYPTION_QCOW;
        break;
    case QCOW_CRYPT_LUKS:
        meta->encrypted = true;
        meta->encryption = VIR_STORAGE_FILE_ENCRYPTION_LUKS;
        break;
    default:
        return virStorageHeaderCorrupt(r, "qcow2", _("unknown encryption method"));
    }

    meta->compat = "0.10";
    if (version == 3) {
        uint64_t compatible = virStorageHeaderBE64(h + 80);

        meta->compat = "1.1";
        meta->incompatibleFeatures = virStorageHeaderBE64(h + 72);
        headerLen = virStorageHeaderBE32(h + 100);
        if (headerLen < QCOW2_V3_HEADER_LEN || headerLen > meta->clusterSize)
            return virStorageHeaderCorrupt(r, "qcow2", _("invalid header length"));
        if (compatible & QCOW2_COMPAT_LAZY_REFCOUNTS)
            meta->features |= 1U << VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS;
        if (meta->incompatibleFeatures & QCOW2_INCOMPAT_EXTL2)
            meta->features |= 1U << VIR_STORAGE_FILE_FEATURE_EXTENDED_L2;
    }

    /* The backing file name, when present, follows the extensions in the
     * first cluster; the extension area ends where it starts. */
    extEnd = MIN(meta->clusterSize, r->size);
    if (backingOffset > headerLen && backingOffset < extEnd)
        extEnd = backingOffset;
    if (virStorageHeaderQcow2Extensions(r, meta, headerLen, extEnd) < 0)
        return -1;

    if ((meta->incompatibleFeatures & QCOW2_INCOMPAT_DATA_FILE) && !meta->dataFile)
        return virStorageHeaderCorrupt(r, "qcow2",
                                       _("an external data file is required but not named"));

    if (backingOffset && backingLen &&
        !(meta->backingStoreRaw = virStorageHeaderReadName(r, "qcow2", backingOffset,
                                                           backingLen,
                                                           "backing file name")))
        return -1;
    return 0;
}


/* ---- qcow (version 1) ---- */

#define QCOW1_HEADER_LEN 48

static bool
virStorageHeaderQcowMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, QCOW_MAGIC, 4) && r->headLen >= 8 &&
           virStorageHeaderBE32(r->head + 4) == 1;
}


static int
virStorageHeaderQcowParse(virStorageHeaderReader *r,
                          virStorageFileMetadata *meta)
{
    const unsigned char *h = r->head;
    uint64_t backingOffset;
    uint32_t backingLen;

    if (!virStorageHeaderQcowMatch(r))
        return virStorageHeaderNotFormat(r, "qcow");
    if (r->headLen < QCOW1_HEADER_LEN)
        return virStorageHeaderCorrupt(r, "qcow", _("the header is truncated"));

    backingOffset = virStorageHeaderBE64(h + 8);
    backingLen = virStorageHeaderBE32(h + 16);
    meta->capacity = virStorageHeaderBE64(h + 24);
    if (h[32] < 9 || h[32] > 16)
        return virStorageHeaderCorrupt(r, "qcow", _("cluster bits outside 9..16"));
    meta->clusterSize = 1ULL << h[32];
    if (virStorageHeaderBE32(h + 36) == QCOW_CRYPT_AES) {
        meta->encrypted = true;
        meta->encryption = VIR_STORAGE_FILE_ENCRYPTION_QCOW;
    }
    if (backingOffset && backingLen &&
        !(meta->backingStoreRaw = virStorageHeaderReadName(r, "qcow", backingOffset,
                                                           backingLen,
                                                           "backing file name")))
        return -1;
    return 0;
}


/* ---- qed ---- */

#define QED_MAGIC "QED\0"
#define QED_HEADER_LEN 64
#define QED_F_BACKING_FILE 0x01
#define QED_F_BACKING_FORMAT_NO_PROBE 0x04

static bool
virStorageHeaderQedMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, QED_MAGIC, 4);
}


static int
virStorageHeaderQedParse(virStorageHeaderReader *r,
                         virStorageFileMetadata *meta)
{
    const unsigned char *h = r->head;
    uint32_t clusterSize;
    uint64_t features;

    if (!virStorageHeaderQedMatch(r))
        return virStorageHeaderNotFormat(r, "qed");
    if (r->headLen < QED_HEADER_LEN)
        return virStorageHeaderCorrupt(r, "qed", _("the header is truncated"));

    clusterSize = virStorageHeaderLE32(h + 4);
    features = virStorageHeaderLE64(h + 16);
    meta->capacity = virStorageHeaderLE64(h + 48);
    if (clusterSize < 4096 || clusterSize > 64 * 1024 * 1024 ||
        (clusterSize & (clusterSize - 1)))
        return virStorageHeaderCorrupt(r, "qed", _("invalid cluster size"));
    meta->clusterSize = clusterSize;

    if (!(features & QED_F_BACKING_FILE))
        return 0;
    if (!(meta->backingStoreRaw = virStorageHeaderReadName(r, "qed",
                                                           virStorageHeaderLE32(h + 56),
                                                           virStorageHeaderLE32(h + 60),
                                                           "backing file name")))
        return -1;
    /* Without the no-probe flag QED leaves the backing format to probing;
     * with it the backing file is raw. */
    if (features & QED_F_BACKING_FORMAT_NO_PROBE)
        virStorageHeaderSetBackingFormat(meta, "raw");
    return 0;
}


/* ---- vmdk ---- */

#define VMDK4_MAGIC "KDMV"
#define VMDK_DESCRIPTOR_MAGIC "# Disk DescriptorFile"
#define VMDK4_HEADER_LEN 44

static bool
virStorageHeaderVmdkMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, VMDK4_MAGIC, 4) ||
           virStorageHeaderHasMagic(r, 0, VMDK_DESCRIPTOR_MAGIC,
                                    strlen(VMDK_DESCRIPTOR_MAGIC));
}


/* The value of @key="value" on a line of descriptor @text, or NULL. */
static char *
virStorageHeaderVmdkValue(char **lines, const char *key)
{
    size_t keylen = strlen(key);
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *p = lines[i];
        const char *end;

        if (strncmp(p, key, keylen) != 0)
            continue;
        p += keylen;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p++ != '=')
            continue;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p++ != '"' || !(end = strchr(p, '"')))
            continue;
        return g_strndup(p, end - p);
    }
    return NULL;
}


/* Sum the sizes of the extent lines ("RW 20480 SPARSE \"x.vmdk\""). */
static unsigned long long
virStorageHeaderVmdkExtentSectors(char **lines)
{
    unsigned long long total = 0;
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) words = g_strsplit_set(lines[i], " \t", 3);
        guint64 sectors;

        if (g_strv_length(words) < 3 ||
            (STRNEQ(words[0], "RW") && STRNEQ(words[0], "RDONLY") &&
             STRNEQ(words[0], "NOACCESS")) ||
            !g_ascii_string_to_unsigned(words[1], 10, 0, G_MAXUINT64 / 512,
                                        &sectors, NULL))
            continue;
        total += sectors;
    }
    return total;
}


static int
virStorageHeaderVmdkDescriptor(virStorageHeaderReader *r,
                               virStorageFileMetadata *meta,
                               unsigned long long offset,
                               unsigned long long len,
                               bool sumExtents)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    ssize_t got;

    len = MIN(len, VIR_STORAGE_HEADER_DESCRIPTOR_MAX);
    text = g_new0(char, len + 1);
    if ((got = virStorageHeaderRead(r, offset, text, len)) < 0)
        return -1;
    text[got] = '\0';
    lines = g_strsplit_set(text, "\r\n", -1);

    if (sumExtents)
        meta->capacity = virStorageHeaderVmdkExtentSectors(lines) * 512;
    meta->backingStoreRaw = virStorageHeaderVmdkValue(lines, "parentFileNameHint");
    /* QEMU opens a VMDK's parent as VMDK, never probing it. */
    if (meta->backingStoreRaw)
        virStorageHeaderSetBackingFormat(meta, "vmdk");
    return 0;
}


static int
virStorageHeaderVmdkParse(virStorageHeaderReader *r,
                          virStorageFileMetadata *meta)
{
    const unsigned char *h = r->head;
    uint64_t descOffset;
    uint64_t descSize;

    if (!virStorageHeaderVmdkMatch(r))
        return virStorageHeaderNotFormat(r, "vmdk");
    if (!virStorageHeaderHasMagic(r, 0, VMDK4_MAGIC, 4))
        return virStorageHeaderVmdkDescriptor(r, meta, 0, r->size, true);

    if (r->headLen < VMDK4_HEADER_LEN)
        return virStorageHeaderCorrupt(r, "vmdk", _("the header is truncated"));
    meta->capacity = virStorageHeaderLE64(h + 12) * 512;
    meta->clusterSize = virStorageHeaderLE64(h + 20) * 512;
    descOffset = virStorageHeaderLE64(h + 28);
    descSize = virStorageHeaderLE64(h + 36);
    /* An extent of a split image has its descriptor in another file. */
    if (!descOffset || !descSize)
        return 0;
    if (descOffset > G_MAXUINT64 / 512 || descSize > G_MAXUINT64 / 512)
        return virStorageHeaderCorrupt(r, "vmdk", _("invalid descriptor location"));
    return virStorageHeaderVmdkDescriptor(r, meta, descOffset * 512,
                                          descSize * 512, false);
}


/* ---- vpc (Microsoft VHD) ---- */

#define VPC_MAGIC "conectix"
#define VPC_FOOTER_LEN 512
#define VPC_DYNAMIC_MAGIC "cxsparse"
#define VPC_TYPE_FIXED 2

static bool
virStorageHeaderVpcMatch(virStorageHeaderReader *r)
{
    /* Like QEMU, only a footer copy at the start identifies the format:
     * a fixed disk, which has its footer at the end alone, probes as raw. */
    return virStorageHeaderHasMagic(r, 0, VPC_MAGIC, 8);
}


static int
virStorageHeaderVpcParse(virStorageHeaderReader *r,
                         virStorageFileMetadata *meta)
{
    unsigned char footer[VPC_FOOTER_LEN];
    unsigned char dyn[40];

    if (virStorageHeaderVpcMatch(r) && r->headLen >= VPC_FOOTER_LEN) {
        memcpy(footer, r->head, VPC_FOOTER_LEN);
    } else {
        if (r->size < VPC_FOOTER_LEN ||
            virStorageHeaderReadExact(r, r->size - VPC_FOOTER_LEN, footer,
                                      VPC_FOOTER_LEN, "vpc footer") < 0 ||
            memcmp(footer, VPC_MAGIC, 8) != 0)
            return virStorageHeaderNotFormat(r, "vpc");
    }

    meta->capacity = virStorageHeaderBE64(footer + 48);
    if (virStorageHeaderBE32(footer + 60) == VPC_TYPE_FIXED)
        return 0;
    if (virStorageHeaderReadExact(r, virStorageHeaderBE64(footer + 16), dyn,
                                  sizeof(dyn), "vpc dynamic disk header") < 0)
        return -1;
    if (memcmp(dyn, VPC_DYNAMIC_MAGIC, 8) != 0)
        return virStorageHeaderCorrupt(r, "vpc", _("the dynamic disk header is missing"));
    meta->clusterSize = virStorageHeaderBE32(dyn + 32);
    /* A differencing disk names its parent too, but QEMU's vpc driver
     * does not open differencing disks, so there is no chain to follow. */
    return 0;
}


/* ---- vdi ---- */

#define VDI_SIGNATURE 0xbeda107f
#define VDI_VERSION_1_1 0x00010001
#define VDI_HEADER_LEN 384

static bool
virStorageHeaderVdiMatch(virStorageHeaderReader *r)
{
    return r->headLen >= 72 &&
           virStorageHeaderLE32(r->head + 64) == VDI_SIGNATURE;
}


static int
virStorageHeaderVdiParse(virStorageHeaderReader *r,
                         virStorageFileMetadata *meta)
{
    if (!virStorageHeaderVdiMatch(r))
        return virStorageHeaderNotFormat(r, "vdi");
    if (virStorageHeaderLE32(r->head + 68) != VDI_VERSION_1_1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("vdi image '%1$s' has unsupported version 0x%2$08x"),
                       r->path, virStorageHeaderLE32(r->head + 68));
        return -1;
    }
    if (r->headLen < VDI_HEADER_LEN)
        return virStorageHeaderCorrupt(r, "vdi", _("the header is truncated"));
    meta->capacity = virStorageHeaderLE64(r->head + 368);
    meta->clusterSize = virStorageHeaderLE32(r->head + 376);
    return 0;
}


/* ---- vhdx ---- */

#define VHDX_MAGIC "vhdxfile"
#define VHDX_REGION_TABLE_OFFSET (192 * 1024)
#define VHDX_REGION_TABLE_COPY_OFFSET (256 * 1024)
#define VHDX_REGION_MAGIC "regi"
#define VHDX_METADATA_MAGIC "metadata"
#define VHDX_TABLE_ENTRIES_MAX 2047

/* GUIDs as stored: the first three fields little-endian. */
static const unsigned char vhdxMetadataRegion[16] = {
    0x06, 0xa2, 0x7c, 0x8b, 0x90, 0x47, 0x9a, 0x4b,
    0xb8, 0xfe, 0x57, 0x5f, 0x05, 0x0f, 0x88, 0x6e,
};
static const unsigned char vhdxFileParameters[16] = {
    0x37, 0x67, 0xa1, 0xca, 0x36, 0xfa, 0x43, 0x4d,
    0xb3, 0xb6, 0x33, 0xf0, 0xaa, 0x44, 0xe7, 0x6b,
};
static const unsigned char vhdxVirtualDiskSize[16] = {
    0x24, 0x42, 0xa5, 0x2f, 0x1b, 0xcd, 0x76, 0x48,
    0xb2, 0x11, 0x5d, 0xbe, 0xd8, 0x3b, 0xf4, 0xb8,
};

static bool
virStorageHeaderVhdxMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, VHDX_MAGIC, 8);
}


/* Read the table at @offset: a 16- or 32-byte header whose entry count
 * is a little-endian integer of @countLen bytes at @countOffset, then
 * 32-byte entries.  Returns the entries (count in *@n) or NULL. */
static unsigned char *
virStorageHeaderVhdxTable(virStorageHeaderReader *r,
                          unsigned long long offset,
                          const char *magic,
                          size_t headerLen,
                          size_t countOffset,
                          size_t countLen,
                          uint32_t *n)
{
    unsigned char header[32];
    g_autofree unsigned char *entries = NULL;

    if (virStorageHeaderReadExact(r, offset, header, headerLen,
                                  "vhdx table header") < 0)
        return NULL;
    if (memcmp(header, magic, strlen(magic)) != 0) {
        virStorageHeaderCorrupt(r, "vhdx", _("a table signature is missing"));
        return NULL;
    }
    *n = countLen == 2 ? (uint32_t)(header[countOffset] | header[countOffset + 1] << 8)
                       : virStorageHeaderLE32(header + countOffset);
    if (*n > VHDX_TABLE_ENTRIES_MAX) {
        virStorageHeaderCorrupt(r, "vhdx", _("a table has too many entries"));
        return NULL;
    }
    entries = g_new0(unsigned char, *n * 32 + 1);
    if (virStorageHeaderReadExact(r, offset + headerLen, entries, *n * 32,
                                  "vhdx table") < 0)
        return NULL;
    return g_steal_pointer(&entries);
}


static int
virStorageHeaderVhdxParse(virStorageHeaderReader *r,
                          virStorageFileMetadata *meta)
{
    g_autofree unsigned char *regions = NULL;
    g_autofree unsigned char *items = NULL;
    unsigned long long metaOffset = 0;
    uint32_t n;
    uint32_t i;

    if (!virStorageHeaderVhdxMatch(r))
        return virStorageHeaderNotFormat(r, "vhdx");
    if (!(regions = virStorageHeaderVhdxTable(r, VHDX_REGION_TABLE_OFFSET,
                                              VHDX_REGION_MAGIC, 16, 8, 4, &n))) {
        virErrorResetLast();
        if (!(regions = virStorageHeaderVhdxTable(r, VHDX_REGION_TABLE_COPY_OFFSET,
                                                  VHDX_REGION_MAGIC, 16, 8, 4, &n)))
            return -1;
    }
    for (i = 0; i < n; i++) {
        if (memcmp(regions + i * 32, vhdxMetadataRegion, 16) == 0)
            metaOffset = virStorageHeaderLE64(regions + i * 32 + 16);
    }
    if (!metaOffset)
        return virStorageHeaderCorrupt(r, "vhdx", _("the metadata region is missing"));

    if (!(items = virStorageHeaderVhdxTable(r, metaOffset, VHDX_METADATA_MAGIC,
                                            32, 10, 2, &n)))
        return -1;
    for (i = 0; i < n; i++) {
        const unsigned char *item = items + i * 32;
        unsigned long long at = metaOffset + virStorageHeaderLE32(item + 16);
        unsigned char value[8];

        if (memcmp(item, vhdxVirtualDiskSize, 16) == 0) {
            if (virStorageHeaderReadExact(r, at, value, 8, "vhdx disk size") < 0)
                return -1;
            meta->capacity = virStorageHeaderLE64(value);
        } else if (memcmp(item, vhdxFileParameters, 16) == 0) {
            if (virStorageHeaderReadExact(r, at, value, 8, "vhdx file parameters") < 0)
                return -1;
            meta->clusterSize = virStorageHeaderLE32(value);
        }
    }
    return 0;
}


/* ---- luks ---- */

#define LUKS_MAGIC "LUKS\xba\xbe"
#define LUKS1_HEADER_LEN 112

static bool
virStorageHeaderLuksMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, LUKS_MAGIC, 6);
}


static int
virStorageHeaderLuksParse(virStorageHeaderReader *r,
                          virStorageFileMetadata *meta)
{
    unsigned long long payload;

    if (!virStorageHeaderLuksMatch(r))
        return virStorageHeaderNotFormat(r, "luks");
    meta->encrypted = true;
    meta->encryption = VIR_STORAGE_FILE_ENCRYPTION_LUKS;
    /* LUKS2 keeps the payload offset in its JSON area; the size the guest
     * sees is then left unknown rather than guessed. */
    meta->capacity = 0;
    if (virStorageHeaderBE16(r->head + 6) != 1)
        return 0;
    if (r->headLen < LUKS1_HEADER_LEN)
        return virStorageHeaderCorrupt(r, "luks", _("the header is truncated"));
    payload = virStorageHeaderBE32(r->head + 104) * 512ULL;
    if (payload <= r->size)
        meta->capacity = r->size - payload;
    return 0;
}


/* ---- raw, and formats recognised but not parsed ---- */

static int
virStorageHeaderRawParse(virStorageHeaderReader *r,
                         virStorageFileMetadata *meta)
{
    /* libvirt models a LUKS volume as an encrypted raw image. */
    if (virStorageHeaderLuksMatch(r)) {
        meta->encrypted = true;
        meta->encryption = VIR_STORAGE_FILE_ENCRYPTION_LUKS;
    }
    return 0;
}


#define ISO_MAGIC_OFFSET 32769
#define ISO_MAGIC "CD001"

static bool
virStorageHeaderIsoMatch(virStorageHeaderReader *r)
{
    char magic[5];

    return virStorageHeaderRead(r, ISO_MAGIC_OFFSET, magic, 5) == 5 &&
           memcmp(magic, ISO_MAGIC, 5) == 0;
}


static bool
virStorageHeaderParallelsMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, "WithoutFreeSpace", 16) ||
           virStorageHeaderHasMagic(r, 0, "WithouFreSpacExt", 16);
}


static int
virStorageHeaderParallelsParse(virStorageHeaderReader *r,
                               virStorageFileMetadata *meta)
{
    if (!virStorageHeaderParallelsMatch(r))
        return virStorageHeaderNotFormat(r, "parallels");
    if (r->headLen < 64)
        return virStorageHeaderCorrupt(r, "parallels", _("the header is truncated"));
    /* Only the extended header stores a 64-bit sector count. */
    if (virStorageHeaderHasMagic(r, 0, "WithoutFreeSpace", 16))
        meta->capacity = virStorageHeaderLE32(r->head + 36) * 512ULL;
    else
        meta->capacity = virStorageHeaderLE64(r->head + 36) * 512;
    meta->clusterSize = virStorageHeaderLE32(r->head + 28) * 512ULL;
    return 0;
}


static bool
virStorageHeaderBochsMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, "Bochs Virtual HD Image", 22);
}


static bool
virStorageHeaderCloopMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, "#!/bin/sh\n#V2.0 Format\n", 23);
}


static bool
virStorageHeaderCowMatch(virStorageHeaderReader *r)
{
    return virStorageHeaderHasMagic(r, 0, "OOOM", 4) && r->headLen >= 8 &&
           virStorageHeaderBE32(r->head + 4) == 2;
}


static bool
virStorageHeaderDmgMatch(virStorageHeaderReader *r)
{
    char magic[4];

    /* The "koly" trailer alone could be guest data, so the name must say
     * .dmg too, as QEMU requires. */
    return g_str_has_suffix(r->path, ".dmg") && r->size >= 512 &&
           virStorageHeaderRead(r, r->size - 512, magic, 4) == 4 &&
           memcmp(magic, "koly", 4) == 0;
}


/* Probing order: magic numbers first, the ISO and DMG checks (which read
 * beyond the first sector) last, raw as the fallback that matches all. */
static const virStorageHeaderFormat virStorageHeaderFormatList[] = {
    { "qcow2", VIR_STORAGE_FILE_QCOW2,
      virStorageHeaderQcow2Match, virStorageHeaderQcow2Parse },
    { "qcow", VIR_STORAGE_FILE_QCOW,
      virStorageHeaderQcowMatch, virStorageHeaderQcowParse },
    { "qed", VIR_STORAGE_FILE_QED,
      virStorageHeaderQedMatch, virStorageHeaderQedParse },
    { "vmdk", VIR_STORAGE_FILE_VMDK,
      virStorageHeaderVmdkMatch, virStorageHeaderVmdkParse },
    { "vpc", VIR_STORAGE_FILE_VPC,
      virStorageHeaderVpcMatch, virStorageHeaderVpcParse },
    { "vdi", VIR_STORAGE_FILE_VDI,
      virStorageHeaderVdiMatch, virStorageHeaderVdiParse },
    { "vhdx", VIR_STORAGE_FILE_NONE,
      virStorageHeaderVhdxMatch, virStorageHeaderVhdxParse },
    { "luks", VIR_STORAGE_FILE_RAW,
      virStorageHeaderLuksMatch, virStorageHeaderLuksParse },
    { "parallels", VIR_STORAGE_FILE_PLOOP,
      virStorageHeaderParallelsMatch, virStorageHeaderParallelsParse },
    { "bochs", VIR_STORAGE_FILE_BOCHS, virStorageHeaderBochsMatch, NULL },
    { "cloop", VIR_STORAGE_FILE_CLOOP, virStorageHeaderCloopMatch, NULL },
    { "cow", VIR_STORAGE_FILE_COW, virStorageHeaderCowMatch, NULL },
    { "iso", VIR_STORAGE_FILE_ISO, virStorageHeaderIsoMatch, NULL },
    { "dmg", VIR_STORAGE_FILE_DMG, virStorageHeaderDmgMatch, NULL },
    { "fat", VIR_STORAGE_FILE_FAT, NULL, NULL },
    { "dir", VIR_STORAGE_FILE_DIR, NULL, NULL },
    { "raw", VIR_STORAGE_FILE_RAW, NULL, virStorageHeaderRawParse },
};


/**
 * virStorageHeaderFormats:
 * @n: set to the number of formats
 *
 * Returns the static table of formats, in probing order.
 */
const virStorageHeaderFormat *
virStorageHeaderFormats(size_t *n)
{
    *n = G_N_ELEMENTS(virStorageHeaderFormatList);
    return virStorageHeaderFormatList;
}
