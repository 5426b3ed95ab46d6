/**
 * @file serve.h
 * @brief `warraq serve`: a preview server over the build's output folder
 * (libmicrohttpd), which watches the sources and reloads open pages.
 *
 * The caller builds, then tells the server with wq_serve_publish(), then
 * waits with wq_serve_wait() for a change of the sources, configuration or
 * theme (or for Ctrl-C), and builds again:
 *
 *     wq_serve_start(&srv, &opts, &err);
 *     do {
 *             rc = wq_build_run(...);
 *             wq_serve_publish(srv, rc < 0 ? "the errors" : NULL);
 *     } while (wq_serve_wait(srv, &err) > 0);
 *     wq_serve_free(srv);
 *
 * Files are read from disk on each request, so the server always gives
 * what the last successful build left there.  HTML pages get a small
 * script, added as they are sent, that reloads them after each build
 * (server-sent events from `/__warraq/events`); after a failed build they
 * also get the build's errors in a box above the page.  Nothing is added
 * to the files on disk.  Only GET and HEAD are answered; a request cannot
 * reach a file outside the output folder (`..`, encoded or not, and
 * symbolic links that lead out are refused).
 *
 * While the server runs, SIGINT and SIGTERM are blocked in every thread
 * and received by wq_serve_wait() instead (which then returns 0).
 */
#ifndef WQ_SERVE_H
#define WQ_SERVE_H

#include "err.h"

/** The path of the server-sent events stream the reload script listens to. */
#define WQ_SERVE_EVENTS "/__warraq/events"

/** Longest request path answered (longer ones get 414). */
#define WQ_SERVE_MAX_PATH 4096

/** Largest HTML page the reload script is added to; a larger one is sent as it is. */
#define WQ_SERVE_MAX_HTML (64u << 20)

/** Seconds between keep-alive comments on an idle event stream, so that a
 * closed browser tab is noticed and no wait lasts forever. */
#define WQ_SERVE_KEEPALIVE 15

/** Connections served at once (each open page holds one for its events). */
#define WQ_SERVE_MAX_CONNECTIONS 256

/** What to serve and watch. */
typedef struct wq_serve_opts {
	const char *output; /**< the folder served: the build's output */
	const char *bind;   /**< the address to listen on (IPv4 or IPv6, or a host name) */
	unsigned port;      /**< the TCP port; 0: any free port (see wq_serve_port()) */
	const char *source; /**< the source folder, watched with every folder below it */
	const char *config; /**< the configuration file, watched, and beside it the
				 site's `layouts/`, `assets/`, `i18n/` and `themes/` */
} wq_serve_opts;

/** Default options: serve `site/` on 127.0.0.1:1313, watch `seeds/` and
 * `warraq.yml`. */
#define WQ_SERVE_OPTS_INIT { "site", "127.0.0.1", 1313, "seeds", "warraq.yml" }

/** A running server; opaque. */
typedef struct wq_serve wq_serve;

/**
 * @brief Start watching and listening.  The output folder need not exist
 * yet: until it does, every path is 404.
 * @param[out] out the server; stop and free it with wq_serve_free().
 * @param opts what to serve and watch.
 * @param err filled on failure: "port 1313 is in use: try --port N" when
 *        another program listens there.
 * @return 0, #WQ_EUSAGE for an address that is not one, or #WQ_EIO.
 */
int wq_serve_start(wq_serve **out, const wq_serve_opts *opts, wq_err *err);

/**
 * @brief The port the server listens on (the one chosen when 0 was asked).
 * @param srv the server. @return the port.
 */
unsigned wq_serve_port(const wq_serve *srv);

/**
 * @brief Tell the server a build has ended: open pages reload.
 * @param srv the server.
 * @param error NULL when the build succeeded; else the text shown on every
 *        page until the next successful build (copied).
 */
void wq_serve_publish(wq_serve *srv, const char *error);

/**
 * @brief Wait until the sources, configuration or theme change (and have
 * stayed unchanged for 100 ms), or until SIGINT or SIGTERM.
 * @param srv the server.
 * @param err filled on failure.
 * @return 1 after a change, 0 when asked to stop, or a negative WQ_E* code.
 */
int wq_serve_wait(wq_serve *srv, wq_err *err);

/**
 * @brief Stop the server: end the event streams, stop listening, join its
 * threads, free everything, and unblock SIGINT and SIGTERM.
 * @param srv the server (NULL is a no-op).
 */
void wq_serve_free(wq_serve *srv);

#endif
