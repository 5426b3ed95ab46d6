#define _POSIX_C_SOURCE 200809L
#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/unum.h>
#include <unicode/unumsys.h>
#include <unicode/upluralrules.h>
#include <unicode/utrans.h>
#include <unicode/udat.h>
#include <unicode/umsg.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "charinfo.h"
#include "mem.h"
#include "strmap.h"

/* ------------------------------------------------------ ICU object cache */

/* ICU's formatters, rules and iterators take far longer to open than to
 * use: each is opened once per thread, locale and pattern, and kept until
 * wq_text_release() (ICU objects are not shared between threads). */
enum icu_kind { ICU_DATE, ICU_PLURAL, ICU_NUMBER, ICU_MESSAGE, ICU_WORDS };

/* Most ICU objects a thread keeps. */
#define ICU_CACHE_MAX 256

typedef struct icu_obj {
	char *key; /* kind, locale, NUL, pattern */
	size_t keylen;
	enum icu_kind kind;
	void *obj;
} icu_obj;

typedef struct icu_objs {
	/* cppcheck-suppress unusedStructMember ; used through icu_cache (cppcheck misses _Thread_local) */
	wq_strmap *map;  /* key → icu_obj */
	/* cppcheck-suppress unusedStructMember ; used through icu_cache (cppcheck misses _Thread_local) */
	icu_obj **items; /* every object, to close them */
	/* cppcheck-suppress unusedStructMember ; used through icu_cache (cppcheck misses _Thread_local) */
	size_t n;
} icu_objs;

static _Thread_local icu_objs icu_cache;

static void icu_key(wq_buf *key, enum icu_kind kind, const char *locale, const char *pattern)
{
	wq_buf_clear(key);
	wq_buf_putc(key, (char)('0' + kind));
	wq_buf_puts(key, locale);
	wq_buf_put(key, "", 1);
	wq_buf_puts(key, pattern ? pattern : "");
}

static void *icu_get(enum icu_kind kind, const char *locale, const char *pattern)
{
	wq_buf key = WQ_BUF_INIT;
	icu_obj *o;

	icu_key(&key, kind, locale, pattern);
	o = wq_strmap_get(icu_cache.map, key.ptr, key.len);
	wq_buf_dispose(&key);
	return o ? o->obj : NULL;
}

static void icu_cache_release(void);

static void icu_put(enum icu_kind kind, const char *locale, const char *pattern, void *obj)
{
	wq_buf key = WQ_BUF_INIT;
	icu_obj *o;

	/* A site names a few languages; hostile input could name thousands:
	 * past a bound, the cache starts over. */
	if (icu_cache.n >= ICU_CACHE_MAX)
		icu_cache_release();
	o = wq_xcalloc(1, sizeof(*o));

	icu_key(&key, kind, locale, pattern);
	o->keylen = key.len;
	o->key = wq_buf_detach(&key);
	o->kind = kind;
	o->obj = obj;
	if (!icu_cache.map)
		icu_cache.map = wq_strmap_new();
	WQ_APPEND(icu_cache.items, icu_cache.n, o);
	wq_strmap_add(icu_cache.map, o->key, o->keylen, o);
}

static void icu_cache_release(void)
{
	size_t i;

	for (i = 0; i < icu_cache.n; i++) {
		icu_obj *o = icu_cache.items[i];
		switch (o->kind) {
		case ICU_DATE: udat_close(o->obj); break;
		case ICU_PLURAL: uplrules_close(o->obj); break;
		case ICU_NUMBER: unum_close(o->obj); break;
		case ICU_MESSAGE: umsg_close(o->obj); break;
		case ICU_WORDS: ubrk_close(o->obj); break;
		}
		free(o->key);
		free(o);
	}
	free(icu_cache.items);
	wq_strmap_free(icu_cache.map);
	icu_cache.items = NULL;
	icu_cache.map = NULL;
	icu_cache.n = 0;
}

/* ---------------------------------------------------------------- UTF-8 */

/* Characters no HTML or XML document may hold. */
static bool is_forbidden(UChar32 c)
{
	return (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F ||
	       (c >= 0x80 && c <= 0x9F) || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
}

size_t wq_text_char_len(const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	int32_t j = 0, m = (int32_t)(n > 4 ? 4 : n);
	UChar32 c;

	if (!n)
		return 0;
	if (u[0] < 0x80)
		return is_forbidden(u[0]) || u[0] == 0 ? 0 : 1;
	U8_NEXT(u, j, m, c);
	return c < 0 || is_forbidden(c) ? 0 : (size_t)j;
}

/* Line and column (in characters, from 1) of byte @p at of @p s, whose
 * bytes before it are valid UTF-8: counted only for a message. */
static void line_col_at(const uint8_t *s, size_t at, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < at; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			(*col)++; /* a character's first byte */
		}
	}
}

int wq_text_check_utf8(const char *data, size_t len, const char *file, wq_err *err)
{
	const uint8_t *s = (const uint8_t *)data;
	int32_t i = 0, n, start = 0;
	unsigned line, col;
	UChar32 c = 0;
	bool bad = false;

	if (len > INT32_MAX) /* files are capped far below this */
		return wq_err_set(err, WQ_ELIMIT, file, 1, 1, "file too large");
	n = (int32_t)len;
	while (i < n && !bad) {
		/* Printable ASCII and well-formed two-byte characters past the
		 * C1 controls (none is forbidden) are most of a text. */
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		if (wq_text_is_plain_pair(data + i, (size_t)(n - i))) {
			i += 2;
			continue;
		}
		start = i;
		if (s[i] < 0x80)
			c = s[i++];
		else
			U8_NEXT(s, i, n, c);
		bad = c < 0 || is_forbidden(c);
	}
	if (!bad)
		return 0;
	line_col_at(s, (size_t)start, &line, &col);
	if (s[start] == 0)
		return wq_err_set(err, WQ_EINPUT, file, line, col,
				  "NUL byte in text (is this a binary file?)");
	if (c < 0)
		return wq_err_set(err, WQ_EINPUT, file, line, col, "invalid UTF-8 byte 0x%02X",
				  s[start]);
	return wq_err_set(err, WQ_EINPUT, file, line, col,
			  "control or non-character U+%04X in text", (unsigned)c);
}

size_t wq_text_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* ------------------------------------------------------ UTF-16 helpers */

static UChar *to_u16(const char *s, size_t len, int32_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;

	if (len > INT32_MAX / 2) {
		*out_len = 0;
		return wq_xcalloc(1, sizeof(UChar));
	}
	u_strFromUTF8Lenient(NULL, 0, &n, s, (int32_t)len, &st);
	st = U_ZERO_ERROR;
	u = wq_xmalloc(((size_t)n + 1) * sizeof(UChar));
	u_strFromUTF8Lenient(u, n + 1, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st))
		n = 0;
	u[n] = 0;
	*out_len = n;
	return u;
}

/* Append code point @p c as UTF-8 (nothing for a surrogate or one past
 * U+10FFFF), in place. */
