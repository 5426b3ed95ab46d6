#define _POSIX_C_SOURCE 200809L
#include "markdown.h"
#include "markdown_int.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/syntax_extension.h> /* the extensions' special characters */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsutil.h"
#include "include.h"
#include "mem.h"
#include "text.h"
#include "url.h"

static const char *const extensions[] = { "table", "strikethrough", "autolink", "tagfilter",
					  "tasklist", NULL };

static pthread_once_t register_once = PTHREAD_ONCE_INIT;

/* cmark-gfm marks the extensions' inline characters (`|` of tables, `:`
 * and `w` of autolinks, `~` of strikethrough) as special in one table
 * shared by every parser, at the start of each parser's inline pass, and
 * unmarks them at its end: on several threads one parser's end unmarked
 * them in the middle of another's pass (its `~~text~~` stayed text).
 * Those of tables and autolinks are marked once here, for good, and the
 * extensions left with none to mark and unmark (every parser attaches the
 * same extensions).  Strikethrough's `~` cannot stay marked (cmark-gfm's
 * delimiter pass then never ends): a text holding `~` runs its inline
 * pass alone, the others together (inline_pass). */
static const char *const marked_for_good[] = { "table", "autolink", NULL };
static pthread_rwlock_t inline_lock = PTHREAD_RWLOCK_INITIALIZER;

static void register_extensions(void)
{
	cmark_parser *p;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (i = 0; marked_for_good[i]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(marked_for_good[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(p, ext);
	}
	cmark_manage_extensions_special_characters(p, 1);
	for (i = 0; marked_for_good[i]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(marked_for_good[i]);
		if (ext && ext->special_inline_chars) {
			cmark_llist_free(cmark_get_default_mem_allocator(), ext->special_inline_chars);
			cmark_syntax_extension_set_special_inline_chars(ext, NULL);
		}
	}
	cmark_parser_free(p);
}

/* The parser's last step, its inline pass: alone when the text holds `~`
 * (see register_extensions()). */
static cmark_node *inline_pass(cmark_parser *parser, const char *text, size_t len)
{
	bool alone = memchr(text, '~', len) != NULL;
	cmark_node *root;

	if (alone)
		pthread_rwlock_wrlock(&inline_lock);
	else
		pthread_rwlock_rdlock(&inline_lock);
	root = cmark_parser_finish(parser);
	pthread_rwlock_unlock(&inline_lock);
	return root;
}

void wq_md_free(struct wq_md *md)
{
	link_target *l, *next;
	size_t i;

	if (!md)
		return;
	for (l = md->links; l; l = next) {
		next = l->next;
		free(l->file);
		free(l->fragment);
		free(l);
	}
	for (i = 0; i < md->nids; i++)
		free(md->ids[i].id);
	free(md->ids);
	free(md->dirs);
	free(md->alerts);
	if (md->root)
		cmark_node_free(md->root);
	if (md->parser)
		cmark_parser_free(md->parser);
	free(md);
}

/* ------------------------------------------------------------ helpers */

/* Where each line of a document starts, found once for all its messages
 * (counting from line 1 for each message made a page with 40,000 links
 * quadratic). */
typedef struct line_index {
	size_t *start; /* byte offset of line 1, 2, ... */
	size_t n;
} line_index;

static void line_index_dispose(line_index *li)
{
	free(li->start);
	li->start = NULL;
	li->n = 0;
}

/* The column in characters, for messages: cmark counts bytes. */
static unsigned char_col(line_index *li, const wq_doc *doc, int line, int byte_col)
{
	const char *t, *end = doc->text + doc->text_len;

	if (!li->start) {
		const char *p = doc->text, *nl;
		WQ_APPEND(li->start, li->n, 0);
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			p = nl + 1;
			WQ_APPEND(li->start, li->n, (size_t)(p - doc->text));
		}
	}
	t = doc->text + li->start[line < 1 ? 0 : (size_t)line > li->n ? li->n - 1 : (size_t)line - 1];
	if (byte_col < 1 || (size_t)(byte_col - 1) > (size_t)(end - t))
		return (unsigned)byte_col;
	return (unsigned)wq_text_chars(t, (size_t)byte_col - 1) + 1;
}

void wq_md_own_html_text(wq_buf *out, const char *html)
{
	const char *s = html;

	while (*s) {
		if (*s == '<') {
			const char *gt = strchr(s, '>');
			if (!gt)
				break;
			s = gt + 1;
		} else if (*s == '&') {
			static const struct {
				const char *ent, *ch;
			} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
				     { "&quot;", "\"" }, { "&#39;", "'" } };
			size_t i;
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (!strncmp(s, ents[i].ent, strlen(ents[i].ent)))
					break;
			if (i < sizeof(ents) / sizeof(ents[0])) {
				wq_buf_puts(out, ents[i].ch);
				s += strlen(ents[i].ent);
			} else {
				wq_buf_putc(out, *s++);
			}
		} else {
			wq_buf_putc(out, *s++);
		}
	}
}

