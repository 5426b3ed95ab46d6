#define _POSIX_C_SOURCE 200809L
#include "website.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feeds.h"
#include "fsutil.h"
#include "mem.h"
#include "render.h"
#include "search.h"

/* Most threads used to render articles. */
#define WEBSITE_MAX_THREADS 8

/* File names the writer itself produces at the top of the site. */
static const char *const reserved[] = { "index.html", "404.html", "sitemap.xml", "feed.xml",
					"robots.txt", ".nojekyll", "search/index.html",
					"search/index.js", NULL };

typedef struct job {
	wq_outdir *od;
	const wq_site *site;
	const wq_theme *theme;
	size_t first, step;
	int rc;
	wq_err err;
	size_t failed_at; /* index of the document that failed */
	size_t bytes;     /* HTML written */
} job;

static int write_page(wq_outdir *od, const char *rel, wq_buf *html, wq_err *err)
{
	return wq_outdir_write(od, rel, wq_buf_cstr(html), html->len, err);
}

/* A page at a folder's URL (`reports/2024`, `tags/x`): its index.html,
 * counted in @p stats. */
static int write_index_page(wq_outdir *od, const char *url_path, wq_buf *html,
			    wq_website_stats *stats, wq_err *err)
{
	char *rel = wq_fs_join(url_path, "index.html");
	int rc = write_page(od, rel, html, err);

	free(rel);
	if (rc == 0) {
		stats->page_bytes += html->len;
		stats->pages++;
	}
	return rc;
}

static void *render_articles(void *arg)
{
	job *j = arg;
	wq_buf html = WQ_BUF_INIT;
	size_t i;

	j->rc = 0;
	for (i = j->first; i < j->site->ndocs; i += j->step) {
		char *rel = wq_fs_join(j->site->docs[i]->url, "index.html");
		wq_buf_clear(&html);
		j->rc = wq_render_article(&html, j->site, j->theme, i, &j->err);
		if (j->rc == 0)
			j->rc = write_page(j->od, rel, &html, &j->err);
		j->bytes += html.len;
		free(rel);
		if (j->rc < 0) {
			j->failed_at = i;
			break;
		}
	}
	wq_buf_dispose(&html);
	return NULL;
}

