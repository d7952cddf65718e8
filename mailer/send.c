/* send: journaled delivery of an issue.  See send.h. */
#include "send.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "bounce.h"
#include "ckpt.h"
#include "compose.h"
#include "config.h"
#include "dkim.h"
#include "edition.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "list.h"
#include "progress.h"
#include "roster.h"
#include "sign.h"
#include "state.h"
#include "throttle.h"
#include "transport.h"
#include "util.h"
#include "verp.h"
#include "workq.h"

#define POOL 256		/* messages built ahead of the connections */
/* slots refilled at once: one commit adds them */
#define REFILL 32
#define BACKOFF_MAX 21600	/* seconds: deferred recipients wait at most */
#define CHECKPOINT_MS 200	/* the journal's checkpoints, from a thread */
#define RESET_PAGES 4096	/* its log is reset at 16 MB (ckpt.h) */

/*
 * A slot is built, then (with DKIM) signed on a worker thread
 * (SLOT_SIGNING, the worker's until workq_done hands it back), offered to
 * the transport (SLOT_READY), in flight (SLOT_BUSY), then free again.
 */
enum slot { SLOT_FREE, SLOT_SIGNING, SLOT_READY, SLOT_BUSY };

/* One recipient's message; the buffer's memory is reused by the next. */
struct item {
	enum slot state;
	char *email, *name;
	char token[VERP_TOKEN_LEN + 1];
	char *from;
	struct buf msg;		/* the whole message, or its head when body */
	const struct buf *body;	/* the shared edition's body, or NULL */
	int tries;		/* in this run */
	int attempts;		/* in earlier runs, from the journal */
	double not_before;	/* a 4xx waits before its retry */
	unsigned char bh[DKIM_HASH_LEN];	/* its edition's body hash */
	int sign_failed;	/* set by the worker */
	/* the slots in use, first built first: first sent */
	struct item *older, *newer;
};

