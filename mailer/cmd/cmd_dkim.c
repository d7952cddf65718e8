/* The dkim command: the DNS records that publish the DKIM keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "dkim.h"
#include "exitcode.h"

static const char dkim_usage[] = "usage: mailer dkim record\n";

/*
 * One zone-file line per selector; values longer than a DNS string are
 * split into several strings, which a resolver joins (RFC 6376 3.6.2.2).
 */
static void
print_record(const struct dkim *d, size_t i)
{
	char *rec = dkim_record_zone(d, i);

	printf("%s._domainkey.%s. IN TXT %s\n", dkim_selector(d, i),
	    dkim_domain(d), rec);
	free(rec);
}

int
cmd_dkim(int argc, char **argv)
{
	struct config *c;
	struct dkim *d;

	if (argc == 2 && (!strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h"))) {
		fputs(dkim_usage, stdout);
		printf("  Prints the DNS TXT record to publish for each DKIM "
		    "selector of the\n  config.  Exit 0; 78 no dkim: section "
		    "or an unusable key.\n");
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "record")) {
		fputs(dkim_usage, stderr);
		return EXIT_USAGE;
	}
	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	if (!c->dkim) {
		fprintf(stderr, "mailer: %s has no dkim: section\n", c->path);
		config_free(c);
		return EXIT_CONFIG;
	}
	if (!(d = dkim_open(c, DKIM_DEMO_MAKE))) {
		config_free(c);
		return EXIT_CONFIG;
	}
	for (size_t i = 0; i < dkim_count(d); i++)
		print_record(d, i);
	dkim_close(d);
	config_free(c);
	return 0;
}
