/*
 * remote_domain.c: domain and snapshot calls whose layout the generator
 * does not map (info structs, byte arrays, lists, id updates)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "remote_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE


/**
 * remoteNodeGetInfo:
 * @conn: a connection
 * @info: filled on success
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    remote_node_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_INFO, NULL, NULL,
                   VIR_XDRPROC(xdr_remote_node_get_info_ret), &ret) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    memcpy(info->model, ret.model, MIN(sizeof(info->model), sizeof(ret.model)));
    info->model[sizeof(info->model) - 1] = '\0';
    info->memory = ret.memory;
    info->cpus = ret.cpus;
    info->mhz = ret.mhz;
    info->nodes = ret.nodes;
    info->sockets = ret.sockets;
    info->cores = ret.cores;
    info->threads = ret.threads;
    xdr_free(VIR_XDRPROC(xdr_remote_node_get_info_ret), (char *)&ret);
    return 0;
}


/* Copy a NUL-terminated byte array from the wire into @dest of @size. */
static int
remoteCopyCharArray(char *dest, size_t size, const char *src, u_int len,
                    const char *what)
{
    if (len > size) {
        virReportError(VIR_ERR_RPC, _("%1$s of %2$u bytes exceeds %3$zu"),
                       what, len, size);
        return -1;
    }
    memset(dest, 0, size);
    memcpy(dest, src, len);
    dest[size - 1] = '\0';
    return 0;
}


/**
 * remoteNodeGetSecurityModel:
 * @conn: a connection
 * @secmodel: filled on success
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    remote_node_get_security_model_ret ret;
    int rv;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_SECURITY_MODEL, NULL, NULL,
                   VIR_XDRPROC(xdr_remote_node_get_security_model_ret), &ret) < 0)
        return -1;
    rv = remoteCopyCharArray(secmodel->model, sizeof(secmodel->model),
                             ret.model.model_val, ret.model.model_len,
                             "security model");
    if (rv == 0)
        rv = remoteCopyCharArray(secmodel->doi, sizeof(secmodel->doi),
                                 ret.doi.doi_val, ret.doi.doi_len,
                                 "security DOI");
    xdr_free(VIR_XDRPROC(xdr_remote_node_get_security_model_ret), (char *)&ret);
    return rv;
}


/**
 * remoteDomainGetInfo:
 * @domain: a domain
 * @info: filled on success
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    remote_domain_get_info_args args;
    remote_domain_get_info_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_GET_INFO,
                   VIR_XDRPROC(xdr_remote_domain_get_info_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_get_info_ret), &ret) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = ret.maxMem;
    info->memory = ret.memory;
    info->nrVirtCpu = ret.nrVirtCpu;
    info->cpuTime = ret.cpuTime;
    return 0;
}


/**
 * remoteDomainGetSecurityLabel:
 * @domain: a domain
 * @seclabel: filled on success
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    remote_domain_get_security_label_args args;
    remote_domain_get_security_label_ret ret;
    int rv;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL,
                   VIR_XDRPROC(xdr_remote_domain_get_security_label_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_get_security_label_ret), &ret) < 0)
        return -1;
    rv = remoteCopyCharArray(seclabel->label, sizeof(seclabel->label),
                             ret.label.label_val, ret.label.label_len,
                             "security label");
    seclabel->enforcing = ret.enforcing;
    xdr_free(VIR_XDRPROC(xdr_remote_domain_get_security_label_ret), (char *)&ret);
    return rv;
}


/**
 * remoteDomainGetMessages:
 * @domain: a domain
 * @msgs: set to a NULL-terminated array the caller frees
 * @flags: passed on
 *
 * Returns the number of messages, or -1 with an error set.
 */
int
remoteDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    remote_domain_get_messages_args args;
    remote_domain_get_messages_ret ret;
    u_int i;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    args.flags = flags;
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_GET_MESSAGES,
                   VIR_XDRPROC(xdr_remote_domain_get_messages_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_get_messages_ret), &ret) < 0)
        return -1;
    *msgs = g_new0(char *, ret.msgs.msgs_len + 1);
    for (i = 0; i < ret.msgs.msgs_len; i++)
        (*msgs)[i] = g_strdup(ret.msgs.msgs_val[i]);
    n = ret.msgs.msgs_len;
    xdr_free(VIR_XDRPROC(xdr_remote_domain_get_messages_ret), (char *)&ret);
    return n;
}


/* The daemon does not say a started domain's id; ask, as libvirt's
 * client does after DOMAIN_CREATE. */
static int
remoteDomainRefreshID(virDomainPtr domain)
{
    remote_domain_lookup_by_uuid_args args;
    remote_domain_lookup_by_uuid_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    virDomainGetUUID(domain, (unsigned char *)args.uuid);
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                   VIR_XDRPROC(xdr_remote_domain_lookup_by_uuid_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_lookup_by_uuid_ret), &ret) < 0)
        return -1;
    virDomainSetIdInternal(domain, ret.dom.id);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_lookup_by_uuid_ret), (char *)&ret);
    return 0;
}


