/* Unit tests for src/mustache.c (the spec suite is tests/spec/mustache_spec.c). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mustache.h"
#include "value.h"
#include "check.h"

/* Partials by name, from a NULL-terminated list of name/source pairs. */
typedef struct loader {
	const char *const *defs;
	wq_tpl *tpls[8];
	int calls;
} loader;

static int load(void *ctx, const char *name, size_t len, const wq_tpl **out,
		wq_err *err)
{
	loader *l = ctx;
	char file[64];
	size_t i;

	*out = NULL;
	l->calls++;
	for (i = 0; l->defs[2 * i]; i++) {
		const char *n = l->defs[2 * i], *src = l->defs[2 * i + 1];
		int rc;

		if (strlen(n) != len || memcmp(n, name, len) != 0)
			continue;
		if (!l->tpls[i]) {
			snprintf(file, sizeof(file), "%s.mustache", n);
			if ((rc = wq_tpl_compile(&l->tpls[i], src, strlen(src), file,
						 err)) < 0)
				return rc;
		}
		*out = l->tpls[i];
		return 0;
	}
	return 0;
}

static void loader_dispose(loader *l)
{
	size_t i;

	for (i = 0; i < sizeof(l->tpls) / sizeof(l->tpls[0]); i++)
		wq_tpl_free(l->tpls[i]);
}

/* Render @p src over @p data; returns the output (caller frees) or NULL. */
static char *render(const char *src, const wq_val *data, loader *l, int *rc,
		    wq_err *err)
{
	wq_tpl *tpl = NULL;
	wq_buf out = WQ_BUF_INIT;

	*rc = wq_tpl_compile(&tpl, src, strlen(src), "test.mustache", err);
	if (*rc == 0)
		*rc = wq_tpl_render(&out, tpl, data, l ? load : NULL, l, err);
	wq_tpl_free(tpl);
	if (*rc < 0) {
		wq_buf_dispose(&out);
		return NULL;
	}
	return wq_buf_detach(&out);
}

static void check_render(const char *src, const wq_val *data, const char *want)
{
	wq_err err = WQ_ERR_INIT;
	int rc;
	char *got = render(src, data, NULL, &rc, &err);

	CHECK(rc == 0);
	CHECK_STR(got, want);
	free(got);
}

static void test_escaping(void)
{
	wq_val *d = wq_val_map();

	wq_val_set_str(d, "x", "<a href=\"u?a=1&b='2'\">");
	check_render("{{x}}", d,
		     "&lt;a href=&quot;u?a=1&amp;b=&#39;2&#39;&quot;&gt;");
	check_render("{{{x}}}|{{&x}}", d,
		     "<a href=\"u?a=1&b='2'\">|<a href=\"u?a=1&b='2'\">");
	check_render("{{=<% %>=}}<%x%>|<%{x}%>", d,
		     "&lt;a href=&quot;u?a=1&amp;b=&#39;2&#39;&quot;&gt;|"
		     "<a href=\"u?a=1&b='2'\">");
	wq_val_free(d);
}

/* Compile @p src and check the error code, position and message. */
static void check_error(const char *src, int code, unsigned line, unsigned col,
			const char *msg)
{
	wq_tpl *tpl = (wq_tpl *)1;
	wq_err err = WQ_ERR_INIT;
	int rc = wq_tpl_compile(&tpl, src, strlen(src), "pages/t.mustache", &err);

	CHECK(rc == code);
	CHECK(tpl == NULL);
	CHECK_STR(err.file, "pages/t.mustache");
	CHECK(err.line == line);
	CHECK(err.col == col);
	CHECK_CONTAINS(err.msg, msg);
	if (err.line != line || err.col != col)
		fprintf(stderr, "  for %s: got %u:%u, want %u:%u (%s)\n", src,
			err.line, err.col, line, col, err.msg);
}

