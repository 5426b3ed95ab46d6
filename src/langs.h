/**
 * @file langs.h
 * @brief A multilingual site: one site per language (site.h), and which
 * pages of one are translations of which pages of another.
 *
 * The sources of each language are loaded as a site of their own, its
 * pages under its folder (wq_config::url_prefix).  Two documents are one
 * text in two languages when they share a `translation_key`, or else their
 * source path without the language (`report.ar.md`, `report.en.md`,
 * `report.md` in the default language).  Sections are matched by folder,
 * tags by slug; the home, search and tags pages of every language match.
 */
#ifndef WQ_LANGS_H
#define WQ_LANGS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "site.h"

/** The kinds of page that have versions in other languages. */
typedef enum wq_page_kind {
	WQ_PAGE_HOME,    /**< the home page (item unused) */
	WQ_PAGE_ARTICLE, /**< an article (item: index in wq_site::docs) */
	WQ_PAGE_SECTION, /**< a section's page (item: index in wq_site::sections) */
	WQ_PAGE_TAGS,    /**< the list of tags (item unused) */
	WQ_PAGE_TAG,     /**< a tag's page (item: index in wq_site::tags) */
	WQ_PAGE_SEARCH   /**< the search page (item unused) */
} wq_page_kind;

/** The languages of a site and the translations between their pages. */
typedef struct wq_langs wq_langs;

/**
 * @brief Match the pages of every language (each site loaded and sorted;
 * the sites' wq_site::langs are set to the result).  A translation key
 * given twice in one language is a warning; the first document keeps it.
 * @param sites one site per language, in the configuration's order
 *        (borrowed, as long as the result).
 * @param n number of sites.
 * @return owned.
 */
wq_langs *wq_langs_new(wq_site **sites, size_t n);

/**
 * @brief Match the tags of every language by slug, once their order is
 * final (wq_site_sort_tags()); until then tag pages have no versions.
 * @param langs the languages.
 */
void wq_langs_index_tags(wq_langs *langs);

/** @brief Free (NULL is a no-op). @param langs the languages. */
void wq_langs_free(wq_langs *langs);

/** @brief The number of languages. @param langs the languages. @return it. */
size_t wq_langs_count(const wq_langs *langs);

/**
 * @brief The site of a language.
 * @param langs the languages. @param k the language's index.
 * @return borrowed site.
 */
const wq_site *wq_langs_site(const wq_langs *langs, size_t k);

/**
 * @brief The name of a language in that language (العربية, English).
 * @param langs the languages. @param k the language's index.
 * @return borrowed.
 */
const char *wq_langs_name(const wq_langs *langs, size_t k);

/**
 * @brief The version of a page in another language: its path from the
 * site's root (`en/report/`; a list's first page).
 * @param langs the languages.
 * @param site the page's site (one of the languages').
 * @param kind the page's kind. @param item which one (see #wq_page_kind).
 * @param k the other language's index (its own gives the page itself).
 * @param[out] path receives the path when there is one (cleared first).
 * @return whether that language has the page.
 */
bool wq_langs_version(const wq_langs *langs, const wq_site *site, wq_page_kind kind,
		      size_t item, size_t k, wq_buf *path);

#endif
