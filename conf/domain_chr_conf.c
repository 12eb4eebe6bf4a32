/*
 * domain_chr_conf.c: character devices, <serial>, <console> and <channel>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <arpa/inet.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainChr, VIR_DOMAIN_CHR_TYPE_LAST,
    [VIR_DOMAIN_CHR_TYPE_NULL] = "null",
    [VIR_DOMAIN_CHR_TYPE_VC] = "vc",
    [VIR_DOMAIN_CHR_TYPE_PTY] = "pty",
    [VIR_DOMAIN_CHR_TYPE_DEV] = "dev",
    [VIR_DOMAIN_CHR_TYPE_FILE] = "file",
    [VIR_DOMAIN_CHR_TYPE_PIPE] = "pipe",
    [VIR_DOMAIN_CHR_TYPE_STDIO] = "stdio",
    [VIR_DOMAIN_CHR_TYPE_UDP] = "udp",
    [VIR_DOMAIN_CHR_TYPE_TCP] = "tcp",
    [VIR_DOMAIN_CHR_TYPE_UNIX] = "unix",
    [VIR_DOMAIN_CHR_TYPE_SPICEVMC] = "spicevmc",
    [VIR_DOMAIN_CHR_TYPE_SPICEPORT] = "spiceport",
    [VIR_DOMAIN_CHR_TYPE_NMDM] = "nmdm",
    [VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT] = "qemu-vdagent",
    [VIR_DOMAIN_CHR_TYPE_DBUS] = "dbus",
);

VIR_ENUM_DECL(virDomainChrTcpProtocol);
VIR_ENUM_IMPL(virDomainChrDeviceState, VIR_DOMAIN_CHR_DEVICE_STATE_LAST,
    [VIR_DOMAIN_CHR_DEVICE_STATE_DEFAULT] = "default",
    [VIR_DOMAIN_CHR_DEVICE_STATE_CONNECTED] = "connected",
    [VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED] = "disconnected",
);

VIR_ENUM_IMPL(virDomainChrTcpProtocol, VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST,
    [VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW] = "raw",
    [VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET] = "telnet",
    [VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS] = "telnets",
    [VIR_DOMAIN_CHR_TCP_PROTOCOL_TLS] = "tls",
);

VIR_ENUM_IMPL(virDomainChrSerialTarget, VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST,
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE] = "none",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA] = "isa-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB] = "usb-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI] = "pci-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO] = "spapr-vio-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM] = "system-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP] = "sclp-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG] = "isa-debug",
);

VIR_ENUM_DECL(virDomainChrSerialTargetModel);
VIR_ENUM_IMPL(virDomainChrSerialTargetModel, VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST,
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE] = "none",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL] = "isa-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_USB_SERIAL] = "usb-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PCI_SERIAL] = "pci-serial",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SPAPR_VTY] = "spapr-vty",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PL011] = "pl011",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPCONSOLE] = "sclpconsole",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPLMCONSOLE] = "sclplmconsole",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_16550A] = "16550a",
    [VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_DEBUGCON] = "isa-debugcon",
);

VIR_ENUM_IMPL(virDomainChrConsoleTarget, VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST,
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE] = "none",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL] = "serial",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_XEN] = "xen",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_UML] = "uml",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO] = "virtio",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LXC] = "lxc",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_OPENVZ] = "openvz",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLP] = "sclp",
    [VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLPLM] = "sclplm",
);

VIR_ENUM_IMPL(virDomainChrChannelTarget, VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST,
    [VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE] = "none",
    [VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD] = "guestfwd",
    [VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO] = "virtio",
    [VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_XEN] = "xen",
);


/* ------------------------------------------------------------------ */
/* <serial>, <console>                                                */

/**
 * virDomainChrSourceClear:
 * @src: a source; its strings are freed and it is zeroed
 */
void
virDomainChrSourceClear(virDomainChrSourceDef *src)
{
    g_free(src->path);
    g_free(src->host);
    g_free(src->service);
    g_free(src->bindHost);
    g_free(src->bindService);
    g_free(src->channel);
    memset(src, 0, sizeof(*src));
}