/**
 * remoteDomainCreate:
 * @domain: a defined domain; its id is updated
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainCreate(virDomainPtr domain)
{
    remote_domain_create_args args;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_CREATE,
                   VIR_XDRPROC(xdr_remote_domain_create_args), &args,
                   NULL, NULL) < 0)
        return -1;
    return remoteDomainRefreshID(domain);
}


/**
 * remoteDomainCreateWithFlags:
 * @domain: a defined domain; its id is updated
 * @flags: passed on
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    remote_domain_create_with_flags_args args;
    remote_domain_create_with_flags_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    args.flags = flags;
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                   VIR_XDRPROC(xdr_remote_domain_create_with_flags_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_create_with_flags_ret), &ret) < 0)
        return -1;
    virDomainSetIdInternal(domain, ret.dom.id);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_create_with_flags_ret), (char *)&ret);
    return 0;
}


/**
 * remoteDomainDestroyFlags:
 * @domain: a running domain; its id becomes -1
 * @flags: passed on
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    remote_domain_destroy_flags_args args;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    args.flags = flags;
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_DESTROY_FLAGS,
                   VIR_XDRPROC(xdr_remote_domain_destroy_flags_args), &args,
                   NULL, NULL) < 0)
        return -1;
    virDomainSetIdInternal(domain, -1);
    return 0;
}


/**
 * remoteDomainDestroy:
 * @domain: a running domain; its id becomes -1
 *
 * Returns 0, or -1 with an error set.
 */
int
remoteDomainDestroy(virDomainPtr domain)
{
    remote_domain_destroy_args args;

    memset(&args, 0, sizeof(args));
    remoteMakeDomainArg(&args.dom, domain);
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_DESTROY,
                   VIR_XDRPROC(xdr_remote_domain_destroy_args), &args,
                   NULL, NULL) < 0)
        return -1;
    virDomainSetIdInternal(domain, -1);
    return 0;
}


/**
 * remoteConnectListAllDomains:
 * @conn: a connection
 * @domains: set to a NULL-terminated array the caller frees, or NULL to
 *           count only
 * @flags: VIR_CONNECT_LIST_DOMAINS_*
 *
 * Returns the number of domains, or -1 with an error set.
 */
int
remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                            unsigned int flags)
{
    remote_connect_list_all_domains_args args = {
        .need_results = !!domains,
        .flags = flags,
    };
    remote_connect_list_all_domains_ret ret;
    int n;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                   VIR_XDRPROC(xdr_remote_connect_list_all_domains_args), &args,
                   VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret), &ret) < 0)
        return -1;
    n = ret.ret;
    if (domains) {
        *domains = g_new0(virDomainPtr, ret.domains.domains_len + 1);
        for (i = 0; i < ret.domains.domains_len; i++)
            (*domains)[i] = remoteDomainFromWire(conn, &ret.domains.domains_val[i]);
        n = ret.domains.domains_len;
    }
    xdr_free(VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret), (char *)&ret);
    return n;
}


/**
 * remoteConnectListDomains:
 * @conn: a connection
 * @ids: room for @maxids ids
 * @maxids: how many
 *
 * Returns the number of ids stored, or -1 with an error set.
 */
int
remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    remote_connect_list_domains_args args = { .maxids = maxids };
    remote_connect_list_domains_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                   VIR_XDRPROC(xdr_remote_connect_list_domains_args), &args,
                   VIR_XDRPROC(xdr_remote_connect_list_domains_ret), &ret) < 0)
        return -1;
    n = MIN((int)ret.ids.ids_len, maxids);
    memcpy(ids, ret.ids.ids_val, sizeof(int) * n);
    xdr_free(VIR_XDRPROC(xdr_remote_connect_list_domains_ret), (char *)&ret);
    return n;
}


/* Copy at most @max names from the wire into @names (caller frees). */
static int
remoteCopyNames(char **names, int max, u_int len, remote_nonnull_string *val)
{
    int n = MIN((int)len, max);
    int i;

    for (i = 0; i < n; i++)
        names[i] = g_strdup(val[i]);
    return n;
}


/**
 * remoteConnectListDefinedDomains:
 * @conn: a connection
 * @names: room for @maxnames names, which the caller frees
 * @maxnames: how many
 *
 * Returns the number of names stored, or -1 with an error set.
 */
