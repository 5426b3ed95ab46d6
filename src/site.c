#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

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
