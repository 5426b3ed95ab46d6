/* Unit tests for src/config.c: the site configuration. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "err.h"
#include "value.h"
#include "check.h"
#include "tmpdir.h"

static const char *dir;

static void test_defaults(void)
{
	wq_config *cfg = (wq_config *)1;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_config_load(&cfg, "/nonexistent/wq-unit/warraq.yml", false, diag, &err) == 0);
	CHECK(cfg != NULL && cfg != (wq_config *)1);
	if (!cfg || cfg == (wq_config *)1)
		return;
	CHECK_STR(cfg->path, "");
	CHECK_STR(cfg->root, ".");
	CHECK_STR(cfg->title, "warraq");
	CHECK_STR(cfg->description, "");
	CHECK_STR(cfg->base_url, "");
	CHECK_STR(cfg->lang, "");
	CHECK_STR(cfg->dir, "");
	CHECK_STR(cfg->author, "");
	CHECK_STR(cfg->theme, "default");
	CHECK_STR(cfg->copyright, "");
	CHECK(!cfg->unsafe_html);
	CHECK(cfg->detect_language);
	CHECK(cfg->words_per_minute == 200);
	CHECK(cfg->summary_chars == 220);
	CHECK(cfg->params != NULL);
	CHECK(wq_val_kind_of(cfg->params) == WQ_VAL_MAP);
	CHECK(wq_val_count(cfg->params) == 0);
	CHECK(wq_diag_count(diag) == 0);
	wq_config_free(cfg);
	wq_config_free(NULL);
	wq_diag_free(diag);
}

static void test_missing(void)
{
	wq_config *cfg = (wq_config *)1;
	wq_err err = WQ_ERR_INIT;
	const char *path = "/nonexistent/wq-unit/site.yml";

	/* Named by the user: its absence is an error. */
	CHECK(wq_config_load(&cfg, path, true, NULL, &err) < 0);
	CHECK(cfg == NULL);
	CHECK_STR(err.file, path);
	CHECK(err.msg[0] != '\0');

	/* A folder where the file should be is an error even when optional. */
	cfg = (wq_config *)1;
	CHECK(wq_config_load(&cfg, dir, false, NULL, &err) < 0);
	CHECK(cfg == NULL);
	CHECK_STR(err.file, dir);
}

/* Write @p yaml to a file and load it (required). */
static int load(wq_config **cfg, const char *yaml, wq_diag *diag, wq_err *err, char *path,
		size_t size)
{
	snprintf(path, size, "%s/warraq.yml", dir);
	if (tmp_puts(dir, "warraq.yml", yaml) != 0)
		return -100;
	return wq_config_load(cfg, path, true, diag, err);
}

static void test_all_keys(void)
{
	const char *yaml =
		"title: موقعي\n"
		"description: \"A site: about things\"\n"
		"base_url: https://example.org/blog\n"
		"lang: ar\n"
		"dir: rtl\n"
		"author: Ali\n"
		"theme: plain\n"
		"copyright: \"© 2024 Ali\"\n"
		"unsafe_html: true\n"
		"detect_language: false\n"
		"words_per_minute: 180\n"
		"summary_length: 100\n"
		"params:\n"
		"  color: blue\n"
		"  list: [1, 2]\n"
		"epub:\n"
		"  cover: cover.png\n"
		"numbering: latn\n"
		"calendar: islamic-umalqura\n"
		"slugs: ascii\n";
	wq_config *cfg = NULL;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char path[1024];

	CHECK(load(&cfg, yaml, diag, &err, path, sizeof(path)) == 0);
	if (!cfg) {
		fprintf(stderr, "  %s:%u: %s\n", err.file, err.line, err.msg);
		wq_diag_free(diag);
		return;
	}
	CHECK_STR(cfg->path, path);
	CHECK_STR(cfg->root, dir);
	CHECK_STR(cfg->title, "موقعي");
	CHECK_STR(cfg->description, "A site: about things");
	CHECK_STR(cfg->base_url, "https://example.org/blog/");
	CHECK_STR(cfg->lang, "ar");
	CHECK_STR(cfg->dir, "rtl");
	CHECK_STR(cfg->author, "Ali");
	CHECK_STR(cfg->theme, "plain");
	CHECK_STR(cfg->copyright, "© 2024 Ali");
	CHECK(cfg->unsafe_html);
	CHECK(!cfg->detect_language);
	CHECK(cfg->words_per_minute == 180);
	CHECK(cfg->summary_chars == 100);
	CHECK(wq_val_count(cfg->params) == 2);
	CHECK_STR(wq_val_get_str(wq_val_get(cfg->params, "color"), NULL), "blue");
	CHECK(wq_val_count(wq_val_get(cfg->params, "list")) == 2);
	CHECK_STR(cfg->epub.cover, "cover.png");
	CHECK_STR(cfg->numbering, "latn");
	CHECK_STR(cfg->calendar, "islamic-umalqura");
	CHECK(cfg->ascii_slugs);
	/* Every key above is known: no warning. */
	CHECK(wq_diag_count(diag) == 0);
	wq_config_free(cfg);
	wq_diag_free(diag);
}