/**
 * virDomainChrSourceCheck:
 * @src: a parsed source
 * @pathChosenByDriver: a unix socket's path may be left out (a virtio
 *   or xen channel: the hypervisor driver places the socket)
 *
 * The attributes each type cannot do without, checked in libvirt 9.0's
 * order and words.  A pty's path is optional: the hypervisor picks it.
 *
 * Returns 0, or -1 with VIR_ERR_INTERNAL_ERROR naming the attribute
 * (VIR_ERR_CONFIG_UNSUPPORTED for a spiceport's channel, as libvirt).
 */
int
virDomainChrSourceCheck(const virDomainChrSourceDef *src,
                        bool pathChosenByDriver)
{
    const char *missing = NULL;

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (!src->path && !pathChosenByDriver)
            missing = "path";
        break;
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_FILE:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        if (!src->path)
            missing = "path";
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        if (!src->host)
            missing = "host";
        else if (!src->service)
            missing = "service";
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (!src->service)
            missing = "service";
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
        if (!src->channel) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Missing source channel attribute for char device"));
            return -1;
        }
        break;
    default:
        break;
    }
    if (missing) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Missing source %1$s attribute for char device"),
                       missing);
        return -1;
    }
    return 0;
}


/**
 * virDomainChrProtocolParseXML:
 * @node: a <protocol> element
 * @src: the source whose protocol it sets
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainChrProtocolParseXML(xmlNodePtr node, virDomainChrSourceDef *src)
{
    const char *attrs[] = { "type", NULL };
    unsigned int proto = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "type", virDomainChrTcpProtocolTypeFromString,
                       VIR_XML_PROP_NONE, &proto) < 0)
        return -1;
    src->protocol = proto;
    return 0;
}


/**
 * virDomainChrDefFree:
 * @def: a character device, may be NULL
 */
void
virDomainChrDefFree(virDomainChrDef *def)
{
    if (!def)
        return;
    virDomainChrSourceClear(&def->source);
    g_free(def->targetName);
    g_free(def->targetAddr);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainChrDef, virDomainChrDefFree);


/**
 * virDomainChrDefCopy:
 * @src: a character device
 *
 * Returns a deep copy of @src.
 */
virDomainChrDef *
virDomainChrDefCopy(const virDomainChrDef *src)
{
    virDomainChrDef *dst = g_new0(virDomainChrDef, 1);

    *dst = *src;
    dst->source.path = g_strdup(src->source.path);
    dst->source.host = g_strdup(src->source.host);
    dst->source.service = g_strdup(src->source.service);
    dst->source.bindHost = g_strdup(src->source.bindHost);
    dst->source.bindService = g_strdup(src->source.bindService);
    dst->source.channel = g_strdup(src->source.channel);
    dst->targetName = g_strdup(src->targetName);
    dst->targetAddr = g_strdup(src->targetAddr);
    virDomainDeviceInfoCopy(&dst->info, &src->info);
    return dst;
}


/**
 * virDomainChrSourceParseXML:
 * @node: a <source> child of a character device or of a passthrough
 *        smartcard
 * @src: the source, whose type is already set; filled from @node
 * @flags: virDomainDefParseFlags
 *
 * Returns 0, or -1 with an error naming an attribute the type does not
 * take or a bad mode.
 */
