#include "feeds.h"

#include <stdint.h>
#include <string.h>

#include "hash.h"
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

/* One <url> of the sitemap. */
static void sitemap_url(wq_buf *out, const wq_site *site, const char *path, int64_t lastmod)
{
	wq_buf_puts(out, "  <url>\n    <loc>");
	put_url(out, site, path);
	wq_buf_puts(out, "</loc>\n    <lastmod>");
	wq_text_format_rfc3339(out, lastmod);
	wq_buf_puts(out, "</lastmod>\n  </url>\n");
}

void wq_feeds_sitemap(wq_buf *out, const wq_site *site, int64_t fallback)
{
	size_t i;

	wq_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	sitemap_url(out, site, "", site_updated(site));
	for (i = 0; i < site->ndocs; i++)
		sitemap_url(out, site, site->docs[i]->url,
			    wq_feeds_doc_updated(site->docs[i], fallback));
	if (site->ntags)
		sitemap_url(out, site, "tags/", site_updated(site));
	for (i = 0; i < site->ntags; i++) {
		/* A tag's page, too, changes with its newest document. */
		const wq_tag *t = &site->tags[i];
		int64_t newest = INT64_MIN;
		size_t j;
		wq_buf path = WQ_BUF_INIT;

		for (j = 0; j < t->ndocs; j++) {
			int64_t updated = wq_feeds_doc_updated(site->docs[t->docs[j]], fallback);
			if (updated > newest)
				newest = updated;
		}
		wq_buf_puts(&path, t->url);
		wq_buf_putc(&path, '/');
		sitemap_url(out, site, path.ptr, newest == INT64_MIN ? fallback : newest);
		wq_buf_dispose(&path);
	}
	for (i = 0; i < site->nsections; i++) {
		/* A section's page changes with its newest document. */
		size_t n, j;
		const size_t *docs = wq_site_section_docs(site, i, &n);
		int64_t newest = INT64_MIN;
		wq_buf path = WQ_BUF_INIT;

		wq_buf_puts(&path, site->section_urls[i]);
		wq_buf_putc(&path, '/');
		for (j = 0; j < n; j++) {
			int64_t updated = wq_feeds_doc_updated(site->docs[docs[j]], fallback);
			if (updated > newest)
				newest = updated;
		}
		sitemap_url(out, site, path.ptr, newest == INT64_MIN ? fallback : newest);
		wq_buf_dispose(&path);
	}
	wq_buf_puts(out, "</urlset>\n");
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

void wq_feeds_atom(wq_buf *out, const wq_site *site, int64_t fallback)
{
	const wq_config *cfg = site->config;
	const char *author = *cfg->author ? cfg->author : cfg->title;
	size_t i;

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
	put_url(out, site, "");
	wq_buf_puts(out, "\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
	put_url(out, site, "feed.xml");
	wq_buf_puts(out, "\"/>\n  <id>");
	put_id(out, site, "");
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
	for (i = 0; i < site->ndocs; i++) {
		const wq_doc *d = site->docs[i];
		wq_buf_puts(out, "  <entry xml:lang=\"");
		put_esc(out, d->lang);
		wq_buf_puts(out, "\">\n    <title>");
		put_text(out, d->title, d->base_dir, site->dir);
		wq_buf_puts(out, "</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
		put_url(out, site, d->url);
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
