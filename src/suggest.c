#include "suggest.h"

#include <string.h>

static unsigned char fold(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t wq_suggest_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	/* Three rows of the dynamic programme: the one before the previous
	 * row is what a transposition looks back to. */
	size_t rows[3][WQ_SUGGEST_MAX_LEN + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t i, j;

	if (alen > WQ_SUGGEST_MAX_LEN || blen > WQ_SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (j = 0; j <= blen; j++)
		prev[j] = j;
	for (i = 1; i <= alen; i++) {
		cur[0] = i;
		for (j = 1; j <= blen; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
		}
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen];
}

const char *wq_suggest(const char *word, const char *const *known)
{
	size_t len = strlen(word), best = (size_t)-1, i;
	const char *found = NULL;

	for (i = 0; known[i]; i++) {
		size_t d = wq_suggest_distance(word, len, known[i], strlen(known[i]));
		if (d < best) {
			best = d;
			found = known[i];
		}
	}
	if (best == 0 || (best == 1 && len >= 3) || (best == 2 && len >= 5))
		return found;
	return NULL;
}
