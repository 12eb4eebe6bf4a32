/*
 * domain_conf.h: the domain XML model (libvirt's formatdomain), parsed
 * strictly and formatted exactly as libvirt 9.0 formats it
 *
 * Drivers read the public members of virDomainDef directly.  Every
 * string is owned by the struct that holds it; every array is a pair
 * of a pointer and its count.  The device families live in their own
 * files (domain_disk_conf.c, domain_device_conf.c) but their types are
 * declared here so that a driver includes one header.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "internal.h"
#include "virbuffer.h"
#include "virenum.h"
#include "virstoragefile.h"
#include "cpu_conf.h"

/* Flags of the parse functions. */
typedef enum {
    /* A definition rather than the status of a running domain: the id
     * attribute, aliases given by the hypervisor, backing store indexes
     * and other live-only data are ignored. */
    VIR_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* Skip the checks that tie fields together (used for XML that was
     * formatted by ourselves, such as a snapshot's stored <domain>). */
    VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE = 1 << 1,
} virDomainDefParseFlags;

/* Flags of the format functions. */
typedef enum {
    /* Include passwords and other secrets. */
    VIR_DOMAIN_DEF_FORMAT_SECURE = 1 << 0,
    /* The persistent definition: no id, no live-only data. */
    VIR_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 1,
    /* For migration: leave out what the destination fills itself. */
    VIR_DOMAIN_DEF_FORMAT_MIGRATABLE = 1 << 2,
} virDomainDefFormatFlags;

typedef enum {
    VIR_DOMAIN_VIRT_NONE = 0,
    VIR_DOMAIN_VIRT_QEMU,
    VIR_DOMAIN_VIRT_KQEMU,
    VIR_DOMAIN_VIRT_KVM,
    VIR_DOMAIN_VIRT_XEN,
    VIR_DOMAIN_VIRT_LXC,
    VIR_DOMAIN_VIRT_UML,
    VIR_DOMAIN_VIRT_OPENVZ,
    VIR_DOMAIN_VIRT_TEST,
    VIR_DOMAIN_VIRT_VMWARE,
    VIR_DOMAIN_VIRT_HYPERV,
    VIR_DOMAIN_VIRT_VBOX,
    VIR_DOMAIN_VIRT_PHYP,
    VIR_DOMAIN_VIRT_PARALLELS,
    VIR_DOMAIN_VIRT_BHYVE,
    VIR_DOMAIN_VIRT_VZ,
    VIR_DOMAIN_VIRT_HVF,

    VIR_DOMAIN_VIRT_LAST
} virDomainVirtType;

typedef enum {
    VIR_DOMAIN_OSTYPE_HVM = 0,
    VIR_DOMAIN_OSTYPE_XEN,
    VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE,
    VIR_DOMAIN_OSTYPE_UML,
    VIR_DOMAIN_OSTYPE_XENPVH,

    VIR_DOMAIN_OSTYPE_LAST
} virDomainOSType;

/* Architectures, with libvirt's names. */
typedef enum {
    VIR_ARCH_NONE = 0,
    VIR_ARCH_AARCH64,
    VIR_ARCH_ALPHA,
    VIR_ARCH_ARMV6L,
    VIR_ARCH_ARMV7L,
    VIR_ARCH_ARMV7B,
    VIR_ARCH_CRIS,
    VIR_ARCH_I686,
    VIR_ARCH_IA64,
    VIR_ARCH_LM32,
    VIR_ARCH_M68K,
    VIR_ARCH_MICROBLAZE,
    VIR_ARCH_MICROBLAZEEL,
    VIR_ARCH_MIPS,
    VIR_ARCH_MIPSEL,
    VIR_ARCH_MIPS64,
    VIR_ARCH_MIPS64EL,
    VIR_ARCH_OR32,
    VIR_ARCH_PARISC,
    VIR_ARCH_PARISC64,
    VIR_ARCH_PPC,
    VIR_ARCH_PPCLE,
    VIR_ARCH_PPC64,
    VIR_ARCH_PPC64LE,
    VIR_ARCH_PPCEMB,
    VIR_ARCH_RISCV32,
    VIR_ARCH_RISCV64,
    VIR_ARCH_S390,
    VIR_ARCH_S390X,
    VIR_ARCH_SH4,
    VIR_ARCH_SH4EB,
    VIR_ARCH_SPARC,
    VIR_ARCH_SPARC64,
    VIR_ARCH_UNICORE32,
    VIR_ARCH_X86_64,
    VIR_ARCH_XTENSA,
    VIR_ARCH_XTENSAEB,

    VIR_ARCH_LAST
} virArch;

/* virDomainLifecycleAction is the public enum (libvirt-domain.h), whose
 * sentinel is hidden from API users. */
#define VIR_DOMAIN_LIFECYCLE_ACTIONS (VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART + 1)

typedef enum {
    VIR_DOMAIN_LOCK_FAILURE_DEFAULT = 0,
    VIR_DOMAIN_LOCK_FAILURE_POWEROFF,
    VIR_DOMAIN_LOCK_FAILURE_RESTART,
    VIR_DOMAIN_LOCK_FAILURE_PAUSE,
    VIR_DOMAIN_LOCK_FAILURE_IGNORE,

    VIR_DOMAIN_LOCK_FAILURE_LAST
} virDomainLockFailureAction;

/* The words of the public virDomainState values (snapshot <state>). */
#define VIR_DOMAIN_STATES (VIR_DOMAIN_PMSUSPENDED + 1)

/* ------------------------------------------------------------------ */
/* Device addresses and the info every device carries                 */

typedef enum {
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE = 0,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_S390,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_MMIO,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DIMM,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_UNASSIGNED,

    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST
} virDomainDeviceAddressType;

typedef struct _virPCIDeviceAddress virPCIDeviceAddress;
struct _virPCIDeviceAddress {
    unsigned int domain;
    unsigned int bus;           /* <= 0xff */
    unsigned int slot;          /* <= 0x1f */
    unsigned int function;      /* <= 7 */
    virTristateSwitch multi;
};

typedef struct _virDomainDeviceDriveAddress virDomainDeviceDriveAddress;
struct _virDomainDeviceDriveAddress {
    unsigned int controller;
    unsigned int bus;
    unsigned int target;
    unsigned int unit;
};

typedef struct _virDomainDeviceVirtioSerialAddress virDomainDeviceVirtioSerialAddress;
struct _virDomainDeviceVirtioSerialAddress {
    unsigned int controller;
    unsigned int bus;
    unsigned int port;
};

typedef struct _virDomainDeviceCcidAddress virDomainDeviceCcidAddress;
struct _virDomainDeviceCcidAddress {
    unsigned int controller;
    unsigned int slot;
};

#define VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH 4

typedef struct _virDomainDeviceUSBAddress virDomainDeviceUSBAddress;
struct _virDomainDeviceUSBAddress {
    unsigned int bus;
    /* hub path: port[0].port[1]...; 0 ends the path */
    unsigned int port[VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH];
};

typedef struct _virDomainDeviceSpaprVioAddress virDomainDeviceSpaprVioAddress;
struct _virDomainDeviceSpaprVioAddress {
    unsigned long long reg;
    bool has_reg;
};

typedef struct _virDomainDeviceCCWAddress virDomainDeviceCCWAddress;
struct _virDomainDeviceCCWAddress {
    unsigned int cssid;
    unsigned int ssid;
    unsigned int devno;
};

typedef struct _virDomainDeviceISAAddress virDomainDeviceISAAddress;
struct _virDomainDeviceISAAddress {
    unsigned int iobase;        /* 0 when not given */
    unsigned int irq;           /* 0 when not given */
};

typedef struct _virDomainDeviceDimmAddress virDomainDeviceDimmAddress;
struct _virDomainDeviceDimmAddress {
    unsigned int slot;
    unsigned long long base;
};

typedef struct _virDomainDeviceInfo virDomainDeviceInfo;
struct _virDomainDeviceInfo {
    char *alias;
    virDomainDeviceAddressType type;
    union {
        virPCIDeviceAddress pci;
        virDomainDeviceDriveAddress drive;
        virDomainDeviceVirtioSerialAddress vioserial;
        virDomainDeviceCcidAddress ccid;
        virDomainDeviceUSBAddress usb;
        virDomainDeviceSpaprVioAddress spaprvio;
        virDomainDeviceCCWAddress ccw;
        virDomainDeviceISAAddress isa;
        virDomainDeviceDimmAddress dimm;
    } addr;
    unsigned int bootIndex;     /* <boot order='N'/>, 0 when absent */
    char *loadparm;             /* <boot loadparm='...'/> (s390) */
    bool usbMaster;             /* <master startport=> of a USB companion */
    unsigned int usbMasterStartport;
};

/* ------------------------------------------------------------------ */
/* Storage sources (disk <source> and its <backingStore> chain)       */

typedef enum {
    VIR_STORAGE_TYPE_NONE = 0,
    VIR_STORAGE_TYPE_FILE,
    VIR_STORAGE_TYPE_BLOCK,
    VIR_STORAGE_TYPE_DIR,
    VIR_STORAGE_TYPE_NETWORK,
    VIR_STORAGE_TYPE_VOLUME,
    VIR_STORAGE_TYPE_NVME,
    VIR_STORAGE_TYPE_VHOST_USER,
    VIR_STORAGE_TYPE_VHOST_VDPA,

    VIR_STORAGE_TYPE_LAST
} virStorageType;

/* virStorageFileFormat: util/virstoragefile.h, which reads image headers. */

typedef enum {
    VIR_STORAGE_NET_PROTOCOL_NONE = 0,
    VIR_STORAGE_NET_PROTOCOL_NBD,
    VIR_STORAGE_NET_PROTOCOL_RBD,
    VIR_STORAGE_NET_PROTOCOL_SHEEPDOG,
    VIR_STORAGE_NET_PROTOCOL_GLUSTER,
    VIR_STORAGE_NET_PROTOCOL_ISCSI,
    VIR_STORAGE_NET_PROTOCOL_HTTP,
    VIR_STORAGE_NET_PROTOCOL_HTTPS,
    VIR_STORAGE_NET_PROTOCOL_FTP,
    VIR_STORAGE_NET_PROTOCOL_FTPS,
    VIR_STORAGE_NET_PROTOCOL_TFTP,
    VIR_STORAGE_NET_PROTOCOL_SSH,
    VIR_STORAGE_NET_PROTOCOL_VXHS,
    VIR_STORAGE_NET_PROTOCOL_NFS,

    VIR_STORAGE_NET_PROTOCOL_LAST
} virStorageNetProtocol;

typedef enum {
    VIR_STORAGE_NET_HOST_TRANS_TCP = 0,
    VIR_STORAGE_NET_HOST_TRANS_UNIX,
    VIR_STORAGE_NET_HOST_TRANS_RDMA,

    VIR_STORAGE_NET_HOST_TRANS_LAST
} virStorageNetHostTransport;

typedef struct _virStorageNetHostDef virStorageNetHostDef;
struct _virStorageNetHostDef {
    char *name;
    unsigned int port;          /* 0 when not given */
    virStorageNetHostTransport transport;
    char *socket;               /* transport='unix' */
};

typedef enum {
    VIR_STORAGE_POOL_MODE_DEFAULT = 0,
    VIR_STORAGE_POOL_MODE_HOST,
    VIR_STORAGE_POOL_MODE_DIRECT,

    VIR_STORAGE_POOL_MODE_LAST
} virStorageSourcePoolMode;

typedef struct _virStorageSourcePoolDef virStorageSourcePoolDef;
struct _virStorageSourcePoolDef {
    char *pool;
    char *volume;
    virStorageSourcePoolMode mode;
};

typedef enum {
    VIR_STORAGE_AUTH_TYPE_NONE = 0,
    VIR_STORAGE_AUTH_TYPE_CHAP,
    VIR_STORAGE_AUTH_TYPE_CEPHX,

    VIR_STORAGE_AUTH_TYPE_LAST
} virStorageAuthType;

/* <auth username='...'><secret type='ceph|iscsi' uuid=|usage=/></auth> */
typedef struct _virStorageAuthDef virStorageAuthDef;
struct _virStorageAuthDef {
    char *username;
    char *secrettype;           /* the <secret type=> word as given */
    bool hasUUID;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *usage;
};

typedef enum {
    VIR_DOMAIN_STARTUP_POLICY_DEFAULT = 0,
    VIR_DOMAIN_STARTUP_POLICY_MANDATORY,
    VIR_DOMAIN_STARTUP_POLICY_REQUISITE,
    VIR_DOMAIN_STARTUP_POLICY_OPTIONAL,

    VIR_DOMAIN_STARTUP_POLICY_LAST
} virDomainStartupPolicy;

typedef enum {
    VIR_DOMAIN_DISK_TRANS_DEFAULT = 0,
    VIR_DOMAIN_DISK_TRANS_NONE,
    VIR_DOMAIN_DISK_TRANS_AUTO,
    VIR_DOMAIN_DISK_TRANS_LBA,

    VIR_DOMAIN_DISK_TRANS_LAST
} virDomainDiskGeometryTrans;

/* <iotune>: a value of 0 means not set */
typedef struct _virDomainBlockIoTuneInfo virDomainBlockIoTuneInfo;
struct _virDomainBlockIoTuneInfo {
    unsigned long long total_bytes_sec;
    unsigned long long read_bytes_sec;
    unsigned long long write_bytes_sec;
    unsigned long long total_iops_sec;
    unsigned long long read_iops_sec;
    unsigned long long write_iops_sec;
    unsigned long long total_bytes_sec_max;
    unsigned long long read_bytes_sec_max;
    unsigned long long write_bytes_sec_max;
    unsigned long long total_iops_sec_max;
    unsigned long long read_iops_sec_max;
    unsigned long long write_iops_sec_max;
    unsigned long long size_iops_sec;
    char *group_name;
    unsigned long long total_bytes_sec_max_length;
    unsigned long long read_bytes_sec_max_length;
    unsigned long long write_bytes_sec_max_length;
    unsigned long long total_iops_sec_max_length;
    unsigned long long read_iops_sec_max_length;
    unsigned long long write_iops_sec_max_length;
};

typedef enum {
    VIR_STORAGE_ENCRYPTION_FORMAT_DEFAULT = 0,
    VIR_STORAGE_ENCRYPTION_FORMAT_QCOW,
    VIR_STORAGE_ENCRYPTION_FORMAT_LUKS,

    VIR_STORAGE_ENCRYPTION_FORMAT_LAST
} virStorageEncryptionFormat;

/* <encryption format=> with its <secret type='passphrase'> elements */
typedef struct _virStorageEncryptionSecret virStorageEncryptionSecret;
struct _virStorageEncryptionSecret {
    bool hasUUID;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *usage;
};

typedef struct _virStorageEncryption virStorageEncryption;
struct _virStorageEncryption {
    virStorageEncryptionFormat format;
    virStorageEncryptionSecret *secrets;
    size_t nsecrets;
};

typedef struct _virStorageSource virStorageSource;
struct _virStorageSource {
    virStorageType type;
    char *path;                 /* file, dev or dir; NULL for network */
    virStorageNetProtocol protocol;
    char *volume;               /* network: the name attribute */
    char *query;                /* http(s): the query attribute */
    virStorageNetHostDef *hosts;
    size_t nhosts;
    virStorageSourcePoolDef *srcpool;   /* type='volume' */
    virStorageAuthDef *auth;
    bool authLegacy;            /* <auth> given in <disk>, formatted there */
    virStorageFileFormat format;
    virDomainStartupPolicy startupPolicy;
    bool readonly;
    bool shared;

    /* The chain below this image.  NULL: unknown (not given in the XML);
     * a source of type NONE: explicitly known to end here, which is
     * formatted as an empty <backingStore/>. */
    virStorageSource *backingStore;
    unsigned int id;            /* backingStore index= (live XML only) */
};

/* ------------------------------------------------------------------ */
/* Disks                                                              */

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM,
    VIR_DOMAIN_DISK_DEVICE_FLOPPY,
    VIR_DOMAIN_DISK_DEVICE_LUN,

    VIR_DOMAIN_DISK_DEVICE_LAST
} virDomainDiskDevice;

