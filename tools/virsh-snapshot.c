/*
 * virsh-snapshot.c: the snapshot commands but snapshot-list: create,
 * create-as, current, info, dumpxml, parent, revert, delete
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <string.h>

#include "virsh.h"
#include "virsh-snapshot.h"

#define VIRSH_OPT_SNAPSHOTNAME(what) \
    {.name = "snapshotname", \
     .type = VSH_OT_STRING, \
     .help = what}

#define VIRSH_OPT_SNAPSHOT_CURRENT(what) \
    {.name = "current", \
     .type = VSH_OT_BOOL, \
     .help = what}

/**
 * virshLookupSnapshot:
 * @ctl: the shell
 * @cmd: a command with the option @arg and --current
 * @arg: the option naming the snapshot ("snapshotname", "from")
 * @dom: the snapshot's domain
 * @snap: set to a new reference
 * @name: set to the snapshot's name, owned by @snap
 *
 * Finds the snapshot named by @arg, or the current one for --current;
 * exactly one of them must be given.
 *
 * Returns 0, or -1 after reporting.
 */
int
virshLookupSnapshot(vshControl *ctl, const vshCmd *cmd, const char *arg,
                    virDomainPtr dom, virDomainSnapshotPtr *snap,
                    const char **name)
{
    bool current = vshCommandOptBool(cmd, "current");
    const char *snapname = NULL;

    if (vshCommandOptStringReq(ctl, cmd, arg, &snapname) < 0)
        return -1;

    if (current && snapname) {
        vshError(ctl, "--%s and --current are mutually exclusive", arg);
        return -1;
    }

    if (snapname) {
        *snap = virDomainSnapshotLookupByName(dom, snapname, 0);
    } else if (current) {
        *snap = virDomainSnapshotCurrent(dom, 0);
    } else {
        vshError(ctl, "--%s or --current is required", arg);
        return -1;
    }
    if (!*snap) {
        vshReportError(ctl);
        return -1;
    }

    *name = virDomainSnapshotGetName(*snap);
    return 0;
}

/**
 * virshGetSnapshotParent:
 * @snap: a snapshot
 * @parent: set to the parent's name (the caller frees it), NULL for a
 *          root
 *
 * Returns 0, or -1 with the library's error kept.
 */
int
virshGetSnapshotParent(virDomainSnapshotPtr snap, char **parent)
{
    g_autoptr(virshDomainSnapshot) other = NULL;
    g_autofree char *xml = NULL;

    *parent = NULL;
    if ((other = virDomainSnapshotGetParent(snap, 0))) {
        *parent = g_strdup(virDomainSnapshotGetName(other));
        return 0;
    }
    if (vshLastErrorCode() == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
        vshResetLibvirtError();
        return 0;
    }
    if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return -1;

    /* A driver without the call still names the parent in the XML. */
    vshResetLibvirtError();
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return -1;
    *parent = virshXPathString(xml, "string(/domainsnapshot/parent/name)");
    return 0;
}

/* Create the snapshot @xml describes and say so.  A driver that cannot
 * halt after the snapshot gets the domain destroyed by us instead. */
static bool
virshSnapshotCreate(vshControl *ctl, virDomainPtr dom, const char *xml,
                    unsigned int flags, const char *from)
{
    g_autoptr(virshDomainSnapshot) snap = NULL;
    bool halt = false;
    const char *name;

    snap = virDomainSnapshotCreateXML(dom, xml, flags);
    if (!snap && vshLastErrorCode() == VIR_ERR_NO_SUPPORT &&
        (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        int persistent;

        vshResetLibvirtError();
        if ((persistent = virDomainIsPersistent(dom)) < 0) {
            vshReportError(ctl);
            return false;
        }
        if (!persistent) {
            vshError(ctl, "%s", "cannot halt after snapshot of transient domain");
            return false;
        }
        halt = virDomainIsActive(dom) == 1;
        flags &= ~VIR_DOMAIN_SNAPSHOT_CREATE_HALT;
        snap = virDomainSnapshotCreateXML(dom, xml, flags);
    }
    if (!snap)
        return false;

    if (halt && virDomainDestroy(dom) < 0) {
        vshReportError(ctl);
        return false;
    }

    if (!(name = virDomainSnapshotGetName(snap))) {
        vshError(ctl, "%s", "Could not get snapshot name");
        return false;
    }
    /* No newline: the blank line after every command ends it. */
    if (from)
        vshPrintExtra(ctl, "Domain snapshot %s created from '%s'", name, from);
    else
        vshPrintExtra(ctl, "Domain snapshot %s created", name);
    return true;
}

/* The flags the options of snapshot-create and snapshot-create-as set. */
static unsigned int
virshSnapshotCreateFlags(const vshCmd *cmd)
{
    static const struct {
        const char *option;
        unsigned int flag;
    } map[] = {
        {"redefine", VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE},
        {"current", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT},
        {"no-metadata", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA},
        {"halt", VIR_DOMAIN_SNAPSHOT_CREATE_HALT},
        {"disk-only", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY},
        {"reuse-external", VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT},
        {"quiesce", VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE},
        {"atomic", VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC},
        {"live", VIR_DOMAIN_SNAPSHOT_CREATE_LIVE},
        {"validate", VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE},
    };
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (vshCommandOptBool(cmd, map[i].option))
            flags |= map[i].flag;
    }
    return flags;
}

