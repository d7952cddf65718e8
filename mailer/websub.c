/* websub: manage, subscribe and confirmation pages.  See websub.h. */
#include "websub.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "config.h"
#include "form.h"
#include "journal.h"
#include "list.h"
#include "tmpl.h"
#include "util.h"
#include "web.h"
#include "webmail.h"
#include "webtoken.h"

#define NAME_MAX_BYTES 300	/* 100 CJK characters */

static int
is_post(const struct http_request *rq)
{
	return !strcmp(http_method(rq), "POST");
}

/* A form field ("" when absent), or NULL when it holds a NUL or bad UTF-8. */
static char *
field(const struct http_request *rq, const char *name)
{
	size_t len, vlen = 0;
	const char *body = http_body(rq, &len);
	char *v = form_field(http_header(rq, "Content-Type"), body, len, name,
	    &vlen);

	if (!v)
		return xstrdup("");
	if (strlen(v) != vlen || !utf8_valid(v, vlen, NULL)) {
		free(v);
		return NULL;
	}
	return v;
}

#define BAD_EMAIL "请填写有效的邮箱地址 · Enter a valid e-mail address"
#define FW_EMAIL "邮箱地址含全角字符(如 \xef\xbc\xa0 或全角字母):请切换到半角" \
    "输入 · The address has full-width characters (\xef\xbc\xa0 or " \
    "letters): type it half-width"
#define FW_SPACE "邮箱地址中有全角空格,请删除 · The address has a full-width " \
    "space in it: delete it"

/*
 * 1 when the (valid UTF-8) character at p ends a line: CR, LF, VT, FF,
 * NEL (U+0085) and the line and paragraph separators U+2028 and U+2029,
 * which mail readers and editors break a line at as at CR and LF.
 */
static int
line_break(const unsigned char *p)
{
	return (p[0] >= '\n' && p[0] <= '\r') ||
	    (p[0] == 0xc2 && p[1] == 0x85) ||
	    (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9));
}

/* 1 when the refused form may show name again: it holds nothing that
 * moves the page's text or hides in it (the user types it anew). */
static int
name_echoed(const char *name)
{
	return name && !name_hides(name);
}

/*
 * A name may be empty; it is one line of printable text with no control,
 * bidi control or mark (util's has_hidden) and no character shown as
 * nothing but those a script needs (name_hides): the consent record and
 * the confirm page show it (the confirmation mail does not).  Name and
 * address end up in the editors' CSV (lists sync), where a spreadsheet
 * would run a value that starts like a formula.
 */
static const char *
name_problem(const char *name)
{
	if (strlen(name) > NAME_MAX_BYTES)
		return "称呼太长 · The name is too long";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (line_break(p))
			return "称呼只能是一行文字 · The name must be one line "
			    "of text";
	/*
	 * ESC [2J clears the screen of whoever lists the CSV; U+202E shows
	 * "王gnp.exe" as "王exe.png" in every list and page
	 */
	if (has_hidden(name))
		return "称呼不能含控制字符或文字方向控制字符(如 ESC、U+202E)· "
		    "The name may not hold control or text-direction "
		    "characters (such as ESC or U+202E)";
	/* "Ann<U+200B>" shows as "Ann" and is another name; U+3164 alone
	 * shows as no name at all */
	if (name_hides(name))
		return "称呼不能含看不见的字符(如零宽空格 U+200B)· The name "
		    "may not hold invisible characters (such as the "
		    "zero-width space U+200B)";
	if (list_csv_formula(name))
		return "称呼不能以 = + - @(或全角 ＝ ＋ － ＠)开头 · The "
		    "name may not start with =, +, - or @ (nor their "
		    "full-width forms)";
	return NULL;
}

/*
 * What is wrong with the subscribe form, or NULL; *field is the form
 * field it is about ("email" or "name").
 */
