#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "mem.h"

struct wq_diag {
	pthread_mutex_t lock;
	char **items;
	size_t len, cap;
};

/* See wq_diag_redirect(). */
static _Thread_local wq_diag *redirect;

wq_diag *wq_diag_redirect(wq_diag *to)
{
	wq_diag *before = redirect;

	redirect = to;
	return before;
}

static void append(wq_diag *d, char *item)
{
	pthread_mutex_lock(&d->lock);
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = wq_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	d->items[d->len++] = item;
	pthread_mutex_unlock(&d->lock);
}

void wq_diag_take(wq_diag *to, wq_diag *from)
{
	size_t i;

	for (i = 0; i < from->len; i++) {
		if (to)
			append(to, from->items[i]);
		else
			free(from->items[i]);
	}
	from->len = 0;
}

wq_diag *wq_diag_new(void)
{
	wq_diag *d = wq_xcalloc(1, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void wq_diag_free(wq_diag *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->len; i++)
		free(d->items[i]);
	free(d->items);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

void wq_diag_warn(wq_diag *d, const char *file, unsigned line, unsigned col,
		  const char *fmt, ...)
{
	wq_buf b = WQ_BUF_INIT;
	va_list ap;

	if (!d)
		return;
	if (redirect)
		d = redirect;
	if (file && *file) {
		wq_buf_puts(&b, file);
		if (line)
			wq_buf_printf(&b, ":%u", line);
		if (line && col)
			wq_buf_printf(&b, ":%u", col);
		wq_buf_puts(&b, ": ");
	}
	va_start(ap, fmt);
	wq_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	append(d, wq_buf_detach(&b));
}

size_t wq_diag_count(const wq_diag *d)
{
	return d ? d->len : 0;
}

const char *wq_diag_at(const wq_diag *d, size_t i)
{
	return d && i < d->len ? d->items[i] : NULL;
}
