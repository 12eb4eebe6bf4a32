/*
 * qemu_blockjob.h: the qemu plugin's block job members (qemu_blockjob.c)
 *
 * Never installed, never included outside plugins/qemu/.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "internal.h"

#include <virtplug/driver.h>

#include "virbuffer.h"
#include "virxml.h"
#include "qemu_private.h"

int qemuDomainBlockCommit(virDomainPtr domain, const char *path,
                          const char *base, const char *top,
                          unsigned long bandwidth, unsigned int flags);
int qemuDomainBlockPull(virDomainPtr domain, const char *path,
                        unsigned long bandwidth, unsigned int flags);
int qemuDomainBlockRebase(virDomainPtr domain, const char *path,
                          const char *base, unsigned long bandwidth,
                          unsigned int flags);
int qemuDomainBlockCopy(virDomainPtr domain, const char *path,
                        const char *destxml, virTypedParameterPtr params,
                        int nparams, unsigned int flags);
int qemuDomainGetBlockJobInfo(virDomainPtr domain, const char *path,
                              virDomainBlockJobInfoPtr info,
                              unsigned int flags);
int qemuDomainBlockJobAbort(virDomainPtr domain, const char *path,
                            unsigned int flags);
int qemuDomainBlockJobSetSpeed(virDomainPtr domain, const char *path,
                               unsigned long bandwidth, unsigned int flags);

void qemuBlockJobFormatStatus(virBuffer *buf, virDomainObj *vm);
void qemuBlockJobLoadStatus(qemuDriver *driver, virDomainObj *vm,
                            xmlXPathContext *ctxt);
