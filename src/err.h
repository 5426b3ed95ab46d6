/**
 * @file err.h
 * @brief Error codes and the error record every fallible function fills.
 */
#ifndef WQ_ERR_H
#define WQ_ERR_H

#include <stddef.h>

/** Error codes: functions return 0 on success or one of these (negative). */
enum {
	WQ_OK = 0,      /**< success */
	WQ_EFAIL = -1,  /**< generic failure */
	WQ_EIO = -2,    /**< a file could not be read or written */
	WQ_EINPUT = -3, /**< the input (source, config, template) is invalid */
	WQ_EUSAGE = -4, /**< the command line is wrong */
	WQ_ELIMIT = -5, /**< a size or nesting limit was exceeded */
};

/**
 * @brief Where and what went wrong.
 *
 * The caller supplies it; the failing function fills it.  `line` and `col`
 * are 1-based and 0 when unknown.
 */
typedef struct wq_err {
	char file[1024]; /**< the file the problem is in ("" when none) */
	unsigned line;   /**< 1-based line, 0 when unknown */
	unsigned col;    /**< 1-based column, 0 when unknown */
	char msg[1024];  /**< the message, without location */
	int logged;      /**< 1 once it is also in the build's diagnostics
			      (wq_diag_add_err()): not to be printed twice */
} wq_err;

/** Static initialiser for an empty #wq_err. */
#define WQ_ERR_INIT { "", 0, 0, "", 0 }

/**
 * @brief Fill @p err (if not NULL) and return @p code.
 * @param err record to fill, may be NULL.
 * @param code the error code to return.
 * @param file the file name, or NULL.
 * @param line 1-based line, or 0.
 * @param col 1-based column, or 0.
 * @param fmt printf-style message.
 * @return @p code, so callers can write `return wq_err_set(...)`.
 */
int wq_err_set(wq_err *err, int code, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/**
 * @brief Format @p err as `file:line:col: message`.
 * @param out where to write.
 * @param size size of @p out.
 * @param err the error.
 */
void wq_err_format(char *out, size_t size, const wq_err *err);

#endif
