/* web: shared state, routes, one-click unsubscribe.  See web.h. */
#include "web.h"

#include <arpa/inet.h>
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ckpt.h"
#include "config.h"
#include "exitcode.h"
#include "form.h"
#include "journal.h"
#include "list.h"
#include "sign.h"
#include "state.h"
#include "tmpl.h"
#include "tmplfile.h"
#include "util.h"
#include "verp.h"
#include "webarchive.h"
#include "webmail.h"
#include "websub.h"

#define LIST_PREFIX CONFIG_LIST_PATH
#define ARCHIVE_PREFIX "/archive"	/* archive_url() is base_url/archive/ */
#define CHECKPOINT_MS 500	/* the journal's checkpoints, from a thread */
#define RENAME_HOPS 16		/* a->b->c...: more is a loop (b->a->b) */

/* What web_reload replaces in one piece. */
struct webset {
	struct list **lists;
	size_t nlists;
	struct tmpl *page;	/* templates/web.html.mustache */
	struct tmpl *consent;	/* web-consent.txt.mustache, text */
	struct tmpl *mail;	/* web-mail.txt.mustache, text */
	unsigned refs;		/* the threads that pinned it, +1 current */
	long long renames;	/* the journal's latest rename done before */
	int refreshed;		/* reloaded (or tried) for a rename; reloadmu */
};

/* The set this thread pinned (web_enter); one struct web per process. */
static _Thread_local struct webset *pinned;

static void
webset_free(struct webset *s)
{
	if (!s)
		return;
	tmpl_free(s->page);
	tmpl_free(s->consent);
	tmpl_free(s->mail);
	for (size_t i = 0; i < s->nlists; i++)
		list_free(s->lists[i]);
	free(s->lists);
	free(s);
}

/* lists/ and the templates, or NULL after reporting. */
static struct webset *
webset_load(struct web *w)
{
	const struct config *c = w->c;
	struct webset *s = xcalloc(1, sizeof *s);
	int rc;

	s->refs = 1;
	/* before the files: a rename done meanwhile is seen as after */
	pthread_mutex_lock(&w->mu);
	rc = journal_rename_last(w->jn, &s->renames);
	pthread_mutex_unlock(&w->mu);
	if (rc == -1 || !(s->page = tmplfile_load(c->templates_dir,
	    "web.html.mustache", 0)) || !(s->consent =
	    tmplfile_load(c->templates_dir, "web-consent.txt.mustache", 1)) ||
	    !(s->mail = tmplfile_load(c->templates_dir,
	    "web-mail.txt.mustache", 1)) ||
	    list_load_all(c->lists_dir, &s->lists, &s->nlists) == -1) {
		webset_free(s);
		return NULL;
	}
	return s;
}

/* Drops one reference to s, under w->setmu; 1 when s is to be freed. */
static int
webset_drop(struct webset *s)
{
	return --s->refs == 0;
}

void
web_enter(struct web *w)
{
	pthread_mutex_lock(&w->setmu);
	pinned = w->set;
	pinned->refs++;
	pthread_mutex_unlock(&w->setmu);
}

void
web_leave(struct web *w)
{
	int last;

	pthread_mutex_lock(&w->setmu);
	last = webset_drop(pinned);
	pthread_mutex_unlock(&w->setmu);
	if (last)
		webset_free(pinned);
	pinned = NULL;
}

/* web_reload's work, under w->reloadmu. */
static int
reload(struct web *w)
{
	struct webset *s = webset_load(w), *old;
	int last;

	if (!s) {
		web_log("reload failed: still serving the lists and templates "
		    "loaded before");
		return -1;
	}
	pthread_mutex_lock(&w->setmu);
	old = w->set;
	w->set = s;
	last = webset_drop(old);
	pthread_mutex_unlock(&w->setmu);
	if (last)
		webset_free(old);
	web_log("reloaded %zu lists and the templates", s->nlists);
	return 0;
}

int
web_reload(struct web *w)
{
	int rc;

	pthread_mutex_lock(&w->reloadmu);
	rc = reload(w);
	pthread_mutex_unlock(&w->reloadmu);
	return rc;
}

const struct tmpl *
web_consent(const struct web *w)
{
	(void)w;
	return pinned->consent;
}

const struct tmpl *
web_mail_text(const struct web *w)
{
	(void)w;
	return pinned->mail;
}

