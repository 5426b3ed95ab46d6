#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "mem.h"
#include "suggest.h"
#include "text.h"
#include "yamlval.h"

static void set(char **slot, const char *s)
{
	free(*slot);
	*slot = wq_xstrdup(s);
}

static wq_config *defaults(void)
{
	wq_config *c = wq_xcalloc(1, sizeof(*c));

	c->path = wq_xstrdup("");
	c->text_memory = (size_t)64 << 20;
	c->root = wq_xstrdup(".");
	c->title = wq_xstrdup("warraq");
	c->description = wq_xstrdup("");
	c->base_url = wq_xstrdup("");
	c->lang = wq_xstrdup("");
	c->dir = wq_xstrdup("");
	c->author = wq_xstrdup("");
	c->theme = wq_xstrdup("default");
	c->copyright = wq_xstrdup("");
	c->numbering = wq_xstrdup("");
	c->calendar = wq_xstrdup("");
	c->detect_language = true;
	c->words_per_minute = 200;
	c->summary_chars = 220;
	c->paginate = 20;
	c->feed_limit = 20;
	c->params = wq_val_map();
	c->exclude = wq_val_list();
	c->epub.enabled = true;
	c->epub.filename = wq_xstrdup("");
	c->epub.title = wq_xstrdup("");
	c->epub.identifier = wq_xstrdup("");
	c->epub.author = wq_xstrdup("");
	c->epub.publisher = wq_xstrdup("");
	c->epub.cover = wq_xstrdup("");
	c->epub.summary = wq_xstrdup("");
	return c;
}

static int type_error(wq_err *err, const char *file, const wq_val *v, const char *key,
		      const char *want)
{
	return wq_err_set(err, WQ_EINPUT, file, wq_val_line(v), wq_val_col(v),
			  "'%s' must be %s", key, want);
}

static int get_string(char **slot, const wq_val *v, const char *key, const char *file,
		      wq_err *err)
{
	const char *s = wq_val_get_str(v, NULL);

	if (!s)
		return type_error(err, file, v, key, "a string");
	set(slot, s);
	return 0;
}

/* Keys read elsewhere (by later stages); known here so they are not "unknown". */
static const char *const later_keys[] = { "search", NULL };

/* Every key, for "did you mean" only (what is known is decided in apply()). */
static const char *const top_keys[] = {
	"title", "description", "lang", "author", "theme", "copyright", "base_url", "dir",
	"numbering", "calendar", "slugs", "unsafe_html", "drafts", "strict", "exclude",
	"detect_language", "words_per_minute", "summary_length", "paginate", "feed_limit",
	"epub", "params", "search",
	NULL,
};
static const char *const epub_keys[] = { "filename", "title", "identifier", "author",
					  "publisher", "cover", "accessibility_summary",
					  "per_article", NULL };

static void unknown_key(wq_diag *diag, const char *file, const wq_val *v, const char *prefix,
			const char *k, const char *const *known)
{
	const char *near = wq_suggest(k, known);

	if (near)
		wq_diag_warn(diag, file, wq_val_line(v), 0,
			     "unknown configuration key '%s%s' (ignored): did you mean '%s%s'?",
			     prefix, k, prefix, near);
	else
		wq_diag_warn(diag, file, wq_val_line(v), 0,
			     "unknown configuration key '%s%s' (ignored)", prefix, k);
}

