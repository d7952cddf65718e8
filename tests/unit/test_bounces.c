/*
 * Unit tests for bounces.c without a server: VERP addresses in envelope
 * headers, and recording messages into a scratch journal (tokens trusted
 * only when valid, unsubscribe per list, idempotence by UID and by
 * Message-ID, forged tokens).
 */
#include <string.h>

#include <sqlite3.h>

#include "bounces.h"
#include "unit.h"
#include "util.h"
#include "verp.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
#define KL (sizeof key - 1)

START_TEST(test_addr_token)
{
	static const struct {
		const char *addr;
		enum bounces_addr kind;
		const char *token;
	} cases[] = {
		{ "bounces+abc234@bounce.test", BOUNCES_ADDR_BOUNCE, "abc234" },
		{ "<bounces+abc234@bounce.test>", BOUNCES_ADDR_BOUNCE,
		    "abc234" },
		{ "BOUNCES+ABC234@Bounce.TEST", BOUNCES_ADDR_BOUNCE, "abc234" },
		{ "unsubscribe+xyz@bounce.test", BOUNCES_ADDR_UNSUB, "xyz" },
		{ "Unsubscribe+XyZ@BOUNCE.test", BOUNCES_ADDR_UNSUB, "xyz" },
		{ "bounces+abc@other.test", BOUNCES_ADDR_NONE, "" },
		{ "bounces+abc@bounce.test.evil", BOUNCES_ADDR_NONE, "" },
		{ "bounces@bounce.test", BOUNCES_ADDR_NONE, "" },
		{ "bounces+@bounce.test", BOUNCES_ADDR_NONE, "" },
		{ "xbounces+abc@bounce.test", BOUNCES_ADDR_NONE, "" },
		{ "someone@bounce.test", BOUNCES_ADDR_NONE, "" },
		{ "bounces+abc", BOUNCES_ADDR_NONE, "" },
		{ "", BOUNCES_ADDR_NONE, "" },
		{ "bounces+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.test",
		    BOUNCES_ADDR_NONE, "" },	/* longer than a token */
	};
	char tok[VERP_TOKEN_LEN + 1];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(bounces_addr_token(cases[i].addr, "bounce.test",
		    tok, sizeof tok) == cases[i].kind, "%s", cases[i].addr);
		ck_assert_str_eq(tok, cases[i].token);
	}
}
END_TEST

static char dir[] = "/tmp/bouncesXXXXXX";
static char *path;
static struct bounces_ctx bx;

static void
setup(void)
{
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = path_join(dir, "state.db");
	bx.jn = journal_open(path);
	ck_assert_ptr_nonnull(bx.jn);
	bx.key = key;
	bx.keylen = KL;
	bx.domain = "bounce.test";
	bx.hard_limit = 1;
	bx.soft_limit = 2;
	bx.soft_window_days = 30;
}

static void
teardown(void)
{
	journal_close(bx.jn);
	rm_rf(dir);
	free(path);
}

/* Adds (issue, list, email) to the journal; returns its VERP token. */
static void
subscriber(const char *list, const char *email, char tok[VERP_TOKEN_LEN + 1])
{
	char id[VERP_ID_LEN + 1];

	verp_id("2021-01", list, email, id);
	ck_assert_int_eq(journal_add(bx.jn, "2021-01", list, email, id), 0);
	ck_assert_int_eq(verp_token(key, KL, "2021-01", list, email, tok,
	    VERP_TOKEN_LEN + 1), 0);
}

/* A DSN to bounces+tok for failed, with Message-ID <mid>. */
static char *
dsn(const char *tok, const char *failed, const char *status,
    const char *mid)
{
	return xasprintf("From: MAILER-DAEMON@mx.test\r\n"
	    "To: <bounces+%s@bounce.test>\r\n"
	    "Subject: Undelivered Mail Returned to Sender\r\n"
	    "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
	    "failed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
	    "Reporting-MTA: dns; mx.test\r\n\r\n"
	    "Final-Recipient: rfc822; %s\r\nAction: %s\r\nStatus: %s\r\n"
	    "--b--\r\n", tok, mid, failed, status[0] == '5' ? "failed" :
	    "delayed", status);
}

static int
record(const char *msg, const char *key_, struct bounces_stats *st)
{
	return bounces_record(&bx, msg, strlen(msg), key_, st);
}

START_TEST(test_hard_bounce_once)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m, *again;

	subscriber("aba", "dead@x.test", tok);
	/* the report names another address: the token decides */
	m = dsn(tok, "alias@elsewhere.test", "5.1.1", "m1@mx.test");
	ck_assert_int_eq(record(m, "imap:7:1", &st), 0);
	ck_assert_int_eq(st.messages, 1);
	ck_assert_int_eq(st.hard, 1);
	ck_assert_int_eq(st.suppressions, 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "dead@x.test"), 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", "dead@x.test"),
	    0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba",
	    "alias@elsewhere.test"), 0);
	/* same UID again, then same Message-ID under a new UID */
	ck_assert_int_eq(record(m, "imap:7:1", &st), 2);
	ck_assert_int_eq(record(m, "imap:7:99", &st), 1);
	again = dsn(tok, "dead@x.test", "5.1.1", "m2@mx.test");
	ck_assert_int_eq(record(again, "imap:8:1", &st), 0);
	ck_assert_int_eq(st.messages, 2);
	ck_assert_int_eq(st.suppressions, 1);
	free(m);
	free(again);
}
END_TEST

