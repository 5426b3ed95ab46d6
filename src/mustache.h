/**
 * @file mustache.h
 * @brief warraq's own logic-less Mustache template engine.
 *
 * Implements the Mustache specification (interpolation, sections, inverted
 * sections, comments, set delimiters, partials) and its optional
 * `~inheritance` (parents and blocks) and `~dynamic-names` (`{{>*name}}`)
 * modules; lambdas are not supported.
 *
 * A template is compiled once and rendered many times.  Rendering keeps all
 * its state on the caller's stack, so one compiled template may be rendered
 * by several threads at once (as long as the loader is thread-safe).
 *
 * Whitespace follows the specification: a line holding only one
 * non-interpolation tag and whitespace ("standalone") is removed from the
 * output; a standalone partial is indented by the whitespace before its tag;
 * parents and blocks are re-indented as `specs/whitespace.md` of the
 * specification describes.
 *
 * Values are falsey when they are null, `false`, missing or an empty list;
 * everything else (including `0` and the empty string) is truthy.  Numbers
 * interpolate through wq_val_format_num(); lists and maps interpolate as
 * nothing.  `{{x}}` escapes `& < > " '`.
 */
#ifndef WQ_MUSTACHE_H
#define WQ_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "value.h"

/**
 * Deepest nesting of sections, partials, parents and blocks, both in one
 * template's source and while rendering (where partials add up): a partial
 * that includes itself without end stops here with #WQ_ELIMIT instead of
 * exhausting the stack.
 */
#define WQ_TPL_MAX_DEPTH 100

/**
 * Longest custom delimiter accepted by a set-delimiter tag (`{{=<% %>=}}`),
 * in bytes: real delimiters are two or three characters.
 */
#define WQ_TPL_MAX_DELIM 16

/**
 * Most bytes one wq_tpl_render() call may produce (64 MiB): nested loops
 * over data multiply, and a page that large is a runaway template, not a page
 * (the largest pages on the web are a few MiB).
 */
#define WQ_TPL_MAX_OUTPUT ((size_t)64 * 1024 * 1024)

/** A compiled template; opaque. */
typedef struct wq_tpl wq_tpl;

/**
 * @brief Finds a partial or parent template by name.
 *
 * @param ctx the `loader_ctx` given to wq_tpl_render().
 * @param name the partial's name (not NUL-terminated).
 * @param len its length in bytes.
 * @param[out] out the compiled template, borrowed: the loader owns it (and
 *        typically caches it) and it must outlive the render; NULL when there
 *        is no such template, which renders as the empty string.
 * @param err filled on failure.
 * @return 0 (with @p out set, possibly to NULL) or a negative WQ_E* code.
 */
typedef int (*wq_tpl_loader)(void *ctx, const char *name, size_t len,
			     const wq_tpl **out, wq_err *err);

/**
 * @brief Compile a template.
 *
 * @param[out] out the template; free it with wq_tpl_free().  Set to NULL
 *        on failure.
 * @param text the template source (UTF-8; need not be NUL-terminated).
 * @param len its length in bytes.
 * @param file the file name used in error messages and by wq_tpl_file()
 *        (copied; NULL means "").
 * @param err filled on failure with the file, line and column of the
 *        offending tag.
 * @return 0, #WQ_EINPUT for a malformed template (unclosed tag or section,
 *         mismatched closing tag, bad set-delimiter tag, empty or malformed
 *         tag name), or #WQ_ELIMIT when sections nest deeper than
 *         #WQ_TPL_MAX_DEPTH.
 */
int wq_tpl_compile(wq_tpl **out, const char *text, size_t len,
		   const char *file, wq_err *err);

/**
 * @brief Render a template against a data tree, appending to @p out.
 *
 * Reentrant: no global state, so templates may be rendered in parallel.
 *
 * @param out the buffer the output is appended to (on failure it may hold a
 *        partial output).
 * @param tpl the template.
 * @param data the root of the context stack (NULL behaves as null).
 * @param loader finds partials and parents by name; NULL means there are none.
 * @param loader_ctx passed to @p loader.
 * @param err filled on failure.
 * @return 0, #WQ_ELIMIT when nesting exceeds #WQ_TPL_MAX_DEPTH or output
 *         exceeds #WQ_TPL_MAX_OUTPUT, or the error the loader returned.
 */
int wq_tpl_render(wq_buf *out, const wq_tpl *tpl, const wq_val *data,
		  wq_tpl_loader loader, void *loader_ctx, wq_err *err);

/**
 * @brief wq_tpl_render() with another bound on the output than
 * #WQ_TPL_MAX_OUTPUT: a page that lists every document of a large site is
 * large on purpose (the caller scales the bound with the site).
 * @param out the buffer. @param tpl the template. @param data the context.
 * @param loader partials. @param loader_ctx its context.
 * @param limit most bytes this call may add to @p out.
 * @param err filled on failure.
 * @return as wq_tpl_render().
 */
int wq_tpl_render_limited(wq_buf *out, const wq_tpl *tpl, const wq_val *data,
			  wq_tpl_loader loader, void *loader_ctx, size_t limit, wq_err *err);

/**
 * @brief Free a compiled template.
 * @param tpl the template (NULL is a no-op).
 */
void wq_tpl_free(wq_tpl *tpl);

/**
 * @brief The file name given at compile time.
 * @param tpl the template.
 * @return a borrowed string, valid as long as @p tpl (never NULL).
 */
const char *wq_tpl_file(const wq_tpl *tpl);

#endif
