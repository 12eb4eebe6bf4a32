/*
 * storage_pool_conf.h: the <pool> XML model (storage pools) and the
 * <permissions> element that pools and volumes share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "virbuffer.h"
#include "virxml.h"

typedef enum {
    VIR_STORAGE_POOL_DIR = 0,
    VIR_STORAGE_POOL_FS,
    VIR_STORAGE_POOL_NETFS,
    VIR_STORAGE_POOL_LOGICAL,
    VIR_STORAGE_POOL_DISK,
    VIR_STORAGE_POOL_ISCSI,
    VIR_STORAGE_POOL_ISCSI_DIRECT,
    VIR_STORAGE_POOL_SCSI,
    VIR_STORAGE_POOL_MPATH,
    VIR_STORAGE_POOL_RBD,
    VIR_STORAGE_POOL_SHEEPDOG,
    VIR_STORAGE_POOL_GLUSTER,
    VIR_STORAGE_POOL_ZFS,
    VIR_STORAGE_POOL_VSTORAGE,

    VIR_STORAGE_POOL_LAST
} virStoragePoolType;
VIR_ENUM_DECL(virStoragePool);

typedef enum {
    VIR_STORAGE_POOL_FS_AUTO = 0,
    VIR_STORAGE_POOL_FS_EXT2,
    VIR_STORAGE_POOL_FS_EXT3,
    VIR_STORAGE_POOL_FS_EXT4,
    VIR_STORAGE_POOL_FS_UFS,
    VIR_STORAGE_POOL_FS_ISO,
    VIR_STORAGE_POOL_FS_UDF,
    VIR_STORAGE_POOL_FS_GFS,
    VIR_STORAGE_POOL_FS_GFS2,
    VIR_STORAGE_POOL_FS_VFAT,
    VIR_STORAGE_POOL_FS_HFSPLUS,
    VIR_STORAGE_POOL_FS_XFS,
    VIR_STORAGE_POOL_FS_OCFS2,
    VIR_STORAGE_POOL_FS_VMFS,

    VIR_STORAGE_POOL_FS_LAST
} virStoragePoolFormatFileSystem;
VIR_ENUM_DECL(virStoragePoolFormatFileSystem);

typedef enum {
    VIR_STORAGE_POOL_NETFS_AUTO = 0,
    VIR_STORAGE_POOL_NETFS_NFS,
    VIR_STORAGE_POOL_NETFS_GLUSTERFS,
    VIR_STORAGE_POOL_NETFS_CIFS,

    VIR_STORAGE_POOL_NETFS_LAST
} virStoragePoolFormatFileSystemNet;
VIR_ENUM_DECL(virStoragePoolFormatFileSystemNet);

typedef enum {
    VIR_STORAGE_POOL_DISK_UNKNOWN = 0,
    VIR_STORAGE_POOL_DISK_DOS,
    VIR_STORAGE_POOL_DISK_DVH,
    VIR_STORAGE_POOL_DISK_GPT,
    VIR_STORAGE_POOL_DISK_MAC,
    VIR_STORAGE_POOL_DISK_BSD,
    VIR_STORAGE_POOL_DISK_PC98,
    VIR_STORAGE_POOL_DISK_SUN,
    VIR_STORAGE_POOL_DISK_LVM2,

    VIR_STORAGE_POOL_DISK_LAST
} virStoragePoolFormatDisk;
VIR_ENUM_DECL(virStoragePoolFormatDisk);

typedef enum {
    VIR_STORAGE_POOL_LOGICAL_UNKNOWN = 0,
    VIR_STORAGE_POOL_LOGICAL_LVM2,

    VIR_STORAGE_POOL_LOGICAL_LAST
} virStoragePoolFormatLogical;
VIR_ENUM_DECL(virStoragePoolFormatLogical);

typedef enum {
    VIR_STORAGE_AUTH_TYPE_NONE = 0,
    VIR_STORAGE_AUTH_TYPE_CHAP,
    VIR_STORAGE_AUTH_TYPE_CEPHX,

    VIR_STORAGE_AUTH_TYPE_LAST
} virStorageAuthType;
VIR_ENUM_DECL(virStorageAuth);

/* <permissions>, of a pool target, a volume target or a backing store */
typedef struct _virStoragePerms virStoragePerms;
struct _virStoragePerms {
    bool present;
    int mode;                       /* -1 when absent */
    long long uid;                  /* -1 when absent */
    long long gid;                  /* -1 when absent */
    char *label;
};

typedef struct _virStoragePoolSourceHost virStoragePoolSourceHost;
struct _virStoragePoolSourceHost {
    char *name;
    int port;                       /* 0 when absent */
};

typedef struct _virStoragePoolSource virStoragePoolSource;
struct _virStoragePoolSource {
    size_t nhosts;
    virStoragePoolSourceHost *hosts;
    GStrv devices;                  /* <device path=...> */
    char *dir;
    char *name;
    char *initiatorIqn;
    unsigned int authType;          /* virStorageAuthType */
    char *authUsername;
    char *authSecretUUID;
    char *authSecretUsage;
    char *vendor;
    char *product;
    int format;                     /* per pool type enum; -1 when absent */
    char *protocolVer;
};

typedef struct _virStoragePoolDef virStoragePoolDef;
struct _virStoragePoolDef {
    unsigned int type;              /* virStoragePoolType */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned long long capacity;    /* bytes, reported by the driver */
    unsigned long long allocation;
    unsigned long long available;
    virStoragePoolSource source;
    char *targetPath;
    virStoragePerms perms;
};

typedef enum {
    /* skip the cross-field rules of storage_pool_validate.c */
    VIR_STORAGE_POOL_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virStoragePoolDefParseFlags;

void virStoragePoolDefFree(virStoragePoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolDef, virStoragePoolDefFree);

virStoragePoolDef *virStoragePoolDefParseString(const char *xml,
                                                unsigned int flags);
virStoragePoolDef *virStoragePoolDefParseFile(const char *filename,
                                              unsigned int flags);
char *virStoragePoolDefFormat(const virStoragePoolDef *def, unsigned int flags);

/* The pool source format word for @type, or NULL. */
const char *virStoragePoolFormatToString(unsigned int type, int format);

/* <permissions> shared with storage_vol_conf.c */
void virStoragePermsClear(virStoragePerms *perms);
int virStoragePermsParseXML(xmlNodePtr node, virStoragePerms *perms);
void virStoragePermsFormat(virBuffer *buf, const virStoragePerms *perms);

/* storage_pool_validate.c */
int virStoragePoolDefValidate(const virStoragePoolDef *def);
