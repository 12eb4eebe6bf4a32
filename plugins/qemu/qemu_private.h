/*
 * qemu_private.h: the qemu plugin's state and what its files share
 *
 * Never installed, never included outside plugins/qemu/.
 *
 * Locking, outermost first: a virDomainObj's lock (held across the
 * monitor commands of one API call), then qemuDriver.lock (capabilities
 * cache and image table), then a monitor's own locks.  The monitor's
 * reader thread takes no domain lock: it hands events to the driver's
 * worker thread, which takes the domain lock like an API call.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

#include <sys/types.h>
#include <json-c/json.h>

#include <virtplug/driver.h>
#include <virtplug/objects.h>

#include "domain_conf.h"
#include "virdomainobjlist.h"
#include "object_event.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put);

#define QEMU_COMMAND_PRIV_H_ALLOW
#include "qemu_command_priv.h"

/* What virConnectGetType() answers, as libvirt's qemu driver. */
#define QEMU_DRIVER_TYPE "QEMU"

/* Milliseconds: a QMP command's default answer time, the wait for the
 * monitor of a starting QEMU, and SIGTERM's grace before SIGKILL. */
#define QEMU_MONITOR_TIMEOUT_MS 30000
#define QEMU_MONITOR_CONNECT_TIMEOUT_MS 30000
#define QEMU_DESTROY_GRACE_MS 3000

/* ------------------------------------------------------------------ */
/* Capabilities (qemu_capabilities.c)                                 */

typedef struct _qemuCapsMachine qemuCapsMachine;
struct _qemuCapsMachine {
    char *name;                 /* "pc-i440fx-7.2" */
    char *alias;                /* "pc", or NULL */
    unsigned int maxCpus;
    bool isDefault;
    bool deprecated;
};

/*
 * What one emulator binary offers, probed once and cached under the
 * cache directory.  Immutable once built; shared by reference.
 */
struct _qemuCaps {
    gint refs;
    char *binary;
    long long mtime;            /* the binary's st_mtime when probed */
    long long ctime;            /* and its st_ctime */
    unsigned int version;       /* major * 1000000 + minor * 1000 + micro */
    char *package;
    virArch arch;
    qemuCapsMachine *machines;
    size_t nmachines;
    char **cpuModels;           /* NULL-terminated */
    GHashTable *commands;       /* set of QMP command names */
    GHashTable *events;         /* set of QMP event names */
};

qemuCaps *qemuCapsRef(qemuCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuCaps, qemuCapsUnref);
bool qemuCapsHasCommand(const qemuCaps *caps, const char *command);
const qemuCapsMachine *qemuCapsFindMachine(const qemuCaps *caps,
                                           const char *name);
const char *qemuCapsDefaultMachine(const qemuCaps *caps);
char *qemuCapsFindBinary(virArch arch);
bool qemuKVMUsable(void);

/* ------------------------------------------------------------------ */
/* The driver state: one per root (qemu_conf.c)                        */

typedef struct _qemuDriver qemuDriver;

/*
 * The state behind every connection to one root: qemu:///system,
 * qemu:///session of one user, or qemu:///embed?root=DIR.
 *
 * Locking: the directory strings and @privileged never change after
 * creation; @domains and @eventState lock themselves; @lock guards
 * @capsCache and @images; @refs is g_atomic.
 */
struct _qemuDriver {
    gint refs;
    char *key;                  /* the registry key, see qemu_conf.c */
    char *root;                 /* embed root, NULL otherwise */
    bool privileged;
    bool forceTCG;              /* VIRTPLUG_QEMU_FORCE_TCG=1 */

    char *configDir;            /* persistent definitions, NAME.xml */
    char *autostartDir;         /* symlinks to them */
    char *stateDir;             /* status XML of running domains */
    char *libDir;               /* per-domain home directories */
    char *saveDir;              /* managed save images */
    char *snapshotDir;
    char *logDir;
    char *cacheDir;             /* capabilities cache */

    virDomainObjList *domains;
    virObjectEventState *eventState;
    GThreadPool *workers;       /* monitor events and EOFs, one at a time */

    GMutex lock;
    GHashTable *capsCache;      /* binary path -> qemuCaps * */
    GHashTable *images;         /* domain name -> GPtrArray of qemuImageUse */
};

typedef struct _qemuImageUse qemuImageUse;
struct _qemuImageUse {
    char *path;
    char *disk;                 /* target of the disk, "vda" */
    bool writable;
};

