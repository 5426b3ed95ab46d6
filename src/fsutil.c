#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

int wq_fs_read(wq_buf *out, const char *path, wq_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: is a folder");
	}
	if (fstat(fd, &st) == 0 && st.st_size > (off_t)WQ_FS_MAX_READ) {
		close(fd);
		return wq_err_set(err, WQ_ELIMIT, path, 0, 0,
				  "file too large (%lld bytes; the limit is %zu)",
				  (long long)st.st_size, WQ_FS_MAX_READ);
	}
	for (;;) {
		wq_buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > WQ_FS_MAX_READ) {
			close(fd);
			return wq_err_set(err, WQ_ELIMIT, path, 0, 0,
					  "file too large (the limit is %zu bytes)", WQ_FS_MAX_READ);
		}
	}
	close(fd);
	return 0;
}

int wq_fs_map(wq_fs_mapped *m, const char *path, wq_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	void *p;

	memset(m, 0, sizeof(*m));
	m->ptr = "";
	if (fd < 0)
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: not a file");
	}
	if (st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (p == MAP_FAILED) {
			e = errno;
			close(fd);
			return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		m->base = p;
		m->ptr = p;
		m->len = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

void wq_fs_unmap(wq_fs_mapped *m)
{
	if (m->base)
		munmap(m->base, m->len);
	memset(m, 0, sizeof(*m));
	m->ptr = "";
}

/* Write @p data to the file opened with @p flags; a file this call created
 * is removed again when writing fails. */
static int write_file(const char *path, int flags, const char *data, size_t len, wq_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
	size_t done = 0;
	int e = 0;

	if (fd < 0 && errno == EEXIST && (flags & O_EXCL))
		return wq_err_set(err, WQ_EINPUT, path, 0, 0,
				  "the file already exists; it was left as it is");
	if (fd < 0)
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
	while (done < len && !e) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			e = n < 0 ? errno : ENOSPC;
		else
			done += (size_t)n;
	}
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e)
		return 0;
	if (flags & O_EXCL)
		unlink(path);
	return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write: %s", strerror(e));
}

int wq_fs_write(const char *path, const char *data, size_t len, wq_err *err)
{
	return write_file(path, O_TRUNC, data, len, err);
}

int wq_fs_write_new(const char *path, const char *data, size_t len, wq_err *err)
{
	return write_file(path, O_EXCL, data, len, err);
}

int wq_fs_copy(const char *dst, const char *src, wq_err *err)
{
	wq_buf data = WQ_BUF_INIT;
	int rc;

	if ((rc = wq_fs_read(&data, src, err)) == 0)
		rc = wq_fs_write(dst, wq_buf_cstr(&data), data.len, err);
	wq_buf_dispose(&data);
	return rc;
}

int wq_fs_mkdirs(const char *path, wq_err *err)
{
	char *p, *s;
	int rc = 0;

	if (!*path)
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot create a folder with no name");
	p = wq_xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				rc = wq_err_set(err, WQ_EIO, p, 0, 0, "cannot create folder: %s",
						strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	if (rc == 0 && !wq_fs_is_dir(path))
		rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot create folder: a file is in the way");
	free(p);
	return rc;
}

int wq_fs_mkparents(const char *path, wq_err *err)
{
	char *p = wq_xstrdup(path);
	char *slash = strrchr(p, '/');
	int rc = 0;

	if (slash && slash != p) {
		*slash = '\0';
		rc = wq_fs_mkdirs(p, err);
	}
	free(p);
	return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int wq_fs_remove_tree(const char *path, wq_err *err)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 :
			wq_err_set(err, WQ_EIO, path, 0, 0, "cannot remove: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ?
			wq_err_set(err, WQ_EIO, path, 0, 0, "cannot remove: %s", strerror(errno)) : 0;
	if (nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS) < 0)
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot remove: %s", strerror(errno));
	return 0;
}

bool wq_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool wq_fs_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *wq_fs_beside(const char *path, const char *suffix)
{
	wq_buf b = WQ_BUF_INIT;
	size_t n = strlen(path);
	const char *base;

	while (n > 1 && path[n - 1] == '/')
		n--;
	base = path + n;
	while (base > path && base[-1] != '/')
		base--;
	wq_buf_put(&b, path, (size_t)(base - path));
	wq_buf_putc(&b, '.');
	wq_buf_put(&b, base, (size_t)(path + n - base));
	wq_buf_putc(&b, '.');
	wq_buf_puts(&b, suffix);
	return wq_buf_detach(&b);
}

int wq_fs_lock(const char *path, void (*waiting)(void *ctx), void *ctx, int *fd, wq_err *err)
{
	int f = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);

	*fd = -1;
	if (f < 0)
		return 0;
	if (flock(f, LOCK_EX | LOCK_NB) == 0) {
		*fd = f;
		return 0;
	}
	if (errno != EWOULDBLOCK) {
		close(f);
		return 0;
	}
	if (waiting)
		waiting(ctx);
	if (flock(f, LOCK_EX) < 0) {
		int e = errno;
		close(f);
		if (e == EINTR)
			return wq_err_set(err, WQ_EIO, path, 0, 0,
					  "interrupted while waiting for another build to end");
		return 0;
	}
	*fd = f;
	return 0;
}

void wq_fs_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* which lets go of the lock */
}

char *wq_fs_join(const char *a, const char *b)
{
	wq_buf out = WQ_BUF_INIT;
	size_t la = strlen(a);

	if (la == 0 || (la == 1 && a[0] == '.'))
		return wq_xstrdup(*b ? b : a); /* "." and "" stay "." */
	wq_buf_puts(&out, a);
	if (a[la - 1] != '/')
		wq_buf_putc(&out, '/');
	while (*b == '/')
		b++;
	wq_buf_puts(&out, b);
	return wq_buf_detach(&out);
}

bool wq_fs_rel_is_safe(const char *rel, size_t len)
{
	size_t i = 0;
	int depth = 0;

	if (len == 0 || rel[0] == '/')
		return false;
	while (i < len) {
		size_t start = i;
		while (i < len && rel[i] != '/') {
			if (rel[i] == '\0' || rel[i] == '\\')
				return false;
			i++;
		}
		if (i - start == 2 && rel[start] == '.' && rel[start + 1] == '.') {
			if (--depth < 0)
				return false;
		} else if (i - start > 0 && !(i - start == 1 && rel[start] == '.')) {
			depth++;
		}
		i++;
	}
	return true;
}

char *wq_fs_rel_normalise(const char *rel, size_t len)
{
	wq_buf out = WQ_BUF_INIT;
	size_t i = 0;

	while (i < len) {
		size_t start = i, n;
		while (i < len && rel[i] != '/')
			i++;
		n = i - start;
		i++;
		if (n == 0 || (n == 1 && rel[start] == '.'))
			continue;
		if (n == 2 && rel[start] == '.' && rel[start + 1] == '.') {
			char *slash;
			wq_buf_grow(&out, 0);
			slash = strrchr(out.ptr, '/');
			wq_buf_truncate(&out, slash ? (size_t)(slash - out.ptr) : 0);
			continue;
		}
		if (out.len)
			wq_buf_putc(&out, '/');
		wq_buf_put(&out, rel + start, n);
	}
	return wq_buf_detach(&out);
}
