/*
 * nwfilter_conf.h: the <filter> XML model (a network filter: rules and
 * references to other filters)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

typedef enum {
    VIR_NWFILTER_ACTION_DROP = 0,
    VIR_NWFILTER_ACTION_ACCEPT,
    VIR_NWFILTER_ACTION_REJECT,
    VIR_NWFILTER_ACTION_RETURN,
    VIR_NWFILTER_ACTION_CONTINUE,

    VIR_NWFILTER_ACTION_LAST
} virNWFilterAction;
VIR_ENUM_DECL(virNWFilterAction);

typedef enum {
    VIR_NWFILTER_DIRECTION_IN = 0,
    VIR_NWFILTER_DIRECTION_OUT,
    VIR_NWFILTER_DIRECTION_INOUT,

    VIR_NWFILTER_DIRECTION_LAST
} virNWFilterDirection;
VIR_ENUM_DECL(virNWFilterDirection);

/* the most attributes one protocol element takes (stp) */
#define VIR_NWFILTER_PROTO_ATTRS_MAX 32

/* One <rule>; the protocol element's attributes are kept as the text
 * given (a literal checked against its type, or a $VARIABLE), indexed
 * by the attribute's position in that protocol's table. */
typedef struct _virNWFilterRule virNWFilterRule;
struct _virNWFilterRule {
    unsigned int action;            /* virNWFilterAction */
    unsigned int direction;         /* virNWFilterDirection */
    int priority;                   /* 500 when absent, as libvirt */
    bool statematchFalse;           /* statematch='false' */
    int protocol;                   /* index in the protocol table, -1: none */
    bool nomatch;                   /* match='no' */
    char *values[VIR_NWFILTER_PROTO_ATTRS_MAX];
};

typedef struct _virNWFilterParam virNWFilterParam;
struct _virNWFilterParam {
    char *name;
    char *value;
};

typedef struct _virNWFilterIncludeDef virNWFilterIncludeDef;
struct _virNWFilterIncludeDef {
    char *filter;
    virNWFilterParam *params;
    size_t nparams;
};

/* a <rule> or a <filterref>, in document order */
typedef struct _virNWFilterEntry virNWFilterEntry;
struct _virNWFilterEntry {
    virNWFilterRule *rule;
    virNWFilterIncludeDef *ref;
};

typedef struct _virNWFilterDef virNWFilterDef;
struct _virNWFilterDef {
    char *name;
    char *chain;                    /* "root" when absent, as libvirt */
    bool hasPriority;
    int priority;
    bool hasUUID;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virNWFilterEntry *entries;
    size_t nentries;
};

typedef enum {
    /* skip the cross-field rules of virNWFilterDefValidate() */
    VIR_NWFILTER_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virNWFilterDefParseFlags;

void virNWFilterDefFree(virNWFilterDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilterDef, virNWFilterDefFree);

virNWFilterDef *virNWFilterDefParseString(const char *xml, unsigned int flags);
virNWFilterDef *virNWFilterDefParseFile(const char *filename, unsigned int flags);
char *virNWFilterDefFormat(const virNWFilterDef *def, unsigned int flags);
int virNWFilterDefValidate(const virNWFilterDef *def);
