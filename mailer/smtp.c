/*
 * smtp: SMTP submission through libcurl, one thread per connection: the
 * SMTP back end of transport.h.  See smtp.h.
 *
 * RFC 5321 (SMTP), RFC 3207 (STARTTLS), RFC 8314 (implicit TLS, smtps://),
 * RFC 4954 (AUTH), RFC 6531 (SMTPUTF8: an internationalised recipient
 * only where the EHLO announced it), RFC 2920 (PIPELINING).  libcurl
 * opens each connection, secures and authenticates it (CURLOPT_CONNECT_ONLY:
 * greeting, EHLO, STARTTLS, AUTH); this file then runs each mail
 * transaction itself over that connection (smtpwire.h writes its bytes):
 * MAIL FROM, RCPT TO and DATA in one write where the EHLO announced
 * PIPELINING, the message with its dots stuffed, and the final ".".
 * libcurl's own transfer cost 200 us of CPU a message more (its upload
 * path scans every byte for dots one at a time), and into a real Postfix
 * on two cores mailer reached 0.79 of smtp-source where a transaction of
 * our own reaches it (tests/bench/relay.sh).  It picks relays, feeds
 * messages and classifies each outcome by the command it answered.
 *
 * Each connection has its own thread and its own easy handle, and waits
 * for its replies by itself: a relay with its queue on disk takes a few
 * milliseconds to answer the final "." (it syncs the queue file first),
 * and in one multi-interface loop that wait stalled every other
 * connection, so more connections gave no more throughput
 * (tests/bench/relay.sh measures both).  The thread that calls
 * smtp_run still does everything else: it asks for messages, picks relays
 * and hears every outcome, so the caller's callbacks run on it alone.
 *
 * A busy connection is also handed its next message ahead (conn.next),
 * and its thread starts that one the moment the last one ended, on the
 * same connection: waiting for the smtp_run thread to hear the outcome,
 * have it committed and hand over the next message cost 160-200 us a
 * message, a fifth of a message's time into smtp-sink (README).  The
 * outcome is committed meanwhile (transport_sync_fn), and the new
 * message's end waits for that commit (send_body), so the journal's
 * guarantee stays: at most one accepted message per connection whose
 * outcome is not on disk.
 */
#include "smtp.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "relays.h"
#include "smtpwire.h"
#include "util.h"
#include "verp.h"

#define POLL_MS 200	/* longest wait before looking at *stop again */
#define NOREPLY_REST 2	/* messages in a row with no reply to "." that
			   rest their relay */
#define REFUSED_REST 2	/* messages in a row whose MAIL FROM got a 4xx
			   that rest their relay */
#define REPLY_MAX 8192	/* a longer reply to MAIL, RCPT, DATA or "." is
			   no server's */

/* The last command sent: a failure is judged by what it answered. */
enum phase { PH_SESSION, PH_MAIL, PH_RCPT, PH_DATA };

/*
 * Whether a connection's worker is sending.  A handover goes through
 * s->mu, so what one side wrote the other then reads safely.
 */
enum turn { TURN_IDLE, TURN_WORK };

/*
 * A connection's last outcome: none waiting, ended (for the smtp_run
 * thread to hear), heard (done() called, sync() not yet).
 */
enum out { OUT_NONE, OUT_ENDED, OUT_HEARD };

/* A finished transfer, as the worker leaves it for the smtp_run thread. */
struct outcome {
	struct transport_msg msg;
	size_t relay, tries;
	CURLcode rc;
	long code;		/* the last reply's */
	enum phase phase;
	int data_ended;		/* the message's end went to libcurl */
	int in_tls;		/* STARTTLS went out, nothing since */
	int aborting;
	int no_utf8;		/* held: EAI recipient, relay without
				   SMTPUTF8 */
	int reused;		/* on a connection a message before opened */
	int restarted;		/* the worker went on with conn.next */
	struct buf reply;	/* the last server reply */
	char err[CURL_ERROR_SIZE];
};

struct relay {
	char *url;
	char *label;		/* the URL without credentials */
	time_t down_until;
	int limited;		/* a connection over its limit was said */
	int no_utf8;		/* its EHLO lacked SMTPUTF8 (said once) */
	int noreply;		/* messages in a row without a reply to "." */
	int refused;		/* messages in a row with a 4xx to MAIL */
};

struct conn {
	struct smtp *s;
	CURL *easy;
	pthread_t thread;
	int has_thread;
	pthread_cond_t go;	/* the worker waits here (turn, out, sync) */
	enum turn turn;		/* under s->mu */
	enum out out_state;	/* under s->mu */
	struct outcome out;	/* the worker's until OUT_ENDED */
	struct transport_msg next;	/* handed over ahead; under s->mu */
	int has_next;		/* under s->mu */
	int busy;		/* a message of it is not heard yet (smtp_run
				   thread's) */
	long used;		/* messages on the current connection */
	int open;		/* its connection is up (worker's) */
	int opened;		/* this message opened it (worker's) */
	int broken;		/* lost mid-command: closed without QUIT */
	int clean;		/* refused, its transaction over: the
				   connection carries the next message */
	curl_socket_t sock;	/* the open connection's (worker's) */
	long code;		/* the last reply's to our own commands; -1:
				   libcurl's (the session) */
	char in[REPLY_MAX];	/* replies read, not yet taken */
	size_t inlen;
	struct buf wire;	/* commands, or the message stuffed */
	int forbid;		/* this message closes the connection */
	int retired;		/* over the relay's connection limit: unused
				   for the rest of smtp_run */
	size_t relay, tries;
	long conn_relay;	/* the relay its open connection goes to */
	struct transport_msg msg;
	int data_ended;		/* the final "." went out */
	atomic_int phase;	/* enum phase; leaves PH_SESSION under s->mu */
	atomic_int aborting;	/* a stop came before MAIL FROM */
	atomic_int greeted;	/* its open connection had a 2xx greeting */
	struct buf reply;	/* the last server reply */
	int reply_done;		/* its last line was "NNN " */
	int quitting;		/* QUIT sent: its 221 is no outcome */
	int in_tls;		/* STARTTLS sent, no command since (its
				   handshake under way) */
	int in_ehlo;		/* EHLO sent, no command since */
	int utf8;		/* the open connection's last EHLO reply
				   announced SMTPUTF8 (worker's) */
	int pipelining;		/* ... and PIPELINING */
	int dsn;		/* ... and DSN (RFC 3461) */
	int eai;		/* the recipient is not ASCII (RFC 6531) */
	int no_utf8;		/* held back: EAI, no SMTPUTF8 */
	curl_socket_t fd;	/* the connection's socket; under s->mu */
	char err[CURL_ERROR_SIZE];
};

struct smtp {
	struct relay *relays;
	size_t nrelays;
	enum relay_mode mode;
	long *weights;		/* per relay; NULL: all 1 */
	int *up;		/* scratch for pick_relay */
	struct conn *conns;
	long nconns;
	long held;		/* messages from next() not yet done() */
	long use_ssl, verify, timeout, per_conn, cooldown;
	char *ca_file, *username, *password;
	double interval, next_start;	/* rate limit, monotonic seconds */
	int ahead;		/* busy connections get their next message */
	int no_relay;
	long finished;		/* messages ended, for TRANSPORT_RUN_PUMP */
	transport_done_fn done;
	transport_sync_fn sync;
	void *arg;
	pthread_mutex_t mu;
	pthread_cond_t ended;	/* a worker finished, or a wakeup */
	long ndone;		/* connections at OUT_ENDED; under mu */
	int sync_failed;	/* under mu: no message may end any more */
	int woken;		/* smtp_wakeup was called; under mu */
	int closing;		/* workers exit; under mu */
};