int
virDomainChrSourceParseXML(xmlNodePtr node,
                           virDomainChrSourceDef *src,
                           unsigned int flags)
{
    const char *pathAttrs[] = { "path", NULL };
    const char *fileAttrs[] = { "path", "append", NULL };
    const char *unixAttrs[] = { "mode", "path", NULL };
    const char *netAttrs[] = { "mode", "host", "service", NULL };
    g_autofree char *mode = NULL;
    bool bind = false;

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        if (virDomainXMLCheck(node, pathAttrs, NULL) < 0)
            return -1;
        /* a pty's path is where the hypervisor put it: live data */
        if (src->type == VIR_DOMAIN_CHR_TYPE_PTY &&
            (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
            return 0;
        g_free(src->path);
        src->path = virXMLPropString(node, "path");
        return 0;

    case VIR_DOMAIN_CHR_TYPE_FILE:
        if (virDomainXMLCheck(node, fileAttrs, NULL) < 0 ||
            virXMLPropTristateSwitch(node, "append", VIR_XML_PROP_NONE,
                                     &src->append) < 0)
            return -1;
        g_free(src->path);
        src->path = virXMLPropString(node, "path");
        return 0;

    case VIR_DOMAIN_CHR_TYPE_UNIX:
    case VIR_DOMAIN_CHR_TYPE_TCP:
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (virDomainXMLCheck(node, src->type == VIR_DOMAIN_CHR_TYPE_UNIX ?
                              unixAttrs : netAttrs, NULL) < 0)
            return -1;
        if ((mode = virXMLPropString(node, "mode"))) {
            if (STREQ(mode, "bind")) {
                bind = true;
            } else if (STRNEQ(mode, "connect")) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Unknown source mode '%1$s'"), mode);
                return -1;
            }
        }
        if (src->type == VIR_DOMAIN_CHR_TYPE_UNIX) {
            src->listen = bind;
            g_free(src->path);
            src->path = virXMLPropString(node, "path");
        } else if (src->type == VIR_DOMAIN_CHR_TYPE_TCP) {
            src->listen = bind;
            g_free(src->host);
            g_free(src->service);
            g_free(src->host);
            src->host = virXMLPropString(node, "host");
            g_free(src->service);
            src->service = virXMLPropString(node, "service");
        } else if (bind) {
            g_free(src->bindHost);
            g_free(src->bindService);
            g_free(src->bindHost);
            src->bindHost = virXMLPropString(node, "host");
            g_free(src->bindService);
            src->bindService = virXMLPropString(node, "service");
        } else {
            g_free(src->host);
            g_free(src->service);
            g_free(src->host);
            src->host = virXMLPropString(node, "host");
            g_free(src->service);
            src->service = virXMLPropString(node, "service");
        }
        return 0;

    case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
        if (virDomainXMLCheck(node, (const char *[]){ "channel", NULL }, NULL) < 0)
            return -1;
        g_free(src->channel);
        src->channel = virXMLPropString(node, "channel");
        return 0;

    default:
        return virDomainXMLCheck(node, (const char *[]){ NULL }, NULL);
    }
}


/* The guestfwd address in the form libvirt prints it back. */
static char *
virDomainChrGuestfwdAddrParse(const char *addr)
{
    unsigned char raw[sizeof(struct in6_addr)];
    char out[INET6_ADDRSTRLEN];
    int family = strchr(addr, ':') ? AF_INET6 : AF_INET;

    if (inet_pton(family, addr, raw) != 1 ||
        !inet_ntop(family, raw, out, sizeof(out))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Cannot parse socket address '%1$s': %2$s"),
                       addr, "Name or service not known");
        return NULL;
    }
    if (family != AF_INET) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("guestfwd channel only supports IPv4 addresses"));
        return NULL;
    }
    return g_strdup(out);
}


static int
virDomainChrChannelTargetParseXML(xmlNodePtr node, virDomainChrDef *def,
                                  unsigned int flags)
{
    const char *attrs[] = { "type", "name", "state", "address", "port", NULL };
    g_autofree char *type = virXMLPropString(node, "type");
    g_autofree char *addr = NULL;
    int val;

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;
    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("target type must be specified for channel device"));
        return -1;
    }
    if ((val = virDomainChrChannelTargetTypeFromString(type)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown target type '%1$s' specified for character device"),
                       type);
        return -1;
    }
    def->targetType = val;

    if (val == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
        if (!(addr = virXMLPropString(node, "address"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("guestfwd channel does not define a target address"));
            return -1;
        }
        if (virXMLPropInt(node, "port", 10, VIR_XML_PROP_REQUIRED |
                          VIR_XML_PROP_NONNEGATIVE, &def->port, -1) < 0)
            return -1;
        if (!(def->targetAddr = virDomainChrGuestfwdAddrParse(addr)))
            return -1;
        return 0;
    }

    /* state= is what QEMU reported of the guest side: live data, kept
     * only in a running domain's status.  A repeated <target> replaces
     * the earlier one's name. */
    if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
        val == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
        unsigned int state = 0;

        if (virXMLPropEnum(node, "state", virDomainChrDeviceStateTypeFromString,
                           VIR_XML_PROP_NONZERO, &state) < 0)
            return -1;
        def->state = state;
    }
    g_free(def->targetName);
    def->targetName = virXMLPropString(node, "name");
    return 0;
}


