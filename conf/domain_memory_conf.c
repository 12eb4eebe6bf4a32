/*
 * domain_memory_conf.c: memory devices (<memory model=...> in <devices>):
 * DIMMs, NVDIMMs, virtio-pmem and virtio-mem, and the rules tying them
 * to the guest's NUMA cells and memory size
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainMemoryModel, VIR_DOMAIN_MEMORY_MODEL_LAST,
    [VIR_DOMAIN_MEMORY_MODEL_NONE] = "",
    [VIR_DOMAIN_MEMORY_MODEL_DIMM] = "dimm",
    [VIR_DOMAIN_MEMORY_MODEL_NVDIMM] = "nvdimm",
    [VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM] = "virtio-pmem",
    [VIR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM] = "virtio-mem",
);


/**
 * virDomainMemoryDefFree:
 * @def: a memory device, or NULL
 */
void
virDomainMemoryDefFree(virDomainMemoryDef *def)
{
    if (!def)
        return;
    g_free(def->nodemask);
    g_free(def->path);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainMemoryDef, virDomainMemoryDefFree);


/* A size element (<size>, <pagesize>, ...) with only unit=. */
static int
virDomainMemorySizeParseXML(xmlNodePtr node, const char *xpath,
                            unsigned long long *kib)
{
    const char *attrs[] = { "unit", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virDomainParseMemory(node, xpath, kib) < 0)
        return -1;
    return 0;
}


static int
virDomainMemorySourceParseXML(xmlNodePtr node, virDomainMemoryDef *def)
{
    const char *hostChildren[] = { "pagesize", "nodemask", NULL };
    const char *nvdimmChildren[] = { "path", "alignsize", "pmem", NULL };
    const char *pmemChildren[] = { "path", NULL };
    const char *const *children = hostChildren;
    xmlNodePtr cur;

    if (def->model == VIR_DOMAIN_MEMORY_MODEL_NVDIMM)
        children = nvdimmChildren;
    else if (def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM)
        children = pmemChildren;
    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "pagesize")) {
            rc = virDomainMemorySizeParseXML(cur, "./pagesize", &def->pagesize);
        } else if (STREQ(name, "alignsize")) {
            rc = virDomainMemorySizeParseXML(cur, "./alignsize", &def->alignsize);
        } else if (STREQ(name, "pmem")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            def->pmem = true;
        } else {
            g_autofree char *text = NULL;

            if ((rc = virDomainXMLCheck(cur, NULL, NULL)) < 0)
                return -1;
            text = virDomainXMLContent(cur);
            if (STREQ(name, "path")) {
                g_free(def->path);
                def->path = g_steal_pointer(&text);
            } else {
                g_free(def->nodemask);
                if (!(def->nodemask = virDomainParseRangeList(NULLSTR_EMPTY(text))))
                    return -1;
            }
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


static int
virDomainMemoryTargetParseXML(xmlNodePtr node, virDomainMemoryDef *def)
{
    const char *dimmChildren[] = { "size", "node", NULL };
    const char *nvdimmChildren[] = { "size", "node", "label", "readonly", NULL };
    const char *pmemChildren[] = { "size", NULL };
    const char *virtioChildren[] = { "size", "node", "block", "requested", NULL };
    const char *const *children = dimmChildren;
    bool haveSize = false;
    xmlNodePtr cur;

    if (def->model == VIR_DOMAIN_MEMORY_MODEL_NVDIMM)
        children = nvdimmChildren;
    else if (def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM)
        children = pmemChildren;
    else if (def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM)
        children = virtioChildren;
    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "size")) {
            haveSize = true;
            rc = virDomainMemorySizeParseXML(cur, "./size", &def->size);
        } else if (STREQ(name, "block")) {
            rc = virDomainMemorySizeParseXML(cur, "./block", &def->blocksize);
        } else if (STREQ(name, "requested")) {
            rc = virDomainMemorySizeParseXML(cur, "./requested", &def->requestedsize);
        } else if (STREQ(name, "readonly")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            def->readonly = true;
        } else if (STREQ(name, "label")) {
            xmlNodePtr size;

            if ((rc = virDomainXMLCheck(cur, NULL, (const char *[]){ "size", NULL })) < 0)
                return -1;
            for (size = cur->children; size; size = size->next) {
                if (size->type == XML_ELEMENT_NODE &&
                    virDomainMemorySizeParseXML(size, "./label/size", &def->labelsize) < 0)
                    return -1;
            }
        } else {
            g_autofree char *text = virDomainXMLContent(cur);
            unsigned int val;

            if ((rc = virDomainXMLCheck(cur, NULL, NULL)) < 0)
                return -1;
            if (!text || virStrToLong_ui(text, NULL, 10, &val) < 0 || val > INT_MAX) {
                virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                     __FILE__, __func__, __LINE__,
                                     _("Invalid value '%1$s' for element or attribute '%2$s'"),
                                     NULLSTR_EMPTY(text), "./node");
                return -1;
            }
            def->targetNode = val;
        }
        if (rc < 0)
            return -1;
    }
    if (!haveSize) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             __FILE__, __func__, __LINE__,
                             _("missing element or attribute '%1$s'"), "./size");
        return -1;
    }
    return 0;
}


