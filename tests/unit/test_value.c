/* Unit tests for src/value.c: the data value tree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "check.h"

static void test_scalars(void)
{
	wq_val *v;
	size_t len = 99;

	v = wq_val_null();
	CHECK(wq_val_kind_of(v) == WQ_VAL_NULL);
	CHECK(wq_val_get_str(v, NULL) == NULL);
	CHECK(wq_val_count(v) == 0);
	wq_val_free(v);
	CHECK(wq_val_kind_of(NULL) == WQ_VAL_NULL);

	v = wq_val_bool(true);
	CHECK(wq_val_kind_of(v) == WQ_VAL_BOOL);
	CHECK(wq_val_get_bool(v) == true);
	CHECK(wq_val_get_num(v) == 0);
	wq_val_free(v);
	v = wq_val_bool(false);
	CHECK(wq_val_get_bool(v) == false);
	wq_val_free(v);

	v = wq_val_num(1.5);
	CHECK(wq_val_kind_of(v) == WQ_VAL_NUM);
	CHECK(wq_val_get_num(v) == 1.5);
	CHECK(wq_val_get_bool(v) == false);
	CHECK(wq_val_get_str(v, NULL) == NULL);
	wq_val_free(v);

	v = wq_val_strn("ab\0cd", 5);
	CHECK(wq_val_kind_of(v) == WQ_VAL_STR);
	CHECK(wq_val_get_str(v, &len) != NULL);
	CHECK(len == 5);
	CHECK(memcmp(wq_val_get_str(v, NULL), "ab\0cd", 6) == 0); /* NUL-terminated */
	wq_val_free(v);

	v = wq_val_str("مرحبا");
	CHECK_STR(wq_val_get_str(v, &len), "مرحبا");
	CHECK(len == strlen("مرحبا"));
	CHECK(wq_val_get_num(v) == 0);
	wq_val_free(v);

	wq_val_free(NULL);
}

static void test_list(void)
{
	wq_val *l = wq_val_list(), *s;
	size_t i;

	CHECK(wq_val_kind_of(l) == WQ_VAL_LIST);
	CHECK(wq_val_count(l) == 0);
	CHECK(wq_val_at(l, 0) == NULL);
	for (i = 0; i < 10; i++)
		CHECK(wq_val_push(l, wq_val_num((double)i)) != NULL);
	CHECK(wq_val_count(l) == 10);
	CHECK(wq_val_get_num(wq_val_at(l, 0)) == 0);
	CHECK(wq_val_get_num(wq_val_at(l, 9)) == 9);
	CHECK(wq_val_at(l, 10) == NULL);
	CHECK(wq_val_key_at(l, 0) == NULL);
	CHECK(wq_val_get(l, "x") == NULL);
	/* push returns the item, now owned by the list. */
	s = wq_val_push(l, wq_val_str("last"));
	CHECK(s == wq_val_at(l, 10));
	/* Pushing onto something that is not a list frees the item and fails. */
	CHECK(wq_val_push(s, wq_val_str("x")) == NULL);
	wq_val_free(l);
}

static void test_map(void)
{
	wq_val *m = wq_val_map(), *inner, *c;

	CHECK(wq_val_kind_of(m) == WQ_VAL_MAP);
	wq_val_set_str(m, "b", "2");
	wq_val_set_num(m, "a", 1);
	wq_val_set_bool(m, "c", true);
	CHECK(wq_val_count(m) == 3);
	/* Insertion order, not sorted. */
	CHECK_STR(wq_val_key_at(m, 0), "b");
	CHECK_STR(wq_val_key_at(m, 1), "a");
	CHECK_STR(wq_val_key_at(m, 2), "c");
	CHECK(wq_val_key_at(m, 3) == NULL);
	CHECK_STR(wq_val_get_str(wq_val_get(m, "b"), NULL), "2");
	CHECK(wq_val_get_num(wq_val_get(m, "a")) == 1);
	CHECK(wq_val_get_bool(wq_val_get(m, "c")));
	CHECK(wq_val_get(m, "missing") == NULL);
	CHECK(wq_val_getn(m, "abc", 1) == wq_val_get(m, "a"));
	CHECK(wq_val_getn(m, "bb", 2) == NULL);

	/* Replacing keeps the position and the count. */
	wq_val_set_str(m, "a", "one");
	CHECK(wq_val_count(m) == 3);
	CHECK_STR(wq_val_key_at(m, 1), "a");
	CHECK_STR(wq_val_get_str(wq_val_get(m, "a"), NULL), "one");
	wq_val_set_str(m, "n", NULL); /* NULL string stored as "" */
	CHECK_STR(wq_val_get_str(wq_val_get(m, "n"), NULL), "");

	inner = wq_val_set(m, "list", wq_val_list());
	wq_val_push(inner, wq_val_str("x"));
	CHECK(wq_val_count(wq_val_get(m, "list")) == 1);
	CHECK(wq_val_set(inner, "k", wq_val_null()) == NULL); /* not a map */

	/* Deep copy: independent of the original, positions kept. */
	wq_val_set_pos(inner, 7, 3);
	c = wq_val_copy(m);
	CHECK(c != m);
	CHECK(wq_val_count(c) == wq_val_count(m));
	CHECK_STR(wq_val_key_at(c, 0), "b");
	CHECK(wq_val_get(c, "list") != inner);
	CHECK(wq_val_line(wq_val_get(c, "list")) == 7);
	CHECK(wq_val_col(wq_val_get(c, "list")) == 3);
	wq_val_push(inner, wq_val_str("y"));
	CHECK(wq_val_count(wq_val_get(c, "list")) == 1);
	CHECK(wq_val_count(inner) == 2);
	wq_val_free(c);
	c = wq_val_copy(NULL);
	CHECK(wq_val_kind_of(c) == WQ_VAL_NULL);
	wq_val_free(c);
	wq_val_free(m);
}

