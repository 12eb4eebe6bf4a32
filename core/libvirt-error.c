/*
 * libvirt-error.c: the public error API (virterror.h)
 *
 * Errors live in a thread-local slot owned by util/virerror.c; these entry
 * points read, copy and reset it, and manage the handlers called by
 * virDispatchError() when a public call fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static GMutex globalHandlerLock;
static virErrorFunc globalHandler;
static void *globalUserData;

void
virErrorGetGlobalHandler(virErrorFunc *handler, void **userData)
{
    g_mutex_lock(&globalHandlerLock);
    *handler = globalHandler;
    *userData = globalUserData;
    g_mutex_unlock(&globalHandlerLock);
}

virErrorPtr
virGetLastError(void)
{
    return virErrorGetLast();
}

int
virGetLastErrorCode(void)
{
    virError *err = virErrorGetLast();

    return err ? err->code : VIR_ERR_OK;
}

int
virGetLastErrorDomain(void)
{
    virError *err = virErrorGetLast();

    return err ? err->domain : VIR_FROM_NONE;
}

const char *
virGetLastErrorMessage(void)
{
    virError *err = virErrorGetLast();

    if (!err)
        return _("no error");
    if (!err->message)
        return _("unknown error");
    return err->message;
}

int
virCopyLastError(virErrorPtr to)
{
    virError *err = virErrorGetLast();

    if (!to)
        return -1;
    if (!err) {
        virErrorClear(to);
        return 0;
    }
    return virErrorCopy(err, to);
}

virErrorPtr
virSaveLastError(void)
{
    virErrorPtr to = g_new0(virError, 1);

    virCopyLastError(to);
    return to;
}

void
virResetLastError(void)
{
    virErrorResetLast();
}

void
virResetError(virErrorPtr err)
{
    if (err)
        virErrorClear(err);
}

void
virFreeError(virErrorPtr err)
{
    if (!err)
        return;
    virErrorClear(err);
    g_free(err);
}

void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&globalHandlerLock);
    globalHandler = handler;
    globalUserData = userData;
    g_mutex_unlock(&globalHandlerLock);
}

void
virDefaultErrorFunc(virErrorPtr err)
{
    if (err)
        virErrorDefaultPrint(err);
}

virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!conn)
        return NULL;
    return conn->err.code == VIR_ERR_OK ? NULL : &conn->err;
}

int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    int ret;

    if (!conn || !to)
        return -1;
    g_mutex_lock(&conn->lock);
    if (conn->err.code == VIR_ERR_OK) {
        virErrorClear(to);
        ret = 0;
    } else {
        ret = virErrorCopy(&conn->err, to);
    }
    g_mutex_unlock(&conn->lock);
    return ret;
}

void
virConnResetLastError(virConnectPtr conn)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    virErrorClear(&conn->err);
    g_mutex_unlock(&conn->lock);
}

void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    g_mutex_unlock(&conn->lock);
}
