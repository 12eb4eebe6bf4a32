/*
 * domain_graphics_conf.c: what the guest shows and is driven by:
 * <graphics>, <video>, <input>, and the <memballoon>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainGraphics, VIR_DOMAIN_GRAPHICS_TYPE_LAST,
    [VIR_DOMAIN_GRAPHICS_TYPE_SDL] = "sdl",
    [VIR_DOMAIN_GRAPHICS_TYPE_VNC] = "vnc",
    [VIR_DOMAIN_GRAPHICS_TYPE_RDP] = "rdp",
    [VIR_DOMAIN_GRAPHICS_TYPE_DESKTOP] = "desktop",
    [VIR_DOMAIN_GRAPHICS_TYPE_SPICE] = "spice",
    [VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS] = "egl-headless",
    [VIR_DOMAIN_GRAPHICS_TYPE_DBUS] = "dbus",
);

VIR_ENUM_DECL(virDomainGraphicsListen);
VIR_ENUM_IMPL(virDomainGraphicsListen, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST,
    [VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE] = "none",
    [VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS] = "address",
    [VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK] = "network",
    [VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET] = "socket",
);

VIR_ENUM_IMPL(virDomainVideo, VIR_DOMAIN_VIDEO_TYPE_LAST,
    [VIR_DOMAIN_VIDEO_TYPE_DEFAULT] = "default",
    [VIR_DOMAIN_VIDEO_TYPE_VGA] = "vga",
    [VIR_DOMAIN_VIDEO_TYPE_CIRRUS] = "cirrus",
    [VIR_DOMAIN_VIDEO_TYPE_VMVGA] = "vmvga",
    [VIR_DOMAIN_VIDEO_TYPE_XEN] = "xen",
    [VIR_DOMAIN_VIDEO_TYPE_VBOX] = "vbox",
    [VIR_DOMAIN_VIDEO_TYPE_QXL] = "qxl",
    [VIR_DOMAIN_VIDEO_TYPE_PARALLELS] = "parallels",
    [VIR_DOMAIN_VIDEO_TYPE_VIRTIO] = "virtio",
    [VIR_DOMAIN_VIDEO_TYPE_GOP] = "gop",
    [VIR_DOMAIN_VIDEO_TYPE_NONE] = "none",
    [VIR_DOMAIN_VIDEO_TYPE_BOCHS] = "bochs",
    [VIR_DOMAIN_VIDEO_TYPE_RAMFB] = "ramfb",
);

VIR_ENUM_IMPL(virDomainInput, VIR_DOMAIN_INPUT_TYPE_LAST,
    [VIR_DOMAIN_INPUT_TYPE_MOUSE] = "mouse",
    [VIR_DOMAIN_INPUT_TYPE_TABLET] = "tablet",
    [VIR_DOMAIN_INPUT_TYPE_KBD] = "keyboard",
    [VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH] = "passthrough",
    [VIR_DOMAIN_INPUT_TYPE_EVDEV] = "evdev",
);

VIR_ENUM_IMPL(virDomainInputBus, VIR_DOMAIN_INPUT_BUS_LAST,
    [VIR_DOMAIN_INPUT_BUS_DEFAULT] = "default",
    [VIR_DOMAIN_INPUT_BUS_PS2] = "ps2",
    [VIR_DOMAIN_INPUT_BUS_USB] = "usb",
    [VIR_DOMAIN_INPUT_BUS_XEN] = "xen",
    [VIR_DOMAIN_INPUT_BUS_PARALLELS] = "parallels",
    [VIR_DOMAIN_INPUT_BUS_VIRTIO] = "virtio",
    [VIR_DOMAIN_INPUT_BUS_NONE] = "none",
);

VIR_ENUM_IMPL(virDomainMemballoonModel, VIR_DOMAIN_MEMBALLOON_MODEL_LAST,
    [VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO] = "virtio",
    [VIR_DOMAIN_MEMBALLOON_MODEL_XEN] = "xen",
    [VIR_DOMAIN_MEMBALLOON_MODEL_NONE] = "none",
    [VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL] = "virtio-transitional",
    [VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL] = "virtio-non-transitional",
);


/* ------------------------------------------------------------------ */
/* <graphics>                                                         */

