#include "feeds.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "langs.h"
#include "mem.h"
#include "render.h"
#include "text.h"
#include "url.h"

int64_t wq_feeds_doc_updated(const wq_doc *doc, int64_t fallback)
{
	if (doc->has_lastmod)
		return doc->lastmod;
	if (doc->has_date)
		return doc->date;
	return fallback >= 0 ? fallback : doc->mtime;
}

/* The site's date, or a later `lastmod` of one of its documents: the
 * feed's <updated> and the home page's <lastmod> are never older than an
 * entry's. */
static int64_t site_updated(const wq_site *site)
{
	int64_t newest = site->updated;
	size_t i;

	for (i = 0; i < site->ndocs; i++)
		if (site->docs[i]->has_lastmod && site->docs[i]->lastmod > newest)
			newest = site->docs[i]->lastmod;
	return newest;
}

static void put_esc(wq_buf *out, const char *s)
{
	wq_buf_put_escaped(out, s, strlen(s));
}

/* An absolute URL when base_url is set, else a path from the site root. */
static void put_url(wq_buf *out, const wq_site *site, const char *path)
{
	wq_buf u = WQ_BUF_INIT;

	wq_buf_puts(&u, site->config->base_url);
	wq_url_put_path(&u, path);
	put_esc(out, u.len ? u.ptr : "./");
	wq_buf_dispose(&u);
}

/* The sitemap's <xhtml:link> alternates of a page of a multilingual site
 * (Google's form): each language's version, and x-default. */
static void sitemap_alternates(wq_buf *out, const wq_site *site, wq_page_kind kind, size_t item)
{
	const wq_langs *l = site->langs;
	wq_buf path = WQ_BUF_INIT;
	size_t k, versions = 0;

	/* Only a page another language has too. */
	for (k = 0; k < wq_langs_count(l); k++)
		versions += wq_langs_version(l, site, kind, item, k, &path);
	for (k = 0; versions > 1 && k <= wq_langs_count(l); k++) {
		size_t which = k < wq_langs_count(l) ? k : 0;
		if (!wq_langs_version(l, site, kind, item, which, &path))
			continue;
		wq_buf_puts(out, "    <xhtml:link rel=\"alternate\" hreflang=\"");
		put_esc(out, k < wq_langs_count(l) ? wq_langs_site(l, k)->config->lang : "x-default");
		wq_buf_puts(out, "\" href=\"");
		put_url(out, site, path.ptr);
		wq_buf_puts(out, "\"/>\n");
	}
	wq_buf_dispose(&path);
}

/* The sitemap's URLs, in a fixed order, handed one by one to @p fn: the
 * home page and its later pages, the articles, the tags' pages and the
 * sections' (every page of each list: wq_render_page_url()); in a
 * multilingual site, each language's in turn. */
typedef struct sitemap_walk {
	const wq_site *site;
	int64_t fallback;
	size_t from, to;  /* the URLs wanted: [from, to) */
	size_t at;        /* URLs seen so far */
	wq_buf *out;      /* where the wanted ones go (NULL: only counted) */
} sitemap_walk;

/* One <url>: page @p path of @p site, item @p item of @p kind; its
 * alternates with @p alternates (a list's later pages have none). */
static void walk_page(sitemap_walk *w, const wq_site *site, const char *path, int64_t lastmod,
		      wq_page_kind kind, size_t item, bool alternates)
{
	if (w->out && w->at >= w->from && w->at < w->to) {
		wq_buf *out = w->out;
		wq_buf_puts(out, "  <url>\n    <loc>");
		put_url(out, site, path);
		wq_buf_puts(out, "</loc>\n    <lastmod>");
		wq_text_format_rfc3339(out, lastmod);
		wq_buf_puts(out, "</lastmod>\n");
		if (site->langs && alternates)
			sitemap_alternates(out, site, kind, item);
		wq_buf_puts(out, "  </url>\n");
	}
	w->at++;
}

