/* send: journaled delivery of an issue.  See send.h. */
#include "send.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "bounce.h"
#include "compose.h"
#include "config.h"
#include "edition.h"
#include "issue.h"
#include "journal.h"
#include "list.h"
#include "maildir.h"
#include "progress.h"
#include "sign.h"
#include "smtp.h"
#include "state.h"
#include "util.h"
#include "verp.h"

#define BATCH 256		/* messages built ahead of the connections */
#define RUN_RETRIES 2		/* extra tries of a 4xx within one run */
#define BACKOFF_MAX 21600	/* seconds: deferred recipients wait at most */

struct item {
	char *email, *name;
	char token[VERP_TOKEN_LEN + 1];
	char *from;
	struct buf msg;
	int tries;		/* in this run */
	int attempts;		/* in earlier runs, from the journal */
	enum smtp_result result;
};

struct sender {
	struct job *j;
	const struct send_opts *o;
	struct send_stats *st;
	struct state state;		/* lock, journal, token key */
	struct journal *jn;		/* state.jn */
	struct smtp *smtp;
	const char *maildir;		/* maildir transport, or NULL */
	unsigned char *key;
	size_t keylen;
	const struct list *l;
	struct edition ed;		/* the list's edition (shared) */
	int per_sub;
	struct item batch[BATCH];
	size_t n, next;
	struct progress *pg;
	int failed;			/* a hard error stops the run */
	int attempts;			/* of the subscriber wanted() read */
};

/* retry_backoff, doubled for each earlier run that tried, capped */
static time_t
backoff(const struct config *c, int earlier)
{
	time_t d = c->retry_backoff;

	while (earlier-- > 0 && d < BACKOFF_MAX)
		d *= 2;
	return d < BACKOFF_MAX ? d : BACKOFF_MAX;
}

static void
item_clear(struct item *it)
{
	free(it->email);
	free(it->name);
	free(it->from);
	buf_free(&it->msg);
	memset(it, 0, sizeof *it);
}

/* A 5xx at RCPT or DATA goes into the bounce ledger like a bounce. */
static void
record_failure(struct sender *s, const struct item *it, const char *reply)
{
	const struct config *c = s->j->cfg;
	struct bounce_rcpt r;
	struct journal_event ev = { 0 };
	char *key = xasprintf("smtp:%s:%s:%s", s->j->issue->id, s->l->id,
	    it->email);
	int is_new;

	bounce_classify_reply(it->email, reply, &r);
	ev.kind = JE_FAILED;
	ev.issue = s->j->issue->id;
	ev.list = s->l->id;
	ev.email = it->email;
	ev.cls = r.hard ? JC_HARD : JC_SOFT;
	ev.status = r.status;
	ev.reason = r.reason;
	ev.at = time(NULL);
	ev.source_key = key;
	if (journal_event_add(s->jn, &ev, &is_new) == 0)
		journal_apply_policy(s->jn, s->l->id, it->email, c->hard_limit,
		    c->soft_limit, c->soft_window_days);
	free(key);
	free(r.address);
	free(r.reason);
}

static void
on_done(void *arg, const struct smtp_msg *m, enum smtp_result r,
    const char *reply)
{
	struct sender *s = arg;
	struct item *it = m->arg;
	const char *iss = s->j->issue->id;
	enum jstate js;
	int rc = 0;

	it->result = r;
	it->tries++;
	if (s->o->to || s->o->dry_run) {
		if (r == SMTP_OK)
			s->st->sent++;
		else if (r == SMTP_PERMFAIL)
			s->st->failed++;
		if (r != SMTP_OK)
			warnx("%s: %s", it->email, reply);
		progress_update(s->pg, s->st);
		return;
	}
	if (r == SMTP_OK) {
		rc = journal_mark(s->jn, iss, s->l->id, it->email, JS_SENT,
		    reply, 0);
		s->st->sent++;
	} else if (r == SMTP_PERMFAIL) {
		rc = journal_mark(s->jn, iss, s->l->id, it->email, JS_FAILED,
		    reply, 0);
		record_failure(s, it, reply);
		s->st->failed++;
		progress_warn(s->pg, "%s %s: failed: %s", s->l->id, it->email,
		    reply);
	} else if (it->tries > RUN_RETRIES || *s->o->stop) {
		js = JS_DEFERRED;
		rc = journal_mark(s->jn, iss, s->l->id, it->email, js, reply,
		    time(NULL) + backoff(s->j->cfg, it->attempts));
		s->st->deferred++;
		progress_warn(s->pg, "%s %s: deferred: %s", s->l->id, it->email,
		    reply);
	}
	if (r == SMTP_CONNFAIL)
		s->st->unreachable = 1;
	if (rc == -1)
		s->failed = 1;
	progress_update(s->pg, s->st);
}

