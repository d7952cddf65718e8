/* edition: templates -> bodies -> MIME entity; messages.  See edition.h */
#include "edition.h"

#include <err.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "archive_path.h"
#include "config.h"
#include "issue.h"
#include "list.h"
#include "listreg.h"
#include "mime.h"
#include "rfc2047.h"
#include "sign.h"
#include "tmpl.h"
#include "tmplfile.h"

struct composer {
	const struct config *cfg;
	const struct issue *is;
	struct signer *signer;
	struct tmpl *html, *text, *subject;
	struct listreg *lists;
	unsigned long msgid_seq;
	char msgid_salt[17];
	char *autocrypt;	/* folded "Autocrypt: ..." header, or NULL */
	int sign_failed;
	/*
	 * The fields message_build_head writes the same for every
	 * recipient of list fixed_list's edition with subject fixed_subject
	 * (a copy), built once: From; Reply-To and Subject; MIME-Version
	 * and List-Id; List-Archive, Archived-At and Feedback-ID.
	 */
	const struct list *fixed_list;
	char *fixed_subject;
	struct buf fixed[4];
};

const struct list *
composer_list(const struct composer *cp, const char *id)
{
	return listreg_get(cp->lists, id);
}

/* "Autocrypt: addr=...; keydata=..." folded at 76 columns. */
static char *
autocrypt_header(const struct composer *cp)
{
	char *v = signer_autocrypt(cp->signer, cp->cfg->sender_address);
	const char *kd;
	struct buf b = BUF_INIT;

	if (!v)
		return NULL;
	kd = strstr(v, "keydata=");
	buf_adds(&b, "Autocrypt: ");
	/* "addr=...;" without the space before keydata: no trailing blank */
	buf_add(&b, v, (size_t)(kd - v) - (kd > v && kd[-1] == ' '));
	for (const char *p = kd; *p; ) {
		size_t n = strlen(p) < 72 ? strlen(p) : 72;

		buf_adds(&b, "\r\n ");
		buf_add(&b, p, n);
		p += n;
	}
	buf_adds(&b, "\r\n");
	free(v);
	return buf_detach(&b);
}

struct composer *
composer_new(const struct config *c, const struct issue *is,
    struct signer *signer)
{
	struct composer *cp = xcalloc(1, sizeof *cp);
	struct tmpl_opts o = { NULL, NULL, 1 };
	char *subj_file = xasprintf("%s/issue.yaml: subject", is->dir);
	int rc = 0;

	cp->cfg = c;
	cp->is = is;
	cp->signer = signer;
	cp->html = tmplfile_load(c->templates_dir, "issue.html.mustache", 0);
	cp->text = tmplfile_load(c->templates_dir, "issue.txt.mustache", 1);
	cp->subject = tmpl_parse(subj_file, is->subject, strlen(is->subject),
	    &o);
	free(subj_file);
	if (!cp->html || !cp->text || !cp->subject)
		rc = -1;
	if (!(cp->lists = listreg_load(c->lists_dir)) ||
	    listreg_check_issue(cp->lists, is, c->lists_dir) == -1)
		rc = -1;
	/* Autocrypt needs an encryption subkey: without one, no header */
	if (signer && rc == 0 && !(cp->autocrypt = autocrypt_header(cp)))
		warnx("messages go out without an Autocrypt header");
	{
		const char *seed = getenv("MAILER_TEST_SEED");
		unsigned long long r = seed ? strtoull(seed, NULL, 10) :
		    ((unsigned long long)time(NULL) << 20) ^
		    ((unsigned long long)getpid() << 4) ^
		    (unsigned long long)(uintptr_t)cp;

		snprintf(cp->msgid_salt, sizeof cp->msgid_salt, "%016llx", r);
	}
	if (rc == -1) {
		composer_free(cp);
		return NULL;
	}
	return cp;
}

void
composer_free(struct composer *cp)
{
	if (!cp)
		return;
	free(cp->autocrypt);
	free(cp->fixed_subject);
	for (size_t i = 0; i < 4; i++)
		buf_free(&cp->fixed[i]);
	tmpl_free(cp->html);
	tmpl_free(cp->text);
	tmpl_free(cp->subject);
	listreg_free(cp->lists);
	free(cp);
}

