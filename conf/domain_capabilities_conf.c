/*
 * domain_capabilities_conf.c: parse and format <domainCapabilities> XML
 * as libvirt 9.0 does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virbuffer.h"
#include "virstring.h"
#include "virconfxml.h"
#include "domain_capabilities_conf.h"

#define VIR_FROM_THIS VIR_FROM_CAPABILITIES

VIR_ENUM_IMPL(virDomainCapsCPUUsable, VIR_DOMAIN_CAPS_CPU_USABLE_LAST,
    [VIR_DOMAIN_CAPS_CPU_USABLE_UNKNOWN] = "unknown",
    [VIR_DOMAIN_CAPS_CPU_USABLE_YES] = "yes",
    [VIR_DOMAIN_CAPS_CPU_USABLE_NO] = "no",
);

VIR_ENUM_IMPL(virDomainCapsCPUFallback, VIR_DOMAIN_CAPS_CPU_FALLBACK_LAST,
    [VIR_DOMAIN_CAPS_CPU_FALLBACK_NONE] = "none",
    [VIR_DOMAIN_CAPS_CPU_FALLBACK_ALLOW] = "allow",
    [VIR_DOMAIN_CAPS_CPU_FALLBACK_FORBID] = "forbid",
);

VIR_ENUM_IMPL(virDomainCapsCPUPolicy, VIR_DOMAIN_CAPS_CPU_POLICY_LAST,
    [VIR_DOMAIN_CAPS_CPU_POLICY_FORCE] = "force",
    [VIR_DOMAIN_CAPS_CPU_POLICY_REQUIRE] = "require",
    [VIR_DOMAIN_CAPS_CPU_POLICY_OPTIONAL] = "optional",
    [VIR_DOMAIN_CAPS_CPU_POLICY_DISABLE] = "disable",
    [VIR_DOMAIN_CAPS_CPU_POLICY_FORBID] = "forbid",
);

/* What one item is called and which enums it may list.  libvirt's
 * schema takes any enum name; the names here are the ones libvirt 9.0
 * formats, so a misspelt name is caught instead of carried along. */
typedef struct {
    const char *element;
    const char *mode;               /* the name='' of a cpu <mode>, or NULL */
    const char *path;               /* for violation messages */
    const char *enums[VIR_DOMAIN_CAPS_ENUMS_MAX + 1];
} virDomainCapsItemKind;

