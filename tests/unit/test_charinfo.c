/* Unit tests for src/charinfo.c: the table answers what ICU answers, for
 * every code point it holds and past its end. */
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "charinfo.h"
#include "check.h"

int main(void)
{
	UChar32 c;
	int wrong = 0;

	wq_charinfo_init();
	wq_charinfo_init(); /* again: nothing changes */
	for (c = 0; c < WQ_CHARINFO_LIMIT + 0x400; c++) {
		UErrorCode st = U_ZERO_ERROR;
		if (wq_char_dir(c) != u_charDirection(c) || wq_char_type(c) != u_charType(c) ||
		    wq_char_is_alpha(c) != (u_isalpha(c) != 0) ||
		    wq_char_script(c) != uscript_getScript(c, &st))
			wrong++;
	}
	CHECK(wrong == 0);
	/* What the text functions rely on. */
	CHECK(wq_char_dir(0x0627) == U_RIGHT_TO_LEFT_ARABIC); /* ا */
	CHECK(wq_char_dir(0x05D0) == U_RIGHT_TO_LEFT);        /* א */
	CHECK(wq_char_dir('a') == U_LEFT_TO_RIGHT);
	CHECK(wq_char_dir('7') == U_EUROPEAN_NUMBER);
	CHECK(wq_char_dir(0x0663) == U_ARABIC_NUMBER); /* ٣ */
	CHECK(wq_char_dir(0x2067) == U_RIGHT_TO_LEFT_ISOLATE); /* past the table */
	CHECK(wq_char_script(0x0628) == USCRIPT_ARABIC);
	CHECK(wq_char_script(0x0410) == USCRIPT_CYRILLIC);
	CHECK(wq_char_script(0x4E2D) == USCRIPT_HAN);
	CHECK(wq_char_is_alpha(0x0628));
	CHECK(!wq_char_is_alpha(0x060C)); /* ، */
	CHECK(wq_char_type(0x064E) == U_NON_SPACING_MARK); /* fatha */
	CHECK(wq_char_dir(-1) == u_charDirection(-1));
	return CHECK_DONE();
}
