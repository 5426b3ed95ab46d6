/**
 * @file site.h
 * @brief The whole site: configuration, documents in order, other files.
 */
#ifndef WQ_SITE_H
#define WQ_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "doc.h"
#include "markdown.h"
#include "strmap.h"

/** A tag (front matter `tags`) and the documents that carry it. */
typedef struct wq_tag {
	char *name;   /**< the tag as first written */
	char *url;    /**< its page's URL path, `tags/<slug>` (no trailing slash) */
	size_t *docs; /**< indexes in #wq_site::docs, in site order */
	size_t ndocs; /**< number of documents */
} wq_tag;

/** What a node of the site's tree (#wq_site::tree) stands for. */
typedef enum wq_tree_kind {
	WQ_TREE_ROOT,    /**< the site itself: node 0 */
	WQ_TREE_SECTION, /**< a section (a folder), which has a page */
	WQ_TREE_GROUP,   /**< a heading of the table of contents, without a page
			      (mdBook's `# Part`, a toc.yml entry without `href`) */
	WQ_TREE_DOC      /**< a document; under an explicit table of contents it may
			      have children (chapters nested under a chapter) */
} wq_tree_kind;

/** A node of the site's tree. */
typedef struct wq_tree_node {
	wq_tree_kind kind;  /**< what it stands for */
	size_t item;        /**< #WQ_TREE_DOC: index in #wq_site::docs;
				 #WQ_TREE_SECTION: index in #wq_site::sections */
	const char *title;  /**< the name the table of contents gives it, or NULL: the
				 document's own title, the section's (see wq_site_tree_title()) */
	size_t parent;      /**< its parent's index in wq_tree::nodes (the root's: 0) */
	unsigned depth;     /**< 0 for the root */
	size_t kids;        /**< its children are wq_tree::kids[kids] ... */
	size_t nkids;       /**< ... and the next ones, this many, in order */
	size_t first;       /**< the documents in it and below it are wq_tree::order[first] ... */
	size_t end;         /**< ... up to wq_tree::order[end] (excluded) */
} wq_tree_node;

/**
 * The site's documents as a tree, in reading order: the explicit table of
 * contents (`SUMMARY.md`, `toc.yml`: see toc.h) where the sources have one,
 * else the folders.  A folder lists its documents and sub-folders together,
 * by weight (weighted first, ascending; a folder's from its `_index.md`),
 * then date (newest first, undated last), then name.  Documents the table
 * of contents does not name follow its entries, as their folders order
 * them.  Built once by wq_site_build_tree(); every page reads it.
 */
typedef struct wq_tree {
	wq_tree_node *nodes;  /**< node 0 is the root; parents before children (owned) */
	size_t nnodes;        /**< number of nodes */
	size_t *kids;         /**< every node's children, each node's together (owned) */
	size_t *order;        /**< document indexes in tree order (depth first) (owned) */
	size_t *pos;          /**< for each document, its position in #order (owned) */
	size_t *doc_node;     /**< for each document, its node (owned) */
	size_t *section_node; /**< for each section, its node, or SIZE_MAX when the
				   tree has none (a table of contents that leaves it out) (owned) */
	size_t ndocs;         /**< documents in the tree (all of the site's) */
	char **titles;        /**< names from the table of contents (owned) */
	size_t ntitles;       /**< number of names */
	char *_Atomic *title_html; /**< each node's name as HTML, its runs of the other
					direction isolated, made when first asked for
					(wq_site_tree_title_html()), or NULL before
					wq_site_tree_titles() (owned) */
	bool nested;          /**< it has sections, headings or documents under documents
				   (otherwise it is the documents in site order, flat) */
	bool explicit_toc;    /**< it comes from a table of contents file (the site's
				   order is then the tree's: see wq_site_build_tree()) */
} wq_tree;

