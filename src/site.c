#include "site.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "card.h"
#include "fsutil.h"
#include "mem.h"
#include "pool.h"
#include "text.h"
#include "toc.h"

static const wq_doc *links_doc_at_path(void *ctx, const char *rel)
{
	return wq_site_find_by_rel(ctx, rel);
}

static const wq_doc *links_doc_at_url(void *ctx, const char *url, size_t len)
{
	return wq_site_find_by_url(ctx, url, len);
}

static bool links_is_file(void *ctx, const char *rel)
{
	return wq_site_has_file(ctx, rel) != 0;
}

static bool links_is_section(void *ctx, const char *path)
{
	return wq_site_find_section(ctx, path) >= 0;
}

const wq_md_links *wq_site_links(const wq_site *site)
{
	return &site->links;
}

wq_site *wq_site_new(wq_config *config, const char *source_dir, wq_diag *diag)
{
	wq_site *s = wq_xcalloc(1, sizeof(*s));

	s->config = config;
	s->diag = diag;
	s->source_dir = wq_xstrdup(source_dir);
	s->by_rel = wq_strmap_new();
	s->by_url = wq_strmap_new();
	s->file_set = wq_strmap_new();
	s->index_by_section = wq_strmap_new();
	s->by_section_url = wq_strmap_new();
	s->links.ctx = s;
	s->links.doc_at_path = links_doc_at_path;
	s->links.doc_at_url = links_doc_at_url;
	s->links.is_file = links_is_file;
	s->links.is_section = links_is_section;
	s->links.diag = diag;
	return s;
}

void wq_site_free(wq_site *s)
{
	size_t i;

	if (!s)
		return;
	wq_cards_free(s->cards);
	for (i = 0; i < s->ndocs; i++)
		wq_doc_free(s->docs[i]);
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	for (i = 0; i < s->nsections; i++) {
		free(s->sections[i]);
		free(s->section_urls[i]);
	}
	free(s->sections);
	free(s->section_urls);
	for (i = 0; i < s->ntags; i++) {
		free(s->tags[i].name);
		free(s->tags[i].url);
		free(s->tags[i].docs);
	}
	free(s->tags);
	for (i = 0; i < s->nindexes; i++)
		wq_doc_free(s->indexes[i]);
	free(s->indexes);
	free(s->docs);
	free(s->files);
	wq_strmap_free(s->by_rel);
	wq_strmap_free(s->by_url);
	wq_strmap_free(s->file_set);
	wq_strmap_free(s->index_by_section);
	wq_strmap_free(s->by_section_url);
	free(s->section_docs);
	free(s->section_first);
	free(s->tree.nodes);
	free(s->tree.kids);
	free(s->tree.order);
	free(s->tree.pos);
	free(s->tree.doc_node);
	free(s->tree.section_node);
	for (i = 0; i < s->tree.ntitles; i++)
		free(s->tree.titles[i]);
	for (i = 0; s->tree.title_html && i < s->tree.nnodes; i++)
		free(s->tree.title_html[i]);
	free(s->tree.title_html);
	free(s->tree.titles);
	free(s->source_dir);
	free(s->source_real);
	free(s->book_file);
	wq_config_free(s->config);
	free(s);
}

void wq_site_add_doc(wq_site *s, wq_doc *doc)
{
	WQ_APPEND(s->docs, s->ndocs, doc);
	wq_strmap_add(s->by_rel, doc->rel, strlen(doc->rel), doc);
}

void wq_site_add_index(wq_site *s, wq_doc *doc)
{
	WQ_APPEND(s->indexes, s->nindexes, doc);
	wq_strmap_add(s->index_by_section, doc->section, strlen(doc->section), doc);
}

void wq_site_add_file(wq_site *s, const char *rel)
{
	char *copy = wq_xstrdup(rel);

	WQ_APPEND(s->files, s->nfiles, copy);
	wq_strmap_add(s->file_set, copy, strlen(copy), copy);
}

const wq_doc *wq_site_section_index(const wq_site *s, const char *section, size_t len)
{
	return wq_strmap_get(s->index_by_section, section, len);
}

wq_doc *wq_site_find_by_rel(const wq_site *s, const char *rel)
{
	return wq_strmap_get(s->by_rel, rel, strlen(rel));
}

int wq_site_has_file(const wq_site *s, const char *rel)
{
	return wq_strmap_get(s->file_set, rel, strlen(rel)) != NULL;
}

