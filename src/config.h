/**
 * @file config.h
 * @brief The site configuration (`warraq.yml`), with embedded defaults.
 */
#ifndef WQ_CONFIG_H
#define WQ_CONFIG_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "value.h"

/** One language of a multilingual site (`languages:`). */
typedef struct wq_language {
	char *code;        /**< its code, as in file names (`report.en.md`) and URLs (`en/`) */
	char *lang;        /**< its BCP 47 tag (`lang:`, default: the code) */
	char *title;       /**< the site's title in it ("" = the site's) */
	char *description; /**< the site's description in it ("" = the site's) */
	char *numbering;   /**< ICU numbering system ("" = the site's) */
	char *calendar;    /**< second calendar ("" = the site's) */
	double weight;     /**< its order (weighted first, ascending; then as written) */
	char *prefix;      /**< where its pages are: "" (the default language at the
			        root) or `<code>/` */
} wq_language;

/** What a page links when a translation is missing (`translation_fallback`). */
typedef enum wq_fallback {
	WQ_FALLBACK_NONE, /**< nothing: the language is not offered on that page */
	WQ_FALLBACK_HOME  /**< the other language's home page */
} wq_fallback;

/** The site configuration; every string is owned and never NULL. */
typedef struct wq_config {
	char *path;        /**< the file it came from ("" for the defaults) */
	char *root;        /**< folder of the config file: layouts/ and themes/ are looked up there */
	char *title;       /**< site title */
	char *description; /**< site description (meta description, feed subtitle) */
	char *base_url;    /**< absolute URL of the published site, ending in '/', or "" */
	char *lang;        /**< site language ("" = from the documents) */
	char *dir;         /**< site direction: "ltr", "rtl" or "" (from the language) */
	char *author;      /**< default author */
	char *theme;       /**< theme name */
	char *copyright;   /**< copyright line for the footer and feed ("" = none) */
	char *numbering;   /**< ICU numbering system for numbers and dates (`latn`, `arab`; "" = the language's) */
	char *calendar;    /**< a second calendar for dates (`islamic-umalqura`...; "" = none) */
	bool ascii_slugs;  /**< `slugs: ascii`: slugs transliterated from titles */
	bool unsafe_html;  /**< pass raw HTML in sources through */
	bool detect_language; /**< detect each document's language and direction (default true) */
	bool drafts;       /**< publish documents marked `draft: true` (`drafts: true`, `--drafts`) */
	bool strict;       /**< every warning is an error (`strict: true`, `--strict`) */
	wq_val *exclude;   /**< `exclude:` patterns of source paths not published on their
			        own (fnmatch; without '/', any part of a path); a list of
			        strings, never NULL */
	size_t jobs;       /**< threads a build uses (`--jobs`; not read from the file) */
	size_t text_memory; /**< bytes of source text kept from loading to writing
			       (`WARRAQ_TEXT_MEMORY`; not read from the file) */
	double words_per_minute; /**< reading speed for reading times */
	int summary_chars; /**< length of automatic summaries, in characters */
	size_t paginate;   /**< articles per list page (home, sections, tags); 0: one page */
	size_t feed_limit; /**< entries in the Atom feed, the newest; 0: every article */
	wq_val *params;    /**< free-form `params:` map handed to templates (never NULL) */
	wq_language *languages; /**< `languages:`, in order, the default first; NULL
				     (and #nlanguages 0) for a site of one language */
	size_t nlanguages; /**< number of languages */
	size_t language;   /**< in a multilingual site's copy for one language
			        (wq_config_for_language()): which one */
	const char *url_prefix; /**< where the language's pages are ("" or `en/`;
				     borrowed from #languages; "" without them) */
	bool default_language_in_subdir; /**< the default language under its code too */
	wq_fallback translation_fallback; /**< `translation_fallback` */
	/** The book (`epub:` map); strings "" when unset. */
	struct {
		bool enabled;       /**< write the book (`epub: false` turns it off) */
		char *filename;     /**< file name without `.epub` ("" = from the title) */
		char *title;        /**< book title ("" = site title) */
		char *identifier;   /**< dc:identifier, e.g. a UUID ("" = derived) */
		char *author;       /**< dc:creator ("" = site author, else title) */
		char *publisher;    /**< dc:publisher ("" = author) */
		char *cover;        /**< cover image, relative to the config folder ("" = generated) */
		char *summary;      /**< accessibility summary ("" = the theme's) */
		bool per_article;   /**< also one book per article, in its page's folder */
	} epub;
} wq_config;

/**
 * @brief Load the configuration.
 * @param[out] out the configuration; free with wq_config_free().
 * @param path the YAML file; when it does not exist and @p required is
 *        false, the embedded defaults are used.
 * @param required whether a missing file is an error (the user named it).
 * @param diag receives warnings (unknown keys).
 * @param err filled on failure, with file and line.
 * @return 0 or a negative WQ_E* code.
 */
int wq_config_load(wq_config **out, const char *path, bool required, wq_diag *diag, wq_err *err);

/**
 * @brief Set the site's base URL (`base_url:`, `--base-url`): an absolute
 * http(s) URL, given a trailing slash when it has none; "" for none.
 * @param cfg the configuration.
 * @param url the URL.
 * @return 0, or #WQ_EINPUT when it is not an absolute http(s) URL (the
 *         configuration is then unchanged).
 */
int wq_config_set_base_url(wq_config *cfg, const char *url);

/**
 * @brief A copy of a multilingual site's configuration for one of its
 * languages: its title, description, language tag, numbering and calendar
 * in place of the site's, and #wq_config::url_prefix set.
 * @param cfg the configuration, with #wq_config::languages.
 * @param i the language's index.
 * @return owned copy.
 */
wq_config *wq_config_for_language(const wq_config *cfg, size_t i);

/**
 * @brief The language a source's file name gives: `report.en.md`,
 * `_index.fr.md` give `en`, `fr` when those are languages of the site.
 * @param cfg the configuration.
 * @param rel the source's path.
 * @param[out] stem_len the length of the file's name without the language
 *             and the extension (`report`), when one is found.
 * @return the language's index, or -1 (no language in the name).
 */
long wq_config_file_language(const wq_config *cfg, const char *rel, size_t *stem_len);

/**
 * @brief The name of a source's version in a language: `b.en.md` for
 * `b.md` and English.
 * @param[out] out receives it (cleared first).
 * @param cfg the configuration. @param rel the source's path.
 * @param k the language's index.
 * @return false (and @p out empty) when @p rel already names a language.
 */
bool wq_config_language_file(wq_buf *out, const wq_config *cfg, const char *rel, size_t k);

/** @brief Free a configuration (NULL is a no-op). @param cfg the configuration. */
void wq_config_free(wq_config *cfg);

#endif
