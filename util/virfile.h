/*
 * virfile.h: reading and crash-safely writing files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/types.h>

#include "internal.h"

/* Read the whole of @path (at most @maxlen bytes) into *@buf, NUL
 * terminated; returns the length or -1 with a system error naming @path. */
int virFileReadAll(const char *path, size_t maxlen, char **buf);

/* Replace @path with @data so that a crash at any point leaves either
 * the old or the new content whole: write a temporary file beside it,
 * fsync it, rename it over @path, fsync the directory.  Returns 0, or -1
 * with a system error naming the file; the temporary is removed on error. */
int virFileWriteAtomic(const char *path, const char *data, size_t len,
                       mode_t mode);
int virFileWriteStrAtomic(const char *path, const char *str, mode_t mode);

/* Tests only: make the @n-th (1-based) write, fsync or rename step of
 * virFileWriteAtomic() in this process fail with EIO.  0 disables. */
void virFileAtomicFaultInject(unsigned int n);

bool virFileExists(const char *path);
bool virFileIsExecutable(const char *path);
/* mkdir -p; returns 0 or -1 with a system error. */
int virFileMakePath(const char *path, mode_t mode);
/* unlink that treats a missing file as success; -1 with system error. */
int virFileRemove(const char *path);
