/*
 * domain_smartcard_conf.c: <smartcard> devices: the host's reader, three
 * NSS certificates, or a character device passed through; and the CCID
 * addresses and controllers they sit on
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainSmartcard, VIR_DOMAIN_SMARTCARD_TYPE_LAST,
    [VIR_DOMAIN_SMARTCARD_TYPE_HOST] = "host",
    [VIR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES] = "host-certificates",
    [VIR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH] = "passthrough",
);


/**
 * virDomainSmartcardDefFree:
 * @def: a smartcard, or NULL
 */
void
virDomainSmartcardDefFree(virDomainSmartcardDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES; i++)
        g_free(def->certificates[i]);
    g_free(def->database);
    virDomainChrSourceClear(&def->passthru);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSmartcardDef, virDomainSmartcardDefFree);


static int
virDomainSmartcardCertificatesParseXML(xmlNodePtr node,
                                       virDomainSmartcardDef *def,
                                       unsigned int flags)
{
    size_t ncerts = 0;
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "certificate")) {
            if (ncerts == VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES)
                goto count;
            if (virDomainXMLCheck(cur, NULL, NULL) < 0)
                return -1;
            def->certificates[ncerts] = virXMLNodeContentString(cur);
            if (!def->certificates[ncerts])
                def->certificates[ncerts] = g_strdup("");
            ncerts++;
        } else if (STREQ(name, "database")) {
            if (virDomainXMLCheck(cur, NULL, NULL) < 0)
                return -1;
            g_free(def->database);
            def->database = virDomainXMLContent(cur);
            if (!def->database || def->database[0] != '/') {
                virReportError(VIR_ERR_XML_ERROR,
                               _("expecting absolute path: %1$s"),
                               NULLSTR_EMPTY(def->database));
                return -1;
            }
        } else if (virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0) {
            return -1;
        }
    }
    if (ncerts == VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES)
        return 0;

 count:
    virReportError(VIR_ERR_XML_ERROR, "%s",
                   _("host-certificates mode needs exactly three certificates"));
    return -1;
}


static int
virDomainSmartcardPassthroughParseXML(xmlNodePtr node,
                                      virDomainSmartcardDef *def,
                                      unsigned int flags)
{
    g_autofree char *type = virXMLPropString(node, "type");
    xmlNodePtr cur;
    int val;

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("passthrough mode requires a character device type attribute"));
        return -1;
    }
    if ((val = virDomainChrTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown type presented to host for character device: %1$s"),
                       type);
        return -1;
    }
    if (val == VIR_DOMAIN_CHR_TYPE_NMDM || val == VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT ||
        val == VIR_DOMAIN_CHR_TYPE_DBUS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("character device type '%1$s' is not supported yet"),
                       type);
        return -1;
    }
    def->passthru.type = val;

    for (cur = node->children; cur; cur = cur->next) {
        const char *name = (const char *)cur->name;
        int rc;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (STREQ(name, "source"))
            rc = virDomainChrSourceParseXML(cur, &def->passthru, flags);
        else if (STREQ(name, "protocol"))
            rc = virDomainChrProtocolParseXML(cur, &def->passthru);
        else
            rc = virDomainDeviceInfoParseChild(cur, &def->info, flags);
        if (rc < 0)
            return -1;
    }
    return virDomainChrSourceCheck(&def->passthru, false);
}


/**
 * virDomainSmartcardDefParseXML:
 * @node: a <smartcard> element
 * @flags: virDomainDefParseFlags
 *
 * Each mode takes its own attributes and children; any other is an
 * error naming it.
 *
 * Returns the smartcard, or NULL with an error reported.
 */
