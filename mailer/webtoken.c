/* webtoken: HMAC'd confirmation tokens.  See webtoken.h. */
#include "webtoken.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

#define MAC_BYTES 16

static void
mac_hex(const unsigned char *key, size_t keylen, char kind, const char *list,
    long long id, long long expires, char out[2 * MAC_BYTES + 1])
{
	static const char x[] = "0123456789abcdef";
	struct hmac_sha256_ctx h;
	unsigned char mac[MAC_BYTES];
	char msg[64];
	int n;

	hmac_sha256_set_key(&h, keylen, key);
	hmac_sha256_update(&h, 12, (const uint8_t *)"mailer-web1");
	hmac_sha256_update(&h, 1, (const uint8_t *)&kind);
	hmac_sha256_update(&h, 1, (const uint8_t *)"");
	hmac_sha256_update(&h, strlen(list) + 1, (const uint8_t *)list);
	n = snprintf(msg, sizeof msg, "%lld", id);
	hmac_sha256_update(&h, (size_t)n + 1, (const uint8_t *)msg);
	n = snprintf(msg, sizeof msg, "%lld", expires);
	hmac_sha256_update(&h, (size_t)n, (const uint8_t *)msg);
	hmac_sha256_digest(&h, MAC_BYTES, mac);
	for (int i = 0; i < MAC_BYTES; i++) {
		out[2 * i] = x[mac[i] >> 4];
		out[2 * i + 1] = x[mac[i] & 15];
	}
	out[2 * MAC_BYTES] = '\0';
}

void
webtoken_make(const unsigned char *key, size_t keylen, char kind,
    const char *list, long long id, time_t expires, char out[WEBTOKEN_MAX])
{
	char mac[2 * MAC_BYTES + 1];

	mac_hex(key, keylen, kind, list, id, (long long)expires, mac);
	snprintf(out, WEBTOKEN_MAX, "%c%lld-%lld-%s", kind, id,
	    (long long)expires, mac);
}

void
webtoken_msgid(const unsigned char *key, size_t keylen, const char *list,
    long long id, char out[WEBTOKEN_MSGID_HEX + 1])
{
	char mac[2 * MAC_BYTES + 1];

	mac_hex(key, keylen, 'm', list, id, 0, mac);
	memcpy(out, mac, WEBTOKEN_MSGID_HEX);
	out[WEBTOKEN_MSGID_HEX] = '\0';
}

/* A decimal number of 1 to 18 digits at *p, up to '-'; -1 when not. */
static long long
number(const char **p)
{
	const char *s = *p;
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 18 || s[n] != '-' || (s[0] == '0' && n > 1))
		return -1;
	*p = s + n + 1;
	return strtoll(s, NULL, 10);
}

enum webtoken_result
webtoken_check(const unsigned char *key, size_t keylen, char kind,
    const char *list, const char *token, time_t now, long long *id)
{
	char want[2 * MAC_BYTES + 1];
	const char *p;
	long long i, exp;

	if (!token || token[0] != kind)
		return WT_BAD;
	p = token + 1;
	if ((i = number(&p)) < 1 || (exp = number(&p)) < 0 ||
	    strlen(p) != 2 * MAC_BYTES)
		return WT_BAD;
	mac_hex(key, keylen, kind, list, i, exp, want);
	if (!memeql_sec(want, p, 2 * MAC_BYTES))
		return WT_BAD;
	if (exp < (long long)now)
		return WT_EXPIRED;
	*id = i;
	return WT_OK;
}
