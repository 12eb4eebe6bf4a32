/*
 * remote_dispatch_domain.c: REMOTE procedures on domains and snapshots
 * whose layout the generator does not map (lists, info structs, byte
 * arrays)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <virtplug/objects.h>

#include "internal.h"
#include "remote_dispatch.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_RPC


/* Free @dom keeping the thread's error: the free is a public call. */
static void
remoteDomainRelease(virDomainPtr dom)
{
    virErrorPtr saved = NULL;

    if (!dom)
        return;
    virErrorPreserveLast(&saved);
    virDomainFree(dom);
    virErrorRestore(&saved);
}


static void
remoteDomainSnapshotRelease(virDomainSnapshotPtr snap)
{
    virErrorPtr saved = NULL;

    if (!snap)
        return;
    virErrorPreserveLast(&saved);
    virDomainSnapshotFree(snap);
    virErrorRestore(&saved);
}


static int
remoteCheckListMax(int requested, int max, const char *what)
{
    if (requested > max) {
        virReportError(VIR_ERR_RPC, _("too many %1$s requested: %2$d > %3$d"),
                       what, requested, max);
        return -1;
    }
    return 0;
}


int
remoteDispatchDomainGetInfo(virNetServerClient *client,
                            const virNetMessageHeader *hdr G_GNUC_UNUSED,
                            void *argsp,
                            void *retp)
{
    remote_domain_get_info_args *args = argsp;
    remote_domain_get_info_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr dom = NULL;
    virDomainInfo info;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (virDomainGetInfo(dom, &info) < 0)
        goto cleanup;
    ret->state = info.state;
    ret->maxMem = info.maxMem;
    ret->memory = info.memory;
    ret->nrVirtCpu = info.nrVirtCpu;
    ret->cpuTime = info.cpuTime;
    rv = 0;

 cleanup:
    remoteDomainRelease(dom);
    return rv;
}


int
remoteDispatchDomainGetSecurityLabel(virNetServerClient *client,
                                     const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                     void *argsp,
                                     void *retp)
{
    remote_domain_get_security_label_args *args = argsp;
    remote_domain_get_security_label_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr dom = NULL;
    virSecurityLabel label;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    memset(&label, 0, sizeof(label));
    if (virDomainGetSecurityLabel(dom, &label) < 0)
        goto cleanup;
    ret->label.label_len = strlen(label.label) + 1;
    ret->label.label_val = g_memdup2(label.label, ret->label.label_len);
    ret->enforcing = label.enforcing;
    rv = 0;

 cleanup:
    remoteDomainRelease(dom);
    return rv;
}


int
remoteDispatchDomainGetMessages(virNetServerClient *client,
                                const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                void *argsp,
                                void *retp)
{
    remote_domain_get_messages_args *args = argsp;
    remote_domain_get_messages_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr dom = NULL;
    char **msgs = NULL;
    int n;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if ((n = virDomainGetMessages(dom, &msgs, args->flags)) < 0)
        goto cleanup;
    if (remoteCheckListMax(n, REMOTE_DOMAIN_MESSAGES_MAX, "messages") < 0) {
        g_strfreev(msgs);
        goto cleanup;
    }
    /* The array is NULL-terminated and malloc'ed, as XDR frees it. */
    ret->msgs.msgs_len = n;
    ret->msgs.msgs_val = msgs;
    rv = 0;

 cleanup:
    remoteDomainRelease(dom);
    return rv;
}


int
remoteDispatchDomainCreateWithFlags(virNetServerClient *client,
                                    const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                    void *argsp,
                                    void *retp)
{
    remote_domain_create_with_flags_args *args = argsp;
    remote_domain_create_with_flags_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr dom = NULL;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (virDomainCreateWithFlags(dom, args->flags) < 0)
        goto cleanup;
    /* The driver gave @dom its new id; the client takes it from here. */
    remoteMakeDomain(&ret->dom, dom);
    rv = 0;

 cleanup:
    remoteDomainRelease(dom);
    return rv;
}


int
remoteDispatchConnectListAllDomains(virNetServerClient *client,
                                    const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                    void *argsp,
                                    void *retp)
{
    remote_connect_list_all_domains_args *args = argsp;
    remote_connect_list_all_domains_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr *doms = NULL;
    int n;
    int i;

    if (!conn)
        return -1;
    if ((n = virConnectListAllDomains(conn, args->need_results ? &doms : NULL,
                                      args->flags)) < 0)
        return -1;
    if (doms) {
        if (n > REMOTE_DOMAIN_LIST_MAX) {
            for (i = 0; i < n; i++)
                virDomainFree(doms[i]);
            g_free(doms);
            return remoteCheckListMax(n, REMOTE_DOMAIN_LIST_MAX, "domains");
        }
        ret->domains.domains_len = n;
        ret->domains.domains_val = g_new0(remote_nonnull_domain, MAX(n, 1));
        for (i = 0; i < n; i++) {
            remoteMakeDomain(&ret->domains.domains_val[i], doms[i]);
            virDomainFree(doms[i]);
        }
        g_free(doms);
    }
    ret->ret = n;
    return 0;
}


int
remoteDispatchConnectListDomains(virNetServerClient *client,
                                 const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                 void *argsp,
                                 void *retp)
{
    remote_connect_list_domains_args *args = argsp;
    remote_connect_list_domains_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    g_autofree int *ids = NULL;
    int n;

    if (!conn ||
        remoteCheckListMax(args->maxids, REMOTE_DOMAIN_LIST_MAX, "domains") < 0)
        return -1;
    ids = g_new0(int, MAX(args->maxids, 1));
    if ((n = virConnectListDomains(conn, ids, args->maxids)) < 0)
        return -1;
    ret->ids.ids_len = n;
    ret->ids.ids_val = g_steal_pointer(&ids);
    return 0;
}


