/* Unit tests for src/scaffold.c (warraq new, warraq init), and the GitHub
 * workflows: .github/workflows/{pages,test}.yml and the one init writes,
 * read with warraq's own YAML reader (no YAML tool is assumed). */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "err.h"
#include "fsutil.h"
#include "scaffold.h"
#include "text.h"
#include "value.h"
#include "yamlval.h"
#include "check.h"
#include "tmpdir.h"

static const char *dir;

/* The value at a path of map keys ("jobs", "build", "container", NULL). */
static const wq_val *at(const wq_val *v, const char *const *keys)
{
	for (; v && *keys; keys++)
		v = wq_val_get(v, *keys);
	return v;
}

static const char *str_at(const wq_val *v, const char *const *keys)
{
	return wq_val_get_str(at(v, keys), NULL);
}

/* The step of a job that uses @p action (a prefix, e.g. "actions/checkout@"). */
static const wq_val *step_using(const wq_val *job, const char *action)
{
	const wq_val *steps = wq_val_get(job, "steps");
	size_t i;

	for (i = 0; i < wq_val_count(steps); i++) {
		const char *uses = wq_val_get_str(wq_val_get(wq_val_at(steps, i), "uses"), NULL);
		if (uses && !strncmp(uses, action, strlen(action)))
			return wq_val_at(steps, i);
	}
	return NULL;
}

/* A step whose `run` contains @p text. */
static const wq_val *step_running(const wq_val *job, const char *text)
{
	const wq_val *steps = wq_val_get(job, "steps");
	size_t i;

	for (i = 0; i < wq_val_count(steps); i++) {
		const char *run = wq_val_get_str(wq_val_get(wq_val_at(steps, i), "run"), NULL);
		if (run && strstr(run, text))
			return wq_val_at(steps, i);
	}
	return NULL;
}

/* What both Pages workflows share: triggers, permissions, concurrency,
 * the build in Debian 12 with configure-pages' base URL, the uploads, the
 * deployment on main and the release on tags. */
static void check_pages_workflow(const char *path, const char *build_run)
{
	wq_val *w = NULL;
	wq_err err = WQ_ERR_INIT;
	const wq_val *build, *step;

	CHECK(wq_yaml_load_file(&w, path, &err) == 0);
	if (!w) {
		fprintf(stderr, "%s: %s\n", path, err.msg);
		return;
	}
	CHECK_STR(wq_val_get_str(wq_val_at(at(w, (const char *const[]){ "on", "push", "branches",
									  NULL }), 0), NULL),
		  "main");
	CHECK_STR(wq_val_get_str(wq_val_at(at(w, (const char *const[]){ "on", "push", "tags",
									  NULL }), 0), NULL),
		  "v*");
	CHECK_STR(str_at(w, (const char *const[]){ "permissions", "pages", NULL }), "write");
	CHECK_STR(str_at(w, (const char *const[]){ "permissions", "id-token", NULL }), "write");
	CHECK_STR(str_at(w, (const char *const[]){ "permissions", "contents", NULL }), "read");
	CHECK_STR(str_at(w, (const char *const[]){ "concurrency", "group", NULL }), "pages");
	build = at(w, (const char *const[]){ "jobs", "build", NULL });
	CHECK(build != NULL);
	CHECK_STR(wq_val_get_str(wq_val_get(build, "container"), NULL), "debian:12");
	CHECK(step_using(build, "actions/checkout@v") != NULL);
	step = step_using(build, "actions/configure-pages@v");
	CHECK(step != NULL);
	CHECK_STR(wq_val_get_str(wq_val_get(step, "id"), NULL), "pages");
	step = step_running(build, build_run);
	CHECK(step != NULL);
	{
		/* The base URL from configure-pages reaches the build. */
		const wq_val *env = wq_val_get(step, "env");
		const char *v = NULL;
		size_t i;
		for (i = 0; i < wq_val_count(env); i++) {
			const char *s = wq_val_get_str(wq_val_at(env, i), NULL);
			if (s && strstr(s, "steps.pages.outputs.base_url"))
				v = s;
		}
		CHECK(v != NULL);
	}
	step = step_using(build, "actions/upload-pages-artifact@v");
	CHECK(step != NULL);
	CHECK_STR(str_at(step, (const char *const[]){ "with", "path", NULL }), "site/");
	step = step_using(build, "actions/upload-artifact@v");
	CHECK(step != NULL);
	CHECK_STR(str_at(step, (const char *const[]){ "with", "path", NULL }), "site/*.epub");
	CHECK_STR(str_at(w, (const char *const[]){ "jobs", "deploy", "if", NULL }),
		  "github.ref == 'refs/heads/main'");
	CHECK_STR(str_at(w, (const char *const[]){ "jobs", "deploy", "needs", NULL }), "build");
	CHECK_STR(str_at(w, (const char *const[]){ "jobs", "deploy", "environment", "name", NULL }),
		  "github-pages");
	CHECK(step_using(at(w, (const char *const[]){ "jobs", "deploy", NULL }),
			 "actions/deploy-pages@v") != NULL);
	CHECK_STR(str_at(w, (const char *const[]){ "jobs", "release", "if", NULL }),
		  "startsWith(github.ref, 'refs/tags/v')");
	CHECK_STR(str_at(w, (const char *const[]){ "jobs", "release", "permissions", "contents",
						   NULL }),
		  "write");
	CHECK(step_using(at(w, (const char *const[]){ "jobs", "release", NULL }),
			 "softprops/action-gh-release@v") != NULL);
	wq_val_free(w);
}

