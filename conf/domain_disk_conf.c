/*
 * domain_disk_conf.c: <disk> devices and the storage sources behind them
 * (<source>, the recursive <backingStore> chain)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "viruuid.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virStorage, VIR_STORAGE_TYPE_LAST,
    [VIR_STORAGE_TYPE_NONE] = "none",
    [VIR_STORAGE_TYPE_FILE] = "file",
    [VIR_STORAGE_TYPE_BLOCK] = "block",
    [VIR_STORAGE_TYPE_DIR] = "dir",
    [VIR_STORAGE_TYPE_NETWORK] = "network",
    [VIR_STORAGE_TYPE_VOLUME] = "volume",
    [VIR_STORAGE_TYPE_NVME] = "nvme",
    [VIR_STORAGE_TYPE_VHOST_USER] = "vhostuser",
    [VIR_STORAGE_TYPE_VHOST_VDPA] = "vhostvdpa",
);

VIR_ENUM_IMPL(virStorageNetProtocol, VIR_STORAGE_NET_PROTOCOL_LAST,
    [VIR_STORAGE_NET_PROTOCOL_NONE] = "none",
    [VIR_STORAGE_NET_PROTOCOL_NBD] = "nbd",
    [VIR_STORAGE_NET_PROTOCOL_RBD] = "rbd",
    [VIR_STORAGE_NET_PROTOCOL_SHEEPDOG] = "sheepdog",
    [VIR_STORAGE_NET_PROTOCOL_GLUSTER] = "gluster",
    [VIR_STORAGE_NET_PROTOCOL_ISCSI] = "iscsi",
    [VIR_STORAGE_NET_PROTOCOL_HTTP] = "http",
    [VIR_STORAGE_NET_PROTOCOL_HTTPS] = "https",
    [VIR_STORAGE_NET_PROTOCOL_FTP] = "ftp",
    [VIR_STORAGE_NET_PROTOCOL_FTPS] = "ftps",
    [VIR_STORAGE_NET_PROTOCOL_TFTP] = "tftp",
    [VIR_STORAGE_NET_PROTOCOL_SSH] = "ssh",
    [VIR_STORAGE_NET_PROTOCOL_VXHS] = "vxhs",
    [VIR_STORAGE_NET_PROTOCOL_NFS] = "nfs",
);

VIR_ENUM_IMPL(virStorageNetHostTransport, VIR_STORAGE_NET_HOST_TRANS_LAST,
    [VIR_STORAGE_NET_HOST_TRANS_TCP] = "tcp",
    [VIR_STORAGE_NET_HOST_TRANS_UNIX] = "unix",
    [VIR_STORAGE_NET_HOST_TRANS_RDMA] = "rdma",
);

VIR_ENUM_DECL(virStorageSourcePoolMode);
VIR_ENUM_IMPL(virStorageSourcePoolMode, VIR_STORAGE_POOL_MODE_LAST,
    [VIR_STORAGE_POOL_MODE_DEFAULT] = "default",
    [VIR_STORAGE_POOL_MODE_HOST] = "host",
    [VIR_STORAGE_POOL_MODE_DIRECT] = "direct",
);

VIR_ENUM_DECL(virDomainStartupPolicy);
VIR_ENUM_IMPL(virDomainStartupPolicy, VIR_DOMAIN_STARTUP_POLICY_LAST,
    [VIR_DOMAIN_STARTUP_POLICY_DEFAULT] = "",
    [VIR_DOMAIN_STARTUP_POLICY_MANDATORY] = "mandatory",
    [VIR_DOMAIN_STARTUP_POLICY_REQUISITE] = "requisite",
    [VIR_DOMAIN_STARTUP_POLICY_OPTIONAL] = "optional",
);

VIR_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
    [VIR_DOMAIN_DISK_DEVICE_DISK] = "disk",
    [VIR_DOMAIN_DISK_DEVICE_CDROM] = "cdrom",
    [VIR_DOMAIN_DISK_DEVICE_FLOPPY] = "floppy",
    [VIR_DOMAIN_DISK_DEVICE_LUN] = "lun",
);

VIR_ENUM_IMPL(virDomainSnapshotLocation, VIR_DOMAIN_SNAPSHOT_LOCATION_LAST,
    [VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT] = "default",
    [VIR_DOMAIN_SNAPSHOT_LOCATION_NO] = "no",
    [VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL] = "internal",
    [VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL] = "external",
    [VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL] = "manual",
);

VIR_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
    [VIR_DOMAIN_DISK_BUS_NONE] = "none",
    [VIR_DOMAIN_DISK_BUS_IDE] = "ide",
    [VIR_DOMAIN_DISK_BUS_FDC] = "fdc",
    [VIR_DOMAIN_DISK_BUS_SCSI] = "scsi",
    [VIR_DOMAIN_DISK_BUS_VIRTIO] = "virtio",
    [VIR_DOMAIN_DISK_BUS_XEN] = "xen",
    [VIR_DOMAIN_DISK_BUS_USB] = "usb",
    [VIR_DOMAIN_DISK_BUS_UML] = "uml",
    [VIR_DOMAIN_DISK_BUS_SATA] = "sata",
    [VIR_DOMAIN_DISK_BUS_SD] = "sd",
);

VIR_ENUM_IMPL(virDomainDiskCache, VIR_DOMAIN_DISK_CACHE_LAST,
    [VIR_DOMAIN_DISK_CACHE_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_CACHE_DISABLE] = "none",
    [VIR_DOMAIN_DISK_CACHE_WRITETHRU] = "writethrough",
    [VIR_DOMAIN_DISK_CACHE_WRITEBACK] = "writeback",
    [VIR_DOMAIN_DISK_CACHE_DIRECTSYNC] = "directsync",
    [VIR_DOMAIN_DISK_CACHE_UNSAFE] = "unsafe",
);

VIR_ENUM_IMPL(virDomainDiskErrorPolicy, VIR_DOMAIN_DISK_ERROR_POLICY_LAST,
    [VIR_DOMAIN_DISK_ERROR_POLICY_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_ERROR_POLICY_STOP] = "stop",
    [VIR_DOMAIN_DISK_ERROR_POLICY_REPORT] = "report",
    [VIR_DOMAIN_DISK_ERROR_POLICY_IGNORE] = "ignore",
    [VIR_DOMAIN_DISK_ERROR_POLICY_ENOSPACE] = "enospace",
);

VIR_ENUM_IMPL(virDomainDiskIo, VIR_DOMAIN_DISK_IO_LAST,
    [VIR_DOMAIN_DISK_IO_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_IO_NATIVE] = "native",
    [VIR_DOMAIN_DISK_IO_THREADS] = "threads",
    [VIR_DOMAIN_DISK_IO_URING] = "io_uring",
);

VIR_ENUM_IMPL(virDomainDiskDiscard, VIR_DOMAIN_DISK_DISCARD_LAST,
    [VIR_DOMAIN_DISK_DISCARD_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_DISCARD_UNMAP] = "unmap",
    [VIR_DOMAIN_DISK_DISCARD_IGNORE] = "ignore",
);

VIR_ENUM_IMPL(virDomainDiskDetectZeroes, VIR_DOMAIN_DISK_DETECT_ZEROES_LAST,
    [VIR_DOMAIN_DISK_DETECT_ZEROES_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_DETECT_ZEROES_OFF] = "off",
    [VIR_DOMAIN_DISK_DETECT_ZEROES_ON] = "on",
    [VIR_DOMAIN_DISK_DETECT_ZEROES_UNMAP] = "unmap",
);

VIR_ENUM_IMPL(virDomainDiskMirrorState, VIR_DOMAIN_DISK_MIRROR_STATE_LAST,
    [VIR_DOMAIN_DISK_MIRROR_STATE_NONE] = "",
    [VIR_DOMAIN_DISK_MIRROR_STATE_READY] = "yes",
    [VIR_DOMAIN_DISK_MIRROR_STATE_ABORT] = "abort",
    [VIR_DOMAIN_DISK_MIRROR_STATE_PIVOT] = "pivot",
);

/* The <mirror job=> words, indexed by virDomainBlockJobType. */
VIR_ENUM_IMPL(virDomainDiskMirrorJob, VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP + 1,
    [VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN] = "",
    [VIR_DOMAIN_BLOCK_JOB_TYPE_PULL] = "pull",
    [VIR_DOMAIN_BLOCK_JOB_TYPE_COPY] = "copy",
    [VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT] = "commit",
    [VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT] = "active-commit",
    [VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP] = "backup",
);

