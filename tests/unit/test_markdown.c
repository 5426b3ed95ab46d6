/* Unit tests for src/markdown.c: parsing a loaded site's documents and
 * rendering them through a link function. */
#define _GNU_SOURCE /* strcasestr */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "err.h"
#include "load.h"
#include "markdown.h"
#include "site.h"
#include "value.h"
#include "xml.h"
#include "check.h"

#include <pthread.h>
#include "tmpdir.h"

static const char *tmp;
static char src[1024];

/* ------------------------------------------------------ link function */

typedef struct link_call {
	wq_link_kind kind;
	const wq_doc *doc;
	char file[256];
	char fragment[256];
} link_call;

typedef struct linker {
	link_call calls[32];
	size_t n;
} linker;

/* Writes DOC:<url>#frag, ATTACH:<file>#frag or IMG:<file>, and records the
 * call.  (Not "FILE:": cmark drops file: URLs as dangerous.) */
static void link_fn(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
		    const char *file, const char *fragment)
{
	linker *l = ctx;

	if (l->n < sizeof(l->calls) / sizeof(l->calls[0])) {
		link_call *c = &l->calls[l->n++];
		c->kind = kind;
		c->doc = doc;
		snprintf(c->file, sizeof(c->file), "%s", file ? file : "(null)");
		snprintf(c->fragment, sizeof(c->fragment), "%s", fragment ? fragment : "(null)");
	}
	if (kind == WQ_LINK_DOC)
		wq_buf_printf(out, "DOC:%s", doc ? doc->url : "(null)");
	else if (kind == WQ_LINK_FILE)
		wq_buf_printf(out, "ATTACH:%s", file ? file : "(null)");
	else if (kind == WQ_LINK_SECTION)
		wq_buf_printf(out, "SECTION:%s", file ? file : "(null)");
	else
		wq_buf_printf(out, "IMG:%s", file ? file : "(null)");
	if (fragment && *fragment)
		wq_buf_printf(out, "#%s", fragment);
}

/* A second writer: everything points into one book file. */
static void book_link_fn(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
			 const char *file, const char *fragment)
{
	(void)ctx;
	(void)fragment;
	wq_buf_printf(out, "book.xhtml#%s", kind == WQ_LINK_DOC ? doc->slug : file);
}

/* ------------------------------------------------------------ the site */

static const char guide[] =
	"# Guide\n"                                             /* 1: title, blanked */
	"\n"                                                    /* 2 */
	"First paragraph with *emphasis*.\n"                    /* 3 */
	"\n"                                                    /* 4 */
	"## مقدمة\n"                                            /* 5 */
	"\n"                                                    /* 6 */
	"## مقدمة\n"                                            /* 7 */
	"\n"                                                    /* 8 */
	"### Details\n"                                         /* 9 */
	"\n"                                                    /* 10 */
	"### Details\n"                                         /* 11 */
	"\n"                                                    /* 12 */
	"## Links & more\n"                                     /* 13 */
	"\n"                                                    /* 14 */
	"<div class=\"raw\">raw html</div>\n"                   /* 15 */
	"\n"                                                    /* 16 */
	"Bad [click](javascript:alert(1)) here.\n"              /* 17 */
	"\n"                                                    /* 18 */
	"نص عربي [مكان](#) هنا.\n"                              /* 19 */
	"\n"                                                    /* 20 */
	"See [other](other.md#part), [page](sub/page.md), [by url](/sub/page/), "
	"[report](files/report.pdf) and [ext](https://example.org/x).\n" /* 21 */
	"\n"                                                    /* 22 */
	"![A picture](img/pic.png)\n"                           /* 23 */
	"\n"                                                    /* 24 */
	"| a | b |\n"                                           /* 25 */
	"|:--|--:|\n"                                           /* 26 */
	"| 1 | 2 |\n"                                           /* 27 */
	"\n"                                                    /* 28 */
	"~~gone~~\n"                                            /* 29 */
	"\n"                                                    /* 30 */
	"- [ ] todo\n"                                          /* 31 */
	"- [x] done\n"                                          /* 32 */
	"\n"                                                    /* 33 */
	"A note[^1] and www.example.com here.\n"                /* 34 */
	"\n"                                                    /* 35 */
	"[^1]: The note.\n"                                     /* 36 */
	"\n"                                                    /* 37 */
	"Jump to [details](#details) or [nowhere](#nothing) or [missing](missing.md).\n" /* 38 */
	"\n"                                                    /* 39 */
	"```\n"                                                 /* 40 */
	"code <b> not in plain text\n"                          /* 41 */
	"```\n";                                                /* 42 */

