/*
 * domain_schema.c: validation of documents against virtplug's own
 * RelaxNG schemas (docs/schemas/), for the *_VALIDATE flags of the API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "domain_conf.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN


/**
 * virConfSchemaPath:
 * @format: the schema's name: "domain", "domainsnapshot" ...
 *
 * The build tree's schemas when VIRTPLUG_SCHEMA_DIR names them (./run
 * and the tests set it), the installed ones otherwise.
 *
 * Returns the path of FORMAT.rng (caller frees).
 */
char *
virConfSchemaPath(const char *format)
{
    const char *dir = g_getenv("VIRTPLUG_SCHEMA_DIR");
    g_autofree char *file = g_strdup_printf("%s.rng", format);

    if (!dir || !*dir)
        dir = SCHEMADIR;
    return g_build_filename(dir, file, NULL);
}


/**
 * virConfValidateSchema:
 * @xml: a document
 * @format: the schema to hold it against ("domain" ...)
 *
 * Returns 0 when @xml is well-formed and valid, or -1 with
 * VIR_ERR_XML_INVALID_SCHEMA (or a parse error) reported.
 */
int
virConfValidateSchema(const char *xml, const char *format)
{
    g_autofree char *path = virConfSchemaPath(format);
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlXPathContext) ctxt = NULL;

    if (!(doc = virXMLParse(NULL, xml, _("(domain_definition)"), NULL,
                            &ctxt, VIR_FROM_DOMAIN)))
        return -1;
    return virXMLValidateAgainstSchema(path, doc);
}


/**
 * virDomainDefValidateSchema:
 * @xml: a <domain> document
 *
 * Returns 0 when @xml is valid against domain.rng, or -1 with an error.
 */
int
virDomainDefValidateSchema(const char *xml)
{
    return virConfValidateSchema(xml, "domain");
}
