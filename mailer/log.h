/*
 * log: where messages go.  By default stderr (cron mails it); with
 * `log: syslog` in the config, stderr and stdout are re-pointed at syslog
 * (facility mail), one record per line, so every warnx() and summary of
 * every module lands there without knowing about it.
 */
#ifndef MAILER_LOG_H
#define MAILER_LOG_H

/* Switches to syslog when c->log says so.  Returns 0 / -1. */
struct config;
int log_setup(const struct config *c);

#endif
