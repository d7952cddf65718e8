/*
 * web: what `mailer serve` answers, behind http.c.  This module holds the
 * shared state (journal, token key, list profiles, page template) and the
 * routes, and answers the one-click unsubscribe itself (RFC 8058):
 *
 *   GET  /unsubscribe?t=TOKEN   a page naming the list and the masked
 *                               address, with one button that POSTs;
 *                               changes nothing
 *   POST /unsubscribe?t=TOKEN   body List-Unsubscribe=One-Click: the
 *                               unsubscribe is committed, then 200
 *
 * TOKEN is the VERP token of the List-Unsubscribe header.  A malformed,
 * forged or unknown token gets one neutral page (404) and changes nothing.
 * The list pages (manage, subscribe, confirmations) are in websub.c.
 * A page of a list since renamed (mailer lists rename, the journal's
 * list_renames, followed from rename to rename) answers as the list's
 * new id: a form's URL redirects there (308), a link mailed before the
 * rename is checked under the id it was made for.  A request for a list
 * renamed after the set was loaded reloads it first.
 *
 * Handlers run on several threads: the journal is used under w->mu.  The
 * list profiles and templates are one set, replaced whole by web_reload
 * (SIGHUP); a thread pins the set it uses (web_enter), and a set is
 * freed once it is no longer the current one and no thread has it pinned.
 */
#ifndef MAILER_WEB_H
#define MAILER_WEB_H

#include <pthread.h>
#include <stddef.h>

#include <jansson.h>

#include "http.h"

struct config;
struct journal;
struct list;
struct tmpl;
struct webmail;
struct signer;
struct webset;

struct web {
	const struct config *c;
	pthread_mutex_t mu;		/* guards jn */
	struct journal *jn;
	unsigned char *key;		/* the token key (secret_file) */
	size_t keylen;
	pthread_mutex_t setmu;		/* guards set and its count */
	pthread_mutex_t reloadmu;	/* one reload at a time */
	struct webset *set;		/* lists/ and the templates */
	struct webmail *mail;		/* the confirmation mail sender */
	struct ckpt *ckpt;		/* jn's checkpoints, off the handlers */
	struct signer *signer;		/* signing: configured; else NULL */
	time_t cap_said;		/* the server-wide cap last logged */
};

/*
 * Opens the journal (the state lock is not taken: serve runs beside send)
 * and the token key (created when absent), loads the templates and list
 * profiles, opens the signer when signing is configured (c->sign_key may
 * be set then: the demo key), and starts the mail sender.  Returns an
 * exit code after reporting, or 0 with *out set.
 */
int web_open(struct config *c, struct web **out);
void web_close(struct web *w);

/*
 * Loads lists/ and the templates again and makes them the current set;
 * the requests under way finish with the set they started with.  On a
 * problem (reported: file, line) the current set stays.  0 / -1.
 */
int web_reload(struct web *w);
/*
 * Pins the current set for the calling thread: until web_leave, every
 * helper below that reads lists or templates uses it, whatever reload
 * comes meanwhile.  Not nested.
 */
void web_enter(struct web *w);
void web_leave(struct web *w);

/* The http_handler_fn of mailer serve; arg is the struct web. */
void web_handle(void *arg, const struct http_request *rq,
    struct http_response *rs);

/*
 * The methods path supports ("GET, HEAD" for the archive, which is
 * read-only; "GET, HEAD, POST" elsewhere): http_opts.allow.
 */
const char *web_allow(const char *path);
#define WEB_ARCHIVE_ALLOW "GET, HEAD"

/* Helpers for the page handlers (web.c, websub.c). */

/* The templates of the pinned set: web-consent.txt, web-mail.txt. */
const struct tmpl *web_consent(const struct web *w);
const struct tmpl *web_mail_text(const struct web *w);
/* The profile of list id in the pinned set, or NULL. */
const struct list *web_list(const struct web *w, const char *id);
/*
 * A page context: sender, the page's name and title, the list (with its
 * page URLs) when l is not NULL.  The caller adds the page's section.
 */
json_t *web_ctx(const struct web *w, const struct list *l, const char *page,
    const char *title);
/*
 * Sets key to s, key_zh to its Chinese and key_en to its English when s
 * is "中文 · English" (key_zh is s and key_en unset otherwise): the page
 * marks the English lang="en".
 */
void web_set_bilingual(json_t *ctx, const char *key, const char *s);
/* Renders ctx (consumed) as the response with status. */
void web_page(struct web *w, json_t *ctx, int status,
    struct http_response *rs);
/* A page with section flag set and nothing else. */
void web_simple(struct web *w, const struct list *l, const char *flag,
    const char *title, int status, struct http_response *rs);
/* "a***@example.org": for pages and logs; caller frees. */
char *web_mask(const char *email);
/*
 * The client's address: the peer, or the last X-Forwarded-For entry when
 * the peer is a web.trusted_proxy.  Writes into out[64].
 */
void web_client(const struct web *w, const struct http_request *rq,
    char out[64]);
/*
 * The client the abuse limits count, from web_client's address: an IPv6
 * client is its /64 network ("2001:db8:1:2::/64"), as one subscriber's
 * line is a whole /64 (RFC 6177) whose addresses it may take in turn;
 * an IPv4 client is its address.  Writes into out[64].
 */
void web_limit_key(const char *client, char out[64]);
/* One log line (stderr, or syslog with log: syslog); never a token. */
void web_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
