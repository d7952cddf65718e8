/*
 * dkim: DKIM signatures (RFC 6376) made by the sender, one per configured
 * key: RSA-SHA256 and Ed25519-SHA256 (RFC 8463), relaxed/relaxed.  The
 * body hash (bh=) is computed once per edition by the caller
 * (dkim_body_hash in dkim_canon.h) and reused for every recipient; only
 * the header hash and the signature are made per message.
 *
 * Library choice.  The canonicalisation and tag list are ours
 * (dkim_canon.c, checked against dkimpy and OpenDKIM in the tests) and
 * the private-key operations are OpenSSL's libcrypto:
 * - libopendkim (2.11, Debian 12) does Ed25519 with OpenSSL 3, but it
 *   takes the body through dkim_body() for every message and every
 *   signature (no way to hand it a precomputed bh=), and it reparses the
 *   PEM private key at every dkim_eom(); per message that is two
 *   canonicalisations and hashes of a ~50 KB body plus two key parses.
 *   Its handles are per message (thread-safe with one per thread).
 * - Nettle (already linked) signs Ed25519 well (0.07 ms), but its RSA is
 *   side-channel silent and slow here: 1.1 ms per RSA-2048 signature
 *   (2.0 ms with blinding; GnuTLS on top of it 3.1 ms), against 0.26 ms
 *   for OpenSSL (`openssl speed rsa2048`).  At 1-2 ms a message two cores
 *   could not keep up with the send path (~0.4 ms a message).
 * So: keys are parsed once (PEM, PKCS#1 or PKCS#8, by libcrypto), hashes
 * are Nettle's SHA-256 like the rest of the tree, and signatures are
 * libcrypto's.  A struct dkim is read-only once open: dkim_sign may run
 * on several threads at once (libcrypto allows concurrent use of an
 * EVP_PKEY that nobody modifies; each call has its own contexts).
 */
#ifndef MAILER_DKIM_H
#define MAILER_DKIM_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "dkim_canon.h"
#include "util.h"

struct dkim;

#define DKIM_RSA_MIN_BITS 1024	/* refused below (RFC 8301) */
#define DKIM_RSA_WARN_BITS 2048	/* warned below */

/* What dkim_open does with a demo key file that does not exist yet. */
enum dkim_demo {
	DKIM_DEMO_MAKE,		/* make it: send, run, dkim record */
	DKIM_DEMO_DEFER		/* say so and leave it out: check, preview */
};

/*
 * Loads c's dkim keys.  With create_demo_key, a key file that does not
 * exist yet is made first (RSA-2048, or Ed25519 for type: ed25519; mode
 * 0600, its folder 0700); with DKIM_DEMO_DEFER it is not made but said
 * on stderr and left out: dkim_count does not count it, dkim_deferred
 * names its selector.  Refuses, naming the file: a key file readable
 * by group or others, one that does not parse (or is encrypted), a key
 * other than RSA or Ed25519, a type: that does not match, RSA under 1024
 * bits; warns under 2048 bits.  Each key then signs a probe and the
 * signature is verified with its public key.  Returns NULL after
 * reporting (a configuration error: exit 78).
 */
struct dkim *dkim_open(const struct config *c, enum dkim_demo demo);
void dkim_close(struct dkim *d);

/* The signing domain (d=), the number of keys, key i's selector. */
const char *dkim_domain(const struct dkim *d);
size_t dkim_count(const struct dkim *d);
const char *dkim_selector(const struct dkim *d, size_t i);
/* The selectors of the demo keys DKIM_DEMO_DEFER left to make. */
const struct strlist *dkim_deferred(const struct dkim *d);
/* "rsa-sha256" or "ed25519-sha256" */
const char *dkim_algorithm(const struct dkim *d, size_t i);

/*
 * Key i's public key in DNS form, the TXT record to publish at
 * SELECTOR._domainkey.DOMAIN: "v=DKIM1; k=rsa; p=BASE64" (p= the DER
 * SubjectPublicKeyInfo) or "v=DKIM1; k=ed25519; p=BASE64" (the raw
 * 32-byte key, RFC 8463).  One string, not split into 255-byte pieces.
 * The caller frees it.
 */
char *dkim_record(const struct dkim *d, size_t i);

/*
 * The same record as zone-file text: quoted strings of at most 255 bytes
 * each ("v=DKIM1; k=rsa; p=MIIB..." "...") that a zone file takes (RFC
 * 1035 3.3) and a verifier joins (RFC 6376 3.6.2.2).  The caller frees it.
 */
char *dkim_record_zone(const struct dkim *d, size_t i);

/*
 * Judges a published TXT record (its strings joined) for key i: 0 when it
 * publishes exactly our public key for our algorithm; -1 with *why set to
 * a static explanation otherwise (syntax error, v= not DKIM1, k= another
 * algorithm, p= empty i.e. revoked, p= another key, h= or s= excluding
 * sha256 or email).  Reports nothing.
 */
int dkim_record_check(const struct dkim *d, size_t i, const char *txt,
    size_t len, const char **why);

/*
 * Appends one "DKIM-Signature:" field (folded, CRLF) per key to out, for
 * the message whose header block is head[0..len) and whose body hash is
 * bh; t is the signing time (t=).  The caller puts them above the head.
 * Safe to call from several threads at once.  Returns 0 / -1 after
 * reporting (a libcrypto failure).
 */
int dkim_sign(const struct dkim *d, const unsigned char bh[DKIM_HASH_LEN],
    const char *head, size_t len, time_t t, struct buf *out);

#endif