const wq_doc *wq_site_index_urls(wq_site *s, const wq_doc **first)
{
	size_t i;

	for (i = 0; i < s->ndocs; i++) {
		wq_doc *d = s->docs[i];
		const wq_doc *had = wq_strmap_add(s->by_url, d->url, strlen(d->url), d);
		if (had) {
			*first = had;
			return d;
		}
	}
	return NULL;
}

const wq_doc *wq_site_find_by_url(const wq_site *s, const char *url, size_t len)
{
	return wq_strmap_get(s->by_url, url, len);
}

const char *wq_site_section_at_url(const wq_site *s, const char *url, size_t len)
{
	return wq_strmap_get(s->by_section_url, url, len);
}

/* The site's order, for documents and the tree's folders alike: weighted
 * first (lightest first), then dated (newest first), then by name. */
static int compare_order(double wa, bool da, int64_t ta, const char *na, double wb, bool db,
			 int64_t tb, const char *nb)
{
	if ((wa != 0) != (wb != 0))
		return wa != 0 ? -1 : 1;
	if (wa != wb)
		return wa < wb ? -1 : 1;
	if (da != db)
		return da ? -1 : 1;
	if (da && ta != tb)
		return ta > tb ? -1 : 1;
	return strcmp(na, nb);
}

static int compare_docs(const void *pa, const void *pb)
{
	const wq_doc *a = *(wq_doc *const *)pa, *b = *(wq_doc *const *)pb;

	return compare_order(a->weight, a->has_date, a->date, a->rel, b->weight, b->has_date,
			     b->date, b->rel);
}

void wq_site_sort(wq_site *s)
{
	size_t i;

	if (s->ndocs > 1)
		qsort(s->docs, s->ndocs, sizeof(*s->docs), compare_docs);
	for (i = 0; i < s->ndocs; i++)
		s->docs[i]->index = i;
	wq_cards_free(s->cards);
	s->cards = wq_cards_new(s->ndocs);
}

static int compare_strings(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

bool wq_site_doc_in_section(const wq_doc *doc, const char *section, size_t len)
{
	const char *sec = doc->section;

	return !strncmp(sec, section, len) && (sec[len] == '\0' || sec[len] == '/');
}

long wq_site_find_section(const wq_site *s, const char *section)
{
	char *const *hit;

	if (!s->nsections)
		return -1;
	hit = bsearch(&section, s->sections, s->nsections, sizeof(*s->sections), compare_strings);
	return hit ? (long)(hit - s->sections) : -1;
}

char *wq_site_section_url_path(const wq_config *config, const char *section, size_t len)
{
	wq_buf url = WQ_BUF_INIT, part = WQ_BUF_INIT;
	const char *p = section, *end = section + len;

	wq_buf_puts(&url, config->url_prefix ? config->url_prefix : "");
	if (!config->ascii_slugs) {
		wq_buf_put(&url, section, len);
		return wq_buf_detach(&url);
	}
	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
		char *name = wq_xstrndup(p, n);
		wq_text_ascii_slug(&part, name, n, name);
		if (url.len && url.ptr[url.len - 1] != '/')
			wq_buf_putc(&url, '/');
		wq_buf_put(&url, part.ptr, part.len);
		free(name);
		p += n + (slash ? 1 : 0);
	}
	wq_buf_dispose(&part);
	return wq_buf_detach(&url);
}

const char *wq_site_section_url(const wq_site *s, const char *section, size_t len)
{
	char *key = wq_xstrndup(section, len);
	long i = wq_site_find_section(s, key);

	free(key);
	return i < 0 ? NULL : s->section_urls[i];
}

void wq_site_sort_tags(wq_site *s)
{
	const char **names;
	size_t *order, i;
	wq_tag *sorted;

	if (s->ntags < 2)
		return;
	names = wq_xmalloc(s->ntags * sizeof(*names));
	order = wq_xmalloc(s->ntags * sizeof(*order));
	sorted = wq_xmalloc(s->ntags * sizeof(*sorted));
	for (i = 0; i < s->ntags; i++)
		names[i] = s->tags[i].name;
	wq_text_collation_order(order, names, s->ntags, s->lang);
	for (i = 0; i < s->ntags; i++)
		sorted[i] = s->tags[order[i]];
	free(s->tags);
	s->tags = sorted;
	free(names);
	free(order);
}

/* The tag @p name is, added when new: found by its name, else by its slug
 * (so that `Data` and `data` are one).  The maps hold the tag's index (the
 * array moves as it grows; the names it points to do not). */
