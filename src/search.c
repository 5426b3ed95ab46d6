#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
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

int wq_search_write(FILE *f, const char *path, const wq_site *site, const char *from_url,
		    size_t *bytes, wq_err *err)
{
	wq_buf out = WQ_BUF_INIT, href = WQ_BUF_INIT;
	b64_stream b = { { 0, 0, 0 }, 0 };
	unsigned char chunk[3 * 4096];
	size_t i;
	int rc = 0;

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
	 * one DEFLATE stream: the documents' parts (read back from the work
	 * file, a piece at a time), then the closing bracket (with "[" when
	 * there is no document). */
	for (i = 0; i < site->ndocs && rc == 0; i++) {
		const wq_spill_ref *ref = &site->docs[i]->search;
		size_t at = 0;
		while (at < ref->len && rc == 0) {
			size_t n = ref->len - at < sizeof(chunk) ? ref->len - at : sizeof(chunk);
			if (wq_spill_read(site->spill, ref, at, chunk, n) < 0) {
				rc = wq_err_set(err, WQ_EIO, path, 0, 0,
						"cannot read back the search text of %s",
						site->docs[i]->path);
				break;
			}
			b64_put(&b, &out, chunk, n);
			at += n;
			if (out.len > 65536 && drain(f, &out, bytes) < 0)
				rc = WQ_EIO;
		}
	}
	if (rc == 0) {
		wq_buf last = WQ_BUF_INIT;
		rc = wq_deflate_part(&last, site->ndocs ? "]" : "[]", site->ndocs ? 1 : 2, 1, err);
		b64_put(&b, &out, (const unsigned char *)last.ptr, last.len);
		wq_buf_dispose(&last);
	}
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
	wq_buf json = WQ_BUF_INIT, packed = WQ_BUF_INIT;
	int rc;

	wq_buf_putc(&json, doc->index ? ',' : '[');
	put_json(&json, doc->plain);
	if ((rc = wq_deflate_part(&packed, json.ptr, json.len, 0, err)) == 0)
		rc = wq_spill_put(spill, packed.ptr, packed.len, &doc->search, err);
	wq_buf_dispose(&packed);
	wq_buf_dispose(&json);
	return rc;
}
