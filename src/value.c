#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

struct wq_val {
	wq_val_kind kind;
	unsigned line, col;
	bool b;
	double n;
	char *s;       /* string bytes */
	size_t len;    /* string length, or item count */
	size_t cap;    /* items allocated */
	wq_val **items;
	char **keys;   /* maps only, parallel to items */
	const wq_val *to; /* a reference (wq_val_ref()): every read goes there */
};

/* What @p v stands for: itself, or what it refers to. */
static const wq_val *deref(const wq_val *v)
{
	return v && v->to ? v->to : v;
}

wq_val *wq_val_ref(const wq_val *target)
{
	wq_val *v = wq_xcalloc(1, sizeof(*v));

	target = deref(target);
	v->kind = target ? target->kind : WQ_VAL_NULL;
	v->to = target;
	return v;
}

static wq_val *make(wq_val_kind kind)
{
	wq_val *v = wq_xcalloc(1, sizeof(*v));
	v->kind = kind;
	return v;
}

wq_val *wq_val_null(void) { return make(WQ_VAL_NULL); }
wq_val *wq_val_list(void) { return make(WQ_VAL_LIST); }
wq_val *wq_val_map(void) { return make(WQ_VAL_MAP); }

wq_val *wq_val_bool(bool b)
{
	wq_val *v = make(WQ_VAL_BOOL);
	v->b = b;
	return v;
}

wq_val *wq_val_num(double n)
{
	wq_val *v = make(WQ_VAL_NUM);
	v->n = n;
	return v;
}

wq_val *wq_val_strn(const char *s, size_t len)
{
	wq_val *v = make(WQ_VAL_STR);
	v->s = wq_xstrndup(s, len);
	v->len = len;
	return v;
}

wq_val *wq_val_str(const char *s)
{
	return wq_val_strn(s, strlen(s));
}

void wq_val_free(wq_val *v)
{
	size_t i;

	if (!v)
		return;
	if (!v->to && (v->kind == WQ_VAL_LIST || v->kind == WQ_VAL_MAP)) {
		for (i = 0; i < v->len; i++) {
			wq_val_free(v->items[i]);
			if (v->keys)
				free(v->keys[i]);
		}
		free(v->items);
		free(v->keys);
	}
	free(v->s);
	free(v);
}

wq_val_kind wq_val_kind_of(const wq_val *v)
{
	return v ? v->kind : WQ_VAL_NULL;
}

void wq_val_set_pos(wq_val *v, unsigned line, unsigned col)
{
	v->line = line;
	v->col = col;
}

unsigned wq_val_line(const wq_val *v) { return v ? deref(v)->line : 0; }
unsigned wq_val_col(const wq_val *v) { return v ? deref(v)->col : 0; }

bool wq_val_get_bool(const wq_val *v)
{
	v = deref(v);
	return v && v->kind == WQ_VAL_BOOL && v->b;
}

double wq_val_get_num(const wq_val *v)
{
	v = deref(v);
	return v && v->kind == WQ_VAL_NUM ? v->n : 0;
}

bool wq_val_num_in(const wq_val *v, double lo, double hi)
{
	v = deref(v);
	/* Written so that NaN, which compares false, is out of range. */
	return v && v->kind == WQ_VAL_NUM && v->n >= lo && v->n <= hi;
}

const char *wq_val_get_str(const wq_val *v, size_t *len)
{
	v = deref(v);
	if (!v || v->kind != WQ_VAL_STR)
		return NULL;
	if (len)
		*len = v->len;
	return v->s;
}

size_t wq_val_count(const wq_val *v)
{
	v = deref(v);
	if (!v || (v->kind != WQ_VAL_LIST && v->kind != WQ_VAL_MAP))
		return 0;
	return v->len;
}

wq_val *wq_val_at(const wq_val *v, size_t i)
{
	v = deref(v);
	return i < wq_val_count(v) ? v->items[i] : NULL;
}

const char *wq_val_key_at(const wq_val *v, size_t i)
{
	v = deref(v);
	if (!v || v->kind != WQ_VAL_MAP || i >= v->len)
		return NULL;
	return v->keys[i];
}

static void reserve(wq_val *v)
{
	if (v->len < v->cap)
		return;
	v->cap = v->cap ? v->cap * 2 : 4;
	v->items = wq_xrealloc(v->items, v->cap * sizeof(*v->items));
	if (v->kind == WQ_VAL_MAP)
		v->keys = wq_xrealloc(v->keys, v->cap * sizeof(*v->keys));
}

wq_val *wq_val_push(wq_val *list, wq_val *item)
{
	if (list->kind != WQ_VAL_LIST || list->to) {
		wq_val_free(item);
		return NULL;
	}
	reserve(list);
	list->items[list->len++] = item;
	return item;
}

wq_val *wq_val_getn(const wq_val *map, const char *key, size_t len)
{
	size_t i;

	map = deref(map);
	if (!map || map->kind != WQ_VAL_MAP)
		return NULL;
	for (i = 0; i < map->len; i++)
		if (strlen(map->keys[i]) == len &&
		    memcmp(map->keys[i], key, len) == 0)
			return map->items[i];
	return NULL;
}

wq_val *wq_val_get(const wq_val *map, const char *key)
{
	return wq_val_getn(map, key, strlen(key));
}

wq_val *wq_val_set(wq_val *map, const char *key, wq_val *item)
{
	size_t i;

	if (map->kind != WQ_VAL_MAP || map->to) {
		wq_val_free(item);
		return NULL;
	}
	for (i = 0; i < map->len; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			wq_val_free(map->items[i]);
			map->items[i] = item;
			return item;
		}
	}
	reserve(map);
	map->keys[map->len] = wq_xstrdup(key);
	map->items[map->len++] = item;
	return item;
}

void wq_val_set_str(wq_val *map, const char *key, const char *s)
{
	wq_val_set(map, key, wq_val_str(s ? s : ""));
}

void wq_val_set_bool(wq_val *map, const char *key, bool b)
{
	wq_val_set(map, key, wq_val_bool(b));
}

void wq_val_set_num(wq_val *map, const char *key, double n)
{
	wq_val_set(map, key, wq_val_num(n));
}

wq_val *wq_val_copy(const wq_val *v)
{
	wq_val *c;
	size_t i;

	v = deref(v);
	if (!v)
		return wq_val_null();
	switch (v->kind) {
	case WQ_VAL_BOOL: c = wq_val_bool(v->b); break;
	case WQ_VAL_NUM: c = wq_val_num(v->n); break;
	case WQ_VAL_STR: c = wq_val_strn(v->s, v->len); break;
	case WQ_VAL_LIST:
		c = wq_val_list();
		for (i = 0; i < v->len; i++)
			wq_val_push(c, wq_val_copy(v->items[i]));
		break;
	case WQ_VAL_MAP:
		c = wq_val_map();
		for (i = 0; i < v->len; i++)
			wq_val_set(c, v->keys[i], wq_val_copy(v->items[i]));
		break;
	default: c = wq_val_null(); break;
	}
	c->line = v->line;
	c->col = v->col;
	return c;
}

void wq_val_format_num(char *out, size_t size, double n)
{
	int prec;

	if (isnan(n) || isinf(n)) {
		snprintf(out, size, "%s", isnan(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity");
		return;
	}
	/* Whole numbers print in full ("100", not "1e+02"), as JSON writers do. */
	if (n == floor(n) && fabs(n) < 1e15) {
		snprintf(out, size, "%.0f", n == 0 ? 0.0 : n);
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, n);
		if (strtod(out, NULL) == n)
			return;
	}
}
