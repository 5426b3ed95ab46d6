#include "toc.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "text.h"
#include "url.h"
#include "value.h"
#include "yamlval.h"

struct wq_toc {
	wq_toc_entry *entries;
	size_t n;
	char **files;     /* the files read, as named in messages (entries borrow them) */
	size_t nfiles;
	const char *source_dir;
	wq_diag *diag;
	bool warned_depth;
};

static const char *const yml_names[] = { "toc.yml", "toc.yaml", NULL };

/* ------------------------------------------------------------ common */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool is_yml_name(const char *name)
{
	size_t i;

	for (i = 0; yml_names[i]; i++)
		if (!strcmp(name, yml_names[i]))
			return true;
	return false;
}

const char *wq_toc_find(const char *source_dir)
{
	static const char *const names[] = { "SUMMARY.md", "toc.yml", "toc.yaml", NULL };
	size_t i;

	for (i = 0; names[i]; i++) {
		char *path = wq_fs_join(source_dir, names[i]);
		bool found = wq_fs_is_file(path);
		free(path);
		if (found)
			return names[i];
	}
	return NULL;
}

bool wq_toc_is_toc_file(const char *toc_name, const char *rel)
{
	if (!toc_name)
		return false;
	if (!strcmp(rel, toc_name))
		return true;
	/* DocFX keeps a toc.yml in folders below the top one. */
	return is_yml_name(toc_name) && is_yml_name(base_name(rel));
}

/* The name a file is given in messages (kept as long as the table). */
static const char *add_file(wq_toc *t, const char *rel)
{
	char *full = wq_fs_join(t->source_dir, rel);

	WQ_APPEND(t->files, t->nfiles, full);
	return full;
}

static void add_entry(wq_toc *t, wq_toc_kind kind, const char *title, size_t title_len,
		      const char *path, unsigned depth, const char *file, unsigned line,
		      unsigned col)
{
	wq_toc_entry e;

	if (depth > WQ_TOC_MAX_DEPTH) {
		if (!t->warned_depth)
			wq_diag_warn(t->diag, file, line, col,
				     "table of contents nested deeper than %d levels: the deeper "
				     "entries are placed at that level",
				     WQ_TOC_MAX_DEPTH);
		t->warned_depth = true;
		depth = WQ_TOC_MAX_DEPTH;
	}
	e.kind = kind;
	e.title = wq_xstrndup(title, title_len);
	e.path = wq_xstrdup(kind == WQ_TOC_GROUP || !path ? "" : path);
	e.depth = depth;
	e.file = file;
	e.line = line;
	e.col = col;
	WQ_APPEND(t->entries, t->n, e);
}

/* The target @p href (not NUL-terminated) written in a file whose folder
 * is @p base: into @p out relative to the source folder, normalised.
 * False, with a warning, when it is a URL or leaves the source folder. */
static bool resolve(wq_toc *t, wq_buf *out, const char *base, const char *href, size_t len,
		    const char *file, unsigned line, unsigned col)
{
	wq_buf joined = WQ_BUF_INIT;
	char *copy;
	size_t n = 0;
	bool ok = false;

	while (len && (*href == ' ' || *href == '\t')) {
		href++;
		len--;
	}
	while (len && (href[len - 1] == ' ' || href[len - 1] == '\t'))
		len--;
	copy = wq_xstrndup(href, len);
	/* The page's address without its fragment or query. */
	while (n < len && copy[n] != '#' && copy[n] != '?')
		n++;
	copy[n] = '\0';
	if (wq_url_scheme_len(copy) || !strncmp(copy, "//", 2)) {
		wq_diag_warn(t->diag, file, line, col,
			     "table of contents entry '%s' is not a file of the sources (skipped)",
			     copy);
		goto done;
	}
	if (copy[0] == '/' || !strncmp(copy, "~/", 2)) {
		/* From the top of the sources (DocFX writes ~/). */
		wq_url_put_decoded(&joined, copy + (copy[0] == '/' ? 1 : 2),
				   strlen(copy) - (copy[0] == '/' ? 1 : 2));
	} else {
		if (*base) {
			wq_buf_puts(&joined, base);
			wq_buf_putc(&joined, '/');
		}
		wq_url_put_decoded(&joined, copy, n);
	}
	if (!wq_fs_rel_is_safe(wq_buf_cstr(&joined), joined.len)) {
		wq_diag_warn(t->diag, file, line, col,
			     "table of contents entry '%s' points outside the source folder (skipped)",
			     copy);
		goto done;
	}
	{
		char *norm = wq_fs_rel_normalise(joined.ptr, joined.len);
		wq_buf_clear(out);
		wq_buf_puts(out, norm);
		free(norm);
	}
	ok = true;
done:
	free(copy);
	wq_buf_dispose(&joined);
	return ok;
}