struct sender {
	struct job *j;
	const struct send_opts *o;
	struct send_stats *st;
	struct state state;		/* lock, journal, token key */
	struct journal *jn;		/* state.jn */
	struct transport *t;
	struct throttle *th;
	struct verp_mac *mac;		/* the token key, made ready once */
	const struct list *l;
	struct edition ed;		/* the list's edition (shared) */
	unsigned char bh[DKIM_HASH_LEN];	/* its DKIM body hash */
	time_t dkim_t;			/* the signatures' t= */
	struct workq *signers;		/* DKIM off the sending thread */
	struct strset suppressed;	/* the list's, read once per list */
	long long stopped_mark;		/* newest unsubscribe event read */
	struct strset csv_seen;		/* CSV addresses, when web ones wait */
	/* stopped on a list lists/ no longer has (renamed?), read once */
	struct strset orphaned;
	int orphans_read;
	char *orphan_list, *orphan_email;	/* one such list, one member */
	long orphan_hits;		/* this list's members among them */
	int web_pending;		/* the list has web subscribers */
	int per_sub;
	/* the edition changed since first sent: refused at the first
	   recipient still to get it (none left: nothing to send) */
	int changed;
	struct item pool[POOL];
	/*
	 * The slots not free, oldest first: a slot keeps its place until it
	 * is free, retries included, so on_next stops at the first it may
	 * send, where a scan of the pool cost 3,400 instructions a message
	 * (callgrind).
	 */
	struct item *oldest, *newest;
	size_t used;			/* slots not free */
	struct progress *pg;
	int tx;				/* a journal transaction is open */
	/* a commit failed: outcomes heard may be lost (on_sync) */
	int commit_failed;
	pthread_mutex_t writers;	/* held while tx: see ckpt.h */
	struct ckpt *ckpt;		/* the journal's checkpoints */
	int failed;			/* a hard error stops the run */
	int attempts;			/* of the subscriber wanted() read */
	/* its address as the journal spells it, when the CSV now differs */
	char spelled[JOURNAL_EMAIL_MAX];
	char id[VERP_ID_LEN + 1];	/* its row's token id, or "" */
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

/*
 * Journal writes go into one open transaction, committed before any
 * message is handed to the transport (on_next) and whenever the transport
 * asks (on_sync): an SMTP connection may start its next message while the
 * last one's outcome is being committed, but it does not end it (the
 * final ".") before that commit (transport_sync_fn).  So a crash repeats
 * at most one message a connection: the one the relay accepted just
 * before it (README, "What the journal guarantees"); and outcomes that
 * arrive together share one commit.
 */
static int
tx_open(struct sender *s)
{
	if (s->tx || s->o->to || s->o->dry_run)
		return 0;
	pthread_mutex_lock(&s->writers);
	if (journal_begin(s->jn) == -1) {
		pthread_mutex_unlock(&s->writers);
		s->failed = 1;
		return -1;
	}
	s->tx = 1;
	return 0;
}

static int
tx_commit(struct sender *s)
{
	int rc;

	if (!s->tx)
		return 0;
	s->tx = 0;
	rc = journal_commit(s->jn);
	pthread_mutex_unlock(&s->writers);
	if (rc == -1)
		s->failed = s->commit_failed = 1;
	return rc;
}

/* The slot becomes free; its buffer keeps its memory for the next. */
static void
item_release(struct sender *s, struct item *it)
{
	free(it->email);
	free(it->name);
	free(it->from);
	it->email = it->name = it->from = NULL;
	buf_reset(&it->msg);
	it->body = NULL;
	it->tries = 0;
	it->not_before = 0;
	if (it->state != SLOT_FREE) {
		s->used--;
		*(it->older ? &it->older->newer : &s->oldest) = it->newer;
		*(it->newer ? &it->newer->older : &s->newest) = it->older;
		it->older = it->newer = NULL;
	}
	it->state = SLOT_FREE;
}

/*
 * The DKIM-Signature fields over this recipient's header block, put above
 * it; bh is the edition's body hash, computed once per edition.
 */
static int
dkim_item(struct sender *s, struct item *it, const unsigned char *bh)
{
	struct buf sig = BUF_INIT;
	const char *end = memmem(it->msg.data, it->msg.len, "\r\n\r\n", 4);
	size_t head = end ? (size_t)(end - it->msg.data) + 4 : it->msg.len;
	int rc = -1;

	if (dkim_sign(s->j->dkim, bh, it->msg.data, head, s->dkim_t,
	    &sig) == 0) {
		buf_grow(&it->msg, sig.len);
		memmove(it->msg.data + sig.len, it->msg.data, it->msg.len + 1);
		memcpy(it->msg.data, sig.data, sig.len);
		it->msg.len += sig.len;
		rc = 0;
	}
	buf_free(&sig);
	return rc;
}

/*
 * RSA-2048 costs about as much CPU as the rest of a message's way out, so
 * the signatures are made on worker threads while this thread builds the
 * next messages and feeds the transport (tests/bench/dkim.sh).
 * Runs on a worker: reads the item's head and bh, the shared keys and t.
 */
static void
sign_job(void *job, void *arg)
{
	struct item *it = job;

	it->sign_failed = dkim_item(arg, it, it->bh) == -1;
}

/*
 * One processor is left to this thread, the connections and a local
 * relay: more signers than that only take turns with them (one signer
 * makes some 3,700 messages' signatures a second here).
 */
static int
signer_threads(void)
{
	int n = workq_cpus() - 1;

	return n > 0 ? n : 1;
}

static void
signed_wake(void *arg)
{
	transport_wakeup(arg);
}

/* Signed items become ready; a failed signature stops the run. */
static void
signed_collect(struct sender *s)
{
	struct item *it;

	while (s->signers && (it = workq_done(s->signers))) {
		it->state = SLOT_READY;
		if (it->sign_failed)
			s->failed = 1;
	}
}

/* Before slots are freed: every item comes back from the workers. */
static void
signed_wait(struct sender *s)
{
	if (s->signers) {
		workq_wait(s->signers);
		signed_collect(s);
	}
}

/* A reply's code, 0 when it is no server reply (libcurl's error text). */
static int
reply_code(const char *reply)
{
	if (reply[0] < '2' || reply[0] > '5' || reply[1] < '0' ||
	    reply[1] > '9' || reply[2] < '0' || reply[2] > '9' ||
	    (reply[3] != ' ' && reply[3] != '-' && reply[3] != '\0'))
		return 0;
	return (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + reply[2] - '0';
}

/*
 * A 5xx at RCPT or DATA goes into the bounce ledger like a bounce and
 * counts towards suppression, except a policy reject.
 */
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
	/* a policy refusal (5.7.x) says nothing about the mailbox */
	if (!strncmp(r.status, "5.7.", 4))
		ev.cls = JC_NONE;
	ev.status = r.status;
	ev.reason = r.reason;
	ev.at = time(NULL);
	ev.source_key = key;
	if (journal_event_add(s->jn, &ev, &is_new) == 0 &&
	    journal_apply_policy(s->jn, s->l->id, it->email, c->hard_limit,
	    c->soft_limit, c->soft_window_days) == 1)
		strset_add(&s->suppressed, it->email);
	free(key);
	free(r.address);
	free(r.reason);
}

/*
 * A recipient deferred again (just recorded) whose first deferral is older
 * than transport.give_up_after is given up, as an MTA gives up a message
 * whose attempt fails after its queue lifetime (RFC 5321 4.5.4.1): the
 * limit ends the retrying, it does not skip the last try.  Failed, a soft
 * failure in the bounce ledger (4.4.7, expired), said once.  1 when given
 * up, 0, -1.
 */
static int
give_up(struct sender *s, const char *iss, const char *email)
{
	const struct config *c = s->j->cfg;
	struct journal_event ev = { 0 };
	time_t since, now = time(NULL);
	char when[32], limit[32], *last, *reply, *key;
	struct tm tm;
	int is_new, rc;

	if (c->give_up_after <= 0)
		return 0;
	if (journal_deferred(s->jn, iss, s->l->id, email, &since, &last) == -1)
		return -1;
	if (!since || now - since < c->give_up_after) {
		free(last);
		return 0;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime_r(&since,
	    &tm));
	if (c->give_up_after % 86400 == 0)
		snprintf(limit, sizeof limit, "%ld day%s", c->give_up_after /
		    86400, c->give_up_after == 86400 ? "" : "s");
	else
		snprintf(limit, sizeof limit, "%ld s", c->give_up_after);
	reply = xasprintf("deferred since %s, longer than "
	    "transport.give_up_after (%s): given up; last reply: %s", when,
	    limit, *last ? last : "none");
	key = xasprintf("giveup:%s:%s:%s", iss, s->l->id, email);
	ev.kind = JE_FAILED;
	ev.issue = iss;
	ev.list = s->l->id;
	ev.email = email;
	ev.cls = JC_SOFT;
	ev.status = "4.4.7";
	ev.reason = "expired";
	ev.at = now;
	ev.source_key = key;
	rc = journal_mark(s->jn, iss, s->l->id, email, JS_FAILED, reply, 0);
	if (rc == 0 && (rc = journal_event_add(s->jn, &ev, &is_new)) == 0 &&
	    journal_apply_policy(s->jn, s->l->id, email, c->hard_limit,
	    c->soft_limit, c->soft_window_days) == 1)
		strset_add(&s->suppressed, email);
	if (rc == 0) {
		s->st->failed++;
		progress_warn(s->pg, "%s %s: failed: %s", s->l->id, email,
		    printable(reply));
	}
	free(key);
	free(reply);
	free(last);
	return rc == -1 ? -1 : 1;
}

/*
 * 1 when a 5xx refuses the message for its size (5.3.4, RFC 3463): every
 * recipient of the edition would get it, and it says nothing of them.
 */
static int
too_big(const struct item *it, const char *reply)
{
	struct bounce_rcpt r;
	int big;

	bounce_classify_reply(it->email, reply, &r);
	big = !strcmp(r.status, "5.3.4");
	free(r.address);
	free(r.reason);
	return big;
}

/* An outcome that touches no journal: --to and --dry-run. */
static void
count_only(struct sender *s, const struct item *it, enum transport_result r,
    const char *reply)
{
	if (r == TRANSPORT_OK)
		s->st->sent++;
	else if (r == TRANSPORT_PERMFAIL)
		s->st->failed++;
	else if (r == TRANSPORT_TEMPFAIL || r == TRANSPORT_NOREPLY)
		s->st->deferred++;
	if (r != TRANSPORT_OK)
		warnx("%s: %s", it->email, printable(reply));
}

/* The transport itself failed: the message stays pending. */
static void
transport_failed(struct sender *s, enum transport_result r)
{
	if (r == TRANSPORT_AUTHFAIL)
		s->st->authfail = 1;
	else if (r == TRANSPORT_LOCALFAIL)
		s->st->localfail = 1;
	else
		s->st->unreachable = 1;
	if (r == TRANSPORT_TLSFAIL)
		s->st->tlsfail = 1;
}

/* Back into the pool as it was, not a try: the transport never sent it. */
static void
unsent_back(struct sender *s, struct item *it, double now)
{
	if (s->th)
		throttle_end(s->th, addr_domain(it->email), now, 0);
	it->state = SLOT_READY;
}

/* A 5xx: failed, into the bounce ledger, said.  0 / -1 (the journal). */
static int
mark_failed(struct sender *s, const struct item *it, const char *reply)
{
	int rc = journal_mark(s->jn, s->j->issue->id, s->l->id, it->email,
	    JS_FAILED, reply, 0);

	record_failure(s, it, reply);
	s->st->failed++;
	progress_warn(s->pg, "%s %s: failed: %s", s->l->id, it->email,
	    printable(reply));
	return rc;
}

/*
 * 1 when a 4xx goes back into the pool for another try within this run:
 * transport.retry_in_run more tries, the first after
 * transport.retry_in_run_wait, each next wait doubled (by default 1 s,
 * then 2 s).  A NOREPLY may be delivered, a too-big edition is refused
 * again: one try a send.
 */
static int
retry_in_run(struct sender *s, struct item *it, enum transport_result r,
    double now)
{
	const struct config *c = s->j->cfg;

	if (r == TRANSPORT_TEMPFAIL && it->tries <= c->retry_in_run &&
	    !*s->o->stop) {
		it->state = SLOT_READY;
		it->not_before = now +
		    c->retry_in_run_wait * (double)(1L << (it->tries - 1));
		progress_update(s->pg, s->st->sent, s->st->deferred,
		    s->st->failed);
		return 1;
	}
	return 0;
}

/*
 * How to send a changed edition, after "with": " --resend-changed", or
 * for run, which takes no such option, ": mailer --config FILE send DIR
 * --resend-changed" (FILE and DIR quoted for a shell where they need
 * it).  The caller frees it.
 */
static char *
resend_how(const struct sender *s)
{
	struct buf b = BUF_INIT;

	if (!s->o->run)
		return xstrdup(" --resend-changed");
	/* quoted as a shell needs: the line is to be pasted */
	buf_adds(&b, ": mailer --config ");
	buf_add_shell_word(&b, s->j->cfg->path);
	buf_adds(&b, " send ");
	buf_add_shell_word(&b, s->j->issue->dir);
	buf_adds(&b, " --resend-changed");
	return buf_detach(&b);
}

/*
 * Deferred to a later run after its backoff: a 4xx out of tries, a
 * NOREPLY, or a 5xx that refuses the edition's size; given up instead
 * when deferred for longer than transport.give_up_after.  0 / -1.
 */
static int
mark_deferred(struct sender *s, const struct item *it,
    enum transport_result r, const char *reply)
{
	int rc = journal_mark(s->jn, s->j->issue->id, s->l->id, it->email,
	    JS_DEFERRED, reply, time(NULL) + backoff(s->j->cfg, it->attempts));
	char *how;