typedef enum {
    VIR_DOMAIN_DISK_BUS_NONE = 0,
    VIR_DOMAIN_DISK_BUS_IDE,
    VIR_DOMAIN_DISK_BUS_FDC,
    VIR_DOMAIN_DISK_BUS_SCSI,
    VIR_DOMAIN_DISK_BUS_VIRTIO,
    VIR_DOMAIN_DISK_BUS_XEN,
    VIR_DOMAIN_DISK_BUS_USB,
    VIR_DOMAIN_DISK_BUS_UML,
    VIR_DOMAIN_DISK_BUS_SATA,
    VIR_DOMAIN_DISK_BUS_SD,

    VIR_DOMAIN_DISK_BUS_LAST
} virDomainDiskBus;

typedef enum {
    VIR_DOMAIN_DISK_CACHE_DEFAULT = 0,
    VIR_DOMAIN_DISK_CACHE_DISABLE,
    VIR_DOMAIN_DISK_CACHE_WRITETHRU,
    VIR_DOMAIN_DISK_CACHE_WRITEBACK,
    VIR_DOMAIN_DISK_CACHE_DIRECTSYNC,
    VIR_DOMAIN_DISK_CACHE_UNSAFE,

    VIR_DOMAIN_DISK_CACHE_LAST
} virDomainDiskCache;

typedef enum {
    VIR_DOMAIN_DISK_ERROR_POLICY_DEFAULT = 0,
    VIR_DOMAIN_DISK_ERROR_POLICY_STOP,
    VIR_DOMAIN_DISK_ERROR_POLICY_REPORT,
    VIR_DOMAIN_DISK_ERROR_POLICY_IGNORE,
    VIR_DOMAIN_DISK_ERROR_POLICY_ENOSPACE,

    VIR_DOMAIN_DISK_ERROR_POLICY_LAST
} virDomainDiskErrorPolicy;

typedef enum {
    VIR_DOMAIN_DISK_IO_DEFAULT = 0,
    VIR_DOMAIN_DISK_IO_NATIVE,
    VIR_DOMAIN_DISK_IO_THREADS,
    VIR_DOMAIN_DISK_IO_URING,

    VIR_DOMAIN_DISK_IO_LAST
} virDomainDiskIo;

typedef enum {
    VIR_DOMAIN_DISK_DISCARD_DEFAULT = 0,
    VIR_DOMAIN_DISK_DISCARD_UNMAP,
    VIR_DOMAIN_DISK_DISCARD_IGNORE,

    VIR_DOMAIN_DISK_DISCARD_LAST
} virDomainDiskDiscard;

typedef enum {
    VIR_DOMAIN_DISK_DETECT_ZEROES_DEFAULT = 0,
    VIR_DOMAIN_DISK_DETECT_ZEROES_OFF,
    VIR_DOMAIN_DISK_DETECT_ZEROES_ON,
    VIR_DOMAIN_DISK_DETECT_ZEROES_UNMAP,

    VIR_DOMAIN_DISK_DETECT_ZEROES_LAST
} virDomainDiskDetectZeroes;

