/* config: config.yaml schema and loading.  See config.h. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "relays.h"
#include "util.h"

#define CONFIG_MAX (1024 * 1024)
#define SECRET_MAX 4096
/* a 4xx's tries within one send: at most 5 more, the last 16 waits later */
#define RETRY_IN_RUN_MAX 5
#define RETRY_IN_RUN_WAIT_MAX 60
#define O(f) offsetof(struct config, f)

static const struct yfield sender_fields[] = {
	{ "name", YF_STR, O(sender_name), 1, NULL },
	{ "address", YF_STR, O(sender_address), 1, NULL },
	{ "reply_to", YF_STR, O(reply_to), 0, NULL },
	YF_END
};

static const struct yfield path_fields[] = {
	{ "templates", YF_STR, O(templates_dir), 0, NULL },
	{ "lists", YF_STR, O(lists_dir), 0, NULL },
	{ "issues", YF_STR, O(issues_dir), 0, NULL },
	{ "state", YF_STR, O(state_path), 0, NULL },
	YF_END
};

static const struct yfield transport_fields[] = {
	{ "relays", YF_NODE, O(relays_node), 1, NULL },	/* see relays_bind */
	{ "relay_mode", YF_STR, O(relay_mode), 0, NULL },
	{ "tls", YF_STR, O(tls), 0, NULL },
	{ "tls_verify", YF_BOOL, O(tls_verify), 0, NULL },
	{ "ca_file", YF_STR, O(ca_file), 0, NULL },
	{ "username", YF_STR, O(username), 0, NULL },
	{ "password_file", YF_STR, O(password_file), 0, NULL },
	{ "password_env", YF_STR, O(password_env), 0, NULL },
	{ "max_connections", YF_INT, O(max_connections), 0, NULL },
	{ "max_messages_per_connection", YF_INT,
	    O(max_messages_per_connection), 0, NULL },
	{ "rate", YF_NUM, O(rate), 0, NULL },
	{ "domain_connections", YF_INT, O(domain_connections), 0, NULL },
	{ "domain_rate_per_minute", YF_INT, O(domain_rate_per_minute), 0,
	    NULL },
	{ "timeout", YF_INT, O(timeout), 0, NULL },
	{ "relay_cooldown", YF_INT, O(relay_cooldown), 0, NULL },
	{ "retry_backoff", YF_INT, O(retry_backoff), 0, NULL },
	{ "give_up_after", YF_INT, O(give_up_after), 0, NULL },
	{ "retry_in_run", YF_INT, O(retry_in_run), 0, NULL },
	{ "retry_in_run_wait", YF_NUM, O(retry_in_run_wait), 0, NULL },
	YF_END
};

static const struct yfield signing_fields[] = {
	{ "key", YF_STR, O(sign_key), 0, NULL },
	{ "create_demo_key", YF_BOOL, O(sign_demo_key), 0, NULL },
	{ "gnupg_home", YF_STR, O(gnupg_home), 0, NULL },
	{ "passphrase_file", YF_STR, O(passphrase_file), 0, NULL },
	{ "passphrase_env", YF_STR, O(passphrase_env), 0, NULL },
	YF_END
};

static const struct yfield dkim_fields[] = {
	{ "domain", YF_STR, O(dkim_domain), 0, NULL },
	/* dkim_keys() */
	{ "keys", YF_NODE, O(dkim_keys_node), 1, NULL },
	{ "create_demo_key", YF_BOOL, O(dkim_demo_key), 0, NULL },
	YF_END
};

#define K(f) offsetof(struct config_dkim_key, f)
static const struct yfield dkim_key_fields[] = {	/* in dkim.keys[] */
	{ "selector", YF_STR, K(selector), 1, NULL },
	{ "key_file", YF_STR, K(key_file), 1, NULL },
	{ "type", YF_STR, K(type), 0, NULL },
	YF_END
};

static const struct yfield feedback_fields[] = {
	{ "sender_id", YF_STR, O(feedback_sender_id), 0, NULL },
	{ "campaign", YF_STR, O(feedback_campaign), 0, NULL },
	YF_END
};

static const struct yfield imap_fields[] = {
	{ "url", YF_STR, O(imap_url), 1, NULL },
	{ "username", YF_STR, O(imap_username), 1, NULL },
	{ "password_file", YF_STR, O(imap_password_file), 0, NULL },
	{ "password_env", YF_STR, O(imap_password_env), 0, NULL },
	{ "folder", YF_STR, O(imap_folder), 0, NULL },
	{ "processed_folder", YF_STR, O(imap_processed_folder), 0, NULL },
	{ "tls", YF_STR, O(imap_tls), 0, NULL },
	{ "tls_verify", YF_BOOL, O(imap_tls_verify), 0, NULL },
	{ "ca_file", YF_STR, O(imap_ca_file), 0, NULL },
	YF_END
};

static const struct yfield policy_fields[] = {
	{ "hard_limit", YF_INT, O(hard_limit), 0, NULL },
	{ "soft_limit", YF_INT, O(soft_limit), 0, NULL },
	{ "soft_window_days", YF_INT, O(soft_window_days), 0, NULL },
	YF_END
};

