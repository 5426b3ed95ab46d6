/**
 * @file load.h
 * @brief The load stage: find the sources, read and clean them, read their
 * front matter, and decide titles, slugs and URLs.
 */
#ifndef WQ_LOAD_H
#define WQ_LOAD_H

#include "err.h"
#include "site.h"

/** Largest source document accepted, in bytes.  A book-length report is a
 * few hundred kilobytes; a source past this is a mistake (a data dump, a
 * file renamed .md), and the pages it would make would be unusable. */
#define WQ_LOAD_MAX_SOURCE (8u * 1024u * 1024u)

/** Deepest folder nesting below the source folder that is read. */
#define WQ_LOAD_MAX_DEPTH 32

/**
 * @brief Load every `.md`, `.markdown` and `.txt` file below the source
 * folder as a document, and list every other (non-hidden) file to be copied.
 *
 * Drafts are skipped.  Documents are sorted in site order.  Fails on a
 * missing folder, unreadable or invalid UTF-8 files, bad front matter, and
 * two documents with the same URL.
 * @param site the site (source_dir and config set).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_load_sources(wq_site *site, wq_err *err);

/**
 * @brief Take the title from the start of a document body when the front
 * matter gave none: an opening ATX or setext heading, else the first
 * non-empty line.  The lines used are blanked out of the body.
 * @param doc the document (text set).
 */
void wq_load_take_title(wq_doc *doc);

/**
 * @brief Read a loaded document's text again, as it was loaded (front
 * matter and a title taken from the text blanked out), after
 * wq_doc_release_body() let it go, its includes expanded again.
 * @param site the site it belongs to (its source folder).
 * @param doc the document (its title and metadata are kept).
 * @param[out] err set on failure, also when the file changed since it was
 *        loaded.
 * @return 0 or a negative WQ_E* code.
 */
int wq_load_text_again(const wq_site *site, wq_doc *doc, wq_err *err);

#endif
