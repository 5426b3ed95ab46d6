#define _POSIX_C_SOURCE 200809L
#include "theme.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "mem.h"
#include "mustache.h"
#include "text.h"
#include "yamlval.h"

#ifndef WQ_THEMES_DIR
#define WQ_THEMES_DIR "themes"
#endif
/* The installed data folder, relative to the install prefix (the program
 * is in <prefix>/bin), and (WQ_DATADIR) the configured prefix's. */
#ifndef WQ_DATADIR_REL
#define WQ_DATADIR_REL "share/warraq"
#endif

/* Deepest folder nesting read inside layouts/ and assets/. */
#define THEME_MAX_DEPTH 8

typedef struct named {
	char *name; /* relative path: template name or asset path */
	char *path; /* the file */
	wq_tpl *tpl; /* templates only */
} named;

struct wq_theme {
	char *dir;
	named *tpls;
	size_t ntpls;
	struct filelist {
		named *items;
		size_t n;
		const char **names;
	} files[WQ_THEME_FOLDERS];
	bool says_words; /* a template names `words` (wq_theme_says_words()) */
	named *langs; /* i18n files; tpl unused */
	size_t nlangs;
	wq_val **strings; /* parallel to langs: merged over English */
	wq_val *fallback; /* English, or empty */
	size_t output_limit; /* most bytes a page may have (0: WQ_TPL_MAX_OUTPUT) */
};

static named *find(named *list, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i].name) == len && !memcmp(list[i].name, name, len))
			return &list[i];
	return NULL;
}

/* Collect files below dir (relative names); a name already present is kept:
 * the site's folder is read first, so its files win. */
static void collect(named **list, size_t *n, const char *dir, const char *rel, const char *suffix,
		    int depth)
{
	char *full = *rel ? wq_fs_join(dir, rel) : wq_xstrdup(dir);
	struct dirent *de;
	DIR *d = opendir(full);

	if (!d || depth > THEME_MAX_DEPTH) {
		if (d)
			closedir(d);
		free(full);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *child, *path;
		size_t nl = strlen(de->d_name), sl = suffix ? strlen(suffix) : 0;

		if (de->d_name[0] == '.')
			continue;
		child = *rel ? wq_fs_join(rel, de->d_name) : wq_xstrdup(de->d_name);
		path = wq_fs_join(dir, child);
		if (wq_fs_is_dir(path)) {
			collect(list, n, dir, child, suffix, depth + 1);
		} else if (!suffix || (nl > sl && !strcmp(de->d_name + nl - sl, suffix))) {
			size_t keep = strlen(child) - sl;
			if (!find(*list, *n, child, keep)) {
				*list = wq_xgrow(*list, *n, sizeof(**list));
				(*list)[*n].name = wq_xstrndup(child, keep);
				(*list)[*n].path = path;
				(*list)[*n].tpl = NULL;
				(*n)++;
				path = NULL;
			}
		}
		free(path);
		free(child);
	}
	closedir(d);
	free(full);
}

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static int loader(void *ctx, const char *name, size_t len, const wq_tpl **out, wq_err *err)
{
	const wq_theme *t = ctx;
	named *hit = find(t->tpls, t->ntpls, name, len);

	(void)err;
	*out = hit ? hit->tpl : NULL;
	return 0;
}

/* The themes installed with the program: <prefix>/share/warraq/themes,
 * the prefix found from where the program is (so an installed tree still
 * works when moved); NULL when that cannot be known. */
static char *installed_themes(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	wq_buf b = WQ_BUF_INIT;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	wq_buf_printf(&b, "%s/../%s/themes", exe, WQ_DATADIR_REL);
	return wq_buf_detach(&b);
}

/* The theme's folder: themes/<name> beside the configuration, else among
 * the installed themes, else in the source tree warraq was built from
 * (a program that was never installed), else under the configured prefix. */
