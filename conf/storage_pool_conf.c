/*
 * storage_pool_conf.c: parse and format storage <pool> XML as libvirt
 * 9.0 does, and the <permissions> element pools share with volumes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "storage_pool_conf.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_ENUM_IMPL(virStoragePool, VIR_STORAGE_POOL_LAST,
    [VIR_STORAGE_POOL_DIR] = "dir",
    [VIR_STORAGE_POOL_FS] = "fs",
    [VIR_STORAGE_POOL_NETFS] = "netfs",
    [VIR_STORAGE_POOL_LOGICAL] = "logical",
    [VIR_STORAGE_POOL_DISK] = "disk",
    [VIR_STORAGE_POOL_ISCSI] = "iscsi",
    [VIR_STORAGE_POOL_ISCSI_DIRECT] = "iscsi-direct",
    [VIR_STORAGE_POOL_SCSI] = "scsi",
    [VIR_STORAGE_POOL_MPATH] = "mpath",
    [VIR_STORAGE_POOL_RBD] = "rbd",
    [VIR_STORAGE_POOL_SHEEPDOG] = "sheepdog",
    [VIR_STORAGE_POOL_GLUSTER] = "gluster",
    [VIR_STORAGE_POOL_ZFS] = "zfs",
    [VIR_STORAGE_POOL_VSTORAGE] = "vstorage",
);

VIR_ENUM_IMPL(virStoragePoolFormatFileSystem, VIR_STORAGE_POOL_FS_LAST,
    [VIR_STORAGE_POOL_FS_AUTO] = "auto",
    [VIR_STORAGE_POOL_FS_EXT2] = "ext2",
    [VIR_STORAGE_POOL_FS_EXT3] = "ext3",
    [VIR_STORAGE_POOL_FS_EXT4] = "ext4",
    [VIR_STORAGE_POOL_FS_UFS] = "ufs",
    [VIR_STORAGE_POOL_FS_ISO] = "iso9660",
    [VIR_STORAGE_POOL_FS_UDF] = "udf",
    [VIR_STORAGE_POOL_FS_GFS] = "gfs",
    [VIR_STORAGE_POOL_FS_GFS2] = "gfs2",
    [VIR_STORAGE_POOL_FS_VFAT] = "vfat",
    [VIR_STORAGE_POOL_FS_HFSPLUS] = "hfs+",
    [VIR_STORAGE_POOL_FS_XFS] = "xfs",
    [VIR_STORAGE_POOL_FS_OCFS2] = "ocfs2",
    [VIR_STORAGE_POOL_FS_VMFS] = "vmfs",
);

VIR_ENUM_IMPL(virStoragePoolFormatFileSystemNet, VIR_STORAGE_POOL_NETFS_LAST,
    [VIR_STORAGE_POOL_NETFS_AUTO] = "auto",
    [VIR_STORAGE_POOL_NETFS_NFS] = "nfs",
    [VIR_STORAGE_POOL_NETFS_GLUSTERFS] = "glusterfs",
    [VIR_STORAGE_POOL_NETFS_CIFS] = "cifs",
);

VIR_ENUM_IMPL(virStoragePoolFormatDisk, VIR_STORAGE_POOL_DISK_LAST,
    [VIR_STORAGE_POOL_DISK_UNKNOWN] = "unknown",
    [VIR_STORAGE_POOL_DISK_DOS] = "dos",
    [VIR_STORAGE_POOL_DISK_DVH] = "dvh",
    [VIR_STORAGE_POOL_DISK_GPT] = "gpt",
    [VIR_STORAGE_POOL_DISK_MAC] = "mac",
    [VIR_STORAGE_POOL_DISK_BSD] = "bsd",
    [VIR_STORAGE_POOL_DISK_PC98] = "pc98",
    [VIR_STORAGE_POOL_DISK_SUN] = "sun",
    [VIR_STORAGE_POOL_DISK_LVM2] = "lvm2",
);

VIR_ENUM_IMPL(virStoragePoolFormatLogical, VIR_STORAGE_POOL_LOGICAL_LAST,
    [VIR_STORAGE_POOL_LOGICAL_UNKNOWN] = "unknown",
    [VIR_STORAGE_POOL_LOGICAL_LVM2] = "lvm2",
);

VIR_ENUM_IMPL(virStorageAuth, VIR_STORAGE_AUTH_TYPE_LAST,
    [VIR_STORAGE_AUTH_TYPE_NONE] = "none",
    [VIR_STORAGE_AUTH_TYPE_CHAP] = "chap",
    [VIR_STORAGE_AUTH_TYPE_CEPHX] = "ceph",
);


/**
 * virStoragePoolFormatToString:
 * @type: virStoragePoolType
 * @format: the value of the pool type's source format enum
 *
 * Returns the source format word, or NULL when pools of @type have none.
 */
