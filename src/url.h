/**
 * @file url.h
 * @brief URL pieces for the writers: relative paths between pages,
 * percent-encoding.
 */
#ifndef WQ_URL_H
#define WQ_URL_H

#include <stddef.h>

#include "buf.h"

/**
 * @brief Append @p path percent-encoded for use in a URL: every byte but
 * ASCII letters, digits, `-._~/` is written as `%XX`.
 * @param out receives the text. @param path the path (UTF-8).
 */
void wq_url_put_path(wq_buf *out, const char *path);

/**
 * @brief Append the relative prefix from a page to the site root: `../`
 * once per folder level of @p page_url (`a/b/` gives `../../`).
 * @param out receives the text. @param page_url the page's path from the root.
 */
void wq_url_put_root(wq_buf *out, const char *page_url);

/**
 * @brief Append @p s with `%XX` sequences decoded (an encoded NUL becomes '?').
 * @param out receives the text. @param s the text. @param len its length.
 */
void wq_url_put_decoded(wq_buf *out, const char *s, size_t len);

/**
 * @brief The length of a URL's scheme (`https` in `https://…`), or 0 when
 * it has none (a relative URL).
 * @param url the URL. @return the scheme's length, without the colon.
 */
size_t wq_url_scheme_len(const char *url);

/**
 * @brief Whether a URL with a scheme may stay in a page or a book: the one
 * policy of both writers.  `javascript:`, `vbscript:` and `file:` never;
 * `data:` only as the source of an image that is not SVG (an SVG can hold
 * scripts); every other scheme yes.
 * @param url the URL. @param is_image whether it is an image's source.
 * @return 1 when safe (or without a scheme), 0 when it must go.
 */
int wq_url_is_safe(const char *url, int is_image);

/**
 * @brief The value of a hexadecimal digit.
 * @param c the character. @return 0 to 15, or -1 when it is none.
 */
int wq_url_hex_value(char c);

#endif