typedef enum {
    VIR_DOMAIN_DISK_TRAY_CLOSED = 0,
    VIR_DOMAIN_DISK_TRAY_OPEN,

    VIR_DOMAIN_DISK_TRAY_LAST
} virDomainDiskTray;

/* Where a disk's (or the memory's) snapshot goes: <disk snapshot=>,
 * and <memory snapshot=> / <disk snapshot=> of snapshot XML. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT = 0,
    VIR_DOMAIN_SNAPSHOT_LOCATION_NO,
    VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL,
    VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL,
    VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL,

    VIR_DOMAIN_SNAPSHOT_LOCATION_LAST
} virDomainSnapshotLocation;

/* <mirror ready=>: how far the job behind a disk mirror has come */
typedef enum {
    VIR_DOMAIN_DISK_MIRROR_STATE_NONE = 0,
    VIR_DOMAIN_DISK_MIRROR_STATE_READY,
    VIR_DOMAIN_DISK_MIRROR_STATE_ABORT,
    VIR_DOMAIN_DISK_MIRROR_STATE_PIVOT,

    VIR_DOMAIN_DISK_MIRROR_STATE_LAST
} virDomainDiskMirrorState;

typedef struct _virDomainDiskDef virDomainDiskDef;
struct _virDomainDiskDef {
    virStorageSource *src;      /* never NULL */
    virDomainDiskDevice device;
    virDomainSnapshotLocation snapshot;    /* <disk snapshot=> */
    virDomainDiskBus bus;
    char *dst;                  /* target dev: vda, hdc ... */
    virDomainDiskTray tray_status;
    virTristateSwitch removable;
    unsigned int rotation_rate;

    /* <driver> */
    char *driverName;
    virDomainDiskCache cachemode;
    virDomainDiskErrorPolicy error_policy;
    virDomainDiskErrorPolicy rerror_policy;
    virDomainDiskIo iomode;
    virTristateSwitch ioeventfd;
    virTristateSwitch event_idx;
    virTristateSwitch copy_on_read;
    virDomainDiskDiscard discard;
    unsigned int iothread;      /* 0 when not given */
    virDomainDiskDetectZeroes detect_zeroes;
    unsigned int queues;
    unsigned int queue_size;

    /* <geometry>: formatted only when cyls, heads and secs are all set */
    struct {
        unsigned int cylinders;
        unsigned int heads;
        unsigned int sectors;
        virDomainDiskGeometryTrans trans;
    } geometry;
    /* <blockio>: 0 when not given */
    struct {
        unsigned int logical_block_size;
        unsigned int physical_block_size;
    } blockio;
    virDomainBlockIoTuneInfo blkdeviotune;
    virStorageEncryption *encryption;   /* <disk><encryption> */

    bool transient;
    char *serial;
    char *wwn;
    char *vendor;
    char *product;
    virDomainDeviceInfo info;

    /* <mirror>, live XML only: where a copy or active commit job of the
     * disk writes; NULL when no such job runs */
    virStorageSource *mirror;
    int mirrorJob;              /* virDomainBlockJobType: COPY, ACTIVE_COMMIT */
    virDomainDiskMirrorState mirrorState;
};

/* ------------------------------------------------------------------ */
/* Controllers                                                        */

typedef enum {
    VIR_DOMAIN_CONTROLLER_TYPE_IDE = 0,
    VIR_DOMAIN_CONTROLLER_TYPE_FDC,
    VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
    VIR_DOMAIN_CONTROLLER_TYPE_SATA,
    VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_CONTROLLER_TYPE_CCID,
    VIR_DOMAIN_CONTROLLER_TYPE_USB,
    VIR_DOMAIN_CONTROLLER_TYPE_PCI,
    VIR_DOMAIN_CONTROLLER_TYPE_XENBUS,
    VIR_DOMAIN_CONTROLLER_TYPE_ISA,

    VIR_DOMAIN_CONTROLLER_TYPE_LAST
} virDomainControllerType;

typedef struct _virDomainControllerDef virDomainControllerDef;
struct _virDomainControllerDef {
    virDomainControllerType type;
    int idx;
    int model;                  /* -1 when absent; else the enum of type */

    int ports;                  /* usb, virtio-serial; -1 when absent */
    /* virtio-serial */
    int vectors;                /* -1 when absent */
    /* xenbus */
    int maxGrantFrames;         /* -1 when absent */
    int maxEventChannels;       /* -1 when absent */
    /* pci */
    int pciModelName;           /* -1 when absent */
    int chassisNr;              /* the ints below: -1 when absent */
    int chassis;
    int port;
    int busNr;
    int targetIndex;
    virTristateSwitch hotplug;
    /* <driver> */
    unsigned int queues;
    unsigned int cmd_per_lun;
    unsigned int max_sectors;
    virTristateSwitch ioeventfd;
    unsigned int iothread;

    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Network interfaces                                                 */

typedef enum {
    VIR_DOMAIN_NET_TYPE_USER = 0,
    VIR_DOMAIN_NET_TYPE_ETHERNET,
    VIR_DOMAIN_NET_TYPE_VHOSTUSER,
    VIR_DOMAIN_NET_TYPE_SERVER,
    VIR_DOMAIN_NET_TYPE_CLIENT,
    VIR_DOMAIN_NET_TYPE_MCAST,
    VIR_DOMAIN_NET_TYPE_NETWORK,
    VIR_DOMAIN_NET_TYPE_BRIDGE,
    VIR_DOMAIN_NET_TYPE_INTERNAL,
    VIR_DOMAIN_NET_TYPE_DIRECT,
    VIR_DOMAIN_NET_TYPE_HOSTDEV,
    VIR_DOMAIN_NET_TYPE_UDP,
    VIR_DOMAIN_NET_TYPE_VDPA,
    VIR_DOMAIN_NET_TYPE_NULL,
    VIR_DOMAIN_NET_TYPE_VDS,

    VIR_DOMAIN_NET_TYPE_LAST
} virDomainNetType;

typedef enum {
    VIR_NETDEV_MACVLAN_MODE_VEPA = 0,
    VIR_NETDEV_MACVLAN_MODE_PRIVATE,
    VIR_NETDEV_MACVLAN_MODE_BRIDGE,
    VIR_NETDEV_MACVLAN_MODE_PASSTHRU,

    VIR_NETDEV_MACVLAN_MODE_LAST
} virNetDevMacVLanMode;

typedef enum {
    VIR_DOMAIN_NET_BACKEND_DEFAULT = 0,
    VIR_DOMAIN_NET_BACKEND_QEMU,
    VIR_DOMAIN_NET_BACKEND_VHOST,

    VIR_DOMAIN_NET_BACKEND_LAST
} virDomainNetDriverName;

typedef enum {
    VIR_DOMAIN_NET_INTERFACE_LINK_STATE_DEFAULT = 0,
    VIR_DOMAIN_NET_INTERFACE_LINK_STATE_UP,
    VIR_DOMAIN_NET_INTERFACE_LINK_STATE_DOWN,

    VIR_DOMAIN_NET_INTERFACE_LINK_STATE_LAST
} virDomainNetInterfaceLinkState;

#define VIR_MAC_BUFLEN 6
#define VIR_MAC_STRING_BUFLEN (VIR_MAC_BUFLEN * 3)

/* <vlan><tag nativeMode=> */
typedef enum {
    VIR_NATIVE_VLAN_MODE_DEFAULT = 0,
    VIR_NATIVE_VLAN_MODE_TAGGED,
    VIR_NATIVE_VLAN_MODE_UNTAGGED,

    VIR_NATIVE_VLAN_MODE_LAST
} virNativeVlanMode;

/* <bandwidth><inbound|outbound>: 0 means not set */
typedef struct _virNetDevBandwidthRate virNetDevBandwidthRate;
struct _virNetDevBandwidthRate {
    unsigned long long average;     /* KiB/s */
    unsigned long long peak;
    unsigned long long floor;       /* inbound only */
    unsigned long long burst;       /* KiB */
};

typedef struct _virDomainNetDef virDomainNetDef;
struct _virDomainNetDef {
    virDomainNetType type;
    unsigned char mac[VIR_MAC_BUFLEN];
    char *macType;              /* <mac type=> as given */
    virTristateBool macCheck;   /* <mac check=> */
    char *sourceNetwork;        /* type='network' */
    char *sourcePortgroup;
    char *sourceBridge;         /* type='bridge' */
    char *sourceDev;            /* type='direct' */
    virNetDevMacVLanMode sourceMode;
    char *ifname;               /* <target dev=> */
    virTristateBool managedTap; /* <target managed=> */
    char *model;                /* <model type=>, any word qemu knows */
    virDomainNetDriverName driverName;
    unsigned int driverQueues;
    virDomainNetInterfaceLinkState linkstate;
    unsigned int mtu;
    /* <vlan> */
    unsigned int *vlanTags;
    size_t nvlanTags;
    bool vlanTrunk;             /* trunk='yes' or more than one tag */
    virNativeVlanMode vlanNativeMode;
    unsigned int vlanNativeTag;
    /* <bandwidth>: NULL when absent */
    virNetDevBandwidthRate *bandwidthIn;
    virNetDevBandwidthRate *bandwidthOut;
    /* type='vhostuser': <source type='unix' path= mode=> */
    char *vhostuserPath;
    bool vhostuserServer;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Character devices: <serial>, <console>, <channel>                  */

typedef enum {
    VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL = 0,
    VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL,

    VIR_DOMAIN_CHR_DEVICE_TYPE_LAST
} virDomainChrDeviceType;

typedef enum {
    VIR_DOMAIN_CHR_TYPE_NULL = 0,
    VIR_DOMAIN_CHR_TYPE_VC,
    VIR_DOMAIN_CHR_TYPE_PTY,
    VIR_DOMAIN_CHR_TYPE_DEV,
    VIR_DOMAIN_CHR_TYPE_FILE,
    VIR_DOMAIN_CHR_TYPE_PIPE,
    VIR_DOMAIN_CHR_TYPE_STDIO,
    VIR_DOMAIN_CHR_TYPE_UDP,
    VIR_DOMAIN_CHR_TYPE_TCP,
    VIR_DOMAIN_CHR_TYPE_UNIX,
    VIR_DOMAIN_CHR_TYPE_SPICEVMC,
    VIR_DOMAIN_CHR_TYPE_SPICEPORT,
    VIR_DOMAIN_CHR_TYPE_NMDM,
    VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT,
    VIR_DOMAIN_CHR_TYPE_DBUS,

    VIR_DOMAIN_CHR_TYPE_LAST
} virDomainChrType;

typedef enum {
    VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW = 0,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TLS,

    VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST
} virDomainChrTcpProtocol;

/* <serial><target type=> */
typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG,

    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST
} virDomainChrSerialTargetType;

/* <serial><target><model name=> */
typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE = 0,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_USB_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PCI_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SPAPR_VTY,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PL011,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPCONSOLE,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPLMCONSOLE,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_16550A,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_DEBUGCON,

    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST
} virDomainChrSerialTargetModel;

