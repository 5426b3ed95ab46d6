#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "docrec.h"
#include "epub.h"
#include "fsutil.h"
#include "markdown.h"
#include "mem.h"
#include "text.h"
#include "langs.h"
#include "url.h"

#ifndef WQ_VERSION
#define WQ_VERSION "0"
#endif

/* ------------------------------------------------------------ helpers */

/* Set @p key only when @p s is not empty: templates test optional values
 * with sections, and an empty string is truthy in Mustache. */
static void set_opt(wq_val *map, const char *key, const char *s)
{
	if (s && *s)
		wq_val_set_str(map, key, s);
}

static void set_buf(wq_val *map, const char *key, wq_buf *b)
{
	wq_val_set_str(map, key, wq_buf_cstr(b));
	wq_buf_clear(b);
}

/* The UI string @p key, an ICU MessageFormat pattern (checked when the
 * theme loaded), with @p n; false, writing nothing, when there is none. */
static bool put_count(wq_buf *out, const wq_val *strings, const char *key, const char *locale,
		      double n)
{
	const char *message = wq_val_get_str(wq_val_get(strings, key), NULL);

	return message && wq_text_message(out, message, locale, n, NULL) == 0;
}

/* The href from the page at @p from_url to a document's page. */
static void doc_href(wq_buf *out, const char *from_url, const wq_doc *doc)
{
	wq_url_put_root(out, from_url);
	wq_url_put_path(out, doc->url);
	/* Explicit index.html: the site must work from file:// too. */
	wq_buf_puts(out, "index.html");
}

/* The href from the page at @p from_url to a section's page. */
static void section_href(wq_buf *out, const wq_site *site, const char *from_url,
			 const char *section, size_t len)
{
	const char *path = wq_site_section_url(site, section, len);

	wq_url_put_root(out, from_url);
	wq_url_put_path(out, path ? path : "");
	wq_buf_puts(out, "/index.html");
}

typedef struct link_ctx {
	const wq_site *site;
	const char *from_url;
} link_ctx;

static void site_link(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
		      const char *file, const char *fragment)
{
	const link_ctx *c = ctx;

	if (kind == WQ_LINK_DOC) {
		doc_href(out, c->from_url, doc);
	} else if (kind == WQ_LINK_SECTION) {
		section_href(out, c->site, c->from_url, file, strlen(file));
	} else { /* a file or an image, copied to the same place */
		wq_url_put_root(out, c->from_url);
		wq_url_put_path(out, file);
	}
	if (fragment && *fragment) {
		wq_buf_putc(out, '#');
		wq_buf_puts(out, fragment);
	}
}

/* A document's body as HTML for the page at @p from_url: links through
 * the site, UI strings (alert labels, footnote back-links) in the
 * document's language. */
static void render_body(wq_buf *out, const wq_site *site, const wq_theme *theme, wq_doc *doc,
			const char *from_url)
{
	wq_md_render_opts mo = WQ_MD_RENDER_OPTS_INIT;
	link_ctx lc = { site, from_url };
	const char *label = wq_val_get_str(
		wq_val_get(wq_theme_strings(theme, doc->lang), "footnote_back"), NULL);

	mo.unsafe_html = site->config->unsafe_html;
	mo.link = site_link;
	mo.link_ctx = &lc;
	mo.strings = wq_theme_strings(theme, doc->lang);
	if (label)
		mo.backref_label = label;
	wq_md_render(out, doc, &mo);
}

/* A page's <title>: @p name, then the site's title.  <title> cannot hold
 * markup: Unicode isolates instead, and the site's title isolated whole
 * when its direction is not the page's (@p dir). */
static void put_page_title(wq_buf *out, const wq_site *site, const char *name, wq_dir dir)
{
	wq_text_put_runs_isolated(out, name, dir);
	wq_buf_puts(out, " – ");
	if (site->dir != dir)
		wq_text_put_isolated(out, site->config->title, dir);
	else
		wq_buf_puts(out, site->config->title);
}

/* ------------------------------------------------------------ values */

/* A section as a link: its name (the folder's), also as HTML with runs of
 * the other direction isolated, and its href from @p from_url. */
static wq_val *section_values(const wq_site *site, const char *section, size_t len,
			      const char *from_url)
{
	const wq_doc *index = wq_site_section_index(site, section, len);
	wq_val *s = wq_val_map();
	const char *name = section + len;
	wq_buf b = WQ_BUF_INIT;
	char *copy;

	/* The title of its _index.md, else the folder's name. */
	while (name > section && name[-1] != '/')
		name--;
	if (index && *index->title)
		copy = wq_xstrdup(index->title);
	else
		copy = wq_xstrndup(name, (size_t)(section + len - name));
	wq_val_set_str(s, "name", copy);
	wq_text_put_runs_html(&b, copy, site->dir);
	set_buf(s, "name_html", &b);
	if (index)
		set_opt(s, "summary", index->summary);
	section_href(&b, site, from_url, section, len);
	set_buf(s, "url", &b);
	free(copy);
	wq_buf_dispose(&b);
	return s;
}

/* The way from the home page down to @p section: one link per folder,
 * the section itself last, marked `last` when it is the page shown. */
static wq_val *crumbs_values(const wq_site *site, const char *section, const char *from_url,
			     bool here)
{
	wq_val *list = wq_val_list(), *self;
	const char *p;

	if (!*section)
		return list;
	for (p = strchr(section, '/'); p; p = strchr(p + 1, '/'))
		wq_val_push(list, section_values(site, section, (size_t)(p - section), from_url));
	self = wq_val_push(list, section_values(site, section, strlen(section), from_url));
	if (here)
		wq_val_set_bool(self, "last", true);
	return list;
}

static wq_val *site_values(const wq_site *site)
{
	const wq_config *cfg = site->config;
	wq_val *s = wq_val_map();

	wq_val_set_str(s, "title", cfg->title);
	set_opt(s, "description", cfg->description);
	set_opt(s, "base_url", cfg->base_url);
	set_opt(s, "author", cfg->author);
	set_opt(s, "copyright", cfg->copyright);
	wq_val_set_str(s, "lang", site->lang);
	wq_val_set_str(s, "dir", wq_text_dir_name(site->dir));
	wq_val_set(s, "params", wq_val_ref(cfg->params));
	wq_val_set_bool(s, "has_tags", site->ntags > 0);
	return s;
}

/* The links every page has to the site's own pages, from @p root (the way
 * to the site's root: "../../", or an absolute URL): the language's pages
 * under its folder @p prefix (multilingual sites), the assets shared. */