VIR_ENUM_DECL(virDomainDiskTray);
VIR_ENUM_IMPL(virDomainDiskTray, VIR_DOMAIN_DISK_TRAY_LAST,
    [VIR_DOMAIN_DISK_TRAY_CLOSED] = "closed",
    [VIR_DOMAIN_DISK_TRAY_OPEN] = "open",
);


/* ------------------------------------------------------------------ */
/* Storage sources                                                    */

/**
 * virStorageSourceNew:
 *
 * Returns a new, empty storage source (type NONE); never NULL.
 */
virStorageSource *
virStorageSourceNew(void)
{
    return g_new0(virStorageSource, 1);
}


static void
virStorageAuthDefFree(virStorageAuthDef *auth)
{
    if (!auth)
        return;
    g_free(auth->username);
    g_free(auth->secrettype);
    g_free(auth->usage);
    g_free(auth);
}


/**
 * virStorageSourceFree:
 * @src: a storage source, may be NULL
 *
 * Free @src and its whole backing chain.
 */
void
virStorageSourceFree(virStorageSource *src)
{
    size_t i;

    while (src) {
        virStorageSource *next = src->backingStore;

        g_free(src->path);
        g_free(src->volume);
        g_free(src->query);
        for (i = 0; i < src->nhosts; i++) {
            g_free(src->hosts[i].name);
            g_free(src->hosts[i].socket);
        }
        g_free(src->hosts);
        if (src->srcpool) {
            g_free(src->srcpool->pool);
            g_free(src->srcpool->volume);
            g_free(src->srcpool);
        }
        virStorageAuthDefFree(src->auth);
        g_free(src);
        src = next;
    }
}


static int
virStorageNetHostParseXML(xmlNodePtr node, virStorageNetHostDef *host)
{
    const char *attrs[] = { "name", "port", "transport", "socket", NULL };
    unsigned int transport = VIR_STORAGE_NET_HOST_TRANS_TCP;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "transport", virStorageNetHostTransportTypeFromString,
                       VIR_XML_PROP_NONE, &transport) < 0 ||
        virXMLPropUInt(node, "port", 10, VIR_XML_PROP_NONE, &host->port) < 0)
        return -1;
    host->transport = transport;
    g_free(host->name);
    host->name = virXMLPropString(node, "name");
    g_free(host->socket);
    host->socket = virXMLPropString(node, "socket");

    if (host->transport == VIR_STORAGE_NET_HOST_TRANS_UNIX) {
        if (!host->socket) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing socket for unix transport"));
            return -1;
        }
    } else {
        if (host->socket) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("transport '%1$s' does not support socket attribute"),
                           virStorageNetHostTransportTypeToString(host->transport));
            return -1;
        }
        if (!host->name) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing hostname for tcp transport"));
            return -1;
        }
    }
    return 0;
}


static void
virStorageNetHostFormat(virBuffer *buf, const virStorageNetHostDef *host)
{
    virBufferAddLit(buf, "<host");
    if (host->transport != VIR_STORAGE_NET_HOST_TRANS_TCP)
        virBufferAsprintf(buf, " transport='%s'",
                          virStorageNetHostTransportTypeToString(host->transport));
    virBufferEscapeString(buf, " name='%s'", host->name);
    if (host->port)
        virBufferAsprintf(buf, " port='%u'", host->port);
    virBufferEscapeString(buf, " socket='%s'", host->socket);
    virBufferAddLit(buf, "/>\n");
}


static int
virStorageAuthParseXML(xmlNodePtr node, virStorageAuthDef **authp)
{
    const char *attrs[] = { "username", NULL };
    const char *children[] = { "secret", NULL };
    const char *secretAttrs[] = { "type", "uuid", "usage", NULL };
    virStorageAuthDef *auth;
    xmlNodePtr secret;
    g_autofree char *uuid = NULL;

    if (virDomainXMLCheck(node, attrs, children) < 0)
        return -1;

    for (secret = node->children; secret; secret = secret->next) {
        if (secret->type == XML_ELEMENT_NODE)
            break;
    }
    if (!secret) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Missing <secret> element in auth"));
        return -1;
    }
    if (virDomainXMLCheck(secret, secretAttrs, NULL) < 0)
        return -1;

    auth = g_new0(virStorageAuthDef, 1);
    *authp = auth;
    if (!(auth->username = virXMLPropString(node, "username"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing username for auth"));
        return -1;
    }
    g_free(auth->secrettype);
    auth->secrettype = virXMLPropString(secret, "type");
    g_free(auth->usage);
    auth->usage = virXMLPropString(secret, "usage");
    if ((uuid = virXMLPropString(secret, "uuid"))) {
        if (virUUIDParse(uuid, auth->uuid) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid auth secret uuid '%1$s'"), uuid);
            return -1;
        }
        auth->hasUUID = true;
    }
    if (auth->hasUUID == !!auth->usage) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("either secret uuid or usage expected"));
        return -1;
    }
    return 0;
}


static void
virStorageAuthFormat(virBuffer *buf, const virStorageAuthDef *auth)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virBufferEscapeString(buf, "<auth username='%s'>\n", auth->username);
    virBufferAdjustIndent(buf, 2);
    virBufferAddLit(buf, "<secret");
    virBufferEscapeString(buf, " type='%s'", auth->secrettype);
    if (auth->hasUUID)
        virBufferAsprintf(buf, " uuid='%s'", virUUIDFormat(auth->uuid, uuidstr));
    virBufferEscapeString(buf, " usage='%s'", auth->usage);
    virBufferAddLit(buf, "/>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</auth>\n");
}


static int
virStorageSourceParseNetwork(xmlNodePtr node, virStorageSource *src)
{
    const char *attrs[] = { "protocol", "name", "query", "index", NULL };
    const char *children[] = { "host", "auth", NULL };
    unsigned int protocol = 0;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "protocol", virStorageNetProtocolTypeFromString,
                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                       &protocol) < 0)
        return -1;
    src->protocol = protocol;
    g_free(src->volume);
    src->volume = virXMLPropString(node, "name");
    g_free(src->query);
    src->query = virXMLPropString(node, "query");

    if (src->query &&
        src->protocol != VIR_STORAGE_NET_PROTOCOL_HTTP &&
        src->protocol != VIR_STORAGE_NET_PROTOCOL_HTTPS) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("query is supported only with HTTP(S) protocols"));
        return -1;
    }

    if (!src->volume && src->protocol != VIR_STORAGE_NET_PROTOCOL_NBD) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("missing name for '%1$s' protocol"),
                       virStorageNetProtocolTypeToString(src->protocol));
        return -1;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "host")) {
            src->hosts = g_renew(virStorageNetHostDef, src->hosts, src->nhosts + 1);
            memset(&src->hosts[src->nhosts], 0, sizeof(src->hosts[0]));
            src->nhosts++;
            if (virStorageNetHostParseXML(cur, &src->hosts[src->nhosts - 1]) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "auth")) {
            if (src->auth) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("only one <auth> element is allowed in a disk <source>"));
                return -1;
            }
            if (virStorageAuthParseXML(cur, &src->auth) < 0)
                return -1;
        }
    }
    return 0;
}


/**
 * virStorageSourceParseSource:
 * @node: a <source> element
 * @src: storage source whose type is already set; filled from @node
 * @flags: virDomainDefParseFlags
 *
 * Parse the attributes and children of a disk (or snapshot disk)
 * <source> element according to @src->type.
 *
 * Returns 0 on success, -1 with VIR_ERR_XML_ERROR (or another code) set.
 */
