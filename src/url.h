/**
 * @file url.h
 * @brief URL pieces for the writers: relative paths between pages,
 * percent-encoding.
 */
#ifndef WQ_URL_H
#define WQ_URL_H

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

#endif
