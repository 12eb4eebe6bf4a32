/*
 * domain_os_conf.c: how the domain's machine starts and what it offers
 * the guest: <os>, <features> and <clock>
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_DECL(virDomainBoot);
VIR_ENUM_IMPL(virDomainBoot, VIR_DOMAIN_BOOT_LAST,
    [VIR_DOMAIN_BOOT_FLOPPY] = "fd",
    [VIR_DOMAIN_BOOT_CDROM] = "cdrom",
    [VIR_DOMAIN_BOOT_DISK] = "hd",
    [VIR_DOMAIN_BOOT_NET] = "network",
);

VIR_ENUM_DECL(virDomainLoader);
VIR_ENUM_IMPL(virDomainLoader, VIR_DOMAIN_LOADER_TYPE_LAST,
    [VIR_DOMAIN_LOADER_TYPE_NONE] = "none",
    [VIR_DOMAIN_LOADER_TYPE_ROM] = "rom",
    [VIR_DOMAIN_LOADER_TYPE_PFLASH] = "pflash",
);

VIR_ENUM_DECL(virDomainOsDefFirmware);
VIR_ENUM_IMPL(virDomainOsDefFirmware, VIR_DOMAIN_OS_DEF_FIRMWARE_LAST,
    [VIR_DOMAIN_OS_DEF_FIRMWARE_NONE] = "none",
    [VIR_DOMAIN_OS_DEF_FIRMWARE_BIOS] = "bios",
    [VIR_DOMAIN_OS_DEF_FIRMWARE_EFI] = "efi",
);

VIR_ENUM_IMPL(virDomainFeature, VIR_DOMAIN_FEATURE_LAST,
    [VIR_DOMAIN_FEATURE_ACPI] = "acpi",
    [VIR_DOMAIN_FEATURE_APIC] = "apic",
    [VIR_DOMAIN_FEATURE_PAE] = "pae",
    [VIR_DOMAIN_FEATURE_HAP] = "hap",
    [VIR_DOMAIN_FEATURE_VIRIDIAN] = "viridian",
    [VIR_DOMAIN_FEATURE_PRIVNET] = "privnet",
    [VIR_DOMAIN_FEATURE_HYPERV] = "hyperv",
    [VIR_DOMAIN_FEATURE_KVM] = "kvm",
    [VIR_DOMAIN_FEATURE_PVSPINLOCK] = "pvspinlock",
    [VIR_DOMAIN_FEATURE_CAPABILITIES] = "capabilities",
    [VIR_DOMAIN_FEATURE_PMU] = "pmu",
    [VIR_DOMAIN_FEATURE_VMPORT] = "vmport",
    [VIR_DOMAIN_FEATURE_GIC] = "gic",
    [VIR_DOMAIN_FEATURE_SMM] = "smm",
    [VIR_DOMAIN_FEATURE_IOAPIC] = "ioapic",
    [VIR_DOMAIN_FEATURE_HPT] = "hpt",
    [VIR_DOMAIN_FEATURE_VMCOREINFO] = "vmcoreinfo",
    [VIR_DOMAIN_FEATURE_HTM] = "htm",
    [VIR_DOMAIN_FEATURE_NESTED_HV] = "nested-hv",
    [VIR_DOMAIN_FEATURE_MSRS] = "msrs",
    [VIR_DOMAIN_FEATURE_CCF_ASSIST] = "ccf-assist",
    [VIR_DOMAIN_FEATURE_XEN] = "xen",
    [VIR_DOMAIN_FEATURE_CFPC] = "cfpc",
    [VIR_DOMAIN_FEATURE_SBBC] = "sbbc",
    [VIR_DOMAIN_FEATURE_IBS] = "ibs",
    [VIR_DOMAIN_FEATURE_TCG] = "tcg",
);

VIR_ENUM_DECL(virGICVersion);
VIR_ENUM_IMPL(virGICVersion, VIR_GIC_VERSION_LAST,
    [VIR_GIC_VERSION_NONE] = "none",
    [VIR_GIC_VERSION_HOST] = "host",
    [VIR_GIC_VERSION_2] = "2",
    [VIR_GIC_VERSION_3] = "3",
);

VIR_ENUM_DECL(virDomainIOAPIC);
VIR_ENUM_IMPL(virDomainIOAPIC, VIR_DOMAIN_IOAPIC_LAST,
    [VIR_DOMAIN_IOAPIC_NONE] = "none",
    [VIR_DOMAIN_IOAPIC_QEMU] = "qemu",
    [VIR_DOMAIN_IOAPIC_KVM] = "kvm",
);

VIR_ENUM_DECL(virDomainHPTResizing);
VIR_ENUM_IMPL(virDomainHPTResizing, VIR_DOMAIN_HPT_RESIZING_LAST,
    [VIR_DOMAIN_HPT_RESIZING_NONE] = "none",
    [VIR_DOMAIN_HPT_RESIZING_ENABLED] = "enabled",
    [VIR_DOMAIN_HPT_RESIZING_DISABLED] = "disabled",
    [VIR_DOMAIN_HPT_RESIZING_REQUIRED] = "required",
);

VIR_ENUM_DECL(virDomainMsrsUnknown);
VIR_ENUM_IMPL(virDomainMsrsUnknown, VIR_DOMAIN_MSRS_UNKNOWN_LAST,
    [VIR_DOMAIN_MSRS_UNKNOWN_IGNORE] = "ignore",
);

VIR_ENUM_DECL(virDomainCFPC);
VIR_ENUM_IMPL(virDomainCFPC, VIR_DOMAIN_CFPC_LAST,
    [VIR_DOMAIN_CFPC_NONE] = "none",
    [VIR_DOMAIN_CFPC_BROKEN] = "broken",
    [VIR_DOMAIN_CFPC_WORKAROUND] = "workaround",
    [VIR_DOMAIN_CFPC_FIXED] = "fixed",
);

VIR_ENUM_DECL(virDomainSBBC);
VIR_ENUM_IMPL(virDomainSBBC, VIR_DOMAIN_SBBC_LAST,
    [VIR_DOMAIN_SBBC_NONE] = "none",
    [VIR_DOMAIN_SBBC_BROKEN] = "broken",
    [VIR_DOMAIN_SBBC_WORKAROUND] = "workaround",
    [VIR_DOMAIN_SBBC_FIXED] = "fixed",
);

VIR_ENUM_DECL(virDomainIBS);
VIR_ENUM_IMPL(virDomainIBS, VIR_DOMAIN_IBS_LAST,
    [VIR_DOMAIN_IBS_NONE] = "none",
    [VIR_DOMAIN_IBS_BROKEN] = "broken",
    [VIR_DOMAIN_IBS_WORKAROUND] = "workaround",
    [VIR_DOMAIN_IBS_FIXEDIBS] = "fixed-ibs",
    [VIR_DOMAIN_IBS_FIXEDCCD] = "fixed-ccd",
    [VIR_DOMAIN_IBS_FIXEDNA] = "fixed-na",
);

VIR_ENUM_IMPL(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST,
    [VIR_DOMAIN_CLOCK_OFFSET_UTC] = "utc",
    [VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME] = "localtime",
    [VIR_DOMAIN_CLOCK_OFFSET_VARIABLE] = "variable",
    [VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE] = "timezone",
    [VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE] = "absolute",
);

VIR_ENUM_DECL(virDomainClockBasis);
VIR_ENUM_IMPL(virDomainClockBasis, VIR_DOMAIN_CLOCK_BASIS_LAST,
    [VIR_DOMAIN_CLOCK_BASIS_UTC] = "utc",
    [VIR_DOMAIN_CLOCK_BASIS_LOCALTIME] = "localtime",
);

VIR_ENUM_IMPL(virDomainTimerName, VIR_DOMAIN_TIMER_NAME_LAST,
    [VIR_DOMAIN_TIMER_NAME_PLATFORM] = "platform",
    [VIR_DOMAIN_TIMER_NAME_PIT] = "pit",
    [VIR_DOMAIN_TIMER_NAME_RTC] = "rtc",
    [VIR_DOMAIN_TIMER_NAME_HPET] = "hpet",
    [VIR_DOMAIN_TIMER_NAME_TSC] = "tsc",
    [VIR_DOMAIN_TIMER_NAME_KVMCLOCK] = "kvmclock",
    [VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK] = "hypervclock",
    [VIR_DOMAIN_TIMER_NAME_ARMVTIMER] = "armvtimer",
);

VIR_ENUM_DECL(virDomainTimerTrack);
VIR_ENUM_IMPL(virDomainTimerTrack, VIR_DOMAIN_TIMER_TRACK_LAST,
    [VIR_DOMAIN_TIMER_TRACK_NONE] = "none",
    [VIR_DOMAIN_TIMER_TRACK_BOOT] = "boot",
    [VIR_DOMAIN_TIMER_TRACK_GUEST] = "guest",
    [VIR_DOMAIN_TIMER_TRACK_WALL] = "wall",
    [VIR_DOMAIN_TIMER_TRACK_REALTIME] = "realtime",
);

VIR_ENUM_DECL(virDomainTimerTickpolicy);
VIR_ENUM_IMPL(virDomainTimerTickpolicy, VIR_DOMAIN_TIMER_TICKPOLICY_LAST,
    [VIR_DOMAIN_TIMER_TICKPOLICY_NONE] = "none",
    [VIR_DOMAIN_TIMER_TICKPOLICY_DELAY] = "delay",
    [VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP] = "catchup",
    [VIR_DOMAIN_TIMER_TICKPOLICY_MERGE] = "merge",
    [VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD] = "discard",
);

VIR_ENUM_DECL(virDomainTimerMode);
VIR_ENUM_IMPL(virDomainTimerMode, VIR_DOMAIN_TIMER_MODE_LAST,
    [VIR_DOMAIN_TIMER_MODE_NONE] = "none",
    [VIR_DOMAIN_TIMER_MODE_AUTO] = "auto",
    [VIR_DOMAIN_TIMER_MODE_NATIVE] = "native",
    [VIR_DOMAIN_TIMER_MODE_EMULATE] = "emulate",
    [VIR_DOMAIN_TIMER_MODE_PARAVIRT] = "paravirt",
    [VIR_DOMAIN_TIMER_MODE_SMPSAFE] = "smpsafe",
);



/* <os>                                                               */

