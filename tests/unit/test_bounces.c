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
	ck_assert_int_eq(record(m, "imap:7:1", &st), 1);
	ck_assert_int_eq(record(m, "imap:7:99", &st), 1);
	again = dsn(tok, "dead@x.test", "5.1.1", "m2@mx.test");
	ck_assert_int_eq(record(again, "imap:8:1", &st), 0);
	ck_assert_int_eq(st.messages, 2);
	ck_assert_int_eq(st.suppressions, 1);
	free(m);
	free(again);
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
 * the returned original's headers carrying Message-ID <mid> unless NULL.
 */
static char *
dsn_untokened(const char *failed, const char *mid, const char *own_id)
{
	char *orig = mid ? xasprintf("--b\r\nContent-Type: "
	    "text/rfc822-headers\r\n\r\nFrom: news@example.org\r\n"
	    "To: %s\r\nMessage-ID: <%s>\r\nSubject: Issue 1\r\n\r\n", failed,
	    mid) : xstrdup("");
	char *m = xasprintf("From: MAILER-DAEMON@mx.test\r\n"
	    "To: <bounces@bounce.test>\r\nMessage-ID: <%s>\r\n"
	    "Subject: Undelivered Mail Returned to Sender\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: message/delivery-status\r\n\r\n"
	    "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; %s\r\n"
	    "Action: failed\r\nStatus: 5.1.1\r\n\r\n%s--b--\r\n", own_id,
	    failed, orig);

	free(orig);
	return m;
}

/* Rows of the unverified evidence for email. */
static long
unverified_rows(const char *email)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM "
	    "unverified WHERE email = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* A tokenless report proves nothing by itself: nobody is suppressed. */
START_TEST(test_no_token_forged)
{
	struct bounces_stats st = { 0 };
	char tok[VERP_TOKEN_LEN + 1], *m, *line;

	subscriber("aba", "known@x.test", tok);
	m = dsn_untokened("known@x.test", NULL, "n1@mx");
	ck_assert_int_eq(record(m, "imap:1:1", &st), 0);
	free(m);
	/* a Message-ID in our shape whose token is forged proves nothing */
	m = dsn_untokened("known@x.test", "2021-01.aba.0123456789abcdef.1."
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org", "n2@mx");
	ck_assert_int_eq(record(m, "imap:1:2", &st), 0);
	free(m);
	ck_assert_int_eq(journal_suppressed(bx.jn, "aba", "known@x.test"), 0);
	ck_assert_int_eq(journal_suppressed(bx.jn, "*", "known@x.test"), 0);
	ck_assert_int_eq(unverified_rows("known@x.test"), 2);
	line = bounces_summary(&st);
	ck_assert_str_eq(line, "bounces: 2 messages: 0 bounces (0 hard, 0 "
	    "soft), 0 delays, 0 autoreplies, 0 complaints, 0 unsubscribes, "
	    "2 other; 0 suppressions");
	free(line);
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
 * A feedback report to the plain bounce address whose complainant is
 * redacted (RFC 6590: no Original-Rcpt-To, the copy's To replaced): it
 * names nobody, so only the returned Message-ID can prove it, and does.
 * A forged Message-ID proves nothing.
 */
static char *
arf_redacted(const char *mid, const char *own_id)
{
	return xasprintf("From: fbl@isp.test\r\nTo: <bounces@bounce.test>\r\n"
	    "Message-ID: <%s>\r\nSubject: Email Feedback Report\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
	    "report-type=feedback-report; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: message/feedback-report\r\n\r\n"
	    "Feedback-Type: abuse\r\nUser-Agent: x/1\r\nVersion: 1\r\n"
	    "Redacted-Address: redacted@\r\n\r\n--b\r\n"
	    "Content-Type: text/rfc822-headers\r\n\r\n"
	    "From: news@example.org\r\nTo: redacted@isp.test\r\n"
	    "Message-ID: <%s>\r\n\r\n--b--\r\n", own_id, mid);
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

static Suite *
suite(void)
{
	Suite *s = suite_create("bounces");
	TCase *a = tcase_create("addr"), *r = tcase_create("record");

	tcase_add_test(a, test_addr_token);
	tcase_add_checked_fixture(r, setup, teardown);
	tcase_add_test(r, test_hard_bounce_once);
	tcase_add_test(r, test_delay_and_soft);
	tcase_add_test(r, test_unsubscribe_one_list);
	tcase_add_test(r, test_unsubscribe_away);
	tcase_add_test(r, test_forged);
	tcase_add_test(r, test_no_token_forged);
	tcase_add_test(r, test_no_token_msgid);
	tcase_add_test(r, test_no_token_msgid_other);
	tcase_add_test(r, test_no_token_redacted_complaint);
	tcase_add_test(r, test_token_other_list);
	suite_add_tcase(s, a);
	suite_add_tcase(s, r);
	return s;
}

UNIT_MAIN(suite)
