#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "suggest.h"
#include "text.h"
#include "url.h"
#include "yamlval.h"

/* The keys warraq reads; every other one goes to the page's params. */
static const char *const known_keys[] = {
	"title", "date", "lastmod", "updated", "author", "lang", "dir", "description",
	"summary", "keywords", "slug", "aliases", "tags", "weight", "draft", "translation_key",
	NULL,
};

/* Most parts a dotted key (`ms.topic`) is split into for params: the maps
 * it makes nest no deeper than this (a key is hostile input too). */
#define FM_MAX_KEY_PARTS 8

/* Where the front matter ends: the offset just past the closing line. */
static int find_end(const char *t, size_t len, size_t *yaml_end, size_t *block_end)
{
	size_t i = 4; /* past "---\n" */

	while (i < len) {
		size_t eol = i;
		while (eol < len && t[eol] != '\n')
			eol++;
		if ((eol - i == 3 && (!memcmp(t + i, "---", 3) || !memcmp(t + i, "...", 3)))) {
			*yaml_end = i;
			*block_end = eol < len ? eol + 1 : eol;
			return 1;
		}
		/* Trailing spaces after the closing dashes are allowed. */
		if (eol - i > 3 && !memcmp(t + i, "---", 3)) {
			size_t k = i + 3;
			while (k < eol && (t[k] == ' ' || t[k] == '\t'))
				k++;
			if (k == eol) {
				*yaml_end = i;
				*block_end = eol < len ? eol + 1 : eol;
				return 1;
			}
		}
		i = eol + 1;
	}
	return 0;
}

static int want(wq_err *err, const wq_doc *doc, const wq_val *v, const char *key,
		const char *what)
{
	return wq_err_set(err, WQ_EINPUT, doc->path, wq_val_line(v), wq_val_col(v),
			  "front matter '%s' must be %s", key, what);
}

/* A scalar as text (@p num holds a number's), NULL for lists and maps. */
static const char *scalar_str(const wq_val *v, char num[64])
{
	switch (wq_val_kind_of(v)) {
	case WQ_VAL_STR: return wq_val_get_str(v, NULL);
	case WQ_VAL_NUM:
		wq_val_format_num(num, 64, wq_val_get_num(v));
		return num;
	case WQ_VAL_BOOL: return wq_val_get_bool(v) ? "true" : "false";
	case WQ_VAL_NULL: return "";
	default: return NULL;
	}
}

/* Scalars become text; lists and maps are type errors. */
static int scalar_text(char **slot, const wq_doc *doc, const wq_val *v, const char *key,
		       wq_err *err)
{
	char num[64];
	const char *s = scalar_str(v, num);

	if (!s)
		return want(err, doc, v, key, "text");
	free(*slot);
	*slot = wq_xstrdup(s);
	return 0;
}

static int date_value(int64_t *out, bool *has, const wq_doc *doc, const wq_val *v,
		      const char *key, wq_err *err)
{
	const char *s = wq_val_get_str(v, NULL);

	if (!s || !wq_text_parse_date(out, s))
		return want(err, doc, v, key, "a date such as 2024-05-17 or 2024-05-17T09:30:00Z");
	*has = true;
	return 0;
}

/* `keywords`: a string, or a list of them joined with ", ". */
static int keywords_value(wq_doc *doc, const wq_val *v, const char *key, wq_err *err)
{
	wq_buf b = WQ_BUF_INIT;
	char num[64];
	const char *s;
	size_t i;

	if (wq_val_kind_of(v) != WQ_VAL_LIST)
		return scalar_text(&doc->keywords, doc, v, key, err);
	for (i = 0; i < wq_val_count(v); i++) {
		const wq_val *item = wq_val_at(v, i);
		if (!(s = scalar_str(item, num)) || wq_val_kind_of(item) == WQ_VAL_NULL) {
			wq_buf_dispose(&b);
			return want(err, doc, item, key, "text or a list of texts");
		}
		if (!*s)
			continue;
		if (b.len)
			wq_buf_puts(&b, ", ");
		wq_buf_puts(&b, s);
	}
	free(doc->keywords);
	doc->keywords = wq_buf_detach(&b);
	return 0;
}

