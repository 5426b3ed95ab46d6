/* Unit tests for src/yamlval.c: YAML text to a value tree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "value.h"
#include "yamlval.h"
#include "check.h"

/* Parse @p yaml, expecting success; returns the tree (caller frees). */
static wq_val *parse_ok(const char *yaml)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *v = NULL;
	int rc = wq_yaml_parse(&v, yaml, strlen(yaml), "t.yml", 1, &err);

	CHECK(rc == 0);
	if (rc != 0)
		fprintf(stderr, "  parsing %s: %s:%u:%u: %s\n", yaml, err.file, err.line,
			err.col, err.msg);
	return v;
}

/* The value of "k: <scalar>". */
static wq_val *scalar_of(const char *yaml)
{
	wq_val *m = parse_ok(yaml), *v;

	v = wq_val_copy(wq_val_get(m, "k"));
	wq_val_free(m);
	return v;
}

static void kind_is(const char *yaml, wq_val_kind want)
{
	wq_val *v = scalar_of(yaml);

	CHECK(wq_val_kind_of(v) == want);
	if (wq_val_kind_of(v) != want)
		fprintf(stderr, "  for %s: kind %d, want %d\n", yaml, wq_val_kind_of(v), want);
	wq_val_free(v);
}

static void num_is(const char *yaml, double want)
{
	wq_val *v = scalar_of(yaml);

	CHECK(wq_val_kind_of(v) == WQ_VAL_NUM);
	CHECK(wq_val_get_num(v) == want);
	if (wq_val_get_num(v) != want)
		fprintf(stderr, "  for %s: %g, want %g\n", yaml, wq_val_get_num(v), want);
	wq_val_free(v);
}

static void str_is(const char *yaml, const char *want)
{
	wq_val *v = scalar_of(yaml);

	CHECK(wq_val_kind_of(v) == WQ_VAL_STR);
	CHECK_STR(wq_val_get_str(v, NULL), want);
	wq_val_free(v);
}

static void test_scalar_typing(void)
{
	wq_val *v;

	kind_is("k: null", WQ_VAL_NULL);
	kind_is("k: Null", WQ_VAL_NULL);
	kind_is("k: NULL", WQ_VAL_NULL);
	kind_is("k: ~", WQ_VAL_NULL);
	kind_is("k:", WQ_VAL_NULL);

	v = scalar_of("k: true");
	CHECK(wq_val_kind_of(v) == WQ_VAL_BOOL && wq_val_get_bool(v));
	wq_val_free(v);
	v = scalar_of("k: True");
	CHECK(wq_val_kind_of(v) == WQ_VAL_BOOL && wq_val_get_bool(v));
	wq_val_free(v);
	v = scalar_of("k: false");
	CHECK(wq_val_kind_of(v) == WQ_VAL_BOOL && !wq_val_get_bool(v));
	wq_val_free(v);
	v = scalar_of("k: FALSE");
	CHECK(wq_val_kind_of(v) == WQ_VAL_BOOL && !wq_val_get_bool(v));
	wq_val_free(v);
	/* YAML 1.1 booleans are strings in the 1.2 core schema. */
	str_is("k: yes", "yes");
	str_is("k: off", "off");

	num_is("k: 0", 0);
	num_is("k: 42", 42);
	num_is("k: -7", -7);
	num_is("k: +5", 5);
	num_is("k: 1.5", 1.5);
	num_is("k: -0.25", -0.25);
	num_is("k: 1e3", 1000);
	num_is("k: 2.5E-1", 0.25);
	num_is("k: .5", 0.5);
	num_is("k: 12345678901234567", 12345678901234567.0);
	v = scalar_of("k: .inf");
	CHECK(wq_val_kind_of(v) == WQ_VAL_NUM && isinf(wq_val_get_num(v)) &&
	      wq_val_get_num(v) > 0);
	wq_val_free(v);
	v = scalar_of("k: -.inf");
	CHECK(wq_val_kind_of(v) == WQ_VAL_NUM && isinf(wq_val_get_num(v)) &&
	      wq_val_get_num(v) < 0);
	wq_val_free(v);
	v = scalar_of("k: .nan");
	CHECK(wq_val_kind_of(v) == WQ_VAL_NUM && isnan(wq_val_get_num(v)));
	wq_val_free(v);

	/* Regression (src/yamlval.c, scalar): the YAML 1.2 core schema the
	 * header promises also types 0o17 and 0x1F as integers; both stay
	 * strings. */
	num_is("k: 0o17", 15);
	num_is("k: 0x1F", 31);
	/* Things strtod would take but the schema does not. */
	str_is("k: inf", "inf");
	str_is("k: nan", "nan");
	str_is("k: 1.2.3", "1.2.3");
	str_is("k: 12abc", "12abc");
	str_is("k: 2024-05-17", "2024-05-17");
	str_is("k: 1e", "1e");
	str_is("k: +", "+");

	/* Quoted or tagged scalars stay strings. */
	str_is("k: \"1\"", "1");
	str_is("k: '1.5'", "1.5");
	str_is("k: \"true\"", "true");
	str_is("k: 'null'", "null");
	str_is("k: \"\"", "");
	str_is("k: !!str 12", "12");
	str_is("k: |\n  12\n", "12\n");

	str_is("k: hello world", "hello world");
	str_is("k: مرحبا بالعالم", "مرحبا بالعالم");
	str_is("k: \"a\\tb\\u00e9\"", "a\tb\xc3\xa9");
}

