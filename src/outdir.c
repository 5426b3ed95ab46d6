#define _GNU_SOURCE
#include "outdir.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "strmap.h"

struct wq_outdir {
	char *path;       /* the output folder */
	char *tmp;        /* the folder being written */
	wq_strmap *made;  /* folders made below tmp, relative paths (each made once) */
	pthread_mutex_t lock; /* over made and folders: pages are written from several threads */
	char **folders;   /* their keys, owned */
	size_t nfolders;
	int dry;          /* a check: nothing is written, tmp is NULL */
	int listing;      /* keep the paths of the files written (wq_outdir_list()) */
	char **files;     /* those paths, under lock */
	size_t nfiles;
	int old_fd;       /* the previous site's folder, or -1 */
	size_t kept;      /* files found unchanged in it (wq_outdir_kept()) */
	int patch;        /* the output is updated in place (wq_outdir_begin_patch()) */
	char **pending;   /* then: the files written in tmp, to move in place, under lock */
	size_t npending;
	char **removals;  /* and the files to remove (wq_outdir_remove()) */
	size_t nremovals;
};

/* Whether @p inner is @p outer or below it (both resolved paths). */
static int is_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	if (n == 1 && outer[0] == '/')
		return 1;
	return !strncmp(inner, outer, n) && (inner[n] == '\0' || inner[n] == '/');
}

/* A folder may be replaced if it is empty or holds a previous site: its
 * own two names are looked up, and the folder is read only as far as its
 * first entry (a site's output folder holds thousands). */
static int looks_replaceable(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct stat st;
	int empty = 1;

	if (!d)
		return 0;
	if (fstatat(dirfd(d), "index.html", &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	    fstatat(dirfd(d), ".nojekyll", &st, AT_SYMLINK_NOFOLLOW) == 0) {
		closedir(d);
		return 1;
	}
	while (empty && (de = readdir(d)) != NULL)
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}

static char *parent_of(const char *path)
{
	char *p = wq_xstrdup(path), *slash;

	while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return wq_xstrdup(".");
	}
	if (slash == p)
		slash[1] = '\0';
	else
		*slash = '\0';
	return p;
}

static void dispose(wq_outdir *od);

/* What wq_outdir_begin() and wq_outdir_begin_dry() share: @p path is
 * checked, and with @p dry nothing is made. */
static int begin(wq_outdir **out, const char *path, const char *const *protect, int dry,
		 wq_err *err)
{
	wq_outdir *od;
	char *parent = NULL, *parent_real = NULL, *out_real = NULL, *base;
	struct stat st;
	size_t i;
	int rc = WQ_EFAIL;

	*out = NULL;
	if (!*path)
		return wq_err_set(err, WQ_EUSAGE, NULL, 0, 0, "the output folder name is empty");
	parent = parent_of(path);
	parent_real = realpath(parent, NULL);
	if (!parent_real) {
		rc = wq_err_set(err, WQ_EIO, path, 0, 0, "cannot use output folder: %s does not exist",
				parent);
		goto done;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : (char *)path;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		rc = wq_err_set(err, WQ_EUSAGE, path, 0, 0,
				"the output must be a named folder, not '%s'", path);
		goto done;
	}
	{
		wq_buf b = WQ_BUF_INIT;
		wq_buf_puts(&b, parent_real);
		if (strcmp(parent_real, "/"))
			wq_buf_putc(&b, '/');
		wq_buf_puts(&b, base);
		out_real = wq_buf_detach(&b);
	}
	for (i = 0; protect && protect[i]; i++) {
		char *pr = realpath(protect[i], NULL);
		int bad = pr && (is_within(pr, out_real) || !strcmp(pr, out_real));
		free(pr);
		if (bad) {
			rc = wq_err_set(err, WQ_EUSAGE, path, 0, 0,
					"the output folder would replace %s", protect[i]);
			goto done;
		}
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
			rc = wq_err_set(err, WQ_EIO, path, 0, 0,
					"output exists and is not a folder; it is left alone");
			goto done;
		}
		if (!looks_replaceable(path)) {
			rc = wq_err_set(err, WQ_EIO, path, 0, 0,
					"output folder holds files but no site (no index.html); "
					"remove it or choose another --output");
			goto done;
		}
	}
	od = wq_xcalloc(1, sizeof(*od));
	od->old_fd = -1;
	od->path = wq_xstrdup(path);
	od->made = wq_strmap_new();
	pthread_mutex_init(&od->lock, NULL);
	if (dry) {
		od->dry = 1;
		*out = od;
		rc = 0;
		goto done;
	}
	{
		wq_buf b = WQ_BUF_INIT;
		wq_buf_printf(&b, "%s/.%s.tmp-XXXXXX", parent, base);
		od->tmp = wq_buf_detach(&b);
	}
	if (!mkdtemp(od->tmp)) {
		rc = wq_err_set(err, WQ_EIO, od->tmp, 0, 0, "cannot create the build folder: %s",
				strerror(errno));
		free(od->tmp);
		od->tmp = NULL;
		dispose(od);
		goto done;
	}
	chmod(od->tmp, 0755);
	od->old_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	*out = od;
	rc = 0;
