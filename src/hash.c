#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t, for wq_hash_stream */
#include <xxhash.h>

#include "mem.h"

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[80], a, b, c, d, e, t;
	size_t i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5A827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ED9EBA1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
		else
			f = b ^ c ^ d, k = 0xCA62C1D6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

void wq_hash_sha1(uint8_t out[20], const void *data, size_t len)
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
	const uint8_t *p = data;
	uint8_t tail[128];
	size_t full = len / 64 * 64, rest = len - full, n, i;
	uint64_t bits = (uint64_t)len * 8;

	for (i = 0; i < full; i += 64)
		block(h, p + i);
	memset(tail, 0, sizeof(tail));
	if (rest)
		memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	n = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[n - 1 - i] = (uint8_t)(bits >> (8 * i));
	for (i = 0; i < n; i += 64)
		block(h, tail + i);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (uint8_t)(h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(h[i] >> 8);
		out[4 * i + 3] = (uint8_t)h[i];
	}
}

void wq_hash_uuid5(char out[37], const char *name, size_t len)
{
	/* The URL namespace of RFC 4122, appendix C. */
	static const uint8_t ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
					0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
	uint8_t *buf = wq_xmalloc(16 + len), d[20];

	memcpy(buf, ns, 16);
	memcpy(buf + 16, name, len);
	wq_hash_sha1(d, buf, 16 + len);
	free(buf);
	d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
		 d[12], d[13], d[14], d[15]);
}

uint64_t wq_hash_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211u;
	}
	return h;
}

uint64_t wq_hash_bytes(const void *data, size_t len)
{
	return (uint64_t)XXH3_64bits(len ? data : "", len);
}

bool wq_hash_sealed(const char *data, size_t len)
{
	uint64_t sum;

	if (len < 8)
		return false;
	memcpy(&sum, data + len - 8, 8);
	return sum == wq_hash_bytes(data, len - 8);
}

/* The library's state, kept behind our own name, in memory from
 * wq_xmalloc() aligned as the library wants it. */
struct wq_hash_stream {
	void *mem;
	XXH3_state_t *state;
};

wq_hash_stream *wq_hash_stream_new(void)
{
	wq_hash_stream *h = wq_xmalloc(sizeof(*h));
	char *m = wq_xmalloc(sizeof(XXH3_state_t) + 64);

	h->mem = m;
	h->state = (XXH3_state_t *)(void *)(m + (64 - (uintptr_t)m % 64) % 64);
	XXH3_INITSTATE(h->state);
	(void)XXH3_64bits_reset(h->state);
	return h;
}

void wq_hash_stream_add(wq_hash_stream *h, const void *data, size_t len)
{
	if (len)
		(void)XXH3_64bits_update(h->state, data, len);
}

uint64_t wq_hash_stream_end(wq_hash_stream *h)
{
	uint64_t v;

	if (!h)
		return wq_hash_bytes(NULL, 0);
	v = (uint64_t)XXH3_64bits_digest(h->state);
	free(h->mem);
	free(h);
	return v;
}
