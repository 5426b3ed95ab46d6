/**
 * @file cache.h
 * @brief The build cache: what the last build read and what it left in the
 * output folder, kept beside that folder (`.site.cache` for `site/`), so
 * that a build whose inputs have not changed since leaves the output as it
 * is and gives the last build's warnings again.
 *
 * The inputs are files and folders (the configuration, the sources, the
 * site's own layouts, assets and strings, the theme, the book's cover) and
 * a key: what else the output depends on (warraq's own executable, the
 * libraries' versions, the options, `SOURCE_DATE_EPOCH`).  Each file is
 * known by its size and hash: a file whose size, modification time, inode
 * or change time differ from the last build's is read again and hashed;
 * the others keep the hash they had.  The output is known by the size,
 * modification time and inode of each of its files, and the modification
 * time and inode of each of its folders (a file added, removed or renamed
 * changes its folder's time), each stat'ed by its path: no folder is read
 * to check it.  A change there since makes the next build a full one.
 *
 * Names starting with '.' are not inputs (a `.git` folder below the
 * sources), nor is the output folder when it lies among them.
 */
#ifndef WQ_CACHE_H
#define WQ_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "fsutil.h"

/** The inputs as found now, and the last build's record when there is one
 * for the same key. */
typedef struct wq_cache wq_cache;

/**
 * @brief The cache's file for an output folder: `.<name>.cache` beside it.
 * @param output the output folder, as given. @return the path (owned).
 */
char *wq_cache_file(const char *output);

/**
 * @brief What the libraries warraq is built with call themselves (their
 * versions), for the key.
 * @param[out] out receives one line per library (appended).
 */
void wq_cache_libraries(wq_buf *out);

/**
 * @brief Read the last build's record, if any, then, side by side (with
 * two jobs or more), find and hash the inputs, read the documents file
 * the record names, and check the output folder against the record, for
 * wq_cache_fresh().
 * @param[out] out the cache (free with wq_cache_free()).
 * @param file the cache's file (wq_cache_file()); a missing, damaged or
 *        foreign one is as no record.
 * @param key what else the output depends on; a record with another key
 *        is not used.
 * @param roots the input files and folders, NULL-terminated; a missing
 *        one is an input too (it may appear).
 * @param output the output folder, left out of the inputs.
 * @param mtimes whether the files' modification times are inputs too (the
 *        sitemap and feed date the documents without a date by them).
 * @param jobs threads that may be used (wq_pool_for()).
 */
void wq_cache_scan(wq_cache **out, const char *file, const char *key, const char *const *roots,
		   const char *output, bool mtimes, size_t jobs);

/**
 * @brief Whether the last build's record holds the same inputs and the
 * output folder is as that build left it.
 * @param c the cache. @return true when a build would write the same output.
 */
bool wq_cache_fresh(const wq_cache *c);

/**
 * @brief The last build's warnings and counts, for a build that stops at a
 * fresh cache.
 * @param c the cache (wq_cache_fresh() is true).
 * @param diag receives the warnings.
 * @param[out] counts receives the counts saved (wq_cache_save()).
 * @param n how many counts there are.
 * @return 0, or -1 when the record does not hold them.
 */
int wq_cache_restore(const wq_cache *c, wq_diag *diag, size_t *counts, size_t n);

/**
 * @brief The last build's counts (wq_cache_save()), without its warnings.
 * @param c the cache. @param[out] counts receives them. @param n how many.
 * @return 0, or -1 when the record does not hold them.
 */
int wq_cache_counts(const wq_cache *c, size_t *counts, size_t n);

/**
 * @brief Tell wq_cache_save() which files an update in place wrote: the
 * output folder is then known from the last build's record and these
 * files, without walking it.
 * @param c the cache. @param files their paths, relative to the output
 *        folder (owned by the cache from now on).
 * @param n how many. @param removed whether the update removed files too
 *        (the folder is then walked).
 */
void wq_cache_set_written(wq_cache *c, char **files, size_t n, bool removed);

/**
 * @brief Write the record of a build that has just put its output in
 * place: the inputs as scanned before it, the output folder as it is now,
 * the build's warnings and counts.  Written to a new file, then renamed.
 * @param c the cache. @param output the output folder.
 * @param diag the build's warnings. @param counts what it counted.
 * @param n how many counts.
 * @param[out] err set on failure (the old record is removed then).
 * @return 0 or a negative WQ_E* code.
 */
int wq_cache_save(const wq_cache *c, const char *output, const wq_diag *diag,
		  const size_t *counts, size_t n, wq_err *err);

/** What the last build kept of one document (see docrec.h). */
typedef struct wq_cache_doc {
	char *rel;             /**< its source path (#wq_doc::rel) */
	uint64_t text_hash;    /**< #wq_doc::text_hash */
	uint64_t loaded;       /**< wq_docrec_loaded() */
	uint64_t interface;    /**< wq_docrec_interface() */
	const char *loaded_record; /**< wq_docrec_put_loaded() */
	size_t loaded_record_len;  /**< its length */
	const char *record;    /**< wq_docrec_put() */
	size_t record_len;     /**< its length */
	const char *warnings;  /**< the warnings parsing and writing it gave (wq_diag_save()) */
	size_t warnings_len;   /**< their length */
	const char *props;     /**< its chapter's manifest properties ("" = none) */
	uint64_t words_at;     /**< where its search words are in the words file */
	uint64_t words_len;    /**< how many bytes */
} wq_cache_doc;

