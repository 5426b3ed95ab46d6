/**
 * @file analyse.h
 * @brief The analyse stage: language, direction, words, reading time and
 * summary of each document, and the site's own language and direction.
 */
#ifndef WQ_ANALYSE_H
#define WQ_ANALYSE_H

#include "site.h"

/**
 * @brief Analyse one parsed document (an article or a section's
 * `_index.md`): its language and direction, word count, reading time,
 * automatic summary.  (The direction of each block is set on a tree
 * about to be rendered, by wq_md_apply_bidi().)
 *
 * A document's language is its front matter's, else the one its letters
 * show (ICU), else the site's; its direction is its front matter's, else the
 * majority of its strong characters, else its language's.  With
 * `detect_language: false` in the config, the config's `lang` and `dir`
 * apply to every document without front matter values.  Independent of the
 * other documents: each is analysed on the thread that parsed it.
 * @param doc the document, after wq_md_parse(). @param cfg the configuration.
 */
void wq_analyse_doc(wq_doc *doc, const wq_config *cfg);

/**
 * @brief Site-wide facts from the analysed documents: the site's language
 * (the configuration's, else the one most documents are in) and direction,
 * and the tags in that language's alphabetical order.
 * @param site the site, every document analysed.
 */
void wq_analyse_site(wq_site *site);

#endif
