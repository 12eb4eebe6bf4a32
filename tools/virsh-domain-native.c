/*
 * virsh-domain-native.c: domxml-to-native, a domain's XML in the
 * hypervisor's own configuration format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virsh-domain.h"

const vshCmdOptDef virshOptsDomxmlToNative[] = {
    {.name = "format",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = "the native format wanted, such as qemu-argv"},
    {.name = "domain",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = "convert this domain's XML"},
    {.name = "xml",
     .type = VSH_OT_STRING,
     .help = "convert the domain XML in this file"},
    {.name = NULL}
};

bool
virshCmdDomxmlToNative(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *native = NULL;
    const char *format = NULL;
    const char *file = NULL;

    VSH_EXCLUSIVE_OPTIONS("domain", "xml");

    if (vshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &file) < 0)
        return false;

    if (vshCommandOptBool(cmd, "domain")) {
        if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL, VIRSH_BYANY)) ||
            !(xml = virDomainGetXMLDesc(dom, 0)))
            return false;
    } else if (file) {
        if (!(xml = virshFileRead(ctl, file)))
            return false;
    } else {
        vshError(ctl, "%s", "need either domain or domain XML");
        return false;
    }

    if (!(native = virConnectDomainXMLToNative(virshGetControl(ctl)->conn,
                                               format, xml, 0)))
        return false;
    vshPrint(ctl, "%s", native);
    return true;
}
