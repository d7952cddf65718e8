/* log: syslog redirection through glibc cookie streams.  See log.h. */
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <syslog.h>

#include "config.h"
#include "util.h"

struct sink {
	int prio;
	struct buf line;
};

static ssize_t
sink_write(void *cookie, const char *p, size_t n)
{
	struct sink *s = cookie;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			const char *l = s->line.data ? s->line.data : "";
			size_t pl = strlen(program_invocation_short_name);

			/* syslog names the program already; warnx() did too */
			if (!strncmp(l, program_invocation_short_name, pl) &&
			    !strncmp(l + pl, ": ", 2))
				l += pl + 2;
			syslog(s->prio, "%s", l);
			buf_reset(&s->line);
		} else if (p[i] != '\r') {
			buf_addc(&s->line, p[i]);
		}
	}
	return (ssize_t)n;
}

static struct sink err_sink = { LOG_WARNING, BUF_INIT };
static struct sink out_sink = { LOG_INFO, BUF_INIT };

int
log_setup(const struct config *c)
{
	cookie_io_functions_t io = { NULL, sink_write, NULL, NULL };
	FILE *e, *o;

	if (!c->log || strcmp(c->log, "syslog"))
		return 0;
	openlog("mailer", LOG_PID, LOG_MAIL);
	e = fopencookie(&err_sink, "w", io);
	o = fopencookie(&out_sink, "w", io);
	if (!e || !o)
		return -1;
	setvbuf(e, NULL, _IOLBF, 0);
	setvbuf(o, NULL, _IOLBF, 0);
	stderr = e;
	stdout = o;
	return 0;
}