	if (rc == 0 && (rc = give_up(s, s->j->issue->id, it->email)) != 0)
		return rc < 0 ? -1 : 0;
	s->st->deferred++;
	if (r == TRANSPORT_PERMFAIL)	/* too big: not failed */
		s->st->toobig = 1;
	how = r == TRANSPORT_PERMFAIL ? resend_how(s) : NULL;
	progress_warn(s->pg, "%s %s: deferred: %s%s%s", s->l->id, it->email,
	    printable(reply), how ? ": the relay refuses the edition's "
	    "size; make it smaller (its images) and send again with" : "",
	    how ? how : "");
	free(how);
	return rc;
}

/*
 * Writes one outcome into the open transaction (committed by on_sync or
 * on_next).  A 4xx goes back into the pool for a later try; whatever got
 * no session stays pending for the next run.
 */
static void
on_done(void *arg, const struct transport_msg *m, enum transport_result r,
    const char *reply)
{
	struct sender *s = arg;
	struct item *it = m->arg;
	double now = now_mono();
	int rc = 0;

	if (r == TRANSPORT_UNSENT) {
		unsent_back(s, it, now);
		return;
	}
	if (r == TRANSPORT_HELD) {	/* smtp.c said why, once */
		if (s->th)
			throttle_end(s->th, addr_domain(it->email), now, 0);
		s->st->deferred++;
		item_release(s, it);
		return;
	}
	it->tries++;
	tx_open(s);
	if (s->th)
		throttle_end(s->th, addr_domain(it->email), now,
		    r > TRANSPORT_PERMFAIL ? 0 : reply_code(reply));
	if (r == TRANSPORT_OK && m->relay)
		progress_relay(s->pg, m->relay);
	if (r > TRANSPORT_PERMFAIL) {
		transport_failed(s, r);
	} else if (s->o->to || s->o->dry_run) {
		count_only(s, it, r, reply);
	} else if (r == TRANSPORT_OK) {
		rc = journal_mark_sent(s->jn, s->j->issue->id, s->l->id,
		    it->email, reply, m->relay);
		s->st->sent++;
	} else if (r == TRANSPORT_PERMFAIL && !too_big(it, reply)) {
		rc = mark_failed(s, it, reply);
	} else if (retry_in_run(s, it, r, now)) {
		return;
	} else {
		rc = mark_deferred(s, it, r, reply);
	}
	if (r == TRANSPORT_OK && s->o->verbose)
		progress_log(s->pg, "%s %s: %s", s->l->id, it->email,
		    s->o->dry_run ? "would be sent" : "sent");
	if (rc == -1)
		s->failed = 1;
	item_release(s, it);
	progress_update(s->pg, s->st->sent, s->st->deferred, s->st->failed);
}

/*
 * The transport asks for the outcomes so far to be on disk; on_next may
 * have committed them already, or failed to.
 */
static int
on_sync(void *arg)
{
	struct sender *s = arg;

	return s->commit_failed ? -1 : tx_commit(s);
}

/* The one place where a message meets the transport. */
static void
msg_fill(struct transport_msg *m, struct item *it)
{
	m->from = it->from;
	m->rcpt = it->email;
	/* proof in a DSN that returns no copy */
	m->envid = *it->token ? it->token : NULL;
	m->head = it->msg.data;
	m->head_len = it->msg.len;
	m->data = it->body ? it->body->data : NULL;
	m->len = it->body ? it->body->len : 0;
	m->arg = it;
	m->relay = NULL;	/* the transport names it */
}

/* The journal's callback: email joins the list's suppressed set. */
static void
suppressed_add(void *arg, const char *email)
{
	struct sender *s = arg;

	strset_add(&s->suppressed, email);
}

/*
 * 1 when it->email unsubscribed (or complained) after the list's set was
 * read: mailer serve commits an unsubscribe before it answers, so one
 * read of the new events just before a message starts honours every
 * unsubscribe answered before that.  The item is then marked and freed.
 * The read sees every other writer's commit: outside a transaction, or
 * inside ours (BEGIN IMMEDIATE: no other writer could commit since it
 * began, so its snapshot is the newest state).  It is one index seek when
 * nothing is new.
 */
static int
stopped_now(struct sender *s, struct item *it)
{
	if (s->o->to || s->o->dry_run)
		return 0;
	if (journal_stopped_since(s->jn, s->l->id, &s->stopped_mark,
	    suppressed_add, s) == -1) {
		s->failed = 1;
		return 0;
	}
	if (!strset_has(&s->suppressed, it->email))
		return 0;
	if (journal_mark(s->jn, s->j->issue->id, s->l->id, it->email,
	    JS_SUPPRESSED, "unsubscribed during the send", 0) == -1)
		s->failed = 1;
	s->st->suppressed++;
	item_release(s, it);
	return 1;
}

/*
 * The oldest message whose retry time has come and whose domain is under
 * its limits.
 */
static enum transport_next
on_next(void *arg, struct transport_msg *m, long *wait_ms)
{
	struct sender *s = arg;
	struct item *best;
	double now, soonest, at;
	int pending;

	signed_collect(s);
again:
	best = NULL;
	now = now_mono();
	soonest = 0;
	pending = s->oldest != NULL;
	for (struct item *it = s->oldest; it && !best; it = it->newer) {
		if (it->state != SLOT_READY)
			continue;
		at = it->not_before;
		if (at <= now && (!s->th || throttle_may_start(s->th,
		    addr_domain(it->email), now, &at)))
			best = it;
		else if (at > now && (soonest == 0 || at < soonest))
			soonest = at;
	}
	/*
	 * The read runs in the open transaction when there is one: the
	 * SMTP transport asks for the next message before it syncs the
	 * outcomes just heard (smtp_run), so this commit is theirs.
	 */
	if (best && stopped_now(s, best))
		goto again;
	if (s->failed || tx_commit(s) == -1)
		return TRANSPORT_NEXT_END;	/* the rest stays pending */
	if (best) {
		best->state = SLOT_BUSY;
		if (s->th)
			throttle_start(s->th, addr_domain(best->email),
			    now);
		msg_fill(m, best);
		return TRANSPORT_NEXT_MSG;
	}
	if (!pending)
		return TRANSPORT_NEXT_END;
	if (soonest > 0 && (soonest - now) * 1000 + 1 < *wait_ms)
		*wait_ms = (long)((soonest - now) * 1000) + 1;
	return TRANSPORT_NEXT_LATER;
}

/*
 * Runs the transport; -1 when it cannot go on (no relay, the Maildir
 * failed): on_done has said which, else it is "no relay".
 */
static int
run(struct sender *s, int flags)
{
	if (transport_run(s->t, on_next, on_done, on_sync, s, s->o->stop,
	    flags) == 0)
		return 0;
	if (!s->st->unreachable && !s->st->authfail && !s->st->localfail)
		s->st->unreachable = 1;
	return -1;
}

/* Sends what the pool holds, retries included.  0 / -1 (no relay). */
static int
drain(struct sender *s)
{
	int rc = 0;

	if (tx_commit(s) == -1)
		rc = -1;
	else if (s->used && run(s, 0) == -1)
		rc = -1;
	/* whatever never got an answer stays pending for the next run */
	signed_wait(s);
	for (size_t i = 0; i < POOL; i++)
		item_release(s, &s->pool[i]);
	if (tx_commit(s) == -1)
		rc = -1;
	return rc;
}

/*
 * A free slot; NULL when sending stopped.  A full pool sends until REFILL
 * slots are free, so the journal rows of their recipients go into one
 * commit rather than one commit each next to an outcome.
 */
static struct item *
free_slot(struct sender *s)
{
	int refill = 0;

	while (s->used == POOL || (refill && s->used > POOL - REFILL)) {
		refill = 1;
		/* not while waiting: mailer serve writes unsubscribes */
		if (*s->o->stop || s->failed || tx_commit(s) == -1)
			return NULL;
		if (run(s, TRANSPORT_RUN_PUMP) == -1)
			return NULL;
	}
	for (size_t i = 0; i < POOL; i++)
		if (s->pool[i].state == SLOT_FREE) {
			struct item *it = &s->pool[i];

			s->used++;
			it->state = SLOT_READY;
			it->older = s->newest;
			*(s->newest ? &s->newest->newer : &s->oldest) = it;
			s->newest = it;
			return it;
		}
	return NULL;	/* not reached */
}

static int
build_item(struct sender *s, const struct subscriber *sub, struct item *it)
{
	const struct config *c = s->j->cfg;
	struct recipient r;
	struct edition own;
	const struct edition *ed = &s->ed;
	unsigned char own_bh[DKIM_HASH_LEN];
	const unsigned char *bh = s->bh;
	int rc = 0;

	it->email = xstrdup(s->o->to ? s->o->to : s->spelled[0] ? s->spelled :
	    sub->email);
	it->name = sub && sub->name ? xstrdup(sub->name) : NULL;
	/* the row's id is the token's when the row names this address */
	if (s->o->to || s->spelled[0] || !s->id[0])
		verp_id(s->j->issue->id, s->l->id, it->email, s->id);
	if (verp_token_mac(s->mac, s->id, it->token, sizeof it->token) == -1)
		return -1;
	it->from = xasprintf("bounces+%s@%s", it->token, c->bounce_domain);
	if (s->per_sub) {
		if (edition_build(s->j->cp, s->l, sub, s->o->to != NULL,
		    &own) == -1)
			return -1;
		ed = &own;
		s->st->editions++;
		if (s->j->dkim) {
			dkim_body_hash(own.body.data, own.body.len, own_bh);
			bh = own_bh;
		}
	}
	r.name = it->name;
	r.address = it->email;
	r.token = it->token;
	/*
	 * The shared body is sent from the edition, not copied per message;
	 * a subscriber's own edition is freed here, so it takes a copy.
	 */
	if (s->per_sub) {
		buf_grow(&it->msg, ed->headers.len + ed->body.len + 2048);
		message_build(s->j->cp, ed, s->l, &r, NULL, &it->msg);
	} else {
		buf_grow(&it->msg, ed->headers.len + 2048);
		message_build_head(s->j->cp, ed, s->l, &r, NULL, &it->msg);
		it->body = &ed->body;
	}
	if (s->signers) {
		memcpy(it->bh, bh, DKIM_HASH_LEN);
		it->state = SLOT_SIGNING;
		workq_submit(s->signers, it);
	} else if (s->j->dkim) {
		rc = dkim_item(s, it, bh);
	}
	if (s->per_sub)
		edition_clear(&own);
	return rc;
}

/*
 * A dry run adds no row, so it reads the spelling journal_add_any_case
 * would go on with: the row of this one, else one in another case.
 */
static int
dry_spelling(struct sender *s, const char *email)
{
	enum jstate st;
	int rc = journal_state(s->jn, s->j->issue->id, s->l->id, email, &st,
	    NULL, NULL);

	if (rc != 1)
		return rc;
	return journal_other_case(s->jn, s->j->issue->id, s->l->id, email,
	    s->spelled) == -1 ? -1 : 0;
}

/*
 * sub's row in the journal, added when it has none (a dry run adds none):
 * *email the address as the row spells it, its state, *next its retry
 * time and s->attempts its tries so far.  0 / -1.
 */
static int
subscriber_row(struct sender *s, const struct subscriber *sub,
    const char **email, enum jstate *st, time_t *next)
{
	const char *iss = s->j->issue->id;
	int known = 1;

	s->attempts = 0;
	s->spelled[0] = '\0';
	s->id[0] = '\0';
	if (s->o->dry_run) {
		if (dry_spelling(s, sub->email) == -1)
			return -1;
	} else {
		verp_id(iss, s->l->id, sub->email, s->id);
		if ((known = journal_add_any_case(s->jn, iss, s->l->id,
		    sub->email, s->id, s->spelled)) == -1)
			return -1;
	}
	if (s->spelled[0])
		*email = s->spelled;
	/* a row just added is pending with no attempts: nothing to read */
	if (known && journal_state(s->jn, iss, s->l->id, *email, st,
	    &s->attempts, next) == -1)
		return -1;
	return 0;
}

/*
 * 1 when the journal's state says the issue is done with a recipient
 * (counted: suppressed, sent, failed, or deferred and its backoff
 * respected and not over), 0 when it still needs it, -1.
 */
static int
done_by_state(struct sender *s, enum jstate st, time_t next, time_t now)
{
	/* counted as status counts it: a suppressed one stays suppressed */
	if (st == JS_SUPPRESSED) {
		s->st->suppressed++;
		return 1;
	}
	if (st == JS_SENT || st == JS_FAILED) {
		s->st->already++;
		return 1;
	}
	/*
	 * A wait longer than any backoff is a clock that has since gone
	 * back (a host booted with its clock ahead, then corrected): due
	 * now, or the address would wait for the clock to catch up.
	 */
	if (st == JS_DEFERRED && s->o->respect_backoff && next > now &&
	    next - now <= BACKOFF_MAX) {
		s->st->already++;
		return 1;
	}
	return 0;
}

/*
 * 1 when sub is on the list's suppression set: marked suppressed (not in
 * a dry run) and counted; 0 when not, -1.
 */
static int
suppressed_here(struct sender *s, const struct subscriber *sub,
    const char *email)
{
	if (!strset_has(&s->suppressed, sub->email))
		return 0;
	if (!s->o->dry_run && journal_mark(s->jn, s->j->issue->id, s->l->id,
	    email, JS_SUPPRESSED, "suppressed", 0) == -1)
		return -1;
	s->st->suppressed++;
	return 1;
}

/* Decides whether sub still needs this issue; 1 yes, 0 no, -1 error. */
static int
wanted(struct sender *s, const struct subscriber *sub)
{
	enum jstate st = JS_PENDING;	/* also a dry run's unrecorded one */
	time_t next = 0, now = time(NULL);
	const char *email = sub->email;
	int w;

	if (subscriber_row(s, sub, &email, &st, &next) == -1)
		return -1;
	if ((w = done_by_state(s, st, next, now)) != 0 ||
	    (w = suppressed_here(s, sub, email)) != 0)
		return w < 0 ? -1 : 0;
	if (strset_has(&s->orphaned, sub->email) && !s->orphan_hits++)
		s->orphan_email = xstrdup(sub->email);
	return 1;
}

/* The refusal of an edition changed since it was first sent. */
static void
changed_refuse(const struct sender *s)
{
	char *how = resend_how(s);

	warnx("%s: the %s edition changed after it was first sent; "
	    "subscribers would get two versions. Send the rest anyway with%s",
	    s->j->issue->dir, s->l->id, how);
	free(how);
}

static int
on_subscriber(void *arg, const struct subscriber *sub)
{
	struct sender *s = arg;
	struct item *it;
	int w;

	if (*s->o->stop || s->failed || tx_open(s) == -1)
		return -1;
	if (s->web_pending && sub->line)
		strset_add(&s->csv_seen, sub->email);
	if ((w = wanted(s, sub)) == -1)
		s->failed = 1;
	if (w <= 0)
		return w;
	if (s->changed) {
		changed_refuse(s);
		return -1;
	}
	if (!(it = free_slot(s)))
		return -1;
	if (build_item(s, sub, it) == -1) {
		item_release(s, it);
		s->failed = 1;
		return -1;
	}
	it->attempts = s->attempts;
	return 0;
}

static int
edition_ready(struct sender *s)
{
	int changed = 0;

	s->changed = 0;
	if (s->per_sub && s->o->to)
		return 0;
	/*
	 * A personal edition's digest is that of the edition built for no
	 * subscriber: what the articles and templates make of the issue,
	 * which an edit changes and a subscriber's name does not.
	 */
	if ((s->per_sub ? edition_build_unsigned(s->j->cp, s->l, &s->ed) :
	    edition_build(s->j->cp, s->l, NULL, s->o->to != NULL,
	    &s->ed)) == -1)
		return -1;
	if (!s->per_sub) {
		s->st->editions++;
		if (s->j->dkim)
			dkim_body_hash(s->ed.body.data, s->ed.body.len,
			    s->bh);
	}
	if (s->o->to)
		return 0;
	/*
	 * A first send may reach only some lists: run owes it the others.
	 * Marked once the edition is built, so a send refused before (a bad
	 * subject, a list id) writes nothing.
	 */
	if (!s->o->dry_run &&
	    journal_owed_begin(s->jn, s->j->issue->id) == -1) {
		s->failed = 1;
		return -1;
	}
	/* the dry run refuses as the send would, and stores no digest */
	if ((s->o->dry_run ? journal_edition_changed :
	    journal_edition_check)(s->jn, s->j->issue->id, s->l->id,
	    s->ed.digest, &changed) == -1) {
		s->failed = 1;	/* the journal's, not the issue's */
		return -1;
	}
	s->changed = changed && !s->o->resend_changed;
	return 0;
}

/* The list's confirmed web subscribers, read before its CSV. */
struct web_subs {
	char **email, **name;
	size_t n;
};

static int
web_add(void *arg, const char *email, const char *name)
{
	struct web_subs *w = arg;

	w->email = xrealloc(w->email, (w->n + 1) * sizeof *w->email);
	w->name = xrealloc(w->name, (w->n + 1) * sizeof *w->name);
	w->email[w->n] = xstrdup(email);
	w->name[w->n++] = name ? xstrdup(name) : NULL;
	return 0;
}

static int
web_subscribers(struct sender *s, struct web_subs *w)
{
	if (journal_subscribers_each(s->jn, s->l->id, web_add, w) == -1)
		return -1;
	s->web_pending = w->n > 0;
	return 0;
}

static void
web_clear(struct web_subs *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->email[i]);
		free(w->name[i]);
	}
	free(w->email);
	free(w->name);
}

