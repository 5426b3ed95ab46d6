/* Unit tests for src/outdir.c: the check mode (wq_outdir_begin_dry(),
 * nothing made or written) and the list of files written. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "err.h"
#include "fsutil.h"
#include "outdir.h"
#include "check.h"
#include "tmpdir.h"

static const char *dir;

/* Entries in @p path, "." and ".." aside. */
static int entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void test_dry(void)
{
	char out[1024], *path = (char *)1;
	wq_outdir *od = NULL;
	wq_err err = WQ_ERR_INIT;
	const char *protect[] = { NULL };

	snprintf(out, sizeof(out), "%s", tmp_path(dir, "site"));
	CHECK(wq_outdir_begin_dry(&od, out, protect, &err) == 0);
	CHECK(od != NULL);
	if (!od)
		return;
	CHECK(wq_outdir_folder(od) == NULL);
	CHECK(entries(dir) == 0); /* no build folder beside it */
	CHECK(wq_outdir_write(od, "a/b/index.html", "x", 1, &err) == 0);
	CHECK(wq_outdir_path(&path, od, "c/d.epub", &err) == 0);
	CHECK(path == NULL);
	/* Still refused: a path that leaves the folder. */
	CHECK(wq_outdir_write(od, "../x", "x", 1, &err) == WQ_EINPUT);
	CHECK(wq_outdir_commit(od, &err) == 0);
	CHECK(entries(dir) == 0); /* nothing at all */

	/* The same checks as a build: a folder holding files but no site. */
	CHECK(tmp_puts(dir, "site/notes.txt", "mine\n") == 0);
	CHECK(wq_outdir_begin_dry(&od, out, protect, &err) < 0);
	CHECK(od == NULL);
	CHECK(tmp_puts(dir, "site/index.html", "old\n") == 0);
	CHECK(wq_outdir_begin_dry(&od, out, protect, &err) == 0);
	CHECK(wq_outdir_write(od, "index.html", "new", 3, &err) == 0);
	wq_outdir_abort(od);
	CHECK(entries(out) == 2);
	CHECK(entries(dir) == 1);
	{
		wq_buf b = WQ_BUF_INIT;
		CHECK(wq_fs_read(&b, tmp_path(dir, "site/index.html"), &err) == 0);
		CHECK_STR(b.ptr, "old\n");
		wq_buf_dispose(&b);
	}
}

static void test_list(void)
{
	char out[1024];
	wq_outdir *od = NULL;
	wq_err err = WQ_ERR_INIT;
	const char *protect[] = { NULL };
	char **list, *path = NULL;
	size_t n = 0, i;

	snprintf(out, sizeof(out), "%s", tmp_path(dir, "listed"));
	CHECK(wq_outdir_begin(&od, out, protect, &err) == 0);
	if (!od)
		return;
	CHECK(wq_outdir_write(od, "before.html", "x", 1, &err) == 0); /* not kept yet */
	wq_outdir_keep_list(od);
	CHECK(wq_outdir_write(od, "z/index.html", "x", 1, &err) == 0);
	CHECK(wq_outdir_write(od, "a/./b.css", "x", 1, &err) == 0);
	CHECK(wq_outdir_path(&path, od, "m.epub", &err) == 0);
	free(path);
	CHECK(wq_outdir_write(od, "z/index.html", "y", 1, &err) == 0); /* again: once */
	list = wq_outdir_list(od, &n);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(list[0], "a/b.css");
		CHECK_STR(list[1], "m.epub");
		CHECK_STR(list[2], "z/index.html");
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	list = wq_outdir_list(od, &n); /* emptied */
	CHECK(n == 0);
	free(list);
	CHECK(wq_outdir_commit(od, &err) == 0);
	CHECK(wq_fs_is_file(tmp_path(out, "z/index.html")));
}

int main(void)
{
	dir = tmp_make();
	if (!dir)
		return 1;
	test_dry();
	tmp_remove(dir);
	dir = tmp_make();
	if (!dir)
		return 1;
	test_list();
	tmp_remove(dir);
	return CHECK_DONE();
}
