/* Fuzz target: the configuration loader.
 *
 * The input is written to a temporary file and loaded with wq_config_load()
 * as `warraq build --config FILE` does; it is also parsed directly with
 * wq_yaml_parse() with a first line past 1, as front matter is (from the
 * middle of a file).
 * The temporary file is made once per process and removed at exit. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "err.h"
#include "value.h"
#include "yamlval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tmp_path[4096];

static void remove_tmp(void)
{
	if (*tmp_path)
		unlink(tmp_path);
}

static const char *tmp_file(void)
{
	if (!*tmp_path) {
		const char *dir = getenv("TMPDIR");
		int fd;

		snprintf(tmp_path, sizeof(tmp_path), "%s/wq-fuzz-config-XXXXXX",
			 dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmp_path);
		if (fd < 0) {
			perror("fuzz_config: mkstemp");
			abort();
		}
		close(fd);
		atexit(remove_tmp);
	}
	return tmp_path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tmp_file();
	wq_err err = WQ_ERR_INIT;
	wq_diag *diag = wq_diag_new();
	wq_config *cfg = NULL;
	wq_val *v = NULL;
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("fuzz_config: writing the temporary file");
		abort();
	}
	if (wq_config_load(&cfg, path, true, diag, &err) == 0 && !cfg)
		abort(); /* success must give a configuration */
	wq_config_free(cfg);

	if (wq_yaml_parse(&v, (const char *)data, size, "front.md", 7, &err) == 0)
		(void)wq_val_count(v);
	wq_val_free(v);
	wq_diag_free(diag);
	return 0;
}
