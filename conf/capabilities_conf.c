/*
 * capabilities_conf.c: parse and format <capabilities> XML as libvirt 9.0
 * does
 *
 * Drivers build a virCaps and format it for virConnectGetCapabilities();
 * the parser exists so that a stored capabilities document (test driver
 * configs, remote clients, tests) reads back into the same model.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "capabilities_conf.h"

#define VIR_FROM_THIS VIR_FROM_CAPABILITIES

/* The highest CPU number a CPU list may name. */
#define VIR_CAPS_CPU_MAX 65535

VIR_ENUM_IMPL(virCapsCacheType, VIR_CAPS_CACHE_LAST,
    [VIR_CAPS_CACHE_BOTH] = "both",
    [VIR_CAPS_CACHE_CODE] = "code",
    [VIR_CAPS_CACHE_DATA] = "data",
);

VIR_ENUM_IMPL(virCapsGuestFeature, VIR_CAPS_GUEST_FEATURE_LAST,
    [VIR_CAPS_GUEST_FEATURE_PAE] = "pae",
    [VIR_CAPS_GUEST_FEATURE_NONPAE] = "nonpae",
    [VIR_CAPS_GUEST_FEATURE_IA64_BE] = "ia64_be",
    [VIR_CAPS_GUEST_FEATURE_ACPI] = "acpi",
    [VIR_CAPS_GUEST_FEATURE_APIC] = "apic",
    [VIR_CAPS_GUEST_FEATURE_CPUSELECTION] = "cpuselection",
    [VIR_CAPS_GUEST_FEATURE_DEVICEBOOT] = "deviceboot",
    [VIR_CAPS_GUEST_FEATURE_DISKSNAPSHOT] = "disksnapshot",
    [VIR_CAPS_GUEST_FEATURE_HAP] = "hap",
);

/* Features carrying default='on|off' toggle='yes|no'. */
static const bool virCapsGuestFeatureToggles[VIR_CAPS_GUEST_FEATURE_LAST] = {
    [VIR_CAPS_GUEST_FEATURE_ACPI] = true,
    [VIR_CAPS_GUEST_FEATURE_APIC] = true,
    [VIR_CAPS_GUEST_FEATURE_DISKSNAPSHOT] = true,
    [VIR_CAPS_GUEST_FEATURE_HAP] = true,
};

/* os_type words of libvirt 9.0's virDomainOSType */
static const char *const virCapsOSTypes[] = {
    "hvm", "xen", "linux", "exe", "uml", "xenpvh", NULL,
};

/* domain type words of libvirt 9.0's virDomainVirtType */
static const char *const virCapsVirtTypes[] = {
    "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
    "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", NULL,
};


static void
virCapsPagesClear(virCapsPage **pages, size_t *npages)
{
    g_clear_pointer(pages, g_free);
    *npages = 0;
}


static void
virCapsBankSetClear(virCapsBankSet *set)
{
    size_t i;

    for (i = 0; i < set->nbanks; i++) {
        size_t j;

        for (j = 0; j < set->banks[i].ncontrols; j++)
            g_free(set->banks[i].controls[j].unit);
        g_free(set->banks[i].controls);
        g_free(set->banks[i].unit);
        g_free(set->banks[i].cpus);
    }
    g_free(set->banks);
    if (set->monitor)
        g_strfreev(set->monitor->features);
    g_free(set->monitor);
}


static void
virCapsMachinesFree(virCapsMachine *machines, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        g_free(machines[i].name);
        g_free(machines[i].canonical);
    }
    g_free(machines);
}


static void
virCapsHostClear(virCapsHost *host)
{
    virCapsHostCPU *cpu = &host->cpu;
    size_t i;

    g_free(cpu->arch);
    g_strfreev(cpu->features);
    g_free(cpu->model);
    g_free(cpu->vendor);
    g_free(cpu->counterName);
    g_free(cpu->physAddrMode);
    g_strfreev(cpu->cpuFeatures);
    virCapsPagesClear(&cpu->pages, &cpu->npages);
    g_strfreev(host->uriTransports);
    for (i = 0; i < host->ncells; i++) {
        virCapsCell *cell = &host->cells[i];
        size_t j;

        g_free(cell->pages);
        g_free(cell->distances);
        for (j = 0; j < cell->ncpus; j++)
            g_free(cell->cpus[j].siblings);
        g_free(cell->cpus);
    }
    g_free(host->cells);
    virCapsBankSetClear(&host->cache);
    virCapsBankSetClear(&host->memBandwidth);
    for (i = 0; i < host->nsecModels; i++) {
        virCapsSecModel *sm = &host->secModels[i];

        g_free(sm->model);
        g_free(sm->doi);
        g_strfreev(sm->labelTypes);
        g_strfreev(sm->labels);
    }
    g_free(host->secModels);
}


/**
 * virCapsFree:
 * @caps: capabilities, may be NULL
 */
void
virCapsFree(virCaps *caps)
{
    size_t i;

    if (!caps)
        return;
    virCapsHostClear(&caps->host);
    for (i = 0; i < caps->nguests; i++) {
        virCapsGuest *guest = &caps->guests[i];
        size_t j;

        g_free(guest->osType);
        g_free(guest->arch);
        g_free(guest->emulator);
        g_free(guest->loader);
        virCapsMachinesFree(guest->machines, guest->nmachines);
        for (j = 0; j < guest->ndomains; j++) {
            g_free(guest->domains[j].type);
            g_free(guest->domains[j].emulator);
            virCapsMachinesFree(guest->domains[j].machines,
                                guest->domains[j].nmachines);
        }
        g_free(guest->domains);
    }
    g_free(caps->guests);
    g_free(caps);
}


/* Parse a CPU list ("0-3,^2,8") and return it as libvirt formats a
 * bitmap: ascending, runs collapsed to "a-b".  NULL with an error naming
 * @what when malformed. */
static char *
virCapsCPUListNormalize(const char *str, const char *what)
{
    g_autofree bool *set = g_new0(bool, VIR_CAPS_CPU_MAX + 1);
    g_auto(GStrv) items = g_strsplit(str, ",", -1);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    size_t i;
    unsigned int a;
    unsigned int b;

    for (i = 0; items[i]; i++) {
        const char *item = items[i];
        bool neg = item[0] == '^';
        char *end;

        if (neg)
            item++;
        if (virStrToLong_ui(item, &end, 10, &a) < 0)
            goto malformed;
        b = a;
        if (*end == '-') {
            if (neg || virStrToLong_ui(end + 1, NULL, 10, &b) < 0)
                goto malformed;
        } else if (*end) {
            goto malformed;
        }
        if (a > b || b > VIR_CAPS_CPU_MAX)
            goto malformed;
        for (; a <= b; a++)
            set[a] = !neg;
    }
    for (a = 0; a <= VIR_CAPS_CPU_MAX; a++) {
        if (!set[a])
            continue;
        for (b = a; b < VIR_CAPS_CPU_MAX && set[b + 1]; b++)
            ;
        if (b == a)
            virBufferAsprintf(&buf, "%u,", a);
        else
            virBufferAsprintf(&buf, "%u-%u,", a, b);
        a = b;
    }
    virBufferTrim(&buf, ",");
    return g_strdup(NULLSTR_EMPTY(virBufferCurrentContent(&buf)));

 malformed:
    virReportError(VIR_ERR_XML_ERROR,
                   _("malformed CPU list '%1$s' in %2$s"), str, what);
    return NULL;
}