static void test_empty(void)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *v = (wq_val *)1;

	CHECK(wq_yaml_parse(&v, "", 0, "e.yml", 1, &err) == 0);
	CHECK(v != NULL);
	CHECK(wq_val_kind_of(v) == WQ_VAL_NULL);
	wq_val_free(v);
	v = NULL;
	CHECK(wq_yaml_parse(&v, "# only a comment\n", 17, "e.yml", 1, &err) == 0);
	CHECK(wq_val_kind_of(v) == WQ_VAL_NULL);
	wq_val_free(v);
}

static void test_nested(void)
{
	const char *yaml =
		"title: Site\n"            /* 1 */
		"menu:\n"                  /* 2 */
		"  - name: Home\n"         /* 3 */
		"    url: /\n"             /* 4 */
		"  - name: About\n"        /* 5 */
		"    url: /about/\n"       /* 6 */
		"flow: [1, two, {a: b}]\n" /* 7 */
		"deep:\n"                  /* 8 */
		"  a:\n"                   /* 9 */
		"    b:\n"                 /* 10 */
		"      c: leaf\n"          /* 11 */
		"1: numeric key\n"         /* 12 */
		"z: last\n";               /* 13 */
	wq_val *v = parse_ok(yaml), *menu, *flow, *item;

	CHECK(wq_val_kind_of(v) == WQ_VAL_MAP);
	CHECK(wq_val_count(v) == 6);
	CHECK_STR(wq_val_key_at(v, 0), "title");
	CHECK_STR(wq_val_key_at(v, 5), "z");
	menu = wq_val_get(v, "menu");
	CHECK(wq_val_kind_of(menu) == WQ_VAL_LIST);
	CHECK(wq_val_count(menu) == 2);
	item = wq_val_at(menu, 1);
	CHECK(wq_val_kind_of(item) == WQ_VAL_MAP);
	CHECK_STR(wq_val_get_str(wq_val_get(item, "name"), NULL), "About");
	CHECK_STR(wq_val_get_str(wq_val_get(item, "url"), NULL), "/about/");
	flow = wq_val_get(v, "flow");
	CHECK(wq_val_count(flow) == 3);
	CHECK(wq_val_get_num(wq_val_at(flow, 0)) == 1);
	CHECK_STR(wq_val_get_str(wq_val_at(flow, 1), NULL), "two");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_at(flow, 2), "a"), NULL), "b");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_get(wq_val_get(wq_val_get(v, "deep"),
		"a"), "b"), "c"), NULL), "leaf");
	/* A numeric key is turned into its text. */
	CHECK_STR(wq_val_get_str(wq_val_get(v, "1"), NULL), "numeric key");

	/* Positions: 1-based line and column of each value. */
	CHECK(wq_val_line(wq_val_get(v, "title")) == 1);
	CHECK(wq_val_col(wq_val_get(v, "title")) == 8);
	/* A block collection is placed at its key ("menu:"), so messages about
	 * it point at the key's line. */
	CHECK(wq_val_line(menu) == 2);
	CHECK(wq_val_col(menu) == 1);
	CHECK(wq_val_line(wq_val_at(menu, 1)) == 5);
	CHECK(wq_val_line(wq_val_get(item, "url")) == 6);
	CHECK(wq_val_col(wq_val_get(item, "url")) == 10);
	CHECK(wq_val_line(flow) == 7);
	CHECK(wq_val_col(flow) == 7);
	CHECK(wq_val_line(wq_val_at(flow, 1)) == 7);
	CHECK(wq_val_col(wq_val_at(flow, 1)) == 11);
	CHECK(wq_val_line(wq_val_get(v, "z")) == 13);
	CHECK(wq_val_col(wq_val_get(v, "z")) == 4);
	wq_val_free(v);
}

