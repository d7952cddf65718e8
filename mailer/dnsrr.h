/*
 * dnsrr: reads resource record data (RDATA) in DNS wire format, as a
 * resolver hands it over, and writes the names queried for reverse
 * lookups.  RFC 1035 (names, TXT, MX, PTR, A), RFC 3596 (AAAA and
 * ip6.arpa), RFC 7208 section 3.3 and RFC 6376 section 3.6.2.2 (a TXT
 * record's strings are joined with nothing between them).
 *
 * Pure buffer parsers: no I/O, every length checked, any input accepted.
 */
#ifndef MAILER_DNSRR_H
#define MAILER_DNSRR_H

#include <stddef.h>

#include "util.h"

/* A domain name in text: at most 253 characters, escapes take 4 each. */
#define DNSRR_NAME_MAX 1024

/*
 * Appends the character-strings of a TXT record to out, joined.  Returns
 * 0, or -1 when a string runs past the end (out then holds the part read).
 */
int dnsrr_txt(const unsigned char *rd, size_t len, struct buf *out);

/*
 * Reads the uncompressed name at rd[*off..len) into out (no trailing dot;
 * the root is "."), lowercase, other bytes than letters, digits, '-', '_'
 * and '*' as \DDD.  Advances *off past it.  Returns 0, or -1 on a bad or
 * compressed name.
 */
int dnsrr_name(const unsigned char *rd, size_t len, size_t *off,
    char out[DNSRR_NAME_MAX]);

/* MX RDATA: preference and exchange.  0 / -1. */
int dnsrr_mx(const unsigned char *rd, size_t len, unsigned *pref,
    char host[DNSRR_NAME_MAX]);

/* A (len 4) or AAAA (len 16) RDATA as text into out[46].  0 / -1. */
int dnsrr_addr(const unsigned char *rd, size_t len, char out[46]);

/*
 * The name to query for ip's PTR: "25.2.0.192.in-addr.arpa" or the
 * ip6.arpa nibbles.  Returns 0, or -1 when ip is no IPv4 or IPv6 address.
 */
int dnsrr_reverse(const char *ip, char out[DNSRR_NAME_MAX]);

#endif
