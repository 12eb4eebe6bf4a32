/*
 * domain_capabilities_conf.h: the <domainCapabilities> XML model (what a
 * hypervisor can give one emulator, machine type and architecture)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

/* The elements made of supported='yes|no' and <enum> lists; each has a
 * fixed list of enum names (virDomainCapsItemEnums in the .c file).
 * Listed in the order libvirt 9.0 formats them. */
typedef enum {
    VIR_DOMAIN_CAPS_ITEM_IOTHREADS = 0,
    VIR_DOMAIN_CAPS_ITEM_OS,
    VIR_DOMAIN_CAPS_ITEM_LOADER,
    VIR_DOMAIN_CAPS_ITEM_HOST_PASSTHROUGH,
    VIR_DOMAIN_CAPS_ITEM_MAXIMUM,
    VIR_DOMAIN_CAPS_ITEM_MEMORY_BACKING,
    VIR_DOMAIN_CAPS_ITEM_DISK,
    VIR_DOMAIN_CAPS_ITEM_GRAPHICS,
    VIR_DOMAIN_CAPS_ITEM_VIDEO,
    VIR_DOMAIN_CAPS_ITEM_HOSTDEV,
    VIR_DOMAIN_CAPS_ITEM_RNG,
    VIR_DOMAIN_CAPS_ITEM_FILESYSTEM,
    VIR_DOMAIN_CAPS_ITEM_TPM,
    VIR_DOMAIN_CAPS_ITEM_REDIRDEV,
    VIR_DOMAIN_CAPS_ITEM_CHANNEL,
    VIR_DOMAIN_CAPS_ITEM_GIC,
    VIR_DOMAIN_CAPS_ITEM_VMCOREINFO,
    VIR_DOMAIN_CAPS_ITEM_GENID,
    VIR_DOMAIN_CAPS_ITEM_BACKING_STORE_INPUT,
    VIR_DOMAIN_CAPS_ITEM_BACKUP,
    VIR_DOMAIN_CAPS_ITEM_S390_PV,
    VIR_DOMAIN_CAPS_ITEM_HYPERV,

    VIR_DOMAIN_CAPS_ITEM_LAST
} virDomainCapsItemType;

/* the most enum names one item has (hostdev) */
#define VIR_DOMAIN_CAPS_ENUMS_MAX 5

typedef struct _virDomainCapsItem virDomainCapsItem;
struct _virDomainCapsItem {
    virTristateBool supported;      /* ABSENT: the element is absent */
    /* per enum name of the item, in its table order; NULL when that
     * <enum> is absent, an empty vector for <enum name='x'/> */
    char **values[VIR_DOMAIN_CAPS_ENUMS_MAX];
};

typedef enum {
    VIR_DOMAIN_CAPS_CPU_USABLE_UNKNOWN = 0,
    VIR_DOMAIN_CAPS_CPU_USABLE_YES,
    VIR_DOMAIN_CAPS_CPU_USABLE_NO,

    VIR_DOMAIN_CAPS_CPU_USABLE_LAST
} virDomainCapsCPUUsable;
VIR_ENUM_DECL(virDomainCapsCPUUsable);

typedef enum {
    VIR_DOMAIN_CAPS_CPU_FALLBACK_NONE = 0,
    VIR_DOMAIN_CAPS_CPU_FALLBACK_ALLOW,
    VIR_DOMAIN_CAPS_CPU_FALLBACK_FORBID,

    VIR_DOMAIN_CAPS_CPU_FALLBACK_LAST
} virDomainCapsCPUFallback;
VIR_ENUM_DECL(virDomainCapsCPUFallback);

