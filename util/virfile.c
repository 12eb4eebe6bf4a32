/*
 * virfile.c: reading and crash-safely writing files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>


#include "internal.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* virFileAtomicFaultInject(): the step number that fails, and how many
 * steps ran since it was set.  Atomic, as tests may write from threads. */
static gint virFileFaultTarget;
static gint virFileFaultCount;


/**
 * virFileAtomicFaultInject:
 * @n: 1-based number of the write, fsync or rename step to fail with
 *     EIO, counted across virFileWriteAtomic() calls from now on; 0
 *     disables injection
 *
 * For tests of crash-safe writers only.
 */
void
virFileAtomicFaultInject(unsigned int n)
{
    g_atomic_int_set(&virFileFaultCount, 0);
    g_atomic_int_set(&virFileFaultTarget, n);
}


/* Count one step; true (errno = EIO) when it is the one to fail. */
static bool
virFileAtomicStepFails(void)
{
    int target = g_atomic_int_get(&virFileFaultTarget);

    if (target <= 0)
        return false;
    if (g_atomic_int_add(&virFileFaultCount, 1) + 1 != target)
        return false;
    errno = EIO;
    return true;
}


/**
 * virFileReadAll:
 * @path: file to read
 * @maxlen: largest acceptable size in bytes
 * @buf: set to the content, NUL terminated, to be g_free()d
 *
 * Returns the length read, or -1 with a system error naming @path
 * (EFBIG when the file is larger than @maxlen).
 */
int
virFileReadAll(const char *path, size_t maxlen, char **buf)
{
    g_autofree char *data = NULL;
    size_t alloc = 0;
    size_t len = 0;
    int fd;

    if (maxlen > INT_MAX - 1)
        maxlen = INT_MAX - 1;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("Failed to open file '%1$s'"), path);
        return -1;
    }

    for (;;) {
        ssize_t got;

        if (len == alloc) {
            alloc = MIN(MAX(alloc * 2, 4096), maxlen + 1);
            data = g_realloc(data, alloc + 1);
        }
        got = read(fd, data + len, alloc - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            virReportSystemError(errno, _("Failed to read file '%1$s'"), path);
            close(fd);
            return -1;
        }
        if (got == 0)
            break;
        len += got;
        if (len > maxlen) {
            virReportSystemError(EFBIG, _("Failed to read file '%1$s'"), path);
            close(fd);
            return -1;
        }
    }
    close(fd);

    data[len] = '\0';
    *buf = g_steal_pointer(&data);
    return len;
}


static int
virFileWriteAllFD(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t done = write(fd, data, len);

        if (done < 0 && errno == EINTR)
            continue;
        if (done < 0)
            return -1;
        data += done;
        len -= done;
    }
    return 0;
}


/* Make the rename itself durable.  Some file systems cannot fsync a
 * directory (EINVAL); the data is already safe in the file there. */
static int
virFileSyncParentDir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd;

    if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open directory '%1$s'"), dir);
        return -1;
    }
    if (fsync(fd) < 0 && errno != EINVAL && errno != ENOTSUP) {
        virReportSystemError(errno, _("cannot sync directory '%1$s'"), dir);
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}


/**
 * virFileWriteAtomic:
 * @path: file to create or replace
 * @data: new content
 * @len: bytes of @data
 * @mode: permissions of a new file, as for open(2) (umask applies)
 *
 * The new content goes to "@path.XXXXXX" in the same directory, which is
 * fsynced and then renamed over @path: a crash at any point leaves the
 * old or the new content whole, never a mix.  The directory is fsynced
 * last so that the rename survives a crash too.
 *
 * Returns 0, or -1 with a system error naming @path; the temporary file
 * is removed on error and @path is untouched unless the rename was done.
 */
int
virFileWriteAtomic(const char *path, const char *data, size_t len,
                   mode_t mode)
{
    g_autofree char *tmp = g_strdup_printf("%s.XXXXXX", path);
    int fd;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        virReportSystemError(errno, _("cannot create file '%1$s'"), tmp);
        return -1;
    }

    if (virFileAtomicStepFails() || virFileWriteAllFD(fd, data, len) < 0) {
        virReportSystemError(errno, _("cannot write data to file '%1$s'"),
                             path);
        goto remove_tmp;
    }

    if (virFileAtomicStepFails() || fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot sync file '%1$s'"), path);
        goto remove_tmp;
    }

    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, _("cannot write data to file '%1$s'"),
                             path);
        goto remove_tmp;
    }
    fd = -1;

    if (virFileAtomicStepFails() || rename(tmp, path) < 0) {
        virReportSystemError(errno, _("cannot rename file '%1$s' as '%2$s'"),
                             tmp, path);
        goto remove_tmp;
    }

    return virFileSyncParentDir(path);

 remove_tmp:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}


/**
 * virFileWriteStrAtomic:
 * @path: file to create or replace
 * @str: new content, a NUL-terminated string (the NUL is not written)
 * @mode: permissions of a new file
 *
 * virFileWriteAtomic() for a string.
 *
 * Returns 0 or -1 as virFileWriteAtomic() does.
 */
int
virFileWriteStrAtomic(const char *path, const char *str, mode_t mode)
{
    return virFileWriteAtomic(path, str, strlen(str), mode);
}


/**
 * virFileExists:
 * @path: file to test
 *
 * Returns true if @path exists (following symlinks).
 */
bool
virFileExists(const char *path)
{
    return access(path, F_OK) == 0;
}


/**
 * virFileIsExecutable:
 * @path: file to test
 *
 * Returns true if @path is a regular file with an execute bit set.
 */
bool
virFileIsExecutable(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) < 0)
        return false;
    return S_ISREG(sb.st_mode) && (sb.st_mode & 0111) != 0;
}


/**
 * virFileMakePath:
 * @path: directory to create with all its missing parents
 * @mode: permissions of the directories created
 *
 * Returns 0 (also when @path already is a directory), or -1 with a
 * system error naming @path.
 */
int
virFileMakePath(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        virReportSystemError(errno, _("failed to create directory '%1$s'"),
                             path);
        return -1;
    }
    return 0;
}


/**
 * virFileRemove:
 * @path: file to delete
 *
 * Returns 0 when @path is gone, whether or not it existed, or -1 with a
 * system error naming @path.
 */
int
virFileRemove(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("Cannot delete file '%1$s'"), path);
        return -1;
    }
    return 0;
}