#define VIRSH_OPTS_SNAPSHOT_CREATE_FLAGS \
    {.name = "no-metadata", \
     .type = VSH_OT_BOOL, \
     .help = "take the snapshot but keep no record of it"}, \
    {.name = "halt", \
     .type = VSH_OT_BOOL, \
     .help = "stop the domain once the snapshot is taken"}, \
    {.name = "disk-only", \
     .type = VSH_OT_BOOL, \
     .help = "snapshot the disks only, not the memory"}, \
    {.name = "reuse-external", \
     .type = VSH_OT_BOOL, \
     .help = "use the external files that already exist"}, \
    {.name = "quiesce", \
     .type = VSH_OT_BOOL, \
     .help = "have the guest agent freeze the file systems meanwhile"}, \
    {.name = "atomic", \
     .type = VSH_OT_BOOL, \
     .help = "all disks or none"}, \
    {.name = "live", \
     .type = VSH_OT_BOOL, \
     .help = "keep the guest running while its memory is saved"}, \
    {.name = "validate", \
     .type = VSH_OT_BOOL, \
     .help = "check the XML against the schema first"}

static const vshCmdOptDef virshOptsSnapshotCreate[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "xmlfile",
     .type = VSH_OT_STRING,
     .help = "the snapshot XML; a snapshot with default settings when omitted"},
    {.name = "redefine",
     .type = VSH_OT_BOOL,
     .help = "restore the record of a snapshot that exists already"},
    {.name = "current",
     .type = VSH_OT_BOOL,
     .help = "with --redefine, make it the current snapshot"},
    VIRSH_OPTS_SNAPSHOT_CREATE_FLAGS,
    {.name = NULL}
};

static bool
virshCmdSnapshotCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = virshSnapshotCreateFlags(cmd);
    const char *from = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "xmlfile", &from) < 0)
        return false;

    if (!from)
        xml = g_strdup("<domainsnapshot/>");
    else if (!(xml = virshFileRead(ctl, from)))
        return false;

    return virshSnapshotCreate(ctl, dom, xml, flags, from);
}

/* Split a memspec or diskspec at commas; ",," is a comma. */
static GStrv
virshSplitSpec(const char *spec)
{
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GString) part = g_string_new(NULL);
    const char *p;

    if (!*spec)
        return g_new0(char *, 1);
    for (p = spec; *p; p++) {
        if (*p != ',') {
            g_string_append_c(part, *p);
        } else if (p[1] == ',') {
            g_string_append_c(part, ',');
            p++;
        } else {
            g_ptr_array_add(parts, g_strdup(part->str));
            g_string_truncate(part, 0);
        }
    }
    g_ptr_array_add(parts, g_strdup(part->str));
    g_ptr_array_add(parts, NULL);
    g_ptr_array_set_free_func(parts, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&parts), FALSE);
}

static void
virshAppendEscaped(GString *out, const char *format, const char *value)
{
    g_autofree char *escaped = NULL;

    if (!value)
        return;
    escaped = g_markup_escape_text(value, -1);
    g_string_append_printf(out, format, escaped);
}