static const virDomainCapsItemKind virDomainCapsItemKinds[VIR_DOMAIN_CAPS_ITEM_LAST] = {
    [VIR_DOMAIN_CAPS_ITEM_IOTHREADS] = {
        "iothreads", NULL, "/domainCapabilities/iothreads", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_OS] = {
        "os", NULL, "/domainCapabilities/os", { "firmware", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_LOADER] = {
        "loader", NULL, "/domainCapabilities/os/loader",
        { "type", "readonly", "secure", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_HOST_PASSTHROUGH] = {
        "mode", "host-passthrough",
        "/domainCapabilities/cpu/mode[@name='host-passthrough']",
        { "hostPassthroughMigratable", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_MAXIMUM] = {
        "mode", "maximum", "/domainCapabilities/cpu/mode[@name='maximum']",
        { "maximumMigratable", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_MEMORY_BACKING] = {
        "memoryBacking", NULL, "/domainCapabilities/memoryBacking",
        { "sourceType", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_DISK] = {
        "disk", NULL, "/domainCapabilities/devices/disk",
        { "diskDevice", "bus", "model", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_GRAPHICS] = {
        "graphics", NULL, "/domainCapabilities/devices/graphics",
        { "type", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_VIDEO] = {
        "video", NULL, "/domainCapabilities/devices/video",
        { "modelType", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_HOSTDEV] = {
        "hostdev", NULL, "/domainCapabilities/devices/hostdev",
        { "mode", "startupPolicy", "subsysType", "capsType", "pciBackend", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_RNG] = {
        "rng", NULL, "/domainCapabilities/devices/rng",
        { "model", "backendModel", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_FILESYSTEM] = {
        "filesystem", NULL, "/domainCapabilities/devices/filesystem",
        { "driverType", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_TPM] = {
        "tpm", NULL, "/domainCapabilities/devices/tpm",
        { "model", "backendModel", "backendVersion", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_REDIRDEV] = {
        "redirdev", NULL, "/domainCapabilities/devices/redirdev",
        { "bus", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_CHANNEL] = {
        "channel", NULL, "/domainCapabilities/devices/channel",
        { "type", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_GIC] = {
        "gic", NULL, "/domainCapabilities/features/gic", { "version", NULL } },
    [VIR_DOMAIN_CAPS_ITEM_VMCOREINFO] = {
        "vmcoreinfo", NULL, "/domainCapabilities/features/vmcoreinfo", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_GENID] = {
        "genid", NULL, "/domainCapabilities/features/genid", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_BACKING_STORE_INPUT] = {
        "backingStoreInput", NULL,
        "/domainCapabilities/features/backingStoreInput", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_BACKUP] = {
        "backup", NULL, "/domainCapabilities/features/backup", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_S390_PV] = {
        "s390-pv", NULL, "/domainCapabilities/features/s390-pv", { NULL } },
    [VIR_DOMAIN_CAPS_ITEM_HYPERV] = {
        "hyperv", NULL, "/domainCapabilities/features/hyperv",
        { "features", NULL } },
};


/**
 * virDomainCapsDefFree:
 * @def: a domain capabilities definition, may be NULL
 */
void
virDomainCapsDefFree(virDomainCapsDef *def)
{
    size_t i;
    size_t j;

    if (!def)
        return;
    g_free(def->path);
    g_free(def->domain);
    g_free(def->machine);
    g_free(def->arch);
    g_strfreev(def->loaderValues);
    for (i = 0; i < VIR_DOMAIN_CAPS_ITEM_LAST; i++) {
        for (j = 0; j < VIR_DOMAIN_CAPS_ENUMS_MAX; j++)
            g_strfreev(def->items[i].values[j]);
    }
    g_free(def->cpu.hostModel);
    g_free(def->cpu.hostVendorID);
    g_free(def->cpu.hostVendor);
    for (i = 0; i < def->cpu.nfeatures; i++)
        g_free(def->cpu.features[i].name);
    g_free(def->cpu.features);
    for (i = 0; i < def->cpu.nmodels; i++) {
        g_free(def->cpu.models[i].name);
        g_free(def->cpu.models[i].vendor);
    }
    g_free(def->cpu.models);
    g_free(def->sgx.sections);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* numbers and <value> lists                                           */
/* ------------------------------------------------------------------ */

/* A decimal number no larger than @max in @str, which came from @what
 * (an element or attribute name, for the message). */
static int
virDomainCapsParseNumber(const char *str, const char *what,
                         unsigned long long max, unsigned long long *val)
{
    /* virStrToLong_ull() would wrap a leading '-' around */
    if (!str || !g_ascii_isdigit(*str) ||
        virStrToLong_ull(str, NULL, 10, val) < 0 || *val > max) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed %1$s value '%2$s'"), what, NULLSTR(str));
        return -1;
    }
    return 0;
}


/* The number in the text-only child @name of @node; *@found says
 * whether that child exists.  Returns 0 or -1. */
static int
virDomainCapsNumberChildParse(xmlNodePtr node, const char *name,
                              unsigned long long max,
                              unsigned long long *val, bool *found)
{
    g_autofree char *text = NULL;

    *found = !!virConfChild(node, name);
    if (!*found)
        return 0;
    if (virConfChildText(node, name, &text) < 0)
        return -1;
    return virDomainCapsParseNumber(text, name, max, val);
}


/* The <value> children of @node, in document order.  Returns 0 or -1. */
static int
virDomainCapsValuesParseXML(xmlNodePtr node, char ***values)
{
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(node, "value", &nodes);
    g_auto(GStrv) vals = g_new0(char *, n + 1);
    size_t i;

    for (i = 0; i < n; i++) {
        if (virConfTextElement(nodes[i], &vals[i]) < 0)
            return -1;
        if (!vals[i]) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("empty value in element '%1$s'"),
                           (const char *)node->name);
            return -1;
        }
    }
    *values = g_steal_pointer(&vals);
    return 0;
}


static void
virDomainCapsValuesFormat(virBuffer *buf, char *const *values)
{
    size_t i;

    for (i = 0; values && values[i]; i++)
        virBufferEscapeString(buf, "<value>%s</value>\n", values[i]);
}


/* ------------------------------------------------------------------ */
/* items: supported='' and <enum name=''> lists                        */
/* ------------------------------------------------------------------ */

static int
virDomainCapsEnumParseXML(xmlNodePtr node, virDomainCapsItemType type,
                          virDomainCapsItem *item)
{
    static const char *const attrs[] = { "name", NULL };
    static const char *const children[] = { "value", NULL };
    const virDomainCapsItemKind *kind = &virDomainCapsItemKinds[type];
    g_autofree char *name = NULL;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(name = virXMLPropStringRequired(node, "name")))
        return -1;
    for (i = 0; kind->enums[i]; i++) {
        if (STREQ(kind->enums[i], name))
            break;
    }
    if (!kind->enums[i]) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown enum '%1$s' in element '%2$s'"),
                       name, kind->element);
        return -1;
    }
    if (item->values[i]) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("duplicate enum '%1$s' in element '%2$s'"),
                       name, kind->element);
        return -1;
    }
    return virDomainCapsValuesParseXML(node, &item->values[i]);
}


static void
virDomainCapsEnumFormat(virBuffer *buf, const char *name, char *const *values)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " name='%s'", name);
    virDomainCapsValuesFormat(&children, values);
    virXMLFormatElement(buf, "enum", &attrs, &children);
}


/* supported='' and the <enum>s of an item; the caller has checked the
 * element's attributes and children. */
static int
virDomainCapsItemParseXML(xmlNodePtr node, virDomainCapsItemType type,
                          virDomainCapsItem *item)
{
    g_autofree xmlNodePtr *enums = NULL;
    size_t n = virConfChildren(node, "enum", &enums);
    size_t i;

    if (virXMLPropTristateBool(node, "supported",
                               VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &item->supported) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (virDomainCapsEnumParseXML(enums[i], type, item) < 0)
            return -1;
    }
    return 0;
}


/* Append the attributes of an item to @attrs and its <enum>s to
 * @children, so that callers can add children of their own around. */
static void
virDomainCapsItemFormatParts(const virDomainCapsItem *item,
                             virDomainCapsItemType type,
                             virBuffer *attrs, virBuffer *children)
{
    const virDomainCapsItemKind *kind = &virDomainCapsItemKinds[type];
    size_t i;

    if (kind->mode)
        virBufferAsprintf(attrs, " name='%s'", kind->mode);
    virBufferAsprintf(attrs, " supported='%s'",
                      virTristateBoolTypeToString(item->supported));
    for (i = 0; kind->enums[i]; i++) {
        if (item->values[i])
            virDomainCapsEnumFormat(children, kind->enums[i], item->values[i]);
    }
}


/* An item that is only supported='' and <enum>s, found as the child
 * of @parent that the item's kind names; absent is fine. */
static int
virDomainCapsSimpleItemParseXML(xmlNodePtr parent, virDomainCapsItemType type,
                                virDomainCapsDef *def)
{
    static const char *const attrs[] = { "supported", NULL };
    static const char *const enumChild[] = { "enum", NULL };
    const virDomainCapsItemKind *kind = &virDomainCapsItemKinds[type];
    xmlNodePtr node = virConfChild(parent, kind->element);

    if (!node)
        return 0;
    if (virConfCheckElement(node, attrs, kind->enums[0] ? enumChild : NULL) < 0)
        return -1;
    return virDomainCapsItemParseXML(node, type, &def->items[type]);
}


static void
virDomainCapsSimpleItemFormat(virBuffer *buf, const virDomainCapsDef *def,
                              virDomainCapsItemType type)
{
    const virDomainCapsItem *item = &def->items[type];
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!item->supported)
        return;
    virDomainCapsItemFormatParts(item, type, &attrs, &children);
    virXMLFormatElement(buf, virDomainCapsItemKinds[type].element,
                        &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <os> and its <loader>                                               */
/* ------------------------------------------------------------------ */

static int
virDomainCapsLoaderParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const attrs[] = { "supported", NULL };
    static const char *const children[] = { "value", "enum", NULL };
    g_auto(GStrv) values = NULL;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virDomainCapsValuesParseXML(node, &values) < 0 ||
        virDomainCapsItemParseXML(node, VIR_DOMAIN_CAPS_ITEM_LOADER,
                                  &def->items[VIR_DOMAIN_CAPS_ITEM_LOADER]) < 0)
        return -1;
    if (values[0])
        def->loaderValues = g_steal_pointer(&values);
    return 0;
}


static void
virDomainCapsLoaderFormat(virBuffer *buf, const virDomainCapsDef *def)
{
    const virDomainCapsItem *item = &def->items[VIR_DOMAIN_CAPS_ITEM_LOADER];
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!item->supported)
        return;
    /* libvirt lists the firmware paths before the enums */
    virDomainCapsValuesFormat(&children, def->loaderValues);
    virDomainCapsItemFormatParts(item, VIR_DOMAIN_CAPS_ITEM_LOADER,
                                 &attrs, &children);
    virXMLFormatElement(buf, "loader", &attrs, &children);
}


static int
virDomainCapsOSParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const attrs[] = { "supported", NULL };
    static const char *const children[] = { "enum", "loader", NULL };
    xmlNodePtr loader;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virDomainCapsItemParseXML(node, VIR_DOMAIN_CAPS_ITEM_OS,
                                  &def->items[VIR_DOMAIN_CAPS_ITEM_OS]) < 0)
        return -1;
    if ((loader = virConfChild(node, "loader")) &&
        virDomainCapsLoaderParseXML(loader, def) < 0)
        return -1;
    return 0;
}


static void
virDomainCapsOSFormat(virBuffer *buf, const virDomainCapsDef *def)
{
    const virDomainCapsItem *item = &def->items[VIR_DOMAIN_CAPS_ITEM_OS];
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!item->supported)
        return;
    virDomainCapsItemFormatParts(item, VIR_DOMAIN_CAPS_ITEM_OS,
                                 &attrs, &children);
    virDomainCapsLoaderFormat(&children, def);
    virXMLFormatElement(buf, "os", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <cpu>: its four <mode>s                                             */
/* ------------------------------------------------------------------ */

static int
virDomainCapsCPUHostModelModelParseXML(xmlNodePtr node, virDomainCapsCPU *cpu)
{
    static const char *const attrs[] = { "fallback", "vendor_id", NULL };
    g_autofree char *text = NULL;

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "fallback", virDomainCapsCPUFallbackTypeFromString,
                       VIR_XML_PROP_NONZERO, &cpu->hostFallback) < 0 ||
        !(text = virXMLNodeContentString(node)))
        return -1;
    g_free(cpu->hostVendorID);
    cpu->hostVendorID = virXMLPropString(node, "vendor_id");
    if (*text)
        cpu->hostModel = g_steal_pointer(&text);
    cpu->hasHostModel = true;
    return 0;
}