static void set_site_links(wq_val *v, const char *root, const char *prefix)
{
	static const char *const links[][2] = {
		{ "root", "" },          { "home", "index.html" },
		{ "feed", "feed.xml" },  { "search", "search/index.html" },
		{ "tags_url", "tags/index.html" },
	};
	wq_buf b = WQ_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		wq_buf_puts(&b, root);
		wq_url_put_path(&b, prefix);
		wq_buf_puts(&b, links[i][1]);
		set_buf(v, links[i][0], &b);
	}
	wq_buf_puts(&b, root);
	wq_buf_puts(&b, "assets/");
	set_buf(v, "assets", &b);
	wq_buf_puts(&b, root);
	set_buf(v, "site_root", &b);
	wq_buf_dispose(&b);
}

/* An href to a path from the site's root, seen from the page at
 * @p from_url: relative, or absolute when @p absolute and base_url is set. */
static void put_href(wq_buf *out, const wq_site *site, const char *from_url, const char *path,
		     bool absolute)
{
	if (absolute && *site->config->base_url) {
		wq_buf_puts(out, site->config->base_url);
		wq_url_put_path(out, path);
		return;
	}
	wq_url_put_root(out, from_url);
	wq_url_put_path(out, path);
	wq_buf_puts(out, "index.html");
}

/* A multilingual site's languages on a page (item @p item of @p kind, at
 * @p from_url): `page.translations`, the switcher's entries (every
 * language that has the page, the page's own marked `current`; with
 * `translation_fallback: home`, the others' home pages, marked
 * `fallback`), `page.alternates` (hreflang links: the versions that
 * exist, absolute when base_url is set) and `page.x_default` (the default
 * language's version); `has_translations` when there is another
 * language to offer; `has_alternates` when another language has the
 * page itself (hreflang links are written only then). */
static void set_languages(wq_val *v, const wq_site *site, wq_page_kind kind, size_t item,
			  const char *from_url)
{
	const wq_langs *l = site->langs;
	wq_val *page = wq_val_get(v, "page"), *list, *alts;
	wq_buf path = WQ_BUF_INIT, b = WQ_BUF_INIT;
	size_t k, n, offered = 0, versions = 0;

	if (!l || !page)
		return;
	n = wq_langs_count(l);
	list = wq_val_set(page, "translations", wq_val_list());
	alts = wq_val_set(page, "alternates", wq_val_list());
	for (k = 0; k < n; k++) {
		const wq_site *other = wq_langs_site(l, k);
		bool have = wq_langs_version(l, site, kind, item, k, &path), fallback = false;
		wq_val *e;
		if (have) {
			versions++;
			e = wq_val_push(alts, wq_val_map());
			wq_val_set_str(e, "hreflang", other->config->lang);
			wq_buf_clear(&b);
			put_href(&b, site, from_url, path.ptr, true);
			set_buf(e, "href", &b);
			if (k == 0) {
				wq_buf_clear(&b);
				put_href(&b, site, from_url, path.ptr, true);
				set_buf(page, "x_default", &b);
			}
		} else if (site->config->translation_fallback == WQ_FALLBACK_HOME) {
			have = wq_langs_version(l, site, WQ_PAGE_HOME, 0, k, &path);
			fallback = true;
		}
		if (!have)
			continue;
		e = wq_val_push(list, wq_val_map());
		wq_val_set_str(e, "code", other->config->languages[k].code);
		wq_val_set_str(e, "lang", other->config->lang);
		wq_val_set_str(e, "dir", wq_text_dir_name(wq_text_lang_dir(other->config->lang)));
		wq_val_set_str(e, "name", wq_langs_name(l, k));
		wq_buf_clear(&b);
		put_href(&b, site, from_url, path.ptr, false);
		set_buf(e, "url", &b);
		wq_val_set_bool(e, "current", k == site->config->language);
		wq_val_set_bool(e, "fallback", fallback);
		if (k != site->config->language)
			offered++;
	}
	wq_val_set_bool(v, "has_translations", offered > 0);
	wq_val_set_bool(v, "has_alternates", versions > 1);
	wq_buf_dispose(&path);
	wq_buf_dispose(&b);
}

/* Values every page has: site, page, root, assets, UI strings. */
/* Open Graph's locale, language_TERRITORY: the tag's own region when it
 * has one (en-GB: en_GB), else the language's usual one (ar: ar_AR, as
 * Facebook names Arabic; en: en_US), else the language's code repeated
 * (fr: fr_FR). */
static void put_og_locale(wq_buf *out, const char *lang)
{
	static const char *const regions[][2] = {
		{ "ar", "AR" }, { "en", "US" }, { "fa", "IR" }, { "he", "IL" }, { "ur", "PK" },
		{ "ps", "AF" }, { "ku", "TR" }, { "ckb", "IQ" }, { "sd", "PK" }, { "ug", "CN" },
		{ "yi", "US" }, { "dv", "MV" }, { "zh", "CN" }, { "ja", "JP" }, { "ko", "KR" },
		{ "hi", "IN" }, { "bn", "IN" }, { "el", "GR" }, { "cs", "CZ" }, { "da", "DK" },
		{ "sv", "SE" }, { "nb", "NO" }, { "uk", "UA" }, { "vi", "VN" }, { "ms", "MY" },
		{ "sw", "KE" }, { "pt", "BR" }, { "ca", "ES" }, { "sq", "AL" }, { "et", "EE" },
	};
	char code[4];
	const char *p;
	size_t n = strcspn(lang, "-_"), i;

	if (n < 2 || n > 3) {
		wq_buf_puts(out, "en_US");
		return;
	}
	for (i = 0; i < n; i++)
		code[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
	code[n] = '\0';
	wq_buf_puts(out, code);
	wq_buf_putc(out, '_');
	/* A region subtag, two letters, after the language and any script
	 * (zh-Hant-TW). */
	for (p = lang + n; *p; p += 1 + strcspn(p + 1, "-_")) {
		size_t len = strcspn(p + 1, "-_");
		if (len == 2 && ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z')) {
			wq_buf_putc(out, (char)(p[1] & ~0x20));
			wq_buf_putc(out, (char)(p[2] & ~0x20));
			return;
		}
	}
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		if (!strcmp(regions[i][0], code)) {
			wq_buf_puts(out, regions[i][1]);
			return;
		}
	}
	wq_buf_putc(out, (char)(code[0] & ~0x20));
	wq_buf_putc(out, (char)(code[1] & ~0x20));
}

/* The Open Graph values of a page (`page.og_title`, `og_type`,
 * `og_locale`; `og:url` is `page.canonical`): `article` on an article's
 * page, `website` elsewhere. */
static void set_open_graph(wq_val *page, const char *kind, const char *lang, const char *title)
{
	wq_buf b = WQ_BUF_INIT;

	wq_val_set_str(page, "og_title", title);
	wq_val_set_str(page, "og_type", !strcmp(kind, "article") ? "article" : "website");
	put_og_locale(&b, lang);
	set_buf(page, "og_locale", &b);
	wq_buf_dispose(&b);
}

