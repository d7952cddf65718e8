/*
 * relays: the pool of transport.relays.  Which relay a connection's next
 * session goes to, and how a relay is named in logs, the journal and
 * status.  No I/O: smtp.c keeps each relay's cool-down and asks here.
 *
 * relay_mode spread (the default) divides the connections among the relays
 * that are up in proportion to their weights; failover sends every
 * connection to the first relay that is up, as mailer did before relay
 * pools.
 */
#ifndef MAILER_RELAYS_H
#define MAILER_RELAYS_H

#include <stddef.h>

enum relay_mode { RELAY_SPREAD, RELAY_FAILOVER };

/*
 * The relay (0..n-1) for connection conn (0-based), or -1 when none is up.
 * up[i] is nonzero when relay i is not cooling down; weight may be NULL
 * (all 1), else each weight[i] >= 1.  Spread: connection k takes the k-th
 * pick of a smooth weighted round robin over the up relays, so connections
 * 0..m-1 divide in proportion to the weights and interleave (weights 2 and
 * 1: A A B A A B ...); a relay that goes down hands its connections to the
 * others, and gets them back when it is up again.
 */
long relays_pick(enum relay_mode mode, const long *weight, const int *up,
    size_t n, long conn);

/*
 * Spread only: the relays (their indexes into idle[0..n)) that none of
 * conns connections goes to while every relay is up (fewer connections
 * than relays, or a weight too small for conns); returns how many.  They
 * are used only while others rest.  Failover: 0, by design.
 */
size_t relays_idle(enum relay_mode mode, const long *weight, size_t n,
    long conns, size_t *idle);

/*
 * url without any user or password in it ("smtp://u:p@h:25" gives
 * "smtp://h:25"): the name a relay goes by outside the transport.  The
 * caller frees it.
 */
char *relays_label(const char *url);

#endif
