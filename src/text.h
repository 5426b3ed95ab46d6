/**
 * @file text.h
 * @brief Text services (ICU): UTF-8 checks, normalisation, script, language
 * and direction detection, word counts, dates and identifiers.
 *
 * The one module that uses ICU.
 */
#ifndef WQ_TEXT_H
#define WQ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/** Base direction of a text. */
typedef enum wq_dir {
	WQ_DIR_AUTO = 0, /**< not decided */
	WQ_DIR_LTR,      /**< left to right */
	WQ_DIR_RTL,      /**< right to left */
} wq_dir;

/**
 * @brief Check that @p data is valid UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF) and holds no NUL byte, no control character
 * but tab, line feed and carriage return, and no Unicode
 * non-character: nothing an HTML or XML document may not hold.
 * @param data the bytes.
 * @param len how many.
 * @param file file name for the message.
 * @param err filled with the 1-based line and column (in characters) of the
 *        first bad byte.
 * @return 0 or #WQ_EINPUT.
 */
int wq_text_check_utf8(const char *data, size_t len, const char *file, wq_err *err);

/**
 * @brief The length of the UTF-8 sequence at @p s when it is one character
 * a document may hold (the characters wq_text_check_utf8() accepts), else 0.
 * @param s the bytes. @param n how many there are from @p s (at least 1).
 * @return 1 to 4, or 0.
 */
size_t wq_text_char_len(const char *s, size_t n);

/**
 * @brief Whether @p s begins with a well-formed two-byte character past
 * the C1 controls (U+00C0 to U+07FF: Latin letters with accents, Greek,
 * Cyrillic, Hebrew, Arabic), none of which is forbidden: one that
 * wq_text_char_len() would measure as 2, told without decoding it.
 * @param s the bytes. @param n how many there are from @p s.
 * @return whether it is such a character.
 */
static inline bool wq_text_is_plain_pair(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	return n >= 2 && u[0] >= 0xC3 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80;
}

/**
 * @brief Clean source text: drop a leading BOM, turn CRLF and lone CR into LF,
 * and normalise to NFC.  The text must already be valid UTF-8.
 * @param out receives the cleaned text (replacing its contents).
 * @param data the text.
 * @param len its length.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_text_clean(wq_buf *out, const char *data, size_t len, wq_err *err);

/**
 * @brief Guess language and direction from the letters in a text.
 *
 * The dominant script decides the language (Arabic script gives `ar`, or
 * `fa` / `ur` when their own letters are frequent; Hebrew `he`; Latin `en`;
 * and so on); the direction is that of the majority of strong characters.
 * @param[out] lang receives a BCP 47 tag (at most 15 bytes + NUL), or "" if
 *             the text has no letters.
 * @param[out] dir receives the direction (#WQ_DIR_AUTO if no strong character).
 * @param text UTF-8 text.
 * @param len its length.
 */
void wq_text_detect(char lang[16], wq_dir *dir, const char *text, size_t len);

/**
 * @brief The usual direction of a language.
 * @param lang a BCP 47 tag.
 * @return #WQ_DIR_RTL for Arabic, Hebrew, Persian, Urdu... else #WQ_DIR_LTR.
 */
wq_dir wq_text_lang_dir(const char *lang);

/** @brief "ltr" or "rtl" (or "auto"). @param dir the direction. @return static string. */
const char *wq_text_dir_name(wq_dir dir);

/**
 * @brief Count words with ICU's word break iterator (locale-aware).
 * @param text UTF-8 text.
 * @param len its length.
 * @param lang locale for the break rules (may be "").
 * @return the number of words (letters or numbers; punctuation not counted).
 */
size_t wq_text_count_words(const char *text, size_t len, const char *lang);

/**
 * @brief Make an identifier for a heading: case folded, letters (Arabic kept),
 * marks and digits kept, spaces and dashes to single '-', other characters dropped.
 * @param out receives the id (replacing its contents); "section" if nothing is left.
 * @param text UTF-8 heading text.
 * @param len its length.
 */
void wq_text_make_id(wq_buf *out, const char *text, size_t len);

/**
 * @brief Format a date for readers, in the language's locale (ICU, long style),
 * in UTC.
 * @param out receives the text (appended).
 * @param epoch seconds since 1970-01-01 UTC.
 * @param lang the locale.
 */
void wq_text_format_date(wq_buf *out, int64_t epoch, const char *lang);

/**
 * @brief Parse an ISO 8601 / RFC 3339 date: `YYYY-MM-DD`, optionally followed
 * by `THH:MM[:SS][.fff]` and `Z` or `±HH:MM`.
 * @param[out] epoch seconds since 1970-01-01 UTC.
 * @param s the text.
 * @return true when @p s is such a date.
 */
bool wq_text_parse_date(int64_t *epoch, const char *s);