static int
virDomainOSTypeParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "arch", "machine", NULL };
    g_autofree char *type = virDomainXMLContent(node);
    g_autofree char *arch = virXMLPropString(node, "arch");
    int val;

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;
    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("an os <type> must be specified"));
        return -1;
    }
    if ((val = virDomainOSTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown OS type '%1$s'"), type);
        return -1;
    }
    def->os.type = val;

    if (arch) {
        if ((val = virArchTypeFromString(arch)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unknown architecture %1$s"), arch);
            return -1;
        }
        def->os.arch = val;
    }
    g_free(def->os.machine);
    def->os.machine = virXMLPropString(node, "machine");
    return 0;
}


static int
virDomainLoaderParseXML(xmlNodePtr node, virDomainOSDef *os)
{
    const char *attrs[] = { "readonly", "secure", "type", NULL };
    virDomainLoaderDef *loader = os->loader;
    unsigned int type = 0;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateBool(node, "readonly", VIR_XML_PROP_NONE,
                               &loader->readonly) < 0 ||
        virXMLPropTristateBool(node, "secure", VIR_XML_PROP_NONE,
                               &loader->secure) < 0 ||
        virXMLPropEnum(node, "type", virDomainLoaderTypeFromString,
                       VIR_XML_PROP_NONZERO, &type) < 0)
        return -1;
    loader->type = type;
    g_free(loader->path);
    loader->path = virDomainXMLContent(node);
    /* a loader named by path is a ROM unless told otherwise */
    if (loader->path && !loader->type)
        loader->type = VIR_DOMAIN_LOADER_TYPE_ROM;
    return 0;
}