static void test_compile_errors(void)
{
	wq_err err = WQ_ERR_INIT;
	char deep[1024] = "";
	int i;

	check_error("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n", WQ_EINPUT, 2, 3,
		    "unclosed section 'items' (opened here)");
	check_error("{{^none}}", WQ_EINPUT, 1, 1,
		    "unclosed inverted section 'none'");
	check_error("{{#a}}\n{{#b}}\n {{/a}}\n{{/b}}", WQ_EINPUT, 3, 2,
		    "closing tag 'a' does not match section 'b' (opened at line 2, column 1)");
	check_error("x\n{{/a}}", WQ_EINPUT, 2, 1,
		    "closing tag 'a' has no open section");
	check_error("ab\nc {{name\n", WQ_EINPUT, 2, 3, "unclosed tag");
	check_error("{{{name}}", WQ_EINPUT, 1, 1, "unclosed tag: no '}}}'");
	/* Columns count characters, not bytes. */
	check_error("\xc3\xa9t\xc3\xa9 {{x", WQ_EINPUT, 1, 5, "unclosed tag");
	check_error("a\n  {{=<%>=}}", WQ_EINPUT, 2, 3, "malformed set-delimiter tag");
	check_error("{{= a b c =}}", WQ_EINPUT, 1, 1, "malformed set-delimiter tag");
	check_error("{{=a =}}", WQ_EINPUT, 1, 1, "malformed set-delimiter tag");
	check_error("x {{  }}", WQ_EINPUT, 1, 3, "empty tag name in '{{  }}'");
	check_error("\n\n{{#}}{{/}}", WQ_EINPUT, 3, 1, "empty tag name");
	check_error("{{>}}", WQ_EINPUT, 1, 1, "empty tag name");
	check_error("{{>*}}", WQ_EINPUT, 1, 1, "empty tag name");
	check_error("{{a b}}", WQ_EINPUT, 1, 1, "tag name contains a space");
	check_error("{{a..b}}", WQ_EINPUT, 1, 1, "malformed dotted name 'a..b'");
	check_error("{{<p}}{{$b}}{{/p}}", WQ_EINPUT, 1, 13,
		    "closing tag 'p' does not match block 'b'");

	/* Nesting deeper than the limit is refused at compile time. */
	for (i = 0; i <= WQ_TPL_MAX_DEPTH; i++)
		strcat(deep, i % 10 == 9 ? "{{#s}}\n" : "{{#s}}");
	{
		wq_tpl *tpl = NULL;
		int rc = wq_tpl_compile(&tpl, deep, strlen(deep), "deep", &err);

		CHECK(rc == WQ_ELIMIT);
		CHECK(tpl == NULL);
		CHECK(err.line == 11);
		CHECK_CONTAINS(err.msg, "nested deeper than 100");
	}
}

static void test_recursion_limit(void)
{
	static const char *const defs[] = {
		"self", "x\n{{>self}}",
		"a", "{{#list}}{{>b}}{{/list}}",
		"b", "{{>a}}",
		NULL, NULL,
	};
	loader l = { defs, { NULL }, 0 };
	wq_err err = WQ_ERR_INIT;
	wq_val *d = wq_val_map();
	wq_val *list = wq_val_set(d, "list", wq_val_list());
	char *got;
	int rc;

	wq_val_push(list, wq_val_num(1));
	got = render("top\n{{>self}}", d, &l, &rc, &err);
	CHECK(rc == WQ_ELIMIT);
	CHECK(got == NULL);
	CHECK_STR(err.file, "self.mustache");
	CHECK(err.line == 2 && err.col == 1);
	CHECK_CONTAINS(err.msg, "partial 'self' nested deeper than 100 levels");
	/* The loader is asked again each level; it caches the compiled form. */
	CHECK(l.calls >= WQ_TPL_MAX_DEPTH);

	/* Mutual recursion through a section whose data never runs out. */
	got = render("{{>a}}", d, &l, &rc, &err);
	CHECK(rc == WQ_ELIMIT);
	CHECK_CONTAINS(err.msg, "nested deeper than");

	/* A parent that expands itself through its own block. */
	{
		static const char *const pdefs[] = {
			"p", "[{{$b}}{{<p}}{{/p}}{{/b}}]",
			NULL, NULL,
		};
		loader pl = { pdefs, { NULL }, 0 };

		got = render("{{<p}}{{/p}}", NULL, &pl, &rc, &err);
		CHECK(rc == WQ_ELIMIT);
		CHECK_STR(err.file, "p.mustache");
		loader_dispose(&pl);
	}
	loader_dispose(&l);
	wq_val_free(d);
}

/* Loops over loops multiply: the output is bounded, and the error names
 * the tag that crossed the bound. */
