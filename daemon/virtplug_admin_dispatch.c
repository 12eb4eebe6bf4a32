/*
 * virtplug_admin_dispatch.c: virtplug's own admin program (the plugins
 * the daemon knows)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "admin_dispatch.h"
#include "virtplug_admin_protocol.h"
#include "virplugin_state.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_ADMIN

G_STATIC_ASSERT((int)VIRTPLUG_ADMIN_PLUGIN_REFUSED == (int)VIR_PLUGIN_STATUS_REFUSED);
G_STATIC_ASSERT((int)VIRTPLUG_ADMIN_PLUGIN_LOADED == (int)VIR_PLUGIN_STATUS_LOADED);
G_STATIC_ASSERT((int)VIRTPLUG_ADMIN_PLUGIN_REGISTERED == (int)VIR_PLUGIN_STATUS_REGISTERED);
G_STATIC_ASSERT((int)VIRTPLUG_ADMIN_PLUGIN_ACTIVE == (int)VIR_PLUGIN_STATUS_ACTIVE);
G_STATIC_ASSERT((int)VIRTPLUG_ADMIN_PLUGIN_FAILED == (int)VIR_PLUGIN_STATUS_FAILED);


static void
virtplugAdminMakePlugin(virtplug_admin_plugin *dest,
                        const virPluginStatus *status)
{
    size_t nschemes = MIN(g_strv_length(status->schemes),
                          VIRTPLUG_ADMIN_SCHEME_LIST_MAX);
    size_t i;

    dest->name = g_strdup(status->name);
    dest->plugin_version = g_strdup(status->version);
    dest->abi_major = status->abiMajor;
    dest->abi_minor = status->abiMinor;
    dest->schemes.schemes_val = g_new0(admin_nonnull_string, MAX(nschemes, 1));
    for (i = 0; i < nschemes; i++)
        dest->schemes.schemes_val[i] = g_strdup(status->schemes[i]);
    dest->schemes.schemes_len = nschemes;
    dest->kinds = status->kinds;
    dest->path = g_strdup(status->path);
    dest->state = (virtplug_admin_plugin_state)status->state;
    if (status->reason) {
        dest->reason = g_new0(admin_nonnull_string, 1);
        *dest->reason = g_strdup(status->reason);
    }
}


static int
virtplugAdminDispatchConnectListPlugins(virNetServerClient *client G_GNUC_UNUSED,
                                        const virNetMessageHeader *hdr G_GNUC_UNUSED,
                                        void *args, void *ret)
{
    virtplug_admin_connect_list_plugins_args *a = args;
    virtplug_admin_connect_list_plugins_ret *r = ret;
    g_autoptr(GPtrArray) list = NULL;
    size_t n;
    size_t i;

    if (a->flags) {
        virReportInvalidFlags(__func__, a->flags);
        return -1;
    }
    list = virPluginStatusList();
    if (list->len > VIRTPLUG_ADMIN_PLUGIN_LIST_MAX) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("too many plugins to list: %1$u, at most %2$d"),
                       list->len, VIRTPLUG_ADMIN_PLUGIN_LIST_MAX);
        return -1;
    }
    n = list->len;
    r->plugins.plugins_val = g_new0(virtplug_admin_plugin, MAX(n, 1));
    for (i = 0; i < n; i++)
        virtplugAdminMakePlugin(&r->plugins.plugins_val[i], list->pdata[i]);
    r->plugins.plugins_len = n;
    return 0;
}


static const virNetServerProcedure virtplugAdminProcedures[] = {
    [VIRTPLUG_ADMIN_PROC_CONNECT_LIST_PLUGINS] = {
        virtplugAdminDispatchConnectListPlugins,
        VIR_XDRPROC(xdr_virtplug_admin_connect_list_plugins_args),
        sizeof(virtplug_admin_connect_list_plugins_args),
        VIR_XDRPROC(xdr_virtplug_admin_connect_list_plugins_ret),
        sizeof(virtplug_admin_connect_list_plugins_ret),
    },
};

const virNetServerProgram virtplugAdminProgram = {
    .prog = VIRTPLUG_ADMIN_PROGRAM,
    .vers = VIRTPLUG_ADMIN_PROTOCOL_VERSION,
    .procs = virtplugAdminProcedures,
    .nprocs = G_N_ELEMENTS(virtplugAdminProcedures),
};
