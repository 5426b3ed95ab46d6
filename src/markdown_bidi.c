/* Direction inside a document body (after the analyse stage knows the
 * document's own direction):
 * - a block (paragraph, heading, list item, quote, table cell) whose text is
 *   wholly of the other direction gets its own dir; a block that merely
 *   starts with a word of the other direction keeps its parent's;
 * - inside a block, runs of the other direction with neutral or weak
 *   characters at their edges are isolated in <span dir>;
 * - code spans and code blocks are always left to right, and so are links
 *   whose text is a URL or an e-mail address. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown_int.h"
#include "mem.h"

/* ------------------------------------------------------------ blocks */

static int is_dir_block(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *name;

	if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM ||
	    t == CMARK_NODE_BLOCK_QUOTE)
		return 1;
	name = cmark_node_get_type_string(n);
	return name && !strcmp(name, "table_cell");
}

static int is_inline_container(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *name = cmark_node_get_type_string(n);

	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	       (name && !strcmp(name, "table_cell"));
}

typedef struct counts {
	size_t ltr, rtl;
	size_t others; /* digits and explicit formatting (wq_text_strong_counts()) */
} counts;

static void record_dir(struct wq_md *md, cmark_node *n, wq_dir dir)
{
	md->dirs = wq_xgrow(md->dirs, md->ndirs, sizeof(*md->dirs));
	md->dirs[md->ndirs].line = cmark_node_get_start_line(n);
	md->dirs[md->ndirs].col = cmark_node_get_start_column(n);
	md->dirs[md->ndirs].dir = dir;
	md->ndirs++;
}

/* ------------------------------------------------------------ inlines */

typedef struct piece {
	cmark_node *node; /* a text node, or any other inline leaf */
	size_t start, len; /* its bytes in the block's text */
	int text;
} piece;

static int looks_like_address(const char *s)
{
	const char *at = strchr(s, '@');

	if (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || !strncmp(s, "www.", 4) ||
	    !strncmp(s, "ftp://", 6) || !strncmp(s, "mailto:", 7))
		return !strchr(s, ' ');
	return at && at != s && strchr(at, '.') && !strchr(s, ' ');
}

static void link_text(wq_buf *out, cmark_node *link)
{
	cmark_node *n;

	for (n = cmark_node_first_child(link); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT || cmark_node_get_type(n) == CMARK_NODE_CODE)
			wq_buf_puts(out, cmark_node_get_literal(n));
}

static const char *dir_attr(wq_dir d)
{
	return d == WQ_DIR_RTL ? "<span dir=\"rtl\">" : "<span dir=\"ltr\">";
}

/* Code spans become <code dir="ltr">; links whose text is an address are
 * wrapped in a left-to-right span. */
static void fix_code_and_addresses(cmark_node *block, wq_dir dir)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	cmark_node **code = NULL, **links = NULL;
	size_t ncode = 0, nlinks = 0, i;
	wq_buf b = WQ_BUF_INIT;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_CODE) {
			code = wq_xgrow(code, ncode, sizeof(*code));
			code[ncode++] = n;
		} else if (cmark_node_get_type(n) == CMARK_NODE_LINK && dir == WQ_DIR_RTL) {
			wq_buf_clear(&b);
			link_text(&b, n);
			if (b.len && looks_like_address(b.ptr)) {
				links = wq_xgrow(links, nlinks, sizeof(*links));
				links[nlinks++] = n;
			}
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < ncode; i++) {
		const char *lit = cmark_node_get_literal(code[i]);
		cmark_node *html;
		wq_buf_clear(&b);
		wq_buf_puts(&b, "<code dir=\"ltr\">");
		wq_buf_put_escaped(&b, lit, strlen(lit));
		wq_buf_puts(&b, "</code>");
		html = wq_md_html_node(CMARK_NODE_HTML_INLINE, b.ptr);
		cmark_node_insert_before(code[i], html);
		cmark_node_free(code[i]);
	}
	for (i = 0; i < nlinks; i++) {
		cmark_node_insert_before(links[i], wq_md_html_node(CMARK_NODE_HTML_INLINE,
								  "<span dir=\"ltr\">"));
		cmark_node_insert_after(links[i], wq_md_html_node(CMARK_NODE_HTML_INLINE, "</span>"));
	}
	free(code);
	free(links);
	wq_buf_dispose(&b);
}

