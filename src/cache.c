#define _GNU_SOURCE
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <hb.h>
#include <libdeflate.h>
#include <libxml/parser.h>
#include <unicode/uversion.h>
#include <xxhash.h>
#include <yaml.h>
#include <zip.h>

#include "fsutil.h"
#include "hash.h"
#include "mem.h"
#include "pool.h"
#include "rec.h"
#include "strmap.h"

/* The record's first bytes; the number changes with its layout. */
static const char magic[8] = { 'W', 'Q', 'C', 'A', 'C', 'H', 'E', '4' };

/* Folders deeper than this are not followed (a loop of symbolic links). */
#define MAX_DEPTH 64

/* A file (or a missing root) and what is known of it. */
typedef struct entry {
	const char *path;     /* owned, unless its list's are borrowed */
	uint64_t size, ino, hash;
	int64_t mtime, ctime; /* nanoseconds */
	uint32_t kind;        /* 0: missing; 1: a file; 2: a folder (of the output) */
} entry;

typedef struct list {
	entry *items;
	size_t n;
	bool borrowed; /* the paths are the record's (wq_cache::record), not owned */
} list;

struct wq_cache {
	char *file;
	char *key;
	char *words_file;  /* the words file beside it */
	char *vocab_file;  /* and the word index file (wq_cache_vocab_open()) */
	list now;          /* the inputs now */
	wq_fs_mapped record; /* the last build's record, read where it is: */
	list old_in;       /* its inputs */
	list old_out;      /* its output folder */
	bool out_same;     /* the output folder is as the record has it */
	const char *diag;  /* its warnings (wq_diag_save()), in the record */
	size_t diag_len;
	size_t *counts;
	size_t ncounts;
	wq_fs_mapped raw;  /* the documents file's bytes, which the documents point into */
	char *docs_file;   /* the documents file beside the record */
	wq_cache_site site; /* its documents */
	wq_cache_doc *docs;
	uint64_t *entry_at, *entry_len; /* where each one's entry is in the documents file */
	uint64_t words_size;  /* the words file's size, as the record knows it */
	wq_cache_site next;   /* the documents to save (wq_cache_set_site()) */
	uint64_t *next_at, *next_len; /* where their words are in the new words file */
	struct stat next_words;       /* which is this */
	struct stat next_docs;        /* and the new documents file */
	struct stat next_vocab;       /* and the new word index file (st_size 0: none) */
	uint64_t vocab_size;          /* the last word index file's size (0: none) */
	bool site_named;              /* the record names these files: */
	uint64_t wsize, wino, wmtime; /* the words file */
	uint64_t dsize, dino, dmtime; /* the documents file */
	uint64_t vsize, vino, vmtime; /* the word index file */
	int64_t started;              /* the coarse clock when the scan began (put_list()) */
	dev_t skip_dev;        /* while scanning: the output folder */
	ino_t skip_ino;
	bool skip;
	bool mtimes;
	bool have_old;     /* a record with the same key was read */
	bool have_site;    /* it holds the documents */
	bool next_set;
	wq_strmap *now_by_path; /* the inputs now, by path (to old_in's index) */
	char **written;    /* an update in place: the files it wrote (wq_cache_set_written()) */
	size_t nwritten;
	bool written_known; /* and it removed none */
};

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void list_free(list *l)
{
	size_t i;

	for (i = 0; i < l->n && !l->borrowed; i++)
		free((char *)l->items[i].path);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

char *wq_cache_file(const char *output)
{
	return wq_fs_beside(output, "cache");
}

void wq_cache_libraries(wq_buf *out)
{
	wq_buf_printf(out, "cmark-gfm %s\n", cmark_version_string());
	wq_buf_printf(out, "harfbuzz %s\n", hb_version_string());
	wq_buf_printf(out, "libxml2 %s\n", xmlParserVersion);
	{
		UVersionInfo v;
		char s[U_MAX_VERSION_STRING_LENGTH];
		u_getVersion(v);
		u_versionToString(v, s);
		wq_buf_printf(out, "icu %s\n", s);
	}
	wq_buf_printf(out, "libyaml %s\n", yaml_get_version_string());
	wq_buf_printf(out, "libzip %s\n", zip_libzip_version());
	wq_buf_printf(out, "libdeflate %s\n", LIBDEFLATE_VERSION_STRING);
	wq_buf_printf(out, "xxhash %u\n", XXH_versionNumber());
}

/* ------------------------------------------------------------ reading */

static void get_list(wq_rec *r, list *l, bool input)
{
	/* Each entry takes more than 32 bytes: a count past that is damage. */
	uint64_t n = wq_rec_count(r, 32), i;

	if (r->bad)
		return;
	l->items = wq_xcalloc(n ? n : 1, sizeof(*l->items));
	l->borrowed = true;
	for (i = 0; i < n && !r->bad; i++) {
		entry *e = &l->items[i];
		size_t len;
		const char *path = wq_rec_blob(r, &len);
		/* Written with its NUL (put_entry_rec()): used where it lies. */
		if (!path || !len || path[len - 1] || memchr(path, '\0', len - 1)) {
			r->bad = true;
			break;
		}
		e->path = path;
		l->n++;
		e->size = wq_rec_u64(r);
		e->ino = wq_rec_u64(r);
		e->mtime = (int64_t)wq_rec_u64(r);
		if (input) {
			e->ctime = (int64_t)wq_rec_u64(r);
			e->hash = wq_rec_u64(r);
		}
		e->kind = (uint32_t)wq_rec_u64(r);
	}
}

static void free_docs(wq_cache *c)
{
	size_t i;

	for (i = 0; c->docs && i < c->site.ndocs; i++) {
		free(c->docs[i].rel);
		free((char *)c->docs[i].props);
	}
	free(c->docs);
	c->docs = NULL;
	free(c->entry_at);
	free(c->entry_len);
	c->entry_at = c->entry_len = NULL;
	memset(&c->site, 0, sizeof(c->site));
	c->have_site = false;
	c->vocab_size = 0;
}

static bool same_file(const char *path, uint64_t size, uint64_t ino, uint64_t mtime)
{
	struct stat st;

	return stat(path, &st) == 0 && (uint64_t)st.st_size == size &&
	       (uint64_t)st.st_ino == ino && (uint64_t)ns(st.st_mtim) == mtime;
}

/* The files that hold the documents, as the record names them. */
static void get_site(wq_cache *c, wq_rec *r)
{
	c->wsize = wq_rec_u64(r);
	c->wino = wq_rec_u64(r);
	c->wmtime = wq_rec_u64(r);
	c->dsize = wq_rec_u64(r);
	c->dino = wq_rec_u64(r);
	c->dmtime = wq_rec_u64(r);
	c->site.hash = wq_rec_u64(r);
	c->vsize = wq_rec_u64(r);
	c->vino = wq_rec_u64(r);
	c->vmtime = wq_rec_u64(r);
	c->site_named = !r->bad;
}

/* The documents' records, in the documents file, which must be the one
 * the record names (as must the words file). */
static void get_docs(wq_cache *c)
{
	uint64_t n, i, table;
	wq_err err;
	wq_rec t, d;
	size_t len;
	const char *s;
	bool bad = false;

	if (!c->have_old || !c->site_named || !same_file(c->words_file, c->wsize, c->wino, c->wmtime) ||
	    !same_file(c->docs_file, c->dsize, c->dino, c->dmtime))
		return;
	memset(&err, 0, sizeof(err));
	if (wq_fs_map(&c->raw, c->docs_file, &err) < 0 || c->raw.len != c->dsize || c->raw.len < 8)
		return;
	/* The table, which the last 8 bytes point to (write_docs()). */
	memcpy(&table, c->raw.ptr + c->raw.len - 8, 8);
	if (table > c->raw.len - 8)
		return;
	wq_rec_init(&t, c->raw.ptr + table, c->raw.len - 8 - table);
	c->site.warnings = wq_rec_blob(&t, &c->site.warnings_len);
	n = wq_rec_count(&t, 16);
	if (t.bad)
		return;
	c->docs = wq_xcalloc(n ? (size_t)n : 1, sizeof(*c->docs));
	c->entry_at = wq_xcalloc(n ? (size_t)n : 1, sizeof(*c->entry_at));
	c->entry_len = wq_xcalloc(n ? (size_t)n : 1, sizeof(*c->entry_len));
	for (i = 0; i < n && !t.bad && !bad; i++) {
		wq_cache_doc *e = &c->docs[i];
		uint64_t at = wq_rec_u64(&t), elen = wq_rec_u64(&t);
		if (t.bad || at > table || elen > table - at)
			break;
		c->entry_at[i] = at;
		c->entry_len[i] = elen;
		wq_rec_init(&d, c->raw.ptr + at, (size_t)elen);
		if (!(s = wq_rec_blob(&d, &len)))
			break;
		e->rel = wq_xstrndup(s, len);
		c->site.ndocs++;
		e->text_hash = wq_rec_u64(&d);
		e->loaded = wq_rec_u64(&d);
		e->interface = wq_rec_u64(&d);
		e->loaded_record = wq_rec_blob(&d, &e->loaded_record_len);
		e->record = wq_rec_blob(&d, &e->record_len);
		e->warnings = wq_rec_blob(&d, &e->warnings_len);
		s = wq_rec_blob(&d, &len);
		e->props = wq_xstrndup(s ? s : "", len);
		e->words_at = wq_rec_u64(&d);
		e->words_len = wq_rec_u64(&d);
		bad = d.bad || d.p != d.end;
	}
	c->site.docs = c->docs;
	c->words_size = c->wsize;
	if (c->vsize && same_file(c->vocab_file, c->vsize, c->vino, c->vmtime))
		c->vocab_size = c->vsize;
	c->have_site = !t.bad && !bad && c->site.ndocs == n && t.p == t.end;
}

/* The last build's record, when it is whole and has the same key; kept
 * mapped (the lists' paths are read where they lie) while the cache is. */
static void read_record(wq_cache *c, const char *key)
{
	wq_fs_mapped *data = &c->record;
	wq_err err;
	wq_rec r;
	uint64_t len;
	const char *s;
	size_t i, n;

	memset(&err, 0, sizeof(err));
	if (wq_fs_map(data, c->file, &err) < 0)
		return;
	/* The last 8 bytes: the hash of those before them. */
	if (data->len < sizeof(magic) + 8 || memcmp(data->ptr, magic, sizeof(magic)))
		goto done;
	if (!wq_hash_sealed(data->ptr, data->len))
		goto done;
	wq_rec_init(&r, data->ptr + sizeof(magic), data->len - sizeof(magic) - 8);
	s = wq_rec_blob(&r, &n);
	if (!s || n != strlen(key) || memcmp(s, key, n))
		goto done;
	get_list(&r, &c->old_in, true);
	get_list(&r, &c->old_out, false);
	c->diag = wq_rec_blob(&r, &c->diag_len);
	len = wq_rec_u64(&r);
	if (!r.bad && len <= 64) {
		c->counts = wq_xcalloc(len ? (size_t)len : 1, sizeof(*c->counts));
		c->ncounts = (size_t)len;
		for (i = 0; i < c->ncounts; i++)
			c->counts[i] = (size_t)wq_rec_u64(&r);
	}
	if (wq_rec_u64(&r) == 1)
		get_site(c, &r);
	c->have_old = !r.bad && r.p == r.end;
	if (!c->have_old) {
		list_free(&c->old_in);
		list_free(&c->old_out);
		c->diag = NULL;
		free(c->counts);
		c->counts = NULL;
		c->ncounts = 0;
	}
done:
	if (!c->have_old)
		wq_fs_unmap(data);
}

/* ------------------------------------------------------------ scanning */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in an open folder, sorted (byte order: the same on every
 * machine); with @p dots, names starting with '.' too. */
static char **folder_names(DIR *d, bool dots, size_t *n)
{
	struct dirent *de;
	char **names = NULL;

	*n = 0;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!dots && de->d_name[0] == '.')
			continue;
		WQ_APPEND(names, *n, wq_xstrdup(de->d_name));
	}
	if (*n > 1)
		qsort(names, *n, sizeof(*names), cmp_names);
	return names;
}

