/*
 * domain_tune_conf.c: the resource tuning of a domain: <maxMemory>,
 * <blkiotune>, <memtune>, <memoryBacking>, <iothreads> and <cputune>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_DECL(virDomainMemorySource);
VIR_ENUM_IMPL(virDomainMemorySource, VIR_DOMAIN_MEMORY_SOURCE_LAST,
    [VIR_DOMAIN_MEMORY_SOURCE_NONE] = "none",
    [VIR_DOMAIN_MEMORY_SOURCE_FILE] = "file",
    [VIR_DOMAIN_MEMORY_SOURCE_ANONYMOUS] = "anonymous",
    [VIR_DOMAIN_MEMORY_SOURCE_MEMFD] = "memfd",
);

VIR_ENUM_DECL(virDomainMemoryAccess);
VIR_ENUM_IMPL(virDomainMemoryAccess, VIR_DOMAIN_MEMORY_ACCESS_LAST,
    [VIR_DOMAIN_MEMORY_ACCESS_DEFAULT] = "default",
    [VIR_DOMAIN_MEMORY_ACCESS_SHARED] = "shared",
    [VIR_DOMAIN_MEMORY_ACCESS_PRIVATE] = "private",
);

VIR_ENUM_DECL(virDomainMemoryAllocation);
VIR_ENUM_IMPL(virDomainMemoryAllocation, VIR_DOMAIN_MEMORY_ALLOCATION_LAST,
    [VIR_DOMAIN_MEMORY_ALLOCATION_NONE] = "none",
    [VIR_DOMAIN_MEMORY_ALLOCATION_IMMEDIATE] = "immediate",
    [VIR_DOMAIN_MEMORY_ALLOCATION_ONDEMAND] = "ondemand",
);


/**
 * virDomainTuneClear:
 * @def: the domain whose tuning data to free
 */
void
virDomainTuneClear(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->mb.npages; i++)
        g_free(def->mb.pages[i].nodeset);
    g_free(def->mb.pages);
    for (i = 0; i < def->blkio.ndevices; i++)
        g_free(def->blkio.devices[i].path);
    g_free(def->blkio.devices);
    for (i = 0; i < def->cputune.nvcpupins; i++)
        g_free(def->cputune.vcpupins[i].cpuset);
    g_free(def->cputune.vcpupins);
    for (i = 0; i < def->cputune.niothreadpins; i++)
        g_free(def->cputune.iothreadpins[i].cpuset);
    g_free(def->cputune.iothreadpins);
    g_free(def->cputune.emulatorpin);
}


/* ------------------------------------------------------------------ */
/* <maxMemory>, <iothreads>                                           */

/**
 * virDomainMaxMemoryParseXML:
 * @node: the <maxMemory> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainMaxMemoryParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "slots", "unit", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "slots", 10, VIR_XML_PROP_NONE,
                       &def->memory_slots) < 0 ||
        virDomainParseMemory(node, "./maxMemory[1]", &def->max_memory_hotplug) < 0)
        return -1;
    return 0;
}


/**
 * virDomainMaxMemoryFormat:
 * @buf: output buffer
 * @def: the domain
 */
void
virDomainMaxMemoryFormat(virBuffer *buf, const virDomainDef *def)
{
    if (!def->max_memory_hotplug)
        return;
    virBufferAsprintf(buf, "<maxMemory slots='%u' unit='KiB'>%llu</maxMemory>\n",
                      def->memory_slots, def->max_memory_hotplug);
}


/**
 * virDomainIOThreadsParseXML:
 * @node: the <iothreads> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainIOThreadsParseXML(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *str = virDomainXMLContent(node);

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;
    if (!str || virStrToLong_ui(str, NULL, 10, &def->iothreads) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid iothreads count '%1$s'"), NULLSTR_EMPTY(str));
        return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* <blkiotune>                                                        */

static int
virDomainBlkioDeviceParseXML(xmlNodePtr node, virBlkioDevice *dev)
{
    const char *children[] = { "path", "weight", "read_iops_sec",
                               "write_iops_sec", "read_bytes_sec",
                               "write_bytes_sec", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        g_autofree char *str = NULL;
        unsigned long long val = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        str = virDomainXMLContent(cur);
        if (STREQ(name, "path")) {
            g_free(dev->path);
            dev->path = g_steal_pointer(&str);
            continue;
        }
        if (!str || virStrToLong_ull(str, NULL, 10, &val) < 0 ||
            (!g_str_has_suffix(name, "bytes_sec") && val > UINT_MAX)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("could not parse %1$s '%2$s'"), name, NULLSTR_EMPTY(str));
            return -1;
        }
        if (STREQ(name, "weight"))
            dev->weight = val;
        else if (STREQ(name, "read_iops_sec"))
            dev->riops = val;
        else if (STREQ(name, "write_iops_sec"))
            dev->wiops = val;
        else if (STREQ(name, "read_bytes_sec"))
            dev->rbps = val;
        else
            dev->wbps = val;
    }
    if (!dev->path) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing per-device path"));
        return -1;
    }
    return 0;
}


