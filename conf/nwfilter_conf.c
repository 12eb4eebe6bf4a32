/*
 * nwfilter_conf.c: parse and format network filter <filter> XML as
 * libvirt 9.0 does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <arpa/inet.h>

#include "internal.h"
#include "virerror.h"
#include "virbuffer.h"
#include "virstring.h"
#include "viruuid.h"
#include "virconfxml.h"
#include "nwfilter_conf.h"

#define VIR_FROM_THIS VIR_FROM_NWFILTER

VIR_ENUM_IMPL(virNWFilterAction, VIR_NWFILTER_ACTION_LAST,
    [VIR_NWFILTER_ACTION_DROP] = "drop",
    [VIR_NWFILTER_ACTION_ACCEPT] = "accept",
    [VIR_NWFILTER_ACTION_REJECT] = "reject",
    [VIR_NWFILTER_ACTION_RETURN] = "return",
    [VIR_NWFILTER_ACTION_CONTINUE] = "continue",
);

VIR_ENUM_IMPL(virNWFilterDirection, VIR_NWFILTER_DIRECTION_LAST,
    [VIR_NWFILTER_DIRECTION_IN] = "in",
    [VIR_NWFILTER_DIRECTION_OUT] = "out",
    [VIR_NWFILTER_DIRECTION_INOUT] = "inout",
);

#define VIR_NWFILTER_PRIORITY_MIN -1000
#define VIR_NWFILTER_PRIORITY_MAX 1000
#define VIR_NWFILTER_RULE_PRIORITY_DEFAULT 500
#define VIR_NWFILTER_COMMENT_MAX 256


/* ------------------------------------------------------------------ */
/* value types of the protocol attributes                              */
/* ------------------------------------------------------------------ */

/* How a literal of one type is written: a number in [min, max] (decimal
 * or 0x hex) when max > 0, text matching @pattern, or an address of
 * family @family; a $VARIABLE is taken where @variable says so. */
typedef struct {
    const char *what;               /* for messages */
    unsigned long long min;
    unsigned long long max;
    const char *pattern;            /* anchored by the checker */
    int family;                     /* AF_INET, AF_INET6 or 0 */
    bool variable;
} virNWFilterValueType;

static const virNWFilterValueType typeMAC = {
    "MAC address", 0, 0, "([a-fA-F0-9]{1,2}:){5}[a-fA-F0-9]{1,2}", 0, true };
static const virNWFilterValueType typeIPv4 = { "IPv4 address", 0, 0, NULL, AF_INET, true };
static const virNWFilterValueType typeIPv4Mask = { "IPv4 mask", 0, 32, NULL, AF_INET, true };
static const virNWFilterValueType typeIPv6 = { "IPv6 address", 0, 0, NULL, AF_INET6, true };
static const virNWFilterValueType typeIPv6Mask = { "IPv6 mask", 0, 128, NULL, AF_INET6, true };
static const virNWFilterValueType typeUInt8 = { "8-bit number", 0, 0xff, NULL, 0, true };
static const virNWFilterValueType typeUInt16 = { "16-bit number", 0, 0xffff, NULL, 0, true };
static const virNWFilterValueType typeUInt32 = { "32-bit number", 0, 0xffffffff, NULL, 0, true };
static const virNWFilterValueType typeSixBit = { "DSCP value", 0, 63, NULL, 0, true };
static const virNWFilterValueType typeVlanID = { "VLAN id", 0, 4095, NULL, 0, true };
static const virNWFilterValueType typeMacProto = {
    "layer 3 protocol", 0x600, 0xffff, "arp|rarp|ipv4|ipv6|vlan", 0, true };
static const virNWFilterValueType typeOpcode = {
    "ARP opcode", 0, 0xffff,
    "[Rr]eply|[Rr]equest|[Rr]equest_[Rr]everse|[Rr]eply_[Rr]everse|DRARP_[Rr]equest|"
    "DRARP_[Rr]eply|DRARP_[Ee]rror|InARP_[Rr]equest|ARP_NAK", 0, true };