/* The folder @p name in the open folder @p at, opened (NULL when it
 * cannot be); with @p follow, a symbolic link to a folder too. */
static DIR *open_folder(int at, const char *name, bool follow)
{
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	DIR *d;

	if (fd < 0)
		return NULL;
	if (!(d = fdopendir(fd)))
		close(fd);
	return d;
}

/* The hash of a file's bytes, or of nothing when it cannot be read (it
 * then differs from a readable file of the same size, unless empty). */
static uint64_t file_hash(const char *path)
{
	wq_buf data = WQ_BUF_INIT;
	wq_err err;
	uint64_t h;

	memset(&err, 0, sizeof(err));
	if (wq_fs_read(&data, path, &err) < 0)
		h = ~(uint64_t)0;
	else
		h = wq_hash_bytes(data.ptr, data.len);
	wq_buf_dispose(&data);
	return h;
}

static void add_input(wq_cache *c, wq_strmap *old, const char *path, const struct stat *st)
{
	entry e;
	size_t k;

	memset(&e, 0, sizeof(e));
	e.path = wq_xstrdup(path);
	if (st) {
		e.kind = 1;
		e.size = (uint64_t)st->st_size;
		e.ino = (uint64_t)st->st_ino;
		e.mtime = ns(st->st_mtim);
		e.ctime = ns(st->st_ctim);
		if (old && wq_strmap_get_index(old, path, strlen(path), &k) &&
		    c->old_in.items[k].kind == 1 && c->old_in.items[k].size == e.size &&
		    c->old_in.items[k].ino == e.ino && c->old_in.items[k].mtime == e.mtime &&
		    c->old_in.items[k].ctime == e.ctime)
			e.hash = c->old_in.items[k].hash; /* untouched since */
		else
			e.hash = file_hash(path);
	}
	WQ_APPEND(c->now.items, c->now.n, e);
}