/* Every page of a list of @p items at @p list_url (the first page has the
 * alternates). */
static void walk_list(sitemap_walk *w, const wq_site *site, const char *list_url, size_t items,
		      int64_t lastmod, wq_page_kind kind, size_t item)
{
	wq_buf path = WQ_BUF_INIT;
	size_t page, n = wq_render_page_count(site, items);

	for (page = 0; page < n; page++) {
		wq_buf_clear(&path);
		wq_render_page_url(&path, list_url, page);
		walk_page(w, site, path.ptr, lastmod, kind, item, page == 0);
	}
	wq_buf_dispose(&path);
}

static void walk_site(sitemap_walk *w, const wq_site *site)
{
	wq_buf path = WQ_BUF_INIT;
	size_t i;

	walk_list(w, site, site->config->url_prefix, site->ndocs, site_updated(site),
		  WQ_PAGE_HOME, 0);
	for (i = 0; i < site->ndocs; i++)
		walk_page(w, site, site->docs[i]->url,
			  wq_feeds_doc_updated(site->docs[i], w->fallback), WQ_PAGE_ARTICLE, i, true);
	if (site->ntags) {
		wq_buf_printf(&path, "%stags/", site->config->url_prefix);
		walk_page(w, site, path.ptr, site_updated(site), WQ_PAGE_TAGS, 0, true);
	}
	for (i = 0; i < site->ntags; i++) {
		/* A tag's page, too, changes with its newest document. */
		const wq_tag *t = &site->tags[i];
		int64_t newest = INT64_MIN;
		size_t j;

		for (j = 0; j < t->ndocs; j++) {
			int64_t updated = wq_feeds_doc_updated(site->docs[t->docs[j]], w->fallback);
			if (updated > newest)
				newest = updated;
		}
		wq_buf_clear(&path);
		wq_buf_puts(&path, t->url);
		wq_buf_putc(&path, '/');
		walk_list(w, site, path.ptr, t->ndocs, newest == INT64_MIN ? w->fallback : newest,
			  WQ_PAGE_TAG, i);
	}
	for (i = 0; i < site->nsections; i++) {
		/* A section's page changes with its newest document. */
		size_t n, j;
		const size_t *docs = wq_site_section_docs(site, i, &n);
		int64_t newest = INT64_MIN;

		wq_buf_clear(&path);
		wq_buf_puts(&path, site->section_urls[i]);
		wq_buf_putc(&path, '/');
		for (j = 0; j < n; j++) {
			int64_t updated = wq_feeds_doc_updated(site->docs[docs[j]], w->fallback);
			if (updated > newest)
				newest = updated;
		}
		walk_list(w, site, path.ptr, wq_render_section_items(site, i),
			  newest == INT64_MIN ? w->fallback : newest, WQ_PAGE_SECTION, i);
	}
	wq_buf_dispose(&path);
}

static void walk_sitemap(sitemap_walk *w)
{
	size_t k;

	if (!w->site->langs) {
		walk_site(w, w->site);
		return;
	}
	for (k = 0; k < wq_langs_count(w->site->langs); k++)
		walk_site(w, wq_langs_site(w->site->langs, k));
}

size_t wq_feeds_sitemap_parts(const wq_site *site, size_t max_urls)
{
	sitemap_walk w;

	memset(&w, 0, sizeof(w));
	w.site = site;
	walk_sitemap(&w);
	return !max_urls || w.at <= max_urls ? 0 : (w.at + max_urls - 1) / max_urls;
}

void wq_feeds_sitemap_part_name(wq_buf *out, size_t part)
{
	if (part)
		wq_buf_printf(out, "sitemap-%zu.xml", part);
	else
		wq_buf_puts(out, "sitemap.xml");
}

