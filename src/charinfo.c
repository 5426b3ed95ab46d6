#include "charinfo.h"

#include <pthread.h>

wq_charinfo wq_charinfo_table[WQ_CHARINFO_LIMIT];

static pthread_once_t filled = PTHREAD_ONCE_INIT;

static void fill(void)
{
	UChar32 c;

	for (c = 0; c < WQ_CHARINFO_LIMIT; c++) {
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &st);
		wq_charinfo *ci = &wq_charinfo_table[c];

		ci->dir = (uint8_t)u_charDirection(c);
		ci->type = (uint8_t)u_charType(c);
		ci->alpha = u_isalpha(c) ? 1 : 0;
		ci->script = U_SUCCESS(st) && sc >= 0 && sc < 0xFF ? (uint8_t)sc : 0xFF;
		ci->word = (uint8_t)u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
		ci->pict = u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ? 1 : 0;
		ci->ccc = u_getCombiningClass(c);
		ci->nfc_qc = (uint8_t)u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
	}
}

void wq_charinfo_init(void)
{
	pthread_once(&filled, fill);
}
