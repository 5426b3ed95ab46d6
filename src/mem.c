#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	/* The one place besides main.c that may end the process: there is
	 * nothing sensible a caller could do without memory. */
	fputs("warraq: out of memory\n", stderr);
	abort();
}

void *wq_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *wq_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *wq_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *wq_xgrow(void *ptr, size_t count, size_t size)
{
	size_t cap;

	if (count && (count < 8 || (count & (count - 1))))
		return ptr; /* room left: capacity is max(8, next power of two) */
	cap = count < 8 ? 8 : count * 2;
	if (cap < count || (size && cap > (size_t)-1 / size))
		oom();
	return wq_xrealloc(ptr, cap * size);
}

char *wq_xstrndup(const char *s, size_t len)
{
	char *p = wq_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *wq_xstrdup(const char *s)
{
	return wq_xstrndup(s, strlen(s));
}
