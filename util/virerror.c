/*
 * virerror.c: the thread's last error and the reporting helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <stdarg.h>

#include "internal.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* libvirt 9.0.0 has codes 0 .. VIR_ERR_MULTIPLE_DOMAINS and domains
 * 0 .. VIR_FROM_CH; its sentinels are hidden unless VIR_ENUM_SENTINELS. */
#define VIR_ERROR_CODE_COUNT (VIR_ERR_MULTIPLE_DOMAINS + 1)
#define VIR_ERROR_DOMAIN_COUNT (VIR_FROM_CH + 1)

typedef struct _virErrorMessage virErrorMessage;
struct _virErrorMessage {
    const char *withDetail;     /* printf format with one %s for the detail */
    const char *withoutDetail;  /* the whole message when there is none */
};

/* The words libvirt 9.0.0 prints for each code: users and test suites
 * match on them, so they are kept verbatim. */
static const virErrorMessage virErrorMessages[VIR_ERROR_CODE_COUNT] = {
    [VIR_ERR_INTERNAL_ERROR] = {
        N_("internal error: %s"),
        N_("internal error"),
    },
    [VIR_ERR_NO_MEMORY] = {
        N_("out of memory: %s"),
        N_("out of memory"),
    },
    [VIR_ERR_NO_SUPPORT] = {
        N_("this function is not supported by the connection driver: %s"),
        N_("this function is not supported by the connection driver"),
    },
    [VIR_ERR_UNKNOWN_HOST] = {
        N_("unknown host %s"),
        N_("unknown host"),
    },
    [VIR_ERR_NO_CONNECT] = {
        N_("no connection driver available for %s"),
        N_("no connection driver available"),
    },
    [VIR_ERR_INVALID_CONN] = {
        N_("invalid connection pointer in %s"),
        N_("invalid connection pointer in"),
    },
    [VIR_ERR_INVALID_DOMAIN] = {
        N_("invalid domain pointer in %s"),
        N_("invalid domain pointer in"),
    },
    [VIR_ERR_INVALID_ARG] = {
        N_("invalid argument: %s"),
        N_("invalid argument"),
    },
    [VIR_ERR_OPERATION_FAILED] = {
        N_("operation failed: %s"),
        N_("operation failed"),
    },
    [VIR_ERR_GET_FAILED] = {
        N_("GET operation failed: %s"),
        N_("GET operation failed"),
    },
    [VIR_ERR_POST_FAILED] = {
        N_("POST operation failed: %s"),
        N_("POST operation failed"),
    },
    [VIR_ERR_HTTP_ERROR] = {
        N_("got unknown HTTP error code %s"),
        N_("got unknown HTTP error code"),
    },
    [VIR_ERR_SEXPR_SERIAL] = {
        N_("failed to serialize S-Expr: %s"),
        N_("failed to serialize S-Expr"),
    },
    [VIR_ERR_NO_XEN] = {
        N_("could not use Xen hypervisor entry %s"),
        N_("could not use Xen hypervisor entry"),
    },
    [VIR_ERR_XEN_CALL] = {
        N_("failed Xen syscall %s"),
        N_("failed Xen syscall"),
    },
    [VIR_ERR_OS_TYPE] = {
        N_("unknown OS type %s"),
        N_("unknown OS type"),
    },
    [VIR_ERR_NO_KERNEL] = {
        N_("missing kernel information: %s"),
        N_("missing kernel information"),
    },
    [VIR_ERR_NO_ROOT] = {
        N_("missing root device information in %s"),
        N_("missing root device information"),
    },
    [VIR_ERR_NO_SOURCE] = {
        N_("missing source information for device %s"),
        N_("missing source information for device"),
    },
    [VIR_ERR_NO_TARGET] = {
        N_("missing target information for device %s"),
        N_("missing target information for device"),
    },
    [VIR_ERR_NO_NAME] = {
        N_("missing name information in %s"),
        N_("missing name information"),
    },
    [VIR_ERR_NO_OS] = {
        N_("missing operating system information for %s"),
        N_("missing operating system information"),
    },
    [VIR_ERR_NO_DEVICE] = {
        N_("missing devices information for %s"),
        N_("missing devices information"),
    },
    [VIR_ERR_NO_XENSTORE] = {
        N_("could not connect to Xen Store %s"),
        N_("could not connect to Xen Store"),
    },
    [VIR_ERR_DRIVER_FULL] = {
        N_("too many drivers registered in %s"),
        N_("too many drivers registered"),
    },
    [VIR_ERR_CALL_FAILED] = {
        N_("library call failed: %s"),
        N_("library call failed"),
    },
    [VIR_ERR_XML_ERROR] = {
        N_("XML error: %s"),
        N_("XML description is invalid or not well formed"),
    },
    [VIR_ERR_DOM_EXIST] = {
        N_("domain %s exists already"),
        N_("this domain exists already"),
    },
    [VIR_ERR_OPERATION_DENIED] = {
        N_("operation forbidden: %s"),
        N_("operation forbidden for read only access"),
    },
    [VIR_ERR_OPEN_FAILED] = {
        N_("failed to open configuration file %s"),
        N_("failed to open configuration file"),
    },
    [VIR_ERR_READ_FAILED] = {
        N_("failed to read configuration file %s"),
        N_("failed to read configuration file"),
    },
    [VIR_ERR_PARSE_FAILED] = {
        N_("failed to parse configuration file %s"),
        N_("failed to parse configuration file"),
    },
    [VIR_ERR_CONF_SYNTAX] = {
        N_("configuration file syntax error: %s"),
        N_("configuration file syntax error"),
    },
    [VIR_ERR_WRITE_FAILED] = {
        N_("failed to write configuration file: %s"),
        N_("failed to write configuration file"),
    },
    [VIR_ERR_XML_DETAIL] = {
        N_("%s"),
        N_("parser error"),
    },
    [VIR_ERR_INVALID_NETWORK] = {
        N_("invalid network pointer in %s"),
        N_("invalid network pointer in"),
    },
    [VIR_ERR_NETWORK_EXIST] = {
        N_("network %s exists already"),
        N_("this network exists already"),
    },
    [VIR_ERR_SYSTEM_ERROR] = {
        N_("%s"),
        N_("system call error"),
    },
    [VIR_ERR_RPC] = {
        N_("%s"),
        N_("RPC error"),
    },
    [VIR_ERR_GNUTLS_ERROR] = {
        N_("%s"),
        N_("GNUTLS call error"),
    },
    [VIR_WAR_NO_NETWORK] = {
        N_("Failed to find the network: %s"),
        N_("Failed to find the network"),
    },
    [VIR_ERR_NO_DOMAIN] = {
        N_("Domain not found: %s"),
        N_("Domain not found"),
    },
    [VIR_ERR_NO_NETWORK] = {
        N_("Network not found: %s"),
        N_("Network not found"),
    },
    [VIR_ERR_INVALID_MAC] = {
        N_("invalid MAC address: %s"),
        N_("invalid MAC address"),
    },
    [VIR_ERR_AUTH_FAILED] = {
        N_("authentication failed: %s"),
        N_("authentication failed"),
    },
    [VIR_ERR_INVALID_STORAGE_POOL] = {
        N_("invalid storage pool pointer in %s"),
        N_("invalid storage pool pointer in"),
    },
    [VIR_ERR_INVALID_STORAGE_VOL] = {
        N_("invalid storage volume pointer in %s"),
        N_("invalid storage volume pointer in"),
    },
    [VIR_WAR_NO_STORAGE] = {
        N_("Failed to find a storage driver: %s"),
        N_("Failed to find a storage driver"),
    },
    [VIR_ERR_NO_STORAGE_POOL] = {
        N_("Storage pool not found: %s"),
        N_("Storage pool not found"),
    },
    [VIR_ERR_NO_STORAGE_VOL] = {
        N_("Storage volume not found: %s"),
        N_("Storage volume not found"),
    },
    [VIR_WAR_NO_NODE] = {
        N_("Failed to find a node driver: %s"),
        N_("Failed to find a node driver"),
    },
    [VIR_ERR_INVALID_NODE_DEVICE] = {
        N_("invalid node device pointer in %s"),
        N_("invalid node device pointer"),
    },
    [VIR_ERR_NO_NODE_DEVICE] = {
        N_("Node device not found: %s"),
        N_("Node device not found"),
    },
    [VIR_ERR_NO_SECURITY_MODEL] = {
        N_("Security model not found: %s"),
        N_("Security model not found"),
    },
    [VIR_ERR_OPERATION_INVALID] = {
        N_("Requested operation is not valid: %s"),
        N_("Requested operation is not valid"),
    },
    [VIR_WAR_NO_INTERFACE] = {
        N_("Failed to find the interface: %s"),
        N_("Failed to find the interface"),
    },
    [VIR_ERR_NO_INTERFACE] = {
        N_("Interface not found: %s"),
        N_("Interface not found"),
    },
    [VIR_ERR_INVALID_INTERFACE] = {
        N_("invalid interface pointer in %s"),
        N_("invalid interface pointer in"),
    },
    [VIR_ERR_MULTIPLE_INTERFACES] = {
        N_("multiple matching interfaces found: %s"),
        N_("multiple matching interfaces found"),
    },
    [VIR_WAR_NO_NWFILTER] = {
        N_("Failed to start the nwfilter driver: %s"),
        N_("Failed to start the nwfilter driver"),
    },
    [VIR_ERR_INVALID_NWFILTER] = {
        N_("Invalid network filter: %s"),
        N_("Invalid network filter"),
    },
    [VIR_ERR_NO_NWFILTER] = {
        N_("Network filter not found: %s"),
        N_("Network filter not found"),
    },
    [VIR_ERR_BUILD_FIREWALL] = {
        N_("Error while building firewall: %s"),
        N_("Error while building firewall"),
    },
    [VIR_WAR_NO_SECRET] = {
        N_("Failed to find a secret storage driver: %s"),
        N_("Failed to find a secret storage driver"),
    },
    [VIR_ERR_INVALID_SECRET] = {
        N_("Invalid secret: %s"),
        N_("Invalid secret"),
    },
    [VIR_ERR_NO_SECRET] = {
        N_("Secret not found: %s"),
        N_("Secret not found"),
    },
    [VIR_ERR_CONFIG_UNSUPPORTED] = {
        N_("unsupported configuration: %s"),
        N_("unsupported configuration"),
    },
    [VIR_ERR_OPERATION_TIMEOUT] = {
        N_("Timed out during operation: %s"),
        N_("Timed out during operation"),
    },
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = {
        N_("Failed to make domain persistent after migration: %s"),
        N_("Failed to make domain persistent after migration"),
    },
    [VIR_ERR_HOOK_SCRIPT_FAILED] = {
        N_("Hook script execution failed: %s"),
        N_("Hook script execution failed"),
    },
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = {
        N_("Invalid domain snapshot: %s"),
        N_("Invalid domain snapshot"),
    },
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = {
        N_("Domain snapshot not found: %s"),
        N_("Domain snapshot not found"),
    },
    [VIR_ERR_INVALID_STREAM] = {
        N_("invalid stream pointer in %s"),
        N_("invalid stream pointer"),
    },
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = {
        N_("argument unsupported: %s"),
        N_("argument unsupported"),
    },
    [VIR_ERR_STORAGE_PROBE_FAILED] = {
        N_("Storage pool probe failed: %s"),
        N_("Storage pool probe failed"),
    },
    [VIR_ERR_STORAGE_POOL_BUILT] = {
        N_("Storage pool already built: %s"),
        N_("Storage pool already built"),
    },
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = {
        N_("revert requires force: %s"),
        N_("revert requires force"),
    },
    [VIR_ERR_OPERATION_ABORTED] = {
        N_("operation aborted: %s"),
        N_("operation aborted"),
    },
    [VIR_ERR_AUTH_CANCELLED] = {
        N_("authentication cancelled: %s"),
        N_("authentication cancelled"),
    },
    [VIR_ERR_NO_DOMAIN_METADATA] = {
        N_("metadata not found: %s"),
        N_("metadata not found"),
    },
    [VIR_ERR_MIGRATE_UNSAFE] = {
        N_("Unsafe migration: %s"),
        N_("Unsafe migration"),
    },
    [VIR_ERR_OVERFLOW] = {
        N_("numerical overflow: %s"),
        N_("numerical overflow"),
    },
    [VIR_ERR_BLOCK_COPY_ACTIVE] = {
        N_("block copy still active: %s"),
        N_("block copy still active"),
    },
    [VIR_ERR_OPERATION_UNSUPPORTED] = {
        N_("Operation not supported: %s"),
        N_("Operation not supported"),
    },
    [VIR_ERR_SSH] = {
        N_("SSH transport error: %s"),
        N_("SSH transport error"),
    },
    [VIR_ERR_AGENT_UNRESPONSIVE] = {
        N_("Guest agent is not responding: %s"),
        N_("Guest agent is not responding"),
    },
    [VIR_ERR_RESOURCE_BUSY] = {
        N_("resource busy: %s"),
        N_("resource busy"),
    },
    [VIR_ERR_ACCESS_DENIED] = {
        N_("access denied: %s"),
        N_("access denied"),
    },
    [VIR_ERR_DBUS_SERVICE] = {
        N_("error from service: %s"),
        N_("error from service"),
    },
    [VIR_ERR_STORAGE_VOL_EXIST] = {
        N_("storage volume %s exists already"),
        N_("this storage volume exists already"),
    },
    [VIR_ERR_CPU_INCOMPATIBLE] = {
        N_("the CPU is incompatible with host CPU: %s"),
        N_("the CPU is incompatible with host CPU"),
    },
    [VIR_ERR_XML_INVALID_SCHEMA] = {
        N_("XML document failed to validate against schema: %s"),
        N_("XML document failed to validate against schema"),
    },
    [VIR_ERR_MIGRATE_FINISH_OK] = {
        N_("migration successfully aborted: %s"),
        N_("migration successfully aborted"),
    },
    [VIR_ERR_AUTH_UNAVAILABLE] = {
        N_("authentication unavailable: %s"),
        N_("authentication unavailable"),
    },
    [VIR_ERR_NO_SERVER] = {
        N_("Server not found: %s"),
        N_("Server not found"),
    },
    [VIR_ERR_NO_CLIENT] = {
        N_("Client not found: %s"),
        N_("Client not found"),
    },
    [VIR_ERR_AGENT_UNSYNCED] = {
        N_("guest agent replied with wrong id to guest-sync command: %s"),
        N_("guest agent replied with wrong id to guest-sync command"),
    },
    [VIR_ERR_LIBSSH] = {
        N_("libssh transport error: %s"),
        N_("libssh transport error"),
    },
    [VIR_ERR_DEVICE_MISSING] = {
        N_("device not found: %s"),
        N_("device not found"),
    },
    [VIR_ERR_INVALID_NWFILTER_BINDING] = {
        N_("Invalid network filter binding: %s"),
        N_("Invalid network filter binding"),
    },
    [VIR_ERR_NO_NWFILTER_BINDING] = {
        N_("Network filter binding not found: %s"),
        N_("Network filter binding not found"),
    },
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = {
        N_("Invalid domain checkpoint: %s"),
        N_("Invalid domain checkpoint"),
    },
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = {
        N_("Domain checkpoint not found: %s"),
        N_("Domain checkpoint not found"),
    },
    [VIR_ERR_NO_DOMAIN_BACKUP] = {
        N_("Domain backup job id not found: %s"),
        N_("Domain backup job id not found"),
    },
    [VIR_ERR_INVALID_NETWORK_PORT] = {
        N_("Invalid network port pointer: %s"),
        N_("Invalid network port pointer"),
    },
    [VIR_ERR_NETWORK_PORT_EXIST] = {
        N_("network port %s exists already"),
        N_("this network port exists already"),
    },
    [VIR_ERR_NO_NETWORK_PORT] = {
        N_("network port not found: %s"),
        N_("network port not found"),
    },
    [VIR_ERR_NO_HOSTNAME] = {
        N_("no hostname found: %s"),
        N_("no hostname found"),
    },
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = {
        N_("checkpoint inconsistent: %s"),
        N_("checkpoint inconsistent"),
    },
    [VIR_ERR_MULTIPLE_DOMAINS] = {
        N_("multiple matching domains found: %s"),
        N_("multiple matching domains found"),
    },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virErrorMessages) == VIR_ERROR_CODE_COUNT);

