/*
 * The archive command: builds or updates the public web archive from the
 * issue folders (all of paths.issues unless some are named).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "exitcode.h"

#include "archive.h"
#include "cmd.h"
#include "config.h"
#include "ydoc.h"

#define ARCHIVE_USAGE "archive [ISSUE_DIR...] [--out DIR] [--drafts] " \
	"[--quiet]"

static const char archive_help[] =
    "  Builds or updates the public web archive, a static site: an index,\n"
    "  a page per issue and an Atom feed, from the issue folders named\n"
    "  (default: every issue of paths.issues) into DIR (default\n"
    "  web.archive_dir); --drafts adds issues not published yet (never to\n"
    "  the feed).  Exit 0; 65 a problem in an issue; 73 a file cannot be\n"
    "  written; 75 another build holds the lock;\n"
    "  others: mailer --exit-codes.\n";

int
cmd_archive(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "drafts", no_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct archive_opts o = { 0 };
	struct archive_stats st;
	struct strlist dirs = { 0 };
	struct config *c;
	int ch, quiet = 0, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:dqh", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': o.out = optarg; break;
		case 'd': o.drafts = 1; break;
		case 'q': quiet = 1; break;
		case 'h':
			printf("usage: mailer %s\n%s", ARCHIVE_USAGE,
			    archive_help);
			return 0;
		default:
			fprintf(stderr, "usage: mailer %s\n", ARCHIVE_USAGE);
			return EXIT_USAGE;
		}
	}
	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	for (int i = optind; i < argc; i++)
		strlist_add(&dirs, argv[i]);
	o.dirs = &dirs;
	rc = archive_build(c, &o, &st);
	if (rc == 0 && !quiet)
		printf("archive: %zu issue%s (%zu made again), %zu file%s "
		    "written, %zu removed: %s/index.html\n", st.issues,
		    st.issues == 1 ? "" : "s", st.made, st.written,
		    st.written == 1 ? "" : "s", st.removed, st.out);
	free(st.out);
	strlist_free(&dirs);
	config_free(c);
	return rc;
}
