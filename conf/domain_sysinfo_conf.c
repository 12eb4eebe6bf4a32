/*
 * domain_sysinfo_conf.c: what a domain is told about its host and how
 * the host confines it: <sysinfo type='smbios'> and <seclabel>
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

VIR_ENUM_DECL(virSysinfoSection);
VIR_ENUM_IMPL(virSysinfoSection, VIR_SYSINFO_SECTION_LAST,
    [VIR_SYSINFO_SECTION_BIOS] = "bios",
    [VIR_SYSINFO_SECTION_SYSTEM] = "system",
    [VIR_SYSINFO_SECTION_BASEBOARD] = "baseBoard",
    [VIR_SYSINFO_SECTION_CHASSIS] = "chassis",
);

VIR_ENUM_DECL(virDomainSeclabel);
VIR_ENUM_IMPL(virDomainSeclabel, VIR_DOMAIN_SECLABEL_LAST,
    [VIR_DOMAIN_SECLABEL_DEFAULT] = "default",
    [VIR_DOMAIN_SECLABEL_NONE] = "none",
    [VIR_DOMAIN_SECLABEL_DYNAMIC] = "dynamic",
    [VIR_DOMAIN_SECLABEL_STATIC] = "static",
);

/* The entry names of each section, in the order libvirt formats them;
 * at most G_N_ELEMENTS(virSysinfoBlock.values). */
static const char *const virSysinfoEntryNames[VIR_SYSINFO_SECTION_LAST][8] = {
    [VIR_SYSINFO_SECTION_BIOS] = { "vendor", "version", "date", "release", NULL },
    [VIR_SYSINFO_SECTION_SYSTEM] = { "manufacturer", "product", "version",
                                     "serial", "uuid", "sku", "family", NULL },
    [VIR_SYSINFO_SECTION_BASEBOARD] = { "manufacturer", "product", "version",
                                        "serial", "asset", "location", NULL },
    [VIR_SYSINFO_SECTION_CHASSIS] = { "manufacturer", "version", "serial",
                                      "asset", "sku", NULL },
};


static void
virSysinfoBlockFree(virSysinfoBlock *block)
{
    size_t i;

    if (!block)
        return;
    for (i = 0; i < G_N_ELEMENTS(block->values); i++)
        g_free(block->values[i]);
    g_free(block);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSysinfoBlock, virSysinfoBlockFree);


/**
 * virSysinfoDefFree:
 * @def: a <sysinfo>, or NULL
 */
void
virSysinfoDefFree(virSysinfoDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < def->nblocks; i++)
        virSysinfoBlockFree(def->blocks[i]);
    g_free(def->blocks);
    for (i = 0; i < def->noemStrings; i++)
        g_free(def->oemStrings[i]);
    g_free(def->oemStrings);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSysinfoDef, virSysinfoDefFree);


static int
virSysinfoBlockParseXML(xmlNodePtr node, virSysinfoSection section,
                        virSysinfoBlock **out)
{
    const char *children[] = { "entry", NULL };
    const char *attrs[] = { "name", NULL };
    const char *const *names = virSysinfoEntryNames[section];
    g_autoptr(virSysinfoBlock) block = g_new0(virSysinfoBlock, 1);
    xmlNodePtr cur;
    bool any = false;

    block->section = section;
    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *name = NULL;
        size_t i;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            !(name = virXMLPropStringRequired(cur, "name")))
            return -1;
        for (i = 0; names[i] && STRNEQ(names[i], name); i++)
            ;
        if (!names[i]) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unknown entry '%1$s' in <%2$s> of <sysinfo>"),
                           name, virSysinfoSectionTypeToString(section));
            return -1;
        }
        g_free(block->values[i]);
        if ((block->values[i] = virDomainXMLContent(cur)))
            any = true;
    }
    if (any)
        *out = g_steal_pointer(&block);
    return 0;
}


static int
virSysinfoOEMStringsParseXML(xmlNodePtr node, virSysinfoDef *def)
{
    const char *children[] = { "entry", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        def->oemStrings = g_renew(char *, def->oemStrings, def->noemStrings + 1);
        def->oemStrings[def->noemStrings++] = virXMLNodeContentString(cur);
    }
    return 0;
}


