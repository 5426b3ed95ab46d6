#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "mem.h"
#include "pool.h"
#include "url.h"

/* JSON string body: quotes, backslashes and controls escaped; '<' too, so
 * the script can never close a <script> element early. */
static void put_json(wq_buf *out, const char *s)
{
	wq_buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
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

/* Base64 of a stream given in pieces: up to two bytes wait in the carry
 * for the next piece. */
typedef struct b64_stream {
	unsigned char carry[3];
	size_t ncarry;
} b64_stream;

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_group(wq_buf *out, const unsigned char *p)
{
	wq_buf_putc(out, b64[p[0] >> 2]);
	wq_buf_putc(out, b64[((p[0] & 3) << 4) | (p[1] >> 4)]);
	wq_buf_putc(out, b64[((p[1] & 15) << 2) | (p[2] >> 6)]);
	wq_buf_putc(out, b64[p[2] & 63]);
}

static void b64_put(b64_stream *s, wq_buf *out, const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (s->ncarry && s->ncarry < 3 && i < len)
		s->carry[s->ncarry++] = p[i++];
	if (s->ncarry == 3) {
		put_group(out, s->carry);
		s->ncarry = 0;
	}
	for (; i + 2 < len; i += 3)
		put_group(out, p + i);
	while (i < len)
		s->carry[s->ncarry++] = p[i++];
}

static void b64_end(b64_stream *s, wq_buf *out)
{
	const unsigned char *p = s->carry;

	if (s->ncarry == 1) {
		wq_buf_putc(out, b64[p[0] >> 2]);
		wq_buf_putc(out, b64[(p[0] & 3) << 4]);
		wq_buf_puts(out, "==");
	} else if (s->ncarry == 2) {
		wq_buf_putc(out, b64[p[0] >> 2]);
		wq_buf_putc(out, b64[((p[0] & 3) << 4) | (p[1] >> 4)]);
		wq_buf_putc(out, b64[(p[1] & 15) << 2]);
		wq_buf_putc(out, '=');
	}
	s->ncarry = 0;
}

/* Write what @p out holds to @p f and empty it. */
static int drain(FILE *f, wq_buf *out, size_t *bytes)
{
	if (out->len && fwrite(out->ptr, 1, out->len, f) != out->len)
		return -1;
	*bytes += out->len;
	wq_buf_clear(out);
	return 0;
}

/* The texts of all articles, one after another as the index holds them
 * (the documents' parts in the work file, then the closing bracket), read
 * as one stream. */
typedef struct texts {
	const wq_site *site;
	uint64_t *start;  /* where each document's part starts; [ndocs]: their end */
	const char *tail; /* "]", or "[]" when there is no document */
	uint64_t total;
} texts;

static int texts_read(const texts *t, uint64_t at, char *buf, size_t len)
{
	const wq_site *site = t->site;
	size_t lo = 0, hi = site->ndocs;

	/* The document holding @p at: the last one starting at or before it. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->start[mid + 1] <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (len && lo < site->ndocs) {
		const wq_spill_ref *ref = &site->docs[lo]->search;
		size_t off = (size_t)(at - t->start[lo]), n = ref->len - off;
		if (n > len)
			n = len;
		if (n && wq_spill_read(site->spill, ref, off, buf, n) < 0)
			return -1;
		buf += n;
		at += n;
		len -= n;
		lo++;
	}
	if (len)
		memcpy(buf, t->tail + (at - t->start[site->ndocs]), len);
	return 0;
}

/* Chunks of the texts compressed at once (a batch), and their size. */
#define CHUNK (1u << 20)
#define DICT 32768u

typedef struct batch {
	const texts *t;
	uint64_t first;   /* the batch's first chunk */
	size_t nchunks;   /* of the whole stream */
	wq_buf *out;      /* each chunk's compressed bytes */
} batch;

static int compress_chunk(void *ctx, size_t i, wq_err *err)
{
	batch *b = ctx;
	uint64_t k = b->first + i, start = k * CHUNK, from = start >= DICT ? start - DICT : 0;
	size_t len = (size_t)(b->t->total - start < CHUNK ? b->t->total - start : CHUNK);
	size_t dict = (size_t)(start - from);
	char *buf = wq_xmalloc(dict + len + 1);
	int rc;

	if (texts_read(b->t, from, buf, dict + len) < 0)
		rc = wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot read back the search texts");
	else
		rc = wq_deflate_chunk(&b->out[i], buf, dict, buf + dict, len, k + 1 == b->nchunks,
				      err);
	free(buf);
	return rc;
}

static int put_texts(FILE *f, const char *path, const wq_site *site, b64_stream *enc,
		     wq_buf *out, size_t *bytes, wq_err *err)
{
	texts t;
	batch b;
	size_t i, per_batch = site->config->jobs ? site->config->jobs * 2 : 2;
	uint64_t k;
	int rc = 0;

	t.site = site;
	t.tail = site->ndocs ? "]" : "[]";
	t.start = wq_xmalloc((site->ndocs + 1) * sizeof(*t.start));
	t.start[0] = 0;
	for (i = 0; i < site->ndocs; i++)
		t.start[i + 1] = t.start[i] + site->docs[i]->search.len;
	t.total = t.start[site->ndocs] + strlen(t.tail);
	b.t = &t;
	b.nchunks = (size_t)((t.total + CHUNK - 1) / CHUNK);
	b.out = wq_xcalloc(per_batch, sizeof(*b.out));
	/* A batch at a time, in order: memory holds a few chunks, not the index. */
	for (k = 0; k < b.nchunks && rc == 0; k += per_batch) {
		size_t n = b.nchunks - k < per_batch ? (size_t)(b.nchunks - k) : per_batch;
		b.first = k;
		rc = wq_pool_for(site->config->jobs, n, compress_chunk, &b, NULL, err);
		for (i = 0; i < n; i++) {
			if (rc == 0) {
				b64_put(enc, out, (const unsigned char *)b.out[i].ptr, b.out[i].len);
				if (out->len > 65536 && drain(f, out, bytes) < 0)
					rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write");
			}
			wq_buf_dispose(&b.out[i]);
		}
	}
	free(b.out);
	free(t.start);
	return rc;
}

int wq_search_write(FILE *f, const char *path, const wq_site *site, const char *from_url,
		    size_t *bytes, wq_err *err)
{
	wq_buf out = WQ_BUF_INIT, href = WQ_BUF_INIT;
	b64_stream b = { { 0, 0, 0 }, 0 };
	size_t i;
	int rc;

	*bytes = 0;
	wq_buf_puts(&out, "/* Search index, written by the build. */\nwindow.WQ_SEARCH = {\"docs\":[");
	for (i = 0; i < site->ndocs; i++) {
		const wq_doc *d = site->docs[i];
		wq_buf_clear(&href);
		wq_url_put_root(&href, from_url);
		wq_url_put_path(&href, d->url);
		wq_buf_puts(&href, "index.html");
		wq_buf_puts(&out, i ? ",\n{\"t\":" : "\n{\"t\":");
		put_json(&out, d->title);
		wq_buf_puts(&out, ",\"u\":");
		put_json(&out, href.ptr);
		wq_buf_puts(&out, ",\"l\":");
		put_json(&out, d->lang);
		wq_buf_puts(&out, ",\"d\":");
		put_json(&out, d->dir);
		wq_buf_putc(&out, '}');
	}
	wq_buf_puts(&out, "],\n\"text\":\"");
	/* The texts: a JSON array, one string per article, in site order, as
	 * one DEFLATE stream, compressed in chunks on the site's threads. */
	rc = put_texts(f, path, site, &b, &out, bytes, err);
	b64_end(&b, &out);
	wq_buf_puts(&out, "\"};\n");
	if (rc == 0 && drain(f, &out, bytes) < 0)
		rc = WQ_EIO;
	if (rc == WQ_EIO && !err->msg[0])
		wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write");
	wq_buf_dispose(&out);
	wq_buf_dispose(&href);
	return rc;
}

int wq_search_piece(wq_doc *doc, wq_spill *spill, wq_err *err)
{
	wq_buf json = WQ_BUF_INIT;
	int rc;

	wq_buf_putc(&json, doc->index ? ',' : '[');
	put_json(&json, doc->plain);
	rc = wq_spill_put(spill, json.ptr, json.len, &doc->search, err);
	wq_buf_dispose(&json);
	return rc;
}