/* One alias made a clean path: percent escapes decoded, `.` parts and
 * double slashes dropped; a leading '/' (from the site root) and a
 * trailing one (a folder) kept. */
static int alias_value(wq_val *list, const wq_doc *doc, const wq_val *v, const char *key,
		       wq_err *err)
{
	static const char what[] =
		"a path on this site such as /old/page/ or old-name/ (no '..', '?' or '#')";
	const char *s = wq_val_get_str(v, NULL), *p, *end;
	wq_buf raw = WQ_BUF_INIT, clean = WQ_BUF_INIT;
	size_t len;
	int rc = 0;

	if (!s || !*s || wq_url_scheme_len(s) || !strncmp(s, "//", 2) || strpbrk(s, "?#\\"))
		return want(err, doc, v, key, what);
	wq_url_put_decoded(&raw, s, strlen(s));
	if (raw.len && raw.ptr[0] == '/')
		wq_buf_putc(&clean, '/');
	for (p = raw.ptr; *p; p = *end ? end + 1 : end) {
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (len == 0 || (len == 1 && p[0] == '.'))
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			rc = want(err, doc, v, key, what);
			goto done;
		}
		wq_buf_put(&clean, p, len);
		wq_buf_putc(&clean, '/');
	}
	/* A file (`old.html`) is written as it is named, anything else as a folder. */
	len = clean.len;
	if (raw.len && raw.ptr[raw.len - 1] != '/' && len > 1 &&
	    ((len > 6 && !memcmp(clean.ptr + len - 6, ".html/", 6)) ||
	     (len > 5 && !memcmp(clean.ptr + len - 5, ".htm/", 5))))
		wq_buf_truncate(&clean, len - 1);
	/* "." alone leaves nothing: the section folder itself. */
	for (p = wq_buf_cstr(&clean); *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '?' || *p == '#' || *p == '\\')
			break;
	len = clean.len && clean.ptr[0] == '/';
	if (*p || (clean.len > len && !wq_fs_rel_is_safe(wq_buf_cstr(&clean) + len,
							 clean.len - len))) {
		rc = want(err, doc, v, key, what);
		goto done;
	}
	wq_val_set_pos(wq_val_push(list, wq_val_str(wq_buf_cstr(&clean))), wq_val_line(v),
		       wq_val_col(v));
done:
	wq_buf_dispose(&raw);
	wq_buf_dispose(&clean);
	return rc;
}

/* `aliases`: a path or a list of them. */
static int aliases_value(wq_doc *doc, const wq_val *v, const char *key, wq_err *err)
{
	size_t i;
	int rc;

	if (!doc->aliases)
		doc->aliases = wq_val_list();
	if (wq_val_kind_of(v) != WQ_VAL_LIST)
		return alias_value(doc->aliases, doc, v, key, err);
	for (i = 0; i < wq_val_count(v); i++)
		if ((rc = alias_value(doc->aliases, doc, wq_val_at(v, i), key, err)) < 0)
			return rc;
	return 0;
}

/* The column of @p key when line @p line of the text starts with it (after
 * spaces and a quote), else 0: found only when a message needs it. */
static unsigned key_col(const wq_doc *doc, unsigned line, const char *key)
{
	const char *t = doc->text, *end = doc->text + doc->text_len, *at;
	size_t klen = strlen(key);

	for (; line > 1; line--) {
		if (!(t = memchr(t, '\n', (size_t)(end - t))))
			return 0;
		t++;
	}
	for (at = t; at < end && *at == ' '; at++)
		;
	if (at < end && (*at == '"' || *at == '\''))
		at++;
	if ((size_t)(end - at) >= klen && !memcmp(at, key, klen))
		return (unsigned)(at - t) + 1;
	return 0;
}

