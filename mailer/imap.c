/*
 * imap: the bounce mailbox over IMAP with libetpan.  See imap.h.
 *
 * RFC 3501  IMAP4rev1: LOGIN, SELECT, LIST, CREATE, UID SEARCH/FETCH/
 *           COPY/STORE, EXPUNGE; BODY.PEEK[] leaves \Seen alone.
 * RFC 6851  MOVE: UID MOVE when the server offers it.
 * RFC 4315  UIDPLUS: UID EXPUNGE expunges only the message we copied.
 * RFC 3501 5.1.3  folder names go out in modified UTF-7 (imap_mutf7).
 * RFC 2595, RFC 3207 (its SMTP twin), RFC 8314: STARTTLS and implicit TLS;
 *           the password goes out only after TLS (or with imap.tls: none).
 * RFC 6125  the server's identity is its host name or IP address in the
 *           certificate's subjectAltName, checked by GnuTLS.
 *
 * libetpan's TLS accepts any certificate: the chain it received is checked
 * here, after the handshake and before LOGIN.  The mailimap handle never
 * leaves this file.
 */
#include "imap.h"

#include <arpa/inet.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>
#include <nettle/sha2.h>

#define IMAP_PORT 143
#define IMAPS_PORT 993

struct imap {
	mailimap *s;
	char *where;		/* "imaps://host:port", for messages */
	int can_move, can_uidplus;
	int dead;		/* the connection failed: no LOGOUT */
	char *selected;		/* the folder selected, as configured */
	uint32_t validity;	/* its UIDVALIDITY */
	long timeout;		/* transport.timeout, seconds */
	struct timespec heard;	/* when a byte last went either way */
	int received;		/* a byte came from the server */
};

/* libetpan's outcome names, for messages. */
static const char *
etpan_error(int r)
{
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
		return "connection lost";
	case MAILIMAP_ERROR_PARSE:
		return "unparsable server response";
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
		return "connection refused";
	case MAILIMAP_ERROR_FATAL:
		return "server closed the session";
	case MAILIMAP_ERROR_PROTOCOL:
		return "protocol error";
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
		return "server refuses connections";
	case MAILIMAP_ERROR_LOGIN:
		return "login refused";
	case MAILIMAP_ERROR_STARTTLS:
		return "STARTTLS refused";
	case MAILIMAP_ERROR_SSL:
		return "TLS handshake failed";
	case MAILIMAP_ERROR_BAD_STATE:
		return "command in the wrong state";
	default:
		return "command refused";
	}
}