static const char *
subscribe_problem(const char *email, const char *why, const char *name,
    const char **field)
{
	*field = "email";
	if (!email)
		return why;
	if (list_csv_formula(email))
		return "邮箱地址不能以 = + - 开头 · The address may not start "
		    "with =, + or -";
	*field = "name";
	if (!name)
		return "称呼无效 · The name is not valid";
	return name_problem(name);
}

/*
 * 1 when the UTF-8 text from p to end has more Latin letters than Han,
 * kana, hangul or full-width characters (U+2E80 to U+9FFF, U+AC00 to
 * U+D7FF, U+F900 to U+FAFF, U+FF00 to U+FF7F, U+20000 up): English that
 * may name a Chinese association, or not.
 */
static int
mostly_latin(const unsigned char *p, const unsigned char *end)
{
	size_t latin = 0, cjk = 0;

	for (; p < end; p++)
		if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
			latin++;
		else if ((*p >= 0xe3 && *p <= 0xe9) || (*p >= 0xea &&
		    *p <= 0xed && p + 1 < end && (*p > 0xea ||
		    p[1] >= 0xb0)) ||
		    (*p == 0xe2 && p + 1 < end && p[1] >= 0xba) ||
		    (*p == 0xef && p + 1 < end && ((p[1] >= 0xa4 &&
		    p[1] <= 0xab) || p[1] == 0xbc || p[1] == 0xbd)) ||
		    (*p == 0xf0 && p + 1 < end && p[1] >= 0xa0))
			cjk++;
	return latin > cjk;
}

/*
 * The consent text as a list of its lines, each { text, en }: en when the
 * line is mostly Latin letters, so the page marks it lang="en" and a
 * screen reader reads it with an English voice.
 */
static json_t *
consent_lines(const char *text)
{
	json_t *a = json_array();

	while (*text) {
		size_t n = strcspn(text, "\n");
		json_t *o = json_object();
		const unsigned char *u = (const unsigned char *)text;

		if (n) {
			json_object_set_new(o, "text", json_stringn(text, n));
			json_object_set_new(o, "en",
			    json_boolean(mostly_latin(u, u + n)));
			json_array_append_new(a, o);
		} else
			json_decref(o);
		text += n + (text[n] == '\n');
	}
	return a;
}

static void
form_page(struct web *w, const struct list *l, const char *page,
    const char *title, const char *error, const char *field,
    const char *name, const char *email, struct http_response *rs)
{
	json_t *ctx = web_ctx(w, l, page, title);
	struct buf consent = BUF_INIT;
	char key[32];

	json_object_set_new(ctx, page, json_true());
	if (error) {
		web_set_bilingual(ctx, "error", error);
		snprintf(key, sizeof key, "error_%s", field);
		json_object_set_new(ctx, key, json_true());
	}
	if (name)
		json_object_set_new(ctx, "name", json_string(name));
	if (email)
		json_object_set_new(ctx, "email", json_string(email));
	if (!strcmp(page, "subscribe_form")) {
		tmpl_render(web_consent(w), ctx, &consent);
		json_object_set_new(ctx, "consent_lines",
		    consent_lines(consent.data ? consent.data : ""));
	}
	buf_free(&consent);
	web_page(w, ctx, error ? 400 : 200, rs);
}

/*
 * 1 when message_id is one serve wrote for confirmation mail id of list:
 * "web.ID.HEX@" with the HMAC of webtoken_msgid, which nobody who never
 * saw the mail can quote.
 */
static int
genuine_msgid(void *arg, long long id, const char *list,
    const char *message_id)
{
	struct web *w = arg;
	char want[WEBTOKEN_MSGID_HEX + 1], *p;
	const char *hex;

	if (strncmp(message_id, "web.", 4) || strtoll(message_id + 4, &p,
	    10) != id || *p != '.')
		return 0;
	hex = p + 1;
	webtoken_msgid(w->key, w->keylen, list, id, want);
	return !strncmp(hex, want, WEBTOKEN_MSGID_HEX) &&
	    hex[WEBTOKEN_MSGID_HEX] == '@';
}

/* Why within_limits refused a mail. */
enum limit { LIMIT_CLIENT, LIMIT_OK, LIMIT_SERVER, LIMIT_COMPLAINT };

