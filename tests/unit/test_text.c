/* Unit tests for src/text.c: UTF-8 checks, cleaning, detection, words, ids,
 * dates, plurals and numbers (ICU). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "err.h"
#include "text.h"
#include "check.h"

/* --------------------------------------------------------------- UTF-8 */

static void utf8_ok(const char *s, size_t len)
{
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_text_check_utf8(s, len, "ok.md", &err) == 0);
}

static void utf8_bad(const char *s, size_t len, unsigned line, unsigned col, const char *msg)
{
	wq_err err = WQ_ERR_INIT;
	int rc = wq_text_check_utf8(s, len, "bad.md", &err);

	CHECK(rc == WQ_EINPUT);
	CHECK_STR(err.file, "bad.md");
	CHECK(err.line == line);
	CHECK(err.col == col);
	if (err.line != line || err.col != col)
		fprintf(stderr, "  got %u:%u, want %u:%u (%s)\n", err.line, err.col, line, col,
			err.msg);
	if (msg)
		CHECK_CONTAINS(err.msg, msg);
}

static void test_check_utf8(void)
{
	const char *s;

	utf8_ok("", 0);
	utf8_ok("plain ascii\n", 12);
	s = "عربي English עברית 😀 é\n";
	utf8_ok(s, strlen(s));
	/* Tab, CR and LF are the only controls allowed; U+10FFFD and U+FFFD
	 * are characters. */
	utf8_ok("a\tb\r\nc", 6);
	utf8_ok("\xF4\x8F\xBF\xBD", 4);
	utf8_ok("\xEF\xBF\xBD", 3);
	utf8_ok("\xC2\xA0", 2); /* U+00A0, just past the C1 controls */
	utf8_ok("\xC3\x80\xDF\xBF", 4); /* U+00C0, U+07FF */

	/* A stray continuation / invalid byte. */
	utf8_bad("ab\xFF" "cd", 5, 1, 3, "0xFF");
	utf8_bad("\x80", 1, 1, 1, "0x80");
	/* Line 3, after two Arabic letters: column 3 in characters, not bytes. */
	s = "one\ntwo\nسل\xC0\x80 rest";
	utf8_bad(s, strlen(s), 3, 3, "0xC0");
	/* Overlong forms. */
	utf8_bad("a\xE0\x80\xAF", 4, 1, 2, NULL);
	utf8_bad("\xF0\x80\x80\xAF", 4, 1, 1, NULL);
	/* Surrogates (U+D800, U+DFFF) are not UTF-8. */
	s = "x\n\xED\xA0\x80";
	utf8_bad(s, strlen(s), 2, 1, "0xED");
	utf8_bad("ab\xED\xBF\xBF", 5, 1, 3, NULL);
	/* Past U+10FFFF. */
	utf8_bad("\xF4\x90\x80\x80", 4, 1, 1, NULL);
	utf8_bad("\xF5\x80\x80\x80", 4, 1, 1, NULL);
	/* Truncated sequence at the end and in the middle. */
	utf8_bad("ok\xD8", 3, 1, 3, NULL);
	utf8_bad("\xE2\x82" "x", 3, 1, 1, NULL);
	/* C1 controls, two bytes like the letters after them. */
	s = "سلام\n\xD8\xB3\xC2\x85";
	utf8_bad(s, strlen(s), 2, 2, "U+0085");
	utf8_bad("a\xC2\x9F", 3, 1, 2, "U+009F");
	/* A two-byte lead followed by no continuation. */
	utf8_bad("\xD8" "a", 2, 1, 1, "0xD8");
	/* NUL byte. */
	utf8_bad("a\nb\0c", 5, 2, 2, "NUL");
	/* Other controls (C0, DEL, C1) and non-characters: nothing HTML or XML
	 * may hold. */
	utf8_bad("ab\x01", 3, 1, 3, "U+0001");
	utf8_bad("x\n\x1B[0m", 6, 2, 1, "U+001B");
	utf8_bad("\x0C", 1, 1, 1, NULL);
	utf8_bad("a\x7F", 2, 1, 2, "U+007F");
	s = "عر\xC2\x85";
	utf8_bad(s, strlen(s), 1, 3, "U+0085");
	utf8_bad("\xEF\xBF\xBE", 3, 1, 1, "U+FFFE");
	utf8_bad("\xEF\xBF\xBF", 3, 1, 1, "U+FFFF");
	utf8_bad("\xEF\xB7\x90", 3, 1, 1, "U+FDD0");
	utf8_bad("\xF4\x8F\xBF\xBF", 4, 1, 1, "U+10FFFF");
	utf8_bad("\xF0\x9F\xBF\xBE", 4, 1, 1, "U+1FFFE");
	/* Emoji count as one character each. */
	s = "😀😀\xFF";
	utf8_bad(s, strlen(s), 1, 3, NULL);
	/* Only the given length is checked. */
	utf8_ok("abc\xFF", 3);
}