/* 1 when s is all ASCII (an RFC 5321 address, not an RFC 6531 one). */
static int
ascii_only(const char *s)
{
	while (*s)
		if ((unsigned char)*s++ >= 0x80)
			return 0;
	return 1;
}

/*
 * 1 once the connection's last outcome is synced, 0 when it never will
 * be (sync failed, or closing): then this message must not end.
 */
static int
settled(struct conn *c)
{
	struct smtp *s = c->s;
	int ok;

	pthread_mutex_lock(&s->mu);
	while (c->out_state != OUT_NONE && !s->sync_failed && !s->closing)
		pthread_cond_wait(&c->go, &s->mu);
	ok = c->out_state == OUT_NONE && !s->sync_failed;
	pthread_mutex_unlock(&s->mu);
	return ok;
}

/* Appends a reply line; a new reply starts after a final "NNN " line. */
static void
reply_in(struct conn *c, const char *p, size_t n)
{
	const char *last;

	if (c->reply_done) {
		buf_reset(&c->reply);
		c->reply_done = 0;
	}
	buf_add(&c->reply, p, n);
	while (c->reply.len && (c->reply.data[c->reply.len - 1] == '\n' ||
	    c->reply.data[c->reply.len - 1] == '\r'))
		c->reply.data[--c->reply.len] = '\0';
	if (c->reply.len == 0)
		return;
	last = strrchr(c->reply.data, '\n');
	last = last ? last + 1 : c->reply.data;
	c->reply_done = strlen(last) == 3 || last[3] == ' ';
	buf_addc(&c->reply, '\n');	/* stripped again at the end */
}

/*
 * The worker's phase leaves PH_SESSION under s->mu: see abort_sessions,
 * which looks only at whether it has.  The later moves need no lock, two
 * a message fewer for the smtp_run thread to wait on.
 */
static void
set_phase(struct conn *c, enum phase ph)
{
	if (atomic_load(&c->phase) != PH_SESSION) {
		atomic_store(&c->phase, ph);
		return;
	}
	pthread_mutex_lock(&c->s->mu);
	atomic_store(&c->phase, ph);
	pthread_mutex_unlock(&c->s->mu);
}

static void
command_out(struct conn *c, const char *p, size_t n)
{
	c->in_tls = n >= 8 && !strncmp(p, "STARTTLS", 8);
	/* repeated after STARTTLS: only the last reply counts */
	if ((c->in_ehlo = n >= 4 && !strncmp(p, "EHLO", 4)))
		c->utf8 = c->pipelining = c->dsn = 0;
	if (n >= 10 && !strncmp(p, "MAIL FROM:", 10))
		set_phase(c, PH_MAIL);
	else if (n >= 8 && !strncmp(p, "RCPT TO:", 8))
		set_phase(c, PH_RCPT);
	else if (n >= 4 && !strncmp(p, "DATA", 4))
		set_phase(c, PH_DATA);
	else if (n >= 4 && !strncmp(p, "QUIT", 4))
		c->quitting = 1;
}

static int
debug_cb(CURL *h, curl_infotype type, char *p, size_t n, void *arg)
{
	struct conn *c = arg;

	(void)h;
	if (type == CURLINFO_HEADER_IN && !c->quitting) {
		if (n && *p == '2' && atomic_load(&c->phase) == PH_SESSION)
			atomic_store(&c->greeted, 1);
		reply_in(c, p, n);
		if (c->in_ehlo && smtpwire_ehlo_has(p, n, "SMTPUTF8"))
			c->utf8 = 1;
		if (c->in_ehlo && smtpwire_ehlo_has(p, n, "PIPELINING"))
			c->pipelining = 1;
		if (c->in_ehlo && smtpwire_ehlo_has(p, n, "DSN"))
			c->dsn = 1;
	}
	else if (type == CURLINFO_HEADER_OUT)
		command_out(c, p, n);
	return 0;
}

/* 1 when a stop came before MAIL FROM: the transfer is given up. */
static int
stopping(struct conn *c)
{
	return atomic_load(&c->aborting) &&
	    atomic_load(&c->phase) == PH_SESSION;
}

/* Also called while resolving and connecting, where no socket exists. */
static int
progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return stopping(arg);
}

static int
sockopt_cb(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct conn *c = arg;

	(void)purpose;
	pthread_mutex_lock(&c->s->mu);
	c->fd = fd;
	pthread_mutex_unlock(&c->s->mu);
	return stopping(c) ? CURL_SOCKOPT_ERROR : CURL_SOCKOPT_OK;
}

/*
 * The socket is forgotten before it is closed, so abort_sessions never
 * shuts down a descriptor number that another connection reuses.
 */
static int
closesocket_cb(void *arg, curl_socket_t fd)
{
	struct conn *c = arg;

	pthread_mutex_lock(&c->s->mu);
	if (c->fd == fd)
		c->fd = CURL_SOCKET_BAD;
	pthread_mutex_unlock(&c->s->mu);
	return close(fd);
}

#define SETOPT(h, o, v) do {						\
	if (curl_easy_setopt(h, o, v) != CURLE_OK) {			\
		warnx("libcurl: cannot set " #o);			\
		return -1;						\
	}								\
} while (0)

/* The options every message of a handle shares. */
static int
setup_easy(struct smtp *s, struct conn *c)
{
	CURL *h = c->easy;
	/* libcurl refuses more than INT_MAX ms: 24 days is no limit either */
	long wait = s->timeout > INT_MAX / 1000 ? INT_MAX / 1000 : s->timeout;

	SETOPT(h, CURLOPT_PRIVATE, c);
	SETOPT(h, CURLOPT_NOSIGNAL, 1L);
	/* libcurl's part ends after EHLO, STARTTLS and AUTH */
	SETOPT(h, CURLOPT_CONNECT_ONLY, 1L);
	SETOPT(h, CURLOPT_URL, s->relays[c->relay].url);
	SETOPT(h, CURLOPT_ERRORBUFFER, c->err);
	SETOPT(h, CURLOPT_VERBOSE, 1L);	/* feeds debug_cb, prints nothing */
	SETOPT(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	SETOPT(h, CURLOPT_DEBUGDATA, c);
	SETOPT(h, CURLOPT_NOPROGRESS, 0L);
	SETOPT(h, CURLOPT_XFERINFOFUNCTION, progress_cb);
	SETOPT(h, CURLOPT_XFERINFODATA, c);
	SETOPT(h, CURLOPT_SOCKOPTFUNCTION, sockopt_cb);
	SETOPT(h, CURLOPT_SOCKOPTDATA, c);
	SETOPT(h, CURLOPT_CLOSESOCKETFUNCTION, closesocket_cb);
	SETOPT(h, CURLOPT_CLOSESOCKETDATA, c);
	SETOPT(h, CURLOPT_USE_SSL, s->use_ssl);
	SETOPT(h, CURLOPT_SSL_VERIFYPEER, s->verify);
	SETOPT(h, CURLOPT_SSL_VERIFYHOST, s->verify ? 2L : 0L);
	if (s->ca_file)
		SETOPT(h, CURLOPT_CAINFO, s->ca_file);
	if (s->username)
		SETOPT(h, CURLOPT_USERNAME, s->username);
	if (s->password)
		SETOPT(h, CURLOPT_PASSWORD, s->password);
	SETOPT(h, CURLOPT_CONNECTTIMEOUT, wait);
	SETOPT(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, wait);
	return 0;
}

/* Connection conn's relay among those not cooling down, or -1. */
static long
pick_relay(struct smtp *s, long conn)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < s->nrelays; i++)
		s->up[i] = s->relays[i].down_until <= now;
	return relays_pick(s->mode, s->weights, s->up, s->nrelays, conn);
}

