/**
 * @file watch.h
 * @brief Watching folders for changes (Linux inotify), for `warraq serve`.
 *
 * A folder is watched with all its sub-folders, including those created or
 * moved in later.  A folder may instead be watched for a few named entries
 * only (the configuration file beside other files); a named entry that is
 * a folder is then watched whole.  Symbolic links are not followed below
 * the folders given.  Editors' scratch files (`*~`, `*.swp`, `.#*`) are not
 * changes.
 */
#ifndef WQ_WATCH_H
#define WQ_WATCH_H

#include "err.h"

/** Deepest folder nesting watched below a watched folder: input is hostile,
 * and a folder tree deeper than this is not a site's. */
#define WQ_WATCH_MAX_DEPTH 64

/** A set of watched folders; opaque. */
typedef struct wq_watch wq_watch;

/**
 * @brief A new, empty set.
 * @param[out] out the set; free with wq_watch_free().
 * @param err filled on failure (no inotify instance could be made).
 * @return 0 or #WQ_EIO.
 */
int wq_watch_new(wq_watch **out, wq_err *err);

/** @brief Stop watching and free the set (NULL is a no-op). @param w the set. */
void wq_watch_free(wq_watch *w);

/**
 * @brief Watch a folder and every folder below it.  A folder below it that
 * cannot be watched is left out; the folder itself must be.
 * @param w the set. @param dir the folder.
 * @param err filled on failure (missing folder, out of inotify watches).
 * @return 0 or #WQ_EIO.
 */
int wq_watch_tree(wq_watch *w, const char *dir, wq_err *err);

/**
 * @brief Watch only the entries of @p dir named in @p names (a file, or a
 * folder watched whole, now or once it is created).
 * @param w the set. @param dir the folder.
 * @param names the entry names, NULL-terminated; copied.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_watch_names(wq_watch *w, const char *dir, const char *const *names, wq_err *err);

/**
 * @brief Leave a folder out: a change in it or below it is no change, and
 * it is not watched.  So are the build's temporary folders beside it
 * (`.<name>.tmp-*` and what is below them), where a build writes before it
 * swaps the result in.  Call before adding the folders that hold it.
 * @param w the set. @param dir the folder (it need not exist yet).
 */
void wq_watch_ignore(wq_watch *w, const char *dir);

/**
 * @brief The file descriptor to poll(): readable when events wait.
 * @param w the set. @return the descriptor.
 */
int wq_watch_fd(const wq_watch *w);

/**
 * @brief Read the events that wait, without blocking, and keep the watches
 * up to date (new folders are watched, removed ones forgotten).
 * @param w the set.
 * @return the number of changes among them (0: none that matter).
 */
int wq_watch_read(wq_watch *w);

#endif