static char *locate(const wq_config *cfg, wq_err *err, int *rc)
{
	char *folders[4], *dir = NULL;
	wq_buf looked = WQ_BUF_INIT;
	size_t i, n = 0;

	folders[n++] = wq_fs_join(cfg->root, "themes");
	if ((folders[n] = installed_themes()) != NULL)
		n++;
	folders[n++] = wq_xstrdup(WQ_THEMES_DIR);
#ifdef WQ_DATADIR
	folders[n++] = wq_xstrdup(WQ_DATADIR "/themes");
#endif
	for (i = 0; i < n; i++) {
		if (!dir) {
			char *d = wq_fs_join(folders[i], cfg->theme);
			if (wq_fs_is_dir(d))
				dir = d;
			else
				free(d);
		}
		if (i)
			wq_buf_puts(&looked, i + 1 < n ? ", " : " and ");
		wq_buf_printf(&looked, "%s/", folders[i]);
		free(folders[i]);
	}
	if (!dir)
		*rc = wq_err_set(err, WQ_EINPUT, *cfg->path ? cfg->path : NULL, 0, 0,
				 "theme '%s' not found (looked in %s)", cfg->theme,
				 wq_buf_cstr(&looked));
	wq_buf_dispose(&looked);
	return dir;
}

/* Whether a tag of the template text @p s names @p name, alone or as a
 * part of a dotted name (`{{words}}`, `{{#article.words}}`); a tag of
 * another name holding it (`{{keywords}}`) does not. */
static bool names_in_tags(const char *s, const char *name)
{
	size_t n = strlen(name);
	const char *open, *close, *p;

	while ((open = strstr(s, "{{")) != NULL && (close = strstr(open + 2, "}}")) != NULL) {
		for (p = open + 2; p + n <= close; p++) {
			bool before = p == open + 2 || !(isalnum((unsigned char)p[-1]) ||
							   p[-1] == '_' || p[-1] == '-');
			bool after = p + n == close || !(isalnum((unsigned char)p[n]) ||
							 p[n] == '_' || p[n] == '-');
			if (before && after && !memcmp(p, name, n))
				return true;
		}
		s = close + 2;
	}
	return false;
}

bool wq_theme_says_words(const wq_theme *t)
{
	return t->says_words;
}

char *wq_theme_locate(const wq_config *cfg)
{
	wq_err err;
	int rc;

	memset(&err, 0, sizeof(err));
	return locate(cfg, &err, &rc);
}

/* Strings with a '{' are ICU MessageFormat patterns: check them now, so a
 * broken one is an error naming its file and line, not a broken page. */
static int check_messages(const wq_val *v, const char *path, wq_err *err)
{
	const char *s = wq_val_get_str(v, NULL);
	size_t i;
	int rc;

	if (s && strchr(s, '{')) {
		wq_buf tmp = WQ_BUF_INIT;
		int offset = 0;
		rc = wq_text_message(&tmp, s, "en", 1, &offset);
		wq_buf_dispose(&tmp);
		if (rc < 0)
			return wq_err_set(err, WQ_EINPUT, path, wq_val_line(v), wq_val_col(v),
					  "not a valid ICU MessageFormat pattern (near character %d)",
					  offset + 1);
	}
	for (i = 0; i < wq_val_count(v); i++)
		if ((rc = check_messages(wq_val_at(v, i), path, err)) < 0)
			return rc;
	return 0;
}

static int read_strings(wq_val **out, const char *path, wq_err *err)
{
	int rc = wq_yaml_load_file(out, path, err);

	if (rc == 0 && (rc = check_messages(*out, path, err)) < 0) {
		wq_val_free(*out);
		*out = NULL;
		return rc;
	}

	if (rc == 0 && wq_val_kind_of(*out) == WQ_VAL_NULL) {
		wq_val_free(*out);
		*out = wq_val_map();
	}
	if (rc == 0 && wq_val_kind_of(*out) != WQ_VAL_MAP) {
		wq_val_free(*out);
		*out = NULL;
		return wq_err_set(err, WQ_EINPUT, path, 1, 1, "UI strings must be a mapping");
	}
	return rc;
}

/* Lay @p over on @p base, key by key (one level of nesting merged). */
static void overlay(wq_val *base, const wq_val *over)
{
	size_t i;

	for (i = 0; i < wq_val_count(over); i++) {
		const char *k = wq_val_key_at(over, i);
		const wq_val *v = wq_val_at(over, i);
		wq_val *old = wq_val_get(base, k);
		if (wq_val_kind_of(v) == WQ_VAL_MAP && wq_val_kind_of(old) == WQ_VAL_MAP)
			overlay(old, v);
		else
			wq_val_set(base, k, wq_val_copy(v));
	}
}

