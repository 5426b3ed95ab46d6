#include "build.h"

#include "buf.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse.h"
#include "cache.h"
#include "config.h"
#include "docrec.h"
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

/* The sites left for the end of the process (wq_build_opts::exits_after):
 * reachable from here, so that leak checkers do not count them. */
static wq_site **left_to_exit;
static size_t nleft_to_exit;

static void leave_to_exit(wq_site *site)
{
	WQ_APPEND(left_to_exit, nleft_to_exit, site);
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
	wq_buf key = WQ_BUF_INIT;
	wq_fs_mapped exe;
	wq_err err;
	const char *roots[9];
	char *owned[6], *file;
	size_t n = 0, k = 0, i;
	wq_cache *c;

	/* What the output depends on besides the files: this program, the
	 * libraries, the options and the date the build is made as of. */
	memset(&err, 0, sizeof(err));
	if (wq_fs_map(&exe, "/proc/self/exe", &err) == 0) /* a running program is not written */
		wq_buf_printf(&key, "warraq %016llx\n",
			      (unsigned long long)wq_hash_bytes(exe.ptr, exe.len));
	else
		wq_buf_printf(&key, "warraq unknown %p\n", (void *)&key); /* never the same */
	wq_fs_unmap(&exe);
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
	wq_cache_scan(&c, file, wq_buf_cstr(&key), roots, o->output, sde < 0, cfg->jobs);
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

/* What the cache (cache.h) gives a build of a site of one language, and
 * what the build keeps for the next one: each document's record and
 * warnings, and which documents are taken from the last build as they
 * were (not parsed, their page and chapter not written). */
typedef struct reuse {
	wq_cache *cache;
	const wq_cache_site *last; /* the last build's documents when this build may
				      update its output in place, else NULL */
	size_t n;         /* the site's documents */
	bool *again;      /* taken from the last build (its record and warnings are
			     the last build's) */
	wq_spill_ref *rec;   /* the others: each one's record (wq_docrec_put()), in the
				work file */
	wq_spill_ref *warnp; /* the warnings parsing it gave (wq_diag_save()) */
	wq_spill_ref *warnw; /* and writing it */
	wq_spill_ref *lrec;  /* what loading set (wq_docrec_put_loaded()) */
	uint64_t *loaded; /* wq_docrec_loaded() */
	wq_buf site_warn; /* the warnings of the rest of the site */
	wq_spill *words;  /* the cache's words file, read where it is */
} reuse;

/* A build that took documents from the last one, whose other documents
 * turned out to show something new of themselves: it starts again. */
#define AGAIN_WITHOUT_REUSE (-1000)

static void reuse_free(reuse *ru)
{
	if (!ru)
		return;
	free(ru->again);
	free(ru->rec);
	free(ru->warnp);
	free(ru->warnw);
	free(ru->lrec);
	free(ru->loaded);
	wq_buf_dispose(&ru->site_warn);
	wq_spill_free(ru->words);
	free(ru);
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The reuse of a site of one language: whether its output may be updated
 * in place (the last build's documents are these, and every input but
 * their sources is as it was). */
static reuse *reuse_new(wq_cache *cache, const wq_site *site)
{
	reuse *ru = wq_xcalloc(1, sizeof(*ru));
	const wq_cache_site *last = wq_cache_last_site(cache);
	size_t i, n = site->ndocs;

	ru->cache = cache;
	ru->n = n;
	ru->again = wq_xcalloc(n ? n : 1, sizeof(*ru->again));
	ru->rec = wq_xcalloc(n ? n : 1, sizeof(*ru->rec));
	ru->warnp = wq_xcalloc(n ? n : 1, sizeof(*ru->warnp));
	ru->warnw = wq_xcalloc(n ? n : 1, sizeof(*ru->warnw));
	ru->lrec = wq_xcalloc(n ? n : 1, sizeof(*ru->lrec));
	ru->loaded = wq_xcalloc(n ? n : 1, sizeof(*ru->loaded));
	for (i = 0; i < n; i++)
		/* A document made from its record has the hash it was saved with. */
		ru->loaded[i] = site->docs[i]->restored && last && i < last->ndocs &&
					!strcmp(last->docs[i].rel, site->docs[i]->rel) ?
					last->docs[i].loaded :
					wq_docrec_loaded(site->docs[i]);
	if (last && last->ndocs == n && n) {
		char **paths = wq_xmalloc(n * sizeof(*paths));
		bool same = true;
		for (i = 0; i < n && same; i++)
			same = !strcmp(last->docs[i].rel, site->docs[i]->rel);
		for (i = 0; i < n; i++)
			paths[i] = site->docs[i]->path;
		qsort(paths, n, sizeof(*paths), cmp_paths);
		if (same && wq_cache_fresh_but(cache, paths, n))
			ru->last = last;
		free(paths);
	}
	return ru;
}

/* Loading from the cache (wq_site::known): a source whose file is the very
 * file the last build read is made from its record, not read.  Its
 * warnings are given again; what parsing found comes later (reuse_take()),
 * as for a document read. */
typedef struct known_job {
	wq_cache *cache;
	const wq_cache_site *last;
	wq_strmap *by_rel;   /* source path → index in last->docs */
	const char *source;  /* the source folder, as given */
	wq_diag *diag;
} known_job;

static wq_doc *known_doc(void *ctx, const char *rel, const struct stat *st)
{
	known_job *k = ctx;
	wq_doc *doc;
	char *path;
	size_t i;
	bool same;

	(void)st;
	if (!wq_strmap_get_index(k->by_rel, rel, strlen(rel), &i))
		return NULL;
	path = wq_fs_join(k->source, rel);
	same = wq_cache_same_file(k->cache, path);
	free(path);
	if (!same)
		return NULL;
	doc = wq_doc_new_unset();
	if (wq_docrec_get_loaded(doc, k->last->docs[i].loaded_record,
				 k->last->docs[i].loaded_record_len) < 0 ||
	    strcmp(doc->rel, rel)) {
		wq_doc_free(doc);
		return NULL;
	}
	doc->restored = true;
	if (wq_diag_load(k->diag, doc->load_notes.ptr, doc->load_notes.len) < 0) {
		wq_doc_free(doc);
		return NULL;
	}
	return doc;
}

static bool stat_known(void *ctx, const char *path, struct stat *st)
{
	const known_job *k = ctx;

	return wq_cache_input_stat(k->cache, path, st);
}

/* reuse_take()'s documents, read from their records on the site's threads. */
typedef struct take_job {
	reuse *ru;
	wq_site *site;
	uint64_t len;  /* the words file's size */
	bool *failed;  /* a document whose record cannot be read */
} take_job;

static int take_one(void *ctx, size_t i, wq_err *err)
{
	take_job *t = ctx;
	const wq_cache_doc *d = &t->ru->last->docs[i];
	wq_doc *doc = t->site->docs[i];

	(void)err;
	if (d->text_hash != doc->text_hash || d->loaded != t->ru->loaded[i])
		return 0;
	if (d->words_at > t->len || d->words_len > t->len - d->words_at ||
	    wq_docrec_get(doc, d->record, d->record_len) < 0) {
		t->failed[i] = true;
		return 0;
	}
	t->ru->again[i] = true;
	wq_doc_release_body(doc);
	return 0;
}

/* Take from the last build each document whose text and front matter did
 * not change: what parsing found (read on the site's threads), its search
 * words (read from the cache's words file) and its warnings (given again,
 * in the site's order).  AGAIN_WITHOUT_REUSE when the last build's record
 * cannot be read. */
static int reuse_take(reuse *ru, wq_site *site, wq_diag *diag, wq_err *err)
{
	take_job t;
	size_t i;
	int rc = 0;

	if (!ru->last)
		return 0;
	if (wq_spill_open_existing(&ru->words, wq_cache_words_file(ru->cache, &t.len), err) < 0)
		return AGAIN_WITHOUT_REUSE;
	t.ru = ru;
	t.site = site;
	t.failed = wq_xcalloc(ru->n ? ru->n : 1, sizeof(*t.failed));
	if (wq_pool_for(site->config->jobs, ru->n, take_one, &t, NULL, err) < 0)
		rc = AGAIN_WITHOUT_REUSE;
	for (i = 0; i < ru->n && rc == 0; i++) {
		const wq_cache_doc *d = &ru->last->docs[i];
		wq_doc *doc = site->docs[i];
		if (t.failed[i] || (ru->again[i] && wq_diag_load(diag, d->warnings, d->warnings_len) < 0))
			rc = AGAIN_WITHOUT_REUSE;
		else if (ru->again[i]) {
			doc->search_words.offset = d->words_at;
			doc->search_words.len = (size_t)d->words_len;
			doc->search_words_in = ru->words;
		}
	}
	free(t.failed);
	return rc;
}

/* What the documents do not say of themselves but the site's pages and
 * files show: the site's language and direction, and the characters of
 * every text (the fonts are cut to them).  Not the site's date: only the
 * feed, the sitemap and the book show it, and an update writes them. */
static uint64_t site_hash(const wq_site *site)
{
	const size_t bits = 0x110000;
	uint8_t *seen = wq_xcalloc(bits / 8, 1);
	wq_buf b = WQ_BUF_INIT;
	size_t i, k;
	uint64_t h;

	for (i = 0; i < site->ndocs + site->nindexes; i++) {
		const wq_doc *doc = i < site->ndocs ? site->docs[i] : site->indexes[i - site->ndocs];
		for (k = 0; k < doc->nchars; k++)
			if (doc->chars[k] < bits)
				seen[doc->chars[k] / 8] |= (uint8_t)(1u << (doc->chars[k] % 8));
	}
	wq_buf_printf(&b, "%s %d %zu %zu %zu %zu", site->lang, (int)site->dir, site->ndocs,
		      site->nindexes, site->nsections, site->ntags);
	wq_buf_put(&b, (const char *)seen, bits / 8);
	h = wq_hash_bytes(b.ptr, b.len);
	wq_buf_dispose(&b);
	free(seen);
	return h;
}

/* The warnings given on this thread while @p fn runs go to @p keep too. */
typedef int (*doc_fn)(void *ctx, size_t i, wq_err *err);

static int kept_warnings(doc_fn fn, void *ctx, size_t i, const wq_site *site,
			 wq_spill_ref *keep, wq_err *err)
{
	wq_diag *mine = wq_diag_new(), *before = wq_diag_redirect(mine);
	wq_buf saved = WQ_BUF_INIT;
	wq_err e2;
	int rc = fn(ctx, i, err);

	wq_diag_redirect(before);
	wq_diag_save(mine, &saved);
	memset(&e2, 0, sizeof(e2));
	if (wq_spill_put(site->spill, saved.ptr, saved.len, keep, &e2) < 0 && rc == 0) {
		*err = e2;
		rc = WQ_EIO;
	}
	wq_diag_take(before ? before : site->diag, mine);
	wq_diag_free(mine);
	wq_buf_dispose(&saved);
	return rc;
}

/* Parsing: the documents, then the sections' _index.md files (whose text
 * heads the section's page), each on its own. */
typedef struct parse_job {
	wq_site *site;
	progress *progress;
	reuse *ru; /* NULL: no cache */
} parse_job;

/* One document, on one thread: parsed, analysed, its characters (for the
 * font subsets) and its part of the search index taken, then its text and
 * tree let go: they are made again when its page and chapter are written.
 * A section's _index.md keeps them (its text is on the section's page). */
static int parse_doc(void *ctx, size_t i, wq_err *err)
{
	parse_job *pj = ctx;
	wq_site *site = pj->site;
	bool article = i < site->ndocs;
	wq_doc *doc = article ? site->docs[i] : site->indexes[i - site->ndocs];
	int rc;

	if (article && pj->ru) {
		wq_buf rec = WQ_BUF_INIT;
		wq_docrec_put_loaded(&rec, doc);
		rc = wq_spill_put(site->spill, rec.ptr, rec.len, &pj->ru->lrec[i], err);
		wq_buf_dispose(&rec);
		if (rc < 0)
			return rc;
	}
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
	if (pj->ru && rc == 0) {
		wq_buf rec = WQ_BUF_INIT;
		wq_docrec_put(&rec, doc);
		rc = wq_spill_put(site->spill, rec.ptr, rec.len, &pj->ru->rec[i], err);
		wq_buf_dispose(&rec);
	}
	if (doc->keep_text)
		wq_doc_release_tree(doc);
	else
		wq_doc_release_body(doc);
	progress_step(pj->progress, &pj->progress->parsed);
	return rc;
}

static int parse_one(void *ctx, size_t i, wq_err *err)
{
	parse_job *pj = ctx;

	if (!pj->ru || i >= pj->site->ndocs)
		return parse_doc(ctx, i, err);
	if (pj->ru->again[i]) {
		progress_step(pj->progress, &pj->progress->parsed);
		return 0;
	}
	return kept_warnings(parse_doc, ctx, i, pj->site, &pj->ru->warnp[i], err);
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
	reuse *ru;             /* NULL: no cache */
	const size_t *list;    /* an update: the documents to write (write_listed()) */
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

static int write_doc(void *ctx, size_t i, wq_err *err)
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

static int write_one(void *ctx, size_t i, wq_err *err)
{
	write_job *j = ctx;

	if (!j->ru)
		return write_doc(ctx, i, err);
	return kept_warnings(write_doc, ctx, i, j->site, &j->ru->warnw[i], err);
}

static int write_listed(void *ctx, size_t k, wq_err *err)
{
	write_job *j = ctx;

	return write_one(ctx, j->list[k], err);
}

/* Where a check keeps the build's work file (in no folder once open). */
static const char *temp_folder(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

/* The book closed and the site's other pages written: two tasks that
 * share nothing but what they read, run side by side. */
typedef struct finish_job {
	wq_site *site;
	const wq_theme *theme;
	const wq_fonts *fonts;
	wq_outdir *od;
	wq_book *book; /* NULL: no book */
	int64_t sde;
	reuse *ru;
	const bool *only; /* an update in place: the documents written again */
	wq_diag *diag;
	wq_website_stats ws;
} finish_job;

static int finish_part(void *ctx, size_t i, wq_err *err)
{
	finish_job *f = ctx;
	wq_diag *mine, *before;
	int rc;

	if (i == 0)
		return f->book ? wq_epub_finish(f->book, f->od, f->site->book_file, err) : 0;
	if (f->only)
		return wq_website_update(f->od, f->site, f->theme, f->only, f->sde, &f->ws, err);
	if (!f->ru)
		return wq_website_write(f->od, f->site, f->theme, f->fonts, f->sde, &f->ws, err);
	/* Its warnings are given again when the next build updates the site
	 * in place (and does not write these pages). */
	mine = wq_diag_new();
	before = wq_diag_redirect(mine);
	rc = wq_website_write(f->od, f->site, f->theme, f->fonts, f->sde, &f->ws, err);
	wq_diag_redirect(before);
	wq_diag_save(mine, &f->ru->site_warn);
	wq_diag_take(before ? before : f->diag, mine);
	wq_diag_free(mine);
	return rc;
}

/* One language's pages, chapters and book (a site of one language: the
 * whole site), written on the site's threads; then its lists, feed and
 * search, and with the first language the files at the top. */
static int write_site(wq_site *site, const wq_theme *theme, const wq_fonts *fonts,
		      wq_outdir *od, int64_t sde, progress *pr, reuse *ru, wq_book **kept,
		      wq_build_stats *stats, wq_diag *diag, wq_err *err)
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
				 site->config->epub.per_article, pr, ru, NULL };
		wj.bytes = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*wj.bytes));
		rc = wq_pool_for(site->config->jobs, site->ndocs, write_one, &wj, diag, err);
		for (i = 0; i < site->ndocs; i++)
			article_bytes += wj.bytes[i];
		free(wj.bytes);
		if (rc < 0)
			goto done;
	}
	{
		/* The book's last parts and zip on one thread, the lists,
		 * search and feed on the others (warnings and the first error:
		 * the book's, then the site's, as when one thread does both). */
		finish_job f = { site, theme, fonts, od, book, sde, ru, NULL, diag, { 0 } };
		rc = wq_pool_for(site->config->jobs, 2, finish_part, &f, diag, err);
		ws = f.ws;
		if (rc < 0)
			goto done;
	}
	stats->documents += site->ndocs;
	stats->pages += ws.pages + site->ndocs;
	stats->files += ws.files + site->ndocs;
	if (book && site->config->epub.per_article)
		stats->files += site->ndocs;
	stats->page_bytes += ws.page_bytes + article_bytes;
	stats->search_bytes += ws.search_bytes;