/* ICU keyword values are short ASCII words: a-z, 0-9 and '-'. */
static int is_keyword(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int apply_epub(wq_config *c, const wq_val *v, wq_diag *diag, wq_err *err)
{
	const char *file = c->path;
	size_t i;
	int rc;

	if (wq_val_kind_of(v) == WQ_VAL_BOOL) {
		c->epub.enabled = wq_val_get_bool(v);
		return 0;
	}
	if (wq_val_kind_of(v) != WQ_VAL_MAP)
		return type_error(err, file, v, "epub", "a mapping, or false");
	for (i = 0; i < wq_val_count(v); i++) {
		const char *k = wq_val_key_at(v, i);
		const wq_val *item = wq_val_at(v, i);
		char **slot = NULL;

		if (!strcmp(k, "per_article")) {
			if (wq_val_kind_of(item) != WQ_VAL_BOOL)
				return type_error(err, file, item, "per_article", "true or false");
			c->epub.per_article = wq_val_get_bool(item);
			continue;
		}
		if (!strcmp(k, "filename")) slot = &c->epub.filename;
		else if (!strcmp(k, "title")) slot = &c->epub.title;
		else if (!strcmp(k, "identifier")) slot = &c->epub.identifier;
		else if (!strcmp(k, "author")) slot = &c->epub.author;
		else if (!strcmp(k, "publisher")) slot = &c->epub.publisher;
		else if (!strcmp(k, "cover")) slot = &c->epub.cover;
		else if (!strcmp(k, "accessibility_summary")) slot = &c->epub.summary;
		if (!slot) {
			unknown_key(diag, file, item, "epub.", k, epub_keys);
			continue;
		}
		if ((rc = get_string(slot, item, k, file, err)) < 0)
			return rc;
	}
	if (*c->epub.filename) {
		const char *f = c->epub.filename;
		size_t n = strlen(f), j;
		for (j = 0; j < n; j++)
			if (!((f[j] >= 'a' && f[j] <= 'z') || (f[j] >= 'A' && f[j] <= 'Z') ||
			      (f[j] >= '0' && f[j] <= '9') || f[j] == '-' || f[j] == '_' ||
			      (f[j] == '.' && j > 0)))
				return type_error(err, file, wq_val_get(v, "filename"), "filename",
						  "a plain ASCII file name (letters, digits, '-', '_')");
		if (n > 5 && !strcmp(f + n - 5, ".epub"))
			c->epub.filename[n - 5] = '\0';
	}
	if (*c->epub.cover && !wq_fs_rel_is_safe(c->epub.cover, strlen(c->epub.cover)))
		return type_error(err, file, wq_val_get(v, "cover"), "cover",
				  "a path inside the project folder");
	return 0;
}

static int apply(wq_config *c, const wq_val *doc, wq_diag *diag, wq_err *err)
{
	const char *file = c->path;
	size_t i;
	int rc;

	if (wq_val_kind_of(doc) == WQ_VAL_NULL)
		return 0;
	if (wq_val_kind_of(doc) != WQ_VAL_MAP)
		return wq_err_set(err, WQ_EINPUT, file, wq_val_line(doc), wq_val_col(doc),
				  "the configuration must be a mapping of keys to values");
	for (i = 0; i < wq_val_count(doc); i++) {
		const char *k = wq_val_key_at(doc, i);
		const wq_val *v = wq_val_at(doc, i);
		char **slot = NULL;
		size_t j;

		if (!strcmp(k, "theme")) {
			const char *t = wq_val_get_str(v, NULL);
			if (!t || !*t || strchr(t, '/') || strchr(t, '\\') || t[0] == '.')
				return type_error(err, file, v, k, "a plain folder name");
		}
		if (!strcmp(k, "title")) slot = &c->title;
		else if (!strcmp(k, "description")) slot = &c->description;
		else if (!strcmp(k, "lang")) slot = &c->lang;
		else if (!strcmp(k, "author")) slot = &c->author;
		else if (!strcmp(k, "theme")) slot = &c->theme;
		else if (!strcmp(k, "copyright")) slot = &c->copyright;
		if (slot) {
			if ((rc = get_string(slot, v, k, file, err)) < 0)
				return rc;
			continue;
		}
		if (!strcmp(k, "base_url")) {
			const char *url = wq_val_get_str(v, NULL);
			if (!url)
				return type_error(err, file, v, k, "a string");
			if (wq_config_set_base_url(c, url) < 0)
				return wq_err_set(err, WQ_EINPUT, file, wq_val_line(v), wq_val_col(v),
						  "'base_url' must be an absolute http(s) URL");
		} else if (!strcmp(k, "dir")) {
			if ((rc = get_string(&c->dir, v, k, file, err)) < 0)
				return rc;
			if (strcmp(c->dir, "ltr") && strcmp(c->dir, "rtl") && strcmp(c->dir, "auto"))
				return type_error(err, file, v, k, "\"ltr\", \"rtl\" or \"auto\"");
			if (!strcmp(c->dir, "auto"))
				set(&c->dir, "");
		} else if (!strcmp(k, "numbering") || !strcmp(k, "calendar")) {
			char **kw = !strcmp(k, "numbering") ? &c->numbering : &c->calendar;
			if ((rc = get_string(kw, v, k, file, err)) < 0)
				return rc;
			if (**kw && (!is_keyword(*kw) ||
				     !wq_text_known_keyword(!strcmp(k, "calendar"), *kw)))
				return type_error(err, file, v, k,
						  !strcmp(k, "numbering") ?
							  "an ICU numbering system such as latn or arab" :
							  "an ICU calendar such as islamic-umalqura");
		} else if (!strcmp(k, "slugs")) {
			const char *sv = wq_val_get_str(v, NULL);
			if (!sv || (strcmp(sv, "ascii") && strcmp(sv, "unicode")))
				return type_error(err, file, v, k, "\"ascii\" or \"unicode\"");
			c->ascii_slugs = !strcmp(sv, "ascii");
		} else if (!strcmp(k, "unsafe_html")) {
			if (wq_val_kind_of(v) != WQ_VAL_BOOL)
				return type_error(err, file, v, k, "true or false");
			c->unsafe_html = wq_val_get_bool(v);
		} else if (!strcmp(k, "drafts")) {
			if (wq_val_kind_of(v) != WQ_VAL_BOOL)
				return type_error(err, file, v, k, "true or false");
			c->drafts = wq_val_get_bool(v);
		} else if (!strcmp(k, "strict")) {
			if (wq_val_kind_of(v) != WQ_VAL_BOOL)
				return type_error(err, file, v, k, "true or false");
			c->strict = wq_val_get_bool(v);
		} else if (!strcmp(k, "exclude")) {
			size_t e;
			wq_val_free(c->exclude);
			c->exclude = wq_val_list();
			if (wq_val_kind_of(v) == WQ_VAL_STR) {
				wq_val_push(c->exclude, wq_val_copy(v));
				continue;
			}
			if (wq_val_kind_of(v) != WQ_VAL_LIST)
				return type_error(err, file, v, k, "a list of path patterns");
			for (e = 0; e < wq_val_count(v); e++) {
				const wq_val *p = wq_val_at(v, e);
				if (wq_val_kind_of(p) != WQ_VAL_STR || !*wq_val_get_str(p, NULL))
					return type_error(err, file, p, k, "a list of path patterns");
				wq_val_push(c->exclude, wq_val_copy(p));
			}
		} else if (!strcmp(k, "detect_language")) {
			if (wq_val_kind_of(v) != WQ_VAL_BOOL)
				return type_error(err, file, v, k, "true or false");
			c->detect_language = wq_val_get_bool(v);
		} else if (!strcmp(k, "words_per_minute")) {
			if (!wq_val_num_in(v, 1, 10000))
				return type_error(err, file, v, k, "a number from 1 to 10000");
			c->words_per_minute = wq_val_get_num(v);
		} else if (!strcmp(k, "paginate") || !strcmp(k, "feed_limit")) {
			if (!wq_val_num_in(v, 0, 1000000) ||
			    wq_val_get_num(v) != (double)(size_t)wq_val_get_num(v))
				return type_error(err, file, v, k, "a whole number from 0 to 1000000");
			*(!strcmp(k, "paginate") ? &c->paginate : &c->feed_limit) =
				(size_t)wq_val_get_num(v);
		} else if (!strcmp(k, "summary_length")) {
			if (!wq_val_num_in(v, 0, 10000))
				return type_error(err, file, v, k, "a number from 0 to 10000");
			c->summary_chars = (int)wq_val_get_num(v);
		} else if (!strcmp(k, "epub")) {
			if ((rc = apply_epub(c, v, diag, err)) < 0)
				return rc;
		} else if (!strcmp(k, "params")) {
			if (wq_val_kind_of(v) != WQ_VAL_MAP)
				return type_error(err, file, v, k, "a mapping");
			wq_val_free(c->params);
			c->params = wq_val_copy(v);
		} else {
			for (j = 0; later_keys[j]; j++)
				if (!strcmp(k, later_keys[j]))
					break;
			if (!later_keys[j])
				unknown_key(diag, file, v, "", k, top_keys);
		}
	}
	if (strchr(c->theme, '/') || !wq_fs_rel_is_safe(c->theme, strlen(c->theme)) ||
	    c->theme[0] == '.')
		return wq_err_set(err, WQ_EINPUT, file, 0, 0, "'theme' must be a plain folder name");
	return 0;
}

int wq_config_set_base_url(wq_config *c, const char *url)
{
	size_t n = strlen(url);
	char *s;

	if (n && strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
		return WQ_EINPUT;
	/* A trailing slash, so that paths from the site root follow it. */
	s = n && url[n - 1] != '/' ? wq_fs_join(url, "") : wq_xstrdup(url);
	free(c->base_url);
	c->base_url = s;
	return 0;
}

int wq_config_load(wq_config **out, const char *path, bool required, wq_diag *diag, wq_err *err)
{
	wq_config *c = defaults();
	wq_val *doc = NULL;
	int rc = WQ_EFAIL;

	*out = NULL;
	if (!wq_fs_is_file(path)) {
		if (required || wq_fs_is_dir(path)) {
			rc = wq_err_set(err, WQ_EIO, path, 0, 0, "configuration file not found");
			goto done;
		}
	} else {
		char *slash;
		set(&c->path, path);
		set(&c->root, path);
		slash = strrchr(c->root, '/');
		if (slash == c->root)
			slash[1] = '\0'; /* "/warraq.yml": the root folder */
		else if (slash)
			*slash = '\0';
		else
			set(&c->root, ".");
		if ((rc = wq_yaml_load_file(&doc, path, err)) < 0)
			goto done;
		if ((rc = apply(c, doc, diag, err)) < 0)
			goto done;
	}
	*out = c;
	c = NULL;
	rc = 0;
done:
	wq_val_free(doc);
	wq_config_free(c);
	return rc;
}

void wq_config_free(wq_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->root);
	free(c->title);
	free(c->description);
	free(c->base_url);
	free(c->lang);
	free(c->dir);
	free(c->author);
	free(c->theme);
	free(c->copyright);
	free(c->numbering);
	free(c->calendar);
	wq_val_free(c->params);
	wq_val_free(c->exclude);
	free(c->epub.filename);
	free(c->epub.title);
	free(c->epub.identifier);
	free(c->epub.author);
	free(c->epub.publisher);
	free(c->epub.cover);
	free(c->epub.summary);
	free(c);
}