/* The input @p name in the open folder @p at (its path: @p path): a file,
 * or a folder read whole.  Each is stat'ed by its name in its folder, not
 * by its path from the top. */
static void scan(wq_cache *c, wq_strmap *old, int at, const char *name, const char *path,
		 int depth)
{
	struct stat st;
	char **names;
	size_t n, i;
	DIR *d;

	if (fstatat(at, name, &st, 0) < 0) {
		if (depth == 0)
			add_input(c, old, path, NULL);
		return;
	}
	if (S_ISREG(st.st_mode)) {
		add_input(c, old, path, &st);
		return;
	}
	if (!S_ISDIR(st.st_mode) || depth > MAX_DEPTH ||
	    (c->skip && st.st_dev == c->skip_dev && st.st_ino == c->skip_ino) ||
	    !(d = open_folder(at, name, true)))
		return;
	names = folder_names(d, false, &n);
	for (i = 0; i < n; i++) {
		char *full = wq_fs_join(path, names[i]);
		scan(c, old, dirfd(d), names[i], full, depth + 1);
		free(full);
		free(names[i]);
	}
	free(names);
	closedir(d);
}

/* What wq_cache_scan() does after reading the record, in parts that may
 * run side by side: the inputs found and hashed (the longest part, so
 * taken first), the output folder checked against the record in
 * OUTPUT_SLICES slices, the documents file read. */
#define OUTPUT_SLICES 4

typedef struct scan_job {
	wq_cache *c;
	const char *const *roots;
	int out_fd;                   /* the output folder, open */
	atomic_bool out_changed;      /* a slice found a difference: the others stop */
} scan_job;

static bool check_output(scan_job *j, size_t slice);

static int scan_part(void *ctx, size_t part, wq_err *err)
{
	scan_job *j = ctx;
	wq_cache *c = j->c;
	wq_strmap *old = NULL;
	size_t i;

	(void)err;
	if (part > 0 && part <= OUTPUT_SLICES) {
		if (!check_output(j, part - 1))
			atomic_store(&j->out_changed, true);
		return 0;
	}
	if (part > OUTPUT_SLICES) {
		get_docs(c);
		return 0;
	}
	if (c->have_old) {
		old = wq_strmap_new();
		for (i = 0; i < c->old_in.n; i++)
			wq_strmap_add_index(old, c->old_in.items[i].path,
					    strlen(c->old_in.items[i].path), i, NULL);
	}
	for (i = 0; j->roots[i]; i++)
		scan(c, old, AT_FDCWD, j->roots[i], j->roots[i], 0);
	wq_strmap_free(old);
	return 0;
}

