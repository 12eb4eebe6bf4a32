/*
 * node_device_conf.c: parse and format node device <device> XML as
 * libvirt 9.0 does
 *
 * Each element a node device may hold is described once below (its
 * attributes, the syntax of its text, the children it may have, in the
 * order libvirt prints them); one parser and one formatter walk those
 * descriptions, so adding a capability type is adding a table.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "node_device_conf.h"

#define VIR_FROM_THIS VIR_FROM_NODEDEV

typedef enum {
    VIR_NODE_DEV_VAL_NONE = 0,      /* no text */
    VIR_NODE_DEV_VAL_TEXT,
    VIR_NODE_DEV_VAL_UINT,          /* decimal, printed in decimal */
    VIR_NODE_DEV_VAL_HEX1,          /* any base, printed 0x%x */
    VIR_NODE_DEV_VAL_HEX2,          /* printed 0x%02x */
    VIR_NODE_DEV_VAL_HEX4,          /* printed 0x%04x */
    VIR_NODE_DEV_VAL_HEX6,          /* printed 0x%06x */
    VIR_NODE_DEV_VAL_UUID,
} virNodeDevValue;

typedef struct {
    const char *name;
    virNodeDevValue value;
    bool required;
} virNodeDevAttrInfo;

struct _virNodeDevElemInfo {
    const char *name;
    const char *type;               /* the 'type' attribute that selects it */
    virNodeDevValue text;
    bool repeat;                    /* may occur more than once */
    bool spacedEmpty;               /* libvirt prints "<product id='..' />" */
    bool capsInOrder;               /* its <capability> children keep document order */
    const virNodeDevAttrInfo *attrs;  /* ended by a NULL name; NULL: none */
    const virNodeDevElemInfo *const *children;  /* NULL-terminated; NULL: none */
};

#define TEXT(n, v) \
    static const virNodeDevElemInfo nodeDevText_##n = { .name = #n, .text = v }
#define ATTRS(...) (const virNodeDevAttrInfo[]){ __VA_ARGS__, { NULL } }
#define KIDS(...) (const virNodeDevElemInfo *const[]){ __VA_ARGS__, NULL }

/* Leaf elements shared by several capability types. */
static const virNodeDevElemInfo nodeDevAddress = {
    .name = "address", .repeat = true,
    .attrs = ATTRS({ "domain", VIR_NODE_DEV_VAL_HEX4, true },
                   { "bus", VIR_NODE_DEV_VAL_HEX2, true },
                   { "slot", VIR_NODE_DEV_VAL_HEX2, true },
                   { "function", VIR_NODE_DEV_VAL_HEX1, true }),
};
static const virNodeDevElemInfo nodeDevProductId = {
    .name = "product", .text = VIR_NODE_DEV_VAL_TEXT, .spacedEmpty = true,
    .attrs = ATTRS({ "id", VIR_NODE_DEV_VAL_HEX4, true }),
};
static const virNodeDevElemInfo nodeDevVendorId = {
    .name = "vendor", .text = VIR_NODE_DEV_VAL_TEXT, .spacedEmpty = true,
    .attrs = ATTRS({ "id", VIR_NODE_DEV_VAL_HEX4, true }),
};
static const virNodeDevElemInfo nodeDevFeature = {
    .name = "feature", .repeat = true,
    .attrs = ATTRS({ "name", VIR_NODE_DEV_VAL_TEXT, true }),
};
static const virNodeDevElemInfo nodeDevIommuGroup = {
    .name = "iommuGroup",
    .attrs = ATTRS({ "number", VIR_NODE_DEV_VAL_UINT, true }),
    .children = KIDS(&nodeDevAddress),
};

