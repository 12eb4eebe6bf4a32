/*
 * hello_domain.c: the in-memory domains of the hello plugin
 *
 * Three domains exist from the first hello:/// connection on: "alpha"
 * (running), "beta" and "gamma" (shut off).  They can be listed, looked
 * up, started, paused, resumed, shut down and destroyed; nothing is
 * defined or undefined, and nothing outlives the process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hello_private.h"

/* virConnectListAllDomains() filters this driver can answer: it has no
 * managed save, autostart, snapshot or checkpoint, so the "no ..." half
 * of each of those pairs matches every domain. */
#define HELLO_LIST_FILTERS \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)

static const struct {
    const char *name;
    const char *uuid;
    unsigned long memory;       /* KiB */
    unsigned short vcpus;
    bool running;
} helloInitialDomains[] = {
    { "alpha", "6695eb01-f6a4-8304-79aa-97f2502e193f", 524288, 1, true },
    { "beta", "8ad5c5e2-3f0e-4c1b-9b7a-3c2f0f8f2c11", 1048576, 2, false },
    { "gamma", "c1b7e0a4-5d2b-4f3e-8a6c-2e9d7f1b3a55", 262144, 1, false },
};


/* Parse the canonical 36-character UUID form; the public API has no
 * parser to offer a driver. */
static int
helloUUIDParse(const char *str, unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        unsigned int byte;

        if (*str == '-')
            str++;
        if (sscanf(str, "%2x", &byte) != 1)
            return -1;
        uuid[i] = byte;
        str += 2;
    }
    return *str ? -1 : 0;
}


/**
 * helloDomainsInit:
 * @driver: the driver state, locked by the caller
 *
 * Create the initial domains, once per process.
 */
void
helloDomainsInit(helloDriverState *driver)
{
    size_t i;

    if (driver->initialized)
        return;
    for (i = 0; i < sizeof(helloInitialDomains) / sizeof(helloInitialDomains[0]); i++) {
        helloDomain *dom = &driver->domains[i];

        snprintf(dom->name, sizeof(dom->name), "%s", helloInitialDomains[i].name);
        helloUUIDParse(helloInitialDomains[i].uuid, dom->uuid);
        dom->maxMemory = dom->memory = helloInitialDomains[i].memory;
        dom->vcpus = helloInitialDomains[i].vcpus;
        if (helloInitialDomains[i].running) {
            dom->id = driver->nextID++;
            dom->state = VIR_DOMAIN_RUNNING;
            dom->reason = VIR_DOMAIN_RUNNING_BOOTED;
        } else {
            dom->id = -1;
            dom->state = VIR_DOMAIN_SHUTOFF;
            dom->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
        }
    }
    driver->ndomains = i;
    driver->initialized = true;
}


/* The hello domain behind a public domain object; NULL with
 * VIR_ERR_NO_DOMAIN set.  Called with the lock held. */
static helloDomain *
helloDomainFind(helloDriverState *driver, virDomainPtr domain)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    size_t i;

    if (virDomainGetUUID(domain, uuid) == 0) {
        for (i = 0; i < driver->ndomains; i++) {
            if (memcmp(driver->domains[i].uuid, uuid, VIR_UUID_BUFLEN) == 0)
                return &driver->domains[i];
        }
    }
    HELLO_ERROR(VIR_ERR_NO_DOMAIN, "no domain with matching uuid of '%s'",
                virDomainGetName(domain));
    return NULL;
}


static bool
helloDomainObjIsActive(const helloDomain *dom)
{
    return dom->state != VIR_DOMAIN_SHUTOFF;
}


static virDomainPtr
helloDomainGet(virConnectPtr conn, const helloDomain *dom)
{
    return virGetDomain(conn, dom->name, dom->uuid, dom->id);
}


/* ---- connection-wide calls ---- */

int
helloConnectNumOfDomains(virConnectPtr conn)
{
    helloDriverState *driver = &helloDriver;
    int count = 0;
    size_t i;

    (void)conn;
    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++)
        count += helloDomainObjIsActive(&driver->domains[i]);
    pthread_mutex_unlock(&driver->lock);
    return count;
}


