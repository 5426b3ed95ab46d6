/* Unit tests for src/toc.c (SUMMARY.md and toc.yml) and the site's tree
 * (src/site.c): order from folders and from a table of contents, what the
 * table leaves out, the site's order under a table, and the sidebar's
 * values (src/render.c): the whole tree on a small site, a window around
 * the page on a large one. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "load.h"
#include "markdown.h"
#include "render.h"
#include "site.h"
#include "theme.h"
#include "toc.h"
#include "text.h"
#include "check.h"
#include "tmpdir.h"

static const char *tmp;

static void put(const char *dir, const char *rel, const char *text)
{
	CHECK(tmp_write(dir, rel, text, strlen(text)) == 0);
}

/* The entries as "depth kind title path" lines. */
static void entries_text(wq_buf *out, const wq_toc *toc)
{
	static const char kinds[] = { 'P', 'F', 'G' };
	const wq_toc_entry *e;
	size_t n, i;

	e = wq_toc_entries(toc, &n);
	wq_buf_clear(out);
	for (i = 0; i < n; i++)
		wq_buf_printf(out, "%u %c %s|%s\n", e[i].depth, kinds[e[i].kind], e[i].title,
			      e[i].path);
}

/* ------------------------------------------------------------- toc.c */

static void test_summary(void)
{
	char dir[256];
	wq_diag *diag = wq_diag_new();
	wq_toc *toc = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_buf b = WQ_BUF_INIT;

	snprintf(dir, sizeof(dir), "%s/summary", tmp);
	put(dir, "guide/a.md", "# A\n");
	put(dir, "SUMMARY.md",
	    "# Summary\n\n[Intro](README.md)\n\n# Guide\n\n"
	    "- [Install](guide/install.md)\n"
	    "- [Use `it`](<guide/use it.md>)\n"
	    "    - [Deep \\] name](./guide/../guide/deep.md#part)\n"
	    "        * [Deeper](guide/deeper.md \"title\")\n"
	    "    - [Back](guide/back.md)\n"
	    "- [Draft]()\n"
	    "- [Folder](guide/)\n"
	    "- [Out](../outside.md)\n"
	    "- [Web](https://example.org/x.md)\n"
	    "Some text.\n\n---\n\n[Suffix](misc/suffix%20page.md)\n");
	CHECK(wq_toc_find(dir) != NULL && !strcmp(wq_toc_find(dir), "SUMMARY.md"));
	CHECK(wq_toc_read(&toc, dir, "SUMMARY.md", diag, &err) == 0);
	entries_text(&b, toc);
	CHECK_STR(wq_buf_cstr(&b), "0 P Intro|README.md\n"
				   "0 G Guide|\n"
				   "1 P Install|guide/install.md\n"
				   "1 P Use it|guide/use it.md\n"
				   "2 P Deep ] name|guide/deep.md\n"
				   "3 P Deeper|guide/deeper.md\n"
				   "2 P Back|guide/back.md\n"
				   "1 G Draft|\n"
				   "1 F Folder|guide\n"
				   "1 G Out|\n"
				   "1 G Web|\n"
				   "0 P Suffix|misc/suffix page.md\n");
	/* The target outside, the URL and the line of text. */
	CHECK(wq_diag_count(diag) == 3);
	wq_toc_free(toc);
	CHECK(wq_toc_is_toc_file("SUMMARY.md", "SUMMARY.md"));
	CHECK(!wq_toc_is_toc_file("SUMMARY.md", "guide/SUMMARY.md"));
	CHECK(!wq_toc_is_toc_file("SUMMARY.md", "toc.yml"));
	CHECK(wq_toc_is_toc_file("toc.yml", "guide/toc.yml"));
	CHECK(!wq_toc_is_toc_file(NULL, "toc.yml"));
	wq_buf_dispose(&b);
	wq_diag_free(diag);
}