/* system */
TEXT(vendor, VIR_NODE_DEV_VAL_TEXT);
TEXT(version, VIR_NODE_DEV_VAL_TEXT);
TEXT(serial, VIR_NODE_DEV_VAL_TEXT);
TEXT(uuid, VIR_NODE_DEV_VAL_UUID);
TEXT(release_date, VIR_NODE_DEV_VAL_TEXT);
TEXT(product, VIR_NODE_DEV_VAL_TEXT);
static const virNodeDevElemInfo nodeDevHardware = {
    .name = "hardware", .children = KIDS(&nodeDevText_vendor, &nodeDevText_version, &nodeDevText_serial, &nodeDevText_uuid),
};
static const virNodeDevElemInfo nodeDevFirmware = {
    .name = "firmware", .children = KIDS(&nodeDevText_vendor, &nodeDevText_version, &nodeDevText_release_date),
};
static const virNodeDevElemInfo nodeDevCapSystem = {
    .name = "capability", .type = "system",
    .children = KIDS(&nodeDevText_product, &nodeDevHardware, &nodeDevFirmware),
};

/* pci */
TEXT(class, VIR_NODE_DEV_VAL_HEX6);
TEXT(domain, VIR_NODE_DEV_VAL_UINT);
TEXT(bus, VIR_NODE_DEV_VAL_UINT);
TEXT(slot, VIR_NODE_DEV_VAL_UINT);
TEXT(function, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevPhysFunction = {
    .name = "capability", .type = "phys_function",
    .children = KIDS(&nodeDevAddress),
};
static const virNodeDevElemInfo nodeDevVirtFunctions = {
    .name = "capability", .type = "virt_functions",
    .attrs = ATTRS({ "maxCount", VIR_NODE_DEV_VAL_UINT, false }),
    .children = KIDS(&nodeDevAddress),
};
TEXT(name, VIR_NODE_DEV_VAL_TEXT);
TEXT(deviceAPI, VIR_NODE_DEV_VAL_TEXT);
TEXT(availableInstances, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevMdevType = {
    .name = "type", .repeat = true,
    .attrs = ATTRS({ "id", VIR_NODE_DEV_VAL_TEXT, true }),
    .children = KIDS(&nodeDevText_name, &nodeDevText_deviceAPI, &nodeDevText_availableInstances),
};
static const virNodeDevElemInfo nodeDevMdevTypes = {
    .name = "capability", .type = "mdev_types",
    .children = KIDS(&nodeDevMdevType),
};
static const virNodeDevElemInfo nodeDevNuma = {
    .name = "numa",
    .attrs = ATTRS({ "node", VIR_NODE_DEV_VAL_UINT, true }),
};
static const virNodeDevElemInfo nodeDevPCIeLink = {
    .name = "link", .repeat = true,
    .attrs = ATTRS({ "validity", VIR_NODE_DEV_VAL_TEXT, true },
                   { "port", VIR_NODE_DEV_VAL_UINT, false },
                   { "speed", VIR_NODE_DEV_VAL_TEXT, false },
                   { "width", VIR_NODE_DEV_VAL_UINT, false }),
};
static const virNodeDevElemInfo nodeDevPCIExpress = {
    .name = "pci-express", .children = KIDS(&nodeDevPCIeLink),
};
static const virNodeDevElemInfo nodeDevCapPCI = {
    .name = "capability", .type = "pci",
    .children = KIDS(&nodeDevText_class, &nodeDevText_domain, &nodeDevText_bus, &nodeDevText_slot, &nodeDevText_function,
                     &nodeDevProductId, &nodeDevVendorId,
                     &nodeDevPhysFunction, &nodeDevVirtFunctions,
                     &nodeDevMdevTypes, &nodeDevIommuGroup, &nodeDevNuma,
                     &nodeDevPCIExpress),
};

/* usb_device, usb */
TEXT(device, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevCapUSBDevice = {
    .name = "capability", .type = "usb_device",
    .children = KIDS(&nodeDevText_bus, &nodeDevText_device, &nodeDevProductId, &nodeDevVendorId),
};
TEXT(number, VIR_NODE_DEV_VAL_UINT);
TEXT(subclass, VIR_NODE_DEV_VAL_UINT);
TEXT(protocol, VIR_NODE_DEV_VAL_UINT);
TEXT(description, VIR_NODE_DEV_VAL_TEXT);
static const virNodeDevElemInfo nodeDevUSBClass = {
    .name = "class", .text = VIR_NODE_DEV_VAL_UINT,
};
static const virNodeDevElemInfo nodeDevCapUSB = {
    .name = "capability", .type = "usb",
    .children = KIDS(&nodeDevText_number, &nodeDevUSBClass, &nodeDevText_subclass, &nodeDevText_protocol, &nodeDevText_description),
};

/* net */
TEXT(interface, VIR_NODE_DEV_VAL_TEXT);
TEXT(address, VIR_NODE_DEV_VAL_TEXT);
static const virNodeDevElemInfo nodeDevNetLink = {
    .name = "link",
    .attrs = ATTRS({ "speed", VIR_NODE_DEV_VAL_UINT, false },
                   { "state", VIR_NODE_DEV_VAL_TEXT, true }),
};
static const virNodeDevElemInfo nodeDevNet80203 = { .name = "capability", .type = "80203" };
static const virNodeDevElemInfo nodeDevNet80211 = { .name = "capability", .type = "80211" };
static const virNodeDevElemInfo nodeDevCapNet = {
    .name = "capability", .type = "net",
    .children = KIDS(&nodeDevText_interface, &nodeDevText_address, &nodeDevNetLink, &nodeDevFeature,
                     &nodeDevNet80203, &nodeDevNet80211),
};

/* scsi_host, scsi_target, scsi */
TEXT(host, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevText_unique_id = {
    .name = "unique_id", .text = VIR_NODE_DEV_VAL_UINT,
};
TEXT(wwnn, VIR_NODE_DEV_VAL_TEXT);
TEXT(wwpn, VIR_NODE_DEV_VAL_TEXT);
TEXT(fabric_wwn, VIR_NODE_DEV_VAL_TEXT);
TEXT(max_vports, VIR_NODE_DEV_VAL_UINT);
TEXT(vports, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevFCHost = {
    .name = "capability", .type = "fc_host",
    .children = KIDS(&nodeDevText_wwnn, &nodeDevText_wwpn, &nodeDevText_fabric_wwn),
};
static const virNodeDevElemInfo nodeDevVportOps = {
    .name = "capability", .type = "vport_ops",
    .children = KIDS(&nodeDevText_max_vports, &nodeDevText_vports),
};
static const virNodeDevElemInfo nodeDevCapSCSIHost = {
    .name = "capability", .type = "scsi_host",
    .children = KIDS(&nodeDevText_host, &nodeDevText_unique_id, &nodeDevFCHost, &nodeDevVportOps),
};
TEXT(target, VIR_NODE_DEV_VAL_TEXT);
TEXT(rport, VIR_NODE_DEV_VAL_TEXT);
static const virNodeDevElemInfo nodeDevFCRemotePort = {
    .name = "capability", .type = "fc_remote_port",
    .children = KIDS(&nodeDevText_rport, &nodeDevText_wwpn),
};
static const virNodeDevElemInfo nodeDevCapSCSITarget = {
    .name = "capability", .type = "scsi_target",
    .children = KIDS(&nodeDevText_target, &nodeDevFCRemotePort),
};
static const virNodeDevElemInfo nodeDevSCSITarget = {
    .name = "target", .text = VIR_NODE_DEV_VAL_UINT,
};
TEXT(lun, VIR_NODE_DEV_VAL_UINT);
TEXT(type, VIR_NODE_DEV_VAL_TEXT);
static const virNodeDevElemInfo nodeDevCapSCSI = {
    .name = "capability", .type = "scsi",
    .children = KIDS(&nodeDevText_host, &nodeDevText_bus, &nodeDevSCSITarget, &nodeDevText_lun, &nodeDevText_type),
};
static const virNodeDevElemInfo nodeDevCharDev = { .name = "char", .text = VIR_NODE_DEV_VAL_TEXT };
static const virNodeDevElemInfo nodeDevCapSCSIGeneric = {
    .name = "capability", .type = "scsi_generic",
    .children = KIDS(&nodeDevCharDev),
};

/* storage */
TEXT(block, VIR_NODE_DEV_VAL_TEXT);
TEXT(drive_type, VIR_NODE_DEV_VAL_TEXT);
TEXT(model, VIR_NODE_DEV_VAL_TEXT);
TEXT(media_available, VIR_NODE_DEV_VAL_UINT);
TEXT(media_size, VIR_NODE_DEV_VAL_UINT);
TEXT(media_label, VIR_NODE_DEV_VAL_TEXT);
TEXT(size, VIR_NODE_DEV_VAL_UINT);
TEXT(logical_block_size, VIR_NODE_DEV_VAL_UINT);
TEXT(num_blocks, VIR_NODE_DEV_VAL_UINT);
static const virNodeDevElemInfo nodeDevStorageBus = {
    .name = "bus", .text = VIR_NODE_DEV_VAL_TEXT,
};
static const virNodeDevElemInfo nodeDevRemovable = {
    .name = "capability", .type = "removable",
    .children = KIDS(&nodeDevText_media_available, &nodeDevText_media_size, &nodeDevText_media_label),
};
static const virNodeDevElemInfo nodeDevHotpluggable = {
    .name = "capability", .type = "hotpluggable",
};
static const virNodeDevElemInfo nodeDevCapStorage = {
    .name = "capability", .type = "storage",
    .children = KIDS(&nodeDevText_block, &nodeDevStorageBus, &nodeDevText_drive_type, &nodeDevText_model, &nodeDevText_vendor,
                     &nodeDevText_serial, &nodeDevRemovable, &nodeDevText_size, &nodeDevText_logical_block_size,
                     &nodeDevText_num_blocks, &nodeDevHotpluggable),
};

/* drm, mdev, ccw, css */
static const virNodeDevElemInfo nodeDevCapDRM = {
    .name = "capability", .type = "drm", .children = KIDS(&nodeDevText_type),
};
static const virNodeDevElemInfo nodeDevMdevTypeId = {
    .name = "type", .attrs = ATTRS({ "id", VIR_NODE_DEV_VAL_TEXT, true }),
};
static const virNodeDevElemInfo nodeDevMdevAttr = {
    .name = "attr", .repeat = true,
    .attrs = ATTRS({ "name", VIR_NODE_DEV_VAL_TEXT, true },
                   { "value", VIR_NODE_DEV_VAL_TEXT, true }),
};
static const virNodeDevElemInfo nodeDevCapMdev = {
    .name = "capability", .type = "mdev",
    .children = KIDS(&nodeDevMdevTypeId, &nodeDevText_uuid, &nodeDevIommuGroup, &nodeDevMdevAttr),
};
static const virNodeDevElemInfo nodeDevText_cssid = { .name = "cssid", .text = VIR_NODE_DEV_VAL_HEX1 };
static const virNodeDevElemInfo nodeDevText_ssid = { .name = "ssid", .text = VIR_NODE_DEV_VAL_HEX1 };
static const virNodeDevElemInfo nodeDevText_devno = { .name = "devno", .text = VIR_NODE_DEV_VAL_HEX4 };
static const virNodeDevElemInfo nodeDevCapCCW = {
    .name = "capability", .type = "ccw", .children = KIDS(&nodeDevText_cssid, &nodeDevText_ssid, &nodeDevText_devno),
};
static const virNodeDevElemInfo nodeDevCapCSS = {
    .name = "capability", .type = "css",
    .children = KIDS(&nodeDevText_cssid, &nodeDevText_ssid, &nodeDevText_devno, &nodeDevMdevTypes),
};

/* <device> */
static const virNodeDevElemInfo nodeDevPath = { .name = "path", .text = VIR_NODE_DEV_VAL_TEXT };
static const virNodeDevElemInfo nodeDevDevnode = {
    .name = "devnode", .text = VIR_NODE_DEV_VAL_TEXT, .repeat = true,
    .attrs = ATTRS({ "type", VIR_NODE_DEV_VAL_TEXT, true }),
};
static const virNodeDevElemInfo nodeDevParent = { .name = "parent", .text = VIR_NODE_DEV_VAL_TEXT };
static const virNodeDevElemInfo nodeDevDriver = {
    .name = "driver", .children = KIDS(&nodeDevText_name),
};
static const virNodeDevElemInfo nodeDevDevice = {
    .name = "device", .capsInOrder = true,
    .children = KIDS(&nodeDevText_name, &nodeDevPath, &nodeDevDevnode, &nodeDevParent,
                     &nodeDevDriver, &nodeDevCapSystem, &nodeDevCapPCI,
                     &nodeDevCapUSBDevice, &nodeDevCapUSB, &nodeDevCapNet,
                     &nodeDevCapSCSIHost, &nodeDevCapSCSITarget, &nodeDevCapSCSI,
                     &nodeDevCapStorage, &nodeDevCapSCSIGeneric, &nodeDevCapDRM,
                     &nodeDevCapMdev, &nodeDevCapCCW, &nodeDevCapCSS),
};


static void
virNodeDevElemFree(virNodeDevElem *elem)
{
    size_t i;

    if (!elem)
        return;
    for (i = 0; elem->info->attrs && elem->info->attrs[i].name; i++)
        g_free(elem->attrs[i]);
    g_free(elem->attrs);
    g_free(elem->text);
    for (i = 0; i < elem->nchildren; i++)
        virNodeDevElemFree(elem->children[i]);
    g_free(elem->children);
    g_free(elem);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNodeDevElem, virNodeDevElemFree);


/**
 * virNodeDeviceDefFree:
 * @def: a node device definition, may be NULL
 */
void
virNodeDeviceDefFree(virNodeDeviceDef *def)
{
    if (!def)
        return;
    virNodeDevElemFree(def->root);
    g_free(def);
}


/* Check @str against @kind and return it as libvirt prints it; NULL with
 * an error naming @what (an attribute or element) when malformed. */
static char *
virNodeDevValueParse(const char *str, virNodeDevValue kind, const char *what)
{
    static const int widths[] = {
        [VIR_NODE_DEV_VAL_HEX1] = 1, [VIR_NODE_DEV_VAL_HEX2] = 2,
        [VIR_NODE_DEV_VAL_HEX4] = 4, [VIR_NODE_DEV_VAL_HEX6] = 6,
    };
    unsigned long long n;
    unsigned char raw[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    switch (kind) {
    case VIR_NODE_DEV_VAL_NONE:
    case VIR_NODE_DEV_VAL_TEXT:
        return g_strdup(str);
    case VIR_NODE_DEV_VAL_UINT:
        if (virStrToLong_ull(str, NULL, 10, &n) < 0)
            break;
        return g_strdup_printf("%llu", n);
    case VIR_NODE_DEV_VAL_HEX1:
    case VIR_NODE_DEV_VAL_HEX2:
    case VIR_NODE_DEV_VAL_HEX4:
    case VIR_NODE_DEV_VAL_HEX6:
        if (virStrToLong_ull(str, NULL, 0, &n) < 0)
            break;
        return g_strdup_printf("0x%0*llx", widths[kind], n);
    case VIR_NODE_DEV_VAL_UUID:
        if (virUUIDParse(str, raw) < 0)
            break;
        return g_strdup(virUUIDFormat(raw, uuidstr));
    }
    virReportError(VIR_ERR_XML_ERROR,
                   _("invalid value '%1$s' for '%2$s'"), str, what);
    return NULL;
}


/* The description among @parent's children that @node matches: same
 * name and, for a <capability>, the same type.  NULL with an error when
 * there is none. */
static const virNodeDevElemInfo *
virNodeDevChildInfo(const virNodeDevElemInfo *parent, xmlNodePtr node,
                    size_t *rank)
{
    g_autofree char *type = virXMLPropString(node, "type");
    size_t i;

    for (i = 0; parent->children && parent->children[i]; i++) {
        const virNodeDevElemInfo *info = parent->children[i];

        if (STRNEQ(info->name, (const char *)node->name))
            continue;
        if (info->type && STRNEQ_NULLABLE(info->type, type))
            continue;
        *rank = i;
        return info;
    }
    if (type && STREQ((const char *)node->name, "capability")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown capability type '%1$s' in element '%2$s'"),
                       type, parent->name);
    } else {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unsupported element '%1$s' in element '%2$s'"),
                       (const char *)node->name, parent->name);
    }
    return NULL;
}


static int
virNodeDevAttrsParse(xmlNodePtr node, virNodeDevElem *elem)
{
    const virNodeDevElemInfo *info = elem->info;
    size_t nattrs = 0;
    xmlAttrPtr attr;
    size_t i;

    while (info->attrs && info->attrs[nattrs].name)
        nattrs++;
    elem->attrs = g_new0(char *, nattrs + 1);
    for (attr = node->properties; attr; attr = attr->next) {
        const char *aname = (const char *)attr->name;
        g_autofree char *val = NULL;

        if (info->type && STREQ(aname, "type"))
            continue;
        for (i = 0; i < nattrs && STRNEQ(info->attrs[i].name, aname); i++)
            ;
        if (i == nattrs) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported attribute '%1$s' in element '%2$s'"),
                           aname, info->name);
            return -1;
        }
        val = virXMLPropString(node, aname);
        if (!(elem->attrs[i] = virNodeDevValueParse(val, info->attrs[i].value, aname)))
            return -1;
    }
    for (i = 0; i < nattrs; i++) {
        if (info->attrs[i].required && !elem->attrs[i]) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing required attribute '%1$s' in element '%2$s'"),
                           info->attrs[i].name, info->name);
            return -1;
        }
    }
    return 0;
}