static void write_site(void)
{
	snprintf(src, sizeof(src), "%s/site", tmp);
	tmp_puts(src, "guide.md", guide);
	tmp_puts(src, "other.md", "# Other\n\n## Part\n\nText.\n");
	tmp_puts(src, "sub/page.md", "# Page\n\nBack to [the guide](../guide.md#links--more) and "
		 "[sibling](sibling.md) and ![pic](../img/pic.png).\n");
	tmp_puts(src, "sub/sibling.md", "# Sibling\n");
	tmp_puts(src, "files/report.pdf", "%PDF-1.4\n");
	tmp_puts(src, "img/pic.png", "\x89PNG\r\n\x1a\n");
	tmp_puts(src, "broken.md", "# Broken\n\nText\n\nسلام ![x](nope.png)\n");
	tmp_puts(src, "outside.md", "# Outside\n\n![x](../../etc/passwd.png)\n");
	tmp_puts(src, "noimg.md", "# No image source\n\nab ![x]()\n");
	tmp_puts(src, "مقال.md", "# مقال\n");
	/* cmark-gfm cuts the last character in two here ("\xD8]"). */
	tmp_puts(src, "cut.md", "# Cut\n\ns[^---|\n\xD8\x88[1] .^1]\n");
	tmp_puts(src, "notes.md",
		 "# Notes\n\n## Sub\n\n"
		 "a[^ح&x] b[^ح&x] c[^y] `q \"<&>\"` \\\nnext\n\n"
		 "[^ح&x]: first\n\n    more\n\n"
		 "[^y]: second[^ح&x]\n\n"
		 "[^unused]: never\n\n"
		 "| l | r |\n|:--|--:|\n| 1 | 2 |\n\n"
		 "- [x] done\n- [ ] open\n\n"
		 "> [!NOTE]\n> noted\n\n"
		 "![alt `code` *em*](img/pic.png \"t\\\"q\nr\") "
		 "![remote](https://example.com/r.png) [out](https://example.com/?a=1&b='2' \"T\") "
		 "[in](other.md#part) <b>raw</b>\n\n"
		 "```c x\"y\nif (a < b && c > d) {}\n```\n\n***\n");
	tmp_puts(src, "extra.md",
		 "# Extra\n"                                           /* 1 */
		 "\n"                                                  /* 2 */
		 "First line of a paragraph\n"                        /* 3 */
		 "and the second [a](#) one.\n"                       /* 4 */
		 "\n"                                                  /* 5 */
		 "> quoted [b](#)\n"                                   /* 6 */
		 "\n"                                                  /* 7 */
		 "- item `كود` [c](#)\n"                               /* 8 */
		 "\n"                                                  /* 9 */
		 "[d](مقال.md) [e](%D9%85%D9%82%D8%A7%D9%84.md) [f](sub/page/index.html) "
		 "[g](other.md?x=1) [h](./sub/../other.md) [i](sub/) [j](../up.md) "
		 "[k](sub/index.html) [m](./sub/_index.md) [n](sub)\n" /* 10 */
		 "\n"                                                  /* 11 */
		 "Setext heading\n"                                    /* 12 */
		 "--------------\n"                                    /* 13 */
		 "\n"                                                  /* 14 */
		 "> ## Quoted heading\n");                             /* 15 */
}

static wq_site *load_site(wq_diag *diag)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	size_t i;
	int rc;

	CHECK(wq_config_load(&cfg, "/nonexistent.yml", false, diag, &err) == 0);
	site = wq_site_new(cfg, src, diag);

	rc = wq_load_sources(site, &err);
	CHECK(rc == 0);
	if (rc)
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.msg);
	/* The texts, kept after loading (a small site), as the build keeps them. */
	for (i = 0; rc == 0 && i < site->ndocs; i++)
		CHECK(site->docs[i]->text_loaded);
	return site;
}

/* Whether some warning contains @p part (and @p part2 if not NULL). */
static int has_warning(const wq_diag *diag, const char *part, const char *part2)
{
	size_t i;

	for (i = 0; i < wq_diag_count(diag); i++)
		if (strstr(wq_diag_at(diag, i), part) &&
		    (!part2 || strstr(wq_diag_at(diag, i), part2)))
			return 1;
	return 0;
}

