/* http: the server plumbing on libmicrohttpd.  See http.h. */
#include "http.h"

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "ydoc.h"

struct http {
	struct MHD_Daemon *d;
	http_handler_fn fn;
	void *arg;
	const char *(*allow)(const char *path);
	size_t max_body;
	/* connections open per client, for max_per_client */
	long max_per_client;
	const struct strlist *unlimited;
	pthread_mutex_t climu;
	struct client_count *clients;	/* under climu */
	size_t nclients, aclients;	/* under climu */
	/*
	 * libmicrohttpd's messages while it starts are held: a failure is
	 * reported once, by http_start, with the address asked for (its own
	 * says "port 0" for an address given whole)
	 */
	pthread_mutex_t logmu;
	int starting;		/* under logmu */
	struct buf startlog;	/* under logmu */
};

/* Connections open from one client (its address, an IPv6 one's /64). */
struct client_count {
	char key[INET6_ADDRSTRLEN];
	long n;
};

/* One request in progress: MHD's per-connection pointer. */
struct http_request {
	struct MHD_Connection *c;
	const char *method, *path;
	struct buf body;
	int too_big;
	int answered;		/* refused before the body was read */
	char peer[INET6_ADDRSTRLEN];
};

const char *
http_method(const struct http_request *rq)
{
	return rq->method;
}

const char *
http_path(const struct http_request *rq)
{
	return rq->path;
}

const char *
http_arg(const struct http_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->c, MHD_GET_ARGUMENT_KIND, name);
}

const char *
http_header(const struct http_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->c, MHD_HEADER_KIND, name);
}

const char *
http_body(const struct http_request *rq, size_t *len)
{
	*len = rq->body.len;
	return rq->body.data ? rq->body.data : "";
}

const char *
http_peer(const struct http_request *rq)
{
	return rq->peer;
}

/*
 * Splits "ADDR:PORT" / "[ADDR]:PORT" into its host (of up to hsize - 1
 * bytes) and *port.  NULL, or what is wrong with s (in why, of WHY_MAX).
 */
#define WHY_MAX 160
static const char *
listen_split(const char *s, char *host, size_t hsize, const char **port,
    char *why)
{
	const char *end = s[0] == '[' ? strchr(s, ']') : strrchr(s, ':');
	const char *h = s[0] == '[' ? s + 1 : s;
	size_t n;

	if (s[0] == '[' && !end)
		return "no closing \"]\" after the IPv6 address";
	if (!end || (s[0] == '[' && end[1] != ':'))
		return "no :PORT at its end";
	if (end == h)
		return "no ADDRESS before the port";
	*port = s[0] == '[' ? end + 2 : end + 1;
	n = (size_t)(end - h);
	if (!**port)
		return "no port after the colon";
	if (strspn(*port, "0123456789") != strlen(*port)) {
		snprintf(why, WHY_MAX, "port \"%.20s\" is not a number", *port);
		return why;
	}
	if (strlen(*port) > 5 || strtol(*port, NULL, 10) > 65535) {
		snprintf(why, WHY_MAX, "port %.20s is out of range (at most "
		    "65535)", *port);
		return why;
	}
	if (n >= hsize) {
		snprintf(why, WHY_MAX, "the address \"%.40s...\" is too long",
		    h);
		return why;
	}
	memcpy(host, h, n);
	host[n] = '\0';
	return NULL;
}

/*
 * Splits "ADDR:PORT" / "[ADDR]:PORT" into a socket address.  0, or -1
 * after saying what is wrong with s as given.
 */
static int
parse_listen(const char *what, const char *s, struct sockaddr_storage *ss,
    socklen_t *len)
{
	struct addrinfo hints = { 0 }, *ai = NULL;
	char host[64], why[WHY_MAX];
	const char *port = NULL, *bad;

	if (!(bad = listen_split(s, host, sizeof host, &port, why))) {
		hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
		hints.ai_socktype = SOCK_STREAM;
		if (getaddrinfo(host, port, &hints, &ai) != 0) {
			snprintf(why, sizeof why, "\"%s\" is not a numeric %s",
			    host, s[0] == '[' ? "IPv6 address" : "IPv4 "
			    "address (an IPv6 address goes in brackets)");
			bad = why;
			ai = NULL;
		}
	}
	if (bad) {
		warnx("%s: \"%s\" is not ADDRESS:PORT: %s", what, s, bad);
		return -1;
	}
	if (ss) {
		memcpy(ss, ai->ai_addr, ai->ai_addrlen);
		*len = ai->ai_addrlen;
	}
	freeaddrinfo(ai);
	return 0;
}