static int
etpan_ok(int r)
{
	return r == MAILIMAP_NO_ERROR || r == MAILIMAP_NO_ERROR_AUTHENTICATED ||
	    r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

/* 1 when r comes of no answer read: the server's last words (libetpan's
 * imap_response) were then said to an earlier command. */
static int
no_answer(int r)
{
	return r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE ||
	    r == MAILIMAP_ERROR_CONNECTION_REFUSED || r == MAILIMAP_ERROR_SSL;
}

/* 1 when the server answered r's command with NO or BAD: the session is
 * still good for the next one. */
static int
refused(int r)
{
	return !etpan_ok(r) && !no_answer(r) && r != MAILIMAP_ERROR_FATAL &&
	    r != MAILIMAP_ERROR_BAD_STATE && r != MAILIMAP_ERROR_PROTOCOL &&
	    r != MAILIMAP_ERROR_MEMORY;
}

/* The server's words about r's command, NULL when it said none. */
static const char *
server_said(const struct imap *im, int r)
{
	return im->s && im->s->imap_response && !no_answer(r) ?
	    im->s->imap_response : NULL;
}

/* Notes when bytes went either way (libetpan's logger, called for each
 * read and write, and for each that failed: not those, whose time is the
 * failure's): what silence a failed read ended.  libetpan logs a send
 * before writing it: one that fails after a long idle ended no silence,
 * and is a hang-up, not a timeout (1242). */
static void
heard(mailimap *s, int type, const char *str, size_t size, void *ctx)
{
	struct imap *im = ctx;

	(void)s;
	(void)str;
	(void)size;
	if (type != MAILSTREAM_LOG_TYPE_ERROR_PARSE &&
	    type != MAILSTREAM_LOG_TYPE_ERROR_RECEIVED &&
	    type != MAILSTREAM_LOG_TYPE_ERROR_SENT)
		clock_gettime(CLOCK_MONOTONIC, &im->heard);
	if (type == MAILSTREAM_LOG_TYPE_DATA_RECEIVED)
		im->received = 1;
}

/*
 * 1 when a lost stream is a server that said nothing for the whole
 * timeout: libetpan gives the same MAILIMAP_ERROR_STREAM for a read that
 * timed out and for a connection closed, and only the silence before it
 * tells them apart (a closed one ends at once).
 */
static int
timed_out(const struct imap *im, int r)
{
	struct timespec now;
	double quiet;

	if (r != MAILIMAP_ERROR_STREAM || im->timeout <= 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	quiet = (double)(now.tv_sec - im->heard.tv_sec) +
	    (double)(now.tv_nsec - im->heard.tv_nsec) / 1e9;
	return quiet >= (double)im->timeout;
}

/* Reports a failed command once: where, what, libetpan's and the server's
 * words (said, NULL: none). */
static int
fail_said(struct imap *im, const char *what, int r, const char *said)
{
	/* a LOGOUT to a server that went silent would wait for it again */
	if (no_answer(r) || r == MAILIMAP_ERROR_FATAL)
		im->dead = 1;
	if (r == MAILIMAP_ERROR_MEMORY)
		util_oom("libetpan");	/* 71, not a mailbox failure */
	if (timed_out(im, r))
		warnx("%s: %s: timed out after %ld s (transport.timeout)",
		    im->where, printable(what), im->timeout);
	else if (said && *said)
		warnx("%s: %s: %s: %s", im->where, printable(what),
		    etpan_error(r), printable(said));
	else
		warnx("%s: %s: %s", im->where, printable(what),
		    etpan_error(r));
	return -1;
}

static int
fail(struct imap *im, const char *what, int r)
{
	return fail_said(im, what, r, server_said(im, r));
}

/* Splits "imaps://host:port"; host may be "[v6]".  0 / -1. */
static int
parse_url(const char *url, int *implicit, char **host, uint16_t *port)
{
	const char *h, *end;
	unsigned p;

	if (!strncmp(url, "imaps://", 8)) {
		*implicit = 1;
		h = url + 8;
	} else if (!strncmp(url, "imap://", 7)) {
		*implicit = 0;
		h = url + 7;
	} else
		return -1;
	end = h + strcspn(h, "/");
	if (*end && end[1])
		return -1;	/* no path: the folders are separate keys */
	if (host_port_split(h, (size_t)(end - h), host, &p) == -1)
		return -1;
	*port = p ? (uint16_t)p : *implicit ? IMAPS_PORT : IMAP_PORT;
	return 0;
}

static int
is_ip(const char *host)
{
	unsigned char b[16];

	return inet_pton(AF_INET, host, b) == 1 ||
	    inet_pton(AF_INET6, host, b) == 1;
}

/* SNI, for a host name (RFC 6066 forbids it for IP addresses). */
static void
set_sni(struct mailstream_ssl_context *ctx, void *host)
{
	if (!is_ip(host))
		mailstream_ssl_set_server_name(ctx, host);
}

/* What verify_peer holds, freed by peer_free. */
struct peer {
	carray *chain;			/* the server's, DER */
	gnutls_x509_crt_t *crts;	/* chain read, n of them to deinit */
	unsigned n;
	gnutls_x509_trust_list_t tl;	/* the trust anchors */
};

/* Reads the chain the server sent into pc->crts.  Reports; 0 / -1. */
static int
read_chain(struct imap *im, struct peer *pc)
{
	/*
	 * The handshake is done, and none of the key exchanges libetpan's
	 * GnuTLS allows goes without the server's certificate: libetpan
	 * left out what it could not copy (its gnutls_x509_crt_init or
	 * export failed, or its carray), so an empty chain is out of memory
	 * (71), not a server that sent none (76)
	 */
	if (!pc->chain || carray_count(pc->chain) == 0)
		util_oom("libetpan");
	pc->crts = xcalloc(carray_count(pc->chain), sizeof *pc->crts);
	for (pc->n = 0; pc->n < carray_count(pc->chain); pc->n++) {
		MMAPString *der = carray_get(pc->chain, pc->n);
		gnutls_datum_t d = { (unsigned char *)der->str,
		    (unsigned)der->len };

		int r = gnutls_x509_crt_init(&pc->crts[pc->n]);

		if (r >= 0)
			r = gnutls_x509_crt_import(pc->crts[pc->n], &d,
			    GNUTLS_X509_FMT_DER);
		if (r == GNUTLS_E_MEMORY_ERROR)
			util_oom("gnutls");
		if (r < 0) {
			warnx("%s: cannot read the server's certificate",
			    im->where);
			pc->n++;
			return -1;
		}
	}
	return 0;
}

/* The trust anchors: ca_file's, or the system's.  0 / -1. */
static int
load_trust(struct imap *im, const char *ca_file, struct peer *pc)
{
	int r;

	if ((r = gnutls_x509_trust_list_init(&pc->tl, 0)) < 0) {
		pc->tl = NULL;
		if (r == GNUTLS_E_MEMORY_ERROR)
			util_oom("gnutls");	/* 71, not untrusted (76) */
		warnx("%s: cannot set up the trust list: %s", im->where,
		    gnutls_strerror(r));
		return -1;
	}
	r = ca_file ? gnutls_x509_trust_list_add_trust_file(pc->tl, ca_file,
	    NULL, GNUTLS_X509_FMT_PEM, 0, 0) :
	    gnutls_x509_trust_list_add_system_trust(pc->tl, 0, 0);
	if (r == GNUTLS_E_MEMORY_ERROR)
		util_oom("gnutls");
	if (r <= 0) {
		warnx("%s: no trusted certificates in %s%s%s", im->where,
		    ca_file ? ca_file : "the system store",
		    r < 0 ? ": " : "", r < 0 ? gnutls_strerror(r) : "");
		return -1;
	}
	return 0;
}

/* Reports an untrusted chain: why gnutls rejects it (status). */
static void
report_untrusted(struct imap *im, const char *host, const char *ca_file,
    unsigned status)
{
	gnutls_datum_t msg = { NULL, 0 };

	gnutls_certificate_verification_status_print(status,
	    GNUTLS_CRT_X509, &msg, 0);
	while (msg.data && msg.size && (msg.data[msg.size - 1] == ' ' ||
	    msg.data[msg.size - 1] == '\0'))
		msg.data[--msg.size] = '\0';
	warnx("%s: untrusted server certificate for %s (%s): %s; "
	    "not logging in", im->where, host,
	    ca_file ? ca_file : "system trust store",
	    msg.data ? (char *)msg.data : "rejected");
	gnutls_free(msg.data);
}

/* The chain checked against the anchors and host.  Reports; 0 / -1. */
static int
check_chain(struct imap *im, struct peer *pc, const char *host,
    const char *ca_file)
{
	gnutls_typed_vdata_st vdata[1];
	unsigned status = 0;
	int r;

	vdata[0].type = GNUTLS_DT_DNS_HOSTNAME;
	vdata[0].data = (unsigned char *)host;
	vdata[0].size = 0;
	r = gnutls_x509_trust_list_verify_crt2(pc->tl, pc->crts, pc->n, vdata,
	    1, 0, &status, NULL);
	if (r == GNUTLS_E_MEMORY_ERROR)
		util_oom("gnutls");	/* 71, not an untrusted server (76) */
	if (r < 0) {
		warnx("%s: certificate check failed: %s", im->where,
		    gnutls_strerror(r));
		return -1;
	}
	if (status) {
		report_untrusted(im, host, ca_file, status);
		return -1;
	}
	return 0;
}

/* Frees what pc holds, as far as it got. */
static void
peer_free(struct peer *pc)
{
	for (unsigned i = 0; pc->crts && i < pc->n; i++)
		gnutls_x509_crt_deinit(pc->crts[i]);
	free(pc->crts);
	if (pc->tl)
		gnutls_x509_trust_list_deinit(pc->tl, 1);
	if (pc->chain)
		mailstream_certificate_chain_free(pc->chain);
}

/*
 * Checks the certificate chain the server sent against the trust anchors
 * and host.  Reports and returns -1 when it is not trusted.
 */
static int
verify_peer(struct imap *im, const char *host, const char *ca_file)
{
	struct peer pc = { NULL, NULL, 0, NULL };
	int rc = -1;

	pc.chain = mailstream_get_certificate_chain(im->s->imap_stream);
	if (read_chain(im, &pc) == 0 && load_trust(im, ca_file, &pc) == 0 &&
	    check_chain(im, &pc, host, ca_file) == 0)
		rc = 0;
	peer_free(&pc);
	return rc;
}

/* Refreshes the capability list (RFC 3501 6.1.1).  0 / -1. */
static int
capability(struct imap *im)
{
	struct mailimap_capability_data *cap = NULL;
	int r = mailimap_capability(im->s, &cap);

	if (!etpan_ok(r))
		return fail(im, "CAPABILITY", r);
	mailimap_capability_data_free(cap);
	return 0;
}

static enum imap_fail
connect_fail(int r)
{
	if (r == MAILIMAP_ERROR_SSL)
		return IMAP_FAIL_TLS;
	if (r == MAILIMAP_ERROR_CONNECTION_REFUSED ||
	    r == MAILIMAP_ERROR_STREAM)
		return IMAP_FAIL_CONN;
	return IMAP_FAIL_TEMP;
}

/*
 * libetpan prints GnuTLS's reason for a failed handshake on stderr itself
 * ("GnuTLS error: The operation timed out", gnutls_perror) and returns a
 * bare MAILIMAP_ERROR_SSL.  stderr goes to a memory file around the calls
 * that make a handshake: that line becomes the reason in ours, anything
 * else written meanwhile is put back on stderr as it was.
 */
struct errcap {
	int fd, saved;		/* the memory file, stderr's own; -1 */
};

static void
cap_begin(struct errcap *ec)
{
	ec->saved = -1;
	fflush(stderr);
	if ((ec->fd = memfd_create("libetpan", MFD_CLOEXEC)) == -1)
		return;		/* not caught: the line stays on stderr */
	if ((ec->saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(ec->fd, STDERR_FILENO) == -1) {
		if (ec->saved != -1)
			close(ec->saved);
		close(ec->fd);
		ec->fd = ec->saved = -1;
	}
}

/* Ends the capture: GnuTLS's reason into why (empty when none). */
static void
cap_end(struct errcap *ec, char *why, size_t whysz)
{
	static const char tag[] = "GnuTLS error: ";
	char *buf, *line, *nl;
	off_t size;
	ssize_t n;

	*why = '\0';
	if (ec->fd == -1)
		return;
	fflush(stderr);
	dup2(ec->saved, STDERR_FILENO);
	close(ec->saved);
	size = lseek(ec->fd, 0, SEEK_END);
	buf = xmalloc(size > 0 ? (size_t)size + 1 : 1);
	n = size > 0 ? pread(ec->fd, buf, (size_t)size, 0) : 0;
	close(ec->fd);
	buf[n > 0 ? n : 0] = '\0';
	for (line = buf; *line; line = nl) {
		nl = line + strcspn(line, "\n");
		nl += *nl == '\n';
		if (!*why && !strncmp(line, tag, sizeof tag - 1)) {
			snprintf(why, whysz, "%.*s", (int)(nl - line -
			    (sizeof tag - 1) - (nl[-1] == '\n')),
			    line + sizeof tag - 1);
			continue;
		}
		if (write(STDERR_FILENO, line, (size_t)(nl - line)) < 0)
			break;
	}
	free(buf);
}

/*
 * A handshake that failed (what: "connect" or "STARTTLS"), with GnuTLS's
 * reason when libetpan gave one: a server that said nothing within the
 * timeout could not be reached (69), not a TLS refusal (76).
 */
static enum imap_fail
tls_failed(struct imap *im, const struct config *c, const char *what,
    int r, const char *why)
{
	if (!*why) {
		fail(im, what, r);
		return strcmp(what, "connect") ? IMAP_FAIL_TLS :
		    connect_fail(r);
	}
	if (!strcmp(why, gnutls_strerror(GNUTLS_E_MEMORY_ERROR)))
		util_oom("gnutls");
	if (!strcmp(why, gnutls_strerror(GNUTLS_E_TIMEDOUT))) {
		warnx("%s: %s: no reply to the TLS handshake within %ld s "
		    "(transport.timeout)", im->where, what, c->timeout);
		return IMAP_FAIL_CONN;
	}
	warnx("%s: %s: TLS handshake failed: %s", im->where, what,
	    printable(why));
	return IMAP_FAIL_TLS;
}

/* Connects, and brings up TLS as configured.  IMAP_FAIL_NONE or why not. */
static enum imap_fail
secure(struct imap *im, const struct config *c, const char *host,
    uint16_t port, int implicit)
{
	const char *mode = c->imap_tls ? c->imap_tls : "required";
	struct errcap ec;
	char why[256];
	int r;

	/* a server silent from the start: its silence counts from here */
	clock_gettime(CLOCK_MONOTONIC, &im->heard);
	if (implicit) {
		cap_begin(&ec);
		r = mailimap_ssl_connect_with_callback(im->s, host, port,
		    set_sni, (void *)host);
		cap_end(&ec, why, sizeof why);
		if (!etpan_ok(r) && r != MAILIMAP_ERROR_CONNECTION_REFUSED)
			return tls_failed(im, c, "connect", r, why);
	} else {
		r = mailimap_socket_connect(im->s, host, port);
		/* libetpan reads a hang-up before the greeting as a greeting
		 * it cannot parse: nothing came, the connection was lost */
		if (r == MAILIMAP_ERROR_PARSE && !im->received)
			r = MAILIMAP_ERROR_STREAM;
	}
	if (!etpan_ok(r)) {
		fail(im, "connect", r);
		return connect_fail(r);
	}
	if (!implicit && strcmp(mode, "none")) {
		if (capability(im) == -1)
			return IMAP_FAIL_TEMP;
		if (!mailimap_has_extension(im->s, "STARTTLS")) {
			warnx("%s: the server offers no STARTTLS; not sending "
			    "the password in clear (imap.tls: %s; only "
			    "imap.tls: none allows that)", im->where, mode);
			return IMAP_FAIL_TLS;
		}
		cap_begin(&ec);
		r = mailimap_socket_starttls_with_callback(im->s, set_sni,
		    (void *)host);
		cap_end(&ec, why, sizeof why);
		if (!etpan_ok(r))
			return tls_failed(im, c, "STARTTLS", r, why);
	}
	if (implicit || strcmp(mode, "none")) {
		if (c->imap_tls_verify &&
		    verify_peer(im, host, c->imap_ca_file) == -1)
			return IMAP_FAIL_TLS;
		if (!c->imap_tls_verify)
			warnx("%s: warning: the server's certificate is not "
			    "checked (imap.tls_verify: false)", im->where);
	} else
		warnx("%s: warning: no TLS: the password goes out in clear "
		    "(imap.tls: none)", im->where);
	/* capabilities seen before TLS are not to be trusted */
	if (capability(im) == -1)
		return IMAP_FAIL_TEMP;
	return IMAP_FAIL_NONE;
}

struct imap *
imap_open(const struct config *c, const char *password, enum imap_fail *why)
{
	struct imap *im;
	char *host;
	uint16_t port;
	int implicit, r;

	*why = IMAP_FAIL_CONFIG;
	if (!c->imap || !c->imap_url || !c->imap_username) {
		warnx("%s: no imap: section with url and username", c->path);
		return NULL;
	}
	if (parse_url(c->imap_url, &implicit, &host, &port) == -1) {
		warnx("%s: imap.url \"%s\" is not imaps://HOST[:PORT] or "
		    "imap://HOST[:PORT]", c->path, c->imap_url);
		return NULL;
	}
	if (implicit && c->imap_tls && !strcmp(c->imap_tls, "none")) {
		warnx("%s: imap.tls: none contradicts imap.url %s", c->path,
		    c->imap_url);
		free(host);
		return NULL;
	}
	im = xcalloc(1, sizeof *im);
	im->where = xasprintf("%s://%s:%u", implicit ? "imaps" : "imap",
	    host, (unsigned)port);
	im->s = mailimap_new(0, NULL);
	if (!im->s)
		util_oom("libetpan");
	mailimap_set_timeout(im->s, (time_t)c->timeout);
	im->timeout = c->timeout;
	mailimap_set_logger(im->s, heard, im);
	if ((*why = secure(im, c, host, port, implicit)) != IMAP_FAIL_NONE)
		goto bad;
	if (mailimap_has_extension(im->s, "LOGINDISABLED")) {
		warnx("%s: the server does not allow LOGIN here "
		    "(LOGINDISABLED)", im->where);
		*why = IMAP_FAIL_TLS;
		goto bad;
	}
	r = mailimap_login(im->s, c->imap_username, password);
	if (!etpan_ok(r)) {
		fail(im, c->imap_username, r);
		*why = r == MAILIMAP_ERROR_LOGIN ? IMAP_FAIL_AUTH :
		    IMAP_FAIL_TEMP;
		goto bad;
	}
	if (capability(im) == -1) {
		*why = IMAP_FAIL_TEMP;
		goto bad;
	}
	im->can_move = mailimap_has_extension(im->s, "MOVE");
	im->can_uidplus = mailimap_has_extension(im->s, "UIDPLUS");
	free(host);
	*why = IMAP_FAIL_NONE;
	return im;
bad:
	free(host);
	imap_close(im);
	return NULL;
}

void
imap_close(struct imap *im)
{
	if (!im)
		return;
	if (im->s && im->dead && im->s->imap_stream) {
		/* mailimap_free would send LOGOUT and wait for its answer */
		mailstream_close(im->s->imap_stream);
		im->s->imap_stream = NULL;
	}
	if (im->s)
		mailimap_free(im->s);
	free(im->where);
	free(im->selected);
	free(im);
}

/* Decodes the UTF-8 sequence at *s into *cp, moving *s past it.  0 / -1
 * (not UTF-8: a stray byte, a cut or overlong form, a surrogate). */
static int
utf8_next(const unsigned char **s, uint32_t *cp)
{
	const unsigned char *p = *s;
	unsigned n = p[0] >= 0xf0 ? 3 : p[0] >= 0xe0 ? 2 : p[0] >= 0xc0 ? 1 :
	    0;
	static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };

	if (p[0] < 0x80 || p[0] >= 0xf8 || n == 0)
		return p[0] < 0x80 ? (*cp = *p, (*s)++, 0) : -1;
	*cp = p[0] & (0x3f >> n);
	for (unsigned i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if (*cp < min[n] || *cp > 0x10ffff ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return -1;
	*s = p + n + 1;
	return 0;
}

/* Ends a run of UTF-16 units u[0..n) as "&BASE64-": RFC 4648 base64 of
 * their big-endian bytes, "," for "/", no padding (RFC 3501 5.1.3). */
static void
mutf7_run(struct buf *out, const uint16_t *u, size_t n)
{
	unsigned char *be = xmalloc(2 * n);
	size_t from;

	for (size_t i = 0; i < n; i++) {
		be[2 * i] = (unsigned char)(u[i] >> 8);
		be[2 * i + 1] = (unsigned char)u[i];
	}
	buf_addc(out, '&');
	from = out->len;
	buf_add_base64(out, be, 2 * n);
	free(be);
	while (out->len > from && out->data[out->len - 1] == '=')
		out->data[--out->len] = '\0';
	for (size_t i = from; i < out->len; i++)
		if (out->data[i] == '/')
			out->data[i] = ',';
	buf_addc(out, '-');
}

char *
imap_mutf7(const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	struct buf out = BUF_INIT;
	uint16_t *u = xcalloc(strlen(utf8) + 1, sizeof *u);
	size_t n = 0;
	uint32_t cp;

	while (*s) {
		if (utf8_next(&s, &cp) == -1) {
			free(u);
			buf_free(&out);
			return NULL;
		}
		if (cp >= 0x20 && cp <= 0x7e) {
			if (n)
				mutf7_run(&out, u, n);
			n = 0;
			if (cp == '&')
				buf_add(&out, "&-", 2);
			else
				buf_addc(&out, (int)cp);
		} else if (cp >= 0x10000) {
			u[n++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
			u[n++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else
			u[n++] = (uint16_t)cp;
	}
	if (n)
		mutf7_run(&out, u, n);
	free(u);
	return buf_detach(&out);
}

/* folder as the server knows it: in modified UTF-7 (libyaml gave UTF-8;
 * anything else goes as it is, for the server to judge). */
static char *
wire(const char *folder)
{
	char *w = imap_mutf7(folder);

	return w ? w : xstrdup(folder);
}

/* SELECT folder, or EXAMINE it when readonly; *uidvalidity receives its
 * UIDVALIDITY.  0 / -1 after reporting. */
static int
open_folder(struct imap *im, const char *folder, int readonly,
    uint32_t *uidvalidity)
{
	char *w = wire(folder);
	int r = readonly ? mailimap_examine(im->s, w) :
	    mailimap_select(im->s, w);

	free(w);
	if (!etpan_ok(r)) {
		char *what = xasprintf("%s %s", readonly ? "EXAMINE" :
		    "SELECT", folder);

		fail(im, what, r);
		free(what);
		return -1;
	}
	*uidvalidity = im->s->imap_selection_info ?
	    im->s->imap_selection_info->sel_uidvalidity : 0;
	return 0;
}

int
imap_select(struct imap *im, const char *folder, uint32_t *uidvalidity)
{
	if (open_folder(im, folder, 0, uidvalidity) == -1)
		return -1;
	free(im->selected);
	im->selected = xstrdup(folder);
	im->validity = *uidvalidity;
	return 0;
}

/* Selects again the folder imap_select selected, after a look elsewhere;
 * its UIDs are the caller's only while its UIDVALIDITY stays.  0 / -1. */
static int
reselect(struct imap *im)
{
	uint32_t v;

	if (open_folder(im, im->selected, 0, &v) == -1)
		return -1;
	if (v != im->validity) {
		warnx("%s: the UIDVALIDITY of %s changed during the run (%u, "
		    "now %u): its UIDs name other messages", im->where,
		    printable(im->selected), (unsigned)im->validity,
		    (unsigned)v);
		return -1;
	}
	return 0;
}

static int
cmp_uid(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* UID SEARCH key (freed here) in the selected folder, what naming it in
 * messages: *uids malloc'd, ascending.  0 / -1 after reporting. */
static int
search_uids(struct imap *im, struct mailimap_search_key *key,
    const char *what, uint32_t **uids, size_t *n)
{
	clist *res = NULL;
	clistiter *it;
	int r = mailimap_uid_search(im->s, NULL, key, &res);

	mailimap_search_key_free(key);
	*uids = NULL;
	*n = 0;
	if (!etpan_ok(r))
		return fail(im, what, r);
	if (clist_count(res) > 0)
		*uids = xcalloc((size_t)clist_count(res), sizeof **uids);
	for (it = clist_begin(res); it; it = clist_next(it))
		(*uids)[(*n)++] = *(uint32_t *)clist_content(it);
	mailimap_search_result_free(res);
	if (*n)
		qsort(*uids, *n, sizeof **uids, cmp_uid);
	return 0;
}

/* The search key of no argument type (MAILIMAP_SEARCH_KEY_...). */
static struct mailimap_search_key *
flag_key(int type)
{
	return mailimap_search_key_new(type, NULL, NULL, NULL, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL,
	    NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL);
}

/* UID SEARCH of a key of no argument (type: MAILIMAP_SEARCH_KEY_...). */
static int
search_flag(struct imap *im, int type, const char *what, uint32_t **uids,
    size_t *n)
{
	return search_uids(im, flag_key(type), what, uids, n);
}

int
imap_list_uids(struct imap *im, uint32_t **uids, size_t *n)
{
	/* a message flagged \Deleted is one its owner removed (a person in
	 * a mail client, or our own COPY fallback stopped before EXPUNGE):
	 * not to be counted, nor copied again */
	return search_flag(im, MAILIMAP_SEARCH_KEY_UNDELETED,
	    "UID SEARCH UNDELETED", uids, n);
}

int
imap_list_deleted(struct imap *im, uint32_t **uids, size_t *n)
{
	return search_flag(im, MAILIMAP_SEARCH_KEY_DELETED,
	    "UID SEARCH DELETED", uids, n);
}

/* uids[0..n), ascending, as a set of ranges: "3:7,9". */
static struct mailimap_set *
uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	if (!set)
		util_oom("libetpan");
	for (size_t i = 0, j; i < n; i = j + 1) {
		for (j = i; j + 1 < n && uids[j + 1] == uids[j] + 1; j++)
			;
		if (mailimap_set_add_interval(set, uids[i], uids[j]) !=
		    MAILIMAP_NO_ERROR)
			util_oom("libetpan");
	}
	return set;
}

/* The UID and RFC822.SIZE items of one message's FETCH answer (a size
 * not in it: IMAP_SIZE_UNKNOWN). */
static void
uid_size(const struct mailimap_msg_att *att, uint32_t *uid, uint32_t *size)
{
	*uid = 0;
	*size = IMAP_SIZE_UNKNOWN;
	for (clistiter *i = clist_begin(att->att_list); i; i = clist_next(i)) {
		struct mailimap_msg_att_item *item = clist_content(i);
		struct mailimap_msg_att_static *st;

		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			*uid = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE)
			*size = st->att_data.att_rfc822_size;
	}
}

/* RFC822.SIZE of set (freed here) into sizes[0..n), those of uids[0..n)
 * (ascending); what names the command.  0 / -1 after reporting. */
static int
fetch_sizes(struct imap *im, struct mailimap_set *set, const uint32_t *uids,
    size_t n, uint32_t *sizes)
{
	struct mailimap_fetch_type *ft;
	clist *res = NULL;
	int r;

	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_rfc822_size());
	r = mailimap_uid_fetch(im->s, set, ft, &res);
	mailimap_fetch_type_free(ft);
	mailimap_set_free(set);
	if (!etpan_ok(r))
		return fail(im, "UID FETCH RFC822.SIZE", r);
	for (clistiter *m = clist_begin(res); m; m = clist_next(m)) {
		uint32_t uid, size, *at;

		uid_size(clist_content(m), &uid, &size);
		at = bsearch(&uid, uids, n, sizeof *uids, cmp_uid);
		/* a second answer for the message without the size (its
		 * flags, sent unasked) does not unlearn it */
		if (at && size != IMAP_SIZE_UNKNOWN)
			sizes[at - uids] = size;
	}
	mailimap_fetch_list_free(res);
	return 0;
}

/* The decimal digits of u. */
static size_t
digits(uint32_t u)
{
	size_t d = 1;

	while (u >= 10) {
		u /= 10;
		d++;
	}
	return d;
}

/*
 * How many of uids[0..n) (ascending) one command's UID set carries: as
 * many as its ranges ("3:7,9,") write in IMAP_SET_LINE bytes, at least 1.
 * RFC 7162 section 4 asks clients for command lines of about 8192 octets
 * at most; Dovecot refuses one over 64 KB.
 */
#define IMAP_SET_LINE 8000
static size_t
set_span(const uint32_t *uids, size_t n)
{
	size_t i = 0, line = 0;

	while (i < n) {
		size_t j = i;

		for (; j + 1 < n && uids[j + 1] == uids[j] + 1; j++)
			;
		line += digits(uids[i]) + 1 +
		    (j > i ? 1 + digits(uids[j]) : 0);
		if (i && line > IMAP_SET_LINE)
			break;
		i = j + 1;
	}
	return i;
}

int
imap_sizes(struct imap *im, const uint32_t *uids, size_t n,
    uint32_t *sizes)
{
	for (size_t i = 0; i < n; i++)
		sizes[i] = IMAP_SIZE_UNKNOWN;
	/* those asked only: a range first..last also returned every message
	 * between them, the ones not asked for too */
	for (size_t i = 0, k; i < n; i += k) {
		k = set_span(uids + i, n - i);
		if (fetch_sizes(im, uid_set(uids + i, k), uids + i, k,
		    sizes + i) == -1)
			return -1;
	}
	return 0;
}

/* The body section of one message's FETCH answer into *b (NULL: empty)
 * and *len; 0 when it has none. */
static int
body_of(const struct mailimap_msg_att *att, const char **b, size_t *len)
{
	for (clistiter *i = clist_begin(att->att_list); i; i = clist_next(i)) {
		struct mailimap_msg_att_item *item = clist_content(i);
		struct mailimap_msg_att_body_section *sec;

		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
		    item->att_data.att_static->att_type !=
		    MAILIMAP_MSG_ATT_BODY_SECTION)
			continue;
		sec = item->att_data.att_static->att_data.att_body_section;
		*b = sec->sec_body_part;
		*len = sec->sec_body_part ? sec->sec_length : 0;
		return 1;
	}
	return 0;
}

/* UID FETCH BODY.PEEK[] of set (freed here): libetpan's code. */
static int
fetch_bodies(struct imap *im, struct mailimap_set *set, clist **res)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(mailimap_section_new(
	    NULL)));
	r = mailimap_uid_fetch(im->s, set, ft, res);
	mailimap_fetch_type_free(ft);
	mailimap_set_free(set);
	return r;
}

/* UID STORE +FLAGS.SILENT (\Deleted), or -FLAGS when not add */
static int
mark_deleted(struct imap *im, struct mailimap_set *set, int add)
{
	struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
	struct mailimap_store_att_flags *sf;
	int r;

	mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
	sf = add ? mailimap_store_att_flags_new_add_flags_silent(fl) :
	    mailimap_store_att_flags_new_remove_flags_silent(fl);
	r = mailimap_uid_store(im->s, set, sf);
	mailimap_store_att_flags_free(sf);
	return r;
}

/* The search key of the messages of exactly size bytes (RFC822.SIZE). */
static struct mailimap_search_key *
size_key(size_t size)
{
	struct mailimap_search_key *k;

	if (size == 0)
		return mailimap_search_key_new_smaller(1);
	k = mailimap_search_key_new_multiple_empty();
	mailimap_search_key_multiple_add(k,
	    mailimap_search_key_new_larger((uint32_t)size - 1));
	mailimap_search_key_multiple_add(k,
	    mailimap_search_key_new_smaller((uint32_t)size + 1));
	return k;
}

/*
 * The text inside the angle brackets of message_id, malloc'd, when it is
 * one a UID SEARCH HEADER finds as it is (printable ASCII, no quote or
 * backslash: nothing for the server to decode or the quoting to change);
 * else NULL.
 */
static char *
searchable_id(const char *message_id)
{
	const char *s, *e;

	if (!message_id)
		return NULL;
	s = message_id + strspn(message_id, " \t");
	s += *s == '<';
	e = s + strcspn(s, ">");
	if (e == s)
		return NULL;
	for (const char *p = s; p < e; p++)
		if (*p <= ' ' || *p > '~' || *p == '"' || *p == '\\')
			return NULL;
	return xstrndup(s, (size_t)(e - s));
}

/*
 * The search key of again's candidate copies: of its size and, when it has
 * a usable Message-ID, that one in the Message-ID field: a folder of many
 * notices of one size (a big issue's) then gives one candidate to read,
 * not all of them.  Not one flagged \Deleted: anyone may expunge that at
 * any time (a person who deleted it, any client's EXPUNGE), so it is no
 * copy to keep in the original's stead.
 */
static struct mailimap_search_key *
copy_key(const struct imap_again *again)
{
	char *id = searchable_id(again->message_id);
	struct mailimap_search_key *k;

	k = mailimap_search_key_new_multiple_empty();
	if (id)
		mailimap_search_key_multiple_add(k,
		    mailimap_search_key_new_header(xstrdup("Message-ID"), id));
	mailimap_search_key_multiple_add(k, size_key(again->len));
	mailimap_search_key_multiple_add(k,
	    flag_key(MAILIMAP_SEARCH_KEY_UNDELETED));
	return k;
}

/* The keys of again[0..n) ORed, as a balanced tree: a chain of 250 ORs
 * would nest 250 deep. */
static struct mailimap_search_key *
or_keys(const struct imap_again *again, size_t n)
{
	if (n == 1)
		return copy_key(again);
	return mailimap_search_key_new_or(or_keys(again, n / 2),
	    or_keys(again + n / 2, n - n / 2));
}

/*
 * How many of again[0..n) one SEARCH carries: Dovecot refuses a command
 * line over 64 KB (imap_max_line_length); a Message-ID may be 990 bytes.
 */
#define IMAP_LOOK_LINE 32768
static size_t
search_span(const struct imap_again *again, size_t n)
{
	size_t k = 0, line = 0;

	for (; k < n; k++) {
		/* OR (HEADER Message-ID "..." (LARGER n SMALLER n)
		 * UNDELETED) */
		line += 80 + (again[k].message_id ?
		    strlen(again[k].message_id) : 0);
		if (k && line > IMAP_LOOK_LINE)
			break;
	}
	return k;
}

/* The candidate UIDs for again[0..n) in the selected folder, ascending,
 * each once: *uids malloc'd.  0 / -1 after reporting. */
static int
candidates(struct imap *im, const struct imap_again *again, size_t n,
    uint32_t **uids, size_t *nu)
{
	*uids = NULL;
	*nu = 0;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t *got;
		size_t ng;

		k = search_span(again + i, n - i);
		if (search_uids(im, or_keys(again + i, k),
		    "UID SEARCH HEADER Message-ID LARGER SMALLER UNDELETED",
		    &got, &ng) == -1) {
			free(*uids);
			return -1;
		}
		*uids = xrealloc(*uids, (*nu + ng + 1) * sizeof **uids);
		if (ng)		/* got is NULL then */
			memcpy(*uids + *nu, got, ng * sizeof *got);
		*nu += ng;
		free(got);
	}
	if (*nu > 1) {
		size_t j = 1;

		/* a message may be the candidate of two */
		qsort(*uids, *nu, sizeof **uids, cmp_uid);
		for (size_t i = 1; i < *nu; i++)
			if ((*uids)[i] != (*uids)[j - 1])
				(*uids)[j++] = (*uids)[i];
		*nu = j;
	}
	return 0;
}

/* Marks in had each of again[0..n) whose bytes b[0..len) are. */
static void
match(const struct imap_again *again, size_t n, int *had, const char *b,
    size_t len)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	int hashed = 0;

	for (size_t i = 0; i < n; i++) {
		if (had[i] || again[i].len != len)
			continue;
		if (!hashed++) {
			struct sha256_ctx h;

			sha256_init(&h);
			sha256_update(&h, len, (const uint8_t *)(b ? b : ""));
			sha256_digest(&h, sizeof d, d);
		}
		had[i] = !memcmp(d, again[i].sha256, sizeof d);
	}
}