/**
 * virDomainGraphicsDefFree:
 * @def: a graphics device, may be NULL
 */
void
virDomainGraphicsDefFree(virDomainGraphicsDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->keymap);
    g_free(def->passwd);
    g_free(def->sharePolicy);
    g_free(def->defaultMode);
    g_free(def->display);
    g_free(def->xauth);
    for (i = 0; i < def->nlistens; i++) {
        g_free(def->listens[i].address);
        g_free(def->listens[i].network);
        g_free(def->listens[i].socket);
    }
    g_free(def->listens);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainGraphicsDef, virDomainGraphicsDefFree);


static virDomainGraphicsListenDef *
virDomainGraphicsListenAppend(virDomainGraphicsDef *def,
                              virDomainGraphicsListenType type)
{
    virDomainGraphicsListenDef *listen;

    def->listens = g_renew(virDomainGraphicsListenDef, def->listens,
                           def->nlistens + 1);
    listen = &def->listens[def->nlistens++];
    memset(listen, 0, sizeof(*listen));
    listen->type = type;
    return listen;
}


static int
virDomainGraphicsListenParseXML(xmlNodePtr node, virDomainGraphicsDef *def)
{
    const char *attrs[] = { "type", "address", "network", "socket", NULL };
    virDomainGraphicsListenDef *listen;
    unsigned int type = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, "type", virDomainGraphicsListenTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0)
        return -1;

    listen = virDomainGraphicsListenAppend(def, type);
    g_free(listen->address);
    listen->address = virXMLPropString(node, "address");
    g_free(listen->network);
    listen->network = virXMLPropString(node, "network");
    g_free(listen->socket);
    listen->socket = virXMLPropString(node, "socket");

    if (type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK && !listen->network) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("graphics listen type 'network' requires 'network' attribute"));
        return -1;
    }
    return 0;
}


static int
virDomainGraphicsParsePorts(xmlNodePtr node,
                            virDomainGraphicsDef *def,
                            unsigned int flags)
{
    g_autofree char *autoport = virXMLPropString(node, "autoport");
    g_autofree char *type = virXMLPropString(node, "type");
    g_autofree char *portstr = virXMLPropString(node, "port");
    g_autofree char *tlsstr = virXMLPropString(node, "tlsPort");

    if (portstr && virStrToLong_i(portstr, NULL, 10, &def->port) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot parse %1$s port %2$s"), type, portstr);
        return -1;
    }
    if (tlsstr && virStrToLong_i(tlsstr, NULL, 10, &def->tlsPort) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot parse spice tlsPort %1$s"), tlsstr);
        return -1;
    }

    /* vnc: no port or port -1 asks for an automatic one */
    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC &&
        (!portstr || def->port == -1)) {
        if (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)
            def->port = 0;
        def->autoport = true;
    }

    if (autoport) {
        if (STREQ(autoport, "yes")) {
            def->autoport = true;
        } else if (STREQ(autoport, "no")) {
            def->autoport = false;
        } else {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                           "autoport", "graphics", autoport);
            return -1;
        }
        if (def->autoport && (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)) {
            def->port = 0;
            def->tlsPort = 0;
        }
    }
    return 0;
}


static int
virDomainGraphicsDefParseChildren(xmlNodePtr node, virDomainGraphicsDef *def)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainGraphicsListenParseXML(cur, def) < 0)
            return -1;
    }
    return 0;
}


/* Reconcile the legacy listen= attribute with the <listen> elements and
 * add the implicit listen libvirt adds, so that formatting is uniform. */
