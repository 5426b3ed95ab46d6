/* Unit tests for src/render.c: the pages that are not the theme's. */
#include <string.h>

#include "buf.h"
#include "render.h"
#include "check.h"

static void test_alias(void)
{
	wq_buf b = WQ_BUF_INIT;

	wq_render_alias(&b, "ar", "../../guides/intro/index.html", NULL);
	CHECK_STR(wq_buf_cstr(&b),
		  "<!DOCTYPE html>\n<html lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<title>../../guides/intro/index.html</title>\n"
		  "<link rel=\"canonical\" href=\"../../guides/intro/index.html\">\n"
		  "<meta name=\"robots\" content=\"noindex\">\n"
		  "<meta http-equiv=\"refresh\" content=\"0; url=../../guides/intro/index.html\">\n"
		  "</head>\n<body>\n<p><a href=\"../../guides/intro/index.html\">"
		  "../../guides/intro/index.html</a></p>\n</body>\n</html>\n");
	wq_buf_clear(&b);

	/* The canonical link is absolute when the site has a base URL; all is escaped. */
	wq_render_alias(&b, "en", "../a&b/index.html", "https://example.org/a&b/");
	CHECK_CONTAINS(wq_buf_cstr(&b),
		       "<link rel=\"canonical\" href=\"https://example.org/a&amp;b/\">");
	CHECK_CONTAINS(wq_buf_cstr(&b), "content=\"0; url=../a&amp;b/index.html\"");
	CHECK(strstr(wq_buf_cstr(&b), "a&b") == NULL);
	wq_buf_dispose(&b);
}

int main(void)
{
	test_alias();
	return CHECK_DONE();
}
