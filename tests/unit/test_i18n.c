/* UI strings: the default theme's reading times in Arabic and English, with
 * ICU MessageFormat and CLDR plural rules, in both numbering systems. */
#include <stdlib.h>

#include "check.h"
#include "render.h"
#include "text.h"
#include "yamlval.h"

static void reading(const wq_val *strings, const char *locale, unsigned n, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_render_reading_time(&out, strings, locale, n);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
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
	wq_val_free(ar);
	wq_val_free(en);
	return CHECK_DONE();
}