/* The bytes of messages read at most this many at a time (a few notices'
 * worth of memory; 64 MB notices one by one), of at most IMAP_SET_MAX
 * messages (a UID set of them keeps the command line short). */
#define IMAP_LOOK_BYTES (8u * 1024 * 1024)
#define IMAP_SET_MAX 250

/* The bytes fetch_span counts for a message of size bytes: one of
 * unknown size (a server that did not say) as a whole read's worth, so
 * it comes alone; counted as nothing, 250 of any size came at once. */
static size_t
span_bytes(uint32_t size)
{
	return size == IMAP_SIZE_UNKNOWN ? IMAP_LOOK_BYTES : size;
}

/* How many of n messages, of sizes[0..n) bytes (NULL: big each), one
 * UID FETCH of bodies reads: at least 1. */
static size_t
fetch_span(const uint32_t *sizes, size_t big, size_t n)
{
	size_t k = 0, bytes = 0;

	for (; k < n && k < IMAP_SET_MAX; k++) {
		bytes += sizes ? span_bytes(sizes[k]) : big;
		if (k && bytes > IMAP_LOOK_BYTES)
			break;
	}
	return k;
}

/* What a UID FETCH of bodies hands each message it returned: i its index
 * in the UIDs asked, b[0..len) its bytes (b NULL: empty); 0 to go on. */