/* --------------------------------------------------------------- clean */

static void clean_is(const char *in, const char *want)
{
	size_t len = strlen(in);

	wq_buf out = WQ_BUF_INIT;
	wq_err err = WQ_ERR_INIT;

	wq_buf_puts(&out, "old contents");
	CHECK(wq_text_clean(&out, in, len, &err) == 0);
	CHECK_STR(wq_buf_cstr(&out), want);
	CHECK(out.len == strlen(want));
	wq_buf_dispose(&out);
}

/* One character's length, 0 where no character a document may hold
 * starts: every two-byte sequence checked against ICU's reading. */
static void test_char_len(void)
{
	unsigned lead, next;

	CHECK(wq_text_char_len("\xD8\xA7", 2) == 2);     /* alef */
	CHECK(wq_text_char_len("\xD7\x90x", 3) == 2);    /* alef (Hebrew) */
	CHECK(wq_text_char_len("\xC3\xA9", 2) == 2);     /* e with acute */
	CHECK(wq_text_char_len("\xC2\x85", 2) == 0);     /* NEL: a C1 control */
	CHECK(wq_text_char_len("\xC2\xA0", 2) == 2);     /* no-break space */
	CHECK(wq_text_char_len("\xD8", 1) == 0);         /* cut short */
	CHECK(wq_text_char_len("\xD8\x41", 2) == 0);     /* no continuation */
	CHECK(wq_text_char_len("\xC0\xAF", 2) == 0);     /* overlong */
	CHECK(wq_text_char_len("\xEF\xBF\xBE", 3) == 0); /* U+FFFE */
	CHECK(wq_text_char_len("\xE2\x80\x8F", 3) == 3); /* RLM */
	for (lead = 0xC0; lead <= 0xDF; lead++)
		for (next = 0; next <= 0xFF; next++) {
			char s[2] = { (char)lead, (char)next };
			unsigned c = ((lead & 0x1F) << 6) | (next & 0x3F);
			size_t want = (next & 0xC0) == 0x80 && c >= 0x80 && !(c >= 0x80 && c <= 0x9F) ? 2 : 0;
			CHECK(wq_text_char_len(s, 2) == want);
		}
}

static void test_clean(void)
{
	clean_is("", "");
	clean_is("already clean\n", "already clean\n");
	/* BOM dropped only at the start. */
	clean_is("\xEF\xBB\xBFtitle", "title");
	clean_is("a\xEF\xBB\xBF", "a\xEF\xBB\xBF");
	/* Line ends. */
	clean_is("a\r\nb\r\n", "a\nb\n");
	clean_is("a\rb\r", "a\nb\n");
	clean_is("a\r\r\nb", "a\n\nb");
	clean_is("\xEF\xBB\xBF\r\n", "\n");
	/* NFC: e + combining acute becomes U+00E9. */
	clean_is("caf" "e\xCC\x81", "caf\xC3\xA9");
	/* Arabic: alef + hamza above → U+0623; waw + hamza above → U+0624;
	 * yeh + hamza above → U+0626; alef + madda → U+0622; alef + hamza
	 * below → U+0625. */
	clean_is("\xD8\xA7\xD9\x94", "\xD8\xA3");
	clean_is("\xD9\x88\xD9\x94", "\xD8\xA4");
	clean_is("\xD9\x8A\xD9\x94", "\xD8\xA6");
	clean_is("\xD8\xA7\xD9\x93", "\xD8\xA2");
	clean_is("\xD8\xA7\xD9\x95", "\xD8\xA5");
	/* heh + hamza above has no composed form: left as it is. */
	clean_is("\xD9\x87\xD9\x94", "\xD9\x87\xD9\x94");
	/* Normalisation and CRLF together, with text around. */
	clean_is("\xEF\xBB\xBF" "س\xD8\xA7\xD9\x94ل\r\n" "e\xCC\x81\r", "س\xD8\xA3ل\n\xC3\xA9\n");
}

/* xorshift64: the next of a fixed series of numbers. */
static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A text of 1 to @p most pieces drawn from @p pool (each at most 3 bytes
 * of UTF-8: @p text holds 4 * @p most + 1 bytes); returns its length. */