void wq_cache_scan(wq_cache **out, const char *file, const char *key, const char *const *roots,
		   const char *output, bool mtimes, size_t jobs)
{
	wq_cache *c = wq_xcalloc(1, sizeof(*c));
	scan_job j;
	struct stat st;
	wq_err ignored = WQ_ERR_INIT;
	size_t i;

	c->file = wq_xstrdup(file);
	c->key = wq_xstrdup(key);
	{
		wq_buf w = WQ_BUF_INIT;
		wq_buf_printf(&w, "%s.words", file);
		c->words_file = wq_buf_detach(&w);
		wq_buf_printf(&w, "%s.docs", file);
		c->docs_file = wq_buf_detach(&w);
		wq_buf_printf(&w, "%s.vocab", file);
		c->vocab_file = wq_buf_detach(&w);
	}
	c->mtimes = mtimes;
	{
		/* Before anything is stat'ed: what changes from now on is
		 * dated now or later (files are dated by this clock). */
		struct timespec t;
		c->started = clock_gettime(CLOCK_REALTIME_COARSE, &t) == 0 ? ns(t) : 0;
	}
	if (stat(output, &st) == 0 && S_ISDIR(st.st_mode)) {
		c->skip = true;
		c->skip_dev = st.st_dev;
		c->skip_ino = st.st_ino;
	}
	read_record(c, key);
	j.c = c;
	j.roots = roots;
	j.out_fd = c->have_old ? open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	atomic_init(&j.out_changed, false);
	(void)wq_pool_for(jobs, 1 + OUTPUT_SLICES + 1, scan_part, &j, NULL, &ignored);
	c->out_same = j.out_fd >= 0 && !atomic_load(&j.out_changed);
	if (j.out_fd >= 0)
		close(j.out_fd);
	if (!c->have_site) {
		free_docs(c);
		wq_fs_unmap(&c->raw);
	}
	/* Each input's match among the last build's, for wq_cache_same_file(). */
	c->now_by_path = wq_strmap_new();
	for (i = 0; c->have_old && i < c->now.n; i++)
		wq_strmap_add_index(c->now_by_path, c->now.items[i].path,
				    strlen(c->now.items[i].path), i, NULL);
	*out = c;
}

/* What lstat says of an output file or folder. */
static void put_stat(entry *e, const struct stat *st)
{
	e->kind = S_ISDIR(st->st_mode) ? 2 : 1;
	e->size = e->kind == 2 ? 0 : (uint64_t)st->st_size;
	e->ino = (uint64_t)st->st_ino;
	e->mtime = ns(st->st_mtim);
}

/* The files and folders in the open folder @p d of the output (its path
 * there: @p rel), in a fixed order, with what lstat says; a folder comes
 * before what it holds; @p d is closed. */
static void scan_output_in(list *l, DIR *d, const char *rel, int depth)
{
	size_t n, i;
	char **names = folder_names(d, true, &n);

	for (i = 0; i < n; i++) {
		char *sub = *rel ? wq_fs_join(rel, names[i]) : wq_xstrdup(names[i]);
		struct stat st;
		DIR *in;
		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
			entry e;
			memset(&e, 0, sizeof(e));
			put_stat(&e, &st);
			e.path = sub; /* the list's now */
			WQ_APPEND(l->items, l->n, e);
			if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH &&
			    (in = open_folder(dirfd(d), names[i], false)) != NULL)
				scan_output_in(l, in, sub, depth + 1);
		} else {
			free(sub);
		}
		free(names[i]);
	}
	free(names);
	closedir(d);
}

/* The output folder itself (as "."), then its files and folders, in a
 * fixed order, with what lstat says. */
static void scan_output(list *l, const char *root)
{
	DIR *d = open_folder(AT_FDCWD, root, true);
	struct stat st;
	entry e;

	if (!d)
		return;
	if (fstat(dirfd(d), &st) < 0) {
		closedir(d);
		return;
	}
	memset(&e, 0, sizeof(e));
	put_stat(&e, &st);
	e.path = wq_xstrdup(".");
	WQ_APPEND(l->items, l->n, e);
	scan_output_in(l, d, "", 0);
}

/* Whether slice @p slice of the output folder is as the record has it,
 * without reading its folders: each file and folder the record names is
 * stat'ed by its path there.  A file changed or replaced has another size,
 * inode or time; a file added, removed or renamed changes its folder's
 * time.  The first slice holds the folder itself, first in the record. */
static bool check_output(scan_job *j, size_t slice)
{
	const list *old = &j->c->old_out;
	size_t per = (old->n + OUTPUT_SLICES - 1) / OUTPUT_SLICES;
	size_t i = slice * per, end = i + per < old->n ? i + per : old->n;
	bool same = old->n > 0 && old->items[0].kind == 2 && !strcmp(old->items[0].path, ".");

	if (j->out_fd < 0)
		return false;
	for (; i < end && same; i++) {
		const entry *b = &old->items[i];
		struct stat st;
		entry a;
		if ((i & 255) == 0 && atomic_load_explicit(&j->out_changed, memory_order_relaxed))
			return false;
		if (fstatat(j->out_fd, b->path, &st, AT_SYMLINK_NOFOLLOW) < 0)
			same = false;
		else {
			put_stat(&a, &st);
			same = a.kind == b->kind && a.size == b->size && a.ino == b->ino &&
			       a.mtime == b->mtime;
		}
	}
	return same;
}

