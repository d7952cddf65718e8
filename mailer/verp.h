/*
 * verp: VERP tokens for the envelope sender "bounces+TOKEN@domain"
 * (RFC 5321 4.5.3.1.1: a local part is at most 64 octets).
 *
 * A token is ID || MAC in lowercase base32 without padding (MTAs may fold the
 * case of a local part):
 *   ID  = the first 64 bits of SHA-256(issue NUL list NUL email)   13 chars
 *   MAC = the first 80 bits of HMAC-SHA256(key, "verp1" ID)         16 chars
 * The ID is the journal's token_id: the journal maps it back to (issue, list,
 * email).  The token never carries the address itself.
 */
#ifndef MAILER_VERP_H
#define MAILER_VERP_H

#include <stddef.h>

#define VERP_ID_LEN	13	/* characters of the id part */
#define VERP_TOKEN_LEN	29	/* characters of a whole token */
#define VERP_MIN_KEY	16	/* bytes */

/*
 * Writes the token for (issue, list, email) into out (outsz must exceed
 * VERP_TOKEN_LEN).  Returns 0, or -1 after reporting when out is too small.
 */
int verp_token(const unsigned char *key, size_t keylen, const char *issue,
    const char *list, const char *email, char *out, size_t outsz);

/*
 * The key made ready once for many tokens: HMAC's key setup was a third
 * of a token's cost, paid again for every recipient.  verp_mac_new copies
 * what it needs of key; verp_mac_free wipes that and accepts NULL.
 */
struct verp_mac;
struct verp_mac *verp_mac_new(const unsigned char *key, size_t keylen);
void verp_mac_free(struct verp_mac *m);

/*
 * The token verp_token writes, from the id verp_id wrote for the same
 * (issue, list, email): the same bytes, without hashing the address again.
 * outsz must exceed VERP_TOKEN_LEN.  Returns 0, or -1 after reporting when
 * out is too small or id is no id.
 */
int verp_token_mac(const struct verp_mac *m, const char *id, char *out,
    size_t outsz);

/*
 * 1 when s[0..n) has the form of a token of ours, right or not:
 * VERP_TOKEN_LEN characters of the base32 alphabet, either case.
 * Nothing else after "bounces+" claims to be a token.
 */
int verp_token_form(const char *s, size_t n);

/*
 * Checks token (case-insensitively) and copies its id part, NUL-terminated,
 * into id_out (idsz > VERP_ID_LEN).  The MAC is compared in constant time.
 * Returns 0, or -1 for any malformed or forged token; it reports nothing,
 * because bounces carrying junk are expected.
 */
int verp_check(const unsigned char *key, size_t keylen, const char *token,
    char *id_out, size_t idsz);

/*
 * A Message-ID that carries the token as the last dot-separated part of its
 * local part ("<ISSUE.LIST.SALT.N.TOKEN@domain>", as edition.c writes
 * them), so a bounce whose envelope lost the token can still show which
 * message came back.  Copies the token candidate, lower-cased, into tok
 * (tsz > VERP_TOKEN_LEN) and returns 0; -1 when msgid carries none.  The
 * token is not checked here (verp_check does).
 */
int verp_token_in_msgid(const char *msgid, char *tok, size_t tsz);

/*
 * Replaces, in place, each token of an address "bounces+TOKEN@" or
 * "unsubscribe+TOKEN@" in s (a relay's reply that echoes our envelope
 * sender) with the word TOKEN: a token lets whoever reads it forge that
 * subscriber's bounces or unsubscribe, so none goes into a log.  s stays
 * NUL-terminated; a shorter word is left as it is.
 */
void verp_mask(char *s);

/* The id of (issue, list, email) alone, as verp_token embeds it. */
void verp_id(const char *issue, const char *list, const char *email,
    char id[VERP_ID_LEN + 1]);

/*
 * Reads the key in secret_file: refused when readable by group or others or
 * shorter than VERP_MIN_KEY bytes.  *key is malloc'd; the caller wipes
 * (explicit_bzero) and frees it.  Returns 0 / -1 after reporting.
 */
int verp_load_key(const char *secret_file, unsigned char **key, size_t *len);

/*
 * Creates path holding 32 random bytes, mode 0600, unless it exists.
 * Returns 0 / -1 after reporting.
 */
int verp_make_key(const char *path);

#endif