/** The site every stage reads and fills. */
typedef struct wq_site {
	wq_config *config;   /**< configuration (owned) */
	wq_diag *diag;       /**< warnings (borrowed from the caller) */
	char *source_dir;    /**< the source folder, as given */
	char *source_real;   /**< the source folder resolved (realpath), once loading began, else NULL */
	wq_doc **docs;       /**< published documents, in site order (owned) */
	size_t ndocs;        /**< number of documents */
	char **files;        /**< other files below the source folder, relative paths (owned) */
	size_t nfiles;       /**< number of other files */
	char lang[16];       /**< language of the site-wide pages */
	wq_dir dir;          /**< direction of the site-wide pages */
	int64_t updated;     /**< newest date among the documents (or the build date) */
	char *book_file;     /**< the book's file name in the site (e.g. `report.epub`), or NULL */
	char **sections;     /**< every section (sub-folder holding documents, and the
				  folders above it), e.g. `reports/2024`, sorted (owned) */
	char **section_urls; /**< each section's URL path, beside #sections: its
				  folder names, transliterated under `slugs: ascii`
				  (e.g. `taqarir/2024`), no trailing slash (owned) */
	size_t nsections;    /**< number of sections */
	wq_tag *tags;        /**< every tag, by name (see wq_site_collect_tags()) */
	size_t ntags;        /**< number of tags */
	wq_doc **indexes;    /**< the sections' `_index.md` files: title and summary of
				  the folder they are in, not pages (owned) */
	size_t nindexes;     /**< number of `_index.md` files */
	/* The site index: one hash table per key, filled as the site is loaded;
	 * every lookup goes through it (keys are borrowed from the site). */
	wq_strmap *by_rel;         /**< source path → document (#wq_doc::rel) */
	wq_strmap *by_url;         /**< page URL (`a/b/`) → document, after wq_site_index_urls() */
	wq_strmap *file_set;       /**< other files (#files) → the path itself */
	wq_strmap *index_by_section; /**< section path → its `_index.md` */
	wq_strmap *by_section_url; /**< section URL path (#section_urls) → section path */
	size_t *section_docs;      /**< for each section, the documents in it or below it,
				        in site order: indexes in #docs, from #section_first */
	size_t *section_first;     /**< #nsections + 1 offsets into #section_docs */
	wq_spill *spill;           /**< the build's work file (borrowed; NULL: none yet) */
	struct wq_search_kept *search_kept; /**< the word index kept between builds (search.h;
					         borrowed; NULL: none) */
	wq_md_links links;         /**< the index as the parser sees it (wq_site_links()) */
	const char *toc_name;      /**< the sources' table of contents file (`SUMMARY.md`,
				        `toc.yml`: wq_toc_find()), read and not published; or NULL */
	wq_tree tree;              /**< documents and sections in reading order (wq_site_build_tree()) */
	struct wq_cards *cards;    /**< the documents' cards (card.h), by #wq_doc::index: room made
				        each time the documents are numbered, each card at its first use */
	/** When set, loading asks it first for each source (load.h): the
	 *  document as the build cache holds it, given its path relative to the
	 *  source folder and its file's status, or NULL to read the file. */
	wq_doc *(*known)(void *ctx, const char *rel, const struct stat *st);
	/** When set, the walk of the source folder asks it for a regular
	 *  file's status (given its path as the walk names it: the source
	 *  folder joined to it) before reading it itself: true with *st set
	 *  (what the build cache has just read), or false. */
	bool (*stat_known)(void *ctx, const char *path, struct stat *st);
	void *known_ctx;           /**< handed to @ref known and @ref stat_known */
	const struct wq_langs *langs; /**< in a multilingual site, every language's site
				       and their translations (langs.h; borrowed), else NULL */
} wq_site;

/**
 * @brief A new empty site.
 * @param config the configuration (ownership taken).
 * @param source_dir the source folder.
 * @param diag where warnings go (borrowed).
 * @return owned site.
 */
wq_site *wq_site_new(wq_config *config, const char *source_dir, wq_diag *diag);

