/* webmail: confirmation mails from a background thread.  See webmail.h. */
#include "webmail.h"

#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "addr.h"
#include "config.h"
#include "edition.h"
#include "journal.h"
#include "list.h"
#include "mime.h"
#include "rfc2047.h"
#include "sign.h"
#include "tmpl.h"
#include "tmplfile.h"
#include "transport.h"
#include "util.h"
#include "web.h"
#include "webtoken.h"

#define RETRY_SECONDS 60
#define POLL_MS 500		/* rows another process left are seen within */

struct webmail {
	struct web *w;
	const struct config *c;
	struct journal *jn;		/* this thread's own connection */
	struct transport *t;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int kicked, stop, started;
	volatile sig_atomic_t smtp_stop;
};

/*
 * One row to send, copied out of the journal.  No name: the mail repeats
 * nothing the requester typed but the address (anyone may give someone
 * else's address and a "name" that is an advertisement).
 */
struct job {
	int found;
	struct journal_webmail m;
	char *list, *email;
};

static void
job_row(void *arg, const struct journal_webmail *m)
{
	struct job *j = arg;

	j->found = 1;
	j->m = *m;
	j->list = xstrdup(m->list);
	j->email = xstrdup(m->email);
	j->m.list = j->list;
	j->m.email = j->email;
	j->m.ip = NULL;
}

static void
job_clear(struct job *j)
{
	free(j->list);
	free(j->email);
	memset(j, 0, sizeof *j);
}

/* Renders the text: subject (first line) and body.  0 / -1. */
static int
render(struct webmail *m, const struct job *j, const struct list *l,
    struct buf *subject, struct buf *body)
{
	const struct config *c = m->c;
	char tok[WEBTOKEN_MAX], *url;
	int sub = j->m.kind == JW_SUBSCRIBE;
	json_t *ctx = web_ctx(m->w, l, sub ? "subscribe" : "unsubscribe", "");
	struct buf all = BUF_INIT;
	const char *nl;
	int rc;

	webtoken_make(m->w->key, m->w->keylen, sub ? 's' : 'u', j->list,
	    sub ? j->m.subscription : j->m.id,
	    j->m.at + c->web_token_days * 86400, tok);
	url = config_list_url(c, j->list, sub ? "confirm" : "unsubscribe",
	    tok);
	json_object_set_new(ctx, sub ? "subscribe" : "unsubscribe",
	    json_true());
	json_object_set_new(ctx, "url", json_string(url));
	rc = tmpl_render(web_mail_text(m->w), ctx, &all);
	json_decref(ctx);
	free(url);
	if (rc == -1 || !all.data || !(nl = strchr(all.data, '\n'))) {
		warnx("web-mail.txt.mustache: the first line (the Subject) "
		    "and a body are needed");
		buf_free(&all);
		return -1;
	}
	buf_add(subject, all.data, (size_t)(nl - all.data));
	buf_adds(body, nl + 1 + strspn(nl + 1, "\n"));
	buf_free(&all);
	return 0;
}

/* The whole message for job j.  0 / -1. */
static int
build(struct webmail *m, const struct job *j, struct buf *out)
{
	const struct config *c = m->c;
	const struct list *l = web_list(m->w, j->list);
	struct buf subject = BUF_INIT, body = BUF_INIT, h = BUF_INIT;
	struct buf b = BUF_INIT;
	struct mime *part;
	unsigned long long r = 0;
	char mid[WEBTOKEN_MSGID_HEX + 1];
	int rc = -1;

	if (!l) {
		char *masked = web_mask(j->email);

		/* taken out of lists/ since: its link would lead nowhere */
		warnx("confirmation mail to %s: list %s is no longer in "
		    "lists/; dropped", masked, j->list);
		free(masked);
		goto out;
	}
	if (render(m, j, l, &subject, &body) == -1)
		goto out;
	part = mime_text("plain", body.data, body.len);
	rc = mime_write(part, &h, &b);
	mime_free(part);
	if (rc == -1)
		goto out;
	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = (unsigned long long)time(NULL);
	/* signed like the newsletter when signing is configured */
	if (m->w->signer) {
		char *bnd = xasprintf("=_signed_%016llx", r);

		rc = signer_pgp_mime(m->w->signer, bnd, &h, &b);
		free(bnd);
		if (rc == -1)
			goto out;
	}
	message_date_header(out);
	rfc2047_address(out, "From", c->sender_name, c->sender_address);
	rfc2047_address(out, "To", NULL, j->email);
	if (c->reply_to)
		rfc2047_address(out, "Reply-To", NULL, c->reply_to);
	rfc2047_unstructured(out, "Subject", subject.data);
	/* a report quoting it proves its sender saw the mail (websub.c) */
	webtoken_msgid(m->w->key, m->w->keylen, j->list, j->m.id, mid);
	buf_printf(out, "Message-ID: <web.%lld.%s@%s>\r\n", j->m.id, mid,
	    addr_domain(c->sender_address));
	buf_adds(out, "Auto-Submitted: auto-generated\r\n"
	    "MIME-Version: 1.0\r\n");
	buf_add(out, h.data, h.len);
	buf_adds(out, "\r\n");
	buf_add(out, b.data, b.len);
out:
	buf_free(&subject);
	buf_free(&body);
	buf_free(&h);
	buf_free(&b);
	return rc;
}

struct one {
	const char *from, *rcpt;
	struct buf *msg;
	int given;
	enum transport_result r;
	char *reply;
};

