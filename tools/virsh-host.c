/*
 * virsh-host.c: commands about the host and the hypervisor: capabilities,
 * hostname, nodeinfo, uri, version
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "virsh.h"

static const vshCmdOptDef virshOptsNone[] = {
    {.name = NULL}
};

static bool
virshCmdCapabilities(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetCapabilities(virshGetControl(ctl)->conn))) {
        vshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static bool
virshCmdHostname(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(virshGetControl(ctl)->conn))) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", hostname);
    return true;
}

static bool
virshCmdNodeinfo(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    virNodeInfo info;

    if (virNodeGetInfo(virshGetControl(ctl)->conn, &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    vshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    vshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    if (info.mhz)
        vshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    vshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    vshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    vshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    vshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    vshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

static bool
virshCmdUri(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(virshGetControl(ctl)->conn))) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    vshPrint(ctl, "%s\n", uri);
    return true;
}

/* libvirt encodes versions as major * 1,000,000 + minor * 1,000 + micro. */
#define VIRSH_VERSION_ARGS(v) \
    (unsigned int)((v) / 1000000), (unsigned int)((v) / 1000 % 1000), \
    (unsigned int)((v) % 1000)

static const vshCmdOptDef virshOptsVersion[] = {
    {.name = "daemon",
     .type = VSH_OT_BOOL,
     .help = "also show the version of the daemon serving the connection"},
    {.name = NULL}
};

static bool
virshCmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = virshGetControl(ctl)->conn;
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    unsigned long daemonVersion;
    const char *hvType;

    if (!(hvType = virConnectGetType(conn))) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }

    vshPrint(ctl, "Compiled against library: libvirt %u.%u.%u\n",
             VIRSH_VERSION_ARGS(LIBVIR_VERSION_NUMBER));

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    vshPrint(ctl, "Using library: libvirt %u.%u.%u\n",
             VIRSH_VERSION_ARGS(libVersion));
    vshPrint(ctl, "Using API: %s %u.%u.%u\n", hvType,
             VIRSH_VERSION_ARGS(apiVersion));

    if (virConnectGetVersion(conn, &hvVersion) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    else
        vshPrint(ctl, "Running hypervisor: %s %u.%u.%u\n", hvType,
                 VIRSH_VERSION_ARGS(hvVersion));

    if (vshCommandOptBool(cmd, "daemon")) {
        if (virConnectGetLibVersion(conn, &daemonVersion) < 0) {
            vshError(ctl, "%s", "failed to get the daemon version");
            return false;
        }
        vshPrint(ctl, "Running against daemon: %u.%u.%u\n",
                 VIRSH_VERSION_ARGS(daemonVersion));
    }
    return true;
}

const vshCmdDef virshHostCmds[] = {
    {.name = "capabilities",
     .handler = virshCmdCapabilities,
     .opts = virshOptsNone,
     .summary = "show what the hypervisor and host can do",
     .description = "Print the capabilities XML of the host and of the guests it can run."},
    {.name = "hostname",
     .handler = virshCmdHostname,
     .opts = virshOptsNone,
     .summary = "show the hypervisor host's name",
     .description = ""},
    {.name = "nodeinfo",
     .handler = virshCmdNodeinfo,
     .opts = virshOptsNone,
     .summary = "show the host's processors and memory",
     .description = "Print the CPU model, topology and memory size of the host."},
    {.name = "uri",
     .handler = virshCmdUri,
     .opts = virshOptsNone,
     .summary = "show the URI of the connection",
     .description = ""},
    {.name = "version",
     .handler = virshCmdVersion,
     .opts = virshOptsVersion,
     .summary = "show the versions of the library and the hypervisor",
     .description = "Print the versions of the library virsh was built with and runs with, of the driver API and of the hypervisor."},
    {.name = NULL}
};