static void test_first_line(void)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *v = NULL;
	const char *yaml = "a: 1\nb: x\n";

	/* Front matter starts on line 2 of its file. */
	CHECK(wq_yaml_parse(&v, yaml, strlen(yaml), "doc.md", 2, &err) == 0);
	CHECK(wq_val_line(wq_val_get(v, "a")) == 2);
	CHECK(wq_val_line(wq_val_get(v, "b")) == 3);
	CHECK(wq_val_col(wq_val_get(v, "b")) == 4);
	wq_val_free(v);
}

static void test_number_keys(void)
{
	wq_val *v = parse_ok("100: hundred\n1.5: x\ntrue: t\n~: n\n");

	/* Scalar keys of other types become their text. */
	CHECK(wq_val_count(v) == 4);
	CHECK_STR(wq_val_key_at(v, 0), "100");
	CHECK_STR(wq_val_key_at(v, 1), "1.5");
	CHECK_STR(wq_val_key_at(v, 2), "true");
	CHECK_STR(wq_val_key_at(v, 3), "");
	wq_val_free(v);
}

static void test_duplicate_key(void)
{
	wq_val *v = parse_ok("a: 1\na: 2\n");

	/* The later one wins and the key appears once. */
	CHECK(wq_val_count(v) == 1);
	CHECK(wq_val_get_num(wq_val_get(v, "a")) == 2);
	wq_val_free(v);
}

static void expect_error(const char *yaml, unsigned first_line, int code, unsigned line,
			 const char *msg_part)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *v = (wq_val *)1;
	int rc = wq_yaml_parse(&v, yaml, strlen(yaml), "bad.yml", first_line, &err);

	CHECK(rc == code);
	CHECK(v == NULL);
	CHECK_STR(err.file, "bad.yml");
	CHECK(err.line == line);
	if (err.line != line)
		fprintf(stderr, "  for %s: line %u, want %u (%s)\n", yaml, err.line, line, err.msg);
	CHECK(err.col > 0);
	if (msg_part)
		CHECK_CONTAINS(err.msg, msg_part);
	if (rc == 0)
		wq_val_free(v);
}