const char *
virStoragePoolFormatToString(unsigned int type, int format)
{
    switch ((virStoragePoolType)type) {
    case VIR_STORAGE_POOL_FS:
        return virStoragePoolFormatFileSystemTypeToString(format);
    case VIR_STORAGE_POOL_NETFS:
        return virStoragePoolFormatFileSystemNetTypeToString(format);
    case VIR_STORAGE_POOL_DISK:
        return virStoragePoolFormatDiskTypeToString(format);
    case VIR_STORAGE_POOL_LOGICAL:
        return virStoragePoolFormatLogicalTypeToString(format);
    default:
        return NULL;
    }
}


static int
virStoragePoolFormatFromString(unsigned int type, const char *word)
{
    switch ((virStoragePoolType)type) {
    case VIR_STORAGE_POOL_FS:
        return virStoragePoolFormatFileSystemTypeFromString(word);
    case VIR_STORAGE_POOL_NETFS:
        return virStoragePoolFormatFileSystemNetTypeFromString(word);
    case VIR_STORAGE_POOL_DISK:
        return virStoragePoolFormatDiskTypeFromString(word);
    case VIR_STORAGE_POOL_LOGICAL:
        return virStoragePoolFormatLogicalTypeFromString(word);
    default:
        return -1;
    }
}


/* ------------------------------------------------------------------ */
/* <permissions>                                                      */

/**
 * virStoragePermsClear:
 * @perms: permissions to empty; the struct itself is not freed
 */
void
virStoragePermsClear(virStoragePerms *perms)
{
    g_free(perms->label);
    memset(perms, 0, sizeof(*perms));
    perms->mode = -1;
    perms->uid = -1;
    perms->gid = -1;
}


static int
virStoragePermsIdParse(xmlNodePtr node, long long *id)
{
    g_autofree char *text = NULL;

    if (virConfTextElement(node, &text) < 0)
        return -1;
    if (!text || virStrToLong_ll(text, NULL, 10, id) < 0 || *id < -1) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed %1$s element '%2$s'"),
                       (const char *)node->name, NULLSTR(text));
        return -1;
    }
    return 0;
}


/**
 * virStoragePermsParseXML:
 * @node: a <permissions> element
 * @perms: filled in (cleared first)
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR naming the bad child.
 */
int
virStoragePermsParseXML(xmlNodePtr node, virStoragePerms *perms)
{
    static const char *const children[] = { "mode", "owner", "group",
                                            "label", NULL };
    xmlNodePtr cur;

    virStoragePermsClear(perms);
    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    perms->present = true;
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *text = NULL;
        const char *name = (const char *)cur->name;
        unsigned int mode;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "owner") || STREQ(name, "group")) {
            if (virStoragePermsIdParse(cur, STREQ(name, "owner") ?
                                       &perms->uid : &perms->gid) < 0)
                return -1;
            continue;
        }
        if (virConfTextElement(cur, &text) < 0)
            return -1;
        if (STREQ(name, "label")) {
            perms->label = g_steal_pointer(&text);
        } else if (!text || virStrToLong_ui(text, NULL, 8, &mode) < 0 ||
                   (mode & ~0777)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("malformed octal mode '%1$s'"), NULLSTR(text));
            return -1;
        } else {
            perms->mode = mode;
        }
    }
    return 0;
}


/**
 * virStoragePermsFormat:
 * @buf: output buffer
 * @perms: the permissions; nothing is written unless present
 */