static wq_tag *tag_named(wq_site *s, wq_strmap *by_name, wq_strmap *by_slug, const char *name,
			 wq_buf *slug, wq_buf *id)
{
	wq_tag *t;
	size_t k;

	if (wq_strmap_get_index(by_name, name, strlen(name), &k))
		return &s->tags[k];
	wq_text_make_id(id, name, strlen(name));
	if (s->config->ascii_slugs) {
		wq_text_ascii_slug(slug, name, strlen(name), wq_buf_cstr(id));
	} else {
		wq_buf_clear(slug);
		wq_buf_put(slug, id->ptr, id->len);
	}
	if (!wq_strmap_get_index(by_slug, slug->ptr, slug->len, &k)) {
		s->tags = wq_xgrow(s->tags, s->ntags, sizeof(*s->tags));
		k = s->ntags++;
		t = &s->tags[k];
		t->name = wq_xstrdup(name);
		{
			wq_buf u = WQ_BUF_INIT;
			wq_buf_printf(&u, "%stags/%s", s->config->url_prefix ?
							       s->config->url_prefix : "",
				      slug->ptr);
			t->url = wq_buf_detach(&u);
		}
		t->docs = NULL;
		t->ndocs = 0;
		/* keyed by the slug, the end of its URL (borrowed) */
		wq_strmap_add_index(by_slug, t->url + strlen(t->url) - slug->len, slug->len, k,
				    NULL);
	}
	/* This spelling finds the tag by name next time (@p name lives in a
	 * document's front matter, as long as the site). */
	wq_strmap_add_index(by_name, name, strlen(name), k, NULL);
	return &s->tags[k];
}

void wq_site_collect_tags(wq_site *s)
{
	wq_buf slug = WQ_BUF_INIT, id = WQ_BUF_INIT;
	wq_strmap *by_name = wq_strmap_new(), *by_slug = wq_strmap_new();
	size_t i, j;

	for (i = 0; i < s->ndocs; i++) {
		const wq_val *tags = s->docs[i]->tags;
		for (j = 0; j < wq_val_count(tags); j++) {
			const char *name = wq_val_get_str(wq_val_at(tags, j), NULL);
			wq_tag *t;
			if (!name || !*name)
				continue;
			t = tag_named(s, by_name, by_slug, name, &slug, &id);
			if (t->ndocs && t->docs[t->ndocs - 1] == i)
				continue; /* the same tag twice on one document */
			WQ_APPEND(t->docs, t->ndocs, i);
		}
	}
	wq_strmap_free(by_name);
	wq_strmap_free(by_slug);
	wq_buf_dispose(&slug);
	wq_buf_dispose(&id);
}

bool wq_tag_has_doc(const wq_tag *tag, size_t doc)
{
	size_t lo = 0, hi = tag->ndocs;

	/* tag->docs is in ascending order: documents are visited in site order. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tag->docs[mid] == doc)
			return true;
		if (tag->docs[mid] < doc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void add_section(wq_site *s, wq_strmap *seen, const char *section, size_t len)
{
	char *copy;

	if (wq_strmap_get(seen, section, len))
		return;
	copy = wq_xstrndup(section, len);
	WQ_APPEND(s->sections, s->nsections, copy);
	wq_strmap_add(seen, copy, len, copy);
}

void wq_site_collect_sections(wq_site *s)
{
	wq_strmap *seen = wq_strmap_new();
	size_t i;

	for (i = 0; i < s->nsections; i++) {
		free(s->sections[i]);
		free(s->section_urls[i]);
	}
	free(s->sections);
	s->sections = NULL;
	s->nsections = 0;
	for (i = 0; i < s->ndocs; i++) {
		const char *sec = s->docs[i]->section, *p;
		if (!*sec)
			continue;
		/* "a/b/c" is in "a/b" and "a" too. */
		for (p = strchr(sec, '/'); p; p = strchr(p + 1, '/'))
			add_section(s, seen, sec, (size_t)(p - sec));
		add_section(s, seen, sec, strlen(sec));
	}
	wq_strmap_free(seen);
	if (s->nsections > 1)
		qsort(s->sections, s->nsections, sizeof(*s->sections), compare_strings);
	s->section_urls = wq_xrealloc(s->section_urls,
				      (s->nsections ? s->nsections : 1) * sizeof(*s->section_urls));
	wq_strmap_free(s->by_section_url);
	s->by_section_url = wq_strmap_new();
	for (i = 0; i < s->nsections; i++) {
		s->section_urls[i] =
			wq_site_section_url_path(s->config, s->sections[i], strlen(s->sections[i]));
		wq_strmap_add(s->by_section_url, s->section_urls[i], strlen(s->section_urls[i]),
			      s->sections[i]);
	}
}

