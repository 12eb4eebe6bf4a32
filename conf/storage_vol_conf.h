/*
 * storage_vol_conf.h: the <volume> XML model (storage volumes)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "storage_pool_conf.h"

/* virStorageVolType and its values come from libvirt-storage.h, whose
 * _LAST hides behind VIR_ENUM_SENTINELS */
#define VIR_STORAGE_VOL_TYPE_COUNT (VIR_STORAGE_VOL_PLOOP + 1)
VIR_ENUM_DECL(virStorageVol);

typedef struct _virStorageVolTarget virStorageVolTarget;
struct _virStorageVolTarget {
    char *path;
    int format;                     /* virStorageFileFormat; 0 when absent */
    virStoragePerms perms;
};

typedef struct _virStorageVolDef virStorageVolDef;
struct _virStorageVolDef {
    char *name;
    char *key;
    unsigned int type;              /* virStorageVolType */
    bool hasCapacity;
    unsigned long long capacity;    /* bytes */
    bool hasAllocation;
    unsigned long long allocation;  /* bytes; capacity when absent */
    virStorageVolTarget target;
    char *compat;                   /* qcow2 "0.10" or "1.1" */
    bool lazyRefcounts;             /* <features><lazy_refcounts/> */
    bool nocow;                     /* parsed, never written, as libvirt */
    bool hasBacking;
    virStorageVolTarget backing;
};

typedef enum {
    /* skip the cross-field rules of virStorageVolDefValidate() */
    VIR_STORAGE_VOL_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virStorageVolDefParseFlags;

void virStorageVolDefFree(virStorageVolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVolDef, virStorageVolDefFree);

virStorageVolDef *virStorageVolDefParseString(const char *xml,
                                              unsigned int flags);
virStorageVolDef *virStorageVolDefParseFile(const char *filename,
                                            unsigned int flags);
char *virStorageVolDefFormat(const virStorageVolDef *def, unsigned int flags);

int virStorageVolDefValidate(const virStorageVolDef *def);