static const virNWFilterValueType typeIPProto = {
    "IP protocol", 0, 0xff, "tcp|udp|udplite|esp|ah|icmp|igmp|sctp|icmpv6", 0, true };
static const virNWFilterValueType typeBool = {
    "boolean", 0, 0, "yes|no|true|false|1|0", 0, false };
static const virNWFilterValueType typeState = {
    "connection state", 0, 0,
    "(NEW|ESTABLISHED|RELATED|INVALID)(,(NEW|ESTABLISHED|RELATED|INVALID))*|NONE", 0, false };
static const virNWFilterValueType typeTCPFlags = {
    "TCP flags", 0, 0,
    "((SYN|ACK|URG|PSH|FIN|RST)(,(SYN|ACK|URG|PSH|FIN|RST))*|ALL|NONE)/"
    "((SYN|ACK|URG|PSH|FIN|RST)(,(SYN|ACK|URG|PSH|FIN|RST))*|ALL|NONE)", 0, false };
static const virNWFilterValueType typeIPSet = {
    "ipset name", 0, 0, "[a-zA-Z0-9_.:+ -]{1,31}", 0, true };
static const virNWFilterValueType typeIPSetFlags = {
    "ipset flags", 0, 0, "([Ss][Rr][Cc]|[Dd][Ss][Tt])(,([Ss][Rr][Cc]|[Dd][Ss][Tt])){0,5}", 0, false };
static const virNWFilterValueType typeComment = { "comment", 0, 0, NULL, 0, false };

#define VIR_NWFILTER_VARIABLE_PATTERN "\\$ *[a-zA-Z0-9_]+(\\[ *@?[0-9]+ *\\])? *"


static bool
virNWFilterMatches(const char *pattern, const char *str)
{
    g_autofree char *anchored = g_strdup_printf("^(?:%s)$", pattern);

    return g_regex_match_simple(anchored, str, 0, 0);
}


/* A number in decimal or 0x hex within the type's range */
static bool
virNWFilterNumberValid(const virNWFilterValueType *type, const char *str)
{
    unsigned long long val;
    int base = 10;

    if (STRPREFIX(str, "0x")) {
        str += 2;
        base = 16;
    }
    if (!(base == 16 ? g_ascii_isxdigit(*str) : g_ascii_isdigit(*str)) ||
        virStrToLong_ull(str, NULL, base, &val) < 0)
        return false;
    return val >= type->min && val <= type->max;
}


static bool
virNWFilterValueValid(const virNWFilterValueType *type, const char *str)
{
    unsigned char addr[sizeof(struct in6_addr)];

    if (type->variable && virNWFilterMatches(VIR_NWFILTER_VARIABLE_PATTERN, str))
        return true;
    if (type == &typeComment)
        return strlen(str) <= VIR_NWFILTER_COMMENT_MAX;
    if (type->max && virNWFilterNumberValid(type, str))
        return true;
    if (type->pattern && virNWFilterMatches(type->pattern, str))
        return true;
    return type->family && inet_pton(type->family, str, addr) == 1;
}


/* ------------------------------------------------------------------ */
/* protocol elements and the attributes each takes                     */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    const virNWFilterValueType *type;
} virNWFilterAttr;

#define ATTRS_END { NULL, NULL }

static const virNWFilterAttr attrsSrcMAC[] = {
    { "srcmacaddr", &typeMAC }, ATTRS_END };
static const virNWFilterAttr attrsSrcMACMask[] = {
    { "srcmacaddr", &typeMAC }, { "srcmacmask", &typeMAC }, ATTRS_END };
static const virNWFilterAttr attrsL2[] = {
    { "srcmacaddr", &typeMAC }, { "srcmacmask", &typeMAC },
    { "dstmacaddr", &typeMAC }, { "dstmacmask", &typeMAC }, ATTRS_END };