static int
virDomainNvramParseXML(xmlNodePtr node, virDomainOSDef *os)
{
    const char *attrs[] = { "template", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;
    g_free(os->loader->nvram);
    g_free(os->loader->nvramTemplate);
    os->loader->nvram = virDomainXMLContent(node);
    g_free(os->loader->nvramTemplate);
    os->loader->nvramTemplate = virXMLPropString(node, "template");
    return 0;
}


static int
virDomainBootmenuParseXML(xmlNodePtr node, virDomainOSDef *os)
{
    const char *attrs[] = { "enable", "timeout", NULL };
    unsigned int timeout = 0;
    int rc;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateBool(node, "enable", VIR_XML_PROP_REQUIRED,
                               &os->bootmenu) < 0 ||
        (rc = virXMLPropUInt(node, "timeout", 10, VIR_XML_PROP_NONE,
                             &timeout)) < 0)
        return -1;

    /* a timeout only means something for an enabled menu */
    if (rc > 0 && os->bootmenu == VIR_TRISTATE_BOOL_YES) {
        if (timeout > 65535) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("invalid value for boot menu timeout, must be in range [0,65535]"));
            return -1;
        }
        os->bm_timeout = timeout;
        os->bm_timeout_set = true;
    }
    return 0;
}


static int
virDomainOSInitParseXML(xmlNodePtr cur, virDomainOSDef *os)
{
    const char *name = (const char *)cur->name;
    g_autofree char *value = NULL;

    if (STREQ(name, "initenv")) {
        const char *attrs[] = { "name", NULL };
        virDomainOSEnv *env;
        size_t n = 0;

        if (virDomainXMLCheck(cur, attrs, NULL) < 0)
            return -1;
        env = g_new0(virDomainOSEnv, 1);
        g_free(env->name);
        env->name = virXMLPropString(cur, "name");
        g_free(env->value);
        env->value = virXMLNodeContentString(cur);
        while (os->initenv && os->initenv[n])
            n++;
        os->initenv = g_renew(virDomainOSEnv *, os->initenv, n + 2);
        os->initenv[n] = env;
        os->initenv[n + 1] = NULL;
        if (!env->name) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("No name supplied for <initenv> element"));
            return -1;
        }
        return 0;
    }

    if (virDomainXMLCheck(cur, NULL, NULL) < 0)
        return -1;
    value = virXMLNodeContentString(cur);

    if (STREQ(name, "initarg")) {
        size_t n = os->initargv ? g_strv_length(os->initargv) : 0;

        os->initargv = g_renew(char *, os->initargv, n + 2);
        os->initargv[n] = g_steal_pointer(&value);
        os->initargv[n + 1] = NULL;
    } else if (STREQ(name, "init")) {
        g_free(os->init);
        os->init = g_steal_pointer(&value);
    } else if (STREQ(name, "initdir")) {
        g_free(os->initdir);
        os->initdir = g_steal_pointer(&value);
    } else if (STREQ(name, "inituser")) {
        g_free(os->inituser);
        os->inituser = g_steal_pointer(&value);
    } else if (STREQ(name, "initgroup")) {
        g_free(os->initgroup);
        os->initgroup = g_steal_pointer(&value);
    }
    return 0;
}


static int
virDomainOSChildParseXML(xmlNodePtr cur, virDomainDef *def)
{
    virDomainOSDef *os = &def->os;
    const char *name = (const char *)cur->name;
    char **text = NULL;

    if (STREQ(name, "type"))
        return 0;
    if (STREQ(name, "loader") || STREQ(name, "nvram")) {
        if (!os->loader)
            os->loader = g_new0(virDomainLoaderDef, 1);
        if (STREQ(name, "loader"))
            return virDomainLoaderParseXML(cur, os);
        return virDomainNvramParseXML(cur, os);
    }
    if (STREQ(name, "boot")) {
        const char *attrs[] = { "dev", NULL };
        unsigned int dev = 0;

        if (os->nBootDevs == VIR_DOMAIN_MAX_BOOT_DEVS) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("at most %1$d <boot> elements are supported in <os>"),
                           VIR_DOMAIN_MAX_BOOT_DEVS);
            return -1;
        }
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropEnum(cur, "dev", virDomainBootTypeFromString,
                           VIR_XML_PROP_REQUIRED, &dev) < 0)
            return -1;
        os->bootDevs[os->nBootDevs++] = dev;
        return 0;
    }
    if (STREQ(name, "bootmenu"))
        return virDomainBootmenuParseXML(cur, os);

    if (STREQ(name, "kernel"))
        text = &os->kernel;
    else if (STREQ(name, "initrd"))
        text = &os->initrd;
    else if (STREQ(name, "cmdline"))
        text = &os->cmdline;
    else if (STREQ(name, "dtb"))
        text = &os->dtb;
    else if (STREQ(name, "root"))
        text = &os->root;
    else
        return virDomainOSInitParseXML(cur, os);

    if (virDomainXMLCheck(cur, NULL, NULL) < 0)
        return -1;
    g_free(*text);
    *text = virDomainXMLContent(cur);
    return 0;
}