/* The 'name' attributes of the @child children of @node, each with no
 * other attribute or child. */
static int
virCapsNamesParse(xmlNodePtr node, const char *child, char ***names)
{
    static const char *const attrs[] = { "name", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(node, child, &nodes);
    g_auto(GStrv) list = g_new0(char *, n + 1);
    size_t i;

    for (i = 0; i < n; i++) {
        if (virConfCheckElement(nodes[i], attrs, NULL) < 0 ||
            !(list[i] = virXMLPropStringRequired(nodes[i], "name")))
            return -1;
    }
    g_strfreev(*names);
    *names = n ? g_steal_pointer(&list) : NULL;
    return 0;
}


static void
virCapsNamesFormat(virBuffer *buf, const char *child, char *const *names)
{
    size_t i;

    for (i = 0; names && names[i]; i++)
    {
        virBufferAsprintf(buf, "<%s", child);
        virBufferEscapeString(buf, " name='%s'/>\n", names[i]);
    }
}


/* <pages unit='KiB' size='N'/> on the host CPU, <pages ...>COUNT</pages>
 * in a cell. */
static int
virCapsPagesParse(xmlNodePtr node, bool inCell, virCapsPage **pages,
                  size_t *npages)
{
    static const char *const attrs[] = { "unit", "size", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n = virConfChildren(node, "pages", &nodes);
    g_autofree virCapsPage *list = g_new0(virCapsPage, n);
    size_t i;

    for (i = 0; i < n; i++) {
        g_autofree char *unit = virXMLPropString(nodes[i], "unit");
        g_autofree char *text = NULL;
        unsigned long long size;

        if (virConfCheckElement(nodes[i], attrs, NULL) < 0 ||
            virXMLPropUInt(nodes[i], "size", 10, VIR_XML_PROP_REQUIRED,
                           &list[i].size) < 0)
            return -1;
        size = list[i].size;
        if (virScaleInteger(&size, unit, 1024, UINT_MAX * 1024ULL) < 0)
            return -1;
        list[i].size = size / 1024;
        if (!(text = virXMLNodeContentString(nodes[i])))
            return -1;
        if (inCell && virStrToLong_ull(text, NULL, 10, &list[i].count) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("malformed pages count '%1$s'"), text);
            return -1;
        }
        if (!inCell && *text) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("host CPU <pages> must be empty"));
            return -1;
        }
    }
    virCapsPagesClear(pages, npages);
    *pages = g_steal_pointer(&list);
    *npages = n;
    return 0;
}


static void
virCapsPagesFormat(virBuffer *buf, const virCapsPage *pages, size_t npages,
                   bool inCell)
{
    size_t i;

    for (i = 0; i < npages; i++) {
        virBufferAsprintf(buf, "<pages unit='KiB' size='%u'", pages[i].size);
        if (inCell)
            virBufferAsprintf(buf, ">%llu</pages>\n", pages[i].count);
        else
            virBufferAddLit(buf, "/>\n");
    }
}


static int
virCapsHostCPUFeaturesParse(xmlNodePtr node, virCapsHostCPU *cpu)
{
    static const char *const children[] = { "pae", "nonpae", "vmx", "svm", NULL };
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    xmlNodePtr cur;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virConfCheckElement(cur, NULL, NULL) < 0)
            return -1;
        g_ptr_array_add(names, g_strdup((const char *)cur->name));
    }
    g_ptr_array_add(names, NULL);
    cpu->features = (char **)g_ptr_array_free(g_steal_pointer(&names), FALSE);
    return 0;
}


static int
virCapsHostCPUDetailsParse(xmlNodePtr node, virCapsHostCPU *cpu)
{
    static const char *const sigAttrs[] = { "family", "model", "stepping", NULL };
    static const char *const counterAttrs[] = { "name", "frequency", "scaling", NULL };
    static const char *const topoAttrs[] = { "sockets", "dies", "cores", "threads", NULL };
    static const char *const physAttrs[] = { "mode", "bits", NULL };
    static const char *const mcAttrs[] = { "version", NULL };
    xmlNodePtr child;

    if ((child = virConfChild(node, "microcode")) &&
        (virConfCheckElement(child, mcAttrs, NULL) < 0 ||
         virXMLPropUInt(child, "version", 10,
                        VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                        &cpu->microcode) < 0))
        return -1;
    if ((child = virConfChild(node, "signature"))) {
        if (virConfCheckElement(child, sigAttrs, NULL) < 0 ||
            virXMLPropUInt(child, "family", 10, VIR_XML_PROP_REQUIRED,
                           &cpu->sigFamily) < 0 ||
            virXMLPropUInt(child, "model", 10, VIR_XML_PROP_REQUIRED,
                           &cpu->sigModel) < 0 ||
            virXMLPropUInt(child, "stepping", 10, VIR_XML_PROP_REQUIRED,
                           &cpu->sigStepping) < 0)
            return -1;
        cpu->hasSignature = true;
    }
    if ((child = virConfChild(node, "counter")) &&
        (virConfCheckElement(child, counterAttrs, NULL) < 0 ||
         !(cpu->counterName = virXMLPropStringRequired(child, "name")) ||
         virXMLPropULongLong(child, "frequency", 10,
                             VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                             &cpu->counterFreq) < 0 ||
         virXMLPropTristateBool(child, "scaling", VIR_XML_PROP_NONE,
                                &cpu->counterScaling) < 0))
        return -1;
    if ((child = virConfChild(node, "topology"))) {
        if (virConfCheckElement(child, topoAttrs, NULL) < 0 ||
            virXMLPropUInt(child, "sockets", 10, VIR_XML_PROP_REQUIRED, &cpu->sockets) < 0 ||
            virXMLPropUInt(child, "dies", 10, VIR_XML_PROP_NONE, &cpu->dies) < 0 ||
            virXMLPropUInt(child, "cores", 10, VIR_XML_PROP_REQUIRED, &cpu->cores) < 0 ||
            virXMLPropUInt(child, "threads", 10, VIR_XML_PROP_REQUIRED, &cpu->threads) < 0)
            return -1;
        /* libvirt reads a topology without dies as one die per socket */
        if (cpu->dies == 0)
            cpu->dies = 1;
        cpu->hasTopology = true;
    }
    if ((child = virConfChild(node, "maxphysaddr")) &&
        (virConfCheckElement(child, physAttrs, NULL) < 0 ||
         !(cpu->physAddrMode = virXMLPropStringRequired(child, "mode")) ||
         virXMLPropUInt(child, "bits", 10, VIR_XML_PROP_NONE,
                        &cpu->physAddrBits) < 0))
        return -1;
    return virCapsNamesParse(node, "feature", &cpu->cpuFeatures);
}


