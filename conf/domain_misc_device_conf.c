/*
 * domain_misc_device_conf.c: the smaller device families of a domain:
 * <filesystem>, <tpm>, <sound>, <redirdev>, <watchdog>, <rng>, <panic>
 *
 * Each parser checks its own attributes and children; <alias>,
 * <address> and <boot> go to virDomainDeviceInfoParseChild().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_DECL(virDomainFS);
VIR_ENUM_IMPL(virDomainFS, VIR_DOMAIN_FS_TYPE_LAST,
    [VIR_DOMAIN_FS_TYPE_MOUNT] = "mount",
    [VIR_DOMAIN_FS_TYPE_BLOCK] = "block",
    [VIR_DOMAIN_FS_TYPE_FILE] = "file",
    [VIR_DOMAIN_FS_TYPE_TEMPLATE] = "template",
    [VIR_DOMAIN_FS_TYPE_RAM] = "ram",
    [VIR_DOMAIN_FS_TYPE_BIND] = "bind",
    [VIR_DOMAIN_FS_TYPE_VOLUME] = "volume",
);

VIR_ENUM_DECL(virDomainFSDriver);
VIR_ENUM_IMPL(virDomainFSDriver, VIR_DOMAIN_FS_DRIVER_TYPE_LAST,
    [VIR_DOMAIN_FS_DRIVER_TYPE_DEFAULT] = "default",
    [VIR_DOMAIN_FS_DRIVER_TYPE_PATH] = "path",
    [VIR_DOMAIN_FS_DRIVER_TYPE_HANDLE] = "handle",
    [VIR_DOMAIN_FS_DRIVER_TYPE_LOOP] = "loop",
    [VIR_DOMAIN_FS_DRIVER_TYPE_NBD] = "nbd",
    [VIR_DOMAIN_FS_DRIVER_TYPE_PLOOP] = "ploop",
    [VIR_DOMAIN_FS_DRIVER_TYPE_VIRTIOFS] = "virtiofs",
);

VIR_ENUM_DECL(virDomainFSAccessMode);
VIR_ENUM_IMPL(virDomainFSAccessMode, VIR_DOMAIN_FS_ACCESSMODE_LAST,
    [VIR_DOMAIN_FS_ACCESSMODE_DEFAULT] = "default",
    [VIR_DOMAIN_FS_ACCESSMODE_PASSTHROUGH] = "passthrough",
    [VIR_DOMAIN_FS_ACCESSMODE_MAPPED] = "mapped",
    [VIR_DOMAIN_FS_ACCESSMODE_SQUASH] = "squash",
);

VIR_ENUM_DECL(virDomainSoundModel);
VIR_ENUM_IMPL(virDomainSoundModel, VIR_DOMAIN_SOUND_MODEL_LAST,
    [VIR_DOMAIN_SOUND_MODEL_SB16] = "sb16",
    [VIR_DOMAIN_SOUND_MODEL_ES1370] = "es1370",
    [VIR_DOMAIN_SOUND_MODEL_PCSPK] = "pcspk",
    [VIR_DOMAIN_SOUND_MODEL_AC97] = "ac97",
    [VIR_DOMAIN_SOUND_MODEL_ICH6] = "ich6",
    [VIR_DOMAIN_SOUND_MODEL_ICH9] = "ich9",
    [VIR_DOMAIN_SOUND_MODEL_USB] = "usb",
    [VIR_DOMAIN_SOUND_MODEL_ICH7] = "ich7",
);

VIR_ENUM_DECL(virDomainSoundCodec);
VIR_ENUM_IMPL(virDomainSoundCodec, VIR_DOMAIN_SOUND_CODEC_TYPE_LAST,
    [VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX] = "duplex",
    [VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO] = "micro",
    [VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT] = "output",
);

VIR_ENUM_DECL(virDomainWatchdogModel);
VIR_ENUM_IMPL(virDomainWatchdogModel, VIR_DOMAIN_WATCHDOG_MODEL_LAST,
    [VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB] = "i6300esb",
    [VIR_DOMAIN_WATCHDOG_MODEL_IB700] = "ib700",
    [VIR_DOMAIN_WATCHDOG_MODEL_DIAG288] = "diag288",
);

VIR_ENUM_DECL(virDomainWatchdogAction);
VIR_ENUM_IMPL(virDomainWatchdogAction, VIR_DOMAIN_WATCHDOG_ACTION_LAST,
    [VIR_DOMAIN_WATCHDOG_ACTION_RESET] = "reset",
    [VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN] = "shutdown",
    [VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF] = "poweroff",
    [VIR_DOMAIN_WATCHDOG_ACTION_PAUSE] = "pause",
    [VIR_DOMAIN_WATCHDOG_ACTION_DUMP] = "dump",
    [VIR_DOMAIN_WATCHDOG_ACTION_NONE] = "none",
    [VIR_DOMAIN_WATCHDOG_ACTION_INJECTNMI] = "inject-nmi",
);

VIR_ENUM_DECL(virDomainRNGModel);
VIR_ENUM_IMPL(virDomainRNGModel, VIR_DOMAIN_RNG_MODEL_LAST,
    [VIR_DOMAIN_RNG_MODEL_VIRTIO] = "virtio",
    [VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL] = "virtio-transitional",
    [VIR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL] = "virtio-non-transitional",
);

VIR_ENUM_IMPL(virDomainRNGBackend, VIR_DOMAIN_RNG_BACKEND_LAST,
    [VIR_DOMAIN_RNG_BACKEND_RANDOM] = "random",
    [VIR_DOMAIN_RNG_BACKEND_EGD] = "egd",
    [VIR_DOMAIN_RNG_BACKEND_BUILTIN] = "builtin",
);

VIR_ENUM_DECL(virDomainTPMModel);
VIR_ENUM_IMPL(virDomainTPMModel, VIR_DOMAIN_TPM_MODEL_LAST,
    [VIR_DOMAIN_TPM_MODEL_DEFAULT] = "default",
    [VIR_DOMAIN_TPM_MODEL_TIS] = "tpm-tis",
    [VIR_DOMAIN_TPM_MODEL_CRB] = "tpm-crb",
    [VIR_DOMAIN_TPM_MODEL_SPAPR] = "tpm-spapr",
    [VIR_DOMAIN_TPM_MODEL_SPAPR_PROXY] = "spapr-tpm-proxy",
);

VIR_ENUM_DECL(virDomainTPMBackend);
VIR_ENUM_IMPL(virDomainTPMBackend, VIR_DOMAIN_TPM_TYPE_LAST,
    [VIR_DOMAIN_TPM_TYPE_PASSTHROUGH] = "passthrough",
    [VIR_DOMAIN_TPM_TYPE_EMULATOR] = "emulator",
);

VIR_ENUM_DECL(virDomainTPMVersion);
VIR_ENUM_IMPL(virDomainTPMVersion, VIR_DOMAIN_TPM_VERSION_LAST,
    [VIR_DOMAIN_TPM_VERSION_DEFAULT] = "default",
    [VIR_DOMAIN_TPM_VERSION_1_2] = "1.2",
    [VIR_DOMAIN_TPM_VERSION_2_0] = "2.0",
);

VIR_ENUM_DECL(virDomainPanicModel);
VIR_ENUM_IMPL(virDomainPanicModel, VIR_DOMAIN_PANIC_MODEL_LAST,
    [VIR_DOMAIN_PANIC_MODEL_DEFAULT] = "default",
    [VIR_DOMAIN_PANIC_MODEL_ISA] = "isa",
    [VIR_DOMAIN_PANIC_MODEL_PSERIES] = "pseries",
    [VIR_DOMAIN_PANIC_MODEL_HYPERV] = "hyperv",
    [VIR_DOMAIN_PANIC_MODEL_S390] = "s390",
);


/* The children every device may have besides its own. */
static int
virDomainMiscCheck(xmlNodePtr node, const char *const *attrs,
                   const char *const *own)
{
    const char *info[] = { "alias", "address", NULL };
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    size_t i;

    for (i = 0; own && own[i]; i++)
        g_ptr_array_add(all, (gpointer)own[i]);
    for (i = 0; info[i]; i++)
        g_ptr_array_add(all, (gpointer)info[i]);
    g_ptr_array_add(all, NULL);
    return virDomainXMLCheck(node, attrs, (const char *const *)all->pdata);
}


