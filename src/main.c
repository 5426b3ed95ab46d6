/* warraq: the command line.  The only place that prints or exits. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "err.h"
#include "scaffold.h"
#include "serve.h"

#ifndef WQ_VERSION
#define WQ_VERSION "0"
#endif

/* Messages of one kind printed in full before the rest are counted. */
#define DIAG_PER_KIND 20

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
	"usage: warraq build [--source DIR] [--config FILE] [--output DIR] [--drafts]\n"
	"                    [--jobs N] [--base-url URL] [--strict] [--no-cache]\n"
	"                    [--quiet | --verbose]\n"
	"       warraq check [build options]\n"
	"       warraq new TITLE [--section DIR] [--lang LANG] [--source DIR] [--config FILE]\n"
	"       warraq init DIR\n"
	"       warraq serve [--port N] [--bind ADDR] [build options]\n"
	"       warraq --help | --version\n";

static const char help[] =
	"warraq builds a right-to-left-aware website from a folder of Markdown texts.\n"
	"\n"
	"  warraq build [options]   read the sources and write the site\n"
	"  warraq check [options]   everything a build checks, writing nothing; messages\n"
	"                           as file:line:col: error: message (also as GitHub\n"
	"                           annotations when GITHUB_ACTIONS=true)\n"
	"  warraq new TITLE [options]  write a new article (front matter: title, today's\n"
	"                           date, --lang) named after its title; print its path\n"
	"  warraq init DIR          make a new project in DIR (new or empty) that builds\n"
	"                           at once, with a GitHub Pages workflow\n"
	"  warraq serve [options]   build, serve the site at http://127.0.0.1:1313/,\n"
	"                           build again and reload open pages on every change\n"
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
	"  --base-url URL  the site's address, instead of the configuration's base_url\n"
	"  --strict        make every warning an error (as strict: true does)\n"
	"  --no-cache      neither use nor write the build cache beside the output\n"
	"                  (.site.cache): build everything\n"
	"  --quiet, -q     print errors only\n"
	"  --verbose, -v   print every diagnostic (by default, after 20 of one\n"
	"                  kind the rest are counted), and every file written\n"
	"  --section DIR   (new) the section: a folder below the source folder\n"
	"  --lang LANG     (new) the article's language, as front matter lang\n"
	"  --port N        (serve) the port to listen on (default: 1313; 0: any free one)\n"
	"  --bind ADDR     (serve) the address to listen on (default: 127.0.0.1)\n"
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

/* Another build of the same output folder is running: this one waits. */
static void say_waiting(void *ctx)
{
	fprintf(stderr, "warraq: waiting for another build of '%s' to end\n", (const char *)ctx);
}

/* The progress line of a build on a terminal: one line, drawn again at
 * most ten times a second from whichever thread is done with a document,
 * cleared at the end. */
typedef struct progress_line {
	pthread_mutex_t lock;
	double last;      /* when it was drawn (or the build started), in ms */
	int shown;        /* drawn at least once: to be cleared */
	const char *verb; /* what the second count counts */
} progress_line;

static void draw_progress(void *ctx, size_t parsed, size_t written, size_t total)
{
	progress_line *p = ctx;
	wq_buf line = WQ_BUF_INIT;
	double t;

	if (pthread_mutex_trylock(&p->lock))
		return; /* another thread is drawing it */
	t = now_ms();
	if (t - p->last >= 100.0) {
		wq_buf_puts(&line, "\rwarraq: parsed ");
		wq_diag_put_count(&line, parsed);
		wq_buf_putc(&line, '/');
		wq_diag_put_count(&line, total);
		wq_buf_printf(&line, " \xc2\xb7 %s ", p->verb);
		wq_diag_put_count(&line, written);
		wq_buf_putc(&line, '/');
		wq_diag_put_count(&line, total);
		wq_buf_puts(&line, "\033[K");
		fputs(wq_buf_cstr(&line), stderr);
		fflush(stderr);
		p->last = t;
		p->shown = 1;
	}
	pthread_mutex_unlock(&p->lock);
	wq_buf_dispose(&line);
}