/*
 * For an internationalised recipient, a relay not yet seen without
 * SMTPUTF8 this run, preferring relay when it is one; -1 when none is
 * up.
 */
static long
pick_utf8_relay(struct smtp *s, long conn, long relay)
{
	time_t now = time(NULL);

	if (relay >= 0 && !s->relays[relay].no_utf8)
		return relay;
	for (size_t i = 0; i < s->nrelays; i++)
		s->up[i] = s->relays[i].down_until <= now &&
		    !s->relays[i].no_utf8;
	return relays_pick(s->mode, s->weights, s->up, s->nrelays, conn);
}

static int arm(struct smtp *, struct conn *, size_t);

/* Monotonic milliseconds. */
static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * When transport.timeout from now runs out: a reply must be whole by
 * then, however it trickles in, as libcurl's own had to (a server that
 * sent a byte a second held a message for ever).  A timeout of years is
 * one that never ends, not one that wraps around.
 */
static long long
deadline(const struct smtp *s)
{
	long long cap = 1000LL * 86400 * 365 * 100;	/* a century */

	return now_ms() + (s->timeout > cap / 1000 ? cap : s->timeout *
	    1000LL);
}

/*
 * Waits until the connection is ready for what (POLLIN, POLLOUT):
 * CURLE_OK, CURLE_OPERATION_TIMEDOUT once until has passed.
 */
static CURLcode
io_wait(struct conn *c, short what, long long until)
{
	struct pollfd p = { .fd = c->sock, .events = what };
	int n;

	do {
		long long left = until - now_ms();

		if (left <= 0)
			return CURLE_OPERATION_TIMEDOUT;
		n = poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
	} while (n == 0 || (n == -1 && errno == EINTR));
	return CURLE_OK;	/* an error shows in the send or recv after */
}

static CURLcode
io_send(struct conn *c, const char *p, size_t n)
{
	while (n) {
		size_t sent = 0;
		CURLcode rc = curl_easy_send(c->easy, p, n, &sent);

		/* each write that goes out starts the time again */
		if (rc == CURLE_AGAIN)
			rc = io_wait(c, POLLOUT, deadline(c->s));
		else if (rc == CURLE_OK) {
			p += sent;
			n -= sent;
		} else
			rc = CURLE_SEND_ERROR;
		if (rc != CURLE_OK) {
			c->broken = 1;
			return rc;
		}
	}
	return CURLE_OK;
}

/* Reply lines into c->reply, as debug_cb takes the session's. */
static void
reply_take(struct conn *c, size_t len)
{
	const char *p = c->in, *end = c->in + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		reply_in(c, p, (size_t)(nl + 1 - p));
		p = nl + 1;
	}
	c->inlen -= len;
	memmove(c->in, c->in + len, c->inlen);
}

/*
 * The next whole reply: its code into c->code (and the text into
 * c->reply).  A recv is tried before each wait: a TLS record read
 * whole may hold more than one reply.
 */
static CURLcode
io_reply(struct conn *c)
{
	long long until = deadline(c->s);

	for (;;) {
		size_t got = 0, len;
		int code;
		CURLcode rc;

		if ((len = smtpwire_reply(c->in, c->inlen, &code))) {
			reply_take(c, len);
			c->code = code;
			if (code >= 0)
				return CURLE_OK;
			snprintf(c->err, sizeof c->err, "a reply line that "
			    "starts with no code");
			c->broken = 1;
			return CURLE_WEIRD_SERVER_REPLY;
		}
		if (c->inlen == sizeof c->in) {
			snprintf(c->err, sizeof c->err, "a reply longer than "
			    "%zu bytes", sizeof c->in);
			c->broken = 1;
			return CURLE_WEIRD_SERVER_REPLY;
		}
		rc = curl_easy_recv(c->easy, c->in + c->inlen,
		    sizeof c->in - c->inlen, &got);
		if (rc == CURLE_AGAIN)
			rc = io_wait(c, POLLIN, until);
		else if (rc == CURLE_OK && got == 0)
			rc = CURLE_RECV_ERROR;	/* closed */
		else if (rc == CURLE_OK)
			c->inlen += got;
		else
			rc = CURLE_RECV_ERROR;
		if (rc != CURLE_OK) {
			c->broken = 1;
			return rc;
		}
	}
}

/*
 * 1 when an idle connection may carry the next message: nothing came on
 * it since (a relay that closes an idle session says 421 first, or just
 * closes).  A TLS record without data (a session ticket) leaves it up.
 */
static int
io_alive(struct conn *c)
{
	struct pollfd p = { .fd = c->sock, .events = POLLIN };
	size_t got = 0;
	CURLcode rc;

	if (c->inlen)
		return 0;
	if (poll(&p, 1, 0) == 0)
		return 1;
	rc = curl_easy_recv(c->easy, c->in, sizeof c->in, &got);
	c->inlen = 0;	/* an unasked reply: nobody's */
	return rc == CURLE_AGAIN;
}

/*
 * A command beside the transaction (RSET, QUIT) and its reply's code, or
 * -1; the last outcome's reply and code stay.
 */
static long
aside(struct conn *c, const char *cmd)
{
	struct buf outcome = c->reply;
	long code = c->code, got = -1;
	int done = c->reply_done;

	memset(&c->reply, 0, sizeof c->reply);
	c->reply_done = 0;
	if (io_send(c, cmd, strlen(cmd)) == CURLE_OK &&
	    io_reply(c) == CURLE_OK)
		got = c->code;
	buf_free(&c->reply);
	c->reply = outcome;
	c->code = code;
	c->reply_done = done;
	return got;
}

/*
 * Closes the open connection (QUIT, unless it broke mid-command: then a
 * server waiting for the rest would hold QUIT's reply for the whole
 * timeout) with its handle; the next message gets a new one.
 */
static void
conn_drop(struct conn *c)
{
	/* RFC 5321, 4.1.1.10: libcurl sends no QUIT for a connection it
	   only opened */
	if (c->open && !c->broken)
		(void)aside(c, "QUIT\r\n");
	if (c->broken) {
		pthread_mutex_lock(&c->s->mu);
		if (c->fd != CURL_SOCKET_BAD)
			shutdown(c->fd, SHUT_RDWR);
		pthread_mutex_unlock(&c->s->mu);
	}
	curl_easy_cleanup(c->easy);
	c->easy = NULL;
	c->open = c->broken = 0;
	c->inlen = 0;
}

/* libcurl opens the session: greeting, EHLO, STARTTLS, AUTH. */
static CURLcode
session_open(struct conn *c)
{
	CURLcode rc;

	if (!(c->easy = curl_easy_init())) {
		snprintf(c->err, sizeof c->err, "libcurl cannot create a "
		    "handle");
		return CURLE_FAILED_INIT;
	}
	if (setup_easy(c->s, c) == -1)
		return CURLE_FAILED_INIT;
	c->utf8 = c->pipelining = c->dsn = 0;
	if ((rc = curl_easy_perform(c->easy)) != CURLE_OK)
		return rc;
	if (curl_easy_getinfo(c->easy, CURLINFO_ACTIVESOCKET, &c->sock) !=
	    CURLE_OK || c->sock == CURL_SOCKET_BAD)
		return CURLE_COULDNT_CONNECT;
	c->open = c->opened = 1;
	return CURLE_OK;
}

/*
 * The message, its dots stuffed; its end (".") only once the last
 * outcome of this connection is committed: see transport_sync_fn.
 */