static int
virDomainCapsCPUFeatureParseXML(xmlNodePtr node, virDomainCapsCPUFeature *feature)
{
    static const char *const attrs[] = { "policy", "name", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "policy", virDomainCapsCPUPolicyTypeFromString,
                       VIR_XML_PROP_REQUIRED, &feature->policy) < 0 ||
        !(feature->name = virXMLPropStringRequired(node, "name")))
        return -1;
    return 0;
}


static int
virDomainCapsCPUHostModelParseXML(xmlNodePtr node, virDomainCapsCPU *cpu)
{
    static const char *const attrs[] = { "name", "supported", NULL };
    static const char *const children[] = { "model", "vendor", "feature", NULL };
    g_autofree xmlNodePtr *features = NULL;
    xmlNodePtr model;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "supported",
                               VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &cpu->hostModelSupported) < 0 ||
        ((model = virConfChild(node, "model")) &&
         virDomainCapsCPUHostModelModelParseXML(model, cpu) < 0) ||
        virConfChildText(node, "vendor", &cpu->hostVendor) < 0)
        return -1;
    cpu->nfeatures = virConfChildren(node, "feature", &features);
    cpu->features = g_new0(virDomainCapsCPUFeature, cpu->nfeatures);
    for (i = 0; i < cpu->nfeatures; i++) {
        if (virDomainCapsCPUFeatureParseXML(features[i], &cpu->features[i]) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainCapsCPUHostModelFormat(virBuffer *buf, const virDomainCapsCPU *cpu)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " name='host-model' supported='%s'",
                      virTristateBoolTypeToString(cpu->hostModelSupported));
    if (cpu->hasHostModel) {
        virBufferAddLit(&children, "<model");
        if (cpu->hostFallback)
            virBufferAsprintf(&children, " fallback='%s'",
                              virDomainCapsCPUFallbackTypeToString(cpu->hostFallback));
        virBufferEscapeString(&children, " vendor_id='%s'", cpu->hostVendorID);
        if (cpu->hostModel)
            virBufferEscapeString(&children, ">%s</model>\n", cpu->hostModel);
        else
            virBufferAddLit(&children, "/>\n");
    }
    virBufferEscapeString(&children, "<vendor>%s</vendor>\n", cpu->hostVendor);
    for (i = 0; i < cpu->nfeatures; i++) {
        virBufferAsprintf(&children, "<feature policy='%s'",
                          virDomainCapsCPUPolicyTypeToString(cpu->features[i].policy));
        virBufferEscapeString(&children, " name='%s'/>\n", cpu->features[i].name);
    }
    virXMLFormatElement(buf, "mode", &attrs, &children);
}