static int
virCapsHostCPUParse(xmlNodePtr node, virCapsHostCPU *cpu)
{
    static const char *const children[] = {
        "arch", "features", "model", "vendor", "microcode", "signature",
        "counter", "topology", "maxphysaddr", "feature", "pages", NULL,
    };
    xmlNodePtr features;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "arch", &cpu->arch) < 0 ||
        virConfChildText(node, "model", &cpu->model) < 0 ||
        virConfChildText(node, "vendor", &cpu->vendor) < 0)
        return -1;
    if ((features = virConfChild(node, "features")) &&
        virCapsHostCPUFeaturesParse(features, cpu) < 0)
        return -1;
    if (virCapsHostCPUDetailsParse(node, cpu) < 0)
        return -1;
    return virCapsPagesParse(node, false, &cpu->pages, &cpu->npages);
}


static void
virCapsHostCPUFormat(virBuffer *buf, const virCapsHostCPU *cpu)
{
    size_t i;

    virBufferAddLit(buf, "<cpu>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<arch>%s</arch>\n", cpu->arch);
    if (cpu->features && cpu->features[0]) {
        virBufferAddLit(buf, "<features>\n");
        for (i = 0; cpu->features[i]; i++)
            virBufferAsprintf(buf, "  <%s/>\n", cpu->features[i]);
        virBufferAddLit(buf, "</features>\n");
    }
    virBufferEscapeString(buf, "<model>%s</model>\n", cpu->model);
    virBufferEscapeString(buf, "<vendor>%s</vendor>\n", cpu->vendor);
    if (cpu->microcode)
        virBufferAsprintf(buf, "<microcode version='%u'/>\n", cpu->microcode);
    if (cpu->hasSignature)
        virBufferAsprintf(buf, "<signature family='%u' model='%u' stepping='%u'/>\n",
                          cpu->sigFamily, cpu->sigModel, cpu->sigStepping);
    if (cpu->counterName) {
        virBufferEscapeString(buf, "<counter name='%s'", cpu->counterName);
        virBufferAsprintf(buf, " frequency='%llu'", cpu->counterFreq);
        if (cpu->counterScaling != VIR_TRISTATE_BOOL_ABSENT)
            virBufferAsprintf(buf, " scaling='%s'",
                              virTristateBoolTypeToString(cpu->counterScaling));
        virBufferAddLit(buf, "/>\n");
    }
    if (cpu->hasTopology)
        virBufferAsprintf(buf, "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                          cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    if (cpu->physAddrMode) {
        virBufferEscapeString(buf, "<maxphysaddr mode='%s'", cpu->physAddrMode);
        if (cpu->physAddrBits)
            virBufferAsprintf(buf, " bits='%u'", cpu->physAddrBits);
        virBufferAddLit(buf, "/>\n");
    }
    virCapsNamesFormat(buf, "feature", cpu->cpuFeatures);
    virCapsPagesFormat(buf, cpu->pages, cpu->npages, false);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cpu>\n");
}


static int
virCapsPowerParse(xmlNodePtr node, virCapsHost *host)
{
    static const char *const children[] = {
        "suspend_mem", "suspend_disk", "suspend_hybrid", NULL,
    };
    xmlNodePtr cur;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virConfCheckElement(cur, NULL, NULL) < 0)
            return -1;
    }
    host->suspendMem = !!virConfChild(node, "suspend_mem");
    host->suspendDisk = !!virConfChild(node, "suspend_disk");
    host->suspendHybrid = !!virConfChild(node, "suspend_hybrid");
    return 0;
}


/* libvirt always prints <power_management>, empty when the host can
 * suspend in no way. */
static void
virCapsPowerFormat(virBuffer *buf, const virCapsHost *host)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (host->suspendMem)
        virBufferAddLit(&children, "<suspend_mem/>\n");
    if (host->suspendDisk)
        virBufferAddLit(&children, "<suspend_disk/>\n");
    if (host->suspendHybrid)
        virBufferAddLit(&children, "<suspend_hybrid/>\n");
    virXMLFormatElementEmpty(buf, "power_management", NULL, &children);
}


static int
virCapsMigrationParse(xmlNodePtr node, virCapsHost *host)
{
    static const char *const children[] = { "live", "uri_transports", NULL };
    static const char *const transports[] = { "uri_transport", NULL };
    xmlNodePtr live = virConfChild(node, "live");
    xmlNodePtr uris = virConfChild(node, "uri_transports");
    g_autofree xmlNodePtr *nodes = NULL;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        (live && virConfCheckElement(live, NULL, NULL) < 0))
        return -1;
    host->migration = true;
    host->liveMigration = !!live;
    if (!uris)
        return 0;
    if (virConfCheckElement(uris, NULL, transports) < 0)
        return -1;
    n = virConfChildren(uris, "uri_transport", &nodes);
    host->uriTransports = g_new0(char *, n + 1);
    for (i = 0; i < n; i++) {
        if (virConfTextElement(nodes[i], &host->uriTransports[i]) < 0)
            return -1;
        if (!host->uriTransports[i]) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("empty migration URI transport"));
            return -1;
        }
    }
    return 0;
}