static int
virDomainGraphicsListensDefault(xmlNodePtr node, virDomainGraphicsDef *def)
{
    g_autofree char *listenAttr = virXMLPropString(node, "listen");
    g_autofree char *socket = virXMLPropString(node, "socket");
    virDomainGraphicsListenDef *first = def->nlistens ? &def->listens[0] : NULL;

    if (listenAttr) {
        if (first && first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS) {
            if (!first->address) {
                first->address = g_steal_pointer(&listenAttr);
            } else if (STRNEQ(first->address, listenAttr)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("graphics 'listen' attribute '%1$s' must match 'address' attribute of first listen element (found '%2$s')"),
                               listenAttr, first->address);
                return -1;
            }
        } else if (!first) {
            first = virDomainGraphicsListenAppend(def, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS);
            first->address = g_steal_pointer(&listenAttr);
        }
    }

    if (socket) {
        if (!first) {
            first = virDomainGraphicsListenAppend(def, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET);
            first->socket = g_steal_pointer(&socket);
        }
    }

    if (def->nlistens)
        return 0;

    switch (def->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP:
        virDomainGraphicsListenAppend(def, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS);
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        virDomainGraphicsListenAppend(def, def->port || def->tlsPort || def->autoport ?
                                      VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS :
                                      VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE);
        break;
    default:
        break;
    }
    return 0;
}


/**
 * virDomainGraphicsDefParseXML:
 * @node: a <graphics> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the graphics device, or NULL with an error reported.
 */
virDomainGraphicsDef *
virDomainGraphicsDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *vncAttrs[] = { "type", "port", "autoport", "websocket", "listen",
                               "socket", "passwd", "keymap", "sharePolicy", NULL };
    const char *spiceAttrs[] = { "type", "port", "tlsPort", "autoport", "listen",
                                 "passwd", "keymap", "defaultMode", NULL };
    const char *sdlAttrs[] = { "type", "display", "xauth", "fullscreen", NULL };
    const char *rdpAttrs[] = { "type", "port", "autoport", "listen", NULL };
    const char *eglAttrs[] = { "type", NULL };
    const char *listenChildren[] = { "listen", NULL };
    g_autoptr(virDomainGraphicsDef) def = g_new0(virDomainGraphicsDef, 1);
    const char *const *attrs = NULL;
    const char *const *children = NULL;
    unsigned int type = 0;

    if (virXMLPropEnum(node, "type", virDomainGraphicsTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0)
        return NULL;
    def->type = type;

    switch (def->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
        attrs = vncAttrs;
        children = listenChildren;
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        attrs = spiceAttrs;
        children = listenChildren;
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        attrs = sdlAttrs;
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP:
        attrs = rdpAttrs;
        children = listenChildren;
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
        attrs = eglAttrs;
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("graphics type '%1$s' is not supported yet"),
                       virDomainGraphicsTypeToString(def->type));
        return NULL;
    }
    if (virDomainXMLCheck(node, attrs, children) < 0)
        return NULL;

    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SDL) {
        g_free(def->display);
        def->display = virXMLPropString(node, "display");
        g_free(def->xauth);
        def->xauth = virXMLPropString(node, "xauth");
        if (virXMLPropTristateBool(node, "fullscreen", VIR_XML_PROP_NONE,
                                   &def->fullscreen) < 0)
            return NULL;
        return g_steal_pointer(&def);
    }
    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS)
        return g_steal_pointer(&def);

    if (virDomainGraphicsParsePorts(node, def, flags) < 0 ||
        virXMLPropInt(node, "websocket", 10, VIR_XML_PROP_NONE,
                      &def->websocket, 0) < 0)
        return NULL;
    g_free(def->passwd);
    def->passwd = virXMLPropString(node, "passwd");
    g_free(def->keymap);
    def->keymap = virXMLPropString(node, "keymap");
    g_free(def->sharePolicy);
    def->sharePolicy = virXMLPropString(node, "sharePolicy");
    g_free(def->defaultMode);
    def->defaultMode = virXMLPropString(node, "defaultMode");

    if (virDomainGraphicsDefParseChildren(node, def) < 0 ||
        virDomainGraphicsListensDefault(node, def) < 0)
        return NULL;

    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC && def->nlistens &&
        def->listens[0].type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
        def->port = 0;
        def->autoport = false;
    }

    return g_steal_pointer(&def);
}


