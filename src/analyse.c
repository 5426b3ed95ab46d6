#include "analyse.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "mem.h"
#include "strmap.h"
#include "text.h"

static void set(char **slot, const char *s)
{
	free(*slot);
	*slot = wq_xstrdup(s);
}

void wq_analyse_doc(wq_doc *doc, const wq_config *cfg)
{
	wq_buf all = WQ_BUF_INIT;
	char lang[16];
	wq_dir dir = WQ_DIR_AUTO;

	wq_buf_puts(&all, doc->title);
	wq_buf_puts(&all, "\n\n");
	wq_buf_puts(&all, doc->plain);
	wq_text_detect(lang, &dir, all.ptr, all.len);

	if (!*doc->lang) {
		if (!cfg->detect_language && *cfg->lang)
			set(&doc->lang, cfg->lang);
		else
			set(&doc->lang, *lang ? lang : *cfg->lang ? cfg->lang : "en");
	}
	if (*doc->dir) {
		doc->base_dir = !strcmp(doc->dir, "rtl") ? WQ_DIR_RTL : WQ_DIR_LTR;
	} else if (!cfg->detect_language && *cfg->dir) {
		doc->base_dir = !strcmp(cfg->dir, "rtl") ? WQ_DIR_RTL : WQ_DIR_LTR;
	} else if (dir != WQ_DIR_AUTO && (!*lang || !strcmp(lang, doc->lang) ||
					  wq_text_lang_dir(doc->lang) == dir)) {
		doc->base_dir = dir;
	} else {
		doc->base_dir = wq_text_lang_dir(doc->lang);
	}
	set(&doc->dir, wq_text_dir_name(doc->base_dir));

	doc->words = wq_text_count_words(doc->plain, strlen(doc->plain), doc->lang);
	doc->minutes = doc->words ? (unsigned)ceil((double)doc->words / cfg->words_per_minute) : 0;

	if (!*doc->summary && *doc->first_para) {
		wq_buf s = WQ_BUF_INIT;
		wq_text_truncate(&s, doc->first_para, strlen(doc->first_para),
				 (size_t)cfg->summary_chars);
		free(doc->summary);
		doc->summary = wq_buf_detach(&s);
	}
	wq_buf_dispose(&all);
}

static void site_language(wq_site *site)
{
	const wq_config *cfg = site->config;
	size_t i, best = 0;
	const char *pick = "en";

	if (*cfg->lang) {
		pick = cfg->lang;
	} else {
		/* The language most documents are in; of two as common, the one
		 * that comes first in site order. */
		wq_strmap *seen = wq_strmap_new();
		size_t *count = wq_xcalloc(site->ndocs ? site->ndocs : 1, sizeof(*count));
		for (i = 0; i < site->ndocs; i++) {
			const char *lang = site->docs[i]->lang;
			/* The map holds the first document in that language. */
			size_t first = i;
			wq_strmap_add_index(seen, lang, strlen(lang), i, &first);
			count[first]++;
		}
		for (i = 0; i < site->ndocs; i++)
			if (count[i] > best) {
				best = count[i];
				pick = site->docs[i]->lang;
			}
		free(count);
		wq_strmap_free(seen);
	}
	snprintf(site->lang, sizeof(site->lang), "%s", pick);
	if (*cfg->dir)
		site->dir = !strcmp(cfg->dir, "rtl") ? WQ_DIR_RTL : WQ_DIR_LTR;
	else
		site->dir = wq_text_lang_dir(site->lang);
}

void wq_analyse_site(wq_site *site)
{
	site_language(site);
	wq_site_sort_tags(site);
	wq_site_tree_titles(site);
}
