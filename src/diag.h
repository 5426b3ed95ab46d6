/**
 * @file diag.h
 * @brief The build's diagnostics: every warning and error of a run, given
 * by any stage on any thread, then sorted by file and line and reported
 * once, with repeats of one kind summarised.
 */
#ifndef WQ_DIAG_H
#define WQ_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

/** A list of diagnostics, each formatted `file:line:col: message`. */
typedef struct wq_diag wq_diag;

/** How bad a diagnostic is. */
typedef enum wq_diag_severity {
	WQ_DIAG_WARNING, /**< the build goes on (an error under wq_diag_set_strict()) */
	WQ_DIAG_ERROR,   /**< the build fails once every document was checked */
} wq_diag_severity;

/** @brief A new empty list. @return owned list. */
wq_diag *wq_diag_new(void);
/** @brief Free the list (NULL is a no-op). @param d the list. */
void wq_diag_free(wq_diag *d);

/**
 * @brief Make every warning of @p d, given before or after, an error
 * (`--strict`, `strict: true`).
 * @param d the list. @param strict whether warnings are errors.
 */
void wq_diag_set_strict(wq_diag *d, bool strict);

/**
 * @brief Record a warning.  Thread-safe.
 * @param d the list (NULL: ignored).
 * @param file file name or NULL. @param line 1-based line or 0.
 * @param col 1-based column or 0. @param fmt printf-style message.
 */
void wq_diag_warn(wq_diag *d, const char *file, unsigned line, unsigned col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/**
 * @brief Record an error: the build goes on checking, then fails.
 * Thread-safe.
 * @param d the list (NULL: ignored).
 * @param file file name or NULL. @param line 1-based line or 0.
 * @param col 1-based column or 0. @param fmt printf-style message.
 */
void wq_diag_error(wq_diag *d, const char *file, unsigned line, unsigned col,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/**
 * @brief Record a failure's error record as an error, and mark it logged.
 * @param d the list (NULL: ignored). @param err the error.
 */
void wq_diag_add_err(wq_diag *d, wq_err *err);

/**
 * @brief Write every diagnostic, in the order given, so that
 * wq_diag_load() can give them again (the build cache keeps a build's
 * warnings: cache.h).
 * @param d the list. @param[out] out receives the bytes (appended).
 */
void wq_diag_save(const wq_diag *d, wq_buf *out);

/**
 * @brief Add the diagnostics wq_diag_save() wrote (one list, or several
 * written one after the other, or none), after those @p d holds (as
 * errors if @p d is strict).
 * @param d the list. @param data the saved bytes. @param len their length.
 * @return 0, or -1 when the bytes are not such a list (nothing added).
 */
int wq_diag_load(wq_diag *d, const char *data, size_t len);

/** @brief Number of diagnostics. @param d the list. @return count. */
size_t wq_diag_count(const wq_diag *d);
/** @brief Number of errors among them. @param d the list. @return count. */
size_t wq_diag_errors(const wq_diag *d);
/**
 * @brief The i-th diagnostic, formatted `file:line:col: message`.
 * @param d the list. @param i index. @return borrowed string or NULL.
 */
const char *wq_diag_at(const wq_diag *d, size_t i);
/**
 * @brief The i-th diagnostic's severity.
 * @param d the list. @param i index (must be below wq_diag_count()).
 * @return its severity.
 */
wq_diag_severity wq_diag_severity_at(const wq_diag *d, size_t i);

/**
 * @brief The kind of a message, for counting repeats: the message without
 * its location, each quoted '…' part and each number replaced by an
 * ellipsis ("image 'a.png' not found" and "image 'b.png' not found" are one
 * kind: "image '…' not found").
 * @param out receives the kind (appended).
 * @param formatted a message as wq_diag_at() gives it.
 */
void wq_diag_kind(wq_buf *out, const char *formatted);

/**
 * @brief Sort the list by file (messages without a file first), line and
 * column; messages at one place keep their order.
 * @param d the list.
 */
void wq_diag_sort(wq_diag *d);

/**
 * @brief Write the list as lines `error: …` / `warning: …`, in its order;
 * after @p per_kind messages of one kind and severity the rest are counted
 * and given as one line "… and 3,319 more like this: KIND" at the end.
 * @param d the list. @param out receives the lines.
 * @param per_kind messages of one kind written in full (0: all).
 * @param errors_only leave warnings out (`--quiet`).
 */
void wq_diag_report(const wq_diag *d, wq_buf *out, size_t per_kind, bool errors_only);

/** How wq_diag_report_as() writes a diagnostic. */
typedef enum wq_diag_style {
	WQ_DIAG_STYLE_BUILD,  /**< `error: file:line:col: message` (`warraq build`) */
	WQ_DIAG_STYLE_CHECK,  /**< `file:line:col: error: message`, as compilers write them
			           (`warraq check`); `warraq: error: message` without a file */
	WQ_DIAG_STYLE_GITHUB, /**< GitHub Actions workflow commands: two colons, the
			           severity, ` file=F,line=L,col=C`, two colons, the
			           message; values escaped as GitHub documents (`%25`,
			           `%0D`, `%0A`; in the properties also `%3A`, `%2C`) */
} wq_diag_style;

/**
 * @brief Write the list as wq_diag_report() does, each line in @p style.
 * @param d the list. @param out receives the lines.
 * @param per_kind messages of one kind written in full (0: all).
 * @param errors_only leave warnings out.
 * @param style how each line is written.
 */
void wq_diag_report_as(const wq_diag *d, wq_buf *out, size_t per_kind, bool errors_only,
		       wq_diag_style style);

/**
 * @brief The closing count: "2 errors, 3,412 warnings (3,339 × image '…'
 * not found; 73 × …)", kinds by count, most first; "" when the list is
 * empty.
 * @param d the list. @param out receives the text (appended).
 */
void wq_diag_tally(const wq_diag *d, wq_buf *out);

/**
 * @brief Send this thread's diagnostics to another list, whatever list
 * they are given for (a thread pool keeps each task's apart this way).
 * @param to the list to use, or NULL to stop redirecting.
 * @return the redirection in force before.
 */
wq_diag *wq_diag_redirect(wq_diag *to);

/**
 * @brief Where diagnostics given for @p d on this thread go now: the list
 * wq_diag_redirect() set on this thread, else @p d.  What a thread pool
 * gathers from its tasks goes there, so that a pool run inside a task
 * keeps its diagnostics with that task's.
 * @param d a list, or NULL (diagnostics given for no list are dropped).
 * @return the list, or NULL.
 */
wq_diag *wq_diag_target(wq_diag *d);

/**
 * @brief Move every diagnostic of @p from to the end of @p to.
 * @param to the list that receives them (NULL: they are dropped).
 * @param from the list emptied.
 */
void wq_diag_take(wq_diag *to, wq_diag *from);

/**
 * @brief Write @p n with thousands separated by commas ("3,319").
 * @param out receives the number (appended). @param n the number.
 */
void wq_diag_put_count(wq_buf *out, size_t n);

#endif
