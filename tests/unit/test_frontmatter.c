/* Unit tests for src/frontmatter.c: YAML front matter of a document. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "err.h"
#include "frontmatter.h"
#include "mem.h"
#include "text.h"
#include "value.h"
#include "check.h"

static wq_doc *make_doc(const char *text)
{
	wq_doc *doc = wq_doc_new();

	free(doc->text);
	doc->text = wq_xstrdup(text);
	doc->text_len = strlen(text);
	free(doc->path);
	doc->path = wq_xstrdup("src/post.md");
	return doc;
}

static unsigned count_lines(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_all_keys(void)
{
	const char *src =
		"---\n"                                   /* 1 */
		"title: \"عنوان: فرعي\"\n"                /* 2 */
		"date: 2024-05-17T09:30:00+03:00\n"       /* 3 */
		"author: Ali\n"                           /* 4 */
		"lang: ar-EG\n"                           /* 5 */
		"dir: rtl\n"                              /* 6 */
		"summary: A short summary.\n"             /* 7 */
		"slug: my-post\n"                         /* 8 */
		"tags: [one, \"two\", ثلاثة]\n"           /* 9 */
		"weight: 2.5\n"                           /* 10 */
		"draft: false\n"                          /* 11 */
		"---\n"                                   /* 12 */
		"# Body\n"                                /* 13 */
		"text\n";                                 /* 14 */
	wq_doc *doc = make_doc(src);
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "عنوان: فرعي");
	CHECK(doc->has_date);
	CHECK(doc->date == 1715927400); /* 06:30 UTC */
	CHECK_STR(doc->author, "Ali");
	CHECK_STR(doc->lang, "ar-EG");
	CHECK_STR(doc->dir, "rtl");
	CHECK_STR(doc->summary, "A short summary.");
	CHECK_STR(doc->slug, "my-post");
	CHECK(wq_val_count(doc->tags) == 3);
	CHECK_STR(wq_val_get_str(wq_val_at(doc->tags, 0), NULL), "one");
	CHECK_STR(wq_val_get_str(wq_val_at(doc->tags, 1), NULL), "two");
	CHECK_STR(wq_val_get_str(wq_val_at(doc->tags, 2), NULL), "ثلاثة");
	CHECK(doc->weight == 2.5);
	CHECK(!doc->draft);
	CHECK(wq_diag_count(diag) == 0);
	/* The block became 12 empty lines; the body keeps its line numbers. */
	CHECK_STR(doc->text, "\n\n\n\n\n\n\n\n\n\n\n\n# Body\ntext\n");
	CHECK(doc->text_len == strlen(doc->text));
	CHECK(count_lines(doc->text) == count_lines(src));
	wq_doc_free(doc);
	wq_diag_free(diag);
}

