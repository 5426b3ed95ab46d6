/**
 * @file spill.h
 * @brief Bytes kept on disk until the end of a build instead of in memory:
 * each document's compressed chapter and search text, written by the
 * threads that make them and read back, in order, when the book and the
 * search index are put together.  The file lives in the build folder,
 * removed from its folder as soon as it is open (it leaves no trace, even
 * when the build is killed).
 */
#ifndef WQ_SPILL_H
#define WQ_SPILL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/** A spill file (opaque). */
typedef struct wq_spill wq_spill;

/** Where a piece of a spill file is. */
typedef struct wq_spill_ref {
	uint64_t offset; /**< where it starts */
	size_t len;      /**< its length */
} wq_spill_ref;

/**
 * @brief Open a new spill file in @p folder.
 * @param[out] out the spill file (free with wq_spill_free()).
 * @param folder the folder (the build folder).
 * @param[out] err set on failure.
 * @return 0 or WQ_EIO.
 */
int wq_spill_open(wq_spill **out, const char *folder, wq_err *err);

/**
 * @brief Open an existing file to read pieces of it as of a spill file
 * (the build cache's words: cache.h); nothing is to be added to it.
 * @param[out] out the spill file (free with wq_spill_free()).
 * @param path the file. @param[out] err set on failure.
 * @return 0 or WQ_EIO.
 */
int wq_spill_open_existing(wq_spill **out, const char *path, wq_err *err);

/**
 * @brief Add bytes; safe on several threads at once.
 * @param s the spill file. @param data the bytes. @param len their length.
 * @param[out] ref where they went.
 * @param[out] err set on failure (a full disk, say).
 * @return 0 or WQ_EIO.
 */
int wq_spill_put(wq_spill *s, const void *data, size_t len, wq_spill_ref *ref, wq_err *err);

/**
 * @brief Read bytes back; safe on several threads at once.
 * @param s the spill file. @param ref where they are.
 * @param at how far into them to start. @param[out] buf receives them.
 * @param len how many to read (at most ref->len - at).
 * @return 0, or -1 when they cannot be read.
 */
int wq_spill_read(const wq_spill *s, const wq_spill_ref *ref, size_t at, void *buf, size_t len);

/** @brief Close and free a spill file (NULL is a no-op). @param s the spill file. */
void wq_spill_free(wq_spill *s);

#endif
