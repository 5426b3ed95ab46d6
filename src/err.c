#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int wq_err_set(wq_err *err, int code, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	err->logged = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void wq_err_format(char *out, size_t size, const wq_err *err)
{
	if (!err->file[0])
		snprintf(out, size, "%s", err->msg);
	else if (!err->line)
		snprintf(out, size, "%s: %s", err->file, err->msg);
	else if (!err->col)
		snprintf(out, size, "%s:%u: %s", err->file, err->line, err->msg);
	else
		snprintf(out, size, "%s:%u:%u: %s", err->file, err->line,
			 err->col, err->msg);
}