int qemuDriverOpen(const char *key, const char *root, bool privileged,
                   qemuDriver **driver);
qemuDriver *qemuDriverRef(qemuDriver *driver);
void qemuDriverUnref(qemuDriver *driver);
qemuDriver *qemuDriverFromConn(virConnectPtr conn);
void qemuDriverQueueEvent(qemuDriver *driver, virObjectEvent *event);
int qemuDriverClaimImages(qemuDriver *driver, const virDomainDef *def);
void qemuDriverReleaseImages(qemuDriver *driver, const char *name);
char *qemuDriverConfigFile(qemuDriver *driver, const char *name);
char *qemuDriverAutostartLink(qemuDriver *driver, const char *name);
char *qemuDriverStatusFile(qemuDriver *driver, const char *name);
char *qemuDriverManagedSavePath(qemuDriver *driver, const char *name);
char **qemuDriverInactiveNames(qemuDriver *driver);
int qemuDriverStateInitialize(bool privileged, const char *root);
int qemuDriverStateCleanup(void);

/* qemu_capabilities.c, with the driver */
qemuCaps *qemuCapsCacheLookup(qemuDriver *driver, const char *binary);
char *qemuCapsFormatHost(qemuDriver *driver);
char *qemuCapsFormatDomain(qemuDriver *driver, const char *emulator,
                           const char *arch, const char *machine,
                           const char *virttype);

/* ------------------------------------------------------------------ */
/* QMP monitor (qemu_monitor.c)                                       */

typedef struct _qemuMonitor qemuMonitor;

/* Called on the monitor's reader thread, with no lock held: must not
 * block on a domain lock.  @data may be NULL; it stays owned by the
 * monitor (take a reference to keep it).  @seq orders the event among
 * QEMU's messages (see qemuMonitorReplySeq()). */
typedef struct _qemuMonitorCallbacks qemuMonitorCallbacks;
struct _qemuMonitorCallbacks {
    void (*event)(qemuMonitor *mon, const char *name, json_object *data,
                  unsigned long long seq, void *opaque);
    /* The socket closed or broke; called at most once, and not started
     * once qemuMonitorClose() has begun (one already running finishes
     * before the monitor is freed). */
    void (*eof)(qemuMonitor *mon, void *opaque);
};

qemuMonitor *qemuMonitorOpen(const char *path, const char *vmname,
                             pid_t pid, const char *logPath, off_t logOffset,
                             int timeoutMs,
                             const qemuMonitorCallbacks *cb, void *opaque);
void qemuMonitorClose(qemuMonitor *mon);
int qemuMonitorCommand(qemuMonitor *mon, const char *command,
                       json_object *args, int fd, int timeoutMs,
                       json_object **ret);
char *qemuMonitorCommandRaw(qemuMonitor *mon, const char *json, int fd,
                            int timeoutMs);
bool qemuMonitorIsAlive(qemuMonitor *mon);
unsigned long long qemuMonitorReplySeq(qemuMonitor *mon);
char *qemuProcessLogTail(const char *logPath, off_t offset);

/* Simple wrappers: 0 or -1 with an error naming the command. */
int qemuMonitorRun(qemuMonitor *mon, const char *command);
int qemuMonitorQueryStatus(qemuMonitor *mon, bool *running, char **status);

/* ------------------------------------------------------------------ */
/* Domains (qemu_domain.c)                                            */

typedef struct _qemuDomainObjPrivate qemuDomainObjPrivate;

/*
 * The running side of a domain.  Guarded by the domain object's lock.
 */
struct _qemuDomainObjPrivate {
    pid_t pid;                  /* 0 when not running */
    qemuMonitor *mon;
    struct _qemuMonitorOwner *monOwner; /* what @mon's callbacks get */
    unsigned int monGeneration; /* bumped on every monitor open/close */
    char *monPath;
    char *runDir;               /* stateDir/domain-ID-NAME */
    char *homeDir;              /* libDir/domain-ID-NAME */
    char *logPath;
    bool beingDestroyed;        /* stop in progress, EOF is expected */
    bool gotShutdown;           /* QEMU sent SHUTDOWN */
    /* qemuMonitorReplySeq() of the last command whose effect on the
     * state an API call applied itself: run-state events before it are
     * stale. */
    unsigned long long stateSeq;
    qemuCaps *caps;             /* of the running emulator */
    GHashTable *jobs;           /* job id -> last status seen in events */
    GCond jobCond;              /* broadcast when @jobs changes; wait
                                 * on it with the object's lock */
};