void wq_site_list_section_docs(wq_site *s)
{
	size_t i, total = 0;
	size_t *fill;

	free(s->section_docs);
	free(s->section_first);
	s->section_first = wq_xcalloc(s->nsections + 1, sizeof(*s->section_first));
	/* Count, then place: a document is in its folder and every folder above. */
	for (i = 0; i < s->ndocs; i++) {
		const char *sec = s->docs[i]->section, *p;
		if (!*sec)
			continue;
		for (p = strchr(sec, '/'); p; p = strchr(p + 1, '/')) {
			char *key = wq_xstrndup(sec, (size_t)(p - sec));
			s->section_first[wq_site_find_section(s, key) + 1]++;
			free(key);
		}
		s->section_first[wq_site_find_section(s, sec) + 1]++;
	}
	for (i = 0; i < s->nsections; i++)
		s->section_first[i + 1] += s->section_first[i];
	total = s->section_first[s->nsections];
	s->section_docs = wq_xmalloc((total ? total : 1) * sizeof(*s->section_docs));
	fill = wq_xmalloc((s->nsections ? s->nsections : 1) * sizeof(*fill));
	memcpy(fill, s->section_first, s->nsections * sizeof(*fill));
	for (i = 0; i < s->ndocs; i++) {
		const char *sec = s->docs[i]->section, *p;
		if (!*sec)
			continue;
		for (p = strchr(sec, '/'); p; p = strchr(p + 1, '/')) {
			char *key = wq_xstrndup(sec, (size_t)(p - sec));
			s->section_docs[fill[wq_site_find_section(s, key)]++] = i;
			free(key);
		}
		s->section_docs[fill[wq_site_find_section(s, sec)]++] = i;
	}
	free(fill);
}

const size_t *wq_site_section_docs(const wq_site *s, size_t section, size_t *n)
{
	*n = s->section_first[section + 1] - s->section_first[section];
	return s->section_docs + s->section_first[section];
}

/* The first segment of a site-absolute link: "/docs/a/b" gives "docs". */
static size_t first_segment(const char *url, const char **seg)
{
	const char *p = url + 1, *e = p;

	while (*e && *e != '/' && *e != '#' && *e != '?')
		e++;
	*seg = p;
	return (size_t)(e - p);
}

void wq_site_report_unmatched(wq_site *site)
{
	wq_strmap *count = wq_strmap_new();
	size_t *counts = NULL, nkeys = 0, i, k, pos;
	wq_buf key = WQ_BUF_INIT;
	char **keys = NULL;

	/* Two passes: count the links under each segment, then report the
	 * first of each with the count. */
	for (i = 0; i < site->ndocs; i++) {
		const wq_doc *d = site->docs[i];
		for (k = 0; k < d->nunmatched; k++) {
			const char *seg;
			size_t n = first_segment(d->unmatched[k].url, &seg);
			if (counts && wq_strmap_get_index(count, seg, n, &pos)) {
				counts[pos]++;
				continue;
			}
			{
				size_t at = nkeys;
				WQ_APPEND(keys, at, wq_xstrndup(seg, n));
				at = nkeys;
				WQ_APPEND(counts, at, 1);
				nkeys = at;
			}
			wq_strmap_add_index(count, keys[nkeys - 1], n, nkeys - 1, NULL);
		}
	}
	for (i = 0; i < site->ndocs; i++) {
		wq_doc *d = site->docs[i];
		for (k = 0; k < d->nunmatched; k++) {
			const wq_unmatched_link *u = &d->unmatched[k];
			const char *seg;
			size_t n = first_segment(u->url, &seg);
			if (!wq_strmap_get_index(count, seg, n, &pos) || !counts[pos])
				continue;
			wq_buf_clear(&key);
			if (counts[pos] > 1)
				wq_buf_printf(&key, " (and %zu more links under '/%.*s/')",
					      counts[pos] - 1, (int)n, seg);
			wq_diag_warn(site->diag, u->file, u->line, u->col,
				     "link to '%s': no source matches it%s", u->url,
				     wq_buf_cstr(&key));
			counts[pos] = 0; /* reported */
		}
		wq_doc_clear_unmatched(d);
	}
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(counts);
	wq_buf_dispose(&key);
	wq_strmap_free(count);
}

/* ------------------------------------------------------------ the tree */

/* A node while the tree is made: its children in a growable list. */
typedef struct tnode {
	wq_tree_kind kind;
	size_t item;
	const char *title;
	size_t *kids;
	size_t nkids;
	size_t docs;  /* documents in it and below it */
	size_t final; /* its index in the finished tree, or SIZE_MAX when left out */
} tnode;

