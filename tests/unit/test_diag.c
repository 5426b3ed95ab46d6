/* Unit tests for src/diag.c: the build's warnings and errors, sorted,
 * summarised and counted. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "pool.h"
#include "check.h"

/* ------------------------------------------------------------ helpers */

static wq_buf listing_buf; /* listing()'s */

/* The list's messages, one a line, each after "E " or "W ". */
static const char *listing(const wq_diag *d)
{
	size_t i;

	wq_buf_clear(&listing_buf);
	for (i = 0; i < wq_diag_count(d); i++) {
		wq_buf_puts(&listing_buf, wq_diag_severity_at(d, i) == WQ_DIAG_ERROR ? "E " : "W ");
		wq_buf_puts(&listing_buf, wq_diag_at(d, i));
		wq_buf_putc(&listing_buf, '\n');
	}
	return wq_buf_cstr(&listing_buf);
}

static void kind_is(const char *formatted, const char *want)
{
	wq_buf b = WQ_BUF_INIT;

	wq_diag_kind(&b, formatted);
	CHECK_STR(wq_buf_cstr(&b), want);
	wq_buf_dispose(&b);
}

static void count_is(size_t n, const char *want)
{
	wq_buf b = WQ_BUF_INIT;

	wq_diag_put_count(&b, n);
	CHECK_STR(wq_buf_cstr(&b), want);
	wq_buf_dispose(&b);
}

static void tally_is(const wq_diag *d, const char *want)
{
	wq_buf b = WQ_BUF_INIT;

	wq_diag_tally(d, &b);
	CHECK_STR(wq_buf_cstr(&b), want);
	wq_buf_dispose(&b);
}

/* ------------------------------------------------------------ tests */

static void test_counts(void)
{
	wq_diag *d = wq_diag_new();

	CHECK(wq_diag_count(d) == 0);
	CHECK(wq_diag_errors(d) == 0);
	CHECK(wq_diag_at(d, 0) == NULL);
	wq_diag_warn(d, "a.md", 3, 4, "image '%s' not found", "x.png");
	CHECK(wq_diag_count(d) == 1);
	CHECK(wq_diag_errors(d) == 0);
	wq_diag_error(d, NULL, 0, 0, "no file, %d things", 2);
	CHECK(wq_diag_count(d) == 2);
	CHECK(wq_diag_errors(d) == 1);
	/* A line without a column; a column without a line is dropped; an
	 * empty file name is none. */
	wq_diag_warn(d, "b.md", 5, 0, "line only");
	wq_diag_warn(d, "c.md", 0, 7, "file only");
	wq_diag_error(d, "", 1, 1, "no file either");
	CHECK(wq_diag_count(d) == 5);
	CHECK(wq_diag_errors(d) == 2);
	CHECK_STR(listing(d),
		  "W a.md:3:4: image 'x.png' not found\n"
		  "E no file, 2 things\n"
		  "W b.md:5: line only\n"
		  "W c.md: file only\n"
		  "E no file either\n");
	CHECK(wq_diag_at(d, 5) == NULL);

	/* NULL lists: ignored, empty. */
	wq_diag_warn(NULL, "a.md", 1, 1, "lost");
	wq_diag_error(NULL, "a.md", 1, 1, "lost");
	CHECK(wq_diag_count(NULL) == 0);
	CHECK(wq_diag_errors(NULL) == 0);
	CHECK(wq_diag_at(NULL, 0) == NULL);
	wq_diag_free(d);
	wq_diag_free(NULL);
}