/* A key warraq does not read: kept for the templates (page.params), and a
 * warning only when it looks like a misspelt known key. */
static int unknown_key(wq_doc *doc, const char *k, const wq_val *v, wq_diag *diag)
{
	const char *near = wq_suggest(k, known_keys);

	wq_val_set(doc->params, k, wq_val_copy(v));
	if (near) {
		unsigned line = wq_val_line(v), col = key_col(doc, line, k);
		wq_diag_warn(diag, doc->path, line, col ? col : wq_val_col(v),
			     "unknown front matter key '%s': did you mean '%s'? "
			     "(kept in page.params)", k, near);
	}
	return 0;
}

/* `ms.topic: x` is also params.ms.topic (templates read names with dots as
 * paths), unless a part of the way is taken by something else than a map
 * or the last part is there already. */
static void set_dotted(wq_val *params, const char *key, const wq_val *v)
{
	const char *p = key, *dot;
	wq_val *map = params, *next;
	size_t parts = 1;

	for (dot = strchr(key, '.'); dot; dot = strchr(dot + 1, '.'))
		if (++parts > FM_MAX_KEY_PARTS)
			return;
	for (; (dot = strchr(p, '.')) != NULL; p = dot + 1) {
		if (dot == p)
			return;
		if (!(next = wq_val_getn(map, p, (size_t)(dot - p)))) {
			char *part = wq_xstrndup(p, (size_t)(dot - p));
			next = wq_val_set(map, part, wq_val_map());
			free(part);
		} else if (wq_val_kind_of(next) != WQ_VAL_MAP) {
			return;
		}
		map = next;
	}
	if (*p && !wq_val_get(map, p))
		wq_val_set(map, p, wq_val_copy(v));
}

static int apply_key(wq_doc *doc, const char *k, const wq_val *v, wq_diag *diag, wq_err *err)
{
	size_t i;
	int rc;

	if (!strcmp(k, "title"))
		return scalar_text(&doc->title, doc, v, k, err);
	if (!strcmp(k, "author"))
		return scalar_text(&doc->author, doc, v, k, err);
	if (!strcmp(k, "summary"))
		return scalar_text(&doc->summary, doc, v, k, err);
	if (!strcmp(k, "description"))
		return scalar_text(&doc->description, doc, v, k, err);
	if (!strcmp(k, "keywords"))
		return keywords_value(doc, v, k, err);
	if (!strcmp(k, "aliases"))
		return aliases_value(doc, v, k, err);
	if (!strcmp(k, "lastmod") || !strcmp(k, "updated"))
		return date_value(&doc->lastmod, &doc->has_lastmod, doc, v, k, err);
	if (!strcmp(k, "slug")) {
		if ((rc = scalar_text(&doc->slug, doc, v, k, err)) < 0)
			return rc;
		if (!*doc->slug || strchr(doc->slug, '/') || strchr(doc->slug, '\\') ||
		    doc->slug[0] == '.' || !wq_fs_rel_is_safe(doc->slug, strlen(doc->slug)))
			return want(err, doc, v, k,
				    "a single path segment (no '/', not starting with '.')");
		return 0;
	}
	if (!strcmp(k, "translation_key"))
		return scalar_text(&doc->translation_key, doc, v, k, err);
	if (!strcmp(k, "lang")) {
		if ((rc = scalar_text(&doc->lang, doc, v, k, err)) < 0)
			return rc;
		if (!wq_text_is_lang_tag(doc->lang))
			return want(err, doc, v, k, "a language tag such as ar or en-GB");
		return 0;
	}
	if (!strcmp(k, "dir")) {
		const char *s = wq_val_get_str(v, NULL);
		if (!s || (strcmp(s, "ltr") && strcmp(s, "rtl") && strcmp(s, "auto")))
			return want(err, doc, v, k, "\"ltr\", \"rtl\" or \"auto\"");
		free(doc->dir);
		doc->dir = wq_xstrdup(strcmp(s, "auto") ? s : "");
		return 0;
	}
	if (!strcmp(k, "date"))
		return date_value(&doc->date, &doc->has_date, doc, v, k, err);
	if (!strcmp(k, "weight")) {
		if (!wq_val_num_in(v, -1e15, 1e15))
			return want(err, doc, v, k, "a finite number");
		doc->weight = wq_val_get_num(v);
		return 0;
	}
	if (!strcmp(k, "draft")) {
		if (wq_val_kind_of(v) != WQ_VAL_BOOL)
			return want(err, doc, v, k, "true or false");
		doc->draft = wq_val_get_bool(v);
		return 0;
	}
	if (!strcmp(k, "tags")) {
		if (wq_val_kind_of(v) == WQ_VAL_STR) {
			wq_val_push(doc->tags, wq_val_copy(v));
			return 0;
		}
		if (wq_val_kind_of(v) != WQ_VAL_LIST)
			return want(err, doc, v, k, "a list of strings");
		for (i = 0; i < wq_val_count(v); i++) {
			const wq_val *t = wq_val_at(v, i);
			if (wq_val_kind_of(t) != WQ_VAL_STR)
				return want(err, doc, t, k, "a list of strings");
			wq_val_push(doc->tags, wq_val_copy(t));
		}
		return 0;
	}
	return unknown_key(doc, k, v, diag);
}

