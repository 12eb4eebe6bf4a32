/*
 * virsh-domain-save.c: saving a domain's state and restoring it: save,
 * restore, managedsave, managedsave-remove, and the definition kept
 * in a save image: save-image-dumpxml, save-image-define,
 * managedsave-dumpxml, managedsave-define
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virsh-domain.h"

/* The flags that save, restore and managedsave share. */
static unsigned int
virshSaveFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SAVE_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SAVE_PAUSED;
    return flags;
}


/* --xml FILE, read; *@xml stays NULL when not given.  False after
 * reporting. */
static bool
virshSaveOptXML(vshControl *ctl, const vshCmd *cmd, char **xml)
{
    const char *file = NULL;

    *xml = NULL;
    if (vshCommandOptStringReq(ctl, cmd, "xml", &file) < 0)
        return false;
    return !file || (*xml = virshFileRead(ctl, file));
}


typedef struct _virshSaveCall virshSaveCall;
struct _virshSaveCall {
    virDomainPtr dom;
    const char *file;       /* NULL for a managed save */
    const char *xml;
    unsigned int flags;
};

static int
virshSaveRun(void *opaque)
{
    virshSaveCall *call = opaque;

    if (!call->file)
        return virDomainManagedSave(call->dom, call->flags);
    if (call->xml || call->flags)
        return virDomainSaveFlags(call->dom, call->file, call->xml, call->flags);
    return virDomainSave(call->dom, call->file);
}


const vshCmdOptDef virshOptsSave[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the file to write the state to"},
    {.name = "bypass-cache",
     .type = VSH_OT_BOOL,
     .help = "write without filling the host's page cache"},
    {.name = "xml",
     .type = VSH_OT_STRING,
     .help = "a file with the domain XML to store with the state"},
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "have restore start the domain running"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "have restore start the domain paused"},
    {.name = "verbose",
     .type = VSH_OT_BOOL,
     .help = "show the progress of the save"},
    {.name = NULL}
};

bool
virshCmdSave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    virshSaveCall call = { .flags = virshSaveFlags(cmd) };
    const char *name = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &call.file) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (!virshSaveOptXML(ctl, cmd, &xml))
        return false;

    call.dom = dom;
    call.xml = xml;
    if (virshRunJob(ctl, dom, "Save", vshCommandOptBool(cmd, "verbose"),
                    virshSaveRun, &call) < 0) {
        vshError(ctl, "Failed to save domain '%s' to %s", name, call.file);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' saved to %s\n", name, call.file);
    return true;
}


const vshCmdOptDef virshOptsManagedsave[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "bypass-cache",
     .type = VSH_OT_BOOL,
     .help = "write without filling the host's page cache"},
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "have the next start run the domain"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "have the next start leave the domain paused"},
    {.name = "verbose",
     .type = VSH_OT_BOOL,
     .help = "show the progress of the save"},
    {.name = NULL}
};

bool
virshCmdManagedsave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    virshSaveCall call = { .flags = virshSaveFlags(cmd) };
    const char *name = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    call.dom = dom;
    if (virshRunJob(ctl, dom, "Managedsave", vshCommandOptBool(cmd, "verbose"),
                    virshSaveRun, &call) < 0) {
        vshError(ctl, "Failed to save domain '%s' state", name);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' state saved by libvirt\n", name);
    return true;
}


const vshCmdOptDef virshOptsManagedsaveRemove[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = NULL}
};

bool
virshCmdManagedsaveRemove(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *name = NULL;
    int saved;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if ((saved = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        vshError(ctl, "%s", "Failed to check for domain managed save image");
        return false;
    }
    if (saved == 0) {
        vshPrintExtra(ctl, "Domain '%s' has no manage save image; removal skipped",
                      name);
        return true;
    }
    if (virDomainManagedSaveRemove(dom, 0) < 0) {
        vshError(ctl, "Failed to remove managed save image for domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Removed managedsave image for domain '%s'", name);
    return true;
}


const vshCmdOptDef virshOptsRestore[] = {
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the saved state to start from"},
    {.name = "bypass-cache",
     .type = VSH_OT_BOOL,
     .help = "read without filling the host's page cache"},
    {.name = "xml",
     .type = VSH_OT_STRING,
     .help = "a file with domain XML to use instead of the saved one"},
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "start the domain running"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "start the domain paused"},
    {.name = "reset-nvram",
     .type = VSH_OT_BOOL,
     .help = "start from a fresh copy of the NVRAM template"},
    {.name = NULL}
};

bool
virshCmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *xml = NULL;
    virConnectPtr conn = virshGetControl(ctl)->conn;
    unsigned int flags = virshSaveFlags(cmd);
    const char *from = NULL;
    int rc;

    if (vshCommandOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SAVE_RESET_NVRAM;
    if (!virshSaveOptXML(ctl, cmd, &xml))
        return false;

    if (xml || flags)
        rc = virDomainRestoreFlags(conn, from, xml, flags);
    else
        rc = virDomainRestore(conn, from);
    if (rc < 0) {
        vshError(ctl, "Failed to restore domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain restored from %s\n", from);
    return true;
}


/* ------------------------------------------------------------------ */
/* The definition kept in a save image                                */

const vshCmdOptDef virshOptsSaveImageDumpxml[] = {
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the saved state"},
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = "include security sensitive information"},
    {.name = NULL}
};

bool
virshCmdSaveImageDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        !(xml = virDomainSaveImageGetXMLDesc(conn, file, flags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}


const vshCmdOptDef virshOptsSaveImageDefine[] = {
    {.name = "file",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the saved state to change"},
    {.name = "xml",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "a file with the new domain XML"},
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "restore it running"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "restore it paused"},
    {.name = NULL}
};

bool
virshCmdSaveImageDefine(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    const char *file = NULL;
    const char *xmlFile = NULL;
    g_autofree char *xml = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlFile) < 0 ||
        !(xml = virshFileRead(ctl, xmlFile)))
        return false;
    if (virDomainSaveImageDefineXML(conn, file, xml,
                                    virshSaveFlags(cmd)) < 0) {
        vshError(ctl, "Failed to update %s", file);
        return false;
    }
    vshPrintExtra(ctl, "State file %s updated.\n", file);
    return true;
}


const vshCmdOptDef virshOptsManagedsaveDumpxml[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = "include security sensitive information"},
    {.name = NULL}
};

bool
virshCmdManagedsaveDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)) ||
        !(xml = virDomainManagedSaveGetXMLDesc(dom, flags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}


const vshCmdOptDef virshOptsManagedsaveDefine[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "xml",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "a file with the new domain XML"},
    {.name = "running",
     .type = VSH_OT_BOOL,
     .help = "restore it running"},
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = "restore it paused"},
    {.name = NULL}
};

bool
virshCmdManagedsaveDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    const char *name = NULL;
    const char *xmlFile = NULL;
    g_autofree char *xml = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)) ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlFile) < 0 ||
        !(xml = virshFileRead(ctl, xmlFile)))
        return false;
    if (virDomainManagedSaveDefineXML(dom, xml, virshSaveFlags(cmd)) < 0) {
        vshError(ctl, "Failed to update %s XML configuration", name);
        return false;
    }
    vshPrintExtra(ctl, "Managed save state file of domain '%s' updated.\n", name);
    return true;
}
