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
 * @brief Compress @p data as one part of a raw DEFLATE stream made of
 * parts compressed apart (on several threads): every part but the last
 * ends on a byte boundary without closing the stream (a sync flush), so
 * the parts put end to end are one valid stream.
 * @param[out] out receives the compressed bytes (appended).
 * @param data the bytes. @param len their length.
 * @param last whether this part closes the stream.
 * @param[out] err set on failure.
 * @return 0 or WQ_EFAIL.
 */
int wq_deflate_part(wq_buf *out, const char *data, size_t len, int last, wq_err *err);

/**
 * @brief CRC-32 of @p data (the ZIP checksum).
 * @param data the bytes. @param len their length. @return the checksum.
 */
uint32_t wq_crc32(const char *data, size_t len);

#endif
