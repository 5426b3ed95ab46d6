#include "docrec.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"
#include "value.h"

/* ------------------------------------------------------------ writing */

static void put_u64(wq_buf *out, uint64_t v)
{
	wq_buf_put(out, (const char *)&v, sizeof(v));
}

static void put_str(wq_buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u64(out, n);
	wq_buf_put(out, s ? s : "", n);
}

static void put_val(wq_buf *out, const wq_val *v)
{
	wq_val_kind k = v ? wq_val_kind_of(v) : WQ_VAL_NULL;
	size_t i, n;

	put_u64(out, (uint64_t)k | (uint64_t)(v ? wq_val_line(v) : 0) << 8 |
			     (uint64_t)(v ? wq_val_col(v) : 0) << 36);
	switch (k) {
	case WQ_VAL_NULL:
		break;
	case WQ_VAL_BOOL:
		put_u64(out, wq_val_get_bool(v));
		break;
	case WQ_VAL_NUM: {
		double d = wq_val_get_num(v);
		wq_buf_put(out, (const char *)&d, sizeof(d));
		break;
	}
	case WQ_VAL_STR: {
		size_t len;
		const char *s = wq_val_get_str(v, &len);
		put_u64(out, len);
		wq_buf_put(out, s, len);
		break;
	}
	case WQ_VAL_LIST:
	case WQ_VAL_MAP:
		n = wq_val_count(v);
		put_u64(out, n);
		for (i = 0; i < n; i++) {
			if (k == WQ_VAL_MAP)
				put_str(out, wq_val_key_at(v, i));
			put_val(out, wq_val_at(v, i));
		}
		break;
	}
}

static void put_strs(wq_buf *out, char *const *s, size_t n)
{
	size_t i;

	put_u64(out, n);
	for (i = 0; i < n; i++)
		put_str(out, s[i]);
}

/* What parsing and analysing set, but the links that match nothing and the
 * characters (@p all adds them). */
static void put_parsed(wq_buf *out, const wq_doc *doc, bool all, bool words)
{
	size_t i;

	put_val(out, doc->toc);
	put_strs(out, doc->images, doc->nimages);
	put_strs(out, doc->heading_ids, doc->nheadings);
	put_u64(out, doc->image_nodes);
	put_u64(out, doc->images_without_alt);
	put_str(out, doc->lang);
	put_str(out, doc->dir);
	put_str(out, doc->summary);
	put_u64(out, (uint64_t)doc->base_dir);
	put_u64(out, words ? doc->words : 0);
	put_u64(out, doc->minutes);
	if (!all)
		return;
	put_u64(out, doc->nunmatched);
	for (i = 0; i < doc->nunmatched; i++) {
		put_str(out, doc->unmatched[i].file);
		put_u64(out, doc->unmatched[i].line);
		put_u64(out, doc->unmatched[i].col);
		put_str(out, doc->unmatched[i].url);
	}
	put_u64(out, doc->nchars);
	wq_buf_put(out, (const char *)doc->chars, doc->nchars * sizeof(*doc->chars));
}

void wq_docrec_put(wq_buf *out, const wq_doc *doc)
{
	put_parsed(out, doc, true, true);
}

/* What loading set (the text aside, and the file's date). */
static void put_loaded(wq_buf *out, const wq_doc *doc)
{
	put_str(out, doc->path);
	put_str(out, doc->rel);
	put_str(out, doc->section);
	put_str(out, doc->title);
	put_str(out, doc->author);
	put_str(out, doc->lang);
	put_str(out, doc->dir);
	put_str(out, doc->summary);
	put_str(out, doc->description);
	put_str(out, doc->keywords);
	put_str(out, doc->slug);
	put_str(out, doc->translation_key);
	put_u64(out, (uint64_t)doc->language);
	put_str(out, doc->url);
	put_val(out, doc->tags);
	put_val(out, doc->aliases);
	put_val(out, doc->params);
	wq_buf_put(out, (const char *)&doc->weight, sizeof(doc->weight));
	put_u64(out, doc->draft);
	put_u64(out, doc->has_date);
	put_u64(out, (uint64_t)doc->date);
	put_u64(out, doc->has_lastmod);
	put_u64(out, (uint64_t)doc->lastmod);
	put_u64(out, doc->title_in_text);
}

