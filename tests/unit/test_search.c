/* The search index: Arabic words behind clitics are found by their stem
 * (with real words), words that merely start with those letters are not
 * cut, and the pieces are written as the page reads them. */
#define _XOPEN_SOURCE 700
#include <stdbool.h>

#include "check.h"
#include "tmpdir.h"

#include "config.h"
#include "diag.h"
#include "fsutil.h"
#include "load.h"
#include "markdown.h"
#include "outdir.h"
#include "search.h"
#include "site.h"
#include "spill.h"

static const char *tmp;
static char words[1 << 20]; /* every chunk of words, one after another */

/* Every chunk of words, in the order index.js names them ("files"); how
 * many.  Each is checked to call WQ_SEARCH.w() with its own name. */
static size_t read_chunks(const char *site_dir)
{
	static char index[1 << 16];
	size_t used = 0, k = 0, got;
	char path[1200], call[64];
	const char *p, *end;
	FILE *f;

	words[0] = '\0';
	snprintf(path, sizeof(path), "%s/search/index.js", site_dir);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return 0;
	got = fread(index, 1, sizeof(index) - 1, f);
	index[got] = '\0';
	fclose(f);
	p = strstr(index, "\"files\":[");
	CHECK(p != NULL);
	for (p = p ? p + 9 : ""; *p == '"' && (end = strchr(p + 1, '"')) != NULL; p = end + 2) {
		size_t at = used;
		snprintf(path, sizeof(path), "%s/search/w/%.*s.js", site_dir, (int)(end - p - 1),
			 p + 1);
		snprintf(call, sizeof(call), "WQ_SEARCH.w(\"%.*s\",{", (int)(end - p - 1), p + 1);
		CHECK((f = fopen(path, "rb")) != NULL);
		if (!f)
			break;
		used += fread(words + used, 1, sizeof(words) - 1 - used, f);
		words[used] = '\0';
		fclose(f);
		CHECK(strncmp(words + at, call, strlen(call)) == 0);
		k++;
		if (end[1] != ',')
			break;
	}
	CHECK(k > 0);
	return k;
}

/* Load, parse and index the sources in @p src, written to @p out (two
 * threads); index.js's text in @p index. */
static wq_site *index_site(const char *src, const char *out, wq_diag *diag, wq_buf *index,
			   size_t *files)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	wq_spill *spill = NULL;
	wq_outdir *od = NULL;
	size_t i, bytes = 0;

	CHECK(wq_config_load(&cfg, "/nonexistent.yml", false, diag, &err) == 0);
	cfg->jobs = 2;
	site = wq_site_new(cfg, src, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	CHECK(wq_outdir_begin(&od, out, NULL, &err) == 0);
	CHECK(wq_spill_open(&spill, wq_outdir_folder(od), &err) == 0);
	site->spill = spill;
	for (i = 0; i < site->ndocs; i++) {
		CHECK(wq_md_parse(site->docs[i], wq_site_links(site), &err) == 0);
		CHECK(wq_search_piece(site->docs[i], "", spill, &err) == 0);
	}
	CHECK(wq_search_write(od, site, NULL, index, &bytes, files, &err) == 0);
	wq_spill_free(spill);
	site->spill = NULL;
	CHECK(wq_outdir_commit(od, &err) == 0);
	return site;
}

/* A word's postings: its documents (site order) and weights; how many. */
static size_t postings_of(const char *word, size_t *docs, size_t *weights, size_t max)
{
	char key[256];
	const char *p;
	size_t n = 0, doc = 0;

	snprintf(key, sizeof(key), "\"%s\":[", word);
	if (!(p = strstr(words, key)))
		return 0;
	p += strlen(key);
	while (*p && *p != ']' && n < max) {
		doc += strtoul(p, (char **)&p, 10);
		if (*p == ',')
			p++;
		docs[n] = doc;
		weights[n++] = strtoul(p, (char **)&p, 10);
		if (*p == ',')
			p++;
	}
	return n;
}

/* The documents (site order) a word lists, as a bit set; 0 when the word
 * is not in the index. */
static unsigned docs_of(const char *word)
{
	size_t docs[32], weights[32], n, i;
	unsigned set = 0;

	n = postings_of(word, docs, weights, 32);
	for (i = 0; i < n; i++)
		set |= 1u << docs[i];
	return set;
}

/* Many documents, a word in some of them at the edges of 512-document
 * runs: every posting is there, in site order, with its weight, whatever
 * way the index is gathered. */
static void test_many(void)
{
	wq_diag *diag = wq_diag_new();
	wq_site *site;
	wq_buf index = WQ_BUF_INIT;
	char src[1024], out[1024], name[64], text[128];
	size_t i, files = 0, docs[2000], weights[2000], n;
	static const size_t beta[] = { 0, 511, 512, 1023, 1024, 1199 };

	snprintf(src, sizeof(src), "%s/many", tmp);
	snprintf(out, sizeof(out), "%s/many-site", tmp);
	for (i = 0; i < 1200; i++) {
		bool with_beta = false;
		size_t k;
		for (k = 0; k < sizeof(beta) / sizeof(beta[0]); k++)
			with_beta |= beta[k] == i;
		snprintf(name, sizeof(name), "p%04zu.md", i);
		snprintf(text, sizeof(text), "# P%zu\n\nalpha%s%s\n", i, with_beta ? " beta" : "",
			 i == 1023 ? " beta" : "");
		tmp_puts(src, name, text);
	}
	site = index_site(src, out, diag, &index, &files);
	CHECK(site->ndocs == 1200);
	read_chunks(out);
	n = postings_of("alpha", docs, weights, 2000);
	CHECK(n == 1200);
	for (i = 0; i < n; i++)
		CHECK(docs[i] == i && weights[i] == 1);
	n = postings_of("beta", docs, weights, 2000);
	CHECK(n == sizeof(beta) / sizeof(beta[0]));
	for (i = 0; i < n && i < sizeof(beta) / sizeof(beta[0]); i++) {
		/* p0000.md is document 0, and so on (site order: by path). */
		CHECK(docs[i] == beta[i]);
		CHECK(weights[i] == (beta[i] == 1023 ? 2u : 1u));
	}
	wq_buf_dispose(&index);
	wq_site_free(site);
	wq_diag_free(diag);
}