int
composer_sign_failed(const struct composer *cp)
{
	return cp->sign_failed;
}

int
composer_per_subscriber(const struct composer *cp)
{
	return tmpl_uses_key(cp->html, "subscriber") ||
	    tmpl_uses_key(cp->text, "subscriber") ||
	    tmpl_uses_key(cp->subject, "subscriber");
}

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
article_json(const struct composer *cp, const struct article *a, int own)
{
	const struct list *src = a->source ? composer_list(cp, a->source) :
	    NULL;
	json_t *o = json_object();

	json_object_set_new(o, "anchor", jstr(a->anchor));
	json_object_set_new(o, "lang", jstr(a->lang));
	json_object_set_new(o, "hant", json_boolean(issue_lang_hant(a->lang)));
	json_object_set_new(o, "title", jstr(a->title));
	json_object_set_new(o, "subtitle", jstr(a->subtitle));
	json_object_set_new(o, "byline", jstr(a->byline));
	json_object_set_new(o, "author", jstr(a->author));
	json_object_set_new(o, "source", jstr(a->source));
	json_object_set_new(o, "source_name", jstr(src ? src->name : NULL));
	json_object_set_new(o, "source_short", jstr(src ?
	    src->short_name : NULL));
	json_object_set_new(o, "own", json_boolean(own));
	/* a credit line to show: byline, source or author */
	json_object_set_new(o, "credit", json_boolean(a->byline || src ||
	    a->author));
	json_object_set_new(o, "html", jstr(a->html));
	json_object_set_new(o, "text", jstr(a->text));
	return o;
}

/*
 * The association's own articles first in each section, then the rest; l
 * NULL (the general edition): section order only.
 */
static json_t *
sections_json(const struct composer *cp, const struct list *l)
{
	const struct issue *is = cp->is;
	json_t *secs = json_array();
	char num[16];

	for (size_t s = 0; s < is->nsections; s++) {
		json_t *sec = json_object(), *arts = json_array();

		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < is->narticles; i++) {
				const struct article *a = &is->articles[i];
				int own = l && a->source &&
				    !strcmp(a->source, l->id);

				if (strcmp(a->section, is->sections[s].id) ||
				    own != (pass == 0))
					continue;
				json_array_append_new(arts,
				    article_json(cp, a, own));
			}
		if (json_array_size(arts) == 0) {
			json_decref(arts);
			json_decref(sec);
			continue;
		}
		json_object_set_new(sec, "id", jstr(is->sections[s].id));
		json_object_set_new(sec, "title", jstr(is->sections[s].title));
		json_object_set_new(sec, "subtitle",
		    jstr(is->sections[s].subtitle));
		json_object_set_new(sec, "articles", arts);
		/* the shown sections' own numbers, "一、要闻" in the text */
		num_zh((int)json_array_size(secs) + 1, num);
		json_object_set_new(sec, "number_zh", json_string(num));
		json_array_append_new(secs, sec);
	}
	return secs;
}

static json_t *
list_json(const struct list *l)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", jstr(l->id));
	json_object_set_new(o, "name", jstr(l->name));
	json_object_set_new(o, "short_name", jstr(l->short_name));
	json_object_set_new(o, "greeting", jstr(l->greeting));
	json_object_set_new(o, "contact", jstr(l->contact));
	json_object_set_new(o, "list_id", jstr(l->list_id));
	return o;
}

/* archive_url and edition_url when web.base_url is set */
static void
url_json(const struct composer *cp, const struct list *l, json_t *ctx)
{
	char *a = archive_url(cp->cfg);
	char *e = archive_edition_url(cp->cfg, cp->is->id, l ? l->id : NULL);

	if (a)
		json_object_set_new(ctx, "archive_url", json_string(a));
	if (e)
		json_object_set_new(ctx, "edition_url", json_string(e));
	free(a);
	free(e);
}

/* base_url/lists/ID/PAGE: the list's pages served by mailer serve */
static json_t *
web_url(const struct config *c, const struct list *l, const char *page)
{
	char *u = config_list_url(c, l->id, page, NULL);
	json_t *v = json_string(u);

	free(u);
	return v;
}

/*
 * The edition's article titles, the association's own first, then in the
 * edition's order, " · " between them: what an inbox shows under the
 * Subject when a template puts it first (a hidden preheader), rather than
 * the body's first words.
 */
