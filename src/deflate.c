#include "deflate.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One compressor per thread, made on first use (it holds its tables, a
 * few hundred KiB: made once, not for each stream) and freed when the
 * thread ends. */
static pthread_key_t compressor_key;
static pthread_once_t compressor_once = PTHREAD_ONCE_INIT;

static void free_compressor(void *c)
{
	libdeflate_free_compressor(c);
}

static void make_key(void)
{
	if (pthread_key_create(&compressor_key, free_compressor) != 0)
		abort();
}

static struct libdeflate_compressor *compressor(void)
{
	struct libdeflate_compressor *c;

	pthread_once(&compressor_once, make_key);
	c = pthread_getspecific(compressor_key);
	if (!c && (c = libdeflate_alloc_compressor(WQ_DEFLATE_LEVEL)) != NULL &&
	    pthread_setspecific(compressor_key, c) != 0) {
		libdeflate_free_compressor(c);
		c = NULL;
	}
	return c;
}

int wq_deflate_raw(wq_buf *out, const char *data, size_t len, wq_err *err)
{
	struct libdeflate_compressor *c = compressor();
	size_t bound, n;

	if (!c)
		return wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot start compression");
	bound = libdeflate_deflate_compress_bound(c, len);
	wq_buf_grow(out, bound);
	n = libdeflate_deflate_compress(c, len ? data : "", len, out->ptr + out->len, bound);
	if (!n)
		return wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "compression failed");
	out->len += n;
	out->ptr[out->len] = '\0';
	return 0;
}

uint32_t wq_crc32(const char *data, size_t len)
{
	return libdeflate_crc32(0, data, len);
}
