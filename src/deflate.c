#include "deflate.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A thread's compressors, one per level, made on first use (each holds
 * its tables, a few hundred KiB: made once, not for each stream) and freed
 * when the thread ends. */
#define MAX_LEVEL 12

typedef struct compressors {
	struct libdeflate_compressor *at[MAX_LEVEL + 1];
} compressors;

static pthread_key_t compressor_key;
static pthread_once_t compressor_once = PTHREAD_ONCE_INIT;

static void free_compressors(void *p)
{
	compressors *cs = p;
	int i;

	for (i = 0; i <= MAX_LEVEL; i++)
		libdeflate_free_compressor(cs->at[i]);
	free(cs);
}

static void make_key(void)
{
	if (pthread_key_create(&compressor_key, free_compressors) != 0)
		abort();
}

static struct libdeflate_compressor *compressor(int level)
{
	compressors *cs;

	if (level < 1 || level > MAX_LEVEL)
		return NULL;
	pthread_once(&compressor_once, make_key);
	cs = pthread_getspecific(compressor_key);
	if (!cs) {
		if (!(cs = calloc(1, sizeof(*cs))))
			return NULL;
		if (pthread_setspecific(compressor_key, cs) != 0) {
			free(cs);
			return NULL;
		}
	}
	if (!cs->at[level])
		cs->at[level] = libdeflate_alloc_compressor(level);
	return cs->at[level];
}

int wq_deflate_raw(wq_buf *out, const char *data, size_t len, int level, wq_err *err)
{
	struct libdeflate_compressor *c = compressor(level);
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