int
http_parse_listen(const char *what, const char *s)
{
	return parse_listen(what, s, NULL, NULL);
}

static void
add_header(struct MHD_Response *r, const char *k, const char *v)
{
	if (v)
		MHD_add_response_header(r, k, v);
}

static enum MHD_Result
respond(struct http_request *rq, struct http_response *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = rs->body.len;

	if (rs->fd != -1) {
		r = MHD_create_response_from_fd64(rs->fd_size, rs->fd);
		rs->fd = -1;
		if (r)
			add_header(r, "Content-Security-Policy", rs->csp);
	} else {
		r = MHD_create_response_from_buffer(len, buf_detach(&rs->body),
		    MHD_RESPMEM_MUST_FREE);
		/*
		 * Our own pages: no script, no framing, nothing from elsewhere,
		 * forms post only back to us.
		 */
		add_header(r, "Content-Security-Policy", "default-src 'none'; "
		    "style-src 'unsafe-inline'; img-src 'self' data:; "
		    "form-action 'self'; frame-ancestors 'none'; "
		    "base-uri 'none'");
	}
	if (!r)
		return MHD_NO;
	add_header(r, "Content-Type", rs->content_type ? rs->content_type :
	    "text/html; charset=utf-8");
	/* tokens travel in URLs: keep them out of caches and referrers */
	add_header(r, "Cache-Control", rs->cacheable ? NULL : "no-store");
	add_header(r, "Referrer-Policy", "no-referrer");
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "ETag", rs->etag);
	add_header(r, "Last-Modified", rs->last_modified);
	add_header(r, "Allow", rs->allow);
	add_header(r, "Location", rs->location);
	ret = MHD_queue_response(rq->c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static void
response_clear(struct http_response *rs)
{
	buf_free(&rs->body);
	if (rs->fd != -1)
		close(rs->fd);
	free(rs->etag);
	free(rs->last_modified);
	free(rs->location);
}

/* A short plain-text refusal produced here, not by a handler. */
static enum MHD_Result
refuse(struct http_request *rq, int status, const char *text,
    const char *allow)
{
	struct http_response rs = { .status = status, .fd = -1,
		.content_type = "text/plain; charset=utf-8", .allow = allow };
	enum MHD_Result ret;

	rq->answered = 1;
	buf_adds(&rs.body, text);
	ret = respond(rq, &rs);
	response_clear(&rs);
	return ret;
}

/* sa's address as text; a v4-mapped peer as IPv4; "unknown" on error */
static void
addr_text(const struct sockaddr *sa, char *out, size_t outsz)
{
	socklen_t len = sa && sa->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);

	if (!sa || getnameinfo(sa, len, out, (socklen_t)outsz, NULL, 0,
	    NI_NUMERICHOST) != 0)
		snprintf(out, outsz, "unknown");
	else if (!strncmp(out, "::ffff:", 7))	/* a v4-mapped peer */
		memmove(out, out + 7, strlen(out + 7) + 1);
}

static void
peer_of(struct MHD_Connection *c, char *out, size_t outsz)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	addr_text(ci ? ci->client_addr : NULL, out, outsz);
}

/*
 * The key a client's connections are counted under: its address, or
 * for IPv6 its /64 (one subscriber's line, whose addresses it may take
 * in turn); 1 when the peer is exempt (a trusted proxy).
 */
static int
client_key(const struct http *h, const struct sockaddr *sa, char *key,
    size_t keysz)
{
	struct sockaddr_in6 net;

	addr_text(sa, key, keysz);
	if (h->unlimited)
		for (size_t i = 0; i < h->unlimited->n; i++)
			if (!strcmp(h->unlimited->v[i], key))
				return 1;
	if (sa && sa->sa_family == AF_INET6 && strchr(key, ':')) {
		memcpy(&net, sa, sizeof net);
		memset(net.sin6_addr.s6_addr + 8, 0, 8);
		addr_text((struct sockaddr *)&net, key, keysz);
	}
	return 0;
}

