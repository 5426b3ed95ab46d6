/**
 * @file site.h
 * @brief The whole site: configuration, documents in order, other files.
 */
#ifndef WQ_SITE_H
#define WQ_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "doc.h"

/** The site every stage reads and fills. */
typedef struct wq_site {
	wq_config *config;   /**< configuration (owned) */
	wq_diag *diag;       /**< warnings (borrowed from the caller) */
	char *source_dir;    /**< the source folder, as given */
	wq_doc **docs;       /**< published documents, in site order (owned) */
	size_t ndocs;        /**< number of documents */
	char **files;        /**< other files below the source folder, relative paths (owned) */
	size_t nfiles;       /**< number of other files */
	char lang[16];       /**< language of the site-wide pages */
	wq_dir dir;          /**< direction of the site-wide pages */
	int64_t updated;     /**< newest date among the documents (or the build date) */
	char *book_file;     /**< the book's file name in the site (e.g. `report.epub`), or NULL */
} wq_site;

/**
 * @brief A new empty site.
 * @param config the configuration (ownership taken).
 * @param source_dir the source folder.
 * @param diag where warnings go (borrowed).
 * @return owned site.
 */
wq_site *wq_site_new(wq_config *config, const char *source_dir, wq_diag *diag);

/** @brief Free the site and its documents (NULL is a no-op). @param site the site. */
void wq_site_free(wq_site *site);

/**
 * @brief Add a document, taking ownership.
 * @param site the site. @param doc the document.
 */
void wq_site_add_doc(wq_site *site, wq_doc *doc);

/**
 * @brief Find the document loaded from a source path.
 * @param site the site.
 * @param rel path relative to the source folder, normalised.
 * @return borrowed document or NULL.
 */
wq_doc *wq_site_find_by_rel(const wq_site *site, const char *rel);

/**
 * @brief Whether a path relative to the source folder is one of the other files.
 * @param site the site. @param rel normalised relative path. @return non-zero if so.
 */
int wq_site_has_file(const wq_site *site, const char *rel);

/**
 * @brief Sort the documents: weight (weighted first, ascending), then date
 * (newest first, undated last), then source path.
 * @param site the site.
 */
void wq_site_sort(wq_site *site);

#endif
