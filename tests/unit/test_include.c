/* Unit tests for src/include.c: include directives and the map from the
 * expanded text's lines to the files they came from. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "include.h"
#include "mem.h"
#include "check.h"
#include "tmpdir.h"

static const char *tmp;
static char src[512];     /* the source folder */
static char *src_real;    /* the same, resolved */

/* ------------------------------------------------------------ helpers */

/* One expansion and all it gave. */
typedef struct run {
	wq_buf out;
	wq_srcmap *map;
	wq_diag *diag;
	wq_err err;
	int rc;
	char *included[16]; /* the files the callback was given */
	size_t nincluded;
} run;

static void on_included(void *ctx, const char *rel)
{
	run *r = ctx;

	if (r->nincluded < sizeof(r->included) / sizeof(r->included[0]))
		r->included[r->nincluded] = wq_xstrdup(rel);
	r->nincluded++;
}

/* Expand @p text as the document @p rel of the source folder. */
static void run_expand_len(run *r, const char *rel, const char *text, size_t len,
			   bool with_root)
{
	wq_include_opts o;
	wq_err init = WQ_ERR_INIT;

	memset(r, 0, sizeof(*r));
	r->err = init;
	r->diag = wq_diag_new();
	memset(&o, 0, sizeof(o));
	o.source_dir = src;
	o.root_real = with_root ? src_real : NULL;
	o.diag = r->diag;
	o.included = on_included;
	o.ctx = r;
	r->rc = wq_include_expand(&r->out, &r->map, text, len, rel, tmp_path(src, rel), &o,
				  &r->err);
}

static void run_expand(run *r, const char *rel, const char *text)
{
	run_expand_len(r, rel, text, strlen(text), true);
}

static void run_done(run *r)
{
	size_t i;

	for (i = 0; i < r->nincluded && i < sizeof(r->included) / sizeof(r->included[0]); i++)
		free(r->included[i]);
	wq_buf_dispose(&r->out);
	wq_srcmap_free(r->map);
	wq_diag_free(r->diag);
}

/* Report an unexpected failure or diagnostic, to make a failing check clear. */
static void show(const run *r)
{
	size_t i;

	if (r->rc < 0)
		fprintf(stderr, "  rc %d: %s:%u:%u: %s\n", r->rc, r->err.file, r->err.line,
			r->err.col, r->err.msg);
	for (i = 0; i < wq_diag_count(r->diag); i++)
		fprintf(stderr, "  diag: %s\n", wq_diag_at(r->diag, i));
}

/* @p text (document @p rel) expands to @p want, with no diagnostic. */
static void expands_to(const char *rel, const char *text, const char *want)
{
	run r;

	run_expand(&r, rel, text);
	CHECK(r.rc == 0);
	CHECK(wq_diag_count(r.diag) == 0);
	CHECK(r.map != NULL);
	CHECK_STR(wq_buf_cstr(&r.out), want);
	if (r.rc < 0 || wq_diag_count(r.diag))
		show(&r);
	run_done(&r);
}

/* Line @p line of the expansion came from line @p want_line of @p want_rel
 * (NULL: the document's own). */
static void locate_is(const wq_srcmap *m, unsigned line, const char *want_rel, unsigned want_line)
{
	unsigned got_line = 0;
	const char *rel = "unset";
	const char *file = wq_srcmap_locate(m, line, &got_line, &rel);

	if (!want_rel) {
		CHECK(file == NULL);
		CHECK(rel == NULL);
	} else {
		CHECK_STR(rel, want_rel);
		CHECK_STR(file, tmp_path(src, want_rel));
	}
	CHECK(got_line == want_line);
	if (got_line != want_line)
		fprintf(stderr, "  line %u: got source line %u, want %u\n", line, got_line, want_line);
}

/* @p text fails with @p code, at @p file (relative to the source folder)
 * line @p line col @p col, with message @p msg. */
static void fails_with(const char *rel, const char *text, int code, const char *file,
		       unsigned line, unsigned col, const char *msg)
{
	run r;

	run_expand(&r, rel, text);
	CHECK(r.rc == code);
	CHECK_STR(r.err.file, tmp_path(src, file));
	CHECK(r.err.line == line);
	CHECK(r.err.col == col);
	CHECK_STR(r.err.msg, msg);
	if (r.rc != code || r.err.line != line || r.err.col != col)
		show(&r);
	/* A failure leaves nothing behind. */
	CHECK(r.map == NULL);
	CHECK(r.out.len == 0);
	run_done(&r);
}

static void put(const char *rel, const char *text)
{
	CHECK(tmp_puts(src, rel, text) == 0);
}

/* ------------------------------------------------------------ tests */

