/**
 * @file search.h
 * @brief The search index: what the search page reads, written at build
 * time, in pieces the page fetches as a query needs them (as Pagefind
 * does), so a search on a site of 100,000 articles reads a few hundred
 * kilobytes, not the site.
 *
 * - `search/index.js`: the first word of each chunk of words, and the
 *   chunk's name;
 * - `search/w/NAME.js`: a chunk of words in code point order, each with its
 *   postings (the articles holding it, as gaps between article numbers,
 *   and its weight there: 10 for each time in the title, 1 in the text).
 *   Which word begins a chunk is the word's own affair (its hash, and the
 *   size of its entry), and the chunk is named by that word: an edit
 *   leaves every chunk whose words it does not touch as it was, byte for
 *   byte, under the same name;
 * - `search/d/N.js`: article N's title, address, language, direction and
 *   text (raw DEFLATE, which browsers inflate with their built-in
 *   DecompressionStream), fetched for the results shown.
 *
 * Each is a script calling `WQ_SEARCH.w()` or `WQ_SEARCH.d()`, so the
 * search page works from file:// too.  Words are folded as the page folds
 * them (wq_text_search_words()).  A word behind Arabic clitics is found
 * by its stem as well: behind a prefix with the article (ال، وال، بال،
 * لل...) always (بالمخزون under المخزون and مخزون); behind و ف ب ك ل
 * alone only when the stem is a word of the site on its own (so بيت is
 * never cut to يت).
 */
#ifndef WQ_SEARCH_H
#define WQ_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"
#include "fsutil.h"
#include "outdir.h"
#include "site.h"
#include "spill.h"

/** Longest word indexed, in bytes (longer runs are not words readers type). */
#define WQ_SEARCH_MAX_WORD 64

/** Size a chunk of words (search/w/NAME.js) comes to, on average. */
#define WQ_SEARCH_CHUNK_BYTES 16384

/** Size past which a chunk of words is closed whatever its next word. */
#define WQ_SEARCH_CHUNK_MAX ((size_t)4 * WQ_SEARCH_CHUNK_BYTES)

/**
 * @brief The words and postings the index is made from, kept between
 * builds (the build cache): an update in place takes the last build's and
 * collects again only the words of the documents it writes.
 */
typedef struct wq_search_kept {
	wq_fs_mapped last; /**< the last build's (written to #next), or empty; let go
				once the index is written */
	FILE *next;        /**< where this build's go, or NULL */
	bool failed;       /**< set when writing to #next failed */
	const wq_spill *was_in; /**< an update's: where the last build's documents'
				     words are (wq_doc::search_words as it was), or NULL */
	const wq_spill_ref *was; /**< each document's there (borrowed; NULL: none) */
} wq_search_kept;

/**
 * @brief Write the search index (see the file's description) from the
 * documents' parts in the build's work file (wq_search_piece()): the
 * articles' parts on the site's threads, then the words, collected in
 * site order on one thread; the same for any number of threads.  With
 * #wq_site::search_kept, the words and postings are also written there
 * for the next build, and an update in place (@p only) starts from the
 * last build's when it has them.
 * @param od the output folder. @param site the site.
 * @param only which articles' parts to write (`search/d/N.js`), by index;
 *        NULL: all (an update in place writes those that changed).
 * @param[out] index receives the first file's script (`search/index.js`),
 *        which the search page may also hold (wq_render_search()).
 * @param[out] bytes how many bytes were written.
 * @param[out] files how many files.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_search_write(wq_outdir *od, const wq_site *site, const bool *only, wq_buf *index,
		    size_t *bytes, size_t *files, wq_err *err);

/**
 * @brief A document's parts of the search index, put in the build's work
 * file by the thread that parsed the document, so its text can be let go:
 * its page in the search (`search/d/N.js`, #wq_doc::search) and its words
 * with their weights (#wq_doc::search_words).
 * @param doc the document (#wq_doc::plain, #wq_doc::url and #wq_doc::index
 *        set).
 * @param prefix the folder of the document's language ("" or `en/`: its
 *        search page is at `<prefix>search/`).
 * @param spill the build's work file, where the parts go.
 * @param[out] err set on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_search_piece(wq_doc *doc, const char *prefix, wq_spill *spill, wq_err *err);

#endif
