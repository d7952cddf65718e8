/*
 * curlloop: the libcurl ceiling for tests/bench/send.sh and relay.sh.  Sends
 * one prebuilt message COUNT times over CONNECTIONS connections, nothing
 * else: no journal, no composing, no reply capture.  Prints messages/second.
 *
 *   (default)  libcurl's multi interface, one easy handle per connection,
 *              all in one thread;
 *   -t         one thread per connection, each running curl_easy_perform on
 *              its own handle: libcurl ends an SMTP transfer by blocking on
 *              the reply to the final "." (smtp_done), which in one multi
 *              loop stalls every other connection meanwhile;
 *   -N         a distinct recipient per message (N@example.org, as
 *              smtp-source -N), else reader@example.org every time;
 *   -V         a distinct envelope sender per message
 *              (bounces+N@example.org), as mailer's VERP senders are, else
 *              bounces@example.org every time;
 *   -R         (with -t) libcurl opens each connection only
 *              (CURLOPT_CONNECT_ONLY: the greeting and EHLO), and the
 *              program runs every transaction itself over curl_easy_send
 *              and curl_easy_recv: MAIL FROM, RCPT TO and DATA one round
 *              trip each, as libcurl sends them, and the message with its
 *              lines that start with "." doubled, found with memchr.  What
 *              a sender pays without libcurl's transfer machinery, whose
 *              byte-by-byte scan for those lines (Curl_smtp_escape_eob) is
 *              most of a 50 KB message's instructions.
 *   -P         (with -R, -N and -V) MAIL FROM, RCPT TO and DATA in one
 *              write (PIPELINING, RFC 2920), as mailer sends them to a
 *              relay that announces it; -P -P also sends the next
 *              message's three right behind a message's final ".", which
 *              mailer does not (a message waits for its own commit).
 *
 * Each connection is kept open between messages.
 *
 * usage: curlloop [-t [-R [-P]]] [-N] [-V] URL CONNECTIONS COUNT
 *        MESSAGE_FILE
 */
#include <err.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

struct handle {
	CURL *easy;
	size_t off;
	struct curl_slist *rcpt;
	char from[64];
	pthread_t thread;
	char in[4096];		/* -R: replies read, not yet taken */
	size_t inlen;
	char *out;		/* -R: the message with its dots doubled */
	int sent_group;		/* -P 2: this message's commands went out */
};

static const char *msg, *url;
static size_t msglen;
static int distinct, verp, raw, pipe_lvl;
static long count;
static atomic_long next_seq, failed;

static size_t
read_cb(char *out, size_t size, size_t n, void *p)
{
	struct handle *h = p;
	size_t left = msglen - h->off;

	if (left > size * n)
		left = size * n;
	memcpy(out, msg + h->off, left);
	h->off += left;
	return left;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0)
		err(1, "%s", path);
	rewind(f);
	if (!(p = malloc((size_t)n + 1)) || fread(p, 1, (size_t)n, f) !=
	    (size_t)n)
		err(1, "%s", path);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* Readies h for message number seq. */
static void
prepare(struct handle *h, long seq)
{
	char to[64];

	h->off = 0;
	if (distinct || !h->rcpt) {
		curl_slist_free_all(h->rcpt);
		if (distinct)
			snprintf(to, sizeof to, "<%ld@example.org>", seq + 1);
		else
			snprintf(to, sizeof to, "<reader@example.org>");
		h->rcpt = curl_slist_append(NULL, to);
	}
	curl_easy_setopt(h->easy, CURLOPT_MAIL_RCPT, h->rcpt);
	if (verp) {
		snprintf(h->from, sizeof h->from, "<bounces+%ld@example.org>",
		    seq + 1);
		curl_easy_setopt(h->easy, CURLOPT_MAIL_FROM, h->from);
	}
}

static void
setup(struct handle *h)
{
	CURL *e = h->easy = curl_easy_init();

	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_MAIL_FROM, "<bounces@example.org>");
	curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
	/* as mailer/smtp.c sets it, for a fair reference */
	curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
	curl_easy_setopt(e, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(e, CURLOPT_READDATA, h);
	curl_easy_setopt(e, CURLOPT_PRIVATE, h);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
}

