/*
 * edition: one association's edition of an issue.  Templates (Mustache)
 * render the HTML and text bodies from the issue, the association's
 * profile and, only when a template asks for them, subscriber fields; the
 * bodies become one MIME entity (multipart/alternative, inside
 * multipart/related for inline images, inside multipart/mixed for
 * attachments), optionally signed (PGP/MIME).  Per-subscriber headers are
 * added around that entity by message_build, so a signed edition serves
 * every subscriber of the association.
 */
#ifndef MAILER_EDITION_H
#define MAILER_EDITION_H

#include <jansson.h>
#include <time.h>

#include "util.h"

struct config;
struct issue;
struct list;
struct subscriber;
struct signer;
struct composer;

struct edition {
	char *list_id;
	char *subject;		/* rendered, UTF-8 */
	char *html, *text;	/* rendered bodies */
	struct buf headers;	/* the entity's MIME header lines, CRLF */
	struct buf body;	/* the entity's body, CRLF */
	char digest[65];	/* SHA-256 of headers and body, hex */
};

/*
 * Loads the templates from c->templates_dir and every association profile
 * (listreg.h: for sponsor lists and article credits; the issue's sources
 * and sponsors must name one).  signer may be NULL.  Reports problems;
 * NULL when any.
 */
struct composer *composer_new(const struct config *c, const struct issue *is,
    struct signer *signer);
void composer_free(struct composer *cp);

/* 1 when signing an edition failed: a key problem (EXIT_CONFIG), not data. */
int composer_sign_failed(const struct composer *cp);

/* 1 when a template uses subscriber fields: one edition per subscriber. */
int composer_per_subscriber(const struct composer *cp);

/* The profile of list id, or NULL when there is no such list. */
const struct list *composer_list(const struct composer *cp, const char *id);

/*
 * The Mustache context of list l's edition: issue, sender, list, sections
 * (l's own articles first), sponsors, attachments (name, path),
 * has_attachments, archive_url and
 * edition_url (with web.base_url) and, when sub is not NULL, subscriber.
 * l NULL gives the general edition: no list, articles in section order,
 * no edition_url.  The caller json_decref's it.
 */
json_t *composer_context(const struct composer *cp, const struct list *l,
    const struct subscriber *sub);

/* Renders issue.html.mustache against ctx, appending to out.  0 / -1. */
int composer_render_html(const struct composer *cp, json_t *ctx,
    struct buf *out);

/*
 * Builds the edition of list l (for subscriber sub when per-subscriber,
 * else sub is NULL).  test prefixes the Subject as a test send.  Returns
 * 0 / -1 after reporting; ed is cleared on entry.
 */
int edition_build(struct composer *cp, const struct list *l,
    const struct subscriber *sub, int test, struct edition *ed);
/*
 * The edition of list l for no subscriber, not signed: its digest is
 * what a personal edition's articles and templates make.  0 / -1.
 */
int edition_build_unsigned(struct composer *cp, const struct list *l,
    struct edition *ed);
void edition_clear(struct edition *ed);

struct recipient {
	const char *name;	/* display name, may be NULL */
	const char *address;
	const char *token;	/* VERP / unsubscribe token */
};

/*
 * Appends the complete message for one recipient: per-subscriber headers
 * (Date, From, To, Subject, Message-ID, List-Id, List-Unsubscribe...) then
 * the edition's entity.  message_id may be NULL (one is generated).
 */
void message_build(struct composer *cp, const struct edition *ed,
    const struct list *l, const struct recipient *r, const char *message_id,
    struct buf *out);
/*
 * The same message without its last piece, ed->body, which the caller
 * sends after it: what message_build appends up to the body.
 */
void message_build_head(struct composer *cp, const struct edition *ed,
    const struct list *l, const struct recipient *r, const char *message_id,
    struct buf *out);

/* The time messages are dated (and DKIM-signed): now, or SOURCE_DATE_EPOCH. */
time_t message_time(void);

/* Appends "Date: ..." (RFC 5322 3.3) for message_time(), local zone. */
void message_date_header(struct buf *out);

#endif