static wq_val *page_values(const wq_site *site, const wq_theme *theme, const char *kind,
			   const char *url, const char *lang, wq_dir dir, const char *title)
{
	wq_val *v = wq_val_map(), *page = wq_val_map();
	wq_buf b = WQ_BUF_INIT;

	wq_val_set(v, "site", site_values(site));
	wq_val_set_str(page, "kind", kind);
	wq_val_set_str(page, "lang", lang);
	wq_val_set_str(page, "dir", wq_text_dir_name(dir));
	wq_val_set_str(page, "title", title);
	if (*site->config->base_url) {
		wq_buf_puts(&b, site->config->base_url);
		wq_url_put_path(&b, url);
		set_buf(page, "canonical", &b);
	}
	set_open_graph(page, kind, lang, title);
	wq_val_set(v, "page", page);
	wq_url_put_root(&b, url);
	set_site_links(v, wq_buf_cstr(&b), site->config->url_prefix);
	wq_buf_clear(&b);
	wq_val_set_bool(v, "is_home", !strcmp(kind, "home"));
	wq_val_set(v, "t", wq_val_ref(wq_theme_strings(theme, lang)));
	wq_val_set_str(v, "generator", "warraq " WQ_VERSION);
	wq_buf_dispose(&b);
	return v;
}

/* A date as `<name>` (in the locale), `<name>_iso` (RFC 3339) and, with a
 * second calendar configured, `<name>_alt` (e.g. the same day in the Hijri one). */
/* A date of a card: `NAME`, `NAME_iso` and (with a second calendar)
 * `NAME_alt`; nothing when the document has no such date. */
static void set_date(wq_val *d, const char *name, const char *text, const char *iso,
		     const char *alt)
{
	char key[32];

	if (!text)
		return;
	snprintf(key, sizeof(key), "%s_iso", name);
	wq_val_set_str(d, key, iso);
	wq_val_set_str(d, name, text);
	if (alt) {
		snprintf(key, sizeof(key), "%s_alt", name);
		wq_val_set_str(d, key, alt);
	}
}

/* A document as it appears in lists, prev/next links and on its own page:
 * its card (card.h), made once, and its address from @p from_url. */
static wq_val *doc_values(const wq_site *site, const wq_doc *doc, const wq_theme *theme,
			  const char *from_url)
{
	const wq_val *strings = wq_theme_strings(theme, doc->lang);
	const wq_card *card = wq_cards_get(site->cards, doc, site->config, strings);
	wq_card *own = NULL;
	wq_val *d = wq_val_map();
	wq_buf b = WQ_BUF_INIT;

	if (!card)
		card = own = wq_card_make(doc, site->config, strings);
	wq_val_set_str(d, "title", doc->title);
	wq_val_set_str(d, "title_html", card->title_html);
	wq_val_set_str(d, "lang", doc->lang);
	wq_val_set_str(d, "dir", doc->dir);
	/* Optional fields are left out when empty: Mustache sections test presence. */
	set_opt(d, "summary", doc->summary);
	set_opt(d, "description", doc->description);
	set_opt(d, "author", doc->author);
	set_opt(d, "section", doc->section);
	doc_href(&b, from_url, doc);
	set_buf(d, "url", &b);
	set_date(d, "date", card->date, card->date_iso, card->date_alt);
	set_date(d, "lastmod", card->lastmod, card->lastmod_iso, card->lastmod_alt);
	wq_val_set_num(d, "words", (double)doc->words);
	wq_val_set_num(d, "minutes", doc->minutes);
	wq_val_set_str(d, "reading_time", card->reading_time);
	wq_val_set(d, "tags", wq_val_ref(doc->tags));
	wq_buf_dispose(&b);
	wq_card_free(own);
	return d;
}

/* The table of contents, each entry's text also as HTML with its runs of
 * the other direction isolated. */
static wq_val *toc_values(const wq_val *toc, wq_dir dir)
{
	wq_val *copy = wq_val_copy(toc);
	wq_buf b = WQ_BUF_INIT;
	size_t i, j;

	for (i = 0; i < wq_val_count(copy); i++) {
		wq_val *e = wq_val_at(copy, i), *children = wq_val_get(e, "children");
		wq_text_put_runs_html(&b, wq_val_get_str(wq_val_get(e, "text"), NULL), dir);
		set_buf(e, "text_html", &b);
		for (j = 0; j < wq_val_count(children); j++) {
			wq_val *c = wq_val_at(children, j);
			wq_text_put_runs_html(&b, wq_val_get_str(wq_val_get(c, "text"), NULL), dir);
			set_buf(c, "text_html", &b);
		}
	}
	wq_buf_dispose(&b);
	return copy;
}

/* Set `sections` to the sections directly inside @p parent ("" for the
 * top), each with the number of documents in it and below it, and
 * `has_sections`. */
static void set_sections(wq_val *v, const wq_site *site, const wq_theme *theme,
			 const char *parent, const char *from_url)
{
	const wq_val *strings = wq_theme_strings(theme, site->lang);
	wq_val *list = wq_val_list();
	size_t plen = strlen(parent), i;
	wq_buf b = WQ_BUF_INIT;
	char locale[96];

	wq_text_locale(locale, site->lang, site->config->numbering, NULL);
	for (i = 0; i < site->nsections; i++) {
		const char *sec = site->sections[i], *rest;
		size_t slen = strlen(sec), count = 0;
		wq_val *s;
		if (plen && (strncmp(sec, parent, plen) || sec[plen] != '/'))
			continue;
		rest = plen ? sec + plen + 1 : sec;
		if (!*rest || strchr(rest, '/'))
			continue; /* the parent itself, or deeper down */
		wq_site_section_docs(site, i, &count);
		s = wq_val_push(list, section_values(site, sec, slen, from_url));
		wq_val_set_num(s, "count", (double)count);
		/* "3 articles", in the site's language and its plural forms. */
		if (!put_count(&b, strings, "article_count", locale, (double)count))
			wq_text_format_int(&b, (int64_t)count, locale);
		set_buf(s, "count_text", &b);
	}
	wq_buf_dispose(&b);
	wq_val_set_bool(v, "has_sections", wq_val_count(list) > 0);
	wq_val_set(v, "sections", list);
}

static int render(wq_buf *out, const wq_theme *theme, const char *name, wq_val *v, wq_err *err)
{
	int rc = wq_theme_render(out, theme, name, v, err);

	wq_val_free(v);
	return rc;
}

/* A tag as a link from the page at @p from_url: `name`, `name_html`, `url`,
 * and when @p counted `count` and `count_text` ("3 articles" in the site's
 * language); runs of the other direction than @p dir, the page's, are
 * isolated in `name_html`. */