void wq_feeds_sitemap(wq_buf *out, const wq_site *site, int64_t fallback, size_t part,
		      size_t max_urls)
{
	size_t parts = wq_feeds_sitemap_parts(site, max_urls), i;
	sitemap_walk w;

	if (parts && !part) {
		/* More URLs than one sitemap may hold: an index of the parts. */
		wq_buf name = WQ_BUF_INIT;
		wq_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				 "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (i = 1; i <= parts; i++) {
			wq_buf_clear(&name);
			wq_feeds_sitemap_part_name(&name, i);
			wq_buf_puts(out, "  <sitemap>\n    <loc>");
			put_url(out, site, name.ptr);
			wq_buf_puts(out, "</loc>\n    <lastmod>");
			wq_text_format_rfc3339(out, site_updated(site));
			wq_buf_puts(out, "</lastmod>\n  </sitemap>\n");
		}
		wq_buf_puts(out, "</sitemapindex>\n");
		wq_buf_dispose(&name);
		return;
	}
	memset(&w, 0, sizeof(w));
	w.site = site;
	w.fallback = fallback;
	w.out = out;
	w.from = part ? (part - 1) * max_urls : 0;
	w.to = part ? part * max_urls : SIZE_MAX;
	wq_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
	if (site->langs)
		wq_buf_puts(out, " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
	wq_buf_puts(out, ">\n");
	walk_sitemap(&w);
	wq_buf_puts(out, "</urlset>\n");
}

/* A URL in a feed: absolute when base_url is set, else relative to the
 * feed, which is in its language's folder. */
static void put_feed_url(wq_buf *out, const wq_site *site, const char *path)
{
	size_t n = strlen(site->config->url_prefix);

	if (!*site->config->base_url && n && !strncmp(path, site->config->url_prefix, n))
		path += n;
	put_url(out, site, path);
}

/* Atom ids must be permanent IRIs: the page URL, or a UUID derived from it. */
static void put_id(wq_buf *out, const wq_site *site, const char *path)
{
	wq_buf name = WQ_BUF_INIT;
	char uuid[37];

	if (*site->config->base_url) {
		put_url(out, site, path);
		return;
	}
	wq_buf_puts(&name, site->config->title);
	wq_buf_putc(&name, '\n');
	wq_buf_puts(&name, path);
	wq_hash_uuid5(uuid, name.ptr, name.len);
	wq_buf_puts(out, "urn:uuid:");
	wq_buf_puts(out, uuid);
	wq_buf_dispose(&name);
}

/* Feed text cannot hold markup: runs of the other direction get Unicode
 * isolates, and text whose direction is not the feed's is isolated whole. */
static void put_text(wq_buf *out, const char *text, wq_dir dir, wq_dir feed_dir)
{
	wq_buf a = WQ_BUF_INIT, b = WQ_BUF_INIT;

	wq_text_put_runs_isolated(&a, text, dir);
	if (dir != feed_dir)
		wq_text_put_isolated(&b, wq_buf_cstr(&a), feed_dir);
	else
		wq_buf_puts(&b, wq_buf_cstr(&a));
	put_esc(out, wq_buf_cstr(&b));
	wq_buf_dispose(&a);
	wq_buf_dispose(&b);
}

/* For sorting the feed's entries: newest first, then in site order. */
typedef struct dated {
	int64_t updated;
	size_t index;
} dated;

