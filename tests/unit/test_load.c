/* Unit tests for src/load.c: titles, and loading a source folder into a site. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "doc.h"
#include "err.h"
#include "load.h"
#include "mem.h"
#include "site.h"
#include "value.h"
#include "check.h"
#include "tmpdir.h"

static const char *tmp;

/* ------------------------------------------------------------ titles */

/* Take the title of @p text; check it and the body left behind. */
static void title_is(const char *text, const char *want_title, const char *want_text)
{
	wq_doc *doc = wq_doc_new();

	free(doc->text);
	doc->text = wq_xstrdup(text);
	doc->text_len = strlen(text);
	wq_load_take_title(doc);
	CHECK_STR(doc->title, want_title);
	CHECK_STR(doc->text, want_text);
	/* Blanking keeps every byte position, so lines and columns stay true. */
	CHECK(doc->text_len == strlen(text));
	CHECK(strlen(doc->text) == strlen(text));
	wq_doc_free(doc);
}

static void test_take_title(void)
{
	/* ATX headings, with and without a closing sequence. */
	title_is("# Hello World\n\nBody\n", "Hello World", "             \n\nBody\n");
	title_is("## Hi ##\nx", "Hi", "        \nx");
	title_is("   # Indented  \nx", "Indented", "               \nx");
	title_is("#\tTab\nx", "Tab", "     \nx");
	title_is("# C# tips\nx", "C# tips", "         \nx");
	title_is("# عنوان المقال\n\nنص", "عنوان المقال", "                         \n\nنص");
	/* After blank lines (where front matter was). */
	title_is("\n\n\n# Later\nbody", "Later", "\n\n\n       \nbody");
	/* Not ATX headings: no space after '#', or more than six. */
	title_is("#hashtag\nbody", "#hashtag", "        \nbody");
	title_is("####### seven\nb", "####### seven", "             \nb");
	/* Setext headings: both lines are blanked. */
	title_is("Title Here\n==========\n\nBody", "Title Here", "          \n          \n\nBody");
	title_is("Sub Title\n---\nBody", "Sub Title", "         \n   \nBody");
	title_is("Spaced\n  ===  \nBody", "Spaced", "      \n       \nBody");
	/* Plain first line: the line is the title and is blanked. */
	title_is("\n  First line of text  \nSecond line\n", "First line of text",
		 "\n                      \nSecond line\n");
	title_is("Only line", "Only line", "         ");
	/* Nothing to take. */
	title_is("", "", "");
	title_is("\n  \n\t\n", "", "\n  \n\t\n");
}

/* ------------------------------------------------------------ sources */

static wq_site *new_site(const char *src, wq_diag *diag)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_config_load(&cfg, "/nonexistent.yml", false, diag, &err) == 0);
	return wq_site_new(cfg, src, diag);
}

static char src[1024];

static void write_site(void)
{
	snprintf(src, sizeof(src), "%s/site", tmp);
	tmp_puts(src, "index.md", "---\ntitle: Home\nweight: 1\n---\nWelcome.\n");
	tmp_puts(src, "about.md", "---\nweight: 2\n---\n# About us\n\nText.\n");
	tmp_puts(src, "w-old.md", "---\nweight: 5\ndate: 2020-01-01\n---\n# Old\n");
	tmp_puts(src, "w-new.md", "---\nweight: 5\ndate: 2021-01-01\n---\n# New\n");
	tmp_puts(src, "post-a.md", "---\ndate: 2024-01-01\n---\n# Post A\n");
	tmp_puts(src, "post-b.markdown", "---\ndate: 2024-03-01\n---\n# Post B\n");
	tmp_puts(src, "same-day-b.md", "---\ndate: 2023-06-01\n---\n# SB\n");
	tmp_puts(src, "same-day-a.md", "---\ndate: 2023-06-01\n---\n# SA\n");
	tmp_puts(src, "notes.txt", "Plain notes\nmore notes\n");
	tmp_puts(src, "zeta.md", "# Zeta\n");
	tmp_puts(src, "crlf.md", "\xEF\xBB\xBF# CR Title\r\nBody\r\nmore\r\n");
	tmp_puts(src, "empty.md", "");
	tmp_puts(src, "draft.md", "---\ndraft: true\n---\n# Draft\n");
	tmp_puts(src, ".hidden.md", "# Hidden\n");
	tmp_puts(src, ".git/config", "[core]\n");
	tmp_puts(src, "_private/secret.md", "# Secret\n");
	tmp_puts(src, "image.png", "\x89PNG\r\n\x1a\n");
	tmp_puts(src, "README", "readme\n");
	tmp_puts(src, "sub/page.md", "# Page\n");
	tmp_puts(src, "sub/slugged.md", "---\nslug: custom\n---\n# Slugged\n");
	tmp_puts(src, "sub/pic.jpg", "jpg");
	tmp_puts(src, "sub/.DS_Store", "x");
	tmp_puts(src, "sub/deeper/d.md", "Deep doc\n");
	tmp_puts(src, "sub/_index.md", "---\nsummary: Pages below.\n---\n# Sub pages\n\nIntro.\n");
	tmp_puts(src, "sub/deeper/_index.md", "");
	tmp_puts(src, "only-index/_index.md", "# No documents here\n");
}

