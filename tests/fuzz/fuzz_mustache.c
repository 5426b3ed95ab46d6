/* Fuzz target: the Mustache engine (src/mustache.h), compile and render.
 *
 * The input is a template.  When it holds a NUL byte, the part before it is
 * the template rendered and the part after it the template every partial
 * and parent name resolves to; otherwise the input itself is that template,
 * so `{{>x}}` includes the template itself and recursion must be stopped by
 * the engine (WQ_TPL_MAX_DEPTH).  The data tree is fixed and small, with
 * the shapes the themes use: strings needing escapes, numbers, booleans,
 * null, empty and non-empty lists, nested maps. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mustache.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wq_val *article(const char *title, const char *url, double minutes, bool toc)
{
	wq_val *a = wq_val_map(), *tags = wq_val_list(), *t, *kids;

	wq_val_set_str(a, "title", title);
	wq_val_set_str(a, "url", url);
	wq_val_set_num(a, "minutes", minutes);
	wq_val_set_bool(a, "has_toc", toc);
	wq_val_push(tags, wq_val_str("هجرة"));
	wq_val_push(tags, wq_val_str("<b>&\"'"));
	wq_val_set(a, "tags", tags);
	t = wq_val_set(a, "toc", wq_val_list());
	if (toc) {
		wq_val *h = wq_val_push(t, wq_val_map());
		wq_val_set_str(h, "id", "المنتدى-الدولي");
		wq_val_set_str(h, "text", "المنتدى الدولي");
		wq_val_set_num(h, "level", 2);
		kids = wq_val_set(h, "children", wq_val_list());
		wq_val_set_str(wq_val_push(kids, wq_val_map()), "text", "child");
		wq_val_set_bool(h, "has_children", true);
	}
	return a;
}

static wq_val *make_data(void)
{
	wq_val *root = wq_val_map(), *site, *list, *params;

	site = wq_val_set(root, "site", wq_val_map());
	wq_val_set_str(site, "title", "وراق <warraq> & \"co\"");
	wq_val_set_str(site, "lang", "ar");
	wq_val_set_str(site, "dir", "rtl");
	params = wq_val_set(site, "params", wq_val_map());
	wq_val_set_num(params, "n", 1.5);
	wq_val_set(params, "nothing", wq_val_null());
	wq_val_set_str(root, "a", "A");
	wq_val_set_str(root, "b", "");
	wq_val_set_num(root, "n", 0);
	wq_val_set_num(root, "big", 1e300);
	wq_val_set_bool(root, "t", true);
	wq_val_set_bool(root, "f", false);
	wq_val_set(root, "null", wq_val_null());
	wq_val_set(root, "empty", wq_val_list());
	wq_val_set_str(root, "name", "x");  /* for dynamic names: {{>*name}} */
	wq_val_set_str(root, "html", "<script>alert('&')</script>");
	list = wq_val_set(root, "articles", wq_val_list());
	wq_val_push(list, article("التقرير السنوي", "reports/annual/index.html", 3, true));
	wq_val_push(list, article("English", "en/index.html", 1, false));
	wq_val_push(list, wq_val_str("a bare string"));
	wq_val_push(list, wq_val_num(42));
	wq_val_set(root, "article", article("one", "one/index.html", 11, true));
	return root;
}

typedef struct loader {
	const wq_tpl *partial;
} loader;

static int load(void *ctx, const char *name, size_t len, const wq_tpl **out, wq_err *err)
{
	const loader *l = ctx;

	(void)name;
	(void)len;
	(void)err;
	*out = l->partial;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wq_val *tree = make_data();
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t main_len = nul ? (size_t)(nul - text) : size;
	wq_tpl *tpl = NULL, *part = NULL;
	wq_err err = WQ_ERR_INIT;
	wq_buf out = WQ_BUF_INIT;
	loader l = { NULL };

	if (wq_tpl_compile(&tpl, text, main_len, "fuzz.mustache", &err) < 0)
		goto done;
	if (nul) {
		if (wq_tpl_compile(&part, nul + 1, size - main_len - 1, "partial.mustache",
				   &err) == 0)
			l.partial = part;
	} else {
		l.partial = tpl;
	}
	wq_tpl_render(&out, tpl, tree, load, &l, &err);
	wq_buf_clear(&out);
	wq_tpl_render(&out, tpl, NULL, load, &l, &err); /* an empty context */
done:
	wq_buf_dispose(&out);
	wq_tpl_free(part);
	wq_tpl_free(tpl);
	wq_val_free(tree);
	return 0;
}
