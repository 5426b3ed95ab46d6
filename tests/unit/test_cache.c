/* Unit tests for src/cache.c: which input files the next build trusts by
 * their status alone (size, dates, inode) and which it reads again. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "err.h"
#include "check.h"
#include "tmpdir.h"

static const char *const rels[] = { "a.md", "b.md" };

static int doc_of(void *ctx, size_t i, wq_cache_doc *d, wq_buf *scratch)
{
	(void)ctx;
	(void)scratch;
	d->rel = (char *)rels[i];
	d->text_hash = i + 1;
	d->loaded_record = "";
	d->record = "";
	d->warnings = "";
	d->props = "";
	return 0;
}

static int words_of(void *ctx, size_t i, wq_buf *out)
{
	(void)ctx;
	wq_buf_printf(out, "w%zu", i);
	return 0;
}

static int put_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* A file dated at or after the moment a build's scan began may change
 * again in the same tick of the clock that dates files, and keep its
 * status: the next build does not trust it (it is read again), while a
 * file dated before the scan is known by its status. */
static void test_racy_file_not_trusted(void)
{
	const char *tmp = tmp_make();
	char src[128], site[128], file[160], a[160], b[160];
	const char *roots[2];
	struct timespec pause = { 0, 60 * 1000 * 1000 }, times[2];
	wq_cache_docs docs;
	wq_cache *c = NULL;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;

	CHECK(tmp != NULL);
	if (!tmp)
		return;
	snprintf(src, sizeof(src), "%s/src", tmp);
	snprintf(site, sizeof(site), "%s/site", tmp);
	snprintf(file, sizeof(file), "%s/.site.cache", tmp);
	snprintf(a, sizeof(a), "%s/a.md", src);
	snprintf(b, sizeof(b), "%s/b.md", src);
	CHECK(mkdir(src, 0755) == 0 && mkdir(site, 0755) == 0);
	CHECK(put_file(src, "a.md", "alif\n") == 0 && put_file(src, "b.md", "baa'\n") == 0);
	/* b.md dated an hour from now; then the clock moves past a.md's. */
	times[0].tv_nsec = UTIME_OMIT;
	clock_gettime(CLOCK_REALTIME, &times[1]);
	times[1].tv_sec += 3600;
	CHECK(utimensat(AT_FDCWD, b, times, 0) == 0);
	nanosleep(&pause, NULL);

	roots[0] = src;
	roots[1] = NULL;
	wq_cache_scan(&c, file, "key", roots, site, false, 1);
	memset(&docs, 0, sizeof(docs));
	docs.n = 2;
	docs.warnings = "";
	docs.doc = doc_of;
	docs.words = words_of;
	CHECK(wq_cache_set_site(c, &docs, &err) == 0);
	CHECK(wq_cache_save(c, site, diag, NULL, 0, &err) == 0);
	wq_cache_free(c);

	/* The next build, nothing touched in between. */
	wq_cache_scan(&c, file, "key", roots, site, false, 1);
	CHECK(wq_cache_last_site(c) != NULL && wq_cache_last_site(c)->ndocs == 2);
	CHECK(wq_cache_same_file(c, a));
	CHECK(!wq_cache_same_file(c, b));
	/* Its contents are as they were: nothing to build again. */
	CHECK(wq_cache_fresh(c));
	wq_cache_free(c);
	wq_diag_free(diag);
	tmp_remove(tmp);
}

int main(void)
{
	test_racy_file_not_trusted();
	return CHECK_DONE();
}