/* libvirt formats the sections in a fixed order whatever the input's */
static void
virSysinfoSortBlocks(virSysinfoDef *def)
{
    size_t i;
    size_t j;

    for (i = 1; i < def->nblocks; i++) {
        virSysinfoBlock *block = def->blocks[i];

        for (j = i; j > 0 && def->blocks[j - 1]->section > block->section; j--)
            def->blocks[j] = def->blocks[j - 1];
        def->blocks[j] = block;
    }
}


/**
 * virSysinfoDefParseXML:
 * @node: a <sysinfo> element
 * @def: the domain to add it to
 *
 * Returns 0, or -1 with an error.
 */
int
virSysinfoDefParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "type", NULL };
    const char *children[] = { "bios", "system", "baseBoard", "chassis",
                               "oemStrings", NULL };
    g_autoptr(virSysinfoDef) sysinfo = g_new0(virSysinfoDef, 1);
    g_autofree char *type = NULL;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        !(type = virXMLPropStringRequired(node, "type")))
        return -1;
    if (STRNEQ(type, "smbios")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("sysinfo type '%1$s' is not supported yet"), type);
        return -1;
    }

    for (cur = node->children; cur; cur = cur->next) {
        virSysinfoBlock *block = NULL;
        int section;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "oemStrings")) {
            if (virSysinfoOEMStringsParseXML(cur, sysinfo) < 0)
                return -1;
            continue;
        }
        section = virSysinfoSectionTypeFromString((const char *)cur->name);
        if (virSysinfoBlockParseXML(cur, section, &block) < 0)
            return -1;
        if (block) {
            sysinfo->blocks = g_renew(virSysinfoBlock *, sysinfo->blocks,
                                      sysinfo->nblocks + 1);
            sysinfo->blocks[sysinfo->nblocks++] = block;
        }
    }
    virSysinfoSortBlocks(sysinfo);

    def->sysinfo = g_renew(virSysinfoDef *, def->sysinfo, def->nsysinfo + 1);
    def->sysinfo[def->nsysinfo++] = g_steal_pointer(&sysinfo);
    return 0;
}


/**
 * virSysinfoDefFormat:
 * @buf: output buffer
 * @def: the <sysinfo>
 */
void
virSysinfoDefFormat(virBuffer *buf, const virSysinfoDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    size_t i;
    size_t j;

    virBufferAddLit(&attrs, " type='smbios'");
    for (i = 0; i < def->nblocks; i++) {
        const virSysinfoBlock *block = def->blocks[i];
        const char *const *names = virSysinfoEntryNames[block->section];

        virBufferAsprintf(&children, "<%s>\n",
                          virSysinfoSectionTypeToString(block->section));
        virBufferAdjustIndent(&children, 2);
        for (j = 0; names[j]; j++) {
            if (!block->values[j])
                continue;
            virBufferAsprintf(&children, "<entry name='%s'>", names[j]);
            virBufferEscapeString(&children, "%s</entry>\n", block->values[j]);
        }
        virBufferAdjustIndent(&children, -2);
        virBufferAsprintf(&children, "</%s>\n",
                          virSysinfoSectionTypeToString(block->section));
    }
    if (def->noemStrings) {
        virBufferAddLit(&children, "<oemStrings>\n");
        virBufferAdjustIndent(&children, 2);
        for (i = 0; i < def->noemStrings; i++)
            virBufferEscapeString(&children, "<entry>%s</entry>\n",
                                  def->oemStrings[i]);
        virBufferAdjustIndent(&children, -2);
        virBufferAddLit(&children, "</oemStrings>\n");
    }
    virXMLFormatElement(buf, "sysinfo", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <seclabel>                                                         */

/**
 * virSecurityLabelDefFree:
 * @def: a <seclabel>, or NULL
 */
void
virSecurityLabelDefFree(virSecurityLabelDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->label);
    g_free(def->imagelabel);
    g_free(def->baselabel);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecurityLabelDef, virSecurityLabelDefFree);


static int
virSecurityLabelParseChildren(xmlNodePtr node, virSecurityLabelDef *seclabel,
                              unsigned int flags)
{
    bool inactive = flags & VIR_DOMAIN_DEF_PARSE_INACTIVE;
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        char **field;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        if (STREQ(name, "label")) {
            /* a dynamic label is chosen at start-up: live data */
            if (seclabel->type == VIR_DOMAIN_SECLABEL_DYNAMIC && inactive)
                continue;
            field = &seclabel->label;
        } else if (STREQ(name, "imagelabel")) {
            if (inactive || !seclabel->relabel)
                continue;
            field = &seclabel->imagelabel;
        } else {
            if (seclabel->type != VIR_DOMAIN_SECLABEL_DYNAMIC)
                continue;
            field = &seclabel->baselabel;
        }
        g_free(*field);
        *field = virDomainXMLContent(cur);
    }
    if (seclabel->type == VIR_DOMAIN_SECLABEL_STATIC && !seclabel->label) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("security label is missing"));
        return -1;
    }
    return 0;
}