/* The names libvirt's default error handler prints for each domain. */
static const char *const virErrorDomainNames[VIR_ERROR_DOMAIN_COUNT] = {
    [VIR_FROM_NONE] = "",
    [VIR_FROM_XEN] = "Xen Driver",
    [VIR_FROM_XEND] = "Xen Daemon",
    [VIR_FROM_XENSTORE] = "Xen Store",
    [VIR_FROM_SEXPR] = "S-Expression",
    [VIR_FROM_XML] = "XML Util",
    [VIR_FROM_DOM] = "Domain",
    [VIR_FROM_RPC] = "XML-RPC",
    [VIR_FROM_PROXY] = "Proxy Daemon",
    [VIR_FROM_CONF] = "Config File",
    [VIR_FROM_QEMU] = "QEMU Driver",
    [VIR_FROM_NET] = "Network",
    [VIR_FROM_TEST] = "Test Driver",
    [VIR_FROM_REMOTE] = "Remote Driver",
    [VIR_FROM_OPENVZ] = "OpenVZ Driver",
    [VIR_FROM_XENXM] = "Xen XM Driver",
    [VIR_FROM_STATS_LINUX] = "Linux Statistics",
    [VIR_FROM_LXC] = "LXC Driver",
    [VIR_FROM_STORAGE] = "Storage Driver",
    [VIR_FROM_NETWORK] = "Network Driver",
    [VIR_FROM_DOMAIN] = "Domain Config",
    [VIR_FROM_UML] = "User Mode Linux Driver",
    [VIR_FROM_NODEDEV] = "Node Device Driver",
    [VIR_FROM_XEN_INOTIFY] = "Xen Inotify Driver",
    [VIR_FROM_SECURITY] = "Security Driver",
    [VIR_FROM_VBOX] = "VirtualBox Driver",
    [VIR_FROM_INTERFACE] = "Network Interface Driver",
    [VIR_FROM_ONE] = "Open Nebula Driver",
    [VIR_FROM_ESX] = "ESX Driver",
    [VIR_FROM_PHYP] = "Power Hypervisor Driver",
    [VIR_FROM_SECRET] = "Secrets Driver",
    [VIR_FROM_CPU] = "CPU Driver",
    [VIR_FROM_XENAPI] = "XenAPI Driver",
    [VIR_FROM_NWFILTER] = "Network Filter Driver",
    [VIR_FROM_HOOK] = "Lifecycle Hook",
    [VIR_FROM_DOMAIN_SNAPSHOT] = "Domain Snapshot",
    [VIR_FROM_AUDIT] = "Audit Utils",
    [VIR_FROM_SYSINFO] = "Sysinfo Utils",
    [VIR_FROM_STREAMS] = "I/O Stream Utils",
    [VIR_FROM_VMWARE] = "VMware Driver",
    [VIR_FROM_EVENT] = "Event Loop",
    [VIR_FROM_LIBXL] = "Xen Light Driver",
    [VIR_FROM_LOCKING] = "Lock Driver",
    [VIR_FROM_HYPERV] = "Hyper-V Driver",
    [VIR_FROM_CAPABILITIES] = "Capabilities Utils",
    [VIR_FROM_URI] = "URI Utils",
    [VIR_FROM_AUTH] = "Authentication Utils",
    [VIR_FROM_DBUS] = "DBus Utils",
    [VIR_FROM_PARALLELS] = "Parallels Cloud Server",
    [VIR_FROM_DEVICE] = "Device Config",
    [VIR_FROM_SSH] = "SSH transport layer",
    [VIR_FROM_LOCKSPACE] = "Lock Space",
    [VIR_FROM_INITCTL] = "Init control",
    [VIR_FROM_IDENTITY] = "Identity",
    [VIR_FROM_CGROUP] = "Cgroup",
    [VIR_FROM_ACCESS] = "Access Manager",
    [VIR_FROM_SYSTEMD] = "Systemd",
    [VIR_FROM_BHYVE] = "Bhyve",
    [VIR_FROM_CRYPTO] = "Crypto",
    [VIR_FROM_FIREWALL] = "Firewall",
    [VIR_FROM_POLKIT] = "Polkit",
    [VIR_FROM_THREAD] = "Thread jobs",
    [VIR_FROM_ADMIN] = "Admin Interface",
    [VIR_FROM_LOGGING] = "Log Manager",
    [VIR_FROM_XENXL] = "Xen XL Config",
    [VIR_FROM_PERF] = "Perf",
    [VIR_FROM_LIBSSH] = "Libssh transport layer",
    [VIR_FROM_RESCTRL] = "Resource control",
    [VIR_FROM_FIREWALLD] = "FirewallD",
    [VIR_FROM_DOMAIN_CHECKPOINT] = "Domain Checkpoint",
    [VIR_FROM_TPM] = "TPM",
    [VIR_FROM_BPF] = "BPF",
    [VIR_FROM_CH] = "Cloud-Hypervisor Driver",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virErrorDomainNames) == VIR_ERROR_DOMAIN_COUNT);