static void test_strict(void)
{
	wq_diag *d = wq_diag_new(), *other = wq_diag_new(), *before;

	wq_diag_warn(d, "a.md", 1, 1, "early one");
	wq_diag_error(d, "a.md", 2, 1, "an error");
	wq_diag_warn(d, "a.md", 3, 1, "early two");
	CHECK(wq_diag_errors(d) == 1);
	/* Earlier warnings become errors, each counted once. */
	wq_diag_set_strict(d, true);
	CHECK(wq_diag_errors(d) == 3);
	wq_diag_set_strict(d, true);
	CHECK(wq_diag_errors(d) == 3);
	/* ... and later ones. */
	wq_diag_warn(d, "a.md", 4, 1, "later");
	CHECK(wq_diag_errors(d) == 4);
	CHECK(wq_diag_count(d) == 4);
	CHECK_STR(listing(d),
		  "E a.md:1:1: early one\n"
		  "E a.md:2:1: an error\n"
		  "E a.md:3:1: early two\n"
		  "E a.md:4:1: later\n");
	/* A warning given to the strict list on a thread whose messages go to
	 * another list is an error there. */
	before = wq_diag_redirect(other);
	wq_diag_warn(d, "b.md", 1, 1, "redirected");
	wq_diag_redirect(before);
	CHECK(wq_diag_count(other) == 1);
	CHECK(wq_diag_errors(other) == 1);
	CHECK(wq_diag_count(d) == 4);
	/* Warnings taken into the strict list from another become errors. */
	wq_diag_free(other);
	other = wq_diag_new();
	wq_diag_warn(other, "c.md", 1, 1, "taken");
	CHECK(wq_diag_errors(other) == 0);
	wq_diag_take(d, other);
	CHECK(wq_diag_count(d) == 5);
	CHECK(wq_diag_errors(d) == 5);
	CHECK(wq_diag_severity_at(d, 4) == WQ_DIAG_ERROR);
	/* Not strict again: later warnings are warnings, earlier errors stay. */
	wq_diag_set_strict(d, false);
	wq_diag_warn(d, "a.md", 5, 1, "not strict");
	CHECK(wq_diag_count(d) == 6);
	CHECK(wq_diag_errors(d) == 5);
	CHECK(wq_diag_severity_at(d, 5) == WQ_DIAG_WARNING);
	wq_diag_set_strict(NULL, true);
	wq_diag_free(d);
	wq_diag_free(other);
}

static void test_add_err(void)
{
	wq_diag *d = wq_diag_new();
	wq_err err = WQ_ERR_INIT, none = WQ_ERR_INIT;

	CHECK(wq_err_set(&err, WQ_EINPUT, "src/a.md", 3, 2, "bad %s", "thing") == WQ_EINPUT);
	CHECK(err.logged == 0);
	wq_diag_add_err(d, &err);
	CHECK(err.logged == 1);
	CHECK(wq_diag_count(d) == 1);
	CHECK(wq_diag_errors(d) == 1);
	CHECK_STR(wq_diag_at(d, 0), "src/a.md:3:2: bad thing");
	/* Without a file. */
	wq_err_set(&none, WQ_EFAIL, NULL, 0, 0, "out of disk");
	wq_diag_add_err(d, &none);
	CHECK(none.logged == 1);
	CHECK_STR(wq_diag_at(d, 1), "out of disk");
	CHECK(wq_diag_severity_at(d, 1) == WQ_DIAG_ERROR);
	/* No list: not logged. */
	none.logged = 0;
	wq_diag_add_err(NULL, &none);
	CHECK(none.logged == 0);
	wq_diag_add_err(d, NULL);
	CHECK(wq_diag_count(d) == 2);
	wq_diag_free(d);
}