static void
virCapsMigrationFormat(virBuffer *buf, const virCapsHost *host)
{
    size_t i;

    if (!host->migration)
        return;
    virBufferAddLit(buf, "<migration_features>\n");
    virBufferAdjustIndent(buf, 2);
    if (host->liveMigration)
        virBufferAddLit(buf, "<live/>\n");
    if (host->uriTransports && host->uriTransports[0]) {
        virBufferAddLit(buf, "<uri_transports>\n");
        for (i = 0; host->uriTransports[i]; i++)
            virBufferEscapeString(buf, "  <uri_transport>%s</uri_transport>\n",
                                  host->uriTransports[i]);
        virBufferAddLit(buf, "</uri_transports>\n");
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</migration_features>\n");
}


static int
virCapsCellCPUParse(xmlNodePtr node, virCapsCellCPU *cpu)
{
    static const char *const attrs[] = {
        "id", "socket_id", "die_id", "core_id", "siblings", NULL,
    };
    g_autofree char *siblings = virXMLPropString(node, "siblings");

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        virXMLPropUInt(node, "id", 10, VIR_XML_PROP_REQUIRED, &cpu->id) < 0)
        return -1;
    if (!siblings)
        return 0;
    if (virXMLPropUInt(node, "socket_id", 10, VIR_XML_PROP_REQUIRED, &cpu->socket) < 0 ||
        virXMLPropUInt(node, "die_id", 10, VIR_XML_PROP_NONE, &cpu->die) < 0 ||
        virXMLPropUInt(node, "core_id", 10, VIR_XML_PROP_REQUIRED, &cpu->core) < 0 ||
        !(cpu->siblings = virCapsCPUListNormalize(siblings, "cpu siblings")))
        return -1;
    cpu->hasTopology = true;
    return 0;
}


static int
virCapsCellParse(xmlNodePtr node, virCapsCell *cell)
{
    static const char *const attrs[] = { "id", NULL };
    static const char *const children[] = {
        "memory", "pages", "distances", "cpus", NULL,
    };
    static const char *const siblingAttrs[] = { "id", "value", NULL };
    static const char *const numAttrs[] = { "num", NULL };
    xmlNodePtr child;
    g_autofree xmlNodePtr *nodes = NULL;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        virXMLPropUInt(node, "id", 10, VIR_XML_PROP_REQUIRED, &cell->id) < 0)
        return -1;
    if ((child = virConfChild(node, "memory"))) {
        if (virConfParseScaled(child, &cell->memory) < 0)
            return -1;
        cell->memory /= 1024;
    }
    if (virCapsPagesParse(node, true, &cell->pages, &cell->npages) < 0)
        return -1;
    if ((child = virConfChild(node, "distances"))) {
        static const char *const sib[] = { "sibling", NULL };

        if (virConfCheckElement(child, NULL, sib) < 0)
            return -1;
        cell->ndistances = virConfChildren(child, "sibling", &nodes);
        cell->distances = g_new0(virCapsCellDistance, cell->ndistances);
        for (i = 0; i < cell->ndistances; i++) {
            if (virConfCheckElement(nodes[i], siblingAttrs, NULL) < 0 ||
                virXMLPropUInt(nodes[i], "id", 10, VIR_XML_PROP_REQUIRED,
                               &cell->distances[i].node) < 0 ||
                virXMLPropUInt(nodes[i], "value", 10, VIR_XML_PROP_REQUIRED,
                               &cell->distances[i].value) < 0)
                return -1;
        }
        g_clear_pointer(&nodes, g_free);
    }
    if ((child = virConfChild(node, "cpus"))) {
        static const char *const cpuChild[] = { "cpu", NULL };

        if (virConfCheckElement(child, numAttrs, cpuChild) < 0)
            return -1;
        cell->ncpus = virConfChildren(child, "cpu", &nodes);
        cell->cpus = g_new0(virCapsCellCPU, cell->ncpus);
        for (i = 0; i < cell->ncpus; i++) {
            if (virCapsCellCPUParse(nodes[i], &cell->cpus[i]) < 0)
                return -1;
        }
    }
    return 0;
}


static void
virCapsCellFormat(virBuffer *buf, const virCapsCell *cell)
{
    size_t i;

    virBufferAsprintf(buf, "<cell id='%u'>\n", cell->id);
    virBufferAdjustIndent(buf, 2);
    if (cell->memory)
        virBufferAsprintf(buf, "<memory unit='KiB'>%llu</memory>\n", cell->memory);
    virCapsPagesFormat(buf, cell->pages, cell->npages, true);
    if (cell->ndistances) {
        virBufferAddLit(buf, "<distances>\n");
        for (i = 0; i < cell->ndistances; i++)
            virBufferAsprintf(buf, "  <sibling id='%u' value='%u'/>\n",
                              cell->distances[i].node, cell->distances[i].value);
        virBufferAddLit(buf, "</distances>\n");
    }
    if (cell->ncpus) {
        virBufferAsprintf(buf, "<cpus num='%zu'>\n", cell->ncpus);
        for (i = 0; i < cell->ncpus; i++) {
            const virCapsCellCPU *cpu = &cell->cpus[i];

            virBufferAsprintf(buf, "  <cpu id='%u'", cpu->id);
            if (cpu->hasTopology)
                virBufferAsprintf(buf, " socket_id='%u' die_id='%u' core_id='%u' siblings='%s'",
                                  cpu->socket, cpu->die, cpu->core, cpu->siblings);
            virBufferAddLit(buf, "/>\n");
        }
        virBufferAddLit(buf, "</cpus>\n");
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cell>\n");
}


static int
virCapsTopologyParse(xmlNodePtr node, virCapsHost *host)
{
    static const char *const children[] = { "cells", NULL };
    static const char *const cellsAttrs[] = { "num", NULL };
    static const char *const cellChild[] = { "cell", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr cells = virConfChild(node, "cells");
    unsigned int num;
    size_t n;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    if (!cells) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing <cells> in host topology"));
        return -1;
    }
    host->hasTopology = true;
    if (virConfCheckElement(cells, cellsAttrs, cellChild) < 0 ||
        virXMLPropUInt(cells, "num", 10, VIR_XML_PROP_REQUIRED, &num) < 0)
        return -1;
    n = virConfChildren(cells, "cell", &nodes);
    if (num != n) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("cells num='%1$u' but %2$zu cells are listed"),
                       num, n);
        return -1;
    }
    host->cells = g_new0(virCapsCell, n);
    host->ncells = n;
    for (i = 0; i < host->ncells; i++) {
        if (virCapsCellParse(nodes[i], &host->cells[i]) < 0)
            return -1;
    }
    return 0;
}


