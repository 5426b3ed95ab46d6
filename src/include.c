#define _GNU_SOURCE
#include "include.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "mem.h"
#include "text.h"
#include "url.h"

/* ---------------------------------------------------------------- map */

typedef struct segment {
	unsigned out_line; /* first line of the expanded text it covers */
	size_t file;       /* index into files; 0 is the document */
	unsigned src_line; /* its line in that file */
} segment;

struct wq_srcmap {
	segment *seg;
	size_t nseg;
	char **files; /* paths as messages give them; [0] is the document's */
	char **rels;  /* beside them, relative to the source folder */
	size_t nfiles;
};

void wq_srcmap_free(wq_srcmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nfiles; i++) {
		free(m->files[i]);
		free(m->rels[i]);
	}
	free(m->files);
	free(m->rels);
	free(m->seg);
	free(m);
}

const char *wq_srcmap_locate(const wq_srcmap *m, unsigned line, unsigned *src_line,
			     const char **rel)
{
	size_t lo = 0, hi;
	const segment *s;

	*src_line = line;
	if (rel)
		*rel = NULL;
	if (!m || !m->nseg)
		return NULL;
	/* The last segment starting at or before the line. */
	hi = m->nseg;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->seg[mid].out_line <= line)
			lo = mid;
		else
			hi = mid;
	}
	s = &m->seg[lo];
	if (s->out_line > line)
		return NULL;
	*src_line = s->src_line + (line - s->out_line);
	if (rel && s->file)
		*rel = m->rels[s->file];
	return s->file ? m->files[s->file] : NULL;
}

/* ---------------------------------------------------------- expansion */

typedef struct expander {
	const wq_include_opts *o;
	wq_buf *out;
	wq_srcmap *map;
	wq_err *err;
	unsigned out_line;      /* line of the output being written (1-based) */
	bool at_line_start;     /* nothing written on it yet */
	size_t last_file;       /* origin of the last line begun */
	unsigned last_src, last_out;
	const char *chain[WQ_INCLUDE_MAX_DEPTH + 1]; /* rel of each file being expanded */
	size_t depth;
	size_t count;           /* includes expanded (WQ_INCLUDE_MAX_COUNT) */
	size_t read;            /* bytes they read (WQ_INCLUDE_MAX_READ) */
} expander;

/* One file being expanded: its lines, with their numbers in the file. */
typedef struct file_ctx {
	const char *rel;  /* relative to the source folder */
	size_t file;      /* its index in the map */
	const char *prefix; /* written before each of its lines (quote markers...) */
	size_t prefix_len;
	bool strip_anchors; /* leave out ANCHOR lines (an mdBook include) */
} file_ctx;

static size_t add_file(expander *x, const char *path, const char *rel)
{
	size_t n = x->map->nfiles;

	WQ_APPEND(x->map->rels, n, wq_xstrdup(rel));
	WQ_APPEND(x->map->files, x->map->nfiles, wq_xstrdup(path));
	return x->map->nfiles - 1;
}

/* Start a line of output that comes from line @p src of file @p file. */
static void begin_line(expander *x, size_t file, unsigned src)
{
	if (!(x->map->nseg && file == x->last_file && src == x->last_src + 1 &&
	      x->out_line == x->last_out + 1)) {
		segment s;
		s.out_line = x->out_line;
		s.file = file;
		s.src_line = src;
		/* A segment at the same output line replaces the one before. */
		if (x->map->nseg && x->map->seg[x->map->nseg - 1].out_line == x->out_line)
			x->map->seg[x->map->nseg - 1] = s;
		else
			WQ_APPEND(x->map->seg, x->map->nseg, s);
	}
	x->last_file = file;
	x->last_src = src;
	x->last_out = x->out_line;
}

/* Write text that belongs on the current line (no newline in it). */
static void put(expander *x, const char *s, size_t n)
{
	wq_buf_put(x->out, s, n);
	if (n)
		x->at_line_start = false;
}

static void newline(expander *x)
{
	wq_buf_putc(x->out, '\n');
	x->out_line++;
	x->at_line_start = true;
}