int
helloConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    helloDriverState *driver = &helloDriver;
    int count = 0;
    size_t i;

    (void)conn;
    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains && count < maxids; i++) {
        if (helloDomainObjIsActive(&driver->domains[i]))
            ids[count++] = driver->domains[i].id;
    }
    pthread_mutex_unlock(&driver->lock);
    return count;
}


int
helloConnectNumOfDefinedDomains(virConnectPtr conn)
{
    helloDriverState *driver = &helloDriver;
    int count = 0;
    size_t i;

    (void)conn;
    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++)
        count += !helloDomainObjIsActive(&driver->domains[i]);
    pthread_mutex_unlock(&driver->lock);
    return count;
}


int
helloConnectListDefinedDomains(virConnectPtr conn, char **const names,
                               int maxnames)
{
    helloDriverState *driver = &helloDriver;
    int count = 0;
    size_t i;

    (void)conn;
    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains && count < maxnames; i++) {
        if (!helloDomainObjIsActive(&driver->domains[i]) &&
            (names[count] = strdup(driver->domains[i].name)))
            count++;
    }
    pthread_mutex_unlock(&driver->lock);
    return count;
}


static bool
helloDomainMatches(const helloDomain *dom, unsigned int flags)
{
    unsigned int state = VIR_CONNECT_LIST_DOMAINS_RUNNING |
                         VIR_CONNECT_LIST_DOMAINS_PAUSED |
                         VIR_CONNECT_LIST_DOMAINS_SHUTOFF |
                         VIR_CONNECT_LIST_DOMAINS_OTHER;
    unsigned int mine;

    /* Each group of filters is "any of the given bits", and a group left
     * empty matches everything, as libvirt defines them. */
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !(flags & (helloDomainObjIsActive(dom) ? VIR_CONNECT_LIST_DOMAINS_ACTIVE
                                             : VIR_CONNECT_LIST_DOMAINS_INACTIVE)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT))
        return false;
    switch (dom->state) {
    case VIR_DOMAIN_RUNNING:
        mine = VIR_CONNECT_LIST_DOMAINS_RUNNING;
        break;
    case VIR_DOMAIN_PAUSED:
        mine = VIR_CONNECT_LIST_DOMAINS_PAUSED;
        break;
    case VIR_DOMAIN_SHUTOFF:
        mine = VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
        break;
    default:
        mine = VIR_CONNECT_LIST_DOMAINS_OTHER;
        break;
    }
    if ((flags & state) && !(flags & mine))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_AUTOSTART) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT))
        return false;
    return true;
}


static void
helloDomainListFree(virDomainPtr *list, int count)
{
    int i;

    for (i = 0; i < count; i++)
        virDomainFree(list[i]);
    free(list);
}


/* virConnectListAllDomains(): the caller frees the array with free(), so
 * it comes from malloc, with a NULL after the last domain. */
int
helloConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                           unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    virDomainPtr *list;
    int count = 0;
    size_t i;

    VIRTPLUG_CHECK_FLAGS(flags, HELLO_LIST_FILTERS, -1);
    if (!(list = calloc(driver->ndomains + 1, sizeof(*list)))) {
        HELLO_ERROR(VIR_ERR_NO_MEMORY, NULL);
        return -1;
    }

    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++) {
        if (!helloDomainMatches(&driver->domains[i], flags))
            continue;
        if (!(list[count] = helloDomainGet(conn, &driver->domains[i]))) {
            pthread_mutex_unlock(&driver->lock);
            helloDomainListFree(list, count);
            return -1;
        }
        count++;
    }
    pthread_mutex_unlock(&driver->lock);

    if (domains)
        *domains = list;
    else
        helloDomainListFree(list, count);
    return count;
}


/* ---- lookups ---- */

