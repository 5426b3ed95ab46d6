/**
 * @file build.h
 * @brief One build, end to end: config, load, parse, analyse, render, write.
 */
#ifndef WQ_BUILD_H
#define WQ_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "err.h"

/**
 * @brief How far a build is: called on any of the build's threads after
 * each document is parsed or written (the callee keeps its own pace).
 * @param ctx #wq_build_opts::progress_ctx.
 * @param parsed documents parsed so far.
 * @param written documents whose page (and chapter) is written so far
 *        (rendered, for a check).
 * @param total documents to publish.
 */
typedef void (*wq_build_progress_fn)(void *ctx, size_t parsed, size_t written, size_t total);

/**
 * @brief A file the build wrote, once the output folder is in place.
 * @param ctx #wq_build_opts::file_ctx.
 * @param rel its path relative to the output folder.
 */
typedef void (*wq_build_file_fn)(void *ctx, const char *rel);

/** What to build and where. */
typedef struct wq_build_opts {
	const char *source; /**< source folder */
	const char *config; /**< configuration file */
	bool config_given;  /**< the user named the config file: it must exist */
	const char *output; /**< output folder */
	bool drafts;        /**< publish drafts too, whatever the configuration says */
	size_t jobs;        /**< threads to use; 0: one per core */
	bool strict;        /**< every warning is an error, whatever the configuration says */
	bool check;         /**< a check (`warraq check`): every stage runs and every
			         page and book is made, but nothing is written: the
			         output folder is not touched and no build folder is
			         made (the work file is made in the temporary folder,
			         `TMPDIR` or `/tmp`, and is in no folder once open) */
	const char *base_url; /**< the site's address, instead of the configuration's
			           `base_url` (NULL: the configuration's); checked as
			           `base_url` is */
	wq_build_progress_fn progress; /**< told how far the build is (NULL: nobody) */
	void *progress_ctx;            /**< handed to @ref progress */
	wq_build_file_fn file_written; /**< told of every file written, in path order,
				            after the new output is in place (NULL: nobody) */
	void *file_ctx;                /**< handed to @ref file_written */
	bool no_cache;      /**< neither use nor write the build cache (cache.h) */
	bool exits_after;   /**< the process ends after this build: the site's memory
			         (every document's record) is left for the system to
			         take back at once, not given back piece by piece; it
			         stays reachable, so leak checkers do not count it */
	void (*waiting)(void *ctx); /**< told once when another build of the same output
				         folder is running: this one waits for it to end
				         (the lock beside the folder, `.site.lock`; NULL:
				         nobody told) */
	void *waiting_ctx;          /**< handed to @ref waiting */
} wq_build_opts;

/** Default options: `seeds/`, `warraq.yml`, `site/`, no drafts, one thread
 * per core, warnings as warnings, a build (not a check), the configuration's
 * base URL, nobody told of progress, files or waiting, the build cache
 * used, the memory given back. */
#define WQ_BUILD_OPTS_INIT                                                                     \
	{ "seeds", "warraq.yml", false, "site", false, 0, false, false, NULL, NULL, NULL, NULL, NULL, \
	  false, false, NULL, NULL }

/** What a build produced. */
typedef struct wq_build_stats {
	size_t documents; /**< documents published */
	size_t pages;     /**< HTML pages written */
	size_t files;     /**< files written in all */
	size_t page_bytes;   /**< bytes of the HTML pages */
	size_t search_bytes; /**< bytes of the search index */
	size_t unchanged; /**< files the previous output held byte for byte: kept as they were */
	bool up_to_date;  /**< nothing changed since the last build (cache.h): the output
			       was left as it was, and the counts are that build's */
	bool updated;     /**< the output was updated in place (cache.h): only the pages
			       of the documents that changed, and the files that show
			       them all (search, feed, sitemap, book), were written */
} wq_build_stats;

/**
 * @brief Build the site (or check it: #wq_build_opts::check).  On failure
 * nothing in the output folder changes.
 * @param opts what to build.
 * @param diag receives warnings.
 * @param[out] stats what was written.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code (#WQ_EUSAGE for a bad output folder).
 */
int wq_build_run(const wq_build_opts *opts, wq_diag *diag, wq_build_stats *stats, wq_err *err);

#endif