/**
 * @brief Format @p epoch as RFC 3339 in UTC (`2022-11-30T00:00:00Z`).
 * @param out receives the text (appended).
 * @param epoch seconds since 1970-01-01 UTC.
 */
void wq_text_format_rfc3339(wq_buf *out, int64_t epoch);

/**
 * @brief Count the characters (code points) in the first @p len bytes.
 * @param s UTF-8 text. @param len bytes. @return code points.
 */
size_t wq_text_chars(const char *s, size_t len);

/**
 * @brief Shorten text to at most @p max_chars characters, cutting at a word
 * boundary and adding an ellipsis when something was cut.
 * @param out receives the text (appended).
 * @param text UTF-8 text. @param len its length. @param max_chars the limit.
 */
void wq_text_truncate(wq_buf *out, const char *text, size_t len, size_t max_chars);

/**
 * @brief The CLDR plural category of a count in a language (ICU plural
 * rules): "zero", "one", "two", "few", "many" or "other".
 * @param[out] out receives the category (at most 7 bytes + NUL).
 * @param lang the language.
 * @param n the count.
 */
void wq_text_plural(char out[8], const char *lang, double n);

/**
 * @brief Format an integer in the language's locale (ICU: its digits and
 * grouping).
 * @param out receives the text (appended).
 * @param n the number.
 * @param lang the locale.
 */
void wq_text_format_int(wq_buf *out, int64_t n, const char *lang);

/**
 * @brief An ASCII-only slug: the text transliterated with ICU
 * (`Any-Latin; Latin-ASCII`), lower case, every run of other characters
 * turned into one '-'.
 * @param out receives the slug (replacing its contents); @p fallback when
 *        nothing is left.
 * @param text UTF-8 text. @param len its length.
 * @param fallback used when the result would be empty.
 */
void wq_text_ascii_slug(wq_buf *out, const char *text, size_t len, const char *fallback);

/**
 * @brief Build what wq_text_ascii_slug() transliterates with, if it is not
 * built yet (ICU takes some milliseconds over it): a caller that will need
 * it may have it built on another thread beforehand; wq_text_ascii_slug()
 * waits for a build under way.  Released by wq_text_release().
 */
void wq_text_ascii_slug_prepare(void);

/**
 * @brief Close the ICU objects the text functions keep for the whole run
 * (the transliterator of wq_text_ascii_slug(), and the calling thread's
 * date, number and message formatters, plural rules and word iterators,
 * each opened once per locale and pattern); they are made again when
 * needed.  Call at the end of a build, and at the end of every thread that
 * used the text functions.
 */
void wq_text_release(void);

/**
 * @brief The characters a UTF-8 text holds, each once, in ascending order.
 * @param[out] out the code points (owned; NULL when there are none).
 * @param[out] n their number.
 * @param s the text (valid UTF-8). @param len its length.
 */
void wq_text_chars_used(uint32_t **out, size_t *n, const char *s, size_t len);

/**
 * @brief The words of a text as the search index and the search page see
 * them: folded as the page folds (Arabic diacritics and tatweel dropped,
 * alef forms to bare alef, alef maqsura and Persian yeh to yeh, teh
 * marbuta to heh, Persian keheh to kaf, Eastern Arabic and Persian digits
 * to ASCII, Latin case folded), then runs of letters, marks, digits and
 * joiners.
 * @param s the text (UTF-8). @param len its length.
 * @param fn called with each word (not NUL-terminated) and its length.
 * @param ctx passed to @p fn.
 */
void wq_text_search_words(const char *s, size_t len,
			  void (*fn)(void *ctx, const char *word, size_t n), void *ctx);

/**
 * @brief Close the calling thread's ICU objects only (see
 * wq_text_release()); for threads that end before the build does.
 */
void wq_text_release_thread(void);

/**
 * @brief How a locale writes whole numbers, for a page's script to write
 * them the same way without the browser's Intl.NumberFormat (which takes
 * tens of milliseconds to start).
 * @param digits receives the ten digits, 0 to 9, in the locale's
 *        numbering system (appended; `٠١٢٣٤٥٦٧٨٩`).
 * @param group receives the grouping separator (appended; empty when the
 *        locale does not group digits).
 * @param[out] sizes the primary and secondary grouping sizes and the
 *        minimum number of digits in the leftmost group before a
 *        separator is written (`3, 3, 1`); all 0 without grouping.
 * @param locale the locale (see wq_text_locale()).
 */
void wq_text_number_symbols(wq_buf *digits, wq_buf *group, int sizes[3], const char *locale);

/**
 * @brief A locale id for ICU: the language, with a numbering system and a
 * calendar when given (`ar@numbers=latn;calendar=islamic-umalqura`).
 * @param[out] out receives the id (at most 95 bytes + NUL).
 * @param lang the language. @param numbering ICU numbering system
 *        (`latn`, `arab`...) or NULL/"" for the language's own.
 * @param calendar ICU calendar (`gregorian`, `islamic-umalqura`...) or NULL/"".
 */