/*
 * LIMIT_OK when another confirmation mail of kind to email, asked from
 * ip (a web_limit_key), stays within the limits, else the one it is
 * over; -1.  Under w->mu.  Each kind counts apart: strangers' subscribe
 * requests for an address must not use up its owner's unsubscribe
 * mails.  Subscribe mails also count over the whole server
 * (web.subscribe_mails_per_hour): a sprayer with many networks, each
 * within its own hourly count, still mails no more strangers than that;
 * unsubscribe mails go to subscribers only, and never wait on it.  No
 * subscribe mail goes to a mailbox whose reader reported one as spam
 * within web.complaint_days: whoever types it in the form again is not
 * its reader (the editors can still put it in the list's CSV).
 */
static int
within_limits(struct web *w, enum jwebmail kind, const char *email,
    const char *ip)
{
	const struct config *c = w->c;
	time_t now = time(NULL);
	long by_email, by_ip, all;

	if (journal_webmail_counts(w->jn, kind, email, now - 86400, ip,
	    now - 3600, &by_email, &by_ip) == -1)
		return -1;
	if (by_email >= c->web_mails_per_address ||
	    by_ip >= c->web_mails_per_ip)
		return LIMIT_CLIENT;
	if (kind != JW_SUBSCRIBE)
		return LIMIT_OK;
	switch (journal_webmail_complained(w->jn, email,
	    now - c->web_complaint_days * 86400, genuine_msgid, w)) {
	case -1:
		return -1;
	case 1:
		return LIMIT_COMPLAINT;
	}
	if (journal_webmail_recent(w->jn, now - 3600,
	    c->web_subscribe_per_hour, &all) == -1)
		return -1;
	if (all < c->web_subscribe_per_hour)
		return LIMIT_OK;
	/* one line an hour, not one a request: the sprayer writes none */
	if (now - w->cap_said >= 3600) {
		w->cap_said = now;
		warnx("web.subscribe_mails_per_hour (%ld) reached: "
		    "subscribe requests get their page but no confirmation "
		    "mail while that many went out in the past hour (said "
		    "once an hour; raise it if the requests are real)",
		    c->web_subscribe_per_hour);
	}
	return LIMIT_SERVER;
}

/*
 * The normalised address of the form (an internationalised one in NFC,
 * as addr_normalize_eai keeps it), or NULL and *why, the form's message:
 * an input method's full-width forms named as such.
 */
static char *
form_email(const struct http_request *rq, char **raw, const char **why)
{
	char *norm = NULL, *nfc;
	const char *a = NULL;

	*raw = field(rq, "email");
	*why = BAD_EMAIL;
	/* an input method may type decomposed characters: one mailbox */
	if (*raw && !has_ctl_break(*raw, strlen(*raw)) &&
	    (nfc = addr_nfc(*raw))) {
		int rc = addr_normalize_eai(nfc, &norm, &a);

		free(nfc);
		if (rc == 0)
			return norm;
	}
	if (a == addr_why_fw_local || a == addr_why_fw_at)
		*why = FW_EMAIL;
	else if (a == addr_why_fw_space)
		*why = FW_SPACE;
	return NULL;
}

