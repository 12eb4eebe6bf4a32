/*
 * virsh-qemu.c: qemu-monitor-command, QEMU's monitor reached through
 * libvirt-qemu.so
 *
 * The JSON is written the way virsh writes it (two-space indentation,
 * "key": value, an empty object or array opened and closed on lines of
 * their own), since scripts and tests compare it as text.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include <json.h>

#include <libvirt/libvirt-qemu.h>

#include "virsh-domain.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_tokener, json_tokener_free);

static void virshJSONFormat(GString *out, json_object *obj, bool pretty,
                            int level);

static void
virshJSONIndent(GString *out, bool pretty, int level)
{
    if (pretty)
        g_string_append_printf(out, "\n%*s", level * 2, "");
}


static void
virshJSONString(GString *out, const char *str, size_t len)
{
    size_t i;

    g_string_append_c(out, '"');
    for (i = 0; i < len; i++) {
        unsigned char c = str[i];

        switch (c) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\b': g_string_append(out, "\\b"); break;
        case '\f': g_string_append(out, "\\f"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (c < 0x20)
                g_string_append_printf(out, "\\u%04x", c);
            else
                g_string_append_c(out, c);
        }
    }
    g_string_append_c(out, '"');
}


/* An object or array: members one per line when pretty; an empty one
 * as an opening line, a blank line and a closing line. */
static void
virshJSONContainer(GString *out, json_object *obj, bool pretty, int level)
{
    bool isObject = json_object_is_type(obj, json_type_object);
    size_t n = isObject ? (size_t)json_object_object_length(obj)
                        : json_object_array_length(obj);
    size_t i = 0;

    g_string_append_c(out, isObject ? '{' : '[');
    if (n == 0 && pretty)
        g_string_append_c(out, '\n');

    if (isObject) {
        json_object_object_foreach(obj, key, val) {
            if (i++)
                g_string_append_c(out, ',');
            virshJSONIndent(out, pretty, level + 1);
            virshJSONString(out, key, strlen(key));
            g_string_append(out, pretty ? ": " : ":");
            virshJSONFormat(out, val, pretty, level + 1);
        }
    } else {
        for (i = 0; i < n; i++) {
            if (i)
                g_string_append_c(out, ',');
            virshJSONIndent(out, pretty, level + 1);
            virshJSONFormat(out, json_object_array_get_idx(obj, i), pretty,
                            level + 1);
        }
    }

    virshJSONIndent(out, pretty, level);
    g_string_append_c(out, isObject ? '}' : ']');
}


static void
virshJSONFormat(GString *out, json_object *obj, bool pretty, int level)
{
    switch (json_object_get_type(obj)) {
    case json_type_null:
        g_string_append(out, "null");
        break;
    case json_type_object:
    case json_type_array:
        virshJSONContainer(out, obj, pretty, level);
        break;
    case json_type_string:
        virshJSONString(out, json_object_get_string(obj),
                        json_object_get_string_len(obj));
        break;
    case json_type_boolean:
    case json_type_int:
    case json_type_double:
        /* json-c keeps a number's text as it was parsed. */
        g_string_append(out, json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
        break;
    }
}


/* Parse @text; NULL with *@err set to json-c's reason. */
static json_object *
virshJSONParse(const char *text, const char **err)
{
    g_autoptr(json_tokener) tok = json_tokener_new();
    json_object *obj = json_tokener_parse_ex(tok, text, strlen(text) + 1);

    if (!obj || json_tokener_get_error(tok) != json_tokener_success) {
        *err = json_tokener_error_desc(json_tokener_get_error(tok));
        json_object_put(obj);
        return NULL;
    }
    return obj;
}


/* The words of --cmd as QMP: one word that is a JSON object is sent as
 * it is; otherwise the first word names the command and the rest, if
 * any, are the members of its arguments object. */
static char *
virshQemuCommandText(vshControl *ctl, const vshCmd *cmd, bool hmp)
{
    g_autoptr(GString) words = g_string_new(NULL);
    g_autoptr(GString) wrapped = NULL;
    const vshCmdOpt *opt = NULL;
    const char *name = NULL;
    const char *err = NULL;
    bool hasArgs = false;
    json_object *obj;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (words->len)
            g_string_append_c(words, ' ');
        g_string_append(words, opt->data);
        if (name)
            hasArgs = true;
        else
            name = opt->data;
    }
    if (hmp || !name || (!hasArgs && name[0] == '{'))
        return g_string_free(g_steal_pointer(&words), FALSE);

    wrapped = g_string_new("{\"execute\":");
    virshJSONString(wrapped, name, strlen(name));
    if (hasArgs) {
        g_autofree char *rest = g_strdup(words->str + strlen(name) + 1);
        g_autofree char *object = g_strdup_printf("{%s}", rest);

        if (!(obj = virshJSONParse(object, &err))) {
            vshError(ctl, "failed to wrap arguments '%s' into a QMP command wrapper",
                     rest);
            vshSetPendingError("internal error: cannot parse json %s: %s", object, err);
            return NULL;
        }
        g_string_append(wrapped, ",\"arguments\":");
        virshJSONFormat(wrapped, obj, false, 0);
        json_object_put(obj);
    }
    g_string_append_c(wrapped, '}');
    return g_string_free(g_steal_pointer(&wrapped), FALSE);
}