/*
 * A notice without a Message-ID (qmail's, say) met again under another
 * key (the folder's UIDVALIDITY changed: the mailbox was recreated or
 * migrated, or a client put it back) is the same message: its bytes
 * name it.  Another such notice (other bytes) is a new one.
 */
START_TEST(test_no_msgid_once)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m, *cut, *other;

	subscriber("aba", "full@x.test", tok);
	m = dsn(tok, "full@x.test", "5.2.2", "x@mx.test");
	cut = strstr(m, "Message-ID: ");
	memmove(cut, strstr(cut, "\r\n") + 2, strlen(strstr(cut, "\r\n")
	    + 2) + 1);
	ck_assert_ptr_null(strstr(m, "Message-ID"));
	ck_assert_int_eq(record(m, "imap:7:1", &st), 0);
	ck_assert_int_eq(record(m, "imap:9:1", &st), 1);
	ck_assert_int_eq(record(m, "imap:9:5", &st), 1);
	ck_assert_int_eq(st.messages, 1);
	ck_assert_int_eq(st.bounces, 1);
	other = xasprintf("X-Queue: 2\r\n%s", m);
	ck_assert_int_eq(record(other, "imap:9:6", &st), 0);
	ck_assert_int_eq(st.messages, 2);
	free(m);
	free(other);
}
END_TEST

START_TEST(test_delay_and_soft)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "slow@x.test", tok);
	m = dsn(tok, "slow@x.test", "4.4.1", "d1@mx.test");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	m = dsn(tok, "slow@x.test", "4.4.1", "d2@mx.test");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(st.delays, 2);
	ck_assert_int_eq(st.suppressions, 0);	/* delays never count */
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "slow@x.test"), 0);
}
END_TEST

START_TEST(test_unsubscribe_one_list)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "u@x.test", tok);
	subscriber("bazhong", "u@x.test", tok2);
	m = xasprintf("From: <u@x.test>\r\nDelivered-To: bounces+%s@bounce."
	    "test\r\nTo: <unsubscribe+%s@BOUNCE.TEST>\r\nSubject: unsubscribe"
	    "\r\nMessage-ID: <u1@x.test>\r\n\r\nplease\r\n", tok, tok);
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	ck_assert_int_eq(st.unsubscribes, 1);
	ck_assert_int_eq(st.suppressions, 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "u@x.test"), 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "bazhong", "u@x.test"), 0);
}
END_TEST

/*
 * A reader's own request to the unsubscribe address counts even when its
 * words say the reader is away; only an auto-reply the headers or the
 * Subject mark as one (RFC 3834) is no request.
 */
START_TEST(test_unsubscribe_away)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "away@x.test", tok);
	m = xasprintf("From: <away@x.test>\r\nTo: <unsubscribe+%s@bounce."
	    "test>\r\nSubject: unsubscribe\r\nMessage-ID: <a1@x.test>\r\n"
	    "\r\nI am out of the office until Monday with limited access to "
	    "email.\r\nPlease take me off this list.\r\n", tok);
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	ck_assert_int_eq(st.unsubscribes, 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "away@x.test"), 1);
	subscriber("bazhong", "ooo@x.test", tok);
	m = xasprintf("From: <ooo@x.test>\r\nTo: <unsubscribe+%s@bounce."
	    "test>\r\nAuto-Submitted: auto-replied\r\nSubject: Out of "
	    "office\r\nMessage-ID: <a2@x.test>\r\n\r\nI am out of the "
	    "office until Monday with limited access to email.\r\n", tok);
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(st.unsubscribes, 1);
	ck_assert_int_eq(st.autoreplies, 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "bazhong", "ooo@x.test"),
	    0);
}
END_TEST

START_TEST(test_forged)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], bad[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "victim@x.test", tok);
	memcpy(bad, tok, sizeof bad);
	bad[VERP_TOKEN_LEN - 1] = bad[VERP_TOKEN_LEN - 1] == 'a' ? 'b' : 'a';
	m = dsn(bad, "victim@x.test", "5.1.1", "f1@evil.test");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	m = xasprintf("To: <unsubscribe+%s@bounce.test>\r\nSubject: unsub"
	    "\r\nMessage-ID: <f2@evil.test>\r\n\r\nx\r\n", bad);
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(st.other, 2);
	ck_assert_int_eq(st.bounces + st.unsubscribes + st.suppressions, 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "victim@x.test"),
	    0);
}
END_TEST

/*
 * Tokens with a good MAC that name no recipient in the journal: one for
 * another list the address never got, one for another issue.  Nothing
 * counts, and the message is "other".
 */
START_TEST(test_token_other_list)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], other[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "u@x.test", tok);
	ck_assert_int_eq(verp_token(key, KL, "2021-01", "bazhong", "u@x.test",
	    other, sizeof other), 0);
	m = xasprintf("From: <u@x.test>\r\nTo: <unsubscribe+%s@bounce.test>"
	    "\r\nSubject: unsubscribe\r\nMessage-ID: <o1@x.test>\r\n\r\n"
	    "x\r\n", other);
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	ck_assert_int_eq(verp_token(key, KL, "2020-12", "aba", "u@x.test",
	    other, sizeof other), 0);
	m = dsn(other, "u@x.test", "5.1.1", "o2@mx.test");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(st.other, 2);
	ck_assert_int_eq(st.bounces + st.unsubscribes + st.suppressions, 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "u@x.test"), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "bazhong", "u@x.test"), 0);
}
END_TEST

