#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700
#include "scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "fsutil.h"
#include "mem.h"
#include "text.h"

/* Where the workflow `warraq init` writes gets warraq's source: set when
 * warraq is built (-DWQ_REPOSITORY_URL=...), else a placeholder the
 * workflow refuses to run with. */
#ifndef WQ_REPOSITORY_URL
#define WQ_REPOSITORY_URL ""
#endif
#define REPOSITORY_PLACEHOLDER "https://github.com/YOUR-ORG/warraq.git"

/* Longest slug made from a title, in bytes: file names stay well below
 * the 255 bytes most file systems allow, whatever the script. */
#define SLUG_MAX 120

/* Longest language tag accepted (BCP 47 tags in use are far shorter). */
#define LANG_MAX 35

/* ------------------------------------------------------------ helpers */

/* Today's date in UTC, YYYY-MM-DD. */
static void today(char out[16])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* @p s as a YAML double-quoted scalar; 0 when it holds a line break or
 * another control character (a title is one line). */
static int put_yaml_quoted(wq_buf *out, const char *s)
{
	wq_buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			wq_buf_putc(out, '\\');
			wq_buf_putc(out, (char)c);
		} else if (c == '\t') {
			wq_buf_puts(out, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			return 0;
		} else {
			wq_buf_putc(out, (char)c);
		}
	}
	wq_buf_putc(out, '"');
	return 1;
}

/* A BCP 47 language tag as front matter takes it: `ar`, `en-GB`, `zh-Hant-TW`. */
static int is_lang_tag(const char *s)
{
	size_t n = strlen(s), part = 0, i;

	if (n == 0 || n > LANG_MAX)
		return 0;
	for (i = 0; i <= n; i++) {
		char c = s[i];
		if (c == '-' || c == '\0') {
			if (part == 0 || part > 8)
				return 0;
			part = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9' && i > 0)))
			return 0;
		part++;
	}
	return 1;
}

/* The slug of a title: as the build makes identifiers (or ASCII), without
 * the '_' or '-' at its start that would hide the file from the build,
 * cut at a character's end. */
static void title_slug(wq_buf *out, const char *title, bool ascii)
{
	size_t start = 0, end;

	if (ascii)
		wq_text_ascii_slug(out, title, strlen(title), "article");
	else
		wq_text_make_id(out, title, strlen(title));
	while (start < out->len && (out->ptr[start] == '_' || out->ptr[start] == '-'))
		start++;
	end = out->len;
	if (end - start > SLUG_MAX) {
		end = start + SLUG_MAX;
		while (end > start && ((unsigned char)out->ptr[end] & 0xC0) == 0x80)
			end--;
	}
	while (end > start && out->ptr[end - 1] == '-')
		end--;
	if (end == start) {
		wq_buf_clear(out);
		wq_buf_puts(out, "article");
		return;
	}
	memmove(out->ptr, out->ptr + start, end - start);
	wq_buf_truncate(out, end - start);
}

/* The section as a normalised relative path ("" for the top) in @p out,
 * or a usage error: it must stay inside the source folder and be
 * published (no part starting with '.' or '_'). */
static int section_path(char **out, const char *section, wq_err *err)
{
	const char *p;
	char *norm;

	*out = NULL;
	if (!section || !*section) {
		*out = wq_xstrdup("");
		return 0;
	}
	if (!wq_fs_rel_is_safe(section, strlen(section))) {
		wq_err_set(err, WQ_EUSAGE, NULL, 0, 0,
			   "the section '%s' is not a folder inside the source folder", section);
		return WQ_EUSAGE;
	}
	norm = wq_fs_rel_normalise(section, strlen(section));
	if (!strcmp(norm, ".")) {
		norm[0] = '\0';
		*out = norm;
		return 0;
	}
	for (p = norm; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p)) {
		if (*p == '.' || *p == '_') {
			wq_err_set(err, WQ_EUSAGE, NULL, 0, 0,
				   "the section '%s' would not be published: no folder "
				   "name may start with '.' or '_'",
				   section);
			free(norm);
			return WQ_EUSAGE;
		}
	}
	*out = norm;
	return 0;
}

