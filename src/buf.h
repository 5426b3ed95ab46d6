/**
 * @file buf.h
 * @brief The growable byte buffer used everywhere in warraq.
 */
#ifndef WQ_BUF_H
#define WQ_BUF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * @brief A growable buffer, always NUL-terminated once it holds memory.
 *
 * Initialise with #WQ_BUF_INIT; `ptr` may be NULL until the first write.
 */
typedef struct wq_buf {
	char *ptr;  /**< the bytes, NUL-terminated (or NULL when empty and unused) */
	size_t len; /**< bytes in use, not counting the NUL */
	size_t cap; /**< bytes allocated */
} wq_buf;

/** Static initialiser for an empty #wq_buf. */
#define WQ_BUF_INIT { NULL, 0, 0 }

/**
 * @brief Make sure @p buf can hold @p extra more bytes plus the NUL.
 * @param buf the buffer.
 * @param extra bytes about to be appended.
 */
void wq_buf_grow(wq_buf *buf, size_t extra);

/**
 * @brief Append @p len bytes.
 * @param buf the buffer.
 * @param data bytes to append.
 * @param len how many.
 */
void wq_buf_put(wq_buf *buf, const char *data, size_t len);

/**
 * @brief Append a NUL-terminated string.
 * @param buf the buffer.
 * @param s the string.
 */
void wq_buf_puts(wq_buf *buf, const char *s);

/**
 * @brief Append one byte.
 * @param buf the buffer.
 * @param c the byte.
 */
void wq_buf_putc(wq_buf *buf, char c);

/**
 * @brief Append formatted text (printf-style).
 * @param buf the buffer.
 * @param fmt the format.
 */
void wq_buf_printf(wq_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * @brief Append formatted text from a va_list.
 * @param buf the buffer.
 * @param fmt the format.
 * @param ap the arguments.
 */
void wq_buf_vprintf(wq_buf *buf, const char *fmt, va_list ap);

/**
 * @brief Append text with the five HTML/XML special characters escaped.
 * @param buf the buffer.
 * @param s the text.
 * @param len its length in bytes.
 */
void wq_buf_put_escaped(wq_buf *buf, const char *s, size_t len);

/**
 * @brief Forget the contents but keep the memory.
 * @param buf the buffer.
 */
void wq_buf_clear(wq_buf *buf);

/**
 * @brief Shorten the contents to @p len bytes.
 * @param buf the buffer.
 * @param len the new length, no larger than the current one.
 */
void wq_buf_truncate(wq_buf *buf, size_t len);

/**
 * @brief The contents as a C string; never NULL (an empty buffer gives "").
 * @param buf the buffer.
 * @return borrowed pointer valid until the next write.
 */
const char *wq_buf_cstr(const wq_buf *buf);

/**
 * @brief Hand the memory over to the caller and reset the buffer.
 * @param buf the buffer.
 * @return a NUL-terminated string the caller frees (never NULL).
 */
char *wq_buf_detach(wq_buf *buf);

/**
 * @brief Free the memory and reset the buffer.
 * @param buf the buffer.
 */
void wq_buf_dispose(wq_buf *buf);

#endif
