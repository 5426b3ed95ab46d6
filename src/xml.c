#include "xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "text.h"

/* ------------------------------------------------------------ helpers */

/* Drop characters XML 1.0 does not allow (sources are checked on load;
 * configuration and generated text are not). */
static char *xml_clean(const char *s)
{
	wq_buf b = WQ_BUF_INIT;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		wq_buf_putc(&b, (char)c);
	}
	return wq_buf_detach(&b);
}

/* ---------------------------------------------------------- XHTML pages */

typedef struct copier {
	const wq_xhtml_page *page;
	xmlDocPtr doc;
	xmlNsPtr xhtml, epub;
	wq_buf scratch;
} copier;

static void copy_children(copier *c, xmlNodePtr from, xmlNodePtr to);

static void copy_attrs(copier *c, xmlNodePtr from, xmlNodePtr to, int *unwrap)
{
	xmlAttrPtr a;

	for (a = from->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		const char *value = v ? (const char *)v : "";

		if (!strncmp(name, "epub:", 5)) {
			xmlNewNsProp(to, c->epub, (const xmlChar *)name + 5, (const xmlChar *)value);
		} else if (!strcmp(name, "id") && c->page->id) {
			wq_buf_clear(&c->scratch);
			c->page->id(c->page->ctx, value, &c->scratch);
			xmlNewProp(to, a->name, (const xmlChar *)wq_buf_cstr(&c->scratch));
		} else if ((!strcmp(name, "href") || !strcmp(name, "src")) && c->page->url) {
			wq_buf_clear(&c->scratch);
			if (c->page->url(c->page->ctx, name, value, &c->scratch))
				xmlNewProp(to, a->name, (const xmlChar *)wq_buf_cstr(&c->scratch));
			else
				*unwrap = 1;
		} else if (strchr(name, ':') == NULL) {
			xmlNewProp(to, a->name, (const xmlChar *)value);
		}
		xmlFree(v);
	}
}

static void copy_node(copier *c, xmlNodePtr n, xmlNodePtr to)
{
	xmlNodePtr copy;
	int unwrap = 0;

	switch (n->type) {
	case XML_ELEMENT_NODE:
		copy = xmlNewDocNode(c->doc, c->xhtml, n->name, NULL);
		copy_attrs(c, n, copy, &unwrap);
		if (unwrap) {
			/* Keep what the element held, without the element. */
			xmlFreeNode(copy);
			copy_children(c, n, to);
			return;
		}
		xmlAddChild(to, copy);
		copy_children(c, n, copy);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		xmlAddChild(to, xmlNewDocText(c->doc, n->content));
		break;
	case XML_COMMENT_NODE:
		xmlAddChild(to, xmlNewDocComment(c->doc, n->content));
		break;
	default:
		break;
	}
}

static void copy_children(copier *c, xmlNodePtr from, xmlNodePtr to)
{
	xmlNodePtr n;

	for (n = from->children; n; n = n->next)
		copy_node(c, n, to);
}

static int is_void(const char *name)
{
	static const char *const v[] = { "area", "base", "br", "col", "embed", "hr", "img",
					 "input", "link", "meta", "source", "track", "wbr", NULL };
	size_t i;

	for (i = 0; v[i]; i++)
		if (!strcmp(name, v[i]))
			return 1;
	return 0;
}

/* Empty elements that are not void get an empty text child, so they are
 * written <p></p>: reading systems that parse books as HTML would read
 * <p/> as an opening tag. */
static void keep_end_tags(xmlDocPtr doc, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!n->children && !is_void((const char *)n->name))
			xmlAddChild(n, xmlNewDocText(doc, (const xmlChar *)""));
		else
			keep_end_tags(doc, n->children);
	}
}

static xmlNodePtr find_element(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		xmlNodePtr hit;
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
		if ((hit = find_element(n->children, name)) != NULL)
			return hit;
	}
	return NULL;
}

void wq_xml_init(void)
{
	xmlInitParser();
}