static int load_strings(wq_theme *t, const wq_config *cfg, wq_err *err)
{
	char *site_dir = wq_fs_join(cfg->root, "i18n");
	char *theme_dir = wq_fs_join(t->dir, "i18n");
	named *files = NULL;
	size_t nfiles = 0, i;
	int rc = 0;

	/* Both folders' files, theme's then site's, merged per language. */
	collect(&files, &nfiles, theme_dir, "", ".yml", 0);
	for (i = 0; i < nfiles; i++) {
		t->langs = wq_xgrow(t->langs, t->nlangs, sizeof(*t->langs));
		t->strings = wq_xgrow(t->strings, t->nlangs, sizeof(*t->strings));
		t->langs[t->nlangs] = files[i];
		t->strings[t->nlangs] = NULL;
		files[i].name = files[i].path = NULL;
		if ((rc = read_strings(&t->strings[t->nlangs], t->langs[t->nlangs].path, err)) < 0) {
			t->nlangs++;
			goto done;
		}
		t->nlangs++;
	}
	for (i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].path);
	}
	free(files);
	files = NULL;
	nfiles = 0;
	collect(&files, &nfiles, site_dir, "", ".yml", 0);
	for (i = 0; i < nfiles; i++) {
		named *hit = find(t->langs, t->nlangs, files[i].name, strlen(files[i].name));
		wq_val *v = NULL;
		if ((rc = read_strings(&v, files[i].path, err)) < 0)
			goto done;
		if (hit) {
			overlay(t->strings[hit - t->langs], v);
			wq_val_free(v);
			free(files[i].name);
			free(files[i].path);
		} else {
			t->langs = wq_xgrow(t->langs, t->nlangs, sizeof(*t->langs));
			t->strings = wq_xgrow(t->strings, t->nlangs, sizeof(*t->strings));
			t->langs[t->nlangs] = files[i];
			t->strings[t->nlangs++] = v;
		}
		files[i].name = files[i].path = NULL;
	}
	{
		named *en = find(t->langs, t->nlangs, "en", 2);
		t->fallback = en ? wq_val_copy(t->strings[en - t->langs]) : wq_val_map();
		for (i = 0; i < t->nlangs; i++) {
			wq_val *merged = wq_val_copy(t->fallback);
			overlay(merged, t->strings[i]);
			wq_val_free(t->strings[i]);
			t->strings[i] = merged;
		}
	}
done:
	for (i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].path);
	}
	free(files);
	free(site_dir);
	free(theme_dir);
	return rc;
}

const wq_val *wq_theme_strings(const wq_theme *t, const char *lang)
{
	named *hit = find(t->langs, t->nlangs, lang, strlen(lang));
	const char *dash = strchr(lang, '-');

	if (!hit && dash)
		hit = find(t->langs, t->nlangs, lang, (size_t)(dash - lang));
	return hit ? t->strings[hit - t->langs] : t->fallback;
}