/*
 * Web subscribers after the CSV rows, each once: an address that is also
 * a CSV row was that row.  Their fields are email and name.
 */
static int
send_web(struct sender *s, const struct web_subs *w)
{
	static const char *const keys[] = { "email", "name" };

	for (size_t i = 0; i < w->n; i++) {
		const char *values[] = { w->email[i], w->name[i] ?
		    w->name[i] : "" };
		struct subscriber sub = { w->email[i], w->name[i], 0, 2, keys,
		    values };

		if (strset_has(&s->csv_seen, w->email[i]))
			continue;
		if (on_subscriber(s, &sub) == -1)
			return -1;
	}
	return 0;
}

/*
 * The addresses unsubscribed or suppressed on a list that lists/ no
 * longer has: a list renamed keeps neither (both are kept under its id).
 * Read at the first list of the send.  0 / -1.
 */
static int
orphans_read(struct sender *s)
{
	if (s->orphans_read++)
		return 0;
	return roster_orphans(s->jn, s->j->cfg->lists_dir, &s->orphaned,
	    &s->orphan_list);
}

/* Says that the list's members stopped on a vanished list got the issue. */
static void
orphans_warn(struct sender *s)
{
	if (s->orphan_hits)
		warnx("warning: list %s: %ld address%s (such as %s) "
		    "unsubscribed or were suppressed on list %s, which %s no "
		    "longer has, and %s sent this issue; if %s is %s renamed, "
		    "run \"mailer lists rename %s %s\" (the journal keeps "
		    "unsubscribes and suppressions under a list's id, its file "
		    "name)",
		    s->l->id, s->orphan_hits, s->orphan_hits == 1 ? "" : "es",
		    s->orphan_email, s->orphan_list, s->j->cfg->lists_dir,
		    s->o->dry_run ? "would be" : s->orphan_hits == 1 ? "was" :
		    "were", s->l->id, s->orphan_list, s->orphan_list, s->l->id);
	free(s->orphan_email);
	s->orphan_email = NULL;
	s->orphan_hits = 0;
}

