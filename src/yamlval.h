/**
 * @file yamlval.h
 * @brief Reads YAML (the config, front matter, UI strings) into a #wq_val tree.
 *
 * The one module that uses libyaml.  Plain scalars are typed as in the YAML
 * 1.2 core schema (null, true/false, integers and floats); everything else is
 * a string.  Aliases are refused (they allow exponential documents).
 */
#ifndef WQ_YAMLVAL_H
#define WQ_YAMLVAL_H

#include <stddef.h>

#include "err.h"
#include "value.h"

/** Deepest nesting of lists and maps accepted. */
#define WQ_YAML_MAX_DEPTH 64

/**
 * @brief Parse the first YAML document in @p data.
 * @param[out] out the document (a null value when the text is empty).
 * @param data the YAML text (UTF-8).
 * @param len its length.
 * @param file file name used in error messages.
 * @param first_line the line number of the text's first line in @p file
 *        (1 for a whole file; more for front matter).
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code (#WQ_EINPUT for malformed YAML).
 */
int wq_yaml_parse(wq_val **out, const char *data, size_t len, const char *file,
		  unsigned first_line, wq_err *err);

/**
 * @brief Read and parse a YAML file.
 * @param[out] out the document.
 * @param path the file.
 * @param err filled on failure.
 * @return 0 or a negative WQ_E* code.
 */
int wq_yaml_load_file(wq_val **out, const char *path, wq_err *err);

#endif