static void test_values(void)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	char path[1024];

	/* A base_url with its slash keeps a single one; dir auto means "". */
	CHECK(load(&cfg, "base_url: http://e.org/x/\ndir: auto\n", NULL, &err, path,
		   sizeof(path)) == 0);
	if (cfg) {
		CHECK_STR(cfg->base_url, "http://e.org/x/");
		CHECK_STR(cfg->dir, "");
		wq_config_free(cfg);
	}
	cfg = NULL;
	CHECK(load(&cfg, "base_url: https://e.org\n", NULL, &err, path, sizeof(path)) == 0);
	if (cfg) {
		CHECK_STR(cfg->base_url, "https://e.org/");
		wq_config_free(cfg);
	}
	cfg = NULL;
	CHECK(load(&cfg, "base_url: \"\"\nsummary_length: 0\n", NULL, &err, path,
		   sizeof(path)) == 0);
	if (cfg) {
		CHECK_STR(cfg->base_url, "");
		CHECK(cfg->summary_chars == 0);
		wq_config_free(cfg);
	}

	/* An empty file (or only comments): the defaults, with the path set. */
	cfg = NULL;
	CHECK(load(&cfg, "# nothing yet\n", NULL, &err, path, sizeof(path)) == 0);
	if (cfg) {
		CHECK_STR(cfg->path, path);
		CHECK_STR(cfg->title, "warraq");
		CHECK_STR(cfg->theme, "default");
		wq_config_free(cfg);
	}
}

static void test_relative_path(void)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	char cwd[1024];

	/* A file named without a folder: its root is ".". */
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(tmp_puts(dir, "rel.yml", "title: Rel\n") == 0);
	CHECK(chdir(dir) == 0);
	CHECK(wq_config_load(&cfg, "rel.yml", true, NULL, &err) == 0);
	CHECK(chdir(cwd) == 0);
	if (cfg) {
		CHECK_STR(cfg->path, "rel.yml");
		CHECK_STR(cfg->root, ".");
		CHECK_STR(cfg->title, "Rel");
		wq_config_free(cfg);
	}
}

/* Load @p yaml and expect #WQ_EINPUT at @p line:@p col in the file. */
static void expect_error(const char *yaml, unsigned line, unsigned col, const char *msg_part)
{
	wq_config *cfg = (wq_config *)1;
	wq_err err = WQ_ERR_INIT;
	char path[1024];
	int rc = load(&cfg, yaml, NULL, &err, path, sizeof(path));

	CHECK(rc == WQ_EINPUT);
	CHECK(cfg == NULL);
	CHECK_STR(err.file, path);
	CHECK(err.line == line);
	if (col)
		CHECK(err.col == col);
	if (err.line != line || (col && err.col != col))
		fprintf(stderr, "  for %s  got %u:%u, want %u:%u (%s)\n", yaml, err.line, err.col,
			line, col, err.msg);
	if (msg_part)
		CHECK_CONTAINS(err.msg, msg_part);
}

static void test_errors(void)
{
	expect_error("title: [a, b]\n", 1, 8, "title");
	expect_error("title: ok\ndescription: {a: 1}\n", 2, 14, "description");
	expect_error("lang: 5\n", 1, 7, "lang");
	expect_error("author: true\n", 1, 9, "author");
	expect_error("\n\ncopyright: ~\n", 3, 12, "copyright");
	expect_error("base_url: 42\n", 1, 11, "base_url");
	expect_error("base_url: example.org\n", 1, 11, "base_url");
	expect_error("base_url: ftp://example.org/\n", 1, 11, "base_url");
	expect_error("dir: up\n", 1, 6, "dir");
	expect_error("unsafe_html: \"yes\"\n", 1, 14, "unsafe_html");
	expect_error("unsafe_html: yes\n", 1, 14, "unsafe_html");
	expect_error("detect_language: 1\n", 1, 18, "detect_language");
	expect_error("words_per_minute: 0\n", 1, 19, "words_per_minute");
	expect_error("words_per_minute: fast\n", 1, 19, "words_per_minute");
	expect_error("summary_length: -1\n", 1, 17, "summary_length");
	expect_error("summary_length: 20000\n", 1, 17, "summary_length");
	expect_error("params: [1, 2]\n", 1, 9, "params");
	expect_error("theme: [x]\n", 1, 8, "theme");
	/* Malformed YAML and a document that is not a mapping. */
	expect_error("title: a\n  bad: indent\n", 2, 0, NULL);
	expect_error("title: \"open\n", 2, 0, NULL);
	expect_error("- a\n- b\n", 1, 0, "mapping");
}