static int lower_eq(const char *s, const char *word, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

#define MDBOOK "{{#include"
#define MDBOOK_LEN 10
#define DOCFX "[!include"
#define DOCFX_LEN 9

/* A directive found in a line. */
typedef struct directive {
	size_t start, end;  /* its bytes in the line */
	bool docfx;
	const char *arg;    /* the path with any :range or :anchor (mdBook) */
	size_t arg_len;
	bool escaped;       /* \{{#include …}}: the directive as text */
} directive;

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The value of attribute @p name in a DocFX `:::image …:::` line. */
static int docfx_attr(const char *l, size_t n, const char *name, const char **v, size_t *vlen)
{
	size_t nl = strlen(name), i;

	for (i = 0; i + nl + 2 <= n; i++) {
		if ((i == 0 || is_space(l[i - 1])) && !memcmp(l + i, name, nl) && l[i + nl] == '=' &&
		    (l[i + nl + 1] == '"' || l[i + nl + 1] == '\'')) {
			char q = l[i + nl + 1];
			const char *start = l + i + nl + 2, *end = memchr(start, q, (size_t)(l + n - start));
			if (!end)
				return 0;
			*v = start;
			*vlen = (size_t)(end - start);
			return 1;
		}
	}
	return 0;
}

/* A DocFX image line (`:::image type="content" source="a.png"
 * alt-text="…":::`) as a Markdown image; `:::image-end:::` as nothing.
 * Returns 1 when the line was one. */
static int docfx_image(expander *x, const char *l, size_t n, size_t at)
{
	const char *src, *alt;
	size_t slen, alen, i, e = n;

	while (e > at && is_space(l[e - 1]))
		e--;
	if (e >= at + 15 && !memcmp(l + at, ":::image-end:::", 15))
		return 1;
	if (e < at + 12 || memcmp(l + at, ":::image", 8) || !is_space(l[at + 8]) ||
	    memcmp(l + e - 3, ":::", 3))
		return 0;
	if (!docfx_attr(l + at, e - at, "source", &src, &slen))
		return 0;
	if (!docfx_attr(l + at, e - at, "alt-text", &alt, &alen))
		alen = 0;
	put(x, l, at); /* quote markers, indentation */
	put(x, "![", 2);
	for (i = 0; i < alen; i++) {
		if (alt[i] == '[' || alt[i] == ']' || alt[i] == '\\')
			put(x, "\\", 1);
		put(x, alt + i, 1);
	}
	put(x, "](<", 3);
	for (i = 0; i < slen; i++)
		if (src[i] != '<' && src[i] != '>')
			put(x, src + i, 1);
	put(x, ">)", 2);
	return 1;
}

/* The first @p mark (one or two characters) at or after byte @p from of a
 * line (@p n when none).  *memo keeps the last answer (SIZE_MAX: none yet):
 * directives are looked for left to right, so a line of many unclosed ones
 * is read once, not once for each.  (memchr, not memmem: sanitizers check
 * memmem's whole text at each call.) */
static size_t find_mark(const char *l, size_t n, size_t from, const char *mark, size_t *memo)
{
	const char *p = l + from, *end = l + n;

	if (*memo != SIZE_MAX && *memo >= from)
		return *memo;
	*memo = n;
	while ((p = memchr(p, mark[0], (size_t)(end - p))) != NULL) {
		if (!mark[1] || (p + 1 < end && p[1] == mark[1])) {
			*memo = (size_t)(p - l);
			break;
		}
		p++;
	}
	return *memo;
}

/* The first directive at or after @p from in the line, or 0. */
static int find_directive(const char *l, size_t n, size_t from, bool in_fence, directive *d)
{
	size_t i, braces = SIZE_MAX, bracket = SIZE_MAX, paren = SIZE_MAX;

	for (i = from; i + 2 < n; i++) {
		if (l[i] == '{' && n - i >= MDBOOK_LEN && !memcmp(l + i, MDBOOK, MDBOOK_LEN) &&
		    i + MDBOOK_LEN < n && is_space(l[i + MDBOOK_LEN])) {
			size_t j = i + MDBOOK_LEN, a, e;
			while (j < n && is_space(l[j]))
				j++;
			a = j;
			j = find_mark(l, n, a, "}}", &braces);
			if (j >= n)
				continue;
			e = j;
			while (e > a && is_space(l[e - 1]))
				e--;
			if (e == a)
				continue;
			memset(d, 0, sizeof(*d));
			d->start = i;
			d->end = j + 2;
			d->arg = l + a;
			d->arg_len = e - a;
			if (i > 0 && l[i - 1] == '\\') {
				d->start = i - 1;
				d->escaped = true;
			}
			return 1;
		}
		if (!in_fence && l[i] == '[' && l[i + 1] == '!' && n - i >= DOCFX_LEN &&
		    lower_eq(l + i, DOCFX, DOCFX_LEN)) {
			/* [!INCLUDE [title](path)] — the title may hold ']'-free text. */
			size_t j = i + DOCFX_LEN, a, e;
			while (j < n && is_space(l[j]))
				j++;
			if (j >= n || l[j] != '[')
				continue;
			j = find_mark(l, n, j, "]", &bracket);
			if (j + 1 >= n || l[j + 1] != '(')
				continue;
			a = j + 2;
			e = find_mark(l, n, a, ")", &paren);
			if (e + 1 >= n || l[e + 1] != ']')
				continue;
			memset(d, 0, sizeof(*d));
			d->start = i;
			d->end = e + 2;
			d->docfx = true;
			while (a < e && is_space(l[a]))
				a++;
			while (e > a && is_space(l[e - 1]))
				e--;
			if (e >= a + 2 && l[a] == '<' && l[e - 1] == '>') {
				a++;
				e--;
			}
			d->arg = l + a;
			d->arg_len = e - a;
			return 1;
		}
	}
	return 0;
}

static int line_is_fence(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && l[i] == ' ')
		i++;
	return n >= i + 3 && (!memcmp(l + i, "```", 3) || !memcmp(l + i, "~~~", 3));
}

