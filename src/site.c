#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "text.h"

wq_site *wq_site_new(wq_config *config, const char *source_dir, wq_diag *diag)
{
	wq_site *s = wq_xcalloc(1, sizeof(*s));

	s->config = config;
	s->diag = diag;
	s->source_dir = wq_xstrdup(source_dir);
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
	free(s->source_dir);
	free(s->book_file);
	wq_config_free(s->config);
	free(s);
}

void wq_site_add_doc(wq_site *s, wq_doc *doc)
{
	s->docs = wq_xrealloc(s->docs, (s->ndocs + 1) * sizeof(*s->docs));
	s->docs[s->ndocs++] = doc;
}

void wq_site_add_index(wq_site *s, wq_doc *doc)
{
	s->indexes = wq_xrealloc(s->indexes, (s->nindexes + 1) * sizeof(*s->indexes));
	s->indexes[s->nindexes++] = doc;
}

const wq_doc *wq_site_section_index(const wq_site *s, const char *section, size_t len)
{
	size_t i;

	for (i = 0; i < s->nindexes; i++) {
		const char *sec = s->indexes[i]->section;
		if (strlen(sec) == len && !strncmp(sec, section, len))
			return s->indexes[i];
	}
	return NULL;
}

wq_doc *wq_site_find_by_rel(const wq_site *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->ndocs; i++)
		if (!strcmp(s->docs[i]->rel, rel))
			return s->docs[i];
	return NULL;
}

int wq_site_has_file(const wq_site *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i], rel))
			return 1;
	return 0;
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
	if (s->ndocs > 1)
		qsort(s->docs, s->ndocs, sizeof(*s->docs), compare_docs);
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
 * (so that `Data` and `data` are one). */
static wq_tag *tag_named(wq_site *s, const char *name, wq_buf *slug, wq_buf *id)
{
	wq_tag *t;
	size_t k;

	for (k = 0; k < s->ntags; k++)
		if (!strcmp(s->tags[k].name, name))
			return &s->tags[k];
	wq_text_make_id(id, name, strlen(name));
	if (s->config->ascii_slugs) {
		wq_text_ascii_slug(slug, name, strlen(name), wq_buf_cstr(id));
	} else {
		wq_buf_clear(slug);
		wq_buf_put(slug, id->ptr, id->len);
	}
	for (k = 0; k < s->ntags; k++)
		if (!strcmp(s->tags[k].url + strlen("tags/"), slug->ptr))
			return &s->tags[k];
	s->tags = wq_xrealloc(s->tags, (s->ntags + 1) * sizeof(*s->tags));
	t = &s->tags[s->ntags++];
	t->name = wq_xstrdup(name);
	t->url = wq_fs_join("tags", slug->ptr);
	t->docs = NULL;
	t->ndocs = 0;
	return t;
}

void wq_site_collect_tags(wq_site *s)
{
	wq_buf slug = WQ_BUF_INIT, id = WQ_BUF_INIT;
	size_t i, j;

	for (i = 0; i < s->ndocs; i++) {
		const wq_val *tags = s->docs[i]->tags;
		for (j = 0; j < wq_val_count(tags); j++) {
			const char *name = wq_val_get_str(wq_val_at(tags, j), NULL);
			wq_tag *t;
			if (!name || !*name)
				continue;
			t = tag_named(s, name, &slug, &id);
			if (t->ndocs && t->docs[t->ndocs - 1] == i)
				continue; /* the same tag twice on one document */
			t->docs = wq_xrealloc(t->docs, (t->ndocs + 1) * sizeof(*t->docs));
			t->docs[t->ndocs++] = i;
		}
	}
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

static void add_section(wq_site *s, const char *section, size_t len)
{
	size_t i;

	for (i = 0; i < s->nsections; i++)
		if (strlen(s->sections[i]) == len && !strncmp(s->sections[i], section, len))
			return;
	s->sections = wq_xrealloc(s->sections, (s->nsections + 1) * sizeof(*s->sections));
	s->sections[s->nsections++] = wq_xstrndup(section, len);
}

void wq_site_collect_sections(wq_site *s)
{
	size_t i;

	for (i = 0; i < s->nsections; i++) {
		free(s->sections[i]);
		free(s->section_urls[i]);
	}
	s->nsections = 0;
	for (i = 0; i < s->ndocs; i++) {
		const char *sec = s->docs[i]->section, *p;
		if (!*sec)
			continue;
		/* "a/b/c" is in "a/b" and "a" too. */
		for (p = strchr(sec, '/'); p; p = strchr(p + 1, '/'))
			add_section(s, sec, (size_t)(p - sec));
		add_section(s, sec, strlen(sec));
	}
	if (s->nsections > 1)
		qsort(s->sections, s->nsections, sizeof(*s->sections), compare_strings);
	s->section_urls = wq_xrealloc(s->section_urls,
				      (s->nsections ? s->nsections : 1) * sizeof(*s->section_urls));
	for (i = 0; i < s->nsections; i++)
		s->section_urls[i] =
			wq_site_section_url_path(s->config, s->sections[i], strlen(s->sections[i]));
}