void
virStoragePermsFormat(virBuffer *buf, const virStoragePerms *perms)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!perms->present)
        return;
    if (perms->mode >= 0)
        virBufferAsprintf(&children, "<mode>0%o</mode>\n", perms->mode);
    if (perms->uid >= 0)
        virBufferAsprintf(&children, "<owner>%lld</owner>\n", perms->uid);
    if (perms->gid >= 0)
        virBufferAsprintf(&children, "<group>%lld</group>\n", perms->gid);
    virBufferEscapeString(&children, "<label>%s</label>\n", perms->label);
    virXMLFormatElementEmpty(buf, "permissions", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <source>                                                           */

static void
virStoragePoolSourceClear(virStoragePoolSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++)
        g_free(src->hosts[i].name);
    g_free(src->hosts);
    g_strfreev(src->devices);
    g_free(src->dir);
    g_free(src->name);
    g_free(src->initiatorIqn);
    g_free(src->authUsername);
    g_free(src->authSecretUUID);
    g_free(src->authSecretUsage);
    g_free(src->vendor);
    g_free(src->product);
    g_free(src->protocolVer);
}


/**
 * virStoragePoolDefFree:
 * @def: a pool definition, may be NULL
 */
void
virStoragePoolDefFree(virStoragePoolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    virStoragePoolSourceClear(&def->source);
    g_free(def->targetPath);
    virStoragePermsClear(&def->perms);
    g_free(def);
}