static void
virDomainGraphicsListenFormat(virBuffer *buf,
                              const virDomainGraphicsListenDef *listen)
{
    virBufferAsprintf(buf, "<listen type='%s'",
                      virDomainGraphicsListenTypeToString(listen->type));
    virBufferEscapeString(buf, " address='%s'", listen->address);
    virBufferEscapeString(buf, " network='%s'", listen->network);
    virBufferEscapeString(buf, " socket='%s'", listen->socket);
    virBufferAddLit(buf, "/>\n");
}


static void
virDomainGraphicsPortsFormat(virBuffer *attrs,
                             const virDomainGraphicsDef *def,
                             unsigned int flags)
{
    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_RDP) {
        if (def->port)
            virBufferAsprintf(attrs, " port='%d'", def->port);
        if (def->autoport)
            virBufferAddLit(attrs, " autoport='yes'");
        return;
    }

    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE) {
        if (def->port)
            virBufferAsprintf(attrs, " port='%d'", def->port);
        if (def->tlsPort)
            virBufferAsprintf(attrs, " tlsPort='%d'", def->tlsPort);
        if (def->autoport)
            virBufferAddLit(attrs, " autoport='yes'");
        else if (def->port || def->tlsPort)
            virBufferAddLit(attrs, " autoport='no'");
        return;
    }

    if (def->port && (!def->autoport || !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        virBufferAsprintf(attrs, " port='%d'", def->port);
    else if (def->autoport)
        virBufferAddLit(attrs, " port='-1'");
    virBufferAsprintf(attrs, " autoport='%s'", def->autoport ? "yes" : "no");
}


/**
 * virDomainGraphicsDefFormat:
 * @buf: output buffer at the indentation of <graphics>
 * @def: the graphics device
 * @flags: virDomainDefFormatFlags; passwd only with FORMAT_SECURE
 */
void
virDomainGraphicsDefFormat(virBuffer *buf,
                           const virDomainGraphicsDef *def,
                           unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    const virDomainGraphicsListenDef *first = def->nlistens ? &def->listens[0] : NULL;
    size_t i;

    virBufferAsprintf(&attrs, " type='%s'", virDomainGraphicsTypeToString(def->type));

    switch (def->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        virBufferEscapeString(&attrs, " display='%s'", def->display);
        virBufferEscapeString(&attrs, " xauth='%s'", def->xauth);
        if (def->fullscreen)
            virBufferAsprintf(&attrs, " fullscreen='%s'",
                              virTristateBoolTypeToString(def->fullscreen));
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP:
        if (first && first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
            virBufferEscapeString(&attrs, " socket='%s'", first->socket);
        } else {
            virDomainGraphicsPortsFormat(&attrs, def, flags);
            if (def->websocket)
                virBufferAsprintf(&attrs, " websocket='%d'", def->websocket);
        }
        if (first && first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
            virBufferEscapeString(&attrs, " listen='%s'", first->address);
        virBufferEscapeString(&attrs, " keymap='%s'", def->keymap);
        virBufferEscapeString(&attrs, " sharePolicy='%s'", def->sharePolicy);
        virBufferEscapeString(&attrs, " defaultMode='%s'", def->defaultMode);
        if (flags & VIR_DOMAIN_DEF_FORMAT_SECURE)
            virBufferEscapeString(&attrs, " passwd='%s'", def->passwd);
        break;
    default:
        break;
    }

    for (i = 0; i < def->nlistens; i++)
        virDomainGraphicsListenFormat(&children, &def->listens[i]);

    virXMLFormatElement(buf, "graphics", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <video>                                                            */

/**
 * virDomainVideoDefFree:
 * @def: a video device, may be NULL
 */
void
virDomainVideoDefFree(virDomainVideoDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainVideoDef, virDomainVideoDefFree);


static int
virDomainVideoModelParseXML(xmlNodePtr node, virDomainVideoDef *def)
{
    const char *attrs[] = { "type", "ram", "vram", "vgamem", "heads",
                            "primary", NULL };
    const char *children[] = { "acceleration", NULL };
    unsigned int type = 0;
    virTristateBool primary = VIR_TRISTATE_BOOL_ABSENT;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virDomainVideoTypeFromString,
                       VIR_XML_PROP_NONZERO, &type) < 0 ||
        virXMLPropUInt(node, "ram", 10, VIR_XML_PROP_NONE, &def->ram) < 0 ||
        virXMLPropUInt(node, "vram", 10, VIR_XML_PROP_NONE, &def->vram) < 0 ||
        virXMLPropUInt(node, "vgamem", 10, VIR_XML_PROP_NONE, &def->vgamem) < 0 ||
        virXMLPropUInt(node, "heads", 10, VIR_XML_PROP_NONE, &def->heads) < 0 ||
        virXMLPropTristateBool(node, "primary", VIR_XML_PROP_NONE, &primary) < 0)
        return -1;
    def->type = type;
    def->primary = primary == VIR_TRISTATE_BOOL_YES;

    for (cur = node->children; cur; cur = cur->next) {
        const char *aattrs[] = { "accel3d", "accel2d", NULL };

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, aattrs, NULL) < 0 ||
            virXMLPropTristateBool(cur, "accel3d", VIR_XML_PROP_NONE,
                                   &def->accel3d) < 0 ||
            virXMLPropTristateBool(cur, "accel2d", VIR_XML_PROP_NONE,
                                   &def->accel2d) < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainVideoDefParseXML:
 * @node: a <video> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the video device (type DEFAULT without <model>), or NULL.
 */
virDomainVideoDef *
virDomainVideoDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *children[] = { "model", "alias", "address", NULL };
    g_autoptr(virDomainVideoDef) def = g_new0(virDomainVideoDef, 1);
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, (const char *[]){ NULL }, children) < 0)
        return NULL;

    for (cur = node->children; cur; cur = cur->next) {
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "model"))
            rc = virDomainVideoModelParseXML(cur, def);
        else
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        if (rc < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainVideoDefFormat:
 * @buf: output buffer at the indentation of <video>
 * @def: the video device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainVideoDefFormat(virBuffer *buf,
                        const virDomainVideoDef *def,
                        unsigned int flags)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) mattrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) mchildren = VIR_BUFFER_INIT_CHILD(&children);

    virBufferAsprintf(&mattrs, " type='%s'", virDomainVideoTypeToString(def->type));
    if (def->ram)
        virBufferAsprintf(&mattrs, " ram='%u'", def->ram);
    if (def->vram)
        virBufferAsprintf(&mattrs, " vram='%u'", def->vram);
    if (def->vgamem)
        virBufferAsprintf(&mattrs, " vgamem='%u'", def->vgamem);
    if (def->heads)
        virBufferAsprintf(&mattrs, " heads='%u'", def->heads);
    if (def->primary)
        virBufferAddLit(&mattrs, " primary='yes'");

    if (def->accel3d || def->accel2d) {
        virBufferAddLit(&mchildren, "<acceleration");
        if (def->accel3d)
            virBufferAsprintf(&mchildren, " accel3d='%s'",
                              virTristateBoolTypeToString(def->accel3d));
        if (def->accel2d)
            virBufferAsprintf(&mchildren, " accel2d='%s'",
                              virTristateBoolTypeToString(def->accel2d));
        virBufferAddLit(&mchildren, "/>\n");
    }
    virXMLFormatElement(&children, "model", &mattrs, &mchildren);
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElementEmpty(buf, "video", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <input>                                                            */

/**
 * virDomainInputDefFree:
 * @def: an input device, may be NULL
 */
void
virDomainInputDefFree(virDomainInputDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainInputDef, virDomainInputDefFree);


/**
 * virDomainInputDefParseXML:
 * @node: an <input> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the input device (bus DEFAULT when not given), or NULL.
 */
virDomainInputDef *
virDomainInputDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "type", "bus", NULL };
    const char *children[] = { "alias", "address", NULL };
    g_autoptr(virDomainInputDef) def = g_new0(virDomainInputDef, 1);
    unsigned int type = 0;
    unsigned int bus = 0;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "type", virDomainInputTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0 ||
        virXMLPropEnum(node, "bus", virDomainInputBusTypeFromString,
                       VIR_XML_PROP_NONZERO, &bus) < 0)
        return NULL;
    def->type = type;
    def->bus = bus;

    if (def->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH ||
        def->type == VIR_DOMAIN_INPUT_TYPE_EVDEV) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("input type '%1$s' is not supported yet"),
                       virDomainInputTypeToString(def->type));
        return NULL;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainInputDefFormat:
 * @buf: output buffer at the indentation of <input>
 * @def: the input device
 * @flags: virDomainDefFormatFlags
 */
