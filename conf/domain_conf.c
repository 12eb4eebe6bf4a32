/*
 * domain_conf.c: the <domain> document: its top-level elements, the
 * entry points that parse and format it, and small shared helpers
 *
 * The device families are in domain_disk_conf.c and
 * domain_device_conf.c; defaults and cross-element checks applied after
 * parsing are in domain_postparse.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <limits.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "viruuid.h"
#include "virstring.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainVirt, VIR_DOMAIN_VIRT_LAST,
    [VIR_DOMAIN_VIRT_NONE] = "none",
    [VIR_DOMAIN_VIRT_QEMU] = "qemu",
    [VIR_DOMAIN_VIRT_KQEMU] = "kqemu",
    [VIR_DOMAIN_VIRT_KVM] = "kvm",
    [VIR_DOMAIN_VIRT_XEN] = "xen",
    [VIR_DOMAIN_VIRT_LXC] = "lxc",
    [VIR_DOMAIN_VIRT_UML] = "uml",
    [VIR_DOMAIN_VIRT_OPENVZ] = "openvz",
    [VIR_DOMAIN_VIRT_TEST] = "test",
    [VIR_DOMAIN_VIRT_VMWARE] = "vmware",
    [VIR_DOMAIN_VIRT_HYPERV] = "hyperv",
    [VIR_DOMAIN_VIRT_VBOX] = "vbox",
    [VIR_DOMAIN_VIRT_PHYP] = "phyp",
    [VIR_DOMAIN_VIRT_PARALLELS] = "parallels",
    [VIR_DOMAIN_VIRT_BHYVE] = "bhyve",
    [VIR_DOMAIN_VIRT_VZ] = "vz",
    [VIR_DOMAIN_VIRT_HVF] = "hvf",
);

VIR_ENUM_IMPL(virDomainOS, VIR_DOMAIN_OSTYPE_LAST,
    [VIR_DOMAIN_OSTYPE_HVM] = "hvm",
    [VIR_DOMAIN_OSTYPE_XEN] = "xen",
    [VIR_DOMAIN_OSTYPE_LINUX] = "linux",
    [VIR_DOMAIN_OSTYPE_EXE] = "exe",
    [VIR_DOMAIN_OSTYPE_UML] = "uml",
    [VIR_DOMAIN_OSTYPE_XENPVH] = "xenpvh",
);

VIR_ENUM_IMPL(virArch, VIR_ARCH_LAST,
    [VIR_ARCH_NONE] = "none",
    [VIR_ARCH_AARCH64] = "aarch64",
    [VIR_ARCH_ALPHA] = "alpha",
    [VIR_ARCH_ARMV6L] = "armv6l",
    [VIR_ARCH_ARMV7L] = "armv7l",
    [VIR_ARCH_ARMV7B] = "armv7b",
    [VIR_ARCH_CRIS] = "cris",
    [VIR_ARCH_I686] = "i686",
    [VIR_ARCH_IA64] = "ia64",
    [VIR_ARCH_LM32] = "lm32",
    [VIR_ARCH_M68K] = "m68k",
    [VIR_ARCH_MICROBLAZE] = "microblaze",
    [VIR_ARCH_MICROBLAZEEL] = "microblazeel",
    [VIR_ARCH_MIPS] = "mips",
    [VIR_ARCH_MIPSEL] = "mipsel",
    [VIR_ARCH_MIPS64] = "mips64",
    [VIR_ARCH_MIPS64EL] = "mips64el",
    [VIR_ARCH_OR32] = "openrisc",
    [VIR_ARCH_PARISC] = "parisc",
    [VIR_ARCH_PARISC64] = "parisc64",
    [VIR_ARCH_PPC] = "ppc",
    [VIR_ARCH_PPCLE] = "ppcle",
    [VIR_ARCH_PPC64] = "ppc64",
    [VIR_ARCH_PPC64LE] = "ppc64le",
    [VIR_ARCH_PPCEMB] = "ppcemb",
    [VIR_ARCH_RISCV32] = "riscv32",
    [VIR_ARCH_RISCV64] = "riscv64",
    [VIR_ARCH_S390] = "s390",
    [VIR_ARCH_S390X] = "s390x",
    [VIR_ARCH_SH4] = "sh4",
    [VIR_ARCH_SH4EB] = "sh4eb",
    [VIR_ARCH_SPARC] = "sparc",
    [VIR_ARCH_SPARC64] = "sparc64",
    [VIR_ARCH_UNICORE32] = "unicore32",
    [VIR_ARCH_X86_64] = "x86_64",
    [VIR_ARCH_XTENSA] = "xtensa",
    [VIR_ARCH_XTENSAEB] = "xtensaeb",
);

VIR_ENUM_IMPL(virDomainLifecycleAction, VIR_DOMAIN_LIFECYCLE_ACTIONS,
    [VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY] = "destroy",
    [VIR_DOMAIN_LIFECYCLE_ACTION_RESTART] = "restart",
    [VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME] = "rename-restart",
    [VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE] = "preserve",
    [VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
    [VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART] = "coredump-restart",
);

VIR_ENUM_IMPL(virDomainLockFailure, VIR_DOMAIN_LOCK_FAILURE_LAST,
    [VIR_DOMAIN_LOCK_FAILURE_DEFAULT] = "default",
    [VIR_DOMAIN_LOCK_FAILURE_POWEROFF] = "poweroff",
    [VIR_DOMAIN_LOCK_FAILURE_RESTART] = "restart",
    [VIR_DOMAIN_LOCK_FAILURE_PAUSE] = "pause",
    [VIR_DOMAIN_LOCK_FAILURE_IGNORE] = "ignore",
);

VIR_ENUM_IMPL(virDomainState, VIR_DOMAIN_STATES,
    [VIR_DOMAIN_NOSTATE] = "nostate",
    [VIR_DOMAIN_RUNNING] = "running",
    [VIR_DOMAIN_BLOCKED] = "blocked",
    [VIR_DOMAIN_PAUSED] = "paused",
    [VIR_DOMAIN_SHUTDOWN] = "shutdown",
    [VIR_DOMAIN_SHUTOFF] = "shutoff",
    [VIR_DOMAIN_CRASHED] = "crashed",
    [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
);

VIR_ENUM_DECL(virDomainCpuPlacementMode);
VIR_ENUM_IMPL(virDomainCpuPlacementMode, VIR_DOMAIN_CPU_PLACEMENT_MODE_LAST,
    [VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC] = "static",
    [VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO] = "auto",
);

VIR_ENUM_DECL(virDomainNumatuneMemMode);
VIR_ENUM_IMPL(virDomainNumatuneMemMode, VIR_DOMAIN_NUMATUNE_MEM_MODES,
    [VIR_DOMAIN_NUMATUNE_MEM_STRICT] = "strict",
    [VIR_DOMAIN_NUMATUNE_MEM_PREFERRED] = "preferred",
    [VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE] = "interleave",
    [VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE] = "restrictive",
);

/* Elements of libvirt's domain format that this model does not cover
 * yet: refused as unsupported configuration rather than as bad XML. */