static wq_val *tag_values(const wq_site *site, const wq_theme *theme, const wq_tag *tag,
			  const char *from_url, wq_dir dir, bool counted)
{
	wq_val *t = wq_val_map();
	wq_buf b = WQ_BUF_INIT;
	char locale[96];

	wq_val_set_str(t, "name", tag->name);
	wq_text_put_runs_html(&b, tag->name, dir);
	set_buf(t, "name_html", &b);
	wq_url_put_root(&b, from_url);
	wq_url_put_path(&b, tag->url);
	wq_buf_puts(&b, "/index.html");
	set_buf(t, "url", &b);
	if (counted) {
		wq_text_locale(locale, site->lang, site->config->numbering, NULL);
		if (!put_count(&b, wq_theme_strings(theme, site->lang), "article_count", locale,
			       (double)tag->ndocs))
			wq_text_format_int(&b, (int64_t)tag->ndocs, locale);
		set_buf(t, "count_text", &b);
		wq_val_set_num(t, "count", (double)tag->ndocs);
	}
	wq_buf_dispose(&b);
	return t;
}

/* What an article's front matter gives its page: `page.description` (its
 * description, else its summary), `page.keywords`, the dates as in
 * `article` and `page.params` (the keys warraq does not read). */
static void set_article_page(wq_val *page, const wq_val *article, const wq_doc *doc)
{
	static const char *const dates[] = { "date", "date_iso", "date_alt", "lastmod",
					     "lastmod_iso", "lastmod_alt" };
	wq_buf desc = WQ_BUF_INIT;
	size_t i;

	wq_text_put_runs_isolated(&desc, *doc->description ? doc->description : doc->summary,
				  doc->base_dir);
	set_opt(page, "description", wq_buf_cstr(&desc));
	wq_buf_dispose(&desc);
	set_opt(page, "keywords", doc->keywords);
	/* Shared, the article's own title, without the site's. */
	wq_text_put_runs_isolated(&desc, doc->title, doc->base_dir);
	set_opt(page, "og_title", wq_buf_cstr(&desc));
	wq_buf_dispose(&desc);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		const char *s = wq_val_get_str(wq_val_get(article, dates[i]), NULL);
		set_opt(page, dates[i], s);
	}
	wq_val_set(page, "params", wq_val_ref(doc->params));
}

/* ---------------------------------------------------------- the tree */

/* A tree of this many nodes or fewer is shown whole on every page: a page
 * then carries all of it (some 200 bytes a node). */
#define TREE_FULL_MAX 150

/* Past that, each list on the way to the page shows this many entries
 * around that way and counts the others, and branches off the way are
 * links to their own pages: a page carries O(depth × TREE_WINDOW) entries,
 * whatever the size of the site. */
#define TREE_WINDOW 40

typedef struct tree_ctx {
	const wq_site *site;
	const wq_tree *tree;
	const wq_val *strings;
	const char *from_url;
	size_t cur;   /* the page's node */
	size_t *path; /* path[d]: the page's ancestor at depth d, down to it */
	bool full;    /* the whole tree is shown */
	char locale[96];
	wq_buf b;
} tree_ctx;

static bool on_path(const tree_ctx *c, size_t node)
{
	unsigned d = c->tree->nodes[node].depth;

	return d <= c->tree->nodes[c->cur].depth && c->path[d] == node;
}

/* The href of a node from the page: its page; a heading's is its first
 * document's. */
static void node_href(tree_ctx *c, size_t node)
{
	const wq_tree_node *n = &c->tree->nodes[node];
	const char *sec;

	wq_buf_clear(&c->b);
	if (n->kind == WQ_TREE_SECTION) {
		sec = c->site->sections[n->item];
		section_href(&c->b, c->site, c->from_url, sec, strlen(sec));
	} else if (n->kind == WQ_TREE_ROOT) {
		wq_url_put_root(&c->b, c->from_url);
		wq_buf_puts(&c->b, "index.html");
	} else {
		size_t doc = n->kind == WQ_TREE_DOC ? n->item : c->tree->order[n->first];
		doc_href(&c->b, c->from_url, c->site->docs[doc]);
	}
}

/* What every entry has, so that no key is looked up in an entry around it
 * (Mustache looks up missing keys in the enclosing contexts): `title`,
 * `title_html`, `lang`, `dir` and `own_lang` (they are not the site's),
 * `class` (`tree-item` and `is-section`, `is-group`, `is-more`, `is-open`),
 * `current`, `open`, `has_link`, `has_items`, `items`. */
static wq_val *node_base(tree_ctx *c, size_t node, const char *title, wq_dir dir,
			 const char *lang)
{
	const wq_tree_node *n = node == SIZE_MAX ? NULL : &c->tree->nodes[node];
	bool open = n && on_path(c, node);
	wq_val *m = wq_val_map();

	wq_val_set_str(m, "title", title);
	if (n && c->tree->title_html) {
		wq_val_set_str(m, "title_html", wq_site_tree_title_html(c->site, node));
	} else {
		wq_text_put_runs_html(&c->b, title, dir);
		set_buf(m, "title_html", &c->b);
	}
	wq_val_set_str(m, "lang", lang);
	wq_val_set_str(m, "dir", wq_text_dir_name(dir));
	wq_val_set_bool(m, "own_lang", strcmp(lang, c->site->lang) || dir != c->site->dir);
	wq_buf_puts(&c->b, "tree-item");
	if (!n)
		wq_buf_puts(&c->b, " is-more");
	else if (n->kind == WQ_TREE_SECTION)
		wq_buf_puts(&c->b, " is-section");
	else if (n->kind == WQ_TREE_GROUP)
		wq_buf_puts(&c->b, " is-group");
	if (open)
		wq_buf_puts(&c->b, " is-open");
	set_buf(m, "class", &c->b);
	wq_val_set_bool(m, "current", n && node == c->cur);
	wq_val_set_bool(m, "open", open);
	wq_val_set_bool(m, "has_link", false);
	wq_val_set_bool(m, "has_items", false);
	wq_val_set(m, "items", wq_val_list());
	return m;
}

static wq_val *node_values(tree_ctx *c, size_t node);

/* "… 950 more", linked to the page that lists them when there is one. */
static wq_val *more_values(tree_ctx *c, size_t parent, size_t count)
{
	wq_buf text = WQ_BUF_INIT;
	wq_val *m;
	wq_tree_kind kind = c->tree->nodes[parent].kind;

	wq_buf_puts(&text, "… ");
	if (!put_count(&text, c->strings, "tree_more", c->locale, (double)count))
		wq_text_format_int(&text, (int64_t)count, c->locale);
	m = node_base(c, SIZE_MAX, wq_buf_cstr(&text), c->site->dir, c->site->lang);
	if (kind == WQ_TREE_SECTION || kind == WQ_TREE_ROOT) {
		node_href(c, parent);
		set_buf(m, "url", &c->b);
		wq_val_set_bool(m, "has_link", true);
	}
	wq_buf_dispose(&text);
	return m;
}