static void test_load_site(void)
{
	static const char *const order[] = {
		"index.md", "about.md", "w-new.md", "w-old.md", "post-b.markdown",
		"post-a.md", "same-day-a.md", "same-day-b.md", "crlf.md", "empty.md",
		"notes.txt", "sub/deeper/d.md", "sub/page.md", "sub/slugged.md", "zeta.md",
	};
	const size_t n = sizeof(order) / sizeof(order[0]);
	wq_diag *diag = wq_diag_new();
	wq_site *site;
	wq_err err = WQ_ERR_INIT;
	wq_doc *d;
	size_t i;
	char want[1200];
	int rc;

	write_site();
	site = new_site(src, diag);
	rc = wq_load_sources(site, &err);
	CHECK(rc == 0);
	if (rc != 0)
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.msg);

	/* A small site's texts are kept from loading to parsing (a large
	 * one's are let go past a bound, and read again: test_text_again). */
	for (i = 0; i < site->ndocs; i++)
		CHECK(site->docs[i]->text_loaded && site->docs[i]->keep_text);

	/* Documents in site order: weight, then date (newest first), then path;
	 * no drafts, no hidden or _private files. */
	CHECK(site->ndocs == n);
	for (i = 0; i < n && i < site->ndocs; i++) {
		CHECK_STR(site->docs[i]->rel, order[i]);
	}

	/* Fields of a top-level document. */
	d = wq_site_find_by_rel(site, "about.md");
	CHECK(d != NULL);
	if (d) {
		snprintf(want, sizeof(want), "%s/about.md", src);
		CHECK_STR(d->path, want);
		CHECK_STR(d->section, "");
		CHECK_STR(d->slug, "about");
		CHECK_STR(d->url, "about/");
		CHECK_STR(d->title, "About us");
		CHECK(d->weight == 2);
		/* Front matter and the title line are blanked, lines kept. */
		CHECK_STR(d->text, "\n\n\n          \n\nText.\n");
	}
	d = wq_site_find_by_rel(site, "index.md");
	if (d) {
		CHECK_STR(d->title, "Home");
		CHECK_STR(d->url, "index/");
		CHECK_STR(d->text, "\n\n\n\nWelcome.\n");
	}

	/* Sub-folders are sections. */
	d = wq_site_find_by_rel(site, "sub/page.md");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(d->section, "sub");
		CHECK_STR(d->slug, "page");
		CHECK_STR(d->url, "sub/page/");
		CHECK_STR(d->title, "Page");
		snprintf(want, sizeof(want), "%s/sub/page.md", src);
		CHECK_STR(d->path, want);
	}
	d = wq_site_find_by_rel(site, "sub/slugged.md");
	if (d) {
		CHECK_STR(d->slug, "custom");
		CHECK_STR(d->url, "sub/custom/");
	}
	d = wq_site_find_by_rel(site, "sub/deeper/d.md");
	if (d) {
		CHECK_STR(d->section, "sub/deeper");
		CHECK_STR(d->url, "sub/deeper/d/");
		CHECK_STR(d->title, "Deep doc");
	}
	d = wq_site_find_by_rel(site, "post-b.markdown");
	if (d) {
		CHECK_STR(d->url, "post-b/");
		CHECK(d->has_date);
	}
	d = wq_site_find_by_rel(site, "notes.txt");
	if (d) {
		CHECK_STR(d->title, "Plain notes");
		CHECK_STR(d->url, "notes/");
	}
	/* Cleaned: BOM gone, CRLF now LF. */
	d = wq_site_find_by_rel(site, "crlf.md");
	if (d) {
		CHECK_STR(d->title, "CR Title");
		CHECK_STR(d->text, "          \nBody\nmore\n");
	}
	/* No text: titled from the file name, with a warning. */
	d = wq_site_find_by_rel(site, "empty.md");
	if (d)
		CHECK_STR(d->title, "empty");
	CHECK(wq_diag_count(diag) == 1);
	snprintf(want, sizeof(want), "%s/empty.md", src);
	CHECK_CONTAINS(wq_diag_at(diag, 0), want);
	CHECK(wq_site_find_by_rel(site, "draft.md") == NULL);
	CHECK(wq_site_find_by_rel(site, ".hidden.md") == NULL);
	CHECK(wq_site_find_by_rel(site, "_private/secret.md") == NULL);

	/* Other files, listed to be copied; hidden ones are not. */
	CHECK(site->nfiles == 3);
	CHECK(wq_site_has_file(site, "image.png"));
	CHECK(wq_site_has_file(site, "README"));
	CHECK(wq_site_has_file(site, "sub/pic.jpg"));
	CHECK(!wq_site_has_file(site, "sub/.DS_Store"));
	CHECK(!wq_site_has_file(site, ".git/config"));
	CHECK(!wq_site_has_file(site, "about.md"));

	/* Sections: every folder holding documents and the folders above
	 * them, sorted; an _index.md is its folder's title and summary, not a
	 * page, and a folder with nothing but that is no section. */
	CHECK(site->nsections == 2);
	if (site->nsections == 2) {
		CHECK_STR(site->sections[0], "sub");
		CHECK_STR(site->sections[1], "sub/deeper");
	}
	CHECK(wq_site_find_section(site, "sub/deeper") == 1);
	CHECK(wq_site_find_section(site, "only-index") == -1);
	CHECK(wq_site_find_by_rel(site, "sub/_index.md") == NULL);
	{
		const wq_doc *ix = wq_site_section_index(site, "sub/deeper", 3);
		CHECK(ix != NULL);
		if (ix) {
			CHECK_STR(ix->title, "Sub pages");
			CHECK_STR(ix->summary, "Pages below.");
		}
		ix = wq_site_section_index(site, "sub/deeper", 10);
		CHECK(ix != NULL);
		if (ix)
			CHECK_STR(ix->title, ""); /* empty: the folder's name is used */
		CHECK(wq_site_section_index(site, "only-index", 10) != NULL);
	}
	/* Without slugs: ascii a section's URL is its path. */
	CHECK_STR(wq_site_section_url(site, "sub/deeper", 10), "sub/deeper");
	CHECK_STR(wq_site_section_url(site, "sub/deeper", 3), "sub");
	CHECK(wq_site_section_url(site, "nowhere", 7) == NULL);
	wq_site_free(site);
	wq_diag_free(diag);
}