static int
virDomainChrTargetParseXML(xmlNodePtr node, virDomainChrDef *def,
                           unsigned int flags)
{
    const char *attrs[] = { "type", "port", NULL };
    const char *serialChildren[] = { "model", NULL };
    g_autofree char *type = virXMLPropString(node, "type");
    bool serial = def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL;
    xmlNodePtr cur;

    if (def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL)
        return virDomainChrChannelTargetParseXML(node, def, flags);

    if (virDomainXMLCheck(node, attrs, serial ? serialChildren : NULL) < 0)
        return -1;

    if (type) {
        int val = serial ? virDomainChrSerialTargetTypeFromString(type) :
                           virDomainChrConsoleTargetTypeFromString(type);

        if (val < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unknown target type '%1$s' specified for character device"),
                           type);
            return -1;
        }
        def->targetType = val;
    }

    if (virXMLPropInt(node, "port", 10, VIR_XML_PROP_NONNEGATIVE,
                      &def->port, -1) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        const char *mattrs[] = { "name", NULL };
        unsigned int model = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, mattrs, NULL) < 0 ||
            virXMLPropEnum(cur, "name", virDomainChrSerialTargetModelTypeFromString,
                           VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                           &model) < 0)
            return -1;
        def->targetModel = model;
    }
    return 0;
}


/**
 * virDomainChrDefParseXML:
 * @node: a <serial>, <console> or <channel> element
 * @devType: which of the three @node is
 * @flags: virDomainDefParseFlags
 *
 * Returns the device (port -1 when not given), or NULL with an error.
 */
virDomainChrDef *
virDomainChrDefParseXML(xmlNodePtr node,
                        virDomainChrDeviceType devType,
                        unsigned int flags)
{
    const char *attrs[] = { "type", "tty", NULL };
    const char *children[] = { "source", "protocol", "target", "alias",
                               "address", NULL };
    g_autoptr(virDomainChrDef) def = g_new0(virDomainChrDef, 1);
    g_autofree char *type = virXMLPropString(node, "type");
    xmlNodePtr cur;
    bool channel = devType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL;
    bool haveTarget = false;
    int val = VIR_DOMAIN_CHR_TYPE_PTY;

    def->deviceType = devType;
    def->port = -1;

    if (virDomainXMLCheck(node, attrs, children) < 0)
        return NULL;

    if (type && (val = virDomainChrTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown type presented to host for character device: %1$s"),
                       type);
        return NULL;
    }
    def->source.type = val;

    switch (def->source.type) {
    case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
    case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
        if (channel)
            break;
        if (def->source.type == VIR_DOMAIN_CHR_TYPE_SPICEPORT)
            goto unsupported;
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("spicevmc device type only supports virtio"));
        return NULL;
    case VIR_DOMAIN_CHR_TYPE_NMDM:
    case VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT:
    case VIR_DOMAIN_CHR_TYPE_DBUS:
 unsupported:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("character device type '%1$s' is not supported yet"),
                       type);
        return NULL;
    default:
        break;
    }

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (STREQ(name, "source")) {
            rc = virDomainChrSourceParseXML(cur, &def->source, flags);
        } else if (STREQ(name, "protocol")) {
            rc = virDomainChrProtocolParseXML(cur, &def->source);
        } else if (STREQ(name, "target")) {
            haveTarget = true;
            rc = virDomainChrTargetParseXML(cur, def, flags);
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return NULL;
    }

    if (virDomainChrSourceCheck(&def->source,
                                def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
                                (def->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO ||
                                 def->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_XEN)) < 0)
        return NULL;
    if (channel && !haveTarget) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("target type must be specified for channel device"));
        return NULL;
    }
    if (channel && def->source.type == VIR_DOMAIN_CHR_TYPE_SPICEVMC &&
        def->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("spicevmc device type only supports virtio"));
        return NULL;
    }

    return g_steal_pointer(&def);
}


/**
 * virDomainChrSourceFormat:
 * @buf: output buffer at the indentation of the device's children
 * @src: the source
 * @flags: virDomainDefFormatFlags
 *
 * Write <source> (two for udp) and, for tcp, <protocol>.
 */