/**
 * virDomainBlkiotuneParseXML:
 * @node: the <blkiotune> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainBlkiotuneParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "weight", "device", NULL };
    virDomainBlkiotune *blkio = &def->blkio;
    xmlNodePtr cur;
    size_t i;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        virBlkioDevice *dev;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "weight")) {
            g_autofree char *str = virDomainXMLContent(cur);

            if (virDomainXMLCheck(cur, NULL, NULL) < 0)
                return -1;
            if (!str || virStrToLong_ui(str, NULL, 10, &blkio->weight) < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("could not parse weight '%1$s'"), NULLSTR_EMPTY(str));
                return -1;
            }
            continue;
        }
        blkio->devices = g_renew(virBlkioDevice, blkio->devices, blkio->ndevices + 1);
        dev = &blkio->devices[blkio->ndevices++];
        memset(dev, 0, sizeof(*dev));
        if (virDomainBlkioDeviceParseXML(cur, dev) < 0)
            return -1;
        for (i = 0; i + 1 < blkio->ndevices; i++) {
            if (STREQ(blkio->devices[i].path, dev->path)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("duplicate blkio device path '%1$s'"), dev->path);
                return -1;
            }
        }
    }
    return 0;
}


/**
 * virDomainBlkiotuneFormat:
 * @buf: output buffer
 * @def: the domain
 */
void
virDomainBlkiotuneFormat(virBuffer *buf, const virDomainDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virDomainBlkiotune *blkio = &def->blkio;
    size_t i;

    if (blkio->weight)
        virBufferAsprintf(&children, "<weight>%u</weight>\n", blkio->weight);
    for (i = 0; i < blkio->ndevices; i++) {
        const virBlkioDevice *dev = &blkio->devices[i];

        if (!dev->weight && !dev->riops && !dev->wiops && !dev->rbps && !dev->wbps)
            continue;
        virBufferAddLit(&children, "<device>\n");
        virBufferAdjustIndent(&children, 2);
        virBufferEscapeString(&children, "<path>%s</path>\n", dev->path);
        if (dev->weight)
            virBufferAsprintf(&children, "<weight>%u</weight>\n", dev->weight);
        if (dev->riops)
            virBufferAsprintf(&children, "<read_iops_sec>%u</read_iops_sec>\n", dev->riops);
        if (dev->wiops)
            virBufferAsprintf(&children, "<write_iops_sec>%u</write_iops_sec>\n", dev->wiops);
        if (dev->rbps)
            virBufferAsprintf(&children, "<read_bytes_sec>%llu</read_bytes_sec>\n", dev->rbps);
        if (dev->wbps)
            virBufferAsprintf(&children, "<write_bytes_sec>%llu</write_bytes_sec>\n", dev->wbps);
        virBufferAdjustIndent(&children, -2);
        virBufferAddLit(&children, "</device>\n");
    }
    virXMLFormatElement(buf, "blkiotune", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <memtune>                                                          */

/**
 * virDomainMemtuneParseXML:
 * @node: the <memtune> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainMemtuneParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "hard_limit", "soft_limit", "min_guarantee",
                               "swap_hard_limit", NULL };
    const char *attrs[] = { "unit", NULL };
    virDomainMemtuneLimits *mt = &def->memtune;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        g_autofree char *xpath = NULL;
        unsigned long long *field;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "hard_limit"))
            field = &mt->hard_limit;
        else if (STREQ(name, "soft_limit"))
            field = &mt->soft_limit;
        else if (STREQ(name, "min_guarantee"))
            field = &mt->min_guarantee;
        else
            field = &mt->swap_hard_limit;
        xpath = g_strdup_printf("./memtune/%s[1]", name);
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virDomainParseMemory(cur, xpath, field) < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainMemtuneFormat:
 * @buf: output buffer
 * @def: the domain
 */
void
virDomainMemtuneFormat(virBuffer *buf, const virDomainDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virDomainMemtuneLimits *mt = &def->memtune;

    if (mt->hard_limit)
        virBufferAsprintf(&children, "<hard_limit unit='KiB'>%llu</hard_limit>\n",
                          mt->hard_limit);
    if (mt->soft_limit)
        virBufferAsprintf(&children, "<soft_limit unit='KiB'>%llu</soft_limit>\n",
                          mt->soft_limit);
    if (mt->min_guarantee)
        virBufferAsprintf(&children, "<min_guarantee unit='KiB'>%llu</min_guarantee>\n",
                          mt->min_guarantee);
    if (mt->swap_hard_limit)
        virBufferAsprintf(&children, "<swap_hard_limit unit='KiB'>%llu</swap_hard_limit>\n",
                          mt->swap_hard_limit);
    virXMLFormatElement(buf, "memtune", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <memoryBacking>                                                    */

static int
virDomainHugepagesParseXML(xmlNodePtr node, virDomainMemoryBacking *mb)
{
    const char *children[] = { "page", NULL };
    const char *attrs[] = { "size", "unit", "nodeset", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    mb->hugepages = true;
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *size = NULL;
        g_autofree char *unit = NULL;
        g_autofree char *nodeset = NULL;
        unsigned long long bytes;
        virDomainHugePage *page;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, attrs, NULL) < 0)
            return -1;
        size = virXMLPropString(cur, "size");
        unit = virXMLPropString(cur, "unit");
        if (!size || virStrToLong_ull(size, NULL, 10, &bytes) < 0) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("unable to parse size attribute"));
            return -1;
        }
        if (virScaleInteger(&bytes, unit, 1024, ULLONG_MAX) < 0)
            return -1;
        nodeset = virXMLPropString(cur, "nodeset");
        mb->pages = g_renew(virDomainHugePage, mb->pages, mb->npages + 1);
        page = &mb->pages[mb->npages++];
        page->size = bytes / 1024;
        page->nodeset = NULL;
        if (nodeset && !(page->nodeset = virDomainParseRangeList(nodeset)))
            return -1;
    }
    return 0;
}


