/**
 * @file diag.h
 * @brief Collected warnings: the pipeline records them, the CLI prints them.
 */
#ifndef WQ_DIAG_H
#define WQ_DIAG_H

#include <stddef.h>

/** A list of warnings, each formatted `file:line:col: message`. */
typedef struct wq_diag wq_diag;

/** @brief A new empty list. @return owned list. */
wq_diag *wq_diag_new(void);
/** @brief Free the list (NULL is a no-op). @param d the list. */
void wq_diag_free(wq_diag *d);

/**
 * @brief Record a warning.  Thread-safe.
 * @param d the list (NULL: ignored).
 * @param file file name or NULL. @param line 1-based line or 0.
 * @param col 1-based column or 0. @param fmt printf-style message.
 */
void wq_diag_warn(wq_diag *d, const char *file, unsigned line, unsigned col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** @brief Number of warnings. @param d the list. @return count. */
size_t wq_diag_count(const wq_diag *d);
/**
 * @brief The i-th warning, formatted.
 * @param d the list. @param i index. @return borrowed string or NULL.
 */
const char *wq_diag_at(const wq_diag *d, size_t i);

/**
 * @brief Send this thread's warnings to another list, whatever list they
 * are given for (a thread pool keeps each task's warnings apart this way).
 * @param to the list to use, or NULL to stop redirecting.
 * @return the redirection in force before.
 */
wq_diag *wq_diag_redirect(wq_diag *to);

/**
 * @brief Move every warning of @p from to the end of @p to.
 * @param to the list that receives them (NULL: they are dropped).
 * @param from the list emptied.
 */
void wq_diag_take(wq_diag *to, wq_diag *from);

#endif
