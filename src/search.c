#include "search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "hash.h"
#include "mem.h"
#include "pool.h"
#include "rec.h"
#include "strmap.h"
#include "text.h"
#include "url.h"

/* The digits of @p n in decimal, at @p at (room for 20); returns their end. */
static char *put_digits(char *at, size_t n)
{
	char digits[24];
	size_t k = sizeof(digits);

	do {
		digits[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	memcpy(at, digits + k, sizeof(digits) - k);
	return at + (sizeof(digits) - k);
}

/* A number in decimal: the index writes millions of them. */
static void put_number(wq_buf *out, size_t n)
{
	char digits[24];

	wq_buf_put(out, digits, (size_t)(put_digits(digits, n) - digits));
}

/* JSON string: quotes, backslashes and controls escaped; '<' too, so the
 * script can never close a <script> element early. */
static void put_json_n(wq_buf *out, const char *s, size_t n)
{
	size_t i;

	wq_buf_putc(out, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			wq_buf_printf(out, "\\%c", c);
		else if (c == '\n')
			wq_buf_puts(out, "\\n");
		else if (c < 0x20 || c == '<')
			wq_buf_printf(out, "\\u%04x", c);
		else
			wq_buf_putc(out, (char)c);
	}
	wq_buf_putc(out, '"');
}

static void put_json(wq_buf *out, const char *s)
{
	put_json_n(out, s, strlen(s));
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_b64(wq_buf *out, const unsigned char *p, size_t len)
{
	size_t i;
	char *o;

	wq_buf_grow(out, (len + 2) / 3 * 4);
	o = out->ptr + out->len;
	for (i = 0; i + 2 < len; i += 3) {
		*o++ = b64[p[i] >> 2];
		*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		*o++ = b64[p[i + 2] & 63];
	}
	if (len - i == 1) {
		*o++ = b64[p[i] >> 2];
		*o++ = b64[(p[i] & 3) << 4];
		*o++ = '=';
		*o++ = '=';
	} else if (len - i == 2) {
		*o++ = b64[p[i] >> 2];
		*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = b64[(p[i + 1] & 15) << 2];
		*o++ = '=';
	}
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
}

/* ------------------------------------------------------ a document's part */

/* A document's words and their weights, while it is read. */
typedef struct doc_words {
	wq_strmap *index; /* word -> position in words */
	const char **words; /* each in text, NUL-terminated */
	uint32_t *score;
	size_t n;
	uint32_t weight;  /* of the words being read: 10 in the title, 1 in the text */
	char *text;       /* the words, one after another: made once, as large as
			     the words of the texts read can be, so never moved */
	size_t used, room;
} doc_words;

/* Room for the distinct words of @p len bytes of text: a folded character
 * is at most half as long again as it was (U+023A, two bytes, lowers to
 * U+2C65, three), and each word takes its NUL. */
static size_t words_room(size_t len)
{
	return len + len / 2 + len + 1;
}

static void add_word(void *ctx, const char *word, size_t n)
{
	doc_words *w = ctx;
	size_t at;
	char *copy;

	if (n > WQ_SEARCH_MAX_WORD)
		return; /* not a word a reader types */
	if (wq_strmap_get_index(w->index, word, n, &at)) {
		w->score[at] += w->weight;
		return;
	}
	if (n + 1 > w->room - w->used)
		return; /* cannot be (words_room()) */
	copy = w->text + w->used;
	memcpy(copy, word, n);
	copy[n] = '\0';
	w->used += n + 1;
	at = w->n;
	WQ_APPEND(w->words, at, copy);
	at = w->n;
	WQ_APPEND(w->score, at, w->weight);
	w->n = at;
	wq_strmap_add_index(w->index, copy, n, at - 1, NULL);
}

int wq_search_piece(wq_doc *doc, const char *prefix, wq_spill *spill, wq_err *err)
{
	wq_buf part = WQ_BUF_INIT, z = WQ_BUF_INIT;
	doc_words w;
	size_t i;
	int rc;

	/* Its page in the search: title, address (from search/), language,
	 * direction and its text, compressed (raw DEFLATE, base64). */
	wq_buf_printf(&part, "WQ_SEARCH.d(%zu,{\"t\":", doc->index);
	put_json(&part, doc->title);
	wq_buf_puts(&part, ",\"u\":");
	{
		wq_buf u = WQ_BUF_INIT;
		wq_buf from = WQ_BUF_INIT;
		wq_buf_printf(&from, "%ssearch/", prefix);
		wq_url_put_root(&u, from.ptr);
		wq_buf_dispose(&from);
		wq_url_put_path(&u, doc->url);
		wq_buf_puts(&u, "index.html");
		put_json(&part, u.ptr);
		wq_buf_dispose(&u);
	}
	wq_buf_puts(&part, ",\"l\":");
	put_json(&part, doc->lang);
	wq_buf_puts(&part, ",\"d\":");
	put_json(&part, doc->dir);
	wq_buf_puts(&part, ",\"x\":\"");
	if ((rc = wq_deflate_raw(&z, doc->plain, strlen(doc->plain), WQ_DEFLATE_FAST, err)) < 0)
		goto done;
	put_b64(&part, (const unsigned char *)z.ptr, z.len);
	wq_buf_puts(&part, "\"});\n");
	if ((rc = wq_spill_put(spill, part.ptr, part.len, &doc->search, err)) < 0)
		goto done;

	/* Its words, each with its weight (10 a time in the title, 1 in the
	 * text), in the order first met: "word\0weight\n"... (the index is
	 * the same for any order of them). */
	memset(&w, 0, sizeof(w));
	w.index = wq_strmap_new();
	{
		size_t title = strlen(doc->title), plain = strlen(doc->plain);
		w.room = words_room(title) + words_room(plain);
		w.text = wq_xmalloc(w.room);
		w.weight = 10;
		wq_text_search_words(doc->title, title, add_word, &w);
		w.weight = 1;
		wq_text_search_words(doc->plain, plain, add_word, &w);
	}
	wq_buf_clear(&part);
	for (i = 0; i < w.n; i++) {
		wq_buf_puts(&part, w.words[i]);
		wq_buf_putc(&part, '\0');
		put_number(&part, w.score[i]);
		wq_buf_putc(&part, '\n');
	}
	free(w.text);
	free(w.words);
	free(w.score);
	wq_strmap_free(w.index);
	rc = wq_spill_put(spill, part.ptr, part.len, &doc->search_words, err);
done:
	wq_buf_dispose(&part);
	wq_buf_dispose(&z);
	return rc;
}

/* --------------------------------------------------------- the word index */

/* Every word of the site, with its postings: for each document holding it
 * (in site order), the document's number (as the gap from the one before)
 * and the word's weight there, as variable-length integers. */
typedef struct word {
	char *text;
	wq_buf postings;  /* its postings, or empty: */
	const char *kept; /* an update's: the last build's, where they were read */
	size_t kept_len;  /* (untouched words only; 0: none) */
	size_t last;      /* the last document added + 1 (0: none yet; not known of
			     the last build's words until rewrite_postings()) */
	wq_buf pend;      /* an update's: postings (document, weight) to put in */
	bool touched;     /* an update's: its postings change */
	bool changed;     /* an update's: its postings are not the last build's */
	size_t *also;     /* words whose postings this one takes too (clitics) */
	size_t nalso;
} word;

/* The last build's chunks of words (an update's), as its word index file
 * tells them: each entry's length and the words it took (clitics), by
 * word, and each chunk's name and number of entries; a chunk none of whose
 * entries changes is then neither encoded nor written. */
typedef struct old_entry {
	size_t len;      /* the entry's bytes in its chunk */
	uint64_t fp;     /* what it was made of (entry_fp()) */
	size_t chunk;    /* its chunk */
} old_entry;

typedef struct old_chunk {
	const char *name; /* not NUL-terminated */
	size_t name_len;
	size_t count; /* entries */
} old_chunk;

typedef struct layout {
	wq_strmap *index; /* word -> position in entries (NULL: no last build) */
	old_entry *entries;
	old_chunk *chunks;
	size_t nchunks;
} layout;

typedef struct vocab {
	wq_strmap *index; /* text -> position in words */
	word *words;
	size_t n;
	layout old; /* an update's */
} vocab;

/* A word's postings, wherever they are. */
static const unsigned char *postings_of(const word *w, size_t *len)
{
	if (w->kept_len) {
		*len = w->kept_len;
		return (const unsigned char *)w->kept;
	}
	*len = w->postings.len;
	return (const unsigned char *)w->postings.ptr;
}

/* Whether some document still holds the word. */
static bool has_postings(const word *w)
{
	return w->kept_len || w->postings.len;
}

static void put_varint(wq_buf *b, size_t v)
{
	char bytes[10];
	size_t n = 0;

	while (v >= 0x80) {
		bytes[n++] = (char)(0x80 | (v & 0x7f));
		v >>= 7;
	}
	bytes[n++] = (char)v;
	wq_buf_put(b, bytes, n);
}

static size_t get_varint(const unsigned char **p)
{
	size_t v = 0;
	unsigned shift = 0;

	while (**p & 0x80) {
		v |= (size_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (size_t)**p << shift;
	(*p)++;
	return v;
}

static size_t word_at(vocab *v, const char *text, size_t n)
{
	size_t at;
	word w;

	if (wq_strmap_get_index(v->index, text, n, &at))
		return at;
	memset(&w, 0, sizeof(w));
	w.text = wq_xstrndup(text, n);
	at = v->n;
	WQ_APPEND(v->words, v->n, w);
	wq_strmap_add_index(v->index, v->words[at].text, n, at, NULL);
	return at;
}

static void free_vocab(vocab *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->words[i].text);
		wq_buf_dispose(&v->words[i].postings);
		wq_buf_dispose(&v->words[i].pend);
		free(v->words[i].also);
	}
	free(v->words);
	wq_strmap_free(v->index);
	wq_strmap_free(v->old.index);
	free(v->old.entries);
	free(v->old.chunks);
}

/* One document's words and weights as wq_search_piece() put them
 * ("word\0weight\n" each), read back from @p in into @p part; each word's
 * text, length and weight into @p out. */
typedef struct doc_word {
	const char *text;
	size_t len;
	size_t weight;
	bool seen; /* (a word it held) it holds it still */
} doc_word;

/* Where document @p d's words are: the work file, or the cache's. */
static const wq_spill *words_in(const wq_site *site, const wq_doc *d)
{
	return d->search_words_in ? d->search_words_in : site->spill;
}

typedef struct doc_word_list {
	doc_word *w;
	size_t n, cap;
} doc_word_list;

static int read_doc_words(const wq_spill *in, const wq_spill_ref *ref, wq_buf *part,
			  doc_word_list *out, wq_err *err)
{
	const char *p, *end;

	out->n = 0;
	wq_buf_clear(part);
	wq_buf_grow(part, ref->len + 1);
	if (ref->len && wq_spill_read(in, ref, 0, part->ptr, ref->len) < 0)
		return wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot read back the search words");
	part->len = ref->len;
	for (p = part->ptr, end = p + part->len; p < end;) {
		const char *nul = memchr(p, '\0', (size_t)(end - p)), *nl;
		doc_word d;
		if (!nul || !(nl = memchr(nul, '\n', (size_t)(end - nul))))
			break;
		d.text = p;
		d.len = (size_t)(nul - p);
		d.weight = (size_t)strtoul(nul + 1, NULL, 10);
		d.seen = false;
		if (d.len && d.weight) {
			if (out->n == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 256;
				out->w = wq_xrealloc(out->w, out->cap * sizeof(*out->w));
			}
			out->w[out->n++] = d;
		}
		p = nl + 1;
	}
	return 0;
}

/* Document @p i's words read back from the work file (@p part, @p words:
 * room) and its postings added. */
static int collect_doc(vocab *v, const wq_site *site, size_t i, wq_buf *part,
		       doc_word_list *words, wq_err *err)
{
	const wq_doc *d = site->docs[i];
	size_t k;
	int rc = read_doc_words(words_in(site, d), &d->search_words, part, words, err);

	for (k = 0; k < words->n && rc == 0; k++) {
		size_t at = word_at(v, words->w[k].text, words->w[k].len); /* may move them */
		word *w;
		if (!v->words)
			break;
		w = &v->words[at];
		put_varint(&w->postings, i + 1 - w->last);
		put_varint(&w->postings, words->w[k].weight);
		w->last = i + 1;
	}
	return rc;
}

/* Read every document's words back from the work file, in site order. */
/* The documents read in parts side by side: part p takes documents
 * [p * n / parts, (p + 1) * n / parts) into a vocabulary of its own.  The
 * words common to several parts are held once in each until they are
 * merged: a few parts at most (the merge is on one thread anyway). */
#define COLLECT_MAX_PARTS 4

typedef struct collect_job {
	const wq_site *site;
	vocab *parts;
	size_t nparts;
} collect_job;

static int collect_part(void *ctx, size_t p, wq_err *err)
{
	collect_job *j = ctx;
	size_t n = j->site->ndocs, i = p * n / j->nparts, end = (p + 1) * n / j->nparts;
	wq_buf part = WQ_BUF_INIT;
	doc_word_list words = { NULL, 0, 0 };
	int rc = 0;

	for (; i < end && rc == 0; i++)
		rc = collect_doc(&j->parts[p], j->site, i, &part, &words, err);
	wq_buf_dispose(&part);
	free(words.w);
	return rc;
}

/* Part @p from's words added to @p v, which holds the documents before
 * them: a word new to @p v goes after its words (the order words are
 * first met in, document after document), and a posting's first gap,
 * counted from no document in its part, is counted again from the last
 * document @p v has the word in. */
static void merge_part(vocab *v, vocab *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		word *f = &from->words[i], *w;
		const unsigned char *p = (const unsigned char *)f->postings.ptr;
		size_t first, at = word_at(v, f->text, strlen(f->text));
		w = &v->words[at];
		first = get_varint(&p); /* the document's number + 1 */
		put_varint(&w->postings, first - w->last);
		wq_buf_put(&w->postings, (const char *)p,
			   f->postings.len - (size_t)((const char *)p - f->postings.ptr));
		w->last = f->last;
		wq_buf_dispose(&f->postings); /* as it is taken, not all at the end */
	}
}

/* Every document's words read back from the work file, their postings in
 * site order; the same for any number of parts. */
static int collect_words(vocab *v, const wq_site *site, wq_err *err)
{
	collect_job j;
	size_t p, parts;
	int rc;

	j.site = site;
	parts = site->config->jobs;
	if (parts > COLLECT_MAX_PARTS)
		parts = COLLECT_MAX_PARTS;
	j.nparts = parts > 1 && site->ndocs >= 2 * parts ? parts : 1;
	j.parts = wq_xcalloc(j.nparts, sizeof(*j.parts));
	j.parts[0] = *v;
	for (p = 1; p < j.nparts; p++)
		j.parts[p].index = wq_strmap_new();
	rc = wq_pool_for(j.nparts, j.nparts, collect_part, &j, NULL, err);
	*v = j.parts[0];
	for (p = 1; p < j.nparts; p++) {
		if (rc == 0)
			merge_part(v, &j.parts[p]);
		free_vocab(&j.parts[p]);
	}
	free(j.parts);
	return rc;
}

/* ------------------------------------------------- kept between builds */

/* The file the words and postings go to for the next build, and the hash
 * of what was written to it: the file ends with it (8 bytes), so that the
 * next build checks the whole file in one pass, not each posting. */
typedef struct vocab_file {
	FILE *f;
	wq_hash_stream *sum;
} vocab_file;

static bool put_file(vocab_file *o, const void *p, size_t len)
{
	wq_hash_stream_add(o->sum, p, len);
	return fwrite(p, 1, len, o->f) == len;
}

/* The words and postings for the next build (wq_search_kept): "WQV3",
 * then a record (rec.h): the number of documents, of words, then each
 * word's text and postings as blobs.  Written a piece at a time; the
 * chunks' layout follows (save_layout()), then the hash. */
static bool save_vocab(const vocab *v, size_t ndocs, vocab_file *f)
{
	wq_buf b = WQ_BUF_INIT;
	size_t i, n = 0;
	bool ok = true;

	for (i = 0; i < v->n; i++)
		n += has_postings(&v->words[i]);
	wq_buf_put(&b, "WQV3", 4);
	wq_rec_put_u64(&b, ndocs);
	wq_rec_put_u64(&b, n);
	for (i = 0; i <= v->n && ok; i++) {
		const word *w = i < v->n ? &v->words[i] : NULL;
		const unsigned char *post;
		size_t len;
		if (b.len && (!w || b.len >= 65536)) {
			ok = put_file(f, b.ptr, b.len);
			wq_buf_clear(&b);
		}
		if (!w || !has_postings(w))
			continue;
		post = postings_of(w, &len);
		wq_rec_put_blob(&b, w->text, strlen(w->text));
		wq_rec_put_blob(&b, (const char *)post, len);
	}
	wq_buf_dispose(&b);
	return ok;
}

/* The chunks' layout (struct layout) after the words: the number of
 * entries, then each entry's word (a blob), length and fingerprint, in the
 * chunks' order; the number of chunks, then each chunk's name (a blob) and
 * number of entries.  Made by write_words(), written by save_layout(). */
typedef struct layout_out {
	wq_buf entries, chunks;
	size_t nentries, nchunks;
} layout_out;

static bool save_layout(const layout_out *l, vocab_file *f)
{
	wq_buf b = WQ_BUF_INIT;
	bool ok;

	wq_rec_put_u64(&b, l->nentries);
	ok = put_file(f, b.ptr, b.len) && put_file(f, l->entries.ptr, l->entries.len);
	wq_buf_clear(&b);
	wq_rec_put_u64(&b, l->nchunks);
	ok = ok && put_file(f, b.ptr, b.len) && put_file(f, l->chunks.ptr, l->chunks.len);
	wq_buf_dispose(&b);
	return ok;
}

/* The layout save_layout() wrote, read where it lies in @p r's data; false
 * when it is not whole. */
static bool load_layout(layout *l, wq_rec *r)
{
	uint64_t n = wq_rec_count(r, 24), nchunks, k, c, at = 0;

	l->index = wq_strmap_new();
	l->entries = wq_xcalloc(n ? n : 1, sizeof(*l->entries));
	for (k = 0; k < n && !r->bad; k++) {
		size_t tl;
		const char *text = wq_rec_blob(r, &tl);
		l->entries[k].len = wq_rec_u64(r);
		l->entries[k].fp = wq_rec_u64(r);
		if (!text || !tl || !l->entries[k].len ||
		    !wq_strmap_add_index(l->index, text, tl, k, NULL))
			return false;
	}
	nchunks = wq_rec_count(r, 16);
	l->chunks = wq_xcalloc(nchunks ? nchunks : 1, sizeof(*l->chunks));
	l->nchunks = nchunks;
	for (c = 0; c < nchunks && !r->bad; c++) {
		old_chunk *ch = &l->chunks[c];
		ch->name = wq_rec_blob(r, &ch->name_len);
		ch->count = wq_rec_u64(r);
		if (!ch->name || !ch->count || ch->count > n - at)
			return false;
		for (k = 0; k < ch->count; k++)
			l->entries[at + k].chunk = c;
		at += ch->count;
	}
	return !r->bad && at == n;
}

/* The last build's words and postings (save_vocab()); false when they are
 * not whole (their hash) or not for @p ndocs documents.  The postings are
 * not copied: they stay in @p data, which must outlive @p v; being this
 * program's own, as the hash says, they are not read one by one (an
 * untouched word's are copied as they are; a touched word's are read
 * again, rewrite_postings()). */
static bool load_vocab(vocab *v, const wq_fs_mapped *data, size_t ndocs)
{
	wq_rec r;
	uint64_t nwords, k;

	if (data->len < 12 || memcmp(data->ptr, "WQV3", 4) || !wq_hash_sealed(data->ptr, data->len))
		return false;
	wq_rec_init(&r, data->ptr + 4, data->len - 12);
	if (wq_rec_u64(&r) != ndocs)
		return false;
	nwords = wq_rec_count(&r, 16);
	for (k = 0; k < nwords && !r.bad; k++) {
		size_t tl, pl, at;
		const char *text = wq_rec_blob(&r, &tl), *post = wq_rec_blob(&r, &pl);
		word w;
		if (!text || !post || !tl || !pl || memchr(text, '\0', tl) ||
		    wq_strmap_get_index(v->index, text, tl, &at))
			return false;
		memset(&w, 0, sizeof(w));
		w.text = wq_xstrndup(text, tl);
		w.kept = post;
		w.kept_len = pl;
		at = v->n;
		WQ_APPEND(v->words, v->n, w);
		wq_strmap_add_index(v->index, v->words[at].text, tl, at, NULL);
	}
	return !r.bad && load_layout(&v->old, &r) && r.p == r.end;
}

/* A touched word's postings again: the last build's, but for the
 * documents of its pending ones (document, weight; weight 0: it holds the
 * word no more), by document. */
static void rewrite_postings(word *w)
{
	size_t plen;
	const unsigned char *p = postings_of(w, &plen), *end = p + plen;
	const unsigned char *q = (const unsigned char *)w->pend.ptr, *qend = q + w->pend.len;
	wq_buf out = WQ_BUF_INIT;
	size_t doc = 0, last = 0, pd = 0, pw = 0, qd = 0, qw = 0;
	bool have_p = false, have_q = false;

	for (;;) {
		if (!have_p && p < end) {
			doc += get_varint(&p);
			pw = get_varint(&p);
			pd = doc - 1;
			have_p = true;
		}
		if (!have_q && q < qend) {
			qd = get_varint(&q);
			qw = get_varint(&q);
			have_q = true;
		}
		if (!have_p && !have_q)
			break;
		if (have_q && (!have_p || qd <= pd)) {
			if (have_p && pd == qd)
				have_p = false; /* the document's posting as it was goes */
			if (qw) {
				put_varint(&out, qd + 1 - last);
				put_varint(&out, qw);
				last = qd + 1;
			}
			have_q = false;
		} else {
			put_varint(&out, pd + 1 - last);
			put_varint(&out, pw);
			last = pd + 1;
			have_p = false;
		}
	}
	p = postings_of(w, &plen);
	w->changed = plen != out.len || (plen && memcmp(p, out.ptr, plen));
	wq_buf_dispose(&w->postings);
	w->postings = out;
	w->kept = NULL;
	w->kept_len = 0;
	w->last = last;
	wq_buf_dispose(&w->pend);
	w->touched = false;
}

/* The words no document holds any more, let go (a fresh collection has
 * none of them). */
static void drop_empty(vocab *v)
{
	size_t i, k = 0;

	for (i = 0; i < v->n && has_postings(&v->words[i]); i++)
		;
	if (i == v->n)
		return;
	wq_strmap_free(v->index);
	v->index = wq_strmap_new();
	for (i = 0; i < v->n; i++) {
		word *w = &v->words[i];
		if (!has_postings(w)) {
			free(w->text);
			wq_buf_dispose(&w->postings);
			wq_buf_dispose(&w->pend);
			free(w->also);
			continue;
		}
		v->words[k] = *w;
		wq_strmap_add_index(v->index, v->words[k].text, strlen(v->words[k].text), k, NULL);
		k++;
	}
	v->n = k;
}

/* A pending posting of document @p doc for the word @p text (weight 0:
 * the document holds it no more). */
static void put_pending(vocab *v, const char *text, size_t len, size_t doc, size_t weight)
{
	size_t at = word_at(v, text, len);
	word *w = &v->words[at];

	put_varint(&w->pend, doc);
	put_varint(&w->pend, weight);
	w->touched = true;
}

/* An update in place from the last build's words: for each document of
 * @p only, the words whose weight in it changed (or that it gained or
 * lost), as its words are now beside what they were (@p kept); the
 * postings of those words made again, the others' left as they were. */
static int patch_vocab(vocab *v, const wq_site *site, const bool *only,
		       const wq_search_kept *kept, wq_err *err)
{
	wq_buf now = WQ_BUF_INIT, was = WQ_BUF_INIT;
	doc_word_list a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	wq_strmap *old = NULL;
	size_t i, k, at;
	int rc = 0;

	for (i = 0; i < site->ndocs && rc == 0; i++) {
		const wq_doc *d = site->docs[i];
		if (!only[i])
			continue;
		if ((rc = read_doc_words(words_in(site, d), &d->search_words, &now, &a, err)) < 0 ||
		    (rc = read_doc_words(kept->was_in, &kept->was[i], &was, &b, err)) < 0)
			break;
		wq_strmap_free(old);
		old = wq_strmap_new();
		for (k = 0; k < b.n; k++)
			wq_strmap_add_index(old, b.w[k].text, b.w[k].len, k, NULL);
		for (k = 0; k < a.n; k++) {
			if (wq_strmap_get_index(old, a.w[k].text, a.w[k].len, &at)) {
				b.w[at].seen = true;
				if (b.w[at].weight == a.w[k].weight)
					continue;
			}
			put_pending(v, a.w[k].text, a.w[k].len, i, a.w[k].weight);
		}
		for (k = 0; k < b.n; k++)
			if (!b.w[k].seen)
				put_pending(v, b.w[k].text, b.w[k].len, i, 0);
	}
	wq_strmap_free(old);
	free(a.w);
	free(b.w);
	wq_buf_dispose(&now);
	wq_buf_dispose(&was);
	if (rc < 0)
		return rc;
	for (i = 0; i < v->n; i++)
		if (v->words[i].touched)
			rewrite_postings(&v->words[i]);
	drop_empty(v);
	return 0;
}

/* ---------------------------------------------------------------- clitics */

/* Arabic letters as the search folds them. */
#define WAW "\xd9\x88"
#define FEH "\xd9\x81"
#define BEH "\xd8\xa8"
#define KAF "\xd9\x83"
#define LAM "\xd9\x84"
#define ALEF "\xd8\xa7"

/* The prefixes a word may carry before its stem: a conjunction (و ف), a
 * preposition (ب ك ل), the article (ال; after ل it is written لل).  Those
 * with the article are sure signs; the others are taken only when what
 * remains is a word of the site on its own (so بيت is not cut). */
static const struct clitic {
	const char *prefix;
	int article; /* ends with the article */
} clitics[] = {
	{ WAW ALEF LAM, 1 }, { FEH ALEF LAM, 1 }, { BEH ALEF LAM, 1 }, { KAF ALEF LAM, 1 },
	{ LAM LAM, 1 }, { WAW BEH ALEF LAM, 1 }, { FEH BEH ALEF LAM, 1 },
	{ WAW KAF ALEF LAM, 1 }, { FEH KAF ALEF LAM, 1 }, { WAW LAM LAM, 1 },
	{ FEH LAM LAM, 1 }, { ALEF LAM, 1 },
	{ WAW BEH, 0 }, { FEH BEH, 0 }, { WAW KAF, 0 }, { FEH KAF, 0 }, { WAW LAM, 0 },
	{ FEH LAM, 0 }, { WAW, 0 }, { FEH, 0 }, { BEH, 0 }, { KAF, 0 }, { LAM, 0 },
};

/* Letters (code points) in a UTF-8 string. */
static size_t letters(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

/* The shortest stem a prefix may leave. */
#define MIN_STEM 3

static void add_also(vocab *v, size_t to, size_t from)
{
	word *w = &v->words[to];
	size_t i;

	for (i = 0; i < w->nalso; i++)
		if (w->also[i] == from)
			return;
	WQ_APPEND(w->also, w->nalso, from);
}

/* The stem @p t leaves behind clitic @p k, or NULL (not that prefix, or
 * too short a stem). */
static const char *stem_after(const char *t, size_t tl, size_t k, size_t *rl)
{
	size_t pl = strlen(clitics[k].prefix);

	if (tl <= pl || memcmp(t, clitics[k].prefix, pl) || letters(t + pl, tl - pl) < MIN_STEM)
		return NULL;
	*rl = tl - pl;
	return t + pl;
}

/* A word behind clitics is found by its stem too: بالمخزون under المخزون
 * and مخزون, والمخزون likewise; وزارة under زارة only if زارة is a word
 * of the site, or the stem of one with the article (first pass), so that
 * what is found does not hang on the order of the words. */
static void link_clitics(vocab *v)
{
	size_t i, k, n = v->n, rl, found;
	const size_t nclitics = sizeof(clitics) / sizeof(clitics[0]);
	bool *done = wq_xcalloc(n ? n : 1, sizeof(*done));
	wq_buf stem = WQ_BUF_INIT;

	/* With the article: under the bare stem and under ال + stem. */
	for (i = 0; i < n; i++) {
		for (k = 0; k < nclitics && clitics[k].article; k++) {
			const char *t = v->words[i].text;
			const char *rest = stem_after(t, strlen(t), k, &rl);
			if (!rest)
				continue;
			add_also(v, word_at(v, rest, rl), i);
			if (strcmp(clitics[k].prefix, ALEF LAM)) {
				wq_buf_clear(&stem);
				wq_buf_puts(&stem, ALEF LAM);
				wq_buf_put(&stem, rest, rl);
				add_also(v, word_at(v, stem.ptr, stem.len), i);
			}
			done[i] = true;
			break;
		}
	}
	/* Without it: the longest prefix whose stem is known. */
	for (i = 0; i < n; i++) {
		for (k = 0; k < nclitics && !done[i]; k++) {
			const char *t = v->words[i].text;
			const char *rest;
			if (clitics[k].article || !(rest = stem_after(t, strlen(t), k, &rl)) ||
			    !wq_strmap_get_index(v->index, rest, rl, &found))
				continue;
			add_also(v, found, i);
			break;
		}
	}
	free(done);
	wq_buf_dispose(&stem);
}

/* ------------------------------------------------------------- writing */

typedef struct posting {
	size_t doc;
	size_t weight;
} posting;

static void read_postings(posting **out, size_t *n, const word *w)
{
	size_t len;
	const unsigned char *p = postings_of(w, &len), *end = p + len;
	size_t doc = 0;

	while (p < end) {
		posting x;
		doc += get_varint(&p);
		x.doc = doc - 1;
		x.weight = get_varint(&p);
		WQ_APPEND(*out, *n, x);
	}
}

/* Merge @p more (by document) into *all (by document): both stay sorted. */
static void merge_postings(posting **all, size_t *n, const posting *more, size_t m)
{
	posting *a = *all, *out = wq_xmalloc(((*n + m) ? (*n + m) : 1) * sizeof(*out));
	size_t i = 0, j = 0, k = 0;

	while (i < *n && j < m)
		out[k++] = more[j].doc < a[i].doc ? more[j++] : a[i++];
	while (i < *n)
		out[k++] = a[i++];
	while (j < m)
		out[k++] = more[j++];
	free(a);
	*all = out;
	*n = k;
}

/* Room for one posting: a comma, two numbers and the comma between. */
#define POSTING_ROOM (1 + 20 + 1 + 20)

/* One posting of an entry, "gap,weight", after a comma unless @p first. */
static void put_posting(wq_buf *out, size_t gap, size_t weight, bool first)
{
	char *at;

	wq_buf_grow(out, POSTING_ROOM);
	at = out->ptr + out->len;
	if (!first)
		*at++ = ',';
	at = put_digits(at, gap);
	*at++ = ',';
	at = put_digits(at, weight);
	*at = '\0';
	out->len = (size_t)(at - out->ptr);
}

/* A word's entry in its chunk: "word":[gap,weight,gap,weight...], its own
 * postings and those of the words it takes (clitics), by document; a
 * document listed twice has the sum of its weights. */
static void put_entry(wq_buf *out, const vocab *v, size_t i)
{
	const word *w = &v->words[i];
	posting *all = NULL;
	size_t n = 0, k, last = 0, kept = 0;

	if (!w->nalso) {
		/* Its own postings only: read as they are written. */
		size_t len;
		const unsigned char *p = postings_of(w, &len), *end = p + len;
		size_t doc = 0, at = 0, weight = 0; /* the posting not written yet */
		if (!len)
			return;
		put_json(out, w->text);
		wq_buf_puts(out, ":[");
		while (p < end) {
			size_t gap = get_varint(&p), more = get_varint(&p);
			if (doc && !gap) {
				weight += more; /* the same document again */
				continue;
			}
			if (doc) {
				put_posting(out, at - last, weight, !kept++);
				last = at;
			}
			doc += gap;
			at = doc - 1;
			weight = more;
		}
		put_posting(out, at - last, weight, !kept);
		wq_buf_putc(out, ']');
		return;
	}
	/* Each word's postings are in site order: merged, they stay so. */
	read_postings(&all, &n, w);
	for (k = 0; k < w->nalso; k++) {
		posting *more = NULL;
		size_t m = 0;
		read_postings(&more, &m, &v->words[w->also[k]]);
		merge_postings(&all, &n, more, m);
		free(more);
	}
	if (!n || !all) {
		free(all);
		return;
	}
	put_json(out, w->text);
	wq_buf_puts(out, ":[");
	for (k = 0; k < n; k++) {
		size_t weight = all[k].weight;
		while (k + 1 < n && all[k + 1].doc == all[k].doc)
			weight += all[++k].weight;
		put_posting(out, all[k].doc - last, weight, !kept++);
		last = all[k].doc;
	}
	wq_buf_putc(out, ']');
	free(all);
}

static const vocab *sort_vocab;

static int cmp_word_index(const void *a, const void *b)
{
	return strcmp(sort_vocab->words[*(const size_t *)a].text,
		      sort_vocab->words[*(const size_t *)b].text);
}

/* A 64-bit hash, its bits mixed (SplitMix64's finaliser): FNV-1a's low
 * bits alone follow a word's last letters too closely. */
static uint64_t word_hash(const char *text, uint64_t seed)
{
	uint64_t h = wq_hash_fnv1a(text, strlen(text)) ^ seed;

	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

/* Whether the word @p text, whose entry takes @p len bytes, begins a new
 * chunk after @p body bytes.  Past a quarter of WQ_SEARCH_CHUNK_BYTES, the
 * word chooses, by its hash, with odds in proportion to its entry's size
 * (so chunks come to about WQ_SEARCH_CHUNK_BYTES): the bounds hang on the
 * words, hardly on the bytes before them, and an edit changes only the
 * chunks of the words it touches.  A chunk that would pass
 * WQ_SEARCH_CHUNK_MAX is closed all the same. */
static bool starts_chunk(const char *text, size_t len, size_t body)
{
	const size_t least = WQ_SEARCH_CHUNK_BYTES / 4, odds = WQ_SEARCH_CHUNK_BYTES - least;
	uint64_t h;

	if (body + len > WQ_SEARCH_CHUNK_MAX)
		return true;
	if (body < least)
		return false;
	if (len >= odds)
		return true;
	h = word_hash(text, 0) >> 32;
	return h * odds < (uint64_t)len << 32;
}

/* Room for a chunk's name: ten letters, a dash and a number, NUL. */
#define CHUNK_NAME 40

/* A chunk's name, from its first word: ten letters of base32 (lower case,
 * so that no two differ only in case), then, should two chunks' words
 * give the same ten, "-N" for the Nth such chunk. */
static void chunk_name(char *out, const char *first, wq_strmap *taken)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz234567";
	uint64_t h = word_hash(first, 0x9e3779b97f4a7c15u);
	size_t i, again = 0;

	for (i = 0; i < 10; i++, h >>= 5)
		out[i] = digits[h & 31];
	out[10] = '\0';
	while (wq_strmap_get(taken, out, strlen(out)))
		snprintf(out + 10, CHUNK_NAME - 10, "-%zu", ++again);
}

/* What a word's entry is made of, besides postings: whether it has its
 * own (a stem may have none, its entry being the words it takes) and
 * which words it takes (clitics), their hashes summed in no order. */
static uint64_t entry_fp(const vocab *v, const word *w)
{
	uint64_t fp = has_postings(w) ? 0x9e3779b97f4a7c15u : 0;
	size_t k;

	for (k = 0; k < w->nalso; k++)
		fp += word_hash(v->words[w->also[k]].text, 0x2545f4914f6cdd1du);
	return fp;
}

/* Whether word @p w's entry is the last build's (an update's): its
 * postings, the words it takes and theirs unchanged; *k is then its place
 * in the last build's layout. */
static bool entry_kept(const vocab *v, const word *w, uint64_t fp, size_t *k)
{
	size_t i;

	if (!v->old.index || w->changed ||
	    !wq_strmap_get_index(v->old.index, w->text, strlen(w->text), k) ||
	    v->old.entries[*k].fp != fp)
		return false;
	for (i = 0; i < w->nalso; i++)
		if (v->words[w->also[i]].changed)
			return false;
	return true;
}

/* A chunk being made: its entries (words), those encoded already end to
 * end in #pend. */
typedef struct chunk_member {
	size_t word;
	size_t at;  /* in pend, or SIZE_MAX: not encoded (the last build's) */
	size_t len; /* its bytes */
} chunk_member;

typedef struct chunk {
	chunk_member *m;
	size_t n;
	wq_buf pend;
	size_t len;  /* its bytes so far, as written ("});\n" to come) */
	size_t old;  /* the last build's chunk all its entries were in, or SIZE_MAX */
	bool kept;   /* every entry the last build's, all in chunk #old */
	char name[CHUNK_NAME];
} chunk;

static const char chunk_head[] = "WQ_SEARCH.w(\"", chunk_head2[] = "\",{";
#define CHUNK_TAIL "});\n"

/* Chunk @p c written (search/w/NAME.js), unless it is the last build's
 * chunk of the same name, entries and bytes: then the file there stays. */
static int close_chunk(wq_outdir *od, const wq_site *site, const vocab *v, chunk *c,
		       wq_buf *body, size_t *bytes, size_t *files, wq_err *err)
{
	const old_chunk *o = c->old != SIZE_MAX ? &v->old.chunks[c->old] : NULL;
	wq_buf name = WQ_BUF_INIT;
	size_t j;
	int rc = 0;

	*bytes += c->len + strlen(CHUNK_TAIL);
	(*files)++;
	if (c->kept && o && o->count == c->n && o->name_len == strlen(c->name) &&
	    !memcmp(o->name, c->name, o->name_len))
		goto done;
	wq_buf_clear(body);
	wq_buf_printf(body, "%s%s%s", chunk_head, c->name, chunk_head2);
	for (j = 0; j < c->n; j++) {
		size_t before = body->len;
		if (j)
			wq_buf_putc(body, ',');
		if (c->m[j].at == SIZE_MAX) {
			put_entry(body, v, c->m[j].word);
			if (body->len - before - (j > 0) != c->m[j].len) {
				rc = wq_err_set(err, WQ_EIO, NULL, 0, 0,
						"the build cache's word index does not match the "
						"site; build with --no-cache");
				goto done;
			}
		} else {
			wq_buf_put(body, c->pend.ptr + c->m[j].at, c->m[j].len);
		}
	}
	wq_buf_puts(body, CHUNK_TAIL);
	wq_buf_printf(&name, "%ssearch/w/%s.js", site->config->url_prefix, c->name);
	rc = wq_outdir_write(od, name.ptr, body->ptr, body->len, err);
done:
	wq_buf_dispose(&name);
	c->n = 0;
	wq_buf_clear(&c->pend);
	return rc;
}

/* The word chunks (search/w/NAME.js) and the first file (search/index.js);
 * their layout into @p out, for the next build. */
static int write_words(wq_outdir *od, const wq_site *site, vocab *v, wq_buf *index,
		       layout_out *out, size_t *bytes, size_t *files, wq_err *err)
{
	size_t *order = wq_xmalloc((v->n ? v->n : 1) * sizeof(*order)), i, nnames = 0;
	wq_buf body = WQ_BUF_INIT, first = WQ_BUF_INIT, name = WQ_BUF_INIT;
	wq_buf files_js = WQ_BUF_INIT;
	wq_strmap *taken = wq_strmap_new();
	char **names = NULL, **old;
	chunk c;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < v->n; i++)
		order[i] = i;
	sort_vocab = v; /* one thread writes the index */
	qsort(order, v->n, sizeof(*order), cmp_word_index);
	sort_vocab = NULL;
	for (i = 0; i <= v->n && rc == 0; i++) {
		const word *w = i < v->n ? &v->words[order[i]] : NULL;
		chunk_member m = { i < v->n ? order[i] : 0, SIZE_MAX, 0 };
		size_t k = SIZE_MAX;
		uint64_t fp = 0;
		if (w) {
			fp = entry_fp(v, w);
			if (entry_kept(v, w, fp, &k)) {
				m.len = v->old.entries[k].len;
			} else {
				k = SIZE_MAX;
				m.at = c.pend.len;
				put_entry(&c.pend, v, m.word);
				if (!(m.len = c.pend.len - m.at))
					continue;
			}
		}
		if (c.n && (!w || starts_chunk(w->text, m.len, c.len))) {
			wq_rec_put_blob(&out->chunks, c.name, strlen(c.name));
			wq_rec_put_u64(&out->chunks, c.n);
			out->nchunks++;
			if (m.at != SIZE_MAX) {
				/* the pending entries go with the chunk: this one first */
				wq_buf keep = WQ_BUF_INIT;
				wq_buf_put(&keep, c.pend.ptr + m.at, m.len);
				c.pend.len = m.at;
				rc = close_chunk(od, site, v, &c, &body, bytes, files, err);
				m.at = 0;
				wq_buf_put(&c.pend, keep.ptr, keep.len);
				wq_buf_dispose(&keep);
			} else {
				rc = close_chunk(od, site, v, &c, &body, bytes, files, err);
			}
		}
		if (!w || rc < 0)
			break;
		if (!c.n) {
			chunk_name(c.name, w->text, taken);
			WQ_APPEND(names, nnames, wq_xstrdup(c.name));
			wq_strmap_add(taken, names[nnames - 1], strlen(c.name), names[nnames - 1]);
			wq_buf_puts(&first, nnames > 1 ? "," : "");
			put_json(&first, w->text);
			wq_buf_printf(&files_js, "%s\"%s\"", nnames > 1 ? "," : "", c.name);
			c.len = strlen(chunk_head) + strlen(c.name) + strlen(chunk_head2);
			c.old = k != SIZE_MAX ? v->old.entries[k].chunk : SIZE_MAX;
			c.kept = true;
		} else {
			c.len++; /* the comma */
		}
		c.len += m.len;
		c.kept = c.kept && k != SIZE_MAX && v->old.entries[k].chunk == c.old;
		WQ_APPEND(c.m, c.n, m);
		wq_rec_put_blob(&out->entries, w->text, strlen(w->text));
		wq_rec_put_u64(&out->entries, m.len);
		wq_rec_put_u64(&out->entries, fp);
		out->nentries++;
	}
	free(c.m);
	wq_buf_dispose(&c.pend);
	/* An update in place: the last build's chunks that are not this one's. */
	wq_buf_clear(&name);
	wq_buf_printf(&name, "%ssearch/w", site->config->url_prefix);
	old = rc == 0 ? wq_outdir_old_files(od, name.ptr, &i) : NULL;
	while (old && i--) {
		size_t len = strlen(old[i]);
		if (len < 4 || strcmp(old[i] + len - 3, ".js") ||
		    !wq_strmap_get(taken, old[i], len - 3)) {
			wq_buf_clear(&name);
			wq_buf_printf(&name, "%ssearch/w/%s", site->config->url_prefix, old[i]);
			wq_outdir_remove(od, name.ptr);
		}
		free(old[i]);
	}
	free(old);
	if (rc == 0) {
		/* The page may run its script before this one (both async):
		 * then it waits in WQ_SEARCH.ready. */
		wq_buf_printf(index, "/* Search index, written by the build: the first word of "
				     "each chunk of words and the chunk's name (w/NAME.js); the "
				     "articles are d/N.js. */\n"
				     "(function (s, m) { s.v = m.v; s.n = m.n; s.words = m.words; "
				     "s.files = m.files; if (s.ready) { s.ready(); } })(window.WQ_SEARCH = "
				     "window.WQ_SEARCH || {}, {\"v\":4,\"n\":%zu,\"words\":[%s],"
				     "\"files\":[%s]});\n",
			      site->ndocs, wq_buf_cstr(&first), wq_buf_cstr(&files_js));
		wq_buf_clear(&name);
		wq_buf_printf(&name, "%ssearch/index.js", site->config->url_prefix);
		rc = wq_outdir_write(od, name.ptr, index->ptr, index->len, err);
		*bytes += index->len;
		(*files)++;
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	wq_strmap_free(taken);
	wq_buf_dispose(&files_js);
	free(order);
	wq_buf_dispose(&body);
	wq_buf_dispose(&first);
	wq_buf_dispose(&name);
	return rc;
}

/* Each article's part (search/d/N.js), from the work file, on the site's threads. */
typedef struct doc_job {
	wq_outdir *od;
	const wq_site *site;
	size_t *bytes;
	const bool *only;
} doc_job;

static int write_doc(void *ctx, size_t i, wq_err *err)
{
	doc_job *j = ctx;
	const wq_spill_ref *ref = &j->site->docs[i]->search;
	char *buf, name[128];
	int rc;

	if (j->only && !j->only[i])
		return 0;
	buf = wq_xmalloc(ref->len ? ref->len : 1);

	if (ref->len && wq_spill_read(j->site->spill, ref, 0, buf, ref->len) < 0) {
		rc = wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot read back the search index");
	} else {
		snprintf(name, sizeof(name), "%ssearch/d/%zu.js", j->site->config->url_prefix, i);
		rc = wq_outdir_write(j->od, name, buf, ref->len, err);
		j->bytes[i] = ref->len;
	}
	free(buf);
	return rc;
}

int wq_search_write(wq_outdir *od, const wq_site *site, const bool *only, wq_buf *index,
		    size_t *bytes, size_t *files, wq_err *err)
{
	vocab v;
	doc_job j;
	wq_search_kept *kept;
	vocab_file next;
	size_t i;
	int rc;
	bool patched;

	*bytes = 0;
	*files = site->ndocs;
	j.od = od;
	j.site = site;
	j.only = only;
	j.bytes = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*j.bytes));
	rc = wq_pool_for(site->config->jobs, site->ndocs, write_doc, &j, NULL, err);
	for (i = 0; i < site->ndocs; i++)
		*bytes += j.bytes[i];
	free(j.bytes);
	if (rc < 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.index = wq_strmap_new();
	kept = site->search_kept;
	patched = only && kept && kept->was && kept->was_in &&
		  load_vocab(&v, &kept->last, site->ndocs);
	if (patched) {
		rc = patch_vocab(&v, site, only, kept, err);
	} else {
		free_vocab(&v); /* what could be read of a damaged file */
		memset(&v, 0, sizeof(v));
		v.index = wq_strmap_new();
		rc = collect_words(&v, site, err);
	}
	next.f = kept ? kept->next : NULL;
	next.sum = next.f ? wq_hash_stream_new() : NULL;
	if (rc == 0 && next.f && !save_vocab(&v, site->ndocs, &next))
		kept->failed = true;
	if (rc == 0) {
		layout_out out;
		memset(&out, 0, sizeof(out));
		link_clitics(&v);
		rc = write_words(od, site, &v, index, &out, bytes, files, err);
		if (next.f && (rc < 0 || !save_layout(&out, &next)))
			kept->failed = true;
		wq_buf_dispose(&out.entries);
		wq_buf_dispose(&out.chunks);
	}
	if (next.f) {
		uint64_t sum = wq_hash_stream_end(next.sum);
		if (fwrite(&sum, 1, 8, next.f) != 8)
			kept->failed = true;
	}
	free_vocab(&v);
	if (kept)
		wq_fs_unmap(&kept->last); /* which the words pointed into */
	return rc;
}
