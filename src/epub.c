#define _POSIX_C_SOURCE 200809L
#include "epub.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "deflate.h"
#include "docrec.h"
#include "fsutil.h"
#include "hash.h"
#include "markdown.h"
#include "mem.h"
#include "pool.h"
#include "spill.h"
#include "strmap.h"
#include "text.h"
#include "url.h"
#include "xml.h"
#include "zipout.h"

/* Marks hrefs the book's own link function made, so that the XHTML pass can
 * tell them from links the author wrote to places the book does not hold. */
#define BOOK_MARK "wq-book:"

/* ------------------------------------------------------------ the book */

typedef struct entry {
	char *name;   /* path in the container */
	wq_buf data;
	char *file;   /* or: the file whose bytes it holds, read when the zip is written */
	int stored;   /* written without compression (mimetype) */
	int deflated; /* compressed already (raw DEFLATE), in data or the work file */
	uint32_t crc; /* when deflated: the CRC-32 and size of the bytes before */
	size_t size;
	const wq_spill *spill; /* when set: the compressed bytes are in this work file */
	wq_spill_ref where;
	int again;    /* or: copied as it is from the last build's book, entry last */
	zip_uint64_t last;
} entry;

typedef struct item {
	char *id;
	char *href;   /* relative to EPUB/ */
	const char *media;
	const char *props; /* manifest properties, or NULL */
	int spine;    /* in the reading order */
} item;

typedef struct image {
	char *src;    /* path relative to the source folder */
	char *href;   /* images/imgNNN.ext */
} image;

/* One chapter being written (several at once, on the site's threads). */
typedef struct chapter {
	struct wq_book *b;
	const struct wq_doc *cur;
	struct entry *e;    /* its entry, made in order beforehand */
	wq_buf xhtml;       /* the chapter before compression */
	const char *props;  /* its manifest properties, found while writing */
} chapter;

typedef struct wq_book {
	const wq_site *site;
	const wq_theme *theme;
	const wq_config *cfg;
	const wq_val *t;        /* UI strings in the book's language */
	const char *lang, *dir;
	const char *title, *creator, *publisher;
	char identifier[64];
	int64_t modified;
	entry **entries;        /* each entry on its own: a pointer to one stays valid */
	size_t nentries;
	item *items;
	size_t nitems;
	image *images;
	size_t nimages;
	wq_strmap *image_by_src; /* source path → index in images */
	const wq_fonts *fontset; /* the theme's fonts, subset */
	int fonts;              /* fonts embedded */
	wq_buf scratch;
	chapter *chapters;      /* one per document, in site order */
	const char *subtitle;   /* the title page's and dc:description ("" = none) */
	const char *id_extra;   /* what else names the book in its derived identifier */
	size_t first;           /* the index in the site of the book's first chapter */
	const size_t *order;    /* the site's book: its documents in the tree's order
				   (wq_site::tree), chapter by chapter; NULL: site order */
	const size_t *pos;      /* and each document's chapter (0-based) */
	wq_site view;           /* a book of one article: the site as it sees it (see
				   wq_epub_begin_article()); site points here */
	zip_t *last;            /* the last build's book, whose chapters and tables
				   of contents it may take (wq_epub_begin_update()),
				   or NULL */
	entry *nav;             /* nav.xhtml, in its place among the entries from
				   the start, written at the end (write_nav()), on
				   the thread that finishes the book; or NULL */
} book;

static const char *str(const book *b, const char *key, const char *fallback)
{
	const char *s = wq_val_get_str(wq_val_get(b->t, key), NULL);
	return s ? s : fallback;
}

static entry *add_entry(book *b, const char *name)
{
	entry *e = wq_xcalloc(1, sizeof(*e));

	e->name = wq_xstrdup(name);
	WQ_APPEND(b->entries, b->nentries, e);
	return e;
}

static void add_item(book *b, const char *id, const char *href, const char *media,
		     const char *props, int spine)
{
	item *it;

	b->items = wq_xgrow(b->items, b->nitems, sizeof(*b->items));
	it = &b->items[b->nitems++];
	it->id = wq_xstrdup(id);
	it->href = wq_xstrdup(href);
	it->media = media;
	it->props = props;
	it->spine = spine;
}

/* Finish the XML document written with @p w as the book's file
 * EPUB/<href>, listed in the manifest (and in the spine when @p spine). */
static int add_xml_file(book *b, wq_xmlw *w, const char *id, const char *href,
			const char *media, const char *props, int spine, wq_err *err)
{
	wq_buf name = WQ_BUF_INIT;
	entry *e;
	int rc;

	wq_buf_puts(&name, "EPUB/");
	wq_buf_puts(&name, href);
	e = add_entry(b, name.ptr);
	rc = wq_xmlw_finish(w, &e->data, err);
	add_item(b, id, href, media, props, spine);
	wq_buf_dispose(&name);
	return rc;
}

/* Entry @p e taken as it is (its compressed bytes) from the last build's
 * book, where it has the same name; copied when the zip is written. */
static int take_again(book *b, entry *e, wq_err *err)
{
	zip_stat_t st;

	zip_stat_init(&st);
	if (!b->last || zip_stat(b->last, e->name, 0, &st) < 0 || !(st.valid & ZIP_STAT_INDEX) ||
	    !(st.valid & ZIP_STAT_COMP_METHOD) || st.comp_method != ZIP_CM_DEFLATE ||
	    !(st.valid & ZIP_STAT_CRC) || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_COMP_SIZE))
		return wq_err_set(err, WQ_EIO, e->name, 0, 0,
				  "the last build's book does not hold it");
	e->again = 1;
	e->last = st.index;
	e->crc = st.crc;
	e->size = (size_t)st.size;
	e->deflated = 1;
	return 0;
}

/* A table of contents (nav.xhtml, toc.ncx) of an update's book: the last
 * build's as it is, in the manifest as add_xml_file() puts it.  An update
 * changes no chapter's title or headings, and the book's titles, language
 * and theme are those of the last build (wq_epub_begin_update()). */
static int contents_again(book *b, const char *id, const char *href, const char *media,
			  const char *props, int spine, wq_err *err)
{
	wq_buf name = WQ_BUF_INIT;
	int rc;

	wq_buf_puts(&name, "EPUB/");
	wq_buf_puts(&name, href);
	rc = take_again(b, add_entry(b, name.ptr), err);
	add_item(b, id, href, media, props, spine);
	wq_buf_dispose(&name);
	return rc;
}

static void book_dispose(book *b)
{
	size_t i;

	for (i = 0; i < b->nentries; i++) {
		free(b->entries[i]->name);
		free(b->entries[i]->file);
		wq_buf_dispose(&b->entries[i]->data);
		free(b->entries[i]);
	}
	for (i = 0; i < b->nitems; i++) {
		free(b->items[i].id);
		free(b->items[i].href);
	}
	for (i = 0; i < b->nimages; i++) {
		free(b->images[i].src);
		free(b->images[i].href);
	}
	free(b->entries);
	free(b->items);
	free(b->images);
	wq_buf_dispose(&b->scratch);
	wq_strmap_free(b->image_by_src);
}