static virNodeDevElem *
virNodeDevElemParse(xmlNodePtr node, const virNodeDevElemInfo *info)
{
    g_autoptr(virNodeDevElem) elem = g_new0(virNodeDevElem, 1);
    g_autoptr(GPtrArray) kids = g_ptr_array_new();
    g_autoptr(GArray) ranks = g_array_new(FALSE, FALSE, sizeof(size_t));
    g_autofree char *text = NULL;
    xmlNodePtr cur;
    size_t i;

    elem->info = info;
    if (virNodeDevAttrsParse(node, elem) < 0)
        return NULL;
    for (cur = node->children; cur; cur = cur->next) {
        const virNodeDevElemInfo *kinfo;
        virNodeDevElem *kid;
        size_t rank = 0;
        size_t pos;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!(kinfo = virNodeDevChildInfo(info, cur, &rank)))
            goto error;
        for (i = 0; i < kids->len && !kinfo->repeat; i++) {
            if (((virNodeDevElem *)g_ptr_array_index(kids, i))->info == kinfo) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("element '%1$s' may appear only once in '%2$s'"),
                               kinfo->name, info->name);
                goto error;
            }
        }
        if (info->capsInOrder && kinfo->type)
            rank = G_MAXSIZE;
        if (!(kid = virNodeDevElemParse(cur, kinfo)))
            goto error;
        /* stable insertion: equal ranks keep document order */
        for (pos = kids->len; pos > 0 && g_array_index(ranks, size_t, pos - 1) > rank; pos--)
            ;
        g_ptr_array_insert(kids, pos, kid);
        g_array_insert_val(ranks, pos, rank);
    }
    elem->nchildren = kids->len;
    elem->children = (virNodeDevElem **)g_ptr_array_steal(kids, NULL);

    if (info->text != VIR_NODE_DEV_VAL_NONE) {
        if (!(text = virXMLNodeContentString(node)))
            return NULL;
        if (*text && !(elem->text = virNodeDevValueParse(text, info->text, info->name)))
            return NULL;
    }
    return g_steal_pointer(&elem);

 error:
    for (i = 0; i < kids->len; i++)
        virNodeDevElemFree(g_ptr_array_index(kids, i));
    return NULL;
}


