/**
 * @file mem.h
 * @brief Allocation helpers that abort on exhaustion.
 *
 * warraq is a command-line tool: running out of memory is not a condition
 * it can recover from, so every allocation goes through these wrappers.
 */
#ifndef WQ_MEM_H
#define WQ_MEM_H

#include <stddef.h>

/**
 * @brief malloc() that aborts with a message when memory is exhausted.
 * @param size bytes to allocate (0 allocates 1 byte).
 * @return a pointer to the new block, never NULL.
 */
void *wq_xmalloc(size_t size);

/**
 * @brief calloc() that aborts on exhaustion or multiplication overflow.
 * @param n number of elements.
 * @param size size of one element.
 * @return zeroed memory, never NULL.
 */
void *wq_xcalloc(size_t n, size_t size);

/**
 * @brief realloc() that aborts on exhaustion.
 * @param ptr block to resize, or NULL.
 * @param size new size in bytes.
 * @return the resized block, never NULL.
 */
void *wq_xrealloc(void *ptr, size_t size);

/**
 * @brief Duplicate a NUL-terminated string.
 * @param s string to copy.
 * @return a new copy the caller frees.
 */
char *wq_xstrdup(const char *s);

/**
 * @brief Duplicate @p len bytes and NUL-terminate the copy.
 * @param s bytes to copy (may hold NUL bytes).
 * @param len number of bytes.
 * @return a new NUL-terminated copy the caller frees.
 */
char *wq_xstrndup(const char *s, size_t len);

/**
 * @brief Make room for one more element at the end of an array that only
 * ever grows by appending: call it before writing element @p count.
 *
 * The capacity is implied by the count (8, then the next power of two), so
 * the array needs no capacity field, and appending n elements costs
 * O(n) copies in all.  Arrays sized any other way must not use it.
 * @param ptr the array (NULL when @p count is 0).
 * @param count elements in it now.
 * @param size size of one element.
 * @return the array, moved when it grew (aborts when out of memory or
 *         when the size overflows).
 */
void *wq_xgrow(void *ptr, size_t count, size_t size);

/** @brief Append @p item to the array @p arr of @p n elements (see wq_xgrow()). */
#define WQ_APPEND(arr, n, item)                                   \
	do {                                                      \
		(arr) = wq_xgrow((arr), (n), sizeof(*(arr)));     \
		(arr)[(n)++] = (item);                            \
	} while (0)

#endif