/*
 * A DSN to the plain bounce address (no token) saying failed failed, with
 * notice text text and the returned original's header fields fields
 * ("Name: value\r\n" lines) and body body unless fields is NULL.
 */
static char *
dsn_returning(const char *failed, const char *fields, const char *body,
    const char *text, const char *own_id)
{
	char *orig = fields ? xasprintf("--b\r\nContent-Type: "
	    "message/rfc822\r\n\r\nFrom: news@example.org\r\nTo: %s\r\n"
	    "%sSubject: Issue 1\r\n\r\n%s\r\n", failed, fields, body) :
	    xstrdup("");
	char *m = xasprintf("From: MAILER-DAEMON@mx.test\r\n"
	    "To: <bounces@bounce.test>\r\nMessage-ID: <%s>\r\n"
	    "Subject: Undelivered Mail Returned to Sender\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: text/plain\r\n\r\n%s\r\n--b\r\n"
	    "Content-Type: message/delivery-status\r\n\r\n"
	    "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; %s\r\n"
	    "Action: failed\r\nStatus: 5.1.1\r\n\r\n%s--b--\r\n", own_id,
	    text, failed, orig);

	free(orig);
	return m;
}

/* dsn_returning with only a returned Message-ID <mid> unless NULL. */
static char *
dsn_untokened(const char *failed, const char *mid, const char *own_id)
{
	char *f = mid ? xasprintf("Message-ID: <%s>\r\n", mid) : NULL;
	char *m = dsn_returning(failed, f, "", "failed", own_id);

	free(f);
	return m;
}

/* count(*) of the query sql on the journal, with text parameters a, b, c. */
static long
count_rows(const char *sql, const char *a, const char *b, const char *c)
{
	const char *arg[] = { a, b, c };
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	for (int i = 0; i < 3 && arg[i]; i++)
		sqlite3_bind_text(st, i + 1, arg[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Rows of the unverified evidence for email. */
static long
unverified_rows(const char *email)
{
	return count_rows("SELECT count(*) FROM unverified WHERE email = ?1",
	    email, NULL, NULL);
}

/*
 * Nobody suppressed: email is neither on aba nor on every list, has n rows
 * of unverified evidence, and all st's n messages are "other".
 */
static void
expect_unverified(const struct bounces_stats *st, const char *email, long n)
{
	char *line = bounces_summary(st), *want = xasprintf("bounces: %ld "
	    "messages: 0 bounces (0 hard, 0 soft), 0 delays, 0 autoreplies, "
	    "0 complaints, 0 unsubscribes, %ld other; 0 suppressions", n, n);

	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", email), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "*", email), 0);
	ck_assert_int_eq(unverified_rows(email), n);
	ck_assert_str_eq(line, want);
	free(line);
	free(want);
}

/* A tokenless report proves nothing by itself: nobody is suppressed. */
START_TEST(test_no_token_forged)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "known@x.test", tok);
	m = dsn_untokened("known@x.test", NULL, "n1@mx");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	/* a Message-ID in our shape whose token is forged proves nothing */
	m = dsn_untokened("known@x.test", "2021-01.aba.0123456789abcdef.1."
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org", "n2@mx");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	expect_unverified(&st, "known@x.test", 2);
}
END_TEST

/*
 * A genuine bounce whose envelope lost the token (a forwarding hop
 * rewrote it): the returned Message-ID carries the token of the message to
 * that address, so it counts, for that list only.
 */
START_TEST(test_no_token_msgid)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1], *m, *mid;

	subscriber("aba", "known@x.test", tok);
	subscriber("deyang", "known@x.test", tok2);
	mid = xasprintf("2021-01.aba.0123456789abcdef.7.%s@example.org", tok);
	m = dsn_untokened("Known@X.test", mid, "n3@mx");
	ck_assert_int_eq(record(m, "imap:1:3", &st), 0);
	free(m);
	free(mid);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "known@x.test"), 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", "known@x.test"),
	    0);
	ck_assert_int_eq(st.hard, 1);
	ck_assert_int_eq(st.suppressions, 1);
	ck_assert_int_eq(unverified_rows("known@x.test"), 0);
}
END_TEST

/*
 * An SMTPUTF8 notice names the subscriber's domain in U-labels; the
 * journal holds its A-labels: the returned Message-ID still proves it.
 */
START_TEST(test_no_token_msgid_idn)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m, *mid;

	subscriber("aba", "info@xn--ykrz90g.xn--fiqs8s", tok);
	mid = xasprintf("2021-01.aba.0123456789abcdef.7.%s@example.org", tok);
	m = dsn_untokened("Info@科协.中国", mid, "n4@mx");
	ck_assert_int_eq(record(m, "imap:1:4", &st), 0);
	free(m);
	free(mid);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba",
	    "info@xn--ykrz90g.xn--fiqs8s"), 1);
	ck_assert_int_eq(st.hard, 1);
	ck_assert_int_eq(unverified_rows("info@xn--ykrz90g.xn--fiqs8s"), 0);
}
END_TEST

