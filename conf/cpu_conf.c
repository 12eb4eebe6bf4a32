/*
 * cpu_conf.c: parse and format the guest CPU of a domain (<cpu>)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#include "cpu_conf.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_CPU

VIR_ENUM_IMPL(virCPUMode, VIR_CPU_MODE_LAST,
    [VIR_CPU_MODE_CUSTOM] = "custom",
    [VIR_CPU_MODE_HOST_MODEL] = "host-model",
    [VIR_CPU_MODE_HOST_PASSTHROUGH] = "host-passthrough",
    [VIR_CPU_MODE_MAXIMUM] = "maximum",
);

VIR_ENUM_IMPL(virCPUMatch, VIR_CPU_MATCH_LAST,
    [VIR_CPU_MATCH_EXACT] = "exact",
    [VIR_CPU_MATCH_MINIMUM] = "minimum",
    [VIR_CPU_MATCH_STRICT] = "strict",
);

VIR_ENUM_IMPL(virCPUCheck, VIR_CPU_CHECK_LAST,
    [VIR_CPU_CHECK_DEFAULT] = "default",
    [VIR_CPU_CHECK_NONE] = "none",
    [VIR_CPU_CHECK_PARTIAL] = "partial",
    [VIR_CPU_CHECK_FULL] = "full",
);

VIR_ENUM_IMPL(virCPUFallback, VIR_CPU_FALLBACK_LAST,
    [VIR_CPU_FALLBACK_ALLOW] = "allow",
    [VIR_CPU_FALLBACK_FORBID] = "forbid",
);

VIR_ENUM_IMPL(virCPUFeaturePolicy, VIR_CPU_FEATURE_LAST,
    [VIR_CPU_FEATURE_FORCE] = "force",
    [VIR_CPU_FEATURE_REQUIRE] = "require",
    [VIR_CPU_FEATURE_OPTIONAL] = "optional",
    [VIR_CPU_FEATURE_DISABLE] = "disable",
    [VIR_CPU_FEATURE_FORBID] = "forbid",
);

VIR_ENUM_IMPL(virCPUCacheMode, VIR_CPU_CACHE_MODE_LAST,
    [VIR_CPU_CACHE_MODE_EMULATE] = "emulate",
    [VIR_CPU_CACHE_MODE_PASSTHROUGH] = "passthrough",
    [VIR_CPU_CACHE_MODE_DISABLE] = "disable",
);


/**
 * virCPUDefFree:
 * @def: a CPU definition, may be NULL
 *
 * Free @def and everything it owns.
 */
void
virCPUDefFree(virCPUDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < def->nfeatures; i++)
        g_free(def->features[i].name);
    g_free(def->features);
    for (i = 0; i < def->ncells; i++)
        g_free(def->cells[i].cpus);
    g_free(def->cells);
    g_free(def->cache);
    g_free(def->model);
    g_free(def->vendor_id);
    g_free(def->vendor);
    g_free(def);
}


static int
virCPUDefParseModel(xmlNodePtr node, virCPUDef *def)
{
    const char *attrs[] = { "fallback", "vendor_id", NULL };
    const char *children[] = { NULL };
    g_autofree char *fallback = NULL;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if ((fallback = virXMLPropString(node, "fallback"))) {
        int val = virCPUFallbackTypeFromString(fallback);

        if (val < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Invalid fallback attribute"));
            return -1;
        }
        def->fallback = val;
    }

    g_free(def->vendor_id);
    def->vendor_id = virXMLPropString(node, "vendor_id");
    if (def->vendor_id && strlen(def->vendor_id) != 12) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("vendor_id '%1$s' must be exactly 12 characters long"),
                       def->vendor_id);
        return -1;
    }

    g_free(def->model);
    def->model = virXMLNodeContentString(node);
    if (def->model && !*def->model)
        g_clear_pointer(&def->model, g_free);
    return 0;
}