static void test_sort(void)
{
	wq_diag *d = wq_diag_new();
	wq_buf want = WQ_BUF_INIT;
	int i;

	wq_diag_warn(d, "b.md", 2, 1, "b 2:1");
	wq_diag_warn(d, NULL, 0, 0, "global one");
	wq_diag_warn(d, "a.md", 10, 1, "a 10:1");
	wq_diag_warn(d, "a.md", 2, 5, "a 2:5 first");
	wq_diag_error(d, "a.md", 2, 5, "a 2:5 second");
	wq_diag_warn(d, "a.md", 2, 3, "a 2:3");
	wq_diag_error(d, NULL, 0, 0, "global two");
	wq_diag_warn(d, "a.md.bak", 1, 1, "a.md.bak 1:1");
	wq_diag_warn(d, "a.md", 0, 0, "a whole file");
	wq_diag_warn(d, "b", 9, 9, "b 9:9");
	wq_diag_warn(d, "a.md", 2, 0, "a 2");
	wq_diag_warn(d, "a.md", 2, 5, "a 2:5 third");
	wq_diag_sort(d);
	CHECK_STR(listing(d),
		  "W global one\n"
		  "E global two\n"
		  "W a.md: a whole file\n"
		  "W a.md:2: a 2\n"
		  "W a.md:2:3: a 2:3\n"
		  "W a.md:2:5: a 2:5 first\n"
		  "E a.md:2:5: a 2:5 second\n"
		  "W a.md:2:5: a 2:5 third\n"
		  "W a.md:10:1: a 10:1\n"
		  "W a.md.bak:1:1: a.md.bak 1:1\n"
		  "W b:9:9: b 9:9\n"
		  "W b.md:2:1: b 2:1\n");
	CHECK(wq_diag_errors(d) == 2);
	wq_diag_free(d);

	/* Stable with many at one place (qsort alone is not). */
	d = wq_diag_new();
	for (i = 0; i < 200; i++) {
		wq_diag_warn(d, "z.md", 1, 1, "m%03d", i);
		wq_diag_warn(d, "y.md", 1, 1, "m%03d", i);
	}
	wq_diag_sort(d);
	for (i = 0; i < 200; i++)
		wq_buf_printf(&want, "W y.md:1:1: m%03d\n", i);
	for (i = 0; i < 200; i++)
		wq_buf_printf(&want, "W z.md:1:1: m%03d\n", i);
	CHECK_STR(listing(d), wq_buf_cstr(&want));
	wq_diag_free(d);
	wq_diag_sort(NULL);
	wq_buf_dispose(&want);
}

static void test_kind(void)
{
	kind_is("a.md:3:4: image 'x.png' not found", "image '\xe2\x80\xa6' not found");
	kind_is("image 'x.png' not found", "image '\xe2\x80\xa6' not found");
	kind_is("src/p01.md:3:1: line 12 of 3,319 items", "line \xe2\x80\xa6 of \xe2\x80\xa6 items");
	kind_is("a.md:1:1: include 'b.md' is not UTF-8 text", "include '\xe2\x80\xa6' is not UTF-8 text");
	kind_is("a.md: not UTF-8 text", "not UTF-8 text");
	kind_is("a.md:2: h2 after h4, ISO-8859-1, x_2", "h2 after h4, ISO-8859-1, x_2");
	kind_is("a.md:2: larger than 16 MiB, took 1.5 s",
		"larger than \xe2\x80\xa6 MiB, took \xe2\x80\xa6 s");
	kind_is("a.md:1:2: 3 errors", "\xe2\x80\xa6 errors");
	/* Apostrophes are no quotes; a quote left open is kept. */
	kind_is("a.md:1:1: the site's page 'John's.png' and 'c", "the site's page '\xe2\x80\xa6' and 'c");
	kind_is("a.md:1:1: it's 'x' v2's 12.5% at 'y'.", "it's '\xe2\x80\xa6' v2's \xe2\x80\xa6% at '\xe2\x80\xa6'.");
	/* A comma or a full stop after a number is the sentence's. */
	kind_is("t.mustache:4:1: unclosed (opened at line 3, column 4)",
		"unclosed (opened at line \xe2\x80\xa6, column \xe2\x80\xa6)");
	kind_is("a.md: version 2.", "version \xe2\x80\xa6.");
	/* An apostrophe is not a quote. */
	kind_is("a.md:1:1: image 'John's photo.png' not found", "image '\xe2\x80\xa6' not found");
	kind_is("a.md:1:1: the slug 'x' is the site's own", "the slug '\xe2\x80\xa6' is the site's own");
	kind_is("a.md:1:1: it's 'a' and 'b'", "it's '\xe2\x80\xa6' and '\xe2\x80\xa6'");
	/* An unclosed quote stays. */
	kind_is("a.md:1:1: odd 'quote", "odd 'quote");
	/* A file name that ends in digits is still the file's. */
	kind_is("notes/2024:3:4: image 'a' not found", "image '\xe2\x80\xa6' not found");
	kind_is("chapter-1: image 'a' not found", "image '\xe2\x80\xa6' not found");
	/* Appended. */
	{
		wq_buf b = WQ_BUF_INIT;
		wq_buf_puts(&b, "> ");
		wq_diag_kind(&b, "a.md:1:1: x 'y'");
		CHECK_STR(wq_buf_cstr(&b), "> x '\xe2\x80\xa6'");
		wq_buf_dispose(&b);
	}
}