/*
 * Our Message-ID from one subscriber's copy does not make a report about
 * another address true: the attacker's own copy names the attacker.
 */
START_TEST(test_no_token_msgid_other)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1], *m, *mid;

	subscriber("aba", "victim@x.test", tok);
	subscriber("aba", "attacker@x.test", tok2);
	mid = xasprintf("2021-01.aba.0123456789abcdef.8.%s@example.org",
	    tok2);
	m = dsn_untokened("victim@x.test", mid, "n4@mx");
	ck_assert_int_eq(record(m, "imap:1:4", &st), 0);
	free(m);
	free(mid);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "victim@x.test"), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "attacker@x.test"),
	    0);
	ck_assert_int_eq(st.suppressions, 0);
	ck_assert_int_eq(unverified_rows("victim@x.test"), 1);
}
END_TEST

/*
 * A feedback report (RFC 5965) to the plain bounce address, its report
 * ending with field ("Name: value\r\n"), the returned copy copy in a part
 * of type ct.
 */
static char *
arf_plain(const char *own_id, const char *field, const char *ct,
    const char *copy)
{
	return xasprintf("From: fbl@isp.test\r\nTo: <bounces@bounce.test>\r\n"
	    "Message-ID: <%s>\r\nSubject: Email Feedback Report\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
	    "report-type=feedback-report; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: message/feedback-report\r\n\r\n"
	    "Feedback-Type: abuse\r\nUser-Agent: x/1\r\nVersion: 1\r\n"
	    "%s\r\n--b\r\nContent-Type: %s\r\n\r\n%s--b--\r\n", own_id,
	    field, ct, copy);
}

/*
 * A feedback report to the plain bounce address whose complainant is
 * redacted (RFC 6590: no Original-Rcpt-To, the copy's To replaced): it
 * names nobody, so only the returned Message-ID can prove it, and does.
 * A forged Message-ID proves nothing.
 */
static char *
arf_redacted(const char *mid, const char *own_id)
{
	char *copy = xasprintf("From: news@example.org\r\n"
	    "To: redacted@isp.test\r\nMessage-ID: <%s>\r\n\r\n", mid);
	char *m = arf_plain(own_id, "Redacted-Address: redacted@\r\n",
	    "text/rfc822-headers", copy);

	free(copy);
	return m;
}

START_TEST(test_no_token_redacted_complaint)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m, *mid;

	subscriber("aba", "reader@x.test", tok);
	m = arf_redacted("2021-01.aba.0123456789abcdef.9."
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org", "f1@isp");
	ck_assert_int_eq(record(m, "imap:1:5", &st), 0);
	free(m);
	ck_assert_int_eq(st.complaints, 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "reader@x.test"), 0);
	mid = xasprintf("2021-01.aba.0123456789abcdef.9.%s@example.org", tok);
	m = arf_redacted(mid, "f2@isp");
	ck_assert_int_eq(record(m, "imap:1:6", &st), 0);
	free(m);
	free(mid);
	ck_assert_int_eq(st.complaints, 1);
	ck_assert_int_eq(st.other, 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "reader@x.test"), 1);
}
END_TEST

/* The token candidates of a returned field, joined by spaces. */
static void
expect_field_tokens(const char *name, const char *value, const char *want)
{
	char toks[4][VERP_TOKEN_LEN + 1];
	struct buf b = BUF_INIT;
	size_t n = bounces_field_tokens(name, value, "bounce.test", toks, 4);

	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", toks[i]);
	ck_assert_msg(!strcmp(b.data, want), "%s: %s: \"%s\", want \"%s\"",
	    name, value, b.data, want);
	buf_free(&b);
}

#define T29 "abcdefghijklmnopqrstuvwxyz234"
#define U29 "ABCDEFGHIJKLMNOPQRSTUVWXYZ234"

/*
 * Where our messages carry the token: Return-Path and CFBL-Address as
 * bounces+TOKEN@bounce_domain, List-Unsubscribe as the mailto's
 * unsubscribe+TOKEN@bounce_domain and the URL's t parameter (edition.c's
 * forms, and an unsubscribe_url with its own query).  Nothing else.
 */
START_TEST(test_field_tokens)
{
	expect_field_tokens("Return-Path", "<bounces+" U29 "@Bounce.Test>",
	    T29);
	expect_field_tokens("return-path", "bounces+" T29 "@bounce.test",
	    T29);
	expect_field_tokens("CFBL-Address", "bounces+" T29 "@bounce.test; "
	    "report=arf", T29);
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe+" T29
	    "@bounce.test?subject=unsubscribe>, <https://example.org/"
	    "unsubscribe?t=" T29 ">", T29 " " T29);
	expect_field_tokens("List-Unsubscribe", "<https://example.org/u?"
	    "lang=zh&t=" U29 "#x>", T29);
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe+" T29
	    "@bounce.test>", T29);
	/* not our addresses, not our parameter, not our length */
	expect_field_tokens("Return-Path", "<bounces+" T29 "@evil.test>", "");
	expect_field_tokens("Return-Path", "<unsubscribe+" T29
	    "@bounce.test>", "");
	expect_field_tokens("Return-Path", "<bounces+" T29 "x@bounce.test>",
	    "");
	expect_field_tokens("Return-Path", "<>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:bounces+" T29
	    "@bounce.test>", "");
	expect_field_tokens("List-Unsubscribe", "<https://example.org/u?"
	    "at=" T29 "&tt=" T29 ">, <https://example.org/t=" T29 ">", "");
	expect_field_tokens("List-Unsubscribe", "https://example.org/u?t="
	    T29, "");
	expect_field_tokens("List-Unsubscribe", "<https://example.org/u#?t="
	    T29 ">", "");
	expect_field_tokens("Reply-To", "<bounces+" T29 "@bounce.test>", "");
	/* a feedback report's Original-Mail-From, as a Return-Path */
	expect_field_tokens("Original-Mail-From", "<bounces+" U29
	    "@bounce.test>", T29);
	expect_field_tokens("Original-Mail-From", "<unsubscribe+" T29
	    "@bounce.test>", "");
	expect_field_tokens("Original-Mail-From", "<bounces+" T29
	    "@evil.test>", "");
}
END_TEST