int wq_xml_xhtml(wq_buf *out, const wq_xhtml_page *page, const char *html, size_t len,
		 wq_err *err)
{
	wq_buf src = WQ_BUF_INIT;
	htmlDocPtr in = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, head, body, node, from;
	xmlBufferPtr xb = NULL;
	xmlSaveCtxtPtr save;
	char *clean;
	copier c;
	int rc = WQ_EFAIL;

	memset(&c, 0, sizeof(c));
	wq_buf_puts(&src, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
	wq_buf_put(&src, html, len);
	wq_buf_puts(&src, "</body></html>");
	if (src.len > INT32_MAX) {
		rc = wq_err_set(err, WQ_ELIMIT, NULL, 0, 0, "chapter too large");
		goto done;
	}
	in = htmlReadMemory(src.ptr, (int)src.len, NULL, "UTF-8",
			    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				    HTML_PARSE_NOIMPLIED);
	from = in ? find_element(xmlDocGetRootElement(in), "body") : NULL;
	if (!from) {
		rc = wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot parse the chapter's HTML");
		goto done;
	}

	doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, root);
	c.page = page;
	c.doc = doc;
	c.xhtml = xmlNewNs(root, (const xmlChar *)WQ_XML_NS_XHTML, NULL);
	c.epub = xmlNewNs(root, (const xmlChar *)WQ_XML_NS_EPUB, (const xmlChar *)"epub");
	xmlSetNs(root, c.xhtml);
	xmlNewProp(root, (const xmlChar *)"lang", (const xmlChar *)page->lang);
	xmlNewNsProp(root, xmlSearchNsByHref(doc, root, XML_XML_NAMESPACE),
		     (const xmlChar *)"lang", (const xmlChar *)page->lang);
	xmlNewProp(root, (const xmlChar *)"dir", (const xmlChar *)page->dir);
	head = xmlNewChild(root, c.xhtml, (const xmlChar *)"head", NULL);
	node = xmlNewChild(head, c.xhtml, (const xmlChar *)"meta", NULL);
	xmlNewProp(node, (const xmlChar *)"charset", (const xmlChar *)"utf-8");
	clean = xml_clean(page->title);
	node = xmlNewChild(head, c.xhtml, (const xmlChar *)"title", NULL);
	xmlAddChild(node, xmlNewDocText(doc, (const xmlChar *)clean));
	free(clean);
	if (page->css) {
		node = xmlNewChild(head, c.xhtml, (const xmlChar *)"link", NULL);
		xmlNewProp(node, (const xmlChar *)"rel", (const xmlChar *)"stylesheet");
		xmlNewProp(node, (const xmlChar *)"type", (const xmlChar *)"text/css");
		xmlNewProp(node, (const xmlChar *)"href", (const xmlChar *)page->css);
	}
	body = xmlNewChild(root, c.xhtml, (const xmlChar *)"body", NULL);
	if (page->body_type)
		xmlNewNsProp(body, c.epub, (const xmlChar *)"type", (const xmlChar *)page->body_type);
	copy_children(&c, from, body);
	keep_end_tags(doc, root);

	xb = xmlBufferCreate();
	save = xmlSaveToBuffer(xb, "UTF-8", XML_SAVE_AS_XML);
	if (!save || xmlSaveDoc(save, doc) < 0) {
		if (save)
			xmlSaveClose(save);
		rc = wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot write the chapter's XHTML");
		goto done;
	}
	xmlSaveClose(save);
	wq_buf_put(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	rc = 0;
done:
	if (xb)
		xmlBufferFree(xb);
	if (doc)
		xmlFreeDoc(doc);
	if (in)
		xmlFreeDoc(in);
	wq_buf_dispose(&c.scratch);
	wq_buf_dispose(&src);
	return rc;
}

/* ------------------------------------------------- XHTML written directly */

/* What is escaped: markup always; quotes in attributes and in cmark-gfm's
 * HTML; carriage returns, line feeds and tabs as libxml2 writes them. */
enum { ESCAPE_TEXT, ESCAPE_ATTR, ESCAPE_HTML };

static void put_escaped(wq_buf *out, const char *s, size_t len, int how)
{
	size_t i, k, from = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		/* What most text is made of, passed over first: printable
		 * ASCII but markup and quotes, and two-byte characters past
		 * the C1 controls (Arabic, Hebrew, accented Latin: none is
		 * forbidden). */
		if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"')
			continue;
		if (wq_text_is_plain_pair(s + i, len - i)) {
			i++;
			continue;
		}
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = how != ESCAPE_TEXT ? "&quot;" : NULL; break;
		case '\r': rep = how != ESCAPE_HTML ? "&#13;" : NULL; break;
		case '\n': rep = how == ESCAPE_ATTR ? "&#10;" : NULL; break;
		case '\t': rep = how == ESCAPE_ATTR ? "&#9;" : NULL; break;
		default:
			if (c >= 0x20 && c < 0x7F)
				break;
			if ((k = wq_text_char_len(s + i, len - i)) != 0) {
				i += k - 1;
				break;
			}
			/* No character a document may hold (cmark-gfm can cut
			 * one in two, e.g. around an unmatched "[^"). */
			rep = "\xEF\xBF\xBD";
			break;
		}
		if (!rep)
			continue;
		wq_buf_put(out, s + from, i - from);
		wq_buf_puts(out, rep);
		from = i + 1;
	}
	if (len > from)
		wq_buf_put(out, s + from, len - from);
}