static void test_report(void)
{
	wq_diag *d = wq_diag_new();
	wq_buf out = WQ_BUF_INIT, want = WQ_BUF_INIT;
	int i;

	for (i = 1; i <= 25; i++) {
		wq_diag_warn(d, "src/p.md", (unsigned)i, 1, "image 'missing-%d.png' not found", i);
		if (i == 3)
			wq_diag_error(d, "src/zz.md", 2, 8, "front matter 'title' must be text");
	}
	wq_diag_error(d, "src/zz.md", 9, 1, "front matter 'date' must be text");
	wq_diag_report(d, &out, 20, false);
	for (i = 1; i <= 20; i++) {
		wq_buf_printf(&want, "warning: src/p.md:%d:1: image 'missing-%d.png' not found\n", i, i);
		if (i == 3)
			wq_buf_puts(&want, "error: src/zz.md:2:8: front matter 'title' must be text\n");
	}
	wq_buf_puts(&want, "error: src/zz.md:9:1: front matter 'date' must be text\n");
	wq_buf_puts(&want, "warning: \xe2\x80\xa6 and 5 more like this: image '\xe2\x80\xa6' not found\n");
	CHECK_STR(wq_buf_cstr(&out), wq_buf_cstr(&want));

	/* Errors only. */
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 20, true);
	CHECK_STR(wq_buf_cstr(&out), "error: src/zz.md:2:8: front matter 'title' must be text\n"
				     "error: src/zz.md:9:1: front matter 'date' must be text\n");
	/* Errors only, one a kind: the rest counted. */
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 1, true);
	CHECK_STR(wq_buf_cstr(&out),
		  "error: src/zz.md:2:8: front matter 'title' must be text\n"
		  "error: \xe2\x80\xa6 and 1 more like this: front matter '\xe2\x80\xa6' must be text\n");

	/* All (0): no summary. */
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 0, false);
	CHECK_CONTAINS(wq_buf_cstr(&out), "warning: src/p.md:25:1: image 'missing-25.png' not found\n");
	CHECK(strstr(wq_buf_cstr(&out), "more like this") == NULL);

	/* Exactly per_kind: no summary either. */
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 25, false);
	CHECK(strstr(wq_buf_cstr(&out), "more like this") == NULL);

	/* One kind, two severities: counted apart. */
	wq_diag_free(d);
	d = wq_diag_new();
	for (i = 0; i < 3; i++) {
		wq_diag_warn(d, "a.md", 1, 1, "gone '%d'", i);
		wq_diag_error(d, "a.md", 2, 1, "gone '%d'", i);
	}
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 1, false);
	CHECK_STR(wq_buf_cstr(&out),
		  "warning: a.md:1:1: gone '0'\n"
		  "error: a.md:2:1: gone '0'\n"
		  "warning: \xe2\x80\xa6 and 2 more like this: gone '\xe2\x80\xa6'\n"
		  "error: \xe2\x80\xa6 and 2 more like this: gone '\xe2\x80\xa6'\n");

	/* Empty and NULL lists: nothing. */
	wq_diag_free(d);
	d = wq_diag_new();
	wq_buf_clear(&out);
	wq_diag_report(d, &out, 20, false);
	wq_diag_report(NULL, &out, 20, false);
	CHECK(out.len == 0);
	wq_diag_free(d);
	wq_buf_dispose(&out);
	wq_buf_dispose(&want);
}