static json_t *
preheader_json(json_t *secs)
{
	struct buf b = BUF_INIT;
	size_t i, j;
	json_t *sec, *a, *v;

	for (int pass = 0; pass < 2; pass++)
		json_array_foreach(secs, i, sec)
			json_array_foreach(json_object_get(sec, "articles"),
			    j, a) {
			if (json_is_true(json_object_get(a, "own")) !=
			    (pass == 0))
				continue;
			if (b.len)
				buf_adds(&b, " · ");
			buf_adds(&b, json_string_value(json_object_get(a,
			    "title")));
		}
	v = b.len ? json_string(b.data) : json_null();
	buf_free(&b);
	return v;
}

json_t *
composer_context(const struct composer *cp, const struct list *l,
    const struct subscriber *sub)
{
	const struct issue *is = cp->is;
	json_t *ctx = json_object(), *o = json_object(), *sp = json_array();
	json_t *att = json_array();
	char *date;

	json_object_set_new(o, "id", jstr(is->id));
	json_object_set_new(o, "number", json_integer(is->number));
	json_object_set_new(o, "date", jstr(is->date));
	date = date_zh(is->date);
	json_object_set_new(o, "date_zh", jstr(date));
	free(date);
	if (is->date && date_ymd_check(is->date, NULL, 0) == 1)
		json_object_set_new(o, "date_iso", jstr(is->date));
	json_object_set_new(o, "title", jstr(is->title));
	json_object_set_new(ctx, "issue", o);
	o = json_object();
	json_object_set_new(o, "name", jstr(cp->cfg->sender_name));
	json_object_set_new(o, "address", jstr(cp->cfg->sender_address));
	json_object_set_new(ctx, "sender", o);
	if (l) {
		o = list_json(l);
		/* per list, not per subscriber: one signature per edition */
		if (cp->cfg->web_base_url) {
			json_object_set_new(o, "manage_url",
			    web_url(cp->cfg, l, "manage"));
			json_object_set_new(o, "subscribe_url",
			    web_url(cp->cfg, l, "subscribe"));
		}
		json_object_set_new(ctx, "list", o);
	}
	json_object_set_new(ctx, "sections", sections_json(cp, l));
	json_object_set_new(ctx, "preheader",
	    preheader_json(json_object_get(ctx, "sections")));
	for (size_t i = 0; i < is->sponsors.n; i++) {
		const struct list *s = composer_list(cp, is->sponsors.v[i]);

		o = list_json(s);
		json_object_set_new(o, "self", json_boolean(s == l));
		json_array_append_new(sp, o);
	}
	json_object_set_new(ctx, "sponsors_title", jstr(is->sponsors_title));
	json_object_set_new(ctx, "sponsors", sp);
	for (size_t i = 0; i < is->nattachments; i++) {
		o = json_object();
		json_object_set_new(o, "name", jstr(is->attachments[i].name));
		json_object_set_new(o, "path", jstr(is->attachments[i].path));
		json_array_append_new(att, o);
	}
	json_object_set_new(ctx, "attachments", att);
	/* Mustache cannot test an array's length: "附件:" needs this */
	json_object_set_new(ctx, "has_attachments",
	    json_boolean(is->nattachments > 0));
	url_json(cp, l, ctx);
	if (sub) {
		o = json_object();
		for (size_t i = 0; i < sub->nfields; i++)
			json_object_set_new(o, sub->keys[i],
			    jstr(sub->values[i]));
		json_object_set_new(o, "email", jstr(sub->email));
		json_object_set_new(ctx, "subscriber", o);
	}
	return ctx;
}

int
composer_render_html(const struct composer *cp, json_t *ctx,
    struct buf *out)
{
	return tmpl_render(cp->html, ctx, out);
}