const struct list *
web_list(const struct web *w, const char *id)
{
	(void)w;
	for (size_t i = 0; i < pinned->nlists; i++)
		if (!strcmp(pinned->lists[i]->id, id))
			return pinned->lists[i];
	return NULL;
}

static json_t *
jurl(const struct web *w, const struct list *l, const char *page)
{
	char *u = config_list_url(w->c, l->id, page, NULL);
	json_t *v = json_string(u);

	free(u);
	return v;
}

void
web_set_bilingual(json_t *ctx, const char *key, const char *s)
{
	const char *dot = strstr(s, " · ");
	char k[64];

	json_object_set_new(ctx, key, json_string(s));
	snprintf(k, sizeof k, "%s_zh", key);
	json_object_set_new(ctx, k, dot ? json_stringn(s, (size_t)(dot - s)) :
	    json_string(s));
	if (!dot)
		return;
	snprintf(k, sizeof k, "%s_en", key);
	json_object_set_new(ctx, k, json_string(dot + strlen(" · ")));
}

json_t *
web_ctx(const struct web *w, const struct list *l, const char *page,
    const char *title)
{
	json_t *ctx = json_object(), *o = json_object();

	json_object_set_new(o, "name", json_string(w->c->sender_name));
	json_object_set_new(o, "address", json_string(w->c->sender_address));
	json_object_set_new(ctx, "sender", o);
	json_object_set_new(ctx, "page", json_string(page));
	web_set_bilingual(ctx, "title", title);
	json_object_set_new(ctx, "token_days",
	    json_integer(w->c->web_token_days));
	if (l) {
		o = json_object();
		json_object_set_new(o, "id", json_string(l->id));
		json_object_set_new(o, "name", json_string(l->name));
		json_object_set_new(o, "short_name",
		    json_string(l->short_name));
		json_object_set_new(o, "contact", json_string(l->contact));
		json_object_set_new(o, "manage_url", jurl(w, l, "manage"));
		json_object_set_new(o, "subscribe_url", jurl(w, l,
		    "subscribe"));
		json_object_set_new(ctx, "list", o);
	}
	return ctx;
}

/*
 * A screen reader reads "j***@example.org" as "j star star star at ...":
 * the page also gets in words what the mask shows, built from the masked
 * text alone so that it can tell no more of the address.
 */
static void
masked_said(json_t *ctx)
{
	const char *m = json_string_value(json_object_get(ctx, "masked"));
	const char *at = m ? strrchr(m, '@') : NULL;
	int n;

	if (!m)
		return;
	if (!at || at - m < 4 || memcmp(at - 3, "***", 3)) {
		json_object_set_new(ctx, "masked_zh", json_string("该邮箱"));
		json_object_set_new(ctx, "masked_en",
		    json_string("this address"));
		return;
	}
	n = (int)(at - 3 - m);
	json_object_set_new(ctx, "masked_zh", json_sprintf("%s 上以 %.*s "
	    "开头的邮箱", at + 1, n, m));
	json_object_set_new(ctx, "masked_en", json_sprintf("the address "
	    "starting with %.*s at %s", n, m, at + 1));
}

void
web_page(struct web *w, json_t *ctx, int status, struct http_response *rs)
{
	(void)w;
	rs->status = status;
	masked_said(ctx);
	if (tmpl_render(pinned->page, ctx, &rs->body) == -1) {
		buf_reset(&rs->body);
		buf_adds(&rs->body, "internal error\n");
		rs->content_type = "text/plain; charset=utf-8";
		rs->status = 500;
	}
	json_decref(ctx);
}

void
web_simple(struct web *w, const struct list *l, const char *flag,
    const char *title, int status, struct http_response *rs)
{
	json_t *ctx = web_ctx(w, l, flag, title);

	json_object_set_new(ctx, flag, json_true());
	web_page(w, ctx, status, rs);
}

char *
web_mask(const char *email)
{
	const char *at = strrchr(email, '@');
	int n = 1;

	if (!at || at == email)
		return xstrdup("***");
	/* the first character whole: 张***@, not a cut UTF-8 sequence */
	while (email + n < at && ((unsigned char)email[n] & 0xc0) == 0x80)
		n++;
	return xasprintf("%.*s***%s", n, email, at);
}

