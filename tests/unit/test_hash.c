/* Unit tests for src/hash.c: SHA-1, version 5 UUIDs, the fast hashes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "check.h"

static void sha1_is(const void *data, size_t len, const char *want)
{
	uint8_t d[20];
	char hex[41];
	int i;

	wq_hash_sha1(d, data, len);
	for (i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	CHECK_STR(hex, want);
}

static void test_sha1(void)
{
	char *a = malloc(1000000);

	/* FIPS 180 test vectors. */
	sha1_is("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	sha1_is("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	sha1_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		"84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	memset(a, 'a', 1000000);
	sha1_is(a, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	/* Padding edges: 55 bytes fit one final block, 56 need two; 64 is one
	 * full block and a padding block. */
	sha1_is(a, 55, "c1c8bbdc22796e28c0e15163d20899b65621d65a");
	sha1_is(a, 56, "c2db330f6083854c99d4b5bfb6e8f29f201be699");
	sha1_is(a, 64, "0098ba824b5c16427bd7a1122a5a442a25ec644d");
	free(a);
}

static void uuid_is(const char *name, const char *want)
{
	char out[37];

	memset(out, 'x', sizeof(out));
	wq_hash_uuid5(out, name, strlen(name));
	CHECK(out[36] == '\0');
	CHECK_STR(out, want);
}

static void test_uuid5(void)
{
	char a[37], b[37];

	/* Python: uuid.uuid5(uuid.NAMESPACE_URL, name). */
	uuid_is("http://www.python.org/", "c2a8cbf8-d0f1-5ef4-9740-c3faec8ab1a0");
	uuid_is("", "1b4db7eb-4057-5ddf-91e0-36dec72071f5");
	uuid_is("https://example.org/كتاب/", "5d44b016-7eb1-554d-a525-d6d3a2e51033");
	/* Stable, and different names differ. */
	wq_hash_uuid5(a, "x", 1);
	wq_hash_uuid5(b, "x", 1);
	CHECK_STR(a, b);
	wq_hash_uuid5(b, "y", 1);
	CHECK(strcmp(a, b) != 0);
	/* Version and variant digits. */
	CHECK(a[14] == '5');
	CHECK(strchr("89ab", a[19]) != NULL);
	CHECK(a[8] == '-' && a[13] == '-' && a[18] == '-' && a[23] == '-');
}

static void test_bytes(void)
{
	char a[4096];

	/* xxhsum -H3 (XXH3, 64 bits, seed 0). */
	CHECK(wq_hash_bytes("", 0) == 0x2d06800538d394c2u);
	CHECK(wq_hash_bytes(NULL, 0) == 0x2d06800538d394c2u);
	CHECK(wq_hash_bytes("abc", 3) == 0x78af5f94892f3950u);
	/* One byte changed anywhere in a long string changes the hash. */
	memset(a, 'a', sizeof(a));
	{
		uint64_t h = wq_hash_bytes(a, sizeof(a));
		a[sizeof(a) - 1] = 'b';
		CHECK(wq_hash_bytes(a, sizeof(a)) != h);
	}
}

/* Pieces of any sizes give the hash of the bytes joined. */
static void test_stream(void)
{
	char a[5000];
	size_t i, at, piece;

	for (i = 0; i < sizeof(a); i++)
		a[i] = (char)(i * 7 + i / 13);
	for (piece = 1; piece <= 4096; piece *= 4) {
		wq_hash_stream *h = wq_hash_stream_new();
		for (at = 0; at < sizeof(a); at += piece)
			wq_hash_stream_add(h, a + at, at + piece < sizeof(a) ? piece : sizeof(a) - at);
		CHECK(wq_hash_stream_end(h) == wq_hash_bytes(a, sizeof(a)));
	}
	CHECK(wq_hash_stream_end(wq_hash_stream_new()) == wq_hash_bytes("", 0));
	CHECK(wq_hash_stream_end(NULL) == wq_hash_bytes("", 0));
}

/* Bytes sealed with their hash, and the seal or the bytes damaged. */
static void test_sealed(void)
{
	char a[64];
	uint64_t sum;

	memcpy(a, "the words kept for the next build", 33);
	sum = wq_hash_bytes(a, 33);
	memcpy(a + 33, &sum, 8);
	CHECK(wq_hash_sealed(a, 41));
	a[3] ^= 1;
	CHECK(!wq_hash_sealed(a, 41));
	a[3] ^= 1;
	a[40] ^= 1;
	CHECK(!wq_hash_sealed(a, 41));
	CHECK(!wq_hash_sealed(a, 7));
	sum = wq_hash_bytes("", 0);
	memcpy(a, &sum, 8);
	CHECK(wq_hash_sealed(a, 8));
}

int main(void)
{
	test_sha1();
	test_uuid5();
	test_bytes();
	test_stream();
	test_sealed();
	return CHECK_DONE();
}
