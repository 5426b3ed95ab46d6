/**
 * @file include.h
 * @brief Include directives in source texts, expanded when a text is
 * loaded: mdBook's `{{#include path}}` (with `path:10:20` line ranges and
 * `path:name` anchored regions) and DocFX's `[!INCLUDE [title](path)]`.
 *
 * A directive alone on its line (after any indentation or `>` quote
 * markers, which prefix every included line) includes the file's lines as
 * blocks; elsewhere in a line, its text joins the line (a DocFX include's
 * lines are joined by spaces).  Paths are relative to the file that holds
 * the directive (`/` starts from the source folder) and may not leave the
 * source folder.  An included document's front matter is left out (a
 * `.md`, `.markdown` or `.txt` file: a YAML file's `---` is its own); so
 * are the `ANCHOR:` and `ANCHOR_END:` lines of an mdBook include.  DocFX
 * directives in fenced code are text; mdBook's are expanded there too
 * (that is how code is included), and `\{{#include …}}` is the directive
 * as text.
 *
 * The expanded text keeps a map from its lines to the files and lines they
 * came from, so that a message about an included line names the included
 * file.
 */
#ifndef WQ_INCLUDE_H
#define WQ_INCLUDE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "err.h"

/** Most includes in a chain (a includes b includes c...). */
#define WQ_INCLUDE_MAX_DEPTH 10

/** Largest text a document may have once its includes are expanded. */
#define WQ_INCLUDE_MAX_BYTES ((size_t)16 << 20)

/** Most includes one document may expand, repeats counted: ten files of
 * ten lines, each line including the next file, would otherwise make
 * billions of includes (of missing files, or of empty ranges) that add no
 * text and so never reach #WQ_INCLUDE_MAX_BYTES. */
#define WQ_INCLUDE_MAX_COUNT 10000

/** Most bytes one document's includes may read altogether: a line range
 * or an anchor of a large file reads all of it to give a few lines. */
#define WQ_INCLUDE_MAX_READ ((size_t)256 << 20)

/** Where each line of an expanded text came from. */
typedef struct wq_srcmap wq_srcmap;

/** @brief Free a map (NULL is a no-op). @param m the map. */
void wq_srcmap_free(wq_srcmap *m);

/**
 * @brief Where a line of the expanded text came from.
 * @param m the map (NULL: every line is the document's own).
 * @param line 1-based line of the expanded text.
 * @param[out] src_line the line in that file.
 * @param[out] rel when not NULL: the file's path relative to the source
 *        folder (NULL for the document's own lines).
 * @return the file's path as messages give it, or NULL when the line is
 *         the document's own (then @p src_line is @p line).
 */
const char *wq_srcmap_locate(const wq_srcmap *m, unsigned line, unsigned *src_line,
			     const char **rel);

/** What an expansion needs and gives. */
typedef struct wq_include_opts {
	const char *source_dir; /**< the source folder, as messages name it */
	const char *root_real;  /**< the source folder resolved (realpath), or NULL */
	wq_diag *diag;          /**< warnings (a missing file) */
	/** Called with each file included (relative to the source folder), or NULL. */
	void (*included)(void *ctx, const char *rel);
	void *ctx;              /**< its context */
} wq_include_opts;

/**
 * @brief Expand the include directives of a text.
 *
 * A missing file is a warning (the directive is dropped); a path leaving
 * the source folder, a file that is not UTF-8 text, a cycle (named as the
 * chain of files), a chain deeper than #WQ_INCLUDE_MAX_DEPTH, a text
 * larger than #WQ_INCLUDE_MAX_BYTES, more than #WQ_INCLUDE_MAX_COUNT
 * includes and more than #WQ_INCLUDE_MAX_READ bytes read are errors at the
 * directive.
 * @param[out] out the expanded text (replaced); left empty when the text
 *        has no directive (it stands as it is).
 * @param[out] map where its lines came from; NULL when the text has no
 *        directive.
 * @param text the text (front matter already blanked out).
 * @param len its length.
 * @param rel its path relative to the source folder.
 * @param path its path as messages give it.
 * @param o the source folder and where warnings go.
 * @param err filled on failure, with file, line and column.
 * @return 0 or a negative WQ_E* code.
 */
int wq_include_expand(wq_buf *out, wq_srcmap **map, const char *text, size_t len,
		      const char *rel, const char *path, const wq_include_opts *o, wq_err *err);

#endif