static void test_theme_name(void)
{
	wq_config *cfg = (wq_config *)1;
	wq_err err = WQ_ERR_INIT;
	char path[1024];
	const char *bad[] = { "theme: ../x\n", "theme: a/b\n", "theme: .hidden\n",
			      "theme: \"\"\n", NULL };
	size_t i;

	for (i = 0; bad[i]; i++) {
		cfg = (wq_config *)1;
		CHECK(load(&cfg, bad[i], NULL, &err, path, sizeof(path)) == WQ_EINPUT);
		CHECK(cfg == NULL);
		CHECK_STR(err.file, path);
		CHECK_CONTAINS(err.msg, "theme");
		/* Regression (src/config.c, apply): the theme name is checked
		 * after the loop, so its error has no line (0). */
		CHECK(err.line == 1);
	}
}

static void test_unknown_key(void)
{
	wq_config *cfg = NULL;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	char path[1024], want[1100];

	CHECK(load(&cfg, "title: T\ncolour: red\n", diag, &err, path, sizeof(path)) == 0);
	CHECK(cfg != NULL);
	if (cfg)
		CHECK_STR(cfg->title, "T");
	CHECK(wq_diag_count(diag) == 1);
	snprintf(want, sizeof(want), "%s:2: ", path);
	CHECK_CONTAINS(wq_diag_at(diag, 0), want);
	CHECK_CONTAINS(wq_diag_at(diag, 0), "colour");
	wq_config_free(cfg);
	cfg = NULL;

	/* Near a known key: "did you mean". */
	CHECK(load(&cfg, "titel: T\nepub:\n  publsher: P\n", diag, &err, path,
		   sizeof(path)) == 0);
	CHECK(wq_diag_count(diag) == 3);
	CHECK_CONTAINS(wq_diag_at(diag, 1),
		       "unknown configuration key 'titel' (ignored): did you mean 'title'?");
	CHECK_CONTAINS(wq_diag_at(diag, 2), "unknown configuration key 'epub.publsher' "
					    "(ignored): did you mean 'epub.publisher'?");
	wq_config_free(cfg);
	wq_diag_free(diag);
}

/* --base-url and base_url: absolute http(s), a slash added; per_article. */
static void test_base_url_and_per_article(void)
{
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_config_load(&cfg, "/nonexistent/wq-unit/warraq.yml", false, NULL, &err) == 0);
	if (!cfg)
		return;
	CHECK(!cfg->epub.per_article);
	CHECK(wq_config_set_base_url(cfg, "https://example.org/sub") == 0);
	CHECK_STR(cfg->base_url, "https://example.org/sub/");
	CHECK(wq_config_set_base_url(cfg, "http://example.org/") == 0);
	CHECK_STR(cfg->base_url, "http://example.org/");
	CHECK(wq_config_set_base_url(cfg, "ftp://example.org/") == WQ_EINPUT);
	CHECK(wq_config_set_base_url(cfg, "example.org") == WQ_EINPUT);
	CHECK_STR(cfg->base_url, "http://example.org/"); /* unchanged by a refusal */
	CHECK(wq_config_set_base_url(cfg, "") == 0);
	CHECK_STR(cfg->base_url, "");
	wq_config_free(cfg);
	cfg = NULL;
	CHECK(tmp_puts(dir, "pa.yml", "epub:\n  per_article: true\n") == 0);
	CHECK(wq_config_load(&cfg, tmp_path(dir, "pa.yml"), true, NULL, &err) == 0);
	CHECK(cfg && cfg->epub.per_article && cfg->epub.enabled);
	wq_config_free(cfg);
	cfg = NULL;
	CHECK(tmp_puts(dir, "pa.yml", "epub:\n  per_article: yes please\n") == 0);
	CHECK(wq_config_load(&cfg, tmp_path(dir, "pa.yml"), true, NULL, &err) == WQ_EINPUT);
	CHECK_CONTAINS(err.msg, "per_article");
	CHECK(tmp_puts(dir, "pa.yml", "base_url: https://example.org/x\n") == 0);
	CHECK(wq_config_load(&cfg, tmp_path(dir, "pa.yml"), true, NULL, &err) == 0);
	CHECK(cfg && !strcmp(cfg->base_url, "https://example.org/x/"));
	wq_config_free(cfg);
}

