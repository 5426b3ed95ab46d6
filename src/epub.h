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

/** A book being written (opaque). */
typedef struct wq_book wq_book;

/**
 * @brief Start the book: cover, title page, table of contents, an entry for
 * each chapter (written by wq_epub_chapter()), and a name for each image,
 * in the order the chapters first show them.
 * @param[out] out the book (free with wq_epub_free()).
 * @param site the site, analysed. @param theme the theme.
 * @param fonts the subset fonts to embed.
 * @param modified the book's modification time (seconds since the epoch).
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_begin(wq_book **out, const wq_site *site, const wq_theme *theme,
		  const wq_fonts *fonts, int64_t modified, wq_err *err);

/**
 * @brief Start a book of one article (`epub.per_article`): its title,
 * author, language, direction and date, its one chapter (written with
 * wq_epub_chapter(), index 0), and links to the other articles and to
 * sections going to the website (`base_url`; without it their text stays,
 * unlinked).
 * @param[out] out the book (free with wq_epub_free()).
 * @param site the site, analysed. @param theme the theme.
 * @param fonts the subset fonts to embed.
 * @param modified the book's modification time (seconds since the epoch).
 * @param index the article's index in the site.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_begin_article(wq_book **out, const wq_site *site, const wq_theme *theme,
			  const wq_fonts *fonts, int64_t modified, size_t index, wq_err *err);

/**
 * @brief The file name of an article's own book (`epub.per_article`),
 * written in the folder of the article's page: an ASCII slug of its title,
 * with `.epub`.
 * @param out receives the name (replacing its contents).
 * @param doc the article.
 */
void wq_epub_article_file_name(wq_buf *out, const wq_doc *doc);

/**
 * @brief Write one chapter, compressed: safe on several threads at once
 * for different chapters.
 * @param book the book. @param index the document's index in the site
 *        (0 in a book of one article); the document must be parsed and
 *        analysed (its tree is read).
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_chapter(wq_book *book, size_t index, wq_err *err);

/**
 * @brief A chapter's manifest properties (`svg`, `scripted`), once written.
 * @param book the book. @param index the document's index in the site.
 * @return the properties, or "" when none.
 */
const char *wq_epub_chapter_props(const wq_book *book, size_t index);

/**
 * @brief Begin the book of an update in place, which takes from the last
 * build's book what did not change: its chapters (wq_epub_chapter_again())
 * and its tables of contents (nav.xhtml and toc.ncx), as they are.  For
 * a site whose documents show the same titles and headings as in the
 * last build, with the same configuration and theme.
 * @param[out] out the book. @param site the site (sorted, analysed).
 * @param theme the theme. @param fonts the subset fonts to embed.
 * @param modified the book's modification time.
 * @param last the last build's book.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_begin_update(wq_book **out, const wq_site *site, const wq_theme *theme,
			 const wq_fonts *fonts, int64_t modified, const char *last, wq_err *err);

/**
 * @brief Take a chapter from the last build's book as it is (its
 * compressed bytes), instead of writing it: for a document that did not
 * change, in a site whose other documents show the same of themselves.
 * @param book the book (wq_epub_begin_update()).
 * @param index the document's index in the site.
 * @param props its manifest properties then (wq_epub_chapter_props()).
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_chapter_again(wq_book *book, size_t index, const char *props, wq_err *err);

/**
 * @brief Finish the book once every chapter is written (manifest, spine,
 * NCX, resources, images) and write it into the output folder.
 * @param book the book. @param od the output folder.
 * @param name its file name (wq_epub_file_name()).
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_epub_finish(wq_book *book, wq_outdir *od, const char *name, wq_err *err);

/** @brief Free a book (NULL is a no-op). @param book the book. */
void wq_epub_free(wq_book *book);

#endif