/* ------------------------------------------------------------ judging */

static bool same_output(const wq_cache *c);

bool wq_cache_fresh(const wq_cache *c)
{
	size_t i, n = c->now.n;

	if (!c->have_old || c->old_in.n != n)
		return false;
	for (i = 0; i < n; i++) {
		const entry *a = &c->now.items[i], *b = &c->old_in.items[i];
		if (strcmp(a->path, b->path) || a->kind != b->kind || a->size != b->size ||
		    a->hash != b->hash || (c->mtimes && a->mtime != b->mtime))
			return false;
	}
	return same_output(c);
}

/* The output folder, as wq_cache_scan() found it, is as the last build
 * left it. */
static bool same_output(const wq_cache *c)
{
	return c->out_same; /* (false without a record) */
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, *(char *const *)b);
}

bool wq_cache_fresh_but(const wq_cache *c, char *const *docs, size_t n)
{
	size_t i;

	if (!c->have_old || !c->have_site || c->old_in.n != c->now.n)
		return false;
	for (i = 0; i < c->now.n; i++) {
		const entry *a = &c->now.items[i], *b = &c->old_in.items[i];
		if (strcmp(a->path, b->path) || a->kind != b->kind)
			return false;
		if (n && bsearch(a->path, docs, n, sizeof(*docs), cmp_str))
			continue; /* a document's source: the build judges it */
		if (a->size != b->size || a->hash != b->hash || (c->mtimes && a->mtime != b->mtime))
			return false;
	}
	return same_output(c);
}

bool wq_cache_input_stat(const wq_cache *c, const char *path, struct stat *st)
{
	size_t i;
	const entry *a;

	if (!c->now_by_path || !wq_strmap_get_index(c->now_by_path, path, strlen(path), &i) ||
	    i >= c->now.n)
		return false;
	a = &c->now.items[i];
	if (a->kind != 1 || (int64_t)a->mtime < 0 || (int64_t)a->ctime < 0 ||
	    a->size > (uint64_t)INT64_MAX)
		return false;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFREG;
	st->st_size = (off_t)a->size;
	st->st_ino = (ino_t)a->ino;
	st->st_mtim.tv_sec = (time_t)(a->mtime / 1000000000);
	st->st_mtim.tv_nsec = (long)(a->mtime % 1000000000);
	st->st_ctim.tv_sec = (time_t)(a->ctime / 1000000000);
	st->st_ctim.tv_nsec = (long)(a->ctime % 1000000000);
	return true;
}

bool wq_cache_same_file(const wq_cache *c, const char *path)
{
	size_t i;
	const entry *a, *b;

	if (!c->have_site || !wq_strmap_get_index(c->now_by_path, path, strlen(path), &i) ||
	    i >= c->old_in.n)
		return false;
	a = &c->now.items[i];
	b = &c->old_in.items[i];
	return a->kind == 1 && b->kind == 1 && !strcmp(a->path, b->path) && a->size == b->size &&
	       a->ino == b->ino && a->mtime == b->mtime && a->ctime == b->ctime;
}

int wq_cache_last_vocab(const wq_cache *c, wq_fs_mapped *out)
{
	wq_err err = WQ_ERR_INIT;

	if (!c->have_old || !c->have_site || !c->vocab_size)
		return -1;
	if (wq_fs_map(out, c->vocab_file, &err) < 0 || out->len != c->vocab_size) {
		wq_fs_unmap(out);
		return -1;
	}
	return 0;
}

FILE *wq_cache_vocab_open(wq_cache *c)
{
	wq_buf tmp = WQ_BUF_INIT;
	FILE *f;

	memset(&c->next_vocab, 0, sizeof(c->next_vocab));
	wq_buf_printf(&tmp, "%s.new", c->vocab_file);
	f = fopen(tmp.ptr, "wb");
	wq_buf_dispose(&tmp);
	return f;
}

void wq_cache_vocab_close(wq_cache *c, FILE *f, bool ok)
{
	wq_buf tmp = WQ_BUF_INIT;

	if (!f)
		return;
	wq_buf_printf(&tmp, "%s.new", c->vocab_file);
	if (fclose(f) != 0 || !ok || rename(tmp.ptr, c->vocab_file) < 0 ||
	    stat(c->vocab_file, &c->next_vocab) < 0) {
		memset(&c->next_vocab, 0, sizeof(c->next_vocab));
		unlink(tmp.ptr);
	}
	wq_buf_dispose(&tmp);
}

void wq_cache_forget_site(wq_cache *c)
{
	free_docs(c);
	wq_fs_unmap(&c->raw);
}

const wq_cache_site *wq_cache_last_site(const wq_cache *c)
{
	return c->have_old && c->have_site ? &c->site : NULL;
}

const char *wq_cache_words_file(const wq_cache *c, uint64_t *size)
{
	*size = c->words_size;
	return c->words_file;
}

int wq_cache_counts(const wq_cache *c, size_t *counts, size_t n)
{
	size_t i;

	if (!c->have_old || c->ncounts != n)
		return -1;
	for (i = 0; i < n; i++)
		counts[i] = c->counts[i];
	return 0;
}

int wq_cache_restore(const wq_cache *c, wq_diag *diag, size_t *counts, size_t n)
{
	size_t i;

	if (!c->have_old || c->ncounts != n || !c->diag ||
	    wq_diag_load(diag, c->diag, c->diag_len) < 0)
		return -1;
	for (i = 0; i < n; i++)
		counts[i] = c->counts[i];
	return 0;
}