static void test_toc_yml(void)
{
	char dir[256];
	wq_diag *diag = wq_diag_new();
	wq_toc *toc = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_buf b = WQ_BUF_INIT;

	snprintf(dir, sizeof(dir), "%s/docfx", tmp);
	put(dir, "toc.yml",
	    "- name: Overview\n  href: index.md\n"
	    "- name: Tutorials\n  items:\n"
	    "    - name: One\n      href: tutorials/one.md\n"
	    "    - name: 2024\n      href: ~/tutorials/two.md\n"
	    "- name: Guide\n  href: guide/\n"
	    "- name: Reference\n  href: ref/toc.yml\n  topicHref: ref/index.md\n"
	    "- name: Plain folder\n  href: plain/\n"
	    "- name: Loop\n  href: loop/\n"
	    "- name: Outside\n  href: ../x.md\n"
	    "- just text\n");
	put(dir, "guide/toc.yml", "- name: Setup\n  href: setup.md\n");
	put(dir, "ref/toc.yml", "items:\n  - name: API\n    href: api.md\n");
	put(dir, "plain/a.md", "# A\n");
	put(dir, "loop/toc.yml", "- name: Again\n  href: ../loop/\n");
	CHECK(wq_toc_find(dir) != NULL && !strcmp(wq_toc_find(dir), "toc.yml"));
	CHECK(wq_toc_read(&toc, dir, "toc.yml", diag, &err) == 0);
	entries_text(&b, toc);
	CHECK_STR(wq_buf_cstr(&b), "0 P Overview|index.md\n"
				   "0 G Tutorials|\n"
				   "1 P One|tutorials/one.md\n"
				   "1 P 2024|tutorials/two.md\n"
				   "0 F Guide|guide\n"
				   "1 P Setup|guide/setup.md\n"
				   "0 P Reference|ref/index.md\n"
				   "1 P API|ref/api.md\n"
				   "0 F Plain folder|plain\n"
				   "0 F Loop|loop\n"
				   "1 F Again|loop\n"
				   "0 G Outside|\n");
	/* The table that includes itself, the target outside, the non-entry. */
	CHECK(wq_diag_count(diag) == 3);
	wq_toc_free(toc);

	/* Malformed YAML is an error naming the file. */
	put(dir, "bad/toc.yml", "- name: [unclosed\n");
	snprintf(dir, sizeof(dir), "%s/docfx/bad", tmp);
	CHECK(wq_toc_read(&toc, dir, "toc.yml", diag, &err) < 0);
	CHECK(toc == NULL);
	CHECK(strstr(err.file, "toc.yml") != NULL);
	wq_buf_dispose(&b);
	wq_diag_free(diag);
}

/* ------------------------------------------------------------ the tree */

static wq_site *load(const char *dir, wq_diag *diag)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	char src[512], yml[512];
	wq_site *site;

	snprintf(src, sizeof(src), "%s/src", dir);
	snprintf(yml, sizeof(yml), "%s/warraq.yml", dir);
	CHECK(wq_config_load(&cfg, yml, true, diag, &err) == 0);
	site = wq_site_new(cfg, src, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	return site;
}

/* The tree in pre-order: "  " per depth, then the name. */
static void tree_text(wq_buf *out, const wq_site *site, size_t node, int depth)
{
	const wq_tree_node *n = &site->tree.nodes[node];
	size_t len, i;

	if (node) {
		wq_buf_printf(out, "%*s%s%s\n", 2 * (depth - 1), "",
			      n->kind == WQ_TREE_SECTION ? "+" : n->kind == WQ_TREE_GROUP ? "#" : "",
			      wq_site_tree_title(site, node, &len));
	}
	for (i = 0; i < n->nkids; i++)
		tree_text(out, site, site->tree.kids[n->kids + i], depth + 1);
}

/* The tree's arrays agree with one another. */
static void tree_consistent(const wq_site *site)
{
	const wq_tree *t = &site->tree;
	size_t i;

	CHECK(t->ndocs == site->ndocs);
	for (i = 0; i < site->ndocs; i++) {
		CHECK(t->order[t->pos[i]] == i);
		CHECK(t->nodes[t->doc_node[i]].kind == WQ_TREE_DOC);
		CHECK(t->nodes[t->doc_node[i]].item == i);
		CHECK(t->nodes[t->doc_node[i]].first == t->pos[i]);
	}
	for (i = 1; i < t->nnodes; i++) {
		const wq_tree_node *n = &t->nodes[i], *p = &t->nodes[n->parent];
		CHECK(n->depth == p->depth + 1);
		CHECK(n->first >= p->first && n->end <= p->end && n->first < n->end);
	}
}