static const virNWFilterAttr attrsMAC[] = {
    { "protocolid", &typeMacProto }, ATTRS_END };
static const virNWFilterAttr attrsVLAN[] = {
    { "vlanid", &typeVlanID }, { "encap-protocol", &typeMacProto }, ATTRS_END };
static const virNWFilterAttr attrsSTP[] = {
    { "type", &typeUInt8 }, { "flags", &typeUInt8 },
    { "root-priority", &typeUInt16 }, { "root-priority-hi", &typeUInt16 },
    { "root-address", &typeMAC }, { "root-address-mask", &typeMAC },
    { "root-cost", &typeUInt32 }, { "root-cost-hi", &typeUInt32 },
    { "sender-priority", &typeUInt16 }, { "sender-priority-hi", &typeUInt16 },
    { "sender-address", &typeMAC }, { "sender-address-mask", &typeMAC },
    { "port", &typeUInt16 }, { "port-hi", &typeUInt16 },
    { "age", &typeUInt16 }, { "age-hi", &typeUInt16 },
    { "max-age", &typeUInt16 }, { "max-age-hi", &typeUInt16 },
    { "hello-time", &typeUInt16 }, { "hello-time-hi", &typeUInt16 },
    { "forward-delay", &typeUInt16 }, { "forward-delay-hi", &typeUInt16 },
    ATTRS_END };
static const virNWFilterAttr attrsARP[] = {
    { "hwtype", &typeUInt16 }, { "protocoltype", &typeUInt16 },
    { "opcode", &typeOpcode },
    { "arpsrcmacaddr", &typeMAC }, { "arpsrcipaddr", &typeIPv4 },
    { "arpdstmacaddr", &typeMAC }, { "arpdstipaddr", &typeIPv4 },
    { "gratuitous", &typeBool }, ATTRS_END };
static const virNWFilterAttr attrsIPv4P1[] = {
    { "srcipaddr", &typeIPv4 }, { "srcipmask", &typeIPv4Mask },
    { "dstipaddr", &typeIPv4 }, { "dstipmask", &typeIPv4Mask }, ATTRS_END };
static const virNWFilterAttr attrsIPv4P2[] = {
    { "srcipfrom", &typeIPv4 }, { "srcipto", &typeIPv4 },
    { "dstipfrom", &typeIPv4 }, { "dstipto", &typeIPv4 },
    { "dscp", &typeSixBit }, { "connlimit-above", &typeUInt16 },
    { "state", &typeState }, { "ipset", &typeIPSet },
    { "ipsetflags", &typeIPSetFlags }, ATTRS_END };
static const virNWFilterAttr attrsIPv6P1[] = {
    { "srcipaddr", &typeIPv6 }, { "srcipmask", &typeIPv6Mask },
    { "dstipaddr", &typeIPv6 }, { "dstipmask", &typeIPv6Mask }, ATTRS_END };
static const virNWFilterAttr attrsIPv6P2[] = {
    { "srcipfrom", &typeIPv6 }, { "srcipto", &typeIPv6 },
    { "dstipfrom", &typeIPv6 }, { "dstipto", &typeIPv6 },
    { "dscp", &typeSixBit }, ATTRS_END };
static const virNWFilterAttr attrsPorts[] = {
    { "srcportstart", &typeUInt16 }, { "srcportend", &typeUInt16 },
    { "dstportstart", &typeUInt16 }, { "dstportend", &typeUInt16 }, ATTRS_END };
static const virNWFilterAttr attrsIPProto[] = {
    { "protocol", &typeIPProto }, ATTRS_END };
static const virNWFilterAttr attrsDSCP[] = {
    { "dscp", &typeSixBit }, ATTRS_END };
static const virNWFilterAttr attrsICMPRanges[] = {
    { "type", &typeUInt8 }, { "typeend", &typeUInt8 },
    { "code", &typeUInt8 }, { "codeend", &typeUInt8 }, ATTRS_END };
