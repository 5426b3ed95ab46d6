/**
 * @file pool.h
 * @brief Work over many documents on several threads, with the results of
 * one thread: a parallel loop whose warnings and first error come out in
 * the loop's order, whatever the number of threads.
 */
#ifndef WQ_POOL_H
#define WQ_POOL_H

#include <stddef.h>

#include "diag.h"
#include "err.h"

/**
 * @brief One task of a loop.
 * @param ctx the loop's context. @param i the task's index.
 * @param[out] err set when the task fails.
 * @return 0, or a negative WQ_E* code.
 */
typedef int (*wq_pool_fn)(void *ctx, size_t i, wq_err *err);

/**
 * @brief The number of threads to use when none is asked for: the cores
 * this process may run on.
 * @return at least 1.
 */
size_t wq_pool_default_jobs(void);

/**
 * @brief Run @p fn for every index in [0, @p n), on up to @p jobs threads
 * (the calling thread is one of them; 1 runs everything on it).
 *
 * Tasks must not depend on each other.  The diagnostics a task gives
 * (through wq_diag_warn() or wq_diag_error() on any list) are held aside and
 * added to @p diag in task order once all tasks ran, so the list is the same
 * for any @p jobs.  With a @p diag, every task runs and each failing task's
 * error is added to it as an error (every problem of a build is reported
 * in one run); the error of the lowest index is returned, marked logged.
 * Without one, tasks after a failed one may be skipped.
 * @param jobs most threads. @param n number of tasks.
 * @param fn the task. @param ctx its context.
 * @param diag where the tasks' diagnostics go (NULL: dropped, and the loop
 *        stops at the first failure).
 * @param[out] err the first failure.
 * @return 0, or the first failing task's code.
 */
int wq_pool_for(size_t jobs, size_t n, wq_pool_fn fn, void *ctx, wq_diag *diag, wq_err *err);

/** @brief Work started beside the caller (wq_pool_start_aside()). */
typedef struct wq_pool_aside wq_pool_aside;

/**
 * @brief Run @p fn on a thread of its own while the caller goes on: for
 * work whose result is taken later, such as an object slow to build that
 * a later step would otherwise wait for.
 *
 * The work must be such that leaving it undone is harmless (whoever needs
 * its result makes it then): with @p jobs 1, or when no thread can start,
 * nothing runs.
 * @param jobs the threads the caller may use; below 2, nothing starts.
 * @param fn the work. @param ctx its argument.
 * @return what wq_pool_join_aside() takes, or NULL when nothing started.
 */
wq_pool_aside *wq_pool_start_aside(size_t jobs, void (*fn)(void *ctx), void *ctx);

/**
 * @brief Wait for work started by wq_pool_start_aside() to end.
 * @param a what it returned (NULL: nothing to wait for).
 */
void wq_pool_join_aside(wq_pool_aside *a);

#endif