int
virStorageSourceParseSource(xmlNodePtr node,
                            virStorageSource *src,
                            unsigned int flags)
{
    g_autofree char *policy = NULL;
    const char *attr = NULL;
    unsigned int id = 0;
    int rc;

    switch (src->type) {
    case VIR_STORAGE_TYPE_FILE:
        attr = "file";
        break;
    case VIR_STORAGE_TYPE_BLOCK:
        attr = "dev";
        break;
    case VIR_STORAGE_TYPE_DIR:
        attr = "dir";
        break;
    case VIR_STORAGE_TYPE_NETWORK:
        if (virStorageSourceParseNetwork(node, src) < 0)
            return -1;
        break;
    case VIR_STORAGE_TYPE_VOLUME: {
        const char *attrs[] = { "pool", "volume", "mode", "startupPolicy",
                                "index", NULL };
        unsigned int mode = 0;
        g_autofree char *pool = virXMLPropString(node, "pool");
        g_autofree char *volume = virXMLPropString(node, "volume");

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropEnum(node, "mode", virStorageSourcePoolModeTypeFromString,
                           VIR_XML_PROP_NONZERO, &mode) < 0)
            return -1;
        if (!pool || !volume) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("'pool' and 'volume' must be specified together for 'pool' type source"));
            return -1;
        }
        src->srcpool = g_new0(virStorageSourcePoolDef, 1);
        src->srcpool->pool = g_steal_pointer(&pool);
        src->srcpool->volume = g_steal_pointer(&volume);
        src->srcpool->mode = mode;
        break;
    }
    case VIR_STORAGE_TYPE_NONE:
    case VIR_STORAGE_TYPE_NVME:
    case VIR_STORAGE_TYPE_VHOST_USER:
    case VIR_STORAGE_TYPE_VHOST_VDPA:
    case VIR_STORAGE_TYPE_LAST:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported disk source type '%1$s'"),
                       NULLSTR(virStorageTypeToString(src->type)));
        return -1;
    }

    if (attr) {
        const char *attrs[] = { attr, "startupPolicy", "index", NULL };

        if (virDomainXMLCheck(node, attrs, NULL) < 0)
            return -1;
        g_free(src->path);
        src->path = virXMLPropString(node, attr);
        if (src->path && !*src->path)
            g_clear_pointer(&src->path, g_free);
    }

    if ((policy = virXMLPropString(node, "startupPolicy"))) {
        int val = virDomainStartupPolicyTypeFromString(policy);

        if (val <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown startupPolicy value '%1$s'"), policy);
            return -1;
        }
        if (src->type == VIR_STORAGE_TYPE_NETWORK) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Setting disk %1$s is allowed only for cdrom or floppy"),
                           "startupPolicy");
            return -1;
        }
        src->startupPolicy = val;
    }

    if ((rc = virXMLPropUInt(node, "index", 10, VIR_XML_PROP_NONE, &id)) < 0)
        return -1;
    if (rc > 0 && !(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
        src->id = id;
    return 0;
}


/**
 * virStorageSourceFormatSource:
 * @buf: output buffer, at the indentation of the <source> element
 * @src: the storage source
 * @flags: virDomainDefFormatFlags
 *
 * Write @src as a <source> element; nothing for a local source without
 * a path (an empty cdrom drive).
 */
void
virStorageSourceFormatSource(virBuffer *buf,
                             const virStorageSource *src,
                             unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    switch (src->type) {
    case VIR_STORAGE_TYPE_FILE:
        virBufferEscapeString(&attrs, " file='%s'", src->path);
        break;
    case VIR_STORAGE_TYPE_BLOCK:
        virBufferEscapeString(&attrs, " dev='%s'", src->path);
        break;
    case VIR_STORAGE_TYPE_DIR:
        virBufferEscapeString(&attrs, " dir='%s'", src->path);
        break;
    case VIR_STORAGE_TYPE_NETWORK:
        virBufferAsprintf(&attrs, " protocol='%s'",
                          virStorageNetProtocolTypeToString(src->protocol));
        virBufferEscapeString(&attrs, " name='%s'", src->volume);
        virBufferEscapeString(&attrs, " query='%s'", src->query);
        for (i = 0; i < src->nhosts; i++)
            virStorageNetHostFormat(&children, &src->hosts[i]);
        break;
    case VIR_STORAGE_TYPE_VOLUME:
        if (src->srcpool) {
            virBufferEscapeString(&attrs, " pool='%s'", src->srcpool->pool);
            virBufferEscapeString(&attrs, " volume='%s'", src->srcpool->volume);
            if (src->srcpool->mode)
                virBufferAsprintf(&attrs, " mode='%s'",
                                  virStorageSourcePoolModeTypeToString(src->srcpool->mode));
        }
        break;
    case VIR_STORAGE_TYPE_NONE:
    case VIR_STORAGE_TYPE_NVME:
    case VIR_STORAGE_TYPE_VHOST_USER:
    case VIR_STORAGE_TYPE_VHOST_VDPA:
    case VIR_STORAGE_TYPE_LAST:
        break;
    }

    if (src->startupPolicy)
        virBufferAsprintf(&attrs, " startupPolicy='%s'",
                          virDomainStartupPolicyTypeToString(src->startupPolicy));
    if (src->id && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferAsprintf(&attrs, " index='%u'", src->id);
    if (src->auth && !src->authLegacy)
        virStorageAuthFormat(&children, src->auth);

    virXMLFormatElement(buf, "source", &attrs, &children);
}


/**
 * virStorageSourceNetworkAssignDefaultPorts:
 * @src: a storage source
 *
 * Fill in the well-known port of each TCP host of a network source that
 * gave none, as libvirt does when it parses a definition.
 */
void
virStorageSourceNetworkAssignDefaultPorts(virStorageSource *src)
{
    unsigned int port = 0;
    size_t i;

    if (src->type != VIR_STORAGE_TYPE_NETWORK)
        return;

    switch (src->protocol) {
    case VIR_STORAGE_NET_PROTOCOL_NBD:
        port = 10809;
        break;
    case VIR_STORAGE_NET_PROTOCOL_SHEEPDOG:
        port = 7000;
        break;
    case VIR_STORAGE_NET_PROTOCOL_GLUSTER:
        port = 24007;
        break;
    case VIR_STORAGE_NET_PROTOCOL_ISCSI:
        port = 3260;
        break;
    case VIR_STORAGE_NET_PROTOCOL_HTTP:
        port = 80;
        break;
    case VIR_STORAGE_NET_PROTOCOL_HTTPS:
        port = 443;
        break;
    case VIR_STORAGE_NET_PROTOCOL_FTP:
        port = 21;
        break;
    case VIR_STORAGE_NET_PROTOCOL_FTPS:
        port = 990;
        break;
    case VIR_STORAGE_NET_PROTOCOL_TFTP:
        port = 69;
        break;
    case VIR_STORAGE_NET_PROTOCOL_SSH:
        port = 22;
        break;
    case VIR_STORAGE_NET_PROTOCOL_VXHS:
        port = 9999;
        break;
    case VIR_STORAGE_NET_PROTOCOL_RBD:
    case VIR_STORAGE_NET_PROTOCOL_NFS:
    case VIR_STORAGE_NET_PROTOCOL_NONE:
    case VIR_STORAGE_NET_PROTOCOL_LAST:
        return;
    }

    for (i = 0; i < src->nhosts; i++) {
        if (src->hosts[i].transport == VIR_STORAGE_NET_HOST_TRANS_TCP &&
            src->hosts[i].port == 0)
            src->hosts[i].port = port;
    }
}


static int
virStorageSourceParseFormat(const char *word, virStorageFileFormat *format)
{
    int val;

    /* "aio" is the name early libvirt used for raw images */
    if (STREQ(word, "aio"))
        word = "raw";
    if ((val = virStorageFileFormatTypeFromString(word)) <= 0)
        return -1;
    *format = val;
    return 0;
}


static int virDomainDiskBackingStoreParse(xmlNodePtr node,
                                          virStorageSource *src,
                                          unsigned int flags);

/* One <backingStore> element: an empty one ends the chain. */
static int
virDomainDiskBackingStoreParseOne(xmlNodePtr node,
                                  virStorageSource **backing,
                                  unsigned int flags)
{
    const char *attrs[] = { "type", "index", NULL };
    const char *children[] = { "format", "source", "backingStore", NULL };
    g_autoptr(virStorageSource) src = virStorageSourceNew();
    g_autofree char *type = NULL;
    g_autofree char *format = NULL;
    xmlNodePtr cur;
    xmlNodePtr source = NULL;
    int val;

    if (!(type = virXMLPropString(node, "type"))) {
        if (virDomainXMLCheck(node, NULL, NULL) < 0)
            return -1;
        *backing = g_steal_pointer(&src);
        return 0;
    }

    if (virDomainXMLCheck(node, attrs, children) < 0)
        return -1;

    if ((val = virStorageTypeFromString(type)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown disk backing store type '%1$s'"), type);
        return -1;
    }
    src->type = val;

    if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
        virXMLPropUInt(node, "index", 10, VIR_XML_PROP_NONE, &src->id) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "format")) {
            const char *fattrs[] = { "type", NULL };

            if (virDomainXMLCheck(cur, fattrs, NULL) < 0)
                return -1;
            g_free(format);
            format = virXMLPropString(cur, "type");
        } else if (xmlStrEqual(cur->name, BAD_CAST "source")) {
            source = cur;
        }
    }

    if (!format) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing disk backing store format"));
        return -1;
    }
    if (virStorageSourceParseFormat(format, &src->format) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown storage source format '%1$s'"), format);
        return -1;
    }
    if (!source) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing disk backing store source"));
        return -1;
    }
    if (virStorageSourceParseSource(source, src, flags) < 0 ||
        virDomainDiskBackingStoreParse(node, src, flags) < 0)
        return -1;
    virStorageSourceNetworkAssignDefaultPorts(src);

    *backing = g_steal_pointer(&src);
    return 0;
}