static const struct yfield web_fields[] = {
	{ "base_url", YF_STR, O(web_base_url), 0, NULL },
	{ "trusted_proxy", YF_STRLIST, O(web_trusted_proxy), 0, NULL },
	{ "token_days", YF_INT, O(web_token_days), 0, NULL },
	{ "mails_per_address_per_day", YF_INT, O(web_mails_per_address), 0,
	    NULL },
	{ "mails_per_ip_per_hour", YF_INT, O(web_mails_per_ip), 0, NULL },
	{ "subscribe_mails_per_hour", YF_INT, O(web_subscribe_per_hour), 0,
	    NULL },
	{ "complaint_days", YF_INT, O(web_complaint_days), 0, NULL },
	{ "max_connections", YF_INT, O(web_max_connections), 0, NULL },
	{ "max_connections_per_client", YF_INT, O(web_max_per_client), 0,
	    NULL },
	{ "timeout", YF_INT, O(web_timeout), 0, NULL },
	{ "max_body", YF_INT, O(web_max_body), 0, NULL },
	{ "archive_dir", YF_STR, O(web_archive_dir), 0, NULL },
	{ "title", YF_STR, O(web_title), 0, NULL },
	{ "feed_entries", YF_INT, O(web_feed_entries), 0, NULL },
	YF_END
};

static const struct yfield top_fields[] = {
	{ "sender", YF_MAP, 0, 1, sender_fields },
	{ "paths", YF_MAP, 0, 0, path_fields },
	{ "secret_file", YF_STR, O(secret_file), 0, NULL },
	{ "bounce_domain", YF_STR, O(bounce_domain), 0, NULL },
	{ "unsubscribe_url", YF_STR, O(unsubscribe_url), 0, NULL },
	{ "log", YF_STR, O(log), 0, NULL },
	{ "transport", YF_MAP, 0, 0, transport_fields },
	{ "signing", YF_MAP, 0, 0, signing_fields },
	{ "dkim", YF_MAP, 0, 0, dkim_fields },
	{ "feedback", YF_MAP, 0, 0, feedback_fields },
	{ "imap", YF_MAP, 0, 0, imap_fields },
	{ "bounces", YF_MAP, 0, 0, policy_fields },
	{ "web", YF_MAP, 0, 0, web_fields },
	YF_END
};

static void
defaults(struct config *c)
{
	c->tls_verify = 1;
	c->imap_tls_verify = 1;
	c->max_connections = 4;
	c->max_messages_per_connection = 100;
	c->timeout = 60;
	c->relay_cooldown = 300;
	c->retry_backoff = 300;
	c->give_up_after = 5 * 86400;	/* RFC 5321 4.5.4.1: 4-5 days */
	c->retry_in_run = 2;
	c->retry_in_run_wait = 1;
	c->hard_limit = 1;
	c->soft_limit = 5;
	c->soft_window_days = 30;
	c->web_feed_entries = 10;
	c->web_token_days = 7;
	c->web_mails_per_address = 3;
	c->web_mails_per_ip = 20;
	c->web_subscribe_per_hour = 100;
	c->web_complaint_days = 365;
	c->web_max_connections = 128;
	c->web_max_per_client = 16;
	c->web_timeout = 15;
	c->web_max_body = 8192;
}

/* Makes *p absolute against base; fills in dflt when unset. */
static void
absolutize(const char *base, char **p, const char *dflt)
{
	char *abs;

	if (!*p && !dflt)
		return;
	if (!*p)
		*p = xstrdup(dflt);
	if ((*p)[0] == '/')
		return;
	abs = path_join(base, *p);
	free(*p);
	*p = abs;
}

static int
one_of(const char *file, const char *key, const char *v, const char *a,
    const char *b, const char *c3)
{
	if (!v || !strcmp(v, a) || !strcmp(v, b) || !strcmp(v, c3))
		return 0;
	warnx("%s: %s must be %s, %s or %s, not \"%s\"", file, key, a, b, c3,
	    printable(v));
	return -1;
}

#define WEIGHT_MAX 1000

/* A relay entry's weight: a plain integer 1..WEIGHT_MAX. */
static int
relay_weight(const char *file, const struct ynode *v, long *w)
{
	char *end;

	errno = 0;
	*w = v->type == YNODE_SCALAR && v->plain ?
	    strtol(v->value, &end, 10) : 0;
	if (v->type != YNODE_SCALAR || !v->plain || !*v->value || *end ||
	    errno || *w < 1 || *w > WEIGHT_MAX) {
		warnx("%s:%zu:%zu: a relay's \"weight\" must be a whole "
		    "number from 1 to %d", file, v->line, v->col, WEIGHT_MAX);
		return -1;
	}
	return 0;
}

/*
 * 1 when url has a user part (smtp://USER:PASSWORD@host): libcurl would
 * log in with it, a password written inline, and transport.username
 * would override it without a word.
 */
static int
relay_login(const char *url)
{
	char *label = relays_label(url);
	int login = strcmp(label, url) != 0;

	free(label);
	return login;
}

