/**
 * @file value.h
 * @brief A small tree of data values (null, booleans, numbers, strings,
 * lists and ordered maps): what YAML is read into and what templates render.
 */
#ifndef WQ_VALUE_H
#define WQ_VALUE_H

#include <stdbool.h>
#include <stddef.h>

/** The kinds of value. */
typedef enum wq_val_kind {
	WQ_VAL_NULL,  /**< no value */
	WQ_VAL_BOOL,  /**< true or false */
	WQ_VAL_NUM,   /**< a number (double) */
	WQ_VAL_STR,   /**< a UTF-8 string */
	WQ_VAL_LIST,  /**< an ordered list of values */
	WQ_VAL_MAP,   /**< string keys to values, in insertion order */
} wq_val_kind;

/** A value; opaque, build and read it with the functions below. */
typedef struct wq_val wq_val;

/** @brief A new null value. @return owned value. */
wq_val *wq_val_null(void);
/** @brief A new boolean. @param b the truth. @return owned value. */
wq_val *wq_val_bool(bool b);
/** @brief A new number. @param n the number. @return owned value. */
wq_val *wq_val_num(double n);
/**
 * @brief A new string (copied).
 * @param s bytes. @param len length. @return owned value.
 */
wq_val *wq_val_strn(const char *s, size_t len);
/** @brief A new string from a C string. @param s the string. @return owned value. */
wq_val *wq_val_str(const char *s);
/** @brief A new empty list. @return owned value. */
wq_val *wq_val_list(void);
/** @brief A new empty map. @return owned value. */
wq_val *wq_val_map(void);

/** @brief Free a value and everything in it (NULL is a no-op). @param v value. */
void wq_val_free(wq_val *v);

/** @brief Its kind. @param v value (NULL counts as null). @return the kind. */
wq_val_kind wq_val_kind_of(const wq_val *v);

/**
 * @brief Record where the value came from (for error messages).
 * @param v value. @param line 1-based line. @param col 1-based column.
 */
void wq_val_set_pos(wq_val *v, unsigned line, unsigned col);
/** @brief 1-based source line, 0 when unknown. @param v value. @return line. */
unsigned wq_val_line(const wq_val *v);
/** @brief 1-based source column, 0 when unknown. @param v value. @return column. */
unsigned wq_val_col(const wq_val *v);

/** @brief The boolean. @param v value. @return false unless a true boolean. */
bool wq_val_get_bool(const wq_val *v);
/** @brief The number. @param v value. @return 0 unless a number. */
double wq_val_get_num(const wq_val *v);
/**
 * @brief Whether @p v is a number from @p lo to @p hi inclusive.
 *
 * NaN and infinities (YAML's .nan, .inf) are never in range.
 * @param v value. @param lo lowest allowed. @param hi highest allowed.
 * @return true when in range.
 */
bool wq_val_num_in(const wq_val *v, double lo, double hi);
/**
 * @brief The string (borrowed).
 * @param v value. @param[out] len its length, may be NULL.
 * @return the bytes, NUL-terminated, or NULL when @p v is not a string.
 */
const char *wq_val_get_str(const wq_val *v, size_t *len);

/** @brief Items in a list or entries in a map. @param v value. @return count. */
size_t wq_val_count(const wq_val *v);
/**
 * @brief The i-th item of a list or the i-th value of a map (borrowed).
 * @param v value. @param i index. @return the item or NULL when out of range.
 */
wq_val *wq_val_at(const wq_val *v, size_t i);
/**
 * @brief The i-th key of a map (borrowed).
 * @param v value. @param i index. @return the key or NULL.
 */
const char *wq_val_key_at(const wq_val *v, size_t i);

/**
 * @brief Append to a list, taking ownership of @p item.
 * @param list a list value. @param item value to add.
 * @return @p item (borrowed now).
 */
wq_val *wq_val_push(wq_val *list, wq_val *item);
/**
 * @brief Set a key in a map, taking ownership of @p item (replaces an old value).
 * @param map a map value. @param key the key. @param item the value.
 * @return @p item (borrowed now).
 */
wq_val *wq_val_set(wq_val *map, const char *key, wq_val *item);
/** @brief Set a string entry. @param map map. @param key key. @param s string. */
void wq_val_set_str(wq_val *map, const char *key, const char *s);
/** @brief Set a boolean entry. @param map map. @param key key. @param b truth. */
void wq_val_set_bool(wq_val *map, const char *key, bool b);
/** @brief Set a number entry. @param map map. @param key key. @param n number. */
void wq_val_set_num(wq_val *map, const char *key, double n);
/**
 * @brief Look up a key in a map (borrowed).
 * @param map a map value (anything else gives NULL). @param key the key.
 * @return the value or NULL.
 */
wq_val *wq_val_get(const wq_val *map, const char *key);
/**
 * @brief Look up a key in a map, the key given with its length.
 * @param map map. @param key key bytes. @param len key length.
 * @return the value or NULL.
 */
wq_val *wq_val_getn(const wq_val *map, const char *key, size_t len);

/**
 * @brief A deep copy.
 * @param v value. @return owned copy.
 */
wq_val *wq_val_copy(const wq_val *v);

/**
 * @brief A reference to a value: it reads as @p target does (kind, items,
 * strings) and frees only itself; it cannot be changed (set and push on it
 * do nothing), and a copy of it is a copy of the target.  For what every
 * page shares (the theme's strings, the site's params): the pages' values
 * refer to them instead of copying them.
 * @param target the value referred to (borrowed: it must outlive the
 *        reference and not change while it is read).
 * @return owned reference.
 */
wq_val *wq_val_ref(const wq_val *target);

/**
 * @brief Write a number the way JSON and YAML readers expect
 * (`85`, `1.21`): the shortest form that reads back the same.
 * @param out where to write. @param size its size. @param n the number.
 */
void wq_val_format_num(char *out, size_t size, double n);

#endif
