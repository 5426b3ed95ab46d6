#include "build.h"

#include "buf.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse.h"
#include "cache.h"
#include "config.h"
#include "epub.h"
#include "fonts.h"
#include "fsutil.h"
#include "hash.h"
#include "langs.h"
#include "load.h"
#include "markdown.h"
#include "mem.h"
#include "outdir.h"
#include "pool.h"
#include "search.h"
#include "spill.h"
#include "text.h"
#include "site.h"
#include "theme.h"
#include "website.h"
#include "xml.h"

/* SOURCE_DATE_EPOCH (reproducible-builds.org), or -1 when unset or invalid. */
static int64_t source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno || v < 0)
		return -1;
	return (int64_t)v;
}

/* WARRAQ_TEXT_MEMORY: bytes of source text kept in memory between stages
 * (default 64 MiB); 0 reads every text again at each stage. */
static void text_memory(wq_config *cfg)
{
	const char *s = getenv("WARRAQ_TEXT_MEMORY");
	char *end;
	unsigned long long v;

	if (!s || !*s)
		return;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*end && !errno && v <= SIZE_MAX)
		cfg->text_memory = (size_t)v;
}

static void site_updated(wq_site *site, int64_t sde)
{
	size_t i;
	int64_t newest = -1, newest_mtime = -1;

	for (i = 0; i < site->ndocs; i++) {
		if (site->docs[i]->has_date && site->docs[i]->date > newest)
			newest = site->docs[i]->date;
		if (site->docs[i]->mtime > newest_mtime)
			newest_mtime = site->docs[i]->mtime;
	}
	if (newest >= 0)
		site->updated = newest;
	else if (sde >= 0)
		site->updated = sde;
	else if (newest_mtime >= 0)
		site->updated = newest_mtime;
	else
		site->updated = (int64_t)time(NULL);
}

/* The build cache (cache.h) for a build into @p o->output: its key and
 * inputs, the last build's record read. */
static wq_cache *open_cache(const wq_build_opts *o, const wq_config *cfg, int64_t sde)
{
	wq_buf key = WQ_BUF_INIT, exe = WQ_BUF_INIT;
	wq_err err;
	const char *roots[9];
	char *owned[6], *file;
	size_t n = 0, k = 0, i;
	wq_cache *c;

	/* What the output depends on besides the files: this program, the
	 * libraries, the options and the date the build is made as of. */
	memset(&err, 0, sizeof(err));
	if (wq_fs_read(&exe, "/proc/self/exe", &err) == 0)
		wq_buf_printf(&key, "warraq %016llx\n",
			      (unsigned long long)wq_hash_fnv1a(exe.ptr ? exe.ptr : "", exe.len));
	else
		wq_buf_printf(&key, "warraq unknown %p\n", (void *)&key); /* never the same */
	wq_buf_dispose(&exe);
	wq_cache_libraries(&key);
	wq_buf_printf(&key, "source %s\nconfig %s\noutput %s\ndrafts %d\nstrict %d\n",
		      o->source, o->config, o->output, o->drafts, o->strict);
	wq_buf_printf(&key, "base-url %s\nsource-date-epoch %lld\n", o->base_url ? o->base_url : "",
		      (long long)sde);
	roots[n++] = o->config;
	roots[n++] = o->source;
	owned[k++] = wq_fs_join(cfg->root, "layouts");
	owned[k++] = wq_fs_join(cfg->root, "assets");
	owned[k++] = wq_fs_join(cfg->root, "i18n");
	owned[k++] = wq_fs_join(cfg->root, "themes");
	if (*cfg->epub.cover)
		owned[k++] = wq_fs_join(cfg->root, cfg->epub.cover);
	if ((owned[k] = wq_theme_locate(cfg)) != NULL)
		k++;
	for (i = 0; i < k; i++)
		roots[n++] = owned[i];
	roots[n] = NULL;
	file = wq_cache_file(o->output);
	wq_cache_scan(&c, file, wq_buf_cstr(&key), roots, o->output, sde < 0);
	free(file);
	for (i = 0; i < k; i++)
		free(owned[i]);
	wq_buf_dispose(&key);
	return c;
}

/* The counts a build keeps in the cache, in this order. */
enum { COUNT_DOCUMENTS, COUNT_PAGES, COUNT_FILES, COUNT_PAGE_BYTES, COUNT_SEARCH_BYTES, NCOUNTS };

/* WQ_EINPUT when the diagnostics hold errors (they are the build's errors,
 * already reported: @p err says so). */
static int stop_for_errors(const wq_diag *diag, wq_err *err)
{
	size_t n = wq_diag_errors(diag);

	if (!n)
		return 0;
	wq_err_set(err, WQ_EINPUT, NULL, 0, 0, "%zu errors", n);
	err->logged = 1;
	return WQ_EINPUT;
}

