/**
 * @file card.h
 * @brief A document's card: what the site's lists, the links to its
 * neighbours and its own page show of it that takes formatting (its
 * title with runs of the other direction isolated, its dates in the
 * locale and calendar, its reading time), made once per build.
 *
 * A document shows on its own page, beside its neighbours, on its
 * section's, tags' and home pages; its card is made the first time one
 * of them asks, on whichever thread, and kept with the site.
 */
#ifndef WQ_CARD_H
#define WQ_CARD_H

#include <stddef.h>

#include "buf.h"
#include "config.h"
#include "doc.h"
#include "value.h"

/** What a card holds: strings in the document's locale; NULL when the
 * document has no such date. */
typedef struct wq_card {
	const char *title_html;   /**< the title as HTML, runs of the other direction isolated */
	const char *date;         /**< the date in the locale */
	const char *date_iso;     /**< the date as RFC 3339 */
	const char *date_alt;     /**< the date in the second calendar (NULL: none set) */
	const char *lastmod;      /**< the last change, as #date */
	const char *lastmod_iso;  /**< the last change, as #date_iso */
	const char *lastmod_alt;  /**< the last change, as #date_alt */
	const char *reading_time; /**< the reading time, in the theme's words */
} wq_card;

/** The cards of a site's documents, by #wq_doc::index; opaque. */
typedef struct wq_cards wq_cards;

/**
 * @brief Room for the cards of @p n documents, none made yet.
 * @param n how many documents. @return owned; free with wq_cards_free().
 */
wq_cards *wq_cards_new(size_t n);

/** @brief Free the cards (NULL is a no-op). @param cards the cards. */
void wq_cards_free(wq_cards *cards);

/**
 * @brief A document's card, made at the first call for it (safe from
 * any thread: the same card is returned to all).  A site renders with
 * one configuration and one theme, so a card is made once.
 * @param cards the site's cards, or NULL.
 * @param doc the document. @param cfg the configuration.
 * @param strings the UI strings of the document's language.
 * @return borrowed (as long as @p cards), or NULL when @p cards is NULL
 *         or has no room for @p doc: make one with wq_card_make() then.
 */
const wq_card *wq_cards_get(wq_cards *cards, const wq_doc *doc, const wq_config *cfg,
			    const wq_val *strings);

/**
 * @brief A document's card, made now and owned by the caller.
 * @param doc the document. @param cfg the configuration.
 * @param strings the UI strings of the document's language.
 * @return owned; free with wq_card_free().
 */
wq_card *wq_card_make(const wq_doc *doc, const wq_config *cfg, const wq_val *strings);

/** @brief Free a card from wq_card_make() (NULL is a no-op). @param card the card. */
void wq_card_free(wq_card *card);

/**
 * @brief Format a reading time with the theme's `reading_time` string, an
 * ICU MessageFormat pattern whose argument 0 is the number of minutes
 * (`{0, plural, =0 {less than a minute} one {# minute} other {# minutes}}`),
 * so every language gets its CLDR plural forms (Arabic has six).
 * @param out receives the text (appended).
 * @param strings the UI strings of the language.
 * @param locale the locale (language, numbering system).
 * @param minutes the reading time.
 */
void wq_card_reading_time(wq_buf *out, const wq_val *strings, const char *locale,
			  unsigned minutes);

#endif