static const virNWFilterAttr attrsICMP[] = {
    { "type", &typeUInt8 }, { "code", &typeUInt8 }, ATTRS_END };
static const virNWFilterAttr attrsTCP[] = {
    { "flags", &typeTCPFlags }, ATTRS_END };
static const virNWFilterAttr attrsComment[] = {
    { "comment", &typeComment }, ATTRS_END };

/* A protocol element: its attribute groups in the order libvirt
 * writes them; match='no' is handled apart, before them all. */
typedef struct {
    const char *name;
    const virNWFilterAttr *groups[7];
} virNWFilterProtocol;

static const virNWFilterProtocol virNWFilterProtocols[] = {
    { "mac", { attrsL2, attrsMAC, attrsComment } },
    { "vlan", { attrsL2, attrsVLAN, attrsComment } },
    { "stp", { attrsSrcMACMask, attrsSTP, attrsComment } },
    { "arp", { attrsL2, attrsARP, attrsComment } },
    { "rarp", { attrsL2, attrsARP, attrsComment } },
    { "ip", { attrsL2, attrsIPv4P1, attrsIPProto, attrsPorts, attrsDSCP, attrsComment } },
    { "ipv6", { attrsL2, attrsIPv6P1, attrsIPProto, attrsPorts, attrsICMPRanges, attrsComment } },
    { "tcp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsPorts, attrsTCP, attrsComment } },
    { "udp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsPorts, attrsComment } },
    { "sctp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsPorts, attrsComment } },
    { "icmp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsICMP, attrsComment } },
    { "igmp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsComment } },
    { "all", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsComment } },
    { "esp", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsComment } },
    { "ah", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsComment } },
    { "udplite", { attrsSrcMAC, attrsIPv4P1, attrsIPv4P2, attrsComment } },
    { "tcp-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsPorts, attrsTCP, attrsComment } },
    { "udp-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsPorts, attrsComment } },
    { "sctp-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsPorts, attrsComment } },
    { "icmpv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsICMP, attrsComment } },
    { "all-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsComment } },
    { "esp-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsComment } },
    { "ah-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsComment } },
    { "udplite-ipv6", { attrsSrcMAC, attrsIPv6P1, attrsIPv6P2, attrsComment } },
};


/* The attribute @name of @proto with its value index, or NULL */
static const virNWFilterAttr *
virNWFilterProtocolAttr(const virNWFilterProtocol *proto, const char *name,
                        size_t *idx)
{
    size_t g;
    size_t i;

    *idx = 0;
    for (g = 0; proto->groups[g]; g++) {
        for (i = 0; proto->groups[g][i].name; i++, (*idx)++) {
            if (STREQ(proto->groups[g][i].name, name))
                return &proto->groups[g][i];
        }
    }
    return NULL;
}


static void
virNWFilterRuleFree(virNWFilterRule *rule)
{
    size_t i;

    if (!rule)
        return;
    for (i = 0; i < VIR_NWFILTER_PROTO_ATTRS_MAX; i++)
        g_free(rule->values[i]);
    g_free(rule);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilterRule, virNWFilterRuleFree);


static void
virNWFilterIncludeDefFree(virNWFilterIncludeDef *ref)
{
    size_t i;

    if (!ref)
        return;
    g_free(ref->filter);
    for (i = 0; i < ref->nparams; i++) {
        g_free(ref->params[i].name);
        g_free(ref->params[i].value);
    }
    g_free(ref->params);
    g_free(ref);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilterIncludeDef, virNWFilterIncludeDefFree);


/**
 * virNWFilterDefFree:
 * @def: a network filter definition, may be NULL
 */
void
virNWFilterDefFree(virNWFilterDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->chain);
    for (i = 0; i < def->nentries; i++) {
        virNWFilterRuleFree(def->entries[i].rule);
        virNWFilterIncludeDefFree(def->entries[i].ref);
    }
    g_free(def->entries);
    g_free(def);
}


/* ------------------------------------------------------------------ */
/* the protocol element of a rule                                      */
/* ------------------------------------------------------------------ */

static int
virNWFilterProtocolParseXML(xmlNodePtr node, virNWFilterRule *rule)
{
    const virNWFilterProtocol *proto = NULL;
    xmlAttrPtr attr;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virNWFilterProtocols); i++) {
        if (xmlStrEqual(node->name, BAD_CAST virNWFilterProtocols[i].name))
            proto = &virNWFilterProtocols[i];
    }
    if (!proto) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("unsupported element '%1$s' in element 'rule'"),
                       (const char *)node->name);
        return -1;
    }
    /* the attributes depend on the protocol, checked one by one below */
    if (virXMLCheckChildren(node, (const char *const[]){ NULL }) < 0)
        return -1;
    rule->protocol = proto - virNWFilterProtocols;

    for (attr = node->properties; attr; attr = attr->next) {
        const char *name = (const char *)attr->name;
        g_autofree char *value = virXMLPropString(node, name);
        const virNWFilterAttr *def;
        size_t idx;

        if (STREQ(name, "match")) {
            if (STRNEQ(value, "yes") && STRNEQ(value, "no")) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                               name, proto->name, value);
                return -1;
            }
            rule->nomatch = STREQ(value, "no");
            continue;
        }
        if (!(def = virNWFilterProtocolAttr(proto, name, &idx))) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unsupported attribute '%1$s' in element '%2$s'"),
                           name, proto->name);
            return -1;
        }
        if (!virNWFilterValueValid(def->type, value)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("attribute '%1$s' of element '%2$s' is not a valid %3$s: '%4$s'"),
                           name, proto->name, def->type->what, value);
            return -1;
        }
        rule->values[idx] = g_steal_pointer(&value);
    }
    return 0;
}


