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
    "  Runs until SIGTERM or SIGINT.\n";

/* Waits for SIGTERM or SIGINT, blocked in every thread. */
static void
wait_for_stop(sigset_t *set)
{
	int sig = 0;

	while (sigwait(set, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		;
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *listen = SERVE_DEFAULT_LISTEN;
	struct http_opts ho = { 0 };
	struct config *c;
	struct web *w = NULL;
	struct http *h;
	sigset_t set;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': listen = optarg; break;
		case 'h': fputs(serve_usage, stdout); return 0;
		default: fputs(serve_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(serve_usage, stderr);
		return EXIT_USAGE;
	}
	if (http_parse_listen("--listen", listen) == -1)
		return EXIT_USAGE;
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
	/* signals go to sigwait below, not to the server's threads */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((rc = web_open(c, &w)) != 0) {
		config_free(c);
		return rc;
	}
	ho.listen = listen;
	ho.max_connections = c->web_max_connections;
	ho.timeout = c->web_timeout;
	ho.max_body = c->web_max_body;
	ho.threads = SERVE_THREADS;
	if (!(h = http_start(&ho, web_handle, w))) {
		web_close(w);
		config_free(c);
		return EXIT_UNAVAILABLE;
	}
	printf("serve: listening on %s for %s\n", listen, c->web_base_url);
	fflush(stdout);
	wait_for_stop(&set);
	printf("serve: stopping\n");
	http_stop(h);
	web_close(w);
	config_free(c);
	return 0;
}