static int
on_next(void *arg, struct smtp_msg *m)
{
	struct sender *s = arg;

	while (s->next < s->n) {
		struct item *it = &s->batch[s->next++];

		if (it->result == SMTP_OK && it->tries)
			continue;
		if (it->result == SMTP_PERMFAIL && it->tries)
			continue;
		if (it->tries > RUN_RETRIES)
			continue;
		m->from = it->from;
		m->rcpt = it->email;
		m->data = it->msg.data;
		m->len = it->msg.len;
		m->arg = it;
		return 1;
	}
	return 0;
}

static int
deliver_maildir(struct sender *s)
{
	for (size_t i = 0; i < s->n && !*s->o->stop; i++) {
		struct item *it = &s->batch[i];
		struct smtp_msg m = { it->from, it->email, it->msg.data,
		    it->msg.len, it };

		if (s->o->dry_run) {
			on_done(s, &m, SMTP_OK, "dry run");
			continue;
		}
		if (maildir_deliver(s->maildir, it->msg.data, it->msg.len,
		    it->from, it->email, NULL) == -1)
			return -1;
		on_done(s, &m, SMTP_OK, "250 delivered to maildir");
	}
	return 0;
}

/* Sends the batch; 4xx results get up to RUN_RETRIES more tries. */
static int
flush(struct sender *s)
{
	int rc = 0;

	if (s->n == 0)
		return 0;
	if (s->maildir || s->o->dry_run) {
		rc = deliver_maildir(s);
	} else {
		for (int round = 0; round <= RUN_RETRIES && !*s->o->stop;
		    round++) {
			size_t again = 0;

			if (round > 0)
				sleep((unsigned)round);
			s->next = 0;
			if (smtp_run(s->smtp, on_next, on_done, s,
			    s->o->stop) == -1) {
				s->st->unreachable = 1;
				rc = -1;
				break;
			}
			for (size_t i = 0; i < s->n; i++)
				if (s->batch[i].result == SMTP_TEMPFAIL &&
				    s->batch[i].tries <= RUN_RETRIES)
					again++;
			if (!again)
				break;
		}
	}
	/* whatever never got an answer stays pending for the next run */
	for (size_t i = 0; i < s->n; i++)
		item_clear(&s->batch[i]);
	s->n = 0;
	return rc;
}

static int
build_item(struct sender *s, const struct subscriber *sub, struct item *it)
{
	const struct config *c = s->j->cfg;
	struct recipient r;
	struct edition own;
	const struct edition *ed = &s->ed;

	it->email = xstrdup(s->o->to ? s->o->to : sub->email);
	it->name = sub && sub->name ? xstrdup(sub->name) : NULL;
	if (verp_token(s->key, s->keylen, s->j->issue->id, s->l->id,
	    it->email, it->token, sizeof it->token) == -1)
		return -1;
	it->from = xasprintf("bounces+%s@%s", it->token, c->bounce_domain);
	if (s->per_sub) {
		if (edition_build(s->j->cp, s->l, sub, s->o->to != NULL,
		    &own) == -1)
			return -1;
		ed = &own;
		s->st->editions++;
	}
	r.name = it->name;
	r.address = it->email;
	r.token = it->token;
	buf_grow(&it->msg, ed->headers.len + ed->body.len + 2048);
	message_build(s->j->cp, ed, s->l, &r, NULL, &it->msg);
	if (s->per_sub)
		edition_clear(&own);
	return 0;
}

/* Decides whether sub still needs this issue; 1 yes, 0 no, -1 error. */
static int
wanted(struct sender *s, const struct subscriber *sub)
{
	const char *iss = s->j->issue->id;
	enum jstate st;
	time_t next;
	char id[VERP_ID_LEN + 1];
	int rc;

	verp_id(iss, s->l->id, sub->email, id);
	if (!s->o->dry_run &&
	    journal_add(s->jn, iss, s->l->id, sub->email, id) == -1)
		return -1;
	s->attempts = 0;
	rc = journal_state(s->jn, iss, s->l->id, sub->email, &st,
	    &s->attempts, &next);
	if (rc == -1)
		return -1;
	if (rc == 1)
		st = JS_PENDING;	/* dry run: not recorded */
	if (st == JS_SENT || st == JS_FAILED || st == JS_SUPPRESSED) {
		s->st->already++;
		return 0;
	}
	if (st == JS_DEFERRED && s->o->respect_backoff && next > time(NULL)) {
		s->st->already++;
		return 0;
	}
	rc = journal_suppressed(s->jn, s->l->id, sub->email);
	if (rc == 1) {
		s->st->suppressed++;
		if (!s->o->dry_run)
			journal_mark(s->jn, iss, s->l->id, sub->email,
			    JS_SUPPRESSED, "suppressed", 0);
		return 0;
	}
	return rc == -1 ? -1 : 1;
}