static const char *const virDomainTopUnsupported[] = {
    "genid", "vcpus", "iothreadids", "defaultiothread", "resource",
    "bootloader", "bootloader_args", "idmap", "perf", "keywrap", "launchSecurity", "throttlegroups", NULL,
};

static const char *const virDomainDeviceUnsupported[] = {
    "lease", "parallel", "redirfilter",
    "hub", "nvram", "shmem", "iommu", "vsock", "crypto", NULL,
};


/* ------------------------------------------------------------------ */
/* Helpers shared by the files of the model (domain_conf_priv.h)      */

/**
 * virDomainXMLCheck:
 * @node: an element
 * @attrs: NULL-terminated attribute names it may carry, or NULL for none
 * @children: NULL-terminated child element names, or NULL for none
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR naming the first attribute or
 * child element that is not in the lists.
 */
int
virDomainXMLCheck(xmlNodePtr node,
                  const char *const *attrs,
                  const char *const *children)
{
    const char *none[] = { NULL };

    if (virXMLCheckAttributes(node, attrs ? attrs : none) < 0 ||
        virXMLCheckChildren(node, children ? children : none) < 0)
        return -1;
    return 0;
}


/**
 * virDomainXMLContent:
 * @node: an element with text content only
 *
 * Returns the text of @node (caller frees), or NULL when it is empty.
 */
char *
virDomainXMLContent(xmlNodePtr node)
{
    char *str = virXMLNodeContentString(node);

    if (str && !*str)
        g_clear_pointer(&str, g_free);
    return str;
}


/* libvirt refuses CPU or node numbers this large in a range list */
#define VIR_DOMAIN_RANGE_LIST_MAX 16384

/**
 * virDomainParseRangeList:
 * @str: a list such as "0-3,^2,7"
 *
 * Returns the normalized list ("0-1,3,7"), an empty string when every
 * number was excluded, or NULL with VIR_ERR_INVALID_ARG reported.
 */
char *
virDomainParseRangeList(const char *str)
{
    g_autofree bool *bits = g_new0(bool, VIR_DOMAIN_RANGE_LIST_MAX);
    g_auto(GStrv) parts = g_strsplit(str, ",", 0);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    size_t i;
    int start = -1;

    if (!parts[0])
        goto error;

    for (i = 0; parts[i]; i++) {
        const char *p = parts[i];
        bool neg = false;
        unsigned int lo, hi;
        char *end;
        unsigned int j;

        if (*p == '^') {
            neg = true;
            p++;
        }
        if (virStrToLong_ui(p, &end, 10, &lo) < 0)
            goto error;
        hi = lo;
        if (*end == '-' && !neg) {
            if (virStrToLong_ui(end + 1, &end, 10, &hi) < 0)
                goto error;
        }
        while (*end == ' ')
            end++;
        if (*end || hi < lo || hi >= VIR_DOMAIN_RANGE_LIST_MAX)
            goto error;
        for (j = lo; j <= hi; j++)
            bits[j] = !neg;
    }

    for (i = 0; i <= VIR_DOMAIN_RANGE_LIST_MAX; i++) {
        bool set = i < VIR_DOMAIN_RANGE_LIST_MAX && bits[i];

        if (set && start < 0) {
            start = i;
        } else if (!set && start >= 0) {
            if (virBufferUse(&buf))
                virBufferAddChar(&buf, ',');
            if ((int)i - 1 == start)
                virBufferAsprintf(&buf, "%d", start);
            else
                virBufferAsprintf(&buf, "%d-%zu", start, i - 1);
            start = -1;
        }
    }
    if (!virBufferUse(&buf))
        return g_strdup("");
    return virBufferContentAndReset(&buf);

 error:
    virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                         __FILE__, __func__, __LINE__,
                         _("Failed to parse bitmap '%1$s'"), str);
    return NULL;
}


/* ------------------------------------------------------------------ */
/* Life cycle of the definition                                       */

/**
 * virDomainDefNew:
 *
 * Returns an empty definition (id -1); never NULL.
 */
virDomainDef *
virDomainDefNew(void)
{
    virDomainDef *def = g_new0(virDomainDef, 1);

    def->id = -1;
    def->onPoweroff = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    def->onReboot = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    return def;
}


static void
virDomainOSDefClear(virDomainOSDef *os)
{
    size_t i;

    if (os->loader) {
        g_free(os->loader->path);
        g_free(os->loader->nvram);
        g_free(os->loader->nvramTemplate);
        g_free(os->loader);
    }
    g_free(os->machine);
    g_free(os->kernel);
    g_free(os->initrd);
    g_free(os->cmdline);
    g_free(os->dtb);
    g_free(os->root);
    g_free(os->init);
    g_strfreev(os->initargv);
    for (i = 0; os->initenv && os->initenv[i]; i++) {
        g_free(os->initenv[i]->name);
        g_free(os->initenv[i]->value);
        g_free(os->initenv[i]);
    }
    g_free(os->initenv);
    g_free(os->initdir);
    g_free(os->inituser);
    g_free(os->initgroup);
}


/**
 * virDomainDefFree:
 * @def: a definition, may be NULL
 *
 * Free @def and everything it owns.
 */
