/**
 * @file doc.h
 * @brief One source document as it moves through the pipeline.
 *
 * Each stage fills its own fields: load (paths, text, front matter), parse
 * (HTML, headings, plain text), analyse (language, direction, words).  The
 * writers (website, book) only read it.
 */
#ifndef WQ_DOC_H
#define WQ_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "value.h"

/** A parsed document body (see markdown.h). */
struct wq_md;

/** A source document.  Strings are owned, NUL-terminated and never NULL once loaded. */
typedef struct wq_doc {
	/* ---- load */
	char *path;       /**< path as given to the user in messages (source dir + rel) */
	char *rel;        /**< path relative to the source folder, '/'-separated */
	char *section;    /**< sub-folder relative to the source folder ("" at the top) */
	char *text;       /**< cleaned Markdown body (front matter and title line blanked out) */
	size_t text_len;  /**< length of @ref text */
	char *title;      /**< title (front matter, first heading, or first line) */
	char *author;     /**< author ("" = site default) */
	char *lang;       /**< language from front matter ("" until analysed) */
	char *dir;        /**< "ltr"/"rtl" from front matter ("" until analysed) */
	char *summary;    /**< summary from front matter ("" = automatic) */
	char *slug;       /**< URL segment (front matter, else the file name) */
	char *url;        /**< page path relative to the site root, e.g. `section/slug/` */
	wq_val *tags;     /**< list of tag strings (never NULL) */
	double weight;    /**< ordering weight (0 = none) */
	bool draft;       /**< drafts are not published */
	bool has_date;    /**< whether @ref date is set */
	int64_t date;     /**< publication date, seconds since the epoch (UTC) */
	int64_t mtime;    /**< the file's modification time */
	size_t index;     /**< its place in the site's order (wq_site_sort()) */

	/* ---- parse */
	char *html;       /**< the body rendered as HTML */
	char *plain;      /**< the body as plain text (paragraphs separated by blank lines) */
	char *first_para; /**< plain text of the first paragraph */
	wq_val *toc;      /**< headings: list of maps {id, text, level, children} (never NULL after parse) */
	struct wq_md *md; /**< the syntax tree, owned (markdown.h) */

	/* ---- analyse */
	wq_dir base_dir;  /**< direction of the document */
	size_t words;     /**< word count */
	unsigned minutes; /**< reading time in minutes (at least 1 when there are words) */
} wq_doc;

/** @brief A new empty document. @return owned document. */
wq_doc *wq_doc_new(void);
/** @brief Free a document (NULL is a no-op). @param doc the document. */
void wq_doc_free(wq_doc *doc);

#endif