/* How expand_file() reads its text: a document's own text (lines counted
 * from 1), an included file's kept lines as "N\tline\n" records, or one
 * such record whose text joins the line being written (an inline include). */
typedef enum text_mode { TEXT_DOCUMENT, TEXT_LINES, TEXT_INLINE } text_mode;

static int expand_file(expander *x, const file_ctx *f, const char *text, size_t len,
		       text_mode mode, const char *path);

/* The column (in characters) of byte @p at of a line. */
static unsigned col_of(const char *l, size_t at)
{
	return (unsigned)wq_text_chars(l, at) + 1;
}

/* Lines @p from..@p to (1-based, inclusive; 0: open) of a text, or the
 * region between "ANCHOR: name" and "ANCHOR_END: name". */
typedef struct range {
	unsigned from, to;
	const char *anchor;
	size_t anchor_len;
} range;

static int parse_range(const char *spec, size_t n, range *r)
{
	const char *colon = memchr(spec, ':', n);
	char num[16];
	size_t a;

	memset(r, 0, sizeof(*r));
	if (!n)
		return 1;
	if (spec[0] < '0' || spec[0] > '9') {
		if (spec[0] != ':') {
			r->anchor = spec;
			r->anchor_len = n;
			return 1;
		}
	}
	/* "10", "10:", ":20", "10:20" */
	a = colon ? (size_t)(colon - spec) : n;
	if (a) {
		if (a >= sizeof(num))
			return 0;
		memcpy(num, spec, a);
		num[a] = '\0';
		r->from = (unsigned)strtoul(num, NULL, 10);
		if (!r->from)
			return 0;
	}
	if (!colon) {
		r->to = r->from; /* one line */
		return 1;
	}
	if ((size_t)(colon - spec) + 1 < n) {
		size_t b = n - (size_t)(colon - spec) - 1;
		if (b >= sizeof(num))
			return 0;
		memcpy(num, colon + 1, b);
		num[b] = '\0';
		r->to = (unsigned)strtoul(num, NULL, 10);
		if (!r->to)
			return 0;
	}
	return 1;
}

static const char *find_word(const char *l, size_t n, const char *w)
{
	size_t wl = strlen(w), i;

	for (i = 0; i + wl <= n; i++)
		if (!memcmp(l + i, w, wl))
			return l + i;
	return NULL;
}

/* Whether line @p l is the ANCHOR (or ANCHOR_END, @p end) line of @p name
 * (any name when @p name is NULL). */
