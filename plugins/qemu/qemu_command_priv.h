/*
 * qemu_command_priv.h: what tests/qemuxml2argvtest reaches of the qemu
 * plugin without the plugin being loaded
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#ifndef QEMU_COMMAND_PRIV_H_ALLOW
# error "qemu_command_priv.h is private to the qemu plugin and its tests"
#endif

#include <stdbool.h>

typedef struct _qemuCaps qemuCaps;

/* Where one domain's files live while it runs; the command line names
 * them.  Strings are borrowed. */
typedef struct _qemuCommandPaths qemuCommandPaths;
struct _qemuCommandPaths {
    const char *monitor;        /* QMP socket */
    const char *home;           /* HOME and XDG_* of QEMU */
};

qemuCaps *qemuCapsLoadFile(const char *path);
void qemuCapsUnref(qemuCaps *caps);

/* Flags of qemuCommandLineFromXML(). */
typedef enum {
    /* <domain type='kvm'> runs with TCG (VIRTPLUG_QEMU_FORCE_TCG=1) */
    QEMU_COMMAND_FORCE_TCG = 1 << 0,
    /* one argument per line, as the corpus files hold it */
    QEMU_COMMAND_LINEBREAKS = 1 << 1,
} qemuCommandFlags;

/* The command line for domain @xml under the files of @root (its
 * libvirt embed layout), as virConnectDomainXMLToNative() prints it.
 * Returns a new string, or NULL with an error set. */
char *qemuCommandLineFromXML(const char *xml, qemuCaps *caps,
                             const char *root, unsigned int flags);

/* Domain @xml as the qemu driver completes it when it is defined (its
 * defaults, devices and PCI addresses), formatted as virsh dumpxml
 * prints a defined domain.  Returns a new string, or NULL with an
 * error set. */
char *qemuDomainXMLFromXML(const char *xml, qemuCaps *caps);
