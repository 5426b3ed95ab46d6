#define _POSIX_C_SOURCE 200809L
/* The bidi rules, one by one: runs isolated inside blocks (text module),
 * and the whole pass over a document body (Markdown module). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "markdown.h"
#include "site.h"
#include "text.h"

static void runs_html(const char *text, wq_dir dir, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_text_put_runs_html(&out, text, dir);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

static void runs_plain(const char *text, wq_dir dir, const char *want)
{
	wq_buf out = WQ_BUF_INIT;

	wq_text_put_runs_isolated(&out, text, dir);
	CHECK_STR(wq_buf_cstr(&out), want);
	wq_buf_dispose(&out);
}

/* Render a body as an Arabic (or English) document of a one-page site. */
static char *render(const char *body, const char *lang, wq_dir dir)
{
	wq_config *cfg = NULL;
	wq_diag *diag = wq_diag_new();
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	wq_doc *doc = wq_doc_new();
	wq_md_render_opts opts = WQ_MD_RENDER_OPTS_INIT;
	wq_buf html = WQ_BUF_INIT;

	CHECK(wq_config_load(&cfg, "/nonexistent/warraq.yml", false, diag, &err) == 0);
	site = wq_site_new(cfg, "/nonexistent", diag);
	free(doc->text);
	doc->text = strdup(body);
	doc->text_len = strlen(body);
	free(doc->lang);
	doc->lang = strdup(lang);
	wq_site_add_doc(site, doc);
	CHECK(wq_md_parse(doc, wq_site_links(site), &err) == 0);
	doc->base_dir = dir;
	wq_md_apply_bidi(doc);
	wq_md_render(&html, doc, &opts);
	wq_site_free(site);
	wq_diag_free(diag);
	return wq_buf_detach(&html);
}

static void body_has(const char *body, wq_dir dir, const char *want)
{
	char *html = render(body, dir == WQ_DIR_RTL ? "ar" : "en", dir);
	CHECK_CONTAINS(html, want);
	free(html);
}

static void body_lacks(const char *body, wq_dir dir, const char *unwanted)
{
	char *html = render(body, dir == WQ_DIR_RTL ? "ar" : "en", dir);
	CHECK(strstr(html, unwanted) == NULL);
	if (strstr(html, unwanted))
		fprintf(stderr, "  unwanted \"%s\" in %s\n", unwanted, html);
	free(html);
}

/* What the Markdown pass leaves alone, it may: a text whose counts show
 * no strong character of the other direction, no digit and no explicit
 * formatting holds no run (random texts of those characters). */