/* With firmware autoselection the hypervisor picks the loader, so the
 * XML may only say where the variables go. */
static int
virDomainLoaderCheck(const virDomainOSDef *os)
{
    const virDomainLoaderDef *loader = os->loader;
    const char *attr = NULL;

    if (!loader)
        return 0;

    if (!os->firmware) {
        if (!loader->path) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("no loader path specified and firmware auto selection disabled"));
            return -1;
        }
        return 0;
    }

    if (loader->readonly)
        attr = "readonly";
    else if (loader->secure)
        attr = "secure";
    else if (loader->type)
        attr = "type";
    if (attr) {
        virReportError(VIR_ERR_XML_DETAIL,
                       _("loader attribute '%1$s' cannot be specified when firmware autoselection is enabled"),
                       attr);
        return -1;
    }
    if (loader->nvramTemplate) {
        virReportError(VIR_ERR_XML_DETAIL, "%s",
                       _("nvram attribute 'template' cannot be specified when firmware autoselection is enabled"));
        return -1;
    }
    return 0;
}


/**
 * virDomainOSParseXML:
 * @node: the <os> element
 * @def: the domain, whose os member is filled
 *
 * The children allowed depend on the OS type: boot options for hvm,
 * kernel options for the paravirtualized types, init for containers.
 *
 * Returns 0, or -1 with an error reported.
 */
int
virDomainOSParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "firmware", NULL };
    const char *hvmChildren[] = { "type", "loader", "nvram", "kernel", "initrd",
                                  "cmdline", "dtb", "root", "boot", "bootmenu",
                                  NULL };
    const char *pvChildren[] = { "type", "loader", "nvram", "kernel", "initrd",
                                 "cmdline", "dtb", "root", NULL };
    const char *exeChildren[] = { "type", "init", "initarg", "initenv",
                                  "initdir", "inituser", "initgroup", NULL };
    const char *const *children = hvmChildren;
    xmlNodePtr type = NULL;
    xmlNodePtr cur;
    unsigned int firmware = 0;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST "type")) {
            type = cur;
            break;
        }
    }
    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("an os <type> must be specified"));
        return -1;
    }
    if (virDomainOSTypeParseXML(type, def) < 0)
        return -1;

    if (def->os.type == VIR_DOMAIN_OSTYPE_EXE)
        children = exeChildren;
    else if (def->os.type != VIR_DOMAIN_OSTYPE_HVM)
        children = pvChildren;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "firmware", virDomainOsDefFirmwareTypeFromString,
                       VIR_XML_PROP_NONZERO, &firmware) < 0)
        return -1;
    def->os.firmware = firmware;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainOSChildParseXML(cur, def) < 0)
            return -1;
    }

    if (def->os.type == VIR_DOMAIN_OSTYPE_EXE && !def->os.init) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("init binary must be specified"));
        return -1;
    }
    return virDomainLoaderCheck(&def->os);
}


static void
virDomainLoaderFormat(virBuffer *buf, const virDomainLoaderDef *loader)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    if (loader->readonly)
        virBufferAsprintf(&attrs, " readonly='%s'",
                          virTristateBoolTypeToString(loader->readonly));
    if (loader->secure)
        virBufferAsprintf(&attrs, " secure='%s'",
                          virTristateBoolTypeToString(loader->secure));
    if (loader->type)
        virBufferAsprintf(&attrs, " type='%s'",
                          virDomainLoaderTypeToString(loader->type));
    if (virBufferUse(&attrs) || loader->path) {
        virBufferAsprintf(buf, "<loader%s", NULLSTR_EMPTY(virBufferCurrentContent(&attrs)));
        if (loader->path)
            virBufferEscapeString(buf, ">%s</loader>\n", loader->path);
        else
            virBufferAddLit(buf, "/>\n");
    }

    if (loader->nvram || loader->nvramTemplate) {
        virBufferAddLit(buf, "<nvram");
        virBufferEscapeString(buf, " template='%s'", loader->nvramTemplate);
        if (loader->nvram)
            virBufferEscapeString(buf, ">%s</nvram>\n", loader->nvram);
        else
            virBufferAddLit(buf, "/>\n");
    }
}


/**
 * virDomainOSFormat:
 * @buf: output buffer at the indentation of <os>
 * @def: the domain
 */
