/**
 * @file hash.h
 * @brief SHA-1 and name-based UUIDs (RFC 4122 version 5), for stable
 * identifiers derived from the site's own data; fast hashes for tables
 * and change checks.
 */
#ifndef WQ_HASH_H
#define WQ_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * @brief SHA-1 of a byte string.
 * @param[out] out the 20-byte digest.
 * @param data the bytes. @param len how many.
 */
void wq_hash_sha1(uint8_t out[20], const void *data, size_t len);

/**
 * @brief A version 5 UUID for @p name in the URL namespace, written as
 * `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
 * @param[out] out 37 bytes: the UUID and its NUL.
 * @param name the name (any bytes). @param len its length.
 */
void wq_hash_uuid5(char out[37], const char *name, size_t len);

/**
 * @brief FNV-1a, 64 bits: a fast hash for tables and change checks (not
 * for security).
 * @param data the bytes. @param len their length. @return the hash.
 */
uint64_t wq_hash_fnv1a(const void *data, size_t len);

/**
 * @brief XXH3, 64 bits: a hash for long byte strings (files, records,
 * checksums), several bytes a cycle where FNV-1a takes one at a time.
 * Not for security; its values are kept only in the cache, whose key
 * names the library's version.
 * @param data the bytes. @param len their length. @return the hash.
 */
uint64_t wq_hash_bytes(const void *data, size_t len);

/**
 * @brief Whether bytes end with the wq_hash_bytes() of the bytes before
 * them (8 bytes, as this machine stores a uint64_t): how the build
 * cache's files are sealed against damage.
 * @param data the bytes. @param len their length.
 * @return false when they do not, or are fewer than 8.
 */
bool wq_hash_sealed(const char *data, size_t len);

/** @brief wq_hash_bytes() of bytes given a piece at a time. */
typedef struct wq_hash_stream wq_hash_stream;

/** @brief A new stream, with no bytes yet. @return owned (wq_hash_stream_end()). */
wq_hash_stream *wq_hash_stream_new(void);

/**
 * @brief Add the next piece.
 * @param h the stream. @param data the bytes. @param len their length.
 */
void wq_hash_stream_add(wq_hash_stream *h, const void *data, size_t len);

/**
 * @brief The hash of every piece added, in order, and the stream let go.
 * @param h the stream (NULL: the hash of nothing).
 * @return what wq_hash_bytes() gives for the pieces joined.
 */
uint64_t wq_hash_stream_end(wq_hash_stream *h);

#endif
