/*
 * node_device_conf.h: the node device <device> XML model
 *
 * A node device is a tree of elements whose shape depends on the
 * capability types it holds; the model keeps that tree, each element
 * tied to the description of what it may hold (node_device_conf.c), so
 * that parse, format and validation share one definition per
 * capability type.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

typedef struct _virNodeDevElemInfo virNodeDevElemInfo;

typedef struct _virNodeDevElem virNodeDevElem;
struct _virNodeDevElem {
    const virNodeDevElemInfo *info;
    char **attrs;                   /* per attribute of @info, normalized; NULL: absent */
    char *text;                     /* normalized; NULL: none */
    size_t nchildren;
    virNodeDevElem **children;      /* in the order the format prints them */
};

typedef struct _virNodeDeviceDef virNodeDeviceDef;
struct _virNodeDeviceDef {
    virNodeDevElem *root;           /* <device> */
};

typedef enum {
    /* skip the cross-field rules of virNodeDeviceDefValidate() */
    VIR_NODE_DEVICE_DEF_PARSE_SKIP_VALIDATE = 1 << 0,
} virNodeDeviceDefParseFlags;

void virNodeDeviceDefFree(virNodeDeviceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNodeDeviceDef, virNodeDeviceDefFree);

virNodeDeviceDef *virNodeDeviceDefParseString(const char *xml, unsigned int flags);
virNodeDeviceDef *virNodeDeviceDefParseFile(const char *filename, unsigned int flags);
char *virNodeDeviceDefFormat(const virNodeDeviceDef *def, unsigned int flags);
int virNodeDeviceDefValidate(const virNodeDeviceDef *def);

/* The device's <name> and <parent> text, NULL when absent. */
const char *virNodeDeviceDefGetName(const virNodeDeviceDef *def);
const char *virNodeDeviceDefGetParent(const virNodeDeviceDef *def);

/* Whether the device has a top-level capability of type @type ("pci"). */
bool virNodeDeviceDefHasCap(const virNodeDeviceDef *def, const char *type);