/*
 * A forwarding hop that rewrote our envelope sender with SRS (srs.h):
 * the token inside SRS0 and SRS1 addresses in Return-Path and
 * Original-Mail-From; nothing inside one wrapping another domain or
 * another of our addresses, nor in CFBL-Address (no hop rewrites it).
 */
START_TEST(test_field_tokens_srs)
{
	expect_field_tokens("Return-Path", "<SRS0=Ab1c=2K=bounce.test="
	    "bounces+" T29 "@fwd.test>", T29);
	expect_field_tokens("Return-Path", "<srs1=Xy9z=fwd1.test==Ab1c=2K="
	    "Bounce.Test=bounces+" U29 "@fwd2.test>", T29);
	expect_field_tokens("Original-Mail-From", "<SRS0+Ab1c=2K=bounce.test="
	    "bounces+" T29 "@fwd.test>", T29);
	expect_field_tokens("Return-Path", "<SRS0=Ab1c=2K=evil.test="
	    "bounces+" T29 "@fwd.test>", "");
	expect_field_tokens("Return-Path", "<SRS0=Ab1c=2K=bounce.test="
	    "unsubscribe+" T29 "@fwd.test>", "");
	expect_field_tokens("Return-Path", "<SRS0=Ab1c=2K=bounce.test="
	    "bounces+" T29 "@bounce.test.evil>", T29);
	expect_field_tokens("Return-Path", "<SRS0=Ab1c=bounce.test="
	    "bounces+" T29 "@fwd.test>", "");
	expect_field_tokens("CFBL-Address", "SRS0=Ab1c=2K=bounce.test="
	    "bounces+" T29 "@fwd.test", "");
}
END_TEST

/*
 * RFC 6068 2: a mailto URI's address may be percent-encoded, "+" and "@"
 * included, in either case of hex digit; it is decoded before its token
 * is read.  A malformed escape, a NUL or another domain gives none.
 */
START_TEST(test_field_tokens_pct)
{
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2B" T29
	    "@bounce.test>", T29);
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2b" U29
	    "%40Bounce.Test?subject=unsubscribe>", T29);
	expect_field_tokens("List-Unsubscribe", "<mailto:%75nsubscribe+" T29
	    "%40bounce%2Etest>", T29);
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2B" T29
	    "%40evil.test>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2" T29
	    "@bounce.test>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2B" T29
	    "%4@bounce.test>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2B" T29
	    "%00@bounce.test>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:unsubscribe%2B" T29
	    "%40bounce.test%3Fsubject=x>", "");
	expect_field_tokens("List-Unsubscribe", "<mailto:bounces%2B" T29
	    "%40bounce.test>", "");
}
END_TEST

/* Events of kind for (list, email) in the journal. */
static long
events(const char *kind, const char *list, const char *email)
{
	return count_rows("SELECT count(*) FROM events WHERE kind = ?1 AND "
	    "list = ?2 AND email = ?3", kind, list, email);
}

/*
 * A genuine bounce to the plain bounce address whose returned copy's
 * Message-ID a relay rewrote: any other token of ours in the returned
 * headers proves it (Return-Path, the List-Unsubscribe mailto or URL,
 * CFBL-Address), for the list of that copy only.
 */
START_TEST(test_no_token_returned_fields)
{
	static const char *const forms[] = {
		"Return-Path: <bounces+%s@bounce.test>\r\n",
		"List-Unsubscribe: <mailto:unsubscribe+%s@bounce.test?subject="
		    "unsubscribe>\r\n",
		"List-Unsubscribe: <mailto:news@example.org>,\r\n"
		    " <https://example.org/unsubscribe?t=%s>\r\n",
		"CFBL-Address: bounces+%s@bounce.test; report=arf\r\n",
		"List-Unsubscribe: <mailto:unsubscribe%%2B%s%%40bounce.test?"
		    "subject=unsubscribe>\r\n",
		"Return-Path: <SRS0=Ab1c=2K=bounce.test=bounces+%s@fwd.test>"
		    "\r\n",
		"Return-Path: <SRS1=Xy9z=fwd1.test==Ab1c=2K=bounce.test="
		    "bounces+%s@fwd2.test>\r\n",
	};
	struct bounces_stats st = { 0 };

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1];
		char *email = xasprintf("r%zu@x.test", i), *f, *m, *id;

		subscriber("aba", email, tok);
		subscriber("deyang", email, tok2);
		f = xasprintf(forms[i], tok);
		m = xasprintf("Message-ID: <rewritten.%zu@relay.test>\r\n%s", i,
		    f);
		id = xasprintf("rf%zu@mx", i);
		free(f);
		f = m;
		m = dsn_returning(email, f, "", "failed", id);
		ck_assert_int_eq(record(m, id, &st), 0);
		ck_assert_msg(journal_suppressed(bx.jn, "aba", email) == 1,
		    "%s", forms[i]);
		ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", email),
		    0);
		ck_assert_int_eq(journal_suppressed(bx.jn, "*", email), 0);
		ck_assert_int_eq(unverified_rows(email), 0);
		free(f);
		free(m);
		free(id);
		free(email);
	}
	ck_assert_int_eq(st.hard, 7);
	ck_assert_int_eq(st.suppressions, 7);
}
END_TEST