static void
virNWFilterProtocolFormat(virBuffer *buf, const virNWFilterRule *rule)
{
    const virNWFilterProtocol *proto = &virNWFilterProtocols[rule->protocol];
    size_t idx = 0;
    size_t g;
    size_t i;

    virBufferAsprintf(buf, "<%s", proto->name);
    /* libvirt writes the negation first */
    if (rule->nomatch)
        virBufferAddLit(buf, " match='no'");
    for (g = 0; proto->groups[g]; g++) {
        for (i = 0; proto->groups[g][i].name; i++, idx++) {
            if (!rule->values[idx])
                continue;
            virBufferAsprintf(buf, " %s=", proto->groups[g][i].name);
            virBufferEscapeString(buf, "'%s'", rule->values[idx]);
        }
    }
    virBufferAddLit(buf, "/>\n");
}


/* ------------------------------------------------------------------ */
/* <rule>                                                              */
/* ------------------------------------------------------------------ */

static int
virNWFilterRuleParseXML(xmlNodePtr node, virNWFilterRule **rulep)
{
    static const char *const attrs[] = { "action", "direction", "priority",
                                         "statematch", NULL };
    g_autoptr(virNWFilterRule) rule = g_new0(virNWFilterRule, 1);
    g_autofree char *statematch = NULL;
    xmlNodePtr proto = NULL;
    xmlNodePtr cur;

    if (virXMLCheckAttributes(node, attrs) < 0 ||
        virXMLPropEnum(node, "action", virNWFilterActionTypeFromString,
                       VIR_XML_PROP_REQUIRED, &rule->action) < 0 ||
        virXMLPropEnum(node, "direction", virNWFilterDirectionTypeFromString,
                       VIR_XML_PROP_REQUIRED, &rule->direction) < 0 ||
        virXMLPropInt(node, "priority", 10, VIR_XML_PROP_NONE, &rule->priority,
                      VIR_NWFILTER_RULE_PRIORITY_DEFAULT) < 0)
        return -1;
    if (rule->priority < VIR_NWFILTER_PRIORITY_MIN ||
        rule->priority > VIR_NWFILTER_PRIORITY_MAX) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("rule priority %1$d is outside -1000 to 1000"), rule->priority);
        return -1;
    }
    /* libvirt's schema takes only the negative; true is the default */
    if ((statematch = virXMLPropString(node, "statematch"))) {
        if (g_ascii_strcasecmp(statematch, "false") == 0 || STREQ(statematch, "0")) {
            rule->statematchFalse = true;
        } else if (g_ascii_strcasecmp(statematch, "true") != 0 && STRNEQ(statematch, "1")) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                           "statematch", "rule", statematch);
            return -1;
        }
    }
    rule->protocol = -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (proto) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("rule holds more than one protocol: '%1$s' and '%2$s'"),
                           (const char *)proto->name, (const char *)cur->name);
            return -1;
        }
        proto = cur;
    }
    if (proto && virNWFilterProtocolParseXML(proto, rule) < 0)
        return -1;
    *rulep = g_steal_pointer(&rule);
    return 0;
}