virDomainPtr
helloDomainLookupByID(virConnectPtr conn, int id)
{
    helloDriverState *driver = &helloDriver;
    virDomainPtr ret = NULL;
    bool found = false;
    size_t i;

    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++) {
        if (helloDomainObjIsActive(&driver->domains[i]) && driver->domains[i].id == id) {
            ret = helloDomainGet(conn, &driver->domains[i]);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&driver->lock);
    if (!found)
        HELLO_ERROR(VIR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
    return ret;
}


virDomainPtr
helloDomainLookupByName(virConnectPtr conn, const char *name)
{
    helloDriverState *driver = &helloDriver;
    virDomainPtr ret = NULL;
    bool found = false;
    size_t i;

    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++) {
        if (strcmp(driver->domains[i].name, name) == 0) {
            ret = helloDomainGet(conn, &driver->domains[i]);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&driver->lock);
    if (!found)
        HELLO_ERROR(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", name);
    return ret;
}


virDomainPtr
helloDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    helloDriverState *driver = &helloDriver;
    virDomainPtr ret = NULL;
    bool found = false;
    size_t i;

    pthread_mutex_lock(&driver->lock);
    for (i = 0; i < driver->ndomains; i++) {
        if (memcmp(driver->domains[i].uuid, uuid, VIR_UUID_BUFLEN) == 0) {
            ret = helloDomainGet(conn, &driver->domains[i]);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&driver->lock);
    if (!found)
        HELLO_ERROR(VIR_ERR_NO_DOMAIN, "%s", "no domain with matching uuid");
    return ret;
}


/* ---- lifecycle ---- */

/* Each transition checks the state it starts from, changes it, keeps the
 * public object's id in step and queues the lifecycle event, all under
 * the lock, so two clients racing see one of them fail. */

int
helloDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    VIRTPLUG_CHECK_FLAGS(flags, VIR_DOMAIN_START_PAUSED, -1);
    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    if (helloDomainObjIsActive(dom)) {
        HELLO_ERROR(VIR_ERR_OPERATION_INVALID, "%s", "domain is already running");
        goto unlock;
    }
    dom->id = driver->nextID++;
    virDomainSetIdInternal(domain, dom->id);
    helloEventQueue(driver, dom, VIR_DOMAIN_EVENT_STARTED,
                    VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_USER;
        helloEventQueue(driver, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                        VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    } else {
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_BOOTED;
    }
    ret = 0;
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


int
helloDomainCreate(virDomainPtr domain)
{
    return helloDomainCreateWithFlags(domain, 0);
}


/* Shut @dom off for @reason and queue the stopped event with @detail. */
static void
helloDomainStop(helloDriverState *driver, helloDomain *dom,
                virDomainPtr domain, int reason, int detail)
{
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = reason;
    helloEventQueue(driver, dom, VIR_DOMAIN_EVENT_STOPPED, detail);
    dom->id = -1;
    virDomainSetIdInternal(domain, -1);
}


int
helloDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    VIRTPLUG_CHECK_FLAGS(flags, VIR_DOMAIN_DESTROY_GRACEFUL, -1);
    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    if (!helloDomainObjIsActive(dom)) {
        HELLO_ERROR(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto unlock;
    }
    helloDomainStop(driver, dom, domain, VIR_DOMAIN_SHUTOFF_DESTROYED,
                    VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    ret = 0;
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


int
helloDomainDestroy(virDomainPtr domain)
{
    return helloDomainDestroyFlags(domain, 0);
}


int
helloDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    VIRTPLUG_CHECK_FLAGS(flags, 0, -1);
    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    if (dom->state != VIR_DOMAIN_RUNNING) {
        HELLO_ERROR(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto unlock;
    }
    /* A hello guest obeys at once: no shutting-down state in between. */
    helloDomainStop(driver, dom, domain, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    ret = 0;
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


int
helloDomainShutdown(virDomainPtr domain)
{
    return helloDomainShutdownFlags(domain, 0);
}


int
helloDomainSuspend(virDomainPtr domain)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    if (dom->state != VIR_DOMAIN_RUNNING) {
        HELLO_ERROR(VIR_ERR_OPERATION_INVALID, "%s",
                    dom->state == VIR_DOMAIN_PAUSED ? "domain is already paused"
                                                    : "domain is not running");
        goto unlock;
    }
    dom->state = VIR_DOMAIN_PAUSED;
    dom->reason = VIR_DOMAIN_PAUSED_USER;
    helloEventQueue(driver, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ret = 0;
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


int
helloDomainResume(virDomainPtr domain)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    if (dom->state != VIR_DOMAIN_PAUSED) {
        HELLO_ERROR(VIR_ERR_OPERATION_INVALID, "%s", "domain is not paused");
        goto unlock;
    }
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    helloEventQueue(driver, dom, VIR_DOMAIN_EVENT_RESUMED,
                    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ret = 0;
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


/* ---- information ---- */

int
helloDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;

    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain))) {
        pthread_mutex_unlock(&driver->lock);
        return -1;
    }
    info->state = dom->state;
    info->maxMem = dom->maxMemory;
    info->memory = dom->memory;
    info->nrVirtCpu = dom->vcpus;
    info->cpuTime = 0;
    pthread_mutex_unlock(&driver->lock);
    return 0;
}


int
helloDomainGetState(virDomainPtr domain, int *state, int *reason,
                    unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;

    VIRTPLUG_CHECK_FLAGS(flags, 0, -1);
    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain))) {
        pthread_mutex_unlock(&driver->lock);
        return -1;
    }
    *state = dom->state;
    if (reason)
        *reason = dom->reason;
    pthread_mutex_unlock(&driver->lock);
    return 0;
}


unsigned long
helloDomainGetMaxMemory(virDomainPtr domain)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    unsigned long ret = 0;

    pthread_mutex_lock(&driver->lock);
    if ((dom = helloDomainFind(driver, domain)))
        ret = dom->maxMemory;
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


char *
helloDomainGetOSType(virDomainPtr domain)
{
    (void)domain;
    return strdup("hvm");
}


int
helloDomainIsActive(virDomainPtr domain)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    int ret = -1;

    pthread_mutex_lock(&driver->lock);
    if ((dom = helloDomainFind(driver, domain)))
        ret = helloDomainObjIsActive(dom);
    pthread_mutex_unlock(&driver->lock);
    return ret;
}


int
helloDomainIsPersistent(virDomainPtr domain)
{
    (void)domain;
    return 1;
}


int
helloDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    (void)domain;
    *autostart = 0;
    return 0;
}


