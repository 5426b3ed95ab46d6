/* Unit tests for src/card.c: a document's card holds its title as HTML,
 * its dates in the locale (and the second calendar) and its reading time;
 * the site's cards are made once, whichever thread asks first. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "mem.h"
#include "text.h"
#include "yamlval.h"

static wq_doc *new_doc(const char *title, const char *lang, wq_dir dir, size_t index)
{
	wq_doc *doc = wq_doc_new();

	free(doc->title);
	doc->title = wq_xstrdup(title);
	free(doc->lang);
	doc->lang = wq_xstrdup(lang);
	doc->base_dir = dir;
	doc->index = index;
	doc->minutes = 3;
	return doc;
}

typedef struct race {
	wq_cards *cards;
	const wq_doc *doc;
	const wq_config *cfg;
	const wq_val *strings;
	const wq_card *got;
} race;

static void *ask(void *arg)
{
	race *r = arg;

	r->got = wq_cards_get(r->cards, r->doc, r->cfg, r->strings);
	wq_text_release_thread(); /* this thread's ICU objects, as the pool does */
	return NULL;
}

int main(void)
{
	wq_diag *diag = wq_diag_new();
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_val *strings = NULL;
	wq_doc *ar = new_doc("فيروس COVID-19 انتشر", "ar", WQ_DIR_RTL, 0);
	wq_doc *en = new_doc("Plain title", "en", WQ_DIR_LTR, 1);
	wq_doc *far = new_doc("Far", "en", WQ_DIR_LTR, 7);
	wq_cards *cards;
	wq_card *card;
	const wq_card *c1, *c2;
	race r[4];
	pthread_t t[4];
	size_t i;
	static const char yml[] = "reading_time: \"{0, plural, one {# minute} other {# minutes}}\"\n";

	CHECK(wq_config_load(&cfg, "/nonexistent/warraq.yml", false, diag, &err) == 0);
	CHECK(wq_yaml_parse(&strings, yml, strlen(yml), "strings.yml", 1, &err) == 0);
	ar->has_date = true;
	ar->date = 1700000000; /* 2023-11-14T22:13:20Z */

	/* Made now: the title's Latin run isolated, the date and time in Arabic. */
	card = wq_card_make(ar, cfg, strings);
	CHECK_STR(card->title_html, "فيروس <span dir=\"ltr\">COVID-19</span> انتشر");
	CHECK_STR(card->date_iso, "2023-11-14T22:13:20Z");
	CHECK(card->date && strlen(card->date) > 0 && !strchr(card->date, 'T'));
	CHECK(card->date_alt == NULL && card->lastmod == NULL && card->lastmod_iso == NULL);
	CHECK_STR(card->reading_time, "٣ minutes"); /* Arabic's own digits */
	wq_card_free(card);
	/* A second calendar: the date in it too. */
	free(cfg->calendar);
	cfg->calendar = wq_xstrdup("islamic-umalqura");
	card = wq_card_make(ar, cfg, strings);
	CHECK(card->date_alt != NULL && strcmp(card->date_alt, card->date) != 0);
	wq_card_free(card);
	/* No date, no strings: none, and minutes as a number. */
	card = wq_card_make(en, cfg, NULL);
	CHECK(card->date == NULL && card->date_iso == NULL && card->date_alt == NULL);
	CHECK_STR(card->title_html, "Plain title");
	CHECK_STR(card->reading_time, "3 min");
	wq_card_free(card);

	/* The site's cards: made once, the same card to every asker. */
	cards = wq_cards_new(2);
	for (i = 0; i < 4; i++) {
		r[i] = (race){ cards, ar, cfg, strings, NULL };
		CHECK(pthread_create(&t[i], NULL, ask, &r[i]) == 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	c1 = wq_cards_get(cards, ar, cfg, strings);
	for (i = 0; i < 4; i++)
		CHECK(r[i].got == c1);
	c2 = wq_cards_get(cards, en, cfg, strings);
	CHECK(c2 != NULL && c2 != c1);
	CHECK(wq_cards_get(cards, en, cfg, strings) == c2);
	/* No room for it, or no cards: the caller makes its own. */
	CHECK(wq_cards_get(cards, far, cfg, strings) == NULL);
	CHECK(wq_cards_get(NULL, ar, cfg, strings) == NULL);
	wq_cards_free(cards);
	wq_cards_free(NULL);
	wq_card_free(NULL);

	wq_doc_free(ar);
	wq_doc_free(en);
	wq_doc_free(far);
	wq_val_free(strings);
	wq_config_free(cfg);
	wq_diag_free(diag);
	wq_text_release();
	return CHECK_DONE();
}
