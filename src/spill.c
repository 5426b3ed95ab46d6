#define _POSIX_C_SOURCE 200809L
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "mem.h"

struct wq_spill {
	int fd;
	uint64_t end;         /* bytes given out so far */
	pthread_mutex_t lock; /* over end */
	char *path;           /* for messages */
};

int wq_spill_open(wq_spill **out, const char *folder, wq_err *err)
{
	wq_buf path = WQ_BUF_INIT;
	wq_spill *s;
	int fd;

	*out = NULL;
	wq_buf_printf(&path, "%s/.spill-XXXXXX", folder);
	fd = mkstemp(path.ptr);
	if (fd < 0) {
		int rc = wq_err_set(err, WQ_EIO, path.ptr, 0, 0, "cannot create a work file: %s",
				    strerror(errno));
		wq_buf_dispose(&path);
		return rc;
	}
	unlink(path.ptr); /* open, but in no folder: nothing to clean up */
	s = wq_xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->path = wq_buf_detach(&path);
	pthread_mutex_init(&s->lock, NULL);
	*out = s;
	return 0;
}

int wq_spill_open_existing(wq_spill **out, const char *path, wq_err *err)
{
	wq_spill *s;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	s = wq_xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->end = (uint64_t)st.st_size;
	s->path = wq_xstrdup(path);
	pthread_mutex_init(&s->lock, NULL);
	*out = s;
	return 0;
}

int wq_spill_put(wq_spill *s, const void *data, size_t len, wq_spill_ref *ref, wq_err *err)
{
	const char *p = data;
	uint64_t at;
	size_t done = 0;

	pthread_mutex_lock(&s->lock);
	at = s->end;
	s->end += len;
	pthread_mutex_unlock(&s->lock);
	ref->offset = at;
	ref->len = len;
	while (done < len) {
		ssize_t n = pwrite(s->fd, p + done, len - done, (off_t)(at + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return wq_err_set(err, WQ_EIO, s->path, 0, 0, "cannot write a work file: %s",
					  n < 0 ? strerror(errno) : "no space");
		done += (size_t)n;
	}
	return 0;
}

int wq_spill_read(const wq_spill *s, const wq_spill_ref *ref, size_t at, void *buf, size_t len)
{
	char *p = buf;
	size_t done = 0;

	if (at > ref->len || len > ref->len - at)
		return -1;
	while (done < len) {
		ssize_t n = pread(s->fd, p + done, len - done, (off_t)(ref->offset + at + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

void wq_spill_free(wq_spill *s)
{
	if (!s)
		return;
	close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s->path);
	free(s);
}