/* <console><target type=> */
typedef enum {
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_XEN,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_UML,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LXC,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_OPENVZ,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLPLM,

    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST
} virDomainChrConsoleTargetType;

/* <channel><target type=> */
typedef enum {
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_XEN,

    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST
} virDomainChrChannelTargetType;

typedef struct _virDomainChrSourceDef virDomainChrSourceDef;
struct _virDomainChrSourceDef {
    virDomainChrType type;
    char *path;                 /* pty, dev, file, pipe, unix */
    virTristateSwitch append;   /* file */
    bool listen;                /* tcp, unix: mode='bind' */
    char *host;                 /* tcp; udp connect side */
    char *service;
    char *bindHost;             /* udp bind side */
    char *bindService;
    virDomainChrTcpProtocol protocol;
    char *channel;              /* spiceport */
};

typedef struct _virDomainChrDef virDomainChrDef;
/* What QEMU last said of the guest side of a virtio channel. */
typedef enum {
    VIR_DOMAIN_CHR_DEVICE_STATE_DEFAULT = 0,
    VIR_DOMAIN_CHR_DEVICE_STATE_CONNECTED,
    VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED,

    VIR_DOMAIN_CHR_DEVICE_STATE_LAST
} virDomainChrDeviceState;

VIR_ENUM_DECL(virDomainChrDeviceState);

struct _virDomainChrDef {
    virDomainChrDeviceType deviceType;
    int targetType;             /* serial or console target enum */
    int targetModel;            /* serial only */
    int port;                   /* -1 before one is assigned; guestfwd port */
    char *targetName;           /* channel virtio, xen: name= */
    char *targetAddr;           /* channel guestfwd: address=, canonical */
    virDomainChrDeviceState state;  /* channel virtio: live only */
    virDomainChrSourceDef source;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Smartcards (domain_smartcard_conf.c)                               */

typedef enum {
    VIR_DOMAIN_SMARTCARD_TYPE_HOST = 0,
    VIR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES,
    VIR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH,

    VIR_DOMAIN_SMARTCARD_TYPE_LAST
} virDomainSmartcardType;

/* host-certificates mode takes exactly this many */
#define VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES 3

typedef struct _virDomainSmartcardDef virDomainSmartcardDef;
struct _virDomainSmartcardDef {
    virDomainSmartcardType type;    /* mode= */
    /* host-certificates: NSS nicknames, "" when the element is empty */
    char *certificates[VIR_DOMAIN_SMARTCARD_NUM_CERTIFICATES];
    char *database;                 /* host-certificates: absolute dir, or NULL */
    virDomainChrSourceDef passthru; /* passthrough: the host side */
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Graphics, video, input, memballoon                                 */

typedef enum {
    VIR_DOMAIN_GRAPHICS_TYPE_SDL = 0,
    VIR_DOMAIN_GRAPHICS_TYPE_VNC,
    VIR_DOMAIN_GRAPHICS_TYPE_RDP,
    VIR_DOMAIN_GRAPHICS_TYPE_DESKTOP,
    VIR_DOMAIN_GRAPHICS_TYPE_SPICE,
    VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS,
    VIR_DOMAIN_GRAPHICS_TYPE_DBUS,

    VIR_DOMAIN_GRAPHICS_TYPE_LAST
} virDomainGraphicsType;

typedef enum {
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE = 0,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET,

    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST
} virDomainGraphicsListenType;

typedef struct _virDomainGraphicsListenDef virDomainGraphicsListenDef;
struct _virDomainGraphicsListenDef {
    virDomainGraphicsListenType type;
    char *address;
    char *network;
    char *socket;
};

typedef struct _virDomainGraphicsDef virDomainGraphicsDef;
struct _virDomainGraphicsDef {
    virDomainGraphicsType type;
    int port;                   /* vnc, spice: -1 when automatic */
    int tlsPort;                /* spice: -1 when automatic */
    bool autoport;
    int websocket;              /* vnc: 0 when absent */
    char *keymap;
    char *passwd;               /* formatted only with FORMAT_SECURE */
    char *sharePolicy;          /* vnc sharePolicy word */
    char *defaultMode;          /* spice defaultMode word */
    char *display;              /* sdl */
    char *xauth;                /* sdl */
    virTristateBool fullscreen; /* sdl */
    virDomainGraphicsListenDef *listens;
    size_t nlistens;
};

typedef enum {
    VIR_DOMAIN_VIDEO_TYPE_DEFAULT = 0,
    VIR_DOMAIN_VIDEO_TYPE_VGA,
    VIR_DOMAIN_VIDEO_TYPE_CIRRUS,
    VIR_DOMAIN_VIDEO_TYPE_VMVGA,
    VIR_DOMAIN_VIDEO_TYPE_XEN,
    VIR_DOMAIN_VIDEO_TYPE_VBOX,
    VIR_DOMAIN_VIDEO_TYPE_QXL,
    VIR_DOMAIN_VIDEO_TYPE_PARALLELS,
    VIR_DOMAIN_VIDEO_TYPE_VIRTIO,
    VIR_DOMAIN_VIDEO_TYPE_GOP,
    VIR_DOMAIN_VIDEO_TYPE_NONE,
    VIR_DOMAIN_VIDEO_TYPE_BOCHS,
    VIR_DOMAIN_VIDEO_TYPE_RAMFB,

    VIR_DOMAIN_VIDEO_TYPE_LAST
} virDomainVideoType;

typedef struct _virDomainVideoDef virDomainVideoDef;
struct _virDomainVideoDef {
    virDomainVideoType type;
    unsigned int ram;           /* KiB, qxl only; 0 when absent */
    unsigned int vram;          /* KiB */
    unsigned int vgamem;        /* KiB */
    unsigned int heads;
    bool primary;
    virTristateBool accel3d;
    virTristateBool accel2d;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_INPUT_TYPE_MOUSE = 0,
    VIR_DOMAIN_INPUT_TYPE_TABLET,
    VIR_DOMAIN_INPUT_TYPE_KBD,
    VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH,
    VIR_DOMAIN_INPUT_TYPE_EVDEV,

    VIR_DOMAIN_INPUT_TYPE_LAST
} virDomainInputType;

typedef enum {
    VIR_DOMAIN_INPUT_BUS_DEFAULT = 0,
    VIR_DOMAIN_INPUT_BUS_PS2,
    VIR_DOMAIN_INPUT_BUS_USB,
    VIR_DOMAIN_INPUT_BUS_XEN,
    VIR_DOMAIN_INPUT_BUS_PARALLELS,
    VIR_DOMAIN_INPUT_BUS_VIRTIO,
    VIR_DOMAIN_INPUT_BUS_NONE,

    VIR_DOMAIN_INPUT_BUS_LAST
} virDomainInputBus;

typedef struct _virDomainInputDef virDomainInputDef;
struct _virDomainInputDef {
    virDomainInputType type;
    virDomainInputBus bus;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO = 0,
    VIR_DOMAIN_MEMBALLOON_MODEL_XEN,
    VIR_DOMAIN_MEMBALLOON_MODEL_NONE,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL,