static void test_counts_rule_out_runs(void)
{
	static const char *const pool[] = {
		"س", "ل", "ا", "م", "א", "a", "Z", "1", "0", "٣", "۵", " ", " ", "\u00a0", "\u2009",
		"\u202f", "(", ")", "[", "]", "-", "+", ",", ".", ":", "/", "%", "$", "#", "@", "،",
		"\u2066", "\u2067", "\u2069", "\u202b", "\u202c", "\u200f", "\u200e", "\u064b",
		"\u0301", "!", "\"", "\u00ab", "\u00bb",
	};
	const size_t np = sizeof(pool) / sizeof(pool[0]);
	uint64_t x = 0x853C49E6748FEA9Bu;
	int t, bad = 0, skipped = 0;

	for (t = 0; t < 40000 && bad < 5; t++) {
		char text[512];
		size_t len = 0, n, i, ltr, rtl, others, nruns;
		wq_dir dir = t % 2 ? WQ_DIR_RTL : WQ_DIR_LTR;
		wq_text_span *runs = NULL;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = 1 + (size_t)(x % 20);
		for (i = 0; i < n; i++) {
			const char *p;
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			p = pool[x % np];
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		text[len] = '\0';
		wq_text_strong_counts(text, len, &ltr, &rtl, &others);
		if ((dir == WQ_DIR_RTL ? ltr : rtl) > 0 || others > 0)
			continue;
		skipped++;
		nruns = wq_text_isolate_runs(&runs, text, len, dir);
		free(runs);
		if (nruns) {
			fprintf(stderr, "  \"%s\" (%s): %zu runs where the counts say none\n", text,
				dir == WQ_DIR_RTL ? "rtl" : "ltr", nruns);
			bad++;
		}
	}
	CHECK(bad == 0);
	CHECK(skipped > 1000); /* the rule was put to the test */
}

int main(void)
{
	/* Runs of the other direction with weak or neutral edges. */
	runs_html("Alternatives to Detention (ATD) هي بدائل الاحتجاز", WQ_DIR_RTL,
		  "<span dir=\"ltr\">Alternatives to Detention (ATD)</span> هي بدائل الاحتجاز");
	runs_html("الميثاق العالمي (GCM) في", WQ_DIR_RTL,
		  "الميثاق العالمي <span dir=\"ltr\">(GCM)</span> في");
	runs_html("فيروس COVID-19 انتشر", WQ_DIR_RTL, "فيروس <span dir=\"ltr\">COVID-19</span> انتشر");
	/* Strong edges, digits alone, no other direction: nothing to do. */
	runs_html("نظمت IDC ورشة", WQ_DIR_RTL, "نظمت IDC ورشة");
	runs_html("في عام 2018 وقعت", WQ_DIR_RTL, "في عام 2018 وقعت");
	runs_html("Plain English text.", WQ_DIR_LTR, "Plain English text.");
	/* Text of one direction with its punctuation: no bidi pass needed,
	 * and none of its characters is isolated. */
	runs_html("مرحبا، (عالم)! «نص» — هنا؟", WQ_DIR_RTL, "مرحبا، (عالم)! «نص» — هنا؟");
	runs_html("Hello, (world)! \"text\" - here?", WQ_DIR_LTR,
		  "Hello, (world)! &quot;text&quot; - here?");
	/* What can rise above the paragraph's level: the other direction,
	 * Arabic-Indic digits, an explicit isolate. */
	runs_html("The word (سلام) means peace", WQ_DIR_LTR,
		  "The word <span dir=\"rtl\">(سلام)</span> means peace");
	runs_html("في عام ٢٠١٨ وقعت", WQ_DIR_RTL, "في عام ٢٠١٨ وقعت");
	runs_html("اتصلوا على +٩٦٢ ٦ ٥٥٥ ٠١٠٠ اليوم", WQ_DIR_RTL,
		  "اتصلوا على <span dir=\"ltr\">+٩٦٢ ٦ ٥٥٥ ٠١٠٠</span> اليوم");
	/* Digit groups joined by spaces read as one number, left to right. */
	runs_html("اتصلوا على +962 6 555 0100 اليوم", WQ_DIR_RTL,
		  "اتصلوا على <span dir=\"ltr\">+962 6 555 0100</span> اليوم");
	runs_html("الرقم 06 555 0100.", WQ_DIR_RTL, "الرقم <span dir=\"ltr\">06 555 0100</span>.");
	runs_html("بلغ العدد 1 000 000 شخص", WQ_DIR_RTL,
		  "بلغ العدد <span dir=\"ltr\">1 000 000</span> شخص");
	runs_html("هاتف: +44 20", WQ_DIR_RTL, "هاتف: <span dir=\"ltr\">+44 20</span>");
	runs_plain("اتصلوا على +962 6 555 0100", WQ_DIR_RTL,
		   "اتصلوا على \u2066+962 6 555 0100\u2069");
	/* Digits with no strong character of the other direction: only groups
	 * joined by spaces make a run (for any other such text the levels are
	 * not computed, and nothing is isolated). */
	runs_html("ارقام ١ ٢٠٠ ٣٠٠", WQ_DIR_RTL, "ارقام <span dir=\"ltr\">١ ٢٠٠ ٣٠٠</span>");
	runs_html("العدد 1\u064b 000 000", WQ_DIR_RTL, "العدد 1\u064b 000 000");
	runs_html("the numbers ١ ٢٠٠ ٣٠٠ here", WQ_DIR_LTR, "the numbers ١ ٢٠٠ ٣٠٠ here");
	runs_html("النسبة 5% 6% 7%", WQ_DIR_RTL, "النسبة 5% 6% 7%");
	runs_html("العدد 12, 13 و14", WQ_DIR_RTL, "العدد 12, 13 و14");
	/* Two plain numbers side by side, and numbers between words, stay. */
	runs_html("الأعوام 2019 2020 فقط", WQ_DIR_RTL, "الأعوام 2019 2020 فقط");
	runs_html("بين 2019 و 2020 و 2021", WQ_DIR_RTL, "بين 2019 و 2020 و 2021");
	runs_html("Call +962 6 555 0100 today", WQ_DIR_LTR, "Call +962 6 555 0100 today");
	/* After a Latin word the number is part of the Latin run already. */
	runs_html("الهاتف Tel +962 6 555 0100", WQ_DIR_RTL,
		  "الهاتف <span dir=\"ltr\">Tel +962 6 555 0100</span>");
	/* An Arabic run in an English sentence. */
	runs_html("The Compact (الميثاق) was signed.", WQ_DIR_LTR,
		  "The Compact <span dir=\"rtl\">(الميثاق)</span> was signed.");
	/* Escaping applies inside and outside the run ("b> & (ATD)" is one
	 * left-to-right run: the neutrals between its letters join it). */
	runs_html("<b> & (ATD) نص", WQ_DIR_RTL,
		  "&lt;<span dir=\"ltr\">b&gt; &amp; (ATD)</span> نص");
	/* Where markup cannot go: LRI/RLI ... PDI. */
	runs_plain("بدائل الاحتجاز (ATD)", WQ_DIR_RTL, "بدائل الاحتجاز \u2066(ATD)\u2069");
	{
		wq_buf out = WQ_BUF_INIT;
		wq_text_put_isolated(&out, "Detention in the region", WQ_DIR_RTL);
		CHECK_STR(out.ptr, "\u2068Detention in the region\u2069");
		wq_buf_clear(&out);
		wq_text_put_isolated(&out, "الاحتجاز", WQ_DIR_RTL);
		CHECK_STR(out.ptr, "الاحتجاز");
		wq_buf_dispose(&out);
	}

	/* Blocks wholly of the other direction get their own dir... */
	body_has("English paragraph.\n", WQ_DIR_RTL, "<p dir=\"ltr\">English paragraph.</p>");
	body_has("## English heading\n", WQ_DIR_RTL, "dir=\"ltr\">English heading</h2>");
	body_has("- عربي\n- English item\n", WQ_DIR_RTL, "<li dir=\"ltr\">English item</li>");
	body_has("> English quote\n", WQ_DIR_RTL, "<blockquote dir=\"ltr\">");
	body_has("| عربي | English |\n|---|---|\n| نص | text |\n", WQ_DIR_RTL, "<td dir=\"ltr\">text</td>");
	body_has("فقرة عربية.\n", WQ_DIR_LTR, "<p dir=\"rtl\">فقرة عربية.</p>");
	/* ...but a mostly-Arabic block starting with a Latin word keeps the page's. */
	body_has("UNICEF وشركاؤها نظموا ورشة عمل.\n", WQ_DIR_RTL, "<p>UNICEF وشركاؤها");
	/* A paragraph inside an English item inherits it: no second dir. */
	body_lacks("- English item\n\n  Still English.\n", WQ_DIR_RTL, "<p dir=");
	/* Code is left to right; so are links whose text is an address. */
	body_has("نص `code` نص\n", WQ_DIR_RTL, "<code dir=\"ltr\">code</code>");
	body_has("```\nmake all\n```\n", WQ_DIR_RTL, "<pre dir=\"ltr\"><code>make all");
	body_has("راسلونا [sgomez@idcoalition.org](mailto:sgomez@idcoalition.org).\n", WQ_DIR_RTL,
		 "<span dir=\"ltr\"><a href=\"mailto:sgomez@idcoalition.org\">sgomez@idcoalition.org</a></span>");
	body_has("الموقع https://example.org/ar هنا\n", WQ_DIR_RTL,
		 "<span dir=\"ltr\"><a href=\"https://example.org/ar\">https://example.org/ar</a></span>");
	body_lacks("[الرابط](https://example.org)\n", WQ_DIR_RTL, "<span dir=");
	/* Isolation inside a block, across emphasis it stays in its node. */
	body_has("**Alternatives to Detention (ATD)** هي بدائل\n", WQ_DIR_RTL,
		 "<strong><span dir=\"ltr\">Alternatives to Detention (ATD)</span></strong>");
	/* Raw HTML stays out, our own spans stay in. */
	body_has("<b>x</b> (ATD) نص\n", WQ_DIR_RTL, "<!-- raw HTML omitted -->");

	/* Alerts: labelled callouts. */
	body_has("> [!WARNING]\n> انتبه.\n", WQ_DIR_RTL,
		 "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>");
	body_has("> [!note]\n> text\n", WQ_DIR_LTR, "callout-note");
	body_lacks("> [!NOTE] not alone\n", WQ_DIR_LTR, "callout");
	body_lacks("> [!FOO]\n> x\n", WQ_DIR_LTR, "callout");

	/* In a document too, digits alone can make a run (spaced groups,
	 * Arabic-Indic digits after a sign), and an explicit isolate is kept. */
	body_has("بلغ العدد 1 000 000 شخص\n", WQ_DIR_RTL, "<span dir=\"ltr\">1 000 000</span>");
	body_has("## اتصلوا على +٩٦٢ ٦ ٥٥٥ ٠١٠٠ اليوم\n", WQ_DIR_RTL,
		 "<span dir=\"ltr\">+٩٦٢ ٦ ٥٥٥ ٠١٠٠</span>");
	body_lacks("في عام 2018 وقعت\n", WQ_DIR_RTL, "<span dir=");
	test_counts_rule_out_runs();
	return CHECK_DONE();
}
