/* Unit tests for src/buf.c: the growable byte buffer. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"

static void test_empty(void)
{
	wq_buf b = WQ_BUF_INIT;
	char *s;

	CHECK(b.ptr == NULL && b.len == 0 && b.cap == 0);
	CHECK_STR(wq_buf_cstr(&b), "");
	wq_buf_truncate(&b, 0); /* no memory yet: must not touch ptr */
	wq_buf_clear(&b);
	CHECK(b.ptr == NULL);
	s = wq_buf_detach(&b); /* an empty buffer still hands over a string */
	CHECK(s != NULL);
	CHECK_STR(s, "");
	free(s);
	wq_buf_dispose(&b);
	wq_buf_dispose(&b); /* twice is fine */
	CHECK(b.ptr == NULL && b.len == 0 && b.cap == 0);
}

static void test_put(void)
{
	wq_buf b = WQ_BUF_INIT;

	wq_buf_puts(&b, "abc");
	CHECK(b.len == 3);
	CHECK(b.cap >= 4);
	CHECK_STR(wq_buf_cstr(&b), "abc");
	wq_buf_putc(&b, 'd');
	wq_buf_put(&b, "efXYZ", 2);
	CHECK(b.len == 6);
	CHECK_STR(b.ptr, "abcdef");
	CHECK(b.ptr[b.len] == '\0');
	/* Bytes may include NUL. */
	wq_buf_put(&b, "g\0h", 3);
	CHECK(b.len == 9);
	CHECK(memcmp(b.ptr, "abcdefg\0h", 9) == 0);
	CHECK(b.ptr[9] == '\0');
	/* Zero-length put on a live buffer changes nothing. */
	wq_buf_put(&b, "zzz", 0);
	CHECK(b.len == 9);
	wq_buf_dispose(&b);

	/* Appending a part of the buffer to itself (memmove-safe after growth). */
	wq_buf_puts(&b, "xy");
	wq_buf_grow(&b, 16);
	wq_buf_put(&b, b.ptr, b.len);
	CHECK_STR(wq_buf_cstr(&b), "xyxy");
	wq_buf_dispose(&b);
}

static void test_growth(void)
{
	wq_buf b = WQ_BUF_INIT;
	size_t i, last_cap = 0, reallocs = 0;
	int ok = 1;

	for (i = 0; i < 100000; i++) {
		wq_buf_putc(&b, (char)('a' + i % 26));
		if (b.cap != last_cap) {
			reallocs++;
			last_cap = b.cap;
		}
		if (b.cap < b.len + 1)
			ok = 0;
	}
	CHECK(ok);
	CHECK(b.len == 100000);
	CHECK(strlen(b.ptr) == 100000);
	CHECK(b.ptr[0] == 'a' && b.ptr[25] == 'z' && b.ptr[26] == 'a');
	CHECK(b.ptr[99999] == (char)('a' + 99999 % 26));
	/* Geometric growth: far fewer reallocations than appends. */
	CHECK(reallocs < 40);
	wq_buf_dispose(&b);

	/* grow reserves room for the bytes and the NUL. */
	wq_buf_grow(&b, 1000);
	CHECK(b.cap >= 1001);
	CHECK(b.len == 0);
	last_cap = b.cap;
	wq_buf_grow(&b, 10); /* already enough: no change */
	CHECK(b.cap == last_cap);
	wq_buf_dispose(&b);
}

