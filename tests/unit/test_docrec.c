/* Unit tests for src/docrec.c: a document's records written and read back,
 * its headings left in the record until asked for, a document made unset
 * filled. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "docrec.h"
#include "mem.h"
#include "value.h"
#include "check.h"

/* A parsed document as a record holds it: two top headings, the first
 * with one under it (the shape markdown.c gives wq_doc::toc). */
static wq_doc *parsed_doc(void)
{
	static const char *const h[][3] = {
		{ "مقدمة", "مقدمة", "2" }, { "tafsil", "تفصيل", "3" }, { "khatima", "خاتمة", "2" },
	};
	wq_doc *doc = wq_doc_new();
	wq_val *top = NULL, *e;
	size_t i;

	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		e = wq_val_map();
		wq_val_set_str(e, "id", h[i][0]);
		wq_val_set_str(e, "text", h[i][1]);
		wq_val_set_num(e, "level", atoi(h[i][2]));
		wq_val_set(e, "children", wq_val_list());
		if (top && h[i][2][0] == '3') {
			wq_val_push(wq_val_get(top, "children"), e);
			wq_val_set_bool(top, "has_children", true);
		} else {
			top = wq_val_push(doc->toc, e);
		}
	}
	doc->words = 42;
	doc->minutes = 1;
	return doc;
}

static void *ask(void *doc)
{
	return (void *)wq_doc_toc(doc);
}

static void test_toc_read_when_asked(void)
{
	wq_doc *doc = parsed_doc(), *back = wq_doc_new();
	wq_buf a = WQ_BUF_INIT, b = WQ_BUF_INIT;
	const wq_val *toc, *top;
	pthread_t t1, t2;
	void *r1, *r2;

	CHECK(wq_doc_toc(doc) == doc->toc); /* parsed: its own list */
	wq_docrec_put(&a, doc);
	CHECK(wq_docrec_get(back, a.ptr, a.len) == 0);
	CHECK(back->toc_rec != NULL);
	CHECK(back->words == 42 && back->minutes == 1);
	/* Written again before it was read: the same bytes. */
	wq_docrec_put(&b, back);
	CHECK(b.len == a.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	/* Two threads asking at once get the one list. */
	pthread_create(&t1, NULL, ask, back);
	pthread_create(&t2, NULL, ask, back);
	pthread_join(t1, &r1);
	pthread_join(t2, &r2);
	CHECK(r1 != NULL && r1 == r2 && r1 == wq_doc_toc(back));
	toc = wq_doc_toc(back);
	CHECK(wq_val_count(toc) == 2);
	top = wq_val_at(toc, 0);
	CHECK_STR(wq_val_get_str(wq_val_get(top, "text"), NULL), "مقدمة");
	CHECK(wq_val_get_bool(wq_val_get(top, "has_children")));
	CHECK(wq_val_count(wq_val_get(top, "children")) == 1);
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_at(wq_val_get(top, "children"), 0), "text"),
				 NULL),
		  "تفصيل");
	CHECK_STR(wq_val_get_str(wq_val_get(wq_val_at(toc, 1), "id"), NULL), "khatima");
	/* And after it was read, the same bytes again. */
	wq_buf_clear(&b);
	wq_docrec_put(&b, back);
	CHECK(b.len == a.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	wq_buf_dispose(&a);
	wq_buf_dispose(&b);
	wq_doc_free(doc);
	wq_doc_free(back);
}

static void test_damaged_record(void)
{
	wq_doc *doc = parsed_doc(), *back;
	wq_buf a = WQ_BUF_INIT;
	size_t cut;

	wq_docrec_put(&a, doc);
	/* Cut anywhere (the headings come first): not such a record. */
	for (cut = 0; cut < a.len; cut++) {
		back = wq_doc_new();
		CHECK(wq_docrec_get(back, a.ptr, cut) < 0);
		wq_doc_free(back);
	}
	/* A heading's kind damaged: found when the record is read, not later. */
	back = wq_doc_new();
	a.ptr[0] = 99;
	CHECK(wq_docrec_get(back, a.ptr, a.len) < 0);
	wq_doc_free(back);
	wq_buf_dispose(&a);
	wq_doc_free(doc);
}

/* Loading's record read onto a document made unset: what the record
 * holds, and every other text, list and map empty (as wq_doc_new()). */
static void test_loaded_onto_unset(void)
{
	wq_doc *doc = wq_doc_new(), *back = wq_doc_new_unset();
	wq_buf a = WQ_BUF_INIT;

	free(doc->title);
	doc->title = wq_xstrdup("دليل المخزون");
	free(doc->rel);
	doc->rel = wq_xstrdup("inventory/items.md");
	wq_val_push(doc->tags, wq_val_str("مخزون"));
	doc->has_date = true;
	doc->date = 1700000000;
	wq_docrec_put_loaded(&a, doc);
	CHECK(wq_docrec_get_loaded(back, a.ptr, a.len) == 0);
	CHECK_STR(back->title, "دليل المخزون");
	CHECK_STR(back->rel, "inventory/items.md");
	CHECK(back->has_date && back->date == 1700000000);
	CHECK(wq_val_count(back->tags) == 1);
	CHECK_STR(back->text, "");
	CHECK_STR(back->plain, "");
	CHECK_STR(back->first_para, "");
	CHECK(back->toc && wq_val_count(back->toc) == 0);
	CHECK(back->params && wq_val_kind_of(back->params) == WQ_VAL_MAP);
	/* The same record again: the same hash of what loading set. */
	CHECK(wq_docrec_loaded(back) == wq_docrec_loaded(doc));
	wq_buf_dispose(&a);
	wq_doc_free(doc);
	wq_doc_free(back);
}

int main(void)
{
	test_toc_read_when_asked();
	test_damaged_record();
	test_loaded_onto_unset();
	return CHECK_DONE();
}