/**
 * virSecurityLabelDefParseXML:
 * @node: a <seclabel> element of the domain
 * @def: the domain to add it to
 * @flags: virDomainDefParseFlags
 *
 * Returns 0, or -1 with an error.
 */
int
virSecurityLabelDefParseXML(xmlNodePtr node, virDomainDef *def,
                            unsigned int flags)
{
    const char *attrs[] = { "type", "model", "relabel", NULL };
    const char *children[] = { "label", "imagelabel", "baselabel", NULL };
    g_autoptr(virSecurityLabelDef) seclabel = g_new0(virSecurityLabelDef, 1);
    virTristateBool relabel = VIR_TRISTATE_BOOL_ABSENT;
    unsigned int type = VIR_DOMAIN_SECLABEL_DYNAMIC;
    int rc;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        (rc = virXMLPropEnum(node, "type", virDomainSeclabelTypeFromString,
                             VIR_XML_PROP_NONZERO, &type)) < 0 ||
        virXMLPropTristateBool(node, "relabel", VIR_XML_PROP_NONE, &relabel) < 0)
        return -1;
    if (rc == 0 && relabel == VIR_TRISTATE_BOOL_NO)
        type = VIR_DOMAIN_SECLABEL_NONE;
    seclabel->type = type;
    g_free(seclabel->model);
    seclabel->model = virXMLPropString(node, "model");

    switch (seclabel->type) {
    case VIR_DOMAIN_SECLABEL_DYNAMIC:
        if (relabel == VIR_TRISTATE_BOOL_NO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("dynamic label type must use resource relabeling"));
            return -1;
        }
        seclabel->relabel = true;
        break;
    case VIR_DOMAIN_SECLABEL_STATIC:
        seclabel->relabel = relabel == VIR_TRISTATE_BOOL_YES;
        break;
    default:
        if (relabel == VIR_TRISTATE_BOOL_YES) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("resource relabeling is not compatible with 'none' label type"));
            return -1;
        }
        break;
    }

    if (seclabel->type != VIR_DOMAIN_SECLABEL_NONE &&
        virSecurityLabelParseChildren(node, seclabel, flags) < 0)
        return -1;

    def->seclabels = g_renew(virSecurityLabelDef *, def->seclabels,
                             def->nseclabels + 1);
    def->seclabels[def->nseclabels++] = g_steal_pointer(&seclabel);
    return 0;
}


/**
 * virSecurityLabelDefFormat:
 * @buf: output buffer
 * @def: the <seclabel>
 * @flags: virDomainDefFormatFlags
 */
void
virSecurityLabelDefFormat(virBuffer *buf, const virSecurityLabelDef *def,
                          unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " type='%s'", virDomainSeclabelTypeToString(def->type));
    virBufferEscapeString(&attrs, " model='%s'", def->model);
    if (def->type != VIR_DOMAIN_SECLABEL_NONE) {
        virBufferAsprintf(&attrs, " relabel='%s'", def->relabel ? "yes" : "no");
        virBufferEscapeString(&children, "<label>%s</label>\n", def->label);
        if (!(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
            virBufferEscapeString(&children, "<imagelabel>%s</imagelabel>\n",
                                  def->imagelabel);
        virBufferEscapeString(&children, "<baselabel>%s</baselabel>\n",
                              def->baselabel);
    }
    virXMLFormatElement(buf, "seclabel", &attrs, &children);
}
