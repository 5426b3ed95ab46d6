#include "deflate.h"

#include <limits.h>
#include <string.h>
/* next_in as a pointer to const: the input is never written. */
#define ZLIB_CONST
#include <zlib.h>

static int deflate_to(wq_buf *out, const char *dict, size_t dict_len, const char *data,
		      size_t len, int end, wq_err *err)
{
	z_stream z;
	unsigned char chunk[16384];
	int rc, flush;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot start compression");
	if (dict_len > 32768) {
		dict += dict_len - 32768;
		dict_len = 32768;
	}
	if (dict_len && deflateSetDictionary(&z, (const Bytef *)dict, (uInt)dict_len) != Z_OK) {
		deflateEnd(&z);
		return wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "cannot start compression");
	}
	z.next_in = (const Bytef *)data;
	do {
		/* Fed in pieces an unsigned int can count. */
		size_t piece = len > UINT_MAX ? UINT_MAX : len;
		z.avail_in = (uInt)piece;
		len -= piece;
		flush = len ? Z_NO_FLUSH : end;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			rc = deflate(&z, flush);
			wq_buf_put(out, (const char *)chunk, sizeof(chunk) - z.avail_out);
		} while (z.avail_out == 0 || (flush == Z_FINISH && rc == Z_OK));
	} while (flush == Z_NO_FLUSH);
	deflateEnd(&z);
	if (end == Z_FINISH ? rc != Z_STREAM_END : rc != Z_OK && rc != Z_BUF_ERROR)
		return wq_err_set(err, WQ_EFAIL, NULL, 0, 0, "compression failed");
	return 0;
}

int wq_deflate_raw(wq_buf *out, const char *data, size_t len, wq_err *err)
{
	return deflate_to(out, NULL, 0, data, len, Z_FINISH, err);
}

int wq_deflate_chunk(wq_buf *out, const char *dict, size_t dict_len, const char *data,
		     size_t len, int last, wq_err *err)
{
	return deflate_to(out, dict, dict_len, data, len, last ? Z_FINISH : Z_SYNC_FLUSH, err);
}

uint32_t wq_crc32(const char *data, size_t len)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	while (len) {
		uInt piece = len > UINT_MAX ? UINT_MAX : (uInt)len;
		crc = crc32(crc, (const Bytef *)data, piece);
		data += piece;
		len -= piece;
	}
	return (uint32_t)crc;
}