void wq_md_inline_text(wq_buf *out, cmark_node *node, bool html)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_INLINE:
			if (!html)
				break;
			if (cmark_node_get_user_data(n) == &wq_md_own_html)
				wq_md_own_html_text(out, cmark_node_get_literal(n));
			else
				wq_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			wq_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			wq_buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static int is_block_break(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM ||
	       t == CMARK_NODE_BLOCK_QUOTE;
}

/* Plain text of the body, without code blocks: for words and language. */
static void plain_text(wq_buf *out, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (is_block_break(t) && out->len && out->ptr[out->len - 1] != '\n')
				wq_buf_puts(out, "\n\n");
			continue;
		}
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			wq_buf_puts(out, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
			 (cmark_node_get_type_string(n) &&
			  !strcmp(cmark_node_get_type_string(n), "table_cell")))
			wq_buf_putc(out, ' ');
	}
	cmark_iter_free(it);
}

/* ------------------------------------------------------------ headings */

static wq_val *toc_entry(const char *id, const char *text, int level)
{
	wq_val *e = wq_val_map();

	wq_val_set_str(e, "id", id);
	wq_val_set_str(e, "text", text);
	wq_val_set_num(e, "level", level);
	wq_val_set(e, "children", wq_val_list());
	wq_val_set_bool(e, "has_children", false);
	return e;
}

static int id_taken(const struct wq_md *md, const char *id)
{
	size_t i;

	for (i = 0; i < md->nids; i++)
		if (!strcmp(md->ids[i].id, id))
			return 1;
	return 0;
}

/* The id for a heading: its text made an id, kept clear of the footnotes'
 * ids ("fn-1", "fnref-1") and numbered when the same text came before.  The
 * number starts at how often the text came before, so n equal headings cost
 * O(n^2) comparisons, not O(n^3). */
static void unique_id(wq_buf *id, const struct wq_md *md, const char *text, size_t len)
{
	size_t i, same = 0, base;
	wq_buf plain = WQ_BUF_INIT;

	wq_text_make_id(&plain, text, len);
	wq_buf_clear(id);
	if (!strncmp(plain.ptr, "fn-", 3) || !strncmp(plain.ptr, "fnref-", 6))
		wq_buf_puts(id, "h-");
	wq_buf_puts(id, plain.ptr);
	wq_buf_dispose(&plain);
	base = id->len;
	for (i = 0; i < md->nids; i++)
		if (!strncmp(md->ids[i].id, id->ptr, base) &&
		    (md->ids[i].id[base] == '\0' || md->ids[i].id[base] == '-'))
			same++;
	for (i = same; id_taken(md, id->ptr); i++) {
		wq_buf_truncate(id, base);
		wq_buf_printf(id, "-%zu", i);
	}
}

