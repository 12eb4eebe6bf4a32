/*
 * virtplugd_config.c: virtplugd's configuration file
 *
 * Unknown keys are refused by name (a typo must not silently fall back
 * to a default that opens the daemon wider), except libvirtd keys that
 * have no meaning here yet, which are accepted and ignored so a stock
 * libvirtd.conf loads.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdlib.h>

#include "internal.h"
#include "virtplugd_config.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_CONF

typedef enum {
    VIRTPLUGD_VALUE_STRING,
    VIRTPLUGD_VALUE_INT,
    VIRTPLUGD_VALUE_LIST,
} virtplugdValueType;

typedef struct _virtplugdValue virtplugdValue;
struct _virtplugdValue {
    virtplugdValueType type;
    char *str;                          /* STRING: unquoted */
    long long num;                      /* INT */
};

/* libvirtd.conf keys accepted and ignored. */
static const char *const virtplugdIgnoredKeys[] = {
    "listen_addr6", "mdns_adv", "mdns_name",
    "auth_tls", "access_drivers", "tls_no_sanity_certificate",
    "tls_allowed_dn_list", "sasl_allowed_username_list",
    "min_workers", "prio_workers", "max_queued_clients",
    "admin_min_workers", "admin_max_queued_clients", "log_filters",
    "log_outputs", "audit_level", "audit_logging", "host_uuid",
    "host_uuid_source", "keepalive_required", "admin_keepalive_required",
    "ovs_timeout", "tcp_min_ssf", "unix_sock_rw_perms_admin",
    NULL,
};


/**
 * virtplugdConfigNew:
 * @privileged: whether the daemon runs as root; no default depends on it
 *              yet, libvirtd's polkit-dependent ones do
 *
 * Returns the defaults, those of libvirtd 9.0 where a key is shared.
 */
virtplugdConfig *
virtplugdConfigNew(bool privileged G_GNUC_UNUSED)
{
    virtplugdConfig *cfg = g_new0(virtplugdConfig, 1);

    cfg->listenTLS = true;
    cfg->tcpPort = g_strdup("16509");
    cfg->tlsPort = g_strdup("16514");
    cfg->unixSockRWPerms = 0700;
    cfg->unixSockROPerms = 0777;
    cfg->maxClients = 5000;
    cfg->maxWorkers = 20;
    cfg->maxClientRequests = 5;
    cfg->keepaliveInterval = 5;
    cfg->keepaliveCount = 5;
    cfg->unixSockAdminPerms = 0700;
    cfg->maxAnonymousClients = 20;
    cfg->adminMaxWorkers = 5;
    cfg->adminMaxClients = 5;
    cfg->adminMaxClientRequests = 5;
    cfg->adminKeepaliveInterval = 5;
    cfg->adminKeepaliveCount = 5;
    return cfg;
}


/**
 * virtplugdConfigFree:
 * @cfg: a configuration, or NULL
 */
void
virtplugdConfigFree(virtplugdConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->listenAddr);
    g_free(cfg->tcpPort);
    g_free(cfg->tlsPort);
    g_free(cfg->keyFile);
    g_free(cfg->certFile);
    g_free(cfg->caFile);
    g_free(cfg->crlFile);
    g_free(cfg->tlsPriority);
    g_free(cfg->unixSockDir);
    g_free(cfg->unixSockGroup);
    g_free(cfg->authUnixRW);
    g_free(cfg->authUnixRO);
    g_free(cfg->authTCP);
    g_free(cfg);
}


