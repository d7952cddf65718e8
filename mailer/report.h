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

/*
 * Appends the report of issue (its id) to out.  title (the issue's title)
 * may be NULL.  cfg gives the templates folder (report.html.mustache) and
 * the lists folder (the lists' names).  j may be NULL: nothing was sent
 * yet.  Returns 0, or -1 after reporting a journal or template error.
 */
int report_html(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, struct buf *out);

/* report_html written atomically to path (mode 0644).  0 / -1. */
int report_write_html(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, const char *path);

#endif