void
virDomainDefFree(virDomainDef *def)
{
    size_t i;

    if (!def)
        return;

    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    if (def->metadata)
        xmlFreeDoc(def->metadata->doc);
    g_free(def->cpuset);
    g_free(def->numatune.nodeset);
    virDomainOSDefClear(&def->os);
    virCPUDefFree(def->cpu);
    g_free(def->clock.timezone);
    for (i = 0; i < def->clock.ntimers; i++)
        g_free(def->clock.timers[i]);
    g_free(def->clock.timers);

    g_free(def->emulator);
    for (i = 0; i < def->ndisks; i++)
        virDomainDiskDefFree(def->disks[i]);
    g_free(def->disks);
    for (i = 0; i < def->ncontrollers; i++)
        virDomainControllerDefFree(def->controllers[i]);
    g_free(def->controllers);
    for (i = 0; i < def->nnets; i++)
        virDomainNetDefFree(def->nets[i]);
    g_free(def->nets);
    for (i = 0; i < def->nserials; i++)
        virDomainChrDefFree(def->serials[i]);
    g_free(def->serials);
    for (i = 0; i < def->nconsoles; i++)
        virDomainChrDefFree(def->consoles[i]);
    g_free(def->consoles);
    for (i = 0; i < def->nchannels; i++)
        virDomainChrDefFree(def->channels[i]);
    g_free(def->channels);
    for (i = 0; i < def->ninputs; i++)
        virDomainInputDefFree(def->inputs[i]);
    g_free(def->inputs);
    for (i = 0; i < def->ngraphics; i++)
        virDomainGraphicsDefFree(def->graphics[i]);
    g_free(def->graphics);
    for (i = 0; i < def->nvideos; i++)
        virDomainVideoDefFree(def->videos[i]);
    g_free(def->videos);
    virDomainMemballoonDefFree(def->memballoon);
#define VIR_DOMAIN_FREE_FAMILY(array, count, freefunc) \
    for (i = 0; i < def->count; i++) \
        freefunc(def->array[i]); \
    g_free(def->array)
    VIR_DOMAIN_FREE_FAMILY(fss, nfss, virDomainFSDefFree);
    VIR_DOMAIN_FREE_FAMILY(tpms, ntpms, virDomainTPMDefFree);
    VIR_DOMAIN_FREE_FAMILY(sounds, nsounds, virDomainSoundDefFree);
    VIR_DOMAIN_FREE_FAMILY(audios, naudios, virDomainAudioDefFree);
    VIR_DOMAIN_FREE_FAMILY(hostdevs, nhostdevs, virDomainHostdevDefFree);
    VIR_DOMAIN_FREE_FAMILY(redirdevs, nredirdevs, virDomainRedirdevDefFree);
    VIR_DOMAIN_FREE_FAMILY(watchdogs, nwatchdogs, virDomainWatchdogDefFree);
    VIR_DOMAIN_FREE_FAMILY(rngs, nrngs, virDomainRNGDefFree);
    VIR_DOMAIN_FREE_FAMILY(panics, npanics, virDomainPanicDefFree);
    VIR_DOMAIN_FREE_FAMILY(smartcards, nsmartcards, virDomainSmartcardDefFree);
    VIR_DOMAIN_FREE_FAMILY(mems, nmems, virDomainMemoryDefFree);
    VIR_DOMAIN_FREE_FAMILY(sysinfo, nsysinfo, virSysinfoDefFree);
    VIR_DOMAIN_FREE_FAMILY(seclabels, nseclabels, virSecurityLabelDefFree);
#undef VIR_DOMAIN_FREE_FAMILY
    virDomainTuneClear(def);
    g_free(def->hv.vendor_id);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* <name>, <uuid>, <title>, <description>, <metadata>                 */

static int
virDomainDefParseName(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *name = virDomainXMLContent(node);
    const char *p;

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;
    if (!name)
        return 0;

    for (p = name; *p; p++) {
        if (*p == '\n') {
            virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_DETAIL,
                                 __FILE__, __func__, __LINE__,
                                 _("invalid char in %1$s: %2$c"), "name", *p);
            return -1;
        }
    }
    if (strchr(name, '/')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name %1$s cannot contain '/'"), name);
        return -1;
    }
    g_free(def->name);
    def->name = g_steal_pointer(&name);
    return 0;
}


static int
virDomainDefParseUUID(xmlNodePtr node, virDomainDef *def, bool *haveUUID)
{
    g_autofree char *uuid = virDomainXMLContent(node);

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;
    if (!uuid)
        return 0;
    if (virUUIDParse(uuid, def->uuid) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("malformed uuid element"));
        return -1;
    }
    *haveUUID = true;
    return 0;
}


static int
virDomainDefParseTitle(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *title = virDomainXMLContent(node);

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;
    if (title && strchr(title, '\n')) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Domain title can't contain newlines"));
        return -1;
    }
    g_free(def->title);
    def->title = g_steal_pointer(&title);
    return 0;
}


/* Drop whitespace-only text between elements, as a parser that removes
 * blanks would, so that the stored metadata formats like libvirt's. */
static void
virDomainMetadataStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur;
    xmlNodePtr next;
    bool hasElement = false;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE || cur->type == XML_COMMENT_NODE)
            hasElement = true;
    }

    for (cur = node->children; cur; cur = next) {
        next = cur->next;
        if (cur->type == XML_ELEMENT_NODE) {
            virDomainMetadataStripBlanks(cur);
        } else if (hasElement && cur->type == XML_TEXT_NODE &&
                   xmlIsBlankNode(cur)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        }
    }
}


/**
 * virDomainXMLNodeCopy:
 * @node: an element holding foreign XML (<metadata>, a snapshot <cookie>)
 *
 * Copy @node into a document of its own, with the namespace declarations
 * it needs, dropping whitespace-only text between elements as libvirt's
 * parser does.
 *
 * Returns the copy (free with xmlFreeDoc(copy->doc)), or NULL with an
 * error reported.
 */
xmlNodePtr
virDomainXMLNodeCopy(xmlNodePtr node)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy;

    if (!(copy = xmlDocCopyNode(node, doc, 1))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot copy element '%1$s'"), (const char *)node->name);
        return NULL;
    }
    xmlDocSetRootElement(doc, copy);
    virDomainMetadataStripBlanks(copy);
    doc = NULL;
    return copy;
}


/**
 * virDomainXMLNodeFormat:
 * @buf: output buffer, at the indentation of @node
 * @node: an element copied by virDomainXMLNodeCopy(), may be NULL
 *
 * Write @node as libvirt writes foreign XML: libxml2's own serialization
 * (double-quoted attributes), nested lines indented by two spaces.
 */