/* ------------------------------------------------------------ writing */

/* An input's change time as the record keeps it when the file was dated
 * after its scan began: no file has it, so the next build reads the file
 * again rather than trust its status. */
#define CTIME_NOT_KNOWN (-1)

/* An entry; @p racy_from: for an input, the time its scan began. */
static void put_entry_rec(wq_buf *b, const entry *e, bool input, int64_t racy_from)
{
	wq_rec_put_blob(b, e->path, strlen(e->path) + 1); /* with its NUL: get_list() */
	wq_rec_put_u64(b, e->size);
	wq_rec_put_u64(b, e->ino);
	wq_rec_put_u64(b, (uint64_t)e->mtime);
	if (input) {
		bool racy = e->mtime >= racy_from || e->ctime >= racy_from;
		wq_rec_put_u64(b, (uint64_t)(racy ? CTIME_NOT_KNOWN : e->ctime));
		wq_rec_put_u64(b, e->hash);
	}
	wq_rec_put_u64(b, e->kind);
}

/* A list of entries.  An input dated at or after @p racy_from (when its
 * scan began) may have changed again within the same tick of the clock
 * that dates files, after it was read, and keep the very same status
 * (sizes alike, and timestamps as coarse as a scheduler tick where the
 * kernel does not date files finer): it is recorded so that the next
 * build reads it again, as git does with its "racily clean" entries.  A
 * file dated in the future is read again by every build. */
static void put_list(wq_buf *b, const list *l, size_t n, bool input, int64_t racy_from)
{
	size_t i;

	wq_rec_put_u64(b, n);
	for (i = 0; i < n; i++)
		put_entry_rec(b, &l->items[i], input, racy_from);
}


/* The documents (none: a 0): the words and documents files as they were
 * written (wq_cache_set_site()). */
static void put_site(const wq_cache *c, wq_buf *b)
{
	if (!c->next_set) {
		wq_rec_put_u64(b, 0);
		return;
	}
	wq_rec_put_u64(b, 1);
	wq_rec_put_u64(b, (uint64_t)c->next_words.st_size);
	wq_rec_put_u64(b, (uint64_t)c->next_words.st_ino);
	wq_rec_put_u64(b, (uint64_t)ns(c->next_words.st_mtim));
	wq_rec_put_u64(b, (uint64_t)c->next_docs.st_size);
	wq_rec_put_u64(b, (uint64_t)c->next_docs.st_ino);
	wq_rec_put_u64(b, (uint64_t)ns(c->next_docs.st_mtim));
	wq_rec_put_u64(b, c->next.hash);
	wq_rec_put_u64(b, (uint64_t)c->next_vocab.st_size);
	wq_rec_put_u64(b, (uint64_t)c->next_vocab.st_ino);
	wq_rec_put_u64(b, (uint64_t)ns(c->next_vocab.st_mtim));
}

/* Write @p len bytes, or set @p rc. */
static void put_out(FILE *f, const void *p, size_t len, int *rc, const char *path, wq_err *err)
{
	if (*rc == 0 && len && fwrite(p, 1, len, f) != len)
		*rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
}

/* The file at @p path (@p size bytes as the record knows it, @p live of
 * them still used), open to add to at its end; NULL when it is not to be
 * added to (@p append false), is not that size, or has grown past twice
 * what it holds: then it is written again. */
static FILE *open_to_add(const char *path, uint64_t size, bool append, uint64_t live)
{
	struct stat st;
	FILE *f;

	if (!append || size > 2 * live + (1u << 20) || !(f = fopen(path, "r+b")))
		return NULL;
	if (fstat(fileno(f), &st) < 0 || (uint64_t)st.st_size != size ||
	    fseeko(f, (off_t)size, SEEK_SET) < 0) {
		fclose(f);
		return NULL;
	}
	return f;
}

/* Document @p d's entry in the documents file. */
static void put_doc_entry(wq_buf *b, const wq_cache_doc *d, uint64_t words_at, uint64_t words_len)
{
	wq_rec_put_blob(b, d->rel, strlen(d->rel));
	wq_rec_put_u64(b, d->text_hash);
	wq_rec_put_u64(b, d->loaded);
	wq_rec_put_u64(b, d->interface);
	wq_rec_put_blob(b, d->loaded_record, d->loaded_record_len);
	wq_rec_put_blob(b, d->record, d->record_len);
	wq_rec_put_blob(b, d->warnings, d->warnings_len);
	wq_rec_put_blob(b, d->props, strlen(d->props));
	wq_rec_put_u64(b, words_at);
	wq_rec_put_u64(b, words_len);
}

/* Whether document @p i's entry would be the last build's, byte for byte:
 * its records are the last build's (the same bytes, where they lie). */
static bool same_entry(const wq_cache *c, size_t i, const wq_cache_doc *d)
{
	const wq_cache_doc *e = &c->docs[i];

	return d->loaded_record == e->loaded_record && d->record == e->record &&
	       d->warnings == e->warnings && d->loaded_record_len == e->loaded_record_len &&
	       d->record_len == e->record_len && d->warnings_len == e->warnings_len &&
	       d->text_hash == e->text_hash && d->loaded == e->loaded &&
	       d->interface == e->interface && c->next_at[i] == e->words_at &&
	       c->next_len[i] == e->words_len && !strcmp(d->rel, e->rel) &&
	       !strcmp(d->props, e->props);
}