void
virDomainOSFormat(virBuffer *buf, const virDomainDef *def)
{
    const virDomainOSDef *os = &def->os;
    size_t i;

    virBufferAddLit(buf, "<os");
    if (os->firmware)
        virBufferAsprintf(buf, " firmware='%s'",
                          virDomainOsDefFirmwareTypeToString(os->firmware));
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);

    virBufferAddLit(buf, "<type");
    if (os->arch)
        virBufferAsprintf(buf, " arch='%s'", virArchTypeToString(os->arch));
    virBufferEscapeString(buf, " machine='%s'", os->machine);
    virBufferAsprintf(buf, ">%s</type>\n", virDomainOSTypeToString(os->type));

    virBufferEscapeString(buf, "<init>%s</init>\n", os->init);
    for (i = 0; os->initargv && os->initargv[i]; i++)
        virBufferEscapeString(buf, "<initarg>%s</initarg>\n", os->initargv[i]);
    for (i = 0; os->initenv && os->initenv[i]; i++) {
        virBufferEscapeString(buf, "<initenv name='%s'>", os->initenv[i]->name);
        virBufferEscapeString(buf, "%s</initenv>\n", NULLSTR_EMPTY(os->initenv[i]->value));
    }
    virBufferEscapeString(buf, "<initdir>%s</initdir>\n", os->initdir);
    virBufferEscapeString(buf, "<inituser>%s</inituser>\n", os->inituser);
    virBufferEscapeString(buf, "<initgroup>%s</initgroup>\n", os->initgroup);

    if (os->loader)
        virDomainLoaderFormat(buf, os->loader);
    virBufferEscapeString(buf, "<kernel>%s</kernel>\n", os->kernel);
    virBufferEscapeString(buf, "<initrd>%s</initrd>\n", os->initrd);
    virBufferEscapeString(buf, "<cmdline>%s</cmdline>\n", os->cmdline);
    virBufferEscapeString(buf, "<dtb>%s</dtb>\n", os->dtb);
    virBufferEscapeString(buf, "<root>%s</root>\n", os->root);

    for (i = 0; i < os->nBootDevs; i++)
        virBufferAsprintf(buf, "<boot dev='%s'/>\n",
                          virDomainBootTypeToString(os->bootDevs[i]));
    if (os->bootmenu) {
        virBufferAsprintf(buf, "<bootmenu enable='%s'",
                          virTristateBoolTypeToString(os->bootmenu));
        if (os->bm_timeout_set)
            virBufferAsprintf(buf, " timeout='%u'", os->bm_timeout);
        virBufferAddLit(buf, "/>\n");
    }

    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</os>\n");
}


/* ------------------------------------------------------------------ */
/* <features>                                                         */

static int
virDomainFeatureParseState(xmlNodePtr node, virDomainDef *def, int feat,
                           bool required)
{
    const char *attrs[] = { "state", NULL };
    virTristateSwitch state = VIR_TRISTATE_SWITCH_ON;

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateSwitch(node, "state",
                                 required ? VIR_XML_PROP_REQUIRED : VIR_XML_PROP_NONE,
                                 &state) < 0)
        return -1;
    if (state == VIR_TRISTATE_SWITCH_ABSENT)
        state = VIR_TRISTATE_SWITCH_ON;
    def->features[feat] = state;
    return 0;
}


/* A feature with one enum attribute that gives it its meaning. */
static int
virDomainFeatureParseValue(xmlNodePtr node,
                           const char *attr,
                           int (*fromString)(const char *),
                           virXMLPropFlags flags,
                           unsigned int *value)
{
    const char *attrs[] = { attr, NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropEnum(node, attr, fromString, flags, value) < 0)
        return -1;
    return 0;
}


static int
virDomainFeatureSmmParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "tseg", NULL };
    const char *attrs[] = { "state", NULL };
    virTristateSwitch state = VIR_TRISTATE_SWITCH_ON;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropTristateSwitch(node, "state", VIR_XML_PROP_NONE, &state) < 0)
        return -1;
    def->features[VIR_DOMAIN_FEATURE_SMM] = state ? state : VIR_TRISTATE_SWITCH_ON;

    for (cur = node->children; cur; cur = cur->next) {
        const char *tattrs[] = { "unit", NULL };
        g_autofree char *str = NULL;
        g_autofree char *unit = NULL;
        unsigned long long val;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainXMLCheck(cur, tattrs, NULL) < 0)
            return -1;
        str = virXMLNodeContentString(cur);
        unit = virXMLPropString(cur, "unit");
        if (!str || virStrToLong_ull(str, NULL, 10, &val) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value '%1$s' for element or attribute '%2$s'"),
                           NULLSTR_EMPTY(str), "./features/smm/tseg");
            return -1;
        }
        if (virScaleInteger(&val, unit, 1024 * 1024, ULLONG_MAX) < 0)
            return -1;
        def->tseg_size = val;
        def->tseg_specified = true;
    }
    return 0;
}


