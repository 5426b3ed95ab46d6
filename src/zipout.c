#define _POSIX_C_SOURCE 200809L
#include "zipout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

/* The window of bytes held before they go to the file. */
#define WINDOW ((size_t)1 << 20)

typedef struct zipout {
	char *path;
	int fd;           /* while writing, else -1 */
	char *buf;        /* the window: the file's bytes from base on */
	size_t len;       /* how many it holds */
	zip_uint64_t base;
	zip_uint64_t pos; /* where the next byte goes */
	zip_uint64_t end; /* the file's size so far */
	zip_error_t error;
} zipout;

static bool put_all(zipout *o, const char *p, size_t n, zip_uint64_t at)
{
	while (n) {
		ssize_t w = pwrite(o->fd, p, n, (off_t)at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			zip_error_set(&o->error, ZIP_ER_WRITE, w < 0 ? errno : EIO);
			return false;
		}
		p += w;
		n -= (size_t)w;
		at += (zip_uint64_t)w;
	}
	return true;
}

static bool flush(zipout *o)
{
	bool ok = put_all(o, o->buf, o->len, o->base);

	o->len = 0;
	return ok;
}

/* @p n bytes at the write position: into the window when they fall in it
 * (a header written again lands there), else the window goes out first. */
static zip_int64_t put(zipout *o, const char *p, zip_uint64_t n)
{
	if (o->pos < o->base || o->pos > o->base + o->len || o->pos - o->base + n > WINDOW) {
		if (!flush(o))
			return -1;
		o->base = o->pos;
		if (n > WINDOW) {
			if (!put_all(o, p, (size_t)n, o->pos))
				return -1;
			o->pos += n;
			o->base = o->pos;
			if (o->pos > o->end)
				o->end = o->pos;
			return (zip_int64_t)n;
		}
	}
	memcpy(o->buf + (o->pos - o->base), p, (size_t)n);
	if (o->pos - o->base + n > o->len)
		o->len = (size_t)(o->pos - o->base + n);
	o->pos += n;
	if (o->pos > o->end)
		o->end = o->pos;
	return (zip_int64_t)n;
}

static void stop(zipout *o, bool remove)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (remove)
		unlink(o->path);
}

static zip_int64_t zipout_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zipout *o = ud;

	switch (cmd) {
	case ZIP_SOURCE_STAT:
		/* A new archive: nothing to read before it is written. */
		zip_error_set(&o->error, ZIP_ER_READ, ENOENT);
		return -1;
	case ZIP_SOURCE_BEGIN_WRITE:
		o->fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (o->fd < 0) {
			zip_error_set(&o->error, ZIP_ER_OPEN, errno);
			return -1;
		}
		o->len = 0;
		o->base = o->pos = o->end = 0;
		return 0;
	case ZIP_SOURCE_WRITE:
		return put(o, data, len);
	case ZIP_SOURCE_SEEK_WRITE: {
		zip_int64_t at = zip_source_seek_compute_offset(o->pos, o->end, data, len, &o->error);
		if (at < 0)
			return -1;
		o->pos = (zip_uint64_t)at;
		return 0;
	}
	case ZIP_SOURCE_TELL_WRITE:
		return (zip_int64_t)o->pos;
	case ZIP_SOURCE_COMMIT_WRITE:
		if (!flush(o)) {
			stop(o, true);
			return -1;
		}
		if (close(o->fd) < 0) {
			zip_error_set(&o->error, ZIP_ER_WRITE, errno);
			o->fd = -1;
			unlink(o->path);
			return -1;
		}
		o->fd = -1;
		return 0;
	case ZIP_SOURCE_ROLLBACK_WRITE: /* a failed close */
	case ZIP_SOURCE_REMOVE:         /* an archive with no entries */
		stop(o, true);
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&o->error, data, len);
	case ZIP_SOURCE_FREE:
		stop(o, false);
		zip_error_fini(&o->error);
		free(o->buf);
		free(o->path);
		free(o);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE;
	default:
		/* Reading it back (open, read, seek, tell): never asked of a new
		 * archive. */
		zip_error_set(&o->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_t *wq_zipout_open(const char *path, wq_err *err)
{
	zipout *o = wq_xcalloc(1, sizeof(*o));
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;

	o->path = wq_xstrdup(path);
	o->fd = -1;
	o->buf = wq_xmalloc(WINDOW);
	zip_error_init(&o->error);
	zip_error_init(&zerr);
	if (!(src = zip_source_function_create(zipout_cb, o, &zerr))) {
		zip_error_fini(&o->error);
		free(o->buf);
		free(o->path);
		free(o);
	} else if (!(z = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
		zip_source_free(src);
	} else {
		zip_error_fini(&zerr);
		return z;
	}
	wq_err_set(err, WQ_EIO, path, 0, 0, "cannot create the book: %s", zip_error_strerror(&zerr));
	zip_error_fini(&zerr);
	return NULL;
}