void
virDomainXMLNodeFormat(virBuffer *buf, xmlNodePtr node)
{
    xmlBufferPtr xmlbuf;
    int oldIndent;

    if (!node)
        return;

    oldIndent = xmlIndentTreeOutput;
    xmlIndentTreeOutput = 1;
    xmlbuf = xmlBufferCreate();
    /* libxml2 indents the nested lines by level, the buffer the first */
    if (xmlNodeDump(xmlbuf, node->doc, node, virBufferGetIndent(buf) / 2, 1) >= 0) {
        virBufferAdd(buf, (const char *)xmlBufferContent(xmlbuf), -1);
        virBufferAddLit(buf, "\n");
    }
    xmlBufferFree(xmlbuf);
    xmlIndentTreeOutput = oldIndent;
}


static int
virDomainDefParseMetadata(xmlNodePtr node, virDomainDef *def)
{
    xmlNodePtr copy;
    xmlNodePtr cur;
    xmlNodePtr next;

    /* namespace declarations are allowed, attributes are not */
    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0)
        return -1;
    if (!(copy = virDomainXMLNodeCopy(node)))
        return -1;
    def->metadata = copy;

    for (cur = copy->children; cur; cur = next) {
        xmlNodePtr other;

        next = cur->next;
        if (cur->type != XML_ELEMENT_NODE) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
            continue;
        }
        if (!cur->ns || !cur->ns->href) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("metadata element '%1$s' must have a namespace"),
                           (const char *)cur->name);
            return -1;
        }
        for (other = copy->children; other != cur; other = other->next) {
            if (other->type == XML_ELEMENT_NODE &&
                xmlStrEqual(other->ns->href, cur->ns->href)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("more than one metadata element in namespace '%1$s'"),
                               (const char *)cur->ns->href);
                return -1;
            }
        }
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* <memory>, <currentMemory>                                          */

/**
 * virDomainParseMemory:
 * @node: an element whose content is a size, with an optional unit=
 * @xpath: how libvirt names the element in its error
 * @kib: the size, rounded up to KiB
 *
 * Returns 0, or -1 with an error.
 */
int
virDomainParseMemory(xmlNodePtr node,
                     const char *xpath,
                     unsigned long long *kib)
{
    g_autofree char *str = virXMLNodeContentString(node);
    g_autofree char *unit = virXMLPropString(node, "unit");
    unsigned long long bytes;

    if (!str || virStrToLong_ull(str, NULL, 10, &bytes) < 0) {
        /* the wording and error domain of libvirt's XML number parser */
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             __FILE__, __func__, __LINE__,
                             _("Invalid value '%1$s' for element or attribute '%2$s'"),
                             NULLSTR_EMPTY(str), xpath);
        return -1;
    }
    if (virScaleInteger(&bytes, unit, 1024, LLONG_MAX) < 0)
        return -1;
    *kib = bytes / 1024 + (bytes % 1024 ? 1 : 0);
    return 0;
}


static int
virDomainDefParseMemoryElement(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "unit", "dumpCore", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateSwitch(node, "dumpCore", VIR_XML_PROP_NONE,
                                 &def->mem.dump_core) < 0 ||
        virDomainParseMemory(node, "./memory[1]", &def->mem.max_memory) < 0)
        return -1;
    return 0;
}


static int
virDomainDefParseCurrentMemory(xmlNodePtr node, virDomainDef *def)
{
    const char *attrs[] = { "unit", NULL };

    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virDomainParseMemory(node, "./currentMemory[1]", &def->mem.cur_balloon) < 0)
        return -1;
    return 0;
}


static void
virDomainDefFormatMemory(virBuffer *buf, const virDomainDef *def)
{
    virBufferAddLit(buf, "<memory");
    if (def->mem.dump_core)
        virBufferAsprintf(buf, " dumpCore='%s'",
                          virTristateSwitchTypeToString(def->mem.dump_core));
    virBufferAsprintf(buf, " unit='KiB'>%llu</memory>\n", def->mem.max_memory);
    virBufferAsprintf(buf, "<currentMemory unit='KiB'>%llu</currentMemory>\n",
                      def->mem.cur_balloon);
}


/* ------------------------------------------------------------------ */
/* <vcpu>, <numatune>                                                 */

static int
virDomainDefParseVcpu(xmlNodePtr node, virDomainDef *def, bool *haveCurrent)
{
    const char *attrs[] = { "placement", "cpuset", "current", NULL };
    g_autofree char *count = virXMLNodeContentString(node);
    g_autofree char *cpuset = NULL;
    unsigned int placement = 0;
    int rc;

    if (virDomainXMLCheck(node, attrs, NULL) < 0)
        return -1;

    if (!count || virStrToLong_ui(count, NULL, 10, &def->maxvcpus) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("maximum vcpus count must be an integer"));
        return -1;
    }
    if (def->maxvcpus == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Domain requires at least 1 vCPU"));
        return -1;
    }

    if ((rc = virXMLPropUInt(node, "current", 10, VIR_XML_PROP_NONE,
                             &def->vcpus)) < 0)
        return -1;
    *haveCurrent = rc > 0;

    if ((rc = virXMLPropEnum(node, "placement", virDomainCpuPlacementModeTypeFromString,
                             VIR_XML_PROP_NONE, &placement)) < 0)
        return -1;
    def->placement_mode = placement;

    if ((cpuset = virXMLPropString(node, "cpuset")) &&
        def->placement_mode != VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO) {
        g_autofree char *list = virDomainParseRangeList(cpuset);

        if (!list)
            return -1;
        if (!*list) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid value of 'cpuset': %1$s"), cpuset);
            return -1;
        }
        def->cpuset = g_steal_pointer(&list);
    }
    return 0;
}


static void
virDomainDefFormatVcpu(virBuffer *buf, const virDomainDef *def)
{
    virBufferAsprintf(buf, "<vcpu placement='%s'",
                      virDomainCpuPlacementModeTypeToString(def->placement_mode));
    virBufferEscapeString(buf, " cpuset='%s'", def->cpuset);
    if (def->vcpus != def->maxvcpus)
        virBufferAsprintf(buf, " current='%u'", def->vcpus);
    virBufferAsprintf(buf, ">%u</vcpu>\n", def->maxvcpus);
}


