/*
 * storage_pool_validate.c: cross-field rules of storage <pool>
 * definitions: which source and target elements each pool type needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virconfxml.h"
#include "storage_pool_conf.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* What the source of each pool type must, and may, hold. */
typedef enum {
    VIR_POOL_NEEDS_HOST = 1 << 0,
    VIR_POOL_NEEDS_DEVICE = 1 << 1,
    VIR_POOL_NEEDS_DIR = 1 << 2,
    VIR_POOL_NEEDS_TARGET = 1 << 3,
    VIR_POOL_NEEDS_INITIATOR = 1 << 4,
    VIR_POOL_NEEDS_NAME = 1 << 5,
    VIR_POOL_ALLOWS_AUTH = 1 << 6,
    VIR_POOL_ALLOWS_HOST = 1 << 7,
} virStoragePoolNeeds;

static const unsigned int virStoragePoolTypeNeeds[VIR_STORAGE_POOL_LAST] = {
    [VIR_STORAGE_POOL_DIR] = VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_FS] = VIR_POOL_NEEDS_DEVICE | VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_NETFS] = VIR_POOL_NEEDS_HOST | VIR_POOL_NEEDS_DIR |
                               VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_LOGICAL] = VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_DISK] = VIR_POOL_NEEDS_DEVICE | VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_ISCSI] = VIR_POOL_NEEDS_HOST | VIR_POOL_NEEDS_DEVICE |
                               VIR_POOL_NEEDS_TARGET | VIR_POOL_ALLOWS_AUTH,
    [VIR_STORAGE_POOL_ISCSI_DIRECT] = VIR_POOL_NEEDS_HOST | VIR_POOL_NEEDS_DEVICE |
                                      VIR_POOL_NEEDS_INITIATOR | VIR_POOL_ALLOWS_AUTH,
    [VIR_STORAGE_POOL_SCSI] = VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_MPATH] = VIR_POOL_NEEDS_TARGET,
    [VIR_STORAGE_POOL_RBD] = VIR_POOL_NEEDS_HOST | VIR_POOL_NEEDS_NAME |
                             VIR_POOL_ALLOWS_AUTH,
    [VIR_STORAGE_POOL_SHEEPDOG] = VIR_POOL_NEEDS_NAME | VIR_POOL_ALLOWS_HOST,
    [VIR_STORAGE_POOL_GLUSTER] = VIR_POOL_NEEDS_HOST | VIR_POOL_NEEDS_NAME |
                                 VIR_POOL_ALLOWS_AUTH,
    [VIR_STORAGE_POOL_ZFS] = VIR_POOL_NEEDS_NAME,
    [VIR_STORAGE_POOL_VSTORAGE] = VIR_POOL_NEEDS_NAME | VIR_POOL_NEEDS_TARGET,
};


static void
virStoragePoolSourceValidate(const virStoragePoolDef *def, unsigned int needs,
                             virConfViolations *v)
{
    const virStoragePoolSource *src = &def->source;
    const char *type = virStoragePoolTypeToString(def->type);
    bool hasDevice = src->devices && src->devices[0];

    if ((needs & VIR_POOL_NEEDS_HOST) && !src->nhosts)
        virConfViolationAdd(v, "/pool/source",
                            _("missing storage pool source host name, needed by pool type '%1$s'"),
                            type);
    if (!(needs & (VIR_POOL_NEEDS_HOST | VIR_POOL_ALLOWS_HOST)) && src->nhosts)
        virConfViolationAdd(v, "/pool/source/host",
                            _("pool type '%1$s' has no source host"), type);
    if ((needs & VIR_POOL_NEEDS_DEVICE) && !hasDevice)
        virConfViolationAdd(v, "/pool/source",
                            _("missing storage pool source device path, needed by pool type '%1$s'"),
                            type);
    if (def->type == VIR_STORAGE_POOL_FS && hasDevice && src->devices[1])
        virConfViolationAdd(v, "/pool/source/device[2]", "%s",
                            _("Expected exactly 1 device for the storage pool"));
    if ((needs & VIR_POOL_NEEDS_DIR) && !src->dir)
        virConfViolationAdd(v, "/pool/source",
                            _("missing storage pool source path, needed by pool type '%1$s'"),
                            type);
    if ((needs & VIR_POOL_NEEDS_NAME) && !src->name)
        virConfViolationAdd(v, "/pool/source",
                            _("missing storage pool source name, needed by pool type '%1$s'"),
                            type);
    if ((needs & VIR_POOL_NEEDS_INITIATOR) && !src->initiatorIqn)
        virConfViolationAdd(v, "/pool/source", "%s",
                            _("missing initiator IQN"));
    if (src->authType && !(needs & VIR_POOL_ALLOWS_AUTH))
        virConfViolationAdd(v, "/pool/source/auth",
                            _("pool type '%1$s' does not take authentication"), type);
    if (src->authType && !src->authSecretUUID == !src->authSecretUsage)
        virConfViolationAdd(v, "/pool/source/auth/secret", "%s",
                            _("either secret uuid or usage expected"));
    if (src->authType == VIR_STORAGE_AUTH_TYPE_CHAP &&
        def->type == VIR_STORAGE_POOL_RBD)
        virConfViolationAdd(v, "/pool/source/auth", "%s",
                            _("rbd pools use auth type 'ceph', not 'chap'"));
    if (src->protocolVer && def->type != VIR_STORAGE_POOL_NETFS)
        virConfViolationAdd(v, "/pool/source/protocol", "%s",
                            _("storage pool protocol ver unsupported for this pool type"));
}


/**
 * virStoragePoolDefValidate:
 * @def: a parsed pool definition
 *
 * Check that @def has the source and target its pool type needs.
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violation
 * with the path of its element.
 */
int
virStoragePoolDefValidate(const virStoragePoolDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    unsigned int needs = virStoragePoolTypeNeeds[def->type];

    virStoragePoolSourceValidate(def, needs, v);
    if ((needs & VIR_POOL_NEEDS_TARGET) && !def->targetPath)
        virConfViolationAdd(v, "/pool/target", "%s",
                            _("missing storage pool target path"));
    if (def->targetPath && !g_path_is_absolute(def->targetPath))
        virConfViolationAdd(v, "/pool/target/path",
                            _("storage pool target path '%1$s' must be absolute"),
                            def->targetPath);
    if (!(needs & VIR_POOL_NEEDS_TARGET) && def->targetPath)
        virConfViolationAdd(v, "/pool/target",
                            _("pool type '%1$s' has no target path"),
                            virStoragePoolTypeToString(def->type));
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}
