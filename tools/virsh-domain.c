/*
 * virsh-domain.c: commands that manage domains: define, create, start,
 * stop, pause, memory, autostart, XML and identity
 *
 * The confirmations and the context line printed before the library's
 * error ("Failed to destroy domain 'x'") name the domain as the user
 * typed it, as virsh does, except start which names it by its name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "virsh.h"
#include "virsh-domain.h"

static const vshCmdOptDef virshOptsDomainOnly[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = NULL}
};

static const vshCmdOptDef virshOptsAutostart[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "disable",
     .type = VSH_OT_BOOL,
     .help = "stop starting the domain with the host"},
    {.name = NULL}
};

static bool
virshCmdAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *name;
    bool enable = !vshCommandOptBool(cmd, "disable");

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (virDomainSetAutostart(dom, enable) < 0) {
        vshError(ctl, enable ? "Failed to mark domain '%s' as autostarted"
                             : "Failed to unmark domain '%s' as autostarted",
                 name);
        return false;
    }
    vshPrintExtra(ctl, enable ? "Domain '%s' marked as autostarted\n"
                              : "Domain '%s' unmarked as autostarted\n",
                  name);
    return true;
}

/**
 * virshCommandOptFDs:
 * @ctl: the shell
 * @cmd: a command with a "pass-fds" option
 * @fds: set to the descriptors given (the caller frees the array)
 *
 * --pass-fds N,M,...: the numbers of descriptors to hand over.
 *
 * Returns the count (0 when not given), or -1 after reporting.
 */
int
virshCommandOptFDs(vshControl *ctl, const vshCmd *cmd, int **fds)
{
    const char *list = vshCommandOptStringQuiet(cmd, "pass-fds");
    g_auto(GStrv) parts = NULL;
    g_autofree int *result = NULL;
    size_t n;
    size_t i;

    *fds = NULL;
    if (!list || !*list)
        return 0;

    parts = g_strsplit(list, ",", -1);
    n = g_strv_length(parts);
    result = g_new0(int, n);
    for (i = 0; i < n; i++) {
        long long fd;

        if (vshStrToLongLong(parts[i], &fd) < 0 || fd < G_MININT || fd > G_MAXINT) {
            vshError(ctl, "Unable to parse FD number '%s'", parts[i]);
            return -1;
        }
        result[i] = fd;
    }
    *fds = g_steal_pointer(&result);
    return n;
}

static const vshCmdOptDef virshOptsCreate[] = {
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the domain XML to start from"},
    {.name = "console",
     .type = VSH_OT_BOOL,
     .help = "attach to the console once started"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "start the guest with its CPUs paused"},
    {.name = "autodestroy",
     .type = VSH_OT_BOOL,
     .help = "destroy the guest when this connection closes"},
    {.name = "pass-fds",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_EMPTY_OK,
     .help = "comma-separated numbers of open descriptors to give the guest"},
    {.name = "validate",
     .type = VSH_OT_BOOL,
     .help = "check the XML against the schema first"},
    {.name = "reset-nvram",
     .type = VSH_OT_BOOL,
     .help = "start from a fresh copy of the NVRAM template"},
    {.name = NULL}
};

static bool
virshCmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree int *fds = NULL;
    const char *from = NULL;
    unsigned int flags = 0;
    int nfds;

    if (vshCommandOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (!(xml = virshFileRead(ctl, from)))
        return false;
    if ((nfds = virshCommandOptFDs(ctl, cmd, &fds)) < 0)
        return false;

    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_START_VALIDATE;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;

    if (nfds > 0)
        dom = virDomainCreateXMLWithFiles(virshGetControl(ctl)->conn, xml,
                                          nfds, fds, flags);
    else
        dom = virDomainCreateXML(virshGetControl(ctl)->conn, xml, flags);
    if (!dom) {
        vshError(ctl, "Failed to create domain from %s", from);
        return false;
    }

    vshPrintExtra(ctl, "Domain '%s' created from %s\n",
                  virDomainGetName(dom), from);
    if (vshCommandOptBool(cmd, "console"))
        return virshRunConsole(ctl, dom, NULL, 0);
    return true;
}

static const vshCmdOptDef virshOptsDefine[] = {
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the domain XML to define"},
    {.name = "validate",
     .type = VSH_OT_BOOL,
     .help = "check the XML against the schema first"},
    {.name = NULL}
};

