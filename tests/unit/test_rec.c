/* Unit tests for src/rec.c: byte records written and read back, and
 * damaged records refused. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rec.h"
#include "check.h"

int main(void)
{
	wq_buf b = WQ_BUF_INIT;
	wq_rec r;
	size_t len, upto;
	const char *s;
	char *str;

	wq_rec_put_u64(&b, 0x0102030405060708ULL);
	wq_rec_put_u32(&b, 42);
	wq_rec_put_double(&b, 2.5);
	wq_rec_put_blob(&b, "ab\0c", 4);
	wq_rec_put_str(&b, "نص");
	upto = b.len; /* what the loop below reads */
	wq_rec_put_str(&b, NULL);
	wq_rec_put_u64(&b, 3);

	wq_rec_init(&r, b.ptr, b.len);
	CHECK(wq_rec_u64(&r) == 0x0102030405060708ULL);
	CHECK(wq_rec_u32(&r) == 42);
	CHECK(wq_rec_double(&r) == 2.5);
	s = wq_rec_blob(&r, &len);
	CHECK(s && len == 4 && !memcmp(s, "ab\0c", 4));
	str = wq_rec_str(&r);
	CHECK_STR(str, "نص");
	free(str);
	str = wq_rec_str(&r);
	CHECK_STR(str, "");
	free(str);
	/* A count of 3 items of 8 bytes: no bytes left for them. */
	CHECK(wq_rec_count(&r, 8) == 0);
	CHECK(r.bad);

	/* Cut anywhere, the reader goes bad and stays so: reads give 0 and
	 * NULL, never bytes past the end. */
	for (len = 0; len < upto; len++) {
		size_t n;
		wq_rec_init(&r, b.ptr, len);
		(void)wq_rec_u64(&r);
		(void)wq_rec_u32(&r);
		(void)wq_rec_double(&r);
		s = wq_rec_blob(&r, &n);
		str = wq_rec_str(&r);
		CHECK(r.bad);
		CHECK(!str);
		CHECK(wq_rec_u64(&r) == 0);
		CHECK(!wq_rec_bytes(&r, 0));
	}
	/* A blob whose length runs past the end. */
	wq_buf_clear(&b);
	wq_rec_put_u64(&b, 1000);
	wq_buf_puts(&b, "short");
	wq_rec_init(&r, b.ptr, b.len);
	CHECK(!wq_rec_blob(&r, &len) && len == 0 && r.bad);
	/* Nothing at all. */
	wq_rec_init(&r, NULL, 0);
	CHECK(!r.bad && r.p == r.end);
	CHECK(wq_rec_u64(&r) == 0 && r.bad);
	wq_buf_dispose(&b);
	return CHECK_DONE();
}