done:
	if (kept && rc == 0)
		*kept = book; /* its chapters' properties go into the cache */
	else
		wq_epub_free(book);
	return rc;
}

/* An update in place (cache.h): only the documents that changed are
 * written, each showing nothing new of itself to the rest of the site;
 * the book is made again with the other chapters as the last build wrote
 * them, and the search index, feed and sitemap are written again. */
static int update_site(wq_site *site, const wq_theme *theme, const wq_fonts *fonts,
		       wq_outdir *od, const char *output, int64_t sde, progress *pr, reuse *ru,
		       wq_book **kept, wq_build_stats *stats, wq_err *err)
{
	wq_book *book = NULL;
	wq_website_stats ws;
	bool *only = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*only));
	size_t *list = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*list));
	size_t i, n = 0;
	int rc = 0;

	for (i = 0; i < site->ndocs; i++)
		if (!ru->again[i]) {
			only[i] = true;
			list[n++] = i;
		}
	if (site->book_file) {
		char *last = wq_fs_join(output, site->book_file);
		rc = wq_epub_begin_update(&book, site, theme, fonts, sde >= 0 ? sde : site->updated,
					  last, err);
		for (i = 0; i < site->ndocs && rc == 0; i++)
			if (ru->again[i])
				rc = wq_epub_chapter_again(book, i, ru->last->docs[i].props, err);
		free(last);
		if (rc < 0)
			goto done;
	}
	{
		write_job wj = { site, theme, od, book, NULL, fonts, sde >= 0 ? sde : site->updated,
				 site->config->epub.per_article, pr, ru, list };
		wj.bytes = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*wj.bytes));
		rc = wq_pool_for(site->config->jobs, n, write_listed, &wj, site->diag, err);
		for (i = 0; i < site->ndocs; i++)
			stats->page_bytes += wj.bytes[i];
		free(wj.bytes);
		if (rc < 0)
			goto done;
	}
	{
		/* The book repacked beside the lists, search and feed. */
		finish_job f = { site, theme, fonts, od, book, sde, ru, only, site->diag, { 0 } };
		rc = wq_pool_for(site->config->jobs, 2, finish_part, &f, site->diag, err);
		ws = f.ws;
		if (rc < 0)
			goto done;
	}
	wq_buf_put(&ru->site_warn, ru->last->warnings, ru->last->warnings_len);
	if (wq_diag_load(site->diag, ru->last->warnings, ru->last->warnings_len) < 0)
		rc = AGAIN_WITHOUT_REUSE;
	stats->documents += site->ndocs;
	stats->pages += n;
	stats->search_bytes += ws.search_bytes;