/* One transport.relays entry: "URL", or a mapping with url and weight. */
static int
relay_entry(struct config *c, const struct ynode *e)
{
	const char *url = NULL;
	long weight = 1;
	int rc = 0;

	if (e->type == YNODE_SCALAR) {
		url = e->value;
	} else if (e->type == YNODE_MAP) {
		for (size_t i = 0; i + 1 < e->nitems; i += 2) {
			const struct ynode *k = e->items[i],
			    *v = e->items[i + 1];

			if (!strcmp(k->value, "url") &&
			    v->type == YNODE_SCALAR)
				url = v->value;
			else if (!strcmp(k->value, "weight"))
				rc |= relay_weight(c->path, v, &weight);
			else if (!strcmp(k->value, "url"))
				rc = -1, warnx("%s:%zu:%zu: a relay's \"url\" "
				    "must be a string", c->path, v->line,
				    v->col);
			else
				rc = -1, warnx("%s:%zu:%zu: unknown key \"%s\" "
				    "in a relay (url, weight)", c->path,
				    k->line, k->col, printable(k->value));
		}
		if (!url && rc == 0)
			rc = -1, warnx("%s:%zu:%zu: a relay needs a \"url\"",
			    c->path, e->line, e->col);
	} else {
		rc = -1;
		warnx("%s:%zu:%zu: a relay is a URL or a mapping with url and "
		    "weight", c->path, e->line, e->col);
	}
	if (url && has_ctl_break(url, strlen(url)))
		rc = -1, warnx("%s:%zu:%zu: a relay's URL must be one line",
		    c->path, e->line, e->col);
	else if (url && strncmp(url, "maildir:", 8) &&
	    strncmp(url, "smtp://", 7) && strncmp(url, "smtps://", 8))
		rc = -1, warnx("%s:%zu:%zu: transport relay \"%s\" is not "
		    "maildir:PATH, smtp://HOST:PORT or smtps://HOST:PORT",
		    c->path, e->line, e->col, printable(url));
	else if (url && relay_login(url))
		rc = -1, warnx("%s:%zu:%zu: a relay's URL holds a login "
		    "(USER:PASSWORD@): secrets are never inline; write "
		    "transport.username and password_file: FILE (mode 0600) "
		    "or password_env: VARIABLE", c->path, e->line, e->col);
	if (rc == 0) {
		strlist_add(&c->relays, url);
		c->relay_weights = xrealloc(c->relay_weights, c->relays.n *
		    sizeof *c->relay_weights);
		c->relay_weights[c->relays.n - 1] = weight;
	}
	return rc;
}

/*
 * The relay just bound, c->relays.v[k] from entry e, against those before
 * it (their entries in at[0..k)): a relay listed twice took two shares
 * and the journal names both alike; a Maildir takes every message, so
 * beside another relay one of them would be dropped.  0 / -1 (said).
 */
static int
relay_alone(const struct config *c, size_t k, const struct ynode *e,
    const struct ynode *const *at)
{
	const char *url = c->relays.v[k];
	char *label = relays_label(url);
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < k; i++) {
		const char *mine = !strncmp(url, "maildir:", 8) ? url : NULL;
		char *other = relays_label(c->relays.v[i]);

		if (!mine && !strncmp(other, "maildir:", 8))
			mine = c->relays.v[i], e = at[i];
		if (mine)
			rc = -1, warnx("%s:%zu:%zu: %s cannot share "
			    "transport.relays with other relays: a Maildir "
			    "takes every message", c->path, e->line, e->col,
			    printable(mine));
		else if (!strcmp(label, other))
			rc = -1, warnx("%s:%zu:%zu: transport.relays lists %s "
			    "twice (line %zu too): give it one entry and a "
			    "weight", c->path, e->line, e->col,
			    printable(label),
			    at[i]->line);
		free(other);
	}
	free(label);
	return rc;
}

/*
 * transport.relays: one entry or a list of them.  Every bad entry is
 * reported.
 */
static int
relays_bind(struct config *c)
{
	const struct ynode *n = c->relays_node;
	const struct ynode **at;
	int rc = 0;

	c->relays_node = NULL;	/* it lives as long as the parse tree */
	if (!n)
		return 0;
	if (n->type != YNODE_SEQ)
		return relay_entry(c, n);
	at = xcalloc(n->nitems ? n->nitems : 1, sizeof *at);
	for (size_t i = 0; i < n->nitems; i++) {
		size_t k = c->relays.n;

		if (relay_entry(c, n->items[i]) == -1)
			rc = -1;
		else if ((at[k] = n->items[i]) &&
		    relay_alone(c, k, n->items[i], at) == -1)
			rc = -1;
	}
	free(at);
	if (n->nitems == 0) {
		warnx("%s:%zu:%zu: transport.relays is empty", c->path,
		    n->line, n->col);
		rc = -1;
	}
	return rc;
}

/*
 * A limit of section sect (its node, NULL when absent) within lo..hi, else
 * an error at its line naming sect.key.  0 / -1.
 */
static int
key_range(const struct config *c, const struct ynode *node, const char *sect,
    const char *key, long v, long lo, long hi)
{
	const struct ynode *n = node ? ynode_get(node, key) : NULL;

	if (v >= lo && v <= hi)
		return 0;
	if (hi == LONG_MAX)
		warnx("%s:%zu:%zu: %s.%s must be at least %ld, not %ld",
		    c->path, n ? n->line : 0, n ? n->col : 0, sect, key, lo,
		    v);
	else
		warnx("%s:%zu:%zu: %s.%s must be %ld..%ld, not %ld", c->path,
		    n ? n->line : 0, n ? n->col : 0, sect, key, lo, hi, v);
	return -1;
}

