/*
 * virtplug public API: connections, hypervisor and host node
 *
 * Interface-compatible with the libvirt 9.0.0 C API.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_HOST_H
# define LIBVIRT_HOST_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-host.h is internal: include <libvirt/libvirt.h> instead"
# endif

/* Sizes, limits and aliases */
# define VIR_NODE_CPU_STATS_FIELD_LENGTH 80
# define VIR_NODE_MEMORY_STATS_FIELD_LENGTH 80
# define VIR_SECURITY_DOI_BUFLEN (256 + 1)
# define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)
# define VIR_SECURITY_MODEL_BUFLEN (256 + 1)
# define VIR_UUID_BUFLEN (16)
# define VIR_UUID_STRING_BUFLEN (36+1)

/* Names of typed parameters and statistics fields */
# define VIR_CONNECT_IDENTITY_GROUP_NAME "group-name"
# define VIR_CONNECT_IDENTITY_PROCESS_ID "process-id"
# define VIR_CONNECT_IDENTITY_PROCESS_TIME "process-time"
# define VIR_CONNECT_IDENTITY_SASL_USER_NAME "sasl-user-name"
# define VIR_CONNECT_IDENTITY_SELINUX_CONTEXT "selinux-context"
# define VIR_CONNECT_IDENTITY_UNIX_GROUP_ID "unix-group-id"
# define VIR_CONNECT_IDENTITY_UNIX_USER_ID "unix-user-id"
# define VIR_CONNECT_IDENTITY_USER_NAME "user-name"
# define VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME "x509-distinguished-name"

# define VIR_NODE_CPU_STATS_IDLE "idle"
# define VIR_NODE_CPU_STATS_INTR "intr"
# define VIR_NODE_CPU_STATS_IOWAIT "iowait"
# define VIR_NODE_CPU_STATS_KERNEL "kernel"
# define VIR_NODE_CPU_STATS_USER "user"
# define VIR_NODE_CPU_STATS_UTILIZATION "utilization"

# define VIR_NODE_MEMORY_SHARED_FULL_SCANS "shm_full_scans"
# define VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES "shm_merge_across_nodes"
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARED "shm_pages_shared"
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARING "shm_pages_sharing"
# define VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN "shm_pages_to_scan"
# define VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED "shm_pages_unshared"
# define VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE "shm_pages_volatile"
# define VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS "shm_sleep_millisecs"

# define VIR_NODE_MEMORY_STATS_BUFFERS "buffers"
# define VIR_NODE_MEMORY_STATS_CACHED "cached"
# define VIR_NODE_MEMORY_STATS_FREE "free"
# define VIR_NODE_MEMORY_STATS_TOTAL "total"

# define VIR_NODE_SEV_CBITPOS "cbitpos"
# define VIR_NODE_SEV_PDH "pdh"

# define VIR_NODE_SEV_CERT_CHAIN "cert-chain"

# define VIR_NODE_SEV_CPU0_ID "cpu0-id"

# define VIR_NODE_SEV_MAX_ES_GUESTS "max-es-guests"
# define VIR_NODE_SEV_MAX_GUESTS "max-guests"

# define VIR_NODE_SEV_REDUCED_PHYS_BITS "reduced-phys-bits"

/* Helper macros */
# define VIR_NODEINFO_MAXCPUS(nodeinfo) ((nodeinfo).nodes*(nodeinfo).sockets*(nodeinfo).cores*(nodeinfo).threads)

/* Opaque object handles */
typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;
typedef struct _virStream virStream;
typedef virStream *virStreamPtr;

/* Result of comparing a CPU description with the host */
typedef enum {
    VIR_CPU_COMPARE_ERROR = -1,
    VIR_CPU_COMPARE_INCOMPATIBLE = 0,
    VIR_CPU_COMPARE_IDENTICAL = 1,
    VIR_CPU_COMPARE_SUPERSET = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CPU_COMPARE_LAST = 3
# endif
} virCPUCompareResult;

/* Flag bits for virConnectBaselineCPU() */
typedef enum {
    VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES = 1 << 0,
    VIR_CONNECT_BASELINE_CPU_MIGRATABLE = 1 << 1,
} virConnectBaselineCPUFlags;

