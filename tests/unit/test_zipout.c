/* The book's zip, written through a window of memory: the archive libzip
 * reads back holds every entry whole (entries smaller and larger than the
 * window, headers mended after their data), and a write that fails (a file
 * size limit, as on a full disk) fails zip_close() and leaves no file. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "tmpdir.h"

#include "zipout.h"

/* Entry @p k's bytes: @p len of them, a pattern that depends on both. */
static char *pattern(size_t k, size_t len)
{
	char *p = malloc(len ? len : 1);
	size_t i;

	for (i = 0; p && i < len; i++)
		p[i] = (char)((i * 31 + k * 7) % 251);
	return p;
}

static const size_t sizes[] = { 0, 1, 100, 65536, 700000, (size_t)3 << 20, 5, 1 << 20 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* Write an archive of the entries of sizes[] to @p path; whether
 * zip_close() succeeded. */
static bool write_archive(const char *path, bool compress)
{
	wq_err err = WQ_ERR_INIT;
	zip_t *z = wq_zipout_open(path, &err);
	size_t k;

	CHECK(z != NULL);
	if (!z)
		return false;
	for (k = 0; k < NSIZES; k++) {
		char name[32], *data = sizes[k] ? pattern(k, sizes[k]) : NULL;
		/* libzip frees the bytes with the source (an empty one has none). */
		zip_source_t *src = zip_source_buffer(z, data, sizes[k], data != NULL);
		zip_int64_t idx;
		snprintf(name, sizeof(name), "e%zu.bin", k);
		CHECK(src != NULL);
		idx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
		CHECK(idx >= 0);
		CHECK(zip_set_file_compression(z, (zip_uint64_t)idx,
					       compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1) == 0);
	}
	if (zip_close(z) == 0)
		return true;
	zip_discard(z);
	return false;
}

static void check_archive(const char *path)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	size_t k;

	CHECK(z != NULL);
	if (!z)
		return;
	CHECK(zip_get_num_entries(z, 0) == (zip_int64_t)NSIZES);
	for (k = 0; k < NSIZES; k++) {
		char name[32], *want = pattern(k, sizes[k]), *got = malloc(sizes[k] + 1);
		zip_file_t *f;
		zip_int64_t n = -1;
		snprintf(name, sizeof(name), "e%zu.bin", k);
		if ((f = zip_fopen(z, name, 0)) != NULL) {
			n = zip_fread(f, got, sizes[k] + 1);
			zip_fclose(f);
		}
		CHECK(n == (zip_int64_t)sizes[k]);
		CHECK(n < 0 || memcmp(got, want, (size_t)n) == 0);
		free(want);
		free(got);
	}
	zip_discard(z);
}

int main(void)
{
	const char *tmp = tmp_make();
	char stored[1024], deflated[1024], limited[1024], nowhere[1024];
	struct rlimit lim;
	struct stat st;
	wq_err err = WQ_ERR_INIT;

	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	snprintf(stored, sizeof(stored), "%s/stored.zip", tmp);
	snprintf(deflated, sizeof(deflated), "%s/deflated.zip", tmp);
	snprintf(limited, sizeof(limited), "%s/limited.zip", tmp);
	snprintf(nowhere, sizeof(nowhere), "%s/no/such/folder/a.zip", tmp);

	CHECK(write_archive(stored, false));
	check_archive(stored);
	CHECK(write_archive(deflated, true));
	check_archive(deflated);

	/* A folder that is not there: the archive opens (nothing is written
	 * before zip_close()), and closing it fails. */
	CHECK(!write_archive(nowhere, false));
	CHECK(stat(nowhere, &st) < 0);
	(void)err;

	/* A file size limit of 1 MB: the write fails, the file is removed. */
	signal(SIGXFSZ, SIG_IGN);
	CHECK(getrlimit(RLIMIT_FSIZE, &lim) == 0);
	lim.rlim_cur = 1 << 20;
	CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
	CHECK(!write_archive(limited, false));
	CHECK(stat(limited, &st) < 0);

	tmp_remove(tmp);
	return CHECK_DONE();
}