static int
virDomainFeatureParseOne(xmlNodePtr node, virDomainDef *def)
{
    const char *name = (const char *)node->name;
    int feat = virDomainFeatureTypeFromString(name);
    unsigned int val = 0;

    switch ((virDomainFeature)feat) {
    case VIR_DOMAIN_FEATURE_ACPI:
    case VIR_DOMAIN_FEATURE_PAE:
    case VIR_DOMAIN_FEATURE_VIRIDIAN:
    case VIR_DOMAIN_FEATURE_PRIVNET:
        if (virDomainXMLCheck(node, NULL, NULL) < 0)
            return -1;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_APIC: {
        const char *attrs[] = { "eoi", NULL };

        if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
            virXMLPropTristateSwitch(node, "eoi", VIR_XML_PROP_NONE,
                                     &def->apic_eoi) < 0)
            return -1;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;
    }

    case VIR_DOMAIN_FEATURE_HAP:
    case VIR_DOMAIN_FEATURE_PVSPINLOCK:
    case VIR_DOMAIN_FEATURE_PMU:
    case VIR_DOMAIN_FEATURE_VMPORT:
    case VIR_DOMAIN_FEATURE_VMCOREINFO:
        return virDomainFeatureParseState(node, def, feat, false);

    case VIR_DOMAIN_FEATURE_HTM:
    case VIR_DOMAIN_FEATURE_NESTED_HV:
    case VIR_DOMAIN_FEATURE_CCF_ASSIST:
        return virDomainFeatureParseState(node, def, feat, true);

    case VIR_DOMAIN_FEATURE_SMM:
        return virDomainFeatureSmmParseXML(node, def);

    case VIR_DOMAIN_FEATURE_GIC:
        if (virDomainFeatureParseValue(node, "version", virGICVersionTypeFromString,
                                       VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        def->gic_version = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_IOAPIC:
        if (virDomainFeatureParseValue(node, "driver", virDomainIOAPICTypeFromString,
                                       VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        if (val) {
            def->ioapic = val;
            def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        }
        return 0;

    case VIR_DOMAIN_FEATURE_HPT:
        if (virDomainFeatureParseValue(node, "resizing", virDomainHPTResizingTypeFromString,
                                       VIR_XML_PROP_NONZERO, &val) < 0)
            return -1;
        def->hpt_resizing = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_MSRS:
        if (virDomainFeatureParseValue(node, "unknown", virDomainMsrsUnknownTypeFromString,
                                       VIR_XML_PROP_REQUIRED, &val) < 0)
            return -1;
        def->msrs_unknown = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_CFPC:
        if (virDomainFeatureParseValue(node, "value", virDomainCFPCTypeFromString,
                                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                                       &val) < 0)
            return -1;
        def->cfpc = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_SBBC:
        if (virDomainFeatureParseValue(node, "value", virDomainSBBCTypeFromString,
                                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                                       &val) < 0)
            return -1;
        def->sbbc = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_IBS:
        if (virDomainFeatureParseValue(node, "value", virDomainIBSTypeFromString,
                                       VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                                       &val) < 0)
            return -1;
        def->ibs = val;
        def->features[feat] = VIR_TRISTATE_SWITCH_ON;
        return 0;

    case VIR_DOMAIN_FEATURE_HYPERV:
        return virDomainHypervParseXML(node, def);
    case VIR_DOMAIN_FEATURE_KVM:
        return virDomainKVMParseXML(node, def);
    case VIR_DOMAIN_FEATURE_CAPABILITIES:
    case VIR_DOMAIN_FEATURE_XEN:
    case VIR_DOMAIN_FEATURE_TCG:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("feature '%1$s' is not supported yet"), name);
        return -1;

    case VIR_DOMAIN_FEATURE_LAST:
        break;
    }

    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("unexpected feature '%1$s'"), name);
    return -1;
}


/**
 * virDomainFeaturesParseXML:
 * @node: the <features> element
 * @def: the domain, whose features are filled
 *
 * Returns 0, or -1 with an error reported (an unknown feature is
 * VIR_ERR_CONFIG_UNSUPPORTED as in libvirt).
 */
int
virDomainFeaturesParseXML(xmlNodePtr node, virDomainDef *def)
{
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainFeatureParseOne(cur, def) < 0)
            return -1;
    }
    return 0;
}


/**
 * virDomainFeaturesFormat:
 * @buf: output buffer at the indentation of <features>
 * @def: the domain; nothing is written when it has no feature
 */
