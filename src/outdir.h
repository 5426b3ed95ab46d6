/**
 * @file outdir.h
 * @brief The output folder, replaced whole or not at all.
 *
 * A build writes into a fresh temporary folder beside the output folder and
 * swaps it in at the end, so a failed build leaves the previous output
 * untouched.  Every path written goes through wq_outdir_path(), which
 * refuses paths that would leave the folder.
 */
#ifndef WQ_OUTDIR_H
#define WQ_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/** A build's output folder in progress; opaque. */
typedef struct wq_outdir wq_outdir;

/**
 * @brief Start a build of @p path: check it is safe to replace (not a
 * source or project folder, not a file, empty or a previous site) and
 * create the temporary folder beside it.
 * @param[out] out the output in progress; finish with wq_outdir_commit() or
 *             wq_outdir_abort().
 * @param path the output folder.
 * @param protect folders the output must neither be nor contain (NULL-terminated).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_begin(wq_outdir **out, const char *path, const char *const *protect, wq_err *err);

/**
 * @brief Start a check (`warraq check`): @p path is checked as
 * wq_outdir_begin() checks it, but nothing is created, then or later:
 * wq_outdir_write() writes nothing, wq_outdir_path() gives no path, and
 * wq_outdir_commit() leaves the output folder as it is.
 * @param[out] out the output in progress; finish with wq_outdir_commit() or
 *             wq_outdir_abort().
 * @param path the output folder.
 * @param protect folders the output must neither be nor contain (NULL-terminated).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_begin_dry(wq_outdir **out, const char *path, const char *const *protect,
			wq_err *err);

/**
 * @brief Begin an update of the output folder in place: files are written
 * beside it, as by wq_outdir_begin(), and wq_outdir_commit() moves each
 * into the folder (one rename each) and removes those named by
 * wq_outdir_remove(); a file that already holds the bytes written is left
 * as it is.  Every other file stays.  For a build that knows which files
 * change (cache.h).
 * @param[out] out the handle. @param path the output folder (it must
 *        hold a site). @param protect as for wq_outdir_begin().
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_begin_patch(wq_outdir **out, const char *path, const char *const *protect,
			  wq_err *err);

/**
 * @brief The files an update in place has written so far (before
 * wq_outdir_commit()), relative to the folder.
 * @param od the handle. @param[out] n how many.
 * @param[out] removed whether it removes files too (wq_outdir_remove()).
 * @return the paths (owned by the caller; the array too).
 */
char **wq_outdir_changes(const wq_outdir *od, size_t *n, bool *removed);

/**
 * @brief How many files an update in place has written (0 for a build
 * that writes a new folder).
 * @param od the handle. @return the count.
 */
size_t wq_outdir_written(const wq_outdir *od);

/**
 * @brief Whether the output folder, as it was before this build, holds a
 * file or folder at @p rel (reached through no symbolic link).
 * @param od the handle. @param rel the path, relative to the folder.
 * @return true when it does.
 */
bool wq_outdir_has_old(const wq_outdir *od, const char *rel);

/**
 * @brief The names of the files in folder @p rel of the output folder as it
 * was before this build (reached through no symbolic link), in no order.
 * @param od the handle. @param rel the folder, relative to the output.
 * @param[out] n how many.
 * @return the names (the caller frees each and the array), or NULL when
 *         there is no such folder (*n is 0).
 */
char **wq_outdir_old_files(const wq_outdir *od, const char *rel, size_t *n);

/**
 * @brief Remove a file of the output folder when an update in place is
 * committed (nothing otherwise: a full build writes only what it makes).
 * @param od the handle. @param rel the file, relative to the folder.
 */
void wq_outdir_remove(wq_outdir *od, const char *rel);

/**
 * @brief The folder being written (beside the output folder, on its disk).
 * @param od the output in progress. @return its path, or NULL for a check
 *        (wq_outdir_begin_dry()).
 */
const char *wq_outdir_folder(const wq_outdir *od);

/**
 * @brief Keep the path of every file written from now on, for
 * wq_outdir_list().
 * @param od the output in progress.
 */
void wq_outdir_keep_list(wq_outdir *od);

/**
 * @brief The files written so far (see wq_outdir_keep_list()), relative to
 * the output folder, sorted and each once (the same list whatever the
 * number of threads that wrote them); the list kept is emptied.
 * @param od the output in progress.
 * @param[out] n how many.
 * @return an array of @p n strings; the caller frees each and the array.
 */
char **wq_outdir_list(wq_outdir *od, size_t *n);

/**
 * @brief The full path of @p rel inside the temporary folder, with its parent
 * folders created.
 * @param[out] out a new string the caller frees; NULL for a check
 *             (wq_outdir_begin_dry()): there is nothing to write.
 * @param od the output. @param rel a relative path that stays inside.
 * @param err filled on failure.
 * @return 0, #WQ_EINPUT for a path that would leave the folder, or #WQ_EIO.
 */
int wq_outdir_path(char **out, wq_outdir *od, const char *rel, wq_err *err);

/**
 * @brief Write a file inside the output.  A file the previous output holds
 * with the same bytes is kept as it is (see wq_outdir_kept()).
 * @param od the output. @param rel relative path. @param data bytes.
 * @param len how many. @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_write(wq_outdir *od, const char *rel, const char *data, size_t len, wq_err *err);

/**
 * @brief Copy the file @p src to @p rel inside the output (for a check, only
 * see that @p src can be read).
 * @param od the output. @param rel relative path. @param src the file.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_copy(wq_outdir *od, const char *rel, const char *src, wq_err *err);

/**
 * @brief How many files written so far the previous output already held,
 * byte for byte: those are kept (linked into the new folder, with their
 * dates) rather than written again.
 * @param od the output. @return the count.
 */
size_t wq_outdir_kept(const wq_outdir *od);

/**
 * @brief Swap the finished folder in place of the old output, remove the old
 * one, and free @p od.
 * @param od the output. @param err filled on failure (the old output is then kept).
 * @return 0 or a negative WQ_E* code.
 */
int wq_outdir_commit(wq_outdir *od, wq_err *err);

/**
 * @brief Throw the temporary folder away, keep the old output, free @p od.
 * @param od the output (NULL is a no-op).
 */
void wq_outdir_abort(wq_outdir *od);

#endif