/* Value of "key=value" in @part for @key, else NULL. */
static const char *
virshSpecValue(const char *part, const char *key)
{
    size_t len = strlen(key);

    if (strncmp(part, key, len) == 0 && part[len] == '=')
        return part + len + 1;
    return NULL;
}

/* --memspec [file=]name[,snapshot=type] as a <memory> element. */
static bool
virshParseMemspec(vshControl *ctl, GString *out, const char *spec)
{
    g_auto(GStrv) parts = virshSplitSpec(spec);
    const char *snapshot = NULL;
    const char *file = NULL;
    size_t i;

    if (!parts[0])
        goto error;
    for (i = 0; parts[i]; i++) {
        const char *value;

        if (!snapshot && (value = virshSpecValue(parts[i], "snapshot")))
            snapshot = value;
        else if (!file && (value = virshSpecValue(parts[i], "file")))
            file = value;
        else if (!file && parts[i][0] == '/')
            file = parts[i];
        else
            goto error;
    }

    g_string_append(out, "  <memory");
    virshAppendEscaped(out, " snapshot='%s'", snapshot);
    virshAppendEscaped(out, " file='%s'", file);
    g_string_append(out, "/>\n");
    return true;

 error:
    vshError(ctl, "unable to parse memspec: %s", spec);
    return false;
}

/* --diskspec disk[,snapshot=type][,driver=type][,stype=type][,file=name]
 * as a <disk> element. */
static bool
virshParseDiskspec(vshControl *ctl, GString *out, const char *spec)
{
    g_auto(GStrv) parts = virshSplitSpec(spec);
    const char *snapshot = NULL;
    const char *driver = NULL;
    const char *stype = NULL;
    const char *file = NULL;
    size_t i;

    /* An empty spec names no disk; virsh writes the element anyway and
     * leaves the complaint to the driver. */
    if (!parts[0]) {
        g_string_append(out, "    />\n");
        return true;
    }
    for (i = 1; parts[i]; i++) {
        const char *value;

        if (!snapshot && (value = virshSpecValue(parts[i], "snapshot")))
            snapshot = value;
        else if (!driver && (value = virshSpecValue(parts[i], "driver")))
            driver = value;
        else if (!stype && (value = virshSpecValue(parts[i], "stype")))
            stype = value;
        else if (!file && (value = virshSpecValue(parts[i], "file")))
            file = value;
        else
            goto error;
    }
    if (stype && strcmp(stype, "file") != 0 && strcmp(stype, "block") != 0) {
        vshError(ctl, "Unknown storage type: '%s'", stype);
        goto error;
    }

    /* The snapshot, type and driver values go in unescaped, as virsh
     * writes them. */
    virshAppendEscaped(out, "    <disk name='%s'", parts[0]);
    if (snapshot)
        g_string_append_printf(out, " snapshot='%s'", snapshot);
    if (stype)
        g_string_append_printf(out, " type='%s'", stype);
    if (!driver && !file) {
        g_string_append(out, "/>\n");
        return true;
    }
    g_string_append(out, ">\n");
    if (driver)
        g_string_append_printf(out, "      <driver type='%s'/>\n", driver);
    if (stype && strcmp(stype, "block") == 0)
        virshAppendEscaped(out, "      <source dev='%s'/>\n", file);
    else
        virshAppendEscaped(out, "      <source file='%s'/>\n", file);
    g_string_append(out, "    </disk>\n");
    return true;

 error:
    vshError(ctl, "unable to parse diskspec: %s", spec);
    return false;
}

static const vshCmdOptDef virshOptsSnapshotCreateAs[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "name",
     .type = VSH_OT_STRING,
     .help = "the snapshot's name; the time of creation when omitted"},
    {.name = "description",
     .type = VSH_OT_STRING,
     .help = "a description to keep with the snapshot"},
    {.name = "print-xml",
     .type = VSH_OT_BOOL,
     .help = "print the snapshot XML instead of creating the snapshot"},
    VIRSH_OPTS_SNAPSHOT_CREATE_FLAGS,
    {.name = "memspec",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = "where the memory goes: [file=]name[,snapshot=type]"},
    {.name = "diskspec",
     .type = VSH_OT_ARGV,
     .help = "how to snapshot a disk: disk[,snapshot=type][,driver=type][,stype=type][,file=name]"},
    {.name = NULL}
};