static void
hex(const unsigned char *d, size_t n, char *out)
{
	static const char x[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/*
 * Boundaries start with "=_": neither quoted-printable nor base64 output
 * can contain that pair, so no body line can collide with them.
 */
static char *
boundary(const struct composer *cp, const char *list_id, const char *kind)
{
	struct sha256_ctx h;
	unsigned char d[SHA256_DIGEST_SIZE];
	char hx[2 * SHA256_DIGEST_SIZE + 1];

	/* no randomness: the digest of an unchanged edition must not change */
	sha256_init(&h);
	sha256_update(&h, strlen(cp->is->id), (const uint8_t *)cp->is->id);
	sha256_update(&h, strlen(list_id), (const uint8_t *)list_id);
	sha256_update(&h, strlen(kind), (const uint8_t *)kind);
	sha256_digest(&h, sizeof d, d);
	hex(d, 12, hx);
	return xasprintf("=_%s_%s", kind, hx);
}

static struct mime *
multipart(const struct composer *cp, const char *list_id, const char *kind)
{
	char *b = boundary(cp, list_id, kind);
	struct mime *m = mime_multipart(kind, b);

	free(b);
	return m;
}

static struct mime *
build_entity(const struct composer *cp, const struct edition *ed)
{
	const struct issue *is = cp->is;
	struct mime *alt = multipart(cp, ed->list_id, "alternative");
	struct mime *top = alt, *plain;
	char *flowed = mime_flow(ed->text, strlen(ed->text));

	/* long lines (a paragraph is one) wrapped, as the reader joins them */
	plain = mime_text("plain", flowed, strlen(flowed));
	free(flowed);
	mime_param(plain, "format", "flowed");
	mime_param(plain, "delsp", "yes");
	mime_add(alt, plain);
	mime_add(alt, mime_text("html", ed->html, strlen(ed->html)));
	if (is->nimages) {
		top = multipart(cp, ed->list_id, "related");
		mime_param(top, "type", "multipart/alternative");
		mime_add(top, alt);
		for (size_t i = 0; i < is->nimages; i++)
			mime_add(top, mime_file(is->images[i].type,
			    is->images[i].data, is->images[i].len,
			    is->images[i].name, is->images[i].cid));
	}
	if (is->nattachments) {
		struct mime *mixed = multipart(cp, ed->list_id, "mixed");

		mime_add(mixed, top);
		top = mixed;
		for (size_t i = 0; i < is->nattachments; i++) {
			const struct asset *as = &is->attachments[i];
			struct mime *f = mime_file(as->type, as->data,
			    as->len, as->name, NULL);

			if (!strncmp(as->type, "text/", 5) &&
			    utf8_valid(as->data, as->len, NULL))
				mime_param(f, "charset", "utf-8");
			mime_add(top, f);
		}
	}
	return top;
}

static int
render(const struct tmpl *t, json_t *ctx, char **out)
{
	struct buf b = BUF_INIT;

	if (tmpl_render(t, ctx, &b) == -1) {
		buf_free(&b);
		return -1;
	}
	*out = buf_detach(&b);
	return 0;
}

static void
digest(struct edition *ed)
{
	struct sha256_ctx h;
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, ed->headers.len, (const uint8_t *)ed->headers.data);
	sha256_update(&h, ed->body.len, (const uint8_t *)ed->body.data);
	sha256_digest(&h, sizeof d, d);
	hex(d, sizeof d, ed->digest);
}

/*
 * PGP/MIME (RFC 3156 5): the entity built so far, carrying copies of
 * Subject and From (protected headers), becomes the first part of a
 * multipart/signed (sign.c); the signature is verified once in-process
 * before the edition is used.
 */
static int
sign_edition(struct composer *cp, struct edition *ed)
{
	char *b = boundary(cp, ed->list_id, "signed");
	int rc = signer_pgp_mime(cp->signer, b, &ed->headers, &ed->body);

	if (rc == -1)
		cp->sign_failed = 1;
	free(b);
	return rc;
}

static int
build(struct composer *cp, const struct list *l,
    const struct subscriber *sub, int test, int sign, struct edition *ed)
{
	json_t *ctx = composer_context(cp, l, sub);
	struct mime *m = NULL;
	char *subj = NULL;
	int rc = -1;

	memset(ed, 0, sizeof *ed);
	ed->list_id = xstrdup(l->id);
	if (render(cp->html, ctx, &ed->html) == -1 ||
	    render(cp->text, ctx, &ed->text) == -1 ||
	    render(cp->subject, ctx, &subj) == -1)
		goto out;
	if (has_ctl_break(subj, strlen(subj)) || !*subj) {
		warnx("%s/issue.yaml: the subject template renders to an "
		    "empty or multi-line subject", cp->is->dir);
		goto out;
	}
	ed->subject = test ? xasprintf("[TEST] %s", subj) : xstrdup(subj);
	m = build_entity(cp, ed);
	if (cp->signer)
		mime_param(m, "protected-headers", "v1");
	if (mime_write(m, &ed->headers, &ed->body) == -1)
		goto out;
	if (cp->signer) {
		rfc2047_unstructured(&ed->headers, "Subject", ed->subject);
		rfc2047_address(&ed->headers, "From", cp->cfg->sender_name,
		    cp->cfg->sender_address);
	}
	digest(ed);
	if (sign && cp->signer && sign_edition(cp, ed) == -1)
		goto out;
	rc = 0;
out:
	mime_free(m);
	free(subj);
	json_decref(ctx);
	if (rc == -1)
		edition_clear(ed);
	return rc;
}

int
edition_build(struct composer *cp, const struct list *l,
    const struct subscriber *sub, int test, struct edition *ed)
{
	return build(cp, l, sub, test, 1, ed);
}

int
edition_build_unsigned(struct composer *cp, const struct list *l,
    struct edition *ed)
{
	return build(cp, l, NULL, 0, 0, ed);
}

void
edition_clear(struct edition *ed)
{
	free(ed->list_id);
	free(ed->subject);
	free(ed->html);
	free(ed->text);
	buf_free(&ed->headers);
	buf_free(&ed->body);
	memset(ed, 0, sizeof *ed);
}

time_t
message_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	return e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
}

