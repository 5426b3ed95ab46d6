/* Unit tests for src/diag.c's report styles: `warraq check`'s
 * file:line:col: severity: message, and GitHub workflow commands with
 * their values escaped as GitHub documents. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "check.h"

static void test_styles(void)
{
	wq_diag *d = wq_diag_new();
	wq_buf out = WQ_BUF_INIT;

	wq_diag_warn(d, "src/a.md", 3, 7, "link to '%s' broken", "x.md");
	wq_diag_error(d, "src/b,c:d.md", 2, 0, "100%% bad\nsecond line\r");
	wq_diag_warn(d, NULL, 0, 0, "no base_url");
	wq_diag_sort(d);

	wq_diag_report_as(d, &out, 0, false, WQ_DIAG_STYLE_CHECK);
	CHECK_STR(out.ptr, "warraq: warning: no base_url\n"
			   "src/a.md:3:7: warning: link to 'x.md' broken\n"
			   "src/b,c:d.md:2: error: 100% bad\nsecond line\r\n");
	wq_buf_clear(&out);
	wq_diag_report_as(d, &out, 0, false, WQ_DIAG_STYLE_GITHUB);
	CHECK_STR(out.ptr, "::warning::no base_url\n"
			   "::warning file=src/a.md,line=3,col=7::link to 'x.md' broken\n"
			   "::error file=src/b%2Cc%3Ad.md,line=2::100%25 bad%0Asecond line%0D\n");
	wq_buf_clear(&out);
	wq_diag_report_as(d, &out, 0, true, WQ_DIAG_STYLE_GITHUB); /* errors only */
	CHECK_STR(out.ptr, "::error file=src/b%2Cc%3Ad.md,line=2::100%25 bad%0Asecond line%0D\n");
	wq_buf_clear(&out);
	/* The build's style is wq_diag_report()'s. */
	wq_diag_report_as(d, &out, 0, false, WQ_DIAG_STYLE_BUILD);
	{
		wq_buf plain = WQ_BUF_INIT;
		wq_diag_report(d, &plain, 0, false);
		CHECK_STR(out.ptr, plain.ptr);
		CHECK_CONTAINS(plain.ptr, "warning: src/a.md:3:7: link to 'x.md' broken\n");
		wq_buf_dispose(&plain);
	}
	wq_buf_dispose(&out);
	wq_diag_free(d);
}

/* Repeats past the limit: one counted line, in the style asked for. */
static void test_counted(void)
{
	wq_diag *d = wq_diag_new();
	wq_buf out = WQ_BUF_INIT;
	unsigned i;

	for (i = 1; i <= 5; i++)
		wq_diag_warn(d, "a.md", i, 1, "image 'p%u.png' not found", i);
	wq_diag_report_as(d, &out, 2, false, WQ_DIAG_STYLE_CHECK);
	CHECK_CONTAINS(out.ptr, "a.md:2:1: warning: image 'p2.png' not found\n");
	CHECK(!strstr(out.ptr, "p3.png"));
	CHECK_CONTAINS(out.ptr, "warraq: warning: \xe2\x80\xa6 and 3 more like this: image '\xe2\x80\xa6' not found\n");
	wq_buf_clear(&out);
	wq_diag_report_as(d, &out, 2, false, WQ_DIAG_STYLE_GITHUB);
	CHECK_CONTAINS(out.ptr, "::warning::\xe2\x80\xa6 and 3 more like this: image '\xe2\x80\xa6' not found\n");
	wq_buf_dispose(&out);
	wq_diag_free(d);
}

int main(void)
{
	test_styles();
	test_counted();
	return CHECK_DONE();
}