static void
virCapsTopologyFormat(virBuffer *buf, const virCapsHost *host)
{
    size_t i;

    if (!host->hasTopology)
        return;
    virBufferAddLit(buf, "<topology>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferAsprintf(buf, "<cells num='%zu'>\n", host->ncells);
    virBufferAdjustIndent(buf, 2);
    for (i = 0; i < host->ncells; i++)
        virCapsCellFormat(buf, &host->cells[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</cells>\n");
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</topology>\n");
}


static int
virCapsControlParse(xmlNodePtr node, bool cache, virCapsControl *ctl)
{
    static const char *const cacheAttrs[] = {
        "granularity", "min", "unit", "type", "maxAllocs", NULL,
    };
    static const char *const bwAttrs[] = { "granularity", "min", "maxAllocs", NULL };
    unsigned int type;
    int rc;

    if (virConfCheckElement(node, cache ? cacheAttrs : bwAttrs, NULL) < 0 ||
        virXMLPropUInt(node, "granularity", 10, VIR_XML_PROP_REQUIRED,
                       &ctl->granularity) < 0 ||
        virXMLPropUInt(node, "min", 10, VIR_XML_PROP_NONE, &ctl->min) < 0 ||
        virXMLPropUInt(node, "maxAllocs", 10, VIR_XML_PROP_REQUIRED,
                       &ctl->maxAllocs) < 0)
        return -1;
    ctl->type = -1;
    if (!cache)
        return 0;
    ctl->unit = virXMLPropString(node, "unit");
    if ((rc = virXMLPropEnum(node, "type", virCapsCacheTypeTypeFromString,
                             VIR_XML_PROP_NONE, &type)) < 0)
        return -1;
    if (rc > 0)
        ctl->type = type;
    return 0;
}


static void
virCapsControlFormat(virBuffer *buf, const virCapsControl *ctl)
{
    virBufferAsprintf(buf, "<control granularity='%u'", ctl->granularity);
    if (ctl->min)
        virBufferAsprintf(buf, " min='%u'", ctl->min);
    virBufferEscapeString(buf, " unit='%s'", ctl->unit);
    if (ctl->type >= 0)
        virBufferAsprintf(buf, " type='%s'", virCapsCacheTypeTypeToString(ctl->type));
    virBufferAsprintf(buf, " maxAllocs='%u'/>\n", ctl->maxAllocs);
}


static int
virCapsMonitorParse(xmlNodePtr node, bool cache, virCapsMonitor **monitor)
{
    static const char *const cacheAttrs[] = {
        "level", "reuseThreshold", "maxMonitors", NULL,
    };
    static const char *const bwAttrs[] = { "maxMonitors", NULL };
    static const char *const children[] = { "feature", NULL };
    g_autofree virCapsMonitor *mon = g_new0(virCapsMonitor, 1);

    if (virConfCheckElement(node, cache ? cacheAttrs : bwAttrs, children) < 0 ||
        virXMLPropUInt(node, "level", 10, VIR_XML_PROP_NONE, &mon->level) < 0 ||
        virXMLPropUInt(node, "reuseThreshold", 10, VIR_XML_PROP_NONE,
                       &mon->reuseThreshold) < 0 ||
        virXMLPropUInt(node, "maxMonitors", 10, VIR_XML_PROP_REQUIRED,
                       &mon->maxMonitors) < 0 ||
        virCapsNamesParse(node, "feature", &mon->features) < 0) {
        if (mon->features)
            g_strfreev(mon->features);
        return -1;
    }
    *monitor = g_steal_pointer(&mon);
    return 0;
}


static void
virCapsMonitorFormat(virBuffer *buf, const virCapsMonitor *mon)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    if (mon->level)
        virBufferAsprintf(&attrs, " level='%u'", mon->level);
    if (mon->reuseThreshold)
        virBufferAsprintf(&attrs, " reuseThreshold='%u'", mon->reuseThreshold);
    virBufferAsprintf(&attrs, " maxMonitors='%u'", mon->maxMonitors);
    virCapsNamesFormat(&children, "feature", mon->features);
    virXMLFormatElement(buf, "monitor", &attrs, &children);
}


/* One cache <bank> (@cache) or memory bandwidth <node>. */
static int
virCapsBankParse(xmlNodePtr node, bool cache, virCapsBank *bank)
{
    static const char *const cacheAttrs[] = {
        "id", "level", "type", "size", "unit", "cpus", NULL,
    };
    static const char *const bwAttrs[] = { "id", "cpus", NULL };
    static const char *const children[] = { "control", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    g_autofree char *cpus = NULL;
    unsigned int type = 0;
    size_t i;

    if (virConfCheckElement(node, cache ? cacheAttrs : bwAttrs, children) < 0 ||
        virXMLPropUInt(node, "id", 10, VIR_XML_PROP_REQUIRED, &bank->id) < 0 ||
        !(cpus = virXMLPropStringRequired(node, "cpus")) ||
        !(bank->cpus = virCapsCPUListNormalize(cpus, (const char *)node->name)))
        return -1;
    if (cache) {
        if (virXMLPropUInt(node, "level", 10, VIR_XML_PROP_REQUIRED, &bank->level) < 0 ||
            virXMLPropEnum(node, "type", virCapsCacheTypeTypeFromString,
                           VIR_XML_PROP_REQUIRED, &type) < 0 ||
            virXMLPropUInt(node, "size", 10, VIR_XML_PROP_REQUIRED, &bank->size) < 0 ||
            !(bank->unit = virXMLPropStringRequired(node, "unit")))
            return -1;
        bank->type = type;
    }
    bank->ncontrols = virConfChildren(node, "control", &nodes);
    bank->controls = g_new0(virCapsControl, bank->ncontrols);
    for (i = 0; i < bank->ncontrols; i++) {
        if (virCapsControlParse(nodes[i], cache, &bank->controls[i]) < 0)
            return -1;
    }
    return 0;
}


static void
virCapsBankFormat(virBuffer *buf, const virCapsBank *bank, bool cache)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferAsprintf(&attrs, " id='%u'", bank->id);
    if (cache) {
        virBufferAsprintf(&attrs, " level='%u' type='%s' size='%u'",
                          bank->level, virCapsCacheTypeTypeToString(bank->type),
                          bank->size);
        virBufferEscapeString(&attrs, " unit='%s'", bank->unit);
    }
    virBufferAsprintf(&attrs, " cpus='%s'", bank->cpus);
    for (i = 0; i < bank->ncontrols; i++)
        virCapsControlFormat(&children, &bank->controls[i]);
    virXMLFormatElement(buf, cache ? "bank" : "node", &attrs, &children);
}


static int
virCapsBankSetParse(xmlNodePtr node, bool cache, virCapsBankSet *set)
{
    const char *item = cache ? "bank" : "node";
    const char *children[] = { item, "monitor", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr monitor;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0)
        return -1;
    set->present = true;
    set->nbanks = virConfChildren(node, item, &nodes);
    set->banks = g_new0(virCapsBank, set->nbanks);
    for (i = 0; i < set->nbanks; i++) {
        if (virCapsBankParse(nodes[i], cache, &set->banks[i]) < 0)
            return -1;
    }
    if ((monitor = virConfChild(node, "monitor")) &&
        virCapsMonitorParse(monitor, cache, &set->monitor) < 0)
        return -1;
    return 0;
}


static void
virCapsBankSetFormat(virBuffer *buf, const virCapsBankSet *set, bool cache)
{
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    if (!set->present)
        return;
    for (i = 0; i < set->nbanks; i++)
        virCapsBankFormat(&children, &set->banks[i], cache);
    if (set->monitor)
        virCapsMonitorFormat(&children, set->monitor);
    virXMLFormatElementEmpty(buf, cache ? "cache" : "memory_bandwidth",
                             NULL, &children);
}


static int
virCapsSecModelParse(xmlNodePtr node, virCapsSecModel *sm)
{
    static const char *const children[] = { "model", "doi", "baselabel", NULL };
    static const char *const labelAttrs[] = { "type", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr doi;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "model", &sm->model) < 0 ||
        virConfChildText(node, "doi", &sm->doi) < 0)
        return -1;
    if (!sm->model) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing security model name in <secmodel>"));
        return -1;
    }
    if (!sm->doi && (doi = virConfChild(node, "doi")))
        sm->doi = g_strdup("");
    sm->nlabels = virConfChildren(node, "baselabel", &nodes);
    sm->labelTypes = g_new0(char *, sm->nlabels + 1);
    sm->labels = g_new0(char *, sm->nlabels + 1);
    for (i = 0; i < sm->nlabels; i++) {
        if (virXMLCheckAttributes(nodes[i], labelAttrs) < 0 ||
            virXMLCheckChildren(nodes[i], (const char *const[]){ NULL }) < 0 ||
            !(sm->labelTypes[i] = virXMLPropStringRequired(nodes[i], "type")) ||
            !(sm->labels[i] = virXMLNodeContentString(nodes[i])))
            return -1;
    }
    return 0;
}