/* Flag bits for virConnectCompareCPU() */
typedef enum {
    VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = 1 << 0,
    VIR_CONNECT_COMPARE_CPU_VALIDATE_XML = 1 << 1,
} virConnectCompareCPUFlags;

/* Kinds of credential an auth callback may be asked for */
typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST = 10
# endif
} virConnectCredentialType;

/* Flag bits for virConnectOpenAuth() */
typedef enum {
    VIR_CONNECT_RO = 1 << 0,
    VIR_CONNECT_NO_ALIASES = 1 << 1,
} virConnectFlags;

/* Flag bits for virNodeAllocPages() */
typedef enum {
    VIR_NODE_ALLOC_PAGES_ADD = 0,
    VIR_NODE_ALLOC_PAGES_SET = 1 << 0,
} virNodeAllocPagesFlags;

/* Values of virNodeGetCPUStatsAllCPUs */
typedef enum {
    VIR_NODE_CPU_STATS_ALL_CPUS = -1,
} virNodeGetCPUStatsAllCPUs;

/* Values of virNodeGetMemoryStatsAllCells */
typedef enum {
    VIR_NODE_MEMORY_STATS_ALL_CELLS = -1,
} virNodeGetMemoryStatsAllCells;

/* Values of virNodeSuspendTarget */
typedef enum {
    VIR_NODE_SUSPEND_TARGET_MEM = 0,
    VIR_NODE_SUSPEND_TARGET_DISK = 1,
    VIR_NODE_SUSPEND_TARGET_HYBRID = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_NODE_SUSPEND_TARGET_LAST = 3
# endif
} virNodeSuspendTarget;

/* Public structures and their pointer types */
typedef struct _virConnectAuth virConnectAuth;
typedef virConnectAuth *virConnectAuthPtr;
typedef struct _virConnectCredential virConnectCredential;
typedef virConnectCredential *virConnectCredentialPtr;
typedef struct _virNodeCPUStats virNodeCPUStats;
typedef virNodeCPUStats *virNodeCPUStatsPtr;
typedef struct _virNodeInfo virNodeInfo;
typedef virNodeInfo *virNodeInfoPtr;
typedef struct _virNodeMemoryStats virNodeMemoryStats;
typedef virNodeMemoryStats *virNodeMemoryStatsPtr;
typedef struct _virSecurityLabel virSecurityLabel;
typedef virSecurityLabel *virSecurityLabelPtr;
typedef struct _virSecurityModel virSecurityModel;
typedef virSecurityModel *virSecurityModelPtr;

/* Callback signatures */
typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred,
                                         void *cbdata);
typedef void (*virConnectCloseFunc)(virConnectPtr conn,
                                    int reason,
                                    void *opaque);

/* Authentication settings for virConnectOpenAuth() */
struct _virConnectAuth {
    int *credtype;
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
};

/* One credential requested during authentication */
struct _virConnectCredential {
    int type;
    const char *prompt;
    const char *challenge;
    const char *defresult;
    char *result;
    unsigned int resultlen;
};

/* One host CPU time counter from virNodeGetCPUStats() */
struct _virNodeCPUStats {
    char field[VIR_NODE_CPU_STATS_FIELD_LENGTH];
    unsigned long long value;
};

/* Summary of the host filled in by virNodeGetInfo() */
struct _virNodeInfo {
    char model[32];
    unsigned long memory;
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
};

/* One host memory counter from virNodeGetMemoryStats() */
struct _virNodeMemoryStats {
    char field[VIR_NODE_MEMORY_STATS_FIELD_LENGTH];
    unsigned long long value;
};

/* Security label of a running domain */
struct _virSecurityLabel {
    char label[VIR_SECURITY_LABEL_BUFLEN];
    int enforcing;
};

/* Security driver in use on the host */
struct _virSecurityModel {
    char model[VIR_SECURITY_MODEL_BUFLEN];
    char doi[VIR_SECURITY_DOI_BUFLEN];
};

/* Default authentication callbacks (console prompts) */
VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/* Opening, sharing and closing connections */
int virConnectClose(virConnectPtr conn);
virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenAuth(const char *name,
                                 virConnectAuthPtr auth,
                                 unsigned int flags);