static int
check_relay_mode(const struct config *c, const struct ynode *root)
{
	const struct ynode *t = ynode_get(root, "transport");
	const struct ynode *n = t ? ynode_get(t, "relay_mode") : NULL;

	if (!c->relay_mode || !strcmp(c->relay_mode, "spread") ||
	    !strcmp(c->relay_mode, "failover"))
		return 0;
	warnx("%s:%zu:%zu: transport.relay_mode must be spread or failover, "
	    "not \"%s\"", c->path, n ? n->line : 0, n ? n->col : 0,
	    printable(c->relay_mode));
	return -1;
}

static int
check_transport(struct config *c, const struct ynode *root)
{
	const struct ynode *t = ynode_get(root, "transport");
	/* 0: unlimited, never given up, no rest (see mailer(1)) */
	const struct {
		const char *key;
		long v, lo, hi;
	} lim[] = {
		{ "max_connections", c->max_connections, 1, 64 },
		{ "max_messages_per_connection",
		    c->max_messages_per_connection, 1, LONG_MAX },
		{ "timeout", c->timeout, 1, LONG_MAX },
		{ "relay_cooldown", c->relay_cooldown, 0, LONG_MAX },
		{ "retry_backoff", c->retry_backoff, 0, LONG_MAX },
		{ "give_up_after", c->give_up_after, 0, LONG_MAX },
		{ "retry_in_run", c->retry_in_run, 0, RETRY_IN_RUN_MAX },
		{ "domain_connections", c->domain_connections, 0, LONG_MAX },
		{ "domain_rate_per_minute", c->domain_rate_per_minute, 0,
		    LONG_MAX },
	};
	int rc = 0;


	for (size_t i = 0; i < c->relays.n; i++) {
		const char *r = c->relays.v[i];

		if (!strncmp(r, "maildir:", 8)) {
			char *p = xstrdup(r + 8);

			absolutize(c->base, &p, NULL);
			free(c->relays.v[i]);
			c->relays.v[i] = xasprintf("maildir:%s", p);
			free(p);
		}
	}
	if (one_of(c->path, "transport.tls", c->tls, "required",
	    "opportunistic", "none") == -1 ||
	    one_of(c->path, "imap.tls", c->imap_tls, "required",
	    "opportunistic", "none") == -1)
		rc = -1;
	for (size_t i = 0; i < sizeof lim / sizeof *lim; i++)
		if (key_range(c, t, "transport", lim[i].key, lim[i].v,
		    lim[i].lo, lim[i].hi) == -1)
			rc = -1;
	if (c->rate < 0) {
		const struct ynode *n = t ? ynode_get(t, "rate") : NULL;

		warnx("%s:%zu:%zu: transport.rate must be at least 0, not %g",
		    c->path, n ? n->line : 0, n ? n->col : 0, c->rate);
		rc = -1;
	}
	/* NaN and inf fail both comparisons */
	if (!(c->retry_in_run_wait >= 0 &&
	    c->retry_in_run_wait <= RETRY_IN_RUN_WAIT_MAX)) {
		const struct ynode *n = t ? ynode_get(t, "retry_in_run_wait") :
		    NULL;

		warnx("%s:%zu:%zu: transport.retry_in_run_wait must be "
		    "0..%d seconds, not %g", c->path, n ? n->line : 0,
		    n ? n->col : 0, RETRY_IN_RUN_WAIT_MAX,
		    c->retry_in_run_wait);
		rc = -1;
	}
	return rc;
}

/* The node of sect.key (sect NULL: a top-level key), or NULL. */
static const struct ynode *
key_node(const struct ynode *root, const char *sect, const char *key)
{
	const struct ynode *s = sect ? ynode_get(root, sect) : root;

	return s ? ynode_get(s, key) : NULL;
}

/*
 * A secret is read from a file or from the environment: with both keys
 * set, the one mailer would use is not what the reader of the file
 * expects.  Named at the second key.
 */
static int
check_secret_pairs(const struct config *c, const struct ynode *root)
{
	static const struct {
		const char *sect, *file, *env;
	} pair[] = {
		{ "transport", "password_file", "password_env" },
		{ "imap", "password_file", "password_env" },
		{ "signing", "passphrase_file", "passphrase_env" },
	};
	int rc = 0;

	for (size_t i = 0; i < sizeof pair / sizeof *pair; i++) {
		const struct ynode *f = key_node(root, pair[i].sect,
		    pair[i].file);
		const struct ynode *e = key_node(root, pair[i].sect,
		    pair[i].env);

		if (!f || !e)
			continue;
		if (e->line < f->line)
			e = f;
		warnx("%s:%zu:%zu: %s.%s and %s.%s are both set: keep one, "
		    "not both", c->path, e->line, e->col, pair[i].sect,
		    pair[i].file, pair[i].sect, pair[i].env);
		rc = -1;
	}
	return rc;
}

/* 1 when host (in an http URL, before ':' or '/') is a loopback host. */
static int
loopback_host(const char *h)
{
	size_t n = strcspn(h, ":/");

	if (h[0] == '[')
		return !strncmp(h, "[::1]", 5);
	return (n == 9 && !strncmp(h, "localhost", 9)) ||
	    !strncmp(h, "127.", 4);
}

/* 1 when u may stand inside a header's <...>: printable ASCII, no <>. */
static int
header_url_ok(const char *u)
{
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>\"\\{}|^`", *p))
			return 0;
	return 1;
}

