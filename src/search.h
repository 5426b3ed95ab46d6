/**
 * @file search.h
 * @brief The search index: what the search page reads, written at build time.
 *
 * The one module that uses zlib.  The index is a script (so the search page
 * works from file:// too) holding each article's title, address, language
 * and direction, and the articles' text compressed (raw DEFLATE, which
 * browsers inflate with their built-in DecompressionStream).  The page
 * normalises the text and the query the same way: Arabic diacritics and
 * tatweel removed, alef forms folded to bare alef, alef maqsura to yeh, teh
 * marbuta to heh, Arabic-Indic digits to ASCII, Latin case folded.
 */
#ifndef WQ_SEARCH_H
#define WQ_SEARCH_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"
#include "site.h"
#include "spill.h"

/**
 * @brief Write the search index (`search/index.js`): each article's title,
 * URL, language and direction, and the plain texts of all articles as one
 * raw DEFLATE, base64-encoded JSON array, put together from the documents'
 * parts (wq_search_piece()).  The stream is compressed in 1 MiB chunks on
 * the site's threads, each primed with the 32 KiB before it
 * (wq_deflate_chunk()), a few chunks at a time: as small as one pass, the
 * same for any number of threads, and never all in memory.
 * @param f the file to write. @param path its name, for messages.
 * @param site the site (its work file holds the parts).
 * @param from_url the index's own URL path (links are relative to it).
 * @param[out] bytes how many bytes were written.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_search_write(FILE *f, const char *path, const wq_site *site, const char *from_url,
		    size_t *bytes, wq_err *err);

/**
 * @brief A document's part of the search index: its plain text as a JSON
 * string (after "[" or ","), put in the build's work file by the thread
 * that parsed the document, so its text can be let go; wq_search_write()
 * reads the parts back in order and compresses them as one stream.
 * @param doc the document (#wq_doc::plain and #wq_doc::index set); its
 *        #wq_doc::search is set.
 * @param spill the build's work file, where the part goes.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_search_piece(wq_doc *doc, wq_spill *spill, wq_err *err);

#endif