/* -R: waits until h's socket is ready for what (POLLIN or POLLOUT). */
static void
wait_sock(struct handle *h, short what)
{
	curl_socket_t fd;
	struct pollfd p;

	if (curl_easy_getinfo(h->easy, CURLINFO_ACTIVESOCKET, &fd) !=
	    CURLE_OK || fd == CURL_SOCKET_BAD)
		errx(1, "the connection is gone");
	p.fd = fd;
	p.events = what;
	if (poll(&p, 1, 10000) != 1)
		errx(1, "the server did not answer within 10 s");
}

static void
raw_send(struct handle *h, const char *p, size_t n)
{
	size_t sent;
	CURLcode rc;

	while (n) {
		rc = curl_easy_send(h->easy, p, n, &sent);
		if (rc == CURLE_AGAIN) {
			wait_sock(h, POLLOUT);
			continue;
		}
		if (rc != CURLE_OK)
			errx(1, "send: %s", curl_easy_strerror(rc));
		p += sent;
		n -= sent;
	}
}

/* -R: the code of the next whole reply (its last line "NNN "). */
static int
raw_reply(struct handle *h)
{
	for (;;) {
		char *line = h->in, *nl;
		size_t got;
		CURLcode rc;

		while ((nl = memchr(line, '\n', (size_t)(h->in + h->inlen -
		    line)))) {
			if (nl - line >= 4 && line[3] == ' ') {
				int code = (int)strtol(line, NULL, 10);
				size_t used = (size_t)(nl + 1 - h->in);

				memmove(h->in, nl + 1, h->inlen - used);
				h->inlen -= used;
				return code;
			}
			line = nl + 1;
		}
		if (h->inlen == sizeof h->in)
			errx(1, "a reply longer than %zu bytes", sizeof h->in);
		rc = curl_easy_recv(h->easy, h->in + h->inlen,
		    sizeof h->in - h->inlen, &got);
		if (rc == CURLE_AGAIN) {
			wait_sock(h, POLLIN);
			continue;
		}
		if (rc != CURLE_OK || got == 0)
			errx(1, "recv: %s", rc ? curl_easy_strerror(rc) :
			    "connection closed");
		h->inlen += got;
	}
}

/* -R: one command, and its reply's code, which must be want. */
static void
raw_command(struct handle *h, const char *cmd, int want)
{
	int code;

	raw_send(h, cmd, strlen(cmd));
	if ((code = raw_reply(h)) != want)
		errx(1, "%.*s: %d", (int)strcspn(cmd, "\r"), cmd, code);
}

/* msg into h->out with every line's leading "." doubled; its length */
static size_t
raw_stuff(struct handle *h)
{
	const char *p = msg, *end = msg + msglen;
	size_t o = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);

		if (*p == '.')
			h->out[o++] = '.';
		memcpy(h->out + o, p, n);
		o += n;
		p += n;
	}
	return o;
}

/* -R: message number seq, the transaction run by this program. */
static void
raw_message(struct handle *h, long seq, long next)
{
	char cmd[128];
	size_t n;

	if (verp)
		snprintf(cmd, sizeof cmd, "MAIL FROM:<bounces+%ld@example.org>"
		    "\r\n", seq + 1);
	else
		snprintf(cmd, sizeof cmd, "MAIL FROM:<bounces@example.org>"
		    "\r\n");
	if (pipe_lvl) {
		size_t l = strlen(cmd);

		snprintf(cmd + l, sizeof cmd - l, "RCPT TO:<%ld@example.org>"
		    "\r\nDATA\r\n", seq + 1);
		if (!h->sent_group)
			raw_send(h, cmd, strlen(cmd));
		h->sent_group = 0;
		if (raw_reply(h) != 250 || raw_reply(h) != 250 ||
		    raw_reply(h) != 354)
			errx(1, "pipelined group refused");
	} else {
	raw_command(h, cmd, 250);
	if (distinct)
		snprintf(cmd, sizeof cmd, "RCPT TO:<%ld@example.org>\r\n",
		    seq + 1);
	else
		snprintf(cmd, sizeof cmd, "RCPT TO:<reader@example.org>\r\n");
	raw_command(h, cmd, 250);
	raw_command(h, "DATA\r\n", 354);
	}
	n = raw_stuff(h);
	/* the message file ends with CRLF (send.sh and relay.sh write it) */
	memcpy(h->out + n, ".\r\n", 3);
	n += 3;
	if (pipe_lvl >= 2 && next >= 0) {
		n += (size_t)snprintf(h->out + n, 200, "MAIL FROM:<bounces+%ld"
		    "@example.org>\r\nRCPT TO:<%ld@example.org>\r\nDATA\r\n",
		    next + 1, next + 1);
		h->sent_group = 1;
	}
	raw_send(h, h->out, n);
	if (raw_reply(h) != 250)
		atomic_fetch_add(&failed, 1);
}