/* ------------------------------------------------------------------ */
/* <filesystem>                                                       */

/**
 * virDomainFSDefFree:
 * @def: a filesystem, or NULL
 */
void
virDomainFSDefFree(virDomainFSDef *def)
{
    if (!def)
        return;
    g_free(def->src);
    g_free(def->dst);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainFSDef, virDomainFSDefFree);


/* The <source> attribute that names the source of each type. */
static const char *
virDomainFSSourceAttr(virDomainFSType type)
{
    switch (type) {
    case VIR_DOMAIN_FS_TYPE_MOUNT:
    case VIR_DOMAIN_FS_TYPE_BIND:
        return "dir";
    case VIR_DOMAIN_FS_TYPE_BLOCK:
        return "dev";
    case VIR_DOMAIN_FS_TYPE_FILE:
        return "file";
    case VIR_DOMAIN_FS_TYPE_TEMPLATE:
        return "name";
    case VIR_DOMAIN_FS_TYPE_RAM:
    case VIR_DOMAIN_FS_TYPE_VOLUME:
    case VIR_DOMAIN_FS_TYPE_LAST:
        break;
    }
    return NULL;
}


static int
virDomainFSDefParseChild(xmlNodePtr cur, virDomainFSDef *def, unsigned int flags)
{
    const char *name = (const char *)cur->name;
    const char *driverAttrs[] = { "type", "format", "queue", NULL };

    if (STREQ(name, "driver")) {
        unsigned int type = 0;
        g_autofree char *format = NULL;

        if (virDomainXMLCheck(cur, driverAttrs, NULL) < 0 ||
            virXMLPropEnum(cur, "type", virDomainFSDriverTypeFromString,
                           VIR_XML_PROP_NONE, &type) < 0 ||
            virXMLPropUInt(cur, "queue", 10, VIR_XML_PROP_NONE, &def->queue_size) < 0)
            return -1;
        def->fsdriver = type;
        if ((format = virXMLPropString(cur, "format"))) {
            int val = virStorageFileFormatTypeFromString(format);

            if (val <= 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("unknown driver format value '%1$s'"), format);
                return -1;
            }
            def->format = val;
        }
    } else if (STREQ(name, "source")) {
        const char *attr = virDomainFSSourceAttr(def->type);
        const char *attrs[] = { attr, NULL };

        if (virDomainXMLCheck(cur, attrs, NULL) < 0)
            return -1;
        g_free(def->src);
        def->src = virXMLPropString(cur, attr);
    } else if (STREQ(name, "target")) {
        const char *attrs[] = { "dir", NULL };

        if (virDomainXMLCheck(cur, attrs, NULL) < 0)
            return -1;
        g_free(def->dst);
        def->dst = virXMLPropString(cur, "dir");
    } else if (STREQ(name, "readonly")) {
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        def->readonly = true;
    } else {
        return virDomainDeviceInfoParseChild(cur, &def->info, flags);
    }
    return 0;
}