static size_t random_text(char *text, const char *const *pool, size_t np, size_t most,
			  uint64_t *x)
{
	size_t len = 0, n = 1 + (size_t)(next_random(x) % most), i;

	for (i = 0; i < n; i++) {
		const char *p = pool[next_random(x) % np];
		memcpy(text + len, p, strlen(p));
		len += strlen(p);
	}
	text[len] = '\0';
	return len;
}

/* Random texts of letters and the marks that reorder or compose: cleaned
 * as ICU's NFC makes them, whether the quick check passes them or ICU
 * normalises them. */
static void test_clean_as_icu(void)
{
	static const char *const pool[] = {
		"a", "e", "\u0301", "\u0327", "\u0323", "\u00e9", "ا", "و", "ي", "ه", "\u0654",
		"\u0655", "\u0653", "\u064e", "\u0651", "\u0650", "\u0670", "\u05d1", "\u05bc",
		"\u05b7", "\u0915", "\u093c", "\u1100", "\u1161", "\uac00", "\u2126", "\u212b",
		"\u200c", "\u2019", " ", "\n", "1",
	};
	const size_t np = sizeof(pool) / sizeof(pool[0]);
	const UNormalizer2 *nfc;
	UErrorCode st = U_ZERO_ERROR;
	uint64_t x = 0xD1B54A32D192ED03u;
	int t, bad = 0;

	nfc = unorm2_getNFCInstance(&st);
	CHECK(U_SUCCESS(st));
	for (t = 0; t < 20000 && bad < 5 && U_SUCCESS(st); t++) {
		char text[256], want[512];
		UChar u[256], v[512];
		int32_t ulen = 0, vlen, wlen = 0;
		size_t len = random_text(text, pool, np, 12, &x);
		wq_buf got = WQ_BUF_INIT;
		wq_err err = WQ_ERR_INIT;
		u_strFromUTF8(u, 256, &ulen, text, (int32_t)len, &st);
		vlen = unorm2_normalize(nfc, u, ulen, v, 512, &st);
		u_strToUTF8(want, (int32_t)sizeof(want), &wlen, v, vlen, &st);
		CHECK(wq_text_clean(&got, text, len, &err) == 0);
		if (U_SUCCESS(st) && (got.len != (size_t)wlen || memcmp(got.ptr, want, got.len))) {
			fprintf(stderr, "  NFC of \"%s\": \"%s\", ICU \"%.*s\"\n", text,
				wq_buf_cstr(&got), (int)wlen, want);
			bad++;
		}
		wq_buf_dispose(&got);
	}
	CHECK(U_SUCCESS(st));
	CHECK(bad == 0);
}

/* -------------------------------------------------------------- detect */

static void detect_is(const char *text, const char *lang, wq_dir dir)
{
	char got[16];
	wq_dir d = (wq_dir)99;

	memset(got, 'x', sizeof(got));
	wq_text_detect(got, &d, text, strlen(text));
	CHECK_STR(got, lang);
	CHECK(d == dir);
	if (d != dir)
		fprintf(stderr, "  dir of \"%s\": %s\n", text, wq_text_dir_name(d));
}

static void test_detect(void)
{
	detect_is("ذهب الولد إلى المدرسة في الصباح الباكر.", "ar", WQ_DIR_RTL);
	detect_is("The quick brown fox jumps over the lazy dog.", "en", WQ_DIR_LTR);
	detect_is("שלום עולם, זהו טקסט בעברית.", "he", WQ_DIR_RTL);
	detect_is("من به پارک رفتم و چای خوردم. گربه‌ها را دوست دارم.", "fa", WQ_DIR_RTL);
	detect_is("یہ ایک اردو جملہ ہے اور ٹھیک ہے۔", "ur", WQ_DIR_RTL);
	/* Mostly Arabic with a little English. */
	detect_is("كتبت هذا البرنامج بلغة C واستخدمت مكتبة ICU لمعالجة النصوص العربية "
		  "والتحقق من صحتها.", "ar", WQ_DIR_RTL);
	/* Mostly English with one Arabic word. */
	detect_is("The word كتاب means book in English.", "en", WQ_DIR_LTR);
	detect_is("Привет, мир", "ru", WQ_DIR_LTR);
	/* No letters: no language, no direction. */
	detect_is("", "", WQ_DIR_AUTO);
	detect_is("123 456 — !?", "", WQ_DIR_AUTO);
}