/* The block's text, one piece per inline leaf; leaves that are not text
 * stand as U+FFFC, a neutral the bidi algorithm passes over. */
static void gather(cmark_node *block, wq_buf *text, piece **pieces, size_t *n)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		const char *add = NULL;
		int is_text = 0;

		if (t == CMARK_NODE_IMAGE && ev == CMARK_EVENT_ENTER) {
			/* An image's alt text is not in the flow of the line. */
			add = "\xEF\xBF\xBC";
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
		} else if (ev != CMARK_EVENT_ENTER || cmark_node_first_child(node) || node == block) {
			continue;
		} else if (t == CMARK_NODE_TEXT) {
			add = cmark_node_get_literal(node);
			is_text = 1;
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			add = " ";
		} else {
			add = "\xEF\xBF\xBC";
		}
		*pieces = wq_xgrow(*pieces, *n, sizeof(**pieces));
		(*pieces)[*n].node = node;
		(*pieces)[*n].start = text->len;
		(*pieces)[*n].len = strlen(add);
		(*pieces)[*n].text = is_text;
		(*n)++;
		wq_buf_puts(text, add);
	}
	cmark_iter_free(it);
}

/* Split text node p at byte k (relative to the node); returns the new node
 * holding the tail. */
static cmark_node *split_text(cmark_node *node, size_t k)
{
	const char *lit = cmark_node_get_literal(node);
	char *head = wq_xstrndup(lit, k);
	cmark_node *tail = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(tail, lit + k);
	cmark_node_set_literal(node, head);
	free(head);
	cmark_node_insert_after(node, tail);
	return tail;
}

static size_t piece_at(const piece *p, size_t n, size_t byte)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (byte >= p[i].start && byte < p[i].start + p[i].len)
			return i;
	return n;
}

static void isolate_runs(cmark_node *block, wq_dir dir)
{
	wq_buf text = WQ_BUF_INIT;
	piece *p = NULL;
	size_t np = 0, nruns, r;
	wq_text_span *runs = NULL;
	wq_dir other = dir == WQ_DIR_RTL ? WQ_DIR_LTR : WQ_DIR_RTL;

	gather(block, &text, &p, &np);
	nruns = text.len ? wq_text_isolate_runs(&runs, text.ptr, text.len, dir) : 0;
	/* Last run first: splitting a node keeps the offsets before it. */
	for (r = nruns; r-- > 0;) {
		size_t a = piece_at(p, np, runs[r].start), z = piece_at(p, np, runs[r].end - 1);
		cmark_node *first, *last, *open, *close;

		if (a >= np || z >= np)
			continue;
		first = p[a].node;
		last = p[z].node;
		if (cmark_node_parent(first) != cmark_node_parent(last))
			continue; /* would cross an element: leave it to the browser */
		if (p[z].text && runs[r].end < p[z].start + p[z].len)
			split_text(last, runs[r].end - p[z].start);
		if (p[a].text && runs[r].start > p[a].start) {
			cmark_node *tail = split_text(first, runs[r].start - p[a].start);
			if (first == last)
				last = tail;
			first = tail;
		}
		open = wq_md_html_node(CMARK_NODE_HTML_INLINE, dir_attr(other));
		close = wq_md_html_node(CMARK_NODE_HTML_INLINE, "</span>");
		cmark_node_insert_before(first, open);
		cmark_node_insert_after(last, close);
	}
	free(runs);
	free(p);
	wq_buf_dispose(&text);
}

/* --------------------------------------------------------------- pass */

typedef struct frame {
	counts c;
	long block; /* index in ENTER order when the container is a block, else -1 */
} frame;

typedef struct todo {
	cmark_node *node;
	wq_dir dir;
	bool runs; /* its text may hold runs to isolate */
} todo;

