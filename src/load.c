#define _DEFAULT_SOURCE /* d_type, DT_REG */
#define _XOPEN_SOURCE 700
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "hash.h"
#include "include.h"
#include "mem.h"
#include "pool.h"
#include "text.h"
#include "toc.h"

/* What the walk found, in walk order, for the loading threads: a source to
 * load, a warning to give, or the error that stopped the walk. */
typedef struct found {
	char *rel;      /* source path relative to the source folder */
	struct stat st; /* a source: its status */
	char *warning;  /* or a warning about @p rel's full path */
	wq_err *error;  /* or the walk's error (the last entry) */
	int error_rc;   /* and its code */
	wq_doc *doc;    /* a source, once loaded: NULL when left out */
	bool index;     /* the doc is a section's _index.md */
	bool failed;    /* it could not be loaded (the error is in the diagnostics) */
	bool keep_text; /* its text stays in memory once loaded (load_found()) */
	char **included; /* the files its text includes (relative paths) */
	size_t nincluded;
} found;

typedef struct walker {
	wq_site *site;
	char *root_real; /* the source folder, resolved */
	wq_err *err;
	found *found;
	size_t nfound;
} walker;

static void add_found(walker *w, const char *rel, const struct stat *st, const char *warning)
{
	found f;

	memset(&f, 0, sizeof(f));
	f.rel = wq_xstrdup(rel);
	if (st)
		f.st = *st;
	f.warning = warning ? wq_xstrdup(warning) : NULL;
	WQ_APPEND(w->found, w->nfound, f);
}

static int is_source_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") || !strcmp(dot, ".txt"));
}

/* ----------------------------------------------------------- titles */

static void blank(char *t, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (t[i] != '\n')
			t[i] = ' ';
}

static void set_title(wq_doc *doc, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	free(doc->title);
	doc->title = wq_xstrndup(s, n);
}