static bool
virshCmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (!(xml = virshFileRead(ctl, from)))
        return false;

    if (vshCommandOptBool(cmd, "validate"))
        dom = virDomainDefineXMLFlags(conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);
    else
        dom = virDomainDefineXML(conn, xml);
    if (!dom) {
        vshError(ctl, "Failed to define domain from %s", from);
        return false;
    }

    vshPrintExtra(ctl, "Domain '%s' defined from %s\n",
                  virDomainGetName(dom), from);
    return true;
}

static const vshCmdOptDef virshOptsDestroy[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "graceful",
     .type = VSH_OT_BOOL,
     .help = "ask the guest to stop before forcing it"},
    {.name = "remove-logs",
     .type = VSH_OT_BOOL,
     .help = "delete the domain's log files too"},
    {.name = NULL}
};

static bool
virshCmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned int flags = 0;
    const char *name;
    int rc;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (vshCommandOptBool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (vshCommandOptBool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;

    /* The plain call reaches drivers that predate the flags. */
    rc = flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to destroy domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' destroyed\n", name);
    return true;
}

static const vshCmdOptDef virshOptsDomid[] = {
    VIRSH_COMMON_OPT_DOMAIN("the domain's name or uuid"),
    {.name = NULL}
};

static bool
virshCmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYNAME | VIRSH_BYUUID)))
        return false;

    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%s\n", "-");
    else
        vshPrint(ctl, "%d\n", id);
    return true;
}

static const vshCmdOptDef virshOptsDomname[] = {
    VIRSH_COMMON_OPT_DOMAIN("the domain's id or uuid"),
    {.name = NULL}
};

static bool
virshCmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYID | VIRSH_BYUUID)))
        return false;
    vshPrint(ctl, "%s\n", virDomainGetName(dom));
    return true;
}

static const vshCmdOptDef virshOptsDomuuid[] = {
    VIRSH_COMMON_OPT_DOMAIN("the domain's id or name"),
    {.name = NULL}
};

static bool
virshCmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYNAME | VIRSH_BYID)))
        return false;

    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

static const vshCmdOptDef virshOptsDumpxml[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "inactive",
     .type = VSH_OT_BOOL,
     .help = "the definition the domain will boot with next"},
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = "include passwords and other secrets"},
    {.name = "update-cpu",
     .type = VSH_OT_BOOL,
     .help = "spell out the guest CPU as the host provides it"},
    {.name = "migratable",
     .type = VSH_OT_BOOL,
     .help = "leave out what a migration target must not see"},
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
virshCmdDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;
    unsigned int flags = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;

    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshCommandOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vshCommandOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;

    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;
    return virshDumpXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

static const vshCmdOptDef virshOptsShutdown[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "mode",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = "how to ask the guest, comma-separated: acpi|agent|initctl|signal|paravirt"},
    {.name = NULL}
};

/* --mode of shutdown and reboot; the two APIs share the flag values.
 * virsh words the error of each slightly differently (@serialComma).
 * Returns 0, or -1 after reporting an unknown mode. */