static const char *media_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".png", "image/png" },   { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },   { ".svg", "image/svg+xml" }, { ".webp", "image/webp" },
		{ ".css", "text/css" },    { ".ttf", "font/ttf" },   { ".otf", "font/otf" },
		{ ".woff", "font/woff" },  { ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

static void chapter_name(wq_buf *out, size_t index)
{
	wq_buf_printf(out, "ch%03zu.xhtml", index + 1);
}

/* The chapter of @p doc: its place in the book (a book of one article
 * starts at that article). */
static size_t doc_index(const book *b, const wq_doc *doc)
{
	return b->pos ? b->pos[doc->index] : doc->index - b->first;
}

/* The document (in b->site->docs) that is chapter @p k (0-based). */
static size_t chapter_doc(const book *b, size_t k)
{
	return b->order ? b->order[k] : k;
}

/* Whether the site's document @p index is a chapter of the book. */
static int in_book(const book *b, size_t index)
{
	return index >= b->first && index - b->first < b->site->ndocs;
}

/* A page of the website (@p url from the site root, and a fragment), for
 * what the book does not hold: nothing when the book does not know where
 * the website is (the link's text stays, without the link). */
static void website_link(const book *b, wq_buf *out, const char *url, const char *fragment)
{
	if (!*b->cfg->base_url)
		return;
	wq_buf_puts(out, b->cfg->base_url);
	wq_url_put_path(out, url);
	if (fragment && *fragment) {
		wq_buf_putc(out, '#');
		wq_buf_puts(out, fragment);
	}
}

/* ------------------------------------------------------------ anchors */

static int is_ascii_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* Books need ASCII anchors: headings become sec-N, other non-ASCII ids a
 * hash of themselves, so links from other chapters find the same name. */
static void anchor(wq_buf *out, const wq_doc *doc, const char *id)
{
	size_t i, n = wq_md_heading_count(doc);
	uint8_t h[20];

	for (i = 0; i < n; i++) {
		if (!strcmp(wq_md_heading_id(doc, i), id)) {
			wq_buf_printf(out, "sec-%zu", i + 1);
			return;
		}
	}
	if (is_ascii_id(id) && strncmp(id, "sec-", 4)) {
		wq_buf_puts(out, id);
		return;
	}
	wq_hash_sha1(h, id, strlen(id));
	wq_buf_printf(out, "id-%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4]);
}

/* "text/chNNN.xhtml#id" of heading @p h of chapter @p k, for the nav and NCX. */
static void heading_href(wq_buf *out, size_t k, const wq_doc *doc, const wq_val *h)
{
	wq_buf_clear(out);
	wq_buf_puts(out, "text/");
	chapter_name(out, k);
	wq_buf_putc(out, '#');
	anchor(out, doc, wq_val_get_str(wq_val_get(h, "id"), NULL));
}

static void put_fragment(wq_buf *out, const wq_doc *doc, const char *fragment)
{
	wq_buf id = WQ_BUF_INIT;

	wq_url_put_decoded(&id, fragment, strlen(fragment));
	wq_buf_putc(out, '#');
	anchor(out, doc, wq_buf_cstr(&id));
	wq_buf_dispose(&id);
}

/* ------------------------------------------------------------- links */

/* The book's name for an image of the sources: images are numbered in the
 * order the chapters first use them (see plan_chapters()); once numbered,
 * looking one up changes nothing, so chapters render on several threads. */
static const char *image_href(book *b, const char *src)
{
	const char *dot = strrchr(src, '.');
	wq_buf href = WQ_BUF_INIT;
	size_t i, k;
	char ext[8] = "";

	if (wq_strmap_get_index(b->image_by_src, src, strlen(src), &k))
		return b->images[k].href;
	if (dot && strlen(dot) < sizeof(ext)) {
		for (i = 0; dot[i]; i++)
			ext[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] - 'A' + 'a' : dot[i]);
		ext[i] = '\0';
	}
	wq_buf_printf(&href, "images/img%03zu%s", b->nimages + 1, ext);
	b->images = wq_xgrow(b->images, b->nimages, sizeof(*b->images));
	b->images[b->nimages].src = wq_xstrdup(src);
	b->images[b->nimages].href = wq_buf_detach(&href);
	k = b->nimages++;
	wq_strmap_add_index(b->image_by_src, b->images[k].src, strlen(b->images[k].src), k, NULL);
	return b->images[k].href;
}

/* Whether @p doc has a heading with the id @p fragment (percent-encoded,
 * as written in a link), or it is a footnote's. */
static int fragment_exists(const wq_doc *doc, const char *fragment)
{
	wq_buf id = WQ_BUF_INIT;
	size_t i, n = wq_md_heading_count(doc);
	int found = !strncmp(fragment, "fn", 2);

	wq_url_put_decoded(&id, fragment, strlen(fragment));
	for (i = 0; i < n && !found; i++)
		found = !strcmp(wq_md_heading_id(doc, i), wq_buf_cstr(&id));
	wq_buf_dispose(&id);
	return found;
}

static void book_link(void *ctx, wq_buf *out, wq_link_kind kind, const wq_doc *doc,
		      const char *file, const char *fragment)
{
	book *b = ctx;

	switch (kind) {
	case WQ_LINK_DOC:
		if (!in_book(b, doc->index) || doc->index >= b->site->ndocs ||
		    b->site->docs[doc->index] != doc) {
			/* A book of one article, or of one language: the others
			 * are on the website. */
			website_link(b, out, doc->url, fragment);
			break;
		}
		wq_buf_puts(out, BOOK_MARK);
		chapter_name(out, doc_index(b, doc));
		if (fragment && *fragment && fragment_exists(doc, fragment))
			put_fragment(out, doc, fragment);
		break;
	case WQ_LINK_IMAGE:
		if (media_type(file) && strncmp(media_type(file), "image/", 6) == 0) {
			wq_buf_puts(out, BOOK_MARK "../");
			wq_buf_puts(out, image_href(b, file));
		}
		break;
	case WQ_LINK_FILE:
		/* Other files are not in the book: link to them on the website. */
		if (*b->cfg->base_url) {
			wq_buf_puts(out, b->cfg->base_url);
			wq_url_put_path(out, file);
		}
		break;
	case WQ_LINK_SECTION: {
		/* The book has no section pages: its first chapter in the section. */
		long sec = wq_site_find_section(b->site, file);
		size_t n = 0;
		const size_t *docs = sec < 0 ? NULL : wq_site_section_docs(b->site, (size_t)sec, &n);
		if (n && in_book(b, docs[0])) {
			wq_buf_puts(out, BOOK_MARK);
			/* its first chapter in the book's order */
			const wq_tree *tree = &b->site->tree;
			chapter_name(out, b->pos && tree->section_node[sec] != SIZE_MAX ?
						  tree->nodes[tree->section_node[sec]].first :
						  b->pos ? b->pos[docs[0]] : docs[0] - b->first);
		} else if (n) {
			wq_buf url = WQ_BUF_INIT;
			wq_buf_puts(&url, b->site->section_urls[sec]);
			wq_buf_puts(&url, "/index.html");
			website_link(b, out, url.ptr, NULL);
			wq_buf_dispose(&url);
		}
		break;
	}
	}
}

static int book_url(void *ctx, const char *attr, const char *value, wq_buf *out)
{
	chapter *ch = ctx;
	const wq_config *cfg = ch->b->cfg;

	if (!strncmp(value, BOOK_MARK, strlen(BOOK_MARK))) {
		wq_buf_puts(out, value + strlen(BOOK_MARK));
		return 1;
	}
	if (value[0] == '#' && value[1]) {
		/* A heading of the chapter; else the chapter itself (no such
		 * heading: the site warned of it). */
		if (fragment_exists(ch->cur, value + 1))
			put_fragment(out, ch->cur, value + 1);
		else
			chapter_name(out, doc_index(ch->b, ch->cur));
		return 1;
	}
	/* The site's policy (wq_url_is_safe()), also for raw HTML. */
	if (wq_url_scheme_len(value) && wq_url_is_safe(value, !strcmp(attr, "src"))) {
		wq_buf_puts(out, value);
		return 1;
	}
	/* A site-absolute path that is no source (a page of the site's own,
	 * an old address): on the website, when the book knows where it is. */
	if (!strcmp(attr, "href") && value[0] == '/' && value[1] != '/' && *cfg->base_url) {
		wq_buf_puts(out, cfg->base_url);
		wq_buf_puts(out, value + 1);
		return 1;
	}
	/* "#", "", and relative links to things the book does not hold: their
	 * text stays, without the link. */
	return 0;
}

static void book_id(void *ctx, const char *id, wq_buf *out)
{
	chapter *b = ctx;
	wq_buf decoded = WQ_BUF_INIT;

	/* cmark writes footnote ids percent-encoded, as their links: decode
	 * both the same way so they meet. */
	wq_url_put_decoded(&decoded, id, strlen(id));
	anchor(out, b->cur, wq_buf_cstr(&decoded));
	wq_buf_dispose(&decoded);
}

/* ---------------------------------------------------------- chapters */

static void chapter_path(wq_buf *out, const char *folder, size_t index)
{
	wq_buf_puts(out, folder);
	chapter_name(out, index);
}

int wq_epub_chapter(wq_book *b, size_t index, wq_err *err)
{
	chapter *ch = &b->chapters[index];
	wq_doc *doc = b->site->docs[index];
	wq_md_render_opts mo = WQ_MD_RENDER_OPTS_INIT;
	wq_xhtml_page page;
	wq_buf html = WQ_BUF_INIT;
	const char *label = wq_val_get_str(wq_val_get(wq_theme_strings(b->theme, doc->lang),
						      "footnote_back"), NULL);
	/* Raw HTML kept from the source need not be well-formed: such a
	 * chapter is written as HTML and parsed into XML.  Every other one
	 * is written as XHTML directly. */
	bool parsed = b->cfg->unsafe_html && wq_md_has_raw_html(doc);
	wq_buf *body = parsed ? &html : &ch->xhtml;
	int rc = 0;

	ch->cur = doc;
	memset(&page, 0, sizeof(page));
	page.lang = doc->lang;
	page.dir = doc->dir;
	page.title = doc->title;
	page.css = "../css/book.css";
	page.body_type = "bodymatter";
	page.url = book_url;
	page.id = book_id;
	page.ctx = ch;
	wq_buf_clear(&ch->xhtml);
	if (!parsed)
		wq_xml_xhtml_open(&ch->xhtml, &page);
	wq_buf_puts(body, "<section epub:type=\"chapter\" role=\"doc-chapter\" "
			  "aria-labelledby=\"chapter-title\"><h1 id=\"chapter-title\">");
	if (parsed)
		wq_buf_put_escaped(body, doc->title, strlen(doc->title));
	else
		wq_xml_put_text(body, doc->title, strlen(doc->title));
	wq_buf_puts(body, "</h1>\n");
	mo.unsafe_html = b->cfg->unsafe_html;
	mo.link = book_link;
	mo.link_ctx = b;
	mo.self_contained = true;
	mo.strings = wq_theme_strings(b->theme, doc->lang);
	if (label)
		mo.backref_label = label;
	mo.xhtml = !parsed;
	mo.url = book_url;
	mo.id = book_id;
	mo.xml_ctx = ch;
	wq_md_render(body, doc, &mo);
	wq_buf_puts(body, "</section>\n");
	if (parsed)
		rc = wq_xml_xhtml(&ch->xhtml, &page, html.ptr, html.len, err);
	else
		wq_xml_xhtml_close(&ch->xhtml);
	if (rc < 0)
		wq_err_set(err, rc, doc->path, 0, 0, "book chapter: %s", err->msg);
	/* Manifest properties exactly when used: inline SVG and scripts can only
	 * come from a site that allows raw HTML. */
	{
		const char *x = wq_buf_cstr(&ch->xhtml);
		int svg = strstr(x, "<svg") != NULL, script = strstr(x, "<script") != NULL;
		ch->props = svg && script ? "scripted svg" : svg ? "svg" : script ? "scripted" : NULL;
	}
	/* Compressed here, on this thread: the book holds each chapter
	 * compressed until the zip is written, and the zip copies it. */
	if (rc == 0) {
		ch->e->crc = wq_crc32(ch->xhtml.ptr, ch->xhtml.len);
		ch->e->size = ch->xhtml.len;
		ch->e->deflated = 1;
		rc = wq_deflate_raw(&ch->e->data, ch->xhtml.ptr, ch->xhtml.len, WQ_DEFLATE_BOOK, err);
		/* Kept on disk until the zip is written, when there is a work file. */
		if (rc == 0 && b->site->spill &&
		    (rc = wq_spill_put(b->site->spill, ch->e->data.ptr, ch->e->data.len,
				       &ch->e->where, err)) == 0) {
			ch->e->spill = b->site->spill;
			wq_buf_dispose(&ch->e->data);
		}
	}
	wq_buf_dispose(&ch->xhtml);
	wq_buf_dispose(&html);
	return rc;
}

const char *wq_epub_chapter_props(const wq_book *b, size_t index)
{
	return b->chapters[index].props ? b->chapters[index].props : "";
}

int wq_epub_chapter_again(wq_book *b, size_t index, const char *props, wq_err *err)
{
	chapter *ch = &b->chapters[index];
	int rc;

	/* Its compressed bytes are copied from the last book when the zip is
	 * written, not read now. */
	if ((rc = take_again(b, ch->e, err)) < 0)
		return rc;
	ch->props = !strcmp(props, "scripted svg") ? "scripted svg" : !strcmp(props, "svg") ? "svg" :
		    !strcmp(props, "scripted") ? "scripted" : NULL;
	return 0;
}

/* Entries for the chapters, in order (written later, on several threads),
 * and names for the images, in the order the chapters first show them. */
static void plan_chapters(book *b)
{
	const wq_site *site = b->site;
	wq_buf path = WQ_BUF_INIT;
	size_t k, j;

	b->chapters = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*b->chapters));
	for (k = 0; k < site->ndocs; k++) {
		size_t i = chapter_doc(b, k);
		for (j = 0; j < site->docs[i]->nimages; j++) {
			const char *file = site->docs[i]->images[j], *media = media_type(file);
			if (media && !strncmp(media, "image/", 6)) /* as book_link() does */
				image_href(b, file);
		}
		wq_buf_clear(&path);
		chapter_path(&path, "EPUB/text/", k);
		b->chapters[i].b = b;
		b->chapters[i].e = add_entry(b, path.ptr);
	}
	wq_buf_dispose(&path);
}

