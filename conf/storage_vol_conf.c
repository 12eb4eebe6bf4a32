/*
 * storage_vol_conf.c: parse and format storage <volume> XML as libvirt
 * 9.0 does for volumes of file-based pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "virstoragefile.h"
#include "virconfxml.h"
#include "storage_vol_conf.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_ENUM_IMPL(virStorageVol, VIR_STORAGE_VOL_TYPE_COUNT,
    [VIR_STORAGE_VOL_FILE] = "file",
    [VIR_STORAGE_VOL_BLOCK] = "block",
    [VIR_STORAGE_VOL_DIR] = "dir",
    [VIR_STORAGE_VOL_NETWORK] = "network",
    [VIR_STORAGE_VOL_NETDIR] = "netdir",
    [VIR_STORAGE_VOL_PLOOP] = "ploop",
);


static void
virStorageVolTargetClear(virStorageVolTarget *target)
{
    g_free(target->path);
    virStoragePermsClear(&target->perms);
}


/**
 * virStorageVolDefFree:
 * @def: a volume definition, may be NULL
 */
void
virStorageVolDefFree(virStorageVolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->key);
    virStorageVolTargetClear(&def->target);
    g_free(def->compat);
    virStorageVolTargetClear(&def->backing);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* <target> and <backingStore>                                        */

static int
virStorageVolFormatParseXML(xmlNodePtr node, virStorageVolTarget *target)
{
    static const char *const attrs[] = { "type", NULL };
    g_autofree char *word = NULL;

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        !(word = virXMLPropStringRequired(node, "type")))
        return -1;
    /* "none" is the model's absent value, never a volume format */
    if ((target->format = virStorageFileFormatTypeFromString(word)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown volume format type %1$s"), word);
        return -1;
    }
    return 0;
}


static int
virStorageVolFeaturesParseXML(xmlNodePtr node, virStorageVolDef *def)
{
    static const char *const children[] = { "lazy_refcounts", NULL };
    xmlNodePtr lazy;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    if ((lazy = virConfChild(node, "lazy_refcounts"))) {
        if (virConfCheckElement(lazy, NULL, NULL) < 0)
            return -1;
        def->lazyRefcounts = true;
    }
    return 0;
}


/* @def is NULL for a <backingStore>, which has no qcow2 extras. */
static int
virStorageVolTargetParseXML(xmlNodePtr node, virStorageVolTarget *target,
                            virStorageVolDef *def)
{
    static const char *const children[] = { "path", "format", "permissions",
                                            "compat", "nocow", "features",
                                            NULL };
    static const char *const backingChildren[] = { "path", "format",
                                                   "permissions", NULL };
    xmlNodePtr cur;

    if (virConfCheckElement(node, NULL, def ? children : backingChildren) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "path"))
            rc = virConfTextElement(cur, &target->path);
        else if (STREQ(name, "format"))
            rc = virStorageVolFormatParseXML(cur, target);
        else if (STREQ(name, "permissions"))
            rc = virStoragePermsParseXML(cur, &target->perms);
        else if (STREQ(name, "compat"))
            rc = virConfTextElement(cur, &def->compat);
        else if (STREQ(name, "features"))
            rc = virStorageVolFeaturesParseXML(cur, def);
        else if ((rc = virConfCheckElement(cur, NULL, NULL)) == 0)
            def->nocow = true;
        if (rc < 0)
            return -1;
    }
    return 0;
}