/* --verbose: every file a build wrote, one a line, from the output folder. */
static void print_file(void *ctx, const char *rel)
{
	(void)ctx;
	printf("%s\n", rel);
}

/* The options of build and check; EXIT_OK, or a usage error's status. */
static int build_args(int argc, char **argv, wq_build_opts *opts, int *quiet, int *verbose)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			*quiet = 1;
			continue;
		}
		if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			*verbose = 1;
			continue;
		}
		if (!strcmp(a, "--strict")) {
			opts->strict = true;
			continue;
		}
		if (!strcmp(a, "--no-cache")) {
			opts->no_cache = true;
			continue;
		}
		if (!strcmp(a, "--drafts") || !strcmp(a, "-D")) {
			opts->drafts = true;
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
			opts->jobs = (size_t)n;
			continue;
		}
		if (!strcmp(a, "--source"))
			slot = &opts->source;
		else if (!strcmp(a, "--config"))
			slot = &opts->config, opts->config_given = true;
		else if (!strcmp(a, "--output"))
			slot = &opts->output;
		else if (!strcmp(a, "--base-url"))
			slot = &opts->base_url;
		else
			return usage_error("unknown option '%s'", a);
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("'%s' needs a value", a);
		*slot = argv[++i];
	}
	if (opts->base_url && strncmp(opts->base_url, "http://", 7) &&
	    strncmp(opts->base_url, "https://", 8))
		return usage_error("--base-url wants an absolute http(s) URL, not '%s'",
				   opts->base_url);
	return EXIT_OK;
}

/* ", 20 unchanged" in the summary when the previous output held files
 * byte for byte (they are kept, with their dates); else nothing. */
static const char *unchanged_note(wq_buf *b, const wq_build_stats *stats)
{
	wq_buf_clear(b);
	if (stats->unchanged)
		wq_buf_printf(b, ", %zu unchanged", stats->unchanged);
	return wq_buf_cstr(b);
}

/* warraq build, and warraq check (@p check): the same run, but a check
 * writes nothing and gives its messages as compilers do. */
