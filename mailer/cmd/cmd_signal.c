/* The signals of the commands that send (send, run).  See cmd.h. */
#include <signal.h>
#include <string.h>

#include "cmd.h"

volatile sig_atomic_t cmd_stop;

static void
on_signal(int sig)
{
	(void)sig;
	cmd_stop = 1;
}

void
cmd_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a write to a connection the server closed (libetpan's LOGOUT
	 * after a lost session) is an error, not the end of the command */
	signal(SIGPIPE, SIG_IGN);
}