static int
virDomainNumatuneParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "memory", NULL };
    const char *attrs[] = { "mode", "placement", "nodeset", NULL };
    virDomainNumatuneDef *numa = &def->numatune;
    xmlNodePtr mem = NULL;
    xmlNodePtr cur;
    g_autofree char *mode = NULL;
    g_autofree char *nodeset = NULL;
    unsigned int placement = 0;
    int rc;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            mem = cur;
    }
    if (!mem)
        return 0;
    if (virDomainXMLCheck(mem, attrs, NULL) < 0)
        return -1;
    if (!mem->properties)
        return 0;

    if ((mode = virXMLPropString(mem, "mode"))) {
        int val = virDomainNumatuneMemModeTypeFromString(mode);

        if (val < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unsupported NUMA memory tuning mode '%1$s'"), mode);
            return -1;
        }
        numa->mode = val;
    }

    if ((rc = virXMLPropEnum(mem, "placement", virDomainCpuPlacementModeTypeFromString,
                             VIR_XML_PROP_NONE, &placement)) < 0)
        return -1;
    nodeset = virXMLPropString(mem, "nodeset");
    if (rc == 0)
        placement = nodeset ? VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC :
                              VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;
    if (!mode && !nodeset && rc == 0)
        placement = VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;
    else if (mode && !nodeset && rc == 0)
        placement = VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC;
    numa->placement = placement;

    if (placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC) {
        if (!nodeset) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("nodeset for NUMA memory tuning must be set if 'placement' is 'static'"));
            return -1;
        }
        if (!(numa->nodeset = virDomainParseRangeList(nodeset)))
            return -1;
    }
    numa->present = true;
    return 0;
}


static void
virDomainNumatuneFormat(virBuffer *buf, const virDomainNumatuneDef *numa)
{
    if (!numa->present)
        return;

    virBufferAddLit(buf, "<numatune>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<memory mode='%s'",
                      virDomainNumatuneMemModeTypeToString(numa->mode));
    if (numa->placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC)
        virBufferEscapeString(buf, " nodeset='%s'", numa->nodeset);
    else
        virBufferAddLit(buf, " placement='auto'");
    virBufferAddLit(buf, "/>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</numatune>\n");
}


/* ------------------------------------------------------------------ */
/* ------------------------------------------------------------------ */
/* <on_*>, <pm>                                                       */