/**
 * virDomainFSDefParseXML:
 * @node: a <filesystem> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the filesystem, or NULL with an error.
 */
virDomainFSDef *
virDomainFSDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "type", "accessmode", NULL };
    const char *children[] = { "driver", "source", "target", "readonly", NULL };
    g_autoptr(virDomainFSDef) def = g_new0(virDomainFSDef, 1);
    unsigned int type = VIR_DOMAIN_FS_TYPE_MOUNT;
    unsigned int mode = 0;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virDomainFSTypeFromString,
                       VIR_XML_PROP_NONE, &type) < 0 ||
        virXMLPropEnum(node, "accessmode", virDomainFSAccessModeTypeFromString,
                       VIR_XML_PROP_NONE, &mode) < 0)
        return NULL;
    def->type = type;
    def->accessmode = mode ? mode : VIR_DOMAIN_FS_ACCESSMODE_PASSTHROUGH;
    if (!virDomainFSSourceAttr(def->type)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("filesystem type '%1$s' is not supported yet"),
                       virDomainFSTypeToString(def->type));
        return NULL;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainFSDefParseChild(cur, def, flags) < 0)
            return NULL;
    }
    if (!def->src) {
        virReportError(VIR_ERR_NO_SOURCE, NULL);
        return NULL;
    }
    if (!def->dst) {
        virReportError(VIR_ERR_NO_TARGET, NULL);
        return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainFSDefFormat:
 * @buf: output buffer
 * @def: the filesystem
 * @flags: virDomainDefFormatFlags
 */
void
virDomainFSDefFormat(virBuffer *buf, const virDomainFSDef *def,
                     unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) driver = VIR_BUFFER_INITIALIZER;

    virBufferAsprintf(&attrs, " type='%s' accessmode='%s'",
                      virDomainFSTypeToString(def->type),
                      virDomainFSAccessModeTypeToString(def->accessmode));
    if (def->fsdriver)
        virBufferAsprintf(&driver, " type='%s'",
                          virDomainFSDriverTypeToString(def->fsdriver));
    if (def->format)
        virBufferAsprintf(&driver, " format='%s'",
                          virStorageFileFormatTypeToString(def->format));
    if (def->queue_size)
        virBufferAsprintf(&driver, " queue='%u'", def->queue_size);
    virXMLFormatElement(&children, "driver", &driver, NULL);
    virBufferAsprintf(&children, "<source %s=", virDomainFSSourceAttr(def->type));
    virBufferEscapeString(&children, "'%s'/>\n", def->src);
    virBufferEscapeString(&children, "<target dir='%s'/>\n", def->dst);
    if (def->readonly)
        virBufferAddLit(&children, "<readonly/>\n");
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "filesystem", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <tpm>                                                              */

/**
 * virDomainTPMDefFree:
 * @def: a TPM, or NULL
 */
void
virDomainTPMDefFree(virDomainTPMDef *def)
{
    if (!def)
        return;
    g_free(def->device);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainTPMDef, virDomainTPMDefFree);


static int
virDomainTPMBackendParseXML(xmlNodePtr node, virDomainTPMDef *def)
{
    const char *attrs[] = { "type", "version", "persistent_state", NULL };
    const char *children[] = { "device", NULL };
    unsigned int type = 0;
    unsigned int version = 0;
    virTristateBool persistent = VIR_TRISTATE_BOOL_ABSENT;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virDomainTPMBackendTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0 ||
        virXMLPropEnum(node, "version", virDomainTPMVersionTypeFromString,
                       VIR_XML_PROP_NONZERO, &version) < 0 ||
        virXMLPropTristateBool(node, "persistent_state", VIR_XML_PROP_NONE,
                               &persistent) < 0)
        return -1;
    def->type = type;
    def->version = version;
    def->persistent_state = persistent == VIR_TRISTATE_BOOL_YES;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, (const char *[]){ "path", NULL }, NULL) < 0)
            return -1;
        g_free(def->device);
        def->device = virXMLPropString(cur, "path");
    }
    if (def->type == VIR_DOMAIN_TPM_TYPE_PASSTHROUGH && !def->device)
        def->device = g_strdup("/dev/tpm0");
    return 0;
}


