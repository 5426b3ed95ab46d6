/**
 * @file charinfo.h
 * @brief What the text functions ask of each character (its bidi class,
 * general category, script, whether it is a letter), read from a table
 * for the first code points and from ICU above them.
 *
 * The table covers U+0000 to U+08FF: ASCII, Latin, Greek, Cyrillic,
 * Armenian, Hebrew, Arabic, Syriac, Thaana and N'Ko, nearly every
 * character of what warraq publishes.  It is built once, from ICU itself,
 * so a lookup answers what ICU answers; only the call is saved.  Call
 * wq_charinfo_init() before the first lookup (it is cheap to call again).
 */
#ifndef WQ_CHARINFO_H
#define WQ_CHARINFO_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

/** The first code point the table does not hold. */
#define WQ_CHARINFO_LIMIT 0x0900

/** What the table keeps of one code point. */
typedef struct wq_charinfo {
	uint8_t dir;    /**< u_charDirection() */
	uint8_t type;   /**< u_charType() */
	uint8_t alpha;  /**< u_isalpha() */
	uint8_t script; /**< uscript_getScript(), or 0xFF when it does not fit */
	uint8_t word;   /**< its Word_Break property (UWordBreakValues) */
	uint8_t pict;   /**< Extended_Pictographic */
	uint8_t ccc;    /**< u_getCombiningClass() */
	uint8_t nfc_qc; /**< its NFC_Quick_Check (UNormalizationCheckResult) */
} wq_charinfo;

/** The table, filled by wq_charinfo_init(). */
extern wq_charinfo wq_charinfo_table[WQ_CHARINFO_LIMIT];

/** @brief Fill the table, once per process (any thread may call it). */
void wq_charinfo_init(void);

/** @brief u_charDirection(), from the table when it holds @p c. @param c a code point. @return its bidi class. */
static inline UCharDirection wq_char_dir(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ? (UCharDirection)wq_charinfo_table[c].dir :
						u_charDirection(c);
}

/** @brief u_charType(), from the table when it holds @p c. @param c a code point. @return its general category. */
static inline int8_t wq_char_type(UChar32 c)
{
	if (c >= 0 && c < WQ_CHARINFO_LIMIT)
		return (int8_t)wq_charinfo_table[c].type;
	return u_charType(c);
}

/** @brief The Word_Break property (UWordBreakValues), from the table when it holds @p c. @param c a code point. @return its class. */
static inline int wq_char_word_break(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ? wq_charinfo_table[c].word :
						u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
}

/** @brief Extended_Pictographic, from the table when it holds @p c. @param c a code point. @return whether it has it. */
static inline bool wq_char_is_pict(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ?
		       wq_charinfo_table[c].pict != 0 :
		       u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) != 0;
}

/** @brief u_getCombiningClass(), from the table when it holds @p c. @param c a code point. @return its canonical combining class. */
static inline uint8_t wq_char_ccc(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ? wq_charinfo_table[c].ccc : u_getCombiningClass(c);
}

/** @brief NFC_Quick_Check (UNormalizationCheckResult), from the table when it holds @p c. @param c a code point. @return UNORM_YES, UNORM_NO or UNORM_MAYBE. */
static inline int wq_char_nfc_qc(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ? wq_charinfo_table[c].nfc_qc :
						u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
}

/** @brief u_isalpha(), from the table when it holds @p c. @param c a code point. @return whether it is a letter. */
static inline bool wq_char_is_alpha(UChar32 c)
{
	return c >= 0 && c < WQ_CHARINFO_LIMIT ? wq_charinfo_table[c].alpha != 0 : u_isalpha(c) != 0;
}

/** @brief uscript_getScript(), from the table when it holds @p c. @param c a code point. @return its script. */
static inline UScriptCode wq_char_script(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;

	if (c >= 0 && c < WQ_CHARINFO_LIMIT && wq_charinfo_table[c].script != 0xFF)
		return (UScriptCode)wq_charinfo_table[c].script;
	return uscript_getScript(c, &st);
}

#endif
