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

#endif