void wq_text_locale(char out[96], const char *lang, const char *numbering, const char *calendar);

/**
 * @brief Format an ICU MessageFormat pattern with one number as argument 0
 * (`{0, plural, one {# minute} other {# minutes}}`), with CLDR plural rules.
 * @param out receives the text (appended).
 * @param pattern the pattern (UTF-8).
 * @param locale the locale (see wq_text_locale()).
 * @param n the number.
 * @param[out] error_offset where a bad pattern goes wrong (may be NULL).
 * @return 0, or #WQ_EINPUT when the pattern is not valid.
 */
int wq_text_message(wq_buf *out, const char *pattern, const char *locale, double n,
		    int *error_offset);

/**
 * @brief Whether ICU knows a numbering system or a calendar by this name.
 * @param calendar true to check a calendar, false a numbering system.
 * @param name the name (`latn`, `arab`, `islamic-umalqura`...).
 * @return true when known.
 */
bool wq_text_known_keyword(bool calendar, const char *name);

/** A stretch of text, as byte offsets. */
typedef struct wq_text_span {
	size_t start; /**< first byte */
	size_t end;   /**< one past the last byte */
} wq_text_span;

/**
 * @brief Count the strong characters of each direction (ICU bidi classes:
 * L against R and AL), and the others that may make a run to isolate.
 * @param text UTF-8 text. @param len its length.
 * @param[out] ltr strong left-to-right characters.
 * @param[out] rtl strong right-to-left characters.
 * @param[out] others digits and explicit formatting characters (classes
 *        EN, AN, LRE to PDI): a text without them, and without strong
 *        characters of the direction other than its paragraph's, holds no
 *        run for wq_text_isolate_runs() (it returns 0 for it).
 */
void wq_text_strong_counts(const char *text, size_t len, size_t *ltr, size_t *rtl,
			   size_t *others);

/**
 * @brief The runs of a paragraph that need isolating: stretches of the
 * opposite direction (they hold at least one strong character of it, as
 * ICU's bidi algorithm resolves them in a paragraph of direction @p para)
 * whose first or last character is neutral or weak (brackets, punctuation,
 * digits, `@`, `/`).  A run enclosed by a pair of brackets takes the
 * brackets with it.
 * @param[out] out the runs, in text order; free() it.
 * @param text UTF-8 text (valid). @param len its length.
 * @param para the paragraph's direction (#WQ_DIR_LTR or #WQ_DIR_RTL).
 * @return the number of runs.
 */
size_t wq_text_isolate_runs(wq_text_span **out, const char *text, size_t len, wq_dir para);

/**
 * @brief Append @p text with the runs wq_text_isolate_runs() finds wrapped
 * in Unicode isolates (LRI or RLI ... PDI): for text that cannot hold
 * markup, in a context of direction @p dir.
 * @param out receives the text. @param text UTF-8 text. @param dir its direction.
 */
void wq_text_put_runs_isolated(wq_buf *out, const char *text, wq_dir dir);

/**
 * @brief Append @p text HTML-escaped, with the runs wq_text_isolate_runs()
 * finds wrapped in `<span dir="...">`.
 * @param out receives the HTML. @param text UTF-8 text. @param dir its direction.
 */
void wq_text_put_runs_html(wq_buf *out, const char *text, wq_dir dir);

/**
 * @brief Append @p text, wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL
 * ISOLATE when its direction is not @p context: for places that cannot hold
 * markup (titles, feeds, navigation labels).
 * @param out receives the text. @param text UTF-8 text.
 * @param context the direction of what surrounds it.
 */
void wq_text_put_isolated(wq_buf *out, const char *text, wq_dir context);

/**
 * @brief The order of strings in a language's alphabetical order (ICU
 * collation: hamza forms of alef beside alef, case and diacritics second).
 * @param[out] order receives the indexes of @p keys, sorted (@p n of them).
 * @param keys UTF-8 strings. @param n how many.
 * @param lang the language whose order applies ("" for the root order).
 */
void wq_text_collation_order(size_t *order, const char *const *keys, size_t n, const char *lang);

/**
 * @brief The name of a language in that language (ICU's display name:
 * `ar` العربية, `fr` Français, its first letter made a capital where the
 * script has them), for a language switcher.
 * @param out receives the name (the tag itself when ICU has none).
 * @param lang a BCP 47 tag.
 */
void wq_text_language_name(wq_buf *out, const char *lang);

/**
 * @brief Whether a text may be a language tag where one is given
 * (`lang:` in front matter and in `languages:`): 2 to 15 ASCII letters,
 * digits and '-'.
 * @param s the text. @return true if so.
 */
bool wq_text_is_lang_tag(const char *s);

#endif