static void test_lang_dir(void)
{
	CHECK(wq_text_lang_dir("ar") == WQ_DIR_RTL);
	CHECK(wq_text_lang_dir("ar-EG") == WQ_DIR_RTL);
	CHECK(wq_text_lang_dir("he") == WQ_DIR_RTL);
	CHECK(wq_text_lang_dir("fa") == WQ_DIR_RTL);
	CHECK(wq_text_lang_dir("ur_PK") == WQ_DIR_RTL);
	CHECK(wq_text_lang_dir("en") == WQ_DIR_LTR);
	CHECK(wq_text_lang_dir("en-GB") == WQ_DIR_LTR);
	CHECK(wq_text_lang_dir("fr") == WQ_DIR_LTR);
	/* A prefix is not enough: "arn" (Mapudungun) is not Arabic. */
	CHECK(wq_text_lang_dir("arn") == WQ_DIR_LTR);
	CHECK_STR(wq_text_dir_name(WQ_DIR_RTL), "rtl");
	CHECK_STR(wq_text_dir_name(WQ_DIR_LTR), "ltr");
	CHECK_STR(wq_text_dir_name(WQ_DIR_AUTO), "auto");
}

/* --------------------------------------------------------------- words */

static void words_are(const char *text, const char *lang, size_t want)
{
	size_t got = wq_text_count_words(text, strlen(text), lang);

	CHECK(got == want);
	if (got != want)
		fprintf(stderr, "  words in \"%s\": %zu, want %zu\n", text, got, want);
}

static void test_words(void)
{
	words_are("ذهب الولد إلى المدرسة.", "ar", 4);
	words_are("قال: «مرحباً، كيف حالك؟» — ثم ذهب!", "ar", 6);
	words_are("Hello, world! It's 3 o'clock.", "en", 5);
	words_are("one two  three\nfour", "", 4);
	words_are("... — !!! ؟،", "en", 0);
	words_are("", "en", 0);
	CHECK(wq_text_chars("سلام", strlen("سلام")) == 4);
	CHECK(wq_text_chars("a😀b", strlen("a😀b")) == 3);
	CHECK(wq_text_chars("abc", 2) == 2);
}

/* Words as ICU's word break iterator counts them (the segments it gives a
 * letter, number, kana or ideograph status): what wq_text_count_words()
 * gives, whether it asks ICU or counts by itself. */
static size_t icu_words(UBreakIterator *bi, const char *text)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[1024];
	int32_t n = 0, pos;
	size_t words = 0;

	u_strFromUTF8Lenient(u, 1024, &n, text, -1, &st);
	ubrk_setText(bi, u, n, &st);
	if (U_FAILURE(st))
		return (size_t)-1;
	for (pos = ubrk_first(bi); pos != UBRK_DONE; pos = ubrk_next(bi)) {
		int32_t status = ubrk_getRuleStatus(bi);
		if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT)
			words++;
	}
	return words;
}

static void test_words_as_icu(void)
{
	static const char *const pool[] = {
		"ب", "س", "ل", "ا", "ـ", "ة", "پ", "ی", "ک", "א", "ב", "ש", "ם", "׳", "״", "a", "Z",
		"é", "ß", "1", "0", "٣", "٤", "۵", "٫", "٬", "،", "؛", "؟", " ", " ", "\n", "\r",
		"\t", "\u00a0", "\u200c", "\u200d", "\u00ad", "\u064b", "\u0651", "\u05b7",
		"\u0301", "'", "\"", ".", ",", ";", ":", "-", "!", "?", "(", ")", "\u00b7",
		"\u2019", "\u2018", "%", "/", "«", "»", "_", "\u00a9", "\u202f", "\u2014",
		"\u4e2d", "\u0e01", "\u0600", "\u061c", "\u06dd",
	};
	static const char *const langs[] = { "ar", "en", "fa", "he", "fr", "fi", "ja" };
	enum { NLANGS = sizeof(langs) / sizeof(langs[0]) };
	const size_t np = sizeof(pool) / sizeof(pool[0]);
	UBreakIterator *bi[NLANGS];
	uint64_t x = 0x9E3779B97F4A7C15u;
	int t, bad = 0;

	/* What ICU's rules do at their edges. */
	words_are("ש'", "he", 1);
	words_are("ש'\u064b", "he", 0); /* a quote then a mark: no status */
	words_are("ב'1 ב'a", "he", 3);
	words_are("a:b", "en", 2);
	words_are("a:b", "fi", 1);
	words_are("می\u200cخواهم ۱۲٫۵ کیلو", "fa", 3);
	words_are("l\u2019État, 3.14 et 1,000", "fr", 4);
	/* And on random texts of those characters, in several languages. */
	for (t = 0; t < NLANGS; t++) {
		UErrorCode st = U_ZERO_ERROR;
		bi[t] = ubrk_open(UBRK_WORD, langs[t], NULL, 0, &st);
		CHECK(U_SUCCESS(st));
		if (U_FAILURE(st))
			return;
	}
	for (t = 0; t < 20000 && bad < 5; t++) {
		char text[512];
		size_t len = random_text(text, pool, np, 24, &x), got, want;
		const char *lang = langs[t % NLANGS];
		got = wq_text_count_words(text, len, lang);
		want = icu_words(bi[t % NLANGS], text);
		if (got != want) {
			fprintf(stderr, "  words in \"%s\" (%s): %zu, ICU %zu\n", text, lang, got, want);
			bad++;
		}
	}
	for (t = 0; t < NLANGS; t++)
		ubrk_close(bi[t]);
	CHECK(bad == 0);
}

