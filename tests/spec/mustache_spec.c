/*
 * Runs one file of the Mustache specification (the YAML files of
 * github.com/mustache/spec, as published) against src/mustache.c.
 *
 *   mustache_spec path/to/sections.yml
 *
 * Prints "ok <name>" or "FAIL <name>" for each test; exits 0 when all
 * pass, 1 when one fails or the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fsutil.h"
#include "mem.h"
#include "mustache.h"
#include "value.h"
#include "yamlval.h"

/* The test's "partials" map, compiled on first use. */
typedef struct partials {
	const wq_val *src;
	char **names;
	wq_tpl **tpls;
	size_t n;
} partials;

static int load_partial(void *ctx, const char *name, size_t len,
			const wq_tpl **out, wq_err *err)
{
	partials *p = ctx;
	const wq_val *v = wq_val_getn(p->src, name, len);
	const char *text;
	size_t i, tlen;
	wq_tpl *tpl;
	char *file;
	int rc;

	*out = NULL;
	for (i = 0; i < p->n; i++) {
		if (strlen(p->names[i]) == len && memcmp(p->names[i], name, len) == 0) {
			*out = p->tpls[i];
			return 0;
		}
	}
	if (!(text = wq_val_get_str(v, &tlen)))
		return 0;
	file = wq_xstrndup(name, len);
	if ((rc = wq_tpl_compile(&tpl, text, tlen, file, err)) < 0) {
		free(file);
		return rc;
	}
	p->names = wq_xrealloc(p->names, (p->n + 1) * sizeof(*p->names));
	p->tpls = wq_xrealloc(p->tpls, (p->n + 1) * sizeof(*p->tpls));
	p->names[p->n] = file;
	p->tpls[p->n] = tpl;
	p->n++;
	*out = tpl;
	return 0;
}

static void partials_dispose(partials *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->names[i]);
		wq_tpl_free(p->tpls[i]);
	}
	free(p->names);
	free(p->tpls);
}

/* Make whitespace visible in failure reports. */
static void show(const char *label, const char *s)
{
	printf("  %s \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
	puts("\"");
}

static int run_test(const wq_val *test)
{
	const char *name = wq_val_get_str(wq_val_get(test, "name"), NULL);
	const char *text = wq_val_get_str(wq_val_get(test, "template"), NULL);
	const char *want = wq_val_get_str(wq_val_get(test, "expected"), NULL);
	partials p = { wq_val_get(test, "partials"), NULL, NULL, 0 };
	wq_buf out = WQ_BUF_INIT;
	wq_err err = WQ_ERR_INIT;
	wq_tpl *tpl = NULL;
	char msg[2200];
	int rc, ok;

	if (!name)
		name = "(unnamed)";
	if (!text || !want) {
		printf("FAIL %s\n  malformed test: no template or expected\n", name);
		return 0;
	}
	rc = wq_tpl_compile(&tpl, text, strlen(text), name, &err);
	if (rc == 0)
		rc = wq_tpl_render(&out, tpl, wq_val_get(test, "data"),
				   load_partial, &p, &err);
	ok = rc == 0 && strcmp(wq_buf_cstr(&out), want) == 0;
	printf("%s %s\n", ok ? "ok" : "FAIL", name);
	if (!ok) {
		if (rc < 0) {
			wq_err_format(msg, sizeof(msg), &err);
			printf("  error: %s\n", msg);
		}
		show("got ", wq_buf_cstr(&out));
		show("want", want);
	}
	wq_tpl_free(tpl);
	partials_dispose(&p);
	wq_buf_dispose(&out);
	return ok;
}

int main(int argc, char **argv)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *doc = NULL;
	const wq_val *tests;
	char msg[2200];
	size_t i, n, passed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SPEC.yml\n", argv[0]);
		return 2;
	}
	if (!wq_fs_is_file(argv[1])) {
		fprintf(stderr, "%s: not found\n", argv[1]);
		return 1;
	}
	if (wq_yaml_load_file(&doc, argv[1], &err) < 0) {
		wq_err_format(msg, sizeof(msg), &err);
		fprintf(stderr, "%s\n", msg);
		return 1;
	}
	tests = wq_val_get(doc, "tests");
	n = wq_val_count(tests);
	for (i = 0; i < n; i++)
		passed += (size_t)run_test(wq_val_at(tests, i));
	printf("%zu/%zu passed\n", passed, n);
	wq_val_free(doc);
	return n && passed == n ? 0 : 1;
}
