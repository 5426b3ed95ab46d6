/* GitHub alert blocks: "> [!NOTE]" and its four siblings become labelled
 * callouts, <div class="callout callout-note" role="note">, the label in the
 * page's language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "markdown_int.h"
#include "mem.h"

static const char *const kinds[] = { "note", "tip", "important", "warning", "caution", NULL };

const char wq_md_own_html = 1;

cmark_node *wq_md_html_node(cmark_node_type type, const char *literal)
{
	cmark_node *n = cmark_node_new(type);

	cmark_node_set_literal(n, literal);
	cmark_node_set_user_data(n, (void *)&wq_md_own_html);
	return n;
}

/* The alert kind a blockquote opens with ("[!NOTE]" alone on its first
 * line), or NULL.  cmark splits "[!NOTE]" into several text nodes. */
static const char *alert_kind(cmark_node *quote, cmark_node **last_marker)
{
	cmark_node *para = cmark_node_first_child(quote), *n;
	wq_buf text = WQ_BUF_INIT;
	const char *kind = NULL;
	size_t i;

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	for (n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
			break;
		wq_buf_puts(&text, cmark_node_get_literal(n));
		*last_marker = n;
		if (text.len > 12)
			break;
	}
	if (n && cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(n) != CMARK_NODE_LINEBREAK && cmark_node_get_type(n) != CMARK_NODE_TEXT)
		n = NULL; /* the marker must stand alone on its line */
	for (i = 0; kinds[i] && text.len; i++) {
		size_t k = strlen(kinds[i]);
		const char *t = wq_buf_cstr(&text);
		while (*t == ' ')
			t++;
		if (!strncmp(t, "[!", 2) && !strncasecmp(t + 2, kinds[i], k) && t[2 + k] == ']') {
			const char *rest = t + 3 + k;
			while (*rest == ' ')
				rest++;
			if (!*rest)
				kind = kinds[i];
		}
	}
	wq_buf_dispose(&text);
	return kind;
}

static void make_callout(struct wq_md *md, cmark_node *quote, const char *kind,
			 const cmark_node *last_marker)
{
	cmark_node *para = cmark_node_first_child(quote), *n, *next = NULL, *open, *close;

	/* Drop the marker and the line break after it. */
	for (n = cmark_node_first_child(para); n; n = next) {
		int stop = n == last_marker;
		next = cmark_node_next(n);
		cmark_node_free(n);
		if (stop)
			break;
	}
	if (next && (cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK ||
		     cmark_node_get_type(next) == CMARK_NODE_LINEBREAK))
		cmark_node_free(next);
	if (!cmark_node_first_child(para))
		cmark_node_free(para);

	open = wq_md_html_node(CMARK_NODE_HTML_BLOCK, "");
	close = wq_md_html_node(CMARK_NODE_HTML_BLOCK, "</div>\n");
	cmark_node_insert_before(quote, open);
	cmark_node_insert_after(quote, close);
	while ((n = cmark_node_first_child(quote)) != NULL) {
		cmark_node_unlink(n);
		cmark_node_insert_before(close, n);
	}
	cmark_node_free(quote);
	md->alerts = wq_xgrow(md->alerts, md->nalerts, sizeof(*md->alerts));
	md->alerts[md->nalerts].open = open;
	md->alerts[md->nalerts].kind = kind;
	md->nalerts++;
}

void wq_md_find_alerts(struct wq_md *md)
{
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	cmark_node **quotes = NULL;
	const char **found = NULL;
	cmark_node **markers = NULL;
	size_t n = 0, i;

	/* Collect first, change after: the iterator must not see the surgery. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it), *marker = NULL;
		const char *kind;
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_BLOCK_QUOTE)
			continue;
		if ((kind = alert_kind(node, &marker)) == NULL)
			continue;
		quotes = wq_xgrow(quotes, n, sizeof(*quotes));
		found = wq_xgrow(found, n, sizeof(*found));
		markers = wq_xgrow(markers, n, sizeof(*markers));
		quotes[n] = node;
		found[n] = kind;
		markers[n] = marker;
		n++;
	}
	cmark_iter_free(it);
	for (i = 0; i < n; i++)
		make_callout(md, quotes[i], found[i], markers[i]);
	free(quotes);
	free(found);
	free(markers);
}

const char *wq_md_alert_kind(const struct wq_md *md, const cmark_node *open, size_t *next)
{
	size_t i;

	if (*next < md->nalerts && md->alerts[*next].open == open)
		return md->alerts[(*next)++].kind;
	for (i = 0; i < md->nalerts; i++)
		if (md->alerts[i].open == open)
			return md->alerts[i].kind;
	return NULL;
}

const char *wq_md_alert_label(const char *kind, const wq_val *strings)
{
	static const char *const fallback[] = { "Note", "Tip", "Important", "Warning", "Caution" };
	char key[32];
	const char *label;
	size_t k;

	for (k = 0; kinds[k]; k++)
		if (!strcmp(kinds[k], kind))
			break;
	snprintf(key, sizeof(key), "alert_%s", kinds[k] ? kinds[k] : "note");
	label = wq_val_get_str(wq_val_get(strings, key), NULL);
	return label ? label : fallback[kinds[k] ? k : 0];
}
