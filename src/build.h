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

/** What to build and where. */
typedef struct wq_build_opts {
	const char *source; /**< source folder */
	const char *config; /**< configuration file */
	bool config_given;  /**< the user named the config file: it must exist */
	const char *output; /**< output folder */
	bool drafts;        /**< publish drafts too, whatever the configuration says */
	size_t jobs;        /**< threads to use; 0: one per core */
	bool strict;        /**< every warning is an error, whatever the configuration says */
} wq_build_opts;

/** Default options: `seeds/`, `warraq.yml`, `site/`, no drafts, one thread
 * per core, warnings as warnings. */
#define WQ_BUILD_OPTS_INIT { "seeds", "warraq.yml", false, "site", false, 0, false }

/** What a build produced. */
typedef struct wq_build_stats {
	size_t documents; /**< documents published */
	size_t pages;     /**< HTML pages written */
	size_t files;     /**< files written in all */
	size_t page_bytes;   /**< bytes of the HTML pages */
	size_t search_bytes; /**< bytes of the search index */
} wq_build_stats;

/**
 * @brief Build the site.  On failure nothing in the output folder changes.
 * @param opts what to build.
 * @param diag receives warnings.
 * @param[out] stats what was written.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code (#WQ_EUSAGE for a bad output folder).
 */
int wq_build_run(const wq_build_opts *opts, wq_diag *diag, wq_build_stats *stats, wq_err *err);

#endif
