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
 * Known keys: title, date, lastmod (or updated: a date like date), author,
 * lang, dir, description (the page's meta description; the summary in lists
 * and the feed when there is no summary), summary, keywords (text or a list
 * of texts, joined with ", "), slug, aliases (a path or a list of paths the
 * page is also reached from: `/old/page/` from the site root, `old/` from
 * the page's section folder; no `..`), tags, weight, draft.  Wrong types
 * are errors.  Every other key, dotted ones too (`ms.topic`), is kept in
 * #wq_doc::params for the templates (`page.params`), and a dotted key also
 * as nested maps (`params.ms.topic`) when nothing there is in the way; a
 * key within one or two edits of a known key (`titel`) gets a warning with
 * the key's line and column ("did you mean 'title'?").
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
