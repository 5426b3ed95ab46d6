/**
 * @file fsutil.h
 * @brief File-system helpers: whole-file reads and writes, folders, paths.
 */
#ifndef WQ_FSUTIL_H
#define WQ_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

/** Largest file warraq reads (sources, templates, config), in bytes. */
#define WQ_FS_MAX_READ ((size_t)64 * 1024 * 1024)

/**
 * @brief Read a whole file into @p out (appended).
 * @param out buffer to append to.
 * @param path the file.
 * @param err filled on failure (names the file).
 * @return 0, #WQ_EIO, or #WQ_ELIMIT when larger than #WQ_FS_MAX_READ.
 */
int wq_fs_read(wq_buf *out, const char *path, wq_err *err);

/** A file's bytes, mapped read-only (wq_fs_map()). */
typedef struct wq_fs_mapped {
	const char *ptr; /**< the bytes ("" for an empty file) */
	size_t len;      /**< how many */
	void *base;      /**< the mapping (NULL for an empty file) */
} wq_fs_mapped;

/**
 * @brief Map a whole file read-only, its pages read in at once: no copy
 * of its bytes, and no limit on its size.  The file must not be cut
 * short while it is mapped (warraq's own files of that kind, the build
 * cache's, are replaced by renaming a new file, never written in place).
 * @param[out] m the mapping (release with wq_fs_unmap()); zeroed on failure.
 * @param path the file.
 * @param err filled on failure (names the file).
 * @return 0 or #WQ_EIO.
 */
int wq_fs_map(wq_fs_mapped *m, const char *path, wq_err *err);

/**
 * @brief Release a mapping of wq_fs_map() (zeroed: may be released again).
 * @param m the mapping.
 */
void wq_fs_unmap(wq_fs_mapped *m);

/**
 * @brief Write @p len bytes to @p path, creating or truncating it.
 * @param path the file.
 * @param data the bytes.
 * @param len how many.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_fs_write(const char *path, const char *data, size_t len, wq_err *err);

/**
 * @brief Create @p path holding @p data; an existing file is left as it
 * is (and is an error), and a file half written is removed.
 * @param path the file. @param data the bytes. @param len how many.
 * @param err filled on failure.
 * @return 0, #WQ_EINPUT (the file exists) or #WQ_EIO.
 */
int wq_fs_write_new(const char *path, const char *data, size_t len, wq_err *err);

/**
 * @brief Copy a file.
 * @param dst destination path (created or truncated).
 * @param src source path.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_fs_copy(const char *dst, const char *src, wq_err *err);

/**
 * @brief Create a folder and its parents (like `mkdir -p`).
 * @param path the folder.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_fs_mkdirs(const char *path, wq_err *err);

/**
 * @brief Create the parent folders of a file path.
 * @param path a file path.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_fs_mkparents(const char *path, wq_err *err);

/**
 * @brief Remove a file or a folder tree (like `rm -rf`); symbolic links are
 * removed, never followed.  A missing path is not an error.
 * @param path what to remove.
 * @param err filled on failure.
 * @return 0 or #WQ_EIO.
 */
int wq_fs_remove_tree(const char *path, wq_err *err);

/** @brief Whether @p path is a folder (following links). @param path path. @return true if so. */
bool wq_fs_is_dir(const char *path);
/** @brief Whether @p path is a regular file (following links). @param path path. @return true if so. */
bool wq_fs_is_file(const char *path);

/**
 * @brief A file beside @p path, named after it: `.<name>.<suffix>` in the
 * folder that holds @p path (the build cache and lock beside the output
 * folder: `site/` has `.site.cache` and `.site.lock`).
 * @param path a file or folder, as given (trailing slashes ignored).
 * @param suffix what follows the name and a dot.
 * @return the path (owned).
 */
char *wq_fs_beside(const char *path, const char *suffix);

/**
 * @brief Hold an exclusive lock on the file @p path (made if missing, and
 * kept: removing it would let two holders in), waiting while another
 * process holds it.  The system lets go of it when the holder ends, however
 * it ends.  Best effort: where the file cannot be made or locked (a folder
 * that does not exist yet, a file system without locks), *@p fd is -1 and
 * the caller goes on without it.
 * @param path the lock file (not followed if a symbolic link).
 * @param waiting called once before waiting, when another process holds
 *        the lock (NULL: nobody told).
 * @param ctx handed to @p waiting.
 * @param[out] fd the lock, for wq_fs_unlock(); -1 when none is held.
 * @param[out] err set when the wait was interrupted by a signal.
 * @return 0, or #WQ_EIO when interrupted.
 */
int wq_fs_lock(const char *path, void (*waiting)(void *ctx), void *ctx, int *fd, wq_err *err);

/** @brief Let go of a lock from wq_fs_lock() (-1: none). @param fd the lock. */
void wq_fs_unlock(int fd);

/**
 * @brief Join two path parts with one '/'.
 * @param a first part (may be "" or ".").
 * @param b second part.
 * @return a new string the caller frees.
 */
char *wq_fs_join(const char *a, const char *b);

/**
 * @brief Whether a relative path stays inside the folder it is relative to:
 * not absolute, no `..` that climbs above the start, no NUL or backslash.
 * @param rel the relative path (UTF-8, '/'-separated).
 * @param len its length.
 * @return true when safe.
 */
bool wq_fs_rel_is_safe(const char *rel, size_t len);

/**
 * @brief Normalise a relative path: drop `.` parts, resolve `a/..` pairs and
 * double slashes.  Call only on paths #wq_fs_rel_is_safe accepts.
 * @param rel the path.
 * @param len its length.
 * @return a new string the caller frees.
 */
char *wq_fs_rel_normalise(const char *rel, size_t len);

#endif