static int
virDomainMemoryBackingParseChild(xmlNodePtr cur, virDomainMemoryBacking *mb)
{
    const char *name = (const char *)cur->name;
    const char *typeAttr[] = { "type", NULL };
    const char *modeAttr[] = { "mode", NULL };
    const char *allocAttrs[] = { "mode", "threads", NULL };
    unsigned int val = 0;

    if (STREQ(name, "hugepages"))
        return virDomainHugepagesParseXML(cur, mb);
    if (STREQ(name, "source")) {
        if (virDomainXMLCheck(cur, typeAttr, NULL) < 0 ||
            virXMLPropEnum(cur, "type", virDomainMemorySourceTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        mb->source = val;
        return 0;
    }
    if (STREQ(name, "access")) {
        if (virDomainXMLCheck(cur, modeAttr, NULL) < 0 ||
            virXMLPropEnum(cur, "mode", virDomainMemoryAccessTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        mb->access = val;
        return 0;
    }
    if (STREQ(name, "allocation")) {
        if (virDomainXMLCheck(cur, allocAttrs, NULL) < 0 ||
            virXMLPropEnum(cur, "mode", virDomainMemoryAllocationTypeFromString,
                           VIR_XML_PROP_NONZERO, &val) < 0 ||
            virXMLPropUInt(cur, "threads", 10, VIR_XML_PROP_NONE,
                           &mb->allocationThreads) < 0)
            return -1;
        mb->allocation = val;
        return 0;
    }
    if (virDomainXMLCheck(cur, NULL, NULL) < 0)
        return -1;
    if (STREQ(name, "nosharepages"))
        mb->nosharepages = true;
    else if (STREQ(name, "locked"))
        mb->locked = true;
    else
        mb->discard = true;
    return 0;
}


/**
 * virDomainMemoryBackingParseXML:
 * @node: the <memoryBacking> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainMemoryBackingParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "hugepages", "nosharepages", "locked",
                               "source", "access", "allocation", "discard",
                               NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainMemoryBackingParseChild(cur, &def->mb) < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainMemoryBackingFormat:
 * @buf: output buffer
 * @def: the domain
 */
void
virDomainMemoryBackingFormat(virBuffer *buf, const virDomainDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virDomainMemoryBacking *mb = &def->mb;
    size_t i;

    if (mb->hugepages) {
        g_auto(virBuffer) pages = VIR_BUFFER_INIT_CHILD(&children);

        for (i = 0; i < mb->npages; i++) {
            virBufferAsprintf(&pages, "<page size='%llu' unit='KiB'",
                              mb->pages[i].size);
            virBufferEscapeString(&pages, " nodeset='%s'", mb->pages[i].nodeset);
            virBufferAddLit(&pages, "/>\n");
        }
        virXMLFormatElementEmpty(&children, "hugepages", NULL, &pages);
    }
    if (mb->nosharepages)
        virBufferAddLit(&children, "<nosharepages/>\n");
    if (mb->locked)
        virBufferAddLit(&children, "<locked/>\n");
    if (mb->source)
        virBufferAsprintf(&children, "<source type='%s'/>\n",
                          virDomainMemorySourceTypeToString(mb->source));
    if (mb->access)
        virBufferAsprintf(&children, "<access mode='%s'/>\n",
                          virDomainMemoryAccessTypeToString(mb->access));
    if (mb->allocation || mb->allocationThreads) {
        virBufferAddLit(&children, "<allocation");
        if (mb->allocation)
            virBufferAsprintf(&children, " mode='%s'",
                              virDomainMemoryAllocationTypeToString(mb->allocation));
        if (mb->allocationThreads)
            virBufferAsprintf(&children, " threads='%u'", mb->allocationThreads);
        virBufferAddLit(&children, "/>\n");
    }
    if (mb->discard)
        virBufferAddLit(&children, "<discard/>\n");
    virXMLFormatElement(buf, "memoryBacking", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <cputune>                                                          */

/* The numeric children of <cputune>, in the order libvirt formats them. */
static const struct {
    const char *name;
    size_t offset;
    bool isQuota;
} virDomainCputuneNumbers[] = {
    { "shares", offsetof(virDomainCputune, shares), false },
    { "period", offsetof(virDomainCputune, period), false },
    { "quota", offsetof(virDomainCputune, quota), true },
    { "global_period", offsetof(virDomainCputune, global_period), false },
    { "global_quota", offsetof(virDomainCputune, global_quota), true },
    { "emulator_period", offsetof(virDomainCputune, emulator_period), false },
    { "emulator_quota", offsetof(virDomainCputune, emulator_quota), true },
    { "iothread_period", offsetof(virDomainCputune, iothread_period), false },
    { "iothread_quota", offsetof(virDomainCputune, iothread_quota), true },
};

/* libvirt's bounds of CFS periods and quotas */
#define VIR_CFS_PERIOD_MIN 1000ULL
#define VIR_CFS_PERIOD_MAX 1000000ULL
#define VIR_CFS_QUOTA_MIN 1000LL
#define VIR_CFS_QUOTA_MAX 17592186044415LL

static int
virDomainCputuneNumberParse(xmlNodePtr node, size_t idx, virDomainCputune *tune)
{
    const char *name = virDomainCputuneNumbers[idx].name;
    char *field = (char *)tune + virDomainCputuneNumbers[idx].offset;
    g_autofree char *str = virDomainXMLContent(node);

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;
    if (virDomainCputuneNumbers[idx].isQuota) {
        long long val;

        if (!str || virStrToLong_ll(str, NULL, 10, &val) < 0 ||
            (val >= 0 && (val < VIR_CFS_QUOTA_MIN || val > VIR_CFS_QUOTA_MAX))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Value of cputune '%1$s' must be in range [%2$lld, %3$lld] or less than 0"),
                           name, VIR_CFS_QUOTA_MIN, VIR_CFS_QUOTA_MAX);
            return -1;
        }
        *(long long *)field = val;
        return 0;
    }
    if (!str || virStrToLong_ull(str, NULL, 10, (unsigned long long *)field) < 0 ||
        (!STREQ(name, "shares") && *(unsigned long long *)field &&
         (*(unsigned long long *)field < VIR_CFS_PERIOD_MIN ||
          *(unsigned long long *)field > VIR_CFS_PERIOD_MAX))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Value of cputune '%1$s' must be in range [%2$llu, %3$llu]"),
                       name, VIR_CFS_PERIOD_MIN, VIR_CFS_PERIOD_MAX);
        return -1;
    }
    if (idx == 0)
        tune->sharesSpecified = true;
    return 0;
}


static int
virDomainPinParseXML(xmlNodePtr node, const char *idAttr,
                     virDomainPinDef **pins, size_t *npins)
{
    const char *attrs[] = { idAttr, "cpuset", NULL };
    g_autofree char *cpuset = NULL;
    unsigned int id;
    size_t i;
    size_t pos;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, idAttr, 10, VIR_XML_PROP_REQUIRED, &id) < 0)
        return -1;
    if (!(cpuset = virXMLPropStringRequired(node, "cpuset")))
        return -1;
    for (pos = 0; pos < *npins && (*pins)[pos].id < id; pos++)
        ;
    if (pos < *npins && (*pins)[pos].id == id) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("duplicate %1$s for %2$s '%3$u'"),
                       (const char *)node->name, idAttr, id);
        return -1;
    }
    *pins = g_renew(virDomainPinDef, *pins, *npins + 1);
    for (i = *npins; i > pos; i--)
        (*pins)[i] = (*pins)[i - 1];
    (*npins)++;
    (*pins)[pos].id = id;
    if (!((*pins)[pos].cpuset = virDomainParseRangeList(cpuset)))
        return -1;
    return 0;
}