static void
virNWFilterRuleFormat(virBuffer *buf, const virNWFilterRule *rule)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " action='%s' direction='%s' priority='%d'",
                      virNWFilterActionTypeToString(rule->action),
                      virNWFilterDirectionTypeToString(rule->direction),
                      rule->priority);
    if (rule->statematchFalse)
        virBufferAddLit(&attrs, " statematch='false'");
    if (rule->protocol >= 0)
        virNWFilterProtocolFormat(&children, rule);
    virXMLFormatElementEmpty(buf, "rule", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* <filterref>                                                         */
/* ------------------------------------------------------------------ */

static int
virNWFilterParamParseXML(xmlNodePtr node, virNWFilterParam *param)
{
    static const char *const attrs[] = { "name", "value", NULL };

    if (virConfCheckElement(node, attrs, NULL) < 0 ||
        !(param->name = virXMLPropStringRequired(node, "name")) ||
        !(param->value = virXMLPropStringRequired(node, "value")))
        return -1;
    if (!virNWFilterMatches("[a-zA-Z0-9_]+", param->name)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid filter parameter name '%1$s'"), param->name);
        return -1;
    }
    if (!virNWFilterMatches("[a-zA-Z0-9_.:]+", param->value)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid value '%1$s' of filter parameter '%2$s'"),
                       param->value, param->name);
        return -1;
    }
    return 0;
}


static int
virNWFilterIncludeDefParseXML(xmlNodePtr node, virNWFilterIncludeDef **refp)
{
    static const char *const attrs[] = { "filter", NULL };
    static const char *const children[] = { "parameter", NULL };
    g_autoptr(virNWFilterIncludeDef) ref = g_new0(virNWFilterIncludeDef, 1);
    g_autofree xmlNodePtr *params = NULL;
    size_t i;

    if (virConfCheckElement(node, attrs, children) < 0 ||
        !(ref->filter = virXMLPropStringRequired(node, "filter")))
        return -1;
    ref->nparams = virConfChildren(node, "parameter", &params);
    ref->params = g_new0(virNWFilterParam, ref->nparams);
    for (i = 0; i < ref->nparams; i++) {
        if (virNWFilterParamParseXML(params[i], &ref->params[i]) < 0)
            return -1;
    }
    *refp = g_steal_pointer(&ref);
    return 0;
}


static void
virNWFilterIncludeDefFormat(virBuffer *buf, const virNWFilterIncludeDef *ref)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    size_t i;

    virBufferEscapeString(&attrs, " filter='%s'", ref->filter);
    for (i = 0; i < ref->nparams; i++) {
        virBufferEscapeString(&children, "<parameter name='%s'", ref->params[i].name);
        virBufferEscapeString(&children, " value='%s'/>\n", ref->params[i].value);
    }
    virXMLFormatElementEmpty(buf, "filterref", &attrs, &children);
}


