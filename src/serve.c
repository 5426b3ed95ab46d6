/* The preview server: libmicrohttpd (one thread per connection) over the
 * output folder, a watcher over the sources, and reload events. */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "buf.h"
#include "fsutil.h"
#include "mem.h"
#include "url.h"
#include "watch.h"

#ifndef WQ_THEMES_DIR
#define WQ_THEMES_DIR "themes"
#endif

/* A change is built once nothing more changed for this long... */
#define QUIET_MS 100
/* ...or, while something keeps writing, once this long has passed. */
#define MAX_WAIT_MS 2000
/* Seconds a connection may stay idle before it is closed. */
#define IDLE_TIMEOUT 60

struct wq_serve {
	char *output;              /* the folder served, as given */
	struct MHD_Daemon *daemon;
	wq_watch *watch;
	int sigfd;                 /* SIGINT and SIGTERM, read by wq_serve_wait() */
	sigset_t oldmask;          /* the signal mask before wq_serve_start() */
	unsigned port;
	pthread_mutex_t lock;      /* over what follows */
	pthread_cond_t cond;       /* a build was published, or the server stops */
	unsigned long gen;         /* builds published */
	unsigned long run;         /* this run of the server: tells its pages from an
				      earlier run's, which reload when it starts */
	bool stopping;
	char *error;               /* the last build's errors, or NULL */
};

/* ------------------------------------------------------------------ */
/* Paths and types                                                     */

typedef struct mime {
	const char *ext;
	const char *type;
} mime;

static const mime mimes[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "htm", "text/html; charset=utf-8" },
	{ "xhtml", "application/xhtml+xml; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "map", "application/json" },
	{ "webmanifest", "application/manifest+json" },
	{ "xml", "application/xml; charset=utf-8" },
	{ "xsl", "application/xml; charset=utf-8" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "md", "text/plain; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "avif", "image/avif" },
	{ "ico", "image/x-icon" },
	{ "woff2", "font/woff2" },
	{ "woff", "font/woff" },
	{ "ttf", "font/ttf" },
	{ "otf", "font/otf" },
	{ "epub", "application/epub+zip" },
	{ "opf", "application/oebps-package+xml" },
	{ "ncx", "application/x-dtbncx+xml" },
	{ "pdf", "application/pdf" },
	{ "wasm", "application/wasm" },
};

static const char *type_of(const char *path, bool *html)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	size_t i;

	*html = false;
	if (!dot)
		return "application/octet-stream";
	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
		if (!strcasecmp(dot + 1, mimes[i].ext)) {
			*html = i < 2; /* the first two: html, htm */
			return mimes[i].type;
		}
	return "application/octet-stream";
}

/* The request path (still %-encoded) as a relative path below the output
 * folder: decoded, '.' and empty parts dropped.  Returns 0, or the HTTP
 * status that refuses it: 400 (bad encoding, a NUL byte) or 403 (a '..'
 * part, encoded or not). */
static unsigned decode_path(wq_buf *rel, const char *url)
{
	wq_buf dec = WQ_BUF_INIT;
	const char *p, *seg;
	unsigned status = 0;

	for (p = url; *p; p++) {
		char c = *p;
		if (c == '%') {
			int hi = wq_url_hex_value(p[1]), lo = hi < 0 ? -1 : wq_url_hex_value(p[2]);
			if (lo < 0) {
				status = MHD_HTTP_BAD_REQUEST;
				goto done;
			}
			c = (char)(hi * 16 + lo);
			p += 2;
			if (c == '\0') {
				status = MHD_HTTP_BAD_REQUEST;
				goto done;
			}
		}
		wq_buf_putc(&dec, c);
	}
	for (seg = wq_buf_cstr(&dec); *seg;) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			status = MHD_HTTP_FORBIDDEN;
			goto done;
		}
		if (len && !(len == 1 && seg[0] == '.')) {
			if (rel->len)
				wq_buf_putc(rel, '/');
			wq_buf_put(rel, seg, len);
		}
		seg += len + (end ? 1 : 0);
	}
done:
	wq_buf_dispose(&dec);
	return status;
}