static int
virCPUDefParseTopology(xmlNodePtr node, virCPUDef *def)
{
    const char *attrs[] = { "sockets", "dies", "cores", "threads", NULL };
    const char *children[] = { NULL };
    unsigned int dies = 1;
    virXMLPropFlags req = VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if (virXMLPropUInt(node, "sockets", 10, req, &def->sockets) < 0 ||
        virXMLPropUInt(node, "dies", 10, VIR_XML_PROP_NONZERO, &dies) < 0 ||
        virXMLPropUInt(node, "cores", 10, req, &def->cores) < 0 ||
        virXMLPropUInt(node, "threads", 10, req, &def->threads) < 0)
        return -1;
    def->dies = dies ? dies : 1;
    return 0;
}


static int
virCPUDefParseCache(xmlNodePtr node, virCPUDef *def)
{
    const char *attrs[] = { "level", "mode", NULL };
    const char *children[] = { NULL };
    g_autofree virCPUCacheDef *cache = g_new0(virCPUCacheDef, 1);
    unsigned int level = 0;
    unsigned int mode = 0;
    int rc;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if ((rc = virXMLPropUInt(node, "level", 10, VIR_XML_PROP_NONE, &level)) < 0 ||
        virXMLPropEnum(node, "mode", virCPUCacheModeTypeFromString,
                       VIR_XML_PROP_REQUIRED, &mode) < 0)
        return -1;

    cache->level = rc > 0 ? (int)level : -1;
    cache->mode = mode;
    def->cache = g_steal_pointer(&cache);
    return 0;
}


static int
virCPUDefParseFeature(xmlNodePtr node, virCPUDef *def)
{
    const char *attrs[] = { "name", "policy", NULL };
    const char *children[] = { NULL };
    g_autofree char *name = NULL;
    g_autofree char *policy = NULL;
    int pol = VIR_CPU_FEATURE_REQUIRE;
    size_t i;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if ((policy = virXMLPropString(node, "policy")) &&
        (pol = virCPUFeaturePolicyTypeFromString(policy)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Invalid CPU feature policy"));
        return -1;
    }

    if (!(name = virXMLPropString(node, "name")) || !*name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("Invalid CPU feature name"));
        return -1;
    }

    for (i = 0; i < def->nfeatures; i++) {
        if (STREQ(def->features[i].name, name)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("CPU feature '%1$s' specified more than once"),
                           name);
            return -1;
        }
    }

    def->features = g_renew(virCPUFeatureDef, def->features, def->nfeatures + 1);
    def->features[def->nfeatures].name = g_steal_pointer(&name);
    def->features[def->nfeatures].policy = pol;
    def->nfeatures++;
    return 0;
}


/* Cells are numbered from 0 without gaps, in document order. */
static int
virCPUDefParseNumaCell(xmlNodePtr node, virCPUDef *def)
{
    const char *attrs[] = { "id", "cpus", "memory", "unit", "memAccess",
                            "discard", NULL };
    virCPUNumaCell *cell;
    g_autofree char *cpus = NULL;
    g_autofree char *unit = NULL;
    unsigned long long bytes = 0;
    unsigned int id = def->ncells;
    unsigned int access = 0;
    virTristateBool discard = VIR_TRISTATE_BOOL_ABSENT;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, (const char *[]){ NULL }) < 0 ||
        virXMLPropUInt(node, "id", 10, VIR_XML_PROP_NONE, &id) < 0 ||
        virXMLPropULongLong(node, "memory", 10, VIR_XML_PROP_REQUIRED, &bytes) < 0 ||
        virXMLPropEnum(node, "memAccess", virDomainMemoryAccessTypeFromString,
                       VIR_XML_PROP_NONZERO, &access) < 0 ||
        virXMLPropTristateBool(node, "discard", VIR_XML_PROP_NONE, &discard) < 0)
        return -1;
    if (id != def->ncells) {
        /* libvirt's NUMA code reports in the domain's error domain */
        virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                             __FILE__, __func__, __LINE__, "%s",
                             _("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed"));
        return -1;
    }
    unit = virXMLPropString(node, "unit");
    if (virScaleInteger(&bytes, unit, 1024, LLONG_MAX) < 0)
        return -1;
    if ((cpus = virXMLPropString(node, "cpus"))) {
        char *list = virDomainParseRangeList(cpus);

        if (!list)
            return -1;
        g_free(cpus);
        cpus = list;
    }

    def->cells = g_renew(virCPUNumaCell, def->cells, def->ncells + 1);
    cell = &def->cells[def->ncells++];
    cell->cpus = g_steal_pointer(&cpus);
    cell->memory = bytes / 1024 + (bytes % 1024 ? 1 : 0);
    cell->memAccess = access;
    cell->discard = discard;
    return 0;
}


