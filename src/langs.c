#include "langs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "strmap.h"
#include "text.h"

/* The link resolver of one language's site (its wq_site::links). */
typedef struct resolver {
	const struct wq_langs *langs;
	size_t k;
} resolver;

struct wq_langs {
	wq_site **sites;     /* borrowed, one per language */
	resolver *resolvers; /* one per language */
	size_t n;
	wq_strmap *groups;   /* translation key → group (keys in #keys) */
	char **keys;         /* owned keys, one per group */
	size_t ngroups;
	size_t *members;     /* ngroups × n: the document of each language, or SIZE_MAX */
	size_t **doc_group;  /* for each language, each document's group */
	wq_strmap **tag_by_slug; /* for each language: tag slug → tag index */
	char **names;        /* each language's name in itself */
};

/* A document's translation key: its `translation_key`, else its source
 * path without the language (`a/report.en.md`: `a/report.md`). */
static void doc_key(wq_buf *out, const wq_config *cfg, const wq_doc *doc)
{
	size_t stem;
	const char *slash, *base, *ext;

	wq_buf_clear(out);
	if (*doc->translation_key) {
		wq_buf_puts(out, "key:");
		wq_buf_puts(out, doc->translation_key);
		return;
	}
	wq_buf_puts(out, "path:");
	if (wq_config_file_language(cfg, doc->rel, &stem) < 0) {
		wq_buf_puts(out, doc->rel);
		return;
	}
	slash = strrchr(doc->rel, '/');
	base = slash ? slash + 1 : doc->rel;
	ext = strrchr(base, '.');
	wq_buf_put(out, doc->rel, (size_t)(base - doc->rel) + stem);
	wq_buf_puts(out, ext);
}

/* A tag's slug: its URL after the language's folder and `tags/`. */
static const char *tag_slug(const wq_site *site, const wq_tag *t)
{
	return t->url + strlen(site->config->url_prefix) + strlen("tags/");
}

/* The document at @p rel in language @p k: `rel` itself, else (for a
 * name without a language, `b.md`) its version `b.<code>.md`. */
static const wq_doc *find_in(const wq_langs *l, size_t k, const char *rel)
{
	const wq_site *site = l->sites[k];
	const wq_doc *d = wq_site_find_by_rel(site, rel);
	wq_buf v = WQ_BUF_INIT;

	if (!d && wq_config_language_file(&v, site->config, rel, k))
		d = wq_site_find_by_rel(site, v.ptr);
	wq_buf_dispose(&v);
	return d;
}

/* A link to a source: in the language's own site (`b.md` finds its
 * translation `b.<code>.md`), else in the default language's, else in
 * the others' in order. */
static const wq_doc *doc_at_path(void *ctx, const char *rel)
{
	const resolver *r = ctx;
	const wq_doc *d = find_in(r->langs, r->k, rel);
	size_t j;

	for (j = 0; j < r->langs->n && !d; j++)
		if (j != r->k)
			d = find_in(r->langs, j, rel);
	return d;
}

/* A site-absolute link: a page of any language. */
static const wq_doc *doc_at_url(void *ctx, const char *url, size_t len)
{
	const resolver *r = ctx;
	const wq_doc *d = wq_site_find_by_url(r->langs->sites[r->k], url, len);
	size_t j;

	for (j = 0; j < r->langs->n && !d; j++)
		if (j != r->k)
			d = wq_site_find_by_url(r->langs->sites[j], url, len);
	return d;
}

static bool is_file(void *ctx, const char *rel)
{
	const resolver *r = ctx;

	return wq_site_has_file(r->langs->sites[r->k], rel) != 0;
}

static bool is_section(void *ctx, const char *path)
{
	const resolver *r = ctx;

	return wq_site_find_section(r->langs->sites[r->k], path) >= 0;
}

