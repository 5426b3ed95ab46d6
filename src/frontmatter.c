#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "text.h"
#include "yamlval.h"

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

/* Scalars become text; lists and maps are type errors. */
static int scalar_text(char **slot, const wq_doc *doc, const wq_val *v, const char *key,
		       wq_err *err)
{
	char num[64];
	const char *s;

	switch (wq_val_kind_of(v)) {
	case WQ_VAL_STR: s = wq_val_get_str(v, NULL); break;
	case WQ_VAL_NUM:
		wq_val_format_num(num, sizeof(num), wq_val_get_num(v));
		s = num;
		break;
	case WQ_VAL_BOOL: s = wq_val_get_bool(v) ? "true" : "false"; break;
	case WQ_VAL_NULL: s = ""; break;
	default: return want(err, doc, v, key, "text");
	}
	free(*slot);
	*slot = wq_xstrdup(s);
	return 0;
}

static int valid_lang(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 15)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
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
	if (!strcmp(k, "slug")) {
		if ((rc = scalar_text(&doc->slug, doc, v, k, err)) < 0)
			return rc;
		if (!*doc->slug || strchr(doc->slug, '/') || strchr(doc->slug, '\\') ||
		    doc->slug[0] == '.' || !wq_fs_rel_is_safe(doc->slug, strlen(doc->slug)))
			return want(err, doc, v, k,
				    "a single path segment (no '/', not starting with '.')");
		return 0;
	}
	if (!strcmp(k, "lang")) {
		if ((rc = scalar_text(&doc->lang, doc, v, k, err)) < 0)
			return rc;
		if (!valid_lang(doc->lang))
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
	if (!strcmp(k, "date")) {
		const char *s = wq_val_get_str(v, NULL);
		if (!s || !wq_text_parse_date(&doc->date, s))
			return want(err, doc, v, k, "a date such as 2024-05-17 or 2024-05-17T09:30:00Z");
		doc->has_date = true;
		return 0;
	}
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
	wq_diag_warn(diag, doc->path, wq_val_line(v), 0, "unknown front matter key '%s' (ignored)", k);
	return 0;
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
	blank_block(doc, block_end);
	rc = 0;
done:
	wq_val_free(fm);
	return rc;
}