qemuDomainObjPrivate *qemuDomainObjPrivateGet(virDomainObj *vm);
virDomainObj *qemuDomainObjFromDomain(virDomainPtr domain);
int qemuDomainDefPostParseCaps(virDomainDef *def, const qemuCaps *caps);
int qemuDomainDefPostParse(qemuDriver *driver, virDomainDef *def,
                           qemuCaps **capsRet);
virDomainDef *qemuDomainDefParse(qemuDriver *driver, const char *xml,
                                 unsigned int parseFlags);
int qemuDomainSaveConfig(qemuDriver *driver, virDomainDef *def);
int qemuDomainSaveStatus(qemuDriver *driver, virDomainObj *vm);
int qemuDomainLoadStatus(qemuDriver *driver, const char *path);
void qemuDomainRemoveInactive(qemuDriver *driver, virDomainObj *vm);
virDomainPtr qemuDomainPublic(virConnectPtr conn, virDomainObj *vm);
void qemuDomainEmitLifecycle(qemuDriver *driver, virDomainObj *vm,
                             int type, int detail);
void qemuDomainSetRunState(virDomainObj *vm, int state, int reason);

/* qemu_block.c: backing chains and node names */
int qemuBlockPrepareChains(virDomainDef *def);
void qemuBlockAssignIndexes(virDomainDef *def);
char *qemuBlockNodeName(const virStorageSource *src, const char *kind);
unsigned int qemuBlockChainLength(const virStorageSource *src);

/* ------------------------------------------------------------------ */
/* Processes (qemu_process.c)                                         */

typedef enum {
    QEMU_PROCESS_START_PAUSED = 1 << 0,
    QEMU_PROCESS_START_RESTORE = 1 << 1,   /* incoming from @restoreFd */
} qemuProcessStartFlags;

int qemuProcessStart(qemuDriver *driver, virDomainObj *vm,
                     int restoreFd, unsigned int flags);
void qemuProcessStop(qemuDriver *driver, virDomainObj *vm, int reason);
int qemuProcessKill(virDomainObj *vm, bool graceful);
int qemuProcessReconnect(qemuDriver *driver, virDomainObj *vm);
int qemuProcessStartWithEvents(qemuDriver *driver, virDomainObj *vm,
                               unsigned int startFlags);
bool qemuProcessPidAlive(pid_t pid);
pid_t qemuProcessSpawn(char **argv, char **envp, int logfd);
void qemuProcessDetach(virDomainObj *vm);
void qemuProcessEventWorker(gpointer data, gpointer opaque);

/* qemu_command.c */
int qemuBuildCommandLine(const virDomainDef *def, const qemuCaps *caps,
                         const qemuCommandPaths *paths, bool incoming,
                         bool kvm, GPtrArray *env, GPtrArray *args);
char *qemuCommandFormat(GPtrArray *env, GPtrArray *args, bool linebreaks);
char *qemuCommandLineForDef(virDomainDef *def, const qemuCaps *caps,
                            const char *stateDir, const char *libDir,
                            bool forceTCG, bool linebreaks);
bool qemuDomainIsQ35(const virDomainDef *def);
int qemuDomainAssignAddresses(virDomainDef *def);
bool qemuControllerIsPCIRootPort(const virDomainControllerDef *cont);
bool qemuControllerIsPCIeToPCIBridge(const virDomainControllerDef *cont);

/* qemu_domain_defaults.c */
virDomainControllerDef *qemuDomainControllerNew(virDomainControllerType type,
                                                int idx, const char *model);
void qemuDomainDefAddDefaults(virDomainDef *def);
void qemuDomainAssignAliases(virDomainDef *def);
bool qemuDomainUseKVM(const virDomainDef *def, bool forceTCG);
char *qemuChannelSocketDir(const char *home);
char *qemuChannelSocketPath(const char *home, const virDomainChrDef *chr, size_t idx);

/* qemu_save.c */
int qemuSaveImageWrite(qemuDriver *driver, virDomainObj *vm,
                       const char *path, bool live);
int qemuSaveImageOpen(const char *path, virDomainDef **def,
                      bool *wasRunning);

/* ------------------------------------------------------------------ */
/* The members of the hypervisor table (qemu_plugin.c), by file.      */