/** What the last build kept of the site as a whole. */
typedef struct wq_cache_site {
	uint64_t hash;          /**< what the documents do not say (the build's own) */
	const char *warnings;   /**< the warnings of the pages that list or gather
				     documents (wq_diag_save()) */
	size_t warnings_len;    /**< their length */
	const wq_cache_doc *docs; /**< each document, in the site's order */
	size_t ndocs;           /**< how many */
} wq_cache_site;

/** What a build gives the cache of its documents (wq_cache_set_site()). */
typedef struct wq_cache_docs {
	size_t n;               /**< how many documents */
	uint64_t hash;          /**< as wq_cache_site::hash */
	const char *warnings;   /**< as wq_cache_site::warnings */
	size_t warnings_len;    /**< their length */
	const bool *same;       /**< which documents' words are the last build's (the
				     same documents in the same order): they stay where
				     they are in the words file and the others are added
				     to it; NULL: none */
	void *ctx;              /**< handed to the functions below */
	/** Fill @p d for document @p i (its words aside); the bytes it points
	 *  to may be in @p scratch, and stay until the next call. */
	int (*doc)(void *ctx, size_t i, wq_cache_doc *d, wq_buf *scratch);
	/** Document @p i's search words, appended to @p out. */
	int (*words)(void *ctx, size_t i, wq_buf *out);
} wq_cache_docs;

/**
 * @brief The word index the last build kept (`.site.cache.vocab`, written
 * through wq_cache_vocab_open()), when the record names that very file.
 * @param c the cache. @param[out] out its bytes, mapped (wq_fs_unmap()).
 * @return 0, or -1 when there is none (@p out is then empty).
 */
int wq_cache_last_vocab(const wq_cache *c, wq_fs_mapped *out);

/**
 * @brief Start this build's word index file (`.site.cache.vocab.new`,
 * named in the record once wq_cache_vocab_close() has put it in place).
 * @param c the cache. @return the file to write, or NULL when it cannot be
 *        made (the next build then collects every document's words).
 */
FILE *wq_cache_vocab_open(wq_cache *c);

/**
 * @brief Close the file wq_cache_vocab_open() gave, and put it in place
 * when @p ok (else remove it).
 * @param c the cache. @param f the file, or NULL (nothing is done).
 * @param ok whether all of it was written.
 */
void wq_cache_vocab_close(wq_cache *c, FILE *f, bool ok);

/**
 * @brief Let go of the last build's record of its documents (a build that
 * will not update the output in place has no use for it); the cache
 * still judges the inputs and is saved as before.
 * @param c the cache.
 */
void wq_cache_forget_site(wq_cache *c);

/**
 * @brief The last build's record of its documents, when it holds one (a
 * site of one language).
 * @param c the cache. @return the record, or NULL.
 */
const wq_cache_site *wq_cache_last_site(const wq_cache *c);

/**
 * @brief The words file beside the record (`.site.cache.words`): document
 * @p d's search words are its bytes wq_cache_doc::words_at to words_at +
 * words_len.
 * @param c the cache. @param[out] size its size as the record knows it.
 * @return its path.
 */
const char *wq_cache_words_file(const wq_cache *c, uint64_t *size);

/**
 * @brief An input's status as the scan has just read it (wq_cache_scan()):
 * its size, inode and dates; nothing else of @p st is set but its type,
 * a regular file.  Only for files the scan found as regular files.
 * @param c the cache. @param path the input's path, as the scan's roots
 *        name it. @param[out] st receives the status.
 * @return true when the scan read it, false otherwise.
 */
bool wq_cache_input_stat(const wq_cache *c, const char *path, struct stat *st);

/**
 * @brief Whether an input file is the very file the last build read: the
 * same size, dates and inode (it need not be read to know it).
 * @param c the cache. @param path the file, as the scan names it (the
 *        source folder joined with its relative path).
 * @return true when it is.
 */
bool wq_cache_same_file(const wq_cache *c, const char *path);

/**
 * @brief Whether the inputs that are not in @p docs (the sources of the
 * documents) are all as the last build found them, and the output folder
 * is as it left it: then only those documents may have changed.
 * @param c the cache.
 * @param docs the documents' source files, as scanned (paths as the scan
 *        names them: the source folder joined with #wq_doc::rel), sorted.
 * @param n how many.
 * @return true when the rest is as it was.
 */
bool wq_cache_fresh_but(const wq_cache *c, char *const *docs, size_t n);

/**
 * @brief Write the documents' records and search words into the files
 * beside the record (`.site.cache.docs`, `.site.cache.words`), one at a
 * time (now, while the build's work file holds them), for wq_cache_save()
 * to name.
 * @param c the cache. @param src the documents.
 * @param[out] err set on failure (the record then holds no documents).
 * @return 0 or a negative WQ_E* code.
 */
int wq_cache_set_site(wq_cache *c, const wq_cache_docs *src, wq_err *err);

/** @brief Free the cache (NULL is a no-op). @param c the cache. */
void wq_cache_free(wq_cache *c);

#endif