/* The entries under @p parent: all of them, or on a large site a window
 * around the way to the page. */
static wq_val *node_list(tree_ctx *c, size_t parent)
{
	const wq_tree_node *p = &c->tree->nodes[parent];
	size_t from = 0, to = p->nkids, i;
	wq_val *list = wq_val_list();

	if (!c->full && p->nkids > TREE_WINDOW) {
		size_t at = 0;
		if (on_path(c, parent) && c->tree->nodes[c->cur].depth > p->depth) {
			/* The child on the way to the page, found by its documents'
			 * place (children's are in order): a list of 100,000 is not
			 * walked for each of its pages. */
			size_t want = c->tree->nodes[c->path[p->depth + 1]].first, lo = 0,
			       hi = p->nkids;
			while (lo + 1 < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (c->tree->nodes[c->tree->kids[p->kids + mid]].first <= want)
					lo = mid;
				else
					hi = mid;
			}
			at = lo;
		}
		from = at > TREE_WINDOW / 2 ? at - TREE_WINDOW / 2 : 0;
		if (from + TREE_WINDOW > p->nkids)
			from = p->nkids - TREE_WINDOW;
		to = from + TREE_WINDOW;
	}
	if (from)
		wq_val_push(list, more_values(c, parent, from));
	for (i = from; i < to; i++)
		wq_val_push(list, node_values(c, c->tree->kids[p->kids + i]));
	if (to < p->nkids)
		wq_val_push(list, more_values(c, parent, p->nkids - to));
	return list;
}

static wq_val *node_values(tree_ctx *c, size_t node)
{
	const wq_tree_node *n = &c->tree->nodes[node];
	const wq_doc *doc = n->kind == WQ_TREE_DOC ? c->site->docs[n->item] : NULL;
	size_t len;
	const char *title = wq_site_tree_title(c->site, node, &len);
	bool expand = n->nkids && (c->full || on_path(c, node));
	wq_val *m = node_base(c, node, title, doc ? doc->base_dir : c->site->dir,
			      doc ? doc->lang : c->site->lang);

	if (n->kind != WQ_TREE_GROUP || (n->nkids && !expand)) {
		node_href(c, node);
		set_buf(m, "url", &c->b);
		wq_val_set_bool(m, "has_link", true);
	}
	if (expand) {
		wq_val *items = wq_val_set(m, "items", node_list(c, node));
		wq_val_set_bool(m, "has_items", wq_val_count(items) > 0);
	} else if (n->nkids) {
		/* a branch shown as its link: what is in it is on its page */
		wq_buf_puts(&c->b, wq_val_get_str(wq_val_get(m, "class"), NULL));
		wq_buf_puts(&c->b, " is-collapsed");
		set_buf(m, "class", &c->b);
	}
	return m;
}

/* `tree` on a page whose place in the tree is @p node (the root for pages
 * outside it): `crumbs` (the nodes above it), and when the theme draws the
 * tree (it has `partials/tree`) `items`, its top entries, and `full`. */
static wq_val *set_tree(wq_val *v, const wq_site *site, const wq_theme *theme, size_t node,
			const char *from_url)
{
	tree_ctx c;
	wq_val *t = wq_val_set(v, "tree", wq_val_map()), *crumbs;
	size_t n, d;

	if (!site->tree.nnodes)
		return t;
	if (node == SIZE_MAX)
		node = 0;
	memset(&c, 0, sizeof(c));
	c.site = site;
	c.tree = &site->tree;
	c.strings = wq_theme_strings(theme, site->lang);
	c.from_url = from_url;
	c.cur = node;
	c.full = c.tree->nnodes <= TREE_FULL_MAX + 1;
	c.path = wq_xmalloc((c.tree->nodes[node].depth + 1) * sizeof(*c.path));
	for (n = node;; n = c.tree->nodes[n].parent) {
		c.path[c.tree->nodes[n].depth] = n;
		if (!n)
			break;
	}
	wq_text_locale(c.locale, site->lang, site->config->numbering, NULL);
	crumbs = wq_val_set(t, "crumbs", wq_val_list());
	for (d = 1; d < c.tree->nodes[node].depth; d++) {
		const wq_tree_node *up = &c.tree->nodes[c.path[d]];
		size_t len;
		const char *title = wq_site_tree_title(site, c.path[d], &len);
		const wq_doc *doc = up->kind == WQ_TREE_DOC ? site->docs[up->item] : NULL;
		wq_val *m = wq_val_push(crumbs, node_base(&c, c.path[d], title,
							  doc ? doc->base_dir : site->dir,
							  doc ? doc->lang : site->lang));
		wq_val_set_bool(m, "own_lang", true); /* on a page of any language */
		if (up->kind != WQ_TREE_GROUP) {
			node_href(&c, c.path[d]);
			set_buf(m, "url", &c.b);
			wq_val_set_bool(m, "has_link", true);
		}
	}
	wq_val_set_bool(t, "has_crumbs", wq_val_count(crumbs) > 0);
	if (wq_theme_has_template(theme, "partials/tree")) {
		wq_val *items = wq_val_set(t, "items", node_list(&c, 0));
		wq_val_set_bool(t, "has_items", wq_val_count(items) > 0);
		wq_val_set_bool(t, "full", c.full);
	}
	free(c.path);
	wq_buf_dispose(&c.b);
	return t;
}

/* The previous and next documents in tree order, in `tree`. */
static void set_tree_pager(wq_val *t, const wq_site *site, const wq_theme *theme, size_t index)
{
	const wq_tree *tree = &site->tree;
	const char *url = site->docs[index]->url;
	size_t p;

	if (tree->ndocs != site->ndocs)
		return;
	p = tree->pos[index];
	if (p > 0)
		wq_val_set(t, "prev", doc_values(site, site->docs[tree->order[p - 1]], theme, url));
	if (p + 1 < tree->ndocs)
		wq_val_set(t, "next", doc_values(site, site->docs[tree->order[p + 1]], theme, url));
	wq_val_set_bool(t, "has_pager", tree->ndocs > 1);
}

/* ------------------------------------------------------------- pages */

