/* The serve command: the subscribers' side on the web.  See web.h. */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "exitcode.h"
#include "http.h"
#include "log.h"
#include "web.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8025"
#define SERVE_THREADS 2

static const char serve_usage[] =
    "usage: mailer serve [--listen ADDRESS:PORT]\n"
    "  Answers one-click unsubscribes and the list pages under\n"
    "  web.base_url (default listen address " SERVE_DEFAULT_LISTEN ").\n"
    "  Runs until SIGTERM or SIGINT; SIGHUP reloads lists/ and the\n"
    "  templates.  Exit 0 once stopped; 69 it cannot listen; 78 bad\n"
    "  configuration; others: mailer --exit-codes.\n";

/*
 * Waits for SIGTERM or SIGINT, blocked in every thread; reloads w at
 * each SIGHUP (systemctl reload), a failure reported and served through.
 */
static void
wait_for_stop(sigset_t *set, struct web *w)
{
	int sig = 0;

	while (sigwait(set, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		if (sig == SIGHUP)
			(void)web_reload(w);
}

/*
 * The arguments: --listen into *listen, checked.  1 after --help, -1
 * when they are wrong (reported), else 0.
 */
static int
serve_args(int argc, char **argv, const char **listen)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': *listen = optarg; break;
		case 'h': fputs(serve_usage, stdout); return 1;
		default: fputs(serve_usage, stderr); return -1;
		}
	}
	if (optind != argc) {
		fputs(serve_usage, stderr);
		return -1;
	}
	if (http_parse_listen("--listen", *listen) == -1)
		return -1;
	return 0;
}

/*
 * The configuration into *cp, with web.base_url and the log set up.  0,
 * or the exit code after reporting.
 */
static int
serve_config(struct config **cp)
{
	struct config *c;

	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	if (!c->web_base_url) {
		warnx("%s: no web: section; mailer serve needs web.base_url "
		    "(the public https URL the proxy serves)%s", c->path,
		    c->unsubscribe_url ? ". unsubscribe_url is replaced by "
		    "it: the List-Unsubscribe URL becomes web.base_url"
		    CONFIG_UNSUBSCRIBE_PATH : "");
		config_free(c);
		return EXIT_CONFIG;
	}
	if (log_setup(c) == -1) {
		config_free(c);
		return EXIT_OSERR;
	}
	*cp = c;
	return 0;
}

/* SIGTERM, SIGINT and SIGHUP into set, blocked; SIGPIPE ignored. */
static void
block_stop_signals(sigset_t *set)
{
	/* signals go to wait_for_stop, not to the server's threads */
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Serves w on listen until SIGTERM or SIGINT (set), reloading at SIGHUP.  0, or
 * EXIT_UNAVAILABLE when the server does not start.
 */
static int
serve_until_stop(const struct config *c, struct web *w, const char *listen,
    sigset_t *set)
{
	struct http_opts ho = { 0 };
	struct http *h;

	ho.listen = listen;
	ho.max_connections = c->web_max_connections;
	ho.max_per_client = c->web_max_per_client;
	ho.unlimited = &c->web_trusted_proxy;
	ho.timeout = c->web_timeout;
	ho.max_body = c->web_max_body;
	ho.threads = SERVE_THREADS;
	ho.allow = web_allow;
	if (!(h = http_start(&ho, web_handle, w)))
		return EXIT_UNAVAILABLE;
	printf("serve: listening on %s for %s\n", listen, c->web_base_url);
	fflush(stdout);
	wait_for_stop(set, w);
	printf("serve: stopping\n");
	http_stop(h);
	return 0;
}

int
cmd_serve(int argc, char **argv)
{
	const char *listen = SERVE_DEFAULT_LISTEN;
	struct config *c = NULL;
	struct web *w = NULL;
	sigset_t set;
	int rc;

	if ((rc = serve_args(argc, argv, &listen)) != 0)
		return rc == 1 ? 0 : EXIT_USAGE;
	if ((rc = serve_config(&c)) != 0)
		return rc;
	block_stop_signals(&set);
	if ((rc = web_open(c, &w)) == 0) {
		rc = serve_until_stop(c, w, listen, &set);
		web_close(w);
	}
	config_free(c);
	return rc;
}
