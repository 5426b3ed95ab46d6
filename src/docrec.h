/**
 * @file docrec.h
 * @brief A document's record for the build cache (cache.h): what parsing
 * and analysing it found, written as bytes and read back onto the
 * document as a later build loads it, so that a document whose text and
 * front matter did not change is not parsed again; and the hashes that
 * say whether it changed, and whether what other pages show of it did.
 */
#ifndef WQ_DOCREC_H
#define WQ_DOCREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "doc.h"

/**
 * @brief Write what parsing and analysing the document found: its
 * headings, images, links that match nothing, language, direction,
 * summary, word count, reading time and characters.
 * @param[out] out receives the bytes (appended).
 * @param doc the document, parsed and analysed.
 */
void wq_docrec_put(wq_buf *out, const wq_doc *doc);

/**
 * @brief Put back on a document, loaded as before, what wq_docrec_put()
 * wrote of it: it is then as parsing and analysing would leave it (without
 * its tree, plain text or search parts).  Its headings are left in
 * @p data and read when first asked for (wq_doc_toc()).
 * @param doc the document, loaded, not parsed.
 * @param data the bytes, which must stay as they are while the document
 *        is used. @param len their length.
 * @return 0, or -1 when the bytes are not such a record (the document may
 *         then be partly set: parse it).
 */
int wq_docrec_get(wq_doc *doc, const char *data, size_t len);

/**
 * @brief A document's headings (wq_doc::toc): as parsing found them, or,
 * for a document made from the cache (wq_docrec_get()), read from its
 * record on first use (any thread may ask; they get the same list).
 * @param doc the document. @return its headings (the document keeps them).
 */
const wq_val *wq_doc_toc(const wq_doc *doc);

/**
 * @brief Write what loading set: its front matter and path, its file's
 * date, its text's hash, the files it includes and the warnings loading
 * gave.
 * @param[out] out receives the bytes (appended). @param doc the document,
 *        loaded (before it is parsed: analysis fills some of the same fields).
 */
void wq_docrec_put_loaded(wq_buf *out, const wq_doc *doc);

/**
 * @brief Make a new document as wq_docrec_put_loaded() wrote it, without
 * reading its file (its text is not loaded).
 * @param doc a new document (wq_doc_new(), or wq_doc_new_unset(): the
 *        fields the record does not set are then made empty).
 * @param data the bytes. @param len their length.
 * @return 0, or -1 when the bytes are not such a record.
 */
int wq_docrec_get_loaded(wq_doc *doc, const char *data, size_t len);

/**
 * @brief A hash of what loading set from the document's front matter and
 * path, and of its file's date (with wq_doc::text_hash: whether the
 * document changed).
 * @param doc the document, loaded. @return the hash.
 */
uint64_t wq_docrec_loaded(const wq_doc *doc);

/**
 * @brief A hash of everything the other pages, the lists, the book's
 * navigation and the site's files may show or use of the document: its
 * front matter, address and place, headings, images, language,
 * direction, summary, word count and reading time; not its text, its
 * characters (the fonts' concern) or its file's date.
 * @param doc the document, parsed and analysed.
 * @param words whether its word count counts (the theme shows it:
 *        wq_theme_says_words()); its reading time always does.
 * @return the hash.
 */
uint64_t wq_docrec_interface(const wq_doc *doc, bool words);

#endif