static int anchor_line(const char *l, size_t n, int end, const char *name, size_t name_len)
{
	const char *w = find_word(l, n, end ? "ANCHOR_END:" : "ANCHOR:");
	const char *p, *e = l + n;

	if (!w)
		return 0;
	if (!name)
		return 1;
	p = w + (end ? 11 : 7);
	while (p < e && is_space(*p))
		p++;
	if ((size_t)(e - p) < name_len || memcmp(p, name, name_len))
		return 0;
	p += name_len;
	return p == e || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9') || *p == '_' || *p == '-');
}

/* Whether a file is a document (load.c's sources), which may have front
 * matter. */
static bool is_document(const char *rel)
{
	const char *dot = strrchr(rel, '.');

	return dot && !strchr(dot, '/') &&
	       (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") || !strcmp(dot, ".txt"));
}

/* The included file's text, read and checked; its front matter left out
 * (*first_line: the line its text starts at). */
static int read_included(expander *x, const char *rel, const char *inc_path, const char *host_path,
			 unsigned at_line, unsigned at_col, const char *shown, wq_buf *text,
			 unsigned *first_line, bool *missing)
{
	wq_buf raw = WQ_BUF_INIT;
	struct stat st;
	wq_err e = WQ_ERR_INIT;
	int rc = 0;

	*missing = false;
	*first_line = 1;
	if (stat(inc_path, &st) < 0 || !S_ISREG(st.st_mode)) {
		*missing = true;
		return 0;
	}
	if (x->o->root_real) {
		char *real = realpath(inc_path, NULL);
		size_t n = strlen(x->o->root_real);
		if (!real || strncmp(real, x->o->root_real, n) ||
		    (real[n] != '/' && real[n] != '\0')) {
			free(real);
			return wq_err_set(x->err, WQ_EINPUT, host_path, at_line, at_col,
					  "include '%s' is outside the source folder", shown);
		}
		free(real);
	}
	if ((uint64_t)st.st_size > (uint64_t)WQ_INCLUDE_MAX_BYTES)
		return wq_err_set(x->err, WQ_ELIMIT, host_path, at_line, at_col,
				  "include '%s' is too large", shown);
	x->read += (size_t)st.st_size;
	if (x->read > WQ_INCLUDE_MAX_READ)
		return wq_err_set(x->err, WQ_ELIMIT, host_path, at_line, at_col,
				  "includes read more than %u MiB (at '%s')",
				  (unsigned)(WQ_INCLUDE_MAX_READ >> 20), shown);
	if ((rc = wq_fs_read(&raw, inc_path, x->err)) < 0)
		goto done;
	if (memchr(raw.ptr ? raw.ptr : "", '\0', raw.len) ||
	    wq_text_check_utf8(wq_buf_cstr(&raw), raw.len, rel, &e) < 0) {
		rc = wq_err_set(x->err, WQ_EINPUT, host_path, at_line, at_col,
				"include '%s' is not UTF-8 text", shown);
		goto done;
	}
	if ((rc = wq_text_clean(text, wq_buf_cstr(&raw), raw.len, &e)) < 0) {
		rc = wq_err_set(x->err, rc, host_path, at_line, at_col, "include '%s': %s", shown,
				e.msg);
		goto done;
	}
	/* A document's front matter ("---" ... "---"): left out, its lines
	 * counted.  Other files' "---" is theirs (a YAML document's start). */
	if (is_document(rel) && text->len >= 4 && !memcmp(text->ptr, "---\n", 4)) {
		size_t i = 4;
		unsigned line = 2;
		while (i < text->len) {
			size_t eol = i;
			while (eol < text->len && text->ptr[eol] != '\n')
				eol++;
			if (eol - i >= 3 && (!memcmp(text->ptr + i, "---", 3) ||
					     !memcmp(text->ptr + i, "...", 3))) {
				size_t k = i + 3;
				while (k < eol && is_space(text->ptr[k]))
					k++;
				if (k == eol) {
					size_t cut = eol < text->len ? eol + 1 : eol;
					memmove(text->ptr, text->ptr + cut, text->len - cut);
					wq_buf_truncate(text, text->len - cut);
					*first_line = line + 1;
					break;
				}
			}
			i = eol + 1;
			line++;
		}
	}
done:
	wq_buf_dispose(&raw);
	return rc;
}

/* Expand one directive of a line of @p f, found at column @p col. */
static int include_one(expander *x, const file_ctx *f, const char *host_path, unsigned col,
		       unsigned src_line, const directive *d, bool block,
		       const char *prefix, size_t prefix_len)
{
	char *spec = wq_xstrndup(d->arg, d->arg_len), *file_part, *joined = NULL, *norm = NULL;
	char *inc_path = NULL, *colon;
	const char *slash;
	range r;
	wq_buf text = WQ_BUF_INIT, sliced = WQ_BUF_INIT;
	unsigned first = 1;
	bool missing;
	size_t i;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	file_part = spec;
	if (!d->docfx && (colon = strchr(spec, ':')) != NULL) {
		*colon = '\0';
		if (!parse_range(colon + 1, strlen(colon + 1), &r)) {
			rc = wq_err_set(x->err, WQ_EINPUT, host_path, src_line, col,
					"include '%s': '%s' is not a line range or an anchor name",
					file_part, colon + 1);
			goto done;
		}
	}
	if (!*file_part) {
		rc = wq_err_set(x->err, WQ_EINPUT, host_path, src_line, col, "include has no path");
		goto done;
	}
	{
		/* Percent-encoded paths (DocFX links) are decoded. */
		wq_buf dec = WQ_BUF_INIT;
		wq_url_put_decoded(&dec, file_part, strlen(file_part));
		if (file_part[0] == '/') {
			joined = wq_xstrdup(wq_buf_cstr(&dec) + 1);
		} else {
			slash = strrchr(f->rel, '/');
			if (slash) {
				char *dir = wq_xstrndup(f->rel, (size_t)(slash - f->rel));
				joined = wq_fs_join(dir, wq_buf_cstr(&dec));
				free(dir);
			} else {
				joined = wq_xstrdup(wq_buf_cstr(&dec));
			}
		}
		wq_buf_dispose(&dec);
	}
	if (!*joined || !wq_fs_rel_is_safe(joined, strlen(joined))) {
		rc = wq_err_set(x->err, WQ_EINPUT, host_path, src_line, col,
				"include '%s' is outside the source folder", file_part);
		goto done;
	}
	norm = wq_fs_rel_normalise(joined, strlen(joined));
	for (i = 0; i < x->depth; i++) {
		if (!strcmp(x->chain[i], norm)) {
			wq_buf chain = WQ_BUF_INIT;
			size_t k;
			for (k = i; k < x->depth; k++) {
				wq_buf_puts(&chain, x->chain[k]);
				wq_buf_puts(&chain, " -> ");
			}
			wq_buf_puts(&chain, norm);
			rc = wq_err_set(x->err, WQ_EINPUT, host_path, src_line, col, "include cycle: %s",
					wq_buf_cstr(&chain));
			wq_buf_dispose(&chain);
			goto done;
		}
	}
	/* The document and WQ_INCLUDE_MAX_DEPTH includes below it. */
	if (x->depth > WQ_INCLUDE_MAX_DEPTH) {
		rc = wq_err_set(x->err, WQ_ELIMIT, host_path, src_line, col,
				"includes nested deeper than %d levels (at '%s')",
				WQ_INCLUDE_MAX_DEPTH, file_part);
		goto done;
	}
	if (++x->count > WQ_INCLUDE_MAX_COUNT) {
		rc = wq_err_set(x->err, WQ_ELIMIT, host_path, src_line, col,
				"more than %d includes (at '%s')", WQ_INCLUDE_MAX_COUNT, file_part);
		goto done;
	}
	inc_path = wq_fs_join(x->o->source_dir, norm);
	if ((rc = read_included(x, norm, inc_path, host_path, src_line, col, file_part, &text, &first,
				&missing)) < 0)
		goto done;
	if (missing) {
		wq_diag_warn(x->o->diag, host_path, src_line, col, "include '%s' not found", file_part);
		goto done;
	}
	if (x->o->included)
		x->o->included(x->o->ctx, norm);
	/* The lines the directive asks for. */
	{
		const char *p = wq_buf_cstr(&text), *end = p + text.len;
		unsigned ln = first;
		bool in_anchor = !r.anchor, found_anchor = false, strip = !d->docfx;
		wq_buf_clear(&sliced);
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			bool keep;
			if (r.anchor) {
				if (!in_anchor && anchor_line(p, n, 0, r.anchor, r.anchor_len)) {
					in_anchor = found_anchor = true;
					keep = false;
				} else if (in_anchor && anchor_line(p, n, 1, r.anchor, r.anchor_len)) {
					in_anchor = false;
					keep = false;
				} else {
					keep = in_anchor;
				}
			} else {
				keep = (!r.from || ln >= r.from) && (!r.to || ln <= r.to);
			}
			if (keep && strip && (anchor_line(p, n, 0, NULL, 0) || anchor_line(p, n, 1, NULL, 0)))
				keep = false;
			if (keep) {
				/* Each kept line, with its number, as "N\tline\n". */
				wq_buf_printf(&sliced, "%u\t", ln);
				wq_buf_put(&sliced, p, n);
				wq_buf_putc(&sliced, '\n');
			}
			p = nl ? nl + 1 : end;
			ln++;
		}
		if (r.anchor && !found_anchor)
			wq_diag_warn(x->o->diag, host_path, src_line, col,
				     "include '%s': no 'ANCHOR: %.*s' in the file", file_part,
				     (int)r.anchor_len, r.anchor);
	}
	x->chain[x->depth++] = norm;
	{
		file_ctx inc;
		memset(&inc, 0, sizeof(inc));
		inc.rel = norm;
		inc.file = add_file(x, inc_path, norm);
		inc.prefix = prefix;
		inc.prefix_len = prefix_len;
		inc.strip_anchors = !d->docfx;
		if (block) {
			rc = expand_file(x, &inc, sliced.ptr ? sliced.ptr : "", sliced.len,
					 TEXT_LINES, inc_path);
		} else {
			/* Inline: the lines, joined by spaces, join the current line. */
			wq_buf one = WQ_BUF_INIT;
			const char *p = sliced.ptr ? sliced.ptr : "", *end = p + sliced.len;
			wq_buf_printf(&one, "%u\t", first);
			while (p < end) {
				const char *tab = memchr(p, '\t', (size_t)(end - p));
				const char *nl = memchr(tab, '\n', (size_t)(end - tab));
				if (p != sliced.ptr)
					wq_buf_putc(&one, ' ');
				wq_buf_put(&one, tab + 1, (size_t)(nl - tab - 1));
				p = nl + 1;
			}
			while (one.len && is_space(one.ptr[one.len - 1]))
				wq_buf_truncate(&one, one.len - 1);
			wq_buf_putc(&one, '\n');
			rc = expand_file(x, &inc, one.ptr, one.len, TEXT_INLINE, inc_path);
			wq_buf_dispose(&one);
		}
	}
	x->depth--;
done:
	free(spec);
	free(joined);
	free(norm);
	free(inc_path);
	wq_buf_dispose(&text);
	wq_buf_dispose(&sliced);
	return rc;
}