void
web_client(const struct web *w, const struct http_request *rq,
    char out[64])
{
	const char *peer = http_peer(rq), *xff, *last;
	unsigned char bin[16];
	int trusted = 0;
	size_t n;

	snprintf(out, 64, "%s", peer);
	for (size_t i = 0; i < w->c->web_trusted_proxy.n; i++)
		if (!strcmp(w->c->web_trusted_proxy.v[i], peer))
			trusted = 1;
	if (!trusted || !(xff = http_header(rq, "X-Forwarded-For")))
		return;
	/* the proxy appends the address it saw: the last entry */
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strcspn(last, " \t");
	if (n == 0 || n >= 64)
		return;
	memcpy(out, last, n);
	out[n] = '\0';
	if (inet_pton(AF_INET, out, bin) != 1 &&
	    inet_pton(AF_INET6, out, bin) != 1)
		snprintf(out, 64, "%s", peer);	/* not an address: ignored */
}

void
web_limit_key(const char *client, char out[64])
{
	unsigned char a[16];
	char net[INET6_ADDRSTRLEN];

	snprintf(out, 64, "%s", client);
	/* a v4-mapped address is an IPv4 client */
	if (inet_pton(AF_INET6, client, a) != 1 || (!memcmp(a,
	    "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12)))
		return;
	memset(a + 8, 0, 8);
	if (inet_ntop(AF_INET6, a, net, sizeof net))
		snprintf(out, 64, "%s/64", net);
}

void
web_log(const char *fmt, ...)
{
	va_list ap;

	flockfile(stdout);
	fputs("serve: ", stdout);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	funlockfile(stdout);
}

struct oneclick {
	char *issue, *list, *email;
};

static void
oneclick_free(struct oneclick *o)
{
	free(o->issue);
	free(o->list);
	free(o->email);
}

/* The recipient a List-Unsubscribe token names: 0, 1 unknown, -1. */
static int
oneclick_lookup(struct web *w, const char *token, struct oneclick *o)
{
	char id[VERP_ID_LEN + 1];
	int rc;

	memset(o, 0, sizeof *o);
	if (!token || verp_check(w->key, w->keylen, token, id,
	    sizeof id) == -1)
		return 1;
	pthread_mutex_lock(&w->mu);
	rc = journal_lookup_token(w->jn, id, &o->issue, &o->list, &o->email);
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/*
 * Commits the unsubscribe before answering.  Each POST is its own event
 * (by token and second), so an unsubscribe after a later re-subscription
 * counts again; a repeat while the address stays unsubscribed changes
 * nothing (journal_event_add).
 */
static int
oneclick_record(struct web *w, const struct oneclick *o, const char *via)
{
	struct journal_event ev = { 0 };
	char id[VERP_ID_LEN + 1];
	int is_new, rc;

	verp_id(o->issue, o->list, o->email, id);
	ev.kind = JE_UNSUBSCRIBE;
	ev.issue = o->issue;
	ev.list = o->list;
	ev.email = o->email;
	ev.reason = via;
	ev.at = time(NULL);
	ev.source_key = xasprintf("web:%s:%lld", id, (long long)ev.at);
	pthread_mutex_lock(&w->mu);
	rc = journal_event_add(w->jn, &ev, &is_new);
	pthread_mutex_unlock(&w->mu);
	free((char *)ev.source_key);
	return rc;
}

/*
 * RFC 8058's value; a line end or blanks a client appends to the body
 * (a body written with echo, a form's final CRLF) change nothing.
 */
static int
one_click(const char *v)
{
	size_t n = strlen(v);

	while (n && strchr(" \t\r\n", v[n - 1]))
		n--;
	return n == 9 && !memcmp(v, "One-Click", 9);
}

static void
oneclick(struct web *w, const struct http_request *rq,
    struct http_response *rs)
{
	struct oneclick o;
	const struct list *l;
	const char *body;
	char *v, *masked;
	size_t len;
	int rc;
	json_t *ctx;

	if ((rc = oneclick_lookup(w, http_arg(rq, "t"), &o)) != 0) {
		if (rc == -1)
			web_simple(w, NULL, "unavailable", "暂不可用 · "
			    "Unavailable", 503, rs);
		else
			web_simple(w, NULL, "invalid", "链接无效 · "
			    "Invalid link", 404, rs);
		oneclick_free(&o);
		return;
	}
	l = web_list(w, o.list);
	masked = web_mask(o.email);
	if (!strcmp(http_method(rq), "POST")) {
		body = http_body(rq, &len);
		v = form_field(http_header(rq, "Content-Type"), body, len,
		    "List-Unsubscribe", NULL);
		rc = v && one_click(v) ? 0 : 1;
		free(v);
		if (rc == 0)
			rc = oneclick_record(w, &o, "one-click");
		if (rc == 0) {
			web_log("unsubscribe list=%s address=%s via=one-click",
			    o.list, masked);
			ctx = web_ctx(w, l, "unsubscribe_done",
			    "已退订 · Unsubscribed");
			json_object_set_new(ctx, "unsubscribe_done",
			    json_true());
			json_object_set_new(ctx, "masked", json_string(masked));
			web_page(w, ctx, 200, rs);
		} else if (rc == 1) {
			web_simple(w, l, "bad_request",
			    "请求无效 · Bad request", 400, rs);
		} else {
			web_simple(w, l, "unavailable", "暂不可用 · "
			    "Unavailable", 503, rs);
		}
	} else {
		ctx = web_ctx(w, l, "unsubscribe_ask", "退订 · Unsubscribe");
		json_object_set_new(ctx, "unsubscribe_ask", json_true());
		json_object_set_new(ctx, "masked", json_string(masked));
		web_page(w, ctx, 200, rs);
	}
	free(masked);
	oneclick_free(&o);
}

/*
 * The latest rename of id into *r: 1, 0 when none, -1 (reported).
 */
static int
renamed(struct web *w, const char *id, struct journal_rename *r)
{
	int rc;

	pthread_mutex_lock(&w->mu);
	rc = journal_rename_next(w->jn, id, r);
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/*
 * The list id names: its own, or the one a chain of renames of the
 * journal leads to (the latest rename of each id on the way).  NULL when
 * neither; *moved set when renamed.  *stale when the pinned set has id
 * but a rename of it was done after the set was loaded (mailer lists
 * rename without a reload yet).
 */
static const struct list *
list_find(struct web *w, const char *id, int *moved, int *stale)
{
	const struct list *l = web_list(w, id);
	struct journal_rename r;
	char *cur = xstrdup(id);
	int rc;

	*moved = *stale = 0;
	if (l) {
		if (renamed(w, id, &r) == 1 && r.done &&
		    r.id > pinned->renames)
			*stale = 1;
		journal_rename_clear(&r);
	}
	for (int hop = 0; !l && hop < RENAME_HOPS; hop++) {
		if ((rc = renamed(w, cur, &r)) == 1) {
			free(cur);
			cur = r.new;
			r.new = NULL;
			l = web_list(w, cur);
			*moved = 1;
		}
		journal_rename_clear(&r);
		if (rc != 1)
			break;
	}
	free(cur);
	return l;
}

/*
 * Reloads once for the pinned set, which a rename has made stale, and
 * pins the current one: the first request after `mailer lists rename`
 * needs no SIGHUP.  A failed reload (reported) is not tried again for
 * this set.
 */
static void
refresh(struct web *w)
{
	int mine;

	/* the others that found it stale wait, then take the new set */
	pthread_mutex_lock(&w->reloadmu);
	pthread_mutex_lock(&w->setmu);
	mine = w->set == pinned && !pinned->refreshed;
	pthread_mutex_unlock(&w->setmu);
	if (mine) {
		pinned->refreshed = 1;
		(void)reload(w);
	}
	pthread_mutex_unlock(&w->reloadmu);
	web_leave(w);
	web_enter(w);
}

/*
 * "/lists/ID/PAGE": the list, ID and the page name, or -1.  *moved when
 * ID is an old id of the list.
 */
static int
list_route(struct web *w, const char *path, const struct list **l,
    char id[128], char page[16], int *moved)
{
	const char *p = path + strlen(LIST_PREFIX), *slash = strchr(p, '/');
	int stale;

	if (!slash || (size_t)(slash - p) >= 128 ||
	    strlen(slash + 1) >= 16 || strchr(slash + 1, '/'))
		return -1;
	memcpy(id, p, (size_t)(slash - p));
	id[slash - p] = '\0';
	if ((*l = list_find(w, id, moved, &stale)) && stale) {
		refresh(w);
		*l = list_find(w, id, moved, &stale);
	}
	if (!*l)
		return -1;
	snprintf(page, 16, "%s", slash + 1);
	return 0;
}

/*
 * A list page: a form of a renamed list moves to the new id (308 keeps a
 * POST a POST); a link keeps its old id, which its token was made for.
 * -1 when there is no such page.
 */
static int
list_page(struct web *w, const char *path, const struct http_request *rq,
    struct http_response *rs)
{
	const struct list *l;
	char id[128], page[16];
	int moved;

	if (list_route(w, path, &l, id, page, &moved) == -1)
		return -1;
	if (moved && (!strcmp(page, "manage") || !strcmp(page, "subscribe"))) {
		rs->status = 308;
		rs->location = config_list_url(w->c, l->id, page, NULL);
		return 0;
	}
	return websub_handle(w, l, id, page, rq, rs);
}

static void
web_route(struct web *w, const struct http_request *rq,
    struct http_response *rs)
{
	const char *path = http_path(rq);

	if (!strcmp(path, CONFIG_UNSUBSCRIBE_PATH)) {
		oneclick(w, rq, rs);
	} else if (!strcmp(path, ARCHIVE_PREFIX)) {
		/* relative links in the archive need the trailing slash */
		rs->status = 301;
		rs->location = xasprintf("%s%s/", w->c->web_base_url,
		    ARCHIVE_PREFIX);
	} else if (!strncmp(path, ARCHIVE_PREFIX "/",
	    strlen(ARCHIVE_PREFIX) + 1)) {
		webarchive_handle(w, path + strlen(ARCHIVE_PREFIX), rq, rs);
	} else if (strncmp(path, LIST_PREFIX, strlen(LIST_PREFIX)) ||
	    list_page(w, path, rq, rs) == -1) {
		web_simple(w, NULL, "not_found", "找不到页面 · Not found", 404,
		    rs);
	}
}

void
web_handle(void *arg, const struct http_request *rq,
    struct http_response *rs)
{
	struct web *w = arg;

	web_enter(w);
	web_route(w, rq, rs);
	web_leave(w);
}

static int
is_archive(const char *path)
{
	size_t n = strlen(ARCHIVE_PREFIX);

	return !strncmp(path, ARCHIVE_PREFIX, n) && (!path[n] ||
	    path[n] == '/');
}

const char *
web_allow(const char *path)
{
	return is_archive(path) ? WEB_ARCHIVE_ALLOW : "GET, HEAD, POST";
}

int
web_open(struct config *c, struct web **out)
{
	struct web *w = xcalloc(1, sizeof *w);
	struct state st;
	int rc;

	*out = NULL;
	w->c = c;
	pthread_mutex_init(&w->mu, NULL);
	pthread_mutex_init(&w->setmu, NULL);
	pthread_mutex_init(&w->reloadmu, NULL);
	if ((rc = state_open(c, 1, 1, &st)) != 0) {
		web_close(w);
		return rc;
	}
	w->jn = st.jn;
	w->key = st.key;
	w->keylen = st.keylen;
	/* no answer waits for an fsync: a thread of its own checkpoints */
	if (journal_checkpoint_elsewhere(w->jn) == -1 ||
	    !(w->ckpt = ckpt_start(c->state_path, &w->mu, CHECKPOINT_MS, 0))) {
		web_close(w);
		return EXIT_CANTCREAT;
	}
	if (!(w->set = webset_load(w))) {
		web_close(w);
		return EXIT_DATAERR;
	}
	if (c->sign && !(w->signer = signer_open_config(c))) {
		web_close(w);
		return EXIT_CONFIG;
	}
	if (!(w->mail = webmail_start(w))) {
		web_close(w);
		return EXIT_CONFIG;
	}
	*out = w;
	return 0;
}

void
web_close(struct web *w)
{
	if (!w)
		return;
	webmail_stop(w->mail);
	ckpt_stop(w->ckpt);
	signer_close(w->signer);
	journal_close(w->jn);
	if (w->key) {
		explicit_bzero(w->key, w->keylen);
		free(w->key);
	}
	webset_free(w->set);	/* the threads that pinned one are stopped */
	pthread_mutex_destroy(&w->setmu);
	pthread_mutex_destroy(&w->reloadmu);
	pthread_mutex_destroy(&w->mu);
	free(w);
}
