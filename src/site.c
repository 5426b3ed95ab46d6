#include "site.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "text.h"

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

static int compare_docs(const void *pa, const void *pb)
{
	const wq_doc *a = *(wq_doc *const *)pa, *b = *(wq_doc *const *)pb;

	if ((a->weight != 0) != (b->weight != 0))
		return a->weight != 0 ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight < b->weight ? -1 : 1;
	if (a->has_date != b->has_date)
		return a->has_date ? -1 : 1;
	if (a->has_date && a->date != b->date)
		return a->date > b->date ? -1 : 1;
	return strcmp(a->rel, b->rel);
}

void wq_site_sort(wq_site *s)
{
	size_t i;

	if (s->ndocs > 1)
		qsort(s->docs, s->ndocs, sizeof(*s->docs), compare_docs);
	for (i = 0; i < s->ndocs; i++)
		s->docs[i]->index = i;
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

	if (!config->ascii_slugs)
		return wq_xstrndup(section, len);
	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
		char *name = wq_xstrndup(p, n);
		wq_text_ascii_slug(&part, name, n, name);
		if (url.len)
			wq_buf_putc(&url, '/');
		wq_buf_put(&url, part.ptr, part.len);
		free(name);
		p += n + (slash ? 1 : 0);
	}
	wq_buf_dispose(&part);
	return url.len ? wq_buf_detach(&url) : wq_xstrdup("");
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
		t->url = wq_fs_join("tags", slug->ptr);
		t->docs = NULL;
		t->ndocs = 0;
		wq_strmap_add_index(by_slug, t->url + strlen("tags/"),
				    strlen(t->url + strlen("tags/")), k, NULL);
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
