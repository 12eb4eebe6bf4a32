/*
 * qemu_driver.c: qemu connections, the host and its capabilities, events
 *
 * qemu:///system (root only) and qemu:///session use the process-wide
 * state of their directories (as root, session is system, as in
 * libvirt); qemu:///embed?root=DIR runs the driver in the calling
 * process with every file under DIR.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "domain_event.h"
#include "virerror.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


static virDrvOpenStatus
qemuConnectOpenEmbed(virConnectPtr conn, const virURI *uri)
{
    const char *root = virURIGetParam(uri, "root");
    g_autofree char *canon = NULL;
    g_autofree char *key = NULL;
    qemuDriver *driver;

    if (!root || !*root) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("URI 'qemu:///embed' needs a root directory: qemu:///embed?root=DIR"));
        return VIR_DRV_OPEN_ERROR;
    }
    if (!g_path_is_absolute(root)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("root path '%1$s' of qemu:///embed must be absolute"), root);
        return VIR_DRV_OPEN_ERROR;
    }
    canon = g_canonicalize_filename(root, NULL);
    key = g_strdup_printf("embed:%s", canon);
    if (qemuDriverOpen(key, canon, false, &driver) < 0)
        return VIR_DRV_OPEN_ERROR;
    virConnectSetPrivateData(conn, driver);
    return VIR_DRV_OPEN_SUCCESS;
}


/**
 * qemuConnectOpen:
 *
 * Serve qemu:///system, qemu:///session and qemu:///embed?root=DIR;
 * other schemes and URIs naming a server are not ours.
 */
virDrvOpenStatus
qemuConnectOpen(virConnectPtr conn, virConnectAuthPtr auth G_GNUC_UNUSED,
                unsigned int flags)
{
    const virURI *uri = virConnectGetParsedURI(conn);
    bool privileged = geteuid() == 0;
    qemuDriver *driver;

    virCheckFlags(VIR_CONNECT_RO, VIR_DRV_OPEN_ERROR);

    if (!uri || !uri->scheme || STRNEQ(uri->scheme, "qemu") || uri->server)
        return VIR_DRV_OPEN_DECLINED;

    if (STREQ_NULLABLE(uri->path, "/embed"))
        return qemuConnectOpenEmbed(conn, uri);

    if (privileged) {
        if (STRNEQ_NULLABLE(uri->path, "/system") &&
            STRNEQ_NULLABLE(uri->path, "/session")) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("unexpected QEMU URI path '%1$s', try qemu:///system"),
                           NULLSTR(uri->path));
            return VIR_DRV_OPEN_ERROR;
        }
    } else if (STRNEQ_NULLABLE(uri->path, "/session")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected QEMU URI path '%1$s', try qemu:///session"),
                       NULLSTR(uri->path));
        return VIR_DRV_OPEN_ERROR;
    }

    if (qemuDriverOpen(privileged ? "system" : "session", NULL, privileged,
                       &driver) < 0)
        return VIR_DRV_OPEN_ERROR;
    virConnectSetPrivateData(conn, driver);
    return VIR_DRV_OPEN_SUCCESS;
}


/**
 * qemuConnectClose:
 *
 * Drop the connection's reference on its state; guests keep running.
 */
int
qemuConnectClose(virConnectPtr conn)
{
    qemuDriverUnref(qemuDriverFromConn(conn));
    virConnectSetPrivateData(conn, NULL);
    return 0;
}


/**
 * qemuConnectGetType:
 *
 * Returns "QEMU", as libvirt's qemu driver.
 */
const char *
qemuConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return QEMU_DRIVER_TYPE;
}


/**
 * qemuConnectGetVersion:
 *
 * The version of the host architecture's emulator (7.2.0 is 7002000),
 * or 0 when none is installed.
 */
