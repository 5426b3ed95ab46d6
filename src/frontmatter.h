/**
 * @file frontmatter.h
 * @brief YAML front matter at the top of a source document.
 */
#ifndef WQ_FRONTMATTER_H
#define WQ_FRONTMATTER_H

#include "diag.h"
#include "doc.h"
#include "err.h"

/**
 * @brief Read the front matter of @p doc->text (if it starts with a `---`
 * line), set the fields it names, and blank it out of the text (replaced by
 * empty lines so line numbers stay true).
 *
 * Known keys: title, date, author, lang, dir, summary, slug, tags, weight,
 * draft.  Unknown keys are warnings; wrong types are errors.
 * @param doc the document (text loaded, path set).
 * @param diag receives warnings.
 * @param err filled on failure, with file, line and column.
 * @return 0 or #WQ_EINPUT.
 */
int wq_frontmatter_apply(wq_doc *doc, wq_diag *diag, wq_err *err);

/**
 * @brief Blank out the front matter of @p doc->text, as
 * wq_frontmatter_apply() does, without reading it again (the text of a
 * document loaded a second time, its front matter already applied).
 * @param doc the document.
 */
void wq_frontmatter_strip(wq_doc *doc);

#endif