/* Whether @p inner is @p outer or below it (both resolved). */
static int is_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	if (n == 1 && outer[0] == '/')
		return 1;
	return !strncmp(inner, outer, n) && (inner[n] == '\0' || inner[n] == '/');
}

/* Names an article may not have at the top of the sources (the site's own
 * folders). */
static const char *const reserved_slugs[] = { "assets", "search", "tags", NULL };

/* ------------------------------------------------------------- new */

/* Whether @p path, or the deepest folder of it that exists, is inside the
 * folder whose resolved path is @p src_real (links followed). */
static int stays_inside(const char *path, const char *src_real)
{
	char *probe = wq_xstrdup(path), *real, *slash;
	int inside;

	while (!wq_fs_is_dir(probe) && (slash = strrchr(probe, '/')) != NULL && slash != probe)
		*slash = '\0';
	real = realpath(wq_fs_is_dir(probe) ? probe : ".", NULL);
	inside = real && is_within(real, src_real);
	free(real);
	free(probe);
	return inside;
}

/* The folder for the new file (below the source folder, which is made
 * when missing): checked to be inside the source folder once links are
 * followed, before anything is made and again after. */
static int make_folder(const char *source, const char *folder, wq_err *err)
{
	char *src_real = NULL;
	int rc;

	if ((rc = wq_fs_mkdirs(source, err)) < 0)
		return rc;
	if (!(src_real = realpath(source, NULL)))
		return wq_err_set(err, WQ_EIO, source, 0, 0, "cannot use the source folder: %s",
				  strerror(errno));
	if (!stays_inside(folder, src_real) || (rc = wq_fs_mkdirs(folder, err)) < 0 ||
	    !stays_inside(folder, src_real))
		rc = rc < 0 ? rc :
			      wq_err_set(err, WQ_EUSAGE, folder, 0, 0,
					 "the folder is not inside the source folder '%s'", source);
	free(src_real);
	return rc;
}

/* Another text or a folder with the slug would give the new article's
 * address to two things. */
static int check_free(const char *folder, const char *slug, wq_err *err)
{
	static const char *const exts[] = { ".md", ".markdown", ".txt", "", NULL };
	wq_buf path = WQ_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; exts[i] && rc == 0; i++) {
		char *p;
		wq_buf_clear(&path);
		wq_buf_printf(&path, "%s%s", slug, exts[i]);
		p = wq_fs_join(folder, path.ptr);
		if (*exts[i] && access(p, F_OK) == 0)
			rc = wq_err_set(err, WQ_EINPUT, p, 0, 0,
					"the file already exists; it was left as it is");
		else if (!*exts[i] && wq_fs_is_dir(p))
			rc = wq_err_set(err, WQ_EINPUT, p, 0, 0,
					"a folder of that name is there: the article's address "
					"would be its section's page");
		free(p);
	}
	wq_buf_dispose(&path);
	return rc;
}

