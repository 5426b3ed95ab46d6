#include "docrec.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"
#include "rec.h"
#include "value.h"

/* ------------------------------------------------------------- fields */

/* A document's fields as the record holds them, in order: one table is
 * both what is written and what is read, so the two cannot drift apart. */
typedef enum field_kind {
	F_STR,      /* char *, NULL written as "" */
	F_STRS,     /* char ** with its count (@c count) */
	F_VAL,      /* wq_val *, NULL kept NULL */
	F_VAL_LIST, /* wq_val *, NULL read as an empty list */
	F_VAL_MAP,  /* wq_val *, NULL read as an empty map */
	F_DOUBLE,
	F_BOOL,
	F_INT,
	F_UNSIGNED,
	F_DIR,
	F_SIZE,
	F_I64,
	F_U64,
	F_WORDS, /* the word count: 0 in the interface when no template shows it */
	F_TOC,   /* the headings (wq_doc::toc): read on first use (wq_doc_toc()) */
} field_kind;

typedef struct field {
	field_kind kind;
	size_t off, count;
} field;

#define FIELD(k, m) { k, offsetof(wq_doc, m), 0 }
#define STRS(m, n) { F_STRS, offsetof(wq_doc, m), offsetof(wq_doc, n) }

/* What loading sets (the text aside, and the file's date). */
static const field loaded[] = {
	FIELD(F_STR, path),     FIELD(F_STR, rel),	  FIELD(F_STR, section),
	FIELD(F_STR, title),    FIELD(F_STR, author),	  FIELD(F_STR, lang),
	FIELD(F_STR, dir),      FIELD(F_STR, summary),	  FIELD(F_STR, description),
	FIELD(F_STR, keywords), FIELD(F_STR, slug),	  FIELD(F_STR, translation_key),
	FIELD(F_INT, language), FIELD(F_STR, url),	  FIELD(F_VAL_LIST, tags),
	FIELD(F_VAL, aliases),  FIELD(F_VAL_MAP, params), FIELD(F_DOUBLE, weight),
	FIELD(F_BOOL, draft),   FIELD(F_BOOL, has_date),  FIELD(F_I64, date),
	FIELD(F_BOOL, has_lastmod), FIELD(F_I64, lastmod), FIELD(F_BOOL, title_in_text),
};

/* What the record of a loaded document adds: the file, its includes. */
static const field loaded_file[] = {
	FIELD(F_I64, mtime),
	FIELD(F_U64, text_hash),
	STRS(includes, nincludes),
};

/* What parsing and analysing set that other pages show. */
static const field parsed[] = {
	FIELD(F_TOC, toc),	      STRS(images, nimages), STRS(heading_ids, nheadings),
	FIELD(F_SIZE, image_nodes),   FIELD(F_SIZE, images_without_alt),
	FIELD(F_STR, lang),	      FIELD(F_STR, dir),     FIELD(F_STR, summary),
	FIELD(F_DIR, base_dir),	      FIELD(F_WORDS, words), FIELD(F_UNSIGNED, minutes),
};

#define NFIELDS(t) (sizeof(t) / sizeof((t)[0]))

#define AT(doc, f, type) ((type *)(void *)((char *)(doc) + (f)->off))
#define CAT(doc, f, type) ((const type *)(const void *)((const char *)(doc) + (f)->off))

/* ------------------------------------------------------------ writing */

static void put_val(wq_buf *out, const wq_val *v)
{
	wq_val_kind k = v ? wq_val_kind_of(v) : WQ_VAL_NULL;
	size_t i, n;

	wq_rec_put_u64(out, (uint64_t)k | (uint64_t)(v ? wq_val_line(v) : 0) << 8 |
				    (uint64_t)(v ? wq_val_col(v) : 0) << 36);
	switch (k) {
	case WQ_VAL_NULL:
		break;
	case WQ_VAL_BOOL:
		wq_rec_put_u64(out, wq_val_get_bool(v));
		break;
	case WQ_VAL_NUM:
		wq_rec_put_double(out, wq_val_get_num(v));
		break;
	case WQ_VAL_STR: {
		size_t len;
		const char *s = wq_val_get_str(v, &len);
		wq_rec_put_blob(out, s, len);
		break;
	}
	case WQ_VAL_LIST:
	case WQ_VAL_MAP:
		n = wq_val_count(v);
		wq_rec_put_u64(out, n);
		for (i = 0; i < n; i++) {
			if (k == WQ_VAL_MAP)
				wq_rec_put_str(out, wq_val_key_at(v, i));
			put_val(out, wq_val_at(v, i));
		}
		break;
	}
}

