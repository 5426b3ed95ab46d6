#include "doc.h"

#include <stdlib.h>

#include "include.h"
#include "mem.h"

wq_doc *wq_doc_new_unset(void)
{
	return wq_xcalloc(1, sizeof(wq_doc));
}

static void fill(char **slot)
{
	if (!*slot)
		*slot = wq_xstrdup("");
}

void wq_doc_fill_unset(wq_doc *d)
{
	char **texts[] = {
		&d->path,  &d->rel,	    &d->section,	 &d->text,     &d->title,
		&d->author, &d->lang,	    &d->dir,		 &d->summary, &d->description,
		&d->keywords, &d->slug,	    &d->translation_key, &d->url,     &d->plain,
		&d->first_para,
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		fill(texts[i]);
	if (!d->tags)
		d->tags = wq_val_list();
	if (!d->toc)
		d->toc = wq_val_list();
	if (!d->params)
		d->params = wq_val_map();
}

wq_doc *wq_doc_new(void)
{
	wq_doc *d = wq_doc_new_unset();

	wq_doc_fill_unset(d);
	return d;
}

void wq_doc_free(wq_doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nincludes; i++)
		free(d->includes[i]);
	free(d->includes);
	wq_buf_dispose(&d->load_notes);
	free(d->path);
	free(d->rel);
	free(d->section);
	free(d->text);
	free(d->title);
	free(d->author);
	free(d->lang);
	free(d->dir);
	free(d->summary);
	free(d->description);
	free(d->keywords);
	free(d->slug);
	free(d->translation_key);
	free(d->url);
	free(d->plain);
	free(d->first_para);
	wq_val_free(d->tags);
	wq_val_free(d->toc);
	if (d->toc_read) {
		wq_val_free(atomic_load(d->toc_read));
		free(d->toc_read);
	}
	wq_val_free(d->aliases);
	wq_val_free(d->params);
	wq_srcmap_free(d->srcmap);
	wq_doc_clear_unmatched(d);
	wq_doc_set_tree(d, NULL, NULL);
	for (i = 0; i < d->nimages; i++)
		free(d->images[i]);
	free(d->images);
	for (i = 0; i < d->nheadings; i++)
		free(d->heading_ids[i]);
	free(d->heading_ids);
	free(d->chars);
	free(d);
}

static void empty_string(char **slot)
{
	free(*slot);
	*slot = wq_xstrdup("");
}

void wq_doc_release_tree(wq_doc *d)
{
	empty_string(&d->plain);
	empty_string(&d->first_para);
	wq_doc_set_tree(d, NULL, NULL);
}

void wq_doc_set_tree(wq_doc *d, struct wq_md *md, void (*md_free)(struct wq_md *md))
{
	if (d->md)
		d->md_free(d->md);
	d->md = md;
	d->md_free = md_free;
}

void wq_doc_release_body(wq_doc *d)
{
	empty_string(&d->text);
	d->text_len = 0;
	d->text_loaded = false;
	wq_srcmap_free(d->srcmap);
	d->srcmap = NULL;
	wq_doc_release_tree(d);
}

void wq_doc_clear_unmatched(wq_doc *d)
{
	size_t i;

	for (i = 0; i < d->nunmatched; i++) {
		free(d->unmatched[i].file);
		free(d->unmatched[i].url);
	}
	free(d->unmatched);
	d->unmatched = NULL;
	d->nunmatched = 0;
}
