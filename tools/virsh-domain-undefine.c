/*
 * virsh-domain-undefine.c: the undefine command, with the removal of the
 * domain's storage volumes that it offers
 *
 * The volumes are found from the disks of the domain's XML before the
 * domain goes, and deleted after: a domain that cannot be undefined
 * keeps its disks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "virsh.h"
#include "virsh-domain.h"

const vshCmdOptDef virshOptsUndefine[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "managed-save",
     .type = VSH_OT_BOOL,
     .help = "delete the managed save image too"},
    {.name = "storage",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = "delete these volumes too: comma-separated disk targets or source paths"},
    {.name = "remove-all-storage",
     .type = VSH_OT_BOOL,
     .help = "delete every volume the domain's disks use"},
    {.name = "delete-storage-volume-snapshots",
     .type = VSH_OT_BOOL,
     .help = "with --remove-all-storage, delete the volumes' snapshots as well"},
    {.name = "wipe-storage",
     .type = VSH_OT_BOOL,
     .help = "overwrite the volumes' data before deleting them"},
    {.name = "snapshots-metadata",
     .type = VSH_OT_BOOL,
     .help = "delete the metadata of the domain's snapshots (domain must be inactive)"},
    {.name = "checkpoints-metadata",
     .type = VSH_OT_BOOL,
     .help = "delete the metadata of the domain's checkpoints (domain must be inactive)"},
    {.name = "nvram",
     .type = VSH_OT_BOOL,
     .help = "delete the NVRAM file"},
    {.name = "keep-nvram",
     .type = VSH_OT_BOOL,
     .help = "leave the NVRAM file in place"},
    {.name = "tpm",
     .type = VSH_OT_BOOL,
     .help = "delete the emulated TPM's state"},
    {.name = "keep-tpm",
     .type = VSH_OT_BOOL,
     .help = "leave the emulated TPM's state in place"},
    {.name = NULL}
};

/* A volume to delete once the domain is gone. */
typedef struct _virshUndefineVolume virshUndefineVolume;
struct _virshUndefineVolume {
    virStorageVolPtr vol;
    char *target;       /* the disk's target, "vda" */
    char *source;       /* its file, device or volume name */
};

static void
virshUndefineVolumeFree(gpointer opaque)
{
    virshUndefineVolume *vol = opaque;

    if (vol->vol)
        virStorageVolFree(vol->vol);
    g_free(vol->target);
    g_free(vol->source);
    g_free(vol);
}

static char *
virshNodeXPathString(xmlXPathContextPtr ctxt, xmlNodePtr node, const char *expr)
{
    xmlXPathObjectPtr obj;
    char *ret = NULL;

    ctxt->node = node;
    if (!(obj = xmlXPathEvalExpression(BAD_CAST expr, ctxt)))
        return NULL;
    if (obj->type == XPATH_STRING && obj->stringval && obj->stringval[0])
        ret = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return ret;
}

/* Take the name out of @wanted if it names this disk. */
static bool
virshUndefineWanted(GPtrArray *wanted, const char *target, const char *source)
{
    guint i;

    for (i = 0; i < wanted->len; i++) {
        const char *name = g_ptr_array_index(wanted, i);

        if (strcmp(name, target) == 0 || strcmp(name, source) == 0) {
            g_ptr_array_remove_index(wanted, i);
            return true;
        }
    }
    return false;
}

static virStorageVolPtr
virshUndefineLookupVolume(vshControl *ctl, const char *pool,
                          const char *source, const char *target)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    virStoragePoolPtr storagePool;
    virStorageVolPtr vol;

    if (!pool)
        return virStorageVolLookupByPath(conn, source);

    if (!(storagePool = virStoragePoolLookupByName(conn, pool))) {
        vshError(ctl, "Storage pool '%s' for volume '%s' not found.",
                 pool, target);
        vshResetLibvirtError();
        return NULL;
    }
    vol = virStorageVolLookupByName(storagePool, source);
    virStoragePoolFree(storagePool);
    return vol;
}

/* Collect the volumes of @xml's disks that the user asked to delete:
 * those named in @wanted, or all when it is NULL.  Disks that are not
 * volumes are reported and skipped, as virsh does.  Returns false if
 * the XML does not parse or a name in @wanted matches no disk. */
