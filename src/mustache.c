#include "mustache.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/*
 * Compiling runs in four passes over the source:
 *
 *   1. lex:         text and tags into tokens, text split after each newline,
 *                   so that a "line" is a run of tokens (set delimiters are
 *                   applied here, as they change how the rest is read);
 *   2. match_tags:  pairs opening and closing tags, reports structure errors;
 *   3. whitespace:  the standalone and indentation rules, which need to see
 *                   whole lines and, for blocks, whole elements;
 *   4. build:       the node tree that wq_tpl_render() walks.
 *
 * Indentation of standalone partials, parents and blocks is applied while
 * rendering: the compiler marks where each output line starts (N_LINE) and
 * the renderer writes the current indentation there.  This is the same as
 * prepending the indentation to each line of the partial's source (what the
 * spec asks) but keeps one compiled form per template.
 */

/* ------------------------------------------------------------------ */
/* Compiled form                                                       */
/* ------------------------------------------------------------------ */

enum node_type {
	N_TEXT,     /* literal text */
	N_LINE,     /* an output line starts: write the indentation */
	N_VAR,      /* {{name}}, escaped */
	N_RAW,      /* {{{name}}} and {{&name}} */
	N_SECTION,  /* {{#name}}: kids are the body */
	N_INVERTED, /* {{^name}}: kids are the body */
	N_PARTIAL,  /* {{>name}} */
	N_PARENT,   /* {{<name}}: kids are its argument blocks only */
	N_BLOCK,    /* {{$name}}: kids are the content */
};

typedef struct node node;

typedef struct nlist {
	node *v;
	size_t n, cap;
} nlist;

struct node {
	unsigned char type;
	bool dynamic;      /* PARTIAL, PARENT: the name is looked up in the data */
	bool standalone;   /* PARTIAL, PARENT, BLOCK: indent the expansion */
	bool indent_first; /* BLOCK: an argument put here starts a fresh line */
	unsigned line, col;
	const char *str;   /* TEXT: the text; the others: the name */
	size_t len;
	const char *indent; /* added to each line of the expansion */
	size_t indent_len;
	nlist kids;
};

struct wq_tpl {
	char *file;
	char *src; /* the source; nodes point into it */
	size_t len;
	nlist root;
};