static void test_folder_tree(void)
{
	char dir[256];
	wq_diag *diag = wq_diag_new();
	wq_buf b = WQ_BUF_INIT;
	wq_site *site;

	snprintf(dir, sizeof(dir), "%s/folders", tmp);
	put(dir, "warraq.yml", "title: T\nlang: en\n");
	put(dir, "src/zeta.md", "# Zeta\n");
	put(dir, "src/alpha.md", "# Alpha\n");
	put(dir, "src/first.md", "---\nweight: 1\n---\n# First\n");
	put(dir, "src/news.md", "---\ndate: 2024-01-01\n---\n# News\n");
	put(dir, "src/beta/b.md", "# B\n");
	put(dir, "src/beta/a.md", "# A\n");
	put(dir, "src/beta/inner/x.md", "# X\n");
	put(dir, "src/early/_index.md", "---\ntitle: Early section\nweight: 2\n---\n");
	put(dir, "src/early/e.md", "# E\n");
	site = load(dir, diag);
	tree_text(&b, site, 0, 0);
	/* Weighted first (a folder's weight from its _index.md), then dated,
	 * then by name, documents and folders together. */
	CHECK_STR(wq_buf_cstr(&b), "First\n"
				   "+Early section\n"
				   "  E\n"
				   "News\n"
				   "Alpha\n"
				   "+beta\n"
				   "  A\n"
				   "  B\n"
				   "  +inner\n"
				   "    X\n"
				   "Zeta\n");
	CHECK(site->tree.nested);
	CHECK(!site->tree.explicit_toc);
	tree_consistent(site);
	/* The site's own order stays (weight, date, path). */
	CHECK_STR(site->docs[0]->rel, "first.md");
	CHECK_STR(site->docs[1]->rel, "news.md");
	CHECK(site->tree.section_node[wq_site_find_section(site, "beta/inner")] != SIZE_MAX);
	wq_site_free(site);

	/* No folders: flat, in the site's order. */
	snprintf(dir, sizeof(dir), "%s/flat", tmp);
	put(dir, "warraq.yml", "title: T\n");
	put(dir, "src/b.md", "# B\n");
	put(dir, "src/a.md", "---\ndate: 2020-01-01\n---\n# A\n");
	site = load(dir, diag);
	CHECK(!site->tree.nested);
	CHECK(site->tree.nnodes == 3);
	CHECK(site->tree.order[0] == 0 && site->tree.order[1] == 1);
	wq_site_free(site);
	wq_buf_dispose(&b);
	wq_diag_free(diag);
}

static void test_toc_tree(void)
{
	char dir[256];
	wq_diag *diag = wq_diag_new();
	wq_buf b = WQ_BUF_INIT;
	wq_site *site;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/toctree", tmp);
	put(dir, "warraq.yml", "title: T\nlang: en\n");
	put(dir, "src/SUMMARY.md",
	    "[Intro](intro.md)\n\n# Part one\n\n"
	    "- [Second](b.md)\n"
	    "  - [Nested](guide/n.md)\n"
	    "- [First again](b.md)\n"
	    "- [The guide](guide/)\n"
	    "- [Draft]()\n"
	    "- [Gone](gone.md)\n"
	    "- [Hidden draft](draft.md)\n");
	put(dir, "src/intro.md", "---\ndate: 2020-01-01\n---\n# Introduction\n");
	put(dir, "src/b.md", "---\ndate: 2024-01-01\n---\n# Bee\n");
	put(dir, "src/guide/n.md", "# N\n");
	put(dir, "src/guide/g.md", "# G\n");
	put(dir, "src/guide/sub/s.md", "# S\n");
	put(dir, "src/left.md", "# Left out\n");
	put(dir, "src/draft.md", "---\ndraft: true\n---\n# D\n");
	site = load(dir, diag);
	tree_text(&b, site, 0, 0);
	CHECK_STR(wq_buf_cstr(&b), "Intro\n"
				   "#Part one\n"
				   "  Second\n"
				   "    Nested\n"
				   "  +The guide\n"
				   "    G\n"
				   "    +sub\n"
				   "      S\n"
				   "Left out\n");
	CHECK(site->tree.explicit_toc);
	CHECK(site->tree.nested);
	tree_consistent(site);
	/* The site's order is the tree's; SUMMARY.md is not a page. */
	CHECK(site->ndocs == 6);
	for (i = 0; i < site->ndocs; i++) {
		CHECK(site->tree.order[i] == i);
		CHECK(site->docs[i]->index == i);
		CHECK(strcmp(site->docs[i]->rel, "SUMMARY.md") != 0);
	}
	CHECK_STR(site->docs[0]->rel, "intro.md");
	CHECK_STR(site->docs[1]->rel, "b.md");
	CHECK_STR(site->docs[5]->rel, "left.md");
	/* "b.md" twice and "gone.md"; not the draft. */
	CHECK(wq_diag_count(diag) == 2);
	wq_site_free(site);
	wq_buf_dispose(&b);
	wq_diag_free(diag);
}

