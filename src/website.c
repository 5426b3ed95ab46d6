#define _POSIX_C_SOURCE 200809L
#include "website.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feeds.h"
#include "fsutil.h"
#include "mem.h"
#include "pool.h"
#include "render.h"
#include "search.h"
#include "url.h"

/* File names the writer itself produces at the top of the site. */
static const char *const reserved[] = { "index.html", "404.html", "sitemap.xml", "feed.xml",
					"robots.txt", ".nojekyll", "search/index.html",
					"search/index.js", NULL };

/* The pages and files written on several threads (wq_pool_for()): one
 * task per article, section, tag or copied file. */
typedef struct job {
	wq_outdir *od;
	const wq_site *site;
	const wq_theme *theme;
	size_t *bytes; /* each task's HTML bytes, summed in order afterwards */
	size_t *pages; /* each task's pages (a list takes several) */
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

/* A page rendered by @p fn for item @p i, written at <url>/index.html. */
typedef int (*render_fn)(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t i,
			 wq_err *err);

static int write_rendered(wq_outdir *od, const wq_site *site, const wq_theme *theme,
			  const char *url, render_fn fn, size_t i, size_t *bytes, wq_err *err)
{
	wq_buf html = WQ_BUF_INIT;
	char *rel = wq_fs_join(url, "index.html");
	int rc = fn(&html, site, theme, i, err);

	if (rc == 0)
		rc = write_page(od, rel, &html, err);
	*bytes = html.len;
	free(rel);
	wq_buf_dispose(&html);
	return rc;
}

int wq_website_article(wq_outdir *od, const wq_site *site, const wq_theme *theme, size_t index,
		       size_t *bytes, wq_err *err)
{
	return write_rendered(od, site, theme, site->docs[index]->url, wq_render_article, index,
			      bytes, err);
}

/* A list page (home, section, tag): page @p page of list @p i. */
typedef int (*list_fn)(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t i,
		       size_t page, wq_err *err);

/* Every page of a list at @p list_url ("" for the home page): the list,
 * then page/2/, page/3/... (wq_render_page_url()). */
static int write_list(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		      const char *list_url, size_t items, list_fn fn, size_t i, size_t *bytes,
		      size_t *pages, wq_err *err)
{
	wq_buf html = WQ_BUF_INIT, rel = WQ_BUF_INIT;
	size_t page, n = wq_render_page_count(site, items);
	int rc = 0;

	*bytes = 0;
	*pages = 0;
	for (page = 0; page < n && rc == 0; page++) {
		wq_buf_clear(&html);
		wq_buf_clear(&rel);
		wq_render_page_url(&rel, list_url, page);
		wq_buf_puts(&rel, "index.html");
		if ((rc = fn(&html, site, theme, i, page, err)) == 0 &&
		    (rc = write_page(od, rel.ptr, &html, err)) == 0) {
			*bytes += html.len;
			(*pages)++;
		}
	}
	wq_buf_dispose(&html);
	wq_buf_dispose(&rel);
	return rc;
}

static int render_section(void *ctx, size_t i, wq_err *err)
{
	job *j = ctx;
	wq_buf url = WQ_BUF_INIT;
	int rc;

	wq_buf_puts(&url, j->site->section_urls[i]);
	wq_buf_putc(&url, '/');
	rc = write_list(j->od, j->site, j->theme, url.ptr, wq_render_section_items(j->site, i),
			wq_render_section, i, &j->bytes[i], &j->pages[i], err);
	wq_buf_dispose(&url);
	return rc;
}

static int render_tag(void *ctx, size_t i, wq_err *err)
{
	job *j = ctx;
	wq_buf url = WQ_BUF_INIT;
	int rc;

	wq_buf_puts(&url, j->site->tags[i].url);
	wq_buf_putc(&url, '/');
	rc = write_list(j->od, j->site, j->theme, url.ptr, j->site->tags[i].ndocs, wq_render_tag,
			i, &j->bytes[i], &j->pages[i], err);
	wq_buf_dispose(&url);
	return rc;
}

static int render_home(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t i,
		       size_t page, wq_err *err)
{
	(void)i;
	return wq_render_home(out, site, theme, page, err);
}

static int render_home_pages(void *ctx, size_t i, wq_err *err)
{
	job *j = ctx;

	return write_list(j->od, j->site, j->theme, j->site->config->url_prefix, j->site->ndocs,
			  render_home, i, &j->bytes[i], &j->pages[i], err);
}

/* Run @p fn for @p n pages on the site's threads; their bytes and number
 * go into @p stats. */
static int write_pages(wq_outdir *od, const wq_site *site, const wq_theme *theme, size_t n,
		       wq_pool_fn fn, wq_website_stats *stats, wq_err *err)
{
	job j;
	size_t i;
	int rc;

	j.od = od;
	j.site = site;
	j.theme = theme;
	j.bytes = wq_xcalloc(n ? n : 1, sizeof(*j.bytes));
	j.pages = wq_xcalloc(n ? n : 1, sizeof(*j.pages));
	for (i = 0; i < n; i++)
		j.pages[i] = 1;
	rc = wq_pool_for(site->config->jobs, n, fn, &j, site->diag, err);
	for (i = 0; i < n; i++) {
		stats->page_bytes += j.bytes[i];
		if (rc == 0)
			stats->pages += j.pages[i];
	}
	free(j.bytes);
	free(j.pages);
	return rc;
}

static int is_generated(const wq_site *site, const char *rel)
{
	size_t i, n;

	for (i = 0; reserved[i]; i++)
		if (!strcmp(rel, reserved[i]))
			return 1;
	if (!strncmp(rel, "assets/", 7) || !strncmp(rel, "search/", 7) ||
	    (site->ntags && !strncmp(rel, "tags/", 5)))
		return 1;
	if (site->book_file && !strcmp(rel, site->book_file))
		return 1;
	if (!strncmp(rel, "sitemap-", 8) && strlen(rel) > 12 && !strcmp(rel + strlen(rel) - 4, ".xml") &&
	    !strchr(rel, '/'))
		return 1; /* the parts of a large sitemap */
	/* <url>index.html: a document's page or a section's (through the index). */
	n = strlen(rel);
	if (n < strlen("index.html") || strcmp(rel + n - strlen("index.html"), "index.html"))
		return 0;
	n -= strlen("index.html");
	if (n && rel[n - 1] != '/')
		return 0;
	{
		/* A list's later pages: <list>page/N/index.html. */
		size_t k = n ? n - 1 : 0;
		while (k > 0 && rel[k - 1] >= '0' && rel[k - 1] <= '9')
			k--;
		if (k + 1 < n && k >= 5 && !strncmp(rel + k - 5, "page/", 5) &&
		    (k == 5 || rel[k - 6] == '/'))
			return 1;
	}
	if (wq_site_find_by_url(site, rel, n))
		return 1;
	return n > 1 && wq_site_section_at_url(site, rel, n - 1) != NULL;
}

static int copy_file(void *ctx, size_t i, wq_err *err)
{
	const job *j = ctx;
	const char *rel = j->site->files[i];
	char *src = wq_fs_join(j->site->source_dir, rel);
	int rc;

	if (is_generated(j->site, rel)) {
		rc = wq_err_set(err, WQ_EINPUT, src, 0, 0,
				"this file would overwrite a page the site generates");
	} else {
		rc = wq_outdir_copy(j->od, rel, src, err);
	}
	free(src);
	return rc;
}

static int copy_files(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		      wq_website_stats *stats, wq_err *err)
{
	const char *const *assets;
	size_t n, i;
	job j;
	int rc = 0;

	assets = wq_theme_files(theme, WQ_THEME_ASSETS, &n);
	for (i = 0; i < n && rc == 0; i++) {
		char *rel = wq_fs_join("assets", assets[i]);
		const char *src = wq_theme_file_path(theme, WQ_THEME_ASSETS, i);
		rc = wq_outdir_copy(od, rel, src, err);
		free(rel);
		stats->files++;
	}
	if (rc < 0)
		return rc;
	j.od = od;
	j.site = site;
	j.theme = theme;
	j.bytes = NULL;
	rc = wq_pool_for(site->config->jobs, site->nfiles, copy_file, &j, site->diag, err);
	stats->files += site->nfiles;
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

/* ------------------------------------------------------------ aliases */

/* The file an alias is written to (@p out): from the site root when it
 * starts with '/', else from the folder that holds the page's own folder
 * (@p page_url, e.g. `a/b/slug/`); a folder's index.html unless it names
 * an .html file. */
static void alias_file(wq_buf *out, const char *page_url, const char *alias)
{
	size_t n = strlen(page_url);

	wq_buf_clear(out);
	if (alias[0] == '/') {
		alias++;
	} else {
		if (n && page_url[n - 1] == '/')
			n--;
		while (n && page_url[n - 1] != '/')
			n--;
		wq_buf_put(out, page_url, n);
	}
	wq_buf_puts(out, alias);
	if (!out->len || out->ptr[out->len - 1] == '/')
		wq_buf_puts(out, "index.html");
}

/* What the aliases of every page share: the output, the files they were
 * given (each once), and where the first of each was given. */
typedef struct alias_set {
	wq_outdir *od;
	const wq_site *site;
	wq_strmap *seen;   /* file → the document that has it (keys in files) */
	char **files;
	size_t nfiles;
	wq_buf file, html, href, canonical;
} alias_set;

/* Redirect pages for the aliases of @p doc, whose page is at @p url. */
static int write_doc_aliases(alias_set *as, const wq_doc *doc, const char *url,
			     wq_website_stats *stats, wq_err *err)
{
	const wq_site *site = as->site;
	const char *lang = *doc->lang ? doc->lang : site->lang;
	size_t i;
	int rc;

	for (i = 0; i < wq_val_count(doc->aliases); i++) {
		const wq_val *a = wq_val_at(doc->aliases, i);
		const char *alias = wq_val_get_str(a, NULL);
		const wq_doc *twin;
		char *file;

		alias_file(&as->file, url, alias);
		if (is_generated(site, as->file.ptr) || wq_site_has_file(site, as->file.ptr)) {
			wq_diag_warn(site->diag, doc->path, wq_val_line(a), wq_val_col(a),
				     "alias '%s' would overwrite '%s', a page or file of the site "
				     "(not written)", *alias ? alias : ".", as->file.ptr);
			continue;
		}
		file = wq_xstrdup(as->file.ptr);
		if ((twin = wq_strmap_add(as->seen, file, strlen(file), (void *)doc)) != NULL) {
			wq_diag_warn(site->diag, doc->path, wq_val_line(a), wq_val_col(a),
				     "alias '%s' is already an alias of '%s' (not written)",
				     *alias ? alias : ".", twin->path);
			free(file);
			continue;
		}
		WQ_APPEND(as->files, as->nfiles, file);
		/* The way from the alias's folder to the page (one "../" per '/'). */
		wq_buf_clear(&as->href);
		wq_url_put_root(&as->href, file);
		wq_url_put_path(&as->href, url);
		wq_buf_puts(&as->href, "index.html");
		wq_buf_clear(&as->canonical);
		if (*site->config->base_url) {
			wq_buf_puts(&as->canonical, site->config->base_url);
			wq_url_put_path(&as->canonical, url);
		}
		wq_buf_clear(&as->html);
		wq_render_alias(&as->html, lang, as->href.ptr,
				as->canonical.len ? as->canonical.ptr : NULL);
		if ((rc = write_page(as->od, file, &as->html, err)) < 0)
			return rc;
		stats->files++;
	}
	return 0;
}

/* The pages at the old URLs of articles and sections (front matter
 * `aliases`), in site order; an alias that is the address of another page
 * or file, or an alias already given, is a warning and is not written.
 * They are not in the sitemap. */
static int write_aliases(wq_outdir *od, const wq_site *site, wq_website_stats *stats,
			 wq_err *err)
{
	alias_set as = { od, site, NULL, NULL, 0, WQ_BUF_INIT, WQ_BUF_INIT, WQ_BUF_INIT,
			 WQ_BUF_INIT };
	wq_buf url = WQ_BUF_INIT;
	size_t i;
	int rc = 0;

	as.seen = wq_strmap_new();
	for (i = 0; i < site->ndocs && rc == 0; i++)
		if (site->docs[i]->aliases)
			rc = write_doc_aliases(&as, site->docs[i], site->docs[i]->url, stats, err);
	for (i = 0; i < site->nindexes && rc == 0; i++) {
		const wq_doc *idx = site->indexes[i];
		const char *surl;
		if (!idx->aliases ||
		    !(surl = wq_site_section_url(site, idx->section, strlen(idx->section))))
			continue;
		wq_buf_clear(&url);
		wq_buf_puts(&url, surl);
		wq_buf_putc(&url, '/');
		rc = write_doc_aliases(&as, idx, url.ptr, stats, err);
	}
	for (i = 0; i < as.nfiles; i++)
		free(as.files[i]);
	free(as.files);
	wq_strmap_free(as.seen);
	wq_buf_dispose(&as.file);
	wq_buf_dispose(&as.html);
	wq_buf_dispose(&as.href);
	wq_buf_dispose(&as.canonical);
	wq_buf_dispose(&url);
	return rc;
}

/* tags/index.html and tags/<slug>/index.html, when the articles have tags. */
static int write_tag_pages(wq_outdir *od, const wq_site *site, const wq_theme *theme, wq_buf *b,
			   wq_website_stats *stats, wq_err *err)
{
	wq_buf name = WQ_BUF_INIT;
	int rc;

	if (!site->ntags)
		return 0;
	wq_buf_clear(b);
	if ((rc = wq_render_tags(b, site, theme, err)) < 0)
		return rc;
	wq_buf_clear(&name);
	wq_buf_printf(&name, "%stags", site->config->url_prefix);
	rc = write_index_page(od, name.ptr, b, stats, err);
	wq_buf_dispose(&name);
	if (rc < 0)
		return rc;
	return write_pages(od, site, theme, site->ntags, render_tag, stats, err);
}

/* Where a multilingual site's root sends readers when every language is
 * in its folder (`default_language_in_subdir`): the default language's
 * home, by a link and a refresh (no script). */
static int write_root_redirect(wq_outdir *od, const wq_site *site, wq_website_stats *stats,
			       wq_err *err)
{
	wq_buf html = WQ_BUF_INIT, href = WQ_BUF_INIT, canonical = WQ_BUF_INIT;
	int rc;

	wq_url_put_path(&href, site->config->url_prefix);
	wq_buf_puts(&href, "index.html");
	if (*site->config->base_url) {
		wq_buf_puts(&canonical, site->config->base_url);
		wq_url_put_path(&canonical, site->config->url_prefix);
	}
	wq_render_alias(&html, site->lang, href.ptr, canonical.len ? canonical.ptr : NULL);
	rc = write_page(od, "index.html", &html, err);
	stats->files++;
	wq_buf_dispose(&html);
	wq_buf_dispose(&href);
	wq_buf_dispose(&canonical);
	return rc;
}

/* sitemap.xml; past 50,000 URLs an index of sitemap-1.xml... */
static int write_sitemaps(wq_outdir *od, const wq_site *site, int64_t fallback,
			  wq_website_stats *stats, wq_err *err)
{
	size_t parts = wq_feeds_sitemap_parts(site, WQ_SITEMAP_MAX_URLS), p;
	wq_buf b = WQ_BUF_INIT, name = WQ_BUF_INIT;
	int rc = 0;

	for (p = 0; p <= parts && rc == 0; p++) {
		wq_buf_clear(&b);
		wq_buf_clear(&name);
		wq_feeds_sitemap(&b, site, fallback, p, WQ_SITEMAP_MAX_URLS);
		wq_feeds_sitemap_part_name(&name, p);
		rc = write_page(od, name.ptr, &b, err);
	}
	stats->files += parts + 1;
	wq_buf_dispose(&name);
	wq_buf_dispose(&b);
	return rc;
}

/* The files at the top of the site, once for every language: 404.html,
 * the sitemap, robots.txt, .nojekyll, the theme's assets, the fonts and
 * the other files of the sources. */
static int write_root_files(wq_outdir *od, const wq_site *site, const wq_theme *theme,
			    const wq_fonts *fonts, int64_t fallback, wq_website_stats *stats,
			    wq_err *err)
{
	wq_buf b = WQ_BUF_INIT;
	int rc;

	if ((rc = wq_render_404(&b, site, theme, err)) < 0 ||
	    (rc = write_page(od, "404.html", &b, err)) < 0)
		goto done;
	stats->page_bytes += b.len;
	stats->pages++;
	if (site->langs && *site->config->url_prefix &&
	    (rc = write_root_redirect(od, site, stats, err)) < 0)
		goto done;
	if ((rc = write_sitemaps(od, site, fallback, stats, err)) < 0)
		goto done;
	wq_buf_clear(&b);
	wq_feeds_robots(&b, site);
	if ((rc = write_page(od, "robots.txt", &b, err)) < 0)
		goto done;
	/* GitHub Pages would otherwise run Jekyll and drop files starting with '_'. */
	if ((rc = wq_outdir_write(od, ".nojekyll", "", 0, err)) < 0)
		goto done;
	stats->files += 3; /* 404.html, robots.txt, .nojekyll */
	if ((rc = copy_files(od, site, theme, stats, err)) < 0)
		goto done;
	rc = write_fonts(od, fonts, stats, err);
done:
	wq_buf_dispose(&b);
	return rc;
}

/* The search index and page, and the feed: what a full build and an
 * update write alike. */
static int write_search_feed(wq_outdir *od, const wq_site *site, const wq_theme *theme,
			     const bool *only, int64_t fallback, wq_website_stats *stats,
			     wq_err *err)
{
	const char *prefix = site->config->url_prefix;
	wq_buf b = WQ_BUF_INIT, name = WQ_BUF_INIT, index = WQ_BUF_INIT;
	size_t search_files = 0;
	int rc;

	/* The index first: the search page may hold its first file. */
	if ((rc = wq_search_write(od, site, only, &index, &stats->search_bytes, &search_files,
				  err)) < 0)
		goto done;
	stats->files += search_files;
	wq_buf_printf(&name, "%ssearch/index.html", prefix);
	if ((rc = wq_render_search(&b, site, theme, &index, err)) < 0 ||
	    (rc = write_page(od, name.ptr, &b, err)) < 0)
		goto done;
	stats->page_bytes += b.len;
	stats->pages++;
	wq_buf_clear(&b);
	wq_buf_clear(&name);
	wq_buf_printf(&name, "%sfeed.xml", prefix);
	wq_feeds_atom(&b, site, fallback);
	rc = write_page(od, name.ptr, &b, err);
done:
	wq_buf_dispose(&b);
	wq_buf_dispose(&name);
	wq_buf_dispose(&index);
	return rc;
}

int wq_website_write(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		     const wq_fonts *fonts, int64_t fallback, wq_website_stats *stats, wq_err *err)
{
	wq_buf b = WQ_BUF_INIT;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = write_pages(od, site, theme, site->nsections, render_section, stats, err)) < 0)
		goto done;
	if ((rc = write_tag_pages(od, site, theme, &b, stats, err)) < 0)
		goto done;
	if ((rc = write_pages(od, site, theme, 1, render_home_pages, stats, err)) < 0)
		goto done;
	if ((rc = write_search_feed(od, site, theme, NULL, fallback, stats, err)) < 0)
		goto done;
	stats->files += stats->pages + 1;
	if ((rc = write_aliases(od, site, stats, err)) < 0)
		goto done;
	/* The files at the top: written with the first language's pages. */
	if (site->config->language == 0)
		rc = write_root_files(od, site, theme, fonts, fallback, stats, err);
done:
	wq_buf_dispose(&b);
	return rc;
}

int wq_website_update(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		      const bool *only, int64_t fallback, wq_website_stats *stats, wq_err *err)
{
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = write_search_feed(od, site, theme, only, fallback, stats, err)) == 0 &&
	    site->config->language == 0)
		rc = write_sitemaps(od, site, fallback, stats, err);
	return rc;
}