static int
virDomainLifecycleParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *name = (const char *)node->name;
    g_autofree char *action = virDomainXMLContent(node);
    int val;

    if (virDomainXMLCheck(node, NULL, NULL) < 0)
        return -1;

    /* an empty element leaves the default */
    if (!action)
        return 0;

    if (STREQ(name, "on_lockfailure")) {
        if ((val = virDomainLockFailureTypeFromString(action)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown %1$s action: %2$s"), name, action);
            return -1;
        }
        def->onLockFailure = val;
        return 0;
    }

    if ((val = virDomainLifecycleActionTypeFromString(action)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown %1$s action: %2$s"), name, action);
        return -1;
    }
    if (STREQ(name, "on_poweroff"))
        def->onPoweroff = val;
    else if (STREQ(name, "on_reboot"))
        def->onReboot = val;
    else
        def->onCrash = val;
    return 0;
}


static int
virDomainPMParseXML(xmlNodePtr node, virDomainDef *def)
{
    const char *children[] = { "suspend-to-mem", "suspend-to-disk", NULL };
    const char *attrs[] = { "enabled", NULL };
    xmlNodePtr cur;

    if (virDomainXMLCheck(node, NULL, children) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        virTristateBool *field;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        field = xmlStrEqual(cur->name, BAD_CAST "suspend-to-mem") ?
                &def->pm.s3 : &def->pm.s4;
        if (virDomainXMLCheck(cur, attrs, NULL) < 0 ||
            virXMLPropTristateBool(cur, "enabled", VIR_XML_PROP_NONE, field) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainLifecycleFormat(virBuffer *buf, const virDomainDef *def)
{
    virBufferAsprintf(buf, "<on_poweroff>%s</on_poweroff>\n",
                      virDomainLifecycleActionTypeToString(def->onPoweroff));
    virBufferAsprintf(buf, "<on_reboot>%s</on_reboot>\n",
                      virDomainLifecycleActionTypeToString(def->onReboot));
    virBufferAsprintf(buf, "<on_crash>%s</on_crash>\n",
                      virDomainLifecycleActionTypeToString(def->onCrash));
    if (def->onLockFailure)
        virBufferAsprintf(buf, "<on_lockfailure>%s</on_lockfailure>\n",
                          virDomainLockFailureTypeToString(def->onLockFailure));

    if (def->pm.s3 || def->pm.s4) {
        virBufferAddLit(buf, "<pm>\n");
        virBufferAdjustIndent(buf, 2);
        if (def->pm.s3)
            virBufferAsprintf(buf, "<suspend-to-mem enabled='%s'/>\n",
                              virTristateBoolTypeToString(def->pm.s3));
        if (def->pm.s4)
            virBufferAsprintf(buf, "<suspend-to-disk enabled='%s'/>\n",
                              virTristateBoolTypeToString(def->pm.s4));
        virBufferAdjustIndent(buf, -2);
        virBufferAddLit(buf, "</pm>\n");
    }
}


/* ------------------------------------------------------------------ */
/* <devices>                                                          */

#define VIR_APPEND(array, count, item) \
    do { \
        (array) = g_renew(typeof(*(array)), (array), (count) + 1); \
        (array)[(count)++] = (item); \
    } while (0)

static bool
virDomainNameInList(const char *const *list, const char *name)
{
    for (; *list; list++) {
        if (STREQ(*list, name))
            return true;
    }
    return false;
}


/* The device families kept in one array each, in the order libvirt
 * formats them.  Returns 1 when @cur was parsed, 0 when it is not one
 * of them, -1 on error. */
static int
virDomainMiscDeviceParse(xmlNodePtr cur, virDomainDef *def, unsigned int flags)
{
    const char *name = (const char *)cur->name;

#define VIR_DOMAIN_PARSE_FAMILY(elem, Name, array, count) \
    if (STREQ(name, elem)) { \
        void *dev = Name##ParseXML(cur, flags); \
        if (!dev) \
            return -1; \
        VIR_APPEND(def->array, def->count, dev); \
        return 1; \
    }

    VIR_DOMAIN_PARSE_FAMILY("filesystem", virDomainFSDef, fss, nfss);
    VIR_DOMAIN_PARSE_FAMILY("tpm", virDomainTPMDef, tpms, ntpms);
    VIR_DOMAIN_PARSE_FAMILY("sound", virDomainSoundDef, sounds, nsounds);
    VIR_DOMAIN_PARSE_FAMILY("audio", virDomainAudioDef, audios, naudios);
    VIR_DOMAIN_PARSE_FAMILY("hostdev", virDomainHostdevDef, hostdevs, nhostdevs);
    VIR_DOMAIN_PARSE_FAMILY("redirdev", virDomainRedirdevDef, redirdevs, nredirdevs);
    VIR_DOMAIN_PARSE_FAMILY("watchdog", virDomainWatchdogDef, watchdogs, nwatchdogs);
    VIR_DOMAIN_PARSE_FAMILY("rng", virDomainRNGDef, rngs, nrngs);
    VIR_DOMAIN_PARSE_FAMILY("panic", virDomainPanicDef, panics, npanics);
    VIR_DOMAIN_PARSE_FAMILY("smartcard", virDomainSmartcardDef, smartcards, nsmartcards);
    VIR_DOMAIN_PARSE_FAMILY("memory", virDomainMemoryDef, mems, nmems);
#undef VIR_DOMAIN_PARSE_FAMILY
    return 0;
}


static int
virDomainDeviceParseOne(xmlNodePtr cur, virDomainDef *def, unsigned int flags)
{
    const char *name = (const char *)cur->name;
    int rc;

    if (STREQ(name, "emulator")) {
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        g_free(def->emulator);
        def->emulator = virDomainXMLContent(cur);
    } else if (STREQ(name, "disk")) {
        virDomainDiskDef *disk = virDomainDiskDefParseXML(cur, flags);

        if (!disk)
            return -1;
        virDomainDiskInsert(def, disk);
    } else if (STREQ(name, "controller")) {
        virDomainControllerDef *cont = virDomainControllerDefParseXML(cur, flags);

        if (!cont)
            return -1;
        virDomainControllerInsert(def, cont);
    } else if (STREQ(name, "interface")) {
        virDomainNetDef *net = virDomainNetDefParseXML(cur, flags);

        if (!net)
            return -1;
        VIR_APPEND(def->nets, def->nnets, net);
    } else if (STREQ(name, "serial") || STREQ(name, "console") ||
               STREQ(name, "channel")) {
        virDomainChrDeviceType type = VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
        virDomainChrDef *chr;

        if (STREQ(name, "serial"))
            type = VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL;
        else if (STREQ(name, "channel"))
            type = VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL;
        if (!(chr = virDomainChrDefParseXML(cur, type, flags)))
            return -1;
        if (type == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL)
            VIR_APPEND(def->serials, def->nserials, chr);
        else if (type == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL)
            VIR_APPEND(def->channels, def->nchannels, chr);
        else
            VIR_APPEND(def->consoles, def->nconsoles, chr);
    } else if (STREQ(name, "input")) {
        virDomainInputDef *input = virDomainInputDefParseXML(cur, flags);

        if (!input)
            return -1;
        VIR_APPEND(def->inputs, def->ninputs, input);
    } else if (STREQ(name, "graphics")) {
        virDomainGraphicsDef *graphics = virDomainGraphicsDefParseXML(cur, flags);

        if (!graphics)
            return -1;
        VIR_APPEND(def->graphics, def->ngraphics, graphics);
    } else if (STREQ(name, "video")) {
        virDomainVideoDef *video = virDomainVideoDefParseXML(cur, flags);

        if (!video)
            return -1;
        VIR_APPEND(def->videos, def->nvideos, video);
    } else if (STREQ(name, "memballoon")) {
        if (def->memballoon) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("only a single memory balloon device is supported"));
            return -1;
        }
        if (!(def->memballoon = virDomainMemballoonDefParseXML(cur, flags)))
            return -1;
    } else if ((rc = virDomainMiscDeviceParse(cur, def, flags)) != 0) {
        return rc < 0 ? -1 : 0;
    } else if (virDomainNameInList(virDomainDeviceUnsupported, name)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("device element '%1$s' is not supported yet"), name);
        return -1;
    } else {
        /* worded and filed like virXMLCheckChildren() reports it */
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             __FILE__, __func__, __LINE__,
                             _("unsupported element '%1$s' in element '%2$s'"),
                             name, "devices");
        return -1;
    }
    return 0;
}


static int
virDomainDevicesParseXML(xmlNodePtr node, virDomainDef *def, unsigned int flags)
{
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, (const char *[]){ NULL }) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virDomainDeviceParseOne(cur, def, flags) < 0)
            return -1;
    }
    return 0;
}


static void
virDomainDevicesFormat(virBuffer *buf, const virDomainDef *def,
                       unsigned int flags)
{
    size_t i;

    virBufferAddLit(buf, "<devices>\n");
    virBufferAdjustIndent(buf, 2);

    virBufferEscapeString(buf, "<emulator>%s</emulator>\n", def->emulator);
    for (i = 0; i < def->ndisks; i++)
        virDomainDiskDefFormat(buf, def->disks[i], flags);
    for (i = 0; i < def->ncontrollers; i++)
        virDomainControllerDefFormat(buf, def->controllers[i], flags);
    for (i = 0; i < def->nfss; i++)
        virDomainFSDefFormat(buf, def->fss[i], flags);
    for (i = 0; i < def->nnets; i++)
        virDomainNetDefFormat(buf, def->nets[i], flags);
    for (i = 0; i < def->nsmartcards; i++)
        virDomainSmartcardDefFormat(buf, def->smartcards[i], flags);
    for (i = 0; i < def->nserials; i++)
        virDomainChrDefFormat(buf, def->serials[i], flags);
    for (i = 0; i < def->nconsoles; i++)
        virDomainChrDefFormat(buf, def->consoles[i], flags);
    for (i = 0; i < def->nchannels; i++)
        virDomainChrDefFormat(buf, def->channels[i], flags);
    for (i = 0; i < def->ninputs; i++)
        virDomainInputDefFormat(buf, def->inputs[i], flags);
    for (i = 0; i < def->ntpms; i++)
        virDomainTPMDefFormat(buf, def->tpms[i], flags);
    for (i = 0; i < def->ngraphics; i++)
        virDomainGraphicsDefFormat(buf, def->graphics[i], flags);
    for (i = 0; i < def->nsounds; i++)
        virDomainSoundDefFormat(buf, def->sounds[i], flags);
    for (i = 0; i < def->naudios; i++)
        virDomainAudioDefFormat(buf, def->audios[i], flags);
    for (i = 0; i < def->nvideos; i++)
        virDomainVideoDefFormat(buf, def->videos[i], flags);
    for (i = 0; i < def->nhostdevs; i++)
        virDomainHostdevDefFormat(buf, def->hostdevs[i], flags);
    for (i = 0; i < def->nredirdevs; i++)
        virDomainRedirdevDefFormat(buf, def->redirdevs[i], flags);
    for (i = 0; i < def->nwatchdogs; i++)
        virDomainWatchdogDefFormat(buf, def->watchdogs[i], flags);
    if (def->memballoon)
        virDomainMemballoonDefFormat(buf, def->memballoon, flags);
    for (i = 0; i < def->nrngs; i++)
        virDomainRNGDefFormat(buf, def->rngs[i], flags);
    for (i = 0; i < def->npanics; i++)
        virDomainPanicDefFormat(buf, def->panics[i], flags);
    for (i = 0; i < def->nmems; i++)
        virDomainMemoryDefFormat(buf, def->mems[i], flags);

    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</devices>\n");
}


