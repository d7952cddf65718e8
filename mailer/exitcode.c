/* exitcode: the exit-code table.  See exitcode.h. */
#include "exitcode.h"

#include <sysexits.h>

/* the values are sysexits(3)'s: scripts may test either */
_Static_assert(EXIT_USAGE == EX_USAGE, "EX_USAGE");
_Static_assert(EXIT_DATAERR == EX_DATAERR, "EX_DATAERR");
_Static_assert(EXIT_NOINPUT == EX_NOINPUT, "EX_NOINPUT");
_Static_assert(EXIT_UNAVAILABLE == EX_UNAVAILABLE, "EX_UNAVAILABLE");
_Static_assert(EXIT_SOFTWARE == EX_SOFTWARE, "EX_SOFTWARE");
_Static_assert(EXIT_OSERR == EX_OSERR, "EX_OSERR");
_Static_assert(EXIT_CANTCREAT == EX_CANTCREAT, "EX_CANTCREAT");
_Static_assert(EXIT_TEMPFAIL == EX_TEMPFAIL, "EX_TEMPFAIL");
_Static_assert(EXIT_TLS == EX_PROTOCOL, "EX_PROTOCOL");
_Static_assert(EXIT_LOGIN == EX_NOPERM, "EX_NOPERM");
_Static_assert(EXIT_CONFIG == EX_CONFIG, "EX_CONFIG");

static const struct exit_info table[] = {
	{ EXIT_OK, "EX_OK", "success",
	    "the command did what was asked; for send and run, every "
	    "recipient is sent, failed (5xx) or was already" },
	{ EXIT_USAGE, "EX_USAGE", "usage error",
	    "an unknown command or option, a missing or extra argument" },
	{ EXIT_DATAERR, "EX_DATAERR", "data error",
	    "the issue, a list or a template is invalid (file and line are "
	    "named), the relay refused an edition's size (552 5.3.4; its "
	    "recipients are deferred), check --dns found a record that "
	    "fails, or suppress --lift found nothing it may lift" },
	{ EXIT_NOINPUT, "EX_NOINPUT", "input missing",
	    "a file given to bounces parse could not be read" },
	{ EXIT_UNAVAILABLE, "EX_UNAVAILABLE", "service unavailable",
	    "no relay could be reached or gave a session (refused at its "
	    "greeting or our envelope sender) and nothing was sent or "
	    "deferred, the bounce mailbox or the DNS resolver (check --dns) "
	    "could not be reached "
	    "(a relay or mailbox that says nothing to the TLS handshake "
	    "within transport.timeout included), or serve cannot listen on "
	    "its address" },
	{ EXIT_SOFTWARE, "EX_SOFTWARE", "internal error",
	    "the journal is damaged or failed a query or an update after "
	    "it was opened, or libcurl would not start" },
	{ EXIT_OSERR, "EX_OSERR", "system error",
	    "out of memory, or syslog logging could not be set up" },
	{ EXIT_CANTCREAT, "EX_CANTCREAT", "cannot create",
	    "the journal (its file system full or read-only), the lock, a "
	    "Maildir message, an output file or the standard output could "
	    "not be written" },
	{ EXIT_TEMPFAIL, "EX_TEMPFAIL", "temporary failure",
	    "some recipients are deferred, a signal stopped the run, another "
	    "run, lists sync or archive build holds the lock, another "
	    "process held the journal's write lock for 10 s, or the mailbox "
	    "failed mid-run or refused to move a message it recorded: run "
	    "again later" },
	{ EXIT_TLS, "EX_PROTOCOL", "TLS refused",
	    "the relay or mailbox offers no TLS where it is required, the "
	    "handshake failed or its certificate is not trusted; no "
	    "password and no message was sent to it" },
	{ EXIT_LOGIN, "EX_NOPERM", "login refused",
	    "the relay or mailbox refused the username or password" },
	{ EXIT_CONFIG, "EX_CONFIG", "configuration error",
	    "the configuration is invalid (file and line are named), a "
	    "secret is missing or readable by others, a signing key "
	    "(OpenPGP or DKIM) is unusable, imap.folder is not on the "
	    "server, or the server does not create imap.processed_folder" },
};

const struct exit_info *
exit_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const struct exit_info *
exit_info(int code)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if ((int)table[i].code == code)
			return &table[i];
	return NULL;
}
