/*
 * check --dns: the DNS self-check (dnscheck.c) for the configuration's
 * From domain, bounce domain, DKIM keys and every SMTP relay, through the
 * system's resolver or the one --resolver names.
 */
#include <arpa/inet.h>
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "config.h"
#include "dkim.h"
#include "dns.h"
#include "dnscheck.h"
#include "exitcode.h"
#include "util.h"

static const char usage[] = "check --dns [--resolver ADDRESS[:PORT]] "
    "[--sending-ip ADDRESS]...";

struct tally {
	long n[3];
};

static void
print_finding(void *arg, const struct dnscheck_finding *f)
{
	struct tally *t = arg;

	t->n[f->level]++;
	printf("%-4s %-5s %s: %s%s%s\n", dnscheck_level_name(f->level),
	    f->topic, printable(f->name), printable(f->text),
	    f->fix ? "; fix: " : "", f->fix ? printable(f->fix) : "");
}

static int
key_check(void *arg, size_t i, const char *txt, size_t len, const char **why)
{
	return dkim_record_check(arg, i, txt, len, why);
}

/* The host of each smtp:// or smtps:// relay, each once, into out. */
static void
relay_hosts(const struct config *c, struct strlist *out)
{
	for (size_t i = 0; i < c->relays.n; i++) {
		const char *r = c->relays.v[i], *h;
		char *host;
		unsigned port;
		size_t k = 0;

		if (!strncmp(r, "smtp://", 7))
			h = r + 7;
		else if (!strncmp(r, "smtps://", 8))
			h = r + 8;
		else
			continue;
		if (host_port_split(h, strcspn(h, "/"), &host, &port) == -1)
			continue;
		while (k < out->n && strcasecmp(out->v[k], host))
			k++;
		if (k == out->n)
			strlist_add(out, host);
		free(host);
	}
}

/*
 * Adds ip, written as inet_ntop writes it (so it compares with what the
 * resolver returns), to ips.  0, or -1 when it is no IP address.
 */
static int
add_ip(struct strlist *ips, const char *ip)
{
	unsigned char a[16];
	char out[INET6_ADDRSTRLEN];
	int af = strchr(ip, ':') ? AF_INET6 : AF_INET;

	if (inet_pton(af, ip, a) != 1 || !inet_ntop(af, a, out, sizeof out))
		return -1;
	strlist_add(ips, out);
	return 0;
}

/* The dnscheck_in for c; keys from d (may be NULL). */
static void
input(const struct config *c, struct dkim *d, struct dnscheck_in *in,
    struct dnscheck_key **keys, const struct strlist *ips,
    const struct strlist *relays)
{
	size_t k = d ? dkim_count(d) : 0;
	size_t n = k + (d ? dkim_deferred(d)->n : 0);

	memset(in, 0, sizeof *in);
	in->from_domain = strchr(c->sender_address, '@') + 1;
	in->bounce_domain = c->bounce_domain;
	*keys = n ? xcalloc(n, sizeof **keys) : NULL;
	for (size_t i = 0; i < k; i++) {
		(*keys)[i].selector = dkim_selector(d, i);
		(*keys)[i].record = dkim_record_zone(d, i);
	}
	for (size_t i = k; i < n; i++)
		(*keys)[i].selector = dkim_deferred(d)->v[i - k];
	in->dkim_domain = d ? dkim_domain(d) : NULL;
	in->keys = *keys;
	in->nkeys = n;
	in->key_check = key_check;
	in->key_arg = d;
	in->relays = (const char *const *)relays->v;
	in->nrelays = relays->n;
	in->sending_ips = (const char *const *)ips->v;
	in->nsending_ips = ips->n;
	in->unsub_url = c->web_base_url ? xasprintf("%s%s", c->web_base_url,
	    CONFIG_UNSUBSCRIBE_PATH) : c->unsubscribe_url ?
	    xstrdup(c->unsubscribe_url) : NULL;
}

/* resolver: as libunbound wants it; name: as the user wrote it. */
static int
run(const struct config *c, const char *resolver, const char *name,
    const struct strlist *ips)
{
	struct tally t = { { 0, 0, 0 } };
	struct strlist relays = { 0 };
	struct dnscheck_key *keys;
	struct dnscheck_in in;
	struct dkim *dk = NULL;
	struct dns *d;
	int worst;

	if (c->dkim && !(dk = dkim_open(c, DKIM_DEMO_DEFER)))
		return EXIT_CONFIG;
	if (!(d = dns_open(resolver))) {
		dkim_close(dk);
		return EXIT_UNAVAILABLE;
	}
	relay_hosts(c, &relays);
	input(c, dk, &in, &keys, ips, &relays);
	worst = dnscheck_run(d, &in, print_finding, &t);
	if (worst == -1)
		warnx("no answer from %s (%s): is it reachable?", name ?
		    name : "the resolvers of /etc/resolv.conf", dns_error(d));
	else
		printf("check --dns: %ld ok, %ld warn, %ld fail\n", t.n[0],
		    t.n[1], t.n[2]);
	for (size_t i = 0; i < in.nkeys; i++)
		free((char *)keys[i].record);
	free(keys);
	strlist_free(&relays);
	free((char *)in.unsub_url);
	dns_close(d);
	dkim_close(dk);
	return worst == -1 ? EXIT_UNAVAILABLE : worst == DNSCHECK_FAIL ?
	    EXIT_DATAERR : EXIT_OK;
}

int
cmd_check_dns(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dns", no_argument, NULL, 'd' },
		{ "resolver", required_argument, NULL, 'r' },
		{ "sending-ip", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *resolver = NULL, *name = NULL;
	struct strlist ips = { 0 };
	char fwd[80];
	struct config *c;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			break;
		case 'r':
			if (dns_parse_resolver(optarg, fwd, sizeof fwd) == -1) {
				warnx("--resolver %s: not an IP address with "
				    "an optional :PORT", optarg);
				return EXIT_USAGE;
			}
			resolver = fwd;
			name = optarg;
			break;
		case 's':
			if (add_ip(&ips, optarg) == -1) {
				warnx("--sending-ip %s: not an IP address",
				    optarg);
				strlist_free(&ips);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			printf("usage: mailer %s\n", usage);
			strlist_free(&ips);
			return EXIT_OK;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;
	if (!(c = config_load(cmd_config_path))) {
		strlist_free(&ips);
		return EXIT_CONFIG;
	}
	rc = run(c, resolver, name, &ips);
	config_free(c);
	strlist_free(&ips);
	return rc;
bad:
	strlist_free(&ips);
	fprintf(stderr, "usage: mailer %s\n", usage);
	return EXIT_USAGE;
}
