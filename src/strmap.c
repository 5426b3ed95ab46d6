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
	void *val; /* NULL: an empty slot */
} slot;

struct wq_strmap {
	slot *slots;
	size_t cap; /* a power of two */
	size_t count;
};

static uint64_t hash_of(const char *key, size_t len)
{
	return wq_hash_fnv1a(key, len);
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
		if (!s->val || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
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
		if (old[i].val)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *wq_strmap_get(const wq_strmap *m, const char *key, size_t len)
{
	if (!m || !m->count)
		return NULL;
	return find(m, key, len, hash_of(key, len))->val;
}

void *wq_strmap_add(wq_strmap *m, const char *key, size_t len, void *val)
{
	uint64_t h = hash_of(key, len);
	slot *s = find(m, key, len, h);

	if (s->val)
		return s->val;
	s->key = key;
	s->len = len;
	s->hash = h;
	s->val = val;
	if (++m->count * 10 > m->cap * 7)
		grow(m);
	return NULL;
}

size_t wq_strmap_count(const wq_strmap *m)
{
	return m ? m->count : 0;
}
