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

/**
 * @brief Write the sitemap (sitemaps.org 0.9): the home page and every article.
 * URLs are absolute when `base_url` is set, relative to the site otherwise.
 * @param out receives the XML. @param site the site.
 * @param fallback date for undated documents (see wq_feeds_doc_updated()).
 */
void wq_feeds_sitemap(wq_buf *out, const wq_site *site, int64_t fallback);

/**
 * @brief Write the Atom feed (RFC 4287): every article, newest first as the
 * site orders them, with its title, link, dates, language and summary.
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
