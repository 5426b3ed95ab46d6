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
	/* Kept for the templates, without a warning. */
	CHECK(wq_diag_count(diag) == 0);
	CHECK(wq_val_count(doc->params) == 2);
	CHECK_STR(wq_val_get_str(wq_val_get(doc->params, "colour"), NULL), "red");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_get(doc->params, "layout"), "a"), NULL), "b");
	CHECK_STR(doc->text, "\n\n\n\n\n\nbody\n");
	wq_doc_free(doc);
	wq_diag_free(diag);
}

static void test_description_and_summary(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_doc *doc;

	/* Without a summary, the description is the summary in lists and feed. */
	doc = make_doc("---\ndescription: What the page is about.\n---\nFirst paragraph.\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->description, "What the page is about.");
	CHECK_STR(doc->summary, "What the page is about.");
	wq_doc_free(doc);

	/* A summary wins in lists, written before or after the description. */
	doc = make_doc("---\nsummary: Short.\ndescription: Long.\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->description, "Long.");
	CHECK_STR(doc->summary, "Short.");
	wq_doc_free(doc);
	doc = make_doc("---\ndescription: Long.\nsummary: Short.\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->summary, "Short.");
	wq_doc_free(doc);

	/* Neither: both stay empty (the summary is made from the text later). */
	doc = make_doc("---\ntitle: x\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK_STR(doc->description, "");
	CHECK_STR(doc->summary, "");
	CHECK_STR(doc->keywords, "");
	CHECK(!doc->has_lastmod);
	CHECK(doc->aliases == NULL);
	CHECK(doc->params != NULL && wq_val_count(doc->params) == 0);
	wq_doc_free(doc);
	CHECK(wq_diag_count(diag) == 0);
	wq_diag_free(diag);
}

static void test_lastmod_and_keywords(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_doc *doc;

	doc = make_doc("---\ndate: 2024-02-29\nlastmod: 2024-05-17T09:30:00+03:00\n"
		       "keywords: [bidi, \"RTL\", 2024]\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(doc->has_date && doc->date == 1709164800);
	CHECK(doc->has_lastmod);
	CHECK(doc->lastmod == 1715927400);
	CHECK_STR(doc->keywords, "bidi, RTL, 2024");
	wq_doc_free(doc);

	/* `updated` is the same key; keywords as one string are kept as written. */
	doc = make_doc("---\nupdated: 2023-01-02\nkeywords: a, b\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(doc->has_lastmod && doc->lastmod == 1672617600);
	CHECK(!doc->has_date);
	CHECK_STR(doc->keywords, "a, b");
	wq_doc_free(doc);
	CHECK(wq_diag_count(diag) == 0);
	wq_diag_free(diag);

	expect_error("---\nlastmod: yesterday\n---\n", 2, 10, "lastmod");
	expect_error("---\nupdated: 2024\n---\n", 2, 10, "updated");
	expect_error("---\nkeywords: {a: b}\n---\n", 2, 11, "keywords");
	expect_error("---\nkeywords:\n  - a\n  - [b]\n---\n", 4, 5, "keywords");
	expect_error("---\ndescription: [a]\n---\n", 2, 14, "description");
}

static const char *alias_at(const wq_doc *doc, size_t i)
{
	return wq_val_get_str(wq_val_at(doc->aliases, i), NULL);
}

static void test_aliases(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_doc *doc;

	doc = make_doc("---\naliases:\n  - /old/page\n  - old-name/\n  - /x//./y/\n"
		       "  - /posts/2019/a.html\n  - /%D9%82%D8%AF%D9%8A%D9%85/\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_val_count(doc->aliases) == 5);
	CHECK_STR(alias_at(doc, 0), "/old/page/");
	CHECK_STR(alias_at(doc, 1), "old-name/");
	CHECK_STR(alias_at(doc, 2), "/x/y/");
	CHECK_STR(alias_at(doc, 3), "/posts/2019/a.html");
	CHECK_STR(alias_at(doc, 4), "/قديم/");
	/* Each keeps its place in the file for messages. */
	CHECK(wq_val_line(wq_val_at(doc->aliases, 1)) == 4);
	CHECK(wq_val_col(wq_val_at(doc->aliases, 1)) == 5);
	wq_doc_free(doc);

	/* One string. */
	doc = make_doc("---\naliases: /2019/old-title/\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_val_count(doc->aliases) == 1);
	CHECK_STR(alias_at(doc, 0), "/2019/old-title/");
	wq_doc_free(doc);

	/* The section folder itself, and the site root (the writer finds their
	 * pages taken). */
	doc = make_doc("---\naliases: [., ./, /]\n---\n");
	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_val_count(doc->aliases) == 3);
	CHECK_STR(alias_at(doc, 0), "");
	CHECK_STR(alias_at(doc, 1), "");
	CHECK_STR(alias_at(doc, 2), "/");
	wq_doc_free(doc);
	CHECK(wq_diag_count(diag) == 0);
	wq_diag_free(diag);

	expect_error("---\naliases: [/a/../../etc/]\n---\n", 2, 11, "aliases");
	expect_error("---\naliases:\n  - /fine/\n  - ../up/\n---\n", 4, 5, "'..'");
	expect_error("---\naliases: /a/%2E%2E/b/\n---\n", 2, 10, "aliases");
	expect_error("---\naliases: https://example.org/x/\n---\n", 2, 10, "aliases");
	expect_error("---\naliases: //example.org/x/\n---\n", 2, 10, "aliases");
	expect_error("---\naliases: /a?b=1\n---\n", 2, 10, "aliases");
	expect_error("---\naliases: \"\"\n---\n", 2, 10, "aliases");
	expect_error("---\naliases: [[a]]\n---\n", 2, 11, "aliases");
	expect_error("---\naliases: {a: b}\n---\n", 2, 10, "aliases");
}

static void test_params(void)
{
	const char *src =
		"---\n"
		"title: T\n"
		"ms.topic: conceptual\n"
		"ms.date: 05/17/2024\n"
		"ms.author: salma\n"
		"description: D\n"
		"extra:\n"
		"  team: docs\n"
		"  list: [1, 2]\n"
		"a.b.c: deep\n"
		"x: scalar\n"
		"x.y: blocked\n"
		"..odd.: kept\n"
		"---\n";
	wq_doc *doc = make_doc(src);
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	const wq_val *p, *ms;

	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_diag_count(diag) == 0);
	p = doc->params;
	/* As written... */
	CHECK_STR(wq_val_get_str(wq_val_get(p, "ms.topic"), NULL), "conceptual");
	CHECK_STR(wq_val_get_str(wq_val_get(p, "ms.date"), NULL), "05/17/2024");
	/* ...and as paths: {{page.params.ms.topic}}. */
	ms = wq_val_get(p, "ms");
	CHECK(wq_val_kind_of(ms) == WQ_VAL_MAP);
	CHECK_STR(wq_val_get_str(wq_val_get(ms, "topic"), NULL), "conceptual");
	CHECK_STR(wq_val_get_str(wq_val_get(ms, "date"), NULL), "05/17/2024");
	CHECK_STR(wq_val_get_str(wq_val_get(ms, "author"), NULL), "salma");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_get(wq_val_get(p, "a"), "b"), "c"), NULL),
		  "deep");
	/* Nested maps and lists are kept whole. */
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_get(p, "extra"), "team"), NULL), "docs");
	CHECK(wq_val_count(wq_val_get(wq_val_get(p, "extra"), "list")) == 2);
	/* A scalar in the way stops the path, not the key. */
	CHECK_STR(wq_val_get_str(wq_val_get(p, "x"), NULL), "scalar");
	CHECK_STR(wq_val_get_str(wq_val_get(p, "x.y"), NULL), "blocked");
	CHECK_STR(wq_val_get_str(wq_val_get(p, "..odd."), NULL), "kept");
	/* Known keys are not params. */
	CHECK(wq_val_get(p, "title") == NULL);
	CHECK(wq_val_get(p, "description") == NULL);
	CHECK_STR(doc->description, "D");
	wq_doc_free(doc);
	wq_diag_free(diag);
}