/* Folders are numbered 0 for the top and j + 1 for section j. */
typedef struct tbuild {
	wq_site *s;
	tnode *n;
	size_t nn;
	bool *used;          /* per document: placed in the tree */
	size_t *doc_folder;  /* per document: its folder */
	size_t *up;          /* per folder: the folder it is in (the top's: 0) */
	size_t *left;        /* per folder: documents in it or below not placed yet */
	size_t *fdocs, *ffirst; /* per folder: its own documents, in site order */
	size_t *fsubs, *fsfirst; /* per folder: the folders directly in it, sorted */
	size_t nfinal, npos;
	size_t *temp_of;     /* per finished node: the node it was made from */
} tbuild;

static size_t tree_node(tbuild *tb, size_t parent, wq_tree_kind kind, size_t item,
			const char *title)
{
	tnode n;

	memset(&n, 0, sizeof(n));
	n.kind = kind;
	n.item = item;
	n.title = title;
	n.final = SIZE_MAX;
	WQ_APPEND(tb->n, tb->nn, n);
	if (parent != SIZE_MAX)
		WQ_APPEND(tb->n[parent].kids, tb->n[parent].nkids, tb->nn - 1);
	return tb->nn - 1;
}

static void tree_use(tbuild *tb, size_t doc)
{
	size_t f = tb->doc_folder[doc];

	tb->used[doc] = true;
	for (;;) {
		tb->left[f]--;
		if (!f)
			break;
		f = tb->up[f];
	}
}

/* The folder of a section path (need not end in NUL), 0 for the top. */
static size_t folder_of_path(const wq_site *s, const char *path, size_t len)
{
	char *key;
	long j;

	if (!len)
		return 0;
	key = wq_xstrndup(path, len);
	j = wq_site_find_section(s, key);
	free(key);
	return j < 0 ? 0 : (size_t)j + 1;
}

/* Count into offsets, then place: @p of gives each of @p n items its folder. */
static void folder_lists(size_t **items, size_t **first, size_t nf, const size_t *of, size_t n,
			 size_t skip)
{
	size_t i, *fill;

	*first = wq_xcalloc(nf + 1, sizeof(**first));
	for (i = skip; i < n; i++)
		(*first)[of[i] + 1]++;
	for (i = 0; i < nf; i++)
		(*first)[i + 1] += (*first)[i];
	*items = wq_xmalloc((n ? n : 1) * sizeof(**items));
	fill = wq_xmalloc(nf * sizeof(*fill));
	memcpy(fill, *first, nf * sizeof(*fill));
	for (i = skip; i < n; i++)
		(*items)[fill[of[i]]++] = i;
	free(fill);
}

static void tree_start(tbuild *tb, wq_site *s)
{
	size_t nf = s->nsections + 1, i, f;

	memset(tb, 0, sizeof(*tb));
	tb->s = s;
	tb->used = wq_xcalloc(s->ndocs ? s->ndocs : 1, sizeof(*tb->used));
	tb->doc_folder = wq_xmalloc((s->ndocs ? s->ndocs : 1) * sizeof(*tb->doc_folder));
	tb->up = wq_xcalloc(nf, sizeof(*tb->up));
	tb->left = wq_xcalloc(nf, sizeof(*tb->left));
	for (i = 0; i < s->nsections; i++) {
		const char *slash = strrchr(s->sections[i], '/');
		tb->up[i + 1] = slash ? folder_of_path(s, s->sections[i],
						       (size_t)(slash - s->sections[i])) : 0;
	}
	for (i = 0; i < s->ndocs; i++) {
		tb->doc_folder[i] = folder_of_path(s, s->docs[i]->section,
						   strlen(s->docs[i]->section));
		for (f = tb->doc_folder[i];; f = tb->up[f]) {
			tb->left[f]++;
			if (!f)
				break;
		}
	}
	folder_lists(&tb->fdocs, &tb->ffirst, nf, tb->doc_folder, s->ndocs, 0);
	/* Folder f's parent is up[f]; folder 0 has none (skipped). */
	folder_lists(&tb->fsubs, &tb->fsfirst, nf, tb->up, nf, 1);
	tree_node(tb, SIZE_MAX, WQ_TREE_ROOT, 0, NULL);
}

static void tree_dispose(tbuild *tb)
{
	size_t i;

	for (i = 0; i < tb->nn; i++)
		free(tb->n[i].kids);
	free(tb->n);
	free(tb->used);
	free(tb->doc_folder);
	free(tb->up);
	free(tb->left);
	free(tb->fdocs);
	free(tb->ffirst);
	free(tb->fsubs);
	free(tb->fsfirst);
	free(tb->temp_of);
}