int wq_scaffold_article(char **out, const wq_new_opts *o, wq_err *err)
{
	wq_config *cfg = NULL;
	wq_buf slug = WQ_BUF_INIT, text = WQ_BUF_INIT, name = WQ_BUF_INIT;
	char *section = NULL, *folder = NULL, *path = NULL;
	char date[16];
	size_t i;
	int rc = WQ_EFAIL;

	*out = NULL;
	if (!o->title || !*o->title) {
		rc = wq_err_set(err, WQ_EUSAGE, NULL, 0, 0, "the title is empty");
		goto done;
	}
	if (wq_text_check_utf8(o->title, strlen(o->title), "the title", err) < 0) {
		rc = WQ_EUSAGE;
		goto done;
	}
	if (o->lang && !is_lang_tag(o->lang)) {
		rc = wq_err_set(err, WQ_EUSAGE, NULL, 0, 0,
				"'%s' is not a language tag (ar, en, fa, en-GB...)", o->lang);
		goto done;
	}
	if ((rc = section_path(&section, o->section, err)) < 0)
		goto done;
	if ((rc = wq_config_load(&cfg, o->config, o->config_given, NULL, err)) < 0)
		goto done;
	title_slug(&slug, o->title, cfg->ascii_slugs);
	for (i = 0; !*section && reserved_slugs[i]; i++) {
		if (!strcmp(slug.ptr, reserved_slugs[i])) {
			rc = wq_err_set(err, WQ_EUSAGE, NULL, 0, 0,
					"the address '%s/' is the site's own: choose another title "
					"or a --section",
					slug.ptr);
			goto done;
		}
	}
	wq_buf_puts(&text, "---\ntitle: ");
	if (!put_yaml_quoted(&text, o->title)) {
		rc = wq_err_set(err, WQ_EUSAGE, NULL, 0, 0, "the title must be one line of text");
		goto done;
	}
	today(date);
	wq_buf_printf(&text, "\ndate: %s\n", date);
	if (o->lang)
		wq_buf_printf(&text, "lang: %s\n", o->lang);
	wq_buf_puts(&text, "---\n\n");

	folder = *section ? wq_fs_join(o->source, section) : wq_xstrdup(o->source);
	if ((rc = make_folder(o->source, folder, err)) < 0 ||
	    (rc = check_free(folder, slug.ptr, err)) < 0)
		goto done;
	wq_buf_printf(&name, "%s.md", slug.ptr);
	path = wq_fs_join(folder, name.ptr);
	if ((rc = wq_fs_write_new(path, text.ptr, text.len, err)) < 0)
		goto done;
	*out = path;
	path = NULL;
	rc = 0;
done:
	free(path);
	free(folder);
	free(section);
	wq_buf_dispose(&slug);
	wq_buf_dispose(&text);
	wq_buf_dispose(&name);
	wq_config_free(cfg);
	wq_text_release();
	return rc;
}

/* ------------------------------------------------------------ init */

/* warraq.yml: the title "موقع جديد" (a new site), the description "نصوص
 * تُنشر على الويب وفي كتاب." (texts published on the web and in a book). */
static const char config_text[] =
	"# The site's configuration (warraq's README, \"Configuration\", has every key).\n"
	"# Every key is optional; these are the ones most sites set.\n"
	"\n"
	"# The site's title and description: the home page, <title>, the feed, the book.\n"
	"title: \"\xd9\x85\xd9\x88\xd9\x82\xd8\xb9 \xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf"
	"\"\n"
	"description: \"\xd9\x86\xd8\xb5\xd9\x88\xd8\xb5 \xd8\xaa\xd9\x8f\xd9\x86"
	"\xd8\xb4\xd8\xb1 \xd8\xb9\xd9\x84\xd9\x89 \xd8\xa7\xd9\x84\xd9\x88\xd9\x8a"
	"\xd8\xa8 \xd9\x88\xd9\x81\xd9\x8a \xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8.\"\n"
	"\n"
	"# The published address: canonical links, Open Graph, the sitemap and the\n"
	"# feed. The GitHub Pages workflow (.github/workflows/pages.yml) passes it\n"
	"# with --base-url, so it may stay unset here.\n"
	"# base_url: https://your-name.github.io/your-site/\n"
	"\n"
	"# The language and direction of the site-wide pages (home, 404, feed);\n"
	"# each article's own are found from its letters, or its front matter.\n"
	"lang: ar\n"
	"# dir: rtl\n"
	"\n"
	"# author: \"...\"          # the feed's and the book's author\n"
	"# copyright: \"...\"       # the footer line and the feed's rights\n"
	"# numbering: latn        # digits in dates and counts: latn (0-9) or arab\n"
	"# calendar: islamic-umalqura   # a second calendar beside the Gregorian date\n"
	"# slugs: ascii           # ASCII-only page addresses, transliterated\n"
	"# theme: default         # themes/<name>/ here, else the installed themes\n"
	"# strict: true           # every warning is an error\n"
	"\n"
	"# The book (EPUB 3) written into the site beside the pages.\n"
	"# epub:\n"
	"#   filename: my-book     # site/my-book.epub\n"
	"#   per_article: true     # also one book per article, linked from its page\n"
	"# or, for no book:\n"
	"# epub: false\n";