static int cmp_dated(const void *pa, const void *pb)
{
	const dated *a = pa, *b = pb;

	if (a->updated != b->updated)
		return a->updated > b->updated ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The articles the feed holds: the newest `feed_limit` (all when 0), newest
 * first; *n of them, as indexes in site order (owned). */
static size_t *newest_first(const wq_site *site, int64_t fallback, size_t *n)
{
	size_t limit = site->config->feed_limit, i;
	dated *all = wq_xmalloc((site->ndocs ? site->ndocs : 1) * sizeof(*all));
	size_t *order;

	for (i = 0; i < site->ndocs; i++) {
		all[i].updated = wq_feeds_doc_updated(site->docs[i], fallback);
		all[i].index = i;
	}
	qsort(all, site->ndocs, sizeof(*all), cmp_dated);
	*n = limit && limit < site->ndocs ? limit : site->ndocs;
	order = wq_xmalloc((*n ? *n : 1) * sizeof(*order));
	for (i = 0; i < *n; i++)
		order[i] = all[i].index;
	free(all);
	return order;
}

void wq_feeds_atom(wq_buf *out, const wq_site *site, int64_t fallback)
{
	const wq_config *cfg = site->config;
	const char *author = *cfg->author ? cfg->author : cfg->title;
	size_t i, n, *order;

	wq_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	put_esc(out, site->lang);
	wq_buf_puts(out, "\">\n  <title>");
	put_esc(out, cfg->title);
	wq_buf_puts(out, "</title>\n");
	if (*cfg->description) {
		wq_buf_puts(out, "  <subtitle>");
		put_esc(out, cfg->description);
		wq_buf_puts(out, "</subtitle>\n");
	}
	wq_buf_puts(out, "  <link rel=\"alternate\" type=\"text/html\" href=\"");
	{
		wq_buf p = WQ_BUF_INIT;
		put_feed_url(out, site, cfg->url_prefix);
		wq_buf_puts(out, "\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
		wq_buf_printf(&p, "%sfeed.xml", cfg->url_prefix);
		put_feed_url(out, site, p.ptr);
		wq_buf_puts(out, "\"/>\n  <id>");
		put_id(out, site, cfg->url_prefix);
		wq_buf_dispose(&p);
	}
	wq_buf_puts(out, "</id>\n  <updated>");
	wq_text_format_rfc3339(out, site_updated(site));
	wq_buf_puts(out, "</updated>\n  <author><name>");
	put_esc(out, author);
	wq_buf_puts(out, "</name></author>\n");
	if (*cfg->copyright) {
		wq_buf_puts(out, "  <rights>");
		put_esc(out, cfg->copyright);
		wq_buf_puts(out, "</rights>\n");
	}
	wq_buf_puts(out, "  <generator>warraq</generator>\n");
	order = newest_first(site, fallback, &n);
	for (i = 0; i < n; i++) {
		const wq_doc *d = site->docs[order[i]];
		wq_buf_puts(out, "  <entry xml:lang=\"");
		put_esc(out, d->lang);
		wq_buf_puts(out, "\">\n    <title>");
		put_text(out, d->title, d->base_dir, site->dir);
		wq_buf_puts(out, "</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
		put_feed_url(out, site, d->url);
		wq_buf_puts(out, "\"/>\n    <id>");
		put_id(out, site, d->url);
		wq_buf_puts(out, "</id>\n    <updated>");
		wq_text_format_rfc3339(out, wq_feeds_doc_updated(d, fallback));
		wq_buf_puts(out, "</updated>\n");
		if (d->has_date) {
			wq_buf_puts(out, "    <published>");
			wq_text_format_rfc3339(out, d->date);
			wq_buf_puts(out, "</published>\n");
		}
		if (*d->author) {
			wq_buf_puts(out, "    <author><name>");
			put_esc(out, d->author);
			wq_buf_puts(out, "</name></author>\n");
		}
		if (*d->summary) {
			wq_buf_puts(out, "    <summary>");
			put_text(out, d->summary, d->base_dir, site->dir);
			wq_buf_puts(out, "</summary>\n");
		}
		wq_buf_puts(out, "  </entry>\n");
	}
	free(order);
	wq_buf_puts(out, "</feed>\n");
}

void wq_feeds_robots(wq_buf *out, const wq_site *site)
{
	wq_buf_puts(out, "User-agent: *\nAllow: /\n");
	if (*site->config->base_url) {
		wq_buf_puts(out, "\nSitemap: ");
		wq_buf_puts(out, site->config->base_url);
		wq_buf_puts(out, "sitemap.xml\n");
	}
}