/*
 * A new unique Message-ID (without angle brackets); caller frees.  With a
 * recipient's VERP token (may be NULL) the token ends its local part (see
 * verp_token_in_msgid).
 */
static char *
message_id_new(struct composer *cp, const char *list_id, const char *token)
{
	/* the token last: verp_token_in_msgid() reads it back from bounces */
	return xasprintf("%s.%s.%s.%lu%s%s@%s", cp->is->id, list_id,
	    cp->msgid_salt, ++cp->msgid_seq, token ? "." : "",
	    token ? token : "", addr_domain(cp->cfg->sender_address));
}

/*
 * The field is formatted once a second, per thread (mailer serve's mail
 * thread writes them too): one send writes thousands in each.
 */
void
message_date_header(struct buf *out)
{
	static _Thread_local time_t last = (time_t)-1;
	static _Thread_local char field[80];
	static _Thread_local size_t len;
	time_t t = message_time();

	if (t != last || !len) {
		struct tm tm;
		char d[64];

		localtime_r(&t, &tm);
		strftime(d, sizeof d, "%a, %d %b %Y %H:%M:%S %z", &tm);
		len = (size_t)snprintf(field, sizeof field, "Date: %s\r\n", d);
		last = t;
	}
	buf_add(out, field, len);
}

static void
unsubscribe_headers(const struct composer *cp, const struct recipient *r,
    struct buf *out)
{
	const struct config *c = cp->cfg;
	struct buf v = BUF_INIT;

	buf_grow(&v, 255);	/* formatted once */
	buf_printf(&v, "<mailto:unsubscribe+%s@%s?subject=unsubscribe>",
	    r->token, c->bounce_domain);
	if (c->web_base_url)
		buf_printf(&v, ", <%s%s?t=%s>", c->web_base_url,
		    CONFIG_UNSUBSCRIBE_PATH, r->token);
	else if (c->unsubscribe_url)	/* the key web.base_url replaced */
		buf_printf(&v, ", <%s%s%s>", c->unsubscribe_url,
		    strchr(c->unsubscribe_url, '?') ? "&t=" : "?t=",
		    r->token);
	rfc2047_raw(out, "List-Unsubscribe", v.data);
	if (c->web_base_url || c->unsubscribe_url)
		rfc2047_raw(out, "List-Unsubscribe-Post",
		    "List-Unsubscribe=One-Click");
	buf_free(&v);
}

/*
 * RFC 2369 List-Archive and RFC 5064 Archived-At (the association's page),
 * per edition like every link in the body; outside the signed part.
 */
static void
archive_headers(const struct composer *cp, const struct list *l,
    struct buf *out)
{
	char *a = archive_url(cp->cfg);
	char *e = archive_edition_url(cp->cfg, cp->is->id, l->id);
	char *v;

