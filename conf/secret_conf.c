/*
 * secret_conf.c: parse and format <secret> XML as libvirt 9.0 does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "secret_conf.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_ENUM_IMPL(virSecretUsage, VIR_SECRET_USAGE_TYPE_COUNT,
    [VIR_SECRET_USAGE_TYPE_NONE] = "none",
    [VIR_SECRET_USAGE_TYPE_VOLUME] = "volume",
    [VIR_SECRET_USAGE_TYPE_CEPH] = "ceph",
    [VIR_SECRET_USAGE_TYPE_ISCSI] = "iscsi",
    [VIR_SECRET_USAGE_TYPE_TLS] = "tls",
    [VIR_SECRET_USAGE_TYPE_VTPM] = "vtpm",
);

/* The child of <usage> that names the secret's user, per usage type. */
static const char *const virSecretUsageChild[VIR_SECRET_USAGE_TYPE_COUNT] = {
    [VIR_SECRET_USAGE_TYPE_VOLUME] = "volume",
    [VIR_SECRET_USAGE_TYPE_CEPH] = "name",
    [VIR_SECRET_USAGE_TYPE_ISCSI] = "target",
    [VIR_SECRET_USAGE_TYPE_TLS] = "name",
    [VIR_SECRET_USAGE_TYPE_VTPM] = "name",
};


/**
 * virSecretDefFree:
 * @def: a secret definition, may be NULL
 */
void
virSecretDefFree(virSecretDef *def)
{
    if (!def)
        return;
    g_free(def->description);
    g_free(def->usageID);
    g_free(def);
}


static int
virSecretUsageParseXML(xmlNodePtr node, virSecretDef *def)
{
    static const char *const attrs[] = { "type", NULL };
    g_autofree char *type = NULL;
    const char *children[2] = { NULL, NULL };

    if (!(type = virXMLPropString(node, "type"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("unknown secret usage type"));
        return -1;
    }
    if ((def->usageType = virSecretUsageTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown secret usage type %1$s"), type);
        return -1;
    }
    children[0] = virSecretUsageChild[def->usageType];
    if (virConfCheckElement(node, attrs, children) < 0)
        return -1;
    if (def->usageType == VIR_SECRET_USAGE_TYPE_NONE)
        return 0;
    return virConfChildText(node, children[0], &def->usageID);
}


static void
virSecretUsageFormat(virBuffer *buf, const virSecretDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const char *child = virSecretUsageChild[def->usageType];

    if (def->usageType == VIR_SECRET_USAGE_TYPE_NONE)
        return;
    virBufferAsprintf(&attrs, " type='%s'",
                      virSecretUsageTypeToString(def->usageType));
    if (def->usageID) {
        g_autofree char *text = virBufferEscapeXML(def->usageID);

        virBufferAsprintf(&children, "<%s>%s</%s>\n", child, text, child);
    }
    virXMLFormatElement(buf, "usage", &attrs, &children);
}


/**
 * virSecretDefValidate:
 * @def: a parsed secret definition
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violated
 * rule with the path of its element.
 */
int
virSecretDefValidate(const virSecretDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    const char *type = virSecretUsageTypeToString(def->usageType);

    if (def->usageType != VIR_SECRET_USAGE_TYPE_NONE && !def->usageID) {
        g_autofree char *path = g_strdup_printf("/secret/usage/%s",
                                                virSecretUsageChild[def->usageType]);

        virConfViolationAdd(v, path, _("%1$s usage specified, but name is missing"),
                            type);
    }
    if (def->usageType == VIR_SECRET_USAGE_TYPE_VOLUME && def->usageID &&
        !g_path_is_absolute(def->usageID))
        virConfViolationAdd(v, "/secret/usage/volume",
                            _("volume path '%1$s' must be absolute"), def->usageID);
    if (def->isephemeral && !def->isprivate &&
        def->usageType == VIR_SECRET_USAGE_TYPE_VTPM)
        virConfViolationAdd(v, "/secret", "%s",
                            _("a vtpm secret that is ephemeral must also be private"));
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


static virSecretDef *
virSecretDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const attrs[] = { "ephemeral", "private", NULL };
    static const char *const children[] = { "uuid", "description", "usage", NULL };
    g_autoptr(virSecretDef) def = g_new0(virSecretDef, 1);
    g_autofree char *uuid = NULL;
    virTristateBool eph = VIR_TRISTATE_BOOL_ABSENT;
    virTristateBool priv = VIR_TRISTATE_BOOL_ABSENT;
    xmlNodePtr usage;

    if (virConfCheckElement(root, attrs, children) < 0 ||
        virXMLPropTristateBool(root, "ephemeral", VIR_XML_PROP_NONE, &eph) < 0 ||
        virXMLPropTristateBool(root, "private", VIR_XML_PROP_NONE, &priv) < 0 ||
        virConfChildText(root, "uuid", &uuid) < 0 ||
        virConfChildText(root, "description", &def->description) < 0)
        return NULL;
    def->isephemeral = eph == VIR_TRISTATE_BOOL_YES;
    def->isprivate = priv == VIR_TRISTATE_BOOL_YES;
    if (uuid) {
        if (virConfParseUUID(uuid, "secret", def->uuid) < 0)
            return NULL;
    } else {
        virUUIDGenerate(def->uuid);
    }
    if ((usage = virConfChild(root, "usage")) &&
        virSecretUsageParseXML(usage, def) < 0)
        return NULL;

    if (!(flags & VIR_SECRET_DEF_PARSE_SKIP_VALIDATE) &&
        virSecretDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virSecretDef *
virSecretDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(definition_of_secret)"),
                            "secret", &ctxt, VIR_FROM_SECRET)))
        return NULL;
    return virSecretDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virSecretDefParseString:
 * @xml: a <secret> document
 * @flags: virSecretDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virSecretDef *
virSecretDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_SECRET_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virSecretDefParse(xml, NULL, flags);
}


/**
 * virSecretDefParseFile:
 * @filename: a file holding a <secret> document
 * @flags: virSecretDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virSecretDef *
virSecretDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_SECRET_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virSecretDefParse(NULL, filename, flags);
}


/**
 * virSecretDefFormat:
 * @def: the secret definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's secret-dumpxml prints it
 * (caller frees); never NULL.
 */
char *
virSecretDefFormat(const virSecretDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    (void)flags;
    virBufferAsprintf(&buf, "<secret ephemeral='%s' private='%s'>\n",
                      def->isephemeral ? "yes" : "no",
                      def->isprivate ? "yes" : "no");
    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virBufferEscapeString(&buf, "<description>%s</description>\n",
                          def->description);
    virSecretUsageFormat(&buf, def);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</secret>\n");
    return virBufferContentAndReset(&buf);
}