static void
virCapsSecModelFormat(virBuffer *buf, const virCapsSecModel *sm)
{
    size_t i;

    virBufferAddLit(buf, "<secmodel>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<model>%s</model>\n", sm->model);
    virBufferEscapeString(buf, "<doi>%s</doi>\n", sm->doi ? sm->doi : "");
    for (i = 0; i < sm->nlabels; i++) {
        virBufferEscapeString(buf, "<baselabel type='%s'>", sm->labelTypes[i]);
        virBufferEscapeString(buf, "%s</baselabel>\n", sm->labels[i]);
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</secmodel>\n");
}


static int
virCapsHostParse(xmlNodePtr node, virCapsHost *host)
{
    static const char *const children[] = {
        "uuid", "cpu", "power_management", "iommu", "migration_features",
        "topology", "cache", "memory_bandwidth", "secmodel", NULL,
    };
    static const char *const iommuAttrs[] = { "support", NULL };
    g_autofree char *uuid = NULL;
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr child;
    size_t i;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "uuid", &uuid) < 0)
        return -1;
    if (uuid) {
        if (virConfParseUUID(uuid, "host", host->uuid) < 0)
            return -1;
        host->hasUUID = true;
    }
    if (!(child = virConfChild(node, "cpu"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing host CPU in capabilities"));
        return -1;
    }
    if (virCapsHostCPUParse(child, &host->cpu) < 0)
        return -1;
    if ((child = virConfChild(node, "power_management")) &&
        virCapsPowerParse(child, host) < 0)
        return -1;
    if ((child = virConfChild(node, "iommu"))) {
        virTristateBool support = VIR_TRISTATE_BOOL_ABSENT;

        if (virConfCheckElement(child, iommuAttrs, NULL) < 0 ||
            virXMLPropTristateBool(child, "support", VIR_XML_PROP_REQUIRED,
                                   &support) < 0)
            return -1;
        host->iommu = support == VIR_TRISTATE_BOOL_YES;
    }
    if ((child = virConfChild(node, "migration_features")) &&
        virCapsMigrationParse(child, host) < 0)
        return -1;
    if ((child = virConfChild(node, "topology")) &&
        virCapsTopologyParse(child, host) < 0)
        return -1;
    if ((child = virConfChild(node, "cache")) &&
        virCapsBankSetParse(child, true, &host->cache) < 0)
        return -1;
    if ((child = virConfChild(node, "memory_bandwidth")) &&
        virCapsBankSetParse(child, false, &host->memBandwidth) < 0)
        return -1;
    host->nsecModels = virConfChildren(node, "secmodel", &nodes);
    host->secModels = g_new0(virCapsSecModel, host->nsecModels);
    for (i = 0; i < host->nsecModels; i++) {
        if (virCapsSecModelParse(nodes[i], &host->secModels[i]) < 0)
            return -1;
    }
    return 0;
}


static void
virCapsHostFormat(virBuffer *buf, const virCapsHost *host)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    size_t i;

    virBufferAddLit(buf, "<host>\n");
    virBufferAdjustIndent(buf, 2);
    if (host->hasUUID)
        virBufferAsprintf(buf, "<uuid>%s</uuid>\n", virUUIDFormat(host->uuid, uuidstr));
    virCapsHostCPUFormat(buf, &host->cpu);
    virCapsPowerFormat(buf, host);
    virBufferAsprintf(buf, "<iommu support='%s'/>\n", host->iommu ? "yes" : "no");
    virCapsMigrationFormat(buf, host);
    virCapsTopologyFormat(buf, host);
    virCapsBankSetFormat(buf, &host->cache, true);
    virCapsBankSetFormat(buf, &host->memBandwidth, false);
    for (i = 0; i < host->nsecModels; i++)
        virCapsSecModelFormat(buf, &host->secModels[i]);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</host>\n");
}


static int
virCapsMachinesParse(xmlNodePtr node, virCapsMachine **machines, size_t *nmachines)
{
    static const char *const attrs[] = { "canonical", "maxCpus", "deprecated", NULL };
    g_autofree xmlNodePtr *nodes = NULL;
    size_t i;

    *nmachines = virConfChildren(node, "machine", &nodes);
    *machines = g_new0(virCapsMachine, *nmachines);
    for (i = 0; i < *nmachines; i++) {
        virCapsMachine *m = &(*machines)[i];

        if (virConfCheckElement(nodes[i], attrs, NULL) < 0 ||
            virXMLPropUInt(nodes[i], "maxCpus", 10, VIR_XML_PROP_NONE,
                           &m->maxCpus) < 0 ||
            virXMLPropTristateBool(nodes[i], "deprecated", VIR_XML_PROP_NONE,
                                   &m->deprecated) < 0 ||
            !(m->name = virXMLNodeContentString(nodes[i])))
            return -1;
        m->canonical = virXMLPropString(nodes[i], "canonical");
        if (!*m->name) {
            virReportError(VIR_ERR_XML_ERROR, "%s", _("empty machine name"));
            return -1;
        }
    }
    return 0;
}