void
virDomainFeaturesFormat(virBuffer *buf, const virDomainDef *def)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    for (i = 0; i < VIR_DOMAIN_FEATURE_LAST; i++) {
        const char *name = virDomainFeatureTypeToString(i);
        virTristateSwitch state = def->features[i];

        if (!state)
            continue;

        switch ((virDomainFeature)i) {
        case VIR_DOMAIN_FEATURE_ACPI:
        case VIR_DOMAIN_FEATURE_PAE:
        case VIR_DOMAIN_FEATURE_VIRIDIAN:
        case VIR_DOMAIN_FEATURE_PRIVNET:
            virBufferAsprintf(&children, "<%s/>\n", name);
            break;
        case VIR_DOMAIN_FEATURE_APIC:
            if (def->apic_eoi)
                virBufferAsprintf(&children, "<apic eoi='%s'/>\n",
                                  virTristateSwitchTypeToString(def->apic_eoi));
            else
                virBufferAddLit(&children, "<apic/>\n");
            break;
        case VIR_DOMAIN_FEATURE_SMM:
            if (def->tseg_specified) {
                virBufferAsprintf(&children, "<smm state='%s'>\n",
                                  virTristateSwitchTypeToString(state));
                virBufferAsprintf(&children, "  <tseg unit='MiB'>%llu</tseg>\n",
                                  def->tseg_size >> 20);
                virBufferAddLit(&children, "</smm>\n");
                break;
            }
            G_GNUC_FALLTHROUGH;
        case VIR_DOMAIN_FEATURE_HAP:
        case VIR_DOMAIN_FEATURE_PVSPINLOCK:
        case VIR_DOMAIN_FEATURE_PMU:
        case VIR_DOMAIN_FEATURE_VMPORT:
        case VIR_DOMAIN_FEATURE_VMCOREINFO:
        case VIR_DOMAIN_FEATURE_HTM:
        case VIR_DOMAIN_FEATURE_NESTED_HV:
        case VIR_DOMAIN_FEATURE_CCF_ASSIST:
            virBufferAsprintf(&children, "<%s state='%s'/>\n", name,
                              virTristateSwitchTypeToString(state));
            break;
        case VIR_DOMAIN_FEATURE_GIC:
            if (def->gic_version)
                virBufferAsprintf(&children, "<gic version='%s'/>\n",
                                  virGICVersionTypeToString(def->gic_version));
            else
                virBufferAddLit(&children, "<gic/>\n");
            break;
        case VIR_DOMAIN_FEATURE_IOAPIC:
            virBufferAsprintf(&children, "<ioapic driver='%s'/>\n",
                              virDomainIOAPICTypeToString(def->ioapic));
            break;
        case VIR_DOMAIN_FEATURE_HPT:
            if (def->hpt_resizing)
                virBufferAsprintf(&children, "<hpt resizing='%s'/>\n",
                                  virDomainHPTResizingTypeToString(def->hpt_resizing));
            else
                virBufferAddLit(&children, "<hpt/>\n");
            break;
        case VIR_DOMAIN_FEATURE_MSRS:
            virBufferAsprintf(&children, "<msrs unknown='%s'/>\n",
                              virDomainMsrsUnknownTypeToString(def->msrs_unknown));
            break;
        case VIR_DOMAIN_FEATURE_CFPC:
            virBufferAsprintf(&children, "<cfpc value='%s'/>\n",
                              virDomainCFPCTypeToString(def->cfpc));
            break;
        case VIR_DOMAIN_FEATURE_SBBC:
            virBufferAsprintf(&children, "<sbbc value='%s'/>\n",
                              virDomainSBBCTypeToString(def->sbbc));
            break;
        case VIR_DOMAIN_FEATURE_IBS:
            virBufferAsprintf(&children, "<ibs value='%s'/>\n",
                              virDomainIBSTypeToString(def->ibs));
            break;
        case VIR_DOMAIN_FEATURE_HYPERV:
            virDomainHypervFormat(&children, def);
            break;
        case VIR_DOMAIN_FEATURE_KVM:
            virDomainKVMFormat(&children, def);
            break;
        case VIR_DOMAIN_FEATURE_CAPABILITIES:
        case VIR_DOMAIN_FEATURE_XEN:
        case VIR_DOMAIN_FEATURE_TCG:
        case VIR_DOMAIN_FEATURE_LAST:
            break;
        }
    }

    virXMLFormatElement(buf, "features", NULL, &children);
}


/* ------------------------------------------------------------------ */
/* <clock>                                                            */

static int
virDomainTimerCatchupParseXML(xmlNodePtr node, virDomainTimerDef *timer)
{
    const char *attrs[] = { "threshold", "slew", "limit", NULL };
    struct {
        const char *name;
        unsigned long *field;
    } vals[] = {
        { "threshold", &timer->threshold },
        { "slew", &timer->slew },
        { "limit", &timer->limit },
    };
    size_t i;

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(vals); i++) {
        g_autofree char *str = virXMLPropString(node, vals[i].name);

        if (str && virStrToLong_ul(str, NULL, 10, vals[i].field) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                           vals[i].name, "catchup", str);
            return -1;
        }
    }
    return 0;
}


static int
virDomainTimerParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "name", "present", "tickpolicy", "track",
                            "frequency", "mode", NULL };
    const char *children[] = { "catchup", NULL };
    g_autofree virDomainTimerDef *timer = g_new0(virDomainTimerDef, 1);
    unsigned int name = 0, tickpolicy = 0, track = 0, mode = 0;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0 ||
        virXMLPropEnum(node, "name", virDomainTimerNameTypeFromString,
                       VIR_XML_PROP_REQUIRED, &name) < 0 ||
        virXMLPropTristateBool(node, "present", VIR_XML_PROP_NONE,
                               &timer->present) < 0 ||
        virXMLPropEnum(node, "tickpolicy", virDomainTimerTickpolicyTypeFromString,
                       VIR_XML_PROP_NONZERO, &tickpolicy) < 0 ||
        virXMLPropEnum(node, "track", virDomainTimerTrackTypeFromString,
                       VIR_XML_PROP_NONZERO, &track) < 0 ||
        virXMLPropULongLong(node, "frequency", 10, VIR_XML_PROP_NONE,
                            &timer->frequency) < 0 ||
        virXMLPropEnum(node, "mode", virDomainTimerModeTypeFromString,
                       VIR_XML_PROP_NONZERO, &mode) < 0)
        return -1;
    timer->name = name;
    timer->tickpolicy = tickpolicy;
    timer->track = track;
    timer->mode = mode;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainTimerCatchupParseXML(cur, timer) < 0)
            return -1;
    }

    def->clock.timers = g_renew(virDomainTimerDef *, def->clock.timers,
                                def->clock.ntimers + 1);
    def->clock.timers[def->clock.ntimers++] = g_steal_pointer(&timer);
    return 0;
}


/* Each offset takes its own attributes; refuse the others rather than
 * ignore them. */
