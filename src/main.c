/* warraq: the command line.  The only place that prints or exits. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "err.h"

#ifndef WQ_VERSION
#define WQ_VERSION "0"
#endif

/* Messages of one kind printed in full before the rest are counted. */
#define DIAG_PER_KIND 20

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
	"usage: warraq build [--source DIR] [--config FILE] [--output DIR] [--drafts]\n"
	"                    [--jobs N] [--strict] [--quiet | --verbose]\n"
	"       warraq --help | --version\n";

static const char help[] =
	"warraq builds a right-to-left-aware website from a folder of Markdown texts.\n"
	"\n"
	"  warraq build [options]   read the sources and write the site\n"
	"\n"
	"options:\n"
	"  --source DIR    source folder (default: seeds)\n"
	"  --config FILE   configuration (default: warraq.yml; built-in defaults\n"
	"                  when that file does not exist)\n"
	"  --output DIR    output folder, replaced whole when the build succeeds\n"
	"                  (default: site)\n"
	"  --drafts, -D    publish documents marked draft: true as well\n"
	"  --jobs N, -j N  threads to use (default: one per core); the output is\n"
	"                  the same for any N\n"
	"  --strict        make every warning an error (as strict: true does)\n"
	"  --quiet, -q     print errors only\n"
	"  --verbose, -v   print every diagnostic (by default, after 20 of one\n"
	"                  kind the rest are counted)\n"
	"  --help          show this help\n"
	"  --version       show the version\n"
	"\n"
	"exit status: 0 success, 1 errors in the sources or files, 2 usage errors\n";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("warraq: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

static int cmd_build(int argc, char **argv)
{
	wq_build_opts opts = WQ_BUILD_OPTS_INIT;
	wq_build_stats stats;
	wq_err err = WQ_ERR_INIT;
	wq_diag *diag;
	int quiet = 0, verbose = 0, i, rc;
	double start = now_ms();
	wq_buf report = WQ_BUF_INIT, tally = WQ_BUF_INIT;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			quiet = 1;
			continue;
		}
		if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			verbose = 1;
			continue;
		}
		if (!strcmp(a, "--strict")) {
			opts.strict = true;
			continue;
		}
		if (!strcmp(a, "--drafts") || !strcmp(a, "-D")) {
			opts.drafts = true;
			continue;
		}
		if (!strcmp(a, "--jobs") || !strcmp(a, "-j") || !strncmp(a, "--jobs=", 7) ||
		    (!strncmp(a, "-j", 2) && a[2])) {
			/* --jobs N, --jobs=N, -j N, -jN */
			const char *v = !strncmp(a, "--jobs=", 7) ? a + 7 : a[1] == 'j' && a[2] ? a + 2 : NULL;
			char *end;
			long n;
			if (!v) {
				if (i + 1 >= argc || !*argv[i + 1])
					return usage_error("'%s' needs a value", a);
				v = argv[++i];
			}
			n = strtol(v, &end, 10);
			if (!*v || *end || n < 1 || n > 1024)
				return usage_error("--jobs wants a number from 1 to 1024, not '%s'", v);
			opts.jobs = (size_t)n;
			continue;
		}
		if (!strcmp(a, "--source"))
			slot = &opts.source;
		else if (!strcmp(a, "--config"))
			slot = &opts.config, opts.config_given = true;
		else if (!strcmp(a, "--output"))
			slot = &opts.output;
		else
			return usage_error("unknown option '%s'", a);
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("'%s' needs a value", a);
		*slot = argv[++i];
	}

	diag = wq_diag_new();
	rc = wq_build_run(&opts, diag, &stats, &err);
	if (rc < 0 && !err.logged)
		wq_diag_add_err(diag, &err);
	/* Every diagnostic of the run, sorted by file and line. */
	wq_diag_sort(diag);
	wq_diag_report(diag, &report, verbose ? 0 : DIAG_PER_KIND, quiet);
	fputs(wq_buf_cstr(&report), stderr);
	wq_diag_tally(diag, &tally);
	if (rc < 0) {
		fprintf(stderr, "warraq: build failed: %s; the output folder was left as it was\n",
			wq_buf_cstr(&tally));
		wq_buf_dispose(&report);
		wq_buf_dispose(&tally);
		wq_diag_free(diag);
		return rc == WQ_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (!quiet)
		printf("warraq: %zu pages written (%zu files, %zu documents), search index %.1f KB "
		       "(%.0f%% of the pages), %s%s%.0f ms\n",
		       stats.pages, stats.files, stats.documents, (double)stats.search_bytes / 1024.0,
		       stats.page_bytes ?
			       100.0 * (double)stats.search_bytes / (double)stats.page_bytes :
			       0.0,
		       tally.len ? wq_buf_cstr(&tally) : "no warnings", ", ", now_ms() - start);
	wq_buf_dispose(&report);
	wq_buf_dispose(&tally);
	wq_diag_free(diag);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	/* A full disk or a file size limit must fail a write, not kill the
	 * build before it can say which file and keep the old site. */
	signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
	/* A build allocates and frees the same sizes over and over on several
	 * threads: glibc's default of giving freed memory back to the system
	 * at once makes every page fault again (a tenth of the CPU time).
	 * Memory is kept for reuse instead, up to these bounds. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("warraq %s\n", WQ_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "build"))
		return cmd_build(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", argv[1]);
}