static int
send_list(struct sender *s, const struct list *l)
{
	struct web_subs web = { NULL, NULL, 0 };
	size_t bad = 0;
	int rc = 0;

	s->l = l;
	if (edition_ready(s) == -1) {
		edition_clear(&s->ed);	/* built, then refused */
		if (s->failed)
			return EXIT_SOFTWARE;
		return composer_sign_failed(s->j->cp) ? EXIT_CONFIG :
		    EXIT_DATAERR;
	}
	if (s->o->to) {
		struct subscriber sub = { s->o->to, NULL, 0, 0, NULL, NULL };
		struct item *it = free_slot(s);

		if (build_item(s, &sub, it) == -1)
			s->failed = 1;
		rc = drain(s) == -1 || s->failed ? -1 : 0;
	} else if (journal_stopped_mark(s->jn, &s->stopped_mark) == -1 ||
	    journal_suppressed_each(s->jn, l->id, suppressed_add, s) == -1 ||
	    orphans_read(s) == -1 || web_subscribers(s, &web) == -1) {
		rc = -1;
		s->failed = 1;
	} else {
		rc = list_each(l, 0, on_subscriber, s, &bad);
		s->st->skipped_bad += (long)bad;
		if (rc == 0)
			rc = send_web(s, &web);
		if (drain(s) == -1 || s->failed)
			rc = -1;
	}
	web_clear(&web);
	orphans_warn(s);
	strset_free(&s->suppressed);
	strset_free(&s->csv_seen);
	s->web_pending = 0;
	edition_clear(&s->ed);
	if (rc == -1 && s->st->localfail)
		return EXIT_CANTCREAT;
	if (rc == -1 && (s->st->unreachable || s->st->authfail))
		return 0;	/* result_code() makes it 69, 75, 76 or 77 */
	if (rc == -1 && s->failed)
		return EXIT_SOFTWARE;
	if (rc == -1 && !*s->o->stop)
		return EXIT_DATAERR;	/* list_each: the CSV, reported */
	return 0;
}