/* How far the build is, for wq_build_opts::progress: counted on the
 * threads that parse and write the documents. */
typedef struct progress {
	const wq_build_opts *o;
	atomic_size_t parsed, written;
	size_t total;
} progress;

static void progress_step(progress *p, atomic_size_t *counter)
{
	atomic_fetch_add(counter, 1);
	if (p->o->progress)
		p->o->progress(p->o->progress_ctx, atomic_load(&p->parsed),
			       atomic_load(&p->written), p->total);
}

/* Parsing: the documents, then the sections' _index.md files (whose text
 * heads the section's page), each on its own. */
typedef struct parse_job {
	wq_site *site;
	progress *progress;
} parse_job;

/* One document, on one thread: parsed, analysed, its characters (for the
 * font subsets) and its part of the search index taken, then its text and
 * tree let go: they are made again when its page and chapter are written.
 * A section's _index.md keeps them (its text is on the section's page). */
static int parse_one(void *ctx, size_t i, wq_err *err)
{
	parse_job *pj = ctx;
	wq_site *site = pj->site;
	bool article = i < site->ndocs;
	wq_doc *doc = article ? site->docs[i] : site->indexes[i - site->ndocs];
	int rc;

	if ((article && !doc->text_loaded && (rc = wq_load_text_again(site, doc, err)) < 0) ||
	    (rc = wq_md_parse(doc, wq_site_links(site), err)) < 0)
		return rc;
	wq_analyse_doc(doc, site->config);
	free(doc->chars);
	wq_text_chars_used(&doc->chars, &doc->nchars, doc->text, doc->text_len);
	if (!article) {
		wq_md_apply_bidi(doc); /* rendered on its section's page, tree kept */
		return 0;
	}
	rc = wq_search_piece(doc, site->config->url_prefix, site->spill, err);
	if (doc->keep_text)
		wq_doc_release_tree(doc);
	else
		wq_doc_release_body(doc);
	progress_step(pj->progress, &pj->progress->parsed);
	return rc;
}

/* Writing: each document's chapter and page (and its own book). */
typedef struct write_job {
	const wq_site *site;
	const wq_theme *theme;
	wq_outdir *od;
	wq_book *book; /* NULL: no book */
	size_t *bytes; /* each page's size */
	const wq_fonts *fonts; /* for the books of one article */
	int64_t modified;      /* their modification time */
	bool per_article;      /* `epub.per_article`: a book for each article */
	progress *progress;
} write_job;

/* The document's text and tree again, as the first parse made them (its
 * warnings were given then; this parse gives only what needs every
 * document parsed: links to another document's missing headings). */
static int parse_again(const wq_site *site, wq_doc *doc, wq_err *err)
{
	int rc = 0;

	if ((doc->text_loaded || (rc = wq_load_text_again(site, doc, err)) == 0) &&
	    (rc = wq_md_parse_again(doc, wq_site_links(site), err)) == 0)
		wq_md_apply_bidi(doc);
	return rc;
}

/* The article's own book, in the folder of its page, made and written on
 * this thread while its tree is there. */
static int write_article_book(write_job *j, size_t i, wq_err *err)
{
	const wq_doc *doc = j->site->docs[i];
	wq_book *book = NULL;
	wq_buf name = WQ_BUF_INIT;
	char *rel;
	int rc;

	wq_epub_article_file_name(&name, doc);
	rel = wq_fs_join(doc->url, name.ptr);
	if ((rc = wq_epub_begin_article(&book, j->site, j->theme, j->fonts, j->modified, i,
					err)) == 0 &&
	    (rc = wq_epub_chapter(book, 0, err)) == 0)
		rc = wq_epub_finish(book, j->od, rel, err);
	wq_epub_free(book);
	free(rel);
	wq_buf_dispose(&name);
	return rc;
}

static int write_one(void *ctx, size_t i, wq_err *err)
{
	write_job *j = ctx;
	wq_doc *doc = j->site->docs[i];
	int rc;

	if ((rc = parse_again(j->site, doc, err)) == 0 &&
	    (!j->book || (rc = wq_epub_chapter(j->book, i, err)) == 0) &&
	    (!j->book || !j->per_article || (rc = write_article_book(j, i, err)) == 0))
		rc = wq_website_article(j->od, j->site, j->theme, i, &j->bytes[i], err);
	wq_doc_release_body(doc);
	progress_step(j->progress, &j->progress->written);
	return rc;
}