static inline void put_code_point(wq_buf *out, UChar32 c)
{
	int32_t k = 0;
	UBool bad = false;

	if (out->len + 5 > out->cap) /* (called for every character of a text) */
		wq_buf_grow(out, 4);
	if (c >= 0 && c < 0x800) { /* ASCII and two bytes: most of a text */
		if (c < 0x80) {
			out->ptr[out->len++] = (char)c;
		} else {
			out->ptr[out->len++] = (char)(0xC0 | (c >> 6));
			out->ptr[out->len++] = (char)(0x80 | (c & 0x3F));
		}
		out->ptr[out->len] = '\0';
		return;
	}
	U8_APPEND((uint8_t *)out->ptr + out->len, k, 4, c, bad);
	if (!bad) {
		out->len += (size_t)k;
		out->ptr[out->len] = '\0';
	}
}

static void put_u16(wq_buf *out, const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;

	u_strToUTF8WithSub(NULL, 0, &need, u, n, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	wq_buf_grow(out, (size_t)need);
	u_strToUTF8WithSub(out->ptr + out->len, need + 1, &need, u, n, 0xFFFD, NULL, &st);
	if (U_SUCCESS(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
		out->len += (size_t)need;
		out->ptr[out->len] = '\0';
	}
}

/* ------------------------------------------------------------ cleaning */

/* Whether the (valid UTF-8) text is in NFC by the quick check of UAX #15:
 * no character that NFC never keeps, none that may compose with the one
 * before, and combining marks in canonical order.  False means "ask
 * ICU", not "not in NFC". */
static bool nfc_quick_yes(const char *text, size_t len)
{
	int32_t i = 0, n = (int32_t)len;
	uint8_t last = 0;

	if (len > INT32_MAX)
		return false;
	wq_charinfo_init();
	while (i < n) {
		UChar32 c;
		uint8_t ccc;
		if ((uint8_t)text[i] < 0x80) {
			i++;
			last = 0;
			continue;
		}
		U8_NEXT(text, i, n, c);
		if (c < 0)
			return false;
		ccc = wq_char_ccc(c);
		if ((ccc && last > ccc) || wq_char_nfc_qc(c) != UNORM_YES)
			return false;
		last = ccc;
	}
	return true;
}

int wq_text_clean(wq_buf *out, const char *data, size_t len, wq_err *err)
{
	wq_buf lf = WQ_BUF_INIT;
	const UNormalizer2 *nfc;
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL, *norm = NULL;
	int32_t ulen, nlen;
	size_t i;
	int rc = WQ_EFAIL;

	wq_buf_clear(out);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	wq_buf_grow(&lf, len);
	if (!memchr(data, '\r', len)) {
		memcpy(lf.ptr, data, len);
		lf.len = len;
	} else {
		for (i = 0; i < len; i++) {
			if (data[i] == '\r') {
				lf.ptr[lf.len++] = '\n';
				if (i + 1 < len && data[i + 1] == '\n')
					i++;
			} else {
				lf.ptr[lf.len++] = data[i];
			}
		}
	}
	lf.ptr[lf.len] = '\0';

	if (nfc_quick_yes(lf.ptr, lf.len)) {
		/* The text as it is: the buffer itself, not a copy. */
		wq_buf_dispose(out);
		*out = lf;
		return 0;
	}
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st)) {
		rc = wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "ICU: %s", u_errorName(st));
		goto done;
	}
	u = to_u16(lf.ptr, lf.len, &ulen);
	if (unorm2_isNormalized(nfc, u, ulen, &st) && U_SUCCESS(st)) {
		wq_buf_put(out, lf.ptr, lf.len);
		rc = 0;
		goto done;
	}
	st = U_ZERO_ERROR;
	nlen = unorm2_normalize(nfc, u, ulen, NULL, 0, &st);
	st = U_ZERO_ERROR;
	norm = wq_xmalloc(((size_t)nlen + 1) * sizeof(UChar));
	unorm2_normalize(nfc, u, ulen, norm, nlen + 1, &st);
	if (U_FAILURE(st)) {
		rc = wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "ICU normalisation: %s", u_errorName(st));
		goto done;
	}
	put_u16(out, norm, nlen);
	rc = 0;
done:
	free(u);
	free(norm);
	wq_buf_dispose(&lf);
	return rc;
}

/* ---------------------------------------------- language and direction */

static const struct {
	UScriptCode script;
	const char *lang;
} script_langs[] = {
	{ USCRIPT_ARABIC, "ar" },     { USCRIPT_HEBREW, "he" },
	{ USCRIPT_LATIN, "en" },      { USCRIPT_CYRILLIC, "ru" },
	{ USCRIPT_GREEK, "el" },      { USCRIPT_HAN, "zh" },
	{ USCRIPT_HIRAGANA, "ja" },   { USCRIPT_KATAKANA, "ja" },
	{ USCRIPT_HANGUL, "ko" },     { USCRIPT_DEVANAGARI, "hi" },
	{ USCRIPT_THAI, "th" },       { USCRIPT_ARMENIAN, "hy" },
	{ USCRIPT_GEORGIAN, "ka" },   { USCRIPT_SYRIAC, "syr" },
	{ USCRIPT_THAANA, "dv" },     { USCRIPT_ETHIOPIC, "am" },
	{ USCRIPT_BENGALI, "bn" },    { USCRIPT_TAMIL, "ta" },
};
#define N_SCRIPTS (sizeof(script_langs) / sizeof(script_langs[0]))

void wq_text_detect(char lang[16], wq_dir *dir, const char *text, size_t len)
{
	size_t counts[N_SCRIPTS] = { 0 };
	size_t persian = 0, urdu = 0, rtl = 0, ltr = 0, best = 0, i;
	int32_t at = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);
	const char *pick = "";

	wq_charinfo_init();
	while (at < n) {
		UChar32 c;
		UScriptCode sc;
		UCharDirection d;

		U8_NEXT(text, at, n, c);
		if (c < 0)
			continue;
		d = wq_char_dir(c);
		if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
			rtl++;
		else if (d == U_LEFT_TO_RIGHT)
			ltr++;
		if (!wq_char_is_alpha(c))
			continue;
		/* Letters only Persian or Urdu use among Arabic-script languages
		 * (all between U+0679 and U+06D2). */
		if (c >= 0x0679 && c <= 0x06D2) {
			if (c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06AF || c == 0x06CC)
				persian++;
			if (c == 0x0679 || c == 0x0688 || c == 0x0691 || c == 0x06BA ||
			    c == 0x06BE || c == 0x06C1 || c == 0x06D2)
				urdu++;
		}
		sc = wq_char_script(c);
		for (i = 0; i < N_SCRIPTS; i++) {
			if (script_langs[i].script == sc) {
				counts[i]++;
				break; /* each script is in the list once */
			}
		}
	}
	for (i = 0; i < N_SCRIPTS; i++) {
		if (counts[i] > best) {
			best = counts[i];
			pick = script_langs[i].lang;
		}
	}
	if (!strcmp(pick, "ar") && best) {
		/* A few loanwords do not make a text Persian: ask for 1 in 100. */
		if (urdu * 100 >= best && urdu >= persian / 2)
			pick = "ur";
		else if (persian * 100 >= best)
			pick = "fa";
	}
	snprintf(lang, 16, "%s", pick);
	*dir = rtl > ltr ? WQ_DIR_RTL : ltr > 0 ? WQ_DIR_LTR : rtl ? WQ_DIR_RTL : WQ_DIR_AUTO;
}

