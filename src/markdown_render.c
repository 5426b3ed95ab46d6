/* The render stage of the Markdown module: a parsed tree written as the
 * website's HTML or as a book chapter's XHTML, in one walk of cmark-gfm's
 * tree.  Heading ids, block directions, table alignment, task boxes,
 * callouts, footnotes and link targets are written as each element is; no
 * HTML is patched as text afterwards and no HTML parser reads the result.
 * The tree is only read: two threads may render one document at once.
 *
 * The HTML is cmark-gfm's (0.29, with its table, strikethrough, tasklist
 * and tagfilter extensions): the same elements, line breaks, escaping and
 * footnote markup, so that pages read as cmark-gfm users expect.  The
 * XHTML is the same document as XML: void elements closed, attributes and
 * text escaped for XML, and every href, src and id passed through the
 * book's rewriters. */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "markdown_int.h"
#include "mem.h"
#include "url.h"
#include "xml.h"

/* ------------------------------------------------- ids and directions */

/* Heading ids and block directions by source position: sorted once per
 * rendering, then found by binary search. */
static int cmp_pos(int l1, int c1, int l2, int c2)
{
	return l1 != l2 ? (l1 < l2 ? -1 : 1) : c1 != c2 ? (c1 < c2 ? -1 : 1) : 0;
}

/* Equal positions keep the order they were recorded in: the first wins. */
static int cmp_id(const void *a, const void *b)
{
	const heading_id *x = *(const heading_id *const *)a, *y = *(const heading_id *const *)b;
	int c = cmp_pos(x->line, x->col, y->line, y->col);
	return c ? c : x < y ? -1 : x > y;
}

static int cmp_dir(const void *a, const void *b)
{
	const block_dir *x = *(const block_dir *const *)a, *y = *(const block_dir *const *)b;
	int c = cmp_pos(x->line, x->col, y->line, y->col);
	return c ? c : x < y ? -1 : x > y;
}

typedef struct by_pos {
	const heading_id **ids;
	const block_dir **dirs;
	size_t nids, ndirs;
} by_pos;

static void by_pos_init(by_pos *bp, const struct wq_md *md)
{
	size_t i;

	bp->nids = md->nids;
	bp->ndirs = md->ndirs;
	bp->ids = wq_xmalloc((md->nids ? md->nids : 1) * sizeof(*bp->ids));
	bp->dirs = wq_xmalloc((md->ndirs ? md->ndirs : 1) * sizeof(*bp->dirs));
	for (i = 0; i < md->nids; i++)
		bp->ids[i] = &md->ids[i];
	for (i = 0; i < md->ndirs; i++)
		bp->dirs[i] = &md->dirs[i];
	if (md->nids > 1)
		qsort(bp->ids, md->nids, sizeof(*bp->ids), cmp_id);
	if (md->ndirs > 1)
		qsort(bp->dirs, md->ndirs, sizeof(*bp->dirs), cmp_dir);
}

static void by_pos_dispose(by_pos *bp)
{
	free(bp->ids);
	free(bp->dirs);
}