int
qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    g_autofree char *binary = qemuCapsFindBinary(VIR_ARCH_X86_64);
    g_autoptr(qemuCaps) caps = NULL;

    *hvVer = 0;
    if (!binary)
        return 0;
    if (!(caps = qemuCapsCacheLookup(qemuDriverFromConn(conn), binary)))
        return -1;
    *hvVer = caps->version;
    return 0;
}


/**
 * qemuConnectGetHostname:
 *
 * Returns the host's name; NULL with a system error.
 */
char *
qemuConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    char host[256] = "";

    if (gethostname(host, sizeof(host) - 1) < 0) {
        virReportSystemError(errno, "%s", _("failed to determine host name"));
        return NULL;
    }
    return g_strdup(host);
}


/**
 * qemuConnectGetMaxVcpus:
 *
 * The most vCPUs a guest of @type can have: KVM's limit for "kvm" (as
 * QEMU's machines allow), QEMU's 255 otherwise.
 */
int
qemuConnectGetMaxVcpus(virConnectPtr conn G_GNUC_UNUSED, const char *type)
{
    if (type && g_ascii_strcasecmp(type, "qemu") != 0 &&
        g_ascii_strcasecmp(type, "kvm") != 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unknown type '%1$s'"), type);
        return -1;
    }
    if (type && g_ascii_strcasecmp(type, "kvm") == 0)
        return 288;
    return 255;
}


/**
 * qemuConnectIsAlive:
 *
 * A local connection is always alive.
 */
int
qemuConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


/**
 * qemuConnectIsSecure:
 *
 * Nothing leaves the host.
 */
int
qemuConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


/**
 * qemuConnectIsEncrypted:
 *
 * Nothing is encrypted: nothing is sent anywhere.
 */
int
qemuConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}


static unsigned int
qemuNodeCPUMHz(void)
{
    g_autofree char *text = NULL;
    const char *line;
    double mhz = 0;

    if (!g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL) ||
        !(line = strstr(text, "cpu MHz")) || !(line = strchr(line, ':')))
        return 0;
    if (sscanf(line + 1, "%lf", &mhz) != 1)
        return 0;
    return mhz;
}


/**
 * qemuNodeGetInfo:
 *
 * The host: architecture, memory (KiB), CPUs as one NUMA node of one
 * socket.
 */
int
qemuNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    struct utsname ut;
    struct sysinfo si;
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    memset(info, 0, sizeof(*info));
    if (uname(&ut) < 0 || sysinfo(&si) < 0) {
        virReportSystemError(errno, "%s", _("cannot read host information"));
        return -1;
    }
    g_strlcpy(info->model, ut.machine, sizeof(info->model));
    info->memory = (unsigned long long)si.totalram * si.mem_unit / 1024;
    info->cpus = ncpus > 0 ? ncpus : 1;
    info->mhz = qemuNodeCPUMHz();
    info->nodes = 1;
    info->sockets = 1;
    info->cores = info->cpus;
    info->threads = 1;
    return 0;
}


/**
 * qemuConnectGetCapabilities:
 *
 * The capabilities XML: host, and the guests the installed emulator
 * runs.  Caller frees.
 */
char *
qemuConnectGetCapabilities(virConnectPtr conn)
{
    return qemuCapsFormatHost(qemuDriverFromConn(conn));
}


/**
 * qemuConnectGetDomainCapabilities:
 *
 * The domain capabilities XML of one emulator, arch, machine and domain
 * type.  Caller frees.
 */
char *
qemuConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
                                 const char *arch, const char *machine,
                                 const char *virttype, unsigned int flags)
{
    virCheckFlags(0, NULL);

    return qemuCapsFormatDomain(qemuDriverFromConn(conn), emulatorbin, arch,
                                machine, virttype);
}


/**
 * qemuConnectDomainXMLToNative:
 *
 * The command line a domain definition would run with, for the
 * "qemu-argv" format: environment, emulator and arguments in one line,
 * as libvirt prints it.  Images are not opened: disks whose chain the
 * XML does not give are shown without backing nodes.
 */