typedef int fetched_fn(void *arg, size_t i, const char *b, size_t len);

/* One message a UID FETCH returned: its index in the UIDs asked, its
 * bytes (in the answer, not copied). */
struct fetched {
	size_t i;
	const char *b;
	size_t len;
};

static int
cmp_fetched(const void *a, const void *b)
{
	size_t x = ((const struct fetched *)a)->i,
	    y = ((const struct fetched *)b)->i;

	return x < y ? -1 : x > y;
}

/* Hands the messages of res, the answer for uids[0..k), to each in UID
 * order, each once (a server may answer in any order, or twice).  0, or
 * 1 when each stopped. */
static int
hand_each(clist *res, const uint32_t *uids, size_t k, fetched_fn *each,
    void *arg, size_t base)
{
	struct fetched *got = xcalloc((size_t)clist_count(res) + 1,
	    sizeof *got);
	size_t ng = 0;
	int rc = 0;

	for (clistiter *m = clist_begin(res); m; m = clist_next(m)) {
		uint32_t uid, size;
		const uint32_t *at;

		uid_size(clist_content(m), &uid, &size);
		at = bsearch(&uid, uids, k, sizeof *uids, cmp_uid);
		if (at && body_of(clist_content(m), &got[ng].b, &got[ng].len))
			got[ng++].i = (size_t)(at - uids);
	}
	qsort(got, ng, sizeof *got, cmp_fetched);
	for (size_t j = 0; j < ng && rc == 0; j++)
		if (j == 0 || got[j].i != got[j - 1].i)
			rc = each(arg, base + got[j].i, got[j].b,
			    got[j].len) != 0;
	free(got);
	return rc;
}