wq_dir wq_text_lang_dir(const char *lang)
{
	static const char *const rtl[] = { "ar", "he", "iw", "fa", "ur", "ps", "sd", "ug",
					   "yi", "dv", "ckb", "syr", "ku-Arab", NULL };
	size_t i;

	for (i = 0; rtl[i]; i++) {
		size_t n = strlen(rtl[i]);
		if (!strncmp(lang, rtl[i], n) && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
			return WQ_DIR_RTL;
	}
	return WQ_DIR_LTR;
}

const char *wq_text_dir_name(wq_dir dir)
{
	return dir == WQ_DIR_RTL ? "rtl" : dir == WQ_DIR_LTR ? "ltr" : "auto";
}

/* ------------------------------------------------------------- words */

/* The word-break classes the count below knows (UAX #29 as ICU's root
 * rules have it); any other character leaves the count to ICU. */
enum {
	WB_OTHER,
	WB_LETTER,
	WB_HEBREW,
	WB_NUMERIC,
	WB_MIDLETTER,
	WB_MIDNUM,
	WB_MIDNUMLET,
	WB_SQUOTE,
	WB_DQUOTE,
	WB_IGNORED, /* Extend, Format, ZWJ: part of the character before (WB4) */
	WB_NEWLINE,
	WB_UNKNOWN
};

static int word_class_of(int wb, UChar32 c, bool pict)
{
	if (pict)
		return WB_UNKNOWN; /* WB3c joins it after a ZWJ */
	switch (wb) {
	case U_WB_ALETTER:
		return WB_LETTER;
	case U_WB_HEBREW_LETTER:
		return WB_HEBREW;
	case U_WB_NUMERIC:
		return WB_NUMERIC;
	case U_WB_MIDLETTER:
		return c == 0x3A ? WB_OTHER : WB_MIDLETTER; /* ICU's root rules: no colon */
	case U_WB_MIDNUM:
		return WB_MIDNUM;
	case U_WB_MIDNUMLET:
		return WB_MIDNUMLET;
	case U_WB_SINGLE_QUOTE:
		return WB_SQUOTE;
	case U_WB_DOUBLE_QUOTE:
		return WB_DQUOTE;
	case U_WB_EXTEND:
	case U_WB_FORMAT:
	case U_WB_ZWJ:
		return WB_IGNORED;
	case U_WB_CR:
	case U_WB_LF:
	case U_WB_NEWLINE:
		return WB_NEWLINE;
	case U_WB_OTHER:
	case U_WB_WSEGSPACE:
		return WB_OTHER;
	default:
		return WB_UNKNOWN; /* ExtendNumLet, Katakana, Regional_Indicator... */
	}
}

static int word_class(UChar32 c)
{
	/* Beyond the table: ZWNJ and ZWJ (in Persian words) and the quotation
	 * marks written as apostrophes; Han, Thai and others have rules of
	 * their own. */
	if (c >= WQ_CHARINFO_LIMIT && c != 0x200C && c != 0x200D && c != 0x2018 && c != 0x2019)
		return WB_UNKNOWN;
	return word_class_of(wq_char_word_break(c), c, wq_char_is_pict(c));
}

/* word_class() of each code point the character table holds, made once
 * from it (the count below asks it of every character). */
static uint8_t word_classes[WQ_CHARINFO_LIMIT];
static pthread_once_t word_classes_once = PTHREAD_ONCE_INIT;

static void fill_word_classes(void)
{
	UChar32 c;

	wq_charinfo_init();
	for (c = 0; c < WQ_CHARINFO_LIMIT; c++)
		word_classes[c] = (uint8_t)word_class(c);
}

static bool is_ahletter(int k)
{
	return k == WB_LETTER || k == WB_HEBREW;
}

static bool is_word_start(int k)
{
	return is_ahletter(k) || k == WB_NUMERIC;
}

/* A class marked so was followed by characters WB4 joins to it. */
#define TRAILED 0x80

/* What wq_text_count_words() counts, without ICU's break iterator, when
 * every character of the text is of a class above (-1 otherwise): the
 * segments that hold a letter or a digit, joined by rules WB4-WB12 of
 * UAX #29, with ICU's status for each (a test compares both counts on
 * random texts). */
static long count_words_fast(const char *text, size_t len)
{
	uint8_t stack[512], *k = len <= sizeof(stack) ? stack : wq_xmalloc(len);
	int32_t i = 0, n = (int32_t)len;
	size_t m = 0, j;
	long words = 0;
	int prev = WB_NEWLINE; /* the start of the text is as after a line */

	pthread_once(&word_classes_once, fill_word_classes);
	while (i < n) {
		UChar32 c;
		int cls;
		U8_NEXT(text, i, n, c);
		if (c < 0 ||
		    (cls = c < WQ_CHARINFO_LIMIT ? word_classes[c] : word_class(c)) == WB_UNKNOWN) {
			words = -1;
			goto done;
		}
		if (cls == WB_IGNORED) {
			if (prev != WB_NEWLINE) {
				k[m - 1] |= TRAILED; /* WB4: part of the one before */
				continue;
			}
			cls = WB_OTHER; /* at the start or after a line: alone */
		}
		k[m++] = (uint8_t)cls;
		prev = cls;
	}
	for (j = 0; j < m;) {
		if (!is_word_start(k[j] & ~TRAILED)) {
			j++;
			continue;
		}
		words++;
		for (;;) {
			int cur = k[j] & ~TRAILED, next = j + 1 < m ? k[j + 1] & ~TRAILED : WB_OTHER,
			    after;
			bool mid_letter, mid_num;
			if (is_word_start(next)) { /* WB5, WB8, WB9, WB10 */
				j++;
				continue;
			}
			after = j + 2 < m ? k[j + 2] & ~TRAILED : WB_OTHER;
			mid_letter = next == WB_MIDLETTER || next == WB_MIDNUMLET || next == WB_SQUOTE;
			mid_num = next == WB_MIDNUM || next == WB_MIDNUMLET || next == WB_SQUOTE;
			if ((is_ahletter(cur) && is_ahletter(after) && mid_letter) || /* WB6, 7 */
			    (cur == WB_HEBREW && next == WB_DQUOTE && after == WB_HEBREW) || /* 7b, c */
			    (cur == WB_NUMERIC && after == WB_NUMERIC && mid_num)) { /* WB11, 12 */
				j += 2;
			} else {
				/* WB7a: a quote ends the segment; with a mark after
				 * it, ICU's rules give the segment no status. */
				if (cur == WB_HEBREW && next == WB_SQUOTE && (k[++j] & TRAILED))
					words--;
				break;
			}
		}
		j++;
	}
done:
	if (k != stack)
		free(k);
	return words;
}

/* Whether ICU breaks words in language @p lang by its root rules, as
 * count_words_fast() does: the languages of right-to-left scripts and
 * the ones published beside them (Finnish and Swedish have a colon inside
 * words, and a POSIX locale its own rules). */
static bool root_word_rules(const char *lang)
{
	static const char *const known[] = { "ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug",
					     "he", "yi", "en", "fr", "es", "de", "it", "pt",
					     "nl", "tr", "id", "ms", "ru" };
	size_t n = strcspn(lang, "-_"), i;

	if (strstr(lang, "posix") || strstr(lang, "POSIX"))
		return false;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i]) == n && !strncasecmp(lang, known[i], n))
			return true;
	return false;
}