static int
virDomainCapsCPUModelParseXML(xmlNodePtr node, virDomainCapsCPUModel *model)
{
    static const char *const attrs[] = { "usable", "deprecated", "vendor", NULL };
    virTristateBool deprecated = VIR_TRISTATE_BOOL_ABSENT;

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "usable", virDomainCapsCPUUsableTypeFromString,
                       VIR_XML_PROP_REQUIRED, &model->usable) < 0 ||
        virXMLPropTristateBool(node, "deprecated", VIR_XML_PROP_NONZERO,
                               &deprecated) < 0 ||
        !(model->vendor = virXMLPropStringRequired(node, "vendor")) ||
        !(model->name = virXMLNodeContentString(node)))
        return -1;
    if (!*model->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("custom CPU model has no name"));
        return -1;
    }
    model->deprecated = deprecated == VIR_TRISTATE_BOOL_YES;
    return 0;
}


static int
virDomainCapsCPUCustomParseXML(xmlNodePtr node, virDomainCapsCPU *cpu)
{
    static const char *const attrs[] = { "name", "supported", NULL };
    static const char *const children[] = { "model", NULL };
    g_autofree xmlNodePtr *models = NULL;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "supported",
                               VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &cpu->customSupported) < 0)
        return -1;
    cpu->nmodels = virConfChildren(node, "model", &models);
    cpu->models = g_new0(virDomainCapsCPUModel, cpu->nmodels);
    for (i = 0; i < cpu->nmodels; i++) {
        if (virDomainCapsCPUModelParseXML(models[i], &cpu->models[i]) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainCapsCPUCustomFormat(virBuffer *buf, const virDomainCapsCPU *cpu)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " name='custom' supported='%s'",
                      virTristateBoolTypeToString(cpu->customSupported));
    for (i = 0; i < cpu->nmodels; i++) {
        const virDomainCapsCPUModel *model = &cpu->models[i];

        virBufferAsprintf(&children, "<model usable='%s'",
                          virDomainCapsCPUUsableTypeToString(model->usable));
        /* libvirt writes deprecated='yes' only, never 'no' */
        if (model->deprecated)
            virBufferAddLit(&children, " deprecated='yes'");
        virBufferEscapeString(&children, " vendor='%s'", model->vendor);
        virBufferEscapeString(&children, ">%s</model>\n", model->name);
    }
    virXMLFormatElement(buf, "mode", &attrs, &children);
}


