/*
 * virsh.h: virsh's connection state, its command groups and the helpers
 * its commands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "vsh.h"

#define NULLSTR(s) ((s) ? (s) : "<null>")

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject);

#define VIRSH_PROMPT_RW "virsh # "
#define VIRSH_PROMPT_RO "virsh > "

typedef struct _virshControl virshControl;
struct _virshControl {
    virConnectPtr conn;         /* NULL until the first command needs it */
    bool readonly;              /* -r, or connect --readonly */
    int keepaliveInterval;      /* seconds; -1 for the default */
    int keepaliveCount;         /* -1 for the default */
    const char *escapeChar;     /* -e, kept for console commands */
    GThread *eventLoop;         /* runs virEventRunDefaultImpl() */
    gint quit;                  /* atomic: the event loop thread stops */
    gint disconnected;          /* atomic: the connection went away */
};

static inline virshControl *
virshGetControl(vshControl *ctl)
{
    return ctl->priv;
}

/* The command groups, in the order help lists them. */
extern const vshCmdDef virshDomainManagementCmds[];
extern const vshCmdDef virshDomainMonitoringCmds[];
extern const vshCmdDef virshDomainEventCmds[];
extern const vshCmdDef virshHostCmds[];
extern const vshCmdDef virshSnapshotCmds[];
extern const vshCmdDef virshSelfCmds[];

/* virsh.c */
int virshReconnect(vshControl *ctl, const char *name, bool readonly,
                   bool force);

/* virsh-util.c */
typedef enum {
    VIRSH_BYID = 1 << 0,
    VIRSH_BYUUID = 1 << 1,
    VIRSH_BYNAME = 1 << 2,
} virshLookupFlags;

#define VIRSH_BYANY (VIRSH_BYID | VIRSH_BYUUID | VIRSH_BYNAME)

/* Cleanup for the library's reference-counted objects, so that every
 * path drops its references: virsh reports leaked ones at exit. */
typedef virDomain virshDomain;
typedef virDomainSnapshot virshDomainSnapshot;
void virshDomainFree(virDomainPtr dom);
void virshDomainSnapshotFree(virDomainSnapshotPtr snap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virshDomain, virshDomainFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virshDomainSnapshot, virshDomainSnapshotFree);

virDomainPtr virshLookupDomainBy(vshControl *ctl, const char *name,
                                 unsigned int flags);
virDomainPtr virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd,
                                     const char **name, unsigned int flags);
virDomainPtr virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd,
                                   const char **name);
const char *virshDomainStateToString(int state);
const char *virshDomainStateReasonToString(int state, int reason);
int virshDomainState(vshControl *ctl, virDomainPtr dom, int *reason);
char *virshXPathString(const char *xml, const char *expr);
int virshXPathCount(const char *xml, const char *expr);
char *virshFileRead(vshControl *ctl, const char *path);
bool virshDumpXML(vshControl *ctl, const char *xml, const char *xpath,
                  bool wrap);

/* The domain option of most commands: a name, id or uuid, given bare or
 * as --domain. */
#define VIRSH_COMMON_OPT_DOMAIN(what) \
    {.name = "domain", \
     .type = VSH_OT_DATA, \
     .flags = VSH_OFLAG_REQ, \
     .help = what}

#define VIRSH_COMMON_OPT_DOMAIN_FULL \
    VIRSH_COMMON_OPT_DOMAIN("the domain's name, id or uuid")