static const char gitignore_text[] =
	"# warraq's output and its build folders\n"
	"/site/\n"
	"/.site.*\n"
	"/build/\n";

/* The first article: what to do next, in Arabic. */
static const char article_head[] =
	"---\n"
	"title: \"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\"\n"
	"date: ";
/* The rest of the first article (after its date):
 *   هذه أول مقالة في موقعك. اكتب مقالاتك بصيغة Markdown في المجلد seeds/، ثم
 *   شغّل warraq build: تجد الموقع في المجلد site/ والكتاب الإلكتروني فيه.
 *   ## الخطوة التالية: مقالة جديدة (warraq new)، فحص النصوص دون كتابة الموقع
 *   (warraq check)، النشر على GitHub Pages (ادفع المستودع إلى الفرع main). */
static const char article_body[] =
	"\n"
	"lang: ar\n"
	"---\n"
	"\n"
	"\xd9\x87\xd8\xb0\xd9\x87 \xd8\xa3\xd9\x88\xd9\x84 \xd9\x85\xd9\x82\xd8\xa7"
	"\xd9\x84\xd8\xa9 \xd9\x81\xd9\x8a \xd9\x85\xd9\x88\xd9\x82\xd8\xb9\xd9\x83."
	" \xd8\xa7\xd9\x83\xd8\xaa\xd8\xa8 \xd9\x85\xd9\x82\xd8\xa7\xd9\x84\xd8\xa7"
	"\xd8\xaa\xd9\x83 \xd8\xa8\xd8\xb5\xd9\x8a\xd8\xba\xd8\xa9 Markdown \xd9\x81"
	"\xd9\x8a \xd8\xa7\xd9\x84\xd9\x85\xd8\xac\xd9\x84\xd8\xaf `seeds/`\xd8\x8c "
	"\xd8\xab\xd9\x85 \xd8\xb4\xd8\xba\xd9\x91\xd9\x84 `warraq build`: \xd8\xaa"
	"\xd8\xac\xd8\xaf \xd8\xa7\xd9\x84\xd9\x85\xd9\x88\xd9\x82\xd8\xb9 \xd9\x81"
	"\xd9\x8a \xd8\xa7\xd9\x84\xd9\x85\xd8\xac\xd9\x84\xd8\xaf `site/` \xd9\x88"
	"\xd8\xa7\xd9\x84\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8 \xd8\xa7\xd9\x84\xd8\xa5"
	"\xd9\x84\xd9\x83\xd8\xaa\xd8\xb1\xd9\x88\xd9\x86\xd9\x8a \xd9\x81\xd9\x8a"
	"\xd9\x87.\n"
	"\n"
	"## \xd8\xa7\xd9\x84\xd8\xae\xd8\xb7\xd9\x88\xd8\xa9 \xd8\xa7\xd9\x84"
	"\xd8\xaa\xd8\xa7\xd9\x84\xd9\x8a\xd8\xa9\n"
	"\n"
	"- \xd9\x85\xd9\x82\xd8\xa7\xd9\x84\xd8\xa9 \xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf"
	"\xd8\xa9: `warraq new \"\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 \xd8\xa7"
	"\xd9\x84\xd9\x85\xd9\x82\xd8\xa7\xd9\x84\xd8\xa9\"`\n"
	"- \xd9\x81\xd8\xad\xd8\xb5 \xd8\xa7\xd9\x84\xd9\x86\xd8\xb5\xd9\x88\xd8\xb5"
	" \xd8\xaf\xd9\x88\xd9\x86 \xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8\xd8\xa9 \xd8\xa7"
	"\xd9\x84\xd9\x85\xd9\x88\xd9\x82\xd8\xb9: `warraq check`\n"
	"- \xd8\xa7\xd9\x84\xd9\x86\xd8\xb4\xd8\xb1 \xd8\xb9\xd9\x84\xd9\x89 GitHub "
	"Pages: \xd8\xa7\xd8\xaf\xd9\x81\xd8\xb9 \xd8\xa7\xd9\x84\xd9\x85\xd8\xb3"
	"\xd8\xaa\xd9\x88\xd8\xaf\xd8\xb9 \xd8\xa5\xd9\x84\xd9\x89 \xd8\xa7\xd9\x84"
	"\xd9\x81\xd8\xb1\xd8\xb9 `main` (\xd8\xa7\xd9\x86\xd8\xb8\xd8\xb1 `.github/"
	"workflows/pages.yml`).\n";

