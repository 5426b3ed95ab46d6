/* Fuzz target: one source document through the load, parse, analyse and
 * render stages, as `warraq build` takes it (src/load.c load_doc()):
 *
 *   bytes -> wq_text_check_utf8 -> wq_text_clean -> wq_frontmatter_apply
 *         -> wq_load_take_title -> wq_md_parse -> wq_analyse_doc, wq_analyse_site
 *         -> wq_md_apply_bidi
 *         -> wq_md_render (safe, then unsafe HTML) and the ICU formatters
 *         -> wq_xml_xhtml (the EPUB writer's XHTML from HTML, libxml2)
 *         -> wq_md_render as XHTML (the EPUB writer's XHTML written
 *            directly), which must be well-formed XML
 *
 * The site around the document holds two other documents and two copied
 * files, so that links between pages and to files resolve (and go through
 * the link callback) as they do in a real build.  Everything is freed:
 * LeakSanitizer checks every input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "err.h"
#include "frontmatter.h"
#include "load.h"
#include "markdown.h"
#include "mem.h"
#include "site.h"
#include "text.h"
#include "xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void set(char **slot, const char *s)
{
	free(*slot);
	*slot = wq_xstrdup(s);
}

/* A document of the site other than the one under test. */
static wq_doc *other_doc(const char *rel, const char *section, const char *slug,
			 const char *url)
{
	wq_doc *d = wq_doc_new();

	set(&d->path, "src/fixed.md");
	set(&d->rel, rel);
	set(&d->section, section);
	set(&d->title, slug);
	set(&d->slug, slug);
	set(&d->url, url);
	return d;
}

static void add_file(wq_site *site, const char *rel)
{
	site->files = wq_xrealloc(site->files, (site->nfiles + 1) * sizeof(*site->files));
	site->files[site->nfiles++] = wq_xstrdup(rel);
}

/* The website writer's kind of href: relative to the page, index.html named. */
static void link_fn(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
		    const char *file, const char *fragment)
{
	(void)ctx;
	wq_buf_puts(out, "../../");
	if (kind == WQ_LINK_DOC) {
		wq_buf_puts(out, doc->url);
		wq_buf_puts(out, "index.html");
	} else {
		wq_buf_puts(out, file);
	}
	if (*fragment) {
		wq_buf_putc(out, '#');
		wq_buf_puts(out, fragment);
	}
}

/* The EPUB writer's kind of rewriters: links outside the book are
 * unwrapped, ids made ASCII. */
static int xhtml_url(void *ctx, const char *attr, const char *value, wq_buf *out)
{
	(void)ctx;
	(void)attr;
	if (!strncmp(value, "http", 4))
		return 0;
	wq_buf_puts(out, value);
	return 1;
}

static void xhtml_id(void *ctx, const char *id, wq_buf *out)
{
	(void)ctx;
	wq_buf_putc(out, 'n');
	for (; *id; id++)
		if ((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '-')
			wq_buf_putc(out, *id);
}

static void render_all(wq_doc *doc)
{
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT, s = WQ_BUF_INIT, xhtml = WQ_BUF_INIT;
	wq_xhtml_page page;
	wq_err err = WQ_ERR_INIT;
	char plural[8];

	opts.link = link_fn;
	opts.backref_label = "العودة إلى النص \"<&>\"";
	wq_md_render(&html, doc, &opts);
	wq_buf_clear(&html);
	opts.unsafe_html = true;
	opts.backref_label = NULL;
	wq_md_render(&html, doc, &opts);

	/* The book's chapter: raw HTML included, so libxml2 sees it all. */
	memset(&page, 0, sizeof(page));
	page.lang = doc->lang;
	page.dir = doc->dir;
	page.title = doc->title;
	page.css = "../css/book.css";
	page.body_type = "bodymatter";
	page.url = xhtml_url;
	page.id = xhtml_id;
	wq_xml_xhtml(&xhtml, &page, wq_buf_cstr(&html), html.len, &err);
	wq_buf_clear(&xhtml);

	/* The book's chapter written directly (raw HTML left out): always
	 * well-formed XML, or the reading system refuses the book. */
	opts.unsafe_html = false;
	opts.self_contained = true;
	opts.xhtml = true;
	opts.url = xhtml_url;
	opts.id = xhtml_id;
	wq_xml_xhtml_open(&xhtml, &page);
	wq_md_render(&xhtml, doc, &opts);
	wq_xml_xhtml_close(&xhtml);
	if (!wq_xml_is_well_formed(xhtml.ptr, xhtml.len)) {
		fprintf(stderr, "not well-formed XML:\n%s\n", wq_buf_cstr(&xhtml));
		abort();
	}
	wq_buf_dispose(&xhtml);

	/* What the page templates get, in the document's own language. */
	if (doc->has_date) {
		wq_text_format_date(&s, doc->date, doc->lang);
		wq_text_format_rfc3339(&s, doc->date);
	}
	wq_text_plural(plural, doc->lang, (double)doc->minutes);
	wq_text_format_int(&s, (int64_t)doc->words, doc->lang);
	wq_buf_dispose(&html);
	wq_buf_dispose(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	wq_err err = WQ_ERR_INIT;
	wq_diag *diag = wq_diag_new();
	wq_config *cfg = NULL;
	wq_site *site = NULL;
	wq_doc *doc = NULL; /* owned until handed to the site */
	wq_doc *d;          /* borrowed from the site */
	wq_buf clean = WQ_BUF_INIT;
	size_t i;

	if (wq_config_load(&cfg, "/nonexistent", false, diag, &err) < 0)
		abort(); /* the defaults cannot fail */
	site = wq_site_new(cfg, "src", diag);
	wq_site_add_doc(site, other_doc("index.md", "", "index", "index/"));
	wq_site_add_doc(site, other_doc("reports/annual.md", "reports", "annual",
					"reports/annual/"));
	add_file(site, "images/cover.png");
	add_file(site, "reports/data.csv");

	/* The load stage (src/load.c load_doc()). */
	if (wq_text_check_utf8(text, size, "src/reports/fuzz.md", &err) < 0)
		goto done;
	if (wq_text_clean(&clean, text, size, &err) < 0)
		goto done;
	doc = wq_doc_new();
	set(&doc->path, "src/reports/fuzz.md");
	set(&doc->rel, "reports/fuzz.md");
	set(&doc->section, "reports");
	free(doc->text);
	doc->text_len = clean.len;
	doc->text = wq_buf_detach(&clean);
	if (wq_frontmatter_apply(doc, diag, &err) < 0)
		goto done;
	if (!*doc->title)
		wq_load_take_title(doc);
	if (!*doc->slug)
		set(&doc->slug, "fuzz");
	free(doc->url);
	doc->url = wq_xmalloc(strlen("reports/") + strlen(doc->slug) + 2);
	strcpy(doc->url, "reports/");
	strcat(doc->url, doc->slug);
	strcat(doc->url, "/");
	wq_site_add_doc(site, doc);
	d = doc;
	doc = NULL;

	/* Index, parse, analyse, render (as a build does). */
	{
		const wq_doc *first = NULL;
		wq_site_index_urls(site, &first);
	}
	if (wq_md_parse(d, wq_site_links(site), &err) < 0)
		goto done;
	for (i = 0; i < site->ndocs; i++)
		wq_analyse_doc(site->docs[i], site->config);
	wq_analyse_site(site);
	wq_md_apply_bidi(d);
	render_all(d);
done:
	wq_doc_free(doc);
	wq_buf_dispose(&clean);
	wq_site_free(site);
	wq_diag_free(diag);
	return 0;
}