    VIR_DOMAIN_MEMBALLOON_MODEL_LAST
} virDomainMemballoonModel;

typedef struct _virDomainMemballoonDef virDomainMemballoonDef;
struct _virDomainMemballoonDef {
    virDomainMemballoonModel model;
    virTristateSwitch autodeflate;
    virTristateSwitch free_page_reporting;
    unsigned int period;        /* <stats period=>, 0 when absent */
    bool hasPeriod;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* <os>                                                               */

typedef enum {
    VIR_DOMAIN_BOOT_FLOPPY = 0,
    VIR_DOMAIN_BOOT_CDROM,
    VIR_DOMAIN_BOOT_DISK,
    VIR_DOMAIN_BOOT_NET,

    VIR_DOMAIN_BOOT_LAST
} virDomainBootOrder;

/* libvirt keeps at most this many <boot dev=> elements */
#define VIR_DOMAIN_MAX_BOOT_DEVS 4

typedef enum {
    VIR_DOMAIN_LOADER_TYPE_NONE = 0,
    VIR_DOMAIN_LOADER_TYPE_ROM,
    VIR_DOMAIN_LOADER_TYPE_PFLASH,

    VIR_DOMAIN_LOADER_TYPE_LAST
} virDomainLoader;

typedef enum {
    VIR_DOMAIN_OS_DEF_FIRMWARE_NONE = 0,
    VIR_DOMAIN_OS_DEF_FIRMWARE_BIOS,
    VIR_DOMAIN_OS_DEF_FIRMWARE_EFI,

    VIR_DOMAIN_OS_DEF_FIRMWARE_LAST
} virDomainOsDefFirmware;

typedef struct _virDomainLoaderDef virDomainLoaderDef;
struct _virDomainLoaderDef {
    char *path;
    virTristateBool readonly;
    virDomainLoader type;
    virTristateBool secure;
    char *nvram;                /* <nvram> content */
    char *nvramTemplate;        /* <nvram template=> */
};

typedef struct _virDomainOSEnv virDomainOSEnv;
struct _virDomainOSEnv {
    char *name;
    char *value;
};

typedef struct _virDomainOSDef virDomainOSDef;
struct _virDomainOSDef {
    virDomainOSType type;
    virDomainOsDefFirmware firmware;
    virArch arch;
    char *machine;
    virDomainLoaderDef *loader;
    size_t nBootDevs;
    virDomainBootOrder bootDevs[VIR_DOMAIN_MAX_BOOT_DEVS];
    virTristateBool bootmenu;
    unsigned int bm_timeout;
    bool bm_timeout_set;
    char *kernel;
    char *initrd;
    char *cmdline;
    char *dtb;
    char *root;
    /* os type='exe' (containers) */
    char *init;
    char **initargv;            /* NULL-terminated */
    virDomainOSEnv **initenv;   /* NULL-terminated */
    char *initdir;
    char *inituser;
    char *initgroup;
};

/* ------------------------------------------------------------------ */
/* <features>                                                         */

typedef enum {
    VIR_DOMAIN_FEATURE_ACPI = 0,
    VIR_DOMAIN_FEATURE_APIC,
    VIR_DOMAIN_FEATURE_PAE,
    VIR_DOMAIN_FEATURE_HAP,
    VIR_DOMAIN_FEATURE_VIRIDIAN,
    VIR_DOMAIN_FEATURE_PRIVNET,
    VIR_DOMAIN_FEATURE_HYPERV,
    VIR_DOMAIN_FEATURE_KVM,
    VIR_DOMAIN_FEATURE_PVSPINLOCK,
    VIR_DOMAIN_FEATURE_CAPABILITIES,
    VIR_DOMAIN_FEATURE_PMU,
    VIR_DOMAIN_FEATURE_VMPORT,
    VIR_DOMAIN_FEATURE_GIC,
    VIR_DOMAIN_FEATURE_SMM,
    VIR_DOMAIN_FEATURE_IOAPIC,
    VIR_DOMAIN_FEATURE_HPT,
    VIR_DOMAIN_FEATURE_VMCOREINFO,
    VIR_DOMAIN_FEATURE_HTM,
    VIR_DOMAIN_FEATURE_NESTED_HV,
    VIR_DOMAIN_FEATURE_MSRS,
    VIR_DOMAIN_FEATURE_CCF_ASSIST,
    VIR_DOMAIN_FEATURE_XEN,
    VIR_DOMAIN_FEATURE_CFPC,
    VIR_DOMAIN_FEATURE_SBBC,
    VIR_DOMAIN_FEATURE_IBS,
    VIR_DOMAIN_FEATURE_TCG,

    VIR_DOMAIN_FEATURE_LAST
} virDomainFeature;

typedef enum {
    VIR_GIC_VERSION_NONE = 0,
    VIR_GIC_VERSION_HOST,
    VIR_GIC_VERSION_2,
    VIR_GIC_VERSION_3,

    VIR_GIC_VERSION_LAST
} virGICVersion;

typedef enum {
    VIR_DOMAIN_IOAPIC_NONE = 0,
    VIR_DOMAIN_IOAPIC_QEMU,
    VIR_DOMAIN_IOAPIC_KVM,

    VIR_DOMAIN_IOAPIC_LAST
} virDomainIOAPIC;

typedef enum {
    VIR_DOMAIN_HPT_RESIZING_NONE = 0,
    VIR_DOMAIN_HPT_RESIZING_ENABLED,
    VIR_DOMAIN_HPT_RESIZING_DISABLED,
    VIR_DOMAIN_HPT_RESIZING_REQUIRED,

    VIR_DOMAIN_HPT_RESIZING_LAST
} virDomainHPTResizing;

typedef enum {
    VIR_DOMAIN_MSRS_UNKNOWN_IGNORE = 0,

    VIR_DOMAIN_MSRS_UNKNOWN_LAST
} virDomainMsrsUnknown;

typedef enum {
    VIR_DOMAIN_CFPC_NONE = 0,
    VIR_DOMAIN_CFPC_BROKEN,
    VIR_DOMAIN_CFPC_WORKAROUND,
    VIR_DOMAIN_CFPC_FIXED,

    VIR_DOMAIN_CFPC_LAST
} virDomainCFPC;

typedef enum {
    VIR_DOMAIN_SBBC_NONE = 0,
    VIR_DOMAIN_SBBC_BROKEN,
    VIR_DOMAIN_SBBC_WORKAROUND,
    VIR_DOMAIN_SBBC_FIXED,

    VIR_DOMAIN_SBBC_LAST
} virDomainSBBC;

typedef enum {
    VIR_DOMAIN_IBS_NONE = 0,
    VIR_DOMAIN_IBS_BROKEN,
    VIR_DOMAIN_IBS_WORKAROUND,
    VIR_DOMAIN_IBS_FIXEDIBS,
    VIR_DOMAIN_IBS_FIXEDCCD,
    VIR_DOMAIN_IBS_FIXEDNA,

    VIR_DOMAIN_IBS_LAST
} virDomainIBS;

typedef enum {
    VIR_DOMAIN_HYPERV_RELAXED = 0,
    VIR_DOMAIN_HYPERV_VAPIC,
    VIR_DOMAIN_HYPERV_SPINLOCKS,
    VIR_DOMAIN_HYPERV_VPINDEX,
    VIR_DOMAIN_HYPERV_RUNTIME,
    VIR_DOMAIN_HYPERV_SYNIC,
    VIR_DOMAIN_HYPERV_STIMER,
    VIR_DOMAIN_HYPERV_RESET,
    VIR_DOMAIN_HYPERV_VENDOR_ID,
    VIR_DOMAIN_HYPERV_FREQUENCIES,
    VIR_DOMAIN_HYPERV_REENLIGHTENMENT,
    VIR_DOMAIN_HYPERV_TLBFLUSH,
    VIR_DOMAIN_HYPERV_IPI,
    VIR_DOMAIN_HYPERV_EVMCS,
    VIR_DOMAIN_HYPERV_AVIC,

    VIR_DOMAIN_HYPERV_LAST
} virDomainHyperv;

typedef enum {
    VIR_DOMAIN_HYPERV_MODE_NONE = 0,
    VIR_DOMAIN_HYPERV_MODE_CUSTOM,
    VIR_DOMAIN_HYPERV_MODE_PASSTHROUGH,

    VIR_DOMAIN_HYPERV_MODE_LAST
} virDomainHypervMode;

typedef enum {
    VIR_DOMAIN_KVM_HIDDEN = 0,
    VIR_DOMAIN_KVM_DEDICATED,
    VIR_DOMAIN_KVM_POLLCONTROL,
    VIR_DOMAIN_KVM_PVIPI,
    VIR_DOMAIN_KVM_DIRTY_RING,

    VIR_DOMAIN_KVM_LAST
} virDomainKVM;

/* <features><hyperv> and <kvm> (domain_hyperv_conf.c) */
typedef struct _virDomainHypervFeatures virDomainHypervFeatures;
struct _virDomainHypervFeatures {
    virDomainHypervMode mode;
    virTristateSwitch features[VIR_DOMAIN_HYPERV_LAST];
    unsigned int spinlocks;     /* retries */
    virTristateSwitch stimer_direct;
    char *vendor_id;
    virTristateSwitch kvm[VIR_DOMAIN_KVM_LAST];
    unsigned int dirty_ring_size;
};

/* ------------------------------------------------------------------ */
/* <clock>                                                            */

typedef enum {
    VIR_DOMAIN_CLOCK_OFFSET_UTC = 0,
    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME,
    VIR_DOMAIN_CLOCK_OFFSET_VARIABLE,
    VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE,
    VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE,

    VIR_DOMAIN_CLOCK_OFFSET_LAST
} virDomainClockOffsetType;

typedef enum {
    VIR_DOMAIN_CLOCK_BASIS_UTC = 0,
    VIR_DOMAIN_CLOCK_BASIS_LOCALTIME,

    VIR_DOMAIN_CLOCK_BASIS_LAST
} virDomainClockBasis;

typedef enum {
    VIR_DOMAIN_TIMER_NAME_PLATFORM = 0,
    VIR_DOMAIN_TIMER_NAME_PIT,
    VIR_DOMAIN_TIMER_NAME_RTC,
    VIR_DOMAIN_TIMER_NAME_HPET,
    VIR_DOMAIN_TIMER_NAME_TSC,
    VIR_DOMAIN_TIMER_NAME_KVMCLOCK,
    VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK,
    VIR_DOMAIN_TIMER_NAME_ARMVTIMER,

    VIR_DOMAIN_TIMER_NAME_LAST
} virDomainTimerNameType;

typedef enum {
    VIR_DOMAIN_TIMER_TRACK_NONE = 0,
    VIR_DOMAIN_TIMER_TRACK_BOOT,
    VIR_DOMAIN_TIMER_TRACK_GUEST,
    VIR_DOMAIN_TIMER_TRACK_WALL,
    VIR_DOMAIN_TIMER_TRACK_REALTIME,

    VIR_DOMAIN_TIMER_TRACK_LAST
} virDomainTimerTrackType;

typedef enum {
    VIR_DOMAIN_TIMER_TICKPOLICY_NONE = 0,
    VIR_DOMAIN_TIMER_TICKPOLICY_DELAY,
    VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP,
    VIR_DOMAIN_TIMER_TICKPOLICY_MERGE,
    VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD,

    VIR_DOMAIN_TIMER_TICKPOLICY_LAST
} virDomainTimerTickpolicyType;

typedef enum {
    VIR_DOMAIN_TIMER_MODE_NONE = 0,
    VIR_DOMAIN_TIMER_MODE_AUTO,
    VIR_DOMAIN_TIMER_MODE_NATIVE,
    VIR_DOMAIN_TIMER_MODE_EMULATE,
    VIR_DOMAIN_TIMER_MODE_PARAVIRT,
    VIR_DOMAIN_TIMER_MODE_SMPSAFE,

    VIR_DOMAIN_TIMER_MODE_LAST
} virDomainTimerModeType;

typedef struct _virDomainTimerDef virDomainTimerDef;
struct _virDomainTimerDef {
    virDomainTimerNameType name;
    virTristateBool present;
    virDomainTimerTickpolicyType tickpolicy;
    virDomainTimerTrackType track;
    unsigned long long frequency;   /* Hz, 0 when absent */
    virDomainTimerModeType mode;
    /* <catchup> of tickpolicy='catchup'; 0 when absent */
    unsigned long threshold;
    unsigned long slew;
    unsigned long limit;
};

typedef struct _virDomainClockDef virDomainClockDef;
struct _virDomainClockDef {
    virDomainClockOffsetType offset;
    /* offset='utc'|'localtime': adjustment='reset' */
    bool adjustmentReset;
    /* offset='variable' */
    long long adjustment;
    virDomainClockBasis basis;
    char *timezone;             /* offset='timezone' */
    unsigned long long start;   /* offset='absolute' */
    virDomainTimerDef **timers;
    size_t ntimers;
};

/* ------------------------------------------------------------------ */
/* <numatune>, <pm>                                                   */

/* virDomainNumatuneMemMode is the public enum (libvirt-domain.h) */
#define VIR_DOMAIN_NUMATUNE_MEM_MODES (VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE + 1)

typedef enum {
    VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC = 0,
    VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO,

    VIR_DOMAIN_CPU_PLACEMENT_MODE_LAST
} virDomainCpuPlacementMode;

typedef struct _virDomainNumatuneDef virDomainNumatuneDef;
struct _virDomainNumatuneDef {
    bool present;               /* a <numatune><memory> exists */
    virDomainNumatuneMemMode mode;
    virDomainCpuPlacementMode placement;
    char *nodeset;              /* normalized range list, placement static */
};

typedef struct _virDomainPowerManagement virDomainPowerManagement;
struct _virDomainPowerManagement {
    virTristateBool s3;         /* <suspend-to-mem enabled=> */
    virTristateBool s4;         /* <suspend-to-disk enabled=> */
};

/* ------------------------------------------------------------------ */
/* <filesystem>, <sound>, <watchdog>, <rng>, <tpm>, <panic>,          */
/* <redirdev> (domain_misc_device_conf.c), <hostdev>                  */
/* (domain_hostdev_conf.c)                                            */

typedef enum {
    VIR_DOMAIN_FS_TYPE_MOUNT = 0,
    VIR_DOMAIN_FS_TYPE_BLOCK,
    VIR_DOMAIN_FS_TYPE_FILE,
    VIR_DOMAIN_FS_TYPE_TEMPLATE,
    VIR_DOMAIN_FS_TYPE_RAM,
    VIR_DOMAIN_FS_TYPE_BIND,
    VIR_DOMAIN_FS_TYPE_VOLUME,

    VIR_DOMAIN_FS_TYPE_LAST
} virDomainFSType;

typedef enum {
    VIR_DOMAIN_FS_DRIVER_TYPE_DEFAULT = 0,
    VIR_DOMAIN_FS_DRIVER_TYPE_PATH,
    VIR_DOMAIN_FS_DRIVER_TYPE_HANDLE,
    VIR_DOMAIN_FS_DRIVER_TYPE_LOOP,
    VIR_DOMAIN_FS_DRIVER_TYPE_NBD,
    VIR_DOMAIN_FS_DRIVER_TYPE_PLOOP,
    VIR_DOMAIN_FS_DRIVER_TYPE_VIRTIOFS,

    VIR_DOMAIN_FS_DRIVER_TYPE_LAST
} virDomainFSDriverType;

typedef enum {
    VIR_DOMAIN_FS_ACCESSMODE_DEFAULT = 0,
    VIR_DOMAIN_FS_ACCESSMODE_PASSTHROUGH,
    VIR_DOMAIN_FS_ACCESSMODE_MAPPED,
    VIR_DOMAIN_FS_ACCESSMODE_SQUASH,

    VIR_DOMAIN_FS_ACCESSMODE_LAST
} virDomainFSAccessMode;

typedef struct _virDomainFSDef virDomainFSDef;
struct _virDomainFSDef {
    virDomainFSType type;
    virDomainFSAccessMode accessmode;
    virDomainFSDriverType fsdriver;
    virStorageFileFormat format;    /* <driver format=> */
    unsigned int queue_size;
    char *src;                  /* <source dir|dev|file|name=> */
    char *dst;                  /* <target dir=> */
    bool readonly;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_SOUND_MODEL_SB16 = 0,
    VIR_DOMAIN_SOUND_MODEL_ES1370,
    VIR_DOMAIN_SOUND_MODEL_PCSPK,
    VIR_DOMAIN_SOUND_MODEL_AC97,
    VIR_DOMAIN_SOUND_MODEL_ICH6,
    VIR_DOMAIN_SOUND_MODEL_ICH9,
    VIR_DOMAIN_SOUND_MODEL_USB,
    VIR_DOMAIN_SOUND_MODEL_ICH7,

