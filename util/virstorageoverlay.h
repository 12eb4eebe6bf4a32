/*
 * virstorageoverlay.h: empty qcow2 overlays written directly
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

int virStorageFileCreateQcow2Overlay(const char *path, const char *backing,
                                     int backingFormat);