/* How a folder orders what it holds: weight, date, name (see wq_tree). */
typedef struct fkey {
	double weight;
	bool has_date;
	int64_t date;
	const char *name;
	bool folder;
	size_t item; /* a document, or a folder */
} fkey;

static int compare_keys(const void *pa, const void *pb)
{
	const fkey *a = pa, *b = pb;

	return compare_order(a->weight, a->has_date, a->date, a->name, b->weight, b->has_date,
			     b->date, b->name);
}

/* Place under node @p parent what folder @p f holds that is not placed yet:
 * its documents, and its folders (as sections) with theirs. */
static void attach_folder(tbuild *tb, size_t parent, size_t f)
{
	const wq_site *s = tb->s;
	size_t nkeys = 0, i;
	fkey *keys;

	keys = wq_xmalloc((tb->ffirst[f + 1] - tb->ffirst[f] + tb->fsfirst[f + 1] - tb->fsfirst[f] +
			   1) * sizeof(*keys));
	for (i = tb->ffirst[f]; i < tb->ffirst[f + 1]; i++) {
		const wq_doc *d = s->docs[tb->fdocs[i]];
		if (tb->used[tb->fdocs[i]])
			continue;
		keys[nkeys].weight = d->weight;
		keys[nkeys].has_date = d->has_date;
		keys[nkeys].date = d->date;
		keys[nkeys].name = d->rel;
		keys[nkeys].folder = false;
		keys[nkeys++].item = tb->fdocs[i];
	}
	for (i = tb->fsfirst[f]; i < tb->fsfirst[f + 1]; i++) {
		size_t sub = tb->fsubs[i];
		const char *path = s->sections[sub - 1];
		const wq_doc *idx = wq_site_section_index(s, path, strlen(path));
		if (!tb->left[sub])
			continue;
		keys[nkeys].weight = idx ? idx->weight : 0;
		keys[nkeys].has_date = idx && idx->has_date;
		keys[nkeys].date = idx ? idx->date : 0;
		keys[nkeys].name = path;
		keys[nkeys].folder = true;
		keys[nkeys++].item = sub;
	}
	if (nkeys > 1)
		qsort(keys, nkeys, sizeof(*keys), compare_keys);
	for (i = 0; i < nkeys; i++) {
		if (keys[i].folder) {
			size_t node = tree_node(tb, parent, WQ_TREE_SECTION, keys[i].item - 1, NULL);
			attach_folder(tb, node, keys[i].item);
		} else {
			tree_node(tb, parent, WQ_TREE_DOC, keys[i].item, NULL);
			tree_use(tb, keys[i].item);
		}
	}
	free(keys);
}

static const char *keep_title(wq_tree *t, const char *title)
{
	char *copy;

	if (!title || !*title)
		return NULL;
	copy = wq_xstrdup(title);
	WQ_APPEND(t->titles, t->ntitles, copy);
	return copy;
}

/* The node for one entry of the table of contents, under @p parent; a
 * section's node is noted in @p folders (filled once every entry is placed). */
static size_t toc_node(tbuild *tb, size_t parent, const wq_toc_entry *e, size_t **folders,
		       size_t *nfolders)
{
	wq_site *s = tb->s;
	const char *title = keep_title(&s->tree, e->title);
	const char *group = title ? title : keep_title(&s->tree, e->path);
	const char *base = strrchr(e->path, '/');
	size_t node, len = strlen(e->path);
	long j = -1;

	base = base ? base + 1 : e->path;
	if (e->kind == WQ_TOC_PAGE && strcmp(base, "_index.md")) {
		wq_doc *doc = wq_site_find_by_rel(s, e->path);
		char *full;
		if (!doc && s->config->nlanguages) {
			/* A multilingual site's table of contents names the default
			 * language's files: another language's tree takes their
			 * versions in it (`report.en.md` for `report.md`), with
			 * their own titles, and leaves out the pages it has not. */
			wq_buf v = WQ_BUF_INIT;
			if (wq_config_language_file(&v, s->config, e->path, s->config->language))
				doc = wq_site_find_by_rel(s, v.ptr);
			wq_buf_dispose(&v);
			if (doc)
				title = NULL;
			full = wq_fs_join(s->source_dir, e->path);
			if (!doc && wq_fs_is_file(full)) {
				free(full);
				return parent;
			}
			free(full);
		}
		if (doc && !tb->used[doc->index]) {
			node = tree_node(tb, parent, WQ_TREE_DOC, doc->index, title);
			tree_use(tb, doc->index);
			return node;
		}
		full = wq_fs_join(s->source_dir, e->path);
		if (doc)
			wq_diag_warn(s->diag, e->file, e->line, e->col,
				     "'%s' is in the table of contents twice: the first place is kept",
				     e->path);
		else if (!wq_fs_is_file(full))
			wq_diag_warn(s->diag, e->file, e->line, e->col,
				     "table of contents entry '%s': no such file (skipped)", e->path);
		/* else a draft, an excluded or an included file: not a page. */
		free(full);
		return tree_node(tb, parent, WQ_TREE_GROUP, 0, group);
	}
	if (e->kind == WQ_TOC_PAGE) /* a section's _index.md stands for the section */
		len = base > e->path ? (size_t)(base - e->path) - 1 : 0;
	if (e->kind != WQ_TOC_GROUP && len) {
		char *key = wq_xstrndup(e->path, len);
		j = wq_site_find_section(s, key);
		free(key);
	}
	if (j < 0)
		return tree_node(tb, parent, WQ_TREE_GROUP, 0, group);
	node = tree_node(tb, parent, WQ_TREE_SECTION, (size_t)j, title);
	WQ_APPEND(*folders, *nfolders, node);
	return node;
}

