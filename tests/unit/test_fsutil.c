/* Unit tests for src/fsutil.c: files, folders and relative paths. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "fsutil.h"
#include "check.h"
#include "tmpdir.h"

static const char *dir;

static void test_read_write_copy(void)
{
	wq_buf b = WQ_BUF_INIT;
	wq_err err = WQ_ERR_INIT;
	char bin[3000];
	size_t i;
	char f[1024], g[1024];

	snprintf(f, sizeof(f), "%s", tmp_path(dir, "a.bin"));
	snprintf(g, sizeof(g), "%s", tmp_path(dir, "b.bin"));

	/* Binary content with NUL bytes survives a round trip. */
	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 7);
	CHECK(wq_fs_write(f, bin, sizeof(bin), &err) == 0);
	CHECK(wq_fs_is_file(f));
	CHECK(!wq_fs_is_dir(f));
	wq_buf_puts(&b, "prefix:");
	CHECK(wq_fs_read(&b, f, &err) == 0); /* appends */
	CHECK(b.len == 7 + sizeof(bin));
	CHECK(memcmp(b.ptr, "prefix:", 7) == 0);
	CHECK(memcmp(b.ptr + 7, bin, sizeof(bin)) == 0);
	CHECK(b.ptr[b.len] == '\0');
	wq_buf_clear(&b);

	CHECK(wq_fs_copy(g, f, &err) == 0);
	CHECK(wq_fs_read(&b, g, &err) == 0);
	CHECK(b.len == sizeof(bin) && memcmp(b.ptr, bin, sizeof(bin)) == 0);
	wq_buf_clear(&b);

	/* Writing truncates what was there. */
	CHECK(wq_fs_write(g, "short", 5, &err) == 0);
	CHECK(wq_fs_read(&b, g, &err) == 0);
	CHECK_STR(wq_buf_cstr(&b), "short");
	wq_buf_clear(&b);

	/* Empty file. */
	CHECK(wq_fs_write(g, "", 0, &err) == 0);
	CHECK(wq_fs_read(&b, g, &err) == 0);
	CHECK(b.len == 0);
	CHECK_STR(wq_buf_cstr(&b), "");
	wq_buf_clear(&b);

	/* A file larger than one read() chunk. */
	{
		size_t n = 200000;
		char *big = malloc(n);
		for (i = 0; i < n; i++)
			big[i] = (char)('a' + i % 23);
		CHECK(wq_fs_write(f, big, n, &err) == 0);
		CHECK(wq_fs_read(&b, f, &err) == 0);
		CHECK(b.len == n && memcmp(b.ptr, big, n) == 0);
		wq_buf_clear(&b);
		free(big);
	}

	/* Errors name the file. */
	CHECK(wq_fs_read(&b, tmp_path(dir, "missing"), &err) == WQ_EIO);
	CHECK_STR(err.file, tmp_path(dir, "missing"));
	CHECK(err.msg[0] != '\0');
	CHECK(wq_fs_read(&b, dir, &err) == WQ_EIO); /* a folder */
	CHECK_STR(err.file, dir);
	CHECK(wq_fs_write(tmp_path(dir, "no/such/dir/x"), "x", 1, &err) == WQ_EIO);
	CHECK_STR(err.file, tmp_path(dir, "no/such/dir/x"));
	CHECK(wq_fs_copy(g, tmp_path(dir, "missing"), &err) == WQ_EIO);
	CHECK_STR(err.file, tmp_path(dir, "missing"));
	wq_buf_dispose(&b);
}

