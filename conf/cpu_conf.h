/*
 * cpu_conf.h: the guest CPU model of a domain (<cpu> in formatdomain)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "internal.h"
#include "virbuffer.h"
#include "virenum.h"

typedef enum {
    VIR_CPU_MODE_CUSTOM = 0,
    VIR_CPU_MODE_HOST_MODEL,
    VIR_CPU_MODE_HOST_PASSTHROUGH,
    VIR_CPU_MODE_MAXIMUM,

    VIR_CPU_MODE_LAST
} virCPUMode;

typedef enum {
    VIR_CPU_MATCH_EXACT = 0,
    VIR_CPU_MATCH_MINIMUM,
    VIR_CPU_MATCH_STRICT,

    VIR_CPU_MATCH_LAST
} virCPUMatch;

typedef enum {
    VIR_CPU_CHECK_DEFAULT = 0,
    VIR_CPU_CHECK_NONE,
    VIR_CPU_CHECK_PARTIAL,
    VIR_CPU_CHECK_FULL,

    VIR_CPU_CHECK_LAST
} virCPUCheck;

typedef enum {
    VIR_CPU_FALLBACK_ALLOW = 0,
    VIR_CPU_FALLBACK_FORBID,

    VIR_CPU_FALLBACK_LAST
} virCPUFallback;

typedef enum {
    VIR_CPU_FEATURE_FORCE = 0,
    VIR_CPU_FEATURE_REQUIRE,
    VIR_CPU_FEATURE_OPTIONAL,
    VIR_CPU_FEATURE_DISABLE,
    VIR_CPU_FEATURE_FORBID,

    VIR_CPU_FEATURE_LAST
} virCPUFeaturePolicy;

typedef enum {
    VIR_CPU_CACHE_MODE_EMULATE = 0,
    VIR_CPU_CACHE_MODE_PASSTHROUGH,
    VIR_CPU_CACHE_MODE_DISABLE,

    VIR_CPU_CACHE_MODE_LAST
} virCPUCacheMode;

typedef struct _virCPUFeatureDef virCPUFeatureDef;
struct _virCPUFeatureDef {
    char *name;
    virCPUFeaturePolicy policy;
};

typedef struct _virCPUCacheDef virCPUCacheDef;
struct _virCPUCacheDef {
    int level;                  /* -1 when not given */
    virCPUCacheMode mode;
};

/* One guest NUMA cell (<cpu><numa><cell>). */
typedef struct _virCPUNumaCell virCPUNumaCell;
struct _virCPUNumaCell {
    char *cpus;                 /* normalized range list, or NULL */
    unsigned long long memory;  /* KiB */
    int memAccess;              /* virDomainMemoryAccess */
    virTristateBool discard;
};

typedef struct _virCPUDef virCPUDef;
struct _virCPUDef {
    virCPUMode mode;
    virCPUMatch match;
    virCPUCheck check;
    virTristateSwitch migratable;   /* host-passthrough and maximum only */
    char *model;
    virCPUFallback fallback;
    char *vendor_id;            /* <model vendor_id=> */
    char *vendor;
    /* <topology>: all zero when absent */
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    virCPUCacheDef *cache;
    virCPUFeatureDef *features;
    size_t nfeatures;
    virCPUNumaCell *cells;      /* <numa>, indexed by cell id */
    size_t ncells;
};

VIR_ENUM_DECL(virCPUMode);
VIR_ENUM_DECL(virCPUMatch);
VIR_ENUM_DECL(virCPUCheck);
VIR_ENUM_DECL(virCPUFallback);
VIR_ENUM_DECL(virCPUFeaturePolicy);
VIR_ENUM_DECL(virCPUCacheMode);

void virCPUDefFree(virCPUDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virCPUDef, virCPUDefFree);

int virCPUDefParseXML(xmlNodePtr node, virCPUDef **cpu);
void virCPUDefFormatBuf(virBuffer *buf, const virCPUDef *def);
