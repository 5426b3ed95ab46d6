/**
 * @file suggest.h
 * @brief "Did you mean": the known word nearest to a misspelt one (the
 * keys of front matter and of the configuration).
 */
#ifndef WQ_SUGGEST_H
#define WQ_SUGGEST_H

#include <stddef.h>

/** Longest word compared, in bytes: longer ones get no suggestion. */
#define WQ_SUGGEST_MAX_LEN 64

/**
 * @brief The edit distance between two words, ASCII letters compared
 * without case: insertions, deletions, substitutions and transpositions of
 * two neighbours each count one (optimal string alignment, the restricted
 * Damerau-Levenshtein distance).
 * @param a first word. @param alen its length.
 * @param b second word. @param blen its length.
 * @return the distance, or `(size_t)-1` when a word is longer than
 *         #WQ_SUGGEST_MAX_LEN.
 */
size_t wq_suggest_distance(const char *a, size_t alen, const char *b, size_t blen);

/**
 * @brief The known word @p word was probably meant to be: the nearest of
 * @p known (the first one on a tie) at distance 0 (a difference of case
 * only), 1 for words of 3 bytes or more, or 2 for words of 5 bytes or more
 * (on shorter words two edits are most of the word: `name` is not a
 * misspelt `date`).
 * @param word the unknown word.
 * @param known the known words, NULL-terminated.
 * @return borrowed from @p known, or NULL when none is near enough.
 */
const char *wq_suggest(const char *word, const char *const *known);

#endif