static const char *id_at(const by_pos *bp, int line, int col)
{
	size_t lo = 0, hi = bp->nids;

	while (lo < hi) { /* the first at or after (line, col) */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_pos(bp->ids[mid]->line, bp->ids[mid]->col, line, col) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < bp->nids && !cmp_pos(bp->ids[lo]->line, bp->ids[lo]->col, line, col) ?
		       bp->ids[lo]->id : NULL;
}

static const block_dir *dir_at(const by_pos *bp, int line, int col)
{
	size_t lo = 0, hi = bp->ndirs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_pos(bp->dirs[mid]->line, bp->dirs[mid]->col, line, col) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < bp->ndirs && !cmp_pos(bp->dirs[lo]->line, bp->dirs[lo]->col, line, col) ?
		       bp->dirs[lo] : NULL;
}

/* ------------------------------------------------------------ footnotes */

/* A footnote as cmark-gfm numbered it: its label as written, and how many
 * references point to it. */
typedef struct note {
	const char *label;
	size_t len;
	int refs;
} note;

/* A reference to a footnote: its rank among the references to its note
 * (1, 2...), in the order of the source. */
typedef struct note_ref {
	const cmark_node *node;
	int line, col;
	size_t order;
	int number, rank;
} note_ref;

typedef struct notes {
	note *notes;
	size_t nnotes;
	note_ref *refs;
	size_t nrefs;
	bool found;
} notes;

/* ------------------------------------------------------------ renderer */

typedef struct renderer {
	wq_buf *out;
	size_t start; /* where this body starts in out: line breaks look back no further */
	const wq_doc *doc;
	const struct wq_md *md;
	const wq_md_render_opts *o;
	by_pos bp;
	wq_buf url, val, alt; /* scratch */
	notes fn;
	int footnote_ix, written_ix; /* footnotes opened, back-links written */
	bool in_header, need_tbody;
	int cell;                      /* the table cell's column */
	size_t alert;                  /* the next callout */
	const cmark_node **unwrapped;  /* links a book writes without their element */
	size_t nunwrapped;
} renderer;

static bool is_xhtml(const renderer *r)
{
	return r->o->xhtml;
}

/* A line break unless the body is empty or already ends with one. */
static void cr(renderer *r)
{
	if (r->out->len > r->start && r->out->ptr[r->out->len - 1] != '\n')
		wq_buf_putc(r->out, '\n');
}

/* Text: escaped for HTML as cmark-gfm escapes it, or for XML. */
static void text(renderer *r, const char *s, size_t len)
{
	if (is_xhtml(r))
		wq_xml_put_text(r->out, s, len);
	else
		wq_xml_put_html(r->out, s, len);
}

static void texts(renderer *r, const char *s)
{
	if (s)
		text(r, s, strlen(s));
}

/* An attribute's value (the quotes are the caller's). */
static void attr_value(renderer *r, const char *s, size_t len)
{
	if (is_xhtml(r))
		wq_xml_put_attr(r->out, s, len);
	else
		wq_xml_put_html(r->out, s, len);
}

/* A URL as cmark-gfm writes it in href and src: characters outside the
 * safe set percent-encoded; with @p entities, & and ' as HTML entities
 * (the HTML), else as they are (the value a book's rewriter is given). */
static void put_href(wq_buf *out, const char *s, size_t len, bool entities)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.+!*(),%#@?=;:/$~", c)) {
			wq_buf_putc(out, (char)c);
		} else if (c == '&' || c == '\'') {
			if (entities)
				wq_buf_puts(out, c == '&' ? "&amp;" : "&#x27;");
			else
				wq_buf_putc(out, (char)c);
		} else {
			wq_buf_putc(out, '%');
			wq_buf_putc(out, hex[c >> 4]);
			wq_buf_putc(out, hex[c & 15]);
		}
	}
}

/* Writes ` NAME="URL"` for a link or image; false when a book holds no
 * such target (the element is left out, its content kept). */
static bool url_attr(renderer *r, const char *name, const char *url, size_t len)
{
	if (!is_xhtml(r)) {
		wq_buf_putc(r->out, ' ');
		wq_buf_puts(r->out, name);
		wq_buf_puts(r->out, "=\"");
		put_href(r->out, url, len, true);
		wq_buf_putc(r->out, '"');
		return true;
	}
	wq_buf_clear(&r->url);
	put_href(&r->url, url, len, false);
	wq_buf_clear(&r->val);
	if (r->o->url && !r->o->url(r->o->xml_ctx, name, wq_buf_cstr(&r->url), &r->val))
		return false;
	wq_buf_putc(r->out, ' ');
	wq_buf_puts(r->out, name);
	wq_buf_puts(r->out, "=\"");
	if (r->o->url)
		wq_xml_put_attr(r->out, r->val.ptr, r->val.len);
	else
		wq_xml_put_attr(r->out, r->url.ptr, r->url.len);
	wq_buf_putc(r->out, '"');
	return true;
}

/* Writes ` id="ID"`: a book passes it through its rewriter. */
static void id_attr(renderer *r, const char *id, size_t len)
{
	wq_buf_puts(r->out, " id=\"");
	if (is_xhtml(r) && r->o->id) {
		wq_buf_clear(&r->url);
		wq_buf_put(&r->url, id, len);
		wq_buf_clear(&r->val);
		r->o->id(r->o->xml_ctx, wq_buf_cstr(&r->url), &r->val);
		wq_xml_put_attr(r->out, r->val.ptr, r->val.len);
	} else if (is_xhtml(r)) {
		wq_xml_put_attr(r->out, id, len);
	} else {
		wq_buf_put_escaped(r->out, id, len);
	}
	wq_buf_putc(r->out, '"');
}

/* What cmark-gfm writes as data-sourcepos: a heading's id and a block's
 * own direction, found by where the block starts. */
static void pos_attrs(renderer *r, cmark_node *n, bool heading)
{
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	const block_dir *d = dir_at(&r->bp, line, col);

	if (heading) {
		const char *id = id_at(&r->bp, line, col);
		if (id)
			id_attr(r, id, strlen(id));
	}
	if (d)
		wq_buf_puts(r->out, d->dir == WQ_DIR_RTL ? " dir=\"rtl\"" : " dir=\"ltr\"");
}