static unsigned bit(const wq_site *site, const char *rel)
{
	const wq_doc *d = wq_site_find_by_rel(site, rel);

	CHECK(d != NULL);
	return d ? 1u << d->index : 0;
}

int main(void)
{
	static const char *const texts[][2] = {
		{ "a.md", "# أ\n\nاهتمام بالمخزون اليومي.\n" },
		{ "b.md", "# ب\n\nالطلبات والمخزون.\n" },
		{ "c.md", "# ج\n\nتقرير للمخزون.\n" },
		{ "d.md", "# د\n\nبيت قديم، وزارة جديدة.\n" },
		{ "e.md", "# هـ\n\nكتاب مفيد.\n" },
		{ "f.md", "# و\n\nوكتاب آخر، فالكتاب نافع.\n" },
		{ "g.md", "# ز\n\nالمخزون الكافي.\n" },
		/* Hebrew with niqqud and final letters; Persian ی and ک. */
		{ "h.md", "# ח\n\nמַעֲצַר מְהַגְּרִים בַּגְּבוּל.\n" },
		{ "i.md", "# ی\n\nبازداشت کودکان مهاجر.\n" },
		/* ل + a stem met only behind the article, in a later document. */
		{ "j.md", "# ط\n\nتقرير لمنظمة دولية.\n" },
		{ "k.md", "# ك\n\nالمنظمة الكبرى.\n" },
	};
	wq_diag *diag = wq_diag_new();
	wq_site *site;
	wq_buf index = WQ_BUF_INIT;
	char src[1024], out[1024];
	size_t i, files = 0;
	unsigned stock;

	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	snprintf(src, sizeof(src), "%s/src", tmp);
	snprintf(out, sizeof(out), "%s/site", tmp);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		tmp_puts(src, texts[i][0], texts[i][1]);
	site = index_site(src, out, diag, &index, &files);
	CHECK(files == site->ndocs + 2); /* the articles, one chunk of words, index.js */
	/* The first file's script, for the search page, as index.js holds it. */
	CHECK(strstr(wq_buf_cstr(&index), "\"v\":4,\"n\":11,\"words\":[") != NULL);
	wq_buf_dispose(&index);
	CHECK(read_chunks(out) == 1);

	/* المخزون finds بالمخزون, والمخزون, للمخزون and itself; so does مخزون. */
	stock = bit(site, "a.md") | bit(site, "b.md") | bit(site, "c.md") | bit(site, "g.md");
	CHECK(docs_of("المخزون") == stock);
	CHECK(docs_of("مخزون") == stock);
	CHECK(docs_of("بالمخزون") == bit(site, "a.md"));
	/* و + a word of the site on its own is cut; فالكتاب is cut at its article. */
	CHECK(docs_of("كتاب") == (bit(site, "e.md") | bit(site, "f.md")));
	CHECK(docs_of("الكتاب") == bit(site, "f.md"));
	/* بيت is not ب + يت, and وزارة (زاره is no word here) is not cut. */
	CHECK(docs_of("بيت") == bit(site, "d.md"));
	/* لمنظمة is cut: منظمة is the stem of المنظمة, whichever comes first. */
	CHECK(docs_of("منظمه") == (bit(site, "j.md") | bit(site, "k.md")));
	CHECK(docs_of("المنظمه") == bit(site, "k.md"));
	CHECK(docs_of("يت") == 0);
	CHECK(docs_of("زاره") == 0);
	CHECK(docs_of("وزاره") == bit(site, "d.md"));
	/* Words are folded as the page folds them (ة to ه, diacritics gone). */
	CHECK(docs_of("جديدة") == 0 && docs_of("جديده") == bit(site, "d.md"));
	/* Hebrew: niqqud dropped, final letters folded (מהגרים under מהגרימ,
	 * so that a query's prefix מהגרי finds it). */
	CHECK(docs_of("מעצר") == bit(site, "h.md"));
	CHECK(docs_of("מהגרימ") == bit(site, "h.md"));
	CHECK(docs_of("מהגרים") == 0);
	CHECK(docs_of("בגבול") == bit(site, "h.md"));
	/* Persian: ک as ك, ی as ي. */
	CHECK(docs_of("كودكان") == bit(site, "i.md"));
	{
		char path[1200];
		snprintf(path, sizeof(path), "%s/search/index.js", out);
		CHECK(wq_fs_is_file(path));
		snprintf(path, sizeof(path), "%s/search/d/0.js", out);
		CHECK(wq_fs_is_file(path));
	}
	wq_site_free(site);
	wq_diag_free(diag);
	test_many();
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
