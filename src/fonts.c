#include "fonts.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "fsutil.h"
#include "langs.h"
#include "mem.h"

typedef struct font {
	char *name;
	wq_buf data;
	size_t original;
} font;

struct wq_fonts {
	font *fonts;
	size_t n;
	wq_buf license;
	int has_license;
};

/* ------------------------------------------------------- characters */

/* The characters a site uses, one bit each (Unicode's 0x110000 code
 * points): set as the texts are read, given to HarfBuzz once at the end
 * (a bit is cheaper than a set's insertion, and most are set again and
 * again). */
#define NCODES 0x110000u

typedef struct charset {
	uint64_t *bits;
} charset;

static void add_code(charset *cs, uint32_t c)
{
	if (c < NCODES)
		cs->bits[c / 64] |= (uint64_t)1 << (c % 64);
}

static void add_range(charset *cs, uint32_t from, uint32_t to)
{
	for (; from <= to; from++)
		add_code(cs, from);
}

static void add_text(charset *cs, const char *s, size_t len)
{
	int32_t i = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);

	while (i < n) {
		UChar32 c;
		if ((unsigned char)s[i] < 0x80) { /* ASCII: most of the bytes */
			if (s[i])
				add_code(cs, (unsigned char)s[i]);
			i++;
			continue;
		}
		U8_NEXT(s, i, n, c);
		if (c > 0)
			add_code(cs, (uint32_t)c);
	}
}

static void add_chars(charset *cs, const uint32_t *chars, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		add_code(cs, chars[i]);
}

static void add_str(charset *cs, const char *s)
{
	if (s)
		add_text(cs, s, strlen(s));
}

static void add_strings(charset *cs, const wq_val *v)
{
	size_t i;

	if (wq_val_kind_of(v) == WQ_VAL_STR) {
		add_str(cs, wq_val_get_str(v, NULL));
		return;
	}
	for (i = 0; i < wq_val_count(v); i++)
		add_strings(cs, wq_val_at(v, i));
}

/* Every character of @p cs into @p set. */
static void charset_give(const charset *cs, hb_set_t *set)
{
	size_t w;

	for (w = 0; w < NCODES / 64; w++) {
		uint64_t b = cs->bits[w];
		while (b) {
			unsigned k = (unsigned)__builtin_ctzll(b);
			hb_set_add(set, (hb_codepoint_t)(w * 64 + k));
			b &= b - 1;
		}
	}
}

static void site_characters(charset *set, const wq_site *site, const wq_theme *theme)
{
	const wq_config *c = site->config;
	const wq_val *last = NULL;
	size_t i;

	/* Printable ASCII, Arabic-Indic and Persian digits, and the punctuation
	 * that dates, numbers and typography bring in. */
	add_range(set, 0x20, 0x7E);
	add_range(set, 0x0660, 0x066D);
	add_range(set, 0x06F0, 0x06F9);
	add_code(set, 0x00A0);
	add_code(set, 0x060C);
	add_code(set, 0x061B);
	add_code(set, 0x061F);
	add_code(set, 0x0640);
	add_range(set, 0x200C, 0x200F);
	add_range(set, 0x2010, 0x2027);
	add_range(set, 0x2066, 0x2069);
	add_str(set, c->title);
	add_str(set, c->description);
	add_str(set, c->author);
	add_str(set, c->copyright);
	add_str(set, c->epub.title);
	add_str(set, c->epub.author);
	add_str(set, c->epub.publisher);
	add_strings(set, c->params);
	add_strings(set, wq_theme_strings(theme, site->lang));
	for (i = 0; i < site->ndocs + site->nindexes; i++) {
		/* Articles, then the sections' _index.md (text on their pages). */
		const wq_doc *d = i < site->ndocs ? site->docs[i] : site->indexes[i - site->ndocs];
		const wq_val *strings = wq_theme_strings(theme, d->lang);
		add_chars(set, d->chars, d->nchars);
		add_str(set, d->title);
		add_str(set, d->summary);
		add_str(set, d->author);
		add_strings(set, d->tags);
		/* A language's UI strings once (documents come in runs of one). */
		if (strings != last) {
			add_strings(set, strings);
			last = strings;
		}
	}
	/* Folder names: the names of sections without a title. */
	for (i = 0; i < site->nsections; i++)
		add_str(set, site->sections[i]);
}

/* --------------------------------------------------------- subsetting */

