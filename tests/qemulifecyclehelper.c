/*
 * qemulifecyclehelper.c: define and start guests, start block jobs on
 * them, then exit leaving guests and jobs running, for the reconnect
 * cases of qemulifecycletest and qemublockjobtest
 *
 * Usage: qemulifecyclehelper URI [--autostart] XMLFILE...
 *                            [--copy NAME DISK DEST BYTES_PER_S]...
 *                            [--pull NAME DISK BYTES_PER_S]...
 *
 * Guests after --autostart are defined and marked for autostart, not
 * started.  --copy starts a block copy of DISK to the new qcow2 file
 * DEST (a transient job), --pull a pull of DISK's whole chain, both at
 * the bandwidth given (0: unlimited).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>


static int
testStartCopy(virConnectPtr conn, char **args)
{
    g_autofree char *dest = g_strdup_printf("<disk type='file'><source file='%s'/>"
                                            "<driver type='qcow2'/></disk>", args[2]);
    virTypedParameter params[3] = {
        { .type = VIR_TYPED_PARAM_ULLONG },
        { .type = VIR_TYPED_PARAM_ULLONG },
        { .type = VIR_TYPED_PARAM_UINT },
    };
    virDomainPtr dom = virDomainLookupByName(conn, args[0]);
    int ret;

    /* small buffer and chunks, or QEMU copies a whole buffer before the
     * bandwidth limit holds it back */
    g_strlcpy(params[0].field, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[0].value.ul = strtoull(args[3], NULL, 10);
    g_strlcpy(params[1].field, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[1].value.ul = 64 * 1024;
    g_strlcpy(params[2].field, VIR_DOMAIN_BLOCK_COPY_GRANULARITY, VIR_TYPED_PARAM_FIELD_LENGTH);
    params[2].value.ui = 64 * 1024;
    if (!dom)
        return -1;
    ret = virDomainBlockCopy(dom, args[1], dest, params, 3,
                             VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB);
    virDomainFree(dom);
    return ret;
}


static int
testStartPull(virConnectPtr conn, char **args)
{
    virDomainPtr dom = virDomainLookupByName(conn, args[0]);
    int ret;

    if (!dom)
        return -1;
    ret = virDomainBlockPull(dom, args[1], strtoul(args[2], NULL, 10),
                             VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES);
    virDomainFree(dom);
    return ret;
}


static int
testDefine(virConnectPtr conn, const char *file, bool autostart)
{
    g_autofree char *xml = NULL;
    virDomainPtr dom;
    int ret;

    if (!g_file_get_contents(file, &xml, NULL, NULL)) {
        fprintf(stderr, "cannot read %s\n", file);
        return -1;
    }
    if (!(dom = virDomainDefineXML(conn, xml)))
        return -1;
    ret = autostart ? virDomainSetAutostart(dom, 1) : virDomainCreate(dom);
    virDomainFree(dom);
    return ret;
}


int
main(int argc, char **argv)
{
    virConnectPtr conn;
    bool autostart = false;
    int i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s URI [--autostart] XMLFILE... "
                "[--copy NAME DISK DEST BW] [--pull NAME DISK BW]\n", argv[0]);
        return 2;
    }
    if (!(conn = virConnectOpen(argv[1]))) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    for (i = 2; i < argc; i++) {
        int rc;

        if (g_str_equal(argv[i], "--autostart")) {
            autostart = true;
            continue;
        }
        if (g_str_equal(argv[i], "--copy") && i + 4 < argc) {
            rc = testStartCopy(conn, argv + i + 1);
            i += 4;
        } else if (g_str_equal(argv[i], "--pull") && i + 3 < argc) {
            rc = testStartPull(conn, argv + i + 1);
            i += 3;
        } else {
            rc = testDefine(conn, argv[i], autostart);
        }
        if (rc < 0) {
            fprintf(stderr, "%s: %s\n", argv[i], virGetLastErrorMessage());
            return 1;
        }
    }
    /* Exiting leaves the guests and their jobs running. */
    virConnectClose(conn);
    return 0;
}