/* `languages:`: order by weight (then as written), the default at the
 * root, per-language copies, file names' languages, and bad input. */
static void test_languages(void)
{
	const char *yaml = "title: Site\n"
			   "epub: {filename: report, identifier: \"urn:uuid:6f1c2b1e-8d0a-4e43-9a51-0c7b2f5d9e10\"}\n"
			   "languages:\n"
			   "  fr: {title: Rapports, weight: 3, lang: fr-FR}\n"
			   "  ar: {title: تقارير, weight: 1, numbering: arab}\n"
			   "  en: {weight: 2}\n";
	wq_config *cfg = NULL, *en, *ar;
	wq_err err = WQ_ERR_INIT;
	char path[1024];
	size_t stem = 0;

	CHECK(load(&cfg, yaml, NULL, &err, path, sizeof(path)) == 0);
	if (!cfg)
		return;
	CHECK(cfg->nlanguages == 3);
	CHECK_STR(cfg->languages[0].code, "ar");
	CHECK_STR(cfg->languages[1].code, "en");
	CHECK_STR(cfg->languages[2].code, "fr");
	CHECK_STR(cfg->languages[0].prefix, "");
	CHECK_STR(cfg->languages[1].prefix, "en/");
	CHECK_STR(cfg->languages[2].lang, "fr-FR");
	CHECK_STR(cfg->url_prefix, "");
	CHECK(wq_config_file_language(cfg, "a/report.en.md", &stem) == 1 && stem == 6);
	CHECK(wq_config_file_language(cfg, "_index.fr.md", &stem) == 2 && stem == 6);
	CHECK(wq_config_file_language(cfg, "report.md", NULL) == -1);
	CHECK(wq_config_file_language(cfg, "report.de.md", NULL) == -1);
	CHECK(wq_config_file_language(cfg, "a.b/report", NULL) == -1);
	en = wq_config_for_language(cfg, 1);
	ar = wq_config_for_language(cfg, 0);
	CHECK_STR(en->title, "Site"); /* none of its own: the site's */
	CHECK_STR(en->lang, "en");
	CHECK_STR(en->url_prefix, "en/");
	CHECK_STR(en->epub.filename, "report-en");
	CHECK(!strncmp(en->epub.identifier, "urn:uuid:", 9) && strlen(en->epub.identifier) == 45);
	CHECK(strcmp(en->epub.identifier, cfg->epub.identifier) != 0);
	CHECK_STR(ar->title, "تقارير");
	CHECK_STR(ar->numbering, "arab");
	CHECK_STR(ar->url_prefix, "");
	CHECK_STR(ar->epub.filename, "report");
	wq_config_free(en);
	wq_config_free(ar);
	wq_config_free(cfg);
	cfg = NULL;
	CHECK(load(&cfg, "languages:\n  ar: {}\n  en: {}\ndefault_language_in_subdir: true\n"
			 "translation_fallback: home\n",
		   NULL, &err, path, sizeof(path)) == 0);
	if (cfg) {
		CHECK_STR(cfg->languages[0].prefix, "ar/");
		CHECK(cfg->translation_fallback == WQ_FALLBACK_HOME);
		wq_config_free(cfg);
	}
	expect_error("languages:\n  ar: {}\n  EN: {}\n", 3, 0, "language's code");
	expect_error("languages: [ar, en]\n", 1, 0, "language's code");
	expect_error("languages:\n  - {code: ar}\n  - {code: ar}\n", 3, 0, "listed twice");
	expect_error("languages:\n  ar: {lang: 'a b'}\n", 2, 0, "language tag");
	expect_error("languages:\n  ar: {numbering: nope}\n", 2, 0, "numbering");
	expect_error("languages: {}\n", 1, 0, "at least one");
	expect_error("translation_fallback: maybe\n", 1, 0, "home");
}

int main(void)
{
	dir = tmp_make();
	CHECK(dir != NULL);
	if (!dir)
		return CHECK_DONE();
	test_defaults();
	test_missing();
	test_all_keys();
	test_values();
	test_relative_path();
	test_errors();
	test_theme_name();
	test_unknown_key();
	test_base_url_and_per_article();
	test_languages();
	CHECK(tmp_remove(dir) == 0);
	return CHECK_DONE();
}
