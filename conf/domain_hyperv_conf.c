/*
 * domain_hyperv_conf.c: the paravirtual feature groups of <features>:
 * <hyperv> (Hyper-V enlightenments) and <kvm>
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

VIR_ENUM_DECL(virDomainHyperv);
VIR_ENUM_IMPL(virDomainHyperv, VIR_DOMAIN_HYPERV_LAST,
    [VIR_DOMAIN_HYPERV_RELAXED] = "relaxed",
    [VIR_DOMAIN_HYPERV_VAPIC] = "vapic",
    [VIR_DOMAIN_HYPERV_SPINLOCKS] = "spinlocks",
    [VIR_DOMAIN_HYPERV_VPINDEX] = "vpindex",
    [VIR_DOMAIN_HYPERV_RUNTIME] = "runtime",
    [VIR_DOMAIN_HYPERV_SYNIC] = "synic",
    [VIR_DOMAIN_HYPERV_STIMER] = "stimer",
    [VIR_DOMAIN_HYPERV_RESET] = "reset",
    [VIR_DOMAIN_HYPERV_VENDOR_ID] = "vendor_id",
    [VIR_DOMAIN_HYPERV_FREQUENCIES] = "frequencies",
    [VIR_DOMAIN_HYPERV_REENLIGHTENMENT] = "reenlightenment",
    [VIR_DOMAIN_HYPERV_TLBFLUSH] = "tlbflush",
    [VIR_DOMAIN_HYPERV_IPI] = "ipi",
    [VIR_DOMAIN_HYPERV_EVMCS] = "evmcs",
    [VIR_DOMAIN_HYPERV_AVIC] = "avic",
);

VIR_ENUM_DECL(virDomainHypervMode);
VIR_ENUM_IMPL(virDomainHypervMode, VIR_DOMAIN_HYPERV_MODE_LAST,
    [VIR_DOMAIN_HYPERV_MODE_NONE] = "none",
    [VIR_DOMAIN_HYPERV_MODE_CUSTOM] = "custom",
    [VIR_DOMAIN_HYPERV_MODE_PASSTHROUGH] = "passthrough",
);

VIR_ENUM_DECL(virDomainKVM);
VIR_ENUM_IMPL(virDomainKVM, VIR_DOMAIN_KVM_LAST,
    [VIR_DOMAIN_KVM_HIDDEN] = "hidden",
    [VIR_DOMAIN_KVM_DEDICATED] = "hint-dedicated",
    [VIR_DOMAIN_KVM_POLLCONTROL] = "poll-control",
    [VIR_DOMAIN_KVM_PVIPI] = "pv-ipi",
    [VIR_DOMAIN_KVM_DIRTY_RING] = "dirty-ring",
);

/* Hyper-V asks for at least this many spinlock retries */
#define VIR_DOMAIN_HYPERV_SPINLOCKS_MIN 4095
/* the CPUID vendor signature has 12 bytes */
#define VIR_DOMAIN_HYPERV_VENDOR_ID_MAX 12


static int
virDomainHypervStimerParseXML(xmlNodePtr node, virDomainHypervFeatures *hv)
{
    const char *children[] = { "direct", NULL };
    const char *attrs[] = { "state", NULL };
    xmlNodePtr cur;

    if (virXMLCheckChildren(node, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropTristateSwitch(cur, "state", VIR_XML_PROP_REQUIRED,
                                     &hv->stimer_direct) < 0)
            return -1;
    }
    return 0;
}


static int
virDomainHypervFeatureParseXML(xmlNodePtr node, virDomainHypervFeatures *hv)
{
    const char *attrs[] = { "state", "retries", "value", NULL };
    const char *name = (const char *)node->name;
    int feat = virDomainHypervTypeFromString(name);
    virTristateSwitch state = VIR_TRISTATE_SWITCH_ABSENT;
    bool on;

    if (feat < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported HyperV Enlightenment feature: %1$s"), name);
        return -1;
    }
    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLPropTristateSwitch(node, "state", VIR_XML_PROP_REQUIRED, &state) < 0)
        return -1;
    on = state == VIR_TRISTATE_SWITCH_ON;
    hv->features[feat] = state;

    if (feat == VIR_DOMAIN_HYPERV_STIMER)
        return virDomainHypervStimerParseXML(node, hv);
    if (virXMLCheckChildren(node, (const char *[]){ NULL }) < 0)
        return -1;
    if (feat == VIR_DOMAIN_HYPERV_SPINLOCKS) {
        if (virXMLPropUInt(node, "retries", 0,
                           on ? VIR_XML_PROP_REQUIRED : VIR_XML_PROP_NONE,
                           &hv->spinlocks) < 0)
            return -1;
        if (on && hv->spinlocks < VIR_DOMAIN_HYPERV_SPINLOCKS_MIN) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("HyperV spinlock retry count must be at least 4095"));
            return -1;
        }
    } else if (feat == VIR_DOMAIN_HYPERV_VENDOR_ID) {
        g_free(hv->vendor_id);
        hv->vendor_id = NULL;
        if (on && !(hv->vendor_id = virXMLPropStringRequired(node, "value")))
            return -1;
        if (hv->vendor_id && strlen(hv->vendor_id) > VIR_DOMAIN_HYPERV_VENDOR_ID_MAX) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("HyperV vendor_id value must not be more than %1$d characters."),
                           VIR_DOMAIN_HYPERV_VENDOR_ID_MAX);
            return -1;
        }
    } else if (xmlHasProp(node, BAD_CAST "retries") || xmlHasProp(node, BAD_CAST "value")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unsupported attribute '%1$s' in element '%2$s'"),
                       xmlHasProp(node, BAD_CAST "retries") ? "retries" : "value",
                       name);
        return -1;
    }
    return 0;
}