static CURLcode
send_body(struct conn *c)
{
	const struct transport_msg *m = &c->msg;
	int bol = 1;
	CURLcode rc;

	buf_reset(&c->wire);
	if (m->head_len)
		smtpwire_stuff(&c->wire, m->head, m->head_len, &bol);
	smtpwire_stuff(&c->wire, m->data, m->len, &bol);
	if ((rc = io_send(c, c->wire.data, c->wire.len)) != CURLE_OK)
		return rc;
	if (!settled(c)) {
		c->broken = 1;	/* the server waits for the rest */
		return CURLE_ABORTED_BY_CALLBACK;	/* not sent: TEMPFAIL */
	}
	buf_reset(&c->wire);
	smtpwire_end(&c->wire, bol);
	if ((rc = io_send(c, c->wire.data, c->wire.len)) != CURLE_OK)
		return rc;
	c->data_ended = 1;
	if ((rc = io_reply(c)) != CURLE_OK)
		return rc;
	if (c->code / 100 == 2)
		return CURLE_OK;
	c->clean = c->code != 421;	/* refused: the transaction is over */
	return CURLE_WEIRD_SERVER_REPLY;
}

/*
 * MAIL FROM, RCPT TO, DATA: in one write with PIPELINING, else one at a
 * time.  The phase is the command whose reply is awaited, so a failure
 * is judged by what it answered.  After a refusal the replies still due
 * are read (the connection then QUITs cleanly), unless DATA was taken.
 */
static CURLcode
send_envelope(struct conn *c)
{
	static const int want[] = { 2, 2, 3 };
	static const enum phase ph[] = { PH_MAIL, PH_RCPT, PH_DATA };
	size_t cut[2], from = 0, to;
	CURLcode rc = CURLE_OK, failed = CURLE_OK;
	long code = 0;
	struct buf keep = BUF_INIT;

	buf_reset(&c->wire);
	smtpwire_commands(&c->wire, c->msg.from, c->msg.rcpt, c->eai,
	    c->dsn ? c->msg.envid : NULL, cut);
	/*
	 * out of PH_SESSION before the group goes: a write lost is a
	 * transaction lost (not sent), not a relay without a session, and a
	 * stop (abort_sessions) then cuts no transaction under way
	 */
	if (c->pipelining) {
		set_phase(c, PH_MAIL);
		rc = io_send(c, c->wire.data, c->wire.len);
	}
	for (int i = 0; i < 3 && rc == CURLE_OK; i++) {
		to = i < 2 ? cut[i] : c->wire.len;
		if (!failed)
			set_phase(c, ph[i]);
		if (!c->pipelining && failed)
			break;	/* the refused command was the last sent */
		if (!c->pipelining)
			rc = io_send(c, c->wire.data + from, to - from);
		from = to;
		if (rc != CURLE_OK || (rc = io_reply(c)) != CURLE_OK)
			break;
		if (failed && c->code / 100 == 3)
			c->broken = 1;	/* DATA taken: the server waits */
		if (!failed && c->code / 100 != want[i]) {
			failed = CURLE_SEND_ERROR;
			code = c->code;
			buf_reset(&keep);
			buf_add(&keep, c->reply.data, c->reply.len);
		}
	}
	if (failed) {	/* the refusal, not the 503s after it */
		c->code = code;
		buf_reset(&c->reply);
		buf_add(&c->reply, keep.data, keep.len);
		rc = failed;
		/*
		 * RFC 5321, 4.1.1.5: the next MAIL FROM after RSET, on this
		 * connection, not after a new EHLO, STARTTLS and AUTH; a 421
		 * closes it anyway
		 */
		c->clean = !c->broken && code != 421 &&
		    aside(c, "RSET\r\n") / 100 == 2;
	}
	buf_free(&keep);
	return rc;
}

/* One message on c: a session opened (or the open one), then its mail. */
static CURLcode
transact(struct conn *c)
{
	CURLcode rc;

	c->opened = 0;
	if (c->open && (c->used == 0 || !io_alive(c)))
		conn_drop(c);
	if (!c->open && (rc = session_open(c)) != CURLE_OK) {
		c->code = 0;	/* the greeting's, AUTH's: libcurl's */
		if (c->easy)
			curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE,
			    &c->code);
		c->broken = 1;
		conn_drop(c);
		return rc;
	}
	c->code = 0;	/* ours from here on */
	/* RFC 6531, 3.4: an internationalised recipient needs SMTPUTF8 */
	if ((c->no_utf8 = c->eai && !c->utf8))
		return CURLE_ABORTED_BY_CALLBACK;
	if (stopping(c))
		return CURLE_ABORTED_BY_CALLBACK;
	if ((rc = send_envelope(c)) != CURLE_OK)
		return rc;
	return send_body(c);
}

/* The finished transfer, kept for the smtp_run thread (s->mu held). */
static void
outcome_take(struct conn *c, CURLcode rc)
{
	struct outcome *o = &c->out;
	struct buf t;

	o->rc = rc;
	o->code = c->code < 0 ? 0 : c->code;
	o->msg = c->msg;
	o->relay = c->relay;
	o->tries = c->tries;
	o->phase = atomic_load(&c->phase);
	o->data_ended = c->data_ended;
	o->in_tls = c->in_tls;
	o->aborting = atomic_load(&c->aborting);
	o->no_utf8 = c->no_utf8;
	o->reused = !c->opened;
	o->restarted = 0;
	memcpy(o->err, c->err, sizeof o->err);
	t = o->reply;	/* arm resets c->reply for the next message */
	o->reply = c->reply;
	c->reply = t;
	/* the worker closed it after a failure that was no clean refusal */
	c->used = !c->open ? 0 : (c->opened ? 1 : c->used + 1);
	c->conn_relay = c->used ? (long)c->relay : -1;
}

/*
 * On the worker, s->mu held: the outcome goes to the smtp_run thread, and
 * the message handed over ahead, if any, starts at once on the same open
 * connection.  A failure, or a connection at its message limit, leaves
 * the next message to the smtp_run thread, which picks a relay for it.
 */
static void
ended(struct smtp *s, struct conn *c, CURLcode rc)
{
	/* one outcome at a time: the last one is heard first */
	while (c->out_state != OUT_NONE && !s->closing)
		pthread_cond_wait(&c->go, &s->mu);
	outcome_take(c, rc);
	c->out_state = OUT_ENDED;
	s->ndone++;	/* the worker signals s->ended after the unlock */
	c->turn = TURN_IDLE;
	if (rc != CURLE_OK || !c->used || !c->has_next || s->closing)
		return;
	c->msg = c->next;
	c->tries = 0;
	if (arm(s, c, c->relay) == -1) {
		c->next = c->msg;	/* the smtp_run thread tries it */
		return;
	}
	c->has_next = 0;
	c->out.restarted = 1;
	c->turn = TURN_WORK;
}

/*
 * A connection's worker: sends each message it is given, hands the result
 * back, and at the end closes its connection (QUIT) itself, so many
 * connections close at once.
 */
static void *
worker(void *arg)
{
	struct conn *c = arg;
	struct smtp *s = c->s;
	CURLcode rc;
	int work = 0;

	/* top -H, perf */
	pthread_setname_np(pthread_self(), "smtp-conn");
	for (;;) {
		if (!work) {
			pthread_mutex_lock(&s->mu);
			while (c->turn != TURN_WORK && !s->closing)
				pthread_cond_wait(&c->go, &s->mu);
			work = c->turn == TURN_WORK;
			pthread_mutex_unlock(&s->mu);
			if (!work)
				break;
		}
		rc = transact(c);
		if (c->open && (c->forbid || (rc != CURLE_OK && !c->clean)))
			conn_drop(c);
		pthread_mutex_lock(&s->mu);
		ended(s, c, rc);
		work = c->turn == TURN_WORK;	/* went on with the next */
		pthread_mutex_unlock(&s->mu);
		/*
		 * Told after the unlock: woken while this thread held s->mu,
		 * the smtp_run thread at once waited for it, and its wakeup
		 * then put this thread off the processor (perf sched).
		 */
		pthread_cond_signal(&s->ended);
	}
	conn_drop(c);
	return NULL;
}