done:
	free(parent);
	free(parent_real);
	free(out_real);
	return rc;
}

int wq_outdir_begin(wq_outdir **out, const char *path, const char *const *protect, wq_err *err)
{
	return begin(out, path, protect, 0, err);
}

int wq_outdir_begin_dry(wq_outdir **out, const char *path, const char *const *protect,
			wq_err *err)
{
	return begin(out, path, protect, 1, err);
}

int wq_outdir_begin_patch(wq_outdir **out, const char *path, const char *const *protect,
			  wq_err *err)
{
	int rc = begin(out, path, protect, 0, err);

	if (rc == 0 && *out && (*out)->old_fd < 0) {
		wq_outdir_abort(*out);
		*out = NULL;
		return wq_err_set(err, WQ_EIO, path, 0, 0, "no site to update");
	}
	if (rc == 0 && *out)
		(*out)->patch = 1;
	return rc;
}

/* openat2() refused: Linux before 5.6, or a container's seccomp profile
 * (or a tool such as valgrind) that does not know it. */
static atomic_bool no_openat2;

/* @p rel opened beneath the folder @p at as openat2() with RESOLVE_BENEATH
 * and RESOLVE_NO_SYMLINKS does, a part at a time: no part may be empty,
 * "." or "..", and none may be a symbolic link. */
