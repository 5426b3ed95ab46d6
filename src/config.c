#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "hash.h"
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
	c->url_prefix = "";
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
	"epub", "params", "search", "languages", "default_language_in_subdir",
	"translation_fallback",
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

/* ------------------------------------------------------------ languages */

static const char *const language_keys[] = { "title", "description", "lang", "numbering",
					      "calendar", "weight", "code", NULL };

/* A language's code: 2 to 12 of a-z, 0-9 and '-', starting with a letter
 * (`en`, `fa`, `pt-br`), so that it can be a folder and a file name part. */
static int is_language_code(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 12 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static void free_language(wq_language *l)
{
	free(l->code);
	free(l->lang);
	free(l->title);
	free(l->description);
	free(l->numbering);
	free(l->calendar);
	free(l->prefix);
}

static int apply_language(wq_config *c, wq_language *l, const char *code, const wq_val *v,
			  wq_diag *diag, wq_err *err)
{
	const char *file = c->path;
	size_t i;
	int rc;

	memset(l, 0, sizeof(*l));
	l->code = wq_xstrdup(code);
	l->lang = wq_xstrdup(code);
	l->title = wq_xstrdup("");
	l->description = wq_xstrdup("");
	l->numbering = wq_xstrdup("");
	l->calendar = wq_xstrdup("");
	l->prefix = wq_xstrdup("");
	if (wq_val_kind_of(v) == WQ_VAL_NULL)
		return 0;
	if (wq_val_kind_of(v) != WQ_VAL_MAP)
		return type_error(err, file, v, code, "a mapping (title, description, lang...)");
	for (i = 0; i < wq_val_count(v); i++) {
		const char *k = wq_val_key_at(v, i);
		const wq_val *item = wq_val_at(v, i);
		char **slot = NULL;

		if (!strcmp(k, "weight")) {
			if (!wq_val_num_in(item, -1e9, 1e9))
				return type_error(err, file, item, "weight", "a number");
			l->weight = wq_val_get_num(item);
			continue;
		}
		if (!strcmp(k, "code"))
			continue; /* the list form's key, read by the caller */
		if (!strcmp(k, "title")) slot = &l->title;
		else if (!strcmp(k, "description")) slot = &l->description;
		else if (!strcmp(k, "lang")) slot = &l->lang;
		else if (!strcmp(k, "numbering")) slot = &l->numbering;
		else if (!strcmp(k, "calendar")) slot = &l->calendar;
		if (!slot) {
			wq_buf prefix = WQ_BUF_INIT;
			wq_buf_printf(&prefix, "languages.%s.", code);
			unknown_key(diag, file, item, prefix.ptr, k, language_keys);
			wq_buf_dispose(&prefix);
			continue;
		}
		if ((rc = get_string(slot, item, k, file, err)) < 0)
			return rc;
		if ((slot == &l->numbering || slot == &l->calendar) && **slot &&
		    (!is_keyword(*slot) || !wq_text_known_keyword(slot == &l->calendar, *slot)))
			return type_error(err, file, item, k,
					  slot == &l->numbering ?
						  "an ICU numbering system such as latn or arab" :
						  "an ICU calendar such as islamic-umalqura");
		if (slot == &l->lang && !wq_text_is_lang_tag(l->lang))
			return type_error(err, file, item, k, "a language tag such as ar or en-GB");
	}
	return 0;
}

static int cmp_weight(const void *a, const void *b)
{
	const wq_language *x = a, *y = b;
	bool wx = x->weight != 0, wy = y->weight != 0;

	if (wx != wy)
		return wx ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return 0;
}

/* `languages:` as a mapping (code: {title...}, as Hugo writes it) or a list
 * of mappings, each with its `code`; ordered by weight, then as written. */
static int apply_languages(wq_config *c, const wq_val *v, wq_diag *diag, wq_err *err)
{
	const char *file = c->path;
	bool list = wq_val_kind_of(v) == WQ_VAL_LIST;
	size_t i, j, n;
	int rc = 0;

	if (!list && wq_val_kind_of(v) != WQ_VAL_MAP)
		return type_error(err, file, v, "languages",
				  "a mapping of language codes to their settings");
	n = wq_val_count(v);
	if (!n)
		return type_error(err, file, v, "languages", "at least one language");
	for (i = 0; i < c->nlanguages; i++)
		free_language(&c->languages[i]);
	free(c->languages);
	c->languages = wq_xcalloc(n, sizeof(*c->languages));
	c->nlanguages = 0;
	for (i = 0; i < n && rc == 0; i++) {
		const wq_val *item = wq_val_at(v, i);
		const char *code = list ? wq_val_get_str(wq_val_get(item, "code"), NULL) :
					  wq_val_key_at(v, i);
		if (!code || !is_language_code(code)) {
			rc = wq_err_set(err, WQ_EINPUT, file, wq_val_line(item), wq_val_col(item),
					"a language's code must be 2 to 12 lowercase letters, digits "
					"or '-' (en, fr, pt-br)%s",
					list ? ", given as 'code'" : "");
			break;
		}
		for (j = 0; j < c->nlanguages; j++)
			if (!strcmp(c->languages[j].code, code))
				break;
		if (j < c->nlanguages) {
			rc = wq_err_set(err, WQ_EINPUT, file, wq_val_line(item), wq_val_col(item),
					"the language '%s' is listed twice", code);
			break;
		}
		rc = apply_language(c, &c->languages[c->nlanguages], code, item, diag, err);
		c->nlanguages++;
	}
	if (rc < 0)
		return rc;
	/* A stable sort by weight: insertion keeps the written order of equals. */
	for (i = 1; i < c->nlanguages; i++) {
		wq_language t = c->languages[i];
		for (j = i; j > 0 && cmp_weight(&c->languages[j - 1], &t) > 0; j--)
			c->languages[j] = c->languages[j - 1];
		c->languages[j] = t;
	}
	return 0;
}

/* Each language's folder: the default's is the root unless
 * `default_language_in_subdir`. */
static void set_prefixes(wq_config *c)
{
	size_t i;

	for (i = 0; i < c->nlanguages; i++) {
		free(c->languages[i].prefix);
		c->languages[i].prefix = i == 0 && !c->default_language_in_subdir ?
						 wq_xstrdup("") :
						 wq_fs_join(c->languages[i].code, "");
	}
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
		} else if (!strcmp(k, "languages")) {
			if ((rc = apply_languages(c, v, diag, err)) < 0)
				return rc;
		} else if (!strcmp(k, "default_language_in_subdir")) {
			if (wq_val_kind_of(v) != WQ_VAL_BOOL)
				return type_error(err, file, v, k, "true or false");
			c->default_language_in_subdir = wq_val_get_bool(v);
		} else if (!strcmp(k, "translation_fallback")) {
			const char *fv = wq_val_get_str(v, NULL);
			if (!fv || (strcmp(fv, "home") && strcmp(fv, "none")))
				return type_error(err, file, v, k, "\"home\" or \"none\"");
			c->translation_fallback = !strcmp(fv, "home") ? WQ_FALLBACK_HOME
								       : WQ_FALLBACK_NONE;
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
	set_prefixes(c);
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

static char *dup_or_empty(const char *s)
{
	return wq_xstrdup(s ? s : "");
}

wq_config *wq_config_for_language(const wq_config *cfg, size_t i)
{
	wq_config *c = wq_xcalloc(1, sizeof(*c));
	const wq_language *l = &cfg->languages[i];
	size_t k;

	*c = *cfg;
	c->path = dup_or_empty(cfg->path);
	c->root = dup_or_empty(cfg->root);
	c->title = wq_xstrdup(*l->title ? l->title : cfg->title);
	c->description = wq_xstrdup(*l->description ? l->description : cfg->description);
	c->base_url = dup_or_empty(cfg->base_url);
	c->lang = wq_xstrdup(l->lang);
	c->dir = dup_or_empty(cfg->dir);
	c->author = dup_or_empty(cfg->author);
	c->theme = dup_or_empty(cfg->theme);
	c->copyright = dup_or_empty(cfg->copyright);
	c->numbering = wq_xstrdup(*l->numbering ? l->numbering : cfg->numbering);
	c->calendar = wq_xstrdup(*l->calendar ? l->calendar : cfg->calendar);
	c->exclude = wq_val_copy(cfg->exclude);
	c->params = wq_val_copy(cfg->params);
	c->epub.filename = dup_or_empty(cfg->epub.filename);
	c->epub.title = dup_or_empty(cfg->epub.title);
	c->epub.identifier = dup_or_empty(cfg->epub.identifier);
	c->epub.author = dup_or_empty(cfg->epub.author);
	c->epub.publisher = dup_or_empty(cfg->epub.publisher);
	c->epub.cover = dup_or_empty(cfg->epub.cover);
	c->epub.summary = dup_or_empty(cfg->epub.summary);
	c->languages = wq_xcalloc(cfg->nlanguages, sizeof(*c->languages));
	for (k = 0; k < cfg->nlanguages; k++) {
		const wq_language *f = &cfg->languages[k];
		wq_language *t = &c->languages[k];
		*t = *f;
		t->code = wq_xstrdup(f->code);
		t->lang = wq_xstrdup(f->lang);
		t->title = wq_xstrdup(f->title);
		t->description = wq_xstrdup(f->description);
		t->numbering = wq_xstrdup(f->numbering);
		t->calendar = wq_xstrdup(f->calendar);
		t->prefix = wq_xstrdup(f->prefix);
	}
	c->language = i;
	c->url_prefix = c->languages[i].prefix;
	/* The book of each language its own file name and identifier. */
	if (i > 0 || cfg->default_language_in_subdir) {
		if (*c->epub.filename) {
			char *f = c->epub.filename;
			wq_buf b = WQ_BUF_INIT;
			wq_buf_printf(&b, "%s-%s", f, l->code);
			free(f);
			c->epub.filename = wq_buf_detach(&b);
		}
		if (*c->epub.identifier) {
			/* A UUID stays a UUID: one derived from the book's and
			 * the language's (RFC 4122 version 5). */
			char *f = c->epub.identifier, uuid[37];
			wq_buf b = WQ_BUF_INIT;
			if (!strncmp(f, "urn:uuid:", 9)) {
				wq_buf_printf(&b, "%s\n%s", f, l->code);
				wq_hash_uuid5(uuid, b.ptr, b.len);
				wq_buf_clear(&b);
				wq_buf_printf(&b, "urn:uuid:%s", uuid);
			} else {
				wq_buf_printf(&b, "%s-%s", f, l->code);
			}
			free(f);
			c->epub.identifier = wq_buf_detach(&b);
		}
	}
	return c;
}

long wq_config_file_language(const wq_config *cfg, const char *rel, size_t *stem_len)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	const char *ext = strrchr(base, '.'), *dot;
	size_t i;

	if (!cfg->nlanguages || !ext || ext == base)
		return -1;
	for (dot = ext - 1; dot > base && *dot != '.'; dot--)
		;
	if (dot == base || *dot != '.')
		return -1;
	for (i = 0; i < cfg->nlanguages; i++) {
		size_t n = strlen(cfg->languages[i].code);
		if ((size_t)(ext - dot - 1) == n && !strncmp(dot + 1, cfg->languages[i].code, n)) {
			if (stem_len)
				*stem_len = (size_t)(dot - base);
			return (long)i;
		}
	}
	return -1;
}

bool wq_config_language_file(wq_buf *out, const wq_config *cfg, const char *rel, size_t k)
{
	const char *slash = strrchr(rel, '/');
	const char *dot = strrchr(slash ? slash + 1 : rel, '.');

	wq_buf_clear(out);
	if (k >= cfg->nlanguages || wq_config_file_language(cfg, rel, NULL) >= 0)
		return false;
	wq_buf_put(out, rel, dot ? (size_t)(dot - rel) : strlen(rel));
	wq_buf_printf(out, ".%s%s", cfg->languages[k].code, dot ? dot : "");
	return true;
}

void wq_config_free(wq_config *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nlanguages; i++)
		free_language(&c->languages[i]);
	free(c->languages);
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