/* The thread, on a connection's first message (its handle: transact). */
static int
conn_init(struct conn *c)
{
	sigset_t all, old;
	int rc;

	/* signals are the smtp_run thread's (its caller's stop flag) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, worker, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		warnx("cannot start a sending thread: %s", strerror(rc));
		return -1;
	}
	c->has_thread = 1;
	return 0;
}

/*
 * Sets the handle up for c->msg to relay; run by whichever side owns the
 * idle connection (the smtp_run thread, or the worker going on ahead).
 */
static int
arm(struct smtp *s, struct conn *c, size_t relay)
{
	c->relay = relay;
	c->data_ended = 0;
	atomic_store(&c->phase, PH_SESSION);
	atomic_store(&c->aborting, 0);
	c->err[0] = '\0';
	buf_reset(&c->reply);
	c->reply_done = 0;
	c->code = -1;
	c->clean = 0;
	c->quitting = 0;
	c->in_tls = 0;
	c->in_ehlo = 0;
	c->no_utf8 = 0;
	c->eai = !ascii_only(c->msg.rcpt);
	if ((long)relay != c->conn_relay)
		c->used = 0;	/* a new connection, to that relay */
	c->forbid = c->used + 1 >= s->per_conn;
	if (c->used == 0)
		atomic_store(&c->greeted, 0);
	return 0;
}

static int
start(struct smtp *s, struct conn *c, size_t relay)
{
	if (!c->has_thread && conn_init(c) == -1)
		return -1;
	if (arm(s, c, relay) == -1)
		return -1;
	c->busy = 1;
	pthread_mutex_lock(&s->mu);
	c->turn = TURN_WORK;
	pthread_cond_signal(&c->go);
	pthread_mutex_unlock(&s->mu);
	return 0;
}

static enum transport_result
classify(const struct outcome *o)
{
	if (o->rc == CURLE_OK)
		return TRANSPORT_OK;
	if (o->rc == CURLE_OUT_OF_MEMORY)
		util_oom("libcurl");	/* 71, not a deferral */
	if (o->rc == CURLE_LOGIN_DENIED)
		return TRANSPORT_AUTHFAIL;
	if (o->phase == PH_SESSION && (o->rc == CURLE_USE_SSL_FAILED ||
	    o->rc == CURLE_SSL_CONNECT_ERROR ||
	    o->rc == CURLE_PEER_FAILED_VERIFICATION))
		return TRANSPORT_TLSFAIL;
	if (o->phase == PH_SESSION)
		return TRANSPORT_CONNFAIL;
	/* the last reply is DATA's 354: none came to the "." */
	if (o->phase == PH_DATA && o->data_ended && o->code < 400)
		return TRANSPORT_NOREPLY;
	if (o->code >= 400 && o->code < 500)
		return TRANSPORT_TEMPFAIL;
	if (o->code >= 500)
		return o->phase == PH_MAIL ? TRANSPORT_CONNFAIL :
		    TRANSPORT_PERMFAIL;
	return TRANSPORT_TEMPFAIL;	/* lost mid-transaction: not sent */
}

/* The server's reply when it is the one the code came from. */
static const char *
reply_text(struct outcome *o)
{
	char num[8];

	while (o->reply.len && o->reply.data[o->reply.len - 1] == '\n')
		o->reply.data[--o->reply.len] = '\0';
	if (o->reply.len) {	/* an echo of our envelope sender */
		verp_mask(o->reply.data);
		o->reply.len = strlen(o->reply.data);
	}
	snprintf(num, sizeof num, "%03ld", o->code);
	/* a failure whose last reply is 2xx/3xx lost the connection */
	if ((o->rc == CURLE_OK || o->code >= 400) && o->reply.len >= 3 &&
	    !strncmp(o->reply.data, num, 3))
		return o->reply.data;
	return o->err[0] ? o->err : curl_easy_strerror(o->rc);
}

/*
 * What the operator reads of a message whose "." got no reply (written
 * into o->err): it may be in the subscriber's mailbox already.
 */
static const char *
noreply_text(const struct smtp *s, struct outcome *o)
{
	char why[64];

	if (o->rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(why, sizeof why, " within %ld s (transport.timeout)",
		    s->timeout);
	else
		snprintf(why, sizeof why, " (connection lost)");
	snprintf(o->err, sizeof o->err, "no reply to the message's end%s: "
	    "the relay may have taken it; tried again by the next send or "
	    "run, not by this one", why);
	return o->err;
}

/*
 * A transaction lost before the message's end, in the operator's words
 * (into o->err; libcurl's read "response reading failed (errno: 115)"):
 * NULL when a reply or another failure says more.
 */
static const char *
lost_text(const struct smtp *s, struct outcome *o)
{
	static const char *const cmd[] = { "the greeting", "MAIL FROM",
	    "RCPT TO", "DATA" };
	char why[64];

	if (o->code >= 400 || (o->rc != CURLE_RECV_ERROR &&
	    o->rc != CURLE_SEND_ERROR && o->rc != CURLE_GOT_NOTHING &&
	    o->rc != CURLE_OPERATION_TIMEDOUT))
		return NULL;
	if (o->rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(why, sizeof why, "no reply to %s within %ld s "
		    "(transport.timeout)", cmd[o->phase], s->timeout);
	else if (o->phase == PH_DATA && o->code / 100 == 3)
		/* DATA had its 354: the message was under way, not its end */
		snprintf(why, sizeof why, "connection lost in the middle of "
		    "the message");
	else
		snprintf(why, sizeof why, "connection lost before the reply "
		    "to %s", cmd[o->phase]);
	snprintf(o->err, sizeof o->err, "%s: not sent", why);
	return o->err;
}

/*
 * An internationalised recipient met a relay whose EHLO lacked SMTPUTF8:
 * said once per relay and run, with what to change.  The recipient goes
 * to another relay of the pool, or stays owed (TRANSPORT_HELD): it is
 * neither failed nor suppressed.
 */
static void
no_utf8_seen(struct smtp *s, size_t relay)
{
	struct relay *rl = &s->relays[relay];

	if (!rl->no_utf8)
		warnx("%s: the relay does not announce SMTPUTF8 (RFC 6531): "
		    "internationalised addresses (not ASCII before the @) "
		    "are not sent through it: a relay that announces it "
		    "takes them, or they stay owed; enable it on the relay "
		    "(Postfix: smtputf8_enable = yes)", rl->label);
	rl->no_utf8 = 1;
}

/* 1 when a relay other than skip is up. */
static int
others_up(const struct smtp *s, size_t skip, time_t now)
{
	for (size_t i = 0; i < s->nrelays; i++)
		if (i != skip && s->relays[i].down_until <= now)
			return 1;
	return 0;
}

/*
 * Reports a relay that gave no session, once per cool-down (the other
 * connections usually fail the same way at the same time), and rests it.
 */
static void
session_failed(struct smtp *s, struct outcome *o, enum transport_result r)
{
	struct relay *rl = &s->relays[o->relay];
	time_t now = time(NULL);

	if (rl->down_until <= now) {
		if (r == TRANSPORT_AUTHFAIL)
			warnx("%s: authentication as %s refused (check "
			    "transport.username and the password): %s",
			    rl->label, s->username ? s->username : "?",
			    printable(reply_text(o)));
		else if (o->rc == CURLE_PEER_FAILED_VERIFICATION)
			warnx("%s: the server's TLS certificate is not trusted "
			    "(ca_file %s): %s", rl->label, s->ca_file ?
			    s->ca_file : "system default",
			    printable(reply_text(o)));
		else if (o->rc == CURLE_USE_SSL_FAILED)
			warnx("%s: the relay offers no STARTTLS, and "
			    "transport.tls is required: nothing was sent to "
			    "it (%s)", rl->label, printable(reply_text(o)));
		else if (o->phase == PH_MAIL && o->code >= 500)
			warnx("%s: the relay refuses the envelope sender "
			    "bounces+TOKEN@%s (bounce_domain): it must let "
			    "mailer send from that domain: %s", rl->label,
			    strchr(o->msg.from, '@') ? strchr(o->msg.from,
			    '@') + 1 : o->msg.from,
			    printable(reply_text(o)));
		else if (o->rc == CURLE_OPERATION_TIMEDOUT && (o->in_tls ||
		    (o->reply.len == 0 && !strncmp(rl->url, "smtps:", 6))))
			warnx("%s: no reply to the TLS handshake%s within %ld "
			    "s (transport.timeout)", rl->label, o->in_tls ?
			    " after STARTTLS" : "", s->timeout);
		else if (o->rc == CURLE_OPERATION_TIMEDOUT &&
		    o->reply.len == 0)
			warnx("%s: no greeting within %ld s (transport.timeout)"
			    "; a relay that starts with TLS (port 465) is "
			    "written smtps://", rl->label, s->timeout);
		else
			warnx("%s: %s", rl->label, printable(reply_text(o)));
	}
	if (rl->down_until <= now && others_up(s, o->relay, now))
		warnx("%s: resting it for %ld s (transport.relay_cooldown): "
		    "its share goes to the relays that are up", rl->label,
		    s->cooldown);
	rl->down_until = now + s->cooldown;
}

/*
 * A relay that took messages and gave no reply to their ends, NOREPLY_REST
 * in a row, rests as one that gives no session does: each such message
 * cost transport.timeout and may be delivered, so a relay whose queue is
 * stuck would have the whole list go through it one timeout at a time,
 * every address deferred and sent again by the next run.  One lost reply
 * alone (a dropped line) rests nothing.
 */
static void
noreply_seen(struct smtp *s, struct outcome *o, enum transport_result r)
{
	struct relay *rl = &s->relays[o->relay];
	time_t now = time(NULL);

	if (r != TRANSPORT_NOREPLY) {
		if (r == TRANSPORT_OK)
			rl->noreply = 0;
		return;
	}
	if (++rl->noreply < NOREPLY_REST || rl->down_until > now)
		return;
	warnx("%s: %d messages in a row got no reply to their end: resting "
	    "it for %ld s (transport.relay_cooldown)", rl->label, rl->noreply,
	    s->cooldown);
	rl->noreply = 0;
	rl->down_until = now + s->cooldown;
}

/*
 * A relay that answers MAIL FROM with a 4xx (or RCPT TO with one that
 * names our sender: sender_at_rcpt), REFUSED_REST messages in a row,
 * rests as one that gives no session does: it refuses our sender,
 * not a recipient (a policy or lookup it cannot make, a sender quota),
 * and took its share of the list one refusal at a time (a real Postfix
 * answering "451 4.3.5 Server configuration error" took a second each),
 * each message deferred after three such tries, without a word of why.
 */
static void
refused_seen(struct smtp *s, struct outcome *o, enum transport_result r,
    const char *reply)
{
	struct relay *rl = &s->relays[o->relay];
	time_t now = time(NULL);

	if (r != TRANSPORT_TEMPFAIL || o->phase != PH_MAIL || o->code < 400) {
		if (r == TRANSPORT_OK)
			rl->refused = 0;
		return;
	}
	if (++rl->refused < REFUSED_REST || rl->down_until > now)
		return;
	warnx("%s: %d messages in a row refused our envelope sender (%s): "
	    "resting it for %ld s (transport.relay_cooldown)", rl->label,
	    rl->refused, printable(reply), s->cooldown);
	rl->refused = 0;
	rl->down_until = now + s->cooldown;
}

/*
 * A 4xx refusing a session (421 at the greeting) while another of our
 * connections to that relay is busy on a session it greeted: the relay
 * is up but takes fewer
 * connections at once than transport.max_connections (Postfix's
 * smtpd_client_connection_count_limit, a provider's limit).  This
 * connection is retired, said once, and its message goes back unsent;
 * the relay rests only when its last connection is refused.
 */
static int take_next(struct smtp *, struct conn *, struct transport_msg *);

static int
over_limit(struct smtp *s, struct conn *c, struct outcome *o)
{
	struct transport_msg m;
	long open = 0;

	if (o->code < 400 || o->code >= 500)
		return 0;
	for (long i = 0; i < s->nconns; i++) {
		struct conn *b = &s->conns[i];

		if (b != c && !b->retired)
			open += b->busy && b->relay == o->relay &&
			    atomic_load(&b->greeted);
	}
	if (open == 0)
		return 0;
	if (!s->relays[o->relay].limited)
		warnx("%s: %s: it takes fewer connections at once than "
		    "transport.max_connections (%ld); going on with those it "
		    "takes", s->relays[o->relay].label,
		    printable(reply_text(o)),
		    s->nconns);
	s->relays[o->relay].limited = 1;
	c->retired = 1;
	if (take_next(s, c, &m)) {	/* handed over ahead: back too */
		s->held--;
		m.relay = NULL;
		s->done(s->arg, &m, TRANSPORT_UNSENT, "over the relay's "
		    "connection limit, not started");
	}
	return 1;
}

/*
 * A refusal at RCPT TO that names our envelope sender refuses the
 * sender, not the recipient: Postfix, which by default judges the sender
 * at RCPT (smtpd_delay_reject), answers "554 5.7.1 <bounces+...>: Sender
 * address rejected", and every recipient sent through that relay was
 * marked failed.  It is then judged as a refusal of MAIL FROM (before
 * reply_text masks the token).
 */
static void
sender_at_rcpt(struct outcome *o)
{
	if (o->phase == PH_RCPT && o->code >= 400 && *o->msg.from &&
	    o->reply.len && strcasestr(o->reply.data, o->msg.from))
		o->phase = PH_MAIL;
}

/*
 * Hears one finished transfer (c->out); a session that failed is tried
 * on the next relay, on the same connection's thread (idle after a
 * failure).
 */
static void
finish(struct smtp *s, struct conn *c)
{
	struct outcome *o = &c->out;
	enum transport_result r = (sender_at_rcpt(o), classify(o));
	const char *reply = r == TRANSPORT_NOREPLY ? noreply_text(s, o) :
	    r == TRANSPORT_TEMPFAIL && lost_text(s, o) ? o->err :
	    reply_text(o);
	long next;

	if (r != TRANSPORT_OK && o->no_utf8) {
		/*
		 * an EHLO heard before this run (serve's connection stays
		 * open) may be stale: a new connection asks again
		 */
		next = o->reused && !s->relays[o->relay].no_utf8 ?
		    (long)o->relay : -1;
		if (next < 0) {
			no_utf8_seen(s, o->relay);
			next = pick_utf8_relay(s, c - s->conns, -1);
		}
		if (next >= 0) {	/* another relay of the pool may */
			c->msg = o->msg;
			c->tries = o->tries;
			if (start(s, c, (size_t)next) == 0)
				return;
		}
		r = TRANSPORT_HELD;
		reply = "no relay announces SMTPUTF8";
	} else if (r != TRANSPORT_OK && o->aborting) {
		/* given up on a stop before MAIL FROM: not the relay's fault */
		r = TRANSPORT_TEMPFAIL;
		reply = "stopped before the SMTP session began";
	} else if (r == TRANSPORT_CONNFAIL && over_limit(s, c, o)) {
		r = TRANSPORT_UNSENT;
		reply = "over the relay's connection limit, not started";
	} else if (r == TRANSPORT_CONNFAIL || r == TRANSPORT_TLSFAIL ||
	    r == TRANSPORT_AUTHFAIL) {
		session_failed(s, o, r);
		next = pick_relay(s, c - s->conns);
		if (next >= 0 && o->tries + 1 < s->nrelays) {
			c->msg = o->msg;
			c->tries = o->tries + 1;
			if (start(s, c, (size_t)next) == 0)
				return;
		}
		if (next < 0)
			s->no_relay = 1;
	}
	noreply_seen(s, o, r);
	refused_seen(s, o, r, reply);
	s->held--;
	s->finished++;
	o->msg.relay = r == TRANSPORT_UNSENT ? NULL :
	    s->relays[o->relay].label;
	s->done(s->arg, &o->msg, r, reply);
}

/* 1 when c holds a message handed over ahead. */
static int
has_next(struct smtp *s, struct conn *c)
{
	int has;

	pthread_mutex_lock(&s->mu);
	has = c->has_next;
	pthread_mutex_unlock(&s->mu);
	return has;
}

/*
 * The message handed over ahead to c, taken back into *m: 1, or 0.  m is
 * not c->msg while c is busy: that is its worker's message in flight.
 */
static int
take_next(struct smtp *s, struct conn *c, struct transport_msg *m)
{
	int had;

	pthread_mutex_lock(&s->mu);
	if ((had = c->has_next))
		*m = c->next;
	c->has_next = 0;
	pthread_mutex_unlock(&s->mu);
	return had;
}

/*
 * Each busy connection gets its next message now (see the top of this
 * file), unless smtp_open said not to.  Returns 1 when next() said there
 * is nothing more.
 */
static int
ahead(struct smtp *s, transport_next_fn next, void *arg, long *wait_ms)
{
	if (!s->ahead)
		return 0;
	for (long i = 0; i < s->nconns; i++) {
		struct conn *c = &s->conns[i];
		struct transport_msg m;

		if (!c->busy || has_next(s, c))
			continue;
		memset(&m, 0, sizeof m);
		switch (next(arg, &m, wait_ms)) {
		case TRANSPORT_NEXT_END:
			return 1;
		case TRANSPORT_NEXT_LATER:
			return 0;
		case TRANSPORT_NEXT_MSG:
			break;
		}
		s->held++;
		/* a worker that ended meanwhile leaves it to fill() */
		pthread_mutex_lock(&s->mu);
		c->next = m;
		c->has_next = 1;
		pthread_mutex_unlock(&s->mu);
	}
	return 0;
}

/*
 * Messages handed over ahead go back unstarted (a stop, no relay, a
 * failed sync): nothing of them was sent.
 */
static void
retract(struct smtp *s)
{
	for (long i = 0; i < s->nconns; i++) {
		struct transport_msg m;

		if (take_next(s, &s->conns[i], &m)) {
			s->held--;
			m.relay = NULL;
			s->done(s->arg, &m, TRANSPORT_UNSENT,
			    "handed over ahead, not started");
		}
	}
}

/*
 * Starts messages on idle connections: one handed over ahead, else one
 * from next() until it has nothing now (a message handed over ahead is
 * busy to the sender, which then says LATER: every idle connection is
 * looked at).  Then hands the busy connections their next; sets *wait_ms
 * for the rate.  1 when next() said END (before or now).
 */
static int
fill(struct smtp *s, transport_next_fn next, void *arg,
    volatile sig_atomic_t *stop, int exhausted, long *wait_ms)
{
	int more = !exhausted;

	for (long i = 0; i < s->nconns; i++) {
		struct conn *c = &s->conns[i];
		double now = now_mono();
		long relay;

		if (c->busy || c->retired || (!more && !has_next(s, c)))
			continue;
		if ((stop && *stop) || s->no_relay)
			return exhausted;
		if (s->interval > 0 && now < s->next_start) {
			*wait_ms = (long)((s->next_start - now) * 1000) + 1;
			return exhausted;
		}
		if ((relay = pick_relay(s, i)) < 0) {
			s->no_relay = 1;
			return exhausted;
		}
		if (!take_next(s, c, &c->msg)) {
			memset(&c->msg, 0, sizeof c->msg);
			switch (next(arg, &c->msg, wait_ms)) {
			case TRANSPORT_NEXT_END:
				exhausted = 1;
				/* FALLTHROUGH */
			case TRANSPORT_NEXT_LATER:
				more = 0;
				continue;
			case TRANSPORT_NEXT_MSG:
				break;
			}
			s->held++;
		}
		if (!ascii_only(c->msg.rcpt) &&
		    (relay = pick_utf8_relay(s, i, relay)) < 0) {
			/* known this run: no connection for it */
			s->held--;
			s->done(s->arg, &c->msg, TRANSPORT_HELD,
			    "no relay announces SMTPUTF8");
			i--;
			continue;
		}
		if (s->interval > 0)
			s->next_start = (now > s->next_start ? now :
			    s->next_start) + s->interval;
		c->tries = 0;
		if (start(s, c, (size_t)relay) == -1)
			return -1;
	}
	if (!more || (stop && *stop) || s->no_relay)
		return exhausted;
	return ahead(s, next, arg, wait_ms);
}

/*
 * On a stop, the messages whose session has not reached MAIL FROM are
 * given up (nothing of them was sent): a relay that never greets must not
 * hold the stop for the whole timeout.  Under s->mu the worker cannot send
 * MAIL FROM's successor meanwhile, so at most MAIL FROM has gone out.
 */
static void
abort_sessions(struct smtp *s)
{
	pthread_mutex_lock(&s->mu);
	for (long i = 0; i < s->nconns; i++) {
		struct conn *c = &s->conns[i];

		if (c->turn != TURN_WORK ||
		    atomic_load(&c->phase) != PH_SESSION)
			continue;
		atomic_store(&c->aborting, 1);
		/* dead at once: else it would wait for the greeting */
		if (c->fd != CURL_SOCKET_BAD)
			shutdown(c->fd, SHUT_RDWR);
	}
	pthread_mutex_unlock(&s->mu);
}

/*
 * The outcomes just heard are made durable (sync), and only then may
 * their connections end their next messages (settled).  After a failed
 * sync no message ends any more.
 */
static void
settle(struct smtp *s, struct conn **heard, int n)
{
	int ok = !s->sync || s->sync(s->arg) == 0;

	pthread_mutex_lock(&s->mu);
	if (!ok)
		s->sync_failed = 1;
	for (int i = 0; i < n; i++) {
		heard[i]->out_state = OUT_NONE;
		pthread_cond_signal(&heard[i]->go);
	}
	for (long i = 0; !ok && i < s->nconns; i++)
		pthread_cond_signal(&s->conns[i].go);
	pthread_mutex_unlock(&s->mu);
}

/*
 * Hears the transfers that ended, in connection order, into heard;
 * returns how many.  smtp_run settles them after its fill.
 */
static int
collect(struct smtp *s, struct conn **heard)
{
	int n = 0;

	pthread_mutex_lock(&s->mu);
	for (long i = 0; s->ndone && i < s->nconns; i++) {
		struct conn *c = &s->conns[i];

		if (c->out_state != OUT_ENDED)
			continue;
		c->out_state = OUT_HEARD;
		s->ndone--;
		if (!c->out.restarted)
			c->busy = 0;
		heard[n++] = c;
	}
	pthread_mutex_unlock(&s->mu);
	for (int i = 0; i < n; i++)
		finish(s, heard[i]);
	return n;
}

/* Waits up to ms for a transfer to end or a wakeup. */
static void
wait_ended(struct smtp *s, long ms)
{
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&s->mu);
	while (!s->ndone && !s->woken && pthread_cond_timedwait(&s->ended,
	    &s->mu, &until) != ETIMEDOUT)
		;
	s->woken = 0;
	pthread_mutex_unlock(&s->mu);
}

int
smtp_run(struct smtp *s, transport_next_fn next, transport_done_fn done,
    transport_sync_fn sync, void *arg, volatile sig_atomic_t *stop,
    int flags)
{
	int exhausted = 0, aborted = 0, rc = 0;
	long finished = s->finished;
	struct conn *heard[s->nconns];

	s->done = done;
	s->sync = sync;
	s->arg = arg;
	s->no_relay = pick_relay(s, 0) < 0;
	/* serve's handle lives on: a relay may have enabled SMTPUTF8 since */
	for (size_t i = 0; i < s->nrelays; i++)
		s->relays[i].no_utf8 = 0;
	for (;;) {
		long wait_ms = POLL_MS;
		int halt, n = collect(s, heard);

		halt = (stop && *stop) || s->no_relay || s->sync_failed;
		if (halt)
			retract(s);
		else
			rc = fill(s, next, arg, stop, exhausted, &wait_ms);
		/*
		 * The outcomes just heard are synced after the fill: next()
		 * commits them too (transport.h), so the sender's reads
		 * before a message starts share their transaction, one
		 * read transaction a message less (tests/bench/send.sh).
		 */
		if (n)
			settle(s, heard, n);
		if (rc == -1)
			break;
		if (!halt)
			exhausted = rc;
		if (stop && *stop && !aborted) {
			abort_sessions(s);
			aborted = 1;
		}
		if ((flags & TRANSPORT_RUN_PUMP) && s->finished > finished)
			break;
		if (s->held == 0 && (exhausted || halt))
			break;
		if (n == 0)
			wait_ended(s, wait_ms);
	}
	if (rc != -1 && s->no_relay) {
		warnx("no relay available; sending stopped");
		rc = -1;
	}
	return rc == -1 ? -1 : 0;
}

void
smtp_wakeup(struct smtp *s)
{
	pthread_mutex_lock(&s->mu);
	s->woken = 1;
	pthread_cond_signal(&s->ended);
	pthread_mutex_unlock(&s->mu);
}

static long
ssl_mode(const char *tls)
{
	if (tls && !strcmp(tls, "none"))
		return CURLUSESSL_NONE;
	if (tls && !strcmp(tls, "opportunistic"))
		return CURLUSESSL_TRY;
	return CURLUSESSL_ALL;
}

static void
locks_init(struct smtp *s)
{
	pthread_condattr_t ca;

	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->ended, &ca);
	pthread_condattr_destroy(&ca);
	for (long i = 0; i < s->nconns; i++) {
		s->conns[i].s = s;
		s->conns[i].fd = CURL_SOCKET_BAD;
		s->conns[i].conn_relay = -1;
		pthread_cond_init(&s->conns[i].go, NULL);
	}
}

/*
 * A relay that no connection goes to while the others are up takes no
 * share: said at each send, as nothing else would show it.
 */
static void
idle_warn(struct smtp *s, const struct config *c)
{
	size_t idle[s->nrelays], n;

	n = relays_idle(s->mode, s->weights, s->nrelays, s->nconns, idle);
	for (size_t i = 0; i < n; i++)
		warnx("%s: transport.relays: %s gets none of the %ld "
		    "connection%s (transport.max_connections) while the other "
		    "relays are up: it takes no share; raise max_connections "
		    "or its weight", c->path, s->relays[idle[i]].label,
		    s->nconns, s->nconns == 1 ? "" : "s");
}

struct smtp *
smtp_open(const struct config *c, const char *password)
{
	struct smtp *s;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		warnx("libcurl: global init failed");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->nconns = c->max_connections > 0 ? c->max_connections : 1;
	s->conns = xcalloc(s->nconns, sizeof *s->conns);
	locks_init(s);
	s->relays = xcalloc(c->relays.n, sizeof *s->relays);
	s->weights = xcalloc(c->relays.n ? c->relays.n : 1,
	    sizeof *s->weights);
	s->up = xcalloc(c->relays.n ? c->relays.n : 1, sizeof *s->up);
	s->mode = c->relay_mode && !strcmp(c->relay_mode, "failover") ?
	    RELAY_FAILOVER : RELAY_SPREAD;
	for (size_t i = 0; i < c->relays.n; i++) {
		struct relay *r = &s->relays[s->nrelays];

		if (strncmp(c->relays.v[i], "smtp://", 7) &&
		    strncmp(c->relays.v[i], "smtps://", 8))
			continue;
		r->url = xstrdup(c->relays.v[i]);
		r->label = relays_label(r->url);
		s->weights[s->nrelays++] = c->relay_weights ?
		    c->relay_weights[i] : 1;
	}
	if (s->nrelays == 0) {
		warnx("%s: no smtp:// or smtps:// relay", c->path);
		smtp_close(s);
		return NULL;
	}
	idle_warn(s, c);
	s->use_ssl = ssl_mode(c->tls);
	s->verify = c->tls_verify ? 1 : 0;
	if (!s->verify)
		warnx("%s: tls_verify is off: relays are not authenticated",
		    c->path);
	s->ca_file = c->ca_file ? xstrdup(c->ca_file) : NULL;
	s->username = c->username ? xstrdup(c->username) : NULL;
	s->password = password ? xstrdup(password) : NULL;
	s->timeout = c->timeout;
	s->per_conn = c->max_messages_per_connection > 0 ?
	    c->max_messages_per_connection : 1;
	s->cooldown = c->relay_cooldown;
	s->interval = c->rate > 0 ? 1.0 / c->rate : 0;
	/*
	 * Not with transport.rate, whose pace is kept where messages start,
	 * nor with domain_connections: a message waiting on a connection
	 * would hold one of its domain's places (throttle.h counts it from
	 * next()), and a list mostly at one domain would get fewer sessions.
	 */
	s->ahead = s->interval == 0 && c->domain_connections <= 0;
	return s;
}

void
smtp_close(struct smtp *s)
{
	if (!s)
		return;
	/* each worker finishes its transfer, if any, then QUITs */
	pthread_mutex_lock(&s->mu);
	s->closing = 1;
	for (long i = 0; i < s->nconns; i++)
		pthread_cond_signal(&s->conns[i].go);
	pthread_mutex_unlock(&s->mu);
	for (long i = 0; i < s->nconns; i++) {
		struct conn *c = &s->conns[i];

		if (c->has_thread)
			pthread_join(c->thread, NULL);	/* it QUITs */
		pthread_cond_destroy(&c->go);
		buf_free(&c->wire);
		buf_free(&c->reply);
		buf_free(&c->out.reply);
	}
	pthread_cond_destroy(&s->ended);
	pthread_mutex_destroy(&s->mu);
	for (size_t i = 0; i < s->nrelays; i++) {
		free(s->relays[i].url);
		free(s->relays[i].label);
	}
	free(s->weights);
	free(s->up);
	if (s->password) {
		explicit_bzero(s->password, strlen(s->password));
		free(s->password);
	}
	free(s->relays);
	free(s->conns);
	free(s->ca_file);
	free(s->username);
	free(s);
	curl_global_cleanup();
}
