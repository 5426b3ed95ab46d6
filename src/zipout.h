/**
 * @file zipout.h
 * @brief A new zip archive written through a buffer: libzip writes each
 * entry's local header, then its data, then goes back to write the header
 * again; written to a file as it comes, that is two seeks and three small
 * writes an entry (a book of 10,000 chapters and images: 50,000 system
 * calls).  Here the bytes gather in a window of memory, the header is
 * mended there, and the window goes to the file a megabyte at a time.
 */
#ifndef WQ_ZIPOUT_H
#define WQ_ZIPOUT_H

#include <zip.h>

#include "err.h"

/**
 * @brief Create the archive @p path (replacing any file there), to be
 * filled with zip_file_add() and written by zip_close().
 * @param path the file. @param err filled on failure.
 * @return the archive, or NULL.
 */
zip_t *wq_zipout_open(const char *path, wq_err *err);

#endif