static bool
virshCmdSnapshotCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(GString) xml = g_string_new("<domainsnapshot>\n");
    unsigned int flags = virshSnapshotCreateFlags(cmd);
    const char *name = NULL;
    const char *desc = NULL;
    const char *memspec = NULL;
    const vshCmdOpt *opt = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "description", &desc) < 0)
        return false;

    virshAppendEscaped(xml, "  <name>%s</name>\n", name);
    virshAppendEscaped(xml, "  <description>%s</description>\n", desc);

    if (vshCommandOptStringReq(ctl, cmd, "memspec", &memspec) < 0)
        return false;
    if (memspec && !virshParseMemspec(ctl, xml, memspec))
        return false;

    if (vshCommandOptBool(cmd, "diskspec")) {
        g_string_append(xml, "  <disks>\n");
        while ((opt = vshCommandOptArgv(cmd, opt))) {
            if (!virshParseDiskspec(ctl, xml, opt->data))
                return false;
        }
        g_string_append(xml, "  </disks>\n");
    }
    g_string_append(xml, "</domainsnapshot>\n");

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", xml->str);
        return true;
    }
    return virshSnapshotCreate(ctl, dom, xml->str, flags, NULL);
}

static const vshCmdOptDef virshOptsSnapshotCurrent[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "name",
     .type = VSH_OT_BOOL,
     .help = "print the name only, not the XML"},
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = "include passwords and other secrets in the XML"},
    {.name = "snapshotname",
     .type = VSH_OT_STRING,
     .help = "make this snapshot the current one"},
    {.name = NULL}
};

/* Make @snapname current by redefining it with its own XML. */
static bool
virshSnapshotSetCurrent(vshControl *ctl, virDomainPtr dom,
                        const char *snapname)
{
    g_autoptr(virshDomainSnapshot) snap = NULL;
    g_autoptr(virshDomainSnapshot) redefined = NULL;
    g_autofree char *xml = NULL;

    if (!(snap = virDomainSnapshotLookupByName(dom, snapname, 0)) ||
        !(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_XML_SECURE)) ||
        !(redefined = virDomainSnapshotCreateXML(dom, xml,
                                                 VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                 VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)))
        return false;

    vshPrintExtra(ctl, "Snapshot %s set as current", snapname);
    return true;
}

static bool
virshCmdSnapshotCurrent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    const char *snapname = NULL;
    const char *domname;
    unsigned int flags = 0;
    int current;

    VSH_EXCLUSIVE_OPTIONS("name", "snapshotname");

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &domname)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "snapshotname", &snapname) < 0)
        return false;
    if (snapname)
        return virshSnapshotSetCurrent(ctl, dom, snapname);

    if ((current = virDomainHasCurrentSnapshot(dom, 0)) < 0)
        return false;
    if (!current) {
        vshError(ctl, "domain '%s' has no current snapshot", domname);
        return false;
    }
    if (!(snap = virDomainSnapshotCurrent(dom, 0)))
        return false;

    if (vshCommandOptBool(cmd, "name")) {
        vshPrint(ctl, "%s", virDomainSnapshotGetName(snap));
        return true;
    }
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, flags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}

static const vshCmdOptDef virshOptsSnapshotInfo[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    VIRSH_OPT_SNAPSHOTNAME("the snapshot's name"),
    VIRSH_OPT_SNAPSHOT_CURRENT("the current snapshot"),
    {.name = NULL}
};

/* "external" if the memory or a disk was saved outside the disk images;
 * an old snapshot without <memory> is external only when disk-only. */
static const char *
virshSnapshotLocation(const char *xml, const char *state)
{
    if (virshXPathCount(xml, "/domainsnapshot/memory") > 0) {
        if (virshXPathCount(xml, "/domainsnapshot/memory[@snapshot='external'] | "
                                 "/domainsnapshot/disks/disk[@snapshot='external']") > 0)
            return "external";
        return "internal";
    }
    return strcmp(state, "disk-snapshot") == 0 ? "external" : "internal";
}

