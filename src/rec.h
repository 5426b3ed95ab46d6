/**
 * @file rec.h
 * @brief Byte records: numbers and strings put one after the other in a
 * buffer, and read back with every length checked.
 *
 * The build's records (cache.c, docrec.c) and saved warnings (diag.c) are
 * written with these.  Numbers are in the machine's order: a record is
 * read back by the same build of warraq on the same machine (the cache's
 * key holds both), never exchanged.
 */
#ifndef WQ_REC_H
#define WQ_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/** @brief Append a 64-bit number. @param out the buffer. @param v the number. */
void wq_rec_put_u64(wq_buf *out, uint64_t v);

/** @brief Append a 32-bit number. @param out the buffer. @param v the number. */
void wq_rec_put_u32(wq_buf *out, uint32_t v);

/** @brief Append a double, as its bytes. @param out the buffer. @param v the number. */
void wq_rec_put_double(wq_buf *out, double v);

/**
 * @brief Append a blob: its length (64 bits), then its bytes.
 * @param out the buffer. @param s the bytes (NULL if @p len is 0). @param len how many.
 */
void wq_rec_put_blob(wq_buf *out, const char *s, size_t len);

/**
 * @brief Append a string as a blob (NULL as "").
 * @param out the buffer. @param s the string, or NULL.
 */
void wq_rec_put_str(wq_buf *out, const char *s);

/**
 * A reader over a record.  The first read that would run past the end
 * marks it bad; from then on every read gives 0 or NULL, so a caller reads
 * on and checks wq_rec::bad once at the end.
 */
typedef struct wq_rec {
	const char *p;   /**< the next byte */
	const char *end; /**< past the last byte */
	bool bad;        /**< a read ran past the end (or the caller found damage) */
} wq_rec;

/**
 * @brief Start reading @p len bytes at @p data.
 * @param r the reader. @param data the record. @param len its length.
 */
void wq_rec_init(wq_rec *r, const char *data, size_t len);

/** @brief Read a 64-bit number. @param r the reader. @return it, or 0. */
uint64_t wq_rec_u64(wq_rec *r);

/** @brief Read a 32-bit number. @param r the reader. @return it, or 0. */
uint32_t wq_rec_u32(wq_rec *r);

/** @brief Read a double. @param r the reader. @return it, or 0. */
double wq_rec_double(wq_rec *r);

/**
 * @brief Read @p len bytes.
 * @param r the reader. @param len how many.
 * @return where they are in the record (not NUL-terminated), or NULL.
 */
const char *wq_rec_bytes(wq_rec *r, uint64_t len);

/**
 * @brief Read a blob (wq_rec_put_blob()).
 * @param r the reader. @param[out] len its length (0 when bad).
 * @return where its bytes are in the record, or NULL.
 */
const char *wq_rec_blob(wq_rec *r, size_t *len);

/**
 * @brief Read a string (wq_rec_put_str()) as an owned copy.
 * @param r the reader. @return the string (free()), or NULL.
 */
char *wq_rec_str(wq_rec *r);

/**
 * @brief Read a count of items each at least @p min_size bytes long: a
 * count that cannot fit in the bytes left is damage (the reader goes bad).
 * @param r the reader. @param min_size the least size of one item.
 * @return the count, or 0.
 */
uint64_t wq_rec_count(wq_rec *r, size_t min_size);

#endif