/* Route one <mode> to its parser; each mode may appear once. */
static int
virDomainCapsCPUModeParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const attrs[] = { "name", "supported", NULL };
    static const char *const enumChild[] = { "enum", NULL };
    static const virDomainCapsItemType enumModes[] = {
        VIR_DOMAIN_CAPS_ITEM_HOST_PASSTHROUGH, VIR_DOMAIN_CAPS_ITEM_MAXIMUM,
    };
    virDomainCapsCPU *cpu = &def->cpu;
    g_autofree char *name = NULL;
    size_t i;

    if (!(name = virXMLPropStringRequired(node, "name")))
        return -1;
    for (i = 0; i < G_N_ELEMENTS(enumModes); i++) {
        virDomainCapsItem *item = &def->items[enumModes[i]];

        if (STRNEQ(name, virDomainCapsItemKinds[enumModes[i]].mode))
            continue;
        if (item->supported)
            goto duplicate;
        if (virConfCheckElement(node, attrs, enumChild) < 0)
            return -1;
        return virDomainCapsItemParseXML(node, enumModes[i], item);
    }
    if (STREQ(name, "host-model")) {
        if (cpu->hostModelSupported)
            goto duplicate;
        return virDomainCapsCPUHostModelParseXML(node, cpu);
    }
    if (STREQ(name, "custom")) {
        if (cpu->customSupported)
            goto duplicate;
        return virDomainCapsCPUCustomParseXML(node, cpu);
    }
    virReportError(VIR_ERR_XML_ERROR,
                   _("unknown CPU mode '%1$s' in domain capabilities"), name);
    return -1;

 duplicate:
    virReportError(VIR_ERR_XML_ERROR,
                   _("duplicate CPU mode '%1$s' in domain capabilities"), name);
    return -1;
}


static int
virDomainCapsCPUParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const children[] = { "mode", NULL };
    g_autofree xmlNodePtr *modes = NULL;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    n = virConfChildren(node, "mode", &modes);
    for (i = 0; i < n; i++) {
        if (virDomainCapsCPUModeParseXML(modes[i], def) < 0)
            return -1;
    }
    /* libvirt's schema wants all four modes, supported or not */
    if (!def->items[VIR_DOMAIN_CAPS_ITEM_HOST_PASSTHROUGH].supported ||
        !def->items[VIR_DOMAIN_CAPS_ITEM_MAXIMUM].supported ||
        !def->cpu.hostModelSupported || !def->cpu.customSupported) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("domain capabilities cpu needs the modes host-passthrough, maximum, host-model and custom"));
        return -1;
    }
    def->cpu.present = true;
    return 0;
}


static void
virDomainCapsCPUFormat(virBuffer *buf, const virDomainCapsDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!def->cpu.present)
        return;
    virDomainCapsSimpleItemFormat(&children, def, VIR_DOMAIN_CAPS_ITEM_HOST_PASSTHROUGH);
    virDomainCapsSimpleItemFormat(&children, def, VIR_DOMAIN_CAPS_ITEM_MAXIMUM);
    virDomainCapsCPUHostModelFormat(&children, &def->cpu);
    virDomainCapsCPUCustomFormat(&children, &def->cpu);
    virXMLFormatElement(buf, "cpu", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <devices>                                                           */
/* ------------------------------------------------------------------ */

static int
virDomainCapsDevicesParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const children[] = { "disk", "graphics", "video",
                                            "hostdev", "rng", "filesystem",
                                            "tpm", "redirdev", "channel", NULL };
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    for (i = VIR_DOMAIN_CAPS_ITEM_DISK; i <= VIR_DOMAIN_CAPS_ITEM_CHANNEL; i++) {
        if (virDomainCapsSimpleItemParseXML(node, i, def) < 0)
            return -1;
    }
    def->hasDevices = true;
    return 0;
}


static void
virDomainCapsDevicesFormat(virBuffer *buf, const virDomainCapsDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!def->hasDevices)
        return;
    for (i = VIR_DOMAIN_CAPS_ITEM_DISK; i <= VIR_DOMAIN_CAPS_ITEM_CHANNEL; i++)
        virDomainCapsSimpleItemFormat(&children, def, i);
    virXMLFormatElementEmpty(buf, "devices", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <features>: <sev>, <sgx> and the simple items                       */
/* ------------------------------------------------------------------ */

static int
virDomainCapsSEVParseXML(xmlNodePtr node, virDomainCapsSEV *sev)
{
    static const char *const attrs[] = { "supported", NULL };
    static const char *const children[] = { "cbitpos", "reducedPhysBits",
                                            "maxGuests", "maxESGuests", NULL };
    unsigned int *fields[] = { &sev->cbitpos, &sev->reducedPhysBits,
                               &sev->maxGuests, &sev->maxESGuests };
    size_t nfound = 0;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "supported",
                               VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &sev->supported) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        unsigned long long val = 0;
        bool found;

        if (virDomainCapsNumberChildParse(node, children[i], UINT_MAX,
                                          &val, &found) < 0)
            return -1;
        *fields[i] = val;
        nfound += found;
    }
    /* the schema takes the four numbers as one group */
    if (nfound != 0 && nfound != G_N_ELEMENTS(fields)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("sev needs all of cbitpos, reducedPhysBits, maxGuests and maxESGuests, or none"));
        return -1;
    }
    sev->hasDetails = nfound != 0;
    return 0;
}