    VIR_DOMAIN_SOUND_MODEL_LAST
} virDomainSoundModel;

typedef enum {
    VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX = 0,
    VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO,
    VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT,

    VIR_DOMAIN_SOUND_CODEC_TYPE_LAST
} virDomainSoundCodecType;

typedef struct _virDomainSoundDef virDomainSoundDef;
struct _virDomainSoundDef {
    virDomainSoundModel model;
    virDomainSoundCodecType *codecs;
    size_t ncodecs;
    unsigned int audioId;       /* <audio id='N'/>: 0 for the first <audio> */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_AUDIO_TYPE_NONE = 0,
    VIR_DOMAIN_AUDIO_TYPE_ALSA,
    VIR_DOMAIN_AUDIO_TYPE_COREAUDIO,
    VIR_DOMAIN_AUDIO_TYPE_JACK,
    VIR_DOMAIN_AUDIO_TYPE_OSS,
    VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO,
    VIR_DOMAIN_AUDIO_TYPE_SDL,
    VIR_DOMAIN_AUDIO_TYPE_SPICE,
    VIR_DOMAIN_AUDIO_TYPE_FILE,
    VIR_DOMAIN_AUDIO_TYPE_DBUS,
    VIR_DOMAIN_AUDIO_TYPE_PIPEWIRE,

    VIR_DOMAIN_AUDIO_TYPE_LAST
} virDomainAudioType;

typedef enum {
    VIR_DOMAIN_AUDIO_SDL_DRIVER_DEFAULT = 0,
    VIR_DOMAIN_AUDIO_SDL_DRIVER_ESD,
    VIR_DOMAIN_AUDIO_SDL_DRIVER_ALSA,
    VIR_DOMAIN_AUDIO_SDL_DRIVER_ARTS,
    VIR_DOMAIN_AUDIO_SDL_DRIVER_PULSEAUDIO,

    VIR_DOMAIN_AUDIO_SDL_DRIVER_LAST
} virDomainAudioSDLDriver;

/* One direction (<input> or <output>) of an audio backend; 0 and NULL
 * mean unset. */
typedef struct _virDomainAudioIOCommon virDomainAudioIOCommon;
struct _virDomainAudioIOCommon {
    virTristateBool mixingEngine;
    virTristateBool fixedSettings;
    unsigned int voices;
    unsigned int bufferLength;  /* microseconds */
    char *dev;                  /* alsa */
    char *name;                 /* pulseaudio */
    char *streamName;           /* pulseaudio */
    unsigned int latency;       /* pulseaudio, microseconds */
};

typedef struct _virDomainAudioDef virDomainAudioDef;
struct _virDomainAudioDef {
    virDomainAudioType type;
    unsigned int id;
    unsigned int timerPeriod;   /* microseconds, 0 for QEMU's */
    virDomainAudioIOCommon input;
    virDomainAudioIOCommon output;
    char *serverName;           /* pulseaudio */
    virDomainAudioSDLDriver sdlDriver;
    char *path;                 /* file */
};

VIR_ENUM_DECL(virDomainAudioType);

typedef enum {
    VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB = 0,
    VIR_DOMAIN_WATCHDOG_MODEL_IB700,
    VIR_DOMAIN_WATCHDOG_MODEL_DIAG288,

    VIR_DOMAIN_WATCHDOG_MODEL_LAST
} virDomainWatchdogModel;

typedef enum {
    VIR_DOMAIN_WATCHDOG_ACTION_RESET = 0,
    VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN,
    VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF,
    VIR_DOMAIN_WATCHDOG_ACTION_PAUSE,
    VIR_DOMAIN_WATCHDOG_ACTION_DUMP,
    VIR_DOMAIN_WATCHDOG_ACTION_NONE,
    VIR_DOMAIN_WATCHDOG_ACTION_INJECTNMI,

    VIR_DOMAIN_WATCHDOG_ACTION_LAST
} virDomainWatchdogAction;

typedef struct _virDomainWatchdogDef virDomainWatchdogDef;
struct _virDomainWatchdogDef {
    virDomainWatchdogModel model;
    virDomainWatchdogAction action;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_RNG_MODEL_VIRTIO = 0,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL,