static int
virDomainCputuneParseChild(xmlNodePtr cur, virDomainDef *def)
{
    const char *name = (const char *)cur->name;
    virDomainCputune *tune = &def->cputune;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainCputuneNumbers); i++) {
        if (STREQ(name, virDomainCputuneNumbers[i].name))
            return virDomainCputuneNumberParse(cur, i, tune);
    }
    /* vcpu ids are checked by virDomainCputuneValidate(): <vcpu> may
     * come later in the document */
    if (STREQ(name, "vcpupin"))
        return virDomainPinParseXML(cur, "vcpu", &tune->vcpupins, &tune->nvcpupins);
    if (STREQ(name, "iothreadpin"))
        return virDomainPinParseXML(cur, "iothread", &tune->iothreadpins,
                                    &tune->niothreadpins);
    if (STREQ(name, "emulatorpin")) {
        const char *attrs[] = { "cpuset", NULL };
        g_autofree char *cpuset = NULL;

        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            !(cpuset = virXMLPropStringRequired(cur, "cpuset")))
            return -1;
        g_free(tune->emulatorpin);
        if (!(tune->emulatorpin = virDomainParseRangeList(cpuset)))
            return -1;
        return 0;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("unexpected cputune element '%1$s'"), name);
    return -1;
}


/**
 * virDomainCputuneParseXML:
 * @node: the <cputune> element
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainCputuneParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "shares", "global_period", "global_quota",
                               "period", "quota", "emulator_period",
                               "emulator_quota", "iothread_period",
                               "iothread_quota", "vcpupin", "emulatorpin",
                               "iothreadpin", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainCputuneParseChild(cur, def) < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainCputuneValidate:
 * @def: the parsed domain
 *
 * The checks that need <vcpu> and <iothreads>, which may follow
 * <cputune> in the document.
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainCputuneValidate(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->cputune.nvcpupins; i++) {
        if (def->cputune.vcpupins[i].id >= def->maxvcpus) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("vcpupin for vcpu '%1$u' is out of the range of <vcpu> '%2$u'"),
                           def->cputune.vcpupins[i].id, def->maxvcpus);
            return -1;
        }
    }
    for (i = 0; i < def->cputune.niothreadpins; i++) {
        unsigned int id = def->cputune.iothreadpins[i].id;

        if (id == 0 || id > def->iothreads) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("iothreadpin for iothread '%1$u' names no iothread of <iothreads>"),
                           id);
            return -1;
        }
    }
    return 0;
}


/**
 * virDomainCputuneFormat:
 * @buf: output buffer
 * @def: the domain
 */