static void collect_headings(wq_val *toc, struct wq_md *md)
{
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	wq_buf text = WQ_BUF_INIT, id = WQ_BUF_INIT;
	int top = 7;
	wq_val *last_top = NULL;

	/* The shallowest level present gets the top of the table of contents. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) < top)
			top = cmark_node_get_heading_level(n);
	}
	cmark_iter_reset(it, md->root, CMARK_EVENT_ENTER);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int level;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(n);
		wq_buf_clear(&text);
		wq_md_inline_text(&text, n, false);
		unique_id(&id, md, wq_buf_cstr(&text), text.len);
		md->ids = wq_xgrow(md->ids, md->nids, sizeof(*md->ids));
		md->ids[md->nids].line = cmark_node_get_start_line(n);
		md->ids[md->nids].col = cmark_node_get_start_column(n);
		md->ids[md->nids].id = wq_xstrdup(id.ptr);
		md->nids++;
		if (level == top || !last_top)
			last_top = wq_val_push(toc, toc_entry(id.ptr, wq_buf_cstr(&text), level));
		else {
			wq_val_push(wq_val_get(last_top, "children"),
				    toc_entry(id.ptr, wq_buf_cstr(&text), level));
			wq_val_set_bool(last_top, "has_children", true);
		}
	}
	cmark_iter_free(it);
	wq_buf_dispose(&text);
	wq_buf_dispose(&id);
}

/* --------------------------------------------------------------- links */

static char *percent_decode(const char *s, size_t len)
{
	wq_buf out = WQ_BUF_INIT;

	wq_url_put_decoded(&out, s, len);
	return wq_buf_detach(&out);
}

typedef struct parse_ctx {
	wq_doc *doc;
	const wq_md_links *links;
	struct wq_md *md;
	line_index lines;
	bool again;     /* parsed before: its warnings were given then */
	wq_diag *diag;  /* where this parse's warnings go (NULL when again) */
} parse_ctx;

/* Where a node is, for messages: the file its line came from (an included
 * file, see include.h, or the document), that file's line and the column
 * in characters. */
static void node_place(parse_ctx *c, cmark_node *n, const char **file, unsigned *line,
		       unsigned *col, const char **rel)
{
	int l = cmark_node_get_start_line(n);
	const char *f = wq_srcmap_locate(c->doc->srcmap, (unsigned)(l < 1 ? 1 : l), line, rel);

	*file = f ? f : c->doc->path;
	*col = char_col(&c->lines, c->doc, l, cmark_node_get_start_column(n));
}

/* The folder a relative link of @p origin (a file relative to the source
 * folder, NULL: the document) is relative to. */
static char *folder_of(const wq_doc *doc, const char *origin)
{
	const char *slash;

	if (!origin)
		return wq_xstrdup(doc->section);
	slash = strrchr(origin, '/');
	return wq_xstrndup(origin, slash ? (size_t)(slash - origin) : 0);
}

/* Footnotes' ids (cmark's fn-…, fnref-…): not headings, always there. */
static bool is_fragment_of_note(const char *id)
{
	return !strncmp(id, "fn", 2);
}

/* Whether @p id (percent-encoded, as in a link) is a heading id of the
 * tree being parsed. */
static bool has_id(const struct wq_md *md, const char *id)
{
	char *want = percent_decode(id, strlen(id));
	size_t i;
	bool found = false;

	for (i = 0; i < md->nids && !found; i++)
		found = !strcmp(md->ids[i].id, want);
	free(want);
	return found;
}

/* Whether @p id (percent-encoded, as in a link) is one of @p doc's heading ids. */
static bool has_heading(const wq_doc *doc, const char *id)
{
	char *want = percent_decode(id, strlen(id));
	size_t i;
	bool found = false;

	for (i = 0; i < doc->nheadings && !found; i++)
		found = !strcmp(doc->heading_ids[i], want);
	free(want);
	return found;
}

static const wq_doc *doc_by_url(const wq_md_links *site, const char *path)
{
	size_t n = strlen(path);
	const wq_doc *d;
	char *slashed;

	/* "section/slug/", "section/slug" and "section/slug/index.html" all match. */
	if (n > 10 && !strcmp(path + n - 10, "index.html") && path[n - 11] == '/')
		return site->doc_at_url(site->ctx, path, n - 10);
	if ((d = site->doc_at_url(site->ctx, path, n)) != NULL || (n && path[n - 1] == '/'))
		return d;
	slashed = wq_xstrndup(path, n + 1);
	slashed[n] = '/';
	d = site->doc_at_url(site->ctx, slashed, n + 1);
	free(slashed);
	return d;
}

/* The section @p path (normalised: "reports", "reports/index.html" or
 * "reports/_index.md") names, as a new string; NULL when it names none. */
static char *section_of(const wq_md_links *site, const char *path)
{
	size_t len = strlen(path);
	char *sec;

	if (len > 11 && !strcmp(path + len - 11, "/index.html"))
		len -= 11;
	else if (len > 10 && !strcmp(path + len - 10, "/_index.md"))
		len -= 10;
	sec = wq_xstrndup(path, len);
	if (!site->is_section(site->ctx, sec)) {
		free(sec);
		return NULL;
	}
	return sec;
}

/* A site-absolute link (`/a/b`) that matched nothing: kept on the document,
 * reported once per first path segment for the whole site. */
static void note_unmatched(parse_ctx *c, const char *file, unsigned line, unsigned col,
			   const char *url)
{
	wq_unmatched_link u;

	u.file = wq_xstrdup(file);
	u.line = line;
	u.col = col;
	u.url = wq_xstrdup(url);
	WQ_APPEND(c->doc->unmatched, c->doc->nunmatched, u);
}

/* What a relative path names: a document, a file, a section; NULL when
 * nothing.  @p norm is normalised and safe. */
static link_target *resolve(parse_ctx *c, const char *norm, int is_image)
{
	const wq_doc *target;
	link_target *t = NULL;
	char *section;

	if (!is_image && ((target = c->links->doc_at_path(c->links->ctx, norm)) != NULL ||
			  (target = doc_by_url(c->links, norm)) != NULL)) {
		t = wq_xcalloc(1, sizeof(*t));
		t->kind = WQ_LINK_DOC;
		t->doc = target;
	} else if (c->links->is_file(c->links->ctx, norm)) {
		t = wq_xcalloc(1, sizeof(*t));
		t->kind = is_image ? WQ_LINK_IMAGE : WQ_LINK_FILE;
		t->file = wq_xstrdup(norm);
	} else if (!is_image && (section = section_of(c->links, norm)) != NULL) {
		t = wq_xcalloc(1, sizeof(*t));
		t->kind = WQ_LINK_SECTION;
		t->file = section;
	}
	return t;
}

/* Resolve one link or image.  Problems are warnings: the site keeps what
 * was written, the book shows the text (wq_md_render_opts::self_contained). */
static int check_link(parse_ctx *c, cmark_node *n, int is_image)
{
	const char *url = cmark_node_get_url(n);
	const char *file, *origin;
	unsigned line, col;
	const char *what = is_image ? "image" : "link";
	size_t slen, plen;
	const char *hash, *query;
	char *path = NULL, *norm = NULL, *folder = NULL;
	link_target *t = NULL;
	wq_diag *diag = c->diag;

	node_place(c, n, &file, &line, &col, &origin);
	if (!url || !*url || !strcmp(url, "#")) {
		if (is_image)
			wq_diag_warn(diag, file, line, col, "image has no source");
		else
			wq_diag_warn(diag, file, line, col, "link to '#' (a placeholder)");
		return 0;
	}
	if ((slen = wq_url_scheme_len(url)) != 0) {
		if (!wq_url_is_safe(url, is_image)) {
			wq_diag_warn(diag, file, line, col, "unsafe %s target '%.*s:' removed", what,
				     (int)slen, url);
			cmark_node_set_url(n, "");
		}
		return 0;
	}
	if (url[0] == '/' && url[1] == '/')
		return 0; /* protocol-relative: external */
	if (url[0] == '#') {
		if (!has_id(c->md, url + 1) && !is_fragment_of_note(url + 1))
			wq_diag_warn(diag, file, line, col, "link to '%s': no heading has that id", url);
		return 0;
	}
	hash = strchr(url, '#');
	query = strchr(url, '?');
	plen = strlen(url);
	if (hash && (size_t)(hash - url) < plen)
		plen = (size_t)(hash - url);
	if (query && (size_t)(query - url) < plen)
		plen = (size_t)(query - url);
	path = percent_decode(url, plen);
	if (path[0] == '/') {
		char *joined = wq_xstrdup(path + 1);
		if (!*joined) {
			free(joined);
			goto done; /* "/": the home page */
		}
		if (wq_fs_rel_is_safe(joined, strlen(joined))) {
			norm = wq_fs_rel_normalise(joined, strlen(joined));
			t = resolve(c, norm, is_image);
		}
		free(joined);
		if (!t) {
			if (is_image)
				wq_diag_warn(diag, file, line, col, "image '%s' not found", url);
			else if (!c->again)
				note_unmatched(c, file, line, col, url);
			goto done;
		}
	} else {
		/* Relative to the file the line came from (an included file's
		 * links are written from where it lies), else to the document. */
		int tries;
		for (tries = 0; tries < 2 && !t; tries++) {
			char *joined;
			if (tries == 1 && !origin)
				break;
			free(folder);
			folder = folder_of(c->doc, tries ? NULL : origin);
			joined = *folder ? wq_fs_join(folder, path) : wq_xstrdup(path);
			if (!*joined) {
				free(joined);
				goto done;
			}
			if (!wq_fs_rel_is_safe(joined, strlen(joined))) {
				free(joined);
				if (tries == 0) {
					wq_diag_warn(diag, file, line, col,
						     is_image ? "image '%s' is outside the source folder" :
								"link '%s' leaves the source folder",
						     url);
					goto done;
				}
				continue;
			}
			free(norm);
			norm = wq_fs_rel_normalise(joined, strlen(joined));
			free(joined);
			t = resolve(c, norm, is_image);
		}
		if (!t) {
			if (is_image)
				wq_diag_warn(diag, file, line, col, "image '%s' not found", url);
			else
				wq_diag_warn(diag, file, line, col,
					     "link to '%s': no such file in the source folder", url);
			goto done;
		}
	}
	t->fragment = wq_xstrdup(hash ? hash + 1 : "");
	/* Another document's headings are known once every document was
	 * parsed: checked when it is parsed again to be written. */
	if (c->again && t->kind == WQ_LINK_DOC && *t->fragment && t->doc != c->doc &&
	    !has_heading(t->doc, t->fragment) && !is_fragment_of_note(t->fragment)) {
		t->fragment_missing = true;
		wq_diag_warn(c->links->diag, file, line, col,
			     "link to '%s': '%s' has no heading with that id", url, t->doc->rel);
	}
	t->next = c->md->links;
	c->md->links = t;
	cmark_node_set_user_data(n, t);
done:
	free(path);
	free(norm);
	free(folder);
	return 0;
}

static int check_links(parse_ctx *c)
{
	cmark_iter *it = cmark_iter_new(c->md->root);
	cmark_event_type ev;
	int rc = 0;

	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_IMAGE) {
			wq_buf alt = WQ_BUF_INIT;
			wq_md_inline_text(&alt, n, false);
			c->md->images++;
			if (!alt.len)
				c->md->images_without_alt++;
			wq_buf_dispose(&alt);
		}
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			rc = check_link(c, n, t == CMARK_NODE_IMAGE);
	}
	cmark_iter_free(it);
	return rc;
}