void wq_docrec_put_loaded(wq_buf *out, const wq_doc *doc)
{
	put_loaded(out, doc);
	put_u64(out, (uint64_t)doc->mtime);
	put_u64(out, doc->text_hash);
	put_strs(out, doc->includes, doc->nincludes);
	put_u64(out, doc->load_notes.len);
	wq_buf_put(out, doc->load_notes.ptr ? doc->load_notes.ptr : "", doc->load_notes.len);
}

uint64_t wq_docrec_loaded(const wq_doc *doc)
{
	wq_buf b = WQ_BUF_INIT;
	uint64_t h;

	put_loaded(&b, doc);
	h = wq_hash_fnv1a(b.ptr, b.len);
	wq_buf_dispose(&b);
	return h;
}

uint64_t wq_docrec_interface(const wq_doc *doc, bool words)
{
	wq_buf b = WQ_BUF_INIT;
	uint64_t h;

	put_loaded(&b, doc);
	put_u64(&b, doc->index);
	put_parsed(&b, doc, false, words);
	h = wq_hash_fnv1a(b.ptr, b.len);
	wq_buf_dispose(&b);
	return h;
}

/* ------------------------------------------------------------ reading */

typedef struct reader {
	const char *p, *end;
	bool bad;
	int depth;
} reader;

