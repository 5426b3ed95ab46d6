#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rec.h"
#include "strmap.h"

typedef struct item {
	char *text;        /* "file:line:col: message" */
	size_t file_len;   /* the file's length at the start of text (0: none) */
	unsigned line, col;
	unsigned char severity;
	size_t seq;        /* order given, to keep sorting stable */
} item;

struct wq_diag {
	pthread_mutex_t lock;
	item *items;
	size_t len, cap;
	size_t errors;
	size_t seq;
	bool strict;
};

/* See wq_diag_redirect(). */
static _Thread_local wq_diag *redirect;

wq_diag *wq_diag_redirect(wq_diag *to)
{
	wq_diag *before = redirect;

	redirect = to;
	return before;
}

wq_diag *wq_diag_target(wq_diag *d)
{
	return d && redirect ? redirect : d;
}

static void append(wq_diag *d, item it)
{
	pthread_mutex_lock(&d->lock);
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = wq_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	it.seq = d->seq++;
	if (d->strict) /* taken from another list (wq_diag_take()) */
		it.severity = WQ_DIAG_ERROR;
	d->items[d->len++] = it;
	if (it.severity == WQ_DIAG_ERROR)
		d->errors++;
	pthread_mutex_unlock(&d->lock);
}

void wq_diag_take(wq_diag *to, wq_diag *from)
{
	size_t i;

	if (to == from)
		return; /* already there */
	for (i = 0; i < from->len; i++) {
		if (to)
			append(to, from->items[i]);
		else
			free(from->items[i].text);
	}
	from->len = 0;
	from->errors = 0;
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
		free(d->items[i].text);
	free(d->items);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

void wq_diag_set_strict(wq_diag *d, bool strict)
{
	size_t i;

	if (!d)
		return;
	d->strict = strict;
	if (!strict)
		return;
	pthread_mutex_lock(&d->lock);
	for (i = 0; i < d->len; i++) /* those given before count too */
		if (d->items[i].severity != WQ_DIAG_ERROR) {
			d->items[i].severity = WQ_DIAG_ERROR;
			d->errors++;
		}
	pthread_mutex_unlock(&d->lock);
}

static void add(wq_diag *d, wq_diag_severity sev, const char *file, unsigned line,
		unsigned col, const char *fmt, va_list ap)
{
	wq_buf b = WQ_BUF_INIT;
	item it;

	if (!d)
		return;
	if (d->strict)
		sev = WQ_DIAG_ERROR;
	if (redirect)
		d = redirect;
	memset(&it, 0, sizeof(it));
	if (file && *file) {
		wq_buf_puts(&b, file);
		it.file_len = b.len;
		if (line)
			wq_buf_printf(&b, ":%u", line);
		if (line && col)
			wq_buf_printf(&b, ":%u", col);
		wq_buf_puts(&b, ": ");
	}
	wq_buf_vprintf(&b, fmt, ap);
	it.text = wq_buf_detach(&b);
	it.line = line;
	it.col = line ? col : 0;
	it.severity = (unsigned char)sev;
	append(d, it);
}

/* Saved: for each item its severity, line, column, file length and text
 * (with its NUL), the numbers as 32-bit values in the machine's order. */
void wq_diag_save(const wq_diag *d, wq_buf *out)
{
	size_t i;

	wq_rec_put_u32(out, (uint32_t)d->len);
	for (i = 0; i < d->len; i++) {
		const item *it = &d->items[i];
		wq_rec_put_u32(out, it->severity);
		wq_rec_put_u32(out, it->line);
		wq_rec_put_u32(out, it->col);
		wq_rec_put_u32(out, (uint32_t)it->file_len);
		wq_buf_put(out, it->text, strlen(it->text) + 1);
	}
}

int wq_diag_load(wq_diag *d, const char *data, size_t len)
{
	wq_rec r;
	uint32_t n, k, sev, line, col, file_len;
	item *its = NULL;
	size_t nits = 0, i;
	int rc = -1;

	wq_rec_init(&r, data, len);
	while (r.p != r.end) { /* lists saved one after the other */
		n = wq_rec_u32(&r);
		for (k = 0; k < n && !r.bad; k++) {
			const char *nul;
			item it;
			sev = wq_rec_u32(&r);
			line = wq_rec_u32(&r);
			col = wq_rec_u32(&r);
			file_len = wq_rec_u32(&r);
			if (r.bad || !(nul = memchr(r.p, '\0', (size_t)(r.end - r.p))) ||
			    file_len > (size_t)(nul - r.p) || sev > WQ_DIAG_ERROR)
				goto done;
			memset(&it, 0, sizeof(it));
			it.text = wq_xstrndup(r.p, (size_t)(nul - r.p));
			it.file_len = file_len;
			it.line = line;
			it.col = col;
			it.severity = (unsigned char)sev;
			WQ_APPEND(its, nits, it);
			r.p = nul + 1;
		}
		if (r.bad)
			goto done;
	}
	for (i = 0; i < nits; i++)
		append(d, its[i]);
	nits = 0;
	rc = 0;
done:
	for (i = 0; i < nits; i++)
		free(its[i].text);
	free(its);
	return rc;
}

void wq_diag_warn(wq_diag *d, const char *file, unsigned line, unsigned col,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, WQ_DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

void wq_diag_error(wq_diag *d, const char *file, unsigned line, unsigned col,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, WQ_DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void wq_diag_add_err(wq_diag *d, wq_err *err)
{
	if (!d || !err)
		return;
	wq_diag_error(d, err->file[0] ? err->file : NULL, err->line, err->col, "%s", err->msg);
	err->logged = 1;
}

size_t wq_diag_count(const wq_diag *d)
{
	return d ? d->len : 0;
}

size_t wq_diag_errors(const wq_diag *d)
{
	return d ? d->errors : 0;
}

const char *wq_diag_at(const wq_diag *d, size_t i)
{
	return d && i < d->len ? d->items[i].text : NULL;
}

wq_diag_severity wq_diag_severity_at(const wq_diag *d, size_t i)
{
	return (wq_diag_severity)d->items[i].severity;
}

/* ------------------------------------------------------------- sorting */

static int cmp_items(const void *pa, const void *pb)
{
	const item *a = pa, *b = pb;
	size_t n;
	int c;

	if (!a->file_len != !b->file_len)
		return a->file_len ? 1 : -1;
	n = a->file_len < b->file_len ? a->file_len : b->file_len;
	if ((c = memcmp(a->text, b->text, n)) != 0)
		return c;
	if (a->file_len != b->file_len)
		return a->file_len < b->file_len ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void wq_diag_sort(wq_diag *d)
{
	size_t i, kept = 0;

	if (!d || d->len < 2)
		return;
	qsort(d->items, d->len, sizeof(*d->items), cmp_items);
	/* The same message twice (a multilingual site walks its sources once
	 * per language) is given once. */
	for (i = 0; i < d->len; i++) {
		item *it = &d->items[i];
		if (kept && it->severity == d->items[kept - 1].severity &&
		    it->line == d->items[kept - 1].line && it->col == d->items[kept - 1].col &&
		    !strcmp(it->text, d->items[kept - 1].text)) {
			if (it->severity == WQ_DIAG_ERROR)
				d->errors--;
			free(it->text);
			continue;
		}
		d->items[kept++] = *it;
	}
	d->len = kept;
}

/* ------------------------------------------------------------ reporting */

/* The message without its location ("file:line:col: "). */
static const char *message_of(const item *it)
{
	const char *s = it->text + it->file_len;

	if (!it->file_len)
		return s;
	while (*s == ':' && s[1] >= '0' && s[1] <= '9') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == ':' && s[1] == ' ' ? s + 2 : s;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static void put_kind(wq_buf *out, const char *m)
{
	const char *ell = "\xe2\x80\xa6"; /* … */

	const char *start = m;

	while (*m) {
		/* A quoted part opens at a quote that does not follow a letter
		 * or digit and closes at one that is not followed by one: an
		 * apostrophe ("the site's", 'John's.png') is neither. */
		if (*m == '\'' && (m == start || !(is_letter(m[-1]) || is_digit(m[-1])))) {
			const char *close = m + 1;
			while ((close = strchr(close, '\'')) != NULL &&
			       (is_letter(close[1]) || is_digit(close[1])))
				close++;
			if (close) {
				wq_buf_putc(out, '\'');
				wq_buf_puts(out, ell);
				wq_buf_putc(out, '\'');
				m = close + 1;
				continue;
			}
		}
		if (is_digit(*m)) {
			/* A number with its separators ("3,319", "1.5"; not a
			 * sentence's comma or full stop), or a name's digits
			 * ("UTF-8", "ISO-8859-1", "h2"), kept. */
			const char *e = m;
			bool name = m != start && (is_letter(m[-1]) || m[-1] == '-' || m[-1] == '_');
			while (is_digit(*e) || ((*e == ',' || *e == '.') && is_digit(e[1])))
				e++;
			if (name)
				wq_buf_put(out, m, (size_t)(e - m));
			else
				wq_buf_puts(out, ell);
			m = e;
			continue;
		}
		{
			/* Up to the next quote or digit, as it is. */
			size_t n = strcspn(m + 1, "'0123456789") + 1;
			wq_buf_put(out, m, n);
			m += n;
		}
	}
}

void wq_diag_kind(wq_buf *out, const char *formatted)
{
	item it;
	const char *colon;

	/* A formatted message has no record of where its file ends: take the
	 * part before the first ": " that is followed by the message. */
	memset(&it, 0, sizeof(it));
	it.text = (char *)formatted;
	colon = strstr(formatted, ": ");
	if (colon) {
		const char *p = colon;
		int k;
		/* back over ":line:col", not over a file name's own digits */
		for (k = 0; k < 2; k++) {
			const char *q = p;
			while (q > formatted && is_digit(q[-1]))
				q--;
			if (q == p || q - 1 <= formatted || q[-1] != ':')
				break;
			p = q - 1;
		}
		it.file_len = (size_t)(p - formatted);
	}
	put_kind(out, it.file_len ? message_of(&it) : formatted);
}

void wq_diag_put_count(wq_buf *out, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n), i;

	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			wq_buf_putc(out, ',');
		wq_buf_putc(out, digits[i]);
	}
}

/* Kinds and their counts, per severity, in order of first appearance. */
typedef struct kind_count {
	char *kind; /* the severity as a digit, then the kind */
	unsigned char severity;
	size_t count;
	size_t first; /* the first item of the kind */
} kind_count;

typedef struct kinds {
	wq_strmap *index; /* severity byte + kind -> 1 + position */
	kind_count *list;
	size_t len;
} kinds;

/* Each item's kind, counted (and, when @p of is given, each item's place
 * in the list: of[i]). */
static void count_kinds(const wq_diag *d, kinds *k, size_t *of)
{
	wq_buf key = WQ_BUF_INIT;
	const char *last = NULL; /* the message before, and its kind's place */
	size_t i, last_pos = 0;

	k->index = wq_strmap_new();
	k->list = NULL;
	k->len = 0;
	for (i = 0; i < d->len; i++) {
		const item *it = &d->items[i];
		const char *m = message_of(it);
		size_t pos;
		/* The same message again (a placeholder link on every line of
		 * a page): the same kind. */
		if (last && d->items[i - 1].severity == it->severity && !strcmp(m, last)) {
			k->list[last_pos].count++;
			if (of)
				of[i] = last_pos;
			continue;
		}
		wq_buf_clear(&key);
		wq_buf_putc(&key, (char)('0' + it->severity));
		put_kind(&key, m);
		if (k->list && wq_strmap_get_index(k->index, key.ptr, key.len, &pos)) {
			k->list[pos].count++;
		} else {
			kind_count kc;
			kc.kind = wq_xstrdup(wq_buf_cstr(&key)); /* the map borrows it */
			kc.severity = it->severity;
			kc.count = 1;
			kc.first = i;
			pos = k->len;
			wq_strmap_add_index(k->index, kc.kind, key.len, pos, NULL);
			WQ_APPEND(k->list, k->len, kc);
		}
		if (of)
			of[i] = pos;
		last = m;
		last_pos = pos;
	}
	wq_buf_dispose(&key);
}

static void free_kinds(kinds *k)
{
	size_t i;

	for (i = 0; i < k->len; i++)
		free(k->list[i].kind);
	free(k->list);
	wq_strmap_free(k->index);
}

/* A workflow command's data and property values (GitHub's escaping:
 * properties also escape ':' and ','). */
static void put_github(wq_buf *out, const char *s, size_t len, bool property)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '%': wq_buf_puts(out, "%25"); break;
		case '\r': wq_buf_puts(out, "%0D"); break;
		case '\n': wq_buf_puts(out, "%0A"); break;
		case ':': wq_buf_puts(out, property ? "%3A" : ":"); break;
		case ',': wq_buf_puts(out, property ? "%2C" : ","); break;
		default: wq_buf_putc(out, s[i]);
		}
	}
}