static void test_no_directive(void)
{
	const char *texts[] = {
		"", "Plain text\n", "{{ not an include }}\n", "[!NOTE]\n> text\n",
		"{{#includ x}}\n", "[!INCLUD [a](b)]\n", ":::note\n:::\n",
	};
	size_t i;
	run r;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		run_expand(&r, "plain.md", texts[i]);
		CHECK(r.rc == 0);
		CHECK(r.out.len == 0);
		CHECK(r.map == NULL);
		CHECK(r.nincluded == 0);
		run_done(&r);
	}
	/* The document's own lines without a map. */
	locate_is(NULL, 7, NULL, 7);

	/* Out is emptied even when it held something. */
	{
		wq_include_opts o;
		wq_err err = WQ_ERR_INIT;
		wq_buf out = WQ_BUF_INIT;
		wq_srcmap *map = (wq_srcmap *)&o; /* overwritten */

		memset(&o, 0, sizeof(o));
		o.source_dir = src;
		wq_buf_puts(&out, "old");
		CHECK(wq_include_expand(&out, &map, "text\n", 5, "p.md", "p.md", &o, &err) == 0);
		CHECK(out.len == 0);
		CHECK(map == NULL);
		wq_buf_dispose(&out);
	}
}

static void test_block(void)
{
	run r;

	put("b.md", "B1\nB2\n");
	run_expand(&r, "a.md", "one\n{{#include b.md}}\nthree\n\nfive\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "one\nB1\nB2\nthree\n\nfive\n");
	CHECK(r.nincluded == 1);
	if (r.nincluded == 1)
		CHECK_STR(r.included[0], "b.md");
	locate_is(r.map, 1, NULL, 1);
	locate_is(r.map, 2, "b.md", 1);
	locate_is(r.map, 3, "b.md", 2);
	locate_is(r.map, 4, NULL, 3);
	locate_is(r.map, 5, NULL, 4);
	locate_is(r.map, 6, NULL, 5);
	run_done(&r);

	/* Indented, spaces inside the braces, no newline at the ends. */
	put("b2.md", "X\nY");
	run_expand(&r, "a.md", "  {{#include   b2.md  }}  \nend");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "  X\n  Y\nend");
	locate_is(r.map, 1, "b2.md", 1);
	locate_is(r.map, 2, "b2.md", 2);
	locate_is(r.map, 3, NULL, 2);
	run_done(&r);

	/* The same file twice, and two files one after the other. */
	run_expand(&r, "a.md", "{{#include b.md}}\n{{#include b.md}}\n{{#include b2.md}}\nz\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "B1\nB2\nB1\nB2\nX\nY\nz\n");
	locate_is(r.map, 1, "b.md", 1);
	locate_is(r.map, 2, "b.md", 2);
	locate_is(r.map, 3, "b.md", 1);
	locate_is(r.map, 4, "b.md", 2);
	locate_is(r.map, 5, "b2.md", 1);
	locate_is(r.map, 6, "b2.md", 2);
	locate_is(r.map, 7, NULL, 4);
	CHECK(r.nincluded == 3);
	run_done(&r);

	/* An empty file: the line stays, empty. */
	put("empty.md", "");
	run_expand(&r, "a.md", "x\n{{#include empty.md}}\ny\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "x\n\ny\n");
	locate_is(r.map, 2, NULL, 2);
	locate_is(r.map, 3, NULL, 3);
	run_done(&r);

	/* A path from the source folder, and a document in a sub-folder. */
	put("docs/local.md", "local\n");
	expands_to("docs/page.md", "{{#include local.md}}\n{{#include /b.md}}\n",
		   "local\nB1\nB2\n");
}

static void test_ranges(void)
{
	put("f.txt", "l1\nl2\nl3\nl4\n");
	expands_to("r.md", "{{#include f.txt}}\n", "l1\nl2\nl3\nl4\n");
	expands_to("r.md", "{{#include f.txt:2:3}}\n", "l2\nl3\n");
	expands_to("r.md", "{{#include f.txt:2}}\n", "l2\n");
	expands_to("r.md", "{{#include f.txt:2:}}\n", "l2\nl3\nl4\n");
	expands_to("r.md", "{{#include f.txt::2}}\n", "l1\nl2\n");
	expands_to("r.md", "{{#include f.txt:3:99}}\n", "l3\nl4\n");
	/* Inside a fence, as code is included. */
	expands_to("r.md", "```text\n{{#include f.txt:2:3}}\n```\n", "```text\nl2\nl3\n```\n");

	{
		run r;

		run_expand(&r, "r.md", "a\n{{#include f.txt:2:3}}\nb\n");
		CHECK(r.rc == 0);
		CHECK_STR(wq_buf_cstr(&r.out), "a\nl2\nl3\nb\n");
		locate_is(r.map, 2, "f.txt", 2);
		locate_is(r.map, 3, "f.txt", 3);
		locate_is(r.map, 4, NULL, 3);
		run_done(&r);
	}

	/* Not a range. */
	fails_with("r.md", "x\n{{#include f.txt:0}}\n", WQ_EINPUT, "r.md", 2, 1,
		   "include 'f.txt': '0' is not a line range or an anchor name");
	fails_with("r.md", "{{#include f.txt:2:x}}\n", WQ_EINPUT, "r.md", 1, 1,
		   "include 'f.txt': '2:x' is not a line range or an anchor name");
}

static void test_anchors(void)
{
	run r;

	put("code.ini",
	    "; settings\n"               /* 1 */
	    "# ANCHOR: all\n"            /* 2 */
	    "[printer]\n"                /* 3 */
	    "# ANCHOR: printer\n"        /* 4 */
	    "name = laser\n"             /* 5 */
	    "duplex = yes\n"             /* 6 */
	    "# ANCHOR_END: printer\n"    /* 7 */
	    "# ANCHOR_END: all\n"        /* 8 */
	    "# ANCHOR: printer2\n"       /* 9 */
	    "other = 1\n"                /* 10 */
	    "# ANCHOR_END: printer2\n"); /* 11 */
	run_expand(&r, "an.md", "```ini\n{{#include code.ini:printer}}\n```\n");
	CHECK(r.rc == 0);
	CHECK(wq_diag_count(r.diag) == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "```ini\nname = laser\nduplex = yes\n```\n");
	locate_is(r.map, 2, "code.ini", 5);
	locate_is(r.map, 3, "code.ini", 6);
	locate_is(r.map, 4, NULL, 3);
	run_done(&r);

	/* "printer" is not "printer2". */
	expands_to("an.md", "{{#include code.ini:printer2}}\n", "other = 1\n");
	/* An outer region leaves the inner one's ANCHOR lines out. */
	expands_to("an.md", "{{#include code.ini:all}}\n", "[printer]\nname = laser\nduplex = yes\n");

	/* A whole file: every ANCHOR line left out, the map skips them. */
	run_expand(&r, "an.md", "{{#include code.ini}}\nend\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out),
		  "; settings\n[printer]\nname = laser\nduplex = yes\nother = 1\nend\n");
	locate_is(r.map, 1, "code.ini", 1);
	locate_is(r.map, 2, "code.ini", 3);
	locate_is(r.map, 3, "code.ini", 5);
	locate_is(r.map, 4, "code.ini", 6);
	locate_is(r.map, 5, "code.ini", 10);
	locate_is(r.map, 6, NULL, 2);
	run_done(&r);

	/* A line range keeps its lines but not ANCHOR lines. */
	expands_to("an.md", "{{#include code.ini:3:5}}\n", "[printer]\nname = laser\n");

	/* A missing anchor: a warning, nothing included. */
	run_expand(&r, "an.md", "a\n{{#include code.ini:nothere}}\nb\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "a\n\nb\n");
	CHECK(wq_diag_count(r.diag) == 1);
	CHECK(wq_diag_errors(r.diag) == 0);
	{
		char want[1200];
		snprintf(want, sizeof(want),
			 "%s:2:1: include 'code.ini': no 'ANCHOR: nothere' in the file",
			 tmp_path(src, "an.md"));
		CHECK_STR(wq_diag_at(r.diag, 0), want);
	}
	run_done(&r);

	/* A DocFX include keeps ANCHOR lines: they are text there. */
	put("anch.md", "# ANCHOR: x\ntext\n");
	expands_to("an.md", "[!INCLUDE [t](anch.md)]\n", "# ANCHOR: x\ntext\n");
}

static void test_docfx(void)
{
	run r;

	put("inc/x.md", "X1\n\nX3\n");
	run_expand(&r, "d.md", "Top\n[!INCLUDE [title](inc/x.md)]\nBottom\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "Top\nX1\n\nX3\nBottom\n");
	locate_is(r.map, 2, "inc/x.md", 1);
	locate_is(r.map, 3, "inc/x.md", 2);
	locate_is(r.map, 4, "inc/x.md", 3);
	locate_is(r.map, 5, NULL, 3);
	CHECK(r.nincluded == 1);
	if (r.nincluded == 1)
		CHECK_STR(r.included[0], "inc/x.md");
	run_done(&r);

	/* Inline: the text joins the line. */
	put("name.md", "Contoso\n");
	expands_to("d.md", "see [!INCLUDE [n](name.md)] now\n", "see Contoso now\n");
	run_expand(&r, "d.md", "x\nsee [!INCLUDE [n](name.md)] now\ny\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "x\nsee Contoso now\ny\n");
	locate_is(r.map, 2, NULL, 2);
	locate_is(r.map, 3, NULL, 3);
	run_done(&r);
	/* Several lines are joined by spaces; two on a line. */
	put("two.md", "Fabrikam\nInc.  \n\n");
	expands_to("d.md", "[!include [a](name.md)] and [!include [b](two.md)].\n",
		   "Contoso and Fabrikam Inc..\n");
	/* Any case; spaces; a path in angle brackets; percent-encoding. */
	put("sp ace.md", "Spaced\n");
	expands_to("d.md", "[!include [t](name.md)]\n", "Contoso\n");
	expands_to("d.md", "[!Include  [t]( name.md )]\n", "Contoso\n");
	expands_to("d.md", "[!INCLUDE [t](<sp ace.md>)]\n", "Spaced\n");
	expands_to("d.md", "[!INCLUDE [t](sp%20ace.md)]\n", "Spaced\n");
	/* Not directives: no title, no closing bracket. */
	expands_to("d.md", "[!INCLUDE (name.md)]\n", "[!INCLUDE (name.md)]\n");
	expands_to("d.md", "[!INCLUDE [t](name.md)\n", "[!INCLUDE [t](name.md)\n");

	/* In a block quote: every line keeps the quote markers. */
	put("q.md", "Q1\n\nQ3\n");
	run_expand(&r, "d.md", "> Note:\n> [!INCLUDE [t](q.md)]\n> end\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "> Note:\n> Q1\n> \n> Q3\n> end\n");
	locate_is(r.map, 1, NULL, 1);
	locate_is(r.map, 2, "q.md", 1);
	locate_is(r.map, 4, "q.md", 3);
	locate_is(r.map, 5, NULL, 3);
	run_done(&r);
	/* mdBook's too, and nested quotes. */
	expands_to("d.md", ">> {{#include q.md}}\n", ">> Q1\n>> \n>> Q3\n");
}

static void test_front_matter(void)
{
	run r;

	put("fm.md", "---\ntitle: Part\nweight: 2\n---\nF5\nF6\n");
	run_expand(&r, "d.md", "{{#include fm.md}}\nafter\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "F5\nF6\nafter\n");
	locate_is(r.map, 1, "fm.md", 5);
	locate_is(r.map, 2, "fm.md", 6);
	locate_is(r.map, 3, NULL, 2);
	run_done(&r);
	/* Line ranges count the file's real lines. */
	expands_to("d.md", "{{#include fm.md:6}}\n", "F6\n");
	/* "..." ends it too; DocFX includes leave it out as well. */
	put("fm2.md", "---\na: 1\n...\nbody\n");
	expands_to("d.md", "[!INCLUDE [t](fm2.md)]\n", "body\n");
	/* Unterminated: not front matter, kept. */
	put("fm3.md", "---\nnot closed\n");
	expands_to("d.md", "{{#include fm3.md}}\n", "---\nnot closed\n");
}

/* A YAML file included as code keeps its "---" document start: it is not
 * front matter, which only documents (.md, .markdown, .txt) have. */
static void test_code_not_front_matter(void)
{
	put("conf.yml", "---\nname: x\n---\nname: y\n");
	expands_to("d.md", "```yaml\n{{#include conf.yml}}\n```\n",
		   "```yaml\n---\nname: x\n---\nname: y\n```\n");
	put("conf2.yaml", "---\nname: x\n...\n");
	expands_to("d.md", "{{#include conf2.yaml:1:2}}\n", "---\nname: x\n");
}

static void test_fences_and_escapes(void)
{
	put("x.md", "X\n");
	/* mdBook: expanded in a fence; DocFX: text there. */
	expands_to("e.md", "```\n{{#include x.md}}\n```\n", "```\nX\n```\n");
	expands_to("e.md", "```\n[!INCLUDE [t](x.md)]\n```\n[!INCLUDE [t](x.md)]\n",
		   "```\n[!INCLUDE [t](x.md)]\n```\nX\n");
	expands_to("e.md", "~~~md\nsee [!INCLUDE [t](x.md)]\n~~~\n",
		   "~~~md\nsee [!INCLUDE [t](x.md)]\n~~~\n");
	/* Escaped: the directive as text, the file not read. */
	{
		run r;

		run_expand(&r, "e.md", "\\{{#include x}}\n");
		CHECK(r.rc == 0);
		CHECK_STR(wq_buf_cstr(&r.out), "{{#include x}}\n");
		CHECK(wq_diag_count(r.diag) == 0);
		CHECK(r.nincluded == 0);
		run_done(&r);
	}
	expands_to("e.md", "a \\{{#include x.md}} b {{#include x.md}} c\n",
		   "a {{#include x.md}} b X c\n");
	/* Inline mdBook includes join the line. */
	expands_to("e.md", "Value: `{{#include x.md}}`.\n", "Value: `X`.\n");
}

static void test_nested(void)
{
	run r;

	put("n/a.md", "A1\n{{#include sub/b.md}}\nA3\n");
	put("n/sub/b.md", "B1\n{{#include ../c.md}}\nB3\n");
	put("n/c.md", "C1\nC2\n");
	run_expand(&r, "n/doc.md", "D1\n{{#include a.md}}\nD3\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "D1\nA1\nB1\nC1\nC2\nB3\nA3\nD3\n");
	locate_is(r.map, 1, NULL, 1);
	locate_is(r.map, 2, "n/a.md", 1);
	locate_is(r.map, 3, "n/sub/b.md", 1);
	locate_is(r.map, 4, "n/c.md", 1);
	locate_is(r.map, 5, "n/c.md", 2);
	locate_is(r.map, 6, "n/sub/b.md", 3);
	locate_is(r.map, 7, "n/a.md", 3);
	locate_is(r.map, 8, NULL, 3);
	CHECK(r.nincluded == 3);
	if (r.nincluded == 3) {
		CHECK_STR(r.included[0], "n/a.md");
		CHECK_STR(r.included[1], "n/sub/b.md");
		CHECK_STR(r.included[2], "n/c.md");
	}
	run_done(&r);

	/* A file included at two depths is no cycle. */
	put("n/d.md", "{{#include c.md}}\n{{#include sub/b.md}}\n");
	expands_to("n/doc.md", "{{#include d.md}}\n", "C1\nC2\nB1\nC1\nC2\nB3\n");

	/* Nested in a quote: the markers add up. */
	put("n/q1.md", "q1\n> {{#include q2.md}}\n");
	put("n/q2.md", "q2\n");
	expands_to("n/doc.md", "> {{#include q1.md}}\n", "> q1\n> > q2\n");
}

static void test_errors(void)
{
	run r;
	char outside[1024];

	/* A cycle, named as the chain, at the directive that closes it. */
	put("cy/a.md", "# A\n\n{{#include b.md}}\n");
	put("cy/b.md", "text\n  {{#include a.md}}\n");
	fails_with("cy/a.md", "# A\n\n{{#include b.md}}\n", WQ_EINPUT, "cy/b.md", 2, 3,
		   "include cycle: cy/a.md -> cy/b.md -> cy/a.md");
	/* A file including itself. */
	put("cy/self.md", "{{#include self.md}}\n");
	fails_with("cy/self.md", "x\n{{#include self.md}}\n", WQ_EINPUT, "cy/self.md", 2, 1,
		   "include cycle: cy/self.md -> cy/self.md");

	/* Leaving the source folder. */
	fails_with("out.md", "x\n{{#include ../x.md}}\n", WQ_EINPUT, "out.md", 2, 1,
		   "include '../x.md' is outside the source folder");
	fails_with("sub/out.md", "ok [!INCLUDE [t](../../x.md)]\n", WQ_EINPUT, "sub/out.md", 1, 4,
		   "include '../../x.md' is outside the source folder");

	/* Not text. */
	CHECK(tmp_write(src, "bin.md", "ab\0cd\n", 6) == 0);
	fails_with("t.md", "{{#include bin.md}}\n", WQ_EINPUT, "t.md", 1, 1,
		   "include 'bin.md' is not UTF-8 text");
	put("latin1.md", "caf\xe9\n");
	fails_with("t.md", "\xd9\x86\xd8\xb5 {{#include latin1.md}}\n", WQ_EINPUT, "t.md", 1, 4,
		   "include 'latin1.md' is not UTF-8 text");

	/* Too deep: a chain of 12 files. */
	{
		int i;
		char name[32], text[64];
		for (i = 0; i < 12; i++) {
			snprintf(name, sizeof(name), "deep/d%d.md", i);
			if (i < 11)
				snprintf(text, sizeof(text), "d%d\n{{#include d%d.md}}\n", i, i + 1);
			else
				snprintf(text, sizeof(text), "d%d\n", i);
			put(name, text);
		}
	}
	run_expand(&r, "deep/d0.md", "d0\n{{#include d1.md}}\n");
	CHECK(r.rc == WQ_ELIMIT);
	CHECK(r.err.line == 2 && r.err.col == 1);
	CHECK_CONTAINS(r.err.msg, "includes nested deeper than 10 levels (at 'd");
	CHECK(r.map == NULL && r.out.len == 0);
	run_done(&r);
	/* Exactly WQ_INCLUDE_MAX_DEPTH nested includes are allowed (d1 to d10,
	 * with d10 ending the chain), one more is not. */
	put("deep/d10.md", "d10\n");
	run_expand(&r, "deep/d0.md", "d0\n{{#include d1.md}}\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "d0\nd1\nd2\nd3\nd4\nd5\nd6\nd7\nd8\nd9\nd10\n");
	locate_is(r.map, 11, "deep/d10.md", 1);
	run_done(&r);
	put("deep/d10.md", "d10\n{{#include d11.md}}\n");
	fails_with("deep/d0.md", "d0\n{{#include d1.md}}\n", WQ_ELIMIT, "deep/d10.md", 2, 1,
		   "includes nested deeper than 10 levels (at 'd11.md')");

	/* A link inside the source folder to a file outside it. */
	snprintf(outside, sizeof(outside), "%s/outside.md", tmp);
	CHECK(tmp_puts(tmp, "outside.md", "secret\n") == 0);
	CHECK(symlink(outside, tmp_path(src, "link.md")) == 0);
	fails_with("l.md", "{{#include link.md}}\n", WQ_EINPUT, "l.md", 1, 1,
		   "include 'link.md' is outside the source folder");
	/* ... followed when no resolved root is given. */
	run_expand_len(&r, "l.md", "{{#include link.md}}\n", 21, false);
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "secret\n");
	run_done(&r);
	/* A link to a file inside is fine. */
	CHECK(symlink("name.md", tmp_path(src, "inlink.md")) == 0);
	expands_to("l.md", "{{#include inlink.md}}\n", "Contoso\n");

	/* No path. */
	fails_with("np.md", "{{#include :2}}\n", WQ_EINPUT, "np.md", 1, 1, "include has no path");
}

static void test_missing(void)
{
	run r;
	char want[1200];

	run_expand(&r, "m.md", "x\n  {{#include nope.md}}\ny\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "x\n\ny\n");
	CHECK(wq_diag_count(r.diag) == 1);
	CHECK(wq_diag_errors(r.diag) == 0);
	snprintf(want, sizeof(want), "%s:2:3: include 'nope.md' not found", tmp_path(src, "m.md"));
	CHECK_STR(wq_diag_at(r.diag, 0), want);
	CHECK(r.nincluded == 0);
	locate_is(r.map, 3, NULL, 3);
	run_done(&r);

	/* Inline: the directive is dropped from its line; columns count
	 * characters. */
	run_expand(&r, "m.md", "قبل [!INCLUDE [t](gone.md)] بعد\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "قبل  بعد\n");
	snprintf(want, sizeof(want), "%s:1:5: include 'gone.md' not found", tmp_path(src, "m.md"));
	CHECK_STR(wq_diag_at(r.diag, 0), want);
	run_done(&r);

	/* A folder is not a file. */
	CHECK(mkdir(tmp_path(src, "afolder"), 0755) == 0);
	run_expand(&r, "m.md", "{{#include afolder}}\n");
	CHECK(r.rc == 0);
	CHECK(wq_diag_count(r.diag) == 1);
	CHECK_CONTAINS(wq_diag_at(r.diag, 0), "include 'afolder' not found");
	run_done(&r);

	/* In an included file: the warning names that file. */
	put("mi.md", "a\n{{#include nope2.md}}\n");
	run_expand(&r, "m.md", "{{#include mi.md}}\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "a\n\n");
	snprintf(want, sizeof(want), "%s:2:1: include 'nope2.md' not found", tmp_path(src, "mi.md"));
	CHECK_STR(wq_diag_at(r.diag, 0), want);
	run_done(&r);
}

static void test_images(void)
{
	run r;

	run_expand(&r, "img.md",
		   "Intro\n"
		   ":::image type=\"content\" source=\"media/a.png\" alt-text=\"Alt [x]\":::\n"
		   "> :::image type=\"complex\" source='b.png' alt-text=\"B\":::\n"
		   "Long description.\n"
		   ":::image-end:::\n"
		   "End\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out),
		  "Intro\n"
		  "![Alt \\[x\\]](<media/a.png>)\n"
		  "> ![B](<b.png>)\n"
		  "Long description.\n"
		  "\n"
		  "End\n");
	CHECK(r.nincluded == 0);
	locate_is(r.map, 2, NULL, 2);
	locate_is(r.map, 6, NULL, 6);
	run_done(&r);

	/* No alt text; a backslash in it. */
	expands_to("img.md", ":::image source=\"c.png\":::\n", "![](<c.png>)\n");
	expands_to("img.md", ":::image source=\"c.png\" alt-text=\"a\\b\":::\n",
		   "![a\\\\b](<c.png>)\n");
	/* In a fence: as it is. */
	expands_to("img.md", "```\n:::image type=\"content\" source=\"a.png\" alt-text=\"A\":::\n```\n",
		   "```\n:::image type=\"content\" source=\"a.png\" alt-text=\"A\":::\n```\n");
	/* Not images: no source, not closed. */
	expands_to("img.md", ":::image type=\"content\":::\n", ":::image type=\"content\":::\n");
	expands_to("img.md", ":::image source=\"a.png\"\n", ":::image source=\"a.png\"\n");
	/* In an included file. */
	put("img-inc.md", ":::image source=\"i.png\" alt-text=\"I\":::\n");
	expands_to("img.md", "{{#include img-inc.md}}\n", "![I](<i.png>)\n");
}

/* An include bomb: each level includes the next ten times, down to a
 * 1 MiB leaf; the size limit stops it at once. */
static void test_bomb(void)
{
	wq_buf leaf = WQ_BUF_INIT;
	char name[32], next[32];
	wq_buf level = WQ_BUF_INIT;
	run r;
	int i, k;

	while (leaf.len < ((size_t)1 << 20))
		wq_buf_puts(&leaf, "The quick brown fox jumps over the lazy dog, again and again.\n");
	CHECK(tmp_write(src, "bomb/leaf.txt", leaf.ptr, leaf.len) == 0);
	for (i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "bomb/l%d.md", i);
		if (i == 8)
			snprintf(next, sizeof(next), "leaf.txt");
		else
			snprintf(next, sizeof(next), "l%d.md", i + 1);
		wq_buf_clear(&level);
		for (k = 0; k < 10; k++)
			wq_buf_printf(&level, "{{#include %s}}\n", next);
		put(name, wq_buf_cstr(&level));
	}
	run_expand(&r, "bomb/doc.md", "Doc\n{{#include l1.md}}\n");
	CHECK(r.rc == WQ_ELIMIT);
	CHECK_STR(r.err.msg, "text with its includes is larger than 16 MiB");
	CHECK(r.map == NULL && r.out.len == 0);
	run_done(&r);

	/* Inline: 40 times the leaf on one line. */
	wq_buf_clear(&level);
	for (k = 0; k < 40; k++)
		wq_buf_puts(&level, "[!INCLUDE [t](leaf.txt)] ");
	wq_buf_putc(&level, '\n');
	put("bomb/inline.md", wq_buf_cstr(&level));
	run_expand(&r, "bomb/doc.md", "{{#include inline.md}}\n{{#include inline.md}}\n");
	CHECK(r.rc == WQ_ELIMIT);
	CHECK_CONTAINS(r.err.msg, "larger than 16 MiB");
	run_done(&r);

	/* A single file over the limit. */
	{
		FILE *f = fopen(tmp_path(src, "bomb/huge.txt"), "wb");
		CHECK(f != NULL);
		if (f) {
			CHECK(fseek(f, (long)WQ_INCLUDE_MAX_BYTES, SEEK_SET) == 0);
			fputc('x', f);
			fclose(f);
		}
		fails_with("bomb/doc.md", "{{#include huge.txt}}\n", WQ_ELIMIT, "bomb/doc.md", 1, 1,
			   "include 'huge.txt' is too large");
	}
	wq_buf_dispose(&leaf);
	wq_buf_dispose(&level);
}

/* Many small files nested: stopped by the count of includes, at once. */
static void test_bomb_small(void)
{
	wq_buf level = WQ_BUF_INIT;
	char name[32], next[32];
	run r;
	int i, k;

	put("bomb2/leaf.txt", "tiny line of text that repeats\n");
	for (i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "bomb2/l%d.md", i);
		if (i == 8)
			snprintf(next, sizeof(next), "leaf.txt");
		else
			snprintf(next, sizeof(next), "l%d.md", i + 1);
		wq_buf_clear(&level);
		for (k = 0; k < 10; k++)
			wq_buf_printf(&level, "{{#include %s}}\n", next);
		put(name, wq_buf_cstr(&level));
	}
	run_expand(&r, "bomb2/doc.md", "{{#include l1.md}}\n");
	CHECK(r.rc == WQ_ELIMIT);
	CHECK_STR(r.err.msg, "more than 10000 includes (at 'leaf.txt')");
	run_done(&r);

	/* Missing files and empty ranges add no text, so only the count
	 * stops them: ten inline includes a line, eight levels
	 * (well within WQ_INCLUDE_MAX_DEPTH). */
	put("bomb3/f.txt", "one line\n");
	for (i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "bomb3/l%d.md", i);
		wq_buf_clear(&level);
		for (k = 0; k < 10; k++) {
			if (i == 8)
				wq_buf_puts(&level, k & 1 ? "[!INCLUDE [t](nope.md)] " : "{{#include f.txt:9}} ");
			else
				wq_buf_printf(&level, "[!INCLUDE [t](l%d.md)] ", i + 1);
		}
		put(name, wq_buf_cstr(&level));
	}
	run_expand(&r, "bomb3/doc.md", "{{#include l1.md}}\n");
	CHECK(r.rc == WQ_ELIMIT);
	CHECK_CONTAINS(r.err.msg, "more than 10000 includes");
	CHECK(wq_diag_count(r.diag) < 10000);
	run_done(&r);
	wq_buf_dispose(&level);
}

/* Line ranges of a large file read all of it each time: the bytes read
 * are bounded too. */
static void test_read_budget(void)
{
	wq_buf big = WQ_BUF_INIT, doc = WQ_BUF_INIT;
	run r;
	int k;

	while (big.len < ((size_t)8 << 20))
		wq_buf_puts(&big, "0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
	CHECK(tmp_write(src, "budget/big.txt", big.ptr, big.len) == 0);
	for (k = 0; k < 40; k++)
		wq_buf_puts(&doc, "{{#include big.txt:1}}\n");
	run_expand(&r, "budget/doc.md", wq_buf_cstr(&doc));
	CHECK(r.rc == WQ_ELIMIT);
	CHECK_STR(r.err.msg, "includes read more than 256 MiB (at 'big.txt')");
	/* 8 MiB and a little more, read 32 times, is over. */
	CHECK(r.err.line == 32);
	run_done(&r);
	wq_buf_dispose(&big);
	wq_buf_dispose(&doc);
}

/* Expand @p text (as document "scan.md"), checking it succeeds.  No time
 * is measured here (speed belongs to bench/): a scan gone quadratic again
 * makes these minutes long, and ctest's time limit for the test fails it. */
static void expand_ok(const char *text, size_t len)
{
	run r;

	run_expand_len(&r, "scan.md", text, len, true);
	CHECK(r.rc == 0);
	run_done(&r);
}

/* Lines of many unclosed directives, texts of many braces: each read once
 * (these took minutes when every directive read the rest of the line). */
static void test_linear_scans(void)
{
	static const char *const units[] = {
		"{{#include a ", "[!include [", "[!include [a](", "[!include [a](b)", "{ ", "[!",
	};
	const size_t size = (size_t)4 << 20;
	wq_buf t = WQ_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		wq_buf_clear(&t);
		while (t.len < size)
			wq_buf_puts(&t, units[i]);
		wq_buf_puts(&t, i == 1 ? "]\n" : "\n");
		expand_ok(t.ptr, t.len);
	}
	wq_buf_dispose(&t);
}

/* Columns of directives after others on a line, in characters ("é " 2,
 * the first directive 22, " ü " 3: column 28). */
static void test_columns(void)
{
	run r;
	char want[1200];

	put("col.md", "C\n");
	run_expand(&r, "cols.md", "\xc3\xa9 [!INCLUDE [t](col.md)] \xc3\xbc [!INCLUDE [t](gone.md)]\n"
				  "\\{{#include x}} {{#include gone2.md}}\n");
	CHECK(r.rc == 0);
	CHECK_STR(wq_buf_cstr(&r.out), "\xc3\xa9 C \xc3\xbc \n{{#include x}} \n");
	CHECK(wq_diag_count(r.diag) == 2);
	snprintf(want, sizeof(want), "%s:1:28: include 'gone.md' not found", tmp_path(src, "cols.md"));
	CHECK_STR(wq_diag_at(r.diag, 0), want);
	snprintf(want, sizeof(want), "%s:2:17: include 'gone2.md' not found", tmp_path(src, "cols.md"));
	CHECK_STR(wq_diag_at(r.diag, 1), want);
	run_done(&r);
}

int main(void)
{
	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	snprintf(src, sizeof(src), "%s/src", tmp);
	CHECK(mkdir(src, 0755) == 0);
	src_real = realpath(src, NULL);
	CHECK(src_real != NULL);
	test_no_directive();
	test_block();
	test_ranges();
	test_anchors();
	test_docfx();
	test_front_matter();
	test_code_not_front_matter();
	test_fences_and_escapes();
	test_nested();
	test_errors();
	test_missing();
	test_images();
	test_bomb();
	test_bomb_small();
	test_read_budget();
	test_linear_scans();
	test_columns();
	free(src_real);
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
