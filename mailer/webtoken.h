/*
 * webtoken: the tokens in the links that mailer serve mails out to confirm
 * a subscription or an unsubscribe.  A token names a journal row and its
 * expiry, and is bound to its purpose and list by an HMAC under the same
 * key as the VERP tokens:
 *   KIND ID "-" EXPIRY "-" MAC
 *   KIND   's' (confirm a subscription) or 'u' (confirm an unsubscribe)
 *   ID     the journal row (decimal)
 *   EXPIRY Unix time (decimal)
 *   MAC    the first 128 bits of HMAC-SHA256(key, "mailer-web1" NUL KIND
 *          NUL list NUL ID NUL EXPIRY), lowercase hex
 * Nothing personal is in it.  Single use is the journal's business.
 */
#ifndef MAILER_WEBTOKEN_H
#define MAILER_WEBTOKEN_H

#include <stddef.h>
#include <time.h>

#define WEBTOKEN_MAX 80		/* bytes, with the NUL */

enum webtoken_result { WT_OK, WT_BAD, WT_EXPIRED };

/* Writes the token for (kind, list, id, expires) into out[WEBTOKEN_MAX]. */
void webtoken_make(const unsigned char *key, size_t keylen, char kind,
    const char *list, long long id, time_t expires,
    char out[WEBTOKEN_MAX]);

/*
 * Checks token for kind and list at time now: WT_BAD for anything
 * malformed, forged, or made for another kind or list (the MAC is compared
 * in constant time); WT_EXPIRED for a genuine token past its expiry;
 * WT_OK with *id set.  Reports nothing: junk is expected.
 */
enum webtoken_result webtoken_check(const unsigned char *key, size_t keylen,
    char kind, const char *list, const char *token, time_t now,
    long long *id);

/*
 * The 16 lowercase hex digits that follow "web.ID." in the Message-ID of
 * confirmation mail ID of list: the first 64 bits of the MAC of kind 'm'
 * (expiry 0).  Only the key's holder writes them, so a spam report that
 * quotes them comes from someone who saw the mail.  out[17].
 */
#define WEBTOKEN_MSGID_HEX 16
void webtoken_msgid(const unsigned char *key, size_t keylen,
    const char *list, long long id, char out[WEBTOKEN_MSGID_HEX + 1]);

#endif