static int is_setext_line(const char *t, size_t from, size_t to)
{
	size_t i = from;
	char c;

	while (i < to && i - from < 3 && t[i] == ' ')
		i++;
	if (i >= to || (t[i] != '=' && t[i] != '-'))
		return 0;
	c = t[i];
	while (i < to && t[i] == c)
		i++;
	while (i < to && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return i == to;
}

static void take_title(wq_doc *doc, bool set);

void wq_load_take_title(wq_doc *doc)
{
	take_title(doc, true);
}

/* The first non-empty line is the title: blanked out of the text, and
 * made the document's title when @p set. */
static void take_title(wq_doc *doc, bool set)
{
	char *t = doc->text;
	size_t len = doc->text_len, i = 0, eol, j, n2;

	/* First non-empty line. */
	for (;;) {
		if (i >= len)
			return;
		eol = i;
		while (eol < len && t[eol] != '\n')
			eol++;
		for (j = i; j < eol && (t[j] == ' ' || t[j] == '\t'); j++)
			;
		if (j < eol)
			break;
		i = eol + 1;
	}
	/* ATX heading: up to 3 spaces, 1-6 '#', then a space or the end. */
	if (j - i <= 3 && t[j] == '#') {
		size_t h = j, end = eol;
		while (h < eol && t[h] == '#')
			h++;
		if (h - j <= 6 && (h == eol || t[h] == ' ' || t[h] == '\t')) {
			/* Closing sequence: trailing '#'s preceded by a space. */
			while (end > h && (t[end - 1] == ' ' || t[end - 1] == '\t'))
				end--;
			{
				size_t k = end;
				while (k > h && t[k - 1] == '#')
					k--;
				if (k == h || t[k - 1] == ' ' || t[k - 1] == '\t')
					end = k;
			}
			if (set)
				set_title(doc, t + h, end > h ? end - h : 0);
			blank(t, i, eol);
			return;
		}
	}
	/* Setext heading: the next line is all '=' or '-'. */
	if (eol < len) {
		n2 = eol + 1;
		while (n2 < len && t[n2] != '\n')
			n2++;
		if (is_setext_line(t, eol + 1, n2)) {
			if (set)
				set_title(doc, t + j, eol - j);
			blank(t, i, n2);
			return;
		}
	}
	if (set)
		set_title(doc, t + j, eol - j);
	blank(t, i, eol);
}

/* ----------------------------------------------------------- documents */

/* The file's name without its extension, and without the language a
 * multilingual site's file names carry (`report.en.md`: `report`). */
static char *stem_of(const wq_config *cfg, const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	const char *dot = strrchr(base, '.');
	size_t n;

	if (wq_config_file_language(cfg, name, &n) >= 0)
		return wq_xstrndup(base, n);
	return wq_xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* The file that gives a section its title and summary (in a multilingual
 * site also `_index.<code>.md`). */
#define SECTION_INDEX "_index.md"

static int is_section_index_name(const wq_config *cfg, const char *name)
{
	size_t n;

	if (!strcmp(name, SECTION_INDEX))
		return 1;
	return !strncmp(name, "_index.", 7) && !strcmp(name + strlen(name) - 3, ".md") &&
	       wq_config_file_language(cfg, name, &n) >= 0 && n == 6;
}

static int is_section_index(const wq_config *cfg, const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return is_section_index_name(cfg, slash ? slash + 1 : rel);
}

/* The language of a source in a multilingual site: its file name's, else
 * the default's (0). */
static int language_of(const wq_config *cfg, const char *rel)
{
	long i = wq_config_file_language(cfg, rel, NULL);

	return i < 0 ? 0 : (int)i;
}

/* The file's text, checked and cleaned, into doc->text. */
static int read_text(wq_doc *doc, wq_err *err)
{
	wq_buf raw = WQ_BUF_INIT, clean = WQ_BUF_INIT;
	int rc;

	if ((rc = wq_fs_read(&raw, doc->path, err)) < 0)
		goto done;
	if ((rc = wq_text_check_utf8(wq_buf_cstr(&raw), raw.len, doc->path, err)) < 0)
		goto done;
	if ((rc = wq_text_clean(&clean, wq_buf_cstr(&raw), raw.len, err)) < 0) {
		char msg[sizeof(err->msg)];
		memcpy(msg, err->msg, sizeof(msg));
		wq_err_set(err, rc, doc->path, 0, 0, "%s", msg);
		goto done;
	}
	free(doc->text);
	doc->text_len = clean.len;
	doc->text = wq_buf_detach(&clean);
	doc->text_loaded = true;
done:
	wq_buf_dispose(&raw);
	wq_buf_dispose(&clean);
	return rc;
}

static void note_included(void *ctx, const char *rel)
{
	found *f = ctx;

	WQ_APPEND(f->included, f->nincluded, wq_xstrdup(rel));
}

/* The text's include directives expanded (include.h); @p f, when given,
 * notes the files included, and @p diag gets the warnings. */
static int expand_includes(const wq_site *site, wq_doc *doc, found *f, wq_diag *diag,
			   wq_err *err)
{
	wq_include_opts o;
	wq_buf out = WQ_BUF_INIT;
	wq_srcmap *map = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	o.source_dir = site->source_dir;
	o.root_real = site->source_real;
	o.diag = diag;
	o.included = f ? note_included : NULL;
	o.ctx = f;
	rc = wq_include_expand(&out, &map, doc->text, doc->text_len, doc->rel, doc->path, &o, err);
	if (rc == 0 && map) {
		free(doc->text);
		doc->text_len = out.len;
		doc->text = wq_buf_detach(&out);
		wq_srcmap_free(doc->srcmap);
		doc->srcmap = map;
	}
	wq_buf_dispose(&out);
	return rc;
}

int wq_load_text_again(const wq_site *site, wq_doc *doc, wq_err *err)
{
	int rc;

	if ((rc = read_text(doc, err)) < 0)
		return rc;
	wq_frontmatter_strip(doc);
	/* Its warnings were given when it was first loaded. */
	if ((rc = expand_includes(site, doc, NULL, NULL, err)) < 0)
		return rc;
	/* The title stays as it is: other threads read it. */
	if (doc->title_in_text)
		take_title(doc, false);
	if (wq_hash_bytes(doc->text, doc->text_len) != doc->text_hash)
		return wq_err_set(err, WQ_EINPUT, doc->path, 0, 0,
				  "the file changed during the build: build again");
	return 0;
}

/* Load one source (on any thread: it reads the site's configuration only);
 * f->doc is the document, or NULL when it is left out. */
static int load_doc(const wq_site *site, found *f, wq_err *err)
{
	const char *rel = f->rel;
	const struct stat *st = &f->st;
	wq_doc *doc = wq_doc_new();
	const char *slash;
	int rc = WQ_EFAIL;

	free(doc->path);
	doc->path = wq_fs_join(site->source_dir, rel);
	free(doc->rel);
	doc->rel = wq_xstrdup(rel);
	slash = strrchr(rel, '/');
	free(doc->section);
	doc->section = wq_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
	doc->mtime = (int64_t)st->st_mtime;
	if (st->st_size > (off_t)WQ_LOAD_MAX_SOURCE) {
		rc = wq_err_set(err, WQ_ELIMIT, doc->path, 0, 0,
				"source too large (%lld bytes; the limit is %u MiB)",
				(long long)st->st_size, WQ_LOAD_MAX_SOURCE / (1024u * 1024u));
		goto done;
	}

	if ((rc = read_text(doc, err)) < 0)
		goto done;
	if ((rc = wq_frontmatter_apply(doc, site->diag, err)) < 0)
		goto done;
	if ((rc = expand_includes(site, doc, f, site->diag, err)) < 0)
		goto done;
	if (!*doc->title) {
		wq_load_take_title(doc);
		doc->title_in_text = true;
	}
	doc->text_hash = wq_hash_bytes(doc->text, doc->text_len);
	doc->language = language_of(site->config, rel);
	if (site->config->nlanguages && !*doc->lang &&
	    wq_config_file_language(site->config, rel, NULL) >= 0)
	{
		free(doc->lang);
		doc->lang = wq_xstrdup(site->config->languages[doc->language].lang);
	}
	if (is_section_index(site->config, rel)) {
		/* Not a page of its own: its section's title (the folder's name when
		 * it has none) and summary. */
		if (!*doc->section) {
			wq_diag_warn(site->diag, doc->path, 0, 0,
				     "_index.md at the top of the sources is not used: the site's "
				     "title and description come from the configuration");
		} else {
			f->doc = doc;
			f->index = true;
			doc = NULL;
		}
		rc = 0;
		goto done;
	}
	if (!*doc->title) {
		char *stem = stem_of(site->config, rel);
		free(doc->title);
		doc->title = stem;
		wq_diag_warn(site->diag, doc->path, 0, 0, "document has no text; titled from its file name");
	}

	if (!*doc->slug) {
		free(doc->slug);
		if (site->config->ascii_slugs) {
			/* slugs: ascii — the title, transliterated (Arabic-Latin; Latin-ASCII). */
			wq_buf slug = WQ_BUF_INIT;
			char *stem = stem_of(site->config, rel);
			wq_text_ascii_slug(&slug, doc->title, strlen(doc->title), stem);
			free(stem);
			doc->slug = wq_buf_detach(&slug);
		} else {
			doc->slug = stem_of(site->config, rel);
		}
	}
	{
		wq_buf url = WQ_BUF_INIT;
		if (*doc->section) {
			char *sec = wq_site_section_url_path(site->config, doc->section,
							     strlen(doc->section));
			wq_buf_puts(&url, sec);
			wq_buf_putc(&url, '/');
			free(sec);
		} else {
			wq_buf_puts(&url, site->config->url_prefix);
		}
		wq_buf_puts(&url, doc->slug);
		wq_buf_putc(&url, '/');
		free(doc->url);
		doc->url = wq_buf_detach(&url);
	}
	if (doc->draft && !site->config->drafts) {
		wq_doc_free(doc);
		doc = NULL;
	} else {
		f->doc = doc;
		doc = NULL;
	}
	rc = 0;
done:
	wq_doc_free(doc);
	return rc;
}

/* ------------------------------------------------------------- walking */

static int walk(walker *w, const char *rel, int depth);

/* A problem the walk met: recorded in walk order, and the walk goes on. */
static int walk_error(walker *w, int rc)
{
	found *f;

	add_found(w, "", NULL, NULL);
	f = &w->found[w->nfound - 1];
	f->error = wq_xmalloc(sizeof(wq_err));
	*f->error = *w->err;
	f->error_rc = rc;
	return 0;
}

/* Whether a pattern of `exclude:` matches @p rel: with a '/', the whole
 * path; without, any one of its names. */
static int excluded(const wq_config *cfg, const char *rel)
{
	size_t i;

	for (i = 0; i < wq_val_count(cfg->exclude); i++) {
		const char *pat = wq_val_get_str(wq_val_at(cfg->exclude, i), NULL);
		const char *p = rel;
		if (!pat)
			continue;
		if (*pat == '/')
			pat++;
		if (strchr(pat, '/')) {
			size_t n = strlen(pat);
			char *trimmed = wq_xstrndup(pat, n && pat[n - 1] == '/' ? n - 1 : n);
			int hit = fnmatch(trimmed, rel, FNM_PATHNAME) == 0;
			free(trimmed);
			if (hit)
				return 1;
			continue;
		}
		for (;;) {
			const char *slash = strchr(p, '/');
			char *name = wq_xstrndup(p, slash ? (size_t)(slash - p) : strlen(p));
			int hit = fnmatch(pat, name, 0) == 0;
			free(name);
			if (hit)
				return 1;
			if (!slash)
				break;
			p = slash + 1;
		}
	}
	return 0;
}

/* Sources in a folder named includes/ are only included (as in DocFX). */
static int in_includes_folder(const char *rel)
{
	return !strncmp(rel, "includes/", 9) || strstr(rel, "/includes/") != NULL;
}

static int visit(walker *w, const char *rel, unsigned char type, int depth)
{
	char *full = wq_fs_join(w->site->source_dir, rel);
	struct stat st;
	int rc = 0;

	if (excluded(w->site->config, rel))
		goto done;
	/* A regular file (no link) whose status the build cache has just
	 * read is not read again. */
	if (type == DT_REG && w->site->stat_known &&
	    w->site->stat_known(w->site->known_ctx, full, &st))
		;
	else if (lstat(full, &st) < 0) {
		rc = wq_err_set(w->err, WQ_EIO, full, 0, 0, "cannot read: %s", strerror(errno));
		goto done;
	}
	if (S_ISLNK(st.st_mode)) {
		char *real = realpath(full, NULL);
		size_t n = strlen(w->root_real);
		if (!real) {
			rc = wq_err_set(w->err, WQ_EIO, full, 0, 0,
					"symbolic link cannot be followed: %s", strerror(errno));
			goto done;
		}
		if (strncmp(real, w->root_real, n) || (real[n] != '/' && real[n] != '\0')) {
			rc = wq_err_set(w->err, WQ_EINPUT, full, 0, 0,
					"symbolic link points outside the source folder (%s)", real);
			free(real);
			goto done;
		}
		free(real);
		if (stat(full, &st) < 0 || S_ISDIR(st.st_mode)) {
			/* Linked folders could form loops: they are not followed. */
			add_found(w, rel, NULL, "symbolic link to a folder is not followed");
			goto done;
		}
	}
	if (S_ISDIR(st.st_mode))
		rc = walk(w, rel, depth + 1);
	else if (!S_ISREG(st.st_mode))
		add_found(w, rel, NULL, "not a regular file; skipped");
	else if (wq_toc_is_toc_file(w->site->toc_name, rel))
		; /* the table of contents: read for the tree, not published */
	else if (is_source_name(rel)) {
		/* A multilingual site is loaded once per language: each load
		 * takes the sources of its language. */
		if (!in_includes_folder(rel) &&
		    (!w->site->config->nlanguages ||
		     language_of(w->site->config, rel) == (int)w->site->config->language))
			add_found(w, rel, &st, NULL);
	} else {
		wq_site_add_file(w->site, rel);
	}
done:
	free(full);
	return rc < 0 ? walk_error(w, rc) : 0;
}

/* A folder's entry: its name, and its type as the folder gives it. */
typedef struct dir_name {
	char *name;
	unsigned char type;
} dir_name;

static int cmp_dir_names(const void *a, const void *b)
{
	return strcmp(((const dir_name *)a)->name, ((const dir_name *)b)->name);
}

static int walk(walker *w, const char *rel, int depth)
{
	char *full = wq_fs_join(w->site->source_dir, rel);
	dir_name *names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (depth > WQ_LOAD_MAX_DEPTH) {
		rc = wq_err_set(w->err, WQ_ELIMIT, full, 0, 0,
				"folders nested deeper than %d levels", WQ_LOAD_MAX_DEPTH);
		free(full);
		return walk_error(w, rc);
	}
	d = opendir(full);
	if (!d) {
		rc = wq_err_set(w->err, WQ_EIO, full, 0, 0, "cannot open folder: %s", strerror(errno));
		free(full);
		return walk_error(w, rc);
	}
	while ((de = readdir(d)) != NULL) {
		/* Hidden files, and _drafts-style private folders; but _index.md
		 * names and introduces its folder's section, as in Hugo. */
		if (de->d_name[0] == '.' ||
		    (de->d_name[0] == '_' && !is_section_index_name(w->site->config, de->d_name)))
			continue;
		names = wq_xgrow(names, n, sizeof(*names));
		names[n].name = wq_xstrdup(de->d_name);
		names[n++].type = de->d_type;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_dir_names);
	for (i = 0; i < n && rc == 0; i++) {
		char *child = *rel ? wq_fs_join(rel, names[i].name) : wq_xstrdup(names[i].name);
		rc = visit(w, child, names[i].type, depth);
		free(child);
	}
	for (i = 0; i < n; i++)
		free(names[i].name);
	free(names);
	free(full);
	return rc;
}

/* Top-level names the site's own pages use (@p name from the language's
 * folder in a multilingual site): its search and tags; at the root also
 * the assets and the other languages' folders. */
static int is_reserved(const wq_config *cfg, const char *name)
{
	size_t i, n = strlen(cfg->url_prefix);

	if (!strncmp(name, cfg->url_prefix, n))
		name += n;
	if (!strcmp(name, "search") || !strcmp(name, "tags"))
		return 1;
	if (n)
		return 0;
	for (i = 0; i < cfg->nlanguages; i++)
		if (!strcmp(name, cfg->languages[i].code))
			return 1;
	return !strcmp(name, "assets");
}

/* Record a problem with URLs (every one is reported; @p err keeps the
 * first). */
static void url_error(wq_site *site, int *rc, wq_err *err, wq_err *e)
{
	wq_diag_add_err(site->diag, e);
	if (*rc == 0) {
		*err = *e;
		*rc = WQ_EINPUT;
	}
}

static int check_urls(wq_site *site, wq_err *err)
{
	const wq_doc *first = NULL, *twin;
	wq_strmap *seen;
	wq_buf page = WQ_BUF_INIT;
	wq_err e = WQ_ERR_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < site->ndocs; i++) {
		const wq_doc *a = site->docs[i];
		if (!*a->section && is_reserved(site->config, a->slug)) {
			wq_err_set(&e, WQ_EINPUT, a->path, 0, 0,
				   "the slug '%s' is reserved for the site's own files", a->slug);
			url_error(site, &rc, err, &e);
		}
	}
	if ((twin = wq_site_index_urls(site, &first)) != NULL) {
		wq_err_set(&e, WQ_EINPUT, twin->path, 0, 0,
			   "same URL '%s' as %s: give one a different slug", twin->url, first->path);
		url_error(site, &rc, err, &e);
	}
	/* Each section gets a page listing its documents, at <section>/. */
	seen = wq_strmap_new();
	for (i = 0; i < site->nsections; i++) {
		const char *sec = site->sections[i], *surl = site->section_urls[i];
		const char *twin_sec = wq_strmap_add(seen, surl, strlen(surl), (void *)sec);
		const wq_doc *doc;
		if (twin_sec || is_reserved(site->config, surl)) {
			char *dir = wq_fs_join(site->source_dir, sec);
			if (twin_sec)
				wq_err_set(&e, WQ_EINPUT, dir, 0, 0,
					   "the folders '%s' and '%s' have the same URL '%s/': rename one",
					   twin_sec, sec, surl);
			else
				wq_err_set(&e, WQ_EINPUT, dir, 0, 0,
					   "the folder name '%s' is reserved for the site's own files: "
					   "move its documents to another folder",
					   sec);
			free(dir);
			url_error(site, &rc, err, &e);
			continue;
		}
		wq_buf_clear(&page);
		wq_buf_puts(&page, surl);
		wq_buf_putc(&page, '/');
		if ((doc = wq_site_find_by_url(site, page.ptr, page.len)) != NULL) {
			wq_err_set(&e, WQ_EINPUT, doc->path, 0, 0,
				   "same URL '%s' as the page of the folder '%s': "
				   "give the document a different slug",
				   doc->url, sec);
			url_error(site, &rc, err, &e);
		}
	}
	wq_buf_dispose(&page);
	wq_strmap_free(seen);
	return rc;
}

typedef struct load_job {
	const wq_site *site;
	found *found;
} load_job;

static int load_one(void *ctx, size_t i, wq_err *err)
{
	load_job *j = ctx;
	found *f = &j->found[i];
	int rc;

	if (f->error) {
		*err = *f->error;
		return f->error_rc;
	}
	if (f->warning) {
		char *full = wq_fs_join(j->site->source_dir, f->rel);
		wq_diag_warn(j->site->diag, full, 0, 0, "%s", f->warning);
		free(full);
		return 0;
	}
	if (j->site->known && (f->doc = j->site->known(j->site->known_ctx, f->rel, &f->st))) {
		size_t k;
		for (k = 0; k < f->doc->nincludes; k++)
			WQ_APPEND(f->included, f->nincluded, wq_xstrdup(f->doc->includes[k]));
		return 0;
	}
	{
		/* Its warnings are kept with it, for the build cache. */
		wq_diag *mine = wq_diag_new(), *before = wq_diag_redirect(mine);
		wq_buf notes = WQ_BUF_INIT;
		rc = load_doc(j->site, f, err);
		/* Past the bound, the text goes as soon as its metadata is
		 * read: never are all the texts in memory at once. */
		if (rc == 0 && f->doc && !f->index && !f->keep_text)
			wq_doc_release_body(f->doc);
		wq_diag_redirect(before);
		wq_diag_save(mine, &notes);
		wq_diag_take(before ? before : j->site->diag, mine);
		wq_diag_free(mine);
		if (f->doc) {
			size_t k;
			wq_buf_dispose(&f->doc->load_notes);
			f->doc->load_notes = notes;
			for (k = 0; k < f->nincluded; k++)
				WQ_APPEND(f->doc->includes, f->doc->nincludes,
					  wq_xstrdup(f->included[k]));
		} else {
			wq_buf_dispose(&notes);
		}
	}
	f->failed = rc < 0;
	return rc;
}


/* Load what the walk found on the site's threads, then add the documents
 * in walk order (the order and the diagnostics are those of one thread).
 * Every source is loaded whatever failed before; a source that failed
 * stays a known path (links to it are not reported as broken), and a
 * source another one includes is not published on its own. */
static int load_found(wq_site *site, walker *w, wq_err *err)
{
	load_job j = { site, w->found };
	wq_strmap *included;
	size_t i, k, kept = 0;
	int rc;

	/* Texts are kept, in walk order, up to the memory the configuration
	 * gives them (counted by their files' sizes, known before they are
	 * read); past it, a text is let go once loaded and read again when
	 * it is parsed and written. A section's _index.md is always kept. */
	for (i = 0; i < w->nfound; i++) {
		found *f = &w->found[i];
		if (f->error || f->warning)
			continue;
		if (is_section_index(site->config, f->rel)) {
			f->keep_text = true;
			continue;
		}
		kept += f->st.st_size > 0 ? (size_t)f->st.st_size : 0;
		f->keep_text = kept <= site->config->text_memory;
	}
	rc = wq_pool_for(site->config->jobs, w->nfound, load_one, &j, site->diag, err);
	included = wq_strmap_new();

	for (i = 0; i < w->nfound; i++)
		for (k = 0; k < w->found[i].nincluded; k++)
			wq_strmap_add(included, w->found[i].included[k],
				      strlen(w->found[i].included[k]), w->found[i].included[k]);
	for (i = 0; i < w->nfound; i++) {
		found *f = &w->found[i];
		if (f->failed)
			wq_site_add_file(site, f->rel);
		if (f->doc && !wq_strmap_get(included, f->rel, strlen(f->rel))) {
			if (f->index) {
				wq_site_add_index(site, f->doc);
			} else {
				f->doc->keep_text = f->keep_text;
				wq_site_add_doc(site, f->doc);
			}
		} else {
			wq_doc_free(f->doc);
		}
	}
	for (i = 0; i < w->nfound; i++) {
		found *f = &w->found[i];
		for (k = 0; k < f->nincluded; k++)
			free(f->included[k]);
		free(f->included);
		free(f->rel);
		free(f->warning);
		free(f->error);
	}
	wq_strmap_free(included);
	free(w->found);
	return rc;
}

int wq_load_sources(wq_site *site, wq_err *err)
{
	walker w;
	int rc, urc;

	if (!wq_fs_is_dir(site->source_dir))
		return wq_err_set(err, WQ_EIO, site->source_dir, 0, 0, "source folder not found");
	w.site = site;
	w.err = err;
	w.root_real = realpath(site->source_dir, NULL);
	if (!w.root_real)
		return wq_err_set(err, WQ_EIO, site->source_dir, 0, 0, "cannot resolve: %s",
				  strerror(errno));
	free(site->source_real);
	site->source_real = wq_xstrdup(w.root_real);
	site->toc_name = wq_toc_find(site->source_dir);
	if (site->toc_name && excluded(site->config, site->toc_name))
		site->toc_name = NULL;
	w.found = NULL;
	w.nfound = 0;
	walk(&w, "", 0); /* its problems are among what it found */
	free(w.root_real);
	rc = load_found(site, &w, err);
	wq_site_collect_sections(site);
	if ((urc = check_urls(site, err)) < 0 && rc == 0)
		rc = urc;
	wq_site_sort(site);
	wq_site_build_tree(site);
	wq_site_list_section_docs(site);
	wq_site_collect_tags(site);
	return rc;
}