/* The count of key, added at 0 when add is set; NULL when absent. */
static struct client_count *
client_find(struct http *h, const char *key, int add)
{
	for (size_t i = 0; i < h->nclients; i++)
		if (!strcmp(h->clients[i].key, key))
			return &h->clients[i];
	if (!add)
		return NULL;
	if (h->nclients == h->aclients) {
		h->aclients = h->aclients ? 2 * h->aclients : 16;
		h->clients = xrealloc(h->clients,
		    h->aclients * sizeof *h->clients);
	}
	snprintf(h->clients[h->nclients].key, sizeof h->clients->key, "%s",
	    key);
	h->clients[h->nclients].n = 0;
	return &h->clients[h->nclients++];
}

/*
 * Refuses a connection from a client that has max_per_client open
 * already: one client sending its requests a byte at a time on many
 * connections (each byte restarts web.timeout) would otherwise hold
 * every one of max_connections and no one else would be answered.
 */
static enum MHD_Result
on_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	struct http *h = cls;
	char key[INET6_ADDRSTRLEN];
	const struct client_count *cc;
	int full;

	(void)len;
	if (client_key(h, sa, key, sizeof key))
		return MHD_YES;
	pthread_mutex_lock(&h->climu);
	cc = client_find(h, key, 0);
	full = cc && cc->n >= h->max_per_client;
	pthread_mutex_unlock(&h->climu);
	return full ? MHD_NO : MHD_YES;
}

/* Counts a client's connections as they open and close. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http *h = cls;
	const union MHD_ConnectionInfo *ci;
	struct client_count *cc;
	char key[INET6_ADDRSTRLEN];

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (!ci || client_key(h, ci->client_addr, key, sizeof key))
			return;
		pthread_mutex_lock(&h->climu);
		client_find(h, key, 1)->n++;
		pthread_mutex_unlock(&h->climu);
		*socket_context = xstrdup(key);
		return;
	}
	if (!*socket_context)
		return;
	pthread_mutex_lock(&h->climu);
	if ((cc = client_find(h, *socket_context, 0)) && --cc->n == 0)
		*cc = h->clients[--h->nclients];
	pthread_mutex_unlock(&h->climu);
	free(*socket_context);
	*socket_context = NULL;
}

/* What framing_problem counts over the request's header fields. */
struct framing {
	const char *cl;		/* the first Content-Length */
	int cl_differ, te;
};

static enum MHD_Result
framing_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct framing *f = cls;

	(void)kind;
	if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
		if (!f->cl)
			f->cl = value;
		else if (strcmp(f->cl, value ? value : ""))
			f->cl_differ = 1;
	} else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
		f->te++;
	}
	return MHD_YES;
}

/*
 * 0 when the body's length is clear (RFC 9112 6.1, 6.3), else the status
 * to refuse with: 400 for Content-Length fields that differ or stand
 * beside Transfer-Encoding, 501 for a coding other than chunked.
 * libmicrohttpd reads the first Content-Length, and chunked over it: a
 * proxy in front that read another would see a different request.
 */
static int
framing_problem(struct MHD_Connection *c)
{
	struct framing f = { 0 };
	const char *te;

	MHD_get_connection_values(c, MHD_HEADER_KIND, framing_field, &f);
	if (f.cl_differ || (f.te && f.cl) || f.te > 1)
		return 400;
	te = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if (te && strcasecmp(te, "chunked"))
		return 501;
	return 0;
}

