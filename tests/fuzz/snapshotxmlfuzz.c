/*
 * snapshotxmlfuzz.c: libFuzzer target for the domain snapshot XML
 * parser: parse (as a redefinition, which reads the most), format,
 * parse again.  Built and run by run-fuzz.sh.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "virerror.h"
#include "snapshot_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned int flags = VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                         VIR_DOMAIN_SNAPSHOT_PARSE_DISKS;
    g_autofree char *xml = g_strndup((const char *)data, size);
    g_autoptr(virDomainSnapshotDef) def = NULL;
    g_autoptr(virDomainSnapshotDef) again = NULL;
    g_autofree char *out = NULL;

    if (!(def = virDomainSnapshotDefParseString(xml, flags))) {
        virErrorResetLast();
        return 0;
    }
    out = virDomainSnapshotDefFormat(def, 0);
    /* with VIRTPLUG_FUZZ_ROUNDTRIP=1, our own output that does not parse
     * back is a finding too (libvirt 9.0 formats a network disk without
     * a source as protocol='none', which it does not parse either) */
    if (!(again = virDomainSnapshotDefParseString(out, flags)) &&
        g_getenv("VIRTPLUG_FUZZ_ROUNDTRIP"))
        abort();
    virErrorResetLast();
    return 0;
}