size_t wq_text_count_words(const char *text, size_t len, const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *loc = lang && *lang ? lang : "en";
	UBreakIterator *bi;
	int32_t ulen, pos;
	UChar *u;
	size_t words = 0;
	long fast = len <= INT32_MAX && root_word_rules(loc) ? count_words_fast(text, len) : -1;

	if (fast >= 0)
		return (size_t)fast;
	bi = icu_get(ICU_WORDS, loc, NULL);
	u = to_u16(text, len, &ulen);

	if (!bi) {
		bi = ubrk_open(UBRK_WORD, loc, NULL, 0, &st);
		if (U_FAILURE(st)) {
			ubrk_close(bi);
			free(u);
			return 0;
		}
		icu_put(ICU_WORDS, loc, NULL, bi);
	}
	ubrk_setText(bi, u, ulen, &st);
	if (U_FAILURE(st)) {
		free(u);
		return 0;
	}
	for (pos = ubrk_first(bi); pos != UBRK_DONE; pos = ubrk_next(bi)) {
		int32_t status = ubrk_getRuleStatus(bi);
		if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT)
			words++;
	}
	{
		/* It must not keep a pointer to text about to be freed. */
		static const UChar empty[1];
		st = U_ZERO_ERROR;
		ubrk_setText(bi, empty, 0, &st);
	}
	free(u);
	return words;
}