done:
	if (kept && rc == 0)
		*kept = book;
	else
		wq_epub_free(book);
	free(only);
	free(list);
	return rc;
}


/* What the cache gets of each document (wq_cache_docs). */
typedef struct keep_job {
	const wq_site *site;
	const reuse *ru;
	const wq_book *book;
	bool words;     /* the theme shows word counts */
} keep_job;

/* Append a piece of the work file to @p out. */
static int read_spilled(const wq_spill *spill, const wq_spill_ref *ref, wq_buf *out)
{
	size_t at = out->len;

	if (!ref->len)
		return 0;
	wq_buf_grow(out, ref->len);
	if (wq_spill_read(spill, ref, 0, out->ptr + at, ref->len) < 0)
		return -1;
	out->len = at + ref->len;
	out->ptr[out->len] = '\0';
	return 0;
}

/* A document's search words, from the work file or the cache's words. */
static int keep_words(void *ctx, size_t i, wq_buf *out)
{
	const keep_job *k = ctx;
	const wq_doc *doc = k->site->docs[i];

	return read_spilled(doc->search_words_in ? doc->search_words_in : k->site->spill,
			    &doc->search_words, out);
}

static int keep_doc(void *ctx, size_t i, wq_cache_doc *d, wq_buf *scratch)
{
	const keep_job *k = ctx;
	const reuse *ru = k->ru;
	const wq_doc *doc = k->site->docs[i];
	size_t lrec_len, rec_len;

	d->rel = doc->rel;
	d->text_hash = doc->text_hash;
	d->loaded = ru->loaded[i];
	d->props = k->book ? wq_epub_chapter_props(k->book, i) : "";
	if (ru->again[i]) {
		const wq_cache_doc *last = &ru->last->docs[i];
		d->interface = last->interface;
		d->loaded_record = last->loaded_record;
		d->loaded_record_len = last->loaded_record_len;
		d->record = last->record;
		d->record_len = last->record_len;
		d->warnings = last->warnings;
		d->warnings_len = last->warnings_len;
		return 0;
	}
	d->interface = wq_docrec_interface(doc, k->words);
	if (read_spilled(k->site->spill, &ru->lrec[i], scratch) < 0)
		return -1;
	lrec_len = scratch->len;
	if (read_spilled(k->site->spill, &ru->rec[i], scratch) < 0)
		return -1;
	rec_len = scratch->len - lrec_len;
	if (read_spilled(k->site->spill, &ru->warnp[i], scratch) < 0 ||
	    read_spilled(k->site->spill, &ru->warnw[i], scratch) < 0)
		return -1;
	d->loaded_record = wq_buf_cstr(scratch);
	d->loaded_record_len = lrec_len;
	d->record = d->loaded_record + lrec_len;
	d->record_len = rec_len;
	d->warnings = d->record + rec_len;
	d->warnings_len = scratch->len - lrec_len - rec_len;
	return 0;
}