static bool
virshUndefineCollectVolumes(vshControl *ctl, const char *xml,
                            GPtrArray *wanted, GPtrArray *vols)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(xmlXPathObject) disks = NULL;
    bool missing = false;
    int i;

    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET)) ||
        !(ctxt = xmlXPathNewContext(doc)) ||
        !(disks = xmlXPathEvalExpression(BAD_CAST "/domain/devices/disk", ctxt)))
        return false;

    for (i = 0; disks->nodesetval && i < disks->nodesetval->nodeNr; i++) {
        xmlNodePtr disk = disks->nodesetval->nodeTab[i];
        g_autofree char *target = NULL;
        g_autofree char *source = NULL;
        g_autofree char *pool = NULL;
        virshUndefineVolume *vol;
        virStorageVolPtr handle;

        if (!(target = virshNodeXPathString(ctxt, disk, "string(./target/@dev)")))
            return false;
        if (!(source = virshNodeXPathString(ctxt, disk,
                                            "string(./source/@file|./source/@dir|"
                                            "./source/@name|./source/@dev|"
                                            "./source/@volume)")))
            continue;
        pool = virshNodeXPathString(ctxt, disk, "string(./source/@pool)");

        if (wanted && !virshUndefineWanted(wanted, target, source))
            continue;

        if (!(handle = virshUndefineLookupVolume(ctl, pool, source, target))) {
            if (!pool)
                vshError(ctl, "Storage volume '%s'(%s) is not managed by libvirt. Remove it manually.\n",
                         target, source);
            vshResetLibvirtError();
            continue;
        }
        vol = g_new0(virshUndefineVolume, 1);
        vol->vol = handle;
        vol->target = g_steal_pointer(&target);
        vol->source = g_steal_pointer(&source);
        g_ptr_array_add(vols, vol);
    }

    for (i = 0; wanted && i < (int)wanted->len; i++) {
        vshError(ctl, "Volume '%s' was not found in domain's definition.\n",
                 (const char *)g_ptr_array_index(wanted, i));
        missing = true;
    }
    return !missing;
}

/* Find the volumes to delete, for --storage and --remove-all-storage.
 * Returns false after reporting. */
static bool
virshUndefinePrepareStorage(vshControl *ctl, virDomainPtr dom,
                            const char *volumes, bool all, GPtrArray *vols)
{
    g_autoptr(GPtrArray) wanted = NULL;
    g_autofree char *xml = NULL;
    int active;

    if ((active = virDomainIsActive(dom)) < 0)
        return false;
    if (active) {
        vshError(ctl, "%s", "Storage volume deletion is supported only on stopped domains");
        return false;
    }
    if (volumes && all) {
        vshError(ctl, "%s", "Specified both --storage and --remove-all-storage");
        return false;
    }
    if (!(xml = virDomainGetXMLDesc(dom, 0))) {
        vshError(ctl, "%s", "Could not retrieve domain XML description");
        return false;
    }

    if (volumes) {
        g_auto(GStrv) names = g_strsplit(volumes, ",", -1);
        size_t i;

        wanted = g_ptr_array_new_with_free_func(g_free);
        for (i = 0; names[i]; i++)
            g_ptr_array_add(wanted, g_strdup(names[i]));
    }
    return virshUndefineCollectVolumes(ctl, xml, wanted, vols);
}

/* Delete the collected volumes; false if any could not be. */
static bool
virshUndefineRemoveStorage(vshControl *ctl, GPtrArray *vols, bool wipe,
                           unsigned int deleteFlags)
{
    bool ret = true;
    guint i;

    for (i = 0; i < vols->len; i++) {
        virshUndefineVolume *vol = g_ptr_array_index(vols, i);

        if (wipe) {
            vshPrint(ctl, "Wiping volume '%s'(%s) ... ", vol->target, vol->source);
            if (virStorageVolWipe(vol->vol, 0) < 0) {
                vshError(ctl, "%s", "Failed! Volume not removed.");
                ret = false;
                continue;
            }
            vshPrint(ctl, "%s", "Done.\n");
        }

        if (virStorageVolDelete(vol->vol, deleteFlags) < 0) {
            vshError(ctl, "Failed to remove storage volume '%s'(%s)",
                     vol->target, vol->source);
            ret = false;
            continue;
        }
        vshPrintExtra(ctl, "Volume '%s'(%s) removed.\n", vol->target, vol->source);
    }
    return ret;
}

static unsigned int
virshUndefineFlags(const vshCmd *cmd)
{
    static const struct {
        const char *option;
        unsigned int flag;
    } map[] = {
        {"managed-save", VIR_DOMAIN_UNDEFINE_MANAGED_SAVE},
        {"snapshots-metadata", VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA},
        {"checkpoints-metadata", VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA},
        {"nvram", VIR_DOMAIN_UNDEFINE_NVRAM},
        {"keep-nvram", VIR_DOMAIN_UNDEFINE_KEEP_NVRAM},
        {"tpm", VIR_DOMAIN_UNDEFINE_TPM},
        {"keep-tpm", VIR_DOMAIN_UNDEFINE_KEEP_TPM},
    };
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (vshCommandOptBool(cmd, map[i].option))
            flags |= map[i].flag;
    }
    return flags;
}

/* What undefine found about the domain before removing it. */
typedef struct _virshUndefineState virshUndefineState;
struct _virshUndefineState {
    unsigned int flags;
    int managedSave;        /* has a managed save image */
    int snapshots;          /* number of snapshots */
    int snapshotsMetadata;  /* of which have metadata */
    bool managedSaveSafe;   /* virDomainUndefineFlags will handle them */
    bool snapshotsSafe;
};

