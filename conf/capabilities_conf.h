/*
 * capabilities_conf.h: the <capabilities> XML model (virConnectGetCapabilities)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"
#include "virenum.h"

typedef enum {
    VIR_CAPS_CACHE_BOTH = 0,
    VIR_CAPS_CACHE_CODE,
    VIR_CAPS_CACHE_DATA,

    VIR_CAPS_CACHE_LAST
} virCapsCacheType;
VIR_ENUM_DECL(virCapsCacheType);

typedef enum {
    VIR_CAPS_GUEST_FEATURE_PAE = 0,
    VIR_CAPS_GUEST_FEATURE_NONPAE,
    VIR_CAPS_GUEST_FEATURE_IA64_BE,
    VIR_CAPS_GUEST_FEATURE_ACPI,
    VIR_CAPS_GUEST_FEATURE_APIC,
    VIR_CAPS_GUEST_FEATURE_CPUSELECTION,
    VIR_CAPS_GUEST_FEATURE_DEVICEBOOT,
    VIR_CAPS_GUEST_FEATURE_DISKSNAPSHOT,
    VIR_CAPS_GUEST_FEATURE_HAP,

    VIR_CAPS_GUEST_FEATURE_LAST
} virCapsGuestFeatureType;
VIR_ENUM_DECL(virCapsGuestFeature);

/* A page size the host offers, with the count free in a NUMA cell. */
typedef struct _virCapsPage virCapsPage;
struct _virCapsPage {
    unsigned int size;              /* KiB */
    unsigned long long count;       /* pages; only inside a <cell> */
};

typedef struct _virCapsHostCPU virCapsHostCPU;
struct _virCapsHostCPU {
    char *arch;
    char **features;                /* <features> children: pae, nonpae, vmx, svm */
    char *model;
    char *vendor;
    unsigned int microcode;         /* 0: absent */
    bool hasSignature;
    unsigned int sigFamily;
    unsigned int sigModel;
    unsigned int sigStepping;
    char *counterName;              /* NULL: no <counter> */
    unsigned long long counterFreq; /* Hz */
    virTristateBool counterScaling;
    bool hasTopology;
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    char *physAddrMode;             /* NULL: no <maxphysaddr> */
    unsigned int physAddrBits;      /* 0: absent */
    char **cpuFeatures;             /* <feature name=.../> */
    size_t npages;
    virCapsPage *pages;
};

typedef struct _virCapsCellCPU virCapsCellCPU;
struct _virCapsCellCPU {
    unsigned int id;
    bool hasTopology;
    unsigned int socket;
    unsigned int die;
    unsigned int core;
    char *siblings;                 /* normalized CPU list */
};

typedef struct _virCapsCellDistance virCapsCellDistance;
struct _virCapsCellDistance {
    unsigned int node;
    unsigned int value;
};

typedef struct _virCapsCell virCapsCell;
struct _virCapsCell {
    unsigned int id;
    unsigned long long memory;      /* KiB; 0: absent */
    size_t npages;
    virCapsPage *pages;
    size_t ndistances;
    virCapsCellDistance *distances;
    size_t ncpus;
    virCapsCellCPU *cpus;
};

typedef struct _virCapsControl virCapsControl;
struct _virCapsControl {
    unsigned int granularity;
    unsigned int min;               /* 0: absent */
    char *unit;                     /* cache controls only */
    int type;                       /* virCapsCacheType, -1: absent */
    unsigned int maxAllocs;
};

typedef struct _virCapsMonitor virCapsMonitor;
struct _virCapsMonitor {
    unsigned int level;             /* cache monitors only; 0: absent */
    unsigned int reuseThreshold;    /* 0: absent */
    unsigned int maxMonitors;
    char **features;
};

/* A cache <bank> or a memory bandwidth <node>. */
typedef struct _virCapsBank virCapsBank;
struct _virCapsBank {
    unsigned int id;
    unsigned int level;             /* cache only */
    virCapsCacheType type;          /* cache only */
    unsigned int size;              /* in @unit; cache only */
    char *unit;
    char *cpus;                     /* normalized CPU list */
    size_t ncontrols;
    virCapsControl *controls;
};

typedef struct _virCapsBankSet virCapsBankSet;
struct _virCapsBankSet {
    bool present;
    size_t nbanks;
    virCapsBank *banks;
    virCapsMonitor *monitor;
};

typedef struct _virCapsSecModel virCapsSecModel;
struct _virCapsSecModel {
    char *model;
    char *doi;                      /* "" allowed, as the test driver has */
    size_t nlabels;
    char **labelTypes;
    char **labels;
};

typedef struct _virCapsHost virCapsHost;
struct _virCapsHost {
    bool hasUUID;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virCapsHostCPU cpu;
    bool suspendMem;
    bool suspendDisk;
    bool suspendHybrid;
    bool iommu;
    bool migration;
    bool liveMigration;
    char **uriTransports;
    bool hasTopology;
    size_t ncells;
    virCapsCell *cells;
    virCapsBankSet cache;
    virCapsBankSet memBandwidth;
    size_t nsecModels;
    virCapsSecModel *secModels;
};

typedef struct _virCapsMachine virCapsMachine;
struct _virCapsMachine {
    char *name;
    char *canonical;
    unsigned int maxCpus;           /* 0: absent */
    virTristateBool deprecated;
};

typedef struct _virCapsGuestDomain virCapsGuestDomain;
struct _virCapsGuestDomain {
    char *type;
    char *emulator;
    size_t nmachines;
    virCapsMachine *machines;
};

typedef struct _virCapsGuestFeature virCapsGuestFeature;
struct _virCapsGuestFeature {
    bool present;
    virTristateSwitch defaultOn;    /* toggleable features only */
    virTristateBool toggle;
};

typedef struct _virCapsGuest virCapsGuest;
struct _virCapsGuest {
    char *osType;
    char *arch;
    unsigned int wordsize;
    char *emulator;
    char *loader;
    size_t nmachines;
    virCapsMachine *machines;
    size_t ndomains;
    virCapsGuestDomain *domains;
    virCapsGuestFeature features[VIR_CAPS_GUEST_FEATURE_LAST];
};

typedef struct _virCaps virCaps;
struct _virCaps {
    virCapsHost host;
    size_t nguests;
    virCapsGuest *guests;
};

typedef enum {
    /* skip the cross-field rules of virCapsValidate() */
    VIR_CAPS_PARSE_SKIP_VALIDATE = 1 << 0,
} virCapsParseFlags;

void virCapsFree(virCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virCaps, virCapsFree);

virCaps *virCapsParseString(const char *xml, unsigned int flags);
virCaps *virCapsParseFile(const char *filename, unsigned int flags);
char *virCapsFormat(const virCaps *caps, unsigned int flags);
int virCapsValidate(const virCaps *caps);