static void test_other_values(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_doc *doc;

	/* A single tag string; dir auto; draft true; a date alone; scalars as text. */
	doc = make_doc("---\ntags: solo\ndir: auto\ndraft: true\ndate: 2024-02-29\n"
		       "title: 2024\nauthor: true\nsummary: ~\n---\nbody");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_val_count(doc->tags) == 1);
	CHECK_STR(wq_val_get_str(wq_val_at(doc->tags, 0), NULL), "solo");
	CHECK_STR(doc->dir, "");
	CHECK(doc->draft);
	CHECK(doc->has_date && doc->date == 1709164800);
	CHECK_STR(doc->title, "2024");
	CHECK_STR(doc->author, "true");
	CHECK_STR(doc->summary, "");
	CHECK_STR(doc->text, "\n\n\n\n\n\n\n\n\nbody");
	wq_doc_free(doc);

	/* Negative and integer weights. */
	doc = make_doc("---\nweight: -3\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(doc->weight == -3);
	CHECK_STR(doc->text, "\n\n\n");
	wq_doc_free(doc);

	/* A round number as text is written in full. */
	doc = make_doc("---\ntitle: 100\nsummary: 0.5\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "100");
	CHECK_STR(doc->summary, "0.5");
	wq_doc_free(doc);
	CHECK(wq_diag_count(diag) == 0);
	wq_diag_free(diag);
}

static void test_block_forms(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_doc *doc;

	/* No front matter: nothing changes. */
	doc = make_doc("# Title\n---\nx: y\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->text, "# Title\n---\nx: y\n---\n");
	CHECK_STR(doc->title, "");
	wq_doc_free(doc);
	doc = make_doc("---");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->text, "---");
	wq_doc_free(doc);
	doc = make_doc("");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->text, "");
	wq_doc_free(doc);

	/* Empty front matter. */
	doc = make_doc("---\n---\nBody\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->text, "\n\nBody\n");
	wq_doc_free(doc);

	/* Closed by "...", and by "---" with trailing spaces. */
	doc = make_doc("---\ntitle: A\n...\nBody\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "A");
	CHECK_STR(doc->text, "\n\n\nBody\n");
	wq_doc_free(doc);
	doc = make_doc("---\ntitle: B\n---  \nBody\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "B");
	CHECK_STR(doc->text, "\n\n\nBody\n");
	wq_doc_free(doc);

	/* Closing line at the very end, without a newline. */
	doc = make_doc("---\ntitle: C\n---");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "C");
	CHECK_STR(doc->text, "\n\n");
	CHECK(doc->text_len == 2);
	wq_doc_free(doc);

	/* A "---" inside a block scalar (indented) does not close it. */
	doc = make_doc("---\nsummary: |\n  ---\n  more\n---\nBody");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->summary, "---\nmore\n");
	CHECK_STR(doc->text, "\n\n\n\n\nBody");
	wq_doc_free(doc);

	CHECK(wq_diag_count(diag) == 0);
	wq_diag_free(diag);
}

/* Apply @p src and expect #WQ_EINPUT at @p line (and @p col when not 0). */
static void expect_error(const char *src, unsigned line, unsigned col, const char *msg_part)
{
	wq_doc *doc = make_doc(src);
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	int rc = wq_frontmatter_apply(doc, diag, &err);

	CHECK(rc == WQ_EINPUT);
	CHECK_STR(err.file, "src/post.md");
	CHECK(err.line == line);
	if (col)
		CHECK(err.col == col);
	if (err.line != line || (col && err.col != col))
		fprintf(stderr, "  for %s\n  got %u:%u, want %u:%u (%s)\n", src, err.line,
			err.col, line, col, err.msg);
	if (msg_part)
		CHECK_CONTAINS(err.msg, msg_part);
	/* On failure the text is left as it was. */
	CHECK_STR(doc->text, src);
	wq_doc_free(doc);
	wq_diag_free(diag);
}

static void test_errors(void)
{
	expect_error("---\nauthor: x\ntitle: [1, 2]\n---\nbody\n", 3, 8, "title");
	expect_error("---\ntitle: {a: b}\n---\n", 2, 8, "title");
	expect_error("---\ndate: not-a-date\n---\n", 2, 7, "date");
	expect_error("---\ntitle: t\n\ndate: 2024-13-01\n---\n", 4, 7, "date");
	expect_error("---\ndate: 2024\n---\n", 2, 7, "date");
	expect_error("---\nweight: \"x\"\n---\n", 2, 9, "weight");
	expect_error("---\nweight: heavy\n---\n", 2, 9, "weight");
	expect_error("---\ndraft: \"yes\"\n---\n", 2, 8, "draft");
	expect_error("---\ndraft: yes\n---\n", 2, 8, "draft");
	expect_error("---\ndir: up\n---\n", 2, 6, "dir");
	expect_error("---\ndir: [rtl]\n---\n", 2, 6, "dir");
	expect_error("---\nslug: ../x\n---\n", 2, 7, "slug");
	expect_error("---\nslug: a/b\n---\n", 2, 7, "slug");
	expect_error("---\nslug: .hidden\n---\n", 2, 7, "slug");
	expect_error("---\nslug: \"\"\n---\n", 2, 7, "slug");
	expect_error("---\nslug: a\\b\n---\n", 2, 7, "slug");
	expect_error("---\nlang: x\n---\n", 2, 7, "lang");
	expect_error("---\nlang: en GB\n---\n", 2, 7, "lang");
	expect_error("---\ntags:\n  - ok\n  - [nested]\n---\n", 4, 5, "tags");
	expect_error("---\ntags: 5\n---\n", 2, 7, "tags");
	/* Malformed YAML: the line is that of the file, not of the YAML. */
	expect_error("---\ntitle: ok\nbad: [1, 2\nnext: x\n---\n", 4, 0, NULL);
	expect_error("---\ntitle: \"unclosed\n---\n", 3, 0, NULL);
	/* Not a mapping. */
	expect_error("---\n- a\n- b\n---\n", 2, 0, "mapping");
	expect_error("---\njust text\n---\n", 2, 0, "mapping");
	/* Unterminated: an error at line 1. */
	expect_error("---\ntitle: x\n\nBody text\n", 1, 1, "not closed");
	expect_error("---\n", 1, 1, "not closed");
	expect_error("---\ntitle: x\n----\n", 1, 1, "not closed");
}

static void test_unknown_key(void)
{
	wq_doc *doc = make_doc("---\ntitle: T\ncolour: red\nlayout:\n  a: b\n---\nbody\n");
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->title, "T");
	CHECK(wq_diag_count(diag) == 2);
	CHECK_CONTAINS(wq_diag_at(diag, 0), "src/post.md:3");
	CHECK_CONTAINS(wq_diag_at(diag, 0), "colour");
	CHECK_CONTAINS(wq_diag_at(diag, 1), "src/post.md:");
	CHECK_CONTAINS(wq_diag_at(diag, 1), "layout");
	/* Regression (src/frontmatter.c, apply_key): the warning carries the
	 * value's line, and a block mapping value starts on the next line, so
	 * "layout:" on line 4 is reported at line 5. */
	CHECK_CONTAINS(wq_diag_at(diag, 1), "src/post.md:4:");
	CHECK_STR(doc->text, "\n\n\n\n\n\nbody\n");
	wq_doc_free(doc);
	wq_diag_free(diag);
}

int main(void)
{
	test_all_keys();
	test_other_values();
	test_block_forms();
	test_errors();
	test_unknown_key();
	return CHECK_DONE();
}
