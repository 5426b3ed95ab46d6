/**
 * @file feeds.h
 * @brief Machine-read site files: `sitemap.xml`, the Atom `feed.xml` and
 * `robots.txt`.
 */
#ifndef WQ_FEEDS_H
#define WQ_FEEDS_H

#include <stdint.h>

#include "buf.h"
#include "site.h"

/**
 * @brief The date a document counts as updated on (the sitemap's
 * `<lastmod>`, the feed's `<updated>`): its front matter `lastmod` (or
 * `updated`), else its own date, else the fallback (SOURCE_DATE_EPOCH or
 * the file's modification time).
 * @param doc the document. @param fallback used when the document has no date
 * (negative: the file's modification time).
 * @return seconds since the epoch.
 */
int64_t wq_feeds_doc_updated(const wq_doc *doc, int64_t fallback);

/** Most URLs one sitemap file may hold (sitemaps.org). */
#define WQ_SITEMAP_MAX_URLS 50000

/**
 * @brief How many sitemap files past the first the site needs: 0 when its
 * URLs fit in `sitemap.xml`, else the parts `sitemap-1.xml`... that
 * `sitemap.xml`, then an index, lists.
 * @param site the site. @param max_urls URLs in one file (#WQ_SITEMAP_MAX_URLS).
 * @return 0, or the number of parts.
 */
size_t wq_feeds_sitemap_parts(const wq_site *site, size_t max_urls);

/**
 * @brief The file name of sitemap part @p part (0: `sitemap.xml`).
 * @param out receives it (appended). @param part the part.
 */
void wq_feeds_sitemap_part_name(wq_buf *out, size_t part);

/**
 * @brief Write a sitemap file (sitemaps.org 0.9): every page of the home
 * page's list, every article, the tags' and the sections' pages (every
 * page of each list).  URLs are absolute when `base_url` is set, relative
 * to the site otherwise.  Past @p max_urls, part 0 is a sitemap index of
 * the parts 1, 2... (wq_feeds_sitemap_parts()), each a urlset.
 * @param out receives the XML. @param site the site.
 * @param fallback date for undated documents (see wq_feeds_doc_updated()).
 * @param part which file (0: `sitemap.xml`). @param max_urls URLs in one
 *        file (#WQ_SITEMAP_MAX_URLS).
 */
void wq_feeds_sitemap(wq_buf *out, const wq_site *site, int64_t fallback, size_t part,
		      size_t max_urls);

/**
 * @brief Write the Atom feed (RFC 4287): the newest `feed_limit` articles
 * (every one when 0), newest first (updated, else published; then in site
 * order), with title, link, dates, language and summary.
 * @param out receives the XML. @param site the site.
 * @param fallback date for undated documents.
 */
void wq_feeds_atom(wq_buf *out, const wq_site *site, int64_t fallback);

/**
 * @brief Write robots.txt (everything allowed; the sitemap named when
 * `base_url` is set).
 * @param out receives the text. @param site the site.
 */
void wq_feeds_robots(wq_buf *out, const wq_site *site);

#endif