/* ------------------------------------------------------------------ */
/* <domain>                                                           */

static int
virDomainDefParseRootAttrs(xmlNodePtr root, virDomainDef *def,
                           unsigned int flags)
{
    const char *attrs[] = { "type", "id", NULL };
    g_autofree char *type = NULL;
    g_autofree char *id = NULL;
    int val;

    if (virXMLCheckAttributes(root, attrs) < 0)
        return -1;

    if (!(type = virXMLPropString(root, "type"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing domain type attribute"));
        return -1;
    }
    if ((val = virDomainVirtTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("invalid domain type %1$s"), type);
        return -1;
    }
    def->virtType = val;

    if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
        (id = virXMLPropString(root, "id")) &&
        (virStrToLong_i(id, NULL, 10, &def->id) < 0 || def->id < 0)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid domain id '%1$s'"), id);
        return -1;
    }
    return 0;
}


static int
virDomainDefParseChild(xmlNodePtr cur, virDomainDef *def, unsigned int flags,
                       bool *haveUUID, bool *haveCurrent, bool *haveNumatune)
{
    const char *name = (const char *)cur->name;

    if (STREQ(name, "name"))
        return virDomainDefParseName(cur, def);
    if (STREQ(name, "uuid"))
        return virDomainDefParseUUID(cur, def, haveUUID);
    if (STREQ(name, "title"))
        return virDomainDefParseTitle(cur, def);
    if (STREQ(name, "description")) {
        if (virDomainXMLCheck(cur, NULL, NULL) < 0)
            return -1;
        g_free(def->description);
        def->description = virDomainXMLContent(cur);
        return 0;
    }
    if (STREQ(name, "metadata"))
        return def->metadata ? 0 : virDomainDefParseMetadata(cur, def);
    if (STREQ(name, "memory"))
        return virDomainDefParseMemoryElement(cur, def);
    if (STREQ(name, "maxMemory"))
        return virDomainMaxMemoryParseXML(cur, def);
    if (STREQ(name, "blkiotune"))
        return virDomainBlkiotuneParseXML(cur, def);
    if (STREQ(name, "memtune"))
        return virDomainMemtuneParseXML(cur, def);
    if (STREQ(name, "memoryBacking"))
        return virDomainMemoryBackingParseXML(cur, def);
    if (STREQ(name, "iothreads"))
        return virDomainIOThreadsParseXML(cur, def);
    if (STREQ(name, "cputune"))
        return virDomainCputuneParseXML(cur, def);
    if (STREQ(name, "sysinfo"))
        return virSysinfoDefParseXML(cur, def);
    if (STREQ(name, "seclabel"))
        return virSecurityLabelDefParseXML(cur, def, flags);
    if (STREQ(name, "currentMemory"))
        return virDomainDefParseCurrentMemory(cur, def);
    if (STREQ(name, "vcpu"))
        return virDomainDefParseVcpu(cur, def, haveCurrent);
    if (STREQ(name, "numatune")) {
        *haveNumatune = true;
        return virDomainNumatuneParseXML(cur, def);
    }
    if (STREQ(name, "os"))
        return virDomainOSParseXML(cur, def);
    if (STREQ(name, "features"))
        return virDomainFeaturesParseXML(cur, def);
    if (STREQ(name, "cpu")) {
        virCPUDefFree(def->cpu);
        return virCPUDefParseXML(cur, &def->cpu);
    }
    if (STREQ(name, "clock"))
        return virDomainClockParseXML(cur, def);
    if (STREQ(name, "on_poweroff") || STREQ(name, "on_reboot") ||
        STREQ(name, "on_crash") || STREQ(name, "on_lockfailure"))
        return virDomainLifecycleParseXML(cur, def);
    if (STREQ(name, "pm"))
        return virDomainPMParseXML(cur, def);
    if (STREQ(name, "devices"))
        return virDomainDevicesParseXML(cur, def, flags);

    if (virDomainNameInList(virDomainTopUnsupported, name)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("element '%1$s' of a domain is not supported yet"), name);
        return -1;
    }
    virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         __FILE__, __func__, __LINE__,
                         _("unsupported element '%1$s' in element '%2$s'"),
                         name, (const char *)cur->parent->name);
    return -1;
}