/* The chapters in the manifest and the spine, in order. */
static void list_chapters(book *b)
{
	wq_buf path = WQ_BUF_INIT, id = WQ_BUF_INIT;
	size_t k;

	for (k = 0; k < b->site->ndocs; k++) {
		wq_buf_clear(&path);
		chapter_path(&path, "text/", k);
		wq_buf_clear(&id);
		wq_buf_printf(&id, "ch%03zu", k + 1);
		add_item(b, id.ptr, path.ptr, "application/xhtml+xml",
			 b->chapters[chapter_doc(b, k)].props, 1);
	}
	wq_buf_dispose(&path);
	wq_buf_dispose(&id);
}

/* ------------------------------------------------- cover and title page */

static void svg_text_lines(wq_buf *svg, const char *text, size_t max_chars, int x, int y,
			   int size, int step, const char *dir)
{
	const char *p = text;
	int line = 0;

	while (*p && line < 7) {
		const char *end = p, *cut = NULL;
		size_t chars = 0;
		wq_buf part = WQ_BUF_INIT;

		while (*end && (chars < max_chars || !cut)) {
			if (*end == ' ')
				cut = end;
			end++;
			while (((unsigned char)*end & 0xC0) == 0x80)
				end++;
			chars++;
			if (chars >= max_chars && cut)
				break;
		}
		if (*end && cut)
			end = cut;
		wq_buf_printf(svg, "<text x=\"%d\" y=\"%d\" font-size=\"%d\">", x, y + line * step, size);
		/* An isolate gives each line the book's base direction. */
		/* NOLINTNEXTLINE(misc-misleading-bidirectional): closed by the PDI below */
		wq_buf_puts(svg, !strcmp(dir, "rtl") ? "\u2067" : "\u2066");
		wq_buf_put(&part, p, (size_t)(end - p));
		wq_buf_put_escaped(svg, part.ptr ? part.ptr : "", part.len);
		wq_buf_puts(svg, "\u2069</text>\n");
		wq_buf_dispose(&part);
		p = end;
		while (*p == ' ')
			p++;
		line++;
	}
}

static void cover_svg(book *b, wq_buf *svg)
{
	size_t chars = wq_text_chars(b->title, strlen(b->title));
	int size = chars > 80 ? 34 : chars > 40 ? 42 : 52;

	wq_buf_puts(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
			 "width=\"600\" height=\"800\" viewBox=\"0 0 600 800\">\n<title>");
	wq_buf_put_escaped(svg, b->title, strlen(b->title));
	wq_buf_puts(svg, "</title>\n"
			 "<rect width=\"600\" height=\"800\" fill=\"#0b5f73\"/>\n"
			 "<rect x=\"28\" y=\"28\" width=\"544\" height=\"744\" fill=\"none\" "
			 "stroke=\"#f3e9d2\" stroke-width=\"3\"/>\n"
			 "<g fill=\"#fdfcf9\" text-anchor=\"middle\" font-family=\"'Noto Naskh Arabic', "
			 "'Amiri', 'Noto Serif', serif\">\n");
	svg_text_lines(svg, b->title, size > 42 ? 16 : 22, 300, 260, size, size * 3 / 2, b->dir);
	svg_text_lines(svg, b->creator, 30, 300, 700, 26, 36, b->dir);
	wq_buf_puts(svg, "</g>\n</svg>\n");
}

