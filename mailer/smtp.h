/*
 * smtp: the SMTP back end of transport.h: sends messages to the configured
 * relays over SMTP (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS
 * (RFC 8314) and AUTH (RFC 4954), through libcurl: up to max_connections
 * connections at once, each with its own thread and reused for up to
 * max_messages_per_connection messages.  The caller's callbacks run on
 * the thread that calls smtp_run, never on a connection's.
 *
 * The relay set lives here: each connection's next session goes to the
 * relay relays_pick (relays.h) chooses for it among the relays that are up
 * (weighted, or in order with relay_mode: failover); a relay that gives
 * no session rests for relay_cooldown seconds.  The sender sees messages
 * and outcomes only (transport.h), and each outcome's relay.
 */
#ifndef MAILER_SMTP_H
#define MAILER_SMTP_H

#include <signal.h>

#include "transport.h"

struct config;
struct smtp;

/*
 * Prepares sending to the smtp:// and smtps:// relays of c (other relays
 * are ignored).  password may be NULL; it is copied and wiped at close.
 * Returns NULL after reporting.
 */
struct smtp *smtp_open(const struct config *c, const char *password);

/*
 * transport_run for SMTP (see transport.h).  A relay that fails to give a
 * session (TRANSPORT_CONNFAIL, _TLSFAIL, _AUTHFAIL) is skipped for
 * relay_cooldown seconds and the message is tried on another relay; when
 * no relay is left no new message starts and smtp_run returns -1 after
 * reporting.  Otherwise 0.
 */
int smtp_run(struct smtp *s, transport_next_fn next, transport_done_fn done,
    transport_sync_fn sync, void *arg, volatile sig_atomic_t *stop,
    int flags);

/*
 * transport_wakeup for SMTP: makes a smtp_run waiting for work (after
 * TRANSPORT_NEXT_LATER) ask next() again now.  Safe from any thread.
 */
void smtp_wakeup(struct smtp *s);

/* Finishes the messages in flight, closes the connections (QUIT), frees. */
void smtp_close(struct smtp *s);

#endif