static void test_pos(void)
{
	wq_val *v = wq_val_str("x");

	CHECK(wq_val_line(v) == 0 && wq_val_col(v) == 0);
	wq_val_set_pos(v, 12, 5);
	CHECK(wq_val_line(v) == 12);
	CHECK(wq_val_col(v) == 5);
	CHECK(wq_val_line(NULL) == 0 && wq_val_col(NULL) == 0);
	wq_val_free(v);
}

static void fmt_is(double n, const char *want)
{
	char out[64];

	wq_val_format_num(out, sizeof(out), n);
	CHECK_STR(out, want);
}

static void test_format_num(void)
{
	fmt_is(85, "85");
	fmt_is(1.21, "1.21");
	fmt_is(0, "0");
	fmt_is(-3, "-3");
	fmt_is(0.5, "0.5");
	fmt_is(0.1, "0.1");
	fmt_is(1234567, "1234567");
	fmt_is(1e21, "1e+21");
	/* Whole numbers in full, not "1e+02". */
	fmt_is(10, "10");
	fmt_is(100, "100");
	fmt_is(1000, "1000");
	fmt_is(-20, "-20");
	fmt_is(-0.0, "0");
	fmt_is(123456789012345, "123456789012345");
	fmt_is(1.0 / 3.0, "0.3333333333333333");
	fmt_is(NAN, "NaN");
	fmt_is(INFINITY, "Infinity");
	fmt_is(-INFINITY, "-Infinity");
	{
		/* Round trip: reading back gives the same number. */
		char out[64];
		wq_val_format_num(out, sizeof(out), 3.141592653589793);
		CHECK(strtod(out, NULL) == 3.141592653589793);
	}
}

/* A reference reads as its target, frees only itself, and cannot change
 * what it refers to. */
static void test_ref(void)
{
	wq_val *m = wq_val_map(), *r, *inner, *c;

	wq_val_set_str(m, "a", "one");
	inner = wq_val_set(m, "list", wq_val_list());
	wq_val_push(inner, wq_val_str("x"));
	r = wq_val_ref(m);
	CHECK(wq_val_kind_of(r) == WQ_VAL_MAP);
	CHECK(wq_val_count(r) == 2);
	CHECK_STR(wq_val_key_at(r, 1), "list");
	CHECK_STR(wq_val_get_str(wq_val_get(r, "a"), NULL), "one");
	CHECK(wq_val_count(wq_val_get(r, "list")) == 1);
	CHECK(wq_val_set(r, "b", wq_val_str("no")) == NULL);
	CHECK(wq_val_get(m, "b") == NULL);
	c = wq_val_copy(r);
	CHECK(wq_val_count(c) == 2);
	wq_val_set_str(c, "b", "yes"); /* a copy is its own */
	CHECK(wq_val_get(m, "b") == NULL);
	{
		wq_val *rr = wq_val_ref(r); /* a reference to a reference: to the target */
		CHECK_STR(wq_val_get_str(wq_val_get(rr, "a"), NULL), "one");
		wq_val_free(rr);
	}
	wq_val_free(r);
	CHECK_STR(wq_val_get_str(wq_val_get(m, "a"), NULL), "one");
	wq_val_free(c);
	wq_val_free(m);
}

int main(void)
{
	test_ref();
	test_scalars();
	test_list();
	test_map();
	test_pos();
	test_format_num();
	return CHECK_DONE();
}