static int write_cover(book *b, wq_err *err)
{
	const char *cover = b->cfg->epub.cover;
	wq_xmlw *w;
	entry *e;
	wq_buf href = WQ_BUF_INIT, path = WQ_BUF_INIT;
	int rc;

	if (*cover) {
		const char *type = media_type(cover);
		char *src = wq_fs_join(b->cfg->root, cover);
		if (!type || strncmp(type, "image/", 6)) {
			rc = wq_err_set(err, WQ_EINPUT, *b->cfg->path ? b->cfg->path : NULL, 0, 0,
					"epub.cover '%s' is not a PNG, JPEG, GIF, SVG or WebP image",
					cover);
			free(src);
			return rc;
		}
		wq_buf_printf(&href, "images/cover%s", strrchr(cover, '.'));
		wq_buf_printf(&path, "EPUB/%s", href.ptr);
		e = add_entry(b, path.ptr);
		rc = wq_fs_read(&e->data, src, err);
		free(src);
		if (rc < 0) {
			wq_buf_dispose(&href);
			wq_buf_dispose(&path);
			return rc;
		}
		add_item(b, "cover-image", href.ptr, type, "cover-image", 0);
	} else {
		wq_buf_puts(&href, "images/cover.svg");
		e = add_entry(b, "EPUB/images/cover.svg");
		cover_svg(b, &e->data);
		add_item(b, "cover-image", href.ptr, "image/svg+xml", "cover-image", 0);
	}

	w = wq_xmlw_new(1);
	wq_xmlw_start(w, "html");
	wq_xmlw_attr(w, "xmlns", WQ_XML_NS_XHTML);
	wq_xmlw_attr(w, "xmlns:epub", WQ_XML_NS_EPUB);
	wq_xmlw_attr(w, "lang", b->lang);
	wq_xmlw_attr(w, "xml:lang", b->lang);
	wq_xmlw_attr(w, "dir", b->dir);
	wq_xmlw_start(w, "head");
	wq_xmlw_element(w, "title", str(b, "epub_cover", "Cover"));
	wq_xmlw_start(w, "link");
	wq_xmlw_attr(w, "rel", "stylesheet");
	wq_xmlw_attr(w, "type", "text/css");
	wq_xmlw_attr(w, "href", "css/book.css");
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_start(w, "body");
	wq_xmlw_attr(w, "class", "cover");
	wq_xmlw_start(w, "img");
	wq_xmlw_attr(w, "epub:type", "cover");
	wq_xmlw_attr(w, "role", "doc-cover");
	wq_xmlw_attr(w, "src", href.ptr);
	wq_xmlw_attr(w, "alt", b->title);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	rc = add_xml_file(b, w, "cover", "cover.xhtml", "application/xhtml+xml", NULL, 1, err);
	wq_buf_dispose(&href);
	wq_buf_dispose(&path);
	return rc;
}

static void xhtml_start(wq_xmlw *w, const book *b, const char *title)
{
	wq_xmlw_start(w, "html");
	wq_xmlw_attr(w, "xmlns", WQ_XML_NS_XHTML);
	wq_xmlw_attr(w, "xmlns:epub", WQ_XML_NS_EPUB);
	wq_xmlw_attr(w, "lang", b->lang);
	wq_xmlw_attr(w, "xml:lang", b->lang);
	wq_xmlw_attr(w, "dir", b->dir);
	wq_xmlw_start(w, "head");
	wq_xmlw_element(w, "title", title);
	wq_xmlw_start(w, "link");
	wq_xmlw_attr(w, "rel", "stylesheet");
	wq_xmlw_attr(w, "type", "text/css");
	wq_xmlw_attr(w, "href", "css/book.css");
	wq_xmlw_end(w);
	wq_xmlw_end(w);
}

static int write_title_page(book *b, wq_err *err)
{
	wq_xmlw *w = wq_xmlw_new(1);
	wq_buf date = WQ_BUF_INIT;
	int rc;

	xhtml_start(w, b, b->title);
	wq_xmlw_start(w, "body");
	wq_xmlw_start(w, "section");
	wq_xmlw_attr(w, "class", "titlepage");
	wq_xmlw_attr(w, "aria-label", str(b, "epub_title_page", "Title page"));
	wq_xmlw_element(w, "h1", b->title);
	if (*b->subtitle) {
		wq_xmlw_start(w, "p");
		wq_xmlw_attr(w, "class", "subtitle");
		wq_xmlw_text(w, b->subtitle);
		wq_xmlw_end(w);
	}
	wq_xmlw_start(w, "p");
	wq_xmlw_attr(w, "class", "author");
	wq_xmlw_text(w, b->creator);
	wq_xmlw_end(w);
	if (strcmp(b->publisher, b->creator)) {
		wq_xmlw_start(w, "p");
		wq_xmlw_attr(w, "class", "publisher");
		wq_xmlw_text(w, b->publisher);
		wq_xmlw_end(w);
	}
	{
		char locale[96];
		wq_text_locale(locale, b->lang, b->cfg->numbering, NULL);
		wq_text_format_date(&date, b->site->updated, locale);
	}
	wq_xmlw_start(w, "p");
	wq_xmlw_attr(w, "class", "date");
	wq_xmlw_text(w, date.ptr);
	wq_xmlw_end(w);
	if (*b->cfg->copyright) {
		wq_xmlw_start(w, "p");
		wq_xmlw_attr(w, "class", "rights");
		wq_xmlw_text(w, b->cfg->copyright);
		wq_xmlw_end(w);
	}
	if (b->fonts && str(b, "font_notice", NULL)) {
		/* The embedded font's licence, stated in the book. */
		wq_xmlw_start(w, "p");
		wq_xmlw_attr(w, "class", "colophon");
		wq_xmlw_text(w, str(b, "font_notice", NULL));
		wq_xmlw_end(w);
	}
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	rc = add_xml_file(b, w, "titlepage", "title.xhtml", "application/xhtml+xml", NULL, 1, err);
	wq_buf_dispose(&date);
	return rc;
}

/* -------------------------------------------------------- navigation */

/* A label in a list of the book: its own lang and dir when they differ. */
static void nav_link(wq_xmlw *w, const book *b, const wq_doc *doc, const char *href,
		     const char *text)
{
	wq_xmlw_start(w, "a");
	wq_xmlw_attr(w, "href", href);
	wq_buf label = WQ_BUF_INIT;

	if (strcmp(doc->lang, b->lang) || strcmp(doc->dir, b->dir)) {
		wq_xmlw_attr(w, "lang", doc->lang);
		wq_xmlw_attr(w, "xml:lang", doc->lang);
		wq_xmlw_attr(w, "dir", doc->dir);
	}
	wq_text_put_runs_isolated(&label, text, doc->base_dir);
	wq_xmlw_text(w, wq_buf_cstr(&label));
	wq_xmlw_end(w);
	wq_buf_dispose(&label);
}

/* A heading of the table of contents without a page of its own (a
 * section, a part): a span, which the list under it must follow. */
static void nav_span(wq_xmlw *w, const book *b, const char *text)
{
	wq_buf label = WQ_BUF_INIT;

	wq_text_put_runs_isolated(&label, text, b->site->dir);
	wq_xmlw_start(w, "span");
	wq_xmlw_text(w, wq_buf_cstr(&label));
	wq_xmlw_end(w);
	wq_buf_dispose(&label);
}

/* The site's tree, when the book follows it (the whole site's book). */
static const wq_tree *book_tree(const book *b)
{
	return b->order ? &b->site->tree : NULL;
}

static void nav_node(wq_xmlw *w, const book *b, size_t node, wq_buf *href);

/* Chapter @p k in the table of contents: its link, its top headings and
 * the chapters the tree puts under it. */
