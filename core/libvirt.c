/*
 * libvirt.c: library initialisation and opening and closing connections
 *
 * A URI is routed to the plugin that declares its scheme; a URI with a
 * transport (qemu+ssh://) or one naming a server that the scheme's plugin
 * does not serve itself goes to the remote plugin, as libvirt's client
 * library sends such URIs to its remote driver.  So does a local URI
 * (qemu:///system) whose scheme no installed plugin serves, or whose
 * plugin declines it in this process: the daemon serves it instead.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "internal.h"
#include "datatypes.h"
#include "virplugin.h"
#include "virerror.h"
#include "virlog.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
virInitialize(void)
{
    static gsize initialized;

    if (g_once_init_enter(&initialized)) {
        virLogSetFromEnv();
        g_once_init_leave(&initialized, 1);
    }
    return 0;
}


int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virInitialize();
    virResetLastError();
    if (libVer)
        *libVer = VIRTPLUG_LIBVIRT_VERSION;
    /* libvirt answers its own version for every driver type it knows. */
    if (typeVer)
        *typeVer = VIRTPLUG_LIBVIRT_VERSION;
    (void)type;
    return 0;
}


/* ---- the default authentication callback ---- */

static int
virConnectAuthReadLine(const char *prompt, bool echo, char **result)
{
    struct termios old;
    struct termios quiet;
    bool restore = false;
    char buf[1024];
    char *ok;

    if (!isatty(STDIN_FILENO))
        return -1;
    fprintf(stdout, "%s: ", prompt);
    fflush(stdout);
    if (!echo && tcgetattr(STDIN_FILENO, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~ECHO;
        restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ok = fgets(buf, sizeof(buf), stdin);
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stdout);
    }
    if (!ok)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    *result = g_strdup(buf);
    return 0;
}

static int
virConnectAuthCallbackDefault(virConnectCredentialPtr cred,
                              unsigned int ncred,
                              void *cbdata G_GNUC_UNUSED)
{
    size_t i;

    for (i = 0; i < ncred; i++) {
        char *answer = NULL;
        bool echo = cred[i].type == VIR_CRED_AUTHNAME ||
                    cred[i].type == VIR_CRED_ECHOPROMPT ||
                    cred[i].type == VIR_CRED_REALM ||
                    cred[i].type == VIR_CRED_LANGUAGE ||
                    cred[i].type == VIR_CRED_CNONCE;

        if (cred[i].type == VIR_CRED_EXTERNAL)
            return -1;
        if (virConnectAuthReadLine(cred[i].prompt, echo, &answer) < 0)
            return -1;
        if (!*answer && cred[i].defresult) {
            g_free(answer);
            answer = g_strdup(cred[i].defresult);
        }
        cred[i].result = answer;
        cred[i].resultlen = strlen(answer);
    }
    return 0;
}

static int virConnectCredTypeDefault[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_NOECHOPROMPT,
    VIR_CRED_EXTERNAL,
};

