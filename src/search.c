#include "search.h"

#include <stdint.h>
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

static void put_base64(wq_buf *out, const unsigned char *p, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		wq_buf_putc(out, b64[p[i] >> 2]);
		wq_buf_putc(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		wq_buf_putc(out, b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		wq_buf_putc(out, b64[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		wq_buf_putc(out, b64[p[i] >> 2]);
		wq_buf_putc(out, b64[(p[i] & 3) << 4]);
		wq_buf_puts(out, "==");
	} else if (len - i == 2) {
		wq_buf_putc(out, b64[p[i] >> 2]);
		wq_buf_putc(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		wq_buf_putc(out, b64[(p[i + 1] & 15) << 2]);
		wq_buf_putc(out, '=');
	}
}

int wq_search_index(wq_buf *out, const wq_site *site, const char *from_url, wq_err *err)
{
	wq_buf packed = WQ_BUF_INIT, href = WQ_BUF_INIT;
	size_t i;
	int rc;

	/* The texts: a JSON array, one string per article, in site order, as
	 * one DEFLATE stream: the documents' parts, then the closing bracket
	 * (with "[" alone when there is no document). */
	for (i = 0; i < site->ndocs; i++)
		wq_buf_put(&packed, site->docs[i]->search, site->docs[i]->search_len);
	if ((rc = wq_deflate_part(&packed, site->ndocs ? "]" : "[]", site->ndocs ? 1 : 2, 1,
				  err)) < 0)
		goto done;

	wq_buf_puts(out, "/* Search index, written by the build. */\nwindow.WQ_SEARCH = {\"docs\":[");
	for (i = 0; i < site->ndocs; i++) {
		const wq_doc *d = site->docs[i];
		wq_buf_clear(&href);
		wq_url_put_root(&href, from_url);
		wq_url_put_path(&href, d->url);
		wq_buf_puts(&href, "index.html");
		wq_buf_puts(out, i ? ",\n{\"t\":" : "\n{\"t\":");
		put_json(out, d->title);
		wq_buf_puts(out, ",\"u\":");
		put_json(out, href.ptr);
		wq_buf_puts(out, ",\"l\":");
		put_json(out, d->lang);
		wq_buf_puts(out, ",\"d\":");
		put_json(out, d->dir);
		wq_buf_putc(out, '}');
	}
	wq_buf_puts(out, "],\n\"text\":\"");
	put_base64(out, (const unsigned char *)wq_buf_cstr(&packed), packed.len);
	wq_buf_puts(out, "\"};\n");
	rc = 0;
done:
	wq_buf_dispose(&packed);
	wq_buf_dispose(&href);
	return rc;
}

int wq_search_piece(wq_doc *doc, wq_err *err)
{
	wq_buf json = WQ_BUF_INIT, packed = WQ_BUF_INIT;
	int rc;

	wq_buf_putc(&json, doc->index ? ',' : '[');
	put_json(&json, doc->plain);
	rc = wq_deflate_part(&packed, json.ptr, json.len, 0, err);
	free(doc->search);
	doc->search_len = packed.len;
	doc->search = wq_buf_detach(&packed);
	wq_buf_dispose(&json);
	return rc;
}