/* One line of the report in @p style: @p file (@p file_len bytes, 0 for
 * none), @p line and @p col (0: none), @p msg. */
static void put_line(wq_buf *out, wq_diag_style style, unsigned char severity, const char *file,
		     size_t file_len, unsigned line, unsigned col, const char *msg)
{
	const char *sev = severity == WQ_DIAG_ERROR ? "error" : "warning";

	switch (style) {
	case WQ_DIAG_STYLE_BUILD:
		wq_buf_puts(out, sev);
		wq_buf_puts(out, ": ");
		if (file_len) {
			wq_buf_put(out, file, file_len);
			if (line)
				wq_buf_printf(out, ":%u", line);
			if (line && col)
				wq_buf_printf(out, ":%u", col);
			wq_buf_puts(out, ": ");
		}
		break;
	case WQ_DIAG_STYLE_CHECK:
		if (file_len) {
			wq_buf_put(out, file, file_len);
			if (line)
				wq_buf_printf(out, ":%u", line);
			if (line && col)
				wq_buf_printf(out, ":%u", col);
		} else {
			wq_buf_puts(out, "warraq");
		}
		wq_buf_printf(out, ": %s: ", sev);
		break;
	case WQ_DIAG_STYLE_GITHUB:
		wq_buf_printf(out, "::%s", sev);
		if (file_len) {
			wq_buf_puts(out, " file=");
			put_github(out, file, file_len, true);
			if (line)
				wq_buf_printf(out, ",line=%u", line);
			if (line && col)
				wq_buf_printf(out, ",col=%u", col);
		}
		wq_buf_puts(out, "::");
		put_github(out, msg, strlen(msg), false);
		wq_buf_putc(out, '\n');
		return;
	}
	wq_buf_puts(out, msg);
	wq_buf_putc(out, '\n');
}