/**
 * virDomainTPMDefParseXML:
 * @node: a <tpm> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the TPM, or NULL with an error.
 */
virDomainTPMDef *
virDomainTPMDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", NULL };
    const char *children[] = { "backend", NULL };
    g_autoptr(virDomainTPMDef) def = g_new0(virDomainTPMDef, 1);
    unsigned int model = VIR_DOMAIN_TPM_MODEL_DEFAULT;
    bool haveBackend = false;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "model", virDomainTPMModelTypeFromString,
                       VIR_XML_PROP_NONZERO, &model) < 0)
        return NULL;
    def->model = model;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "backend")) {
            if (haveBackend) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("only one TPM backend is supported"));
                return NULL;
            }
            haveBackend = true;
            if (virDomainTPMBackendParseXML(cur, def) < 0)
                return NULL;
        } else if (virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0) {
            return NULL;
        }
    }
    if (!haveBackend) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing TPM device backend"));
        return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainTPMDefFormat:
 * @buf: output buffer
 * @def: the TPM
 * @flags: virDomainDefFormatFlags
 */
void
virDomainTPMDefFormat(virBuffer *buf, const virDomainTPMDef *def,
                      unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) battrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) bchildren = VIR_BUFFER_INIT_CHILD(&children);

    if (def->model)
        virBufferAsprintf(&attrs, " model='%s'", virDomainTPMModelTypeToString(def->model));
    virBufferAsprintf(&battrs, " type='%s'", virDomainTPMBackendTypeToString(def->type));
    if (def->type == VIR_DOMAIN_TPM_TYPE_PASSTHROUGH) {
        virBufferEscapeString(&bchildren, "<device path='%s'/>\n", def->device);
    } else {
        if (def->version)
            virBufferAsprintf(&battrs, " version='%s'",
                              virDomainTPMVersionTypeToString(def->version));
        if (def->persistent_state)
            virBufferAddLit(&battrs, " persistent_state='yes'");
    }
    virXMLFormatElement(&children, "backend", &battrs, &bchildren);
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "tpm", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <sound>                                                            */