static void
virNodeDevElemFormat(virBuffer *buf, const virNodeDevElem *elem)
{
    const virNodeDevElemInfo *info = elem->info;
    size_t i;

    virBufferAsprintf(buf, "<%s", info->name);
    if (info->type)
        virBufferAsprintf(buf, " type='%s'", info->type);
    for (i = 0; info->attrs && info->attrs[i].name; i++) {
        if (elem->attrs[i]) {
            virBufferAsprintf(buf, " %s=", info->attrs[i].name);
            virBufferEscapeString(buf, "'%s'", elem->attrs[i]);
        }
    }
    if (elem->nchildren) {
        virBufferAddLit(buf, ">\n");
        virBufferAdjustIndent(buf, 2);
        for (i = 0; i < elem->nchildren; i++)
            virNodeDevElemFormat(buf, elem->children[i]);
        virBufferAdjustIndent(buf, -2);
        virBufferAsprintf(buf, "</%s>\n", info->name);
    } else if (elem->text || (info->text != VIR_NODE_DEV_VAL_NONE && !info->attrs)) {
        virBufferEscapeString(buf, ">%s", NULLSTR_EMPTY(elem->text));
        virBufferAsprintf(buf, "</%s>\n", info->name);
    } else {
        virBufferAddStr(buf, info->spacedEmpty ? " />\n" : "/>\n");
    }
}