/* Where a check keeps the build's work file (in no folder once open). */
static const char *temp_folder(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

/* One language's pages, chapters and book (a site of one language: the
 * whole site), written on the site's threads; then its lists, feed and
 * search, and with the first language the files at the top. */
static int write_site(wq_site *site, const wq_theme *theme, const wq_fonts *fonts,
		      wq_outdir *od, int64_t sde, progress *pr, wq_build_stats *stats,
		      wq_diag *diag, wq_err *err)
{
	wq_book *book = NULL;
	wq_website_stats ws;
	size_t i, article_bytes = 0;
	int rc = 0;

	if (site->book_file) {
		if ((rc = wq_epub_begin(&book, site, theme, fonts, sde >= 0 ? sde : site->updated,
					err)) < 0)
			goto done;
	}
	{
		/* Each document once more, on the site's threads: parsed again,
		 * its chapter and its page written, its text and tree let go. */
		write_job wj = { site, theme, od, book, NULL, fonts, sde >= 0 ? sde : site->updated,
				 site->config->epub.per_article, pr };
		wj.bytes = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*wj.bytes));
		rc = wq_pool_for(site->config->jobs, site->ndocs, write_one, &wj, diag, err);
		for (i = 0; i < site->ndocs; i++)
			article_bytes += wj.bytes[i];
		free(wj.bytes);
		if (rc < 0)
			goto done;
	}
	if (book && (rc = wq_epub_finish(book, od, site->book_file, err)) < 0)
		goto done;
	if ((rc = wq_website_write(od, site, theme, fonts, sde, &ws, err)) < 0)
		goto done;
	stats->documents += site->ndocs;
	stats->pages += ws.pages + site->ndocs;
	stats->files += ws.files + site->ndocs;
	if (book && site->config->epub.per_article)
		stats->files += site->ndocs;
	stats->page_bytes += ws.page_bytes + article_bytes;
	stats->search_bytes += ws.search_bytes;
done:
	wq_epub_free(book);
	return rc;
}

