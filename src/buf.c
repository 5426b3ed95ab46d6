#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void wq_buf_grow(wq_buf *buf, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - buf->len - 1) {
		fputs("warraq: buffer size overflow\n", stderr);
		abort();
	}
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return;
	cap = buf->cap < 64 ? 64 : buf->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 3 * 2 ? need : cap + cap / 2;
	buf->ptr = wq_xrealloc(buf->ptr, cap);
	buf->cap = cap;
}

void wq_buf_put(wq_buf *buf, const char *data, size_t len)
{
	wq_buf_grow(buf, len);
	if (len)
		memmove(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void wq_buf_puts(wq_buf *buf, const char *s)
{
	wq_buf_put(buf, s, strlen(s));
}

void wq_buf_putc(wq_buf *buf, char c)
{
	if (buf->cap < 2 || buf->len > buf->cap - 2)
		wq_buf_grow(buf, 1);
	buf->ptr[buf->len++] = c;
	buf->ptr[buf->len] = '\0';
}

void wq_buf_vprintf(wq_buf *buf, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	wq_buf_grow(buf, (size_t)n);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void wq_buf_printf(wq_buf *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wq_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

void wq_buf_put_escaped(wq_buf *buf, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		wq_buf_put(buf, s + start, i - start);
		wq_buf_puts(buf, rep);
		start = i + 1;
	}
	wq_buf_put(buf, s + start, len - start);
}

void wq_buf_clear(wq_buf *buf)
{
	wq_buf_truncate(buf, 0);
}

void wq_buf_truncate(wq_buf *buf, size_t len)
{
	if (len < buf->len) {
		buf->len = len;
		buf->ptr[len] = '\0';
	}
}

const char *wq_buf_cstr(const wq_buf *buf)
{
	return buf->ptr ? buf->ptr : "";
}

char *wq_buf_detach(wq_buf *buf)
{
	char *p = buf->ptr ? buf->ptr : wq_xstrdup("");
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	return p;
}

void wq_buf_dispose(wq_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
}
