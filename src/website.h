/**
 * @file website.h
 * @brief The website writer: every page, the theme's assets, the source
 * folder's other files, sitemap, feed, robots.txt and .nojekyll.
 */
#ifndef WQ_WEBSITE_H
#define WQ_WEBSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "fonts.h"
#include "outdir.h"
#include "site.h"
#include "theme.h"

/** What the writer wrote. */
typedef struct wq_website_stats {
	size_t pages; /**< HTML pages */
	size_t files; /**< all files, pages included */
	size_t page_bytes;   /**< bytes of all HTML pages */
	size_t search_bytes; /**< bytes of the search index */
} wq_website_stats;

/**
 * @brief Write one article's page: safe on several threads at once for
 * different articles.
 * @param od the output folder. @param site the site. @param theme the theme.
 * @param index the document's index; it must be parsed and analysed.
 * @param[out] bytes the page's size.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_website_article(wq_outdir *od, const wq_site *site, const wq_theme *theme, size_t index,
		       size_t *bytes, wq_err *err);

/**
 * @brief Write the rest of the website into @p od, once every article's
 * page is written (wq_website_article()): section and tag pages (on the
 * site's threads), home, 404, search, sitemap, feed, robots.txt, copied
 * files and fonts.
 * @param od the output in progress.
 * @param site the analysed site.
 * @param theme the theme.
 * @param fonts the theme's fonts, subset (written to `assets/fonts/`), or NULL.
 * @param fallback date for undated documents in sitemap and feed (negative:
 *        their files' modification times).
 * @param[out] stats what was written.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_website_write(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		     const wq_fonts *fonts, int64_t fallback, wq_website_stats *stats, wq_err *err);

/**
 * @brief What an update in place writes besides the changed articles'
 * pages (cache.h): the search index (the parts of the articles in @p only,
 * and the words), the search page, the feed and the sitemap, whose dates
 * may follow a file's. The lists and other files show nothing that
 * changed, and stay as they are.
 * @param od the output folder (wq_outdir_begin_patch()). @param site the site.
 * @param theme the theme. @param only the articles that changed, by index.
 * @param fallback as for wq_website_write().
 * @param[out] stats what was written. @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_website_update(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		      const bool *only, int64_t fallback, wq_website_stats *stats, wq_err *err);

#endif