static int
virCPUDefParseNuma(xmlNodePtr node, virCPUDef *def)
{
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0 ||
        virXMLCheckChildren(node, (const char *[]){ "cell", NULL }) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virCPUDefParseNumaCell(cur, def) < 0)
            return -1;
    }
    return 0;
}


static int
virCPUDefParseChildren(xmlNodePtr node, virCPUDef *def)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "model")) {
            rc = virCPUDefParseModel(cur, def);
        } else if (STREQ(name, "vendor")) {
            const char *none[] = { NULL };

            if (virXMLCheckAttributes(cur, none) < 0 ||
                virXMLCheckChildren(cur, none) < 0)
                return -1;
            g_free(def->vendor);
            def->vendor = virXMLNodeContentString(cur);
        } else if (STREQ(name, "topology")) {
            rc = virCPUDefParseTopology(cur, def);
        } else if (STREQ(name, "cache")) {
            rc = virCPUDefParseCache(cur, def);
        } else if (STREQ(name, "feature")) {
            rc = virCPUDefParseFeature(cur, def);
        } else if (STREQ(name, "numa")) {
            if (def->ncells) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("element 'numa' may appear only once in element 'cpu'"));
                return -1;
            }
            rc = virCPUDefParseNuma(cur, def);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


/**
 * virCPUDefParseXML:
 * @node: the <cpu> element of a domain
 * @cpu: set to the new definition, or to NULL when <cpu/> says nothing
 *
 * Parse a domain's <cpu> element strictly.  The caller owns *@cpu.
 *
 * Returns 0 on success, -1 with an error (VIR_FROM_CPU) reported.
 */
int
virCPUDefParseXML(xmlNodePtr node, virCPUDef **cpu)
{
    const char *attrs[] = { "mode", "match", "check", "migratable", NULL };
    const char *children[] = { "model", "vendor", "topology", "cache",
                               "feature", "numa", NULL };
    g_autoptr(virCPUDef) def = g_new0(virCPUDef, 1);
    g_autofree char *mode = NULL;
    unsigned int match = 0;
    unsigned int check = 0;

    *cpu = NULL;
    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLCheckChildren(node, children) < 0)
        return -1;

    if ((mode = virXMLPropString(node, "mode"))) {
        int val = virCPUModeTypeFromString(mode);

        if (val < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid mode attribute '%1$s'"), mode);
            return -1;
        }
        def->mode = val;
    }

    if (virXMLPropEnum(node, "match", virCPUMatchTypeFromString,
                       VIR_XML_PROP_NONE, &match) < 0 ||
        virXMLPropEnum(node, "check", virCPUCheckTypeFromString,
                       VIR_XML_PROP_NONZERO, &check) < 0 ||
        virXMLPropTristateSwitch(node, "migratable", VIR_XML_PROP_NONE,
                                 &def->migratable) < 0)
        return -1;
    def->check = check;
    def->match = match;

    if (def->migratable != VIR_TRISTATE_SWITCH_ABSENT &&
        def->mode != VIR_CPU_MODE_HOST_PASSTHROUGH &&
        def->mode != VIR_CPU_MODE_MAXIMUM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode"));
        return -1;
    }

    if (virCPUDefParseChildren(node, def) < 0)
        return -1;

    if (def->mode == VIR_CPU_MODE_CUSTOM && !def->model) {
        if (def->vendor) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("CPU vendor specified without CPU model"));
            return -1;
        }
        if (def->nfeatures) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Non-empty feature list specified without CPU model"));
            return -1;
        }
    }

    /* A bare <cpu/> carries nothing; libvirt drops it. */
    if (!mode && !def->model && !def->sockets && !def->cache &&
        !def->nfeatures && !def->check && !def->ncells)
        return 0;

    *cpu = g_steal_pointer(&def);
    return 0;
}