/* ------------------------------------------------------- search words */

static void add_search_word(void *ctx, const char *word, size_t n)
{
	wq_buf *out = ctx;

	wq_buf_put(out, word, n);
	wq_buf_putc(out, '|');
}

static void search_words_are(const char *text, const char *want)
{
	wq_buf got = WQ_BUF_INIT;

	wq_text_search_words(text, strlen(text), add_search_word, &got);
	CHECK_STR(got.ptr ? got.ptr : "", want);
	wq_buf_dispose(&got);
}

/* The search's words as the search page folds them (themes' search.js),
 * read straight from ICU: a restatement, to hold the code to. */
static UChar32 fold_as_search(UChar32 c)
{
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
	    c == 0x0640 || (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 ||
	    c == 0x05C2 || c == 0x05C4 || c == 0x05C5 || c == 0x05C7)
		return -1;
	if (c == 0x05DA || c == 0x05DD || c == 0x05DF || c == 0x05E3 || c == 0x05E5)
		return c + 1;
	if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671)
		return 0x0627;
	if (c == 0x0649 || c == 0x06CC)
		return 0x064A;
	if (c == 0x0629)
		return 0x0647;
	if (c == 0x06A9)
		return 0x0643;
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + c - 0x0660;
	if (c >= 0x06F0 && c <= 0x06F9)
		return '0' + c - 0x06F0;
	return c < 0x0250 ? u_tolower(c) : c;
}

static void search_words_as_icu(wq_buf *out, const char *s, size_t len)
{
	wq_buf w = WQ_BUF_INIT;
	int32_t at = 0, n = (int32_t)len;

	while (at <= n) {
		UChar32 c = -1;
		if (at < n)
			U8_NEXT(s, at, n, c);
		else
			at++;
		if (c > 0 && (c = fold_as_search(c)) < 0)
			continue;
		if (c > 0 && (c == 0x200C || c == 0x200D ||
			      (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)))) {
			char u[4];
			int32_t k = 0;
			U8_APPEND_UNSAFE(u, k, c);
			wq_buf_put(&w, u, (size_t)k);
			continue;
		}
		if (w.len)
			add_search_word(out, w.ptr, w.len);
		wq_buf_clear(&w);
	}
	wq_buf_dispose(&w);
}

static void test_search_words(void)
{
	static const char *const pool[] = {
		"ب", "ا", "أ", "إ", "آ", "ٱ", "ة", "ى", "ی", "ک", "پ", "ـ", "\u064b", "\u0651",
		"\u0670", "\u06d6", "٣", "۵", "א", "ך", "ם", "\u05b7", "\u05c1", "a", "Z", "\u00c9",
		"\u0130", "\u00df", "\u0394", "\u0416", "1", " ", "\n", ".", "'", "-", "\u200c",
		"\u200d", "\u00a0", "\u2019", "\u4e2d", "\U0001F600", "\U0001D400", "\xFF", "\u0900",
		"\u093F", "\u08ff",
	};
	const size_t np = sizeof(pool) / sizeof(pool[0]);
	uint64_t x = 0x2545F4914F6CDD1Du;
	int t, bad = 0;

	search_words_are("الْعَرَبِيَّةُ والإمارات", "العربيه|والامارات|");
	search_words_are("فارسی کتاب ۱۲۳ ٤٥", "فارسي|كتاب|123|45|");
	search_words_are("שָׁלוֹם עולם ךםןףץ", "שלומ|עולמ|כמנפצ|");
	search_words_are("Hello, WORLD: \u0130stanbul \u00c9a", "hello|world|istanbul|\u00e9a|");
	search_words_are("می\u200cخواهم e\u0301", "مي\u200cخواهم|e\u0301|");
	search_words_are("", "");
	for (t = 0; t < 20000 && bad < 5; t++) {
		char text[512];
		size_t len = random_text(text, pool, np, 24, &x);
		wq_buf got = WQ_BUF_INIT, want = WQ_BUF_INIT;
		wq_text_search_words(text, len, add_search_word, &got);
		search_words_as_icu(&want, text, len);
		if (strcmp(got.ptr ? got.ptr : "", want.ptr ? want.ptr : "")) {
			fprintf(stderr, "  search words of \"%s\": %s, want %s\n", text,
				got.ptr ? got.ptr : "", want.ptr ? want.ptr : "");
			bad++;
		}
		wq_buf_dispose(&got);
		wq_buf_dispose(&want);
	}
	CHECK(bad == 0);
}