wq_langs *wq_langs_new(wq_site **sites, size_t n)
{
	wq_langs *l = wq_xcalloc(1, sizeof(*l));
	wq_buf key = WQ_BUF_INIT;
	size_t k, i, g;

	l->sites = sites;
	l->n = n;
	l->groups = wq_strmap_new();
	l->doc_group = wq_xcalloc(n, sizeof(*l->doc_group));
	l->tag_by_slug = wq_xcalloc(n, sizeof(*l->tag_by_slug));
	l->names = wq_xcalloc(n, sizeof(*l->names));
	l->resolvers = wq_xcalloc(n, sizeof(*l->resolvers));
	for (k = 0; k < n; k++) {
		wq_site *site = sites[k];
		wq_buf name = WQ_BUF_INIT;
		l->doc_group[k] = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(size_t));
		for (i = 0; i < site->ndocs; i++) {
			doc_key(&key, site->config, site->docs[i]);
			if (!wq_strmap_get_index(l->groups, key.ptr, key.len, &g)) {
				g = l->ngroups++;
				l->keys = wq_xgrow(l->keys, g, sizeof(*l->keys));
				l->keys[g] = wq_xstrdup(key.ptr);
				wq_strmap_add_index(l->groups, l->keys[g], key.len, g, NULL);
			}
			l->doc_group[k][i] = g;
		}
		wq_text_language_name(&name, site->config->lang);
		l->names[k] = wq_buf_detach(&name);
		site->langs = l;
		/* Links may go to the other languages' documents. */
		l->resolvers[k].langs = l;
		l->resolvers[k].k = k;
		site->links.ctx = &l->resolvers[k];
		site->links.doc_at_path = doc_at_path;
		site->links.doc_at_url = doc_at_url;
		site->links.is_file = is_file;
		site->links.is_section = is_section;
	}
	l->members = wq_xmalloc((l->ngroups ? l->ngroups : 1) * n * sizeof(*l->members));
	for (g = 0; g < l->ngroups * n; g++)
		l->members[g] = SIZE_MAX;
	for (k = 0; k < n; k++) {
		const wq_site *site = sites[k];
		for (i = 0; i < site->ndocs; i++) {
			size_t *slot = &l->members[l->doc_group[k][i] * n + k];
			if (*slot == SIZE_MAX) {
				*slot = i;
				continue;
			}
			{
				const char *tk = l->keys[l->doc_group[k][i]];
				wq_diag_warn(site->diag, site->docs[i]->path, 0, 0,
					     "'%s' has the same translation key '%s' in this "
					     "language: this one is not linked to its translations",
					     site->docs[*slot]->rel, strchr(tk, ':') + 1);
			}
			l->doc_group[k][i] = SIZE_MAX;
		}
	}
	wq_buf_dispose(&key);
	return l;
}

void wq_langs_index_tags(wq_langs *l)
{
	size_t k, i;

	for (k = 0; k < l->n; k++) {
		const wq_site *site = l->sites[k];
		wq_strmap_free(l->tag_by_slug[k]);
		l->tag_by_slug[k] = wq_strmap_new();
		for (i = 0; i < site->ntags; i++) {
			const char *slug = tag_slug(site, &site->tags[i]);
			wq_strmap_add_index(l->tag_by_slug[k], slug, strlen(slug), i, NULL);
		}
	}
}

void wq_langs_free(wq_langs *l)
{
	size_t k;

	if (!l)
		return;
	for (k = 0; k < l->n; k++) {
		free(l->doc_group[k]);
		wq_strmap_free(l->tag_by_slug[k]);
		free(l->names[k]);
	}
	for (k = 0; k < l->ngroups; k++)
		free(l->keys[k]);
	free(l->keys);
	free(l->doc_group);
	free(l->tag_by_slug);
	free(l->names);
	free(l->resolvers);
	free(l->members);
	wq_strmap_free(l->groups);
	free(l);
}

size_t wq_langs_count(const wq_langs *l)
{
	return l->n;
}

const wq_site *wq_langs_site(const wq_langs *l, size_t k)
{
	return l->sites[k];
}

const char *wq_langs_name(const wq_langs *l, size_t k)
{
	return l->names[k];
}

bool wq_langs_version(const wq_langs *l, const wq_site *site, wq_page_kind kind, size_t item,
		      size_t k, wq_buf *path)
{
	size_t from = site->config->language, i;
	const wq_site *other = l->sites[k];
	const char *prefix = other->config->url_prefix;

	wq_buf_clear(path);
	switch (kind) {
	case WQ_PAGE_HOME:
		wq_buf_puts(path, prefix);
		return true;
	case WQ_PAGE_SEARCH:
		wq_buf_printf(path, "%ssearch/", prefix);
		return true;
	case WQ_PAGE_TAGS:
		if (!other->ntags)
			return false;
		wq_buf_printf(path, "%stags/", prefix);
		return true;
	case WQ_PAGE_ARTICLE: {
		size_t g = l->doc_group[from][item];
		if (g == SIZE_MAX)
			return k == from && (wq_buf_puts(path, site->docs[item]->url), true);
		if ((i = l->members[g * l->n + k]) == SIZE_MAX)
			return false;
		wq_buf_puts(path, other->docs[i]->url);
		return true;
	}
	case WQ_PAGE_SECTION: {
		long s = wq_site_find_section(other, site->sections[item]);
		if (s < 0)
			return false;
		wq_buf_printf(path, "%s/", other->section_urls[s]);
		return true;
	}
	case WQ_PAGE_TAG: {
		const char *slug = tag_slug(site, &site->tags[item]);
		if (!l->tag_by_slug[k] ||
		    !wq_strmap_get_index(l->tag_by_slug[k], slug, strlen(slug), &i))
			return false;
		wq_buf_printf(path, "%s/", other->tags[i].url);
		return true;
	}
	}
	return false;
}