/* The <backingStore> child of @node (a <disk> or a <backingStore>),
 * recursively, into @src->backingStore. */
static int
virDomainDiskBackingStoreParse(xmlNodePtr node,
                               virStorageSource *src,
                               unsigned int flags)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE ||
            !xmlStrEqual(cur->name, BAD_CAST "backingStore"))
            continue;
        /* like libvirt, the first one counts */
        if (src->backingStore)
            break;
        if (virDomainDiskBackingStoreParseOne(cur, &src->backingStore, flags) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainDiskBackingStoreFormat(virBuffer *buf,
                                const virStorageSource *backing,
                                unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (!backing)
        return;

    if (backing->type == VIR_STORAGE_TYPE_NONE) {
        virBufferAddLit(buf, "<backingStore/>\n");
        return;
    }

    virBufferAsprintf(&attrs, " type='%s'", virStorageTypeToString(backing->type));
    if (backing->id && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferAsprintf(&attrs, " index='%u'", backing->id);

    if (backing->format)
        virBufferAsprintf(&children, "<format type='%s'/>\n",
                          virStorageFileFormatTypeToString(backing->format));
    /* the index of a backing image is an attribute of <backingStore> */
    virStorageSourceFormatSource(&children, backing,
                                 flags | VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    virDomainDiskBackingStoreFormat(&children, backing->backingStore, flags);

    virXMLFormatElement(buf, "backingStore", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <mirror>: the destination of a running copy or active commit        */

/* The <format> and <source> children of a <mirror> in libvirt's
 * current shape. */
static int
virDomainDiskMirrorParseChildren(xmlNodePtr node, virStorageSource *mirror,
                                 unsigned int flags)
{
    xmlNodePtr cur;
    xmlNodePtr source = NULL;
    g_autofree char *format = NULL;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "format")) {
            const char *fattrs[] = { "type", NULL };

            if (virDomainXMLCheck(cur, fattrs, NULL) < 0)
                return -1;
            g_free(format);
            format = virXMLPropString(cur, "type");
        } else if (xmlStrEqual(cur->name, BAD_CAST "source") && !source) {
            source = cur;
        }
    }
    if (format && !mirror->format &&
        virStorageSourceParseFormat(format, &mirror->format) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown mirror format value '%1$s'"), format);
        return -1;
    }
    if (source && virStorageSourceParseSource(source, mirror, flags) < 0)
        return -1;
    return 0;
}


/* A <mirror> element: the current form (type attribute, <source> and
 * <format> children) or the older copy-only one (file and format
 * attributes), both of which libvirt accepts. */
static int
virDomainDiskMirrorParseXML(xmlNodePtr node, virDomainDiskDef *def,
                            unsigned int flags)
{
    const char *attrs[] = { "type", "file", "format", "job", "ready", NULL };
    const char *children[] = { "format", "source", "backingStore", NULL };
    g_autoptr(virStorageSource) mirror = virStorageSourceNew();
    g_autofree char *file = virXMLPropString(node, "file");
    g_autofree char *format = virXMLPropString(node, "format");
    unsigned int type = VIR_STORAGE_TYPE_FILE;
    unsigned int job = VIR_DOMAIN_BLOCK_JOB_TYPE_COPY;
    unsigned int ready = VIR_DOMAIN_DISK_MIRROR_STATE_NONE;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virStorageTypeFromString,
                       VIR_XML_PROP_NONZERO, &type) < 0 ||
        virXMLPropEnum(node, "job", virDomainDiskMirrorJobTypeFromString,
                       VIR_XML_PROP_NONZERO, &job) < 0 ||
        virXMLPropEnum(node, "ready", virDomainDiskMirrorStateTypeFromString,
                       VIR_XML_PROP_NONZERO, &ready) < 0)
        return -1;
    if (job != VIR_DOMAIN_BLOCK_JOB_TYPE_COPY &&
        job != VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unsupported disk mirror job '%1$s'"),
                       virDomainDiskMirrorJobTypeToString(job));
        return -1;
    }
    mirror->type = type;
    if (format && virStorageSourceParseFormat(format, &mirror->format) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown mirror format value '%1$s'"), format);
        return -1;
    }
    if (virDomainDiskMirrorParseChildren(node, mirror, flags) < 0 ||
        virDomainDiskBackingStoreParse(node, mirror, flags) < 0)
        return -1;
    if (!mirror->path && file && *file)
        mirror->path = g_steal_pointer(&file);
    if (!mirror->path && mirror->type != VIR_STORAGE_TYPE_NETWORK) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("disk mirror requires a source"));
        return -1;
    }

    virStorageSourceFree(def->mirror);
    def->mirror = g_steal_pointer(&mirror);
    def->mirrorJob = job;
    def->mirrorState = ready;
    return 0;
}


/* As libvirt 9.0 writes it: the file and format attributes repeat the
 * source of a file copy, for readers of the older form. */