/**
 * virDomainSoundDefFree:
 * @def: a sound device, or NULL
 */
void
virDomainSoundDefFree(virDomainSoundDef *def)
{
    if (!def)
        return;
    g_free(def->codecs);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSoundDef, virDomainSoundDefFree);


/**
 * virDomainSoundDefParseXML:
 * @node: a <sound> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the sound device, or NULL with an error.
 */
virDomainSoundDef *
virDomainSoundDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", NULL };
    const char *children[] = { "codec", "audio", NULL };
    g_autoptr(virDomainSoundDef) def = g_new0(virDomainSoundDef, 1);
    unsigned int model = 0;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "model", virDomainSoundModelTypeFromString,
                       VIR_XML_PROP_REQUIRED, &model) < 0)
        return NULL;
    def->model = model;
    for (cur = node->children; cur; cur = cur->next) {
        unsigned int codec = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "audio")) {
            if (virDomainXMLCheck(cur, (const char *[]){ "id", NULL }, NULL) < 0 ||
                virXMLPropUInt(cur, "id", 10, VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &def->audioId) < 0)
                return NULL;
            continue;
        }
        if (!xmlStrEqual(cur->name, BAD_CAST "codec")) {
            if (virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
                return NULL;
            continue;
        }
        if (virDomainXMLCheck(cur, (const char *[]){ "type", NULL }, NULL) < 0 ||
            virXMLPropEnum(cur, "type", virDomainSoundCodecTypeFromString,
                           VIR_XML_PROP_REQUIRED, &codec) < 0)
            return NULL;
        def->codecs = g_renew(virDomainSoundCodecType, def->codecs, def->ncodecs + 1);
        def->codecs[def->ncodecs++] = codec;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainSoundDefFormat:
 * @buf: output buffer
 * @def: the sound device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainSoundDefFormat(virBuffer *buf, const virDomainSoundDef *def,
                        unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " model='%s'", virDomainSoundModelTypeToString(def->model));
    for (i = 0; i < def->ncodecs; i++)
        virBufferAsprintf(&children, "<codec type='%s'/>\n",
                          virDomainSoundCodecTypeToString(def->codecs[i]));
    if (def->audioId)
        virBufferAsprintf(&children, "<audio id='%u'/>\n", def->audioId);
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "sound", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <redirdev>                                                         */

/**
 * virDomainRedirdevDefFree:
 * @def: a redirected device, or NULL
 */
void
virDomainRedirdevDefFree(virDomainRedirdevDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRedirdevDef, virDomainRedirdevDefFree);


/**
 * virDomainRedirdevDefParseXML:
 * @node: a <redirdev> element
 * @flags: virDomainDefParseFlags
 *
 * Only the SPICE channel source (type='spicevmc') is modelled.
 *
 * Returns the device, or NULL with an error.
 */
virDomainRedirdevDef *
virDomainRedirdevDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "bus", "type", NULL };
    const char *children[] = { "boot", NULL };
    g_autoptr(virDomainRedirdevDef) def = g_new0(virDomainRedirdevDef, 1);
    g_autofree char *bus = NULL;
    g_autofree char *type = NULL;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, children) < 0)
        return NULL;
    bus = virXMLPropString(node, "bus");
    if (bus && STRNEQ(bus, "usb")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown redirdev bus '%1$s'"), bus);
        return NULL;
    }
    if (!(type = virXMLPropStringRequired(node, "type")))
        return NULL;
    if (STRNEQ(type, "spicevmc")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("redirdev type '%1$s' is not supported yet"), type);
        return NULL;
    }
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainRedirdevDefFormat:
 * @buf: output buffer
 * @def: the device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainRedirdevDefFormat(virBuffer *buf, const virDomainRedirdevDef *def,
                           unsigned int flags)
{
    /* libvirt always writes an open and a close tag here */
    virBufferAddLit(buf, "<redirdev bus='usb' type='spicevmc'>\n");
    virBufferAdjustIndent(buf, 2);
    virDomainDeviceInfoFormat(buf, &def->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</redirdev>\n");
}


/* ------------------------------------------------------------------ */
/* <watchdog>                                                         */

/**
 * virDomainWatchdogDefFree:
 * @def: a watchdog, or NULL
 */
void
virDomainWatchdogDefFree(virDomainWatchdogDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainWatchdogDef, virDomainWatchdogDefFree);


/**
 * virDomainWatchdogDefParseXML:
 * @node: a <watchdog> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the watchdog, or NULL with an error.
 */
virDomainWatchdogDef *
virDomainWatchdogDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", "action", NULL };
    g_autoptr(virDomainWatchdogDef) def = g_new0(virDomainWatchdogDef, 1);
    unsigned int model = 0;
    unsigned int action = VIR_DOMAIN_WATCHDOG_ACTION_RESET;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "model", virDomainWatchdogModelTypeFromString,
                       VIR_XML_PROP_REQUIRED, &model) < 0 ||
        virXMLPropEnum(node, "action", virDomainWatchdogActionTypeFromString,
                       VIR_XML_PROP_NONE, &action) < 0)
        return NULL;
    def->model = model;
    def->action = action;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainWatchdogDefFormat:
 * @buf: output buffer
 * @def: the watchdog
 * @flags: virDomainDefFormatFlags
 */