/* Whether the target @p rel is a folder of the sources. */
static bool is_folder(const wq_toc *t, const char *rel)
{
	char *full = wq_fs_join(t->source_dir, *rel ? rel : ".");
	bool dir = wq_fs_is_dir(full);

	free(full);
	return dir;
}

/* The folder part of @p rel ("" at the top). */
static char *folder_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return wq_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
}

/* ------------------------------------------------------ SUMMARY.md */

/* The end of a bracketed span starting at @p p (an '[' or '('), with
 * backslash escapes and nested pairs, or NULL. */
static const char *closing(const char *p, const char *end)
{
	char open = *p, close = open == '[' ? ']' : ')';
	int level = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
		} else if (*p == open) {
			level++;
		} else if (*p == close && --level == 0) {
			return p;
		}
	}
	return NULL;
}

/* A link's text as a name: backslash escapes undone, code marks dropped. */
static void put_name(wq_buf *out, const char *s, size_t len)
{
	size_t i;

	wq_buf_clear(out);
	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		else if (s[i] == '`')
			continue;
		wq_buf_putc(out, s[i]);
	}
}

/* `[title](href)` at @p p: the title's and the href's spans. */
static bool parse_link(const char *p, const char *end, const char **title, size_t *title_len,
		       const char **href, size_t *href_len)
{
	const char *tend, *hend, *h;

	if (p >= end || *p != '[' || !(tend = closing(p, end)) || tend + 1 >= end ||
	    tend[1] != '(' || !(hend = closing(tend + 1, end)))
		return false;
	*title = p + 1;
	*title_len = (size_t)(tend - p - 1);
	h = tend + 2;
	while (h < hend && (*h == ' ' || *h == '\t'))
		h++;
	if (h < hend && *h == '<') {
		const char *gt = memchr(h, '>', (size_t)(hend - h));
		*href = h + 1;
		*href_len = gt ? (size_t)(gt - h - 1) : (size_t)(hend - h - 1);
		return true;
	}
	*href = h;
	while (h < hend && *h != ' ' && *h != '\t')
		h++; /* a link title may follow: not part of the path */
	*href_len = (size_t)(h - *href);
	return true;
}

/* One chapter: a GROUP when it has no path or cannot be used. */
static void summary_chapter(wq_toc *t, wq_buf *name, wq_buf *path, const char *link,
			    const char *end, unsigned depth, const char *file, unsigned line,
			    unsigned col)
{
	const char *title, *href;
	size_t title_len, href_len;
	wq_toc_kind kind = WQ_TOC_GROUP;

	if (!parse_link(link, end, &title, &title_len, &href, &href_len)) {
		wq_diag_warn(t->diag, file, line, col,
			     "not a table of contents entry: expected '[Title](file.md)' (skipped)");
		return;
	}
	put_name(name, title, title_len);
	if (href_len && resolve(t, path, "", href, href_len, file, line, col))
		kind = is_folder(t, wq_buf_cstr(path)) ? WQ_TOC_FOLDER : WQ_TOC_PAGE;
	add_entry(t, kind, name->ptr ? name->ptr : "", name->len, wq_buf_cstr(path), depth, file,
		  line, col);
}

/* A line that is all '-', '*' or '_' (three or more, spaces between): a
 * separator. */
static bool is_rule(const char *p, const char *end)
{
	char c = *p;
	size_t n = 0;

	if (c != '-' && c != '*' && c != '_')
		return false;
	for (; p < end; p++) {
		if (*p == c)
			n++;
		else if (*p != ' ' && *p != '\t')
			return false;
	}
	return n >= 3;
}