static enum transport_next
one_next(void *arg, struct transport_msg *msg, long *wait_ms)
{
	struct one *o = arg;

	(void)wait_ms;
	if (o->given)
		return TRANSPORT_NEXT_END;
	memset(msg, 0, sizeof *msg);
	msg->from = o->from;
	msg->rcpt = o->rcpt;
	msg->data = o->msg->data;
	msg->len = o->msg->len;
	o->given = 1;
	return TRANSPORT_NEXT_MSG;
}

static void
one_done(void *arg, const struct transport_msg *msg, enum transport_result r,
    const char *reply)
{
	struct one *o = arg;

	(void)msg;
	o->r = r;
	free(o->reply);
	o->reply = xstrdup(reply);
}

/* 0 sent (or refused for good: dropped), 1 try again later. */
static int
deliver(struct webmail *m, const struct job *j, struct buf *msg)
{
	char *from = xasprintf("bounces@%s", m->c->bounce_domain);
	struct one o = { from, j->email, msg, 0, TRANSPORT_CONNFAIL, NULL };
	char *masked = web_mask(j->email);
	int rc;

	/* the result is o.r: a relay refusing leaves no -1 to add */
	(void)transport_run(m->t, one_next, one_done, NULL, &o,
	    &m->smtp_stop, 0);
	/*
	 * held (no relay announces SMTPUTF8): dropped, or it would hold up
	 * every confirmation mail queued after it; smtp.c named the relay
	 */
	rc = o.r == TRANSPORT_OK || o.r == TRANSPORT_PERMFAIL ||
	    o.r == TRANSPORT_HELD ? 0 : 1;
	if (o.r != TRANSPORT_OK)
		warnx("confirmation mail to %s: %s%s", masked,
		    o.reply ? printable(o.reply) : "no relay",
		    rc ? "; tried again later" : "; dropped");
	if (o.r == TRANSPORT_OK)
		web_log("mail kind=%s list=%s address=%s",
		    j->m.kind == JW_SUBSCRIBE ? "subscribe" : "unsubscribe",
		    j->list, masked);
	free(masked);
	free(o.reply);
	free(from);
	return rc;
}

/* Sends one waiting row: 0 sent or dropped, 1 none waiting, 2 retry. */
static int
send_one(struct webmail *m)
{
	struct job j = { 0 };
	struct buf msg = BUF_INIT;
	time_t now = time(NULL);
	int rc;

	if (journal_webmail_unsent(m->jn, job_row, &j) != 0 || !j.found) {
		job_clear(&j);
		return 1;
	}
	if (j.m.at + m->c->web_token_days * 86400 <= now) {
		char *masked = web_mask(j.email);

		/* its link would be dead on arrival */
		warnx("confirmation mail to %s (list %s): not sent within "
		    "web.token_days, its link expired; dropped", masked,
		    j.list);
		free(masked);
		rc = 0;
	} else {
		web_enter(m->w);	/* a reload meanwhile waits for us */
		rc = build(m, &j, &msg);
		web_leave(m->w);
		/* -1: reported, a template problem */
		rc = rc == -1 ? 0 : deliver(m, &j, &msg);
	}
	if (rc == 0 && journal_webmail_sent(m->jn, j.m.id, now) == -1)
		rc = 2;
	buf_free(&msg);
	job_clear(&j);
	return rc == 1 ? 2 : rc;
}

static void *
run(void *arg)
{
	struct webmail *m = arg;
	struct timespec until;

	time_t retry = 0;

	pthread_mutex_lock(&m->mu);
	while (!m->stop) {
		int kicked = m->kicked;

		m->kicked = 0;
		pthread_mutex_unlock(&m->mu);
		/* a relay that failed is tried again after RETRY_SECONDS */
		if (kicked || time(NULL) >= retry) {
			int rc;

			while ((rc = send_one(m)) == 0)
				;
			retry = rc == 2 ? time(NULL) + RETRY_SECONDS : 0;
		}
		pthread_mutex_lock(&m->mu);
		if (m->kicked || m->stop)
			continue;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += POLL_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!m->kicked && !m->stop && pthread_cond_timedwait(&m->cv,
		    &m->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&m->mu);
	return NULL;
}

struct webmail *
webmail_start(struct web *w)
{
	struct webmail *m = xcalloc(1, sizeof *m);

	m->w = w;
	m->c = w->c;
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	if (!(m->jn = journal_open(m->c->state_path)) ||
	    transport_open(m->c, 0, &m->t) != 0 ||
	    pthread_create(&m->thread, NULL, run, m) != 0) {
		webmail_stop(m);
		return NULL;
	}
	m->started = 1;
	return m;
}

void
webmail_kick(struct webmail *m)
{
	pthread_mutex_lock(&m->mu);
	m->kicked = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

void
webmail_stop(struct webmail *m)
{
	if (!m)
		return;
	if (m->started) {
		pthread_mutex_lock(&m->mu);
		m->stop = 1;
		/* a relay that hangs does not hold it */
		m->smtp_stop = 1;
		pthread_cond_signal(&m->cv);
		pthread_mutex_unlock(&m->mu);
		pthread_join(m->thread, NULL);
	}
	transport_close(m->t);
	journal_close(m->jn);
	pthread_cond_destroy(&m->cv);
	pthread_mutex_destroy(&m->mu);
	free(m);
}