void wq_text_truncate(wq_buf *out, const char *text, size_t len, size_t max_chars)
{
	size_t i = 0, chars = 0, last_space = 0;

	while (i < len && chars < max_chars) {
		if (text[i] == ' ' || text[i] == '\n')
			last_space = i;
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (i >= len) {
		wq_buf_put(out, text, len);
		return;
	}
	/* A word that ends right at the limit is kept whole. */
	if (text[i] == ' ' || text[i] == '\n')
		last_space = i;
	wq_buf_put(out, text, last_space ? last_space : i);
	wq_buf_puts(out, "…");
}

/* -------------------------------------------------------------- ids */

void wq_text_make_id(wq_buf *out, const char *text, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen, flen, at = 0;
	UChar *u = to_u16(text, len, &ulen), *f;
	int dash = 0;

	wq_buf_clear(out);
	flen = u_strFoldCase(NULL, 0, u, ulen, U_FOLD_CASE_DEFAULT, &st);
	st = U_ZERO_ERROR;
	f = wq_xmalloc(((size_t)flen + 1) * sizeof(UChar));
	u_strFoldCase(f, flen + 1, u, ulen, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		flen = 0;
	while (at < flen) {
		UChar32 c;
		int8_t type;

		U16_NEXT(f, at, flen, c);
		type = u_charType(c);
		if (u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
		    c == '_') {
			if (dash && out->len)
				wq_buf_putc(out, '-');
			dash = 0;
			put_code_point(out, c);
		} else if (u_isspace(c) || c == '-' || type == U_DASH_PUNCTUATION) {
			dash = 1;
		}
	}
	if (!out->len)
		wq_buf_puts(out, "section");
	free(u);
	free(f);
}

/* ------------------------------------------------------------- dates */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Howard Hinnant's algorithm: proleptic Gregorian, no time zone state. */
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

bool wq_text_parse_date(int64_t *epoch, const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	s += 10;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (!digits(s + 1, 2, &h) || s[3] != ':' || !digits(s + 4, 2, &mi))
			return false;
		s += 6;
		if (*s == ':') {
			if (!digits(s + 1, 2, &sec))
				return false;
			s += 3;
			if (*s == '.') {
				const char *frac = ++s;
				while (*s >= '0' && *s <= '9')
					s++;
				if (s == frac)
					return false;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return false;
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			sign = *s == '-' ? -1 : 1;
			if (!digits(s + 1, 2, &oh) || s[3] != ':' || !digits(s + 4, 2, &om) ||
			    oh > 23 || om > 59)
				return false;
			s += 6;
		}
	}
	if (*s)
		return false;
	*epoch = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + (int64_t)h * 3600 +
		 (int64_t)mi * 60 + sec - (int64_t)sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
	return true;
}

void wq_text_format_rfc3339(wq_buf *out, int64_t epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	char tmp[32];

	gmtime_r(&t, &tm);
	strftime(tmp, sizeof(tmp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	wq_buf_puts(out, tmp);
}

void wq_text_format_date(wq_buf *out, int64_t epoch, const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar tz[] = { 'U', 'T', 'C', 0 };
	UChar res[128];
	const char *loc = lang && *lang ? lang : "en";
	UDateFormat *fmt = icu_get(ICU_DATE, loc, NULL);
	int32_t n;

	if (!fmt) {
		fmt = udat_open(UDAT_NONE, UDAT_LONG, loc, tz, -1, NULL, 0, &st);
		if (U_FAILURE(st)) {
			udat_close(fmt);
			wq_text_format_rfc3339(out, epoch);
			return;
		}
		icu_put(ICU_DATE, loc, NULL, fmt);
	}
	n = udat_format(fmt, (UDate)epoch * 1000.0, res, 128, NULL, &st);
	if (U_FAILURE(st) || n >= 128) {
		wq_text_format_rfc3339(out, epoch);
		return;
	}
	put_u16(out, res, n);
}

/* ------------------------------------------------------------ numbers */

void wq_text_plural(char out[8], const char *lang, double n)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *loc = lang && *lang ? lang : "en";
	UPluralRules *pr = icu_get(ICU_PLURAL, loc, NULL);
	UChar kw[16];
	int32_t len;

	snprintf(out, 8, "other");
	if (!pr) {
		pr = uplrules_open(loc, &st);
		if (U_FAILURE(st)) {
			uplrules_close(pr);
			return;
		}
		icu_put(ICU_PLURAL, loc, NULL, pr);
	}
	len = uplrules_select(pr, n, kw, 16, &st);
	if (U_FAILURE(st) || len <= 0 || len >= 8)
		return;
	u_UCharsToChars(kw, out, len);
	out[len] = '\0';
}

void wq_text_format_int(wq_buf *out, int64_t n, const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *loc = lang && *lang ? lang : "en";
	UNumberFormat *nf = icu_get(ICU_NUMBER, loc, NULL);
	UChar res[64];
	int32_t len;

	if (!nf) {
		nf = unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, &st);
		if (U_FAILURE(st)) {
			unum_close(nf);
			wq_buf_printf(out, "%lld", (long long)n);
			return;
		}
		icu_put(ICU_NUMBER, loc, NULL, nf);
	}
	len = unum_formatInt64(nf, n, res, 64, NULL, &st);
	if (U_FAILURE(st) || len >= 64) {
		wq_buf_printf(out, "%lld", (long long)n);
		return;
	}
	put_u16(out, res, len);
}

void wq_text_number_symbols(wq_buf *digits, wq_buf *group, int sizes[3], const char *locale)
{
	static const UNumberFormatSymbol digit_sym[10] = {
		UNUM_ZERO_DIGIT_SYMBOL,	 UNUM_ONE_DIGIT_SYMBOL,	  UNUM_TWO_DIGIT_SYMBOL,
		UNUM_THREE_DIGIT_SYMBOL, UNUM_FOUR_DIGIT_SYMBOL,  UNUM_FIVE_DIGIT_SYMBOL,
		UNUM_SIX_DIGIT_SYMBOL,	 UNUM_SEVEN_DIGIT_SYMBOL, UNUM_EIGHT_DIGIT_SYMBOL,
		UNUM_NINE_DIGIT_SYMBOL,
	};
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, locale && *locale ? locale : "en",
				      NULL, &st);
	UChar sym[16];
	int32_t len;
	int i;

	sizes[0] = sizes[1] = sizes[2] = 0;
	if (U_FAILURE(st)) {
		unum_close(nf);
		wq_buf_puts(digits, "0123456789");
		return;
	}
	for (i = 0; i < 10; i++) {
		st = U_ZERO_ERROR;
		len = unum_getSymbol(nf, digit_sym[i], sym, 16, &st);
		if (U_FAILURE(st) || len <= 0 || len >= 16)
			wq_buf_putc(digits, (char)('0' + i));
		else
			put_u16(digits, sym, len);
	}
	if (unum_getAttribute(nf, UNUM_GROUPING_USED)) {
		st = U_ZERO_ERROR;
		len = unum_getSymbol(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, sym, 16, &st);
		if (U_SUCCESS(st) && len > 0 && len < 16)
			put_u16(group, sym, len);
		sizes[0] = unum_getAttribute(nf, UNUM_GROUPING_SIZE);
		sizes[1] = unum_getAttribute(nf, UNUM_SECONDARY_GROUPING_SIZE);
		sizes[2] = unum_getAttribute(nf, UNUM_MINIMUM_GROUPING_DIGITS);
		if (sizes[0] < 0)
			sizes[0] = 0;
		if (sizes[1] <= 0)
			sizes[1] = sizes[0];
		if (sizes[2] < 1)
			sizes[2] = 1;
	}
	unum_close(nf);
}

/* -------------------------------------------------------- ASCII slugs */

/* Any-Latin; Latin-ASCII takes ICU a good while to build (it compiles the
 * rules of every script): one, built on first use, serves the whole run,
 * one thread at a time. */
static pthread_mutex_t ascii_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *ascii_tr;

void wq_text_release_thread(void)
{
	icu_cache_release();
}

void wq_text_release(void)
{
	pthread_mutex_lock(&ascii_lock);
	utrans_close(ascii_tr);
	ascii_tr = NULL;
	pthread_mutex_unlock(&ascii_lock);
	icu_cache_release();
}

/* The transliterator, built if it is not yet (ascii_lock held). */
static UTransliterator *ascii_open_locked(void)
{
	static const UChar id[] = { 'A', 'n', 'y', '-', 'L', 'a', 't', 'i', 'n', ';', ' ', 'L', 'a',
				    't', 'i', 'n', '-', 'A', 'S', 'C', 'I', 'I', 0 };
	UErrorCode st = U_ZERO_ERROR;

	if (!ascii_tr) {
		ascii_tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		if (U_FAILURE(st)) {
			utrans_close(ascii_tr);
			ascii_tr = NULL;
		}
	}
	return ascii_tr;
}

void wq_text_ascii_slug_prepare(void)
{
	pthread_mutex_lock(&ascii_lock);
	(void)ascii_open_locked();
	pthread_mutex_unlock(&ascii_lock);
}

void wq_text_ascii_slug(wq_buf *out, const char *text, size_t len, const char *fallback)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen, limit, cap;
	UChar *u = to_u16(text, len, &ulen);
	wq_buf latin = WQ_BUF_INIT;
	size_t i;
	int dash = 0;

	wq_buf_clear(out);
	pthread_mutex_lock(&ascii_lock);
	if (ascii_open_locked()) {
		/* Transliteration may lengthen the text: give it room. */
		cap = ulen * 4 + 16;
		u = wq_xrealloc(u, (size_t)cap * sizeof(UChar));
		limit = ulen;
		utrans_transUChars(ascii_tr, u, &ulen, cap, 0, &limit, &st);
		if (U_FAILURE(st))
			ulen = 0;
	}
	pthread_mutex_unlock(&ascii_lock);
	put_u16(&latin, u, ulen);
	for (i = 0; i < latin.len; i++) {
		char c = latin.ptr[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len)
				wq_buf_putc(out, '-');
			dash = 0;
			wq_buf_putc(out, c);
		} else {
			dash = 1;
		}
	}
	if (!out->len)
		wq_buf_puts(out, fallback);
	wq_buf_dispose(&latin);
	free(u);
}

/* ----------------------------------------------------------- messages */

void wq_text_locale(char out[96], const char *lang, const char *numbering, const char *calendar)
{
	int has_n = numbering && *numbering, has_c = calendar && *calendar;

	snprintf(out, 96, "%s%s%s%s%s%s%s", lang && *lang ? lang : "en", has_n || has_c ? "@" : "",
		 has_n ? "numbers=" : "", has_n ? numbering : "", has_n && has_c ? ";" : "",
		 has_c ? "calendar=" : "", has_c ? calendar : "");
}

int wq_text_message(wq_buf *out, const char *pattern, const char *locale, double n,
		    int *error_offset)
{
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	UMessageFormat *fmt = icu_get(ICU_MESSAGE, locale, pattern);
	int32_t plen, len;
	UChar res[512];

	if (!fmt) {
		UChar *p = to_u16(pattern, strlen(pattern), &plen);
		memset(&pe, 0, sizeof(pe));
		fmt = umsg_open(p, plen, locale, &pe, &st);
		free(p);
		if (U_FAILURE(st)) {
			umsg_close(fmt); /* ICU hands back the object even when it failed */
			if (error_offset)
				*error_offset = pe.offset;
			return WQ_EINPUT;
		}
		icu_put(ICU_MESSAGE, locale, pattern, fmt);
	}
	len = umsg_format(fmt, res, 512, &st, n);
	if (U_FAILURE(st) || len >= 512)
		return WQ_EINPUT;
	put_u16(out, res, len);
	return 0;
}

