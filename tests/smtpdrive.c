/*
 * smtpdrive: test driver for smtp.c.  Sends one synthetic message per
 * recipient argument ("addr" or "addr*N" for N copies) and prints one line
 * per outcome: "SEQ RCPT RESULT REPLY".  Exit 0 when smtp_run returned 0.
 *
 * usage: smtpdrive -u URL [-u URL] [-c conns] [-m per_conn] [-t tls]
 *        [-C ca_file] [-k] [-U user] [-P password] [-r rate] [-s size]
 *        [-S ms] RCPT...
 *
 * -S ms: a sync callback (transport_sync_fn) that takes ms milliseconds,
 * as a slow journal commit would, and then prints "sync HEARD SECONDS":
 * the outcomes heard so far and the clock's time (CLOCK_REALTIME) when it
 * returned.  Without -S there is no sync callback.
 */
#include <err.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "smtp.h"
#include "util.h"

struct drive {
	char **rcpts;
	int nrcpts, idx;
	long left, seq;
	struct buf body;
	char *cur;
	long heard;
	long sync_ms;
};

static enum transport_next
next(void *arg, struct transport_msg *m, long *wait_ms)
{
	struct drive *d = arg;

	(void)wait_ms;
	while (d->left == 0) {
		char *star;

		if (d->idx == d->nrcpts)
			return TRANSPORT_NEXT_END;
		free(d->cur);
		d->cur = xstrdup(d->rcpts[d->idx++]);
		d->left = 1;
		if ((star = strchr(d->cur, '*'))) {
			*star = '\0';
			d->left = strtol(star + 1, NULL, 10);
		}
	}
	d->left--;
	m->from = "bounces+test@sender.example";
	m->rcpt = xstrdup(d->cur);
	m->data = d->body.data;
	m->len = d->body.len;
	m->arg = (void *)(++d->seq);
	return TRANSPORT_NEXT_MSG;
}

static void
done(void *arg, const struct transport_msg *m, enum transport_result r,
    const char *reply)
{
	struct drive *d = arg;

	d->heard++;
	printf("%ld %s %s %s\n", (long)m->arg, m->rcpt, transport_result_name(r),
	    reply);
	fflush(stdout);
	free((char *)m->rcpt);
}

static int
sync_slow(void *arg)
{
	struct drive *d = arg;
	struct timespec ts = { d->sync_ms / 1000, d->sync_ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	printf("sync %ld %ld.%06ld\n", d->heard, (long)ts.tv_sec,
	    ts.tv_nsec / 1000);
	fflush(stdout);
	return 0;
}

static void
make_body(struct buf *b, long size)
{
	buf_adds(b, "From: Test <news@sender.example>\r\n"
	    "To: reader@example.org\r\nSubject: smtpdrive\r\n"
	    "Message-ID: <drive@sender.example>\r\n\r\n"
	    "A body.\r\n.a line starting with a dot\r\n.\r\n");
	while ((long)b->len < size)
		buf_adds(b, "0123456789012345678901234567890123456789"
		    "0123456789012345678901234567890123456\r\n");
	buf_adds(b, "end\r\n");
}

int
main(int argc, char **argv)
{
	struct config c = { .path = "smtpdrive", .tls_verify = 1,
	    .max_connections = 1, .max_messages_per_connection = 100,
	    .timeout = 10, .relay_cooldown = 300 };
	struct drive d = { 0 };
	struct smtp *s;
	char *password = NULL;
	long size = 0;
	int ch, rc;

	while ((ch = getopt(argc, argv, "u:c:m:t:C:kU:P:r:s:S:")) != -1) {
		switch (ch) {
		case 'u': strlist_add(&c.relays, optarg); break;
		case 'c': c.max_connections = strtol(optarg, NULL, 10); break;
		case 'm': c.max_messages_per_connection =
		    strtol(optarg, NULL, 10); break;
		case 't': c.tls = optarg; break;
		case 'C': c.ca_file = optarg; break;
		case 'k': c.tls_verify = 0; break;
		case 'U': c.username = optarg; break;
		case 'P': password = optarg; break;
		case 'r': c.rate = strtod(optarg, NULL); break;
		case 's': size = strtol(optarg, NULL, 10); break;
		case 'S': d.sync_ms = strtol(optarg, NULL, 10); break;
		default: errx(64, "bad usage");
		}
	}
	d.rcpts = argv + optind;
	d.nrcpts = argc - optind;
	make_body(&d.body, size);
	if (!(s = smtp_open(&c, password)))
		return 1;
	rc = smtp_run(s, next, done, d.sync_ms ? sync_slow : NULL, &d, NULL,
	    0);
	smtp_close(s);
	buf_free(&d.body);
	free(d.cur);
	strlist_free(&c.relays);
	return rc == 0 ? 0 : 1;
}