    VIR_DOMAIN_RNG_MODEL_LAST
} virDomainRNGModel;

typedef enum {
    VIR_DOMAIN_RNG_BACKEND_RANDOM = 0,
    VIR_DOMAIN_RNG_BACKEND_EGD,
    VIR_DOMAIN_RNG_BACKEND_BUILTIN,

    VIR_DOMAIN_RNG_BACKEND_LAST
} virDomainRNGBackend;

typedef struct _virDomainRNGDef virDomainRNGDef;
struct _virDomainRNGDef {
    virDomainRNGModel model;
    virDomainRNGBackend backend;
    unsigned int rate;          /* bytes per period, 0 when absent */
    unsigned int period;        /* ms, 0 when absent */
    char *path;                 /* backend random */
    virDomainChrDef *egd;       /* backend egd: its character source */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_TPM_MODEL_DEFAULT = 0,
    VIR_DOMAIN_TPM_MODEL_TIS,
    VIR_DOMAIN_TPM_MODEL_CRB,
    VIR_DOMAIN_TPM_MODEL_SPAPR,
    VIR_DOMAIN_TPM_MODEL_SPAPR_PROXY,

    VIR_DOMAIN_TPM_MODEL_LAST
} virDomainTPMModel;

typedef enum {
    VIR_DOMAIN_TPM_TYPE_PASSTHROUGH = 0,
    VIR_DOMAIN_TPM_TYPE_EMULATOR,

    VIR_DOMAIN_TPM_TYPE_LAST
} virDomainTPMBackendType;

typedef enum {
    VIR_DOMAIN_TPM_VERSION_DEFAULT = 0,
    VIR_DOMAIN_TPM_VERSION_1_2,
    VIR_DOMAIN_TPM_VERSION_2_0,

    VIR_DOMAIN_TPM_VERSION_LAST
} virDomainTPMVersion;

typedef struct _virDomainTPMDef virDomainTPMDef;
struct _virDomainTPMDef {
    virDomainTPMModel model;
    virDomainTPMBackendType type;
    char *device;               /* passthrough <device path=> */
    virDomainTPMVersion version;
    bool persistent_state;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_PANIC_MODEL_DEFAULT = 0,
    VIR_DOMAIN_PANIC_MODEL_ISA,
    VIR_DOMAIN_PANIC_MODEL_PSERIES,
    VIR_DOMAIN_PANIC_MODEL_HYPERV,
    VIR_DOMAIN_PANIC_MODEL_S390,

    VIR_DOMAIN_PANIC_MODEL_LAST
} virDomainPanicModel;

typedef struct _virDomainPanicDef virDomainPanicDef;
struct _virDomainPanicDef {
    virDomainPanicModel model;
    virDomainDeviceInfo info;
};

/* <redirdev bus='usb' type='spicevmc'> */
typedef struct _virDomainRedirdevDef virDomainRedirdevDef;
struct _virDomainRedirdevDef {
    virDomainChrDef *source;    /* its character device source */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB = 0,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV,

    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST
} virDomainHostdevSubsysType;

/* <hostdev mode='subsystem' type='pci|usb'> */
typedef struct _virDomainHostdevDef virDomainHostdevDef;
struct _virDomainHostdevDef {
    virDomainHostdevSubsysType type;
    bool managed;
    virPCIDeviceAddress pciAddr;    /* pci: <source><address> */
    unsigned int usbVendor;         /* usb: <vendor id=> */
    unsigned int usbProduct;
    bool usbHaveAddr;               /* usb: <source><address bus= device=> */
    unsigned int usbBus;
    unsigned int usbDevice;
    char *driverName;               /* pci <driver name=> */
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Resource tuning (domain_tune_conf.c)                               */

typedef enum {
    VIR_DOMAIN_MEMORY_SOURCE_NONE = 0,
    VIR_DOMAIN_MEMORY_SOURCE_FILE,
    VIR_DOMAIN_MEMORY_SOURCE_ANONYMOUS,
    VIR_DOMAIN_MEMORY_SOURCE_MEMFD,

    VIR_DOMAIN_MEMORY_SOURCE_LAST
} virDomainMemorySource;

typedef enum {
    VIR_DOMAIN_MEMORY_ACCESS_DEFAULT = 0,
    VIR_DOMAIN_MEMORY_ACCESS_SHARED,
    VIR_DOMAIN_MEMORY_ACCESS_PRIVATE,

    VIR_DOMAIN_MEMORY_ACCESS_LAST
} virDomainMemoryAccess;

typedef enum {
    VIR_DOMAIN_MEMORY_ALLOCATION_NONE = 0,
    VIR_DOMAIN_MEMORY_ALLOCATION_IMMEDIATE,
    VIR_DOMAIN_MEMORY_ALLOCATION_ONDEMAND,

    VIR_DOMAIN_MEMORY_ALLOCATION_LAST
} virDomainMemoryAllocation;

typedef struct _virDomainHugePage virDomainHugePage;
struct _virDomainHugePage {
    unsigned long long size;    /* KiB */
    char *nodeset;              /* normalized range list, or NULL */
};

/* <memoryBacking> */
typedef struct _virDomainMemoryBacking virDomainMemoryBacking;
struct _virDomainMemoryBacking {
    bool hugepages;             /* <hugepages> present */
    virDomainHugePage *pages;
    size_t npages;
    bool nosharepages;
    bool locked;
    virDomainMemorySource source;
    virDomainMemoryAccess access;
    virDomainMemoryAllocation allocation;
    unsigned int allocationThreads;
    bool discard;
};

/* <memtune>: KiB, 0 when absent */
typedef struct _virDomainMemtuneLimits virDomainMemtuneLimits;
struct _virDomainMemtuneLimits {
    unsigned long long hard_limit;
    unsigned long long soft_limit;
    unsigned long long min_guarantee;
    unsigned long long swap_hard_limit;
};

typedef struct _virBlkioDevice virBlkioDevice;
struct _virBlkioDevice {
    char *path;
    unsigned int weight;
    unsigned int riops;
    unsigned int wiops;
    unsigned long long rbps;
    unsigned long long wbps;
};

/* <blkiotune> */
typedef struct _virDomainBlkiotune virDomainBlkiotune;
struct _virDomainBlkiotune {
    unsigned int weight;        /* 0 when absent */
    virBlkioDevice *devices;
    size_t ndevices;
};

/* <vcpupin>, <iothreadpin> */
typedef struct _virDomainPinDef virDomainPinDef;
struct _virDomainPinDef {
    unsigned int id;
    char *cpuset;               /* normalized range list */
};

/* <cputune>; the numbers are 0 when absent */
typedef struct _virDomainCputune virDomainCputune;
struct _virDomainCputune {
    unsigned long long shares;
    bool sharesSpecified;
    unsigned long long global_period;
    long long global_quota;
    unsigned long long period;
    long long quota;
    unsigned long long emulator_period;
    long long emulator_quota;
    unsigned long long iothread_period;
    long long iothread_quota;
    virDomainPinDef *vcpupins;  /* sorted by vcpu */
    size_t nvcpupins;
    char *emulatorpin;
    virDomainPinDef *iothreadpins;
    size_t niothreadpins;
};

/* ------------------------------------------------------------------ */
/* <sysinfo> (domain_sysinfo_conf.c), <seclabel> (same file)          */

typedef enum {
    VIR_SYSINFO_SECTION_BIOS = 0,
    VIR_SYSINFO_SECTION_SYSTEM,
    VIR_SYSINFO_SECTION_BASEBOARD,
    VIR_SYSINFO_SECTION_CHASSIS,

    VIR_SYSINFO_SECTION_LAST
} virSysinfoSection;

/* One <bios>, <system>, <baseBoard> or <chassis>: its entries in the
 * order libvirt formats them, NULL when absent. */
typedef struct _virSysinfoBlock virSysinfoBlock;
struct _virSysinfoBlock {
    virSysinfoSection section;
    char *values[8];
};

typedef struct _virSysinfoDef virSysinfoDef;
struct _virSysinfoDef {
    virSysinfoBlock **blocks;   /* in the order of libvirt: bios, system, baseBoards, chassis */
    size_t nblocks;
    char **oemStrings;
    size_t noemStrings;
};

typedef enum {
    VIR_DOMAIN_SECLABEL_DEFAULT = 0,
    VIR_DOMAIN_SECLABEL_NONE,
    VIR_DOMAIN_SECLABEL_DYNAMIC,
    VIR_DOMAIN_SECLABEL_STATIC,

    VIR_DOMAIN_SECLABEL_LAST
} virDomainSeclabelType;

typedef struct _virSecurityLabelDef virSecurityLabelDef;
struct _virSecurityLabelDef {
    char *model;
    virDomainSeclabelType type;
    bool relabel;
    char *label;
    char *imagelabel;
    char *baselabel;
};

/* ------------------------------------------------------------------ */
/* Memory devices (domain_memory_conf.c)                              */

typedef enum {
    VIR_DOMAIN_MEMORY_MODEL_NONE = 0,
    VIR_DOMAIN_MEMORY_MODEL_DIMM,
    VIR_DOMAIN_MEMORY_MODEL_NVDIMM,
    VIR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM,
    VIR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM,

    VIR_DOMAIN_MEMORY_MODEL_LAST
} virDomainMemoryModel;

typedef struct _virDomainMemoryDef virDomainMemoryDef;
struct _virDomainMemoryDef {
    virDomainMemoryModel model;
    virDomainMemoryAccess access;
    virTristateBool discard;
    /* <source> */
    unsigned long long pagesize;    /* dimm, virtio-mem: KiB, 0 when absent */
    char *nodemask;                 /* dimm, virtio-mem: normalized range list */
    char *path;                     /* nvdimm, virtio-pmem */
    unsigned long long alignsize;   /* nvdimm: KiB, 0 when absent */
    bool pmem;                      /* nvdimm */
    /* <target> */
    unsigned long long size;        /* KiB */
    int targetNode;                 /* guest NUMA node, -1 when absent */
    unsigned long long labelsize;   /* nvdimm: KiB, 0 when absent */
    unsigned long long blocksize;   /* virtio-mem: KiB */
    unsigned long long requestedsize; /* virtio-mem: KiB */
    bool readonly;                  /* nvdimm */
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* The domain                                                         */

typedef struct _virDomainMemtune virDomainMemtune;
struct _virDomainMemtune {
    unsigned long long max_memory;  /* <memory>, KiB */
    unsigned long long cur_balloon; /* <currentMemory>, KiB */
    virTristateSwitch dump_core;    /* <memory dumpCore=> */
};

typedef struct _virDomainDef virDomainDef;
struct _virDomainDef {
    virDomainVirtType virtType;
    int id;                     /* -1 when not running */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;
    char *title;
    char *description;
    xmlNodePtr metadata;        /* a copy of <metadata>, its own doc; or NULL */