/*
 * The transport, and with DKIM the signers: signatures are made on worker
 * threads while this thread builds the next messages and feeds the
 * transport, which a finished one wakes (transport_wakeup).
 */
static int
open_transport(struct sender *s)
{
	const struct config *c = s->j->cfg;
	int rc = transport_open(c, s->o->dry_run, &s->t);

	if (rc != 0)
		return rc;
	if (s->j->dkim && !(s->signers = workq_new(signer_threads(), sign_job,
	    s, signed_wake, s->t)))
		return EXIT_OSERR;
	/* destination-domain limits: for mail that leaves, not for --to */
	if (transport_remote(s->t) && !s->o->to)
		s->th = throttle_new(c->domain_connections,
		    c->domain_rate_per_minute);
	return 0;
}

/* The summary line, from the counts. */
static void
summarise(struct sender *s)
{
	const struct send_stats *st = s->st;
	struct progress_summary sum = { st->sent, st->deferred, st->failed,
	    st->suppressed, st->already, st->editions, st->signatures,
	    st->stopped };

	/* --to --dry-run sends nothing either: a dry run's line */
	progress_done(s->pg, &sum, s->o->dry_run ? PROGRESS_DRY_RUN :
	    s->o->to ? PROGRESS_TEST : 0);
}

static int
result_code(const struct sender *s, int rc)
{
	if (rc)
		return rc;
	if (s->st->authfail)
		return EXIT_LOGIN;
	/* a relay that took messages, deferred for want of a reply, was
	   reached */
	if (s->st->unreachable && s->st->sent == 0 && s->st->deferred == 0)
		return s->st->tlsfail ? EXIT_TLS : EXIT_UNAVAILABLE;
	if (s->st->toobig)
		return EXIT_DATAERR;
	if (s->st->deferred || s->st->unreachable || *s->o->stop)
		return EXIT_TEMPFAIL;
	return 0;
}