int wq_render_article(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		      wq_err *err)
{
	wq_doc *doc = site->docs[index];
	wq_val *v, *a;
	wq_buf title = WQ_BUF_INIT, body = WQ_BUF_INIT;

	put_page_title(&title, site, doc->title, doc->base_dir);
	v = page_values(site, theme, "article", doc->url, doc->lang, doc->base_dir, title.ptr);
	set_languages(v, site, WQ_PAGE_ARTICLE, index, doc->url);
	a = wq_val_set(v, "article", doc_values(site, doc, theme, doc->url));
	set_article_page(wq_val_get(v, "page"), a, doc);
	if (site->book_file && site->config->epub.per_article) {
		/* Its own book (epub.per_article), beside its page. */
		wq_buf book = WQ_BUF_INIT;
		wq_epub_article_file_name(&body, doc);
		wq_url_put_path(&book, wq_buf_cstr(&body));
		set_buf(wq_val_get(v, "page"), "book_url", &book);
		wq_buf_clear(&body);
		wq_buf_dispose(&book);
	}
	render_body(&body, site, theme, doc, doc->url);
	set_buf(a, "content", &body);
	wq_val_set(a, "toc", toc_values(wq_doc_toc(doc), doc->base_dir));
	wq_val_set(v, "crumbs", crumbs_values(site, doc->section, doc->url, false));
	wq_val_set_bool(v, "has_crumbs", *doc->section != '\0');
	wq_val_set_bool(a, "has_toc", wq_val_count(wq_doc_toc(doc)) > 1);
	wq_val_set_bool(v, "has_pager", site->ndocs > 1);
	set_tree_pager(set_tree(v, site, theme, site->tree.ndocs == site->ndocs ?
				site->tree.doc_node[index] : 0, doc->url),
		       site, theme, index);
	{
		/* Links to the pages of the article's tags. */
		wq_val *tags = wq_val_set(a, "tag_links", wq_val_list());
		size_t i;
		for (i = 0; i < site->ntags; i++)
			if (wq_tag_has_doc(&site->tags[i], index))
				wq_val_push(tags, tag_values(site, theme, &site->tags[i], doc->url,
							     doc->base_dir, false));
		wq_val_set_bool(a, "has_tags", wq_val_count(tags) > 0);
	}
	if (index > 0)
		wq_val_set(v, "prev", doc_values(site, site->docs[index - 1], theme, doc->url));
	if (index + 1 < site->ndocs)
		wq_val_set(v, "next", doc_values(site, site->docs[index + 1], theme, doc->url));
	wq_buf_dispose(&title);
	wq_buf_dispose(&body);
	return render(out, theme, "article", v, err);
}

size_t wq_render_page_count(const wq_site *site, size_t items)
{
	size_t per = site->config->paginate;

	return per && items > per ? (items + per - 1) / per : 1;
}

void wq_render_page_url(wq_buf *out, const char *list_url, size_t page)
{
	wq_buf_puts(out, list_url);
	if (page)
		wq_buf_printf(out, "page/%zu/", page + 1);
}

/* The items of list page @p page: [*from, *to). */
static void page_slice(const wq_site *site, size_t items, size_t page, size_t *from, size_t *to)
{
	size_t per = site->config->paginate;

	if (!per) {
		*from = 0;
		*to = items;
		return;
	}
	*from = page * per < items ? page * per : items;
	*to = *from + per < items ? *from + per : items;
}

/* `paging` for page @p page of @p pages of the list at @p list_url (seen
 * from @p from_url): `prev`, `next` and `pages` (the first, the last and
 * two on each side of the current one, with gaps between), numbers in the
 * site's numbering system; and `has_paging`. */
static void set_paging(wq_val *v, const wq_site *site, const wq_theme *theme, const char *list_url,
		       const char *from_url, size_t page, size_t pages)
{
	const wq_val *strings = wq_theme_strings(theme, site->lang);
	wq_val *paging, *list;
	wq_buf b = WQ_BUF_INIT, path = WQ_BUF_INIT;
	char locale[96];
	size_t i;
	bool gap = false;

	wq_val_set_bool(v, "has_paging", pages > 1);
	if (pages < 2)
		return;
	wq_text_locale(locale, site->lang, site->config->numbering, NULL);
	paging = wq_val_set(v, "paging", wq_val_map());
	list = wq_val_set(paging, "pages", wq_val_list());
	for (i = 0; i < pages; i++) {
		wq_val *p;
		bool near = i + 2 >= page && i <= page + 2;
		if (i && i + 1 < pages && !near) {
			if (!gap)
				wq_val_set_bool(wq_val_push(list, wq_val_map()), "gap", true);
			gap = true;
			continue;
		}
		gap = false;
		p = wq_val_push(list, wq_val_map());
		wq_buf_clear(&b);
		wq_text_format_int(&b, (int64_t)i + 1, locale);
		set_buf(p, "number", &b);
		wq_buf_clear(&path);
		wq_render_page_url(&path, list_url, i);
		wq_url_put_root(&b, from_url);
		wq_url_put_path(&b, path.ptr);
		wq_buf_puts(&b, "index.html");
		set_buf(p, "url", &b);
		wq_val_set_bool(p, "current", i == page);
		/* "Page 3", for assistive technologies. */
		if (!put_count(&b, strings, "page_number", locale, (double)(i + 1)))
			wq_text_format_int(&b, (int64_t)i + 1, locale);
		set_buf(p, "label", &b);
	}
	for (i = 0; i < 2; i++) {
		size_t to = i ? page + 1 : page - 1;
		if ((i == 0 && page == 0) || (i == 1 && page + 1 >= pages))
			continue;
		wq_buf_clear(&path);
		wq_render_page_url(&path, list_url, to);
		wq_url_put_root(&b, from_url);
		wq_url_put_path(&b, path.ptr);
		wq_buf_puts(&b, "index.html");
		set_buf(paging, i ? "next" : "prev", &b);
	}
	wq_buf_dispose(&b);
	wq_buf_dispose(&path);
}

/* A multilingual site's home pages link every language's book: `books`,
 * each with its `url`, `file`, `title`, `lang`, `dir` and the language's
 * `name`. */
static void set_books(wq_val *v, const wq_site *site, const char *from_url)
{
	const wq_langs *l = site->langs;
	wq_val *list = wq_val_set(v, "books", wq_val_list());
	wq_buf b = WQ_BUF_INIT;
	size_t k;

	for (k = 0; k < wq_langs_count(l); k++) {
		const wq_site *other = wq_langs_site(l, k);
		wq_val *e;
		if (!other->book_file)
			continue;
		e = wq_val_push(list, wq_val_map());
		wq_buf_clear(&b);
		wq_url_put_root(&b, from_url);
		wq_url_put_path(&b, other->book_file);
		set_buf(e, "url", &b);
		wq_val_set_str(e, "file", other->book_file);
		wq_val_set_str(e, "title", *other->config->epub.title ? other->config->epub.title :
									other->config->title);
		wq_val_set_str(e, "lang", other->config->lang);
		wq_val_set_str(e, "dir", wq_text_dir_name(wq_text_lang_dir(other->config->lang)));
		wq_val_set_str(e, "name", wq_langs_name(l, k));
		wq_val_set_bool(e, "current", k == site->config->language);
	}
	wq_val_set_bool(v, "has_books", wq_val_count(list) > 0);
	wq_buf_dispose(&b);
}

