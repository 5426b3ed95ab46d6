/* A scratch folder under /tmp for the unit tests that touch the file system.
 *
 * Include after defining _XOPEN_SOURCE 700 (for mkdtemp, nftw, symlink).
 * Removal uses nftw() directly, not the code under test. */
#ifndef WQ_TEST_TMPDIR_H
#define WQ_TEST_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Create a fresh folder; returns its path (static storage) or NULL. */
static inline const char *tmp_make(void)
{
	static char path[64];

	snprintf(path, sizeof(path), "/tmp/wq-unit-XXXXXX");
	return mkdtemp(path);
}

static inline int tmp_rm_one(const char *path, const struct stat *st, int flag,
			     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a folder tree without following symbolic links. */
static inline int tmp_remove(const char *path)
{
	if (!path || strncmp(path, "/tmp/wq-unit-", 13) != 0)
		return -1;
	return nftw(path, tmp_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* "dir/rel" in a static buffer (one of four rotating slots: copy it to keep it). */
static inline const char *tmp_path(const char *dir, const char *rel)
{
	static char slots[4][1024];
	static int next;
	char *p = slots[next++ & 3];

	if (snprintf(p, 1024, "%s/%s", dir, rel) >= 1024)
		p[0] = '\0'; /* too long: an empty path fails the test that uses it */
	return p;
}

/* Write a file below @p dir, creating the folders on its path. Returns 0 or -1. */
static inline int tmp_write(const char *dir, const char *rel, const char *data, size_t len)
{
	char path[1024];
	char *s;
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path))
		return -1;
	for (s = path + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	if (!(f = fopen(path, "wb")))
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static inline int tmp_puts(const char *dir, const char *rel, const char *text)
{
	return tmp_write(dir, rel, text, strlen(text));
}

#endif