int
helloDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    (void)domain;
    VIRTPLUG_CHECK_FLAGS(flags, 0, -1);
    return 0;
}


#define HELLO_XML_FORMAT \
    "<domain type='hello'%s>\n" \
    "  <name>%s</name>\n" \
    "  <uuid>%s</uuid>\n" \
    "  <memory unit='KiB'>%lu</memory>\n" \
    "  <currentMemory unit='KiB'>%lu</currentMemory>\n" \
    "  <vcpu placement='static'>%u</vcpu>\n" \
    "  <os>\n" \
    "    <type arch='x86_64'>hvm</type>\n" \
    "  </os>\n" \
    "</domain>\n"
#define HELLO_XML_ARGS(dom) \
    idattr, (dom)->name, uuid, (dom)->maxMemory, (dom)->memory, \
    (unsigned int)(dom)->vcpus

/* The domain XML, in libvirt's element order; a shut off domain has no
 * id attribute, as in libvirt. */
char *
helloDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    helloDriverState *driver = &helloDriver;
    helloDomain *dom;
    char uuid[VIR_UUID_STRING_BUFLEN];
    const unsigned char *u;
    char idattr[32] = "";
    char *xml = NULL;
    int len;

    VIRTPLUG_CHECK_FLAGS(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE, NULL);
    pthread_mutex_lock(&driver->lock);
    if (!(dom = helloDomainFind(driver, domain)))
        goto unlock;
    u = dom->uuid;
    snprintf(uuid, sizeof(uuid),
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
             u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
    if (helloDomainObjIsActive(dom) && !(flags & VIR_DOMAIN_XML_INACTIVE))
        snprintf(idattr, sizeof(idattr), " id='%d'", dom->id);
    /* Measure, then print: snprintf is all that C99 offers. */
    len = snprintf(NULL, 0, HELLO_XML_FORMAT, HELLO_XML_ARGS(dom));
    if (len < 0 || !(xml = malloc(len + 1))) {
        HELLO_ERROR(VIR_ERR_NO_MEMORY, NULL);
        goto unlock;
    }
    snprintf(xml, len + 1, HELLO_XML_FORMAT, HELLO_XML_ARGS(dom));
 unlock:
    pthread_mutex_unlock(&driver->lock);
    return xml;
}