/* What names a failed UID FETCH of uids[0..k): "UID FETCH 7", or
 * "UID FETCH 3:9 (5 messages)"; malloc'd. */
static char *
fetch_name(const uint32_t *uids, size_t k)
{
	if (k == 1)
		return xasprintf("UID FETCH %u", (unsigned)uids[0]);
	return xasprintf("UID FETCH %u:%u (%zu messages)", (unsigned)uids[0],
	    (unsigned)uids[k - 1], k);
}

/*
 * The bodies of uids[0..n) (ascending; sizes as fetch_span's), as few at
 * a time as fetch_span says, each returned handed to each in UID order;
 * one expunged meanwhile is not.  what names the command (NULL: its
 * UIDs).  0, -1 after reporting, or 1 when each stopped it.
 */
static int
fetch_each(struct imap *im, const uint32_t *uids, const uint32_t *sizes,
    size_t big, size_t n, const char *what, fetched_fn *each, void *arg)
{
	for (size_t i = 0, k; i < n; i += k) {
		clist *res = NULL;
		int r;

		k = fetch_span(sizes ? sizes + i : NULL, big, n - i);
		r = fetch_bodies(im, uid_set(uids + i, k), &res);
		if (!etpan_ok(r)) {
			char *name = what ? NULL : fetch_name(uids + i, k);

			fail(im, what ? what : name, r);
			free(name);
			return -1;
		}
		r = hand_each(res, uids + i, k, each, arg, i);
		mailimap_fetch_list_free(res);
		if (r)
			return 1;
	}
	return 0;
}