static void
virCapsMachinesFormat(virBuffer *buf, const virCapsMachine *machines, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        virBufferAddLit(buf, "<machine");
        virBufferEscapeString(buf, " canonical='%s'", machines[i].canonical);
        if (machines[i].maxCpus)
            virBufferAsprintf(buf, " maxCpus='%u'", machines[i].maxCpus);
        if (machines[i].deprecated == VIR_TRISTATE_BOOL_YES)
            virBufferAddLit(buf, " deprecated='yes'");
        virBufferEscapeString(buf, ">%s</machine>\n", machines[i].name);
    }
}


static int
virCapsGuestDomainParse(xmlNodePtr node, virCapsGuestDomain *dom)
{
    static const char *const attrs[] = { "type", NULL };
    static const char *const children[] = { "emulator", "machine", NULL };

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(dom->type = virXMLPropStringRequired(node, "type")) ||
        virConfChildText(node, "emulator", &dom->emulator) < 0)
        return -1;
    if (!g_strv_contains(virCapsVirtTypes, dom->type)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown virtualization type '%1$s'"), dom->type);
        return -1;
    }
    return virCapsMachinesParse(node, &dom->machines, &dom->nmachines);
}


static int
virCapsGuestArchParse(xmlNodePtr node, virCapsGuest *guest)
{
    static const char *const attrs[] = { "name", NULL };
    static const char *const children[] = {
        "wordsize", "emulator", "loader", "machine", "domain", NULL,
    };
    g_autofree xmlNodePtr *nodes = NULL;
    g_autofree char *wordsize = NULL;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(guest->arch = virXMLPropStringRequired(node, "name")) ||
        virConfChildText(node, "wordsize", &wordsize) < 0 ||
        virConfChildText(node, "emulator", &guest->emulator) < 0 ||
        virConfChildText(node, "loader", &guest->loader) < 0)
        return -1;
    if (wordsize && virStrToLong_ui(wordsize, NULL, 10, &guest->wordsize) < 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("malformed wordsize '%1$s'"), wordsize);
        return -1;
    }
    if (virCapsMachinesParse(node, &guest->machines, &guest->nmachines) < 0)
        return -1;
    guest->ndomains = virConfChildren(node, "domain", &nodes);
    guest->domains = g_new0(virCapsGuestDomain, guest->ndomains);
    for (i = 0; i < guest->ndomains; i++) {
        if (virCapsGuestDomainParse(nodes[i], &guest->domains[i]) < 0)
            return -1;
    }
    return 0;
}


static int
virCapsGuestFeaturesParse(xmlNodePtr node, virCapsGuest *guest)
{
    static const char *const toggleAttrs[] = { "default", "toggle", NULL };
    xmlNodePtr cur;
    int f;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if ((f = virCapsGuestFeatureTypeFromString((const char *)cur->name)) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported element '%1$s' in element 'features'"),
                           (const char *)cur->name);
            return -1;
        }
        if (virConfCheckElement(cur, virCapsGuestFeatureToggles[f] ? toggleAttrs : NULL,
                                NULL) < 0)
            return -1;
        guest->features[f].present = true;
        if (virCapsGuestFeatureToggles[f] &&
            (virXMLPropTristateSwitch(cur, "default", VIR_XML_PROP_REQUIRED,
                                      &guest->features[f].defaultOn) < 0 ||
             virXMLPropTristateBool(cur, "toggle", VIR_XML_PROP_REQUIRED,
                                    &guest->features[f].toggle) < 0))
            return -1;
    }
    return 0;
}