void
virDomainChrSourceFormat(virBuffer *buf,
                         const virDomainChrSourceDef *src,
                         unsigned int flags)
{
    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
        if (flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE)
            break;
        G_GNUC_FALLTHROUGH;
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        virBufferEscapeString(buf, "<source path='%s'/>\n", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        if (!src->path && !src->append)
            break;
        virBufferAddLit(buf, "<source");
        virBufferEscapeString(buf, " path='%s'", src->path);
        if (src->append)
            virBufferAsprintf(buf, " append='%s'",
                              virTristateSwitchTypeToString(src->append));
        virBufferAddLit(buf, "/>\n");
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        /* a socket the driver places is known once the domain runs */
        if (!src->path)
            break;
        virBufferAsprintf(buf, "<source mode='%s'",
                          src->listen ? "bind" : "connect");
        virBufferEscapeString(buf, " path='%s'", src->path);
        virBufferAddLit(buf, "/>\n");
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        virBufferAsprintf(buf, "<source mode='%s'",
                          src->listen ? "bind" : "connect");
        virBufferEscapeString(buf, " host='%s'", src->host);
        virBufferEscapeString(buf, " service='%s'", src->service);
        virBufferAddLit(buf, "/>\n");
        virBufferAsprintf(buf, "<protocol type='%s'/>\n",
                          virDomainChrTcpProtocolTypeToString(src->protocol));
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (src->bindHost || src->bindService) {
            virBufferAddLit(buf, "<source mode='bind'");
            virBufferEscapeString(buf, " host='%s'", src->bindHost);
            virBufferEscapeString(buf, " service='%s'", src->bindService);
            virBufferAddLit(buf, "/>\n");
        }
        if (src->host || src->service) {
            virBufferAddLit(buf, "<source mode='connect'");
            virBufferEscapeString(buf, " host='%s'", src->host);
            virBufferEscapeString(buf, " service='%s'", src->service);
            virBufferAddLit(buf, "/>\n");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
        virBufferEscapeString(buf, "<source channel='%s'/>\n", src->channel);
        break;
    default:
        break;
    }
}


static void
virDomainChrChannelTargetFormat(virBuffer *buf, const virDomainChrDef *def,
                                unsigned int flags)
{
    virBufferAsprintf(buf, "<target type='%s'",
                      virDomainChrChannelTargetTypeToString(def->targetType));
    if (def->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
        virBufferEscapeString(buf, " address='%s'", def->targetAddr);
        virBufferAsprintf(buf, " port='%d'", def->port);
    } else {
        virBufferEscapeString(buf, " name='%s'", def->targetName);
    }
    if (def->state && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferAsprintf(buf, " state='%s'",
                          virDomainChrDeviceStateTypeToString(def->state));
    virBufferAddLit(buf, "/>\n");
}


/**
 * virDomainChrDefFormat:
 * @buf: output buffer at the indentation of the element
 * @def: a serial or console
 * @flags: virDomainDefFormatFlags
 */
void
virDomainChrDefFormat(virBuffer *buf,
                      const virDomainChrDef *def,
                      unsigned int flags)
{
    const char *elem = def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL ?
                       "serial" : def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL ?
                       "channel" : "console";
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " type='%s'", virDomainChrTypeToString(def->source.type));
    /* the console of a running domain also names its pty as tty=, an
     * attribute older clients read */
    if (def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE &&
        def->source.type == VIR_DOMAIN_CHR_TYPE_PTY && def->source.path &&
        !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virBufferEscapeString(&attrs, " tty='%s'", def->source.path);

    virDomainChrSourceFormat(&children, &def->source, flags);

    if (def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        virDomainChrChannelTargetFormat(&children, def, flags);
    } else if (def->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL) {
        virBufferAddLit(&children, "<target");
        if (def->targetType)
            virBufferAsprintf(&children, " type='%s'",
                              virDomainChrSerialTargetTypeToString(def->targetType));
        virBufferAsprintf(&children, " port='%d'", def->port);
        if (def->targetModel) {
            virBufferAddLit(&children, ">\n");
            virBufferAdjustIndent(&children, 2);
            virBufferAsprintf(&children, "<model name='%s'/>\n",
                              virDomainChrSerialTargetModelTypeToString(def->targetModel));
            virBufferAdjustIndent(&children, -2);
            virBufferAddLit(&children, "</target>\n");
        } else {
            virBufferAddLit(&children, "/>\n");
        }
    } else {
        virBufferAsprintf(&children, "<target type='%s' port='%d'/>\n",
                          virDomainChrConsoleTargetTypeToString(def->targetType),
                          def->port);
    }
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElement(buf, elem, &attrs, &children);
}