static void
virDomainDiskMirrorFormat(virBuffer *buf, const virDomainDiskDef *def,
                          unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virStorageSource *mirror = def->mirror;
    const char *format = NULL;

    if (!mirror || (flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        return;
    if (mirror->format)
        format = virStorageFileFormatTypeToString(mirror->format);

    virBufferAsprintf(&attrs, " type='%s'", virStorageTypeToString(mirror->type));
    if (mirror->type == VIR_STORAGE_TYPE_FILE &&
        def->mirrorJob == VIR_DOMAIN_BLOCK_JOB_TYPE_COPY) {
        virBufferEscapeString(&attrs, " file='%s'", mirror->path);
        virBufferEscapeString(&attrs, " format='%s'", format);
    }
    virBufferAsprintf(&attrs, " job='%s'",
                      virDomainDiskMirrorJobTypeToString(def->mirrorJob));
    if (def->mirrorState)
        virBufferAsprintf(&attrs, " ready='%s'",
                          virDomainDiskMirrorStateTypeToString(def->mirrorState));

    virBufferEscapeString(&children, "<format type='%s'/>\n", format);
    virStorageSourceFormatSource(&children, mirror, flags);
    virDomainDiskBackingStoreFormat(&children, mirror->backingStore, flags);

    virXMLFormatElement(buf, "mirror", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* Disks                                                              */

/**
 * virDiskNameToIndex:
 * @name: a disk target name such as "vda", "hdc", "sdab" or "xvdb1"
 *
 * Returns the zero-based index of the disk on its bus ("a" 0, "z" 25,
 * "aa" 26 ...) ignoring a partition number, or -1 when @name has no
 * known prefix or no letters.
 */
int
virDiskNameToIndex(const char *name)
{
    const char *prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    int idx = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        if (STRPREFIX(name, prefixes[i])) {
            p = name + strlen(prefixes[i]);
            break;
        }
    }
    if (!p || !g_ascii_islower(*p))
        return -1;

    for (; g_ascii_islower(*p); p++) {
        if (idx > (INT_MAX - 26) / 26)
            return -1;
        idx = idx * 26 + (*p - 'a' + 1);
    }
    for (; *p; p++) {
        if (!g_ascii_isdigit(*p))
            return -1;
    }
    return idx - 1;
}


static void virStorageEncryptionDefFree(virStorageEncryption *enc);


/**
 * virDomainDiskDefFree:
 * @def: a disk, may be NULL
 */
void
virDomainDiskDefFree(virDomainDiskDef *def)
{
    if (!def)
        return;
    virStorageSourceFree(def->src);
    g_free(def->dst);
    g_free(def->driverName);
    g_free(def->serial);
    g_free(def->wwn);
    g_free(def->vendor);
    g_free(def->product);
    g_free(def->blkdeviotune.group_name);
    virStorageEncryptionDefFree(def->encryption);
    virDomainDeviceInfoClear(&def->info);
    virStorageSourceFree(def->mirror);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDiskDef, virDomainDiskDefFree);


static int
virDomainDiskDriverParseXML(xmlNodePtr node, virDomainDiskDef *def)
{
    const char *attrs[] = { "name", "type", "cache", "error_policy",
                            "rerror_policy", "io", "ioeventfd", "event_idx",
                            "copy_on_read", "discard", "iothread",
                            "detect_zeroes", "queues", "queue_size", NULL };
    g_autofree char *type = NULL;
    unsigned int cache = 0, error_policy = 0, rerror_policy = 0;
    unsigned int io = 0, discard = 0, detect_zeroes = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;

    /* A repeated <driver> replaces the earlier one's values. */
    g_free(def->driverName);
    def->driverName = virXMLPropString(node, "name");
    if ((type = virXMLPropString(node, "type")) &&
        virStorageSourceParseFormat(type, &def->src->format) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown driver format value '%1$s'"), type);
        return -1;
    }

    if (virXMLPropEnum(node, "cache", virDomainDiskCacheTypeFromString,
                       VIR_XML_PROP_NONE, &cache) < 0 ||
        virXMLPropEnum(node, "error_policy", virDomainDiskErrorPolicyTypeFromString,
                       VIR_XML_PROP_NONZERO, &error_policy) < 0 ||
        virXMLPropEnum(node, "rerror_policy", virDomainDiskErrorPolicyTypeFromString,
                       VIR_XML_PROP_NONZERO, &rerror_policy) < 0 ||
        virXMLPropEnum(node, "io", virDomainDiskIoTypeFromString,
                       VIR_XML_PROP_NONZERO, &io) < 0 ||
        virXMLPropTristateSwitch(node, "ioeventfd", VIR_XML_PROP_NONE,
                                 &def->ioeventfd) < 0 ||
        virXMLPropTristateSwitch(node, "event_idx", VIR_XML_PROP_NONE,
                                 &def->event_idx) < 0 ||
        virXMLPropTristateSwitch(node, "copy_on_read", VIR_XML_PROP_NONE,
                                 &def->copy_on_read) < 0 ||
        virXMLPropEnum(node, "discard", virDomainDiskDiscardTypeFromString,
                       VIR_XML_PROP_NONZERO, &discard) < 0 ||
        virXMLPropUInt(node, "iothread", 10, VIR_XML_PROP_NONZERO,
                       &def->iothread) < 0 ||
        virXMLPropEnum(node, "detect_zeroes", virDomainDiskDetectZeroesTypeFromString,
                       VIR_XML_PROP_NONZERO, &detect_zeroes) < 0 ||
        virXMLPropUInt(node, "queues", 10, VIR_XML_PROP_NONZERO,
                       &def->queues) < 0 ||
        virXMLPropUInt(node, "queue_size", 10, VIR_XML_PROP_NONZERO,
                       &def->queue_size) < 0)
        return -1;

    def->cachemode = cache;
    def->error_policy = error_policy;
    def->rerror_policy = rerror_policy;
    def->iomode = io;
    def->discard = discard;
    def->detect_zeroes = detect_zeroes;
    return 0;
}


static void
virDomainDiskDriverFormat(virBuffer *buf, const virDomainDiskDef *def)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    virBufferEscapeString(&attrs, " name='%s'", def->driverName);
    if (def->src->format)
        virBufferAsprintf(&attrs, " type='%s'",
                          virStorageFileFormatTypeToString(def->src->format));
    if (def->cachemode)
        virBufferAsprintf(&attrs, " cache='%s'",
                          virDomainDiskCacheTypeToString(def->cachemode));
    if (def->error_policy)
        virBufferAsprintf(&attrs, " error_policy='%s'",
                          virDomainDiskErrorPolicyTypeToString(def->error_policy));
    if (def->rerror_policy)
        virBufferAsprintf(&attrs, " rerror_policy='%s'",
                          virDomainDiskErrorPolicyTypeToString(def->rerror_policy));
    if (def->iomode)
        virBufferAsprintf(&attrs, " io='%s'",
                          virDomainDiskIoTypeToString(def->iomode));
    if (def->ioeventfd)
        virBufferAsprintf(&attrs, " ioeventfd='%s'",
                          virTristateSwitchTypeToString(def->ioeventfd));
    if (def->event_idx)
        virBufferAsprintf(&attrs, " event_idx='%s'",
                          virTristateSwitchTypeToString(def->event_idx));
    if (def->copy_on_read)
        virBufferAsprintf(&attrs, " copy_on_read='%s'",
                          virTristateSwitchTypeToString(def->copy_on_read));
    if (def->discard)
        virBufferAsprintf(&attrs, " discard='%s'",
                          virDomainDiskDiscardTypeToString(def->discard));
    if (def->iothread)
        virBufferAsprintf(&attrs, " iothread='%u'", def->iothread);
    if (def->detect_zeroes)
        virBufferAsprintf(&attrs, " detect_zeroes='%s'",
                          virDomainDiskDetectZeroesTypeToString(def->detect_zeroes));
    if (def->queues)
        virBufferAsprintf(&attrs, " queues='%u'", def->queues);
    if (def->queue_size)
        virBufferAsprintf(&attrs, " queue_size='%u'", def->queue_size);

    virXMLFormatElement(buf, "driver", &attrs, NULL);
}


static int
virDomainDiskTargetParseXML(xmlNodePtr node, virDomainDiskDef *def)
{
    const char *attrs[] = { "dev", "bus", "tray", "removable",
                            "rotation_rate", NULL };
    unsigned int bus = 0;
    unsigned int tray = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "bus", virDomainDiskBusTypeFromString,
                       VIR_XML_PROP_NONZERO, &bus) < 0 ||
        virXMLPropEnum(node, "tray", virDomainDiskTrayTypeFromString,
                       VIR_XML_PROP_NONE, &tray) < 0 ||
        virXMLPropTristateSwitch(node, "removable", VIR_XML_PROP_NONE,
                                 &def->removable) < 0 ||
        virXMLPropUInt(node, "rotation_rate", 10, VIR_XML_PROP_NONE,
                       &def->rotation_rate) < 0)
        return -1;

    g_free(def->dst);
    def->dst = virXMLPropString(node, "dev");
    def->bus = bus;
    def->tray_status = tray;
    return 0;
}


