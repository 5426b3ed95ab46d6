/**
 * @file scaffold.h
 * @brief New files for the author: an article (`warraq new`) and a whole
 * project that builds at once (`warraq init`).
 */
#ifndef WQ_SCAFFOLD_H
#define WQ_SCAFFOLD_H

#include <stdbool.h>

#include "err.h"

/** What `warraq new` writes. */
typedef struct wq_new_opts {
	const char *source;  /**< the source folder (made when missing) */
	const char *config;  /**< the configuration (for `slugs: ascii`) */
	bool config_given;   /**< the user named the configuration: it must exist */
	const char *title;   /**< the article's title (UTF-8, one line) */
	const char *section; /**< a folder below the source folder, or NULL for the top */
	const char *lang;    /**< a BCP 47 language tag for the front matter, or NULL */
} wq_new_opts;

/** Default options: `seeds/`, `warraq.yml`, no title, the top, no language. */
#define WQ_NEW_OPTS_INIT { "seeds", "warraq.yml", false, NULL, NULL, NULL }

/**
 * @brief Write a new article: `<source>/<section>/<slug>.md`, its slug
 * made from the title as the build makes identifiers (letters of every
 * script kept, case folded, spaces to '-'), or transliterated to ASCII
 * under `slugs: ascii`; its front matter gives the title, today's date
 * (UTC) and the language when one is given.  An existing file is never
 * overwritten.
 * @param[out] out the path written (the caller frees it).
 * @param o what to write.
 * @param err filled on failure.
 * @return 0; #WQ_EUSAGE for a bad title, language or section (one that
 *         would leave the source folder); #WQ_EINPUT when the file (or
 *         another text with the same address) exists; #WQ_EIO.
 */
int wq_scaffold_article(char **out, const wq_new_opts *o, wq_err *err);

/**
 * @brief Make a new project in @p dir (made when missing; an existing one
 * must be empty but for a `.git` folder): `warraq.yml` with comments,
 * `seeds/` with a first article in Arabic, `.gitignore`, and
 * `.github/workflows/pages.yml`, which builds warraq from its repository,
 * then the site, and publishes it on GitHub Pages.  `warraq build` in
 * @p dir then builds the site.
 * @param dir the project's folder.
 * @param err filled on failure.
 * @return 0, #WQ_EUSAGE when @p dir is not an empty folder, or #WQ_EIO.
 */
int wq_scaffold_project(const char *dir, wq_err *err);

#endif