/*
 * An Amazon SES notification mailed to the plain bounce address (an SNS
 * subscription) names the message it is about in its "mail": the
 * envelope sender SES sent it with ("source", our VERP address), and,
 * when asked to, the header we wrote (its Message-ID, Return-Path).  A genuine token there proves the
 * bounce for that list only; a forged one, another subscriber's or one at
 * another domain proves nothing.
 */
static char *
ses_note(const char *failed, const char *source, const char *headers)
{
	return xasprintf("From: no-reply@sns.amazonaws.com\r\n"
	    "To: <bounces@bounce.test>\r\nSubject: AWS Notification Message"
	    "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
	    "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":"
	    "\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"%s\","
	    "\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user "
	    "unknown\"}]},\"mail\":{\"source\":\"%s\",\"messageId\":"
	    "\"0100018c-ses\",\"headers\":[%s]}}\r\n", failed, source,
	    headers);
}

START_TEST(test_no_token_ses_mail)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1];
	char atok[VERP_TOKEN_LEN + 1], bad[VERP_TOKEN_LEN + 1], *src, *h, *m;

	subscriber("aba", "ses@x.test", tok);
	subscriber("deyang", "ses@x.test", tok2);
	subscriber("aba", "other@x.test", atok);
	/* the envelope sender alone */
	src = xasprintf("bounces+%s@bounce.test", tok);
	m = ses_note("ses@x.test", src, "");
	ck_assert_int_eq(record(m, "ses1@mx", &st), 0);
	free(m);
	free(src);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "ses@x.test"), 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", "ses@x.test"), 0);
	ck_assert_int_eq(unverified_rows("ses@x.test"), 0);
	/* the header SES was asked to include, the sender being a plain one */
	h = xasprintf("{\"name\":\"Message-ID\",\"value\":\"<2021-01."
	    "deyang.0123456789abcdef.7.%s@example.org>\"}", tok2);
	m = ses_note("ses@x.test", "news@example.org", h);
	ck_assert_int_eq(record(m, "ses2@mx", &st), 0);
	free(m);
	free(h);
	ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", "ses@x.test"), 1);
	ck_assert_int_eq(st.hard, 2);
	/* what proves nothing: an altered token, another's, another domain */
	memset(&st, 0, sizeof st);
	memcpy(bad, tok, sizeof bad);
	bad[3] = bad[3] == 'a' ? 'b' : 'a';
	const char *forged[] = { bad, atok, tok };
	for (int i = 0; i < 3; i++) {
		char id[32];

		src = xasprintf("bounces+%s@%s", forged[i], i == 2 ?
		    "evil.test" : "bounce.test");
		m = ses_note("victim@x.test", src, "");
		snprintf(id, sizeof id, "ses-f%d@mx", i);
		ck_assert_int_eq(record(m, id, &st), 0);
		free(m);
		free(src);
	}
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "other@x.test"), 0);
	expect_unverified(&st, "victim@x.test", 3);
}
END_TEST

/*
 * What the returned headers cannot prove: an altered token (percent-encoded
 * or inside an SRS address too), ours inside an SRS address wrapping
 * another domain, a genuine token of another subscriber's copy for a report naming
 * the victim, tokens in the notice's text or the returned body, a token at
 * another domain.  Nobody is suppressed; each is unverified evidence.
 */
START_TEST(test_no_token_returned_forged)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], atok[VERP_TOKEN_LEN + 1];
	char bad[VERP_TOKEN_LEN + 1], *f[7], *m;

	subscriber("aba", "victim@x.test", tok);
	subscriber("aba", "attacker@x.test", atok);
	memcpy(bad, tok, sizeof bad);
	bad[3] = bad[3] == 'a' ? 'b' : 'a';
	f[0] = xasprintf("Return-Path: <bounces+%s@bounce.test>\r\n", bad);
	f[1] = xasprintf("Return-Path: <bounces+%s@bounce.test>\r\n", atok);
	f[2] = xasprintf("Return-Path: <bounces+%s@evil.test>\r\n", tok);
	f[3] = xasprintf("List-Unsubscribe: <mailto:unsubscribe%%2B%s%%40"
	    "bounce.test>\r\n", bad);
	f[4] = xasprintf("Return-Path: <SRS0=Ab1c=2K=bounce.test=bounces+%s@"
	    "fwd.test>\r\n", bad);
	f[5] = xasprintf("Return-Path: <SRS1=Xy9z=fwd1.test==Ab1c=2K="
	    "evil.test=bounces+%s@fwd2.test>\r\n", tok);
	for (int i = 0; i < 6; i++) {
		char id[32];

		snprintf(id, sizeof id, "ff%d@mx", i);
		m = dsn_returning("victim@x.test", f[i], "", "failed", id);
		ck_assert_int_eq(record(m, id, &st), 0);
		free(m);
		free(f[i]);
	}
	/* the token in the notice's text and in the returned body */
	f[6] = xasprintf("Return-Path: <bounces+%s@bounce.test>\r\n"
	    "List-Unsubscribe: <https://example.org/unsubscribe?t=%s>", tok,
	    tok);
	m = dsn_returning("victim@x.test", "", f[6], f[6], "ff6@mx");
	ck_assert_int_eq(record(m, "ff6@mx", &st), 0);
	free(m);
	free(f[6]);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "attacker@x.test"),
	    0);
	expect_unverified(&st, "victim@x.test", 7);
}
END_TEST