void wq_diag_report(const wq_diag *d, wq_buf *out, size_t per_kind, bool errors_only)
{
	wq_diag_report_as(d, out, per_kind, errors_only, WQ_DIAG_STYLE_BUILD);
}

void wq_diag_report_as(const wq_diag *d, wq_buf *out, size_t per_kind, bool errors_only,
		       wq_diag_style style)
{
	kinds k;
	size_t *of, *shown, i;
	wq_buf line = WQ_BUF_INIT;

	if (!d || !d->len || (errors_only && !d->errors))
		return;
	of = wq_xcalloc(d->len, sizeof(*of));
	count_kinds(d, &k, of);
	shown = wq_xcalloc(k.len ? k.len : 1, sizeof(*shown));
	for (i = 0; i < d->len; i++) {
		const item *it = &d->items[i];
		if (errors_only && it->severity != WQ_DIAG_ERROR)
			continue;
		if (per_kind && shown[of[i]] >= per_kind)
			continue;
		shown[of[i]]++;
		put_line(out, style, it->severity, it->text, it->file_len, it->line, it->col,
			 message_of(it));
	}
	for (i = 0; i < k.len; i++) {
		if (errors_only && k.list[i].severity != WQ_DIAG_ERROR)
			continue;
		if (k.list[i].count <= shown[i])
			continue;
		wq_buf_clear(&line);
		wq_buf_puts(&line, "\xe2\x80\xa6 and ");
		wq_diag_put_count(&line, k.list[i].count - shown[i]);
		wq_buf_puts(&line, " more like this: ");
		wq_buf_puts(&line, k.list[i].kind + 1);
		put_line(out, style, k.list[i].severity, NULL, 0, 0, 0, wq_buf_cstr(&line));
	}
	wq_buf_dispose(&line);
	free(shown);
	free(of);
	free_kinds(&k);
}