void
virDomainInputDefFormat(virBuffer *buf,
                        const virDomainInputDef *def,
                        unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " type='%s'", virDomainInputTypeToString(def->type));
    if (def->bus)
        virBufferAsprintf(&attrs, " bus='%s'", virDomainInputBusTypeToString(def->bus));
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "input", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <memballoon>                                                       */

/**
 * virDomainMemballoonDefFree:
 * @def: a balloon, may be NULL
 */
void
virDomainMemballoonDefFree(virDomainMemballoonDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainMemballoonDef, virDomainMemballoonDefFree);


/**
 * virDomainMemballoonDefParseXML:
 * @node: a <memballoon> element
 * @flags: virDomainDefParseFlags
 *
 * Returns the balloon, or NULL with an error reported.
 */
virDomainMemballoonDef *
virDomainMemballoonDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *attrs[] = { "model", "autodeflate", "freePageReporting", NULL };
    const char *children[] = { "stats", "alias", "address", NULL };
    g_autoptr(virDomainMemballoonDef) def = g_new0(virDomainMemballoonDef, 1);
    unsigned int model = 0;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "model", virDomainMemballoonModelTypeFromString,
                       VIR_XML_PROP_REQUIRED, &model) < 0 ||
        virXMLPropTristateSwitch(node, "autodeflate", VIR_XML_PROP_NONE,
                                 &def->autodeflate) < 0 ||
        virXMLPropTristateSwitch(node, "freePageReporting", VIR_XML_PROP_NONE,
                                 &def->free_page_reporting) < 0)
        return NULL;
    def->model = model;

    for (cur = node->children; cur; cur = cur->next) {
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "stats")) {
            const char *sattrs[] = { "period", NULL };

            if ((rc = virDomainXMLCheck(cur, sattrs, NULL)) == 0 &&
                (rc = virXMLPropUInt(cur, "period", 10, VIR_XML_PROP_REQUIRED,
                                     &def->period)) > 0)
                def->hasPeriod = true;
        } else {
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        }
        if (rc < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainMemballoonDefFormat:
 * @buf: output buffer at the indentation of <memballoon>
 * @def: the balloon
 * @flags: virDomainDefFormatFlags
 */
void
virDomainMemballoonDefFormat(virBuffer *buf,
                             const virDomainMemballoonDef *def,
                             unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " model='%s'",
                      virDomainMemballoonModelTypeToString(def->model));
    if (def->autodeflate)
        virBufferAsprintf(&attrs, " autodeflate='%s'",
                          virTristateSwitchTypeToString(def->autodeflate));
    if (def->free_page_reporting)
        virBufferAsprintf(&attrs, " freePageReporting='%s'",
                          virTristateSwitchTypeToString(def->free_page_reporting));
    if (def->hasPeriod)
        virBufferAsprintf(&children, "<stats period='%u'/>\n", def->period);
    virDomainDeviceInfoFormat(&children, &def->info, flags);

    virXMLFormatElement(buf, "memballoon", &attrs, &children);
}