/* The first call of a request: method, framing and size are checked. */
static enum MHD_Result
first_call(struct http *h, struct MHD_Connection *c, const char *url,
    const char *method, void **con_cls)
{
	struct http_request *rq = xcalloc(1, sizeof *rq);
	const char *cl;
	int status;

	rq->c = c;
	rq->method = method;
	rq->path = url;
	peer_of(c, rq->peer, sizeof rq->peer);
	*con_cls = rq;
	if (strcmp(method, "GET") && strcmp(method, "HEAD") &&
	    strcmp(method, "POST"))
		return refuse(rq, 405, "method not allowed\n",
		    h->allow ? h->allow(url) : "GET, HEAD, POST");
	if ((status = framing_problem(c)) != 0)
		return refuse(rq, status, status == 400 ? "the body's length "
		    "is ambiguous\n" : "transfer coding not implemented\n",
		    NULL);
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > h->max_body)
		return refuse(rq, 413, "request body too large\n", NULL);
	return MHD_YES;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http *h = cls;
	struct http_request *rq = *con_cls;
	struct http_response rs = { .status = 200, .fd = -1 };
	enum MHD_Result ret;

	(void)version;
	if (!rq)
		return first_call(h, c, url, method, con_cls);
	if (*upload_size) {
		if (!rq->too_big && rq->body.len + *upload_size <= h->max_body)
			buf_add(&rq->body, upload, *upload_size);
		else
			rq->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->answered)
		return MHD_YES;
	if (rq->too_big)
		return refuse(rq, 413, "request body too large\n", NULL);
	rq->answered = 1;
	h->fn(h->arg, rq, &rs);
	ret = respond(rq, &rs);
	response_clear(&rs);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode why)
{
	struct http_request *rq = *con_cls;

	(void)cls;
	(void)c;
	(void)why;
	if (!rq)
		return;
	buf_free(&rq->body);
	free(rq);
	*con_cls = NULL;
}

/*
 * libmicrohttpd's unescaping of the path and of the query's names and
 * values, except that %00 stays as it is: a NUL would end the string
 * early, and "/archive/2021-01/aba.html%00.png" or "/lists/ID/manage%00"
 * would be answered as the shorter path.  Returns the new length.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;
	int hi, lo;

	(void)cls;
	(void)c;
	for (const char *r = s; *r; r++) {
		if (r[0] == '%' && (hi = hex_digit(r[1])) >= 0 &&
		    (lo = hex_digit(r[2])) >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void
on_log(void *cls, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	struct http *h = cls;

	buf_vprintf(&b, fmt, ap);
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	pthread_mutex_lock(&h->logmu);
	if (h->starting) {
		buf_printf(&h->startlog, "%s%s", h->startlog.len ? "; " : "",
		    b.data);
		b.len = 0;
	}
	pthread_mutex_unlock(&h->logmu);
	if (b.len)
		warnx("http: %s", printable(b.data));
	buf_free(&b);
}

/* Ends the start-up: what libmicrohttpd said meanwhile, or NULL. */
static char *
started(struct http *h)
{
	char *said = NULL;

	pthread_mutex_lock(&h->logmu);
	h->starting = 0;
	if (h->startlog.len)
		said = buf_detach(&h->startlog);
	pthread_mutex_unlock(&h->logmu);
	return said;
}

struct http *
http_start(const struct http_opts *o, http_handler_fn fn, void *arg)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct http *h;
	char *said;
	int err;

	if (parse_listen("--listen", o->listen, &ss, &len) == -1)
		return NULL;
	h = xcalloc(1, sizeof *h);
	h->fn = fn;
	h->arg = arg;
	h->allow = o->allow;
	h->max_body = (size_t)o->max_body;
	h->max_per_client = o->max_per_client;
	h->unlimited = o->unlimited;
	pthread_mutex_init(&h->logmu, NULL);
	pthread_mutex_init(&h->climu, NULL);
	h->starting = 1;
	errno = 0;
	h->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	    (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0), 0,
	    o->max_per_client ? on_accept : NULL, h,
	    on_request, h,
	    MHD_OPTION_NOTIFY_CONNECTION, o->max_per_client ? on_connection :
	    NULL, h,
	    MHD_OPTION_EXTERNAL_LOGGER, on_log, h,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, o->threads ? o->threads : 1u,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
	    MHD_OPTION_END);
	err = errno;
	said = started(h);
	if (!h->d) {
		warnx("cannot listen on %s: %s", o->listen, err ?
		    strerror(err) : said ? said : "libmicrohttpd refused to "
		    "start");
		free(said);
		pthread_mutex_destroy(&h->logmu);
		pthread_mutex_destroy(&h->climu);
		free(h);
		return NULL;
	}
	if (said)
		warnx("http: %s", said);
	free(said);
	return h;
}

void
http_stop(struct http *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	pthread_mutex_destroy(&h->logmu);
	pthread_mutex_destroy(&h->climu);
	free(h->clients);
	buf_free(&h->startlog);
	free(h);
}