static void test_repository_workflows(void)
{
	wq_val *w = NULL;
	wq_err err = WQ_ERR_INIT;
	const wq_val *job;

	check_pages_workflow("../../.github/workflows/pages.yml", "sh scripts/build.sh");
	CHECK(wq_yaml_load_file(&w, "../../.github/workflows/test.yml", &err) == 0);
	if (!w)
		return;
	CHECK(wq_val_get(wq_val_get(w, "on"), "pull_request") != NULL);
	job = at(w, (const char *const[]){ "jobs", "test", NULL });
	CHECK_STR(wq_val_get_str(wq_val_get(job, "container"), NULL), "debian:12");
	CHECK(step_using(job, "actions/checkout@v") != NULL);
	CHECK(step_running(job, "sh scripts/test.sh") != NULL);
	wq_val_free(w);
}

static void test_init(void)
{
	const char *proj = tmp_path(dir, "proj");
	char p[1024];
	wq_err err = WQ_ERR_INIT;
	wq_config *cfg = NULL;
	wq_diag *diag = wq_diag_new();
	wq_buf text = WQ_BUF_INIT;

	snprintf(p, sizeof(p), "%s", proj);
	CHECK(wq_scaffold_project(p, &err) == 0);
	check_pages_workflow(tmp_path(p, ".github/workflows/pages.yml"), "warraq build --base-url");
	/* The workflow builds warraq from its repository first. */
	CHECK(wq_fs_read(&text, tmp_path(p, ".github/workflows/pages.yml"), &err) == 0);
	CHECK_CONTAINS(text.ptr, "WARRAQ_REPOSITORY:");
	CHECK_CONTAINS(text.ptr, "cmake --install /tmp/warraq/build --prefix /usr/local");
	CHECK(wq_config_load(&cfg, tmp_path(p, "warraq.yml"), true, diag, &err) == 0);
	if (cfg) {
		CHECK_STR(cfg->lang, "ar");
		CHECK_STR(cfg->base_url, "");
		CHECK(cfg->epub.enabled);
	}
	CHECK(wq_diag_count(diag) == 0); /* no unknown key */
	CHECK(wq_fs_is_file(tmp_path(p, "seeds/\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7.md")));
	CHECK(wq_fs_is_file(tmp_path(p, ".gitignore")));
	/* Not twice: the folder is no longer empty. */
	CHECK(wq_scaffold_project(p, &err) == WQ_EUSAGE);
	/* Not over a file. */
	CHECK(wq_scaffold_project(tmp_path(p, "warraq.yml"), &err) == WQ_EUSAGE);
	wq_config_free(cfg);
	wq_diag_free(diag);
	wq_buf_dispose(&text);
}

static void test_new(void)
{
	wq_new_opts o = WQ_NEW_OPTS_INIT;
	wq_err err = WQ_ERR_INIT;
	wq_buf text = WQ_BUF_INIT, want = WQ_BUF_INIT;
	char src[1024], *path = NULL, date[16];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	snprintf(src, sizeof(src), "%s", tmp_path(dir, "src"));
	o.source = src;
	o.config = "/nonexistent/wq-unit/warraq.yml";
	o.title = "Annual Report 2024";
	o.section = "reports/./2024";
	o.lang = "en-GB";
	CHECK(wq_scaffold_article(&path, &o, &err) == 0);
	CHECK_STR(path, tmp_path(src, "reports/2024/annual-report-2024.md"));
	if (path) {
		CHECK(wq_fs_read(&text, path, &err) == 0);
		wq_buf_printf(&want, "---\ntitle: \"Annual Report 2024\"\ndate: %s\nlang: en-GB\n---\n\n",
			      date);
		CHECK_STR(text.ptr, want.ptr);
	}
	free(path);
	path = NULL;
	/* Never overwritten. */
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EINPUT);
	CHECK(path == NULL);
	CHECK_CONTAINS(err.msg, "already exists");

	/* A long title: a slug cut at a character's end, at most 120 bytes. */
	o.section = NULL;
	o.lang = NULL;
	{
		wq_buf t = WQ_BUF_INIT;
		int i;
		for (i = 0; i < 60; i++)
			wq_buf_puts(&t, "\xd9\x83\xd9\x84\xd9\x85\xd8\xa9 "); /* كلمة */
		o.title = t.ptr;
		CHECK(wq_scaffold_article(&path, &o, &err) == 0);
		if (path) {
			const char *base = strrchr(path, '/') + 1;
			CHECK(strlen(base) <= 120 + 3);
			CHECK(wq_text_check_utf8(base, strlen(base), "slug", &err) == 0);
			CHECK(base[strlen(base) - 4] != '-');
		}
		free(path);
		path = NULL;
		wq_buf_dispose(&t);
	}

	/* Refused: sections that leave the source folder or are not
	 * published, an empty or multi-line title, a bad language, the site's
	 * own folders. */
	o.title = "x";
	o.section = "../out";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.section = "/etc";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.section = "a/_drafts";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.section = NULL;
	o.title = "";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.title = "two\nlines";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.title = "Tags";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.title = "ok";
	o.lang = "en_US";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	o.lang = "toolonglanguage";
	CHECK(wq_scaffold_article(&path, &o, &err) == WQ_EUSAGE);
	CHECK(path == NULL);
	wq_buf_dispose(&text);
	wq_buf_dispose(&want);
}

int main(void)
{
	dir = tmp_make();
	if (!dir)
		return 1;
	test_repository_workflows();
	test_init();
	test_new();
	tmp_remove(dir);
	wq_text_release();
	return CHECK_DONE();
}