int wq_render_home(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t page,
		   wq_err *err)
{
	wq_buf url = WQ_BUF_INIT;
	wq_val *v, *list;
	size_t i, from, to, pages = wq_render_page_count(site, site->ndocs);

	wq_render_page_url(&url, site->config->url_prefix, page);
	v = page_values(site, theme, "home", url.ptr, site->lang, site->dir, site->config->title);
	set_languages(v, site, WQ_PAGE_HOME, 0, url.ptr);
	list = wq_val_set(v, "articles", wq_val_list());
	set_opt(wq_val_get(v, "page"), "description", site->config->description);
	page_slice(site, site->ndocs, page, &from, &to);
	for (i = from; i < to; i++)
		wq_val_push(list, doc_values(site, site->docs[i], theme, url.ptr));
	wq_val_set_bool(v, "has_articles", site->ndocs > 0);
	set_paging(v, site, theme, site->config->url_prefix, url.ptr, page, pages);
	wq_val_set_bool(v, "first_page", page == 0);
	if (page == 0)
		set_sections(v, site, theme, "", "");
	set_tree(v, site, theme, 0, url.ptr);
	if (site->book_file) {
		wq_val *book = wq_val_set(v, "book", wq_val_map());
		wq_buf b = WQ_BUF_INIT;
		wq_url_put_root(&b, url.ptr); /* page/2/ links it from two folders down */
		wq_url_put_path(&b, site->book_file);
		set_buf(book, "url", &b);
		wq_val_set_str(book, "file", site->book_file);
		wq_val_set_str(book, "title", *site->config->epub.title ? site->config->epub.title :
								       site->config->title);
		wq_buf_dispose(&b);
	}
	if (site->langs)
		set_books(v, site, url.ptr);
	wq_buf_dispose(&url);
	return render(out, theme, "home", v, err);
}

/* The text of a section's _index.md, rendered for its page at @p url:
 * `content` (HTML), with `lang` and `dir` of that text. */
static void set_section_content(wq_val *s, const wq_site *site, const wq_theme *theme,
				const char *section, const char *url)
{
	wq_doc *index = (wq_doc *)wq_site_section_index(site, section, strlen(section));
	wq_buf body = WQ_BUF_INIT;

	if (!index || !index->md || !*index->plain)
		return;
	render_body(&body, site, theme, index, url);
	set_buf(s, "content", &body);
	wq_val_set_str(s, "lang", index->lang);
	wq_val_set_str(s, "dir", wq_text_dir_name(index->base_dir));
	wq_buf_dispose(&body);
}

size_t wq_render_section_items(const wq_site *site, size_t index)
{
	size_t i, n, k = 0;
	const size_t *docs = wq_site_section_docs(site, index, &n);

	for (i = 0; i < n; i++)
		if (!strcmp(site->docs[docs[i]]->section, site->sections[index]))
			k++;
	return k;
}

int wq_render_section(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		      size_t page, wq_err *err)
{
	const char *sec = site->sections[index];
	wq_buf url = WQ_BUF_INIT, title = WQ_BUF_INIT, list_url = WQ_BUF_INIT;
	wq_val *v, *list, *crumbs, *self;
	const size_t *docs;
	size_t i, n, k, from, to, items = wq_render_section_items(site, index);

	wq_buf_puts(&list_url, site->section_urls[index]);
	wq_buf_putc(&list_url, '/');
	wq_render_page_url(&url, list_url.ptr, page);
	crumbs = crumbs_values(site, sec, url.ptr, true);
	/* <title>: the folder's name, then the site's. */
	self = wq_val_at(crumbs, wq_val_count(crumbs) - 1);
	put_page_title(&title, site, wq_val_get_str(wq_val_get(self, "name"), NULL), site->dir);
	v = page_values(site, theme, "section", url.ptr, site->lang, site->dir, title.ptr);
	set_languages(v, site, WQ_PAGE_SECTION, index, url.ptr);
	self = wq_val_set(v, "section", wq_val_copy(self));
	set_section_content(self, site, theme, sec, url.ptr);
	{
		/* The description of its _index.md, else the section's summary. */
		const wq_doc *idx = wq_site_section_index(site, sec, strlen(sec));
		wq_buf desc = WQ_BUF_INIT;
		const char *summary = wq_val_get_str(wq_val_get(self, "summary"), NULL);
		if (idx && *idx->description)
			summary = idx->description;
		if (summary)
			wq_text_put_runs_isolated(&desc, summary, site->dir);
		set_opt(wq_val_get(v, "page"), "description", wq_buf_cstr(&desc));
		wq_buf_dispose(&desc);
	}
	wq_val_set(v, "crumbs", crumbs);
	wq_val_set_bool(v, "has_crumbs", true);
	list = wq_val_set(v, "articles", wq_val_list());
	docs = wq_site_section_docs(site, index, &n);
	page_slice(site, items, page, &from, &to);
	for (i = 0, k = 0; i < n && k < to; i++) {
		if (strcmp(site->docs[docs[i]]->section, sec))
			continue;
		if (k++ >= from)
			wq_val_push(list, doc_values(site, site->docs[docs[i]], theme,
						     url.ptr));
	}
	wq_val_set_bool(v, "has_articles", wq_val_count(list) > 0);
	set_paging(v, site, theme, list_url.ptr, url.ptr, page, wq_render_page_count(site, items));
	wq_val_set_bool(v, "first_page", page == 0);
	if (page == 0)
		set_sections(v, site, theme, sec, url.ptr);
	set_tree(v, site, theme, site->tree.nnodes ? site->tree.section_node[index] : 0, url.ptr);
	wq_buf_dispose(&url);
	wq_buf_dispose(&list_url);
	wq_buf_dispose(&title);
	return render(out, theme, "section", v, err);
}

int wq_render_tags(wq_buf *out, const wq_site *site, const wq_theme *theme, wq_err *err)
{
	const char *t = wq_val_get_str(wq_val_get(wq_theme_strings(theme, site->lang), "tags"),
				       NULL);
	wq_buf url = WQ_BUF_INIT;
	wq_val *v, *list;
	size_t i;
	int rc;

	wq_buf_printf(&url, "%stags/", site->config->url_prefix);
	v = page_values(site, theme, "tags", url.ptr, site->lang, site->dir, t ? t : "Tags");
	set_languages(v, site, WQ_PAGE_TAGS, 0, url.ptr);
	list = wq_val_set(v, "tags", wq_val_list());
	for (i = 0; i < site->ntags; i++)
		wq_val_push(list, tag_values(site, theme, &site->tags[i], url.ptr, site->dir, true));
	set_tree(v, site, theme, 0, url.ptr);
	rc = render(out, theme, "tags", v, err);
	wq_buf_dispose(&url);
	return rc;
}

