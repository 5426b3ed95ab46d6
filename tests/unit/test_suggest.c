/* Unit tests for src/suggest.c: edit distance and "did you mean". */
#include <string.h>

#include "suggest.h"
#include "check.h"

static size_t dist(const char *a, const char *b)
{
	return wq_suggest_distance(a, strlen(a), b, strlen(b));
}

static void test_distance(void)
{
	char long_word[WQ_SUGGEST_MAX_LEN + 2];

	CHECK(dist("", "") == 0);
	CHECK(dist("", "abc") == 3);
	CHECK(dist("abc", "") == 3);
	CHECK(dist("title", "title") == 0);
	CHECK(dist("Title", "tITLE") == 0);  /* ASCII case is not a difference */
	CHECK(dist("titel", "title") == 1);  /* a transposition is one edit */
	CHECK(dist("sumary", "summary") == 1);
	CHECK(dist("summary", "sumary") == 1);
	CHECK(dist("kitten", "sitting") == 3);
	CHECK(dist("ca", "abc") == 3);       /* optimal string alignment, not full Damerau */
	CHECK(dist("name", "date") == 2);
	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	CHECK(dist(long_word, "a") == (size_t)-1);
}

static void test_suggest(void)
{
	static const char *const known[] = { "title", "date", "dir", "summary", "tags",
					     "description", "aliases", NULL };

	CHECK_STR(wq_suggest("titel", known), "title");
	CHECK_STR(wq_suggest("TITLE", known), "title");
	CHECK_STR(wq_suggest("sumary", known), "summary");
	CHECK_STR(wq_suggest("tag", known), "tags");
	CHECK_STR(wq_suggest("alias", known), "aliases");  /* two edits, five letters */
	CHECK_STR(wq_suggest("descriptoin", known), "description");
	CHECK(wq_suggest("name", known) == NULL);  /* two edits of four letters */
	CHECK(wq_suggest("math", known) == NULL);
	CHECK(wq_suggest("id", known) == NULL);    /* one edit of two letters */
	CHECK(wq_suggest("ms.topic", known) == NULL);
	CHECK(wq_suggest("ms.date", known) == NULL);
	CHECK(wq_suggest("", known) == NULL);
}

int main(void)
{
	test_distance();
	test_suggest();
	return CHECK_DONE();
}