/* The nodes of the table of contents, then what it leaves out. */
static void tree_from_toc(tbuild *tb, const wq_toc *toc)
{
	size_t under[WQ_TOC_MAX_DEPTH + 2], top = 0, n, i, *folders = NULL, nfolders = 0;
	const wq_toc_entry *e = wq_toc_entries(toc, &n);

	/* under[d]: where an entry of depth d goes. */
	under[0] = 0;
	for (i = 0; i < n; i++) {
		size_t d = e[i].depth > top ? top : e[i].depth;
		/* cppcheck-suppress unreadVariable ; read as under[d] by the entries after it */
		under[d + 1] = toc_node(tb, under[d], &e[i], &folders, &nfolders);
		top = d + 1;
	}
	/* A folder the table names holds what it does not name in it. */
	for (i = 0; i < nfolders; i++)
		attach_folder(tb, folders[i], tb->n[folders[i]].item + 1);
	free(folders);
}

/* Documents below each node (nodes without any are left out). */
static size_t tree_count(tbuild *tb, size_t t)
{
	size_t i, n = tb->n[t].kind == WQ_TREE_DOC;

	for (i = 0; i < tb->n[t].nkids; i++)
		n += tree_count(tb, tb->n[t].kids[i]);
	tb->n[t].docs = n;
	return n;
}

/* Number the nodes kept, parents first, and the documents in tree order. */
static void tree_number(tbuild *tb, size_t t, size_t parent, unsigned depth)
{
	wq_tree *tree = &tb->s->tree;
	wq_tree_node *node;
	size_t i, f;

	if (t && !tb->n[t].docs)
		return;
	f = tb->nfinal++;
	tb->n[t].final = f;
	tb->temp_of[f] = t;
	node = &tree->nodes[f];
	node->kind = tb->n[t].kind;
	node->item = tb->n[t].item;
	node->title = tb->n[t].title;
	node->parent = parent;
	node->depth = depth;
	node->first = tb->npos;
	if (node->kind == WQ_TREE_DOC) {
		tree->order[tb->npos] = node->item;
		tree->pos[node->item] = tb->npos;
		tree->doc_node[node->item] = f;
		tb->npos++;
	} else if (node->kind == WQ_TREE_SECTION && tree->section_node[node->item] == SIZE_MAX) {
		tree->section_node[node->item] = f;
	}
	for (i = 0; i < tb->n[t].nkids; i++)
		tree_number(tb, tb->n[t].kids[i], f, depth + 1);
	tree->nodes[f].end = tb->npos;
}

static void tree_finish(tbuild *tb)
{
	wq_site *s = tb->s;
	wq_tree *tree = &s->tree;
	size_t i, k, nk = 0, n = s->ndocs ? s->ndocs : 1;

	tree_count(tb, 0);
	tree->nodes = wq_xcalloc(tb->nn, sizeof(*tree->nodes));
	tree->kids = wq_xmalloc(tb->nn * sizeof(*tree->kids));
	tree->order = wq_xmalloc(n * sizeof(*tree->order));
	tree->pos = wq_xmalloc(n * sizeof(*tree->pos));
	tree->doc_node = wq_xmalloc(n * sizeof(*tree->doc_node));
	tree->section_node = wq_xmalloc((s->nsections ? s->nsections : 1) *
					sizeof(*tree->section_node));
	for (i = 0; i < s->nsections; i++)
		tree->section_node[i] = SIZE_MAX;
	tb->temp_of = wq_xmalloc(tb->nn * sizeof(*tb->temp_of));
	tree_number(tb, 0, 0, 0);
	tree->nnodes = tb->nfinal;
	tree->ndocs = tb->npos;
	for (i = 0; i < tree->nnodes; i++) {
		const tnode *t = &tb->n[tb->temp_of[i]];
		tree->nodes[i].kids = nk;
		for (k = 0; k < t->nkids; k++)
			if (tb->n[t->kids[k]].final != SIZE_MAX)
				tree->kids[nk++] = tb->n[t->kids[k]].final;
		tree->nodes[i].nkids = nk - tree->nodes[i].kids;
		if (i && (tree->nodes[i].nkids || tree->nodes[i].kind != WQ_TREE_DOC))
			tree->nested = true;
	}
}