/* @p rel %-encoded again for a Location header: always one leading '/'. */
static void encode_path(wq_buf *out, const char *rel)
{
	static const char keep[] = "-._~!$&'()*+,;=:@/";
	const unsigned char *p;

	wq_buf_putc(out, '/');
	for (p = (const unsigned char *)rel; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(keep, *p))
			wq_buf_putc(out, (char)*p);
		else
			wq_buf_printf(out, "%%%02X", *p);
	}
}

static bool is_within(const char *path, const char *root)
{
	size_t len = strlen(root);

	return !strncmp(path, root, len) && (path[len] == '\0' || path[len] == '/');
}

/* The output folder's real path.  A build swaps the new site in with one
 * rename (an atomic exchange where the file system has one); where it
 * takes two, the folder is briefly missing: wait for it a little. */
static char *root_real(const wq_serve *srv)
{
	int tries;

	for (tries = 0; tries < 10; tries++) {
		char *real = realpath(srv->output, NULL);
		const struct timespec pause = { 0, 20L * 1000 * 1000 };
		if (real || errno != ENOENT)
			return real;
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/* Open @p path if it really is inside @p root (symbolic links resolved).
 * Returns the descriptor, or -1 with *status 404 (missing) or 403. */
static int open_inside(const char *root, const char *path, struct stat *st, unsigned *status)
{
	char *real = realpath(path, NULL);
	int fd;

	*status = MHD_HTTP_NOT_FOUND;
	if (!real) {
		if (errno == EACCES || errno == ELOOP)
			*status = MHD_HTTP_FORBIDDEN;
		return -1;
	}
	if (!is_within(real, root)) {
		free(real);
		*status = MHD_HTTP_FORBIDDEN;
		return -1;
	}
	/* O_NOFOLLOW: the last part cannot have become a link since. */
	fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(real);
	if (fd < 0) {
		if (errno == EACCES || errno == ELOOP)
			*status = MHD_HTTP_FORBIDDEN;
		return -1;
	}
	if (fstat(fd, st) < 0 || (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static enum MHD_Result send_response(struct MHD_Connection *c, unsigned status,
				     struct MHD_Response *r, const char *type)
{
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* A preview: never cached, always the file as it is now. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);

	return send_response(c, status, r, "text/plain; charset=utf-8");
}

/* Where @p tag (lower case) first or last starts in @p page, any case;
 * @p len when it is not there. */
static size_t find_tag(const char *page, size_t len, const char *tag, bool last)
{
	size_t n = strlen(tag), i, found = len;

	for (i = 0; n <= len && i <= len - n; i++)
		if (!strncasecmp(page + i, tag, n)) {
			found = i;
			if (!last)
				break;
		}
	return found;
}

/* Before the page's last </body> (or at its end): the build's errors when
 * the last build failed, and the script that reloads the page after the
 * next build.  With @p at_root (the 404 page, sent for any path), a
 * <base href="/"> after <head>, so that its relative links work from
 * there too. */
static void inject(wq_buf *out, const char *page, size_t len, wq_serve *srv, bool at_root)
{
	size_t at = find_tag(page, len, "</body", true), head = len;
	unsigned long gen, run;

	if (at_root && find_tag(page, len, "<base", false) == len) {
		size_t i = find_tag(page, len, "<head", false) + 5;
		/* Just after the '>' of <head> or <head ...>, not <header>. */
		if (i < at && i < len && (page[i] == '>' || page[i] == ' ')) {
			while (i < at && i < len && page[i] != '>')
				i++;
			if (i < at)
				head = i + 1;
		}
	}
	if (head < at) {
		wq_buf_put(out, page, head);
		wq_buf_puts(out, "<base href=\"/\">");
		wq_buf_put(out, page + head, at - head);
	} else {
		wq_buf_put(out, page, at);
	}
	pthread_mutex_lock(&srv->lock);
	gen = srv->gen;
	run = srv->run;
	if (srv->error) {
		wq_buf_puts(out,
			    "<div id=\"warraq-error\" role=\"alert\" dir=\"ltr\" lang=\"en\" style=\""
			    "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;"
			    "overflow:auto;margin:0;padding:1em 1.5em;background:#fff4f4;color:#600;"
			    "border-bottom:4px solid #c00;font:14px/1.5 ui-monospace,monospace;"
			    "white-space:pre-wrap;text-align:left;box-shadow:0 4px 16px #0004\">"
			    "<strong>warraq: the build failed; this is the last good site.</strong>\n");
		wq_buf_put_escaped(out, srv->error, strlen(srv->error));
		wq_buf_puts(out, "</div>");
	}
	pthread_mutex_unlock(&srv->lock);
	wq_buf_printf(out,
		      "<script>/* added by warraq serve, not in the site */(function(){"
		      "if(!window.EventSource)return;"
		      "var s=new EventSource(\"" WQ_SERVE_EVENTS "?since=%lx.%lu\");"
		      "s.addEventListener(\"reload\",function(){s.close();location.reload();});"
		      "})();</script>",
		      run, gen);
	wq_buf_put(out, page + at, len - at);
}

static enum MHD_Result send_html(struct MHD_Connection *c, unsigned status, wq_serve *srv,
				 const char *page, size_t len)
{
	wq_buf out = WQ_BUF_INIT;
	size_t n;

	inject(&out, page, len, srv, status == MHD_HTTP_NOT_FOUND);
	n = out.len;
	return send_response(c, status,
			     MHD_create_response_from_buffer(n, wq_buf_detach(&out),
							     MHD_RESPMEM_MUST_FREE),
			     "text/html; charset=utf-8");
}

/* Send the open file @p fd (taken over). */
static enum MHD_Result send_file(struct MHD_Connection *c, unsigned status, wq_serve *srv,
				 int fd, const struct stat *st, const char *path)
{
	bool html;
	const char *type = type_of(path, &html);
	wq_buf page = WQ_BUF_INIT;
	enum MHD_Result ok;

	if (!html || (uint64_t)st->st_size > WQ_SERVE_MAX_HTML)
		return send_response(c, status,
				     MHD_create_response_from_fd64((uint64_t)st->st_size, fd), type);
	wq_buf_grow(&page, (size_t)st->st_size);
	for (;;) {
		ssize_t got;
		wq_buf_grow(&page, 65536);
		got = read(fd, page.ptr + page.len, 65536);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			wq_buf_dispose(&page);
			return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the file\n");
		}
		if (got == 0 || page.len + (size_t)got > WQ_SERVE_MAX_HTML)
			break;
		page.len += (size_t)got;
	}
	close(fd);
	ok = send_html(c, status, srv, wq_buf_cstr(&page), page.len);
	wq_buf_dispose(&page);
	return ok;
}

/* 404: the site's own 404.html; without one, a short page that still
 * reloads (and shows the errors, before any build succeeded). */
static enum MHD_Result send_not_found(struct MHD_Connection *c, wq_serve *srv, const char *root)
{
	static const char page[] = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				   "<title>Not found</title></head>\n<body><h1>Not found</h1>\n"
				   "<p>There is no such page (yet).</p>\n</body></html>\n";

	if (root) {
		struct stat st;
		unsigned status;
		char *path = wq_fs_join(root, "404.html");
		int fd = open_inside(root, path, &st, &status);
		free(path);
		if (fd >= 0 && S_ISREG(st.st_mode))
			return send_file(c, MHD_HTTP_NOT_FOUND, srv, fd, &st, "404.html");
		if (fd >= 0)
			close(fd);
	}
	return send_html(c, MHD_HTTP_NOT_FOUND, srv, page, sizeof(page) - 1);
}

static enum MHD_Result send_path(struct MHD_Connection *c, wq_serve *srv, const char *url,
				 const char *rel)
{
	char *root = root_real(srv), *path = NULL;
	struct stat st;
	unsigned status = MHD_HTTP_NOT_FOUND;
	enum MHD_Result ok;
	int fd = -1;

	if (!root)
		return send_not_found(c, srv, NULL);
	path = *rel ? wq_fs_join(root, rel) : wq_xstrdup(root);
	fd = open_inside(root, path, &st, &status);
	if (fd >= 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		if (url[strlen(url) - 1] != '/') {
			/* /dir → /dir/, so that the page's relative links work. */
			wq_buf loc = WQ_BUF_INIT;
			struct MHD_Response *r = MHD_create_response_from_buffer(
				0, NULL, MHD_RESPMEM_PERSISTENT);
			encode_path(&loc, rel);
			wq_buf_putc(&loc, '/');
			if (r)
				MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, wq_buf_cstr(&loc));
			wq_buf_dispose(&loc);
			ok = send_response(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
			goto done;
		}
		{
			char *index = wq_fs_join(path, "index.html");
			free(path);
			path = index;
		}
		fd = open_inside(root, path, &st, &status);
		if (fd >= 0 && !S_ISREG(st.st_mode)) {
			close(fd);
			fd = -1;
			status = MHD_HTTP_NOT_FOUND;
		}
	}
	if (fd >= 0)
		ok = send_file(c, MHD_HTTP_OK, srv, fd, &st, path);
	else if (status == MHD_HTTP_FORBIDDEN)
		ok = send_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n");
	else
		ok = send_not_found(c, srv, root);
done:
	free(path);
	free(root);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Reload events                                                       */

typedef struct stream {
	wq_serve *srv;
	unsigned long seen; /* the last build this page knows of */
	bool stale;         /* the page is from an earlier run of the server */
	bool greeted;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	stream *s = cls;
	wq_serve *srv = s->srv;
	struct timespec until;
	int n;

	(void)pos;
	if (max < 64)
		return 0; /* called again once the buffer has room */
	if (!s->greeted) {
		s->greeted = true;
		return snprintf(buf, max, "retry: 1000\n: warraq serve\n\n");
	}
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += WQ_SERVE_KEEPALIVE;
	pthread_mutex_lock(&srv->lock);
	while (!srv->stopping && srv->gen == s->seen && !s->stale)
		if (pthread_cond_timedwait(&srv->cond, &srv->lock, &until) == ETIMEDOUT)
			break;
	if (srv->stopping) {
		pthread_mutex_unlock(&srv->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (srv->gen != s->seen || s->stale) {
		s->seen = srv->gen;
		s->stale = false;
		pthread_mutex_unlock(&srv->lock);
		n = snprintf(buf, max, "event: reload\ndata: %lu\n\n", s->seen);
		return n;
	}
	pthread_mutex_unlock(&srv->lock);
	return snprintf(buf, max, ": keep-alive\n\n");
}

static enum MHD_Result send_events(struct MHD_Connection *c, wq_serve *srv)
{
	const char *since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
	stream *s = wq_xcalloc(1, sizeof(*s));
	struct MHD_Response *r;

	s->srv = srv;
	pthread_mutex_lock(&srv->lock);
	s->seen = srv->gen;
	if (since && *since) {
		/* The page was sent by run R after build N ("R.N", hex and
		 * decimal): a build since then, or another run, reloads it at
		 * once. */
		char *end;
		unsigned long run = strtoul(since, &end, 16), n = 0;
		if (*end == '.' && end[1]) {
			const char *num = end + 1;
			n = strtoul(num, &end, 10);
		}
		if (*end || run != srv->run)
			s->stale = true;
		else if (n < srv->gen)
			s->seen = n;
	}
	pthread_mutex_unlock(&srv->lock);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, s, free);
	if (!r) {
		free(s);
		return MHD_NO;
	}
	MHD_add_response_header(r, "X-Accel-Buffering", "no");
	return send_response(c, MHD_HTTP_OK, r, "text/event-stream");
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */

/* Keep the request path %-encoded: decode_path() decodes it, and sees an
 * encoded NUL byte or '/' for what it is. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **state)
{
	wq_serve *srv = cls;
	wq_buf rel = WQ_BUF_INIT;
	unsigned status;
	enum MHD_Result ok;

	(void)version;
	(void)upload_data;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD)) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
			strlen("method not allowed\n"), (void *)"method not allowed\n",
			MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		return send_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r, "text/plain; charset=utf-8");
	}
	if (!*state) {
		/* First call: headers only.  Answer on the next one. */
		*state = srv;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0; /* a GET with a body: the body is ignored */
		return MHD_YES;
	}
	if (strlen(url) > WQ_SERVE_MAX_PATH)
		return send_text(c, MHD_HTTP_URI_TOO_LONG, "request path too long\n");
	if (url[0] != '/')
		return send_text(c, MHD_HTTP_BAD_REQUEST, "bad request path\n");
	if (!strcmp(url, WQ_SERVE_EVENTS))
		return send_events(c, srv);
	status = decode_path(&rel, url);
	if (status == MHD_HTTP_FORBIDDEN)
		ok = send_text(c, status, "forbidden\n");
	else if (status)
		ok = send_text(c, status, "bad request path\n");
	else
		ok = send_path(c, srv, url, wq_buf_cstr(&rel));
	wq_buf_dispose(&rel);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Starting and stopping                                               */

/* A socket listening on @p bind_addr:@p port, in *fd. */
static int listen_on(int *fd, const char *bind_addr, unsigned port, bool *v6, wq_err *err)
{
	struct addrinfo hints, *res = NULL, *ai;
	char service[16];
	int gai, saved = 0;

	*fd = -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(service, sizeof(service), "%u", port);
	if ((gai = getaddrinfo(bind_addr, service, &hints, &res)) != 0)
		return wq_err_set(err, WQ_EUSAGE, NULL, 0, 0, "cannot listen on '%s': %s", bind_addr,
				  gai_strerror(gai));
	for (ai = res; ai; ai = ai->ai_next) {
		int one = 1;
		*fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (*fd < 0) {
			saved = errno;
			continue;
		}
		/* Restarting at once must not wait for the old connections'
		 * TIME_WAIT; a port another program listens on stays refused. */
		setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (ai->ai_family == AF_INET6)
			setsockopt(*fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
		if (bind(*fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(*fd, 64) == 0) {
			*v6 = ai->ai_family == AF_INET6;
			break;
		}
		saved = errno;
		close(*fd);
		*fd = -1;
	}
	freeaddrinfo(res);
	if (*fd >= 0)
		return 0;
	if (saved == EADDRINUSE)
		return wq_err_set(err, WQ_EIO, NULL, 0, 0, "port %u is in use: try --port N", port);
	return wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot listen on %s port %u: %s", bind_addr,
			  port, strerror(saved));
}

static unsigned port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	memset(&ss, 0, sizeof(ss));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* The folder of the configuration file. */
static char *config_folder(const char *config)
{
	const char *slash = strrchr(config, '/');

	if (!slash)
		return wq_xstrdup(".");
	return wq_xstrndup(config, slash == config ? 1 : (size_t)(slash - config));
}

static int watch_all(wq_serve *srv, const wq_serve_opts *opts, wq_err *err)
{
	const char *slash = strrchr(opts->config, '/');
	const char *names[] = { slash ? slash + 1 : opts->config, "layouts", "assets", "i18n",
				"themes", NULL };
	char *folder = config_folder(opts->config);
	int rc = WQ_EFAIL;

	if ((rc = wq_watch_new(&srv->watch, err)) < 0)
		goto done;
	wq_watch_ignore(srv->watch, opts->output);
	if ((rc = wq_watch_tree(srv->watch, opts->source, err)) < 0)
		goto done;
	if ((rc = wq_watch_names(srv->watch, folder, names, err)) < 0)
		goto done;
	/* The themes installed with warraq (themes/<name>/ beside the
	 * configuration is watched above). */
	if (wq_fs_is_dir(WQ_THEMES_DIR) && (rc = wq_watch_tree(srv->watch, WQ_THEMES_DIR, err)) < 0)
		goto done;
	rc = 0;
done:
	free(folder);
	return rc;
}

int wq_serve_start(wq_serve **out, const wq_serve_opts *opts, wq_err *err)
{
	wq_serve *srv;
	sigset_t set;
	pthread_condattr_t attr;
	bool v6 = false;
	int fd, rc = WQ_EFAIL;
	unsigned flags;

	*out = NULL;
	srv = wq_xcalloc(1, sizeof(*srv));
	srv->output = wq_xstrdup(opts->output);
	srv->sigfd = -1;
	{
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		srv->run = ((unsigned long)ts.tv_sec * 1000003UL) ^ (unsigned long)ts.tv_nsec ^
			   ((unsigned long)getpid() << 20);
	}
	pthread_mutex_init(&srv->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&srv->cond, &attr);
	pthread_condattr_destroy(&attr);

	/* SIGINT and SIGTERM are read from a descriptor, blocked in every
	 * thread (those started from now on inherit the mask); SIGPIPE too,
	 * for a browser that closes a connection mid-answer. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &srv->oldmask);
	sigdelset(&set, SIGPIPE);
	srv->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (srv->sigfd < 0) {
		rc = wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot receive signals: %s", strerror(errno));
		goto fail;
	}
	if ((rc = watch_all(srv, opts, err)) < 0)
		goto fail;
	if ((rc = listen_on(&fd, opts->bind, opts->port, &v6, err)) < 0)
		goto fail;
	srv->port = port_of(fd);
	flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
	if (v6)
		flags |= MHD_USE_IPv6;
	srv->daemon = MHD_start_daemon(
		flags, (uint16_t)srv->port, NULL, NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)WQ_SERVE_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)IDLE_TIMEOUT, MHD_OPTION_END);
	if (!srv->daemon) {
		close(fd);
		rc = wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot start the server on %s port %u",
				opts->bind, srv->port);
		goto fail;
	}
	*out = srv;
	return 0;
fail:
	wq_serve_free(srv);
	return rc;
}

unsigned wq_serve_port(const wq_serve *srv)
{
	return srv->port;
}

void wq_serve_publish(wq_serve *srv, const char *error)
{
	pthread_mutex_lock(&srv->lock);
	free(srv->error);
	srv->error = error ? wq_xstrdup(error) : NULL;
	srv->gen++;
	pthread_cond_broadcast(&srv->cond);
	pthread_mutex_unlock(&srv->lock);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read whatever signals wait; whether there was one. */
static bool take_signals(int fd)
{
	struct signalfd_siginfo si;
	bool any = false;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		any = true;
	return any;
}

int wq_serve_wait(wq_serve *srv, wq_err *err)
{
	struct pollfd fds[2];
	long long first = 0, last = 0;
	bool pending = false;

	fds[0].fd = wq_watch_fd(srv->watch);
	fds[0].events = POLLIN;
	fds[1].fd = srv->sigfd;
	fds[1].events = POLLIN;
	for (;;) {
		int timeout = -1, r;
		if (pending) {
			long long now = now_ms(), quiet = last + QUIET_MS - now,
				  limit = first + MAX_WAIT_MS - now;
			long long left = quiet < limit ? quiet : limit;
			timeout = left < 0 ? 0 : (int)left;
		}
		r = poll(fds, 2, timeout);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return wq_err_set(err, WQ_EIO, NULL, 0, 0, "cannot wait for changes: %s",
					  strerror(errno));
		if ((fds[1].revents & POLLIN) && take_signals(srv->sigfd))
			return 0;
		if (r == 0)
			return 1;
		if ((fds[0].revents & POLLIN) && wq_watch_read(srv->watch) > 0) {
			last = now_ms();
			if (!pending)
				first = last;
			pending = true;
		}
		if (pending && now_ms() - first >= MAX_WAIT_MS)
			return 1;
	}
}

void wq_serve_free(wq_serve *srv)
{
	if (!srv)
		return;
	/* Wake every event stream so that it ends, then stop the daemon,
	 * which joins the connections' threads. */
	pthread_mutex_lock(&srv->lock);
	srv->stopping = true;
	pthread_cond_broadcast(&srv->cond);
	pthread_mutex_unlock(&srv->lock);
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	wq_watch_free(srv->watch);
	if (srv->sigfd >= 0) {
		/* A signal not yet read would be delivered on unblocking. */
		take_signals(srv->sigfd);
		close(srv->sigfd);
	}
	pthread_sigmask(SIG_SETMASK, &srv->oldmask, NULL);
	pthread_cond_destroy(&srv->cond);
	pthread_mutex_destroy(&srv->lock);
	free(srv->error);
	free(srv->output);
	free(srv);
}