/* -------------------------------------------------------------- parse */

int wq_md_is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* The page's <h1> is the title, so the body's headings start at h2 and never
 * skip a level (assistive technologies and Ace ask for this): each heading
 * is one level below the nearest shallower heading before it, and at the
 * level of an earlier heading of the same depth.  "### A, ### B, ## C" (the
 * seeds' shape once the title is taken) gives h2, h2, h2; "## A, #### B"
 * gives h2, h3. */
static void renumber_headings(struct wq_md *md)
{
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	int orig[8], level[8], depth = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int l, now;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		l = cmark_node_get_heading_level(n);
		while (depth && orig[depth - 1] > l)
			depth--;
		if (depth && orig[depth - 1] == l) {
			now = level[depth - 1];
		} else {
			now = depth ? level[depth - 1] + 1 : 2;
			if (now > 6)
				now = 6;
			if (depth < 8) {
				orig[depth] = l;
				level[depth] = now;
				depth++;
			}
		}
		cmark_node_set_heading_level(n, now);
	}
	cmark_iter_free(it);
}

static int check_nesting(const wq_doc *doc, const struct wq_md *md, wq_err *err)
{
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	line_index lines = { NULL, 0 };
	int depth = 0, rc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (wq_md_is_leaf(n))
			continue;
		depth++;
		if (depth > WQ_MD_MAX_NESTING) {
			int line = cmark_node_get_start_line(n);
			rc = wq_err_set(err, WQ_ELIMIT, doc->path, (unsigned)line,
					char_col(&lines, doc, line,
						 cmark_node_get_start_column(n)),
					"nested deeper than %d levels", WQ_MD_MAX_NESTING);
			break;
		}
	}
	cmark_iter_free(it);
	line_index_dispose(&lines);
	return rc;
}

