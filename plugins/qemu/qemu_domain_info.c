/*
 * qemu_domain_info.c: what a domain reports of itself, and autostart
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>

#include "internal.h"
#include "qemu_private.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_DOMAIN_XML_FLAGS \
    (VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | \
     VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE)


/* CPU time QEMU has used, from /proc as libvirt reads it; 0 if unknown. */
static unsigned long long
qemuDomainCPUTime(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *stat = NULL;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    long ticks = sysconf(_SC_CLK_TCK);
    const char *p;

    if (pid <= 0 || !g_file_get_contents(path, &stat, NULL, NULL) ||
        !(p = strrchr(stat, ')')) || ticks <= 0)
        return 0;
    /* After "PID (COMM)": state ppid pgrp session tty tpgid flags minflt
     * cminflt majflt cmajflt utime stime. */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &utime, &stime) != 2)
        return 0;
    return (utime + stime) * (1000000000ULL / ticks);
}


/**
 * qemuDomainGetInfo:
 *
 * State, memory (KiB), vCPUs and CPU time (ns) of the domain.
 */
int
qemuDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    virDomainObj *vm;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = virDomainObjGetState(vm, NULL);
    info->maxMem = vm->def->mem.max_memory;
    info->memory = virDomainObjIsActive(vm) ? vm->def->mem.cur_balloon :
                   vm->def->mem.max_memory;
    info->nrVirtCpu = vm->def->vcpus;
    if (virDomainObjIsActive(vm))
        info->cpuTime = qemuDomainCPUTime(qemuDomainObjPrivateGet(vm)->pid);
    virDomainObjEndAPI(&vm);
    return 0;
}


/**
 * qemuDomainGetState:
 *
 * The domain's state and the reason for it.
 */
int
qemuDomainGetState(virDomainPtr domain, int *state, int *reason,
                   unsigned int flags)
{
    virDomainObj *vm;

    virCheckFlags(0, -1);
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    *state = virDomainObjGetState(vm, reason);
    virDomainObjEndAPI(&vm);
    return 0;
}


/**
 * qemuDomainGetXMLDesc:
 *
 * The live definition of a running domain (with its id, device aliases,
 * pty paths and each disk's backing chain as nested <backingStore>), or
 * the persistent one with VIR_DOMAIN_XML_INACTIVE or when stopped.
 */
char *
qemuDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    virDomainObj *vm;
    virDomainDef *def;
    unsigned int formatFlags = 0;
    char *ret;

    virCheckFlags(QEMU_DOMAIN_XML_FLAGS, NULL);
    if (!(vm = qemuDomainObjFromDomain(domain)))
        return NULL;

    def = vm->def;
    if ((flags & VIR_DOMAIN_XML_INACTIVE) && vm->newDef)
        def = vm->newDef;
    if (flags & VIR_DOMAIN_XML_SECURE)
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    if ((flags & VIR_DOMAIN_XML_INACTIVE) || !virDomainObjIsActive(vm))
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    if (flags & VIR_DOMAIN_XML_MIGRATABLE)
        formatFlags |= VIR_DOMAIN_DEF_FORMAT_MIGRATABLE;
    ret = virDomainDefFormat(def, formatFlags);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainGetOSType:
 *
 * Returns "hvm", the only OS type QEMU guests have here.
 */
char *
qemuDomainGetOSType(virDomainPtr domain)
{
    virDomainObj *vm;
    char *ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return NULL;
    ret = g_strdup(virDomainOSTypeToString(vm->def->os.type));
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainGetMaxMemory:
 *
 * Returns <memory> in KiB, or 0 with an error set.
 */
unsigned long
qemuDomainGetMaxMemory(virDomainPtr domain)
{
    virDomainObj *vm;
    unsigned long ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return 0;
    ret = vm->def->mem.max_memory;
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainGetAutostart:
 *
 * Whether the domain starts with the driver.
 */
int
qemuDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    virDomainObj *vm;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    *autostart = vm->autostart;
    virDomainObjEndAPI(&vm);
    return 0;
}


/**
 * qemuDomainSetAutostart:
 *
 * Mark a persistent domain to start with the driver: a symlink to its
 * definition in the autostart directory, as libvirt keeps it.
 */
int
qemuDomainSetAutostart(virDomainPtr domain, int autostart)
{
    qemuDriver *driver = qemuDriverFromConn(virDomainGetConnect(domain));
    g_autofree char *config = NULL;
    g_autofree char *link = NULL;
    virDomainObj *vm;
    int ret = -1;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot set autostart for transient domain"));
        goto cleanup;
    }
    autostart = autostart != 0;
    if (vm->autostart == autostart) {
        ret = 0;
        goto cleanup;
    }
    config = qemuDriverConfigFile(driver, vm->def->name);
    link = qemuDriverAutostartLink(driver, vm->def->name);
    if (autostart) {
        if (virFileMakePath(driver->autostartDir, 0755) < 0)
            goto cleanup;
        if (symlink(config, link) < 0) {
            virReportSystemError(errno, _("Failed to create symlink '%1$s' to '%2$s'"),
                                 link, config);
            goto cleanup;
        }
    } else if (unlink(link) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("Failed to delete symlink '%1$s'"), link);
        goto cleanup;
    }
    vm->autostart = autostart;
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainIsActive:
 *
 * Returns 1 when the domain runs, 0 when not.
 */
int
qemuDomainIsActive(virDomainPtr domain)
{
    virDomainObj *vm;
    int ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    ret = virDomainObjIsActive(vm);
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainIsPersistent:
 *
 * Returns 1 when the domain has a persistent definition.
 */
int
qemuDomainIsPersistent(virDomainPtr domain)
{
    virDomainObj *vm;
    int ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    ret = vm->persistent;
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainIsUpdated:
 *
 * Returns 1 when the running domain has live changes its persistent
 * definition lacks.
 */
int
qemuDomainIsUpdated(virDomainPtr domain)
{
    virDomainObj *vm;
    int ret;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    ret = vm->updated;
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainGetMaxVcpus:
 *
 * Returns <vcpu> of a running domain.
 */
int
qemuDomainGetMaxVcpus(virDomainPtr domain)
{
    virDomainObj *vm;
    int ret = -1;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(vm) == 0)
        ret = vm->def->maxvcpus;
    virDomainObjEndAPI(&vm);
    return ret;
}


/**
 * qemuDomainGetVcpus:
 *
 * One entry per online vCPU: its number and state (running); which host
 * CPU it is on and its time are not tracked per vCPU here, so they are
 * 0 and every CPU of the map is usable.
 */
int
qemuDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    virDomainObj *vm;
    int n;
    int i;

    if (!(vm = qemuDomainObjFromDomain(domain)))
        return -1;
    if (virDomainObjCheckActive(vm) < 0) {
        virDomainObjEndAPI(&vm);
        return -1;
    }
    n = MIN((int)vm->def->vcpus, maxinfo);
    for (i = 0; i < n; i++) {
        memset(&info[i], 0, sizeof(info[i]));
        info[i].number = i;
        info[i].state = VIR_VCPU_RUNNING;
        info[i].cpu = -1;
    }
    if (cpumaps)
        memset(cpumaps, 0xff, (size_t)maplen * n);
    virDomainObjEndAPI(&vm);
    return n;
}