bool wq_text_known_keyword(bool calendar, const char *name)
{
	UErrorCode st = U_ZERO_ERROR;
	bool found = false;

	if (!calendar) {
		UNumberingSystem *ns = unumsys_openByName(name, &st);
		found = U_SUCCESS(st) && ns;
		unumsys_close(ns);
	} else {
		UEnumeration *e = ucal_getKeywordValuesForLocale("calendar", "und", 0, &st);
		const char *v;
		while (U_SUCCESS(st) && e && (v = uenum_next(e, NULL, &st)) != NULL)
			if (!strcmp(v, name))
				found = true;
		uenum_close(e);
	}
	return found;
}

/* --------------------------------------------------------------- bidi */

/* The explicit formatting characters: embeddings, overrides, isolates
 * and their ends. */
static bool is_explicit(UCharDirection d)
{
	switch (d) {
	case U_LEFT_TO_RIGHT_EMBEDDING:
	case U_LEFT_TO_RIGHT_OVERRIDE:
	case U_RIGHT_TO_LEFT_EMBEDDING:
	case U_RIGHT_TO_LEFT_OVERRIDE:
	case U_POP_DIRECTIONAL_FORMAT:
	case U_LEFT_TO_RIGHT_ISOLATE:
	case U_RIGHT_TO_LEFT_ISOLATE:
	case U_FIRST_STRONG_ISOLATE:
	case U_POP_DIRECTIONAL_ISOLATE:
		return true;
	default:
		return false;
	}
}

static int is_strong_rtl(UCharDirection d)
{
	return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

void wq_text_strong_counts(const char *text, size_t len, size_t *ltr, size_t *rtl,
			   size_t *others)
{
	int32_t i = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);

	*ltr = *rtl = *others = 0;
	wq_charinfo_init();
	while (i < n) {
		UChar32 c;
		UCharDirection d;
		U8_NEXT(text, i, n, c);
		if (c < 0)
			continue;
		d = wq_char_dir(c);
		if (d == U_LEFT_TO_RIGHT)
			(*ltr)++;
		else if (is_strong_rtl(d))
			(*rtl)++;
		else if (d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER || is_explicit(d))
			(*others)++;
	}
}

/* What a stretch of text above the paragraph's level holds. */
enum {
	STRETCH_OTHER = 1, /* a strong character of the other direction */
	STRETCH_NUMBER = 2 /* digits and the separators the bidi algorithm keeps
			    * inside a number (2024-05-17, 1,000.5), nothing else */
};

static int stretch_kind(const UChar32 *cp, int32_t s, int32_t e, UBiDiLevel base)
{
	int32_t k;
	int has_digit = 0, other = 0, number = 1;

	for (k = s; k < e; k++) {
		UCharDirection d;
		if (cp[k] < 0)
			continue;
		d = wq_char_dir(cp[k]);
		if (base ? d == U_LEFT_TO_RIGHT : is_strong_rtl(d))
			other = 1;
		if (d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER)
			has_digit = 1;
		else if (d != U_EUROPEAN_NUMBER_SEPARATOR && d != U_COMMON_NUMBER_SEPARATOR &&
			 d != U_EUROPEAN_NUMBER_TERMINATOR)
			number = 0;
	}
	return (other ? STRETCH_OTHER : 0) | (number && has_digit ? STRETCH_NUMBER : 0);
}

static int is_group_space(UChar32 c)
{
	return c == 0x20 || c == 0xA0 || c == 0x202F;
}

/* In a right-to-left paragraph the bidi algorithm lays out digit groups
 * joined by spaces right to left, group by group: "+962 6 555 0100" shows
 * as "0100 555 6 962+" and "1 000 000" as "000 000 1".  Such a number (a
 * leading "+" and two groups, or three groups or more) is one run to
 * isolate.  The stretch [s, e) is the first group; returns the end of the
 * number, or -1 when it is not one, and sets *from to where it starts. */
static int spaced_number(const UBiDiLevel *levels, const UChar32 *cp, int32_t ulen,
			 UBiDiLevel base, int32_t *start, int32_t *end)
{
	int32_t s = *start, e = *end;
	int groups = 1, plus = s > 0 && cp[s - 1] == '+';

	if (!(stretch_kind(cp, s, e, base) & STRETCH_NUMBER))
		return 0;
	while (e + 1 < ulen && is_group_space(cp[e]) && levels[e] <= base &&
	       levels[e + 1] > base) {
		int32_t g = e + 1, stop = g;
		while (stop < ulen && levels[stop] > base)
			stop++;
		if (!(stretch_kind(cp, g, stop, base) & STRETCH_NUMBER))
			break;
		groups++;
		e = stop;
	}
	if (groups < 2 || (groups < 3 && !plus))
		return 0;
	*start = plus ? s - 1 : s;
	*end = e;
	return 1;
}

/* Whether the stretch [*start, *end) above the paragraph's level is a run
 * of the other direction to isolate: it holds a strong character of that
 * direction and has a weak or neutral character at an edge.  Brackets
 * around it travel with it (the bounds widen). */