static uint64_t get_u64(reader *r)
{
	uint64_t v = 0;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/* A string's bytes, or NULL (then the reader is bad). */
static const char *get_bytes(reader *r, uint64_t *len)
{
	const char *s;

	*len = get_u64(r);
	if (r->bad || *len > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	s = r->p;
	r->p += *len;
	return s;
}

static char *get_str(reader *r)
{
	uint64_t len;
	const char *s = get_bytes(r, &len);

	return s ? wq_xstrndup(s, (size_t)len) : NULL;
}

static void set_str(reader *r, char **slot)
{
	char *s = get_str(r);

	if (!s)
		return;
	free(*slot);
	*slot = s;
}

static wq_val *get_val(reader *r)
{
	uint64_t head = get_u64(r), n, i, len;
	wq_val *v = NULL;
	const char *s;

	if (r->bad || ++r->depth > 256) {
		r->bad = true;
		return NULL;
	}
	switch ((wq_val_kind)(head & 0xff)) {
	case WQ_VAL_NULL:
		v = wq_val_null();
		break;
	case WQ_VAL_BOOL:
		v = wq_val_bool(get_u64(r) != 0);
		break;
	case WQ_VAL_NUM: {
		double d = 0;
		if ((size_t)(r->end - r->p) < sizeof(d)) {
			r->bad = true;
			break;
		}
		memcpy(&d, r->p, sizeof(d));
		r->p += sizeof(d);
		v = wq_val_num(d);
		break;
	}
	case WQ_VAL_STR:
		if ((s = get_bytes(r, &len)) != NULL)
			v = wq_val_strn(s, (size_t)len);
		break;
	case WQ_VAL_LIST:
	case WQ_VAL_MAP: {
		bool map = (head & 0xff) == WQ_VAL_MAP;
		n = get_u64(r);
		v = map ? wq_val_map() : wq_val_list();
		for (i = 0; i < n && !r->bad; i++) {
			char *key = map ? get_str(r) : NULL;
			wq_val *item = r->bad ? NULL : get_val(r);
			if (!item) {
				free(key);
				break;
			}
			if (map)
				wq_val_set(v, key, item);
			else
				wq_val_push(v, item);
			free(key);
		}
		break;
	}
	default:
		r->bad = true;
	}
	r->depth--;
	if (r->bad) {
		wq_val_free(v);
		return NULL;
	}
	wq_val_set_pos(v, (unsigned)(head >> 8 & 0xfffffff), (unsigned)(head >> 36));
	return v;
}

static char **get_strs(reader *r, size_t *n)
{
	uint64_t count = get_u64(r), i;
	char **s;

	*n = 0;
	if (r->bad || count > (uint64_t)(r->end - r->p) / 8) {
		r->bad = true;
		return NULL;
	}
	s = wq_xcalloc(count ? (size_t)count : 1, sizeof(*s));
	for (i = 0; i < count && !r->bad; i++) {
		if ((s[i] = get_str(r)) != NULL)
			(*n)++;
	}
	return s;
}

int wq_docrec_get(wq_doc *doc, const char *data, size_t len)
{
	reader r = { data, data + len, false, 0 };
	uint64_t i, n;

	wq_val_free(doc->toc);
	doc->toc = get_val(&r);
	doc->images = get_strs(&r, &doc->nimages);
	doc->heading_ids = get_strs(&r, &doc->nheadings);
	doc->image_nodes = (size_t)get_u64(&r);
	doc->images_without_alt = (size_t)get_u64(&r);
	set_str(&r, &doc->lang);
	set_str(&r, &doc->dir);
	set_str(&r, &doc->summary);
	doc->base_dir = (wq_dir)get_u64(&r);
	doc->words = (size_t)get_u64(&r);
	doc->minutes = (unsigned)get_u64(&r);
	n = get_u64(&r);
	if (n > len / 32)
		r.bad = true;
	for (i = 0; i < n && !r.bad; i++) {
		wq_unmatched_link u;
		u.file = get_str(&r);
		u.line = (unsigned)get_u64(&r);
		u.col = (unsigned)get_u64(&r);
		u.url = get_str(&r);
		if (!u.file || !u.url || r.bad) {
			free(u.file);
			free(u.url);
			break;
		}
		WQ_APPEND(doc->unmatched, doc->nunmatched, u);
	}
	n = get_u64(&r);
	if (!r.bad && n <= (uint64_t)(r.end - r.p) / sizeof(*doc->chars)) {
		free(doc->chars);
		doc->nchars = (size_t)n;
		doc->chars = wq_xmalloc(n ? (size_t)n * sizeof(*doc->chars) : 1);
		memcpy(doc->chars, r.p, (size_t)n * sizeof(*doc->chars));
		r.p += n * sizeof(*doc->chars);
	} else {
		r.bad = true;
	}
	if (!doc->toc)
		doc->toc = wq_val_list();
	return r.bad || r.p != r.end ? -1 : 0;
}

static void set_val(reader *r, wq_val **slot, bool map)
{
	wq_val *v = get_val(r);

	if (!v)
		v = map ? wq_val_map() : NULL;
	wq_val_free(*slot);
	*slot = v;
}

int wq_docrec_get_loaded(wq_doc *doc, const char *data, size_t len)
{
	reader r = { data, data + len, false, 0 };
	uint64_t n;
	const char *s;

	set_str(&r, &doc->path);
	set_str(&r, &doc->rel);
	set_str(&r, &doc->section);
	set_str(&r, &doc->title);
	set_str(&r, &doc->author);
	set_str(&r, &doc->lang);
	set_str(&r, &doc->dir);
	set_str(&r, &doc->summary);
	set_str(&r, &doc->description);
	set_str(&r, &doc->keywords);
	set_str(&r, &doc->slug);
	set_str(&r, &doc->translation_key);
	doc->language = (int)get_u64(&r);
	set_str(&r, &doc->url);
	set_val(&r, &doc->tags, false);
	if (!doc->tags)
		doc->tags = wq_val_list();
	set_val(&r, &doc->aliases, false);
	if (doc->aliases && wq_val_kind_of(doc->aliases) == WQ_VAL_NULL) {
		wq_val_free(doc->aliases);
		doc->aliases = NULL;
	}
	set_val(&r, &doc->params, true);
	if ((size_t)(r.end - r.p) < sizeof(doc->weight)) {
		r.bad = true;
	} else {
		memcpy(&doc->weight, r.p, sizeof(doc->weight));
		r.p += sizeof(doc->weight);
	}
	doc->draft = get_u64(&r) != 0;
	doc->has_date = get_u64(&r) != 0;
	doc->date = (int64_t)get_u64(&r);
	doc->has_lastmod = get_u64(&r) != 0;
	doc->lastmod = (int64_t)get_u64(&r);
	doc->title_in_text = get_u64(&r) != 0;
	doc->mtime = (int64_t)get_u64(&r);
	doc->text_hash = get_u64(&r);
	doc->includes = get_strs(&r, &doc->nincludes);
	s = get_bytes(&r, &n);
	if (s) {
		wq_buf_clear(&doc->load_notes);
		wq_buf_put(&doc->load_notes, s, (size_t)n);
	}
	return r.bad || r.p != r.end ? -1 : 0;
}