static void test_mkdirs(void)
{
	wq_err err = WQ_ERR_INIT;
	char deep[1024];

	snprintf(deep, sizeof(deep), "%s", tmp_path(dir, "m/n/o/p"));

	CHECK(wq_fs_mkdirs(deep, &err) == 0);
	CHECK(wq_fs_is_dir(deep));
	CHECK(wq_fs_is_dir(tmp_path(dir, "m/n")));
	/* Again: already there is fine; a trailing slash too. */
	CHECK(wq_fs_mkdirs(deep, &err) == 0);
	CHECK(wq_fs_mkdirs(tmp_path(dir, "m/q/"), &err) == 0);
	CHECK(wq_fs_is_dir(tmp_path(dir, "m/q")));

	/* A file in the way. */
	CHECK(tmp_puts(dir, "m/file", "x") == 0);
	CHECK(wq_fs_mkdirs(tmp_path(dir, "m/file"), &err) == WQ_EIO);
	CHECK(err.file[0] != '\0');
	CHECK(wq_fs_mkdirs(tmp_path(dir, "m/file/sub"), &err) == WQ_EIO);

	/* mkparents makes the folders of a file path, not the file. */
	CHECK(wq_fs_mkparents(tmp_path(dir, "pp/qq/file.txt"), &err) == 0);
	CHECK(wq_fs_is_dir(tmp_path(dir, "pp/qq")));
	CHECK(!wq_fs_is_dir(tmp_path(dir, "pp/qq/file.txt")));
	CHECK(!wq_fs_is_file(tmp_path(dir, "pp/qq/file.txt")));
	CHECK(wq_fs_mkparents("relative-file-without-folder", &err) == 0);
	/* Regression (src/fsutil.c, wq_fs_mkdirs): the loop starts at p + 1, past the
	 * NUL of an empty path: ASan reports a heap-buffer-overflow read. */
	{
		/* In a child: ASan aborts it. */
		pid_t pid = fork();
		int status = 0;
		if (pid == 0)
			_exit(wq_fs_mkdirs("", &err) != 0 ? 0 : 1);
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
}

static void test_remove_tree(void)
{
	wq_err err = WQ_ERR_INIT;
	char tree[1024], outside[1024];

	snprintf(tree, sizeof(tree), "%s", tmp_path(dir, "tree"));
	snprintf(outside, sizeof(outside), "%s", tmp_path(dir, "outside"));

	CHECK(tmp_puts(dir, "tree/a/b/c.txt", "c") == 0);
	CHECK(tmp_puts(dir, "tree/a/d.txt", "d") == 0);
	CHECK(tmp_puts(dir, "tree/.hidden", "h") == 0);
	CHECK(tmp_puts(dir, "outside/keep.txt", "keep") == 0);
	CHECK(tmp_puts(dir, "outside/sub/keep2.txt", "keep") == 0);
	/* Links to a folder and a file outside the tree, and a dangling one. */
	CHECK(symlink(outside, tmp_path(dir, "tree/a/link-dir")) == 0);
	CHECK(symlink(tmp_path(dir, "outside/keep.txt"), tmp_path(dir, "tree/link-file")) == 0);
	CHECK(symlink("/nonexistent/wq-unit", tmp_path(dir, "tree/dangling")) == 0);

	CHECK(wq_fs_remove_tree(tree, &err) == 0);
	CHECK(access(tree, F_OK) != 0);
	/* What the links pointed at is untouched. */
	CHECK(wq_fs_is_dir(outside));
	CHECK(wq_fs_is_file(tmp_path(dir, "outside/keep.txt")));
	CHECK(wq_fs_is_file(tmp_path(dir, "outside/sub/keep2.txt")));

	/* A link given as the path itself: the link goes, the target stays. */
	CHECK(symlink(outside, tmp_path(dir, "top-link")) == 0);
	CHECK(wq_fs_remove_tree(tmp_path(dir, "top-link"), &err) == 0);
	{
		struct stat st;
		CHECK(lstat(tmp_path(dir, "top-link"), &st) != 0);
	}
	CHECK(wq_fs_is_file(tmp_path(dir, "outside/sub/keep2.txt")));

	/* A plain file; a missing path is not an error. */
	CHECK(tmp_puts(dir, "lone.txt", "x") == 0);
	CHECK(wq_fs_remove_tree(tmp_path(dir, "lone.txt"), &err) == 0);
	CHECK(access(tmp_path(dir, "lone.txt"), F_OK) != 0);
	CHECK(wq_fs_remove_tree(tmp_path(dir, "never-was"), &err) == 0);
}

static void test_is_dir_file(void)
{
	CHECK(wq_fs_is_dir(dir));
	CHECK(!wq_fs_is_file(dir));
	CHECK(!wq_fs_is_dir(tmp_path(dir, "nothing")));
	CHECK(!wq_fs_is_file(tmp_path(dir, "nothing")));
	/* Links are followed. */
	CHECK(tmp_puts(dir, "real.txt", "r") == 0);
	CHECK(symlink(tmp_path(dir, "real.txt"), tmp_path(dir, "ln.txt")) == 0);
	CHECK(wq_fs_is_file(tmp_path(dir, "ln.txt")));
}

static void join_is(const char *a, const char *b, const char *want)
{
	char *s = wq_fs_join(a, b);

	CHECK_STR(s, want);
	free(s);
}

static void test_join(void)
{
	join_is("a", "b", "a/b");
	join_is("a/", "b", "a/b");
	join_is("a", "/b", "a/b");
	join_is("", "b", "b");
	join_is(".", "b", "b");
	join_is(".", "", "."); /* --source . : the folder itself, not "" */
	join_is("/x/y", "z.md", "/x/y/z.md");
	join_is("https://e.org", "", "https://e.org/");
}

static void safe(const char *rel, int want)
{
	int got = wq_fs_rel_is_safe(rel, strlen(rel));

	CHECK(got == want);
	if (got != want)
		fprintf(stderr, "  rel_is_safe(\"%s\") = %d\n", rel, got);
}

static void test_rel_is_safe(void)
{
	safe("a", 1);
	safe("a/b", 1);
	safe("a/b/c.md", 1);
	safe("a/../b", 1);
	safe("./a", 1);
	safe("a/./b", 1);
	safe("a//b", 1);
	safe("a/b/../../c", 1);
	safe("..a/b", 1);
	safe("a../b", 1);
	safe("مجلد/ملف.md", 1);

	safe("", 0);
	safe("..", 0);
	safe("../x", 0);
	safe("/etc", 0);
	safe("/etc/passwd", 0);
	safe("a/../../x", 0);
	safe("a/b/../../../x", 0);
	safe("./..", 0);
	safe("a\\b", 0);
	safe("..\\x", 0);
	safe("a/..", 1);
	/* A NUL inside the length. */
	CHECK(!wq_fs_rel_is_safe("a\0b", 3));
	/* Only len bytes count. */
	CHECK(wq_fs_rel_is_safe("ab/../..", 5));
}

static void norm_is(const char *rel, const char *want)
{
	char *s = wq_fs_rel_normalise(rel, strlen(rel));

	CHECK_STR(s, want);
	free(s);
}

static void test_rel_normalise(void)
{
	norm_is("a/b", "a/b");
	norm_is("a/../b", "b");
	norm_is("./a", "a");
	norm_is("a/./b", "a/b");
	norm_is("a//b///c", "a/b/c");
	norm_is("a/b/", "a/b");
	norm_is("a/b/../c", "a/c");
	norm_is("a/b/c/../../d", "a/d");
	norm_is("a/..", "");
	norm_is("..a/b..", "..a/b..");
	norm_is("صور/../صورة.png", "صورة.png");
	{
		char *s = wq_fs_rel_normalise("x/y/zzz", 3);
		CHECK_STR(s, "x/y");
		free(s);
	}
}

int main(void)
{
	dir = tmp_make();
	CHECK(dir != NULL);
	if (!dir)
		return CHECK_DONE();
	test_read_write_copy();
	test_mkdirs();
	test_remove_tree();
	test_is_dir_file();
	test_join();
	test_rel_is_safe();
	test_rel_normalise();
	CHECK(tmp_remove(dir) == 0);
	return CHECK_DONE();
}