/* "/>" closes a void element in XHTML, " />" in cmark-gfm's HTML. */
static void end_void(renderer *r)
{
	wq_buf_puts(r->out, is_xhtml(r) ? "/>" : " />");
}

static bool is_own(cmark_node *n)
{
	return cmark_node_get_user_data(n) == &wq_md_own_html;
}

/* HTML this module made, in a book: its tags are XML already (quoted
 * attributes, no void elements); its text is escaped for XML. */
static void own_html_xhtml(renderer *r, const char *s)
{
	while (*s) {
		const char *lt = strchr(s, '<'), *gt;
		size_t k = lt ? (size_t)(lt - s) : strlen(s);
		if (k) {
			wq_buf_clear(&r->val);
			wq_buf_clear(&r->url);
			wq_buf_put(&r->url, s, k);
			wq_md_own_html_text(&r->val, wq_buf_cstr(&r->url));
			wq_xml_put_text(r->out, r->val.ptr, r->val.len);
			s += k;
		}
		if (!*s)
			break;
		gt = strchr(s, '>');
		k = gt ? (size_t)(gt - s) + 1 : strlen(s);
		wq_buf_put(r->out, s, k);
		s += k;
	}
}

/* ------------------------------------------------------------ raw HTML */

/* cmark-gfm's tagfilter: whether raw HTML at @p s starts with a tag
 * GitHub does not let through (it is then written with "&lt;"). */
static bool filtered_tag(const char *s, size_t len)
{
	static const char *const tags[] = { "title",    "textarea", "style",  "xmp",	   "iframe",
					    "noembed",  "noframes", "script", "plaintext", NULL };
	size_t t;

	if (len < 3 || s[0] != '<')
		return false;
	for (t = 0; tags[t]; t++) {
		const char *name = tags[t];
		size_t i = s[1] == '/' ? 2 : 1;
		for (; i < len && *name; i++, name++)
			if ((char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]) != *name)
				break;
		if (*name || i == len)
			continue;
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' ||
		    s[i] == '\v' || s[i] == '>')
			return true;
		if (s[i] == '/' && len >= i + 2 && s[i + 1] == '>')
			return true;
	}
	return false;
}

static void put_filtered(renderer *r, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *lt = memchr(s, '<', (size_t)(end - s));
		if (!lt) {
			wq_buf_put(r->out, s, (size_t)(end - s));
			return;
		}
		wq_buf_put(r->out, s, (size_t)(lt - s));
		wq_buf_puts(r->out, filtered_tag(lt, (size_t)(end - lt)) ? "&lt;" : "<");
		s = lt + 1;
	}
}

/* Raw HTML from the source: kept only when the site allows it, and never
 * in XHTML (a book keeps it through wq_xml_xhtml(), see epub.c). */
static void raw_html(renderer *r, cmark_node *n, bool block)
{
	const char *lit = cmark_node_get_literal(n);

	if (!r->o->unsafe_html || is_xhtml(r)) {
		wq_buf_puts(r->out, "<!-- raw HTML omitted -->");
		if (block)
			wq_buf_putc(r->out, '\n');
		return;
	}
	if (!lit)
		return;
	if (block)
		put_filtered(r, lit, strlen(lit));
	else if (filtered_tag(lit, strlen(lit))) {
		wq_buf_puts(r->out, "&lt;");
		wq_buf_puts(r->out, lit + 1);
	} else {
		wq_buf_puts(r->out, lit);
	}
}

/* ------------------------------------------------------------ footnotes */