/*
 * The journal's checkpoints run on a thread of their own: in a commit of
 * this thread they took 2 fsyncs and a copy of 1,000 pages, while every
 * connection waited for that commit to end its message.  Its log restarts
 * every 16 MB, each restart one fsync here (every 4 MB before).
 */
static int
start_checkpoints(struct sender *s)
{
	if (journal_checkpoint_elsewhere(s->jn) == -1 ||
	    !(s->ckpt = ckpt_start(s->j->cfg->state_path, &s->writers,
	    CHECKPOINT_MS, RESET_PAGES)))
		return EXIT_CANTCREAT;
	return 0;
}

/* A sender for j, with *st zeroed. */
static struct sender *
sender_new(struct job *j, const struct send_opts *o, struct send_stats *st)
{
	struct sender *s = xcalloc(1, sizeof *s);

	memset(st, 0, sizeof *st);
	s->j = j;
	s->o = o;
	s->st = st;
	s->per_sub = composer_per_subscriber(j->cp);
	s->dkim_t = message_time();
	pthread_mutex_init(&s->writers, NULL);
	return s;
}

/*
 * The state (lock, journal, token key), the journal's checkpoints and the
 * transport.  0, or an exit code after reporting.
 */
static int
sender_open(struct sender *s)
{
	const struct send_opts *o = s->o;
	const char *key = s->j->cfg->secret_file;
	int rc, lockfree;

	/*
	 * A test send (--to) and a dry run write nothing to the journal:
	 * they take no lock, so an editor's test mail and cron's run never
	 * refuse each other.  Making the token key needs it.
	 */
	lockfree = (o->to || o->dry_run) && key && access(key, F_OK) == 0;
	rc = state_open(s->j->cfg, o->locked || lockfree, 1, &s->state);
	s->jn = s->state.jn;
	if (rc == 0 && !o->to && !o->dry_run)
		rc = start_checkpoints(s);
	if (s->state.key)
		s->mac = verp_mac_new(s->state.key, s->state.keylen);
	/* one address whatever its local part's case, as list.c's rows */
	s->suppressed.nocase = s->csv_seen.nocase = s->orphaned.nocase = 1;
	if (rc == 0 && s->jn)
		switch (roster_rename_unfinished(s->jn, s->j->cfg->lists_dir)) {
		case 1:
			rc = EXIT_DATAERR;
			break;
		case -1:
			rc = EXIT_CANTCREAT;
		}
	if (rc == 0)
		rc = open_transport(s);
	return rc;
}

