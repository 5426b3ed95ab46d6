/**
 * @file xml.h
 * @brief Well-formed XML out (libxml2): XHTML content documents made from
 * HTML or written directly, and a streaming writer for package, navigation
 * and NCX files.
 *
 * The one module that uses libxml2.
 */
#ifndef WQ_XML_H
#define WQ_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

/** XHTML namespace. */
#define WQ_XML_NS_XHTML "http://www.w3.org/1999/xhtml"
/** EPUB structural semantics namespace. */
#define WQ_XML_NS_EPUB "http://www.idpf.org/2007/ops"

/**
 * @brief Rewrites an `href` or `src` found in the body.
 * @param ctx the caller's context.
 * @param attr "href" or "src".
 * @param value the attribute's value.
 * @param out receives the new value.
 * @return 1 to keep the element with the value in @p out, 0 to unwrap it (a
 *         link whose target is not in the book: its content stays, the
 *         element goes).
 */
typedef int (*wq_xml_url_fn)(void *ctx, const char *attr, const char *value, wq_buf *out);

/**
 * @brief Rewrites an `id` found in the body (anchors must be ASCII in books).
 * @param ctx the caller's context. @param id the id. @param out receives the new id.
 */
typedef void (*wq_xml_id_fn)(void *ctx, const char *id, wq_buf *out);

/** One XHTML content document. */
typedef struct wq_xhtml_page {
	const char *lang;      /**< `lang` and `xml:lang` of the root */
	const char *dir;       /**< `dir` of the root ("ltr"/"rtl") */
	const char *title;     /**< the `<title>` */
	const char *css;       /**< style sheet href, or NULL */
	const char *body_type; /**< `epub:type` of `<body>`, or NULL */
	wq_xml_url_fn url;     /**< URL rewriter, or NULL */
	wq_xml_id_fn id;       /**< id rewriter, or NULL */
	void *ctx;             /**< context of the rewriters */
} wq_xhtml_page;

/**
 * @brief Make an XHTML5 content document from an HTML body fragment.
 *
 * The fragment is parsed with libxml2's HTML parser, its elements put in the
 * XHTML namespace (attributes written `epub:type` go in the EPUB one), ids and
 * URLs passed through the page's rewriters, and the document serialised as
 * XML with `<!DOCTYPE html>`.
 * @param out receives the document (appended).
 * @param page the document's settings.
 * @param html the body's content, HTML.
 * @param len its length.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_xml_xhtml(wq_buf *out, const wq_xhtml_page *page, const char *html, size_t len,
		 wq_err *err);

/**
 * @brief Append text escaped for XML content, as libxml2 writes it (`&`,
 * `<`, `>` and carriage returns as references).  Here and in the other
 * escapers, a byte that is no character a document may hold (see
 * wq_text_char_len()) becomes U+FFFD.
 * @param out the buffer. @param s the text (UTF-8). @param len its length.
 */
void wq_xml_put_text(wq_buf *out, const char *s, size_t len);

/**
 * @brief Append an attribute's value escaped for XML, as libxml2 writes it
 * (also `"`, tabs and line ends as references); the quotes are the caller's.
 * @param out the buffer. @param s the value (UTF-8). @param len its length.
 */
void wq_xml_put_attr(wq_buf *out, const char *s, size_t len);

/**
 * @brief Append text or an attribute's value escaped for HTML as
 * cmark-gfm escapes them (`&`, `<`, `>`, `"`).
 * @param out the buffer. @param s the text (UTF-8). @param len its length.
 */
void wq_xml_put_html(wq_buf *out, const char *s, size_t len);

/**
 * @brief Start an XHTML5 content document written directly: the
 * declaration, `<!DOCTYPE html>`, the root with its namespaces, language
 * and direction, the head, and the opening `<body>`.  The body's content
 * is the caller's (XML already, e.g. wq_md_render() with `xhtml` set);
 * wq_xml_xhtml_close() ends the document.  The page's rewriters are not
 * used here.
 * @param out receives the start of the document (appended).
 * @param page the document's settings.
 */
void wq_xml_xhtml_open(wq_buf *out, const wq_xhtml_page *page);

/**
 * @brief End a document started with wq_xml_xhtml_open().
 * @param out the buffer.
 */
void wq_xml_xhtml_close(wq_buf *out);

/**
 * @brief Whether a document is well-formed XML (libxml2's parser, no
 * network, no entities loaded): for checks of what is written directly.
 * @param xml the document. @param len its length.
 * @return true if it parses.
 */
bool wq_xml_is_well_formed(const char *xml, size_t len);

/** A streaming XML writer; opaque. */
typedef struct wq_xmlw wq_xmlw;

/**
 * @brief Start a document (`<?xml version="1.0" encoding="UTF-8"?>`), indented.
 * @param html5 write `<!DOCTYPE html>` after the declaration.
 * @return owned writer; finish with wq_xmlw_finish().
 */
wq_xmlw *wq_xmlw_new(int html5);
/** @brief Open an element. @param w writer. @param name qualified name. */
void wq_xmlw_start(wq_xmlw *w, const char *name);
/**
 * @brief Add an attribute to the element just opened (characters XML does
 * not allow are dropped). @param w writer. @param name name. @param value value.
 */
void wq_xmlw_attr(wq_xmlw *w, const char *name, const char *value);
/** @brief Write escaped text. @param w writer. @param text the text. */
void wq_xmlw_text(wq_xmlw *w, const char *text);
/** @brief Close the innermost open element. @param w writer. */
void wq_xmlw_end(wq_xmlw *w);
/**
 * @brief Write `<name>text</name>`.
 * @param w writer. @param name element name. @param text content.
 */
void wq_xmlw_element(wq_xmlw *w, const char *name, const char *text);
/**
 * @brief Close everything still open, append the document to @p out and free
 * the writer.
 * @param w writer. @param out receives the XML.
 * @param err filled on failure.
 * @return 0 or #WQ_EFAIL.
 */
int wq_xmlw_finish(wq_xmlw *w, wq_buf *out, wq_err *err);

/**
 * @brief Ready libxml2 for use on several threads: call once on the main
 * thread before any thread uses the functions here (libxml2 sets up its
 * global state on first use, which is not safe to race).
 */
void wq_xml_init(void);

#endif