/* The Pages workflow of a project made by `warraq init`: the one warraq's
 * own repository uses, with warraq built from its repository first. */
static const char workflow_text[] =
	"# Publish this site on GitHub Pages, with its book (EPUB). Made by `warraq init`.\n"
	"#\n"
	"# On every push to main: build warraq, build the site from seeds/ with the\n"
	"# address GitHub Pages gives it (--base-url), publish site/ on GitHub Pages\n"
	"# and keep the book as a workflow artifact. On a tag v* (git tag v1.0 &&\n"
	"# git push --tags): attach the book to the release of that tag.\n"
	"#\n"
	"# Before the first push:\n"
	"#   1. On GitHub: Settings > Pages > Build and deployment > Source:\n"
	"#      \"GitHub Actions\".\n"
	"#   2. WARRAQ_REPOSITORY below: the git address of warraq's source.\n"
	"#\n"
	"# What this assumes: warraq has no package to install yet, so the job\n"
	"# clones WARRAQ_REPOSITORY at WARRAQ_REF, installs what building it needs\n"
	"# (its scripts/deps.sh, Debian 12 packages), builds it with CMake and\n"
	"# installs it under /usr/local (the program, and its themes in\n"
	"# /usr/local/share/warraq/themes), all inside a Debian 12 container, a\n"
	"# few minutes per run. Once warraq can be installed otherwise, replace the\n"
	"# step \"Install warraq\" with that.\n"
	"name: pages\n"
	"\n"
	"on:\n"
	"  push:\n"
	"    branches: [main]\n"
	"    tags: ['v*']\n"
	"  workflow_dispatch:\n"
	"\n"
	"permissions:\n"
	"  contents: read\n"
	"  pages: write\n"
	"  id-token: write\n"
	"\n"
	"# One deployment at a time; a run under way is not cancelled.\n"
	"concurrency:\n"
	"  group: pages\n"
	"  cancel-in-progress: false\n"
	"\n"
	"env:\n"
	"  WARRAQ_REPOSITORY: @REPOSITORY@\n"
	"  WARRAQ_REF: main\n"
	"\n"
	"jobs:\n"
	"  build:\n"
	"    runs-on: ubuntu-latest\n"
	"    container: debian:12\n"
	"    steps:\n"
	"      - uses: actions/checkout@v4\n"
	"      - id: pages\n"
	"        uses: actions/configure-pages@v5\n"
	"      - name: Install warraq\n"
	"        run: |\n"
	"          set -eu\n"
	"          case \"$WARRAQ_REPOSITORY\" in *YOUR-ORG*)\n"
	"            echo \"::error file=.github/workflows/pages.yml::set WARRAQ_REPOSITORY to the git address of warraq's source\"\n"
	"            exit 1 ;;\n"
	"          esac\n"
	"          apt-get update -q\n"
	"          apt-get install -y -q --no-install-recommends git ca-certificates\n"
	"          git clone --depth 1 --branch \"$WARRAQ_REF\" \"$WARRAQ_REPOSITORY\" /tmp/warraq\n"
	"          . /tmp/warraq/scripts/deps.sh\n"
	"          wq_apt_install $WQ_BUILD_DEPS\n"
	"          cmake -S /tmp/warraq -B /tmp/warraq/build -DCMAKE_BUILD_TYPE=Release\n"
	"          cmake --build /tmp/warraq/build -j2\n"
	"          cmake --install /tmp/warraq/build --prefix /usr/local\n"
	"      - name: Build the site\n"
	"        env:\n"
	"          BASE_URL: ${{ steps.pages.outputs.base_url }}\n"
	"        run: warraq build --base-url \"$BASE_URL\"\n"
	"      - name: Keep the book\n"
	"        uses: actions/upload-artifact@v4\n"
	"        with:\n"
	"          name: book\n"
	"          path: site/*.epub\n"
	"          if-no-files-found: warn   # none with epub: false\n"
	"      - uses: actions/upload-pages-artifact@v3\n"
	"        with:\n"
	"          path: site/\n"
	"\n"
	"  deploy:\n"
	"    if: github.ref == 'refs/heads/main'\n"
	"    needs: build\n"
	"    runs-on: ubuntu-latest\n"
	"    environment:\n"
	"      name: github-pages\n"
	"      url: ${{ steps.deployment.outputs.page_url }}\n"
	"    steps:\n"
	"      - id: deployment\n"
	"        uses: actions/deploy-pages@v4\n"
	"\n"
	"  release:\n"
	"    if: startsWith(github.ref, 'refs/tags/v')\n"
	"    needs: build\n"
	"    runs-on: ubuntu-latest\n"
	"    permissions:\n"
	"      contents: write\n"
	"    steps:\n"
	"      - uses: actions/download-artifact@v4\n"
	"        with:\n"
	"          name: book\n"
	"          path: book\n"
	"      - uses: softprops/action-gh-release@v2\n"
	"        with:\n"
	"          files: book/*.epub\n";