static int
virshShutdownModeFlags(vshControl *ctl, const vshCmd *cmd, bool serialComma,
                       unsigned int *flags)
{
    static const struct {
        const char *name;
        unsigned int flag;
    } modes[] = {
        {"acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN},
        {"agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT},
        {"initctl", VIR_DOMAIN_SHUTDOWN_INITCTL},
        {"signal", VIR_DOMAIN_SHUTDOWN_SIGNAL},
        {"paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT},
    };
    g_auto(GStrv) words = NULL;
    const char *mode = NULL;
    size_t i;
    size_t j;

    *flags = 0;
    if (vshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return -1;
    if (!mode)
        return 0;

    words = g_strsplit(mode, ",", -1);
    for (i = 0; words[i]; i++) {
        for (j = 0; j < G_N_ELEMENTS(modes); j++) {
            if (strcmp(words[i], modes[j].name) == 0)
                break;
        }
        if (j == G_N_ELEMENTS(modes)) {
            if (serialComma)
                vshError(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'",
                         words[i]);
            else
                vshError(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', 'signal' or 'paravirt'",
                         words[i]);
            return -1;
        }
        *flags |= modes[j].flag;
    }
    return 0;
}

static bool
virshCmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned int flags;
    const char *name;
    int rc;

    if (virshShutdownModeFlags(ctl, cmd, true, &flags) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    rc = flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to shutdown domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being shutdown\n", name);
    return true;
}

static bool
virshCmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned int flags;
    const char *name;

    if (virshShutdownModeFlags(ctl, cmd, false, &flags) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (virDomainReboot(dom, flags) < 0) {
        vshError(ctl, "Failed to reboot domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being rebooted\n", name);
    return true;
}

static bool
virshCmdResume(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *name;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (virDomainResume(dom) < 0) {
        vshError(ctl, "Failed to resume domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' resumed\n", name);
    return true;
}

static bool
virshCmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *name;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (virDomainSuspend(dom) < 0) {
        vshError(ctl, "Failed to suspend domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' suspended\n", name);
    return true;
}

#define VIRSH_OPTS_MEMORY(what) \
    VIRSH_COMMON_OPT_DOMAIN_FULL, \
    {.name = "kilobytes", \
     .type = VSH_OT_ALIAS, \
     .help = "size"}, \
    {.name = "size", \
     .type = VSH_OT_INT, \
     .flags = VSH_OFLAG_REQ, \
     .help = what ", with a unit suffix or in KiB"}, \
    {.name = "config", \
     .type = VSH_OT_BOOL, \
     .help = "change the persistent definition"}, \
    {.name = "live", \
     .type = VSH_OT_BOOL, \
     .help = "change the running domain"}, \
    {.name = "current", \
     .type = VSH_OT_BOOL, \
     .help = "change the running domain if it runs, else the definition"}, \
    {.name = NULL}

static const vshCmdOptDef virshOptsSetmem[] = {
    VIRSH_OPTS_MEMORY("the memory the guest may use")
};

static const vshCmdOptDef virshOptsSetmaxmem[] = {
    VIRSH_OPTS_MEMORY("the most memory the guest may have")
};

/* The common part of setmem and setmaxmem: the affect flags (-1 for
 * none given, which selects the flagless API), the domain and the size
 * in KiB. */
static virDomainPtr
virshMemoryArgs(vshControl *ctl, const vshCmd *cmd, int *flags,
                unsigned long *kibibytes)
{
    bool current = vshCommandOptBool(cmd, "current");
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    g_autoptr(virshDomain) dom = NULL;
    unsigned long long bytes = 0;

    if (!vshOptionsExclusive(ctl, cmd, "current", "live") ||
        !vshOptionsExclusive(ctl, cmd, "current", "config"))
        return NULL;

    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (config)
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (!current && !live && !config)
        *flags = -1;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return NULL;

    if (vshCommandOptScaledInt(ctl, cmd, "size", &bytes, 1024, ULONG_MAX) < 0)
        return NULL;
    *kibibytes = bytes / 1024 + (bytes % 1024 != 0);
    return g_steal_pointer(&dom);
}

static bool
virshCmdSetmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned long kibibytes;
    int flags;

    if (!(dom = virshMemoryArgs(ctl, cmd, &flags, &kibibytes)))
        return false;

    if (flags == -1)
        return virDomainSetMemory(dom, kibibytes) == 0;
    return virDomainSetMemoryFlags(dom, kibibytes, flags) == 0;
}

static bool
virshCmdSetmaxmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    unsigned long kibibytes;
    int flags;
    int rc;

    if (!(dom = virshMemoryArgs(ctl, cmd, &flags, &kibibytes)))
        return false;

    if (flags == -1)
        rc = virDomainSetMaxMemory(dom, kibibytes);
    else
        rc = virDomainSetMemoryFlags(dom, kibibytes,
                                     flags | VIR_DOMAIN_MEM_MAXIMUM);
    if (rc != 0) {
        vshError(ctl, "%s", "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}

static const vshCmdOptDef virshOptsStart[] = {
    VIRSH_COMMON_OPT_DOMAIN("the inactive domain to start, by name or uuid"),
    {.name = "console",
     .type = VSH_OT_BOOL,
     .help = "attach to the console once started"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "start the guest with its CPUs paused"},
    {.name = "autodestroy",
     .type = VSH_OT_BOOL,
     .help = "destroy the guest when this connection closes"},
    {.name = "bypass-cache",
     .type = VSH_OT_BOOL,
     .help = "read a saved state without filling the host's page cache"},
    {.name = "force-boot",
     .type = VSH_OT_BOOL,
     .help = "boot afresh, dropping any managed save image"},
    {.name = "pass-fds",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_EMPTY_OK,
     .help = "comma-separated numbers of open descriptors to give the guest"},
    {.name = "reset-nvram",
     .type = VSH_OT_BOOL,
     .help = "start from a fresh copy of the NVRAM template"},
    {.name = NULL}
};

/* Drivers that reject VIR_DOMAIN_START_FORCE_BOOT get the same effect:
 * drop the managed save image, then start without the flag.  Returns 1
 * when started, 0 to go on without the flag, -1 on error. */
static int
virshStartForceBoot(vshControl *ctl, virDomainPtr dom, unsigned int flags)
{
    int code;
    int saved;

    if (virDomainCreateWithFlags(dom, flags) == 0)
        return 1;
    code = vshLastErrorCode();
    if (code != VIR_ERR_NO_SUPPORT && code != VIR_ERR_INVALID_ARG) {
        vshReportError(ctl);
        return -1;
    }
    vshResetLibvirtError();

    if ((saved = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        vshResetLibvirtError();
    } else if (saved > 0 && virDomainManagedSaveRemove(dom, 0) < 0) {
        vshReportError(ctl);
        return -1;
    }
    return 0;
}

static bool
virshCmdStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree int *fds = NULL;
    unsigned int flags = 0;
    int nfds;
    int rc;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYNAME | VIRSH_BYUUID)))
        return false;

    if (virDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is already active");
        return false;
    }

    if ((nfds = virshCommandOptFDs(ctl, cmd, &fds)) < 0)
        return false;

    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_START_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "force-boot"))
        flags |= VIR_DOMAIN_START_FORCE_BOOT;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;

    if ((flags & VIR_DOMAIN_START_FORCE_BOOT) && nfds == 0) {
        if ((rc = virshStartForceBoot(ctl, dom, flags)) < 0)
            return false;
        if (rc > 0)
            goto started;
        flags &= ~VIR_DOMAIN_START_FORCE_BOOT;
    }

    if (nfds > 0)
        rc = virDomainCreateWithFiles(dom, nfds, fds, flags);
    else if (flags)
        rc = virDomainCreateWithFlags(dom, flags);
    else
        rc = virDomainCreate(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
        return false;
    }

 started:
    vshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    if (vshCommandOptBool(cmd, "console"))
        return virshRunConsole(ctl, dom, NULL, 0);
    return true;
}

const vshCmdDef virshDomainManagementCmds[] = {
    {.name = "autostart",
     .handler = virshCmdAutostart,
     .opts = virshOptsAutostart,
     .summary = "start a domain whenever the host starts, or stop doing so",
     .description = "Set or clear the domain's autostart flag."},
    {.name = "blockcommit",
     .handler = virshCmdBlockcommit,
     .opts = virshOptsBlockcommit,
     .summary = "merge images of a disk's backing chain into a lower one",
     .description = "Copy the data of the top images of a disk's chain into a lower image, and drop them from the chain."},
    {.name = "blockcopy",
     .handler = virshCmdBlockcopy,
     .opts = virshOptsBlockcopy,
     .summary = "copy a disk to a new image while the domain runs",
     .description = "Mirror a disk into a new file or device, then switch to it or keep the copy."},
    {.name = "blockjob",
     .handler = virshCmdBlockjob,
     .opts = virshOptsBlockjob,
     .summary = "show, throttle or end a disk's block job",
     .description = "Print the progress of a disk's job, change its rate limit, or abort or pivot it."},
    {.name = "blockpull",
     .handler = virshCmdBlockpull,
     .opts = virshOptsBlockpull,
     .summary = "fill a disk's image from its backing chain",
     .description = "Copy the data of the backing images into the top image, shortening the chain."},
    {.name = "console",
     .handler = virshCmdConsole,
     .opts = virshOptsConsole,
     .summary = "attach the terminal to a guest console",
     .description = "Connect to the guest's serial console or another character device; the escape character leaves."},
    {.name = "create",
     .handler = virshCmdCreate,
     .opts = virshOptsCreate,
     .summary = "start a transient domain from an XML file",
     .description = "Start a domain from its XML without defining it."},
    {.name = "define",
     .handler = virshCmdDefine,
     .opts = virshOptsDefine,
     .summary = "add or replace a persistent domain from an XML file",
     .description = "Define a domain from its XML, without starting it."},
    {.name = "destroy",
     .handler = virshCmdDestroy,
     .opts = virshOptsDestroy,
     .summary = "stop a domain at once",
     .description = "Stop the domain immediately, as pulling the power would."},
    {.name = "domid",
     .handler = virshCmdDomid,
     .opts = virshOptsDomid,
     .summary = "show the id of a domain given by name or UUID",
     .description = ""},
    {.name = "domname",
     .handler = virshCmdDomname,
     .opts = virshOptsDomname,
     .summary = "show the name of a domain given by id or UUID",
     .description = ""},
    {.name = "domuuid",
     .handler = virshCmdDomuuid,
     .opts = virshOptsDomuuid,
     .summary = "show the UUID of a domain given by name or id",
     .description = ""},
    {.name = "domxml-to-native",
     .handler = virshCmdDomxmlToNative,
     .opts = virshOptsDomxmlToNative,
     .summary = "turn domain XML into the hypervisor's own configuration",
     .description = "Print a domain's configuration in a native format, such as qemu-argv."},
    {.name = "dumpxml",
     .handler = virshCmdDumpxml,
     .opts = virshOptsDumpxml,
     .summary = "print a domain's XML",
     .description = "Print the domain's XML, as it runs or as defined."},
    {.name = "managedsave",
     .handler = virshCmdManagedsave,
     .opts = virshOptsManagedsave,
     .summary = "save a domain's state for its next start",
     .description = "Stop the domain, keeping its memory in a file that the next start resumes from."},
    {.name = "managedsave-remove",
     .handler = virshCmdManagedsaveRemove,
     .opts = virshOptsManagedsaveRemove,
     .summary = "drop a domain's managed save image",
     .description = "Remove the saved state, so that the next start boots afresh."},
    {.name = "managedsave-dumpxml",
     .handler = virshCmdManagedsaveDumpxml,
     .opts = virshOptsManagedsaveDumpxml,
     .summary = "print the XML kept in a domain's managed save image",
     .description = ""},
    {.name = "managedsave-define",
     .handler = virshCmdManagedsaveDefine,
     .opts = virshOptsManagedsaveDefine,
     .summary = "replace the XML kept in a domain's managed save image",
     .description = "Change the definition the next start resumes the saved state with."},
#ifdef WITH_VIRSH_QEMU
    {.name = "qemu-monitor-command",
     .handler = virshCmdQemuMonitorCommand,
     .opts = virshOptsQemuMonitorCommand,
     .summary = "send a command to QEMU's monitor",
     .description = "Run a QMP or human monitor command in the domain's QEMU and print the reply."},
#endif
    {.name = "reboot",
     .handler = virshCmdReboot,
     .opts = virshOptsShutdown,
     .summary = "ask a domain to reboot",
     .description = "Ask the guest to restart itself."},
    {.name = "restore",
     .handler = virshCmdRestore,
     .opts = virshOptsRestore,
     .summary = "start a domain from a saved state",
     .description = "Start the domain saved in a file by save."},
    {.name = "resume",
     .handler = virshCmdResume,
     .opts = virshOptsDomainOnly,
     .summary = "let a paused domain run again",
     .description = "Resume the CPUs of a paused domain."},
    {.name = "save",
     .handler = virshCmdSave,
     .opts = virshOptsSave,
     .summary = "save a domain's state to a file and stop it",
     .description = "Write the domain's memory and devices to a file, then stop it."},
    {.name = "save-image-define",
     .handler = virshCmdSaveImageDefine,
     .opts = virshOptsSaveImageDefine,
     .summary = "replace the XML kept in a save image",
     .description = "Change the definition a restore from the file will use."},
    {.name = "save-image-dumpxml",
     .handler = virshCmdSaveImageDumpxml,
     .opts = virshOptsSaveImageDumpxml,
     .summary = "print the XML kept in a save image",
     .description = ""},
    {.name = "screenshot",
     .handler = virshCmdScreenshot,
     .opts = virshOptsScreenshot,
     .summary = "save a picture of a domain's display to a file",
     .description = "Take a picture of one of the domain's screens; without --file it goes to NAME-DATE.EXT in the current directory."},
    {.name = "setmaxmem",
     .handler = virshCmdSetmaxmem,
     .opts = virshOptsSetmaxmem,
     .summary = "change the most memory a domain may have",
     .description = "Change the maximum memory of the domain."},
    {.name = "setmem",
     .handler = virshCmdSetmem,
     .opts = virshOptsSetmem,
     .summary = "change the memory a domain uses",
     .description = "Change the current memory of the domain (balloon)."},
    {.name = "shutdown",
     .handler = virshCmdShutdown,
     .opts = virshOptsShutdown,
     .summary = "ask a domain to power off",
     .description = "Ask the guest to shut itself down."},
    {.name = "start",
     .handler = virshCmdStart,
     .opts = virshOptsStart,
     .summary = "boot a defined domain",
     .description = "Start a defined domain that is not running."},
    {.name = "suspend",
     .handler = virshCmdSuspend,
     .opts = virshOptsDomainOnly,
     .summary = "pause a domain",
     .description = "Pause the CPUs of a running domain; its memory stays allocated."},
    {.name = "undefine",
     .handler = virshCmdUndefine,
     .opts = virshOptsUndefine,
     .summary = "remove a domain's persistent definition",
     .description = "Remove the definition of a domain; a running domain goes on as a transient one."},
    {.name = NULL}
};