static int
on_subscriber(void *arg, const struct subscriber *sub)
{
	struct sender *s = arg;
	int w;

	if (*s->o->stop || s->failed)
		return -1;
	if ((w = wanted(s, sub)) <= 0)
		return w;
	if (build_item(s, sub, &s->batch[s->n]) == -1) {
		item_clear(&s->batch[s->n]);
		s->failed = 1;
		return -1;
	}
	s->batch[s->n].attempts = s->attempts;
	if (++s->n == BATCH && flush(s) == -1) {
		s->failed = 1;
		return -1;
	}
	return 0;
}

static int
edition_ready(struct sender *s)
{
	int changed = 0;

	if (s->per_sub)
		return 0;
	if (edition_build(s->j->cp, s->l, NULL, s->o->to != NULL,
	    &s->ed) == -1)
		return -1;
	s->st->editions++;
	if (s->o->to || s->o->dry_run)
		return 0;
	if (journal_edition_check(s->jn, s->j->issue->id, s->l->id,
	    s->ed.digest, &changed) == -1)
		return -1;
	if (changed && !s->o->resend_changed) {
		warnx("%s: the %s edition changed after it was first sent; "
		    "subscribers would get two versions. Send the rest "
		    "anyway with --resend-changed", s->j->issue->dir,
		    s->l->id);
		return -1;
	}
	return 0;
}

static int
send_list(struct sender *s, const struct list *l)
{
	size_t bad = 0;
	int rc;

	s->l = l;
	if (edition_ready(s) == -1) {
		edition_clear(&s->ed);	/* built, then refused: ASan leak */
		return EX_DATAERR;
	}
	if (s->o->to) {
		struct subscriber sub = { s->o->to, NULL, 0, 0, NULL, NULL };

		if (build_item(s, &sub, &s->batch[s->n]) == -1)
			rc = -1;
		else {
			s->n++;
			rc = flush(s);
		}
	} else {
		rc = list_each(l, 0, on_subscriber, s, &bad);
		s->st->skipped_bad += (long)bad;
		if (rc == 0 || !s->failed)
			rc = flush(s) == -1 ? -1 : (s->failed ? -1 : 0);
	}
	edition_clear(&s->ed);
	if (rc == -1 && s->st->unreachable)
		return 0;	/* result_code() turns it into 69 or 75 */
	if (rc == -1 && s->failed)
		return EX_SOFTWARE;
	return 0;
}

static int
open_transport(struct sender *s)
{
	const struct config *c = s->j->cfg;
	char *pw = NULL;

	if (!strncmp(c->relays.v[0], "maildir:", 8)) {
		s->maildir = c->relays.v[0] + 8;
		return 0;
	}
	if (s->o->dry_run)
		return 0;
	if (c->username) {
		pw = config_secret(c, "SMTP password", c->password_file,
		    c->password_env);
		if (!pw)
			return -1;
	}
	s->smtp = smtp_open(c, pw);
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return s->smtp ? 0 : -1;
}

static int
result_code(const struct sender *s, int rc)
{
	if (rc)
		return rc;
	if (s->st->unreachable && s->st->sent == 0)
		return EX_UNAVAILABLE;
	if (s->st->deferred || s->st->unreachable || *s->o->stop)
		return EX_TEMPFAIL;
	return 0;
}

int
send_issue(struct job *j, const struct send_opts *o, struct send_stats *st)
{
	struct sender *s = xcalloc(1, sizeof *s);
	int rc;

	memset(st, 0, sizeof *st);
	s->j = j;
	s->o = o;
	s->st = st;
	s->per_sub = composer_per_subscriber(j->cp);
	rc = state_open(j->cfg, o->locked, 1, &s->state);
	s->jn = s->state.jn;
	s->key = s->state.key;
	s->keylen = s->state.keylen;
	if (rc == 0 && open_transport(s) == -1)
		rc = j->cfg->username ? EX_CONFIG : EX_UNAVAILABLE;
	if (rc == 0) {
		s->pg = progress_new(j->issue->id, o->quiet, o->verbose);
		if (o->dry_run)
			progress_log(s->pg, "dry run: nothing is sent");
		for (size_t i = 0; rc == 0 && i < j->nlists && !*o->stop &&
		    !st->unreachable; i++) {
			long before = st->sent;

			rc = send_list(s, j->lists[i]);
			if (rc == 0 && st->sent > before)
				progress_log(s->pg, "%s: %ld sent",
				    j->lists[i]->id, st->sent - before);
		}
		st->signatures = (long)signer_count(j->signer);
		progress_done(s->pg, st, o->to != NULL);
	}
	rc = result_code(s, rc);
	smtp_close(s->smtp);
	state_close(&s->state);
	progress_free(s->pg);
	free(s);
	return rc;
}