/*
 * A feedback report to the plain bounce address about complainant's copy,
 * whose Message-ID a relay rewrote, with report_field and copy_field
 * ("Name: value\r\n" lines, or "") added to its report part and to the
 * copy.
 */
static char *
arf_about(const char *complainant, const char *report_field,
    const char *copy_field, const char *own_id)
{
	char *f = xasprintf("%sOriginal-Rcpt-To: <%s>\r\n", report_field,
	    complainant);
	char *copy = xasprintf("%sFrom: news@example.org\r\nTo: %s\r\n"
	    "Message-ID: <rewritten.%s>\r\nSubject: Issue 1\r\n\r\n"
	    "Hello\r\n", copy_field, complainant, own_id);
	char *m = arf_plain(own_id, f, "message/rfc822", copy);

	free(f);
	free(copy);
	return m;
}

/*
 * The same whose copy's Return-Path carries rp_token: the token proves it,
 * for that copy's list only; with the token altered it proves nothing.
 */
static char *
arf_copy(const char *complainant, const char *rp_token, const char *own_id)
{
	char *rp = xasprintf("Return-Path: <bounces+%s@bounce.test>\r\n",
	    rp_token);
	char *m = arf_about(complainant, "", rp, own_id);

	free(rp);
	return m;
}

/* email complained on aba, by an event, and is suppressed there only. */
static void
expect_aba_complaint(const char *email)
{
	ck_assert_int_eq(events("complaint", "aba", email), 1);
	ck_assert_int_eq(events("complaint", "deyang", email), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", email), 1);
	ck_assert_int_eq(journal_suppressed(bx.jn, "deyang", email), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "*", email), 0);
}

START_TEST(test_no_token_returned_complaint)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1], *m;

	subscriber("aba", "reader@x.test", tok);
	subscriber("deyang", "reader@x.test", tok2);
	tok2[0] = tok2[0] == 'a' ? 'b' : 'a';
	m = arf_copy("reader@x.test", tok2, "c1@isp");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	ck_assert_int_eq(st.complaints, 0);
	ck_assert_int_eq(unverified_rows("reader@x.test"), 1);
	m = arf_copy("reader@x.test", tok, "c2@isp");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(st.complaints, 1);
	ck_assert_int_eq(st.other, 1);
	expect_aba_complaint("reader@x.test");
}
END_TEST

/*
 * A feedback report to the plain bounce address whose Original-Mail-From
 * (RFC 5965 3.2) is mail_from and whose returned copy carries no token
 * (a loop that redacts the copy's Return-Path; a relay rewrote its
 * Message-ID).
 */
static char *
arf_mail_from(const char *mail_from, const char *own_id)
{
	char *f = xasprintf("Original-Mail-From: %s\r\n", mail_from);
	char *m = arf_about("reader@x.test", f, "", own_id);

	free(f);
	return m;
}

/*
 * The report's Original-Mail-From is our envelope sender as the provider
 * received it: its token proves the complaint, for that copy's list
 * only.  An altered token, or ours at another domain, proves nothing.
 */
START_TEST(test_no_token_feedback_mail_from)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], tok2[VERP_TOKEN_LEN + 1];
	char bad[VERP_TOKEN_LEN + 1], *a, *m;

	subscriber("aba", "reader@x.test", tok);
	subscriber("deyang", "reader@x.test", tok2);
	memcpy(bad, tok2, sizeof bad);
	bad[VERP_TOKEN_LEN - 1] = bad[VERP_TOKEN_LEN - 1] == 'a' ? 'b' : 'a';
	a = xasprintf("<bounces+%s@bounce.test>", bad);
	m = arf_mail_from(a, "mf1@isp");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(a);
	free(m);
	a = xasprintf("<bounces+%s@evil.test>", tok2);
	m = arf_mail_from(a, "mf2@isp");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(a);
	free(m);
	ck_assert_int_eq(st.complaints, 0);
	ck_assert_int_eq(unverified_rows("reader@x.test"), 2);
	a = xasprintf("<bounces+%s@bounce.test>", tok);
	m = arf_mail_from(a, "mf3@isp");
	ck_assert_int_eq(record(m, "imap:1:3", &st), 0);
	free(a);
	free(m);
	ck_assert_int_eq(st.complaints, 1);
	ck_assert_int_eq(st.other, 2);
	expect_aba_complaint("reader@x.test");
}
END_TEST