static int subset(font *f, const char *path, hb_set_t *chars, wq_err *err)
{
	wq_buf in = WQ_BUF_INIT;
	hb_blob_t *blob = NULL, *out = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *input = NULL;
	const char *data;
	unsigned int len = 0;
	int rc;

	if ((rc = wq_fs_read(&in, path, err)) < 0)
		return rc;
	f->original = in.len;
	blob = hb_blob_create(wq_buf_cstr(&in), (unsigned int)in.len, HB_MEMORY_MODE_READONLY,
			      NULL, NULL);
	face = hb_face_create(blob, 0);
	input = hb_subset_input_create_or_fail();
	if (!input || hb_face_get_glyph_count(face) == 0) {
		rc = wq_err_set(err, WQ_EINPUT, path, 0, 0, "not a font HarfBuzz can read");
		goto done;
	}
	hb_set_union(hb_subset_input_unicode_set(input), chars);
	sub = hb_subset_or_fail(face, input);
	if (!sub) {
		rc = wq_err_set(err, WQ_EINPUT, path, 0, 0, "HarfBuzz could not subset this font");
		goto done;
	}
	out = hb_face_reference_blob(sub);
	data = hb_blob_get_data(out, &len);
	if (!data || !len) {
		rc = wq_err_set(err, WQ_EINPUT, path, 0, 0, "HarfBuzz could not subset this font");
		goto done;
	}
	wq_buf_put(&f->data, data, len);
	rc = 0;
done:
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	wq_buf_dispose(&in);
	return rc;
}

static int is_font(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcasecmp(dot, ".ttf") || !strcasecmp(dot, ".otf"));
}

static int is_license(const char *name)
{
	return !strcmp(name, "OFL.txt") || !strcmp(name, "LICENSE") || !strcmp(name, "LICENSE.txt");
}

int wq_fonts_prepare(wq_fonts **out, const wq_site *site, const wq_theme *theme, wq_err *err)
{
	wq_fonts *fs = wq_xcalloc(1, sizeof(*fs));
	hb_set_t *chars = hb_set_create();
	charset cs;
	const char *const *files;
	size_t n, i;
	int rc = 0;

	*out = NULL;
	cs.bits = wq_xcalloc(NCODES / 64, sizeof(*cs.bits));
	if (site->langs) {
		/* One set of fonts for every language, their names too (the
		 * language switcher shows each in its own script). */
		for (i = 0; i < wq_langs_count(site->langs); i++) {
			site_characters(&cs, wq_langs_site(site->langs, i), theme);
			add_str(&cs, wq_langs_name(site->langs, i));
		}
	} else {
		site_characters(&cs, site, theme);
	}
	charset_give(&cs, chars);
	free(cs.bits);
	files = wq_theme_files(theme, WQ_THEME_FONTS, &n);
	for (i = 0; i < n && rc == 0; i++) {
		const char *path = wq_theme_file_path(theme, WQ_THEME_FONTS, i);
		if (is_license(files[i]) && !fs->has_license) {
			fs->has_license = 1;
			rc = wq_fs_read(&fs->license, path, err);
		} else if (is_font(files[i]) && !strchr(files[i], '/')) {
			font *f;
			fs->fonts = wq_xgrow(fs->fonts, fs->n, sizeof(*fs->fonts));
			f = &fs->fonts[fs->n++];
			memset(f, 0, sizeof(*f));
			f->name = wq_xstrdup(files[i]);
			rc = subset(f, path, chars, err);
		}
	}
	hb_set_destroy(chars);
	if (rc < 0) {
		wq_fonts_free(fs);
		return rc;
	}
	*out = fs;
	return 0;
}

void wq_fonts_free(wq_fonts *fs)
{
	size_t i;

	if (!fs)
		return;
	for (i = 0; i < fs->n; i++) {
		free(fs->fonts[i].name);
		wq_buf_dispose(&fs->fonts[i].data);
	}
	free(fs->fonts);
	wq_buf_dispose(&fs->license);
	free(fs);
}

size_t wq_fonts_count(const wq_fonts *fs)
{
	return fs ? fs->n : 0;
}

const char *wq_fonts_name(const wq_fonts *fs, size_t i)
{
	return fs && i < fs->n ? fs->fonts[i].name : NULL;
}

const char *wq_fonts_data(const wq_fonts *fs, size_t i, size_t *len)
{
	if (!fs || i >= fs->n) {
		*len = 0;
		return NULL;
	}
	*len = fs->fonts[i].data.len;
	return wq_buf_cstr(&fs->fonts[i].data);
}

const char *wq_fonts_license(const wq_fonts *fs, size_t *len)
{
	if (!fs || !fs->has_license) {
		*len = 0;
		return NULL;
	}
	*len = fs->license.len;
	return wq_buf_cstr(&fs->license);
}

size_t wq_fonts_sizes(const wq_fonts *fs, size_t *before)
{
	size_t i, after = 0;

	*before = 0;
	for (i = 0; fs && i < fs->n; i++) {
		*before += fs->fonts[i].original;
		after += fs->fonts[i].data.len;
	}
	return after;
}
