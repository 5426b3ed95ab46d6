#include "rec.h"

#include <string.h>

#include "mem.h"

void wq_rec_put_u64(wq_buf *out, uint64_t v)
{
	wq_buf_put(out, (const char *)&v, sizeof(v));
}

void wq_rec_put_u32(wq_buf *out, uint32_t v)
{
	wq_buf_put(out, (const char *)&v, sizeof(v));
}

void wq_rec_put_double(wq_buf *out, double v)
{
	wq_buf_put(out, (const char *)&v, sizeof(v));
}

void wq_rec_put_blob(wq_buf *out, const char *s, size_t len)
{
	wq_rec_put_u64(out, len);
	if (len)
		wq_buf_put(out, s, len);
}

void wq_rec_put_str(wq_buf *out, const char *s)
{
	wq_rec_put_blob(out, s, s ? strlen(s) : 0);
}

void wq_rec_init(wq_rec *r, const char *data, size_t len)
{
	r->p = data;
	r->end = data ? data + len : data;
	r->bad = false;
}

const char *wq_rec_bytes(wq_rec *r, uint64_t len)
{
	const char *s = r->p;

	if (r->bad || (uint64_t)(r->end - r->p) < len) {
		r->bad = true;
		return NULL;
	}
	r->p += len;
	return s;
}

/* A number's bytes into @p v (left as it is when they are not there). */
static void get(wq_rec *r, void *v, size_t size)
{
	const char *s = wq_rec_bytes(r, size);

	if (s)
		memcpy(v, s, size);
}

uint64_t wq_rec_u64(wq_rec *r)
{
	uint64_t v = 0;

	get(r, &v, sizeof(v));
	return v;
}

uint32_t wq_rec_u32(wq_rec *r)
{
	uint32_t v = 0;

	get(r, &v, sizeof(v));
	return v;
}

double wq_rec_double(wq_rec *r)
{
	double v = 0;

	get(r, &v, sizeof(v));
	return v;
}

const char *wq_rec_blob(wq_rec *r, size_t *len)
{
	uint64_t n = wq_rec_u64(r);
	const char *s = wq_rec_bytes(r, n);

	*len = s ? (size_t)n : 0;
	return s;
}

char *wq_rec_str(wq_rec *r)
{
	size_t len;
	const char *s = wq_rec_blob(r, &len);

	return s ? wq_xstrndup(s, len) : NULL;
}

uint64_t wq_rec_count(wq_rec *r, size_t min_size)
{
	uint64_t n = wq_rec_u64(r);

	if (r->bad || n > (uint64_t)(r->end - r->p) / (min_size ? min_size : 1)) {
		r->bad = true;
		return 0;
	}
	return n;
}
