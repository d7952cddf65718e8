/*
 * report: the delivery report of one issue as a self-contained HTML page
 * (UTF-8, lang zh-CN, inline CSS and inline SVG; no script and no network
 * resource), rendered from the template report.html.mustache in the
 * templates folder, with figures read from the journal: per list a
 * stacked bar of sent, deferred, failed, bounced hard, bounced soft,
 * unsubscribed and complained; the sends per hour; and a table of the
 * failed and deferred recipients with the server's last reply.
 */
#ifndef MAILER_REPORT_H
#define MAILER_REPORT_H

#include "util.h"

struct config;
struct journal;

/* What went wrong, for the caller's exit code; each is reported once. */
enum report_result {
	REPORT_OK = 0,
	REPORT_TEMPLATE = -1,	/* report.html.mustache missing or invalid */
	REPORT_JOURNAL = -2,	/* a journal query failed */
	REPORT_WRITE = -3,	/* the file could not be written */
};

/*
 * Appends the report of issue (its id) to out.  title (the issue's title)
 * may be NULL.  cfg gives the templates folder (report.html.mustache) and
 * the lists folder (the lists' names).  j may be NULL: nothing was sent
 * yet.  Returns REPORT_OK, REPORT_TEMPLATE or REPORT_JOURNAL.
 */
enum report_result report_html(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, struct buf *out);

/* report_html written atomically to path (mode 0644); or REPORT_WRITE. */
enum report_result report_write_html(struct journal *j,
    const struct config *cfg, const char *issue, const char *title,
    const char *path);

#endif