static int
virCapsGuestParse(xmlNodePtr node, virCapsGuest *guest)
{
    static const char *const children[] = { "os_type", "arch", "features", NULL };
    xmlNodePtr child;

    if (virConfCheckElement(node, NULL, children) < 0 ||
        virConfChildText(node, "os_type", &guest->osType) < 0)
        return -1;
    if (!guest->osType || !g_strv_contains(virCapsOSTypes, guest->osType)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unknown guest os_type '%1$s'"), NULLSTR(guest->osType));
        return -1;
    }
    if (!(child = virConfChild(node, "arch"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing <arch> in guest capabilities"));
        return -1;
    }
    if (virCapsGuestArchParse(child, guest) < 0)
        return -1;
    if ((child = virConfChild(node, "features")) &&
        virCapsGuestFeaturesParse(child, guest) < 0)
        return -1;
    return 0;
}


static void
virCapsGuestFormat(virBuffer *buf, const virCapsGuest *guest)
{
    g_auto(virBuffer) features = VIR_BUFFER_INITIALIZER;
    size_t i;

    virBufferAddLit(buf, "<guest>\n");
    virBufferAdjustIndent(buf, 2);
    virBufferEscapeString(buf, "<os_type>%s</os_type>\n", guest->osType);
    virBufferEscapeString(buf, "<arch name='%s'>\n", guest->arch);
    virBufferAdjustIndent(buf, 2);
    if (guest->wordsize)
        virBufferAsprintf(buf, "<wordsize>%u</wordsize>\n", guest->wordsize);
    virBufferEscapeString(buf, "<emulator>%s</emulator>\n", guest->emulator);
    virBufferEscapeString(buf, "<loader>%s</loader>\n", guest->loader);
    virCapsMachinesFormat(buf, guest->machines, guest->nmachines);
    for (i = 0; i < guest->ndomains; i++) {
        const virCapsGuestDomain *dom = &guest->domains[i];
        g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
        g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

        virBufferEscapeString(&attrs, " type='%s'", dom->type);
        virBufferEscapeString(&children, "<emulator>%s</emulator>\n", dom->emulator);
        virCapsMachinesFormat(&children, dom->machines, dom->nmachines);
        virXMLFormatElement(buf, "domain", &attrs, &children);
    }
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</arch>\n");

    virBufferSetIndent(&features, virBufferGetIndent(buf) + 2);
    for (i = 0; i < VIR_CAPS_GUEST_FEATURE_LAST; i++) {
        const virCapsGuestFeature *f = &guest->features[i];

        if (!f->present)
            continue;
        virBufferAsprintf(&features, "<%s", virCapsGuestFeatureTypeToString(i));
        if (virCapsGuestFeatureToggles[i])
            virBufferAsprintf(&features, " default='%s' toggle='%s'",
                              virTristateSwitchTypeToString(f->defaultOn),
                              virTristateBoolTypeToString(f->toggle));
        virBufferAddLit(&features, "/>\n");
    }
    virXMLFormatElement(buf, "features", NULL, &features);
    virBufferAdjustIndent(buf, -2);
    virBufferAddLit(buf, "</guest>\n");
}


static void
virCapsValidateCells(const virCapsHost *host, virConfViolations *v)
{
    g_autoptr(GHashTable) cpuIds = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t i;
    size_t j;

    for (i = 0; i < host->ncells; i++) {
        const virCapsCell *cell = &host->cells[i];
        g_autofree char *path = g_strdup_printf("/capabilities/host/topology/cells/cell[%zu]",
                                                i + 1);

        for (j = 0; j < i; j++) {
            if (host->cells[j].id == cell->id)
                virConfViolationAdd(v, path, _("duplicate NUMA cell id '%1$u'"), cell->id);
        }
        for (j = 0; j < cell->ndistances; j++) {
            size_t k;
            bool found = false;

            for (k = 0; k < host->ncells; k++)
                found |= host->cells[k].id == cell->distances[j].node;
            if (!found)
                virConfViolationAdd(v, path,
                                    _("distance to unknown NUMA cell '%1$u'"),
                                    cell->distances[j].node);
        }
        for (j = 0; j < cell->ncpus; j++) {
            gpointer key = GUINT_TO_POINTER(cell->cpus[j].id + 1);

            if (g_hash_table_contains(cpuIds, key))
                virConfViolationAdd(v, path, _("CPU '%1$u' is listed twice"),
                                    cell->cpus[j].id);
            g_hash_table_add(cpuIds, key);
        }
    }
}


static void
virCapsValidateGuest(const virCapsGuest *guest, size_t idx, virConfViolations *v)
{
    g_autofree char *path = g_strdup_printf("/capabilities/guest[%zu]/arch", idx + 1);
    size_t i;

    if (guest->wordsize != 31 && guest->wordsize != 32 && guest->wordsize != 64)
        virConfViolationAdd(v, path, _("wordsize '%1$u' is not 31, 32 or 64"),
                            guest->wordsize);
    if (guest->ndomains == 0)
        virConfViolationAdd(v, path, "%s",
                            _("a guest architecture needs at least one <domain>"));
    if (guest->emulator && !g_path_is_absolute(guest->emulator))
        virConfViolationAdd(v, path, _("emulator '%1$s' must be an absolute path"),
                            guest->emulator);
    if (guest->loader && !g_path_is_absolute(guest->loader))
        virConfViolationAdd(v, path, _("loader '%1$s' must be an absolute path"),
                            guest->loader);
    for (i = 0; i < guest->ndomains; i++) {
        size_t j;

        for (j = 0; j < i; j++) {
            if (STREQ(guest->domains[i].type, guest->domains[j].type))
                virConfViolationAdd(v, path, _("domain type '%1$s' is listed twice"),
                                    guest->domains[i].type);
        }
    }
}


/**
 * virCapsValidate:
 * @caps: parsed capabilities
 *
 * Returns 0, or -1 with one VIR_ERR_XML_ERROR listing every violated
 * rule with the path of its element.
 */
int
virCapsValidate(const virCaps *caps)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    const virCapsHostCPU *cpu = &caps->host.cpu;
    size_t i;

    if (!cpu->arch)
        virConfViolationAdd(v, "/capabilities/host/cpu", "%s",
                            _("the host CPU needs an <arch>"));
    if (cpu->physAddrMode && STRNEQ(cpu->physAddrMode, "emulate") &&
        STRNEQ(cpu->physAddrMode, "passthrough"))
        virConfViolationAdd(v, "/capabilities/host/cpu/maxphysaddr",
                            _("unknown mode '%1$s'"), cpu->physAddrMode);
    if (cpu->hasTopology &&
        (!cpu->sockets || !cpu->cores || !cpu->threads))
        virConfViolationAdd(v, "/capabilities/host/cpu/topology", "%s",
                            _("sockets, cores and threads must be positive"));
    virCapsValidateCells(&caps->host, v);
    for (i = 0; i < caps->nguests; i++)
        virCapsValidateGuest(&caps->guests[i], i, v);
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


static virCaps *
virCapsParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const children[] = { "host", "guest", NULL };
    g_autoptr(virCaps) caps = g_new0(virCaps, 1);
    g_autofree xmlNodePtr *nodes = NULL;
    xmlNodePtr host;
    size_t i;

    if (virConfCheckElement(root, NULL, children) < 0)
        return NULL;
    if (!(host = virConfChild(root, "host"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing <host> in capabilities"));
        return NULL;
    }
    if (virCapsHostParse(host, &caps->host) < 0)
        return NULL;
    caps->nguests = virConfChildren(root, "guest", &nodes);
    caps->guests = g_new0(virCapsGuest, caps->nguests);
    for (i = 0; i < caps->nguests; i++) {
        if (virCapsGuestParse(nodes[i], &caps->guests[i]) < 0)
            return NULL;
    }
    if (!(flags & VIR_CAPS_PARSE_SKIP_VALIDATE) && virCapsValidate(caps) < 0)
        return NULL;
    return g_steal_pointer(&caps);
}


static virCaps *
virCapsParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(capabilities)"),
                            "capabilities", &ctxt, VIR_FROM_THIS)))
        return NULL;
    return virCapsParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virCapsParseString:
 * @xml: a <capabilities> document
 * @flags: virCapsParseFlags
 *
 * Returns the new capabilities (caller frees), or NULL with an error.
 */
virCaps *
virCapsParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_CAPS_PARSE_SKIP_VALIDATE, NULL);
    return virCapsParse(xml, NULL, flags);
}


/**
 * virCapsParseFile:
 * @filename: a file holding a <capabilities> document
 * @flags: virCapsParseFlags
 *
 * Returns the new capabilities (caller frees), or NULL with an error.
 */
virCaps *
virCapsParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_CAPS_PARSE_SKIP_VALIDATE, NULL);
    return virCapsParse(NULL, filename, flags);
}


/**
 * virCapsFormat:
 * @caps: the capabilities
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's virConnectGetCapabilities()
 * prints it, blank lines around <host> and each <guest> included
 * (caller frees); never NULL.
 */
char *
virCapsFormat(const virCaps *caps, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    size_t i;

    (void)flags;
    /* the blank lines carry no indentation */
    virBufferAddLit(&buf, "<capabilities>\n\n");
    virBufferAdjustIndent(&buf, 2);
    virCapsHostFormat(&buf, &caps->host);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "\n");
    for (i = 0; i < caps->nguests; i++) {
        virBufferAdjustIndent(&buf, 2);
        virCapsGuestFormat(&buf, &caps->guests[i]);
        virBufferAdjustIndent(&buf, -2);
        virBufferAddLit(&buf, "\n");
    }
    virBufferAddLit(&buf, "</capabilities>\n");
    return virBufferContentAndReset(&buf);
}