static void nav_chapter(wq_xmlw *w, const book *b, size_t k, wq_buf *href)
{
	const wq_tree *tree = book_tree(b);
	size_t i = chapter_doc(b, k), j, len;
	const wq_doc *doc = b->site->docs[i];
	size_t n = wq_val_count(wq_doc_toc(doc)), node = tree ? tree->doc_node[i] : 0;
	size_t nkids = tree ? tree->nodes[node].nkids : 0;

	wq_xmlw_start(w, "li");
	wq_buf_clear(href);
	wq_buf_puts(href, "text/");
	chapter_name(href, k);
	nav_link(w, b, doc, href->ptr, tree ? wq_site_tree_title(b->site, node, &len) : doc->title);
	if (n || nkids) {
		/* The chapter's second level: its top headings. */
		wq_xmlw_start(w, "ol");
		for (j = 0; j < n; j++) {
			const wq_val *h = wq_val_at(wq_doc_toc(doc), j);
			heading_href(href, k, doc, h);
			wq_xmlw_start(w, "li");
			nav_link(w, b, doc, href->ptr, wq_val_get_str(wq_val_get(h, "text"), NULL));
			wq_xmlw_end(w);
		}
		for (j = 0; j < nkids; j++)
			nav_node(w, b, tree->kids[tree->nodes[node].kids + j], href);
		wq_xmlw_end(w);
	}
	wq_xmlw_end(w);
}

/* A node of the tree: a chapter, or a section (a part) heading the
 * chapters in it. */
static void nav_node(wq_xmlw *w, const book *b, size_t node, wq_buf *href)
{
	const wq_tree *tree = book_tree(b);
	const wq_tree_node *n = &tree->nodes[node];
	size_t j, len;

	if (n->kind == WQ_TREE_DOC) {
		nav_chapter(w, b, n->first, href);
		return;
	}
	wq_xmlw_start(w, "li");
	nav_span(w, b, wq_site_tree_title(b->site, node, &len));
	wq_xmlw_start(w, "ol");
	for (j = 0; j < n->nkids; j++)
		nav_node(w, b, tree->kids[n->kids + j], href);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
}

/* nav.xhtml's place among the entries and in the manifest: the last
 * build's as it is for an update; else written by write_nav(). */