/*
 * web.base_url ends up inside the <...> of List-Archive and Archived-At
 * and in links: an absolute http(s) URL of printable ASCII, with no query
 * or fragment (paths are appended to it) and no character that could end
 * the header's angle brackets.
 */
static int
check_base_url(struct config *c, const struct ynode *web)
{
	const struct ynode *n = ynode_get(web, "base_url");
	char *u = c->web_base_url;
	size_t skip = !strncmp(u, "https://", 8) ? 8 :
	    !strncmp(u, "http://", 7) ? 7 : 0;
	size_t len = strlen(u);

	if (skip && (!header_url_ok(u) || strpbrk(u, "?#")))
		skip = 0;
	while (skip && len > skip && u[len - 1] == '/')
		u[--len] = '\0';
	if (!skip || len == skip || u[skip] == '/') {
		warnx("%s:%zu:%zu: web.base_url \"%s\" must be an http:// or "
		    "https:// URL of printable ASCII with a host and no query, "
		    "fragment, spaces or <>\"\\{}|^`", c->path, n->line, n->col,
		    printable(u));
		return -1;
	}
	/* unsubscribe and subscribe links must not travel in clear */
	if (skip == 7 && !loopback_host(u + 7)) {
		warnx("%s:%zu:%zu: web.base_url \"%s\" must start with "
		    "https:// (plain http:// only for a loopback host such as "
		    "http://127.0.0.1:8025)", c->path, n->line, n->col,
		    printable(u));
		return -1;
	}
	return 0;
}

/*
 * A negative limit turned its rule off as 0 does, unsaid; a window of
 * no days made the soft rule count nothing, and a huge one overflowed
 * the seconds it is turned into.
 */
static int
check_bounces(const struct config *c, const struct ynode *root)
{
	const struct ynode *b = ynode_get(root, "bounces");
	const struct {
		const char *key;
		long v, lo, hi;
	} lim[] = {
		{ "hard_limit", c->hard_limit, 0, LONG_MAX },
		{ "soft_limit", c->soft_limit, 0, LONG_MAX },
		{ "soft_window_days", c->soft_window_days, 1, 3650 },
	};
	int rc = 0;

	for (size_t i = 0; i < sizeof lim / sizeof *lim; i++)
		if (key_range(c, b, "bounces", lim[i].key, lim[i].v,
		    lim[i].lo, lim[i].hi) == -1)
			rc = -1;
	return rc;
}

static int
check_web(struct config *c, const struct ynode *root)
{
	const struct ynode *web = ynode_get(root, "web");
	const struct {
		const char *key;
		long v, lo, hi;
	} lim[] = {
		{ "max_connections", c->web_max_connections, 4, 4096 },
		{ "max_connections_per_client", c->web_max_per_client, 1,
		    4096 },
		/* libmicrohttpd takes an unsigned int */
		{ "timeout", c->web_timeout, 1, 86400 },
		{ "max_body", c->web_max_body, 1024, 1048576 },
		{ "token_days", c->web_token_days, 1, 365 },
		{ "mails_per_address_per_day", c->web_mails_per_address, 1,
		    LONG_MAX },
		{ "mails_per_ip_per_hour", c->web_mails_per_ip, 1, LONG_MAX },
		{ "subscribe_mails_per_hour", c->web_subscribe_per_hour, 1,
		    LONG_MAX },
		{ "complaint_days", c->web_complaint_days, 1, 3650 },
	};
	int rc = 0;

	c->web = web != NULL;
	absolutize(c->base, &c->web_archive_dir, "archive");
	if (!c->web_title && c->sender_name)
		c->web_title = xstrdup(c->sender_name);
	if (c->web_base_url && check_base_url(c, web) == -1)
		rc = -1;
	if (c->web_base_url && c->unsubscribe_url) {
		const struct ynode *n = key_node(root, NULL,
		    "unsubscribe_url");

		warnx("%s:%zu:%zu: unsubscribe_url and web.base_url are both "
		    "set: remove unsubscribe_url (the List-Unsubscribe URL is "
		    "now web.base_url%s, answered by mailer serve)", c->path,
		    n ? n->line : 0, n ? n->col : 0, CONFIG_UNSUBSCRIBE_PATH);
		rc = -1;
	}
	for (size_t i = 0; i < sizeof lim / sizeof *lim; i++)
		if (key_range(c, web, "web", lim[i].key, lim[i].v, lim[i].lo,
		    lim[i].hi) == -1)
			rc = -1;
	if (c->web_feed_entries < 1 || c->web_feed_entries > 1000) {
		const struct ynode *n = ynode_get(web, "feed_entries");

		warnx("%s:%zu:%zu: web.feed_entries must be 1..1000", c->path,
		    n->line, n->col);
		rc = -1;
	}
	return rc;
}

/* A host name: dot-separated labels of letters, digits and inner hyphens. */
static int
dns_name_ok(const char *s)
{
	size_t label = 0, total = strlen(s);

	if (total == 0 || total > 253)
		return 0;
	for (size_t i = 0; i <= total; i++) {
		char ch = s[i];

		if (ch == '.' || ch == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-')
				return 0;
			label = 0;
		} else if ((ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch == '-' && label > 0)) {
			label++;
		} else {
			return 0;
		}
	}
	return 1;
}