static void *
raw_worker(void *arg)
{
	struct handle *h = arg;
	long seq;

	curl_easy_setopt(h->easy, CURLOPT_CONNECT_ONLY, 1L);
	if (curl_easy_perform(h->easy) != CURLE_OK)
		errx(1, "cannot open the session");
	/* at worst every line doubles its first byte */
	if (!(h->out = malloc(2 * msglen + 300)))
		err(1, NULL);
	seq = atomic_fetch_add(&next_seq, 1);
	while (seq < count) {
		long nx = atomic_fetch_add(&next_seq, 1);

		raw_message(h, seq, nx < count ? nx : -1);
		seq = nx;
	}
	raw_command(h, "QUIT\r\n", 221);
	free(h->out);
	return NULL;
}

static void *
worker(void *arg)
{
	struct handle *h = arg;
	long seq;

	while ((seq = atomic_fetch_add(&next_seq, 1)) < count) {
		prepare(h, seq);
		if (curl_easy_perform(h->easy) != CURLE_OK)
			atomic_fetch_add(&failed, 1);
	}
	return NULL;
}

static void
run_threads(struct handle *hs, long conns)
{
	for (long i = 0; i < conns; i++)
		if (pthread_create(&hs[i].thread, NULL, raw ? raw_worker :
		    worker, &hs[i]))
			errx(1, "cannot start a thread");
	for (long i = 0; i < conns; i++)
		pthread_join(hs[i].thread, NULL);
}

static void
run_multi(struct handle *hs, long conns)
{
	CURLM *multi = curl_multi_init();
	long started = 0, done = 0;
	int running;

	for (long i = 0; i < conns && started < count; i++) {
		prepare(&hs[i], started++);
		curl_multi_add_handle(multi, hs[i].easy);
	}
	while (done < count) {
		CURLMsg *m;
		int left;

		curl_multi_perform(multi, &running);
		while ((m = curl_multi_info_read(multi, &left))) {
			struct handle *h;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &h);
			if (m->data.result != CURLE_OK)
				failed++;
			done++;
			curl_multi_remove_handle(multi, h->easy);
			if (started < count) {
				prepare(h, started++);
				curl_multi_add_handle(multi, h->easy);
			}
		}
		if (done < count)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	}
	/* the handles' connections live in the multi's cache: QUIT here */
	curl_multi_cleanup(multi);
}

int
main(int argc, char **argv)
{
	struct handle *hs;
	long conns;
	int threads = 0, opt;
	double t0;

	while ((opt = getopt(argc, argv, "tNVRP")) != -1)
		if (opt == 't')
			threads = 1;
		else if (opt == 'R')
			raw = 1;
		else if (opt == 'P')
			pipe_lvl++;
		else if (opt == 'N')
			distinct = 1;
		else if (opt == 'V')
			verp = 1;
		else
			return 64;
	argc -= optind;
	argv += optind;
	if (argc != 4)
		errx(64, "usage: curlloop [-t [-R [-P]]] [-N] [-V] URL "
		    "CONNECTIONS COUNT MESSAGE_FILE");
	if (raw && !threads)
		errx(64, "-R goes with -t");
	if (pipe_lvl && (!raw || !distinct || !verp))
		errx(64, "-P goes with -R, -N and -V");
	url = argv[0];
	conns = strtol(argv[1], NULL, 10);
	count = strtol(argv[2], NULL, 10);
	if (conns < 1 || count < 1)
		errx(64, "CONNECTIONS and COUNT must be positive");
	if (conns > count)
		conns = count;
	msg = slurp(argv[3], &msglen);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	hs = calloc((size_t)conns, sizeof *hs);
	for (long i = 0; i < conns; i++)
		setup(&hs[i]);
	t0 = now();
	if (threads)
		run_threads(hs, conns);
	else
		run_multi(hs, conns);
	printf("%.1f\n", (double)count / (now() - t0));
	for (long i = 0; i < conns; i++) {
		curl_easy_cleanup(hs[i].easy);
		curl_slist_free_all(hs[i].rcpt);
	}
	curl_global_cleanup();
	free(hs);
	free((char *)msg);
	if (failed)
		errx(1, "%ld of %ld messages failed", (long)failed, count);
	return 0;
}