static void
manage_post(struct web *w, const struct list *l,
    const struct http_request *rq, struct http_response *rs)
{
	struct journal_webmail m = { 0 };
	const char *why;
	char ip[64], key[64], *raw, *email = form_email(rq, &raw, &why);
	char *masked;
	long long id;
	int rc = 0, on = 0, ok = 0;

	if (!email) {
		form_page(w, l, "manage_form", "退订 · Unsubscribe",
		    why, "email", NULL, raw, rs);
		free(raw);
		return;
	}
	web_client(w, rq, ip);
	web_limit_key(ip, key);
	pthread_mutex_lock(&w->mu);
	if ((on = journal_on_list(w->jn, l->id, email)) == 1 &&
	    (ok = within_limits(w, JW_UNSUBSCRIBE, email, key)) ==
	    LIMIT_OK) {
		m.kind = JW_UNSUBSCRIBE;
		m.list = l->id;
		m.email = email;
		m.ip = key;
		m.at = time(NULL);
		rc = journal_webmail_add(w->jn, &m, &id);
	}
	pthread_mutex_unlock(&w->mu);
	masked = web_mask(email);
	if (on == -1 || ok == -1 || rc == -1) {
		web_simple(w, l, "unavailable", "暂不可用 · Unavailable", 503,
		    rs);
	} else {
		if (on == 1 && ok == LIMIT_OK) {
			web_log("unsubscribe-request list=%s address=%s", l->id,
			    masked);
			webmail_kick(w->mail);
		} else if (on == 1) {
			web_log("limit list=%s address=%s ip=%s", l->id, masked,
			    key);
		}
		web_simple(w, l, "manage_sent", "邮件已寄出 · Check your mail",
		    200, rs);
	}
	free(masked);
	free(email);
	free(raw);
}

static void
subscribe_post(struct web *w, const struct list *l,
    const struct http_request *rq, struct http_response *rs)
{
	struct journal_subscription s = { 0 };
	struct journal_webmail m = { 0 };
	struct buf consent = BUF_INIT;
	const char *why, *bad, *bad_field;
	char ip[64], key[64], *raw, *email = form_email(rq, &raw, &why);
	char *name = field(rq, "name"), *masked;
	long long sid = 0, mid;
	int ok = 0, rc = 0;
	json_t *ctx;

	if ((bad = subscribe_problem(email, why, name, &bad_field))) {
		form_page(w, l, "subscribe_form", "订阅 · Subscribe", bad,
		    bad_field,
		    name_echoed(name) ? name : NULL,
		    raw, rs);
		goto out;
	}
	web_client(w, rq, ip);
	web_limit_key(ip, key);
	ctx = web_ctx(w, l, "consent", "");
	tmpl_render(web_consent(w), ctx, &consent);
	json_decref(ctx);
	s.list = l->id;
	s.email = email;
	s.name = *name ? name : NULL;
	s.submitted_at = time(NULL);
	s.ip = ip;
	s.form = consent.data ? consent.data : "";
	pthread_mutex_lock(&w->mu);
	if ((ok = within_limits(w, JW_SUBSCRIBE, email, key)) == LIMIT_OK &&
	    (rc = journal_begin(w->jn)) == 0) {
		m.kind = JW_SUBSCRIBE;
		m.list = l->id;
		m.email = email;
		m.ip = key;
		m.at = s.submitted_at;
		if ((rc = journal_sub_add(w->jn, &s, &sid)) == 0) {
			m.subscription = sid;
			rc = journal_webmail_add(w->jn, &m, &mid);
		}
		if (rc == 0)
			rc = journal_commit(w->jn);
		if (rc == -1)
			journal_rollback(w->jn);
	}
	pthread_mutex_unlock(&w->mu);
	masked = web_mask(email);
	if (ok == -1 || rc == -1) {
		web_simple(w, l, "unavailable", "暂不可用 · Unavailable", 503,
		    rs);
	} else {
		if (ok == LIMIT_OK) {
			web_log("subscribe-request list=%s address=%s", l->id,
			    masked);
			webmail_kick(w->mail);
		} else if (ok == LIMIT_CLIENT) {
			web_log("limit list=%s address=%s ip=%s", l->id, masked,
			    key);
		} else if (ok == LIMIT_COMPLAINT) {
			web_log("no-mail list=%s address=%s ip=%s: it reported "
			    "a confirmation mail as spam (web.complaint_days)",
			    l->id, masked, key);
		}
		web_simple(w, l, "subscribe_sent", "请查收邮件 · Check your "
		    "mail", 200, rs);
	}
	free(masked);
out:
	buf_free(&consent);
	free(email);
	free(name);
	free(raw);
}

/* What a confirmation link's row holds, copied out of the journal. */
struct row {
	int found;
	enum jwebmail kind;
	char *list, *email, *name;
	time_t done;		/* confirmed_at / used_at */
	time_t ended;		/* a subscription's ended_at */
	long long id;		/* the row */
};

