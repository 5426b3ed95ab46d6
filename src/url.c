#include "url.h"

#include <string.h>
#include <strings.h>

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

int wq_url_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void wq_url_put_decoded(wq_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && wq_url_hex_value(s[i + 1]) >= 0 && wq_url_hex_value(s[i + 2]) >= 0) {
			unsigned char c = (unsigned char)(wq_url_hex_value(s[i + 1]) * 16 + wq_url_hex_value(s[i + 2]));
			if (c)
				wq_buf_put(out, (const char *)&c, 1);
			else
				wq_buf_putc(out, '?');
			i += 2;
		} else {
			wq_buf_putc(out, s[i]);
		}
	}
}

size_t wq_url_scheme_len(const char *url)
{
	size_t i;

	if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
		return 0;
	for (i = 1; url[i]; i++) {
		char c = url[i];
		if (c == ':')
			return i;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return 0;
	}
	return 0;
}

static int scheme_is(const char *url, size_t n, const char *scheme)
{
	return strlen(scheme) == n && !strncasecmp(url, scheme, n);
}

int wq_url_is_safe(const char *url, int is_image)
{
	size_t n = wq_url_scheme_len(url);

	if (!n)
		return 1;
	if (scheme_is(url, n, "javascript") || scheme_is(url, n, "vbscript") ||
	    scheme_is(url, n, "file"))
		return 0;
	if (scheme_is(url, n, "data"))
		return is_image && !strncasecmp(url + 5, "image/", 6) &&
		       strncasecmp(url + 5, "image/svg", 9);
	return 1;
}