static void
virDomainDiskTargetFormat(virBuffer *buf, const virDomainDiskDef *def)
{
    virBufferEscapeString(buf, "<target dev='%s'", def->dst);
    if (def->bus)
        virBufferAsprintf(buf, " bus='%s'", virDomainDiskBusTypeToString(def->bus));
    if (def->tray_status == VIR_DOMAIN_DISK_TRAY_OPEN)
        virBufferAddLit(buf, " tray='open'");
    if (def->removable)
        virBufferAsprintf(buf, " removable='%s'",
                          virTristateSwitchTypeToString(def->removable));
    if (def->rotation_rate)
        virBufferAsprintf(buf, " rotation_rate='%u'", def->rotation_rate);
    virBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* <geometry>, <blockio>, <iotune>, <encryption>                      */

VIR_ENUM_DECL(virDomainDiskGeometryTrans);
VIR_ENUM_IMPL(virDomainDiskGeometryTrans, VIR_DOMAIN_DISK_TRANS_LAST,
    [VIR_DOMAIN_DISK_TRANS_DEFAULT] = "default",
    [VIR_DOMAIN_DISK_TRANS_NONE] = "none",
    [VIR_DOMAIN_DISK_TRANS_AUTO] = "auto",
    [VIR_DOMAIN_DISK_TRANS_LBA] = "lba",
);

VIR_ENUM_DECL(virStorageEncryptionFormat);
VIR_ENUM_IMPL(virStorageEncryptionFormat, VIR_STORAGE_ENCRYPTION_FORMAT_LAST,
    [VIR_STORAGE_ENCRYPTION_FORMAT_DEFAULT] = "default",
    [VIR_STORAGE_ENCRYPTION_FORMAT_QCOW] = "qcow",
    [VIR_STORAGE_ENCRYPTION_FORMAT_LUKS] = "luks",
);

#define IOTUNE_FIELD(f) { #f, offsetof(virDomainBlockIoTuneInfo, f) }

/* The <iotune> numbers in the order libvirt formats them;
 * size_iops_sec and group_name come after the first twelve. */
static const struct {
    const char *name;
    size_t offset;
} virDomainDiskIoTuneFields[] = {
    IOTUNE_FIELD(total_bytes_sec), IOTUNE_FIELD(read_bytes_sec),
    IOTUNE_FIELD(write_bytes_sec), IOTUNE_FIELD(total_iops_sec),
    IOTUNE_FIELD(read_iops_sec), IOTUNE_FIELD(write_iops_sec),
    IOTUNE_FIELD(total_bytes_sec_max), IOTUNE_FIELD(read_bytes_sec_max),
    IOTUNE_FIELD(write_bytes_sec_max), IOTUNE_FIELD(total_iops_sec_max),
    IOTUNE_FIELD(read_iops_sec_max), IOTUNE_FIELD(write_iops_sec_max),
    IOTUNE_FIELD(size_iops_sec),
    IOTUNE_FIELD(total_bytes_sec_max_length),
    IOTUNE_FIELD(read_bytes_sec_max_length),
    IOTUNE_FIELD(write_bytes_sec_max_length),
    IOTUNE_FIELD(total_iops_sec_max_length),
    IOTUNE_FIELD(read_iops_sec_max_length),
    IOTUNE_FIELD(write_iops_sec_max_length),
};
#define IOTUNE_GROUP_POS 13     /* group_name is formatted before this */

#define IOTUNE_VAL(io, i) \
    (*(unsigned long long *)((char *)(io) + virDomainDiskIoTuneFields[i].offset))


static int
virDomainDiskIoTuneParseXML(xmlNodePtr node, virDomainBlockIoTuneInfo *io)
{
    static const char *const pairs[] = {
        "bytes_sec", "iops_sec", "bytes_sec_max", "iops_sec_max",
    };
    xmlNodePtr cur;
    size_t i;

    /* the children are checked against the table below */
    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        g_autofree char *text = NULL;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        text = virDomainXMLContent(cur);
        if (STREQ(name, "group_name")) {
            g_free(io->group_name);
            io->group_name = g_steal_pointer(&text);
            continue;
        }
        for (i = 0; i < G_N_ELEMENTS(virDomainDiskIoTuneFields); i++) {
            if (STREQ(name, virDomainDiskIoTuneFields[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(virDomainDiskIoTuneFields)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported element '%1$s' in element '%2$s'"),
                           name, "iotune");
            return -1;
        }
        if (!text || virStrToLong_ull(text, NULL, 10, &IOTUNE_VAL(io, i)) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("disk iotune field '%1$s' must be an integer"), name);
            return -1;
        }
    }

    /* total_X and read_X/write_X exclude each other (first 12 fields:
     * total, read, write for each of the four kinds) */
    for (i = 0; i < G_N_ELEMENTS(pairs); i++) {
        size_t t = i * 3;

        if (i % 2)
            t = (i / 2) * 6 + 3;
        else
            t = (i / 2) * 6;
        if (IOTUNE_VAL(io, t) &&
            (IOTUNE_VAL(io, t + 1) || IOTUNE_VAL(io, t + 2))) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("total and read/write %1$s cannot be set at the same time"),
                           pairs[i]);
            return -1;
        }
    }
    return 0;
}


static void
virDomainDiskIoTuneFormat(virBuffer *buf, const virDomainBlockIoTuneInfo *io)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainDiskIoTuneFields); i++) {
        unsigned long long val = IOTUNE_VAL(io, i);

        if (i == IOTUNE_GROUP_POS)
            virBufferEscapeString(&children, "<group_name>%s</group_name>\n",
                                  io->group_name);
        if (val)
            virBufferAsprintf(&children, "<%s>%llu</%s>\n",
                              virDomainDiskIoTuneFields[i].name, val,
                              virDomainDiskIoTuneFields[i].name);
    }
    virXMLFormatElement(buf, "iotune", NULL, &children);
}


static int
virDomainDiskGeometryParseXML(xmlNodePtr node, virDomainDiskDef *def)
{
    const char *attrs[] = { "cyls", "heads", "secs", "trans", NULL };
    unsigned int trans = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "cyls", 10, VIR_XML_PROP_NONE,
                       &def->geometry.cylinders) < 0 ||
        virXMLPropUInt(node, "heads", 10, VIR_XML_PROP_NONE,
                       &def->geometry.heads) < 0 ||
        virXMLPropUInt(node, "secs", 10, VIR_XML_PROP_NONE,
                       &def->geometry.sectors) < 0 ||
        virXMLPropEnum(node, "trans", virDomainDiskGeometryTransTypeFromString,
                       VIR_XML_PROP_NONZERO, &trans) < 0)
        return -1;
    def->geometry.trans = trans;
    return 0;
}


static int
virDomainDiskBlockIoParseXML(xmlNodePtr node, virDomainDiskDef *def)
{
    const char *attrs[] = { "logical_block_size", "physical_block_size", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "logical_block_size", 10, VIR_XML_PROP_NONE,
                       &def->blockio.logical_block_size) < 0 ||
        virXMLPropUInt(node, "physical_block_size", 10, VIR_XML_PROP_NONE,
                       &def->blockio.physical_block_size) < 0)
        return -1;
    return 0;
}


static void
virStorageEncryptionDefFree(virStorageEncryption *enc)
{
    size_t i;

    if (!enc)
        return;
    for (i = 0; i < enc->nsecrets; i++)
        g_free(enc->secrets[i].usage);
    g_free(enc->secrets);
    g_free(enc);
}


static int
virStorageEncryptionSecretParseXML(xmlNodePtr node,
                                   virStorageEncryptionSecret *secret)
{
    const char *attrs[] = { "type", "uuid", "usage", NULL };
    g_autofree char *type = virXMLPropString(node, "type");
    g_autofree char *uuid = virXMLPropString(node, "uuid");

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;
    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("unknown volume encryption secret type"));
        return -1;
    }
    if (STRNEQ(type, "passphrase")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown volume encryption secret type %1$s"), type);
        return -1;
    }
    g_free(secret->usage);
    secret->usage = virXMLPropString(node, "usage");
    if (uuid) {
        if (virUUIDParse(uuid, secret->uuid) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("malformed volume encryption uuid '%1$s'"), uuid);
            return -1;
        }
        secret->hasUUID = true;
    }
    if (secret->hasUUID == !!secret->usage) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       secret->hasUUID ?
                       _("either secret uuid or usage expected") :
                       _("missing secret uuid or usage attribute"));
        return -1;
    }
    return 0;
}