static void
virDomainCapsSEVFormat(virBuffer *buf, const virDomainCapsSEV *sev)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!sev->supported)
        return;
    virBufferAsprintf(&attrs, " supported='%s'",
                      virTristateBoolTypeToString(sev->supported));
    if (sev->hasDetails) {
        virBufferAsprintf(&children, "<cbitpos>%u</cbitpos>\n", sev->cbitpos);
        virBufferAsprintf(&children, "<reducedPhysBits>%u</reducedPhysBits>\n",
                          sev->reducedPhysBits);
        virBufferAsprintf(&children, "<maxGuests>%u</maxGuests>\n", sev->maxGuests);
        virBufferAsprintf(&children, "<maxESGuests>%u</maxESGuests>\n",
                          sev->maxESGuests);
    }
    virXMLFormatElement(buf, "sev", &attrs, &children);
}


/* libvirt gives SGX sizes in KiB and says so; nothing else is taken */
static int
virDomainCapsSGXCheckUnit(xmlNodePtr node)
{
    g_autofree char *unit = virXMLPropStringRequired(node, "unit");

    if (!unit)
        return -1;
    if (STRNEQ(unit, "KiB")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unit '%1$s' of element '%2$s' is not 'KiB'"),
                       unit, (const char *)node->name);
        return -1;
    }
    return 0;
}


static int
virDomainCapsSGXSectionParseXML(xmlNodePtr node, virDomainCapsSGXSection *section)
{
    static const char *const attrs[] = { "node", "size", "unit", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "node", 10, VIR_XML_PROP_REQUIRED, &section->node) < 0 ||
        virXMLPropULongLong(node, "size", 10, VIR_XML_PROP_REQUIRED,
                            &section->size) < 0 ||
        virDomainCapsSGXCheckUnit(node) < 0)
        return -1;
    return 0;
}


static int
virDomainCapsSGXSectionsParseXML(xmlNodePtr node, virDomainCapsSGX *sgx)
{
    static const char *const children[] = { "section", NULL };
    g_autofree xmlNodePtr *sections = NULL;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    sgx->nsections = virConfChildren(node, "section", &sections);
    sgx->sections = g_new0(virDomainCapsSGXSection, sgx->nsections);
    for (i = 0; i < sgx->nsections; i++) {
        if (virDomainCapsSGXSectionParseXML(sections[i], &sgx->sections[i]) < 0)
            return -1;
    }
    sgx->hasSections = true;
    return 0;
}


/* <flc>, <sgx1>, <sgx2>: yes or no as text */
static int
virDomainCapsSGXFlagParseXML(xmlNodePtr node, const char *name,
                             virTristateBool *flag, bool *found)
{
    g_autofree char *text = NULL;
    int val;

    *found = !!virConfChild(node, name);
    if (!*found)
        return 0;
    if (virConfChildText(node, name, &text) < 0)
        return -1;
    if (!text || (val = virTristateBoolTypeFromString(text)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed %1$s value '%2$s'"), name, NULLSTR(text));
        return -1;
    }
    *flag = val;
    return 0;
}


static int
virDomainCapsSGXParseXML(xmlNodePtr node, virDomainCapsSGX *sgx)
{
    static const char *const attrs[] = { "supported", NULL };
    static const char *const children[] = { "flc", "sgx1", "sgx2",
                                            "section_size", "sections", NULL };
    virTristateBool *flags[] = { &sgx->flc, &sgx->sgx1, &sgx->sgx2 };
    xmlNodePtr size;
    xmlNodePtr sections;
    size_t nfound = 0;
    size_t i;
    bool found;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropTristateBool(node, "supported",
                               VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                               &sgx->supported) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(flags); i++) {
        if (virDomainCapsSGXFlagParseXML(node, children[i], flags[i], &found) < 0)
            return -1;
        nfound += found;
    }
    if ((size = virConfChild(node, "section_size"))) {
        g_autofree char *text = NULL;

        if (virConfCheckElement(size, (const char *const[]){ "unit", NULL }, NULL) < 0 ||
            virDomainCapsSGXCheckUnit(size) < 0 ||
            !(text = virXMLNodeContentString(size)) ||
            virDomainCapsParseNumber(text, "section_size", ULLONG_MAX,
                                     &sgx->sectionSize) < 0)
            return -1;
        nfound++;
    }
    if ((sections = virConfChild(node, "sections")) &&
        virDomainCapsSGXSectionsParseXML(sections, sgx) < 0)
        return -1;
    /* the schema takes flc .. section_size as one group, sections within */
    if ((nfound != 0 && nfound != 4) || (nfound == 0 && sections)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("sgx needs all of flc, sgx1, sgx2 and section_size, or none of them and no sections"));
        return -1;
    }
    sgx->hasDetails = nfound != 0;
    return 0;
}