/* Kinds named in the closing count; the rest are counted. */
#define TALLY_KINDS 8

static int cmp_counts(const void *pa, const void *pb)
{
	const kind_count *a = pa, *b = pb;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1; /* errors first */
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

void wq_diag_tally(const wq_diag *d, wq_buf *out)
{
	kinds k;
	size_t i, warnings;

	if (!d || !d->len)
		return;
	warnings = d->len - d->errors;
	if (d->errors) {
		wq_diag_put_count(out, d->errors);
		wq_buf_puts(out, d->errors == 1 ? " error" : " errors");
	}
	if (warnings) {
		if (d->errors)
			wq_buf_puts(out, ", ");
		wq_diag_put_count(out, warnings);
		wq_buf_puts(out, warnings == 1 ? " warning" : " warnings");
	}
	count_kinds(d, &k, NULL);
	qsort(k.list, k.len, sizeof(*k.list), cmp_counts);
	wq_buf_puts(out, " (");
	for (i = 0; i < k.len; i++) {
		if (i == TALLY_KINDS) {
			wq_buf_puts(out, "; ");
			wq_diag_put_count(out, k.len - i);
			wq_buf_puts(out, k.len - i == 1 ? " other kind" : " other kinds");
			break;
		}
		if (i)
			wq_buf_puts(out, "; ");
		wq_diag_put_count(out, k.list[i].count);
		wq_buf_puts(out, " \xc3\x97 ");
		wq_buf_puts(out, k.list[i].kind + 1);
	}
	wq_buf_putc(out, ')');
	free_kinds(&k);
}