static int
virStorageEncryptionParseXML(xmlNodePtr node, virStorageEncryption **encp)
{
    const char *children[] = { "secret", NULL };
    g_autofree char *format = virXMLPropString(node, "format");
    virStorageEncryption *enc;
    xmlNodePtr cur;
    int val;

    if (virDomainXMLCheck(node, (const char *[]){ "format", NULL }, children) < 0)
        return -1;
    if (!format) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("unknown volume encryption format"));
        return -1;
    }
    if ((val = virStorageEncryptionFormatTypeFromString(format)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown volume encryption format type %1$s"), format);
        return -1;
    }
    virStorageEncryptionDefFree(*encp);
    enc = *encp = g_new0(virStorageEncryption, 1);
    enc->format = val;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        enc->secrets = g_renew(virStorageEncryptionSecret, enc->secrets,
                               enc->nsecrets + 1);
        memset(&enc->secrets[enc->nsecrets], 0, sizeof(*enc->secrets));
        if (virStorageEncryptionSecretParseXML(cur,
                                               &enc->secrets[enc->nsecrets++]) < 0)
            return -1;
    }
    return 0;
}


static void
virStorageEncryptionDefFormat(virBuffer *buf, const virStorageEncryption *enc)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    size_t i;

    virBufferAsprintf(&attrs, " format='%s'",
                      virStorageEncryptionFormatTypeToString(enc->format));
    for (i = 0; i < enc->nsecrets; i++) {
        virBufferAddLit(&children, "<secret type='passphrase'");
        if (enc->secrets[i].hasUUID)
            virBufferAsprintf(&children, " uuid='%s'",
                              virUUIDFormat(enc->secrets[i].uuid, uuidstr));
        virBufferEscapeString(&children, " usage='%s'", enc->secrets[i].usage);
        virBufferAddLit(&children, "/>\n");
    }
    virXMLFormatElement(buf, "encryption", &attrs, &children);
}


static void
virDomainDiskGeometryBlockIoFormat(virBuffer *buf, const virDomainDiskDef *def)
{
    if (def->geometry.cylinders > 0 && def->geometry.heads > 0 &&
        def->geometry.sectors > 0) {
        virBufferAsprintf(buf, "<geometry cyls='%u' heads='%u' secs='%u'",
                          def->geometry.cylinders, def->geometry.heads,
                          def->geometry.sectors);
        if (def->geometry.trans)
            virBufferAsprintf(buf, " trans='%s'",
                              virDomainDiskGeometryTransTypeToString(def->geometry.trans));
        virBufferAddLit(buf, "/>\n");
    }
    if (def->blockio.logical_block_size || def->blockio.physical_block_size) {
        virBufferAddLit(buf, "<blockio");
        if (def->blockio.logical_block_size)
            virBufferAsprintf(buf, " logical_block_size='%u'",
                              def->blockio.logical_block_size);
        if (def->blockio.physical_block_size)
            virBufferAsprintf(buf, " physical_block_size='%u'",
                              def->blockio.physical_block_size);
        virBufferAddLit(buf, "/>\n");
    }
}


static int
virDomainDiskDefParseChildren(xmlNodePtr node,
                              virDomainDiskDef *def,
                              unsigned int flags)
{
    xmlNodePtr cur;
    xmlNodePtr source = NULL;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "driver")) {
            rc = virDomainDiskDriverParseXML(cur, def);
        } else if (STREQ(name, "source")) {
            if (!source)
                source = cur;
        } else if (STREQ(name, "target")) {
            rc = virDomainDiskTargetParseXML(cur, def);
        } else if (STREQ(name, "readonly") || STREQ(name, "shareable") ||
                   STREQ(name, "transient")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            if (STREQ(name, "readonly"))
                def->src->readonly = true;
            else if (STREQ(name, "shareable"))
                def->src->shared = true;
            else
                def->transient = true;
        } else if (STREQ(name, "serial")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            g_free(def->serial);
            def->serial = virDomainXMLContent(cur);
        } else if (STREQ(name, "wwn")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            g_free(def->wwn);
            def->wwn = virDomainXMLContent(cur);
        } else if (STREQ(name, "vendor")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            g_free(def->vendor);
            def->vendor = virDomainXMLContent(cur);
        } else if (STREQ(name, "product")) {
            rc = virDomainXMLCheck(cur, NULL, NULL);
            g_free(def->product);
            def->product = virDomainXMLContent(cur);
        } else if (STREQ(name, "backingStore")) {
            continue;
        } else if (STREQ(name, "mirror")) {
            /* the job behind it ended with the process that wrote it */
            if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
                rc = virDomainDiskMirrorParseXML(cur, def, flags);
        } else if (STREQ(name, "geometry")) {
            rc = virDomainDiskGeometryParseXML(cur, def);
        } else if (STREQ(name, "blockio")) {
            rc = virDomainDiskBlockIoParseXML(cur, def);
        } else if (STREQ(name, "iotune")) {
            rc = virDomainDiskIoTuneParseXML(cur, &def->blkdeviotune);
        } else if (STREQ(name, "encryption")) {
            rc = virStorageEncryptionParseXML(cur, &def->encryption);
        } else if (STREQ(name, "auth")) {
            virStorageAuthDefFree(def->src->auth);
            def->src->auth = NULL;
            def->src->authLegacy = true;
            rc = virStorageAuthParseXML(cur, &def->src->auth);
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return -1;
    }

    if (source && virStorageSourceParseSource(source, def->src, flags) < 0)
        return -1;
    if (def->src->authLegacy && !def->src->auth)
        def->src->authLegacy = false;
    return 0;
}


/* Checks of one disk that need no other part of the domain. */
static int
virDomainDiskDefCheck(virDomainDiskDef *def)
{
    const virStorageSource *src = def->src;

    if (!def->dst) {
        if (src->srcpool) {
            virReportError(VIR_ERR_NO_TARGET, _("pool = '%1$s', volume = '%2$s'"),
                           src->srcpool->pool, src->srcpool->volume);
        } else {
            virReportError(VIR_ERR_NO_TARGET, "%s", NULLSTR_EMPTY(src->path));
        }
        return -1;
    }

    if (def->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
        def->device != VIR_DOMAIN_DISK_DEVICE_FLOPPY &&
        !src->path && src->type != VIR_STORAGE_TYPE_NETWORK &&
        src->type != VIR_STORAGE_TYPE_VOLUME) {
        virReportError(VIR_ERR_NO_SOURCE, "%s", def->dst);
        return -1;
    }

    if (def->tray_status == VIR_DOMAIN_DISK_TRAY_OPEN &&
        def->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
        def->device != VIR_DOMAIN_DISK_DEVICE_FLOPPY) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("tray is only valid for cdrom and floppy"));
        return -1;
    }
    return 0;
}


/**
 * virDomainDiskDefParseXML:
 * @node: a <disk> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the new disk (bus as written, defaults not applied yet), or
 * NULL with an error reported.
 */