static void test_did_you_mean(void)
{
	const char *src =
		"---\n"             /* 1 */
		"titel: T\n"        /* 2 */
		"sumary: S\n"       /* 3 */
		"ms.topic: x\n"     /* 4 */
		"name: n\n"         /* 5: two edits from "date", too short to be a typo */
		"\"Tags\": [a]\n"   /* 6: a difference of case only */
		"weigth: 1\n"       /* 7: two letters swapped */
		"id: 1\n"           /* 8: one edit from "dir", too short */
		"descripton: d\n"   /* 9 */
		"description: e\n"  /* 10 */
		"---\n";
	wq_doc *doc = make_doc(src);
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_frontmatter_apply(doc, diag, &err) == 0);
	CHECK(wq_diag_count(diag) == 5);
	CHECK_STR(wq_diag_at(diag, 0), "src/post.md:2:1: unknown front matter key 'titel': "
				       "did you mean 'title'? (kept in page.params)");
	CHECK_CONTAINS(wq_diag_at(diag, 1), "src/post.md:3:1: ");
	CHECK_CONTAINS(wq_diag_at(diag, 1), "'sumary': did you mean 'summary'?");
	CHECK_CONTAINS(wq_diag_at(diag, 2), "src/post.md:6:2: ");
	CHECK_CONTAINS(wq_diag_at(diag, 2), "'Tags': did you mean 'tags'?");
	CHECK_CONTAINS(wq_diag_at(diag, 3), "src/post.md:7:1: ");
	CHECK_CONTAINS(wq_diag_at(diag, 3), "'weigth': did you mean 'weight'?");
	CHECK_CONTAINS(wq_diag_at(diag, 4), "src/post.md:9:1: ");
	CHECK_CONTAINS(wq_diag_at(diag, 4), "'descripton': did you mean 'description'?");
	/* Not applied, but kept. */
	CHECK_STR(doc->title, "");
	CHECK_STR(doc->summary, "e");
	CHECK_STR(wq_val_get_str(wq_val_get(doc->params, "titel"), NULL), "T");
	CHECK_STR(wq_val_get_str(wq_val_get(doc->params, "name"), NULL), "n");
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
	test_description_and_summary();
	test_lastmod_and_keywords();
	test_aliases();
	test_params();
	test_did_you_mean();
	return CHECK_DONE();
}