static int run_build(int argc, char **argv, bool check)
{
	wq_build_opts opts = WQ_BUILD_OPTS_INIT;
	wq_build_stats stats;
	wq_err err = WQ_ERR_INIT;
	wq_diag *diag;
	int quiet = 0, verbose = 0, rc;
	double start = now_ms();
	wq_buf report = WQ_BUF_INIT, tally = WQ_BUF_INIT, note = WQ_BUF_INIT;
	progress_line progress;
	const char *gha = getenv("GITHUB_ACTIONS");

	if ((rc = build_args(argc, argv, &opts, &quiet, &verbose)) != EXIT_OK)
		return rc;
	opts.check = check;
	opts.exits_after = true; /* the site's memory is the system's to take back */
	pthread_mutex_init(&progress.lock, NULL);
	progress.last = start;
	progress.shown = 0;
	progress.verb = check ? "rendered" : "written";
	if (!quiet && isatty(STDERR_FILENO)) {
		opts.progress = draw_progress;
		opts.progress_ctx = &progress;
	}
	if (verbose && !check)
		opts.file_written = print_file;
	if (!quiet) {
		opts.waiting = say_waiting;
		opts.waiting_ctx = (void *)opts.output;
	}

	diag = wq_diag_new();
	rc = wq_build_run(&opts, diag, &stats, &err);
	if (progress.shown)
		fputs("\r\033[K", stderr);
	pthread_mutex_destroy(&progress.lock);
	if (rc < 0 && !err.logged)
		wq_diag_add_err(diag, &err);
	/* Every diagnostic of the run, sorted by file and line. */
	wq_diag_sort(diag);
	wq_diag_report_as(diag, &report, verbose ? 0 : DIAG_PER_KIND, quiet,
			  check ? WQ_DIAG_STYLE_CHECK : WQ_DIAG_STYLE_BUILD);
	fputs(wq_buf_cstr(&report), stderr);
	if (check && gha && !strcmp(gha, "true")) {
		/* GitHub Actions reads these from the output: annotations on
		 * the files and lines of the pull request. */
		wq_buf_clear(&report);
		wq_diag_report_as(diag, &report, verbose ? 0 : DIAG_PER_KIND, quiet,
				  WQ_DIAG_STYLE_GITHUB);
		fflush(stdout);
		fputs(wq_buf_cstr(&report), stdout);
	}
	if (rc < 0 || !quiet) /* (what a quiet build that succeeds does not say) */
		wq_diag_tally(diag, &tally);
	if (rc < 0) {
		if (check)
			fprintf(stderr, "warraq: check failed: %s\n", wq_buf_cstr(&tally));
		else
			fprintf(stderr, "warraq: build failed: %s; the output folder was left as it was\n",
				wq_buf_cstr(&tally));
		wq_buf_dispose(&report);
		wq_buf_dispose(&tally);
		wq_diag_free(diag);
		return rc == WQ_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (!quiet && check)
		printf("warraq: check passed: %zu documents, %zu pages, %s, nothing written, %.0f ms\n",
		       stats.documents, stats.pages, tally.len ? wq_buf_cstr(&tally) : "no warnings",
		       now_ms() - start);
	else if (!quiet && stats.up_to_date)
		printf("warraq: the site is up to date: nothing it is built from changed since the "
		       "last build (%zu pages, %zu files, %zu documents), %s%s%.0f ms\n",
		       stats.pages, stats.files, stats.documents,
		       tally.len ? wq_buf_cstr(&tally) : "no warnings", ", ", now_ms() - start);
	else if (!quiet && stats.updated)
		printf("warraq: the site is updated in place: %zu of %zu documents changed, %zu of "
		       "%zu files written, %s%s%.0f ms\n",
		       stats.pages, stats.documents, stats.files - stats.unchanged, stats.files,
		       tally.len ? wq_buf_cstr(&tally) : "no warnings", ", ", now_ms() - start);
	else if (!quiet)
		printf("warraq: %zu pages written (%zu files%s, %zu documents), search index %.1f KB "
		       "(%.0f%% of the pages), %s%s%.0f ms\n",
		       stats.pages, stats.files, unchanged_note(&note, &stats), stats.documents,
		       (double)stats.search_bytes / 1024.0,
		       stats.page_bytes ?
			       100.0 * (double)stats.search_bytes / (double)stats.page_bytes :
			       0.0,
		       tally.len ? wq_buf_cstr(&tally) : "no warnings", ", ", now_ms() - start);
	wq_buf_dispose(&report);
	wq_buf_dispose(&tally);
	wq_buf_dispose(&note);
	wq_diag_free(diag);
	return EXIT_OK;
}

static int cmd_build(int argc, char **argv)
{
	return run_build(argc, argv, false);
}

/* warraq check: everything a build checks, nothing written. */
static int cmd_check(int argc, char **argv)
{
	return run_build(argc, argv, true);
}

/* A failure of new or init: a usage error, or a message naming the file. */
static int scaffold_failed(int rc, const wq_err *err)
{
	char msg[2200];

	if (rc == WQ_EUSAGE && !err->file[0])
		return usage_error("%s", err->msg);
	wq_err_format(msg, sizeof(msg), err);
	fprintf(stderr, "warraq: %s\n", msg);
	return rc == WQ_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
}

/* warraq new TITLE: a new article, its front matter filled in. */
static int cmd_new(int argc, char **argv)
{
	wq_new_opts opts = WQ_NEW_OPTS_INIT;
	wq_err err = WQ_ERR_INIT;
	char *path = NULL;
	int i, rc;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (a[0] != '-' || !a[1]) {
			if (opts.title)
				return usage_error("one title only: '%s' is another (quote the title)", a);
			opts.title = a;
			continue;
		}
		if (!strcmp(a, "--section"))
			slot = &opts.section;
		else if (!strcmp(a, "--lang"))
			slot = &opts.lang;
		else if (!strcmp(a, "--source"))
			slot = &opts.source;
		else if (!strcmp(a, "--config"))
			slot = &opts.config, opts.config_given = true;
		else
			return usage_error("unknown option '%s'", a);
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("'%s' needs a value", a);
		*slot = argv[++i];
	}
	if (!opts.title)
		return usage_error("%s", "warraq new wants the article's title");
	if ((rc = wq_scaffold_article(&path, &opts, &err)) < 0)
		return scaffold_failed(rc, &err);
	printf("%s\n", path);
	free(path);
	return EXIT_OK;
}