/**
 * virDomainMemoryDefParseXML:
 * @node: a <memory> element of <devices>
 * @flags: virDomainDefParseFlags
 *
 * The children of <source> and <target> depend on the model: host
 * memory (pagesize, nodemask) for dimm and virtio-mem, a file (path)
 * for nvdimm and virtio-pmem; a label and readonly for nvdimm, block
 * and requested sizes for virtio-mem.  Sizes are kept in KiB.
 *
 * Returns the device, or NULL with an error reported.
 */
virDomainMemoryDef *
virDomainMemoryDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", "access", "discard", NULL };
    const char *children[] = { "source", "target", "alias", "address", NULL };
    g_autoptr(virDomainMemoryDef) def = g_new0(virDomainMemoryDef, 1);
    unsigned int model = 0;
    unsigned int access = 0;
    bool haveTarget = false;
    xmlNodePtr cur;

    def->targetNode = -1;
    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "model", virDomainMemoryModelTypeFromString,
                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO, &model) < 0 ||
        virXMLPropEnum(node, "access", virDomainMemoryAccessTypeFromString,
                       VIR_XML_PROP_NONZERO, &access) < 0 ||
        virXMLPropTristateBool(node, "discard", VIR_XML_PROP_NONE, &def->discard) < 0)
        return NULL;
    def->model = model;
    def->access = access;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "source")) {
            rc = virDomainMemorySourceParseXML(cur, def);
        } else if (STREQ(name, "target")) {
            haveTarget = true;
            rc = virDomainMemoryTargetParseXML(cur, def);
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return NULL;
    }
    if (!haveTarget) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             __FILE__, __func__, __LINE__,
                             _("missing element or attribute '%1$s'"), "./size");
        return NULL;
    }
    if ((def->model == VIR_DOMAIN_MEMORY_MODEL_NVDIMM ||
         def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM) && !def->path) {
        virReportError(VIR_ERR_XML_DETAIL,
                       _("path is required for model '%1$s'"),
                       virDomainMemoryModelTypeToString(def->model));
        return NULL;
    }
    /* virtio-pmem maps its file shared: writes must reach the file */
    if (def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM && !def->access)
        def->access = VIR_DOMAIN_MEMORY_ACCESS_SHARED;
    return g_steal_pointer(&def);
}


static void
virDomainMemorySizeFormat(virBuffer *buf, const char *elem,
                          unsigned long long kib)
{
    virBufferAsprintf(buf, "<%s unit='KiB'>%llu</%s>\n", elem, kib, elem);
}


/**
 * virDomainMemoryDefFormat:
 * @buf: output buffer at the indentation of <memory>
 * @def: the memory device
 * @flags: virDomainDefFormatFlags
 *
 * Written in libvirt 9.0's order: <source> (nodemask, pagesize, path,
 * alignsize, pmem), <target> (size, node, label, block, requested,
 * readonly), then the device info.
 */