static int
virtplugdConfigParseValue(const char *path, int line, const char *text,
                          virtplugdValue *value)
{
    char *end;

    if (*text == '"') {
        const char *close = strchr(text + 1, '"');

        if (!close) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: unterminated string"), path, line);
            return -1;
        }
        value->type = VIRTPLUGD_VALUE_STRING;
        value->str = g_strndup(text + 1, close - text - 1);
        text = close + 1;
    } else if (*text == '[') {
        /* Lists (tls_allowed_dn_list ...) only feed ignored keys. */
        value->type = VIRTPLUGD_VALUE_LIST;
        if (!(text = strchr(text, ']'))) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: a list must end on its line"),
                           path, line);
            return -1;
        }
        text++;
    } else {
        errno = 0;
        value->num = strtoll(text, &end, 0);
        if (end == text || errno != 0) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: expected a number or a string"),
                           path, line);
            return -1;
        }
        value->type = VIRTPLUGD_VALUE_INT;
        text = end;
    }
    while (g_ascii_isspace(*text))
        text++;
    if (*text && *text != '#') {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: unexpected '%3$s' after the value"),
                       path, line, text);
        return -1;
    }
    return 0;
}


static int
virtplugdConfigExpect(const char *path, const char *key,
                      const virtplugdValue *value, virtplugdValueType type)
{
    if (value->type != type) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s: key '%2$s' expects %3$s"), path, key,
                       type == VIRTPLUGD_VALUE_INT ? _("a number") : _("a string"));
        return -1;
    }
    return 0;
}


static int
virtplugdConfigSetString(const char *path, const char *key,
                         virtplugdValue *value, char **dest)
{
    if (virtplugdConfigExpect(path, key, value, VIRTPLUGD_VALUE_STRING) < 0)
        return -1;
    g_free(*dest);
    *dest = g_steal_pointer(&value->str);
    return 0;
}


static int
virtplugdConfigSetPerms(const char *path, const char *key,
                        virtplugdValue *value, unsigned int *dest)
{
    char *end;
    unsigned long perms;

    if (virtplugdConfigExpect(path, key, value, VIRTPLUGD_VALUE_STRING) < 0)
        return -1;
    perms = strtoul(value->str, &end, 8);
    if (!*value->str || *end || perms > 0777) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s: key '%2$s' expects octal permissions, not '%3$s'"),
                       path, key, value->str);
        return -1;
    }
    *dest = perms;
    return 0;
}