static int other_direction_run(const UChar32 *cp, int32_t ulen, UBiDiLevel base,
			       int32_t *start, int32_t *end)
{
	int32_t s = *start, e = *end, first, last;
	UCharDirection df, dl;

	if (!(stretch_kind(cp, s, e, base) & STRETCH_OTHER))
		return 0;
	if (s > 0 && e < ulen && cp[s - 1] >= 0 &&
	    u_getIntPropertyValue(cp[s - 1], UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_OPEN &&
	    (UChar32)u_getBidiPairedBracket(cp[s - 1]) == cp[e]) {
		s--;
		e++;
	}
	first = s;
	last = e - 1;
	while (last > first && cp[last] < 0)
		last--;
	df = wq_char_dir(cp[first]);
	dl = wq_char_dir(cp[last]);
	if ((df == U_LEFT_TO_RIGHT || is_strong_rtl(df)) &&
	    (dl == U_LEFT_TO_RIGHT || is_strong_rtl(dl)))
		return 0;
	*start = s;
	*end = e;
	return 1;
}

/* Bidi classes that may end a number the algorithm raises (W1, W5: a
 * mark or terminator joins the digits; a boundary neutral takes the level
 * of its neighbours), or begin one. */
static bool may_end_number(UCharDirection d)
{
	return d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER ||
	       d == U_EUROPEAN_NUMBER_TERMINATOR || d == U_DIR_NON_SPACING_MARK ||
	       d == U_BOUNDARY_NEUTRAL;
}

static bool may_begin_number(UCharDirection d)
{
	return d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER ||
	       d == U_EUROPEAN_NUMBER_TERMINATOR || d == U_BOUNDARY_NEUTRAL;
}

/* Whether the text may hold a run to isolate in a paragraph of level
 * @p base, before asking the bidi algorithm (the costly part).  A run is
 * raised above the paragraph's level, and only a strong character of the
 * other direction, a digit or an explicit embedding or isolate raises
 * anything.  Without a strong character of the other direction or an
 * explicit one, what is raised is numbers alone, and a number is a run to
 * isolate only in a right-to-left paragraph and only spaced into groups
 * (spaced_number()): a digit (or what may join it), a group space, a digit.
 * No such text has a run: its levels are not needed. */
static bool may_have_runs(const char *text, int32_t n, UBiDiLevel base)
{
	int32_t i = 0;
	UCharDirection before_space = U_OTHER_NEUTRAL, last = U_OTHER_NEUTRAL;
	bool last_space = false, spaced = false;

	wq_charinfo_init();
	while (i < n) {
		UChar32 c;
		UCharDirection d;
		U8_NEXT(text, i, n, c);
		if (c < 0)
			continue;
		if (is_explicit(d = wq_char_dir(c)))
			return true;
		switch (d) {
		case U_LEFT_TO_RIGHT:
			if (base)
				return true;
			break;
		case U_RIGHT_TO_LEFT:
		case U_RIGHT_TO_LEFT_ARABIC:
			if (!base)
				return true;
			break;
		case U_BOUNDARY_NEUTRAL:
			continue; /* set aside by the algorithm (X9) */
		default:
			break;
		}
		/* A group space between what may end a number and what may
		 * begin one (skipping characters only joins neighbours: it
		 * finds more such places, never fewer). */
		if (last_space && may_begin_number(d) && may_end_number(before_space))
			spaced = true;
		before_space = last;
		last = d;
		last_space = is_group_space(c);
	}
	return base && spaced;
}

size_t wq_text_isolate_runs(wq_text_span **out, const char *text, size_t len, wq_dir para)
{
	UErrorCode st = U_ZERO_ERROR;
	UBiDi *bidi = NULL;
	UChar *u = NULL;
	int32_t *byte_at = NULL; /* UTF-16 index -> byte offset */
	UChar32 *cp = NULL;      /* UTF-16 index -> code point starting there (or -1) */
	const UBiDiLevel *levels;
	int32_t ulen = 0, i = 0, k = 0, n = (int32_t)(len > INT32_MAX / 2 ? 0 : len);
	UBiDiLevel base = para == WQ_DIR_RTL ? 1 : 0;
	size_t count = 0;

	*out = NULL;
	if (n == 0 || !may_have_runs(text, n, base))
		return 0;
	u = wq_xmalloc(((size_t)n * 2 + 1) * sizeof(UChar));
	byte_at = wq_xmalloc(((size_t)n * 2 + 2) * sizeof(int32_t));
	cp = wq_xmalloc(((size_t)n * 2 + 1) * sizeof(UChar32));
	while (i < n) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(text, i, n, c);
		if (c < 0)
			c = 0xFFFD;
		byte_at[k] = start;
		cp[k] = c;
		if (U_IS_BMP(c)) {
			u[k++] = (UChar)c;
		} else {
			u[k++] = U16_LEAD(c);
			byte_at[k] = start;
			cp[k] = -1;
			u[k++] = U16_TRAIL(c);
		}
	}
	ulen = k;
	byte_at[ulen] = n;
	bidi = ubidi_open();
	ubidi_setPara(bidi, u, ulen, base, NULL, &st);
	levels = U_SUCCESS(st) ? ubidi_getLevels(bidi, &st) : NULL;
	if (!levels || U_FAILURE(st))
		goto done;
	for (i = 0; i < ulen;) {
		int32_t s = i, e;

		if (levels[i] <= base) {
			i++;
			continue;
		}
		/* A stretch above the paragraph's level... */
		while (i < ulen && levels[i] > base)
			i++;
		e = i;
		if (!other_direction_run(cp, ulen, base, &s, &e) &&
		    !(base && spaced_number(levels, cp, ulen, base, &s, &e)))
			continue;
		*out = wq_xgrow(*out, count, sizeof(**out));
		(*out)[count].start = (size_t)byte_at[s];
		(*out)[count].end = (size_t)byte_at[e];
		count++;
		i = e;
	}
done:
	ubidi_close(bidi);
	free(u);
	free(byte_at);
	free(cp);
	return count;
}

void wq_text_put_isolated(wq_buf *out, const char *text, wq_dir context)
{
	char lang[16];
	wq_dir d = WQ_DIR_AUTO;

	wq_text_detect(lang, &d, text, strlen(text));
	if (d == WQ_DIR_AUTO || d == context) {
		wq_buf_puts(out, text);
		return;
	}
	/* NOLINTNEXTLINE(misc-misleading-bidirectional): closed by the PDI below */
	wq_buf_puts(out, "\u2068");
	wq_buf_puts(out, text);
	wq_buf_puts(out, "\u2069");
}

static void put_runs(wq_buf *out, const char *text, wq_dir dir, int html)
{
	size_t len = strlen(text), n, i, at = 0;
	wq_text_span *runs = NULL;

	if (dir != WQ_DIR_LTR && dir != WQ_DIR_RTL) {
		n = 0;
	} else {
		n = wq_text_isolate_runs(&runs, text, len, dir);
	}
	for (i = 0; i <= n; i++) {
		size_t end = i < n ? runs[i].start : len;
		if (html)
			wq_buf_put_escaped(out, text + at, end - at);
		else
			wq_buf_put(out, text + at, end - at);
		if (i == n)
			break;
		if (html)
			wq_buf_puts(out, dir == WQ_DIR_RTL ? "<span dir=\"ltr\">" : "<span dir=\"rtl\">");
		else
			/* NOLINTNEXTLINE(misc-misleading-bidirectional): closed by a PDI below */
			wq_buf_puts(out, dir == WQ_DIR_RTL ? "\u2066" : "\u2067");
		if (html)
			wq_buf_put_escaped(out, text + runs[i].start, runs[i].end - runs[i].start);
		else
			wq_buf_put(out, text + runs[i].start, runs[i].end - runs[i].start);
		wq_buf_puts(out, html ? "</span>" : "\u2069");
		at = runs[i].end;
	}
	free(runs);
}

void wq_text_put_runs_isolated(wq_buf *out, const char *text, wq_dir dir)
{
	put_runs(out, text, dir, 0);
}

void wq_text_put_runs_html(wq_buf *out, const char *text, wq_dir dir)
{
	put_runs(out, text, dir, 1);
}

/* ---------------------------------------------------------- collation */

typedef struct collated {
	uint8_t *key; /* ICU sort key, NUL-terminated */
	size_t index;
} collated;