/* The site's order made the tree's: documents renumbered. */
static void tree_to_site_order(wq_site *s)
{
	wq_tree *tree = &s->tree;
	wq_doc **docs = wq_xmalloc((s->ndocs ? s->ndocs : 1) * sizeof(*docs));
	size_t *doc_node = wq_xmalloc((s->ndocs ? s->ndocs : 1) * sizeof(*doc_node));
	size_t k;

	for (k = 0; k < s->ndocs; k++) {
		docs[k] = s->docs[tree->order[k]];
		docs[k]->index = k;
		doc_node[k] = tree->doc_node[tree->order[k]];
		tree->nodes[doc_node[k]].item = k;
	}
	for (k = 0; k < s->ndocs; k++)
		tree->order[k] = tree->pos[k] = k;
	free(s->docs);
	s->docs = docs;
	wq_cards_free(s->cards);
	s->cards = wq_cards_new(s->ndocs);
	free(tree->doc_node);
	tree->doc_node = doc_node;
}

void wq_site_build_tree(wq_site *s)
{
	wq_toc *toc = NULL;
	wq_err e = WQ_ERR_INIT;
	tbuild tb;

	tree_start(&tb, s);
	if (s->toc_name) {
		if (wq_toc_read(&toc, s->source_dir, s->toc_name, s->diag, &e) < 0)
			wq_diag_add_err(s->diag, &e);
		else
			tree_from_toc(&tb, toc);
	}
	/* Documents the table of contents does not name, or all of them. */
	attach_folder(&tb, 0, 0);
	tree_finish(&tb);
	s->tree.explicit_toc = toc != NULL;
	if (toc)
		tree_to_site_order(s);
	wq_toc_free(toc);
	tree_dispose(&tb);
}

const char *wq_site_tree_title(const wq_site *s, size_t node, size_t *len)
{
	const wq_tree_node *n = &s->tree.nodes[node];
	const char *t = "", *sec;
	const wq_doc *idx;

	if (n->title) {
		t = n->title;
	} else if (n->kind == WQ_TREE_DOC) {
		t = s->docs[n->item]->title;
	} else if (n->kind == WQ_TREE_SECTION) {
		sec = s->sections[n->item];
		idx = wq_site_section_index(s, sec, strlen(sec));
		if (idx && *idx->title) {
			t = idx->title;
		} else {
			t = strrchr(sec, '/');
			t = t ? t + 1 : sec;
		}
	}
	*len = strlen(t);
	return t;
}

/* Tree nodes are titled in blocks of this many, on the site's threads. */
void wq_site_tree_titles(wq_site *s)
{
	wq_tree *t = &s->tree;

	if (t->title_html || !t->nnodes)
		return;
	t->title_html = wq_xcalloc(t->nnodes, sizeof(*t->title_html));
}

const char *wq_site_tree_title_html(const wq_site *s, size_t node)
{
	const wq_tree *t = &s->tree;
	const wq_tree_node *n = &t->nodes[node];
	char *got = atomic_load_explicit(&t->title_html[node], memory_order_acquire), *mine;
	wq_buf b = WQ_BUF_INIT;
	size_t len;

	if (got)
		return got;
	wq_text_put_runs_html(&b, wq_site_tree_title(s, node, &len),
			      n->kind == WQ_TREE_DOC ? s->docs[n->item]->base_dir : s->dir);
	wq_buf_cstr(&b); /* NUL-terminated, even when empty */
	mine = wq_buf_detach(&b);
	/* Two threads may make it at once: the first to put it there wins. */
	if (!atomic_compare_exchange_strong_explicit(&t->title_html[node], &got, mine,
						     memory_order_acq_rel, memory_order_acquire)) {
		free(mine);
		return got;
	}
	return mine;
}