/**
 * @brief What the parser may ask of the site to resolve links: documents
 * by source path and by URL, other files, sections, and where warnings go
 * (answered through the site index).
 * @param site the site, its documents loaded and URLs indexed.
 * @return borrowed, as long as the site.
 */
const wq_md_links *wq_site_links(const wq_site *site);

/** @brief Free the site and its documents (NULL is a no-op). @param site the site. */
void wq_site_free(wq_site *site);

/**
 * @brief Add a document, taking ownership.
 * @param site the site. @param doc the document.
 */
void wq_site_add_doc(wq_site *site, wq_doc *doc);

/**
 * @brief Add a section's `_index.md`, taking ownership.
 * @param site the site. @param doc the file, its section set.
 */
void wq_site_add_index(wq_site *site, wq_doc *doc);

/**
 * @brief The `_index.md` of a section.
 * @param site the site. @param section the section's path.
 * @param len its length (the section may be a prefix of a longer path).
 * @return borrowed file, or NULL when the section has none.
 */
const wq_doc *wq_site_section_index(const wq_site *site, const char *section, size_t len);

/**
 * @brief Find the document loaded from a source path.
 * @param site the site.
 * @param rel path relative to the source folder, normalised.
 * @return borrowed document or NULL.
 */
wq_doc *wq_site_find_by_rel(const wq_site *site, const char *rel);

/**
 * @brief Add one of the other files (not a source).
 * @param site the site. @param rel its path relative to the source folder.
 */
void wq_site_add_file(wq_site *site, const char *rel);

/**
 * @brief Index the documents by URL (#wq_site::by_url).
 * @param site the site, its documents loaded.
 * @return NULL, or the first document whose URL another one already has
 *         (and @p *first set to that other one).
 * @param[out] first the document that had the URL first.
 */
const wq_doc *wq_site_index_urls(wq_site *site, const wq_doc **first);

/**
 * @brief The document published at a URL.
 * @param site the site, its URLs indexed. @param url e.g. `a/b/`. @param len its length.
 * @return borrowed document or NULL.
 */
const wq_doc *wq_site_find_by_url(const wq_site *site, const char *url, size_t len);

/**
 * @brief The section whose page is at a URL path.
 * @param site the site, its sections collected. @param url e.g. `a/b` (no
 * trailing slash). @param len its length.
 * @return borrowed section path, or NULL.
 */
const char *wq_site_section_at_url(const wq_site *site, const char *url, size_t len);

/**
 * @brief The documents in a section or in the sections below it, in site
 * order (computed once for all sections by wq_site_list_section_docs()).
 * @param site the site. @param section the section's index in #wq_site::sections.
 * @param[out] n number of documents.
 * @return borrowed indexes in #wq_site::docs.
 */
const size_t *wq_site_section_docs(const wq_site *site, size_t section, size_t *n);

/**
 * @brief List every section's documents (see wq_site_section_docs()), in one
 * pass over the documents.
 * @param site the site, its documents sorted and sections collected.
 */
void wq_site_list_section_docs(wq_site *site);

/**
 * @brief Whether a path relative to the source folder is one of the other files.
 * @param site the site. @param rel normalised relative path. @return non-zero if so.
 */
int wq_site_has_file(const wq_site *site, const char *rel);

/**
 * @brief List the sections: the folders holding documents and every folder
 * above them (#wq_site::sections, sorted, each once).
 * @param site the site, its documents loaded.
 */
void wq_site_collect_sections(wq_site *site);

/**
 * @brief Report the documents' site-absolute links that match no source
 * (#wq_doc::unmatched) once per first path segment, at the first such
 * link in site order, with how many more there are; then forget them.
 * @param site the parsed site.
 */
void wq_site_report_unmatched(wq_site *site);

/**
 * @brief List the tags of the documents (#wq_site::tags), each with the
 * documents carrying it in site order.  A tag's slug is the tag made an
 * identifier (letters of any script kept, case folded, spaces to '-'), or
 * transliterated to ASCII under `slugs: ascii`; tags with the same slug are
 * one tag.  They are in the order they first appear until
 * wq_site_sort_tags().
 * @param site the site, its documents loaded and sorted.
 */