/**
 * virDomainHypervParseXML:
 * @node: the <hyperv> element of <features>
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainHypervParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "mode", NULL };
    virDomainHypervFeatures *hv = &def->hv;
    unsigned int mode = VIR_DOMAIN_HYPERV_MODE_CUSTOM;
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLPropEnum(node, "mode", virDomainHypervModeTypeFromString,
                       VIR_XML_PROP_NONZERO, &mode) < 0)
        return -1;
    hv->mode = mode;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainHypervFeatureParseXML(cur, hv) < 0)
            return -1;
    }
    def->features[VIR_DOMAIN_FEATURE_HYPERV] = VIR_TRISTATE_SWITCH_ON;
    return 0;
}


/**
 * virDomainHypervFormat:
 * @buf: output buffer
 * @def: the domain, whose <hyperv> feature is on
 */
void
virDomainHypervFormat(virBuffer *buf, const virDomainDef *def)
{
    const virDomainHypervFeatures *hv = &def->hv;
    size_t i;

    virBufferAsprintf(buf, "<hyperv mode='%s'>\n",
                      virDomainHypervModeTypeToString(hv->mode));
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < VIR_DOMAIN_HYPERV_LAST; i++) {
        virTristateSwitch state = hv->features[i];

        if (!state)
            continue;
        virBufferAsprintf(buf, "<%s state='%s'", virDomainHypervTypeToString(i),
                          virTristateSwitchTypeToString(state));
        if (i == VIR_DOMAIN_HYPERV_SPINLOCKS && state == VIR_TRISTATE_SWITCH_ON)
            virBufferAsprintf(buf, " retries='%u'", hv->spinlocks);
        if (i == VIR_DOMAIN_HYPERV_VENDOR_ID && state == VIR_TRISTATE_SWITCH_ON)
            virBufferEscapeString(buf, " value='%s'", hv->vendor_id);
        if (i == VIR_DOMAIN_HYPERV_STIMER && hv->stimer_direct) {
            virBufferAddLit(buf, ">\n");
            virBufferAdjustIndent(buf, 2);
            virBufferAsprintf(buf, "<direct state='%s'/>\n",
                              virTristateSwitchTypeToString(hv->stimer_direct));
            virBufferAdjustIndent(buf, -2);
            virBufferAddLit(buf, "</stimer>\n");
            continue;
        }
        virBufferAddLit(buf, "/>\n");
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</hyperv>\n");
}


/* libvirt's bounds of the KVM dirty ring, a power of two */
#define VIR_DOMAIN_KVM_DIRTY_RING_MIN 1024
#define VIR_DOMAIN_KVM_DIRTY_RING_MAX 65536

/**
 * virDomainKVMParseXML:
 * @node: the <kvm> element of <features>
 * @def: the domain
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainKVMParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "state", "size", NULL };
    virDomainHypervFeatures *hv = &def->hv;
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        int feat;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if ((feat = virDomainKVMTypeFromString((const char *)cur->name)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unsupported KVM feature: %1$s"), (const char *)cur->name);
            return -1;
        }
        if (virDomainXMLCheck(cur, feat == VIR_DOMAIN_KVM_DIRTY_RING ? attrs :
                              (const char *[]){ "state", NULL }, NULL) < 0 ||
            virXMLPropTristateSwitch(cur, "state", VIR_XML_PROP_REQUIRED,
                                     &hv->kvm[feat]) < 0)
            return -1;
        if (feat == VIR_DOMAIN_KVM_DIRTY_RING &&
            hv->kvm[feat] == VIR_TRISTATE_SWITCH_ON) {
            unsigned int size = 0;

            if (virXMLPropUInt(cur, "size", 0, VIR_XML_PROP_REQUIRED, &size) < 0)
                return -1;
            if (size < VIR_DOMAIN_KVM_DIRTY_RING_MIN ||
                size > VIR_DOMAIN_KVM_DIRTY_RING_MAX || (size & (size - 1))) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("dirty ring must be power of 2 and ranges [%1$d, %2$d]"),
                               VIR_DOMAIN_KVM_DIRTY_RING_MIN,
                               VIR_DOMAIN_KVM_DIRTY_RING_MAX);
                return -1;
            }
            hv->dirty_ring_size = size;
        }
    }
    def->features[VIR_DOMAIN_FEATURE_KVM] = VIR_TRISTATE_SWITCH_ON;
    return 0;
}


/**
 * virDomainKVMFormat:
 * @buf: output buffer
 * @def: the domain, whose <kvm> feature is on
 */
void
virDomainKVMFormat(virBuffer *buf, const virDomainDef *def)
{
    const virDomainHypervFeatures *hv = &def->hv;
    size_t i;

    virBufferAddLit(buf, "<kvm>\n");
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < VIR_DOMAIN_KVM_LAST; i++) {
        if (!hv->kvm[i])
            continue;
        virBufferAsprintf(buf, "<%s state='%s'", virDomainKVMTypeToString(i),
                          virTristateSwitchTypeToString(hv->kvm[i]));
        if (i == VIR_DOMAIN_KVM_DIRTY_RING && hv->dirty_ring_size)
            virBufferAsprintf(buf, " size='%u'", hv->dirty_ring_size);
        virBufferAddLit(buf, "/>\n");
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</kvm>\n");
}