/*
 * The domain setting *slot (named what) in lower-case A-labels: a domain
 * written in U-labels goes into the envelope and the headers as its
 * xn-- form, which needs no SMTPUTF8.  0, or -1 with a message.
 */
static int
ascii_domain(const struct config *c, const char *what, char **slot)
{
	char *a = addr_domain_ascii(*slot);

	if (!a || !dns_name_ok(a)) {
		warnx("%s: %s \"%s\" is not a domain name", c->path, what,
		    printable(*slot));
		free(a);
		return -1;
	}
	free(*slot);
	*slot = a;
	return 0;
}

/* 1 when a is b or a subdomain of b (case-insensitive). */
static int
subdomain_of(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la < lb || strcasecmp(a + la - lb, b))
		return 0;
	return la == lb || a[la - lb - 1] == '.';
}

static int
dkim_key_entry(struct config *c, const struct ynode *it,
    struct config_dkim_key *k)
{
	k->where = xasprintf("%s:%zu:%zu", c->path, it->line, it->col);
	if (it->type != YNODE_MAP) {
		warnx("%s: dkim.keys entries are maps {selector, key_file}",
		    k->where);
		return -1;
	}
	if (ydoc_bind(c->path, it, dkim_key_fields, k) == -1)
		return -1;
	if (!dns_name_ok(k->selector)) {
		warnx("%s: dkim selector \"%s\" is not a DNS name (letters, "
		    "digits, hyphens, dots)", k->where, printable(k->selector));
		return -1;
	}
	if (k->type && strcmp(k->type, "rsa") && strcmp(k->type, "ed25519")) {
		warnx("%s: dkim key type must be rsa or ed25519, not \"%s\"",
		    k->where, printable(k->type));
		return -1;
	}
	absolutize(c->base, &k->key_file, NULL);
	return 0;
}

/*
 * The dkim: section once bound: its keys (a list of maps, which the
 * binder leaves to us), the signing domain, and the alignment RFC 9477
 * requires of the CFBL-Address (the bounce domain) with d=.
 */
static int
finish_dkim(struct config *c)
{
	const struct ynode *k = c->dkim_keys_node;
	int rc = 0;

	c->dkim_keys_node = NULL;	/* the tree is freed after parsing */
	if (!c->dkim || !k)
		return c->dkim ? -1 : 0;
	if (k->type != YNODE_SEQ || k->nitems == 0) {
		warnx("%s:%zu:%zu: dkim.keys must be a non-empty list of "
		    "{selector, key_file}", c->path, k->line, k->col);
		return -1;
	}
	c->dkim_keys = xcalloc(k->nitems, sizeof *c->dkim_keys);
	for (size_t i = 0; i < k->nitems; i++) {
		struct config_dkim_key *e = &c->dkim_keys[c->ndkim_keys++];

		if (dkim_key_entry(c, k->items[i], e) == -1)
			rc = -1;
		for (size_t j = 0; rc == 0 && j < i; j++)
			if (!strcasecmp(c->dkim_keys[j].selector,
			    e->selector)) {
				warnx("%s: dkim selector \"%s\" is "
				    "listed twice", e->where,
				    printable(e->selector));
				rc = -1;
			}
	}
	if (!c->dkim_domain && c->sender_address &&
	    strchr(c->sender_address, '@'))
		c->dkim_domain = xstrdup(strchr(c->sender_address, '@') + 1);
	if (!c->dkim_domain) {
		warnx("%s: dkim.domain \"\" is not a domain name", c->path);
		return -1;
	}
	if (ascii_domain(c, "dkim.domain", &c->dkim_domain) == -1)
		return -1;
	if (c->bounce_domain && !subdomain_of(c->bounce_domain,
	    c->dkim_domain) && !subdomain_of(c->dkim_domain,
	    c->bounce_domain)) {
		warnx("%s: bounce_domain %s does not align with dkim.domain "
		    "%s: the CFBL-Address (complaints to the bounce domain) "
		    "must be in a signed domain's tree (RFC 9477)", c->path,
		    printable(c->bounce_domain), printable(c->dkim_domain));
		rc = -1;
	}
	return rc;
}

/* Feedback-ID fields are ':'-separated ASCII: letters, digits, . _ - */
static int
feedback_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-'))
			return 0;
	return 1;
}

static int
finish_feedback(struct config *c)
{
	if (!c->feedback_sender_id && c->sender_address &&
	    strchr(c->sender_address, '@'))
		c->feedback_sender_id = xstrdup(strchr(c->sender_address, '@') +
		    1);
	if (!c->feedback_campaign)
		c->feedback_campaign = xstrdup("newsletter");
	if ((c->feedback_sender_id && !feedback_ok(c->feedback_sender_id)) ||
	    !feedback_ok(c->feedback_campaign)) {
		warnx("%s: feedback.sender_id and feedback.campaign may hold "
		    "only letters, digits, '.', '_' and '-' (Feedback-ID "
		    "separates its fields with ':')", c->path);
		return -1;
	}
	return 0;
}

/* *addr (the value of key) normalised in place; 0, or -1 after a warning. */
static int
config_addr(const struct config *c, const char *key, char **addr)
{
	char *norm;
	const char *why;

	if (addr_normalize(*addr, &norm, &why) == -1) {
		/* the sender's own address: no reader to ask */
		if (why == addr_why_eai)
			why = "address not supported: an internationalised "
			    "address (not ASCII before the @, RFC 6531): use "
			    "one with only ASCII before the @";
		warnx("%s: %s \"%s\": %s", c->path, key, printable(*addr), why);
		return -1;
	}
	free(*addr);
	*addr = norm;
	return 0;
}