static int write_articles(wq_outdir *od, const wq_site *site, const wq_theme *theme,
			  size_t *bytes, wq_err *err)
{
	job jobs[WEBSITE_MAX_THREADS];
	pthread_t threads[WEBSITE_MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cpus < 1 ? 1 : (size_t)cpus, i, started = 0;
	int rc = 0;
	size_t worst = (size_t)-1;

	if (n > WEBSITE_MAX_THREADS)
		n = WEBSITE_MAX_THREADS;
	if (n > site->ndocs)
		n = site->ndocs;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		memset(&jobs[i], 0, sizeof(jobs[i]));
		jobs[i].od = od;
		jobs[i].site = site;
		jobs[i].theme = theme;
		jobs[i].first = i;
		jobs[i].step = n;
	}
	for (i = 1; i < n; i++) {
		if (pthread_create(&threads[i], NULL, render_articles, &jobs[i]) != 0)
			break;
		started = i;
	}
	/* This thread takes the first share, and any share whose thread did not start. */
	render_articles(&jobs[0]);
	for (i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	for (i = started + 1; i < n; i++)
		render_articles(&jobs[i]);
	/* Report the failure of the earliest document, as a one-thread build would. */
	for (i = 0; i < n; i++) {
		*bytes += jobs[i].bytes;
		if (jobs[i].rc < 0 && jobs[i].failed_at < worst) {
			worst = jobs[i].failed_at;
			rc = jobs[i].rc;
			*err = jobs[i].err;
		}
	}
	return rc;
}

static int is_generated(const wq_site *site, const char *rel)
{
	size_t i, n;

	for (i = 0; reserved[i]; i++)
		if (!strcmp(rel, reserved[i]))
			return 1;
	if (!strncmp(rel, "assets/", 7) || (site->ntags && !strncmp(rel, "tags/", 5)))
		return 1;
	if (site->book_file && !strcmp(rel, site->book_file))
		return 1;
	/* <url>index.html: a document's page or a section's (through the index). */
	n = strlen(rel);
	if (n < strlen("index.html") || strcmp(rel + n - strlen("index.html"), "index.html"))
		return 0;
	n -= strlen("index.html");
	if (n && rel[n - 1] != '/')
		return 0;
	if (wq_site_find_by_url(site, rel, n))
		return 1;
	return n > 1 && wq_site_section_at_url(site, rel, n - 1) != NULL;
}

static int copy_files(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		      wq_website_stats *stats, wq_err *err)
{
	const char *const *assets;
	size_t n, i;
	char *dst = NULL, *src;
	int rc = 0;

	assets = wq_theme_files(theme, WQ_THEME_ASSETS, &n);
	for (i = 0; i < n && rc == 0; i++) {
		char *rel = wq_fs_join("assets", assets[i]);
		if ((rc = wq_outdir_path(&dst, od, rel, err)) == 0)
			rc = wq_fs_copy(dst, wq_theme_file_path(theme, WQ_THEME_ASSETS, i), err);
		free(dst);
		free(rel);
		stats->files++;
	}
	for (i = 0; i < site->nfiles && rc == 0; i++) {
		if (is_generated(site, site->files[i])) {
			src = wq_fs_join(site->source_dir, site->files[i]);
			rc = wq_err_set(err, WQ_EINPUT, src, 0, 0,
					"this file would overwrite a page the site generates");
			free(src);
			break;
		}
		src = wq_fs_join(site->source_dir, site->files[i]);
		if ((rc = wq_outdir_path(&dst, od, site->files[i], err)) == 0)
			rc = wq_fs_copy(dst, src, err);
		free(dst);
		free(src);
		stats->files++;
	}
	return rc;
}

static int write_fonts(wq_outdir *od, const wq_fonts *fonts, wq_website_stats *stats,
		       wq_err *err)
{
	size_t i, len;
	const char *data;
	int rc = 0;

	for (i = 0; i < wq_fonts_count(fonts) && rc == 0; i++) {
		char *rel = wq_fs_join("assets/fonts", wq_fonts_name(fonts, i));
		data = wq_fonts_data(fonts, i, &len);
		rc = wq_outdir_write(od, rel, data, len, err);
		free(rel);
		stats->files++;
	}
	if (rc == 0 && (data = wq_fonts_license(fonts, &len)) != NULL) {
		/* The font's licence travels with it. */
		rc = wq_outdir_write(od, "assets/fonts/OFL.txt", data, len, err);
		stats->files++;
	}
	return rc;
}

/* tags/index.html and tags/<slug>/index.html, when the articles have tags. */
static int write_tag_pages(wq_outdir *od, const wq_site *site, const wq_theme *theme, wq_buf *b,
			   wq_website_stats *stats, wq_err *err)
{
	size_t i;
	int rc;

	if (!site->ntags)
		return 0;
	wq_buf_clear(b);
	if ((rc = wq_render_tags(b, site, theme, err)) < 0 ||
	    (rc = write_index_page(od, "tags", b, stats, err)) < 0)
		return rc;
	for (i = 0; i < site->ntags; i++) {
		wq_buf_clear(b);
		if ((rc = wq_render_tag(b, site, theme, i, err)) < 0 ||
		    (rc = write_index_page(od, site->tags[i].url, b, stats, err)) < 0)
			return rc;
	}
	return 0;
}

int wq_website_write(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		     const wq_fonts *fonts, int64_t fallback, wq_website_stats *stats, wq_err *err)
{
	wq_buf b = WQ_BUF_INIT;
	size_t i;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = write_articles(od, site, theme, &stats->page_bytes, err)) < 0)
		goto done;
	stats->pages += site->ndocs;
	for (i = 0; i < site->nsections; i++) {
		wq_buf_clear(&b);
		if ((rc = wq_render_section(&b, site, theme, i, err)) < 0 ||
		    (rc = write_index_page(od, site->section_urls[i], &b, stats, err)) < 0)
			goto done;
	}
	if ((rc = write_tag_pages(od, site, theme, &b, stats, err)) < 0)
		goto done;
	wq_buf_clear(&b);
	if ((rc = wq_render_home(&b, site, theme, err)) < 0 ||
	    (rc = write_page(od, "index.html", &b, err)) < 0)
		goto done;
	stats->page_bytes += b.len;
	wq_buf_clear(&b);
	if ((rc = wq_render_404(&b, site, theme, err)) < 0 ||
	    (rc = write_page(od, "404.html", &b, err)) < 0)
		goto done;
	stats->page_bytes += b.len;
	wq_buf_clear(&b);
	if ((rc = wq_render_search(&b, site, theme, err)) < 0 ||
	    (rc = write_page(od, "search/index.html", &b, err)) < 0)
		goto done;
	stats->page_bytes += b.len;
	wq_buf_clear(&b);
	if ((rc = wq_search_index(&b, site, "search/", err)) < 0 ||
	    (rc = write_page(od, "search/index.js", &b, err)) < 0)
		goto done;
	stats->search_bytes = b.len;
	stats->pages += 3;
	stats->files++;
	wq_buf_clear(&b);
	wq_feeds_sitemap(&b, site, fallback);
	if ((rc = write_page(od, "sitemap.xml", &b, err)) < 0)
		goto done;
	wq_buf_clear(&b);
	wq_feeds_atom(&b, site, fallback);
	if ((rc = write_page(od, "feed.xml", &b, err)) < 0)
		goto done;
	wq_buf_clear(&b);
	wq_feeds_robots(&b, site);
	if ((rc = write_page(od, "robots.txt", &b, err)) < 0)
		goto done;
	/* GitHub Pages would otherwise run Jekyll and drop files starting with '_'. */
	if ((rc = wq_outdir_write(od, ".nojekyll", "", 0, err)) < 0)
		goto done;
	stats->files += stats->pages + 4;
	if ((rc = copy_files(od, site, theme, stats, err)) < 0)
		goto done;
	rc = write_fonts(od, fonts, stats, err);
done:
	wq_buf_dispose(&b);
	return rc;
}