/* Expand the lines of one file (see text_mode). */
static int expand_file(expander *x, const file_ctx *f, const char *text, size_t len,
		       text_mode mode, const char *path)
{
	const char *p = text, *end = text + len;
	unsigned ln = 0;
	bool numbered = mode != TEXT_DOCUMENT;
	bool inline_part = mode == TEXT_INLINE;
	bool in_fence = false;
	int rc = 0;

	while (p < end && rc == 0) {
		const char *nl, *l;
		size_t n, pos = 0, prefix_len;
		unsigned col;
		directive d;

		if (numbered) {
			char *tab;
			ln = (unsigned)strtoul(p, &tab, 10);
			p = tab + 1;
		} else {
			ln++;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		l = p;
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		p = nl ? nl + 1 : end;
		if (x->out->len > WQ_INCLUDE_MAX_BYTES)
			return wq_err_set(x->err, WQ_ELIMIT, path, ln, 1,
					  "text with its includes is larger than %u MiB",
					  (unsigned)(WQ_INCLUDE_MAX_BYTES >> 20));
		if (line_is_fence(l, n))
			in_fence = !in_fence;
		if (!inline_part) {
			begin_line(x, f->file, ln);
			put(x, f->prefix, f->prefix_len);
		}
		/* A block directive: the line holds only quote markers or
		 * indentation, then the directive. */
		prefix_len = 0;
		while (prefix_len < n && (is_space(l[prefix_len]) || l[prefix_len] == '>'))
			prefix_len++;
		if (!inline_part && !in_fence && docfx_image(x, l, n, prefix_len)) {
			if (nl || numbered)
				newline(x);
			continue;
		}
		if (!inline_part && find_directive(l, n, 0, in_fence, &d) && !d.escaped &&
		    d.start == prefix_len) {
			size_t rest = d.end;
			while (rest < n && is_space(l[rest]))
				rest++;
			if (rest == n) {
				char *pre = wq_xmalloc(f->prefix_len + prefix_len + 1);
				size_t mark = x->out->len;
				memcpy(pre, f->prefix, f->prefix_len);
				memcpy(pre + f->prefix_len, l, prefix_len);
				pre[f->prefix_len + prefix_len] = '\0';
				/* The line is replaced by the included lines. */
				wq_buf_truncate(x->out, mark - f->prefix_len);
				x->at_line_start = true;
				rc = include_one(x, f, path, col_of(l, d.start), ln, &d, true,
						 pre, f->prefix_len + prefix_len);
				free(pre);
				if (rc == 0 && x->out->len == mark - f->prefix_len && x->at_line_start &&
				    x->map->nseg) {
					/* Nothing included: the line stays, empty. */
					begin_line(x, f->file, ln);
					newline(x);
				}
				continue;
			}
		}
		/* Columns counted as the line is read: a line of many
		 * directives is counted once. */
		col = 1;
		while (rc == 0 && find_directive(l, n, pos, in_fence, &d)) {
			put(x, l + pos, d.start - pos);
			col += (unsigned)wq_text_chars(l + pos, d.start - pos);
			if (d.escaped) {
				put(x, l + d.start + 1, d.end - d.start - 1);
			} else {
				rc = include_one(x, f, path, col, ln, &d, false, NULL, 0);
				if (rc == 0 && x->last_file != f->file)
					begin_line(x, f->file, ln); /* the line goes on */
			}
			col += (unsigned)wq_text_chars(l + d.start, d.end - d.start);
			pos = d.end;
		}
		put(x, l + pos, n - pos);
		if (!inline_part && (nl || numbered))
			newline(x);
	}
	return rc;
}

/* Whether a text may hold a directive (one pass over it: every document
 * is looked at). */
static int has_directive(const char *t, size_t len)
{
	const char *p = t, *end = t + len, *bang;

	if (memmem(t, len, ":::image", 8) || memmem(t, len, MDBOOK, MDBOOK_LEN))
		return 1;
	while ((bang = memchr(p, '!', (size_t)(end - p))) != NULL) {
		if (bang > t && bang[-1] == '[' && (size_t)(end - bang + 1) >= DOCFX_LEN &&
		    lower_eq(bang - 1, DOCFX, DOCFX_LEN))
			return 1;
		p = bang + 1;
	}
	return 0;
}

int wq_include_expand(wq_buf *out, wq_srcmap **map, const char *text, size_t len,
		      const char *rel, const char *path, const wq_include_opts *o, wq_err *err)
{
	expander x;
	file_ctx f;
	int rc;

	*map = NULL;
	wq_buf_clear(out);
	if (!has_directive(text, len))
		return 0;
	memset(&x, 0, sizeof(x));
	x.o = o;
	x.out = out;
	x.err = err;
	x.out_line = 1;
	x.at_line_start = true;
	x.map = wq_xcalloc(1, sizeof(*x.map));
	add_file(&x, path, rel);
	x.chain[x.depth++] = rel;
	memset(&f, 0, sizeof(f));
	f.rel = rel;
	f.file = 0;
	f.prefix = "";
	rc = expand_file(&x, &f, text, len, TEXT_DOCUMENT, path);
	if (rc < 0) {
		wq_srcmap_free(x.map);
		wq_buf_clear(out);
		return rc;
	}
	*map = x.map;
	return 0;
}