/* ----------------------------------------------------------- sidebar */

/* A site of @p n pages in big/ and three in other/, rendered with a theme
 * whose article lists the sidebar's entries; the page of big/ number
 * @p page into @p out. */
static void sidebar_of(wq_buf *out, size_t n, size_t page)
{
	char dir[256], rel[64];
	wq_diag *diag = wq_diag_new();
	wq_theme *theme = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/side-%zu", tmp, n);
	put(dir, "warraq.yml", "title: T\nlang: en\ntheme: t\n");
	put(dir, "themes/t/layouts/article.mustache",
	    "{{#tree.items}}{{>partials/tree}}{{/tree.items}}|"
	    "{{#tree.crumbs}}<{{title}}>{{/tree.crumbs}}|"
	    "{{#tree.prev}}P={{title}}{{/tree.prev}} {{#tree.next}}N={{title}}{{/tree.next}}");
	put(dir, "themes/t/layouts/partials/tree.mustache",
	    "[{{title}}{{#current}}*{{/current}}{{#open}}+{{/open}}"
	    "{{#items}}{{>partials/tree}}{{/items}}]");
	for (i = 1; i <= n; i++) {
		char text[64];
		snprintf(rel, sizeof(rel), "src/big/p%03zu.md", i);
		snprintf(text, sizeof(text), "# %zu\n", i);
		put(dir, rel, text);
	}
	put(dir, "src/other/o.md", "# o\n");
	put(dir, "src/other/q.md", "# q\n");
	site = load(dir, diag);
	for (i = 0; i < site->ndocs; i++) {
		CHECK(wq_md_parse(site->docs[i], wq_site_links(site), &err) == 0);
		wq_analyse_doc(site->docs[i], site->config);
	}
	wq_analyse_site(site);
	CHECK(wq_theme_open(&theme, site->config, &err) == 0);
	snprintf(rel, sizeof(rel), "big/p%03zu.md", page);
	wq_buf_clear(out);
	if (theme)
		CHECK(wq_render_article(out, site, theme, wq_site_find_by_rel(site, rel)->index,
					&err) == 0);
	wq_theme_free(theme);
	wq_site_free(site);
	wq_diag_free(diag);
}

static void test_sidebar(void)
{
	wq_buf b = WQ_BUF_INIT;
	const char *s;

	/* Small: all of it, the way to the page open, the page marked. */
	sidebar_of(&b, 3, 2);
	CHECK_STR(wq_buf_cstr(&b), "[big+[1][2*+][3]][other[o][q]]|<big>|P=1 N=3");
	/* Large: the page's folder shows 40 entries around it, the rest
	 * counted ("… 129": the theme has no `tree_more` string); the folders
	 * off the way are links without their entries. */
	sidebar_of(&b, 300, 150);
	s = wq_buf_cstr(&b);
	CHECK(!strncmp(s, "[big+[… 129][130]", strlen("[big+[… 129][130]")));
	CHECK_CONTAINS(s, "[150*+]");
	CHECK_CONTAINS(s, "[169][… 131]][other]|<big>|");
	CHECK(strstr(s, "[129]") == NULL && strstr(s, "[170]") == NULL);
	CHECK_CONTAINS(s, "P=149 N=151");
	/* At the ends of the list. */
	sidebar_of(&b, 300, 1);
	CHECK(!strncmp(wq_buf_cstr(&b), "[big+[1*+][2]", 13));
	CHECK_CONTAINS(wq_buf_cstr(&b), "[40][… 260]]");
	CHECK_CONTAINS(wq_buf_cstr(&b), "| N=2");
	wq_buf_dispose(&b);
}

int main(void)
{
	tmp = tmp_make();
	if (!tmp)
		return 1;
	test_summary();
	test_toc_yml();
	test_folder_tree();
	test_toc_tree();
	test_sidebar();
	wq_text_release();
	tmp_remove(tmp);
	return CHECK_DONE();
}