/* qemu_driver.c */
virDrvOpenStatus qemuConnectOpen(virConnectPtr conn, virConnectAuthPtr auth,
                                 unsigned int flags);
int qemuConnectClose(virConnectPtr conn);
const char *qemuConnectGetType(virConnectPtr conn);
int qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
char *qemuConnectGetHostname(virConnectPtr conn);
int qemuConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int qemuConnectIsAlive(virConnectPtr conn);
int qemuConnectIsSecure(virConnectPtr conn);
int qemuConnectIsEncrypted(virConnectPtr conn);
int qemuNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
char *qemuConnectGetCapabilities(virConnectPtr conn);
char *qemuConnectGetDomainCapabilities(virConnectPtr conn,
                                       const char *emulatorbin,
                                       const char *arch,
                                       const char *machine,
                                       const char *virttype,
                                       unsigned int flags);
char *qemuConnectDomainXMLToNative(virConnectPtr conn, const char *format,
                                   const char *xml, unsigned int flags);
int qemuConnectDomainEventRegister(virConnectPtr conn,
                                   virConnectDomainEventCallback cb,
                                   void *opaque, virFreeCallback freecb);
int qemuConnectDomainEventDeregister(virConnectPtr conn,
                                     virConnectDomainEventCallback cb);
int qemuConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                      int eventID,
                                      virConnectDomainEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb);
int qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);
int qemuDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd,
                                 char **result, unsigned int flags);
int qemuDomainQemuMonitorCommandWithFiles(virDomainPtr domain, const char *cmd,
                                          unsigned int ninfiles, int *infiles,
                                          unsigned int *noutfiles,
                                          int **outfiles, char **result,
                                          unsigned int flags);

/* qemu_graphics.c */
int qemuDomainOpenGraphicsFD(virDomainPtr domain, unsigned int idx,
                             unsigned int flags);

/* qemu_lifecycle.c */
int qemuConnectNumOfDomains(virConnectPtr conn);
int qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int qemuConnectNumOfDefinedDomains(virConnectPtr conn);
int qemuConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                  int maxnames);
int qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                              unsigned int flags);
virDomainPtr qemuDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr qemuDomainLookupByUUID(virConnectPtr conn,
                                    const unsigned char *uuid);
virDomainPtr qemuDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr qemuDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                 unsigned int flags);
virDomainPtr qemuDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                      unsigned int flags);
int qemuDomainUndefine(virDomainPtr domain);
int qemuDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int qemuDomainCreate(virDomainPtr domain);
int qemuDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int qemuDomainDestroy(virDomainPtr domain);
int qemuDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int qemuDomainShutdown(virDomainPtr domain);
int qemuDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int qemuDomainReboot(virDomainPtr domain, unsigned int flags);
int qemuDomainReset(virDomainPtr domain, unsigned int flags);
int qemuDomainSuspend(virDomainPtr domain);
int qemuDomainResume(virDomainPtr domain);

/* qemu_domain_info.c */
int qemuDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int qemuDomainGetState(virDomainPtr domain, int *state, int *reason,
                       unsigned int flags);
char *qemuDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *qemuDomainGetOSType(virDomainPtr domain);
unsigned long qemuDomainGetMaxMemory(virDomainPtr domain);
int qemuDomainGetAutostart(virDomainPtr domain, int *autostart);
int qemuDomainSetAutostart(virDomainPtr domain, int autostart);
int qemuDomainIsActive(virDomainPtr domain);
int qemuDomainIsPersistent(virDomainPtr domain);
int qemuDomainIsUpdated(virDomainPtr domain);
int qemuDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int qemuDomainGetMaxVcpus(virDomainPtr domain);

/* qemu_save.c */
int qemuDomainManagedSave(virDomainPtr domain, unsigned int flags);
int qemuDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int qemuDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags);
int qemuDomainRestoreManagedSave(qemuDriver *driver, virDomainObj *vm,
                                 bool paused);
int qemuDomainSave(virDomainPtr domain, const char *to);
int qemuDomainRestore(virConnectPtr conn, const char *from);
char *qemuDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *path,
                                    unsigned int flags);
int qemuDomainSaveImageDefineXML(virConnectPtr conn, const char *path,
                                 const char *dxml, unsigned int flags);
char *qemuDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags);
int qemuDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml,
                                   unsigned int flags);
