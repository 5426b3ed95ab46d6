/* Watching folders for changes with inotify: one watch per folder, the
 * folders below a watched tree added as they appear. */
#define _GNU_SOURCE
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"

/* What a change is: a file closed after writing (not each write: a file
 * being copied is built once whole, and a log file kept open in the
 * folder is no change until it is closed), entries made, removed,
 * renamed, permissions or times changed; the folder itself removed or
 * moved. */
#define WATCH_MASK                                                                      \
	(IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

/* How a folder is added. */
enum { ADD_FOLLOW = 1, /* follow a symbolic link to it */
       ADD_REQUIRED = 2 /* failing to watch it is an error */ };

typedef struct entry {
	int wd;
	char *path;   /* where it is (canonical when added) */
	bool tree;    /* every change in it counts; its folders are watched */
	char **names; /* when not a tree: the entries that count (owned, NULL-terminated) */
	unsigned depth;
} entry;

struct wq_watch {
	int fd;
	entry *items; /* sorted by wd */
	size_t n, cap;
	char **ignored;  /* folders left out, canonical */
	char **tmp_pre;  /* the build's temporary folders beside each: "<parent>/.<base>.tmp-" */
	size_t nignored;
};

/* ------------------------------------------------------------------ */
/* The table of watches                                                */

static size_t find_slot(const wq_watch *w, int wd, bool *found)
{
	size_t lo = 0, hi = w->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->items[mid].wd == wd) {
			*found = true;
			return mid;
		}
		if (w->items[mid].wd < wd)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static void free_names(char **names)
{
	size_t i;

	for (i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

static char **copy_names(const char *const *names)
{
	size_t n = 0, i;
	char **copy;

	while (names[n])
		n++;
	copy = wq_xcalloc(n + 1, sizeof(*copy));
	for (i = 0; i < n; i++)
		copy[i] = wq_xstrdup(names[i]);
	return copy;
}

/* Record watch @p wd of @p path; a folder watched twice (a tree that holds
 * the configuration's folder) is one entry, a tree if either is. */
static entry *record(wq_watch *w, int wd, const char *path, bool tree, const char *const *names,
		     unsigned depth)
{
	bool found;
	size_t at = find_slot(w, wd, &found);
	entry *e;

	if (found) {
		e = &w->items[at];
		free(e->path);
		e->path = wq_xstrdup(path);
		if (tree) {
			e->tree = true;
			e->depth = depth < e->depth ? depth : e->depth;
		}
		if (!e->tree && !e->names && names)
			e->names = copy_names(names);
		return e;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->items = wq_xrealloc(w->items, w->cap * sizeof(*w->items));
	}
	memmove(&w->items[at + 1], &w->items[at], (w->n - at) * sizeof(*w->items));
	w->n++;
	e = &w->items[at];
	e->wd = wd;
	e->path = wq_xstrdup(path);
	e->tree = tree;
	e->names = !tree && names ? copy_names(names) : NULL;
	e->depth = depth;
	return e;
}

static void forget(wq_watch *w, int wd)
{
	bool found;
	size_t at = find_slot(w, wd, &found);

	if (!found)
		return;
	free(w->items[at].path);
	free_names(w->items[at].names);
	memmove(&w->items[at], &w->items[at + 1], (w->n - at - 1) * sizeof(*w->items));
	w->n--;
}

/* ------------------------------------------------------------------ */
/* Adding folders                                                      */

static bool has_prefix(const char *s, const char *pre)
{
	return !strncmp(s, pre, strlen(pre));
}

static bool is_ignored(const wq_watch *w, const char *path)
{
	size_t i;

	for (i = 0; i < w->nignored; i++) {
		size_t len = strlen(w->ignored[i]);
		if (!strncmp(path, w->ignored[i], len) && (path[len] == '\0' || path[len] == '/'))
			return true;
		if (has_prefix(path, w->tmp_pre[i]))
			return true;
	}
	return false;
}

static char *child_path(const char *dir, const char *name)
{
	wq_buf b = WQ_BUF_INIT;

	wq_buf_puts(&b, dir);
	if (strcmp(dir, "/"))
		wq_buf_putc(&b, '/');
	wq_buf_puts(&b, name);
	return wq_buf_detach(&b);
}

static int add_dir(wq_watch *w, const char *path, bool tree, const char *const *names,
		   unsigned depth, int flags, wq_err *err);

/* Watch the folders inside @p path (a tree's folder). */
static void add_children(wq_watch *w, const char *path, unsigned depth)
{
	DIR *d;
	const struct dirent *de;

	if (depth >= WQ_WATCH_MAX_DEPTH || !(d = opendir(path)))
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *full;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		full = child_path(path, de->d_name);
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(w, full, true, NULL, depth + 1, 0, NULL);
		free(full);
	}
	closedir(d);
}

/* Watch the named entries of @p path that are folders, whole. */
static void add_named(wq_watch *w, const char *path, const char *const *names)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		char *full = child_path(path, names[i]);
		if (wq_fs_is_dir(full))
			add_dir(w, full, true, NULL, 0, ADD_FOLLOW, NULL);
		free(full);
	}
}