static int
virStoragePoolAuthParseXML(xmlNodePtr node, virStoragePoolSource *src)
{
    static const char *const attrs[] = { "type", "username", NULL };
    static const char *const children[] = { "secret", NULL };
    static const char *const secretAttrs[] = { "uuid", "usage", NULL };
    xmlNodePtr secret;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virStorageAuthTypeFromString,
                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                       &src->authType) < 0 ||
        !(src->authUsername = virXMLPropStringRequired(node, "username")))
        return -1;
    if (!(secret = virConfChild(node, "secret"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Missing <secret> element in auth"));
        return -1;
    }
    if (virConfCheckElement(secret, secretAttrs, NULL) < 0)
        return -1;
    src->authSecretUUID = virXMLPropString(secret, "uuid");
    src->authSecretUsage = virXMLPropString(secret, "usage");
    return 0;
}


static int
virStoragePoolSourceSimpleParseXML(xmlNodePtr cur, unsigned int type,
                                   virStoragePoolSource *src)
{
    static const char *const pathAttrs[] = { "path", NULL };
    static const char *const nameAttrs[] = { "name", NULL };
    static const char *const typeAttrs[] = { "type", NULL };
    static const char *const verAttrs[] = { "ver", NULL };
    static const char *const iqnChildren[] = { "iqn", NULL };
    const char *name = (const char *)cur->name;
    g_autofree char *word = NULL;
    xmlNodePtr iqn;

    if (STREQ(name, "dir"))
        return virConfCheckElement(cur, pathAttrs, NULL) < 0 ||
               !(src->dir = virXMLPropStringRequired(cur, "path")) ? -1 : 0;
    if (STREQ(name, "name"))
        return virConfTextElement(cur, &src->name);
    if (STREQ(name, "vendor") || STREQ(name, "product"))
        return virConfCheckElement(cur, nameAttrs, NULL) < 0 ||
               !(*(STREQ(name, "vendor") ? &src->vendor : &src->product) =
                 virXMLPropStringRequired(cur, "name")) ? -1 : 0;
    if (STREQ(name, "protocol"))
        return virConfCheckElement(cur, verAttrs, NULL) < 0 ||
               !(src->protocolVer = virXMLPropStringRequired(cur, "ver")) ? -1 : 0;
    if (STREQ(name, "initiator")) {
        if (virConfCheckElement(cur, NULL, iqnChildren) < 0)
            return -1;
        if (!(iqn = virConfChild(cur, "iqn"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", _("missing initiator IQN"));
            return -1;
        }
        if (virConfCheckElement(iqn, nameAttrs, NULL) < 0 ||
            !(src->initiatorIqn = virXMLPropStringRequired(iqn, "name")))
            return -1;
        return 0;
    }
    /* <format type=...> */
    if (virConfCheckElement(cur, typeAttrs, NULL) < 0 ||
        !(word = virXMLPropStringRequired(cur, "type")))
        return -1;
    if ((src->format = virStoragePoolFormatFromString(type, word)) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown pool format type %1$s"), word);
        return -1;
    }
    return 0;
}


static int
virStoragePoolSourceParseXML(xmlNodePtr node, unsigned int type,
                             virStoragePoolSource *src)
{
    static const char *const children[] = { "host", "device", "dir", "name",
                                            "format", "initiator", "auth",
                                            "vendor", "product", "protocol",
                                            NULL };
    static const char *const hostAttrs[] = { "name", "port", NULL };
    static const char *const devAttrs[] = { "path", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr cur;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;

    n = virConfChildren(node, "host", &nodes);
    src->hosts = g_new0(virStoragePoolSourceHost, n);
    for (i = 0; i < n; i++) {
        virStoragePoolSourceHost *host = &src->hosts[src->nhosts++];

        if (virConfCheckElement(nodes[i], hostAttrs, NULL) < 0 ||
            virXMLPropInt(nodes[i], "port", 10, VIR_XML_PROP_NONZERO |
                          VIR_XML_PROP_NONNEGATIVE, &host->port, 0) < 0)
            return -1;
        if (!(host->name = virXMLPropString(nodes[i], "name"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing storage pool host name"));
            return -1;
        }
    }
    g_clear_pointer(&nodes, g_free);

    n = virConfChildren(node, "device", &nodes);
    src->devices = g_new0(char *, n + 1);
    for (i = 0; i < n; i++) {
        if (virConfCheckElement(nodes[i], devAttrs, NULL) < 0)
            return -1;
        if (!(src->devices[i] = virXMLPropString(nodes[i], "path"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing storage pool source device path"));
            return -1;
        }
    }

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;

        if (cur->type != XML_ELEMENT_NODE ||
            STREQ(name, "host") || STREQ(name, "device"))
            continue;
        if (STREQ(name, "auth")) {
            if (virStoragePoolAuthParseXML(cur, src) < 0)
                return -1;
        } else if (virStoragePoolSourceSimpleParseXML(cur, type, src) < 0) {
            return -1;
        }
    }
    return 0;
}


static void
virStoragePoolSourceFormat(virBuffer *buf, unsigned int type,
                           const virStoragePoolSource *src)
{
    const char *format = virStoragePoolFormatToString(type, src->format < 0 ?
                                                      0 : src->format);
    size_t i;

    /* libvirt 9.0 writes <source> open even when it is empty */
    virBufferAddLit(buf, "<source>\n");
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < src->nhosts; i++) {
        virBufferEscapeString(buf, "<host name='%s'", src->hosts[i].name);
        if (src->hosts[i].port)
            virBufferAsprintf(buf, " port='%d'", src->hosts[i].port);
        virBufferAddLit(buf, "/>\n");
    }
    for (i = 0; src->devices && src->devices[i]; i++)
        virBufferEscapeString(buf, "<device path='%s'/>\n", src->devices[i]);
    virBufferEscapeString(buf, "<dir path='%s'/>\n", src->dir);
    virBufferEscapeString(buf, "<name>%s</name>\n", src->name);
    if (src->initiatorIqn) {
        virBufferAddLit(buf, "<initiator>\n");
        virBufferEscapeString(buf, "  <iqn name='%s'/>\n", src->initiatorIqn);
        virBufferAddLit(buf, "</initiator>\n");
    }
    if (src->authType) {
        virBufferAsprintf(buf, "<auth type='%s'",
                          virStorageAuthTypeToString(src->authType));
        virBufferEscapeString(buf, " username='%s'>\n", src->authUsername);
        virBufferEscapeString(buf, "  <secret uuid='%s'/>\n", src->authSecretUUID);
        virBufferEscapeString(buf, "  <secret usage='%s'/>\n", src->authSecretUsage);
        virBufferAddLit(buf, "</auth>\n");
    }
    virBufferEscapeString(buf, "<vendor name='%s'/>\n", src->vendor);
    virBufferEscapeString(buf, "<product name='%s'/>\n", src->product);
    virBufferEscapeString(buf, "<format type='%s'/>\n", format);
    virBufferEscapeString(buf, "<protocol ver='%s'/>\n", src->protocolVer);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</source>\n");
}


/* ------------------------------------------------------------------ */
/* <target>                                                           */

static int
virStoragePoolTargetParseXML(xmlNodePtr node, virStoragePoolDef *def)
{
    static const char *const children[] = { "path", "permissions", NULL };
    xmlNodePtr perms;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "path", &def->targetPath) < 0)
        return -1;
    if ((perms = virConfChild(node, "permissions")) &&
        virStoragePermsParseXML(perms, &def->perms) < 0)
        return -1;
    return 0;
}


static void
virStoragePoolTargetFormat(virBuffer *buf, const virStoragePoolDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferEscapeString(&children, "<path>%s</path>\n", def->targetPath);
    virStoragePermsFormat(&children, &def->perms);
    virXMLFormatElement(buf, "target", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <pool>                                                             */

static int
virStoragePoolDefParseChildren(xmlNodePtr root, virStoragePoolDef *def)
{
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "source"))
            rc = virStoragePoolSourceParseXML(cur, def->type, &def->source);
        else if (STREQ(name, "target"))
            rc = virStoragePoolTargetParseXML(cur, def);
        else if (STREQ(name, "capacity"))
            rc = virConfParseScaled(cur, &def->capacity);
        else if (STREQ(name, "allocation"))
            rc = virConfParseScaled(cur, &def->allocation);
        else if (STREQ(name, "available"))
            rc = virConfParseScaled(cur, &def->available);
        if (rc < 0)
            return -1;
    }
    return 0;
}


static virStoragePoolDef *
virStoragePoolDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const attrs[] = { "type", NULL };
    static const char *const children[] = { "name", "uuid", "capacity",
                                            "allocation", "available",
                                            "source", "target", NULL };
    g_autoptr(virStoragePoolDef) def = g_new0(virStoragePoolDef, 1);
    g_autofree char *uuid = NULL;

    def->source.format = -1;
    virStoragePermsClear(&def->perms);
    if (virConfCheckElement(root, attrs, children) < 0 ||
        virXMLPropEnum(root, "type", virStoragePoolTypeFromString,
                       VIR_XML_PROP_REQUIRED, &def->type) < 0 ||
        virConfChildText(root, "name", &def->name) < 0 ||
        virConfChildText(root, "uuid", &uuid) < 0 ||
        virStoragePoolDefParseChildren(root, def) < 0)
        return NULL;

    if (!def->name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing pool source name element"));
        return NULL;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name %1$s cannot contain '/'"), def->name);
        return NULL;
    }
    if (uuid) {
        if (virConfParseUUID(uuid, "pool", def->uuid) < 0)
            return NULL;
    } else {
        virUUIDGenerate(def->uuid);
    }
    /* a volume group is named after its pool unless told otherwise */
    if (def->type == VIR_STORAGE_POOL_LOGICAL) {
        if (!def->source.name)
            def->source.name = g_strdup(def->name);
        if (def->source.format <= 0)
            def->source.format = VIR_STORAGE_POOL_LOGICAL_LVM2;
    }

    if (!(flags & VIR_STORAGE_POOL_DEF_PARSE_SKIP_VALIDATE) &&
        virStoragePoolDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virStoragePoolDef *
virStoragePoolDefParse(const char *xmlStr, const char *filename,
                       unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(storage_pool_definition)"),
                            "pool", &ctxt, VIR_FROM_STORAGE)))
        return NULL;
    return virStoragePoolDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virStoragePoolDefParseString:
 * @xml: a <pool> document
 * @flags: virStoragePoolDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virStoragePoolDef *
virStoragePoolDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virStoragePoolDefParse(xml, NULL, flags);
}


/**
 * virStoragePoolDefParseFile:
 * @filename: a file holding a <pool> document
 * @flags: virStoragePoolDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virStoragePoolDef *
virStoragePoolDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virStoragePoolDefParse(NULL, filename, flags);
}


/**
 * virStoragePoolDefFormat:
 * @def: the pool definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's pool-dumpxml prints it (caller
 * frees); never NULL.
 */
char *
virStoragePoolDefFormat(const virStoragePoolDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    (void)flags;
    virBufferAsprintf(&buf, "<pool type='%s'>\n",
                      virStoragePoolTypeToString(def->type));
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<name>%s</name>\n", def->name);
    virBufferAsprintf(&buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virBufferAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    virBufferAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    virBufferAsprintf(&buf, "<available unit='bytes'>%llu</available>\n", def->available);
    virStoragePoolSourceFormat(&buf, def->type, &def->source);
    virStoragePoolTargetFormat(&buf, def);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</pool>\n");
    return virBufferContentAndReset(&buf);
}