static void dump_warnings(const wq_diag *diag)
{
	size_t i;

	for (i = 0; i < wq_diag_count(diag); i++)
		fprintf(stderr, "  warning: %s\n", wq_diag_at(diag, i));
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* ---------------------------------------------------------------- tests */

static void test_guide(wq_site *site, wq_diag *diag)
{
	wq_doc *doc = wq_site_find_by_rel(site, "guide.md");
	wq_doc *other = wq_site_find_by_rel(site, "other.md");
	wq_doc *page = wq_site_find_by_rel(site, "sub/page.md");
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT;
	linker l;
	const wq_val *toc, *e;
	char want[1200];
	size_t i, before = wq_diag_count(diag);
	int rc;

	CHECK(doc && other && page);
	if (!doc || !other || !page)
		return;
	CHECK_STR(doc->title, "Guide");
	rc = wq_md_parse(doc, wq_site_links(site), &err);
	CHECK(rc == 0);
	if (rc)
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.msg);

	/* Headings: ids unique and Unicode-aware, in document order. */
	CHECK(wq_md_heading_count(doc) == 5);
	CHECK_STR(wq_md_heading_id(doc, 0), "مقدمة");
	CHECK_STR(wq_md_heading_id(doc, 1), "مقدمة-1");
	CHECK_STR(wq_md_heading_id(doc, 2), "details");
	CHECK_STR(wq_md_heading_id(doc, 3), "details-1");
	CHECK_STR(wq_md_heading_id(doc, 4), "links-more");
	CHECK(wq_md_heading_id(doc, 5) == NULL);

	/* Table of contents: the h2s on top, the h3s under the second. */
	toc = doc->toc;
	CHECK(wq_val_count(toc) == 3);
	e = wq_val_at(toc, 0);
	CHECK_STR(wq_val_get_str(wq_val_get(e, "id"), NULL), "مقدمة");
	CHECK_STR(wq_val_get_str(wq_val_get(e, "text"), NULL), "مقدمة");
	CHECK(wq_val_get_num(wq_val_get(e, "level")) == 2);
	CHECK(wq_val_count(wq_val_get(e, "children")) == 0);
	CHECK(!wq_val_get_bool(wq_val_get(e, "has_children")));
	e = wq_val_at(toc, 1);
	CHECK_STR(wq_val_get_str(wq_val_get(e, "id"), NULL), "مقدمة-1");
	CHECK(wq_val_get_bool(wq_val_get(e, "has_children")));
	CHECK(wq_val_count(wq_val_get(e, "children")) == 2);
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_at(wq_val_get(e, "children"), 0), "id"), NULL),
		  "details");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_at(wq_val_get(e, "children"), 1), "id"), NULL),
		  "details-1");
	CHECK(wq_val_get_num(wq_val_get(wq_val_at(wq_val_get(e, "children"), 1), "level")) == 3);
	e = wq_val_at(toc, 2);
	CHECK_STR(wq_val_get_str(wq_val_get(e, "id"), NULL), "links-more");
	CHECK_STR(wq_val_get_str(wq_val_get(e, "text"), NULL), "Links & more");

	/* Plain text and first paragraph: no markup, no code blocks. */
	CHECK_STR(doc->first_para, "First paragraph with emphasis.");
	{
		const char *start = "First paragraph with emphasis.\n\nمقدمة\n\nمقدمة\n\nDetails";
		CHECK(strncmp(doc->plain, start, strlen(start)) == 0);
	}
	CHECK(strstr(doc->plain, "code <b>") == NULL);
	CHECK(strstr(doc->plain, "*") == NULL);

	/* Warnings: the javascript: link, '#' with file:line:col (col in
	 * characters: "نص عربي " is 8 characters, 14 bytes), the unknown
	 * fragment and the missing file. */
	snprintf(want, sizeof(want), "%s/guide.md:19:9: ", src);
	CHECK(has_warning(diag, want, "'#'"));
	snprintf(want, sizeof(want), "%s/guide.md:17:5: ", src);
	CHECK(has_warning(diag, want, "javascript"));
	CHECK(has_warning(diag, "#nothing", NULL));
	CHECK(!has_warning(diag, "#details", NULL));
	snprintf(want, sizeof(want), "%s/guide.md:38:", src);
	CHECK(has_warning(diag, want, "missing.md"));
	CHECK(wq_diag_count(diag) - before == 4);
	if (wq_diag_count(diag) - before != 4)
		dump_warnings(diag);

	/* Render, safe. */
	memset(&l, 0, sizeof(l));
	opts.link = link_fn;
	opts.link_ctx = &l;
	wq_md_render(&html, doc, &opts);
	CHECK_CONTAINS(html.ptr, "<h2 id=\"مقدمة\">مقدمة</h2>");
	CHECK_CONTAINS(html.ptr, "<h2 id=\"مقدمة-1\">مقدمة</h2>");
	CHECK_CONTAINS(html.ptr, "<h3 id=\"details\">Details</h3>");
	CHECK_CONTAINS(html.ptr, "<h3 id=\"details-1\">Details</h3>");
	CHECK_CONTAINS(html.ptr, "<h2 id=\"links-more\">Links &amp; more</h2>");
	CHECK(strstr(html.ptr, "data-sourcepos") == NULL);
	CHECK(count_of(html.ptr, " id=\"") >= 5);
	CHECK(strstr(html.ptr, "<h1") == NULL); /* the title line was blanked */
	/* Raw HTML left out. */
	CHECK(strstr(html.ptr, "<div class=\"raw\">") == NULL);
	CHECK_CONTAINS(html.ptr, "raw HTML omitted");
	/* Unsafe link target removed. */
	CHECK(strstr(html.ptr, "javascript:") == NULL);
	CHECK_CONTAINS(html.ptr, ">click</a>");
	/* Links through the link function. */
	CHECK_CONTAINS(html.ptr, "<a href=\"DOC:other/#part\">other</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"DOC:sub/page/\">page</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"DOC:sub/page/\">by url</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"ATTACH:files/report.pdf\">report</a>");
	CHECK_CONTAINS(html.ptr, "<img src=\"IMG:img/pic.png\" alt=\"A picture\"");
	CHECK_CONTAINS(html.ptr, "<a href=\"https://example.org/x\">ext</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"#details\">details</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"missing.md\">missing</a>");
	CHECK(l.n == 5);
	for (i = 0; i < l.n; i++) {
		const link_call *c = &l.calls[i];
		if (!strcmp(c->fragment, "part")) {
			CHECK(c->kind == WQ_LINK_DOC);
			CHECK(c->doc == other);
		} else if (c->kind == WQ_LINK_DOC) {
			CHECK(c->doc == page);
			CHECK_STR(c->fragment, "");
		} else if (c->kind == WQ_LINK_FILE) {
			CHECK_STR(c->file, "files/report.pdf");
			CHECK(c->doc == NULL);
		} else {
			CHECK(c->kind == WQ_LINK_IMAGE);
			CHECK_STR(c->file, "img/pic.png");
		}
	}
	{
		size_t without_alt = 99;
		CHECK(wq_md_image_count(doc, &without_alt) == 1);
		CHECK(without_alt == 0);
	}
	/* GFM extensions. */
	CHECK_CONTAINS(html.ptr, "<table>");
	CHECK_CONTAINS(html.ptr, "<th class=\"align-start\">a</th>");
	CHECK_CONTAINS(html.ptr, "<td class=\"align-end\">2</td>");
	CHECK(strstr(html.ptr, " align=\"") == NULL);
	CHECK_CONTAINS(html.ptr, "<del>gone</del>");
	/* Task boxes are named (no strings given: the English defaults). */
	CHECK_CONTAINS(html.ptr, "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> todo");
	CHECK_CONTAINS(html.ptr,
		       "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done");
	CHECK_CONTAINS(html.ptr, "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\"");
	CHECK_CONTAINS(html.ptr, "<section class=\"footnotes\"");
	CHECK_CONTAINS(html.ptr, "aria-label=\"Back to content\"");
	CHECK_CONTAINS(html.ptr, "<a href=\"http://www.example.com\">www.example.com</a>");
	CHECK_CONTAINS(html.ptr, "<code>code &lt;b&gt; not in plain text\n</code>");

	/* Unsafe: raw HTML kept; the footnote label in the page's language. */
	wq_buf_clear(&html);
	memset(&l, 0, sizeof(l));
	opts.unsafe_html = true;
	opts.backref_label = "العودة إلى النص";
	wq_md_render(&html, doc, &opts);
	CHECK_CONTAINS(html.ptr, "<div class=\"raw\">raw html</div>");
	CHECK(strstr(html.ptr, "raw HTML omitted") == NULL);
	CHECK(strstr(html.ptr, "javascript:") == NULL);
	CHECK_CONTAINS(html.ptr, "aria-label=\"العودة إلى النص\"");
	CHECK(strstr(html.ptr, "Back to content") == NULL);
	CHECK_CONTAINS(html.ptr, "<h2 id=\"مقدمة-1\">");
	CHECK(strstr(html.ptr, "data-sourcepos") == NULL);
	CHECK(l.n == 5);

	/* Another writer's link function: its own targets, none of the first's. */
	wq_buf_clear(&html);
	opts.link = book_link_fn;
	opts.unsafe_html = false;
	wq_md_render(&html, doc, &opts);
	CHECK_CONTAINS(html.ptr, "<a href=\"book.xhtml#other\">other</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"book.xhtml#files/report.pdf\">report</a>");
	CHECK(strstr(html.ptr, "DOC:") == NULL);
	CHECK(strstr(html.ptr, "ATTACH:") == NULL);
	CHECK_CONTAINS(html.ptr, "<h2 id=\"مقدمة\">");
	wq_buf_dispose(&html);
}

static void test_section_links(wq_site *site, wq_diag *diag)
{
	wq_doc *page = wq_site_find_by_rel(site, "sub/page.md");
	wq_doc *doc = wq_site_find_by_rel(site, "guide.md");
	wq_doc *sib = wq_site_find_by_rel(site, "sub/sibling.md");
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT;
	linker l;
	size_t before = wq_diag_count(diag);

	if (!page || !doc || !sib)
		return;
	/* Links relative to the document's own section. */
	CHECK(wq_md_parse(page, wq_site_links(site), &err) == 0);
	CHECK(wq_diag_count(diag) == before);
	memset(&l, 0, sizeof(l));
	opts.link = link_fn;
	opts.link_ctx = &l;
	wq_md_render(&html, page, &opts);
	CHECK(l.n == 3);
	CHECK_CONTAINS(html.ptr, "<a href=\"DOC:guide/#links--more\">the guide</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"DOC:sub/sibling/\">sibling</a>");
	CHECK_CONTAINS(html.ptr, "<img src=\"IMG:img/pic.png\"");
	if (l.n == 3) {
		CHECK(l.calls[0].doc == doc || l.calls[1].doc == doc || l.calls[2].doc == doc);
		CHECK(l.calls[0].doc == sib || l.calls[1].doc == sib || l.calls[2].doc == sib);
	}
	wq_buf_dispose(&html);
}

static void test_image_errors(wq_site *site, wq_diag *diag)
{
	wq_doc *doc;
	wq_err err = WQ_ERR_INIT;
	char want[1200];

	/* A missing image: a warning with line and column (in characters); the
	 * document still parses (the site keeps the image as written). */
	doc = wq_site_find_by_rel(site, "broken.md");
	CHECK(doc != NULL);
	if (doc) {
		CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
		snprintf(want, sizeof(want), "%s/broken.md:5:6: image 'nope.png' not found", src);
		CHECK(has_warning(diag, want, NULL));
		CHECK(doc->md != NULL);
	}
	/* An image outside the source folder. */
	doc = wq_site_find_by_rel(site, "outside.md");
	if (doc) {
		CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
		CHECK(has_warning(diag, "outside.md:3:1: image", "outside the source folder"));
	}
	/* An image without a source. */
	doc = wq_site_find_by_rel(site, "noimg.md");
	if (doc) {
		CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
		CHECK(has_warning(diag, "noimg.md:3:4: image has no source", NULL));
	}
}

static void test_extra(wq_site *site, wq_diag *diag)
{
	wq_doc *doc = wq_site_find_by_rel(site, "extra.md");
	wq_doc *arabic = wq_site_find_by_rel(site, "مقال.md");
	wq_doc *other = wq_site_find_by_rel(site, "other.md");
	wq_doc *page = wq_site_find_by_rel(site, "sub/page.md");
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT;
	linker l;
	char want[1200];
	size_t before = wq_diag_count(diag), i, n_arabic = 0, n_other = 0, n_page = 0;

	CHECK(doc && arabic && other && page);
	if (!doc || !arabic || !other || !page)
		return;
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	/* Positions of links on later lines of a paragraph, in a quote, after
	 * multi-byte code. */
	snprintf(want, sizeof(want), "%s/extra.md:4:16: ", src);
	CHECK(has_warning(diag, want, "'#'"));
	snprintf(want, sizeof(want), "%s/extra.md:6:10: ", src);
	CHECK(has_warning(diag, want, "'#'"));
	snprintf(want, sizeof(want), "%s/extra.md:8:14: ", src);
	CHECK(has_warning(diag, want, "'#'"));
	/* A path leaving the source folder is a warning; a folder of documents
	 * is a section, whose page the link goes to. */
	CHECK(!has_warning(diag, "'sub/'", NULL));
	CHECK(has_warning(diag, "../up.md", "leaves"));
	CHECK(wq_diag_count(diag) - before == 4);
	if (wq_diag_count(diag) - before != 4)
		dump_warnings(diag);

	/* Targets: an Arabic file name, plain and percent-encoded; a page's
	 * URL with index.html; a query; a path with . and .. parts. */
	memset(&l, 0, sizeof(l));
	opts.link = link_fn;
	opts.link_ctx = &l;
	wq_md_render(&html, doc, &opts);
	CHECK(l.n == 9);
	CHECK_CONTAINS(html.ptr, "<a href=\"SECTION:sub\">i</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"SECTION:sub\">k</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"SECTION:sub\">m</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"SECTION:sub\">n</a>");
	for (i = 0; i < l.n; i++) {
		if (l.calls[i].kind == WQ_LINK_SECTION) {
			CHECK_STR(l.calls[i].file, "sub");
			continue;
		}
		CHECK(l.calls[i].kind == WQ_LINK_DOC);
		n_arabic += l.calls[i].doc == arabic;
		n_other += l.calls[i].doc == other;
		n_page += l.calls[i].doc == page;
	}
	CHECK(n_arabic == 2);
	CHECK(n_other == 2);
	CHECK(n_page == 1);

	/* Ids on setext headings and on headings inside a block quote. */
	CHECK_CONTAINS(html.ptr, "<h2 id=\"setext-heading\">Setext heading</h2>");
	CHECK_CONTAINS(html.ptr, "<h2 id=\"quoted-heading\">Quoted heading</h2>");
	CHECK(strstr(html.ptr, "data-sourcepos") == NULL);
	wq_buf_dispose(&html);
}

/* Parse @p text as a lone document in a child process killed after
 * @p seconds; returns 0 when it parsed in time, else -1. */
static int parses_in_time(const char *text, unsigned seconds, const char *want_id0)
{
	pid_t pid = fork();
	int status = 0;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		wq_config *cfg = NULL;
		wq_diag *d = wq_diag_new();
		wq_err err = WQ_ERR_INIT;
		wq_site *site;
		wq_doc *doc = wq_doc_new();
		int ok;

		alarm(seconds);
		wq_config_load(&cfg, "/nonexistent.yml", false, d, &err);
		site = wq_site_new(cfg, "/nonexistent", d);
		free(doc->text);
		doc->text = strdup(text);
		doc->text_len = strlen(text);
		ok = wq_md_parse(doc, wq_site_links(site), &err) == 0 &&
		     (!want_id0 || strcmp(wq_md_heading_id(doc, 0), want_id0) != 0);
		_exit(ok ? 0 : 2);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void test_regressions(wq_site *site, wq_diag *diag)
{
	(void)site;
	(void)diag;
	/* Regression (src/markdown.c, collect_headings / id_taken): every id starting
	 * with "fn-" or "fnref-" counts as taken, suffixes included, so the
	 * "-1", "-2"... loop never ends: "## Fn keys" hangs the build. */
	CHECK(parses_in_time("## Fn keys\n\nText.\n", 5, "fn-keys") == 0);
	CHECK(parses_in_time("## FNREF-2 notes\n", 5, "fnref-2-notes") == 0);
	/* Regression (src/markdown.c, collect_headings): each duplicate heading tries
	 * every suffix and compares it with every id, O(n^3): 2000 headings
	 * "## a" take 34 s (ASan build). */
	{
		wq_buf many = WQ_BUF_INIT;
		int i;
		for (i = 0; i < 2000; i++)
			wq_buf_puts(&many, "## a\n\n");
		CHECK(parses_in_time(many.ptr, 5, NULL) == 0);
		wq_buf_dispose(&many);
	}
	/* Regression (src/markdown.c, check_link): a fragment link is compared
	 * with the heading ids without percent-decoding, so the form browsers
	 * copy (#%D8%B9...) of a valid Arabic fragment is warned about. */
	{
		wq_doc *doc = wq_doc_new();
		wq_err err = WQ_ERR_INIT;
		size_t before = wq_diag_count(diag);
		const char *text = "## عنوان\n\n[a](#%D8%B9%D9%86%D9%88%D8%A7%D9%86)\n";
		free(doc->text);
		doc->text = strdup(text);
		doc->text_len = strlen(text);
		CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
		CHECK(wq_diag_count(diag) == before);
		wq_doc_free(doc);
	}
}

/* Link targets that run code or smuggle a document are removed, in any
 * letter case and however cmark decoded them; data: images stay, except
 * SVG (which may carry script). */
static void test_unsafe_schemes(wq_site *site, wq_diag *diag)
{
	wq_doc *doc = wq_doc_new();
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT;
	size_t before = wq_diag_count(diag);
	const char *text = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) "
			   "[c](&#106;avascript:alert(1)) <javascript:alert(1)>\n\n"
			   "[d](vbscript:msgbox) [e](VBScript:msgbox) [f](file:///etc/passwd)\n\n"
			   "[g](data:text/html;base64,PHNjcmlwdD4=) [h](data:image/png;base64,iVBO)\n\n"
			   "![i](data:image/svg+xml;base64,PHN2Zz4=) ![j](data:text/html,x) "
			   "![k](data:image/png;base64,iVBORw0KGgo=)\n\n"
			   "[l](https://example.org/ok) [m](mailto:a@example.org)\n";

	free(doc->text);
	doc->text = strdup(text);
	doc->text_len = strlen(text);
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	/* a b c autolink d e f g h i j: eleven removed, each warned about. */
	CHECK(wq_diag_count(diag) - before == 11);
	if (wq_diag_count(diag) - before != 11)
		dump_warnings(diag);
	CHECK(has_warning(diag, "vbscript", NULL));
	wq_md_render(&html, doc, &opts);
	/* The autolink's text stays, as text. */
	CHECK(count_of(html.ptr, "javascript") == 1);
	CHECK_CONTAINS(html.ptr, "<a href=\"\">javascript:alert(1)</a>");
	CHECK(strcasestr(html.ptr, "vbscript") == NULL);
	CHECK(strstr(html.ptr, "file:") == NULL);
	CHECK(strstr(html.ptr, "data:text") == NULL);
	CHECK(strstr(html.ptr, "data:image/svg") == NULL);
	CHECK(strstr(html.ptr, "href=\"data:") == NULL);
	CHECK_CONTAINS(html.ptr, "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"k\"");
	CHECK_CONTAINS(html.ptr, "<a href=\"https://example.org/ok\">l</a>");
	CHECK_CONTAINS(html.ptr, "<a href=\"mailto:a@example.org\">m</a>");
	wq_buf_dispose(&html);
	wq_doc_free(doc);
}

static void test_reparse(wq_site *site)
{
	wq_doc *doc = wq_site_find_by_rel(site, "other.md");
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf a = WQ_BUF_INIT, b = WQ_BUF_INIT;

	if (!doc)
		return;
	/* Parsing twice replaces the tree and the table of contents. */
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	CHECK(wq_val_count(doc->toc) == 1);
	CHECK_STR(wq_md_heading_id(doc, 0), "part");
	wq_md_render(&a, doc, &opts);
	wq_md_render(&b, doc, &opts);
	CHECK_STR(a.ptr, b.ptr);
	CHECK_STR(a.ptr, "<h2 id=\"part\">Part</h2>\n<p>Text.</p>\n");
	wq_buf_dispose(&a);
	wq_buf_dispose(&b);
}

/* Documents parsed on several threads at once: cmark-gfm's table of
 * special characters is shared, and a parser finishing on one thread once
 * unmarked `~` in the middle of another's pass ("~~struck~~" stayed text). */
typedef struct thread_parse {
	const wq_site *site;
	int wrong; /* strikethroughs left as text */
	int failed;
} thread_parse;

static void *parse_many(void *arg)
{
	thread_parse *tp = arg;
	int i;

	for (i = 0; i < 300; i++) {
		wq_doc *doc = wq_doc_new();
		wq_err err = WQ_ERR_INIT;
		const char *text = i % 2 ? "A ~~struck~~ word, a | b, and www.example.org.\n"
					 : "Plain words without a tilde, many of them.\n";
		free(doc->text);
		doc->text = strdup(text);
		doc->text_len = strlen(text);
		if (wq_md_parse(doc, wq_site_links(tp->site), &err) != 0)
			tp->failed++;
		else if (strstr(doc->plain, "~~"))
			tp->wrong++;
		wq_doc_free(doc);
	}
	return NULL;
}

/* The book's rewriters, as a book's: links to the web unwrapped, ids
 * prefixed. */
static int book_url(void *ctx, const char *attr, const char *value, wq_buf *out)
{
	(void)ctx;
	(void)attr;
	if (!strncmp(value, "https:", 6))
		return 0;
	wq_buf_puts(out, value);
	return 1;
}

static void book_id(void *ctx, const char *id, wq_buf *out)
{
	(void)ctx;
	wq_buf_puts(out, "X-");
	wq_buf_puts(out, id);
}

/* The renderer: cmark-gfm's HTML with the site's attributes, and the same
 * document as XHTML for a book; the tree left as it was. */
static void test_render_forms(wq_site *site)
{
	wq_doc *doc = wq_site_find_by_rel(site, "notes.md");
	wq_err err = WQ_ERR_INIT;
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT, again = WQ_BUF_INIT, x = WQ_BUF_INIT;
	wq_xhtml_page page;
	linker l;

	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	CHECK(!wq_md_has_raw_html(wq_site_find_by_rel(site, "other.md")));
	CHECK(wq_md_has_raw_html(doc));
	memset(&l, 0, sizeof(l));
	opts.link = link_fn;
	opts.link_ctx = &l;
	wq_md_render(&html, doc, &opts);
	/* Footnotes as cmark-gfm numbers and names them: the label as
	 * written, references ranked in the order of the source (the one
	 * inside the second note is the third), back-links for each. */
	CHECK_CONTAINS(html.ptr, "a<sup class=\"footnote-ref\"><a href=\"#fn-%D8%AD&amp;x\" "
				 "id=\"fnref-%D8%AD&amp;x\" data-footnote-ref>1</a></sup> b<sup");
	CHECK_CONTAINS(html.ptr, "id=\"fnref-%D8%AD&amp;x-2\" data-footnote-ref>1</a>");
	CHECK_CONTAINS(html.ptr, "second<sup class=\"footnote-ref\"><a href=\"#fn-%D8%AD&amp;x\" "
				 "id=\"fnref-%D8%AD&amp;x-3\" data-footnote-ref>1</a></sup>");
	CHECK_CONTAINS(html.ptr, "<li id=\"fn-%D8%AD&amp;x\">\n<p>first</p>\n<p>more "
				 "<a href=\"#fnref-%D8%AD&amp;x\" class=\"footnote-backref\" "
				 "data-footnote-backref aria-label=\"Back to content\">↩</a> "
				 "<a href=\"#fnref-%D8%AD&amp;x-2\"");
	CHECK_CONTAINS(html.ptr, "↩<sup class=\"footnote-ref\">3</sup></a></p>\n</li>");
	CHECK(strstr(html.ptr, "unused") == NULL && strstr(html.ptr, "never") == NULL);
	CHECK_CONTAINS(html.ptr, "<code>q &quot;&lt;&amp;&gt;&quot;</code> <br />\nnext");
	CHECK_CONTAINS(html.ptr, "<table>\n<thead>\n<tr>\n<th class=\"align-start\">l</th>\n"
				 "<th class=\"align-end\">r</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
				 "<td class=\"align-start\">1</td>\n<td class=\"align-end\">2</td>\n"
				 "</tr>\n</tbody>\n</table>\n");
	CHECK_CONTAINS(html.ptr, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" "
				 "aria-label=\"Done\" /> done</li>");
	CHECK_CONTAINS(html.ptr, "<div class=\"callout callout-note\" role=\"note\">\n"
				 "<p class=\"callout-title\">Note</p>\n<p>noted</p>\n</div>\n");
	/* An image's alt is its text, code and emphasis included. */
	CHECK_CONTAINS(html.ptr, "<img src=\"IMG:img/pic.png\" alt=\"alt code em\" "
				 "title=\"t&quot;q\nr\" />");
	CHECK_CONTAINS(html.ptr, "<a href=\"https://example.com/?a=1&amp;b=&#x27;2&#x27;\" "
				 "title=\"T\">out</a>");
	CHECK_CONTAINS(html.ptr, "<!-- raw HTML omitted -->raw<!-- raw HTML omitted -->");
	CHECK_CONTAINS(html.ptr, "<pre><code class=\"language-c\">if (a &lt; b &amp;&amp; c &gt; d) {}\n"
				 "</code></pre>\n<hr />\n<section class=\"footnotes\" data-footnotes>");
	/* Rendering leaves the tree as it was: the same again. */
	wq_md_render(&again, doc, &opts);
	CHECK_STR(again.ptr, html.ptr);

	/* The book's XHTML: well-formed, void elements closed, hrefs and ids
	 * through the rewriters, the remote image and the link to the web
	 * left as text, footnotes with EPUB's semantics. */
	opts.self_contained = true;
	opts.xhtml = true;
	opts.url = book_url;
	opts.id = book_id;
	memset(&page, 0, sizeof(page));
	page.lang = "en";
	page.dir = "ltr";
	page.title = "Notes <&>";
	wq_xml_xhtml_open(&x, &page);
	wq_md_render(&x, doc, &opts);
	wq_xml_xhtml_close(&x);
	CHECK(wq_xml_is_well_formed(x.ptr, x.len));
	CHECK_CONTAINS(x.ptr, "<title>Notes &lt;&amp;&gt;</title>");
	CHECK_CONTAINS(x.ptr, "<body><h2 id=\"X-sub\">Sub</h2>\n<p>a<sup");
	CHECK_CONTAINS(x.ptr, "<a href=\"#fn-%D8%AD&amp;x\" id=\"X-fnref-%D8%AD&amp;x-2\" "
			      "epub:type=\"noteref\" role=\"doc-noteref\">1</a>");
	CHECK_CONTAINS(x.ptr, "<section class=\"footnotes\" epub:type=\"endnotes\" "
			      "role=\"doc-endnotes\">\n<ol>\n<li id=\"X-fn-%D8%AD&amp;x\">");
	CHECK_CONTAINS(x.ptr, "class=\"footnote-backref\" role=\"doc-backlink\" aria-label=");
	CHECK_CONTAINS(x.ptr, "<code>q \"&lt;&amp;&gt;\"</code> <br/>\nnext");
	CHECK_CONTAINS(x.ptr, "aria-label=\"Done\"/> done</li>");
	CHECK_CONTAINS(x.ptr, "<img src=\"IMG:img/pic.png\" alt=\"alt code em\" "
			      "title=\"t&quot;q&#10;r\"/> remote out ");
	CHECK_CONTAINS(x.ptr, "<hr/>");
	CHECK_CONTAINS(x.ptr, "<code class=\"language-c\">if (a &lt; b &amp;&amp; c &gt; d) {}");
	CHECK(strstr(x.ptr, "https:") == NULL);
	CHECK(strstr(x.ptr, "data-") == NULL);
	wq_buf_dispose(&html);
	wq_buf_dispose(&again);
	wq_buf_dispose(&x);

	/* Bytes cmark-gfm cut out of a character become U+FFFD: the page is
	 * UTF-8 and the chapter well-formed. */
	doc = wq_site_find_by_rel(site, "cut.md");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	opts = (wq_md_render_opts)WQ_MD_RENDER_OPTS_INIT;
	wq_md_render(&html, doc, &opts);
	CHECK_STR(html.ptr, "<p>s[^---|\n\xEF\xBF\xBD]</p>\n");
	opts.xhtml = true;
	wq_xml_xhtml_open(&x, &page);
	wq_md_render(&x, doc, &opts);
	wq_xml_xhtml_close(&x);
	CHECK(wq_xml_is_well_formed(x.ptr, x.len));
	wq_buf_dispose(&html);
	wq_buf_dispose(&x);
}

static void test_threads(wq_site *site)
{
	pthread_t t[4];
	thread_parse tp[4];
	int i, wrong = 0, failed = 0;

	for (i = 0; i < 4; i++) {
		tp[i].site = site;
		tp[i].wrong = tp[i].failed = 0;
		CHECK(pthread_create(&t[i], NULL, parse_many, &tp[i]) == 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		wrong += tp[i].wrong;
		failed += tp[i].failed;
	}
	CHECK(failed == 0);
	CHECK(wrong == 0);
	if (wrong)
		fprintf(stderr, "  %d of 600 strikethroughs stayed text\n", wrong);
}

int main(void)
{
	wq_diag *diag;
	wq_site *site;

	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	write_site();
	diag = wq_diag_new();
	site = load_site(diag);
	test_guide(site, diag);
	test_section_links(site, diag);
	test_image_errors(site, diag);
	test_extra(site, diag);
	test_regressions(site, diag);
	test_unsafe_schemes(site, diag);
	test_reparse(site);
	test_render_forms(site);
	test_threads(site);
	wq_site_free(site);
	wq_diag_free(diag);
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