char *
qemuConnectDomainXMLToNative(virConnectPtr conn, const char *format,
                             const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverFromConn(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(qemuCaps) caps = NULL;

    virCheckFlags(0, NULL);

    if (STRNEQ(format, "qemu-argv")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unsupported config type %1$s"), format);
        return NULL;
    }
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        qemuDomainDefPostParse(driver, def, &caps) < 0)
        return NULL;
    return qemuCommandLineForDef(def, caps, driver->stateDir, driver->libDir,
                                 driver->forceTCG, false);
}


/**
 * qemuConnectDomainEventRegister:
 *
 * The old lifecycle-only registration, named by the callback.
 */
int
qemuConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque, virFreeCallback freecb)
{
    return virDomainEventStateRegister(qemuDriverFromConn(conn)->eventState,
                                       conn, cb, opaque, freecb);
}


/**
 * qemuConnectDomainEventDeregister:
 *
 * Remove what qemuConnectDomainEventRegister() added for @cb.
 */
int
qemuConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    return virDomainEventStateDeregister(qemuDriverFromConn(conn)->eventState,
                                         conn, cb);
}


/**
 * qemuConnectDomainEventRegisterAny:
 *
 * Returns the new callback's ID, or -1 with an error set.
 */
int
qemuConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque, virFreeCallback freecb)
{
    int callbackID;

    if (virDomainEventStateRegisterID(qemuDriverFromConn(conn)->eventState,
                                      conn, dom, eventID, cb, opaque, freecb,
                                      &callbackID) < 0)
        return -1;
    return callbackID;
}


/**
 * qemuConnectDomainEventDeregisterAny:
 *
 * Remove the callback with @callbackID registered on @conn.
 */
int
qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virObjectEventStateDeregisterID(qemuDriverFromConn(conn)->eventState,
                                           conn, callbackID);
}


/**
 * qemuDomainQemuMonitorCommandWithFiles:
 *
 * Pass a command through to QEMU's monitor (libvirt-qemu.h): a QMP
 * command object, answered with QEMU's whole reply, or with
 * VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP a human monitor command line,
 * answered with its text.  At most one descriptor goes along (as getfd
 * and add-fd expect); none comes back.
 */
int
qemuDomainQemuMonitorCommandWithFiles(virDomainPtr domain, const char *cmd,
                                      unsigned int ninfiles, int *infiles,
                                      unsigned int *noutfiles,
                                      int **outfiles, char **result,
                                      unsigned int flags)
{
    qemuDomainObjPrivate *priv;
    virDomainObj *vm;
    int fd = ninfiles ? infiles[0] : -1;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, -1);

    if (ninfiles > 1) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("at most 1 fd can be passed to qemu along with a command"));
        return -1;
    }
    if (noutfiles)
        *noutfiles = 0;
    if (outfiles)
        *outfiles = NULL;
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(vm) < 0)
        goto cleanup;
    priv = qemuDomainObjPrivateGet(vm);

    if (flags & VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) {
        g_autoptr(json_object) reply = NULL;
        json_object *args = json_object_new_object();

        json_object_object_add(args, "command-line", json_object_new_string(cmd));
        if (qemuMonitorCommand(priv->mon, "human-monitor-command", args, fd, -1,
                               &reply) < 0)
            goto cleanup;
        *result = g_strdup(json_object_get_string(reply));
    } else if (!(*result = qemuMonitorCommandRaw(priv->mon, cmd, fd, -1))) {
        goto cleanup;
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainQemuMonitorCommand:
 *
 * qemuDomainQemuMonitorCommandWithFiles() without descriptors.
 */
int
qemuDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd,
                             char **result, unsigned int flags)
{
    return qemuDomainQemuMonitorCommandWithFiles(domain, cmd, 0, NULL, NULL,
                                                 NULL, result, flags);
}