static void test_tally(void)
{
	wq_diag *d = wq_diag_new();
	wq_buf b = WQ_BUF_INIT;
	int i;

	tally_is(d, "");
	tally_is(NULL, "");
	wq_diag_warn(d, "a.md", 1, 1, "image 'x.png' not found");
	wq_diag_error(d, "a.md", 2, 1, "front matter 'title' must be text");
	wq_diag_warn(d, "b.md", 1, 1, "link to 'y' is broken");
	wq_diag_warn(d, "c.md", 1, 1, "image 'z.png' not found");
	wq_diag_error(d, "b.md", 2, 1, "front matter 'date' must be text");
	tally_is(d, "2 errors, 3 warnings (2 \xc3\x97 front matter '\xe2\x80\xa6' must be text; "
		    "2 \xc3\x97 image '\xe2\x80\xa6' not found; 1 \xc3\x97 link to '\xe2\x80\xa6' is broken)");
	/* Appended. */
	wq_buf_puts(&b, "build failed: ");
	wq_diag_tally(d, &b);
	CHECK(!strncmp(wq_buf_cstr(&b), "build failed: 2 errors, 3 warnings (", 36));
	wq_buf_dispose(&b);
	wq_diag_free(d);

	/* The same message again and again, as a warning and as an error,
	 * between others: each counted with its kind. */
	d = wq_diag_new();
	for (i = 0; i < 5; i++)
		wq_diag_warn(d, "a.md", 1, i + 1, "link to '#' (a placeholder)");
	wq_diag_error(d, "a.md", 2, 1, "link to '#' (a placeholder)");
	wq_diag_warn(d, "a.md", 3, 1, "link to '#' (a placeholder)");
	wq_diag_warn(d, "b.md", 1, 1, "image 'z.png' not found");
	wq_diag_warn(d, "b.md", 2, 1, "link to '#' (a placeholder)");
	wq_diag_warn(d, "b.md", 3, 1, "link to 'x' (a placeholder)");
	tally_is(d, "1 error, 9 warnings (1 \xc3\x97 link to '\xe2\x80\xa6' (a placeholder); "
		    "8 \xc3\x97 link to '\xe2\x80\xa6' (a placeholder); "
		    "1 \xc3\x97 image '\xe2\x80\xa6' not found)");
	wq_buf_clear(&b);
	wq_diag_report_as(d, &b, 2, false, WQ_DIAG_STYLE_BUILD);
	CHECK_CONTAINS(wq_buf_cstr(&b), "\xe2\x80\xa6 and 6 more like this: link to");
	CHECK_CONTAINS(wq_buf_cstr(&b), "error: a.md:2:1: link to '#'");
	CHECK_CONTAINS(wq_buf_cstr(&b), "warning: b.md:1:1: image 'z.png' not found");
	wq_buf_dispose(&b);
	wq_diag_free(d);

	/* One of each: singular. */
	d = wq_diag_new();
	wq_diag_error(d, NULL, 0, 0, "e");
	wq_diag_warn(d, NULL, 0, 0, "w");
	tally_is(d, "1 error, 1 warning (1 \xc3\x97 e; 1 \xc3\x97 w)");
	wq_diag_free(d);

	/* Warnings only, thousands; a kind's count decides its place, then
	 * which came first. */
	d = wq_diag_new();
	wq_diag_warn(d, "a.md", 1, 1, "rare");
	for (i = 0; i < 1234; i++)
		wq_diag_warn(d, "a.md", (unsigned)i + 2, 1, "image '%d.png' not found", i);
	wq_diag_warn(d, "a.md", 1, 1, "also rare");
	tally_is(d, "1,236 warnings (1,234 \xc3\x97 image '\xe2\x80\xa6' not found; 1 \xc3\x97 rare; "
		    "1 \xc3\x97 also rare)");
	wq_diag_free(d);

	/* More than eight kinds: the rest counted. */
	d = wq_diag_new();
	for (i = 0; i < 10; i++)
		wq_diag_warn(d, "a.md", 1, 1, "problem %c", 'a' + i);
	tally_is(d, "10 warnings (1 \xc3\x97 problem a; 1 \xc3\x97 problem b; 1 \xc3\x97 problem c; "
		    "1 \xc3\x97 problem d; 1 \xc3\x97 problem e; 1 \xc3\x97 problem f; "
		    "1 \xc3\x97 problem g; 1 \xc3\x97 problem h; 2 other kinds)");
	wq_diag_free(d);
	d = wq_diag_new();
	for (i = 0; i < 9; i++)
		wq_diag_warn(d, "a.md", 1, 1, "problem %c", 'a' + i);
	tally_is(d, "9 warnings (1 \xc3\x97 problem a; 1 \xc3\x97 problem b; 1 \xc3\x97 problem c; "
		    "1 \xc3\x97 problem d; 1 \xc3\x97 problem e; 1 \xc3\x97 problem f; "
		    "1 \xc3\x97 problem g; 1 \xc3\x97 problem h; 1 other kind)");
	wq_diag_free(d);
	/* Exactly eight: all named. */
	d = wq_diag_new();
	for (i = 0; i < 8; i++)
		wq_diag_warn(d, "a.md", 1, 1, "problem %c", 'a' + i);
	CHECK(wq_diag_count(d) == 8);
	{
		wq_buf t = WQ_BUF_INIT;
		wq_diag_tally(d, &t);
		CHECK(strstr(wq_buf_cstr(&t), "other kind") == NULL);
		CHECK_CONTAINS(wq_buf_cstr(&t), "; 1 \xc3\x97 problem h)");
		wq_buf_dispose(&t);
	}
	wq_diag_free(d);
}

