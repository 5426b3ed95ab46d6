/* UI strings: the default theme's reading times in Arabic, English,
 * French, Hebrew and Persian, with ICU MessageFormat and CLDR plural rules,
 * in both numbering systems; every theme's strings in every language have
 * the English file's keys, and their plural patterns all format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "card.h"
#include "render.h"
#include "text.h"
#include "yamlval.h"

static void reading(const wq_val *strings, const char *locale, unsigned n, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_card_reading_time(&out, strings, locale, n);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

/* Every language's strings of @p theme: the English keys, each plural
 * pattern formatting for numbers of every CLDR category. */
static void check_theme(const char *theme)
{
	static const char *const langs[] = { "ar", "en", "fr", "he", "fa" };
	static const double numbers[] = { 0, 1, 2, 3, 11, 100, 1000000 };
	wq_val *en = NULL;
	wq_err err = WQ_ERR_INIT;
	char path[256];
	size_t l, i, k;

	snprintf(path, sizeof(path), "../../themes/%s/i18n/en.yml", theme);
	CHECK(wq_yaml_load_file(&en, path, &err) == 0);
	for (l = 0; en && l < sizeof(langs) / sizeof(langs[0]); l++) {
		wq_val *v = NULL;
		snprintf(path, sizeof(path), "../../themes/%s/i18n/%s.yml", theme, langs[l]);
		CHECK(wq_yaml_load_file(&v, path, &err) == 0);
		if (!v)
			continue;
		CHECK(wq_val_count(v) == wq_val_count(en));
		for (i = 0; i < wq_val_count(en); i++) {
			const char *key = wq_val_key_at(en, i);
			const char *text = wq_val_get_str(wq_val_get(v, key), NULL);
			CHECK(text != NULL);
			if (!text) {
				fprintf(stderr, "  %s: no '%s'\n", path, key);
				continue;
			}
			if (!strstr(text, "plural"))
				continue;
			for (k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++) {
				wq_buf out = WQ_BUF_INIT;
				int off = -1;
				CHECK(wq_text_message(&out, text, langs[l], numbers[k], &off) == 0);
				CHECK(out.len > 0);
				wq_buf_dispose(&out);
			}
		}
		wq_val_free(v);
	}
	wq_val_free(en);
}

int main(void)
{
	wq_val *ar = NULL, *en = NULL;
	wq_err err = WQ_ERR_INIT;
	char loc[96];

	CHECK(wq_yaml_load_file(&ar, "../../themes/default/i18n/ar.yml", &err) == 0);
	CHECK(wq_yaml_load_file(&en, "../../themes/default/i18n/en.yml", &err) == 0);
	if (!ar || !en)
		return CHECK_DONE();

	/* Arabic has six plural forms: zero, one, two, few, many, other. */
	wq_text_locale(loc, "ar", "latn", NULL);
	CHECK_STR(loc, "ar@numbers=latn");
	reading(ar, loc, 0, "أقل من دقيقة");
	reading(ar, loc, 1, "دقيقة واحدة");
	reading(ar, loc, 2, "دقيقتان");
	reading(ar, loc, 3, "3 دقائق");
	reading(ar, loc, 10, "10 دقائق");
	reading(ar, loc, 11, "11 دقيقة");
	reading(ar, loc, 99, "99 دقيقة");
	reading(ar, loc, 100, "100 دقيقة");
	reading(ar, loc, 102, "102 دقيقة");
	reading(ar, loc, 103, "103 دقائق");
	/* The language's own digits when no numbering system is set. */
	reading(ar, "ar", 3, "٣ دقائق");
	reading(ar, "ar", 11, "١١ دقيقة");
	wq_text_locale(loc, "ar", "arab", NULL);
	reading(ar, loc, 100, "١٠٠ دقيقة");

	reading(en, "en", 0, "less than a minute");
	reading(en, "en", 1, "1 minute read");
	reading(en, "en", 2, "2 minutes read");
	reading(en, "en", 1000, "1,000 minutes read");

	/* Dates in a second calendar. */
	{
		wq_buf out = WQ_BUF_INIT;
		wq_text_locale(loc, "ar", "latn", "islamic-umalqura");
		CHECK_STR(loc, "ar@numbers=latn;calendar=islamic-umalqura");
		wq_text_format_date(&out, 1669766400, loc); /* 2022-11-30 */
		CHECK_CONTAINS(wq_buf_cstr(&out), "1444");
		CHECK_CONTAINS(wq_buf_cstr(&out), "جمادى الأولى");
		wq_buf_clear(&out);
		wq_text_locale(loc, "ar", "latn", NULL);
		wq_text_format_date(&out, 1669766400, loc);
		CHECK_STR(wq_buf_cstr(&out), "30 نوفمبر 2022");
		wq_buf_dispose(&out);
	}
	CHECK(wq_text_known_keyword(true, "islamic-umalqura"));
	CHECK(!wq_text_known_keyword(true, "nosuch"));
	CHECK(wq_text_known_keyword(false, "arab"));
	CHECK(!wq_text_known_keyword(false, "nosuch"));

	/* A broken pattern is reported, not printed. */
	{
		wq_buf out = WQ_BUF_INIT;
		int off = -1;
		CHECK(wq_text_message(&out, "{0, plural, one {x}", "en", 1, &off) == WQ_EINPUT);
		CHECK(off >= 0);
		wq_buf_dispose(&out);
	}
	{
		/* French: one, many (a million of), other; Hebrew: one, two,
		 * other; Persian: one, other, in Persian digits. */
		wq_val *fr = NULL, *he = NULL, *fa = NULL;
		CHECK(wq_yaml_load_file(&fr, "../../themes/default/i18n/fr.yml", &err) == 0);
		CHECK(wq_yaml_load_file(&he, "../../themes/default/i18n/he.yml", &err) == 0);
		CHECK(wq_yaml_load_file(&fa, "../../themes/default/i18n/fa.yml", &err) == 0);
		if (fr && he && fa) {
			wq_buf out = WQ_BUF_INIT;
			reading(fr, "fr", 0, "moins d’une minute");
			reading(fr, "fr", 1, "1 minute de lecture");
			reading(fr, "fr", 2, "2 minutes de lecture");
			wq_card_reading_time(&out, fr, "fr", 1000000);
			CHECK_CONTAINS(wq_buf_cstr(&out), "de minutes de lecture");
			reading(he, "he", 1, "דקת קריאה אחת");
			reading(he, "he", 2, "שתי דקות קריאה");
			reading(he, "he", 5, "5 דקות קריאה");
			reading(fa, "fa", 3, "۳ دقیقه مطالعه");
			wq_buf_dispose(&out);
		}
		wq_val_free(fr);
		wq_val_free(he);
		wq_val_free(fa);
	}
	check_theme("default");
	check_theme("docs");
	wq_val_free(ar);
	wq_val_free(en);
	return CHECK_DONE();
}