static int place_nav(book *b, wq_err *err)
{
	if (b->last)
		return contents_again(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav", 1, err);
	b->nav = add_entry(b, "EPUB/nav.xhtml");
	add_item(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav", 1);
	return 0;
}

static int write_nav(book *b, wq_err *err)
{
	const wq_site *site = b->site;
	const wq_tree *tree = book_tree(b);
	wq_xmlw *w;
	wq_buf href = WQ_BUF_INIT;
	size_t i;
	int rc;

	if (!b->nav)
		return 0;
	w = wq_xmlw_new(1);

	xhtml_start(w, b, str(b, "contents", "Contents"));
	wq_xmlw_start(w, "body");
	wq_xmlw_start(w, "nav");
	wq_xmlw_attr(w, "epub:type", "toc");
	wq_xmlw_attr(w, "role", "doc-toc");
	wq_xmlw_attr(w, "id", "toc");
	wq_xmlw_attr(w, "aria-labelledby", "toc-title");
	wq_xmlw_start(w, "h1");
	wq_xmlw_attr(w, "id", "toc-title");
	wq_xmlw_text(w, str(b, "contents", "Contents"));
	wq_xmlw_end(w);
	wq_xmlw_start(w, "ol");
	if (tree && tree->nested) {
		/* Nested as the site's tree: sections as headings. */
		for (i = 0; i < tree->nodes[0].nkids; i++)
			nav_node(w, b, tree->kids[tree->nodes[0].kids + i], &href);
	} else {
		for (i = 0; i < site->ndocs; i++)
			nav_chapter(w, b, i, &href);
	}
	wq_xmlw_end(w);
	wq_xmlw_end(w);

	wq_xmlw_start(w, "nav");
	wq_xmlw_attr(w, "epub:type", "landmarks");
	wq_xmlw_attr(w, "aria-labelledby", "landmarks-title");
	wq_xmlw_attr(w, "hidden", "hidden");
	wq_xmlw_start(w, "h2");
	wq_xmlw_attr(w, "id", "landmarks-title");
	wq_xmlw_text(w, str(b, "epub_landmarks", "Landmarks"));
	wq_xmlw_end(w);
	wq_xmlw_start(w, "ol");
	wq_xmlw_start(w, "li");
	wq_xmlw_start(w, "a");
	wq_xmlw_attr(w, "epub:type", "cover");
	wq_xmlw_attr(w, "href", "cover.xhtml");
	wq_xmlw_text(w, str(b, "epub_cover", "Cover"));
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_start(w, "li");
	wq_xmlw_start(w, "a");
	wq_xmlw_attr(w, "epub:type", "toc");
	wq_xmlw_attr(w, "href", "nav.xhtml#toc");
	wq_xmlw_text(w, str(b, "contents", "Contents"));
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	if (site->ndocs) {
		wq_xmlw_start(w, "li");
		wq_xmlw_start(w, "a");
		wq_xmlw_attr(w, "epub:type", "bodymatter");
		wq_xmlw_attr(w, "href", "text/ch001.xhtml");
		wq_xmlw_text(w, str(b, "epub_start", "Start of content"));
		wq_xmlw_end(w);
		wq_xmlw_end(w);
	}
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	rc = wq_xmlw_finish(w, &b->nav->data, err);
	wq_buf_dispose(&href);
	return rc;
}

/* Numbers of the NCX's points: each its own id; a point that leads where
 * the one before it does (a section and its first chapter) shares its
 * playOrder, as NCX asks. */
typedef struct ncx_order {
	int id, play;
	wq_buf last; /* the previous point's src */
} ncx_order;

/* NCX labels cannot hold markup or dir: Unicode isolates carry direction.
 * @p dir and @p base_dir are the label's (a chapter's, or the book's). */
static void ncx_point(wq_xmlw *w, ncx_order *o, const book *b, const char *dir, wq_dir base_dir,
		      const char *text, const char *src)
{
	wq_buf label = WQ_BUF_INIT, runs = WQ_BUF_INIT;
	char id[32];

	wq_text_put_runs_isolated(&runs, text, base_dir);
	if (strcmp(dir, b->dir))
		wq_text_put_isolated(&label, wq_buf_cstr(&runs), b->site->dir);
	else
		wq_buf_puts(&label, wq_buf_cstr(&runs));

	o->id++;
	if (!o->last.len || strcmp(o->last.ptr, src)) {
		o->play++;
		wq_buf_clear(&o->last);
		wq_buf_puts(&o->last, src);
	}
	snprintf(id, sizeof(id), "np-%d", o->id);
	wq_xmlw_start(w, "navPoint");
	wq_xmlw_attr(w, "id", id);
	snprintf(id, sizeof(id), "%d", o->play);
	wq_xmlw_attr(w, "playOrder", id);
	wq_xmlw_start(w, "navLabel");
	wq_xmlw_element(w, "text", wq_buf_cstr(&label));
	wq_xmlw_end(w);
	wq_xmlw_start(w, "content");
	wq_xmlw_attr(w, "src", src);
	wq_xmlw_end(w);
	wq_buf_dispose(&label);
	wq_buf_dispose(&runs);
}

static void ncx_meta(wq_xmlw *w, const char *name, const char *content)
{
	wq_xmlw_start(w, "meta");
	wq_xmlw_attr(w, "name", name);
	wq_xmlw_attr(w, "content", content);
	wq_xmlw_end(w);
}

static void ncx_node(wq_xmlw *w, ncx_order *o, const book *b, size_t node, wq_buf *src);

/* Chapter @p k's point, its headings' and those of the chapters under it. */
static void ncx_chapter(wq_xmlw *w, ncx_order *o, const book *b, size_t k, wq_buf *src)
{
	const wq_tree *tree = book_tree(b);
	size_t i = chapter_doc(b, k), j, len;
	const wq_doc *doc = b->site->docs[i];
	size_t node = tree ? tree->doc_node[i] : 0, nkids = tree ? tree->nodes[node].nkids : 0;

	wq_buf_clear(src);
	wq_buf_puts(src, "text/");
	chapter_name(src, k);
	ncx_point(w, o, b, doc->dir, doc->base_dir,
		  tree ? wq_site_tree_title(b->site, node, &len) : doc->title, src->ptr);
	for (j = 0; j < wq_val_count(wq_doc_toc(doc)); j++) {
		const wq_val *h = wq_val_at(wq_doc_toc(doc), j);
		heading_href(src, k, doc, h);
		ncx_point(w, o, b, doc->dir, doc->base_dir,
			  wq_val_get_str(wq_val_get(h, "text"), NULL), src->ptr);
		wq_xmlw_end(w);
	}
	for (j = 0; j < nkids; j++)
		ncx_node(w, o, b, tree->kids[tree->nodes[node].kids + j], src);
	wq_xmlw_end(w);
}

/* A node of the tree: a chapter, or a section's point, which leads to its
 * first chapter (every NCX point must lead somewhere). */
static void ncx_node(wq_xmlw *w, ncx_order *o, const book *b, size_t node, wq_buf *src)
{
	const wq_tree *tree = book_tree(b);
	const wq_tree_node *n = &tree->nodes[node];
	size_t j, len;

	if (n->kind == WQ_TREE_DOC) {
		ncx_chapter(w, o, b, n->first, src);
		return;
	}
	wq_buf_clear(src);
	wq_buf_puts(src, "text/");
	chapter_name(src, n->first);
	ncx_point(w, o, b, b->dir, b->site->dir, wq_site_tree_title(b->site, node, &len),
		  src->ptr);
	for (j = 0; j < n->nkids; j++)
		ncx_node(w, o, b, tree->kids[n->kids + j], src);
	wq_xmlw_end(w);
}

/* How deep the NCX's points nest under @p node (its own level excluded). */
static size_t ncx_depth(const book *b, size_t node)
{
	const wq_tree *tree = book_tree(b);
	const wq_tree_node *n = &tree->nodes[node];
	size_t j, d, most = n->kind == WQ_TREE_DOC && wq_val_count(wq_doc_toc(b->site->docs[n->item]));

	for (j = 0; j < n->nkids; j++)
		if ((d = 1 + ncx_depth(b, tree->kids[n->kids + j])) > most)
			most = d;
	return most;
}

static int write_ncx(book *b, wq_err *err)
{
	const wq_site *site = b->site;
	const wq_tree *tree = book_tree(b);
	wq_xmlw *w;
	wq_buf src = WQ_BUF_INIT;
	ncx_order order = { 0, 0, WQ_BUF_INIT };
	size_t i, depth = 1;
	char depth_text[24];
	int rc;

	if (b->last)
		return contents_again(b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, 0, err);
	w = wq_xmlw_new(0);

	for (i = 0; i < site->ndocs; i++)
		if (wq_val_count(wq_doc_toc(site->docs[i])))
			depth = 2;
	if (tree && tree->nested)
		depth = ncx_depth(b, 0);
	snprintf(depth_text, sizeof(depth_text), "%zu", depth);
	wq_xmlw_start(w, "ncx");
	wq_xmlw_attr(w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	wq_xmlw_attr(w, "version", "2005-1");
	wq_xmlw_attr(w, "xml:lang", b->lang);
	wq_xmlw_start(w, "head");
	ncx_meta(w, "dtb:uid", b->identifier);
	ncx_meta(w, "dtb:depth", depth_text);
	ncx_meta(w, "dtb:totalPageCount", "0");
	ncx_meta(w, "dtb:maxPageNumber", "0");
	wq_xmlw_end(w);
	wq_xmlw_start(w, "docTitle");
	wq_xmlw_element(w, "text", b->title);
	wq_xmlw_end(w);
	wq_xmlw_start(w, "navMap");
	if (tree && tree->nested) {
		for (i = 0; i < tree->nodes[0].nkids; i++)
			ncx_node(w, &order, b, tree->kids[tree->nodes[0].kids + i], &src);
	} else {
		for (i = 0; i < site->ndocs; i++)
			ncx_chapter(w, &order, b, i, &src);
	}
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	rc = add_xml_file(b, w, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, 0, err);
	wq_buf_dispose(&src);
	wq_buf_dispose(&order.last);
	return rc;
}

/* ----------------------------------------------------------- package */

static void meta(wq_xmlw *w, const char *property, const char *value)
{
	wq_xmlw_start(w, "meta");
	wq_xmlw_attr(w, "property", property);
	wq_xmlw_text(w, value);
	wq_xmlw_end(w);
}

static void accessibility(wq_xmlw *w, const book *b)
{
	size_t i, images = 0, no_alt = 0, missing;
	const char *summary = *b->cfg->epub.summary ? b->cfg->epub.summary :
				str(b, "epub_a11y_summary",
				    "This publication meets WCAG 2.1 Level AA. It has a table of "
				    "contents, headings for navigation and a reading order that "
				    "follows the text.");

	for (i = 0; i < b->site->ndocs; i++) {
		images += wq_md_image_count(b->site->docs[i], &missing);
		no_alt += missing;
	}
	meta(w, "schema:accessMode", "textual");
	if (images)
		meta(w, "schema:accessMode", "visual");
	meta(w, "schema:accessModeSufficient", "textual");
	meta(w, "schema:accessibilityFeature", "structuralNavigation");
	meta(w, "schema:accessibilityFeature", "tableOfContents");
	meta(w, "schema:accessibilityFeature", "readingOrder");
	if (images && !no_alt)
		meta(w, "schema:accessibilityFeature", "alternativeText");
	meta(w, "schema:accessibilityHazard", "none");
	meta(w, "schema:accessibilitySummary", summary);
	meta(w, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

static int write_package(book *b, wq_err *err)
{
	wq_xmlw *w = wq_xmlw_new(0);
	wq_buf when = WQ_BUF_INIT;
	entry *e;
	size_t i;
	int rc;

	wq_xmlw_start(w, "package");
	wq_xmlw_attr(w, "xmlns", "http://www.idpf.org/2007/opf");
	wq_xmlw_attr(w, "version", "3.0");
	wq_xmlw_attr(w, "unique-identifier", "book-id");
	wq_xmlw_attr(w, "xml:lang", b->lang);
	wq_xmlw_attr(w, "dir", b->dir);
	if (b->fonts)
		wq_xmlw_attr(w, "prefix",
			     "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/");
	wq_xmlw_start(w, "metadata");
	wq_xmlw_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	wq_xmlw_start(w, "dc:identifier");
	wq_xmlw_attr(w, "id", "book-id");
	wq_xmlw_text(w, b->identifier);
	wq_xmlw_end(w);
	wq_xmlw_element(w, "dc:title", b->title);
	wq_xmlw_element(w, "dc:language", b->lang);
	wq_xmlw_element(w, "dc:creator", b->creator);
	wq_xmlw_element(w, "dc:publisher", b->publisher);
	if (*b->cfg->copyright)
		wq_xmlw_element(w, "dc:rights", b->cfg->copyright);
	if (*b->subtitle)
		wq_xmlw_element(w, "dc:description", b->subtitle);
	wq_text_format_rfc3339(&when, b->site->updated);
	wq_buf_truncate(&when, 10);
	wq_xmlw_element(w, "dc:date", when.ptr);
	wq_buf_clear(&when);
	wq_text_format_rfc3339(&when, b->modified);
	meta(w, "dcterms:modified", when.ptr);
	accessibility(w, b);
	if (b->fonts)
		meta(w, "ibooks:specified-fonts", "true");
	/* EPUB 2 reading systems find the cover image through this. */
	wq_xmlw_start(w, "meta");
	wq_xmlw_attr(w, "name", "cover");
	wq_xmlw_attr(w, "content", "cover-image");
	wq_xmlw_end(w);
	wq_xmlw_end(w);

	wq_xmlw_start(w, "manifest");
	for (i = 0; i < b->nitems; i++) {
		wq_xmlw_start(w, "item");
		wq_xmlw_attr(w, "id", b->items[i].id);
		wq_xmlw_attr(w, "href", b->items[i].href);
		wq_xmlw_attr(w, "media-type", b->items[i].media);
		if (b->items[i].props)
			wq_xmlw_attr(w, "properties", b->items[i].props);
		wq_xmlw_end(w);
	}
	wq_xmlw_end(w);
	wq_xmlw_start(w, "spine");
	wq_xmlw_attr(w, "toc", "ncx");
	wq_xmlw_attr(w, "page-progression-direction", b->dir);
	for (i = 0; i < b->nitems; i++) {
		if (!b->items[i].spine)
			continue;
		wq_xmlw_start(w, "itemref");
		wq_xmlw_attr(w, "idref", b->items[i].id);
		wq_xmlw_end(w);
	}
	wq_xmlw_end(w);
	wq_xmlw_end(w);
	e = add_entry(b, "EPUB/package.opf");
	rc = wq_xmlw_finish(w, &e->data, err);
	wq_buf_dispose(&when);
	return rc;
}

/* ---------------------------------------------------- resources, zip */

static int add_resources(book *b, wq_err *err)
{
	const char *const *files;
	size_t n, i;
	int rc, have_css = 0;
	char id[32];

	files = wq_theme_files(b->theme, WQ_THEME_EPUB, &n);
	for (i = 0; i < n; i++) {
		const char *type = media_type(files[i]);
		wq_buf path = WQ_BUF_INIT, href = WQ_BUF_INIT;
		entry *e;

		if (!type)
			continue;
		if (!strcmp(files[i], "book.css")) {
			wq_buf_puts(&href, "css/book.css");
			have_css = 1;
			snprintf(id, sizeof(id), "css");
		} else {
			continue;
		}
		wq_buf_printf(&path, "EPUB/%s", href.ptr);
		e = add_entry(b, path.ptr);
		rc = wq_fs_read(&e->data, wq_theme_file_path(b->theme, WQ_THEME_EPUB, i), err);
		if (rc == 0)
			add_item(b, id, href.ptr, type, NULL, 0);
		wq_buf_dispose(&path);
		wq_buf_dispose(&href);
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < wq_fonts_count(b->fontset); i++) {
		const char *fname = wq_fonts_name(b->fontset, i);
		size_t len;
		const char *data = wq_fonts_data(b->fontset, i, &len);
		wq_buf path = WQ_BUF_INIT, href = WQ_BUF_INIT;
		entry *e;

		wq_buf_printf(&href, "fonts/%s", fname);
		wq_buf_printf(&path, "EPUB/%s", href.ptr);
		e = add_entry(b, path.ptr);
		wq_buf_put(&e->data, data, len);
		snprintf(id, sizeof(id), "font-%zu", i + 1);
		add_item(b, id, href.ptr, media_type(fname) ? media_type(fname) : "font/ttf", NULL, 0);
		wq_buf_dispose(&path);
		wq_buf_dispose(&href);
	}
	if (!have_css) {
		/* A theme without a book style sheet still gets a valid book. */
		entry *e = add_entry(b, "EPUB/css/book.css");
		wq_buf_puts(&e->data, "body { margin: 0 5%; }\n");
		add_item(b, "css", "css/book.css", "text/css", NULL, 0);
	}
	return 0;
}

static int add_images(book *b, wq_err *err)
{
	size_t i;
	char id[32];
	int rc;

	for (i = 0; i < b->nimages; i++) {
		char *src = wq_fs_join(b->site->source_dir, b->images[i].src);
		wq_buf path = WQ_BUF_INIT;
		entry *e;

		/* Read when the zip is written, not held until then. */
		if (access(src, R_OK) < 0) {
			rc = wq_err_set(err, WQ_EIO, src, 0, 0, "cannot read: %s", strerror(errno));
			free(src);
			return rc;
		}
		wq_buf_printf(&path, "EPUB/%s", b->images[i].href);
		e = add_entry(b, path.ptr);
		e->file = src;
		/* PNG, JPEG, GIF and WebP are compressed already: stored. */
		e->stored = media_type(src) && strcmp(media_type(src), "image/svg+xml") &&
			    !strncmp(media_type(src), "image/", 6);
		wq_buf_dispose(&path);
		snprintf(id, sizeof(id), "img-%03zu", i + 1);
		add_item(b, id, b->images[i].href, media_type(b->images[i].src), NULL, 0);
	}
	return 0;
}

/* DOS date and time of a UTC instant (ZIP's format), from 1980 on. */
static void dos_time(int64_t epoch, zip_uint16_t *time_out, zip_uint16_t *date_out)
{
	time_t t = (time_t)(epoch < 315532800 ? 315532800 : epoch);
	struct tm tm;

	gmtime_r(&t, &tm);
	*time_out = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*date_out = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* An entry's bytes as libzip reads them in zip_close(): from a file of
 * the sources (read only then; not zip_source_file(), which would give the
 * entry the file's mode and owner, and the book must not depend on them),
 * or compressed beforehand, from the work file or memory (the stat says
 * how it was compressed, and libzip copies it as it is, as when copying
 * from another archive). */
typedef struct entry_reader {
	const entry *e;
	FILE *f;   /* the file being read */
	size_t at; /* how far into the compressed bytes */
	zip_error_t error;
} entry_reader;

static zip_int64_t read_deflated(entry_reader *r, void *data, zip_uint64_t len)
{
	const entry *e = r->e;
	size_t n = (e->spill ? e->where.len : e->data.len) - r->at;

	if (n > len)
		n = (size_t)len;
	if (n && e->spill && wq_spill_read(e->spill, &e->where, r->at, data, n) < 0) {
		zip_error_set(&r->error, ZIP_ER_READ, errno);
		return -1;
	}
	if (n && !e->spill)
		memcpy(data, e->data.ptr + r->at, n);
	r->at += n;
	return (zip_int64_t)n;
}

static zip_int64_t entry_read_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	entry_reader *r = ud;
	const entry *e = r->e;
	size_t n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		r->at = 0;
		if (e->file && !(r->f = fopen(e->file, "rb"))) {
			zip_error_set(&r->error, ZIP_ER_OPEN, errno);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_READ:
		if (!e->file)
			return read_deflated(r, data, len);
		n = fread(data, 1, (size_t)len, r->f);
		if (n < len && ferror(r->f)) {
			zip_error_set(&r->error, ZIP_ER_READ, errno);
			return -1;
		}
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		if (r->f)
			fclose(r->f);
		r->f = NULL;
		if (cmd == ZIP_SOURCE_FREE) {
			zip_error_fini(&r->error);
			free(r);
		}
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		struct stat fst;
		zip_stat_init(st);
		/* Sizes known up front: no data descriptor, no Zip64 field. */
		if (e->file && stat(e->file, &fst) == 0) {
			st->size = (zip_uint64_t)fst.st_size;
			st->valid |= ZIP_STAT_SIZE;
		} else if (!e->file) {
			st->size = e->size;
			st->comp_size = e->spill ? e->where.len : e->data.len;
			st->comp_method = ZIP_CM_DEFLATE;
			st->crc = e->crc;
			st->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
				     ZIP_STAT_CRC;
		}
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&r->error, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&r->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* The source of an entry read from a file or compressed beforehand. */
static zip_source_t *entry_source(zip_t *z, const entry *e)
{
	entry_reader *r = wq_xcalloc(1, sizeof(*r));
	zip_source_t *src;

	r->e = e;
	zip_error_init(&r->error);
	src = zip_source_function(z, entry_read_cb, r);
	if (!src) {
		zip_error_fini(&r->error);
		free(r);
	}
	return src;
}

static int zip_fail(zip_t *z, const char *path, wq_err *err)
{
	int rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write the book: %s", zip_strerror(z));
	zip_discard(z);
	return rc;
}

/* The entries made in memory and not compressed yet (the package, the
 * navigation, the title page...), compressed as the chapters are. */
static int deflate_rest(book *b, wq_err *err)
{
	wq_buf z = WQ_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < b->nentries && rc == 0; i++) {
		entry *e = b->entries[i];
		if (e->file || e->deflated || e->stored)
			continue;
		wq_buf_clear(&z);
		if ((rc = wq_deflate_raw(&z, e->data.ptr ? e->data.ptr : "", e->data.len, WQ_DEFLATE_BOOK, err)) < 0)
			break;
		e->crc = wq_crc32(e->data.ptr ? e->data.ptr : "", e->data.len);
		e->size = e->data.len;
		e->deflated = 1;
		wq_buf_dispose(&e->data);
		e->data = z;
		z = (wq_buf)WQ_BUF_INIT;
	}
	wq_buf_dispose(&z);
	return rc;
}

static int write_zip(book *b, const char *path, wq_err *err)
{
	zip_t *z;
	zip_uint16_t dtime, ddate;
	int rc;
	size_t i;

	if ((rc = deflate_rest(b, err)) < 0)
		return rc;
	dos_time(b->modified, &dtime, &ddate);
	if (!(z = wq_zipout_open(path, err)))
		return WQ_EIO;
	for (i = 0; i < b->nentries; i++) {
		const entry *e = b->entries[i];
		zip_source_t *src = e->again ? zip_source_zip(z, b->last, e->last, ZIP_FL_COMPRESSED,
							      0, -1)
				    : e->file || e->deflated
					    ? entry_source(z, e)
					    : zip_source_buffer(z, e->data.ptr ? e->data.ptr : "",
								e->data.len, 0);
		zip_int64_t idx;

		if (!src)
			return zip_fail(z, path, err);
		idx = zip_file_add(z, e->name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			return zip_fail(z, path, err);
		}
		if ((!e->deflated && zip_set_file_compression(z, (zip_uint64_t)idx,
							      e->stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
							      6) < 0) ||
		    zip_file_set_dostime(z, (zip_uint64_t)idx, dtime, ddate, 0) < 0)
			return zip_fail(z, path, err);

	}
	if (zip_close(z) < 0)
		return zip_fail(z, path, err);
	return 0;
}

/* -------------------------------------------------------------- main */

void wq_epub_file_name(wq_buf *out, const wq_site *site)
{
	const wq_config *cfg = site->config;
	const char *title = *cfg->epub.title ? cfg->epub.title : cfg->title;

	wq_buf_clear(out);
	if (*cfg->epub.filename) {
		wq_buf_puts(out, cfg->epub.filename); /* with its language's code already */
	} else {
		wq_text_ascii_slug(out, title, strlen(title), "book");
		/* Each language's book a name of its own (report-en.epub). */
		if (*cfg->url_prefix)
			wq_buf_printf(out, "-%s", cfg->languages[cfg->language].code);
	}
	wq_buf_puts(out, ".epub");
}

static void derive_identifier(book *b)
{
	wq_buf name = WQ_BUF_INIT;
	char uuid[37];

	if (*b->cfg->epub.identifier) {
		snprintf(b->identifier, sizeof(b->identifier), "%s", b->cfg->epub.identifier);
		return;
	}
	wq_buf_puts(&name, b->title);
	wq_buf_putc(&name, '\n');
	wq_buf_puts(&name, b->cfg->base_url);
	if (b->cfg->nlanguages) {
		wq_buf_putc(&name, '\n');
		wq_buf_puts(&name, b->cfg->lang);
	}
	if (b->id_extra) {
		wq_buf_putc(&name, '\n');
		wq_buf_puts(&name, b->id_extra);
	}
	wq_hash_uuid5(uuid, name.ptr, name.len);
	snprintf(b->identifier, sizeof(b->identifier), "urn:uuid:%s", uuid);
	wq_buf_dispose(&name);
}

/* The book's parts before its chapters, once its site, language and
 * titles are set. */
static int start(wq_book **out, book *b, const wq_fonts *fonts, int64_t modified, wq_err *err)
{
	entry *e;
	int rc;

	b->modified = modified;
	b->fontset = fonts;
	b->fonts = (int)wq_fonts_count(fonts);
	derive_identifier(b);
	b->image_by_src = wq_strmap_new();

	e = add_entry(b, "mimetype");
	wq_buf_puts(&e->data, "application/epub+zip");
	e->stored = 1;
	e = add_entry(b, "META-INF/container.xml");
	wq_buf_puts(&e->data,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
		    "  <rootfiles>\n"
		    "    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
		    "  </rootfiles>\n"
		    "</container>\n");

	if ((rc = write_cover(b, err)) < 0 || (rc = write_title_page(b, err)) < 0 ||
	    (rc = place_nav(b, err)) < 0) {
		wq_epub_free(b);
		return rc;
	}
	plan_chapters(b);
	*out = b;
	return 0;
}

static int begin(wq_book **out, const wq_site *site, const wq_theme *theme,
		 const wq_fonts *fonts, int64_t modified, const char *last, wq_err *err)
{
	const wq_config *cfg = site->config;
	book *b = wq_xcalloc(1, sizeof(*b));
	int zerr = 0;

	*out = NULL;
	b->site = site;
	b->theme = theme;
	b->cfg = cfg;
	b->lang = site->lang;
	b->dir = wq_text_dir_name(site->dir);
	b->t = wq_theme_strings(theme, site->lang);
	b->title = *cfg->epub.title ? cfg->epub.title : cfg->title;
	b->creator = *cfg->epub.author ? cfg->epub.author : *cfg->author ? cfg->author : b->title;
	b->publisher = *cfg->epub.publisher ? cfg->epub.publisher : b->creator;
	b->subtitle = cfg->description;
	if (site->tree.nnodes && site->tree.ndocs == site->ndocs) {
		/* Chapters in the tree's order (the site's, unless sections
		 * gather them), the contents nested as the tree is. */
		b->order = site->tree.order;
		b->pos = site->tree.pos;
	}
	if (last && !(b->last = zip_open(last, ZIP_RDONLY, &zerr))) {
		free(b);
		return wq_err_set(err, WQ_EIO, last, 0, 0,
				  "cannot read the last build's book (libzip error %d)", zerr);
	}
	return start(out, b, fonts, modified, err);
}

int wq_epub_begin(wq_book **out, const wq_site *site, const wq_theme *theme,
		  const wq_fonts *fonts, int64_t modified, wq_err *err)
{
	return begin(out, site, theme, fonts, modified, NULL, err);
}

int wq_epub_begin_update(wq_book **out, const wq_site *site, const wq_theme *theme,
			 const wq_fonts *fonts, int64_t modified, const char *last, wq_err *err)
{
	return begin(out, site, theme, fonts, modified, last, err);
}

int wq_epub_begin_article(wq_book **out, const wq_site *site, const wq_theme *theme,
			  const wq_fonts *fonts, int64_t modified, size_t index, wq_err *err)
{
	const wq_config *cfg = site->config;
	const wq_doc *doc = site->docs[index];
	book *b = wq_xcalloc(1, sizeof(*b));

	*out = NULL;
	/* The site as the book sees it: this one article, in memory (no work
	 * file: the book is written by the thread that makes it), dated as the
	 * article is, in its language and direction. */
	b->view = *site;
	b->view.docs = &site->docs[index];
	b->view.ndocs = 1;
	b->view.spill = NULL;
	b->view.dir = doc->base_dir;
	snprintf(b->view.lang, sizeof(b->view.lang), "%s", doc->lang);
	if (doc->has_date)
		b->view.updated = doc->date;
	b->site = &b->view;
	b->first = index;
	b->theme = theme;
	b->cfg = cfg;
	b->lang = doc->lang;
	b->dir = wq_text_dir_name(doc->base_dir);
	b->t = wq_theme_strings(theme, doc->lang);
	b->title = doc->title;
	b->creator = *doc->author ? doc->author : *cfg->epub.author ? cfg->epub.author :
						 *cfg->author ? cfg->author : cfg->title;
	b->publisher = *cfg->epub.publisher ? cfg->epub.publisher :
			*cfg->epub.author ? cfg->epub.author :
			*cfg->author ? cfg->author : cfg->title;
	b->subtitle = *doc->description ? doc->description : doc->summary;
	b->id_extra = doc->url;
	return start(out, b, fonts, modified, err);
}

void wq_epub_article_file_name(wq_buf *out, const wq_doc *doc)
{
	wq_buf_clear(out);
	wq_text_ascii_slug(out, doc->title, strlen(doc->title), "article");
	wq_buf_puts(out, ".epub");
}

int wq_epub_finish(wq_book *b, wq_outdir *od, const char *name, wq_err *err)
{
	char *path = NULL;
	int rc;

	list_chapters(b);
	if ((rc = write_nav(b, err)) < 0 || (rc = write_ncx(b, err)) < 0 ||
	    (rc = add_resources(b, err)) < 0 ||
	    (rc = add_images(b, err)) < 0 || (rc = write_package(b, err)) < 0)
		return rc;
	if ((rc = wq_outdir_path(&path, od, name, err)) < 0 || !path)
		return rc; /* no path: a check, nothing to write */
	rc = write_zip(b, path, err);
	free(path);
	return rc;
}

void wq_epub_free(wq_book *b)
{
	size_t i;

	if (!b)
		return;
	if (b->last)
		zip_discard(b->last);
	for (i = 0; b->chapters && i < b->site->ndocs; i++)
		wq_buf_dispose(&b->chapters[i].xhtml);
	free(b->chapters);
	book_dispose(b);
	free(b);
}
