/**
 * @file fonts.h
 * @brief The theme's fonts, subset (HarfBuzz) to the characters the site
 * uses, for the website and the book alike.
 *
 * The one module that uses HarfBuzz.  Subsetting keeps the layout tables
 * (GSUB, GPOS, GDEF) and the default shaping features, so Arabic still joins
 * and places its marks.
 */
#ifndef WQ_FONTS_H
#define WQ_FONTS_H

#include <stddef.h>

#include "err.h"
#include "site.h"
#include "theme.h"

/** The prepared fonts of a build; opaque. */
typedef struct wq_fonts wq_fonts;

/**
 * @brief Subset every font in the theme's `fonts/` folder (`.ttf`, `.otf`)
 * to the characters of the site: the documents, the configuration's text,
 * the theme's UI strings in the languages used, and the digits and
 * punctuation dates and numbers are written with.
 * @param[out] out the fonts; free with wq_fonts_free().
 * @param site the analysed site. @param theme the theme.
 * @param err filled on failure (a font HarfBuzz cannot read names the file).
 * @return 0 or a negative WQ_E* code.
 */
int wq_fonts_prepare(wq_fonts **out, const wq_site *site, const wq_theme *theme, wq_err *err);

/** @brief Free (NULL is a no-op). @param fs the fonts. */
void wq_fonts_free(wq_fonts *fs);

/** @brief Number of fonts. @param fs the fonts. @return count. */
size_t wq_fonts_count(const wq_fonts *fs);

/**
 * @brief A font's file name (as in the theme's `fonts/` folder).
 * @param fs the fonts. @param i index. @return borrowed name.
 */
const char *wq_fonts_name(const wq_fonts *fs, size_t i);

/**
 * @brief A font's subset bytes.
 * @param fs the fonts. @param i index. @param[out] len their length.
 * @return borrowed bytes.
 */
const char *wq_fonts_data(const wq_fonts *fs, size_t i, size_t *len);

/**
 * @brief The theme's font licence text (`fonts/OFL.txt`, `LICENSE` or
 * `LICENSE.txt`), or NULL when it has none.
 * @param fs the fonts. @param[out] len its length.
 * @return borrowed text.
 */
const char *wq_fonts_license(const wq_fonts *fs, size_t *len);

/**
 * @brief Bytes of the fonts before and after subsetting.
 * @param fs the fonts. @param[out] before sum of the originals.
 * @return sum of the subsets.
 */
size_t wq_fonts_sizes(const wq_fonts *fs, size_t *before);

#endif