static void test_put_count(void)
{
	count_is(0, "0");
	count_is(7, "7");
	count_is(999, "999");
	count_is(1000, "1,000");
	count_is(3319, "3,319");
	count_is(100000, "100,000");
	count_is(1234567, "1,234,567");
	count_is(SIZE_MAX, sizeof(size_t) == 8 ? "18,446,744,073,709,551,615" : "4,294,967,295");
}

/* A thread's redirection is its own. */
static void *other_thread(void *arg)
{
	wq_diag **lists = arg;
	wq_diag *before = wq_diag_redirect(lists[1]);

	wq_diag_warn(lists[0], "t.md", 1, 1, "from the thread");
	wq_diag_redirect(before);
	return before;
}

/* Many threads giving to one list. */
static void *busy_thread(void *arg)
{
	int i;

	for (i = 0; i < 1000; i++)
		wq_diag_warn(arg, "b.md", (unsigned)i + 1, 1, "busy %d", i);
	return NULL;
}

static void test_redirect_take(void)
{
	wq_diag *main_list = wq_diag_new(), *mine = wq_diag_new(), *before, *lists[2];
	pthread_t t[4];
	void *ret = &ret;
	int i;

	/* Redirected: given to main_list, kept in mine. */
	before = wq_diag_redirect(mine);
	CHECK(before == NULL);
	wq_diag_warn(main_list, "a.md", 1, 1, "one");
	wq_diag_error(main_list, "a.md", 2, 1, "two");
	wq_diag_warn(main_list, "a.md", 3, 1, "three");
	wq_diag_warn(NULL, "a.md", 4, 1, "given to no list: dropped");
	CHECK(wq_diag_redirect(before) == mine);
	CHECK(wq_diag_count(main_list) == 0);
	CHECK(wq_diag_count(mine) == 3);
	CHECK(wq_diag_errors(mine) == 1);
	wq_diag_warn(main_list, "z.md", 1, 1, "zero");
	/* Taken: at the end, in order, with the counts. */
	wq_diag_take(main_list, mine);
	CHECK(wq_diag_count(mine) == 0);
	CHECK(wq_diag_errors(mine) == 0);
	CHECK(wq_diag_count(main_list) == 4);
	CHECK(wq_diag_errors(main_list) == 1);
	CHECK_STR(listing(main_list),
		  "W z.md:1:1: zero\n"
		  "W a.md:1:1: one\n"
		  "E a.md:2:1: two\n"
		  "W a.md:3:1: three\n");
	/* The emptied list can be used again; sorting keeps what was taken
	 * at one place in order. */
	wq_diag_warn(mine, "a.md", 3, 1, "four");
	wq_diag_take(main_list, mine);
	wq_diag_sort(main_list);
	CHECK_STR(listing(main_list),
		  "W a.md:1:1: one\n"
		  "E a.md:2:1: two\n"
		  "W a.md:3:1: three\n"
		  "W a.md:3:1: four\n"
		  "W z.md:1:1: zero\n");
	/* Taken by no list: dropped. */
	wq_diag_warn(mine, "a.md", 1, 1, "dropped");
	wq_diag_error(mine, "a.md", 1, 1, "dropped");
	wq_diag_take(NULL, mine);
	CHECK(wq_diag_count(mine) == 0);
	CHECK(wq_diag_errors(mine) == 0);

	/* Another thread's redirection leaves this one's alone. */
	lists[0] = main_list;
	lists[1] = mine;
	CHECK(pthread_create(&t[0], NULL, other_thread, lists) == 0);
	CHECK(pthread_join(t[0], &ret) == 0);
	CHECK(ret == NULL);
	CHECK(wq_diag_count(mine) == 1);
	CHECK_STR(wq_diag_at(mine, 0), "t.md:1:1: from the thread");
	wq_diag_warn(main_list, "m.md", 1, 1, "here");
	CHECK(wq_diag_count(main_list) == 6);
	CHECK(wq_diag_count(mine) == 1);

	/* Threads giving to one list. */
	wq_diag_free(mine);
	mine = wq_diag_new();
	for (i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, busy_thread, mine) == 0);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK(wq_diag_count(mine) == 4000);
	wq_diag_sort(mine);
	/* Each thread gave the same 1,000 messages: sorted, each is given once. */
	CHECK(wq_diag_count(mine) == 1000);
	CHECK_STR(wq_diag_at(mine, 0), "b.md:1:1: busy 0");
	CHECK_STR(wq_diag_at(mine, 999), "b.md:1000:1: busy 999");
	wq_diag_free(main_list);
	wq_diag_free(mine);
}

