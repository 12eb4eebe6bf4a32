/*
 * domainxmlfuzz.c: libFuzzer target for the domain XML parser
 *
 * Each input is parsed as a definition; whatever parses must format,
 * and the formatted XML must parse again (as the golden corpus checks
 * for its documents).  Built and run by run-fuzz.sh.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "virerror.h"
#include "domain_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = g_strndup((const char *)data, size);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) again = NULL;
    g_autofree char *out = NULL;

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
        virErrorResetLast();
        return 0;
    }
    out = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    /* with VIRTPLUG_FUZZ_ROUNDTRIP=1, our own output that does not parse
     * back is a finding too (libvirt 9.0 formats a network disk without
     * a source as protocol='none', which it does not parse either) */
    if (!(again = virDomainDefParseString(out, VIR_DOMAIN_DEF_PARSE_INACTIVE)) &&
        g_getenv("VIRTPLUG_FUZZ_ROUNDTRIP"))
        abort();
    virErrorResetLast();
    return 0;
}