static void
virDomainCapsSGXFormat(virBuffer *buf, const virDomainCapsSGX *sgx)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!sgx->supported)
        return;
    virBufferAsprintf(&attrs, " supported='%s'",
                      virTristateBoolTypeToString(sgx->supported));
    if (sgx->hasDetails) {
        virBufferAsprintf(&children, "<flc>%s</flc>\n",
                          virTristateBoolTypeToString(sgx->flc));
        virBufferAsprintf(&children, "<sgx1>%s</sgx1>\n",
                          virTristateBoolTypeToString(sgx->sgx1));
        virBufferAsprintf(&children, "<sgx2>%s</sgx2>\n",
                          virTristateBoolTypeToString(sgx->sgx2));
        virBufferAsprintf(&children, "<section_size unit='KiB'>%llu</section_size>\n",
                          sgx->sectionSize);
    }
    if (sgx->hasSections) {
        g_auto(virBuffer) sections = VIR_BUFFER_INIT_CHILD(&children);

        for (i = 0; i < sgx->nsections; i++)
            virBufferAsprintf(&sections, "<section node='%u' size='%llu' unit='KiB'/>\n",
                              sgx->sections[i].node, sgx->sections[i].size);
        virXMLFormatElementEmpty(&children, "sections", NULL, &sections);
    }
    virXMLFormatElement(buf, "sgx", &attrs, &children);
}


static int
virDomainCapsFeaturesParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const children[] = { "gic", "vmcoreinfo", "genid",
                                            "backingStoreInput", "backup",
                                            "s390-pv", "sev", "sgx", "hyperv",
                                            NULL };
    xmlNodePtr child;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    for (i = VIR_DOMAIN_CAPS_ITEM_GIC; i <= VIR_DOMAIN_CAPS_ITEM_HYPERV; i++) {
        if (virDomainCapsSimpleItemParseXML(node, i, def) < 0)
            return -1;
    }
    if (((child = virConfChild(node, "sev")) &&
         virDomainCapsSEVParseXML(child, &def->sev) < 0) ||
        ((child = virConfChild(node, "sgx")) &&
         virDomainCapsSGXParseXML(child, &def->sgx) < 0))
        return -1;
    def->hasFeatures = true;
    return 0;
}


static void
virDomainCapsFeaturesFormat(virBuffer *buf, const virDomainCapsDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!def->hasFeatures)
        return;
    for (i = VIR_DOMAIN_CAPS_ITEM_GIC; i <= VIR_DOMAIN_CAPS_ITEM_S390_PV; i++)
        virDomainCapsSimpleItemFormat(&children, def, i);
    virDomainCapsSEVFormat(&children, &def->sev);
    virDomainCapsSGXFormat(&children, &def->sgx);
    virDomainCapsSimpleItemFormat(&children, def, VIR_DOMAIN_CAPS_ITEM_HYPERV);
    virXMLFormatElementEmpty(buf, "features", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* An unsupported item lists nothing: libvirt never writes enums under
 * supported='no', so such a document did not come from a hypervisor. */
static void
virDomainCapsItemValidate(const virDomainCapsDef *def, virDomainCapsItemType type,
                          virConfViolations *v)
{
    const virDomainCapsItemKind *kind = &virDomainCapsItemKinds[type];
    const virDomainCapsItem *item = &def->items[type];
    size_t i;
    size_t j;
    size_t k;

    for (i = 0; kind->enums[i]; i++) {
        char **values = item->values[i];

        if (!values)
            continue;
        if (item->supported == VIR_TRISTATE_BOOL_NO)
            virConfViolationAdd(v, kind->path,
                                "supported='no' but lists enum '%s'", kind->enums[i]);
        for (j = 0; values[j]; j++) {
            for (k = 0; k < j; k++) {
                if (STREQ(values[k], values[j]))
                    virConfViolationAdd(v, kind->path,
                                        "enum '%s' lists value '%s' twice",
                                        kind->enums[i], values[j]);
            }
        }
    }
}


/**
 * virDomainCapsDefValidate:
 * @def: the domain capabilities definition
 *
 * Checks the rules libvirt's schema cannot say: nothing is listed under
 * supported='no' and no enum repeats a value.
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR listing every violation.
 */
int
virDomainCapsDefValidate(const virDomainCapsDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    const virDomainCapsItem *os = &def->items[VIR_DOMAIN_CAPS_ITEM_OS];
    const virDomainCapsItem *loader = &def->items[VIR_DOMAIN_CAPS_ITEM_LOADER];
    size_t i;

    for (i = 0; i < VIR_DOMAIN_CAPS_ITEM_LAST; i++)
        virDomainCapsItemValidate(def, i, v);
    if (os->supported == VIR_TRISTATE_BOOL_NO && loader->supported)
        virConfViolationAdd(v, "/domainCapabilities/os",
                            "supported='no' but has a loader");
    if (loader->supported == VIR_TRISTATE_BOOL_NO && def->loaderValues)
        virConfViolationAdd(v, "/domainCapabilities/os/loader",
                            "supported='no' but lists firmware paths");
    if (def->cpu.hostModelSupported == VIR_TRISTATE_BOOL_NO &&
        (def->cpu.hasHostModel || def->cpu.hostVendor || def->cpu.nfeatures))
        virConfViolationAdd(v, "/domainCapabilities/cpu/mode[@name='host-model']",
                            "supported='no' but describes a CPU");
    if (def->cpu.customSupported == VIR_TRISTATE_BOOL_NO && def->cpu.nmodels)
        virConfViolationAdd(v, "/domainCapabilities/cpu/mode[@name='custom']",
                            "supported='no' but lists models");
    if (def->sev.supported == VIR_TRISTATE_BOOL_NO && def->sev.hasDetails)
        virConfViolationAdd(v, "/domainCapabilities/features/sev",
                            "supported='no' but gives SEV parameters");
    if (def->sgx.supported == VIR_TRISTATE_BOOL_NO &&
        (def->sgx.hasDetails || def->sgx.hasSections))
        virConfViolationAdd(v, "/domainCapabilities/features/sgx",
                            "supported='no' but gives SGX parameters");
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


/* ------------------------------------------------------------------ */
/* <domainCapabilities>                                                */
/* ------------------------------------------------------------------ */

static int
virDomainCapsVcpuParseXML(xmlNodePtr node, virDomainCapsDef *def)
{
    static const char *const attrs[] = { "max", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "max", 10, VIR_XML_PROP_REQUIRED, &def->vcpuMax) < 0)
        return -1;
    def->hasVcpuMax = true;
    return 0;
}


/* <path>, <domain>, <machine>, <arch>: text, all but machine required */
static int
virDomainCapsHeaderParseXML(xmlNodePtr root, virDomainCapsDef *def)
{
    if (virConfChildText(root, "path", &def->path) < 0 ||
        virConfChildText(root, "domain", &def->domain) < 0 ||
        virConfChildText(root, "machine", &def->machine) < 0 ||
        virConfChildText(root, "arch", &def->arch) < 0)
        return -1;
    if (!def->path || !def->domain || !def->arch) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("domain capabilities need path, domain and arch"));
        return -1;
    }
    if (def->path[0] != '/') {
        virReportError(VIR_ERR_XML_ERROR,
                       _("emulator path '%1$s' is not absolute"), def->path);
        return -1;
    }
    return 0;
}


