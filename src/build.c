#include "build.h"

#include "buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse.h"
#include "config.h"
#include "epub.h"
#include "fonts.h"
#include "load.h"
#include "markdown.h"
#include "outdir.h"
#include "pool.h"
#include "site.h"
#include "theme.h"
#include "website.h"

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

/* Parsing: the documents, then the sections' _index.md files (whose text
 * heads the section's page), each on its own. */
typedef struct parse_job {
	wq_site *site;
} parse_job;

static int parse_one(void *ctx, size_t i, wq_err *err)
{
	wq_site *site = ((parse_job *)ctx)->site;
	wq_doc *doc = i < site->ndocs ? site->docs[i] : site->indexes[i - site->ndocs];

	return wq_md_parse(doc, site, err);
}

int wq_build_run(const wq_build_opts *o, wq_diag *diag, wq_build_stats *stats, wq_err *err)
{
	wq_config *cfg = NULL;
	wq_site *site = NULL;
	wq_theme *theme = NULL;
	wq_fonts *fonts = NULL;
	wq_outdir *od = NULL;
	wq_website_stats ws;
	int64_t sde = source_date_epoch();
	const char *protect[4];
	int rc = WQ_EFAIL;

	memset(stats, 0, sizeof(*stats));
	if ((rc = wq_config_load(&cfg, o->config, o->config_given, diag, err)) < 0)
		goto done;
	if (o->drafts)
		cfg->drafts = true;
	cfg->jobs = o->jobs ? o->jobs : wq_pool_default_jobs();
	site = wq_site_new(cfg, o->source, diag);
	cfg = NULL;
	if ((rc = wq_load_sources(site, err)) < 0)
		goto done;
	{
		parse_job pj = { site };
		if ((rc = wq_pool_for(site->config->jobs, site->ndocs + site->nindexes, parse_one, &pj,
				      diag, err)) < 0)
			goto done;
	}
	wq_analyse_site(site);
	site_updated(site, sde);
	if (!*site->config->base_url)
		wq_diag_warn(diag, *site->config->path ? site->config->path : NULL, 0, 0,
			     "no base_url: sitemap.xml and feed.xml use relative URLs");
	if ((rc = wq_theme_open(&theme, site->config, err)) < 0)
		goto done;
	if ((rc = wq_fonts_prepare(&fonts, site, theme, err)) < 0)
		goto done;

	protect[0] = o->source;
	protect[1] = site->config->root;
	protect[2] = ".";
	protect[3] = NULL;
	if ((rc = wq_outdir_begin(&od, o->output, protect, err)) < 0)
		goto done;
	if (site->config->epub.enabled && site->ndocs) {
		wq_buf name = WQ_BUF_INIT;
		wq_epub_file_name(&name, site);
		site->book_file = wq_buf_detach(&name);
		if ((rc = wq_epub_write(od, site, theme, fonts, sde >= 0 ? sde : site->updated,
					site->book_file, err)) < 0)
			goto done;
	}
	if ((rc = wq_website_write(od, site, theme, fonts, sde, &ws, err)) < 0)
		goto done;
	rc = wq_outdir_commit(od, err);
	od = NULL;
	if (rc < 0)
		goto done;
	stats->documents = site->ndocs;
	stats->pages = ws.pages;
	stats->files = ws.files;
	stats->page_bytes = ws.page_bytes;
	stats->search_bytes = ws.search_bytes;
	rc = 0;
done:
	wq_text_release();
	wq_outdir_abort(od);
	wq_fonts_free(fonts);
	wq_theme_free(theme);
	wq_site_free(site);
	wq_config_free(cfg);
	return rc;
}