/* doc->images: the image files the text shows, in order. */
static void list_images(wq_doc *doc, const struct wq_md *md)
{
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	size_t i;

	for (i = 0; i < doc->nimages; i++)
		free(doc->images[i]);
	free(doc->images);
	doc->images = NULL;
	doc->nimages = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const link_target *t;
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_IMAGE &&
		    (t = cmark_node_get_user_data(n)) != NULL && t->kind == WQ_LINK_IMAGE && t->file) {
			char *file = wq_xstrdup(t->file);
			WQ_APPEND(doc->images, doc->nimages, file);
		}
	}
	cmark_iter_free(it);
}

static void keep_facts(wq_doc *doc, const struct wq_md *md);

/* Parse doc->text; @p again: the document was parsed before and its facts
 * (table of contents, heading ids, images, plain text) are read by other
 * threads: they are left as they are, only the tree is made. */
static int parse(wq_doc *doc, const wq_md_links *links, bool again, wq_err *err)
{
	struct wq_md *md = wq_xcalloc(1, sizeof(*md));
	wq_buf plain = WQ_BUF_INIT;
	parse_ctx c = { doc, links, md, { NULL, 0 }, again, again ? NULL : links->diag };
	cmark_node *first;
	size_t i;
	int rc = WQ_EFAIL;

	pthread_once(&register_once, register_extensions);
	/* The text was checked as it was read (wq_text_check_utf8()). */
	md->parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (i = 0; extensions[i]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(md->parser, ext);
	}
	cmark_parser_feed(md->parser, doc->text, doc->text_len);
	md->root = inline_pass(md->parser, doc->text, doc->text_len);
	if (!md->root) {
		rc = wq_err_set(err, WQ_EFAIL, doc->path, 0, 0, "Markdown parser failed");
		goto done;
	}
	if ((rc = check_nesting(doc, md, err)) < 0)
		goto done;
	renumber_headings(md);
	wq_md_find_alerts(md);
	if (again) {
		wq_val *toc = wq_val_list();
		collect_headings(toc, md);
		wq_val_free(toc);
		if ((rc = check_links(&c)) < 0)
			goto done;
		goto keep;
	}
	wq_val_free(doc->toc);
	doc->toc = wq_val_list();
	doc->toc_rec = NULL;
	collect_headings(doc->toc, md);
	if ((rc = check_links(&c)) < 0)
		goto done;
	list_images(doc, md);
	keep_facts(doc, md);

	plain_text(&plain, md->root);
	while (plain.len && plain.ptr[plain.len - 1] == '\n')
		wq_buf_truncate(&plain, plain.len - 1);
	free(doc->plain);
	doc->plain = wq_buf_detach(&plain);

	for (first = cmark_node_first_child(md->root); first; first = cmark_node_next(first))
		if (cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH)
			break;
	if (first) {
		wq_md_inline_text(&plain, first, false);
		free(doc->first_para);
		doc->first_para = wq_buf_detach(&plain);
	}
keep:
	wq_doc_set_tree(doc, md, wq_md_free);
	md = NULL;
	rc = 0;
done:
	line_index_dispose(&c.lines);
	wq_md_free(md);
	wq_buf_dispose(&plain);
	return rc;
}