/*
 * sender.address and sender.reply_to normalised (they are headers of every
 * mail: ASCII, domains in A-labels), and the bounce domain (its domain
 * unless bounce_domain is set) in A-labels.  0, or -1 after reporting.
 */
static int
finish_sender(struct config *c)
{
	int rc = 0;

	if (config_addr(c, "sender.address", &c->sender_address) == -1)
		rc = -1;
	if (c->reply_to &&
	    config_addr(c, "sender.reply_to", &c->reply_to) == -1)
		rc = -1;
	if (!c->bounce_domain && c->sender_address &&
	    strchr(c->sender_address, '@'))
		c->bounce_domain = xstrdup(strchr(c->sender_address, '@') + 1);
	if (c->bounce_domain && ascii_domain(c, "bounce_domain",
	    &c->bounce_domain) == -1)
		rc = -1;
	return rc;
}

/* Every path the config names made absolute, from the config's folder. */
static void
finish_paths(struct config *c)
{
	c->templates_given = c->templates_dir != NULL;
	absolutize(c->base, &c->templates_dir, "templates");
	absolutize(c->base, &c->lists_dir, "lists");
	absolutize(c->base, &c->issues_dir, "issues");
	absolutize(c->base, &c->state_path, "state/mailer.db");
	absolutize(c->base, &c->secret_file, NULL);
	absolutize(c->base, &c->password_file, NULL);
	absolutize(c->base, &c->ca_file, NULL);
	absolutize(c->base, &c->gnupg_home, NULL);
	absolutize(c->base, &c->passphrase_file, NULL);
	absolutize(c->base, &c->imap_password_file, NULL);
	absolutize(c->base, &c->imap_ca_file, NULL);
}

/*
 * The relays bound and their mode checked (the mode only when they bound),
 * a Maildir outbox when none is given, and the IMAP folders' defaults.
 */
static int
finish_relays(struct config *c, const struct ynode *root)
{
	int rc = 0;

	if (relays_bind(c) == -1 || check_relay_mode(c, root) == -1)
		rc = -1;
	if (!c->relays.n)
		strlist_add(&c->relays, "maildir:outbox");
	if (!c->imap_folder)
		c->imap_folder = xstrdup("INBOX");
	if (!c->imap_processed_folder)
		c->imap_processed_folder = xstrdup("Processed");
	return rc;
}

static int
check_unsubscribe_url(const struct config *c, const struct ynode *root)
{
	const struct ynode *n = key_node(root, NULL, "unsubscribe_url");

	if (c->unsubscribe_url && strncmp(c->unsubscribe_url, "https://", 8)) {
		warnx("%s:%zu:%zu: unsubscribe_url must start with https://",
		    c->path, n ? n->line : 0, n ? n->col : 0);
		return -1;
	}
	if (c->unsubscribe_url && !header_url_ok(c->unsubscribe_url)) {
		/* it goes raw into List-Unsubscribe's <...> (RFC 2369) */
		warnx("%s:%zu:%zu: unsubscribe_url \"%s\" must be printable "
		    "ASCII without spaces or <>\"\\{}|^`: write a host in "
		    "U-labels as its xn-- form and percent-encode the rest",
		    c->path, n ? n->line : 0, n ? n->col : 0,
		    printable(c->unsubscribe_url));
		return -1;
	}
	return 0;
}

/* A signing: section names its key, unless it asks for a demo key. */
static int
check_signing_key(const struct config *c)
{
	if (c->sign && !c->sign_key && !c->sign_demo_key) {
		warnx("%s: signing.key (the signing key's fingerprint) is "
		    "required", c->path);
		return -1;
	}
	return 0;
}

/* A demo key is made in signing.gnupg_home, so it must be given. */
static int
check_demo_key_home(const struct config *c, const struct ynode *root)
{
	if (c->sign && !c->sign_key && c->sign_demo_key && !c->gnupg_home) {
		const struct ynode *n = ynode_get(ynode_get(root, "signing"),
		    "create_demo_key");

		warnx("%s:%zu:%zu: signing.create_demo_key needs "
		    "signing.gnupg_home, the folder the demo key is made and "
		    "kept in", c->path, n->line, n->col);
		return -1;
	}
	return 0;
}

static int
check_log(const struct config *c, const struct ynode *root)
{
	const struct ynode *n = key_node(root, NULL, "log");

	if (c->log && strcmp(c->log, "stderr") && strcmp(c->log, "syslog")) {
		warnx("%s:%zu:%zu: log must be stderr or syslog, not \"%s\"",
		    c->path, n ? n->line : 0, n ? n->col : 0,
		    printable(c->log));
		return -1;
	}
	return 0;
}

/*
 * The config once bound: defaults filled in, paths made absolute and
 * every step checked in this order, each reporting its own errors (the
 * second of a pair joined by || only when the first passed).  0 or -1.
 */
