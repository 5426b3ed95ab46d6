/**
 * @file markdown.h
 * @brief The parse stage: Markdown to a syntax tree (cmark-gfm), headings,
 * plain text, link checks; and the tree to HTML for each writer.
 *
 * The one module that uses cmark-gfm.  The tree stays with the document so
 * that each writer (website, book) renders it with its own link targets.
 */
#ifndef WQ_MARKDOWN_H
#define WQ_MARKDOWN_H

#include <stdbool.h>

#include "buf.h"
#include "doc.h"
#include "diag.h"
#include "err.h"

/** Deepest nesting of blocks and inlines accepted (quotes in quotes, lists
 * in lists, emphasis in links...).  Deeper documents are refused: browsers,
 * reading systems and XML parsers cap nesting too (libxml2 at 256), and a
 * document nested this deep is a mistake or an attack, never a text. */
#define WQ_MD_MAX_NESTING 100

/**
 * What the parser needs to know of the site to resolve a document's links:
 * a small interface, not the site itself (the site index implements it,
 * wq_site_links()).  Paths are relative to the source folder, normalised.
 */
typedef struct wq_md_links {
	void *ctx; /**< the implementation's context */
	/** The document loaded from a source path, or NULL. */
	const wq_doc *(*doc_at_path)(void *ctx, const char *rel);
	/** The document published at a URL (`a/b/`, length @p len), or NULL. */
	const wq_doc *(*doc_at_url)(void *ctx, const char *url, size_t len);
	/** Whether a path is one of the other files (copied along). */
	bool (*is_file)(void *ctx, const char *rel);
	/** Whether a path is a section (a folder of documents). */
	bool (*is_section)(void *ctx, const char *path);
	wq_diag *diag; /**< where warnings go */
} wq_md_links;

/** Kinds of link target found in a document. */
typedef enum wq_link_kind {
	WQ_LINK_DOC,  /**< another document of the site */
	WQ_LINK_FILE, /**< a file copied along from the source folder (a link) */
	WQ_LINK_IMAGE, /**< a file copied along, shown as an image */
	WQ_LINK_SECTION, /**< a folder of documents: the section's page */
} wq_link_kind;

/**
 * @brief Turns a link to a document or file of the site into an href, for
 * the page being written.
 * @param ctx the writer's context.
 * @param out receives the href (appended; to be HTML-escaped by the caller).
 * @param kind what the link points at.
 * @param doc the target document (#WQ_LINK_DOC) or NULL.
 * @param file the target file relative to the source folder (#WQ_LINK_FILE,
 *        #WQ_LINK_IMAGE), the section's path (#WQ_LINK_SECTION), or NULL.
 * @param fragment the part after '#' (without it), or "".
 */
typedef void (*wq_md_link_fn)(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
			      const char *file, const char *fragment);

/**
 * @brief Parse @p doc->text (and check its links against @p site).
 *
 * The text is valid UTF-8, as wq_text_check_utf8() passes it (every text a
 * document is read from is checked so): it is not checked again.  Fills doc->toc, doc->plain and doc->first_para, keeps the tree for
 * wq_md_render().  Links to `#`, to missing files or headings, and missing
 * images (or images outside the source folder) are warnings at the file,
 * line and column they are written at (an included file's, see include.h);
 * the website keeps them as written.  Relative links are resolved from the
 * file they are written in, else from the document.  Site-absolute links
 * that match nothing are kept on the document (#wq_doc::unmatched) to be
 * reported once per first path segment.
 * @param doc the document.
 * @param links what the site knows of link targets (all documents loaded).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_md_parse(wq_doc *doc, const wq_md_links *links, wq_err *err);

/**
 * @brief Make the tree of a document parsed before (its text read again
 * with wq_load_text_again()), for rendering; the facts the first parse
 * gave the document (table of contents, heading ids, images, plain text),
 * which other threads may be reading, are left as they are.  Its warnings
 * were given by the first parse; this one warns only of links to headings
 * other documents do not have (known once every document was parsed).
 * @param doc the document. @param links link targets (wq_site_links()).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_md_parse_again(wq_doc *doc, const wq_md_links *links, wq_err *err);

/**
 * @brief Call @p fn for every link and image of a parsed document whose
 * target was resolved, in the order of the text, without rendering (a
 * writer numbers the files it will hold this way, before rendering on
 * several threads).
 * @param doc the parsed document. @param fn the function (its output is
 * discarded). @param ctx its context.
 */