int
imap_fetch_set(struct imap *im, const uint32_t *uids,
    const uint32_t *sizes, size_t n, fetched_fn *each, void *arg)
{
	uint32_t *own = NULL;
	int rc;

	if (!sizes) {
		/* their sizes first: 250 notices of 64 MB must not come at
		 * once */
		sizes = own = xcalloc(n ? n : 1, sizeof *own);
		if (imap_sizes(im, uids, n, own) == -1) {
			free(own);
			return -1;
		}
	}
	rc = fetch_each(im, uids, sizes, 0, n, NULL, each, arg);
	free(own);
	return rc;
}

/* What read_candidates' fetch matches against. */
struct look {
	const struct imap_again *again;
	size_t n;
	int *had;
};

static int
look_match(void *arg, size_t i, const char *b, size_t len)
{
	struct look *lk = arg;

	(void)i;
	match(lk->again, lk->n, lk->had, b, len);
	return 0;
}

/* Reads uids[0..nu), the candidates, and marks in had what they are.
 * 0 / -1 after reporting. */
static int
read_candidates(struct imap *im, const uint32_t *uids, size_t nu,
    const struct imap_again *again, size_t n, int *had)
{
	struct look lk = { again, n, had };
	size_t big = 1;

	for (size_t i = 0; i < n; i++)
		big = again[i].len > big ? again[i].len : big;
	return fetch_each(im, uids, NULL, big, nu,
	    "UID FETCH of the candidate copies", look_match, &lk);
}

