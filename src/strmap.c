#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"

typedef struct slot {
	const char *key;
	size_t len;
	uint64_t hash;
	void *val;    /* a pointer value, or NULL */
	size_t index; /* or a number value */
	int used;
} slot;

struct wq_strmap {
	slot *slots;
	size_t cap; /* a power of two */
	size_t count;
};

static uint64_t hash_of(const char *key, size_t len)
{
	return wq_hash_bytes(key, len); /* XXH3: short keys in a few steps */
}

wq_strmap *wq_strmap_new(void)
{
	wq_strmap *m = wq_xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = wq_xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void wq_strmap_free(wq_strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

/* The slot holding the key, or the empty slot where it would go (linear
 * probing; the table is never full). */
static slot *find(const wq_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		slot *s = &m->slots[i];
		if (!s->used || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void grow(wq_strmap *m)
{
	slot *old = m->slots;
	size_t n = m->cap, i;

	m->cap *= 2;
	m->slots = wq_xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < n; i++)
		if (old[i].used)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *wq_strmap_get(const wq_strmap *m, const char *key, size_t len)
{
	const slot *s;

	if (!m || !m->count)
		return NULL;
	s = find(m, key, len, hash_of(key, len));
	return s->used ? s->val : NULL;
}

/* The key's slot, made when new (then *added is 1). */
static slot *put(wq_strmap *m, const char *key, size_t len, int *added)
{
	uint64_t h = hash_of(key, len);
	slot *s = find(m, key, len, h);

	*added = !s->used;
	if (*added) {
		s->key = key;
		s->len = len;
		s->hash = h;
		s->used = 1;
		m->count++;
	}
	return s;
}

void *wq_strmap_add(wq_strmap *m, const char *key, size_t len, void *val)
{
	int added;
	slot *s = put(m, key, len, &added);

	if (!added)
		return s->val;
	s->val = val;
	if (m->count * 10 > m->cap * 7)
		grow(m);
	return NULL;
}

int wq_strmap_get_index(const wq_strmap *m, const char *key, size_t len, size_t *out)
{
	const slot *s;

	if (!m || !m->count)
		return 0;
	s = find(m, key, len, hash_of(key, len));
	if (!s->used)
		return 0;
	*out = s->index;
	return 1;
}

int wq_strmap_add_index(wq_strmap *m, const char *key, size_t len, size_t index, size_t *had)
{
	int added;
	slot *s = put(m, key, len, &added);

	if (!added) {
		if (had)
			*had = s->index;
		return 0;
	}
	s->index = index;
	if (m->count * 10 > m->cap * 7)
		grow(m);
	return 1;
}

size_t wq_strmap_count(const wq_strmap *m)
{
	return m ? m->count : 0;
}