/*
 * Each list in turn until one fails, a signal stops the send, or no relay
 * is reached or takes the login; a line for each list that sent
 * something.  0, or the exit code of the list that failed.
 */
static int
send_lists(struct sender *s)
{
	const struct job *j = s->j;
	struct send_stats *st = s->st;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < j->nlists && !*s->o->stop &&
	    !st->unreachable && !st->authfail; i++) {
		long before = st->sent;

		rc = send_list(s, j->lists[i]);
		if (rc == 0 && st->sent > before)
			progress_log(s->pg, "%s: %ld %s", j->lists[i]->id,
			    st->sent - before, s->o->dry_run ?
			    "would be sent" : "sent");
	}
	return rc;
}

/* The lists sent, then the summary line: the send once s is open. */
static int
send_and_summarise(struct sender *s)
{
	const struct send_opts *o = s->o;
	struct send_stats *st = s->st;
	int rc;

	s->pg = progress_new(s->j->issue->id, o->quiet, o->verbose);
	if (o->dry_run)
		progress_log(s->pg, "dry run: nothing is sent");
	rc = send_lists(s);
	if (*o->stop)
		progress_log(s->pg, "stopped by a signal after the "
		    "messages in flight; the rest stays pending");
	st->signatures = (long)signer_count(s->j->signer);
	st->stopped = st->unreachable || st->authfail ||
	    st->localfail || s->failed;
	/* a refusal that stopped it before any message is the word */
	if (rc == 0 || st->sent || st->deferred || st->failed ||
	    st->unreachable || st->authfail || st->localfail)
		summarise(s);
	return rc;
}

/* Frees s and what it holds, as far as sender_open and the send got. */
static void
sender_free(struct sender *s)
{
	if (s->tx)	/* left to journal_close, as the rest of the run */
		pthread_mutex_unlock(&s->writers);
	ckpt_stop(s->ckpt);
	signed_wait(s);
	workq_free(s->signers);
	transport_close(s->t);
	throttle_free(s->th);
	strset_free(&s->orphaned);
	free(s->orphan_list);
	state_close(&s->state);
	verp_mac_free(s->mac);
	for (size_t i = 0; i < POOL; i++) {	/* the reused message buffers */
		item_release(s, &s->pool[i]);
		buf_free(&s->pool[i].msg);
	}
	progress_free(s->pg);
	pthread_mutex_destroy(&s->writers);
	free(s);
}

int
send_issue(struct job *j, const struct send_opts *o, struct send_stats *st)
{
	struct sender *s = sender_new(j, o, st);
	int rc = sender_open(s);

	if (rc == 0)
		rc = send_and_summarise(s);
	rc = result_code(s, rc);
	sender_free(s);
	return rc;
}