    virDomainMemtune mem;
    unsigned long long max_memory_hotplug;  /* <maxMemory>, KiB; 0 absent */
    unsigned int memory_slots;
    virDomainBlkiotune blkio;
    virDomainMemtuneLimits memtune;
    virDomainMemoryBacking mb;

    unsigned int maxvcpus;      /* <vcpu> */
    unsigned int vcpus;         /* <vcpu current=>, == maxvcpus when absent */
    virDomainCpuPlacementMode placement_mode;
    char *cpuset;               /* normalized range list ("0-1,3") */
    unsigned int iothreads;     /* <iothreads>, 0 when absent */
    virDomainCputune cputune;
    virDomainNumatuneDef numatune;
    virSysinfoDef **sysinfo;    /* <sysinfo type='smbios'> */
    size_t nsysinfo;

    virDomainOSDef os;

    /* indexed by virDomainFeature: a virTristateSwitch, ABSENT if not set */
    int features[VIR_DOMAIN_FEATURE_LAST];
    virTristateSwitch apic_eoi;
    virGICVersion gic_version;
    virDomainIOAPIC ioapic;
    virDomainHPTResizing hpt_resizing;
    virDomainMsrsUnknown msrs_unknown;
    virDomainCFPC cfpc;
    virDomainSBBC sbbc;
    virDomainIBS ibs;
    virDomainHypervFeatures hv;
    unsigned long long tseg_size;   /* <smm><tseg>, bytes */
    bool tseg_specified;

    virCPUDef *cpu;
    virDomainClockDef clock;

    virDomainLifecycleAction onPoweroff;
    virDomainLifecycleAction onReboot;
    virDomainLifecycleAction onCrash;
    virDomainLockFailureAction onLockFailure;
    virDomainPowerManagement pm;

    char *emulator;
    virDomainDiskDef **disks;
    size_t ndisks;
    virDomainControllerDef **controllers;
    size_t ncontrollers;
    virDomainNetDef **nets;
    size_t nnets;
    virDomainChrDef **serials;
    size_t nserials;
    virDomainChrDef **consoles;
    size_t nconsoles;
    virDomainChrDef **channels;
    size_t nchannels;
    virDomainInputDef **inputs;
    size_t ninputs;
    virDomainGraphicsDef **graphics;
    size_t ngraphics;
    virDomainVideoDef **videos;
    size_t nvideos;
    virDomainMemballoonDef *memballoon;

    virDomainFSDef **fss;
    size_t nfss;
    virDomainTPMDef **tpms;
    size_t ntpms;
    virDomainSoundDef **sounds;
    size_t nsounds;
    virDomainAudioDef **audios;
    size_t naudios;
    virDomainHostdevDef **hostdevs;
    size_t nhostdevs;
    virDomainRedirdevDef **redirdevs;
    size_t nredirdevs;
    virDomainWatchdogDef **watchdogs;
    size_t nwatchdogs;
    virDomainRNGDef **rngs;
    size_t nrngs;
    virDomainPanicDef **panics;
    size_t npanics;
    virDomainSmartcardDef **smartcards;
    size_t nsmartcards;
    virDomainMemoryDef **mems;
    size_t nmems;

    virSecurityLabelDef **seclabels;
    size_t nseclabels;
};

VIR_ENUM_DECL(virDomainVirt);
VIR_ENUM_DECL(virDomainRNGBackend);
VIR_ENUM_DECL(virDomainChrSerialTarget);
VIR_ENUM_DECL(virDomainChrConsoleTarget);
VIR_ENUM_DECL(virDomainChrChannelTarget);
VIR_ENUM_DECL(virDomainControllerModelPCI);
VIR_ENUM_DECL(virDomainOS);
VIR_ENUM_DECL(virArch);
VIR_ENUM_DECL(virDomainLifecycleAction);
VIR_ENUM_DECL(virDomainLockFailure);
VIR_ENUM_DECL(virDomainState);
VIR_ENUM_DECL(virDomainDeviceAddress);
VIR_ENUM_DECL(virStorage);
VIR_ENUM_DECL(virStorageNetProtocol);
VIR_ENUM_DECL(virStorageNetHostTransport);
VIR_ENUM_DECL(virDomainDiskDevice);
VIR_ENUM_DECL(virDomainSnapshotLocation);
VIR_ENUM_DECL(virDomainDiskBus);
VIR_ENUM_DECL(virDomainDiskCache);
VIR_ENUM_DECL(virDomainDiskErrorPolicy);
VIR_ENUM_DECL(virDomainDiskIo);
VIR_ENUM_DECL(virDomainDiskDiscard);
VIR_ENUM_DECL(virDomainDiskDetectZeroes);
VIR_ENUM_DECL(virDomainDiskMirrorState);
VIR_ENUM_DECL(virDomainDiskMirrorJob);
VIR_ENUM_DECL(virDomainControllerType);
VIR_ENUM_DECL(virDomainNet);
VIR_ENUM_DECL(virDomainChr);
VIR_ENUM_DECL(virDomainGraphics);
VIR_ENUM_DECL(virDomainVideo);
VIR_ENUM_DECL(virDomainInput);
VIR_ENUM_DECL(virDomainInputBus);
VIR_ENUM_DECL(virDomainMemballoonModel);
VIR_ENUM_DECL(virDomainFeature);
VIR_ENUM_DECL(virDomainClockOffset);
VIR_ENUM_DECL(virDomainTimerName);
VIR_ENUM_DECL(virDomainMemoryAccess);
VIR_ENUM_DECL(virDomainMemoryModel);
VIR_ENUM_DECL(virDomainSmartcard);

virDomainDef *virDomainDefNew(void);
void virDomainDefFree(virDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDef, virDomainDefFree);

virDomainDef *virDomainDefParseString(const char *xml, unsigned int flags);
virDomainDef *virDomainDefParseFile(const char *filename, unsigned int flags);
virDomainDef *virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root,
                                    unsigned int flags);

char *virDomainDefFormat(const virDomainDef *def, unsigned int flags);
int virDomainDefFormatInternal(virBuffer *buf, const virDomainDef *def,
                               unsigned int flags);
int virDomainDefFormatInternalSetRootName(virBuffer *buf,
                                          const virDomainDef *def,
                                          const char *rootname,
                                          unsigned int flags);

virDomainDef *virDomainDefCopy(const virDomainDef *def);

xmlNodePtr virDomainXMLNodeCopy(xmlNodePtr node);
void virDomainXMLNodeFormat(virBuffer *buf, xmlNodePtr node);

virDomainDiskDef *virDomainDiskByName(const virDomainDef *def,
                                      const char *name);
int virDiskNameToIndex(const char *name);

virStorageSource *virStorageSourceNew(void);
void virStorageSourceFree(virStorageSource *src);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageSource, virStorageSourceFree);
int virStorageSourceParseSource(xmlNodePtr node, virStorageSource *src,
                                unsigned int flags);
void virStorageSourceFormatSource(virBuffer *buf,
                                  const virStorageSource *src,
                                  unsigned int flags);
void virStorageSourceNetworkAssignDefaultPorts(virStorageSource *src);

/* domain_schema.c: RelaxNG validation against docs/schemas/ */
char *virConfSchemaPath(const char *format);
int virConfValidateSchema(const char *xml, const char *format);
int virDomainDefValidateSchema(const char *xml);