static void test_output_limit(void)
{
	wq_err err = WQ_ERR_INIT;
	wq_val *d = wq_val_map(), *l = wq_val_set(d, "l", wq_val_list());
	char *big = malloc(65536 + 1);
	char *got;
	int rc, i;

	memset(big, 'x', 65536);
	big[65536] = '\0';
	wq_val_set_str(d, "big", big);
	free(big);
	for (i = 0; i < 10; i++)
		wq_val_push(l, wq_val_num(i));
	/* 10^4 times 64 KiB: 640 MiB wanted. */
	got = render("{{#l}}{{#l}}{{#l}}\n{{#l}}{{big}}{{/l}}{{/l}}{{/l}}{{/l}}", d, NULL, &rc, &err);
	CHECK(rc == WQ_ELIMIT);
	CHECK(got == NULL);
	CHECK(err.line == 2);
	CHECK_CONTAINS(err.msg, "output larger than");
	/* 10^3 times 64 KiB: 62.5 MiB, just under. */
	got = render("{{#l}}{{#l}}{{#l}}{{big}}{{/l}}{{/l}}{{/l}}", d, NULL, &rc, &err);
	CHECK(rc == 0);
	CHECK(got && strlen(got) == (size_t)1000 * 65536);
	free(got);
	wq_val_free(d);
}

static void test_loader_errors(void)
{
	static const char *const defs[] = { "bad", "{{#x}}", NULL, NULL };
	loader l = { defs, { NULL }, 0 };
	wq_err err = WQ_ERR_INIT;
	char *got;
	int rc;

	got = render("a {{>bad}} b", NULL, &l, &rc, &err);
	CHECK(rc == WQ_EINPUT);
	CHECK(got == NULL);
	CHECK_STR(err.file, "bad.mustache");
	CHECK_CONTAINS(err.msg, "unclosed section 'x'");
	/* A missing partial renders as nothing; so does having no loader. */
	got = render("a {{>missing}} b", NULL, &l, &rc, &err);
	CHECK(rc == 0);
	CHECK_STR(got, "a  b");
	free(got);
	check_render("a {{>missing}}{{<p}}{{$x}}y{{/x}}{{/p}} b", NULL, "a  b");
	loader_dispose(&l);
}

static void test_data_tree(void)
{
	static const char *const defs[] = {
		"item", "<li>{{name}}{{#tags}} #{{.}}{{/tags}}</li>\n",
		"base", "<html>\n  <title>{{$title}}{{site.title}}{{/title}}</title>\n"
			"  <body>\n    {{$body}}\n    {{/body}}\n  </body>\n</html>\n",
		NULL, NULL,
	};
	static const char *const src =
		"{{<base}}\n"
		"{{$title}}{{page.title}} | {{site.title}}{{/title}}\n"
		"{{$body}}\n"
		"{{! the list }}\n"
		"<ul>\n"
		"  {{#page.items}}\n"
		"  {{>item}}\n"
		"  {{/page.items}}\n"
		"</ul>\n"
		"{{^page.items}}<p>none</p>{{/page.items}}\n"
		"<p>{{page.count}} items, {{page.ratio}}, draft: {{page.draft}}"
		"{{#page.draft}} (draft){{/page.draft}}</p>\n"
		"{{/body}}\n"
		"{{/base}}\n";
	static const char *const want =
		"<html>\n"
		"  <title>Notes &amp; Queries | Warraq</title>\n"
		"  <body>\n"
		"    <ul>\n"
		"      <li>First #a #b</li>\n"
		"      <li>Second &lt;2&gt;</li>\n"
		"    </ul>\n"
		"    \n"
		"    <p>2 items, 0.5, draft: false</p>\n"
		"  </body>\n"
		"</html>\n";
	loader l = { defs, { NULL }, 0 };
	wq_err err = WQ_ERR_INIT;
	wq_val *d = wq_val_map(), *site, *page, *items, *it, *tags;
	char *got;
	int rc, round;

	site = wq_val_set(d, "site", wq_val_map());
	wq_val_set_str(site, "title", "Warraq");
	page = wq_val_set(d, "page", wq_val_map());
	wq_val_set_str(page, "title", "Notes & Queries");
	wq_val_set_num(page, "count", 2);
	wq_val_set_num(page, "ratio", 0.5);
	wq_val_set_bool(page, "draft", false);
	items = wq_val_set(page, "items", wq_val_list());
	it = wq_val_push(items, wq_val_map());
	wq_val_set_str(it, "name", "First");
	tags = wq_val_set(it, "tags", wq_val_list());
	wq_val_push(tags, wq_val_str("a"));
	wq_val_push(tags, wq_val_str("b"));
	it = wq_val_push(items, wq_val_map());
	wq_val_set_str(it, "name", "Second <2>");

	/* Compile once, render many: the same template gives the same page. */
	for (round = 0; round < 2; round++) {
		got = render(src, d, &l, &rc, &err);
		CHECK(rc == 0);
		CHECK_STR(got, want);
		free(got);
	}

	/* Context stack: names not in the item are found further down. */
	check_render("{{#page.items}}{{name}}/{{site.title}}/{{title}};{{/page.items}}",
		     d, "First/Warraq/;Second &lt;2&gt;/Warraq/;");
	/* Falsey: false, null, missing, empty list; truthy: 0 and "". */
	wq_val_set(d, "nil", wq_val_null());
	wq_val_set(d, "empty", wq_val_list());
	wq_val_set_num(d, "zero", 0);
	wq_val_set_str(d, "blank", "");
	check_render("{{#page.draft}}1{{/page.draft}}{{#nil}}2{{/nil}}"
		     "{{#missing}}3{{/missing}}{{#empty}}4{{/empty}}"
		     "{{#zero}}5{{/zero}}{{#blank}}6{{/blank}}", d, "56");
	/* Lists and maps interpolate as nothing. */
	check_render("[{{page}}][{{page.items}}]", d, "[][]");
	/* A NULL data tree is a null context. */
	check_render("[{{.}}{{x}}]{{^x}}no{{/x}}", NULL, "[]no");
	loader_dispose(&l);
	wq_val_free(d);
}