/* ------------------------------------------------------------------ ids */

static void id_is(const char *text, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "stale");
	wq_text_make_id(&out, text, strlen(text));
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void test_make_id(void)
{
	id_is("Hello World!", "hello-world");
	id_is("مقدمة", "مقدمة");
	id_is("مقدمة الكتاب", "مقدمة-الكتاب");
	id_is("", "section");
	id_is("!!! ???", "section");
	id_is("  Leading and   trailing  ", "leading-and-trailing");
	id_is("a - b -- c", "a-b-c");
	id_is("C++ & C# (2024)", "c-c-2024");
	id_is("snake_case Name", "snake_case-name");
	id_is("Ärger über Straße", "ärger-über-strasse");
	/* Arabic marks (harakat) and Arabic-Indic digits are kept. */
	id_is("الفصلُ ٣", "الفصلُ-٣");
	id_is("Chapter 1: Arabic — العربية", "chapter-1-arabic-العربية");
}

static void slug_is(const char *text, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "stale");
	wq_text_ascii_slug(&out, text, strlen(text), "fallback");
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void test_ascii_slug(void)
{
	wq_buf out = WQ_BUF_INIT;
	size_t i;
	int ascii = 1;

	slug_is("Hello World!", "hello-world");
	slug_is("Ärger über Straße", "arger-uber-strasse");
	slug_is("Привет мир", "privet-mir");
	slug_is("  --a--  ", "a");
	slug_is("C++ & C# 2024", "c-c-2024");
	slug_is("", "fallback");
	slug_is("!!! ؟", "fallback");
	/* Arabic is transliterated to plain ASCII letters and dashes. */
	wq_text_ascii_slug(&out, "مرحبا بالعالم", strlen("مرحبا بالعالم"), "x");
	CHECK(out.len > 3);
	for (i = 0; i < out.len; i++)
		if (!((out.ptr[i] >= 'a' && out.ptr[i] <= 'z') || (out.ptr[i] >= '0' && out.ptr[i] <= '9') ||
		      out.ptr[i] == '-'))
			ascii = 0;
	CHECK(ascii);
	CHECK(out.len && out.ptr[0] != '-' && out.ptr[out.len - 1] != '-');
	CHECK(strcmp(wq_buf_cstr(&out), "x") != 0);
	wq_buf_dispose(&out);
}

/* --------------------------------------------------------------- dates */

static void date_is(const char *s, int64_t want)
{
	int64_t got = -1;

	CHECK(wq_text_parse_date(&got, s));
	CHECK(got == want);
	if (got != want)
		fprintf(stderr, "  %s: %lld, want %lld\n", s, (long long)got, (long long)want);
}

static void date_bad(const char *s)
{
	int64_t got = 0;

	CHECK(!wq_text_parse_date(&got, s));
	if (wq_text_parse_date(&got, s))
		fprintf(stderr, "  \"%s\" accepted as %lld\n", s, (long long)got);
}