virDomainSmartcardDef *
virDomainSmartcardDefParseXML(xmlNodePtr node, unsigned int flags)
{
    const char *hostAttrs[] = { "mode", NULL };
    const char *passAttrs[] = { "mode", "type", NULL };
    const char *hostChildren[] = { "alias", "address", NULL };
    const char *certChildren[] = { "certificate", "database", "alias",
                                   "address", NULL };
    const char *passChildren[] = { "source", "protocol", "alias", "address",
                                   NULL };
    g_autoptr(virDomainSmartcardDef) def = g_new0(virDomainSmartcardDef, 1);
    unsigned int mode = 0;
    xmlNodePtr cur;

    if (virXMLPropEnum(node, "mode", virDomainSmartcardTypeFromString,
                       VIR_XML_PROP_REQUIRED, &mode) < 0)
        return NULL;
    def->type = mode;

    switch (def->type) {
    case VIR_DOMAIN_SMARTCARD_TYPE_HOST:
        if (virDomainXMLCheck(node, hostAttrs, hostChildren) < 0)
            return NULL;
        for (cur = node->children; cur; cur = cur->next) {
            if (cur->type == XML_ELEMENT_NODE &&
                virDomainDeviceInfoParseChild(cur, &def->info, flags) < 0)
                return NULL;
        }
        break;
    case VIR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES:
        if (virDomainXMLCheck(node, hostAttrs, certChildren) < 0 ||
            virDomainSmartcardCertificatesParseXML(node, def, flags) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH:
        if (virDomainXMLCheck(node, passAttrs, passChildren) < 0 ||
            virDomainSmartcardPassthroughParseXML(node, def, flags) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_SMARTCARD_TYPE_LAST:
        break;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainSmartcardDefFormat:
 * @buf: output buffer at the indentation of <smartcard>
 * @def: the smartcard
 * @flags: virDomainDefFormatFlags
 */
void
virDomainSmartcardDefFormat(virBuffer *buf,
                            const virDomainSmartcardDef *def,
                            unsigned int flags)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " mode='%s'", virDomainSmartcardTypeToString(def->type));
    switch (def->type) {
    case VIR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES:
        for (i = 0; i < VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES; i++)
            virBufferEscapeString(&children, "<certificate>%s</certificate>\n",
                                  def->certificates[i]);
        virBufferEscapeString(&children, "<database>%s</database>\n", def->database);
        break;
    case VIR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH:
        virBufferAsprintf(&attrs, " type='%s'",
                          virDomainChrTypeToString(def->passthru.type));
        virDomainChrSourceFormat(&children, &def->passthru, flags);
        break;
    case VIR_DOMAIN_SMARTCARD_TYPE_HOST:
    case VIR_DOMAIN_SMARTCARD_TYPE_LAST:
        break;
    }
    virDomainDeviceInfoFormat(&children, &def->info, flags);
    virXMLFormatElement(buf, "smartcard", &attrs, &children);
}


/* The next free slot of CCID controller 0, after every slot already
 * named there (libvirt 9.0 fills it this way, not per controller). */
static unsigned int
virDomainSmartcardNextSlot(const virDomainDef *def)
{
    unsigned int next = 0;
    size_t i;

    for (i = 0; i < def->nsmartcards; i++) {
        const virDomainDeviceInfo *info = &def->smartcards[i]->info;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID &&
            info->addr.ccid.controller == 0 && info->addr.ccid.slot >= next)
            next = info->addr.ccid.slot + 1;
    }
    return next;
}


/**
 * virDomainDefPostParseSmartcards:
 * @def: the domain
 *
 * A smartcard without an address goes on CCID controller 0, after the
 * highest slot used there, as libvirt does; each smartcard's controller
 * is added when missing.
 *
 * Returns 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED for an address that
 * is not a CCID one.
 */
int
virDomainDefPostParseSmartcards(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nsmartcards; i++) {
        virDomainDeviceInfo *info = &def->smartcards[i]->info;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
            unsigned int slot = virDomainSmartcardNextSlot(def);

            info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID;
            info->addr.ccid.controller = 0;
            info->addr.ccid.slot = slot;
        } else if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Controllers must use the 'ccid' address type"));
            return -1;
        }
        if (virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_CCID,
                                    info->addr.ccid.controller) < 0) {
            virDomainControllerDef *cont =
                virDomainControllerDefNew(VIR_DOMAIN_CONTROLLER_TYPE_CCID);

            /* sorted in, unlike libvirt which appends: then formatting
             * and parsing again gives the same order */
            cont->idx = info->addr.ccid.controller;
            virDomainControllerInsert(def, cont);
        }
    }
    return 0;
}