static void
virErrorFreeSlot(gpointer data)
{
    virErrorClear(data);
    g_free(data);
}

static GPrivate virLastError = G_PRIVATE_INIT(virErrorFreeSlot);


/**
 * virErrorGetThreadLocal:
 *
 * The calling thread's last-error slot, allocated on first use and freed
 * when the thread exits.
 *
 * Returns the slot, never NULL; the thread owns it.
 */
virError *
virErrorGetThreadLocal(void)
{
    virError *err = g_private_get(&virLastError);

    if (!err) {
        err = g_new0(virError, 1);
        g_private_set(&virLastError, err);
    }
    return err;
}


/**
 * virErrorGetLast:
 *
 * Returns the calling thread's last error, or NULL when none is set.
 * The error stays owned by the thread.
 */
virError *
virErrorGetLast(void)
{
    virError *err = virErrorGetThreadLocal();

    if (err->code == VIR_ERR_OK)
        return NULL;
    return err;
}


/**
 * virErrorClear:
 * @err: error to empty, may be NULL
 *
 * Free the strings held by @err and zero all of it.
 */
void
virErrorClear(virError *err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    /* A memset also clears the deprecated object pointers, which may not
     * be named without -Wdeprecated-declarations. */
    memset(err, 0, sizeof(*err));
}


