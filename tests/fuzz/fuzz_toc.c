/* Fuzz target: the table of contents reader (src/toc.c).
 *
 * The input is written to a temporary folder as SUMMARY.md and read as
 * mdBook's table of contents, then as toc.yml (DocFX's, with the nested
 * tables it names looked for in that folder) and read again.  The folder
 * is made once per process and removed at exit. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "err.h"
#include "toc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tmp_dir[4096];
static char tmp_files[2][4200];

static void remove_tmp(void)
{
	unlink(tmp_files[0]);
	unlink(tmp_files[1]);
	if (*tmp_dir)
		rmdir(tmp_dir);
}

static const char *tmp_folder(void)
{
	if (!*tmp_dir) {
		const char *dir = getenv("TMPDIR");

		snprintf(tmp_dir, sizeof(tmp_dir), "%s/wq-fuzz-toc-XXXXXX",
			 dir && *dir ? dir : "/tmp");
		if (!mkdtemp(tmp_dir)) {
			perror("fuzz_toc: mkdtemp");
			abort();
		}
		snprintf(tmp_files[0], sizeof(tmp_files[0]), "%s/SUMMARY.md", tmp_dir);
		snprintf(tmp_files[1], sizeof(tmp_files[1]), "%s/toc.yml", tmp_dir);
		atexit(remove_tmp);
	}
	return tmp_dir;
}

static void read_as(const char *dir, int which, const uint8_t *data, size_t size)
{
	static const char *const names[] = { "SUMMARY.md", "toc.yml" };
	wq_err err = WQ_ERR_INIT;
	wq_diag *diag = wq_diag_new();
	wq_toc *toc = NULL;
	FILE *f = fopen(tmp_files[which], "wb");
	const wq_toc_entry *e;
	size_t n, i;

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("fuzz_toc: writing the temporary file");
		abort();
	}
	if (wq_toc_read(&toc, dir, names[which], diag, &err) == 0) {
		if (!toc)
			abort(); /* success must give a table */
		e = wq_toc_entries(toc, &n);
		for (i = 0; i < n; i++)
			if (e[i].depth > WQ_TOC_MAX_DEPTH || !e[i].title || !e[i].path)
				abort();
	}
	wq_toc_free(toc);
	wq_diag_free(diag);
	unlink(tmp_files[which]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = tmp_folder();

	read_as(dir, 0, data, size);
	read_as(dir, 1, data, size);
	return 0;
}
