/*
 * virtplug/virtplug.h: the whole plugin SDK in one include
 *
 * libvirt's public API, the plugin descriptor, the driver tables and
 * their registration, the object constructors and error reporting.  A
 * plugin may include the parts instead; each compiles on its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_VIRTPLUG_H
#define VIRTPLUG_VIRTPLUG_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <virtplug/plugin.h>
#include <virtplug/driver-types.h>
#include <virtplug/driver-tables.h>
#include <virtplug/driver-qemu.h>
#include <virtplug/driver.h>
#include <virtplug/objects.h>
#include <virtplug/error.h>

#endif /* VIRTPLUG_VIRTPLUG_H */