static virDomainDef *
virDomainDefParseXML(xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virDomainDef) def = virDomainDefNew();
    bool haveUUID = false;
    bool haveCurrent = false;
    bool haveNumatune = false;
    bool haveOS = false;
    xmlNodePtr cur;

    if (virDomainDefParseRootAttrs(root, def, flags) < 0)
        return NULL;
    def->maxvcpus = 1;

    for (cur = root->children; cur; cur = cur->next) {
        xmlNodePtr prev;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        /* libvirt reads the first and ignores the others; refuse them */
        for (prev = root->children;
             prev != cur && !xmlStrEqual(cur->name, BAD_CAST "seclabel") &&
             !xmlStrEqual(cur->name, BAD_CAST "sysinfo");
             prev = prev->next) {
            if (prev->type == XML_ELEMENT_NODE &&
                xmlStrEqual(prev->name, cur->name)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("element '%1$s' may appear only once in element '%2$s'"),
                               (const char *)cur->name, (const char *)root->name);
                return NULL;
            }
        }
        if (xmlStrEqual(cur->name, BAD_CAST "os"))
            haveOS = true;
        if (virDomainDefParseChild(cur, def, flags, &haveUUID,
                                   &haveCurrent, &haveNumatune) < 0)
            return NULL;
    }

    if (!def->name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    if (!haveUUID)
        virUUIDGenerate(def->uuid);
    if (!haveCurrent)
        def->vcpus = def->maxvcpus;
    if (def->mem.max_memory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Memory size must be specified via <memory> or in the <numa> configuration"));
        return NULL;
    }
    if (!haveOS) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("an os <type> must be specified"));
        return NULL;
    }
    if (!haveNumatune &&
        def->placement_mode == VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO) {
        def->numatune.present = true;
        def->numatune.placement = VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;
    }

    if (virDomainCputuneValidate(def) < 0)
        return NULL;
    if (virDomainDefPostParse(def, flags) < 0)
        return NULL;

    return g_steal_pointer(&def);
}


/**
 * virDomainDefParseNode:
 * @xml: the document holding @root
 * @root: a <domain> element (or the <inactiveDomain> of a snapshot)
 * @flags: virDomainDefParseFlags
 *
 * Parse a domain definition strictly, then apply libvirt's defaults.
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainDef *
virDomainDefParseNode(xmlDocPtr xml G_GNUC_UNUSED,
                      xmlNodePtr root,
                      unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_DEF_PARSE_INACTIVE |
                  VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE, NULL);

    if (!xmlStrEqual(root->name, BAD_CAST "domain") &&
        !xmlStrEqual(root->name, BAD_CAST "inactiveDomain")) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unexpected root element <%1$s>, expecting <domain>"),
                       (const char *)root->name);
        return NULL;
    }
    return virDomainDefParseXML(root, flags);
}


static virDomainDef *
virDomainDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(domain_definition)"),
                            "domain", &ctxt, VIR_FROM_DOMAIN)))
        return NULL;
    return virDomainDefParseNode(xml, xmlDocGetRootElement(xml), flags);
}


/**
 * virDomainDefParseString:
 * @xml: a <domain> document
 * @flags: virDomainDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainDef *
virDomainDefParseString(const char *xml, unsigned int flags)
{
    return virDomainDefParse(xml, NULL, flags);
}


/**
 * virDomainDefParseFile:
 * @filename: a file holding a <domain> document
 * @flags: virDomainDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virDomainDef *
virDomainDefParseFile(const char *filename, unsigned int flags)
{
    return virDomainDefParse(NULL, filename, flags);
}


/**
 * virDomainDefFormatInternalSetRootName:
 * @buf: output buffer; the root element starts at its indentation
 * @def: the definition
 * @rootname: name of the root element ("inactiveDomain" in snapshots)
 * @flags: virDomainDefFormatFlags
 *
 * Returns 0 (formatting cannot fail; int for the callers' convenience).
 */
int
virDomainDefFormatInternalSetRootName(virBuffer *buf,
                                      const virDomainDef *def,
                                      const char *rootname,
                                      unsigned int flags)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    size_t i;

    virBufferAsprintf(buf, "<%s type='%s'", rootname,
                      virDomainVirtTypeToString(def->virtType));
    if (!(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE) && def->id >= 0)
        virBufferAsprintf(buf, " id='%d'", def->id);
    virBufferAddLit(buf, ">\n");
    virBufferAdjustIndent(buf, 2);

    virBufferEscapeString(buf, "<name>%s</name>\n", def->name);
    virBufferAsprintf(buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    virBufferEscapeString(buf, "<title>%s</title>\n", def->title);
    virBufferEscapeString(buf, "<description>%s</description>\n", def->description);
    virDomainXMLNodeFormat(buf, def->metadata);
    virDomainMaxMemoryFormat(buf, def);
    virDomainDefFormatMemory(buf, def);
    virDomainBlkiotuneFormat(buf, def);
    virDomainMemtuneFormat(buf, def);
    virDomainMemoryBackingFormat(buf, def);
    virDomainDefFormatVcpu(buf, def);
    if (def->iothreads)
        virBufferAsprintf(buf, "<iothreads>%u</iothreads>\n", def->iothreads);
    virDomainCputuneFormat(buf, def);
    virDomainNumatuneFormat(buf, &def->numatune);
    for (i = 0; i < def->nsysinfo; i++)
        virSysinfoDefFormat(buf, def->sysinfo[i]);
    virDomainOSFormat(buf, def);
    virDomainFeaturesFormat(buf, def);
    virCPUDefFormatBuf(buf, def->cpu);
    virDomainClockFormat(buf, &def->clock);
    virDomainLifecycleFormat(buf, def);
    virDomainDevicesFormat(buf, def, flags);
    for (i = 0; i < def->nseclabels; i++)
        virSecurityLabelDefFormat(buf, def->seclabels[i], flags);

    virBufferAdjustIndent(buf, -2);
    virBufferAsprintf(buf, "</%s>\n", rootname);
    return 0;
}


/**
 * virDomainDefFormatInternal:
 * @buf: output buffer; the <domain> element starts at its indentation
 * @def: the definition
 * @flags: virDomainDefFormatFlags
 *
 * Returns 0 (formatting cannot fail; int for the callers' convenience).
 */
int
virDomainDefFormatInternal(virBuffer *buf,
                           const virDomainDef *def,
                           unsigned int flags)
{
    return virDomainDefFormatInternalSetRootName(buf, def, "domain", flags);
}


/**
 * virDomainDefFormat:
 * @def: the definition
 * @flags: virDomainDefFormatFlags
 *
 * Returns the XML document (caller frees); never NULL.
 */
char *
virDomainDefFormat(const virDomainDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;

    virDomainDefFormatInternal(&buf, def, flags);
    return virBufferContentAndReset(&buf);
}


/**
 * virDomainDefCopy:
 * @def: the definition to copy
 *
 * Deep copy through the XML form, keeping live data (id, aliases).
 *
 * Returns the copy (caller frees), or NULL with an error.
 */
virDomainDef *
virDomainDefCopy(const virDomainDef *def)
{
    g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE);

    return virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE);
}