static node *nl_push(nlist *l, unsigned char type)
{
	node *n;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = wq_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	n = &l->v[l->n++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

/* Recursion is bounded: lists nest no deeper than WQ_TPL_MAX_DEPTH. */
static void nl_dispose(nlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		nl_dispose(&l->v[i].kids);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void wq_tpl_free(wq_tpl *tpl)
{
	if (!tpl)
		return;
	nl_dispose(&tpl->root);
	free(tpl->src);
	free(tpl->file);
	free(tpl);
}

const char *wq_tpl_file(const wq_tpl *tpl)
{
	return tpl && tpl->file ? tpl->file : "";
}

/* ------------------------------------------------------------------ */
/* Pass 1: lexing                                                      */
/* ------------------------------------------------------------------ */

#define T_TEXT 0
#define T_VAR 'v' /* {{name}}; the other tags use their sigil, '&' for '{' */

#define NPOS ((size_t)-1)

/* Names in messages are cut short: they come from hostile input. */
#define NAME_MAX_SHOWN 80
#define SHOW(p, n) ((int)((n) > NAME_MAX_SHOWN ? NAME_MAX_SHOWN : (n))), (p)

typedef struct tok {
	unsigned char type;
	bool drop;         /* TEXT: removed by a whitespace rule */
	bool dynamic;      /* '>' '<': {{>*name}} */
	bool standalone;   /* the only tag on its line, which is removed */
	bool elem;         /* '<' '$': the element as a whole is standalone */
	bool indent_first; /* '$': see node */
	size_t off, len;   /* TEXT: the bytes; tags: the trimmed content */
	size_t skip;       /* TEXT: leading bytes removed (block indentation) */
	size_t name_off, name_len; /* the name to look up (no '*') */
	size_t indent_off, indent_len;
	unsigned line, col; /* where the tag's opening delimiter is */
	size_t ln;          /* index of the line the token is on */
	long match;         /* the partner opening/closing tag, or -1 */
	long up;            /* the enclosing opening tag, or -1 */
} tok;

typedef struct cstate {
	const char *src;
	size_t len;
	const char *file;
	wq_err *err;
	tok *t;
	size_t nt, ct;
	size_t *lines; /* index of the first token of each line */
	size_t nl, cl;
	bool in_line;
	unsigned line;     /* position tracking for messages */
	size_t line_start;
	size_t scanned;
	char otag[WQ_TPL_MAX_DELIM + 1], ctag[WQ_TPL_MAX_DELIM + 1];
	size_t olen, clen;
} cstate;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static size_t find(const char *s, size_t len, size_t from, const char *pat,
		   size_t plen)
{
	const char *p;

	while (from < len && plen <= len - from) {
		p = memchr(s + from, pat[0], len - from - plen + 1);
		if (!p)
			break;
		if (memcmp(p, pat, plen) == 0)
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return NPOS;
}

/* Advance the line count to @p upto (offsets only ever grow). */
static void track(cstate *cs, size_t upto)
{
	for (; cs->scanned < upto; cs->scanned++) {
		if (cs->src[cs->scanned] == '\n') {
			cs->line++;
			cs->line_start = cs->scanned + 1;
		}
	}
}

/* 1-based column of @p off on the current line, in UTF-8 characters. */
static unsigned col_of(const cstate *cs, size_t off)
{
	unsigned col = 1;
	size_t i;

	for (i = cs->line_start; i < off; i++)
		if (((unsigned char)cs->src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static tok *push_tok(cstate *cs, unsigned char type)
{
	tok *t;

	if (cs->nt == cs->ct) {
		cs->ct = cs->ct ? cs->ct * 2 : 64;
		cs->t = wq_xrealloc(cs->t, cs->ct * sizeof(*cs->t));
	}
	if (!cs->in_line) {
		if (cs->nl == cs->cl) {
			cs->cl = cs->cl ? cs->cl * 2 : 32;
			cs->lines = wq_xrealloc(cs->lines, cs->cl * sizeof(*cs->lines));
		}
		cs->lines[cs->nl++] = cs->nt;
		cs->in_line = true;
	}
	t = &cs->t[cs->nt++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->ln = cs->nl - 1;
	t->match = t->up = -1;
	return t;
}

/* Text becomes one token per line piece, each ending after its newline. */
static void add_text(cstate *cs, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(cs->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - cs->src) + 1 : to;
		tok *t = push_tok(cs, T_TEXT);

		t->off = from;
		t->len = end - from;
		if (nl)
			cs->in_line = false;
		from = end;
	}
}

static int lex_error(cstate *cs, unsigned line, unsigned col, const char *what,
		     size_t a, size_t b)
{
	return wq_err_set(cs->err, WQ_EINPUT, cs->file, line, col, "%s '%.*s'",
			  what, SHOW(cs->src + a, b - a));
}

/* A name to look up: "." or dot-separated non-empty parts. */
static bool valid_name(const char *s, size_t n)
{
	size_t i;

	if (n == 1 && s[0] == '.')
		return true;
	if (s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return false;
	return true;
}

static int set_delims(cstate *cs, size_t a, size_t b, unsigned line,
		      unsigned col)
{
	size_t a1, b1, a2, i;
	bool bad;

	while (a < b && is_space(cs->src[a]))
		a++;
	while (b > a && is_space(cs->src[b - 1]))
		b--;
	for (a1 = b1 = a; b1 < b && !is_space(cs->src[b1]); b1++)
		;
	for (a2 = b1; a2 < b && is_space(cs->src[a2]); a2++)
		;
	bad = a1 == b1 || a2 == b;
	for (i = a2; i < b && !bad; i++)
		bad = is_space(cs->src[i]);
	if (bad)
		return wq_err_set(cs->err, WQ_EINPUT, cs->file, line, col,
				  "malformed set-delimiter tag: want two delimiters "
				  "separated by a space, as in {{=<%% %%>=}}");
	if (b1 - a1 > WQ_TPL_MAX_DELIM || b - a2 > WQ_TPL_MAX_DELIM)
		return wq_err_set(cs->err, WQ_EINPUT, cs->file, line, col,
				  "set-delimiter tag: delimiters longer than %d bytes",
				  WQ_TPL_MAX_DELIM);
	memcpy(cs->otag, cs->src + a1, b1 - a1);
	cs->olen = b1 - a1;
	cs->otag[cs->olen] = '\0';
	memcpy(cs->ctag, cs->src + a2, b - a2);
	cs->clen = b - a2;
	cs->ctag[cs->clen] = '\0';
	return 0;
}

/* Fill in the name of the tag [at, end) whose content is [a, b). */
static int tag_name(cstate *cs, tok *t, size_t at, size_t end, size_t a,
		    size_t b)
{
	const char *s = cs->src;
	size_t i;

	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	t->off = a;
	t->len = b - a;
	if ((t->type == '>' || t->type == '<' || t->type == '/') && a < b &&
	    s[a] == '*') {
		t->dynamic = t->type != '/';
		for (a++; a < b && is_space(s[a]); a++)
			;
	}
	t->name_off = a;
	t->name_len = b - a;
	if (a == b)
		return lex_error(cs, t->line, t->col, "empty tag name in", at, end);
	for (i = a; i < b; i++)
		if (is_space(s[i]))
			return lex_error(cs, t->line, t->col,
					 "tag name contains a space:", a, b);
	if (t->type == T_VAR || t->type == '&' || t->type == '#' ||
	    t->type == '^' || t->dynamic) {
		if (!valid_name(s + a, b - a))
			return lex_error(cs, t->line, t->col,
					 "malformed dotted name", a, b);
	}
	return 0;
}

/* Read the tag whose opening delimiter is at @p at; *pos gets its end. */
static int lex_tag(cstate *cs, size_t at, size_t *pos)
{
	char close[WQ_TPL_MAX_DELIM + 2];
	size_t p = at + cs->olen, inner_end, clen = 0;
	unsigned char type = p < cs->len ? (unsigned char)cs->src[p] : 0;
	unsigned line, col;
	tok *t;

	track(cs, at);
	line = cs->line;
	col = col_of(cs, at);
	switch (type) {
	case '#': case '^': case '/': case '!': case '>': case '<':
	case '$': case '&': case '=': case '{':
		p++;
		break;
	default:
		type = T_VAR;
		break;
	}
	if (type == '{' || type == '=')
		close[clen++] = type == '{' ? '}' : '=';
	memcpy(close + clen, cs->ctag, cs->clen);
	clen += cs->clen;
	close[clen] = '\0';
	inner_end = find(cs->src, cs->len, p, close, clen);
	if (inner_end == NPOS)
		return wq_err_set(cs->err, WQ_EINPUT, cs->file, line, col,
				  "unclosed tag: no '%s' after '%s'", close,
				  cs->otag);
	*pos = inner_end + clen;
	if (type == '=') {
		int rc = set_delims(cs, p, inner_end, line, col);
		if (rc < 0)
			return rc;
	}
	t = push_tok(cs, type == '{' ? '&' : type);
	t->line = line;
	t->col = col;
	if (type == '!' || type == '=')
		return 0;
	return tag_name(cs, t, at, *pos, p, inner_end);
}

static int lex(cstate *cs)
{
	size_t pos = 0, at;
	int rc;

	while (pos < cs->len) {
		at = find(cs->src, cs->len, pos, cs->otag, cs->olen);
		add_text(cs, pos, at == NPOS ? cs->len : at);
		if (at == NPOS)
			break;
		if ((rc = lex_tag(cs, at, &pos)) < 0)
			return rc;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 2: pairing opening and closing tags                            */
/* ------------------------------------------------------------------ */

static bool is_open(unsigned char type)
{
	return type == '#' || type == '^' || type == '<' || type == '$';
}

static const char *kind_name(unsigned char type)
{
	switch (type) {
	case '#': return "section";
	case '^': return "inverted section";
	case '<': return "parent";
	case '$': return "block";
	case '>': return "partial";
	default: return "tag";
	}
}

static int match_tags(cstate *cs)
{
	long stack[WQ_TPL_MAX_DEPTH];
	size_t depth = 0, i;
	tok *t, *o;

	for (i = 0; i < cs->nt; i++) {
		t = &cs->t[i];
		t->up = depth ? stack[depth - 1] : -1;
		if (is_open(t->type)) {
			if (depth == WQ_TPL_MAX_DEPTH)
				return wq_err_set(cs->err, WQ_ELIMIT, cs->file,
						  t->line, t->col,
						  "sections nested deeper than %d levels",
						  WQ_TPL_MAX_DEPTH);
			stack[depth++] = (long)i;
		} else if (t->type == '/') {
			if (!depth)
				return wq_err_set(cs->err, WQ_EINPUT, cs->file,
						  t->line, t->col,
						  "closing tag '%.*s' has no open section",
						  SHOW(cs->src + t->off, t->len));
			o = &cs->t[stack[depth - 1]];
			if (o->len != t->len ||
			    memcmp(cs->src + o->off, cs->src + t->off, t->len) != 0)
				return wq_err_set(cs->err, WQ_EINPUT, cs->file,
						  t->line, t->col,
						  "closing tag '%.*s' does not match %s '%.*s' "
						  "(opened at line %u, column %u)",
						  SHOW(cs->src + t->off, t->len),
						  kind_name(o->type),
						  SHOW(cs->src + o->off, o->len),
						  o->line, o->col);
			o->match = (long)i;
			t->match = stack[--depth];
			t->up = depth ? stack[depth - 1] : -1;
		}
	}
	if (depth) {
		o = &cs->t[stack[depth - 1]];
		return wq_err_set(cs->err, WQ_EINPUT, cs->file, o->line, o->col,
				  "unclosed %s '%.*s' (opened here)",
				  kind_name(o->type), SHOW(cs->src + o->off, o->len));
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 3: standalone lines and indentation                            */
/* ------------------------------------------------------------------ */

static const char *text_of(const cstate *cs, const tok *t, size_t *n)
{
	*n = t->len - t->skip;
	return cs->src + t->off + t->skip;
}

/* Spaces and tabs, then maybe the line ending: nothing that shows. */
static bool is_blank(const cstate *cs, const tok *t)
{
	size_t n, i;
	const char *s;

	if (t->type != T_TEXT)
		return false;
	if (t->drop)
		return true;
	s = text_of(cs, t, &n);
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i == n || (i + 1 == n && s[i] == '\n') ||
	       (i + 2 == n && s[i] == '\r' && s[i + 1] == '\n');
}

static size_t lead_ws(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i;
}

static size_t line_first(const cstate *cs, size_t ln)
{
	return cs->lines[ln];
}

static size_t line_end(const cstate *cs, size_t ln)
{
	return ln + 1 < cs->nl ? cs->lines[ln + 1] : cs->nt;
}

/* Only blank text before token @p i on its line. */
static bool clear_before(const cstate *cs, size_t i)
{
	size_t j;

	for (j = line_first(cs, cs->t[i].ln); j < i; j++)
		if (!is_blank(cs, &cs->t[j]))
			return false;
	return true;
}

/* Only blank text (and the line ending) after token @p i on its line. */
static bool clear_after(const cstate *cs, size_t i)
{
	size_t j, end = line_end(cs, cs->t[i].ln);

	for (j = i + 1; j < end; j++)
		if (!is_blank(cs, &cs->t[j]))
			return false;
	return true;
}

static void drop_range(cstate *cs, size_t from, size_t to)
{
	for (; from < to; from++)
		if (cs->t[from].type == T_TEXT)
			cs->t[from].drop = true;
}

/* The leading whitespace of line @p ln, when that line is before @p limit. */
static void line_indent(const cstate *cs, size_t ln, size_t limit,
			size_t *off, size_t *len)
{
	const tok *f;
	const char *s;
	size_t n;

	*off = 0;
	*len = 0;
	if (ln >= cs->nl || line_first(cs, ln) >= limit)
		return;
	f = &cs->t[line_first(cs, ln)];
	if (f->type != T_TEXT)
		return;
	s = text_of(cs, f, &n);
	*off = (size_t)(s - cs->src);
	*len = lead_ws(s, n);
}

/* A block that is a direct child of a parent: an argument. */
static bool is_arg(const cstate *cs, size_t i)
{
	const tok *t = &cs->t[i];

	return t->type == '$' && t->up >= 0 && cs->t[t->up].type == '<';
}

/*
 * An argument whose opening tag ends its line starts on the next line, and
 * that line's indentation (its "intrinsic indentation") is removed from
 * each of its lines: the parent's block decides where the lines go.
 * Outer arguments come first in token order, so inner ones measure their
 * indentation with the outer one already removed.
 */
static void strip_argument(cstate *cs, size_t i)
{
	size_t ln = cs->t[i].ln, end = (size_t)cs->t[i].match, off, ilen, k;

	if (!clear_after(cs, i))
		return;
	drop_range(cs, i + 1, line_end(cs, ln));
	line_indent(cs, ln + 1, end, &off, &ilen);
	if (!ilen)
		return;
	for (k = ln + 1; k < cs->nl && line_first(cs, k) < end; k++) {
		tok *f = &cs->t[line_first(cs, k)];
		size_t n;
		const char *s;

		if (f->type != T_TEXT || f->drop)
			continue;
		s = text_of(cs, f, &n);
		if (n >= ilen && memcmp(s, cs->src + off, ilen) == 0)
			f->skip += ilen;
	}
}

static bool can_stand_alone(unsigned char type)
{
	return type != T_TEXT && type != T_VAR && type != '&';
}

/* A line with one non-interpolation tag and only blanks is removed. */
static void standalone_line(cstate *cs, size_t ln)
{
	size_t j, first = line_first(cs, ln), end = line_end(cs, ln), tag = NPOS;

	for (j = first; j < end; j++) {
		if (cs->t[j].type == T_TEXT) {
			if (!is_blank(cs, &cs->t[j]))
				return;
		} else if (tag != NPOS || !can_stand_alone(cs->t[j].type)) {
			return;
		} else {
			tag = j;
		}
	}
	if (tag == NPOS)
		return;
	cs->t[tag].standalone = true;
	line_indent(cs, ln, tag, &cs->t[tag].indent_off, &cs->t[tag].indent_len);
	drop_range(cs, first, end);
}

/*
 * Parents and blocks (outside parents) whose opening tag has only blanks
 * before it and whose closing tag has only blanks after it are standalone
 * elements.  A parent's leading blanks become its indentation and its line
 * ending goes.  A block keeps its text (its default content is literal)
 * and only records how an argument put in its place is indented.
 */
static void standalone_element(cstate *cs, size_t i)
{
	tok *t = &cs->t[i];
	size_t e = (size_t)t->match, ln = t->ln;

	if (!clear_before(cs, i) || !clear_after(cs, e))
		return;
	t->elem = true;
	if (t->type == '<') {
		line_indent(cs, ln, i, &t->indent_off, &t->indent_len);
		drop_range(cs, line_first(cs, ln), i);
		drop_range(cs, e + 1, line_end(cs, cs->t[e].ln));
	} else if (clear_after(cs, i)) {
		t->indent_first = true;
		line_indent(cs, ln + 1, cs->nt, &t->indent_off, &t->indent_len);
	} else {
		line_indent(cs, ln, i, &t->indent_off, &t->indent_len);
	}
}

static void whitespace(cstate *cs)
{
	size_t i, ln;

	for (i = 0; i < cs->nt; i++)
		if (is_arg(cs, i))
			strip_argument(cs, i);
	for (ln = 0; ln < cs->nl; ln++)
		standalone_line(cs, ln);
	for (i = 0; i < cs->nt; i++) {
		tok *t = &cs->t[i];

		if (t->type == '<' || (t->type == '$' && !is_arg(cs, i)))
			standalone_element(cs, i);
		/* What follows an argument's closing tag belongs to the
		 * parent and is ignored, so blanks before it are dropped. */
		if (t->type == '/' && is_arg(cs, (size_t)t->match) &&
		    cs->t[t->match].ln != t->ln && clear_before(cs, i))
			drop_range(cs, line_first(cs, t->ln), i);
	}
}

/* ------------------------------------------------------------------ */
/* Pass 4: the tree                                                    */
/* ------------------------------------------------------------------ */

/* Whether an output line starts at line @p ln (where indentation goes). */
static bool line_starts(const cstate *cs, size_t ln)
{
	size_t j, end = line_end(cs, ln), n;
	const tok *f = NULL;
	const char *s;

	for (j = line_first(cs, ln); j < end && !f; j++)
		if (cs->t[j].type != T_TEXT || !cs->t[j].drop)
			f = &cs->t[j];
	if (!f || f->standalone || (f->type == '<' && f->elem))
		return false;
	if (f->type == T_TEXT) {
		s = text_of(cs, f, &n);
		/* Empty lines are not indented. */
		if ((n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n'))
			return false;
	}
	return true;
}

static void set_name(node *n, const cstate *cs, const tok *t)
{
	n->line = t->line;
	n->col = t->col;
	n->str = cs->src + t->name_off;
	n->len = t->name_len;
	n->dynamic = t->dynamic;
	n->indent = cs->src + t->indent_off;
	n->indent_len = t->indent_len;
}

/* A parent keeps only its argument blocks: other content is ignored. */
static void keep_blocks(nlist *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].type == N_BLOCK)
			l->v[k++] = l->v[i];
		else
			nl_dispose(&l->v[i].kids);
	}
	l->n = k;
}

/* An argument's first and last line breaks are the parent block's business. */
static void trim_lines(nlist *l)
{
	if (l->n && l->v[l->n - 1].type == N_LINE)
		l->n--;
	if (l->n && l->v[0].type == N_LINE) {
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof(*l->v));
		l->n--;
	}
}

static void build(cstate *cs, wq_tpl *tpl)
{
	node *open[WQ_TPL_MAX_DEPTH];
	nlist *cur = &tpl->root;
	size_t depth = 0, ln, i, n;
	node *nd;

	for (ln = 0; ln < cs->nl; ln++) {
		if (line_starts(cs, ln))
			nl_push(cur, N_LINE);
		for (i = line_first(cs, ln); i < line_end(cs, ln); i++) {
			const tok *t = &cs->t[i];

			switch (t->type) {
			case T_TEXT:
				if (t->drop || t->len == t->skip)
					break;
				nd = nl_push(cur, N_TEXT);
				nd->str = text_of(cs, t, &n);
				nd->len = n;
				break;
			case T_VAR:
			case '&':
				set_name(nl_push(cur, t->type == '&' ? N_RAW : N_VAR), cs, t);
				break;
			case '>':
				nd = nl_push(cur, N_PARTIAL);
				set_name(nd, cs, t);
				nd->standalone = t->standalone;
				break;
			case '#': case '^': case '<': case '$':
				nd = nl_push(cur, t->type == '#' ? N_SECTION :
					     t->type == '^' ? N_INVERTED :
					     t->type == '<' ? N_PARENT : N_BLOCK);
				set_name(nd, cs, t);
				nd->standalone = t->elem;
				nd->indent_first = t->indent_first;
				open[depth++] = nd;
				cur = &nd->kids;
				break;
			case '/':
				nd = open[--depth];
				if (nd->type == N_PARENT)
					keep_blocks(&nd->kids);
				else if (is_arg(cs, (size_t)t->match))
					trim_lines(&nd->kids);
				cur = depth ? &open[depth - 1]->kids : &tpl->root;
				break;
			default: /* comments and set-delimiter tags */
				break;
			}
		}
	}
}

int wq_tpl_compile(wq_tpl **out, const char *text, size_t len,
		   const char *file, wq_err *err)
{
	int rc = WQ_EFAIL;
	wq_tpl *tpl = wq_xcalloc(1, sizeof(*tpl));
	cstate cs;

	*out = NULL;
	memset(&cs, 0, sizeof(cs));
	tpl->file = wq_xstrdup(file ? file : "");
	tpl->src = wq_xstrndup(len ? text : "", len);
	tpl->len = len;
	cs.src = tpl->src;
	cs.len = len;
	cs.file = tpl->file;
	cs.err = err;
	cs.line = 1;
	memcpy(cs.otag, "{{", 3);
	memcpy(cs.ctag, "}}", 3);
	cs.olen = cs.clen = 2;

	if ((rc = lex(&cs)) < 0)
		goto done;
	if ((rc = match_tags(&cs)) < 0)
		goto done;
	whitespace(&cs);
	build(&cs, tpl);
	*out = tpl;
	tpl = NULL;
	rc = 0;
done:
	free(cs.t);
	free(cs.lines);
	wq_tpl_free(tpl);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

typedef struct span {
	const char *p;
	size_t n;
} span;

/* A parent being expanded: where its arguments are looked up. */
typedef struct override {
	const node *parent;
	const wq_tpl *tpl;
} override;

/* Everything a render needs; lives on the caller's stack (reentrant). */
typedef struct render {
	wq_buf *out;
	size_t limit; /* out->len may not pass this */
	size_t max;   /* the bound on this call's output */
	wq_tpl_loader loader;
	void *lctx;
	wq_err *err;
	unsigned depth;
	size_t nctx, novr;
	const wq_val *ctx[WQ_TPL_MAX_DEPTH + 1];
	override ovr[WQ_TPL_MAX_DEPTH];
} render;

static int render_list(render *r, const wq_tpl *t, const nlist *l, span ind);

/*
 * Name resolution: "." is the top of the stack; otherwise the first part
 * of a dotted name is looked up from the top of the stack down, the other
 * parts each only within the value found before.
 */
static const wq_val *resolve(const render *r, const char *name, size_t len)
{
	const wq_val *v = NULL;
	const char *dot;
	size_t k, i;

	if (len == 1 && name[0] == '.')
		return r->ctx[r->nctx - 1];
	dot = memchr(name, '.', len);
	k = dot ? (size_t)(dot - name) : len;
	for (i = r->nctx; i-- > 0 && !v;)
		v = wq_val_getn(r->ctx[i], name, k);
	while (v && k < len) {
		name += k + 1;
		len -= k + 1;
		dot = memchr(name, '.', len);
		k = dot ? (size_t)(dot - name) : len;
		v = wq_val_getn(v, name, k);
	}
	return v;
}

static bool truthy(const wq_val *v)
{
	switch (wq_val_kind_of(v)) {
	case WQ_VAL_NULL: return false;
	case WQ_VAL_BOOL: return wq_val_get_bool(v);
	case WQ_VAL_LIST: return wq_val_count(v) > 0;
	default: return true;
	}
}

static int check_size(render *r, const wq_tpl *t, const node *n)
{
	if (r->out->len <= r->limit)
		return 0;
	return wq_err_set(r->err, WQ_ELIMIT, t->file, n->line, n->col,
			  "output larger than %zu bytes", r->max);
}

static void put_val(render *r, const wq_val *v, bool escape)
{
	char num[64];
	const char *s;
	size_t n;

	switch (wq_val_kind_of(v)) {
	case WQ_VAL_STR:
		s = wq_val_get_str(v, &n);
		break;
	case WQ_VAL_NUM:
		wq_val_format_num(num, sizeof(num), wq_val_get_num(v));
		s = num;
		n = strlen(num);
		break;
	case WQ_VAL_BOOL:
		s = wq_val_get_bool(v) ? "true" : "false";
		n = strlen(s);
		break;
	default: /* null, lists and maps show nothing */
		return;
	}
	if (escape)
		wq_buf_put_escaped(r->out, s, n);
	else
		wq_buf_put(r->out, s, n);
}

static int enter(render *r, const wq_tpl *t, const node *n)
{
	const char *kind = n->type == N_PARTIAL ? "partial" :
			   n->type == N_PARENT ? "parent" :
			   n->type == N_BLOCK ? "block" : "section";

	if (r->depth >= WQ_TPL_MAX_DEPTH)
		return wq_err_set(r->err, WQ_ELIMIT, t->file, n->line, n->col,
				  "%s '%s%.*s' nested deeper than %d levels "
				  "(does a partial include itself?)", kind,
				  n->dynamic ? "*" : "", SHOW(n->str, n->len),
				  WQ_TPL_MAX_DEPTH);
	r->depth++;
	return 0;
}

/* @p a followed by @p b; *owned is set when memory had to be allocated. */
static span join(span a, const char *b, size_t bn, char **owned)
{
	span s;
	char *p;

	*owned = NULL;
	if (!bn)
		return a;
	if (!a.n) {
		s.p = b;
		s.n = bn;
		return s;
	}
	p = wq_xmalloc(a.n + bn);
	memcpy(p, a.p, a.n);
	memcpy(p + a.n, b, bn);
	*owned = p;
	s.p = p;
	s.n = a.n + bn;
	return s;
}

static int render_section(render *r, const wq_tpl *t, const node *n, span ind)
{
	const wq_val *v = resolve(r, n->str, n->len);
	size_t i, count;
	int rc;

	if (!truthy(v))
		return 0;
	if ((rc = enter(r, t, n)) < 0)
		return rc;
	count = wq_val_kind_of(v) == WQ_VAL_LIST ? wq_val_count(v) : 1;
	for (i = 0; i < count && rc == 0; i++) {
		r->ctx[r->nctx++] = wq_val_kind_of(v) == WQ_VAL_LIST ?
				    wq_val_at(v, i) : v;
		rc = render_list(r, t, &n->kids, ind);
		r->nctx--;
	}
	r->depth--;
	return rc;
}

static int load(render *r, const node *n, const wq_tpl **out)
{
	const char *name = n->str;
	size_t len = n->len;
	char num[64];
	const wq_val *v;

	*out = NULL;
	if (n->dynamic) {
		v = resolve(r, n->str, n->len);
		if (wq_val_kind_of(v) == WQ_VAL_STR) {
			name = wq_val_get_str(v, &len);
		} else if (wq_val_kind_of(v) == WQ_VAL_NUM) {
			wq_val_format_num(num, sizeof(num), wq_val_get_num(v));
			name = num;
			len = strlen(num);
		} else {
			return 0;
		}
	}
	if (!r->loader)
		return 0;
	return r->loader(r->lctx, name, len, out, r->err);
}

/* Partials and parents: a standalone one is indented, an inline one not. */
static int render_include(render *r, const wq_tpl *t, const node *n, span ind)
{
	const wq_tpl *p = NULL;
	char *owned = NULL;
	span sub = { "", 0 };
	int rc;

	if ((rc = load(r, n, &p)) < 0 || !p)
		return rc;
	if ((rc = enter(r, t, n)) < 0)
		return rc;
	if (n->standalone)
		sub = join(ind, n->indent, n->indent_len, &owned);
	if (n->type == N_PARENT) {
		r->ovr[r->novr].parent = n;
		r->ovr[r->novr].tpl = t;
		r->novr++;
	}
	rc = render_list(r, p, &p->root, sub);
	if (n->type == N_PARENT)
		r->novr--;
	free(owned);
	r->depth--;
	return rc;
}

/*
 * A block renders the argument of the outermost parent being expanded that
 * has one by its name (the spec: top-level substitutions take precedence),
 * or its own content.
 */
static int render_block(render *r, const wq_tpl *t, const node *n, span ind)
{
	const node *arg = NULL;
	const wq_tpl *at = NULL;
	char *owned = NULL;
	span sub = { "", 0 };
	size_t i, k;
	int rc;

	for (i = 0; i < r->novr && !arg; i++) {
		const nlist *args = &r->ovr[i].parent->kids;

		for (k = 0; k < args->n; k++) {
			if (args->v[k].len == n->len &&
			    memcmp(args->v[k].str, n->str, n->len) == 0) {
				arg = &args->v[k];
				at = r->ovr[i].tpl;
				break;
			}
		}
	}
	if ((rc = enter(r, t, n)) < 0)
		return rc;
	if (!arg) {
		rc = render_list(r, t, &n->kids, ind);
	} else {
		if (n->standalone)
			sub = join(ind, n->indent, n->indent_len, &owned);
		if (n->indent_first)
			wq_buf_put(r->out, sub.p, sub.n);
		rc = render_list(r, at, &arg->kids, sub);
		free(owned);
	}
	r->depth--;
	return rc;
}

static int render_list(render *r, const wq_tpl *t, const nlist *l, span ind)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < l->n && rc == 0; i++) {
		const node *n = &l->v[i];

		switch (n->type) {
		case N_TEXT:
			wq_buf_put(r->out, n->str, n->len);
			rc = check_size(r, t, n);
			break;
		case N_LINE:
			wq_buf_put(r->out, ind.p, ind.n);
			break;
		case N_VAR:
		case N_RAW:
			put_val(r, resolve(r, n->str, n->len), n->type == N_VAR);
			rc = check_size(r, t, n);
			break;
		case N_SECTION:
			rc = render_section(r, t, n, ind);
			break;
		case N_INVERTED:
			if (!truthy(resolve(r, n->str, n->len)) &&
			    (rc = enter(r, t, n)) == 0) {
				rc = render_list(r, t, &n->kids, ind);
				r->depth--;
			}
			break;
		case N_PARTIAL:
		case N_PARENT:
			rc = render_include(r, t, n, ind);
			break;
		case N_BLOCK:
			rc = render_block(r, t, n, ind);
			break;
		}
	}
	return rc;
}

int wq_tpl_render(wq_buf *out, const wq_tpl *tpl, const wq_val *data,
		  wq_tpl_loader loader, void *loader_ctx, wq_err *err)
{
	return wq_tpl_render_limited(out, tpl, data, loader, loader_ctx, WQ_TPL_MAX_OUTPUT, err);
}

int wq_tpl_render_limited(wq_buf *out, const wq_tpl *tpl, const wq_val *data,
			  wq_tpl_loader loader, void *loader_ctx, size_t limit, wq_err *err)
{
	render r;
	span none = { "", 0 };

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.max = limit;
	r.limit = out->len > SIZE_MAX - limit ? SIZE_MAX : out->len + limit;
	r.loader = loader;
	r.lctx = loader_ctx;
	r.err = err;
	r.ctx[0] = data;
	r.nctx = 1;
	return render_list(&r, tpl, &tpl->root, none);
}