int wq_build_run(const wq_build_opts *o, wq_diag *diag, wq_build_stats *stats, wq_err *err)
{
	wq_config *cfg = NULL;
	wq_site **sites = NULL;
	wq_langs *langs = NULL;
	wq_theme *theme = NULL;
	wq_fonts *fonts = NULL;
	wq_outdir *od = NULL;
	wq_spill *spill = NULL;
	size_t i, k, nsites = 0, ndocs = 0;
	int64_t sde = source_date_epoch();
	const char *protect[4];
	wq_cache *cache = NULL;
	progress pr;
	char **files = NULL;
	size_t nfiles = 0;
	int rc = WQ_EFAIL;

	memset(stats, 0, sizeof(*stats));
	pr.o = o;
	atomic_init(&pr.parsed, 0);
	atomic_init(&pr.written, 0);
	pr.total = 0;
	wq_xml_init(); /* before any thread writes a chapter */
	if (o->strict)
		wq_diag_set_strict(diag, true);
	if ((rc = wq_config_load(&cfg, o->config, o->config_given, diag, err)) < 0)
		goto done;
	if (o->drafts)
		cfg->drafts = true;
	if (o->strict)
		cfg->strict = true;
	if (o->base_url && wq_config_set_base_url(cfg, o->base_url) < 0) {
		rc = wq_err_set(err, WQ_EUSAGE, NULL, 0, 0,
				"the base URL must be an absolute http(s) URL, not '%s'", o->base_url);
		goto done;
	}
	wq_diag_set_strict(diag, cfg->strict);
	cfg->jobs = o->jobs ? o->jobs : wq_pool_default_jobs();
	text_memory(cfg);
	/* Nothing changed since the last build: its output stays, and its
	 * warnings are given again. */
	if (!o->check)
		cache = open_cache(o, cfg, sde);
	if (cache && wq_cache_fresh(cache, o->output)) {
		size_t counts[NCOUNTS];
		if (wq_cache_restore(cache, diag, counts, NCOUNTS) == 0) {
			stats->documents = counts[COUNT_DOCUMENTS];
			stats->pages = counts[COUNT_PAGES];
			stats->files = counts[COUNT_FILES];
			stats->page_bytes = counts[COUNT_PAGE_BYTES];
			stats->search_bytes = counts[COUNT_SEARCH_BYTES];
			stats->unchanged = stats->files;
			stats->up_to_date = true;
			rc = stop_for_errors(diag, err);
			goto done;
		}
	}
	/* A multilingual site is a site per language (langs.h), sharing the
	 * output folder. */
	nsites = cfg->nlanguages ? cfg->nlanguages : 1;
	sites = wq_xcalloc(nsites, sizeof(*sites));
	for (k = 0; k < nsites; k++)
		sites[k] = wq_site_new(cfg->nlanguages ? wq_config_for_language(cfg, k) : cfg,
				       o->source, diag);
	if (!cfg->nlanguages)
		cfg = NULL; /* the site has it */
	/* Problems in documents are errors in the diagnostics: every document
	 * is loaded, parsed and checked before the build stops for them. */
	for (k = 0; k < nsites; k++)
		if ((rc = wq_load_sources(sites[k], err)) < 0 && !err->logged)
			goto done;
	protect[0] = o->source;
	protect[1] = sites[0]->config->root;
	protect[2] = ".";
	protect[3] = NULL;
	if ((rc = o->check ? wq_outdir_begin_dry(&od, o->output, protect, err) :
			     wq_outdir_begin(&od, o->output, protect, err)) < 0 ||
	    (rc = wq_spill_open(&spill, o->check ? temp_folder() : wq_outdir_folder(od), err)) < 0)
		goto done;
	if (o->file_written)
		wq_outdir_keep_list(od);
	if (cfg)
		langs = wq_langs_new(sites, nsites);
	for (k = 0; k < nsites; k++) {
		sites[k]->spill = spill;
		ndocs += sites[k]->ndocs;
	}
	pr.total = ndocs;
	for (k = 0; k < nsites; k++) {
		parse_job pj = { sites[k], &pr };
		int prc = wq_pool_for(sites[k]->config->jobs, sites[k]->ndocs + sites[k]->nindexes,
				      parse_one, &pj, diag, err);
		if (rc == 0)
			rc = prc;
		wq_site_report_unmatched(sites[k]);
	}
	if (rc < 0 || (rc = stop_for_errors(diag, err)) < 0)
		goto done;
	for (k = 0; k < nsites; k++) {
		wq_analyse_site(sites[k]);
		site_updated(sites[k], sde);
	}
	if (langs)
		wq_langs_index_tags(langs); /* the tags are in their final order */
	if (!*sites[0]->config->base_url)
		wq_diag_warn(diag, *sites[0]->config->path ? sites[0]->config->path : NULL, 0, 0,
			     "no base_url: sitemap.xml and feed.xml use relative URLs");
	if ((rc = wq_theme_open(&theme, sites[0]->config, err)) < 0)
		goto done;
	wq_theme_scale(theme, ndocs);
	if ((rc = wq_fonts_prepare(&fonts, sites[0], theme, err)) < 0)
		goto done;
	/* Each language's book named first: the home pages link every one. */
	for (k = 0; k < nsites; k++) {
		wq_site *site = sites[k];
		wq_buf name = WQ_BUF_INIT;
		if (!site->config->epub.enabled || !site->ndocs)
			continue;
		wq_epub_file_name(&name, site);
		site->book_file = wq_fs_join(site->config->url_prefix, name.ptr);
		wq_buf_dispose(&name);
	}
	for (k = 0; k < nsites; k++)
		if ((rc = write_site(sites[k], theme, fonts, od, sde, &pr, stats, diag, err)) < 0)
			goto done;
	/* Warnings made errors (--strict) while writing fail the build too. */
	if ((rc = stop_for_errors(diag, err)) < 0)
		goto done;
	/* The work file goes before the new site takes the old one's place. */
	wq_spill_free(spill);
	spill = NULL;
	for (k = 0; k < nsites; k++)
		sites[k]->spill = NULL;
	if (o->file_written)
		files = wq_outdir_list(od, &nfiles);
	stats->unchanged = wq_outdir_kept(od);
	rc = wq_outdir_commit(od, err);
	od = NULL;
	if (rc < 0)
		goto done;
	if (cache) {
		/* Without a record, the next build is a full one: no harm. */
		size_t counts[NCOUNTS];
		wq_err ignored;
		counts[COUNT_DOCUMENTS] = stats->documents;
		counts[COUNT_PAGES] = stats->pages;
		counts[COUNT_FILES] = stats->files;
		counts[COUNT_PAGE_BYTES] = stats->page_bytes;
		counts[COUNT_SEARCH_BYTES] = stats->search_bytes;
		memset(&ignored, 0, sizeof(ignored));
		(void)wq_cache_save(cache, o->output, diag, counts, NCOUNTS, &ignored);
	}
	for (i = 0; i < nfiles; i++)
		o->file_written(o->file_ctx, files[i]);
	rc = 0;
done:
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	wq_spill_free(spill);
	wq_cache_free(cache);
	wq_text_release();
	wq_outdir_abort(od);
	wq_fonts_free(fonts);
	wq_theme_free(theme);
	for (k = 0; k < nsites; k++)
		wq_site_free(sites[k]);
	free(sites);
	wq_langs_free(langs);
	wq_config_free(cfg);
	return rc;
}