/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static void
virNWFilterRuleValidate(const virNWFilterRule *rule, size_t n, virConfViolations *v)
{
    const virNWFilterProtocol *proto;
    g_autofree char *path = NULL;
    size_t setIdx;
    size_t flagsIdx;

    if (rule->protocol < 0)
        return;
    proto = &virNWFilterProtocols[rule->protocol];
    if (!virNWFilterProtocolAttr(proto, "ipset", &setIdx) ||
        !virNWFilterProtocolAttr(proto, "ipsetflags", &flagsIdx))
        return;
    path = g_strdup_printf("/filter/rule[%zu]/%s", n, proto->name);
    if (!rule->values[setIdx] != !rule->values[flagsIdx])
        virConfViolationAdd(v, path, "ipset and ipsetflags go together");
}


/**
 * virNWFilterDefValidate:
 * @def: the network filter definition
 *
 * Checks the rules that span attributes: ipset comes with ipsetflags,
 * and a filter does not reference itself (libvirt would loop).
 *
 * Returns 0, or -1 with VIR_ERR_XML_ERROR listing every violation.
 */
int
virNWFilterDefValidate(const virNWFilterDef *def)
{
    g_autoptr(virConfViolations) v = virConfViolationsNew();
    size_t nrule = 0;
    size_t nref = 0;
    size_t i;

    for (i = 0; i < def->nentries; i++) {
        const virNWFilterEntry *entry = &def->entries[i];

        if (entry->rule) {
            virNWFilterRuleValidate(entry->rule, ++nrule, v);
        } else if (STREQ(entry->ref->filter, def->name)) {
            g_autofree char *path = g_strdup_printf("/filter/filterref[%zu]", ++nref);

            virConfViolationAdd(v, path, "filter '%s' references itself", def->name);
        } else {
            nref++;
        }
    }
    return virConfViolationsReport(v, VIR_FROM_THIS, VIR_ERR_XML_ERROR);
}


/* ------------------------------------------------------------------ */
/* <filter>                                                            */
/* ------------------------------------------------------------------ */

/* The priority libvirt gives a chain without one, by its prefix */
static int
virNWFilterChainDefaultPriority(const char *chain)
{
    static const struct { const char *prefix; int priority; } prios[] = {
        { "stp", -810 }, { "mac", -800 }, { "vlan", -750 }, { "ipv4", -700 },
        { "ipv6", -600 }, { "arp", -500 }, { "rarp", -400 },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(prios); i++) {
        if (STRPREFIX(chain, prios[i].prefix))
            return prios[i].priority;
    }
    return 0;
}


static int
virNWFilterHeaderParseXML(xmlNodePtr root, virNWFilterDef *def)
{
    g_autofree char *uuid = NULL;

    if (!(def->name = virXMLPropStringRequired(root, "name")))
        return -1;
    if (!virNWFilterMatches("[a-zA-Z_][a-zA-Z0-9_.-]*", def->name)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid network filter name '%1$s'"), def->name);
        return -1;
    }
    if (!(def->chain = virXMLPropString(root, "chain")))
        def->chain = g_strdup("root");
    if (!virNWFilterMatches("root|(mac|stp|arp)[a-zA-Z0-9_.:-]{0,9}|"
                            "(vlan|rarp|ipv4|ipv6)[a-zA-Z0-9_.:-]{0,8}", def->chain)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("invalid chain name '%1$s' of network filter '%2$s'"),
                       def->chain, def->name);
        return -1;
    }
    if (virXMLPropInt(root, "priority", 10, VIR_XML_PROP_NONE, &def->priority,
                      virNWFilterChainDefaultPriority(def->chain)) < 0)
        return -1;
    if (def->priority < VIR_NWFILTER_PRIORITY_MIN ||
        def->priority > VIR_NWFILTER_PRIORITY_MAX) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("filter priority %1$d is outside -1000 to 1000"), def->priority);
        return -1;
    }
    if (virConfChildText(root, "uuid", &uuid) < 0)
        return -1;
    if (uuid) {
        if (virConfParseUUID(uuid, "filter", def->uuid) < 0)
            return -1;
        def->hasUUID = true;
    }
    return 0;
}


