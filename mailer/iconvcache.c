/*
 * iconvcache: libetpan opens and closes an iconv descriptor for every
 * conversion (each encoded word of a header, each text part), and
 * iconv_open is a lookup through glibc's gconv modules: 9 % of `bounces
 * parse` over the corpus went there.  The descriptors are kept open
 * instead, a few at a time, and reset to their initial state before each
 * use, which is what a freshly opened one is in.
 */
#include "iconvcache.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "util.h"

#define SLOTS 8	/* charsets in use at once: few */

struct slot {
	char *to, *from;
	iconv_t cd;
};

static struct slot slots[SLOTS];
static size_t victim;	/* the slot the next new charset takes */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* The open descriptor for to/from, or (iconv_t)-1 (unknown charset). */
static iconv_t
lookup(const char *to, const char *from)
{
	struct slot *sl;
	iconv_t cd;

	for (size_t i = 0; i < SLOTS; i++) {
		sl = &slots[i];
		if (sl->to && !strcasecmp(sl->to, to) &&
		    !strcasecmp(sl->from, from))
			return sl->cd;
	}
	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return cd;
	sl = &slots[victim];
	victim = (victim + 1) % SLOTS;
	if (sl->to) {
		iconv_close(sl->cd);
		free(sl->to);
		free(sl->from);
	}
	sl->to = xstrdup(to);
	sl->from = xstrdup(from);
	sl->cd = cd;
	return cd;
}

/*
 * 1 when s[0..n) from fromcode is the same bytes in tocode: 7-bit text
 * from US-ASCII or UTF-8 to UTF-8.  libetpan converts every word of every
 * Content-Type field that way, nearly all of it ASCII, and iconv's set-up
 * costs more than the copy.
 */
static int
same_bytes(const char *tocode, const char *fromcode, const char *s, size_t n)
{
	if (strcasecmp(tocode, "utf-8") || (strcasecmp(fromcode, "us-ascii") &&
	    strcasecmp(fromcode, "utf-8")))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int
iconvcache_conv(const char *tocode, const char *fromcode, const char *s,
    size_t n, char *out, size_t *out_len)
{
	char *ib = (char *)s, *ob = out;
	size_t ibl = n, obl = *out_len;
	iconv_t cd;

	if (same_bytes(tocode, fromcode, s, n)) {
		/* as iconv: what fits, when out is too small */
		if (n < *out_len)
			*out_len = n;
		memcpy(out, s, *out_len);
		return MAIL_CHARCONV_NO_ERROR;
	}
	pthread_mutex_lock(&mu);
	if ((cd = lookup(tocode, fromcode)) == (iconv_t)-1) {
		pthread_mutex_unlock(&mu);
		return MAIL_CHARCONV_ERROR_UNKNOWN_CHARSET;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	for (;;) {
		size_t r = iconv(cd, &ib, &ibl, &ob, &obl);

		/* as libetpan: a byte iconv cannot take is a "?" */
		if (r == (size_t)-1 && errno == EILSEQ && ibl && obl) {
			*ob++ = '?';
			obl--;
			ib++;
			ibl--;
			continue;
		}
		break;	/* all done, cut off at the end, or out full */
	}
	pthread_mutex_unlock(&mu);
	*out_len = (size_t)(ob - out);
	return MAIL_CHARCONV_NO_ERROR;
}

void
iconvcache_install(void)
{
	if (!extended_charconv)
		extended_charconv = iconvcache_conv;
}