static void test_parse_date(void)
{
	date_is("1970-01-01", 0);
	date_is("2024-05-17", 1715904000);
	date_is("2024-05-17T06:30:00Z", 1715927400);
	date_is("2024-05-17T06:30Z", 1715927400);
	date_is("2024-05-17t06:30:00z", 1715927400);
	date_is("2024-05-17 06:30:00", 1715927400);
	date_is("2024-05-17T06:30:00.250Z", 1715927400);
	/* Offsets are applied: 09:30 at +03:00 is 06:30 UTC. */
	date_is("2024-05-17T09:30:00+03:00", 1715927400);
	date_is("2024-05-17T01:00:00-05:30", 1715927400);
	date_is("2024-05-17T09:30+03:00", 1715927400);
	/* Leap days. */
	date_is("2024-02-29", 1709164800);
	date_is("2000-02-29T12:00:00Z", 951825600);
	date_is("1969-12-31", -86400);
	date_is("2024-12-31T23:59:59Z", 1735689599);

	date_bad("");
	date_bad("2024");
	date_bad("2024-05");
	date_bad("2024-5-17");
	date_bad("24-05-17");
	date_bad("2024/05/17");
	date_bad("2024-13-01");
	date_bad("2024-00-10");
	date_bad("2024-05-00");
	date_bad("2024-05-32");
	date_bad("2024-04-31");
	date_bad("2023-02-29");
	date_bad("1900-02-29");
	date_bad("2024-02-30");
	date_bad("2024-05-17T");
	date_bad("2024-05-17T24:00");
	date_bad("2024-05-17T10:60");
	date_bad("2024-05-17T10:30:61");
	date_bad("2024-05-17T10:30:00+0300");
	date_bad("2024-05-17T10:30:00+03");
	date_bad("2024-05-17x");
	date_bad("2024-05-17 ");
	date_bad("2024-05-17Z");
	date_bad("not-a-date");
	date_bad("٢٠٢٤-٠٥-١٧");
	/* Regression (src/text.c, wq_text_parse_date): the offset is not range
	 * checked and a fraction needs no digits (RFC 3339: time-secfrac is "."
	 * 1*DIGIT, offsets 00-23:00-59); all of these are accepted. */
	date_bad("2024-05-17T10:30:00+24:00");
	date_bad("2024-05-17T10:30:00+03:60");
	date_bad("2024-05-17T10:30:00+99:99");
	date_bad("2024-05-17T10:30:00.Z");
}

static void rfc3339_is(int64_t epoch, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, ">");
	wq_text_format_rfc3339(&out, epoch);
	CHECK(out.len > 0 && out.ptr[0] == '>');
	CHECK_STR(wq_buf_cstr(&out) + 1, want);
	wq_buf_dispose(&out);
}

static void test_rfc3339(void)
{
	int64_t e = 0;

	rfc3339_is(0, "1970-01-01T00:00:00Z");
	rfc3339_is(1669766400, "2022-11-30T00:00:00Z");
	rfc3339_is(1715927400, "2024-05-17T06:30:00Z");
	rfc3339_is(-86400, "1969-12-31T00:00:00Z");
	rfc3339_is(1709164800 + 86399, "2024-02-29T23:59:59Z");
	/* Round trip through the parser. */
	CHECK(wq_text_parse_date(&e, "2031-07-04T13:14:15+02:00"));
	rfc3339_is(e, "2031-07-04T11:14:15Z");
}

static void test_format_date(void)
{
	wq_buf out = WQ_BUF_INIT;

	wq_text_format_date(&out, 1669766400, "en");
	CHECK_STR(wq_buf_cstr(&out), "November 30, 2022");
	wq_buf_clear(&out);
	/* In UTC: one second before midnight is still the 29th. */
	wq_text_format_date(&out, 1669766399, "en");
	CHECK_STR(wq_buf_cstr(&out), "November 29, 2022");
	wq_buf_clear(&out);
	wq_text_format_date(&out, 1669766400, "ar");
	CHECK_CONTAINS(wq_buf_cstr(&out), "نوفمبر");
	wq_buf_dispose(&out);
}

/* -------------------------------------------------------------- numbers */

static void plural_is(const char *lang, double n, const char *want)
{
	char out[8];

	memset(out, 'x', sizeof(out));
	wq_text_plural(out, lang, n);
	CHECK_STR(out, want);
}

static void test_plural(void)
{
	plural_is("ar", 0, "zero");
	plural_is("ar", 1, "one");
	plural_is("ar", 2, "two");
	plural_is("ar", 3, "few");
	plural_is("ar", 10, "few");
	plural_is("ar", 11, "many");
	plural_is("ar", 99, "many");
	plural_is("ar", 100, "other");
	plural_is("ar", 103, "few");
	plural_is("en", 1, "one");
	plural_is("en", 2, "other");
	plural_is("en", 0, "other");
	plural_is("", 1, "one");
}