void wq_md_visit_links(const wq_doc *doc, wq_md_link_fn fn, void *ctx);

/** How to render a document body. */
typedef struct wq_md_render_opts {
	bool unsafe_html;          /**< keep raw HTML from the source (HTML only: XHTML
				        leaves it out, see wq_md_has_raw_html()) */
	wq_md_link_fn link;        /**< the writer's link function */
	void *link_ctx;            /**< its context */
	const char *backref_label; /**< accessible label of footnote back-links, in the page's language */
	const wq_val *strings;     /**< UI strings of the page's language (alert labels,
				        task boxes), or NULL */
	bool self_contained;       /**< a book, which holds its images: a remote image
				        becomes a link to it (its alternative text, else its
				        address), an image not found (or that the link function
				        gives no address) its alternative text, a link to
				        another document's missing heading goes to the document,
				        and footnotes carry EPUB's semantics (`epub:type`) */
	bool xhtml;                /**< write XHTML (a book's chapter) instead of HTML:
				        void elements closed, text and attributes escaped for
				        XML, every href, src and id through the functions below */
	/** XHTML: rewrites an href or src (as written in the HTML, URL-escaped);
	 * 0 leaves the element out and keeps its content.  NULL: kept as is. */
	int (*url)(void *ctx, const char *attr, const char *value, wq_buf *out);
	/** XHTML: rewrites an id.  NULL: kept as is. */
	void (*id)(void *ctx, const char *id, wq_buf *out);
	void *xml_ctx;             /**< context of @c url and @c id */
} wq_md_render_opts;

/** Default render options: safe HTML, no link function, English labels,
 * for a website. */
#define WQ_MD_RENDER_OPTS_INIT { false, NULL, NULL, "Back to content", NULL, false, false, NULL, NULL, NULL }

/**
 * @brief Render a parsed document's body as HTML (or XHTML), in one walk
 * of its tree.
 *
 * The HTML is cmark-gfm's, and headings carry their ids and blocks their
 * own direction; GitHub alerts (`> [!NOTE]`...) are callouts labelled with
 * the UI strings' `alert_note`...; task boxes are named with `task_done`
 * and `task_open`; links to documents and files of the site are written
 * through the link function; table alignment becomes the classes
 * `align-start`, `align-center` and `align-end` (logical, so columns mirror
 * in right-to-left pages).  The document is only read: several threads
 * may render it at once.
 * @param out receives the HTML (appended).
 * @param doc a document that went through wq_md_parse().
 * @param opts how to render.
 */
void wq_md_render(wq_buf *out, const wq_doc *doc, const wq_md_render_opts *opts);

/**
 * @brief Whether a parsed document holds raw HTML of its own (HTML blocks
 * or inline tags in its source).  A writer of XHTML that keeps raw HTML
 * (`unsafe_html`) renders such a document as HTML and has it parsed into
 * XML (wq_xml_xhtml()): raw HTML need not be well-formed.
 * @param doc the document. @return true if it holds raw HTML.
 */
bool wq_md_has_raw_html(const wq_doc *doc);

/**
 * @brief Set the directions inside a parsed and analysed document (its
 * base_dir known): blocks wholly of the other direction get their own `dir`;
 * runs of the other direction with neutral or weak edges are isolated in
 * `<span dir>`; code is left to right, and so are links whose text is a URL
 * or an e-mail address.  Call once, after the analyse stage.
 * @param doc the document.
 */
void wq_md_apply_bidi(wq_doc *doc);

/**
 * @brief Number of headings in a parsed document, in document order.
 * @param doc the document. @return the count.
 */
size_t wq_md_heading_count(const wq_doc *doc);

/**
 * @brief The id of the i-th heading.
 * @param doc the document. @param i index. @return borrowed id or NULL.
 */
const char *wq_md_heading_id(const wq_doc *doc, size_t i);

/**
 * @brief Images in the document, and how many have no text alternative.
 * @param doc the document. @param[out] without_alt images with an empty alt.
 * @return the number of images.
 */
size_t wq_md_image_count(const wq_doc *doc, size_t *without_alt);

/**
 * @brief Free the tree kept in a document (done by wq_doc_free()).
 * @param md the tree, or NULL.
 */
void wq_md_free(struct wq_md *md);

#endif