static virNWFilterDef *
virNWFilterDefParseNode(xmlNodePtr root, unsigned int flags)
{
    static const char *const attrs[] = { "name", "chain", "priority", NULL };
    static const char *const children[] = { "uuid", "filterref", "rule", NULL };
    g_autoptr(virNWFilterDef) def = g_new0(virNWFilterDef, 1);
    xmlNodePtr cur;

    if (virConfCheckElement(root, attrs, children) < 0 ||
        virNWFilterHeaderParseXML(root, def) < 0)
        return NULL;
    for (cur = root->children; cur; cur = cur->next) {
        virNWFilterEntry *entry;

        if (cur->type != XML_ELEMENT_NODE || xmlStrEqual(cur->name, BAD_CAST "uuid"))
            continue;
        /* the def owns each entry as soon as it exists, so any failure
         * below is cleaned up by freeing the def */
        def->entries = g_renew(virNWFilterEntry, def->entries, def->nentries + 1);
        entry = &def->entries[def->nentries++];
        memset(entry, 0, sizeof(*entry));
        if (xmlStrEqual(cur->name, BAD_CAST "rule")) {
            if (virNWFilterRuleParseXML(cur, &entry->rule) < 0)
                return NULL;
        } else if (virNWFilterIncludeDefParseXML(cur, &entry->ref) < 0) {
            return NULL;
        }
    }

    if (!(flags & VIR_NWFILTER_DEF_PARSE_SKIP_VALIDATE) &&
        virNWFilterDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


static virNWFilterDef *
virNWFilterDefParse(const char *xmlStr, const char *filename, unsigned int flags)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(xml = virXMLParse(filename, xmlStr, _("(nwfilter_definition)"),
                            "filter", &ctxt, VIR_FROM_THIS)))
        return NULL;
    return virNWFilterDefParseNode(xmlDocGetRootElement(xml), flags);
}


/**
 * virNWFilterDefParseString:
 * @xml: a <filter> document
 * @flags: virNWFilterDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNWFilterDef *
virNWFilterDefParseString(const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NWFILTER_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNWFilterDefParse(xml, NULL, flags);
}


/**
 * virNWFilterDefParseFile:
 * @filename: a file holding a <filter> document
 * @flags: virNWFilterDefParseFlags
 *
 * Returns the new definition (caller frees), or NULL with an error.
 */
virNWFilterDef *
virNWFilterDefParseFile(const char *filename, unsigned int flags)
{
    virCheckFlags(VIR_NWFILTER_DEF_PARSE_SKIP_VALIDATE, NULL);
    return virNWFilterDefParse(NULL, filename, flags);
}


/**
 * virNWFilterDefFormat:
 * @def: the network filter definition
 * @flags: none yet, must be 0
 *
 * Returns the document as libvirt 9.0's nwfilter-dumpxml prints it
 * (caller frees); never NULL.  libvirt invents a UUID when the input
 * has none; this formats one only when the definition has it.
 */
char *
virNWFilterDefFormat(const virNWFilterDef *def, unsigned int flags)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    size_t i;

    (void)flags;
    virBufferEscapeString(&buf, "<filter name='%s'", def->name);
    virBufferEscapeString(&buf, " chain='%s'", def->chain);
    if (def->priority != 0)
        virBufferAsprintf(&buf, " priority='%d'", def->priority);
    virBufferAddLit(&buf, ">\n");
    virBufferAdjustIndent(&buf, 2);
    if (def->hasUUID)
        virBufferAsprintf(&buf, "<uuid>%s</uuid>\n", virUUIDFormat(def->uuid, uuidstr));
    for (i = 0; i < def->nentries; i++) {
        if (def->entries[i].rule)
            virNWFilterRuleFormat(&buf, def->entries[i].rule);
        else
            virNWFilterIncludeDefFormat(&buf, def->entries[i].ref);
    }
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</filter>\n");
    return virBufferContentAndReset(&buf);
}