static virConnectAuth virConnectAuthDefault = {
    virConnectCredTypeDefault,
    G_N_ELEMENTS(virConnectCredTypeDefault),
    virConnectAuthCallbackDefault,
    NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &virConnectAuthDefault;


/* ---- opening ---- */

/* The URI used when the application passes NULL: libvirt reads
 * LIBVIRT_DEFAULT_URI, then falls back to the local system or session
 * hypervisor, which configure chooses (--with-default-uri-*). */
static char *
virConnectDefaultURI(void)
{
    const char *env = g_getenv("VIRTPLUG_DEFAULT_URI");

    if (!env || !*env)
        env = g_getenv("LIBVIRT_DEFAULT_URI");
    if (env && *env)
        return g_strdup(env);
    return g_strdup(geteuid() == 0 ? VIRTPLUG_DEFAULT_URI_SYSTEM
                                   : VIRTPLUG_DEFAULT_URI_SESSION);
}


static void
virConnectReportNoPlugin(const char *name, const char *scheme,
                         virPlugin *refused)
{
    g_autofree char *dirs = virPluginSearchPathString();
    g_autofree char *message = NULL;

    if (refused)
        message = g_strdup_printf(_("no plugin serves URI '%1$s': the plugin for scheme '%2$s' was refused: %3$s"),
                                  name, scheme, refused->refusal);
    else
        message = g_strdup_printf(_("no plugin serves URI '%1$s': install the plugin that provides scheme '%2$s' (looked in %3$s)"),
                                  name, scheme, dirs);
    virRaiseErrorFull(__FILE__, __func__, __LINE__, VIR_FROM_NONE,
                      VIR_ERR_NO_CONNECT, VIR_ERR_ERROR, name, NULL, NULL,
                      0, 0, message);
}


static virPlugin *
virConnectFindRemote(void)
{
    virPlugin *remote = virPluginFindRemote();

    if (remote && virPluginEnsureRegistered(remote) < 0)
        return NULL;
    return remote;
}


/* Pick the plugin for @uri, as described at the top of this file.
 * *@local says that the scheme's own plugin was picked for a URI naming
 * no server: the remote plugin is tried if that plugin declines. */
static virPlugin *
virConnectFindPlugin(const char *name, const virURI *uri, bool *local)
{
    g_autofree char *scheme = virURIGetDriverScheme(uri);
    g_autofree char *transport = virURIGetTransport(uri);
    virPlugin *refused = NULL;
    virPlugin *plugin = NULL;
    virPlugin *remote;

    *local = false;
    if (!transport)
        plugin = virPluginFindForScheme(scheme, &refused);

    if (plugin) {
        if (virPluginEnsureRegistered(plugin) < 0)
            return NULL;
        if (!uri->server) {
            *local = !(plugin->desc->kinds & VIRTPLUG_KIND_REMOTE);
            return plugin;
        }
        if (!plugin->connectDriver->localOnly)
            return plugin;
    }

    /* A refused plugin is reported rather than silently bypassed: the
     * user installed it for this scheme and wants to know why it fails. */
    if (transport || uri->server || !refused) {
        if ((remote = virConnectFindRemote()))
            return remote;
        if (virGetLastErrorCode() != VIR_ERR_OK)
            return NULL;
    }

    virConnectReportNoPlugin(name, scheme, refused);
    return NULL;
}


static void
virConnectUsePlugin(virConnectPtr conn, virPlugin *plugin)
{
    conn->plugin = plugin;
    conn->hypervisorDriver = plugin->hypervisorDriver;
    conn->networkDriver = plugin->networkDriver;
    conn->storageDriver = plugin->storageDriver;
    conn->secretDriver = plugin->secretDriver;
    conn->nodeDeviceDriver = plugin->nodeDeviceDriver;
    conn->interfaceDriver = plugin->interfaceDriver;
    conn->nwfilterDriver = plugin->nwfilterDriver;
}


static virConnectPtr
virConnectNew(virURI *uri, const char *name, unsigned int flags)
{
    virConnectPtr conn = g_new0(virConnect, 1);

    conn->refs = 1;
    conn->flags = flags;
    conn->uri = uri;
    conn->uriString = g_strdup(name);
    g_mutex_init(&conn->lock);
    return conn;
}


static void
virConnectDispose(virConnectPtr conn)
{
    if (conn->closeFreeCallback)
        conn->closeFreeCallback(conn->closeOpaque);
    virErrorClear(&conn->err);
    virURIFree(conn->uri);
    g_free(conn->uriString);
    g_mutex_clear(&conn->lock);
    g_free(conn);
}


static virConnectPtr
virConnectOpenInternal(const char *name, virConnectAuthPtr auth,
                       unsigned int flags)
{
    g_autofree char *defaultName = NULL;
    g_autoptr(virURI) uri = NULL;
    virConnectPtr conn;
    virPlugin *plugin;
    virPlugin *fallback;
    virDrvOpenStatus status;
    bool local;

    if (virInitialize() < 0)
        return NULL;

    if (!name || !*name)
        name = defaultName = virConnectDefaultURI();
    VIR_DEBUG("name=%s, flags=0x%x", name, flags);

    if (!(uri = virURIParse(name)))
        return NULL;
    if (!uri->scheme || !*uri->scheme) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("URI '%1$s' has no scheme"), name);
        return NULL;
    }
    if (!(plugin = virConnectFindPlugin(name, uri, &local)))
        return NULL;

    conn = virConnectNew(g_steal_pointer(&uri), name, flags);
    virConnectUsePlugin(conn, plugin);

    if (!conn->hypervisorDriver->connectOpen) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("plugin '%1$s' has no connectOpen"), plugin->path);
        virConnectDispose(conn);
        return NULL;
    }

    status = conn->hypervisorDriver->connectOpen(conn, auth, flags);
    /* libvirt's client hands a URI its local drivers decline (qemu:///system
     * outside the daemon) to its remote driver, hence to the daemon. */
    if (status == VIR_DRV_OPEN_DECLINED && local &&
        virGetLastErrorCode() == VIR_ERR_OK &&
        (fallback = virConnectFindRemote()) &&
        fallback->hypervisorDriver->connectOpen) {
        virConnectUsePlugin(conn, fallback);
        status = conn->hypervisorDriver->connectOpen(conn, auth, flags);
    }
    if (status == VIR_DRV_OPEN_DECLINED) {
        g_autofree char *scheme = virURIGetDriverScheme(conn->uri);

        if (virGetLastErrorCode() == VIR_ERR_OK)
            virConnectReportNoPlugin(name, scheme, NULL);
        virConnectDispose(conn);
        return NULL;
    }
    if (status != VIR_DRV_OPEN_SUCCESS) {
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportError(VIR_ERR_NO_CONNECT, "%s", name);
        virConnectDispose(conn);
        return NULL;
    }
    return conn;
}