/* The documents' records and words into the cache's files, while the work
 * file is there. */
static void keep_site(wq_cache *cache, reuse *ru, const wq_site *site, const wq_theme *theme,
		      const wq_book *book, uint64_t hash)
{
	keep_job k = { site, ru, book, wq_theme_says_words(theme) };
	wq_cache_docs src;
	wq_err ignored;

	memset(&src, 0, sizeof(src));
	src.n = site->ndocs;
	src.hash = hash;
	src.warnings = wq_buf_cstr(&ru->site_warn);
	src.warnings_len = ru->site_warn.len;
	src.same = ru->last ? ru->again : NULL;
	src.ctx = &k;
	src.doc = keep_doc;
	src.words = keep_words;
	memset(&ignored, 0, sizeof(ignored));
	(void)wq_cache_set_site(cache, &src, &ignored);
}


static void prepare_slugs(void *ctx)
{
	(void)ctx;
	wq_text_ascii_slug_prepare();
}

/* One build; with @p may_update, it may update the output in place from
 * the cache's record (AGAIN_WITHOUT_REUSE: it could not after all, and
 * wrote nothing). */
static int build(const wq_build_opts *o, bool may_update, wq_diag *diag, wq_build_stats *stats,
		 wq_err *err)
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
	reuse *ru = NULL;
	known_job kj;
	wq_search_kept kept;
	wq_spill_ref *was = NULL;
	wq_book *book = NULL;
	uint64_t hash = 0;
	bool update = false;
	wq_pool_aside *warm = NULL;
	progress pr;
	char **files = NULL;
	size_t nfiles = 0;
	int rc = WQ_EFAIL;

	memset(stats, 0, sizeof(*stats));
	memset(&kj, 0, sizeof(kj));
	memset(&kept, 0, sizeof(kept));
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
	if (!o->check && !o->no_cache)
		cache = open_cache(o, cfg, sde);
	if (cache && !may_update)
		wq_cache_forget_site(cache);
	if (cache && may_update && wq_cache_fresh(cache)) {
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
	/* ICU's transliterator, which names the book and makes ASCII slugs,
	 * takes a while to build: built beside the loading, not in its way. */
	if (cfg->ascii_slugs || (cfg->epub.enabled && !*cfg->epub.filename))
		warm = wq_pool_start_aside(cfg->jobs, prepare_slugs, NULL);
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
	if (cache && may_update && nsites == 1 && (kj.last = wq_cache_last_site(cache)) != NULL) {
		kj.cache = cache;
		kj.by_rel = wq_strmap_new();
		kj.source = o->source;
		kj.diag = diag;
		for (i = 0; i < kj.last->ndocs; i++)
			wq_strmap_add_index(kj.by_rel, kj.last->docs[i].rel,
					    strlen(kj.last->docs[i].rel), i, NULL);
		sites[0]->known = known_doc;
		sites[0]->stat_known = stat_known;
		sites[0]->known_ctx = &kj;
	}
	for (k = 0; k < nsites; k++)
		if ((rc = wq_load_sources(sites[k], err)) < 0 && !err->logged)
			goto done;
	if (nsites == 1)
		sites[0]->known = NULL;
	/* A site of one language whose documents are the last build's, and
	 * whose other inputs did not change, may be updated in place. */
	if (cache && nsites == 1) {
		ru = reuse_new(cache, sites[0]);
		if (!may_update)
			ru->last = NULL;
		update = ru->last != NULL;
		/* Documents made from the cache, in a site that cannot be updated
		 * in place: the build starts again, reading every file. */
		for (i = 0; i < sites[0]->ndocs && !update; i++)
			if (sites[0]->docs[i]->restored) {
				rc = AGAIN_WITHOUT_REUSE;
				goto done;
			}
	}
	protect[0] = o->source;
	protect[1] = sites[0]->config->root;
	protect[2] = ".";
	protect[3] = NULL;
	if ((rc = o->check ? wq_outdir_begin_dry(&od, o->output, protect, err) :
		  update   ? wq_outdir_begin_patch(&od, o->output, protect, err) :
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
	if (ru && (rc = reuse_take(ru, sites[0], diag, err)) < 0)
		goto done;
	for (k = 0; k < nsites; k++) {
		parse_job pj = { sites[k], &pr, ru };
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
	if (ru)
		hash = site_hash(sites[0]);
	if (update) {
		/* What the changed documents show of themselves elsewhere must
		 * be as it was; else the build starts again, in full. */
		for (i = 0; i < sites[0]->ndocs && update; i++)
			update = ru->again[i] ||
				 wq_docrec_interface(sites[0]->docs[i], wq_theme_says_words(theme)) ==
					 ru->last->docs[i].interface;
		if (!update || hash != ru->last->hash) {
			rc = AGAIN_WITHOUT_REUSE;
			goto done;
		}
	}
	/* The fonts cut to the site's characters.  An update of a site
	 * without a book writes none: the characters, and so the fonts, are
	 * the last build's (site_hash()). */
	if ((!update || sites[0]->config->epub.enabled) &&
	    (rc = wq_fonts_prepare(&fonts, sites[0], theme, err)) < 0)
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
	if (ru) {
		/* The words and postings: the last build's for an update, and
		 * this build's for the next. */
		if (update) {
			(void)wq_cache_last_vocab(cache, &kept.last);
			/* and what each document's words were */
			was = wq_xcalloc(ru->n ? ru->n : 1, sizeof(*was));
			for (i = 0; i < ru->n; i++) {
				was[i].offset = ru->last->docs[i].words_at;
				was[i].len = (size_t)ru->last->docs[i].words_len;
			}
			kept.was_in = ru->words;
			kept.was = was;
		}
		kept.next = wq_cache_vocab_open(cache);
		sites[0]->search_kept = &kept;
	}
	if (update) {
		if ((rc = update_site(sites[0], theme, fonts, od, o->output, sde, &pr, ru, &book,
				      stats, err)) < 0)
			goto done;
	}
	for (k = 0; k < nsites && !update; k++)
		if ((rc = write_site(sites[k], theme, fonts, od, sde, &pr, ru,
				     ru ? &book : NULL, stats, diag, err)) < 0)
			goto done;
	/* Warnings made errors (--strict) while writing fail the build too. */
	if ((rc = stop_for_errors(diag, err)) < 0)
		goto done;
	if (ru) {
		wq_cache_vocab_close(cache, kept.next, !kept.failed);
		kept.next = NULL;
		keep_site(cache, ru, sites[0], theme, book, hash);
	}
	/* The work file goes before the new site takes the old one's place. */
	wq_spill_free(spill);
	spill = NULL;
	for (k = 0; k < nsites; k++)
		sites[k]->spill = NULL;
	if (o->file_written)
		files = wq_outdir_list(od, &nfiles);
	if (update) {
		size_t counts[NCOUNTS], n;
		bool removed;
		char **changed = wq_outdir_changes(od, &n, &removed);
		wq_cache_set_written(cache, changed, n, removed);
		stats->updated = true;
		if (wq_cache_counts(cache, counts, NCOUNTS) == 0) {
			stats->files = counts[COUNT_FILES];
			stats->unchanged = stats->files - wq_outdir_written(od);
		}
	} else {
		stats->unchanged = wq_outdir_kept(od);
	}
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
		if (update) /* an update writes a few pages of the same site */
			(void)wq_cache_counts(cache, counts, NCOUNTS);
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
	wq_epub_free(book);
	reuse_free(ru);
	wq_strmap_free(kj.by_rel);
	if (cache)
		wq_cache_vocab_close(cache, kept.next, false);
	wq_fs_unmap(&kept.last);
	free(was);
	wq_cache_free(cache);
	wq_pool_join_aside(warm);
	wq_text_release();
	wq_outdir_abort(od);
	wq_fonts_free(fonts);
	wq_theme_free(theme);
	for (k = 0; k < nsites; k++)
		if (o->exits_after)
			leave_to_exit(sites[k]);
		else
			wq_site_free(sites[k]);
	free(sites);
	wq_langs_free(langs);
	wq_config_free(cfg);
	return rc;
}

int wq_build_run(const wq_build_opts *o, wq_diag *diag, wq_build_stats *stats, wq_err *err)
{
	wq_diag *first;
	int rc, lock = -1;

	/* One build of an output folder at a time: another one (a second
	 * `warraq build`, `warraq serve` building again) would change the
	 * folder and the cache's record beside it while this one reads them. */
	if (!o->check) {
		char *file = wq_fs_beside(o->output, "lock");
		rc = wq_fs_lock(file, o->waiting, o->waiting_ctx, &lock, err);
		free(file);
		if (rc < 0) {
			memset(stats, 0, sizeof(*stats));
			return rc;
		}
	}
	/* The first try's warnings are given only if it is the build. */
	first = wq_diag_new();
	rc = build(o, true, first, stats, err);
	if (rc == AGAIN_WITHOUT_REUSE) {
		*err = (wq_err)WQ_ERR_INIT;
		rc = build(o, false, diag, stats, err);
	} else {
		wq_diag_take(diag, first);
	}
	wq_diag_free(first);
	wq_fs_unlock(lock);
	return rc;
}