static void read_summary(wq_toc *t, const char *text, size_t len, const char *file)
{
	unsigned indents[WQ_TOC_MAX_DEPTH + 1];
	size_t nindents = 0;
	const char *p = text, *end = text + len;
	wq_buf name = WQ_BUF_INIT, path = WQ_BUF_INIT;
	bool titled = false, in_part = false;
	unsigned line = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *s = p, *e;
		unsigned indent = 0, col;

		if (!eol)
			eol = end;
		line++;
		e = eol;
		while (s < e && (*s == ' ' || *s == '\t')) {
			indent += *s == '\t' ? 4 - indent % 4 : 1;
			s++;
		}
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		col = (unsigned)wq_text_chars(p, (size_t)(s - p)) + 1;
		if (s == e || is_rule(s, e)) {
			/* blank, or a separator */
		} else if (*s == '#') {
			const char *h = s;
			while (h < e && *h == '#')
				h++;
			while (h < e && (*h == ' ' || *h == '\t'))
				h++;
			while (e > h && (e[-1] == '#' || e[-1] == ' '))
				e--;
			if (!titled && !t->n) {
				titled = true; /* "# Summary": the file's own title */
			} else {
				add_entry(t, WQ_TOC_GROUP, h, (size_t)(e - h), NULL, 0, file, line, col);
				in_part = true;
			}
			nindents = 0;
		} else if ((*s == '-' || *s == '*' || *s == '+') && s + 1 < e &&
			   (s[1] == ' ' || s[1] == '\t')) {
			/* A numbered chapter: its list's nesting from its indentation. */
			const char *link = s + 2;
			while (nindents && indent < indents[nindents - 1])
				nindents--;
			if (!nindents || indent > indents[nindents - 1]) {
				if (nindents <= WQ_TOC_MAX_DEPTH)
					indents[nindents++] = indent;
				else
					indents[nindents - 1] = indent;
			}
			while (link < e && (*link == ' ' || *link == '\t'))
				link++;
			titled = true;
			summary_chapter(t, &name, &path, link, e,
					(unsigned)(nindents - 1) + (in_part ? 1u : 0u), file, line,
					col + (unsigned)wq_text_chars(s, (size_t)(link - s)));
		} else if (*s == '[') {
			/* A prefix or suffix chapter: at the top, outside any part. */
			titled = true;
			in_part = false;
			nindents = 0;
			summary_chapter(t, &name, &path, s, e, 0, file, line, col);
		} else {
			wq_diag_warn(t->diag, file, line, col,
				     "not a table of contents entry: expected '- [Title](file.md)' "
				     "(skipped)");
		}
		p = eol < end ? eol + 1 : end;
	}
	wq_buf_dispose(&name);
	wq_buf_dispose(&path);
}

/* --------------------------------------------------------- toc.yml */

typedef struct yml_chain {
	const char *rel[WQ_TOC_MAX_FILES_DEEP + 1];
	size_t n;
} yml_chain;

static int read_yml(wq_toc *t, const char *rel, unsigned depth, yml_chain *chain, wq_err *err);

/* A scalar as text (YAML reads `name: 2024` as a number). */
static const char *scalar_text(const wq_val *v, char num[32])
{
	const char *s = wq_val_get_str(v, NULL);

	if (s || wq_val_kind_of(v) != WQ_VAL_NUM)
		return s;
	wq_val_format_num(num, 32, wq_val_get_num(v));
	return num;
}

/* The toc.yml an href names: the file itself, or the one in the folder it
 * names; NULL when it names neither. */
static char *nested_yml(const wq_toc *t, const char *path)
{
	size_t i;

	if (is_yml_name(base_name(path)))
		return wq_xstrdup(path);
	if (!is_folder(t, path))
		return NULL;
	for (i = 0; yml_names[i]; i++) {
		char *rel = *path ? wq_fs_join(path, yml_names[i]) : wq_xstrdup(yml_names[i]);
		char *full = wq_fs_join(t->source_dir, rel);
		bool found = wq_fs_is_file(full);
		free(full);
		if (found)
			return rel;
		free(rel);
	}
	return NULL;
}

/* The entries of a list of toc.yml items, written in @p file (relative
 * path @p rel). */