static const virNodeDevElem *
virNodeDevElemChild(const virNodeDevElem *elem, const char *name, const char *type)
{
    size_t i;

    for (i = 0; elem && i < elem->nchildren; i++) {
        const virNodeDevElemInfo *info = elem->children[i]->info;

        if (STREQ(info->name, name) && STREQ_NULLABLE(info->type, type))
            return elem->children[i];
    }
    return NULL;
}


static const char *
virNodeDevElemChildText(const virNodeDevElem *elem, const char *name)
{
    const virNodeDevElem *child = virNodeDevElemChild(elem, name, NULL);

    return child ? child->text : NULL;
}


static void
virNodeDevValidateCap(const virNodeDevElem *cap, const char *path,
                      virConfViolations *v)
{
    const char *type = cap->info->type;
    const virNodeDevElem *fc;
    static const char *const required[][6] = {
        { "pci", "domain", "bus", "slot", "function", NULL },
        { "usb_device", "bus", "device", NULL },
        { "usb", "number", "class", "subclass", "protocol", NULL },
        { "net", "interface", NULL },
        { "scsi_host", "host", NULL },
        { "scsi_target", "target", NULL },
        { "scsi", "host", "bus", "target", "lun", NULL },
        { "storage", "block", NULL },
        { "drm", "type", NULL },
        { "ccw", "cssid", "ssid", "devno", NULL },
    };
    size_t i;
    size_t j;

    for (i = 0; i < G_N_ELEMENTS(required); i++) {
        if (STRNEQ(required[i][0], type))
            continue;
        for (j = 1; required[i][j]; j++) {
            if (!virNodeDevElemChildText(cap, required[i][j]) &&
                !virNodeDevElemChild(cap, required[i][j], NULL))
                virConfViolationAdd(v, path, _("%1$s capability needs <%2$s>"),
                                    type, required[i][j]);
        }
    }
    if (STREQ(type, "pci")) {
        const char *s = virNodeDevElemChildText(cap, "slot");
        const char *f = virNodeDevElemChildText(cap, "function");

        if (s && atoll(s) > 31)
            virConfViolationAdd(v, path, _("PCI slot '%1$s' is above 31"), s);
        if (f && atoll(f) > 7)
            virConfViolationAdd(v, path, _("PCI function '%1$s' is above 7"), f);
        if (!virNodeDevElemChild(cap, "product", NULL) ||
            !virNodeDevElemChild(cap, "vendor", NULL))
            virConfViolationAdd(v, path, "%s",
                                _("pci capability needs <product> and <vendor>"));
    }
    if (STREQ(type, "drm")) {
        const char *t = virNodeDevElemChildText(cap, "type");

        if (t && STRNEQ(t, "primary") && STRNEQ(t, "control") && STRNEQ(t, "render"))
            virConfViolationAdd(v, path, _("unknown drm type '%1$s'"), t);
    }
    if (STREQ(type, "net")) {
        const char *mac = virNodeDevElemChildText(cap, "address");
        const virNodeDevElem *link = virNodeDevElemChild(cap, "link", NULL);

        if (mac && !g_regex_match_simple("^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$", mac, 0, 0))
            virConfViolationAdd(v, path, _("malformed MAC address '%1$s'"), mac);
        if (link && !g_strv_contains((const char *const[]){
                "unknown", "notpresent", "down", "lowerlayerdown", "testing",
                "dormant", "up", NULL }, link->attrs[1]))
            virConfViolationAdd(v, path, _("unknown link state '%1$s'"), link->attrs[1]);
    }
    if (STREQ(type, "scsi_host") &&
        (fc = virNodeDevElemChild(cap, "capability", "fc_host"))) {
        const char *names[] = { "wwnn", "wwpn", "fabric_wwn" };

        for (i = 0; i < G_N_ELEMENTS(names); i++) {
            const char *w = virNodeDevElemChildText(fc, names[i]);

            if (w && !g_regex_match_simple("^(0x)?[0-9a-fA-F]{16}$", w, 0, 0))
                virConfViolationAdd(v, path, _("malformed %1$s '%2$s'"), names[i], w);
        }
        if (!virNodeDevElemChildText(fc, "wwnn") || !virNodeDevElemChildText(fc, "wwpn"))
            virConfViolationAdd(v, path, "%s", _("fc_host needs <wwnn> and <wwpn>"));
    }
}