/* Shared by the three procedures that answer a list of names. */
static int
remoteNamesToWire(char **names, int n, u_int *len, remote_nonnull_string **val)
{
    if (n < 0)
        return -1;
    *len = n;
    *val = (remote_nonnull_string *)names;
    return 0;
}


int
remoteDispatchConnectListDefinedDomains(virNetServerClient *client,
                                        const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                        void *argsp,
                                        void *retp)
{
    remote_connect_list_defined_domains_args *args = argsp;
    remote_connect_list_defined_domains_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    char **names;

    if (!conn ||
        remoteCheckListMax(args->maxnames, REMOTE_DOMAIN_LIST_MAX, "domains") < 0)
        return -1;
    names = g_new0(char *, MAX(args->maxnames, 1));
    if (remoteNamesToWire(names,
                          virConnectListDefinedDomains(conn, names, args->maxnames),
                          &ret->names.names_len, &ret->names.names_val) < 0) {
        g_free(names);
        return -1;
    }
    return 0;
}


int
remoteDispatchDomainSnapshotListNames(virNetServerClient *client,
                                      const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                      void *argsp,
                                      void *retp)
{
    remote_domain_snapshot_list_names_args *args = argsp;
    remote_domain_snapshot_list_names_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainPtr dom = NULL;
    char **names;
    int rv;

    if (!conn ||
        remoteCheckListMax(args->maxnames, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX,
                           "snapshots") < 0 ||
        !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    names = g_new0(char *, MAX(args->maxnames, 1));
    rv = remoteNamesToWire(names,
                           virDomainSnapshotListNames(dom, names, args->maxnames,
                                                      args->flags),
                           &ret->names.names_len, &ret->names.names_val);
    if (rv < 0)
        g_free(names);
    remoteDomainRelease(dom);
    return rv;
}


int
remoteDispatchDomainSnapshotListChildrenNames(virNetServerClient *client,
                                              const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                              void *argsp,
                                              void *retp)
{
    remote_domain_snapshot_list_children_names_args *args = argsp;
    remote_domain_snapshot_list_children_names_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainSnapshotPtr snap = NULL;
    char **names;
    int rv;

    if (!conn ||
        remoteCheckListMax(args->maxnames, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX,
                           "snapshots") < 0 ||
        !(snap = remoteGetDomainSnapshot(conn, &args->snap)))
        return -1;
    names = g_new0(char *, MAX(args->maxnames, 1));
    rv = remoteNamesToWire(names,
                           virDomainSnapshotListChildrenNames(snap, names,
                                                              args->maxnames,
                                                              args->flags),
                           &ret->names.names_len, &ret->names.names_val);
    if (rv < 0)
        g_free(names);
    remoteDomainSnapshotRelease(snap);
    return rv;
}


/* Shared by DOMAIN_LIST_ALL_SNAPSHOTS and SNAPSHOT_LIST_ALL_CHILDREN. */
static int
remoteSnapshotsToWire(virDomainSnapshotPtr *snaps, int n,
                      u_int *len, remote_nonnull_domain_snapshot **val)
{
    int i;

    if (!snaps)
        return 0;
    if (n > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) {
        for (i = 0; i < n; i++)
            virDomainSnapshotFree(snaps[i]);
        g_free(snaps);
        return remoteCheckListMax(n, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, "snapshots");
    }
    *len = n;
    *val = g_new0(remote_nonnull_domain_snapshot, MAX(n, 1));
    for (i = 0; i < n; i++) {
        remoteMakeDomainSnapshot(&(*val)[i], snaps[i]);
        virDomainSnapshotFree(snaps[i]);
    }
    g_free(snaps);
    return 0;
}


int
remoteDispatchDomainListAllSnapshots(virNetServerClient *client,
                                     const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                     void *argsp,
                                     void *retp)
{
    remote_domain_list_all_snapshots_args *args = argsp;
    remote_domain_list_all_snapshots_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainSnapshotPtr *snaps = NULL;
    virDomainPtr dom;
    int n;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    n = virDomainListAllSnapshots(dom, args->need_results ? &snaps : NULL,
                                  args->flags);
    remoteDomainRelease(dom);
    if (n < 0 ||
        remoteSnapshotsToWire(snaps, n, &ret->snapshots.snapshots_len,
                              &ret->snapshots.snapshots_val) < 0)
        return -1;
    ret->ret = n;
    return 0;
}


int
remoteDispatchDomainSnapshotListAllChildren(virNetServerClient *client,
                                            const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                            void *argsp,
                                            void *retp)
{
    remote_domain_snapshot_list_all_children_args *args = argsp;
    remote_domain_snapshot_list_all_children_ret *ret = retp;
    virConnectPtr conn = remoteClientGetConnection(client);
    virDomainSnapshotPtr *snaps = NULL;
    virDomainSnapshotPtr snap;
    int n;

    if (!conn || !(snap = remoteGetDomainSnapshot(conn, &args->snapshot)))
        return -1;
    n = virDomainSnapshotListAllChildren(snap, args->need_results ? &snaps : NULL,
                                         args->flags);
    remoteDomainSnapshotRelease(snap);
    if (n < 0 ||
        remoteSnapshotsToWire(snaps, n, &ret->snapshots.snapshots_len,
                              &ret->snapshots.snapshots_val) < 0)
        return -1;
    ret->ret = n;
    return 0;
}
