#include "url.h"

#include <string.h>

void wq_url_put_path(wq_buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/') {
			wq_buf_putc(out, (char)*p);
		} else {
			wq_buf_putc(out, '%');
			wq_buf_putc(out, hex[*p >> 4]);
			wq_buf_putc(out, hex[*p & 15]);
		}
	}
}

void wq_url_put_root(wq_buf *out, const char *page_url)
{
	for (; *page_url; page_url++)
		if (*page_url == '/')
			wq_buf_puts(out, "../");
}
