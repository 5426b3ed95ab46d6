/**
 * @file render.h
 * @brief The render stage for the website: template values for each page,
 * rendered through the theme.
 */
#ifndef WQ_RENDER_H
#define WQ_RENDER_H

#include "buf.h"
#include "err.h"
#include "site.h"
#include "theme.h"

/**
 * @brief Render the page of document @p index (`<url>/index.html`).
 * Safe to call for different documents from different threads.
 * @param out receives the HTML (appended).
 * @param site the analysed site.
 * @param theme the theme.
 * @param index the document's index in site order.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_render_article(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		      wq_err *err);

/**
 * @brief How many pages a list of @p items articles takes (`paginate:`
 * articles a page; 0 puts them all on one).
 * @param site the site. @param items the list's length. @return at least 1.
 */
size_t wq_render_page_count(const wq_site *site, size_t items);

/**
 * @brief The URL path of page @p page of the list at @p list_url, as Hugo
 * writes them: the list itself, then `page/2/`, `page/3/`...
 * @param out receives the path (appended). @param list_url the list's URL
 * path ("" for the home page, `reports/`). @param page 0-based page.
 */
void wq_render_page_url(wq_buf *out, const char *list_url, size_t page);

/**
 * @brief Articles a section's page lists: those directly in it.
 * @param site the site. @param index the section's index. @return the count.
 */
size_t wq_render_section_items(const wq_site *site, size_t index);

/**
 * @brief Render page @p page of the home page (`index.html`, then
 * `page/2/index.html`...): the articles in site order, `paginate:` a page,
 * with a pager (`paging`); the first page lists the sections too.
 * @param out receives the HTML. @param site the site. @param theme the theme.
 * @param page 0-based page (see wq_render_page_count()).
 * @param err filled on failure. @return 0 or a negative WQ_E* code.
 */
int wq_render_home(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t page,
		   wq_err *err);

/**
 * @brief Render a section's page (`<section>/index.html`): its documents in
 * site order, the sections inside it, and the way back up.
 * @param out receives the HTML. @param site the site. @param theme the theme.
 * @param index the section's index in #wq_site::sections.
 * @param page 0-based page of its list (see wq_render_page_count()).
 * @param err filled on failure. @return 0 or a negative WQ_E* code.
 */
int wq_render_section(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		      size_t page, wq_err *err);

/**
 * @brief Render the search page (`search/index.html`).  Its template may
 * hold the index's first file and the theme's `assets/search.js` in the
 * page (`{{{search_index}}}`, `{{{search_script}}}`: their `</` written
 * `<\/`, so neither ends the script element), which saves the fetch of
 * both before a query from `?q=` can start.
 * @param out receives the HTML. @param site the site. @param theme the theme.
 * @param index the index's first file (wq_search_write()).
 * @param err filled on failure. @return 0 or a negative WQ_E* code.
 */
int wq_render_search(wq_buf *out, const wq_site *site, const wq_theme *theme,
		     const wq_buf *index, wq_err *err);

/**
 * @brief Render the page listing every tag (`tags/index.html`, layout
 * `tags`), each with the number of its articles.
 * @param out receives the HTML. @param site the site, its tags collected.
 * @param theme the theme. @param err filled on a template error.
 * @return 0 or a negative WQ_E* code.
 */
int wq_render_tags(wq_buf *out, const wq_site *site, const wq_theme *theme, wq_err *err);

/**
 * @brief Render a tag's page (`tags/<slug>/index.html`, layout `tag`): the
 * articles carrying it, in site order.
 * @param out receives the HTML. @param site the site.
 * @param theme the theme. @param index the tag's index in #wq_site::tags.
 * @param page 0-based page of its list (see wq_render_page_count()).
 * @param err filled on a template error.
 * @return 0 or a negative WQ_E* code.
 */
int wq_render_tag(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		  size_t page, wq_err *err);

/**
 * @brief Render the page for missing pages (`404.html`).  It is served from
 * any depth, so its links go through the configured base URL when there is
 * one, and are relative to the root otherwise.
 * @param out receives the HTML. @param site the site. @param theme the theme.
 * @param err filled on failure. @return 0 or a negative WQ_E* code.
 */
int wq_render_404(wq_buf *out, const wq_site *site, const wq_theme *theme, wq_err *err);

/**
 * @brief Render the page written at an old URL of a page (front matter
 * `aliases`): it sends the browser on at once (`<meta http-equiv="refresh">`),
 * names the page as canonical, asks not to be indexed and links to it for
 * readers whose browser does not follow.  It is no theme's: the same page
 * Hugo writes, valid HTML.
 * @param out receives the HTML (appended).
 * @param lang the language of the page it leads to.
 * @param href the page's address from the alias's folder (relative).
 * @param canonical the page's absolute URL, or NULL to use @p href.
 */
void wq_render_alias(wq_buf *out, const char *lang, const char *href, const char *canonical);

#endif