virDomainDiskDef *
virDomainDiskDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "type", "device", "snapshot", NULL };
    const char *children[] = { "driver", "source", "backingStore", "target",
                               "readonly", "shareable", "transient", "serial",
                               "wwn", "vendor", "product", "boot", "alias",
                               "address", "geometry", "blockio", "iotune",
                               "encryption", "auth", "mirror", NULL };
    g_autoptr(virDomainDiskDef) def = g_new0(virDomainDiskDef, 1);
    unsigned int type = VIR_STORAGE_TYPE_FILE;
    unsigned int device = VIR_DOMAIN_DISK_DEVICE_DISK;
    unsigned int snapshot = 0;

    def->src = virStorageSourceNew();

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virStorageTypeFromString,
                       VIR_XML_PROP_NONZERO, &type) < 0 ||
        virXMLPropEnum(node, "device", virDomainDiskDeviceTypeFromString,
                       VIR_XML_PROP_NONE, &device) < 0 ||
        virXMLPropEnum(node, "snapshot", virDomainSnapshotLocationTypeFromString,
                       VIR_XML_PROP_NONZERO, &snapshot) < 0)
        return NULL;
    def->src->type = type;
    def->device = device;
    def->snapshot = snapshot;

    if (virDomainDiskDefParseChildren(node, def, flags) < 0 ||
        virDomainDiskBackingStoreParse(node, def->src, flags) < 0)
        return NULL;

    if (def->device == VIR_DOMAIN_DISK_DEVICE_CDROM ||
        def->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY) {
        if (def->device == VIR_DOMAIN_DISK_DEVICE_CDROM)
            def->src->readonly = true;
    } else if (def->src->startupPolicy) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Setting disk %1$s is allowed only for cdrom or floppy"),
                       "startupPolicy");
        return NULL;
    }

    if (virDomainDiskDefCheck(def) < 0)
        return NULL;

    virStorageSourceNetworkAssignDefaultPorts(def->src);
    return g_steal_pointer(&def);
}


/**
 * virDomainDiskDefFormat:
 * @buf: output buffer at the indentation of <disk>
 * @def: the disk
 * @flags: virDomainDefFormatFlags
 */
void
virDomainDiskDefFormat(virBuffer *buf,
                       const virDomainDiskDef *def,
                       unsigned int flags)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    virBufferAsprintf(&attrs, " type='%s' device='%s'",
                      virStorageTypeToString(def->src->type),
                      virDomainDiskDeviceTypeToString(def->device));
    if (def->snapshot)
        virBufferAsprintf(&attrs, " snapshot='%s'",
                          virDomainSnapshotLocationTypeToString(def->snapshot));

    virDomainDiskDriverFormat(&children, def);
    if (def->src->authLegacy)
        virStorageAuthFormat(&children, def->src->auth);
    virStorageSourceFormatSource(&children, def->src, flags);
    virDomainDiskBackingStoreFormat(&children, def->src->backingStore, flags);
    virDomainDiskGeometryBlockIoFormat(&children, def);
    virDomainDiskMirrorFormat(&children, def, flags);
    virDomainDiskTargetFormat(&children, def);
    virDomainDiskIoTuneFormat(&children, &def->blkdeviotune);
    if (def->src->readonly)
        virBufferAddLit(&children, "<readonly/>\n");
    if (def->src->shared)
        virBufferAddLit(&children, "<shareable/>\n");
    if (def->transient)
        virBufferAddLit(&children, "<transient/>\n");
    virBufferEscapeString(&children, "<serial>%s</serial>\n", def->serial);
    virBufferEscapeString(&children, "<wwn>%s</wwn>\n", def->wwn);
    virBufferEscapeString(&children, "<vendor>%s</vendor>\n", def->vendor);
    virBufferEscapeString(&children, "<product>%s</product>\n", def->product);
    if (def->encryption)
        virStorageEncryptionDefFormat(&children, def->encryption);
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElement(buf, "disk", &attrs, &children);
}


/**
 * virDomainDiskInsert:
 * @def: the domain
 * @disk: a disk whose ownership passes to @def
 *
 * Add @disk keeping libvirt's order: after the disks of the same bus
 * (as written) with a lower or equal index, before those with a higher
 * one; a disk whose bus matches none goes last.
 */
void
virDomainDiskInsert(virDomainDef *def, virDomainDiskDef *disk)
{
    int newidx = virDiskNameToIndex(disk->dst);
    ssize_t insertAt = -1;
    ssize_t i;

    for (i = (ssize_t)def->ndisks - 1; i >= 0; i--) {
        if (def->disks[i]->bus != disk->bus)
            continue;
        if (virDiskNameToIndex(def->disks[i]->dst) > newidx)
            insertAt = i;
        else if (insertAt == -1)
            insertAt = i + 1;
    }
    if (insertAt == -1)
        insertAt = def->ndisks;

    def->disks = g_renew(virDomainDiskDef *, def->disks, def->ndisks + 1);
    memmove(def->disks + insertAt + 1, def->disks + insertAt,
            sizeof(*def->disks) * (def->ndisks - insertAt));
    def->disks[insertAt] = disk;
    def->ndisks++;
}


/**
 * virDomainDiskDefaultBus:
 * @disk: a disk
 *
 * Give @disk the bus its target name implies when it names none:
 * floppies sit on fdc, "hd" on ide, "sd" on scsi, "vd" on virtio, "xvd"
 * on xen, "ubd" on uml, anything else on ide.
 *
 * Returns 0, or -1 with VIR_ERR_INTERNAL_ERROR for a name that cannot
 * be used by that kind of device.
 */
int
virDomainDiskDefaultBus(virDomainDiskDef *disk)
{
    const char *dst = disk->dst;

    if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY) {
        if (!STRPREFIX(dst, "fd")) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Invalid floppy device name: %1$s"), dst);
            return -1;
        }
        if (!disk->bus)
            disk->bus = VIR_DOMAIN_DISK_BUS_FDC;
    } else if (STRPREFIX(dst, "fd")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Invalid harddisk device name: %1$s"), dst);
        return -1;
    }

    if (!disk->bus) {
        if (STRPREFIX(dst, "hd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_IDE;
        else if (STRPREFIX(dst, "sd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_SCSI;
        else if (STRPREFIX(dst, "vd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_VIRTIO;
        else if (STRPREFIX(dst, "xvd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_XEN;
        else if (STRPREFIX(dst, "ubd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_UML;
        else
            disk->bus = VIR_DOMAIN_DISK_BUS_IDE;
    }

    if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY &&
        disk->bus != VIR_DOMAIN_DISK_BUS_FDC) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Invalid bus type '%1$s' for floppy disk"),
                       virDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->device != VIR_DOMAIN_DISK_DEVICE_FLOPPY &&
        disk->bus == VIR_DOMAIN_DISK_BUS_FDC) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Invalid bus type '%1$s' for disk"),
                       virDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    return 0;
}


/**
 * virDomainDiskAssignAddress:
 * @disk: a disk on an ide, fdc, scsi or sata bus without an address
 *
 * Derive the drive address from the target name as libvirt does: scsi
 * has 7 units per controller, sata 6, ide 2 buses of 2 units, fdc 2
 * units.  Disks on other buses are left alone.
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR for a name without an index.
 */
int
virDomainDiskAssignAddress(virDomainDiskDef *disk)
{
    virDomainDeviceDriveAddress *addr = &disk->info.addr.drive;
    int idx;

    if (disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return 0;
    if (disk->bus != VIR_DOMAIN_DISK_BUS_IDE &&
        disk->bus != VIR_DOMAIN_DISK_BUS_FDC &&
        disk->bus != VIR_DOMAIN_DISK_BUS_SCSI &&
        disk->bus != VIR_DOMAIN_DISK_BUS_SATA)
        return 0;

    if ((idx = virDiskNameToIndex(disk->dst)) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Unknown disk name '%1$s' and no address specified"),
                       disk->dst);
        return -1;
    }

    disk->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE;
    memset(addr, 0, sizeof(*addr));
    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_SCSI:
        addr->controller = idx / 7;
        addr->unit = idx % 7;
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        addr->controller = idx / 6;
        addr->unit = idx % 6;
        break;
    case VIR_DOMAIN_DISK_BUS_IDE:
        addr->controller = idx / 4;
        addr->bus = (idx % 4) / 2;
        addr->unit = idx % 2;
        break;
    case VIR_DOMAIN_DISK_BUS_FDC:
        addr->controller = idx / 2;
        addr->unit = idx % 2;
        break;
    default:
        break;
    }
    return 0;
}


/**
 * virDomainDiskByName:
 * @def: a domain
 * @name: a target name ("vda") or a source path
 *
 * Returns the disk of @def matching @name, or NULL (no error set).
 */
virDomainDiskDef *
virDomainDiskByName(const virDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (STREQ(disk->dst, name) ||
            (disk->src->path && STREQ(disk->src->path, name)))
            return disk;
    }
    return NULL;
}
