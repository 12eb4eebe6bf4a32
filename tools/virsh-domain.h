/*
 * virsh-domain.h: what the files of the Domain Management group share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "virsh.h"

/* virsh-domain-undefine.c */
extern const vshCmdOptDef virshOptsUndefine[];
bool virshCmdUndefine(vshControl *ctl, const vshCmd *cmd);

/* virsh-domain.c */
int virshCommandOptFDs(vshControl *ctl, const vshCmd *cmd, int **fds);

/* virsh-console.c */
bool virshRunConsole(vshControl *ctl, virDomainPtr dom, const char *devname,
                     unsigned int flags);
extern const vshCmdOptDef virshOptsConsole[];
bool virshCmdConsole(vshControl *ctl, const vshCmd *cmd);

/* virsh-domain-blk.c (Domain Monitoring) */
double virshPrettyCapacity(unsigned long long val, const char **unit);
extern const vshCmdOptDef virshOptsDomblkinfo[];
bool virshCmdDomblkinfo(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsDomblklist[];
bool virshCmdDomblklist(vshControl *ctl, const vshCmd *cmd);

/* virsh-domain-native.c */
extern const vshCmdOptDef virshOptsDomxmlToNative[];
bool virshCmdDomxmlToNative(vshControl *ctl, const vshCmd *cmd);

/* virsh-domain-save.c */
extern const vshCmdOptDef virshOptsManagedsave[];
bool virshCmdManagedsave(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsSaveImageDumpxml[];
bool virshCmdSaveImageDumpxml(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsSaveImageDefine[];
bool virshCmdSaveImageDefine(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsManagedsaveDumpxml[];
bool virshCmdManagedsaveDumpxml(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsManagedsaveDefine[];
bool virshCmdManagedsaveDefine(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsManagedsaveRemove[];
bool virshCmdManagedsaveRemove(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsRestore[];
bool virshCmdRestore(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsSave[];
bool virshCmdSave(vshControl *ctl, const vshCmd *cmd);

/* virsh-screenshot.c */
extern const vshCmdOptDef virshOptsScreenshot[];
bool virshCmdScreenshot(vshControl *ctl, const vshCmd *cmd);

/* virsh-qemu.c, built when libvirt-qemu.so is */
extern const vshCmdOptDef virshOptsQemuMonitorCommand[];
bool virshCmdQemuMonitorCommand(vshControl *ctl, const vshCmd *cmd);

/* virsh-job.c: waiting for jobs, and virsh's progress line */
void virshPrintJobProgress(const char *label, unsigned long long remaining,
                           unsigned long long total);

typedef struct _virshBlockJobWait virshBlockJobWait;
virshBlockJobWait *virshBlockJobWaitNew(vshControl *ctl, virDomainPtr dom,
                                        const char *dev, const char *label,
                                        bool verbose, int timeout, bool async);
int virshBlockJobWaitEnd(virshBlockJobWait *data);
void virshBlockJobWaitFree(virshBlockJobWait *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virshBlockJobWait, virshBlockJobWaitFree);

/* A call that runs a domain job (a save); 0 or -1 as the library's. */
typedef int (*virshJobFunc)(void *opaque);
int virshRunJob(vshControl *ctl, virDomainPtr dom, const char *label,
                bool verbose, virshJobFunc func, void *opaque);

/* virsh-blockjob.c, shared with virsh-blockcopy.c */
int virshBlockJobOptBandwidth(vshControl *ctl, const vshCmd *cmd, bool bytes,
                              unsigned long *bandwidth);
bool virshBlockJobCheckWaitOpts(vshControl *ctl, const vshCmd *cmd,
                                bool blocking, const char *stopper);
bool virshBlockJobReportEnd(vshControl *ctl, int status, const char *failed,
                            const char *aborted);
bool virshBlockJobConclude(vshControl *ctl, virDomainPtr dom, const char *path,
                           bool pivot, const char *done);
extern const vshCmdOptDef virshOptsBlockcommit[];
bool virshCmdBlockcommit(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsBlockjob[];
bool virshCmdBlockjob(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef virshOptsBlockpull[];
bool virshCmdBlockpull(vshControl *ctl, const vshCmd *cmd);

/* virsh-blockcopy.c */
extern const vshCmdOptDef virshOptsBlockcopy[];
bool virshCmdBlockcopy(vshControl *ctl, const vshCmd *cmd);