/* --pretty and --return-value: the reply reformatted, or its "return"
 * member alone.  NULL after reporting. */
static char *
virshQemuFormatReply(vshControl *ctl, const char *reply, bool pretty,
                     bool returnValue)
{
    g_autoptr(GString) out = g_string_new(NULL);
    json_object *obj;
    json_object *val = NULL;
    const char *err = NULL;

    if (!(obj = virshJSONParse(reply, &err))) {
        vshError(ctl, "%s", "failed to parse JSON returned by qemu");
        return NULL;
    }
    val = obj;
    if (returnValue && !json_object_object_get_ex(obj, "return", &val)) {
        vshError(ctl, "%s", "'return' member missing");
        json_object_put(obj);
        return NULL;
    }
    virshJSONFormat(out, val, pretty, 0);
    json_object_put(obj);
    return g_string_free(g_steal_pointer(&out), FALSE);
}


const vshCmdOptDef virshOptsQemuMonitorCommand[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "hmp",
     .type = VSH_OT_BOOL,
     .help = "the command is for the human monitor"},
    {.name = "pretty",
     .type = VSH_OT_BOOL,
     .help = "indent the JSON reply"},
    {.name = "return-value",
     .type = VSH_OT_BOOL,
     .help = "print only the 'return' member of the reply"},
    {.name = "pass-fds",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_EMPTY_OK | VSH_OFLAG_REQ_OPT,
     .help = "comma-separated numbers of open descriptors to send along"},
    {.name = "cmd",
     .type = VSH_OT_ARGV,
     .flags = VSH_OFLAG_REQ,
     .help = "the command"},
    {.name = NULL}
};

bool
virshCmdQemuMonitorCommand(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virshDomain) dom = NULL;
    g_autofree char *text = NULL;
    g_autofree char *reply = NULL;
    g_autofree char *formatted = NULL;
    g_autofree int *fds = NULL;
    g_autofree int *fdsOut = NULL;
    bool hmp = vshCommandOptBool(cmd, "hmp");
    bool pretty = vshCommandOptBool(cmd, "pretty");
    bool returnValue = vshCommandOptBool(cmd, "return-value");
    unsigned int flags = 0;
    unsigned int nfdsOut = 0;
    int nfds;

    VSH_EXCLUSIVE_OPTIONS("hmp", "pretty");
    VSH_EXCLUSIVE_OPTIONS("hmp", "return-value");

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((nfds = virshCommandOptFDs(ctl, cmd, &fds)) < 0)
        return false;
    if (!(text = virshQemuCommandText(ctl, cmd, hmp)))
        return false;
    if (hmp)
        flags |= VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP;

    if (nfds > 0) {
        if (virDomainQemuMonitorCommandWithFiles(dom, text, nfds, fds,
                                                 &nfdsOut, &fdsOut,
                                                 &reply, flags) < 0)
            return false;
        /* virsh has no use for descriptors QEMU sends back. */
        while (nfdsOut > 0)
            close(fdsOut[--nfdsOut]);
    } else if (virDomainQemuMonitorCommand(dom, text, &reply, flags) < 0) {
        return false;
    }

    if (!pretty && !returnValue) {
        vshPrint(ctl, "%s\n", reply);
        return true;
    }
    if (!(formatted = virshQemuFormatReply(ctl, reply, pretty, returnValue)))
        return false;
    vshPrint(ctl, "%s", formatted);
    return true;
}