void
virDomainWatchdogDefFormat(virBuffer *buf, const virDomainWatchdogDef *def,
                           unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " model='%s' action='%s'",
                      virDomainWatchdogModelTypeToString(def->model),
                      virDomainWatchdogActionTypeToString(def->action));
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "watchdog", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <rng>                                                              */

/**
 * virDomainRNGDefFree:
 * @def: an RNG device, or NULL
 */
void
virDomainRNGDefFree(virDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->path);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRNGDef, virDomainRNGDefFree);


static int
virDomainRNGDefParseChild(xmlNodePtr cur, virDomainRNGDef *def,
                          unsigned int flags, bool *haveBackend)
{
    const char *name = (const char *)cur->name;

    if (STREQ(name, "rate")) {
        const char *attrs[] = { "bytes", "period", NULL };

        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropUInt(cur, "bytes", 10, VIR_XML_PROP_REQUIRED, &def->rate) < 0 ||
            virXMLPropUInt(cur, "period", 10, VIR_XML_PROP_NONE, &def->period) < 0)
            return -1;
        return 0;
    }
    if (STREQ(name, "backend")) {
        const char *attrs[] = { "model", NULL };
        unsigned int model = 0;

        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropEnum(cur, "model", virDomainRNGBackendTypeFromString,
                           VIR_XML_PROP_REQUIRED, &model) < 0)
            return -1;
        if (model == VIR_DOMAIN_RNG_BACKEND_EGD) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("rng backend model 'egd' is not supported yet"));
            return -1;
        }
        def->backend = model;
        g_free(def->path);
        def->path = NULL;
        if (model == VIR_DOMAIN_RNG_BACKEND_RANDOM)
            def->path = virDomainXMLContent(cur);
        *haveBackend = true;
        return 0;
    }
    return virDomainDeviceInfoParseChild(cur, &def->info, flags);
}


