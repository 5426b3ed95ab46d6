/**
 * @file theme.h
 * @brief Themes: the templates (with the site's own overrides) and assets.
 *
 * A theme is a folder `themes/<name>/` holding `layouts/` (Mustache
 * templates, `*.mustache`) and `assets/` (copied to `site/assets/`).  The
 * site overrides any single template with a file of the same name in its
 * own `layouts/`, and any asset with one in its own `assets/`, both beside
 * the configuration file.  UI strings live in `i18n/<lang>.yml`, the
 * book's style sheet in `epub/`, fonts in `fonts/`.
 */
#ifndef WQ_THEME_H
#define WQ_THEME_H

#include <stdbool.h>

#include "buf.h"
#include "config.h"
#include "err.h"
#include "value.h"

/** A loaded theme with every template compiled; opaque. */
typedef struct wq_theme wq_theme;

/**
 * @brief Find and load the configured theme: `<config folder>/themes/<name>`,
 * else the themes installed with warraq.
 * @param[out] out the theme; free with wq_theme_free().
 * @param cfg the configuration.
 * @param err filled on failure (missing theme, template syntax errors).
 * @return 0 or a negative WQ_E* code.
 */
int wq_theme_open(wq_theme **out, const wq_config *cfg, wq_err *err);

/**
 * @brief The folder of the configured theme, found as wq_theme_open()
 * finds it, without reading it.
 * @param cfg the configuration. @return the folder (owned), or NULL when
 *        there is no such theme.
 */
char *wq_theme_locate(const wq_config *cfg);

/**
 * @brief Whether a template names a document's word count (`words`):
 * only then do other pages than its own show it (cache.h).
 * @param theme the theme. @return true when one does.
 */
bool wq_theme_says_words(const wq_theme *theme);

/** @brief Free a theme (NULL is a no-op). @param theme the theme. */
void wq_theme_free(wq_theme *theme);

/**
 * @brief Size the bound on a rendered page for a site of @p docs documents:
 * #WQ_TPL_MAX_OUTPUT (a runaway template) plus 4 KiB per document (a page
 * that lists them all).
 * @param theme the theme. @param docs the number of documents.
 */
void wq_theme_scale(wq_theme *theme, size_t docs);

/**
 * @brief Render the template @p name (e.g. "article") with @p data.
 * Thread-safe: the theme is only read.
 * @param out receives the output (appended).
 * @param theme the theme.
 * @param name template name, without `.mustache`.
 * @param data the values.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_theme_render(wq_buf *out, const wq_theme *theme, const char *name, const wq_val *data,
		    wq_err *err);

/**
 * @brief Whether the theme (or the site's own `layouts/`) has a template.
 * @param theme the theme. @param name its name, without `.mustache`
 * (`partials/tree`).
 * @return true when it has.
 */
bool wq_theme_has_template(const wq_theme *theme, const char *name);

/** The theme's folders of files, besides templates and UI strings. */
typedef enum wq_theme_folder {
	WQ_THEME_ASSETS, /**< `assets/`, copied to `site/assets/` (the site's own `assets/` overrides) */
	WQ_THEME_EPUB,   /**< `epub/`: the book's style sheet `book.css` */
	WQ_THEME_FONTS,  /**< `fonts/`: font files, subset for the site, and their licence */
	WQ_THEME_FOLDERS /**< how many there are */
} wq_theme_folder;

/**
 * @brief The files of one of the theme's folders, as paths relative to that
 * folder (sorted).
 * @param theme the theme. @param folder which folder.
 * @param[out] count the number of files.
 * @return borrowed array of relative paths.
 */
const char *const *wq_theme_files(const wq_theme *theme, wq_theme_folder folder, size_t *count);

/**
 * @brief Where one of those files is (the site's override or the theme's).
 * @param theme the theme. @param folder which folder. @param i index below the count.
 * @return borrowed path.
 */
const char *wq_theme_file_path(const wq_theme *theme, wq_theme_folder folder, size_t i);

/**
 * @brief The UI strings for a language: the theme's `i18n/<lang>.yml` (the
 * site's own `i18n/` folder overriding it key by key) laid over `en.yml`.
 * `ar-EG` falls back to `ar`, an unknown language to English.
 * @param theme the theme.
 * @param lang the language.
 * @return borrowed map of strings (empty when the theme has none).
 */
const wq_val *wq_theme_strings(const wq_theme *theme, const char *lang);

/** @brief The theme's folder. @param theme the theme. @return borrowed path. */
const char *wq_theme_dir(const wq_theme *theme);

#endif
