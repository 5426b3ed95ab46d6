/**
 * @file deflate.h
 * @brief Raw DEFLATE and CRC-32 (libdeflate), as ZIP entries and
 * the search index hold them.
 */
#ifndef WQ_DEFLATE_H
#define WQ_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/** The book's compression level (libdeflate's scale, 1 to 12): chapters
 * as small as zlib's level 6 makes them, in half the time. */
#define WQ_DEFLATE_BOOK 6

/** The search pieces' level: libdeflate's fastest, five times as fast as
 * #WQ_DEFLATE_BOOK for a tenth more bytes (a piece is fetched only when its
 * document is a result, and every build makes one per document). */
#define WQ_DEFLATE_FAST 1

/**
 * @brief Compress @p data as raw DEFLATE (no zlib header), as a ZIP entry
 * and the search index hold it, with libdeflate (one compressor per thread
 * and level, kept until the thread ends).
 * @param[out] out receives the compressed bytes (appended).
 * @param data the bytes. @param len their length.
 * @param level #WQ_DEFLATE_BOOK or #WQ_DEFLATE_FAST (1 to 12).
 * @param[out] err set on failure.
 * @return 0 or WQ_EFAIL.
 */
int wq_deflate_raw(wq_buf *out, const char *data, size_t len, int level, wq_err *err);

/**
 * @brief CRC-32 of @p data (the ZIP checksum).
 * @param data the bytes. @param len their length. @return the checksum.
 */
uint32_t wq_crc32(const char *data, size_t len);

#endif