static void put_fields(wq_buf *out, const wq_doc *doc, const field *fs, size_t n, bool words)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const field *f = &fs[i];
		switch (f->kind) {
		case F_STR:
			wq_rec_put_str(out, *CAT(doc, f, char *));
			break;
		case F_STRS: {
			char *const *s = *(char **const *)(const void *)((const char *)doc + f->off);
			size_t count = *(const size_t *)(const void *)((const char *)doc + f->count);
			wq_rec_put_u64(out, count);
			for (k = 0; k < count; k++)
				wq_rec_put_str(out, s[k]);
			break;
		}
		case F_VAL:
		case F_VAL_LIST:
		case F_VAL_MAP:
			put_val(out, *CAT(doc, f, wq_val *));
			break;
		case F_TOC:
			/* Not read yet: its bytes are what put_val() would write. */
			if (doc->toc_rec)
				wq_buf_put(out, doc->toc_rec, doc->toc_rec_len);
			else
				put_val(out, doc->toc);
			break;
		case F_DOUBLE:
			wq_rec_put_double(out, *CAT(doc, f, double));
			break;
		case F_BOOL:
			wq_rec_put_u64(out, *CAT(doc, f, bool));
			break;
		case F_INT:
			wq_rec_put_u64(out, (uint64_t)*CAT(doc, f, int));
			break;
		case F_UNSIGNED:
			wq_rec_put_u64(out, *CAT(doc, f, unsigned));
			break;
		case F_DIR:
			wq_rec_put_u64(out, (uint64_t)*CAT(doc, f, wq_dir));
			break;
		case F_SIZE:
			wq_rec_put_u64(out, *CAT(doc, f, size_t));
			break;
		case F_WORDS:
			wq_rec_put_u64(out, words ? *CAT(doc, f, size_t) : 0);
			break;
		case F_I64:
			wq_rec_put_u64(out, (uint64_t)*CAT(doc, f, int64_t));
			break;
		case F_U64:
			wq_rec_put_u64(out, *CAT(doc, f, uint64_t));
			break;
		}
	}
}

void wq_docrec_put(wq_buf *out, const wq_doc *doc)
{
	size_t i;

	put_fields(out, doc, parsed, NFIELDS(parsed), true);
	/* The links that match nothing, the characters. */
	wq_rec_put_u64(out, doc->nunmatched);
	for (i = 0; i < doc->nunmatched; i++) {
		wq_rec_put_str(out, doc->unmatched[i].file);
		wq_rec_put_u64(out, doc->unmatched[i].line);
		wq_rec_put_u64(out, doc->unmatched[i].col);
		wq_rec_put_str(out, doc->unmatched[i].url);
	}
	wq_rec_put_blob(out, (const char *)doc->chars, doc->nchars * sizeof(*doc->chars));
}

void wq_docrec_put_loaded(wq_buf *out, const wq_doc *doc)
{
	put_fields(out, doc, loaded, NFIELDS(loaded), true);
	put_fields(out, doc, loaded_file, NFIELDS(loaded_file), true);
	wq_rec_put_blob(out, doc->load_notes.ptr, doc->load_notes.len);
}

uint64_t wq_docrec_loaded(const wq_doc *doc)
{
	wq_buf b = WQ_BUF_INIT;
	uint64_t h;

	put_fields(&b, doc, loaded, NFIELDS(loaded), true);
	/* The file's date: the feed and the sitemap show it when the front
	 * matter gives none, so a file saved again unchanged is not the last
	 * build's document. */
	wq_rec_put_u64(&b, (uint64_t)doc->mtime);
	h = wq_hash_bytes(b.ptr, b.len);
	wq_buf_dispose(&b);
	return h;
}

uint64_t wq_docrec_interface(const wq_doc *doc, bool words)
{
	wq_buf b = WQ_BUF_INIT;
	uint64_t h;

	put_fields(&b, doc, loaded, NFIELDS(loaded), true);
	wq_rec_put_u64(&b, doc->index);
	put_fields(&b, doc, parsed, NFIELDS(parsed), words);
	h = wq_hash_bytes(b.ptr, b.len);
	wq_buf_dispose(&b);
	return h;
}