/**
 * virCPUDefFormatBuf:
 * @buf: buffer to write the <cpu> element into, at its indentation
 * @def: the CPU definition, may be NULL (nothing is written)
 *
 * Format @def as libvirt 9.0 formats a domain's <cpu>.
 */
void
virCPUDefFormatBuf(virBuffer *buf, const virCPUDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!def)
        return;

    /* custom mode is implied, and only written, when a model names it */
    if (def->mode != VIR_CPU_MODE_CUSTOM || def->model)
        virBufferAsprintf(&attrs, " mode='%s'", virCPUModeTypeToString(def->mode));
    if (def->mode == VIR_CPU_MODE_CUSTOM && def->model)
        virBufferAsprintf(&attrs, " match='%s'", virCPUMatchTypeToString(def->match));
    if (def->check)
        virBufferAsprintf(&attrs, " check='%s'", virCPUCheckTypeToString(def->check));
    if (def->migratable)
        virBufferAsprintf(&attrs, " migratable='%s'",
                          virTristateSwitchTypeToString(def->migratable));

    if (def->model) {
        virBufferAsprintf(&children, "<model fallback='%s'",
                          virCPUFallbackTypeToString(def->fallback));
        virBufferEscapeString(&children, " vendor_id='%s'", def->vendor_id);
        virBufferEscapeString(&children, ">%s</model>\n", def->model);
    }
    virBufferEscapeString(&children, "<vendor>%s</vendor>\n", def->vendor);
    if (def->sockets) {
        virBufferAsprintf(&children,
                          "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                          def->sockets, def->dies, def->cores, def->threads);
    }
    if (def->cache) {
        virBufferAddLit(&children, "<cache");
        if (def->cache->level >= 0)
            virBufferAsprintf(&children, " level='%d'", def->cache->level);
        virBufferAsprintf(&children, " mode='%s'/>\n",
                          virCPUCacheModeTypeToString(def->cache->mode));
    }
    for (i = 0; i < def->nfeatures; i++) {
        virBufferAsprintf(&children, "<feature policy='%s'",
                          virCPUFeaturePolicyTypeToString(def->features[i].policy));
        virBufferEscapeString(&children, " name='%s'/>\n", def->features[i].name);
    }
    if (def->ncells) {
        virBufferAddLit(&children, "<numa>\n");
        virBufferAdjustIndent(&children, 2);
        for (i = 0; i < def->ncells; i++) {
            const virCPUNumaCell *cell = &def->cells[i];

            virBufferAsprintf(&children, "<cell id='%zu'", i);
            virBufferEscapeString(&children, " cpus='%s'", cell->cpus);
            virBufferAsprintf(&children, " memory='%llu' unit='KiB'", cell->memory);
            if (cell->memAccess)
                virBufferAsprintf(&children, " memAccess='%s'",
                                  virDomainMemoryAccessTypeToString(cell->memAccess));
            if (cell->discard)
                virBufferAsprintf(&children, " discard='%s'",
                                  virTristateBoolTypeToString(cell->discard));
            virBufferAddLit(&children, "/>\n");
        }
        virBufferAdjustIndent(&children, -2);
        virBufferAddLit(&children, "</numa>\n");
    }

    virXMLFormatElementEmpty(buf, "cpu", &attrs, &children);
}
