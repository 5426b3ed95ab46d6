/**
 * @file analyse.h
 * @brief The analyse stage: language, direction, words, reading time and
 * summary of each document, and the site's own language and direction.
 */
#ifndef WQ_ANALYSE_H
#define WQ_ANALYSE_H

#include "site.h"

/**
 * @brief Analyse every document of a parsed site, and the sections'
 * `_index.md` files.
 *
 * A document's language is its front matter's, else the one its letters
 * show (ICU), else the site's; its direction is its front matter's, else the
 * majority of its strong characters, else its language's.  With
 * `detect_language: false` in the config, the config's `lang` and `dir`
 * apply to every document without front matter values.
 * @param site the site, after wq_md_parse() on every document and
 *        `_index.md`.
 */
void wq_analyse_site(wq_site *site);

#endif