/* The Children, Descendants and Metadata lines of snapshot-info. */
static bool
virshSnapshotInfoCounts(vshControl *ctl, virDomainSnapshotPtr snap)
{
    int count;
    int metadata;

    if ((count = virDomainSnapshotNumChildren(snap, 0)) < 0) {
        if (vshLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLibvirtError();
        return true;
    }
    vshPrint(ctl, "%-15s %d\n", "Children:", count);

    if ((count = virDomainSnapshotNumChildren(snap,
                                              VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) < 0)
        return false;
    vshPrint(ctl, "%-15s %d\n", "Descendants:", count);

    /* The last line; a driver that cannot tell just leaves it out. */
    if ((metadata = virDomainSnapshotHasMetadata(snap, 0)) >= 0)
        vshPrint(ctl, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    else
        vshResetLibvirtError();
    return true;
}

static bool
virshCmdSnapshotInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *state = NULL;
    g_autofree char *parent = NULL;
    const char *name;
    int current;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virshLookupSnapshot(ctl, cmd, "snapshotname", dom, &snap, &name) < 0)
        return false;

    vshPrint(ctl, "%-15s %s\n", "Name:", name);
    vshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));

    if ((current = virDomainSnapshotIsCurrent(snap, 0)) < 0) {
        g_autoptr(virshDomainSnapshot) other = virDomainSnapshotCurrent(dom, 0);

        vshResetLibvirtError();
        current = other && strcmp(name, virDomainSnapshotGetName(other)) == 0;
    }
    vshPrint(ctl, "%-15s %s\n", "Current:", current > 0 ? "yes" : "no");

    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return false;
    if (!(state = virshXPathString(xml, "string(/domainsnapshot/state)"))) {
        vshError(ctl, "%s", "unexpected problem reading snapshot xml");
        return false;
    }
    vshPrint(ctl, "%-15s %s\n", "State:", state);
    vshPrint(ctl, "%-15s %s\n", "Location:", virshSnapshotLocation(xml, state));

    parent = virshXPathString(xml, "string(/domainsnapshot/parent/name)");
    vshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "-");

    return virshSnapshotInfoCounts(ctl, snap);
}

static const vshCmdOptDef virshOptsSnapshotDumpxml[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "snapshotname",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the snapshot's name"},
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = "include passwords and other secrets"},
    {.name = "xpath",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = "print only the nodes this XPath expression selects"},
    {.name = "wrap",
     .type = VSH_OT_BOOL,
     .help = "put the nodes --xpath selects under one <nodes> element"},
    {.name = NULL}
};

static bool
virshCmdSnapshotDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    const char *xpath = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "snapshotname", &name) < 0)
        return false;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(snap = virDomainSnapshotLookupByName(dom, name, 0)) ||
        !(xml = virDomainSnapshotGetXMLDesc(snap, flags)))
        return false;

    return virshDumpXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

static const vshCmdOptDef virshOptsSnapshotParent[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    VIRSH_OPT_SNAPSHOTNAME("the snapshot whose parent to show"),
    VIRSH_OPT_SNAPSHOT_CURRENT("show the parent of the current snapshot"),
    {.name = NULL}
};

static bool
virshCmdSnapshotParent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    g_autofree char *parent = NULL;
    const char *name;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virshLookupSnapshot(ctl, cmd, "snapshotname", dom, &snap, &name) < 0)
        return false;
    if (virshGetSnapshotParent(snap, &parent) < 0)
        return false;
    if (!parent) {
        vshError(ctl, "snapshot '%s' has no parent", name);
        return false;
    }
    vshPrint(ctl, "%s", parent);
    return true;
}

static const vshCmdOptDef virshOptsSnapshotRevert[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    VIRSH_OPT_SNAPSHOTNAME("the snapshot to go back to"),
    VIRSH_OPT_SNAPSHOT_CURRENT("go back to the current snapshot"),
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "leave the domain running, whatever its state in the snapshot"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "leave the domain paused, whatever its state in the snapshot"},
    {.name = "force",
     .type = VSH_OT_BOOL,
     .help = "revert even where the hypervisor calls it risky"},
    {.name = "reset-nvram",
     .type = VSH_OT_BOOL,
     .help = "start from a fresh copy of the NVRAM template"},
    {.name = NULL}
};