static wq_dir decide(wq_dir inherited, counts c)
{
	if (inherited == WQ_DIR_RTL && c.rtl == 0 && c.ltr > 0)
		return WQ_DIR_LTR;
	if (inherited == WQ_DIR_LTR && c.ltr == 0 && c.rtl > 0)
		return WQ_DIR_RTL;
	return inherited;
}

void wq_md_apply_bidi(wq_doc *doc)
{
	struct wq_md *md = doc->md;
	cmark_iter *it;
	cmark_event_type ev;
	frame *stack = NULL;
	counts *per = NULL;
	wq_dir *dirs = NULL;
	todo *work = NULL;
	size_t depth = 0, cap = 0, nper = 0, nblock = 0, ntodo = 0, i;

	if (!md || doc->base_dir == WQ_DIR_AUTO)
		return;
	/* Pass 1, bottom up: the strong characters below each block.  The
	 * containers open on the iterator form a stack: no recursion, so deep
	 * nesting cannot exhaust the C stack. */
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		counts c = { 0, 0, 0 };

		if (ev == CMARK_EVENT_ENTER && !wq_md_is_leaf(n)) {
			if (depth == cap) {
				cap = cap ? cap * 2 : 32;
				stack = wq_xrealloc(stack, cap * sizeof(*stack));
			}
			stack[depth].c.ltr = stack[depth].c.rtl = stack[depth].c.others = 0;
			stack[depth].block = -1;
			if (is_dir_block(n)) {
				stack[depth].block = (long)nper;
				per = wq_xgrow(per, nper, sizeof(*per));
				nper++;
			}
			depth++;
			continue;
		}
		if (ev == CMARK_EVENT_ENTER) {
			if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
				const char *lit = cmark_node_get_literal(n);
				wq_text_strong_counts(lit, strlen(lit), &c.ltr, &c.rtl, &c.others);
			}
		} else if (depth && ev == CMARK_EVENT_EXIT) {
			depth--;
			c = stack[depth].c;
			if (stack[depth].block >= 0)
				per[stack[depth].block] = c;
		}
		if (depth) {
			stack[depth - 1].c.ltr += c.ltr;
			stack[depth - 1].c.rtl += c.rtl;
			stack[depth - 1].c.others += c.others;
		}
	}
	/* Pass 2, top down: each block against the direction it inherits. */
	dirs = wq_xmalloc((cap ? cap : 1) * sizeof(*dirs));
	depth = 0;
	cmark_iter_reset(it, md->root, CMARK_EVENT_ENTER);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		wq_dir inherited = depth ? dirs[depth - 1] : doc->base_dir, dir = inherited;

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK) {
			if (inherited != WQ_DIR_LTR)
				record_dir(md, n, WQ_DIR_LTR);
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && !wq_md_is_leaf(n)) {
			bool runs = true;
			if (is_dir_block(n) && nblock < nper) {
				counts c = per[nblock++];
				dir = decide(inherited, c);
				if (dir != inherited)
					record_dir(md, n, dir);
				/* Its text (what isolate_runs() gathers is in
				 * what was counted) holds no run without these. */
				runs = (dir == WQ_DIR_RTL ? c.ltr : c.rtl) > 0 || c.others > 0;
			}
			if (is_inline_container(n) && cmark_node_first_child(n)) {
				work = wq_xgrow(work, ntodo, sizeof(*work));
				work[ntodo].node = n;
				work[ntodo].dir = dir;
				work[ntodo].runs = runs;
				ntodo++;
			}
			dirs[depth++] = dir;
		} else if (ev == CMARK_EVENT_EXIT && depth) {
			depth--;
		}
	}
	cmark_iter_free(it);
	/* The tree changes only now that no iterator walks it. */
	for (i = 0; i < ntodo; i++) {
		fix_code_and_addresses(work[i].node, work[i].dir);
		if (work[i].runs)
			isolate_runs(work[i].node, work[i].dir);
	}
	free(stack);
	free(per);
	free(dirs);
	free(work);
}