static void test_errors(void)
{
	/* Malformed YAML. */
	expect_error("a: 1\nb: [1, 2\nc: 3\n", 1, WQ_EINPUT, 3, "YAML");
	expect_error("a: 1\n  b: 2\n", 1, WQ_EINPUT, 2, "YAML");
	expect_error("a: \"open\n", 1, WQ_EINPUT, 2, "YAML");
	expect_error("x: 1\ny: 2\nz: :\n  - a\n - b\n", 1, WQ_EINPUT, 3, "mapping values");
	/* The line counts from first_line. */
	expect_error("a: 1\n  b: 2\n", 10, WQ_EINPUT, 11, "YAML");
	/* Aliases are refused; anchors alone are harmless. */
	expect_error("a: &x 1\nb: *x\n", 1, WQ_EINPUT, 2, "alias");
	expect_error("base: &b {k: v}\nother:\n  <<: *b\n", 1, WQ_EINPUT, 3, "alias");
	/* A collection as a mapping key. */
	expect_error("? [a, b]\n: c\n", 1, WQ_EINPUT, 1, "key");
}

static void test_depth(void)
{
	wq_buf y = WQ_BUF_INIT;
	wq_err err = WQ_ERR_INIT;
	wq_val *v = NULL, *p;
	int i, depth, rc;

	/* Exactly the limit of nested lists is accepted. */
	for (i = 0; i < WQ_YAML_MAX_DEPTH; i++)
		wq_buf_putc(&y, '[');
	for (i = 0; i < WQ_YAML_MAX_DEPTH; i++)
		wq_buf_putc(&y, ']');
	rc = wq_yaml_parse(&v, y.ptr, y.len, "deep.yml", 1, &err);
	CHECK(rc == 0);
	for (depth = 0, p = v; wq_val_kind_of(p) == WQ_VAL_LIST; depth++)
		p = wq_val_at(p, 0);
	CHECK(depth == WQ_YAML_MAX_DEPTH);
	wq_val_free(v);

	/* One more is refused with an error, not a crash. */
	wq_buf_clear(&y);
	for (i = 0; i < WQ_YAML_MAX_DEPTH + 1; i++)
		wq_buf_putc(&y, '[');
	for (i = 0; i < WQ_YAML_MAX_DEPTH + 1; i++)
		wq_buf_putc(&y, ']');
	v = (wq_val *)1;
	rc = wq_yaml_parse(&v, y.ptr, y.len, "deep.yml", 1, &err);
	CHECK(rc < 0);
	CHECK(v == NULL);
	CHECK_STR(err.file, "deep.yml");
	CHECK(err.line == 1);
	CHECK_CONTAINS(err.msg, "deeper");

	/* And far past the limit, with maps. */
	wq_buf_clear(&y);
	for (i = 0; i < 10000; i++)
		wq_buf_puts(&y, "{a: ");
	wq_buf_puts(&y, "1");
	for (i = 0; i < 10000; i++)
		wq_buf_putc(&y, '}');
	v = NULL;
	rc = wq_yaml_parse(&v, y.ptr, y.len, "deep.yml", 1, &err);
	CHECK(rc < 0);
	CHECK(v == NULL);
	wq_buf_dispose(&y);
}

static void test_second_document(void)
{
	wq_val *v = parse_ok("a: 1\n---\nb: 2\n");

	/* Only the first document is read. */
	CHECK(wq_val_get(v, "a") != NULL);
	CHECK(wq_val_get(v, "b") == NULL);
	wq_val_free(v);
}

static void test_load_file(void)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *v = (wq_val *)1;
	int rc = wq_yaml_load_file(&v, "/nonexistent/wq-unit/none.yml", &err);

	CHECK(rc == WQ_EIO);
	CHECK(v == NULL);
	CHECK_STR(err.file, "/nonexistent/wq-unit/none.yml");
}

int main(void)
{
	test_scalar_typing();
	test_empty();
	test_nested();
	test_first_line();
	test_number_keys();
	test_duplicate_key();
	test_errors();
	test_depth();
	test_second_document();
	test_load_file();
	return CHECK_DONE();
}
