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

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "spill.h"
#include "text.h"
#include "value.h"

/** A parsed document body (see markdown.h). */
struct wq_md;

/** A link to a site-absolute path (`/a/b`) that no source matches; the
 * site reports them once per first path segment (wq_site_report_unmatched()). */
typedef struct wq_unmatched_link {
	char *file;        /**< the file it is written in (the document or an included file) */
	unsigned line;     /**< its line there */
	unsigned col;      /**< its column, in characters */
	char *url;         /**< the link as written */
} wq_unmatched_link;

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
	char *summary;    /**< summary from front matter, else its `description` ("" =
			       automatic: the first paragraph, filled in by analysis) */
	char *description; /**< `description` from front matter ("" = none): the page's
				meta description, before the summary */
	char *keywords;   /**< `keywords` from front matter, joined with ", " ("" = none) */
	char *slug;       /**< URL segment (front matter, else the file name) */
	char *translation_key; /**< `translation_key` from front matter ("" = none: the
				    source path without its language names the text) */
	int language;     /**< in a multilingual site, the index of its language in
			       wq_config::languages (from its file name, else the
			       default's: 0); 0 otherwise */
	char *url;        /**< page path relative to the site root, e.g. `section/slug/` */
	wq_val *tags;     /**< list of tag strings (never NULL) */
	wq_val *aliases;  /**< `aliases`: list of the old URLs redirected to the page, as
			       paths (`/old/page/` from the site root, `old/` from the
			       page's section folder), each with its position in the
			       file; NULL when none */
	wq_val *params;   /**< every other front matter key, as written, and dotted keys
			       (`ms.topic`) also as nested maps: a map, never NULL */
	double weight;    /**< ordering weight (0 = none) */
	bool draft;       /**< drafts are not published */
	bool has_date;    /**< whether @ref date is set */
	int64_t date;     /**< publication date, seconds since the epoch (UTC) */
	bool has_lastmod; /**< whether @ref lastmod is set */
	int64_t lastmod;  /**< date of the last change (`lastmod` or `updated`), seconds
			       since the epoch (UTC) */
	int64_t mtime;    /**< the file's modification time */
	size_t index;     /**< its place in the site's order (wq_site_sort()) */

	bool title_in_text; /**< the title was taken from the text's first line (blanked there) */
	bool text_loaded; /**< @ref text holds the text (else it was let go) */
	bool keep_text;   /**< keep @ref text from loading to writing (within the memory
			       for texts; see load.c) */
	bool restored;    /**< made from the build cache's record of the last build: its
			       file was not read (cache.h) */
	uint64_t text_hash; /**< hash of @ref text as loaded (wq_hash_bytes()) */
	struct wq_srcmap *srcmap; /**< where the lines of @ref text came from when it
				       includes other files (include.h), else NULL */
	char **includes;  /**< the files its text includes, relative to the source
			       folder (owned) */
	size_t nincludes; /**< number of them */
	wq_buf load_notes; /**< the warnings loading it gave (wq_diag_save()), for the
			        build cache (cache.h) */

	/* ---- parse */
	char *plain;      /**< the body as plain text (paragraphs separated by blank lines) */
	char *first_para; /**< plain text of the first paragraph */
	wq_val *toc;      /**< headings: list of maps {id, text, level, children} (never NULL
			       after parse); read them with wq_doc_toc() (docrec.h), which
			       also sees those of a document made from the cache */
	const char *toc_rec; /**< a document made from the cache (wq_docrec_get()): its
				  headings as the cache's record holds them, read on
				  first use (wq_doc_toc()); NULL when @ref toc has them */
	size_t toc_rec_len; /**< the length of @ref toc_rec */
	wq_val *_Atomic *toc_read; /**< where wq_doc_toc() keeps what it read of
					@ref toc_rec (owned, as is what it holds) */
	struct wq_md *md; /**< the syntax tree, owned (markdown.h) */
	void (*md_free)(struct wq_md *md); /**< frees the tree (@ref md), the parser's, given with the
					       tree (wq_doc_set_tree()), so that the
					       document does not depend on the parser */

	char **images;    /**< the image files its text shows, relative to the source
			       folder, in the order of the text (owned) */
	size_t nimages;   /**< number of images */
	char **heading_ids; /**< its headings' ids, in order (owned; wq_md_heading_id()) */
	size_t nheadings; /**< number of headings */
	size_t image_nodes; /**< images in its text, resolved or not */
	size_t images_without_alt; /**< of those, the ones without alternative text */
	wq_unmatched_link *unmatched; /**< its site-absolute links that match nothing (owned) */
	size_t nunmatched; /**< number of them */

	/* ---- analyse */
	wq_dir base_dir;  /**< direction of the document */
	size_t words;     /**< word count */
	unsigned minutes; /**< reading time in minutes (at least 1 when there are words) */
	uint32_t *chars;  /**< the characters of its text, each once, ascending (font subsets) */
	size_t nchars;    /**< number of characters */
	wq_spill_ref search; /**< its page in the search index (`search/d/N.js`), in the
				  build's work file (wq_search_piece()) */
	wq_spill_ref search_words; /**< its words and their weights, for the search
					index's words, in the work file */
	const wq_spill *search_words_in; /**< where @ref search_words is when not in the
					      work file: the build cache's words (cache.h) */
} wq_doc;

/** @brief A new empty document. @return owned document. */
wq_doc *wq_doc_new(void);
/**
 * @brief A new document whose texts, lists and maps are not made yet
 * (NULL): for one about to be filled from a record (docrec.h), which then
 * makes those left (wq_doc_fill_unset()).
 * @return owned document.
 */
wq_doc *wq_doc_new_unset(void);
/**
 * @brief Make each text of a document still NULL empty, and each list or
 * map still NULL empty: where nothing was set, it is then as
 * wq_doc_new() makes it.
 * @param doc the document.
 */
void wq_doc_fill_unset(wq_doc *doc);
/** @brief Free a document (NULL is a no-op). @param doc the document. */
void wq_doc_free(wq_doc *doc);

/**
 * @brief Let go of what a document needs only while it is parsed or
 * rendered: its text, its syntax tree, its plain text and first paragraph
 * (memory then follows the documents being worked on, not the site).
 * @param doc the document.
 */
void wq_doc_release_body(wq_doc *doc);

/**
 * @brief Forget the document's unmatched site-absolute links (once reported).
 * @param doc the document.
 */
void wq_doc_clear_unmatched(wq_doc *doc);

/**
 * @brief Give the document its syntax tree, freeing the one it had.
 * @param d the document. @param md the tree (owned by @p d from now on).
 * @param md_free frees it (the parser's; the document does not depend on it).
 */
void wq_doc_set_tree(wq_doc *d, struct wq_md *md, void (*md_free)(struct wq_md *md));

/**
 * @brief Let go of the syntax tree, plain text and first paragraph, but
 * keep the text (see #wq_doc::keep_text).
 * @param doc the document.
 */
void wq_doc_release_tree(wq_doc *doc);

#endif