int wq_theme_open(wq_theme **out, const wq_config *cfg, wq_err *err)
{
	wq_theme *t = wq_xcalloc(1, sizeof(*t));
	char *site_layouts = wq_fs_join(cfg->root, "layouts");
	char *site_assets = wq_fs_join(cfg->root, "assets");
	char *dir_layouts = NULL, *dir_assets = NULL;
	wq_buf text = WQ_BUF_INIT;
	size_t i;
	int rc = WQ_EFAIL;

	*out = NULL;
	if (!(t->dir = locate(cfg, err, &rc)))
		goto done;
	dir_layouts = wq_fs_join(t->dir, "layouts");
	dir_assets = wq_fs_join(t->dir, "assets");
	collect(&t->tpls, &t->ntpls, site_layouts, "", ".mustache", 0);
	collect(&t->tpls, &t->ntpls, dir_layouts, "", ".mustache", 0);
	collect(&t->files[WQ_THEME_ASSETS].items, &t->files[WQ_THEME_ASSETS].n, site_assets, "",
		NULL, 0);
	collect(&t->files[WQ_THEME_ASSETS].items, &t->files[WQ_THEME_ASSETS].n, dir_assets, "",
		NULL, 0);
	for (i = WQ_THEME_EPUB; i < WQ_THEME_FOLDERS; i++) {
		char *dir = wq_fs_join(t->dir, i == WQ_THEME_EPUB ? "epub" : "fonts");
		collect(&t->files[i].items, &t->files[i].n, dir, "", NULL, 0);
		free(dir);
	}
	for (i = 0; i < WQ_THEME_FOLDERS; i++) {
		struct filelist *f = &t->files[i];
		size_t j;
		if (f->n > 1) /* a folder the theme does not have: no items at all */
			qsort(f->items, f->n, sizeof(*f->items), cmp_named);
		f->names = wq_xcalloc(f->n + 1, sizeof(*f->names));
		for (j = 0; j < f->n; j++)
			f->names[j] = f->items[j].name;
	}
	if ((rc = load_strings(t, cfg, err)) < 0)
		goto done;
	for (i = 0; i < t->ntpls; i++) {
		wq_buf_clear(&text);
		if ((rc = wq_fs_read(&text, t->tpls[i].path, err)) < 0)
			goto done;
		if ((rc = wq_tpl_compile(&t->tpls[i].tpl, wq_buf_cstr(&text), text.len,
					 t->tpls[i].path, err)) < 0)
			goto done;
		if (names_in_tags(wq_buf_cstr(&text), "words"))
			t->says_words = true;
	}
	*out = t;
	t = NULL;
	rc = 0;
done:
	wq_theme_free(t);
	wq_buf_dispose(&text);
	free(site_layouts);
	free(site_assets);
	free(dir_layouts);
	free(dir_assets);
	return rc;
}

void wq_theme_free(wq_theme *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ntpls; i++) {
		free(t->tpls[i].name);
		free(t->tpls[i].path);
		wq_tpl_free(t->tpls[i].tpl);
	}
	free(t->tpls);
	for (i = 0; i < WQ_THEME_FOLDERS; i++) {
		size_t j;
		for (j = 0; j < t->files[i].n; j++) {
			free(t->files[i].items[j].name);
			free(t->files[i].items[j].path);
		}
		free(t->files[i].items);
		free(t->files[i].names);
	}
	for (i = 0; i < t->nlangs; i++) {
		free(t->langs[i].name);
		free(t->langs[i].path);
		wq_val_free(t->strings[i]);
	}
	free(t->langs);
	free(t->strings);
	wq_val_free(t->fallback);
	free(t->dir);
	free(t);
}

void wq_theme_scale(wq_theme *t, size_t docs)
{
	/* A list page names every document: a few KiB each on top of the
	 * bound that catches runaway templates. */
	t->output_limit = docs > (SIZE_MAX - WQ_TPL_MAX_OUTPUT) / 4096 ?
				  SIZE_MAX : WQ_TPL_MAX_OUTPUT + docs * 4096;
}

int wq_theme_render(wq_buf *out, const wq_theme *t, const char *name, const wq_val *data,
		    wq_err *err)
{
	named *hit = find(t->tpls, t->ntpls, name, strlen(name));

	if (!hit)
		return wq_err_set(err, WQ_EINPUT, t->dir, 0, 0,
				  "the theme has no template 'layouts/%s.mustache'", name);
	return wq_tpl_render_limited(out, hit->tpl, data, loader, (void *)t,
				     t->output_limit ? t->output_limit : WQ_TPL_MAX_OUTPUT, err);
}

bool wq_theme_has_template(const wq_theme *t, const char *name)
{
	return find(t->tpls, t->ntpls, name, strlen(name)) != NULL;
}

const char *const *wq_theme_files(const wq_theme *t, wq_theme_folder folder, size_t *count)
{
	*count = t->files[folder].n;
	return t->files[folder].names;
}

const char *wq_theme_file_path(const wq_theme *t, wq_theme_folder folder, size_t i)
{
	return i < t->files[folder].n ? t->files[folder].items[i].path : NULL;
}

const char *wq_theme_dir(const wq_theme *t)
{
	return t->dir;
}