void
virDomainCputuneFormat(virBuffer *buf, const virDomainDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virDomainCputune *tune = &def->cputune;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainCputuneNumbers); i++) {
        const char *name = virDomainCputuneNumbers[i].name;
        const char *field = (const char *)tune + virDomainCputuneNumbers[i].offset;

        if (virDomainCputuneNumbers[i].isQuota) {
            long long val = *(const long long *)field;

            if (val)
                virBufferAsprintf(&children, "<%s>%lld</%s>\n", name, val, name);
        } else {
            unsigned long long val = *(const unsigned long long *)field;

            if (val || (i == 0 && tune->sharesSpecified))
                virBufferAsprintf(&children, "<%s>%llu</%s>\n", name, val, name);
        }
    }
    for (i = 0; i < tune->nvcpupins; i++)
        virBufferAsprintf(&children, "<vcpupin vcpu='%u' cpuset='%s'/>\n",
                          tune->vcpupins[i].id, tune->vcpupins[i].cpuset);
    if (tune->emulatorpin)
        virBufferAsprintf(&children, "<emulatorpin cpuset='%s'/>\n",
                          tune->emulatorpin);
    for (i = 0; i < tune->niothreadpins; i++)
        virBufferAsprintf(&children, "<iothreadpin iothread='%u' cpuset='%s'/>\n",
                          tune->iothreadpins[i].id, tune->iothreadpins[i].cpuset);
    virXMLFormatElement(buf, "cputune", NULL, &children);
}
