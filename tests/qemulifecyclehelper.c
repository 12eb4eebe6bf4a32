/*
 * qemulifecyclehelper.c: define and start guests, then exit leaving them
 * running, for qemulifecycletest's reconnect case
 *
 * Usage: qemulifecyclehelper URI [--autostart] XMLFILE...
 *
 * Guests after --autostart are defined and marked for autostart, not
 * started.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>


int
main(int argc, char **argv)
{
    virConnectPtr conn;
    bool autostart = false;
    int i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s URI [--autostart] XMLFILE...\n", argv[0]);
        return 2;
    }
    if (!(conn = virConnectOpen(argv[1]))) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    for (i = 2; i < argc; i++) {
        g_autofree char *xml = NULL;
        virDomainPtr dom;

        if (g_str_equal(argv[i], "--autostart")) {
            autostart = true;
            continue;
        }
        if (!g_file_get_contents(argv[i], &xml, NULL, NULL)) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        if (!(dom = virDomainDefineXML(conn, xml)) ||
            (autostart ? virDomainSetAutostart(dom, 1) : virDomainCreate(dom)) < 0) {
            fprintf(stderr, "%s: %s\n", argv[i], virGetLastErrorMessage());
            return 1;
        }
        virDomainFree(dom);
    }
    /* Closing the connection leaves the guests running. */
    virConnectClose(conn);
    return 0;
}
