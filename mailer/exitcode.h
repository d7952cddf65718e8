/*
 * exitcode: the one table of exit codes.  Every command returns one of
 * these (sysexits(3) values; no file but exitcode.c includes sysexits.h),
 * and main.c, the only file that exits, prints the table in its usage
 * text and with --exit-codes.  mailer.1's EXIT STATUS lists the same
 * codes with the same words; tests/t/0610-manpage.t checks the two
 * against `mailer --exit-codes`.
 *
 * The contract, where a choice was made:
 * - a refused login is EXIT_LOGIN (77) for the SMTP relay and the IMAP
 *   mailbox alike: the server's verdict on the credentials, which no
 *   rerun fixes, apart from EXIT_CONFIG (78), which mailer itself found
 *   wrong in its configuration and names by file and line (msmtp draws
 *   the same line);
 * - a server that refuses TLS (no STARTTLS where required, a failed
 *   handshake, an untrusted certificate) is EXIT_TLS (76) for send and
 *   bounces alike, apart from EXIT_UNAVAILABLE (69), a server that is
 *   down: a rerun may cure 69, never 76, and 76 may be an interception;
 * - out of memory is EXIT_OSERR (71) wherever it happens: in mailer's own
 *   allocations (util_oom), in jansson's and cmark's (they allocate
 *   through xmalloc) and where a library says so (libyaml, libetpan,
 *   libmagic, libcrypto, SQLite, scandir; libcurl, gpgme, libunbound and
 *   GnuTLS too, which tests/t/0105 does not reach), never a data or
 *   config error.
 *   Not reached: libetpan's MIME parser can crash in its own cleanup,
 *   glibc's regcomp (under libmagic) can free twice, and libmagic's regex
 *   failure is reported as its own error, 65 (tests/t/0105 counts them).
 */
#ifndef MAILER_EXITCODE_H
#define MAILER_EXITCODE_H

#include <stddef.h>

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 64,	/* EX_USAGE */
	EXIT_DATAERR = 65,	/* EX_DATAERR */
	EXIT_NOINPUT = 66,	/* EX_NOINPUT */
	EXIT_UNAVAILABLE = 69,	/* EX_UNAVAILABLE */
	EXIT_SOFTWARE = 70,	/* EX_SOFTWARE */
	EXIT_OSERR = 71,	/* EX_OSERR */
	EXIT_CANTCREAT = 73,	/* EX_CANTCREAT */
	EXIT_TEMPFAIL = 75,	/* EX_TEMPFAIL */
	EXIT_TLS = 76,		/* EX_PROTOCOL */
	EXIT_LOGIN = 77,	/* EX_NOPERM */
	EXIT_CONFIG = 78	/* EX_CONFIG */
};

struct exit_info {
	enum exit_code code;
	const char *name;	/* the sysexits(3) name, "EX_CONFIG" */
	const char *meaning;	/* a few words, "configuration error" */
	const char *when;	/* when a command returns it, one sentence */
};

/* The table, ascending by code; *n receives its length. */
const struct exit_info *exit_table(size_t *n);

/* The entry for code, or NULL when the code is not in the table. */
const struct exit_info *exit_info(int code);

#endif