static bool
virshCmdSnapshotRevert(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    unsigned int flags = 0;
    const char *name;
    int rc;

    if (vshCommandOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virshLookupSnapshot(ctl, cmd, "snapshotname", dom, &snap, &name) < 0)
        return false;

    /* --force is passed only when the hypervisor asks for it, so that
     * servers that predate the flag still revert. */
    rc = virDomainRevertToSnapshot(snap, flags);
    if (rc < 0 && vshCommandOptBool(cmd, "force") &&
        vshLastErrorCode() == VIR_ERR_SNAPSHOT_REVERT_RISKY) {
        vshResetLibvirtError();
        rc = virDomainRevertToSnapshot(snap, flags | VIR_DOMAIN_SNAPSHOT_REVERT_FORCE);
    }
    if (rc < 0) {
        vshError(ctl, "Failed to revert snapshot %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain snapshot %s reverted\n", name);
    return true;
}

static const vshCmdOptDef virshOptsSnapshotDelete[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    VIRSH_OPT_SNAPSHOTNAME("the snapshot to delete"),
    VIRSH_OPT_SNAPSHOT_CURRENT("delete the current snapshot"),
    {.name = "children",
     .type = VSH_OT_BOOL,
     .help = "delete its descendants too"},
    {.name = "children-only",
     .type = VSH_OT_BOOL,
     .help = "delete its descendants but keep it"},
    {.name = "metadata",
     .type = VSH_OT_BOOL,
     .help = "forget the snapshot but leave its data in place"},
    {.name = NULL}
};

static bool
virshCmdSnapshotDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autoptr(virshDomainSnapshot) snap = NULL;
    unsigned int flags = 0;
    const char *name;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virshLookupSnapshot(ctl, cmd, "snapshotname", dom, &snap, &name) < 0)
        return false;

    if (vshCommandOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (vshCommandOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (vshCommandOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;

    if (virDomainSnapshotDelete(snap, flags) < 0) {
        vshError(ctl, "Failed to delete snapshot %s", name);
        return false;
    }
    if (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
        vshPrintExtra(ctl, "Domain snapshot %s children deleted\n", name);
    else
        vshPrintExtra(ctl, "Domain snapshot %s deleted\n", name);
    return true;
}

const vshCmdDef virshSnapshotCmds[] = {
    {.name = "snapshot-create",
     .handler = virshCmdSnapshotCreate,
     .opts = virshOptsSnapshotCreate,
     .summary = "take a snapshot described by an XML file",
     .description = "Take a snapshot of a domain, or restore the record of one with --redefine."},
    {.name = "snapshot-create-as",
     .handler = virshCmdSnapshotCreateAs,
     .opts = virshOptsSnapshotCreateAs,
     .summary = "take a snapshot described by options",
     .description = "Take a snapshot of a domain, its XML built from the options given."},
    {.name = "snapshot-current",
     .handler = virshCmdSnapshotCurrent,
     .opts = virshOptsSnapshotCurrent,
     .summary = "show or change the current snapshot",
     .description = "Print the current snapshot's XML or name, or make another snapshot current."},
    {.name = "snapshot-delete",
     .handler = virshCmdSnapshotDelete,
     .opts = virshOptsSnapshotDelete,
     .summary = "delete a snapshot",
     .description = "Delete a snapshot, its descendants or both."},
    {.name = "snapshot-dumpxml",
     .handler = virshCmdSnapshotDumpxml,
     .opts = virshOptsSnapshotDumpxml,
     .summary = "print a snapshot's XML",
     .description = "Print the XML that describes a snapshot."},
    {.name = "snapshot-info",
     .handler = virshCmdSnapshotInfo,
     .opts = virshOptsSnapshotInfo,
     .summary = "show a snapshot's state, place and relations",
     .description = "Print the basic facts about a snapshot, one per line."},
    {.name = "snapshot-list",
     .handler = virshCmdSnapshotList,
     .opts = virshOptsSnapshotList,
     .summary = "show a domain's snapshots",
     .description = "Print a table or a tree of the domain's snapshots, or those the filters select."},
    {.name = "snapshot-parent",
     .handler = virshCmdSnapshotParent,
     .opts = virshOptsSnapshotParent,
     .summary = "show the name of a snapshot's parent",
     .description = "Print the name of the snapshot a snapshot was taken after."},
    {.name = "snapshot-revert",
     .handler = virshCmdSnapshotRevert,
     .opts = virshOptsSnapshotRevert,
     .summary = "bring a domain back to a snapshot",
     .description = "Put the domain back in the state a snapshot recorded."},
    {.name = NULL}
};