void wq_xml_put_text(wq_buf *out, const char *s, size_t len)
{
	put_escaped(out, s, len, ESCAPE_TEXT);
}

void wq_xml_put_attr(wq_buf *out, const char *s, size_t len)
{
	put_escaped(out, s, len, ESCAPE_ATTR);
}

void wq_xml_put_html(wq_buf *out, const char *s, size_t len)
{
	put_escaped(out, s, len, ESCAPE_HTML);
}

static void put_attr(wq_buf *out, const char *name, const char *value)
{
	char *clean = xml_clean(value);

	wq_buf_putc(out, ' ');
	wq_buf_puts(out, name);
	wq_buf_puts(out, "=\"");
	wq_xml_put_attr(out, clean, strlen(clean));
	wq_buf_putc(out, '"');
	free(clean);
}

void wq_xml_xhtml_open(wq_buf *out, const wq_xhtml_page *page)
{
	char *title = xml_clean(page->title);

	wq_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
			 "<html xmlns=\"" WQ_XML_NS_XHTML "\" xmlns:epub=\"" WQ_XML_NS_EPUB "\"");
	put_attr(out, "lang", page->lang);
	put_attr(out, "xml:lang", page->lang);
	put_attr(out, "dir", page->dir);
	wq_buf_puts(out, "><head><meta charset=\"utf-8\"/><title>");
	wq_xml_put_text(out, title, strlen(title));
	wq_buf_puts(out, "</title>");
	if (page->css) {
		wq_buf_puts(out, "<link rel=\"stylesheet\" type=\"text/css\"");
		put_attr(out, "href", page->css);
		wq_buf_puts(out, "/>");
	}
	wq_buf_puts(out, "</head><body");
	if (page->body_type)
		put_attr(out, "epub:type", page->body_type);
	wq_buf_putc(out, '>');
	free(title);
}

void wq_xml_xhtml_close(wq_buf *out)
{
	wq_buf_puts(out, "</body></html>\n");
}

bool wq_xml_is_well_formed(const char *xml, size_t len)
{
	xmlDocPtr doc;

	if (len > INT32_MAX)
		return false;
	doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return false;
	xmlFreeDoc(doc);
	return true;
}

/* ------------------------------------------------------------- writer */

struct wq_xmlw {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
};

wq_xmlw *wq_xmlw_new(int html5)
{
	wq_xmlw *x = wq_xcalloc(1, sizeof(*x));

	x->buf = xmlBufferCreate();
	x->w = xmlNewTextWriterMemory(x->buf, 0);
	xmlTextWriterSetIndent(x->w, 1);
	xmlTextWriterSetIndentString(x->w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL);
	if (html5) {
		xmlTextWriterStartDTD(x->w, (const xmlChar *)"html", NULL, NULL);
		xmlTextWriterEndDTD(x->w);
	}
	return x;
}

void wq_xmlw_start(wq_xmlw *w, const char *name)
{
	xmlTextWriterStartElement(w->w, (const xmlChar *)name);
}

void wq_xmlw_attr(wq_xmlw *w, const char *name, const char *value)
{
	char *v = xml_clean(value);
	xmlTextWriterWriteAttribute(w->w, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

void wq_xmlw_text(wq_xmlw *w, const char *text)
{
	char *v = xml_clean(text);
	xmlTextWriterWriteString(w->w, (const xmlChar *)v);
	free(v);
}

void wq_xmlw_end(wq_xmlw *w)
{
	xmlTextWriterEndElement(w->w);
}

void wq_xmlw_element(wq_xmlw *w, const char *name, const char *text)
{
	wq_xmlw_start(w, name);
	wq_xmlw_text(w, text);
	wq_xmlw_end(w);
}

int wq_xmlw_finish(wq_xmlw *w, wq_buf *out, wq_err *err)
{
	int rc = 0;

	if (xmlTextWriterEndDocument(w->w) < 0)
		rc = wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot finish an XML document");
	xmlFreeTextWriter(w->w);
	if (rc == 0)
		wq_buf_put(out, (const char *)xmlBufferContent(w->buf),
			   (size_t)xmlBufferLength(w->buf));
	xmlBufferFree(w->buf);
	free(w);
	return rc;
}
