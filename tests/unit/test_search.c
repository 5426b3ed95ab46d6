/* The search index: Arabic words behind clitics are found by their stem
 * (with real words), words that merely start with those letters are not
 * cut, and the pieces are written as the page reads them. */
#define _XOPEN_SOURCE 700
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

static void read_chunks(const char *site_dir)
{
	size_t used = 0, k;
	char path[1200];
	FILE *f;

	words[0] = '\0';
	for (k = 0;; k++) {
		snprintf(path, sizeof(path), "%s/search/w/%zu.js", site_dir, k);
		if (!(f = fopen(path, "rb")))
			break;
		used += fread(words + used, 1, sizeof(words) - 1 - used, f);
		words[used] = '\0';
		fclose(f);
	}
	CHECK(k > 0);
}

/* The documents (site order) a word lists, as a bit set; 0 when the word
 * is not in the index. */
static unsigned docs_of(const char *word)
{
	char key[256];
	const char *p;
	unsigned set = 0, doc = 0;

	snprintf(key, sizeof(key), "\"%s\":[", word);
	if (!(p = strstr(words, key)))
		return 0;
	p += strlen(key);
	while (*p && *p != ']') {
		unsigned gap = (unsigned)strtoul(p, (char **)&p, 10);
		if (*p == ',')
			p++;
		(void)strtoul(p, (char **)&p, 10); /* the weight */
		if (*p == ',')
			p++;
		doc += gap;
		set |= 1u << doc;
	}
	return set;
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
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	wq_spill *spill = NULL;
	wq_outdir *od = NULL;
	wq_buf index = WQ_BUF_INIT;
	char src[1024], out[1024];
	size_t i, bytes = 0, files = 0;
	unsigned stock;

	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	snprintf(src, sizeof(src), "%s/src", tmp);
	snprintf(out, sizeof(out), "%s/site", tmp);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		tmp_puts(src, texts[i][0], texts[i][1]);
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
	CHECK(wq_search_write(od, site, NULL, &index, &bytes, &files, &err) == 0);
	CHECK(files == site->ndocs + 2); /* the articles, one chunk of words, index.js */
	/* The first file's script, for the search page, as index.js holds it. */
	CHECK(strstr(wq_buf_cstr(&index), "\"v\":3,\"n\":11,\"words\":[") != NULL);
	wq_buf_dispose(&index);
	wq_spill_free(spill);
	site->spill = NULL;
	CHECK(wq_outdir_commit(od, &err) == 0);
	read_chunks(out);

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
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
