/* relays: the relay pool's choice and names.  See relays.h. */
#include "relays.h"

#include <string.h>

#include "util.h"

/* Smooth weighted round robin (as nginx's upstream): interleaved picks. */
static long
spread_pick(const long *weight, const int *up, size_t n, long conn)
{
	long cur[n > 0 ? n : 1], total = 0, best = -1;

	for (size_t i = 0; i < n; i++) {
		cur[i] = 0;
		if (up[i])
			total += weight ? weight[i] : 1;
	}
	if (total == 0)
		return -1;
	for (long k = 0; k <= conn; k++) {
		best = -1;
		for (size_t i = 0; i < n; i++) {
			if (!up[i])
				continue;
			cur[i] += weight ? weight[i] : 1;
			if (best < 0 || cur[i] > cur[best])
				best = (long)i;
		}
		cur[best] -= total;
	}
	return best;
}

long
relays_pick(enum relay_mode mode, const long *weight, const int *up,
    size_t n, long conn)
{
	if (mode == RELAY_SPREAD)
		return spread_pick(weight, up, n, conn < 0 ? 0 : conn);
	for (size_t i = 0; i < n; i++)
		if (up[i])
			return (long)i;
	return -1;
}

size_t
relays_idle(enum relay_mode mode, const long *weight, size_t n, long conns,
    size_t *idle)
{
	int up[n > 0 ? n : 1], used[n > 0 ? n : 1];
	size_t k = 0;

	if (mode != RELAY_SPREAD)
		return 0;
	for (size_t i = 0; i < n; i++)
		up[i] = 1, used[i] = 0;
	for (long c = 0; c < conns; c++) {
		long r = spread_pick(weight, up, n, c);

		if (r >= 0)
			used[r] = 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!used[i])
			idle[k++] = i;
	return k;
}

char *
relays_label(const char *url)
{
	const char *host = strstr(url, "://");
	const char *at, *end;

	if (!host)
		return xstrdup(url);
	host += 3;
	end = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(end - host));
	/* the last '@' before the path ends the user part */
	while (at && memchr(at + 1, '@', (size_t)(end - at - 1)))
		at = memchr(at + 1, '@', (size_t)(end - at - 1));
	if (!at)
		return xstrdup(url);
	return xasprintf("%.*s%s", (int)(host - url), url, at + 1);
}