/* ------------------------------------------------------------ reading */

static wq_val *get_val(wq_rec *r, int depth)
{
	uint64_t head = wq_rec_u64(r), n, i;
	wq_val *v = NULL;
	const char *s;
	size_t len;

	if (r->bad || depth > 256) {
		r->bad = true;
		return NULL;
	}
	switch ((wq_val_kind)(head & 0xff)) {
	case WQ_VAL_NULL:
		v = wq_val_null();
		break;
	case WQ_VAL_BOOL:
		v = wq_val_bool(wq_rec_u64(r) != 0);
		break;
	case WQ_VAL_NUM:
		v = wq_val_num(wq_rec_double(r));
		break;
	case WQ_VAL_STR:
		if ((s = wq_rec_blob(r, &len)) != NULL)
			v = wq_val_strn(s, len);
		break;
	case WQ_VAL_LIST:
	case WQ_VAL_MAP: {
		bool map = (head & 0xff) == WQ_VAL_MAP;
		n = wq_rec_count(r, 8);
		v = map ? wq_val_map() : wq_val_list();
		for (i = 0; i < n && !r->bad; i++) {
			char *key = map ? wq_rec_str(r) : NULL;
			wq_val *item = r->bad ? NULL : get_val(r, depth + 1);
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
	if (r->bad) {
		wq_val_free(v);
		return NULL;
	}
	wq_val_set_pos(v, (unsigned)(head >> 8 & 0xfffffff), (unsigned)(head >> 36));
	return v;
}

/* Past a value as get_val() reads it, checked as it checks it, without
 * making it. */
static void skip_val(wq_rec *r, int depth)
{
	uint64_t head = wq_rec_u64(r), n, i;
	size_t len;

	if (r->bad || depth > 256) {
		r->bad = true;
		return;
	}
	switch ((wq_val_kind)(head & 0xff)) {
	case WQ_VAL_NULL:
		break;
	case WQ_VAL_BOOL:
		(void)wq_rec_u64(r);
		break;
	case WQ_VAL_NUM:
		(void)wq_rec_double(r);
		break;
	case WQ_VAL_STR:
		(void)wq_rec_blob(r, &len);
		break;
	case WQ_VAL_LIST:
	case WQ_VAL_MAP:
		n = wq_rec_count(r, 8);
		for (i = 0; i < n && !r->bad; i++) {
			if ((head & 0xff) == WQ_VAL_MAP)
				(void)wq_rec_blob(r, &len);
			skip_val(r, depth + 1);
		}
		break;
	default:
		r->bad = true;
	}
}

const wq_val *wq_doc_toc(const wq_doc *doc)
{
	wq_val *got, *mine;
	wq_rec r;

	if (!doc->toc_rec)
		return doc->toc;
	if ((got = atomic_load_explicit(doc->toc_read, memory_order_acquire)) != NULL)
		return got;
	wq_rec_init(&r, doc->toc_rec, doc->toc_rec_len);
	if (!(mine = get_val(&r, 0)))
		mine = wq_val_list(); /* (skip_val() found it whole) */
	/* Two threads may read it at once: the first to put it there wins. */
	if (!atomic_compare_exchange_strong_explicit(doc->toc_read, &got, mine,
						     memory_order_acq_rel, memory_order_acquire)) {
		wq_val_free(mine);
		return got;
	}
	return mine;
}

static void get_fields(wq_rec *r, wq_doc *doc, const field *fs, size_t n)
{
	size_t i, k;

	for (i = 0; i < n && !r->bad; i++) {
		const field *f = &fs[i];
		switch (f->kind) {
		case F_STR: {
			char *s = wq_rec_str(r);
			if (s) {
				free(*AT(doc, f, char *));
				*AT(doc, f, char *) = s;
			}
			break;
		}
		case F_STRS: {
			uint64_t count = wq_rec_count(r, 8);
			char **s = wq_xcalloc(count ? (size_t)count : 1, sizeof(*s));
			size_t *slot = (size_t *)(void *)((char *)doc + f->count), got = 0;
			for (k = 0; k < count && !r->bad; k++)
				if ((s[k] = wq_rec_str(r)) != NULL)
					got++;
			for (k = 0; k < *slot; k++)
				free((*AT(doc, f, char **))[k]);
			free(*AT(doc, f, char **));
			*AT(doc, f, char **) = s;
			*slot = got;
			break;
		}
		case F_VAL:
		case F_VAL_LIST:
		case F_VAL_MAP: {
			wq_val *v = get_val(r, 0);
			if (v && f->kind == F_VAL && wq_val_kind_of(v) == WQ_VAL_NULL) {
				wq_val_free(v);
				v = NULL;
			}
			if (!v && f->kind == F_VAL_LIST)
				v = wq_val_list();
			if (!v && f->kind == F_VAL_MAP)
				v = wq_val_map();
			wq_val_free(*AT(doc, f, wq_val *));
			*AT(doc, f, wq_val *) = v;
			break;
		}
		case F_TOC: {
			/* Left where it is (the cache's record, which outlives the
			 * build's use of the document), read when a page or the
			 * book shows it. */
			const char *at = r->p;
			skip_val(r, 0);
			if (r->bad)
				break;
			doc->toc_rec = at;
			doc->toc_rec_len = (size_t)(r->p - at);
			if (!doc->toc_read)
				doc->toc_read = wq_xcalloc(1, sizeof(*doc->toc_read));
			wq_val_free(atomic_exchange(doc->toc_read, NULL));
			break;
		}
		case F_DOUBLE:
			*AT(doc, f, double) = wq_rec_double(r);
			break;
		case F_BOOL:
			*AT(doc, f, bool) = wq_rec_u64(r) != 0;
			break;
		case F_INT:
			*AT(doc, f, int) = (int)wq_rec_u64(r);
			break;
		case F_UNSIGNED:
			*AT(doc, f, unsigned) = (unsigned)wq_rec_u64(r);
			break;
		case F_DIR:
			*AT(doc, f, wq_dir) = (wq_dir)wq_rec_u64(r);
			break;
		case F_SIZE:
		case F_WORDS:
			*AT(doc, f, size_t) = (size_t)wq_rec_u64(r);
			break;
		case F_I64:
			*AT(doc, f, int64_t) = (int64_t)wq_rec_u64(r);
			break;
		case F_U64:
			*AT(doc, f, uint64_t) = wq_rec_u64(r);
			break;
		}
	}
}

int wq_docrec_get(wq_doc *doc, const char *data, size_t len)
{
	wq_rec r;
	uint64_t i, n;
	const char *chars;
	size_t nbytes;

	wq_rec_init(&r, data, len);
	get_fields(&r, doc, parsed, NFIELDS(parsed));
	n = wq_rec_count(&r, 32);
	for (i = 0; i < n && !r.bad; i++) {
		wq_unmatched_link u;
		u.file = wq_rec_str(&r);
		u.line = (unsigned)wq_rec_u64(&r);
		u.col = (unsigned)wq_rec_u64(&r);
		u.url = wq_rec_str(&r);
		if (!u.file || !u.url || r.bad) {
			free(u.file);
			free(u.url);
			break;
		}
		WQ_APPEND(doc->unmatched, doc->nunmatched, u);
	}
	chars = wq_rec_blob(&r, &nbytes);
	if (chars && nbytes % sizeof(*doc->chars) == 0) {
		free(doc->chars);
		doc->nchars = nbytes / sizeof(*doc->chars);
		doc->chars = wq_xmalloc(nbytes ? nbytes : 1);
		memcpy(doc->chars, chars, nbytes);
	} else {
		r.bad = true;
	}
	return r.bad || r.p != r.end ? -1 : 0;
}

int wq_docrec_get_loaded(wq_doc *doc, const char *data, size_t len)
{
	wq_rec r;
	const char *s;
	size_t n;

	wq_rec_init(&r, data, len);
	get_fields(&r, doc, loaded, NFIELDS(loaded));
	get_fields(&r, doc, loaded_file, NFIELDS(loaded_file));
	s = wq_rec_blob(&r, &n);
	if (s) {
		wq_buf_clear(&doc->load_notes);
		wq_buf_put(&doc->load_notes, s, n);
	}
	wq_doc_fill_unset(doc);
	return r.bad || r.p != r.end ? -1 : 0;
}