/* @def is NULL for a <backingStore>. */
static void
virStorageVolTargetFormat(virBuffer *buf, const char *name,
                          const virStorageVolTarget *target,
                          const virStorageVolDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    /* libvirt shows a file volume without a format as raw */
    int format = target->format ? target->format : VIR_STORAGE_FILE_RAW;

    virBufferEscapeString(&children, "<path>%s</path>\n", target->path);
    virBufferAsprintf(&children, "<format type='%s'/>\n",
                      virStorageFileFormatTypeToString(format));
    virStoragePermsFormat(&children, &target->perms);
    if (def) {
        virBufferEscapeString(&children, "<compat>%s</compat>\n", def->compat);
        if (def->lazyRefcounts) {
            virBufferAddLit(&children, "<features>\n");
            virBufferAddLit(&children, "  <lazy_refcounts/>\n");
            virBufferAddLit(&children, "</features>\n");
        }
    }
    virXMLFormatElement(buf, name, NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <volume>                                                           */

static int
virStorageVolDefParseChildren(xmlNodePtr root, virStorageVolDef *def)
{
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        unsigned long long ignored;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "capacity")) {
            rc = virConfParseScaled(cur, &def->capacity);
            def->hasCapacity = true;
        } else if (STREQ(name, "allocation")) {
            rc = virConfParseScaled(cur, &def->allocation);
            def->hasAllocation = true;
        } else if (STREQ(name, "physical")) {
            /* the driver reports it; libvirt ignores it on input */
            rc = virConfParseScaled(cur, &ignored);
        } else if (STREQ(name, "target")) {
            rc = virStorageVolTargetParseXML(cur, &def->target, def);
        } else if (STREQ(name, "backingStore")) {
            rc = virStorageVolTargetParseXML(cur, &def->backing, NULL);
            def->hasBacking = true;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}


static virStorageVolDef *
virStorageVolDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const attrs[] = { "type", NULL };
    static const char *const children[] = { "name", "key", "capacity",
                                            "allocation", "physical",
                                            "target", "backingStore", NULL };
    g_autoptr(virStorageVolDef) def = g_new0(virStorageVolDef, 1);

    virStoragePermsClear(&def->target.perms);
    virStoragePermsClear(&def->backing.perms);
    if (virConfCheckElement(root, attrs, children) < 0 ||
        virXMLPropEnum(root, "type", virStorageVolTypeFromString,
                       VIR_XML_PROP_NONE, &def->type) < 0 ||
        virConfChildText(root, "name", &def->name) < 0 ||
        virConfChildText(root, "key", &def->key) < 0 ||
        virStorageVolDefParseChildren(root, def) < 0)
        return NULL;

    if (!def->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing volume name element"));
        return NULL;
    }
    if (!def->hasCapacity && !def->hasBacking) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing capacity element"));
        return NULL;
    }
    if (!def->hasAllocation)
        def->allocation = def->capacity;

    if (!(flags & VIR_STORAGE_VOL_DEF_PARSE_SKIP_VALIDATE) &&
        virStorageVolDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/**
 * virStorageVolDefValidate:
 * @def: a parsed volume definition
 *
 * Check the rules that tie fields of @def together.
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violation
 * with the path of its element.
 */
int
virStorageVolDefValidate(const virStorageVolDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();

    if (strchr(def->name, '/'))
        virConfViolationAdd(v, "/volume/name",
                            _("volume name '%1$s' cannot contain '/'"), def->name);
    if (def->hasAllocation && def->hasCapacity && def->allocation > def->capacity)
        virConfViolationAdd(v, "/volume/allocation",
                            _("allocation %1$llu is above capacity %2$llu"),
                            def->allocation, def->capacity);
    if (def->compat && def->target.format != VIR_STORAGE_FILE_QCOW2)
        virConfViolationAdd(v, "/volume/target/compat", "%s",
                            _("compat is only valid for the qcow2 format"));
    if (def->compat && STRNEQ(def->compat, "0.10") && STRNEQ(def->compat, "1.1"))
        virConfViolationAdd(v, "/volume/target/compat",
                            _("unknown qcow2 compat '%1$s'"), def->compat);
    if (def->lazyRefcounts && def->target.format != VIR_STORAGE_FILE_QCOW2)
        virConfViolationAdd(v, "/volume/target/features", "%s",
                            _("features are only valid for the qcow2 format"));
    if (def->lazyRefcounts && STREQ_NULLABLE(def->compat, "0.10"))
        virConfViolationAdd(v, "/volume/target/features/lazy_refcounts", "%s",
                            _("lazy_refcounts needs qcow2 compat 1.1"));
    if (def->hasBacking && !def->backing.path)
        virConfViolationAdd(v, "/volume/backingStore", "%s",
                            _("missing backing store path"));
    if (def->target.path && !g_path_is_absolute(def->target.path))
        virConfViolationAdd(v, "/volume/target/path",
                            _("volume target path '%1$s' must be absolute"),
                            def->target.path);
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


static virStorageVolDef *
virStorageVolDefParse(const char *xmlStr, const char *filename,
                      unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(storage_volume_definition)"),
                            "volume", &ctxt, VIR_FROM_STORAGE)))
        return NULL;
    return virStorageVolDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virStorageVolDefParseString:
 * @xml: a <volume> document
 * @flags: virStorageVolDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virStorageVolDef *
virStorageVolDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virStorageVolDefParse(xml, NULL, flags);
}


/**
 * virStorageVolDefParseFile:
 * @filename: a file holding a <volume> document
 * @flags: virStorageVolDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virStorageVolDef *
virStorageVolDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virStorageVolDefParse(NULL, filename, flags);
}


/**
 * virStorageVolDefFormat:
 * @def: the volume definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's vol-dumpxml prints it (caller
 * frees); never NULL.
 */
char *
virStorageVolDefFormat(const virStorageVolDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    (void)flags;
    virBufferAsprintf(&buf, "<volume type='%s'>\n",
                      virStorageVolTypeToString(def->type));
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<name>%s</name>\n", def->name);
    virBufferEscapeString(&buf, "<key>%s</key>\n", def->key);
    virBufferAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    virBufferAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n",
                      def->allocation);
    virStorageVolTargetFormat(&buf, "target", &def->target, def);
    if (def->hasBacking)
        virStorageVolTargetFormat(&buf, "backingStore", &def->backing, NULL);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</volume>\n");
    return virBufferContentAndReset(&buf);
}