void
virDomainMemoryDefFormat(virBuffer *buf,
                         const virDomainMemoryDef *def,
                         unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) source = VIR_BUFFER_INIT_CHILD(&children);
    g_auto(virBuffer) target = VIR_BUFFER_INIT_CHILD(&children);

    virBufferAsprintf(&attrs, " model='%s'", virDomainMemoryModelTypeToString(def->model));
    if (def->access)
        virBufferAsprintf(&attrs, " access='%s'",
                          virDomainMemoryAccessTypeToString(def->access));
    if (def->discard)
        virBufferAsprintf(&attrs, " discard='%s'",
                          virTristateBoolTypeToString(def->discard));

    virBufferEscapeString(&source, "<nodemask>%s</nodemask>\n", def->nodemask);
    if (def->pagesize)
        virDomainMemorySizeFormat(&source, "pagesize", def->pagesize);
    virBufferEscapeString(&source, "<path>%s</path>\n", def->path);
    if (def->alignsize)
        virDomainMemorySizeFormat(&source, "alignsize", def->alignsize);
    if (def->pmem)
        virBufferAddLit(&source, "<pmem/>\n");
    virXMLFormatElement(&children, "source", NULL, &source);

    virDomainMemorySizeFormat(&target, "size", def->size);
    if (def->targetNode >= 0)
        virBufferAsprintf(&target, "<node>%d</node>\n", def->targetNode);
    if (def->labelsize) {
        virBufferAddLit(&target, "<label>\n");
        virBufferAdjustIndent(&target, 2);
        virDomainMemorySizeFormat(&target, "size", def->labelsize);
        virBufferAdjustIndent(&target, -2);
        virBufferAddLit(&target, "</label>\n");
    }
    if (def->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM) {
        virDomainMemorySizeFormat(&target, "block", def->blocksize);
        virDomainMemorySizeFormat(&target, "requested", def->requestedsize);
    }
    if (def->readonly)
        virBufferAddLit(&target, "<readonly/>\n");
    virXMLFormatElement(&children, "target", NULL, &target);

    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "memory", &attrs, &children);
}


/**
 * virDomainDefValidateMemoryHotplug:
 * @def: the domain
 *
 * The checks of libvirt 9.0's domain validation, in its words:
 * <maxMemory> is at least <memory>, a memory device's guest node is one
 * of the NUMA cells, a virtio-mem block is a power of two,
 * and all devices together fit in <memory>.
 * That memory devices also need <maxMemory> is the hypervisor's rule,
 * not the format's (libvirt's test driver accepts them without).
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainDefValidateMemoryHotplug(const virDomainDef *def)
{
    size_t ncells = def->cpu ? def->cpu->ncells : 0;
    unsigned long long total = 0;
    size_t i;

    if (def->max_memory_hotplug &&
        def->max_memory_hotplug < def->mem.max_memory) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("maximum memory size must be equal or greater than the actual memory size"));
        return -1;
    }

    for (i = 0; i < def->nmems; i++) {
        const virDomainMemoryDef *mem = def->mems[i];

        if (mem->targetNode >= 0 && ncells == 0) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("can't add memory backend as guest has no NUMA nodes configured"));
            return -1;
        }
        if (mem->targetNode >= 0 && (size_t)mem->targetNode >= ncells) {
            virReportError(VIR_ERR_XML_DETAIL,
                           _("can't add memory backend for guest node '%1$d' as the guest has only '%2$zu' NUMA nodes configured"),
                           mem->targetNode, ncells);
            return -1;
        }
        if (mem->model == VIR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM &&
            (mem->blocksize == 0 || (mem->blocksize & (mem->blocksize - 1)))) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("block size must be a power of two"));
            return -1;
        }
        total += mem->size;
    }
    if (total > def->mem.max_memory) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Total size of memory devices exceeds the total memory size"));
        return -1;
    }
    return 0;
}