void wq_site_collect_tags(wq_site *site);

/**
 * @brief Whether a document carries a tag.
 * @param tag the tag. @param doc the document's index in #wq_site::docs.
 * @return true when it does (a binary search of wq_tag::docs).
 */
bool wq_tag_has_doc(const wq_tag *tag, size_t doc);

/**
 * @brief Sort the tags in the alphabetical order of the site's language
 * (ICU collation), once that language is known.
 * @param site the site, its tags collected and #wq_site::lang set.
 */
void wq_site_sort_tags(wq_site *site);

/**
 * @brief Whether a document is in a section or in a section below it.
 * @param doc the document.
 * @param section the section's path, e.g. `reports` (need not end in NUL).
 * @param len its length.
 * @return true for `reports/a.md` and `reports/2024/b.md` with `reports`.
 */
bool wq_site_doc_in_section(const wq_doc *doc, const char *section, size_t len);

/**
 * @brief The URL path of a section: its folder names, each transliterated
 * to ASCII when the configuration says `slugs: ascii` (a name with nothing
 * to transliterate is kept).
 * @param config the configuration.
 * @param section the section's path, e.g. `تقارير/2024` (need not end in NUL).
 * @param len its length.
 * @return the path without a trailing slash (`taqaryr/2024`), "" for the
 *         top; the caller frees it.
 */
char *wq_site_section_url_path(const wq_config *config, const char *section, size_t len);

/**
 * @brief The URL path of a known section (see #wq_site::section_urls).
 * @param site the site, its sections collected.
 * @param section the section's path (need not end in NUL). @param len its length.
 * @return borrowed path, or NULL when it is not a section.
 */
const char *wq_site_section_url(const wq_site *site, const char *section, size_t len);

/**
 * @brief Find a section.
 * @param site the site. @param section its path, e.g. `reports/2024`.
 * @return its index in #wq_site::sections, or -1.
 */
long wq_site_find_section(const wq_site *site, const char *section);

/**
 * @brief Sort the documents: weight (weighted first, ascending), then date
 * (newest first, undated last), then source path.
 * @param site the site.
 */
void wq_site_sort(wq_site *site);

/**
 * @brief Build #wq_site::tree: from the table of contents file
 * (#wq_site::toc_name) when there is one, else from the folders.  Entries
 * of the table that name no document, or one already named, are warnings;
 * a table that cannot be read is an error in the diagnostics (the tree is
 * then made from the folders).  With a table of contents the site's order
 * becomes the tree's (#wq_doc::index renumbered), so that lists,
 * previous/next links and the book follow it.
 * @param site the site, its documents sorted (wq_site_sort()) and its
 * sections collected, before wq_site_list_section_docs().
 */
void wq_site_build_tree(wq_site *site);

/**
 * @brief Make room for each node's name as HTML (#wq_tree::title_html),
 * made once, when a page that shows the tree first asks for it
 * (wq_site_tree_title_html()): an update that writes a few pages makes
 * only the names they show.
 * @param site the analysed site (directions known).
 */
void wq_site_tree_titles(wq_site *site);

/**
 * @brief Node @p node's name as HTML: runs of the other direction than the
 * document's (a section's: the site's) isolated; made on the first call,
 * on any thread, and kept.
 * @param site the site (wq_site_tree_titles() called).
 * @param node the node.
 * @return the name (owned by the site).
 */
const char *wq_site_tree_title_html(const wq_site *site, size_t node);

/**
 * @brief The name a node of the tree is shown with: the table of contents'
 * name for it, else the document's title, or for a section the title of
 * its `_index.md`, else the folder's name.
 * @param site the site. @param node the node's index in wq_tree::nodes.
 * @param[out] len the name's length.
 * @return borrowed text, NUL-terminated ("" for the root).
 */
const char *wq_site_tree_title(const wq_site *site, size_t node, size_t *len);

#endif