void
imap_again_set(struct imap_again *again, const char *msg, size_t len,
    const char *message_id)
{
	struct sha256_ctx h;

	again->len = len;
	again->message_id = message_id;
	sha256_init(&h);
	sha256_update(&h, len, (const uint8_t *)(msg ? msg : ""));
	sha256_digest(&h, sizeof again->sha256, again->sha256);
}

/*
 * This is how a copy that an earlier run's UID COPY made, its \Deleted
 * and EXPUNGE never sent (the run killed), is found and not made twice:
 * the candidates (copy_key, one SEARCH for a batch), then their bytes.
 * One look for a batch: one each cost an EXAMINE and a SELECT a message.
 */
int
imap_copied_set(struct imap *im, const char *folder,
    const struct imap_again *again, size_t n, int *had)
{
	uint32_t *uids = NULL, v;
	size_t nu = 0;
	int rc = 0;

	memset(had, 0, n * sizeof *had);
	if (n == 0)
		return 0;
	if (open_folder(im, folder, 1, &v) == -1)
		return -1;
	if (candidates(im, again, n, &uids, &nu) == -1 ||
	    read_candidates(im, uids, nu, again, n, had) == -1)
		rc = -1;
	free(uids);
	return reselect(im) == -1 ? -1 : rc;
}