virConnectPtr virConnectOpenReadOnly(const char *name);
int virConnectRef(virConnectPtr conn);
int virConnectRegisterCloseCallback(virConnectPtr conn,
                                    virConnectCloseFunc cb,
                                    void *opaque,
                                    virFreeCallback freecb);
int virConnectSetIdentity(virConnectPtr conn,
                          virTypedParameterPtr params,
                          int nparams,
                          unsigned int flags);
int virConnectSetKeepAlive(virConnectPtr conn,
                           int interval,
                           unsigned int count);
int virConnectUnregisterCloseCallback(virConnectPtr conn,
                                      virConnectCloseFunc cb);

/* CPU model comparison and baselines */
char *virConnectBaselineCPU(virConnectPtr conn,
                            const char **xmlCPUs,
                            unsigned int ncpus,
                            unsigned int flags);
char *virConnectBaselineHypervisorCPU(virConnectPtr conn,
                                      const char *emulator,
                                      const char *arch,
                                      const char *machine,
                                      const char *virttype,
                                      const char **xmlCPUs,
                                      unsigned int ncpus,
                                      unsigned int flags);
int virConnectCompareCPU(virConnectPtr conn,
                         const char *xmlDesc,
                         unsigned int flags);
int virConnectCompareHypervisorCPU(virConnectPtr conn,
                                   const char *emulator,
                                   const char *arch,
                                   const char *machine,
                                   const char *virttype,
                                   const char *xmlCPU,
                                   unsigned int flags);
int virConnectGetCPUModelNames(virConnectPtr conn,
                               const char *arch,
                               char ***models,
                               unsigned int flags);

/* Connection and hypervisor properties */
char *virConnectGetCapabilities(virConnectPtr conn);
char *virConnectGetHostname(virConnectPtr conn);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);
char *virConnectGetSysinfo(virConnectPtr conn, unsigned int flags);
const char *virConnectGetType(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectIsAlive(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);
int virConnectIsSecure(virConnectPtr conn);

/* Host node resources */
int virNodeAllocPages(virConnectPtr conn,
                      unsigned int npages,
                      unsigned int *pageSizes,
                      unsigned long long *pageCounts,
                      int startCell,
                      unsigned int cellCount,
                      unsigned int flags);
int virNodeGetCPUMap(virConnectPtr conn,
                     unsigned char **cpumap,
                     unsigned int *online,
                     unsigned int flags);
int virNodeGetCPUStats(virConnectPtr conn,
                       int cpuNum,
                       virNodeCPUStatsPtr params,
                       int *nparams,
                       unsigned int flags);
int virNodeGetCellsFreeMemory(virConnectPtr conn,
                              unsigned long long *freeMems,
                              int startCell,
                              int maxCells);
unsigned long long virNodeGetFreeMemory(virConnectPtr conn);
int virNodeGetFreePages(virConnectPtr conn,
                        unsigned int npages,
                        unsigned int *pages,
                        int startCell,
                        unsigned int cellCount,
                        unsigned long long *counts,
                        unsigned int flags);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
int virNodeGetMemoryParameters(virConnectPtr conn,
                               virTypedParameterPtr params,
                               int *nparams,
                               unsigned int flags);
int virNodeGetMemoryStats(virConnectPtr conn,
                          int cellNum,
                          virNodeMemoryStatsPtr params,
                          int *nparams,
                          unsigned int flags);
int virNodeGetSEVInfo(virConnectPtr conn,
                      virTypedParameterPtr *params,
                      int *nparams,
                      unsigned int flags);
int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int virNodeSetMemoryParameters(virConnectPtr conn,
                               virTypedParameterPtr params,
                               int nparams,
                               unsigned int flags);
int virNodeSuspendForDuration(virConnectPtr conn,
                              unsigned int target,
                              unsigned long long duration,
                              unsigned int flags);

/* Library setup and version */
int virGetVersion(unsigned long *libVer,
                  const char *type,
                  unsigned long *typeVer);
int virInitialize(void);

#endif /* LIBVIRT_HOST_H */