/* The documents file: each document's entry, then the table (the site's
 * warnings, the number of documents, each one's entry's place and length)
 * and, in the last 8 bytes, where the table starts.  An update adds at the
 * end the entries that changed and a new table, the others staying where
 * they are, until the file is twice what it holds: then it is written
 * again.  A mapping of the file never sees it cut short. */
static int write_docs(wq_cache *c, const wq_cache_docs *src, wq_err *err)
{
	wq_buf tmp = WQ_BUF_INIT, scratch = WQ_BUF_INIT, one = WQ_BUF_INIT, table = WQ_BUF_INIT;
	bool append = c->have_site && c->site.ndocs == src->n && c->entry_at;
	const char *path;
	uint64_t pos = 0, live = 0;
	FILE *f = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; append && i < c->site.ndocs; i++)
		live += c->entry_len[i];
	f = open_to_add(c->docs_file, c->dsize, append, live);
	wq_buf_printf(&tmp, "%s.new", c->docs_file);
	if (f)
		pos = c->dsize;
	else
		append = false;
	path = append ? c->docs_file : tmp.ptr;
	if (!f && !(f = fopen(tmp.ptr, "wb"))) {
		rc = wq_err_set(err, WQ_EIO, tmp.ptr, 0, 0, "cannot write: %s", strerror(errno));
		goto done;
	}
	wq_rec_put_blob(&table, src->warnings, src->warnings_len);
	wq_rec_put_u64(&table, src->n);
	for (i = 0; i < src->n && rc == 0; i++) {
		wq_cache_doc d;
		memset(&d, 0, sizeof(d));
		wq_buf_clear(&scratch);
		if (src->doc(src->ctx, i, &d, &scratch) < 0) {
			rc = wq_err_set(err, WQ_EIO, c->file, 0, 0, "cannot read a document's record back");
			break;
		}
		if (append && same_entry(c, i, &d)) {
			wq_rec_put_u64(&table, c->entry_at[i]);
			wq_rec_put_u64(&table, c->entry_len[i]);
			continue;
		}
		wq_buf_clear(&one);
		put_doc_entry(&one, &d, c->next_at[i], c->next_len[i]);
		put_out(f, one.ptr, one.len, &rc, path, err);
		wq_rec_put_u64(&table, pos);
		wq_rec_put_u64(&table, one.len);
		pos += one.len;
	}
	wq_rec_put_u64(&table, pos); /* where the table starts */
	put_out(f, table.ptr, table.len, &rc, path, err);
	if (fclose(f) != 0 && rc == 0)
		rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && !append && rename(tmp.ptr, c->docs_file) < 0)
		rc = wq_err_set(err, WQ_EIO, c->docs_file, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && stat(c->docs_file, &c->next_docs) < 0)
		rc = wq_err_set(err, WQ_EIO, c->docs_file, 0, 0, "cannot read: %s", strerror(errno));
	if (rc < 0 && !append)
		unlink(tmp.ptr);
done:
	wq_buf_dispose(&tmp);
	wq_buf_dispose(&scratch);
	wq_buf_dispose(&one);
	wq_buf_dispose(&table);
	return rc;
}

int wq_cache_set_site(wq_cache *c, const wq_cache_docs *src, wq_err *err)
{
	wq_buf one = WQ_BUF_INIT, tmp = WQ_BUF_INIT;
	uint64_t pos = 0, live = 0;
	bool append = src->same && c->have_site && c->site.ndocs == src->n;
	FILE *f = NULL;
	size_t i;
	int rc = 0;

	c->next.hash = src->hash;
	c->next_set = false;
	free(c->next_at);
	free(c->next_len);
	c->next_at = wq_xcalloc(src->n ? src->n : 1, sizeof(*c->next_at));
	c->next_len = wq_xcalloc(src->n ? src->n : 1, sizeof(*c->next_len));
	/* The words of the documents that did not change stay where they are
	 * and the others are added at the end, until the file is twice what
	 * it holds: then it is written again. */
	for (i = 0; append && i < src->n; i++)
		live += c->site.docs[i].words_len;
	wq_buf_printf(&tmp, "%s.new", c->words_file);
	f = open_to_add(c->words_file, c->words_size, append, live);
	if (f)
		pos = c->words_size;
	else
		append = false;
	if (!f && !(f = fopen(tmp.ptr, "wb")))
		rc = wq_err_set(err, WQ_EIO, tmp.ptr, 0, 0, "cannot write: %s", strerror(errno));
	for (i = 0; i < src->n && rc == 0; i++) {
		if (append && src->same[i]) {
			c->next_at[i] = c->site.docs[i].words_at;
			c->next_len[i] = c->site.docs[i].words_len;
			continue;
		}
		wq_buf_clear(&one);
		if (src->words(src->ctx, i, &one) < 0)
			rc = wq_err_set(err, WQ_EIO, c->file, 0, 0, "cannot read the search words back");
		else if (one.len && fwrite(one.ptr, 1, one.len, f) != one.len)
			rc = wq_err_set(err, WQ_EIO, c->words_file, 0, 0, "cannot write: %s",
					strerror(errno));
		c->next_at[i] = pos;
		c->next_len[i] = one.len;
		pos += one.len;
	}
	if (f && fclose(f) != 0 && rc == 0)
		rc = wq_err_set(err, WQ_EIO, c->words_file, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && !append && rename(tmp.ptr, c->words_file) < 0)
		rc = wq_err_set(err, WQ_EIO, c->words_file, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && stat(c->words_file, &c->next_words) < 0)
		rc = wq_err_set(err, WQ_EIO, c->words_file, 0, 0, "cannot read: %s", strerror(errno));
	if (rc < 0 && !append)
		unlink(tmp.ptr);
	if (rc == 0)
		rc = write_docs(c, src, err);
	c->next_set = rc == 0;
	wq_buf_dispose(&one);
	wq_buf_dispose(&tmp);
	return rc;
}