/**
 * virNodeDeviceDefValidate:
 * @def: a parsed node device
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violated
 * rule with the path of its element.
 */
int
virNodeDeviceDefValidate(const virNodeDeviceDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    size_t ncaps = 0;
    size_t i;

    if (!virNodeDeviceDefGetName(def))
        virConfViolationAdd(v, "/device", "%s", _("a node device needs a <name>"));
    for (i = 0; i < def->root->nchildren; i++) {
        const virNodeDevElem *cap = def->root->children[i];
        g_autofree char *path = NULL;

        if (!cap->info->type)
            continue;
        path = g_strdup_printf("/device/capability[%zu]", ++ncaps);
        virNodeDevValidateCap(cap, path, v);
    }
    if (ncaps == 0)
        virConfViolationAdd(v, "/device", "%s",
                            _("a node device needs at least one <capability>"));
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


static virNodeDeviceDef *
virNodeDeviceDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;
    g_autoptr(virNodeDeviceDef) def = g_new0(virNodeDeviceDef, 1);

    if (!(xml = virXMLParse(filename, xmlStr, _("(node_device_definition)"),
                            "device", &ctxt, VIR_FROM_THIS)))
        return NULL;
    if (!(def->root = virNodeDevElemParse(xmlDocGetRootElement(xml), &nodeDevDevice)))
        return NULL;
    if (!(flags & VIR_NODE_DEVICE_DEF_PARSE_SKIP_VALIDATE) &&
        virNodeDeviceDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/**
 * virNodeDeviceDefParseString:
 * @xml: a <device> document
 * @flags: virNodeDeviceDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNodeDeviceDef *
virNodeDeviceDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NODE_DEVICE_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNodeDeviceDefParse(xml, NULL, flags);
}


/**
 * virNodeDeviceDefParseFile:
 * @filename: a file holding a <device> document
 * @flags: virNodeDeviceDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNodeDeviceDef *
virNodeDeviceDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_NODE_DEVICE_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNodeDeviceDefParse(NULL, filename, flags);
}


/**
 * virNodeDeviceDefFormat:
 * @def: the node device
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's nodedev-dumpxml prints it
 * (caller frees); never NULL.
 */
char *
virNodeDeviceDefFormat(const virNodeDeviceDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    (void)flags;
    virNodeDevElemFormat(&buf, def->root);
    return virBufferContentAndReset(&buf);
}


/**
 * virNodeDeviceDefGetName:
 * @def: the node device
 *
 * Returns its <name>, owned by @def, or NULL.
 */
const char *
virNodeDeviceDefGetName(const virNodeDeviceDef *def)
{
    return virNodeDevElemChildText(def->root, "name");
}


/**
 * virNodeDeviceDefGetParent:
 * @def: the node device
 *
 * Returns its <parent>, owned by @def, or NULL.
 */
const char *
virNodeDeviceDefGetParent(const virNodeDeviceDef *def)
{
    return virNodeDevElemChildText(def->root, "parent");
}


/**
 * virNodeDeviceDefHasCap:
 * @def: the node device
 * @type: a capability type ("pci", "net", ...)
 *
 * Returns whether @def has a top-level capability of type @type.
 */
bool
virNodeDeviceDefHasCap(const virNodeDeviceDef *def, const char *type)
{
    return virNodeDevElemChild(def->root, "capability", type) != NULL;
}