/*
 * A feedback report whose message/feedback-report part lacks the
 * Feedback-Type RFC 5965 requires, sent to the address to, about
 * reader@x.test's copy whose Return-Path carries rp_token.
 */
static char *
arf_no_type(const char *to, const char *rp_token, const char *own_id)
{
	return xasprintf("From: fbl@isp.test\r\nTo: <%s>\r\n"
	    "Message-ID: <%s>\r\nSubject: Email Feedback Report\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
	    "report-type=feedback-report; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: message/feedback-report\r\n\r\n"
	    "User-Agent: x/1\r\nVersion: 1\r\n"
	    "Original-Mail-From: <bounces+%s@bounce.test>\r\n"
	    "Original-Rcpt-To: <reader@x.test>\r\n\r\n--b\r\n"
	    "Content-Type: message/rfc822\r\n\r\n"
	    "Return-Path: <bounces+%s@bounce.test>\r\n"
	    "From: news@example.org\r\nTo: reader@x.test\r\n"
	    "Subject: Issue 1\r\n\r\nHello\r\n--b--\r\n", to, own_id,
	    rp_token, rp_token);
}

/*
 * A malformed feedback report proves no complaint, whatever token it
 * carries: to the plain bounce address with genuine tokens in its copy
 * and its Original-Mail-From, or to bounces+TOKEN with a genuine token.
 * Each is other, kept as unverified evidence about the reader, and
 * suppresses nobody.
 */
START_TEST(test_feedback_malformed)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *to, *m;

	subscriber("aba", "reader@x.test", tok);
	m = arf_no_type("bounces@bounce.test", tok, "mal1@isp");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	to = xasprintf("bounces+%s@bounce.test", tok);
	m = arf_no_type(to, tok, "mal2@isp");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	free(to);
	expect_unverified(&st, "reader@x.test", 2);
	ck_assert_int_eq(events("complaint", "aba", "reader@x.test"), 0);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM unverified WHERE "
	    "kind = 'complaint' AND reason = ?1", "malformed-feedback", NULL,
	    NULL), 2);
}
END_TEST

/*
 * A forged token beside a valid one in the envelope (Delivered-To, To) is
 * logged, and the valid one counts: the forgery taints only a message
 * with no valid token.
 */
START_TEST(test_forged_beside_valid)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], bad[VERP_TOKEN_LEN + 1], *d, *m;

	subscriber("aba", "dead@x.test", tok);
	memcpy(bad, tok, sizeof bad);
	bad[VERP_TOKEN_LEN - 1] = bad[VERP_TOKEN_LEN - 1] == 'a' ? 'b' : 'a';
	d = dsn(tok, "dead@x.test", "5.1.1", "fv1@mx.test");
	m = xasprintf("Delivered-To: <bounces+%s@bounce.test>\r\n%s", bad, d);
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(d);
	free(m);
	ck_assert_int_eq(st.hard, 1);
	ck_assert_int_eq(st.other, 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "dead@x.test"), 1);
}
END_TEST

/*
 * A malformed feedback report sent to unsubscribe+TOKEN is, like any
 * message there but a marked auto-reply, that reader's request: it
 * unsubscribes, though it proves no complaint.
 */
START_TEST(test_feedback_malformed_unsubscribe)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *to, *m;

	subscriber("aba", "reader@x.test", tok);
	to = xasprintf("unsubscribe+%s@bounce.test", tok);
	m = arf_no_type(to, tok, "mal3@isp");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	free(to);
	ck_assert_int_eq(st.unsubscribes, 1);
	ck_assert_int_eq(st.complaints + st.other, 0);
	ck_assert_int_eq(events("complaint", "aba", "reader@x.test"), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "reader@x.test"), 1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("bounces");
	TCase *a = tcase_create("addr"), *r = tcase_create("record");

	tcase_add_test(a, test_addr_token);
	tcase_add_test(a, test_field_tokens);
	tcase_add_test(a, test_field_tokens_pct);
	tcase_add_test(a, test_field_tokens_srs);
	tcase_add_checked_fixture(r, setup, teardown);
	tcase_add_test(r, test_hard_bounce_once);
	tcase_add_test(r, test_no_msgid_once);
	tcase_add_test(r, test_delay_and_soft);
	tcase_add_test(r, test_unsubscribe_one_list);
	tcase_add_test(r, test_unsubscribe_away);
	tcase_add_test(r, test_forged);
	tcase_add_test(r, test_no_token_forged);
	tcase_add_test(r, test_no_token_msgid);
	tcase_add_test(r, test_no_token_msgid_other);
	tcase_add_test(r, test_no_token_msgid_idn);
	tcase_add_test(r, test_no_token_redacted_complaint);
	tcase_add_test(r, test_no_token_returned_fields);
	tcase_add_test(r, test_no_token_returned_forged);
	tcase_add_test(r, test_no_token_ses_mail);
	tcase_add_test(r, test_no_token_returned_complaint);
	tcase_add_test(r, test_no_token_feedback_mail_from);
	tcase_add_test(r, test_feedback_malformed);
	tcase_add_test(r, test_feedback_malformed_unsubscribe);
	tcase_add_test(r, test_forged_beside_valid);
	tcase_add_test(r, test_token_other_list);
	suite_add_tcase(s, a);
	suite_add_tcase(s, r);
	return s;
}

UNIT_MAIN(suite)
