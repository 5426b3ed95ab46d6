/* Unit tests for src/url.c: percent-encoding and root prefixes. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "url.h"
#include "check.h"

static void path_is(const char *path, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "=");
	wq_url_put_path(&out, path);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void test_put_path(void)
{
	path_is("", "=");
	path_is("a/b-c_d.e~f/", "=a/b-c_d.e~f/");
	path_is("AZaz09", "=AZaz09");
	path_is("a b", "=a%20b");
	path_is("مقال/", "=%D9%85%D9%82%D8%A7%D9%84/");
	path_is("notes/مرحبا بكم.html", "=notes/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7%20%D8%A8%D9%83%D9%85.html");
	path_is("é", "=%C3%A9");
	/* Characters with a meaning in URLs and HTML are encoded too. */
	path_is("a?b#c&d=e%f", "=a%3Fb%23c%26d%3De%25f");
	path_is("<\"'>", "=%3C%22%27%3E");
	path_is("+:@", "=%2B%3A%40");
}

static void root_is(const char *page, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "=");
	wq_url_put_root(&out, page);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void test_put_root(void)
{
	root_is("", "=");
	root_is("a/", "=../");
	root_is("a/b/", "=../../");
	root_is("a/b/c/", "=../../../");
	root_is("مقالات/مقدمة/", "=../../");
	root_is("index.html", "=");
}

/* One policy for the site and the book (raw HTML included). */
static void test_is_safe(void)
{
	CHECK(wq_url_scheme_len("https://example.org/") == 5);
	CHECK(wq_url_scheme_len("report.md") == 0);
	CHECK(wq_url_scheme_len("a/b:c") == 0);
	CHECK(wq_url_scheme_len("1x:y") == 0);
	CHECK(wq_url_is_safe("report.md", 0));
	CHECK(wq_url_is_safe("https://example.org/", 0));
	CHECK(wq_url_is_safe("mailto:a@example.org", 0));
	CHECK(!wq_url_is_safe("javascript:alert(1)", 0));
	CHECK(!wq_url_is_safe("JavaScript:alert(1)", 1));
	CHECK(!wq_url_is_safe("vbscript:x", 0));
	CHECK(!wq_url_is_safe("file:///etc/passwd", 1));
	CHECK(wq_url_is_safe("data:image/png;base64,iVBO", 1));
	CHECK(!wq_url_is_safe("data:image/png;base64,iVBO", 0));
	CHECK(!wq_url_is_safe("data:image/svg+xml,<svg/>", 1));
	CHECK(!wq_url_is_safe("DATA:text/html,<script>", 1));
}

int main(void)
{
	test_put_path();
	test_put_root();
	test_is_safe();
	return CHECK_DONE();
}
