/*
 * secret_conf.h: the <secret> XML model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

/* virSecretUsageType comes from libvirt-secret.h; its _LAST hides
 * behind VIR_ENUM_SENTINELS */
#define VIR_SECRET_USAGE_TYPE_COUNT (VIR_SECRET_USAGE_TYPE_VTPM + 1)
VIR_ENUM_DECL(virSecretUsage);

typedef struct _virSecretDef virSecretDef;
struct _virSecretDef {
    bool isephemeral;
    bool isprivate;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *description;
    int usageType;                  /* virSecretUsageType */
    char *usageID;                  /* volume path, ceph/tls/vtpm name, iscsi target */
};

typedef enum {
    /* skip the cross-field rules of virSecretDefValidate() */
    VIR_SECRET_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virSecretDefParseFlags;

void virSecretDefFree(virSecretDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecretDef, virSecretDefFree);

virSecretDef *virSecretDefParseString(const char *xml, unsigned int flags);
virSecretDef *virSecretDefParseFile(const char *filename, unsigned int flags);
char *virSecretDefFormat(const virSecretDef *def, unsigned int flags);
int virSecretDefValidate(const virSecretDef *def);