/* Count what an inactive domain leaves behind; errors of drivers that
 * cannot tell count as nothing.  Returns false on any other error. */
static bool
virshUndefineInspect(virDomainPtr dom, virshUndefineState *state)
{
    int code;

    if ((state->managedSave = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLibvirtError();
        state->managedSave = 0;
    }

    if ((state->snapshots = virDomainSnapshotNum(dom, 0)) < 0) {
        if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLibvirtError();
        state->snapshots = 0;
    }
    if (!state->snapshots)
        return true;

    state->snapshotsMetadata = virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_METADATA);
    if (state->snapshotsMetadata < 0) {
        /* A server that predates the filter: assume every snapshot has
         * metadata, and that it predates the undefine flags too. */
        code = vshLastErrorCode();
        if (code != VIR_ERR_NO_SUPPORT && code != VIR_ERR_INVALID_ARG)
            return false;
        vshResetLibvirtError();
        state->snapshotsMetadata = state->snapshots;
    } else {
        state->managedSaveSafe = state->snapshotsSafe = true;
    }
    return true;
}

/* Undefine with virDomainUndefineFlags when it is known to do what was
 * asked, otherwise (or when the driver refuses the flags) step by step
 * with the older calls, as virsh does.  Returns 0, or -1 with the error
 * reported or kept. */
static int
virshUndefineDomain(vshControl *ctl, virDomainPtr dom, const vshCmd *cmd,
                    virshUndefineState *state)
{
    bool nvram = vshCommandOptBool(cmd, "nvram") ||
        vshCommandOptBool(cmd, "keep-nvram");
    int active;
    int code;

    if ((active = virDomainIsActive(dom)) < 0)
        return -1;
    if (!active && !virshUndefineInspect(dom, state))
        return -1;

    if (!state->managedSave) {
        state->flags &= ~VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
        state->managedSaveSafe = true;
    }
    if (!state->snapshots)
        state->snapshotsSafe = true;
    if (!state->snapshotsMetadata) {
        state->flags &= ~VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
        state->snapshotsSafe = true;
    }

    if ((state->managedSaveSafe && state->snapshotsSafe) || nvram) {
        if (virDomainUndefineFlags(dom, state->flags) == 0)
            return 0;
        code = vshLastErrorCode();
        if (nvram || (code != VIR_ERR_NO_SUPPORT && code != VIR_ERR_INVALID_ARG))
            return -1;
        vshResetLibvirtError();
    }

    if (state->managedSave) {
        if (!vshCommandOptBool(cmd, "managed-save")) {
            vshError(ctl, "%s", "Refusing to undefine while domain managed save image exists");
            return -1;
        }
        if (virDomainManagedSaveRemove(dom, 0) < 0) {
            vshReportError(ctl);
            return -1;
        }
    }
    if (state->snapshotsMetadata && !vshCommandOptBool(cmd, "snapshots-metadata")) {
        vshError(ctl, "Refusing to undefine while %d snapshots exist",
                 state->snapshotsMetadata);
        return -1;
    }
    return virDomainUndefine(dom);
}

/**
 * virshCmdUndefine:
 * @ctl: the shell
 * @cmd: "undefine DOMAIN [options]"
 *
 * Removes the domain's definition and, if asked, its volumes.
 *
 * Returns false if the domain was not undefined or a volume could not
 * be deleted.
 */
bool
virshCmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(GPtrArray) vols = g_ptr_array_new_with_free_func(virshUndefineVolumeFree);
    virshUndefineState state = { 0 };
    const char *volumes = NULL;
    const char *name;
    bool all = vshCommandOptBool(cmd, "remove-all-storage");
    bool wipe = vshCommandOptBool(cmd, "wipe-storage");
    unsigned int deleteFlags = 0;

    if (vshCommandOptBool(cmd, "delete-storage-volume-snapshots")) {
        if (!all) {
            vshError(ctl, "Option --%s is required by option --%s",
                     "remove-all-storage", "delete-storage-volume-snapshots");
            return false;
        }
        deleteFlags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    }
    VSH_EXCLUSIVE_OPTIONS("nvram", "keep-nvram");
    VSH_EXCLUSIVE_OPTIONS("tpm", "keep-tpm");

    /* An empty --storage counts as not given, as in virsh. */
    if ((volumes = vshCommandOptStringQuiet(cmd, "storage")) && !*volumes)
        volumes = NULL;
    if (wipe && !(volumes || all)) {
        vshError(ctl, "%s", "'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
        return false;
    }

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if ((volumes || all) &&
        !virshUndefinePrepareStorage(ctl, dom, volumes, all, vols))
        return false;

    state.flags = virshUndefineFlags(cmd);
    if (virshUndefineDomain(ctl, dom, cmd, &state) < 0) {
        vshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);

    return virshUndefineRemoveStorage(ctl, vols, wipe, deleteFlags);
}
