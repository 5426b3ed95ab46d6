/* The sitemap (every page of every list; an index of parts past the
 * limit) and the feed (the newest feed_limit entries). */
#define _XOPEN_SOURCE 700
#include "check.h"
#include "tmpdir.h"

#include "config.h"
#include "diag.h"
#include "feeds.h"
#include "load.h"
#include "site.h"

static const char *tmp;

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Five dated articles, paginated two a page: the home page has 3 pages. */
static wq_site *load_site(wq_diag *diag)
{
	static char src[1024];
	wq_config *cfg = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_site *site;
	char name[32], text[128];
	int i;

	snprintf(src, sizeof(src), "%s/site", tmp);
	for (i = 1; i <= 5; i++) {
		snprintf(name, sizeof(name), "a%d.md", i);
		snprintf(text, sizeof(text), "---\ndate: 2024-0%d-01\n---\n# A%d\n\nText.\n", i, i);
		tmp_puts(src, name, text);
	}
	CHECK(wq_config_load(&cfg, "/nonexistent.yml", false, diag, &err) == 0);
	cfg->paginate = 2;
	cfg->feed_limit = 3;
	free(cfg->base_url);
	cfg->base_url = strdup("https://example.org/");
	site = wq_site_new(cfg, src, diag);
	CHECK(wq_load_sources(site, &err) == 0);
	return site;
}

static void test_sitemap(wq_site *site)
{
	wq_buf b = WQ_BUF_INIT;

	/* 3 home pages + 5 articles = 8 URLs: one file under the limit... */
	CHECK(wq_feeds_sitemap_parts(site, 50000) == 0);
	wq_feeds_sitemap(&b, site, 0, 0, 50000);
	CHECK(count_of(b.ptr, "<url>") == 8);
	CHECK_CONTAINS(b.ptr, "<loc>https://example.org/page/2/</loc>");
	CHECK_CONTAINS(b.ptr, "<loc>https://example.org/page/3/</loc>");
	CHECK(strstr(b.ptr, "page/4/") == NULL);
	/* ... and past it, an index of parts that hold every URL once. */
	CHECK(wq_feeds_sitemap_parts(site, 3) == 3);
	wq_buf_clear(&b);
	wq_feeds_sitemap(&b, site, 0, 0, 3);
	CHECK_CONTAINS(b.ptr, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
	CHECK(count_of(b.ptr, "<sitemap>") == 3);
	CHECK_CONTAINS(b.ptr, "<loc>https://example.org/sitemap-3.xml</loc>");
	CHECK(strstr(b.ptr, "<url>") == NULL);
	{
		size_t part, urls = 0;
		for (part = 1; part <= 3; part++) {
			wq_buf_clear(&b);
			wq_feeds_sitemap(&b, site, 0, part, 3);
			CHECK_CONTAINS(b.ptr, "<urlset");
			CHECK(count_of(b.ptr, "<url>") == (part < 3 ? 3u : 2u));
			urls += count_of(b.ptr, "<url>");
		}
		CHECK(urls == 8);
	}
	wq_buf_clear(&b);
	wq_feeds_sitemap_part_name(&b, 2);
	CHECK_STR(b.ptr, "sitemap-2.xml");
	wq_buf_dispose(&b);
}

static void test_feed_limit(wq_site *site)
{
	wq_buf b = WQ_BUF_INIT;
	const char *a5, *a4, *a3;

	wq_feeds_atom(&b, site, 0);
	CHECK(count_of(b.ptr, "<entry") == 3);
	a5 = strstr(b.ptr, "a5/");
	a4 = strstr(b.ptr, "a4/");
	a3 = strstr(b.ptr, "a3/");
	CHECK(a5 && a4 && a3 && a5 < a4 && a4 < a3);
	CHECK(strstr(b.ptr, "a2/") == NULL && strstr(b.ptr, "a1/") == NULL);
	wq_buf_dispose(&b);
}

int main(void)
{
	wq_diag *diag = wq_diag_new();
	wq_site *site;

	tmp = tmp_make();
	CHECK(tmp != NULL);
	if (!tmp)
		return CHECK_DONE();
	site = load_site(diag);
	test_sitemap(site);
	test_feed_limit(site);
	wq_site_free(site);
	wq_diag_free(diag);
	CHECK(tmp_remove(tmp) == 0);
	return CHECK_DONE();
}
