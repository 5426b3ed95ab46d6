/**
 * @file epub.h
 * @brief The book writer: one EPUB 3 holding every article as a chapter, in
 * site order, written over the same analysed documents as the website.
 *
 * The one module that uses libzip.  The book is reproducible: entries are
 * written in a fixed order with fixed timestamps, so the same sources and
 * the same modification date give the same bytes.
 */
#ifndef WQ_EPUB_H
#define WQ_EPUB_H

#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "fonts.h"
#include "outdir.h"
#include "site.h"
#include "theme.h"

/**
 * @brief The book's file name: `epub.filename` from the configuration, else
 * an ASCII slug of the book's title, with `.epub`.
 * @param out receives the name (replacing its contents).
 * @param site the site.
 */
void wq_epub_file_name(wq_buf *out, const wq_site *site);

/**
 * @brief Write the book into the output folder.
 * @param od the output in progress.
 * @param site the analysed site.
 * @param theme the theme (book style sheet, UI strings).
 * @param fonts the theme's fonts, subset, embedded in the book (or NULL).
 * @param modified the book's modification date (`dcterms:modified` and
 *        the ZIP timestamps), seconds since the epoch.
 * @param name the file name inside the output (see wq_epub_file_name()).
 * @param err filled on failure (a missing cover image names the file).
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_write(wq_outdir *od, const wq_site *site, const wq_theme *theme,
		  const wq_fonts *fonts, int64_t modified, const char *name, wq_err *err);

#endif