static int
virDomainClockCheckOffsetAttrs(xmlNodePtr node, virDomainClockOffsetType offset)
{
    const char *fixed[] = { "offset", "adjustment", NULL };
    const char *variable[] = { "offset", "adjustment", "basis", NULL };
    const char *timezone[] = { "offset", "timezone", NULL };
    const char *absolute[] = { "offset", "start", NULL };

    switch (offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        return virXMLCheckAttributes(node, variable);
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        return virXMLCheckAttributes(node, timezone);
    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        return virXMLCheckAttributes(node, absolute);
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
    case VIR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }
    return virXMLCheckAttributes(node, fixed);
}


/**
 * virDomainClockParseXML:
 * @node: the <clock> element
 * @def: the domain, whose clock is filled
 *
 * Returns 0, or -1 with an error reported.
 */
int
virDomainClockParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "offset", "adjustment", "basis", "timezone",
                            "start", NULL };
    const char *children[] = { "timer", NULL };
    virDomainClockDef *clock = &def->clock;
    g_autofree char *offset = virXMLPropString(node, "offset");
    g_autofree char *adjustment = virXMLPropString(node, "adjustment");
    unsigned int basis = 0;
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, attrs, children) < 0)
        return -1;

    if (offset) {
        int val = virDomainClockOffsetTypeFromString(offset);

        if (val < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown clock offset '%1$s'"), offset);
            return -1;
        }
        clock->offset = val;
    }
    if (virDomainClockCheckOffsetAttrs(node, clock->offset) < 0)
        return -1;

    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        if (!adjustment)
            break;
        if (STREQ(adjustment, "reset")) {
            clock->adjustmentReset = true;
            break;
        }
        if (virStrToLong_ll(adjustment, NULL, 10, &clock->adjustment) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unknown clock adjustment '%1$s'"), adjustment);
            return -1;
        }
        /* a fixed adjustment turns the clock into a variable one */
        clock->basis = clock->offset == VIR_DOMAIN_CLOCK_OFFSET_UTC ?
                       VIR_DOMAIN_CLOCK_BASIS_UTC : VIR_DOMAIN_CLOCK_BASIS_LOCALTIME;
        clock->offset = VIR_DOMAIN_CLOCK_OFFSET_VARIABLE;
        break;

    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        if (adjustment && STRNEQ(adjustment, "reset") &&
            virStrToLong_ll(adjustment, NULL, 10, &clock->adjustment) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unknown clock adjustment '%1$s'"), adjustment);
            return -1;
        }
        if (virXMLPropEnum(node, "basis", virDomainClockBasisTypeFromString,
                           VIR_XML_PROP_NONE, &basis) < 0)
            return -1;
        clock->basis = basis;
        break;

    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        if (!(clock->timezone = virXMLPropString(node, "timezone"))) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing 'timezone' attribute for clock with offset='timezone'"));
            return -1;
        }
        break;

    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        if (!xmlHasProp(node, BAD_CAST "start")) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing 'start' attribute for clock with offset='absolute'"));
            return -1;
        }
        if (virXMLPropULongLong(node, "start", 10, VIR_XML_PROP_NONE,
                                &clock->start) < 0)
            return -1;
        break;

    case VIR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainTimerParseXML(cur, def) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainTimerFormat(virBuffer *buf, const virDomainTimerDef *timer)
{
    virBufferAsprintf(buf, "<timer name='%s'", virDomainTimerNameTypeToString(timer->name));
    if (timer->present)
        virBufferAsprintf(buf, " present='%s'",
                          virTristateBoolTypeToString(timer->present));
    if (timer->tickpolicy)
        virBufferAsprintf(buf, " tickpolicy='%s'",
                          virDomainTimerTickpolicyTypeToString(timer->tickpolicy));
    if (timer->track)
        virBufferAsprintf(buf, " track='%s'",
                          virDomainTimerTrackTypeToString(timer->track));
    if (timer->frequency)
        virBufferAsprintf(buf, " frequency='%llu'", timer->frequency);
    if (timer->mode)
        virBufferAsprintf(buf, " mode='%s'",
                          virDomainTimerModeTypeToString(timer->mode));

    if (timer->threshold || timer->slew || timer->limit) {
        virBufferAddLit(buf, ">\n");
        virBufferAdjustIndent(buf, 2);
        virBufferAddLit(buf, "<catchup");
        if (timer->threshold)
            virBufferAsprintf(buf, " threshold='%lu'", timer->threshold);
        if (timer->slew)
            virBufferAsprintf(buf, " slew='%lu'", timer->slew);
        if (timer->limit)
            virBufferAsprintf(buf, " limit='%lu'", timer->limit);
        virBufferAddLit(buf, "/>\n");
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</timer>\n");
    } else {
        virBufferAddLit(buf, "/>\n");
    }
}


/**
 * virDomainClockFormat:
 * @buf: output buffer at the indentation of <clock>
 * @clock: the clock
 */
void
virDomainClockFormat(virBuffer *buf, const virDomainClockDef *clock)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " offset='%s'",
                      virDomainClockOffsetTypeToString(clock->offset));
    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        if (clock->adjustmentReset)
            virBufferAddLit(&attrs, " adjustment='reset'");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        virBufferAsprintf(&attrs, " adjustment='%lld' basis='%s'",
                          clock->adjustment,
                          virDomainClockBasisTypeToString(clock->basis));
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        virBufferEscapeString(&attrs, " timezone='%s'", clock->timezone);
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        virBufferAsprintf(&attrs, " start='%llu'", clock->start);
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }

    for (i = 0; i < clock->ntimers; i++)
        virDomainTimerFormat(&children, clock->timers[i]);

    virXMLFormatElement(buf, "clock", &attrs, &children);
}
