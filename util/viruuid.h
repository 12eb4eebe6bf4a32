/*
 * viruuid.h: RFC 4122 UUIDs in their raw (16 bytes) and string forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

/* Fill @uuid with a random version-4 UUID. */
void virUUIDGenerate(unsigned char *uuid);

/* Parse "6695eb01-f6a4-8304-79aa-97f2502e193f" (dashes optional between
 * groups, as libvirt accepts) into @uuid; -1 (no error set) if malformed. */
int virUUIDParse(const char *uuidstr, unsigned char *uuid);

/* Format @uuid into @uuidstr (VIR_UUID_STRING_BUFLEN bytes); returns it. */
char *virUUIDFormat(const unsigned char *uuid, char *uuidstr);

/* All-zero or all-same-byte UUIDs are refused by libvirt as invalid. */
bool virUUIDIsValid(const unsigned char *uuid);