int wq_render_tag(wq_buf *out, const wq_site *site, const wq_theme *theme, size_t index,
		  size_t page, wq_err *err)
{
	const wq_tag *tag = &site->tags[index];
	wq_buf url = WQ_BUF_INIT, title = WQ_BUF_INIT, list_url = WQ_BUF_INIT;
	wq_val *v, *list;
	size_t i, from, to;

	wq_buf_puts(&list_url, tag->url);
	wq_buf_putc(&list_url, '/');
	wq_render_page_url(&url, list_url.ptr, page);
	put_page_title(&title, site, tag->name, site->dir);
	v = page_values(site, theme, "tag", url.ptr, site->lang, site->dir, title.ptr);
	set_languages(v, site, WQ_PAGE_TAG, index, url.ptr);
	wq_val_set(v, "tag", tag_values(site, theme, tag, url.ptr, site->dir, true));
	list = wq_val_set(v, "articles", wq_val_list());
	page_slice(site, tag->ndocs, page, &from, &to);
	for (i = from; i < to; i++)
		wq_val_push(list, doc_values(site, site->docs[tag->docs[i]], theme, url.ptr));
	set_paging(v, site, theme, list_url.ptr, url.ptr, page,
		   wq_render_page_count(site, tag->ndocs));
	set_tree(v, site, theme, 0, url.ptr);
	wq_buf_dispose(&list_url);
	wq_buf_dispose(&url);
	wq_buf_dispose(&title);
	return render(out, theme, "tag", v, err);
}

/* Script text for a <script> element: "</" written "<\/" (the same in a
 * string, a regular expression or a comment), so it cannot end the
 * element. */
static void set_script(wq_val *map, const char *key, const wq_buf *script, wq_buf *b)
{
	const char *s = wq_buf_cstr(script);
	size_t i;

	for (i = 0; i < script->len; i++) {
		wq_buf_putc(b, s[i]);
		if (s[i] == '<' && s[i + 1] == '/')
			wq_buf_putc(b, '\\');
	}
	set_buf(map, key, b);
}

/* The theme's (or the site's own) assets/search.js into @p out; empty when
 * there is none. */
static int read_search_script(wq_buf *out, const wq_theme *theme, wq_err *err)
{
	size_t n, i;
	const char *const *files = wq_theme_files(theme, WQ_THEME_ASSETS, &n);

	for (i = 0; i < n; i++)
		if (!strcmp(files[i], "search.js"))
			return wq_fs_read(out, wq_theme_file_path(theme, WQ_THEME_ASSETS, i), err);
	return 0;
}

int wq_render_search(wq_buf *out, const wq_site *site, const wq_theme *theme,
		     const wq_buf *index, wq_err *err)
{
	const wq_val *strings = wq_theme_strings(theme, site->lang);
	const char *t = wq_val_get_str(wq_val_get(strings, "search"), NULL);
	wq_buf b = WQ_BUF_INIT, url = WQ_BUF_INIT;
	wq_val *v;
	int rc;

	wq_buf_printf(&url, "%ssearch/", site->config->url_prefix);
	v = page_values(site, theme, "search", url.ptr, site->lang, site->dir, t ? t : "Search");
	set_languages(v, site, WQ_PAGE_SEARCH, 0, url.ptr);

	/* The page's script picks plural forms with the browser's Intl, in
	 * the site's locale and numbering system (BCP 47: ar-u-nu-latn), */
	wq_buf_puts(&b, site->lang);
	if (*site->config->numbering)
		wq_buf_printf(&b, "-u-nu-%s", site->config->numbering);
	set_buf(v, "js_locale", &b);
	/* and writes them with the site's digits and grouping, given here:
	 * the browser's Intl.NumberFormat takes tens of milliseconds to start,
	 * on the way to the first results. */
	{
		char locale[96];
		wq_buf group = WQ_BUF_INIT;
		int sizes[3];

		wq_text_locale(locale, site->lang, site->config->numbering, NULL);
		wq_text_number_symbols(&b, &group, sizes, locale);
		set_buf(v, "js_digits", &b);
		set_buf(v, "js_group", &group);
		wq_buf_printf(&b, "%d %d %d", sizes[0], sizes[1], sizes[2]);
		set_buf(v, "js_grouping", &b);
		wq_buf_dispose(&group);
	}
	set_script(v, "search_index", index, &b);
	wq_buf_clear(&url);
	if ((rc = read_search_script(&url, theme, err)) < 0) {
		wq_val_free(v);
	} else {
		set_script(v, "search_script", &url, &b);
		wq_buf_clear(&url);
		wq_buf_printf(&url, "%ssearch/", site->config->url_prefix);
		set_tree(v, site, theme, 0, url.ptr);
		rc = render(out, theme, "search", v, err);
	}
	wq_buf_dispose(&b);
	wq_buf_dispose(&url);
	return rc;
}

int wq_render_404(wq_buf *out, const wq_site *site, const wq_theme *theme, wq_err *err)
{
	const wq_val *strings = wq_theme_strings(theme, site->lang);
	const char *t = wq_val_get_str(wq_val_get(strings, "not_found_title"), NULL);
	wq_val *v = page_values(site, theme, "404", "", site->lang, site->dir,
				t ? t : "Page not found");
	const char *base = site->config->base_url;

	if (*base) {
		/* GitHub Pages serves 404.html at any depth: relative links would break. */
		set_site_links(v, base, site->config->url_prefix);
		wq_val_set_str(v, "home", base); /* the site's address itself */
	}
	return render(out, theme, "404", v, err);
}

static void put_attr(wq_buf *out, const char *s)
{
	wq_buf_put_escaped(out, s, strlen(s));
}

void wq_render_alias(wq_buf *out, const char *lang, const char *href, const char *canonical)
{
	wq_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	put_attr(out, lang);
	wq_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	put_attr(out, href);
	wq_buf_puts(out, "</title>\n<link rel=\"canonical\" href=\"");
	put_attr(out, canonical ? canonical : href);
	wq_buf_puts(out, "\">\n<meta name=\"robots\" content=\"noindex\">\n"
			 "<meta http-equiv=\"refresh\" content=\"0; url=");
	put_attr(out, href);
	wq_buf_puts(out, "\">\n</head>\n<body>\n<p><a href=\"");
	put_attr(out, href);
	wq_buf_puts(out, "\">");
	put_attr(out, href);
	wq_buf_puts(out, "</a></p>\n</body>\n</html>\n");
}
