/**
 * @file strmap.h
 * @brief A hash map from strings to pointers: the site index's lookup
 * structure (one map per key, built once, read everywhere).
 *
 * Keys are borrowed: the caller keeps each key's bytes alive and unchanged
 * while the map holds it. Keys carry their length and may hold any byte.
 */
#ifndef WQ_STRMAP_H
#define WQ_STRMAP_H

#include <stddef.h>

/** A map from strings to pointers (opaque). */
typedef struct wq_strmap wq_strmap;

/** @brief A new empty map. @return owned map (free with wq_strmap_free()). */
wq_strmap *wq_strmap_new(void);

/** @brief Free the map, not its keys or values (NULL is a no-op). @param m the map. */
void wq_strmap_free(wq_strmap *m);

/**
 * @brief Look a key up.
 * @param m the map (NULL: an empty map). @param key the key. @param len its length.
 * @return the value, or NULL when the key is absent.
 */
void *wq_strmap_get(const wq_strmap *m, const char *key, size_t len);

/**
 * @brief Add a key unless it is there.
 * @param m the map. @param key the key (borrowed). @param len its length.
 * @param val the value (not NULL).
 * @return NULL when the key was added; else the value already there, which
 *         is kept.
 */
void *wq_strmap_add(wq_strmap *m, const char *key, size_t len, void *val);

/**
 * @brief Look up a key whose value is a number (an index into an array
 * that moves as it grows), added with wq_strmap_add_index().
 * @param m the map (NULL: an empty map). @param key the key. @param len its length.
 * @param[out] out the number, when found.
 * @return 1 when found, 0 when not.
 */
int wq_strmap_get_index(const wq_strmap *m, const char *key, size_t len, size_t *out);

/**
 * @brief Add a key with a number as its value, unless the key is there.
 * @param m the map. @param key the key (borrowed). @param len its length.
 * @param index the number.
 * @param[out] had the number already there, when the key was (may be NULL).
 * @return 1 when the key was added, 0 when it was there (and is kept).
 */
int wq_strmap_add_index(wq_strmap *m, const char *key, size_t len, size_t index, size_t *had);

/** @brief Number of keys. @param m the map (NULL: 0). @return the count. */
size_t wq_strmap_count(const wq_strmap *m);

#endif
