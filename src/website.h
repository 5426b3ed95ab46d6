/**
 * @file website.h
 * @brief The website writer: every page, the theme's assets, the source
 * folder's other files, sitemap, feed, robots.txt and .nojekyll.
 */
#ifndef WQ_WEBSITE_H
#define WQ_WEBSITE_H

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
 * @brief Write the website into @p od.  Article pages are rendered in
 * parallel.
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

#endif
