#include "yamlval.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "fsutil.h"

typedef struct reader {
	yaml_parser_t parser;
	const char *file;
	unsigned first_line;
	wq_err *err;
} reader;

static unsigned line_of(const reader *r, yaml_mark_t m)
{
	return r->first_line + (unsigned)m.line;
}

static int fail_parser(reader *r)
{
	const char *what = r->parser.problem ? r->parser.problem : "malformed YAML";
	yaml_mark_t m = r->parser.problem_mark, c = r->parser.context_mark;

	if (r->parser.context)
		return wq_err_set(r->err, WQ_EINPUT, r->file, line_of(r, m), (unsigned)m.column + 1,
				  "YAML: %s %s (started at line %u, column %u)", what,
				  r->parser.context, line_of(r, c), (unsigned)c.column + 1);
	return wq_err_set(r->err, WQ_EINPUT, r->file, line_of(r, m), (unsigned)m.column + 1,
			  "YAML: %s", what);
}

static int next(reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev))
		return fail_parser(r);
	return 0;
}

static int is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int is_float(const char *s, double *out)
{
	char *end;
	const char *p = s;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF")) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		return 1;
	}
	if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN")) {
		*out = NAN;
		return 1;
	}
	/* Only decimal forms: strtod alone would accept hex and "inf". */
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p != '.' && *p != 'e' && *p != 'E' && *p != '-' && *p != '+')
			return 0;
	}
	if (!digits)
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	return *end == '\0' && errno == 0;
}

static wq_val *scalar(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	double d;

	if (tag && strcmp(tag, YAML_STR_TAG) == 0)
		return wq_val_strn(s, len);
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || strlen(s) != len)
		return wq_val_strn(s, len);
	if (len == 0 || !strcmp(s, "~") || !strcmp(s, "null") ||
	    !strcmp(s, "Null") || !strcmp(s, "NULL"))
		return wq_val_null();
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return wq_val_bool(true);
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return wq_val_bool(false);
	if (is_int(s) && len < 16)
		return wq_val_num(strtod(s, NULL));
	/* Octal and hexadecimal integers of the YAML 1.2 core schema. */
	if (len > 2 && len < 16 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		char *end;
		long long n = strtoll(s + 2, &end, s[1] == 'o' ? 8 : 16);
		if (*end == '\0' && s[2] != '-' && s[2] != '+' && s[2] != ' ')
			return wq_val_num((double)n);
	}
	if (is_float(s, &d))
		return wq_val_num(d);
	return wq_val_strn(s, len);
}

static int node(reader *r, yaml_event_t *ev, int depth, wq_val **out);

static int collection(reader *r, yaml_event_t *start, int depth, wq_val **out)
{
	int is_map = start->type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	wq_val *v = is_map ? wq_val_map() : wq_val_list();
	yaml_event_t ev;
	int rc;

	wq_val_set_pos(v, line_of(r, start->start_mark), (unsigned)start->start_mark.column + 1);
	if (depth >= WQ_YAML_MAX_DEPTH) {
		wq_val_free(v);
		return wq_err_set(r->err, WQ_ELIMIT, r->file, line_of(r, start->start_mark),
				  (unsigned)start->start_mark.column + 1,
				  "YAML nested deeper than %d levels", WQ_YAML_MAX_DEPTH);
	}
	for (;;) {
		wq_val *key = NULL, *item = NULL;

		if ((rc = next(r, &ev)) < 0)
			goto fail;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		rc = node(r, &ev, depth + 1, is_map ? &key : &item);
		yaml_event_delete(&ev);
		if (rc < 0)
			goto fail;
		if (!is_map) {
			wq_val_push(v, item);
			continue;
		}
		if (wq_val_kind_of(key) == WQ_VAL_LIST || wq_val_kind_of(key) == WQ_VAL_MAP) {
			rc = wq_err_set(r->err, WQ_EINPUT, r->file, wq_val_line(key),
					wq_val_col(key), "YAML: a mapping key must be a scalar");
			wq_val_free(key);
			goto fail;
		}
		if ((rc = next(r, &ev)) < 0) {
			wq_val_free(key);
			goto fail;
		}
		rc = node(r, &ev, depth + 1, &item);
		yaml_event_delete(&ev);
		if (rc < 0) {
			wq_val_free(key);
			goto fail;
		}
		/* A block collection is said to start at its key: messages about
		 * "key:" then point at the key's line. */
		if ((wq_val_kind_of(item) == WQ_VAL_LIST || wq_val_kind_of(item) == WQ_VAL_MAP) &&
		    wq_val_line(item) != wq_val_line(key))
			wq_val_set_pos(item, wq_val_line(key), wq_val_col(key));
		{
			char num[64];
			const char *k = wq_val_get_str(key, NULL);
			if (!k) {
				if (wq_val_kind_of(key) == WQ_VAL_NUM) {
					wq_val_format_num(num, sizeof(num), wq_val_get_num(key));
					k = num;
				} else if (wq_val_kind_of(key) == WQ_VAL_BOOL) {
					k = wq_val_get_bool(key) ? "true" : "false";
				} else {
					k = "";
				}
			}
			wq_val_set(v, k, item);
		}
		wq_val_free(key);
	}
	*out = v;
	return 0;
fail:
	wq_val_free(v);
	return rc;
}

static int node(reader *r, yaml_event_t *ev, int depth, wq_val **out)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*out = scalar(ev);
		wq_val_set_pos(*out, line_of(r, ev->start_mark), (unsigned)ev->start_mark.column + 1);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return collection(r, ev, depth, out);
	case YAML_ALIAS_EVENT:
		return wq_err_set(r->err, WQ_EINPUT, r->file, line_of(r, ev->start_mark),
				  (unsigned)ev->start_mark.column + 1,
				  "YAML aliases are not supported");
	default:
		return wq_err_set(r->err, WQ_EINPUT, r->file, line_of(r, ev->start_mark),
				  (unsigned)ev->start_mark.column + 1, "unexpected YAML event");
	}
}

int wq_yaml_parse(wq_val **out, const char *data, size_t len, const char *file,
		  unsigned first_line, wq_err *err)
{
	reader r;
	yaml_event_t ev;
	wq_val *doc = NULL;
	int rc = WQ_EFAIL;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.file = file;
	r.first_line = first_line ? first_line : 1;
	r.err = err;
	if (!yaml_parser_initialize(&r.parser))
		return wq_err_set(err, WQ_EFAIL, file, 0, 0, "cannot start the YAML parser");
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);

	/* STREAM-START, then DOCUMENT-START or STREAM-END. */
	for (;;) {
		if ((rc = next(&r, &ev)) < 0)
			goto done;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			doc = wq_val_null();
			rc = 0;
			goto done;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	if ((rc = next(&r, &ev)) < 0)
		goto done;
	rc = node(&r, &ev, 0, &doc);
	yaml_event_delete(&ev);
	if (rc < 0)
		goto done;
	/* DOCUMENT-END; a second document is ignored but must still parse. */
	if ((rc = next(&r, &ev)) < 0)
		goto done;
	yaml_event_delete(&ev);
	rc = 0;
done:
	yaml_parser_delete(&r.parser);
	if (rc < 0) {
		wq_val_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int wq_yaml_load_file(wq_val **out, const char *path, wq_err *err)
{
	wq_buf data = WQ_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = wq_fs_read(&data, path, err)) < 0)
		return rc;
	rc = wq_yaml_parse(out, wq_buf_cstr(&data), data.len, path, 1, err);
	wq_buf_dispose(&data);
	return rc;
}