/* Whether @p dir holds nothing but a `.git` folder (a fresh clone may be
 * made into a project). */
static int is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, ".git"))
			empty = 0;
	closedir(d);
	return empty;
}

/* @p dir/@p rel holding @p data, its folders made. */
static int put_file(const char *dir, const char *rel, const char *data, size_t len, wq_err *err)
{
	char *path = wq_fs_join(dir, rel);
	int rc;

	if ((rc = wq_fs_mkparents(path, err)) == 0)
		rc = wq_fs_write_new(path, data, len, err);
	free(path);
	return rc;
}

int wq_scaffold_project(const char *dir, wq_err *err)
{
	wq_buf b = WQ_BUF_INIT;
	const char *repo = *WQ_REPOSITORY_URL ? WQ_REPOSITORY_URL : REPOSITORY_PLACEHOLDER;
	const char *at;
	char date[16];
	struct stat st;
	int rc;

	if (!*dir)
		return wq_err_set(err, WQ_EUSAGE, NULL, 0, 0, "the project's folder name is empty");
	if (lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return wq_err_set(err, WQ_EUSAGE, dir, 0, 0, "not a folder");
	if (lstat(dir, &st) == 0 && !is_empty(dir))
		return wq_err_set(err, WQ_EUSAGE, dir, 0, 0,
				  "the folder is not empty: warraq init makes a project in a new "
				  "or empty folder");
	if ((rc = wq_fs_mkdirs(dir, err)) < 0)
		return rc;
	if ((rc = put_file(dir, "warraq.yml", config_text, sizeof(config_text) - 1, err)) < 0 ||
	    (rc = put_file(dir, ".gitignore", gitignore_text, sizeof(gitignore_text) - 1, err)) < 0)
		return rc;
	today(date);
	wq_buf_puts(&b, article_head);
	wq_buf_puts(&b, date);
	wq_buf_puts(&b, article_body);
	/* seeds/مرحبا.md */
	rc = put_file(dir, "seeds/\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7.md", b.ptr, b.len, err);
	wq_buf_clear(&b);
	at = strstr(workflow_text, "@REPOSITORY@");
	wq_buf_put(&b, workflow_text, (size_t)(at - workflow_text));
	wq_buf_puts(&b, repo);
	wq_buf_puts(&b, at + strlen("@REPOSITORY@"));
	if (rc == 0)
		rc = put_file(dir, ".github/workflows/pages.yml", b.ptr, b.len, err);
	wq_buf_dispose(&b);
	return rc;
}