static int open_by_parts(int at, const char *rel, int flags)
{
	char *path = wq_xstrdup(rel), *p = path, *slash;
	int fd = dup(at);

	while (fd >= 0) {
		struct stat st;
		bool last;
		int next;
		if ((slash = strchr(p, '/')) != NULL)
			*slash = '\0';
		last = !slash;
		if (!*p || !strcmp(p, ".") || !strcmp(p, "..")) {
			close(fd);
			fd = -1;
			errno = EXDEV;
			break;
		}
		next = openat(fd, p,
			      last ? flags | O_CLOEXEC | O_NOFOLLOW :
				     O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		/* O_PATH with O_NOFOLLOW opens a link itself: refused. */
		if (next >= 0 && (fstat(next, &st) < 0 || S_ISLNK(st.st_mode) ||
				  (!last && !S_ISDIR(st.st_mode)))) {
			close(next);
			next = -1;
			errno = ELOOP;
		}
		close(fd);
		fd = next;
		if (last)
			break;
		p = slash + 1;
	}
	free(path);
	return fd;
}

/* @p rel (relative) opened beneath the folder @p at through no symbolic
 * link, with @p flags (O_NOFOLLOW and O_CLOEXEC added); -1 and errno on
 * failure.  openat2() does it in one call where it may be used. */
static int open_beneath(int at, const char *rel, int flags)
{
	if (!atomic_load_explicit(&no_openat2, memory_order_relaxed)) {
		struct open_how how;
		int fd;
		memset(&how, 0, sizeof(how));
		how.flags = (uint64_t)(unsigned)(flags | O_CLOEXEC | O_NOFOLLOW);
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
		fd = (int)syscall(SYS_openat2, at, rel, &how, sizeof(how));
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
		atomic_store(&no_openat2, true);
	}
	return open_by_parts(at, rel, flags);
}

bool wq_outdir_has_old(const wq_outdir *od, const char *rel)
{
	int fd;

	if (od->old_fd < 0 || !wq_fs_rel_is_safe(rel, strlen(rel)))
		return false;
	fd = open_beneath(od->old_fd, rel, O_PATH);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

char **wq_outdir_old_files(const wq_outdir *od, const char *rel, size_t *n)
{
	struct dirent *e;
	char **names = NULL;
	DIR *d;
	int fd;

	*n = 0;
	if (od->old_fd < 0 || !wq_fs_rel_is_safe(rel, strlen(rel)))
		return NULL;
	fd = open_beneath(od->old_fd, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return NULL;
	if (!(d = fdopendir(fd))) {
		close(fd);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		if (e->d_type == DT_REG ||
		    (e->d_type == DT_UNKNOWN &&
		     fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		     S_ISREG(st.st_mode)))
			WQ_APPEND(names, *n, wq_xstrdup(e->d_name));
	}
	closedir(d);
	return names;
}

void wq_outdir_remove(wq_outdir *od, const char *rel)
{
	if (!od->patch || !wq_fs_rel_is_safe(rel, strlen(rel)))
		return;
	pthread_mutex_lock(&od->lock);
	WQ_APPEND(od->removals, od->nremovals, wq_xstrdup(rel));
	pthread_mutex_unlock(&od->lock);
}

void wq_outdir_keep_list(wq_outdir *od)
{
	od->listing = 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **wq_outdir_list(wq_outdir *od, size_t *n)
{
	char **list;
	size_t i, k = 0;

	pthread_mutex_lock(&od->lock);
	list = od->files;
	*n = od->nfiles;
	od->files = NULL;
	od->nfiles = 0;
	pthread_mutex_unlock(&od->lock);
	if (!*n)
		return list;
	/* In path order, each once: the order files were written in depends
	 * on the threads. */
	qsort(list, *n, sizeof(*list), cmp_str);
	for (i = 0; i < *n; i++) {
		if (k && !strcmp(list[k - 1], list[i]))
			free(list[i]);
		else
			list[k++] = list[i];
	}
	*n = k;
	return list;
}

/* Make the folders of @p full (below the build folder, whose path is its
 * first @p skip bytes) that this build has not made yet: one mkdir per
 * folder for the whole build, none for a folder already made. */
static int make_parents(wq_outdir *od, char *full, size_t skip, wq_err *err)
{
	char *end = strrchr(full, '/'), *s;
	int rc = 0;

	if (!end || (size_t)(end - full) < skip)
		return 0;
	if (wq_strmap_get(od->made, full + skip, (size_t)(end - full) - skip))
		return 0;
	for (s = full + skip; rc == 0 && s <= end; s++) {
		char c = *s, *key;
		size_t n = (size_t)(s - full) - skip;
		if (c != '/' || wq_strmap_get(od->made, full + skip, n))
			continue;
		*s = '\0';
		if (mkdir(full, 0755) < 0 && (errno != EEXIST || !wq_fs_is_dir(full)))
			rc = wq_err_set(err, WQ_EIO, full, 0, 0, "cannot create folder: %s",
					errno == EEXIST ? "a file is in the way" : strerror(errno));
		*s = c;
		if (rc < 0)
			break;
		key = wq_xstrndup(full + skip, n);
		WQ_APPEND(od->folders, od->nfolders, key);
		wq_strmap_add(od->made, key, n, key);
	}
	return rc;
}

int wq_outdir_path(char **out, wq_outdir *od, const char *rel, wq_err *err)
{
	char *full;
	int rc;

	*out = NULL;
	if (!wq_fs_rel_is_safe(rel, strlen(rel)))
		return wq_err_set(err, WQ_EINPUT, rel, 0, 0, "refusing to write outside the output folder");
	if (od->listing) {
		char *name = wq_fs_rel_normalise(rel, strlen(rel));
		pthread_mutex_lock(&od->lock);
		WQ_APPEND(od->files, od->nfiles, name);
		pthread_mutex_unlock(&od->lock);
	}
	if (od->dry)
		return 0; /* a check: nothing to write */
	full = wq_fs_join(od->tmp, rel);
	pthread_mutex_lock(&od->lock);
	rc = make_parents(od, full, strlen(od->tmp) + 1, err);
	if (rc == 0 && od->patch)
		WQ_APPEND(od->pending, od->npending, wq_fs_rel_normalise(rel, strlen(rel)));
	pthread_mutex_unlock(&od->lock);
	if (rc < 0) {
		free(full);
		return rc;
	}
	*out = full;
	return 0;
}

const char *wq_outdir_folder(const wq_outdir *od)
{
	return od->tmp;
}

/* The previous site's file at @p rel, open, when it holds exactly @p data;
 * else -1.  It is opened beneath the previous site's folder through no
 * symbolic link, so that what is kept is a file of that site. */
static int open_same_old(const wq_outdir *od, const char *rel, const char *data, size_t len)
{
	struct stat st;
	char chunk[65536];
	size_t at = 0;
	ssize_t got;
	int fd;

	if (od->old_fd < 0)
		return -1;
	fd = open_beneath(od->old_fd, rel, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		goto differs;
	while (at < len && (got = read(fd, chunk, sizeof(chunk))) > 0) {
		if ((size_t)got > len - at || memcmp(chunk, data + at, (size_t)got))
			goto differs;
		at += (size_t)got;
	}
	if (at == len)
		return fd;
differs:
	close(fd);
	return -1;
}

/* A file the previous site has, byte for byte, is kept: linked into the
 * new folder, with its date.  Tools that send a site by size and date
 * (rsync, cloud storage sync) then send only what changed, and the old
 * site's removal frees only what the new one no longer has. */
static bool keep_old(wq_outdir *od, const char *rel, const char *full, const char *data,
		     size_t len)
{
	char proc[64];
	int fd = open_same_old(od, rel, data, len);
	bool kept;

	if (fd < 0)
		return false;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	kept = linkat(AT_FDCWD, proc, AT_FDCWD, full, AT_SYMLINK_FOLLOW) == 0;
	close(fd);
	if (kept) {
		pthread_mutex_lock(&od->lock);
		od->kept++;
		pthread_mutex_unlock(&od->lock);
	}
	return kept;
}

int wq_outdir_write(wq_outdir *od, const char *rel, const char *data, size_t len, wq_err *err)
{
	char *full;
	int rc;

	if (od->patch && !od->dry) {
		/* In place: a file that holds these bytes already stays. */
		int fd = open_same_old(od, rel, data, len);
		if (fd >= 0) {
			close(fd);
			pthread_mutex_lock(&od->lock);
			od->kept++;
			pthread_mutex_unlock(&od->lock);
			return 0;
		}
	}
	if ((rc = wq_outdir_path(&full, od, rel, err)) < 0 || !full)
		return rc;
	if (od->patch || !keep_old(od, rel, full, data, len))
		rc = wq_fs_write(full, data, len, err);
	free(full);
	return rc;
}

int wq_outdir_copy(wq_outdir *od, const char *rel, const char *src, wq_err *err)
{
	wq_buf data = WQ_BUF_INIT;
	int rc;

	if (od->dry) {
		char *none;
		if ((rc = wq_outdir_path(&none, od, rel, err)) < 0)
			return rc;
		if (access(src, R_OK) < 0)
			return wq_err_set(err, WQ_EIO, src, 0, 0, "cannot read: %s", strerror(errno));
		return 0;
	}
	if ((rc = wq_fs_read(&data, src, err)) == 0)
		rc = wq_outdir_write(od, rel, data.len ? data.ptr : "", data.len, err);
	wq_buf_dispose(&data);
	return rc;
}

char **wq_outdir_changes(const wq_outdir *od, size_t *n, bool *removed)
{
	char **list = wq_xcalloc(od->npending ? od->npending : 1, sizeof(*list));
	size_t i;

	for (i = 0; i < od->npending; i++)
		list[i] = wq_xstrdup(od->pending[i]);
	*n = od->npending;
	*removed = od->nremovals > 0;
	return list;
}

size_t wq_outdir_written(const wq_outdir *od)
{
	return od->npending;
}

size_t wq_outdir_kept(const wq_outdir *od)
{
	return od->kept;
}

static void dispose(wq_outdir *od)
{
	size_t i;

	for (i = 0; i < od->nfolders; i++)
		free(od->folders[i]);
	free(od->folders);
	for (i = 0; i < od->nfiles; i++)
		free(od->files[i]);
	free(od->files);
	for (i = 0; i < od->npending; i++)
		free(od->pending[i]);
	free(od->pending);
	for (i = 0; i < od->nremovals; i++)
		free(od->removals[i]);
	free(od->removals);
	wq_strmap_free(od->made);
	if (od->old_fd >= 0)
		close(od->old_fd);
	if (od->made)
		pthread_mutex_destroy(&od->lock);
	free(od->path);
	free(od->tmp);
	free(od);
}

/* The folder @p dir (relative) of the output folder, open, reached
 * through no symbolic link; made when missing.  -1 on failure. */
static int open_folder_beneath(int root, const char *dir)
{
	char *path = wq_xstrdup(dir), *p = path, *slash;
	int fd = dup(root);

	while (fd >= 0 && *p) {
		int next;
		if ((slash = strchr(p, '/')) != NULL)
			*slash = '\0';
		next = open_beneath(fd, p, O_RDONLY | O_DIRECTORY);
		if (next < 0 && errno == ENOENT && mkdirat(fd, p, 0755) == 0)
			next = open_beneath(fd, p, O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = next;
		if (!slash)
			break;
		p = slash + 1;
	}
	free(path);
	return fd;
}

/* Split @p rel at its last '/': the folder ("" at the top) and the name. */
static char *split_rel(const char *rel, const char **name)
{
	const char *slash = strrchr(rel, '/');

	*name = slash ? slash + 1 : rel;
	return wq_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
}

/* An update in place: the files written are moved into the output folder,
 * each by one rename (a reader sees the old file or the new one), then
 * the files no longer made are removed.  Every folder is opened first,
 * so that a folder that cannot be reached changes nothing. */
static int commit_patch(wq_outdir *od, wq_err *err)
{
	int *dirs = wq_xcalloc(od->npending ? od->npending : 1, sizeof(*dirs));
	size_t i, opened = 0;
	int rc = 0;

	for (i = 0; i < od->npending && rc == 0; i++, opened++) {
		const char *name;
		char *dir = split_rel(od->pending[i], &name);
		if ((dirs[i] = open_folder_beneath(od->old_fd, dir)) < 0)
			rc = wq_err_set(err, WQ_EIO, od->path, 0, 0, "cannot update '%s': %s",
					od->pending[i], strerror(errno));
		free(dir);
	}
	for (i = 0; i < od->npending && rc == 0; i++) {
		const char *name;
		char *dir = split_rel(od->pending[i], &name), *from = wq_fs_join(od->tmp, od->pending[i]);
		if (renameat(AT_FDCWD, from, dirs[i], name) < 0)
			rc = wq_err_set(err, WQ_EIO, od->path, 0, 0, "cannot update '%s': %s",
					od->pending[i], strerror(errno));
		free(from);
		free(dir);
	}
	for (i = 0; i < opened; i++)
		if (dirs[i] >= 0)
			close(dirs[i]);
	free(dirs);
	for (i = 0; i < od->nremovals && rc == 0; i++) {
		const char *name;
		char *dir = split_rel(od->removals[i], &name);
		int fd = *dir ? open_beneath(od->old_fd, dir, O_RDONLY | O_DIRECTORY) :
				dup(od->old_fd);
		if (fd >= 0) {
			unlinkat(fd, name, 0);
			close(fd);
		}
		free(dir);
	}
	wq_fs_remove_tree(od->tmp, NULL);
	dispose(od);
	return rc;
}

int wq_outdir_commit(wq_outdir *od, wq_err *err)
{
	int rc = 0;

	if (od->dry) {
		dispose(od);
		return 0;
	}
	if (od->patch)
		return commit_patch(od, err);
	if (!wq_fs_is_dir(od->path)) {
		if (rename(od->tmp, od->path) < 0) {
			rc = wq_err_set(err, WQ_EIO, od->path, 0, 0, "cannot move the new site in place: %s",
					strerror(errno));
			wq_fs_remove_tree(od->tmp, NULL);
		}
		dispose(od);
		return rc;
	}
	/* Atomic exchange: readers see the old site or the new one, never half. */
	if (renameat2(AT_FDCWD, od->tmp, AT_FDCWD, od->path, RENAME_EXCHANGE) == 0) {
		rc = wq_fs_remove_tree(od->tmp, err);
		dispose(od);
		return rc;
	}
	{
		wq_buf old = WQ_BUF_INIT;
		wq_buf_printf(&old, "%s.old", od->tmp);
		if (rename(od->path, old.ptr) < 0 || rename(od->tmp, od->path) < 0) {
			rc = wq_err_set(err, WQ_EIO, od->path, 0, 0, "cannot replace the old site: %s",
					strerror(errno));
			if (!wq_fs_is_dir(od->path))
				rename(old.ptr, od->path);
			wq_fs_remove_tree(od->tmp, NULL);
		} else {
			rc = wq_fs_remove_tree(old.ptr, err);
		}
		wq_buf_dispose(&old);
	}
	dispose(od);
	return rc;
}

void wq_outdir_abort(wq_outdir *od)
{
	if (!od)
		return;
	if (od->tmp)
		wq_fs_remove_tree(od->tmp, NULL);
	dispose(od);
}
