/**
 * @file toc.h
 * @brief An explicit table of contents in the sources: mdBook's
 * `SUMMARY.md` or DocFX's `toc.yml`, read into a list of entries (names,
 * targets and nesting) from which the site builds its tree.
 *
 * `SUMMARY.md` is a Markdown outline: an optional `# Summary` title, links
 * before the first list (prefix chapters), `# Part` headings, nested lists
 * of `- [Title](path.md)` (numbered chapters; `[Title]()` is a draft
 * chapter: a name without a page), `---` separators and links after the
 * lists (suffix chapters).  `toc.yml` is a YAML list of `{name, href,
 * topicHref, items}`; an `href` to another `toc.yml`, or to a folder that
 * holds one, nests that file's entries (DocFX).  Targets are relative to
 * the file they are written in; one that leaves the source folder (or is a
 * URL) is skipped with a warning.
 */
#ifndef WQ_TOC_H
#define WQ_TOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "err.h"

/** Deepest nesting of entries kept: deeper entries are placed at this depth
 * (with one warning), so that the sidebar's recursive template and the
 * book's navigation stay within bounds whatever the input. */
#define WQ_TOC_MAX_DEPTH 16

/** Deepest chain of `toc.yml` files referring to one another: a cycle or a
 * runaway chain stops here with a warning. */
#define WQ_TOC_MAX_FILES_DEEP 8

/** What an entry points at. */
typedef enum wq_toc_kind {
	WQ_TOC_PAGE,   /**< a source file (`guide/intro.md`) */
	WQ_TOC_FOLDER, /**< a folder of the sources (DocFX `href: guide/`, or a nested `toc.yml`'s folder) */
	WQ_TOC_GROUP   /**< no page: a heading (`# Part`, a draft chapter, a toc.yml entry without `href`) */
} wq_toc_kind;

/** One entry; the entries are in reading order, each one's children right
 * after it with a depth one more. */
typedef struct wq_toc_entry {
	wq_toc_kind kind;  /**< what it points at */
	char *title;       /**< the name it is given ("" when none) */
	char *path;        /**< #WQ_TOC_PAGE, #WQ_TOC_FOLDER: the target, relative to the
				source folder, normalised ("" for the folder itself); else "" */
	unsigned depth;    /**< 0 at the top */
	const char *file;  /**< the file it is written in (borrowed from the table) */
	unsigned line;     /**< its line there */
	unsigned col;      /**< its column, in characters */
} wq_toc_entry;

/** A table of contents as read; opaque apart from its entries. */
typedef struct wq_toc wq_toc;

/**
 * @brief The file that is the sources' table of contents: `SUMMARY.md` at
 * the top of the source folder, else `toc.yml` (or `toc.yaml`) there.
 * @param source_dir the source folder.
 * @return a borrowed constant name, or NULL when there is none.
 */
const char *wq_toc_find(const char *source_dir);

/**
 * @brief Whether a source file is a table of contents file, read and not
 * published: the one named by wq_toc_find() and, when that is a `toc.yml`,
 * every `toc.yml` below it too (DocFX's nested tables).
 * @param toc_name what wq_toc_find() returned (NULL: none).
 * @param rel the file's path relative to the source folder.
 * @return true when it is one.
 */
bool wq_toc_is_toc_file(const char *toc_name, const char *rel);

/**
 * @brief Read a table of contents.  Entries that cannot be used (a target
 * outside the source folder, a URL, a line that is no entry, a missing
 * nested table) are warnings in @p diag; an entry skipped that way is kept
 * as a #WQ_TOC_GROUP of its name, so that its children keep their place.
 * @param[out] out the table; free it with wq_toc_free().
 * @param source_dir the source folder.
 * @param name the file, relative to the source folder (from wq_toc_find()).
 * @param diag where warnings go.
 * @param err filled when the file cannot be read, is not UTF-8 text or is
 *        not well-formed YAML.
 * @return 0 or a negative WQ_E* code.
 */
int wq_toc_read(wq_toc **out, const char *source_dir, const char *name, wq_diag *diag,
		wq_err *err);

/**
 * @brief The entries, in reading order.
 * @param toc the table. @param[out] n how many.
 * @return borrowed array, as long as the table.
 */
const wq_toc_entry *wq_toc_entries(const wq_toc *toc, size_t *n);

/** @brief Free a table (NULL is a no-op). @param toc the table. */
void wq_toc_free(wq_toc *toc);

#endif