int wq_md_parse(wq_doc *doc, const wq_md_links *links, wq_err *err)
{
	return parse(doc, links, false, err);
}

int wq_md_parse_again(wq_doc *doc, const wq_md_links *links, wq_err *err)
{
	return parse(doc, links, true, err);
}

size_t wq_md_heading_count(const wq_doc *doc)
{
	return doc->nheadings;
}

const char *wq_md_heading_id(const wq_doc *doc, size_t i)
{
	return i < doc->nheadings ? doc->heading_ids[i] : NULL;
}

size_t wq_md_image_count(const wq_doc *doc, size_t *without_alt)
{
	if (without_alt)
		*without_alt = doc->images_without_alt;
	return doc->image_nodes;
}

/* What the writers need of the tree once it is let go: heading ids and
 * image counts. */
static void keep_facts(wq_doc *doc, const struct wq_md *md)
{
	size_t i;

	for (i = 0; i < doc->nheadings; i++)
		free(doc->heading_ids[i]);
	free(doc->heading_ids);
	doc->heading_ids = wq_xmalloc((md->nids ? md->nids : 1) * sizeof(*doc->heading_ids));
	for (i = 0; i < md->nids; i++)
		doc->heading_ids[i] = wq_xstrdup(md->ids[i].id);
	doc->nheadings = md->nids;
	doc->image_nodes = md->images;
	doc->images_without_alt = md->images_without_alt;
}

void wq_md_visit_links(const wq_doc *doc, wq_md_link_fn fn, void *ctx)
{
	wq_buf href = WQ_BUF_INIT;
	cmark_iter *it;
	cmark_event_type ev;

	if (!doc->md)
		return;
	it = cmark_iter_new(doc->md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const link_target *t;
		if (ev != CMARK_EVENT_ENTER || (cmark_node_get_type(n) != CMARK_NODE_LINK &&
						cmark_node_get_type(n) != CMARK_NODE_IMAGE))
			continue;
		if ((t = cmark_node_get_user_data(n)) == NULL)
			continue;
		wq_buf_clear(&href);
		fn(ctx, &href, t->kind, t->doc, t->file, t->fragment);
	}
	cmark_iter_free(it);
	wq_buf_dispose(&href);
}