static void
row_free(struct row *r)
{
	free(r->list);
	free(r->email);
	free(r->name);
}

static void
sub_row(void *arg, const struct journal_subscription *s)
{
	struct row *r = arg;

	r->found = 1;
	r->kind = JW_SUBSCRIBE;
	r->list = xstrdup(s->list);
	r->email = xstrdup(s->email);
	r->name = s->name ? xstrdup(s->name) : NULL;
	r->done = s->confirmed_at;
	r->ended = s->ended_at;
}

static void
mail_row(void *arg, const struct journal_webmail *m)
{
	struct row *r = arg;

	r->found = 1;
	r->kind = m->kind;
	r->list = xstrdup(m->list);
	r->email = xstrdup(m->email);
	r->done = m->used_at;
}

static void
ask_page(struct web *w, const struct list *l, const char *flag,
    const char *title, const struct row *r, struct http_response *rs)
{
	json_t *ctx = web_ctx(w, l, flag, title);
	char *masked = web_mask(r->email);

	json_object_set_new(ctx, flag, json_true());
	json_object_set_new(ctx, "masked", json_string(masked));
	if (r->name)
		json_object_set_new(ctx, "name", json_string(r->name));
	web_page(w, ctx, 200, rs);
	free(masked);
}

/*
 * A link used already: while what it did still holds (the subscription
 * confirmed and not ended, the address still unsubscribed), the page it
 * gave, so a second press or a reload after the first is no error; once
 * that changed, refused as used.
 */
static void
used_link(struct web *w, const struct list *l, char kind,
    const struct row *r, struct http_response *rs)
{
	int holds;

	if (kind == 's')
		holds = !r->ended;
	else {
		pthread_mutex_lock(&w->mu);
		holds = journal_unsubscribed(w->jn, l->id, r->email);
		pthread_mutex_unlock(&w->mu);
	}
	if (holds == -1)
		web_simple(w, l, "unavailable", "暂不可用 · Unavailable", 503,
		    rs);
	else if (holds)
		ask_page(w, l, kind == 's' ? "confirm_done" :
		    "unsubscribe_done", kind == 's' ? "订阅成功 · Subscribed" :
		    "已退订 · Unsubscribed", r, rs);
	else
		web_simple(w, l, "used", "链接已使用 · Link used", 409, rs);
}

/*
 * Checks the link's token, made for list id as, and reads its row, which
 * must be l's (a rename moved it there); answers the refusal itself and
 * returns -1, or 0 with *r filled.
 */
static int
link_row(struct web *w, const struct list *l, const char *as, char kind,
    const struct http_request *rq, struct http_response *rs, struct row *r)
{
	long long id = 0;
	enum webtoken_result t = webtoken_check(w->key, w->keylen, kind, as,
	    http_arg(rq, "t"), time(NULL), &id);
	int rc = 1;

	memset(r, 0, sizeof *r);
	if (t == WT_EXPIRED) {
		/* the page leads to the form that mails a new link of kind */
		json_t *ctx = web_ctx(w, l, "expired",
		    "链接已过期 · Link expired");

		json_object_set_new(ctx, "expired", json_true());
		json_object_set_new(ctx, "expired_unsubscribe",
		    json_boolean(kind == 'u'));
		web_page(w, ctx, 410, rs);
		return -1;
	}
	if (t == WT_OK) {
		pthread_mutex_lock(&w->mu);
		rc = kind == 's' ? journal_sub_get(w->jn, id, sub_row, r) :
		    journal_webmail_get(w->jn, id, mail_row, r);
		pthread_mutex_unlock(&w->mu);
	}
	if (rc == -1) {
		web_simple(w, l, "unavailable", "暂不可用 · Unavailable", 503,
		    rs);
		return -1;
	}
	/* the MAC covers kind and list: a mismatch here is the journal's */
	if (!r->found || strcmp(r->list, l->id) || (kind == 'u' &&
	    r->kind != JW_UNSUBSCRIBE)) {
		row_free(r);
		web_simple(w, l, "invalid", "链接无效 · Invalid link", 404, rs);
		return -1;
	}
	if (r->done) {
		used_link(w, l, kind, r, rs);
		row_free(r);
		return -1;
	}
	r->id = id;
	return 0;
}