static void vp(wq_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void vp(wq_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wq_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void test_printf(void)
{
	wq_buf b = WQ_BUF_INIT;
	char big[5000];

	wq_buf_printf(&b, "%d-%s-%c", 42, "x", 'y');
	CHECK_STR(wq_buf_cstr(&b), "42-x-y");
	CHECK(b.len == 6);
	wq_buf_printf(&b, "|%05.1f|", 3.14159);
	CHECK_STR(wq_buf_cstr(&b), "42-x-y|003.1|");
	vp(&b, "[%u]", 7u);
	CHECK_STR(wq_buf_cstr(&b), "42-x-y|003.1|[7]");
	CHECK(b.len == strlen("42-x-y|003.1|[7]"));
	wq_buf_clear(&b);

	/* Output longer than the first allocation. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	wq_buf_printf(&b, "<%s>", big);
	CHECK(b.len == sizeof(big) + 1);
	CHECK(b.ptr[0] == '<' && b.ptr[b.len - 1] == '>' && b.ptr[b.len] == '\0');
	wq_buf_dispose(&b);

	/* An empty result leaves an unused buffer readable. */
	wq_buf_printf(&b, "%s", "");
	CHECK(b.len == 0);
	CHECK_STR(wq_buf_cstr(&b), "");
	wq_buf_dispose(&b);
}

static void test_escape(void)
{
	wq_buf b = WQ_BUF_INIT;
	const char *s = "a&b<c>d\"e'f";

	wq_buf_put_escaped(&b, s, strlen(s));
	CHECK_STR(wq_buf_cstr(&b), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	wq_buf_clear(&b);

	wq_buf_put_escaped(&b, "&&", 2);
	CHECK_STR(wq_buf_cstr(&b), "&amp;&amp;");
	wq_buf_clear(&b);

	/* Only len bytes are read. */
	wq_buf_put_escaped(&b, "<x>", 2);
	CHECK_STR(wq_buf_cstr(&b), "&lt;x");
	wq_buf_clear(&b);

	/* UTF-8 passes through untouched. */
	wq_buf_put_escaped(&b, "سلام <b>", strlen("سلام <b>"));
	CHECK_STR(wq_buf_cstr(&b), "سلام &lt;b&gt;");
	wq_buf_clear(&b);

	/* Appends to what is there. */
	wq_buf_puts(&b, "x=");
	wq_buf_put_escaped(&b, "'", 1);
	CHECK_STR(wq_buf_cstr(&b), "x=&#39;");
	wq_buf_clear(&b);

	wq_buf_put_escaped(&b, "", 0);
	CHECK_STR(wq_buf_cstr(&b), "");
	CHECK(b.len == 0);
	wq_buf_dispose(&b);
}

static void test_truncate_clear(void)
{
	wq_buf b = WQ_BUF_INIT;
	size_t cap;

	wq_buf_puts(&b, "hello world");
	wq_buf_truncate(&b, 5);
	CHECK(b.len == 5);
	CHECK_STR(wq_buf_cstr(&b), "hello");
	/* Growing is not what truncate does. */
	wq_buf_truncate(&b, 50);
	CHECK(b.len == 5);
	CHECK_STR(wq_buf_cstr(&b), "hello");
	cap = b.cap;
	wq_buf_clear(&b);
	CHECK(b.len == 0);
	CHECK_STR(wq_buf_cstr(&b), "");
	CHECK(b.cap == cap); /* memory kept */
	CHECK(b.ptr != NULL);
	wq_buf_puts(&b, "again");
	CHECK_STR(wq_buf_cstr(&b), "again");
	wq_buf_dispose(&b);
}

static void test_detach(void)
{
	wq_buf b = WQ_BUF_INIT;
	char *s;

	wq_buf_puts(&b, "owned");
	s = wq_buf_detach(&b);
	CHECK_STR(s, "owned");
	CHECK(b.ptr == NULL && b.len == 0 && b.cap == 0);
	/* The buffer is usable again and independent of s. */
	wq_buf_puts(&b, "new");
	CHECK_STR(wq_buf_cstr(&b), "new");
	CHECK_STR(s, "owned");
	free(s);
	wq_buf_dispose(&b);
}

int main(void)
{
	test_empty();
	test_put();
	test_growth();
	test_printf();
	test_escape();
	test_truncate_clear();
	test_detach();
	return CHECK_DONE();
}
