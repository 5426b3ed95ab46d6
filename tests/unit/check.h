/* Minimal assertion helpers shared by the unit tests. */
#ifndef WQ_TEST_CHECK_H
#define WQ_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); check_count++; \
	if (!g_ || strcmp(g_, w_) != 0) { check_failures++; \
	fprintf(stderr, "%s:%d: got  \"%s\"\n%*swant \"%s\"\n", __FILE__, __LINE__, \
		g_ ? g_ : "(null)", (int)strlen(__FILE__) + 8, "", w_); } } while (0)

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); check_count++; \
	if (!h_ || !strstr(h_, n_)) { check_failures++; \
	fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, \
		h_ ? h_ : "(null)", n_); } } while (0)

#define CHECK_DONE() (printf("%d checks, %d failed\n", check_count, check_failures), \
	check_failures ? 1 : 0)

#endif