static virDomainCapsDef *
virDomainCapsDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const children[] = { "path", "domain", "machine",
                                            "arch", "vcpu", "iothreads", "os",
                                            "cpu", "memoryBacking", "devices",
                                            "features", NULL };
    g_autoptr(virDomainCapsDef) def = g_new0(virDomainCapsDef, 1);
    xmlNodePtr node;

    if (virConfCheckElement(root, NULL, children) < 0 ||
        virDomainCapsHeaderParseXML(root, def) < 0 ||
        ((node = virConfChild(root, "vcpu")) &&
         virDomainCapsVcpuParseXML(node, def) < 0) ||
        virDomainCapsSimpleItemParseXML(root, VIR_DOMAIN_CAPS_ITEM_IOTHREADS, def) < 0 ||
        ((node = virConfChild(root, "os")) &&
         virDomainCapsOSParseXML(node, def) < 0) ||
        ((node = virConfChild(root, "cpu")) &&
         virDomainCapsCPUParseXML(node, def) < 0) ||
        virDomainCapsSimpleItemParseXML(root, VIR_DOMAIN_CAPS_ITEM_MEMORY_BACKING,
                                        def) < 0 ||
        ((node = virConfChild(root, "devices")) &&
         virDomainCapsDevicesParseXML(node, def) < 0) ||
        ((node = virConfChild(root, "features")) &&
         virDomainCapsFeaturesParseXML(node, def) < 0))
        return NULL;

    if (!(flags & VIR_DOMAIN_CAPS_DEF_PARSE_SKIP_VALIDATE) &&
        virDomainCapsDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virDomainCapsDef *
virDomainCapsDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(domain_capabilities)"),
                            "domainCapabilities", &ctxt, VIR_FROM_THIS)))
        return NULL;
    return virDomainCapsDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virDomainCapsDefParseString:
 * @xml: a <domainCapabilities> document
 * @flags: virDomainCapsDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainCapsDef *
virDomainCapsDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_CAPS_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virDomainCapsDefParse(xml, NULL, flags);
}


/**
 * virDomainCapsDefParseFile:
 * @filename: a file holding a <domainCapabilities> document
 * @flags: virDomainCapsDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainCapsDef *
virDomainCapsDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_CAPS_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virDomainCapsDefParse(NULL, filename, flags);
}


/**
 * virDomainCapsDefFormat:
 * @def: the domain capabilities definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's virsh domcapabilities prints it
 * (caller frees); never NULL.
 */
char *
virDomainCapsDefFormat(const virDomainCapsDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    (void)flags;
    virBufferAddLit(&buf, "<domainCapabilities>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<path>%s</path>\n", def->path);
    virBufferEscapeString(&buf, "<domain>%s</domain>\n", def->domain);
    virBufferEscapeString(&buf, "<machine>%s</machine>\n", def->machine);
    virBufferEscapeString(&buf, "<arch>%s</arch>\n", def->arch);
    if (def->hasVcpuMax)
        virBufferAsprintf(&buf, "<vcpu max='%u'/>\n", def->vcpuMax);
    virDomainCapsSimpleItemFormat(&buf, def, VIR_DOMAIN_CAPS_ITEM_IOTHREADS);
    virDomainCapsOSFormat(&buf, def);
    virDomainCapsCPUFormat(&buf, def);
    virDomainCapsSimpleItemFormat(&buf, def, VIR_DOMAIN_CAPS_ITEM_MEMORY_BACKING);
    virDomainCapsDevicesFormat(&buf, def);
    virDomainCapsFeaturesFormat(&buf, def);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domainCapabilities>\n");
    return virBufferContentAndReset(&buf);
}
