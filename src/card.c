#include "card.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "text.h"

struct wq_cards {
	size_t n;
	_Atomic(wq_card *) *slot;
};

wq_cards *wq_cards_new(size_t n)
{
	wq_cards *cards = wq_xcalloc(1, sizeof(*cards));
	size_t i;

	cards->n = n;
	cards->slot = wq_xmalloc((n ? n : 1) * sizeof(*cards->slot));
	for (i = 0; i < n; i++)
		atomic_init(&cards->slot[i], NULL);
	return cards;
}

void wq_cards_free(wq_cards *cards)
{
	size_t i;

	if (!cards)
		return;
	for (i = 0; i < cards->n; i++)
		wq_card_free(atomic_load(&cards->slot[i]));
	free(cards->slot);
	free(cards);
}

void wq_card_reading_time(wq_buf *out, const wq_val *strings, const char *locale,
			  unsigned minutes)
{
	const char *message = wq_val_get_str(wq_val_get(strings, "reading_time"), NULL);

	if (message && wq_text_message(out, message, locale, minutes, NULL) == 0)
		return;
	wq_text_format_int(out, minutes, locale);
	wq_buf_puts(out, " min");
}

/* The card's strings, put one after the other (each with its NUL) while
 * it is made: offsets, made pointers once the bytes stop moving. */
enum { C_TITLE, C_DATE, C_DATE_ISO, C_DATE_ALT, C_LASTMOD, C_LASTMOD_ISO, C_LASTMOD_ALT,
       C_READING, C_N };

static void mark(size_t at[C_N], int which, wq_buf *b)
{
	at[which] = b->len;
}

static void end(wq_buf *b)
{
	wq_buf_putc(b, '\0');
}

static void put_date(wq_buf *b, size_t at[C_N], int first, int64_t t, const wq_doc *doc,
		     const wq_config *cfg, const char *locale)
{
	mark(at, first, b);
	wq_text_format_date(b, t, locale);
	end(b);
	mark(at, first + 1, b);
	wq_text_format_rfc3339(b, t);
	end(b);
	if (*cfg->calendar) {
		char alt[96];
		wq_text_locale(alt, doc->lang, cfg->numbering, cfg->calendar);
		mark(at, first + 2, b);
		wq_text_format_date(b, t, alt);
		end(b);
	}
}

wq_card *wq_card_make(const wq_doc *doc, const wq_config *cfg, const wq_val *strings)
{
	wq_buf b = WQ_BUF_INIT;
	size_t at[C_N];
	const char *p[C_N];
	char locale[96], *bytes;
	wq_card *card;
	int k;

	for (k = 0; k < C_N; k++)
		at[k] = SIZE_MAX;
	wq_text_locale(locale, doc->lang, cfg->numbering, NULL);
	mark(at, C_TITLE, &b);
	wq_text_put_runs_html(&b, doc->title, doc->base_dir);
	end(&b);
	if (doc->has_date)
		put_date(&b, at, C_DATE, doc->date, doc, cfg, locale);
	if (doc->has_lastmod)
		put_date(&b, at, C_LASTMOD, doc->lastmod, doc, cfg, locale);
	mark(at, C_READING, &b);
	wq_card_reading_time(&b, strings, locale, doc->minutes);
	end(&b);
	/* One allocation: the card, then its bytes. */
	card = wq_xmalloc(sizeof(*card) + b.len);
	bytes = (char *)(card + 1);
	memcpy(bytes, b.ptr, b.len);
	for (k = 0; k < C_N; k++)
		p[k] = at[k] == SIZE_MAX ? NULL : bytes + at[k];
	card->title_html = p[C_TITLE];
	card->date = p[C_DATE];
	card->date_iso = p[C_DATE_ISO];
	card->date_alt = p[C_DATE_ALT];
	card->lastmod = p[C_LASTMOD];
	card->lastmod_iso = p[C_LASTMOD_ISO];
	card->lastmod_alt = p[C_LASTMOD_ALT];
	card->reading_time = p[C_READING];
	wq_buf_dispose(&b);
	return card;
}

void wq_card_free(wq_card *card)
{
	free(card);
}

const wq_card *wq_cards_get(wq_cards *cards, const wq_doc *doc, const wq_config *cfg,
			    const wq_val *strings)
{
	wq_card *card, *none = NULL;

	if (!cards || doc->index >= cards->n)
		return NULL;
	card = atomic_load_explicit(&cards->slot[doc->index], memory_order_acquire);
	if (card)
		return card;
	card = wq_card_make(doc, cfg, strings);
	/* Another thread may have made it meanwhile: the first one kept wins. */
	if (!atomic_compare_exchange_strong_explicit(&cards->slot[doc->index], &none, card,
						     memory_order_acq_rel, memory_order_acquire)) {
		wq_card_free(card);
		card = none;
	}
	return card;
}