int
imap_has_move(const struct imap *im)
{
	return im->can_move;
}

/* 1 when message uid is in the selected folder, 0 when not (another
 * client expunged it), -1 after reporting. */
static int
still_there(struct imap *im, uint32_t uid)
{
	uint32_t *uids = NULL;
	size_t n = 0;

	if (search_uids(im, mailimap_search_key_new_uid(
	    mailimap_set_new_single(uid)), "UID SEARCH UID", &uids, &n) == -1)
		return -1;
	free(uids);
	return n > 0;
}

/* imap_move's outcome when what (a step of the move) failed with r. */
static int
move_failed(struct imap *im, uint32_t uid, const char *folder,
    const char *what, int r)
{
	char *said = server_said(im, r) ? xstrdup(server_said(im, r)) : NULL;
	char *cmd;
	/* Dovecot says NO to a message expunged under us: no full folder */
	int there = refused(r) ? still_there(im, uid) : 1;

	if (there == 1) {
		cmd = xasprintf("%s %u %s", what, (unsigned)uid, folder);
		fail_said(im, cmd, r, said);
		free(cmd);
	}
	free(said);
	if (there != 1)
		return there == 0 ? 2 : -1;
	return refused(r) ? 1 : -1;
}

/*
 * UID EXPUNGE of set; without UIDPLUS a plain EXPUNGE, which RFC 3501
 * gives no way to aim: it expunges every message of the folder flagged
 * \Deleted, another client's too.  *what names the command.
 */
static int
expunge(struct imap *im, struct mailimap_set *set, const char **what)
{
	*what = im->can_uidplus ? "UID EXPUNGE" : "EXPUNGE";
	return im->can_uidplus ? mailimap_uid_expunge(im->s, set) :
	    mailimap_expunge(im->s);
}

/* The end of a move by COPY: the originals in set flagged \Deleted and
 * expunged.  libetpan's code; *what names the step it stopped at. */
static int
drop_originals(struct imap *im, struct mailimap_set *set, const char **what)
{
	int r;

	*what = "UID STORE \\Deleted";
	r = mark_deleted(im, set, 1);
	return etpan_ok(r) ? expunge(im, set, what) : r;
}

int
imap_move(struct imap *im, uint32_t uid, const char *folder)
{
	struct mailimap_set *set;
	const char *what = "UID MOVE";
	char *w;
	int r;

	set = mailimap_set_new_single(uid);
	w = wire(folder);
	if (im->can_move) {
		r = mailimap_uid_move(im->s, set, w);
	} else {
		what = "UID COPY";
		r = mailimap_uid_copy(im->s, set, w);
		if (etpan_ok(r))
			r = drop_originals(im, set, &what);
	}
	mailimap_set_free(set);
	free(w);
	return etpan_ok(r) ? 0 : move_failed(im, uid, folder, what, r);
}

int
imap_move_set(struct imap *im, const uint32_t *uids, size_t n,
    const char *folder, int copied)
{
	struct mailimap_set *set;
	const char *what = "UID MOVE";
	char *w, *cmd;
	int r;

	if (n == 0)
		return 0;
	set = uid_set(uids, n);
	w = wire(folder);
	if (copied) {
		r = drop_originals(im, set, &what);
	} else if (im->can_move) {
		r = mailimap_uid_move(im->s, set, w);
	} else {
		what = "UID COPY";
		r = mailimap_uid_copy(im->s, set, w);
		if ((copied = etpan_ok(r)))
			r = drop_originals(im, set, &what);
	}
	mailimap_set_free(set);
	free(w);
	if (etpan_ok(r))
		return 0;
	/* a MOVE or COPY refused moved nothing (RFC 3501 6.4.7, RFC 6851
	 * 3.3): one by one, imap_move tells a full folder from a message
	 * another client expunged meanwhile */
	if (refused(r) && !copied)
		return 1;
	cmd = xasprintf("%s of %zu messages (UID %u to %u) to %s", what, n,
	    (unsigned)uids[0], (unsigned)uids[n - 1], folder);
	fail(im, cmd, r);
	free(cmd);
	return refused(r) ? 2 : -1;
}

int
imap_undelete(struct imap *im, const uint32_t *uids, size_t n)
{
	struct mailimap_set *set;
	int r;

	if (n == 0)
		return 0;
	set = uid_set(uids, n);
	r = mark_deleted(im, set, 0);
	mailimap_set_free(set);
	if (etpan_ok(r))
		return 0;
	fail(im, "UID STORE -FLAGS \\Deleted", r);
	return refused(r) ? 1 : -1;
}

int
imap_expunge(struct imap *im, const uint32_t *uids, size_t n)
{
	struct mailimap_set *set;
	const char *what;
	int r;

	if (n == 0)
		return 0;
	set = uid_set(uids, n);
	r = expunge(im, set, &what);
	mailimap_set_free(set);
	if (etpan_ok(r))
		return 0;
	fail(im, what, r);
	return refused(r) ? 1 : -1;
}

/* Whether a listed mailbox name is w: INBOX in any case (RFC 3501 5.1). */
static int
same_mailbox(const char *listed, const char *w)
{
	if (!strcasecmp(w, "INBOX"))
		return !strcasecmp(listed, "INBOX");
	return !strcmp(listed, w);
}

int
imap_folder_exists(struct imap *im, const char *folder)
{
	clist *res = NULL;
	char *w = wire(folder);
	int r = mailimap_list(im->s, "", w, &res), found = 0;

	if (!etpan_ok(r)) {
		free(w);
		return fail(im, "LIST", r);
	}
	/* "%" and "*" in the name are wildcards to LIST: the folders it
	 * matched are not all the one named */
	for (clistiter *i = clist_begin(res); i && !found; i = clist_next(i)) {
		struct mailimap_mailbox_list *mb = clist_content(i);

		found = mb->mb_name && same_mailbox(mb->mb_name, w);
	}
	free(w);
	mailimap_list_result_free(res);
	return found;
}

int
imap_ensure_folder(struct imap *im, const char *folder)
{
	int r = imap_folder_exists(im, folder);
	char *w;

	if (r != 0)
		return r == 1 ? 0 : -1;
	w = wire(folder);
	r = mailimap_create(im->s, w);
	free(w);
	if (!etpan_ok(r)) {
		w = xasprintf("CREATE %s", folder);
		fail(im, w, r);
		free(w);
		return refused(r) ? 1 : -1;
	}
	return 0;
}