static int add_dir(wq_watch *w, const char *path, bool tree, const char *const *names,
		   unsigned depth, int flags, wq_err *err)
{
	uint32_t mask = WATCH_MASK | ((flags & ADD_FOLLOW) ? 0 : IN_DONT_FOLLOW);
	entry *e;
	int wd;

	if (is_ignored(w, path))
		return 0;
	wd = inotify_add_watch(w->fd, path, mask);
	if (wd < 0) {
		if (!(flags & ADD_REQUIRED))
			return 0;
		return wq_err_set(err, WQ_EIO, path, 0, 0, "cannot watch the folder: %s%s",
				  strerror(errno),
				  errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
	}
	e = record(w, wd, path, tree, names, depth);
	if (e->tree)
		add_children(w, path, e->depth);
	else if (names)
		add_named(w, path, names);
	return 0;
}

static int add_root(wq_watch *w, const char *dir, bool tree, const char *const *names,
		    wq_err *err)
{
	char *real = realpath(dir, NULL);
	int rc;

	if (!real)
		return wq_err_set(err, WQ_EIO, dir, 0, 0, "cannot watch the folder: %s",
				  strerror(errno));
	rc = add_dir(w, real, tree, names, 0, ADD_FOLLOW | ADD_REQUIRED, err);
	free(real);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The interface                                                       */

int wq_watch_new(wq_watch **out, wq_err *err)
{
	wq_watch *w;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	*out = NULL;
	if (fd < 0)
		return wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot watch files (inotify): %s",
				  strerror(errno));
	w = wq_xcalloc(1, sizeof(*w));
	w->fd = fd;
	*out = w;
	return 0;
}

void wq_watch_free(wq_watch *w)
{
	size_t i;

	if (!w)
		return;
	close(w->fd);
	for (i = 0; i < w->n; i++) {
		free(w->items[i].path);
		free_names(w->items[i].names);
	}
	free(w->items);
	for (i = 0; i < w->nignored; i++) {
		free(w->ignored[i]);
		free(w->tmp_pre[i]);
	}
	free(w->ignored);
	free(w->tmp_pre);
	free(w);
}

int wq_watch_tree(wq_watch *w, const char *dir, wq_err *err)
{
	return add_root(w, dir, true, NULL, err);
}

int wq_watch_names(wq_watch *w, const char *dir, const char *const *names, wq_err *err)
{
	return add_root(w, dir, false, names, err);
}

void wq_watch_ignore(wq_watch *w, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	char *parent = slash ? wq_xstrndup(dir, slash == dir ? 1 : (size_t)(slash - dir))
			     : wq_xstrdup(".");
	char *parent_real = realpath(parent, NULL);
	wq_buf b = WQ_BUF_INIT;

	free(parent);
	if (!parent_real || !*base)
		goto done;
	w->ignored = wq_xrealloc(w->ignored, (w->nignored + 1) * sizeof(*w->ignored));
	w->tmp_pre = wq_xrealloc(w->tmp_pre, (w->nignored + 1) * sizeof(*w->tmp_pre));
	w->ignored[w->nignored] = child_path(parent_real, base);
	wq_buf_printf(&b, "%s%s.%s.tmp-", parent_real, strcmp(parent_real, "/") ? "/" : "", base);
	w->tmp_pre[w->nignored] = wq_buf_detach(&b);
	w->nignored++;
done:
	free(parent_real);
}

int wq_watch_fd(const wq_watch *w)
{
	return w->fd;
}

/* Editors' scratch and backup files: writing them is not a change. */
static bool is_scratch(const char *name)
{
	size_t len = strlen(name);

	return (len && name[len - 1] == '~') || has_prefix(name, ".#") ||
	       (len > 4 && (!strcmp(name + len - 4, ".swp") || !strcmp(name + len - 4, ".swx"))) ||
	       !strcmp(name, "4913");
}

static bool is_named(const entry *e, const char *name)
{
	size_t i;

	for (i = 0; e->names && e->names[i]; i++)
		if (!strcmp(e->names[i], name))
			return true;
	return false;
}

/* One event: whether it is a change, after updating the watches. */
static int handle(wq_watch *w, const struct inotify_event *ev)
{
	bool found, tree;
	size_t at;
	const entry *e;
	char *full;
	unsigned depth;
	int changed = 0;

	if (ev->mask & IN_Q_OVERFLOW) {
		/* Events were lost: look at every watched folder again for new
		 * sub-folders, and rebuild. */
		size_t i, n = w->n;
		char **paths = wq_xcalloc(n ? n : 1, sizeof(*paths));
		for (i = 0; i < n; i++)
			paths[i] = w->items[i].tree ? wq_xstrdup(w->items[i].path) : NULL;
		for (i = 0; i < n; i++) {
			if (paths[i])
				add_children(w, paths[i], 0);
			free(paths[i]);
		}
		free(paths);
		return 1;
	}
	at = find_slot(w, ev->wd, &found);
	if (!found)
		return 0;
	if (ev->mask & IN_IGNORED) {
		forget(w, ev->wd);
		return 0;
	}
	e = &w->items[at];
	if (!ev->len || !ev->name[0]) /* the folder itself: removed or moved */
		return e->tree && !is_ignored(w, e->path);
	if (is_scratch(ev->name) || (!e->tree && !is_named(e, ev->name)))
		return 0;
	/* Copied: adding a folder below may move the table. */
	tree = e->tree;
	depth = e->depth;
	full = child_path(e->path, ev->name);
	if (!is_ignored(w, full)) {
		changed = 1;
		/* A new folder, perhaps with folders in it already. */
		if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
			add_dir(w, full, true, NULL, tree ? depth + 1 : 0, tree ? 0 : ADD_FOLLOW,
				NULL);
	}
	free(full);
	return changed;
}

int wq_watch_read(wq_watch *w)
{
	/* Aligned for struct inotify_event, as inotify(7) does it. */
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changes = 0;

	for (;;) {
		ssize_t got = read(w->fd, buf, sizeof(buf));
		size_t off = 0;
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		while (off + sizeof(struct inotify_event) <= (size_t)got) {
			const struct inotify_event *ev = (const struct inotify_event *)(buf + off);
			changes += handle(w, ev);
			off += sizeof(struct inotify_event) + ev->len;
		}
	}
	return changes;
}