/**
 * virDomainRNGDefParseXML:
 * @node: an <rng> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the device, or NULL with an error.
 */
virDomainRNGDef *
virDomainRNGDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", NULL };
    const char *children[] = { "rate", "backend", NULL };
    g_autoptr(virDomainRNGDef) def = g_new0(virDomainRNGDef, 1);
    unsigned int model = 0;
    bool haveBackend = false;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "model", virDomainRNGModelTypeFromString,
                       VIR_XML_PROP_REQUIRED, &model) < 0)
        return NULL;
    def->model = model;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainRNGDefParseChild(cur, def, flags, &haveBackend) < 0)
            return NULL;
    }
    if (!haveBackend) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing RNG device backend"));
        return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainRNGDefFormat:
 * @buf: output buffer
 * @def: the device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainRNGDefFormat(virBuffer *buf, const virDomainRNGDef *def,
                      unsigned int flags)
{
    virBufferAsprintf(buf, "<rng model='%s'>\n", virDomainRNGModelTypeToString(def->model));
    virBufferAdjustIndent(buf, 2);
    if (def->rate) {
        virBufferAsprintf(buf, "<rate bytes='%u'", def->rate);
        if (def->period)
            virBufferAsprintf(buf, " period='%u'", def->period);
        virBufferAddLit(buf, "/>\n");
    }
    virBufferAsprintf(buf, "<backend model='%s'",
                      virDomainRNGBackendTypeToString(def->backend));
    if (def->path)
        virBufferEscapeString(buf, ">%s</backend>\n", def->path);
    else
        virBufferAddLit(buf, "/>\n");
    virDomainDeviceInfoFormat(buf, &def->info, flags);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</rng>\n");
}


/* ------------------------------------------------------------------ */
/* <panic>                                                            */

/**
 * virDomainPanicDefFree:
 * @def: a panic device, or NULL
 */
void
virDomainPanicDefFree(virDomainPanicDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainPanicDef, virDomainPanicDefFree);


/**
 * virDomainPanicDefParseXML:
 * @node: a <panic> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the device, or NULL with an error.
 */
virDomainPanicDef *
virDomainPanicDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", NULL };
    g_autoptr(virDomainPanicDef) def = g_new0(virDomainPanicDef, 1);
    unsigned int model = 0;
    xmlNodePtr cur;

    if (virDomainMiscCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "model", virDomainPanicModelTypeFromString,
                       VIR_XML_PROP_NONE, &model) < 0)
        return NULL;
    def->model = model;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainPanicDefFormat:
 * @buf: output buffer
 * @def: the device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainPanicDefFormat(virBuffer *buf, const virDomainPanicDef *def,
                        unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (def->model)
        virBufferAsprintf(&attrs, " model='%s'",
                          virDomainPanicModelTypeToString(def->model));
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElementEmpty(buf, "panic", &attrs, &children);
}