static int yml_items(wq_toc *t, const wq_val *items, const char *rel, const char *file,
		     unsigned depth, yml_chain *chain, wq_err *err)
{
	char *base = folder_of(rel);
	wq_buf path = WQ_BUF_INIT, topic = WQ_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < wq_val_count(items) && rc == 0; i++) {
		const wq_val *item = wq_val_at(items, i);
		unsigned line = wq_val_line(item), col = wq_val_col(item);
		char num[32];
		const char *name = scalar_text(wq_val_get(item, "name"), num);
		const char *href = wq_val_get_str(wq_val_get(item, "href"), NULL);
		const char *topic_href = wq_val_get_str(wq_val_get(item, "topicHref"), NULL);
		const wq_val *children = wq_val_get(item, "items");
		wq_toc_kind kind = WQ_TOC_GROUP;
		char *nested = NULL;
		const char *target = NULL;

		if (wq_val_kind_of(item) != WQ_VAL_MAP) {
			wq_diag_warn(t->diag, file, line, col,
				     "not a table of contents entry: expected 'name:' and 'href:' "
				     "(skipped)");
			continue;
		}
		if (href && *href && resolve(t, &path, base, href, strlen(href), file, line, col)) {
			nested = nested_yml(t, wq_buf_cstr(&path));
			if (nested) {
				/* Its folder is this entry's; its entries are its children. */
				char *folder = folder_of(nested);
				wq_buf_clear(&path);
				wq_buf_puts(&path, folder);
				free(folder);
				kind = WQ_TOC_FOLDER;
			} else {
				kind = is_folder(t, wq_buf_cstr(&path)) ? WQ_TOC_FOLDER : WQ_TOC_PAGE;
			}
			target = wq_buf_cstr(&path);
		}
		if (topic_href && *topic_href &&
		    resolve(t, &topic, base, topic_href, strlen(topic_href), file, line, col)) {
			/* The entry's own page (DocFX's landing page). */
			kind = WQ_TOC_PAGE;
			target = wq_buf_cstr(&topic);
		}
		add_entry(t, kind, name ? name : "", name ? strlen(name) : 0, target, depth, file,
			  line, col);
		if (nested) {
			size_t k;
			for (k = 0; k < chain->n && strcmp(chain->rel[k], nested); k++)
				;
			if (k < chain->n || chain->n > WQ_TOC_MAX_FILES_DEEP) {
				wq_diag_warn(t->diag, file, line, col,
					     "'%s' %s (not read again)", nested,
					     k < chain->n ? "is a table of contents that includes itself" :
							    "nests tables of contents too deep");
			} else {
				rc = read_yml(t, nested, depth + 1, chain, err);
			}
			free(nested);
		}
		if (rc == 0 && wq_val_kind_of(children) == WQ_VAL_LIST)
			rc = yml_items(t, children, rel, file, depth + 1, chain, err);
	}
	wq_buf_dispose(&path);
	wq_buf_dispose(&topic);
	free(base);
	return rc;
}

static int read_yml(wq_toc *t, const char *rel, unsigned depth, yml_chain *chain, wq_err *err)
{
	char *full = wq_fs_join(t->source_dir, rel);
	const char *file;
	const wq_val *items;
	wq_val *doc = NULL;
	int rc;

	if (!wq_fs_is_file(full)) {
		wq_diag_warn(t->diag, t->n ? t->entries[t->n - 1].file : NULL,
			     t->n ? t->entries[t->n - 1].line : 0, t->n ? t->entries[t->n - 1].col : 0,
			     "table of contents '%s' not found (skipped)", rel);
		free(full);
		return 0;
	}
	free(full);
	file = add_file(t, rel);
	if ((rc = wq_yaml_load_file(&doc, file, err)) < 0)
		return rc;
	/* A list of entries, or (DocFX v3) a mapping with `items`. */
	items = wq_val_kind_of(doc) == WQ_VAL_MAP ? wq_val_get(doc, "items") : doc;
	if (wq_val_kind_of(items) == WQ_VAL_LIST) {
		chain->rel[chain->n++] = rel;
		rc = yml_items(t, items, rel, file, depth, chain, err);
		chain->n--;
	} else if (wq_val_kind_of(doc) != WQ_VAL_NULL) {
		wq_diag_warn(t->diag, file, wq_val_line(doc), wq_val_col(doc),
			     "a table of contents is a list of entries ('- name: …' and "
			     "'href: …'): nothing read");
	}
	wq_val_free(doc);
	return rc;
}

/* ------------------------------------------------------------- table */

int wq_toc_read(wq_toc **out, const char *source_dir, const char *name, wq_diag *diag,
		wq_err *err)
{
	wq_toc *t = wq_xcalloc(1, sizeof(*t));
	int rc = 0;

	*out = NULL;
	t->source_dir = source_dir;
	t->diag = diag;
	if (is_yml_name(name)) {
		yml_chain chain;
		chain.n = 0;
		rc = read_yml(t, name, 0, &chain, err);
	} else {
		wq_buf raw = WQ_BUF_INIT, text = WQ_BUF_INIT;
		const char *file = add_file(t, name);
		if ((rc = wq_fs_read(&raw, file, err)) == 0 &&
		    (rc = wq_text_check_utf8(raw.ptr ? raw.ptr : "", raw.len, file, err)) == 0 &&
		    (rc = wq_text_clean(&text, raw.ptr ? raw.ptr : "", raw.len, err)) == 0)
			read_summary(t, wq_buf_cstr(&text), text.len, file);
		wq_buf_dispose(&raw);
		wq_buf_dispose(&text);
	}
	if (rc < 0) {
		wq_toc_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

const wq_toc_entry *wq_toc_entries(const wq_toc *t, size_t *n)
{
	*n = t ? t->n : 0;
	return t ? t->entries : NULL;
}

void wq_toc_free(wq_toc *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->entries[i].title);
		free(t->entries[i].path);
	}
	free(t->entries);
	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->files);
	free(t);
}
