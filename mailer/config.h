/*
 * config: reads config.yaml (libyaml through ydoc).  Unknown keys, wrong
 * types and missing required keys are errors naming file:line:column.
 * Secrets are never inline: only *_file or *_env keys name them.
 */
#ifndef MAILER_CONFIG_H
#define MAILER_CONFIG_H

#include "ydoc.h"

/* One DKIM key: a signature per key, selector s= (RFC 6376 3.6.2.1). */
struct config_dkim_key {
	char *selector;
	char *key_file;		/* PEM private key, mode 0600 */
	/* "rsa" or "ed25519"; NULL: what the file holds */
	char *type;
	char *where;		/* "FILE:LINE:COL" of the entry, for messages */
};

struct config {
	char *path;		/* the file read */
	char *base;		/* its folder: relative paths start here */

	char *sender_name;
	char *sender_address;	/* normalised (IDN domain as A-label) */
	char *reply_to;

	char *templates_dir, *lists_dir, *issues_dir, *state_path;
	int templates_given;	/* paths.templates was in the file */
	char *secret_file;	/* HMAC key for VERP and unsubscribe tokens */
	char *bounce_domain;	/* VERP domain; default: sender's domain */
	char *unsubscribe_url;	/* https://... ; token appended */
	char *log;		/* "stderr" (default) or "syslog" */

	/* transport */
	struct strlist relays;	/* "maildir:PATH", "smtp://h:p", "smtps://" */
	long *relay_weights;	/* one per relay, >= 1; NULL: all 1 */
	char *relay_mode;	/* spread (default) | failover */
	const struct ynode *relays_node;	/* while loading only */
	char *tls;		/* required | opportunistic | none */
	int tls_verify;
	char *ca_file;
	char *username, *password_file, *password_env;
	long max_connections, max_messages_per_connection;
	double rate;		/* messages per second, 0 = unlimited */
	long domain_connections;	/* per destination domain, 0 = max */
	long domain_rate_per_minute;	/* 0 = unlimited */
	long timeout;		/* seconds */
	long relay_cooldown;	/* seconds */
	/* seconds before a deferred recipient is retried */
	long retry_backoff;
	long give_up_after;	/* seconds a recipient may stay deferred; 0:
				   for ever */
	long retry_in_run;	/* extra tries of a 4xx within one send */
	double retry_in_run_wait;	/* seconds before the first; doubles */

	/* signing */
	int sign;		/* a signing: section is present */
	char *sign_key, *gnupg_home, *passphrase_file, *passphrase_env;
	int sign_demo_key;	/* create_demo_key: make a key on first use */

	/* DKIM (dkim.c) */
	int dkim;		/* a dkim: section is present */
	char *dkim_domain;	/* d=; default: the sender's domain */
	struct config_dkim_key *dkim_keys;
	size_t ndkim_keys;
	int dkim_demo_key;	/* create_demo_key: make missing key files */
	const struct ynode *dkim_keys_node;	/* while parsing only */

	/* Feedback-ID: <issue>:<list>:<campaign>:<sender_id> */
	char *feedback_sender_id;	/* default: the sender's domain */
	char *feedback_campaign;	/* default: "newsletter" */

	/* bounce mailbox */
	int imap;		/* an imap: section is present */
	char *imap_url, *imap_username, *imap_password_file;
	char *imap_password_env, *imap_folder, *imap_processed_folder;
	char *imap_tls, *imap_ca_file;
	int imap_tls_verify;

	/* suppression policy */
	long hard_limit, soft_limit, soft_window_days;

	/* web: the public archive and mailer serve */
	int web;		/* a web: section is present */
	char *web_base_url;	/* "https://host/path", no trailing slash */
	char *web_archive_dir;	/* absolute; default <base>/archive */
	char *web_title;	/* archive and feed title; default sender */
	long web_feed_entries;	/* issues in feed.xml */
	struct strlist web_trusted_proxy;	/* addresses whose XFF counts */
	long web_token_days;	/* confirmation links expire */
	long web_mails_per_address;	/* per address and day */
	long web_mails_per_ip;	/* per submitter address and hour */
	long web_subscribe_per_hour;	/* subscribe mails, whole server */
	long web_complaint_days;	/* none after a complaint about one */
	long web_max_connections, web_timeout, web_max_body;
	long web_max_per_client;	/* connections from one client */
};

/* The path under web.base_url that answers List-Unsubscribe. */
#define CONFIG_UNSUBSCRIBE_PATH "/unsubscribe"
/* The list pages of mailer serve are under base_url/lists/ID/. */
#define CONFIG_LIST_PATH "/lists/"

/*
 * Loads path.  Relative paths in it are made absolute against the config's
 * folder.  Reports every problem; returns NULL when there was any.
 */
struct config *config_load(const char *path);
/*
 * The same from buf[0..len) (no I/O but realpath of path's folder); path
 * names the source in messages and anchors relative paths.
 */
struct config *config_parse(const char *path, const char *buf, size_t len);
void config_free(struct config *c);

/*
 * "base_url/lists/LIST/PAGE", or with token "...?t=TOKEN": a page of
 * mailer serve for a list.  c->web_base_url must be set; caller frees.
 */
char *config_list_url(const struct config *c, const char *list,
    const char *page, const char *token);

/*
 * Reads a secret named by a *_file or *_env pair (exactly one may be set).
 * A file readable by group or others is refused.  what names the secret in
 * messages.  Returns a malloc'd string the caller wipes and frees, or NULL
 * after reporting.
 */
char *config_secret(const struct config *c, const char *what,
    const char *file, const char *env);

#endif