/* slugs: ascii transliterates each folder name of a section's URL. */
static void test_section_url_ascii(void)
{
	wq_config *cfg = NULL;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char *url;

	CHECK(wq_config_load(&cfg, "/nonexistent/warraq.yml", false, diag, &err) == 0);
	url = wq_site_section_url_path(cfg, "دراسات/Field Notes/2024", strlen("دراسات/Field Notes/2024"));
	CHECK_STR(url, "دراسات/Field Notes/2024");
	free(url);
	cfg->ascii_slugs = true;
	url = wq_site_section_url_path(cfg, "دراسات/Field Notes/2024", strlen("دراسات/Field Notes/2024"));
	CHECK_STR(url, "drasat/field-notes/2024");
	free(url);
	url = wq_site_section_url_path(cfg, "!!", 2); /* nothing to transliterate: kept */
	CHECK_STR(url, "!!");
	free(url);
	url = wq_site_section_url_path(cfg, "", 0);
	CHECK_STR(url, "");
	free(url);
	wq_config_free(cfg);
	wq_diag_free(diag);
}

/* A document's text read again is the text loaded: the front matter and a
 * title taken from the first line blanked, the title kept; a file changed
 * since it was loaded is an error naming it. */
static void test_text_again(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char dir[1200];
	wq_site *site;
	wq_doc *a, *b;

	snprintf(dir, sizeof(dir), "%s/again", tmp);
	tmp_puts(dir, "a.md", "---\ntags: [x]\n---\n# عنوان\n\nنص.\n");
	tmp_puts(dir, "b.md", "---\ntitle: B\n---\nText.\n");
	site = new_site(dir, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	a = wq_site_find_by_rel(site, "a.md");
	b = wq_site_find_by_rel(site, "b.md");
	CHECK(a && b);
	if (a && b) {
		wq_doc_release_body(a);
		wq_doc_release_body(b);
		CHECK(a->text_len == 0 && !a->text_loaded && b->text_len == 0);
		CHECK(wq_load_text_again(site, a, &err) == 0);
		CHECK(a->text_loaded);
		CHECK_STR(a->text, "\n\n\n            \n\nنص.\n"); /* "# عنوان": 12 bytes */
		CHECK_STR(a->title, "عنوان");
		CHECK(wq_load_text_again(site, b, &err) == 0);
		CHECK_STR(b->text, "\n\n\nText.\n");
		tmp_puts(dir, "b.md", "---\ntitle: B\n---\nText, edited.\n");
		CHECK(wq_load_text_again(site, b, &err) == WQ_EINPUT);
		CHECK(strstr(err.msg, "changed during the build") != NULL);
		CHECK(strstr(err.file, "b.md") != NULL);
	}
	wq_site_free(site);
	wq_diag_free(diag);
}

/* Past the text bound (counted by the files' sizes, in walk order), a
 * text is let go once loaded; its metadata stays, and a section's
 * _index.md keeps its text whatever the bound. */
static void test_text_bound(void)
{
	static const char a_md[] = "---\ntitle: A\n---\nFirst text.\n";
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char dir[1200];
	wq_site *site;
	wq_doc *a, *b, *c;

	snprintf(dir, sizeof(dir), "%s/bound", tmp);
	tmp_puts(dir, "a.md", a_md);
	tmp_puts(dir, "b.md", "---\ntitle: B\n---\nSecond.\n");
	tmp_puts(dir, "c.md", "# C\n\nThird.\n");
	tmp_puts(dir, "s/_index.md", "---\ntitle: Part\n---\nAbout the part.\n");
	site = new_site(dir, diag);
	site->config->text_memory = sizeof(a_md) - 1; /* a.md's bytes, no more */
	CHECK(wq_load_sources(site, &err) == 0);
	a = wq_site_find_by_rel(site, "a.md");
	b = wq_site_find_by_rel(site, "b.md");
	c = wq_site_find_by_rel(site, "c.md");
	CHECK(a && b && c && site->nindexes == 1);
	if (a && b && c) {
		CHECK(a->keep_text && a->text_loaded && a->text_len > 0);
		CHECK(!b->keep_text && !b->text_loaded && b->text_len == 0);
		CHECK(!c->keep_text && !c->text_loaded && c->text_len == 0);
		CHECK_STR(b->title, "B");
		CHECK_STR(c->title, "C");
		CHECK(wq_load_text_again(site, c, &err) == 0);
		CHECK_STR(c->text, "   \n\nThird.\n"); /* its title line blanked */
	}
	if (site->nindexes == 1)
		CHECK(site->indexes[0]->text_loaded && strstr(site->indexes[0]->text, "About") != NULL);
	wq_site_free(site);
	wq_diag_free(diag);
}

/* Drafts are left out unless the configuration (or --drafts) asks. */
static void test_drafts(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char dir[1200];
	wq_site *site;
	int with;

	snprintf(dir, sizeof(dir), "%s/drafts", tmp);
	tmp_puts(dir, "a.md", "# A\n");
	tmp_puts(dir, "b.md", "---\ndraft: true\n---\n# B\n");
	for (with = 0; with <= 1; with++) {
		site = new_site(dir, diag);
		site->config->drafts = with;
		CHECK(wq_load_sources(site, &err) == 0);
		CHECK(site->ndocs == (size_t)(1 + with));
		CHECK((wq_site_find_by_rel(site, "b.md") != NULL) == with);
		wq_site_free(site);
	}
	wq_diag_free(diag);
}

/* Tags: one per slug (Data and data are one), documents in site order,
 * a tag written twice on one document counted once; sorted by name. */
static void test_tags(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char dir[1200];
	wq_site *site;
	int ascii;

	snprintf(dir, sizeof(dir), "%s/tags", tmp);
	tmp_puts(dir, "a.md", "---\nweight: 1\ntags: [Data, هجرة, data]\n---\n# A\n");
	tmp_puts(dir, "b.md", "---\nweight: 2\ntags: [هجرة, أمن]\n---\n# B\n");
	tmp_puts(dir, "c.md", "# C\n");
	for (ascii = 0; ascii <= 1; ascii++) {
		site = new_site(dir, diag);
		site->config->ascii_slugs = ascii;
		CHECK(wq_load_sources(site, &err) == 0);
		CHECK(site->ntags == 3);
		if (site->ntags == 3) {
			CHECK_STR(site->tags[0].name, "Data");
			CHECK_STR(site->tags[0].url, "tags/data");
			CHECK(site->tags[0].ndocs == 1);
			CHECK_STR(site->tags[1].name, "هجرة");
			CHECK_STR(site->tags[1].url, ascii ? "tags/hjrt" : "tags/هجرة");
			CHECK(site->tags[1].ndocs == 2);
			if (site->tags[1].ndocs == 2) {
				CHECK_STR(site->docs[site->tags[1].docs[0]]->rel, "a.md");
				CHECK_STR(site->docs[site->tags[1].docs[1]]->rel, "b.md");
			}
		}
		/* Then in the site language's alphabetical order: Arabic first in
		 * Arabic, and أمن before هجرة. */
		snprintf(site->lang, sizeof(site->lang), "ar");
		wq_site_sort_tags(site);
		CHECK(site->ntags == 3);
		if (site->ntags == 3) {
			CHECK_STR(site->tags[0].name, "أمن");
			CHECK_STR(site->tags[1].name, "هجرة");
			CHECK_STR(site->tags[2].name, "Data");
		}
		wq_site_free(site);
	}
	wq_diag_free(diag);
}

/* An _index.md at the top names no section: a warning, and not a page. */
static void test_top_index(void)
{
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char dir[1200];
	wq_site *site;

	snprintf(dir, sizeof(dir), "%s/top-index", tmp);
	tmp_puts(dir, "_index.md", "# Home\n");
	tmp_puts(dir, "a.md", "# A\n");
	site = new_site(dir, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	CHECK(site->ndocs == 1);
	CHECK(site->nindexes == 0);
	CHECK(site->nsections == 0);
	CHECK(wq_diag_count(diag) == 1);
	if (wq_diag_count(diag) == 1)
		CHECK_CONTAINS(wq_diag_at(diag, 0), "_index.md at the top of the sources is not used");
	wq_site_free(site);
	wq_diag_free(diag);
}

/* Load a one-off site in @p name (files given as path/content pairs) and
 * expect failure; @p err receives the error. */
static int load_fails(const char *name, const char *const *files, wq_err *err, char *dir,
		      size_t size)
{
	wq_diag *diag = wq_diag_new();
	wq_site *site;
	size_t i;
	int rc;

	snprintf(dir, size, "%s/%s", tmp, name);
	for (i = 0; files[2 * i]; i++)
		tmp_puts(dir, files[2 * i], files[2 * i + 1]);
	site = new_site(dir, diag);
	rc = wq_load_sources(site, err);
	CHECK(rc < 0);
	wq_site_free(site);
	wq_diag_free(diag);
	return rc;
}

static void test_errors(void)
{
	wq_err err = WQ_ERR_INIT;
	char dir[1024], want[1200];

	/* Two documents with the same URL: the error names both files. */
	{
		static const char *const files[] = {
			"a.md", "---\nslug: same\n---\nA\n",
			"b.md", "---\nslug: same\n---\nB\n", NULL };
		CHECK(load_fails("dup", files, &err, dir, sizeof(dir)) == WQ_EINPUT);
		snprintf(want, sizeof(want), "%s/b.md", dir);
		CHECK_STR(err.file, want);
		snprintf(want, sizeof(want), "%s/a.md", dir);
		CHECK_CONTAINS(err.msg, want);
		CHECK_CONTAINS(err.msg, "same/");
	}
	/* Same stem, different extensions. */
	{
		static const char *const files[] = { "x/p.md", "P\n", "x/p.txt", "P\n", NULL };
		CHECK(load_fails("dup2", files, &err, dir, sizeof(dir)) == WQ_EINPUT);
		snprintf(want, sizeof(want), "%s/x/p.txt", dir);
		CHECK_STR(err.file, want);
	}
	/* Invalid UTF-8: file, line and column (in characters). */
	{
		static const char *const files[] = {
			"ok.md", "fine\n", "sub/bad.md", "# T\nسلام \xFF\n", NULL };
		CHECK(load_fails("utf8", files, &err, dir, sizeof(dir)) == WQ_EINPUT);
		snprintf(want, sizeof(want), "%s/sub/bad.md", dir);
		CHECK_STR(err.file, want);
		CHECK(err.line == 2);
		CHECK(err.col == 6);
	}
	/* Bad front matter: the file and the line. */
	{
		static const char *const files[] = {
			"fm.md", "---\ntitle: T\ndraft: maybe\n---\n", NULL };
		CHECK(load_fails("fm", files, &err, dir, sizeof(dir)) == WQ_EINPUT);
		snprintf(want, sizeof(want), "%s/fm.md", dir);
		CHECK_STR(err.file, want);
		CHECK(err.line == 3);
	}
	/* A slug the site needs for itself. */
	{
		static const char *const files[] = { "assets.md", "# A\n", NULL };
		CHECK(load_fails("reserved", files, &err, dir, sizeof(dir)) == WQ_EINPUT);
		CHECK_CONTAINS(err.msg, "assets");
	}
	/* A missing source folder. */
	{
		wq_diag *diag = wq_diag_new();
		wq_site *site;

		snprintf(dir, sizeof(dir), "%s/no-such-folder", tmp);
		site = new_site(dir, diag);
		CHECK(wq_load_sources(site, &err) < 0);
		CHECK_STR(err.file, dir);
		CHECK(site->ndocs == 0);
		wq_site_free(site);
		wq_diag_free(diag);
	}
	/* A symbolic link out of the source folder. */
	{
		wq_diag *diag = wq_diag_new();
		wq_site *site;

		snprintf(dir, sizeof(dir), "%s/linkout", tmp);
		tmp_puts(tmp, "elsewhere/outside.md", "# Out\n");
		tmp_puts(dir, "in.md", "# In\n");
		CHECK(symlink(tmp_path(tmp, "elsewhere/outside.md"), tmp_path(dir, "out.md")) == 0);
		site = new_site(dir, diag);
		CHECK(wq_load_sources(site, &err) == WQ_EINPUT);
		CHECK_CONTAINS(err.msg, "outside");
		wq_site_free(site);
		wq_diag_free(diag);
	}
	/* Folders nested too deep. */
	{
		wq_diag *diag = wq_diag_new();
		wq_site *site;
		char rel[1024] = "";
		int i;

		for (i = 0; i < WQ_LOAD_MAX_DEPTH + 2; i++)
			strcat(rel, "d/");
		strcat(rel, "x.md");
		snprintf(dir, sizeof(dir), "%s/deep", tmp);
		tmp_puts(dir, rel, "# X\n");
		site = new_site(dir, diag);
		CHECK(wq_load_sources(site, &err) == WQ_ELIMIT);
		wq_site_free(site);
		wq_diag_free(diag);
	}
}

static void test_link_inside(void)
{
	wq_diag *diag = wq_diag_new();
	wq_site *site;
	wq_err err = WQ_ERR_INIT;
	char dir[1024];

	/* A link to a file inside the folder is read; one to a folder is not
	 * followed (a warning). */
	snprintf(dir, sizeof(dir), "%s/linkin", tmp);
	tmp_puts(dir, "real/doc.md", "# Real\n");
	CHECK(symlink("real/doc.md", tmp_path(dir, "alias.md")) == 0);
	CHECK(symlink("real", tmp_path(dir, "loop")) == 0);
	site = new_site(dir, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	CHECK(site->ndocs == 2);
	CHECK(wq_site_find_by_rel(site, "alias.md") != NULL);
	CHECK(wq_site_find_by_rel(site, "real/doc.md") != NULL);
	CHECK(wq_diag_count(diag) == 1);
	CHECK_CONTAINS(wq_diag_at(diag, 0), "loop");
	wq_site_free(site);
	wq_diag_free(diag);
}

int main(void)
{
	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	test_take_title();
	test_load_site();
	test_top_index();
	test_drafts();
	test_text_again();
	test_text_bound();
	test_tags();
	test_section_url_ascii();
	test_errors();
	test_link_inside();
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