static int compare_collated(const void *pa, const void *pb)
{
	const collated *a = pa, *b = pb;
	int c = strcmp((const char *)a->key, (const char *)b->key);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

void wq_text_collation_order(size_t *order, const char *const *keys, size_t n, const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollator *coll = ucol_open(lang && *lang ? lang : "en", &st);
	collated *c = wq_xcalloc(n ? n : 1, sizeof(*c));
	size_t i;

	if (U_FAILURE(st)) {
		ucol_close(coll);
		coll = NULL;
	}
	for (i = 0; i < n; i++) {
		int32_t ulen = 0, klen;
		UChar *u = to_u16(keys[i], strlen(keys[i]), &ulen);
		c[i].index = i;
		if (!coll) {
			/* No collator: code point order (UTF-8 bytes keep it). */
			c[i].key = (uint8_t *)wq_xstrdup(keys[i]);
		} else {
			klen = ucol_getSortKey(coll, u, ulen, NULL, 0);
			c[i].key = wq_xmalloc((size_t)(klen > 0 ? klen : 0) + 1);
			c[i].key[0] = 0;
			if (klen > 0)
				ucol_getSortKey(coll, u, ulen, c[i].key, klen + 1);
		}
		free(u);
	}
	if (n > 1)
		qsort(c, n, sizeof(*c), compare_collated);
	for (i = 0; i < n; i++) {
		order[i] = c[i].index;
		free(c[i].key);
	}
	free(c);
	ucol_close(coll);
}

/* ------------------------------------------------------- character sets */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

void wq_text_chars_used(uint32_t **out, size_t *n, const char *s, size_t len)
{
	/* A bit per character of the Basic Multilingual Plane; the rare others
	 * listed, sorted and made unique at the end. */
	uint64_t *bmp = wq_xcalloc(0x10000 / 64, sizeof(*bmp));
	uint32_t *list = NULL, *more = NULL;
	size_t nlist = 0, nmore = 0, i;
	int32_t at = 0, end = (int32_t)(len > INT32_MAX ? INT32_MAX : len);

	while (at < end) {
		UChar32 c;
		U8_NEXT(s, at, end, c);
		if (c <= 0)
			continue;
		if (c < 0x10000)
			bmp[c / 64] |= (uint64_t)1 << (c % 64);
		else
			WQ_APPEND(more, nmore, (uint32_t)c);
	}
	for (i = 0; i < 0x10000 / 64; i++) {
		uint64_t w = bmp[i];
		while (w) {
			int bit = __builtin_ctzll(w);
			uint32_t c = (uint32_t)(i * 64 + (size_t)bit);
			WQ_APPEND(list, nlist, c);
			w &= w - 1;
		}
	}
	if (nmore > 1)
		qsort(more, nmore, sizeof(*more), cmp_u32);
	for (i = 0; i < nmore; i++)
		if (!i || more[i] != more[i - 1])
			WQ_APPEND(list, nlist, more[i]);
	free(more);
	free(bmp);
	*out = list;
	*n = nlist;
}

/* ------------------------------------------------------------ search words */

/* As the search page folds (themes' search.js): Arabic marks and tatweel
 * dropped (-1), letter forms folded (Persian ی and ک as Arabic ي and ك),
 * Hebrew points and cantillation dropped and final letters folded to
 * their usual form (ם as מ), Eastern digits to ASCII, Latin case folded.
 * The scripts do not overlap: one fold serves every language. */
static UChar32 search_fold(UChar32 c)
{
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
	    c == 0x0640)
		return -1;
	if ((c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 ||
	    c == 0x05C4 || c == 0x05C5 || c == 0x05C7)
		return -1;
	switch (c) {
	case 0x05DA: case 0x05DD: case 0x05DF: case 0x05E3: case 0x05E5: return c + 1;
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
	case 0x0649: case 0x06CC: return 0x064A;
	case 0x0629: return 0x0647;
	case 0x06A9: return 0x0643;
	default: break;
	}
	if (c >= 0x0660 && c <= 0x0669)
		return 0x30 + c - 0x0660;
	if (c >= 0x06F0 && c <= 0x06F9)
		return 0x30 + c - 0x06F0;
	if (c < 0x0250)
		return u_tolower(c);
	return c;
}

static int search_word_char(UChar32 c)
{
	return c == 0x200C || c == 0x200D ||
	       (U_MASK(wq_char_type(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

/* What search_fold() and search_word_char() say of each code point the
 * character table holds, made once from them: the folded character, with
 * SEARCH_WORD when it is a word's (or -1: dropped). */
#define SEARCH_WORD 0x40000000
static int32_t search_folds[WQ_CHARINFO_LIMIT];
static pthread_once_t search_folds_once = PTHREAD_ONCE_INIT;

static void fill_search_folds(void)
{
	UChar32 c, f;

	wq_charinfo_init();
	for (c = 0; c < WQ_CHARINFO_LIMIT; c++) {
		f = c > 0 ? search_fold(c) : 0;
		search_folds[c] = f > 0 && search_word_char(f) ? f | SEARCH_WORD : f;
	}
}

void wq_text_search_words(const char *s, size_t len,
			  void (*fn)(void *ctx, const char *word, size_t n), void *ctx)
{
	wq_buf w = WQ_BUF_INIT;
	int32_t at = 0, end = (int32_t)(len > INT32_MAX ? INT32_MAX : len);

	pthread_once(&search_folds_once, fill_search_folds);
	while (at <= end) {
		UChar32 c = -1;
		if (at < end)
			U8_NEXT(s, at, end, c);
		else
			at++;
		if (c > 0 && c < WQ_CHARINFO_LIMIT) {
			int32_t f = search_folds[c];
			if (f < 0)
				continue; /* a dropped mark: the word goes on */
			if (f & SEARCH_WORD) {
				put_code_point(&w, f & ~SEARCH_WORD);
				continue;
			}
			c = 0; /* not a word's: it ends one */
		}
		if (c > 0 && (c = search_fold(c)) < 0)
			continue; /* a dropped mark: the word goes on */
		if (c > 0 && search_word_char(c)) {
			put_code_point(&w, c);
			continue;
		}
		if (w.len)
			fn(ctx, w.ptr, w.len);
		w.len = 0;
	}
	wq_buf_dispose(&w);
}

/* ------------------------------------------------------ language names */

void wq_text_language_name(wq_buf *out, const char *lang)
{
	UChar name[128];
	UErrorCode st = U_ZERO_ERROR;
	char loc[64];
	int32_t n;

	/* ICU's locale ids use '_' where BCP 47 tags use '-'. */
	snprintf(loc, sizeof(loc), "%s", lang);
	for (n = 0; loc[n]; n++)
		if (loc[n] == '-')
			loc[n] = '_';
	n = uloc_getDisplayLanguage(loc, loc, name, (int32_t)(sizeof(name) / sizeof(name[0])),
				    &st);
	if (U_FAILURE(st) || n <= 0 || (size_t)n >= sizeof(name) / sizeof(name[0])) {
		wq_buf_puts(out, lang);
		return;
	}
	/* A switcher shows "Français", as a menu entry begins. */
	if (!U16_IS_SURROGATE(name[0]) && u_islower(name[0]))
		name[0] = (UChar)u_toupper(name[0]);
	put_u16(out, name, n);
}

bool wq_text_is_lang_tag(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 15)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}
