/*
 * http: the HTTP/1.1 server plumbing of `mailer serve` (RFC 9110, 9112),
 * on GNU libmicrohttpd: listening, connection limits and timeouts, reading
 * request bodies up to a size limit, and turning a handler's response into
 * bytes.  The daemon never leaves this module; handlers see a request
 * through the accessors below and fill a struct http_response.
 *
 * Deliberate choices: only GET, HEAD and POST are served (others get 405
 * here, with the path's Allow from http_opts.allow); a body larger than
 * the limit is refused with 413 before the handler runs, from its
 * Content-Length when there is one; a body whose length is ambiguous
 * (Content-Length fields that differ, or beside Transfer-Encoding) gets
 * 400, a coding other than chunked 501, each with the connection closed
 * (RFC 9112 6.1, 6.3); every response carries headers that keep tokens in
 * URLs out of referrers and caches.
 */
#ifndef MAILER_HTTP_H
#define MAILER_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

struct strlist;

struct http;
struct http_request;	/* valid during the handler call only */

struct http_response {
	int status;			/* default 200 */
	const char *content_type;	/* static; default text/html */
	struct buf body;
	/*
	 * A file instead of body (the archive): fd is taken over and closed
	 * by this module; -1 (the default) when body is used.
	 */
	int fd;
	uint64_t fd_size;
	/*
	 * static; the file's Content-Security-Policy (NULL: none); serve's
	 * own pages (body) always get theirs
	 */
	const char *csp;
	char *etag, *last_modified;	/* malloc'd or NULL */
	int cacheable;		/* 0: Cache-Control: no-store */
	const char *allow;	/* with 405: the Allow header */
	char *location;		/* with 301 or 308: Location, malloc'd */
};

/*
 * Called once per request, with the whole body read; from several threads
 * at once, so it must be thread-safe.
 */
typedef void (*http_handler_fn)(void *arg, const struct http_request *rq,
    struct http_response *rs);

struct http_opts {
	const char *listen;	/* "ADDR:PORT", "[V6ADDR]:PORT" */
	long max_connections;	/* open at once; more are refused */
	/*
	 * open at once from one client (an IPv6 client: its /64); more
	 * from it are refused while others are still served; 0: no limit
	 */
	long max_per_client;
	/* peers exempt from max_per_client (a trusted proxy), or NULL */
	const struct strlist *unlimited;
	long timeout;		/* seconds a silent connection is kept */
	long max_body;		/* bytes */
	unsigned threads;	/* handler threads */
	/*
	 * The methods a path supports, for the Allow header of a 405 to
	 * another method; NULL: "GET, HEAD, POST" everywhere
	 */
	const char *(*allow)(const char *path);
};

/* "GET", "HEAD", "POST" */
const char *http_method(const struct http_request *rq);
/* the path, percent-decoded, without the query */
const char *http_path(const struct http_request *rq);
/* a query argument, decoded; NULL when absent */
const char *http_arg(const struct http_request *rq, const char *name);
/* a request header (case-insensitive name); NULL when absent */
const char *http_header(const struct http_request *rq, const char *name);
/* the body (NUL-terminated, may hold NULs) and its length */
const char *http_body(const struct http_request *rq, size_t *len);
/* the peer's numeric address ("127.0.0.1", "::1") */
const char *http_peer(const struct http_request *rq);

/*
 * Parses "ADDR:PORT" into what http_start binds.  0, or -1 after
 * reporting (what names the source, e.g. "--listen").
 */
int http_parse_listen(const char *what, const char *s);

/*
 * Listens on o->listen and serves from background threads until
 * http_stop.  Returns NULL after reporting (address in use, bad address).
 */
struct http *http_start(const struct http_opts *o, http_handler_fn fn,
    void *arg);
/* Stops listening and waits for the handlers running.  NULL is ok. */
void http_stop(struct http *h);

#endif