static int
finish(struct config *c, const struct ynode *root)
{
	int rc = 0, sender_ok;

	c->sign = ynode_get(root, "signing") != NULL;
	c->imap = ynode_get(root, "imap") != NULL;
	c->dkim = ynode_get(root, "dkim") != NULL;
	if (!(sender_ok = finish_sender(c) == 0))
		rc = -1;
	finish_paths(c);
	if (finish_relays(c, root) == -1)
		rc = -1;
	if (check_unsubscribe_url(c, root) == -1)
		rc = -1;
	if (check_secret_pairs(c, root) == -1)
		rc = -1;
	if (check_transport(c, root) == -1 ||
	    check_bounces(c, root) == -1 ||
	    check_web(c, root) == -1)
		rc = -1;
	if (check_signing_key(c) == -1)
		rc = -1;
	/*
	 * dkim.domain defaults to the sender's domain and must align with
	 * bounce_domain: judged on a refused one it only repeats that error
	 */
	if ((sender_ok && finish_dkim(c) == -1) || finish_feedback(c) == -1)
		rc = -1;
	if (check_demo_key_home(c, root) == -1)
		rc = -1;
	if (check_log(c, root) == -1)
		rc = -1;
	return rc;
}

struct config *
config_parse(const char *path, const char *buf, size_t len)
{
	struct ynode *root;
	struct config *c;
	char *dir;
	int rc;

	if (!(root = ynode_parse(path, buf, len, 0)))
		return NULL;
	c = xcalloc(1, sizeof *c);
	defaults(c);
	c->path = xstrdup(path);
	dir = xstrdup(path);
	c->base = xrealpath(dirname(dir));
	free(dir);
	if (!c->base)
		c->base = xstrdup(".");
	rc = ydoc_bind(path, root, top_fields, c);
	if (rc == 0)
		rc = finish(c, root);
	ynode_free(root);
	if (rc == -1) {
		config_free(c);
		return NULL;
	}
	return c;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * No paths.templates and no templates/ beside the config (/etc/mailer):
 * the templates make install put beside the binary, BINDIR/../share/
 * mailer/templates, so an installed mailer runs from a config alone.
 */
static void
templates_installed(struct config *c)
{
	char exe[PATH_MAX], *dir;
	ssize_t n;

	if (c->templates_given || is_dir(c->templates_dir))
		return;
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[n] = '\0';
	dir = xasprintf("%s/../share/mailer/templates", dirname(exe));
	if (is_dir(dir)) {
		free(c->templates_dir);
		c->templates_dir = xrealpath(dir);
		if (!c->templates_dir)
			c->templates_dir = xstrdup(dir);
	}
	free(dir);
}

struct config *
config_load(const char *path)
{
	struct buf b = BUF_INIT;
	struct config *c;

	if (path[0] != '/' && access(path, F_OK) == -1 && errno == ENOENT) {
		/* the default, config.yaml, run from cron's home or / */
		char *cwd = getcwd(NULL, 0);

		warnx("%s: No such file in %s (the current folder); name the "
		    "config before the command: mailer --config FILE COMMAND",
		    path, cwd ? cwd : ".");
		free(cwd);
		return NULL;
	}
	if (slurp_file(path, CONFIG_MAX, &b) == -1)
		return NULL;
	c = config_parse(path, b.data, b.len);
	buf_free(&b);
	if (c)
		templates_installed(c);
	return c;
}

void
config_free(struct config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ndkim_keys; i++) {
		ydoc_clear(dkim_key_fields, &c->dkim_keys[i]);
		free(c->dkim_keys[i].where);
	}
	free(c->dkim_keys);
	ydoc_clear(top_fields, c);
	strlist_free(&c->relays);	/* bound by relays_bind */
	free(c->relay_weights);
	free(c->path);
	free(c->base);
	free(c);
}

char *
config_secret(const struct config *c, const char *what, const char *file,
    const char *env)
{
	struct buf b = BUF_INIT;
	struct stat st;
	size_t n;

	if (file && env) {
		warnx("%s: %s: set a file or an environment variable, not both",
		    c->path, what);
		return NULL;
	}
	if (env) {
		const char *v = getenv(env);

		if (!v || !*v) {
			warnx("%s: %s: environment variable %s is not set",
			    c->path, what, printable(env));
			return NULL;
		}
		return xstrdup(v);
	}
	if (!file) {
		warnx("%s: %s: no password_file or password_env configured",
		    c->path, what);
		return NULL;
	}
	if (stat(file, &st) == -1) {
		warn("%s: %s", what, file);
		return NULL;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		warnx("%s: %s is readable by group or others (mode %03o); "
		    "chmod 600 it", what, file, (unsigned)(st.st_mode & 0777));
		return NULL;
	}
	if (access(file, R_OK) == -1 && errno == EACCES &&
	    st.st_uid != geteuid()) {
		warn_not_ours(what, file, &st, ", mode 600 stays");
		return NULL;
	}
	/* room for the whole file at once: no realloc leaves a copy behind */
	buf_grow(&b, SECRET_MAX);
	if (slurp_file(file, SECRET_MAX, &b) == -1)
		return NULL;	/* it wiped and freed what it read */
	n = b.len;
	while (n > 0 && (b.data[n - 1] == '\n' || b.data[n - 1] == '\r'))
		b.data[--n] = '\0';
	return buf_detach(&b);
}

char *
config_list_url(const struct config *c, const char *list, const char *page,
    const char *token)
{
	return xasprintf("%s%s%s/%s%s%s", c->web_base_url, CONFIG_LIST_PATH,
	    list, page, token ? "?t=" : "", token ? token : "");
}