static void check_loaded(const char *const *defs, const char *src,
			 const char *want)
{
	loader l = { defs, { NULL }, 0 };
	wq_err err = WQ_ERR_INIT;
	int rc;
	char *got = render(src, NULL, &l, &rc, &err);

	CHECK(rc == 0);
	CHECK_STR(got, want);
	free(got);
	loader_dispose(&l);
}

static void test_indentation(void)
{
	static const char *const defs[] = {
		"inner", "<p>\n  {{>leaf}}\n</p>\n",
		"leaf", "a\n\nb {{>inline}}\n",
		"inline", "x\ny",
		"parent", "I say,\n  {{$block}}\n  Hi there!\n  {{/block}}",
		NULL, NULL,
	};

	/* Standalone partials add up their indentation; empty lines stay
	 * empty; an inline partial is not indented. */
	check_loaded(defs, "<div>\n  {{>inner}}\n</div>\n",
		     "<div>\n  <p>\n    a\n\n    b x\ny\n  </p>\n</div>\n");
	/* An argument loses its own indentation and takes the block's. */
	check_loaded(defs, "{{<parent}}\n        {{$block}}\n        Hello\n"
		     "        {{/block}}\n{{/parent}}", "I say,\n  Hello\n");
	check_loaded(defs, "{{<parent}}{{/parent}}", "I say,\n  Hi there!\n");
	/* ... including when the parent itself is indented. */
	check_loaded(defs, "<q>\n  {{<parent}}{{$block}}\none\ntwo\n{{/block}}"
		     "{{/parent}}\n</q>\n", "<q>\n  I say,\n    one\n    two\n</q>\n");
}

static void test_misc(void)
{
	wq_tpl *tpl = NULL;
	wq_err err = WQ_ERR_INIT;

	CHECK(wq_tpl_compile(&tpl, "", 0, NULL, &err) == 0);
	CHECK_STR(wq_tpl_file(tpl), "");
	wq_tpl_free(tpl);
	CHECK(wq_tpl_compile(&tpl, "x", 1, "layouts/page.mustache", &err) == 0);
	CHECK_STR(wq_tpl_file(tpl), "layouts/page.mustache");
	wq_tpl_free(tpl);
	wq_tpl_free(NULL);
	/* Text with NUL bytes and CRLF line endings survives. */
	{
		wq_buf out = WQ_BUF_INIT;

		static const char src[] = "a\0b\r\n  {{! c }}\r\nd";

		CHECK(wq_tpl_compile(&tpl, src, sizeof(src) - 1, "t", &err) == 0);
		CHECK(wq_tpl_render(&out, tpl, NULL, NULL, NULL, &err) == 0);
		CHECK(out.len == 6 && memcmp(out.ptr, "a\0b\r\nd", 6) == 0);
		wq_buf_dispose(&out);
		wq_tpl_free(tpl);
	}
}

int main(void)
{
	test_escaping();
	test_compile_errors();
	test_recursion_limit();
	test_output_limit();
	test_loader_errors();
	test_data_tree();
	test_indentation();
	test_misc();
	return CHECK_DONE();
}
