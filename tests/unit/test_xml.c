/* Unit tests for src/xml.c: escaping text for XML and HTML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "text.h"
#include "xml.h"

enum { TEXT, ATTR, HTML };

static void put(wq_buf *out, int how, const char *s, size_t len)
{
	if (how == TEXT)
		wq_xml_put_text(out, s, len);
	else if (how == ATTR)
		wq_xml_put_attr(out, s, len);
	else
		wq_xml_put_html(out, s, len);
}

static void escapes(int how, const char *s, size_t len, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "<");
	put(&out, how, s, len);
	CHECK_STR(out.ptr, want);
	wq_buf_dispose(&out);
}

static void test_escapes(void)
{
	const char *ar = "عربي، ومعه English وעברית 😀";

	escapes(TEXT, "a & b < c > d \"e\"", 17, "<a &amp; b &lt; c &gt; d \"e\"");
	escapes(ATTR, "a & \"e\"", 7, "<a &amp; &quot;e&quot;");
	escapes(HTML, "\"e\"", 3, "<&quot;e&quot;");
	/* Carriage returns, line feeds and tabs as libxml2 writes them. */
	escapes(TEXT, "a\rb\nc\td", 7, "<a&#13;b\nc\td");
	escapes(ATTR, "a\rb\nc\td", 7, "<a&#13;b&#10;c&#9;d");
	escapes(HTML, "a\rb\nc\td", 7, "<a\rb\nc\td");
	/* Characters of any length pass as they are. */
	escapes(TEXT, ar, strlen(ar), "<عربي، ومعه English وעברית 😀");
	escapes(TEXT, "\xC2\xA0\xC3\xA9", 4, "<\xC2\xA0\xC3\xA9");
	/* What no document may hold becomes U+FFFD, a byte at a time: C1
	 * controls (two bytes, like the characters just past them), other
	 * controls, a sequence cut short, a stray continuation byte, a
	 * non-character. */
	escapes(TEXT, "a\xC2\x85" "b", 4, "<a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
	escapes(TEXT, "a\xC2\x9F", 3, "<a\xEF\xBF\xBD\xEF\xBF\xBD");
	escapes(TEXT, "a\x01" "b\x7F", 4, "<a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	escapes(TEXT, "a\xD8", 2, "<a\xEF\xBF\xBD");
	escapes(TEXT, "\xD8" "a", 2, "<\xEF\xBF\xBD" "a");
	escapes(TEXT, "\xD8\xD8\xA7", 3, "<\xEF\xBF\xBD\xD8\xA7");
	escapes(TEXT, "\x80x", 2, "<\xEF\xBF\xBDx");
	escapes(TEXT, "\xEF\xBF\xBE", 3, "<\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

/* The escaping as it reads: byte by byte, each character asked of
 * wq_text_char_len(). */
static void reference(wq_buf *out, int how, const char *s, size_t len)
{
	size_t i, k;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			wq_buf_puts(out, "&amp;");
		else if (c == '<')
			wq_buf_puts(out, "&lt;");
		else if (c == '>')
			wq_buf_puts(out, "&gt;");
		else if (c == '"' && how != TEXT)
			wq_buf_puts(out, "&quot;");
		else if (c == '\r' && how != HTML)
			wq_buf_puts(out, "&#13;");
		else if (c == '\n' && how == ATTR)
			wq_buf_puts(out, "&#10;");
		else if (c == '\t' && how == ATTR)
			wq_buf_puts(out, "&#9;");
		else if (c == '"' || c == '\r' || c == '\n' || c == '\t')
			wq_buf_putc(out, (char)c);
		else if ((k = wq_text_char_len(s + i, len - i)) != 0) {
			wq_buf_put(out, s + i, k);
			i += k - 1;
		} else
			wq_buf_puts(out, "\xEF\xBF\xBD");
	}
}

/* Random texts of bytes that make ASCII, markup, controls, two-, three-
 * and four-byte characters, and pieces of them. */
static void test_as_reference(void)
{
	static const char *const parts[] = {
		"a", " ", "&", "<", ">", "\"", "\r", "\n", "\t", "\x01", "\x7F", "\xD8\xB9", "\xD9\x8E",
		"\xC2\x85", "\xC2\xA0", "\xC3\xA9", "\xDF\xBF", "\xD8", "\x80", "\xBF", "\xC0\x80",
		"\xC1\xBF", "\xE2\x80\x8F", "\xEF\xBF\xBE", "\xED\xA0\x80", "\xF0\x9F\x98\x80",
		"\xF4\x90\x80\x80", "\xE2\x80", "\xF0\x9F",
	};
	const size_t nparts = sizeof(parts) / sizeof(parts[0]);
	uint32_t seed = 12345;
	int round, how, differ = 0;

	for (round = 0; round < 20000; round++) {
		wq_buf text = WQ_BUF_INIT, got = WQ_BUF_INIT, want = WQ_BUF_INIT;
		int n, j;
		seed = seed * 1103515245u + 12345u;
		n = (int)(seed >> 16) % 12;
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			wq_buf_puts(&text, parts[(seed >> 16) % nparts]);
		}
		for (how = TEXT; how <= HTML; how++) {
			wq_buf_clear(&got);
			wq_buf_clear(&want);
			put(&got, how, text.ptr ? text.ptr : "", text.len);
			reference(&want, how, text.ptr ? text.ptr : "", text.len);
			if (got.len != want.len || (got.len && memcmp(got.ptr, want.ptr, got.len)))
				differ++;
		}
		wq_buf_dispose(&text);
		wq_buf_dispose(&got);
		wq_buf_dispose(&want);
	}
	CHECK(differ == 0);
}

int main(void)
{
	test_escapes();
	test_as_reference();
	return CHECK_DONE();
}