	if (!a || !e)
		goto out;
	v = xasprintf("<%s>", a);
	rfc2047_raw(out, "List-Archive", v);
	free(v);
	v = xasprintf("<%s>", e);
	rfc2047_raw(out, "Archived-At", v);
	free(v);
out:
	free(a);
	free(e);
}

/*
 * Feedback loops: Gmail's Feedback-ID (campaign fields : sender id), the
 * RFC 9477 CFBL-Address (the recipient's VERP address, so an ARF report
 * names its recipient by token; only with DKIM, which must cover it), and
 * the headers that keep vacation responders quiet.
 */
/* A Feedback-ID field: ASCII without ':' (the separator) or blanks. */
static void
feedback_field(struct buf *out, const char *s)
{
	for (; *s; s++)
		buf_addc(out, (*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
		    *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		    *s == '_' || *s == '-' ? *s : '-');
	buf_addc(out, ':');
}

static void
feedback_id(const struct composer *cp, const struct list *l,
    struct buf *out)
{
	const struct config *c = cp->cfg;

	if (c->feedback_sender_id) {
		buf_adds(out, "Feedback-ID: ");
		feedback_field(out, cp->is->id);
		feedback_field(out, l->id);
		buf_printf(out, "%s:%s\r\n", c->feedback_campaign,
		    c->feedback_sender_id);
	}
}

static void
feedback_headers(const struct composer *cp, const struct recipient *r,
    struct buf *out)
{
	const struct config *c = cp->cfg;

	if (c->dkim)
		buf_printf(out, "CFBL-Address: bounces+%s@%s; report=arf\r\n",
		    r->token, c->bounce_domain);
	buf_adds(out, "Precedence: list\r\n"
	    "X-Auto-Response-Suppress: OOF, AutoReply\r\n");
}

/*
 * The fields of a message's head that are the same for every recipient
 * of ed on list l (see struct composer), built when l or the subject
 * changed; the order is message_build_head's.
 */
static const struct buf *
fixed_fields(struct composer *cp, const struct edition *ed,
    const struct list *l)
{
	const struct config *c = cp->cfg;
	struct buf *f = cp->fixed;

	if (cp->fixed_list == l && cp->fixed_subject &&
	    !strcmp(cp->fixed_subject, ed->subject))
		return f;
	for (size_t i = 0; i < 4; i++)
		buf_reset(&f[i]);
	free(cp->fixed_subject);
	cp->fixed_subject = xstrdup(ed->subject);
	cp->fixed_list = l;
	rfc2047_address(&f[0], "From", c->sender_name, c->sender_address);
	if (c->reply_to)
		rfc2047_address(&f[1], "Reply-To", NULL, c->reply_to);
	rfc2047_unstructured(&f[1], "Subject", ed->subject);
	buf_adds(&f[2], "MIME-Version: 1.0\r\n");
	rfc2047_address(&f[2], "List-Id", l->short_name, l->list_id);
	archive_headers(cp, l, &f[3]);
	feedback_id(cp, l, &f[3]);
	return f;
}

void
message_build_head(struct composer *cp, const struct edition *ed,
    const struct list *l, const struct recipient *r, const char *message_id,
    struct buf *out)
{
	const struct buf *f = fixed_fields(cp, ed, l);
	char *mid = message_id ? NULL : message_id_new(cp, l->id, r->token);

	message_date_header(out);
	buf_add(out, f[0].data, f[0].len);
	rfc2047_address(out, "To", r->name, r->address);
	buf_add(out, f[1].data, f[1].len);
	buf_printf(out, "Message-ID: <%s>\r\n", mid ? mid : message_id);
	buf_add(out, f[2].data, f[2].len);
	unsubscribe_headers(cp, r, out);
	buf_add(out, f[3].data, f[3].len);
	feedback_headers(cp, r, out);
	if (cp->autocrypt)
		buf_adds(out, cp->autocrypt);
	buf_add(out, ed->headers.data, ed->headers.len);
	buf_adds(out, "\r\n");
	free(mid);
}

void
message_build(struct composer *cp, const struct edition *ed,
    const struct list *l, const struct recipient *r, const char *message_id,
    struct buf *out)
{
	message_build_head(cp, ed, l, r, message_id, out);
	buf_add(out, ed->body.data, ed->body.len);
}
