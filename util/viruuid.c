/*
 * viruuid.c: RFC 4122 UUIDs in their raw (16 bytes) and string forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <sys/random.h>

#include "internal.h"
#include "viruuid.h"

static void
virUUIDFillRandom(unsigned char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += n;
    }

    /* getrandom() fails only on kernels older than 3.17; GLib's
     * generator is seeded from /dev/urandom and is good enough for an
     * identifier that need not be secret. */
    for (; got < len; got++)
        buf[got] = g_random_int_range(0, 256);
}


/**
 * virUUIDGenerate:
 * @uuid: VIR_UUID_BUFLEN bytes, filled with a random version-4 UUID
 */
void
virUUIDGenerate(unsigned char *uuid)
{
    virUUIDFillRandom(uuid, VIR_UUID_BUFLEN);
    uuid[6] = (uuid[6] & 0x0f) | 0x40;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
}


/**
 * virUUIDParse:
 * @uuidstr: 32 hex digits, with '-' allowed between any two bytes and
 *           white space around, as libvirt accepts
 * @uuid: VIR_UUID_BUFLEN bytes, filled on success
 *
 * Returns 0, or -1 (no error reported) if @uuidstr is malformed.
 */
int
virUUIDParse(const char *uuidstr, unsigned char *uuid)
{
    const char *p = uuidstr;
    size_t i;

    if (!p)
        return -1;

    while (g_ascii_isspace(*p))
        p++;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        int hi;
        int lo;

        while (*p == '-')
            p++;
        if ((hi = g_ascii_xdigit_value(p[0])) < 0 ||
            (lo = g_ascii_xdigit_value(p[1])) < 0)
            return -1;
        uuid[i] = (hi << 4) | lo;
        p += 2;
    }

    while (g_ascii_isspace(*p))
        p++;
    return *p == '\0' ? 0 : -1;
}


/**
 * virUUIDFormat:
 * @uuid: VIR_UUID_BUFLEN bytes
 * @uuidstr: VIR_UUID_STRING_BUFLEN bytes, filled with the lower-case
 *           8-4-4-4-12 form
 *
 * Returns @uuidstr.
 */
char *
virUUIDFormat(const unsigned char *uuid, char *uuidstr)
{
    g_snprintf(uuidstr, VIR_UUID_STRING_BUFLEN,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
               "%02x%02x%02x%02x%02x%02x",
               uuid[0], uuid[1], uuid[2], uuid[3],
               uuid[4], uuid[5], uuid[6], uuid[7],
               uuid[8], uuid[9], uuid[10], uuid[11],
               uuid[12], uuid[13], uuid[14], uuid[15]);
    return uuidstr;
}


/**
 * virUUIDIsValid:
 * @uuid: VIR_UUID_BUFLEN bytes
 *
 * libvirt refuses UUIDs made of one repeated byte (all zeros, all 0xff
 * ...), which firmware uses as "not set".
 *
 * Returns false for such a UUID, true otherwise.
 */
bool
virUUIDIsValid(const unsigned char *uuid)
{
    size_t i;

    for (i = 1; i < VIR_UUID_BUFLEN; i++) {
        if (uuid[i] != uuid[0])
            return true;
    }
    return false;
}