typedef enum {
    VIR_DOMAIN_CAPS_CPU_POLICY_FORCE = 0,
    VIR_DOMAIN_CAPS_CPU_POLICY_REQUIRE,
    VIR_DOMAIN_CAPS_CPU_POLICY_OPTIONAL,
    VIR_DOMAIN_CAPS_CPU_POLICY_DISABLE,
    VIR_DOMAIN_CAPS_CPU_POLICY_FORBID,

    VIR_DOMAIN_CAPS_CPU_POLICY_LAST
} virDomainCapsCPUPolicy;
VIR_ENUM_DECL(virDomainCapsCPUPolicy);

/* <feature policy='' name=''/> of the host-model CPU */
typedef struct _virDomainCapsCPUFeature virDomainCapsCPUFeature;
struct _virDomainCapsCPUFeature {
    unsigned int policy;            /* virDomainCapsCPUPolicy */
    char *name;
};

/* <model usable='' vendor=''> of the custom mode */
typedef struct _virDomainCapsCPUModel virDomainCapsCPUModel;
struct _virDomainCapsCPUModel {
    char *name;
    unsigned int usable;            /* virDomainCapsCPUUsable */
    bool deprecated;
    char *vendor;
};

typedef struct _virDomainCapsCPU virDomainCapsCPU;
struct _virDomainCapsCPU {
    bool present;
    /* host-passthrough and maximum are items[] of the def */
    virTristateBool hostModelSupported;
    bool hasHostModel;              /* a <model> in host-model */
    char *hostModel;                /* its text, may be NULL */
    unsigned int hostFallback;      /* virDomainCapsCPUFallback */
    char *hostVendorID;
    char *hostVendor;
    virDomainCapsCPUFeature *features;
    size_t nfeatures;
    virTristateBool customSupported;
    virDomainCapsCPUModel *models;
    size_t nmodels;
};

typedef struct _virDomainCapsSEV virDomainCapsSEV;
struct _virDomainCapsSEV {
    virTristateBool supported;      /* ABSENT: no <sev> */
    bool hasDetails;                /* cbitpos .. maxESGuests */
    unsigned int cbitpos;
    unsigned int reducedPhysBits;
    unsigned int maxGuests;
    unsigned int maxESGuests;
};

typedef struct _virDomainCapsSGXSection virDomainCapsSGXSection;
struct _virDomainCapsSGXSection {
    unsigned int node;
    unsigned long long size;        /* KiB */
};

typedef struct _virDomainCapsSGX virDomainCapsSGX;
struct _virDomainCapsSGX {
    virTristateBool supported;      /* ABSENT: no <sgx> */
    bool hasDetails;                /* flc .. section_size */
    virTristateBool flc;
    virTristateBool sgx1;
    virTristateBool sgx2;
    unsigned long long sectionSize; /* KiB */
    bool hasSections;
    virDomainCapsSGXSection *sections;
    size_t nsections;
};

typedef struct _virDomainCapsDef virDomainCapsDef;
struct _virDomainCapsDef {
    char *path;
    char *domain;                   /* virt type: kvm, qemu, ... */
    char *machine;
    char *arch;
    bool hasVcpuMax;
    unsigned int vcpuMax;
    char **loaderValues;            /* <loader><value>, NULL when none */
    virDomainCapsItem items[VIR_DOMAIN_CAPS_ITEM_LAST];
    virDomainCapsCPU cpu;
    bool hasDevices;
    bool hasFeatures;
    virDomainCapsSEV sev;
    virDomainCapsSGX sgx;
};

typedef enum {
    /* skip the cross-field rules of virDomainCapsDefValidate() */
    VIR_DOMAIN_CAPS_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virDomainCapsDefParseFlags;

void virDomainCapsDefFree(virDomainCapsDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainCapsDef, virDomainCapsDefFree);

virDomainCapsDef *virDomainCapsDefParseString(const char *xml, unsigned int flags);
virDomainCapsDef *virDomainCapsDefParseFile(const char *filename, unsigned int flags);
char *virDomainCapsDefFormat(const virDomainCapsDef *def, unsigned int flags);
int virDomainCapsDefValidate(const virDomainCapsDef *def);