/* warraq init DIR: a new project that builds at once. */
static int cmd_init(int argc, char **argv)
{
	wq_err err = WQ_ERR_INIT;
	int rc;

	if (argc != 1 || argv[0][0] == '-')
		return usage_error("%s", "warraq init wants one folder: warraq init DIR");
	if ((rc = wq_scaffold_project(argv[0], &err)) < 0)
		return scaffold_failed(rc, &err);
	printf("warraq: a new project in %s: cd %s && warraq build\n", argv[0], argv[0]);
	return EXIT_OK;
}

/* warraq serve: build, serve the output, rebuild on every change. */
static int cmd_serve(int argc, char **argv)
{
	wq_build_opts opts = WQ_BUILD_OPTS_INIT;
	wq_serve_opts sopts = WQ_SERVE_OPTS_INIT;
	wq_serve *srv = NULL;
	wq_err err = WQ_ERR_INIT;
	int quiet = 0, verbose = 0, status = EXIT_OK, i, rc;
	size_t builds;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		char *end;
		long n;
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
		if (!strcmp(a, "--no-cache")) {
			opts.no_cache = true;
			continue;
		}
		if (!strcmp(a, "--drafts") || !strcmp(a, "-D")) {
			opts.drafts = true;
			continue;
		}
		if (strcmp(a, "--port") && strcmp(a, "--bind") && strcmp(a, "--jobs") && strcmp(a, "-j") &&
		    strcmp(a, "--source") && strcmp(a, "--config") && strcmp(a, "--output") &&
		    strcmp(a, "--base-url"))
			return usage_error("unknown option '%s'", a);
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("'%s' needs a value", a);
		v = argv[++i];
		if (!strcmp(a, "--port")) {
			n = strtol(v, &end, 10);
			if (*end || n < 0 || n > 65535)
				return usage_error("--port wants a number from 0 to 65535, not '%s'", v);
			sopts.port = (unsigned)n;
		} else if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
			n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 1024)
				return usage_error("--jobs wants a number from 1 to 1024, not '%s'", v);
			opts.jobs = (size_t)n;
		} else if (!strcmp(a, "--bind")) {
			sopts.bind = v;
		} else if (!strcmp(a, "--source")) {
			opts.source = v;
		} else if (!strcmp(a, "--config")) {
			opts.config = v;
			opts.config_given = true;
		} else if (!strcmp(a, "--base-url")) {
			if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
				return usage_error("--base-url wants an absolute http(s) URL, not '%s'", v);
			opts.base_url = v;
		} else {
			opts.output = v;
		}
	}
	sopts.output = opts.output;
	sopts.source = opts.source;
	sopts.config = opts.config;
	if ((rc = wq_serve_start(&srv, &sopts, &err)) < 0) {
		fprintf(stderr, "warraq: %s%s%s\n", err.file, *err.file ? ": " : "", err.msg);
		return rc == WQ_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (!quiet) {
		opts.waiting = say_waiting;
		opts.waiting_ctx = (void *)opts.output;
	}
	for (builds = 0;; builds++) {
		wq_build_stats stats;
		wq_diag *diag = wq_diag_new();
		wq_buf report = WQ_BUF_INIT, tally = WQ_BUF_INIT, page = WQ_BUF_INIT,
		       note = WQ_BUF_INIT;
		double start = now_ms();
		err = (wq_err)WQ_ERR_INIT;
		rc = wq_build_run(&opts, diag, &stats, &err);
		if (rc < 0 && !err.logged)
			wq_diag_add_err(diag, &err);
		wq_diag_sort(diag);
		wq_diag_report(diag, &report, verbose ? 0 : DIAG_PER_KIND, quiet);
		fputs(wq_buf_cstr(&report), stderr);
		wq_diag_tally(diag, &tally);
		if (rc < 0) {
			fprintf(stderr, "warraq: build failed: %s; %s\n", wq_buf_cstr(&tally),
				builds ? "still serving the last good site" :
					 "serving what the output folder holds");
			/* The page shows the errors, as the terminal does. */
			wq_diag_report(diag, &page, DIAG_PER_KIND, true);
			wq_buf_printf(&page, "build failed: %s", wq_buf_cstr(&tally));
		} else if (!quiet && stats.updated) {
			printf("warraq: %zu of %zu documents changed, %zu of %zu files written, %s, "
			       "%.0f ms\n",
			       stats.pages, stats.documents, stats.files - stats.unchanged, stats.files,
			       tally.len ? wq_buf_cstr(&tally) : "no warnings", now_ms() - start);
		} else if (!quiet && stats.up_to_date) {
			printf("warraq: nothing changed since the last build (%zu pages), %s, %.0f ms\n",
			       stats.pages, tally.len ? wq_buf_cstr(&tally) : "no warnings",
			       now_ms() - start);
		} else if (!quiet) {
			printf("warraq: %zu pages written (%zu files%s, %zu documents), %s, %.0f ms\n",
			       stats.pages, stats.files, unchanged_note(&note, &stats), stats.documents,
			       tally.len ? wq_buf_cstr(&tally) : "no warnings", now_ms() - start);
		}
		wq_serve_publish(srv, rc < 0 ? wq_buf_cstr(&page) : NULL);
		wq_buf_dispose(&note);
		wq_buf_dispose(&report);
		wq_buf_dispose(&tally);
		wq_buf_dispose(&page);
		wq_diag_free(diag);
		if (rc == WQ_EUSAGE) { /* a bad output folder: no rebuild mends that */
			status = EXIT_USAGE;
			break;
		}
		if (!builds)
			printf("warraq: serving %s at http://%s%s%s:%u/ (Ctrl-C stops)\n", opts.output,
			       strchr(sopts.bind, ':') ? "[" : "", sopts.bind,
			       strchr(sopts.bind, ':') ? "]" : "", wq_serve_port(srv));
		fflush(stdout);
		if ((rc = wq_serve_wait(srv, &err)) <= 0) {
			if (rc < 0) {
				fprintf(stderr, "warraq: %s\n", err.msg);
				status = EXIT_INPUT;
			}
			break;
		}
		if (!quiet)
			printf("warraq: a change: building again\n");
	}
	wq_serve_free(srv);
	return status;
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
	/* With TZ unset, every local-time conversion stats /etc/localtime to
	 * see whether it changed (libzip makes two for each entry of the book:
	 * 12,000 for a book of 3,000 chapters and images).  Named, the same
	 * zone is read once. */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
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
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 2, argv + 2);
	if (!strcmp(argv[1], "new"))
		return cmd_new(argc - 2, argv + 2);
	if (!strcmp(argv[1], "init"))
		return cmd_init(argc - 2, argv + 2);
	if (!strcmp(argv[1], "serve"))
		return cmd_serve(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", argv[1]);
}