/**
 * virErrorResetLast:
 *
 * Clear the calling thread's last error.
 */
void
virErrorResetLast(void)
{
    virErrorClear(virErrorGetThreadLocal());
}


/**
 * virErrorCopy:
 * @from: error to copy
 * @to: destination; what it held is freed first
 *
 * Deep copy the code, domain, level, strings and numbers of @from; the
 * object pointers are not copied, as they hold no reference.
 *
 * Returns the code of the copied error.
 */
int
virErrorCopy(const virError *from, virError *to)
{
    virErrorClear(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
    return to->code;
}


/**
 * virErrorPreserveLast:
 * @saved: filled with a copy of the thread's last error, or NULL
 *
 * Keep the error that made a function fail while its cleanup code runs
 * functions that may overwrite it.  errno is preserved.
 */
void
virErrorPreserveLast(virError **saved)
{
    int saved_errno = errno;
    virError *last = virErrorGetLast();

    *saved = NULL;
    if (last) {
        *saved = g_new0(virError, 1);
        virErrorCopy(last, *saved);
    }
    errno = saved_errno;
}


/**
 * virErrorRestore:
 * @saved: error from virErrorPreserveLast(); freed and set to NULL
 *
 * Make *@saved the thread's last error again.  A NULL *@saved leaves
 * the current error as it is.  errno is preserved.
 */
void
virErrorRestore(virError **saved)
{
    int saved_errno = errno;

    if (!*saved)
        return;
    virErrorCopy(*saved, virErrorGetThreadLocal());
    virErrorClear(*saved);
    g_clear_pointer(saved, g_free);
    errno = saved_errno;
}


/**
 * virErrorMessageForCode:
 * @code: a virErrorNumber
 * @withDetail: whether the message will carry a detail
 *
 * Returns libvirt's wording for @code: a format with one %s when
 * @withDetail, else the whole message; NULL for VIR_ERR_OK and codes
 * libvirt 9.0.0 does not have.
 */
const char *
virErrorMessageForCode(int code, bool withDetail)
{
    if (code <= VIR_ERR_OK || code >= VIR_ERROR_CODE_COUNT)
        return NULL;
    if (withDetail)
        return virErrorMessages[code].withDetail;
    return virErrorMessages[code].withoutDetail;
}


/**
 * virErrorDomainName:
 * @domain: a virErrorDomain
 *
 * Returns the name libvirt's default handler prints for @domain ("" for
 * VIR_FROM_NONE, "Unknown" for a domain libvirt 9.0.0 does not have).
 */
const char *
virErrorDomainName(int domain)
{
    if (domain < 0 || domain >= VIR_ERROR_DOMAIN_COUNT)
        return "Unknown";
    return virErrorDomainNames[domain];
}


static void
virErrorLog(const char *filename, const char *funcname, size_t linenr,
            const virError *err)
{
    if (!virLogEnabled(VIR_LOG_DEBUG, filename))
        return;
    virLogMessage(VIR_LOG_DEBUG, filename, (int)linenr, funcname,
                  "error %d in domain %d (%s): %s",
                  err->code, err->domain, virErrorDomainName(err->domain),
                  err->message);
}


/**
 * virRaiseErrorFull:
 * @filename: source file that raises the error
 * @funcname: function that raises it
 * @linenr: source line
 * @domain: a virErrorDomain
 * @code: a virErrorNumber; VIR_ERR_OK raises nothing
 * @level: VIR_ERR_WARNING or VIR_ERR_ERROR
 * @str1: extra string, copied (may be NULL)
 * @str2: extra string, copied (may be NULL)
 * @str3: extra string, copied (may be NULL)
 * @int1: extra number
 * @int2: extra number
 * @message: the complete message, copied; NULL means the code's own
 *
 * Store the error as given, adding no prefix, as the thread's last
 * error and log it.  errno is preserved.
 */
void
virRaiseErrorFull(const char *filename, const char *funcname,
                  size_t linenr, int domain, int code,
                  virErrorLevel level,
                  const char *str1, const char *str2, const char *str3,
                  int int1, int int2, const char *message)
{
    virError *err;
    int saved_errno = errno;

    if (code == VIR_ERR_OK)
        return;

    if (!message)
        message = virErrorMessageForCode(code, false);

    err = virErrorGetThreadLocal();
    virErrorClear(err);
    err->code = code;
    err->domain = domain;
    err->level = level;
    err->message = g_strdup(message ? message : _("unknown error"));
    err->str1 = g_strdup(str1);
    err->str2 = g_strdup(str2);
    err->str3 = g_strdup(str3);
    err->int1 = int1;
    err->int2 = int2;

    virErrorLog(filename, funcname, linenr, err);
    errno = saved_errno;
}


/* Raise @code with @detail (may be NULL) under libvirt's prefix; str1
 * keeps the prefix format and str2 the detail, as libvirt fills them. */
static void
virErrorRaiseWithDetail(int domain, int code, const char *filename,
                        const char *funcname, size_t linenr,
                        const char *detail)
{
    const char *format = virErrorMessageForCode(code, detail != NULL);
    g_autofree char *message = NULL;

    if (!format) {
        virRaiseErrorFull(filename, funcname, linenr, domain, code,
                          VIR_ERR_ERROR, NULL, detail, NULL, -1, -1,
                          detail);
        return;
    }

    if (detail) {
        /* Substituted by hand so that no format string is built at run
         * time; every entry with detail has exactly one %s. */
        const char *hole = strstr(format, "%s");

        message = g_strdup_printf("%.*s%s%s", (int)(hole - format), format,
                                  detail, hole + 2);
    }

    virRaiseErrorFull(filename, funcname, linenr, domain, code,
                      VIR_ERR_ERROR, format, detail, NULL, -1, -1,
                      message ? message : format);
}


/**
 * virReportErrorHelper:
 * @domain: a virErrorDomain (VIR_FROM_THIS of the caller)
 * @code: a virErrorNumber
 * @filename: source file (__FILE__)
 * @funcname: function (__func__)
 * @linenr: source line
 * @fmt: printf format of the detail, or NULL for the code's bare message
 *
 * Raise an error whose message is libvirt's wording for @code with the
 * formatted detail in it ("Domain not found: no domain with name 'x'").
 */
void
virReportErrorHelper(int domain, int code,
                     const char *filename, const char *funcname,
                     size_t linenr, const char *fmt, ...)
{
    g_autofree char *detail = NULL;
    int saved_errno = errno;
    va_list ap;

    if (fmt) {
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }

    virErrorRaiseWithDetail(domain, code, filename, funcname, linenr, detail);
    errno = saved_errno;
}


/**
 * virReportSystemErrorFull:
 * @domain: a virErrorDomain
 * @errnum: errno value of the failed call
 * @filename: source file (__FILE__)
 * @funcname: function (__func__)
 * @linenr: source line
 * @fmt: printf format saying what failed, or NULL
 *
 * Raise VIR_ERR_SYSTEM_ERROR "<what failed>: <strerror>", with @errnum
 * kept in int1 as libvirt does.  errno is preserved.
 */
void
virReportSystemErrorFull(int domain, int errnum,
                         const char *filename, const char *funcname,
                         size_t linenr, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    g_autofree char *message = NULL;
    int saved_errno = errno;
    va_list ap;

    if (fmt) {
        va_start(ap, fmt);
        what = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        message = g_strdup_printf("%s: %s", what, g_strerror(errnum));
    } else {
        message = g_strdup(g_strerror(errnum));
    }

    virRaiseErrorFull(filename, funcname, linenr, domain,
                      VIR_ERR_SYSTEM_ERROR, VIR_ERR_ERROR,
                      virErrorMessageForCode(VIR_ERR_SYSTEM_ERROR, true),
                      message, NULL, errnum, -1, message);
    errno = saved_errno;
}


/* The error domain libvirt's entry points use, found from the public
 * API name, since these helpers are called with a function name only.
 * Longer prefixes first: "virDomainSnapshot" before "virDomain". */
static int
virErrorDomainForFunction(const char *funcname)
{
    static const struct {
        const char *prefix;
        int domain;
    } prefixes[] = {
        { "virDomainSnapshot", VIR_FROM_DOMAIN_SNAPSHOT },
        { "virDomainCheckpoint", VIR_FROM_DOMAIN_CHECKPOINT },
        { "virDomain", VIR_FROM_DOMAIN },
        { "virNetwork", VIR_FROM_NETWORK },
        { "virStorage", VIR_FROM_STORAGE },
        { "virNodeDevice", VIR_FROM_NODEDEV },
        { "virInterface", VIR_FROM_INTERFACE },
        { "virSecret", VIR_FROM_SECRET },
        { "virNWFilter", VIR_FROM_NWFILTER },
        { "virStream", VIR_FROM_STREAMS },
    };
    size_t i;

    for (i = 0; funcname && i < G_N_ELEMENTS(prefixes); i++) {
        if (STRPREFIX(funcname, prefixes[i].prefix))
            return prefixes[i].domain;
    }
    return VIR_FROM_NONE;
}


/**
 * virReportUnsupportedAPI:
 * @api: name of the public API the driver lacks
 *
 * Raise VIR_ERR_NO_SUPPORT "this function is not supported by the
 * connection driver: @api".
 */
void
virReportUnsupportedAPI(const char *api)
{
    virErrorRaiseWithDetail(virErrorDomainForFunction(api),
                            VIR_ERR_NO_SUPPORT, __FILE__, __func__,
                            __LINE__, api);
}


/**
 * virReportInvalidFlags:
 * @funcname: function that got the flags
 * @unknown: the bits it does not know
 *
 * Raise VIR_ERR_INVALID_ARG "unsupported flags (0x4) in function F".
 * As in libvirt the message has no "invalid argument" prefix, str1 is
 * the function and str2 is "flags".
 */
void
virReportInvalidFlags(const char *funcname, unsigned int unknown)
{
    virReportInvalidFlagsFull(virErrorDomainForFunction(funcname), funcname,
                              unknown);
}


/**
 * virReportInvalidFlagsFull:
 * @domain: the virErrorDomain of the caller (its VIR_FROM_THIS)
 * @funcname: function that got the flags
 * @unknown: the bits it does not know
 *
 * Like virReportInvalidFlags() in a given error domain: a driver callback
 * reports bad flags in its own domain, as libvirt's drivers do.
 */
void
virReportInvalidFlagsFull(int domain, const char *funcname,
                          unsigned int unknown)
{
    g_autofree char *message =
        g_strdup_printf(_("unsupported flags (0x%1$lx) in function %2$s"),
                        (unsigned long)unknown, NULLSTR(funcname));

    virRaiseErrorFull(__FILE__, __func__, __LINE__, domain,
                      VIR_ERR_INVALID_ARG, VIR_ERR_ERROR,
                      funcname, "flags", NULL, 0, 0, message);
}


/**
 * virReportInvalidArgMessage:
 * @domain: the virErrorDomain of the caller
 * @fmt: printf format of the whole message
 *
 * Raise VIR_ERR_INVALID_ARG with @fmt as the whole message, without the
 * "invalid argument" prefix, as libvirt does for its flag-combination
 * checks ("Flags 'A' and 'B' are mutually exclusive").
 */
void
virReportInvalidArgMessage(int domain, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *message = NULL;

    va_start(ap, fmt);
    message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virRaiseErrorFull(__FILE__, __func__, __LINE__, domain,
                      VIR_ERR_INVALID_ARG, VIR_ERR_ERROR,
                      NULL, NULL, NULL, 0, 0, message);
}


/**
 * virReportInvalidArgFull:
 * @funcname: function that got the argument
 * @argname: name of the argument
 * @reason: what is wrong ("must not be NULL")
 *
 * Raise VIR_ERR_INVALID_ARG "@argname in @funcname @reason", with no
 * prefix and str1/str2 set to the function and the argument, as
 * libvirt's checks of public API arguments do.
 */
void
virReportInvalidArgFull(const char *funcname, const char *argname,
                        const char *reason)
{
    g_autofree char *message =
        g_strdup_printf(_("%1$s in %2$s %3$s"), NULLSTR(argname),
                        NULLSTR(funcname), NULLSTR(reason));

    virRaiseErrorFull(__FILE__, __func__, __LINE__,
                      virErrorDomainForFunction(funcname),
                      VIR_ERR_INVALID_ARG, VIR_ERR_ERROR,
                      funcname, argname, NULL, 0, 0, message);
}


/**
 * virErrorDefaultPrint:
 * @err: error to print, may be NULL
 *
 * Print @err on stderr as libvirt's default handler does:
 * "libvirt: Domain Config error : <message>".
 */
void
virErrorDefaultPrint(const virError *err)
{
    const char *level = "error";

    if (!err)
        return;
    if (err->level == VIR_ERR_WARNING)
        level = "warning";

    fprintf(stderr, "libvirt: %s %s : %s\n", virErrorDomainName(err->domain),
            level, err->message ? err->message : _("unknown error"));
}