static int cmp_ref_pos(const void *a, const void *b)
{
	const note_ref *x = a, *y = b;
	int c = cmp_pos(x->line, x->col, y->line, y->col);
	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_ref_node(const void *a, const void *b)
{
	const note_ref *x = a, *y = b;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* The label of a footnote as written ("[^label]:" just before where the
 * note's content starts), or NULL. */
static const char *note_label(const wq_doc *doc, const size_t *lines, size_t nlines,
			      cmark_node *def, size_t *len)
{
	int line = cmark_node_get_start_line(def), col = cmark_node_get_start_column(def);
	const char *t;
	size_t at, close;

	if (!doc->text || line < 1 || (size_t)line > nlines || col < 1 ||
	    (size_t)(col - 1) > doc->text_len - lines[line - 1])
		return NULL;
	t = doc->text + lines[line - 1];
	at = (size_t)(col - 1);
	while (at > 0 && (t[at - 1] == ' ' || t[at - 1] == '\t'))
		at--;
	if (at < 4 || t[at - 1] != ':' || t[at - 2] != ']')
		return NULL;
	close = at - 2;
	for (at = close; at > 0 && t[at - 1] != '^'; at--)
		if (t[at - 1] == ']' || t[at - 1] == ' ' || t[at - 1] == '\t')
			return NULL;
	if (at < 2 || t[at - 2] != '[' || at == close)
		return NULL;
	*len = close - at;
	return t + at;
}

/* A reference's number, as cmark-gfm writes it in its literal ("1"...). */
static int note_number(const char *lit)
{
	long k = lit ? strtol(lit, NULL, 10) : 0;

	return k > 0 && k < INT_MAX ? (int)k : 0;
}

/* The footnotes of the document, found on the first reference. */
static void find_notes(renderer *r)
{
	notes *fn = &r->fn;
	cmark_iter *it = cmark_iter_new(r->md->root);
	cmark_event_type ev;
	size_t *lines = NULL, nlines = 0, i;
	int *seen;

	fn->found = true;
	{
		const char *p = r->doc->text, *end = p + r->doc->text_len, *nl;
		WQ_APPEND(lines, nlines, 0);
		while (p && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			p = nl + 1;
			WQ_APPEND(lines, nlines, (size_t)(p - r->doc->text));
		}
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) {
			note nt = { NULL, 0, 0 };
			nt.label = note_label(r->doc, lines, nlines, n, &nt.len);
			WQ_APPEND(fn->notes, fn->nnotes, nt);
		} else if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE) {
			note_ref ref;
			const char *lit = cmark_node_get_literal(n);
			ref.node = n;
			ref.line = cmark_node_get_start_line(n);
			ref.col = cmark_node_get_start_column(n);
			ref.order = fn->nrefs;
			ref.number = note_number(lit);
			ref.rank = 1;
			WQ_APPEND(fn->refs, fn->nrefs, ref);
		}
	}
	cmark_iter_free(it);
	free(lines);
	/* cmark-gfm ranks the references in the order of the source, notes
	 * still in place: a reference inside a note counts where it is written. */
	if (fn->nrefs > 1)
		qsort(fn->refs, fn->nrefs, sizeof(*fn->refs), cmp_ref_pos);
	seen = wq_xcalloc(fn->nnotes + 1, sizeof(*seen));
	for (i = 0; i < fn->nrefs; i++) {
		int k = fn->refs[i].number;
		if (k >= 1 && (size_t)k <= fn->nnotes) {
			fn->refs[i].rank = ++seen[k];
			fn->notes[k - 1].refs = seen[k];
		}
	}
	free(seen);
	if (fn->nrefs > 1)
		qsort(fn->refs, fn->nrefs, sizeof(*fn->refs), cmp_ref_node);
}

/* "fn-LABEL" or "fnref-LABEL[-K]": an id or, after '#', a fragment. */
static void note_name(renderer *r, wq_buf *out, const char *prefix, int number, int rank,
		      bool entities)
{
	const note *nt = number >= 1 && (size_t)number <= r->fn.nnotes ? &r->fn.notes[number - 1] :
									  NULL;

	wq_buf_puts(out, prefix);
	if (nt && nt->label)
		put_href(out, nt->label, nt->len, entities);
	else
		wq_buf_printf(out, "%d", number);
	if (rank > 1)
		wq_buf_printf(out, "-%d", rank);
}

/* A link made of a note name: ` href="#NAME"` (false: the book left it out). */
static bool note_href(renderer *r, const char *prefix, int number, int rank)
{
	wq_buf name = WQ_BUF_INIT;
	bool ok;

	wq_buf_putc(&name, '#');
	note_name(r, &name, prefix, number, rank, false);
	if (is_xhtml(r)) {
		ok = url_attr(r, "href", name.ptr, name.len);
	} else {
		wq_buf_clear(&name);
		wq_buf_putc(&name, '#');
		note_name(r, &name, prefix, number, rank, true);
		wq_buf_puts(r->out, " href=\"");
		wq_buf_put(r->out, name.ptr, name.len);
		wq_buf_putc(r->out, '"');
		ok = true;
	}
	wq_buf_dispose(&name);
	return ok;
}

static void note_id(renderer *r, const char *prefix, int number, int rank)
{
	wq_buf name = WQ_BUF_INIT;

	note_name(r, &name, prefix, number, rank, !is_xhtml(r));
	if (is_xhtml(r)) {
		id_attr(r, name.ptr, name.len);
	} else {
		wq_buf_puts(r->out, " id=\"");
		wq_buf_put(r->out, name.ptr, name.len);
		wq_buf_putc(r->out, '"');
	}
	wq_buf_dispose(&name);
}

/* One back-link to the K-th reference to the note NUMBER: "↩", then K
 * from the second on.  A book's rewriter may refuse it: the arrow alone. */
static void put_backref(renderer *r, int number, int k)
{
	const char *label = r->o->backref_label ? r->o->backref_label : "Back to content";
	size_t mark = r->out->len;
	bool ok;

	wq_buf_puts(r->out, "<a");
	ok = note_href(r, "fnref-", number, k);
	if (ok) {
		wq_buf_puts(r->out, " class=\"footnote-backref\"");
		wq_buf_puts(r->out, r->o->self_contained ? " role=\"doc-backlink\"" :
							   " data-footnote-backref");
		wq_buf_puts(r->out, " aria-label=\"");
		attr_value(r, label, strlen(label));
		wq_buf_puts(r->out, "\">");
	} else {
		wq_buf_truncate(r->out, mark);
	}
	wq_buf_puts(r->out, "↩");
	if (k > 1)
		wq_buf_printf(r->out, "<sup class=\"footnote-ref\">%d</sup>", k);
	if (ok)
		wq_buf_puts(r->out, "</a>");
}

/* The back-links of the note being closed, once. */
static bool put_backrefs(renderer *r)
{
	int number = r->footnote_ix, k, refs;

	if (r->written_ix >= r->footnote_ix)
		return false;
	r->written_ix = r->footnote_ix;
	refs = number >= 1 && (size_t)number <= r->fn.nnotes ? r->fn.notes[number - 1].refs : 0;
	for (k = 1; k <= (refs > 1 ? refs : 1); k++) {
		if (k > 1)
			wq_buf_putc(r->out, ' ');
		put_backref(r, number, k);
	}
	return true;
}

static void footnote_ref(renderer *r, cmark_node *n)
{
	note_ref key = { NULL, 0, 0, 0, 0, 0 }, *ref;
	const char *lit = cmark_node_get_literal(n);
	int number = note_number(lit), rank = 1;
	size_t mark;

	if (!r->fn.found)
		find_notes(r);
	key.node = n;
	ref = r->fn.nrefs ? bsearch(&key, r->fn.refs, r->fn.nrefs, sizeof(*r->fn.refs), cmp_ref_node) :
			    NULL;
	if (ref)
		rank = ref->rank;
	wq_buf_puts(r->out, "<sup class=\"footnote-ref\"><a");
	mark = r->out->len;
	if (!note_href(r, "fn-", number, 1)) {
		wq_buf_truncate(r->out, mark - 2);
		texts(r, lit);
		wq_buf_puts(r->out, "</sup>");
		return;
	}
	note_id(r, "fnref-", number, rank);
	wq_buf_puts(r->out, r->o->self_contained ? " epub:type=\"noteref\" role=\"doc-noteref\">" :
						   " data-footnote-ref>");
	texts(r, lit);
	wq_buf_puts(r->out, "</a></sup>");
}

static void footnote_def(renderer *r, bool entering)
{
	if (entering) {
		if (r->footnote_ix == 0)
			wq_buf_puts(r->out, r->o->self_contained ?
						    "<section class=\"footnotes\" epub:type=\"endnotes\" "
						    "role=\"doc-endnotes\">\n<ol>\n" :
						    "<section class=\"footnotes\" data-footnotes>\n<ol>\n");
		if (!r->fn.found)
			find_notes(r);
		r->footnote_ix++;
		wq_buf_puts(r->out, "<li");
		note_id(r, "fn-", r->footnote_ix, 1);
		wq_buf_puts(r->out, ">\n");
	} else {
		if (put_backrefs(r))
			wq_buf_putc(r->out, '\n');
		wq_buf_puts(r->out, "</li>\n");
	}
}

/* ------------------------------------------------------------- links */

static const link_target *target(cmark_node *n)
{
	return cmark_node_get_user_data(n);
}

/* A link's or image's address for this writer: the writer's for targets
 * inside the site, else the address as written. */
static void address(renderer *r, cmark_node *n, wq_buf *out)
{
	const link_target *t = target(n);

	wq_buf_clear(out);
	if (t && r->o->link)
		r->o->link(r->o->link_ctx, out, t->kind, t->doc, t->file,
			   r->o->self_contained && t->fragment_missing ? "" : t->fragment);
	else
		wq_buf_puts(out, cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
}

static void unwrap_push(renderer *r, const cmark_node *n)
{
	WQ_APPEND(r->unwrapped, r->nunwrapped, n);
}

static bool unwrap_pop(renderer *r, const cmark_node *n)
{
	if (r->nunwrapped && r->unwrapped[r->nunwrapped - 1] == n) {
		r->nunwrapped--;
		return true;
	}
	return false;
}

static void title_attr(renderer *r, cmark_node *n)
{
	const char *title = cmark_node_get_title(n);

	if (title && *title) {
		wq_buf_puts(r->out, " title=\"");
		attr_value(r, title, strlen(title));
		wq_buf_putc(r->out, '"');
	}
}

static void link(renderer *r, cmark_node *n, bool entering)
{
	wq_buf href = WQ_BUF_INIT;

	if (!entering) {
		if (!unwrap_pop(r, n))
			wq_buf_puts(r->out, "</a>");
		return;
	}
	address(r, n, &href);
	wq_buf_puts(r->out, "<a");
	if (!url_attr(r, "href", href.ptr, href.len)) {
		wq_buf_truncate(r->out, r->out->len - 2);
		unwrap_push(r, n);
	} else {
		title_attr(r, n);
		wq_buf_putc(r->out, '>');
	}
	wq_buf_dispose(&href);
}

/* An image a book does not hold: a remote image becomes a link to it,
 * labelled with its text alternative (else its address); any other, its
 * text alternative. */
static void image_as_text(renderer *r, cmark_node *img, const char *alt)
{
	const char *url = cmark_node_get_url(img);
	bool remote = url && (wq_url_scheme_len(url) || (url[0] == '/' && url[1] == '/')) &&
		      strncasecmp(url, "data:", 5) != 0;
	size_t mark = r->out->len;

	if (!remote) {
		texts(r, alt);
		return;
	}
	wq_buf_puts(r->out, "<a");
	if (!url_attr(r, "href", url, strlen(url))) {
		wq_buf_truncate(r->out, mark);
		texts(r, *alt ? alt : url);
		return;
	}
	title_attr(r, img);
	wq_buf_putc(r->out, '>');
	texts(r, *alt ? alt : url);
	wq_buf_puts(r->out, "</a>");
}

static void image(renderer *r, cmark_node *n)
{
	const link_target *t = target(n);
	wq_buf href = WQ_BUF_INIT;
	size_t mark = r->out->len;

	wq_buf_clear(&r->alt);
	/* cmark-gfm's alt, with the text of the spans and code the
	 * direction pass put in it. */
	wq_md_inline_text(&r->alt, n, true);
	address(r, n, &href);
	if (r->o->self_contained && r->o->link && (!t || !href.len)) {
		image_as_text(r, n, wq_buf_cstr(&r->alt));
	} else {
		wq_buf_puts(r->out, "<img");
		if (!url_attr(r, "src", href.ptr, href.len)) {
			wq_buf_truncate(r->out, mark);
		} else {
			wq_buf_puts(r->out, " alt=\"");
			attr_value(r, r->alt.ptr, r->alt.len);
			wq_buf_putc(r->out, '"');
			title_attr(r, n);
			end_void(r);
		}
	}
	wq_buf_dispose(&href);
}

/* ------------------------------------------------------------- blocks */

static void callout_open(renderer *r, const cmark_node *n)
{
	const char *kind = wq_md_alert_kind(r->md, n, &r->alert), *label;

	if (!kind)
		return;
	label = wq_md_alert_label(kind, r->o->strings);
	wq_buf_printf(r->out, "<div class=\"callout callout-%s\" role=\"note\">\n"
			      "<p class=\"callout-title\">", kind);
	if (is_xhtml(r))
		wq_xml_put_text(r->out, label, strlen(label));
	else
		wq_buf_put_escaped(r->out, label, strlen(label));
	wq_buf_puts(r->out, "</p>\n");
}

static void html_block(renderer *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	cr(r);
	if (!is_own(n))
		raw_html(r, n, true);
	else if (!lit || !*lit)
		callout_open(r, n);
	else if (is_xhtml(r))
		own_html_xhtml(r, lit);
	else
		put_filtered(r, lit, strlen(lit));
	cr(r);
}

static void html_inline(renderer *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	if (!is_own(n))
		raw_html(r, n, false);
	else if (is_xhtml(r))
		own_html_xhtml(r, lit ? lit : "");
	else
		wq_buf_puts(r->out, lit ? lit : "");
}

static bool tight_paragraph(cmark_node *n)
{
	cmark_node *parent = cmark_node_parent(n), *grand = parent ? cmark_node_parent(parent) : NULL;

	return grand && cmark_node_get_type(grand) == CMARK_NODE_LIST &&
	       cmark_node_get_list_tight(grand);
}

static void paragraph(renderer *r, cmark_node *n, bool entering)
{
	cmark_node *parent = cmark_node_parent(n);

	if (tight_paragraph(n))
		return;
	if (entering) {
		cr(r);
		wq_buf_puts(r->out, "<p");
		pos_attrs(r, n, false);
		wq_buf_putc(r->out, '>');
		return;
	}
	if (parent && cmark_node_get_type(parent) == CMARK_NODE_FOOTNOTE_DEFINITION &&
	    !cmark_node_next(n)) {
		wq_buf_putc(r->out, ' ');
		put_backrefs(r);
	}
	wq_buf_puts(r->out, "</p>\n");
}

static void code_block(renderer *r, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n), *lit = cmark_node_get_literal(n);
	size_t k = 0;

	cr(r);
	wq_buf_puts(r->out, "<pre");
	pos_attrs(r, n, false);
	if (!info || !*info) {
		wq_buf_puts(r->out, "><code>");
	} else {
		while (info[k] && !strchr(" \t\n\v\f\r", info[k]))
			k++;
		wq_buf_puts(r->out, "><code class=\"language-");
		attr_value(r, info, k);
		wq_buf_puts(r->out, "\">");
	}
	texts(r, lit);
	wq_buf_puts(r->out, "</code></pre>\n");
}

static void list(renderer *r, cmark_node *n, bool entering)
{
	bool bullet = cmark_node_get_list_type(n) == CMARK_BULLET_LIST;
	int start = cmark_node_get_list_start(n);

	if (!entering) {
		wq_buf_puts(r->out, bullet ? "</ul>\n" : "</ol>\n");
		return;
	}
	cr(r);
	if (bullet)
		wq_buf_puts(r->out, "<ul");
	else if (start == 1)
		wq_buf_puts(r->out, "<ol");
	else
		wq_buf_printf(r->out, "<ol start=\"%d\"", start);
	pos_attrs(r, n, false);
	wq_buf_puts(r->out, ">\n");
}

static void item(renderer *r, cmark_node *n, bool entering, bool task)
{
	if (!entering) {
		wq_buf_puts(r->out, "</li>\n");
		return;
	}
	cr(r);
	wq_buf_puts(r->out, "<li");
	pos_attrs(r, n, false);
	wq_buf_putc(r->out, '>');
	if (task) {
		bool done = cmark_gfm_extensions_get_tasklist_item_checked(n);
		const char *name = wq_val_get_str(
			wq_val_get(r->o->strings, done ? "task_done" : "task_open"), NULL);
		if (!name)
			name = done ? "Done" : "Not done";
		wq_buf_puts(r->out, done ? "<input type=\"checkbox\" checked=\"\" disabled=\"\"" :
					   "<input type=\"checkbox\" disabled=\"\"");
		wq_buf_puts(r->out, " aria-label=\"");
		if (is_xhtml(r))
			wq_xml_put_attr(r->out, name, strlen(name));
		else
			wq_buf_put_escaped(r->out, name, strlen(name));
		wq_buf_putc(r->out, '"');
		end_void(r);
		wq_buf_putc(r->out, ' ');
	}
}

static void table_part(renderer *r, cmark_node *n, const char *kind, bool entering)
{
	if (!strcmp(kind, "table")) {
		if (entering) {
			cr(r);
			wq_buf_puts(r->out, "<table");
			pos_attrs(r, n, false);
			wq_buf_putc(r->out, '>');
			r->need_tbody = false;
		} else {
			if (r->need_tbody) {
				cr(r);
				wq_buf_puts(r->out, "</tbody>");
				cr(r);
			}
			r->need_tbody = false;
			cr(r);
			wq_buf_puts(r->out, "</table>");
			cr(r);
		}
	} else if (!strcmp(kind, "table_row") || !strcmp(kind, "table_header")) {
		bool header = cmark_gfm_extensions_get_table_row_is_header(n);
		if (entering) {
			cr(r);
			if (header) {
				r->in_header = true;
				wq_buf_puts(r->out, "<thead>");
				cr(r);
			} else if (!r->need_tbody) {
				wq_buf_puts(r->out, "<tbody>");
				cr(r);
				r->need_tbody = true;
			}
			wq_buf_puts(r->out, "<tr");
			pos_attrs(r, n, false);
			wq_buf_putc(r->out, '>');
			r->cell = 0;
		} else {
			cr(r);
			wq_buf_puts(r->out, "</tr>");
			if (header) {
				cr(r);
				wq_buf_puts(r->out, "</thead>");
				r->in_header = false;
			}
		}
	} else if (!strcmp(kind, "table_cell")) {
		if (entering) {
			cmark_node *table = cmark_node_parent(cmark_node_parent(n));
			uint16_t cols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
			uint8_t *align = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
			int a = align && r->cell < cols ? align[r->cell] : 0;
			cr(r);
			wq_buf_puts(r->out, r->in_header ? "<th" : "<td");
			if (a == 'l' || a == 'c' || a == 'r')
				wq_buf_puts(r->out, a == 'l' ? " class=\"align-start\"" :
						    a == 'r' ? " class=\"align-end\"" :
							       " class=\"align-center\"");
			pos_attrs(r, n, false);
			wq_buf_putc(r->out, '>');
			r->cell++;
		} else {
			wq_buf_puts(r->out, r->in_header ? "</th>" : "</td>");
		}
	} else if (!strcmp(kind, "strikethrough")) {
		wq_buf_puts(r->out, entering ? "<del>" : "</del>");
	}
}

/* ------------------------------------------------------------- the walk */

static void node(renderer *r, cmark_iter *it, cmark_node *n, cmark_event_type ev)
{
	bool entering = ev == CMARK_EVENT_ENTER;
	cmark_node_type type = cmark_node_get_type(n);

	switch (type) {
	case CMARK_NODE_DOCUMENT:
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		cr(r);
		if (entering) {
			wq_buf_puts(r->out, "<blockquote");
			pos_attrs(r, n, false);
			wq_buf_puts(r->out, ">\n");
		} else {
			wq_buf_puts(r->out, "</blockquote>\n");
		}
		break;
	case CMARK_NODE_LIST:
		list(r, n, entering);
		break;
	case CMARK_NODE_ITEM: {
		const char *kind = cmark_node_get_type_string(n);
		item(r, n, entering, kind && !strcmp(kind, "tasklist"));
		break;
	}
	case CMARK_NODE_HEADING:
		if (entering) {
			cr(r);
			wq_buf_printf(r->out, "<h%d", cmark_node_get_heading_level(n));
			pos_attrs(r, n, true);
			wq_buf_putc(r->out, '>');
		} else {
			wq_buf_printf(r->out, "</h%d>\n", cmark_node_get_heading_level(n));
		}
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(r, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(r, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		cr(r);
		wq_buf_puts(r->out, "<hr");
		pos_attrs(r, n, false);
		end_void(r);
		wq_buf_putc(r->out, '\n');
		break;
	case CMARK_NODE_PARAGRAPH:
		paragraph(r, n, entering);
		break;
	case CMARK_NODE_TEXT:
		texts(r, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_LINEBREAK:
		wq_buf_puts(r->out, "<br");
		end_void(r);
		wq_buf_putc(r->out, '\n');
		break;
	case CMARK_NODE_SOFTBREAK:
		wq_buf_putc(r->out, '\n');
		break;
	case CMARK_NODE_CODE:
		wq_buf_puts(r->out, "<code>");
		texts(r, cmark_node_get_literal(n));
		wq_buf_puts(r->out, "</code>");
		break;
	case CMARK_NODE_HTML_INLINE:
		html_inline(r, n);
		break;
	case CMARK_NODE_STRONG:
		wq_buf_puts(r->out, entering ? "<strong>" : "</strong>");
		break;
	case CMARK_NODE_EMPH:
		wq_buf_puts(r->out, entering ? "<em>" : "</em>");
		break;
	case CMARK_NODE_LINK:
		link(r, n, entering);
		break;
	case CMARK_NODE_IMAGE:
		/* Its text is its alt: the walk goes on after it. */
		image(r, n);
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		footnote_def(r, entering);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		if (entering)
			footnote_ref(r, n);
		break;
	default: {
		const char *kind = cmark_node_get_type_string(n);
		if (kind)
			table_part(r, n, kind, entering);
		break;
	}
	}
}

void wq_md_render(wq_buf *out, const wq_doc *doc, const wq_md_render_opts *opts)
{
	renderer r;
	cmark_iter *it;
	cmark_event_type ev;

	if (!doc->md)
		return;
	memset(&r, 0, sizeof(r));
	r.out = out;
	r.start = out->len;
	r.doc = doc;
	r.md = doc->md;
	r.o = opts;
	by_pos_init(&r.bp, r.md);
	it = cmark_iter_new(r.md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		node(&r, it, cmark_iter_get_node(it), ev);
	cmark_iter_free(it);
	if (r.footnote_ix)
		wq_buf_puts(out, "</ol>\n</section>\n");
	by_pos_dispose(&r.bp);
	wq_buf_dispose(&r.url);
	wq_buf_dispose(&r.val);
	wq_buf_dispose(&r.alt);
	free(r.fn.notes);
	free(r.fn.refs);
	free(r.unwrapped);
}

bool wq_md_has_raw_html(const wq_doc *doc)
{
	cmark_iter *it;
	bool found = false;

	if (!doc->md)
		return false;
	it = cmark_iter_new(doc->md->root);
	while (!found && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		found = (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) && !is_own(n);
	}
	cmark_iter_free(it);
	return found;
}