static void int_is(int64_t n, const char *lang, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_text_format_int(&out, n, lang);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void test_format_int(void)
{
	int_is(0, "en", "0");
	int_is(42, "en", "42");
	int_is(1234567, "en", "1,234,567");
	int_is(-5, "en", "-5");
	int_is(42, "ar", "٤٢");
	int_is(1234567, "ar", "١٬٢٣٤٬٥٦٧");
	int_is(7, "fa", "۷");
	int_is(42, "", "42");
}

/* The digits and grouping a search page writes counts with. */
static void symbols_are(const char *locale, const char *digits, const char *group,
			const char *sizes)
{
	wq_buf d = WQ_BUF_INIT, g = WQ_BUF_INIT;
	int n[3];
	char got[32];

	wq_text_number_symbols(&d, &g, n, locale);
	CHECK_STR(wq_buf_cstr(&d), digits);
	CHECK_STR(wq_buf_cstr(&g), group);
	snprintf(got, sizeof(got), "%d %d %d", n[0], n[1], n[2]);
	CHECK_STR(got, sizes);
	wq_buf_dispose(&d);
	wq_buf_dispose(&g);
}

static void test_number_symbols(void)
{
	symbols_are("en", "0123456789", ",", "3 3 1");
	symbols_are("ar", "٠١٢٣٤٥٦٧٨٩", "٬", "3 3 1");
	symbols_are("ar@numbers=latn", "0123456789", ",", "3 3 1");
	symbols_are("fa", "۰۱۲۳۴۵۶۷۸۹", "٬", "3 3 1");
	symbols_are("fr", "0123456789", " ", "3 3 1");
	symbols_are("hi", "0123456789", ",", "3 2 1"); /* 12,34,567 */
}

/* ------------------------------------------------------------ truncate */

static void trunc_is(const char *text, size_t max, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_buf_puts(&out, "[");
	wq_text_truncate(&out, text, strlen(text), max);
	CHECK(out.len > 0 && out.ptr[0] == '[');
	CHECK_STR(wq_buf_cstr(&out) + 1, want);
	wq_buf_dispose(&out);
}

static void test_truncate(void)
{
	trunc_is("short", 10, "short");
	trunc_is("exactly10!", 10, "exactly10!");
	trunc_is("", 5, "");
	trunc_is("The quick brown fox", 12, "The quick…");
	/* Regression (src/text.c, wq_text_truncate): a word that ends exactly at the
	 * limit is dropped, because a space just past the cut is never looked
	 * at: gives "The…" and "a…". */
	trunc_is("The quick brown fox", 9, "The quick…");
	trunc_is("a hello world", 7, "a hello…");
	trunc_is("hello world", 5, "hello…");
	trunc_is("hello world", 6, "hello…");
	trunc_is("line one\nline two", 12, "line one…");
	/* Characters, not bytes: 10 Arabic characters, cut after the second word. */
	trunc_is("ذهب الولد إلى المدرسة", 10, "ذهب الولد…");
	trunc_is("ذهب الولد إلى المدرسة", 100, "ذهب الولد إلى المدرسة");
	/* One long word: cut inside it rather than return nothing, on a
	 * character boundary. */
	trunc_is("abcdefghij", 4, "abcd…");
	trunc_is("مرحبابكم", 3, "مرح…");
}

/* Alphabetical order is the language's: in Arabic, أ sorts with ا (code
 * point order would put أحمد first); in English, case comes second. */
static void test_collation(void)
{
	const char *ar[] = { "تقارير", "أحمد", "ب", "ابتداء" };
	const char *en[] = { "beta", "Alpha", "alpha", "Beta" };
	size_t order[4];

	wq_text_collation_order(order, ar, 4, "ar");
	CHECK_STR(ar[order[0]], "ابتداء");
	CHECK_STR(ar[order[1]], "أحمد");
	CHECK_STR(ar[order[2]], "ب");
	CHECK_STR(ar[order[3]], "تقارير");
	wq_text_collation_order(order, en, 4, "en");
	CHECK_STR(en[order[0]], "alpha");
	CHECK_STR(en[order[1]], "Alpha");
	CHECK_STR(en[order[2]], "beta");
	CHECK_STR(en[order[3]], "Beta");
	wq_text_collation_order(order, en, 0, "en"); /* nothing to sort */
}

int main(void)
{
	test_check_utf8();
	test_char_len();
	test_clean();
	test_clean_as_icu();
	test_detect();
	test_lang_dir();
	test_words();
	test_words_as_icu();
	test_search_words();
	test_make_id();
	test_ascii_slug();
	test_parse_date();
	test_rfc3339();
	test_format_date();
	test_plural();
	test_format_int();
	test_number_symbols();
	test_truncate();
	test_collation();
	return CHECK_DONE();
}