/* The unsubscribe a manage mail confirms: used once, with its event. */
static int
unsubscribe_commit(struct web *w, const struct list *l, long long id,
    const char *email)
{
	struct journal_event ev = { 0 };
	time_t now = time(NULL);
	int rc, is_new;

	ev.kind = JE_UNSUBSCRIBE;
	ev.list = l->id;
	ev.email = email;
	ev.reason = "manage page";
	ev.at = now;
	ev.source_key = xasprintf("web-mail:%lld", id);
	pthread_mutex_lock(&w->mu);
	if ((rc = journal_begin(w->jn)) == 0) {
		if ((rc = journal_webmail_use(w->jn, id, now)) == 0)
			rc = journal_event_add(w->jn, &ev, &is_new);
		if (rc == 0)
			rc = journal_commit(w->jn);
		else
			journal_rollback(w->jn);
	}
	pthread_mutex_unlock(&w->mu);
	free((char *)ev.source_key);
	return rc;		/* 1: used meanwhile */
}

static void
confirm_link(struct web *w, const struct list *l, const char *as, char kind,
    const struct http_request *rq, struct http_response *rs)
{
	const char *ask = kind == 's' ? "confirm_ask" : "unsubscribe_ask";
	const char *done = kind == 's' ? "confirm_done" : "unsubscribe_done";
	struct row r;
	char *masked;
	int rc, ok = 0;

	if (link_row(w, l, as, kind, rq, rs, &r) == -1)
		return;
	if (!is_post(rq)) {
		ask_page(w, l, ask, kind == 's' ? "确认订阅 · Confirm" :
		    "退订 · Unsubscribe", &r, rs);
		row_free(&r);
		return;
	}
	if (kind == 's') {
		pthread_mutex_lock(&w->mu);
		rc = journal_sub_confirm(w->jn, r.id, l->id,
		    r.email, time(NULL), &ok);
		pthread_mutex_unlock(&w->mu);
		if (rc == 0 && !ok)
			rc = 1;
	} else {
		rc = unsubscribe_commit(w, l, r.id, r.email);
	}
	masked = web_mask(r.email);
	if (rc == 0) {
		web_log("%s list=%s address=%s via=mail", kind == 's' ?
		    "subscribe" : "unsubscribe", l->id, masked);
		ask_page(w, l, done, kind == 's' ? "订阅成功 · Subscribed" :
		    "已退订 · Unsubscribed", &r, rs);
	} else if (rc == 1) {
		used_link(w, l, kind, &r, rs);	/* by a press just before */
	} else {
		web_simple(w, l, "unavailable", "暂不可用 · Unavailable", 503,
		    rs);
	}
	free(masked);
	row_free(&r);
}

int
websub_handle(struct web *w, const struct list *l, const char *as,
    const char *page, const struct http_request *rq,
    struct http_response *rs)
{
	if (!strcmp(page, "manage")) {
		if (is_post(rq))
			manage_post(w, l, rq, rs);
		else
			form_page(w, l, "manage_form", "退订 · Unsubscribe",
			    NULL, NULL, NULL, NULL, rs);
	} else if (!strcmp(page, "subscribe")) {
		if (is_post(rq))
			subscribe_post(w, l, rq, rs);
		else
			form_page(w, l, "subscribe_form", "订阅 · Subscribe",
			    NULL, NULL, NULL, NULL, rs);
	} else if (!strcmp(page, "confirm")) {
		confirm_link(w, l, as, 's', rq, rs);
	} else if (!strcmp(page, "unsubscribe")) {
		confirm_link(w, l, as, 'u', rq, rs);
	} else {
		return -1;
	}
	return 0;
}