virConnectPtr
virConnectOpen(const char *name)
{
    virConnectPtr conn;

    virResetLastError();
    if (!(conn = virConnectOpenInternal(name, NULL, 0)))
        virDispatchError(NULL);
    return conn;
}


virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    virConnectPtr conn;

    virResetLastError();
    if (!(conn = virConnectOpenInternal(name, NULL, VIR_CONNECT_RO)))
        virDispatchError(NULL);
    return conn;
}


virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                   unsigned int flags)
{
    virConnectPtr conn;

    virResetLastError();
    virCheckFlagsGoto(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, error);
    if ((conn = virConnectOpenInternal(name, auth, flags)))
        return conn;

 error:
    virDispatchError(NULL);
    return NULL;
}


/* ---- references and closing ---- */

virConnectPtr
virConnectRefInternal(virConnectPtr conn)
{
    g_atomic_int_inc(&conn->refs);
    return conn;
}


/* The driver is closed when the last reference goes, which may be a
 * domain object freed after virConnectClose(): libvirt behaves the same. */
void
virConnectUnrefInternal(virConnectPtr conn)
{
    if (!g_atomic_int_dec_and_test(&conn->refs))
        return;
    if (conn->hypervisorDriver->connectClose)
        conn->hypervisorDriver->connectClose(conn);
    virConnectDispose(conn);
}


int
virConnectRef(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnectObject(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&conn->refs);
    return 0;
}


int
virConnectClose(virConnectPtr conn)
{
    int remaining;

    virResetLastError();
    if (!virCheckConnectObject(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    /* libvirt returns the number of references left, 0 once closed. */
    remaining = g_atomic_int_get(&conn->refs) - 1;
    virConnectUnrefInternal(conn);
    return remaining;
}


char *
virConnectGetURI(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnectObject(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return g_strdup(conn->uriString);
}


int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    virResetLastError();
    if (!virCheckConnectObject(conn, __func__))
        goto error;
    if (!libVer) {
        virReportInvalidNullArg(libVer);
        goto error;
    }
    /* A remote connection answers the server's version. */
    if (conn->hypervisorDriver->connectGetLibVersion) {
        if (conn->hypervisorDriver->connectGetLibVersion(conn, libVer) < 0)
            goto error;
        return 0;
    }
    *libVer = VIRTPLUG_LIBVIRT_VERSION;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                void *opaque, virFreeCallback freecb)
{
    virResetLastError();
    if (!virCheckConnectObject(conn, __func__))
        goto error;
    if (!cb) {
        virReportInvalidNullArg(cb);
        goto error;
    }
    g_mutex_lock(&conn->lock);
    if (conn->closeCallback) {
        g_mutex_unlock(&conn->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A close callback is already registered"));
        goto error;
    }
    conn->closeCallback = cb;
    conn->closeOpaque = opaque;
    conn->closeFreeCallback = freecb;
    g_mutex_unlock(&conn->lock);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    virResetLastError();
    if (!virCheckConnectObject(conn, __func__))
        goto error;
    g_mutex_lock(&conn->lock);
    if (conn->closeCallback != cb) {
        g_mutex_unlock(&conn->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A different callback was requested"));
        goto error;
    }
    if (conn->closeFreeCallback)
        conn->closeFreeCallback(conn->closeOpaque);
    conn->closeCallback = NULL;
    conn->closeOpaque = NULL;
    conn->closeFreeCallback = NULL;
    g_mutex_unlock(&conn->lock);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


/* ---- SDK accessors ---- */

void
virConnectSetPrivateData(virConnectPtr conn, void *data)
{
    conn->privateData = data;
}

void *
virConnectGetPrivateData(virConnectPtr conn)
{
    return conn->privateData;
}

const virURI *
virConnectGetParsedURI(virConnectPtr conn)
{
    return conn->uri;
}

unsigned int
virConnectGetOpenFlags(virConnectPtr conn)
{
    return conn->flags;
}

const virQemuDriver *
virConnectGetQemuDriver(virConnectPtr conn)
{
    return conn && conn->plugin ? conn->plugin->qemuDriver : NULL;
}
