/*
 * test_default.c: test:///default, one state shared by the process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "test_private.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The objects libvirt's test driver starts with (facts of its default
 * node, written in the form it formats them back): domain "test",
 * running. */
static const char testDefaultNodeXML[] =
    "<node>\n"
    "  <domain type='test'>\n"
    "    <name>test</name>\n"
    "    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
    "    <memory>8388608</memory>\n"
    "    <currentMemory>2097152</currentMemory>\n"
    "    <vcpu>2</vcpu>\n"
    "    <os>\n"
    "      <type>hvm</type>\n"
    "    </os>\n"
    "    <devices>\n"
    "      <disk type='file' device='disk'>\n"
    "        <source file='/guest/diskimage1'/>\n"
    "        <target dev='vda' bus='virtio'/>\n"
    "        <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "      </disk>\n"
    "      <interface type='network'>\n"
    "        <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "        <source network='default'/>\n"
    "        <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
    "      </interface>\n"
    "      <memballoon model='virtio'>\n"
    "        <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
    "      </memballoon>\n"
    "    </devices>\n"
    "  </domain>\n"
    "</node>\n";

/* The shared state, and the lock that makes open and close of it
 * atomic: a close that drops the last reference clears the pointer
 * before another open can take it. */
static GMutex testDefaultLock;
static testDriver *testDefaultDriver;


static testDriver *
testDefaultDriverNew(void)
{
    testDriver *driver = testDriverNew();
    size_t i;

    /* Two cells of 8 CPUs: 2 GiB with 1 GiB free, 4 GiB with 2 GiB. */
    driver->ncells = 2;
    driver->cells = g_new0(testCell, driver->ncells);
    for (i = 0; i < driver->ncells; i++) {
        driver->cells[i].ncpus = TEST_CELL_CPUS;
        driver->cells[i].mem = (i + 1) * 2048 * 1024;
        driver->cells[i].freeMem = (i + 1) * 1024 * 1024;
    }

    if (testDriverLoadString(driver, testDefaultNodeXML) < 0) {
        testDriverUnref(driver);
        return NULL;
    }
    return driver;
}


/**
 * testDriverOpenDefault:
 * @driver: set to the shared state, referenced for the caller
 *
 * Returns 0, or -1 with an error set when the default node cannot be
 * built (a bug).
 */
int
testDriverOpenDefault(testDriver **driver)
{
    int ret = 0;

    g_mutex_lock(&testDefaultLock);
    if (testDefaultDriver)
        *driver = testDriverRef(testDefaultDriver);
    else if ((testDefaultDriver = testDefaultDriverNew()))
        *driver = testDriverRef(testDefaultDriver);
    else
        ret = -1;
    g_mutex_unlock(&testDefaultLock);
    return ret;
}


/**
 * testDriverCloseDefault:
 * @driver: a connection's state, default or not
 *
 * Drop a connection's reference.  When the last test:///default
 * connection goes, the default node is forgotten, so the next open
 * starts again from libvirt's initial objects.
 */
void
testDriverCloseDefault(testDriver *driver)
{
    if (!driver)
        return;

    g_mutex_lock(&testDefaultLock);
    if (driver == testDefaultDriver) {
        /* Our own reference is the one taken at creation. */
        if (g_atomic_int_get(&driver->refs) == 2) {
            testDefaultDriver = NULL;
            testDriverUnref(driver);
        }
    }
    g_mutex_unlock(&testDefaultLock);
    testDriverUnref(driver);
}