void wq_cache_set_written(wq_cache *c, char **files, size_t n, bool removed)
{
	size_t i;

	for (i = 0; i < c->nwritten; i++)
		free(c->written[i]);
	free(c->written);
	c->written = files;
	c->nwritten = n;
	c->written_known = !removed;
}

/* Stat @p rel (@p len bytes) in the output folder @p fd again, into
 * @p fresh (once: @p at maps its paths); false when it cannot be. */
static bool restat(int fd, wq_strmap *at, list *fresh, const char *rel, size_t len)
{
	struct stat st;
	entry e;
	size_t k;
	char *path;

	if (wq_strmap_get_index(at, rel, len, &k))
		return true;
	memset(&e, 0, sizeof(e));
	e.path = path = wq_xstrndup(rel, len);
	if (fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		free(path);
		return false;
	}
	put_stat(&e, &st);
	WQ_APPEND(fresh->items, fresh->n, e);
	wq_strmap_add_index(at, fresh->items[fresh->n - 1].path, len, fresh->n - 1, NULL);
	return true;
}

/* The output folder after an update in place, without walking it: the
 * last build's list (@p old), with the files the update wrote, the
 * folders that hold them and the output folder itself stat'ed again
 * (@p fresh, by path in @p at).  False when that cannot tell (a file
 * removed; one new to the folder is found when the record is written). */
static bool patched_output(const wq_cache *c, const char *output, wq_strmap *at, list *fresh)
{
	size_t i, k;
	int fd;
	bool ok;

	if (!c->written_known || !c->out_same)
		return false;
	if ((fd = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return false;
	ok = restat(fd, at, fresh, ".", 1);
	for (i = 0; i < c->nwritten && ok; i++) {
		const char *w = c->written[i];
		ok = restat(fd, at, fresh, w, strlen(w));
		for (k = strlen(w); ok && k > 0; k--)
			if (w[k - 1] == '/')
				ok = restat(fd, at, fresh, w, k - 1);
	}
	close(fd);
	return ok;
}

/* The last build's output list with @p fresh's entries in place of its
 * own; false when one of @p fresh is not in it (a file new to the
 * folder). */
static bool put_patched(wq_buf *b, const list *old, wq_strmap *at, const list *fresh)
{
	size_t i, k, found = 0;

	wq_rec_put_u64(b, old->n);
	for (i = 0; i < old->n; i++) {
		const entry *e = &old->items[i];
		if (wq_strmap_get_index(at, e->path, strlen(e->path), &k) && k < fresh->n) {
			e = &fresh->items[k];
			found++;
		}
		put_entry_rec(b, e, false, 0);
	}
	return found == fresh->n;
}

int wq_cache_save(const wq_cache *c, const char *output, const wq_diag *diag,
		  const size_t *counts, size_t n, wq_err *err)
{
	wq_buf b = WQ_BUF_INIT, d = WQ_BUF_INIT, tmp = WQ_BUF_INIT;
	list out = { NULL, 0, false }, fresh = { NULL, 0, false };
	wq_strmap *at;
	size_t mark;
	uint64_t sum;
	size_t i;
	int rc;

	wq_buf_put(&b, magic, sizeof(magic));
	wq_rec_put_str(&b, c->key);
	put_list(&b, &c->now, c->now.n, true, c->started);
	at = wq_strmap_new();
	mark = b.len;
	if (!patched_output(c, output, at, &fresh) ||
	    !put_patched(&b, &c->old_out, at, &fresh)) {
		b.len = mark;
		scan_output(&out, output);
		put_list(&b, &out, out.n, false, 0);
	}
	wq_strmap_free(at);
	list_free(&fresh);
	wq_diag_save(diag, &d);
	wq_rec_put_blob(&b, d.ptr, d.len);
	wq_rec_put_u64(&b, n);
	for (i = 0; i < n; i++)
		wq_rec_put_u64(&b, counts[i]);
	put_site(c, &b);
	sum = wq_hash_bytes(b.ptr, b.len);
	wq_rec_put_u64(&b, sum);
	wq_buf_printf(&tmp, "%s.new", c->file);
	rc = wq_fs_write(tmp.ptr, b.ptr, b.len, err);
	if (rc == 0 && rename(tmp.ptr, c->file) < 0)
		rc = wq_err_set(err, WQ_EIO, c->file, 0, 0, "cannot write the build cache: %s",
				strerror(errno));
	if (rc < 0) {
		unlink(tmp.ptr);
		unlink(c->file);
	}
	list_free(&out);
	wq_buf_dispose(&b);
	wq_buf_dispose(&d);
	wq_buf_dispose(&tmp);
	return rc;
}

void wq_cache_free(wq_cache *c)
{
	if (!c)
		return;
	list_free(&c->now);
	list_free(&c->old_in);
	list_free(&c->old_out);
	wq_fs_unmap(&c->record); /* which their paths point into */
	free(c->counts);
	free_docs(c);
	wq_fs_unmap(&c->raw);
	free(c->next_at);
	free(c->next_len);
	free(c->words_file);
	free(c->docs_file);
	free(c->vocab_file);
	wq_strmap_free(c->now_by_path);
	wq_cache_set_written(c, NULL, 0, true);
	free(c->file);
	free(c->key);
	free(c);
}