static int warn_task(void *ctx, size_t i, wq_err *err)
{
	(void)err;
	wq_diag_warn(ctx, "p.md", (unsigned)i + 1, 1, "task");
	return 0;
}

/* A pool run on a thread whose diagnostics are redirected (a task of
 * another pool, a document whose warnings are kept) gives its tasks'
 * diagnostics there, in task order; else to the list it was given. */
static void test_pool_target(void)
{
	wq_diag *given = wq_diag_new(), *mine = wq_diag_new(), *before;
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_diag_target(given) == given);
	CHECK(wq_diag_target(NULL) == NULL);
	before = wq_diag_redirect(mine);
	CHECK(wq_diag_target(given) == mine);
	CHECK(wq_diag_target(NULL) == NULL);
	CHECK(wq_pool_for(2, 5, warn_task, given, given, &err) == 0);
	wq_diag_redirect(before);
	CHECK(wq_diag_count(given) == 0);
	CHECK(wq_diag_count(mine) == 5);
	CHECK_STR(wq_diag_at(mine, 0), "p.md:1:1: task");
	CHECK_STR(wq_diag_at(mine, 4), "p.md:5:1: task");
	CHECK(wq_pool_for(2, 3, warn_task, given, given, &err) == 0);
	CHECK(wq_diag_count(given) == 3);
	CHECK(wq_diag_count(mine) == 5);
	wq_diag_free(given);
	wq_diag_free(mine);
}

int main(void)
{
	test_counts();
	test_strict();
	test_add_err();
	test_sort();
	test_kind();
	test_report();
	test_tally();
	test_put_count();
	test_redirect_take();
	test_pool_target();
	wq_buf_dispose(&listing_buf);
	return CHECK_DONE();
}
