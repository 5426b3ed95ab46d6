/**
 * @file deflate.h
 * @brief Raw DEFLATE and CRC-32 (zlib), as ZIP entries and the search
 * index hold them.
 */
#ifndef WQ_DEFLATE_H
#define WQ_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/**
 * @brief Compress @p data as raw DEFLATE (no zlib header), level 6, with
 * the parameters libzip uses for a ZIP entry (window 2^15, memory level 9),
 * so that an entry compressed here is byte for byte the one libzip would
 * write.
 * @param[out] out receives the compressed bytes (appended).
 * @param data the bytes. @param len their length.
 * @param[out] err set on failure.
 * @return 0 or WQ_EFAIL.
 */
int wq_deflate_raw(wq_buf *out, const char *data, size_t len, wq_err *err);

/**
 * @brief Compress one chunk of a long text as part of one raw DEFLATE
 * stream, the chunks compressed apart (on several threads) yet almost as
 * small as one pass makes them: @p dict, the 32 KiB of text before the
 * chunk, primes the compressor, so the chunk may refer back into it (the
 * decompressor has those bytes already).  Every chunk but the last ends on
 * a byte boundary without closing the stream.
 * @param[out] out receives the compressed bytes (appended).
 * @param dict the text just before the chunk. @param dict_len its length
 *        (0 for the first chunk; at most 32768 is used).
 * @param data the chunk. @param len its length.
 * @param last whether this chunk closes the stream.
 * @param[out] err set on failure.
 * @return 0 or WQ_EFAIL.
 */
int wq_deflate_chunk(wq_buf *out, const char *dict, size_t dict_len, const char *data,
		     size_t len, int last, wq_err *err);

/**
 * @brief CRC-32 of @p data (the ZIP checksum).
 * @param data the bytes. @param len their length. @return the checksum.
 */
uint32_t wq_crc32(const char *data, size_t len);

#endif
