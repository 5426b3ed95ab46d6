/* Internals shared by the files of the Markdown module (markdown.c,
 * markdown_bidi.c, markdown_alerts.c): the parsed tree and what the parse
 * learnt about it.  Not for other modules. */
#ifndef WQ_MARKDOWN_INT_H
#define WQ_MARKDOWN_INT_H

#include <cmark-gfm.h>

#include "markdown.h"
#include "text.h"

/* A link or image that points inside the site, resolved at parse time. */
typedef struct link_target {
	wq_link_kind kind;
	const wq_doc *doc;
	char *file;
	char *fragment;
	bool fragment_missing; /* the target document has no heading with that id */
	struct link_target *next;
} link_target;

/* A block's own direction, keyed by where it starts in the source. */
typedef struct block_dir {
	int line, col;
	wq_dir dir;
} block_dir;

/* A GitHub alert ("> [!NOTE]"): the HTML block that opens it. */
typedef struct alert {
	cmark_node *open;
	const char *kind; /* "note", "tip", "important", "warning", "caution" */
} alert;

/* A heading's id, keyed by where the heading starts in the source. */
typedef struct heading_id {
	int line, col;
	char *id;
} heading_id;

struct wq_md {
	cmark_parser *parser; /* owns the extension list the renderer needs */
	cmark_node *root;
	link_target *links;
	heading_id *ids;
	size_t nids;
	size_t images, images_without_alt;
	block_dir *dirs;       /* blocks whose direction differs from their parent's */
	size_t ndirs;
	alert *alerts;         /* GitHub alert blocks, in the order of the tree, labelled at render */
	size_t nalerts;
};

/* Marks the HTML nodes this module made (user_data), as opposed to raw HTML
 * from the source, which is left out unless the site allows it. */
extern const char wq_md_own_html;

/* Whether cmark's iterator visits the node once (no EXIT event). */
int wq_md_is_leaf(cmark_node *n);

/* Make an HTML node of ours. */
cmark_node *wq_md_html_node(cmark_node_type type, const char *literal);

/* Find GitHub alerts and turn their blockquotes into callouts. */
void wq_md_find_alerts(struct wq_md *md);

/* The kind of the callout that @p open opens, or NULL; *next is where to
 * look first (the next callout of a walk in the order of the tree). */
const char *wq_md_alert_kind(const struct wq_md *md, const cmark_node *open, size_t *next);

/* A callout's label in the UI strings' language (`alert_note`...), else
 * in English. */
const char *wq_md_alert_label(const char *kind, const wq_val *strings);

/* The text of a node's inlines: text and code, line breaks as spaces;
 * with @p html, inline HTML too (the source's as written, this module's
 * as its text). */
void wq_md_inline_text(wq_buf *out, cmark_node *node, bool html);

/* The text of HTML this module made: tags left out, entities decoded. */
void wq_md_own_html_text(wq_buf *out, const char *html);

#endif