static int
virtplugdConfigSetKey(virtplugdConfig *cfg, const char *path,
                      const char *key, virtplugdValue *value)
{
    struct {
        const char *key;
        unsigned int *dest;
    } uints[] = {
        { "max_clients", &cfg->maxClients },
        { "max_workers", &cfg->maxWorkers },
        { "max_client_requests", &cfg->maxClientRequests },
        { "keepalive_count", &cfg->keepaliveCount },
        { "max_anonymous_clients", &cfg->maxAnonymousClients },
        { "admin_max_workers", &cfg->adminMaxWorkers },
        { "admin_max_clients", &cfg->adminMaxClients },
        { "admin_max_client_requests", &cfg->adminMaxClientRequests },
        { "admin_keepalive_count", &cfg->adminKeepaliveCount },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(uints); i++) {
        if (STREQ(key, uints[i].key)) {
            if (virtplugdConfigExpect(path, key, value, VIRTPLUGD_VALUE_INT) < 0)
                return -1;
            if (value->num < 0 || value->num > G_MAXINT) {
                virReportError(VIR_ERR_CONF_SYNTAX,
                               _("%1$s: key '%2$s' out of range"), path, key);
                return -1;
            }
            *uints[i].dest = value->num;
            return 0;
        }
    }
    if (STREQ(key, "listen_tcp") || STREQ(key, "listen_tls") ||
        STREQ(key, "tls_no_verify_certificate") ||
        STREQ(key, "keepalive_interval") ||
        STREQ(key, "admin_keepalive_interval") || STREQ(key, "log_level")) {
        if (virtplugdConfigExpect(path, key, value, VIRTPLUGD_VALUE_INT) < 0)
            return -1;
        if (STREQ(key, "listen_tcp"))
            cfg->listenTCP = value->num != 0;
        else if (STREQ(key, "listen_tls"))
            cfg->listenTLS = value->num != 0;
        else if (STREQ(key, "tls_no_verify_certificate"))
            cfg->tlsNoVerifyCertificate = value->num != 0;
        else if (STREQ(key, "keepalive_interval"))
            cfg->keepaliveInterval = value->num;
        else if (STREQ(key, "admin_keepalive_interval"))
            cfg->adminKeepaliveInterval = value->num;
        else
            cfg->logLevel = value->num;
        return 0;
    }
    if (STREQ(key, "listen_addr"))
        return virtplugdConfigSetString(path, key, value, &cfg->listenAddr);
    if (STREQ(key, "tcp_port"))
        return virtplugdConfigSetString(path, key, value, &cfg->tcpPort);
    if (STREQ(key, "tls_port"))
        return virtplugdConfigSetString(path, key, value, &cfg->tlsPort);
    if (STREQ(key, "key_file"))
        return virtplugdConfigSetString(path, key, value, &cfg->keyFile);
    if (STREQ(key, "cert_file"))
        return virtplugdConfigSetString(path, key, value, &cfg->certFile);
    if (STREQ(key, "ca_file"))
        return virtplugdConfigSetString(path, key, value, &cfg->caFile);
    if (STREQ(key, "crl_file"))
        return virtplugdConfigSetString(path, key, value, &cfg->crlFile);
    if (STREQ(key, "tls_priority"))
        return virtplugdConfigSetString(path, key, value, &cfg->tlsPriority);
    if (STREQ(key, "unix_sock_dir"))
        return virtplugdConfigSetString(path, key, value, &cfg->unixSockDir);
    if (STREQ(key, "unix_sock_group"))
        return virtplugdConfigSetString(path, key, value, &cfg->unixSockGroup);
    if (STREQ(key, "auth_unix_rw"))
        return virtplugdConfigSetString(path, key, value, &cfg->authUnixRW);
    if (STREQ(key, "auth_unix_ro"))
        return virtplugdConfigSetString(path, key, value, &cfg->authUnixRO);
    if (STREQ(key, "auth_tcp"))
        return virtplugdConfigSetString(path, key, value, &cfg->authTCP);
    if (STREQ(key, "unix_sock_rw_perms"))
        return virtplugdConfigSetPerms(path, key, value, &cfg->unixSockRWPerms);
    if (STREQ(key, "unix_sock_ro_perms"))
        return virtplugdConfigSetPerms(path, key, value, &cfg->unixSockROPerms);
    if (STREQ(key, "unix_sock_admin_perms"))
        return virtplugdConfigSetPerms(path, key, value, &cfg->unixSockAdminPerms);
    if (g_strv_contains(virtplugdIgnoredKeys, key))
        return 0;
    virReportError(VIR_ERR_CONF_SYNTAX, _("%1$s: unknown key '%2$s'"),
                   path, key);
    return -1;
}


/**
 * virtplugdConfigLoadData:
 * @cfg: the configuration to update
 * @path: the file name, for messages
 * @data: the file's contents
 *
 * Returns 0, or -1 with VIR_ERR_CONF_SYNTAX naming the file, the line
 * and the fault.
 */
int
virtplugdConfigLoadData(virtplugdConfig *cfg, const char *path,
                        const char *data)
{
    g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_autofree char *key = NULL;
        virtplugdValue value = { 0 };
        char *text = g_strstrip(lines[i]);
        char *eq;
        int rc;

        if (!*text || *text == '#')
            continue;
        if (!(eq = strchr(text, '='))) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$zu: expected KEY = VALUE"), path, i + 1);
            return -1;
        }
        *eq = '\0';
        key = g_strdup(g_strstrip(text));
        rc = virtplugdConfigParseValue(path, i + 1, g_strchug(eq + 1), &value);
        if (rc == 0)
            rc = virtplugdConfigSetKey(cfg, path, key, &value);
        g_free(value.str);
        if (rc < 0)
            return -1;
    }
    return 0;
}


/**
 * virtplugdConfigLoadFile:
 * @cfg: the configuration to update
 * @path: the file
 *
 * Returns 0, or -1 with an error set.
 */
int
virtplugdConfigLoadFile(virtplugdConfig *cfg, const char *path)
{
    g_autofree char *data = NULL;

    if (virFileReadAll(path, 1024 * 1024, &data) < 0)
        return -1;
    return virtplugdConfigLoadData(cfg, path, data);
}