/* The block becomes as many empty lines: line numbers stay those of the file. */
static void blank_block(wq_doc *doc, size_t block_end)
{
	wq_buf rest = WQ_BUF_INIT;
	size_t i;

	for (i = 0; i < block_end; i++)
		if (doc->text[i] == '\n')
			wq_buf_putc(&rest, '\n');
	wq_buf_put(&rest, doc->text + block_end, doc->text_len - block_end);
	free(doc->text);
	doc->text_len = rest.len;
	doc->text = wq_buf_detach(&rest);
}

void wq_frontmatter_strip(wq_doc *doc)
{
	size_t yaml_end, block_end;

	if (doc->text_len >= 4 && !memcmp(doc->text, "---\n", 4) &&
	    find_end(doc->text, doc->text_len, &yaml_end, &block_end))
		blank_block(doc, block_end);
}

int wq_frontmatter_apply(wq_doc *doc, wq_diag *diag, wq_err *err)
{
	const char *t = doc->text;
	size_t len = doc->text_len, yaml_end, block_end, i;
	wq_val *fm = NULL;
	int rc = WQ_EFAIL;

	if (len < 4 || memcmp(t, "---\n", 4) != 0)
		return 0;
	if (!find_end(t, len, &yaml_end, &block_end))
		return wq_err_set(err, WQ_EINPUT, doc->path, 1, 1,
				  "front matter is not closed: no '---' line ends it");
	if ((rc = wq_yaml_parse(&fm, t + 4, yaml_end - 4, doc->path, 2, err)) < 0)
		goto done;
	if (wq_val_kind_of(fm) != WQ_VAL_MAP && wq_val_kind_of(fm) != WQ_VAL_NULL) {
		rc = wq_err_set(err, WQ_EINPUT, doc->path, 2, 1,
				"front matter must be a mapping of keys to values");
		goto done;
	}
	for (i = 0; i < wq_val_count(fm); i++)
		if ((rc = apply_key(doc, wq_val_key_at(fm, i), wq_val_at(fm, i), diag, err)) < 0)
			goto done;
	/* Dotted keys as paths too, once every key as written is in. */
	for (i = 0; i < wq_val_count(doc->params); i++) {
		const char *k = wq_val_key_at(doc->params, i);
		if (strchr(k, '.'))
			set_dotted(doc->params, k, wq_val_get(fm, k));
	}
	/* Lists and the feed show the description when there is no summary. */
	if (!*doc->summary && *doc->description) {
		free(doc->summary);
		doc->summary = wq_xstrdup(doc->description);
	}
	blank_block(doc, block_end);
	rc = 0;
done:
	wq_val_free(fm);
	return rc;
}