int
remoteConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                int maxnames)
{
    remote_connect_list_defined_domains_args args = { .maxnames = maxnames };
    remote_connect_list_defined_domains_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                   VIR_XDRPROC(xdr_remote_connect_list_defined_domains_args), &args,
                   VIR_XDRPROC(xdr_remote_connect_list_defined_domains_ret), &ret) < 0)
        return -1;
    n = remoteCopyNames(names, maxnames, ret.names.names_len, ret.names.names_val);
    xdr_free(VIR_XDRPROC(xdr_remote_connect_list_defined_domains_ret), (char *)&ret);
    return n;
}


/**
 * remoteDomainSnapshotListNames:
 * @domain: a domain
 * @names: room for @nameslen names, which the caller frees
 * @nameslen: how many
 * @flags: passed on
 *
 * Returns the number of names stored, or -1 with an error set.
 */
int
remoteDomainSnapshotListNames(virDomainPtr domain, char **names,
                              int nameslen, unsigned int flags)
{
    remote_domain_snapshot_list_names_args args;
    remote_domain_snapshot_list_names_ret ret;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    args.maxnames = nameslen;
    args.flags = flags;
    if (remoteCall(virDomainGetConnect(domain), REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_NAMES,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_names_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_names_ret), &ret) < 0)
        return -1;
    n = remoteCopyNames(names, nameslen, ret.names.names_len, ret.names.names_val);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_snapshot_list_names_ret), (char *)&ret);
    return n;
}


/**
 * remoteDomainSnapshotListChildrenNames:
 * @snapshot: a snapshot
 * @names: room for @nameslen names, which the caller frees
 * @nameslen: how many
 * @flags: passed on
 *
 * Returns the number of names stored, or -1 with an error set.
 */
int
remoteDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                      char **names, int nameslen,
                                      unsigned int flags)
{
    remote_domain_snapshot_list_children_names_args args;
    remote_domain_snapshot_list_children_names_ret ret;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainSnapshotArg(&args.snap, snapshot);
    args.maxnames = nameslen;
    args.flags = flags;
    if (remoteCall(virDomainSnapshotGetConnect(snapshot),
                   REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_children_names_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_children_names_ret), &ret) < 0)
        return -1;
    n = remoteCopyNames(names, nameslen, ret.names.names_len, ret.names.names_val);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_snapshot_list_children_names_ret), (char *)&ret);
    return n;
}


static int
remoteSnapshotsFromWire(virConnectPtr conn, virDomainSnapshotPtr **snaps,
                        u_int len, remote_nonnull_domain_snapshot *val)
{
    u_int i;

    *snaps = g_new0(virDomainSnapshotPtr, len + 1);
    for (i = 0; i < len; i++)
        (*snaps)[i] = remoteDomainSnapshotFromWire(conn, &val[i]);
    return len;
}


/**
 * remoteDomainListAllSnapshots:
 * @domain: a domain
 * @snaps: set to a NULL-terminated array the caller frees, or NULL
 * @flags: passed on
 *
 * Returns the number of snapshots, or -1 with an error set.
 */
int
remoteDomainListAllSnapshots(virDomainPtr domain,
                             virDomainSnapshotPtr **snaps,
                             unsigned int flags)
{
    virConnectPtr conn = virDomainGetConnect(domain);
    remote_domain_list_all_snapshots_args args;
    remote_domain_list_all_snapshots_ret ret;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainArg(&args.dom, domain);
    args.need_results = !!snaps;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_LIST_ALL_SNAPSHOTS,
                   VIR_XDRPROC(xdr_remote_domain_list_all_snapshots_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_list_all_snapshots_ret), &ret) < 0)
        return -1;
    n = ret.ret;
    if (snaps)
        n = remoteSnapshotsFromWire(conn, snaps, ret.snapshots.snapshots_len,
                                    ret.snapshots.snapshots_val);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_list_all_snapshots_ret), (char *)&ret);
    return n;
}


/**
 * remoteDomainSnapshotListAllChildren:
 * @snapshot: a snapshot
 * @snaps: set to a NULL-terminated array the caller frees, or NULL
 * @flags: passed on
 *
 * Returns the number of children, or -1 with an error set.
 */
int
remoteDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                    virDomainSnapshotPtr **snaps,
                                    unsigned int flags)
{
    virConnectPtr conn = virDomainSnapshotGetConnect(snapshot);
    remote_domain_snapshot_list_all_children_args args;
    remote_domain_snapshot_list_all_children_ret ret;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteMakeDomainSnapshotArg(&args.snapshot, snapshot);
    args.need_results = !!snaps;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_all_children_args), &args,
                   VIR_XDRPROC(xdr_remote_domain_snapshot_list_all_children_ret), &ret) < 0)
        return -1;
    n = ret.ret;
    if (snaps)
        n = remoteSnapshotsFromWire(conn, snaps, ret.snapshots.snapshots_len,
                                    ret.snapshots.snapshots_val);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_snapshot_list_all_children_ret), (char *)&ret);
    return n;
}
